"""Run the appraisal rules over an estimate (ours, or a submitted one with its stated figures).

:func:`check` recomputes the estimate once, with the norms in force on its date (lenient about
methods, so that a method the regime does not allow is a finding, not an error; collecting the
lines and the contingency that cannot be computed instead of stopping at the first), and runs every
rule of :data:`~ictcost.checks.rules.RULES` over the input and the recomputation; it never raises
for a questionable estimate: everything questionable is a :class:`~ictcost.checks.rules.Finding`.
Exceptions are kept for input that cannot be read. :func:`check_portfolio` checks each estimate,
then runs the portfolio rules over all of them.

The rules live in :mod:`~ictcost.checks.arithmetic`, :mod:`~ictcost.checks.legal`,
:mod:`~ictcost.checks.completeness`, :mod:`~ictcost.checks.overlaps`,
:mod:`~ictcost.checks.structure`, :mod:`~ictcost.checks.procurement` and
:mod:`~ictcost.checks.plausibility`; importing this module registers them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ictcost._internal._validate import typed_args
from ictcost.checks import (
    arithmetic,
    completeness,
    legal,
    overlaps,
    plausibility,
    procurement,
    structure,
)
from ictcost.checks._base import CheckConfig, Context, Hit, Portfolio
from ictcost.checks.rules import RULES, Finding, Findings, rule
from ictcost.errors import IctcostError
from ictcost.estimate import ProjectInput, compute_estimate, load_project
from ictcost.inputs.evidence import EvidenceRegister
from ictcost.norms.registry import NormRegistry

__all__ = [
    "PORTFOLIO",
    "CheckConfig",
    "check",
    "check_portfolio",
    "estimate_context",
    "estimate_findings",
]

_RULE_MODULES = (
    arithmetic,
    completeness,
    legal,
    overlaps,
    procurement,
    structure,
    plausibility,
)  # imported for their registrations
_ORDER = {"error": 0, "warning": 1, "info": 2}
PORTFOLIO = "portfolio"
"""The ``estimate`` of a finding about an overlap between estimates."""


@rule(
    "INPUT-UNREADABLE",
    severity="error",
    basis="ictcost input rules (the message says what)",
    needs="input",
)
def _input_unreadable(ctx: Context) -> Iterator[Hit]:
    """The project file was read, but no part of its estimate can be computed.

    The date is before every regime, the project kind cannot be prepared as its document under
    the regime, … — a problem of the whole estimate, not of one line (a line that cannot be
    computed is INPUT-LINE, and every other rule still runs on the rest). The message is the
    engine's error; `details.error` is its code. The rules that do not need the recomputed
    estimate (instruments claimed, market evidence, duplicates, independence) still run.
    """
    if ctx.error is not None:
        yield Hit(
            {"reason": ctx.error.message, "error": ctx.error.code},
            field=ctx.error.field,
        )


@rule(
    "INPUT-LINE",
    severity="error",
    basis="ictcost input rules (the message says what)",
)
def _input_line(ctx: Context) -> Iterator[Hit]:
    """A line (or the contingency) cannot be computed; the rest of the estimate is reviewed.

    A line lacks what its method needs (a unit price, a pick rule for quotations, a fee block), its
    fee item does not exist for the project's document, no VAT rate is encoded for its date, a
    software input is missing; or the contingency is above its cap. The line is left out of the
    recomputed totals and every other rule still runs on the rest of the estimate (an appraisal
    never stops at the first problem). `details.error` is the error's code.
    """
    for problem in ctx.recomputed.problems:
        yield Hit(
            {"reason": problem.message, "error": problem.code},
            line=problem.line,
            field=problem.field,
        )


def _context(
    project: ProjectInput,
    registry: NormRegistry,
    base_dir: Path | None,
    config: CheckConfig,
    *,
    allow_outside: bool = False,
) -> Context:
    try:
        estimate = compute_estimate(
            project,
            registry=registry,
            base_dir=base_dir,
            lenient_methods=True,
            collect_problems=True,
            allow_outside=allow_outside,
        )
    except IctcostError as exc:
        return Context(project, None, exc, registry, config)
    return Context(project, estimate, None, registry, config)


def estimate_context(
    project: ProjectInput,
    registry: NormRegistry,
    base_dir: Path | None,
    config: CheckConfig,
) -> Context:
    """Recompute one estimate for the checks (never raises for a questionable estimate).

    What :func:`check` does before running the rules: the estimate recomputed leniently about
    methods and collecting the lines that cannot be computed; an estimate that cannot be computed
    at all is a context with its error (the rules report it). The portfolio engine
    (:mod:`ictcost.portfolio`) runs this in its workers.

    Args:
        project: The project.
        registry: The norms.
        base_dir: Folder for relative paths (software inputs).
        config: The thresholds.

    Returns:
        The context the rules read.
    """
    return _context(project, registry, base_dir, config)


def estimate_findings(ctx: Context) -> list[Finding]:
    """Run every per-estimate rule over a context (see :func:`estimate_context`).

    Returns:
        The findings, errors first, then warnings, then infos (as :func:`check` returns them).
    """
    return _run(ctx)


def _run(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for r in RULES.values():
        if r.check is None or (r.needs == "estimate" and ctx.estimate is None):
            continue
        out += [r.finding(hit, estimate=ctx.name) for hit in r.check(ctx)]
    return sorted(out, key=lambda f: _ORDER[f.severity])


def _run_portfolio(portfolio: Portfolio) -> list[Finding]:
    out: list[Finding] = []
    for r in RULES.values():
        if r.check_portfolio is not None:
            out += [r.finding(hit, estimate=PORTFOLIO) for hit in r.check_portfolio(portfolio)]
    return out


@typed_args
def check(
    project: ProjectInput,
    *,
    registry: NormRegistry | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    config: CheckConfig | None = None,
    evidence: EvidenceRegister | None = None,
    allow_outside: bool = False,
) -> Findings:
    """Check one estimate and return every finding (never raises for a questionable estimate).

    Args:
        project: The project, with ``stated`` figures when it is a submitted estimate.
        registry: The registry (with the user's price-list and reference-range packs); the
            shipped one by default.
        base_dir: Folder for relative paths (software inputs).
        config: Thresholds.
        evidence: A price-evidence register (:func:`ictcost.inputs.load_evidence`): unit prices
            are compared with it; without one, no evidence finding is made.
        allow_outside: Read files the project references outside its folder (off: a project
            from a stranger may not make ictcost read other files).

    Returns:
        The findings, errors first, then warnings, then infos.
    """
    reg = registry or NormRegistry.shipped()
    folder = Path(base_dir) if base_dir is not None else None
    base = _context(project, reg, folder, config or CheckConfig(), allow_outside=allow_outside)
    ctx = replace(base, evidence=evidence)
    return Findings(_run(ctx))


@typed_args
def check_portfolio(
    projects: Sequence[ProjectInput | Path | str],
    *,
    registry: NormRegistry | None = None,
    base_dirs: Sequence[str | os.PathLike[str] | None] | None = None,
    config: CheckConfig | None = None,
    evidence: EvidenceRegister | None = None,
) -> Findings:
    """Check every estimate of a portfolio, then the overlaps between them.

    Args:
        projects: The estimates, as projects or as project files (YAML or JSON).
        registry: The registry; the shipped one by default.
        base_dirs: One folder per project for relative paths; by default a file's own folder.
        config: Thresholds.
        evidence: A price-evidence register every estimate's unit prices are compared with.

    Returns:
        The findings of each estimate (errors first), in the order given, then the findings
        across the portfolio (their ``estimate`` is ``portfolio``).

    Raises:
        InputError: a project file cannot be read.
    """
    reg = registry or NormRegistry.shipped()
    cfg = config or CheckConfig()
    dirs = list(base_dirs) if base_dirs is not None else [None] * len(projects)
    contexts: list[Context] = []
    findings = Findings()
    for item, given in zip(projects, dirs, strict=True):
        base = Path(given) if given is not None else None
        if isinstance(item, ProjectInput):
            project = item
        else:
            path = Path(item)
            project = load_project(path)
            base = base if base is not None else path.parent
        ctx = replace(_context(project, reg, base, cfg), evidence=evidence)
        contexts.append(ctx)
        findings += _run(ctx)
    findings += _run_portfolio(Portfolio(tuple(contexts), cfg))
    return findings
