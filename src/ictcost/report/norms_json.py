"""Norm tables as JSON-ready data: the list of tables, and one table's version in force.

What ``ictcost norms list --json`` and ``ictcost norms show ID --json`` print, and what the console
tables of those commands show. Exact numbers and dates are written as strings (``"1.855"``), lists
of words as JSON lists; every value keeps its sources, confidence and alternatives.

Examples:
    >>> from ictcost.norms import NormRegistry
    >>> reg = NormRegistry.shipped()
    >>> data = in_force_data(reg.get("qd1688-1b", "2026-01-15"))
    >>> data["rows"][0]["values"]["ktkt"]["value"], data["rows"][0]["values"]["ktkt"]["confidence"]
    ('1.855', 'secondary-2')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ictcost.norms.models import Value
    from ictcost.norms.registry import InForce, NormRegistry

__all__ = ["in_force_data", "jsonable", "table_list"]


def jsonable(value: object) -> object:
    """Return a cell value as JSON-ready data: Decimals and dates as text, tuples as lists.

    Args:
        value: A norm cell value.

    Returns:
        The value, JSON-ready.
    """
    if isinstance(value, Decimal | dt.date):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def table_list(registry: NormRegistry, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Return one summary per table: id, Vietnamese title, kind, instrument, periods, pack.

    Args:
        registry: The registry the tables are read from.
        ids: The table ids, in the order wanted.

    Returns:
        One dict per table.
    """
    rows: list[dict[str, Any]] = []
    for tid in ids:
        t = registry.table(tid)
        rows.append(
            {
                "id": tid,
                "title": t.title.vi,
                "kind": str(t.kind),
                "instrument": t.instrument.number,
                "periods": [v.period for v in t.versions],
                "pack": registry.origin(tid).pack,
            }
        )
    return rows


def _value(val: Value) -> dict[str, Any]:
    return {
        "value": jsonable(val.value),
        "source": list(val.source),
        "confidence": val.confidence,
        "alternatives": [
            {"value": jsonable(a.value), "source": list(a.source)} for a in val.alternatives
        ],
    }


def in_force_data(inforce: InForce) -> dict[str, Any]:
    """Return the version of a table in force on a date, every value with its sources.

    Args:
        inforce: The table's version in force (:meth:`NormRegistry.get
            <ictcost.norms.registry.NormRegistry.get>`).

    Returns:
        ``id``, ``title`` (vi, en), ``instrument``, ``period``, ``kind``, ``unit``, ``pack`` and
        ``rows`` (each ``{"row": name, "values": {column: {value, source, confidence,
        alternatives}}}``).
    """
    t, v = inforce.table, inforce.version
    return {
        "id": t.id,
        "title": t.title.model_dump(),
        "instrument": t.instrument.model_dump(mode="json"),
        "period": v.period,
        "kind": str(t.kind),
        "unit": t.unit,
        "pack": inforce.origin.pack,
        "rows": [
            {"row": r.name, "values": {c: _value(val) for c, val in r.values.items()}}
            for r in v.rows
        ],
    }
