"""The looks of the estimate workbook: font, number formats, row heights, pages (``excel`` extra).

Every cell is in Times New Roman (:data:`FONT`), 12 pt in the body (:data:`BODY_SIZE`), the
titles larger; the workbook's base font (the *Normal* style, which the column widths are measured
in) is set to it too (the default format of :mod:`._xlsx_write`), and every styled cell gets the
font explicitly with its name and size (:func:`format_properties`), so no application falls back
to its own face.

Row heights: wrapped text gets a height from an estimate of its lines (:func:`text_height`, at
:data:`CHARS_PER_UNIT` characters of 12-point Times New Roman per unit of column width, words kept
whole, merged cells measured over their span). LibreOffice fits about 1,2 such characters per
unit (measured on Vietnamese text with diacritics in a 20-, 50- and 100-unit column), so the
estimate errs on the high side; heights are bounded only by the format's own limit (409 points).

Numbers: money is ``[$-42A]#,##0`` and other numbers ``[$-42A]General`` (:func:`shown` picks
:data:`DECIMALS` for a repeating ratio or an unrounded cost). The locale tag ``[$-42A]``
(Vietnamese) makes LibreOffice show Vietnamese separators (``1.234.567``, ``1,855``) whatever the
locale of the application, like the texts the renderer writes beside them (measured: the same
file rendered with an en-US and a vi-VN LibreOffice profile gives the same page). Excel takes the
separators from the system (or its own *Use system separators* setting) and ignores the tag for
them; that could not be checked here.

Print: :func:`page_setup` gives a sheet A4 landscape, fitted to the page width (``fitToHeight``
0: as many pages down as needed), its header row repeated on every page, ``Trang &P/&N`` in the
footer; the print area is set once the sheet is written. A sheet kept out of the printed document
(*Trích dẫn*, *Kiểm tra*) gets a print area of one empty cell (:func:`no_print`): LibreOffice's
PDF export then prints nothing of it (it suppresses empty pages; measured: the portal example
prints 8 pages instead of 25), and Excel finds nothing to print on it either (not checked here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from ictcost.money import tidy
from ictcost.report.explain import message, render_template

if TYPE_CHECKING:
    from ictcost.report._xlsx_sheet import Sheet

__all__ = [
    "BODY_SIZE",
    "BOLD_CHARS_PER_UNIT",
    "CHARS_PER_UNIT",
    "DATE",
    "DECIMALS",
    "FONT",
    "GENERAL",
    "LINE_HEIGHT",
    "LOCALE",
    "MONEY",
    "RED",
    "ROW_PADDING",
    "TITLE_SIZE",
    "Style",
    "fit_rows",
    "footer",
    "format_properties",
    "money_or_general",
    "no_print",
    "page_setup",
    "shown",
    "text_height",
    "vi",
    "wrapped_lines",
]

FONT: Final = "Times New Roman"
"""The font of every cell."""
BODY_SIZE: Final = 12
"""The size of the body text (points)."""
TITLE_SIZE: Final = 14
"""The size of the sheets' titles (points)."""
LOCALE: Final = "[$-42A]"
"""The Vietnamese locale tag of the number formats (see the module docstring)."""
MONEY: Final = f"{LOCALE}#,##0"
"""Money format: Vietnamese thousands separator, no decimals (the cell stays a number)."""
GENERAL: Final = f"{LOCALE}General"
"""Other numbers (rates, quantities): as many decimals as the number has, a decimal comma."""
DECIMALS: Final = f"{LOCALE}#,##0.0000"
"""A number with more decimals than a cell shows whole (a repeating ratio): four decimals."""
DATE: Final = "DD/MM/YYYY"
_MAX_SHOWN_DECIMALS: Final = 9
"""A number with up to this many decimals is shown whole (``General``); longer ones (a repeating
ratio such as 1,3333…) as :data:`DECIMALS`."""
_THOUSAND: Final = Decimal(1000)
CHARS_PER_UNIT: Final = 1.15
"""Characters of 12-point Times New Roman (Vietnamese, with diacritics) per unit of column width,
on the safe side (LibreOffice fits about 1.3 of them)."""
BOLD_CHARS_PER_UNIT: Final = 1.0
"""The same for bold text."""
LINE_HEIGHT: Final = 14.5
"""Points per line of 12-point text (LibreOffice sets them 13.8 points apart)."""
ROW_PADDING: Final = 3
"""Points a row needs beyond its lines."""
_MAX_ROW_HEIGHT: Final = 409
"""The highest row the format holds (points)."""
_INDENT_WIDTH: Final = 2
"""Units of column width one indent level takes (about three spaces)."""
RED: Final = "C00000"
"""The colour of a warning."""
_BORDER_COLOR: Final = "#999999"
"""The colour of the thin cell borders."""
_DEFAULT_WIDTH: Final = 8.43
"""The width of a column given none (units of digit width)."""


def vi(code: str, /, **params: Any) -> str:  # noqa: ANN401 - template values of any type
    """Return a workbook text in Vietnamese from the message catalogue (never built here).

    Args:
        code: The message code (``xlsx.*`` codes live in :mod:`ictcost.report.messages.xlsx`).
        **params: The template's values.

    Returns:
        The text.
    """
    return render_template(message(code).vi, params, "vi")


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
    color: str | None = None


def money_or_general(value: Decimal) -> str:
    """Return the format of a money cell: :data:`MONEY`, or :func:`shown` of :data:`GENERAL`.

    A whole number is shown with thousands separators, one with decimals in full (or, with more
    decimals than a cell shows, as :data:`DECIMALS`).
    """
    return MONEY if value == value.to_integral_value() else shown(GENERAL, value)


def shown(fmt: str, value: Decimal | str) -> str:
    """Return the format a number is shown with.

    :data:`DECIMALS` replaces :data:`GENERAL` for a number with more than nine decimals (which
    ``General`` would cut to the column's width) and for an amount of a thousand or more with
    decimals (a cost before rounding, shown with thousands separators like the amounts beside
    it); any other format is kept.
    """
    if fmt != GENERAL or not isinstance(value, Decimal) or not value.is_finite():
        return fmt
    if value == value.to_integral_value():
        return fmt  # no decimals (the fast path of the exponent's test below)
    exponent = tidy(value).as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return fmt
    return DECIMALS if -exponent > _MAX_SHOWN_DECIMALS or abs(value) >= _THOUSAND else fmt


def format_properties(look: Style) -> dict[str, Any]:
    """Return the XlsxWriter format of a look (the font always named and sized).

    Args:
        look: The look.

    Returns:
        The properties of ``Workbook.add_format``.
    """
    props: dict[str, Any] = {
        "font_name": FONT,
        "font_size": look.size or BODY_SIZE,
        "font_family": 1,
        "num_format": look.fmt,
    }
    if look.bold:
        props["bold"] = True
    if look.italic:
        props["italic"] = True
    if look.color:
        props["font_color"] = f"#{look.color}"
    if look.wrap:
        props["text_wrap"] = True
    if look.horizontal:
        props["align"] = look.horizontal
    if look.vertical:
        props["valign"] = "vcenter" if look.vertical == "center" else look.vertical
    if look.indent:
        props["indent"] = look.indent
    if look.box:
        props["border"] = 1
        props["border_color"] = _BORDER_COLOR
    if look.fill:
        props["pattern"] = 1
        props["bg_color"] = f"#{look.fill}"
    if look.quote_prefix:
        props["quote_prefix"] = True
    return props


def wrapped_lines(text: str, per_line: int) -> int:
    r"""Return the number of lines a text takes when wrapped at words into lines of ``per_line``.

    Args:
        text: The text (``\n`` starts a new line).
        per_line: The characters a line holds.

    Returns:
        The line count (at least 1); a word longer than a line takes as many lines as it needs.
    """
    if len(text) <= per_line and "\n" not in text:
        return 1  # the words and the spaces between them fit in one line
    count = 0
    for paragraph in text.split("\n"):
        used = 0
        count += 1
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > per_line:
                count += 1
                used = 0
            used += size if not used else size + 1
            while used > per_line:  # a word longer than a line
                count += 1
                used -= per_line
    return max(count, 1)


def _span_width(ws: Sheet, row: int, col: int) -> float:
    """The width of a cell, over its merged range when it is merged."""
    span = ws.merged_span(row, col)
    first, last = span if span is not None else (col, col)
    return sum(ws.widths.get(c, _DEFAULT_WIDTH) for c in range(first, last + 1))


def _per_line(width: float, *, bold: bool, size: int) -> int:
    """The characters one line of a wrapped text holds in a cell ``width`` units wide."""
    per_unit = (BOLD_CHARS_PER_UNIT if bold else CHARS_PER_UNIT) * BODY_SIZE / size
    # the cell's padding takes about one unit
    return max(1, int((width - 1) * per_unit))


def text_height(text: str, width: float, *, bold: bool = False, size: int = BODY_SIZE) -> float:
    """Return the height (points) a wrapped text needs in a cell ``width`` units wide.

    Args:
        text: The text.
        width: The cell's width in units of column width.
        bold: Bold text (wider).
        size: The font size (points).

    Returns:
        The height, with a little padding.
    """
    lines = wrapped_lines(text, _per_line(width, bold=bold, size=size))
    return LINE_HEIGHT * size / BODY_SIZE * lines + ROW_PADDING


def fit_rows(ws: Sheet, wrapped_looks: Mapping[int, tuple[bool, int]]) -> None:
    """Set the height of rows with wrapped text from an estimate of their lines.

    Not every application sizes such rows itself when it opens a file, and LibreOffice sizes a
    merged cell by its first column only (far too high), so every row with wrapped text gets its
    height, one line included. A row given a height explicitly keeps it when that is higher.
    Merged cells are measured over their span, less the width their indent takes.

    The height of a text that fits in one line is worked out once per column (and weight and
    indent): most cells of a table are such texts.

    Args:
        ws: The sheet.
        wrapped_looks: The looks of wrapped text (by number): (bold, indent level) of each.
    """
    heights: dict[int, float] = {}
    cells, widths, merged = ws.cells, ws.widths, bool(ws.merges)
    known: dict[tuple[str, float, bool], float] = {}  # the same text in the same width
    # (column, bold, indent) of an unmerged cell: its width, a line's characters, one line's height
    columns: dict[tuple[int, bool, int], tuple[float, int, float]] = {}
    for at, number in ws.looks.items():
        look = wrapped_looks.get(number)
        if look is None:
            continue
        cell = cells.get(at)
        if cell is None or cell[0] != "s":
            continue  # a formula's result is not known here
        text = cell[1]
        assert isinstance(text, str)
        row, col = at
        bold, indent = look
        if merged:
            width = max(_span_width(ws, row, col) - _INDENT_WIDTH * indent, 2)
            height = known.get((text, width, bold))
            if height is None:
                height = known[text, width, bold] = text_height(text, width, bold=bold)
        else:
            column = columns.get((col, bold, indent))
            if column is None:
                width = max(widths.get(col, _DEFAULT_WIDTH) - _INDENT_WIDTH * indent, 2)
                one_line = text_height("", width, bold=bold)
                column = columns[col, bold, indent] = (
                    width,
                    _per_line(width, bold=bold, size=BODY_SIZE),
                    one_line,
                )
            width, per_line, height = column
            if len(text) > per_line or "\n" in text:  # not one line (wrapped_lines' fast path)
                height = known.get((text, width, bold))
                if height is None:
                    height = known[text, width, bold] = text_height(text, width, bold=bold)
        if height > heights.get(row, 0):
            heights[row] = height
    for row, height in heights.items():
        given = ws.heights.get(row)
        if given is None or given < height:
            ws.heights[row] = min(_MAX_ROW_HEIGHT, round(height, 1))


def page_setup(ws: Sheet, header_row: int) -> None:
    """Give a sheet its page: A4 landscape, fitted to the width, header repeated, page numbers.

    The page itself (margins 0.5 in, header and footer 0.3 in, centred horizontally, the footer
    ``Trang &P/&N`` in 10-point Times New Roman) is written by :mod:`._xlsx_write`; the print
    area is set by :meth:`Book.finish <._xlsx_book.Book.finish>` once the last row is known.

    Args:
        ws: The sheet.
        header_row: The header row repeated on every page (the rows above it print once).
    """
    ws.page = True
    ws.title_row = header_row


def footer() -> str:
    """Return the footer of every printed page (``Trang &P/&N``, centred, 10-point TNR)."""
    return f'&C&"{FONT}"&10{vi("xlsx.page")}'


def no_print(ws: Sheet) -> None:
    """Keep a sheet out of the printed document: its print area is one empty cell.

    The sheet stays in the file and on screen; LibreOffice's PDF export and a print of the whole
    workbook print nothing of it (see the module docstring).
    """
    col = ws.max_column + 2
    ws.print_area = (1, col, 1, col)
