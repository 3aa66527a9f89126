"""A project's life from plan to settlement: stage records and the checks between stages.

A :class:`Dossier` holds one project's records, each typed, dated and cited to its decision: the
plan entry, the investment policy, the approved project or KTKT report (and its estimate), the
adjustments, the contractor-selection plan, the contracts, the acceptances and payments and the
settlement. :func:`check_dossier` runs the ``STAGE-`` checks between them (every value within the
ceiling the previous stage approved, items added or dropped, package and contract prices, payments
and settlement against the contract and the work accepted, dates in legal order, the same
organisation on both sides, the same item bought again), with the legal basis of each on the
record's date from ``norms/vn/stages/``.
"""

from __future__ import annotations

from ictcost.stages.context import DossierContext, StageConfig, same_party
from ictcost.stages.engine import check_dossier, check_dossiers, dossier_context
from ictcost.stages.exceeding import exceeding
from ictcost.stages.load import load_dossier
from ictcost.stages.model import (
    STAGES,
    Acceptance,
    Adjustment,
    Approval,
    Contract,
    ContractItem,
    ContractType,
    Decision,
    Dossier,
    Party,
    Payment,
    PlanEntry,
    PlannedPackage,
    PolicyDecision,
    SelectionPlan,
    Service,
    Settlement,
    Stage,
)
from ictcost.stages.timeline import Timeline, TimelineRow, timeline
from ictcost.stages.timeline_xlsx import write_timeline_xlsx
from ictcost.stages.workbook import (
    read_contracts,
    read_payments,
    read_selection_plan,
    write_selection_plan_template,
)

__all__ = [
    "STAGES",
    "Acceptance",
    "Adjustment",
    "Approval",
    "Contract",
    "ContractItem",
    "ContractType",
    "Decision",
    "Dossier",
    "DossierContext",
    "Party",
    "Payment",
    "PlanEntry",
    "PlannedPackage",
    "PolicyDecision",
    "SelectionPlan",
    "Service",
    "Settlement",
    "Stage",
    "StageConfig",
    "Timeline",
    "TimelineRow",
    "check_dossier",
    "check_dossiers",
    "dossier_context",
    "exceeding",
    "load_dossier",
    "read_contracts",
    "read_payments",
    "read_selection_plan",
    "same_party",
    "timeline",
    "write_selection_plan_template",
    "write_timeline_xlsx",
]
