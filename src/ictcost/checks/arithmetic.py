"""Arithmetic rules: the stated figures against the recomputation, VAT, and the totals.

Each rule compares the figures a submitted estimate **states** (``stated:`` blocks) with the typed
fields of the recomputed estimate (:class:`~ictcost.estimate.LineResult`,
:class:`~ictcost.estimate.ComponentTotal`, :class:`~ictcost.estimate.ContingencyResult`); none
re-reads a norm table: the alternatives of a disputed VAT rate come with the line's citation.
Differences up to ``CheckConfig.amount_tolerance`` (1 đồng) or ``rate_tolerance`` are not findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ictcost.checks._base import Context, Hit, citations_of, difference, stated_lines
from ictcost.checks.rules import rule
from ictcost.estimate import ComponentTotal, FeeTrace, LineResult, SoftwareTrace, StatedLine
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import Citation

__all__: list[str] = []

_TT04_ART3 = "TT 04/2020 Điều 3 (tính đúng)"
_VAT_TABLE = "vat-rates"


def _recomputed_amount(ctx: Context, *, software: bool) -> Iterator[Hit]:
    tolerance = ctx.config.amount_tolerance
    for line, s, ours in stated_lines(ctx):
        if s.amount is None or isinstance(ours.trace, SoftwareTrace) != software:
            continue
        if abs(difference(s.amount, ours.amount)) <= tolerance:
            continue
        params: dict[str, Decimal | str] = {"stated": s.amount, "expected": ours.amount}
        if isinstance(ours.trace, SoftwareTrace):
            params["instrument"] = ours.trace.instrument
        yield Hit(
            params,
            line=line.id,
            field="stated.amount",
            amount=difference(s.amount, ours.amount),
            trace=None if software else ours.trace,
        )


@rule("ARITH-LINE", severity="error", basis=_TT04_ART3)
def _line_amount(ctx: Context) -> Iterator[Hit]:
    """A line's stated pre-VAT amount differs from the recomputed one.

    A line's stated pre-VAT amount (`stated.amount`) differs from the amount ictcost recomputes
    by the line's method by more than `amount_tolerance`; the message shows how ictcost computed
    it (the line's trace). For a use-case-point software line the code is `ARITH-SOFTWARE`
    instead. `amount` of the finding is the difference, and `details` hold the stated and
    expected amounts. TT 04/2020 Điều 3 asks that costs be computed correctly (*tính đúng*).
    """
    return _recomputed_amount(ctx, software=False)


@rule("ARITH-FEE-RATE", severity="error", basis="QĐ 1688/QĐ-BTTTT (as encoded)")
def _fee_rate(ctx: Context) -> Iterator[Hit]:
    """A % norm line states a rate that is not the norm's.

    A % norm line (`method: norm`) states a rate (`stated.rate_percent`) that differs from the
    rate of the QĐ 1688/QĐ-BTTTT tables for the item, base and form (the rate before the K
    coefficients, `LineResult.rate_percent`) by more than `rate_tolerance`. The finding cites the
    table values the rate was interpolated from. A rate stated as "table rate × multiplier" is
    right when the product is: with `stated.rate_multiplier` (2,644 % × 0,84), or, for a one-part
    item, the table rate alone when the stated amount is the norm's (the multiplier was applied
    in the amount).
    """
    for line, s, ours in stated_lines(ctx):
        rate = ours.rate_percent
        if s.rate_percent is None or not isinstance(ours.trace, FeeTrace) or rate is None:
            continue
        if not _rate_wrong(ctx, s, ours, ours.trace):
            continue
        if abs(difference(_stated_rate(s), rate)) > ctx.config.rate_tolerance:
            cited = tuple(c.to_citation() for lk in ours.trace.fee.lookups for c in lk.citations)
            yield Hit(
                {"stated": s.rate_percent, "expected": rate},
                line=line.id,
                field="stated.rate_percent",
                citations=cited,
            )


def _stated_rate(s: StatedLine) -> Decimal:
    assert s.rate_percent is not None
    if s.rate_multiplier is None:
        return s.rate_percent
    with exact():
        return s.rate_percent * s.rate_multiplier


def _rate_wrong(ctx: Context, s: StatedLine, ours: LineResult, trace: FeeTrace) -> bool:
    """Whether a stated rate is not the norm's, allowing "table rate × multiplier"."""
    assert s.rate_percent is not None
    assert ours.rate_percent is not None
    tolerance = ctx.config.rate_tolerance
    if abs(difference(_stated_rate(s), ours.rate_percent)) <= tolerance:
        return False
    lookups = trace.fee.lookups
    if s.rate_multiplier is None and len(lookups) == 1:
        table_rate = lookups[0].interpolation.rate
        same_amount = s.amount is not None and (
            abs(s.amount - ours.amount) <= ctx.config.amount_tolerance
        )
        if abs(difference(s.rate_percent, table_rate)) <= tolerance and same_amount:
            return False
    return True


@rule("ARITH-SOFTWARE", severity="error", basis="CV 2589/BTTTT-ƯDCNTT; QĐ 671/QĐ-BTTTT")
def _software_amount(ctx: Context) -> Iterator[Hit]:
    """A stated software cost differs from the use-case-point recomputation.

    A use-case-point software line (`method: calculation`) states an amount that differs from
    G_PM recomputed from its software input (actors, use cases, technical and environmental
    factors, labour rate) by the guidance selected by the input's date (CV 2589/BTTTT-ƯDCNTT,
    then QĐ 671/QĐ-BTTTT from 2024-04-26); the message names that guidance.
    """
    return _recomputed_amount(ctx, software=True)


@rule("ARITH-QTY-PRICE", severity="error", basis=_TT04_ART3)
def _quantity_price(ctx: Context) -> Iterator[Hit]:
    """A stated amount is not its quantity × the stated unit price.

    The line states both a unit price and an amount, and the amount is not its quantity × the
    stated unit price (rounded to whole đồng), within `amount_tolerance`. This is the estimate's
    own arithmetic, independent of the recomputation (TT 04/2020 Điều 3, *tính đúng*).
    """
    for line, s, _ in stated_lines(ctx):
        if s.amount is None or s.unit_price is None or line.quantity is None:
            continue
        product = round_vnd(line.quantity * s.unit_price)
        if abs(difference(s.amount, product)) > ctx.config.amount_tolerance:
            yield Hit(
                {
                    "stated": s.amount,
                    "quantity": line.quantity,
                    "unit_price": s.unit_price,
                    "expected": product,
                },
                line=line.id,
                field="stated.amount",
                amount=difference(s.amount, product),
            )


@rule("ARITH-VAT", severity="error", basis="Luật Thuế GTGT 48/2024")
def _vat_amount(ctx: Context) -> Iterator[Hit]:
    """A stated VAT amount is not amount × the stated rate.

    The line states an amount, a VAT rate and a VAT amount, and the VAT amount is not amount ×
    stated rate (rounded to whole đồng), within `amount_tolerance`. Whether the rate itself is
    right is `VAT-RATE`.
    """
    for line, s, _ in stated_lines(ctx):
        if s.vat is None or s.amount is None or s.vat_rate is None:
            continue
        vat = round_vnd(s.amount * s.vat_rate / 100)
        if abs(difference(s.vat, vat)) > ctx.config.amount_tolerance:
            yield Hit(
                {"stated": s.vat, "amount": s.amount, "rate": s.vat_rate, "expected": vat},
                line=line.id,
                field="stated.vat",
                amount=difference(s.vat, vat),
            )


@rule(
    "ARITH-TOTAL",
    severity="error",
    basis=_TT04_ART3,
    cases=("line", "amount_recomputed", "amount_lines", "component_unknown", "component", "total"),
)
def _totals(ctx: Context) -> Iterator[Hit]:
    """A stated subtotal or total does not add up.

    One of the stated totals differs from the sum of its parts, by more than `amount_tolerance`:

    * a line's `stated.total` is not its stated amount + stated VAT;
    * the project's `stated.amount` differs from the recomputed pre-VAT total, or is not the sum
      of the lines' stated amounts (when every line states its figures);
    * a stated component total (`stated.components`, after VAT, by group key such as
      `thiet_bi`, `quan_ly_du_an`, `tu_van`) differs from the recomputed component, or names a
      group the regime does not have;
    * the project's stated `vat`, `total` or `contingency` differs from the recomputation (a
      contingency that is stated but has no contingency input is taken as stated in the total).

    `details.part` names the project total concerned (`amount_recomputed`, `amount`, `vat`,
    `total`, `contingency` or the component key).
    """
    tolerance = ctx.config.amount_tolerance
    for line, s, _ in stated_lines(ctx):
        if s.total is None or s.amount is None:
            continue
        total = s.amount + (s.vat or Decimal(0))
        if abs(difference(s.total, total)) > tolerance:
            yield Hit(
                {"stated": s.total, "expected": total},
                case="line",
                line=line.id,
                field="stated.total",
                amount=difference(s.total, total),
            )
    yield from _project_totals(ctx)


def _project_totals(ctx: Context) -> Iterator[Hit]:
    e = ctx.recomputed
    st = ctx.project.stated
    if st is None:
        return
    tolerance = ctx.config.amount_tolerance
    # reference figures shown beside another line are not in the totals (reference_for)
    in_total = [ln for ln in ctx.project.lines if ln.reference_for is None]
    stated_lines_ = [ln.stated for ln in in_total if ln.stated is not None]
    if st.amount is not None and abs(difference(st.amount, e.amount)) > tolerance:
        yield Hit(
            {"part": "amount_recomputed", "stated": st.amount, "expected": e.amount},
            case="amount_recomputed",
            field="stated.amount",
            amount=difference(st.amount, e.amount),
        )
    if len(stated_lines_) == len(in_total) and st.amount is not None:
        total = sum(((s.amount or Decimal(0)) for s in stated_lines_), Decimal(0))
        if abs(difference(st.amount, total)) > tolerance:
            yield Hit(
                {"part": "amount", "stated": st.amount, "expected": total},
                case="amount_lines",
                field="stated.amount",
                amount=difference(st.amount, total),
            )
    components: dict[str, ComponentTotal] = {c.key: c for c in e.components}
    for key, stated in st.components.items():
        comp = components.get(key)
        if comp is None:
            yield Hit(
                {
                    "part": key,
                    "stated": stated,
                    "regime": e.regime.id,
                    "known": tuple(components),
                },
                case="component_unknown",
                field=f"stated.components.{key}",
                amount=stated,
            )
        elif abs(difference(stated, comp.total)) > tolerance:
            yield Hit(
                {
                    "part": key,
                    "label_vi": comp.label_vi,
                    "label_en": comp.label_en,
                    "stated": stated,
                    "expected": comp.total,
                },
                case="component",
                field=f"stated.components.{key}",
                amount=difference(stated, comp.total),
            )
    # a contingency that is only stated (no contingency input to recompute it) is taken as stated
    # in the recomputed total, so that the total compares like with like
    total = e.total
    if e.contingency is None and st.contingency is not None and ctx.project.contingency is None:
        total = e.total + st.contingency
    for part, stated_total, recomputed in (
        ("vat", st.vat, e.vat),
        ("total", st.total, total),
        ("contingency", st.contingency, e.contingency.total if e.contingency else None),
    ):
        if (
            stated_total is not None
            and recomputed is not None
            and abs(difference(stated_total, recomputed)) > tolerance
        ):
            yield Hit(
                {"part": part, "stated": stated_total, "expected": recomputed},
                case="total",
                field=f"stated.{part}",
                amount=difference(stated_total, recomputed),
            )


def _vat_citations(ours: LineResult) -> tuple[Citation, ...]:
    return citations_of(ours, _VAT_TABLE)


def _alternatives(ours: LineResult) -> set[Decimal]:
    """The rates other sources give for the line's disputed VAT cell (from its citation)."""
    return {
        alternative.number
        for citation in _vat_citations(ours)
        for alternative in citation.alternatives
        if alternative.number is not None
    }


@rule(
    "VAT-RATE",
    severity="error",
    basis="Luật 48/2024/QH15; NĐ 72/2024, NĐ 180/2024, NĐ 174/2025 (vat-rates table)",
    cases=("rate", "not_subject_stated", "not_applicable"),
)
def _vat_rate(ctx: Context) -> Iterator[Hit]:
    """The stated VAT rate is not the rate of the line's category on the date.

    A taxable line states a VAT rate that is not the rate of its category (`vat:` `general`,
    `it_goods_services`, `excluded_from_reduction` …) in the `vat-rates` table on the project
    date (Luật 48/2024/QH15 and the decrees that reduce the rate: NĐ 72/2024, NĐ 180/2024,
    NĐ 174/2025). Where the sources disagree and the table records an alternative value (IT goods
    and services from 2025-07-01: 8 %, alternative 10 %), a stated alternative is not a finding:
    the alternatives are read from the line's citation. A taxable line shown as *không chịu thuế*,
    or VAT charged on a cost outside VAT (`vat: not_applicable`), is also this finding.
    """
    for line, s, ours in stated_lines(ctx):
        cited = _vat_citations(ours)
        charged = s.vat_rate is not None or (s.vat is not None and s.vat > 0)
        if ours.vat_treatment == "taxable" and s.vat_rate is not None and ours.vat_rate is not None:
            if s.vat_rate != ours.vat_rate and s.vat_rate not in _alternatives(ours):
                yield Hit(
                    {"stated": s.vat_rate, "expected": ours.vat_rate, "category": line.vat},
                    case="rate",
                    line=line.id,
                    field="stated.vat_rate",
                    citations=cited,
                )
        elif ours.vat_treatment == "taxable" and s.vat_not_subject:
            yield Hit(
                {"expected": ours.vat_rate, "category": line.vat},
                case="not_subject_stated",
                line=line.id,
                field="stated.vat_not_subject",
                citations=cited,
            )
        elif ours.vat_treatment == "not_applicable" and charged:
            yield Hit(
                {"stated": s.vat_rate, "vat": s.vat},
                case="not_applicable",
                line=line.id,
                field="stated.vat_rate" if s.vat_rate is not None else "stated.vat",
            )


@rule("VAT-NOT-SUBJECT", severity="error", basis="Luật 48/2024/QH15 Điều 5 k21")
def _vat_not_subject(ctx: Context) -> Iterator[Hit]:
    """A line not subject to VAT is shown with a VAT rate or amount.

    A line whose category is not subject to VAT (software products and services, from
    2025-07-01: Luật 48/2024/QH15 Điều 5 k21) is shown with a VAT rate (0 % included) or a
    positive VAT amount. Software is *không chịu thuế* (the invoice shows KCT), which is not a
    0 % rate: state it with `vat_not_subject: true`.
    """
    for line, s, ours in stated_lines(ctx):
        if ours.vat_treatment != "not_subject":
            continue
        if s.vat_rate is not None or (s.vat is not None and s.vat > 0):
            yield Hit(
                {"stated": s.vat_rate, "vat": s.vat, "category": line.vat},
                line=line.id,
                field="stated.vat_rate" if s.vat_rate is not None else "stated.vat",
                citations=_vat_citations(ours),
            )
