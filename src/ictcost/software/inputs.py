"""Input of the software-cost computation: the models (the readers are in :mod:`ictcost.inputs`).

The input file (YAML or JSON) has this shape::

    date: 2025-06-01
    actors: {simple: 0, average: 0, complex: 3}      # counts, or a list of {name, complexity}
    use_cases:                                       # each with bmt and complexity or transactions
      - {name: Đăng nhập, bmt: B, complexity: simple}
      - {name: Tra cứu hồ sơ, bmt: M, transactions: 5}
    technical: {T1: 3, T2: 2, …, T13: 1}             # all 13 factors, ratings 0–5
    environmental: {E1: 4, E2: [3, 4], …, E8: 2}     # all 8; E1–E5 may list one rating per member
    labour_rate: 61250                               # H in đồng/person-hour, or a labour block

:func:`ictcost.inputs.software.load_software_input` reads it (YAML with the strict norm reader:
exact decimals, duplicate keys refused, so every error names ``file:line:column`` and the field),
and :func:`ictcost.inputs.software.software_input_from_frames` builds it from pandas DataFrames.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from ictcost.money import exact, to_amount
from ictcost.software.labour import LabourRate
from ictcost.types import IsoDate

__all__ = [
    "Actor",
    "ActorCounts",
    "CocomoInput",
    "Rating",
    "SecondOpinionInput",
    "SoftwareInput",
    "UseCase",
]

Complexity = Literal["simple", "average", "complex"]
Rating = Annotated[Decimal, Field(ge=0, le=5)]
"""A factor rating from 0 to 5."""
_MEMBER_FACTORS = ("E1", "E2", "E3", "E4", "E5")


def _labour(value: object) -> object:
    if isinstance(value, float):
        msg = "a float cannot hold an amount exactly: give H as an integer, a decimal string or a labour block"
        raise ValueError(msg)  # noqa: TRY004 - pydantic reports ValueError as a field error
    if isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
        return to_amount(value, "labour_rate", positive=True)
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Actor(_Model):
    """A named actor and its class (đơn giản / trung bình / phức tạp)."""

    name: str | None = None
    complexity: Complexity


class ActorCounts(_Model):
    """Actor counts per class."""

    simple: Annotated[int, Field(ge=0)] = 0
    average: Annotated[int, Field(ge=0)] = 0
    complex: Annotated[int, Field(ge=0)] = 0


class UseCase(_Model):
    """A use case: its name, BMT class and complexity (given, or derived from transactions).

    ``change`` is for upgrades: ``new`` and ``changed`` use cases are counted, ``unchanged`` ones
    are listed but not counted.
    """

    name: Annotated[str, Field(min_length=1)]
    bmt: Literal["B", "M", "T"]
    complexity: Complexity | None = None
    transactions: Annotated[int, Field(ge=1)] | None = None
    change: Literal["new", "changed", "unchanged"] = "new"
    note: str | None = None

    @model_validator(mode="after")
    def _class_or_transactions(self) -> UseCase:
        if self.complexity is None and self.transactions is None:
            msg = "a use case needs 'complexity' (simple/average/complex) or 'transactions'"
            raise ValueError(msg)
        return self


class CocomoInput(_Model):
    """COCOMO II.2000 drivers for the second opinion; the size is explicit (KSLOC or a ratio)."""

    ksloc: Annotated[Decimal, Field(gt=0)] | None = None
    sloc_per_ucp: Annotated[Decimal, Field(gt=0)] | None = None
    """An explicit size assumption: source lines per adjusted use case point (no default)."""
    scale_factors: dict[str, str]
    effort_multipliers: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_size(self) -> CocomoInput:
        if (self.ksloc is None) == (self.sloc_per_ucp is None):
            msg = "give exactly one of 'ksloc' or 'sloc_per_ucp' (no size is assumed)"
            raise ValueError(msg)
        return self


class SecondOpinionInput(_Model):
    """Options of the second opinion (Karner's UCP effort is always computed)."""

    hours_per_person_month: Annotated[Decimal, Field(gt=0)] | None = None
    """Hours in a person-month, to compare person-months; no default."""
    cocomo: CocomoInput | None = None


class SoftwareInput(_Model):
    """Everything the state UCP method needs, validated."""

    name: str | None = None
    date: IsoDate
    """The estimate's date: it selects CV 2589 or QĐ 671 and the base salary."""
    actors: ActorCounts | list[Actor]
    use_cases: Annotated[list[UseCase], Field(min_length=1)]
    technical: dict[str, Rating]
    environmental: dict[str, Rating | Annotated[list[Rating], Field(min_length=1)]]
    labour_rate: Annotated[Decimal | LabourRate, BeforeValidator(_labour)]
    second_opinion: SecondOpinionInput = Field(default_factory=SecondOpinionInput)

    @field_validator("technical")
    @classmethod
    def _thirteen(cls, v: dict[str, Decimal]) -> dict[str, Decimal]:
        _check_codes(v, [f"T{i}" for i in range(1, 14)], "technical")
        return v

    @field_validator("environmental")
    @classmethod
    def _eight(cls, v: dict[str, Any]) -> dict[str, Any]:
        _check_codes(v, [f"E{i}" for i in range(1, 9)], "environmental")
        for code, rating in v.items():
            if isinstance(rating, list) and code not in _MEMBER_FACTORS:
                msg = (
                    f"{code} is rated once for the whole project; only E1–E5 (member factors) "
                    "may list one rating per team member"
                )
                raise ValueError(msg)
        return v

    def environmental_ratings(self) -> tuple[dict[str, Decimal], list[str]]:
        """Return one rating per factor, averaging per-member lists, and which were averaged."""
        out: dict[str, Decimal] = {}
        averaged = []
        with exact():
            for code, rating in self.environmental.items():
                if isinstance(rating, list):
                    out[code] = sum(rating, Decimal(0)) / len(rating)
                    averaged.append(code)
                else:
                    out[code] = rating
        return out, averaged


def _check_codes(values: Mapping[str, Any], expected: list[str], name: str) -> None:
    unknown = sorted(set(values) - set(expected))
    missing = [c for c in expected if c not in values]
    if unknown:
        msg = f"unknown {name} factor code(s) {unknown}; the codes are {expected[0]}…{expected[-1]}"
        raise ValueError(msg)
    if missing:
        msg = f"missing {name} factor(s) {missing}: rate every factor from 0 to 5"
        raise ValueError(msg)
