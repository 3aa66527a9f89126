"""Reading user input files (YAML or JSON) for the input models; no domain meaning here."""

from __future__ import annotations

import json
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

from ictcost._internal._problems import locate
from ictcost._internal._yaml import Marks, load_yaml
from ictcost.errors import InputError, NormDataError, Problem

__all__ = ["MAX_INPUT_BYTES", "check_readable", "locate", "read_input_file"]

MAX_INPUT_BYTES = 20_000_000
"""The largest project or software input file read (20 MB; a real one is a few hundred kB)."""


def check_readable(path: Path, *, max_bytes: int | None) -> None:
    """Refuse, before opening it, a path that is not a regular file up to ``max_bytes``.

    A device (``/dev/zero``), a named pipe or a folder would block or exhaust memory when read.
    ``max_bytes=None`` checks the kind of file only (workbooks are bounded by their readers).

    Raises:
        InputError: the file does not exist, is not a regular file, or is too large.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(
            f"cannot read {path}: {exc.strerror or exc}",
            field="file",
            hint="check the path",
        ) from exc
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"cannot read {path}: not a regular file (a folder, a device or a pipe)",
            field="file",
            hint="give the file itself",
        )
    if max_bytes is not None and info.st_size > max_bytes:
        raise InputError(
            f"cannot read {path}: {info.st_size} bytes, above the limit of {max_bytes}",
            field="file",
            hint="an input file of a project is far smaller; check that this is the right file",
        )


def read_input_file(path: Path) -> tuple[Any, Marks | None]:
    """Read a ``.json`` file (floats as exact decimals) or a YAML file (strict, with positions).

    Args:
        path: The file.

    Returns:
        ``(data, marks)``; ``marks`` maps node paths to ``(line, column)`` for YAML, else ``None``.

    Only a regular file up to :data:`MAX_INPUT_BYTES` is read: a device (``/dev/zero``), a named
    pipe or a folder is refused before it is opened, so that reading never blocks or exhausts
    memory.

    Raises:
        InputError: the file cannot be read, is not a regular file, is too large, or is not
            well-formed (the problem names the place).
    """
    check_readable(path, max_bytes=MAX_INPUT_BYTES)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read {path}: {exc}",
            field="file",
            hint="check the path; the file must be UTF-8 YAML or JSON",
        ) from exc
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text, parse_float=Decimal), None
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}: not valid JSON",
                field="file",
                problems=(Problem(exc.msg, str(path), exc.lineno, exc.colno),),
                hint="fix the JSON syntax at the position shown",
            ) from exc
    try:
        return load_yaml(text, str(path))
    except NormDataError as exc:
        raise InputError(exc.message, field="file", problems=exc.problems, hint=exc.hint) from exc
