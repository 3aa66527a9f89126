"""A line's VAT category: from the rate it shows, its VAT amount, a VAT row, or its component.

Each inference is reported: a rate shown is read (``KCT`` → ``software``), a VAT amount that is
the amount × a rate of the VAT table gives that rate's category, otherwise the component decides.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ictcost.errors import IctcostError
from ictcost.inputs._rows import vat_inference
from ictcost.inputs.statutory._amounts import percents_in
from ictcost.inputs.statutory._state import Context, Row, Table
from ictcost.money import round_vnd

__all__ = ["line_vat"]


def line_vat(
    ctx: Context,
    table: Table,
    r: Row,
    *,
    component: str,
    amount: Decimal | None,
    line_id: str,
) -> tuple[str, Decimal | None, bool]:
    """The line's VAT category, the rate it states and whether it states *không chịu thuế*."""
    state = ctx.state
    ref = table.col_ref(state, r.row, "vat_rate") if "vat_rate" in table.cols else None
    infer = vat_inference(ctx.registry, ctx.meta.get("date"))
    rate, not_subject = r.rate.rate, r.rate.not_subject
    if not_subject or rate is not None:
        category = infer(rate, not_subject)
        where = ref or table.ref(state, r.row)
        if not_subject or any(rate in rates for _, rates in _category_rates(ctx)):
            shown = "không chịu thuế" if not_subject else f"{rate} %"
            state.note(where, "read", "vat", f"VAT {shown}: category {category}", line=line_id)
        else:
            state.note(
                where,
                "assumed",
                "vat",
                f"VAT {rate} %: no category has this rate on the date: {category} (the check "
                "reports the rate)",
                line=line_id,
            )
        return category, rate, not_subject
    vat = r.figures.get("vat")
    where = table.col_ref(state, r.row, "vat") if "vat" in table.cols else table.ref(state, r.row)
    sheet_rate = _sheet_vat_rate(table, r)
    if vat is None and sheet_rate is not None:
        category = infer(sheet_rate, False)  # noqa: FBT003 - the callback's flag
        state.note(
            table.ref(state, r.row),
            "assumed",
            "vat",
            f"no VAT shown: the rate {sheet_rate} % of the VAT row below applies ({category})",
            line=line_id,
        )
        return category, None, False
    if vat is not None and vat > 0 and amount:
        for category, rates in _category_rates(ctx):
            if any(round_vnd(amount * x / 100) == vat for x in rates):
                state.note(
                    where,
                    "assumed",
                    "vat",
                    f"VAT {vat} = amount × a rate of {category}: category {category}",
                    line=line_id,
                )
                return category, None, False
        state.note(
            where,
            "assumed",
            "vat",
            f"VAT {vat} is the amount × no rate of the VAT table: category general (the check "
            "reports the VAT)",
            line=line_id,
        )
        return "general", None, False
    if component == "phan_mem_noi_bo":
        category, why = "software", "software is not subject to VAT"
    elif component == "quan_ly_du_an" or vat == 0:
        category, why = "not_applicable", "no VAT shown"
    else:
        category, why = "general", "no VAT shown for the line"
    state.note(where, "assumed", "vat", f"{why}: category {category}", line=line_id)
    return category, None, False


def _category_rates(ctx: Context) -> list[tuple[str, set[Decimal]]]:
    date = ctx.meta.get("date")
    out: list[tuple[str, set[Decimal]]] = []
    if not isinstance(date, dt.date):
        return out
    try:
        table = ctx.registry.get("vat-rates", date)
    except IctcostError:
        return out
    for row in table.rows():
        if "rate" in row.values:
            cell = row.values["rate"]
            values = {cell.value, *(a.value for a in cell.alternatives)}
            out.append((row.name, {v for v in values if isinstance(v, Decimal)}))
    out.sort(key=lambda item: item[0] != "general")
    return out


def _sheet_vat_rate(table: Table, r: Row) -> Decimal | None:
    """The rate of the first VAT row below the line (``Thuế GTGT 8%``)."""
    for v in table.vat_rows:
        if v.row > r.row:
            rates = percents_in(v.label) or percents_in(v.formula)
            if v.rate.rate is not None:
                return v.rate.rate
            return rates[0] if rates else None
    return None
