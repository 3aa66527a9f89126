"""The cell and style builder of the estimate workbook (``excel`` extra; see :mod:`.excel`).

A :class:`Book` writes text, numbers and formulas into an openpyxl workbook and remembers ictcost's
value of every formula (the cached values :mod:`._xlsx_package` stores), the looks of the cells
(applied once per distinct look at the end, which is much faster than styling cell by cell), the
cross-sheet links of the lines and the rows of the *Kiểm tra* sheet.

Safety: every piece of text is written as a string cell, never a formula, even when it starts with
``=``, ``+``, ``-`` or ``@``; such cells also get Excel's quote prefix so that editing them does not
turn them into formulas. Line ends become line feeds, characters XML cannot hold become U+FFFD and
text longer than a cell holds (32 767 characters) is cut. Formulas are built only from cell
references, sheet names of the layout and numbers (:func:`literal`), never from user text.

The sheet titles are passed in, so this module knows nothing of the workbook's layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ictcost.money import tidy
from ictcost.report.explain import message, render_template

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "DATE",
    "GENERAL",
    "HEADER_FILL",
    "MAX_ARGUMENTS",
    "MAX_CELL_TEXT",
    "MAX_FORMULA",
    "MONEY",
    "TOTAL_FILL",
    "Book",
    "Check",
    "Links",
    "Style",
    "box_rows",
    "clean",
    "literal",
    "money_or_general",
    "ref",
    "sheet_ref",
    "sum_formula",
    "table",
    "title",
    "vi",
]

MONEY: Final = "#,##0"
"""Money format: the locale's thousands separator, no decimals (the cell stays a number)."""
GENERAL: Final = "General"
DATE: Final = "DD/MM/YYYY"
MAX_CELL_TEXT: Final = 32767
"""The most characters a cell holds (Excel's limit)."""
MAX_FORMULA: Final = 8000
"""The longest formula written (Excel's limit is 8 192 characters); longer ones become values."""
MAX_ARGUMENTS: Final = 255
"""The most arguments an Excel function takes."""
HEADER_FILL: Final = "DDEBF7"
TOTAL_FILL: Final = "FFF2CC"

_FORMULA_START: Final = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Characters XML 1.0 cannot hold (as openpyxl's ``ILLEGAL_CHARACTERS_RE``)."""
_LINE_HEIGHT: Final = 15
_MAX_ROW_HEIGHT: Final = 409
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# --- values and texts ----------------------------------------------------------------------------


def vi(code: str, /, **params: Any) -> str:  # noqa: ANN401 - template values of any type
    """Return a workbook text in Vietnamese from the message catalogue (never built here).

    Args:
        code: The message code (``xlsx.*`` codes live in :mod:`ictcost.report.messages.xlsx`).
        **params: The template's values.

    Returns:
        The text.
    """
    return render_template(message(code).vi, params, "vi")


def clean(text: str) -> str:
    r"""Return text a cell holds as written: ``\n`` line ends, no XML-illegal characters, ≤ 32 767.

    XML readers turn ``\r\n`` and ``\r`` into ``\n``; the other control characters XML 1.0 cannot
    hold become U+FFFD.

    Args:
        text: Any text.

    Returns:
        The text as the cell will hold it.
    """
    out = _ILLEGAL.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(out) > MAX_CELL_TEXT:
        out = out[: MAX_CELL_TEXT - 1] + "…"
    return out


def _number(value: Decimal) -> int | Decimal:
    """Return an integral Decimal as ``int`` (written exactly), others unchanged."""
    return int(value) if value == value.to_integral_value() else value


def literal(value: Decimal) -> str:
    """Return a number as formula text (``5``, ``2.5``, ``-0.03``; never an exponent).

    Args:
        value: A finite decimal.

    Returns:
        The text.
    """
    return format(tidy(value), "f")


def money_or_general(value: Decimal) -> str:
    """Return ``#,##0`` for a whole number, ``General`` for one with decimals (shown in full)."""
    return MONEY if value == value.to_integral_value() else GENERAL


def ref(col: int, row: int) -> str:
    """Return the A1 reference of a cell (``J5``)."""
    return f"{get_column_letter(col)}{row}"


def sheet_ref(sheet: str, coordinate: str) -> str:
    """Return a reference to a cell of another sheet: ``'Chi tiết'!J5``."""
    return f"'{sheet}'!{coordinate}"


def sum_formula(sheet: str | None, col: int, rows: Iterable[int]) -> str | None:
    """Return ``SUM`` of the cells of one column at the given rows, runs written as ranges.

    Args:
        sheet: The sheet of the cells (``None``: the formula's own sheet).
        col: The column.
        rows: The rows, in any order; a row given twice is summed twice.

    Returns:
        e.g. ``SUM('Chi tiết'!J5:J7,'Chi tiết'!J9)``, or ``None`` when there is no row or the
        formula would exceed Excel's limits (length, number of arguments).
    """
    ordered = sorted(rows)
    if not ordered:
        return None
    letter = get_column_letter(col)
    prefix = "" if sheet is None else f"'{sheet}'!"
    args: list[str] = []
    runs: list[list[int]] = []
    for row in ordered:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    for run in runs:
        if len(run) == 1:
            args.append(f"{prefix}{letter}{run[0]}")
        else:
            args.append(f"{prefix}{letter}{run[0]}:{letter}{run[-1]}")
    formula = f"SUM({','.join(args)})"
    if len(args) > MAX_ARGUMENTS or len(formula) > MAX_FORMULA:
        return None
    return formula


# --- the builder ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Style:
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


_PLAIN: Final = Style()


@dataclass(frozen=True, slots=True)
class Check:
    """One row of *Kiểm tra*: a formula cell and ictcost's value of it."""

    label: str
    sheet: str
    coordinate: str
    value: Decimal


@dataclass(slots=True)
class Links:
    """Where the cells of each line are, for the formulas of other sheets."""

    detail_row: dict[str, int] = field(default_factory=dict)
    """The row of each line in the detail sheet."""
    unit_price: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    """Lines whose unit price is a formula elsewhere: (reference, value)."""
    amount: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    """Lines whose amount is a formula elsewhere: (reference, value)."""


class Book:
    """A workbook being built, with the value of every formula written (for the cache).

    Args:
        titles: The sheet titles, in workbook order.
    """

    def __init__(self, titles: Sequence[str]) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        for name in titles:
            self.wb.create_sheet(name)
        self.cache: dict[str, dict[str, Decimal]] = {name: {} for name in titles}
        """ictcost's value of every formula cell, by sheet and coordinate."""
        self.styles: list[Style] = [_PLAIN]
        """The distinct looks, numbered (0 is the plain look)."""
        self.looks: dict[str, dict[tuple[int, int], int]] = {name: {} for name in titles}
        """The look (a number in :attr:`styles`) of each styled cell, applied by :meth:`finish`."""
        self._numbers: dict[Style, int] = {_PLAIN: 0}
        self._transitions: dict[tuple[int, tuple[tuple[str, object], ...]], int] = {}
        self.links = Links()
        self.checks: list[Check] = []
        """Rows of *Kiểm tra*."""

    def ws(self, name: str) -> Worksheet:
        """Return a sheet by title."""
        return self.wb[name]

    def style(self, ws: Worksheet, row: int, col: int, **changes: bool | int | str) -> None:
        """Change aspects of a cell's look (the fields of :class:`Style`)."""
        looks = self.looks[ws.title]
        old = looks.get((row, col), 0)
        key = (old, tuple(changes.items()))
        new = self._transitions.get(key)
        if new is None:
            fields: dict[str, Any] = changes
            look = replace(self.styles[old], **fields)
            new = self._numbers.get(look)
            if new is None:
                new = self._numbers[look] = len(self.styles)
                self.styles.append(look)
            self._transitions[key] = new
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
        cleaned = clean(value)
        cell = ws.cell(row=row, column=col)
        cell.value = cleaned
        cell.data_type = "s"  # openpyxl makes "=…" a formula: force a string
        if cleaned.startswith(_FORMULA_START):
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
        """Write a number (a numeric cell with a number format); nothing for ``None``."""
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
        self.checks.append(Check(label, ws.title, ref(col, row), value))

    def finish(self) -> None:
        """Apply the looks (one openpyxl style per distinct look) and size the wrapped rows."""
        made: dict[int, Any] = {}
        for name, looks in self.looks.items():
            ws = self.wb[name]
            for (row, col), number in looks.items():
                cell = ws.cell(row=row, column=col)
                if number in made:
                    cell._style = copy(made[number])
                    continue
                _apply(cell, self.styles[number])
                made[number] = copy(cell._style)
            wrapped = [
                (row, col) for (row, col), number in looks.items() if self.styles[number].wrap
            ]
            _fit_rows(ws, wrapped)


def _apply(cell: Cell, look: Style) -> None:
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


def _fit_rows(ws: Worksheet, wrapped: list[tuple[int, int]]) -> None:
    """Set the height of rows with wrapped text from an estimate of their line count.

    Not every application sizes such rows itself when it opens a file (LibreOffice does not). Rows
    given a height explicitly keep it.
    """
    lines: dict[int, int] = {}
    widths: dict[int, float] = {}
    for row, col in wrapped:
        value = ws.cell(row=row, column=col).value
        if not isinstance(value, str):
            continue
        if col not in widths:
            widths[col] = ws.column_dimensions[get_column_letter(col)].width or 8.43
        per_line = max(1, int(widths[col] * 1.2))
        count = sum(-(-max(len(part), 1) // per_line) for part in value.split("\n"))
        lines[row] = max(lines.get(row, 1), count)
    for row, count in lines.items():
        if count > 1 and ws.row_dimensions[row].height is None:
            ws.row_dimensions[row].height = min(_MAX_ROW_HEIGHT, _LINE_HEIGHT * count + 2)


# --- sheet furniture -----------------------------------------------------------------------------


def table(
    book: Book,
    ws: Worksheet,
    header_row: int,
    headers: Sequence[tuple[str, float]],
    *,
    freeze_col: int = 1,
    paper: str = "A4",
) -> None:
    """Write a header row (bold, filled, boxed), column widths, frozen panes and print setup."""
    for col, (name, width) in enumerate(headers, 1):
        book.text(ws, header_row, col, name)
        book.style(
            ws,
            header_row,
            col,
            bold=True,
            fill=HEADER_FILL,
            box=True,
            horizontal="center",
            vertical="center",
            wrap=True,
        )
        ws.column_dimensions[get_column_letter(col)].width = width
    # bold header text takes about one character per unit of width (wider than _fit_rows assumes)
    lines = max(-(-len(name) // max(1, int(width))) for name, width in headers)
    if lines > 1:
        ws.row_dimensions[header_row].height = _LINE_HEIGHT * lines + 2
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False


def title(book: Book, ws: Worksheet, heading: str, subtitle: str) -> None:
    """Write a sheet's title (row 1, large and bold) and subtitle (row 2)."""
    book.text(ws, 1, 1, heading)
    book.style(ws, 1, 1, bold=True, size=14)
    book.text(ws, 2, 1, subtitle)


def box_rows(book: Book, ws: Worksheet, first: int, last: int, ncols: int) -> None:
    """Draw the cell borders of table rows, their content at the top of the cells."""
    for row in range(first, last + 1):
        for col in range(1, ncols + 1):
            book.style(ws, row, col, box=True, vertical="top")
