"""Three-point ranges of a project's inputs, for the planning-stage Monte Carlo.

A range file is an input of its own, never mixed into the project: the project stays the legal
estimate, and the ranges say how uncertain some of its inputs are at the planning stage::

    # ranges of examples/portal-project.yaml
    distribution: triangular            # or pert
    lines:
      TB-01:
        quantity: {low: 2, mode: 2, high: 3}
        unit_price: {low: 270000000, mode: 285000000, high: 320000000}
      PM-01:                            # a use-case-point line (method: calculation)
        technical: {T1: {low: 2, mode: 3, high: 4}}
        environmental: {E3: {low: 2, high: 4}}
        labour_rate: {low: 65000, high: 80000}

Every range is ``low ≤ mode ≤ high``. The **mode is the project's own value**: it may be left out
(it is then read from the project), and when it is written it must equal the project's value to
the decimals it is written with (``71590.91`` for ``H = 71590.9090…``); a different mode is
refused (:func:`ictcost.simulation.simulate` says where and how to fix it). UCP ratings are on the
scale of the input model (0–5, :data:`ictcost.software.inputs.Rating`).

:func:`load_ranges` reads the file (strict YAML or JSON, every problem at ``file:line:column``).
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ictcost._internal._problems import MarkMap, validation_problems
from ictcost._internal._validate import typed_args
from ictcost._internal._yaml import load_yaml
from ictcost.errors import DOCS_SITE, InputError, NormDataError, Problem
from ictcost.money import MAX_PLACES, MAX_QUANTITY
from ictcost.software.inputs import Rating
from ictcost.types import Money

__all__ = [
    "DISTRIBUTIONS",
    "Distribution",
    "LineRanges",
    "QuantityRange",
    "RangeSpec",
    "RatingRange",
    "ThreePoint",
    "load_ranges",
]

Distribution = Literal["triangular", "pert"]
"""``triangular`` (low, mode, high), or ``pert`` (a beta on low–high with shape 4 around mode)."""
DISTRIBUTIONS: tuple[Distribution, ...] = ("triangular", "pert")
TECHNICAL = tuple(f"T{i}" for i in range(1, 14))
ENVIRONMENTAL = tuple(f"E{i}" for i in range(1, 9))
MAX_RANGES_BYTES = 5_000_000
"""The largest range file read (a range file of a 2,000-line estimate is a few hundred kB)."""
_HINT = f"correct each field listed; the range file is documented at {DOCS_SITE}concepts/ranges/"

Quantity = Annotated[Decimal, Field(ge=0, le=MAX_QUANTITY, decimal_places=MAX_PLACES)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _ordered(low: Decimal, mode: Decimal | None, high: Decimal) -> None:
    if low > high:
        msg = f"low {low} is above high {high}: a range is low ≤ mode ≤ high"
        raise ValueError(msg)
    if mode is not None and not low <= mode <= high:
        msg = f"mode {mode} is outside low {low} … high {high}: a range is low ≤ mode ≤ high"
        raise ValueError(msg)


class ThreePoint(_Model):
    """A three-point range of an amount in đồng (a unit price, the labour rate H).

    Attributes:
        low: The lowest plausible value.
        mode: The most likely value: the project's own (left out, it is read from the project).
        high: The highest plausible value.
    """

    low: Money
    mode: Money | None = None
    high: Money

    @model_validator(mode="after")
    def _order(self) -> ThreePoint:
        _ordered(self.low, self.mode, self.high)
        return self


class QuantityRange(_Model):
    """A three-point range of a quantity (the same bounds as a line's quantity)."""

    low: Quantity
    mode: Quantity | None = None
    high: Quantity

    @model_validator(mode="after")
    def _order(self) -> QuantityRange:
        _ordered(self.low, self.mode, self.high)
        return self


class RatingRange(_Model):
    """A three-point range of a UCP factor rating, on the rating scale 0–5 of the input model."""

    low: Rating
    mode: Rating | None = None
    high: Rating

    @model_validator(mode="after")
    def _order(self) -> RatingRange:
        _ordered(self.low, self.mode, self.high)
        return self


def _codes(values: Mapping[str, Any], expected: tuple[str, ...], name: str) -> None:
    unknown = sorted(set(values) - set(expected))
    if unknown:
        msg = f"unknown {name} factor code(s) {unknown}; the codes are {expected[0]}…{expected[-1]}"
        raise ValueError(msg)


class LineRanges(_Model):
    """The ranged inputs of one line.

    ``quantity`` and ``unit_price`` are for a line priced as quantity × unit price (a given unit
    price, a price-list price or the price picked among quotations); ``technical``,
    ``environmental`` and ``labour_rate`` for a use-case-point line (``method: calculation``).
    The productivity ``P`` (person-hours per AUCP) is not an input of the state method: it is
    read from the norm table ``ucp-productivity`` by the experience stability ``ES``, so it moves
    with the environmental ratings and is never ranged directly.
    """

    quantity: QuantityRange | None = None
    unit_price: ThreePoint | None = None
    technical: dict[str, RatingRange] = Field(default_factory=dict)
    environmental: dict[str, RatingRange] = Field(default_factory=dict)
    labour_rate: ThreePoint | None = None
    """The labour rate H in đồng per person-hour."""

    @field_validator("technical")
    @classmethod
    def _technical(cls, v: dict[str, RatingRange]) -> dict[str, RatingRange]:
        _codes(v, TECHNICAL, "technical")
        return v

    @field_validator("environmental")
    @classmethod
    def _environmental(cls, v: dict[str, RatingRange]) -> dict[str, RatingRange]:
        _codes(v, ENVIRONMENTAL, "environmental")
        return v

    @model_validator(mode="after")
    def _something(self) -> LineRanges:
        if not self.fields():
            msg = (
                "no range is given: give quantity, unit_price, technical, environmental or "
                "labour_rate"
            )
            raise ValueError(msg)
        if (self.quantity or self.unit_price) and (
            self.technical or self.environmental or self.labour_rate
        ):
            msg = (
                "quantity/unit_price are for a quantity × unit price line, technical/"
                "environmental/labour_rate for a use-case-point line: not both on one line"
            )
            raise ValueError(msg)
        return self

    def fields(self) -> list[tuple[str, ThreePoint | QuantityRange | RatingRange]]:
        """Return ``(field, range)`` for every ranged input, in a fixed order.

        The field is ``quantity``, ``unit_price``, ``technical.T1`` … ``environmental.E8``,
        ``labour_rate``.
        """
        out: list[tuple[str, ThreePoint | QuantityRange | RatingRange]] = []
        if self.quantity is not None:
            out.append(("quantity", self.quantity))
        if self.unit_price is not None:
            out.append(("unit_price", self.unit_price))
        out.extend((f"technical.{c}", self.technical[c]) for c in TECHNICAL if c in self.technical)
        out.extend(
            (f"environmental.{c}", self.environmental[c])
            for c in ENVIRONMENTAL
            if c in self.environmental
        )
        if self.labour_rate is not None:
            out.append(("labour_rate", self.labour_rate))
        return out


class RangeSpec(_Model):
    """The three-point ranges of a project's inputs (a file of its own beside the project).

    Attributes:
        distribution: ``triangular`` (default): the triangular distribution on low, mode, high;
            ``pert``: the PERT beta, ``low + (high − low) × Beta(α, β)`` with
            ``α = 1 + 4 (mode − low)/(high − low)``, ``β = 1 + 4 (high − mode)/(high − low)``
            (mean ``(low + 4 mode + high)/6``).
        lines: The ranged inputs by line id.

    Examples:
        >>> spec = RangeSpec.model_validate(
        ...     {"lines": {"TB-01": {"quantity": {"low": 1, "mode": 2, "high": 3}}}})
        >>> spec.distribution, spec.lines["TB-01"].fields()[0][0]
        ('triangular', 'quantity')
    """

    distribution: Distribution = "triangular"
    lines: Annotated[dict[str, LineRanges], Field(min_length=1)]


def _read(path: Path) -> tuple[Any, MarkMap | None]:
    """Read a regular ``.json`` file (exact decimals) or a YAML file (strict, with positions)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RANGES_BYTES:
            raise InputError(
                f"cannot read {path}: not a regular file of at most {MAX_RANGES_BYTES} bytes",
                field="file",
                hint="give the range file itself (YAML or JSON)",
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read {path}: {exc}",
            field="file",
            hint="check the path; the range file must be UTF-8 YAML or JSON",
        ) from exc
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text, parse_float=Decimal), None
        except ValueError as exc:  # JSONDecodeError, or an integer beyond int()'s digit limit
            line, col = (
                (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (None, None)
            )
            raise InputError(
                f"{path}: not valid JSON",
                field="file",
                problems=(Problem(str(exc), str(path), line, col),),
                hint="fix the JSON at the position shown",
            ) from None
    try:
        return load_yaml(text, str(path))
    except NormDataError as exc:
        raise InputError(exc.message, field="file", problems=exc.problems, hint=exc.hint) from exc


@typed_args
def load_ranges(source: str | os.PathLike[str] | Mapping[str, Any]) -> RangeSpec:
    """Read three-point ranges from a YAML/JSON file or a dict.

    Args:
        source: The file, or a dict of the same shape (see :mod:`ictcost.simulation.ranges`).

    Returns:
        The validated ranges (their agreement with a project is checked by
        :func:`ictcost.simulation.simulate`).

    Raises:
        InputError: the file cannot be read or is not well-formed, or a field is wrong (each
            problem names its field and, for YAML, its ``file:line:column``).

    Examples:
        >>> load_ranges({"lines": {"X": {"labour_rate": {"low": 1, "high": 2}}}}).lines["X"].labour_rate.low
        Decimal('1')
    """
    if isinstance(source, Mapping):
        data: Any = dict(source)
        file, marks = None, None
    else:
        path = Path(source)
        data, marks = _read(path)
        file = str(path)
    try:
        return RangeSpec.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, data, file=file, marks=marks)
        raise InputError(
            f"{file or 'range input'}: {len(problems)} problem(s) in the ranges",
            problems=problems,
            field=problems[0].path if problems else None,
            hint=_HINT,
        ) from None
