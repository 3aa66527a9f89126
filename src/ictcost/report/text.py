"""Text outputs of an estimate: Markdown, HTML (for Jupyter) and a pandas DataFrame.

Every amount is shown in whole đồng with Vietnamese separators (``1.234.567``); software lines show
"không chịu thuế" (not subject to VAT), never 0 %. The summary table is
:func:`~ictcost.report.summary.summary_rows`; a line's computation ("Cách tính"), the notes and the
contingency are written by the one renderer, :mod:`ictcost.report.explain`, in Vietnamese.

Importing this module registers its renderers with the estimate
(:func:`~ictcost.estimate.result.register_renderer`), so that
:meth:`Estimate.to_markdown() <ictcost.estimate.result.Estimate.to_markdown>`, ``_repr_html_()``
and ``to_dataframe()`` work; ``import ictcost`` imports it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ictcost._internal import _atomic
from ictcost.estimate.result import register_renderer
from ictcost.money import format_vnd
from ictcost.report.explain import (
    explain_contingency,
    explain_expert_item,
    explain_fee_base,
    explain_lookup,
    explain_regime,
    explain_trace,
    format_number,
    render_note,
)
from ictcost.report.layout import METHOD_VI, STATUS_VI
from ictcost.report.summary import SummaryRow, summary_rows

if TYPE_CHECKING:
    from decimal import Decimal

    from ictcost.estimate.result import Estimate, LineResult

__all__ = [
    "atomic_write_text",
    "computation_details",
    "method_label",
    "notes_text",
    "to_dataframe",
    "to_html",
    "to_markdown",
    "vat_label",
]


def vat_label(line: LineResult) -> str:
    """Return the VAT column text of a line: ``8 %``, ``không chịu thuế``, ``8 % / 10 %`` or ``—``.

    A line taxed by period at several rates shows each rate, in the order of the periods.
    """
    if line.vat_treatment == "not_subject":
        return "không chịu thuế"
    if line.vat_rate is None and line.vat_treatment == "taxable" and line.vat_periods:
        rates: list[str] = []
        for p in line.vat_periods:
            text = "KCT" if p.rate is None else f"{format_number(p.rate, 'vi')} %"
            if text not in rates:
                rates.append(text)
        return " / ".join(rates)
    if line.vat_rate is None:
        return "—"
    return f"{format_number(line.vat_rate, 'vi')} %"


def method_label(line: LineResult) -> str:
    """Return the Vietnamese label of a line's method, with its status (``(tham khảo)``)."""
    return METHOD_VI.get(line.method, line.method) + STATUS_VI.get(line.method_status, "")


def computation_details(line: LineResult) -> list[str]:
    """Return the parts of a line's computation beyond its one-line "Cách tính", in Vietnamese.

    A fee gives the lines its base was summed from (or that it was given) and one text per table
    part (Gt, Gb, Ga, Nb, Na, weight); an expert estimate gives one text per item. Other methods
    have none.

    Args:
        line: The computed line.

    Returns:
        The texts, in order (empty when the one-line text says everything).
    """
    t = line.trace
    if t.kind == "fee":
        base = [explain_fee_base(t, "vi")] if t.base_given or t.base_lines else []
        return base + [explain_lookup(lk, "vi") for lk in t.fee.lookups]
    if t.kind == "expert":
        return [explain_expert_item(r, "vi") for r in t.items]
    return []


def notes_text(estimate: Estimate) -> list[str]:
    """Return every note of an estimate in Vietnamese: its own, its lines', its contingency's.

    A line's notes are prefixed with the line id (``QLDA: …``).

    Args:
        estimate: The computed estimate.

    Returns:
        The sentences, in order.
    """
    e = estimate
    out = [render_note(n, "vi") for n in e.notes]
    out += [f"{ln.id}: {render_note(n, 'vi')}" for ln in e.lines for n in ln.notes]
    if e.contingency is not None:
        out += [render_note(n, "vi") for n in e.contingency.notes]
    return out


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _vnd(amount: Decimal | None) -> str:
    return "" if amount is None else format_vnd(amount)


def _md_summary_row(r: SummaryRow) -> str:
    number = "" if r.number is None else str(r.number)
    if r.emphasised:
        return (
            f"| {number} | **{r.label_vi}** | {r.symbol} | {_vnd(r.amount)} | {_vnd(r.vat)} | "
            f"**{format_vnd(r.total)}** |"
        )
    return (
        f"| {number} | {r.label_vi} | {r.symbol} | {_vnd(r.amount)} | {_vnd(r.vat)} | "
        f"{format_vnd(r.total)} |"
    )


def to_markdown(estimate: Estimate) -> str:
    """Render the estimate as Markdown: the summary by group, every line, the details, the notes.

    Args:
        estimate: The computed estimate.

    Returns:
        Markdown text.
    """
    e = estimate
    out = [
        f"# {_md(e.name)}",
        "",
        f"- Chủ đầu tư: {_md(e.owner or '—')}",
        f"- Đơn vị lập: {_md(e.preparer or '—')}",
        f"- Ngày: {e.date.isoformat()} — hình thức: {_md(e.profile.label_vi)}",
        f"- Chế độ pháp lý: {_md(explain_regime(e.regime, 'vi'))}",
        "",
        "## Tổng hợp",
        "",
        "| STT | Khoản mục | Ký hiệu | Trước thuế (đồng) | Thuế GTGT (đồng) | Sau thuế (đồng) |",
        "|---:|---|---|---:|---:|---:|",
        *(_md_summary_row(r) for r in summary_rows(e)),
        "",
        f"Bằng chữ: *{e.total_in_words}*.",
        "",
        "## Chi tiết",
        "",
        "| Mã | Khoản mục | Phương pháp | KL | Đơn giá | Trước thuế | Thuế GTGT | Thuế | Sau thuế "
        "| Cách tính |",
        "|---|---|---|---:|---:|---:|---|---:|---:|---|",
    ]
    for ln in e.lines:
        qty = format_number(ln.quantity, "vi") if ln.quantity is not None else ""
        out.append(
            f"| {_md(ln.id)} | {_md(ln.name)} | {method_label(ln)} | {qty} | "
            f"{_vnd(ln.unit_price)} | {format_vnd(ln.amount)} | {vat_label(ln)} | "
            f"{format_vnd(ln.vat)} | {format_vnd(ln.total)} | {_md(explain_trace(ln.trace, 'vi'))} |"
        )
    details = [(ln.id, computation_details(ln)) for ln in e.lines]
    if any(parts for _, parts in details):
        out += ["", "## Diễn giải", ""]
        for line_id, parts in details:
            out += [f"- {_md(line_id)}: {_md(part)}" for part in parts]
    if e.contingency is not None:
        out += [
            "",
            f"Dự phòng: {_md(explain_contingency(e.contingency, 'vi'))} = "
            f"{format_vnd(e.contingency.total)} đồng.",
        ]
    notes = notes_text(e)
    if notes:
        out += ["", "## Ghi chú", ""] + [f"- {_md(n)}" for n in notes]
    return "\n".join(out) + "\n"


def _html_summary_row(r: SummaryRow) -> str:
    cell = "th" if r.emphasised else "td"
    right = f"<{cell} style='text-align:right'>"
    return (
        f"<tr><{cell}>{html.escape(r.label_vi)}</{cell}><{cell}>{r.symbol}</{cell}>"
        f"{right}{_vnd(r.amount)}</{cell}>{right}{_vnd(r.vat)}</{cell}>"
        f"{right}{format_vnd(r.total)}</{cell}></tr>"
    )


def to_html(estimate: Estimate) -> str:
    """Render a compact HTML summary (what Jupyter shows for an estimate).

    Args:
        estimate: The computed estimate.

    Returns:
        An HTML fragment.
    """
    e = estimate
    esc = html.escape
    rows = "".join(_html_summary_row(r) for r in summary_rows(e))
    return (
        f"<div><strong>{esc(e.name)}</strong><br>"
        f"<small>{esc(explain_regime(e.regime, 'vi'))} · {e.date.isoformat()} · "
        f"{esc(e.profile.label_vi)}</small>"
        "<table><thead><tr><th>Khoản mục</th><th>Ký hiệu</th><th>Trước thuế</th>"
        f"<th>Thuế GTGT</th><th>Sau thuế</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<em>Bằng chữ: {esc(e.total_in_words)}</em></div>"
    )


def to_dataframe(estimate: Estimate) -> Any:  # noqa: ANN401 - pandas.DataFrame (optional dependency)
    """Return the lines as a pandas DataFrame (needs the ``pandas`` extra).

    The columns are those of :meth:`Estimate.rows() <ictcost.estimate.result.Estimate.rows>` and
    ``computation`` (the line's "Cách tính", in Vietnamese). Money columns hold ``Decimal`` objects
    (object dtype), so nothing is rounded through floats.

    Args:
        estimate: The computed estimate.

    Returns:
        A DataFrame with one row per line.

    Raises:
        ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        msg = "to_dataframe() needs pandas: pip install 'ictcost[pandas]'"
        raise ImportError(msg) from exc
    rows = [
        row | {"computation": explain_trace(ln.trace, "vi")}
        for row, ln in zip(estimate.rows(), estimate.lines, strict=True)
    ]
    return pd.DataFrame(rows)


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
register_renderer("dataframe", to_dataframe)
