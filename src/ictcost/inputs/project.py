"""Read a project (the input of an estimate) from a YAML or JSON file, or a dict.

YAML is read with the strict norm reader (exact decimals, duplicate keys refused), JSON with exact
decimals; every problem names its field (``lines[0: TB-01].quantity``: the line's index and id) and,
for YAML, its ``file:line:column``. The input is documented in ``docs/concepts/estimate.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ictcost._internal._problems import MarkMap
from ictcost.inputs._files import read_input_file
from ictcost.inputs._problems import input_error

if TYPE_CHECKING:
    from ictcost.estimate.model import ProjectInput

__all__ = ["load_project"]


def _line_ids(data: object) -> dict[int, str]:
    lines = data.get("lines") if isinstance(data, Mapping) else None
    if not isinstance(lines, list):
        return {}
    return {i: str(ln.get("id")) for i, ln in enumerate(lines) if isinstance(ln, Mapping)}


def _validate(data: object, file: str | None = None, marks: MarkMap | None = None) -> ProjectInput:
    # imported here: ictcost.estimate re-exports load_project, so this module must not import
    # the estimate package while it loads
    from ictcost.estimate.model import ProjectInput  # noqa: PLC0415

    try:
        return ProjectInput.model_validate(data)
    except ValidationError as exc:
        raise input_error(
            exc,
            data,
            subject="project",
            unnamed="project input",
            file=file,
            marks=marks,
            labels={("lines",): _line_ids(data)},
            hint="correct each field listed; docs/concepts/estimate.md documents the input",
        ) from None


def load_project(source: Path | str | Mapping[str, Any]) -> ProjectInput:
    """Read a project from a YAML/JSON file or a dict.

    Args:
        source: The file, or a dict of the same shape.

    Returns:
        The validated project.

    Raises:
        InputError: the file cannot be read or a field is wrong (each problem names its line and
            field and, for YAML, its ``file:line:column``).

    Examples:
        >>> project = load_project({
        ...     "project": {"name": "Cổng thông tin", "date": "2026-01-15", "form": "ktkt"},
        ...     "lines": [{"id": "TB-01", "component": "thiet_bi", "name": "Máy chủ",
        ...                "method": "quotation", "vat": "general", "quantity": 2,
        ...                "unit_price": "150.000.000", "pick": "lowest",
        ...                "quotes": [{"source": "A", "unit_price": 150_000_000}]}],
        ... })
        >>> project.lines[0].unit_price
        Decimal('150000000')
    """
    if isinstance(source, Mapping):
        return _validate(dict(source))
    path = Path(source)
    data, marks = read_input_file(path)
    return _validate(data, str(path), marks)
