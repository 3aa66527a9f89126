"""The records of a project's life, from the plan entry to the final settlement (a *dossier*).

Each stage record is typed, dated and cited to the decision or document that approved it:

===================  ==========================================================================
stage                record
===================  ==========================================================================
``plan``             :class:`PlanEntry` — the entry of the IT / digital-transformation plan
                     (task, owner, year, indicative budget)
``policy``           :class:`PolicyDecision` — the investment policy decision (preliminary total,
                     group)
``approval``         :class:`Approval` — the approved project or KTKT report (total investment,
                     the estimate: ictcost's own input or a submitted one)
``adjustment``       :class:`Adjustment` — a decision that adjusts an approved stage (a new
                     ceiling, items added or dropped), cited
``selection_plan``   :class:`SelectionPlan` — the contractor-selection plan (KHLCNT): packages
                     with the lines they cover, price, method, contract type, timing
``contract``         :class:`Contract` — winner, value, contract type, dates, items
``acceptance``       :class:`Acceptance` — an acceptance record (nghiệm thu) of a contract
``payment``          :class:`Payment` — an advance or a payment of a contract
``settlement``       :class:`Settlement` — the final settlement (values per component and contract)
===================  ==========================================================================

Money is exact (``Decimal`` đồng, after VAT: the values the decisions approve). The checks between
stages are in :mod:`ictcost.stages.rules`; the file format is documented in
``docs/concepts/stages.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from ictcost.keys import ProjectGroup
from ictcost.types import IsoDate, Money

__all__ = [
    "STAGES",
    "Acceptance",
    "Adjustment",
    "Approval",
    "Contract",
    "ContractItem",
    "ContractType",
    "Decision",
    "Dossier",
    "Party",
    "Payment",
    "PlanEntry",
    "PlannedPackage",
    "PolicyDecision",
    "SelectionPlan",
    "Service",
    "Settlement",
    "Stage",
    "contracts_json",
]

Stage = Literal[
    "plan",
    "policy",
    "approval",
    "adjustment",
    "selection_plan",
    "contract",
    "acceptance",
    "payment",
    "settlement",
]
"""The stages of a project, in their legal order."""

STAGES: tuple[Stage, ...] = (
    "plan",
    "policy",
    "approval",
    "adjustment",
    "selection_plan",
    "contract",
    "acceptance",
    "payment",
    "settlement",
)
"""The stages in their legal order (keys of the norm table ``stage-bases``)."""

ContractType = Literal[
    "lump_sum",
    "cost_plus",
    "fixed_unit_price",
    "adjustable_unit_price",
    "time_based",
    "output_based",
    "percentage",
    "mixed",
]
"""The eight contract types of Luật Đấu thầu 22/2023/QH15 Điều 64 (trọn gói, chi phí cộng phí,
theo đơn giá cố định, theo đơn giá điều chỉnh, theo thời gian, theo kết quả đầu ra, theo tỷ lệ
phần trăm, hỗn hợp), as listed in ``stage-thresholds`` row ``contract_types``."""

Service = Literal[
    "estimate",
    "appraisal",
    "bidding_documents",
    "bid_evaluation",
    "supervision",
    "audit",
    "project_management",
    "other",
]
"""What a consulting contract does for the packages it names: prepares the project and its estimate
(``estimate``), reviews it (``appraisal``), prepares the bidding documents (``bidding_documents``),
evaluates the bids (``bid_evaluation``), supervises the work (``supervision``), audits the
settlement (``audit``), manages the project for the owner (``project_management``: its advance
needs no guarantee, NĐ 254/2025 Điều 9 k2 b)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Text = Annotated[str, Field(min_length=1)]
Key = Annotated[str, Field(min_length=1, max_length=60)]


class Decision(_Model):
    """The document that approved a stage: its number, date and issuer.

    Attributes:
        number: The number as written (``123/QĐ-UBND``, ``05/2026/HĐ-CNTT``).
        date: The date it was signed.
        issuer: Who issued or signed it, when known.
        title: Its title (trích yếu), when known.
        file: Where a copy is (a path or an address), when known.
    """

    number: Text
    date: IsoDate
    issuer: str | None = None
    title: str | None = None
    file: str | None = None


class Party(_Model):
    """An organisation: its name and, when known, its tax code (the identity the checks compare).

    Two parties are the same organisation when their tax codes are equal, or, without a tax code on
    either side, when their names are equal after folding case, accents and spaces.
    """

    name: Text
    tax_code: Annotated[str, Field(pattern=r"^[0-9]{10}(-[0-9]{3})?$")] | None = None
    """The 10-digit tax code (mã số thuế), or 13 with a branch suffix (``0101234567-001``)."""


class PlanEntry(_Model):
    """The entry of the IT / digital-transformation plan the project comes from."""

    task: Text
    owner: Party
    year: Annotated[int, Field(ge=2000, le=2100)]
    budget: Money
    """The indicative budget (kinh phí dự kiến)."""
    decision: Decision


class PolicyDecision(_Model):
    """The investment policy decision (quyết định chủ trương đầu tư)."""

    total: Money
    """The preliminary total investment (sơ bộ tổng mức đầu tư)."""
    group: ProjectGroup | None = None
    decision: Decision


class Approval(_Model):
    """The approved project, KTKT report or outline and estimate.

    Attributes:
        document: What was approved (``feasibility_study``, ``ktkt_report``, ``outline``,
            ``rental_plan``).
        total: The approved total (tổng mức đầu tư, or the approved estimate's total).
        components: The approved totals by cost group key (``thiet_bi``, ``quan_ly_du_an`` …),
            when the decision lists them.
        estimate: The estimate's input file (an ictcost project, relative to the dossier's
            folder): its lines are the items the later stages are checked against.
        prepared_by: Who prepared the project and its estimate.
        appraised_by: Who appraised (or reviewed) it.
        decision: The approving decision.
    """

    document: Literal["feasibility_study", "ktkt_report", "outline", "rental_plan"]
    total: Money
    components: dict[Key, Money] = Field(default_factory=dict)
    estimate: Text | None = None
    prepared_by: Party | None = None
    appraised_by: Party | None = None
    decision: Decision


class Adjustment(_Model):
    """A decision that adjusts an approved stage (điều chỉnh), cited.

    Attributes:
        stage: The stage it adjusts (``policy``, ``approval``, ``selection_plan``, ``contract``).
        target: The contract or package it adjusts (for ``contract`` and ``selection_plan``).
        total: The new ceiling (the adjusted total, package price or contract value), if changed.
        components: New approved totals by cost group key, if changed.
        added: Items it adds (line ids of the estimate, or names of new items).
        dropped: Line ids it drops.
        reason: Why (the decision's grounds).
        decision: The adjusting decision.
    """

    stage: Literal["policy", "approval", "selection_plan", "contract"]
    target: Key | None = None
    total: Money | None = None
    components: dict[Key, Money] = Field(default_factory=dict)
    added: tuple[Text, ...] = ()
    dropped: tuple[Key, ...] = ()
    reason: str | None = None
    decision: Decision

    @model_validator(mode="after")
    def _target(self) -> Adjustment:
        if self.stage in ("selection_plan", "contract") and self.target is None:
            msg = f"an adjustment of the {self.stage} names its target (the package or contract id)"
            raise ValueError(msg)
        return self


class PlannedPackage(_Model):
    """A package (gói thầu) of the contractor-selection plan (Luật Đấu thầu 22/2023 Điều 39)."""

    id: Key
    name: Text
    kind: Literal["consulting", "non_consulting", "goods", "works", "mixed"]
    selection: Literal[
        "direct_appointment", "competitive_offer", "open_tender", "limited_tender", "other"
    ]
    contract_type: ContractType
    lines: tuple[Key, ...] = ()
    """The lines of the approved estimate the package covers."""
    price: Money
    """The package price (giá gói thầu) the plan approves."""
    start: IsoDate | None = None
    """When contractor selection is to start (the plan's quarter, as its first day)."""
    exemption: str | None = None
    """The legal ground for direct appointment regardless of value (as for the estimate's
    packages: a key of ``direct-appointment-grounds`` or a text citing the clause)."""
    ahead: bool = False
    """A package that must be selected before the project is approved (Luật Đấu thầu 22/2023
    Điều 37 k5: *gói thầu cần thực hiện trước*; Điều 42, đấu thầu trước): only such packages may
    be in a selection plan dated before the approval; their contracts still wait for it."""


class SelectionPlan(_Model):
    """The contractor-selection plan (kế hoạch lựa chọn nhà thầu)."""

    packages: Annotated[tuple[PlannedPackage, ...], Field(min_length=1)]
    decision: Decision

    def to_json(self, *, indent: int | None = 2) -> str:
        """The plan as JSON in the dossier's shape (defaults left out): paste it under
        ``selection_plan:``.
        """  # noqa: D205
        return self.model_dump_json(indent=indent, exclude_defaults=True)

    @model_validator(mode="after")
    def _distinct(self) -> SelectionPlan:
        ids = [p.id for p in self.packages]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            msg = f"package ids must be distinct: {', '.join(twice)} given twice"
            raise ValueError(msg)
        return self


class ContractItem(_Model):
    """One item of a contract, an acceptance or a settlement."""

    line: Key | None = None
    """The estimate line it delivers, when it names one."""
    name: Text
    model: str | None = None
    quantity: Annotated[Decimal, Field(ge=0)] | None = None
    amount: Money | None = None


class Contract(_Model):
    """A contract signed for a package.

    Attributes:
        id: The contract's key in the dossier.
        package: The package of the selection plan it is signed for.
        contractor: The winner.
        value: The contract value (giá hợp đồng, after VAT).
        type: The contract type (Luật Đấu thầu 22/2023 Điều 64).
        signed: The signing date.
        end: The end date, when known.
        result: The decision approving the contractor-selection result (KQLCNT), when known.
        winning_price: The winning price (giá trúng thầu) that decision approves, when known.
        advance_percent: The advance level the contract sets, as % of its value (NĐ 254/2025
            Điều 9 k1 a: the advance is agreed in the contract; no decree sets a % for contracts
            other than construction), when known.
        advance_guarantee: The advance guarantee (bảo lãnh tạm ứng: its number, date and the
            bank that issued it), when one is recorded; required for an advance above the
            threshold of NĐ 254/2025 Điều 9 k2 (1 tỷ đồng).
        items: What it delivers.
        services: For a consulting contract: what it does for which packages
            (``{"bidding_documents": ["GT-02"]}``); the same organisation may not also be their
            contractor.
        decision: The contract document itself (number and signing date).
    """

    id: Key
    package: Key
    contractor: Party
    value: Money
    type: ContractType
    signed: IsoDate
    end: IsoDate | None = None
    result: Decision | None = None
    winning_price: Money | None = None
    advance_percent: Annotated[Decimal, Field(gt=0, le=100)] | None = None
    advance_guarantee: Decision | None = None
    items: tuple[ContractItem, ...] = ()
    services: dict[Service, tuple[Key, ...]] = Field(default_factory=dict)
    decision: Decision

    @model_validator(mode="after")
    def _dates(self) -> Contract:
        if self.end is not None and self.end < self.signed:
            msg = f"the contract ends ({self.end}) before it is signed ({self.signed})"
            raise ValueError(msg)
        return self


def contracts_json(contracts: Sequence[Contract], *, indent: int | None = 2) -> str:
    """Contracts as JSON in the dossier's shape (defaults left out): paste it under
    ``contracts:``.
    """  # noqa: D205
    return (
        TypeAdapter(tuple[Contract, ...])
        .dump_json(tuple(contracts), indent=indent, exclude_defaults=True)
        .decode()
    )


class Acceptance(_Model):
    """An acceptance record (biên bản nghiệm thu) of a contract."""

    contract: Key
    date: IsoDate
    value: Money
    """The value accepted by this record."""
    final: bool = False
    """The final acceptance (nghiệm thu hoàn thành) of the contract."""
    items: tuple[ContractItem, ...] = ()
    by: Party | None = None
    """Who accepted on the owner's side."""
    decision: Decision


class Payment(_Model):
    """An advance (tạm ứng) or a payment (thanh toán) of a contract."""

    contract: Key
    date: IsoDate
    amount: Money
    kind: Literal["advance", "payment"]
    recovered: Money = Decimal(0)
    """Of a payment: the advance recovered from it (thu hồi tạm ứng), deducted from the cash paid."""
    decision: Decision


class Settlement(_Model):
    """The final settlement (quyết toán dự án hoàn thành).

    Attributes:
        total: The settled total.
        components: The value settled for each cost group.
        contracts: The value settled for each contract.
        items: What was settled, item by item.
        handed_over: The day the project was handed over for use (or the decision to stop it
            took effect): the start of the owner's time to file (NĐ 254/2025 Điều 46, NĐ
            193/2026 Điều 21), when known.
        filed: The day the owner filed the full settlement dossier, when known.
        review_submitted: The day the reviewing body submitted the reviewed settlement for
            approval, when known.
        decision: The decision approving the settlement (its date ends the approval's time).
    """

    total: Money
    components: dict[Key, Money] = Field(default_factory=dict)
    contracts: dict[Key, Money] = Field(default_factory=dict)
    items: tuple[ContractItem, ...] = ()
    handed_over: IsoDate | None = None
    filed: IsoDate | None = None
    review_submitted: IsoDate | None = None
    decision: Decision


class Dossier(_Model):
    """Every record of one project, from its plan entry to its settlement.

    Attributes:
        id: The project's key (unique in a portfolio).
        name: The project's name.
        owner: The investor (chủ đầu tư) or the unit that owns the task.
        plan … settlement: The stage records (each optional: a dossier may stop at any stage).
        adjustments: The adjusting decisions, in any order.
    """

    id: Key
    name: Text
    owner: Party
    plan: PlanEntry | None = None
    policy: PolicyDecision | None = None
    approval: Approval | None = None
    adjustments: tuple[Adjustment, ...] = ()
    selection_plan: SelectionPlan | None = None
    contracts: tuple[Contract, ...] = ()
    acceptances: tuple[Acceptance, ...] = ()
    payments: tuple[Payment, ...] = ()
    settlement: Settlement | None = None

    @model_validator(mode="after")
    def _references(self) -> Dossier:
        ids = [c.id for c in self.contracts]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            msg = f"contract ids must be distinct: {', '.join(twice)} given twice"
            raise ValueError(msg)
        known = set(ids)
        for what, refs in (
            ("acceptance", [a.contract for a in self.acceptances]),
            ("payment", [p.contract for p in self.payments]),
            ("settlement", list(self.settlement.contracts) if self.settlement else []),
        ):
            unknown = sorted({r for r in refs if r not in known})
            if unknown:
                msg = f"a {what} names a contract the dossier does not hold: {', '.join(unknown)}"
                raise ValueError(msg)
        return self

    def contract(self, contract_id: str) -> Contract:
        """Return a contract by id.

        Raises:
            KeyError: no contract has that id.
        """
        for c in self.contracts:
            if c.id == contract_id:
                return c
        raise KeyError(contract_id)

    def package(self, package_id: str) -> PlannedPackage | None:
        """Return a package of the selection plan by id (``None`` without one)."""
        if self.selection_plan is None:
            return None
        return next((p for p in self.selection_plan.packages if p.id == package_id), None)

    def adjustments_of(self, stage: str, target: str | None = None) -> list[Adjustment]:
        """The adjustments of a stage (and target), oldest first."""
        found = [a for a in self.adjustments if a.stage == stage and a.target == target]
        return sorted(found, key=lambda a: a.decision.date)

    @property
    def last_date(self) -> dt.date | None:
        """The latest date of any record (the date the dossier is read as of)."""
        dates = _dates(self)
        return max(dates) if dates else None


def _dates(d: Dossier) -> list[dt.date]:
    records = (d.plan, d.policy, d.approval, d.selection_plan, d.settlement)
    out = [rec.decision.date for rec in records if rec is not None]
    out += [a.decision.date for a in d.adjustments]
    out += [c.signed for c in d.contracts]
    out += [a.date for a in d.acceptances]
    out += [p.date for p in d.payments]
    return out
