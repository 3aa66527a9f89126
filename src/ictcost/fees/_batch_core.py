"""The engine of :mod:`ictcost.fees.batch`: reading bases, the rules read once, the evaluation.

Private: the public names are :mod:`ictcost.fees.batch`'s. The exactness argument is in that
module's docstring and in docs/concepts/batch.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from ictcost.errors import InputError, OutOfRangeError
from ictcost.fees._batch_bases import Bases
from ictcost.fees.result import FeeResult
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import CitedValue
from ictcost.norms.scale import Interpolation, RateScale
from ictcost.norms.view import NormView

__all__ = [
    "REASONS",
    "Part",
    "Plan",
    "Raw",
    "Scale",
    "both",
    "evaluate",
    "read_scale",
    "slot_index",
    "used_slots",
]

U = 2.0**-53
"""The unit roundoff of float64."""
_EXACT_INT = 2**53
_FLOAT_AMOUNT_MAX = 2.0**51
_INT64_MAX = 2**63 - 1
_HUNDRED = Decimal(100)
_SUFFIX = ("infrastructure", "software")
REASONS = ("", "below_range", "above_range")
"""The reason codes of :attr:`FeeBatch.reasons`: ``0`` computed, ``1`` refused below the first
breakpoint, ``2`` refused above the last (the range policy is ``error``, or ``strict``)."""

Array = npt.NDArray[Any]
OneFee = Callable[[Decimal, Decimal | None], FeeResult]


# --- bases -----------------------------------------------------------------------------------


# --- the plan: the rules read once -----------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """One rate column as the batch uses it: float breakpoints in đồng and the slot citations."""

    scale: RateScale
    t_int: npt.NDArray[np.int64]
    t_f: npt.NDArray[np.float64]
    n_f: npt.NDArray[np.float64]
    max_rate: float
    fast: bool  # breakpoints are whole đồng below 2^53
    refuse_below: bool
    refuse_above: bool
    index: dict[Decimal, int]
    _cites: dict[int, tuple[CitedValue, ...]] = field(default_factory=dict, repr=False)

    def cites(self, slot: int) -> tuple[CitedValue, ...]:
        """The values an element in ``slot`` cites (read through the view on first use)."""
        found = self._cites.get(slot)
        if found is None:
            found = self._cites[slot] = self.scale.cited(
                _slot_interpolation(self.scale.points, slot)
            )
        return found

    def marks(self, slot: int, test: Callable[[CitedValue], bool]) -> bool:
        """Whether a value cited in ``slot`` passes ``test`` (disputed, from a user pack)."""
        return any(test(c) for c in self.cites(slot))


def read_scale(view: NormView, table_id: str, column: str, *, strict: bool) -> Scale:
    version = view.table(table_id).version
    if version.column(column) is None:
        raise InputError(
            f"table {table_id} has no column {column!r}",
            code="input-invalid",
            field="form",
            hint=f"columns: {', '.join(c.key for c in version.columns)}",
        )
    scale = view.scale(table_id, column)
    pts = scale.points
    thresholds = [at * scale.scale for at, _ in pts]
    fast = all(t == t.to_integral_value() and 0 <= t < _EXACT_INT for t in thresholds)
    t_int = np.array([int(t) if fast else 0 for t in thresholds], dtype=np.int64)
    return Scale(
        scale=scale,
        t_int=t_int,
        t_f=t_int.astype(np.float64),
        n_f=np.array([float(r) for _, r in pts]),
        max_rate=max(abs(float(r)) for _, r in pts),
        fast=fast,
        refuse_below=strict or scale.below != "flat",
        refuse_above=strict or scale.above != "flat",
        index={at: k for k, (at, _) in enumerate(pts)},
    )


def _slot_interpolation(pts: tuple[tuple[Decimal, Decimal], ...], slot: int) -> Interpolation:
    n = len(pts)
    if slot == 0:
        g, r = pts[0]
        return Interpolation.model_construct(
            rate=r, position="below_range", gb=None, ga=g, nb=None, na=r
        )
    if slot == 2 * n:
        g, r = pts[-1]
        return Interpolation.model_construct(
            rate=r, position="above_range", gb=g, ga=None, nb=r, na=None
        )
    k, between = divmod(slot - 1, 2)
    if not between:
        g, r = pts[k]
        return Interpolation.model_construct(
            rate=r, position="at_breakpoint", gb=g, ga=g, nb=r, na=r
        )
    (gb, nb), (ga, na) = pts[k], pts[k + 1]
    return Interpolation.model_construct(rate=nb, position="between", gb=gb, ga=ga, nb=nb, na=na)


def _slot_of(sc: Scale, interp: Interpolation) -> int:
    n = len(sc.scale.points)
    if interp.position == "below_range":
        return 0
    if interp.position == "above_range":
        return 2 * n
    if interp.position == "at_breakpoint":
        assert interp.gb is not None
        return 2 * sc.index[interp.gb] + 1
    assert interp.ga is not None
    return 2 * sc.index[interp.ga]


@dataclass(frozen=True)
class Part:
    """One table part of an item: its scale, weight and optional switch to another table."""

    main: Scale
    weight: CitedValue | None
    switch_number: Decimal | None = None  # switch when rate base / axis > switch_above
    switch: Callable[[], tuple[Scale, frozenset[str]]] | None = None

    @property
    def w(self) -> Decimal:
        return self.weight.number if self.weight is not None else Decimal(1)

    @property
    def over(self) -> int:
        """The largest whole rate base that does not switch (``base > over`` switches)."""
        assert self.switch_number is not None
        return int((self.switch_number * self.main.scale.scale).to_integral_value("ROUND_FLOOR"))


@dataclass
class Plan:
    """The rules of one batch, read once through one view."""

    view: NormView
    parts: list[Part]
    coefficients: list[CitedValue]
    minimum: CitedValue | None
    rate_decimals: int | None
    ceiling: Decimal | None
    check: Callable[[frozenset[str], int], None] | None = None
    used_common: frozenset[str] = frozenset()
    used_main: frozenset[str] = frozenset()
    switched: dict[int, tuple[Scale, frozenset[str]]] = field(default_factory=dict)

    @property
    def k(self) -> Decimal:
        with exact():
            k = Decimal(1)
            for c in self.coefficients:
                k *= c.number
        return k

    def switch_scale(self, p: int, first: int) -> Scale:
        """The switched scale of part ``p`` (read on first use; ``first`` names an element)."""
        found = self.switched.get(p)
        if found is None:
            reader = self.parts[p].switch
            assert reader is not None
            found = self.switched[p] = reader()
            if self.check is not None:
                self.check(self.used_common | found[1], first)
        return found[0]


# --- the exact kernel ------------------------------------------------------------------------


@dataclass
class _Exact:
    """One element by the scalar path's own ``Decimal`` arithmetic."""

    amount: int  # before the minimum
    rate: Decimal
    slots: list[tuple[Scale, int]]  # per part: the scale used and the slot
    positions: list[int]  # per part: 0 inside, 1 below, 2 above
    refused: int  # 0, or the reason code
    scale: Scale | None = None  # the scale that refused


def _exact_one(plan: Plan, base: Decimal, rate_on: Decimal | None, i: int) -> _Exact:
    on = base if rate_on is None else rate_on
    slots: list[tuple[Scale, int]] = []
    positions: list[int] = []
    rate = Decimal(0)
    weighted: list[Decimal] = []
    for p, part in enumerate(plan.parts):
        sc = part.main
        if part.switch_number is not None:
            with exact():
                gt_switch = on / sc.scale.scale
            if gt_switch > part.switch_number:
                sc = plan.switch_scale(p, i)
            elif plan.check is not None:
                plan.check(plan.used_common | plan.used_main, i)
        with exact():
            gt = on / sc.scale.scale
        try:
            interp = sc.scale.rate(
                gt,
                below="error" if sc.refuse_below else "flat",
                above="error" if sc.refuse_above else "flat",
            )
        except OutOfRangeError:
            code = 1 if gt < sc.scale.points[0][0] else 2
            return _Exact(0, Decimal(0), slots, [*positions, code], code, sc)
        slot = _slot_of(sc, interp)
        slots.append((sc, slot))
        positions.append(
            1 if interp.position == "below_range" else 2 if interp.position == "above_range" else 0
        )
        with exact():
            weighted.append(part.w * interp.rate)
    with exact():
        rate = sum(weighted, Decimal(0))
        if plan.rate_decimals is not None:
            rate = rate.quantize(Decimal(1).scaleb(-plan.rate_decimals))
        raw = base * rate / _HUNDRED * plan.k
    amount = round_vnd(raw)
    if amount > _INT64_MAX:
        raise InputError(
            f"the fee of bases[{i}] ({amount:.3E} đồng) does not fit the batch's int64 amounts",
            code="input-amount",
            field=f"bases[{i}]",
            hint="price this base with compute_fee (exact Decimal)",
        )
    return _Exact(int(amount), rate, slots, positions, 0)


# --- the evaluation --------------------------------------------------------------------------


def slot_index(x: Array, sc: Scale) -> Array:
    """The slot of each whole rate base: 2k+1 on breakpoint k, 2k between k-1 and k."""
    t = sc.t_int
    i = np.searchsorted(t, x, side="left")
    on = t[np.minimum(i, len(t) - 1)] == x
    slots: Array = 2 * i + on
    return slots


def used_slots(x: Array, sc: Scale) -> set[int]:
    """The slots whose citations the elements of ``x`` (whole rate bases) use, exactly.

    The slots of a strided sample are found by a search; a slot between two breakpoints that the
    sample missed is looked for in the whole array. A breakpoint's own slot cites its row only,
    which each neighbouring slot cites too: it is looked for only when neither neighbour is used.
    """
    if x.size == 0:
        return set()
    t = sc.t_int.tolist()
    n = len(t)
    lo, hi = int(x.min()), int(x.max())
    used = {int(s) for s in np.unique(slot_index(x[:: max(1, x.size // 4096)], sc))}
    if lo < t[0]:
        used.add(0)
    if hi > t[-1]:
        used.add(2 * n)
    for k in range(1, n):
        missed = 2 * k not in used and lo < t[k] and hi > t[k - 1]
        if missed and np.count_nonzero((x > t[k - 1]) & (x < t[k])):
            used.add(2 * k)
    for k, tk in enumerate(t):
        alone = {2 * k, 2 * k + 1, 2 * k + 2}.isdisjoint(used) and lo <= tk <= hi
        if alone and np.count_nonzero(x == tk):
            used.add(2 * k + 1)
    return used


def _refusal(sc: Scale, i: int, base: Decimal, code: int) -> OutOfRangeError:
    lo, hi = sc.scale.points[0][0], sc.scale.points[-1][0]
    side = "below" if code == 1 else "above"
    return OutOfRangeError(
        f"bases[{i}] ({base} đồng) is {side} table {sc.scale.table_id} column "
        f"{sc.scale.column} ({lo}–{hi} tỷ đồng) and the range policy is strict",
        field=f"bases[{i}]",
        hint="draw up a detailed estimate (lập dự toán) for this item, or drop strict mode "
        "to use the end rate as practised; refused='mask' reports such bases instead",
        table_id=sc.scale.table_id,
        index=i,
    )


@dataclass
class Raw:
    """What the evaluation found, element by element (the batch module builds the result)."""

    described: Array | None  # whole base and rate base (None: all): vector positions are exact
    valid: Array | None  # None: every element computed
    refusals: Array
    positions: Array  # (parts, n): 0 inside, 1 below, 2 above
    groups: list[list[tuple[Scale, Array | None]]]  # per part: (scale, mask) used
    before: Array  # amounts before the minimum
    rates: Array
    kernel_slots: dict[int, list[tuple[Scale, int]]]  # of elements not described
    exact_count: int


def both(a: Array | None, b: Array | None) -> Array | None:
    """``a & b`` where ``None`` stands for every element."""
    return b if a is None else a if b is None else a & b


@dataclass
class _Vectors:
    """The bases of one evaluation as vectors, and what the fast path cannot cover."""

    b: Array
    r: Array
    bf: Array
    rf: Array
    described: Array | None
    slow: Array | None
    top_b: int
    top_r: int
    low_r: int


def _vectors(plan: Plan, given: Bases, rb: Bases | None) -> _Vectors:
    n = len(given.ints)
    b = given.ints
    r = rb.ints if rb is not None else b
    described = both(given.whole, rb.whole if rb is not None else None)
    top_b, top_r = (int(b.max()), int(r.max())) if n else (0, 0)
    slow = None if described is None else ~described
    if not all(part.main.fast for part in plan.parts):  # the kernel decides every element
        slow = np.ones(n, dtype=np.bool_)
        described = np.zeros(n, dtype=np.bool_)
    elif max(top_b, top_r) >= _EXACT_INT:
        slow = _or(slow, (b >= _EXACT_INT) | (r >= _EXACT_INT))
    bf = b.astype(np.float64)
    rf = bf if rb is None else r.astype(np.float64)
    return _Vectors(b, r, bf, rf, described, slow, top_b, top_r, int(r.min()) if n else 0)


@dataclass
class _Rates:
    """The float rates of every element, their error bound, positions and refusals."""

    total: Array
    bound: float  # |rate_float − rate| <= bound (every element)
    top: float  # Σ |weight| × the largest rate of each part
    positions: Array
    refusals: Array
    groups: list[list[tuple[Scale, Array | None]]]


def _rates(plan: Plan, v: _Vectors) -> _Rates:
    n = len(v.b)
    out = _Rates(
        np.zeros(n),
        0.0,
        0.0,
        np.zeros((len(plan.parts), n), dtype=np.int8),
        np.zeros(n, dtype=np.int8),
        [],
    )
    if plan.check is not None and n and all(part.switch is None for part in plan.parts):
        plan.check(plan.used_common | plan.used_main, 0)
    for p, part in enumerate(plan.parts):
        sc = part.main
        rate = np.interp(v.rf, sc.t_f, sc.n_f) if sc.fast else np.zeros(n)
        top = sc.max_rate
        chosen: list[tuple[Scale, Array | None]] = [(sc, None)]
        if part.switch is not None:
            chosen = _switch(plan, p, v, rate)
            top = max(top, *(s.max_rate for s, _ in chosen))
        for s, m in chosen:
            sel = both(v.described, m)
            if v.low_r < s.t_int[0]:
                _mark(out, p, v.r < s.t_int[0], sel, 1, refuse=s.refuse_below)
            if v.top_r > s.t_int[-1]:
                _mark(out, p, v.r > s.t_int[-1], sel, 2, refuse=s.refuse_above)
        out.groups.append(chosen)
        w = abs(float(part.w))
        if part.w != 1:
            rate *= float(part.w)
        if p == 0:
            out.total = rate
        else:
            out.total += rate
        out.bound += 17 * U * w * top
        out.top += w * top
    return out


def _switch(plan: Plan, p: int, v: _Vectors, rate: Array) -> list[tuple[Scale, Array | None]]:
    """Part ``p`` switches table above its ``switch_above``: the switched rates, the two groups."""
    part = plan.parts[p]
    sw = v.r > part.over
    if v.described is not None:
        sw &= v.described
    kept = ~sw if v.described is None else ~sw & v.described
    if plan.check is not None and kept.any():
        plan.check(plan.used_common | plan.used_main, _first(kept))
    if not sw.any():
        return [(part.main, None)]
    swc = plan.switch_scale(p, _first(sw))
    if not swc.fast:  # the kernel decides the switched elements
        v.slow = _or(v.slow, sw)
        v.described = both(v.described, ~sw)
        return [(part.main, ~sw)]
    rate[sw] = np.interp(v.rf[sw], swc.t_f, swc.n_f)
    return [(part.main, ~sw), (swc, sw)]


def evaluate(plan: Plan, given: Bases, rb: Bases | None, refused: str) -> Raw:
    """Compute every element: float64 with the tie band, the exact kernel for the rest."""
    v = _vectors(plan, given, rb)
    got = _rates(plan, v)
    total, bound = got.total, got.bound
    near: Array | None = None
    if plan.rate_decimals is not None:
        q = 10.0**plan.rate_decimals
        scaled = total * q
        nearest = np.rint(scaled)
        near = np.abs(scaled - nearest) + 2 * (bound * q + U * scaled) >= 0.5
        total = nearest / q
        bound = 2.02 * U * got.top
    c = float(plan.k / _HUNDRED)
    amount = np.multiply(total, c)
    amount *= v.bf
    if v.top_b * abs(c) * got.top >= 0.99 * _FLOAT_AMOUNT_MAX:
        near = _or(near, np.abs(amount) >= _FLOAT_AMOUNT_MAX)
    nearest = np.rint(amount)
    band = 2 * abs(c) * (bound + 4.01 * U * got.top)  # delta <= base × band (derived above)
    amount -= nearest  # in place from here: |amount − nearest| + base × band >= ½ is near a tie
    np.abs(amount, out=amount)
    amount += np.multiply(v.bf, band, out=v.bf)  # the float bases are not read again
    near = _or(near, amount >= 0.5)
    near = _or(near, v.slow)
    assert near is not None
    before = nearest.astype(np.int64)
    if got.refusals.any():
        near &= got.refusals == 0
    idx = np.flatnonzero(near)
    extra = _kernel(plan, given, rb, idx, described=v.described, into=(before, total, got))
    valid = got.refusals == 0 if got.refusals.any() else None
    if valid is not None:
        if refused == "raise":
            i = _first(~valid)
            one = _exact_one(plan, given.dec(i), rb.dec(i) if rb is not None else None, i)
            assert one.scale is not None
            raise _refusal(one.scale, i, given.dec(i), one.refused)
        before[~valid] = 0
        total[~valid] = np.nan
    return Raw(
        v.described,
        valid,
        got.refusals,
        got.positions,
        got.groups,
        before,
        total,
        extra,
        int(idx.size),
    )


def _kernel(
    plan: Plan,
    given: Bases,
    rb: Bases | None,
    idx: Array,
    *,
    described: Array | None,
    into: tuple[Array, Array, _Rates],
) -> dict[int, list[tuple[Scale, int]]]:
    """Recompute the elements ``idx`` by the exact kernel, in place."""
    before, total, got = into
    extra: dict[int, list[tuple[Scale, int]]] = {}
    for i in idx.tolist():
        one = _exact_one(plan, given.dec(i), rb.dec(i) if rb is not None else None, i)
        if one.refused:
            got.refusals[i] = one.refused
            continue
        before[i] = one.amount
        total[i] = float(one.rate)
        if described is not None and not described[i]:
            got.positions[:, i] = one.positions
            extra[i] = one.slots
    return extra


def _or(a: Array | None, b: Array | None) -> Array | None:
    return b if a is None else a if b is None else a | b


def _mark(out: _Rates, p: int, where: Array, sel: Array | None, code: int, *, refuse: bool) -> None:
    """Mark the elements below (1) or above (2) a range; refuse them when the policy says so."""
    if sel is not None:
        where &= sel
    if code == 1:
        out.positions[p] |= where
    else:
        out.positions[p] |= where.view(np.int8) << 1
    if refuse:
        out.refusals[where & (out.refusals == 0)] = code


def _first(mask: Array) -> int:
    return int(np.flatnonzero(mask)[0])
