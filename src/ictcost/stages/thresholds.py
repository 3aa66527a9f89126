"""The numbers and rules of the stage checks that the norm data holds (table ``stage-thresholds``).

A stage rule reads a row of ``norms/vn/stages/stage-thresholds.yaml`` (column ``value``) on the
date of the record it checks; where the table has no version or no row for that date, the rule
uses the explicit input of :class:`~ictcost.stages.context.StageConfig`, or does not run that
comparison and says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from ictcost.errors import IctcostError

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding
    from ictcost.norms.registry import CitedValue, NormRegistry

__all__ = [
    "BASES",
    "NOT_READ",
    "THRESHOLDS",
    "number_threshold",
    "stage_basis",
    "threshold",
    "with_stage_basis",
]

THRESHOLDS = "stage-thresholds"
"""The id of the norm table of the stage checks' thresholds."""


def threshold(registry: NormRegistry, row: str, on: dt.date) -> CitedValue | None:
    """Return a row of ``stage-thresholds`` in force on a date, or ``None`` where none is encoded.

    Args:
        registry: The norms.
        row: The row key (``advance_max_percent`` …).
        on: The date of the record checked.

    Returns:
        The cited value, or ``None`` when the table, its version for the date or the row is absent.
    """
    try:
        return registry.get(THRESHOLDS, on).value(row, "value")
    except IctcostError:
        return None


def number_threshold(
    registry: NormRegistry, row: str, on: dt.date
) -> tuple[Decimal, CitedValue] | None:
    """Return a numeric row of ``stage-thresholds`` in force on a date, with its cell.

    ``None`` where :func:`threshold` finds nothing, or where the row holds no number (a flag,
    a list of words): what every comparison with a limit needs.
    """
    cell = threshold(registry, row, on)
    if cell is None or not isinstance(cell.value, Decimal):
        return None
    return cell.value, cell


BASES = "stage-bases"
"""The id of the norm table of each stage's governing instrument and provision, by date."""

NOT_READ = "not read"
"""The value of a provision the table knows the instrument of but whose clause was not read."""


def stage_basis(registry: NormRegistry, stage: str, on: dt.date) -> tuple[CitedValue, ...]:
    """Return the instrument and the provision governing a stage on a date (``stage-bases``).

    A provision the table marks ``not read`` is left out: the instrument alone is cited (the
    table's own instruction).

    Args:
        registry: The norms.
        stage: The stage (a row key of ``stage-bases``: ``contract``, ``settlement`` …).
        on: The date of the record concerned.

    Returns:
        The cited cells, or nothing when the table has no version or no row for the date.
    """
    try:
        table = registry.get(BASES, on)
        cells = [table.value(stage, column) for column in ("instrument", "provision")]
    except IctcostError:
        return ()
    return tuple(c for c in cells if c.value != NOT_READ)


def with_stage_basis(
    finding: Finding, registry: NormRegistry, stage: str, on: dt.date | None
) -> Finding:
    """The finding with the instrument and provision of ``stage`` on ``on`` added to its citations.

    Unchanged when the date is unknown or ``stage-bases`` has nothing for it.
    """
    cells = stage_basis(registry, stage, on) if on is not None else ()
    if not cells:
        return finding
    cited = tuple(c.to_citation() for c in cells)
    return finding.model_copy(update={"citations": (*finding.citations, *cited)})
