"""Rate columns as calculators: linear interpolation between breakpoints, with its trace.

``Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)`` for ``Gb < Gt ≤ Ga`` (norms-and-regimes.md §1.4: the
convention of the QĐ 1688 calculator, the same formula as the construction-cost norms).
:func:`interpolate` is the pure arithmetic on ``Decimal`` (re-exported as
``ictcost.fees.interpolate``); a :class:`RateScale` is one rate column of a table in force, built by
:meth:`NormView.scale <ictcost.norms.view.NormView.scale>`, whose :meth:`~RateScale.rate` applies
the table's own range policy (OpenFisca's "a scale at an instant is a calculator").

Examples:
    >>> pts = [(Decimal(7), Decimal("1.855")), (Decimal(15), Decimal("1.532"))]
    >>> interpolate(pts, Decimal("8.5")).rate
    Decimal('1.7944375')
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from ictcost._internal._validate import typed_args
from ictcost.errors import InputError, OutOfRangeError
from ictcost.money import exact
from ictcost.norms.models import Row
from ictcost.norms.registry import CitedValue

if TYPE_CHECKING:
    from ictcost.norms.view import NormView

__all__ = ["Interpolation", "Position", "RateScale", "ScaleColumn", "Side", "interpolate"]

Side = Literal["below", "above"]
"""A side of a rate table's range."""

Position = Literal["at_breakpoint", "between", "below_range", "above_range"]
"""Where the base fell: on a breakpoint, between two, or outside the range."""


class Interpolation(BaseModel):
    """The result of one interpolation, with its trace.

    Attributes:
        rate: The rate ``Nt`` (full precision).
        position: Where ``x`` fell: on a breakpoint, between two, or outside the range.
        gb: The lower bracketing breakpoint ``Gb`` (``None`` below the range).
        ga: The upper bracketing breakpoint ``Ga`` (``None`` above the range).
        nb: The rate at ``Gb``.
        na: The rate at ``Ga``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    rate: Decimal
    position: Position
    gb: Decimal | None
    ga: Decimal | None
    nb: Decimal | None
    na: Decimal | None


@typed_args
def interpolate(
    points: Sequence[tuple[Decimal, Decimal]],
    x: Decimal,
    *,
    below: str = "flat",
    above: str = "flat",
) -> Interpolation:
    """Interpolate a rate linearly between breakpoints (QĐ 1688 convention).

    ``Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)`` for ``Gb < Gt ≤ Ga``
    (norms-and-regimes.md §1.4, the same formula as the construction-cost norms).

    Args:
        points: ``(breakpoint, rate)`` pairs with strictly increasing breakpoints.
        x: The base ``Gt`` in the table's unit (tỷ đồng).
        below: ``flat`` (use the first rate) or ``error`` when ``x`` is below the first breakpoint.
        above: ``flat`` (use the last rate) or ``error`` when ``x`` is above the last breakpoint.

    Returns:
        The rate and its trace.

    Raises:
        OutOfRangeError: ``x`` is outside the range and the policy on that side is ``error``.
        InputError: no breakpoints, breakpoints not strictly increasing, or ``x`` not finite.
        InputTypeError: an argument of the wrong type.

    Examples:
        >>> pts = [(Decimal(7), Decimal("2.809")), (Decimal(15), Decimal("2.133"))]
        >>> interpolate(pts, Decimal("8.5")).rate
        Decimal('2.68225')
    """
    if not points:
        raise InputError("no breakpoints to interpolate", code="norm-value-not-found")
    if not x.is_finite():
        raise InputError(
            f"'x' must be a finite number (got {x})",
            code="input-amount",
            field="x",
            hint="give the base in the table's unit",
        )
    if any(not g1 < g2 for (g1, _), (g2, _) in itertools.pairwise(points)):
        raise InputError(
            "the breakpoints must be strictly increasing",
            field="points",
            hint="sort the (breakpoint, rate) pairs by breakpoint and remove repeated ones",
        )
    first_g, first_n = points[0]
    last_g, last_n = points[-1]
    if x < first_g:
        if below != "flat":
            raise OutOfRangeError(
                f"{x} is below the first breakpoint {first_g} and the policy is {below!r}",
                hint="draw up a detailed estimate instead, or use the flat policy",
            )
        return Interpolation(
            rate=first_n, position="below_range", gb=None, ga=first_g, nb=None, na=first_n
        )
    if x > last_g:
        if above != "flat":
            raise OutOfRangeError(
                f"{x} is above the last breakpoint {last_g} and the policy is {above!r}",
                hint="draw up a detailed estimate instead, or use the flat policy",
            )
        return Interpolation(
            rate=last_n, position="above_range", gb=last_g, ga=None, nb=last_n, na=None
        )
    for (gb, nb), (ga, na) in itertools.pairwise(points):
        if x == gb:
            return Interpolation(rate=nb, position="at_breakpoint", gb=gb, ga=gb, nb=nb, na=nb)
        if gb < x <= ga:
            if x == ga:
                return Interpolation(rate=na, position="at_breakpoint", gb=ga, ga=ga, nb=na, na=na)
            with exact():
                rate = nb - (nb - na) * (x - gb) / (ga - gb)
            return Interpolation(rate=rate, position="between", gb=gb, ga=ga, nb=nb, na=na)
    return Interpolation(
        rate=first_n, position="at_breakpoint", gb=first_g, ga=first_g, nb=first_n, na=first_n
    )


class ScaleColumn(NamedTuple):
    """A rate column of a table version, read once per date (without alternatives).

    Attributes:
        rows: The breakpoint rows that have a value in the column, in order.
        points: ``(breakpoint, rate)`` of those rows.
        below: The range policy below the first breakpoint (``flat`` or ``error``).
        above: The range policy above the last breakpoint.
        policies: The range policies as cited values (``range_policy.below`` / ``.above``).
    """

    rows: tuple[Row, ...]
    points: tuple[tuple[Decimal, Decimal], ...]
    below: str
    above: str
    policies: dict[Side, CitedValue]


class RateScale:
    """A rate column of a table in force, as a calculator (a "scale at an instant").

    Attributes:
        table_id: The table.
        column: The column.
        points: ``(breakpoint, rate)`` pairs, increasing (alternatives applied).
        below: The table's range policy below the first breakpoint (``flat`` or ``error``).
        above: The table's range policy above the last breakpoint.
        scale: How many đồng one axis unit is (``1e9`` for tỷ đồng).
    """

    __slots__ = ("_data", "_view", "above", "below", "column", "points", "scale", "table_id")

    def __init__(
        self,
        view: NormView,
        table_id: str,
        column: str,
        points: tuple[tuple[Decimal, Decimal], ...],
        data: ScaleColumn,
    ) -> None:
        self._view = view
        self._data = data
        self.table_id = table_id
        self.column = column
        self.points = points
        self.below = data.below
        self.above = data.above
        axis = view.table(table_id).version.axis
        self.scale = axis.scale if axis is not None else Decimal(1)

    def __repr__(self) -> str:
        return f"RateScale({self.table_id!r}, {self.column!r}, on={self._view.on.isoformat()})"

    def rate(
        self, gt: Decimal, *, below: str | None = None, above: str | None = None
    ) -> Interpolation:
        """Interpolate the rate at ``gt`` (in the table's unit) by the QĐ 1688 convention.

        Args:
            gt: The base in the table's unit (tỷ đồng for QĐ 1688).
            below: The policy below the range; the table's own by default.
            above: The policy above the range; the table's own by default.

        Returns:
            The rate with its trace (:func:`interpolate`).

        Raises:
            OutOfRangeError: outside the range where the policy is ``error``.
        """
        return interpolate(self.points, gt, below=below or self.below, above=above or self.above)

    def cited(self, interpolation: Interpolation) -> tuple[CitedValue, ...]:
        """Return the values an interpolation used: the bracketing rates, and the range policy.

        The rates are read through the view (so they are recorded in its citations).

        Args:
            interpolation: A result of :meth:`rate`.

        Returns:
            The bracketing cells in table order, then the range policy applied when ``gt`` was
            outside the range.
        """
        bracket = {interpolation.gb, interpolation.ga}
        used = [
            self._view.value(self.table_id, r.name, self.column)
            for r in self._data.rows
            if r.at in bracket
        ]
        if interpolation.position == "below_range":
            used.append(self._data.policies["below"])
        elif interpolation.position == "above_range":
            used.append(self._data.policies["above"])
        return tuple(used)
