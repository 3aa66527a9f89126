"""Write the plan of the estimate workbook with XlsxWriter (``excel`` extra; see :mod:`.excel`).

:func:`render` turns a finished :class:`~._xlsx_book.Book` into the bytes of an ``.xlsx`` file in
one pass: one XlsxWriter format per distinct look, then each sheet's merges, widths, heights,
panes, page set-up, print area, filter, conditional formats and cells.

Cells:
    Text is written with ``write_string`` (never a formula, whatever it starts with), numbers with
    ``write_number``, dates with ``write_datetime`` and formulas with ``write_formula`` *and their
    cached result*, ictcost's exact figure: a whole number as the integer, any other number as the
    shortest decimal that reads back as the nearest double (``repr(float(x))``: ``0.085``, never
    ``0.08500000000000001``); a text result (the words check) as text. Plain numbers are written
    the same way (XlsxWriter's own ``%.16G`` could print a 16-digit neighbour of the double).
    ``cached_values=False`` leaves every formula's result empty (an application must calculate).

The workbook is marked to be recalculated on load (XlsxWriter's ``fullCalcOnLoad``), its base
font (the default format, the *Normal* style) is Times New Roman 12, and column widths and row
heights are stored as given (widths in digit widths of the base font, heights in points, as
openpyxl stored them: XlsxWriter's own conversions would round them to whole pixels).

XlsxWriter's ``constant_memory`` mode (each row flushed once written, strings inline instead of
in a shared table) is available (``render(..., constant_memory=True)``: the cells are then
written in row order, each merged range with its row, every feature used here kept) but not the
default (:data:`CONSTANT_MEMORY`): on the 2,000-line estimate it took the same CPU time as the
default mode (``benchmarks/test_bench_xlsx.py``) and it goes through temporary files of the
system's temporary folder, where the default mode builds the file in memory only.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import xlsxwriter  # type: ignore[import-untyped,unused-ignore]

from ictcost.report._xlsx_style import BODY_SIZE, FONT, footer, format_properties

if TYPE_CHECKING:
    from xlsxwriter.format import Format  # type: ignore[import-untyped,unused-ignore]
    from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped,unused-ignore]

    from ictcost.report._xlsx_book import Book
    from ictcost.report._xlsx_sheet import Cell, Sheet

__all__ = ["CONSTANT_MEMORY", "exact_number", "render"]

CONSTANT_MEMORY: Final = False
"""Whether the workbook is written in XlsxWriter's ``constant_memory`` mode (see above)."""

_DIGIT_PIXELS: Final = 7
"""Pixels per unit of column width in XlsxWriter's conversion (a width of ``w`` units is stored
exactly as ``w`` when set as ``7 × w`` pixels)."""
_POINTS_PER_PIXEL: Final = 0.75
"""XlsxWriter keeps row heights in pixels and writes ``pixels × 0.75`` points."""
_MARGIN: Final = 0.5
_HEADER_MARGIN: Final = 0.3
_A4: Final = 9
_PLAIN_INT: Final = 10**15


class _Int(int):
    """An integer that XlsxWriter's ``%.16G`` writes in full."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return int.__repr__(self)


class _Float(float):
    """A double that XlsxWriter's ``%.16G`` writes as its shortest round-trip decimal."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return float.__repr__(self)


def exact_number(value: Decimal) -> int | float:
    """Return the number a cell holds for a Decimal: the integer, or the nearest double.

    The returned objects print (``str`` and XlsxWriter's ``%.16G``) as the integer in full or as
    the shortest decimal that reads back as the same double: the file holds ictcost's figure as
    exactly as a spreadsheet can.

    Args:
        value: A finite decimal.

    Returns:
        An ``int`` for a whole number, else a ``float``.
    """
    if value == value.to_integral_value():
        number = int(value)
        # XlsxWriter's %.16G writes a plain integer of up to 15 digits in full
        return number if -_PLAIN_INT < number < _PLAIN_INT else _Int(number)
    return _Float(value)


def render(book: Book, *, cached_values: bool = True, constant_memory: bool | None = None) -> bytes:
    """Write a finished book as an ``.xlsx`` file and return its bytes.

    Args:
        book: The book (after :meth:`~._xlsx_book.Book.finish`).
        cached_values: Store ictcost's value of each formula as its cached result.
        constant_memory: Write in XlsxWriter's ``constant_memory`` mode (the same file, strings
            inline); ``None``: :data:`CONSTANT_MEMORY`.

    Returns:
        The file.
    """
    if constant_memory is None:
        constant_memory = CONSTANT_MEMORY
    buffer = io.BytesIO()
    options = {
        "in_memory": not constant_memory,
        "constant_memory": constant_memory,
        "default_format_properties": {"font_name": FONT, "font_size": BODY_SIZE},
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    wb = xlsxwriter.Workbook(buffer, options)
    formats: list[Format | None] = [None]
    formats.extend(wb.add_format(format_properties(look)) for look in book.styles[1:])
    plain = wb.add_format(format_properties(book.styles[0]))
    rules: dict[str, Format] = {}
    for sheet in book.sheets.values():
        ws = wb.add_worksheet(sheet.title)
        _furniture(wb, ws, sheet, formats, rules)
        _cells(ws, sheet, formats, plain, cached_values=cached_values, in_order=constant_memory)
    if book.properties:
        wb.set_properties(book.properties)
    wb.close()
    return buffer.getvalue()


def _furniture(
    wb: xlsxwriter.Workbook,
    ws: Worksheet,
    sheet: Sheet,
    formats: list[Format | None],
    rules: dict[str, Format],
) -> None:
    """Write a sheet's merges, widths, heights, panes, page set-up, print area and rules."""
    for col, width in sheet.widths.items():
        ws.set_column_pixels(col - 1, col - 1, round(width * _DIGIT_PIXELS))
    for row, height in sheet.heights.items():
        # in pixels of 0.75 point, unrounded: the file stores the height in points as given
        ws.set_row_pixels(row - 1, height / _POINTS_PER_PIXEL)
    if sheet.freeze is not None:
        ws.freeze_panes(sheet.freeze[0] - 1, sheet.freeze[1] - 1)
    if sheet.page:
        ws.set_landscape()
        ws.set_paper(_A4)
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=_MARGIN, right=_MARGIN, top=_MARGIN, bottom=_MARGIN)
        ws.set_header("", {"margin": _HEADER_MARGIN})
        ws.set_footer(footer(), {"margin": _HEADER_MARGIN})
        if sheet.title_row is not None:
            ws.repeat_rows(sheet.title_row - 1)
    if sheet.print_area is not None:
        r1, c1, r2, c2 = sheet.print_area
        ws.print_area(r1 - 1, c1 - 1, r2 - 1, c2 - 1)
    if sheet.autofilter is not None:
        r1, c1, r2, c2 = sheet.autofilter
        ws.autofilter(r1 - 1, c1 - 1, r2 - 1, c2 - 1)
    for rule in sheet.rules:
        fmt = rules.get(rule.fill)
        if fmt is None:
            fmt = rules[rule.fill] = wb.add_format({"bg_color": f"#{rule.fill}", "pattern": 1})
        options: dict[str, Any] = {
            "type": "cell",
            "criteria": rule.criteria,
            "value": 0,
            "format": fmt,
        }
        ws.conditional_format(rule.ref, options)


def _cells(
    ws: Worksheet,
    sheet: Sheet,
    formats: list[Format | None],
    plain: Format,
    *,
    cached_values: bool,
    in_order: bool,
) -> None:
    """Write a sheet's merges and cells, the looks without content as styled blanks.

    Args:
        ws: The XlsxWriter sheet.
        sheet: The plan.
        formats: The format of each look.
        plain: The format of the plain look.
        cached_values: Store ictcost's value of each formula as its cached result.
        in_order: Write row by row, each row's merges first (``constant_memory`` mode, where a
            row is written out once a later row is written to; a row with a height and no cell
            then gets a blank cell in the plain look in column A).
    """
    looks, cells = sheet.looks, sheet.cells
    blanks = [(at, number) for at, number in looks.items() if number and at not in cells]
    if not in_order:
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", formats[looks.get((r1, c1), 0)])
        for (row, col), number in blanks:
            ws.write_blank(row - 1, col - 1, None, formats[number])
        _write(ws, cells.items(), looks, formats, cached_values=cached_values)
        return
    rows: dict[int, list[tuple[tuple[int, int], Cell | None]]] = {}
    for item in cells.items():
        rows.setdefault(item[0][0], []).append(item)
    for at, _ in blanks:
        rows.setdefault(at[0], []).append((at, None))
    for row in sheet.heights:
        if row not in rows:
            rows[row] = [((row, 1), None)]
    merges: dict[int, list[tuple[int, int, int, int]]] = {}
    for merged in sheet.merges:
        merges.setdefault(merged[0], []).append(merged)
        rows.setdefault(merged[0], [])
    for row in sorted(rows):
        for r1, c1, r2, c2 in merges.get(row, ()):
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "", formats[looks.get((r1, c1), 0)])
        ordered = sorted(rows[row], key=_column)
        for (r, c), cell in ordered:
            if cell is None:
                ws.write_blank(r - 1, c - 1, None, formats[looks.get((r, c), 0)] or plain)
        full = [(at, cell) for at, cell in ordered if cell is not None]
        _write(ws, full, looks, formats, cached_values=cached_values)


def _write(
    ws: Worksheet,
    cells: Iterable[tuple[tuple[int, int], Cell]],
    looks: dict[tuple[int, int], int],
    formats: list[Format | None],
    *,
    cached_values: bool,
) -> None:
    """Write cells with their formats (text as strings, numbers and cached values exact).

    The cells are read by position (kind, content, value), and a whole number of up to 15
    digits, the common case, is handed over as the integer without a call of
    :func:`exact_number` (the same number, the same bytes), a cell's number or a formula's
    cached value alike.
    """
    write_string, write_number = ws.write_string, ws.write_number
    write_formula, write_datetime = ws.write_formula, ws.write_datetime
    get_look = looks.get
    for at, (kind, content, value) in cells:
        fmt = formats[get_look(at, 0)]
        row, col = at
        if kind == "s":
            write_string(row - 1, col - 1, content, fmt)
        elif kind == "n":
            assert isinstance(content, Decimal)
            number: int | float = int(content)
            if number != content or not -_PLAIN_INT < number < _PLAIN_INT:
                number = exact_number(content)
            write_number(row - 1, col - 1, number, fmt)
        elif kind == "f":
            cached: int | float | str = ""
            if cached_values and value is not None:
                if isinstance(value, str):
                    cached = value
                else:  # exact_number(value), its common case inline
                    cached = int(value)
                    if cached != value or not -_PLAIN_INT < cached < _PLAIN_INT:
                        cached = exact_number(value)
            write_formula(row - 1, col - 1, "=" + str(content), fmt, cached)
        else:
            assert isinstance(content, dt.date)
            write_datetime(row - 1, col - 1, content, fmt)


def _column(item: tuple[tuple[int, int], Cell | None]) -> int:
    return item[0][1]
