"""Cited values: one norm value with everything needed to cite it, and where its table came from.

:class:`CitedValue` is what every lookup returns and what results keep; :class:`Citation` is its
JSON-friendly form (the value as exact text, the sources, the alternatives of a disputed value,
the pack and override marks).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from ictcost.errors import InputError
from ictcost.norms.models import Alternative, Scalar, Source

__all__ = ["SHIPPED", "Citation", "CitedAlternative", "CitedValue", "Origin", "ValueType"]

SHIPPED = "ictcost"
"""The pack name of the norms shipped inside the package."""


class Origin(BaseModel):
    """Where a table was loaded from.

    Attributes:
        pack: ``"ictcost"`` for the shipped pack, otherwise the user pack's directory.
        path: The file the table was read from, relative to the pack's folder (so results do
            not disclose where ictcost or a user's files live).
        overrides: When a user pack replaced a table of an earlier pack, that pack and file
            (``pack:path``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    pack: str
    path: str
    overrides: str | None = None

    @property
    def is_override(self) -> bool:
        """Whether this table replaced one of an earlier pack."""
        return self.overrides is not None

    @property
    def is_shipped(self) -> bool:
        """Whether this table is the one shipped with ictcost."""
        return self.pack == SHIPPED


def _text(value: Scalar) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


ValueType = Literal["decimal", "date", "flag", "keys", "text", "none"]
"""The type of a norm value, written beside it in JSON (which has no decimal and no date)."""


def _value_type(value: Scalar) -> ValueType:
    if isinstance(value, bool):
        return "flag"
    if isinstance(value, Decimal):
        return "decimal"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, tuple):
        return "keys"
    return "none" if value is None else "text"


def _typed(value: object, kind: object) -> object:
    if isinstance(value, str) and kind == "decimal":
        return Decimal(value)
    if isinstance(value, str) and kind == "date":
        return dt.date.fromisoformat(value)
    return value


def _number(value: Scalar) -> Decimal | None:
    return value if isinstance(value, Decimal) and not isinstance(value, bool) else None


class CitedAlternative(BaseModel):
    """Another value that sources give for a disputed cell, as JSON-friendly text.

    Attributes:
        value: The value as text (exact).
        number: The value as an exact number, when it is one (read this, never ``value``).
        sources: The ids of the sources that give it.
        note: Why the sources differ, if recorded.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str | None
    number: Decimal | None = None
    sources: tuple[str, ...]
    note: str | None = None


class Citation(BaseModel):
    """A JSON-friendly citation of one norm value (what results carry and serialise).

    Attributes:
        ref: ``table/row/column``, for people; tools read ``table_id``, ``row``, ``column``.
        table_id: The table the value comes from.
        row: The row key or breakpoint.
        column: The column key.
        value: The value as text (exact: ``"2.809"``).
        number: The value as an exact number, when it is one (read this, never ``value``).
        instrument: The instrument or provision the version rests on.
        period: The version's period.
        confidence: The confidence mark.
        sources: ``[{"id", "title", "url"}]`` of the sources cited.
        alternative: Index of the alternative used for a disputed value, else ``None``.
        alternatives: For a disputed value, the values other sources give (each with its
            sources and note), so a reader sees what else the value could be.
        pack: ``"ictcost"`` or the user pack's path.
        overrides_shipped: Whether a user pack replaced the shipped table.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    ref: str
    table_id: str
    row: str
    column: str
    value: str | None
    number: Decimal | None = None
    instrument: str
    period: str
    confidence: str
    sources: tuple[dict[str, str | None], ...]
    alternative: int | None = None
    alternatives: tuple[CitedAlternative, ...] = ()
    pack: str = SHIPPED
    overrides_shipped: bool = False


class CitedValue(BaseModel):
    """One value from the norm data, with everything needed to cite it.

    Attributes:
        value: The value (``Decimal`` for numbers).
        table_id: The table it comes from.
        table_title: The table's Vietnamese title.
        instrument: The instrument's number (e.g. ``1688/QĐ-BTTTT``).
        period: The version's period (``2019-10-11 → open``).
        row: The row key or breakpoint.
        column: The column key.
        sources: The sources cited for the value, as ``(id, Source)`` pairs.
        confidence: The confidence mark (``primary``, ``single``, ``disputed``, ...).
        note: The value's note, if any.
        alternatives: For disputed values, the other values sources give.
        chosen_alternative: ``None`` when the default value was used, else the index of the
            alternative used.
        origin: Where the table was loaded from (shipped or a user pack).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: Scalar
    table_id: str
    table_title: str
    instrument: str
    period: str
    row: str
    column: str
    sources: tuple[tuple[str, Source], ...]
    confidence: str
    note: str | None = None
    alternatives: tuple[Alternative, ...] = ()
    chosen_alternative: int | None = None
    origin: Origin = Field(default_factory=lambda: Origin(pack=SHIPPED, path=""))

    @model_validator(mode="before")
    @classmethod
    def _read_typed_values(cls, data: Any) -> Any:  # noqa: ANN401 - any input of a model
        # JSON writes a decimal or a date as text; the types written beside the values bring
        # them back, so a cited value read from its own JSON equals the original
        if not isinstance(data, dict) or not {"value_type", "alternative_types"} & set(data):
            return data
        out = {k: v for k, v in data.items() if k not in {"value_type", "alternative_types"}}
        if "value" in out:
            out["value"] = _typed(out["value"], data.get("value_type"))
        kinds = list(data.get("alternative_types") or ())
        alternatives = out.get("alternatives")
        if isinstance(alternatives, (list, tuple)) and len(kinds) == len(alternatives):
            out["alternatives"] = [
                {**alt, "value": _typed(alt.get("value"), kind)} if isinstance(alt, dict) else alt
                for alt, kind in zip(alternatives, kinds, strict=True)
            ]
        return out

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value_type(self) -> ValueType:
        """The type of :attr:`value` (``decimal``, ``date``, ``flag``, ``keys``, ``text``)."""
        return _value_type(self.value)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def alternative_types(self) -> tuple[ValueType, ...]:
        """The type of each alternative's value, in order."""
        return tuple(_value_type(a.value) for a in self.alternatives)

    @property
    def ref(self) -> str:
        """A short reference ``table/row/column`` (the key used to choose alternatives)."""
        return f"{self.table_id}/{self.row}/{self.column}"

    @property
    def number(self) -> Decimal:
        """The value as a ``Decimal``.

        Raises:
            InputError: the value is not a number.
        """
        if isinstance(self.value, Decimal):
            return self.value
        raise InputError(
            f"norm value {self.ref} is not a number (got {self.value!r})",
            code="norm-value-not-found",
            field=self.ref,
        )

    def to_citation(self) -> Citation:
        """Return the JSON-friendly :class:`Citation` of this value."""
        return Citation(
            ref=self.ref,
            table_id=self.table_id,
            row=self.row,
            column=self.column,
            value=_text(self.value),
            number=_number(self.value),
            instrument=self.instrument,
            period=self.period,
            confidence=self.confidence,
            sources=tuple(
                {"id": sid, "title": src.title, "url": src.url} for sid, src in self.sources
            ),
            alternative=self.chosen_alternative,
            alternatives=tuple(
                CitedAlternative(
                    value=_text(a.value), number=_number(a.value), sources=a.source, note=a.note
                )
                for a in self.alternatives
            ),
            pack=self.origin.pack,
            overrides_shipped=self.origin.is_override,
        )

    def citation(self) -> str:
        """Return a one-line human citation of the value.

        Returns:
            e.g. ``QĐ 1688/QĐ-BTTTT, qd1688-1b row 7 column project = 2.809 [single: S4]``.
        """
        src = ", ".join(sid for sid, _ in self.sources)
        text = (
            f"{self.instrument}, {self.table_id} row {self.row} column {self.column} = "
            f"{self.value} [{self.confidence}: {src}]"
        )
        if self.chosen_alternative is not None:
            text += f" (alternative {self.chosen_alternative} of a disputed value)"
        if self.origin.is_override or not self.origin.is_shipped:
            text += f" (from user pack {self.origin.pack})"
        return text
