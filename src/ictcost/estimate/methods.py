"""The pricing methods of a line: each returns the exact amount and its typed trace.

The method a line states is checked against the regime's ``cost-methods`` table by
:mod:`ictcost.estimate.engine`; here each method computes (design notes, "Methods, not just
formulas"):

* ``norm``: a QĐ 1688 % fee on the base its definition names (:mod:`ictcost.estimate.bases`), or
  on an override (lines or an amount), by :func:`ictcost.compute_fee`;
* ``calculation``: internal software by the state UCP method (CV 2589/2011 → QĐ 671/2024);
* ``expert``: Σ person-days × day rate, itemised;
* a rental: price per period × periods, or the TT 12/2020/TT-BTTTT annuity (NĐ 73 only);
* a given amount with the document it rests on;
* otherwise quantity × a unit price: given, from a price list, or picked from quotations by an
  explicit rule (lowest, median, mean).

No rounding happens here: the engine rounds each line once (see :mod:`ictcost.estimate.result`).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from ictcost.documents import FeeBaseDefinition
from ictcost.errors import IctcostError, InputError
from ictcost.estimate._context import Context, line_error
from ictcost.estimate.bases import DerivedBase, check_base_known, derive_base
from ictcost.estimate.model import AnnuityRental, FeeSpec, LineInput, PeriodRental
from ictcost.estimate.trace import (
    AnnuityRentalTrace,
    ExpertRow,
    ExpertTrace,
    FeeTrace,
    GivenTrace,
    LineTrace,
    PeriodRentalTrace,
    PriceListTrace,
    QuotationTrace,
    SoftwareTrace,
    UnitPriceTrace,
)
from ictcost.fees import compute_fee
from ictcost.money import exact
from ictcost.norms.registry import Citation, CitedValue
from ictcost.notes import Note, note

__all__ = ["Computed", "compute_line"]


@dataclass
class Computed:
    """What a method yields for a line before rounding and VAT."""

    amount: Decimal
    trace: LineTrace
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    cited: list[CitedValue] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    rate_percent: Decimal | None = None


def _pick(line: LineInput, quantity: Decimal) -> Computed:
    if line.pick is None:
        raise line_error(
            line,
            "quotations are given but no rule picks the value",
            "add pick: lowest, median or mean",
            field="pick",
        )
    prices = [q.unit_price for q in line.quotes]
    with exact():
        if line.pick == "lowest":
            value = min(prices)
        elif line.pick == "median":
            value = statistics.median(prices)
        else:
            value = sum(prices, Decimal(0)) / len(prices)
        amount = quantity * value
    trace = QuotationTrace(quantity=quantity, quotes=line.quotes, pick=line.pick, unit_price=value)
    return Computed(amount, trace, quantity=quantity, unit_price=value)


def _price_list(ctx: Context, line: LineInput, quantity: Decimal) -> Computed:
    assert line.price is not None
    try:
        cell = ctx.norms.table(line.price.list).value(line.price.code, "unit_price")
    except IctcostError as exc:
        raise line_error(
            line,
            f"price list lookup failed: {exc.message}",
            exc.hint or "load the price list pack with --pack",
            field="price",
        ) from exc
    with exact():
        amount = quantity * cell.number
    trace = PriceListTrace(
        quantity=quantity,
        price_list=line.price.list,
        code=line.price.code,
        unit_price=cell.number,
        cell=ctx.citation(cell),
    )
    return Computed(amount, trace, quantity=quantity, unit_price=cell.number, cited=[cell])


def _by_unit_price(ctx: Context, line: LineInput) -> Computed:
    if line.quantity is None:
        raise line_error(
            line,
            "a quantity is required for a unit-price line",
            "give quantity (and unit)",
            field="quantity",
        )
    given = [
        x for x in (line.unit_price is not None, line.price is not None, bool(line.quotes)) if x
    ]
    if len(given) > 1:
        raise line_error(
            line,
            "give only one of unit_price, price (a price-list reference) or quotes",
            "keep the one the estimate rests on",
            field="unit_price",
        )
    quantity = line.quantity
    if line.unit_price is not None:
        with exact():
            amount = quantity * line.unit_price
        trace = UnitPriceTrace(quantity=quantity, unit_price=line.unit_price)
        return Computed(amount, trace, quantity=quantity, unit_price=line.unit_price)
    if line.price is not None:
        return _price_list(ctx, line, quantity)
    if line.quotes:
        return _pick(line, quantity)
    raise line_error(
        line,
        f"method {line.method!r} needs a unit price",
        "give unit_price, price: {list, code} or quotes with a pick rule",
        field="unit_price",
    )


def _referenced_file(ctx: Context, line: LineInput, name: str) -> Path:
    """The file a line references, inside the project's folder unless ``allow_outside``."""
    path = Path(name)
    base = ctx.base_dir if ctx.base_dir is not None else Path.cwd()
    if ctx.allow_outside:
        return path if path.is_absolute() else base / path
    outside = path.is_absolute() or ".." in path.parts
    if not outside:
        try:
            (base / path).resolve().relative_to(base.resolve())
        except ValueError:
            outside = True  # a symlink that leads out of the folder
    if outside:
        raise line_error(
            line,
            "the software input must be a file inside the project's folder (no absolute path, "
            "no '..', no symlink out of it)",
            "copy the file next to the project file, or allow it explicitly "
            "(compute_estimate(..., allow_outside=True), --allow-outside)",
            field="software",
        )
    return base / path


def _by_software(ctx: Context, line: LineInput) -> Computed:
    from ictcost.inputs.software import load_software_input  # noqa: PLC0415
    from ictcost.software import compute_software_cost  # noqa: PLC0415

    if line.component != "phan_mem_noi_bo":
        raise line_error(
            line,
            "method 'calculation' is the use-case-point method for internal software",
            "use component phan_mem_noi_bo",
            field="component",
        )
    if line.software is None:
        raise line_error(
            line,
            "method 'calculation' needs a software input",
            "give software: a file (YAML/JSON) or the input inline",
            field="software",
        )
    source: Any = line.software
    input_file = None
    if isinstance(source, str):
        source = _referenced_file(ctx, line, source)
        input_file = line.software  # as the project names it (relative to the project file)
    inp = load_software_input(source)
    # the software input carries its own date (the UCP instrument is chosen by it)
    view = ctx.norms if inp.date == ctx.date else ctx.registry.at(inp.date)
    result = compute_software_cost(inp, norms=view)
    notes = [note("estimate.software_cost", method=result.method, g_pm=result.g_pm)]
    notes.extend(n for n in result.notes if n.code != "software.method")
    trace = SoftwareTrace(software=result, instrument=result.method, input_file=input_file)
    return Computed(result.g_pm, trace, citations=list(result.citations), notes=notes)


def _by_expert(line: LineInput) -> Computed:
    if not line.expert:
        raise line_error(
            line,
            "an expert estimate must be itemised",
            "give expert: [{description, person_days, day_rate}, …]",
            field="expert",
        )
    with exact():
        rows = tuple(ExpertRow(item=e, amount=e.person_days * e.day_rate) for e in line.expert)
        amount = sum((r.amount for r in rows), Decimal(0))
    return Computed(amount, ExpertTrace(items=rows))


def _by_given(line: LineInput) -> Computed:
    assert line.amount is not None
    if not line.basis:
        raise line_error(
            line,
            f"a given amount ({line.method}) needs its basis",
            "add basis: the quotation, contract, certificate or decision it rests on",
            field="basis",
        )
    return Computed(line.amount, GivenTrace(amount=line.amount, document=line.basis))


def _by_rental(ctx: Context, line: LineInput) -> Computed:
    rental = line.rental
    if isinstance(rental, PeriodRental):
        with exact():
            amount = rental.price_per_period * rental.periods
        return Computed(amount, PeriodRentalTrace(rental=rental))
    assert isinstance(rental, AnnuityRental)
    if not ctx.annuity_rental.value:
        raise line_error(
            line,
            "the TT 12/2020 annuity formula belongs to the legacy regime (NĐ 73/2019)",
            "under NĐ 45/2026 or NĐ 224/2026 price the rental by quotation, tender, "
            "appraisal or listed price",
            field="rental",
        )
    with exact():
        r = rental.annual_rate_percent / 100 / rental.periods_per_year
        growth = (1 + r) ** rental.periods
        per_period = (rental.build_cost * r * growth - rental.residual_value * r) / (growth - 1)
        if rental.timing == "beginning":
            per_period = per_period / (1 + r)
        amount = per_period * rental.periods
    trace = AnnuityRentalTrace(rental=rental, rate_per_period=r, per_period=per_period)
    return Computed(amount, trace)


@dataclass
class _FeeBase:
    """The base a fee line is computed on, and how it compares with the derived one."""

    amount: Decimal
    source: Literal["derived", "lines", "amount"]
    derived: DerivedBase | None
    lines: tuple[str, ...]
    left_out: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    notes: list[Note] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return (
            self.derived is not None
            and self.source != "derived"
            and (self.amount != self.derived.amount)
        )


def _fee_base(
    ctx: Context, line: LineInput, spec: FeeSpec, definition: FeeBaseDefinition
) -> _FeeBase:
    derived: DerivedBase | None = None
    notes: list[Note] = []
    try:
        derived = derive_base(ctx, line, definition, part=spec.category)
    except InputError as exc:
        if not spec.overridden:
            raise
        notes.append(note("estimate.fee_base_not_derived", problem=exc.message))
    if spec.base is not None:
        found = _FeeBase(spec.base, "amount", derived, derived.lines if derived else ())
    elif spec.base_lines:
        missing = [i for i in spec.base_lines if i not in ctx.done]
        if missing:
            raise line_error(
                line,
                f"the fee base refers to unknown or later fee lines {missing}",
                "list ids of lines that are not themselves computed from this one",
                field="fee.base_lines",
            )
        amount = sum((ctx.done[i].amount for i in spec.base_lines), Decimal(0))
        found = _FeeBase(amount, "lines", derived, spec.base_lines)
        if derived is not None:
            given, derived_ids = set(spec.base_lines), set(derived.lines)  # no scan per line
            found.left_out = tuple(i for i in derived.lines if i not in given)
            found.added = tuple(i for i in spec.base_lines if i not in derived_ids)
    else:
        assert derived is not None
        if not derived.lines or derived.amount <= 0:
            raise line_error(
                line,
                f"the base of {spec.item} for the {spec.category} part ({definition.label_vi}) "
                "holds no line with an amount in this estimate",
                "add the lines of that part (or state their part:), or drop this fee line",
                field="fee",
            )
        found = _FeeBase(derived.amount, "derived", derived, derived.lines)
        if derived.assumed:
            notes.append(
                note("estimate.fee_part_assumed", lines=derived.assumed, part=spec.category)
            )
    if found.differs and derived is not None:
        notes.insert(
            0,
            note(
                "estimate.fee_base_override" if spec.base_reason else "estimate.fee_base_differs",
                derived=derived.amount,
                used=found.amount,
                difference=found.amount - derived.amount,
                left_out=found.left_out,
                added=found.added,
                reason=spec.base_reason or "",
            ),
        )
    found.notes = notes
    return found


def _by_norm(ctx: Context, line: LineInput) -> Computed:
    spec = line.fee
    if spec is None:
        raise line_error(
            line,
            "method 'norm' needs a fee block",
            "give fee: {item, category} (the base is derived), or an override base_lines/base "
            "with base_reason",
            field="fee",
        )
    definition = check_base_known(ctx, line, spec)
    base = _fee_base(ctx, line, spec, definition)
    derived = base.derived
    meta = ctx.project.project
    rate_base: Decimal | None = None
    if meta.fee_rate_on == "project_total" and derived is not None:
        total = derive_base(ctx, line, definition, part=None).amount
        if total not in (base.amount, 0):
            rate_base = total
    result = compute_fee(
        spec.item,
        category=spec.category,
        form=ctx.profile.fee_form,
        base=base.amount,
        conditions=(*meta.conditions, *spec.conditions),
        norms=ctx.norms,
        rate_base=rate_base,
    )
    trace = FeeTrace(
        fee=result,
        base_lines=base.lines if base.source != "amount" else (),
        base_given=base.source == "amount",
        base_source=base.source,
        base_key=definition.key,
        derived_lines=derived.lines if derived else (),
        derived_base=derived.amount if derived else None,
        override_reason=spec.base_reason,
        left_out=base.left_out,
        added=base.added,
        assumed_parts=derived.assumed if derived and base.source == "derived" else (),
        rate_on=meta.fee_rate_on,
    )
    flags = list(result.flags)
    if base.differs:
        flags.append("base_override" if spec.base_reason else "base_differs")
    return Computed(
        result.amount,
        trace,
        citations=[ctx.citation(c) for c in (*result.citations, *definition.citations)],
        notes=[*base.notes, *result.notes],
        flags=flags,
        rate_percent=result.rate_percent,
    )


def compute_line(ctx: Context, line: LineInput) -> Computed:
    """Compute a line by its method (exact; rounding and VAT are the engine's).

    Args:
        ctx: The estimate's shared context.
        line: The line.

    Returns:
        The exact amount with its typed trace, citations, notes and flags.

    Raises:
        InputError: the line lacks what its method needs (the message names line and field).
    """
    if line.rental is not None:
        return _by_rental(ctx, line)
    if line.method == "norm":
        return _by_norm(ctx, line)
    if line.method == "calculation":
        return _by_software(ctx, line)
    if line.method == "expert":
        return _by_expert(line)
    if line.amount is not None and line.quantity is None:
        return _by_given(line)
    return _by_unit_price(ctx, line)
