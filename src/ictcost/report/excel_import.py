"""Read a submitted estimate from an Excel workbook into a :class:`ProjectInput` (``excel`` extra).

:func:`load_workbook_project` reads two layouts; every figure the workbook shows goes into the
lines' ``stated`` blocks (and the project's ``stated`` totals), so that
:func:`ictcost.checks.check` can recompute the estimate and compare.

Simple layout
    A workbook anyone can fill in.

    * Sheet **Dự án** (or ``project``): two columns, key | value, one row per key. Keys (English
      or Vietnamese, case and punctuation ignored): ``name`` (*Tên dự án*, required), ``owner``
      (*Chủ đầu tư*), ``preparer`` (*Đơn vị lập*), ``reviewer`` (*Đơn vị thẩm tra*), ``appraiser``
      (*Cơ quan thẩm định*), ``date`` (*Ngày*, required: ``YYYY-MM-DD`` text or an Excel date),
      ``form`` (*Hình thức*, required: ``investment_project``, ``ktkt``, ``rental_plan``,
      ``purchase`` or their Vietnamese titles), ``kind`` (*Loại*: ``du_toan`` or
      ``tong_muc_dau_tu``), and for the contingency ``contingency_on`` (``after_vat`` /
      ``before_vat``), ``contingency_rate`` (Kps, %), ``contingency_volume`` (%) and
      ``contingency_escalation`` (an amount). Rows whose value is empty are skipped; a key not in
      this list is an error.
    * Sheet **Dòng** (or ``lines``): a header row (the first row, among the first ten, that has an
      ``id`` column), then one row per line; empty rows are skipped. Columns, in any order, by
      header (English or Vietnamese): ``id`` (*Mã*), ``component`` (*Khoản mục*: a component key
      or its Vietnamese name), ``name`` (*Tên*), ``method`` (*Phương pháp*: a method key or its
      Vietnamese name), ``vat`` (*Loại thuế*: the VAT category, a row of ``vat-rates`` or
      ``not_applicable``), ``unit`` (*Đơn vị*), ``quantity`` (*Khối lượng*), ``unit_price``
      (*Đơn giá*), ``amount`` (*Thành tiền trước thuế*), ``vat_rate`` (*Thuế suất GTGT*), ``vat``
      again or ``vat_amount`` (*Thuế GTGT*: the VAT amount), ``total`` (*Thành tiền sau thuế*),
      ``basis`` (*Căn cứ*), ``fee_item`` (*Mục định mức*), ``fee_category`` (*Loại định mức*),
      ``fee_base_lines`` (*Dòng cơ sở*: comma-separated line ids), ``model`` (*Model*) and
      ``note`` (*Ghi chú*). A header ``vat`` that appears twice is the category the first time and
      the VAT amount the second time; ``vat_category`` / ``vat_amount`` are unambiguous. The
      columns ``id``, ``component``, ``name``, ``method``, ``vat`` (category) and ``amount`` are
      required; unknown headers are ignored.

      A row with ``fee_item`` becomes a ``norm`` line with a fee block (recomputed by the norm
      engine). A row with both ``quantity`` and ``unit_price`` becomes a unit-price line
      (recomputed as quantity × unit price; for method ``expert`` one expert item, person-days ×
      day rate). Any other row becomes a line whose ``amount`` is the stated amount, with its
      ``basis`` (*"theo bảng tính được nộp"* when empty). The methods ``norm`` (without a fee
      item), ``calculation`` and ``expert`` need inputs a sheet does not hold: such a row becomes
      a ``fixed`` line with the stated amount and a note naming the stated method.
      Every row's ``unit_price``, ``amount``, ``vat_rate``, VAT amount and ``total`` also go to
      ``stated``. A VAT rate cell holding ``KCT`` or ``không chịu thuế`` states the line as not
      subject to VAT (``stated.vat_not_subject``); ``—`` or an empty cell states no rate. A rate
      may be written ``8``, ``8 %`` or as a percentage cell (``8%``, stored as 0.08).
    * Optional sheet **Tổng** (or ``totals``): key | value rows ``amount`` (*Tổng trước thuế*),
      ``vat`` (*Thuế GTGT*), ``contingency`` (*Dự phòng*) and ``total`` (*Tổng cộng*): the
      stated totals.

ictcost layout
    The workbook :func:`ictcost.report.excel.write_xlsx` writes. The project comes from the
    metadata rows of *Tổng hợp* (name, owner, preparer, date, form, kind from the title), the
    stated totals from its subtotal, contingency and *TỔNG CỘNG* rows, and the lines from
    *Chi tiết* (columns found by their headers). The workbook does not record a line's VAT
    category: ``không chịu thuế`` becomes ``software``, ``—`` ``not_applicable``, and a rate the
    first category (``general`` first) whose rate on the project's date is that rate — a rate no
    category has becomes ``general``, so that the check reports it. Lines become unit-price or
    given-amount lines as in the simple layout (a norm, calculation or expert line becomes a
    ``fixed`` line: its inputs are not in the workbook). The contingency input is read back from
    the contingency cell's formula (``ROUND(F…*Kps/100,0)``) when it is one.

Reading values:
    Cells are read with ``data_only=True``, i.e. the value cached by the program that last saved
    the file. A formula cell without a cached value (a workbook written by a program that does
    not calculate, e.g. openpyxl) cannot be read: ictcost computes no formula and raises an
    :class:`~ictcost.errors.InputError` asking to open, recalculate and save the workbook in a
    spreadsheet program first.

Money cells:
    Excel stores every number as a binary double: ``8500000`` is exact, but a cell computed as
    ``=B2*1.1`` may hold ``9350000.000000002``. An integer cell becomes a ``Decimal`` as it is;
    a float cell becomes ``Decimal(str(value))`` (the shortest decimal that reads back as the
    same double) only when that is integral or has at most 2 decimals, and above 2**53 (where
    doubles skip integers) it is refused. Any other float is an error rather than a silent
    rounding: the submitted figure must be written as a whole amount (or rounded by ``ROUND``).
    Text cells are parsed like amounts in YAML (``8.500.000``). Quantities and rates take the
    float's shortest decimal form without that limit.

Errors:
    Every problem found is reported at once in one :class:`~ictcost.errors.InputError`; each
    problem names its cell as ``file!sheet!cell`` (``du-toan.xlsx!Dòng!H7: not a number (got
    'abc')``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import ValidationError

from ictcost.errors import ErrorCode, IctcostError, InputError, Problem
from ictcost.estimate.model import COMPONENTS, METHODS, ProjectInput
from ictcost.money import parse_amount
from ictcost.report.layout import (
    COMPONENT_VI,
    DETAIL,
    DETAIL_HEADER_ROW,
    FORM_VI,
    KIND_VI,
    METHOD_VI,
    STATUS_VI,
    SUMMARY,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from ictcost.norms.registry import NormRegistry

__all__ = ["DEFAULT_BASIS", "Layout", "load_workbook_project"]

Layout = Literal["auto", "ictcost", "simple"]
DEFAULT_BASIS: Final = "theo bảng tính được nộp"
"""The basis of a given-amount line whose basis cell is empty."""

_PROJECT_SHEETS: Final = ("Dự án", "project")
_LINE_SHEETS: Final = ("Dòng", "lines")
_TOTAL_SHEETS: Final = ("Tổng", "totals")
_NEEDS_INPUTS: Final = frozenset({"norm", "calculation", "expert"})
_MAX_EXACT_DOUBLE: Final = 2**53
_NOT_SUBJECT: Final = frozenset({"kct", "khôngchịuthuế", "notsubject"})
_NO_RATE: Final = frozenset({"", "—", "-", "–"})
_CONTINGENCY = re.compile(
    r"^=ROUND\((?P<col>[DF])\d+\*(?P<pct>[0-9.]+)/100,0\)(?:\+(?P<extra>[0-9.]+))?$"
)


def _key(text: object) -> str:
    """Return a header or key in a comparable form: NFC, casefolded, letters and digits only."""
    norm = unicodedata.normalize("NFC", str(text)).casefold()
    return "".join(ch for ch in norm if ch.isalnum())


def _aliases(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(alias): field for field, names in table.items() for alias in (field, *names)}


_PROJECT_KEYS: Final = _aliases(
    {
        "name": ("Tên dự án", "Tên"),
        "owner": ("Chủ đầu tư",),
        "preparer": ("Đơn vị lập", "Đơn vị lập dự toán"),
        "reviewer": ("Đơn vị thẩm tra",),
        "appraiser": ("Cơ quan thẩm định", "Đơn vị thẩm định"),
        "date": ("Ngày",),
        "form": ("Hình thức",),
        "kind": ("Loại",),
        "contingency_on": ("Dự phòng tính trên",),
        "contingency_rate": ("Hệ số dự phòng", "Kps"),
        "contingency_volume": ("Dự phòng khối lượng",),
        "contingency_escalation": ("Dự phòng trượt giá",),
    }
)
_TOTAL_KEYS: Final = _aliases(
    {
        "amount": ("Tổng trước thuế", "Giá trị trước thuế"),
        "vat": ("Thuế GTGT",),
        "contingency": ("Dự phòng", "Chi phí dự phòng"),
        "total": ("Tổng cộng", "Tổng sau thuế"),
    }
)
_LINE_COLUMNS: Final = _aliases(
    {
        "id": ("Mã", "Mã dòng"),
        "component": ("Khoản mục",),
        "name": ("Tên", "Nội dung"),
        "method": ("Phương pháp",),
        "vat_category": ("vat", "Loại thuế", "Nhóm thuế"),
        "unit": ("Đơn vị", "Đơn vị tính", "ĐVT"),
        "quantity": ("Khối lượng", "Số lượng"),
        "unit_price": ("Đơn giá",),
        "amount": ("Thành tiền trước thuế", "Giá trị trước thuế", "Thành tiền"),
        "vat_rate": ("Thuế suất GTGT", "Thuế suất"),
        "vat_amount": ("Thuế GTGT", "Tiền thuế"),
        "total": ("Thành tiền sau thuế", "Giá trị sau thuế"),
        "basis": ("Căn cứ",),
        "fee_item": ("Mục định mức",),
        "fee_category": ("Loại định mức",),
        "fee_base_lines": ("Dòng cơ sở",),
        "model": ("Mã hiệu", "Chủng loại"),
        "note": ("Ghi chú",),
    }
)
_REQUIRED_COLUMNS: Final = ("id", "component", "name", "method", "vat_category", "amount")
_COMPONENT_KEYS: Final = {
    **{_key(vi): key for key, vi in COMPONENT_VI.items()},
    **{_key(c): c for c in COMPONENTS},
}
_METHOD_KEYS: Final = {
    **{_key(vi): key for key, vi in METHOD_VI.items()},
    **{_key(m): m for m in METHODS},
}
_FORM_KEYS: Final = {
    **{_key(vi): key for key, vi in FORM_VI.items()},
    **{_key(f): f for f in FORM_VI},
}
_KIND_KEYS: Final = {
    **{_key(vi): key for key, vi in KIND_VI.items()},
    **{_key(k): k for k in KIND_VI},
}
# ictcost's own export: metadata labels of Tổng hợp, headers of Chi tiết
_SUMMARY_LABELS: Final = {
    _key("Tên dự án:"): "name",
    _key("Chủ đầu tư:"): "owner",
    _key("Đơn vị lập:"): "preparer",
    _key("Ngày:"): "date",
    _key("Hình thức:"): "form",
}
_DETAIL_COLUMNS: Final = {
    "id": "Mã",
    "component": "Khoản mục",
    "name": "Tên",
    "method": "Phương pháp",
    "unit": "Đơn vị",
    "quantity": "Khối lượng",
    "unit_price": "Đơn giá",
    "amount": "Thành tiền trước thuế",
    "vat_rate": "Thuế suất GTGT (%)",
    "vat_amount": "Thuế GTGT",
    "total": "Thành tiền sau thuế",
    "basis": "Căn cứ",
    "formula": "Cách tính",
}


class _Reader:
    """Reads cells of one workbook, collecting located problems instead of stopping at the first."""

    def __init__(self, label: str, values: Workbook, formulas: Workbook) -> None:
        self.label = label
        self.values = values
        self.formulas = formulas
        self.problems: list[tuple[Problem, ErrorCode]] = []
        self.uncached: list[Problem] = []

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
                amount = parse_amount(value, "amount")
            except IctcostError:
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
            key = _key(value)
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
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            self.problem(self.ref(sheet, row, col), "not a VAT rate", text, code="input-amount")
            return None
        return number if number.is_finite() else None

    def date(self, sheet: str, row: int, col: int) -> dt.date | None:
        value = self.raw(sheet, row, col)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
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
        found = choices.get(_key(text))
        if found is None:
            known = ", ".join(sorted(set(choices.values())))
            self.problem(self.ref(sheet, row, col), f"unknown {what} (one of: {known})", text)
        return found


# --- the entry point -----------------------------------------------------------------------------


def load_workbook_project(
    path: Path | str,
    *,
    layout: Layout = "auto",
    registry: NormRegistry | None = None,
) -> ProjectInput:
    """Read a submitted estimate from an ``.xlsx`` workbook.

    Args:
        path: The workbook.
        layout: ``simple`` (sheets *Dự án* and *Dòng*, see the module docstring), ``ictcost``
            (the workbook :func:`~ictcost.report.excel.write_xlsx` writes) or ``auto`` (chosen
            by the sheet names).
        registry: The norm registry used to infer VAT categories in the ictcost layout (default:
            the shipped norms).

    Returns:
        The project, every figure of the workbook in the ``stated`` blocks.

    Raises:
        InputError: the file cannot be read, a sheet or column is missing, a cell is not a
            number or date, a formula has no cached value, or a field is invalid; each problem
            names its cell as ``file!sheet!cell``.
    """
    file = Path(path)
    values, formulas = _open(file)
    reader = _Reader(file.name, values, formulas)
    chosen = _layout(file, values.sheetnames, layout)
    data, marks = (_simple if chosen == "simple" else _ictcost)(reader, registry)
    if reader.uncached:
        raise InputError(
            f"{file.name}: {len(reader.uncached)} formula cell(s) have no cached value; ictcost "
            "reads the values a spreadsheet program stored and computes no formula",
            field="file",
            problems=tuple(reader.uncached),
            hint="open the workbook in Excel or LibreOffice, recalculate it and save it, then "
            "load it again",
        )
    _raise_problems(file, reader)
    return _validate(file, data, marks)


def _open(file: Path) -> tuple[Workbook, Workbook]:
    import openpyxl  # noqa: PLC0415
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        values = openpyxl.load_workbook(file, data_only=True)
        formulas = openpyxl.load_workbook(file, data_only=False)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(
            f"cannot read {file} as an Excel workbook: {exc}",
            field="file",
            hint="check the path; the file must be an .xlsx workbook (Excel 2007 or later)",
        ) from exc
    return values, formulas


def _find_sheet(names: list[str], wanted: tuple[str, ...]) -> str | None:
    for want in wanted:
        for name in names:
            if _key(name) == _key(want):
                return name
    return None


def _layout(file: Path, names: list[str], layout: Layout) -> Literal["ictcost", "simple"]:
    if layout != "auto":
        return layout
    if SUMMARY in names and DETAIL in names:
        return "ictcost"
    if _find_sheet(names, _PROJECT_SHEETS) or _find_sheet(names, _LINE_SHEETS):
        return "simple"
    raise InputError(
        f"{file.name}: cannot tell the layout of the workbook (sheets: {', '.join(names)})",
        field="file",
        hint=f"use the simple layout (sheets '{_PROJECT_SHEETS[0]}' and '{_LINE_SHEETS[0]}') "
        f"or ictcost's own export (sheets '{SUMMARY}' and '{DETAIL}')",
    )


def _raise_problems(file: Path, reader: _Reader) -> None:
    if not reader.problems:
        return
    problems = tuple(p for p, _ in reader.problems)
    raise InputError(
        f"{file.name}: {len(problems)} problem(s) in the workbook",
        code=reader.problems[0][1],
        field="file",
        problems=problems,
        hint="correct each cell listed; docs/concepts/excel-import.md documents the layouts",
    )


def _validate(
    file: Path, data: dict[str, Any], marks: dict[tuple[str | int, ...], str]
) -> ProjectInput:
    try:
        return ProjectInput.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
            key = loc
            while key and key not in marks:
                key = key[:-1]
            where = marks.get(key, file.name)
            field = ".".join(str(p) for p in loc)
            got = err.get("input")
            problems.append(
                Problem(
                    err["msg"].removeprefix("Value error, "),
                    file=where,
                    path=field,
                    got=None if isinstance(got, (dict, list)) else repr(got),
                )
            )
        raise InputError(
            f"{file.name}: {len(problems)} problem(s) in the project",
            field="file",
            problems=tuple(problems),
            hint="correct each cell listed; docs/concepts/excel-import.md documents the layouts",
        ) from None


# --- lines (both layouts) ------------------------------------------------------------------------


_LINE_MARKS: Final = (
    (("id",), "id"),
    (("component",), "component"),
    (("name",), "name"),
    (("method",), "method"),
    (("unit",), "unit"),
    (("quantity",), "quantity"),
    (("basis",), "basis"),
    (("model",), "model"),
    (("vat",), "vat_category"),
    (("vat_rate",), "vat_rate"),
    (("unit_price",), "unit_price"),
    (("amount",), "amount"),
    (("expert",), "quantity"),
    (("stated", "unit_price"), "unit_price"),
    (("stated", "amount"), "amount"),
    (("stated", "vat_rate"), "vat_rate"),
    (("stated", "vat_not_subject"), "vat_rate"),
    (("stated", "vat"), "vat_amount"),
    (("stated", "total"), "total"),
    (("fee",), "fee_item"),
    (("fee", "item"), "fee_item"),
    (("fee", "category"), "fee_category"),
    (("fee", "base_lines"), "fee_base_lines"),
)
"""Which column each field of a line comes from (to name the cell of a validation error)."""


def _line(
    reader: _Reader,
    *,
    sheet: str,
    row: int,
    cols: dict[str, int],
    index: int,
    marks: dict[tuple[str | int, ...], str],
    vat_category: Callable[[Decimal | None, bool], str] | None = None,
) -> dict[str, Any]:
    """Read one line row into the dict of a :class:`LineInput`."""

    def col(name: str) -> int | None:
        return cols.get(name)

    marks["lines", index] = reader.ref(sheet, row)
    for loc, column in _LINE_MARKS:
        if column in cols:
            marks["lines", index, *loc] = reader.ref(sheet, row, cols[column])

    line_id = reader.text(sheet, row, col("id"))
    line_name = reader.text(sheet, row, col("name"))
    method = reader.choice(sheet, row, col("method"), _METHOD_KEYS, "method")
    quantity = reader.number(sheet, row, col("quantity"))
    unit_price = reader.money(sheet, row, col("unit_price"))
    amount = reader.money(sheet, row, col("amount"))
    rate, not_subject = reader.rate(sheet, row, col("vat_rate"))
    vat = reader.money(sheet, row, col("vat_amount"))
    total = reader.money(sheet, row, col("total"))
    fee_item = reader.text(sheet, row, col("fee_item"))
    category = (
        vat_category(rate, not_subject)
        if vat_category is not None
        else reader.text(sheet, row, col("vat_category"))
    )
    data: dict[str, Any] = {
        "id": line_id,
        "component": reader.choice(sheet, row, col("component"), _COMPONENT_KEYS, "component"),
        "name": line_name,
        "method": method,
        "vat": category,
        "unit": reader.text(sheet, row, col("unit")),
        "model": reader.text(sheet, row, col("model")),
    }
    notes = [n for n in (reader.text(sheet, row, col("note")),) if n]
    stated: dict[str, Any] = {
        "amount": amount,
        "vat_rate": rate,
        "vat_not_subject": not_subject,
        "vat": vat,
        "total": total,
    }
    basis = reader.text(sheet, row, col("basis"))
    if fee_item is not None:
        base_text = reader.text(sheet, row, col("fee_base_lines")) or ""
        data["method"] = "norm"
        data["fee"] = {
            "item": fee_item,
            "category": reader.text(sheet, row, col("fee_category")),
            "base_lines": tuple(p.strip() for p in base_text.split(",") if p.strip()),
        }
        data["basis"] = basis
    elif quantity is not None and unit_price is not None and method not in {"norm", "calculation"}:
        stated["unit_price"] = unit_price
        if method == "expert":
            data["expert"] = (
                {"description": line_name, "person_days": quantity, "day_rate": unit_price},
            )
        else:
            data["quantity"] = quantity
            data["unit_price"] = unit_price
        data["basis"] = basis
    else:
        amount_col = col("amount")
        if amount_col is not None and reader.values[sheet].cell(row, amount_col).value is None:
            reader.problem(
                reader.ref(sheet, row, amount_col),
                "an amount is needed: the line has no fee item and no quantity × unit price",
            )
        if method in _NEEDS_INPUTS:
            data["method"] = "fixed"
            notes.append(
                f"stated method: {method} (its inputs are not in the workbook; the stated amount "
                "is taken as given)"
            )
        if quantity is not None:
            stated["unit_price"] = unit_price
            notes.append(f"stated quantity: {quantity} (no unit price to recompute it)")
        data["amount"] = amount
        data["basis"] = basis or DEFAULT_BASIS
    if notes:
        data["note"] = "\n".join(notes)
    data["stated"] = {k: v for k, v in stated.items() if v is not None}
    return data


def _check_ids(
    reader: _Reader, lines: list[dict[str, Any]], marks: dict[tuple[str | int, ...], str]
) -> None:
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        line_id = line.get("id")
        if line_id is None:
            continue
        if line_id in seen:
            where = marks.get(("lines", i, "id"), marks["lines", i])
            first = marks.get(("lines", seen[line_id], "id"), "")
            reader.problem(where, f"line id {line_id!r} is used twice (first at {first})")
        else:
            seen[line_id] = i


def _empty(reader: _Reader, sheet: str, row: int, ncols: int) -> bool:
    ws = reader.values[sheet]
    return all(
        ws.cell(row=row, column=c).value in {None, ""}
        and reader.formulas[sheet].cell(row=row, column=c).value in {None, ""}
        for c in range(1, ncols + 1)
    )


# --- simple layout -------------------------------------------------------------------------------


def _missing_sheet(reader: _Reader, wanted: tuple[str, ...]) -> None:
    names = ", ".join(reader.values.sheetnames)
    reader.problem(
        reader.label,
        f"no sheet '{wanted[0]}' (or '{wanted[1]}'); the workbook has: {names}",
    )


def _key_values(
    reader: _Reader, sheet: str, keys: dict[str, str], what: str
) -> dict[str, tuple[object, int]]:
    """Read key | value rows: field -> (value cell's raw value, row)."""
    ws = reader.values[sheet]
    out: dict[str, tuple[object, int]] = {}
    for row in range(1, ws.max_row + 1):
        label = reader.text(sheet, row, 1)
        if label is None:
            continue
        value = reader.raw(sheet, row, 2)
        field = keys.get(_key(label))
        if field is None:
            if value is not None:
                known = ", ".join(sorted(set(keys.values())))
                reader.problem(
                    reader.ref(sheet, row, 1), f"unknown {what} key (one of: {known})", label
                )
            continue
        if value is None:
            continue
        if field in out:
            reader.problem(reader.ref(sheet, row, 1), f"key {field!r} is given twice", label)
            continue
        out[field] = (value, row)
    return out


def _simple(
    reader: _Reader, _registry: NormRegistry | None
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str]]:
    names = reader.values.sheetnames
    marks: dict[tuple[str | int, ...], str] = {}
    data: dict[str, Any] = {}
    project_sheet = _find_sheet(names, _PROJECT_SHEETS)
    line_sheet = _find_sheet(names, _LINE_SHEETS)
    if project_sheet is None:
        _missing_sheet(reader, _PROJECT_SHEETS)
    else:
        data["project"], contingency = _simple_project(reader, project_sheet, marks)
        if contingency:
            data["contingency"] = contingency
    if line_sheet is None:
        _missing_sheet(reader, _LINE_SHEETS)
    else:
        data["lines"] = _simple_lines(reader, line_sheet, marks)
    total_sheet = _find_sheet(names, _TOTAL_SHEETS)
    if total_sheet is not None:
        stated: dict[str, Any] = {}
        for field, (_, row) in _key_values(reader, total_sheet, _TOTAL_KEYS, "totals").items():
            marks["stated", field] = reader.ref(total_sheet, row, 2)
            stated[field] = reader.money(total_sheet, row, 2)
        data["stated"] = stated
    return data, marks


def _simple_project(
    reader: _Reader, sheet: str, marks: dict[tuple[str | int, ...], str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    found = _key_values(reader, sheet, _PROJECT_KEYS, "project")
    meta: dict[str, Any] = {}
    contingency: dict[str, Any] = {}
    for field, (_, row) in found.items():
        ref = reader.ref(sheet, row, 2)
        if field == "date":
            meta["date"] = reader.date(sheet, row, 2)
        elif field == "form":
            meta["form"] = reader.choice(sheet, row, 2, _FORM_KEYS, "form")
        elif field == "kind":
            meta["kind"] = reader.choice(sheet, row, 2, _KIND_KEYS, "kind")
        elif field == "contingency_on":
            contingency["on"] = reader.text(sheet, row, 2)
            marks["contingency", "on"] = ref
            continue
        elif field in {"contingency_rate", "contingency_volume"}:
            target = "rate_percent" if field == "contingency_rate" else "volume_percent"
            contingency[target] = reader.number(sheet, row, 2)
            marks["contingency", target] = ref
            continue
        elif field == "contingency_escalation":
            contingency["escalation_amount"] = reader.money(sheet, row, 2)
            marks["contingency", "escalation_amount"] = ref
            continue
        else:
            meta[field] = reader.text(sheet, row, 2)
        marks["project", field] = ref
    for required in ("name", "date", "form"):
        if required not in found:
            reader.problem(f"{reader.label}!{sheet}", f"the key '{required}' is missing")
    if contingency:
        marks.setdefault(("contingency",), f"{reader.label}!{sheet}")
    return meta, contingency


def _header(
    reader: _Reader, sheet: str, columns: dict[str, str]
) -> tuple[int, dict[str, int]] | None:
    """Find the header row (the first with an ``id`` column): (row, field -> column)."""
    ws = reader.values[sheet]
    for row in range(1, min(ws.max_row, 10) + 1):
        cols: dict[str, int] = {}
        for col in range(1, ws.max_column + 1):
            value = ws.cell(row=row, column=col).value
            if value is None:
                continue
            field = columns.get(_key(value))
            if field == "vat_category" and _key(value) == "vat" and "vat_category" in cols:
                field = "vat_amount"  # 'vat' twice: the category, then the amount
            if field is not None and field not in cols:
                cols[field] = col
        if "id" in cols:
            return row, cols
    return None


def _simple_lines(
    reader: _Reader, sheet: str, marks: dict[tuple[str | int, ...], str]
) -> list[dict[str, Any]]:
    found = _header(reader, sheet, _LINE_COLUMNS)
    if found is None:
        reader.problem(f"{reader.label}!{sheet}", "no header row with an 'id' (Mã) column")
        return []
    header, cols = found
    for name in _REQUIRED_COLUMNS:
        if name not in cols:
            shown = "vat" if name == "vat_category" else name
            reader.problem(
                reader.ref(sheet, header), f"the column '{shown}' is missing from the header row"
            )
    if any(name not in cols for name in _REQUIRED_COLUMNS):
        return []
    ws = reader.values[sheet]
    lines: list[dict[str, Any]] = []
    for row in range(header + 1, ws.max_row + 1):
        if _empty(reader, sheet, row, ws.max_column):
            continue
        lines.append(_line(reader, sheet=sheet, row=row, cols=cols, index=len(lines), marks=marks))
    marks.setdefault(("lines",), f"{reader.label}!{sheet}")
    _check_ids(reader, lines, marks)
    return lines


# --- ictcost layout ------------------------------------------------------------------------------


def _ictcost(
    reader: _Reader, registry: NormRegistry | None
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str]]:
    names = reader.values.sheetnames
    marks: dict[tuple[str | int, ...], str] = {}
    for sheet in (SUMMARY, DETAIL):
        if sheet not in names:
            reader.problem(
                reader.label,
                f"no sheet '{sheet}' (ictcost's own export); the workbook has: {', '.join(names)}",
            )
    if reader.problems:
        return {}, marks
    meta, stated, contingency = _ictcost_summary(reader, marks)
    data: dict[str, Any] = {"project": meta, "stated": stated}
    if contingency is not None:
        data["contingency"] = contingency
    date = meta.get("date")
    data["lines"] = _ictcost_lines(reader, marks, _vat_inference(registry, date))
    return data, marks


def _ictcost_summary(
    reader: _Reader, marks: dict[tuple[str | int, ...], str]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    sheet = SUMMARY
    ws = reader.values[sheet]
    meta: dict[str, Any] = {}
    title = reader.text(sheet, 1, 1) or ""
    for key, vi in KIND_VI.items():
        if title.endswith(vi):
            meta["kind"] = key
    stated: dict[str, Any] = {}
    contingency: dict[str, Any] | None = None
    for row in range(1, ws.max_row + 1):
        label = _key(reader.values[sheet].cell(row=row, column=2).value or "")
        field = _SUMMARY_LABELS.get(label)
        if field is not None:
            marks["project", field] = reader.ref(sheet, row, 3)
            meta[field] = _summary_meta(reader, row, field)
        elif label == _key("Cộng (chưa gồm dự phòng)"):
            for col, key in ((4, "amount"), (5, "vat")):
                marks["stated", key] = reader.ref(sheet, row, col)
                stated[key] = reader.money(sheet, row, col)
        elif label == _key("Chi phí dự phòng"):
            marks["stated", "contingency"] = reader.ref(sheet, row, 6)
            stated["contingency"] = reader.money(sheet, row, 6)
            contingency = _contingency(reader.formulas[sheet].cell(row=row, column=6).value)
            marks["contingency",] = reader.ref(sheet, row, 6)
        elif label == _key("TỔNG CỘNG"):
            marks["stated", "total"] = reader.ref(sheet, row, 6)
            stated["total"] = reader.money(sheet, row, 6)
    for required in ("name", "date", "form"):
        if required not in meta:
            reader.problem(f"{reader.label}!{sheet}", f"the project's {required} row is missing")
    return meta, stated, contingency


def _summary_meta(reader: _Reader, row: int, field: str) -> object:
    """Return one metadata value of *Tổng hợp* (column C)."""
    if field == "date":
        return reader.date(SUMMARY, row, 3)
    if field == "form":
        return reader.choice(SUMMARY, row, 3, _FORM_KEYS, "form")
    text = reader.text(SUMMARY, row, 3)
    return None if text in {None, "—"} else text


def _contingency(formula: object) -> dict[str, Any] | None:
    """Read the contingency input back from its formula (None when it is a plain number)."""
    m = _CONTINGENCY.match(formula) if isinstance(formula, str) else None
    if m is None:
        return None
    on = "after_vat" if m["col"] == "F" else "before_vat"
    if m["extra"] is None:
        return {"on": on, "rate_percent": Decimal(m["pct"])}
    return {
        "on": on,
        "volume_percent": Decimal(m["pct"]),
        "escalation_amount": Decimal(m["extra"]),
    }


def _vat_inference(
    registry: NormRegistry | None, date: object
) -> Callable[[Decimal | None, bool], str]:
    """Return the rule that picks a VAT category from what *Chi tiết* shows."""
    rates: list[tuple[str, set[Decimal]]] = []
    if isinstance(date, dt.date):
        from ictcost.norms.registry import NormRegistry  # noqa: PLC0415

        try:
            table = (registry or NormRegistry.shipped()).get("vat-rates", date)
        except IctcostError:
            table = None
        if table is not None:
            for row in table.rows():
                if "rate" not in row.values:
                    continue
                cell = row.values["rate"]
                values = {cell.value, *(a.value for a in cell.alternatives)}
                rates.append((row.name, {v for v in values if isinstance(v, Decimal)}))
    rates.sort(key=lambda item: item[0] != "general")

    def infer(rate: Decimal | None, not_subject: bool) -> str:  # noqa: FBT001 - internal callback
        if not_subject:
            return "software"
        if rate is None:
            return "not_applicable"
        return next((name for name, values in rates if rate in values), "general")

    return infer


def _ictcost_lines(
    reader: _Reader,
    marks: dict[tuple[str | int, ...], str],
    vat_category: Callable[[Decimal | None, bool], str],
) -> list[dict[str, Any]]:
    sheet = DETAIL
    ws = reader.values[sheet]
    headers = {
        _key(ws.cell(row=DETAIL_HEADER_ROW, column=c).value or ""): c
        for c in range(1, ws.max_column + 1)
    }
    cols: dict[str, int] = {}
    for field, title in _DETAIL_COLUMNS.items():
        col = headers.get(_key(title))
        if col is None:
            reader.problem(
                reader.ref(sheet, DETAIL_HEADER_ROW),
                f"the column '{title}' is missing from the header row",
            )
        else:
            cols[field] = col
    if reader.problems:
        return []
    lines: list[dict[str, Any]] = []
    for row in range(DETAIL_HEADER_ROW + 1, ws.max_row + 1):
        if _empty(reader, sheet, row, ws.max_column):
            continue
        line = _line(
            reader,
            sheet=sheet,
            row=row,
            cols=cols,
            index=len(lines),
            marks=marks,
            vat_category=vat_category,
        )
        how = reader.text(sheet, row, cols["formula"])
        if how and line.get("method") == "fixed" and line.get("note"):
            line["note"] += f"\nstated computation: {how}"
        lines.append(line)
    marks.setdefault(("lines",), f"{reader.label}!{sheet}")
    _check_ids(reader, lines, marks)
    return lines
