"""Project-management and consultancy fees by the % norms of QĐ 1688/QĐ-BTTTT.

The general rule quoted from QĐ 1688 is ``Ci = Gi × Ni × Kđc``: the cost of item *i* is its base cost
*Gi* (before VAT) times the norm rate *Ni* (interpolated from the table) times the adjustment
coefficient *Kđc* (the product of the K coefficients that apply). ictcost computes, in ``Decimal``:

1. ``Gt = base / 10⁹`` (tỷ đồng), then for each table part the rate by linear interpolation
   between the bracketing breakpoints ``Gb < Gt ≤ Ga``::

       Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)

   (norms-and-regimes.md §1.4). Below the first or above the last breakpoint the table's range
   policy applies: ``flat`` (the end rate, as practised; the result is flagged) or ``error``;
   ``strict=True`` always raises.
2. The item's rate = Σ weight × Nt over its parts (the 0.84 and 1.65 multipliers, the
   40 % / 70 % / 70 % composite for thẩm tra báo cáo KTKT).
3. ``amount = base × rate / 100 × ΠK``, rounded once to whole đồng, half up.
4. The minimum seen in practice, if any, is applied after K (the result says so).

VAT is not part of the norm (norms exclude VAT, QĐ 1688 as quoted in R12).

From 2026-03-01 (NĐ 45/2026, then NĐ 224/2026) the % norms are not a listed cost method: the result
is then a **reference estimate** and says so in its notes.

The package holds the result and its notes (:mod:`ictcost.fees.result`) and the item rules with
the entry points (:mod:`ictcost.fees.items`); the interpolation is the pure function
:func:`interpolate` of :mod:`ictcost.norms.scale`, re-exported here. Every norm value is read
through a :class:`~ictcost.norms.view.NormView`: pass ``norms=registry.at(on)`` to price many fees
of one estimate with one view.

Examples:
    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> r = compute_fee("quan_ly_du_an", category="software", form="ktkt",
    ...                 base=Decimal("8500000000"), on=dt.date(2026, 1, 15))
    >>> r.rate_percent
    Decimal('1.7944375')
    >>> r.amount
    Decimal('152527188')
    >>> from ictcost import NormRegistry
    >>> view = NormRegistry.shipped().at("2026-01-15")
    >>> compute_fee("quan_ly_du_an", category="software", form="ktkt",
    ...             base=8_500_000_000, norms=view).amount
    Decimal('152527188')
"""

from ictcost.fees.items import (
    CONDITIONS,
    ITEMS_TABLE,
    K_TABLE,
    Category,
    Form,
    compute_fee,
    fee_items,
    table_fee,
)
from ictcost.fees.result import FeeResult, RateLookup
from ictcost.norms.scale import Interpolation, interpolate

__all__ = [
    "CONDITIONS",
    "ITEMS_TABLE",
    "K_TABLE",
    "Category",
    "FeeResult",
    "Form",
    "Interpolation",
    "RateLookup",
    "compute_fee",
    "fee_items",
    "interpolate",
    "table_fee",
]
