"""Legal rules: methods and instruments, procurement, classification, independence.

The rules read the recomputed estimate's typed facts: a line's ``method_status`` and citations, the
software trace's instrument, the estimate's :class:`~ictcost.regimes.Regime` (its ceiling), and the
regime facts of the norm data (:mod:`ictcost.structure`); tables the estimate does not read
(direct-appointment limits, project groups, warranty minimums, the software guidance in force on
the project date) are read from the registry the estimate was computed with, on the project date.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ictcost.checks._base import Context, Hit, citations_of, normalise
from ictcost.checks.procurement import directly_appointed as _direct
from ictcost.checks.rules import rule
from ictcost.errors import IctcostError
from ictcost.estimate import GivenTrace, SoftwareTrace
from ictcost.norms.registry import CitedValue
from ictcost.software import software_method_on
from ictcost.structure import one_step_above_ceiling_allowed

__all__: list[str] = []

_METHODS_TABLE = "cost-methods"

# --- methods and instruments -------------------------------------------------------------------

_LONG_FORMS = {
    "quyết định": "qđ",
    "công văn": "cv",
    "thông tư": "tt",
    "nghị định": "nđ",
}


def _instrument_key(text: str) -> tuple[str, ...]:
    """An instrument as compared: its kind and number (``('qđ', '671')``), long forms shortened.

    The in-force instrument and the one the software trace used are the same norm-data value and
    compare equal as they are; only the instrument a line *claims* is free text, and two claims
    name the same instrument when their kind and number agree (``QĐ 671/QĐ-BTTTT``,
    ``Quyết định 671/QĐ-BTTTT``).
    """
    words = normalise(text)
    for long, short in _LONG_FORMS.items():
        if words.startswith(long):
            words = short + words[len(long) :]
    return tuple(words.split()[:2])


@rule(
    "NORM-NOT-IN-FORCE",
    severity="error",
    basis="TT 04/2020 Điều 3 (correct method); the norm tables' dates",
    needs="input",
    cases=("claimed", "computed"),
)
def _instruments(ctx: Context) -> Iterator[Hit]:
    """A software line follows guidance not in force on the project date.

    A use-case-point software line (`method: calculation`) states the instrument it follows
    (`stated.basis_instrument`) and that instrument is not the software-cost guidance in force on
    the project date: CV 2589/BTTTT-ƯDCNTT until 2024-04-25, QĐ 671/QĐ-BTTTT from 2024-04-26. A
    claim is compared by the instrument's kind and number (`CV 2589`, `QĐ 671`; *Quyết định 671*
    counts as `QĐ 671`). Without a claim, the line is also a finding when its software input's
    date selected another guidance than the one in force (the instrument recorded in the line's
    trace). TT 04/2020 Điều 3 asks for the correct method; the dates are those of the norm tables.
    """
    try:
        in_force = software_method_on(ctx.project.project.date, ctx.registry)
    except IctcostError:
        return
    date = ctx.project.project.date.isoformat()
    for line in ctx.project.lines:
        if line.method != "calculation" or line.rental is not None:
            continue
        claimed = line.stated.basis_instrument if line.stated else None
        if claimed and _instrument_key(claimed) != _instrument_key(in_force):
            yield Hit(
                {"instrument": claimed, "in_force": in_force, "date": date},
                case="claimed",
                line=line.id,
                field="stated.basis_instrument",
            )
            continue
        ours = ctx.result(line.id)
        trace = ours.trace if ours is not None else None
        if isinstance(trace, SoftwareTrace) and trace.instrument != in_force:
            yield Hit(
                {"instrument": trace.instrument, "in_force": in_force, "date": date},
                case="computed",
                line=line.id,
                field="software",
            )


@rule(
    "METHOD-NOT-ALLOWED",
    severity="error",
    basis="NĐ 73/2019 Điều 19 + TT 04/2020 Điều 5; NĐ 45/2026 Điều 16; NĐ 224/2026 Điều 49",
)
def _method_not_allowed(ctx: Context) -> Iterator[Hit]:
    """The line's method is not one the regime lists for its cost component.

    The `cost-methods` table of the regime (NĐ 73/2019 Điều 19 + TT 04/2020 Điều 5, NĐ 45/2026
    Điều 16, NĐ 224/2026 Điều 49) does not list the line's method for its component. The check
    computes the line anyway, so that the other rules can run. A QĐ 1688 % norm for management,
    consultancy or other costs, and a use-case-point calculation for internal software, are not
    reported here but as `METHOD-REFERENCE-ONLY`; `fixed` amounts are `METHOD-FIXED-AMOUNT`.
    """
    e = ctx.recomputed
    for ln in e.lines:
        if ln.method_status == "not_allowed":
            yield Hit(
                {"method": ln.method, "component": ln.component, "regime": e.regime.id},
                line=ln.id,
                field="method",
                citations=citations_of(ln, _METHODS_TABLE),
            )


@rule(
    "METHOD-REFERENCE-ONLY",
    severity="info",
    basis="NĐ 45/2026 Điều 16 k4–k5; NĐ 224/2026 Điều 49 k4–k5",
)
def _method_reference_only(ctx: Context) -> Iterator[Hit]:
    """A % norm or a use-case-point figure is used where the regime no longer lists it (for the record).

    A QĐ 1688 % norm (project management, consultancy, other costs) or a use-case-point software
    calculation is used under a regime that no longer lists it: NĐ 45/2026 Điều 16 k4–k5 and
    NĐ 224/2026 Điều 49 k4–k5 list quotation-type methods. The figure is computed as a reference
    estimate beside the listed methods. Recorded at info level: shown beside a listed-method line
    (`reference_for`) it is what the rules allow; summed into the totals it is a warning of its
    own, STRUCT-REFERENCE-IN-TOTAL.
    """
    e = ctx.recomputed
    for ln in e.lines:
        if ln.method_status == "reference":
            yield Hit(
                {"method": ln.method, "component": ln.component, "regime": e.regime.id},
                line=ln.id,
                field="method",
                citations=citations_of(ln, _METHODS_TABLE),
            )


@rule("METHOD-FIXED-AMOUNT", severity="info", basis="design: methods")
def _method_fixed(ctx: Context) -> Iterator[Hit]:
    """A line is a given amount resting on a document, not a computation.

    A line with `method: fixed` is a given amount resting on a document (its `basis`: a contract,
    a certificate, a decision). Recorded so that the reviewer sees which figures rest on documents
    rather than on the norms.
    """
    for ln in ctx.recomputed.lines:
        if ln.method_status == "given":
            document = ln.trace.document if isinstance(ln.trace, GivenTrace) else ln.basis
            yield Hit({"document": document}, line=ln.id, field="basis")


# --- procurement -------------------------------------------------------------------------------


@rule(
    "NORM-NOT-ENCODED",
    severity="warning",
    basis="ictcost: a rule whose table has no version on the date is not applied",
)
def _not_encoded(ctx: Context) -> Iterator[Hit]:
    """A legal threshold the review needs is not encoded for the project's date.

    The project groups (`project-groups`, needed when no `group` is stated) or the
    direct-appointment limits (`direct-appointment-limits`, needed when a package is directly
    appointed) have no version in force on the date — no source for the earlier values was found
    (before 2025-01-01 for the groups of Luật Đầu tư công 39/2019, before 2025-08-04 for the limits
    of NĐ 24/2024). The rules that need them (CLASS-GROUP, CLASS-WARRANTY, PROC-DIRECT-LIMIT,
    PROC-SPLIT) cannot run: the finding says so instead of staying silent.
    """
    meta = ctx.project.project
    needed = []
    if meta.group is None:
        needed.append("project-groups")
    if any(_direct(p) for p in ctx.project.packages):
        needed.append("direct-appointment-limits")
    for table_id in needed:
        try:
            ctx.registry.get(table_id, meta.date)
        except IctcostError:
            versions = ctx.registry.table(table_id).versions
            yield Hit(
                {
                    "table": table_id,
                    "date": meta.date.isoformat(),
                    "first": versions[0].valid_from.isoformat() if versions else "—",
                },
                field="project.date",
            )


# --- classification ----------------------------------------------------------------------------


def _group(ctx: Context, total: Decimal) -> tuple[str | None, tuple[CitedValue, ...]]:
    """The group computed from the total where the table is encoded, else the stated one."""
    computed, cells = _computed_group(ctx, total)
    if computed is not None:
        return computed, cells
    return ctx.project.project.group, ()


def _computed_group(ctx: Context, total: Decimal) -> tuple[str | None, tuple[CitedValue, ...]]:
    try:
        table = ctx.registry.get("project-groups", ctx.project.project.date)
    except IctcostError:
        return None, ()
    for row in table.rows():
        lo = row.values["from"].value if "from" in row.values else None
        hi = row.values["below"].value if "below" in row.values else None
        above = not isinstance(lo, Decimal) or total >= lo
        below = not isinstance(hi, Decimal) or total < hi
        if above and below:
            cells = tuple(table.value(row.name, c) for c in ("from", "below") if c in row.values)
            return row.name, cells
    return None, ()  # pragma: no cover - the groups cover every amount


@rule("CLASS-GROUP", severity="info", basis="Luật Đầu tư công 58/2024/QH15 Điều 8–11")
def _class_group(ctx: Context) -> Iterator[Hit]:
    """The project group (nhóm dự án) by total investment.

    The group of the total investment in the `project-groups` table (Luật Đầu tư công
    58/2024/QH15 Điều 8–11; from 2025-01-01: group C below 90 tỷ, B below 1,600 tỷ, A below 30,000
    tỷ, then national importance), or the stated `group` where the table is not encoded (before
    2025-01-01; NORM-NOT-ENCODED says so when none is stated). A stated group that differs from
    the computed one is CLASS-GROUP-STATED.
    """
    total = ctx.recomputed.total
    group, cells = _group(ctx, total)
    if group:
        yield Hit(
            {"group": group, "total": total, "stated": bool(ctx.project.project.group)},
            field="project.group",
            citations=tuple(c.to_citation() for c in cells),
        )


@rule("CLASS-GROUP-STATED", severity="warning", basis="Luật Đầu tư công 58/2024/QH15 Điều 8–11")
def _class_group_stated(ctx: Context) -> Iterator[Hit]:
    """The stated project group is not the group of the recomputed total.

    The project states a `group` and the `project-groups` table in force on the date puts the
    recomputed total investment in another group: the group decides who approves the project, the
    procedures and the warranty minimum (CLASS-WARRANTY reads the computed group).
    """
    stated = ctx.project.project.group
    if stated is None:
        return
    total = ctx.recomputed.total
    computed, cells = _computed_group(ctx, total)
    if computed is not None and computed != stated:
        yield Hit(
            {"stated": stated, "group": computed, "total": total},
            field="project.group",
            citations=tuple(c.to_citation() for c in cells),
        )


@rule(
    "CLASS-DESIGN",
    severity="error",
    basis="NĐ 73/2019 Điều 10 k2 b; NĐ 45/2026 Điều 9 k2 a; NĐ 224/2026 Điều 42 k2 a",
)
def _class_design(ctx: Context) -> Iterator[Hit]:
    """A KTKT report (one-step design) is above the regime's ceiling.

    A KTKT report (`document: ktkt_report`) whose total is above the one-step-design ceiling of the regime
    (`Regime.one_step_design_max`): 15 tỷ under NĐ 73/2019 Điều 10 k2 b, 20 tỷ under NĐ 45/2026
    Điều 9 k2 a and NĐ 224/2026 Điều 42 k2 a. Under the two 2026 decrees the decision-maker may
    allow more (`allow_one_step_above_ceiling: true`); NĐ 73/2019 has no such allowance. Whether a
    regime has the allowance is the regime fact `one_step_above_ceiling_allowed` of the norm data.
    """
    e = ctx.recomputed
    meta = ctx.project.project
    ceiling = e.regime.one_step_design_max
    if meta.document != "ktkt_report" or e.total <= ceiling:
        return
    cited = tuple(c.to_citation() for c in e.regime.citations if c.row == "one_step_design_max")
    if meta.allow_one_step_above_ceiling:
        try:
            fact = one_step_above_ceiling_allowed(ctx.registry, e.rule_date, regime_id=e.regime.id)
        except IctcostError:
            fact = None
        if fact is not None and fact.value:
            return
        if fact is not None:
            cited += (fact.citation.to_citation(),)
    yield Hit(
        {
            "total": e.total,
            "ceiling": ceiling,
            "regime": e.regime.id,
            "allowance_asked": meta.allow_one_step_above_ceiling,
        },
        field="project.document",
        amount=e.total - ceiling,
        citations=cited,
    )


@rule("CLASS-WARRANTY", severity="warning", basis="NĐ 45/2026 Điều 26; NĐ 224/2026 Điều 59")
def _class_warranty(ctx: Context) -> Iterator[Hit]:
    """The warranty period is below the minimum for the project group.

    The project states a warranty period (`warranty_months`) shorter than the minimum for its
    group (computed from the recomputed total; the stated group only where the groups are not
    encoded) in the `warranty` table (NĐ 45/2026 Điều 26, NĐ 224/2026 Điều 59; from 2026-03-01:
    24 months for group A and national-importance projects, 12 months for groups B and C). Not
    checked for a rental plan or before 2026-03-01.
    """
    meta = ctx.project.project
    if meta.warranty_months is None or meta.project_kind == "rental":
        return
    group, _ = _group(ctx, ctx.recomputed.total)
    if not group:
        return
    try:
        table = ctx.registry.get("warranty", meta.date)
    except IctcostError:
        return
    row = "group_a" if group in ("group_a", "national_importance") else "group_bc"
    cell = table.value(row, "min_months")
    if meta.warranty_months < cell.number:
        yield Hit(
            {"months": meta.warranty_months, "minimum": cell.number, "group": group},
            field="project.warranty_months",
            citations=(cell.to_citation(),),
        )


# --- independence ------------------------------------------------------------------------------


@rule(
    "INDEP-SAME-ORG",
    severity="error",
    basis="Chỉ thị: có người làm, có người giám sát độc lập",
    needs="input",
    cases=("reviewer", "appraiser"),
)
def _independence(ctx: Context) -> Iterator[Hit]:
    """The same organisation prepares and reviews or appraises the estimate.

    The organisation that prepares the estimate (`preparer`) is also its reviewer (`reviewer`,
    thẩm tra) or appraiser (`appraiser`, thẩm định); names are compared after normalising case,
    spaces and punctuation. The directive asks that whoever prepares is supervised independently.
    """
    meta = ctx.project.project
    if not meta.preparer:
        return
    for role, org in (("reviewer", meta.reviewer), ("appraiser", meta.appraiser)):
        if org and normalise(org) == normalise(meta.preparer):
            yield Hit(
                {"organisation": org, "preparer": meta.preparer},
                case=role,
                field=f"project.{role}",
            )
