"""QĐ 1688 fees over arrays of bases: float64 where it is provably exact, ``Decimal`` where not.

:func:`compute_fee_batch` and :func:`table_fee_batch` take the arguments of
:func:`~ictcost.fees.compute_fee` and :func:`~ictcost.fees.table_fee` (``Ci = Gi × Ni × Kđc``,
QĐ 1688 as quoted in R12), with ``bases`` (a 1-D array-like of amounts in đồng) instead of one
``base``. Every ``amounts[i]`` equals ``compute_fee(..., base=bases[i]).amount``.

How (docs/concepts/batch.md gives the full argument):

1. The rules (tables, weights, switch, K, minimum, regime) are read once, through one view.
2. Each part's rate is ``numpy.interp`` on the breakpoints scaled to đồng (whole numbers, exact
   in float64 below 2⁵³), weighted and summed; ``A = base × rate × (ΠK / 100)`` in float64.
3. Every float operation errs by at most ``u = 2⁻⁵³`` relatively, so
   ``|A_float − A| ≤ δ = 2 × base × ΠK/100 × 21.01u × Σ|w|·max N`` (twice the derived bound:
   17u for the rate, 4.01u for the amount's products). ``A_float`` is rounded to the nearest
   whole đồng unless its fraction lies within ``δ`` of ½;
   those elements, and every element the bound cannot cover (a base above 2⁵³ or with a
   fractional part, an amount above 2⁵¹, breakpoints that are not whole đồng), are recomputed by
   the exact ``Decimal`` kernel, the arithmetic of the scalar path itself.

Bases are validated like the scalar ``base`` (greater than zero, finite, at most
:data:`~ictcost.money.MAX_AMOUNT`, at most 30 decimal places); a float64 array is read when its
values are whole đồng below 2⁵³. A refusal raises a typed error naming the first index.
Elements outside a table's range where the policy is ``error`` (or ``strict=True``) are what the
scalar path refuses: by default the batch raises :class:`~ictcost.errors.OutOfRangeError` naming
the first index; with ``refused="mask"`` they are reported in :attr:`FeeBatch.valid` and
:attr:`FeeBatch.reasons` (amount 0), never computed.

Examples:
    >>> r = compute_fee_batch("quan_ly_du_an", category="software", form="ktkt",
    ...                       bases=[8_500_000_000, 12_000_000_000], on="2026-01-15")
    >>> r.amounts.tolist()
    [152527188, 198375000]
    >>> r.flags_at(0)
    ()
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import numpy as np

from ictcost.errors import InputError, NormNotApplicableError
from ictcost.fees._batch_bases import Bases, read_bases, read_rate_bases, to_bases
from ictcost.fees._batch_core import (
    REASONS,
    Array,
    OneFee,
    Part,
    Plan,
    Scale,
    evaluate,
    read_scale,
)
from ictcost.fees._batch_rules import above_ceiling, any_part, citations_of, dedupe
from ictcost.fees.items import (
    ITEMS_TABLE,
    Category,
    Form,
    check_conditions,
    compute_fee,
    item_coefficients,
    item_parts,
    resolve_table_id,
    table_column,
    table_fee,
    validate_fee_args,
)
from ictcost.fees.result import FeeResult
from ictcost.norms.registry import CitedValue, NormRegistry
from ictcost.norms.view import NormView, resolve_norms
from ictcost.regimes import Regime

__all__ = ["FLAGS", "REASONS", "FeeBatch", "compute_fee_batch", "table_fee_batch", "to_bases"]

FLAGS = (
    "minimum_applied",
    "below_range",
    "above_range",
    "disputed_value",
    "user_pack",
    "reference_only",
    "transitional_override",
    "ktkt_above_ceiling",
)
"""The per-element flags of :attr:`FeeBatch.flags`, those a scalar fee can carry, in its order."""


@dataclass(frozen=True, eq=False)
class FeeBatch:
    """Fees for an array of bases: amounts exact to the đồng, one shared set of citations.

    The arrays are read-only and as long as the bases. ``amounts[i]`` equals the scalar
    ``amount`` of element ``i``; :meth:`flags_at` gives its ``flags``; :meth:`explain`
    recomputes it by the scalar path (``FeeResult``, with its notes and trace).

    Attributes:
        item: The item key, or ``None`` for a bare table.
        category: ``infrastructure`` or ``software``.
        form: ``project`` or ``ktkt``.
        on: The date of the norms.
        regime: The legal regime applied.
        bases: The bases (int64; an object array of ``Decimal`` when some have fractions).
        amounts: The amounts before VAT, whole đồng (int64; 0 where refused).
        amounts_before_minimum: ``round(base × rate / 100 × K)`` (int64).
        rates: The item's rate in % (float64, for display; NaN where refused).
        valid: ``False`` where the scalar path refuses the element (``refused="mask"``).
        reasons: Per element an index into :data:`REASONS` (``0``: computed).
        flags: ``{flag: bool array}`` for every name of :data:`FLAGS`.
        positions: Per table part, 0 inside the range, 1 below, 2 above (int8).
        citations: Every norm value some element used (deduplicated, in the scalar order).
        tables: The QĐ 1688 tables read.
        exact_count: How many elements the exact ``Decimal`` kernel computed.
    """

    item: str | None
    category: str
    form: str
    on: dt.date
    regime: Regime
    bases: Array
    amounts: Array
    amounts_before_minimum: Array
    rates: Array
    valid: Array
    reasons: Array
    flags: Mapping[str, Array]
    positions: tuple[Array, ...]
    citations: tuple[CitedValue, ...]
    tables: tuple[str, ...]
    exact_count: int
    _one: Callable[[int], FeeResult] = field(repr=False)

    def __len__(self) -> int:
        return len(self.amounts)

    def flags_at(self, i: int) -> tuple[str, ...]:
        """Return the flags of element ``i`` as the scalar ``FeeResult.flags`` lists them."""
        out = ["minimum_applied"] if self.flags["minimum_applied"][i] else []
        for pos in self.positions:
            name = ("", "below_range", "above_range")[int(pos[i])]
            if name and self.valid[i] and name not in out:
                out.append(name)
        out.extend(f for f in FLAGS[3:] if self.flags[f][i])
        return tuple(out)

    def explain(self, i: int) -> FeeResult:
        """Recompute element ``i`` by the scalar path: the full ``FeeResult`` with its notes.

        Raises:
            OutOfRangeError: the element is one the scalar path refuses.
        """
        return self._one(int(i))

    def _columns(self) -> dict[str, Any]:
        cols: dict[str, Any] = {
            "base": self.bases,
            "amount": self.amounts,
            "amount_before_minimum": self.amounts_before_minimum,
            "rate_percent": self.rates,
            "valid": self.valid,
            "reason": np.array(REASONS, dtype=object)[self.reasons],
        }
        cols.update({f: self.flags[f] for f in FLAGS})
        return cols

    def to_pandas(self) -> Any:  # noqa: ANN401 - a pandas DataFrame (pandas is optional)
        """Return one row per base: base, amount, rate, valid, reason and the flags.

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        pd = _optional("pandas", "pandas")
        return pd.DataFrame(self._columns())

    def to_arrow(self) -> Any:  # noqa: ANN401 - a pyarrow Table (pyarrow is optional)
        """Return the columns of :meth:`to_pandas` as a pyarrow ``Table``.

        Fractional bases become Arrow decimals.

        Raises:
            ImportError: pyarrow is not installed (``pip install 'ictcost[arrow]'``).
        """
        pa = _optional("pyarrow", "arrow")
        cols = self._columns()
        if cols["base"].dtype == object:
            cols["base"] = pa.array(cols["base"].tolist())
        return pa.table(cols)


def _optional(module: str, extra: str) -> Any:  # noqa: ANN401 - a module
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is needed for this export: pip install 'ictcost[{extra}]'"
        ) from exc


# --- the entry points ------------------------------------------------------------------------


def compute_fee_batch(
    item: str,
    *,
    category: Category,
    form: Form,
    bases: object,
    on: dt.date | str | None = None,
    conditions: Iterable[str] = (),
    registry: NormRegistry | None = None,
    strict: bool = False,
    rate_decimals: int | None = None,
    alternatives: Mapping[str, int] | None = None,
    regime_override: str | None = None,
    norms: NormView | None = None,
    rate_base: object = None,
    refused: Literal["raise", "mask"] = "raise",
) -> FeeBatch:
    """Price one QĐ 1688 item for every base of an array, exactly as :func:`compute_fee` would.

    ``Ci = Gi × Ni × Kđc`` (QĐ 1688, as quoted in R12) with the item rules of ``qd1688-items``
    and the K coefficients of ``qd1688-k-coefficients``; the arguments mean what they mean for
    :func:`~ictcost.fees.compute_fee`, element by element.

    Args:
        item: The item key, e.g. ``quan_ly_du_an``.
        category: ``infrastructure`` or ``software``.
        form: ``project`` or ``ktkt``.
        bases: The bases in đồng before VAT, a 1-D array-like (see :func:`to_bases`).
        on: The decision date (required unless ``norms`` is given).
        conditions: K conditions (as for :func:`~ictcost.fees.compute_fee`).
        registry: The registry; the shipped one by default.
        strict: Refuse instead of using the end rate outside a table's range.
        rate_decimals: Round the item's rate to this many decimals, 0–12.
        alternatives: Alternatives for disputed values; each must be used by every element.
        regime_override: A transitional override.
        norms: The norms in force (``registry.at(on)``).
        rate_base: Read the rates on this amount (one amount, or an array as long as ``bases``)
            instead of ``bases``; the amount is still ``rate × base``.
        refused: ``raise`` (default): an element the scalar path refuses (outside the range with
            policy ``error`` or ``strict``) raises; ``mask``: it is reported in ``valid`` and
            ``reasons`` with amount 0.

    Returns:
        The amounts (int64, whole đồng), rates, flags per element and one shared citation set.

    Raises:
        InputError: as :func:`~ictcost.fees.compute_fee`; a bad base names its index.
        NormNotApplicableError: as :func:`~ictcost.fees.compute_fee`.
        OutOfRangeError: an element outside a range that refuses it (``refused="raise"``).
        RegimeError: the date is before every regime.
    """
    validate_fee_args(category, form, rate_decimals)
    given = read_bases(bases, "bases")
    rb = None if rate_base is None else read_rate_bases(rate_base, len(given.ints))
    view, owns = resolve_norms(
        norms, registry=registry, on=on, alternatives=alternatives, regime_override=regime_override
    )
    conds = check_conditions(conditions)
    key = f"{item}.{category}.{form}"
    row = view.row(ITEMS_TABLE, key)
    if row is None:  # the scalar path words the refusal (unknown item, no norm for the form)
        compute_fee(item, category=category, form=form, base=1, norms=view)
        raise AssertionError(key)  # pragma: no cover - compute_fee raised
    values = row.values
    main_used: frozenset[str] = frozenset()
    parts: list[Part] = []
    for i, (table_id, column, weight) in item_parts(view, key, values):
        number = switch = None
        if i == 1 and "switch_above" in values:
            number = view.value(ITEMS_TABLE, key, "switch_above").number
            switch = _switch_reader(view, key, strict=strict)
        before = view.used_alternatives
        main = read_scale(view, table_id, column, strict=strict)
        if i == 1:
            main_used = view.used_alternatives - before
        parts.append(Part(main, weight, number, switch))
    coefficients = item_coefficients(view, values, item, conds)
    minimum = view.value(ITEMS_TABLE, key, "minimum") if "minimum" in values else None
    plan = Plan(
        view=view,
        parts=parts,
        coefficients=coefficients,
        minimum=minimum,
        rate_decimals=rate_decimals,
        ceiling=view.regime.one_step_design_max if form == "ktkt" else None,
        check=_alternatives_check(view, dict(view.alternatives)) if owns else None,
    )
    plan.used_main = main_used
    plan.used_common = view.used_alternatives - main_used

    def one(base: Decimal, rate_on: Decimal | None) -> FeeResult:
        return compute_fee(
            item,
            category=category,
            form=form,
            base=base,
            conditions=tuple(sorted(conds)),
            strict=strict,
            rate_decimals=rate_decimals,
            norms=view,
            rate_base=rate_on,
        )

    return _evaluate(plan, given, rb, refused, item=item, category=category, form=form, one=one)


def table_fee_batch(
    table: str,
    *,
    form: Form = "project",
    bases: object,
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
    strict: bool = False,
    rate_decimals: int | None = None,
    regime_override: str | None = None,
    norms: NormView | None = None,
    refused: Literal["raise", "mask"] = "raise",
) -> FeeBatch:
    """Look up one QĐ 1688 table for every base of an array, exactly as :func:`table_fee` would.

    The bare table (no K, multiplier or minimum): ``amount = round(base × Nt / 100)``, half up
    (QĐ 1688 as quoted in R12; norms-and-regimes.md §1.4).

    Args:
        table: ``1a`` … ``8b`` (or ``qd1688-1b``).
        form: ``ktkt`` uses the table's KTKT column (tables 1b and 2b only).
        bases: The bases in đồng before VAT, a 1-D array-like (see :func:`to_bases`).
        on: The date (required unless ``norms`` is given).
        registry: The registry; the shipped one by default.
        strict: Refuse instead of using the end rate outside the range.
        rate_decimals: Round the rate to this many decimals, 0–12.
        regime_override: A transitional override.
        norms: The norms in force (``registry.at(on)``).
        refused: ``raise`` or ``mask`` (see :func:`compute_fee_batch`).

    Returns:
        The amounts, rates, flags per element and the shared citations.

    Raises:
        NormNotFoundError: unknown table, or no version in force on the date.
        InputError: as :func:`~ictcost.fees.table_fee`; a bad base names its index.
        OutOfRangeError: an element outside a range that refuses it (``refused="raise"``).
        RegimeError: the date is before every regime.

    Examples:
        >>> table_fee_batch("1b", form="ktkt", bases=[8_500_000_000], on="2026-01-15").amounts
        array([152527188])
    """
    validate_fee_args("software", form, rate_decimals)
    given = read_bases(bases, "bases")
    view = resolve_norms(norms, registry=registry, on=on, regime_override=regime_override).view
    tid = resolve_table_id(table, view.registry)
    column = table_column(view, tid, form)
    plan = Plan(
        view=view,
        parts=[Part(read_scale(view, tid, column, strict=strict), None)],
        coefficients=[],
        minimum=None,
        rate_decimals=rate_decimals,
        ceiling=view.regime.one_step_design_max if form == "ktkt" else None,
        check=None,
    )

    def one(base: Decimal, rate_on: Decimal | None) -> FeeResult:
        return table_fee(
            table, form=form, base=base, strict=strict, rate_decimals=rate_decimals, norms=view
        )

    category = "infrastructure" if tid.endswith("a") else "software"
    return _evaluate(plan, given, None, refused, item=None, category=category, form=form, one=one)


def _switch_reader(
    view: NormView, key: str, *, strict: bool
) -> Callable[[], tuple[Scale, frozenset[str]]]:
    def read() -> tuple[Scale, frozenset[str]]:
        before = view.used_alternatives
        table_id = str(view.value(ITEMS_TABLE, key, "switch_table").value)
        column = str(view.value(ITEMS_TABLE, key, "switch_column").value)
        found = read_scale(view, table_id, column, strict=strict)
        return found, view.used_alternatives - before

    return read


def _alternatives_check(
    view: NormView, chosen: dict[str, int]
) -> Callable[[frozenset[str], int], None]:
    def check(used: frozenset[str], first: int) -> None:
        unused = sorted(set(chosen) - used)
        if unused:
            raise InputError(
                "alternative(s) chosen for values this computation does not use: "
                + ", ".join(unused)
                + f" (bases[{first}] and others in its group)",
                code="alternative-invalid",
                field="alternatives",
                hint="keys are 'table/row/column' of a disputed value used by the computation; "
                "in a batch every element must use each of them",
            )

    return check


def _evaluate(
    plan: Plan,
    given: Bases,
    rb: Bases | None,
    refused: Literal["raise", "mask"],
    *,
    item: str | None,
    category: str,
    form: str,
    one: OneFee,
) -> FeeBatch:
    if refused not in ("raise", "mask"):
        raise InputError(
            f"'refused' must be 'raise' or 'mask' (got {refused!r})",
            field="refused",
            hint="raise: refuse the batch at the first refused base; mask: report it in valid",
        )
    raw = evaluate(plan, given, rb, refused)
    view, regime = plan.view, plan.view.regime
    n = len(given.ints)
    valid = raw.valid if raw.valid is not None else _constant(n, value=True)
    flags: dict[str, Array] = {}
    amounts = raw.before
    applied = _constant(n, value=False)
    if plan.minimum is not None:
        floor = plan.minimum.number
        if floor != floor.to_integral_value():
            raise NormNotApplicableError(
                f"the minimum {floor} of {item} is not whole đồng: the batch amounts are int64",
                field="item",
                hint="price these bases with compute_fee",
            )
        applied = raw.before < int(floor)
        if raw.valid is not None:
            applied &= valid
        if applied.any():
            amounts = np.where(applied, int(floor), raw.before)
    flags["minimum_applied"] = applied
    flags["below_range"] = any_part(raw.positions, 1, raw.valid)
    flags["above_range"] = any_part(raw.positions, 2, raw.valid)
    shared = [p.weight for p in plan.parts if p.weight is not None] + plan.coefficients
    if plan.minimum is not None:
        shared.append(plan.minimum)
    disputed = np.full(n, any(c.confidence == "disputed" for c in shared))
    packs = np.full(n, any(not c.origin.is_shipped for c in shared))
    rates_on = rb.ints if rb is not None else given.ints
    cites, tables = citations_of(plan, raw, rates_on, (disputed, packs))
    flags["disputed_value"] = disputed if raw.valid is None else valid & disputed
    flags["user_pack"] = packs if raw.valid is None else valid & packs
    flags["reference_only"] = _flag(valid, raw.valid, value=not regime.pct_norms_listed)
    flags["transitional_override"] = _flag(valid, raw.valid, value=regime.overridden)
    flags["ktkt_above_ceiling"] = above_ceiling(plan.ceiling, given, raw, valid)
    bases = np.array(given.decs, dtype=object) if given.decs is not None else given.ints.view()

    def explain(i: int) -> FeeResult:
        return one(given.dec(i), rb.dec(i) if rb is not None else None)

    for arr in (bases, amounts, raw.before, raw.rates, raw.refusals, *flags.values()):
        if arr.flags.writeable:
            arr.setflags(write=False)
    return FeeBatch(
        item=item,
        category=category,
        form=form,
        on=view.on,
        regime=regime,
        bases=bases,
        amounts=amounts,
        amounts_before_minimum=raw.before,
        rates=raw.rates,
        valid=valid,
        reasons=raw.refusals,
        flags=flags,
        positions=tuple(raw.positions),
        citations=dedupe(cites),
        tables=tuple(sorted(tables)),
        exact_count=raw.exact_count,
        _one=explain,
    )


def _constant(n: int, *, value: bool) -> Array:
    """A read-only array of ``n`` times one flag (no memory per element)."""
    return np.broadcast_to(np.bool_(value), (n,))


def _flag(valid: Array, mask: Array | None, *, value: bool) -> Array:
    """A flag every computed element carries (``value``), or none does."""
    return valid & value if mask is not None else _constant(len(valid), value=value)
