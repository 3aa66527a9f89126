"""The project input of an estimate: metadata, line items with their methods, contingency.

A line states its cost component, the **method** that determines its amount, the data that method
needs, and its VAT category. Every legal number (norm rates, VAT rates, caps) comes from the norm
data on the project's date; every other parameter is an explicit input (no invented default).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ictcost.keys import (
    COMPONENTS,
    METHODS,
    Component,
    DocumentKind,
    EstimateKind,
    FeeRateOn,
    Method,
    Part,
    ProjectForm,
    ProjectGroup,
    ProjectKind,
)
from ictcost.money import MAX_PERIODS, MAX_PLACES, MAX_QUANTITY
from ictcost.types import IsoDate, Money

__all__ = [
    "COMPONENTS",
    "LEGACY_FORMS",
    "METHODS",
    "AnnuityRental",
    "Component",
    "ContingencyInput",
    "EscalationYear",
    "ExpertItem",
    "FeeSpec",
    "LineInput",
    "Method",
    "Package",
    "Payment",
    "PeriodRental",
    "PriceRef",
    "ProjectInput",
    "ProjectMeta",
    "Quote",
    "StatedLine",
    "StatedTotals",
]

Quantity = Annotated[Decimal, Field(ge=0, le=MAX_QUANTITY, decimal_places=MAX_PLACES)]
Percent = Annotated[Decimal, Field(ge=0, le=100)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


LEGACY_FORMS: dict[str, tuple[ProjectKind, DocumentKind]] = {
    "investment_project": ("investment", "feasibility_study"),
    "ktkt": ("investment", "ktkt_report"),
    "purchase": ("purchase", "feasibility_study"),
    "rental_plan": ("rental", "rental_plan"),
}
"""The project kind and document of each value of the deprecated field ``form`` (an input
mapping that keeps old inputs' results; the legal meaning of each pair is in the
``project-documents`` table)."""


class ProjectMeta(_Model):
    """Project metadata.

    What the project is and which document it is prepared in are two fields, ``project_kind`` and
    ``document`` (a purchase prepared as a báo cáo KTKT takes the KTKT columns); the old single
    field ``form`` is still read and mapped by :data:`LEGACY_FORMS`, with a deprecation note in
    the estimate.
    """

    name: Annotated[str, Field(min_length=1)]
    owner: str | None = None
    """Chủ đầu tư."""
    preparer: str | None = None
    """Đơn vị lập dự toán."""
    prepared_by: str | None = None
    """Người lập (the person who prepared the estimate; signs the statutory workbook)."""
    checked_by: str | None = None
    """Người chủ trì / kiểm tra (the person in charge who checked it; signs beside)."""
    signed_by: str | None = None
    """Người ký thay mặt đơn vị lập (signs for the preparing unit, with its seal)."""
    reviewer: str | None = None
    """Đơn vị thẩm tra (independent review)."""
    appraiser: str | None = None
    """Cơ quan / đơn vị thẩm định."""
    group: ProjectGroup | None = None
    """The project group, when stated (otherwise derived from the total where the law allows)."""
    warranty_months: Annotated[int, Field(ge=0)] | None = None
    """The warranty period the estimate or tender documents provide for."""
    allow_one_step_above_ceiling: bool = False
    """The decision-maker allowed a KTKT report above the ceiling (NĐ 45/224 allow it)."""
    shared_services: tuple[str, ...] = ()
    """Services already provided by shared infrastructure (for the overlap check)."""
    date: IsoDate
    """The date that selects the regime (decision / approval date, or the estimate's date)."""
    regime_override: str | None = None
    """Transitional override: an earlier regime the project stays on (recorded in the result)."""
    project_kind: ProjectKind
    """Dự án đầu tư, dự án mua sắm, thuê dịch vụ, nhiệm vụ chi thường xuyên."""
    document: DocumentKind
    """Báo cáo nghiên cứu khả thi, báo cáo KTKT, kế hoạch thuê, đề cương và dự toán chi tiết."""
    form: ProjectForm | None = None
    """Deprecated: the old single field (dự án, báo cáo KTKT, kế hoạch thuê, mua sắm), mapped to
    ``project_kind`` and ``document`` by :data:`LEGACY_FORMS`."""
    fee_rate_on: FeeRateOn = "own_part"
    """Which base a QĐ 1688 rate is read on: each part's own (default) or the project's total
    (an open legal reading, recorded in every fee result)."""
    end_date: IsoDate | None = None
    """The planned end of implementation (lines without a supply date are noted when a VAT rate
    changes before it)."""
    kind: EstimateKind = "du_toan"
    conditions: tuple[str, ...] = ()
    """Location conditions that select K coefficients: island, multi_province, …"""

    @model_validator(mode="before")
    @classmethod
    def _legacy_form(cls, data: Any) -> Any:  # noqa: ANN401 - any input of a model
        if not isinstance(data, dict) or data.get("form") is None:
            return data
        form = data["form"]
        mapped = LEGACY_FORMS.get(form) if isinstance(form, str) else None
        if mapped is None:
            return data  # the field's own validation reports the bad value
        kind, document = mapped
        given = (data.get("project_kind"), data.get("document"))
        if given == (None, None):
            return {**data, "project_kind": kind, "document": document}
        if given != (kind, document):
            msg = (
                f"form {form!r} means project_kind {kind!r} with document {document!r}, but "
                f"project_kind {given[0]!r} and document {given[1]!r} are given; drop 'form' "
                "(it is deprecated)"
            )
            raise ValueError(msg)
        return data


class PriceRef(_Model):
    """A unit price taken from a price list (a norm pack of kind ``price_list``)."""

    list: Annotated[str, Field(min_length=1)]
    """The price list's table id."""
    code: Annotated[str, Field(min_length=1)]
    """The item code (row key)."""


class Quote(_Model):
    """One supplier quotation or comparable tender result."""

    source: Annotated[str, Field(min_length=1)]
    """Supplier or tender reference."""
    unit_price: Money
    date: IsoDate | None = None
    reference: str | None = None


class ExpertItem(_Model):
    """One itemised line of an expert estimate: person-days × day rate."""

    description: Annotated[str, Field(min_length=1)]
    person_days: Quantity
    day_rate: Money


class FeeSpec(_Model):
    """A % norm fee (QĐ 1688).

    Its base is derived from the norm's own definition (tables ``qd1688-items`` column ``base`` and
    ``qd1688-bases``): the pre-VAT amounts of the lines of the named groups and of the fee's part.
    ``base_lines`` (line ids) or ``base`` (an amount) override it; with a ``base_reason`` the
    override is accepted and shown beside the derived base; without one it still computes, and
    the estimate notes the lines left out or added and the difference.
    """

    item: Annotated[str, Field(min_length=1)]
    category: Part
    """The part the fee is for: ``infrastructure`` (tables 'a') or ``software`` (tables 'b')."""
    base_lines: tuple[str, ...] = ()
    """Override: ids of the lines whose pre-VAT amounts make the base."""
    base: Money | None = None
    """Override: the base as an amount."""
    base_reason: Annotated[str, Field(min_length=1)] | None = None
    """Why the base differs from the norm's definition (accepts the override)."""
    conditions: tuple[str, ...] = ()
    """K conditions of this item, added to the project's."""

    @model_validator(mode="after")
    def _one_base(self) -> FeeSpec:
        if self.base_lines and self.base is not None:
            msg = "give at most one of 'base_lines' (line ids) or 'base' (an amount)"
            raise ValueError(msg)
        if self.base_reason is not None and not self.base_lines and self.base is None:
            msg = "'base_reason' explains an override: give 'base_lines' or 'base' with it"
            raise ValueError(msg)
        return self

    @property
    def overridden(self) -> bool:
        """Whether the base is given instead of derived."""
        return bool(self.base_lines) or self.base is not None


_PERIOD_MONTHS = {"tháng": 1, "quý": 3, "năm": 12}


class Payment(_Model):
    """One payment (or supply) of a line: its date and share of the line's amount."""

    date: IsoDate
    share_percent: Annotated[Decimal, Field(gt=0, le=100)]


class PeriodRental(_Model):
    """An off-the-shelf service: price per period × periods.

    With ``start`` the periods are dated (period ``i`` starts ``i × months_per_period`` months after
    it) and each is taxed at the VAT rate in force on its date.
    """

    price_per_period: Money
    periods: Annotated[int, Field(ge=1, le=MAX_PERIODS)]
    period: str = "tháng"
    start: IsoDate | None = None
    """The first period's start (supply) date."""
    months_per_period: Annotated[int, Field(ge=1, le=120)] | None = None
    """The length of a period in months (default from ``period``: tháng 1, quý 3, năm 12)."""

    @model_validator(mode="after")
    def _length(self) -> PeriodRental:
        if (
            self.start is not None
            and self.months_per_period is None
            and self.period not in _PERIOD_MONTHS
        ):
            msg = f"the length of a period {self.period!r} is not known: give months_per_period"
            raise ValueError(msg)
        return self

    @property
    def period_months(self) -> int:
        """The length of a period in months."""
        if self.months_per_period is not None:
            return self.months_per_period
        return _PERIOD_MONTHS.get(self.period, 1)


class AnnuityRental(_Model):
    """A custom service under TT 12/2020/TT-BTTTT: the annuity formula, every parameter explicit.

    ``Gdv = [Tđ × r × (1 + r)ⁿ − S × r] / [(1 + r)ⁿ − 1]`` per period (end-of-period payment;
    beginning-of-period divides further by ``1 + r``), ``r = N / k``, ``Gtdv = Gdv × n``.
    """

    build_cost: Money
    """Tđ: the cost of building the service, before VAT."""
    residual_value: Money
    """S: the residual value after straight-line depreciation."""
    annual_rate_percent: Annotated[Decimal, Field(gt=0, le=100)]
    """N: the average deposit rate of three banks, % per year (no default)."""
    periods_per_year: Annotated[int, Field(ge=1)]
    """k."""
    periods: Annotated[int, Field(ge=1, le=MAX_PERIODS)]
    """n: number of payment periods."""
    timing: Literal["end", "beginning"]
    start: IsoDate | None = None
    """The first period's start (supply) date: each period is taxed at the VAT rate of its date."""

    @model_validator(mode="after")
    def _whole_months(self) -> AnnuityRental:
        if self.start is not None and 12 % self.periods_per_year:
            msg = "dated periods need periods_per_year that divides 12 (1, 2, 3, 4, 6, 12)"
            raise ValueError(msg)
        return self

    @property
    def period_months(self) -> int:
        """The length of a period in months."""
        return 12 // self.periods_per_year


class StatedLine(_Model):
    """The figures a submitted estimate states for a line (possibly wrong: checks compare them)."""

    unit_price: Money | None = None
    amount: Money | None = None
    """Pre-VAT amount."""
    rate_percent: Annotated[Decimal, Field(ge=0)] | None = None
    """For norm lines: the % rate used."""
    rate_multiplier: Annotated[Decimal, Field(gt=0)] | None = None
    """For norm lines that state the table rate and a multiplier separately ("2,644 % × 0,84"):
    the multiplier (the rate used is ``rate_percent × rate_multiplier``)."""
    vat_rate: Percent | None = None
    vat_not_subject: bool = False
    """The estimate shows the line as không chịu thuế."""
    vat: Money | None = None
    total: Money | None = None
    basis_instrument: str | None = None
    """The instrument the line says it follows (e.g. ``CV 2589/BTTTT-ƯDCNTT``)."""


class StatedTotals(_Model):
    """The totals a submitted estimate states."""

    amount: Money | None = None
    vat: Money | None = None
    contingency: Money | None = None
    total: Money | None = None
    components: dict[str, Money] = Field(default_factory=dict)
    """Stated after-VAT totals by group key (``thiet_bi``, ``quan_ly_du_an`` …)."""


class Package(_Model):
    """A procurement package (gói thầu) of the project or procurement estimate."""

    id: Annotated[str, Field(min_length=1)]
    name: str | None = None
    kind: Literal["consulting", "non_consulting", "goods", "works", "mixed"]
    selection: Literal[
        "direct_appointment", "competitive_offer", "open_tender", "limited_tender", "other"
    ]
    lines: tuple[str, ...] = ()
    """Lines of the estimate the package covers (its value is their after-VAT total)."""
    value: Money | None = None
    """The package price, when it is not the sum of lines."""
    in_project: bool = True
    """False for a package of a procurement estimate that does not form a project."""
    exemption: str | None = None
    """The legal ground for direct appointment regardless of value: a key of the norm table
    ``direct-appointment-grounds`` (``k3_c`` is NĐ 214/2025 Điều 78 khoản 3 điểm c; đ is written
    ``dd``), or a text citing the clause (``Điều 78 khoản 3 điểm c``). Any other text is kept as
    written, but the checks report that it names no legal ground and do not lift the limit."""
    planned_date: IsoDate | None = None
    """When the contractor selection is planned to start (the contractor-selection plan's
    *thời gian bắt đầu tổ chức lựa chọn nhà thầu*); packages planned close together are compared
    for splitting."""


class LineInput(_Model):
    """One line of the estimate."""

    id: Annotated[str, Field(min_length=1, max_length=40)]
    component: Component
    name: Annotated[str, Field(min_length=1)]
    method: Method
    part: Part | None = None
    """The project part the line belongs to for the QĐ 1688 fee bases (default: the
    ``qd1688-parts`` table by component)."""
    reference_for: str | None = None
    """A reference figure shown beside the line with this id (priced by a listed method): it is
    computed and shown, but not summed into the totals or any fee base."""
    authority_method: str | None = None
    """The decision of a competent authority that sets the method for a cost the owner performs
    itself (NĐ 45/2026 Điều 16 k6, NĐ 224/2026 Điều 49 k6): the line's method counts as listed."""
    supply_date: IsoDate | None = None
    """When the goods or service is supplied (the VAT rate in force on that date applies)."""
    payments: tuple[Payment, ...] = ()
    """A payment schedule: each share is taxed at the VAT rate in force on its date."""
    vat: str
    """VAT category (a row of ``vat-rates``: ``general``, ``it_goods_services``, ``software`` …)
    or ``not_applicable`` for costs outside VAT (e.g. the owner's own management). A string, not
    :data:`ictcost.keys.VatCategory`: a user pack may add rows, so it is checked against the table
    in force on the project's date."""
    vat_rate: Percent | None = None
    """An explicit VAT rate in %, overriding the table (e.g. for dates it does not cover)."""
    unit: str | None = None
    quantity: Quantity | None = None
    unit_price: Money | None = None
    price: PriceRef | None = None
    quotes: tuple[Quote, ...] = ()
    pick: Literal["lowest", "median", "mean"] | None = None
    """The rule that picks the unit price among quotations or tender results."""
    quotes_reason: Annotated[str, Field(min_length=1)] | None = None
    """Why fewer quotations than usual are given (sole distributor, fewer suppliers): recorded
    by the review instead of a warning."""
    expert: tuple[ExpertItem, ...] = ()
    fee: FeeSpec | None = None
    software: str | dict[str, Any] | None = None
    """For ``calculation``: a software input file (relative to the project file) or a dict."""
    software_amount: Literal["G_PM"] = "G_PM"
    amount: Money | None = None
    """For ``fixed``, ``appraisal``, ``contract_value``, ``sector_norm``: the amount, pre-VAT."""
    rental: PeriodRental | AnnuityRental | None = None
    basis: str | None = None
    """The document the figure rests on (contract, appraisal certificate, …)."""
    model: str | None = None
    """Make and model of equipment (for the duplicate checks)."""
    note: str | None = None
    stated: StatedLine | None = None
    """The figures a submitted estimate states for this line."""

    @model_validator(mode="after")
    def _schedule(self) -> LineInput:
        if self.payments:
            total = sum((p.share_percent for p in self.payments), Decimal(0))
            if total != 100:
                msg = f"the payment shares add up to {total} %, not 100 %"
                raise ValueError(msg)
            if self.supply_date is not None:
                msg = "give either supply_date or payments, not both"
                raise ValueError(msg)
        if self.reference_for is not None and self.reference_for == self.id:
            msg = "a line cannot be the reference figure of itself"
            raise ValueError(msg)
        return self


class EscalationYear(_Model):
    """One year of the implementation schedule, for the price-escalation contingency."""

    year: Annotated[int, Field(ge=1, le=100)]
    """Years from the estimate's base date (1 = first year)."""
    share_percent: Percent
    """Share of the cost disbursed in that year."""
    index_percent: Annotated[Decimal, Field(ge=-100, le=100)]
    """The expected price index per year (%), chosen by the estimator (no default)."""


class ContingencyInput(_Model):
    """Contingency, by the rules of the regime in force (every parameter explicit).

    * Under TT 04/2020 (NĐ 73): one coefficient ``rate_percent`` (Kps) that includes escalation,
      capped by the ``contingency`` table (7 %, 5 % for a KTKT report).
    * Under NĐ 45/2026 and NĐ 224/2026: ``volume_percent`` for extra volume, plus ``escalation``
      (a schedule) — none of it fixed by the decree. A rental plan has no escalation part.
    """

    on: Literal["after_vat", "before_vat"]
    """Which totals of the other components the percentages apply to (no default)."""
    rate_percent: Percent | None = None
    volume_percent: Percent | None = None
    escalation: tuple[EscalationYear, ...] = ()
    escalation_amount: Money | None = None
    """A price-escalation amount computed elsewhere (with its basis), instead of a schedule."""
    basis: str | None = None


class ProjectInput(_Model):
    """A whole project: metadata, lines, contingency."""

    project: ProjectMeta
    lines: Annotated[tuple[LineInput, ...], Field(min_length=1)]
    contingency: ContingencyInput | None = None
    stated: StatedTotals | None = None
    packages: tuple[Package, ...] = ()

    def with_norm_bases(self) -> ProjectInput:
        """Return the project with every fee base overridden without a reason put back on the norm.

        An appraisal adopts the base the norm's definition gives (tables ``qd1688-bases``,
        ``qd1688-parts``) where the submitter overrode it without a ``base_reason``; an override
        with a reason is kept. The appraised value of such a fee is then the norm's, and the
        finding STRUCT-FEE-BASE gives the difference and the lines.
        """
        lines = tuple(
            line.model_copy(
                update={"fee": line.fee.model_copy(update={"base_lines": (), "base": None})}
            )
            if line.fee is not None and line.fee.overridden and line.fee.base_reason is None
            else line
            for line in self.lines
        )
        return self.model_copy(update={"lines": lines})

    @model_validator(mode="after")
    def _unique_ids(self) -> ProjectInput:
        seen: set[str] = set()
        for line in self.lines:
            if line.id in seen:
                msg = f"line id {line.id!r} is used twice; each line needs its own id"
                raise ValueError(msg)
            seen.add(line.id)
        for line in self.lines:
            if line.reference_for is not None and line.reference_for not in seen:
                msg = (
                    f"line {line.id!r}: reference_for names {line.reference_for!r}, which is "
                    "not a line of the estimate"
                )
                raise ValueError(msg)
        return self
