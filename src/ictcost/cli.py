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
    ictcost check FILE [--portfolio DIR] [--json]  appraisal checks (findings)

The command only parses its arguments, calls the library and prints what
:mod:`ictcost.report.console` returns; ``--json`` prints the result's own JSON
(``Estimate.to_json()``, ``FeeResult.to_json()``, ``Findings.to_json()`` …).

Exit status: 0 on success, 1 when ``norms validate`` finds problems or ``check`` finds an
error-level finding, 2 when the input cannot be used (the message says what, where and how to
fix; with ``--json`` an ``{"error": {...}}`` object).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

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
    ) -> None:
        """Compute a project estimate (every component, method, VAT, contingency, total)."""
        from ictcost.estimate import compute_estimate, load_project  # noqa: PLC0415
        from ictcost.report.text import atomic_write_text  # noqa: PLC0415

        try:
            result = compute_estimate(
                load_project(file), registry=_registry(pack), base_dir=file.parent
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
                "--portfolio", help="A folder of other estimates to check overlaps against."
            ),
        ] = None,
        as_json: JsonOpt = False,
        pack: PackOpt = None,
    ) -> None:
        """Appraisal checks. Exit 0: no error-level finding; 1: errors found; 2: unreadable input."""
        from ictcost.checks import check, check_portfolio  # noqa: PLC0415
        from ictcost.estimate import load_project  # noqa: PLC0415
        from ictcost.inputs.portfolio import portfolio_files  # noqa: PLC0415

        try:
            reg = _registry(pack)
            if file.suffix.lower() in {".xlsx", ".xlsm"}:
                try:
                    from ictcost.inputs.workbook import load_workbook_project  # noqa: PLC0415
                except ImportError:
                    _needs_extra("checking a workbook", "excel")
                project = load_workbook_project(file, registry=reg)
            else:
                project = load_project(file)
            if portfolio is not None:
                others = portfolio_files(portfolio, exclude=file)
                findings = check_portfolio(
                    [project, *(load_project(p) for p in others)],
                    registry=reg,
                    base_dirs=[file.parent, *(p.parent for p in others)],
                )
            else:
                findings = check(project, registry=reg, base_dir=file.parent)
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            _print_json(findings.to_json())
        else:
            _show(views.findings_view(findings))
        if any(f.severity == "error" for f in findings):
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
