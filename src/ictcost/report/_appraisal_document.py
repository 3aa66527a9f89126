"""The .docx of the appraisal report: styles, page setup, footer, paragraphs and table rows.

Private to :mod:`ictcost.report`; used by :mod:`ictcost.report.appraisal`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ictcost.report.comparison import label

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject
    from docx.section import Section
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from ictcost.report.explain import Lang

__all__ = [
    "FONT",
    "SMALL",
    "add_footer",
    "add_row",
    "apply_styles",
    "cell_text",
    "labelled",
    "new_table",
    "para",
    "row_flag",
    "set_page",
]

FONT: Final = "Times New Roman"
"""The font of every text of the report."""
_BODY: Final = Pt(13)
_TABLE: Final = Pt(11)
SMALL: Final = Pt(10)
_HEADER_FILL: Final = "DDEBF7"
_PORTRAIT: Final = (Mm(210), Mm(297))
_MARGINS: Final = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}


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


def apply_styles(doc: DocumentObject) -> None:
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


def set_page(section: Section, *, landscape: bool = False) -> None:
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
        run.font.size = SMALL
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


def add_footer(section: Section, lang: Lang) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(label("appraisal.footer.page", lang))
    run.font.size = SMALL
    _set_font(run._r)
    _field(paragraph, "PAGE")
    run = paragraph.add_run(label("appraisal.footer.of", lang))
    run.font.size = SMALL
    _set_font(run._r)
    _field(paragraph, "NUMPAGES")


# --- paragraphs and tables -----------------------------------------------------------------------


def para(
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


def labelled(doc: DocumentObject, name: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(5)
    paragraph.add_run(f"- {name}: ").bold = True
    paragraph.add_run(value)


def cell_text(
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


def row_flag(row: object, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def new_table(doc: DocumentObject, headers: Sequence[str], widths_mm: Sequence[float]) -> Table:
    table: Table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
    header = table.rows[0]
    row_flag(header, "w:tblHeader")
    row_flag(header, "w:cantSplit")
    for i, text in enumerate(headers):
        cell = header.cells[i]
        cell.width = Mm(widths_mm[i])
        cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, _HEADER_FILL)
    return table


def add_row(
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
    row_flag(row, "w:cantSplit")
    for i, text in enumerate(cells):
        cell = row.cells[i]
        cell.width = Mm(widths_mm[i])
        align = WD_ALIGN_PARAGRAPH.RIGHT if i in right else None
        cell_text(cell, text, bold=bold and i not in plain, align=align)
        if fill is not None:
            _shade(cell, fill)
