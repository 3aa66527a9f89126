"""Across a portfolio: the projects whose later stages exceed the earlier ones they are held against.

:func:`exceeding` compares each stage's value of a project's :class:`~ictcost.stages.timeline.Timeline`
(as last adjusted) with the earlier stages of :data:`HELD_AGAINST`: the ceilings of Luật Đầu tư
công 58/2024/QH15, Luật Đấu thầu 22/2023/QH15 and NĐ 99/2021/NĐ-CP that the ``STAGE-CEILING``,
``STAGE-CONTRACT-PRICE``, ``STAGE-PAYMENT`` checks apply, here on the stage totals.

Money is exact (``Decimal`` đồng); the percentages are ratios of exact amounts, rounded only for
display.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ictcost.report.parts import dataframe, html_list, lang_or_default, text, wrap
from ictcost.stages._timeline_text import amount, capital, md, signed, signed_percent
from ictcost.stages.model import Stage

if TYPE_CHECKING:
    import pandas

    from ictcost.estimate.result import MoneyMode
    from ictcost.report.explain import Lang
    from ictcost.stages.timeline import Timeline

__all__ = ["HELD_AGAINST", "Exceeding", "Exceedings", "exceeding"]

HELD_AGAINST: Final[Mapping[Stage, tuple[Stage, ...]]] = {
    "policy": ("plan",),
    "approval": ("policy",),
    "selection_plan": ("approval",),
    "contract": ("selection_plan", "approval"),
    "acceptance": ("contract",),
    "payment": ("acceptance", "contract"),
    "settlement": ("approval",),
}
"""The earlier stages whose value a stage's value should not exceed (:func:`exceeding`).

The policy within the plan's indicative budget (a warning: STAGE-PLAN-BUDGET); the approved total
within the policy's preliminary total (Luật Đầu tư công 58/2024/QH15); the package prices and the
contract values within the approved total, and the contracts within the package prices (Luật Đấu
thầu 22/2023/QH15); the work accepted within the contracts, the cash paid within the work accepted
and the contracts, and the settled total within the approved total (NĐ 99/2021/NĐ-CP). The settled
total is not held against the contracts: it also holds costs no contract carries (project
management, the owner's own costs)."""

_HUNDRED: Final = Decimal(100)


@dataclass(frozen=True, slots=True)
class Exceeding:
    """A later stage of a project above an earlier one it is held against.

    Attributes:
        project: The dossier's id.
        name: The project's name.
        stage: The later stage.
        over: The earlier stage it exceeds.
        value: The later stage's value (as last adjusted).
        ceiling: The earlier stage's value (as last adjusted).
        excess: ``value`` − ``ceiling`` (above 0).
        percent: ``excess`` as % of ``ceiling`` (``None`` when the ceiling is 0).
        adjusted: The key of the adjustment row that set ``ceiling``, if any.
    """

    project: str
    name: str
    stage: Stage
    over: Stage
    value: Decimal
    ceiling: Decimal
    excess: Decimal
    percent: Decimal | None
    adjusted: str | None = None

    def sentence(self, lang: Lang = "vi") -> str:
        """The exceeding in words."""
        return text(
            "timeline.exceeding",
            lang,
            project=self.project,
            stage=self.stage,
            over=self.over,
            value=self.value,
            ceiling=self.ceiling,
            excess=self.excess,
            percent=signed_percent(self.percent, lang),
        )


_EXCEEDING_COLUMNS: Final = (
    "project",
    "name",
    "stage",
    "over",
    "value",
    "ceiling",
    "excess",
    "percent",
    "adjusted",
)


class Exceedings(list[Exceeding]):
    """The later stages above earlier ones, across a portfolio (:func:`exceeding`)."""

    def to_dataframe(self, *, money: MoneyMode = "decimal") -> pandas.DataFrame:
        """Return one row per exceeding (``pandas`` extra).

        Columns: ``project``, ``name``, ``stage``, ``over``, ``value``, ``ceiling``, ``excess``
        (money, see ``money``), ``percent`` (exact ``Decimal``), ``adjusted``.

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        rows = [{c: getattr(e, c) for c in _EXCEEDING_COLUMNS} for e in self]
        return dataframe(
            rows,
            _EXCEEDING_COLUMNS,
            money_columns=("value", "ceiling", "excess"),
            decimal_columns=("percent",),
            money_mode=money,
            id_column="project",
        )

    def to_markdown(self, lang: Lang = "vi") -> str:
        """Return the exceedings as a Markdown table (a sentence when there is none)."""
        lang = lang_or_default(lang)
        out = [f"## {text('timeline.exceeding.title', lang)}", ""]
        if not self:
            return "\n".join([*out, text("timeline.exceeding.none", lang)]) + "\n"
        head = [
            text(f"timeline.exceeding.col.{c}", lang)
            for c in ("project", "stage", "over", "value", "ceiling", "excess", "percent")
        ]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join(["---"] * 3 + ["--:"] * 4) + "|")
        for e in self:
            cells = [
                md(e.project),
                capital(text(f"word.stage.{e.stage}", lang)),
                text(f"word.stage.{e.over}", lang)
                + (f" ({text('timeline.adjusted', lang)})" if e.adjusted else ""),
                amount(e.value, lang),
                amount(e.ceiling, lang),
                signed(e.excess, lang),
                signed_percent(e.percent, lang),
            ]
            out.append("| " + " | ".join(cells) + " |")
        return "\n".join(out) + "\n"

    def _repr_html_(self) -> str:
        lang = lang_or_default(None)
        items = [e.sentence(lang) for e in self] or [text("timeline.exceeding.none", lang)]
        return wrap(text("timeline.exceeding.title", lang), "", html_list(items))


def exceeding(timelines: Iterable[Timeline], *, tolerance: Decimal = Decimal(0)) -> Exceedings:
    """The projects whose later stages exceed the earlier ones they are held against.

    Each stage's value (as last adjusted) is compared with the value (as last adjusted) of each
    earlier stage of :data:`HELD_AGAINST`: the policy with the plan, the approval with the policy,
    the packages with the approval, the contracts with the packages and the approval, the work
    accepted with the contracts, the cash paid with the work accepted and the contracts, the
    settlement with the approval.

    Args:
        timelines: The projects' timelines.
        tolerance: An excess of at most this many đồng is not reported (0: any excess).

    Returns:
        One :class:`Exceeding` per pair, in the order of the timelines and of the stages.
    """
    out = Exceedings()
    for t in timelines:
        for stage, earlier in HELD_AGAINST.items():
            later = t.effective(stage)
            if later is None or later.value is None:
                continue
            for over in earlier:
                base = t.effective(over)
                if base is None or base.value is None:
                    continue
                excess = later.value - base.value
                if excess > tolerance:
                    pct = excess / base.value * _HUNDRED if base.value != 0 else None
                    out.append(
                        Exceeding(
                            project=t.project,
                            name=t.name,
                            stage=stage,
                            over=over,
                            value=later.value,
                            ceiling=base.value,
                            excess=excess,
                            percent=pct,
                            adjusted=base.key if base.adjusts is not None else None,
                        )
                    )
    return out
