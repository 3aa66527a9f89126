"""Console view of the internal-software cost by use-case points, in one language.

Numbers are display-rounded (``≈19,8333``; the JSON keeps every digit) in the language's style,
flags are words, complexity classes are labels; nothing prints ``None``, ``True`` or a raw
quotient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from ictcost._internal._inert import strip_controls
from ictcost.report._console_cells import (
    amount,
    bullets,
    cell,
    day,
    display,
    id_column,
    money,
    money_column,
    paragraph,
    plain,
    table,
    text_column,
    tr,
)
from ictcost.report.explain import Lang, render_notes

if TYPE_CHECKING:
    from rich.table import Table

    from ictcost.software.results import SoftwareCostResult

__all__ = ["software_view"]

_COMPLEXITIES = ("simple", "average", "complex")


def _complexity(value: str, lang: Lang) -> str:
    return tr(f"cli.complexity.{value}", lang) if value in _COMPLEXITIES else value


def _actors(result: SoftwareCostResult, lang: Lang) -> Table:
    t = table(tr("cli.software.actors", lang))
    for key in ("complexity", "count", "weight", "points"):
        text_column(t, tr(f"cli.software.col.{key}", lang))
    for r in result.actors:
        t.add_row(
            plain(_complexity(r.complexity, lang)),
            *(cell(v, lang) for v in (r.count, r.weight, r.points)),
        )
    return t


def _use_cases(result: SoftwareCostResult, lang: Lang) -> Table:
    t = table(tr("cli.software.use_cases", lang))
    text_column(t, tr("cli.software.col.name", lang))
    id_column(t, "BMT", [r.bmt for r in result.use_cases])
    for key in ("complexity", "transactions", "weight", "bmt_coefficient", "points", "counted"):
        text_column(t, tr(f"cli.software.col.{key}", lang))
    for r in result.use_cases:
        t.add_row(
            plain(r.name),
            plain(r.bmt),
            plain(_complexity(r.complexity, lang)),
            *(cell(v, lang) for v in (r.transactions, r.weight, r.bmt_coefficient, r.points)),
            cell(r.counted, lang),
        )
    return t


def _factors(result: SoftwareCostResult, lang: Lang, *, environmental: bool) -> Table:
    rows = result.environmental if environmental else result.technical
    t = table(tr("cli.software.environmental" if environmental else "cli.software.technical", lang))
    id_column(t, tr("cli.software.col.code", lang), [r.code for r in rows])
    text_column(t, tr("cli.software.col.label", lang))
    keys = ["weight", "rating", "result"] + (["stability"] if environmental else [])
    for key in keys:
        t.add_column(tr(f"cli.software.col.{key}", lang), justify="right", no_wrap=True)
    for r in rows:
        values = [r.weight, r.rating, r.result] + ([r.stability] if environmental else [])
        t.add_row(plain(r.code), plain(r.label), *(cell(v, lang) for v in values))
    return t


def _summary(result: SoftwareCostResult, lang: Lang) -> Table:
    t = table(tr("cli.software.summary", lang))
    id_column(t, tr("cli.col.symbol", lang), [r.symbol for r in result.summary])
    text_column(t, tr("cli.col.item", lang))
    text_column(t, tr("cli.software.col.formula", lang))
    widest = max((len(display(r.value, lang)) for r in result.summary), default=1)
    t.add_column(
        tr("cli.software.col.value", lang), justify="right", no_wrap=True, min_width=widest
    )
    money_column(t, tr("cli.software.col.rounded", lang), (r.amount for r in result.summary), lang)
    for r in result.summary:
        t.add_row(
            plain(r.symbol),
            plain(r.label),
            plain(r.formula),
            cell(r.value, lang),
            money(r.amount, lang),
        )
    return t


def _second_opinion(result: SoftwareCostResult, lang: Lang) -> Text | None:
    o = result.second_opinion
    if o is None:
        return None
    text = tr(
        "cli.software.second_opinion",
        lang,
        state=display(round(o.state_hours), lang),
        karner=display(round(o.karner_hours), lang),
        ratio=display(round(o.karner_ratio, 2), lang),
    )
    if o.cocomo_pm:
        text += tr("cli.software.cocomo", lang, pm=display(round(o.cocomo_pm, 1), lang))
    if o.cocomo_ratio is not None and o.cocomo_hours is not None:
        text += tr(
            "cli.software.cocomo_hours",
            lang,
            hours=display(round(o.cocomo_hours), lang),
            ratio=display(round(o.cocomo_ratio, 2), lang),
        )
    return plain(text)


def software_view(result: SoftwareCostResult, lang: Lang = "vi") -> RenderableType:
    """Return the use-case-point calculation: the annex tables, the summary, G_PM, notes.

    Args:
        result: The software cost.
        lang: The language of the texts.

    Returns:
        The renderable.
    """
    parts: list[RenderableType] = [
        paragraph(
            Text.assemble(
                (tr("cli.software.title", lang), "bold"),
                strip_controls(f" · {result.method} · {day(result.date, lang)}"),
            )
        ),
        _actors(result, lang),
        _use_cases(result, lang),
        _factors(result, lang, environmental=False),
        _factors(result, lang, environmental=True),
        _summary(result, lang),
        Text.assemble("G_PM = ", (amount(result.g_pm, lang), "bold")),
    ]
    opinion = _second_opinion(result, lang)
    if opinion is not None:
        parts.append(paragraph(opinion))
    parts += bullets(render_notes(result.notes, lang))
    return Group(*parts)
