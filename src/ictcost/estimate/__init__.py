"""The full project estimate: project input, line methods, VAT, contingency, totals."""

from ictcost.estimate.engine import GROUPS, compute_estimate, load_project
from ictcost.estimate.model import (
    COMPONENTS,
    METHODS,
    AnnuityRental,
    ContingencyInput,
    EscalationYear,
    ExpertItem,
    FeeSpec,
    LineInput,
    Package,
    PeriodRental,
    PriceRef,
    ProjectInput,
    ProjectMeta,
    Quote,
    StatedLine,
    StatedTotals,
)
from ictcost.estimate.result import ComponentTotal, ContingencyResult, Estimate, LineResult, PartRow

__all__ = [
    "COMPONENTS",
    "GROUPS",
    "METHODS",
    "AnnuityRental",
    "ComponentTotal",
    "ContingencyInput",
    "ContingencyResult",
    "EscalationYear",
    "Estimate",
    "ExpertItem",
    "FeeSpec",
    "LineInput",
    "LineResult",
    "Package",
    "PartRow",
    "PeriodRental",
    "PriceRef",
    "ProjectInput",
    "ProjectMeta",
    "Quote",
    "StatedLine",
    "StatedTotals",
    "compute_estimate",
    "load_project",
]
