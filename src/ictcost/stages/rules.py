"""The checks between stages: ceilings and items (this module), contracts and dates (two more).

Each rule is a function of a :class:`~ictcost.stages.context.DossierContext` registered with
:func:`~ictcost.checks.rules.dossier_rule` under a stable ``STAGE-`` code, its legal basis and its
cases; it yields typed :class:`~ictcost.checks._base.Hit` values, rendered by the one renderer.
The numbers a rule compares with come from the norm table ``stage-thresholds`` on the record's
date where a text was read, and otherwise from :class:`~ictcost.stages.context.StageConfig`
(explicit inputs); ``docs/checks.md`` says which.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ictcost.checks.matching import fold, similarity
from ictcost.checks.rules import Hit, dossier_rule
from ictcost.report.messages.stages import basis
from ictcost.stages.context import DossierContext
from ictcost.stages.model import ContractItem

__all__: list[str] = []


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
        if ctx.over(d.approval.total, ceiling):
            yield _ceiling_hit(
                "approval_over_policy", d.approval.total, ceiling, by, "approval.total"
            )
    if d.approval is None:
        return
    approved = d.approval.total
    if d.selection_plan is not None:
        on = d.selection_plan.decision.date
        ceiling, by = ctx.ceiling("approval", approved, on)
        total = sum((ctx.package_price(p.id) for p in d.selection_plan.packages), Decimal(0))
        if ctx.over(total, ceiling):
            yield _ceiling_hit("packages_over_approval", total, ceiling, by, "selection_plan")
    if d.contracts:
        ceiling, by = ctx.ceiling("approval", approved, max(c.signed for c in d.contracts))
        total = sum((ctx.contract_value(c) for c in d.contracts), Decimal(0))
        if ctx.over(total, ceiling):
            yield _ceiling_hit("contracts_over_approval", total, ceiling, by, "contracts")
    if d.settlement is not None:
        yield from _settlement_ceilings(ctx, approved)


def _settlement_ceilings(ctx: DossierContext, approved: Decimal) -> Iterator[Hit]:
    d = ctx.dossier
    assert d.settlement is not None
    assert d.approval is not None
    on = d.settlement.decision.date
    ceiling, by = ctx.ceiling("approval", approved, on)
    if ctx.over(d.settlement.total, ceiling):
        yield _ceiling_hit(
            "settlement_over_approval", d.settlement.total, ceiling, by, "settlement.total"
        )
    components = dict(d.approval.components)
    for adj in d.adjustments_of("approval"):
        if adj.decision.date <= on:
            components |= adj.components
    for key, value in d.settlement.components.items():
        approved_part = components.get(key)
        if approved_part is not None and ctx.over(value, approved_part):
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
    if later is not None and ctx.over(later, d.plan.budget):
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


# the other rule modules register in this order (the order of the codes page)
from ictcost.stages import contracts as _contracts  # noqa: E402, F401
from ictcost.stages import deadlines as _deadlines  # noqa: E402, F401
from ictcost.stages import order as _order  # noqa: E402, F401
from ictcost.stages import repeat as _repeat  # noqa: E402, F401
