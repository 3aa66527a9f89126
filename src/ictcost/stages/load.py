"""Read a dossier (a project's stage records) from a YAML or JSON file, or a dict.

YAML is read with the strict reader of the project files (exact decimals, duplicate keys refused),
JSON with exact decimals; every problem names its field (``contracts[1: HD-02].value``) and, for
YAML, its ``file:line:column``. The format is documented in ``docs/concepts/stages.md``; its JSON
Schema is ``docs/schema/dossier.schema.json``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ictcost._internal._problems import MarkMap
from ictcost._internal._validate import typed_args
from ictcost.errors import DOCS_SITE, InputError
from ictcost.inputs.files import (
    MAX_INPUT_BYTES,
    check_readable,
    input_error,
    item_labels,
    read_input_file,
)
from ictcost.stages.model import Dossier

__all__ = ["load_dossier"]


def _validate(data: object, file: str | None = None, marks: MarkMap | None = None) -> Dossier:
    if isinstance(data, Mapping) and "dossier" in data and len(data) == 1:
        data = data["dossier"]
    try:
        return Dossier.model_validate(data)
    except ValidationError as exc:
        raise input_error(
            exc,
            data,
            subject="dossier",
            unnamed="dossier input",
            file=file,
            marks=marks,
            labels={
                ("contracts",): item_labels(data, "contracts", "id", "contract"),
                ("acceptances",): item_labels(data, "acceptances", "id", "contract"),
                ("payments",): item_labels(data, "payments", "id", "contract"),
            },
            hint="correct each field listed; the dossier is documented at "
            f"{DOCS_SITE}concepts/stages/ and docs/schema/dossier.schema.json checks it",
        ) from None


@typed_args
def load_dossier(source: str | os.PathLike[str] | Mapping[str, Any]) -> Dossier:
    """Read a dossier from a YAML or JSON file, or a dict of the same shape.

    Args:
        source: The file (its top level is the dossier, or ``{dossier: …}``), or a dict.

    Returns:
        The validated dossier.

    Raises:
        InputError: the file cannot be read, or a field is wrong (each problem names its field
            and, for YAML, its ``file:line:column``).

    Examples:
        >>> d = load_dossier({
        ...     "id": "p1", "name": "Cổng dịch vụ công", "owner": {"name": "Sở KH&CN"},
        ...     "policy": {"total": "12.000.000.000",
        ...                "decision": {"number": "15/NQ-HĐND", "date": "2026-01-10"}},
        ... })
        >>> d.policy.total
        Decimal('12000000000')
    """
    if isinstance(source, Mapping):
        return _validate(dict(source))
    path = Path(source)
    check_readable(path, max_bytes=MAX_INPUT_BYTES)
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls"}:
        raise InputError(
            f"{path}: a workbook is read by ictcost.stages.read_selection_plan (the KHLCNT table), "
            "not as a dossier",
            field="file",
            hint="give the dossier's YAML or JSON file; read a selection-plan workbook with "
            "`read_selection_plan` and put its packages in the dossier",
        )
    data, marks = read_input_file(path)
    return _validate(data, str(path), marks)
