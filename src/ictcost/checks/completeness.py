"""Completeness and price-evidence rules: the items an estimate must have, the quotations behind it.

These rules read the project as given (its lines, quotations and stated unit prices); the
completeness rules run with the recomputed estimate, whose contingency they read. The thresholds
(``min_quotes``, ``max_spread_percent``, ``max_distance_percent``) are ictcost's screening
defaults in :class:`~ictcost.checks.CheckConfig`, not legal numbers, except the three quotations
TT 18/2024 Điều 9 is quoted as asking for.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from ictcost.checks._base import Context, Hit, normalise
from ictcost.checks.rules import rule
from ictcost.money import exact

__all__: list[str] = []

_CENT = Decimal("0.01")


@rule(
    "COMPLETE-QLDA",
    severity="warning",
    basis="NĐ 73/2019 Điều 19; NĐ 45/2026 Điều 16; NĐ 224 Điều 49",
)
def _complete_management(ctx: Context) -> Iterator[Hit]:
    """The estimate has no project-management line.

    No line is of component `quan_ly_du_an`: project management is a component of every regime's
    cost structure (NĐ 73/2019 Điều 19, NĐ 45/2026 Điều 16, NĐ 224/2026 Điều 49) — except the
    TT 12/2020 structure of a rental plan under NĐ 73/2019, which has no management group.
    """
    if all(c.key != "quan_ly_du_an" for c in ctx.recomputed.components):
        return
    if all(ln.component != "quan_ly_du_an" for ln in ctx.project.lines):
        yield Hit()


_REQUIRED_CONSULTANCY = {
    "ktkt_report": "lap_bao_cao_ktkt",
    "feasibility_study": "lap_bao_cao_nghien_cuu_kha_thi",
}


@rule(
    "COMPLETE-CONSULTANCY",
    severity="warning",
    basis="NĐ 73/2019 Điều 19; NĐ 45/2026 Điều 16 k2 c; NĐ 224/2026 Điều 49 k2",
    cases=("none", "item"),
)
def _complete_consultancy(ctx: Context) -> Iterator[Hit]:
    """A consultancy item the form requires is missing.

    The estimate has no consultancy line (component `tu_van`), or the consultancy item its form
    requires is missing: for a KTKT report (`document: ktkt_report`) the cost of preparing the report
    (`lap_bao_cao_ktkt`), for an investment project the feasibility study
    (`lap_bao_cao_nghien_cuu_kha_thi`). A line counts when its fee item is the required one, or
    when its name says so (*lập … kinh tế*, *lập … khả thi*).
    """
    project = ctx.project
    if all(ln.component != "tu_van" for ln in project.lines):
        yield Hit(case="none")
        return
    form = project.project.document
    wanted = (
        _REQUIRED_CONSULTANCY.get(form) if project.project.project_kind == "investment" else None
    )
    if wanted is None:
        return
    items = {ln.fee.item for ln in project.lines if ln.fee is not None}
    names = [normalise(ln.name) for ln in project.lines if ln.component == "tu_van"]
    named = any("lập" in n and ("kinh tế" in n or "khả thi" in n) for n in names)
    if wanted not in items and not named:
        yield Hit({"item": wanted, "form": form}, case="item")


@rule("COMPLETE-SUPERVISION", severity="info", basis="TT 04/2020 Phụ lục 02 mục 3 (G_GSĐGĐT)")
def _complete_supervision(ctx: Context) -> Iterator[Hit]:
    """No line's name mentions supervision (*giám sát*).

    TT 04/2020 Phụ lục 02 mục 3 names the cost of supervision (G_GSĐGĐT). The check goes by
    name only, so it is an info, not a warning.
    """
    if not any("giám sát" in normalise(ln.name) for ln in ctx.project.lines):
        yield Hit()


@rule(
    "COMPLETE-CONTINGENCY",
    severity="warning",
    basis="NĐ 73/2019 Điều 19 k5; NĐ 45/2026 Điều 16; NĐ 224/2026 Điều 49 k2 đ",
)
def _complete_contingency(ctx: Context) -> Iterator[Hit]:
    """The estimate has no contingency.

    Neither a `contingency:` block nor a stated contingency (`stated.contingency`): contingency
    is a component of every regime (NĐ 73/2019 Điều 19 k5, NĐ 45/2026 Điều 16, NĐ 224/2026
    Điều 49 k2 đ) — except where the document's rule has no contingency item (a rental plan
    under NĐ 73/2019, TT 12/2020/TT-BTTTT: `contingency` rule `none`).
    """
    stated = ctx.project.stated
    if ctx.recomputed.contingency_rule == "none":
        return
    if ctx.recomputed.contingency is None and (stated is None or stated.contingency is None):
        yield Hit(field="contingency")


@rule(
    "COMPLETE-PRICE-EVIDENCE",
    severity="warning",
    basis="NĐ 45/2026 Điều 16 k4; NĐ 224/2026 Điều 49 k4 (methods of determining prices)",
)
def _complete_price_evidence(ctx: Context) -> Iterator[Hit]:
    """A unit price has no quotation, price list or stated basis.

    A line priced by quotation, market price, listed price or tender gives a bare unit price: no
    quotations, no price-list reference and no `basis`. The methods of determining prices
    (NĐ 45/2026 Điều 16 k4, NĐ 224/2026 Điều 49 k4) rest on such evidence.
    """
    for line in ctx.project.lines:
        if (
            line.method in ("quotation", "market_price", "listed_price", "tender")
            and line.unit_price is not None
            and not line.quotes
            and line.price is None
            and not line.basis
        ):
            yield Hit({"unit_price": line.unit_price}, line=line.id, field="unit_price")


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole × 100``, exact (compared with the thresholds as it is)."""
    with exact():
        return part / whole * 100


def _shown(percent: Decimal) -> Decimal:
    """A percentage as a finding reports it: two decimals, half up."""
    return percent.quantize(_CENT, rounding=ROUND_HALF_UP)


@rule(
    "MARKET-QUOTES-FEW",
    severity="warning",
    basis="ictcost screening threshold (configurable, default 3); the one quoted text that asks "
    "for 3 quotations, TT 18/2024 Điều 9, concerns quản trị, vận hành, bảo trì costs and allows "
    "fewer where fewer suppliers exist; no quotation count for purchases has been read",
    needs="input",
)
def _quotes_few(ctx: Context) -> Iterator[Hit]:
    """A quoted line has fewer quotations than the threshold, and no reason is given.

    A line priced by quotation or market price has fewer quotations than `min_quotes` (3,
    ictcost's default), no price-list reference and no `quotes_reason`. A unit price with only
    a `basis` counts as no quotation. The only text read that asks for 3 quotations, TT 18/2024
    Điều 9 (as quoted), is about the costs of quản trị, vận hành, bảo trì, not about buying
    equipment, and it allows fewer quotations where only one or two suppliers exist; so a line
    that gives its reason (`quotes_reason`: sole distributor, fewer suppliers) is recorded as
    `MARKET-QUOTES-FEW-JUSTIFIED` (info) instead of warned.
    """
    for line in ctx.project.lines:
        if line.method not in ("quotation", "market_price") or line.price is not None:
            continue
        if line.quotes_reason is not None:
            continue
        if len(line.quotes) < ctx.config.min_quotes:
            yield Hit(
                {"count": len(line.quotes), "expected": ctx.config.min_quotes},
                line=line.id,
                field="quotes",
            )


@rule(
    "MARKET-QUOTES-SPREAD",
    severity="warning",
    basis="screening threshold (configurable)",
    needs="input",
)
def _quotes_spread(ctx: Context) -> Iterator[Hit]:
    """The quotations of a line spread widely.

    (highest − lowest) / lowest of a quoted line's quotations is above `max_spread_percent`
    (20 %). `details.spread` is the spread in %, to two decimals.
    """
    for line in ctx.project.lines:
        if line.method not in ("quotation", "market_price"):
            continue
        prices = [q.unit_price for q in line.quotes]
        if len(prices) < 2 or min(prices) <= 0:
            continue
        spread = _percent(max(prices) - min(prices), min(prices))
        if spread > ctx.config.max_spread_percent:
            yield Hit(
                {
                    "spread": _shown(spread),
                    "threshold": ctx.config.max_spread_percent,
                    "lowest": min(prices),
                    "highest": max(prices),
                },
                line=line.id,
                field="quotes",
            )


@rule(
    "MARKET-PRICE-FAR",
    severity="warning",
    basis="screening threshold (configurable)",
    needs="input",
)
def _price_far(ctx: Context) -> Iterator[Hit]:
    """The unit price is far from the median of its quotations.

    The line's unit price (given, or stated by the estimate) is more than
    `max_distance_percent` (15 %) away from the median of its quotations. `details.distance` is
    the distance in %, to two decimals.
    """
    for line in ctx.project.lines:
        if line.method not in ("quotation", "market_price") or not line.quotes:
            continue
        stated = line.stated.unit_price if line.stated else None
        price = line.unit_price or stated
        median = statistics.median(q.unit_price for q in line.quotes)
        if price is None or median <= 0:
            continue
        distance = _percent(abs(price - median), median)
        if distance > ctx.config.max_distance_percent:
            yield Hit(
                {
                    "unit_price": price,
                    "median": median,
                    "distance": _shown(distance),
                    "threshold": ctx.config.max_distance_percent,
                },
                line=line.id,
                field="unit_price" if line.unit_price else "stated.unit_price",
            )
