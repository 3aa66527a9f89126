"""Read a project (the input of an estimate) from a YAML or JSON file, an input template, or a dict.

YAML is read with the strict norm reader (exact decimals, duplicate keys refused), JSON with exact
decimals; every problem names its field (``lines[0: TB-01].quantity``: the line's index and id) and,
for YAML, its ``file:line:column``. An Excel workbook (``.xlsx``, ``.xlsm``) is read as the input template of :mod:`ictcost.inputs.template` (``excel`` extra),
each problem at its ``Sheet!Cell``; any other workbook, and any other binary file, is refused with
an error that says what reads it. The input is documented in ``docs/concepts/estimate.md``; its
JSON Schema is ``docs/schema/project.schema.json``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ictcost._internal._problems import MarkMap
from ictcost._internal._validate import typed_args
from ictcost.errors import DOCS_SITE, InputError
from ictcost.inputs._files import MAX_INPUT_BYTES, check_readable, read_input_file
from ictcost.inputs._problems import input_error, item_labels

if TYPE_CHECKING:
    from ictcost.estimate.model import ProjectInput

__all__ = ["WORKBOOK_SUFFIXES", "load_project"]

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
"""The suffixes of the workbooks :func:`load_project` reads as input templates."""
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF_BYTES = 8192


def _sniff(path: Path) -> str:
    """Tell a workbook (``xlsx``), a zip under another name, an ``xls``, binary and text apart."""
    check_readable(path, max_bytes=MAX_INPUT_BYTES)
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(
            f"cannot read {path}: {exc.strerror or exc}", field="file", hint="check the path"
        ) from exc
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return "xlsx"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_OLE_MAGIC) or path.suffix.lower() == ".xls":
        return "xls"
    if b"\x00" in head:
        return "binary"
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte {exc.object[exc.start]:#04x} at position {exc.start})",
            field="file",
            hint="save the file as UTF-8 YAML or JSON; to estimate from Excel, fill the template "
            "that `ictcost template` writes and give the .xlsx file",
        ) from None
    return "text"


def _refuse_binary(path: Path, kind: str) -> InputError:
    if kind == "zip":
        return InputError(
            f"{path}: a zip package (an Excel workbook?) named {path.suffix or 'without a suffix'}",
            field="file",
            hint="if it is the input template, rename it to .xlsx; a project is YAML, JSON or the "
            "template filled in Excel (`ictcost template` writes a blank one)",
        )
    if kind == "xls":
        return InputError(
            f"{path}: an Excel 97–2003 workbook (.xls), which ictcost does not read",
            field="file",
            hint="save it as an Excel workbook (.xlsx); to estimate from Excel, fill the template "
            "that `ictcost template` writes",
        )
    return InputError(
        f"{path}: a binary file, not a project (YAML, JSON or the input template)",
        field="file",
        hint="give the project's YAML or JSON file, or the .xlsx template filled in Excel "
        "(`ictcost template` writes a blank one)",
    )


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
            labels={("lines",): item_labels(data, "lines", "id")},
            hint="correct each field listed; the input is documented at "
            f"{DOCS_SITE}concepts/estimate/ and docs/schema/project.schema.json checks it",
        ) from None


@typed_args
def load_project(source: str | os.PathLike[str] | Mapping[str, Any]) -> ProjectInput:
    """Read a project from a YAML/JSON file, a filled input template (``.xlsx``), or a dict.

    Args:
        source: The file, or a dict of the same shape. A workbook is read by
            :func:`ictcost.inputs.template.read_template` (software input files named in it are
            relative to the workbook's folder).

    Returns:
        The validated project.

    Raises:
        InputError: the file cannot be read, is a workbook other than the input template (the
            message says what reads it) or another binary file, or a field is wrong (each
            problem names its line and field and, for YAML, its ``file:line:column``; for the
            template, its ``Sheet!Cell``).
        ImportError: a workbook is given and openpyxl (the ``excel`` extra) is not installed.

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
    kind = _sniff(path)
    if kind == "xlsx":
        from ictcost.inputs.template import read_template  # noqa: PLC0415 - the excel extra

        return read_template(path)
    if kind != "text":
        raise _refuse_binary(path, kind)
    data, marks = read_input_file(path)
    return _validate(data, str(path), marks)
