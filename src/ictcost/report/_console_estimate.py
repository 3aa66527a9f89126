"""Console views of an estimate and of a fee, in one language (Vietnamese or English).

The summary table is the Markdown one (:func:`~ictcost.report.text.summary_table`: every row adds up); a line's computation, the notes
and the contingency are written by the renderer (:mod:`ictcost.report.explain`); the methods'
labels are the norm data's (:mod:`ictcost.labels`) when a registry is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ictcost._internal._inert import strip_controls
from ictcost.errors import IctcostError
from ictcost.labels import method_labels
from ictcost.report._console_cells import (
    EXACT_DECIMALS,
    amount,
    bullets,
    cell,
    day,
    display,
    id_column,
    money,
    money_column,
    number_column,
    paragraph,
    plain,
    table,
    text_column,
    tr,
    vnd,
)
from ictcost.report.explain import (
    Lang,
    explain_contingency,
    explain_expert_item,
    explain_fee_base,
    explain_lookup,
    explain_trace,
    format_number,
    message,
    render_note,
    render_notes,
    render_template,
)
from ictcost.report.text import row_cells, summary_table, vat_label

if TYPE_CHECKING:
    from ictcost.estimate.result import Estimate, LineResult
    from ictcost.fees import FeeResult
    from ictcost.norms.registry import NormRegistry
    from ictcost.regimes import Regime

__all__ = [
    "estimate_notes",
    "estimate_view",
    "fee_basis",
    "fee_items_view",
    "fee_view",
    "regime_text",
]


def fee_basis(result: FeeResult, lang: Lang) -> str:
    """The legal basis of a fee in one line: the tables, the regime (by its decree), the status."""
    code = "fee.basis.reference" if "reference_only" in result.flags else "fee.basis.norm"
    m = message(code)
    return render_template(
        m.vi if lang == "vi" else m.en,
        {"tables": result.tables, "regime": regime_text(result.regime, lang)},
        lang,
    )


def regime_text(regime: Regime, lang: Lang) -> str:
    """The regime applied, by its decree and cost circular (never its internal id)."""
    text = tr("cli.regime", lang, decree=regime.decree, circular=regime.cost_circular)
    if regime.overridden:
        text += tr("cli.regime_override", lang, on=day(regime.on, lang))
    return text


# --- fees -----------------------------------------------------------------------------------------


def fee_view(result: FeeResult, lang: Lang = "vi") -> RenderableType:
    """Return a fee's trace: the table parts (Gt, Gb, Ga, Nb, Na, rate, weight), K, the amount.

    Args:
        result: The fee.
        lang: The language of the texts.

    Returns:
        The renderable.
    """
    what = result.item or result.lookups[0].table_id
    head = Text.assemble(
        "\n",
        (strip_controls(what), "bold"),
        " · "
        + tr(
            "cli.fee.head",
            lang,
            category=tr(f"cli.category.{result.category}", lang),
            form=tr(f"cli.form.{result.form}", lang),
            base=vnd(result.base, lang),
            on=day(result.on, lang),
        ),
    )
    t = table()
    refs = [f"{lk.table_id}/{lk.column}" for lk in result.lookups]
    id_column(t, tr("cli.fee.col.table", lang), refs)
    rows = [
        [
            cell(v, lang, decimals=EXACT_DECIMALS)
            for v in (
                lk.gt,
                lk.interpolation.gb,
                lk.interpolation.ga,
                lk.interpolation.nb,
                lk.interpolation.na,
                lk.interpolation.rate,
                lk.weight,
            )
        ]
        for lk in result.lookups
    ]
    headers = (
        tr("cli.fee.col.gt", lang),
        "Gb",
        "Ga",
        "Nb %",
        "Na %",
        tr("cli.fee.col.rate", lang),
        tr("cli.fee.col.weight", lang),
    )
    for i, header in enumerate(headers):
        number_column(t, header, [row[i] for row in rows])
    for ref, row in zip(refs, rows, strict=True):
        t.add_row(plain(ref), *row)
    lines = [
        plain(
            tr(
                "cli.fee.k",
                lang,
                column=c.column,
                value=display(c.value, lang, decimals=EXACT_DECIMALS),
                ref=c.ref,
                confidence=c.confidence,
            )
        )
        for c in result.coefficients
    ]
    lines.append(
        plain(
            tr(
                "cli.fee.amount",
                lang,
                rate=format_number(result.rate_percent, lang),
                k=format_number(result.k_product, lang),
                amount=amount(result.amount, lang),
            )
        )
    )
    lines.append(plain(tr("cli.fee.basis", lang, basis=fee_basis(result, lang))))
    return Group(paragraph(head), t, paragraph(*lines), *bullets(render_notes(result.notes, lang)))


def fee_items_view(items: Mapping[str, str]) -> RenderableType:
    """Return the fee item keys with their labels, key and label in two columns."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for key, label in items.items():
        grid.add_row(plain(key), plain(label))
    return grid


# --- estimate -------------------------------------------------------------------------------------


def _method_labels(estimate: Estimate, registry: NormRegistry | None, lang: Lang) -> dict[str, str]:
    """The label of each method of the estimate: the norm data's, else the catalogue's."""
    out: dict[str, str] = {
        m: tr(f"cli.method.{m}", lang) for m in {ln.method for ln in estimate.lines}
    }
    if registry is None:
        return out
    try:
        labels = method_labels(registry, estimate.date)
    except IctcostError:
        return out
    for method, label in labels.items():
        if method in out:
            out[method] = label.vi if lang == "vi" or not label.en else label.en
    return out


def _details(line: LineResult, lang: Lang) -> list[str]:
    t = line.trace
    if t.kind == "fee":
        base = [explain_fee_base(t, lang)] if t.base_given or t.base_lines else []
        return base + [explain_lookup(lk, lang) for lk in t.fee.lookups]
    if t.kind == "expert":
        return [explain_expert_item(r, lang) for r in t.items]
    return []


def _detail_table(e: Estimate, lang: Lang) -> Table:
    t = table(tr("cli.estimate.detail", lang))
    id_column(t, tr("cli.col.id", lang), [ln.id for ln in e.lines])
    text_column(t, tr("cli.col.item", lang))
    money_column(t, tr("cli.col.before_vat", lang), (ln.amount for ln in e.lines), lang)
    vats = [vat_label(ln, lang) for ln in e.lines]  # the Markdown's words (display.vat.*)
    t.add_column(tr("cli.col.vat_rate", lang), justify="right", overflow="fold")
    money_column(t, tr("cli.col.after_vat", lang), (ln.total for ln in e.lines), lang)
    for ln, vat in zip(e.lines, vats, strict=True):
        t.add_row(
            plain(ln.id), plain(ln.name), money(ln.amount, lang), plain(vat), money(ln.total, lang)
        )
    return t


def _computation_table(e: Estimate, lang: Lang, registry: NormRegistry | None) -> Table:
    labels = _method_labels(e, registry, lang)
    t = table(tr("cli.estimate.computation", lang))
    id_column(t, tr("cli.col.id", lang), [ln.id for ln in e.lines])
    text_column(t, tr("cli.col.method", lang), max_width=18)
    text_column(t, tr("cli.col.computation", lang))
    for ln in e.lines:
        method = labels[ln.method]
        if ln.method_status in ("reference", "not_allowed"):
            method += tr(f"cli.method_status.{ln.method_status}", lang)
        text = "\n".join([explain_trace(ln.trace, lang), *_details(ln, lang)])
        t.add_row(plain(ln.id), plain(method), plain(text))
    return t


def _summary_table(e: Estimate, lang: Lang) -> Table:
    # the rows of the Markdown and HTML summary: every row adds up (text.summary_table/row_cells)
    rows = summary_table(e)
    cells = [row_cells(r) for r in rows]
    t = table(tr("cli.estimate.summary", lang))
    t.add_column(tr("cli.col.number", lang), justify="right", no_wrap=True)
    text_column(t, tr("cli.col.item", lang))
    id_column(t, tr("cli.col.symbol", lang), [r.symbol for r in rows])
    money_column(t, tr("cli.col.before_vat", lang), (c[0] for c in cells), lang)
    money_column(t, tr("cli.col.vat", lang), (c[1] for c in cells), lang)
    money_column(t, tr("cli.col.after_vat", lang), (c[2] for c in cells), lang)
    for r, (before, vat, total) in zip(rows, cells, strict=True):
        bold = r.emphasised or r.kind in ("subtotal", "total")
        t.add_row(
            plain("" if r.number is None else str(r.number)),
            plain(r.label_vi if lang == "vi" else r.label_en, style="bold" if bold else ""),
            plain(r.symbol),
            money(before, lang),
            money(vat, lang),
            money(total, lang, bold=bold),
        )
    return t


def estimate_notes(e: Estimate, lang: Lang) -> list[str]:
    """Every note of an estimate in ``lang``: its own, its lines' (``QLDA: …``), its contingency's."""
    out = [render_note(n, lang) for n in e.notes]
    out += [f"{ln.id}: {render_note(n, lang)}" for ln in e.lines for n in ln.notes]
    if e.contingency is not None:
        out += [render_note(n, lang) for n in e.contingency.notes]
    return out


def estimate_view(
    estimate: Estimate, lang: Lang = "vi", *, registry: NormRegistry | None = None
) -> RenderableType:
    """Return an estimate: its lines, their computation, the summary, the amount in words, notes.

    Args:
        estimate: The computed estimate.
        lang: The language of the texts (the amount in words is Vietnamese in both: it is the
            statutory "Bằng chữ").
        registry: The registry the estimate was computed with (for the methods' labels).

    Returns:
        The renderable.
    """
    e = estimate
    profile = e.profile.label_vi if lang == "vi" or not e.profile.label_en else e.profile.label_en
    parts: list[RenderableType] = [
        paragraph(
            plain(e.name, style="bold"),
            f"{day(e.date, lang)} · {profile} · {regime_text(e.regime, lang)}",
        ),
        _detail_table(e, lang),
        _computation_table(e, lang, registry),
        _summary_table(e, lang),
    ]
    closing = [plain(tr("cli.estimate.in_words", lang, words=e.total_in_words))]
    if e.contingency is not None:
        closing.insert(
            0,
            plain(
                tr(
                    "cli.estimate.contingency",
                    lang,
                    how=explain_contingency(e.contingency, lang),
                    total=amount(e.contingency.total, lang),
                )
            ),
        )
    parts.append(paragraph(*closing))
    parts += bullets(estimate_notes(e, lang))
    return Group(*parts)
