"""``ictcost simulate``: a planning-stage Monte Carlo of a project's total over three-point ranges.

It prints the legal figure (the exact estimate's total) first, then the percentiles of the
simulated total and the inputs that drive its spread; ``--json`` prints the result's own
``to_json()``. Registered by the command line as
``app.command("simulate", context_settings=CONTEXT, epilog=_simulate.EPILOG)(_simulate.simulate_cmd)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ictcost.cli._common import (
    STDIN,
    AllowOutsideOpt,
    JsonOpt,
    LangOpt,
    OutputOpt,
    PackOpt,
    Run,
    check_output_folder,
    emit,
    fail,
    guard_input,
    registry,
)
from ictcost.cli._estimate import load_input_project, not_an_input
from ictcost.errors import IctcostError, InputError

__all__ = ["EPILOG", "simulate_cmd"]

EPILOG = """Examples:

  ictcost simulate examples/portal-project.yaml --ranges examples/portal-ranges.yaml --pack examples/pack

  ictcost simulate project.yaml --ranges ranges.yaml --draws 20000 --seed 7 --json

The legal figure is the estimate's own total; the percentiles are for planning only.
"""


def simulate_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="Project file: YAML, JSON or a filled ictcost template (.xlsx).",
            metavar="PROJECT",
        ),
    ],
    ranges: Annotated[
        Path,
        typer.Option(
            "--ranges",
            help="The three-point ranges of the project's inputs (YAML or JSON).",
            metavar="FILE",
        ),
    ],
    draws: Annotated[
        int, typer.Option("--draws", help="Number of draws.", metavar="N", min=1)
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the generator (repeatable runs).", metavar="S")
    ] = 0,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    pack: PackOpt = None,
    allow_outside: AllowOutsideOpt = False,
    lang: LangOpt = None,
) -> None:
    """Simulate the total over three-point input ranges, beside the legal figure (planning only)."""
    from ictcost.simulation import load_ranges, simulate  # noqa: PLC0415

    try:
        run = Run.of(lang=lang, pack=pack)
        check_output_folder(output, "--output")
        if file == STDIN:
            raise InputError(
                "the project of a simulation is a file (its software inputs are read beside it)",
                field="file",
                hint="give the project's file",
            )
        not_an_input({"--output": output}, file, ranges, pack=run.pack)
        project = load_input_project(file, command="simulate")
        guard_input(ranges, command="simulate")
        spec = load_ranges(ranges)
        result = simulate(
            project,
            spec,
            draws=draws,
            seed=seed,
            registry=registry(run.pack),
            base_dir=file.parent,
            allow_outside=allow_outside,
        )
        emit(
            result.to_json,
            lambda: Text(result.to_text(run.lang)),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)
