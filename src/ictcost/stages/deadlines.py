"""The settlement's time limits: filing the dossier, reviewing it, approving it (by project group).

NĐ 254/2025/NĐ-CP Điều 46 (from 26/09/2025) and NĐ 193/2026/NĐ-CP Điều 21 (from 01/07/2026)
give, by project group, the most time for each step of the settlement of a completed project:

1. the owner files the full dossier within N months of the hand-over for use (or of the decision
   to stop the project) — ``settlement_dossier_months_<group>``;
2. the reviewing body submits it for approval within N months of having the full dossier —
   ``settlement_review_months_<group>``;
3. the approving body decides within N months or days of the review's submission —
   ``settlement_approval_months_<group>`` or ``settlement_approval_days_<group>``.

The numbers are the rows of the norm table ``stage-thresholds``; the limit applied to a step is
the one in force on the day the step **starts** (the hand-over, the filing, the submission):
ictcost's reading, the transition clauses of NĐ 193/2026 (Điều 31) not having been read. A step
whose two dates are not both recorded is not compared; one whose group is not known (the policy
decision's ``group``), or whose limit is not encoded for its date, is reported by
``STAGE-NOT-CHECKED``. A month is a calendar month (the same day N months later, or the month's
last day); a fraction of a month (NĐ 193/2026's ``2,5 tháng``) is that fraction of 30 days,
rounded up (ictcost's reading).

Registered with the other stage rules (:mod:`ictcost.stages.rules` imports this module).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Final, Literal

from ictcost.checks.rules import Hit, dossier_rule
from ictcost.norms.registry import CitedValue
from ictcost.report.messages.stages import basis
from ictcost.stages.context import DossierContext
from ictcost.stages.model import Settlement
from ictcost.stages.thresholds import number_threshold

__all__ = [
    "GROUP_SUFFIX",
    "MONTH_DAYS",
    "Step",
    "add_months",
    "deadline_after",
    "settlement_dates",
    "settlement_steps",
    "step_limit",
]

GROUP_SUFFIX: Final = {
    "national_importance": "national",
    "group_a": "a",
    "group_b": "b",
    "group_c": "c",
}
"""The suffix of a project group in the rows of ``stage-thresholds``."""

StepName = Literal["filing", "review", "approval"]

_ROWS: Final[dict[StepName, str]] = {
    "filing": "settlement_dossier",
    "review": "settlement_review",
    "approval": "settlement_approval",
}


@dataclass(frozen=True)
class Step:
    """One step of the settlement with its two recorded dates.

    Attributes:
        name: ``filing``, ``review`` or ``approval``.
        start: When its time starts (hand-over, filing, review submitted).
        end: When it ended (filing, review submitted, settlement decision).
        start_field: The dossier field of the start date.
        end_field: The dossier field of the end date.
    """

    name: StepName
    start: dt.date
    end: dt.date
    start_field: str
    end_field: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (or that month's last day).

    Examples:
        >>> add_months(dt.date(2026, 1, 31), 1)
        datetime.date(2026, 2, 28)
        >>> add_months(dt.date(2025, 11, 15), 4)
        datetime.date(2026, 3, 15)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def settlement_dates(s: Settlement) -> list[tuple[str, str, dt.date | None]]:
    """The dates of the settlement's steps in their order: ``(key, dossier field, date)``.

    The hand-over, the filing, the review's submission and the decision (the keys are the words
    of ``word.settlement_date``).
    """
    return [
        ("handed_over", "settlement.handed_over", s.handed_over),
        ("filed", "settlement.filed", s.filed),
        ("review_submitted", "settlement.review_submitted", s.review_submitted),
        ("decision", "settlement.decision.date", s.decision.date),
    ]


def settlement_steps(ctx: DossierContext) -> list[Step]:
    """The settlement's steps whose two dates are recorded."""
    s = ctx.dossier.settlement
    if s is None:
        return []
    dates = [(field, day) for _, field, day in settlement_dates(s)]
    names: tuple[StepName, ...] = ("filing", "review", "approval")
    steps = []
    for name, (start_field, start), (end_field, end) in zip(
        names, dates[:-1], dates[1:], strict=True
    ):
        if start is not None and end is not None:
            steps.append(Step(name, start, end, start_field, end_field))
    return steps


MONTH_DAYS: Final = 30
"""The days a fraction of a month stands for (NĐ 193/2026 gives ``2,5 tháng``): ictcost's reading,
not the decree's — 2.5 months are 2 calendar months and 15 days."""


def deadline_after(start: dt.date, number: Decimal, unit: str) -> dt.date:
    """The last day of a limit of ``number`` months or days from ``start``.

    Whole months are calendar months (:func:`add_months`); a fraction of a month is that fraction
    of :data:`MONTH_DAYS` days, rounded up to a whole day (ictcost's reading); days are
    calendar days.

    Examples:
        >>> deadline_after(dt.date(2026, 7, 10), Decimal("2.5"), "months")
        datetime.date(2026, 9, 25)
        >>> deadline_after(dt.date(2026, 3, 5), Decimal(15), "days")
        datetime.date(2026, 3, 20)
    """
    if unit == "days":
        return start + dt.timedelta(days=int(number.to_integral_value(rounding=ROUND_CEILING)))
    whole = int(number)
    extra = ((number - whole) * MONTH_DAYS).to_integral_value(rounding=ROUND_CEILING)
    return add_months(start, whole) + dt.timedelta(days=int(extra))


def step_limit(ctx: DossierContext, step: Step) -> tuple[dt.date, Decimal, str, CitedValue] | None:
    """The latest date a step may end: ``(deadline, number, unit, cited row)``, or ``None``.

    The row is looked up in months first, then in days (a version of the table gives one of the
    two for a group and a step). ``None`` when the project group is not known or no limit is
    encoded for the step's first day.
    """
    policy = ctx.dossier.policy
    group = policy.group if policy is not None else None
    if group is None:
        return None
    for unit in ("months", "days"):
        row = f"{_ROWS[step.name]}_{unit}_{GROUP_SUFFIX[group]}"
        found = number_threshold(ctx.registry, row, step.start)
        if found is not None:
            number, cell = found
            return deadline_after(step.start, number, unit), number, unit, cell
    return None


@dossier_rule(
    "STAGE-SETTLEMENT-TIME",
    severity="warning",
    basis=basis("STAGE-SETTLEMENT-TIME"),
    cases=("filing", "review", "approval"),
)
def _settlement_time(ctx: DossierContext) -> Iterator[Hit]:
    """A step of the settlement took longer than its limit for the project's group.

    ``filing``: the owner filed the dossier (``settlement.filed``) more than N months after the
    hand-over (``settlement.handed_over``); ``review``: the review was submitted
    (``settlement.review_submitted``) more than N months after the filing (the filing date
    stands for the day the reviewing body has the full dossier); ``approval``: the settlement
    was decided more than N months or days after the review's submission. N is the row of
    ``stage-thresholds`` for the policy decision's group **in force on the step's first day**
    (ictcost's reading: the transition clauses of NĐ 193/2026 were not read), and the finding
    cites the instrument of that day; months are calendar months and 2.5 months are 2 months
    and 15 days (ictcost's reading). A step one of whose dates is not recorded is not compared.
    """
    for step in settlement_steps(ctx):
        found = step_limit(ctx, step)
        if found is None:
            continue  # STAGE-NOT-CHECKED.settlement_time
        deadline, number, unit, cell = found
        if step.end > deadline:
            yield Hit(
                {
                    "start": step.start.isoformat(),
                    "end": step.end.isoformat(),
                    "deadline": deadline.isoformat(),
                    "limit": number,
                    "unit": unit,
                    "date": step.end.isoformat(),
                    "limit_date": step.start.isoformat(),
                },
                case=step.name,
                field=step.end_field,
                citations=(cell.to_citation(),),
            )
