"""Turning the tables' rows into the project's lines, each placed in its component.

A detail sheet's lines replace the summary's row for the group they cover; a row with rows
under it is a subtotal compared with them; every line is a ``fixed`` line with the workbook's
figures in its ``stated`` block, its id its place in the table (``I.1.a``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ictcost.documents import document_profile
from ictcost.errors import IctcostError, InputError
from ictcost.inputs._rows import DEFAULT_BASIS
from ictcost.inputs.statutory._amounts import ZERO
from ictcost.inputs.statutory._groups import CONTINGENCY, FAMILY, Heading, match_heading
from ictcost.inputs.statutory._report import entry_problem
from ictcost.inputs.statutory._state import Context, Row, State, Table, descendants
from ictcost.inputs.statutory._text import fold, shorten
from ictcost.inputs.statutory._totals import stated_totals
from ictcost.inputs.statutory._vat import line_vat
from ictcost.norms.registry import NormRegistry
from ictcost.structure import group_by_component, statutory_groups

__all__ = ["assemble"]


def assemble(
    state: State, tables: list[Table], meta: dict[str, Any], registry: NormRegistry
) -> dict[str, Any]:
    ctx = Context(state, registry, meta, _group_keys(registry, meta))
    summary = next((t for t in tables if t.kind == "summary"), None)
    details = [t for t in tables if t is not summary]
    several = len(tables) > 1
    for t in details:
        t.heading = _sheet_heading(state, t)
    covered: dict[Heading, Table] = {}
    for t in details:
        for heading in _read_lines(ctx, t, prefix=_prefix(t) if several else ""):
            covered.setdefault(heading, t)
    stated: dict[str, Any] = {}
    if summary is not None:
        _read_lines(ctx, summary, prefix="", covered=covered)
        stated = stated_totals(ctx, summary)
    elif len(details) == 1:
        stated = stated_totals(ctx, details[0])
    else:
        for t in details:
            for r in t.totals:
                state.note(
                    t.ref(state, r.row),
                    "skipped",
                    "total",
                    "a sheet's total in a workbook without a summary sheet: not compared",
                )
    if not ctx.lines:
        raise InputError(
            f"{state.cells.label}: no line understood",
            field="lines",
            problems=tuple(entry_problem(e) for e in state.entries if e.status == "skipped"),
            hint="see the report (InputError.context['report']); pass headings={name: "
            "component} for groups whose names are not recognised",
            report=state.report(),
        )
    data: dict[str, Any] = {"project": meta, "lines": ctx.lines}
    if stated:
        data["stated"] = stated
    return data


def _prefix(table: Table) -> str:
    """The prefix of the ids of a detail sheet's lines: its name when short, else ``S<n>``."""
    name = "".join(table.sheet.split())
    return f"{name}." if 0 < len(name) <= 12 and "." not in name else f"S{table.index}."


def _group_keys(registry: NormRegistry, meta: Mapping[str, Any]) -> dict[str, str] | None:
    """The regime's group of each component on the project's date (``None``: not known)."""
    try:
        date = meta["date"]
        norms = registry.at(date, regime_override=meta.get("regime_override"))
        profile = document_profile(
            registry, norms.rule_date, kind=meta["project_kind"], document=meta["document"]
        )
        groups = statutory_groups(
            registry, norms.rule_date, regime_id=norms.regime.id, form=profile.structure
        )
    except (IctcostError, KeyError, TypeError, ValueError):
        return None
    return group_by_component(groups)


def _sheet_heading(state: State, table: Table) -> Heading | None:
    """The component a sheet's title or name names (contained in it)."""
    texts = [table.sheet, *(t for _, _, t in table.above)]
    for text in texts:
        key = fold(text)
        for name, heading in state.headings:
            if len(name) >= 8 and name in key and heading != CONTINGENCY:
                state.note(
                    f"{state.cells.label}!{table.sheet}",
                    "assumed",
                    "sheet",
                    f"rows outside a group are {heading} (from {shorten(text)!r})",
                )
                return heading
    return None


def _read_lines(
    ctx: Context,
    table: Table,
    *,
    prefix: str,
    covered: Mapping[Heading, Table] | None = None,
) -> set[Heading]:
    """Turn the table's rows into lines, in order; return the groups (components) they cover."""
    state = ctx.state
    done = covered or {}
    out: set[Heading] = set()
    for r in table.rows:
        ref = table.ref(state, r.row)
        heading = None
        if r.kind == "group":
            heading = _group_row(ctx, table, r, done)
        elif r.kind != "item":
            _note_row(state, table, r)
        elif (
            r.parent is not None
            and r.parent.kind == "item"
            and not r.has_figures
            and not any(d.has_figures for d in descendants(r.parent))
        ):
            state.note(
                ref,
                "skipped",
                "text",
                f"a description of row {r.parent.row}: {shorten(r.label or '')!r}",
            )
        elif _under_contingency(r):
            state.note(ref, "read", "contingency", f"a part: {shorten(r.label or '')!r}")
        elif (group := _group_of(r)) is not None and group.heading in done:
            continue  # reported with the group
        elif r.children and any(d.has_figures for d in descendants(r)):
            _subtotal(ctx, table, r)
        else:
            heading = _line(ctx, table, r, prefix)
        if heading is not None:
            out.add(heading)
    return out


def _note_row(state: State, table: Table, r: Row) -> None:
    """Report a row that is not a line: the contingency, a part heading, a total, a text."""
    ref = table.ref(state, r.row)
    if r.kind == "contingency":
        name = f" ({shorten(r.label)})" if r.label else ""
        state.note(ref, "read", "contingency", f"the contingency row{name}")
    elif r.kind == "part":
        state.note(
            ref,
            "skipped",
            "heading",
            f"part {r.stt} {shorten(r.label or '')!r}: a heading above the groups"
            + (" (its figures are not compared)" if r.figures else ""),
        )
    elif r.kind == "total" and r.parent is not None:
        state.note(
            ref,
            "read",
            "subtotal",
            f"the total of group {r.parent.stt or ''} {shorten(r.parent.label or '')}",
        )
    elif r.kind == "text":
        state.note(ref, "skipped", "text", f"no figures: {shorten(r.label or '')!r}")


def _under_contingency(r: Row) -> bool:
    p = r.parent
    while p is not None:
        if p.kind == "contingency":
            return True
        p = p.parent
    return False


def _group_of(r: Row) -> Row | None:
    p = r.parent
    while p is not None and p.kind != "group":
        p = p.parent
    return p


def _group_row(
    ctx: Context, table: Table, r: Row, covered: Mapping[Heading, Table]
) -> Heading | None:
    """Report a group row; a group without rows under it is one line (its heading returned)."""
    state = ctx.state
    ref = table.ref(state, r.row)
    name = f"{r.stt or ''} {r.label or ''}".strip()
    if r.heading is None:
        state.note(
            ref,
            "skipped",
            "group",
            f"group {shorten(name)!r}: its name is not a known cost group; its rows take the "
            "component their own names give, if any (pass headings={name: component})",
        )
        return None
    if match_heading(state, r.label) is None:
        state.note(ref, "assumed", "group", f"{r.heading} from its Ký hiệu {r.symbol!r}")
    if r.heading in covered:
        rows = f"; its {len(descendants(r))} row(s) here are not read" if r.children else ""
        state.note(
            ref,
            "read",
            "group",
            f"group {shorten(name)!r} = {r.heading}; its lines are read from sheet "
            f"{covered[r.heading].sheet!r}{rows}",
        )
        return None
    if not r.children and r.has_figures:
        state.note(ref, "read", "group", f"group {shorten(name)!r} = {r.heading}, one line")
        return _line(ctx, table, r, "")
    state.note(ref, "read", "group", f"group {shorten(name)!r} = {r.heading}")
    return None


def _subtotal(ctx: Context, table: Table, r: Row) -> None:
    """A row with rows under it: compare its figures with theirs (the rows are the lines)."""
    state = ctx.state
    ref = table.ref(state, r.row)
    if not r.figures:
        state.note(ref, "read", "heading", f"heading {shorten(r.label or '')!r}")
        return
    leaves = [d for d in descendants(r) if not d.children]
    diffs = []
    for name in ("amount", "vat", "total"):
        if name in r.figures:
            total = sum((d.figures.get(name, ZERO) for d in leaves), ZERO)
            if total != r.figures[name]:
                diffs.append(f"{name} {r.figures[name]} ≠ {total} (the sum of its rows)")
    if diffs:
        state.note(
            ref,
            "skipped",
            "subtotal",
            f"{shorten(r.label or '')!r}: " + "; ".join(diffs) + ": its rows are read; "
            "the checks do not see this subtotal",
        )
    else:
        state.note(ref, "read", "subtotal", f"{shorten(r.label or '')!r}: the sum of its rows")


def _component(ctx: Context, table: Table, r: Row) -> tuple[Heading | None, str | None]:
    """The line's component and, when inferred from its own name, how."""
    state = ctx.state
    if r.kind == "group":
        return r.heading, None
    group = _group_of(r)
    base = group.heading if group is not None else table.heading
    chain = []
    p: Row | None = r
    while p is not None and p is not group:
        chain.append(p)
        p = p.parent
    family = FAMILY.get(base or "", frozenset())
    for node in [*chain[::-1][:-1], r]:
        own = match_heading(state, node.label)
        if own is not None and own in family and own != base:
            return own, f"component {own} from {shorten(node.label or '')!r}"
    if base is None:
        own = match_heading(state, r.label)
        if own is not None and own != CONTINGENCY:
            return own, f"component {own} from its name"
    return (base if base != CONTINGENCY else None), None


def _line(ctx: Context, table: Table, r: Row, prefix: str) -> Heading | None:
    """Make a line of a row; return the group component it counts for."""
    state = ctx.state
    ref = table.ref(state, r.row)
    heading, how = _component(ctx, table, r)
    group = r if r.kind == "group" else _group_of(r)
    base = group.heading if group is not None else table.heading
    if heading is None:
        state.note(
            ref,
            "skipped",
            "line",
            f"{shorten(r.label or '')!r}: no component (not under a known cost group); pass "
            "headings={group name: component}",
        )
        return None
    if not r.has_figures:
        state.note(ref, "skipped", "line", f"{shorten(r.label or '')!r}: no figures")
        return None
    negative = [k for k, v in r.figures.items() if v < 0]
    if negative or (r.quantity is not None and r.quantity < 0):
        state.note(
            ref,
            "skipped",
            "line",
            f"{shorten(r.label or '')!r}: a negative {', '.join(negative) or 'quantity'} (a "
            "deduction?) cannot be a line of ictcost's estimate: not read",
        )
        return None
    line_id = _line_id(ctx, r, prefix)
    index = len(ctx.lines)
    line = _line_data(ctx, table, r, line_id=line_id, component=heading, index=index)
    ctx.lines.append(line)
    figures = ", ".join(f"{k} {v}" for k, v in r.figures.items())
    state.note(ref, "read", "line", f"{shorten(line['name'])!r}: {figures}", line=line_id)
    if how is not None:
        state.note(ref, "assumed", "line", how, line=line_id)
    return base if base is not None else heading


def _stem(r: Row) -> str:
    """A row's place in the table: ``I.1``, ``I.1.2``, ``I.1.a``, ``I.2-1`` (bullets), ``r12``."""
    parent = r.parent
    up = _stem(parent) if parent is not None else ""
    if r.kind == "group" or (r.level == "number" and (parent is None or parent.kind == "group")):
        own = r.stt or ""
        if parent is not None and parent.stt and own.startswith(f"{parent.stt}."):
            up = ""  # ``1.2`` under group ``1``
    elif r.level == "number" and r.stt is not None and parent is not None:
        top = _group_of(r)
        up = _stem(top) if top is not None else ""
        own = r.stt
        if top is not None and top.stt is not None and r.stt.startswith(f"{top.stt}."):
            up = ""  # ``1.2`` under group ``1``
    elif r.level == "letter" and r.stt is not None:
        own = r.stt
    elif r.level == "bullet" and parent is not None:
        siblings = [c for c in parent.children if c.level == "bullet"]
        return f"{up}-{siblings.index(r) + 1}" if up else f"r{r.row}"
    else:
        own = f"r{r.row}"
    return f"{up}.{own}" if up and own else (up or own)


def _line_id(ctx: Context, r: Row, prefix: str) -> str:
    """A unique id for the line of a row (its place in the table, the sheet's prefix)."""
    line_id = (prefix + (_stem(r) or f"r{r.row}"))[:36]
    n = 1
    candidate = line_id
    while candidate in ctx.ids:
        n += 1
        candidate = f"{line_id}-{n}"
    ctx.ids.add(candidate)
    r.line_id = candidate
    return candidate


def _line_data(
    ctx: Context, table: Table, r: Row, *, line_id: str, component: str, index: int
) -> dict[str, Any]:
    state = ctx.state
    marks = state.marks
    ref = table.ref(state, r.row)
    marks["lines", index] = ref
    for path, col in (
        (("id",), "stt"),
        (("name",), "name"),
        (("unit",), "unit"),
        (("quantity",), "quantity"),
        (("unit_price",), "unit_price"),
        (("amount",), "amount"),
        (("stated", "unit_price"), "unit_price"),
        (("stated", "amount"), "amount"),
        (("stated", "vat_rate"), "vat_rate"),
        (("stated", "vat"), "vat"),
        (("stated", "total"), "total"),
        (("vat",), "vat_rate"),
    ):
        if col in table.cols:
            marks["lines", index, *path] = table.col_ref(state, r.row, col)
    f = r.figures
    amount = f.get("amount")
    if amount is None and "total" in f and "vat" in f:
        amount = f["total"] - f["vat"]
        state.note(
            ref, "assumed", "line", f"amount {amount} = total − VAT (no amount shown)", line=line_id
        )
    elif amount is None and "total" in f and not ({"vat", "vat_rate"} & table.cols.keys()):
        amount = f["total"]
        state.note(
            ref, "assumed", "line", "the only amount shown is taken as before VAT", line=line_id
        )
    name = r.label or f"Dòng {r.row}"
    if r.label is None:
        state.note(ref, "assumed", "line", f"no name: named {name!r}", line=line_id)
    line: dict[str, Any] = {
        "id": line_id,
        "component": component,
        "name": name,
        "method": "fixed",
        "unit": r.unit,
        "basis": r.basis or DEFAULT_BASIS,
    }
    notes = [n for n in (r.note,) if n]
    if r.formula:
        notes.append(f"stated computation: {r.formula}")
    stated: dict[str, Any] = {"amount": amount, "vat": f.get("vat"), "total": f.get("total")}
    price = f.get("unit_price")
    if r.quantity is not None and price is not None:
        line["quantity"] = r.quantity
        line["unit_price"] = price
        stated["unit_price"] = price
    else:
        if amount is None:
            amount = ZERO
            state.note(ref, "assumed", "line", "no amount shown: 0", line=line_id)
        line["amount"] = amount
        if r.quantity is not None:
            notes.append(f"stated quantity: {r.quantity} (no unit price to recompute it)")
        if price is not None:
            stated["unit_price"] = price
    line["vat"], rate, not_subject = line_vat(
        ctx, table, r, component=component, amount=amount, line_id=line_id
    )
    stated["vat_rate"] = rate
    stated["vat_not_subject"] = not_subject or None
    if notes:
        line["note"] = "\n".join(notes)
    line["stated"] = {k: v for k, v in stated.items() if v is not None}
    return {k: v for k, v in line.items() if v is not None}
