"""The workbook of the comparison table (bảng so sánh), ``excel`` extra.

One sheet (*So sánh*, or *Comparison* in English): the title, the project, the regime and the unit;
a two-row header (STT, Mã, Nội dung, then *Giá trị đề nghị*, *Giá trị thẩm định* and *Tăng (+),
giảm (-)*, each before VAT, VAT and after VAT, then *Ghi chú / căn cứ*); one bold row per statutory
group followed by its lines; the subtotal, the contingency and the grand total; the appraised total
in figures and in words; the findings about the estimate as a whole.

Money cells are numbers formatted ``#,##0`` (the unit, đồng, is stated above the table; the
differences as ``+#,##0;-#,##0;0``); an unknown figure (not stated, not computed) is an empty cell
and the note says why. The differences are formulas (appraised − submitted), and a group's or the
subtotal's figures are ``SUM`` formulas where they are sums of the rows above (a total the
submission states itself is a value); each formula carries ictcost's value as its cached result
(:func:`~ictcost.report._xlsx_package.with_cached_values`), so readers that do not calculate see
the figures. It has the look of the estimate workbook (:mod:`ictcost.report._xlsx_book`): every
cell in Times New Roman, 12 pt (the title 14 pt), the workbook's base font too; row heights from
:func:`~ictcost.report._xlsx_book.text_height`; the number formats carry the language's locale tag
(``[$-42A]`` Vietnamese, ``[$-409]`` English), so that LibreOffice shows the separators of the
table's language whatever its own locale; the page is A4 landscape, fitted to the width, with the
header repeated on every page, frozen panes below the header and right of the names, and the page
number in the footer; the table ends with the place and date and the signature block (NGƯỜI LẬP /
NGƯỜI KIỂM TRA / ĐẠI DIỆN ĐƠN VỊ THẨM ĐỊNH or THẨM TRA, with the unit's name where the project
gives it). Text is written as text, never as a formula
(:func:`~ictcost.report._xlsx_book.clean`). The file is written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList

from ictcost._internal._atomic import atomic_write_bytes
from ictcost._version import __version__
from ictcost.report._xlsx_book import (
    BODY_SIZE,
    LINE_HEIGHT,
    ROW_PADDING,
    TITLE_SIZE,
    clean,
    sum_formula,
    text_height,
)
from ictcost.report._xlsx_package import with_cached_values
from ictcost.report.comparison import (
    WORKBOOK_KEYWORD,
    Compared,
    Comparison,
    ComparisonLine,
    Stage,
    label,
    stage_params,
)
from ictcost.report.explain import format_date, message, render_template

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.report.explain import Lang

__all__ = ["FONT", "build_comparison_workbook", "write_comparison"]

FONT: Final = "Times New Roman"
"""The font of every cell."""
_SIZE: Final = BODY_SIZE
_MONEY: Final = "#,##0"
_SIGNED: Final = "+#,##0;-#,##0;0"
_LOCALE: Final = {"vi": "[$-42A]", "en": "[$-409]"}
"""The locale tag of the number formats of each language (see the module docstring)."""
_HEADER_FILL: Final = "DDEBF7"
_GROUP_FILL: Final = "F2F2F2"
_TOTAL_FILL: Final = "FFF2CC"
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS: Final = (6, 9, 30, 15, 13, 15, 15, 13, 15, 14, 12, 14, 44)
_NCOLS: Final = len(_WIDTHS)
_NOTE_COL: Final = _NCOLS
_HEADER_ROW: Final = 7
"""The first of the two header rows (the data start two rows below)."""
_SIGNATURE_HEIGHT: Final = 60
"""The height (points) of the row left blank for the signatures."""
_SIDES: Final = ("submitted", "appraised", "difference")
_FIGURES: Final = ("amount", "vat", "total")


def _col(side: str, figure: str) -> int:
    """The column of a figure (before VAT, VAT, after VAT) of a side (submitted, appraised, diff)."""
    return 4 + 3 * _SIDES.index(side) + _FIGURES.index(figure)


def localized(fmt: str, lang: Lang) -> str:
    """Return a number format with the language's locale tag on each of its sections."""
    return ";".join(_LOCALE[lang] + part for part in fmt.split(";"))


@dataclass
class _Sheet:
    ws: Worksheet
    lang: Lang = "vi"
    cache: dict[str, Decimal] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)

    def font(
        self, row: int, col: int, *, bold: bool = False, italic: bool = False, size: int = _SIZE
    ) -> None:
        self.ws.cell(row=row, column=col).font = Font(
            name=FONT, size=size, bold=bold, italic=italic
        )

    def text(
        self,
        row: int,
        col: int,
        value: str,
        *,
        bold: bool = False,
        italic: bool = False,
        wrap: bool = False,
        horizontal: str | None = None,
        size: int = _SIZE,
    ) -> None:
        cell = self.ws.cell(row=row, column=col)
        cleaned = clean(value)
        cell.value = cleaned
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if cleaned.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
        self.font(row, col, bold=bold, italic=italic, size=size)
        cell.alignment = Alignment(wrap_text=wrap or None, vertical="top", horizontal=horizontal)
        if wrap:
            width = sum(_WIDTHS[c - 1] for c in self._span(row, col))
            height = text_height(cleaned, width, bold=bold, size=size)
            self.heights[row] = max(self.heights.get(row, 0), height)

    def _span(self, row: int, col: int) -> range:
        for merged in self.ws.merged_cells.ranges:
            if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
                return range(merged.min_col, merged.max_col + 1)
        return range(col, col + 1)

    def number(
        self, row: int, col: int, value: Decimal | None, *, bold: bool = False, fmt: str = _MONEY
    ) -> None:
        if value is None:
            return
        cell = self.ws.cell(row=row, column=col)
        cell.value = int(value) if value == value.to_integral_value() else float(value)
        cell.number_format = localized(fmt, self.lang)
        self.font(row, col, bold=bold)
        cell.alignment = Alignment(vertical="top")

    def formula(
        self,
        row: int,
        col: int,
        formula: str,
        value: Decimal,
        *,
        bold: bool = False,
        fmt: str = _MONEY,
    ) -> None:
        cell = self.ws.cell(row=row, column=col)
        cell.value = "=" + formula
        cell.number_format = localized(fmt, self.lang)
        self.font(row, col, bold=bold)
        cell.alignment = Alignment(vertical="top")
        self.cache[cell.coordinate] = value

    def merge(self, row: int, first: int, last: int) -> None:
        self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    def box(self, first: int, last: int, *, fills: dict[int, str]) -> None:
        for row in range(first, last + 1):
            fill = fills.get(row)
            for col in range(1, _NCOLS + 1):
                cell = self.ws.cell(row=row, column=col)
                cell.border = _BOX
                if fill is not None:
                    cell.fill = PatternFill("solid", fgColor=fill)
                if cell.font is None or cell.font.name != FONT:
                    self.font(row, col)

    def fit_rows(self) -> None:
        for row, height in self.heights.items():
            given = self.ws.row_dimensions[row].height
            if given is None or given < height:
                self.ws.row_dimensions[row].height = min(409, round(height, 1))


def _header(sheet: _Sheet, lang: Lang, words: dict[str, str]) -> None:
    top, sub = _HEADER_ROW, _HEADER_ROW + 1
    for col, code in ((1, "number"), (2, "id"), (3, "content"), (_NOTE_COL, "reason")):
        sheet.ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
        sheet.text(top, col, label(f"appraisal.col.{code}", lang, **words), bold=True)
    for side in _SIDES:
        first = _col(side, "amount")
        sheet.merge(top, first, first + 2)
        sheet.text(top, first, label(f"appraisal.col.{side}", lang, **words), bold=True)
        for figure, code in zip(_FIGURES, ("before_vat", "vat", "after_vat"), strict=True):
            sheet.text(sub, _col(side, figure), label(f"appraisal.col.{code}", lang), bold=True)
    for row in (top, sub):
        for col in range(1, _NCOLS + 1):
            cell = sheet.ws.cell(row=row, column=col)
            cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
            cell.border = _BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell.value is None:
                sheet.font(row, col, bold=True)
    sheet.ws.row_dimensions[top].height = 2 * LINE_HEIGHT + ROW_PADDING
    sheet.ws.row_dimensions[sub].height = LINE_HEIGHT + ROW_PADDING + 1


Sums = dict[tuple[str, str], Sequence[int]]
"""For a (side, figure), the rows whose cells the row's figure is the sum of."""


def _figures(
    sheet: _Sheet,
    row: int,
    compared: dict[str, Compared],
    *,
    bold: bool = False,
    sums: Sums | None = None,
) -> None:
    """Write the submitted and appraised figures of a row and their differences (formulas).

    A figure listed in ``sums`` is written as a ``SUM`` of those rows (an appraised figure, or a
    submitted one summed from the submission's lines); any other as a value.
    """
    for figure, c in compared.items():
        for side, value in (("submitted", c.submitted), ("appraised", c.appraised)):
            if value is None:
                continue
            col = _col(side, figure)
            rows = (sums or {}).get((side, figure))
            summed = side == "appraised" or c.source == "sum"
            formula = sum_formula(None, col, rows) if rows is not None and summed else None
            if formula is None:
                sheet.number(row, col, value, bold=bold)
            else:
                sheet.formula(row, col, formula, value, bold=bold)
        if c.difference is not None:
            a = get_column_letter(_col("appraised", figure))
            s = get_column_letter(_col("submitted", figure))
            sheet.formula(
                row,
                _col("difference", figure),
                f"{a}{row}-{s}{row}",
                c.difference,
                bold=bold,
                fmt=_SIGNED,
            )


def _line_row(sheet: _Sheet, row: int, ln: ComparisonLine, lang: Lang) -> None:
    sheet.text(row, 1, ln.number, horizontal="center")
    sheet.text(row, 2, ln.id)
    sheet.text(row, 3, ln.name, wrap=True)
    _figures(sheet, row, {"amount": ln.amount, "vat": ln.vat, "total": ln.total})
    notes = ln.notes(lang)
    if notes:
        sheet.text(row, _NOTE_COL, "\n".join(notes), wrap=True)


def _line_sums(lines: Sequence[ComparisonLine], rows: Sequence[int]) -> Sums:
    """The rows a group's figures sum: its summed lines, when each holds the figure.

    An appraised figure sums the computed lines (a line that could not be computed is left out
    of the estimate's group total too); a submitted one needs every summed line to state it.
    """
    out: Sums = {}
    summed = [(ln, row) for ln, row in zip(lines, rows, strict=True) if ln.in_total]
    for figure in _FIGURES:
        values = [(getattr(ln, figure), row, ln) for ln, row in summed]
        if all(c.submitted is not None for c, _, _ in values):
            out["submitted", figure] = [row for _, row, _ in values]
        if all(c.appraised is not None or ln.error is not None for c, _, ln in values):
            out["appraised", figure] = [row for _, row, _ in values]
    return out


def _group_sums(groups: Sequence[dict[str, Compared]], rows: Sequence[int]) -> Sums:
    """The rows the subtotal's figures sum: the group rows, when each holds the figure."""
    out: Sums = {}
    for figure in _FIGURES:
        for side in ("submitted", "appraised"):
            if all(getattr(g[figure], side) is not None for g in groups):
                out[side, figure] = list(rows)
    return out


def _meta(sheet: _Sheet, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    p = c.project
    sheet.merge(1, 1, _NCOLS)
    sheet.text(
        1,
        1,
        label("appraisal.table.title", lang, **words),
        bold=True,
        size=TITLE_SIZE,
        horizontal="center",
    )
    rows = [
        f"{label('appraisal.project.name', lang)}: {p.name}",
        f"{label('appraisal.project.owner', lang)}: {p.owner or '—'}; "
        f"{label('appraisal.project.preparer', lang)}: {p.preparer or '—'}",
        f"{label('appraisal.project.date', lang)}: {format_date(p.date, lang)}; "
        f"{label('appraisal.project.profile', lang)}: {p.profile(lang)}",
        f"{label('appraisal.project.regime', lang)}: {c.legal.regime_text(lang)}",
        label("appraisal.table.unit", lang),
    ]
    for row, text in enumerate(rows, 2):
        sheet.merge(row, 1, _NCOLS)
        sheet.text(row, 1, text, italic=row == len(rows) + 1)


def _groups(
    sheet: _Sheet, c: Comparison, lang: Lang, stage: Stage, fills: dict[int, str]
) -> tuple[list[int], list[dict[str, Compared]], int]:
    """Write the group rows and their lines; return the group rows, their figures, the last row."""
    row = _HEADER_ROW + 1
    group_rows: list[int] = []
    group_figures: list[dict[str, Compared]] = []
    for g in c.groups:
        row += 1
        group_row = row
        group_rows.append(row)
        fills[row] = _GROUP_FILL
        sheet.text(row, 1, str(g.number), bold=True, horizontal="center")
        sheet.text(
            row,
            3,
            label("appraisal.row.group", lang, label=g.label(lang), symbol=g.symbol),
            bold=True,
            wrap=True,
        )
        rows = list(range(row + 1, row + 1 + len(g.lines)))
        for ln, line_row in zip(g.lines, rows, strict=True):
            _line_row(sheet, line_row, ln, lang)
        figures = {"amount": g.amount, "vat": g.vat, "total": g.total}
        group_figures.append(figures)
        _figures(sheet, group_row, figures, bold=True, sums=_line_sums(g.lines, rows))
        notes = g.notes(lang, stage)
        if notes:
            sheet.text(group_row, _NOTE_COL, "\n".join(notes), wrap=True)
        row += len(g.lines)
    if c.not_computed:
        row += 1
        fills[row] = _GROUP_FILL
        sheet.text(row, 1, str(len(c.groups) + 1), bold=True, horizontal="center")
        sheet.text(row, 3, label("appraisal.row.not_computed_group", lang), bold=True, wrap=True)
        for ln in c.not_computed:
            row += 1
            _line_row(sheet, row, ln, lang)
    return group_rows, group_figures, row


def base_font(wb: Workbook) -> None:
    """Make Times New Roman 12 the workbook's base font (font 0 and the *Normal* style)."""
    font = Font(name=FONT, size=BODY_SIZE, family=1)
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = copy(font)


def build_comparison_workbook(
    comparison: Comparison, *, lang: Lang = "vi", stage: Stage = "tham_dinh"
) -> tuple[Workbook, dict[str, dict[str, Decimal]]]:
    """Return the workbook of a comparison and ictcost's value of each formula (the cache).

    Args:
        comparison: The comparison.
        lang: ``vi`` or ``en``.
        stage: ``tham_dinh`` or ``tham_tra`` (names the appraised column and the title).

    Returns:
        The openpyxl workbook (formulas without cached values) and the values by sheet and cell.
    """
    c = comparison
    words = stage_params(stage, c.project.kind, lang)
    wb = Workbook()
    base_font(wb)
    ws = wb.active
    ws.title = "So sánh" if lang == "vi" else "Comparison"
    wb.properties.title = label("appraisal.table.title", lang, **words)
    wb.properties.subject = c.project.name
    wb.properties.creator = f"ictcost {__version__}"
    wb.properties.keywords = WORKBOOK_KEYWORD
    sheet = _Sheet(ws, lang)
    for col, width in enumerate(_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    _meta(sheet, c, lang, words)
    _header(sheet, lang, words)
    first = _HEADER_ROW + 2
    fills: dict[int, str] = {}
    group_rows, group_figures, row = _groups(sheet, c, lang, stage, fills)
    t = c.totals
    sub = row + 1
    fills[sub] = _TOTAL_FILL
    sheet.text(sub, 3, label("appraisal.row.subtotal", lang), bold=True, wrap=True)
    _figures(
        sheet,
        sub,
        {"amount": t.amount, "vat": t.vat, "total": t.subtotal},
        bold=True,
        sums=_group_sums(group_figures, group_rows),
    )
    dp = sub + 1
    sheet.text(dp, 3, label("appraisal.row.contingency", lang), wrap=True)
    _figures(sheet, dp, {"total": t.contingency})
    total = dp + 1
    fills[total] = _TOTAL_FILL
    sheet.text(total, 3, label("appraisal.row.total", lang), bold=True)
    _total_row(sheet, total, t.total, sub=sub, dp=dp, subtotal=t.subtotal, dp_value=t.contingency)
    sheet.box(first, total, fills=fills)
    last = _footer(sheet, c, lang, words, total + 2)
    last = _signatures(sheet, c, lang, stage, last + 2)
    sheet.fit_rows()
    _print_setup(ws, lang, last)
    return wb, {ws.title: sheet.cache}


def _total_row(
    sheet: _Sheet,
    row: int,
    total: Compared,
    *,
    sub: int,
    dp: int,
    subtotal: Compared,
    dp_value: Compared,
) -> None:
    for side, value, parts in (
        ("submitted", total.submitted, (subtotal.submitted, dp_value.submitted)),
        ("appraised", total.appraised, (subtotal.appraised, dp_value.appraised)),
    ):
        if value is None:
            continue
        col = _col(side, "total")
        letter = get_column_letter(col)
        formula = side == "appraised" or total.source == "sum"
        if formula and all(v is not None for v in parts):
            sheet.formula(row, col, f"{letter}{sub}+{letter}{dp}", value, bold=True)
        else:
            sheet.number(row, col, value, bold=True)
    if total.difference is not None:
        a = get_column_letter(_col("appraised", "total"))
        s = get_column_letter(_col("submitted", "total"))
        sheet.formula(
            row,
            _col("difference", "total"),
            f"{a}{row}-{s}{row}",
            total.difference,
            bold=True,
            fmt=_SIGNED,
        )


def _footer(sheet: _Sheet, c: Comparison, lang: Lang, words: dict[str, str], row: int) -> int:
    """Write the total in figures and words and the general findings; return the last row."""
    texts: list[tuple[str, bool, bool]] = [
        (
            label("appraisal.total_figures", lang, amount=c.totals.total.appraised, **words),
            True,
            False,
        ),
        (label("appraisal.in_words", lang, words=c.total_in_words), False, True),
    ]
    if c.general or c.problems:
        texts.append((label("appraisal.general", lang) + ":", True, False))
        texts += [
            ("• " + label("appraisal.problem", lang, message=p.message), False, False)
            for p in c.problems
        ]
        texts += [("• " + r.text(lang), False, False) for r in c.general]
    for text, bold, italic in texts:
        sheet.merge(row, 1, _NCOLS)
        sheet.text(row, 1, text, bold=bold, italic=italic, wrap=True)
        row += 1
    return row - 1


def _signatures(sheet: _Sheet, c: Comparison, lang: Lang, stage: Stage, row: int) -> int:
    """Write the place and date (to be filled in) and the signature block; return the last row."""

    def text(code: str, **params: str) -> str:
        m = message(code)
        return render_template(m.vi if lang == "vi" else m.en, params, lang)

    columns = ((1, 3), (4, 9), (10, _NCOLS))
    first, last = columns[-1]
    sheet.merge(row, first, last)
    sheet.text(row, first, text("xlsx.place_blank"), italic=True, horizontal="center")
    unit = c.project.appraiser if stage == "tham_dinh" else c.project.reviewer
    titles = (
        text("xlsx.sign.preparer"),
        text("xlsx.sign.reviewer"),
        text("xlsx.sign.stage_unit", stage=label(f"appraisal.stage.{stage}", lang).upper()),
    )
    hints = (text("xlsx.sign.person"), text("xlsx.sign.person"), text("xlsx.sign.seal"))
    for (a, b), title, hint, name in zip(columns, titles, hints, (None, None, unit), strict=True):
        for r in (row + 1, row + 2, row + 4):
            sheet.merge(r, a, b)
        sheet.text(row + 1, a, title, bold=True, horizontal="center")
        sheet.text(row + 2, a, hint, italic=True, horizontal="center")
        if name:
            sheet.text(row + 4, a, name, bold=True, horizontal="center", wrap=True)
    sheet.ws.row_dimensions[row + 3].height = _SIGNATURE_HEIGHT
    return row + 4


def _print_setup(ws: Worksheet, lang: Lang, last: int) -> None:
    ws.freeze_panes = f"D{_HEADER_ROW + 2}"
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW + 1}"
    ws.print_area = f"A1:{get_column_letter(_NCOLS)}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True
    page = label("appraisal.footer.page", lang)
    of = label("appraisal.footer.of", lang)
    ws.oddFooter.center.text = f"{page}&P{of}&N"
    ws.oddFooter.center.font = FONT


def write_comparison(
    comparison: Comparison,
    path: Path | str,
    *,
    lang: Lang = "vi",
    stage: Stage = "tham_dinh",
) -> Path:
    """Write the comparison as an Excel workbook, atomically.

    Args:
        comparison: The comparison (:func:`ictcost.report.comparison.compare`).
        path: The ``.xlsx`` file to write.
        lang: ``vi`` (default) or ``en``.
        stage: ``tham_dinh`` (default) or ``tham_tra``.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written (an existing file is left unchanged).
    """
    wb, cache = build_comparison_workbook(comparison, lang=lang, stage=stage)
    buffer = io.BytesIO()
    wb.save(buffer)
    target = Path(path)
    atomic_write_bytes(target, with_cached_values(buffer.getvalue(), cache))
    return target
