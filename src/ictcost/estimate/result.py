"""The computed estimate: lines with their method and basis, component totals, VAT, contingency.

Rounding (the one documented place): each line's pre-VAT amount and its VAT are rounded to whole
đồng, half up, when the line is computed; every total is the exact sum of rounded lines, so a
workbook that sums the cells gives the same figures.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict

from ictcost.norms.registry import Citation

__all__ = ["ComponentTotal", "ContingencyResult", "Estimate", "LineResult", "PartRow"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PartRow(_Frozen):
    """A sub-row of a line's computation (a quotation, an expert item, a fee lookup …)."""

    label: str
    value: str
    detail: str | None = None


class LineResult(_Frozen):
    """One computed line.

    Attributes:
        id: The line id.
        component: The cost component key.
        group: The statutory group (``thiet_bi`` … ``chi_phi_khac``) the line is totalled in.
        name: The line's name.
        method: How the amount was determined.
        method_status: ``listed`` (a method the regime lists for the component), ``reference``
            (computed as a reference beside the listed methods), or ``given``.
        unit: The unit of quantity, if any.
        quantity: The quantity, if any.
        unit_price: The unit price, if any (exact).
        amount: The pre-VAT amount, whole đồng.
        vat_category: The VAT category given.
        vat_rate: The VAT rate in %, or ``None`` when the line is not subject to VAT.
        vat_treatment: ``taxable``, ``not_subject`` (không chịu thuế) or ``not_applicable``.
        vat: The VAT amount, whole đồng (0 when not taxable).
        total: ``amount + vat``.
        formula: The computation in words.
        parts: Sub-rows (quotations, expert items, fee lookups).
        basis: The document the figure rests on, if given.
        flags: Machine-readable flags (``reference_only``, ``below_range``, …).
        notes: Sentences for people.
        citations: The norm values used.
    """

    id: str
    component: str
    group: str
    name: str
    method: str
    method_status: str
    unit: str | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    amount: Decimal
    vat_category: str
    vat_rate: Decimal | None
    vat_treatment: str
    vat: Decimal
    total: Decimal
    rate_percent: Decimal | None = None
    """For norm lines: the item's rate in % of the base (before K)."""
    formula: str
    parts: tuple[PartRow, ...] = ()
    basis: str | None = None
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


class ComponentTotal(_Frozen):
    """The totals of one statutory group."""

    key: str
    label_vi: str
    label_en: str
    symbol: str
    amount: Decimal
    vat: Decimal
    total: Decimal
    line_ids: tuple[str, ...]


class ContingencyResult(_Frozen):
    """Contingency (dự phòng) by the regime's rule."""

    rule: str
    """``single_coefficient`` (TT 04/2020), ``quantity_and_escalation`` (NĐ 45 / NĐ 224),
    ``quantity_and_provisional`` (NĐ 224 rental plan)."""
    on: str
    base: Decimal
    rate_percent: Decimal | None = None
    volume_percent: Decimal | None = None
    volume_amount: Decimal = Decimal(0)
    escalation_amount: Decimal = Decimal(0)
    cap_percent: Decimal | None = None
    total: Decimal
    formula: str
    notes: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


class Estimate(_Frozen):
    """A computed estimate (tổng mức đầu tư or dự toán)."""

    name: str
    owner: str | None
    preparer: str | None
    date: dt.date
    form: str
    kind: str
    regime: str
    regime_in_force: str
    regime_description: str
    lines: tuple[LineResult, ...]
    components: tuple[ComponentTotal, ...]
    contingency: ContingencyResult | None
    amount: Decimal
    """Σ pre-VAT amounts of the lines."""
    vat: Decimal
    total_before_contingency: Decimal
    total: Decimal
    """The grand total (after VAT, with contingency), whole đồng."""
    total_in_words: str
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def line(self, line_id: str) -> LineResult:
        """Return a line by id.

        Raises:
            KeyError: no such line.
        """
        for line in self.lines:
            if line.id == line_id:
                return line
        raise KeyError(line_id)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the estimate as JSON (Decimals as exact strings)."""
        return self.model_dump_json(indent=indent)

    def to_markdown(self) -> str:
        """Return the estimate as Markdown (summary, lines, notes)."""
        from ictcost.report.text import to_markdown  # noqa: PLC0415 - avoids an import cycle

        return to_markdown(self)

    def _repr_html_(self) -> str:
        from ictcost.report.text import to_html  # noqa: PLC0415

        return to_html(self)

    def to_dataframe(self) -> Any:  # noqa: ANN401 - pandas.DataFrame, an optional dependency
        """Return the lines as a pandas DataFrame (``pandas`` extra; Decimals kept exact)."""
        from ictcost.report.text import to_dataframe  # noqa: PLC0415

        return to_dataframe(self)

    def rows(self) -> list[dict[str, Any]]:
        """Return one flat dict per line (for tables and DataFrames)."""
        return [
            {
                "id": ln.id,
                "group": ln.group,
                "component": ln.component,
                "name": ln.name,
                "method": ln.method,
                "method_status": ln.method_status,
                "unit": ln.unit,
                "quantity": ln.quantity,
                "unit_price": ln.unit_price,
                "amount": ln.amount,
                "vat_rate": ln.vat_rate,
                "vat_treatment": ln.vat_treatment,
                "vat": ln.vat,
                "total": ln.total,
                "basis": ln.basis,
            }
            for ln in self.lines
        ]
