"""Where and when a finding is in a project's life: the stage it concerns and the record's date.

Each finding is placed at a stage by one table, :data:`STAGE_OF` (the stage whose record the
finding concerns: for a date out of order, the later record; for a value above a ceiling, the
stage whose value is above it: the ceilings of Luật Đầu tư công 58/2024/QH15, Luật Đấu thầu
22/2023/QH15 and NĐ 99/2021/NĐ-CP the ``STAGE-`` checks apply), by :func:`finding_stage`, and
dated by the record it names (:func:`finding_date`).

The module is light on purpose (the check engine places its findings through it): it imports
neither pandas, XlsxWriter nor matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final, Literal

from ictcost.stages.model import Dossier, Stage
from ictcost.stages.stage_values import stage_records

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding

__all__ = ["BY_FIELD", "NO_STAGE", "STAGE_OF", "finding_date", "finding_stage"]

BY_FIELD: Final = "field"
"""In :data:`STAGE_OF`: the stage is read from the finding's ``field`` (its first part)."""
NO_STAGE: Final = "portfolio"
"""In :data:`STAGE_OF`: the finding is about the portfolio, not a stage of one project."""

STAGE_OF: Final[Mapping[str, Stage | Literal["field", "portfolio"]]] = {
    "STAGE-PLAN-BUDGET": BY_FIELD,  # policy.total, or approval.total without a policy
    "STAGE-CEILING.approval_over_policy": "approval",
    "STAGE-CEILING.packages_over_approval": "selection_plan",
    "STAGE-CEILING.contracts_over_approval": "contract",
    "STAGE-CEILING.settlement_over_approval": "settlement",
    "STAGE-CEILING.component_over_approval": "settlement",
    "STAGE-APPROVED-TOTAL": "approval",
    "STAGE-ITEM-ADDED.package": "selection_plan",
    "STAGE-ITEM-ADDED.contract": "contract",
    "STAGE-ITEM-ADDED.acceptance": "acceptance",
    "STAGE-ITEM-ADDED.settlement": "settlement",
    "STAGE-ITEM-DROPPED.not_planned": "selection_plan",
    "STAGE-ITEM-DROPPED.not_contracted": "contract",
    "STAGE-ITEM-DROPPED.not_settled": "settlement",
    "STAGE-PACKAGE-PRICE": "selection_plan",
    "STAGE-CONTRACT-PRICE": "contract",
    "STAGE-CONTRACT-TYPE": "contract",
    "STAGE-PAYMENT": "payment",
    "STAGE-SETTLEMENT": "settlement",
    "STAGE-DATES": BY_FIELD,  # the later of the two records (its field)
    "STAGE-SAME-PARTY": "contract",
    "STAGE-SAME-PARTY.acceptor": "acceptance",
    "STAGE-NOT-CHECKED.no_estimate": "approval",
    "STAGE-NOT-CHECKED.advance_limit": "payment",
    "STAGE-NOT-CHECKED.advance_guarantee": "payment",
    "STAGE-ADVANCE-GUARANTEE": "payment",
    "STAGE-SETTLEMENT-TIME": "settlement",
    "STAGE-NOT-CHECKED.settlement_time": "settlement",
    "STAGE-REPEAT-BUY": "contract",
    "STAGE-REPEAT-NOT-RUN": NO_STAGE,
}
"""The stage of a finding, by ``CODE.case`` (first) or ``CODE``. Every ``STAGE-`` code of the
registry is here (a test holds it to :data:`~ictcost.checks.RULES`); a code that is not a
``STAGE-`` code is a check of the approved estimate itself, placed at ``approval``."""

_FIELD_STAGE: Final[Mapping[str, Stage]] = {
    "plan": "plan",
    "policy": "policy",
    "approval": "approval",
    "selection_plan": "selection_plan",
    "contracts": "contract",
    "acceptances": "acceptance",
    "payments": "payment",
    "settlement": "settlement",
}
"""The stage of a field's first part (``contracts.HD-02.value`` → ``contract``)."""


def finding_stage(finding: Finding) -> Stage | None:
    """The stage a finding concerns, from :data:`STAGE_OF` (and its field where the table says so).

    Args:
        finding: A finding of :func:`~ictcost.stages.check_dossier` (or of the approved
            estimate's own checks, which are placed at ``approval``).

    Returns:
        The stage, or ``None`` for a portfolio-wide finding or one whose field names no stage.

    Examples:
        >>> from ictcost.checks.rules import RULES
        >>> from ictcost.checks._base import Hit
        >>> f = RULES["STAGE-CEILING"].finding(Hit({}, case="settlement_over_approval"), estimate="p1")
        >>> finding_stage(f)
        'settlement'
    """
    if not finding.code.startswith("STAGE-"):
        return "approval"
    where = STAGE_OF.get(finding.message_key, STAGE_OF.get(finding.code, BY_FIELD))
    if where == NO_STAGE:
        return None
    if where != BY_FIELD:
        return where
    head = (finding.field or "").split(".", 1)[0]
    return _FIELD_STAGE.get(head)


def _iso(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _latest(days: Iterable[dt.date]) -> dt.date | None:
    found = sorted(days)
    return found[-1] if found else None


def finding_date(finding: Finding, dossier: Dossier, stage: Stage | None = None) -> dt.date | None:
    """The date of the record a finding concerns.

    In order: the later record's date of a finding on dates (``later_date``), the date it names
    (``date``: a payment, a purchase), the record its field names (``contracts.HD-02`` → the
    signing; ``payments.HD-03.2025-11-10`` → that payment; ``acceptances.HD-01`` → the contract's
    latest acceptance; ``settlement…``, ``selection_plan…``, ``approval…`` → that decision), and
    otherwise the latest record of its stage.

    Args:
        finding: The finding.
        dossier: The project's records.
        stage: The finding's stage (:func:`finding_stage` when not given).

    Returns:
        The date, or ``None`` when the record it concerns has none.
    """
    for name in ("later_date", "date"):
        day = _iso(finding.details.get(name))
        if day is not None:
            return day
    stage = stage if stage is not None else finding_stage(finding)
    if stage == "payment" and "advance" in finding.details:  # the advances: the latest one
        contract = finding.details.get("contract")
        day = _latest(
            p.date for p in dossier.payments if p.contract == contract and p.kind == "advance"
        )
        if day is not None:
            return day
    day = _field_date(finding.field or "", dossier, stage)
    if day is not None or stage is None:
        return day
    records, _ = stage_records(dossier, stage)
    return _latest(day for day, _ in records)


def _field_date(where: str, d: Dossier, stage: Stage | None) -> dt.date | None:
    """The date of the contract, acceptance or payment a field names, if it names one."""
    parts = where.split(".")
    head, key = parts[0], parts[1] if len(parts) > 1 else None
    contract_ids = {c.id for c in d.contracts}
    if head in contract_ids:  # an item of a contract or an acceptance names the contract alone
        head, key = ("acceptances" if stage == "acceptance" else "contracts"), head
    if head == "contracts" and stage == "payment":  # a payment check names the contract
        head = "payments"
    if head == "contracts" and key in contract_ids:
        return d.contract(key).signed
    if head == "acceptances":
        return _latest(a.date for a in d.acceptances if a.contract == key)
    if head == "payments":
        day = _iso(parts[2]) if len(parts) > 2 else None
        return day or _latest(p.date for p in d.payments if p.contract == key)
    return None
