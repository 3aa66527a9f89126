r"""The configuration file of the ``ictcost`` command: ``ictcost.toml`` or ``[tool.ictcost]``.

The file is looked for in the working folder and then in each parent, the first one found wins
(as ruff and mypy do): ``ictcost.toml``, else a ``pyproject.toml`` that has a ``[tool.ictcost]``
table. What it may set::

    pack = "norms/my-pack"     # a user norm pack (relative to the file's folder)
    lang = "vi"                # vi | en: the language of what the commands print and write
    stage = "tham-dinh"        # tham-dinh | tham-tra: who writes the appraisal report

    [check]                    # the thresholds of the checks (ictcost.checks.CheckConfig)
    min_quotes = 3
    max_spread_percent = 20

Options given on the command line win over the file. An unknown key or a wrong value is an
:class:`~ictcost.errors.InputError` that names the file and the key.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "ictcost.toml").write_text('lang = "en"\n[check]\nmin_quotes = 2\n')
    >>> settings = load_settings(folder)
    >>> settings.lang, settings.check.min_quotes, settings.sources["lang"] == str(folder / "ictcost.toml")
    ('en', 2, True)
"""

from __future__ import annotations

import dataclasses
import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final, Literal, cast

from ictcost.checks.thresholds import CheckConfig
from ictcost.errors import InputError

__all__ = [
    "CONFIG_FILE",
    "KEYS",
    "Settings",
    "Stage",
    "find_config",
    "load_settings",
    "read_settings",
]

CONFIG_FILE: Final = "ictcost.toml"
"""The name of ictcost's own configuration file."""

Lang = Literal["vi", "en"]
Stage = Literal["tham_dinh", "tham_tra"]
"""Who writes the appraisal report: the appraising body or a reviewing consultant."""

KEYS: Final = ("pack", "lang", "stage", "check")
"""The top-level keys of the file."""

DEFAULT: Final = "default"
"""The source of a setting no file sets."""

_CHECK_FIELDS: Final = {f.name: f for f in dataclasses.fields(CheckConfig)}


@dataclass(frozen=True)
class Settings:
    """The settings in effect, and where each came from.

    Attributes:
        pack: The user norm pack, or ``None``.
        lang: ``vi`` or ``en``.
        stage: ``tham_dinh`` or ``tham_tra``.
        check: The thresholds of the checks.
        file: The configuration file read, or ``None`` when none was found.
        sources: For each key set by the file (``pack``, ``lang``, ``stage``, ``check.min_quotes``
            …), the file's path; keys not listed are defaults.
    """

    pack: Path | None = None
    lang: Lang = "vi"
    stage: Stage = "tham_dinh"
    check: CheckConfig = field(default_factory=CheckConfig)
    file: Path | None = None
    sources: Mapping[str, str] = field(default_factory=dict)

    def source(self, key: str) -> str:
        """Return where a setting came from: the file's path, or ``default``."""
        return self.sources.get(key, DEFAULT)


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "ictcost" in tool


def find_config(start: Path | None = None) -> Path | None:
    """Return the configuration file for a folder: the nearest one in it or a parent.

    Args:
        start: The folder to start from (the working folder by default).

    Returns:
        The ``ictcost.toml`` or ``pyproject.toml`` (with ``[tool.ictcost]``) found, or ``None``.
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _error(path: Path, key: str, message: str, hint: str) -> InputError:
    return InputError(f"{path}: {key}: {message}", field=key, hint=hint, file=str(path))


def _unknown(path: Path, key: str, known: tuple[str, ...] | list[str]) -> InputError:
    close = difflib.get_close_matches(key.rpartition(".")[2], known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return _error(path, key, "unknown key", f"{hint}the keys are: {', '.join(known)}")


def _choice(path: Path, key: str, value: object, choices: tuple[str, ...]) -> str:
    text = value.replace("-", "_") if isinstance(value, str) else None
    allowed = {c.replace("-", "_"): c for c in choices}
    if text not in allowed:
        raise _error(
            path,
            key,
            f"must be one of {', '.join(choices)} (got {value!r})",
            f'e.g. {key} = "{choices[0]}"',
        )
    return text


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def _threshold(path: Path, key: str, value: object, default: object) -> object:
    """One check threshold, converted to the type of its default."""
    wrong = _error(
        path, key, f"{value!r} is not a valid value", f"the default is {default!r}; give a number"
    )
    if isinstance(default, Decimal):
        number = _decimal(value)
        if number is None:
            raise wrong
        return number
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise wrong
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise _error(path, key, f"must be a number from 0 to 1 (got {value!r})", "e.g. 0.9")
        return float(value)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _error(path, key, "must be a list of keys", f"e.g. {key} = {list(default)!r}")
        return tuple(value)
    if not isinstance(value, str) or not value:
        raise _error(path, key, "must be a text", f'e.g. {key} = "{default}"')
    return value


def _check_config(path: Path, table: object, sources: dict[str, str]) -> CheckConfig:
    if not isinstance(table, dict):
        raise _error(path, "check", "must be a table", "write [check] (or [tool.ictcost.check])")
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = f"check.{key}"
        if key not in _CHECK_FIELDS:
            raise _unknown(path, name, sorted(_CHECK_FIELDS))
        values[key] = _threshold(path, name, value, _CHECK_FIELDS[key].default)
        sources[name] = str(path)
    return CheckConfig(**values)


def read_settings(path: Path) -> Settings:
    """Read one configuration file (``ictcost.toml``, or ``[tool.ictcost]`` of a pyproject).

    Args:
        path: The file.

    Returns:
        The settings it gives, with defaults for the rest.

    Raises:
        InputError: the file cannot be read, is not TOML, or has an unknown key or a wrong value
            (the message names the file and the key).
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read {path}: {exc}", field="config", hint="check the file", file=str(path)
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"{path}: not valid TOML: {exc}",
            field="config",
            hint="fix the TOML syntax at the position shown",
            file=str(path),
        ) from exc
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("ictcost", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise _error(path, "tool.ictcost", "must be a table", "write [tool.ictcost]")
    sources: dict[str, str] = {}
    for key in data:
        if key not in KEYS:
            raise _unknown(path, key, list(KEYS))
    pack: Path | None = None
    if "pack" in data:
        if not isinstance(data["pack"], str) or not data["pack"]:
            raise _error(path, "pack", "must be a folder path", 'e.g. pack = "norms/my-pack"')
        pack = path.parent / data["pack"]
        sources["pack"] = str(path)
    lang: Lang = "vi"
    if "lang" in data:
        lang = cast("Lang", _choice(path, "lang", data["lang"], ("vi", "en")))
        sources["lang"] = str(path)
    stage: Stage = "tham_dinh"
    if "stage" in data:
        stage = cast("Stage", _choice(path, "stage", data["stage"], ("tham-dinh", "tham-tra")))
        sources["stage"] = str(path)
    check = _check_config(path, data["check"], sources) if "check" in data else CheckConfig()
    return Settings(pack=pack, lang=lang, stage=stage, check=check, file=path, sources=sources)


def load_settings(start: Path | None = None) -> Settings:
    """Return the settings of the nearest configuration file, or the defaults when none exists.

    Args:
        start: The folder to look from (the working folder by default).

    Returns:
        The settings.

    Raises:
        InputError: the file found has an unknown key or a wrong value.
    """
    path = find_config(start)
    return Settings() if path is None else read_settings(path)
