"""Internal-software cost: the state use-case-point method (CV 2589 → QĐ 671) and labour rate H.

The readers of software input files (:func:`ictcost.inputs.load_software_input`,
:func:`ictcost.inputs.software_input_from_frames`) live in :mod:`ictcost.inputs`: a formula package
does not read files.
"""

from ictcost.software.inputs import (
    Actor,
    ActorCounts,
    CocomoInput,
    SecondOpinionInput,
    SoftwareInput,
    UseCase,
)
from ictcost.software.labour import (
    LabourLine,
    LabourRateResult,
    PayScaleGrade,
    PayScaleLabour,
    TeamAverageLabour,
    TeamMember,
    compute_labour_rate,
)
from ictcost.software.results import UCP_CHAIN
from ictcost.software.second_opinion import (
    CocomoResult,
    KarnerResult,
    cocomo2,
    karner_effort,
    ucp_to_ksloc,
)
from ictcost.software.ucp import (
    ActorRow,
    FactorRow,
    SecondOpinion,
    SoftwareCostResult,
    SummaryRow,
    UcpConstants,
    UseCaseRow,
    compute_software_cost,
    software_method_on,
)

__all__ = [
    "UCP_CHAIN",
    "Actor",
    "ActorCounts",
    "ActorRow",
    "CocomoInput",
    "CocomoResult",
    "FactorRow",
    "KarnerResult",
    "LabourLine",
    "LabourRateResult",
    "PayScaleGrade",
    "PayScaleLabour",
    "SecondOpinion",
    "SecondOpinionInput",
    "SoftwareCostResult",
    "SoftwareInput",
    "SummaryRow",
    "TeamAverageLabour",
    "TeamMember",
    "UcpConstants",
    "UseCase",
    "UseCaseRow",
    "cocomo2",
    "compute_labour_rate",
    "compute_software_cost",
    "karner_effort",
    "software_method_on",
    "ucp_to_ksloc",
]
