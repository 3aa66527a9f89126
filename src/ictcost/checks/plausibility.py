"""Plausibility rules: expert day rates, UCP inputs, unit prices against the user's price evidence.

Every threshold these rules use is either read from a cited norm table, given by the user (a
reference-range pack, a price-evidence register) or one of ictcost's screening defaults in
:class:`~ictcost.checks.CheckConfig`; none is a legal number invented here. Without the table or
the register a rule needs, it makes no finding.

* **Expert day rates** (`MARKET-EXPERT-RATE`) are compared with the consultant salary levels
  (table ``consultant-salary-levels``, when loaded: TT 02/2015/TT-BLĐTBXH, then
  TT 004/2025/TT-BNV) and with the user's reference ranges (table ``reference-ranges``).
* **UCP inputs** (`METHOD-UCP-INPUTS`) at the ends of their scales, and a cost per use case far
  outside the portfolio's (`METHOD-UCP-OUTLIER`, a robust z-score).
* **Unit prices** against a price-evidence register (`MARKET-EVIDENCE-FAR`), evidence too old or
  expired being set aside and said so (`MARKET-EVIDENCE-STALE`).
* **Fewer quotations with a reason** are recorded (`MARKET-QUOTES-FEW-JUSTIFIED`).

The grammar of the two norm tables the expert-rate rule reads (any ``kind``; ``threshold_set``
or ``price_list`` fit):

``consultant-salary-levels``
    Every row with a ``monthly_max`` column is a salary level (the highest monthly salary of the
    level, đồng); the row ``month`` holds ``working_days`` (the days of a full month the levels
    are set for) and, optionally, ``special_multiplier`` (the factor allowed for experts of
    special expertise). The day-rate ceiling is the highest level ÷ ``working_days``.

``reference-ranges`` (the id is ``CheckConfig.reference_ranges``)
    Each row is one range: ``measure`` (``expert_day_rate``), optionally ``components`` (a
    component key or a list of them; a row without it applies to every component, a row that
    names the line's component wins), ``low`` and/or ``high`` (đồng). Every value carries its
    source and confidence, like any norm value; the finding cites them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import get_args

from annotated_types import Ge, Le

from ictcost.checks._base import Context, Hit, Portfolio, normalise, similarity
from ictcost.checks.rules import portfolio_rule, rule
from ictcost.errors import NormNotFoundError
from ictcost.estimate import LineInput, SoftwareTrace
from ictcost.inputs.evidence import EvidenceRecord
from ictcost.money import exact, format_vnd, round_vnd
from ictcost.norms.registry import Citation, CitedValue, InForce, NormRegistry
from ictcost.software.inputs import Rating
from ictcost.software.results import FactorRow, SoftwareCostResult

__all__ = ["SALARY_LEVELS"]

SALARY_LEVELS = "consultant-salary-levels"
"""The id of the norm table of consultant salary levels the expert-rate rule reads, if loaded."""
EXPERT_DAY_RATE = "expert_day_rate"
"""The ``measure`` of a reference range for the day rates of expert estimates."""
_Z_FACTOR = Decimal("0.6745")
"""Φ⁻¹(0.75): scales the median absolute deviation to a standard deviation (Iglewicz & Hoaglin)."""
_CENT = Decimal("0.01")
_NOT_PRICED = frozenset({"norm", "calculation", "expert"})


def _shown(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def _in_force(registry: NormRegistry, table_id: str, on: dt.date) -> InForce | None:
    if table_id not in registry:
        return None
    try:
        return registry.get(table_id, on)
    except NormNotFoundError:
        return None


def _number(cell: CitedValue) -> Decimal | None:
    value = cell.value
    return value if isinstance(value, Decimal) and not isinstance(value, bool) else None


# --- fewer quotations with a reason ---------------------------------------------------------


@rule(
    "MARKET-QUOTES-FEW-JUSTIFIED",
    severity="info",
    basis="the line's stated reason; TT 18/2024 Điều 9 (as quoted, for quản trị, vận hành, "
    "bảo trì costs) allows fewer quotations where fewer suppliers exist",
    needs="input",
)
def _quotes_few_justified(ctx: Context) -> Iterator[Hit]:
    """A quoted line has fewer quotations than the threshold, with its reason.

    As `MARKET-QUOTES-FEW` (a line priced by quotation or market price, with fewer quotations
    than `min_quotes` and no price-list reference), but the line gives `quotes_reason` (sole
    distributor, only one or two suppliers): the reason is recorded for the appraiser, not
    warned about.
    """
    for line in ctx.project.lines:
        if line.method not in ("quotation", "market_price") or line.price is not None:
            continue
        if line.quotes_reason is None or len(line.quotes) >= ctx.config.min_quotes:
            continue
        yield Hit(
            {
                "count": len(line.quotes),
                "expected": ctx.config.min_quotes,
                "reason": line.quotes_reason,
            },
            line=line.id,
            field="quotes_reason",
        )


# --- expert day rates --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ceiling:
    """The day-rate ceiling of the consultant salary levels in force."""

    per_day: Decimal
    monthly: Decimal
    days: Decimal
    special_per_day: Decimal | None
    instrument: str
    citations: tuple[Citation, ...]


def _salary_ceiling(registry: NormRegistry, on: dt.date) -> _Ceiling | None:
    table = _in_force(registry, SALARY_LEVELS, on)
    if table is None:
        return None
    levels = [
        cell
        for row in table.rows()
        if "monthly_max" in row.values
        for cell in (table.value(row, "monthly_max"),)
        if _number(cell) is not None
    ]
    if not levels or not table.has("month", "working_days"):
        return None
    top = max(levels, key=lambda c: _number(c) or Decimal(0))
    days_cell = table.value("month", "working_days")
    monthly, days = _number(top), _number(days_cell)
    if monthly is None or days is None or days <= 0:
        return None
    cited = [top, days_cell]
    special = None
    if table.has("month", "special_multiplier"):
        factor_cell = table.value("month", "special_multiplier")
        factor = _number(factor_cell)
        if factor is not None:
            cited.append(factor_cell)
            with exact():
                special = monthly * factor / days
    with exact():
        per_day = monthly / days
    return _Ceiling(
        per_day=per_day,
        monthly=monthly,
        days=days,
        special_per_day=special,
        instrument=top.instrument,
        citations=tuple(c.to_citation() for c in cited),
    )


@dataclass(frozen=True, slots=True)
class _Range:
    """A user's reference range: its bounds, its row and its citations."""

    low: Decimal | None
    high: Decimal | None
    ref: str
    sources: str
    citations: tuple[Citation, ...]


def _components(cell: CitedValue | None) -> tuple[str, ...]:
    if cell is None or cell.value is None:
        return ()
    if isinstance(cell.value, tuple):
        return cell.value
    return (str(cell.value),)


def _reference_range(ctx: Context, measure: str, component: str) -> _Range | None:
    table = _in_force(ctx.registry, ctx.config.reference_ranges, ctx.project.project.date)
    if table is None:
        return None
    generic = None
    for row in table.rows():
        if "measure" not in row.values or row.values["measure"].value != measure:
            continue
        components = _components(
            table.value(row, "components") if "components" in row.values else None
        )
        if components and component not in components:
            continue
        bounds = {
            col: table.value(row, col)
            for col in ("low", "high")
            if col in row.values and row.values[col].value is not None
        }
        if not bounds:
            continue
        found = _Range(
            low=_number(bounds["low"]) if "low" in bounds else None,
            high=_number(bounds["high"]) if "high" in bounds else None,
            ref=f"{table.table.id}/{row.name}",
            sources="; ".join(
                dict.fromkeys(src.title for c in bounds.values() for _, src in c.sources)
            ),
            citations=tuple(c.to_citation() for c in bounds.values()),
        )
        if components:
            return found
        generic = generic or found
    return generic


@rule(
    "MARKET-EXPERT-RATE",
    severity="warning",
    basis="consultant salary levels (TT 02/2015/TT-BLĐTBXH, then TT 004/2025/TT-BNV Điều 3), "
    "when their table is loaded; or the user's reference range (screening)",
    needs="input",
    cases=("salary_level", "reference"),
)
def _expert_rate(ctx: Context) -> Iterator[Hit]:
    """An expert estimate's day rate is above the salary levels, or outside a reference range.

    Each item of an expert estimate (`expert:` person-days × `day_rate`) is compared with:

    * the consultant salary levels in force on the estimate's date (`salary_level`), for the
      components in `consultant_components` (management and consultancy): the ceiling is the
      highest level's monthly maximum divided by the working days of a month, read from the
      norm table `consultant-salary-levels` — TT 02/2015/TT-BLĐTBXH from 2015-03-01,
      TT 004/2025/TT-BNV from 2025-07-01 (Mức 1: at most 70,000,000 đồng for 26 working days,
      secondary sources; experts of special expertise up to 1.5 times). A salary level is the
      expert's salary: the employer's insurance and the management cost, other costs and
      pre-tax income of an expert estimate (TT 04/2020 Phụ lục 05, Cdt = Ccg + Cql + Ck + TN)
      are not in it, so a day rate that includes them (or a lump sum given as one "day") may
      rightly be higher: the finding asks which it is;
    * the user's reference range (`reference`): a row of the table `reference-ranges`
      (`CheckConfig.reference_ranges`) with `measure: expert_day_rate`, optionally for some
      components, and `low` and/or `high`.

    Without either table the rule makes no finding (ictcost does not ship the salary-level
    table yet: its values come from secondary sources; a pack may add it). The finding gives the
    rate, the range or ceiling, and its source (the cited norm values).
    """
    on = ctx.project.project.date
    ceiling = _salary_ceiling(ctx.registry, on)
    for line in ctx.project.lines:
        if not line.expert:
            continue
        salary = ceiling if line.component in ctx.config.consultant_components else None
        ref = _reference_range(ctx, EXPERT_DAY_RATE, line.component)
        for i, item in enumerate(line.expert):
            where = f"expert[{i}].day_rate"
            if salary is not None and item.day_rate > salary.per_day:
                yield Hit(
                    {
                        "item": item.description,
                        "day_rate": item.day_rate,
                        "ceiling": round_vnd(salary.per_day),
                        "monthly": salary.monthly,
                        "days": salary.days,
                        "special": round_vnd(salary.special_per_day)
                        if salary.special_per_day is not None
                        else None,
                        "instrument": salary.instrument,
                    },
                    case="salary_level",
                    line=line.id,
                    field=where,
                    amount=item.day_rate,
                    citations=salary.citations,
                )
            if ref is not None and (
                (ref.low is not None and item.day_rate < ref.low)
                or (ref.high is not None and item.day_rate > ref.high)
            ):
                yield Hit(
                    {
                        "item": item.description,
                        "day_rate": item.day_rate,
                        "low": ref.low,
                        "high": ref.high,
                        "reference": ref.ref,
                        "source": ref.sources,
                    },
                    case="reference",
                    line=line.id,
                    field=where,
                    amount=item.day_rate,
                    citations=ref.citations,
                )


# --- UCP inputs --------------------------------------------------------------------------------


def _rating_scale() -> tuple[Decimal, Decimal]:
    """The ends of the factor rating scale, as the software input model declares them (0–5)."""
    low, high = Decimal(0), Decimal(5)
    for meta in get_args(Rating)[1:]:
        for bound in getattr(meta, "metadata", (meta,)):
            if isinstance(bound, Ge):
                low = Decimal(str(bound.ge))
            elif isinstance(bound, Le):
                high = Decimal(str(bound.le))
    return low, high


def _stability(table: InForce, result: Decimal) -> Decimal | None:
    """The experience-stability value of one factor's result (table ucp-experience-stability)."""
    for row in table.rows():
        above = row.values["above"].value if "above" in row.values else None
        up_to = row.values["up_to"].value if "up_to" in row.values else None
        if (not isinstance(above, Decimal) or result > above) and (
            not isinstance(up_to, Decimal) or result <= up_to
        ):
            value = row.values["value"].value if "value" in row.values else None
            return value if isinstance(value, Decimal) else None
    return None


def _es_range(
    ctx: Context, sw: SoftwareCostResult, scale: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest ES the environmental weights allow (every rating at an end)."""
    table = _in_force(ctx.registry, "ucp-experience-stability", sw.date)
    if table is None:
        return None
    lowest = highest = Decimal(0)
    for row in sw.environmental:
        values = [_stability(table, row.weight * end) for end in scale]
        if any(v is None for v in values):
            return None
        known = [v for v in values if v is not None]
        lowest += min(known)
        highest += max(known)
    return lowest, highest


def _ratings(rows: Sequence[FactorRow]) -> tuple[str, ...]:
    return tuple(f"{r.code}={r.rating.normalize():f}" for r in rows)


@rule(
    "METHOD-UCP-INPUTS",
    severity="warning",
    basis="the state UCP method (CV 2589 → QĐ 671/QĐ-BTTTT): factors rated 0–5, ES selects P "
    "(tables ucp-*); screening",
    cases=("technical_max", "environmental_extreme", "es_lowest", "es_highest"),
)
def _ucp_inputs(ctx: Context) -> Iterator[Hit]:
    """A software estimate's UCP ratings sit at the ends of their scales.

    For a line computed by the state use-case-point method (its recomputed software result):

    * `technical_max`: every one of the 13 technical factors is rated at the top of the scale
      (5) — the TCF then takes its highest value;
    * `environmental_extreme`: every environmental factor is rated at an end of the scale (0 or
      5), none in between;
    * `es_lowest`, `es_highest`: the experience stability ES is the lowest or the highest the
      factors' weights allow (from the `ucp-experience-stability` bands, every rating at an
      end: 0 and 5.2 with the shipped weights), so that P sits at an end of the
      `ucp-productivity` table (48 or 20 person-hours per point).

    The ratings come from the dossier's requirements (QĐ 671 as described by the official
    portal, software-cost-ucp.md §2.6); ratings at the ends of every scale are seldom what a
    requirement says. The scale (0–5) is the one of the software input model.
    """
    low, high = _rating_scale()
    for line in ctx.project.lines:
        result = ctx.result(line.id)
        if result is None or not isinstance(result.trace, SoftwareTrace):
            continue
        sw = result.trace.software
        instrument = result.trace.instrument
        field = "software"
        if sw.technical and all(r.rating == high for r in sw.technical):
            yield Hit(
                {"instrument": instrument, "count": len(sw.technical), "maximum": high},
                case="technical_max",
                line=line.id,
                field=f"{field}.technical",
            )
        if sw.environmental and all(r.rating in (low, high) for r in sw.environmental):
            yield Hit(
                {"instrument": instrument, "ratings": _ratings(sw.environmental)},
                case="environmental_extreme",
                line=line.id,
                field=f"{field}.environmental",
            )
        bounds = _es_range(ctx, sw, (low, high))
        if bounds is None:
            continue
        lowest, highest = bounds
        es = sw.ES
        if not lowest < es < highest:
            at_lowest = not lowest < es
            yield Hit(
                {
                    "instrument": instrument,
                    "es": es,
                    "bound": lowest if at_lowest else highest,
                    "p": sw.P,
                },
                case="es_lowest" if at_lowest else "es_highest",
                line=line.id,
                field=f"{field}.environmental",
            )


@dataclass(frozen=True, slots=True)
class _Software:
    estimate: str
    line: str
    use_cases: int
    cost: Decimal


def _software_lines(portfolio: Portfolio) -> list[_Software]:
    out = []
    for ctx in portfolio.members:
        if ctx.estimate is None:
            continue
        for result in ctx.estimate.lines:
            if not isinstance(result.trace, SoftwareTrace) or not result.in_total:
                continue
            sw = result.trace.software
            counted = sum(1 for uc in sw.use_cases if uc.counted)
            if counted:
                with exact():
                    cost = sw.g_pm / counted
                out.append(_Software(ctx.name, result.id, counted, cost))
    return out


@portfolio_rule(
    "METHOD-UCP-OUTLIER",
    severity="warning",
    basis="screening statistics: modified z-score 0.6745 × (x − median) / MAD (Iglewicz & "
    "Hoaglin 1993); thresholds configurable",
)
def _ucp_outlier(portfolio: Portfolio) -> Iterator[Hit]:
    """A software line's cost per use case is far outside the portfolio's.

    Over every software line of the portfolio computed by the UCP method (G_PM ÷ the use cases
    counted), when there are at least `min_software_estimates` (5) of them: the median and the
    median absolute deviation (MAD); a line whose modified z-score 0.6745 × (x − median) / MAD
    is above `max_robust_z` (3.5, the cut-off Iglewicz and Hoaglin suggest) in absolute value
    is reported. With fewer lines, or a MAD of zero, there is no distribution to compare with
    and no finding. `details.z` is the score to two decimals.
    """
    lines = _software_lines(portfolio)
    cfg = portfolio.config
    if len(lines) < cfg.min_software_estimates:
        return
    costs = [s.cost for s in lines]
    median = statistics.median(costs)
    mad = statistics.median(abs(c - median) for c in costs)
    if mad == 0:
        return
    for s in lines:
        with exact():
            z = _Z_FACTOR * (s.cost - median) / mad
        if abs(z) > cfg.max_robust_z:
            yield Hit(
                {
                    "estimate": s.estimate,
                    "cost": round_vnd(s.cost),
                    "median": round_vnd(median),
                    "z": _shown(z),
                    "threshold": cfg.max_robust_z,
                    "count": len(lines),
                    "use_cases": s.use_cases,
                },
                line=s.line,
                amount=round_vnd(s.cost),
            )


# --- the price-evidence register -----------------------------------------------------------------


def _model_tokens(text: str | None) -> frozenset[str]:
    """The words of a model that hold a digit (``R760``, ``C9300``, ``48T``): what tells models apart."""
    if not text:
        return frozenset()
    return frozenset(w for w in normalise(text).split() if any(ch.isdigit() for ch in w))


def _words(text: str) -> frozenset[str]:
    return frozenset(normalise(text).split())


def _matched_by(line: LineInput, record: EvidenceRecord, threshold: float) -> str | None:
    """How a record matches a line (``model`` or ``name``), or ``None``.

    Units that are both given must agree. Two models with model tokens match when their tokens
    are the same (a different model never matches by name); a record's model tokens may also be
    found in a line's name when the line gives no model (and the reverse). Otherwise the names
    must be as similar as ``name_similarity``.
    """
    if line.unit and record.unit and normalise(line.unit) != normalise(record.unit):
        return None
    line_tokens, record_tokens = _model_tokens(line.model), _model_tokens(record.model)
    if line_tokens and record_tokens:
        return "model" if line_tokens == record_tokens else None
    if line.model and record.model and normalise(line.model) == normalise(record.model):
        return "model"
    if record_tokens and not line.model and record_tokens <= _words(line.name):
        return "model"
    if line_tokens and not record.model and line_tokens <= _words(record.item):
        return "model"
    return "name" if similarity(line.name, record.item) >= threshold else None


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day when shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class _Matched:
    used: list[EvidenceRecord]
    stale: list[EvidenceRecord]
    expired: list[EvidenceRecord]
    matched_by: str


def _price_of(ctx: Context, line: LineInput) -> Decimal | None:
    if line.method in _NOT_PRICED:
        return None
    if line.stated is not None and line.stated.unit_price is not None:
        return line.stated.unit_price
    if line.unit_price is not None:
        return line.unit_price
    result = ctx.result(line.id)
    return result.unit_price if result is not None else None


def _evidence_of(ctx: Context, line: LineInput) -> _Matched | None:
    register = ctx.evidence
    if register is None:
        return None
    on = ctx.project.project.date
    oldest = _months_before(on, ctx.config.max_evidence_age_months)
    used, stale, expired, how = [], [], [], set()
    for record in register.records:
        by = _matched_by(line, record, ctx.config.name_similarity)
        if by is None:
            continue
        how.add(by)
        if record.date < oldest:
            stale.append(record)
        elif record.date > on or (record.valid_until is not None and record.valid_until < on):
            expired.append(record)  # dated after the estimate, or no longer valid on its date
        else:
            used.append(record)
    if not how:
        return None
    return _Matched(used, stale, expired, "model" if "model" in how else "name")


def _described(record: EvidenceRecord) -> str:
    return (
        f"{record.label} ({record.source}, {record.date.isoformat()}): "
        f"{format_vnd(record.unit_price)}"
    )


def _labels(records: Sequence[EvidenceRecord]) -> tuple[str, ...]:
    return tuple(f"{r.label} ({r.date.isoformat()})" for r in records)


@rule(
    "MARKET-EVIDENCE-FAR",
    severity="warning",
    basis="the user's price-evidence register (past contracts, winning bids, quotations); "
    "screening threshold (configurable)",
    needs="input",
)
def _evidence_far(ctx: Context) -> Iterator[Hit]:
    """A unit price is far from the median of the matching price evidence.

    With a price-evidence register (`check(project, evidence=load_evidence(path))`, CLI
    `--evidence FILE`), each line with a unit price (stated, given, or recomputed from its
    quotations or price list) is matched with the register's records: by model (the words of
    the model that hold a digit, `R760`, `C9300`, must be the same; a record's model may also be
    named in a line's name), else by name (`name_similarity`); units, when both are given, must
    agree. Records older than `max_evidence_age_months` (12) before the estimate's date, dated after it, or whose
    validity ended before it, are set aside (`MARKET-EVIDENCE-STALE` says which). When the unit
    price is more than `max_evidence_distance_percent` (15 %) from the median of the records
    kept, the finding gives the distance and lists the evidence. Without a register, no finding.
    """
    for line in ctx.project.lines:
        price = _price_of(ctx, line)
        if price is None:
            continue
        matched = _evidence_of(ctx, line)
        if matched is None or not matched.used:
            continue
        median = statistics.median(r.unit_price for r in matched.used)
        with exact():
            distance = abs(price - median) / median * 100
        if distance > ctx.config.max_evidence_distance_percent:
            yield Hit(
                {
                    "unit_price": price,
                    "median": median,
                    "distance": _shown(distance),
                    "threshold": ctx.config.max_evidence_distance_percent,
                    "count": len(matched.used),
                    "matched_by": matched.matched_by,
                    "evidence": tuple(_described(r) for r in matched.used),
                },
                line=line.id,
                field="unit_price",
                amount=price - median,
            )


@rule(
    "MARKET-EVIDENCE-STALE",
    severity="info",
    basis="ictcost screening default (max_evidence_age_months, configurable); the record's "
    "own validity",
    needs="input",
)
def _evidence_stale(ctx: Context) -> Iterator[Hit]:
    """Price evidence that matches a line was set aside as too old or expired.

    A record of the price-evidence register matches the line (as in `MARKET-EVIDENCE-FAR`) but
    is dated more than `max_evidence_age_months` (12) before the estimate's date, is dated after
    it (the estimator could not have known it), or its validity (`valid_until`) ended before that
    date: it is not used, and this records which.
    `details.used` is the number of records still compared.
    """
    for line in ctx.project.lines:
        if _price_of(ctx, line) is None:
            continue
        matched = _evidence_of(ctx, line)
        if matched is None or not (matched.stale or matched.expired):
            continue
        yield Hit(
            {
                "stale": _labels(matched.stale),
                "expired": _labels(matched.expired),
                "months": ctx.config.max_evidence_age_months,
                "date": ctx.project.project.date.isoformat(),
                "used": len(matched.used),
            },
            line=line.id,
            field="unit_price",
        )
