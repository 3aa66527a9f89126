"""Ranges at the planning stage: three-point inputs and a vectorised Monte Carlo of the total.

The legal figure is the deterministic estimate of the project
(:func:`ictcost.estimate.compute_estimate`); at the planning stage some of its inputs are
uncertain. A range file (:class:`RangeSpec`, read by :func:`load_ranges`) gives three-point
ranges ``{low, mode, high}`` of quantities, unit prices, UCP ratings and the labour rate, whose
mode is the project's own value; :func:`simulate` draws them (triangular or PERT, numpy PCG64
with a seed) and reports the total's P10/P50/P80/P90 and the inputs that drive its spread
(Spearman rank correlation) beside the legal figure, never in its place.

Examples:
    >>> from ictcost.simulation import RangeSpec
    >>> RangeSpec.model_validate({"lines": {"TB-01": {"quantity": {"low": 3, "high": 1}}}})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for RangeSpec
    ...
"""

from __future__ import annotations

from ictcost.simulation.engine import MAX_DRAWS, draw_inputs, simulate, spearman
from ictcost.simulation.ranges import (
    DISTRIBUTIONS,
    Distribution,
    LineRanges,
    QuantityRange,
    RangeSpec,
    RatingRange,
    ThreePoint,
    load_ranges,
)
from ictcost.simulation.result import PERCENTILES, Driver, GroupSpread, Simulation

__all__ = [
    "DISTRIBUTIONS",
    "MAX_DRAWS",
    "PERCENTILES",
    "Distribution",
    "Driver",
    "GroupSpread",
    "LineRanges",
    "QuantityRange",
    "RangeSpec",
    "RatingRange",
    "Simulation",
    "ThreePoint",
    "draw_inputs",
    "load_ranges",
    "simulate",
    "spearman",
]
