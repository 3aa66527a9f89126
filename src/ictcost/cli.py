"""The ``ictcost`` command line (needs the ``cli`` extra: ``pip install 'ictcost[cli]'``).

Commands::

    ictcost demo                                   a sample fee computation and the shipped norms
    ictcost norms list [--on DATE] [--json]        the tables (in force on DATE)
    ictcost norms show ID [--on DATE] [--json]     one table's version, every value with its source
    ictcost norms validate DIR                     every problem of a pack, at once
    ictcost fee --table 1b --form ktkt --base 8500000000 --on 2026-01-15
    ictcost fee --item tham_tra_bao_cao_ktkt --category software --form ktkt --base … --on …
    ictcost fee --list
    ictcost software FILE [--json]                 internal software by use-case points
    ictcost estimate FILE [--json] [--xlsx X] [--md M]   a project estimate
    ictcost check FILE [--portfolio DIR] [--json] [--report R.docx] [--xlsx X] [--md M]
                                                   appraisal checks (findings), the comparison
                                                   table and the appraisal report

The command only parses its arguments, calls the library and prints what
:mod:`ictcost.report.console` returns; ``--json`` prints the result's own JSON
(``Estimate.to_json()``, ``FeeResult.to_json()``, ``Findings.to_json()`` …).

Exit status: 0 on success, 1 when ``norms validate`` finds problems or ``check`` finds an
error-level finding, 2 when the input cannot be used (the message says what, where and how to
fix; with ``--json`` an ``{"error": {...}}`` object).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast, overload

from ictcost.errors import IctcostError, InputError
from ictcost.fees import CONDITIONS, Category, Form, compute_fee, fee_items, table_fee
from ictcost.money import parse_amount
from ictcost.norms.loader import validate_norms
from ictcost.norms.registry import NormRegistry
from ictcost.regimes import regime_on
from ictcost.report.norms_json import in_force_data, table_list
from ictcost.validation import check_date

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.progress import Progress

    from ictcost.checks.rules import Finding
    from ictcost.estimate import Estimate
    from ictcost.estimate.model import ProjectInput
    from ictcost.inputs.evidence import EvidenceRegister
    from ictcost.report.comparison import Stage
    from ictcost.report.explain import Lang

try:  # the CLI is an optional extra
    import typer

    from ictcost.report import console as views
except ImportError:  # pragma: no cover - exercised only without the extra
    typer = None  # type: ignore[assignment]

__all__ = ["app", "main"]


def _show(view: RenderableType, *, stderr: bool = False) -> None:
    views.make_console(stderr=stderr).print(view)


def _print_json(data: object) -> None:
    print(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2))


def _fail(exc: IctcostError, *, as_json: bool) -> NoReturn:
    if as_json:
        _print_json({"error": exc.to_dict()})
    else:
        _show(views.error_view(exc), stderr=True)
    raise typer.Exit(2)


def _needs_extra(what: str, extra: str) -> NoReturn:
    _show(views.missing_extra_view(what, extra), stderr=True)
    raise typer.Exit(2)


def _registry(pack: Path | None) -> NormRegistry:
    reg = NormRegistry.shipped()
    return reg.with_pack(pack) if pack else reg


def _date(text: str | None, name: str = "--on") -> dt.date:
    return dt.date.today() if text is None else check_date(text, name)


def _alternatives(specs: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for spec in specs:
        ref, sep, index = spec.rpartition("=")
        if not sep or not index.isdigit():
            raise InputError(
                f"--alternative must look like table/row/column=INDEX (got {spec!r})",
                code="alternative-invalid",
                field="--alternative",
                hint="e.g. --alternative qd1688-k-coefficients/lap_bao_cao_ktkt/island=0",
            )
        out[ref] = int(index)
    return out


def _cannot_write(path: Path, option: str, exc: OSError) -> InputError:
    return InputError(
        f"cannot write {path}: {exc.strerror or exc}",
        field=option,
        hint="give a path in an existing folder that you may write to",
    )


# --- check: the portfolio, the outputs ----------------------------------------------------------

_WORKBOOKS = (".xlsx", ".xlsm")
"""The files a portfolio folder is read from: YAML, JSON and workbooks (``.xlsx``)."""


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _load_checked(path: Path, reg: NormRegistry) -> ProjectInput:
    """Read a project to check: YAML or JSON, or a submitted workbook (``excel`` extra).

    A workbook in none of ictcost's layouts is read as a statutory estimate workbook; what was
    read, assumed and skipped is printed to stderr (``ImportReport.text``).
    """
    from ictcost.estimate import load_project  # noqa: PLC0415

    if path.suffix.lower() in _WORKBOOKS:
        try:
            from ictcost.inputs.workbook import load_workbook_project  # noqa: PLC0415
        except ImportError:
            _needs_extra("checking a workbook", "excel")
        try:
            return load_workbook_project(path, registry=reg)
        except InputError as exc:
            if exc.context.get("layout") != "unknown":
                raise
        # not ictcost's layouts: a statutory "Bảng tổng hợp dự toán" as people submit it
        from ictcost.inputs.statutory import read_statutory_workbook  # noqa: PLC0415

        project, report = read_statutory_workbook(path, registry=reg)
        print(report.text(), file=sys.stderr)
        return project
    return load_project(path)


def _portfolio_members(folder: Path, *, exclude: Sequence[Path]) -> list[Path]:
    """Return the estimates of a portfolio folder: YAML, JSON and workbook files, by name.

    :func:`~ictcost.inputs.portfolio.portfolio_files` lists them (hidden and lock files left
    out); also left out here: the files given in ``exclude`` (the file checked, this run's
    outputs) and comparison workbooks ictcost wrote.
    """
    from ictcost.inputs.portfolio import portfolio_files  # noqa: PLC0415
    from ictcost.report.comparison import is_comparison_workbook  # noqa: PLC0415

    skip = {p.resolve() for p in exclude}
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
        if _stderr_is_terminal():
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
        self, description: str, paths: Sequence[Path], reg: NormRegistry
    ) -> list[ProjectInput]:
        """Read every file of a portfolio, counting each."""
        tick = self.task(description, len(paths))
        out = []
        for path in paths:
            out.append(_load_checked(path, reg))
            tick()
        return out


class _Ticking(Sequence["ProjectInput"]):
    """The projects of a portfolio run, counting one step each time the next one is taken.

    ``check_portfolio`` checks the projects in the order it iterates them, so taking the next
    one means the previous one is done (the last step is counted when the iteration ends,
    before the portfolio rules run).
    """

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
    """Load the price-evidence register of ``--evidence``, if given."""
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
    """Return the findings about the checked file: its own and the overlaps involving it.

    The findings of a portfolio run name their estimate; when another estimate of the portfolio
    has the same name, the file is checked on its own to tell its findings apart.
    """
    from ictcost.report.comparison import PORTFOLIO, relevant_findings  # noqa: PLC0415

    name = project.project.name
    if not any(o.project.name == name for o in others):
        return relevant_findings(findings, name)
    overlaps = [f for f in findings if f.estimate == PORTFOLIO]
    return [*check(project, registry=reg, base_dir=base_dir), *relevant_findings(overlaps, name)]


def _own_summary(file: Path, own: Sequence[Finding]) -> str:
    """The line that says which findings of a portfolio run set the exit status."""
    errors = sum(1 for f in own if f.severity == "error")
    warnings = sum(1 for f in own if f.severity == "warning")
    return (
        f"{file.name}: {errors} error(s), {warnings} warning(s) of its own or in overlaps "
        "involving it (they set the exit status)"
    )


def _output_options(lang: str, stage: str) -> tuple[Lang, Stage]:
    if lang not in ("vi", "en"):
        raise InputError(
            f"--lang must be vi or en (got {lang!r})", field="--lang", hint="e.g. --lang en"
        )
    key = stage.replace("-", "_")
    if key not in ("tham_dinh", "tham_tra"):
        raise InputError(
            f"--stage must be tham-dinh or tham-tra (got {stage!r})",
            field="--stage",
            hint="tham-dinh: the appraising body's report; tham-tra: a reviewing consultant's",
        )
    return cast("Lang", lang), cast("Stage", key)


def _not_an_input(outputs: dict[str, Path | None], *inputs: Path) -> None:
    """Refuse an output path that is one of the inputs: writing it would destroy the input."""
    sources = {p.resolve() for p in inputs}
    for option, path in outputs.items():
        if path is not None and path.resolve() in sources:
            raise InputError(
                f"{option} {path} is an input of this run: writing it would overwrite the input",
                field=option,
                hint="write the output to another file",
            )


def _writers(outputs: dict[str, Path | None]) -> dict[str, Callable[..., Path]]:
    """Check the output folders and the extras the outputs need, before any work is done."""
    for option, path in outputs.items():
        if path is not None and not path.parent.is_dir():
            raise InputError(
                f"cannot write {path}: the folder {str(path.parent)!r} does not exist",
                field=option,
                hint="give a path in an existing folder that you may write to",
            )
    writers: dict[str, Callable[..., Path]] = {}
    if outputs["--report"] is not None:
        try:
            from ictcost.report.appraisal import write_report  # noqa: PLC0415
        except ImportError:
            _needs_extra("--report", "report")
        writers["--report"] = write_report
    if outputs["--xlsx"] is not None:
        try:
            from ictcost.report import write_comparison  # noqa: PLC0415
        except ImportError:
            _needs_extra("--xlsx", "excel")
        writers["--xlsx"] = write_comparison
    return writers


def _comparison_estimate(project: ProjectInput, reg: NormRegistry, file: Path) -> Estimate:
    """Recompute the estimate as the appraiser adopts it, keeping the lines that cannot be computed.

    The fee bases a submitter overrode without a reason are put back on the norm's definition
    (:meth:`~ictcost.estimate.ProjectInput.with_norm_bases`): the appraised value of such a fee is
    the norm's; STRUCT-FEE-BASE gives the difference.
    """
    from ictcost.estimate import compute_estimate  # noqa: PLC0415

    return compute_estimate(
        project.with_norm_bases(),
        registry=reg,
        base_dir=file.parent,
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
            raise _cannot_write(path, option, exc) from exc


if typer is not None:
    app = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        help="Price and check state-funded IT projects in Vietnam.",
    )
    norms_app = typer.Typer(no_args_is_help=True, help="Browse and validate norm tables.")
    app.add_typer(norms_app, name="norms")

    OnOpt = Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).")]
    JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
    PackOpt = Annotated[Path | None, typer.Option("--pack", help="A user norm pack on top.")]
    AllowOutsideOpt = Annotated[
        bool,
        typer.Option(
            "--allow-outside",
            help="Read files the project references outside its own folder (off by default).",
        ),
    ]

    @norms_app.command("list")
    def norms_list(on: OnOpt = None, as_json: JsonOpt = False, pack: PackOpt = None) -> None:
        """List the norm tables (only those in force on --on when it is given)."""
        try:
            reg = _registry(pack)
            rows = table_list(reg, reg.in_force(_date(on)) if on else list(reg))
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(rows)
        else:
            _show(views.norms_list_view(rows, on=on))

    @norms_app.command("show")
    def norms_show(
        table_id: Annotated[str, typer.Argument(help="The table id.")],
        on: OnOpt = None,
        as_json: JsonOpt = False,
        pack: PackOpt = None,
    ) -> None:
        """Show the version of a table in force on --on, every value with its source."""
        try:
            inforce = _registry(pack).get(table_id, _date(on))
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(in_force_data(inforce))
        else:
            _show(views.norm_table_view(inforce))

    @norms_app.command("validate")
    def norms_validate(
        directory: Annotated[Path, typer.Argument(help="A pack directory.")],
    ) -> None:
        """Check every norm file under a directory and print every problem found."""
        if not directory.is_dir():
            _fail(
                InputError(
                    f"{str(directory)!r} is not a folder",
                    field="DIR",
                    hint="give the folder of a norm pack, e.g. ictcost norms validate my-pack",
                ),
                as_json=False,
            )
        problems = validate_norms(directory)
        _show(views.problems_view(problems))
        if problems:
            raise typer.Exit(1)

    @app.command("fee")
    def fee(
        item: Annotated[str | None, typer.Option(help="Item key, e.g. quan_ly_du_an.")] = None,
        table: Annotated[str | None, typer.Option(help="Table 1a … 8b (bare lookup).")] = None,
        category: Annotated[str, typer.Option(help="infrastructure | software.")] = "software",
        form: Annotated[str, typer.Option(help="project | ktkt.")] = "project",
        base: Annotated[str | None, typer.Option(help="Base cost in đồng before VAT.")] = None,
        on: OnOpt = None,
        condition: Annotated[
            list[str] | None,
            typer.Option(help=f"K condition (repeatable): {', '.join(CONDITIONS)}."),
        ] = None,
        strict: Annotated[bool, typer.Option(help="Raise outside the table range.")] = False,
        rate_decimals: Annotated[
            int | None, typer.Option(help="Round the rate (calculator convention).")
        ] = None,
        alternative: Annotated[
            list[str] | None,
            typer.Option(help="Use an alternative of a disputed value: table/row/column=INDEX."),
        ] = None,
        regime_override: Annotated[
            str | None, typer.Option(help="Transitional override: an earlier regime id.")
        ] = None,
        pack: PackOpt = None,
        list_items: Annotated[bool, typer.Option("--list", help="List item keys.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Compute a fee by the QĐ 1688 % norms (a table lookup, or an item with its rules)."""
        try:
            reg = _registry(pack)
            if list_items:
                items = fee_items(reg, _date(on))
                if as_json:
                    _print_json(items)
                else:
                    _show(views.fee_items_view(items))
                return
            if (item is None) == (table is None):
                raise InputError(
                    "give exactly one of --item or --table",
                    field="--item",
                    hint="e.g. --table 1b, or --item quan_ly_du_an; --list shows the items",
                )
            if base is None:
                raise InputError(
                    "--base is required",
                    field="--base",
                    hint="the base cost in đồng before VAT, e.g. 8500000000",
                )
            amount = parse_amount(base, "--base")
            day = _date(on)
            if table is not None:
                result = table_fee(
                    table,
                    form=cast("Form", form),
                    base=amount,
                    on=day,
                    registry=reg,
                    strict=strict,
                    rate_decimals=rate_decimals,
                    regime_override=regime_override,
                )
            else:
                assert item is not None
                result = compute_fee(
                    item,
                    category=cast("Category", category),
                    form=cast("Form", form),
                    base=amount,
                    on=day,
                    conditions=condition or (),
                    registry=reg,
                    strict=strict,
                    rate_decimals=rate_decimals,
                    alternatives=_alternatives(alternative or []),
                    regime_override=regime_override,
                )
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(result.to_json())
        else:
            _show(views.fee_view(result))

    @app.command("software")
    def software(
        file: Annotated[Path, typer.Argument(help="Input file (YAML or JSON).")],
        as_json: JsonOpt = False,
        pack: PackOpt = None,
    ) -> None:
        """Compute internal-software cost by the state use-case-point method (CV 2589 → QĐ 671)."""
        from ictcost.inputs import load_software_input  # noqa: PLC0415
        from ictcost.software import compute_software_cost  # noqa: PLC0415

        try:
            result = compute_software_cost(load_software_input(file), registry=_registry(pack))
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(result.to_json())
        else:
            _show(views.software_view(result))

    @app.command("estimate")
    def estimate(
        file: Annotated[Path, typer.Argument(help="Project file (YAML or JSON).")],
        as_json: JsonOpt = False,
        xlsx: Annotated[
            Path | None, typer.Option("--xlsx", help="Write an Excel workbook.")
        ] = None,
        md: Annotated[Path | None, typer.Option("--md", help="Write a Markdown report.")] = None,
        pack: PackOpt = None,
        allow_outside: AllowOutsideOpt = False,
    ) -> None:
        """Compute a project estimate (every component, method, VAT, contingency, total)."""
        from ictcost.estimate import compute_estimate, load_project  # noqa: PLC0415
        from ictcost.report.text import atomic_write_text  # noqa: PLC0415

        try:
            _not_an_input({"--xlsx": xlsx, "--md": md}, file)
            project = load_project(file)
            _not_an_input(
                {"--xlsx": xlsx, "--md": md},
                *(
                    file.parent / ln.software
                    for ln in project.lines
                    if isinstance(ln.software, str)
                ),
            )
            result = compute_estimate(
                project,
                registry=_registry(pack),
                base_dir=file.parent,
                allow_outside=allow_outside,
            )
            if xlsx is not None:
                try:
                    from ictcost.report.excel import write_xlsx  # noqa: PLC0415
                except ImportError:
                    _needs_extra("--xlsx", "excel")
                try:
                    write_xlsx(result, xlsx)
                except OSError as exc:
                    raise _cannot_write(xlsx, "--xlsx", exc) from exc
            if md is not None:
                try:
                    atomic_write_text(md, result.to_markdown())
                except OSError as exc:
                    raise _cannot_write(md, "--md", exc) from exc
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(result.to_json())
            return
        _show(views.estimate_view(result))
        _show(views.written_view((xlsx, md)))

    @app.command("check")
    def check_cmd(
        file: Annotated[Path, typer.Argument(help="Project file (YAML, JSON or .xlsx).")],
        portfolio: Annotated[
            Path | None,
            typer.Option(
                "--portfolio",
                help="A folder of other estimates (YAML, JSON, .xlsx) to check overlaps against.",
            ),
        ] = None,
        as_json: JsonOpt = False,
        pack: PackOpt = None,
        report: Annotated[
            Path | None,
            typer.Option("--report", help="Write the appraisal report (.docx)."),
        ] = None,
        xlsx: Annotated[
            Path | None,
            typer.Option("--xlsx", help="Write the comparison table as a workbook (.xlsx)."),
        ] = None,
        md: Annotated[
            Path | None, typer.Option("--md", help="Write the comparison table as Markdown.")
        ] = None,
        lang: Annotated[
            str, typer.Option("--lang", help="Language of --report, --xlsx, --md: vi | en.")
        ] = "vi",
        stage: Annotated[
            str,
            typer.Option(
                "--stage",
                help="tham-dinh (appraising body, default) | tham-tra (reviewing consultant).",
            ),
        ] = "tham-dinh",
        evidence_file: Annotated[
            Path | None,
            typer.Option(
                "--evidence",
                help="A price-evidence register (YAML, JSON, CSV, .xlsx) to compare unit prices "
                "with (past contracts, winning bids, quotations).",
            ),
        ] = None,
        allow_outside: AllowOutsideOpt = False,
    ) -> None:
        """Appraisal checks. Exit 0: no error-level finding; 1: errors found; 2: unusable input.

        With --portfolio only the file's own findings and the overlaps that involve it decide
        the exit status (the other files' findings are shown, not counted). --report, --xlsx and
        --md write the comparison of the submitted figures with the recomputed ones.
        """
        from ictcost.checks import check, check_portfolio  # noqa: PLC0415

        outputs = {"--report": report, "--xlsx": xlsx, "--md": md}
        try:
            _not_an_input(outputs, file, *((evidence_file,) if evidence_file else ()))
            options = _output_options(lang, stage)
            writers = _writers(outputs)
            reg = _registry(pack)
            project = _load_checked(file, reg)
            evidence = _evidence(evidence_file)
            comparison_estimate = (
                _comparison_estimate(project, reg, file) if any(outputs.values()) else None
            )
            if portfolio is not None:
                with _Progress() as progress:
                    others = _portfolio_members(
                        portfolio, exclude=[file, *(p for p in outputs.values() if p)]
                    )
                    loaded = progress.each("reading the portfolio", others, reg)
                    tick = progress.task("checking", len(loaded) + 1)
                    findings = check_portfolio(
                        _Ticking([project, *loaded], tick),
                        registry=reg,
                        base_dirs=[file.parent, *(p.parent for p in others)],
                        evidence=evidence,
                    )
                own = _own_findings(
                    findings,
                    project,
                    loaded,
                    reg,
                    file.parent,
                    functools.partial(check, evidence=evidence),
                )
            else:
                findings = check(
                    project,
                    registry=reg,
                    base_dir=file.parent,
                    evidence=evidence,
                    allow_outside=allow_outside,
                )
                own = list(findings)
            if comparison_estimate is not None:
                _write_comparison(project, comparison_estimate, own, writers, outputs, options, reg)
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(findings.to_json())
        else:
            _show(views.findings_view(findings))
            if portfolio is not None:
                _show(_own_summary(file, own))
            _show(views.written_view(outputs.values()))
        if any(f.severity == "error" for f in own):
            raise typer.Exit(1)

    @app.command("demo")
    def demo() -> None:
        """Run the sample job: a fee computation with its trace, then the shipped norm tables."""
        on = dt.date(2026, 1, 15)
        _show(views.sample_title_view(regime_on(on)))
        for item in ("quan_ly_du_an", "tham_tra_bao_cao_ktkt"):
            result = compute_fee(
                item, category="software", form="ktkt", base=Decimal(8_500_000_000), on=on
            )
            _show(views.fee_view(result))
        norms_list(on=None, as_json=False, pack=None)

else:  # pragma: no cover
    app = None


def main() -> None:
    """Run the ``ictcost`` command (the console-script entry point)."""
    if app is None:  # pragma: no cover
        sys.stderr.write("the ictcost command needs the 'cli' extra: pip install 'ictcost[cli]'\n")
        raise SystemExit(2)
    app()
