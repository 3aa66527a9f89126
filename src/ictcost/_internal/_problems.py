"""The one mapper from a pydantic ``ValidationError`` to located problems.

Used by the norm loader (norm files), and through :mod:`ictcost.inputs` by the project, software
and workbook readers. No domain meaning here.

Pydantic's error locations mix the data path with its own labels: union members (``decimal``,
``str``, ``PeriodRental``, ``tagged-union[…]``), discriminator values (``team_average``),
validator names (``function-after[…]``) and ``[key]`` markers. :func:`data_path` keeps only the
keys and indexes that exist in the data (plus the name of a missing field), so the path in a
message is the one the user wrote, and its position in the file is the most precise one known.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Row(BaseModel):
    ...     amount: int | None
    >>> class Table(BaseModel):
    ...     rows: list[Row]
    >>> data = {"rows": [{"amount": 1}, {"amount": "many"}]}
    >>> try:
    ...     Table.model_validate(data)
    ... except ValidationError as exc:
    ...     print(*validation_problems(exc, data, file="t.yaml", marks={("rows", 1): (3, 5)}))
    t.yaml:3:5: rows[1].amount: Input should be a valid integer, unable to parse string as an integer (got 'many')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError

from ictcost._internal._coerce import short_repr
from ictcost._internal._yaml import Path, dotted
from ictcost.errors import Problem

__all__ = ["Located", "data_path", "locate", "located_errors", "validation_problems"]

MarkMap = Mapping[Path, tuple[int, int]]
"""Node path → 1-based ``(line, column)``, as :func:`ictcost._internal._yaml.load_yaml` records."""

_GOT_MAX: Final = 80


def locate(marks: MarkMap | None, loc: Sequence[Any]) -> tuple[int | None, int | None]:
    """Return the ``(line, column)`` of the deepest node of ``loc`` that has a recorded position.

    Args:
        marks: The positions of a YAML document, or ``None`` (JSON, a dict).
        loc: A data path (non-key parts are ignored).

    Returns:
        The position, the root's when no part of the path is known, or ``(None, None)``.
    """
    if marks is None:
        return None, None
    key = tuple(p for p in loc if isinstance(p, (str, int)))
    while key and key not in marks:
        key = key[:-1]
    return marks.get(key, (None, None))


def data_path(loc: Sequence[Any], data: object, *, missing: bool = False) -> Path:
    """Keep the parts of a pydantic location that are keys or indexes of the data.

    Args:
        loc: The error's ``loc``.
        data: The data that was validated.
        missing: The error is a missing field: its last part, absent from the data, is kept.

    Returns:
        The data path.

    Examples:
        >>> data_path(("lines", 0, "rental", "PeriodRental", "periods"), {"lines": [{"rental": {}}]},
        ...           missing=True)
        ('lines', 0, 'rental', 'periods')
    """
    out: list[str | int] = []
    node: Any = data
    last = len(loc) - 1
    for i, part in enumerate(loc):
        is_list = isinstance(node, Sequence) and not isinstance(node, (str, bytes))
        index = isinstance(part, int) and is_list and 0 <= part < len(node)
        key = isinstance(part, (str, int)) and isinstance(node, Mapping) and part in node
        if index or key:
            out.append(part)
            node = node[part]
        elif i == last and missing and isinstance(part, (str, int)):
            out.append(part)
    return tuple(out)


def _got(value: object) -> str | None:
    if isinstance(value, (dict, list, tuple)):
        return None
    return short_repr(value, _GOT_MAX)  # an integer of 4 301 digits has no repr


@dataclass(frozen=True, slots=True)
class Located:
    """One pydantic error with its data path.

    Attributes:
        path: The data path (see :func:`data_path`).
        message: Pydantic's message without its ``Value error,`` prefix, or the replacement asked
            for its error type.
        got: A short ``repr`` of the offending value (``None`` for a mapping or a sequence, and
            when the message already shows it).
        type: Pydantic's error type (``missing``, ``extra_forbidden``, ``ictcost_money_float`` …).
    """

    path: Path
    message: str
    got: str | None
    type: str


def located_errors(
    exc: ValidationError, data: object, *, messages: Mapping[str, str] | None = None
) -> Iterator[Located]:
    """Yield each error of ``exc`` with its data path, once.

    A ``too_short`` error of a list whose items also failed is skipped (the items say it), and an
    error equal to an earlier one (same path, message and value) is given once.

    Args:
        exc: The validation error.
        data: The data that was validated.
        messages: Replacement messages by error type (e.g. for ``extra_forbidden``).

    Yields:
        The errors, in pydantic's order.
    """
    errors = exc.errors(include_url=False)
    locs = [tuple(e["loc"]) for e in errors]
    seen: set[tuple[Path, str, str | None]] = set()
    for err, loc in zip(errors, locs, strict=True):
        if err["type"] == "too_short" and any(
            other != loc and other[: len(loc)] == loc for other in locs
        ):
            continue
        path = data_path(loc, data, missing=err["type"] == "missing")
        message = (messages or {}).get(err["type"]) or err["msg"].removeprefix("Value error, ")
        got = _got(err.get("input"))
        if got is not None and f"(got {got})" in message:
            got = None  # the message shows the value already (ictcost's own messages do)
        if (path, message, got) in seen:
            continue
        seen.add((path, message, got))
        yield Located(path, message, got, err["type"])


def validation_problems(
    exc: ValidationError,
    data: object,
    *,
    file: str | None = None,
    marks: MarkMap | None = None,
    labels: Mapping[Path, Mapping[int, str]] | None = None,
    messages: Mapping[str, str] | None = None,
) -> tuple[Problem, ...]:
    """Turn a validation error into located problems: ``file:line:column: path: what (got …)``.

    Args:
        exc: The validation error.
        data: The data that was validated (to tell data keys from pydantic's labels).
        file: The file name for messages, or ``None`` for in-memory data.
        marks: The positions of the YAML document, or ``None``.
        labels: Names to show beside list indexes (see :func:`ictcost._internal._yaml.dotted`).
        messages: Replacement messages by error type.

    Returns:
        One problem per error (see :func:`located_errors`).
    """
    out = []
    for err in located_errors(exc, data, messages=messages):
        line, col = locate(marks, err.path)
        out.append(Problem(err.message, file, line, col, dotted(err.path, labels), err.got))
    return tuple(out)
