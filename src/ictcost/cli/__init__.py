"""The ``ictcost`` command line (needs the ``cli`` extra: ``pip install 'ictcost[cli]'``).

Commands::

    ictcost demo                         a sample fee computation and the shipped norms
    ictcost norms list [--on DATE]       the tables (in force on DATE)
    ictcost norms show ID [--on DATE]    one table's version, every value with its source
    ictcost norms validate DIR           every problem of a pack, at once
    ictcost fee --table 1b --form ktkt --base 8500000000 --on 2026-01-15
    ictcost fee --item ITEM --category software --form ktkt --base … --on …
    ictcost software FILE                internal software by use-case points
    ictcost estimate FILE [--xlsx X] [--md M]   a project estimate (YAML, JSON, .xlsx template, -)
    ictcost template OUT.xlsx [--from FILE]     the input template of an estimate, for Excel
    ictcost check FILE [--portfolio DIR] [--report R.docx] [--xlsx X] [--md M]
    ictcost simulate FILE --ranges R     planning-stage ranges: P10 … P90 beside the legal total
    ictcost portfolio load DIR --db P    a folder of estimates into a DuckDB portfolio
    ictcost portfolio check --db P       overlaps and price outliers across the portfolio
    ictcost portfolio export --db P --parquet DIR   the portfolio's tables as Parquet files
    ictcost config                       the settings in effect and where they come from

Every command takes ``-h``/``--help`` (with examples) and ``--lang vi|en``; the result commands
take ``--json`` and ``-o/--output FILE`` (the JSON, written atomically); ``-`` as a file reads
YAML or JSON from standard input. ``ictcost --version`` prints the version; ``ictcost
--install-completion`` installs shell completion. Settings come from ``ictcost.toml`` or
``[tool.ictcost]`` in ``pyproject.toml`` (:mod:`ictcost.config`); options win.

The command only parses its arguments, calls the library and prints what
:mod:`ictcost.report.console` returns; the JSON is the result's own ``to_json()``.

Exit status: 0 on success, 1 when ``norms validate`` finds problems or ``check`` finds an
error-level finding, 2 when the input cannot be used (the message says what, where and how to
fix; with ``--json`` an ``{"error": {...}}`` object).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

from ictcost._version import __version__

try:  # the CLI is an optional extra
    import typer
except ImportError:  # pragma: no cover - exercised only without the extra
    typer = None  # type: ignore[assignment]

__all__ = ["app", "main"]


def _stderr_is_terminal() -> bool:
    """Whether standard error is a terminal (the progress bar of ``check --portfolio``)."""
    return sys.stderr.isatty()


if typer is not None:
    # every command imports the library it uses when it runs: `ictcost --version` and
    # `ictcost --help` import typer and the command modules only
    from ictcost.cli import _check, _estimate, _fee, _norms, _portfolio, _simulate, _stages
    from ictcost.cli._common import (
        CONTEXT,
        JsonOpt,
        LangOpt,
        LazyModule,
        Run,
        fail,
        print_json,
        show,
    )
    from ictcost.errors import IctcostError

    if TYPE_CHECKING:
        from ictcost import config
        from ictcost.config import Settings
        from ictcost.report import console as views
    else:
        config = LazyModule("ictcost.config")
        views = LazyModule("ictcost.report.console")

    # looked up at each run, so that a test may replace ictcost.cli._stderr_is_terminal
    _check.set_terminal_test(lambda: _stderr_is_terminal())  # noqa: PLW0108

    app = typer.Typer(
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="markdown",
        context_settings=CONTEXT,
        help="Price and check state-funded IT projects in Vietnam.",
        epilog="Examples: ictcost estimate examples/portal-project.yaml --pack examples/pack · "
        "ictcost fee --table 1b --form ktkt --base 8500000000 · ictcost COMMAND -h",
    )
    app.add_typer(_norms.norms_app, name="norms")
    app.add_typer(_portfolio.portfolio_app, name="portfolio")
    app.add_typer(_stages.stages_app, name="stages")

    def _version(value: bool) -> None:
        if value:
            print(f"ictcost {__version__}")
            raise typer.Exit

    @app.callback()
    def _root(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                "-V",
                help="Print the version and exit.",
                callback=_version,
                is_eager=True,
            ),
        ] = False,
    ) -> None:
        """Price and check state-funded IT projects in Vietnam."""

    app.command("fee", context_settings=CONTEXT, epilog=_fee.EPILOG)(_fee.fee)
    app.command("software", context_settings=CONTEXT, epilog=_estimate.SOFTWARE_EPILOG)(
        _estimate.software
    )
    app.command("estimate", context_settings=CONTEXT, epilog=_estimate.ESTIMATE_EPILOG)(
        _estimate.estimate
    )
    app.command("template", context_settings=CONTEXT, epilog=_estimate.TEMPLATE_EPILOG)(
        _estimate.template
    )
    app.command("check", context_settings=CONTEXT, epilog=_check.EPILOG)(_check.check_cmd)
    app.command("simulate", context_settings=CONTEXT, epilog=_simulate.EPILOG)(
        _simulate.simulate_cmd
    )

    def _settings_rows(s: Settings, run: Run) -> list[views.Setting]:
        """Every setting in effect, as text, with where it came from."""
        rows: list[views.Setting] = []
        for key in config.KEYS:
            if key == "check":
                for f in dataclasses.fields(s.check):
                    value = getattr(s.check, f.name)
                    shown = ", ".join(value) if isinstance(value, tuple) else str(value)
                    rows.append((f"check.{f.name}", shown, s.source(f"check.{f.name}")))
                continue
            value = {"pack": s.pack, "lang": s.lang, "stage": s.stage.replace("_", "-")}[key]
            rows.append((key, "—" if value is None else str(value), s.source(key)))
        if run.lang != s.lang:
            rows[1] = ("lang", run.lang, "--lang")
        return rows

    @app.command(
        "config",
        context_settings=CONTEXT,
        epilog="Examples:\n\n  ictcost config\n\n  ictcost config --json\n\n"
        "The file: ictcost.toml in this folder or a parent, or [tool.ictcost] in pyproject.toml.",
    )
    def config_cmd(as_json: JsonOpt = False, lang: LangOpt = None) -> None:
        """Show the settings in effect (configuration file, defaults) and where each came from."""
        try:
            run = Run.of(lang=lang)
        except IctcostError as exc:
            fail(exc, as_json=as_json)
        rows = _settings_rows(run.base, run)
        if as_json:
            print_json(
                {
                    "file": str(run.base.file) if run.base.file else None,
                    "settings": {k: {"value": v, "from": src} for k, v, src in rows},
                }
            )
        else:
            files = [run.base.file] if run.base.file else []
            default = views.message_text("cli.config.default", run.lang)
            shown = [(k, v, default if src == config.DEFAULT else src) for k, v, src in rows]
            show(views.config_view(shown, files, run.lang))

    @app.command("demo", context_settings=CONTEXT, epilog="Example:\n\n  ictcost demo --lang en")
    def demo(lang: LangOpt = None) -> None:
        """Run the sample job: a fee computation with its trace, then the shipped norm tables."""
        try:
            run = Run.of(lang=lang)
        except IctcostError as exc:
            fail(exc, as_json=False)
        from ictcost.fees import compute_fee  # noqa: PLC0415 - imported when the command runs
        from ictcost.regimes import regime_on  # noqa: PLC0415

        on = dt.date(2026, 1, 15)
        show(views.sample_title_view(regime_on(on), run.lang))
        for item in ("quan_ly_du_an", "tham_tra_bao_cao_ktkt"):
            result = compute_fee(
                item, category="software", form="ktkt", base=Decimal(8_500_000_000), on=on
            )
            show(views.fee_view(result, run.lang))
        _norms.norms_list(on=None, as_json=False, output=None, pack=None, lang=run.lang)

else:  # pragma: no cover
    app = None


def main() -> None:
    """Run the ``ictcost`` command (the console-script entry point)."""
    if app is None:  # pragma: no cover
        sys.stderr.write(
            "the ictcost command needs the 'cli' extra: pip install 'ictcost[cli]' "
            "(from a checkout: pip install -e '.[cli]')\n"
        )
        raise SystemExit(2)
    app(prog_name="ictcost")
