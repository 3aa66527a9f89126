"""Section IV of the appraisal report: the comparison table, then the total in figures and words.

Private to :mod:`ictcost.report`; used by :mod:`ictcost.report.appraisal`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from docx.enum.text import WD_ALIGN_PARAGRAPH

from ictcost.report._appraisal_document import add_row, new_table, para
from ictcost.report.comparison import Compared, Comparison, Stage, label, money_text, signed_text

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

    from ictcost.report.explain import Lang

__all__ = ["result_section"]

_GROUP_FILL: Final = "F2F2F2"
_TOTAL_FILL: Final = "FFF2CC"
_RESULT_WIDTHS: Final = (12, 72, 28, 28, 26, 86)
"""Column widths of the comparison table in mm (the landscape page holds 252 mm)."""


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


def result_section(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str], stage: Stage
) -> None:
    doc.add_heading(label("appraisal.section.result", lang, **words), level=1)
    para(
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
    table = new_table(doc, headers, widths)
    for g in c.groups:
        name = label("appraisal.row.group", lang, label=g.label(lang), symbol=g.symbol)
        cells = _result_cells(str(g.number), name, g.total, g.notes(lang, stage), lang)
        add_row(table, cells, widths, bold=True, fill=_GROUP_FILL, right=right, plain=(5,))
        for ln in g.lines:
            content = f"{ln.id} – {ln.name}"
            add_row(
                table,
                _result_cells(ln.number, content, ln.total, ln.notes(lang), lang),
                widths,
                right=right,
            )
    if c.not_computed:
        head = ["" for _ in headers]
        head[0] = str(len(c.groups) + 1)
        head[1] = label("appraisal.row.not_computed_group", lang)
        add_row(table, head, widths, bold=True, fill=_GROUP_FILL)
        for ln in c.not_computed:
            content = f"{ln.id} – {ln.name}"
            add_row(
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
        add_row(table, cells, widths, bold=bold, fill=_TOTAL_FILL if bold else None, right=right)
    para(doc, "", space_after=2)
    _totals_text(doc, c, lang, words)


def _totals_text(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    total = c.totals.total
    para(doc, label("appraisal.total_figures", lang, amount=total.appraised, **words), bold=True)
    para(doc, label("appraisal.in_words", lang, words=c.total_in_words), italic=True)
    if total.difference is not None:
        para(
            doc, label("appraisal.total_difference", lang, difference=signed_text(total.difference))
        )
    else:
        para(doc, label("appraisal.total_difference_unknown", lang), italic=True)
