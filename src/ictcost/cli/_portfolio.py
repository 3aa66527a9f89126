"""``ictcost portfolio``: load a folder of estimates into a DuckDB store, check it, export it.

``load DIR --db FILE`` computes and checks every project file of the folder in worker processes
(``--workers N``) or on a Dask cluster (``--scheduler ADDRESS``), with a progress bar on standard
error when it is a terminal (quiet under ``--json``); ``check --db FILE`` reports the overlaps
between the estimates and the price outliers; ``export --db FILE --parquet DIR`` writes every
table as Parquet. Unusable input (a missing folder, a database of another schema version) is an
:class:`~ictcost.errors.InputError`: exit status 2 with the message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from ictcost.cli import _check
from ictcost.cli._common import (
    CONTEXT,
    JsonOpt,
    LangOpt,
    LazyModule,
    PackOpt,
    Run,
    fail,
    needs_extra,
    print_json,
    show,
)
from ictcost.errors import IctcostError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ictcost.report import console as views
else:
    views = LazyModule("ictcost.report.console")

__all__ = ["portfolio_app"]

Lang = Literal["vi", "en"]

LOAD_EPILOG = """Examples:

  ictcost portfolio load examples/portfolio --db p.duckdb

  ictcost portfolio load /data/tinh --db p.duckdb --workers 2

  ictcost portfolio load /data/tinh --db p.duckdb --scheduler tcp://10.0.0.5:8786

A file unchanged since the last load is skipped; a file that cannot be read is stored as an
error row (see `portfolio check`).
"""

CHECK_EPILOG = """Examples:

  ictcost portfolio check --db p.duckdb

  ictcost portfolio check --db p.duckdb --json

Exit status: 0 no error-level finding; 1 errors found (or files that cannot be read); 2 unusable
input.
"""

EXPORT_EPILOG = """Example:

  ictcost portfolio export --db p.duckdb --parquet out/
"""

DbOpt = Annotated[
    Path, typer.Option("--db", help="The portfolio database (DuckDB file).", metavar="FILE")
]


def _needs_duckdb(lang: Lang) -> None:
    try:
        import duckdb  # noqa: F401, PLC0415 - the portfolio extra
    except ImportError:  # pragma: no cover - installed in development
        needs_extra("the portfolio store", "portfolio", lang)


def _progress(enabled: bool, lang: Lang) -> tuple[Callable[[int, int], None] | None, object]:
    """A progress callback and the bar to stop (``None`` when not on a terminal)."""
    if not enabled or not _check._terminal_test[0]():
        return None, None
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=views.make_console(stderr=True),
        transient=True,
    )
    task = bar.add_task(views.portfolio_text("progress", lang), total=None)
    bar.start()

    def tick(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return tick, bar


portfolio_app = typer.Typer(
    no_args_is_help=True,
    context_settings=CONTEXT,
    rich_markup_mode="markdown",
    help="A portfolio of estimates in a DuckDB store: load a folder, check overlaps, export.",
)


MEMORY_DEFAULT = "512MB"
"""The default of ``--memory-limit``, as ``ictcost.portfolio.store.MEMORY_LIMIT`` (a test holds
them equal; not imported here, so that the CLI starts without the store)."""

MemoryOpt = Annotated[
    str,
    typer.Option(
        "--memory-limit",
        help="The most memory DuckDB may use, as 512MB or 2GB (above it, it spills to disk).",
        metavar="SIZE",
    ),
]


@portfolio_app.command("load", context_settings=CONTEXT, epilog=LOAD_EPILOG)
def load_cmd(
    folder: Annotated[
        Path, typer.Argument(help="Folder of project files (YAML, JSON, .xlsx), recursively.")
    ],
    db: DbOpt,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Worker processes (default: the cores available).", min=1),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on a Dask cluster: the scheduler's address (tcp://HOST:8786).",
            metavar="ADDRESS",
        ),
    ] = None,
    serial: Annotated[bool, typer.Option("--serial", help="Run in this process only.")] = False,
    pack: PackOpt = None,
    memory_limit: MemoryOpt = MEMORY_DEFAULT,
    as_json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Compute and check every estimate of a folder into a portfolio database."""
    try:
        run = Run.of(lang=lang, pack=pack)
        _needs_duckdb(run.lang)
        from ictcost.portfolio.load import load_folder  # noqa: PLC0415

        tick, bar = _progress(not as_json, run.lang)
        try:
            summary = load_folder(
                folder,
                db,
                executor="dask" if scheduler else "serial" if serial else "process",
                workers=workers,
                address=scheduler,
                pack=run.pack,
                config=run.check,
                progress=tick,
                memory_limit=memory_limit,
            )
        finally:
            if bar is not None:
                bar.stop()  # type: ignore[attr-defined]
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({"db": str(db), **summary.to_dict()})
    else:
        show(views.portfolio_load_view(summary, db, run.lang))


@portfolio_app.command("check", context_settings=CONTEXT, epilog=CHECK_EPILOG)
def check_cmd(
    db: DbOpt,
    limit: Annotated[
        int,
        typer.Option("--limit", help="Most members, outliers and bad files listed.", min=1),
    ] = 50,
    memory_limit: MemoryOpt = MEMORY_DEFAULT,
    as_json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Report the overlaps between the estimates of a portfolio database, and price outliers."""
    try:
        run = Run.of(lang=lang)
        _needs_duckdb(run.lang)
        from ictcost.portfolio.load import check_store  # noqa: PLC0415

        report = check_store(db, config=run.check, limit=limit, memory_limit=memory_limit)
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        show(views.portfolio_report_view(report, run.lang))
    errors = report.severities.get("error", 0) + report.counts.get("error", 0)
    errors += sum(1 for f in report.overlaps if f.severity == "error")
    if errors:
        raise typer.Exit(1)


@portfolio_app.command("export", context_settings=CONTEXT, epilog=EXPORT_EPILOG)
def export_cmd(
    db: DbOpt,
    parquet: Annotated[
        Path,
        typer.Option(
            "--parquet", help="Folder to write one Parquet file per table.", metavar="DIR"
        ),
    ],
    as_json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Write every table of a portfolio database (and the price views) as Parquet files."""
    try:
        run = Run.of(lang=lang)
        _needs_duckdb(run.lang)
        from ictcost.portfolio.store import PortfolioStore  # noqa: PLC0415

        with PortfolioStore(db, read_only=True) as store:
            written = store.export_parquet(parquet)
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if as_json:
        print_json({"written": [str(p) for p in written]})
    else:
        show(views.written_view(written, run.lang), soft_wrap=True)
