"""The full project estimate: project input, line methods, VAT, contingency, totals.

The names are imported on first use (PEP 562), so that importing one module of the package (the
result types, say, for a report) does not import the engine, the methods and the input readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ictcost.estimate.engine import compute_estimate
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
    from ictcost.estimate.result import (
        ComponentTotal,
        ContingencyResult,
        Estimate,
        LineResult,
        MethodStatus,
        NormVersionUsed,
        register_renderer,
    )
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
    from ictcost.inputs.project import load_project

_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ("compute_estimate",),
        "ictcost.estimate.engine",
    ),
    **dict.fromkeys(
        (
            "COMPONENTS",
            "METHODS",
            "AnnuityRental",
            "ContingencyInput",
            "EscalationYear",
            "ExpertItem",
            "FeeSpec",
            "LineInput",
            "Package",
            "PeriodRental",
            "PriceRef",
            "ProjectInput",
            "ProjectMeta",
            "Quote",
            "StatedLine",
            "StatedTotals",
        ),
        "ictcost.estimate.model",
    ),
    **dict.fromkeys(
        (
            "ComponentTotal",
            "ContingencyResult",
            "Estimate",
            "LineResult",
            "MethodStatus",
            "NormVersionUsed",
            "register_renderer",
        ),
        "ictcost.estimate.result",
    ),
    **dict.fromkeys(
        (
            "AnnuityRentalTrace",
            "ExpertRow",
            "ExpertTrace",
            "FeeTrace",
            "GivenTrace",
            "LineTrace",
            "PeriodRentalTrace",
            "PriceListTrace",
            "QuotationTrace",
            "SoftwareTrace",
            "UnitPriceTrace",
        ),
        "ictcost.estimate.trace",
    ),
    **dict.fromkeys(
        ("load_project",),
        "ictcost.inputs.project",
    ),
}
"""Every public name, by the module it is imported from on first use."""


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a re-exported function or class
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'ictcost.estimate' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # imported once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "COMPONENTS",
    "METHODS",
    "AnnuityRental",
    "AnnuityRentalTrace",
    "ComponentTotal",
    "ContingencyInput",
    "ContingencyResult",
    "EscalationYear",
    "Estimate",
    "ExpertItem",
    "ExpertRow",
    "ExpertTrace",
    "FeeSpec",
    "FeeTrace",
    "GivenTrace",
    "LineInput",
    "LineResult",
    "LineTrace",
    "MethodStatus",
    "NormVersionUsed",
    "Package",
    "PeriodRental",
    "PeriodRentalTrace",
    "PriceListTrace",
    "PriceRef",
    "ProjectInput",
    "ProjectMeta",
    "QuotationTrace",
    "Quote",
    "SoftwareTrace",
    "StatedLine",
    "StatedTotals",
    "UnitPriceTrace",
    "compute_estimate",
    "load_project",
    "register_renderer",
]
