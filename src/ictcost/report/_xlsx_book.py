"""The cell and style builder of the estimate workbook (``excel`` extra; see :mod:`.excel`).

A :class:`Book` writes text, numbers and formulas into an openpyxl workbook and remembers ictcost's
value of every formula (the cached values :mod:`._xlsx_package` stores), the looks of the cells
(applied once per distinct look at the end, which is much faster than styling cell by cell), the
cross-sheet links of the lines and the rows of the *Kiểm tra* sheet.

Looks (font, number formats, row heights, pages, what prints) are :mod:`._xlsx_style`'s; their
names are re-exported here for the sheet writers.

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
from openpyxl.utils import get_column_letter

from ictcost.money import tidy
from ictcost.report._xlsx_style import (
    BODY_SIZE,
    BOLD_CHARS_PER_UNIT,
    CHARS_PER_UNIT,
    DATE,
    DECIMALS,
    FONT,
    GENERAL,
    LINE_HEIGHT,
    LOCALE,
    MONEY,
    RED,
    ROW_PADDING,
    TITLE_SIZE,
    Style,
    apply,
    base_font,
    fit_rows,
    money_or_general,
    no_print,
    page_setup,
    shown,
    text_height,
    vi,
    wrapped_lines,
)
from ictcost.report.explain import format_period

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "BODY_SIZE",
    "BOLD_CHARS_PER_UNIT",
    "CHARS_PER_UNIT",
    "DATE",
    "DECIMALS",
    "FONT",
    "GENERAL",
    "HEADER_FILL",
    "LINE_HEIGHT",
    "LOCALE",
    "MAX_ARGUMENTS",
    "MAX_CELL_TEXT",
    "MAX_FORMULA",
    "MONEY",
    "RED",
    "ROW_PADDING",
    "TITLE_SIZE",
    "TOTAL_FILL",
    "Book",
    "Check",
    "Links",
    "Style",
    "base_font",
    "box_rows",
    "clean",
    "fit_rows",
    "literal",
    "money_or_general",
    "no_print",
    "page_setup",
    "period_text",
    "ref",
    "sheet_ref",
    "shown",
    "sum_formula",
    "table",
    "text_height",
    "title",
    "vi",
    "wrapped_lines",
]

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


# --- values and texts ----------------------------------------------------------------------------


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


def period_text(period: str) -> str:
    """Return a norm version's period in Vietnamese (:func:`~ictcost.report.explain.format_period`)."""
    return format_period(period, "vi")


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
        base_font(self.wb)
        for name in titles:
            self.wb.create_sheet(name)
        self.cache: dict[str, dict[str, Decimal | str]] = {name: {} for name in titles}
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
        self.printed: dict[str, int] = {}
        """The last column of each printed sheet's print area (set by :func:`table`)."""
        self.last_printed_row: dict[str, int] = {}
        """The last row of a sheet's print area, where it is not the sheet's last row."""
        self.unprinted: set[str] = set()
        """Sheets kept out of the printed document (:func:`no_print`)."""

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
        self.style(ws, row, col, fmt=shown(fmt, value), bold=bold)

    def formula(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        formula: str,
        value: Decimal | str,
        *,
        fmt: str = MONEY,
        bold: bool = False,
    ) -> None:
        """Write a formula and remember ictcost's value of it (the cached number or text)."""
        cell = ws.cell(row=row, column=col)
        cell.value = "=" + formula
        self.style(ws, row, col, fmt=shown(fmt, value), bold=bold)
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
                apply(cell, self.styles[number])
                made[number] = copy(cell._style)
            wrapped = [
                (row, col, self.styles[number].bold, self.styles[number].indent)
                for (row, col), number in looks.items()
                if self.styles[number].wrap
            ]
            fit_rows(ws, wrapped)
            if name in self.unprinted:
                no_print(ws)
            elif name in self.printed:
                last = self.last_printed_row.get(name, ws.max_row)
                ws.print_area = f"A1:{get_column_letter(self.printed[name])}{last}"


# --- sheet furniture -----------------------------------------------------------------------------


def table(
    book: Book,
    ws: Worksheet,
    header_row: int,
    headers: Sequence[tuple[str, float]],
    *,
    freeze_col: int = 1,
    printed: int | None = None,
) -> None:
    """Write a header row (bold, filled, boxed), column widths, frozen panes and print setup.

    Args:
        book: The workbook.
        ws: The sheet.
        header_row: The header row.
        headers: (header, width) of each column from A.
        freeze_col: The first column right of the frozen panes.
        printed: The last column of the print area (default: the last header).
    """
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
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
    page_setup(ws, header_row)
    book.printed[ws.title] = printed if printed is not None else len(headers)


def title(book: Book, ws: Worksheet, heading: str, subtitle: str) -> None:
    """Write a sheet's title (row 1, large and bold) and subtitle (row 2, italic)."""
    book.text(ws, 1, 1, heading)
    book.style(ws, 1, 1, bold=True, size=TITLE_SIZE)
    book.text(ws, 2, 1, subtitle)
    book.style(ws, 2, 1, italic=True)


def box_rows(book: Book, ws: Worksheet, first: int, last: int, ncols: int) -> None:
    """Draw the cell borders of table rows, their content at the top of the cells.

    Text aligned to the left gets an indent, so that it does not touch a number ending at the
    border on its left.
    """
    looks = book.looks[ws.title]
    for row in range(first, last + 1):
        for col in range(1, ncols + 1):
            book.style(ws, row, col, box=True, vertical="top")
            look = book.styles[looks[row, col]]
            cell = ws.cell(row=row, column=col)
            if isinstance(cell.value, str) and cell.data_type == "s" and look.horizontal is None:
                book.style(ws, row, col, indent=look.indent + 1, horizontal="left")
