"""The ``ictcost`` command line (needs the ``cli`` extra: ``pip install 'ictcost[cli]'``).

Commands::

    ictcost demo                                   a sample fee computation and the shipped norms
    ictcost norms list [--on DATE] [--json]        the tables (in force on DATE)
    ictcost norms show ID [--on DATE] [--json]     one table's version, every value with its source
    ictcost norms validate DIR                     every problem of a pack, at once
    ictcost fee --table 1b --form ktkt --base 8500000000 --on 2026-01-15
    ictcost fee --item tham_tra_bao_cao_ktkt --category software --form ktkt --base … --on …
    ictcost fee --list

Exit status: 0 on success, 1 when ``norms validate`` finds problems, 2 when the input cannot be used
(the message says what, where and how to fix).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

from ictcost.errors import IctcostError, InputError
from ictcost.fees import CONDITIONS, Category, FeeResult, Form, compute_fee, fee_items, table_fee
from ictcost.money import format_vnd, parse_amount
from ictcost.norms.loader import validate_norms
from ictcost.norms.registry import NormRegistry
from ictcost.regimes import regime_on

try:  # the CLI is an optional extra
    import typer
    from rich.console import Console
    from rich.table import Table
except ImportError:  # pragma: no cover - exercised only without the extra
    typer = None  # type: ignore[assignment]

__all__ = ["app", "main"]

F = TypeVar("F", bound=Callable[..., Any])


def _console(*, stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail(exc: IctcostError, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"error": exc.to_dict()}, ensure_ascii=False, indent=2))
    else:
        _console(stderr=True).print(f"error: {exc}", markup=False)
    raise typer.Exit(2)


def _registry(pack: Path | None) -> NormRegistry:
    reg = NormRegistry.shipped()
    return reg.with_pack(pack) if pack else reg


def _date(text: str | None, name: str = "--on") -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"'{name}' must be a date YYYY-MM-DD (got {text!r})",
            code="input-date",
            field=name,
            hint="for example --on 2026-01-15",
        ) from None


if typer is not None:
    app = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
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
            ids = reg.in_force(_date(on)) if on else list(reg)
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        rows: list[dict[str, Any]] = []
        for tid in ids:
            t = reg.table(tid)
            rows.append(
                {
                    "id": tid,
                    "title": t.title.vi,
                    "kind": str(t.kind),
                    "instrument": t.instrument.number,
                    "periods": [v.period for v in t.versions],
                    "pack": reg.origin(tid).pack,
                }
            )
        if as_json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        table = Table(title=f"ictcost norm tables{' in force on ' + on if on else ''}")
        for col in ("id", "title", "kind", "instrument", "periods"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["id"], r["title"], r["kind"], r["instrument"], "\n".join(r["periods"]))
        _console().print(table)

    @norms_app.command("show")
    def norms_show(
        table_id: Annotated[str, typer.Argument(help="The table id.")],
        on: OnOpt = None,
        as_json: JsonOpt = False,
        pack: PackOpt = None,
    ) -> None:
        """Show the version of a table in force on --on, every value with its source."""
        try:
            reg = _registry(pack)
            inforce = reg.get(table_id, _date(on))
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        t, v = inforce.table, inforce.version
        if as_json:
            data = {
                "id": t.id,
                "title": t.title.model_dump(),
                "instrument": t.instrument.model_dump(mode="json"),
                "period": v.period,
                "kind": str(t.kind),
                "unit": t.unit,
                "pack": inforce.origin.pack,
                "rows": [
                    {
                        "row": r.name,
                        "values": {
                            c: {
                                "value": _jsonable(val.value),
                                "source": list(val.source),
                                "confidence": val.confidence,
                                "alternatives": [
                                    {"value": _jsonable(a.value), "source": list(a.source)}
                                    for a in val.alternatives
                                ],
                            }
                            for c, val in r.values.items()
                        },
                    }
                    for r in v.rows
                ],
            }
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return
        console = _console()
        console.print(f"[bold]{t.id}[/] — {t.title.vi}")
        if t.title.en:
            console.print(t.title.en)
        console.print(
            f"{t.instrument.number} ({t.instrument.issuer}); version {v.period}; "
            f"unit {t.unit}; last verified {t.last_verified}"
        )
        table = Table()
        table.add_column("row")
        for col in v.columns:
            table.add_column(col.key)
        for r in v.rows:
            cells = []
            for col in v.columns:
                val = r.values.get(col.key)
                if val is None:
                    cells.append("—")
                    continue
                alt = "".join(
                    f"\n  or {_text(a.value)} [{','.join(a.source)}]" for a in val.alternatives
                )
                cells.append(f"{_text(val.value)} [{','.join(val.source)} · {val.confidence}]{alt}")
            table.add_row(r.name, *cells)
        console.print(table)
        for sid, src in t.sources.items():
            console.print(f"{sid}: {src.title}" + (f" <{src.url}>" if src.url else ""))

    @norms_app.command("validate")
    def norms_validate(
        directory: Annotated[Path, typer.Argument(help="A pack directory.")],
    ) -> None:
        """Check every norm file under a directory and print every problem found."""
        problems = validate_norms(directory)
        console = _console()
        for p in problems:
            console.print(str(p), markup=False)
        console.print(f"{len(problems)} problem(s)")
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
                items = fee_items(reg)
                if as_json:
                    print(json.dumps(items, ensure_ascii=False, indent=2))
                else:
                    for key, label in items.items():
                        _console().print(f"{key:40} {label}", markup=False)
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
            print(result.to_json())
        else:
            _print_fee(result)

    @app.command("software")
    def software(
        file: Annotated[Path, typer.Argument(help="Input file (YAML or JSON).")],
        as_json: JsonOpt = False,
        pack: PackOpt = None,
    ) -> None:
        """Compute internal-software cost by the state use-case-point method (CV 2589 → QĐ 671)."""
        from ictcost.software import compute_software_cost, load_software_input  # noqa: PLC0415

        try:
            result = compute_software_cost(load_software_input(file), registry=_registry(pack))
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            print(result.to_json())
            return
        _print_software(result)

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
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if xlsx is not None:
            try:
                from ictcost.report.excel import write_xlsx  # noqa: PLC0415
            except ImportError:
                _console(stderr=True).print(
                    "--xlsx needs the 'excel' extra: pip install 'ictcost[excel]'", markup=False
                )
                raise typer.Exit(2) from None
            write_xlsx(result, xlsx)
        if md is not None:
            atomic_write_text(md, result.to_markdown())
        if as_json:
            print(result.to_json())
            return
        _print_estimate(result)
        for path in (xlsx, md):
            if path is not None:
                _console().print(f"wrote {path}", markup=False)

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

        try:
            reg = _registry(pack)
            if file.suffix.lower() in {".xlsx", ".xlsm"}:
                try:
                    from ictcost.report.excel_import import (  # noqa: PLC0415
                        load_workbook_project,
                    )
                except ImportError:
                    _console(stderr=True).print(
                        "checking a workbook needs the 'excel' extra: pip install 'ictcost[excel]'",
                        markup=False,
                    )
                    raise typer.Exit(2) from None
                project = load_workbook_project(file, registry=reg)
            else:
                project = load_project(file)
            if portfolio is not None:
                others = sorted(
                    p for p in portfolio.glob("*.y*ml") if p.resolve() != file.resolve()
                )
                projects = [project, *(load_project(p) for p in others)]
                findings = check_portfolio(
                    projects, registry=reg, base_dirs=[file.parent, *(p.parent for p in others)]
                )
            else:
                findings = check(project, registry=reg, base_dir=file.parent)
        except IctcostError as exc:
            _fail(exc, as_json=as_json)
        if as_json:
            print(
                json.dumps(
                    [f.model_dump(mode="json") for f in findings],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            _print_findings(findings)
        if any(f.severity == "error" for f in findings):
            raise typer.Exit(1)

    @app.command("demo")
    def demo() -> None:
        """Run the sample job: a fee computation with its trace, then the shipped norm tables."""
        on = dt.date(2026, 1, 15)
        _console().print(f"[bold]Sample fee[/] (regime {regime_on(on).describe()})")
        _print_fee(
            compute_fee(
                "quan_ly_du_an",
                category="software",
                form="ktkt",
                base=Decimal(8_500_000_000),
                on=on,
            )
        )
        _print_fee(
            compute_fee(
                "tham_tra_bao_cao_ktkt",
                category="software",
                form="ktkt",
                base=Decimal(8_500_000_000),
                on=on,
            )
        )
        norms_list(on=None, as_json=False, pack=None)

else:  # pragma: no cover
    app = None


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


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal | dt.date):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _print_fee(result: FeeResult) -> None:
    console = _console()
    what = result.item or result.lookups[0].table_id
    console.print(
        f"\n[bold]{what}[/] · {result.category} · {result.form} · base "
        f"{format_vnd(result.base)} đ · on {result.on}"
    )
    table = Table("table", "column", "Gt (tỷ)", "Gb", "Ga", "Nb %", "Na %", "rate %", "weight")
    for lk in result.lookups:
        i = lk.interpolation
        table.add_row(
            lk.table_id,
            lk.column,
            str(lk.gt),
            _text(i.gb),
            _text(i.ga),
            _text(i.nb),
            _text(i.na),
            str(i.rate),
            str(lk.weight),
        )
    console.print(table)
    for c in result.coefficients:
        console.print(f"K {c.column} = {c.value} ({c.ref}, {c.confidence})", markup=False)
    console.print(
        f"rate {result.rate_percent} % × K {result.k_product} → amount before VAT "
        f"[bold]{format_vnd(result.amount)} đ[/]"
    )
    console.print(f"basis: {result.basis}", markup=False)
    for note in result.notes:
        console.print(f"  • {note}", markup=False)


def _print_software(result: Any) -> None:  # noqa: ANN401 - a SoftwareCostResult
    console = _console()
    console.print(f"[bold]Chi phí phần mềm nội bộ[/] · {result.method} · {result.date}")
    for title, rows, cols in (
        ("Tác nhân (TAW)", result.actors, ("complexity", "count", "weight", "points")),
        (
            "Trường hợp sử dụng (TBF)",
            result.use_cases,
            (
                "name",
                "bmt",
                "complexity",
                "transactions",
                "weight",
                "bmt_coefficient",
                "points",
                "counted",
            ),
        ),
        (
            "Hệ số kỹ thuật - công nghệ (TFW)",
            result.technical,
            ("code", "label", "weight", "rating", "result"),
        ),
        (
            "Hệ số môi trường (EFW, ES)",
            result.environmental,
            ("code", "label", "weight", "rating", "result", "stability"),
        ),
    ):
        table = Table(*cols, title=title)
        for row in rows:
            table.add_row(*(_text(getattr(row, c)) for c in cols))
        console.print(table)
    summary = Table(
        "symbol", "khoản mục", "công thức", "giá trị", "làm tròn (đồng)", title="Bảng tổng hợp"
    )
    for row in result.summary:
        amount = format_vnd(row.amount) if row.amount is not None else ""
        summary.add_row(row.symbol, row.label, row.formula, str(row.value), amount)
    console.print(summary)
    console.print(f"G_PM = [bold]{format_vnd(result.g_pm)} đ[/]")
    opinion = result.second_opinion
    if opinion is not None:
        console.print(
            f"Second opinion (not part of G_PM): state {opinion.state_hours:.0f} person-hours; "
            f"Karner {opinion.karner_hours:.0f} h (× {opinion.karner_ratio:.2f})"
            + (f"; COCOMO II {opinion.cocomo_pm:.1f} person-months" if opinion.cocomo_pm else "")
            + (
                f" = {opinion.cocomo_hours:.0f} h (× {opinion.cocomo_ratio:.2f})"
                if opinion.cocomo_ratio is not None
                else ""
            )
        )
    for note in result.notes:
        console.print(f"  • {note}", markup=False)


def _print_estimate(result: Any) -> None:  # noqa: ANN401 - an Estimate
    from ictcost.report.text import vat_label  # noqa: PLC0415

    console = _console()
    console.print(f"[bold]{result.name}[/]")
    console.print(f"{result.date} · {result.form} · {result.regime_description}", markup=False)
    lines = Table(
        "id", "khoản mục", "phương pháp", "trước thuế", "VAT", "sau thuế", title="Chi tiết"
    )
    for ln in result.lines:
        lines.add_row(
            ln.id, ln.name, ln.method, format_vnd(ln.amount), vat_label(ln), format_vnd(ln.total)
        )
    console.print(lines)
    summary = Table("khoản mục", "ký hiệu", "trước thuế", "thuế GTGT", "sau thuế", title="Tổng hợp")
    for c in result.components:
        summary.add_row(
            c.label_vi, c.symbol, format_vnd(c.amount), format_vnd(c.vat), format_vnd(c.total)
        )
    if result.contingency is not None:
        summary.add_row("Chi phí dự phòng", "G_DP", "", "", format_vnd(result.contingency.total))
    summary.add_row(
        "[bold]Tổng cộng[/]",
        "",
        format_vnd(result.amount),
        format_vnd(result.vat),
        f"[bold]{format_vnd(result.total)}[/]",
    )
    console.print(summary)
    console.print(f"Bằng chữ: {result.total_in_words}", markup=False)
    for ln in result.lines:
        for note in ln.notes:
            console.print(f"  • {ln.id}: {note}", markup=False)


def _print_findings(findings: list[Any]) -> None:
    console = _console()
    for severity, colour in (("error", "red"), ("warning", "yellow"), ("info", "blue")):
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        console.print(f"[bold {colour}]{severity.upper()} ({len(group)})[/]")
        for f in group:
            where = f"{f.estimate} · " if f.estimate else ""
            where += f"{f.line} · " if f.line else ""
            console.print(f"  {f.code}  {where}{f.message_vi}", markup=False)
            console.print(f"      {f.message_en}  [{f.basis}]", markup=False, style="dim")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    console.print(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info",
        markup=False,
    )


def main() -> None:
    """Run the ``ictcost`` command (the console-script entry point)."""
    if app is None:  # pragma: no cover
        sys.stderr.write("the ictcost command needs the 'cli' extra: pip install 'ictcost[cli]'\n")
        raise SystemExit(2)
    app()
