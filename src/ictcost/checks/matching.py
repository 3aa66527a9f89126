"""Name and model matching of the checks, for the rules of other packages (stages).

The same forms, index and scorer as the overlap rules (:mod:`ictcost.checks._matching`): names
folded and indexed by their rare words, models matched by their model numbers, clusters by
union–find (:func:`same_classes`: the *same*-name classes of many names in compact memory, for
the portfolio); and the plain comparisons of :mod:`ictcost.checks._base`.
"""

from __future__ import annotations

from ictcost.checks._base import fold, normalise, similarity
from ictcost.checks._classes import same_classes
from ictcost.checks._matching import Partition, model_classes, name_edges, name_of

__all__ = [
    "Partition",
    "fold",
    "model_classes",
    "name_edges",
    "name_of",
    "normalise",
    "same_classes",
    "similarity",
]
