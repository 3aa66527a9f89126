"""The appraisal report (báo cáo kết quả thẩm định / thẩm tra dự toán) as a Word file, ``report`` extra.

:func:`write_report` writes a :class:`~ictcost.report.comparison.Comparison` as a ``.docx`` in the
layout of a Vietnamese administrative document:

* the heading block (the appraising or reviewing body on the left, the national title and motto
  and *…, ngày … tháng … năm …* on the right), the title and the project;
* **I. Căn cứ pháp lý**: the decree and the cost circular of the regime applied (a transitional
  override named), the submission, and a table of every norm table version used (table, period,
  instrument, data pack);
* **II. Thông tin dự án**: name, owner, preparer, reviewer, appraiser, date, project kind ×
  document, regime;
* **III. Nội dung thẩm định**: for each statutory group, each line with its method and how it was
  recomputed, the submitted and appraised values, and the findings on it with their severity,
  code, message and basis; then the findings about the estimate as a whole and the notes of the
  recomputation;
* **IV. Kết quả thẩm định** (on a landscape page): the comparison table — STT, nội dung, giá trị đề
  nghị, giá trị thẩm định, tăng/giảm, ghi chú/căn cứ — by group, with the subtotal, the
  contingency and the total (after VAT, in đồng), then the appraised total in figures and words;
* **V. Kiến nghị**: the error-level findings first, then the warnings, the appraised total in
  figures and words, and the signature block (người thẩm định, người kiểm tra, đơn vị).

Times New Roman throughout (13 pt, tables 11 pt), A4 with the margins of NĐ 30/2020 (top and
bottom 20 mm, left 30 mm, right 15 mm), the page number in every footer. Vietnamese by default,
English with ``lang="en"``; every label comes from :mod:`ictcost.report.messages.appraisal`, the
findings' messages from the checks' catalogue. ``stage="tham_tra"`` writes a review report (báo
cáo kết quả thẩm tra) instead. The file is written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ictcost._internal._atomic import atomic_write_bytes
from ictcost._version import __version__
from ictcost.report.comparison import (
    Compared,
    Comparison,
    ComparisonGroup,
    ComparisonLine,
    Reason,
    Stage,
    label,
    money_text,
    signed_text,
    stage_params,
)

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.section import Section
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from ictcost.report.explain import Lang

__all__ = ["FONT", "build_report", "write_report"]

FONT: Final = "Times New Roman"
"""The font of every text of the report."""
_BODY: Final = Pt(13)
_TABLE: Final = Pt(11)
_SMALL: Final = Pt(10)
_GROUP_FILL: Final = "F2F2F2"
_TOTAL_FILL: Final = "FFF2CC"
_HEADER_FILL: Final = "DDEBF7"
_PORTRAIT: Final = (Mm(210), Mm(297))
_MARGINS: Final = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
_RESULT_WIDTHS: Final = (12, 72, 28, 28, 26, 86)
"""Column widths of the comparison table in mm (the landscape page holds 252 mm)."""
_NORM_WIDTHS: Final = (38, 34, 73, 20)
"""Column widths of the table of norm tables in mm (the portrait page holds 165 mm)."""
_SEVERITY_ORDER: Final = {"error": 0, "warning": 1, "info": 2}


# --- styles and page -----------------------------------------------------------------------------


def _set_font(element: Any, *, name: str = FONT) -> None:  # noqa: ANN401 - a style's or run's XML
    """Make every script of a style or a run use the font (no theme font overriding it)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _styles(doc: DocumentObject) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = _BODY
    _set_font(normal.element)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(4)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.1
    for name, size in (("Heading 1", Pt(13)), ("Heading 2", Pt(13)), ("Title", Pt(14))):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        font.size = size
        font.bold = True
        font.italic = False
        font.color.rgb = RGBColor(0, 0, 0)
        _set_font(style.element)
        pf = style.paragraph_format
        pf.space_before = Pt(10 if name == "Heading 1" else 6)
        pf.space_after = Pt(4)
        pf.keep_with_next = True
        border = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
        if border is not None:  # the template's Title has a coloured rule under it
            style.element.pPr.remove(border)


def _page(section: Section, *, landscape: bool = False) -> None:
    width, height = _PORTRAIT
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = height if landscape else width
    section.page_height = width if landscape else height
    section.top_margin = _MARGINS["top"]
    section.bottom_margin = _MARGINS["bottom"]
    section.left_margin = _MARGINS["left"]
    section.right_margin = _MARGINS["right"]
    section.footer_distance = Mm(10)
    section.header_distance = Mm(10)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """Add a Word field (``PAGE``, ``NUMPAGES``) to a paragraph, one run per part of it."""

    def part(tag: str, **attrs: str) -> None:
        run = paragraph.add_run()
        run.font.size = _SMALL
        _set_font(run._r)
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if tag == "w:instrText":
            element.text = f" {instruction} "
        elif tag == "w:t":
            element.text = "1"
        run._r.append(element)

    part("w:fldChar", **{"w:fldCharType": "begin"})
    part("w:instrText", **{"xml:space": "preserve"})
    part("w:fldChar", **{"w:fldCharType": "separate"})
    part("w:t")
    part("w:fldChar", **{"w:fldCharType": "end"})


def _footer(section: Section, lang: Lang) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(label("appraisal.footer.page", lang))
    run.font.size = _SMALL
    _set_font(run._r)
    _field(paragraph, "PAGE")
    run = paragraph.add_run(label("appraisal.footer.of", lang))
    run.font.size = _SMALL
    _set_font(run._r)
    _field(paragraph, "NUMPAGES")


# --- paragraphs and tables -----------------------------------------------------------------------


def _para(
    doc: DocumentObject | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    size: Pt | None = None,
    indent: float = 0,
    space_after: float | None = None,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        if size is not None:
            run.font.size = size
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if indent:
        fmt.left_indent = Mm(indent)
    if space_after is not None:
        fmt.space_after = Pt(space_after)
    return paragraph


def _labelled(doc: DocumentObject, name: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(5)
    paragraph.add_run(f"- {name}: ").bold = True
    paragraph.add_run(value)


def _cell_text(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    size: Pt = _TABLE,
) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run(line)
        run.bold = bold
        run.italic = italic
        run.font.size = size


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _row_flag(row: object, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _table(doc: DocumentObject, headers: Sequence[str], widths_mm: Sequence[float]) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
    header = table.rows[0]
    _row_flag(header, "w:tblHeader")
    _row_flag(header, "w:cantSplit")
    for i, text in enumerate(headers):
        cell = header.cells[i]
        cell.width = Mm(widths_mm[i])
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, _HEADER_FILL)
    return table


def _add_row(
    table: Table,
    cells: Sequence[str],
    widths_mm: Sequence[float],
    *,
    bold: bool = False,
    fill: str | None = None,
    right: Sequence[int] = (),
    plain: Sequence[int] = (),
) -> None:
    row = table.add_row()  # type: ignore[no-untyped-call]
    _row_flag(row, "w:cantSplit")
    for i, text in enumerate(cells):
        cell = row.cells[i]
        cell.width = Mm(widths_mm[i])
        align = WD_ALIGN_PARAGRAPH.RIGHT if i in right else None
        _cell_text(cell, text, bold=bold and i not in plain, align=align)
        if fill is not None:
            _shade(cell, fill)


# --- the parts of the report ---------------------------------------------------------------------


def _heading_block(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str], stage: Stage
) -> None:
    unit = c.project.appraiser if stage == "tham_dinh" else c.project.reviewer
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (Mm(70), Mm(95))
    left, right = table.rows[0].cells
    left.width, right.width = widths
    table.columns[0].width, table.columns[1].width = widths
    _cell_text(
        left,
        (unit or label("appraisal.report.unit_blank", lang, **words)).upper(),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=Pt(12),
    )
    _cell_text(
        right,
        label("appraisal.report.nation", lang),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=Pt(12),
    )
    motto = right.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = motto.add_run(label("appraisal.report.motto", lang))
    run.bold = True
    run.underline = True
    run.font.size = Pt(13)
    date = right.add_paragraph()
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    date.paragraph_format.space_before = Pt(6)
    run = date.add_run(label("appraisal.report.place_date", lang))
    run.italic = True
    run.font.size = Pt(13)
    _para(doc, "", space_after=6)
    title = doc.add_paragraph(label("appraisal.report.title", lang, **words), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _para(
        doc,
        label("appraisal.report.subject", lang, name=c.project.name),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(
        doc,
        label(
            "appraisal.report.generated",
            lang,
            version=__version__,
            date=c.legal.rule_date.strftime("%d/%m/%Y"),
        ),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=_SMALL,
        space_after=8,
    )


def _legal(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    doc.add_heading(label("appraisal.section.legal", lang, **words), level=1)
    g = c.legal
    items = [
        label("appraisal.legal.decree", lang, decree=g.decree, regime=g.regime),
        label("appraisal.legal.circular", lang, circular=g.cost_circular),
    ]
    if g.overridden:
        items.append(
            label(
                "appraisal.legal.override",
                lang,
                regime=g.regime,
                in_force=g.in_force,
                on=g.rule_date.strftime("%d/%m/%Y"),
            )
        )
    items.append(
        label(
            "appraisal.legal.submission",
            lang,
            kind=words["kind"],
            preparer=c.project.preparer or "…",
            owner=c.project.owner or "…",
            act=words["act"],
        )
    )
    for text in items:
        _para(doc, f"- {text}", indent=5)
    if not g.norm_versions:
        return
    _para(
        doc, label("appraisal.legal.norms", lang, date=g.rule_date.strftime("%d/%m/%Y")), indent=5
    )
    headers = [
        label(f"appraisal.legal.col.{k}", lang) for k in ("table", "period", "instrument", "pack")
    ]
    table = _table(doc, headers, _NORM_WIDTHS)
    for v in g.norm_versions:
        pack = (
            label("appraisal.legal.pack_user", lang, pack=v.pack) if v.overrides_shipped else v.pack
        )
        _add_row(table, (v.table_id, v.period, v.instrument, pack), _NORM_WIDTHS)


def _project(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    doc.add_heading(label("appraisal.section.project", lang, **words), level=1)
    p = c.project
    blank = label("appraisal.project.blank", lang)
    for key, value in (
        ("name", p.name),
        ("owner", p.owner),
        ("preparer", p.preparer),
        ("reviewer", p.reviewer),
        ("appraiser", p.appraiser),
        ("date", p.date.strftime("%d/%m/%Y")),
        ("profile", p.profile(lang)),
        ("regime", c.legal.regime_text(lang)),
        ("submitted_total", _money_unit(c.totals.total.submitted, lang)),
    ):
        _labelled(doc, label(f"appraisal.project.{key}", lang), value or blank)


def _money_unit(value: object, lang: Lang) -> str:
    if value is None:
        return label("appraisal.value.not_stated", lang)
    return f"{money_text(value, lang)} đồng"  # type: ignore[arg-type]


def _finding_text(r: Reason, lang: Lang, *, with_line: bool) -> str:
    where = label("appraisal.content.where", lang, line=r.line) if with_line and r.line else ""
    return label(
        "appraisal.content.finding",
        lang,
        severity=label(f"appraisal.severity.{r.severity}", lang),
        code=r.code,
        where=where,
        message=r.message(lang).rstrip(". "),
        basis=r.basis,
    )


def _values_text(ln: ComparisonLine, lang: Lang, words: dict[str, str]) -> str:
    t = ln.total
    return label(
        "appraisal.content.values",
        lang,
        submitted=money_text(t.submitted, lang),
        appraised=money_text(t.appraised, lang, missing="not_computed"),
        difference=signed_text(t.difference) or "—",
        act=words["act"],
    )


def _content_group(
    doc: DocumentObject, g: ComparisonGroup, lang: Lang, words: dict[str, str]
) -> None:
    doc.add_heading(
        label(
            "appraisal.content.group", lang, number=g.number, label=g.label(lang), symbol=g.symbol
        ),
        level=2,
    )
    if not g.lines:
        _para(doc, label("appraisal.content.no_lines", lang), italic=True, indent=5)
        return
    any_finding = False
    for ln in g.lines:
        _content_line(doc, ln, lang, words)
        any_finding = any_finding or bool(ln.reasons)
    if not any_finding:
        _para(doc, label("appraisal.content.no_findings", lang), italic=True, indent=5)


def _content_line(
    doc: DocumentObject, ln: ComparisonLine, lang: Lang, words: dict[str, str]
) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(5)
    paragraph.paragraph_format.keep_with_next = bool(ln.reasons)
    paragraph.add_run(f"{ln.id} – {ln.name}: ").bold = True
    how = ln.how(lang)
    if ln.error is not None:
        paragraph.add_run(label("appraisal.note.not_computed", lang, message=ln.error.message))
    else:
        paragraph.add_run(f"{ln.method_label(lang)}; {how}.")
    paragraph.add_run(" " + _values_text(ln, lang, words))
    extra = [label("appraisal.note.not_stated", lang)] if not ln.stated else []
    if ln.reference_for is not None:
        extra.append(label("appraisal.note.reference", lang, line=ln.reference_for))
    if extra:
        paragraph.add_run(" " + " ".join(extra)).italic = True
    for r in ln.reasons:
        _para(doc, _finding_text(r, lang, with_line=False), indent=10, size=Pt(12))


def _content(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    doc.add_heading(label("appraisal.section.content", lang, **words), level=1)
    _para(
        doc,
        label(
            "appraisal.content.intro",
            lang,
            count=len(c.lines),
            date=c.legal.rule_date.strftime("%d/%m/%Y"),
        ),
    )
    for g in c.groups:
        _content_group(doc, g, lang, words)
    if c.not_computed:
        doc.add_heading(
            f"{len(c.groups) + 1}. {label('appraisal.row.not_computed_group', lang)}", level=2
        )
        for ln in c.not_computed:
            _content_line(doc, ln, lang, words)
    number = len(c.groups) + (2 if c.not_computed else 1)
    if c.general or c.problems:
        doc.add_heading(f"{number}. {label('appraisal.general', lang)}", level=2)
        for p in c.problems:
            _para(doc, label("appraisal.problem", lang, message=p.message), indent=5)
        for r in c.general:
            _para(doc, _finding_text(r, lang, with_line=True), indent=5, size=Pt(12))
        number += 1
    notes = c.notes(lang)
    if notes:
        doc.add_heading(f"{number}. {label('appraisal.content.notes', lang).rstrip(':')}", level=2)
        for text in notes:
            _para(doc, f"- {text}", indent=5, size=Pt(12))
    counts = c.counts()
    _para(
        doc,
        label(
            "appraisal.content.counts",
            lang,
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        ),
        italic=True,
    )


def _result_cells(
    number: str, content: str, compared: Compared, notes: Sequence[str], lang: Lang
) -> list[str]:
    return [
        number,
        content,
        money_text(compared.submitted, lang),
        money_text(compared.appraised, lang, missing="not_computed"),
        signed_text(compared.difference),
        "\n".join(notes),
    ]


def _result(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str], stage: Stage
) -> None:
    doc.add_heading(label("appraisal.section.result", lang, **words), level=1)
    _para(
        doc,
        label("appraisal.table.unit_after_vat", lang),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    headers = [
        label("appraisal.col.number", lang),
        label("appraisal.col.content", lang),
        label("appraisal.col.submitted", lang),
        label("appraisal.col.appraised", lang, **words),
        label("appraisal.col.difference", lang),
        label("appraisal.col.reason", lang),
    ]
    widths = _RESULT_WIDTHS
    right = (2, 3, 4)
    table = _table(doc, headers, widths)
    for g in c.groups:
        name = label("appraisal.row.group", lang, label=g.label(lang), symbol=g.symbol)
        cells = _result_cells(str(g.number), name, g.total, g.notes(lang, stage), lang)
        _add_row(table, cells, widths, bold=True, fill=_GROUP_FILL, right=right, plain=(5,))
        for ln in g.lines:
            content = f"{ln.id} – {ln.name}"
            _add_row(
                table,
                _result_cells(ln.number, content, ln.total, ln.notes(lang), lang),
                widths,
                right=right,
            )
    if c.not_computed:
        head = ["" for _ in headers]
        head[0] = str(len(c.groups) + 1)
        head[1] = label("appraisal.row.not_computed_group", lang)
        _add_row(table, head, widths, bold=True, fill=_GROUP_FILL)
        for ln in c.not_computed:
            content = f"{ln.id} – {ln.name}"
            _add_row(
                table,
                _result_cells(ln.number, content, ln.total, ln.notes(lang), lang),
                widths,
                right=right,
            )
    t = c.totals
    for key, compared, bold in (
        ("subtotal", t.subtotal, True),
        ("contingency", t.contingency, False),
        ("total", t.total, True),
    ):
        cells = _result_cells("", label(f"appraisal.row.{key}", lang), compared, (), lang)
        _add_row(table, cells, widths, bold=bold, fill=_TOTAL_FILL if bold else None, right=right)
    _para(doc, "", space_after=2)
    _totals_text(doc, c, lang, words)


def _totals_text(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    total = c.totals.total
    _para(doc, label("appraisal.total_figures", lang, amount=total.appraised, **words), bold=True)
    _para(doc, label("appraisal.in_words", lang, words=c.total_in_words), italic=True)
    if total.difference is not None:
        _para(
            doc, label("appraisal.total_difference", lang, difference=signed_text(total.difference))
        )
    else:
        _para(doc, label("appraisal.total_difference_unknown", lang), italic=True)


def _recommend(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    doc.add_heading(label("appraisal.section.recommend", lang, **words), level=1)
    reasons = [r for r in c.reasons if r.severity in ("error", "warning")]
    reasons.sort(key=lambda r: _SEVERITY_ORDER[r.severity])
    if not reasons:
        _para(doc, label("appraisal.recommend.none", lang))
    else:
        _para(doc, label("appraisal.recommend.intro", lang))
        number = 0
        for severity in ("error", "warning"):
            group = [r for r in reasons if r.severity == severity]
            if not group:
                continue
            number += 1
            _para(
                doc,
                f"{number}. {label(f'appraisal.recommend.{severity}s', lang)}",
                bold=True,
                indent=5,
            )
            for r in group:
                where = label("appraisal.recommend.where", lang, line=r.line) if r.line else ""
                text = label(
                    "appraisal.recommend.item",
                    lang,
                    where=where,
                    message=r.message(lang).rstrip(". "),
                    basis=r.basis,
                )
                _para(doc, f"- [{r.code}] {text}", indent=10, size=Pt(12))
    amount = c.totals.total.appraised
    _para(
        doc,
        label("appraisal.recommend.conclusion", lang, amount=amount, **words),
        bold=True,
    )
    _para(doc, label("appraisal.in_words", lang, words=c.total_in_words), italic=True)


def _signatures(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str], stage: Stage
) -> None:
    _para(doc, "", space_after=4)
    _para(
        doc, label("appraisal.report.place_date", lang), italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    table = doc.add_table(rows=1, cols=3)
    table.autofit = False
    unit = c.project.appraiser if stage == "tham_dinh" else c.project.reviewer
    for cell, (title, hint, name) in zip(
        table.rows[0].cells,
        (
            ("appraisal.sign.person", "appraisal.sign.hint_person", None),
            ("appraisal.sign.checker", "appraisal.sign.hint_person", None),
            ("appraisal.sign.unit", "appraisal.sign.hint_unit", unit),
        ),
        strict=True,
    ):
        cell.width = Mm(55)
        _cell_text(
            cell,
            label(title, lang, **words),
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            size=Pt(12),
        )
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(label(hint, lang))
        run.italic = True
        run.font.size = Pt(11)
        for _ in range(4):
            cell.add_paragraph()
        if name:
            p = cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(name)
            run.bold = True
            run.font.size = Pt(12)
    _row_flag(table.rows[0], "w:cantSplit")


def build_report(
    comparison: Comparison, *, lang: Lang = "vi", stage: Stage = "tham_dinh"
) -> DocumentObject:
    """Return the appraisal report of a comparison as a python-docx document (not saved).

    Args:
        comparison: The comparison (:func:`ictcost.report.comparison.compare`).
        lang: ``vi`` (default) or ``en``.
        stage: ``tham_dinh`` (default: the appraising body's report) or ``tham_tra`` (a reviewing
            consultant's report).

    Returns:
        The document.
    """
    c = comparison
    words = stage_params(stage, c.project.kind, lang)
    doc = Document()
    _styles(doc)
    first = doc.sections[0]
    _page(first)
    _footer(first, lang)
    props = doc.core_properties
    props.title = label("appraisal.report.title", lang, **words)
    props.subject = c.project.name
    props.author = f"ictcost {__version__}"
    props.language = lang
    _heading_block(doc, c, lang, words, stage)
    _legal(doc, c, lang, words)
    _project(doc, c, lang, words)
    _content(doc, c, lang, words)
    _page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    _result(doc, c, lang, words, stage)
    _page(doc.add_section(WD_SECTION.NEW_PAGE))
    _recommend(doc, c, lang, words)
    _signatures(doc, c, lang, words, stage)
    return doc


def write_report(
    comparison: Comparison,
    path: Path | str,
    lang: Lang = "vi",
    *,
    stage: Stage = "tham_dinh",
) -> Path:
    """Write the appraisal report (.docx) of a comparison, atomically.

    Args:
        comparison: The comparison (:func:`ictcost.report.comparison.compare`).
        path: The ``.docx`` file to write.
        lang: ``vi`` (default) or ``en``.
        stage: ``tham_dinh`` (default) or ``tham_tra``.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written (an existing file is left unchanged).
    """
    buffer = io.BytesIO()
    build_report(comparison, lang=lang, stage=stage).save(buffer)
    target = Path(path)
    atomic_write_bytes(target, buffer.getvalue())
    return target
