"""The cell and style builder of the estimate workbook (``excel`` extra; see :mod:`.excel`).

A :class:`Book` writes text, numbers and formulas into the in-memory plan of each sheet
(:class:`~._xlsx_sheet.Sheet`) with ictcost's value of every formula (its cached result), the
looks of the cells (numbered once per distinct look: :mod:`._xlsx_write` makes one XlsxWriter
format of each), the cross-sheet links of the lines and the rows of the *Kiểm tra* sheet.

Looks (font, number formats, row heights, pages, what prints) are :mod:`._xlsx_style`'s; their
names are re-exported here for the sheet writers.

Safety: every piece of text is written as a string cell, never a formula, even when it starts with
``=``, ``+``, ``-`` or ``@`` (XlsxWriter's ``write_string``); such cells also get Excel's quote prefix so that editing them does not
turn them into formulas. Line ends become line feeds, characters XML cannot hold become U+FFFD and
text longer than a cell holds (32 767 characters) is cut. Formulas are built only from cell
references, sheet names of the layout and numbers (:func:`literal`), never from user text.

The sheet titles are passed in, so this module knows nothing of the workbook's layout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeVar

from ictcost.money import tidy
from ictcost.report._xlsx_sheet import Sheet
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
    fit_rows,
    money_or_general,
    no_print,
    page_setup,
    shown,
    text_height,
    vi,
    wrapped_lines,
)
from ictcost.report.explain import explain_trace, format_period

if TYPE_CHECKING:
    from ictcost.estimate.trace import LineTrace

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
    "Sheet",
    "Style",
    "box_rows",
    "clean",
    "column_letter",
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

_T = TypeVar("_T")
_R = TypeVar("_R")
_FORMULA_FIRST: Final = "=+-@"
"""The first characters of text a spreadsheet would take for a formula."""
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
    if text.isprintable():  # the common case: no control character, no line end
        return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = _ILLEGAL.sub("\ufffd", text) if _ILLEGAL.search(text) else text
    if len(out) > MAX_CELL_TEXT:
        out = out[: MAX_CELL_TEXT - 1] + "…"
    return out


def column_letter(col: int) -> str:
    """Return the letters of a column (1 → ``A``, 27 → ``AA``)."""
    if 0 < col < len(_LETTERS):
        return _LETTERS[col]
    return _letters(col)


def _letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS: Final = ("", *(_letters(col) for col in range(1, 703)))
"""The letters of the columns A … ZZ, by number."""


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
    return f"{column_letter(col)}{row}"


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
    letter = column_letter(col)
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
_BOXED: Final = (("box", True), ("vertical", "top"))
_BOLD: Final = (("bold", True),)
_WRAPPED: Final = (("wrap", True), ("vertical", "top"))
_QUOTED: Final = (("quote_prefix", True),)


@dataclass(frozen=True, slots=True)
class Check:
    """One row of *Kiểm tra*: up to three cells of one row and ictcost's values of them.

    Attributes:
        label: What the row is (a line id, a group symbol, a total).
        sheet: The sheet of the cells.
        row: Their row.
        cells: ``{part: (column, value)}`` for the parts ``amount``, ``vat``, ``total``.
    """

    label: str
    sheet: str
    row: int
    cells: dict[str, tuple[int, Decimal]]


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
    """A workbook being planned, with the value of every formula written (for the cache).

    Args:
        titles: The sheet titles, in workbook order.
    """

    def __init__(self, titles: Sequence[str]) -> None:
        self.sheets: dict[str, Sheet] = {name: Sheet(name) for name in titles}
        """The sheets, in workbook order."""
        self.styles: list[Style] = [_PLAIN]
        """The distinct looks, numbered (0 is the plain look)."""
        self._numbers: dict[Style, int] = {_PLAIN: 0}
        self.transitions: dict[tuple[int, tuple[tuple[str, object], ...]], int] = {}
        """The look each look becomes with each change (worked out once)."""
        self.links = Links()
        self.checks: list[Check] = []
        """Rows of *Kiểm tra*."""
        self.printed: dict[str, int] = {}
        """The last column of each printed sheet's print area (set by :func:`table`)."""
        self.last_printed_row: dict[str, int] = {}
        """The last row of a sheet's print area, where it is not the sheet's last row."""
        self.unprinted: set[str] = set()
        """Sheets kept out of the printed document (:func:`no_print`)."""
        self.properties: dict[str, str] = {}
        """The document properties (title, subject, author, comments)."""
        self._explained: dict[int, str] = {}
        self._traces: list[LineTrace] = []
        self._texts: dict[tuple[object, ...], str] = {}
        self._derived: dict[tuple[int, Callable[[Any], Any]], tuple[object, Any]] = {}
        # the look each look becomes as a text (quoted, bold, wrapped), a number or formula (its
        # format, bold) and boxed (a text or not), worked out once: the per-cell fast paths
        self._text_looks: dict[tuple[int, bool, bool, bool], int] = {}
        self._number_looks: dict[tuple[int, str, bool], int] = {}
        self.boxed_looks: tuple[dict[int, int], dict[int, int]] = ({}, {})
        """The look each look becomes in a table row (:func:`box_rows`): for another cell, for a
        text."""

    def ws(self, name: str) -> Sheet:
        """Return a sheet by title."""
        return self.sheets[name]

    def style(self, ws: Sheet, row: int, col: int, **changes: bool | int | str) -> None:
        """Change aspects of a cell's look (the fields of :class:`Style`)."""
        self.restyle(ws.looks, (row, col), tuple(changes.items()))

    def restyle(
        self,
        looks: dict[tuple[int, int], int],
        at: tuple[int, int],
        changes: tuple[tuple[str, object], ...],
    ) -> None:
        """Change aspects of a cell's look, the changes given as ``(field, value)`` pairs.

        The fast path of :meth:`style` (each distinct change of each look is worked out once).
        """
        old = looks.get(at, 0)
        new = self.transitions.get((old, changes))
        looks[at] = self.transition(old, changes) if new is None else new

    def transition(self, old: int, changes: tuple[tuple[str, object], ...]) -> int:
        """Return the look ``old`` becomes with the changes (numbering a new look)."""
        fields: dict[str, Any] = dict(changes)
        look = replace(self.styles[old], **fields)
        new = self._numbers.get(look)
        if new is None:
            new = self._numbers[look] = len(self.styles)
            self.styles.append(look)
        self.transitions[old, changes] = new
        return new

    def change(self, old: int, changes: tuple[tuple[str, object], ...]) -> int:
        """Return the look ``old`` becomes with the changes (worked out once per look and change)."""
        new = self.transitions.get((old, changes))
        return self.transition(old, changes) if new is None else new

    def explain(self, trace: LineTrace) -> str:
        """Return the renderer's Vietnamese explanation of a trace, worked out once per build."""
        key = id(trace)
        text = self._explained.get(key)
        if text is None:
            text = self._explained[key] = explain_trace(trace, "vi")
            self._traces.append(trace)  # keeps the id from being reused during the build
        return text

    def derived(self, obj: _T, make: Callable[[_T], _R]) -> _R:
        """Return ``make(obj)``, worked out once per build for the same object and function.

        For what several sheets derive from the same object (a citation shared by many lines):
        the object is kept alive with the result, so that its id is not reused during the build.
        """
        key = (id(obj), make)
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = (obj, make(obj))
        result: _R = found[1]
        return result

    def memo(self, code: str, **params: object) -> str:
        """Return a workbook text (:func:`vi`), rendered once per build for the same values."""
        key = (code, *params.items())
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = vi(code, **params)
        return text

    def text(
        self,
        ws: Sheet,
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
        # the common case of clean() inline: printable (no control character, no line end)
        cleaned = value if value.isprintable() and len(value) <= MAX_CELL_TEXT else clean(value)
        at = (row, col)
        if not cleaned:
            ws.cells.pop(at, None)  # an empty text is no cell
            return
        ws.cells[at] = ("s", cleaned, None)
        # the quote prefix keeps "=…", "+…", "-…", "@…" text when the cell is edited in Excel
        quoted = cleaned[0] in _FORMULA_FIRST
        if quoted or bold or wrap:
            looks = ws.looks
            old = looks.get(at, 0)
            key = (old, quoted, bold, wrap)
            new = self._text_looks.get(key)
            if new is None:
                new = old
                for flag, changes in ((quoted, _QUOTED), (bold, _BOLD), (wrap, _WRAPPED)):
                    if flag:
                        new = self.change(new, changes)
                self._text_looks[key] = new
            looks[at] = new

    def num(
        self,
        ws: Sheet,
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
        at = (row, col)
        ws.cells[at] = ("n", value, None)
        # the look: the format shown (see shown()) and the weight, worked out once per look
        looks = ws.looks
        key = (looks.get(at, 0), fmt if fmt != GENERAL else shown(fmt, value), bold)
        new = self._number_looks.get(key)
        looks[at] = self._number_look(key) if new is None else new

    def _number_look(self, key: tuple[int, str, bool]) -> int:
        """Return the look a number or formula cell gets: (its old look, format, bold)."""
        old, fmt, bold = key
        new = self._number_looks[key] = self.change(old, (("fmt", fmt), ("bold", bold)))
        return new

    def date(self, ws: Sheet, row: int, col: int, value: dt.date) -> None:
        """Write a date (a date cell shown ``DD/MM/YYYY``)."""
        ws.cells[row, col] = ("d", value, None)
        self.style(ws, row, col, fmt=DATE)

    def formula(
        self,
        ws: Sheet,
        row: int,
        col: int,
        formula: str,
        value: Decimal | str,
        *,
        fmt: str = MONEY,
        bold: bool = False,
    ) -> None:
        """Write a formula (without its ``=``) with ictcost's value of it (its cached result)."""
        at = (row, col)
        ws.cells[at] = ("f", formula, value)
        looks = ws.looks  # the look as num() gives it
        key = (looks.get(at, 0), fmt if fmt != GENERAL else shown(fmt, value), bold)
        new = self._number_looks.get(key)
        looks[at] = self._number_look(key) if new is None else new

    def check(
        self, label: str, ws: Sheet, row: int, col: int, value: Decimal, *, part: str = "total"
    ) -> None:
        """Register a cell for *Kiểm tra*.

        The parts of one row (``amount``, ``vat``, ``total``) registered one after the other share
        a row of the check sheet.
        """
        checks = self.checks
        last = checks[-1] if checks else None
        if (
            last is not None
            and last.row == row
            and last.label == label
            and last.sheet == ws.title
            and part not in last.cells
        ):
            last.cells[part] = (col, value)
            return
        checks.append(Check(label, ws.title, row, {part: (col, value)}))

    def check_row(
        self, label: str, ws: Sheet, row: int, cells: dict[str, tuple[int, Decimal]]
    ) -> None:
        """Register cells of one row for *Kiểm tra* at once: as :meth:`check` of each in turn.

        Args:
            label: What the row is.
            ws: The sheet.
            row: The row.
            cells: ``{part: (column, value)}``, in the order of the parts (kept by the check).
        """
        last = self.checks[-1] if self.checks else None
        if last is None or last.row != row or last.label != label or last.sheet != ws.title:
            self.checks.append(Check(label, ws.title, row, cells))
            return
        for part, (col, value) in cells.items():
            self.check(label, ws, row, col, value, part=part)

    def finish(self) -> None:
        """Size the wrapped rows and set the print areas (the plan is then complete)."""
        wrapped_looks = {
            number: (look.bold, look.indent) for number, look in enumerate(self.styles) if look.wrap
        }
        for name, ws in self.sheets.items():
            fit_rows(ws, wrapped_looks)
            if name in self.unprinted:
                no_print(ws)
            elif name in self.printed:
                last = self.last_printed_row.get(name, ws.max_row)
                ws.print_area = (1, 1, last, self.printed[name])


# --- sheet furniture -----------------------------------------------------------------------------


def table(
    book: Book,
    ws: Sheet,
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
        ws.widths[col] = width
    ws.freeze = (header_row + 1, freeze_col)
    page_setup(ws, header_row)
    book.printed[ws.title] = printed if printed is not None else len(headers)


def title(book: Book, ws: Sheet, heading: str, subtitle: str) -> None:
    """Write a sheet's title (row 1, large and bold) and subtitle (row 2, italic)."""
    book.text(ws, 1, 1, heading)
    book.style(ws, 1, 1, bold=True, size=TITLE_SIZE)
    book.text(ws, 2, 1, subtitle)
    book.style(ws, 2, 1, italic=True)


def box_rows(book: Book, ws: Sheet, first: int, last: int, ncols: int) -> None:
    """Draw the cell borders of table rows, their content at the top of the cells.

    Text aligned to the left gets an indent, so that it does not touch a number ending at the
    border on its left.
    """
    looks, cells = ws.looks, ws.cells
    get_look, get_cell = looks.get, cells.get
    others, texts = book.boxed_looks
    columns = range(1, ncols + 1)
    for row in range(first, last + 1):
        for col in columns:
            at = (row, col)
            cell = get_cell(at)
            old = get_look(at, 0)
            if cell is not None and cell[0] == "s":
                new = texts.get(old)
                if new is None:
                    new = texts[old] = _boxed(book, old, text=True)
            else:
                new = others.get(old)
                if new is None:
                    new = others[old] = _boxed(book, old, text=False)
            looks[at] = new


def _boxed(book: Book, old: int, *, text: bool) -> int:
    """Return the boxed look of a look, with an indent for a text aligned to the left."""
    new = book.change(old, _BOXED)
    look = book.styles[new]
    if text and look.horizontal is None:
        new = book.change(new, (("indent", look.indent + 1), ("horizontal", "left")))
    return new
