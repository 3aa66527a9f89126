"""The rules around :mod:`ictcost.fees.batch`: the citations and flags of a batch.

Private to :mod:`ictcost.fees`. The arguments are checked by the functions the scalar path uses
(:mod:`ictcost.fees.items`), so a batch refuses exactly what a scalar fee refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import numpy as np

from ictcost.fees._batch_bases import Array, Bases
from ictcost.fees._batch_core import Plan, Raw, Scale, both, slot_index, used_slots
from ictcost.norms.registry import CitedValue

__all__ = [
    "above_ceiling",
    "any_part",
    "citations_of",
    "dedupe",
]

# --- the citations and the flags bound to slots ----------------------------------------------


def citations_of(
    plan: Plan, raw: Raw, rates_on: Array, marks: tuple[Array, Array]
) -> tuple[list[CitedValue], set[str]]:
    """The union of the values the elements cite, in the scalar order; slot-bound flags."""
    cites: list[CitedValue] = []
    tables: set[str] = set()
    nothing = np.zeros(len(rates_on), dtype=np.bool_)
    for p, groups in enumerate(raw.groups):
        chosen = list(groups)
        for got in raw.kernel_slots.values():  # a scale only elements of the kernel read
            if len(got) > p and all(got[p][0] is not sc for sc, _ in chosen):
                chosen.append((got[p][0], nothing))
        for sc, mask in chosen:
            sel = both(both(raw.described, raw.valid), mask)
            x = rates_on if sel is None else rates_on[sel]
            slots = used_slots(x, sc)
            kernel = {
                i: got[p][1]
                for i, got in raw.kernel_slots.items()
                if len(got) > p and got[p][0] is sc
            }
            slots |= set(kernel.values())
            if not slots:
                continue
            tables.add(sc.scale.table_id)
            for s in sorted(slots):
                cites.extend(sc.cites(s))
            _slot_flags(sc, slots, (sel, x), kernel, marks)
        weight = plan.parts[p].weight
        if weight is not None:
            cites.append(weight)
    cites.extend(plan.coefficients)
    if plan.minimum is not None:
        cites.append(plan.minimum)
    cites.extend(plan.view.regime.citations)
    return cites, tables


def any_part(positions: Array, code: int, valid: Array | None) -> Array:
    found: Array = positions[0] == code if len(positions) == 1 else (positions == code).any(axis=0)
    return found if valid is None else found & valid


def above_ceiling(ceiling: Decimal | None, given: Bases, raw: Raw, valid: Array) -> Array:
    """``ktkt_above_ceiling``: the base is above the regime's one-step design ceiling."""
    n = len(given.ints)
    if ceiling is None:
        return np.zeros(n, dtype=np.bool_)
    above = given.ints > int(ceiling.to_integral_value("ROUND_FLOOR"))
    if raw.described is not None:
        above &= raw.described
        for i in np.flatnonzero(~raw.described).tolist():
            above[i] = given.dec(i) > ceiling
    return above & valid


def _slot_flags(
    sc: Scale,
    slots: set[int],
    selected: tuple[Array | None, Array],
    kernel: dict[int, int],
    marks: tuple[Array, Array],
) -> None:
    """Add ``disputed_value`` / ``user_pack`` where the slot an element used carries them."""
    sel, x = selected
    tests: tuple[Callable[[CitedValue], bool], ...] = (
        lambda c: c.confidence == "disputed",
        lambda c: not c.origin.is_shipped,
    )
    for flag, test in zip(marks, tests, strict=True):
        if not any(sc.marks(s, test) for s in slots):
            continue
        per_slot = np.array([sc.marks(s, test) for s in range(2 * len(sc.scale.points) + 1)])
        if sel is None:
            np.logical_or(flag, per_slot[slot_index(x, sc)], out=flag)
        else:
            flag[np.flatnonzero(sel)] |= per_slot[slot_index(x, sc)]
        for i, s in kernel.items():
            flag[i] |= per_slot[s]


def dedupe(cites: list[CitedValue]) -> tuple[CitedValue, ...]:
    seen: dict[tuple[str, str, str], CitedValue] = {}
    for c in cites:
        seen.setdefault((c.ref, str(c.period), str(c.value)), c)
    return tuple(seen.values())
