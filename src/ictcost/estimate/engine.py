"""Compute a project estimate: every line by its method, VAT, statutory totals, contingency.

Legal structure (norms-and-regimes.md §2): under NĐ 73/2019 Điều 19 + TT 04/2020 the components
are xây lắp, thiết bị, quản lý dự án, tư vấn, khác, dự phòng; under NĐ 45/2026 Điều 16 and
NĐ 224/2026 Điều 49 they are trang thiết bị (network included), quản lý dự án, tư vấn, khác, dự
phòng, and for a rental plan thuê dịch vụ, quản lý dự án, tư vấn, khác, dự phòng. Which methods a
component allows comes from the ``cost-methods`` table of the regime; a method outside it is an
error, except a % norm (QĐ 1688) or a use-case-point calculation used where the regime no longer
lists them: those are computed and flagged ``reference_only``.

VAT (``vat-rates`` table, by the project's date and the line's category): a rate, or a treatment
(``not_subject``: không chịu thuế); ``not_applicable`` for costs outside VAT.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal, DecimalException
from pathlib import Path
from typing import TypeVar

from ictcost._internal._validate import typed_args
from ictcost.errors import IctcostError, InputError, NormNotFoundError
from ictcost.estimate._context import Context, line_error
from ictcost.estimate.bases import fee_coverage, line_part
from ictcost.estimate.contingency import compute_contingency
from ictcost.estimate.methods import compute_line
from ictcost.estimate.model import LineInput, ProjectInput
from ictcost.estimate.result import (
    ComponentTotal,
    ComputeProblem,
    Estimate,
    FeeCoverage,
    LineResult,
    MethodStatus,
    NormVersionUsed,
)
from ictcost.estimate.trace import FeeTrace
from ictcost.estimate.vat import line_vat
from ictcost.keys import Flag
from ictcost.money import LIMITS_HINT, MAX_AMOUNT, round_vnd, tidy
from ictcost.norms.registry import Citation, CitedValue, NormRegistry
from ictcost.notes import Note, note
from ictcost.words import amount_in_words

__all__ = ["compute_estimate"]

_T = TypeVar("_T")


def _beyond_limits(where: str, field: str, detail: str) -> InputError:
    return InputError(
        f"{where}: {detail}",
        code="input-amount",
        field=field,
        hint=LIMITS_HINT,
    )


def _guarded(where: str, field: str, compute: Callable[[], _T]) -> _T:
    """Run a computation; a number that leaves the exact context becomes a typed error.

    A ``decimal`` exception or an ``OverflowError`` (a product of huge inputs, a power of a huge
    exponent) and a limits refusal of :mod:`ictcost.money` raised inside it are re-raised as an
    :class:`~ictcost.errors.InputError` that names the line (issue 13, reliability review D1).
    """
    try:
        return compute()
    except (DecimalException, OverflowError) as exc:
        raise _beyond_limits(
            where,
            field,
            f"a computed number leaves the exact 60-digit context ({type(exc).__name__}); some input is "
            "far beyond the limits",
        ) from None
    except InputError as exc:
        if exc.hint != LIMITS_HINT or exc.field != "amount":
            raise
        raise _beyond_limits(where, field, exc.message) from None


def _line_where(line: LineInput) -> str:
    return f"line {line.id!r} ({line.name})"


def _method_status(ctx: Context, line: LineInput) -> tuple[MethodStatus, tuple[CitedValue, ...]]:
    if line.method == "fixed":
        return "given", ()
    if line.authority_method is not None:
        table = ctx.rule_norms.table("cost-methods")
        if table.version.row("tu_thuc_hien") is None:
            raise line_error(
                line,
                f"the regime {ctx.regime.id} has no rule for a method set by a competent "
                "authority (row tu_thuc_hien of cost-methods)",
                "drop authority_method and use a listed method",
                field="authority_method",
            )
        return "listed", (ctx.cell(table, "tu_thuc_hien", "methods"),)
    try:
        cell = ctx.cell(ctx.rule_norms.table("cost-methods"), line.component, "methods")
    except NormNotFoundError:
        raise line_error(
            line,
            f"the regime {ctx.regime.id} lists no method for component {line.component!r}",
            "use a component of this regime, or method 'fixed' with a basis",
        ) from None
    allowed = cell.value if isinstance(cell.value, tuple) else ()
    status = ctx.methods.status(line.method, line.component, allowed)
    if status != "not_allowed":
        return status, (cell,)
    if ctx.lenient:
        return "not_allowed", (cell,)
    raise line_error(
        line,
        f"method {line.method!r} is not allowed for {line.component} under "
        f"{ctx.regime.id} (allowed: {', '.join(allowed)})",
        "choose one of the allowed methods (cost-methods table), or 'fixed' with a basis",
        field="method",
    )


def _line(ctx: Context, line: LineInput, used: dict[tuple[str, str], CitedValue]) -> LineResult:
    if line.component not in ctx.group_of:
        raise line_error(
            line,
            f"component {line.component!r} is not part of a "
            f"{ctx.profile.label_en} under {ctx.regime.id}",
            f"components of this structure: {', '.join(sorted(ctx.group_of))}",
            field="component",
        )
    status, method_cites = _method_status(ctx, line)
    where, field = _line_where(line), f"lines.{line.id}"
    done = _guarded(where, field, lambda: compute_line(ctx, line))
    cites: list[CitedValue] = [*method_cites, *done.cited]
    flags = list(done.flags)
    notes: list[Note] = list(done.notes)
    if status == "reference":
        if "reference_only" not in flags:
            flags.insert(0, "reference_only")
        notes.insert(
            0,
            note(
                "estimate.reference_method",
                decree=ctx.regime.decree,
                method=line.method,
                component=line.component,
            ),
        )
    if status == "given":
        flags.append("fixed")
    if line.authority_method is not None:
        flags.append("authority_method")
        notes.insert(
            0,
            note(
                "estimate.authority_method",
                decision=line.authority_method,
                decree=ctx.regime.decree,
                method=line.method,
            ),
        )
    if line.reference_for is not None:
        if status != "reference":
            raise line_error(
                line,
                f"reference_for marks a reference figure, but method {line.method!r} is a "
                f"listed method for {line.component} under {ctx.regime.id}",
                "drop reference_for: a listed-method figure belongs in the totals",
                field="reference_for",
            )
        flags.append("reference_beside")
        notes.insert(1, note("estimate.reference_beside", line=line.reference_for))
    amount = _guarded(where, field, lambda: round_vnd(done.amount))
    if abs(amount) > MAX_AMOUNT:
        raise _beyond_limits(
            where, f"{field}.amount", f"its amount ({amount:.3E} đồng) is above 10^18 đồng"
        )
    taxed = _guarded(where, field, lambda: line_vat(ctx, line, amount))
    rate, treatment = taxed.rate, taxed.treatment
    cites += taxed.cited
    notes.extend(taxed.notes)
    flags.extend(f for f in taxed.flags if f not in flags)
    disputed = [c for c in cites if c.confidence == "disputed"]
    if disputed and "disputed_value" not in flags:
        flags.append("disputed_value")
    notes.extend(
        note("estimate.disputed_default", ref=c.ref, value=ctx.citation(c).value) for c in disputed
    )
    for c in cites:
        used.setdefault((c.table_id, c.period), c)
    vat = taxed.vat
    return LineResult(
        id=line.id,
        component=line.component,
        group=ctx.group_of[line.component],
        name=line.name,
        method=line.method,
        method_status=status,
        unit=line.unit,
        quantity=done.quantity,
        unit_price=tidy(done.unit_price) if done.unit_price is not None else None,
        amount=amount,
        vat_category=line.vat,
        vat_rate=rate,
        vat_treatment=treatment,
        vat=vat,
        total=amount + vat,
        rate_percent=done.rate_percent,
        trace=done.trace,
        basis=line.basis,
        flags=tuple(flags),
        notes=tuple(notes),
        citations=tuple(ctx.citation(c) for c in cites) + tuple(done.citations),
        part=line_part(ctx, line),
        reference_for=line.reference_for,
        in_total=line.reference_for is None,
        vat_periods=taxed.periods,
    )


def _contingency_rule(ctx: Context) -> str | None:
    """The parts of the contingency rule of the project's document (``none``: no item)."""
    try:
        table = ctx.rule_norms.table("contingency")
    except NormNotFoundError:
        return None
    row = ctx.profile.contingency_row
    return str(table.value(row, "parts").value) if table.has(row, "parts") else None


def _base_lines(line: LineResult) -> tuple[str, ...]:
    t = line.trace
    assert isinstance(t, FeeTrace)
    return t.derived_lines if t.base_source == "amount" else t.base_lines


def _structure_notes(
    ctx: Context, lines: list[LineResult], coverage: tuple[FeeCoverage, ...], flags: list[Flag]
) -> list[Note]:
    """The estimate's notes on its structure: deprecated input, fee-base gaps, reference figures."""
    notes: list[Note] = []
    meta = ctx.project.project
    if meta.form is not None:
        flags.append("form_deprecated")
        notes.append(
            note(
                "estimate.form_deprecated",
                form=meta.form,
                kind=meta.project_kind,
                document=meta.document,
            )
        )
    if ctx.regime.cost_circular.startswith("04/2020") and ctx.tt18_signed.applies_on(ctx.date):
        # the cost circular in force on the date is uncertain (legal-dates: TT 18/2024 signed)
        notes.append(
            note(
                "estimate.cost_circular_uncertain",
                circular=ctx.regime.cost_circular,
                signed=ctx.tt18_signed.date.isoformat(),
            )
        )
    gap = False
    for cov in coverage:
        if cov.missing_lines:
            gap = True
            notes.append(
                note(
                    "estimate.fee_part_uncovered",
                    item=cov.item,
                    part=cov.part,
                    lines=cov.missing_lines,
                    amount=cov.missing_amount,
                )
            )
        if cov.double_lines:
            gap = True
            notes.append(
                note(
                    "estimate.fee_line_twice",
                    item=cov.item,
                    part=cov.part,
                    lines=cov.double_lines,
                )
            )
    if gap:
        flags.append("fee_base_gap")
    in_total = [ln for ln in lines if ln.method_status == "reference" and ln.in_total]
    if in_total:
        flags.append("reference_in_total")
        notes.append(
            note(
                "estimate.reference_in_total",
                lines=tuple(ln.id for ln in in_total),
                amount=sum((ln.total for ln in in_total), Decimal(0)),
                decree=ctx.regime.decree,
            )
        )
    flags.sort()
    return notes


def _versions(
    used: dict[tuple[str, str], CitedValue], lines: list[LineResult], extra: tuple[Citation, ...]
) -> tuple[NormVersionUsed, ...]:
    seen: dict[tuple[str, str], NormVersionUsed] = {
        key: NormVersionUsed(
            table_id=c.table_id,
            period=c.period,
            instrument=c.instrument,
            pack=c.origin.pack,
            overrides_shipped=c.origin.is_override,
        )
        for key, c in used.items()
    }
    for cit in [c for ln in lines for c in ln.citations] + list(extra):
        table_id = cit.table_id
        seen.setdefault(
            (table_id, cit.period),
            NormVersionUsed(
                table_id=table_id,
                period=cit.period,
                instrument=cit.instrument,
                pack=cit.pack,
                overrides_shipped=cit.overrides_shipped,
            ),
        )
    return tuple(sorted(seen.values(), key=lambda v: (v.table_id, v.period)))


def _problem(line: str | None, exc: IctcostError) -> ComputeProblem:
    return ComputeProblem(
        line=line, code=exc.code, message=exc.message, field=exc.field, hint=exc.hint
    )


@typed_args
def compute_estimate(
    project: ProjectInput,
    *,
    registry: NormRegistry | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    lenient_methods: bool = False,
    collect_problems: bool = False,
    allow_outside: bool = False,
) -> Estimate:
    """Compute an estimate: every line, VAT, the statutory totals and the contingency.

    Args:
        project: The validated project (see :func:`ictcost.estimate.load_project`).
        registry: The registry (the shipped one, or one with user packs such as price lists).
        base_dir: The folder relative paths in the project (software inputs) are read from.
        lenient_methods: Compute lines whose method the regime does not allow instead of raising
            (their ``method_status`` is ``not_allowed``); the appraisal checks use this.
        collect_problems: Do not stop at a line (or a contingency) that cannot be computed:
            record it in ``Estimate.problems``, leave the line out of the totals and compute the
            rest; the appraisal checks use this so that every other rule still runs.
        allow_outside: Read a file the project references (a software input) outside the
            project's folder (``base_dir``): an absolute path, a ``..`` escape or a symlink out.
            Off by default, so that a project from a stranger cannot make ictcost read (and
            echo) any file the user can read.

    Returns:
        The estimate: every line with its method, typed trace, citations and notes.

    Raises:
        InputError: a line cannot be computed (the message names the line and the field).
        RegimeError: the date is before every regime.
    """
    reg = registry or NormRegistry.shipped()
    folder = Path(base_dir) if base_dir is not None else None
    ctx = Context(project, reg, folder, lenient=lenient_methods, allow_outside=allow_outside)
    order = [ln for ln in project.lines if ln.method != "norm"] + [
        ln for ln in project.lines if ln.method == "norm"
    ]
    used: dict[tuple[str, str], CitedValue] = {}
    problems: list[ComputeProblem] = []
    for line in order:
        try:
            ctx.done[line.id] = _line(ctx, line, used)
        except IctcostError as exc:
            if not collect_problems:
                raise
            problems.append(_problem(line.id, exc))
    lines = [ctx.done[ln.id] for ln in project.lines if ln.id in ctx.done]
    components = []
    for group in ctx.groups:
        members = [ln for ln in lines if ln.group == group.key and ln.in_total]
        amount = sum((ln.amount for ln in members), Decimal(0))
        vat = sum((ln.vat for ln in members), Decimal(0))
        components.append(
            ComponentTotal(
                key=group.key,
                label_vi=group.label_vi,
                label_en=group.label_en,
                symbol=group.symbol,
                amount=amount,
                vat=vat,
                total=amount + vat,
                line_ids=tuple(ln.id for ln in members),
            )
        )
    coverage = fee_coverage(
        ctx, [(ln, _base_lines(ctx.done[ln.id])) for ln in order if ln.fee and ln.id in ctx.done]
    )
    try:
        contingency = _guarded(
            "contingency",
            "contingency",
            lambda: compute_contingency(ctx, project.contingency, components),
        )
    except IctcostError as exc:
        if not collect_problems:
            raise
        problems.append(_problem(None, exc))
        contingency = None
    amount = sum((c.amount for c in components), Decimal(0))
    vat = sum((c.vat for c in components), Decimal(0))
    before = amount + vat
    total = before + (contingency.total if contingency else Decimal(0))
    flags = sorted({f for ln in lines for f in ln.flags})
    notes: list[Note] = _structure_notes(ctx, lines, coverage, flags)
    if ctx.regime.overridden:
        flags.append("transitional_override")
        notes.append(
            note(
                "estimate.transitional_override",
                regime=ctx.regime.id,
                in_force=ctx.regime.in_force_id,
                on=project.project.date.isoformat(),
            )
        )
    if project.contingency is None:
        notes.append(note("estimate.no_contingency"))
    for c in [*ctx.regime.citations, *ctx.structure_cited]:
        used.setdefault((c.table_id, c.period), c)
    versions = _versions(used, lines, contingency.citations if contingency else ())
    # any value of a user pack that replaces a shipped table is said at estimate level, for every
    # table (VAT, regimes, methods, UCP constants …), not only on fee lines (review D16)
    overridden = tuple(dict.fromkeys(v.table_id for v in versions if v.overrides_shipped))
    if overridden:
        if "user_pack" not in flags:
            flags.append("user_pack")
        packs = tuple(dict.fromkeys(v.pack for v in versions if v.overrides_shipped))
        notes.append(note("estimate.overrides_shipped", tables=overridden, packs=packs))
    meta = project.project
    return Estimate(
        name=meta.name,
        owner=meta.owner,
        preparer=meta.preparer,
        prepared_by=meta.prepared_by,
        checked_by=meta.checked_by,
        signed_by=meta.signed_by,
        date=meta.date,
        project_kind=meta.project_kind,
        document=meta.document,
        profile=ctx.profile,
        form=meta.form,
        fee_rate_on=meta.fee_rate_on,
        kind=meta.kind,
        regime=ctx.regime,
        rule_date=ctx.rule_date,
        lines=tuple(lines),
        components=tuple(components),
        contingency=contingency,
        amount=amount,
        vat=vat,
        total_before_contingency=before,
        total=total,
        total_in_words=amount_in_words(total),
        fee_coverage=coverage,
        contingency_rule=_contingency_rule(ctx),
        problems=tuple(problems),
        norm_versions=versions,
        flags=tuple(flags),
        notes=tuple(notes),
    )
