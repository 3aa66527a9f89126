"""The rules around :mod:`ictcost.fees.batch`: argument checks, citations and flags of a batch.

Private to :mod:`ictcost.fees`. The argument checks mirror private helpers of
:mod:`ictcost.fees.items` (which exports none); the error-path tests compare every refusal with
the scalar one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, get_args

import numpy as np

from ictcost.errors import InputError, NormNotApplicableError
from ictcost.fees._batch_bases import Array, Bases
from ictcost.fees._batch_core import Plan, Raw, Scale, both, slot_index, used_slots
from ictcost.fees.items import CONDITIONS, K_TABLE, MAX_RATE_DECIMALS, Form
from ictcost.norms.registry import CitedValue, NormRegistry
from ictcost.norms.view import NormView

__all__ = [
    "above_ceiling",
    "any_part",
    "check_conditions",
    "citations_of",
    "dedupe",
    "item_coefficients",
    "resolve_table_id",
    "validate_fee_args",
]

_SUFFIX = ("infrastructure", "software")


# --- the arguments, checked as the scalar path checks them --------------------------------------
# (mirrors of private helpers of ictcost.fees.items, which exports none: the error-path tests
# compare every refusal with the scalar one)


def validate_fee_args(category: str, form: str, rate_decimals: int | None) -> None:
    """Refuse a category, form or ``rate_decimals`` the scalar path refuses, in its words."""
    if category not in _SUFFIX:
        raise InputError(
            f"'category' must be one of {list(_SUFFIX)} (got {category!r})",
            field="category",
            hint="infrastructure = the 'a' tables, software = the 'b' tables",
        )
    if form not in get_args(Form):
        raise InputError(
            f"'form' must be one of {list(get_args(Form))} (got {form!r})",
            field="form",
            hint="project = dự án; ktkt = báo cáo kinh tế - kỹ thuật",
        )
    if rate_decimals is not None and (
        isinstance(rate_decimals, bool)
        or not isinstance(rate_decimals, int)
        or not 0 <= rate_decimals <= MAX_RATE_DECIMALS
    ):
        raise InputError(
            f"'rate_decimals' must be a whole number from 0 to {MAX_RATE_DECIMALS} "
            f"(got {rate_decimals!r})",
            field="rate_decimals",
            hint="calculators round a rate to 2–4 decimals; leave it out to keep the exact rate",
        )


def check_conditions(conditions: Iterable[str]) -> frozenset[str]:
    """The K conditions, refused as the scalar path refuses them (unknown, incompatible)."""
    if isinstance(conditions, str):
        conditions = [conditions]
    conds = frozenset(conditions)
    unknown = sorted(conds - set(CONDITIONS))
    if unknown:
        raise InputError(
            f"unknown condition(s) {unknown}",
            field="conditions",
            hint=f"conditions are: {', '.join(CONDITIONS)}",
        )
    if {"renovation", "typical_design"} <= conds:
        raise InputError(
            "'renovation' and 'typical_design' cannot both apply: they are two values of one "
            "choice in the norm's adjustment rules",
            field="conditions",
            hint="keep the one that describes the project",
        )
    return conds


def item_coefficients(
    view: NormView, values: Mapping[str, Any], item: str, conds: frozenset[str]
) -> list[CitedValue]:
    """The K coefficients that apply (``qd1688-k-coefficients``); ``special`` is refused."""
    if not conds or "k_row" not in values:
        return []
    k_row = str(values["k_row"].value)
    out = []
    for cond in CONDITIONS:
        if cond not in conds or not view.has(K_TABLE, k_row, cond):
            continue
        cell = view.value(K_TABLE, k_row, cond)
        if cond == "special" or not isinstance(cell.value, Decimal):
            raise NormNotApplicableError(
                f"the % norm must not be used for {item} on a 'special' (đặc thù) project",
                field="conditions",
                hint="draw up a detailed estimate (lập dự toán) for this item instead",
            )
        out.append(cell)
    return out


def resolve_table_id(table: str, registry: NormRegistry) -> str:
    """``1b`` → ``qd1688-1b``; an unknown table raises ``NormNotFoundError`` with suggestions."""
    tid = table if table.startswith("qd1688-") else f"qd1688-{table}"
    registry.table(tid)
    return tid


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
