"""The console views of ``ictcost portfolio`` (needs ``rich``, from the ``cli`` extra).

Every text comes from the message catalogue (``cli.portfolio.*``); names and messages read from
the store are shown as written (:func:`~ictcost.report._console_cells.plain`: never rich markup,
no terminal control sequence), amounts in whole đồng in the language's style.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType

from ictcost.report._console_cells import (
    cell,
    id_column,
    money,
    money_column,
    plain,
    table,
    text_column,
    tr,
)
from ictcost.report.explain import Lang

if TYPE_CHECKING:
    from ictcost.portfolio.load import LoadSummary, PortfolioReport

__all__ = ["portfolio_load_view", "portfolio_report_view", "portfolio_text"]

_LOAD_ROWS = (
    "files",
    "loaded",
    "unchanged",
    "removed",
    "skipped",
    "errors",
    "not_computed",
    "findings",
    "workers",
)


def portfolio_text(key: str, lang: Lang) -> str:
    """A text of the portfolio command (``cli.portfolio.<key>``), e.g. the progress bar's."""
    return tr(f"cli.portfolio.{key}", lang)


def _pairs(title: str, rows: list[tuple[str, object]], lang: Lang) -> RenderableType:
    t = table(title)
    t.show_header = False
    text_column(t, "")
    t.add_column("", justify="right", no_wrap=True)
    for label, value in rows:
        t.add_row(plain(label), cell(value, lang))
    return t


def portfolio_load_view(summary: LoadSummary, db: Path, lang: Lang) -> RenderableType:
    """What ``portfolio load`` did: files loaded, unchanged, removed, unreadable …, and where."""
    data = summary.to_dict()
    t = table(f"{portfolio_text('summary', lang)}: {db}")
    t.show_header = False
    text_column(t, "")
    t.add_column("", justify="right", no_wrap=True)
    for key in _LOAD_ROWS:
        t.add_row(plain(portfolio_text(key, lang)), cell(data[key], lang))
    executor = portfolio_text(f"executor.{summary.executor}", lang)
    t.add_row(plain(portfolio_text("executor", lang)), plain(executor))
    t.add_row(plain(portfolio_text("seconds", lang)), cell(round(summary.seconds, 1), lang))
    return t


def portfolio_report_view(report: PortfolioReport, lang: Lang) -> RenderableType:
    """The report of ``portfolio check``: counts, overlaps, price outliers, unreadable files."""
    c = report.counts
    head: list[tuple[str, object]] = [
        (portfolio_text("estimates", lang), c.get("estimates", 0)),
        (portfolio_text("errors", lang), c.get("error", 0)),
        (portfolio_text("not_computed", lang), c.get("not_computed", 0)),
        (portfolio_text("lines", lang), c.get("lines", 0)),
    ]
    head += [
        (f"{portfolio_text('by_severity', lang)}: {portfolio_text(f'severity.{k}', lang)}", v)
        for k, v in report.severities.items()
    ]
    head += [
        (portfolio_text("fee_lines", lang), report.fees.lines),
        (portfolio_text("fee_differing", lang), report.fees.differing),
        (portfolio_text("fee_refused", lang), report.fees.refused),
    ]
    parts: list[RenderableType] = [_pairs(portfolio_text("summary", lang), head, lang)]
    if report.overlaps:
        t = table(portfolio_text("overlaps", lang))
        id_column(t, portfolio_text("code", lang), [f.code for f in report.overlaps])
        t.add_column(portfolio_text("count", lang), justify="right", no_wrap=True)
        text_column(t, portfolio_text("finding", lang))
        for f in report.overlaps:
            t.add_row(plain(f.code), cell(f.details.get("count"), lang), plain(f.message(lang)))
        parts.append(t)
    else:
        parts.append(plain(f"{portfolio_text('overlaps', lang)}: {portfolio_text('none', lang)}"))
    if report.fee_differences:
        t = table(portfolio_text("fee_differences", lang))
        text_column(t, portfolio_text("estimate", lang))
        id_column(t, portfolio_text("line", lang), [f.line or "" for f in report.fee_differences])
        text_column(t, portfolio_text("finding", lang))
        for f in report.fee_differences:
            t.add_row(plain(f.estimate or ""), plain(f.line or ""), plain(f.message(lang)))
        parts.append(t)
    if report.outliers:
        t = table(portfolio_text("outliers", lang))
        id_column(t, portfolio_text("estimate", lang), [o[0] for o in report.outliers])
        id_column(t, portfolio_text("line", lang), [o[1] for o in report.outliers])
        text_column(t, portfolio_text("item", lang))
        money_column(t, portfolio_text("price", lang), [o[3] for o in report.outliers], lang)
        money_column(t, portfolio_text("p90", lang), [o[5] for o in report.outliers], lang)
        for estimate, line, item, price, _, p90, _ in report.outliers:
            t.add_row(
                plain(estimate), plain(line), plain(item), money(price, lang), money(p90, lang)
            )
        parts.append(t)
    if report.errors:
        t = table(portfolio_text("bad_files", lang))
        text_column(t, "")
        id_column(t, portfolio_text("code", lang), [e[1] for e in report.errors])
        text_column(t, "")
        for source, code, msg in report.errors:
            t.add_row(plain(source), plain(code), plain(msg))
        parts.append(t)
    return Group(*parts)
