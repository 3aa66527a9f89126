"""Compute a project estimate: every line by its method, VAT, statutory totals, contingency.

Legal structure (norms-and-regimes.md §2): under NĐ 73/2019 Điều 19 + TT 04/2020 the components
are xây lắp, thiết bị, quản lý dự án, tư vấn, khác, dự phòng; under NĐ 45/2026 Điều 16 and
NĐ 224/2026 Điều 49 they are trang thiết bị (network included), quản lý dự án, tư vấn, khác, dự
phòng, and for a rental plan thuê dịch vụ, quản lý dự án, tư vấn, khác, dự phòng. Which methods a
component allows comes from the ``cost-methods`` table of the regime; a method outside it is an
error, except a % norm (QĐ 1688) or a use-case-point calculation used where the regime no longer
lists them: those are computed and flagged ``reference_only``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ictcost._internal._input import locate, read_input_file
from ictcost.errors import IctcostError, InputError, NormNotFoundError, Problem
from ictcost.estimate.model import (
    AnnuityRental,
    ContingencyInput,
    LineInput,
    PeriodRental,
    ProjectInput,
)
from ictcost.estimate.result import (
    ComponentTotal,
    ContingencyResult,
    Estimate,
    LineResult,
    PartRow,
)
from ictcost.fees import Form, compute_fee
from ictcost.money import exact, format_vnd, round_vnd, tidy
from ictcost.norms.registry import Citation, CitedValue, NormRegistry
from ictcost.regimes import Regime, regime_on

__all__ = ["GROUPS", "compute_estimate", "load_project"]

GROUPS: dict[str, tuple[tuple[str, str, str, str, tuple[str, ...]], ...]] = {
    "nd73": (
        ("xay_lap", "Chi phí xây lắp", "Installation works", "G_XL", ("xay_lap",)),
        (
            "thiet_bi",
            "Chi phí thiết bị",
            "Equipment",
            "G_TB",
            (
                "thiet_bi",
                "phan_mem_noi_bo",
                "lap_dat_cai_dat",
                "tao_lap_du_lieu",
                "dao_tao",
                "trien_khai_ho_tro",
            ),
        ),
        (
            "quan_ly_du_an",
            "Chi phí quản lý dự án",
            "Project management",
            "G_QLDA",
            ("quan_ly_du_an",),
        ),
        ("tu_van", "Chi phí tư vấn đầu tư", "Investment consultancy", "G_TV", ("tu_van",)),
        ("chi_phi_khac", "Chi phí khác", "Other costs", "G_K", ("chi_phi_khac", "thue_dich_vu")),
    ),
    "new": (
        (
            "trang_thiet_bi",
            "Chi phí trang thiết bị",
            "Equipment (incl. network)",
            "G_TTB",
            (
                "xay_lap",
                "thiet_bi",
                "phan_mem_noi_bo",
                "lap_dat_cai_dat",
                "tao_lap_du_lieu",
                "dao_tao",
                "trien_khai_ho_tro",
            ),
        ),
        (
            "quan_ly_du_an",
            "Chi phí quản lý dự án",
            "Project management",
            "G_QLDA",
            ("quan_ly_du_an",),
        ),
        ("tu_van", "Chi phí tư vấn đầu tư", "Investment consultancy", "G_TV", ("tu_van",)),
        ("chi_phi_khac", "Chi phí khác", "Other costs", "G_K", ("chi_phi_khac", "thue_dich_vu")),
    ),
    "rental": (
        ("thue_dich_vu", "Chi phí thuê dịch vụ", "Service rental", "G_TDV", ("thue_dich_vu",)),
        (
            "quan_ly_du_an",
            "Chi phí quản lý dự án",
            "Project management",
            "G_QLDA",
            ("quan_ly_du_an",),
        ),
        ("tu_van", "Chi phí tư vấn", "Consultancy", "G_TV", ("tu_van",)),
        ("chi_phi_khac", "Chi phí khác", "Other costs", "G_K", ("chi_phi_khac",)),
    ),
}
"""Statutory groups (key, Vietnamese label, English label, symbol, components), in order."""

_EQUIVALENT: dict[str, frozenset[str]] = {
    "norm": frozenset({"norm"}),
    "calculation": frozenset({"calculation"}),
    "quotation": frozenset({"quotation", "market_price"}),
    "market_price": frozenset({"market_price", "quotation"}),
    "tender": frozenset({"tender", "market_price"}),
    "listed_price": frozenset({"listed_price", "market_price"}),
    "expert": frozenset({"expert", "detailed_estimate"}),
    "appraisal": frozenset({"appraisal"}),
    "sector_norm": frozenset({"sector_norm"}),
    "contract_value": frozenset({"contract_value"}),
}
_REFERENCE_OK = {
    ("norm", "quan_ly_du_an"),
    ("norm", "tu_van"),
    ("norm", "chi_phi_khac"),
    ("calculation", "phan_mem_noi_bo"),
}
TT18_SIGNED = dt.date(2024, 12, 30)
"""TT 18/2024/TT-BTTTT was signed on this date (norms-and-regimes.md §0 row 8)."""
_FEE_FORM: dict[str, Form] = {
    "investment_project": "project",
    "ktkt": "ktkt",
    "rental_plan": "project",
    "purchase": "project",
}


def _err(line: LineInput, message: str, hint: str, *, field: str | None = None) -> InputError:
    return InputError(
        f"line {line.id!r} ({line.name}): {message}",
        field=f"lines.{line.id}" + (f".{field}" if field else ""),
        hint=hint,
    )


def _groups_for(
    regime: Regime, form: str
) -> tuple[tuple[str, str, str, str, tuple[str, ...]], ...]:
    if form == "rental_plan" and regime.id != "nd73_2019":
        return GROUPS["rental"]
    return GROUPS["nd73"] if regime.id == "nd73_2019" else GROUPS["new"]


class _Ctx:
    def __init__(
        self, project: ProjectInput, registry: NormRegistry, base_dir: Path | None
    ) -> None:
        self.project = project
        self.registry = registry
        self.base_dir = base_dir
        meta = project.project
        self.regime = regime_on(meta.date, override=meta.regime_override, registry=registry)
        # regime-bound rules are read inside the regime's own period
        self.rule_date = (
            meta.date if not self.regime.overridden else (self.regime.valid_to or meta.date)
        )
        self.groups = _groups_for(self.regime, meta.form)
        self.group_of = {c: g[0] for g in self.groups for c in g[4]}
        self.done: dict[str, LineResult] = {}
        self.lenient = False


def _methods(ctx: _Ctx, line: LineInput) -> tuple[str, tuple[CitedValue, ...]]:
    if line.method == "fixed":
        return "given", ()
    try:
        cell = ctx.registry.get("cost-methods", ctx.rule_date).value(line.component, "methods")
    except NormNotFoundError:
        raise _err(
            line,
            f"the regime {ctx.regime.id} lists no method for component {line.component!r}",
            "use a component of this regime, or method 'fixed' with a basis",
        ) from None
    allowed = cell.value if isinstance(cell.value, tuple) else ()
    if _EQUIVALENT[line.method] & set(allowed):
        return "listed", (cell,)
    if (line.method, line.component) in _REFERENCE_OK:
        return "reference", (cell,)
    if ctx.lenient:
        return "not_allowed", (cell,)
    raise _err(
        line,
        f"method {line.method!r} is not allowed for {line.component} under "
        f"{ctx.regime.id} (allowed: {', '.join(allowed)})",
        "choose one of the allowed methods (cost-methods table), or 'fixed' with a basis",
        field="method",
    )


def _pick(line: LineInput) -> tuple[Decimal, list[PartRow], str]:
    if line.pick is None:
        raise _err(
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
    parts = [
        PartRow(
            label=q.source,
            value=str(q.unit_price),
            detail=" ".join(x for x in (str(q.date or ""), q.reference or "") if x) or None,
        )
        for q in line.quotes
    ]
    return value, parts, f"{line.pick} of {len(prices)} quotation(s)"


def _unit_price(
    ctx: _Ctx, line: LineInput, cites: list[CitedValue]
) -> tuple[Decimal, list[PartRow], str]:
    given = [
        x for x in (line.unit_price is not None, line.price is not None, bool(line.quotes)) if x
    ]
    if len(given) > 1:
        raise _err(
            line,
            "give only one of unit_price, price (a price-list reference) or quotes",
            "keep the one the estimate rests on",
            field="unit_price",
        )
    if line.unit_price is not None:
        return line.unit_price, [], "unit price given"
    if line.price is not None:
        try:
            cell = ctx.registry.get(line.price.list, ctx.project.project.date).value(
                line.price.code, "unit_price"
            )
        except IctcostError as exc:
            raise _err(
                line,
                f"price list lookup failed: {exc.message}",
                exc.hint or "load the price list pack with --pack",
                field="price",
            ) from exc
        cites.append(cell)
        where = "user pack" if not cell.origin.is_shipped else "shipped"
        return (
            cell.number,
            [
                PartRow(
                    label=f"{line.price.list}/{line.price.code}",
                    value=str(cell.value),
                    detail=f"{cell.period} ({where})",
                )
            ],
            f"price list {line.price.list} item {line.price.code}",
        )
    if line.quotes:
        return _pick(line)
    raise _err(
        line,
        f"method {line.method!r} needs a unit price",
        "give unit_price, price: {list, code} or quotes with a pick rule",
        field="unit_price",
    )


def _quantity(line: LineInput) -> Decimal:
    if line.quantity is None:
        raise _err(
            line,
            "a quantity is required for a unit-price line",
            "give quantity (and unit)",
            field="quantity",
        )
    return line.quantity


def _software(
    ctx: _Ctx, line: LineInput
) -> tuple[Decimal, list[PartRow], str, list[Citation], list[str]]:
    from ictcost.software import compute_software_cost, load_software_input  # noqa: PLC0415

    if line.software is None:
        raise _err(
            line,
            "method 'calculation' needs a software input",
            "give software: a file (YAML/JSON) or the input inline",
            field="software",
        )
    source: Any = line.software
    if isinstance(source, str):
        path = Path(source)
        source = path if path.is_absolute() or ctx.base_dir is None else ctx.base_dir / path
    result = compute_software_cost(load_software_input(source), registry=ctx.registry)
    parts = [
        PartRow(
            label=row.symbol,
            value=str(row.amount if row.amount is not None else row.value),
            detail=row.formula,
        )
        for row in result.summary
    ]
    notes = [f"Software cost by {result.method}: G_PM = {format_vnd(result.g_pm)} đ."]
    notes.extend(n for n in result.notes if not n.startswith("Method:"))
    return (
        result.g_pm,
        parts,
        "G_PM of the use-case-point calculation",
        list(result.citations),
        notes,
    )


def _rental(ctx: _Ctx, line: LineInput) -> tuple[Decimal, list[PartRow], str]:
    rental = line.rental
    if isinstance(rental, PeriodRental):
        with exact():
            amount = rental.price_per_period * rental.periods
        return amount, [], f"{rental.price_per_period} đ/{rental.period} × {rental.periods}"
    assert isinstance(rental, AnnuityRental)
    if ctx.regime.id != "nd73_2019":
        raise _err(
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
    parts = [
        PartRow(label="r = N / k", value=str(tidy(r))),
        PartRow(label="Gdv (per period, before VAT)", value=str(tidy(per_period))),
        PartRow(label="n", value=str(rental.periods)),
    ]
    return (
        amount,
        parts,
        (
            "TT 12/2020: Gdv = [Tđ·r·(1+r)ⁿ − S·r] / [(1+r)ⁿ − 1]"
            + (" / (1+r)" if rental.timing == "beginning" else "")
            + "; Gtdv = Gdv × n"
        ),
    )


@dataclass
class _Computed:
    """What a method yields for a line before rounding and VAT."""

    amount: Decimal
    formula: str
    parts: list[PartRow] = field(default_factory=list)
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    rate_percent: Decimal | None = None


def _fee(ctx: _Ctx, line: LineInput) -> _Computed:
    spec = line.fee
    if spec is None:
        raise _err(
            line,
            "method 'norm' needs a fee block",
            "give fee: {item, category, base_lines or base}",
            field="fee",
        )
    if spec.base is not None:
        base = spec.base
    else:
        missing = [i for i in spec.base_lines if i not in ctx.done]
        if missing:
            raise _err(
                line,
                f"the fee base refers to unknown or later fee lines {missing}",
                "list ids of lines that are not themselves computed from this one",
                field="fee.base_lines",
            )
        base = sum((ctx.done[i].amount for i in spec.base_lines), Decimal(0))
    meta = ctx.project.project
    result = compute_fee(
        spec.item,
        category=spec.category,
        form=_FEE_FORM[meta.form],
        base=base,
        on=meta.date,
        conditions=tuple(meta.conditions) + tuple(spec.conditions),
        registry=ctx.registry,
        regime_override=meta.regime_override,
    )
    parts = [
        PartRow(
            label=f"{lk.table_id} ({lk.column})",
            value=f"{lk.interpolation.rate} %",
            detail=f"Gt = {lk.gt} tỷ; Gb = {lk.interpolation.gb}, Ga = "
            f"{lk.interpolation.ga}; Nb = {lk.interpolation.nb}, Na = "
            f"{lk.interpolation.na}; weight {lk.weight}",
        )
        for lk in result.lookups
    ]
    parts += [PartRow(label=f"K {c.column}", value=str(c.value)) for c in result.coefficients]
    formula = f"{format_vnd(base)} × {result.rate_percent} % × K {result.k_product}" + (
        " (minimum applied)" if "minimum_applied" in result.flags else ""
    )
    return _Computed(
        result.amount,
        formula,
        parts,
        citations=[c.to_citation() for c in result.citations],
        notes=list(result.notes),
        flags=list(result.flags),
        rate_percent=result.rate_percent,
    )


def _by_norm(ctx: _Ctx, line: LineInput, _: list[CitedValue]) -> _Computed:
    return _fee(ctx, line)


def _by_calculation(ctx: _Ctx, line: LineInput, _: list[CitedValue]) -> _Computed:
    if line.component != "phan_mem_noi_bo":
        raise _err(
            line,
            "method 'calculation' is the use-case-point method for internal software",
            "use component phan_mem_noi_bo",
            field="component",
        )
    amount, parts, formula, cites, notes = _software(ctx, line)
    return _Computed(amount, formula, parts, citations=cites, notes=notes)


def _by_expert(_ctx: _Ctx, line: LineInput, _: list[CitedValue]) -> _Computed:
    if not line.expert:
        raise _err(
            line,
            "an expert estimate must be itemised",
            "give expert: [{description, person_days, day_rate}, …]",
            field="expert",
        )
    with exact():
        amount = sum((e.person_days * e.day_rate for e in line.expert), Decimal(0))
        parts = [
            PartRow(
                label=e.description,
                value=str(tidy(e.person_days * e.day_rate)),
                detail=f"{e.person_days} person-days × {format_vnd(e.day_rate)} đ",
            )
            for e in line.expert
        ]
    return _Computed(amount, "Σ person-days × day rate", parts)


def _by_amount(_ctx: _Ctx, line: LineInput, _: list[CitedValue]) -> _Computed:
    assert line.amount is not None
    if not line.basis:
        raise _err(
            line,
            f"a given amount ({line.method}) needs its basis",
            "add basis: the quotation, contract, certificate or decision it rests on",
            field="basis",
        )
    return _Computed(line.amount, f"amount given ({line.basis})")


def _by_unit_price(ctx: _Ctx, line: LineInput, cites: list[CitedValue]) -> _Computed:
    quantity = _quantity(line)
    unit_price, parts, how = _unit_price(ctx, line, cites)
    with exact():
        amount = quantity * unit_price
    return _Computed(
        amount,
        f"{tidy(quantity)} × {tidy(unit_price)} ({how})",
        parts,
        quantity=quantity,
        unit_price=unit_price,
    )


def _by_rental(ctx: _Ctx, line: LineInput, _: list[CitedValue]) -> _Computed:
    amount, parts, formula = _rental(ctx, line)
    return _Computed(amount, formula, parts)


def _compute(ctx: _Ctx, line: LineInput, cites: list[CitedValue]) -> _Computed:
    if line.rental is not None:
        return _by_rental(ctx, line, cites)
    if line.method == "norm":
        return _by_norm(ctx, line, cites)
    if line.method == "calculation":
        return _by_calculation(ctx, line, cites)
    if line.method == "expert":
        return _by_expert(ctx, line, cites)
    if line.amount is not None and line.quantity is None:
        return _by_amount(ctx, line, cites)
    return _by_unit_price(ctx, line, cites)


def _line(ctx: _Ctx, line: LineInput) -> LineResult:
    if line.component not in ctx.group_of:
        raise _err(
            line,
            f"component {line.component!r} is not part of a "
            f"{ctx.project.project.form} under {ctx.regime.id}",
            f"components of this form: {', '.join(sorted(ctx.group_of))}",
            field="component",
        )
    status, method_cites = _methods(ctx, line)
    cites: list[CitedValue] = list(method_cites)
    done = _compute(ctx, line, cites)
    flags = list(done.flags)
    notes = list(done.notes)
    if status == "reference":
        if "reference_only" not in flags:
            flags.insert(0, "reference_only")
        notes.insert(
            0,
            f"NĐ {ctx.regime.decree} does not list {line.method!r} for "
            f"{line.component}: the figure is a reference estimate beside the "
            "listed methods.",
        )
    if status == "given":
        flags.append("fixed")
    amount = round_vnd(done.amount)
    rate, treatment, vat_cites = _vat(ctx, line)
    cites += vat_cites
    disputed = [c for c in cites if c.confidence == "disputed"]
    if disputed and "disputed_value" not in flags:
        flags.append("disputed_value")
    notes.extend(
        f"{c.ref} is disputed between sources; the default value ({c.value}) was used."
        for c in disputed
    )
    vat = round_vnd(amount * rate / 100) if rate is not None else Decimal(0)
    return LineResult(
        id=line.id,
        component=line.component,
        group=ctx.group_of[line.component],
        name=line.name,
        method=line.method,
        method_status=status,
        unit=line.unit,
        quantity=done.quantity,
        unit_price=tidy(done.unit_price) if done.unit_price is not None else None,
        amount=amount,
        vat_category=line.vat,
        vat_rate=rate,
        vat_treatment=treatment,
        vat=vat,
        total=amount + vat,
        rate_percent=done.rate_percent,
        formula=done.formula,
        parts=tuple(done.parts),
        basis=line.basis,
        flags=tuple(flags),
        notes=tuple(notes),
        citations=tuple(c.to_citation() for c in cites) + tuple(done.citations),
    )


def _vat(ctx: _Ctx, line: LineInput) -> tuple[Decimal | None, str, list[CitedValue]]:
    if line.vat == "not_applicable":
        if line.vat_rate is not None:
            raise _err(
                line,
                "vat_rate is given for a line outside VAT",
                "drop vat_rate, or give a VAT category",
                field="vat_rate",
            )
        return None, "not_applicable", []
    if line.vat_rate is not None:
        return line.vat_rate, "taxable", []
    try:
        table = ctx.registry.get("vat-rates", ctx.project.project.date)
    except NormNotFoundError as exc:
        raise _err(
            line,
            f"no VAT rates are encoded for {ctx.project.project.date}",
            "give vat_rate explicitly for this line",
            field="vat",
        ) from exc
    row = table.version.row(line.vat)
    if row is None:
        known = ", ".join(r.name for r in table.rows())
        raise _err(
            line,
            f"unknown VAT category {line.vat!r} on {ctx.project.project.date}",
            f"categories: {known}, or not_applicable; or give vat_rate",
            field="vat",
        )
    if "rate" in row.values:
        cell = table.value(line.vat, "rate")
        return cell.number, "taxable", [cell]
    cell = table.value(line.vat, "treatment")
    return None, str(cell.value), [cell]


def _contingency(
    ctx: _Ctx, spec: ContingencyInput | None, components: list[ComponentTotal]
) -> ContingencyResult | None:
    """Contingency by the rule of the regime (``contingency`` table), every parameter explicit."""
    if spec is None:
        return None
    meta = ctx.project.project
    row_key = {
        "investment_project": "project",
        "purchase": "project",
        "ktkt": "ktkt",
        "rental_plan": "rental_plan",
    }[meta.form]
    try:
        table = ctx.registry.get("contingency", ctx.rule_date)
    except NormNotFoundError as exc:
        raise InputError(
            f"no contingency rule is encoded for {ctx.rule_date}",
            field="contingency",
            hint="omit the block and add a 'fixed' line with its basis",
        ) from exc
    if table.version.row(row_key) is None:
        raise InputError(
            f"no contingency rule is encoded for a {meta.form} under {ctx.regime.id}",
            field="contingency",
            hint="omit the contingency block and add a 'fixed' line with its basis",
        )
    cites = [table.value(row_key, "parts"), table.value(row_key, "escalation")]
    cap = None
    if table.has(row_key, "max_rate") and table.value(row_key, "max_rate").value is not None:
        cites.append(table.value(row_key, "max_rate"))
        cap = cites[-1].number
    base = sum(((c.total if spec.on == "after_vat" else c.amount) for c in components), Decimal(0))
    rule = str(cites[0].value)
    if rule == "single_coefficient":
        return _single_coefficient(ctx, spec, base, cap, cites)
    return _two_parts(ctx, spec, base, rule, cites)


def _single_coefficient(
    ctx: _Ctx, spec: ContingencyInput, base: Decimal, cap: Decimal | None, cites: list[CitedValue]
) -> ContingencyResult:
    if (
        spec.rate_percent is None
        or spec.volume_percent is not None
        or spec.escalation
        or spec.escalation_amount is not None
    ):
        raise InputError(
            "under TT 04/2020 contingency is one coefficient Kps that includes "
            "escalation: give rate_percent only",
            field="contingency",
            hint="e.g. contingency: {on: after_vat, rate_percent: 5}",
        )
    if cap is not None and spec.rate_percent > cap:
        raise InputError(
            f"contingency rate {spec.rate_percent} % is above the cap of {cap} % "
            f"for a {ctx.project.project.form} ({cites[-1].instrument})",
            field="contingency.rate_percent",
            hint=f"use at most {cap} %",
        )
    total = round_vnd(base * spec.rate_percent / 100)
    notes = []
    if ctx.project.project.date > TT18_SIGNED:
        notes.append(
            "The Kps cap rests on TT 04/2020/TT-BTTTT; TT 18/2024/TT-BTTTT (signed 30/12/2024) "
            "probably superseded it and its contingency rule was not read."
        )
    return ContingencyResult(
        notes=tuple(notes),
        rule="single_coefficient",
        on=spec.on,
        base=base,
        rate_percent=spec.rate_percent,
        cap_percent=cap,
        volume_amount=total,
        total=total,
        formula=f"{format_vnd(base)} × Kps {spec.rate_percent} %",
        citations=tuple(c.to_citation() for c in cites),
    )


def _two_parts(
    ctx: _Ctx, spec: ContingencyInput, base: Decimal, rule: str, cites: list[CitedValue]
) -> ContingencyResult:
    if spec.rate_percent is not None:
        raise InputError(
            f"under NĐ {ctx.regime.decree} contingency has separate parts: give "
            "volume_percent (and the escalation), not rate_percent",
            field="contingency.rate_percent",
            hint="e.g. {on: after_vat, volume_percent: 5, escalation: [...]}",
        )
    if spec.volume_percent is None:
        raise InputError(
            "the extra-volume part needs volume_percent (no % is fixed by the "
            "decree, so it is an explicit input)",
            field="contingency.volume_percent",
            hint="give the percentage the estimate uses",
        )
    no_escalation = rule == "quantity_and_provisional"
    if no_escalation and (spec.escalation or spec.escalation_amount is not None):
        raise InputError(
            "a rental plan's contingency has no price-escalation part (NĐ 224/2026 Điều 67 k2 h)",
            field="contingency.escalation",
            hint="remove escalation and escalation_amount",
        )
    if not no_escalation and not spec.escalation and spec.escalation_amount is None:
        raise InputError(
            "the price-escalation part needs a schedule or an amount (it may be 0)",
            field="contingency.escalation",
            hint="give escalation: [{year, share_percent, index_percent}, …] or "
            "escalation_amount with its basis",
        )
    volume = round_vnd(base * spec.volume_percent / 100)
    notes: list[str] = []
    escalation = spec.escalation_amount or Decimal(0)
    if spec.escalation:
        escalation = _escalation(spec, base + volume)
        notes.append(
            "Escalation = Σ (base + volume part) × share × ((1 + index)^year − 1), the "
            "construction-practice formula; the decree fixes none (inferred)."
        )
    return ContingencyResult(
        rule=rule,
        on=spec.on,
        base=base,
        volume_percent=spec.volume_percent,
        volume_amount=volume,
        escalation_amount=escalation,
        total=volume + escalation,
        formula=f"{format_vnd(base)} × {spec.volume_percent} % + "
        f"escalation {format_vnd(escalation)}",
        notes=tuple(notes),
        citations=tuple(c.to_citation() for c in cites),
    )


def _escalation(spec: ContingencyInput, base: Decimal) -> Decimal:
    shares = sum((y.share_percent for y in spec.escalation), Decimal(0))
    if shares != 100:
        raise InputError(
            f"the escalation schedule's shares add up to {shares} %, not 100 %",
            field="contingency.escalation",
            hint="the shares are the disbursement of the cost by year",
        )
    with exact():
        total = sum(
            (
                base * y.share_percent / 100 * ((1 + y.index_percent / 100) ** y.year - 1)
                for y in spec.escalation
            ),
            Decimal(0),
        )
    return round_vnd(total)


def compute_estimate(
    project: ProjectInput,
    *,
    registry: NormRegistry | None = None,
    base_dir: Path | None = None,
    lenient_methods: bool = False,
) -> Estimate:
    """Compute an estimate: every line, VAT, the statutory totals and the contingency.

    Args:
        project: The validated project (see :func:`load_project`).
        registry: The registry (the shipped one, or one with user packs such as price lists).
        base_dir: The folder relative paths in the project (software inputs) are read from.
        lenient_methods: Compute lines whose method the regime does not allow instead of raising
            (their ``method_status`` is ``not_allowed``); the appraisal checks use this.

    Returns:
        The estimate, with every line's method, formula, citations and notes.

    Raises:
        InputError: a line cannot be computed (the message names the line and the field).
        RegimeError: the date is before every regime.
    """
    reg = registry or NormRegistry.shipped()
    ctx = _Ctx(project, reg, base_dir)
    ctx.lenient = lenient_methods
    pending = list(project.lines)
    order = [ln for ln in pending if ln.method != "norm"] + [
        ln for ln in pending if ln.method == "norm"
    ]
    for line in order:
        ctx.done[line.id] = _line(ctx, line)
    lines = [ctx.done[ln.id] for ln in project.lines]
    components = []
    for key, vi, en, symbol, _ in ctx.groups:
        members = [ln for ln in lines if ln.group == key]
        amount = sum((ln.amount for ln in members), Decimal(0))
        vat = sum((ln.vat for ln in members), Decimal(0))
        components.append(
            ComponentTotal(
                key=key,
                label_vi=vi,
                label_en=en,
                symbol=symbol,
                amount=amount,
                vat=vat,
                total=amount + vat,
                line_ids=tuple(ln.id for ln in members),
            )
        )
    contingency = _contingency(ctx, project.contingency, components)
    amount = sum((c.amount for c in components), Decimal(0))
    vat = sum((c.vat for c in components), Decimal(0))
    before = amount + vat
    total = before + (contingency.total if contingency else Decimal(0))
    flags = sorted({f for ln in lines for f in ln.flags})
    notes = []
    if ctx.regime.overridden:
        flags.append("transitional_override")
        notes.append(
            f"Regime {ctx.regime.id} applied by transitional override "
            f"({ctx.regime.in_force_id} is in force on {project.project.date})."
        )
    if project.contingency is None:
        notes.append("No contingency was given.")
    from ictcost.words import amount_in_words  # noqa: PLC0415

    meta = project.project
    return Estimate(
        name=meta.name,
        owner=meta.owner,
        preparer=meta.preparer,
        date=meta.date,
        form=meta.form,
        kind=meta.kind,
        regime=ctx.regime.id,
        regime_in_force=ctx.regime.in_force_id,
        regime_description=ctx.regime.describe(),
        lines=tuple(lines),
        components=tuple(components),
        contingency=contingency,
        amount=amount,
        vat=vat,
        total_before_contingency=before,
        total=total,
        total_in_words=amount_in_words(total),
        flags=tuple(flags),
        notes=tuple(notes),
    )


def _line_ids(data: object) -> dict[int, str]:
    lines = data.get("lines") if isinstance(data, Mapping) else None
    if not isinstance(lines, list):
        return {}
    return {i: str(ln.get("id")) for i, ln in enumerate(lines) if isinstance(ln, Mapping)}


def _validate(
    data: object,
    file: str | None = None,
    marks: Mapping[tuple[str | int, ...], tuple[int, int]] | None = None,
) -> ProjectInput:
    try:
        return ProjectInput.model_validate(data)
    except ValidationError as exc:
        ids = _line_ids(data)
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
            path = ""
            for i, part in enumerate(loc):
                if isinstance(part, int):
                    label = f"[{part}]"
                    if i > 0 and loc[i - 1] == "lines" and part in ids:
                        label = f"[{part}: {ids[part]}]"
                    path += label
                elif not str(part).startswith(("function-", "[")) and part not in {
                    "PeriodRental",
                    "AnnuityRental",
                    "str",
                    "dict[str,any]",
                    "decimal",
                }:
                    path += f".{part}" if path else str(part)
            line, col = locate(marks, tuple(err["loc"]))
            got = err.get("input")
            problems.append(
                Problem(
                    err["msg"].removeprefix("Value error, "),
                    file,
                    line,
                    col,
                    path,
                    None if isinstance(got, (dict, list)) else repr(got),
                )
            )
        raise InputError(
            f"{file or 'project input'}: {len(problems)} problem(s) in the project",
            problems=tuple(problems),
            field=problems[0].path if problems else None,
            hint="correct each field listed; docs/concepts/estimate.md documents the input",
        ) from None


def load_project(source: Path | str | Mapping[str, Any]) -> ProjectInput:
    """Read a project from a YAML/JSON file or a dict.

    Args:
        source: The file, or a dict of the same shape.

    Returns:
        The validated project.

    Raises:
        InputError: the file cannot be read or a field is wrong (each problem names its line and
            field and, for YAML, its ``file:line:column``).
    """
    if isinstance(source, Mapping):
        return _validate(dict(source))
    path = Path(source)
    data, marks = read_input_file(path)
    return _validate(data, str(path), marks)
