"""Structured notes: what a result says to people, as a stable code and typed parameters.

Results never carry sentences. A note is ``Note(code, params)``; the one renderer
(:mod:`ictcost.report.explain`) turns it into Vietnamese or English text for every output, from the
message catalogue in :mod:`ictcost.report.messages`. A tool can match on ``code`` and read
``params`` without parsing text.

Examples:
    >>> n = note("fee.minimum_applied", computed=Decimal(900), minimum=Decimal(1000))
    >>> n.code, n.params["minimum"]
    ('fee.minimum_applied', Decimal('1000'))
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Note", "NoteParam", "note"]

NoteParam = str | int | bool | Decimal | None | tuple[str, ...]
"""A note parameter: text, a whole number, a flag, an exact number, nothing, or a list of keys."""


class Note(BaseModel):
    """One thing a result says to people.

    Attributes:
        code: The stable message code (``fee.minimum_applied``); see the message catalogue.
        params: The values the message is written from (exact Decimals, keys, dates as text).
        decimals: The names of the parameters that are exact decimals. JSON writes a Decimal as
            text, so this list is what turns them back into Decimals when the note is read
            (filled in automatically).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: Annotated[str, Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    params: dict[str, NoteParam] = Field(default_factory=dict)
    decimals: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _typed_decimals(cls, data: Any) -> Any:  # noqa: ANN401 - pydantic's raw input
        if not isinstance(data, dict):
            return data
        params = dict(data.get("params") or {})
        if "decimals" in data:
            for name in data["decimals"]:
                if isinstance(params.get(name), str):
                    params[name] = Decimal(params[name])
        names = tuple(sorted(k for k, v in params.items() if isinstance(v, Decimal)))
        return {**data, "params": params, "decimals": names}

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, str(v)) for k, v in self.params.items()))))


def note(code: str, **params: NoteParam) -> Note:
    """Build a :class:`Note` (a short form of ``Note(code=..., params={...})``).

    Args:
        code: The message code.
        **params: The message's parameters.

    Returns:
        The note.
    """
    return Note(code=code, params=params)
