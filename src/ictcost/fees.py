"""Project-management and consultancy fees by the % norms of QĐ 1688/QĐ-BTTTT.

The general rule quoted from QĐ 1688 is ``Ci = Gi × Ni × Kđc``: the cost of item *i* is its base cost
*Gi* (before VAT) times the norm rate *Ni* (interpolated from the table) times the adjustment
coefficient *Kđc* (the product of the K coefficients that apply). ictcost computes, in ``Decimal``:

1. ``Gt = base / 10⁹`` (tỷ đồng), then for each table part the rate by linear interpolation
   between the bracketing breakpoints ``Gb < Gt ≤ Ga``::

       Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)

   (norms-and-regimes.md §1.4). Below the first or above the last breakpoint the table's range
   policy applies: ``flat`` (the end rate, as practised; the result is flagged) or ``error``;
   ``strict=True`` always raises.
2. The item's rate = Σ weight × Nt over its parts (the 0.84 and 1.65 multipliers, the
   40 % / 70 % / 70 % composite for thẩm tra báo cáo KTKT).
3. ``amount = base × rate / 100 × ΠK``, rounded once to whole đồng, half up.
4. The minimum seen in practice, if any, is applied after K (the result says so).

VAT is not part of the norm (norms exclude VAT, QĐ 1688 as quoted in R12).

From 2026-03-01 (NĐ 45/2026, then NĐ 224/2026) the % norms are not a listed cost method: the result
is then a **reference estimate** and says so in its notes.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> r = compute_fee("quan_ly_du_an", category="software", form="ktkt",
    ...                 base=Decimal("8500000000"), on=dt.date(2026, 1, 15))
    >>> r.rate_percent
    Decimal('1.7944375')
    >>> r.amount
    Decimal('152527188')
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict

from ictcost.errors import (
    InputError,
    NormNotApplicableError,
    OutOfRangeError,
)
from ictcost.money import exact, round_vnd, to_amount
from ictcost.norms.registry import CitedValue, InForce, NormRegistry, _to_date
from ictcost.regimes import Regime, regime_on

__all__ = [
    "CONDITIONS",
    "ITEMS_TABLE",
    "K_TABLE",
    "Category",
    "FeeResult",
    "Form",
    "Interpolation",
    "RateLookup",
    "compute_fee",
    "fee_items",
    "interpolate",
    "table_fee",
]

Category = Literal["infrastructure", "software"]
"""``infrastructure``: the 'a' tables (hạ tầng kỹ thuật CNTT); ``software``: the 'b' tables
(phần mềm nội bộ, cơ sở dữ liệu)."""
Form = Literal["project", "ktkt"]
"""``project``: a project with a feasibility study; ``ktkt``: a báo cáo kinh tế - kỹ thuật."""
Position = Literal["at_breakpoint", "between", "below_range", "above_range"]

CONDITIONS = (
    "island",
    "multi_province",
    "high_equipment_share",
    "renovation",
    "typical_design",
    "special",
)
"""The conditions that select K coefficients (columns of ``qd1688-k-coefficients``)."""
ITEMS_TABLE = "qd1688-items"
K_TABLE = "qd1688-k-coefficients"
_SUFFIX: dict[str, str] = {"infrastructure": "a", "software": "b"}
_HUNDRED = Decimal(100)


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Interpolation(_Result):
    """The result of one interpolation, with its trace.

    Attributes:
        rate: The rate ``Nt`` (full precision).
        position: Where ``x`` fell: on a breakpoint, between two, or outside the range.
        gb: The lower bracketing breakpoint ``Gb`` (``None`` below the range).
        ga: The upper bracketing breakpoint ``Ga`` (``None`` above the range).
        nb: The rate at ``Gb``.
        na: The rate at ``Ga``.
    """

    rate: Decimal
    position: Position
    gb: Decimal | None
    ga: Decimal | None
    nb: Decimal | None
    na: Decimal | None


def interpolate(
    points: Sequence[tuple[Decimal, Decimal]],
    x: Decimal,
    *,
    below: str = "flat",
    above: str = "flat",
) -> Interpolation:
    """Interpolate a rate linearly between breakpoints (QĐ 1688 convention).

    ``Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)`` for ``Gb < Gt ≤ Ga``
    (norms-and-regimes.md §1.4, the same formula as the construction-cost norms).

    Args:
        points: ``(breakpoint, rate)`` pairs with strictly increasing breakpoints.
        x: The base ``Gt`` in the table's unit (tỷ đồng).
        below: ``flat`` (use the first rate) or ``error`` when ``x`` is below the first breakpoint.
        above: ``flat`` (use the last rate) or ``error`` when ``x`` is above the last breakpoint.

    Returns:
        The rate and its trace.

    Raises:
        OutOfRangeError: ``x`` is outside the range and the policy on that side is ``error``.

    Examples:
        >>> pts = [(Decimal(7), Decimal("2.809")), (Decimal(15), Decimal("2.133"))]
        >>> interpolate(pts, Decimal("8.5")).rate
        Decimal('2.68225')
    """
    if not points:
        raise InputError("no breakpoints to interpolate", code="norm-value-not-found")
    first_g, first_n = points[0]
    last_g, last_n = points[-1]
    if x < first_g:
        if below != "flat":
            raise OutOfRangeError(
                f"{x} is below the first breakpoint {first_g} and the policy is {below!r}",
                hint="draw up a detailed estimate instead, or use the flat policy",
            )
        return Interpolation(
            rate=first_n, position="below_range", gb=None, ga=first_g, nb=None, na=first_n
        )
    if x > last_g:
        if above != "flat":
            raise OutOfRangeError(
                f"{x} is above the last breakpoint {last_g} and the policy is {above!r}",
                hint="draw up a detailed estimate instead, or use the flat policy",
            )
        return Interpolation(
            rate=last_n, position="above_range", gb=last_g, ga=None, nb=last_n, na=None
        )
    for (gb, nb), (ga, na) in itertools.pairwise(points):
        if x == gb:
            return Interpolation(rate=nb, position="at_breakpoint", gb=gb, ga=gb, nb=nb, na=nb)
        if gb < x <= ga:
            if x == ga:
                return Interpolation(rate=na, position="at_breakpoint", gb=ga, ga=ga, nb=na, na=na)
            with exact():
                rate = nb - (nb - na) * (x - gb) / (ga - gb)
            return Interpolation(rate=rate, position="between", gb=gb, ga=ga, nb=nb, na=na)
    return Interpolation(
        rate=first_n, position="at_breakpoint", gb=first_g, ga=first_g, nb=first_n, na=first_n
    )


class RateLookup(_Result):
    """One table part of a fee: the interpolated rate and where it came from.

    Attributes:
        table_id: The norm table (``qd1688-1b``).
        column: The column used (``project`` or ``ktkt``).
        gt: The base in the table's unit (tỷ đồng).
        interpolation: The rate and its trace (Gb, Ga, Nb, Na).
        weight: The multiplier of this part (1, 0.84, 1.65, 0.40, 0.70).
        policy: The range policy applied when outside the range (``flat``), else ``None``.
        citations: The cited values used (the bracketing rates, the weight).
    """

    table_id: str
    column: str
    gt: Decimal
    interpolation: Interpolation
    weight: Decimal
    policy: str | None
    citations: tuple[CitedValue, ...]

    @property
    def weighted_rate(self) -> Decimal:
        """``weight × rate``, in % of the base."""
        with exact():
            return self.weight * self.interpolation.rate


class FeeResult(_Result):
    """A fee computed from the % norms, with its full trace.

    Attributes:
        item: The item key (``quan_ly_du_an``), or ``None`` for a bare table lookup.
        category: ``infrastructure`` or ``software``.
        form: ``project`` or ``ktkt``.
        base: The base cost in đồng, before VAT.
        on: The date of the computation.
        regime: The legal regime applied.
        rate_percent: The item's rate in % of the base (weighted parts), before K.
        lookups: One entry per table part.
        coefficients: The K coefficients applied, as cited values.
        k_product: Their product (1 when none applies).
        amount_before_minimum: ``round(base × rate / 100 × K)``.
        minimum: The minimum amount that applies to the item, if any.
        amount: The amount before VAT, whole đồng (after the minimum).
        flags: Machine-readable flags (``below_range``, ``above_range``, ``minimum_applied``,
            ``reference_only``, ``disputed_value``, ``user_pack``, ...).
        notes: Sentences for people: what was assumed and why.
    """

    item: str | None
    category: str
    form: str
    base: Decimal
    on: dt.date
    regime: Regime
    rate_percent: Decimal
    lookups: tuple[RateLookup, ...]
    coefficients: tuple[CitedValue, ...]
    k_product: Decimal
    amount_before_minimum: Decimal
    minimum: CitedValue | None
    amount: Decimal
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    rate_decimals: int | None = None

    @property
    def citations(self) -> tuple[CitedValue, ...]:
        """Every norm value used: rates, weights, coefficients, minimum, regime facts."""
        out: list[CitedValue] = []
        for lookup in self.lookups:
            out.extend(lookup.citations)
        out.extend(self.coefficients)
        if self.minimum is not None:
            out.append(self.minimum)
        out.extend(self.regime.citations)
        return tuple(out)

    @property
    def basis(self) -> str:
        """A one-line statement of the legal basis of the figure."""
        tables = ", ".join(sorted({lk.table_id for lk in self.lookups}))
        status = "reference estimate" if "reference_only" in self.flags else "norm"
        return f"QĐ 1688/QĐ-BTTTT ({tables}); regime {self.regime.describe()}; status: {status}"

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (Decimals as strings, exact).

        Returns:
            A dict with ``rate_percent``, ``amount``, ``basis``, ``notes`` and the full trace.
        """
        return {
            "item": self.item,
            "category": self.category,
            "form": self.form,
            "base": str(self.base),
            "on": self.on.isoformat(),
            "regime": self.regime.id,
            "regime_in_force": self.regime.in_force_id,
            "rate_percent": str(self.rate_percent),
            "rate_decimals": self.rate_decimals,
            "k_product": str(self.k_product),
            "amount_before_minimum": str(self.amount_before_minimum),
            "minimum": str(self.minimum.value) if self.minimum else None,
            "amount": str(self.amount),
            "currency": "VND",
            "vat": "excluded (norms are before VAT)",
            "basis": self.basis,
            "flags": list(self.flags),
            "notes": list(self.notes),
            "lookups": [
                {
                    "table": lk.table_id,
                    "column": lk.column,
                    "Gt": str(lk.gt),
                    "Gb": _s(lk.interpolation.gb),
                    "Ga": _s(lk.interpolation.ga),
                    "Nb": _s(lk.interpolation.nb),
                    "Na": _s(lk.interpolation.na),
                    "rate": str(lk.interpolation.rate),
                    "position": lk.interpolation.position,
                    "weight": str(lk.weight),
                    "range_policy": lk.policy,
                }
                for lk in self.lookups
            ],
            "coefficients": [
                {"condition": c.column, "value": str(c.value), "ref": c.ref}
                for c in self.coefficients
            ],
            "citations": [c.to_citation().model_dump(mode="json") for c in self.citations],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return :meth:`to_dict` as JSON text (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class _Resolver:
    """Looks up cited values, applying chosen alternatives and recording which were used."""

    def __init__(
        self, registry: NormRegistry, on: dt.date, alternatives: Mapping[str, int] | None
    ) -> None:
        self.registry = registry
        self.on = on
        self.alternatives = dict(alternatives or {})
        self.used: set[str] = set()
        self._cache: dict[str, InForce] = {}

    def table(self, table_id: str) -> InForce:
        if table_id not in self._cache:
            self._cache[table_id] = self.registry.get(table_id, self.on)
        return self._cache[table_id]

    def value(self, table_id: str, row: str, column: str) -> CitedValue:
        inforce = self.table(table_id)
        ref = f"{table_id}/{inforce._row(row).name}/{column}"
        choice = self.alternatives.get(ref)
        if choice is not None:
            self.used.add(ref)
        return inforce.value(row, column, alternative=choice)

    def check_all_used(self) -> None:
        unused = sorted(set(self.alternatives) - self.used)
        if unused:
            raise InputError(
                f"alternative(s) chosen for values this computation does not use: "
                f"{', '.join(unused)}",
                code="alternative-invalid",
                field="alternatives",
                hint="keys are 'table/row/column' of a disputed value used by the computation",
            )


def _lookup(
    res: _Resolver,
    table_id: str,
    column: str,
    gt: Decimal,
    weight: CitedValue | None,
    *,
    strict: bool,
) -> RateLookup:
    inforce = res.table(table_id)
    version = inforce.version
    if version.column(column) is None:
        raise InputError(
            f"table {table_id} has no column {column!r}",
            code="input-invalid",
            field="form",
            hint=f"columns: {', '.join(c.key for c in version.columns)}",
        )
    rows = [r for r in version.rows if column in r.values and r.at is not None]
    points = [(cast("Decimal", r.at), res.value(table_id, r.name, column)) for r in rows]
    assert version.range_policy is not None  # guaranteed by the loader for rate tables
    policy_below = str(version.range_policy["below"].value)
    policy_above = str(version.range_policy["above"].value)
    if strict:
        policy_below = policy_above = "error"
    try:
        interp = interpolate(
            [(g, v.number) for g, v in points], gt, below=policy_below, above=policy_above
        )
    except OutOfRangeError as exc:
        lo, hi = points[0][0], points[-1][0]
        raise OutOfRangeError(
            f"base {gt} tỷ đồng is outside table {table_id} column {column} "
            f"({lo}–{hi} tỷ đồng) and the range policy is strict",
            field="base",
            hint="draw up a detailed estimate (lập dự toán) for this item, or drop strict mode "
            "to use the end rate as practised",
            table_id=table_id,
        ) from exc
    used = [v for g, v in points if g in {interp.gb, interp.ga}]
    policy = None
    if interp.position in ("below_range", "above_range"):
        side: Literal["below", "above"] = "below" if interp.position == "below_range" else "above"
        policy = policy_below if side == "below" else policy_above
        used.append(
            CitedValue.model_construct(
                value=version.range_policy[side].value,
                table_id=table_id,
                table_title=inforce.table.title.vi,
                instrument=inforce.table.instrument.number,
                period=version.period,
                row=f"range_policy.{side}",
                column="value",
                sources=tuple(
                    (s, inforce.table.sources[s]) for s in version.range_policy[side].source
                ),
                confidence=version.range_policy[side].confidence,
                note=version.range_policy[side].note,
                origin=inforce.origin,
            )
        )
    w = Decimal(1)
    if weight is not None:
        w = weight.number
        used.append(weight)
    return RateLookup(
        table_id=table_id,
        column=column,
        gt=gt,
        interpolation=interp,
        weight=w,
        policy=policy,
        citations=tuple(used),
    )


def fee_items(
    registry: NormRegistry | None = None, on: dt.date | str = dt.date(2019, 10, 11)
) -> dict[str, str]:
    """Return the fee item keys with their Vietnamese labels.

    Args:
        registry: The registry; the shipped one by default.
        on: The date whose item table is read.

    Returns:
        ``{item_key: label}`` in table order.

    Examples:
        >>> "quan_ly_du_an" in fee_items()
        True
    """
    reg = registry or NormRegistry.shipped()
    out: dict[str, str] = {}
    for row in reg.get(ITEMS_TABLE, on).rows():
        key = (row.key or "").split(".")[0]
        out.setdefault(key, row.label.vi if row.label else key)
    return out


def _validate_common(
    category: str, form: str, base: object, on: object, rate_decimals: int | None
) -> tuple[Decimal, dt.date]:
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
    if rate_decimals is not None and (isinstance(rate_decimals, bool) or rate_decimals < 0):
        raise InputError(
            f"'rate_decimals' must be a whole number ≥ 0 (got {rate_decimals!r})",
            field="rate_decimals",
        )
    return to_amount(base, "base", positive=True), _to_date(on)


def _finish(
    *,
    item: str | None,
    category: str,
    form: str,
    base: Decimal,
    day: dt.date,
    regime: Regime,
    lookups: list[RateLookup],
    coefficients: list[CitedValue],
    minimum: CitedValue | None,
    rate_decimals: int | None,
    flags: list[str],
    notes: list[str],
) -> FeeResult:
    with exact():
        rate = sum((lk.weighted_rate for lk in lookups), Decimal(0))
        if rate_decimals is not None:
            rate = rate.quantize(Decimal(1).scaleb(-rate_decimals))
            notes.append(
                f"The rate was rounded to {rate_decimals} decimals on request "
                "(a calculator convention, not a rule of QĐ 1688)."
            )
        k = Decimal(1)
        for c in coefficients:
            k *= c.number
        raw = base * rate / _HUNDRED * k
    amount_before_minimum = round_vnd(raw)
    amount = amount_before_minimum
    if minimum is not None and amount < minimum.number:
        amount = minimum.number
        flags.append("minimum_applied")
        notes.append(
            f"The computed amount {amount_before_minimum} đ is below the minimum "
            f"{minimum.number} đ seen in practice ({minimum.confidence}, "
            "legal source unknown); the minimum is used."
        )
    for lk in lookups:
        if (
            lk.interpolation.position in ("below_range", "above_range")
            and lk.interpolation.position not in flags
        ):
            flags.append(lk.interpolation.position)
            where = (
                "below the first"
                if lk.interpolation.position == "below_range"
                else "above the last"
            )
            notes.append(
                f"The base ({lk.gt} tỷ) is {where} breakpoint of {lk.table_id} "
                f"column {lk.column}: the end rate is used unchanged (policy "
                f"'{lk.policy}', as practised; no legal rule seen)."
            )
    result_citations = (
        [c for lk in lookups for c in lk.citations] + coefficients + ([minimum] if minimum else [])
    )
    if any(c.confidence == "disputed" for c in result_citations):
        flags.append("disputed_value")
        for c in result_citations:
            if c.confidence == "disputed":
                which = (
                    "the default value"
                    if c.chosen_alternative is None
                    else f"alternative {c.chosen_alternative}"
                )
                notes.append(f"{c.ref} is disputed between sources; {which} ({c.value}) was used.")
    if any(not c.origin.is_shipped for c in result_citations):
        flags.append("user_pack")
        packs = sorted({c.origin.pack for c in result_citations if not c.origin.is_shipped})
        notes.append(
            f"Values from user pack(s) {', '.join(packs)} were used"
            " (overriding the shipped tables where ids coincide)."
        )
    if not regime.pct_norms_listed:
        flags.append("reference_only")
        notes.append(
            f"Under NĐ {regime.decree} (in force for this date) % norms are not a listed "
            "cost method for project management and consultancy: this QĐ 1688 figure "
            "is a reference estimate, not the legal rate. Determine the cost by "
            "quotation, comparable tenders, expert estimate or price appraisal."
        )
    if regime.overridden:
        flags.append("transitional_override")
        notes.append(
            f"Regime {regime.id} applied by transitional override "
            f"({regime.in_force_id} is in force on {day})."
        )
    if form == "ktkt" and base > regime.one_step_design_max:
        flags.append("ktkt_above_ceiling")
        notes.append(
            f"The base exceeds the one-step design ceiling of this regime "
            f"({regime.one_step_design_max} đ); check that a KTKT report is allowed."
        )
    weakest = _weakest(c.confidence for c in result_citations)
    notes.append(f"Weakest confidence among the norm values used: {weakest}.")
    return FeeResult(
        item=item,
        category=category,
        form=form,
        base=base,
        on=day,
        regime=regime,
        rate_percent=rate,
        lookups=tuple(lookups),
        coefficients=tuple(coefficients),
        k_product=k,
        amount_before_minimum=amount_before_minimum,
        minimum=minimum,
        amount=amount,
        flags=tuple(flags),
        notes=tuple(notes),
        rate_decimals=rate_decimals,
    )


_ORDER = ("disputed", "inferred", "single", "secondary", "primary")


def _weakest(confidences: Iterable[str]) -> str:
    def rank(c: str) -> int:
        for i, prefix in enumerate(_ORDER):
            if c.startswith(prefix):
                return i
        return len(_ORDER)  # pragma: no cover - the models allow no other mark

    found = sorted(set(confidences), key=rank)
    return found[0] if found else "none"


def _table_id(table: str, registry: NormRegistry) -> str:
    tid = table if table.startswith("qd1688-") else f"qd1688-{table}"
    registry.table(tid)  # raises a NormNotFoundError with suggestions
    return tid


def table_fee(
    table: str,
    *,
    form: Form = "project",
    base: Decimal | int | str,
    on: dt.date | str,
    registry: NormRegistry | None = None,
    strict: bool = False,
    rate_decimals: int | None = None,
    regime_override: str | None = None,
) -> FeeResult:
    """Look up one QĐ 1688 table and apply its rate to a base (no K, multiplier or minimum).

    Use :func:`compute_fee` to price an item with all its rules; this is the bare table, as in
    ``ictcost fee --table 1b --form ktkt --base 8500000000 --on 2026-01-15``.

    Args:
        table: ``1a`` … ``8b`` (or the full id ``qd1688-1b``).
        form: ``ktkt`` uses the table's KTKT column (tables 1b and 2b only).
        base: The base cost in đồng, before VAT.
        on: The date of the computation.
        registry: The registry; the shipped one by default.
        strict: Raise instead of using the end rate outside the table's range.
        rate_decimals: Round the rate to this many decimals (calculator convention); ``None``
            keeps full precision (the default).
        regime_override: A transitional override (see :func:`ictcost.regimes.regime_on`).

    Returns:
        The fee with its trace.

    Raises:
        NormNotFoundError: unknown table, or no version in force on the date.
        InputError: bad base, form, date, or ``ktkt`` for a table without a KTKT column.
        OutOfRangeError: outside the range in strict mode.
        RegimeError: the date is before every regime.

    Examples:
        >>> table_fee("1b", form="ktkt", base=8_500_000_000, on="2026-01-15").rate_percent
        Decimal('1.7944375')
    """
    reg = registry or NormRegistry.shipped()
    amount, day = _validate_common("software", form, base, on, rate_decimals)
    tid = _table_id(table, reg)
    regime = regime_on(day, override=regime_override, registry=reg)
    res = _Resolver(reg, day, None)
    version = res.table(tid).version
    column = "project"
    if form == "ktkt":
        if version.column("ktkt") is None:
            raise InputError(
                f"table {tid} has no KTKT column",
                field="form",
                hint="only tables 1b and 2b have one; price the item with --item (e.g. "
                "quan_ly_du_an applies 1a × 0.84 for a KTKT project)",
            )
        column = "ktkt"
    assert version.axis is not None
    with exact():
        gt = amount / version.axis.scale
    lookup = _lookup(res, tid, column, gt, None, strict=strict)
    category = "infrastructure" if tid.endswith("a") else "software"
    return _finish(
        item=None,
        category=category,
        form=form,
        base=amount,
        day=day,
        regime=regime,
        lookups=[lookup],
        coefficients=[],
        minimum=None,
        rate_decimals=rate_decimals,
        flags=[],
        notes=[],
    )


def compute_fee(
    item: str,
    *,
    category: Category,
    form: Form,
    base: Decimal | int | str,
    on: dt.date | str,
    conditions: Iterable[str] = (),
    registry: NormRegistry | None = None,
    strict: bool = False,
    rate_decimals: int | None = None,
    alternatives: Mapping[str, int] | None = None,
    regime_override: str | None = None,
) -> FeeResult:
    """Price one project-management or consultancy item by the QĐ 1688 % norms.

    ``Ci = Gi × Ni × Kđc`` (QĐ 1688, as quoted in R12), with the item rules of
    ``qd1688-items`` (tables, multipliers, composites, switch, minimum) and the K coefficients of
    ``qd1688-k-coefficients``. See the module docstring for the steps.

    Args:
        item: The item key, e.g. ``quan_ly_du_an`` (see :func:`fee_items`).
        category: ``infrastructure`` ('a' tables) or ``software`` ('b' tables).
        form: ``project`` or ``ktkt``.
        base: The item's base cost in đồng, before VAT (for the category's own part).
        on: The decision date that selects the norms and the regime.
        conditions: K conditions that apply: ``island``, ``multi_province``,
            ``high_equipment_share``, ``renovation`` or ``typical_design`` (not both), ``special``
            (refused: the norm must not be used).
        registry: The registry; the shipped one by default.
        strict: Raise instead of using the end rate outside a table's range.
        rate_decimals: Round the item's rate to this many decimals (calculator convention).
        alternatives: For disputed values, ``{"table/row/column": index}`` to use an
            alternative instead of the default (e.g. ``{"qd1688-k-coefficients/lap_bao_cao_ktkt/
            island": 0}`` for the older 1.20).
        regime_override: A transitional override (see :func:`ictcost.regimes.regime_on`).

    Returns:
        The fee with rate, amount (whole đồng, before VAT), trace, citations and notes.

    Raises:
        InputError: unknown item/category/form/condition, bad base or date, incompatible
            conditions, an alternative that is not used.
        NormNotApplicableError: the item is not priced by norm for this category and form, or
            the project is "special" (the norm must not be used: draw up an estimate).
        NormNotFoundError: a table has no version on the date.
        OutOfRangeError: outside a table's range in strict mode.
        RegimeError: the date is before every regime.

    Examples:
        >>> r = compute_fee("tham_tra_bao_cao_ktkt", category="software", form="ktkt",
        ...                 base=8_500_000_000, on="2026-01-15")
        >>> r.rate_percent
        Decimal('0.165675000')
        >>> r.amount
        Decimal('14082375')
    """
    reg = registry or NormRegistry.shipped()
    amount, day = _validate_common(category, form, base, on, rate_decimals)
    conds = _check_conditions(conditions)
    items = fee_items(reg, day)
    if item not in items:
        close = difflib.get_close_matches(item, list(items), n=3)
        raise InputError(
            f"unknown fee item {item!r}",
            field="item",
            hint=(f"did you mean {', '.join(close)}? " if close else "")
            + "`ictcost fee --list` prints every item key",
        )
    regime = regime_on(day, override=regime_override, registry=reg)
    res = _Resolver(reg, day, alternatives)
    items_table = res.table(ITEMS_TABLE)
    key = f"{item}.{category}.{form}"
    if items_table.version.row(key) is None:
        allowed = sorted(
            r.key.split(".", 1)[1]
            for r in items_table.rows()
            if r.key and r.key.startswith(item + ".")
        )
        raise NormNotApplicableError(
            f"QĐ 1688 gives no norm for {item} with category {category!r} and form {form!r}",
            field="item",
            hint=f"this item is priced by norm for: {', '.join(allowed)}; otherwise draw up an "
            "estimate",
        )
    row = items_table.version.row(key)
    assert row is not None
    lookups = _item_lookups(res, key, row.values, amount, strict=strict)
    coefficients = _coefficients(res, row.values, item, conds)
    minimum = res.value(ITEMS_TABLE, key, "minimum") if "minimum" in row.values else None
    notes: list[str] = []
    if conds and "k_row" not in row.values:
        notes.append(
            f"QĐ 1688 (as encoded) has no K coefficients for {item}; the conditions "
            f"{', '.join(sorted(conds))} change nothing."
        )
    if row.note:
        notes.append(row.note)
    res.check_all_used()
    return _finish(
        item=item,
        category=category,
        form=form,
        base=amount,
        day=day,
        regime=regime,
        lookups=lookups,
        coefficients=coefficients,
        minimum=minimum,
        rate_decimals=rate_decimals,
        flags=[],
        notes=notes + _k_notes(res, row.values, item, conds),
    )


def _check_conditions(conditions: Iterable[str]) -> frozenset[str]:
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


def _item_lookups(
    res: _Resolver, key: str, values: Mapping[str, Any], base: Decimal, *, strict: bool
) -> list[RateLookup]:
    lookups = []
    for i in (1, 2, 3):
        if f"part{i}_table" not in values:
            continue
        table_cell = res.value(ITEMS_TABLE, key, f"part{i}_table")
        table_id = str(table_cell.value)
        if table_id not in res.registry:
            raise NormNotApplicableError(
                f"{key}: the chosen treatment {table_id!r} is described in the norm data but is "
                "not a table ictcost can compute",
                field="alternatives",
                hint="drop the alternative to use the default treatment; "
                + (table_cell.alternatives[0].note or "" if table_cell.alternatives else ""),
            )
        column = str(res.value(ITEMS_TABLE, key, f"part{i}_column").value)
        weight = res.value(ITEMS_TABLE, key, f"part{i}_weight")
        if i == 1 and "switch_above" in values:
            switch = res.value(ITEMS_TABLE, key, "switch_above")
            with exact():
                gt_switch = base / _axis_scale(res, table_id)
            if gt_switch > switch.number:
                table_id = str(res.value(ITEMS_TABLE, key, "switch_table").value)
                column = str(res.value(ITEMS_TABLE, key, "switch_column").value)
        with exact():
            gt = base / _axis_scale(res, table_id)
        lookups.append(_lookup(res, table_id, column, gt, weight, strict=strict))
    return lookups


def _axis_scale(res: _Resolver, table_id: str) -> Decimal:
    axis = res.table(table_id).version.axis
    assert axis is not None
    return axis.scale


def _coefficients(
    res: _Resolver, values: Mapping[str, Any], item: str, conds: frozenset[str]
) -> list[CitedValue]:
    if not conds or "k_row" not in values:
        return []
    k_row = str(values["k_row"].value)
    out = []
    for cond in CONDITIONS:
        if cond not in conds or not res.table(K_TABLE).has(k_row, cond):
            continue
        cell = res.value(K_TABLE, k_row, cond)
        if cond == "special" or not isinstance(cell.value, Decimal):
            raise NormNotApplicableError(
                f"the % norm must not be used for {item} on a 'special' (đặc thù) project",
                field="conditions",
                hint="draw up a detailed estimate (lập dự toán) for this item instead",
            )
        out.append(cell)
    return out


def _k_notes(
    res: _Resolver, values: Mapping[str, Any], item: str, conds: frozenset[str]
) -> list[str]:
    if not conds or "k_row" not in values:
        return []
    k_row = str(values["k_row"].value)
    missing = [c for c in CONDITIONS if c in conds and not res.table(K_TABLE).has(k_row, c)]
    if not missing:
        return []
    return [
        f"No K coefficient is given for {item} under condition(s) {', '.join(missing)}; "
        "K = 1 for them."
    ]
