"""The sections of the appraisal report: heading, legal basis, project, content, recommendations.

Private to :mod:`ictcost.report`; used by :mod:`ictcost.report.appraisal` (the comparison table
of section IV is :mod:`ictcost.report._appraisal_table`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ictcost._version import __version__
from ictcost.report._appraisal_document import (
    SMALL,
    add_row,
    cell_text,
    labelled,
    new_table,
    para,
    row_flag,
)
from ictcost.report.comparison import (
    Comparison,
    ComparisonGroup,
    ComparisonLine,
    Reason,
    Stage,
    label,
    money_text,
    signed_text,
)
from ictcost.report.explain import basis_text, format_period

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

    from ictcost.report.explain import Lang

__all__ = [
    "content_section",
    "heading_block",
    "legal_section",
    "project_section",
    "recommend_section",
    "signatures",
]

_NORM_WIDTHS: Final = (38, 34, 73, 20)
"""Column widths of the table of norm tables in mm (the portrait page holds 165 mm)."""
_SEVERITY_ORDER: Final = {"error": 0, "warning": 1, "info": 2}


def heading_block(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str], stage: Stage
) -> None:
    unit = c.project.appraiser if stage == "tham_dinh" else c.project.reviewer
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (Mm(70), Mm(95))
    left, right = table.rows[0].cells
    left.width, right.width = widths
    table.columns[0].width, table.columns[1].width = widths
    cell_text(
        left,
        (unit or label("appraisal.report.unit_blank", lang, **words)).upper(),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=Pt(12),
    )
    cell_text(
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
    para(doc, "", space_after=6)
    title = doc.add_paragraph(label("appraisal.report.title", lang, **words), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para(
        doc,
        label("appraisal.report.subject", lang, name=c.project.name),
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    para(
        doc,
        label(
            "appraisal.report.generated",
            lang,
            version=__version__,
            date=c.legal.rule_date.strftime("%d/%m/%Y"),
        ),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=SMALL,
        space_after=8,
    )


def legal_section(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
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
        para(doc, f"- {text}", indent=5)
    if not g.norm_versions:
        return
    para(doc, label("appraisal.legal.norms", lang, date=g.rule_date.strftime("%d/%m/%Y")), indent=5)
    headers = [
        label(f"appraisal.legal.col.{k}", lang) for k in ("table", "period", "instrument", "pack")
    ]
    table = new_table(doc, headers, _NORM_WIDTHS)
    for v in g.norm_versions:
        pack = (
            label("appraisal.legal.pack_user", lang, pack=v.pack) if v.overrides_shipped else v.pack
        )
        period = format_period(v.period, lang)
        add_row(table, (v.table_id, period, v.instrument, pack), _NORM_WIDTHS)


def project_section(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
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
        labelled(doc, label(f"appraisal.project.{key}", lang), value or blank)


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
        basis=basis_text(r.code, r.basis, lang),
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
        para(doc, label("appraisal.content.no_lines", lang), italic=True, indent=5)
        return
    any_finding = False
    for ln in g.lines:
        _content_line(doc, ln, lang, words)
        any_finding = any_finding or bool(ln.reasons)
    if not any_finding:
        para(doc, label("appraisal.content.no_findings", lang), italic=True, indent=5)


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
        para(doc, _finding_text(r, lang, with_line=False), indent=10, size=Pt(12))


def content_section(doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]) -> None:
    doc.add_heading(label("appraisal.section.content", lang, **words), level=1)
    para(
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
            para(doc, label("appraisal.problem", lang, message=p.message), indent=5)
        for r in c.general:
            para(doc, _finding_text(r, lang, with_line=True), indent=5, size=Pt(12))
        number += 1
    notes = c.notes(lang)
    if notes:
        doc.add_heading(f"{number}. {label('appraisal.content.notes', lang).rstrip(':')}", level=2)
        for text in notes:
            para(doc, f"- {text}", indent=5, size=Pt(12))
    counts = c.counts()
    para(
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


def recommend_section(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str]
) -> None:
    doc.add_heading(label("appraisal.section.recommend", lang, **words), level=1)
    reasons = [r for r in c.reasons if r.severity in ("error", "warning")]
    reasons.sort(key=lambda r: _SEVERITY_ORDER[r.severity])
    if not reasons:
        para(doc, label("appraisal.recommend.none", lang))
    else:
        para(doc, label("appraisal.recommend.intro", lang))
        number = 0
        for severity in ("error", "warning"):
            group = [r for r in reasons if r.severity == severity]
            if not group:
                continue
            number += 1
            para(
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
                    basis=basis_text(r.code, r.basis, lang),
                )
                para(doc, f"- [{r.code}] {text}", indent=10, size=Pt(12))
    amount = c.totals.total.appraised
    para(
        doc,
        label("appraisal.recommend.conclusion", lang, amount=amount, **words),
        bold=True,
    )
    para(doc, label("appraisal.in_words", lang, words=c.total_in_words), italic=True)


def signatures(
    doc: DocumentObject, c: Comparison, lang: Lang, words: dict[str, str], stage: Stage
) -> None:
    para(doc, "", space_after=4)
    para(
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
        cell_text(
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
    row_flag(table.rows[0], "w:cantSplit")
