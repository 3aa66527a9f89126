"""``ictcost estimate``, ``ictcost software`` and ``ictcost template``: price a project.

``estimate`` reads a project from YAML, JSON, an ictcost input template filled in Excel
(``.xlsx``), or standard input (``-``); ``template`` writes that template, blank or filled from a
project file; ``software`` prices internal software by use-case points.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from ictcost.cli._common import (
    STDIN,
    AllowOutsideOpt,
    JsonOpt,
    LangOpt,
    LangValue,
    LazyModule,
    OutputOpt,
    PackOpt,
    Run,
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
from ictcost.errors import IctcostError, InputError, NormNotFoundError

if TYPE_CHECKING:
    from ictcost.estimate.model import ProjectInput
    from ictcost.report import console as views
    from ictcost.report import explain
else:
    explain = LazyModule("ictcost.report.explain")
    views = LazyModule("ictcost.report.console")

__all__ = [
    "ESTIMATE_EPILOG",
    "SOFTWARE_EPILOG",
    "TEMPLATE_EPILOG",
    "estimate",
    "load_input_project",
    "not_an_input",
    "software",
    "template",
]

_WORKBOOKS = (".xlsx", ".xlsm")

ESTIMATE_EPILOG = """Examples:

  ictcost estimate examples/portal-project.yaml --pack examples/pack

  ictcost estimate project.yaml --xlsx du-toan.xlsx --md du-toan.md

  ictcost estimate filled-template.xlsx --lang en

  cat project.yaml | ictcost estimate - --json -o estimate.json
"""

SOFTWARE_EPILOG = """Examples:

  ictcost software examples/software-portal.yaml

  ictcost software examples/software-portal.yaml --json -o software.json
"""

TEMPLATE_EPILOG = """Examples:

  ictcost template du-toan.xlsx

  ictcost template du-toan.xlsx --from examples/portal-project.yaml --lang en

Fill the sheets in Excel, then: ictcost estimate du-toan.xlsx
"""

FileArg = Annotated[
    Path,
    typer.Argument(
        help="Project file: YAML, JSON or a filled ictcost template (.xlsx); '-' reads "
        "standard input.",
        allow_dash=True,
        metavar="FILE",
    ),
]


def not_an_input(outputs: dict[str, Path | None], *inputs: Path, pack: Path | None = None) -> None:
    """Refuse an output path that is an input, or another output of the same run.

    Writing an input (the project, a software input, a norm file of the ``--pack`` folder) would
    destroy it; two outputs on one path would leave only the last one written (review D7).
    """
    sources = {p.resolve() for p in inputs if p != STDIN}
    if pack is not None and pack.is_dir():
        sources |= {p.resolve() for p in pack.rglob("*") if p.is_file()}
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        target = path.resolve()
        if target in sources:
            raise InputError(
                f"{option} {path} is an input of this run: writing it would overwrite the input",
                field=option,
                hint="write the output to another file",
            )
        if target in seen:
            raise InputError(
                f"{option} {path} is also the file of {seen[target]}: one output would replace "
                "the other",
                field=option,
                hint="give each output its own file",
            )
        seen[target] = option


def load_input_project(file: Path, *, command: str = "estimate") -> ProjectInput:
    """Read a project: YAML/JSON, standard input (``-``) or an ictcost template (``.xlsx``)."""
    from ictcost.estimate import load_project  # noqa: PLC0415

    if file == STDIN:
        return load_project(read_stdin())
    guard_input(file, command=command, workbooks=True)
    if file.suffix.lower() in _WORKBOOKS:
        try:
            import openpyxl  # noqa: F401, PLC0415 - the template reader's library
        except ModuleNotFoundError:
            needs_extra(f"ictcost {command} FILE.xlsx", "excel")
    return load_project(file)


def _missing_table(exc: IctcostError) -> str | None:
    """The id of the norm table an error says is missing (on the error or on its cause)."""
    for err in (exc, exc.__cause__):
        if isinstance(err, NormNotFoundError) and isinstance(err.context.get("table_id"), str):
            return str(err.context["table_id"])
    return None


def _pack_hint(exc: IctcostError, file: Path, pack: Path | None) -> IctcostError:
    """Point at a ``pack`` folder beside the input when it holds the missing table (review D16)."""
    table_id = _missing_table(exc)
    beside = file.parent / "pack" if file != STDIN else Path("pack")
    if pack is not None or table_id is None or not beside.is_dir():
        return exc
    try:
        found = table_id in registry(beside)
    except IctcostError:
        found = False
    if not found:
        return exc
    return type(exc)(
        exc.message,
        code=exc.code,
        hint=f"the table {table_id!r} is in the pack {beside}: add --pack {beside}",
        field=exc.field,
        problems=exc.problems,
        **exc.context,
    )


def _accepts(function: Callable[..., Any], name: str) -> bool:
    return name in inspect.signature(function).parameters


def _write_outputs(result: Any, xlsx: Path | None, md: Path | None, lang: LangValue) -> None:  # noqa: ANN401 - an Estimate
    from ictcost.report.text import atomic_write_text  # noqa: PLC0415

    if xlsx is not None:
        try:
            from ictcost.report.excel import write_xlsx  # noqa: PLC0415
        except ImportError:
            needs_extra("--xlsx", "excel", lang)
        extra: dict[str, Any] = {"lang": lang} if _accepts(write_xlsx, "lang") else {}
        try:
            write_xlsx(result, xlsx, **extra)
        except OSError as exc:
            raise cannot_write(xlsx, "--xlsx", exc) from exc
    if md is not None:
        extra = {"lang": lang} if _accepts(result.to_markdown, "lang") else {}
        try:
            atomic_write_text(md, result.to_markdown(**extra))
        except OSError as exc:
            raise cannot_write(md, "--md", exc) from exc


def estimate(
    file: FileArg,
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="Write the Excel workbook.", metavar="FILE")
    ] = None,
    md: Annotated[
        Path | None, typer.Option("--md", help="Write a Markdown report.", metavar="FILE")
    ] = None,
    pack: PackOpt = None,
    allow_outside: AllowOutsideOpt = False,
    lang: LangOpt = None,
) -> None:
    """Compute a project estimate (every component, method, VAT, contingency, total)."""
    from ictcost.estimate import compute_estimate  # noqa: PLC0415

    outputs = {"--xlsx": xlsx, "--md": md, "--output": output}
    try:
        run = Run.of(lang=lang, pack=pack)
        for option, path in outputs.items():
            check_output_folder(path, option)
        not_an_input(outputs, file, pack=run.pack)
        project = load_input_project(file)
        base_dir = Path.cwd() if file == STDIN else file.parent
        not_an_input(
            outputs,
            *(base_dir / ln.software for ln in project.lines if isinstance(ln.software, str)),
        )
        reg = registry(run.pack)
        try:
            result = compute_estimate(
                project, registry=reg, base_dir=base_dir, allow_outside=allow_outside
            )
        except IctcostError as exc:
            hinted = _pack_hint(exc, file, run.pack)
            if hinted is exc:
                raise
            raise hinted from exc
        _write_outputs(result, xlsx, md, run.lang)
        emit(
            result.to_json,
            lambda: views.estimate_view(result, run.lang, registry=reg),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)
    if not as_json and output is None:
        show(views.written_view((xlsx, md), run.lang), soft_wrap=True)


def software(
    file: Annotated[
        Path,
        typer.Argument(
            help="Input file (YAML or JSON); '-' reads standard input.",
            allow_dash=True,
            metavar="FILE",
        ),
    ],
    as_json: JsonOpt = False,
    output: OutputOpt = None,
    pack: PackOpt = None,
    lang: LangOpt = None,
) -> None:
    """Compute internal-software cost by the state use-case-point method (CV 2589 → QĐ 671)."""
    from ictcost.inputs import load_software_input  # noqa: PLC0415
    from ictcost.software import compute_software_cost  # noqa: PLC0415

    try:
        run = Run.of(lang=lang, pack=pack)
        check_output_folder(output, "--output")
        if file == STDIN:
            source: Any = read_stdin()
        else:
            guard_input(file, command="software")
            source = file
        result = compute_software_cost(load_software_input(source), registry=registry(run.pack))
        emit(
            result.to_json,
            lambda: views.software_view(result, run.lang),
            as_json=as_json,
            output=output,
            lang=run.lang,
        )
    except IctcostError as exc:
        fail(exc, as_json=as_json)


def template(
    out: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).", metavar="OUT.xlsx")],
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help="Fill the template from this project (YAML or JSON).", metavar="FILE"
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Write the input template of an estimate, to fill in Excel and read back with estimate."""
    try:
        run = Run.of(lang=lang)
        check_output_folder(out, "OUT")
        if out.suffix.lower() != ".xlsx":
            raise InputError(
                f"{out}: the template is a workbook: give a name ending in .xlsx",
                field="OUT",
                hint="e.g. ictcost template du-toan.xlsx",
            )
        project = None
        if source is not None:
            not_an_input({"OUT": out}, source)
            project = load_input_project(source, command="template")
        try:
            from ictcost.inputs.template import write_template  # noqa: PLC0415 - openpyxl
        except ModuleNotFoundError as exc:
            if exc.name == "openpyxl":
                needs_extra("ictcost template", "excel", run.lang)
            raise
        base = None if source is None or str(source) == "-" else Path(source).parent
        try:
            write_template(out, project=project, lang=run.lang, base_dir=base)
        except OSError as exc:
            raise cannot_write(out, "OUT", exc) from exc
        for line in project.lines if project is not None else ():
            if isinstance(line.software, str) and not (out.parent / line.software).is_file():
                m = explain.message("cli.template.copy_software")
                params = {"line": line.id, "file": line.software, "folder": str(out.parent)}
                note = explain.render_template(m.vi if run.lang == "vi" else m.en, params, run.lang)
                show(Text(note), stderr=True)
    except IctcostError as exc:
        fail(exc, as_json=False)
    show(views.written_view([out], run.lang), soft_wrap=True)
