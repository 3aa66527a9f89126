"""Check a project's stage records: the checks between stages, and its approved estimate's own.

:func:`check_dossier` reads a dossier, recomputes the estimate its approval names (with the norms
in force on that estimate's date, as ``ictcost check`` does), runs every ``STAGE-`` rule and, by
default, the estimate's own checks, and returns every finding; it never raises for a questionable
dossier. :func:`check_dossiers` checks several and then the rules across them (the same equipment
or software function bought again).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from ictcost._internal._validate import typed_args
from ictcost.checks import CheckConfig
from ictcost.checks.engine import PORTFOLIO, estimate_context, estimate_findings
from ictcost.checks.rules import RULES, Finding, Findings
from ictcost.errors import InputError
from ictcost.estimate import load_project
from ictcost.norms.registry import NormRegistry
from ictcost.stages.context import DossierContext, StageConfig
from ictcost.stages.load import load_dossier
from ictcost.stages.mapping import finding_date, finding_stage
from ictcost.stages.model import Dossier
from ictcost.stages.thresholds import with_stage_basis

__all__ = ["check_dossier", "check_dossiers", "dossier_context", "dossier_findings"]

_ORDER = {"error": 0, "warning": 1, "info": 2}


def _estimate_file(dossier: Dossier, base: Path, *, allow_outside: bool) -> Path | None:
    if dossier.approval is None or dossier.approval.estimate is None:
        return None
    name = Path(dossier.approval.estimate)
    path = name if name.is_absolute() else base / name
    if not allow_outside:
        try:
            inside = not name.is_absolute() and ".." not in name.parts
            inside = inside and path.resolve().is_relative_to(base.resolve())
        except OSError:
            inside = False
        if not inside:
            raise InputError(
                f"approval.estimate {dossier.approval.estimate!r} is outside the dossier's folder",
                field="approval.estimate",
                hint="put the estimate file next to the dossier (no absolute path, no '..'), or "
                "allow it explicitly (allow_outside=True, --allow-outside)",
            )
    return path


def dossier_context(
    dossier: Dossier,
    *,
    registry: NormRegistry | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    config: CheckConfig | None = None,
    stages: StageConfig | None = None,
    allow_outside: bool = False,
) -> DossierContext:
    """Build what the stage rules read: the dossier and its approved estimate recomputed.

    Raises:
        InputError: the estimate file the approval names is outside the dossier's folder or
            cannot be read.
    """
    reg = registry or NormRegistry.shipped()
    cfg = config or CheckConfig()
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    path = _estimate_file(dossier, base, allow_outside=allow_outside)
    ectx = None
    if path is not None:
        ectx = estimate_context(load_project(path), reg, path.parent, cfg)
    return DossierContext(dossier, ectx, reg, cfg, stages or StageConfig(), base)


def _cited(finding: Finding, ctx: DossierContext) -> Finding:
    """The finding with the governing instrument and provision of its stage on its record's date.

    From the norm table ``stage-bases`` (:func:`~ictcost.stages.thresholds.stage_basis`): a
    contract cites Luật Đấu thầu 22/2023 Điều 64–70, a settlement of March 2026 NĐ 254/2025, one
    of August 2026 NĐ 193/2026. The date is the record's (:func:`finding_date`), or the
    finding's ``limit_date`` when its limit was read on another day (a settlement step: its
    first day). A finding without a stage or a dated record keeps the rule's basis only.
    """
    stage = finding_stage(finding)
    if stage is None:
        return finding
    limit_date = finding.details.get("limit_date")
    day = (
        dt.date.fromisoformat(limit_date)
        if isinstance(limit_date, str)
        else finding_date(finding, ctx.dossier, stage)
    )
    return with_stage_basis(finding, ctx.registry, stage, day)


def _run(ctx: DossierContext) -> list[Finding]:
    out: list[Finding] = []
    for r in RULES.values():
        if r.needs == "dossier" and r.check_dossier is not None:
            out += [_cited(r.finding(hit, estimate=ctx.name), ctx) for hit in r.check_dossier(ctx)]
    return out


def _sorted(findings: list[Finding]) -> Findings:
    return Findings(sorted(findings, key=lambda f: _ORDER[f.severity]))


def dossier_findings(ctx: DossierContext, *, with_estimate: bool = True) -> Findings:
    """Run every stage rule of one dossier over its context (see :func:`dossier_context`).

    Args:
        ctx: The dossier and its recomputed estimate.
        with_estimate: Also run the approved estimate's own checks.

    Returns:
        The findings, errors first, then warnings, then infos (as :func:`check_dossier`).
    """
    found = _run(ctx)
    if with_estimate and ctx.estimate is not None:
        found += estimate_findings(ctx.estimate)
    return _sorted(found)


@typed_args
def check_dossier(
    dossier: Dossier | str | os.PathLike[str],
    *,
    registry: NormRegistry | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    config: CheckConfig | None = None,
    stages: StageConfig | None = None,
    with_estimate: bool = True,
    allow_outside: bool = False,
) -> Findings:
    """Check one project's stage records and return every finding.

    Args:
        dossier: The dossier, or its YAML/JSON file.
        registry: The norms (shipped by default).
        base_dir: The folder of relative paths (the approval's estimate); a file's own folder by
            default.
        config: The thresholds of the estimate checks.
        stages: The thresholds of the stage checks (:class:`StageConfig`: explicit inputs).
        with_estimate: Also run the approved estimate's own checks (``ictcost check`` of it).
        allow_outside: Read an estimate file outside the dossier's folder.

    Returns:
        The findings, errors first, then warnings, then infos: the estimate's (their
        ``estimate`` is the project's name) and the stage checks' (their ``estimate`` is the
        dossier's id).

    Raises:
        InputError: the dossier or the estimate it names cannot be read.
    """
    if not isinstance(dossier, Dossier):
        path = Path(dossier)
        dossier = load_dossier(path)
        base_dir = base_dir if base_dir is not None else path.parent
    ctx = dossier_context(
        dossier,
        registry=registry,
        base_dir=base_dir,
        config=config,
        stages=stages,
        allow_outside=allow_outside,
    )
    return dossier_findings(ctx, with_estimate=with_estimate)


@typed_args
def check_dossiers(
    dossiers: Sequence[Dossier | str | os.PathLike[str]],
    *,
    base_dirs: Sequence[str | os.PathLike[str] | None] | None = None,
    registry: NormRegistry | None = None,
    config: CheckConfig | None = None,
    stages: StageConfig | None = None,
    with_estimate: bool = False,
) -> Findings:
    """Check several dossiers, then the rules across them (``STAGE-REPEAT-BUY``).

    Args:
        dossiers: The dossiers, or their files (relative paths from each file's folder).
        base_dirs: One folder per dossier for relative paths; by default a file's own folder (and
            the working directory for a dossier given as an object).
        registry: The norms (shipped by default).
        config: The thresholds of the estimate checks.
        stages: The thresholds of the stage checks (``repeat_years`` for the repeat rule).
        with_estimate: Also run each approved estimate's own checks.

    Returns:
        Each dossier's findings in the order given, then the findings across them (their
        ``estimate`` is ``portfolio``).
    """
    reg = registry or NormRegistry.shipped()
    contexts: list[DossierContext] = []
    findings: list[Finding] = []
    dirs = list(base_dirs) if base_dirs is not None else [None] * len(dossiers)
    for item, given in zip(dossiers, dirs, strict=True):
        base = Path(given) if given is not None else None
        if isinstance(item, Dossier):
            dossier = item
        else:
            base = base if base is not None else Path(item).parent
            dossier = load_dossier(item)
        ctx = dossier_context(dossier, registry=reg, base_dir=base, config=config, stages=stages)
        contexts.append(ctx)
        findings += dossier_findings(ctx, with_estimate=with_estimate)
    by_id = {c.dossier.id: c for c in contexts}
    for r in RULES.values():
        if r.needs == "dossiers" and r.check_dossier is not None:
            for hit in r.check_dossier(contexts):
                found = r.finding(hit, estimate=PORTFOLIO)
                of = by_id.get(str(hit.params.get("dossier")))
                findings.append(found if of is None else _cited(found, of))
    return Findings(findings)
