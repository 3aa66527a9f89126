"""An Excel workbook of an estimate, with live formulas an appraiser can follow (``excel`` extra).

Sheets, in order:

* **Tổng hợp** — project metadata, the regime, one row per statutory group (STT, Khoản mục, Ký hiệu,
  Giá trị trước thuế, Thuế GTGT, Giá trị sau thuế), the subtotal, Dự phòng, TỔNG CỘNG, the amount in
  words and the notes.
* **Chi tiết** — every line once: id, group symbol, component, name, method, unit, quantity, unit
  price, pre-VAT amount, VAT rate, VAT, total, basis, computation, citations and notes.
* **Phí theo định mức** — QĐ 1688 fee lines with their table lookups (Gt, Gb, Ga, Nb, Na, Nt,
  weight), the item rate, K, the base and the amount.
* **Phần mềm** — use-case-point lines: the summary rows (symbol, value, formula).
* **Thiết bị** — unit-price lines: quantity, unit price and the quotations or price-list rows.
* **Diễn giải khác** — the breakdown of every other line that has one (expert items, rental terms).
* **Trích dẫn** — every citation of every line and of the contingency.
* **Kiểm tra** — each formula result beside the value ictcost computed, and their difference.

Formulas and cached values:
    The totals are live formulas: in *Chi tiết* ``J = ROUND(H*I,0)`` (quantity × unit price) where
    the line has both, ``L = ROUND(J*K/100,0)`` for taxable lines (0 otherwise) and ``M = J+L``; in
    *Tổng hợp* each group sums *Chi tiết* with ``SUMIFS`` over the group-symbol column, the
    contingency under TT 04/2020 is ``ROUND(base*Kps/100,0)`` on the subtotal, and TỔNG CỘNG is a sum.
    Where a line's amount comes from a breakdown sheet the cell links to it (the software line to
    G_PM, a fee line to ``ROUND(Gi*Ni/100*K,0)``, an expert line to ``ROUND(SUM(items),0)``, a
    quotation line's unit price to ``MEDIAN``/``MIN``/``AVERAGE`` of the quotations). A formula is
    written only when ictcost has checked, in exact ``Decimal``, that it yields the line's value;
    otherwise the value is written as a number.

    openpyxl cannot store a formula together with its result, so :func:`write_xlsx` adds the results
    ictcost computed as the formulas' cached values (``<v>`` in the sheet XML) after openpyxl has
    written the file, and marks the workbook ``fullCalcOnLoad``. Readers that do not calculate
    (``openpyxl`` with ``data_only=True``, pandas, file previews) therefore see ictcost's figures;
    Excel recomputes every formula on opening (and may ask to save on closing); LibreOffice, with
    its default setting (*Recalculation on file load: never*), shows the cached values until a hard
    recalculation (Ctrl+Shift+F9) and recomputes dependent cells as soon as an input is edited.
    ``scripts/recalc_check.py`` recalculates the formulas-only workbook in headless LibreOffice and
    compares every formula cell with ictcost's value. The *Kiểm tra* sheet shows, for every total,
    the formula's result, ictcost's value as a plain number and their difference, which must be 0:
    once the workbook is recalculated, an appraiser sees the check in the spreadsheet itself.
    :func:`build_workbook` returns the openpyxl workbook without cached values, and
    ``write_xlsx(..., cached_values=False)`` writes it so (every application must then calculate).

Number format:
    Money cells are numbers (never text, so sums work) formatted ``#,##0``. A number format cannot
    fix the separator characters: the application shows the thousands separator of its locale
    (``1.234.567`` with Vietnamese settings, ``1,234,567`` with English ones).

Safety:
    Every piece of text (names, bases, notes, citations) is written as a string cell, never a
    formula, even when it starts with ``=``, ``+``, ``-`` or ``@``; such cells also get Excel's
    quote prefix so that editing them does not turn them into formulas. Line ends are written as
    line feeds, characters XML cannot hold are replaced by U+FFFD and text longer than a cell holds
    (32 767 characters) is cut.

The file is written atomically: to a temporary file in the target folder, then renamed over the
target; on any error the existing target is untouched and the temporary file is removed.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import warnings
import zipfile
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ictcost._version import __version__
from ictcost.money import exact, round_vnd, tidy
from ictcost.report.layout import (
    CHECK,
    CITATIONS,
    COMPONENT_VI,
    DETAIL,
    DETAIL_HEADER_ROW,
    EQUIPMENT,
    FEES,
    FORM_VI,
    KIND_VI,
    METHOD_VI,
    OTHER,
    SHEETS,
    SOFTWARE,
    STATUS_VI,
    SUMMARY,
)
from ictcost.report.text import vat_label

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.estimate.result import Estimate, LineResult, PartRow

__all__ = [
    "CHECK",
    "CITATIONS",
    "DETAIL",
    "DETAIL_HEADER_ROW",
    "EQUIPMENT",
    "FEES",
    "OTHER",
    "SHEETS",
    "SOFTWARE",
    "SUMMARY",
    "build_workbook",
    "write_xlsx",
]


MONEY: Final = "#,##0"
"""Money format: the locale's thousands separator, no decimals (the cell stays a number)."""
GENERAL: Final = "General"
DATE: Final = "DD/MM/YYYY"
MAX_CELL_TEXT: Final = 32767
"""The most characters a cell holds (Excel's limit)."""
_FORMULA_START: Final = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Characters XML 1.0 cannot hold (as openpyxl's ``ILLEGAL_CHARACTERS_RE``)."""
_CITATION_TEXT_LIMIT: Final = 400
_LINE_HEIGHT: Final = 15
_MAX_ROW_HEIGHT: Final = 409

_HEADER_FILL = "DDEBF7"
_TOTAL_FILL = "FFF2CC"
_BAD_FILL = PatternFill("solid", fgColor="F8CBAD")
_GOOD_FILL = PatternFill("solid", fgColor="C6EFCE")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

_PICK = re.compile(r"\((lowest|median|mean) of (\d+) quotation\(s\)\)$")
_PICK_FUNCTION = {"lowest": "MIN", "median": "MEDIAN", "mean": "AVERAGE"}
_FEE_TABLE = re.compile(r"^(?P<table>\S+) \((?P<column>[^)]*)\)$")
_FEE_RATE = re.compile(r"^(?P<rate>\S+) %$")
_FEE_DETAIL = re.compile(
    r"^Gt = (?P<gt>\S+) tỷ; Gb = (?P<gb>\S+), Ga = (?P<ga>\S+); "
    r"Nb = (?P<nb>\S+), Na = (?P<na>\S+); weight (?P<w>\S+)$"
)
_FEE_FORMULA = re.compile(r"^(?P<base>[0-9.]+(?:,[0-9]+)?) × (?P<rate>\S+) % × K (?P<k>\S+)")
_FORMULA_CELL = re.compile(
    r'<c r="(?P<ref>[A-Z]+[0-9]+)"(?P<attrs>[^>]*)><f>(?P<f>[^<]*)</f>'
    r"(?:<v\s*/>|<v></v>)?</c>"
)
_SHEET_ENTRY = re.compile(r"<sheet\b[^>]*?>")
_ATTR = re.compile(r'(?P<key>[\w:]+)="(?P<value>[^"]*)"')
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?>")


# --- small helpers -------------------------------------------------------------------------------


def _decimal(text: str | None) -> Decimal | None:
    """Return ``text`` as a finite Decimal, or ``None`` when it is not a plain number."""
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _number(value: Decimal) -> int | Decimal:
    """Return an integral Decimal as ``int`` (written exactly), others unchanged."""
    return int(value) if value == value.to_integral_value() else value


def _literal(value: Decimal) -> str:
    """Return a number as formula text (``5``, ``2.5``; never an exponent)."""
    return format(tidy(value), "f")


def _cached(value: Decimal) -> str:
    """Return the text of a cached numeric value as the sheet XML holds it."""
    if value == value.to_integral_value():
        return str(int(value))
    return repr(float(value))


def _money_or_general(value: Decimal) -> str:
    """Return ``#,##0`` for a whole number, ``General`` for one with decimals (shown in full)."""
    return MONEY if value == value.to_integral_value() else GENERAL


def _clean(text: str) -> str:
    r"""Return text a cell holds as written: ``\n`` line ends, no XML-illegal characters, ≤ 32 767.

    XML readers turn ``\r\n`` and ``\r`` into ``\n``; the other control characters XML 1.0 cannot
    hold become U+FFFD.
    """
    out = _ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(out) > MAX_CELL_TEXT:
        out = out[: MAX_CELL_TEXT - 1] + "…"
    return out


def _sheet_ref(sheet: str, coordinate: str) -> str:
    """Return a reference to a cell of another sheet: ``'Chi tiết'!J5``."""
    return f"'{sheet}'!{coordinate}"


def _citation_text(line: LineResult) -> str:
    """Return a line's citations in one cell: ``ref = value [instrument]; …`` (cut when long)."""
    parts = [
        f"{c.ref} = {c.value if c.value is not None else '—'} [{c.instrument}]"
        for c in line.citations
    ]
    out: list[str] = []
    size = 0
    for i, part in enumerate(parts):
        if size + len(part) > _CITATION_TEXT_LIMIT and out:
            out.append(f"… và {len(parts) - i} trích dẫn khác (xem sheet '{CITATIONS}')")
            break
        out.append(part)
        size += len(part) + 2
    return "; ".join(out)


def _line_notes(line: LineResult) -> str:
    notes = list(line.notes)
    if line.flags:
        notes.append("Cờ: " + ", ".join(line.flags))
    return "\n".join(notes)


# --- the builder ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    """The look of a cell; the workbook's styles are made once per distinct look."""

    bold: bool = False
    italic: bool = False
    size: int | None = None
    fmt: str = GENERAL
    wrap: bool = False
    horizontal: str | None = None
    vertical: str | None = None
    indent: int = 0
    box: bool = False
    fill: str | None = None
    quote_prefix: bool = False


_PLAIN: Final = _Style()


class _Book:
    """A workbook being built, with the value of every formula written (for the cache)."""

    def __init__(self) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        for title in SHEETS:
            self.wb.create_sheet(title)
        self.cache: dict[str, dict[str, Decimal]] = {title: {} for title in SHEETS}
        self.looks: dict[str, dict[tuple[int, int], _Style]] = {title: {} for title in SHEETS}
        """The look of each styled cell, applied at the end by :meth:`finish`."""
        self._transitions: dict[tuple[_Style, tuple[tuple[str, object], ...]], _Style] = {}
        self.unit_price_ref: dict[str, tuple[str, Decimal]] = {}
        """Lines whose unit price is a formula elsewhere: (reference, value)."""
        self.amount_ref: dict[str, tuple[str, Decimal]] = {}
        """Lines whose amount is a formula elsewhere: (reference, value)."""
        self.checks: list[tuple[str, str, str, Decimal]] = []
        """Rows of *Kiểm tra*: (label, sheet, coordinate, ictcost's value)."""

    def ws(self, title: str) -> Worksheet:
        return self.wb[title]

    def style(self, ws: Worksheet, row: int, col: int, **changes: bool | int | str) -> None:
        """Change aspects of a cell's look (the fields of :class:`_Style`)."""
        looks = self.looks[ws.title]
        old = looks.get((row, col), _PLAIN)
        key = (old, tuple(changes.items()))
        new = self._transitions.get(key)
        if new is None:
            fields: dict[str, Any] = changes
            new = self._transitions[key] = replace(old, **fields)
        looks[row, col] = new

    def text(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        value: str | None,
        *,
        bold: bool = False,
        wrap: bool = False,
    ) -> None:
        """Write text as a string cell (never a formula, whatever it starts with)."""
        if value is None:
            return
        clean = _clean(value)
        cell = ws.cell(row=row, column=col)
        cell.value = clean
        cell.data_type = "s"  # openpyxl makes "=…" a formula: force a string
        if clean.startswith(_FORMULA_START):
            # the quote prefix keeps "=…", "+…", "-…", "@…" text when the cell is edited in Excel
            self.style(ws, row, col, quote_prefix=True)
        if bold:
            self.style(ws, row, col, bold=True)
        if wrap:
            self.style(ws, row, col, wrap=True, vertical="top")

    def num(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        value: Decimal | None,
        *,
        fmt: str = MONEY,
        bold: bool = False,
    ) -> None:
        """Write a number (a numeric cell with a number format)."""
        if value is None:
            return
        ws.cell(row=row, column=col).value = _number(value)
        self.style(ws, row, col, fmt=fmt, bold=bold)

    def formula(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        formula: str,
        value: Decimal,
        *,
        fmt: str = MONEY,
        bold: bool = False,
    ) -> None:
        """Write a formula and remember ictcost's value of it (the cached value)."""
        cell = ws.cell(row=row, column=col)
        cell.value = "=" + formula
        self.style(ws, row, col, fmt=fmt, bold=bold)
        self.cache[ws.title][cell.coordinate] = value

    def check(self, label: str, ws: Worksheet, row: int, col: int, value: Decimal) -> None:
        """Add a *Kiểm tra* row for a cell."""
        coordinate = f"{get_column_letter(col)}{row}"
        self.checks.append((label, ws.title, coordinate, value))

    def finish(self) -> None:
        """Apply the looks (one openpyxl style per distinct look) and size the wrapped rows."""
        made: dict[_Style, Any] = {}
        for title, looks in self.looks.items():
            ws = self.wb[title]
            for (row, col), look in looks.items():
                cell = ws.cell(row=row, column=col)
                if look in made:
                    cell._style = copy(made[look])
                    continue
                _apply(cell, look)
                made[look] = copy(cell._style)
            _fit_rows(ws, looks)


def _apply(cell: Cell, look: _Style) -> None:
    """Give a cell a look through openpyxl's style attributes."""
    if look.bold or look.italic or look.size:
        cell.font = Font(bold=look.bold, italic=look.italic, size=look.size)
    cell.number_format = look.fmt
    if look.wrap or look.horizontal or look.vertical or look.indent:
        cell.alignment = Alignment(
            horizontal=look.horizontal,
            vertical=look.vertical,
            wrap_text=look.wrap or None,
            indent=look.indent,
        )
    if look.box:
        cell.border = _BOX
    if look.fill:
        cell.fill = PatternFill("solid", fgColor=look.fill)
    if look.quote_prefix:
        cell.quotePrefix = True


def _fit_rows(ws: Worksheet, looks: dict[tuple[int, int], _Style]) -> None:
    """Set the height of rows with wrapped text from an estimate of their line count.

    Not every application sizes such rows itself when it opens a file (LibreOffice does not). Rows
    given a height explicitly keep it.
    """
    lines: dict[int, int] = {}
    for (row, col), look in looks.items():
        value = ws.cell(row=row, column=col).value
        if not look.wrap or not isinstance(value, str):
            continue
        width = ws.column_dimensions[get_column_letter(col)].width or 8.43
        per_line = max(1, int(width * 1.2))
        count = sum(-(-max(len(part), 1) // per_line) for part in value.split("\n"))
        lines[row] = max(lines.get(row, 1), count)
    for row, count in lines.items():
        if count > 1 and ws.row_dimensions[row].height is None:
            ws.row_dimensions[row].height = min(_MAX_ROW_HEIGHT, _LINE_HEIGHT * count + 2)


def _table(
    book: _Book,
    ws: Worksheet,
    header_row: int,
    headers: Sequence[tuple[str, float]],
    *,
    freeze_col: int = 1,
    paper: str = "A4",
) -> None:
    """Write a header row (bold, filled, boxed), column widths, frozen panes and print setup."""
    for col, (title, width) in enumerate(headers, 1):
        book.text(ws, header_row, col, title)
        book.style(
            ws,
            header_row,
            col,
            bold=True,
            fill=_HEADER_FILL,
            box=True,
            horizontal="center",
            vertical="center",
            wrap=True,
        )
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False


def _title(book: _Book, ws: Worksheet, title: str, subtitle: str) -> None:
    book.text(ws, 1, 1, title)
    book.style(ws, 1, 1, bold=True, size=14)
    book.text(ws, 2, 1, subtitle)


def _box_rows(book: _Book, ws: Worksheet, first: int, last: int, ncols: int) -> None:
    """Draw the cell borders of table rows, their content at the top of the cells."""
    for row in range(first, last + 1):
        for col in range(1, ncols + 1):
            book.style(ws, row, col, box=True, vertical="top")


# --- breakdown sheets (written first: Chi tiết links to them) ------------------------------------


def _pick_formula(line: LineResult, first: int, last: int) -> tuple[str, Decimal] | None:
    """Return the unit-price formula over the quotation rows, if it yields the line's price."""
    m = _PICK.search(line.formula)
    prices = [_decimal(p.value) for p in line.parts]
    if m is None or line.unit_price is None or not prices or None in prices:
        return None
    values = sorted(p for p in prices if p is not None)
    if int(m.group(2)) != len(values):
        return None
    with exact():
        if m.group(1) == "lowest":
            value = values[0]
        elif m.group(1) == "median":
            mid = len(values) // 2
            value = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
        else:
            value = sum(values, Decimal(0)) / len(values)
    if value != line.unit_price:
        return None
    return f"{_PICK_FUNCTION[m.group(1)]}(F{first}:F{last})", line.unit_price


def _equipment(book: _Book, estimate: Estimate) -> None:
    ws = book.ws(EQUIPMENT)
    _title(book, ws, "ĐƠN GIÁ THIẾT BỊ VÀ CÁC KHOẢN TÍNH THEO KHỐI LƯỢNG", "Đơn vị tính: đồng")
    header = 3
    _table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Mã dòng", 10),
            ("Tên / nguồn báo giá", 46),
            ("Đơn vị", 10),
            ("Khối lượng", 11),
            ("Đơn giá", 16),
            ("Thành tiền trước thuế", 18),
            ("Ngày / tham chiếu", 22),
            ("Cách xác định", 40),
        ],
        freeze_col=3,
    )
    row = header + 1
    lines = [ln for ln in estimate.lines if ln.quantity is not None and ln.unit_price is not None]
    for n, line in enumerate(lines, 1):
        assert line.quantity is not None
        assert line.unit_price is not None
        line_row = row
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, line.id, bold=True)
        book.text(ws, row, 3, line.name, bold=True, wrap=True)
        book.text(ws, row, 4, line.unit)
        book.num(ws, row, 5, line.quantity, fmt=GENERAL)
        book.text(ws, row, 9, line.formula, wrap=True)
        for i, part in enumerate(line.parts, 1):
            r = line_row + i
            book.text(ws, r, 3, f"– {part.label}", wrap=True)
            book.style(ws, r, 3, indent=1)
            value = _decimal(part.value)
            if value is not None:
                book.num(ws, r, 6, value)
            else:
                book.text(ws, r, 6, part.value)
            book.text(ws, r, 8, part.detail, wrap=True)
        pick = _pick_formula(line, line_row + 1, line_row + len(line.parts)) if line.parts else None
        if pick is not None:
            book.formula(ws, line_row, 6, pick[0], pick[1], bold=True)
            book.unit_price_ref[line.id] = (_sheet_ref(EQUIPMENT, f"F{line_row}"), pick[1])
        else:
            book.num(ws, line_row, 6, line.unit_price, bold=True)
        with exact():
            product = line.quantity * line.unit_price
        if round_vnd(product) == line.amount:
            book.formula(ws, line_row, 7, f"ROUND(E{line_row}*F{line_row},0)", line.amount)
        else:
            book.num(ws, line_row, 7, line.amount)
        book.style(ws, line_row, 7, bold=True)
        row = line_row + len(line.parts) + 1
    _box_rows(book, ws, header + 1, row - 1, 9)


def _fee_parts(
    line: LineResult,
) -> tuple[list[tuple[PartRow, re.Match[str], re.Match[str], re.Match[str]]], list[PartRow]]:
    """Split a fee line's parts into parsed table lookups and K coefficients (or fail: [])."""
    lookups: list[tuple[PartRow, re.Match[str], re.Match[str], re.Match[str]]] = []
    ks: list[PartRow] = []
    for part in line.parts:
        if part.label.startswith("K "):
            ks.append(part)
            continue
        table = _FEE_TABLE.match(part.label)
        rate = _FEE_RATE.match(part.value)
        detail = _FEE_DETAIL.match(part.detail or "")
        if table is None or rate is None or detail is None:
            return [], []
        lookups.append((part, table, rate, detail))
    return lookups, ks


def _interpolation(
    row: int,
    *,
    gt: Decimal,
    gb: Decimal | None,
    ga: Decimal | None,
    nb: Decimal | None,
    na: Decimal | None,
) -> tuple[str, Decimal] | None:
    """Return the Nt formula of a lookup row (columns D..H) and its exact value."""
    if gb is None and ga is not None and na is not None:  # below the range: the first rate
        return f"H{row}", na
    if ga is None and gb is not None and nb is not None:  # above the range: the last rate
        return f"G{row}", nb
    if gb is None or ga is None or nb is None or na is None:
        return None
    if ga == gb:
        return f"G{row}", nb
    with exact():
        value = nb - (nb - na) * (gt - gb) / (ga - gb)
    return f"G{row}-(G{row}-H{row})*(D{row}-E{row})/(F{row}-E{row})", value


def _fees(book: _Book, estimate: Estimate) -> None:  # noqa: PLR0912, PLR0915 - one table, one pass
    ws = book.ws(FEES)
    _title(
        book,
        ws,
        "CHI PHÍ TÍNH THEO ĐỊNH MỨC TỶ LỆ (QĐ 1688/QĐ-BTTTT)",
        "Ci = Gi × Ni × Kđc; Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb). Đơn vị: đồng, tỷ đồng, %",
    )
    header = 3
    _table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Mã dòng", 10),
            ("Tên / bảng tra", 40),
            ("Gt (tỷ)", 12),
            ("Gb (tỷ)", 9),
            ("Ga (tỷ)", 9),
            ("Nb (%)", 9),
            ("Na (%)", 9),
            ("Nt (%)", 11),
            ("Trọng số", 9),
            ("Nt × trọng số (%)", 12),
            ("Tỷ lệ Ni (%)", 11),
            ("Hệ số K", 9),
            ("Cơ sở tính Gi (đồng)", 17),
            ("Thành tiền trước thuế", 17),
            ("Ghi chú", 50),
        ],
        freeze_col=3,
    )
    row = header + 1
    lines = [ln for ln in estimate.lines if ln.method == "norm"]
    for n, line in enumerate(lines, 1):
        line_row = row
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, line.id, bold=True)
        book.text(ws, row, 3, line.name, bold=True, wrap=True)
        book.text(ws, row, 16, "\n".join([line.formula, *line.notes]), wrap=True)
        lookups, ks = _fee_parts(line)
        parsed = bool(lookups)
        weighted_total = Decimal(0)
        r = line_row
        for part, table, rate, detail in lookups:
            r += 1
            book.text(ws, r, 3, f"– Bảng {table['table']} (cột {table['column']})")
            book.style(ws, r, 3, indent=1)
            gt, gb, ga = (_decimal(detail[k]) for k in ("gt", "gb", "ga"))
            nb, na, weight = (_decimal(detail[k]) for k in ("nb", "na", "w"))
            nt = _decimal(rate["rate"])
            for col, value in ((4, gt), (5, gb), (6, ga), (7, nb), (8, na), (10, weight)):
                book.num(ws, r, col, value, fmt=GENERAL)
            interp = (
                _interpolation(r, gt=gt, gb=gb, ga=ga, nb=nb, na=na) if gt is not None else None
            )
            if nt is None or weight is None:
                parsed = False
                book.text(ws, r, 9, part.value)
                continue
            if interp is not None and interp[1] == nt:
                book.formula(ws, r, 9, interp[0], nt, fmt=GENERAL)
            else:
                book.num(ws, r, 9, nt, fmt=GENERAL)
            with exact():
                weighted = nt * weight
                weighted_total += weighted
            book.formula(ws, r, 11, f"I{r}*J{r}", weighted, fmt=GENERAL)
        k_rows: list[int] = []
        k_product = Decimal(1)
        for part in ks:
            r += 1
            book.text(ws, r, 3, f"– Hệ số {part.label}")
            book.style(ws, r, 3, indent=1)
            k = _decimal(part.value)
            if k is None:
                parsed = False
                book.text(ws, r, 13, part.value)
                continue
            book.num(ws, r, 13, k, fmt=GENERAL)
            k_rows.append(r)
            with exact():
                k_product *= k
        first_part, last_part = line_row + 1, r
        # the item rate Ni
        rate_ok = parsed and line.rate_percent is not None and weighted_total == line.rate_percent
        if rate_ok and line.rate_percent is not None:
            book.formula(
                ws, line_row, 12, f"SUM(K{first_part}:K{last_part})", line.rate_percent, fmt=GENERAL
            )
        else:
            book.num(ws, line_row, 12, line.rate_percent, fmt=GENERAL)
        # the coefficient K
        fm = _FEE_FORMULA.match(line.formula)
        k_stated = _decimal(fm["k"]) if fm else None
        if k_rows and k_stated == k_product:
            refs = ",".join(f"M{x}" for x in k_rows)
            book.formula(ws, line_row, 13, f"PRODUCT({refs})", k_product, fmt=GENERAL)
        elif k_stated is not None:
            book.num(ws, line_row, 13, k_stated, fmt=GENERAL)
        # the base Gi
        base: Decimal | None = None
        if fm is not None:
            whole, _, frac = fm["base"].partition(",")
            base = _decimal(whole.replace(".", "") + (f".{frac}" if frac else ""))
        book.num(ws, line_row, 14, base)
        # the amount
        minimum = "minimum_applied" in line.flags
        amount_ok = False
        if base is not None and line.rate_percent is not None and k_stated is not None:
            with exact():
                raw = base * line.rate_percent / 100 * k_stated
            amount_ok = not minimum and round_vnd(raw) == line.amount
        if amount_ok:
            book.formula(
                ws, line_row, 15, f"ROUND(N{line_row}*L{line_row}/100*M{line_row},0)", line.amount
            )
            book.amount_ref[line.id] = (_sheet_ref(FEES, f"O{line_row}"), line.amount)
        else:
            book.num(ws, line_row, 15, line.amount)
            if minimum:
                book.text(
                    ws,
                    line_row,
                    16,
                    "Áp dụng mức tối thiểu.\n" + "\n".join([line.formula, *line.notes]),
                    wrap=True,
                )
        book.style(ws, line_row, 15, bold=True)
        row = r + 1
    _box_rows(book, ws, header + 1, row - 1, 16)


def _is_software(line: LineResult) -> bool:
    """Whether a line is a use-case-point calculation (a rental annuity is a calculation too)."""
    return line.method == "calculation" and line.component == "phan_mem_noi_bo"


def _software(book: _Book, estimate: Estimate) -> None:
    ws = book.ws(SOFTWARE)
    _title(
        book,
        ws,
        "CHI PHÍ PHẦN MỀM NỘI BỘ (PHƯƠNG PHÁP ĐIỂM TRƯỜNG HỢP SỬ DỤNG)",
        "Các chỉ số tổng hợp của bảng tính; chi tiết đầu vào ở hồ sơ tính toán phần mềm",
    )
    header = 3
    _table(
        book,
        ws,
        header,
        [("STT", 6), ("Mã dòng", 10), ("Ký hiệu", 18), ("Giá trị", 20), ("Cách tính", 60)],
        freeze_col=3,
    )
    row = header + 1
    lines = [ln for ln in estimate.lines if _is_software(ln)]
    for n, line in enumerate(lines, 1):
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, line.id, bold=True)
        book.text(ws, row, 3, line.name, bold=True)
        book.text(ws, row, 5, line.formula, wrap=True)
        for part in line.parts:
            row += 1
            book.text(ws, row, 3, part.label)
            value = _decimal(part.value)
            if value is None:
                book.text(ws, row, 4, part.value)
            else:
                book.num(ws, row, 4, value, fmt=_money_or_general(value), bold=part.label == "G_PM")
                if part.label == "G_PM" and round_vnd(value) == line.amount:
                    book.amount_ref[line.id] = (_sheet_ref(SOFTWARE, f"D{row}"), value)
            book.text(ws, row, 5, part.detail, wrap=True)
        for note in line.notes:
            row += 1
            book.text(ws, row, 5, note, wrap=True)
        row += 1
    _box_rows(book, ws, header + 1, row - 1, 5)


def _other(book: _Book, estimate: Estimate) -> None:
    ws = book.ws(OTHER)
    _title(book, ws, "DIỄN GIẢI CÁC KHOẢN KHÁC", "Dự toán chuyên gia, thuê dịch vụ … Đơn vị: đồng")
    header = 3
    _table(
        book,
        ws,
        header,
        [("STT", 6), ("Mã dòng", 10), ("Hạng mục", 50), ("Giá trị", 18), ("Diễn giải", 50)],
        freeze_col=3,
    )
    row = header + 1
    lines = [
        ln
        for ln in estimate.lines
        if ln.parts
        and not _is_software(ln)
        and ln.method != "norm"
        and not (ln.quantity is not None and ln.unit_price is not None)
    ]
    for n, line in enumerate(lines, 1):
        line_row = row
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, line.id, bold=True)
        book.text(ws, row, 3, line.name, bold=True, wrap=True)
        book.text(ws, row, 5, line.formula, wrap=True)
        values = [_decimal(p.value) for p in line.parts]
        for part, value in zip(line.parts, values, strict=True):
            row += 1
            book.text(ws, row, 3, f"– {part.label}", wrap=True)
            book.style(ws, row, 3, indent=1)
            if value is None:
                book.text(ws, row, 4, part.value)
            else:
                book.num(ws, row, 4, value, fmt=_money_or_general(value))
            book.text(ws, row, 5, part.detail, wrap=True)
        summable = line.method == "expert" and None not in values
        if summable:
            total = sum((v for v in values if v is not None), Decimal(0))
            summable = round_vnd(total) == line.amount
        if summable:
            book.formula(ws, line_row, 4, f"ROUND(SUM(D{line_row + 1}:D{row}),0)", line.amount)
            book.amount_ref[line.id] = (_sheet_ref(OTHER, f"D{line_row}"), line.amount)
        else:
            book.num(ws, line_row, 4, line.amount)
        book.style(ws, line_row, 4, bold=True)
        row += 1
    _box_rows(book, ws, header + 1, row - 1, 5)


# --- Chi tiết ------------------------------------------------------------------------------------

_DETAIL_HEADERS: Final = (
    ("STT", 6),
    ("Mã", 10),
    ("Nhóm", 9),
    ("Khoản mục", 14),
    ("Tên", 34),
    ("Phương pháp", 16),
    ("Đơn vị", 8),
    ("Khối lượng", 10),
    ("Đơn giá", 14),
    ("Thành tiền trước thuế", 16),
    ("Thuế suất GTGT (%)", 10),
    ("Thuế GTGT", 14),
    ("Thành tiền sau thuế", 16),
    ("Căn cứ", 24),
    ("Cách tính", 30),
    ("Trích dẫn", 50),
    ("Ghi chú", 40),
)


def _detail(book: _Book, estimate: Estimate, symbol: dict[str, str]) -> tuple[int, int]:
    """Write *Chi tiết*; return its first and last line rows."""
    ws = book.ws(DETAIL)
    _title(book, ws, "CHI TIẾT CÁC KHOẢN CHI PHÍ", "Đơn vị tính: đồng")
    _table(book, ws, DETAIL_HEADER_ROW, _DETAIL_HEADERS, freeze_col=3, paper="A3")
    first = DETAIL_HEADER_ROW + 1
    last = first + len(estimate.lines) - 1
    for n, line in enumerate(estimate.lines, 1):
        _detail_row(book, ws, first + n - 1, line, n=n, group=symbol.get(line.group, line.group))
    _box_rows(book, ws, first, last, len(_DETAIL_HEADERS))
    ws.auto_filter.ref = f"A{DETAIL_HEADER_ROW}:{get_column_letter(len(_DETAIL_HEADERS))}{last}"
    return first, last


def _detail_row(
    book: _Book, ws: Worksheet, row: int, line: LineResult, *, n: int, group: str
) -> None:
    """Write one line of *Chi tiết* (columns A..Q)."""
    book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
    book.text(ws, row, 2, line.id)
    book.text(ws, row, 3, group)
    book.text(ws, row, 4, COMPONENT_VI.get(line.component, line.component), wrap=True)
    book.text(ws, row, 5, line.name, wrap=True)
    method = METHOD_VI.get(line.method, line.method) + STATUS_VI.get(line.method_status, "")
    book.text(ws, row, 6, method, wrap=True)
    book.text(ws, row, 7, line.unit)
    book.num(ws, row, 8, line.quantity, fmt=GENERAL)
    if line.id in book.unit_price_ref:
        ref, value = book.unit_price_ref[line.id]
        book.formula(ws, row, 9, ref, value, fmt=_money_or_general(value))
    elif line.unit_price is not None:
        book.num(ws, row, 9, line.unit_price, fmt=_money_or_general(line.unit_price))
    _detail_amount(book, ws, row, line)
    # VAT
    if line.vat_treatment == "taxable" and line.vat_rate is not None:
        book.num(ws, row, 11, line.vat_rate, fmt=GENERAL)
        if round_vnd(line.amount * line.vat_rate / 100) == line.vat:
            book.formula(ws, row, 12, f"ROUND(J{row}*K{row}/100,0)", line.vat)
        else:
            book.num(ws, row, 12, line.vat)
    else:
        book.text(ws, row, 11, vat_label(line), wrap=True)
        book.style(ws, row, 11, horizontal="right")
        book.num(ws, row, 12, line.vat)
    book.formula(ws, row, 13, f"J{row}+L{row}", line.total)
    book.text(ws, row, 14, line.basis, wrap=True)
    book.text(ws, row, 15, line.formula, wrap=True)
    book.text(ws, row, 16, _citation_text(line), wrap=True)
    book.text(ws, row, 17, _line_notes(line), wrap=True)
    for col, value in ((10, line.amount), (12, line.vat), (13, line.total)):
        book.check(f"{line.id}: {_DETAIL_HEADERS[col - 1][0]}", ws, row, col, value)


def _detail_amount(book: _Book, ws: Worksheet, row: int, line: LineResult) -> None:
    """Write a line's pre-VAT amount: quantity × unit price, a link to its breakdown, or a value."""
    if line.quantity is not None and line.unit_price is not None:
        with exact():
            product = line.quantity * line.unit_price
        if round_vnd(product) == line.amount:
            book.formula(ws, row, 10, f"ROUND(H{row}*I{row},0)", line.amount)
            return
    elif line.id in book.amount_ref:
        ref, value = book.amount_ref[line.id]
        # a software G_PM that is not whole is rounded here, like the engine does
        formula = ref if value == line.amount else f"ROUND({ref},0)"
        book.formula(ws, row, 10, formula, line.amount)
        return
    book.num(ws, row, 10, line.amount)


# --- Tổng hợp ------------------------------------------------------------------------------------


_SUMMARY_HEADERS: Final = (
    ("STT", 6),
    ("Khoản mục", 44),
    ("Ký hiệu", 10),
    ("Giá trị trước thuế", 19),
    ("Thuế GTGT", 17),
    ("Giá trị sau thuế", 19),
    ("Cách tính", 48),
)


def _summary(book: _Book, estimate: Estimate, first: int, last: int) -> None:
    """Write *Tổng hợp*: metadata, the groups, subtotal, contingency, total, words, notes."""
    e = estimate
    ws = book.ws(SUMMARY)
    header = _summary_meta(book, ws, e) + 1
    _table(book, ws, header, _SUMMARY_HEADERS)
    sub = _summary_groups(book, ws, e, header, first=first, last=last)
    dp = sub + 1
    _contingency_row(book, ws, e, dp, sub)
    total = dp + 1
    book.text(ws, total, 2, "TỔNG CỘNG", bold=True)
    book.formula(ws, total, 6, f"F{sub}+F{dp}", e.total, bold=True)
    book.check("TỔNG CỘNG", ws, total, 6, e.total)
    for r in (sub, total):
        for col in range(1, len(_SUMMARY_HEADERS) + 1):
            book.style(ws, r, col, fill=_TOTAL_FILL)
    _box_rows(book, ws, header + 1, total, len(_SUMMARY_HEADERS))
    _summary_footer(book, ws, e, total + 2)


def _summary_meta(book: _Book, ws: Worksheet, e: Estimate) -> int:
    """Write the title and the project metadata; return the last row used."""
    book.text(ws, 1, 1, f"BẢNG TỔNG HỢP {KIND_VI.get(e.kind, e.kind.upper())}")
    book.style(ws, 1, 1, bold=True, size=14)
    meta: list[tuple[str, str | None]] = [
        ("Tên dự án:", e.name),
        ("Chủ đầu tư:", e.owner or "—"),
        ("Đơn vị lập:", e.preparer or "—"),
        ("Ngày:", None),
        ("Hình thức:", FORM_VI.get(e.form, e.form)),
        ("Chế độ áp dụng:", e.regime_description),
    ]
    if e.regime_in_force != e.regime:
        meta.append(("Chế độ có hiệu lực:", e.regime_in_force))
    meta.append(("Đơn vị tính:", "đồng"))
    row = 1
    for label, text in meta:
        row += 1
        book.text(ws, row, 2, label, bold=True)
        if text is None:
            ws.cell(row=row, column=3, value=e.date)
            book.style(ws, row, 3, fmt=DATE, horizontal="left")
        else:
            book.text(ws, row, 3, text)
    return row + 1


def _summary_groups(
    book: _Book, ws: Worksheet, e: Estimate, header: int, *, first: int, last: int
) -> int:
    """Write one row per statutory group and the subtotal; return the subtotal's row."""
    amounts = f"'{DETAIL}'!$J${first}:$J${last}"
    vats = f"'{DETAIL}'!$L${first}:$L${last}"
    groups = f"'{DETAIL}'!$C${first}:$C${last}"
    row = header
    for n, comp in enumerate(e.components, 1):
        row += 1
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, comp.label_vi, wrap=True)
        book.text(ws, row, 3, comp.symbol)
        book.formula(ws, row, 4, f"SUMIFS({amounts},{groups},C{row})", comp.amount)
        book.formula(ws, row, 5, f"SUMIFS({vats},{groups},C{row})", comp.vat)
        book.formula(ws, row, 6, f"D{row}+E{row}", comp.total)
        book.text(ws, row, 7, f"Σ các dòng nhóm {comp.symbol} ở sheet '{DETAIL}'", wrap=True)
        for col, value in ((4, comp.amount), (5, comp.vat), (6, comp.total)):
            book.check(f"{comp.symbol}: {_SUMMARY_HEADERS[col - 1][0]}", ws, row, col, value)
    c_first, c_last = header + 1, row
    sub = row + 1
    book.text(ws, sub, 2, "Cộng (chưa gồm dự phòng)", bold=True)
    for col, value in ((4, e.amount), (5, e.vat), (6, e.total_before_contingency)):
        letter = get_column_letter(col)
        book.formula(ws, sub, col, f"SUM({letter}{c_first}:{letter}{c_last})", value, bold=True)
        book.check(f"Cộng: {_SUMMARY_HEADERS[col - 1][0]}", ws, sub, col, value)
    return sub


def _contingency_row(book: _Book, ws: Worksheet, e: Estimate, dp: int, sub: int) -> None:
    """Write the contingency row: a formula on the subtotal where the rule is a plain percentage."""
    book.num(ws, dp, 1, Decimal(len(e.components) + 1), fmt=GENERAL)
    book.text(ws, dp, 2, "Chi phí dự phòng")
    book.text(ws, dp, 3, "G_DP")
    c = e.contingency
    if c is None:
        book.num(ws, dp, 6, Decimal(0))
        book.text(ws, dp, 7, "Không tính dự phòng (không có đầu vào).", wrap=True)
        book.check("G_DP: Giá trị sau thuế", ws, dp, 6, Decimal(0))
        return
    single = c.rule == "single_coefficient"
    base_col = "F" if c.on == "after_vat" else "D"
    base_value = e.total_before_contingency if c.on == "after_vat" else e.amount
    percent = c.rate_percent if single else c.volume_percent
    part = c.total if single else c.volume_amount
    extra = Decimal(0) if single else c.escalation_amount
    if (
        percent is not None
        and base_value == c.base
        and round_vnd(c.base * percent / 100) == part
        and part + extra == c.total
    ):
        formula = f"ROUND({base_col}{sub}*{_literal(percent)}/100,0)"
        if not single:
            formula += f"+{_literal(extra)}"
        book.formula(ws, dp, 6, formula, c.total)
    else:
        book.num(ws, dp, 6, c.total)
    on = "sau thuế" if c.on == "after_vat" else "trước thuế"
    explain = [c.formula, f"Quy tắc: {c.rule}; tính trên giá trị {on}."]
    if not single:
        explain.append(
            f"Dự phòng khối lượng: {_literal(c.volume_amount)}; trượt giá: "
            f"{_literal(c.escalation_amount)} (giá trị đã tính)."
        )
    book.text(ws, dp, 7, "\n".join(explain), wrap=True)
    book.check("G_DP: Giá trị sau thuế", ws, dp, 6, c.total)


def _summary_footer(book: _Book, ws: Worksheet, e: Estimate, row: int) -> None:
    """Write the amount in words and the notes."""
    book.text(ws, row, 2, "Bằng chữ:", bold=True, wrap=True)
    book.text(ws, row, 3, e.total_in_words, wrap=True)
    book.style(ws, row, 3, italic=True)
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
    ws.row_dimensions[row].height = 30
    notes = list(e.notes)
    if e.contingency is not None:
        notes.extend(e.contingency.notes)
    if e.flags:
        notes.append("Cờ của các dòng: " + ", ".join(e.flags) + f" (xem sheet '{DETAIL}').")
    notes.append(
        "Các ô tổng là công thức; sheet 'Kiểm tra' so sánh kết quả công thức với giá trị do "
        f"ictcost {__version__} tính (chênh lệch phải bằng 0)."
    )
    row += 2
    book.text(ws, row, 2, "Ghi chú:", bold=True)
    for note in notes:
        row += 1
        book.text(ws, row, 2, f"- {note}", wrap=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        ws.row_dimensions[row].height = 15 * (1 + len(note) // 130)


# --- Trích dẫn and Kiểm tra ----------------------------------------------------------------------


def _citations(book: _Book, estimate: Estimate) -> None:
    ws = book.ws(CITATIONS)
    _title(
        book,
        ws,
        "TRÍCH DẪN CÁC GIÁ TRỊ ĐỊNH MỨC ĐÃ DÙNG",
        "Mỗi giá trị kèm văn bản, hiệu lực, nguồn",
    )
    header = 3
    _table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Mã dòng", 10),
            ("Tham chiếu", 34),
            ("Giá trị", 16),
            ("Văn bản", 36),
            ("Hiệu lực", 22),
            ("Độ tin cậy", 13),
            ("Nguồn", 60),
            ("Gói dữ liệu", 18),
        ],
        freeze_col=3,
    )
    rows = [(ln.id, c) for ln in estimate.lines for c in ln.citations]
    if estimate.contingency is not None:
        rows += [("Dự phòng", c) for c in estimate.contingency.citations]
    row = header
    for n, (line_id, c) in enumerate(rows, 1):
        row += 1
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, line_id)
        book.text(ws, row, 3, c.ref, wrap=True)
        book.text(ws, row, 4, c.value if c.value is not None else "—", wrap=True)
        book.text(ws, row, 5, c.instrument, wrap=True)
        book.text(ws, row, 6, c.period)
        conf = c.confidence + (f" (phương án {c.alternative})" if c.alternative is not None else "")
        book.text(ws, row, 7, conf)
        sources = "; ".join(
            f"{s.get('id') or '?'}: {s.get('title') or ''}"
            + (f" <{s['url']}>" if s.get("url") else "")
            for s in c.sources
        )
        book.text(ws, row, 8, sources, wrap=True)
        pack = c.pack + (" (thay bảng của ictcost)" if c.overrides_shipped else "")
        book.text(ws, row, 9, pack, wrap=True)
    _box_rows(book, ws, header + 1, row, 9)


def _check_sheet(book: _Book) -> None:
    ws = book.ws(CHECK)
    _title(
        book,
        ws,
        "KIỂM TRA: KẾT QUẢ CÔNG THỨC SO VỚI GIÁ TRỊ ICTCOST ĐÃ TÍNH",
        "Cột D là kết quả công thức của bảng tính, cột E là giá trị ictcost tính (số cố định); "
        "chênh lệch phải bằng 0.",
    )
    header = 5
    _table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Hạng mục", 40),
            ("Ô", 22),
            ("Kết quả công thức", 19),
            ("Giá trị ictcost", 19),
            ("Chênh lệch", 14),
        ],
    )
    row = header
    for n, (label, sheet, coordinate, value) in enumerate(book.checks, 1):
        row += 1
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.text(ws, row, 2, label)
        book.text(ws, row, 3, f"'{sheet}'!{coordinate}")
        book.formula(ws, row, 4, _sheet_ref(sheet, coordinate), value)
        book.num(ws, row, 5, value)
        book.formula(ws, row, 6, f"D{row}-E{row}", Decimal(0))
    first, last = header + 1, row
    book.text(ws, 3, 2, "Số ô chênh lệch (phải bằng 0):", bold=True)
    book.formula(
        ws, 3, 4, f"SUMPRODUCT((F{first}:F{last}<>0)*1)", Decimal(0), fmt=GENERAL, bold=True
    )
    for rng in (f"F{first}:F{last}", "D3"):
        ws.conditional_formatting.add(
            rng, CellIsRule(operator="notEqual", formula=["0"], fill=_BAD_FILL)
        )
        ws.conditional_formatting.add(
            rng, CellIsRule(operator="equal", formula=["0"], fill=_GOOD_FILL)
        )
    _box_rows(book, ws, first, last, 6)


# --- the workbook --------------------------------------------------------------------------------


def _build(estimate: Estimate) -> _Book:
    book = _Book()
    symbol = {c.key: c.symbol for c in estimate.components}
    _equipment(book, estimate)
    _fees(book, estimate)
    _software(book, estimate)
    _other(book, estimate)
    first, last = _detail(book, estimate, symbol)
    _summary(book, estimate, first, last)
    _citations(book, estimate)
    _check_sheet(book)
    book.finish()
    wb = book.wb
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    props = wb.properties
    props.title = _clean(estimate.name)
    props.subject = f"{KIND_VI.get(estimate.kind, estimate.kind)} — {estimate.regime}"
    props.creator = f"ictcost {__version__}"
    props.description = "Generated by ictcost; formulas are recalculated on load."
    return book


def build_workbook(estimate: Estimate) -> Workbook:
    """Build the workbook of an estimate (formulas without cached values).

    Saved as it is, the workbook shows its figures once a spreadsheet application has recalculated
    it (it is marked ``fullCalcOnLoad``); :func:`write_xlsx` also stores ictcost's values as the
    formulas' cached results.

    Args:
        estimate: The computed estimate.

    Returns:
        An ``openpyxl.Workbook`` with the sheets listed in :data:`SHEETS`.
    """
    return _build(estimate).wb


def _sheet_files(data: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet names to their XML part names (from workbook.xml and its relationships)."""
    rels: dict[str, str] = {}
    for entry in _RELATIONSHIP.findall(data.read("xl/_rels/workbook.xml.rels").decode("utf-8")):
        attrs = {m["key"]: m["value"] for m in _ATTR.finditer(entry)}
        target = attrs.get("Target", "")
        target = target.removeprefix("/xl/").removeprefix("/")
        rels[attrs.get("Id", "")] = target if target.startswith("xl/") else f"xl/{target}"
    out: dict[str, str] = {}
    for entry in _SHEET_ENTRY.findall(data.read("xl/workbook.xml").decode("utf-8")):
        attrs = {m["key"]: m["value"] for m in _ATTR.finditer(entry)}
        out[attrs.get("name", "")] = rels.get(attrs.get("r:id", ""), "")
    return out


def _with_cached_values(raw: bytes, cache: dict[str, dict[str, Decimal]]) -> bytes:
    """Return the xlsx with ictcost's value stored as the cached result of every formula.

    All or nothing: if a formula cell has no known value (or a known value no formula cell), the
    file is returned unchanged with a warning — it is still correct, it only lacks the cache.
    """
    source = zipfile.ZipFile(io.BytesIO(raw))
    files = _sheet_files(source)
    patched: dict[str, bytes] = {}
    problems: list[str] = []
    for title, values in cache.items():
        part = files.get(title)
        if part is None:
            problems.append(f"no part for sheet {title!r}")
            continue
        used: set[str] = set()

        def fill(
            m: re.Match[str], values: dict[str, Decimal] = values, used: set[str] = used
        ) -> str:
            value = values.get(m["ref"])
            if value is None:
                problems.append(f"no value for {m['ref']}")
                return m[0]
            used.add(m["ref"])
            return f'<c r="{m["ref"]}"{m["attrs"]}><f>{m["f"]}</f><v>{_cached(value)}</v></c>'

        xml = _FORMULA_CELL.sub(fill, source.read(part).decode("utf-8"))
        problems.extend(f"{title}!{ref} not found" for ref in sorted(set(values) - used))
        patched[part] = xml.encode("utf-8")
    if problems:
        warnings.warn(
            "ictcost could not store cached values in the workbook "
            f"({'; '.join(problems[:3])}); it is written with formulas only",
            RuntimeWarning,
            stacklevel=3,
        )
        return raw
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, patched.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _render(estimate: Estimate, *, cached_values: bool) -> bytes:
    book = _build(estimate)
    buffer = io.BytesIO()
    book.wb.save(buffer)
    if not cached_values:
        return buffer.getvalue()
    return _with_cached_values(buffer.getvalue(), book.cache)


def _file_mode(target: Path) -> int:
    """Return the mode the written file gets: the existing file's, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _atomic_write_bytes(target: Path, data: bytes, chunk: int = 1 << 16) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``."""
    mode = _file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            for start in range(0, len(data), chunk):
                fh.write(data[start : start + chunk])
            fh.flush()
            os.fsync(fh.fileno())
        tmp_path.chmod(mode)
        tmp_path.replace(target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_xlsx(estimate: Estimate, path: Path | str, *, cached_values: bool = True) -> Path:
    """Write the estimate as an Excel workbook (formulas with ictcost's values cached).

    The file is written to a temporary file in the same folder and renamed over ``path``: an
    existing file is replaced whole or left untouched.

    Args:
        estimate: The computed estimate.
        path: The ``.xlsx`` file to write.
        cached_values: Store ictcost's value of each formula as its cached result (so that
            readers that do not calculate see the figures); ``False`` writes formulas only.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written (the existing file, if any, is unchanged).
    """
    target = Path(path)
    _atomic_write_bytes(target, _render(estimate, cached_values=cached_values))
    return target
