"""The summary of an estimate as rows (a view-model): one per statutory group, G_DP, the total.

Every output that shows the summary table (Markdown, HTML, the console, the workbook's *Tổng hợp*)
reads these rows, so the table has one definition: the groups in the estimate's order, numbered
from 1; optionally the subtotal before contingency; the contingency ``G_DP`` when the estimate has
one (its pre-VAT and VAT cells stay empty: the percentage applies to a total); and the grand total.

Examples:
    >>> from ictcost.estimate import compute_estimate, load_project
    >>> e = compute_estimate(load_project({
    ...     "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
    ...     "lines": [{"id": "TB-01", "component": "thiet_bi", "name": "Máy chủ",
    ...                "method": "quotation", "vat": "general", "quantity": 2,
    ...                "unit_price": 100_000_000}],
    ...     "contingency": {"on": "after_vat", "rate_percent": 5}}))
    >>> [(r.symbol, r.total) for r in summary_rows(e) if r.total]
    [('G_TB', Decimal('216000000')), ('G_DP', Decimal('10800000')), ('', Decimal('226800000'))]
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from ictcost.estimate.result import Estimate

__all__ = ["CONTINGENCY_SYMBOL", "SummaryKind", "SummaryRow", "summary_rows"]

SummaryKind = Literal["group", "subtotal", "contingency", "total"]
"""What a summary row stands for."""

CONTINGENCY_SYMBOL: Final = "G_DP"
"""The symbol of the contingency row (chi phí dự phòng)."""


class SummaryRow(BaseModel):
    """One row of the summary table.

    Attributes:
        kind: ``group`` (a statutory group), ``subtotal`` (before contingency), ``contingency``
            or ``total``.
        number: The row number shown (STT): groups from 1, the contingency after them; ``None``
            for the subtotal and the total.
        key: The group key, or the kind for the other rows.
        symbol: The group's symbol (``G_TB``), ``G_DP``, or ``""``.
        label_vi: The Vietnamese label.
        label_en: The English label.
        amount: The pre-VAT amount, whole đồng (``None`` for the contingency).
        vat: The VAT, whole đồng (``None`` for the contingency).
        total: The amount after VAT (the grand total includes the contingency).
        line_ids: The lines totalled in a group row (empty for the other rows).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: SummaryKind
    number: int | None
    key: str
    symbol: str
    label_vi: str
    label_en: str
    amount: Decimal | None
    vat: Decimal | None
    total: Decimal
    line_ids: tuple[str, ...] = ()

    @property
    def emphasised(self) -> bool:
        """Whether the row is a total (shown in bold)."""
        return self.kind in {"subtotal", "total"}


def summary_rows(estimate: Estimate, *, subtotal: bool = False) -> tuple[SummaryRow, ...]:
    """Return the summary table of an estimate, in order.

    Args:
        estimate: The computed estimate.
        subtotal: Insert the subtotal before contingency (``Cộng (chưa gồm dự phòng)``) after the
            groups, as the workbook shows it.

    Returns:
        The group rows, the subtotal if asked for, the contingency if the estimate has one, and
        the grand total (``amount`` and ``vat`` of the lines, ``total`` with the contingency).
    """
    e = estimate
    rows = [
        SummaryRow(
            kind="group",
            number=n,
            key=c.key,
            symbol=c.symbol,
            label_vi=c.label_vi,
            label_en=c.label_en,
            amount=c.amount,
            vat=c.vat,
            total=c.total,
            line_ids=c.line_ids,
        )
        for n, c in enumerate(e.components, 1)
    ]
    if subtotal:
        rows.append(
            SummaryRow(
                kind="subtotal",
                number=None,
                key="subtotal",
                symbol="",
                label_vi="Cộng (chưa gồm dự phòng)",
                label_en="Subtotal (before contingency)",
                amount=e.amount,
                vat=e.vat,
                total=e.total_before_contingency,
            )
        )
    if e.contingency is not None:
        rows.append(
            SummaryRow(
                kind="contingency",
                number=len(e.components) + 1,
                key="contingency",
                symbol=CONTINGENCY_SYMBOL,
                label_vi="Chi phí dự phòng",
                label_en="Contingency",
                amount=None,
                vat=None,
                total=e.contingency.total,
            )
        )
    rows.append(
        SummaryRow(
            kind="total",
            number=None,
            key="total",
            symbol="",
            label_vi="Tổng cộng",
            label_en="Total",
            amount=e.amount,
            vat=e.vat,
            total=e.total,
        )
    )
    return tuple(rows)
