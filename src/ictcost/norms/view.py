"""The norms in force on one date, as one object every formula reads.

A :class:`NormView` is what OpenFisca calls the parameters *at an instant*: built once by
:meth:`NormRegistry.at <ictcost.norms.registry.NormRegistry.at>`, it holds the registry, the date,
the legal regime (resolved once, with its transitional override), the tables in force, the
alternatives chosen for disputed values with a ledger of those used, and the values read (for the
citations). Formulas take a view and never open files or reach a global registry; the public entry
points (``compute_fee(..., on=..., registry=...)``) build one when the caller has none
(:func:`resolve_norms`).

A rate column is a calculator: ``view.scale("qd1688-1b", "ktkt").rate(gt)`` returns the
:class:`~ictcost.norms.scale.Interpolation` of the QĐ 1688 convention
(:func:`~ictcost.norms.scale.interpolate`, also ``ictcost.fees.interpolate``, underneath), with the
table's own range policy.

Views are cheap. Every view of one registry on one date and override shares one set of caches
(tables, cells, rate columns, the regime); the last 64 such instants of a registry are kept, so a
formula called twice on the same date reads nothing twice. Derived views
(:meth:`NormView.with_alternatives`, :meth:`NormView.child`) share those caches too.

Examples:
    >>> from ictcost import NormRegistry
    >>> view = NormRegistry.shipped().at("2026-01-15")
    >>> view.regime.id
    'nd73_2019'
    >>> view.scale("qd1688-1b", "ktkt").rate(Decimal("8.5")).rate
    Decimal('1.7944375')
    >>> view.value("qd1688-1b", "7", "ktkt").citation()
    '1688/QĐ-BTTTT, qd1688-1b row 7 column ktkt = 1.855 [secondary-2: S4, S5]'
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from ictcost.errors import InputError, NormNotFoundError
from ictcost.norms.models import Row
from ictcost.norms.registry import CitedValue, InForce, NormRegistry, as_date
from ictcost.norms.scale import RateScale, ScaleColumn, Side
from ictcost.regimes import Regime, regime_on

__all__ = ["NormView", "Resolved", "resolve_norms"]

_KEEP = 64
"""How many instants (date, override) of one registry are kept."""


class _Table(NamedTuple):
    inforce: InForce
    rows: dict[str, Row]


class _Instant:
    """The caches shared by every view of one registry on one date and override."""

    __slots__ = ("cells", "columns", "on", "override", "regime", "tables")

    def __init__(self, on: dt.date, override: str | None) -> None:
        self.on = on
        self.override = override
        self.regime: Regime | None = None
        self.tables: dict[str, _Table] = {}
        self.cells: dict[tuple[str, str, str, int | None], CitedValue] = {}
        self.columns: dict[tuple[str, str], ScaleColumn] = {}


_INSTANTS: weakref.WeakKeyDictionary[
    NormRegistry, OrderedDict[tuple[dt.date, str | None], _Instant]
] = weakref.WeakKeyDictionary()
_INSTANTS_LOCK = threading.Lock()
"""Guards the instants kept (the caches inside an instant only ever gain equal entries)."""


def _instant(registry: NormRegistry, on: dt.date, override: str | None) -> _Instant:
    key = (on, override)
    with _INSTANTS_LOCK:
        kept = _INSTANTS.get(registry)
        if kept is None:
            kept = _INSTANTS[registry] = OrderedDict()
        found = kept.get(key)
        if found is None:
            found = kept[key] = _Instant(on, override)
            if len(kept) > _KEEP:
                kept.popitem(last=False)
        else:
            kept.move_to_end(key)
        return found


def _checked_alternatives(alternatives: Mapping[str, int] | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for ref, index in (alternatives or {}).items():
        if not isinstance(ref, str) or isinstance(index, bool) or not isinstance(index, int):
            raise InputError(
                f"alternatives map 'table/row/column' to an index (got {ref!r}: {index!r})",
                code="alternative-invalid",
                field="alternatives",
                hint='e.g. {"qd1688-k-coefficients/lap_bao_cao_ktkt/island": 0}',
            )
        out[ref] = index
    return out


class NormView:
    """The norms in force on one date: tables, cited values, the regime and chosen alternatives.

    Build it with :meth:`NormRegistry.at <ictcost.norms.registry.NormRegistry.at>` (or the
    constructor, which takes the same arguments). One view serves any number of computations of
    one estimate: the regime is resolved once and every table is read once.

    Two ledgers belong to each view: the alternatives used (:meth:`check_alternatives_used`) and
    the values read (:attr:`cited`). :meth:`child` gives a view that shares the alternatives and
    their ledger but collects its own citations (what a formula does when it is handed a view);
    :meth:`with_alternatives` gives a view with other alternatives and empty ledgers.

    Args:
        registry: The registry read.
        on: The date.
        alternatives: ``{"table/row/column": index}`` of disputed values to read from an
            alternative instead of the default.
        regime_override: A transitional override (an earlier regime id).

    Raises:
        InputError: ``on`` is not a date, or ``alternatives`` is not a mapping of text to index.
    """

    __slots__ = ("_alternatives", "_cited", "_instant", "_registry", "_used")

    def __init__(
        self,
        registry: NormRegistry,
        on: dt.date | str,
        *,
        alternatives: Mapping[str, int] | None = None,
        regime_override: str | None = None,
    ) -> None:
        self._registry = registry
        self._instant = _instant(registry, as_date(on), regime_override)
        self._alternatives = _checked_alternatives(alternatives)
        self._used: set[str] = set()
        self._cited: list[CitedValue] = []

    def _derived(self, alternatives: dict[str, int], used: set[str]) -> NormView:
        view = object.__new__(NormView)
        view._registry = self._registry
        view._instant = self._instant
        view._alternatives = alternatives
        view._used = used
        view._cited = []
        return view

    def __repr__(self) -> str:
        override = f", regime_override={self.regime_override!r}" if self.regime_override else ""
        alternatives = f", alternatives={self._alternatives!r}" if self._alternatives else ""
        return f"NormView(on={self.on.isoformat()}{override}{alternatives})"

    # --- what the view is ---------------------------------------------------------------------

    @property
    def registry(self) -> NormRegistry:
        """The registry the view reads."""
        return self._registry

    @property
    def on(self) -> dt.date:
        """The date of the view: the tables are the versions in force on it."""
        return self._instant.on

    @property
    def regime_override(self) -> str | None:
        """The transitional override asked for, if any."""
        return self._instant.override

    @property
    def regime(self) -> Regime:
        """The legal regime on :attr:`on` (with the override), resolved once for every view.

        Raises:
            RegimeError: no regime covers the date.
            InputError: the override is unknown or later than the regime in force.
        """
        instant = self._instant
        if instant.regime is None:
            instant.regime = regime_on(
                instant.on, override=instant.override, registry=self._registry
            )
        return instant.regime

    @property
    def rule_date(self) -> dt.date:
        """The date regime-bound rules (``cost-methods``, ...) are read on.

        Under a transitional override the rules of the regime kept are read inside that regime's
        own period (on its last day); otherwise on :attr:`on`.
        """
        regime = self.regime
        return (regime.valid_to or self.on) if regime.overridden else self.on

    @property
    def alternatives(self) -> Mapping[str, int]:
        """The alternatives chosen for disputed values (read-only)."""
        return MappingProxyType(self._alternatives)

    @property
    def used_alternatives(self) -> frozenset[str]:
        """The keys of the alternatives that were applied so far."""
        return frozenset(self._used)

    @property
    def cited(self) -> tuple[CitedValue, ...]:
        """Every value read through this view with :meth:`value`, in the order of use."""
        return tuple(self._cited)

    # --- derived views ------------------------------------------------------------------------

    def with_alternatives(self, alternatives: Mapping[str, int] | None) -> NormView:
        """Return a view on the same instant with other alternatives and empty ledgers.

        The caches (tables, cells, regime) are shared, so this is cheap.

        Args:
            alternatives: ``{"table/row/column": index}``, or ``None`` for the defaults.

        Returns:
            The new view.
        """
        return self._derived(_checked_alternatives(alternatives), set())

    def child(self) -> NormView:
        """Return a view with these alternatives and their ledger, and its own citations.

        What a formula handed a view computes with: the alternatives it applies are recorded in
        the caller's ledger (the caller checks them), and the values it reads are its own.

        Returns:
            The new view.
        """
        return self._derived(self._alternatives, self._used)

    # --- lookups ------------------------------------------------------------------------------

    def _table(self, table_id: str) -> _Table:
        instant = self._instant
        found = instant.tables.get(table_id)
        if found is None:
            inforce = self._registry.get(table_id, instant.on)
            found = _Table(inforce, {r.name: r for r in inforce.version.rows})
            instant.tables[table_id] = found
        return found

    def table(self, table_id: str) -> InForce:
        """Return the version of a table in force on the view's date (read once).

        Raises:
            NormNotFoundError: no such table, or no version in force on the date.
        """
        return self._table(table_id).inforce

    def row(self, table_id: str, row: str) -> Row | None:
        """Return a row by key (or breakpoint as text), or ``None`` when the version has none."""
        entry = self._table(table_id)
        found = entry.rows.get(row)
        if found is None:
            try:
                found = entry.inforce.row(row)
            except NormNotFoundError:
                return None
        return found

    def has(self, table_id: str, row: str, column: str) -> bool:
        """Return whether the cell ``(row, column)`` exists in the table in force."""
        found = self.row(table_id, row)
        return found is not None and column in found.values

    def _cell(
        self, table_id: str, row: str | Row, column: str, *, defaults: bool = False
    ) -> CitedValue:
        entry = self._table(table_id)
        r = row if isinstance(row, Row) else (entry.rows.get(row) or entry.inforce.row(row))
        choice = None
        if self._alternatives and not defaults:
            ref = f"{table_id}/{r.name}/{column}"
            choice = self._alternatives.get(ref)
            if choice is not None:
                self._used.add(ref)
        key = (table_id, r.name, column, choice)
        cells = self._instant.cells
        cell = cells.get(key)
        if cell is None:
            cell = entry.inforce.value(r, column, alternative=choice)
            cells[key] = cell
        return cell

    def value(self, table_id: str, row: str, column: str) -> CitedValue:
        """Return one cell with its citation, applying the alternative chosen for it.

        The value is recorded in :attr:`cited`; an alternative applied is recorded as used.

        Args:
            table_id: The table.
            row: The row key, or the breakpoint as text.
            column: The column key.

        Returns:
            The cited value.

        Raises:
            NormNotFoundError: no such table, version, row or cell.
            InputError: the alternative chosen for the cell does not exist.
        """
        cell = self._cell(table_id, row, column)
        self._cited.append(cell)
        return cell

    def number(self, table_id: str, row: str, column: str) -> Decimal:
        """Return :meth:`value` as a ``Decimal``.

        Raises:
            InputError: the value is not a number (code ``norm-value-not-found``).
        """
        return self.value(table_id, row, column).number

    def label(self, table_id: str, row: str) -> str:
        """Return the Vietnamese label of a row, or its key when it has none."""
        found = self.row(table_id, row)
        return found.label.vi if found is not None and found.label is not None else row

    def scale(self, table_id: str, column: str) -> RateScale:
        """Return a rate column of a table in force as a calculator.

        Args:
            table_id: A rate table (breakpoints and a range policy), e.g. ``qd1688-1b``.
            column: The column, e.g. ``ktkt``.

        Returns:
            The calculator; its rates use the alternatives chosen for the column's cells.

        Raises:
            NormNotFoundError: no such table or version, no such column, or not a rate table.
        """
        data = self._column(table_id, column)
        points = data.points
        if self._alternatives and any(
            ref.startswith(f"{table_id}/") and ref.endswith(f"/{column}")
            for ref in self._alternatives
        ):
            points = tuple(
                (at, self._cell(table_id, r, column).number)
                for (at, _), r in zip(points, data.rows, strict=True)
            )
        return RateScale(self, table_id, column, points, data)

    def _column(self, table_id: str, column: str) -> ScaleColumn:
        instant = self._instant
        found = instant.columns.get((table_id, column))
        if found is not None:
            return found
        inforce = self.table(table_id)
        version = inforce.version
        if version.column(column) is None:
            raise NormNotFoundError(
                f"table {table_id} has no column {column!r}",
                code="norm-value-not-found",
                hint=f"columns: {', '.join(c.key for c in version.columns)}",
                table_id=table_id,
            )
        if version.range_policy is None or version.axis is None:
            raise NormNotFoundError(
                f"table {table_id} is not a rate table (no breakpoints and range policy)",
                code="norm-value-not-found",
                table_id=table_id,
            )
        rows: list[Row] = []
        points: list[tuple[Decimal, Decimal]] = []
        for r in version.rows:
            if r.at is not None and column in r.values:
                rows.append(r)
                points.append((r.at, self._cell(table_id, r, column, defaults=True).number))
        policies: dict[Side, CitedValue] = {}
        for side in ("below", "above"):
            cell = version.range_policy[side]
            policies[side] = CitedValue.model_construct(
                value=cell.value,
                table_id=table_id,
                table_title=inforce.table.title.vi,
                instrument=inforce.table.instrument.number,
                period=version.period,
                row=f"range_policy.{side}",
                column="value",
                sources=tuple((s, inforce.table.sources[s]) for s in cell.source),
                confidence=cell.confidence,
                note=cell.note,
                origin=inforce.origin,
            )
        found = ScaleColumn(
            rows=tuple(rows),
            points=tuple(points),
            below=str(version.range_policy["below"].value),
            above=str(version.range_policy["above"].value),
            policies=policies,
        )
        instant.columns[(table_id, column)] = found
        return found

    # --- the alternatives ledger -------------------------------------------------------------

    def check_alternatives_used(self, *, example: str | None = None) -> None:
        """Refuse alternatives chosen for values that no computation of this view read.

        Args:
            example: A key to show in the hint (``cocomo2-scale-factors/TEAM/VH``).

        Raises:
            InputError: some alternative was not used (code ``alternative-invalid``).
        """
        unused = sorted(set(self._alternatives) - self._used)
        if unused:
            raise InputError(
                "alternative(s) chosen for values this computation does not use: "
                + ", ".join(unused),
                code="alternative-invalid",
                field="alternatives",
                hint="keys are 'table/row/column' of a disputed value used by the computation"
                + (f", e.g. '{example}'" if example else ""),
            )


NormRegistry.view_type = NormView


class Resolved(NamedTuple):
    """The view a public formula computes with.

    Attributes:
        view: The view.
        owns_alternatives: Whether the formula was given the alternatives itself (then it checks
            that each was used); ``False`` when the caller's view holds them.
    """

    view: NormView
    owns_alternatives: bool


def resolve_norms(
    norms: NormView | None,
    *,
    registry: NormRegistry | None = None,
    on: object = None,
    alternatives: Mapping[str, int] | None = None,
    regime_override: str | None = None,
    date_field: str = "on",
) -> Resolved:
    """Return the view for one call of a public formula, from its arguments.

    Without ``norms`` a view is built from ``registry`` (the shipped one by default) on ``on``.
    With ``norms``, the other arguments may only repeat it: a different registry, date, override
    or set of alternatives is refused. Alternatives given with a view that has none apply to this
    call only.

    Args:
        norms: The caller's view, if any.
        registry: The registry argument of the formula.
        on: The date argument of the formula.
        alternatives: The alternatives argument of the formula.
        regime_override: The override argument of the formula.
        date_field: The name of the date argument, for messages.

    Returns:
        The view and whether the formula owns the alternatives.

    Raises:
        InputError: no date and no view, a bad date, or an argument that contradicts the view.
    """
    chosen = dict(alternatives) if alternatives else {}
    if norms is None:
        if on is None:
            raise InputError(
                f"'{date_field}' is required",
                code="input-date",
                field=date_field,
                hint="give the date of the computation, or norms=registry.at(date)",
            )
        reg = registry if registry is not None else NormRegistry.shipped()
        day = as_date(on, date_field)
        view = NormView(reg, day, alternatives=chosen, regime_override=regime_override)
        return Resolved(view=view, owns_alternatives=True)
    if registry is not None and registry is not norms.registry:
        raise InputError(
            "the registry given is not the registry of the view (norms=)",
            field="registry",
            hint="give one of them: the view already says which norms are read",
        )
    if on is not None and as_date(on, date_field) != norms.on:
        raise InputError(
            f"'{date_field}' {as_date(on, date_field).isoformat()} contradicts the date of the "
            f"view (norms=), {norms.on.isoformat()}",
            code="input-date",
            field=date_field,
            hint="give one of them, or build the view for this date: registry.at(date)",
        )
    if regime_override is not None and regime_override != norms.regime_override:
        raise InputError(
            f"regime_override {regime_override!r} contradicts the view's override "
            f"{norms.regime_override!r}",
            field="regime_override",
            hint="give the override once, in registry.at(date, regime_override=...)",
        )
    if chosen and chosen != dict(norms.alternatives):
        if norms.alternatives:
            raise InputError(
                "alternatives given both to the call and to the view (norms=), and they differ",
                code="alternative-invalid",
                field="alternatives",
                hint="give them once: in the call, or in registry.at(date, alternatives=...)",
            )
        return Resolved(view=norms.with_alternatives(chosen), owns_alternatives=True)
    return Resolved(view=norms.child(), owns_alternatives=False)
