"""``ictcost stages``: check a project's stage records, one dossier or several.

``check DOSSIER...`` runs the checks between stages (``STAGE-`` codes) of each dossier and, with
several, the repeat-purchase rule across them; the approved estimate's own checks come with each
dossier unless ``--no-estimate``. Exit status 0 without an error-level finding, 1 with one, 2
when a dossier cannot be read.
"""

from __future__ import annotations

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
    emit,
    fail,
    registry,
)
from ictcost.errors import IctcostError, InputError

if TYPE_CHECKING:
    from ictcost.report import console as views
    from ictcost.stages import StageConfig
else:
    views = LazyModule("ictcost.report.console")

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
