"""Reading user input files (YAML or JSON) for the input models; no domain meaning here."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ictcost._internal._problems import locate
from ictcost._internal._yaml import Marks, load_yaml
from ictcost.errors import InputError, NormDataError, Problem

__all__ = ["locate", "read_input_file"]


def read_input_file(path: Path) -> tuple[Any, Marks | None]:
    """Read a ``.json`` file (floats as exact decimals) or a YAML file (strict, with positions).

    Args:
        path: The file.

    Returns:
        ``(data, marks)``; ``marks`` maps node paths to ``(line, column)`` for YAML, else ``None``.

    Raises:
        InputError: the file cannot be read or is not well-formed (the problem names the place).
    """
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
