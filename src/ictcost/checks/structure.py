"""Structure rules: every fee on the base its norm defines, every part of the project covered.

These rules read the recomputed estimate's typed trace (:class:`~ictcost.estimate.trace.FeeTrace`:
the base used, the base the norm's definition gives, the lines left out or added) and its
coverage (:attr:`~ictcost.estimate.Estimate.fee_coverage`). The definitions are norm data:
``qd1688-items`` (column ``base``), ``qd1688-bases`` and ``qd1688-parts``; for project management
TT 04/2020 Phụ lục 02 item 3 formula 2.6 (G_THQLDA = T × (G_XL + G_TB) before tax).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ictcost.checks._base import Context, Hit, Param, normalise
from ictcost.checks.rules import rule
from ictcost.documents import fee_base_definition
from ictcost.errors import IctcostError
from ictcost.estimate import LineResult
from ictcost.estimate.trace import FeeTrace
from ictcost.norms.registry import CitedValue

__all__: list[str] = []

_BASIS = "QĐ 1688/QĐ-BTTTT (Ci = Gi × Ni); TT 04/2020 Phụ lục 02 mục 3 (công thức 2.6)"


def _base_hits(ctx: Context, *, with_reason: bool) -> Iterator[Hit]:
    for ln in ctx.recomputed.lines:
        t = ln.trace
        if not isinstance(t, FeeTrace) or t.base_source == "derived" or t.derived_base is None:
            continue
        difference = t.fee.base - t.derived_base
        if difference == 0 or (t.override_reason is not None) != with_reason:
            continue
        wrong_component, other_part = _causes(ctx, t)
        params: dict[str, Param] = {
            "used": t.fee.base,
            "derived": t.derived_base,
            "difference": difference,
            "left_out": t.left_out,
            "added": t.added,
            "wrong_component": wrong_component,
            "other_part": other_part,
            "reason": t.override_reason or "",
        }
        case = None if with_reason else ("after_vat" if _after_vat(ctx, t) else "differs")
        yield Hit(params, case=case, line=ln.id, field="fee.base_lines", amount=difference)


def _causes(ctx: Context, t: FeeTrace) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The added lines of another component than the base's, and those of the other part."""
    if t.base_key is None:
        return (), ()
    try:
        definition = fee_base_definition(ctx.registry, ctx.project.project.date, t.base_key)
    except IctcostError:
        return (), ()
    wrong: list[str] = []
    other: list[str] = []
    for line_id in t.added:
        line = ctx.result(line_id)
        if line is None:
            continue
        if not definition.holds(line.group, line.component):
            wrong.append(line_id)  # e.g. consultancy or other costs inside a management base
        elif line.part is not None and line.part != t.fee.category:
            other.append(line_id)  # the other part's line: the wrong category's table
    return tuple(wrong), tuple(other)


def _after_vat(ctx: Context, t: FeeTrace) -> bool:
    """Whether the base used is the after-VAT total of the derived (or given) lines."""
    lines = t.derived_lines if t.base_source == "amount" else t.base_lines
    found = [ctx.result(i) for i in lines]
    if not found or any(r is None for r in found):
        return False
    after = sum((r.total for r in found if r is not None), Decimal(0))
    before = sum((r.amount for r in found if r is not None), Decimal(0))
    return after != before and abs(t.fee.base - after) <= ctx.config.amount_tolerance


@rule("STRUCT-FEE-BASE", severity="warning", basis=_BASIS, cases=("differs", "after_vat"))
def _fee_base(ctx: Context) -> Iterator[Hit]:
    """A fee's base differs from the base its norm defines, and no reason is given.

    The line gives its own base (`base_lines` or `base`) and it is not the sum of the lines the
    norm's definition puts in the base (the groups and the part of `qd1688-bases`): the finding
    names the difference in đồng and the cause — the lines left out, the lines added, among them
    those of another component than the base's (consultancy or other costs inside a
    project-management base) and those of the other part (the wrong category's table) — or, case
    `after_vat`, that the base is the after-VAT amount of its lines (the norm is read before VAT).
    Drop the override to use the definition, or give `base_reason` (then
    STRUCT-FEE-BASE-OVERRIDE records it).
    """
    yield from _base_hits(ctx, with_reason=False)


@rule("STRUCT-FEE-BASE-OVERRIDE", severity="info", basis=_BASIS)
def _fee_base_override(ctx: Context) -> Iterator[Hit]:
    """A fee's base was overridden with a reason (accepted, for the record).

    The override differs from the norm's definition by the amount shown; the reason given is
    quoted so that the appraiser can weigh it.
    """
    yield from _base_hits(ctx, with_reason=True)


@rule("STRUCT-FEE-PART", severity="warning", basis=_BASIS, cases=("missing", "twice"))
def _fee_part(ctx: Context) -> Iterator[Hit]:
    """A part of the project is outside every base of a fee item the estimate prices, or in two.

    For each fee item the estimate prices, every line the norm's definition puts in the item's
    base (for its part: infrastructure 'a' or software/database 'b') must be in the base of exactly
    one line of that item: a part left without the item (the infrastructure part of a KTKT report
    with no lập BCKTKT for it, a database line outside every project-management base) or a line
    counted in two bases.
    """
    for cov in ctx.recomputed.fee_coverage:
        if cov.missing_lines:
            yield Hit(
                {
                    "item": cov.item,
                    "part": cov.part,
                    "lines": cov.missing_lines,
                    "amount": cov.missing_amount,
                },
                case="missing",
                amount=cov.missing_amount,
            )
        if cov.double_lines:
            yield Hit(
                {"item": cov.item, "part": cov.part, "lines": cov.double_lines},
                case="twice",
            )


@rule(
    "STRUCT-REFERENCE-IN-TOTAL",
    severity="warning",
    basis="NĐ 45/2026 Điều 16 k4–k5; NĐ 224/2026 Điều 49 k4–k5 (the listed methods)",
)
def _reference_in_total(ctx: Context) -> Iterator[Hit]:
    """A figure of a method the regime lists only as a reference is in the totals.

    Under NĐ 45/2026 and NĐ 224/2026 the % norms of QĐ 1688 (and, for equipment, the use-case-point
    method) are not listed methods: such a figure belongs beside a line priced by a listed method
    (`reference_for`), not in the totals, unless it is the only figure of that cost.
    """
    for ln in ctx.recomputed.lines:
        if ln.method_status == "reference" and ln.in_total:
            yield Hit({"method": ln.method, "amount": ln.total}, line=ln.id, amount=ln.total)


_SOFTWARE_WORDS = ("phần mềm", "bản quyền", "license", "licence")
_SOFTWARE_NAMED = frozenset({"thiet_bi", "thue_dich_vu"})


def _treatment(ctx: Context, category: str) -> tuple[str, object] | None:
    """The treatment and rate of a VAT category on the project's date, if encoded."""
    if category == "not_applicable":
        return ("not_applicable", None)
    try:
        table = ctx.registry.get("vat-rates", ctx.project.project.date)
    except IctcostError:
        return None
    row = table.version.row(category)
    if row is None:
        return None
    rate = row.values["rate"].value if "rate" in row.values else None
    treatment = row.values["treatment"].value if "treatment" in row.values else None
    return (str(treatment), rate)


def _fitting(ctx: Context, line: LineResult) -> CitedValue | None:
    try:
        table = ctx.registry.get("vat-categories", ctx.project.project.date)
    except IctcostError:
        return None
    if table.version.row(line.component) is None:
        return None
    return table.value(line.component, "categories")


@rule(
    "VAT-CATEGORY",
    severity="warning",
    basis="Luật Thuế GTGT 48/2024 Điều 5 k21 (TT 219/2013 Điều 4 k21); NĐ 72/2024, NĐ 180/2024 "
    "Phụ lục III; table vat-categories",
    cases=("category", "owner_taxed", "software_name"),
)
def _vat_category(ctx: Context) -> Iterator[Hit]:
    """A line's VAT category does not fit what the line is, and that changes its VAT.

    The category is inferred from the line itself, not only taken as typed: a line of a component
    listed in `vat-categories` filed under another category whose rate or treatment differs on the
    date (internal software taxed as goods instead of không chịu thuế; digitisation filed as
    `general` in a round where IT was excluded from the reduction); project management priced by
    the % norm (the owner's own cost) with VAT (case `owner_taxed`); an equipment or rental line
    whose name says it is software or a licence, not filed as `software` (case `software_name`).
    """
    for line in ctx.recomputed.lines:
        category = line.vat_category
        if line.component == "quan_ly_du_an":
            if line.method == "norm" and category != "not_applicable":
                yield Hit({"category": category}, case="owner_taxed", line=line.id, field="vat")
            continue
        fitting = _fitting(ctx, line)
        if fitting is not None and isinstance(fitting.value, tuple):
            allowed = tuple(str(v) for v in fitting.value)
            if category in allowed:
                continue
            mine, theirs = _treatment(ctx, category), _treatment(ctx, allowed[0])
            if mine is not None and theirs is not None and mine != theirs:
                yield Hit(
                    {"category": category, "expected": allowed, "component": line.component},
                    case="category",
                    line=line.id,
                    field="vat",
                    citations=(fitting.to_citation(),),
                )
            continue
        name = normalise(line.name)
        named = any(word in name for word in _SOFTWARE_WORDS)
        if line.component in _SOFTWARE_NAMED and named and category != "software":
            mine, theirs = _treatment(ctx, category), _treatment(ctx, "software")
            if mine != theirs:
                yield Hit({"category": category}, case="software_name", line=line.id, field="vat")


@rule("STRUCT-FEE-ONE-PER-PART", severity="warning", basis=_BASIS)
def _one_per_part(ctx: Context) -> Iterator[Hit]:
    """A fee item is priced by two or more lines for the same part.

    The % norm prices each item once per part of the project (infrastructure 'a', software/database
    'b') on that part's whole base: two lines of one item and part split the base, and the rate of
    a split base is higher (the tables fall with the base). Reference figures shown beside another
    line (`reference_for`) do not count.
    """
    seen: dict[tuple[str, str], list[str]] = {}
    for line in ctx.recomputed.lines:
        t = line.trace
        if isinstance(t, FeeTrace) and t.fee.item and line.reference_for is None:
            seen.setdefault((t.fee.item, t.fee.category), []).append(line.id)
    for (item, part), ids in seen.items():
        if len(ids) > 1:
            yield Hit({"item": item, "part": part, "lines": tuple(ids)}, line=ids[-1])


@rule("STRUCT-FEE-OVERLAP", severity="warning", basis=_BASIS)
def _overlap(ctx: Context) -> Iterator[Hit]:
    """Two fee items of one part price the same norm table: one is inside the other.

    The items' table parts come from `qd1688-items`: the review of a KTKT report (40 % of table
    4 + 70 % of table 5 + 70 % of table 6) already contains the review of the estimate (table 6)
    and of the design (table 5); preparing a feasibility study and a KTKT report both read table 2.
    Two lines of one part whose items share a table are reported (the later line, naming the
    tables shared). Reference figures shown beside another line do not count.
    """
    tables: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    for line in ctx.recomputed.lines:
        t = line.trace
        if isinstance(t, FeeTrace) and t.fee.item and line.reference_for is None:
            ids = frozenset(lk.table_id for lk in t.fee.lookups)
            tables.setdefault(t.fee.category, []).append((line.id, t.fee.item, ids))
    for part, entries in tables.items():
        for i, (line_id, item, ids) in enumerate(entries):
            for other_id, other_item, other_ids in entries[:i]:
                shared = ids & other_ids
                if other_item != item and shared:
                    yield Hit(
                        {
                            "item": item,
                            "other": other_id,
                            "other_item": other_item,
                            "part": part,
                            "tables": tuple(sorted(shared)),
                        },
                        line=line_id,
                    )
