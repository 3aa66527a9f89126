"""Contingency (dự phòng) by the rule of the regime in force, every parameter explicit.

* TT 04/2020/TT-BTTTT (NĐ 73/2019): one coefficient Kps that includes escalation, capped by the
  ``contingency`` table (7 %, 5 % for a KTKT report): ``Gdp = base × Kps``.
* NĐ 45/2026 and NĐ 224/2026: an extra-volume part ``base × volume %`` plus a price-escalation
  part (a schedule or an amount); none of the percentages is fixed by the decree.
* NĐ 224/2026 rental plan (Điều 67 k2 h): the volume part only, no escalation.
* A rental plan under NĐ 73/2019 (TT 12/2020/TT-BTTTT, Gt = Gtdv + Gv + Gbt + Gk): no contingency
  item at all (``parts: none``); a contingency block is refused.

The escalation schedule uses the construction-practice formula
``Σ base × share × ((1 + index)^year − 1)`` on the value **before any contingency** (as the
construction cost rules compute the price-escalation contingency on the investment value before
contingency, TT 11/2021/TT-BXD; the IT decrees fix no formula — inferred, the result says so).
Before this release the schedule was applied to base + the volume part (appraisal-review E9).

Only the contingency of a cost estimate (dự toán) is encoded: the contingency of a total
investment (tổng mức đầu tư, TT 04/2020 Phụ lục 01 point 1.4) was not read, so an estimate of kind
``tong_muc_dau_tu`` with a contingency block is refused with a message saying so.
"""

from __future__ import annotations

from decimal import Decimal

from ictcost.errors import InputError, NormNotFoundError
from ictcost.estimate._context import Context
from ictcost.estimate.model import ContingencyInput
from ictcost.estimate.result import ComponentTotal, ContingencyResult
from ictcost.money import exact, round_vnd
from ictcost.norms.registry import CitedValue
from ictcost.notes import Note, note

__all__ = ["compute_contingency"]


def compute_contingency(
    ctx: Context, spec: ContingencyInput | None, components: list[ComponentTotal]
) -> ContingencyResult | None:
    """Compute the contingency by the regime's rule (``contingency`` table).

    Args:
        ctx: The estimate's context (regime, rule date, form).
        spec: The contingency input, or ``None`` for none.
        components: The statutory group totals the percentages apply to.

    Returns:
        The contingency with every part typed, or ``None``.

    Raises:
        InputError: no rule for the date or form, a parameter of another regime's rule, a rate
            above the cap, escalation shares that do not add up to 100 %.
    """
    if spec is None:
        return None
    meta = ctx.project.project
    if meta.kind == "tong_muc_dau_tu":
        raise InputError(
            "the contingency of a total investment (tổng mức đầu tư) is not encoded: its rule "
            "(TT 04/2020 Phụ lục 01 point 1.4, or its successors) was not read, and the caps of "
            "the table contingency are those of a cost estimate (dự toán)",
            field="contingency",
            hint="compute the contingency elsewhere and add it as a 'fixed' line of component "
            "chi_phi_khac with its basis, or set kind: du_toan if this is a cost estimate",
        )
    row_key = ctx.profile.contingency_row
    try:
        table = ctx.rule_norms.table("contingency")
    except NormNotFoundError as exc:
        raise InputError(
            f"no contingency rule is encoded for {ctx.rule_date}",
            field="contingency",
            hint="omit the block and add a 'fixed' line with its basis",
        ) from exc
    if table.version.row(row_key) is None:
        raise InputError(
            f"no contingency rule is encoded for: {ctx.profile.label_en}, under {ctx.regime.id}",
            field="contingency",
            hint="omit the contingency block and add a 'fixed' line with its basis",
        )
    cites = [table.value(row_key, "parts"), table.value(row_key, "escalation")]
    cap = None
    if table.has(row_key, "max_rate") and table.value(row_key, "max_rate").value is not None:
        cites.append(table.value(row_key, "max_rate"))
        cap = cites[-1].number
    base = sum(((c.total if spec.on == "after_vat" else c.amount) for c in components), Decimal(0))
    rule = str(cites[0].value)
    if rule == "none":
        row = table.version.row(row_key)
        raise InputError(
            f"{ctx.profile.label_en}: no contingency item under {ctx.regime.id} "
            f"({cites[0].instrument}: {(row.note if row else None) or 'no dự phòng item'})",
            field="contingency",
            hint="remove the contingency block",
        )
    if rule == "single_coefficient":
        return _single_coefficient(ctx, spec, base, cap, cites)
    return _two_parts(ctx, spec, base, rule, cites, cap=cap)


def _single_coefficient(
    ctx: Context,
    spec: ContingencyInput,
    base: Decimal,
    cap: Decimal | None,
    cites: list[CitedValue],
) -> ContingencyResult:
    if (
        spec.rate_percent is None
        or spec.volume_percent is not None
        or spec.escalation
        or spec.escalation_amount is not None
    ):
        raise InputError(
            "under TT 04/2020 contingency is one coefficient Kps that includes "
            "escalation: give rate_percent only",
            field="contingency",
            hint="e.g. contingency: {on: after_vat, rate_percent: 5}",
        )
    if cap is not None and spec.rate_percent > cap:
        raise InputError(
            f"contingency rate {spec.rate_percent} % is above the cap of {cap} % "
            f"for: {ctx.profile.label_en} ({cites[-1].instrument})",
            field="contingency.rate_percent",
            hint=f"use at most {cap} %",
        )
    total = round_vnd(base * spec.rate_percent / 100)
    notes: list[Note] = []
    if ctx.tt18_signed.applies_on(ctx.date):
        notes.append(note("contingency.tt18_not_read", signed=ctx.tt18_signed.date.isoformat()))
    return ContingencyResult(
        notes=tuple(notes),
        rule="single_coefficient",
        on=spec.on,
        base=base,
        rate_percent=spec.rate_percent,
        cap_percent=cap,
        volume_amount=total,
        total=total,
        citations=tuple(ctx.citation(c) for c in cites),
    )


def _two_parts(
    ctx: Context,
    spec: ContingencyInput,
    base: Decimal,
    rule: str,
    cites: list[CitedValue],
    *,
    cap: Decimal | None,
) -> ContingencyResult:
    if spec.rate_percent is not None and rule == "quantity_only" and spec.volume_percent is None:
        spec = spec.model_copy(update={"volume_percent": spec.rate_percent, "rate_percent": None})
    if spec.rate_percent is not None:
        raise InputError(
            f"under NĐ {ctx.regime.decree} contingency has separate parts: give "
            "volume_percent (and the escalation), not rate_percent",
            field="contingency.rate_percent",
            hint="e.g. {on: after_vat, volume_percent: 5, escalation: [...]}",
        )
    if spec.volume_percent is None:
        raise InputError(
            "the extra-volume part needs volume_percent (no % is fixed by the "
            "decree, so it is an explicit input)",
            field="contingency.volume_percent",
            hint="give the percentage the estimate uses",
        )
    no_escalation = str(cites[1].value) == "none"
    if no_escalation and (spec.escalation or spec.escalation_amount is not None):
        raise InputError(
            f"the contingency of {ctx.profile.label_en} has no price-escalation part "
            f"({cites[1].instrument})",
            field="contingency.escalation",
            hint="remove escalation and escalation_amount",
        )
    if cap is not None and spec.volume_percent > cap:
        raise InputError(
            f"the extra-volume contingency {spec.volume_percent} % is above the cap of {cap} % "
            f"for: {ctx.profile.label_en} ({cites[-1].instrument})",
            field="contingency.volume_percent",
            hint=f"use at most {cap} %",
        )
    if not no_escalation and not spec.escalation and spec.escalation_amount is None:
        raise InputError(
            "the price-escalation part needs a schedule or an amount (it may be 0)",
            field="contingency.escalation",
            hint="give escalation: [{year, share_percent, index_percent}, …] or "
            "escalation_amount with its basis",
        )
    volume = round_vnd(base * spec.volume_percent / 100)
    notes: list[Note] = []
    escalation = spec.escalation_amount or Decimal(0)
    escalation_base = None
    if spec.escalation:
        escalation_base = base
        escalation = _escalation(spec, escalation_base)
        notes.append(note("contingency.escalation_formula_inferred"))
    return ContingencyResult(
        rule=rule,
        on=spec.on,
        base=base,
        volume_percent=spec.volume_percent,
        volume_amount=volume,
        escalation_amount=escalation,
        escalation=spec.escalation,
        escalation_base=escalation_base,
        total=volume + escalation,
        notes=tuple(notes),
        citations=tuple(ctx.citation(c) for c in cites),
    )


def _escalation(spec: ContingencyInput, base: Decimal) -> Decimal:
    shares = sum((y.share_percent for y in spec.escalation), Decimal(0))
    if shares != 100:
        raise InputError(
            f"the escalation schedule's shares add up to {shares} %, not 100 %",
            field="contingency.escalation",
            hint="the shares are the disbursement of the cost by year",
        )
    with exact():
        total = sum(
            (
                base * y.share_percent / 100 * ((1 + y.index_percent / 100) ** y.year - 1)
                for y in spec.escalation
            ),
            Decimal(0),
        )
    return round_vnd(total)
