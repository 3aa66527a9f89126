"""The input readers' error: every located problem of a validation error in one ``InputError``.

The mapping itself (pydantic location → data path, ``file:line:column``) is the one shared with the
norm loader, :func:`ictcost._internal._problems.located_errors`; this module words the error the
readers of :mod:`ictcost.inputs` raise, and keeps it from echoing the file it could not read: a
value is shown as a short excerpt at most (:func:`inert_problems`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from pydantic import ValidationError

from ictcost._internal._inert import EXCERPT_MAX, describe, excerpt, safe_repr
from ictcost._internal._problems import Located, MarkMap, locate, located_errors
from ictcost._internal._yaml import Path, dotted
from ictcost.errors import InputError, Problem

__all__ = ["inert_problems", "input_error", "item_labels"]

_ABSENT: Final = object()
_UNSHOWN: Final = ("extra_forbidden",)
"""Error types whose value says nothing about the problem (an unknown key's value): not shown."""


def _node(data: object, path: Path) -> object:
    """The value at a data path, or ``_ABSENT``."""
    node = data
    for part in path:
        in_list = (
            isinstance(part, int)
            and isinstance(node, Sequence)
            and not isinstance(node, (str, bytes))
            and 0 <= part < len(node)
        )
        if not (in_list or (isinstance(node, Mapping) and part in node)):
            return _ABSENT
        node = node[part]  # type: ignore[index]
    return node


def _short_key(part: str | int) -> str | int:
    if isinstance(part, str) and len(part) > EXCERPT_MAX:
        return part[: EXCERPT_MAX - 1] + "…"
    return part


def _cut_echoes(message: str, written: str, shown: str) -> str:
    """Replace in ``message`` every echo of ``written`` longer than an excerpt, cut or not.

    A validator may quote the value already shortened (``'root:x:0:0:…'...``, 80 characters):
    the longest run of ``written`` from its start, and a ``...``/``…`` after it, go.
    """
    head = written[:EXCERPT_MAX]
    if len(written) <= EXCERPT_MAX:
        return message
    start = message.find(head)
    while start != -1:
        end = start + len(head)
        while (
            end < len(message)
            and end - start < len(written)
            and message[end] == written[end - start]
        ):
            end += 1
        for mark in ("...", "…"):
            if message.startswith(mark, end):
                end += len(mark)
                break
        message = message[:start] + shown + message[end:]
        start = message.find(head, start + len(shown))
    return message


def _inert(err: Located, data: object) -> tuple[str, str | None]:
    """The message and the ``got`` of an error, echoing at most a short excerpt of the value."""
    value = _node(data, err.path)
    if value is _ABSENT or isinstance(value, (Mapping, list, tuple)):
        got = None if err.type in _UNSHOWN else err.got
        return err.message, got if got is None or len(got) <= EXCERPT_MAX else excerpt(got)
    shown = excerpt(value) if err.path else describe(value)
    written = safe_repr(value)
    message = _cut_echoes(err.message.replace(written, shown), written, shown)
    if isinstance(value, str) and len(value) > EXCERPT_MAX:
        message = _cut_echoes(message.replace(value, shown), value, shown)
    if err.type in _UNSHOWN or shown in message:
        return message, None
    return message, shown


def inert_problems(
    exc: ValidationError,
    data: object,
    *,
    file: str | None = None,
    marks: MarkMap | None = None,
    labels: Mapping[Path, Mapping[int, str]] | None = None,
) -> tuple[Problem, ...]:
    """Return the located problems of ``exc`` without echoing the content of the file read.

    A problem shows at most a short excerpt (:data:`~ictcost._internal._inert.EXCERPT_MAX`
    characters, its first line only, control characters escaped) of the value it is about: the
    value of an unknown key is not shown (the key is the problem), a document that is not a
    mapping at all (a text file given as an input) is described (``a text of 1 234 characters on
    30 lines``), never printed, and a long key is cut (review D5: a ``software:`` path naming
    ``/etc/passwd`` printed the whole file).

    Args:
        exc: The validation error.
        data: The data that was validated.
        file: The file read, or ``None`` for a dict.
        marks: The positions of the YAML document, or ``None``.
        labels: Names to show beside list indexes (``lines[0: TB-01]``).

    Returns:
        One problem per error (:func:`ictcost._internal._problems.located_errors`).
    """
    out: list[Problem] = []
    for err in located_errors(exc, data):
        line, col = locate(marks, err.path)
        message, got = _inert(err, data)
        path = dotted((_short_key(p) for p in err.path), labels)
        out.append(Problem(message, file, line, col, path, got))
    return tuple(out)


def input_error(
    exc: ValidationError,
    data: object,
    *,
    subject: str,
    unnamed: str | None = None,
    file: str | None = None,
    marks: MarkMap | None = None,
    labels: Mapping[Path, Mapping[int, str]] | None = None,
    hint: str,
) -> InputError:
    """Return the ``InputError`` that lists every problem of ``exc``, each located.

    Args:
        exc: The validation error.
        data: The data that was validated.
        subject: What was read, for the message (``project``, ``software input``).
        unnamed: How the message names in-memory data (default: ``subject``).
        file: The file read, or ``None`` for a dict.
        marks: The positions of the YAML document, or ``None``.
        labels: Names to show beside list indexes (``lines[0: TB-01]``).
        hint: How to fix, pointing at the documentation of the input.

    Returns:
        The error, its ``field`` the path of the first problem.

    Examples:
        >>> from pydantic import BaseModel, ValidationError
        >>> class Box(BaseModel):
        ...     size: int
        >>> try:
        ...     Box.model_validate({})
        ... except ValidationError as exc:
        ...     err = input_error(exc, {}, subject="box", hint="give a size")
        >>> err.message, err.field, str(err.problems[0])
        ('box: 1 problem(s) in the box', 'size', 'size: Field required')
    """
    problems = inert_problems(exc, data, file=file, marks=marks, labels=labels)
    return InputError(
        f"{file or unnamed or subject}: {len(problems)} problem(s) in the {subject}",
        problems=problems,
        field=problems[0].path if problems else None,
        hint=hint,
    )


def item_labels(data: object, key: str, *fields: str) -> dict[int, str]:
    """The label of each item of the list ``data[key]`` by its position: its first field given.

    What a located error names an item by (``lines[3: TB-04].quantity``); an item that is not
    a mapping, or a list that is missing, has no label.

    Examples:
        >>> item_labels({"lines": [{"id": "TB-01"}, 3, {"contract": "HD-2"}]}, "lines", "id", "contract")
        {0: 'TB-01', 2: 'HD-2'}
    """
    items = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        return {}
    labels = {}
    for i, item in enumerate(items):
        if isinstance(item, Mapping):
            labels[i] = str(next((item[f] for f in fields if f in item), None))
    return labels
