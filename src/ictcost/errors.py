"""The ictcost error hierarchy.

Every error raised on purpose by ictcost is an :class:`IctcostError`. Each family also subclasses the
matching builtin (``ValueError``, ``LookupError``, ``TypeError``) so that callers who do not know
ictcost can still catch it. Each error carries a stable :attr:`~IctcostError.code`; ``docs/errors.md``
has one section per code (a test keeps the two in step).

The message of an error always says *what* is wrong, *where* (``file:line:column`` for norm data,
a field path for inputs) and *how to fix it*.

Examples:
    >>> from ictcost.errors import InputError
    >>> err = InputError("'base' must be positive (got -1)", code="input-invalid", field="base")
    >>> isinstance(err, ValueError)
    True
    >>> err.code
    'input-invalid'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

__all__ = [
    "DOCS_SITE",
    "DOCS_URL",
    "DuplicateNormError",
    "ErrorCode",
    "IctcostError",
    "InputError",
    "InputTypeError",
    "NormConsistencyError",
    "NormDataError",
    "NormLookupError",
    "NormNotApplicableError",
    "NormNotFoundError",
    "NormSchemaError",
    "NormSyntaxError",
    "OutOfRangeError",
    "Problem",
    "RegimeError",
    "all_error_codes",
]

DOCS_SITE = "https://ictcost.readthedocs.io/en/latest/"
"""The documentation site (``site_url`` of ``mkdocs.yml``); hints name its pages."""

DOCS_URL = DOCS_SITE + "errors/"
"""Where the error pages live; each error's message ends with ``DOCS_URL#<code>``.

The site is published from the repository by Read the Docs (``.readthedocs.yaml``); it is
``site_url`` of ``mkdocs.yml`` + ``errors/`` (a test keeps them in step). Offline, the same page is
``docs/errors.md`` of a source checkout, or ``mkdocs serve``.
"""

ErrorCode = Literal[
    "norm-syntax",
    "norm-duplicate-key",
    "norm-schema",
    "norm-consistency",
    "norm-duplicate-id",
    "norm-pack-invalid",
    "norm-not-found",
    "norm-version-not-found",
    "norm-value-not-found",
    "norm-not-applicable",
    "alternative-invalid",
    "input-invalid",
    "input-type",
    "input-amount",
    "input-date",
    "out-of-range",
    "regime-not-found",
    "regime-override-invalid",
]
"""Every stable error code. Codes are never renamed; new ones are only added."""


def all_error_codes() -> tuple[str, ...]:
    """Return every stable error code, in declaration order.

    Returns:
        The codes of :data:`ErrorCode`.

    Examples:
        >>> "norm-not-found" in all_error_codes()
        True
    """
    return tuple(get_args(ErrorCode))


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem inside a norm file (an :class:`NormDataError` may hold many).

    Attributes:
        message: What is wrong, in one sentence.
        file: The file the problem is in, or ``None`` for in-memory data.
        line: 1-based line number, when known.
        column: 1-based column number, when known.
        path: The dotted path of the offending field (``versions[0].rows[2].values.project``).
        got: A short ``repr`` of the offending value, when there is one.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str = ""
    got: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        path = f"{self.path}: " if self.path else ""
        got = f" (got {self.got})" if self.got is not None else ""
        return f"{where}{path}{self.message}{got}"


class IctcostError(Exception):
    """Base class of every error ictcost raises on purpose.

    Args:
        message: What is wrong and where, in plain words.
        code: The stable error code (see :data:`ErrorCode`).
        hint: How to fix it, when the message does not already say so.
        field: The input field or norm path concerned, when there is one.
        problems: Located problems (norm data errors may carry many).
        **context: Extra structured facts (``table_id``, ``on``, ...), kept as attributes.

    Attributes:
        code: The stable error code.
        hint: How to fix it.
        field: The input field or norm path concerned.
        problems: Located problems, for norm-data errors.
        context: Extra structured facts.
    """

    default_code: ErrorCode = "input-invalid"

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        hint: str | None = None,
        field: str | None = None,
        problems: tuple[Problem, ...] = (),
        **context: Any,  # noqa: ANN401 - structured context of any JSON-like type
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code: ErrorCode = code or self.default_code
        self.hint = hint
        self.field = field
        self.problems = tuple(problems)
        self.context = dict(context)

    def __str__(self) -> str:
        lines = [self.message]
        lines.extend(f"  {p}" for p in self.problems)
        if self.hint:
            lines.append(f"How to fix: {self.hint}")
        lines.append(f"[{self.code}] see {DOCS_URL}#{self.code}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_error,
            (
                type(self),
                self.message,
                self.code,
                self.hint,
                self.field,
                self.problems,
                self.context,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready description of the error (for ``--json`` outputs and APIs).

        Returns:
            A dict with ``code``, ``message``, ``hint``, ``field`` and ``problems``.
        """
        return {
            "code": self.code,
            "type": type(self).__name__,
            "message": self.message,
            "hint": self.hint,
            "field": self.field,
            "problems": [str(p) for p in self.problems],
        }


def _rebuild_error(  # noqa: PLR0917 - pickle calls it positionally
    cls: type[IctcostError],
    message: str,
    code: ErrorCode,
    hint: str | None,
    field: str | None,
    problems: tuple[Problem, ...],
    context: dict[str, Any],
) -> IctcostError:
    return cls(message, code=code, hint=hint, field=field, problems=problems, **context)


class NormDataError(IctcostError, ValueError):
    """A norm file (shipped or user pack) cannot be read or is not valid."""

    default_code: ErrorCode = "norm-schema"


class NormSyntaxError(NormDataError):
    """A norm file is not well-formed YAML, or repeats a key."""

    default_code: ErrorCode = "norm-syntax"


class NormSchemaError(NormDataError):
    """A norm file is valid YAML but does not follow the norm data grammar."""

    default_code: ErrorCode = "norm-schema"


class NormConsistencyError(NormDataError):
    """A norm file follows the grammar but contradicts itself.

    Examples: overlapping versions, breakpoints out of order, a value citing an unknown source.
    """

    default_code: ErrorCode = "norm-consistency"


class DuplicateNormError(NormDataError):
    """Two files of the same pack declare the same table id."""

    default_code: ErrorCode = "norm-duplicate-id"


class NormLookupError(IctcostError, LookupError):
    """A norm table, version or value asked for does not exist."""

    default_code: ErrorCode = "norm-not-found"


class NormNotFoundError(NormLookupError):
    """No table with that id, or no version of it in force on the date asked for."""

    default_code: ErrorCode = "norm-not-found"


class NormNotApplicableError(IctcostError, ValueError):
    """The norm exists but must not be used for this case (the rule says: draw up an estimate)."""

    default_code: ErrorCode = "norm-not-applicable"


class InputError(IctcostError, ValueError):
    """A value given by the caller is not acceptable."""

    default_code: ErrorCode = "input-invalid"


class InputTypeError(IctcostError, TypeError):
    """A value given by the caller has the wrong type (for example a ``float`` amount)."""

    default_code: ErrorCode = "input-type"


class OutOfRangeError(InputError):
    """A base cost lies outside a table's range and the range policy is strict."""

    default_code: ErrorCode = "out-of-range"


class RegimeError(IctcostError, LookupError):
    """No legal regime is in force on the date, or a transitional override is not allowed."""

    default_code: ErrorCode = "regime-not-found"
