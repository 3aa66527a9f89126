"""What every command shares: the options, the settings in effect, reading inputs, printing.

A command parses its options, asks :func:`settings` for what the configuration file adds, calls
the library and prints what :mod:`ictcost.report.console` returns. ``-o FILE`` writes the JSON
result atomically; ``-`` as a file reads YAML or JSON from standard input. Every unusable input is
an :class:`~ictcost.errors.InputError` shown by :func:`fail` with exit status 2.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from ictcost._internal._atomic import atomic_write_text
from ictcost._internal._inert import escape_json_controls
from ictcost.errors import IctcostError, InputError, NormDataError


class LazyModule:
    """A module imported on the first use of one of its names (the command line starts fast).

    ``ictcost --version`` and ``ictcost --help`` need none of the library; a command imports
    what it uses when it runs. Used as ``views = LazyModule("ictcost.report.console")`` with the
    real import under ``TYPE_CHECKING`` for the type checker.
    """

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:  # noqa: ANN401 - a name of the module
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"LazyModule({self._name!r})"


if TYPE_CHECKING:
    from rich.console import RenderableType

    from ictcost.checks import CheckConfig
    from ictcost.config import Settings
    from ictcost.norms.registry import NormRegistry
    from ictcost.report import console as views
else:
    views = LazyModule("ictcost.report.console")

__all__ = [
    "CONTEXT",
    "STDIN",
    "AllowOutsideOpt",
    "JsonOpt",
    "LangOpt",
    "LangValue",
    "LazyModule",
    "OnOpt",
    "OutputOpt",
    "PackOpt",
    "Run",
    "StageValue",
    "cannot_write",
    "check_output_folder",
    "dump_json",
    "emit",
    "fail",
    "guard_input",
    "needs_extra",
    "parse_date",
    "print_json",
    "read_stdin",
    "registry",
    "settings",
    "show",
    "write_json",
]

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
"""The click context of every command: ``-h`` as well as ``--help``."""

STDIN = Path("-")
"""The file argument that means standard input."""

LangValue = Literal["vi", "en"]
StageValue = Literal["tham-dinh", "tham-tra"]

OnOpt = Annotated[
    str | None, typer.Option("--on", help="Date YYYY-MM-DD (default: today).", metavar="DATE")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the JSON result.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Write the JSON result to FILE (UTF-8, atomic) instead of printing it.",
        metavar="FILE",
    ),
]
PackOpt = Annotated[
    Path | None,
    typer.Option("--pack", help="A user norm pack on top (config key: pack).", metavar="DIR"),
]
LangOpt = Annotated[
    LangValue | None,
    typer.Option("--lang", help="Language of the output (config key: lang; default vi)."),
]
AllowOutsideOpt = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Read files the project references outside its own folder (off by default).",
    ),
]


def show(view: RenderableType, *, stderr: bool = False, soft_wrap: bool = False) -> None:
    """Print a view (``soft_wrap``: lines that must stay whole, such as paths, are not wrapped)."""
    views.make_console(stderr=stderr).print(view, soft_wrap=soft_wrap)


def dump_json(data: object) -> str:
    """Return data as the JSON document a command prints (UTF-8 text, indented)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def print_json(data: object) -> None:
    r"""Print a JSON document (a ``to_json()`` text, or data to dump).

    The control characters JSON leaves raw (C1 such as ``\x9b``, DEL, the bidirectional
    overrides) are printed as ``\u`` escapes: the same document, inert on a terminal (review D9).
    """
    print(escape_json_controls(data if isinstance(data, str) else dump_json(data)))


def fail(exc: IctcostError, *, as_json: bool) -> NoReturn:
    """Show an error (as ``{"error": …}`` with ``--json``) and exit with status 2."""
    if as_json:
        print_json({"error": exc.to_dict()})
    else:
        show(views.error_view(exc), stderr=True, soft_wrap=True)
    raise typer.Exit(2)


def needs_extra(what: str, extra: str, lang: LangValue = "vi") -> NoReturn:
    """Say which extra a feature needs (with an install line that works from a checkout)."""
    show(views.missing_extra_view(what, extra, lang), stderr=True, soft_wrap=True)
    raise typer.Exit(2)


def settings() -> Settings:
    """Return the settings of the configuration file of the working folder (or the defaults)."""
    from ictcost.config import load_settings  # noqa: PLC0415 - imported by the commands that run

    return load_settings()


def registry(pack: Path | None) -> NormRegistry:
    """Return the shipped norms, with the user's pack on top when one is given."""
    from ictcost.norms.registry import NormRegistry  # noqa: PLC0415 - imported on use

    reg = NormRegistry.shipped()
    return reg.with_pack(pack) if pack else reg


def parse_date(text: str | None, name: str = "--on") -> dt.date:
    """Return the date of an option (today when it is not given)."""
    from ictcost.validation import check_date  # noqa: PLC0415 - imported on use

    return dt.date.today() if text is None else check_date(text, name)


def check_output_folder(path: Path | None, option: str) -> None:
    """Refuse, before any work, an output whose folder does not exist or that is a folder."""
    if path is None:
        return
    if not path.parent.is_dir():
        raise InputError(
            f"cannot write {path}: the folder {str(path.parent)!r} does not exist",
            field=option,
            hint="give a path in an existing folder that you may write to (or create the folder)",
        )
    if path.is_dir():
        raise InputError(
            f"cannot write {path}: it is a folder",
            field=option,
            hint="give the path of a file",
        )


def cannot_write(path: Path, option: str, exc: OSError) -> InputError:
    """The error of an output that could not be written."""
    return InputError(
        f"cannot write {path}: {exc.strerror or exc}",
        field=option,
        hint="give a path in an existing folder that you may write to",
    )


_BINARY_MARKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")
"""The first bytes of a workbook or document (zip: xlsx/docx; OLE: xls/doc; PDF)."""


def guard_input(path: Path, *, command: str, workbooks: bool = False) -> None:
    """Refuse a workbook or another binary file where YAML or JSON is expected (review D14).

    Args:
        path: The input file.
        command: The command, for the message.
        workbooks: Whether this command also reads ``.xlsx`` (then a workbook is passed on).

    Raises:
        InputError: the file is binary.
    """
    if path == STDIN or not path.is_file():
        return
    if workbooks and path.suffix.lower() in {".xlsx", ".xlsm"}:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return  # the reader gives the error
    if head.startswith(_BINARY_MARKS) or b"\x00" in head:
        hint = (
            f"`ictcost {command}` reads YAML or JSON"
            + (" or an ictcost template (.xlsx)" if workbooks else "")
            + "; `ictcost check FILE.xlsx` reads a submitted estimate workbook"
        )
        raise InputError(
            f"{path} is a workbook or another binary file, not YAML or JSON",
            field="file",
            hint=hint,
        )


_MAX_STDIN = 20_000_000


def read_stdin() -> Any:  # noqa: ANN401 - the YAML or JSON document
    """Read a YAML or JSON document from standard input (``-`` as the file argument)."""
    data = sys.stdin.buffer.read(_MAX_STDIN + 1)
    if len(data) > _MAX_STDIN:
        raise InputError(
            f"standard input is above the limit of {_MAX_STDIN} bytes",
            field="file",
            hint="give the file's path instead",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            "standard input is not UTF-8 text",
            field="file",
            hint="pipe a YAML or JSON file (a workbook needs its path)",
        ) from exc
    if not text.strip():
        raise InputError(
            "standard input is empty",
            field="file",
            hint="pipe a YAML or JSON file, e.g. cat project.yaml | ictcost estimate -",
        )
    from ictcost._internal._yaml import load_yaml  # noqa: PLC0415 - imported on use

    try:
        document, _ = load_yaml(text, "<stdin>")
    except NormDataError as exc:
        raise InputError(exc.message, field="file", problems=exc.problems, hint=exc.hint) from exc
    return document


@dataclass(frozen=True)
class Run:
    """The options of one run once the configuration file is merged in (the command line wins).

    Attributes:
        lang: The language of the output.
        pack: The user norm pack, if any.
        check: The thresholds of the checks.
        base: The settings of the file.
    """

    lang: LangValue
    pack: Path | None
    check: CheckConfig
    base: Settings

    @classmethod
    def of(cls, *, lang: LangValue | None = None, pack: Path | None = None) -> Run:
        """Merge the command line's ``--lang`` and ``--pack`` with the configuration file."""
        base = settings()
        return cls(lang=lang or base.lang, pack=pack or base.pack, check=base.check, base=base)


def write_json(path: Path, text: str) -> None:
    """Write a JSON result to ``-o FILE`` atomically (the folder must exist)."""
    check_output_folder(path, "--output")
    try:
        atomic_write_text(path, text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise cannot_write(path, "--output", exc) from exc


def emit(
    json_text: Callable[[], str],
    view: Callable[[], RenderableType],
    *,
    as_json: bool,
    output: Path | None,
    lang: LangValue,
) -> None:
    """Print a result: as JSON (``--json``), into ``-o FILE``, or as the console view."""
    if output is not None:
        write_json(output, json_text())
        show(views.written_view([output], lang), stderr=True, soft_wrap=True)
    elif as_json:
        print_json(json_text())
    else:
        show(view())
