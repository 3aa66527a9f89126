"""The checks of the records' order in time, of the parties, and of what could not be checked.

Registered with the other stage rules (:mod:`ictcost.stages.rules` imports this module).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ictcost.checks.rules import Hit, dossier_rule
from ictcost.report.messages.stages import basis
from ictcost.stages.context import DossierContext, same_party
from ictcost.stages.contracts import advance_limit, advances_of, guarantee_unchecked
from ictcost.stages.deadlines import settlement_dates, settlement_steps, step_limit
from ictcost.stages.model import Contract, Decision

__all__: list[str] = []


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
        "settlement_steps",
    ),
)
def _dates(ctx: DossierContext) -> Iterator[Hit]:
    """Two records are dated out of their legal order.

    The approval before the policy decision; a package in a selection plan dated before the
    approval that is not marked ``ahead`` (a package to be done before the approval); a contract
    signed before the project's approval, before its selection plan or before the decision
    approving its selection result; an acceptance or a payment before the contract is signed; a payment (not an advance)
    before any acceptance of the contract; the settlement before the contract's final acceptance;
    a step of the settlement dated before the one it follows (hand-over, filing, review submitted,
    decision: ``settlement_steps``).
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
    yield from _settlement_steps(ctx)


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


def _settlement_steps(ctx: DossierContext) -> Iterator[Hit]:
    """Each recorded date of the settlement's steps not before the one recorded before it."""
    s = ctx.dossier.settlement
    if s is None:
        return
    recorded = [(key, field, day) for key, field, day in settlement_dates(s) if day is not None]
    for (earlier, _, first), (later, field, second) in itertools.pairwise(recorded):
        if second < first:
            yield Hit(
                {
                    "earlier": earlier,
                    "earlier_date": first.isoformat(),
                    "later": later,
                    "later_date": second.isoformat(),
                },
                case="settlement_steps",
                field=field,
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
    cases=("no_estimate", "advance_limit", "advance_guarantee", "settlement_time"),
)
def _not_checked(ctx: DossierContext) -> Iterator[Hit]:
    """A stage check could not run for lack of data or of a threshold; the finding says which.

    ``no_estimate``: the approval names no estimate file, so the items, the package prices and the
    approved total are not compared with the approved estimate. ``advance_limit``: advances are
    recorded but no advance limit is encoded for the contract's date and none was given
    (``StageConfig.advance_max_percent``). ``advance_guarantee``: an advance is dated when no
    guarantee threshold is encoded (before NĐ 254/2025, whose predecessor NĐ 99/2021 was not
    read), so whether it needed a guarantee is not checked. ``settlement_time``: a step of the
    settlement has both its dates but its time limit is unknown (no group in the policy
    decision, or no limit encoded for the step's first day).
    """
    d = ctx.dossier
    if d.approval is not None and ctx.estimate is None:
        yield Hit({"dossier": d.id}, case="no_estimate", field="approval.estimate")
    for c in d.contracts:
        if advances_of(ctx, c) and advance_limit(ctx, c) is None:
            yield Hit(
                {"contract": c.id, "date": c.signed.isoformat()},
                case="advance_limit",
                field=f"contracts.{c.id}",
            )
        unchecked = guarantee_unchecked(ctx, c)
        if unchecked is not None:
            yield Hit(
                {"contract": c.id, "date": unchecked.date.isoformat()},
                case="advance_guarantee",
                field=f"contracts.{c.id}.advance_guarantee",
            )
    for step in settlement_steps(ctx):
        if step_limit(ctx, step) is None:
            yield Hit(
                {"step": step.name, "date": step.start.isoformat()},
                case="settlement_time",
                field=step.end_field,
            )
