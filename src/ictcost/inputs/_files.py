"""Reading user input files (YAML or JSON) for the input models; no domain meaning here."""

from __future__ import annotations

import json
import re
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

from ictcost._internal._coerce import LIMITS_HINT, check_digits
from ictcost._internal._problems import locate
from ictcost._internal._yaml import Marks, load_yaml
from ictcost.errors import InputError, NormDataError, Problem

__all__ = ["MAX_INPUT_BYTES", "check_readable", "locate", "parse_json", "read_input_file"]

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


class _TooLongError(ValueError):
    """A JSON number beyond the digit bound (raised from the number hooks of ``json.loads``)."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(why)
        self.text = text
        self.why = why


def _json_int(text: str) -> int:
    why = check_digits(text)
    if why is not None:
        raise _TooLongError(text, why)
    return int(text)


def _json_float(text: str) -> Decimal:
    why = check_digits(text)
    if why is not None:
        raise _TooLongError(text, why)
    return Decimal(text)


def _position(source: str, number: str) -> tuple[int | None, int | None]:
    """The 1-based ``(line, column)`` of the first occurrence of a number token in JSON text."""
    found = re.search(rf"(?<![0-9.eE+-]){re.escape(number)}(?![0-9.eE])", source)
    if found is None:  # pragma: no cover - the token came from this text
        return None, None
    start = found.start()
    return source.count("\n", 0, start) + 1, start - source.rfind("\n", 0, start)


def parse_json(text: str, file: str) -> Any:  # noqa: ANN401 - JSON data
    """Parse JSON text with exact decimals and bounded numbers.

    Floats become :class:`~decimal.Decimal`; a number of more than 40 digits written out in full
    (an integer of more than 4 300 digits cannot even be converted by ``int()``) is refused with
    its ``file:line:column``.

    Args:
        text: The JSON text.
        file: The name for messages.

    Returns:
        The data.

    Raises:
        InputError: the text is not valid JSON, is nested too deeply, or holds a number beyond
            the bound.
    """
    try:
        return json.loads(text, parse_float=_json_float, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{file}: not valid JSON",
            field="file",
            problems=(Problem(exc.msg, file, exc.lineno, exc.colno),),
            hint="fix the JSON syntax at the position shown",
        ) from exc
    except _TooLongError as exc:
        line, col = _position(text, exc.text)
        shown = exc.text if len(exc.text) <= 40 else exc.text[:37] + "..."
        raise InputError(
            f"{file}: a number is too long to be read",
            field="file",
            problems=(Problem(exc.why, file, line, col, got=repr(shown)),),
            hint=LIMITS_HINT,
        ) from None
    except RecursionError:
        raise InputError(
            f"{file}: the JSON is nested too deeply to be read",
            field="file",
            problems=(Problem("nested too deeply", file),),
            hint="a project or software input is a few levels deep; check the file",
        ) from None


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
        return parse_json(text, str(path)), None
    try:
        return load_yaml(text, str(path))
    except NormDataError as exc:
        raise InputError(exc.message, field="file", problems=exc.problems, hint=exc.hint) from exc
