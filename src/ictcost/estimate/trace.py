"""The typed trace of a line: how its amount was determined, as the formula's own result.

Every :class:`~ictcost.estimate.result.LineResult` carries one ``trace``, a discriminated union on
``kind``. It holds the typed values the method used, never text: the fee result itself (lookups,
interpolation, multipliers, K, minimum, composite parts) with the base lines; the quotations and the
rule that picked the price; the price-list cell; the software result with the instrument; the
expert items; the rental; a given amount with the document it rests on. Every consumer (the
workbook's live formulas, the checks, the renderer) reads these fields; none parses text.

Legal basis of each method: the ``cost-methods`` norm table of the regime in force (NĐ 73/2019
Điều 19 + TT 04/2020; NĐ 45/2026 Điều 16; NĐ 224/2026 Điều 49); the quotation pick rules and the
expert itemisation are ictcost's explicit inputs, not legal defaults.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ictcost.estimate.model import AnnuityRental, ExpertItem, PeriodRental, Quote
from ictcost.fees import FeeResult
from ictcost.keys import FeeRateOn
from ictcost.norms.registry import Citation
from ictcost.software.ucp import SoftwareCostResult

__all__ = [
    "AnnuityRentalTrace",
    "ExpertRow",
    "ExpertTrace",
    "FeeTrace",
    "GivenTrace",
    "LineTrace",
    "PeriodRentalTrace",
    "PriceListTrace",
    "QuotationTrace",
    "SoftwareTrace",
    "UnitPriceTrace",
]


class _Trace(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FeeTrace(_Trace):
    """A % norm fee (QĐ 1688): the fee result, the base it was computed on and the derived base.

    The base is derived from the norm's definition (``qd1688-items`` column ``base``,
    ``qd1688-bases``, the line parts of ``qd1688-parts``) unless the input overrides it with
    lines or an amount; the derived base is kept beside an override, with the difference.

    Attributes:
        fee: The fee result: lookups with their interpolation (Gt, Gb, Ga, Nb, Na), weights,
            K coefficients, minimum, rate and amount.
        base_lines: The lines whose pre-VAT amounts were summed into the base, in order (empty
            when the base was given as an amount).
        base_given: Whether the base was given as an amount instead of lines.
        base_source: ``derived`` (the norm's definition), ``lines`` or ``amount`` (an override).
        base_key: The base definition's key (``xay_lap_thiet_bi``, ``phan_mem_noi_bo`` …).
        derived_lines: The lines of the derived base.
        derived_base: The derived base in đồng, or ``None`` when it could not be derived.
        override_reason: The reason given for an override (it is then accepted).
        left_out: Lines of the derived base the override leaves out.
        added: Lines in the override that the derived base does not hold.
        assumed_parts: Lines placed in a part by a default that is not primary.
        rate_on: Which base the rate was read on (``own_part`` or ``project_total``).
    """

    kind: Literal["fee"] = "fee"
    fee: FeeResult
    base_lines: tuple[str, ...] = ()
    base_given: bool = False
    base_source: Literal["derived", "lines", "amount"] = "lines"
    base_key: str | None = None
    derived_lines: tuple[str, ...] = ()
    derived_base: Decimal | None = None
    override_reason: str | None = None
    left_out: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    assumed_parts: tuple[str, ...] = ()
    rate_on: FeeRateOn = "own_part"

    @property
    def base(self) -> Decimal:
        """The base in đồng, before VAT."""
        return self.fee.base

    @property
    def base_difference(self) -> Decimal | None:
        """The base used minus the derived base (0 when derived; ``None`` if not derivable)."""
        if self.derived_base is None:
            return None
        return self.fee.base - self.derived_base


class UnitPriceTrace(_Trace):
    """Quantity × a unit price given in the input."""

    kind: Literal["unit_price"] = "unit_price"
    quantity: Decimal
    unit_price: Decimal


class QuotationTrace(_Trace):
    """Quantity × the unit price picked from quotations (or comparable tender results).

    Attributes:
        quantity: The quantity.
        quotes: The quotations, as given.
        pick: The rule that picked the price: ``lowest``, ``median`` or ``mean``.
        unit_price: The picked unit price (exact; a mean may have decimals).
    """

    kind: Literal["quotations"] = "quotations"
    quantity: Decimal
    quotes: tuple[Quote, ...]
    pick: Literal["lowest", "median", "mean"]
    unit_price: Decimal


class PriceListTrace(_Trace):
    """Quantity × a unit price read from a price list (a norm pack of kind ``price_list``).

    Attributes:
        quantity: The quantity.
        price_list: The price list's table id.
        code: The item code (row).
        unit_price: The listed price.
        cell: The citation of the price-list cell (period, pack, override mark).
    """

    kind: Literal["price_list"] = "price_list"
    quantity: Decimal
    price_list: str
    code: str
    unit_price: Decimal
    cell: Citation


class SoftwareTrace(_Trace):
    """Internal software by the state use-case-point method (CV 2589/2011 → QĐ 671/2024).

    Attributes:
        software: The whole UCP result (TAW … G_PM, the annex tables, the constants used).
        instrument: The instrument applied (``software.method``), e.g. ``QĐ 671/QĐ-BTTTT``.
        input_file: The software input file that was read, if the input came from a file.
    """

    kind: Literal["software"] = "software"
    software: SoftwareCostResult
    instrument: str
    input_file: str | None = None


class ExpertRow(_Trace):
    """One item of an expert estimate, with its exact amount ``person_days × day_rate``."""

    item: ExpertItem
    amount: Decimal


class ExpertTrace(_Trace):
    """An itemised expert estimate: Σ person-days × day rate."""

    kind: Literal["expert"] = "expert"
    items: tuple[ExpertRow, ...]


class PeriodRentalTrace(_Trace):
    """An off-the-shelf service: price per period × periods."""

    kind: Literal["rental_periods"] = "rental_periods"
    rental: PeriodRental


class AnnuityRentalTrace(_Trace):
    """A custom service priced by the TT 12/2020/TT-BTTTT annuity formula.

    ``Gdv = [Tđ·r·(1+r)ⁿ − S·r] / [(1+r)ⁿ − 1]`` per period (divided once more by ``1 + r`` when
    paid at the beginning of the period), ``r = N / k``, ``Gtdv = Gdv × n``.

    Attributes:
        rental: The inputs (Tđ, S, N, k, n, timing).
        rate_per_period: ``r = N / 100 / k`` (exact).
        per_period: ``Gdv`` before VAT (exact).
    """

    kind: Literal["rental_annuity"] = "rental_annuity"
    rental: AnnuityRental
    rate_per_period: Decimal
    per_period: Decimal


class GivenTrace(_Trace):
    """An amount given in the input, with the document it rests on (contract, certificate …)."""

    kind: Literal["given"] = "given"
    amount: Decimal
    document: str


LineTrace = Annotated[
    FeeTrace
    | UnitPriceTrace
    | QuotationTrace
    | PriceListTrace
    | SoftwareTrace
    | ExpertTrace
    | PeriodRentalTrace
    | AnnuityRentalTrace
    | GivenTrace,
    Field(discriminator="kind"),
]
"""How a line's amount was determined (discriminated on ``kind``)."""
