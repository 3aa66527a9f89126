"""The input readers' error: every located problem of a validation error in one ``InputError``.

The mapping itself (pydantic location → data path, ``file:line:column``) is the one shared with the
norm loader, :func:`ictcost._internal._problems.validation_problems`; this module only words the
error the readers of :mod:`ictcost.inputs` raise.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from ictcost._internal._problems import MarkMap, validation_problems
from ictcost._internal._yaml import Path
from ictcost.errors import InputError

__all__ = ["input_error"]


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
    problems = validation_problems(exc, data, file=file, marks=marks, labels=labels)
    return InputError(
        f"{file or unnamed or subject}: {len(problems)} problem(s) in the {subject}",
        problems=problems,
        field=problems[0].path if problems else None,
        hint=hint,
    )
