"""Internal-software cost: the state use-case-point method (CV 2589 → QĐ 671) and labour rate H."""

from ictcost.software.inputs import (
    Actor,
    ActorCounts,
    SoftwareInput,
    UseCase,
    load_software_input,
    software_input_from_frames,
)
from ictcost.software.labour import (
    LabourRateResult,
    PayScaleGrade,
    PayScaleLabour,
    TeamAverageLabour,
    TeamMember,
    compute_labour_rate,
)
from ictcost.software.ucp import (
    ActorRow,
    FactorRow,
    SoftwareCostResult,
    SummaryRow,
    UseCaseRow,
    compute_software_cost,
    software_method_on,
)

__all__ = [
    "Actor",
    "ActorCounts",
    "ActorRow",
    "FactorRow",
    "LabourRateResult",
    "PayScaleGrade",
    "PayScaleLabour",
    "SoftwareCostResult",
    "SoftwareInput",
    "SummaryRow",
    "TeamAverageLabour",
    "TeamMember",
    "UseCase",
    "UseCaseRow",
    "compute_labour_rate",
    "compute_software_cost",
    "load_software_input",
    "software_input_from_frames",
    "software_method_on",
]
