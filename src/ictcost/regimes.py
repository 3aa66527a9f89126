"""Which legal regime applies on a date (NĐ 73/2019 → NĐ 45/2026 → NĐ 224/2026).

The regime is chosen by the project's decision (approval) date. A transitional override lets a
project stay on an *earlier* regime where the newer decree allows it (NĐ 45/2026 Điều 42,
NĐ 224/2026 Điều 91 k2); it is recorded in the result, never applied silently.

Examples:
    >>> import datetime as dt
    >>> regime_on(dt.date(2026, 1, 15)).id
    'nd73_2019'
    >>> regime_on(dt.date(2026, 8, 1)).pct_norms_listed
    False
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from ictcost._internal._validate import typed_args
from ictcost.errors import InputError, NormNotFoundError, RegimeError
from ictcost.norms.registry import CitedValue, NormRegistry, as_date

__all__ = ["REGIMES_TABLE", "Regime", "regime_on", "regimes"]

REGIMES_TABLE = "regimes"
"""The id of the norm table that holds the regime timeline."""


class Regime(BaseModel):
    """A legal regime, as applied to one computation.

    Attributes:
        id: ``nd73_2019``, ``nd45_2026`` or ``nd224_2026``.
        decree: The decree's number.
        cost_circular: The cost circular's number (see its note for what is known).
        valid_from: First day of the regime.
        valid_to: Last day of the regime, or ``None`` while in force.
        pct_norms_listed: Whether % norms (QĐ 1688) are a listed cost method.
        one_step_design_max: Ceiling of TMĐT for one-step design (báo cáo KTKT), in đồng.
        transitional: The transitional rule, in words.
        on: The date the computation was made for.
        in_force_id: The regime in force on ``on`` (differs from ``id`` under an override).
        citations: The cited values the regime was built from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    decree: str
    cost_circular: str
    valid_from: dt.date
    valid_to: dt.date | None
    pct_norms_listed: bool
    one_step_design_max: Decimal
    transitional: str
    on: dt.date
    in_force_id: str
    citations: tuple[CitedValue, ...]

    @property
    def overridden(self) -> bool:
        """Whether a transitional override chose this regime instead of the one in force."""
        return self.id != self.in_force_id

    def describe(self) -> str:
        """Return a one-line description for results and reports.

        Returns:
            e.g. ``nd73_2019 (NĐ 73/2019/NĐ-CP, cost circular 04/2020/TT-BTTTT)``.
        """
        text = f"{self.id} (NĐ {self.decree}, cost circular {self.cost_circular})"
        if self.overridden:
            text += f"; transitional override of {self.in_force_id} in force on {self.on}"
        return text


@typed_args
def regimes(registry: NormRegistry | None = None) -> list[tuple[str, dt.date, dt.date | None]]:
    """List the regimes of the timeline as ``(id, valid_from, valid_to)``, oldest first.

    Args:
        registry: The registry to read; the shipped one by default.

    Returns:
        The timeline.
    """
    reg = registry or NormRegistry.shipped()
    table = reg.table(REGIMES_TABLE)
    out = []
    for version in table.versions:
        inforce = reg.get(REGIMES_TABLE, version.valid_from)
        out.append(
            (str(inforce.value("regime", "value").value), version.valid_from, version.valid_to)
        )
    return out


def _build(reg: NormRegistry, day: dt.date, on: dt.date, in_force_id: str) -> Regime:
    inforce = reg.get(REGIMES_TABLE, day)
    cells = {
        key: inforce.value(key, "value")
        for key in (
            "regime",
            "decree",
            "cost_circular",
            "pct_norms_listed",
            "one_step_design_max",
            "transitional",
        )
    }
    return Regime(
        id=str(cells["regime"].value),
        decree=str(cells["decree"].value),
        cost_circular=str(cells["cost_circular"].value),
        valid_from=inforce.version.valid_from,
        valid_to=inforce.version.valid_to,
        pct_norms_listed=cells["pct_norms_listed"].value is True,
        one_step_design_max=cells["one_step_design_max"].number,
        transitional=str(cells["transitional"].value),
        on=on,
        in_force_id=in_force_id,
        citations=tuple(cells.values()),
    )


def regime_on(
    on: dt.date | str,
    *,
    override: str | None = None,
    registry: NormRegistry | None = None,
) -> Regime:
    """Return the regime that applies on a date.

    A regime is built once per registry, date and override, then shared (it is immutable).

    Args:
        on: The decision (approval) date of the project or estimate.
        override: A transitional override: the id of an *earlier* regime the project stays on
            (allowed by NĐ 45/2026 Điều 42 and NĐ 224/2026 Điều 91 k2). ``None`` for the regime in
            force on the date.
        registry: The registry to read; the shipped one by default.

    Returns:
        The regime, with its citations.

    Raises:
        RegimeError: no regime covers the date (before NĐ 73/2019 took effect on 2020-01-01).
        InputError: the override names an unknown regime or a later one
            (code ``regime-override-invalid``), or ``on`` is not a date.

    Examples:
        >>> regime_on("2026-08-01", override="nd45_2026").describe()
        'nd45_2026 (NĐ 45/2026/NĐ-CP, cost circular 18/2024/TT-BTTTT); transitional override of nd224_2026 in force on 2026-08-01'
    """
    day = as_date(on)
    reg = registry or NormRegistry.shipped()
    if override is not None and not isinstance(override, str):
        return _regime_on(reg, day, override)  # refused there, with the message
    key = (day, override)
    with _LOCK:
        kept = _KEPT.get(reg)
        found = kept.get(key) if kept is not None else None
    if found is None:
        found = _regime_on(reg, day, override)
        with _LOCK:
            kept = _KEPT.setdefault(reg, {})
            if len(kept) >= _KEEP:
                kept.clear()
            kept[key] = found
    return found


_KEEP = 256
"""How many (date, override) regimes of one registry are kept (then the cache starts again)."""

_KEPT: weakref.WeakKeyDictionary[NormRegistry, dict[tuple[dt.date, str | None], Regime]] = (
    weakref.WeakKeyDictionary()
)
"""The regimes built, per registry (by identity: a registry never changes once built, and a
registry with another pack is another key), then by date and override. A regime is immutable."""

_LOCK = threading.Lock()


def _regime_on(reg: NormRegistry, day: dt.date, override: str | None) -> Regime:
    try:
        current = _build(reg, day, day, "")
    except NormNotFoundError as exc:
        first = reg.table(REGIMES_TABLE).versions[0].valid_from
        raise RegimeError(
            f"no legal regime of ictcost covers {day.isoformat()}; the earliest starts "
            f"{first.isoformat()} (NĐ 73/2019/NĐ-CP)",
            code="regime-not-found",
            field="on",
            hint="projects decided before 2020 follow earlier rules that ictcost does not encode",
        ) from exc
    if override is None or override == current.id:
        return current.model_copy(update={"in_force_id": current.id})
    timeline = regimes(reg)
    ids = [rid for rid, _, _ in timeline]
    if override not in ids:
        raise InputError(
            f"unknown regime {override!r} for the transitional override",
            code="regime-override-invalid",
            field="override",
            hint=f"known regimes: {', '.join(ids)}",
        )
    if ids.index(override) > ids.index(current.id):
        raise InputError(
            f"a transitional override can only keep an earlier regime; {override} starts after "
            f"{current.id}, which is in force on {day.isoformat()}",
            code="regime-override-invalid",
            field="override",
            hint="use the regime in force on the date, or an earlier one the transitional rules "
            "allow",
        )
    start = timeline[ids.index(override)][1]
    return _build(reg, start, day, current.id)
