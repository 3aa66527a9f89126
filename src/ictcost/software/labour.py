"""The labour rate H (đồng per person-hour) of the use-case-point method.

No legal text read so far defines how H is built (software-cost-ucp.md §2.12, primary-texts.md §9):
ictcost therefore takes H as given, or computes it with one of two documented calculators whose
**every parameter is an explicit input** (no silent default for an unknown legal number):

* ``team_average`` (variant A, seen in three CV 2589-era tools): the head-count-weighted average
  monthly salary of the team ÷ working days per month ÷ hours per day.
* ``pay_scale`` (variant C, one 2025 example written to QĐ 671): for each grade,
  ``day rate = [(HCB + HPC) × MLCS × (1 + HĐC) + BHLĐ] ÷ t`` with
  ``BHLĐ = insurance % × HCB × MLCS``; ``H = day rate ÷ hours per day``, weighted by head-count.
  ``MLCS`` (base salary) may be read from the ``base-salary`` norm table on the date (cited).

Examples:
    >>> from decimal import Decimal
    >>> team = TeamAverageLabour(members=[{"monthly_salary": 9_800_000, "count": 2}],
    ...                          working_days_per_month=20, hours_per_day=8)
    >>> compute_labour_rate(team, on="2025-06-01").rate
    Decimal('61250')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ictcost.errors import InputError
from ictcost.money import MAX_PLACES, MAX_QUANTITY, exact, tidy, to_amount
from ictcost.norms.registry import Citation, NormRegistry
from ictcost.norms.view import NormView, resolve_norms
from ictcost.notes import Note, note
from ictcost.types import Money

__all__ = [
    "LabourLine",
    "LabourRate",
    "LabourRateResult",
    "PayScaleGrade",
    "PayScaleLabour",
    "TeamAverageLabour",
    "TeamMember",
    "compute_labour_rate",
]


PositiveDecimal = Annotated[Decimal, Field(gt=0, le=MAX_QUANTITY, decimal_places=MAX_PLACES)]
NonNegativeDecimal = Annotated[Decimal, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TeamMember(_Model):
    """A salary level of the team and how many people are paid at it."""

    role: str | None = None
    monthly_salary: Money
    count: Annotated[int, Field(ge=1)] = 1


class TeamAverageLabour(_Model):
    """Variant A: the team's average monthly salary ÷ days ÷ hours (every parameter explicit)."""

    method: Literal["team_average"] = "team_average"
    members: Annotated[list[TeamMember], Field(min_length=1)]
    working_days_per_month: PositiveDecimal
    """Sources differ (20, 22, 26): no default."""
    hours_per_day: PositiveDecimal


class PayScaleGrade(_Model):
    """A pay-scale grade: its coefficient (hệ số bậc lương) and allowance coefficient."""

    role: str | None = None
    coefficient: PositiveDecimal
    """HCB, e.g. 2.34 for kỹ sư bậc 1 in the example seen (not a cited legal value here)."""
    allowance_coefficient: NonNegativeDecimal
    """HPC (hệ số phụ cấp); give 0 when none applies."""
    count: Annotated[int, Field(ge=1)] = 1


class PayScaleLabour(_Model):
    """Variant C: state pay-scale build-up (every parameter explicit)."""

    method: Literal["pay_scale"] = "pay_scale"
    grades: Annotated[list[PayScaleGrade], Field(min_length=1)]
    base_salary: Money | Literal["from_norms"]
    """MLCS in đồng per month, or ``from_norms`` to read the ``base-salary`` table on the date."""
    adjustment_coefficient: NonNegativeDecimal
    """HĐC (hệ số điều chỉnh tăng thêm tiền lương)."""
    insurance_percent: NonNegativeDecimal
    """BHLĐ as a % of HCB × MLCS (e.g. BHXH + BHYT + BHTN); no default."""
    working_days_per_month: PositiveDecimal
    hours_per_day: PositiveDecimal


LabourRate = Annotated[TeamAverageLabour | PayScaleLabour, Field(discriminator="method")]
"""A labour-rate calculator input (``method: team_average`` or ``method: pay_scale``)."""


class LabourLine(_Model):
    """One member (team average) or grade (pay scale) of the labour-rate computation.

    Attributes:
        role: The role, if given.
        count: The head-count.
        monthly_salary: The member's monthly salary (team average).
        coefficient: The pay-scale coefficient HCB (pay scale).
        hour_rate: The grade's hourly rate (pay scale, exact).
    """

    role: str | None = None
    count: int
    monthly_salary: Decimal | None = None
    coefficient: Decimal | None = None
    hour_rate: Decimal | None = None


class LabourRateResult(_Model):
    """H with the way it was obtained, every input typed.

    Attributes:
        rate: H in đồng per person-hour (exact, not rounded).
        method: ``given``, ``team_average`` or ``pay_scale``.
        lines: One line per member or grade: its hourly rate and head-count.
        monthly_average: The team's average monthly salary (team average).
        base_salary: MLCS, the base salary used (pay scale).
        adjustment_coefficient: HĐC (pay scale).
        insurance_percent: The insurance share in % (pay scale).
        working_days_per_month: t, working days per month.
        hours_per_day: Working hours per day.
        citations: Norm values used (the base salary, when read from the norms).
        notes: What was assumed, as structured notes.
    """

    rate: Decimal
    method: Literal["given", "team_average", "pay_scale"]
    lines: tuple[LabourLine, ...] = ()
    monthly_average: Decimal | None = None
    base_salary: Decimal | None = None
    adjustment_coefficient: Decimal | None = None
    insurance_percent: Decimal | None = None
    working_days_per_month: int | None = None
    hours_per_day: int | None = None
    citations: tuple[Citation, ...] = ()
    notes: tuple[Note, ...] = ()


def compute_labour_rate(
    labour: Decimal | int | str | TeamAverageLabour | PayScaleLabour,
    *,
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
    norms: NormView | None = None,
) -> LabourRateResult:
    """Return H, given directly or computed by a documented calculator.

    Args:
        labour: H in đồng per person-hour, or a :class:`TeamAverageLabour` /
            :class:`PayScaleLabour` input.
        on: The date (used to read the base salary when ``base_salary: from_norms``); required
            unless ``norms`` is given.
        registry: The registry; the shipped one by default.
        norms: The norms in force (``registry.at(on)``), instead of ``on`` and ``registry``;
            those may only repeat it.

    Returns:
        The rate with its trace.

    Raises:
        InputError: H not positive, a bad amount or date, or an argument that contradicts
            ``norms``.
        InputTypeError: a float amount.
        NormNotFoundError: ``from_norms`` on a date the base-salary table does not cover.

    Examples:
        >>> grade = PayScaleGrade(coefficient=Decimal("2.34"), allowance_coefficient=0)
        >>> scale = PayScaleLabour(grades=[grade], base_salary=2_340_000,
        ...     adjustment_coefficient=Decimal("0.9"), insurance_percent=Decimal("21.5"),
        ...     working_days_per_month=26, hours_per_day=8)
        >>> compute_labour_rate(scale, on="2025-06-01").rate
        Decimal('55677.375')
    """
    view = resolve_norms(norms, registry=registry, on=on).view
    if isinstance(labour, TeamAverageLabour):
        return _positive(_team_average(labour))
    if isinstance(labour, PayScaleLabour):
        return _positive(_pay_scale(labour, view))
    rate = to_amount(labour, "labour_rate", positive=True)
    return LabourRateResult(rate=rate, method="given")


def _positive(result: LabourRateResult) -> LabourRateResult:
    """Refuse a computed rate of zero or less: G / H and the person-hours divide by it."""
    if result.rate <= 0:
        raise InputError(
            f"the labour rate H computes to {result.rate} đồng per person-hour",
            field="labour_rate",
            hint="H must be positive: check the salaries or grades, and a pack's base-salary "
            "table (a base salary of 0 gives H = 0)",
        )
    return result


def _team_average(labour: TeamAverageLabour) -> LabourRateResult:
    heads = sum(m.count for m in labour.members)
    with exact():
        total = sum((m.monthly_salary * m.count for m in labour.members), Decimal(0))
        monthly = total / heads
        rate = monthly / labour.working_days_per_month / labour.hours_per_day
    lines = tuple(
        LabourLine(role=m.role, count=m.count, monthly_salary=m.monthly_salary)
        for m in labour.members
    )
    return LabourRateResult(
        rate=tidy(rate),
        method="team_average",
        lines=lines,
        monthly_average=monthly,
        working_days_per_month=labour.working_days_per_month,
        hours_per_day=labour.hours_per_day,
        notes=(note("software.labour_team_average"),),
    )


def _pay_scale(labour: PayScaleLabour, view: NormView) -> LabourRateResult:
    citations: tuple[Citation, ...] = ()
    notes = [note("software.labour_pay_scale")]
    if labour.base_salary == "from_norms":
        cell = view.value("base-salary", "base_salary", "amount")
        base = cell.number
        citations = (cell.to_citation(),)
        notes.append(
            note(
                "software.labour_base_salary",
                base_salary=base,
                on=view.on.isoformat(),
                instrument=cell.instrument,
            )
        )
    else:
        base = labour.base_salary
    heads = sum(g.count for g in labour.grades)
    lines = []
    with exact():
        weighted = Decimal(0)
        for g in labour.grades:
            insurance = labour.insurance_percent / 100 * g.coefficient * base
            day_rate = (
                (g.coefficient + g.allowance_coefficient)
                * base
                * (1 + labour.adjustment_coefficient)
                + insurance
            ) / labour.working_days_per_month
            hour_rate = day_rate / labour.hours_per_day
            weighted += hour_rate * g.count
            lines.append(
                LabourLine(
                    role=g.role, count=g.count, coefficient=g.coefficient, hour_rate=hour_rate
                )
            )
        rate = weighted / heads
    return LabourRateResult(
        rate=tidy(rate),
        method="pay_scale",
        lines=tuple(lines),
        base_salary=base,
        adjustment_coefficient=labour.adjustment_coefficient,
        insurance_percent=labour.insurance_percent,
        working_days_per_month=labour.working_days_per_month,
        hours_per_day=labour.hours_per_day,
        citations=citations,
        notes=tuple(notes),
    )
