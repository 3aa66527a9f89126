"""Text outputs of an estimate (Markdown, HTML, a DataFrame, the workbook) and notebook displays.

The Markdown is a Vietnamese document: amounts in whole đồng with Vietnamese separators
(``1.234.567``); software lines show "không chịu thuế" (not subject to VAT), never 0 %. The
summary table is :func:`~ictcost.report.summary.summary_rows`, and every total row adds up: with a
contingency, *Cộng (chưa gồm dự phòng)* (before VAT + VAT = after VAT), *Chi phí dự phòng* (after
VAT only, as the percentage applies to a total), then *TỔNG CỘNG* (after VAT only: the subtotal
plus the contingency), as the workbook shows it. A line's computation ("Cách tính"), the notes and
the contingency are written by the one renderer, :mod:`ictcost.report.explain`.

The notebook displays (``_repr_html_``, short reprs) of the estimate, the fee, the software cost
and the findings are in the display language (:func:`ictcost.set_display_language`, Vietnamese by
default); their helpers are :mod:`ictcost.report._repr`.

Importing this module registers its renderers with the estimate
(:func:`~ictcost.estimate.result.register_renderer`), the fee and the software cost, so that
:meth:`Estimate.to_markdown() <ictcost.estimate.result.Estimate.to_markdown>`, ``_repr_html_()``
and ``to_dataframe()`` work. The results import it by name the first time one of these outputs
is asked for, so neither ``import ictcost`` nor the formulas pay for it before.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from ictcost._internal import _atomic
from ictcost._internal._inert import escape_markdown, strip_controls
from ictcost.estimate.result import register_renderer
from ictcost.fees.result import register_fee_display
from ictcost.labels import component_labels
from ictcost.money import format_amount
from ictcost.norms.registry import NormRegistry
from ictcost.report._repr import (
    Cell,
    dataframe,
    details,
    display_language,
    fee_html,
    fee_repr,
    html_list,
    html_table,
    lang_or_default,
    money,
    number,
    regime_short,
    regime_text,
    set_display_language,
    shorten,
    software_html,
    software_repr,
    text,
    when,
    wrap,
)
from ictcost.report._repr import text as display_text
from ictcost.report.explain import (
    Lang,
    explain_contingency,
    explain_expert_item,
    explain_fee_base,
    explain_lookup,
    explain_trace,
    format_number,
    render_note,
)
from ictcost.report.summary import SummaryRow, summary_rows
from ictcost.software.results import register_software_display

if TYPE_CHECKING:
    from decimal import Decimal

    import pandas

    from ictcost.estimate.result import Estimate, LineResult, MoneyMode

__all__ = [
    "DATAFRAME_COLUMNS",
    "Cell",
    "atomic_write_text",
    "computation_details",
    "dataframe",
    "details",
    "display_language",
    "display_text",
    "estimate_repr",
    "html_list",
    "html_table",
    "lang_or_default",
    "method_label",
    "money",
    "notes_text",
    "row_cells",
    "set_display_language",
    "shorten",
    "summary_table",
    "to_dataframe",
    "to_html",
    "to_markdown",
    "vat_label",
    "when",
    "wrap",
]
"""The outputs of the estimate, and the display helpers the findings and the comparison share
(:mod:`ictcost.report._repr`): the display language, texts of the catalogue, figures rounded for
display, HTML tables and typed DataFrames."""


def vat_label(line: LineResult, lang: Lang = "vi") -> str:
    """Return the VAT column text of a line: ``8 %``, ``không chịu thuế``, ``8 % / 10 %`` or ``—``.

    A line taxed by period at several rates shows each rate, in the order of the periods.

    Args:
        line: The computed line.
        lang: ``vi`` or ``en`` (``not subject to VAT``, ``8 %``).
    """
    if line.vat_treatment == "not_subject":
        return text("display.vat.not_subject", lang)
    if line.vat_rate is None and line.vat_treatment == "taxable" and line.vat_periods:
        rates: list[str] = []
        for p in line.vat_periods:
            rate = (
                text("display.vat.not_subject_short", lang)
                if p.rate is None
                else f"{format_number(p.rate, lang)} %"
            )
            if rate not in rates:
                rates.append(rate)
        return " / ".join(rates)
    if line.vat_rate is None:
        return "—"
    return f"{format_number(line.vat_rate, lang)} %"


def method_label(line: LineResult, lang: Lang = "vi") -> str:
    """Return the label of a line's method, with its status (``Định mức tỷ lệ (tham khảo)``)."""
    out = text(f"appraisal.method.{line.method}", lang)
    if line.method_status in ("reference", "not_allowed"):
        out += text(f"appraisal.status.{line.method_status}", lang)
    return out


def computation_details(line: LineResult, lang: Lang = "vi") -> list[str]:
    """Return the parts of a line's computation beyond its one-line "Cách tính".

    A fee gives the lines its base was summed from (or that it was given) and one text per table
    part (Gt, Gb, Ga, Nb, Na, weight); an expert estimate gives one text per item. Other methods
    have none.

    Args:
        line: The computed line.
        lang: ``vi`` or ``en``.

    Returns:
        The texts, in order (empty when the one-line text says everything).
    """
    t = line.trace
    if t.kind == "fee":
        base = [explain_fee_base(t, lang)] if t.base_given or t.base_lines else []
        return base + [explain_lookup(lk, lang) for lk in t.fee.lookups]
    if t.kind == "expert":
        return [explain_expert_item(r, lang) for r in t.items]
    return []


def notes_text(estimate: Estimate, lang: Lang = "vi") -> list[str]:
    """Return every note of an estimate: its own, its lines', its contingency's.

    A line's notes are prefixed with the line id (``QLDA: …``).

    Args:
        estimate: The computed estimate.
        lang: ``vi`` or ``en``.

    Returns:
        The sentences, in order.
    """
    e = estimate
    out = [render_note(n, lang) for n in e.notes]
    out += [f"{ln.id}: {render_note(n, lang)}" for ln in e.lines for n in ln.notes]
    if e.contingency is not None:
        out += [render_note(n, lang) for n in e.contingency.notes]
    return out


# --- the summary table: every total row adds up ----------------------------------------------

_ROW_LABEL = {
    "subtotal": "appraisal.row.subtotal",
    "contingency": "appraisal.row.contingency",
    "total": "appraisal.row.total",
}


def summary_table(estimate: Estimate) -> tuple[SummaryRow, ...]:
    """Return the summary rows as Markdown and HTML show them, every row adding up.

    The groups; with a contingency, the subtotal before it (*Cộng (chưa gồm dự phòng)*), the
    contingency and the grand total. A row's before-VAT and VAT cells are shown only when they add
    up to its after-VAT cell (:func:`row_cells`): the contingency and, with a contingency, the
    grand total show the after-VAT cell only. Down the table, the groups sum to the subtotal and
    the subtotal plus the contingency is the grand total.

    Args:
        estimate: The computed estimate.

    Returns:
        The rows, in order.
    """
    return summary_rows(estimate, subtotal=estimate.contingency is not None)


def row_cells(row: SummaryRow) -> tuple[Decimal | None, Decimal | None, Decimal]:
    """Return the (before VAT, VAT, after VAT) cells of a summary row; ``None`` for a blank cell.

    Before-VAT and VAT are shown only when they add up to after-VAT (the rule of every total
    row of the Markdown, HTML and console tables).
    """
    if row.amount is None or row.vat is None or row.amount + row.vat != row.total:
        return None, None, row.total
    return row.amount, row.vat, row.total


def _row_label(row: SummaryRow, lang: Lang) -> str:
    if row.kind in _ROW_LABEL:
        return text(_ROW_LABEL[row.kind], lang)
    return row.label_vi if lang == "vi" or not row.label_en else row.label_en


# --- Markdown ---------------------------------------------------------------------------------


def _md(value: str) -> str:
    """Text from a file, inert in Markdown (review D19) and in one table cell.

    Raw HTML and links cannot form (:func:`~ictcost._internal._inert.escape_markdown`: ``[`` and
    ``]`` are escaped, ``<`` and ``>`` are entities), terminal control sequences are removed,
    ``|`` is escaped and a line end is a space.
    """
    cleaned = strip_controls(value).replace("\r", "")
    return escape_markdown(cleaned).replace("|", "\\|").replace("\n", " ")


def _vnd(amount: Decimal | None, lang: Lang) -> str:
    return "" if amount is None else format_amount(amount, lang)


def _md_summary_row(r: SummaryRow, lang: Lang) -> str:
    number_cell = "" if r.number is None else str(r.number)
    amount, vat, total = row_cells(r)
    label, after = _md(_row_label(r, lang)), _vnd(total, lang)
    if r.emphasised:
        label, after = f"**{label}**", f"**{after}**"
    cells = (number_cell, label, _md(r.symbol), _vnd(amount, lang), _vnd(vat, lang), after)
    return "| " + " | ".join(cells) + " |"


def _md_line(ln: LineResult, lang: Lang) -> str:
    qty = format_number(ln.quantity, lang) if ln.quantity is not None else ""
    cells = (
        _md(ln.id),
        _md(ln.name),
        method_label(ln, lang),
        qty,
        _vnd(ln.unit_price, lang),
        _vnd(ln.amount, lang),
        vat_label(ln, lang),
        _vnd(ln.vat, lang),
        _vnd(ln.total, lang),
        _md(explain_trace(ln.trace, lang)),
    )
    return "| " + " | ".join(cells) + " |"


def to_markdown(estimate: Estimate, lang: Lang = "vi") -> str:
    """Render the estimate as Markdown: the summary by group, every line, the details, the notes.

    A document in one language (Vietnamese by default; the amount in words stays Vietnamese,
    the words of the legal document); numbers and dates in the language's style.

    Args:
        estimate: The computed estimate.
        lang: ``vi`` or ``en``.

    Returns:
        Markdown text.
    """
    e = estimate
    lang = lang_or_default(lang)
    profile = e.profile.label_vi if lang == "vi" else e.profile.label_en
    out = [
        f"# {_md(e.name)}",
        "",
        f"- {text('appraisal.project.owner', lang)}: {_md(e.owner or '—')}",
        f"- {text('appraisal.project.preparer', lang)}: {_md(e.preparer or '—')}",
        f"- {_md(text('display.md.date', lang, date=when(e.date, lang), profile=profile))}",
        f"- {_md(text('display.md.regime', lang, regime=regime_text(e.regime, lang)))}",
        "",
        f"## {text('display.md.summary', lang)}",
        "",
        text("display.md.summary_head", lang),
        "|---:|---|---|---:|---:|---:|",
        *(_md_summary_row(r, lang) for r in summary_table(e)),
        "",
        text("display.md.in_words", lang, words=e.total_in_words),
        "",
        f"## {text('display.md.lines', lang)}",
        "",
        text("display.md.lines_head", lang),
        "|---|---|---|---:|---:|---:|---|---:|---:|---|",
        *(_md_line(ln, lang) for ln in e.lines),
    ]
    details_ = [(ln.id, computation_details(ln, lang)) for ln in e.lines]
    if any(parts for _, parts in details_):
        out += ["", f"## {text('display.md.explained', lang)}", ""]
        for line_id, parts in details_:
            out += [f"- {_md(line_id)}: {_md(part)}" for part in parts]
    if e.contingency is not None:
        how = explain_contingency(e.contingency, lang)
        out += ["", _md(text("display.md.contingency", lang, how=how, amount=e.contingency.total))]
    notes = notes_text(e, lang)
    if notes:
        out += ["", f"## {text('display.notes', lang)}", ""] + [f"- {_md(n)}" for n in notes]
    return "\n".join(out) + "\n"


# --- the notebook display of an estimate --------------------------------------------------------


def _summary_html(e: Estimate, lang: Lang) -> str:
    head: list[Cell] = [
        text("appraisal.col.number", lang),
        text("display.col.item", lang),
        text("display.col.symbol", lang),
        (text("appraisal.col.before_vat", lang), "right"),
        (text("appraisal.col.vat", lang), "right"),
        (text("appraisal.col.after_vat", lang), "right"),
    ]
    rows: list[list[Cell]] = []
    bold: list[int] = []
    for i, r in enumerate(summary_table(e)):
        amount, vat, total = row_cells(r)
        rows.append(
            [
                "" if r.number is None else str(r.number),
                _row_label(r, lang),
                r.symbol,
                ("" if amount is None else money(amount, lang, unit=False), "right"),
                ("" if vat is None else money(vat, lang, unit=False), "right"),
                (money(total, lang, unit=False), "right"),
            ]
        )
        if r.emphasised:
            bold.append(i)
    return html_table(head, rows, bold=bold)


def _lines_html(e: Estimate, lang: Lang) -> str:
    head: list[Cell] = [
        text("appraisal.col.id", lang),
        text("display.col.name", lang),
        text("display.col.method", lang),
        (text("display.col.quantity", lang), "right"),
        (text("display.col.unit_price", lang), "right"),
        (text("appraisal.col.before_vat", lang), "right"),
        (text("display.col.vat_rate", lang), "right"),
        (text("appraisal.col.vat", lang), "right"),
        (text("appraisal.col.after_vat", lang), "right"),
        text("display.col.computation", lang),
    ]
    rows: list[list[Cell]] = [
        [
            ln.id,
            ln.name + ("" if ln.in_total else text("display.not_in_total", lang)),
            method_label(ln, lang),
            ("" if ln.quantity is None else number(ln.quantity, lang), "right"),
            ("" if ln.unit_price is None else money(ln.unit_price, lang, unit=False), "right"),
            (money(ln.amount, lang, unit=False), "right"),
            (vat_label(ln, lang), "right"),
            (money(ln.vat, lang, unit=False), "right"),
            (money(ln.total, lang, unit=False), "right"),
            explain_trace(ln.trace, lang),
        ]
        for ln in e.lines
    ]
    return html_table(head, rows)


def to_html(estimate: Estimate, lang: Lang | None = None) -> str:
    """Render the notebook display of an estimate (what Jupyter shows).

    The summary table (every total row adds up, :func:`summary_table`), the amount in words,
    then, folded: every line with its computation, the details of fees and expert items, the
    contingency and the notes.

    Args:
        estimate: The computed estimate.
        lang: ``vi`` or ``en``; the display language by default.

    Returns:
        An HTML fragment.
    """
    e = estimate
    lang = lang_or_default(lang)
    profile = e.profile.label_vi if lang == "vi" else e.profile.label_en
    subtitle = text(
        "display.estimate.subtitle",
        lang,
        regime=regime_text(e.regime, lang),
        date=when(e.date, lang),
        profile=profile,
    )
    words = text("appraisal.in_words", lang, words=e.total_in_words)
    explained = [f"{ln.id}: {part}" for ln in e.lines for part in computation_details(ln, lang)]
    if e.contingency is not None:
        explained.append(
            text(
                "display.estimate.contingency",
                lang,
                how=explain_contingency(e.contingency, lang),
                amount=money(e.contingency.total, lang),
            )
        )
    notes = notes_text(e, lang)
    return wrap(
        e.name,
        subtitle,
        _summary_html(e, lang),
        f"<p style='text-align:left;margin:0.2em 0'><em>{html.escape(words)}</em></p>",
        details(text("display.estimate.lines", lang, count=len(e.lines)), _lines_html(e, lang)),
        details(text("display.estimate.explained", lang), html_list(explained)),
        details(text("display.notes_count", lang, count=len(notes)), html_list(notes)),
    )


def estimate_repr(estimate: Estimate) -> str:
    """Return the short repr of an estimate: name, kind, lines, total, decree, date."""
    e = estimate
    lang = display_language()
    kind = text(f"appraisal.kind.{e.kind}", lang)
    parts = [
        repr(shorten(e.name, 60)),
        kind,
        f"{len(e.lines)} lines",
        f"total {money(e.total, lang)}",
        regime_short(e.regime, lang),
        when(e.date, lang),
    ]
    if e.problems:
        parts.append(f"{len(e.problems)} problems")
    return f"Estimate({', '.join(parts)})"


# --- the DataFrame ----------------------------------------------------------------------------

DATAFRAME_COLUMNS: tuple[str, ...] = (
    "id",
    "group",
    "group_symbol",
    "component",
    "component_label",
    "name",
    "method",
    "method_label",
    "method_status",
    "unit",
    "quantity",
    "unit_price",
    "amount",
    "vat_rate",
    "vat_treatment",
    "vat",
    "total",
    "in_total",
    "basis",
    "computation",
)
"""The columns of :func:`to_dataframe`, in order."""
_MONEY = ("unit_price", "amount", "vat", "total")


def to_dataframe(
    estimate: Estimate, *, money: MoneyMode = "decimal", lang: Lang | None = None
) -> pandas.DataFrame:
    """Return one row per line as a pandas DataFrame (needs the ``pandas`` extra).

    Columns (:data:`DATAFRAME_COLUMNS`): ``id``; ``group`` and ``group_symbol`` (the statutory
    group it is totalled in, ``G_TB``); ``component`` and ``component_label`` (the label of
    the norm data, ``Thiết bị, phần mềm thương mại``); ``name``; ``method`` and
    ``method_label``; ``method_status``; ``unit``; ``quantity`` (exact ``Decimal``);
    ``unit_price``, ``amount`` (before VAT), ``vat``, ``total`` (money, see ``money``);
    ``vat_rate`` (in %, exact ``Decimal``) and ``vat_treatment``; ``in_total`` (``boolean``:
    ``False`` for a reference figure shown beside a line); ``basis``; ``computation`` (the
    line's "Cách tính"). Text columns are ``string``; every missing value is ``pd.NA``.

    Args:
        estimate: The computed estimate.
        money: ``decimal`` (exact ``Decimal`` objects, the default), ``int`` (nullable
            ``Int64``, exact for whole đồng; a unit price that is not whole raises) or
            ``float`` (``Float64``, for display and plots only).
        lang: The language of the labels and the computation; the display language by default.

    Returns:
        A DataFrame with one row per line.

    Raises:
        InputError: an unknown ``money``, or ``int`` for an amount that is not whole.
        ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
    """
    e = estimate
    lang = lang_or_default(lang)
    symbols = {c.key: c.symbol for c in e.components}
    components = {
        key: (label.en or label.vi) if lang == "en" else label.vi
        for key, label in component_labels(NormRegistry.shipped(), e.rule_date).items()
    }
    rows = [
        row
        | {
            "group_symbol": symbols.get(ln.group),
            "component_label": components.get(ln.component, ln.component),
            "method_label": method_label(ln, lang),
            "in_total": ln.in_total,
            "computation": explain_trace(ln.trace, lang),
        }
        for row, ln in zip(e.rows(), e.lines, strict=True)
    ]
    return dataframe(
        rows,
        DATAFRAME_COLUMNS,
        money_columns=_MONEY,
        decimal_columns=("quantity", "vat_rate"),
        bool_columns=("in_total",),
        money_mode=money,
    )


def atomic_write_text(path: Path | str, text: str) -> Path:
    """Write text to ``path`` through a temporary file and a rename (never half-written).

    An existing file keeps its permissions; the content is flushed to disk before the rename.

    Args:
        path: The target file.
        text: The content (UTF-8).

    Returns:
        The path written.
    """
    return _atomic.atomic_write_text(path, text)


register_renderer("markdown", to_markdown)
register_renderer("html", to_html)
register_renderer("repr", estimate_repr)
register_renderer("dataframe", to_dataframe)
register_fee_display("repr", fee_repr)
register_fee_display("html", fee_html)
register_software_display("repr", software_repr)
register_software_display("html", software_html)
