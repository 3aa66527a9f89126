"""The checks of packages, contracts, payments and the settlement against what was approved.

Registered with the other stage rules (:mod:`ictcost.stages.rules` imports this module).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ictcost.checks.procurement import package_price
from ictcost.checks.rules import Hit, dossier_rule
from ictcost.estimate import Package
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import CitedValue
from ictcost.notes import NoteParam
from ictcost.report.messages.stages import basis
from ictcost.stages.context import DossierContext
from ictcost.stages.model import Contract, Payment
from ictcost.stages.thresholds import number_threshold

__all__ = ["GUARANTEE_ROW", "advance_limit", "advances_of", "guarantee_unchecked"]


# --- packages and contracts --------------------------------------------------------------------


@dossier_rule(
    "STAGE-PACKAGE-PRICE",
    severity="error",
    basis=basis("STAGE-PACKAGE-PRICE"),
    cases=("above_estimate", "line_twice"),
)
def _package_price_rule(ctx: DossierContext) -> Iterator[Hit]:
    """A package is priced above the estimate of the lines it covers, or a line is in two packages.

    The estimate of a package's lines is their after-VAT total in the recomputed approved estimate
    plus their share of its contingency (the recomputed contingency × the lines ÷ the total before
    contingency), exactly as the procurement checks price a package of an estimate. A package
    priced above it (by more than ``amount_tolerance``) was not priced from the approved estimate.
    A line covered by two packages is bought twice.
    """
    if ctx.estimate is None or ctx.estimate.estimate is None:
        return
    seen: dict[str, str] = {}
    for p in ctx.packages.values():
        for line in p.lines:
            if line in seen:
                yield Hit(
                    {"item": line, "first": seen[line], "second": p.id},
                    case="line_twice",
                    line=line,
                )
            seen.setdefault(line, p.id)
        if not p.lines:
            continue
        pkg = Package(id=p.id, kind=p.kind, selection=p.selection, lines=p.lines)
        est = package_price(ctx.estimate, pkg)
        price = ctx.package_price(p.id)
        if ctx.over(price, est.value):
            yield Hit(
                {
                    "package": p.id,
                    "price": price,
                    "estimate": est.value,
                    "lines": est.lines,
                    "contingency": est.contingency,
                },
                case="above_estimate",
                field=f"selection_plan.{p.id}.price",
                amount=price - est.value,
            )


@dossier_rule(
    "STAGE-CONTRACT-PRICE",
    severity="error",
    basis=basis("STAGE-CONTRACT-PRICE"),
    cases=("no_package", "above_package", "above_winning_price"),
)
def _contract_price(ctx: DossierContext) -> Iterator[Hit]:
    """A contract is above its package price or its winning price, or has no planned package.

    The package price is the selection plan's, as adjusted by an adjustment of the package
    (``stage: selection_plan, target: <package>``) dated on or before the signing; the contract
    value is the signed value (its own adjustments are compared by STAGE-PAYMENT and
    STAGE-SETTLEMENT).
    """
    for c in ctx.dossier.contracts:
        if c.package not in ctx.packages:
            yield Hit(
                {"contract": c.id, "package": c.package},
                case="no_package",
                field=f"contracts.{c.id}.package",
            )
            continue
        price, by = ctx.ceiling(
            "selection_plan", ctx.packages[c.package].price, c.signed, c.package
        )
        if ctx.over(c.value, price):
            yield Hit(
                {
                    "contract": c.id,
                    "package": c.package,
                    "value": c.value,
                    "price": price,
                    "adjusted_by": by,
                },
                case="above_package",
                field=f"contracts.{c.id}.value",
                amount=c.value - price,
            )
        if c.winning_price is not None and ctx.over(c.value, c.winning_price):
            yield Hit(
                {"contract": c.id, "value": c.value, "winning_price": c.winning_price},
                case="above_winning_price",
                field=f"contracts.{c.id}.value",
                amount=c.value - c.winning_price,
            )


@dossier_rule(
    "STAGE-CONTRACT-TYPE",
    severity="warning",
    basis=basis("STAGE-CONTRACT-TYPE"),
)
def _contract_type(ctx: DossierContext) -> Iterator[Hit]:
    """A contract's type differs from the type the selection plan approved for its package.

    A lump-sum package signed as a unit-price contract moves the quantity risk to the owner (and
    the reverse); the selection plan should have been adjusted first.
    """
    for c in ctx.dossier.contracts:
        p = ctx.packages.get(c.package)
        if p is not None and p.contract_type != c.type:
            yield Hit(
                {"contract": c.id, "package": p.id, "planned": p.contract_type, "signed": c.type},
                field=f"contracts.{c.id}.type",
            )


# --- payments and settlement -------------------------------------------------------------------


@dossier_rule(
    "STAGE-PAYMENT",
    severity="error",
    basis=basis("STAGE-PAYMENT"),
    cases=("over_contract", "over_acceptance", "advance_over_limit"),
)
def _payment(ctx: DossierContext) -> Iterator[Hit]:
    """A contract is paid above its value, above the work accepted, or advanced above the limit.

    The cash paid is the advances plus the payments less the advance recovered from them. At each
    payment, the payments made so far (without the advances) may not exceed the value accepted so
    far; the cash paid may never exceed the contract value (as adjusted by an adjustment of the
    contract). The advances' total is compared with the level the contract sets
    (``advance_percent``: NĐ 254/2025 Điều 9 k1 a leaves it to the contract), else with a maximum
    of the norm table ``stage-thresholds`` on the signing date (none is encoded: no decree read sets
    one for these contracts), else with ``StageConfig.advance_max_percent``; without any,
    STAGE-NOT-CHECKED says so.
    """
    for c in ctx.dossier.contracts:
        value = ctx.contract_value(c)
        paid = ctx.paid(c)
        if ctx.over(paid, value):
            yield Hit(
                {"contract": c.id, "paid": paid, "value": value},
                case="over_contract",
                field=f"contracts.{c.id}",
                amount=paid - value,
            )
        for p in ctx.dossier.payments:
            if p.contract != c.id or p.kind != "payment":
                continue
            payments = sum(
                (
                    q.amount
                    for q in ctx.dossier.payments
                    if q.contract == c.id and q.kind == "payment" and q.date <= p.date
                ),
                Decimal(0),
            )
            accepted = ctx.accepted(c, p.date)
            if ctx.over(payments, accepted):
                yield Hit(
                    {
                        "contract": c.id,
                        "date": p.date.isoformat(),
                        "paid": payments,
                        "accepted": accepted,
                    },
                    case="over_acceptance",
                    field=f"payments.{c.id}.{p.date.isoformat()}",
                    amount=payments - accepted,
                )
                break
        yield from _advance(ctx, c, value)


def advance_limit(
    ctx: DossierContext, c: Contract
) -> tuple[Decimal, str, CitedValue | None] | None:
    """The advance level a contract is held to: its own, else a cited maximum, else the user's."""
    if c.advance_percent is not None:
        return c.advance_percent, "contract", None
    limit = number_threshold(ctx.registry, "advance_max_percent", c.signed)
    if limit is not None:
        return limit[0], "norm", limit[1]
    if ctx.stages.advance_max_percent is not None:
        return ctx.stages.advance_max_percent, "config", None
    return None


def _share(value: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of a contract value, in whole đồng (an advance level)."""
    with exact():
        return round_vnd(value * percent / 100)


def _advance(ctx: DossierContext, c: Contract, value: Decimal) -> Iterator[Hit]:
    advances = [p.amount for p in advances_of(ctx, c)]
    found = advance_limit(ctx, c)
    if not advances or found is None:
        return
    percent, source, cell = found
    total = sum(advances, Decimal(0))
    cap = _share(value, percent)
    if ctx.over(total, cap):
        yield Hit(
            {
                "contract": c.id,
                "advance": total,
                "limit": cap,
                "percent": percent,
                "source": source,
            },
            case="advance_over_limit",
            field=f"payments.{c.id}",
            amount=total - cap,
            citations=(cell.to_citation(),) if cell is not None else (),
        )


GUARANTEE_ROW = "advance_guarantee_required_above_vnd"
"""The row of ``stage-thresholds`` above which a contract's advance needs a guarantee."""


def advances_of(ctx: DossierContext, c: Contract) -> list[Payment]:
    """The advances of a contract, by date."""
    return sorted(
        (p for p in ctx.dossier.payments if p.contract == c.id and p.kind == "advance"),
        key=lambda p: p.date,
    )


@dossier_rule(
    "STAGE-ADVANCE-GUARANTEE",
    severity="warning",
    basis=basis("STAGE-ADVANCE-GUARANTEE"),
    cases=("missing", "late"),
)
def _advance_guarantee(ctx: DossierContext) -> Iterator[Hit]:
    """A contract's advance is above the guarantee threshold, with no guarantee, or a late one.

    The contract's advance is the level it sets (``advance_percent`` of its value) when that is
    known, and at least what was advanced so far (the advances added up in date order). From
    the advance at which it goes strictly above the threshold in force on that advance's date
    (``stage-thresholds`` row ``advance_guarantee_required_above_vnd``: NĐ 254/2025 Điều 9 k2,
    above 1 tỷ đồng) — the first advance when the contract's own level is above it — the
    contract needs an advance guarantee: ``missing`` when none is recorded
    (``advance_guarantee``), ``late`` when the guarantee is dated after that advance. A
    project-management consulting contract (service ``project_management``) needs none (k2 b);
    the other exemptions of k2 b (work not done through a contract) are not modelled, so the
    finding is a warning to verify. Where no threshold is encoded for an advance's date (before
    NĐ 254/2025), STAGE-NOT-CHECKED says so.
    """
    for c in ctx.dossier.contracts:
        if _needs_no_guarantee(c):
            continue
        own = c.advance_percent
        level = _share(ctx.contract_value(c), own) if own is not None else None
        paid = Decimal(0)
        for p in advances_of(ctx, c):
            paid += p.amount
            found = number_threshold(ctx.registry, GUARANTEE_ROW, p.date)
            if found is None:
                continue  # STAGE-NOT-CHECKED.advance_guarantee
            above, cell = found
            advance = max(paid, level or Decimal(0))
            if advance <= above:
                continue
            params: dict[str, NoteParam] = {
                "contract": c.id,
                "advance": advance,
                "source": "contract" if level is not None and level >= paid else "paid",
                "threshold": above,
                "date": p.date.isoformat(),
            }
            guarantee = c.advance_guarantee
            if guarantee is not None and guarantee.date > p.date:
                params |= {
                    "guarantee": guarantee.number,
                    "guarantee_date": guarantee.date.isoformat(),
                }
            elif guarantee is not None:
                break
            yield Hit(
                params,
                case="missing" if guarantee is None else "late",
                field=f"contracts.{c.id}.advance_guarantee",
                amount=advance,
                citations=(cell.to_citation(),),
            )
            break


def _needs_no_guarantee(c: Contract) -> bool:
    """A project-management consulting contract: its advance needs no guarantee (k2 b)."""
    return "project_management" in c.services


def guarantee_unchecked(ctx: DossierContext, c: Contract) -> Payment | None:
    """The first advance of a contract on a date with no guarantee threshold encoded, if any.

    A contract whose guarantee is recorded, or a project-management contract, is not reported.
    """
    if c.advance_guarantee is not None or _needs_no_guarantee(c):
        return None
    return next(
        (
            p
            for p in advances_of(ctx, c)
            if number_threshold(ctx.registry, GUARANTEE_ROW, p.date) is None
        ),
        None,
    )


@dossier_rule(
    "STAGE-SETTLEMENT",
    severity="error",
    basis=basis("STAGE-SETTLEMENT"),
    cases=("over_contract", "over_acceptance", "below_paid"),
)
def _settlement(ctx: DossierContext) -> Iterator[Hit]:
    """A contract's settled value is above its value or the work accepted, or below what was paid.

    Above the contract value (as adjusted) or above the accepted value, the settlement approves
    money no earlier stage approved. Below the cash paid, the contractor was overpaid and the
    difference must be recovered.
    """
    s = ctx.dossier.settlement
    if s is None:
        return
    for cid, settled in s.contracts.items():
        c = ctx.dossier.contract(cid)
        value = ctx.contract_value(c)
        accepted = ctx.accepted(c)
        paid = ctx.paid(c)
        if ctx.over(settled, value):
            yield Hit(
                {"contract": cid, "settled": settled, "value": value},
                case="over_contract",
                field=f"settlement.contracts.{cid}",
                amount=settled - value,
            )
        if ctx.over(settled, accepted):
            yield Hit(
                {"contract": cid, "settled": settled, "accepted": accepted},
                case="over_acceptance",
                field=f"settlement.contracts.{cid}",
                amount=settled - accepted,
            )
        if ctx.over(paid, settled):
            yield Hit(
                {"contract": cid, "settled": settled, "paid": paid},
                case="below_paid",
                field=f"settlement.contracts.{cid}",
                amount=paid - settled,
            )
