"""Console views of ictcost's results (needs the ``cli`` extra, which brings ``rich``).

Each ``*_view`` function returns a rich renderable that the ``ictcost`` command prints; nothing
here computes, reads files or parses text. The views read the typed results: the summary table is
:func:`~ictcost.report.summary.summary_rows`, a line's computation ("Cách tính"), the notes and the
contingency come from the one renderer (:mod:`ictcost.report.explain`), in Vietnamese.

Amounts are right-aligned in columns that never wrap, so a narrow terminal folds the names and
the explanations, never a figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ictcost.money import format_vnd
from ictcost.report.explain import (
    explain_contingency,
    explain_fee_basis,
    explain_regime,
    explain_trace,
    render_notes,
)
from ictcost.report.summary import summary_rows
from ictcost.report.text import computation_details, method_label, notes_text, vat_label

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding
    from ictcost.errors import IctcostError, Problem
    from ictcost.estimate.result import Estimate
    from ictcost.fees import FeeResult
    from ictcost.norms.registry import InForce
    from ictcost.regimes import Regime
    from ictcost.software.ucp import SoftwareCostResult

__all__ = [
    "error_view",
    "estimate_view",
    "fee_items_view",
    "fee_view",
    "findings_view",
    "make_console",
    "missing_extra_view",
    "norm_table_view",
    "norms_list_view",
    "problems_view",
    "sample_title_view",
    "software_view",
    "written_view",
]


def make_console(*, stderr: bool = False) -> Console:
    """Return the console the command prints to (its width follows the terminal or ``COLUMNS``).

    Args:
        stderr: Print to standard error (messages about errors).

    Returns:
        A console without syntax highlighting, whose plain lines are never wrapped.
    """
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


# --- cells ----------------------------------------------------------------------------------------


_SHOWN_DECIMALS: Final = 10
"""Decimals shown of an exact value that has more (``≈`` marks it; the JSON keeps them all)."""


def _plain(value: object) -> str:
    """A value as written in the data (``1.855``, words joined by commas, ``—`` for nothing).

    An exact value with more than ten decimals (a quotient such as EFW = 119/6) is shown rounded
    to ten, after ``≈``.
    """
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value.is_finite():
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -_SHOWN_DECIMALS:
            shown = value.quantize(Decimal(1).scaleb(-_SHOWN_DECIMALS), rounding=ROUND_HALF_UP)
            return f"≈{shown.normalize():f}"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _cell(value: object) -> Text:
    """A table cell as plain text (never read as rich markup)."""
    return Text(_plain(value))


def _money(amount: Decimal | None, *, bold: bool = False) -> Text:
    return Text("" if amount is None else format_vnd(amount), style="bold" if bold else "")


def _money_column(table: Table, header: str, amounts: Iterable[Decimal | None]) -> None:
    """Add a right-aligned amount column that neither wraps nor gets cut."""
    widest = max((len(format_vnd(a)) for a in amounts if a is not None), default=1)
    table.add_column(header, justify="right", no_wrap=True, min_width=max(widest, len(header)))


def _folding_table(headers: Iterable[str], *, title: str | None = None) -> Table:
    """A table whose cells fold onto more lines when narrow: an exact value is never cut."""
    table = Table(title=title)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _bullets(notes: Iterable[str]) -> list[RenderableType]:
    """The notes as bullets, each wrapped at words to the width with a hanging indent."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    for n in notes:
        grid.add_row("  • ", Text(n))
    return [grid] if grid.row_count else []


def _paragraph(*lines: Text) -> RenderableType:
    """Lines of text wrapped at words to the width (the console itself never wraps lines)."""
    grid = Table.grid()
    grid.add_column()
    for line in lines:
        grid.add_row(line)
    return grid


# --- fees -----------------------------------------------------------------------------------------


def fee_view(result: FeeResult) -> RenderableType:
    """Return a fee's trace: the table parts (Gt, Gb, Ga, Nb, Na, rate, weight), K, the amount.

    Args:
        result: The fee.

    Returns:
        The renderable.
    """
    what = result.item or result.lookups[0].table_id
    head = Text.assemble(
        "\n",
        (what, "bold"),
        f" · {result.category} · {result.form} · base {format_vnd(result.base)} đ · on {result.on}",
    )
    table = _folding_table(
        ("table", "column", "Gt (tỷ)", "Gb", "Ga", "Nb %", "Na %", "rate %", "weight")
    )
    for lk in result.lookups:
        i = lk.interpolation
        table.add_row(
            *(_cell(v) for v in (lk.table_id, lk.column, lk.gt, i.gb, i.ga, i.nb, i.na)),
            _cell(i.rate),
            _cell(lk.weight),
        )
    lines = [
        Text(f"K {c.column} = {_plain(c.value)} ({c.ref}, {c.confidence})")
        for c in result.coefficients
    ]
    lines.append(
        Text.assemble(
            f"rate {result.rate_percent} % × K {result.k_product} → amount before VAT ",
            (f"{format_vnd(result.amount)} đ", "bold"),
        )
    )
    lines.append(Text(f"căn cứ: {explain_fee_basis(result, 'vi')}"))
    return Group(
        _paragraph(head), table, _paragraph(*lines), *_bullets(render_notes(result.notes, "vi"))
    )


def fee_items_view(items: Mapping[str, str]) -> RenderableType:
    """Return the fee item keys with their Vietnamese labels, one a line."""
    return Group(*(Text(f"{key:40} {label}") for key, label in items.items()))


# --- software -------------------------------------------------------------------------------------

_SOFTWARE_TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Tác nhân (TAW)", "actors", ("complexity", "count", "weight", "points")),
    (
        "Trường hợp sử dụng (TBF)",
        "use_cases",
        (
            "name",
            "bmt",
            "complexity",
            "transactions",
            "weight",
            "bmt_coefficient",
            "points",
            "counted",
        ),
    ),
    (
        "Hệ số kỹ thuật - công nghệ (TFW)",
        "technical",
        ("code", "label", "weight", "rating", "result"),
    ),
    (
        "Hệ số môi trường (EFW, ES)",
        "environmental",
        ("code", "label", "weight", "rating", "result", "stability"),
    ),
)


def _second_opinion(result: SoftwareCostResult) -> Text | None:
    o = result.second_opinion
    if o is None:
        return None
    text = (
        f"Second opinion (not part of G_PM): state {o.state_hours:.0f} person-hours; "
        f"Karner {o.karner_hours:.0f} h (× {o.karner_ratio:.2f})"
    )
    if o.cocomo_pm:
        text += f"; COCOMO II {o.cocomo_pm:.1f} person-months"
    if o.cocomo_ratio is not None:
        text += f" = {o.cocomo_hours:.0f} h (× {o.cocomo_ratio:.2f})"
    return Text(text)


def software_view(result: SoftwareCostResult) -> RenderableType:
    """Return the use-case-point calculation: the annex tables, the summary, G_PM, notes.

    Args:
        result: The software cost.

    Returns:
        The renderable.
    """
    parts: list[RenderableType] = [
        Text.assemble(("Chi phí phần mềm nội bộ", "bold"), f" · {result.method} · {result.date}")
    ]
    for title, attribute, columns in _SOFTWARE_TABLES:
        table = _folding_table(columns, title=title)
        for row in getattr(result, attribute):
            table.add_row(*(_cell(getattr(row, c)) for c in columns))
        parts.append(table)
    summary = _folding_table(("symbol", "khoản mục", "công thức"), title="Bảng tổng hợp")
    widest = max(len(_plain(r.value)) for r in result.summary)
    summary.add_column("giá trị", justify="right", no_wrap=True, min_width=widest)
    _money_column(summary, "làm tròn (đồng)", (r.amount for r in result.summary))
    for r in result.summary:
        summary.add_row(
            _cell(r.symbol), _cell(r.label), _cell(r.formula), _cell(r.value), _money(r.amount)
        )
    parts.append(summary)
    parts.append(Text.assemble("G_PM = ", (f"{format_vnd(result.g_pm)} đ", "bold")))
    opinion = _second_opinion(result)
    if opinion is not None:
        parts.append(_paragraph(opinion))
    parts += _bullets(render_notes(result.notes, "vi"))
    return Group(*parts)


# --- estimate -------------------------------------------------------------------------------------


def _detail_table(estimate: Estimate) -> Table:
    lines = estimate.lines
    table = Table(title="Chi tiết")
    table.add_column("mã", no_wrap=True)
    table.add_column("khoản mục")
    _money_column(table, "trước thuế", (ln.amount for ln in lines))
    table.add_column("thuế suất", justify="right")
    _money_column(table, "sau thuế", (ln.total for ln in lines))
    for ln in lines:
        table.add_row(
            Text(ln.id), Text(ln.name), _money(ln.amount), Text(vat_label(ln)), _money(ln.total)
        )
    return table


def _computation_table(estimate: Estimate) -> Table:
    table = Table(title="Cách tính")
    table.add_column("mã", no_wrap=True)
    table.add_column("phương pháp", max_width=18)
    table.add_column("cách tính")
    for ln in estimate.lines:
        text = "\n".join([explain_trace(ln.trace, "vi"), *computation_details(ln)])
        table.add_row(Text(ln.id), Text(method_label(ln)), Text(text))
    return table


def _summary_table(estimate: Estimate) -> Table:
    rows = summary_rows(estimate)
    table = Table(title="Tổng hợp")
    table.add_column("STT", justify="right", no_wrap=True)
    table.add_column("khoản mục")
    table.add_column("ký hiệu", no_wrap=True)
    _money_column(table, "trước thuế", (r.amount for r in rows))
    _money_column(table, "thuế GTGT", (r.vat for r in rows))
    _money_column(table, "sau thuế", (r.total for r in rows))
    for r in rows:
        bold = r.emphasised
        table.add_row(
            Text("" if r.number is None else str(r.number)),
            Text(r.label_vi, style="bold" if bold else ""),
            Text(r.symbol),
            _money(r.amount),
            _money(r.vat),
            _money(r.total, bold=bold),
        )
    return table


def estimate_view(estimate: Estimate) -> RenderableType:
    """Return an estimate: its lines, their computation, the summary, the amount in words, notes.

    Args:
        estimate: The computed estimate.

    Returns:
        The renderable.
    """
    e = estimate
    parts: list[RenderableType] = [
        _paragraph(
            Text(e.name, style="bold"),
            Text(f"{e.date} · {e.profile.label_vi} · {explain_regime(e.regime, 'vi')}"),
        ),
        _detail_table(e),
        _computation_table(e),
        _summary_table(e),
    ]
    closing = [Text(f"Bằng chữ: {e.total_in_words}")]
    if e.contingency is not None:
        closing.insert(
            0,
            Text(
                f"Dự phòng: {explain_contingency(e.contingency, 'vi')} = "
                f"{format_vnd(e.contingency.total)} đ"
            ),
        )
    parts.append(_paragraph(*closing))
    parts += _bullets(notes_text(e))
    return Group(*parts)


def written_view(paths: Iterable[Path | None]) -> RenderableType:
    """Return ``wrote PATH`` for every file written (``None`` entries are skipped)."""
    return Group(*(Text(f"wrote {p}") for p in paths if p is not None))


# --- checks ---------------------------------------------------------------------------------------

_SEVERITIES = (("error", "red"), ("warning", "yellow"), ("info", "blue"))


def findings_view(findings: Sequence[Finding]) -> RenderableType:
    """Return the findings by severity (Vietnamese message, English message and basis), counted.

    Args:
        findings: The findings of a check.

    Returns:
        The renderable.
    """
    parts: list[RenderableType] = []
    for severity, colour in _SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        parts.append(Text(f"{severity.upper()} ({len(group)})", style=f"bold {colour}"))
        for f in group:
            where = f"{f.estimate} · " if f.estimate else ""
            where += f"{f.line} · " if f.line else ""
            parts.append(Text(f"  {f.code}  {where}{f.message_vi}"))
            parts.append(Text(f"      {f.message_en}  [{f.basis}]", style="dim"))
    counts = {s: sum(1 for f in findings if f.severity == s) for s, _ in _SEVERITIES}
    parts.append(
        Text(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    )
    return Group(*parts)


# --- norms ----------------------------------------------------------------------------------------


def norms_list_view(rows: Sequence[Mapping[str, Any]], *, on: str | None = None) -> RenderableType:
    """Return the list of norm tables.

    Args:
        rows: The tables, as :func:`ictcost.report.norms_json.table_list` gives them.
        on: The date the list was filtered on, if any (shown in the title).

    Returns:
        The renderable.
    """
    table = _folding_table(
        ("id", "title", "kind", "instrument", "periods"),
        title=f"ictcost norm tables{' in force on ' + on if on else ''}",
    )
    for r in rows:
        table.add_row(
            *(_cell(r[c]) for c in ("id", "title", "kind", "instrument")),
            Text("\n".join(r["periods"])),
        )
    return table


def norm_table_view(inforce: InForce) -> RenderableType:
    """Return a table's version in force: every value with its sources and confidence.

    Args:
        inforce: The version in force.

    Returns:
        The renderable.
    """
    t, v = inforce.table, inforce.version
    parts: list[RenderableType] = [Text.assemble((t.id, "bold"), f" — {t.title.vi}")]
    if t.title.en:
        parts.append(Text(t.title.en))
    parts.append(
        Text(
            f"{t.instrument.number} ({t.instrument.issuer}); version {v.period}; "
            f"unit {t.unit}; last verified {t.last_verified}"
        )
    )
    table = _folding_table(("row", *(col.key for col in v.columns)))
    for r in v.rows:
        cells = [Text(r.name)]
        for col in v.columns:
            val = r.values.get(col.key)
            if val is None:
                cells.append(Text("—"))
                continue
            alternatives = "".join(
                f"\n  or {_plain(a.value)} [{','.join(a.source)}]" for a in val.alternatives
            )
            cells.append(
                Text(
                    f"{_plain(val.value)} [{','.join(val.source)} · {val.confidence}]{alternatives}"
                )
            )
        table.add_row(*cells)
    parts.append(table)
    parts += [
        Text(f"{sid}: {src.title}" + (f" <{src.url}>" if src.url else ""))
        for sid, src in t.sources.items()
    ]
    return Group(*parts)


def problems_view(problems: Sequence[Problem]) -> RenderableType:
    """Return the problems of a norm pack, one a line, then their number."""
    return Group(*(Text(str(p)) for p in problems), Text(f"{len(problems)} problem(s)"))


def error_view(exc: IctcostError) -> RenderableType:
    """Return an error as the command shows it: message, problems, how to fix, the code."""
    return Text(f"error: {exc}")


def missing_extra_view(what: str, extra: str) -> RenderableType:
    """Return the message for a feature whose optional dependencies are not installed.

    Args:
        what: The feature (``--xlsx``).
        extra: The extra that brings it (``excel``).

    Returns:
        The renderable.
    """
    return Text(f"{what} needs the '{extra}' extra: pip install 'ictcost[{extra}]'")


def sample_title_view(regime: Regime) -> RenderableType:
    """Return the title of the sample job of ``ictcost demo`` (the regime of its date)."""
    return Text.assemble(("Sample fee", "bold"), f" (regime {regime.describe()})")
