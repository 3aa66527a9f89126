"""``ictcost norms list | show | validate``: browse the norm tables and check a pack."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ictcost.cli._common import (
    CONTEXT,
    JsonOpt,
    LangOpt,
    LazyModule,
    OnOpt,
    OutputOpt,
    PackOpt,
    Run,
    dump_json,
    emit,
    fail,
    parse_date,
    registry,
    show,
)
from ictcost.errors import IctcostError, InputError, NormNotFoundError

if TYPE_CHECKING:
    from ictcost.norms import loader
    from ictcost.norms.registry import NormRegistry
    from ictcost.report import console as views
    from ictcost.report import norms_json
else:
    loader = LazyModule("ictcost.norms.loader")
    norms_json = LazyModule("ictcost.report.norms_json")
    views = LazyModule("ictcost.report.console")

__all__ = ["norms_app", "norms_list", "resolve_table_id"]

norms_app = typer.Typer(
    no_args_is_help=True,
    context_settings=CONTEXT,
    rich_markup_mode="markdown",
    help="Browse and validate norm tables.",
)

_SHORT_PREFIX = "qd1688-"
"""The prefix the short table form (``1b``) stands for, as in ``fee --table 1b``."""

_LOOKALIKE = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


def resolve_table_id(reg: NormRegistry, table_id: str) -> str:
    """Return the id of a table given by id or by the short QĐ 1688 form (``1b``).

    Raises:
        NormNotFoundError: no such table; the hint lists close ids (a letter ``l`` read as the
            digit ``1`` is tried first).
    """
    if table_id in reg:
        return table_id
    if f"{_SHORT_PREFIX}{table_id}" in reg:
        return f"{_SHORT_PREFIX}{table_id}"
    ids = list(reg)
    close: list[str] = []
    for guess in (
        table_id.translate(_LOOKALIKE),
        f"{_SHORT_PREFIX}{table_id.translate(_LOOKALIKE)}",
    ):
        if guess in reg and guess not in close:
            close.append(guess)
    for guess in difflib.get_close_matches(table_id, ids, n=5) + difflib.get_close_matches(
        f"{_SHORT_PREFIX}{table_id}", ids, n=3
    ):
        if guess not in close:
            close.append(guess)
    hint = (
        f"did you mean {', '.join(close[:5])}? (`ictcost norms list` shows every table id)"
        if close
        else "`ictcost norms list` shows every table id"
    )
    raise NormNotFoundError(f"no norm table with id {table_id!r}", hint=hint, table_id=table_id)


@norms_app.command(
    "list",
    context_settings=CONTEXT,
    epilog="Examples:\n\n  ictcost norms list --on 2026-01-15\n\n"
    "  ictcost norms list --pack examples/pack --json -o tables.json",
)
def norms_list(
    on: OnOpt = None,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    pack: PackOpt = None,
    lang: LangOpt = None,
) -> None:
    """List the norm tables (only those in force on --on when it is given)."""
    try:
        run = Run.of(lang=lang, pack=pack)
        reg = registry(run.pack)
        rows = norms_json.table_list(reg, reg.in_force(parse_date(on)) if on else list(reg))
        emit(
            lambda: dump_json(rows),
            lambda: views.norms_list_view(rows, on=on, lang=run.lang),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)


@norms_app.command(
    "show",
    context_settings=CONTEXT,
    epilog="Examples:\n\n  ictcost norms show qd1688-k-coefficients\n\n"
    "  ictcost norms show 1b --on 2026-01-15   (1b is short for qd1688-1b)",
)
def norms_show(
    table_id: Annotated[
        str,
        typer.Argument(
            help="The table id, or the short QĐ 1688 form (1b = qd1688-1b).", metavar="TABLE"
        ),
    ],
    on: OnOpt = None,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    pack: PackOpt = None,
    lang: LangOpt = None,
) -> None:
    """Show the version of a table in force on --on, every value with its source."""
    try:
        run = Run.of(lang=lang, pack=pack)
        reg = registry(run.pack)
        inforce = reg.get(resolve_table_id(reg, table_id), parse_date(on))
        width = views.make_console().width
        emit(
            lambda: dump_json(norms_json.in_force_data(inforce)),
            lambda: views.norm_table_view(inforce, lang=run.lang, width=width),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)


@norms_app.command(
    "validate",
    context_settings=CONTEXT,
    epilog="Examples:\n\n  ictcost norms validate examples/pack\n\n"
    "Exit status: 0 the pack is valid; 1 problems found; 2 not a pack folder (missing, a file, "
    "or no *.yaml in it).",
)
def norms_validate(
    directory: Annotated[Path, typer.Argument(help="A pack folder.", metavar="DIR")],
    lang: LangOpt = None,
) -> None:
    """Check every norm file under a folder and print every problem found."""
    try:
        run = Run.of(lang=lang)
        if not directory.is_dir():
            what = "is a file, not a folder" if directory.exists() else "does not exist"
            raise InputError(
                f"{str(directory)!r} is not a folder: it {what}",
                field="DIR",
                hint="give the folder of a norm pack, e.g. ictcost norms validate my-pack",
            )
        if not loader.iter_norm_files(directory):
            raise InputError(
                f"{str(directory)!r} has no norm file (*.yaml)",
                field="DIR",
                hint="give the folder of a norm pack: it holds one YAML file per table",
            )
    except IctcostError as exc:
        fail(exc, as_json=False)
    problems = loader.validate_norms(directory)
    show(views.problems_view(problems, run.lang))
    if problems:
        raise typer.Exit(1)
