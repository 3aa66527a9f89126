"""The records of each stage of a dossier and the value each approves or records.

:func:`stage_records` gives the dates and decision numbers of a stage's records and the stage's
value; :func:`adjustment_rows` the adjustments of a stage with the stage's new total. The value of
each stage is the table of :mod:`ictcost.stages.timeline`: the plan's indicative budget, the
policy's preliminary total (Luật Đầu tư công 58/2024/QH15), the approved total, the package prices
summed (Luật Đấu thầu 22/2023/QH15 Điều 39), the contract values summed, the work accepted, the
cash paid (advances + payments − the advance recovered from them, as the payment check counts it:
NĐ 99/2021/NĐ-CP) and the settled total. Money is exact (``Decimal`` đồng).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ictcost.stages.model import Adjustment, Decision, Dossier, Stage

__all__ = ["adjustment_rows", "stage_records"]


def _cash(d: Dossier) -> Decimal:
    return sum((p.amount - p.recovered for p in d.payments), Decimal(0))


def _one(dec: Decision, value: Decimal) -> tuple[list[tuple[dt.date, str]], Decimal | None]:
    return [(dec.date, dec.number)], value


def stage_records(d: Dossier, stage: Stage) -> tuple[list[tuple[dt.date, str]], Decimal | None]:
    """The (date, decision number) of a stage's records and its value (see the module docstring)."""
    if stage == "plan" and d.plan is not None:
        return _one(d.plan.decision, d.plan.budget)
    if stage == "policy" and d.policy is not None:
        return _one(d.policy.decision, d.policy.total)
    if stage == "approval" and d.approval is not None:
        return _one(d.approval.decision, d.approval.total)
    if stage == "selection_plan" and d.selection_plan is not None:
        total = sum((p.price for p in d.selection_plan.packages), Decimal(0))
        return _one(d.selection_plan.decision, total)
    if stage == "settlement" and d.settlement is not None:
        return _one(d.settlement.decision, d.settlement.total)
    return _many(d, stage)


def _many(d: Dossier, stage: Stage) -> tuple[list[tuple[dt.date, str]], Decimal | None]:
    """The records of the stages with several: contracts, acceptances, payments."""
    if stage == "contract" and d.contracts:
        total = sum((c.value for c in d.contracts), Decimal(0))
        return [(c.signed, c.decision.number) for c in d.contracts], total
    if stage == "acceptance" and d.acceptances:
        total = sum((a.value for a in d.acceptances), Decimal(0))
        return [(a.date, a.decision.number) for a in d.acceptances], total
    if stage == "payment" and d.payments:
        return [(p.date, p.decision.number) for p in d.payments], _cash(d)
    return [], None


def _adjusted_parts(d: Dossier, stage: Stage) -> dict[str, Decimal]:
    """The package prices or contract values by id, as recorded (before any adjustment)."""
    if stage == "selection_plan" and d.selection_plan is not None:
        return {p.id: p.price for p in d.selection_plan.packages}
    if stage == "contract":
        return {c.id: c.value for c in d.contracts}
    return {}


def adjustment_rows(d: Dossier, stage: Stage) -> list[tuple[Adjustment, Decimal | None]]:
    """The adjustments of a stage, oldest first, each with the stage's new total (or ``None``)."""
    found = sorted((a for a in d.adjustments if a.stage == stage), key=lambda a: a.decision.date)
    parts = _adjusted_parts(d, stage)
    out: list[tuple[Adjustment, Decimal | None]] = []
    for adj in found:
        if adj.total is None:
            out.append((adj, None))
        elif stage in ("selection_plan", "contract"):
            if adj.target is not None:
                parts[adj.target] = adj.total
            out.append((adj, sum(parts.values(), Decimal(0))))
        else:
            out.append((adj, adj.total))
    return out
