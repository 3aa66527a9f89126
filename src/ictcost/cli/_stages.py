"""``ictcost stages``: check a project's stage records, one dossier or several.

``check DOSSIER...`` runs the checks between stages (``STAGE-`` codes) of each dossier and, with
several, the repeat-purchase rule across them; the approved estimate's own checks come with each
dossier unless ``--no-estimate``. Exit status 0 without an error-level finding, 1 with one, 2
when a dossier cannot be read.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ictcost.cli._common import (
    CONTEXT,
    AllowOutsideOpt,
    JsonOpt,
    LangOpt,
    LazyModule,
    OutputOpt,
    PackOpt,
    Run,
    check_output_folder,
    emit,
    fail,
    needs_extra,
    print_json,
    registry,
    show,
)
from ictcost.cli._estimate import not_an_input
from ictcost.errors import IctcostError, InputError

if TYPE_CHECKING:
    from ictcost.report import console as views
    from ictcost.report import parts
    from ictcost.stages import StageConfig
else:
    views = LazyModule("ictcost.report.console")
    parts = LazyModule("ictcost.report.parts")

__all__ = ["stages_app"]

CHECK_EPILOG = """Examples:

  ictcost stages check examples/stages/clean.yaml

  ictcost stages check examples/stages/planted.yaml --lang en

  ictcost stages check examples/stages/*.yaml --repeat-years 3 --json

The repeat-purchase window (--repeat-years) and an advance limit for contracts that state none
(--advance-max-percent) are your inputs: no legal text read sets them.
"""

stages_app = typer.Typer(
    no_args_is_help=True,
    context_settings=CONTEXT,
    help="A project's stage records, from plan to settlement, and the checks between stages.",
)


def _stage_config(repeat_years: int | None, advance: str | None) -> StageConfig:
    from ictcost.stages import StageConfig  # noqa: PLC0415

    percent = None
    if advance is not None:
        try:
            percent = Decimal(advance)
        except InvalidOperation:
            raise InputError(
                f"--advance-max-percent {advance!r} is not a number",
                field="--advance-max-percent",
                hint="give a percentage, e.g. --advance-max-percent 30",
            ) from None
    try:
        return StageConfig(repeat_years=repeat_years, advance_max_percent=percent)
    except ValueError as exc:
        option = "--repeat-years" if "repeat" in str(exc) else "--advance-max-percent"
        raise InputError(str(exc), field=option, hint=f"correct {option}") from None


@stages_app.command("check", epilog=CHECK_EPILOG)
def check_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(help="Dossier files (YAML or JSON).", metavar="DOSSIER..."),
    ],
    repeat_years: Annotated[
        int | None,
        typer.Option(
            "--repeat-years",
            help="Report the same equipment or software bought again within this many years "
            "(across the dossiers given).",
            metavar="N",
        ),
    ] = None,
    advance_max_percent: Annotated[
        str | None,
        typer.Option(
            "--advance-max-percent",
            help="An advance limit (% of the contract value) for contracts that state no "
            "advance level.",
            metavar="P",
        ),
    ] = None,
    no_estimate: Annotated[
        bool,
        typer.Option("--no-estimate", help="Leave out the approved estimate's own checks."),
    ] = False,
    pack: PackOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Check stage records. Exit 0: no error-level finding; 1: errors found; 2: unusable input."""
    from ictcost.checks import Findings  # noqa: PLC0415
    from ictcost.stages import check_dossier, check_dossiers  # noqa: PLC0415

    try:
        run = Run.of(lang=lang, pack=pack)
        stages = _stage_config(repeat_years, advance_max_percent)
        reg = registry(run.pack)
        for f in files:
            if not f.is_file():
                raise InputError(f"{f}: no such dossier file", field="file", hint="check the path")
        if len(files) == 1:
            findings = check_dossier(
                files[0],
                registry=reg,
                config=run.check,
                stages=stages,
                with_estimate=not no_estimate,
                allow_outside=allow_outside,
            )
        else:
            findings = Findings(
                check_dossiers(
                    files,
                    registry=reg,
                    config=run.check,
                    stages=stages,
                    with_estimate=not no_estimate,
                )
            )
        emit(
            findings.to_json,
            lambda: views.findings_view(findings, run.lang),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


TIMELINE_EPILOG = """Examples:

  ictcost stages timeline examples/stages/planted.yaml

  ictcost stages timeline examples/stages/planted.yaml --chart planted.png --xlsx planted.xlsx

  ictcost stages timeline examples/stages/clean.yaml --md clean.md --lang en
"""


@stages_app.command("timeline", epilog=TIMELINE_EPILOG)
def timeline_cmd(
    file: Annotated[Path, typer.Argument(help="A dossier file (YAML or JSON).", metavar="DOSSIER")],
    md: Annotated[
        Path | None, typer.Option("--md", help="Write the timeline as Markdown.", metavar="FILE")
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Write the timeline as a workbook.", metavar="FILE"),
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Draw the step chart (.png, .svg or .pdf; the 'chart' extra: matplotlib).",
            metavar="FILE",
        ),
    ] = None,
    no_estimate: Annotated[
        bool,
        typer.Option("--no-estimate", help="Leave out the approved estimate's own findings."),
    ] = False,
    pack: PackOpt = None,
    lang: LangOpt = None,
    width: Annotated[
        int, typer.Option("--width", help="Width of the printed table.", min=60, max=400)
    ] = 120,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """The stages of a project with their values, the differences and the findings."""
    from ictcost._internal._atomic import atomic_write_text  # noqa: PLC0415
    from ictcost.stages import (  # noqa: PLC0415
        check_dossier,
        load_dossier,
        timeline,
        write_timeline_xlsx,
    )

    written: list[Path] = []
    try:
        run = Run.of(lang=lang, pack=pack)
        not_an_input({"--md": md, "--xlsx": xlsx, "--chart": chart}, file, pack=run.pack)
        for out, option in ((md, "--md"), (xlsx, "--xlsx"), (chart, "--chart")):
            check_output_folder(out, option)
        dossier = load_dossier(file)
        findings = check_dossier(
            dossier,
            registry=registry(run.pack),
            base_dir=file.parent,
            config=run.check,
            with_estimate=not no_estimate,
            allow_outside=allow_outside,
        )
        t = timeline(dossier, findings)
        if md is not None:
            atomic_write_text(md, t.to_markdown(run.lang))
            written.append(md)
        if xlsx is not None:
            write_timeline_xlsx(t, xlsx, lang=run.lang)
            written.append(xlsx)
        if chart is not None:
            try:
                from ictcost.stages.chart import plot_timeline  # noqa: PLC0415

                plot_timeline(t, chart, lang=run.lang)
            except ImportError:
                needs_extra("--chart", "chart", run.lang)
            written.append(chart)
        print(t.to_text(run.lang, width=width))
    except IctcostError as exc:
        fail(exc, as_json=False)
    show(views.written_view(written, run.lang), soft_wrap=True)


TEMPLATE_EPILOG = """Examples:

  ictcost stages template khlcnt.xlsx

  ictcost stages read-plan khlcnt.xlsx

  ictcost stages read-contracts hop-dong.xlsx
"""


@stages_app.command("template", epilog=TEMPLATE_EPILOG)
def template_cmd(
    file: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).", metavar="FILE")],
    lang: LangOpt = None,
) -> None:
    """Write a blank contractor-selection plan (KHLCNT) workbook to fill in Excel."""
    from ictcost.stages import write_selection_plan_template  # noqa: PLC0415

    try:
        run = Run.of(lang=lang)
        check_output_folder(file, "FILE")
        write_selection_plan_template(file, lang=run.lang)
    except IctcostError as exc:
        fail(exc, as_json=False)
    except ImportError:
        needs_extra("stages template", "excel", run.lang)
    show(views.written_view([file], run.lang), soft_wrap=True)


@stages_app.command("read-plan", epilog=TEMPLATE_EPILOG)
def read_plan_cmd(
    file: Annotated[Path, typer.Argument(help="A KHLCNT workbook (.xlsx).", metavar="WORKBOOK")],
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The sheet (the first with the table by default).")
    ] = None,
) -> None:
    """Read the packages of a contractor-selection plan workbook; print them as a dossier's JSON.

    Paste the result under `selection_plan:` of the dossier (JSON is YAML).
    """
    from ictcost.stages import read_selection_plan  # noqa: PLC0415

    try:
        plan = read_selection_plan(file, sheet=sheet)
    except IctcostError as exc:
        fail(exc, as_json=True)
    except ImportError:
        needs_extra("stages read-plan", "excel")
    print_json(plan.to_json())


@stages_app.command("read-contracts", epilog=TEMPLATE_EPILOG)
def read_contracts_cmd(
    file: Annotated[
        Path, typer.Argument(help="A contract register workbook (.xlsx).", metavar="WORKBOOK")
    ],
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The sheet (the first with the table by default).")
    ] = None,
) -> None:
    """Read a contract register workbook; print its contracts as a dossier's JSON.

    Paste the result under `contracts:` of the dossier (JSON is YAML); add the items a contract
    delivers and a consultant's services there.
    """
    from ictcost.stages import read_contracts  # noqa: PLC0415
    from ictcost.stages.model import contracts_json  # noqa: PLC0415

    try:
        contracts = read_contracts(file, sheet=sheet)
    except IctcostError as exc:
        fail(exc, as_json=True)
    except ImportError:
        needs_extra("stages read-contracts", "excel")
    print_json(contracts_json(contracts))


STORE_EPILOG = """Examples:

  ictcost stages load examples/stages --db p.duckdb

  ictcost stages report --db p.duckdb --repeat-years 3

The dossiers go into the same DuckDB file as the estimates of `ictcost portfolio load`
(the 'portfolio' extra). An unchanged file is skipped when loading again.
"""


@stages_app.command("load", epilog=STORE_EPILOG)
def load_cmd(
    folder: Annotated[Path, typer.Argument(help="The folder of dossier files.", metavar="DIR")],
    db: Annotated[Path, typer.Option("--db", help="The portfolio database file.", metavar="FILE")],
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes (default: every core).", min=1)
    ] = None,
    pack: PackOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Check every dossier of a folder and store it in the portfolio database."""
    try:
        run = Run.of(lang=lang, pack=pack)
        try:
            from ictcost.stages.store import load_dossiers  # noqa: PLC0415
        except ImportError:
            needs_extra("stages load", "portfolio", run.lang)
        summary = load_dossiers(
            folder, db, registry=registry(run.pack), config=run.check, workers=workers
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    data = {
        k: getattr(summary, k) for k in ("loaded", "unchanged", "removed", "errors", "estimates")
    }
    if as_json:
        print_json(json.dumps(data))
    else:
        show(views.line_view(parts.text("cli.stages.loaded", run.lang, **data)))


@stages_app.command("report", epilog=STORE_EPILOG)
def report_cmd(
    db: Annotated[Path, typer.Option("--db", help="The portfolio database file.", metavar="FILE")],
    repeat_years: Annotated[
        int | None,
        typer.Option("--repeat-years", help="The repeat-purchase window in years.", metavar="N"),
    ] = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The stored dossiers checked across: repeat purchases and later stages above earlier ones.

    Exit 1 when a stored dossier could not be read or a finding across dossiers is an error.
    """
    try:
        run = Run.of(lang=lang)
        stages = _stage_config(repeat_years, None)
        try:
            from ictcost.stages.store import check_dossier_store  # noqa: PLC0415
        except ImportError:
            needs_extra("stages report", "portfolio", run.lang)
        report = check_dossier_store(db, stages=stages, config=run.check)
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(
            json.dumps(
                {
                    "dossiers": report.dossiers,
                    "errors": [list(e) for e in report.errors],
                    "findings": json.loads(report.findings.to_json())["findings"],
                    "exceeding": [[str(v) for v in row] for row in report.exceeding],
                    "by_code": report.by_code,
                },
                ensure_ascii=False,
            )
        )
    else:
        codes = ", ".join(f"{c} {n}" for c, n in report.by_code.items()) or "—"
        lines = [parts.text("cli.stages.report", run.lang, dossiers=report.dossiers, codes=codes)]
        lines += [
            parts.text("cli.stages.unreadable", run.lang, source=src, code=code, message=msg)
            for src, code, msg in report.errors
        ]
        lines += [
            parts.text("cli.stages.exceeding", run.lang, dossier=d, stage=st, over=ov, excess=ex)
            for d, st, ov, _, _, ex in report.exceeding
        ]
        for line in lines:
            show(views.line_view(line))
        show(views.findings_view(report.findings, run.lang))
    if report.errors or any(f.severity == "error" for f in report.findings):
        raise typer.Exit(1)
