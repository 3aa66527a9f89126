"""Console views of the norm tables, of a pack's problems and of the appraisal findings.

Table ids, row keys and column keys are never cut: ``norms list`` stacks a table's title, kind,
instrument and periods beside its id; ``norms show`` prints a table as a grid when it fits the
width and otherwise stacks it, one row after another with each column's value on its own line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ictcost._internal._inert import strip_controls
from ictcost.report._console_cells import (
    EXACT_DECIMALS,
    day,
    display,
    id_column,
    paragraph,
    plain,
    table,
    tr,
)
from ictcost.report.explain import Lang, basis_text

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding
    from ictcost.errors import Problem
    from ictcost.norms.models import Value
    from ictcost.norms.registry import InForce

__all__ = ["findings_view", "norm_table_view", "norms_list_view", "problems_view"]

_KINDS = ("coefficient_table", "constant_set", "rate_table", "rule_set", "threshold_set")


def _kind(kind: str, lang: Lang) -> str:
    return tr(f"cli.kind.{kind}", lang) if kind in _KINDS else kind


def _period(text: str, lang: Lang) -> str:
    """``2019-10-11 → open`` in the language's style (``11/10/2019 → nay``)."""
    start, sep, end = text.partition(" → ")
    if not sep:
        return text
    shown_end = tr("cli.open", lang) if end == "open" else day(end, lang)
    return f"{day(start, lang)} → {shown_end}"


def norms_list_view(
    rows: Sequence[Mapping[str, Any]], *, on: str | None = None, lang: Lang = "vi"
) -> RenderableType:
    """Return the list of norm tables: the id, then the title, kind, instrument and periods.

    Args:
        rows: The tables, as :func:`ictcost.report.norms_json.table_list` gives them.
        on: The date the list was filtered on, if any (shown in the title).
        lang: The language of the texts.

    Returns:
        The renderable.
    """
    title = tr("cli.norms.list_on", lang, on=day(on, lang)) if on else tr("cli.norms.list", lang)
    t = table(title)
    id_column(t, tr("cli.norms.col.id", lang), [r["id"] for r in rows])
    t.add_column(tr("cli.norms.col.table", lang), overflow="fold")
    for r in rows:
        about = plain(str(r["title"]))
        about.append(strip_controls(f"\n{_kind(str(r['kind']), lang)} · {r['instrument']}"), "dim")
        for p in r["periods"]:
            about.append(strip_controls(f"\n{_period(str(p), lang)}"), style="dim")
        t.add_row(plain(str(r["id"])), about)
    return t


def _value_text(val: Value | None, lang: Lang) -> str:
    if val is None:
        return "—"
    text = f"{display(val.value, lang, decimals=EXACT_DECIMALS)} [{','.join(val.source)} · {val.confidence}]"
    for a in val.alternatives:
        text += "\n" + tr(
            "cli.norms.alternative", lang, value=display(a.value, lang, decimals=EXACT_DECIMALS)
        )
        text += f" [{','.join(a.source)}]"
    return text


def _fits(cells: list[list[str]], width: int) -> bool:
    """Whether a grid of these cells (a cell may hold several lines) fits ``width`` columns."""
    widths = [
        max(max(len(part) for part in row[i].split("\n")) for row in cells)
        for i in range(len(cells[0]))
    ]
    return sum(widths) + 3 * len(widths) + 1 <= width


def norm_table_view(inforce: InForce, *, lang: Lang = "vi", width: int = 80) -> RenderableType:
    """Return a table's version in force: every value with its sources and confidence.

    Args:
        inforce: The version in force.
        lang: The language of the texts (the title is the table's, in that language when the
            data has it).
        width: The width to lay the table out for: a grid when it fits, else stacked rows.

    Returns:
        The renderable.
    """
    t, v = inforce.table, inforce.version
    title = t.title.en if lang == "en" and t.title.en else t.title.vi
    parts: list[RenderableType] = [
        paragraph(Text.assemble((strip_controls(t.id), "bold"), strip_controls(f" — {title}"))),
        paragraph(
            tr(
                "cli.norms.about",
                lang,
                instrument=t.instrument.number,
                issuer=t.instrument.issuer,
                period=_period(v.period, lang),
                unit=t.unit,
                verified=day(t.last_verified, lang),
            )
        ),
    ]
    header = [tr("cli.norms.col.row", lang), *(col.key for col in v.columns)]
    cells = [[r.name, *(_value_text(r.values.get(c.key), lang) for c in v.columns)] for r in v.rows]
    if _fits([header, *cells], width):
        grid = table()
        for i, h in enumerate(header):
            id_column(grid, h, [row[i] for row in cells if "\n" not in row[i]] or [h])
        for row in cells:
            grid.add_row(*(plain(c) for c in row))
        parts.append(grid)
    else:
        stacked = Table(show_header=False, show_lines=True)
        stacked.add_column(overflow="fold")
        for row in cells:
            block = plain(row[0], style="bold")
            for key, value in zip(header[1:], row[1:], strict=True):
                block.append(strip_controls(f"\n  {key}: "))
                block.append(strip_controls(value.replace("\n", "\n    ")))
            stacked.add_row(block)
        parts.append(stacked)
    parts += [
        paragraph(f"{sid}: {src.title}" + (f" <{src.url}>" if src.url else ""))
        for sid, src in t.sources.items()
    ]
    return Group(*parts)


def problems_view(problems: Sequence[Problem], lang: Lang = "vi") -> RenderableType:
    """Return the problems of a norm pack, one a line, then their number."""
    return Group(
        *(paragraph(str(p)) for p in problems), plain(tr("cli.problems", lang, n=len(problems)))
    )


_SEVERITIES = (("error", "red"), ("warning", "yellow"), ("info", "blue"))
_PORTFOLIO = "portfolio"
"""The estimate name of a finding about an overlap between estimates (``checks`` writes it)."""


def _severity_blocks(findings: Sequence[Finding], lang: Lang) -> list[RenderableType]:
    """The findings by severity; a rule's basis in full under its first finding only."""
    parts: list[RenderableType] = []
    said: set[tuple[str, str]] = set()
    for severity, colour in _SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        parts.append(
            plain(tr(f"cli.severity.{severity}", lang, n=len(group)), style=f"bold {colour}")
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for f in group:
            text = plain(f"{f.line} · " if f.line else "")
            text.append(strip_controls(f.message_vi if lang == "vi" else f.message_en))
            if (f.code, f.basis) in said:
                text.append("\n" + tr("cli.basis.above", lang, code=f.code), style="dim")
            else:
                said.add((f.code, f.basis))
                basis = basis_text(f.code, f.basis, lang)
                text.append(strip_controls(f"\n[{basis}]"), style="dim")
            grid.add_row(plain(f"  {f.code}"), text)
        parts.append(grid)
    return parts


def findings_view(findings: Sequence[Finding], lang: Lang = "vi") -> RenderableType:
    """Return the findings of each estimate by severity, in one language, with their basis.

    The estimate's name is a heading (said once, not on every line); the overlaps between the
    estimates of a portfolio come under their own heading. The last line counts them all.

    Args:
        findings: The findings of a check.
        lang: The language of the messages.

    Returns:
        The renderable.
    """
    by_estimate: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_estimate.setdefault(f.estimate, []).append(f)
    parts: list[RenderableType] = []
    for estimate, group in by_estimate.items():
        if estimate is not None:
            name = tr("cli.findings.portfolio", lang) if estimate == _PORTFOLIO else estimate
            parts.append(paragraph(plain(name, style="bold underline")))
        parts += _severity_blocks(group, lang)
    counts = {s: sum(1 for f in findings if f.severity == s) for s, _ in _SEVERITIES}
    parts.append(
        plain(
            tr(
                "cli.findings.count",
                lang,
                errors=counts["error"],
                warnings=counts["warning"],
                infos=counts["info"],
            )
        )
    )
    return Group(*parts)
