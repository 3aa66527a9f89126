"""Frozen pydantic models of the norm data grammar (see ``norms/README.md``).

A norm file holds one :class:`NormTable`: a legal table or rule set with its instrument, its
sources, and dated :class:`NormVersion` s. Each version holds :class:`Row` s, and every cell is a
:class:`Value` that carries its own ``source`` and ``confidence``.

These models hold every invariant of the data. The loader (:mod:`ictcost.norms.loader`) adds the
file positions to the messages; formulas receive resolved versions and never read files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Final, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "CONFIDENCE_PATTERN",
    "Alternative",
    "Axis",
    "Column",
    "Instrument",
    "Kind",
    "LocalizedText",
    "NormTable",
    "NormVersion",
    "Row",
    "Scalar",
    "Source",
    "Value",
    "table_problems",
]

CONFIDENCE_PATTERN = r"^(primary|single|disputed|inferred|secondary-([2-9]|[1-9][0-9]+))$"
"""Allowed confidence marks.

* ``primary``: read in the legal text itself (or an official consolidation of it);
* ``secondary-N``: confirmed by N (≥ 2) independent secondary sources;
* ``single``: one source only (a calculator, one document, a clause-by-clause quote);
* ``disputed``: sources disagree; the alternatives are listed with the value;
* ``inferred``: our reading of the texts, not stated in a source (a note must say why).
"""

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_KEY_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$"


def _int_to_decimal(v: Any) -> Any:  # noqa: ANN401 - pre-validation hook
    if isinstance(v, int) and not isinstance(v, bool):
        return Decimal(v)
    if isinstance(v, float):
        # floats never enter norm data: they cannot hold legal numbers exactly
        msg = "floats are not accepted in norm data; give the number as text or Decimal"
        raise ValueError(msg)  # noqa: TRY004 - pydantic wants ValueError
    if isinstance(v, list):
        return tuple(v)
    return v


Scalar = Annotated[
    bool | Decimal | dt.date | str | tuple[str, ...] | None,
    BeforeValidator(_int_to_decimal),
]
"""A cell value: a number (exact ``Decimal``), a flag, a date, a word, a list of words, or null."""

SourceId = Annotated[str, Field(pattern=_KEY_PATTERN)]
Key = Annotated[str, Field(pattern=_KEY_PATTERN, max_length=120)]


class Kind(StrEnum):
    """What kind of legal table a file holds."""

    RATE_TABLE = "rate_table"
    """Rates at breakpoints of a base value, interpolated linearly (QĐ 1688 tables)."""
    COEFFICIENT_TABLE = "coefficient_table"
    """Multipliers per item and condition (the K coefficients)."""
    CONSTANT_SET = "constant_set"
    """Named constants (base salary, VAT rates, weights)."""
    THRESHOLD_SET = "threshold_set"
    """Limits and brackets (project groups, direct-appointment limits)."""
    PRICE_LIST = "price_list"
    """Unit prices by item code (a province's list, a framework contract)."""
    RULE_SET = "rule_set"
    """Rules as data: regimes, allowed methods, how fee items combine tables."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class LocalizedText(_Frozen):
    """A label in Vietnamese (required) and English (when known)."""

    vi: Annotated[str, Field(min_length=1)]
    en: str | None = None

    def __str__(self) -> str:
        return self.vi


class Instrument(_Frozen):
    """The legal instrument (decision, decree, circular, law) a table comes from."""

    number: Annotated[str, Field(min_length=1)]
    """Its number as written in Vietnamese, e.g. ``1688/QĐ-BTTTT``."""
    title: str | None = None
    issuer: Annotated[str, Field(min_length=1)]
    signed: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    """Last day in force (inclusive), or ``None`` while in force or unknown."""
    url: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Instrument:
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            msg = f"effective_to {self.effective_to} is before effective_from {self.effective_from}"
            raise ValueError(msg)
        return self


class Source(_Frozen):
    """One document or artefact a value was read from."""

    title: Annotated[str, Field(min_length=1)]
    kind: Literal[
        "legal_text",
        "consolidated_text",
        "quotation",
        "secondary",
        "calculator",
        "practice",
        "inference",
    ]
    """``legal_text`` (the instrument), ``consolidated_text`` (VBHN, Bộ pháp điển),
    ``quotation`` (a page quoting clauses), ``secondary`` (summaries, notes), ``calculator`` (a
    tool's code), ``practice`` (an estimate seen in use), ``inference`` (our reading)."""
    url: str | None = None
    reference: str | None = None
    """Where in our research notes the source is registered (e.g. ``norms-and-regimes.md S4``)."""
    note: str | None = None


class Alternative(_Frozen):
    """Another value that some source gives for a disputed cell."""

    value: Scalar
    source: Annotated[tuple[SourceId, ...], Field(min_length=1)]
    note: str | None = None


class Value(_Frozen):
    """One cell: the value, where it comes from and how sure we are of it."""

    value: Scalar
    source: Annotated[tuple[SourceId, ...], Field(min_length=1)]
    confidence: Annotated[str, Field(pattern=CONFIDENCE_PATTERN)]
    alternatives: tuple[Alternative, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _dispute_has_alternatives(self) -> Value:
        if self.confidence == "disputed" and not self.alternatives:
            msg = "a disputed value must list its alternatives (with their sources)"
            raise ValueError(msg)
        if self.alternatives and self.confidence != "disputed":
            msg = f"alternatives are only for disputed values (confidence is {self.confidence!r})"
            raise ValueError(msg)
        if self.confidence == "inferred" and not self.note:
            msg = "an inferred value needs a note saying how it was inferred"
            raise ValueError(msg)
        return self


class Axis(_Frozen):
    """The base value a rate table is looked up on (its breakpoints are the rows' ``at``)."""

    key: Key
    unit: Annotated[str, Field(min_length=1)]
    label: LocalizedText
    scale: Decimal = Decimal(1)
    """How many units of money one axis unit is (``1e9`` when breakpoints are in tỷ đồng)."""

    @field_validator("scale")
    @classmethod
    def _positive(cls, v: Decimal) -> Decimal:
        if v <= 0:
            msg = "scale must be positive"
            raise ValueError(msg)
        return v


class Column(_Frozen):
    """A column of a table version."""

    key: Key
    label: LocalizedText
    unit: str | None = None
    """Unit of the column's values, when it differs from the table's ``unit``."""
    note: str | None = None


class Row(_Frozen):
    """A row: keyed (``key``) for most kinds, or at a breakpoint (``at``) for rate tables."""

    key: Key | None = None
    at: Decimal | None = None
    label: LocalizedText | None = None
    values: dict[Key, Value]
    note: str | None = None

    @model_validator(mode="after")
    def _key_or_at(self) -> Row:
        if (self.key is None) == (self.at is None):
            msg = "a row has exactly one of 'key' (keyed tables) or 'at' (rate tables)"
            raise ValueError(msg)
        if not self.values:
            msg = "a row needs at least one value"
            raise ValueError(msg)
        return self

    @property
    def name(self) -> str:
        """The row's key, or its breakpoint written as text."""
        return self.key if self.key is not None else str(self.at)


class NormVersion(_Frozen):
    """The content of a table for one period of validity.

    ``valid_to`` is the **last day in force (inclusive)**, or ``None`` while in force.
    """

    valid_from: dt.date
    valid_to: dt.date | None = None
    basis: str | None = None
    """The provision this version rests on (article, clause), when it differs by version."""
    note: str | None = None
    axis: Axis | None = None
    range_policy: dict[Literal["below", "above"], Value] | None = None
    """For rate tables: what to do below the first / above the last breakpoint
    (``flat`` or ``error``), with its own source and confidence."""
    columns: Annotated[tuple[Column, ...], Field(min_length=1)]
    rows: Annotated[tuple[Row, ...], Field(min_length=1)]

    def contains(self, on: dt.date) -> bool:
        """Return whether the version is in force on ``on``.

        Args:
            on: The date asked for.

        Returns:
            ``valid_from <= on <= valid_to`` (an open end is in force forever).
        """
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @cached_property
    def _index(self) -> _VersionIndex:
        # built on first lookup and kept with the (immutable) version: no scan per lookup
        return _VersionIndex(self)

    def column(self, key: str) -> Column | None:
        """Return the column with that key, or ``None``."""
        return self._index.columns.get(key)

    def row(self, key: str) -> Row | None:
        """Return the keyed row with that key, or ``None``."""
        return self._index.keys.get(key)

    def find_row(self, name: str) -> Row | None:
        """Return the first row whose name is ``name`` or whose breakpoint equals it as a number.

        ``"7"`` and ``"7.0"`` find the breakpoint 7; text that is not a number finds keys only.

        Args:
            name: A row key, or a breakpoint as text.

        Returns:
            The row, or ``None``.
        """
        index = self._index
        by_name = index.names.get(name)
        by_at = None
        try:
            number = Decimal(name)
        except ArithmeticError:
            number = None
        if number is not None and number.is_finite():
            by_at = index.breakpoints.get(number)
        if by_name is None or (by_at is not None and by_at[0] < by_name[0]):
            by_name = by_at
        return None if by_name is None else by_name[1]

    @property
    def period(self) -> str:
        """The period as text: ``2019-10-11 → open`` or ``2025-07-01 → 2026-12-31``."""
        end = self.valid_to.isoformat() if self.valid_to else "open"
        return f"{self.valid_from.isoformat()} → {end}"


class _VersionIndex:
    """The rows and columns of a version by key, name and breakpoint (first one of each)."""

    __slots__ = ("breakpoints", "columns", "keys", "names")

    def __init__(self, version: NormVersion) -> None:
        self.columns: dict[str, Column] = {}
        for col in version.columns:
            self.columns.setdefault(col.key, col)
        self.keys: dict[str, Row] = {}
        self.names: dict[str, tuple[int, Row]] = {}
        self.breakpoints: dict[Decimal, tuple[int, Row]] = {}
        for i, r in enumerate(version.rows):
            if r.key is not None:
                self.keys.setdefault(r.key, r)
            self.names.setdefault(r.name, (i, r))
            if r.at is not None and r.at.is_finite():
                self.breakpoints.setdefault(r.at, (i, r))


class NormTable(_Frozen):
    """One legal table or rule set, with every version it has had."""

    id: Annotated[str, Field(pattern=_ID_RE.pattern, max_length=80)]
    """The table's identity; equals the file's stem (``qd1688-1b`` in ``qd1688-1b.yaml``)."""
    title: LocalizedText
    instrument: Instrument
    related_instruments: tuple[Instrument, ...] = ()
    kind: Kind
    unit: Annotated[str, Field(min_length=1)]
    maximum: Decimal | None = None
    """The largest value the table's numbers may take in its ``unit`` (a VAT rate: 100 %), when
    the law bounds them; every value above it is a problem of the table (``norms validate``)."""
    last_verified: dt.date
    description: str | None = None
    sources: Annotated[dict[SourceId, Source], Field(min_length=1)]
    notes: tuple[str, ...] = ()
    versions: Annotated[tuple[NormVersion, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> NormTable:
        if info.context and info.context.get("defer_consistency"):
            return self
        problems = list(table_problems(self))
        if problems:
            raise ValueError("; ".join(f"{_path(p.path)}: {p.message}" for p in problems))
        return self

    def version_on(self, on: dt.date) -> NormVersion | None:
        """Return the version in force on ``on``, or ``None``.

        Args:
            on: The date asked for.

        Returns:
            The one version whose interval holds the date.
        """
        for version in self.versions:
            if version.contains(on):
                return version
        return None


@dataclass(frozen=True, slots=True)
class PathProblem:
    """A consistency problem at a path inside a table (positions are added by the loader)."""

    path: tuple[str | int, ...]
    message: str
    got: str | None = None


def _path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _iter_values(
    table: NormTable,
) -> Iterator[tuple[tuple[str | int, ...], Value]]:
    for vi, version in enumerate(table.versions):
        if version.range_policy:
            for side, value in version.range_policy.items():
                yield ("versions", vi, "range_policy", side), value
        for ri, row in enumerate(version.rows):
            for col, value in row.values.items():
                yield ("versions", vi, "rows", ri, "values", col), value


NON_NEGATIVE_UNITS: frozenset[str] = frozenset(
    {
        "vnd",
        "vnd_per_month",
        "billion_vnd",
        "percent",
        "months",
        "points",
        "transactions",
        "person_hours_per_aucp",
        "ordinal",
    }
)
"""Units whose values cannot be negative (an amount, a percentage, a count); weights and
coefficients can (the environmental factors E7, E8 weigh −1)."""

MAX_VND: Final = Decimal(10) ** 18
"""The largest amount a norm value may hold, in đồng (a billion tỷ: far above any legal figure)."""
_VND_PER_UNIT: Final = {
    "vnd": Decimal(1),
    "vnd_per_month": Decimal(1),
    "billion_vnd": Decimal(10) ** 9,
}


def _range_problems(
    table: NormTable, version: NormVersion, here: tuple[str | int, ...]
) -> Iterator[PathProblem]:
    """Sign and magnitude checks from a value's declared unit (its column's, else the table's)."""
    units = {c.key: c.unit or table.unit for c in version.columns}
    for ri, row in enumerate(version.rows):
        for col, value in row.values.items():
            number = value.value
            if not isinstance(number, Decimal):
                continue
            unit = units.get(col, table.unit)
            where = (*here, "rows", ri, "values", col, "value")
            if unit in NON_NEGATIVE_UNITS and number < 0:
                yield PathProblem(where, f"a value in {unit} cannot be negative", str(number))
            if table.maximum is not None and unit == table.unit and number > table.maximum:
                yield PathProblem(
                    where,
                    f"a value above the table's maximum of {table.maximum} {unit}",
                    str(number),
                )
            scale = _VND_PER_UNIT.get(unit)
            if scale is not None and abs(number) * scale > MAX_VND:
                yield PathProblem(
                    where,
                    f"a value in {unit} above {MAX_VND:,} đồng is not an amount ictcost accepts",
                    str(number),
                )


def table_problems(table: NormTable) -> Iterator[PathProblem]:  # noqa: PLR0912
    """Yield every consistency problem of a table (the grammar itself is checked by pydantic).

    Checked: versions sorted and not overlapping; ``valid_to`` not before ``valid_from``;
    rate tables have an axis, a range policy and strictly increasing numeric breakpoints;
    keyed tables have unique keys and no breakpoints; every value's column exists; every cited
    source is registered in ``sources``; range policies say ``flat`` or ``error``; a value in a
    unit that cannot be negative (:data:`NON_NEGATIVE_UNITS`) is not, and no amount exceeds
    :data:`MAX_VND` (reliability review D15).

    Args:
        table: The table to check.

    Yields:
        One :class:`PathProblem` per problem found.
    """
    previous: NormVersion | None = None
    for vi, version in enumerate(table.versions):
        here = ("versions", vi)
        if version.valid_to is not None and version.valid_to < version.valid_from:
            yield PathProblem(
                (*here, "valid_to"),
                "valid_to is before valid_from",
                f"{version.valid_to} < {version.valid_from}",
            )
        if previous is not None:
            if version.valid_from <= previous.valid_from:
                yield PathProblem(
                    (*here, "valid_from"),
                    "versions must be sorted by valid_from, oldest first",
                    str(version.valid_from),
                )
            elif previous.valid_to is None or version.valid_from <= previous.valid_to:
                yield PathProblem(
                    (*here, "valid_from"),
                    f"version overlaps the previous one ({previous.period}); set the previous "
                    "version's valid_to to the day before",
                    str(version.valid_from),
                )
        previous = version
        column_keys = [c.key for c in version.columns]
        seen_cols: set[str] = set()
        for ci, key in enumerate(column_keys):
            if key in seen_cols:
                yield PathProblem((*here, "columns", ci, "key"), "duplicate column key", key)
            seen_cols.add(key)
        if table.kind is Kind.RATE_TABLE:
            if version.axis is None:
                yield PathProblem((*here, "axis"), "a rate table version needs an 'axis'")
            if version.range_policy is None or set(version.range_policy) != {"below", "above"}:
                yield PathProblem(
                    (*here, "range_policy"),
                    "a rate table version needs a range_policy with 'below' and 'above'",
                )
            last: Decimal | None = None
            for ri, row in enumerate(version.rows):
                if row.at is None:
                    yield PathProblem((*here, "rows", ri), "rows of a rate table need 'at'")
                    continue
                if last is not None and row.at <= last:
                    yield PathProblem(
                        (*here, "rows", ri, "at"),
                        f"breakpoints must increase strictly (previous is {last})",
                        str(row.at),
                    )
                last = row.at
                for col, value in row.values.items():
                    if not isinstance(value.value, Decimal):
                        yield PathProblem(
                            (*here, "rows", ri, "values", col, "value"),
                            "a rate must be a number",
                            repr(value.value),
                        )
        else:
            if version.axis is not None or version.range_policy is not None:
                yield PathProblem(here, "'axis' and 'range_policy' are only for rate tables")
            keys: set[str] = set()
            for ri, row in enumerate(version.rows):
                if row.key is None:
                    yield PathProblem((*here, "rows", ri), f"rows of a {table.kind} need 'key'")
                    continue
                if row.key in keys:
                    yield PathProblem((*here, "rows", ri, "key"), "duplicate row key", row.key)
                keys.add(row.key)
        for ri, row in enumerate(version.rows):
            for col in row.values:
                if col not in seen_cols:
                    yield PathProblem(
                        (*here, "rows", ri, "values", col),
                        f"no such column; declared columns are {column_keys}",
                        col,
                    )
        yield from _range_problems(table, version, here)
        if version.range_policy:
            for side, value in version.range_policy.items():
                if value.value not in ("flat", "error"):
                    yield PathProblem(
                        (*here, "range_policy", side, "value"),
                        "a range policy is 'flat' or 'error'",
                        repr(value.value),
                    )
    for path, value in _iter_values(table):
        cited = [*value.source, *(s for alt in value.alternatives for s in alt.source)]
        for si, source_id in enumerate(cited):
            if source_id not in table.sources:
                yield PathProblem(
                    (*path, "source", si),
                    f"unknown source id; registered sources are {sorted(table.sources)}",
                    source_id,
                )
