"""Building the comparison from the project as submitted, its recomputation and the findings.

Private to :mod:`ictcost.report`; the public names are re-exported by
:mod:`ictcost.report.comparison`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ictcost.report._comparison_model import (
    SEVERITY_ORDER,
    Compared,
    Comparison,
    ComparisonGroup,
    ComparisonLine,
    ComparisonTotals,
    LegalBasis,
    Problem,
    ProjectInfo,
    Reason,
)
from ictcost.report.explain import explain_regime, explain_trace, render_note
from ictcost.structure import group_by_component, statutory_groups
from ictcost.words import amount_in_words

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding
    from ictcost.estimate.model import LineInput, ProjectInput, StatedLine
    from ictcost.estimate.result import ComponentTotal, Estimate, LineResult
    from ictcost.norms.registry import NormRegistry

__all__ = ["PORTFOLIO", "compare", "relevant_findings"]

PORTFOLIO = "portfolio"
"""The ``estimate`` of a finding about an overlap between estimates (as
:data:`ictcost.checks.engine.PORTFOLIO`; repeated here because the checks import the reports)."""

_INPUT_NOTES = frozenset({"estimate.form_deprecated"})
"""Notes about how the input file is written, not about the estimate (left out of reports)."""


def relevant_findings(findings: Iterable[Finding], name: str) -> list[Finding]:
    """Return the findings about one estimate: its own and the portfolio overlaps involving it.

    A portfolio finding involves the estimate when its ``details.estimates`` names it; one
    without that detail cannot be attributed and is kept. Findings about other estimates of a
    portfolio are left out.

    Args:
        findings: The findings of :func:`~ictcost.checks.check` or
            :func:`~ictcost.checks.check_portfolio`.
        name: The estimate's name (``project.name``).

    Returns:
        The findings, in the order given.
    """
    out: list[Finding] = []
    for f in findings:
        if f.estimate is None or f.estimate == name:
            out.append(f)
        elif f.estimate == PORTFOLIO:
            involved = f.details.get("estimates")
            if not isinstance(involved, tuple) or name in involved:
                out.append(f)
    return out


def _stated_figures(stated: StatedLine | None) -> tuple[Decimal | None, ...]:
    if stated is None:
        return (None, None, None)
    return (stated.amount, stated.vat, stated.total)


def _problems(estimate: Estimate) -> list[Problem]:
    """What the estimate could not compute (``Estimate.problems``, with ``collect_problems``)."""
    return [
        Problem(line=p.line, code=p.code, message=p.message, field=p.field, hint=p.hint)
        for p in estimate.problems
    ]


def _line(
    number: str,
    *,
    given: LineInput,
    result: LineResult | None,
    group: str | None,
    reasons: Sequence[Reason],
    error: Problem | None,
) -> ComparisonLine:
    amount, vat, total = _stated_figures(given.stated)
    appraised = (
        (result.amount, result.vat, result.total) if result is not None else (None, None, None)
    )
    return ComparisonLine(
        number=number,
        id=given.id,
        name=given.name,
        component=given.component,
        group=group,
        method=given.method,
        method_status=result.method_status if result is not None else None,
        how_vi=explain_trace(result.trace, "vi") if result is not None else None,
        how_en=explain_trace(result.trace, "en") if result is not None else None,
        stated=any(v is not None for v in (amount, vat, total)),
        amount=Compared.of(amount, appraised[0]),
        vat=Compared.of(vat, appraised[1]),
        total=Compared.of(total, appraised[2]),
        in_total=result.in_total if result is not None else given.reference_for is None,
        reference_for=given.reference_for,
        reasons=tuple(reasons),
        error=error,
    )


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _group(
    number: int, comp: ComponentTotal, lines: Sequence[ComparisonLine], stated_total: Decimal | None
) -> ComparisonGroup:
    summed = [ln for ln in lines if ln.in_total]
    amount = _sum(ln.amount.submitted for ln in summed)
    vat = _sum(ln.vat.submitted for ln in summed)
    if stated_total is not None:
        total = Compared.of(stated_total, comp.total, "stated")
    else:
        total = Compared.of(_sum(ln.total.submitted for ln in summed), comp.total, "sum")
    return ComparisonGroup(
        number=number,
        key=comp.key,
        symbol=comp.symbol,
        label_vi=comp.label_vi,
        label_en=comp.label_en,
        lines=tuple(lines),
        amount=Compared.of(amount, comp.amount, "sum"),
        vat=Compared.of(vat, comp.vat, "sum"),
        total=total,
        unstated=tuple(ln.id for ln in summed if not ln.stated),
        not_computed=tuple(ln.id for ln in lines if ln.error is not None),
    )


def _either(stated: Decimal | None, summed: Decimal | None, appraised: Decimal | None) -> Compared:
    if stated is not None:
        return Compared.of(stated, appraised, "stated")
    return Compared.of(summed, appraised, "sum")


def _totals(
    project: ProjectInput,
    estimate: Estimate,
    groups: Sequence[ComparisonGroup],
    *,
    contingency_failed: bool,
) -> ComparisonTotals:
    st = project.stated
    amount = _either(
        st.amount if st else None, _sum(g.amount.submitted for g in groups), estimate.amount
    )
    vat = _either(st.vat if st else None, _sum(g.vat.submitted for g in groups), estimate.vat)
    by_groups = _sum(g.total.submitted for g in groups)
    if by_groups is None:
        by_groups = _sum((amount.submitted, vat.submitted))
    subtotal = Compared.of(by_groups, estimate.total_before_contingency, "sum")
    if contingency_failed:
        dp_appraised: Decimal | None = None
    else:
        dp_appraised = estimate.contingency.total if estimate.contingency else Decimal(0)
    contingency = Compared.of(st.contingency if st else None, dp_appraised, "stated")
    total = _either(
        st.total if st else None,
        _sum((subtotal.submitted, contingency.submitted)),
        estimate.total,
    )
    return ComparisonTotals(
        amount=amount, vat=vat, subtotal=subtotal, contingency=contingency, total=total
    )


def _structure(estimate: Estimate, registry: NormRegistry | None) -> dict[str, str]:
    """The group of each component under the estimate's structure (empty without a registry)."""
    if registry is None:
        return {}
    groups = statutory_groups(
        registry,
        estimate.rule_date,
        regime_id=estimate.regime.id,
        form=estimate.profile.structure,
    )
    return group_by_component(groups)


def compare(
    project: ProjectInput,
    estimate: Estimate,
    findings: Iterable[Finding],
    *,
    registry: NormRegistry | None = None,
) -> Comparison:
    """Compare a submitted estimate with its recomputation, line by line and group by group.

    Args:
        project: The project as submitted (its lines' ``stated`` figures and its ``stated``
            totals are the submitted values).
        estimate: ictcost's recomputation of it (``compute_estimate``; with
            ``collect_problems=True`` a line that cannot be computed is kept with its error).
        findings: The findings of the check (``check`` or ``check_portfolio``; only those about
            this estimate are used, see :func:`relevant_findings`).
        registry: The registry the estimate was computed with: it places a line that could
            not be computed in its statutory group when no other line of its component was
            computed (without it, such a line goes to the group named as its component, or to
            a section of its own).

    Returns:
        The comparison.
    """
    meta = project.project
    mine = sorted(relevant_findings(findings, meta.name), key=lambda f: SEVERITY_ORDER[f.severity])
    ids = {ln.id for ln in project.lines}
    by_line: dict[str, list[Reason]] = {}
    general: list[Reason] = []
    for f in mine:
        if f.line in ids and f.estimate != PORTFOLIO:
            by_line.setdefault(f.line, []).append(Reason.of(f))
        else:
            general.append(Reason.of(f))
    problems = _problems(estimate)
    line_errors = {p.line: p for p in problems if p.line is not None}
    results = {ln.id: ln for ln in estimate.lines}
    keys = {c.key for c in estimate.components}
    # a line that could not be computed: the group of the component's other lines, else the
    # structure's (read from the registry, when given), else the group named as the component
    group_of_component = {k: k for k in keys} | _structure(estimate, registry)
    group_of_component |= {ln.component: ln.group for ln in estimate.lines}

    def group_of(given: LineInput) -> str | None:
        result = results.get(given.id)
        return result.group if result is not None else group_of_component.get(given.component)

    stated_groups = project.stated.components if project.stated else {}
    groups: list[ComparisonGroup] = []
    placed: set[str] = set()
    for n, comp in enumerate(estimate.components, 1):
        members = [ln for ln in project.lines if group_of(ln) == comp.key]
        lines = [
            _line(
                f"{n}.{i}",
                given=given,
                result=results.get(given.id),
                group=comp.key,
                reasons=by_line.get(given.id, ()),
                error=line_errors.get(given.id),
            )
            for i, given in enumerate(members, 1)
        ]
        placed.update(ln.id for ln in members)
        groups.append(_group(n, comp, lines, stated_groups.get(comp.key)))
    rest = len(groups) + 1
    unplaced = [ln for ln in project.lines if ln.id not in placed]
    not_computed = tuple(
        _line(
            f"{rest}.{i}",
            given=given,
            result=results.get(given.id),
            group=None,
            reasons=by_line.get(given.id, ()),
            error=line_errors.get(given.id),
        )
        for i, given in enumerate(unplaced, 1)
    )
    contingency_failed = any(p.line is None for p in problems)
    notes = [n for n in estimate.notes if n.code not in _INPUT_NOTES]
    if estimate.contingency is not None:
        notes += list(estimate.contingency.notes)
    regime = estimate.regime
    return Comparison(
        project=ProjectInfo(
            name=meta.name,
            owner=meta.owner,
            preparer=meta.preparer,
            reviewer=meta.reviewer,
            appraiser=meta.appraiser,
            date=estimate.date,
            project_kind=estimate.project_kind,
            document=estimate.document,
            kind=estimate.kind,
            profile_vi=estimate.profile.label_vi,
            profile_en=estimate.profile.label_en,
        ),
        legal=LegalBasis(
            regime=regime.id,
            in_force=regime.in_force_id,
            decree=regime.decree,
            cost_circular=regime.cost_circular,
            overridden=regime.overridden,
            rule_date=estimate.rule_date,
            regime_vi=explain_regime(regime, "vi"),
            regime_en=explain_regime(regime, "en"),
            norm_versions=estimate.norm_versions,
        ),
        groups=tuple(groups),
        not_computed=not_computed,
        general=tuple(general),
        problems=tuple(p for p in problems if p.line is None),
        totals=_totals(project, estimate, groups, contingency_failed=contingency_failed),
        total_in_words=amount_in_words(estimate.total),
        notes_vi=tuple(render_note(n, "vi") for n in notes),
        notes_en=tuple(render_note(n, "en") for n in notes),
    )
