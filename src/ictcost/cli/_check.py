"""``ictcost check``: the appraisal checks, the comparison table and the appraisal report.

A file is read as YAML, JSON, standard input (``-``) or a workbook (an ictcost workbook, else a
statutory estimate workbook). With ``--portfolio`` the other estimates of a folder are read and
the overlaps checked, with a progress bar on standard error when it is a terminal. The thresholds
are the configuration file's ``[check]`` table (:class:`~ictcost.checks.CheckConfig`).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, overload

import typer

from ictcost.cli._common import (
    STDIN,
    AllowOutsideOpt,
    JsonOpt,
    LangOpt,
    LazyModule,
    OutputOpt,
    PackOpt,
    Run,
    StageValue,
    cannot_write,
    check_output_folder,
    emit,
    fail,
    guard_input,
    needs_extra,
    read_stdin,
    registry,
    show,
)
from ictcost.cli._estimate import not_an_input
from ictcost.errors import IctcostError, InputError

if TYPE_CHECKING:
    from rich.progress import Progress

    from ictcost.checks import CheckConfig
    from ictcost.checks.rules import Finding
    from ictcost.estimate import Estimate
    from ictcost.estimate.model import ProjectInput
    from ictcost.inputs.evidence import EvidenceRegister
    from ictcost.norms.registry import NormRegistry
    from ictcost.report import console as views
    from ictcost.report.comparison import Stage
    from ictcost.report.explain import Lang
else:
    views = LazyModule("ictcost.report.console")

__all__ = ["EPILOG", "check_cmd", "set_terminal_test"]

EPILOG = """Examples:

  ictcost check examples/portal-project.yaml --pack examples/pack

  ictcost check submitted.xlsx --report tham-dinh.docx --xlsx so-sanh.xlsx

  ictcost check examples/portfolio/01-mot-cua-huyen.yaml --portfolio examples/portfolio

  ictcost check project.yaml --json -o findings.json

Exit status: 0 no error-level finding; 1 errors found; 2 unusable input.
"""

_WORKBOOKS = (".xlsx", ".xlsm")
"""The files a portfolio folder is read from: YAML, JSON and workbooks (``.xlsx``)."""


def _isatty() -> bool:
    return sys.stderr.isatty()


_terminal_test: list[Callable[[], bool]] = [_isatty]


def set_terminal_test(test: Callable[[], bool]) -> None:
    """Set the function that tells whether standard error is a terminal (the progress bar)."""
    _terminal_test[0] = test


def _load_checked(path: Path, reg: NormRegistry, lang: Lang) -> ProjectInput:
    """Read a project to check: YAML or JSON, or a submitted workbook (``excel`` extra).

    A workbook in none of ictcost's layouts is read as a statutory estimate workbook; what was
    read, assumed and skipped is printed to stderr (``ImportReport.text``).
    """
    from ictcost.estimate import load_project  # noqa: PLC0415

    if path == STDIN:
        return load_project(read_stdin())
    guard_input(path, command="check", workbooks=True)
    if path.suffix.lower() in _WORKBOOKS:
        try:
            from ictcost.inputs.workbook import load_workbook_project  # noqa: PLC0415
        except ImportError:
            needs_extra("checking a workbook", "excel", lang)
        try:
            return load_workbook_project(path, registry=reg)
        except InputError as exc:
            if exc.context.get("layout") != "unknown":
                raise
        # not ictcost's layouts: a statutory "Bảng tổng hợp dự toán" as people submit it
        from ictcost.inputs.statutory import read_statutory_workbook  # noqa: PLC0415

        project, report = read_statutory_workbook(path, registry=reg)
        show(views.line_view(report.text()), stderr=True, soft_wrap=True)  # cell text is inert
        return project
    return load_project(path)


def _portfolio_members(folder: Path, *, exclude: Sequence[Path]) -> list[Path]:
    """Return the estimates of a portfolio folder: YAML, JSON and workbook files, by name."""
    from ictcost.inputs.portfolio import portfolio_files  # noqa: PLC0415
    from ictcost.report.comparison import is_comparison_workbook  # noqa: PLC0415

    if not folder.is_dir():
        raise InputError(
            f"--portfolio {folder}: not a folder"
            + ("" if folder.exists() else " (it does not exist)"),
            field="--portfolio",
            hint="give the folder of the other estimates (YAML, JSON, .xlsx)",
        )
    skip = {p.resolve() for p in exclude if p != STDIN}
    return [
        p
        for p in portfolio_files(folder, exclude=exclude[0])
        if p.resolve() not in skip
        and not (p.suffix.lower() in _WORKBOOKS and is_comparison_workbook(p))
    ]


class _Progress:
    """Progress of a long portfolio run, on standard error when it is a terminal (else silent)."""

    def __init__(self) -> None:
        self._bar: Progress | None = None
        if _terminal_test[0]():
            from rich.progress import (  # noqa: PLC0415
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=views.make_console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def task(self, description: str, total: int) -> Callable[[], None]:
        """Start a task; return the function that counts one step of it."""
        bar = self._bar
        if bar is None:
            return lambda: None
        task = bar.add_task(description, total=total)
        return lambda: bar.advance(task)

    def each(
        self, description: str, paths: Sequence[Path], reg: NormRegistry, lang: Lang
    ) -> list[ProjectInput]:
        """Read every file of a portfolio, counting each."""
        tick = self.task(description, len(paths))
        out = []
        for path in paths:
            out.append(_load_checked(path, reg, lang))
            tick()
        return out


class _Ticking(Sequence["ProjectInput"]):
    """The projects of a portfolio run, counting one step each time the next one is taken."""

    def __init__(self, items: list[ProjectInput], tick: Callable[[], None]) -> None:
        self._items = items
        self._tick = tick

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> ProjectInput: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ProjectInput]: ...
    def __getitem__(self, index: int | slice) -> ProjectInput | Sequence[ProjectInput]:
        return self._items[index]

    def __iter__(self) -> Iterator[ProjectInput]:
        for item in self._items:
            yield item
            self._tick()


def _evidence(path: Path | None) -> EvidenceRegister | None:
    if path is None:
        return None
    from ictcost.inputs import load_evidence  # noqa: PLC0415

    return load_evidence(path)


def _own_findings(
    findings: Sequence[Finding],
    project: ProjectInput,
    others: Sequence[ProjectInput],
    reg: NormRegistry,
    base_dir: Path,
    check: Callable[..., Sequence[Finding]],
) -> list[Finding]:
    """Return the findings about the checked file: its own and the overlaps involving it."""
    from ictcost.report.comparison import PORTFOLIO, relevant_findings  # noqa: PLC0415

    name = project.project.name
    if not any(o.project.name == name for o in others):
        return relevant_findings(findings, name)
    overlaps = [f for f in findings if f.estimate == PORTFOLIO]
    return [*check(project, registry=reg, base_dir=base_dir), *relevant_findings(overlaps, name)]


def _own_summary(file: Path, own: Sequence[Finding], lang: Lang) -> str:
    """The line that says which findings of a portfolio run set the exit status."""
    return views.message_text(
        "cli.own_summary",
        lang,
        file=file.name if file != STDIN else "-",
        errors=sum(1 for f in own if f.severity == "error"),
        warnings=sum(1 for f in own if f.severity == "warning"),
    )


def _writers(outputs: dict[str, Path | None], lang: Lang) -> dict[str, Callable[..., Path]]:
    """Check the output folders and the extras the outputs need, before any work is done."""
    for option, path in outputs.items():
        check_output_folder(path, option)
    writers: dict[str, Callable[..., Path]] = {}
    if outputs["--report"] is not None:
        try:
            from ictcost.report.appraisal import write_report  # noqa: PLC0415
        except ImportError:
            needs_extra("--report", "report", lang)
        writers["--report"] = write_report
    if outputs["--xlsx"] is not None:
        try:
            from ictcost.report import write_comparison  # noqa: PLC0415
        except ImportError:
            needs_extra("--xlsx", "excel", lang)
        writers["--xlsx"] = write_comparison
    return writers


def _comparison_estimate(project: ProjectInput, reg: NormRegistry, base_dir: Path) -> Estimate:
    """Recompute the estimate as the appraiser adopts it (fee bases back on the norm's)."""
    from ictcost.estimate import compute_estimate  # noqa: PLC0415

    return compute_estimate(
        project.with_norm_bases(),
        registry=reg,
        base_dir=base_dir,
        lenient_methods=True,
        collect_problems=True,
    )


def _write_comparison(
    project: ProjectInput,
    estimate: Estimate,
    findings: Sequence[Finding],
    writers: dict[str, Callable[..., Path]],
    outputs: dict[str, Path | None],
    options: tuple[Lang, Stage],
    registry: NormRegistry,
) -> None:
    """Write the comparison outputs asked for (each atomically)."""
    from ictcost.report.comparison import compare  # noqa: PLC0415
    from ictcost.report.text import atomic_write_text  # noqa: PLC0415

    lang, stage = options
    comparison = compare(project, estimate, findings, registry=registry)
    for option, path in outputs.items():
        if path is None:
            continue
        try:
            if option == "--md":
                atomic_write_text(path, comparison.to_markdown(lang, stage=stage))
            elif option == "--report":
                writers[option](comparison, path, lang, stage=stage)
            else:
                writers[option](comparison, path, lang=lang, stage=stage)
        except OSError as exc:
            raise cannot_write(path, option, exc) from exc


def _portfolio_run(
    file: Path,
    project: ProjectInput,
    portfolio: Path,
    exclude: Sequence[Path],
    reg: NormRegistry,
    config: CheckConfig,
    evidence: EvidenceRegister | None,
    lang: Lang,
) -> tuple[Sequence[Finding], list[Finding]]:
    """Check the file with the other estimates of a folder; return all findings and its own."""
    from ictcost.checks import check, check_portfolio  # noqa: PLC0415

    base_dir = Path.cwd() if file == STDIN else file.parent
    with _Progress() as progress:
        others = _portfolio_members(portfolio, exclude=[file, *exclude])
        loaded = progress.each(views.message_text("cli.progress.reading", lang), others, reg, lang)
        tick = progress.task(views.message_text("cli.progress.checking", lang), len(loaded) + 1)
        findings = check_portfolio(
            _Ticking([project, *loaded], tick),
            registry=reg,
            base_dirs=[base_dir, *(p.parent for p in others)],
            config=config,
            evidence=evidence,
        )
    own = _own_findings(
        findings,
        project,
        loaded,
        reg,
        base_dir,
        functools.partial(check, evidence=evidence, config=config),
    )
    return findings, own


def check_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="Project file (YAML, JSON or .xlsx); '-' reads standard input.",
            allow_dash=True,
            metavar="FILE",
        ),
    ],
    portfolio: Annotated[
        Path | None,
        typer.Option(
            "--portfolio",
            help="A folder of other estimates (YAML, JSON, .xlsx) to check overlaps against.",
            metavar="DIR",
        ),
    ] = None,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    pack: PackOpt = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the appraisal report (.docx).", metavar="FILE"),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx", help="Write the comparison table as a workbook (.xlsx).", metavar="FILE"
        ),
    ] = None,
    md: Annotated[
        Path | None,
        typer.Option("--md", help="Write the comparison table as Markdown.", metavar="FILE"),
    ] = None,
    lang: LangOpt = None,
    stage: Annotated[
        StageValue | None,
        typer.Option(
            "--stage",
            help="tham-dinh: the appraising body's report (default); tham-tra: a reviewing "
            "consultant's (config key: stage).",
        ),
    ] = None,
    evidence_file: Annotated[
        Path | None,
        typer.Option(
            "--evidence",
            help="A price-evidence register (YAML, JSON, CSV, .xlsx) to compare unit prices "
            "with (past contracts, winning bids, quotations).",
            metavar="FILE",
        ),
    ] = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Appraisal checks. Exit 0: no error-level finding; 1: errors found; 2: unusable input.

    With --portfolio only the file's own findings and the overlaps that involve it decide
    the exit status (the other files' findings are shown, not counted). --report, --xlsx and
    --md write the comparison of the submitted figures with the recomputed ones.
    """
    from ictcost.checks import check  # noqa: PLC0415

    outputs = {"--report": report, "--xlsx": xlsx, "--md": md}
    try:
        run = Run.of(lang=lang, pack=pack)
        chosen_stage: Stage = (
            "tham_tra" if stage == "tham-tra" else "tham_dinh" if stage else run.base.stage
        )
        check_output_folder(output, "--output")
        not_an_input(
            {**outputs, "--output": output},
            file,
            *((evidence_file,) if evidence_file else ()),
            pack=run.pack,
        )
        writers = _writers(outputs, run.lang)
        reg = registry(run.pack)
        project = _load_checked(file, reg, run.lang)
        base_dir = Path.cwd() if file == STDIN else file.parent
        evidence = _evidence(evidence_file)
        comparison_estimate = (
            _comparison_estimate(project, reg, base_dir) if any(outputs.values()) else None
        )
        if portfolio is not None:
            findings, own = _portfolio_run(
                file,
                project,
                portfolio,
                [p for p in (*outputs.values(), output) if p],
                reg,
                run.check,
                evidence,
                run.lang,
            )
        else:
            findings = check(
                project,
                registry=reg,
                base_dir=base_dir,
                config=run.check,
                evidence=evidence,
                allow_outside=allow_outside,
            )
            own = list(findings)
        if comparison_estimate is not None:
            _write_comparison(
                project,
                comparison_estimate,
                own,
                writers,
                outputs,
                (run.lang, chosen_stage),
                reg,
            )
        emit(
            findings.to_json,  # type: ignore[attr-defined]
            lambda: views.findings_view(findings, run.lang),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if not as_json and output is None:
        if portfolio is not None:
            show(views.line_view(_own_summary(file, own, run.lang)))
        show(views.written_view(outputs.values(), run.lang), soft_wrap=True)
    if any(f.severity == "error" for f in own):
        raise typer.Exit(1)
