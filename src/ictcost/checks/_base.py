"""What every rule module shares: the thresholds, what a rule reads, what it yields, name matching.

A rule is a function of a :class:`Context` (one estimate) or of every context of a portfolio; it
yields :class:`Hit` values, never text: the typed parameters of the finding, its location and its
citations. The registry (:mod:`ictcost.checks.rules`) turns each hit into a
:class:`~ictcost.checks.rules.Finding` with the rule's code, severity and basis, and the one
renderer (:mod:`ictcost.report.explain`) writes its messages from the parameters.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ictcost.checks.thresholds import CheckConfig
from ictcost.errors import IctcostError
from ictcost.estimate import (
    Estimate,
    LineInput,
    LineResult,
    LineTrace,
    ProjectInput,
    StatedLine,
)
from ictcost.inputs.evidence import EvidenceRegister
from ictcost.money import exact
from ictcost.norms.registry import Citation, NormRegistry
from ictcost.notes import NoteParam

__all__ = [
    "CheckConfig",
    "Context",
    "Hit",
    "Param",
    "Portfolio",
    "citations_of",
    "difference",
    "fold",
    "normalise",
    "similarity",
    "stated_lines",
    "strip_marks",
]

Param = NoteParam
"""A finding parameter: text or a key, a whole number, a flag, an exact number, nothing, or a
tuple of keys (the same values a :class:`~ictcost.notes.Note` carries)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule reads about one estimate: the input, the recomputation, the norms, the thresholds.

    Attributes:
        project: The project as given (with its ``stated`` figures).
        estimate: The estimate recomputed by ictcost (lenient about methods), or ``None`` when it
            could not be computed.
        error: Why the estimate could not be computed, if it could not.
        registry: The norms the estimate was computed with (shipped and user packs).
        config: The thresholds.
        evidence: The user's price-evidence register (``check(..., evidence=...)``), if any.
    """

    project: ProjectInput
    estimate: Estimate | None
    error: IctcostError | None
    registry: NormRegistry
    config: CheckConfig
    evidence: EvidenceRegister | None = None

    @property
    def recomputed(self) -> Estimate:
        """The recomputed estimate (for rules registered with ``needs="estimate"``).

        Raises:
            RuntimeError: there is none (the engine skips such rules then).
        """
        if self.estimate is None:
            msg = "this rule needs the recomputed estimate"
            raise RuntimeError(msg)
        return self.estimate

    @property
    def name(self) -> str:
        """The estimate's name (``project.name``)."""
        return self.project.project.name

    def result(self, line_id: str) -> LineResult | None:
        """Return the recomputed line, or ``None`` without an estimate or for an unknown id."""
        if self.estimate is None:
            return None
        try:
            return self.estimate.line(line_id)
        except KeyError:
            return None


@dataclass(frozen=True, slots=True)
class Portfolio:
    """What a portfolio rule reads: every estimate's context, and the thresholds.

    Attributes:
        members: One context per estimate, in the order given.
        config: The thresholds.
    """

    members: tuple[Context, ...]
    config: CheckConfig


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a rule found, as typed values (the registry adds the code, severity and basis).

    Attributes:
        params: The values the messages are written from (amounts as ``Decimal``, keys as text,
            lists of keys as tuples); they become :attr:`Finding.details`.
        case: Which message of the rule applies, for a rule with several (``None`` otherwise).
        line: The line concerned, if any.
        field: The field concerned (``stated.vat_rate``, ``project.warranty_months`` …), if any.
        amount: The amount concerned (a difference, a package value), if any.
        citations: The norm values the finding rests on.
        trace: The recomputed line's trace, when the message shows how ictcost computed it
            (rendered by :func:`ictcost.report.explain.explain_trace` as ``{how}``).
    """

    params: Mapping[str, Param] = field(default_factory=dict)
    case: str | None = None
    line: str | None = None
    field: str | None = None
    amount: Decimal | None = None
    citations: tuple[Citation, ...] = ()
    trace: LineTrace | None = None


def stated_lines(ctx: Context) -> Iterator[tuple[LineInput, StatedLine, LineResult]]:
    """Yield each line that states figures, with its stated figures and its recomputed result."""
    ctx.recomputed  # noqa: B018 - raises for a rule that needs an estimate and has none
    for line in ctx.project.lines:
        ours = ctx.result(line.id) if line.stated is not None else None
        if line.stated is not None and ours is not None:  # a line not computed is INPUT-LINE's
            yield line, line.stated, ours


_NOT_WORD = re.compile(r"[\W_]+")
_PUNCTUATION = tuple(ch for ch in map(chr, range(33, 127)) if not ch.isalnum())
_ASCII = frozenset(map(chr, range(128)))


def _foldable() -> frozenset[str]:
    """The letters whose decomposition is an ASCII letter and combining marks (and đ, Đ)."""
    out = {"đ", "Đ"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        parts = unicodedata.normalize("NFD", chr(code))
        if len(parts) > 1 and parts[0].isascii() and all(map(unicodedata.combining, parts[1:])):
            out.add(chr(code))
    return frozenset(out)


_FOLDABLE = _foldable()


def normalise(text: str) -> str:
    """Return text as compared by the screening rules: NFC, lower case, words split by spaces.

    Examples:
        >>> normalise("Trung tâm CĐS  tỉnh,")
        'trung tâm cđs tỉnh'
    """
    text = unicodedata.normalize("NFC", text).lower()
    spaced = text
    for ch in _PUNCTUATION:
        if ch in spaced:
            spaced = spaced.replace(ch, " ")
    words = spaced.split()
    if not words or "".join(words).isalnum():
        return " ".join(words)  # the common case, without the (slow) Unicode regex
    return _NOT_WORD.sub(" ", text).strip()


def fold(text: str) -> str:
    """Return :func:`normalise`'s text without its Vietnamese diacritics (``đ`` → ``d``).

    The overlap rules match names on both forms: with the diacritics (*Thành* and *Thạnh* are two
    names) and folded, for a name typed without them (*Quan ly* is *Quản lý*).

    Examples:
        >>> fold("Quản lý  Đất đai,")
        'quan ly dat dai'
    """
    return strip_marks(normalise(text))


def strip_marks(text: str) -> str:
    """Return text without diacritics (``đ`` → ``d``), as :func:`fold` does after normalising.

    Examples:
        >>> strip_marks("quản lý đất đai")
        'quan ly dat dai'
    """
    if text.isascii():
        return text
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    if set(text) - _ASCII <= _FOLDABLE:
        return decomposed.encode("ascii", "ignore").decode("ascii")  # only the marks dropped
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def similarity(a: str, b: str) -> float:
    """Return how alike two names are after :func:`normalise` (0–1, difflib's ratio)."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def difference(stated: Decimal, expected: Decimal) -> Decimal:
    """Return ``stated − expected`` exactly (no context rounding)."""
    with exact():
        return stated - expected


def citations_of(line: LineResult, table_id: str) -> tuple[Citation, ...]:
    """Return the citations of a recomputed line that come from one norm table."""
    return tuple(c for c in line.citations if c.table_id == table_id)
