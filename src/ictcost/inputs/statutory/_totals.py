"""The stated totals of the summary (or of the only sheet): groups, contingency, grand total.

The groups' after-VAT totals become ``stated.components`` by the regime's group key; the total
before the contingency and the grand total give the stated amount, VAT and total; the amount in
words is compared with the grand total.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

from ictcost.inputs.statutory._amounts import ZERO
from ictcost.inputs.statutory._state import Context, Row, State, Table
from ictcost.inputs.statutory._text import fold, fold_words, shorten
from ictcost.words import amount_in_words

__all__ = ["stated_totals"]

_BEFORE_CONTINGENCY: Final = re.compile(r"(chua|truoc|khong)(gom|bao|tinh|co)?(gom)?duphong")


def stated_totals(ctx: Context, table: Table) -> dict[str, Any]:
    """The stated totals of the summary (or of the only sheet): groups, subtotal, grand total."""
    state = ctx.state
    stated: dict[str, Any] = {}
    components = _group_totals(ctx, table)
    if components:
        stated["components"] = components
    contingency = next((r for r in table.rows if r.kind == "contingency"), None)
    state.contingency = contingency
    if contingency is not None:
        value = _contingency_amount(contingency)
        ref = table.ref(state, contingency.row)
        if value is not None:
            stated["contingency"] = value
            state.marks["stated", "contingency"] = ref
            state.note(ref, "read", "contingency", f"stated contingency {value}")
    grand, before = _grand_and_before(table, contingency)
    if not ({"vat", "total"} & table.cols.keys()):
        _single_column_totals(state, table, grand, before, stated)
    else:
        _column_totals(state, table, grand, before, stated)
    for r in table.totals:
        if r is not grand and r is not before:
            state.note(table.ref(state, r.row), "skipped", "total", f"{shorten(r.label or '')!r}")
    if table.words is not None:
        _words_row(state, table, table.words, stated.get("total"))
    return stated


def _group_totals(ctx: Context, table: Table) -> dict[str, Decimal]:
    """The groups' stated after-VAT totals, by the regime's group key."""
    state = ctx.state
    components: dict[str, Decimal] = {}
    for r in table.rows:
        if r.kind != "group" or r.heading is None:
            continue
        figures = r.figures or (r.subtotal.figures if r.subtotal is not None else {})
        ref = table.ref(state, (r.subtotal or r).row)
        total = figures.get("total")
        if total is None and "amount" in figures and "vat" in figures:
            total = figures["amount"] + figures["vat"]
        if total is None:
            if figures:
                state.note(
                    ref, "skipped", "group", "no after-VAT total shown: not compared as a group"
                )
            continue
        key = (ctx.group_of or {}).get(r.heading)
        if key is None:
            state.note(
                ref,
                "skipped",
                "group",
                f"{r.heading} is in no group of the regime on the date: its total is not compared",
            )
            continue
        if key in components:
            state.note(ref, "assumed", "group", f"added to the stated total of group {key}")
        components[key] = components.get(key, ZERO) + total
        state.marks["stated", "components", key] = ref
        state.note(ref, "read", "group", f"stated total of group {key}: {total}")
    return components


def _column_totals(
    state: State,
    table: Table,
    grand: Row | None,
    before: Row | None,
    stated: dict[str, Any],
) -> None:
    """Totals of a table with VAT and after-VAT columns."""
    if grand is not None:
        ref = table.ref(state, grand.row)
        if "total" in grand.figures:
            stated["total"] = grand.figures["total"]
            state.marks["stated", "total"] = table.col_ref(state, grand.row, "total")
            state.note(ref, "read", "total", f"the grand total {stated['total']}")
        if state.contingency is None and before is None:
            _amount_vat(state, table, grand, stated)
        elif before is None:
            state.note(
                ref,
                "skipped",
                "total",
                "its before-VAT and VAT figures include the contingency (ictcost's stated "
                "amount and VAT do not): not compared",
            )
    if before is not None:
        _amount_vat(state, table, before, stated)


def _contingency_amount(r: Row) -> Decimal | None:
    f = r.figures
    if "total" in f:
        return f["total"]
    if "amount" in f:
        return f["amount"] + f.get("vat", ZERO)
    parts = [c.figures.get("total", c.figures.get("amount")) for c in r.children]
    values = [p for p in parts if p is not None]
    return sum(values, ZERO) if values else None


def _grand_and_before(table: Table, contingency: Row | None) -> tuple[Row | None, Row | None]:
    """The grand total row and the total before the contingency (or before VAT) row."""
    totals = table.totals
    if not totals:
        return None, None
    grand = totals[-1]
    before = None
    for r in totals[:-1]:
        key = fold(r.label or "")
        named = _BEFORE_CONTINGENCY.search(key) or "truocthue" in key or "chuathue" in key
        if named or (contingency is not None and r.row < contingency.row):
            before = r
    if contingency is not None and grand.row < contingency.row:
        return None, grand
    return grand, before


def _amount_vat(state: State, table: Table, r: Row, stated: dict[str, Any]) -> None:
    ref = table.ref(state, r.row)
    for name in ("amount", "vat"):
        if name in r.figures:
            stated[name] = r.figures[name]
            state.marks["stated", name] = table.col_ref(state, r.row, name)
    state.note(
        ref,
        "read",
        "total",
        "stated before-VAT amount and VAT: "
        + ", ".join(f"{n} {r.figures[n]}" for n in ("amount", "vat") if n in r.figures),
    )


def _single_column_totals(
    state: State,
    table: Table,
    grand: Row | None,
    before: Row | None,
    stated: dict[str, Any],
) -> None:
    """Totals of a table with one amount column: *Cộng trước thuế*, *Thuế GTGT*, *Tổng cộng*."""
    vat = next((v for v in table.vat_rows if "amount" in v.figures), None)
    if vat is not None:
        stated["vat"] = vat.figures["amount"]
        state.marks["stated", "vat"] = table.col_ref(state, vat.row, "amount")
        state.note(table.ref(state, vat.row), "read", "vat", f"stated VAT {stated['vat']}")
    if before is not None and "amount" in before.figures:
        stated["amount"] = before.figures["amount"]
        state.marks["stated", "amount"] = table.col_ref(state, before.row, "amount")
        state.note(
            table.ref(state, before.row), "read", "total", f"stated amount {stated['amount']}"
        )
    if grand is not None and "amount" in grand.figures:
        value = grand.figures["amount"]
        ref = table.ref(state, grand.row)
        if vat is not None or before is not None:
            stated["total"] = value
            state.marks["stated", "total"] = table.col_ref(state, grand.row, "amount")
            state.note(ref, "read", "total", f"the grand total {value}")
        else:
            stated["amount"] = value
            state.marks["stated", "amount"] = table.col_ref(state, grand.row, "amount")
            state.note(
                ref,
                "assumed",
                "total",
                f"the total {value} of a sheet without VAT: the stated amount before VAT",
            )


_WORD_SYNONYMS: Final = {"ngan": "nghin", "le": "linh", "tu": "bon", "lam": "nam", "chan": ""}


def _words_key(text: str) -> str:
    words = fold_words(text)
    if words and words[0] == "bang" and len(words) > 1 and words[1] == "chu":
        words = words[2:]
    words = [_WORD_SYNONYMS.get(w, w) for w in words]
    return " ".join(w for w in words if w and w not in {"dong", "vnd", "vnđ"})


def _words_row(state: State, table: Table, r: Row, total: Decimal | None) -> None:
    ref = table.ref(state, r.row)
    if total is None or total != total.to_integral_value():
        state.note(ref, "skipped", "words", "the amount in words (no grand total to compare)")
        return
    ours = {_words_key(amount_in_words(total, style=s)) for s in ("linh", "lẻ")}
    if _words_key(r.label or "") in ours:
        state.note(ref, "read", "words", f"the amount in words reads the grand total {total}")
    else:
        state.note(
            ref,
            "skipped",
            "words",
            f"the amount in words does not read the grand total {total} (ictcost reads "
            f"{amount_in_words(total)!r}): not compared further",
        )
