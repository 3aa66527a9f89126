"""The checks between stages: ceilings, items, packages, contracts, payments, settlement, dates.

Each rule is a function of a :class:`~ictcost.stages.context.DossierContext` registered with
:func:`~ictcost.checks.rules.dossier_rule` under a stable ``STAGE-`` code, its legal basis and its
cases; it yields typed :class:`~ictcost.checks._base.Hit` values, rendered by the one renderer.
The numbers a rule compares with come from the norm table ``stage-thresholds`` on the record's
date where a text was read, and otherwise from :class:`~ictcost.stages.context.StageConfig`
(explicit inputs); ``docs/checks.md`` says which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ictcost.checks.matching import fold, similarity
from ictcost.checks.procurement import package_price
from ictcost.checks.rules import Hit, dossier_rule
from ictcost.estimate import Package
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import CitedValue
from ictcost.report.messages.stages import basis
from ictcost.stages.context import DossierContext, same_party
from ictcost.stages.model import Contract, ContractItem, Decision
from ictcost.stages.thresholds import threshold

__all__: list[str] = []


def _over(value: Decimal, ceiling: Decimal, ctx: DossierContext) -> bool:
    return value - ceiling > ctx.config.amount_tolerance


# --- ceilings ----------------------------------------------------------------------------------


@dossier_rule(
    "STAGE-CEILING",
    severity="error",
    basis=basis("STAGE-CEILING"),
    cases=(
        "approval_over_policy",
        "packages_over_approval",
        "contracts_over_approval",
        "settlement_over_approval",
        "component_over_approval",
    ),
)
def _ceiling(ctx: DossierContext) -> Iterator[Hit]:
    """A stage's value is above the ceiling an earlier stage approved, with no adjustment recorded.

    The approved total (tổng mức đầu tư) above the policy decision's preliminary total; the sum
    of the selection plan's package prices, the sum of the contract values or the settled total
    above the approved total; a component's settled value above the approved value of that
    component. An adjustment decision of the earlier stage (``adjustments: [{stage: approval,
    total: …, decision: …}]``) dated on or before the later record raises its ceiling; the
    finding names the decision it used.
    """
    d = ctx.dossier
    if d.policy is not None and d.approval is not None:
        ceiling, by = ctx.ceiling("policy", d.policy.total, d.approval.decision.date)
        if _over(d.approval.total, ceiling, ctx):
            yield _ceiling_hit(
                "approval_over_policy", d.approval.total, ceiling, by, "approval.total"
            )
    if d.approval is None:
        return
    approved = d.approval.total
    if d.selection_plan is not None:
        on = d.selection_plan.decision.date
        ceiling, by = ctx.ceiling("approval", approved, on)
        total = sum((_package_price(ctx, p.id) for p in d.selection_plan.packages), Decimal(0))
        if _over(total, ceiling, ctx):
            yield _ceiling_hit("packages_over_approval", total, ceiling, by, "selection_plan")
    if d.contracts:
        ceiling, by = ctx.ceiling("approval", approved, max(c.signed for c in d.contracts))
        total = sum((_contract_value(ctx, c) for c in d.contracts), Decimal(0))
        if _over(total, ceiling, ctx):
            yield _ceiling_hit("contracts_over_approval", total, ceiling, by, "contracts")
    if d.settlement is not None:
        yield from _settlement_ceilings(ctx, approved)


def _settlement_ceilings(ctx: DossierContext, approved: Decimal) -> Iterator[Hit]:
    d = ctx.dossier
    assert d.settlement is not None
    assert d.approval is not None
    on = d.settlement.decision.date
    ceiling, by = ctx.ceiling("approval", approved, on)
    if _over(d.settlement.total, ceiling, ctx):
        yield _ceiling_hit(
            "settlement_over_approval", d.settlement.total, ceiling, by, "settlement.total"
        )
    components = dict(d.approval.components)
    for adj in d.adjustments_of("approval"):
        if adj.decision.date <= on:
            components |= adj.components
    for key, value in d.settlement.components.items():
        approved_part = components.get(key)
        if approved_part is not None and _over(value, approved_part, ctx):
            hit = _ceiling_hit(
                "component_over_approval",
                value,
                approved_part,
                None,
                f"settlement.components.{key}",
            )
            yield Hit(
                {**hit.params, "component": key}, case=hit.case, field=hit.field, amount=hit.amount
            )


def _ceiling_hit(case: str, value: Decimal, ceiling: Decimal, by: str | None, where: str) -> Hit:
    return Hit(
        {"value": value, "ceiling": ceiling, "adjusted_by": by, "excess": value - ceiling},
        case=case,
        field=where,
        amount=value - ceiling,
    )


@dossier_rule(
    "STAGE-PLAN-BUDGET",
    severity="warning",
    basis=basis("STAGE-PLAN-BUDGET"),
)
def _plan_budget(ctx: DossierContext) -> Iterator[Hit]:
    """The investment policy (or, without one, the approved total) is above the plan's budget.

    The plan's figure is indicative, so this is a warning: the plan should have been updated, or
    the project's scope grew after the plan was approved.
    """
    d = ctx.dossier
    if d.plan is None:
        return
    later = d.policy.total if d.policy is not None else d.approval.total if d.approval else None
    stage = "policy" if d.policy is not None else "approval"
    if later is not None and _over(later, d.plan.budget, ctx):
        yield Hit(
            {"stage": stage, "value": later, "budget": d.plan.budget},
            field=f"{stage}.total",
            amount=later - d.plan.budget,
        )


@dossier_rule(
    "STAGE-APPROVED-TOTAL",
    severity="warning",
    basis=basis("STAGE-APPROVED-TOTAL"),
)
def _approved_total(ctx: DossierContext) -> Iterator[Hit]:
    """The approved total differs from the recomputed total of the estimate the approval names.

    The approval names its estimate (``approval.estimate``: an ictcost project file); ictcost
    recomputes it with the norms in force on its date. A difference means the decision approved
    another figure than its own estimate (or the estimate file is not the approved one). The
    estimate's own findings (``ictcost check`` of it) come with the dossier's.
    """
    d = ctx.dossier
    e = ctx.estimate.estimate if ctx.estimate is not None else None
    if d.approval is None or e is None:
        return
    if abs(d.approval.total - e.total) > ctx.config.amount_tolerance:
        yield Hit(
            {"approved": d.approval.total, "recomputed": e.total},
            field="approval.total",
            amount=d.approval.total - e.total,
        )


# --- items -------------------------------------------------------------------------------------


def _known(ctx: DossierContext, item: ContractItem, lines: list[str]) -> bool:
    """An item is approved when it names an approved line, or its name is one's, or an adjustment adds it."""
    if item.line is not None:
        return item.line in ctx.lines or item.line in ctx.added
    if fold(item.name) in ctx.added:
        return True
    names = [ctx.lines[i].name for i in lines if i in ctx.lines] or [
        ln.name for ln in ctx.lines.values()
    ]
    return any(similarity(item.name, n) >= ctx.config.name_similarity for n in names)


@dossier_rule(
    "STAGE-ITEM-ADDED",
    severity="error",
    basis=basis("STAGE-ITEM-ADDED"),
    cases=("package", "contract", "acceptance", "settlement"),
)
def _item_added(ctx: DossierContext) -> Iterator[Hit]:
    """An item appears at a later stage that no approved stage contains.

    A package covers a line id the approved estimate does not have; a contract, an acceptance
    record or the settlement lists an item that names no approved line, whose name matches no
    approved line (similarity from ``name_similarity``), and that no adjustment decision adds.
    Runs only when the approval names its estimate (the approved items are its lines).
    """
    d = ctx.dossier
    if ctx.estimate is None:
        return
    for p in ctx.packages.values():
        for line in p.lines:
            if line not in ctx.lines and line not in ctx.added:
                yield Hit(
                    {"item": line, "where": p.id},
                    case="package",
                    line=line,
                    field=f"selection_plan.{p.id}",
                )
    listed: list[tuple[str, str, tuple[ContractItem, ...], list[str]]] = [
        ("contract", c.id, c.items, list(_lines_of(ctx, c.package))) for c in d.contracts
    ]
    listed += [("acceptance", a.contract, a.items, []) for a in d.acceptances]
    if d.settlement is not None:
        listed.append(("settlement", "settlement", d.settlement.items, []))
    for case, where, items, covered in listed:
        for item in items:
            if not _known(ctx, item, covered):
                yield _item_hit(case, item, where)


def _lines_of(ctx: DossierContext, package_id: str) -> tuple[str, ...]:
    p = ctx.packages.get(package_id)
    return p.lines if p is not None else ()


def _item_hit(case: str, item: ContractItem, where: str) -> Hit:
    return Hit(
        {"item": item.name, "where": where},
        case=case,
        line=item.line,
        field=where,
        amount=item.amount,
    )


@dossier_rule(
    "STAGE-ITEM-DROPPED",
    severity="warning",
    basis=basis("STAGE-ITEM-DROPPED"),
    cases=("not_planned", "not_contracted", "not_settled"),
)
def _item_dropped(ctx: DossierContext) -> Iterator[Hit]:
    """An approved item is missing from a later stage, with no adjustment dropping it.

    A line of the approved estimate of a bought component (``procured_components``) is in no
    package of the selection plan; a package has no contract once the settlement is recorded; a
    contract has no settled value when the settlement lists contracts.
    """
    d = ctx.dossier
    if d.selection_plan is not None and ctx.estimate is not None:
        planned = {line for p in ctx.packages.values() for line in p.lines}
        for ln in ctx.lines.values():
            bought = ln.component in ctx.stages.procured_components
            if bought and ln.id not in planned and ln.id not in ctx.dropped:
                yield Hit({"item": ln.id, "name": ln.name}, case="not_planned", line=ln.id)
    if d.settlement is None:
        return
    for p in ctx.packages.values():
        if not ctx.contracts_of(p.id) and p.id not in ctx.dropped:
            yield Hit(
                {"item": p.id, "name": p.name},
                case="not_contracted",
                field=f"selection_plan.{p.id}",
            )
    if d.settlement.contracts:
        for c in d.contracts:
            if c.id not in d.settlement.contracts:
                yield Hit(
                    {"item": c.id, "name": c.contractor.name},
                    case="not_settled",
                    field=f"contracts.{c.id}",
                )


# --- packages and contracts --------------------------------------------------------------------


def _package_price(ctx: DossierContext, package_id: str) -> Decimal:
    """The package price as adjusted (the plan's price, or the latest adjustment of the package)."""
    p = ctx.packages[package_id]
    return ctx.ceiling("selection_plan", p.price, None, p.id)[0]


def _contract_value(ctx: DossierContext, c: Contract) -> Decimal:
    return ctx.ceiling("contract", c.value, None, c.id)[0]


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
        price = _package_price(ctx, p.id)
        if _over(price, est.value, ctx):
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
        if _over(c.value, price, ctx):
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
        if c.winning_price is not None and _over(c.value, c.winning_price, ctx):
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


def _paid(ctx: DossierContext, c: Contract, until: dt.date | None = None) -> Decimal:
    """Cash paid on a contract (advances + payments − advance recovered), up to a date."""
    total = Decimal(0)
    for p in ctx.dossier.payments:
        if p.contract == c.id and (until is None or p.date <= until):
            total += p.amount - p.recovered
    return total


def _accepted(ctx: DossierContext, c: Contract, until: dt.date | None = None) -> Decimal:
    return sum(
        (
            a.value
            for a in ctx.dossier.acceptances
            if a.contract == c.id and (until is None or a.date <= until)
        ),
        Decimal(0),
    )


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
        value = _contract_value(ctx, c)
        paid = _paid(ctx, c)
        if _over(paid, value, ctx):
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
            accepted = _accepted(ctx, c, p.date)
            if _over(payments, accepted, ctx):
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


def _advance_limit(
    ctx: DossierContext, c: Contract
) -> tuple[Decimal, str, CitedValue | None] | None:
    """The advance level a contract is held to: its own, else a cited maximum, else the user's."""
    if c.advance_percent is not None:
        return c.advance_percent, "contract", None
    limit = threshold(ctx.registry, "advance_max_percent", c.signed)
    if limit is not None and isinstance(limit.value, Decimal):
        return limit.value, "norm", limit
    if ctx.stages.advance_max_percent is not None:
        return ctx.stages.advance_max_percent, "config", None
    return None


def _advance(ctx: DossierContext, c: Contract, value: Decimal) -> Iterator[Hit]:
    advances = [
        p.amount for p in ctx.dossier.payments if p.contract == c.id and p.kind == "advance"
    ]
    found = _advance_limit(ctx, c)
    if not advances or found is None:
        return
    percent, source, cell = found
    total = sum(advances, Decimal(0))
    with exact():
        cap = round_vnd(value * percent / 100)
    if _over(total, cap, ctx):
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
        value = _contract_value(ctx, c)
        accepted = _accepted(ctx, c)
        paid = _paid(ctx, c)
        if _over(settled, value, ctx):
            yield Hit(
                {"contract": cid, "settled": settled, "value": value},
                case="over_contract",
                field=f"settlement.contracts.{cid}",
                amount=settled - value,
            )
        if _over(settled, accepted, ctx):
            yield Hit(
                {"contract": cid, "settled": settled, "accepted": accepted},
                case="over_acceptance",
                field=f"settlement.contracts.{cid}",
                amount=settled - accepted,
            )
        if _over(paid, settled, ctx):
            yield Hit(
                {"contract": cid, "settled": settled, "paid": paid},
                case="below_paid",
                field=f"settlement.contracts.{cid}",
                amount=paid - settled,
            )


# --- dates -------------------------------------------------------------------------------------


@dossier_rule(
    "STAGE-DATES",
    severity="error",
    basis=basis("STAGE-DATES"),
    cases=(
        "approval_before_policy",
        "plan_before_approval",
        "contract_before_approval",
        "contract_before_plan",
        "contract_before_result",
        "acceptance_before_contract",
        "payment_before_contract",
        "payment_before_acceptance",
        "settlement_before_acceptance",
    ),
)
def _dates(ctx: DossierContext) -> Iterator[Hit]:
    """Two records are dated out of their legal order.

    The approval before the policy decision; a package in a selection plan dated before the
    approval that is not marked ``ahead`` (a package to be done before the approval); a contract
    signed before the project's approval, before its selection plan or before the decision
    approving its selection result; an acceptance or a payment before the contract is signed; a payment (not an advance)
    before any acceptance of the contract; the settlement before the contract's final acceptance.
    """
    d = ctx.dossier
    policy, approval = d.policy, d.approval
    if (
        policy is not None
        and approval is not None
        and approval.decision.date < policy.decision.date
    ):
        yield _order("approval_before_policy", policy.decision, approval.decision, "approval")
    plan = d.selection_plan
    if plan is not None and approval is not None and plan.decision.date < approval.decision.date:
        for p in plan.packages:
            if not p.ahead:
                hit = _order(
                    "plan_before_approval", approval.decision, plan.decision, "selection_plan"
                )
                yield Hit({**hit.params, "package": p.id}, case=hit.case, field=hit.field)
    for c in d.contracts:
        yield from _contract_dates(ctx, c)


def _order(case: str, earlier: Decision, later: Decision, where: str) -> Hit:
    return Hit(
        {
            "earlier": earlier.number,
            "earlier_date": earlier.date.isoformat(),
            "later": later.number,
            "later_date": later.date.isoformat(),
        },
        case=case,
        field=f"{where}.decision.date",
    )


def _contract_dates(ctx: DossierContext, c: Contract) -> Iterator[Hit]:
    d = ctx.dossier
    plan = d.selection_plan
    signed = Decision(number=c.id, date=c.signed)
    where = f"contracts.{c.id}"
    if plan is not None and c.signed < plan.decision.date:
        yield _order("contract_before_plan", plan.decision, signed, where)
    if d.approval is not None and c.signed < d.approval.decision.date:
        yield _order("contract_before_approval", d.approval.decision, signed, where)
    if c.result is not None and c.signed < c.result.date:
        yield _order("contract_before_result", c.result, signed, where)
    for a in d.acceptances:
        if a.contract == c.id and a.date < c.signed:
            yield _order("acceptance_before_contract", signed, a.decision, f"acceptances.{c.id}")
    accepted = sorted(a.date for a in d.acceptances if a.contract == c.id)
    for p in d.payments:
        if p.contract != c.id:
            continue
        if p.date < c.signed:
            yield _order("payment_before_contract", signed, p.decision, f"payments.{c.id}")
        elif p.kind == "payment" and (not accepted or p.date < accepted[0]):
            first = accepted[0].isoformat() if accepted else None
            yield Hit(
                {
                    "earlier": "—",
                    "earlier_date": first,
                    "later": p.decision.number,
                    "later_date": p.date.isoformat(),
                },
                case="payment_before_acceptance",
                field=f"payments.{c.id}",
            )
    finals = [a.date for a in d.acceptances if a.contract == c.id and a.final]
    if d.settlement is not None and finals and d.settlement.decision.date < max(finals):
        last = Decision(number=c.id, date=max(finals))
        yield _order("settlement_before_acceptance", last, d.settlement.decision, "settlement")


# --- parties -----------------------------------------------------------------------------------


@dossier_rule(
    "STAGE-SAME-PARTY",
    severity="error",
    basis=basis("STAGE-SAME-PARTY"),
    cases=("consultant", "preparer", "appraiser", "owner", "acceptor"),
)
def _same_party(ctx: DossierContext) -> Iterator[Hit]:
    """The same organisation is on both sides of a check at some stage.

    The contractor of a package also holds a consulting contract that prepares, evaluates or
    supervises that package (``services``); or prepared or appraised the approved project; or is
    the owner; or signed an acceptance record of its own contract on the owner's side. The same
    organisation: equal tax codes, or without them, equal names after folding case, accents and
    spaces.
    """
    d = ctx.dossier
    approval = d.approval
    for c in d.contracts:
        for other in d.contracts:
            services = tuple(
                sorted(s for s, packages in other.services.items() if c.package in packages)
            )
            if other.id != c.id and services and same_party(other.contractor, c.contractor):
                yield Hit(
                    {
                        "organisation": c.contractor.name,
                        "contract": c.id,
                        "other": other.id,
                        "services": services,
                    },
                    case="consultant",
                    field=f"contracts.{c.id}.contractor",
                )
        if approval is not None and same_party(approval.prepared_by, c.contractor):
            yield Hit(
                {"organisation": c.contractor.name, "contract": c.id},
                case="preparer",
                field=f"contracts.{c.id}.contractor",
            )
        if approval is not None and same_party(approval.appraised_by, c.contractor):
            yield Hit(
                {"organisation": c.contractor.name, "contract": c.id},
                case="appraiser",
                field=f"contracts.{c.id}.contractor",
            )
        if same_party(d.owner, c.contractor):
            yield Hit(
                {"organisation": c.contractor.name, "contract": c.id},
                case="owner",
                field=f"contracts.{c.id}.contractor",
            )
        for a in d.acceptances:
            if a.contract == c.id and same_party(a.by, c.contractor):
                yield Hit(
                    {"organisation": c.contractor.name, "contract": c.id},
                    case="acceptor",
                    field=f"acceptances.{c.id}",
                )
                break


# --- what was not checked ----------------------------------------------------------------------


@dossier_rule(
    "STAGE-NOT-CHECKED",
    severity="info",
    basis=basis("STAGE-NOT-CHECKED"),
    cases=("no_estimate", "advance_limit"),
)
def _not_checked(ctx: DossierContext) -> Iterator[Hit]:
    """A stage check could not run for lack of data or of a threshold; the finding says which.

    ``no_estimate``: the approval names no estimate file, so the items, the package prices and the
    approved total are not compared with the approved estimate. ``advance_limit``: advances are
    recorded but no advance limit is encoded for the contract's date and none was given
    (``StageConfig.advance_max_percent``).
    """
    d = ctx.dossier
    if d.approval is not None and ctx.estimate is None:
        yield Hit({"dossier": d.id}, case="no_estimate", field="approval.estimate")
    for c in d.contracts:
        advanced = any(p.contract == c.id and p.kind == "advance" for p in d.payments)
        if advanced and _advance_limit(ctx, c) is None:
            yield Hit(
                {"contract": c.id, "date": c.signed.isoformat()},
                case="advance_limit",
                field=f"contracts.{c.id}",
            )


from ictcost.stages import repeat as _repeat  # noqa: E402, F401 - registers STAGE-REPEAT-BUY
