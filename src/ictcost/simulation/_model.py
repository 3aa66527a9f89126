"""The vectorised model of an estimate's total, built from the exact estimate and the ranges.

Built once from the :class:`~ictcost.estimate.Estimate` (the legal figure) and the
:class:`~ictcost.simulation.RangeSpec`; then :meth:`TotalModel.evaluate` gives the total of every
draw in float64 (numpy), by the same formulas as the exact path:

* a ranged quantity × unit price line: ``round(q × p)`` (:mod:`ictcost.estimate.methods`);
* a ranged use-case-point line: the chain of :mod:`ictcost.software.ucp` (TFW, TCF, EFW, EF,
  the experience-stability bands, ES, the productivity band P, AUCP, E, G, C, TL, G_PM) with the
  constants and bands read from the ``ucp-*`` tables the exact result used;
* VAT per line at the line's rate (per payment or period share when it has a schedule), rounded;
* every fee line whose base holds a varying line: its base from the lines the estimate summed
  (:mod:`ictcost.estimate.bases`), its amount by :func:`ictcost.fees.batch.compute_fee_batch`
  (the amounts of the exact path, over an array of bases) with the line's conditions;
* the contingency by the rule the estimate applied (:mod:`ictcost.estimate.contingency`).

Lines that vary in no draw keep their exact amounts. At the modes the model gives the legal total
(within 1 đồng per varying line: float rounding near a half-đồng tie).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from ictcost.errors import IctcostError, InputError
from ictcost.estimate.model import ProjectInput
from ictcost.estimate.result import Estimate, LineResult
from ictcost.estimate.trace import FeeTrace, SoftwareTrace
from ictcost.fees.batch import compute_fee_batch
from ictcost.keys import Part
from ictcost.money import exact
from ictcost.norms.registry import NormRegistry
from ictcost.norms.view import NormView
from ictcost.simulation.ranges import QuantityRange, RangeSpec, RatingRange, ThreePoint
from ictcost.software.results import SoftwareCostResult

__all__ = ["RangedInput", "TotalModel", "build_model", "round_half_away"]

Floats = npt.NDArray[np.float64]
Values = Floats | float
_TAIL_PLACES = 4
"""A project value with more decimals than this (a computed H, an average of member ratings) may
be written as a mode rounded to the decimals written."""


def round_half_away(x: Floats) -> Floats:
    """Round to whole đồng half away from zero (the rounding of :func:`ictcost.money.round_vnd`).

    Examples:
        >>> round_half_away(np.array([0.5, 1.5, 2.4999, -0.5, -2.5])).tolist()
        [1.0, 2.0, 2.0, -1.0, -3.0]
    """
    out: Floats = np.copysign(np.floor(np.abs(x) + 0.5), x)
    return out


@dataclass(frozen=True)
class RangedInput:
    """One ranged input: where it is, its three points (the mode is the project's value)."""

    key: str
    line: str
    field: str
    low: Decimal
    mode: Decimal
    high: Decimal


def _error(line: str, fld: str, message: str, hint: str) -> InputError:
    return InputError(
        f"ranges of line {line!r}, {fld}: {message}",
        field=f"ranges.lines.{line}.{fld}",
        hint=hint,
    )


def _mode(
    line: str, fld: str, given: ThreePoint | QuantityRange | RatingRange, value: Decimal
) -> RangedInput:
    """The input with the project's value as its mode, or the error when the given mode differs."""
    mode = given.mode
    if mode is not None and mode != value:
        exponent = mode.as_tuple().exponent
        tail = value.normalize().as_tuple().exponent
        rounded = (
            value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)
            if isinstance(exponent, int) and isinstance(tail, int) and -tail > _TAIL_PLACES
            else None
        )
        if rounded != mode:
            raise _error(
                line,
                fld,
                f"the mode {mode} differs from the project's value {value}: the mode of a range "
                "is the project's own value (the legal estimate is computed with it)",
                f"write mode: {value.normalize()}, or leave mode out (it is then the project's "
                "value); to plan with another value, change the project itself",
            )
    if not given.low <= value <= given.high:
        raise _error(
            line,
            fld,
            f"the project's value {value} is outside low {given.low} … high {given.high}",
            "widen the range so that it holds the project's value (the mode)",
        )
    return RangedInput(f"{line}.{fld}", line, fld, given.low, value, given.high)


@dataclass
class _Ctx:
    """What :func:`build_model` collects: the inputs, and each varying line's function."""

    inputs: list[RangedInput] = field(default_factory=list)
    amount_of: dict[str, Callable[[dict[str, Floats]], Floats]] = field(default_factory=dict)


def _qp_line(ctx: _Ctx, result: LineResult, ranges: dict[str, ThreePoint | QuantityRange]) -> None:
    lid = result.id
    if result.quantity is None or result.unit_price is None:
        raise _error(
            lid,
            next(iter(ranges)),
            f"the line is not priced as quantity × unit price (method {result.method})",
            "range quantity and unit_price of a unit-price, price-list or quotation line only",
        )
    constant = {"quantity": float(result.quantity), "unit_price": float(result.unit_price)}
    keys: dict[str, str] = {}
    for fld, given in ranges.items():
        value = result.quantity if fld == "quantity" else result.unit_price
        ctx.inputs.append(_mode(lid, fld, given, value))
        keys[fld] = ctx.inputs[-1].key

    def amount(draws: dict[str, Floats]) -> Floats:
        q = draws[keys["quantity"]] if "quantity" in keys else constant["quantity"]
        p = draws[keys["unit_price"]] if "unit_price" in keys else constant["unit_price"]
        return round_half_away(np.asarray(q * p, dtype=np.float64))

    ctx.amount_of[lid] = amount


def _bands(view: NormView, table: str, lo: str, hi: str) -> list[tuple[float, float, float]]:
    """``(lower, upper, value)`` of a band table in row order (``±inf`` for an open side)."""
    out = []
    value_column = "value" if table == "ucp-experience-stability" else "hours"
    for row in view.table(table).rows():
        low = row.values[lo].value if lo in row.values else None
        high = row.values[hi].value if hi in row.values else None
        low = view.number(table, row.name, lo) if low is not None else None
        high = view.number(table, row.name, hi) if high is not None else None
        out.append(
            (
                float(low) if low is not None else -np.inf,
                float(high) if high is not None else np.inf,
                float(view.number(table, row.name, value_column)),
            )
        )
    return out


def _banded(x: Floats, bands: list[tuple[float, float, float]], *, stability: bool) -> Floats:
    """The first band that holds ``x``: ``above < x ≤ up_to`` (stability), ``from ≤ x < below``."""
    out = np.full_like(x, np.nan)
    free = np.ones(x.shape, dtype=bool)
    for low, high, value in bands:
        held = (x > low) & (x <= high) if stability else (x >= low) & (x < high)
        hit = free & held
        out[hit] = value
        free &= ~hit
    if bool(free.any()):  # pragma: no cover - the bands of the norm data cover every value
        msg = "a value falls in no band of the UCP tables"
        raise InputError(msg, code="norm-value-not-found")
    return out


def _software_line(
    ctx: _Ctx,
    result: LineResult,
    sw: SoftwareCostResult,
    ranges: dict[str, ThreePoint | RatingRange],
    registry: NormRegistry,
) -> None:
    lid = result.id
    k = sw.constants
    tech = {r.code: r for r in sw.technical}
    env = {r.code: r for r in sw.environmental}
    keys: dict[str, str] = {}
    for fld, given in ranges.items():
        if fld == "labour_rate":
            value = sw.H
        else:
            group, code = fld.split(".")
            value = (tech if group == "technical" else env)[code].rating
        ctx.inputs.append(_mode(lid, fld, given, value))
        keys[fld] = ctx.inputs[-1].key
    view = registry.at(sw.date)
    stab = _bands(view, "ucp-experience-stability", "above", "up_to")
    prod = _bands(view, "ucp-productivity", "es_from", "es_below")
    ranged_t = [c for c in tech if f"technical.{c}" in keys]
    ranged_e = [c for c in env if f"environmental.{c}" in keys]
    with exact():
        tfw_fixed = sum((r.result for c, r in tech.items() if c not in ranged_t), Decimal(0))
        efw_fixed = sum((r.result for c, r in env.items() if c not in ranged_e), Decimal(0))
        es_fixed = sum(
            (r.stability or Decimal(0) for c, r in env.items() if c not in ranged_e), Decimal(0)
        )
    g_per_h = (
        float(k.effort_numerator)
        / float(k.effort_denominator)
        * float(k.g_factor)
        * (1 + float(k.overhead_percent) / 100)
        * (1 + float(k.pre_tax_income_percent) / 100)
    )
    uucp, h_fixed = float(sw.UUCP), float(sw.H)

    def amount(draws: dict[str, Floats]) -> Floats:
        n = len(next(iter(draws.values())))
        tfw = np.full(n, float(tfw_fixed))
        for c in ranged_t:
            tfw += float(tech[c].weight) * draws[keys[f"technical.{c}"]]
        efw = np.full(n, float(efw_fixed))
        es = np.full(n, float(es_fixed))
        for c in ranged_e:
            result_c = float(env[c].weight) * draws[keys[f"environmental.{c}"]]
            efw += result_c
            es += _banded(result_c, stab, stability=True)
        tcf = float(k.tcf_base) + float(k.tcf_per_tfw) * tfw
        ef = float(k.ef_base) - float(k.ef_per_efw) * efw
        p = _banded(es, prod, stability=False)
        h = draws[keys["labour_rate"]] if "labour_rate" in keys else h_fixed
        return round_half_away(uucp * tcf * ef * p * h * g_per_h)

    ctx.amount_of[lid] = amount


def _vat_rate(result: LineResult) -> float:
    """The line's VAT as a fraction of its amount (the shares of its periods at their rates)."""
    if result.vat_treatment == "not_applicable":
        return 0.0
    if result.vat_periods:
        with exact():
            share = sum(
                (p.share_percent * (p.rate or Decimal(0)) for p in result.vat_periods),
                Decimal(0),
            )
        return float(share) / 10_000
    return float(result.vat_rate or 0) / 100


@dataclass(frozen=True)
class _Fee:
    line: str
    item: str
    category: Part
    conditions: tuple[str, ...]
    base_lines: tuple[str, ...]
    rate_lines: tuple[str, ...] | None


@dataclass(frozen=True)
class TotalModel:
    """The estimate's total (and group totals) as a vectorised function of the ranged inputs.

    Attributes:
        inputs: The ranged inputs, in a fixed order (line order, then field).
        legal_total: The legal total of the exact estimate.
    """

    inputs: tuple[RangedInput, ...]
    legal_total: Decimal
    _estimate: Estimate
    _view: NormView
    _amount_of: dict[str, Callable[[dict[str, Floats]], Floats]]
    _fees: tuple[_Fee, ...]
    _vat: dict[str, float]
    _contingency: Callable[[Floats, Floats], Floats] | None
    _fixed_groups: dict[str, float]
    _fixed_pre_vat: float

    def _fee(self, fee: _Fee, base: Values, rate_base: Floats | None) -> Floats:
        """The fee's amount for each draw's base, as the exact path computes it."""
        bases = np.asarray(base, dtype=np.float64)
        try:
            batch = compute_fee_batch(
                fee.item,
                category=fee.category,
                form=self._estimate.profile.fee_form,
                bases=bases,
                conditions=fee.conditions,
                norms=self._view,
                rate_base=rate_base,
            )
        except IctcostError as exc:
            raise type(exc)(
                f"fee line {fee.line!r} ({fee.item}, {fee.category}): some draws give a base "
                f"the fee cannot be computed on (base from {bases.min():.0f} to "
                f"{bases.max():.0f} đồng): {exc.message}",
                code=exc.code,
                field=f"ranges (fee line {fee.line})",
                hint="narrow the ranges of the lines in this fee's base (a base must be above "
                "0, and inside a table whose range policy refuses what lies outside)",
            ) from exc
        amounts: Floats = batch.amounts.astype(np.float64)
        return amounts

    def evaluate(self, values: Floats) -> tuple[Floats, dict[str, Floats]]:
        """Return the total of each draw and each group's after-VAT total.

        Args:
            values: One row per input (:attr:`inputs`), one column per draw.

        Returns:
            ``(totals, {group key: group totals})``, float64 whole đồng.
        """
        n = values.shape[1]
        draws = {inp.key: values[i] for i, inp in enumerate(self.inputs)}
        amounts: dict[str, Values] = {ln.id: float(ln.amount) for ln in self._estimate.lines}
        varying: dict[str, Floats] = {lid: f(draws) for lid, f in self._amount_of.items()}
        amounts.update(varying)
        for fee in self._fees:
            base = sum((amounts[i] for i in fee.base_lines), np.zeros(n))
            rate_base = (
                np.asarray(sum((amounts[i] for i in fee.rate_lines), np.zeros(n)), np.float64)
                if fee.rate_lines is not None
                else None
            )
            varying[fee.line] = amounts[fee.line] = self._fee(fee, base, rate_base)
        groups = {g: np.full(n, v) for g, v in self._fixed_groups.items()}
        pre_vat = np.full(n, self._fixed_pre_vat)
        for ln in self._estimate.lines:
            if ln.in_total and ln.id in varying:
                amount = varying[ln.id]
                groups[ln.group] += amount + round_half_away(amount * self._vat[ln.id])
                pre_vat += amount
        after_vat = sum(groups.values(), np.zeros(n))
        total = np.asarray(after_vat, dtype=np.float64)
        if self._contingency is not None:
            total = total + self._contingency(np.asarray(after_vat, dtype=np.float64), pre_vat)
        return total, groups


def _contingency(estimate: Estimate) -> Callable[[Floats, Floats], Floats] | None:
    """The contingency as a function of the after-VAT and pre-VAT totals (the estimate's rule)."""
    c = estimate.contingency
    if c is None:
        return None
    on_after = c.on == "after_vat"
    if c.rule == "single_coefficient":
        assert c.rate_percent is not None
        rate = float(c.rate_percent) / 100

        def single(after: Floats, before: Floats) -> Floats:
            return round_half_away((after if on_after else before) * rate)

        return single
    volume = float(c.volume_percent or 0) / 100
    fixed = float(c.escalation_amount or 0)
    factor = 0.0
    if c.escalation:
        with exact():
            grow = sum(
                (
                    y.share_percent / 100 * ((1 + y.index_percent / 100) ** y.year - 1)
                    for y in c.escalation
                ),
                Decimal(0),
            )
        factor, fixed = float(grow), 0.0

    def two_parts(after: Floats, before: Floats) -> Floats:
        base = after if on_after else before
        out = round_half_away(base * volume) + fixed
        if factor:
            out = out + round_half_away(base * factor)
        return out

    return two_parts


def _rate_lines(estimate: Estimate, trace: FeeTrace) -> tuple[str, ...]:
    """The lines of the project total a fee's rate is read on (every part of its base)."""
    item, key = trace.fee.item, trace.base_key
    lines: list[str] = []
    for cov in estimate.fee_coverage:
        if cov.item == item and cov.base_key == key:
            lines.extend(i for i in cov.expected_lines if i not in lines)
    return tuple(lines)


def build_model(
    project: ProjectInput,
    estimate: Estimate,
    spec: RangeSpec,
    registry: NormRegistry,
    view: NormView,
) -> TotalModel:
    """Check the ranges against the estimate and build the vectorised model of its total.

    Args:
        project: The project (the conditions of its fee lines).
        estimate: The exact estimate of the project (the legal figure).
        spec: The ranges.
        registry: The registry the estimate was computed with (UCP tables on the input's date).
        view: The norms in force on the estimate's date (the fee tables).

    Raises:
        InputError: a range names an unknown line, a reference figure, a field the line's method
            does not have, or a mode other than the project's value.
    """
    by_id = {ln.id: ln for ln in estimate.lines}
    ctx = _Ctx()
    for lid in [ln.id for ln in estimate.lines if ln.id in spec.lines] + sorted(
        set(spec.lines) - set(by_id)
    ):
        ranges = dict(spec.lines[lid].fields())
        result = by_id.get(lid)
        if result is None:
            shown = ", ".join(list(by_id)[:12]) + (" …" if len(by_id) > 12 else "")
            raise _error(lid, next(iter(ranges)), "no line has this id", f"the lines are: {shown}")
        if not result.in_total:
            raise _error(
                lid,
                next(iter(ranges)),
                "the line is a reference figure beside another line (not in the total)",
                "range the inputs of lines that are in the total",
            )
        if isinstance(result.trace, SoftwareTrace):
            if "quantity" in ranges or "unit_price" in ranges:
                raise _error(
                    lid,
                    "quantity" if "quantity" in ranges else "unit_price",
                    "a use-case-point line has no quantity or unit price",
                    "range its technical, environmental ratings or labour_rate",
                )
            _software_line(ctx, result, result.trace.software, ranges, registry)  # type: ignore[arg-type]
        else:
            ucp = [f for f in ranges if f not in ("quantity", "unit_price")]
            if ucp:
                raise _error(
                    lid,
                    ucp[0],
                    f"only a use-case-point line (method calculation) has it; this line's "
                    f"method is {result.method}",
                    "range quantity and unit_price of this line, or the ratings of the "
                    "software line",
                )
            _qp_line(ctx, result, ranges)  # type: ignore[arg-type]
    varying = set(ctx.amount_of)
    fees: list[_Fee] = []
    inputs = {ln.id: ln for ln in project.lines}
    norm_lines = [ln for ln in estimate.lines if isinstance(ln.trace, FeeTrace)]
    order = [ln for ln in norm_lines if ln.method != "norm"] + [
        ln for ln in norm_lines if ln.method == "norm"
    ]
    for ln in order:
        trace = ln.trace
        assert isinstance(trace, FeeTrace)
        if trace.base_source == "amount":
            continue  # a base given as an amount does not move
        rate_lines = _rate_lines(estimate, trace) if trace.fee.rate_base is not None else None
        if not varying & set(trace.base_lines) and not varying & set(rate_lines or ()):
            continue
        if (
            rate_lines is not None
            and sum((by_id[i].amount for i in rate_lines), Decimal(0)) != trace.fee.rate_base
        ):
            raise _error(
                ln.id,
                "fee",
                "the fee's rate is read on the project total, whose lines the simulation "
                "cannot tell from the estimate",
                "simulate with fee_rate_on: own_part, or leave this fee's base lines unranged",
            )
        fee = inputs[ln.id].fee
        assert fee is not None
        conditions = (*project.project.conditions, *fee.conditions)
        fees.append(_Fee(ln.id, fee.item, fee.category, conditions, trace.base_lines, rate_lines))
        varying.add(ln.id)
    fixed = [ln for ln in estimate.lines if ln.in_total and ln.id not in varying]
    return TotalModel(
        inputs=tuple(ctx.inputs),
        legal_total=estimate.total,
        _estimate=estimate,
        _view=view,
        _amount_of=ctx.amount_of,
        _fees=tuple(fees),
        _vat={ln.id: _vat_rate(ln) for ln in estimate.lines if ln.id in varying},
        _contingency=_contingency(estimate),
        _fixed_groups={
            g: float(
                sum(
                    (ln.total for ln in fixed if ln.group == g),
                    Decimal(0),
                )
            )
            for g in dict.fromkeys(
                [c.key for c in estimate.components]
                + [ln.group for ln in estimate.lines if ln.in_total]
            )
        },
        _fixed_pre_vat=float(sum((ln.amount for ln in fixed), Decimal(0))),
    )
