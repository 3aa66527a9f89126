"""Reading the cells of a workbook: text, amounts, numbers, VAT rates, dates and keys.

The rules for each kind of cell are documented in :mod:`ictcost.inputs.workbook` (money cells: the
float rule). Every problem is recorded with its cell (``file!sheet!cell``) instead of stopping at
the first, so that the reader reports them all at once.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zipfile
import zlib
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final

from ictcost._internal._coerce import CoercionError, coerce_date, parse_amount_text
from ictcost.errors import ErrorCode, InputError, Problem
from ictcost.inputs._files import check_readable
from ictcost.inputs._xlsx_guard import (
    bound_workbook,
    check_archive,
    occupied_rows,
    require_defusedxml,
    used_columns,
    used_rows,
)
from ictcost.report.layout import STATUS_VI

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "CellReader",
    "aliases",
    "cell_key",
    "occupied_rows",
    "open_xlsx",
    "used_columns",
    "used_rows",
]

_PARSE_ERRORS: Final = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,  # defusedxml's refusals, InvalidFileException's kin, bad numbers
    IndexError,  # a shared string or a style index out of range (D10)
    TypeError,
    AttributeError,
    SyntaxError,  # xml.etree's ParseError and lxml's XMLSyntaxError (D10)
    NotImplementedError,  # an unsupported compression method
    RecursionError,
)
"""What openpyxl raises on a malformed workbook; each becomes an ``InputError``."""


def open_xlsx(file: Path, *, data_only: bool, read_only: bool = False) -> Workbook:
    """Open an ``.xlsx`` file with openpyxl, safely; a file that is not a workbook is an ``InputError``.

    A workbook may come from anyone: before openpyxl parses it, its archive is checked
    (:func:`~ictcost.inputs._xlsx_guard.check_archive`: sizes, compression ratio, entries, no
    DTD, cells per sheet), openpyxl must parse through ``defusedxml``, and any failure of the
    parse (malformed XML, a missing part, an index out of range) becomes an ``InputError``. A
    workbook loaded whole is then bounded by the cells it holds
    (:func:`~ictcost.inputs._xlsx_guard.bound_workbook`): its sheets' ``max_row`` and
    ``max_column`` are those cells' range, frozen, and reading an empty cell does not create
    one. In read-only mode every sheet is streamed once here, so that a damaged sheet fails now
    and not in the caller's loop. Chart sheets hold no cells: they are left out of the workbook
    returned (its ``sheetnames``, ``worksheets``, ``active`` and ``wb[name]`` are those of the
    worksheets), and a workbook of chart sheets only is an ``InputError``.

    Args:
        file: The workbook.
        data_only: Read the cached values (``True``) or the formulas (``False``).
        read_only: Open in openpyxl's streaming mode (for sizing a sheet before loading it).

    Raises:
        InputError: the file is not a regular file (a pipe would block), cannot be opened as
            an Excel 2007+ workbook, or passes a limit of
            :class:`~ictcost.inputs._xlsx_guard.XlsxLimits`
            (:class:`~ictcost.inputs._xlsx_guard.XlsxLimitError`); ``defusedxml`` is missing.
    """
    import openpyxl  # noqa: PLC0415

    check_readable(file, max_bytes=None)
    require_defusedxml()
    check_archive(file)
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        # openpyxl leaves its archive open when a parse fails: open the file here, to close it
        with file.open("rb") as stream:
            workbook = openpyxl.load_workbook(stream, data_only=data_only, read_only=read_only)
            if read_only:  # sheets are parsed lazily: parse them now, then open for the caller
                _stream_sheets(workbook)
                workbook = openpyxl.load_workbook(file, data_only=data_only, read_only=True)
    except (*_PARSE_ERRORS, InvalidFileException) as exc:
        raise InputError(
            f"cannot read {file} as an Excel workbook: {type(exc).__name__}: {exc}",
            field="file",
            hint="check the path; the file must be an .xlsx workbook (Excel 2007 or later), "
            "saved again by the spreadsheet program if it was damaged",
        ) from exc
    _drop_chartsheets(file, workbook)
    if not read_only:
        bound_workbook(file, workbook)
    return workbook


def _drop_chartsheets(file: Path, workbook: Workbook) -> None:
    """Leave the chart sheets out of a workbook read for its cells (they have none)."""
    charts = list(workbook.chartsheets)
    if not charts:
        return
    active = workbook.active
    for chart in charts:
        workbook.remove(chart)
    if not workbook.worksheets:
        workbook.close()
        raise InputError(
            f"{file}: the workbook has no worksheet, only chart sheets "
            f"({', '.join(c.title for c in charts)[:200]})",
            field="file",
            hint="give the workbook that holds the data (a chart sheet has no cells to read)",
        )
    workbook.active = workbook.worksheets.index(active) if active in workbook.worksheets else 0


def _stream_sheets(workbook: Workbook) -> None:
    """Parse every sheet of a read-only workbook once, then close it."""
    try:
        for ws in workbook.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
    finally:
        workbook.close()


_MAX_EXACT_DOUBLE: Final = 2**53
_NOT_SUBJECT: Final = frozenset({"kct", "khôngchịuthuế", "notsubject"})
_NO_RATE: Final = frozenset({"", "—", "-", "–"})


def cell_key(text: object) -> str:
    """Return a header or key in a comparable form: NFC, casefolded, letters and digits only."""
    norm = unicodedata.normalize("NFC", str(text)).casefold()
    return "".join(ch for ch in norm if ch.isalnum())


def aliases(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Map every name of a field (the field itself and its aliases), as :func:`cell_key`, to it."""
    return {cell_key(alias): field for field, names in table.items() for alias in (field, *names)}


class CellReader:
    """Reads cells of one workbook, collecting located problems instead of stopping at the first.

    Args:
        label: The workbook's name in messages (``du-toan.xlsx``).
        values: The workbook opened with cached values (``data_only=True``).
        formulas: The same workbook opened with its formulas.

    Attributes:
        label: The workbook's name in messages.
        values: The workbook with cached values.
        formulas: The workbook with formulas.
        problems: The problems found so far, each with its error code.
        uncached: The formula cells read that have no cached value.
    """

    def __init__(self, label: str, values: Workbook, formulas: Workbook) -> None:
        self.label = label
        self.values = values
        self.formulas = formulas
        self.problems: list[tuple[Problem, ErrorCode]] = []
        self.uncached: list[Problem] = []

    def all_problems(self) -> list[Problem]:
        """The problems found so far, and one for each formula read without a stored value."""
        found = [p for p, _ in self.problems]
        found += [
            Problem(
                "a formula without a stored value: open and save the workbook in Excel or "
                "LibreOffice, or type the value",
                file=p.file,
                got=p.got,
            )
            for p in self.uncached
        ]
        return found

    def ref(self, sheet: str, row: int, col: int | None = None) -> str:
        """Return ``file!sheet!H7`` (or ``file!sheet!7:7`` for a whole row)."""
        if col is None:
            return f"{self.label}!{sheet}!{row}:{row}"
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        return f"{self.label}!{sheet}!{get_column_letter(col)}{row}"

    def problem(
        self,
        ref: str,
        message: str,
        got: object = None,
        *,
        code: ErrorCode = "input-invalid",
    ) -> None:
        """Record a problem at ``ref`` (``file!sheet!cell``), with the value found."""
        got_text = None if got is None else repr(got)
        self.problems.append((Problem(message, file=ref, got=got_text), code))

    def raw(self, sheet: str, row: int, col: int) -> object:
        """Return a cell's (cached) value; a formula without a cached value is recorded."""
        value = self.values[sheet].cell(row=row, column=col).value
        if value is None:
            formula = self.formulas[sheet].cell(row=row, column=col).value
            if isinstance(formula, str) and formula.startswith("="):
                self.uncached.append(
                    Problem(
                        "formula without a cached value",
                        file=self.ref(sheet, row, col),
                        got=formula,
                    )
                )
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value).strip()
            return value or None
        return value

    def text(self, sheet: str, row: int, col: int | None) -> str | None:
        """Return a cell as text (a whole float without its ``.0``), or ``None`` when empty."""
        if col is None:
            return None
        value = self.raw(sheet, row, col)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def money(self, sheet: str, row: int, col: int | None) -> Decimal | None:
        """Return an amount cell as Decimal (see the module docstring for the float rule)."""
        value = None if col is None else self.raw(sheet, row, col)
        if value is None or col is None:
            return None
        ref = self.ref(sheet, row, col)
        amount: Decimal | None = None  # a date, a time, a boolean stay None: not an amount
        if isinstance(value, float):
            return self._float_amount(ref, value)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            amount = Decimal(value)
        elif isinstance(value, str):
            try:
                amount = parse_amount_text(value)
            except CoercionError:
                amount = None
        if amount is None:
            self.problem(ref, "not a number", value, code="input-amount")
        return amount

    def _float_amount(self, ref: str, value: float) -> Decimal | None:
        """Return a float amount by its shortest decimal form, if that is an exact amount."""
        amount = Decimal(str(value))
        problem = None
        if not amount.is_finite():
            problem = "not a finite number"
        elif abs(amount) > _MAX_EXACT_DOUBLE:
            problem = "too large to be stored exactly by Excel (above 2**53); write it as text"
        elif amount != amount.quantize(Decimal("0.01")):
            problem = (
                "an amount with more than 2 decimals (an unrounded formula result?); round it, "
                "e.g. with =ROUND(…,0)"
            )
        if problem is not None:
            self.problem(ref, problem, value, code="input-amount")
            return None
        return amount

    def number(self, sheet: str, row: int, col: int | None) -> Decimal | None:
        """Return a quantity or rate cell as Decimal (a float by its shortest decimal form)."""
        if col is None:
            return None
        value = self.raw(sheet, row, col)
        if value is None:
            return None
        ref = self.ref(sheet, row, col)
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
            self.problem(ref, "not a number", value, code="input-amount")
            return None
        text = str(value).replace(" ", "")
        if isinstance(value, str):
            text = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
        try:
            number = Decimal(text)
        except InvalidOperation:
            self.problem(ref, "not a number", value, code="input-amount")
            return None
        if not number.is_finite():
            self.problem(ref, "not a finite number", value, code="input-amount")
            return None
        return number

    def rate(self, sheet: str, row: int, col: int | None) -> tuple[Decimal | None, bool]:
        """Return a VAT rate cell as (rate in %, not subject to VAT)."""
        if col is None:
            return None, False
        value = self.raw(sheet, row, col)
        if value is None:
            return None, False
        if isinstance(value, str):
            key = cell_key(value)
            if key in _NOT_SUBJECT:
                return None, True
            if value in _NO_RATE:
                return None, False
            value = value.removesuffix("%").strip()
            text_rate = self.number_text(sheet, row, col, value)
            return text_rate, False
        rate = self.number(sheet, row, col)
        fmt = self.values[sheet].cell(row=row, column=col).number_format
        if rate is not None and "%" in str(fmt):
            rate *= 100  # a percentage cell stores 8 % as 0.08
        return (rate.normalize() if rate is not None else None), False

    def number_text(self, sheet: str, row: int, col: int, text: str) -> Decimal | None:
        """Return a VAT rate written as text (``8``, ``8,5``), or ``None`` with a problem."""
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            self.problem(self.ref(sheet, row, col), "not a VAT rate", text, code="input-amount")
            return None
        return number if number.is_finite() else None

    def date(self, sheet: str, row: int, col: int) -> dt.date | None:
        """Return a date cell (a date-time is cut to its date) or ``YYYY-MM-DD`` text."""
        value = self.raw(sheet, row, col)
        if value is None:
            return None
        try:
            return coerce_date(value, allow_datetime=True)
        except CoercionError:
            self.problem(
                self.ref(sheet, row, col),
                "not a date (write YYYY-MM-DD or use a date cell)",
                value,
                code="input-date",
            )
            return None

    def choice(
        self, sheet: str, row: int, col: int | None, choices: dict[str, str], what: str
    ) -> str | None:
        """Return a key given as itself or as its Vietnamese name (the text when unknown)."""
        text = self.text(sheet, row, col)
        if text is None or col is None:
            return None
        for suffix in STATUS_VI.values():
            text = text.removesuffix(suffix)
        found = choices.get(cell_key(text))
        if found is None:
            known = ", ".join(sorted(set(choices.values())))
            self.problem(self.ref(sheet, row, col), f"unknown {what} (one of: {known})", text)
        return found
