"""The result of a QĐ 1688 fee: the table parts, K, the minimum, the amount, flags and notes.

``amount = round(base × Σ(weight × Nt) / 100 × ΠK)``, rounded once to whole đồng half up, then
the item's minimum (QĐ 1688 as quoted in R12; norms-and-regimes.md §1.4–§1.7). The notes are
:class:`~ictcost.notes.Note` values; their Vietnamese and English texts are in
:mod:`ictcost.report.messages.fees`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, computed_field, field_serializer, model_validator

from ictcost._version import SCHEMA_VERSION
from ictcost.money import exact, round_vnd
from ictcost.norms.models import Scalar
from ictcost.norms.registry import Citation, CitedValue
from ictcost.norms.scale import Interpolation
from ictcost.notes import Note, NoteParam, note
from ictcost.regimes import Regime

__all__ = [
    "FeeResult",
    "RateLookup",
    "build_fee_result",
    "note_value",
    "register_fee_display",
    "weakest_confidence",
]

_HUNDRED = Decimal(100)

_DISPLAY: dict[str, Callable[[FeeResult], str]] = {}


def register_fee_display(kind: Literal["repr", "html"], render: Callable[[FeeResult], str]) -> None:
    """Register how a fee shows itself: its ``repr`` or its notebook HTML.

    The formulas do not know the reports: :mod:`ictcost.report.text` registers the display
    (written by the one renderer, in the display language) when it is imported, which the fee
    does by name the first time it is shown. A display registered here replaces the default.

    Args:
        kind: ``repr`` or ``html``.
        render: A function of the fee.
    """
    _DISPLAY[kind] = render


_DISPLAY_MODULE = "ictcost.report.text"
"""The module that registers the displays, imported (by name) the first time a fee is shown."""


def _display(kind: Literal["repr", "html"]) -> Callable[[FeeResult], str] | None:
    """The registered display ``kind``, its default module imported on first use."""
    render = _DISPLAY.get(kind)
    if render is None:
        importlib.import_module(_DISPLAY_MODULE)  # registers the displays
        render = _DISPLAY.get(kind)
    return render


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RateLookup(_Result):
    """One table part of a fee: the interpolated rate and where it came from.

    Attributes:
        table_id: The norm table (``qd1688-1b``).
        column: The column used (``project`` or ``ktkt``).
        gt: The base in the table's unit (tỷ đồng).
        interpolation: The rate and its trace (Gb, Ga, Nb, Na).
        weight: The multiplier of this part (1, 0.84, 1.65, 0.40, 0.70).
        policy: The range policy applied when outside the range (``flat``), else ``None``.
        citations: The cited values used (the bracketing rates, the weight).
    """

    table_id: str
    column: str
    gt: Decimal
    interpolation: Interpolation
    weight: Decimal
    policy: str | None
    citations: tuple[CitedValue, ...]

    @property
    def weighted_rate(self) -> Decimal:
        """``weight × rate``, in % of the base."""
        with exact():
            return self.weight * self.interpolation.rate


class FeeResult(_Result):
    """A fee computed from the % norms, with its full trace.

    ``to_json()`` is the model's own JSON (``schema_version`` first, Decimals as exact strings)
    with the computed ``citations`` (as :class:`~ictcost.norms.registry.Citation`) and
    ``basis``; ``FeeResult.model_validate_json`` reads it back.

    Attributes:
        schema_version: The version of the JSON document (first in the JSON).
        item: The item key (``quan_ly_du_an``), or ``None`` for a bare table lookup.
        category: ``infrastructure`` or ``software``.
        form: ``project`` or ``ktkt``.
        base: The base cost in đồng, before VAT.
        on: The date of the computation.
        regime: The legal regime applied.
        rate_percent: The item's rate in % of the base (weighted parts), before K.
        lookups: One entry per table part.
        coefficients: The K coefficients applied, as cited values.
        k_product: Their product (1 when none applies).
        amount_before_minimum: ``round(base × rate / 100 × K)``.
        minimum: The minimum amount that applies to the item, if any.
        amount: The amount before VAT, whole đồng (after the minimum).
        flags: Machine-readable flags (``below_range``, ``above_range``, ``minimum_applied``,
            ``reference_only``, ``disputed_value``, ``user_pack``, ...).
        notes: What was assumed and why, as structured notes (codes ``fee.*``; render them with
            :func:`ictcost.report.explain.render_note`).
        rate_decimals: The decimals the rate was rounded to on request, or ``None``.
        rate_base: The amount the rate was read on when it is not ``base`` (the project's
            total base of the item), or ``None``.
    """

    schema_version: str = SCHEMA_VERSION
    item: str | None
    category: str
    form: str
    base: Decimal
    on: dt.date
    regime: Regime
    rate_percent: Decimal
    lookups: tuple[RateLookup, ...]
    coefficients: tuple[CitedValue, ...]
    k_product: Decimal
    amount_before_minimum: Decimal
    minimum: CitedValue | None
    amount: Decimal
    flags: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    rate_decimals: int | None = None
    rate_base: Decimal | None = None

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:  # noqa: ANN401 - any input of a model
        # the JSON carries ``citations`` and ``tables``, derived from the fields: reading a
        # result back recomputes them
        if isinstance(data, dict) and ("citations" in data or "tables" in data):
            return {k: v for k, v in data.items() if k not in {"citations", "tables"}}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def citations(self) -> tuple[CitedValue, ...]:
        """Every norm value used: rates, weights, coefficients, minimum, regime facts."""
        out: list[CitedValue] = []
        for lookup in self.lookups:
            out.extend(lookup.citations)
        out.extend(self.coefficients)
        if self.minimum is not None:
            out.append(self.minimum)
        out.extend(self.regime.citations)
        return tuple(out)

    @field_serializer("citations", when_used="json")
    def _citations_json(self, citations: tuple[CitedValue, ...]) -> tuple[Citation, ...]:
        return tuple(c.to_citation() for c in citations)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def tables(self) -> tuple[str, ...]:
        """The QĐ 1688 tables the rate was read from (the legal basis of the figure).

        The renderer states the whole basis in words:
        :func:`ictcost.report.explain.explain_fee_basis`.
        """
        return tuple(sorted({lk.table_id for lk in self.lookups}))

    def __repr__(self) -> str:
        render = _display("repr")
        return render(self) if render is not None else super().__repr__()

    def _repr_html_(self) -> str | None:
        """The notebook display: a compact table, the computation and notes folded."""
        render = _display("html")
        return render(self) if render is not None else None

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data (Decimals as exact strings).

        Returns:
            :meth:`to_json` as Python data.
        """
        return self.model_dump(mode="json")

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the result as JSON text (UTF-8 characters kept, Decimals as exact strings)."""
        return self.model_dump_json(indent=indent)


_ORDER = ("disputed", "inferred", "single", "secondary", "primary")


def weakest_confidence(confidences: Iterable[str]) -> str:
    """Return the weakest confidence mark (``disputed`` < ``inferred`` < ``single`` < ...).

    Args:
        confidences: Confidence marks of norm values.

    Returns:
        The weakest one, or ``none`` when there is none.

    Examples:
        >>> weakest_confidence(["primary", "secondary-3", "single"])
        'single'
    """

    def rank(c: str) -> int:
        for i, prefix in enumerate(_ORDER):
            if c.startswith(prefix):
                return i
        return len(_ORDER)  # pragma: no cover - the models allow no other mark

    found = sorted(set(confidences), key=rank)
    return found[0] if found else "none"


def note_value(value: Scalar) -> NoteParam:
    """Return a norm value as a note parameter (a date as ISO text; the rest as it is)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def build_fee_result(
    *,
    item: str | None,
    category: str,
    form: str,
    base: Decimal,
    day: dt.date,
    regime: Regime,
    lookups: list[RateLookup],
    coefficients: list[CitedValue],
    minimum: CitedValue | None,
    rate_decimals: int | None,
    notes: list[Note],
    rate_base: Decimal | None = None,
) -> FeeResult:
    """Combine the table parts, K and the minimum into the amount, and say what was assumed.

    ``rate = Σ weight × Nt``; ``amount = round(base × rate / 100 × ΠK)`` half up, once; then the
    minimum seen in practice (norms-and-regimes.md §1.7). The flags and notes record the range
    policy used, disputed values, user packs, the legal status under the regime (NĐ 45/2026 and
    NĐ 224/2026 list no % norm), a transitional override, the one-step design ceiling and the
    weakest confidence among the values used.

    Args:
        item: The item key, or ``None`` for a bare table.
        category: ``infrastructure`` or ``software``.
        form: ``project`` or ``ktkt``.
        base: The base in đồng before VAT.
        day: The date.
        regime: The regime applied.
        lookups: The table parts.
        coefficients: The K coefficients that apply.
        minimum: The item's minimum, if any.
        rate_decimals: Round the rate to this many decimals, or ``None``.
        notes: The notes found so far (kept first).
        rate_base: The amount the rate was read on, when not ``base`` (the project's total).

    Returns:
        The fee.
    """
    flags: list[str] = []
    with exact():
        rate = sum((lk.weighted_rate for lk in lookups), Decimal(0))
        if rate_decimals is not None:
            rate = rate.quantize(Decimal(1).scaleb(-rate_decimals))
            notes.append(note("fee.rate_rounded", decimals=rate_decimals))
        k = Decimal(1)
        for c in coefficients:
            k *= c.number
        raw = base * rate / _HUNDRED * k
    amount_before_minimum = round_vnd(raw)
    amount = amount_before_minimum
    if minimum is not None and amount < minimum.number:
        amount = minimum.number
        flags.append("minimum_applied")
        notes.append(
            note(
                "fee.minimum_applied",
                computed=amount_before_minimum,
                minimum=minimum.number,
                confidence=minimum.confidence,
            )
        )
    for lk in lookups:
        position = lk.interpolation.position
        if position in ("below_range", "above_range") and position not in flags:
            flags.append(position)
            where: dict[str, NoteParam] = {
                "gt": lk.gt,
                "table": lk.table_id,
                "column": lk.column,
                "policy": lk.policy,
            }
            if position == "below_range":
                notes.append(note("fee.below_range", **where))
            else:
                notes.append(note("fee.above_range", **where))
    used = [c for lk in lookups for c in lk.citations] + coefficients
    if minimum is not None:
        used.append(minimum)
    _value_notes(used, flags, notes)
    if rate_base is not None:
        notes.append(note("fee.rate_on_project_total", rate_base=rate_base, base=base))
    _status_notes(regime, form=form, base=base, day=day, flags=flags, notes=notes)
    notes.append(
        note("fee.weakest_confidence", confidence=weakest_confidence(c.confidence for c in used))
    )
    return FeeResult(
        item=item,
        category=category,
        form=form,
        base=base,
        on=day,
        regime=regime,
        rate_percent=rate,
        lookups=tuple(lookups),
        coefficients=tuple(coefficients),
        k_product=k,
        amount_before_minimum=amount_before_minimum,
        minimum=minimum,
        amount=amount,
        flags=tuple(flags),
        notes=tuple(notes),
        rate_decimals=rate_decimals,
        rate_base=rate_base,
    )


def _value_notes(used: list[CitedValue], flags: list[str], notes: list[Note]) -> None:
    """Disputed values (which value was used) and values from user packs."""
    disputed = [c for c in used if c.confidence == "disputed"]
    if disputed:
        flags.append("disputed_value")
    for c in disputed:
        if c.chosen_alternative is None:
            notes.append(note("fee.disputed_default", ref=c.ref, value=note_value(c.value)))
        else:
            notes.append(
                note(
                    "fee.disputed_alternative",
                    ref=c.ref,
                    value=note_value(c.value),
                    alternative=c.chosen_alternative,
                )
            )
    packs = tuple(sorted({c.origin.pack for c in used if not c.origin.is_shipped}))
    if packs:
        flags.append("user_pack")
        notes.append(note("fee.user_pack", packs=packs))


def _status_notes(
    regime: Regime, *, form: str, base: Decimal, day: dt.date, flags: list[str], notes: list[Note]
) -> None:
    """The legal status under the regime, a transitional override, the one-step ceiling."""
    if not regime.pct_norms_listed:
        flags.append("reference_only")
        notes.append(note("fee.reference_only", decree=regime.decree))
    if regime.overridden:
        flags.append("transitional_override")
        notes.append(
            note(
                "fee.transitional_override",
                regime=regime.id,
                in_force=regime.in_force_id,
                on=day.isoformat(),
            )
        )
    if form == "ktkt" and base > regime.one_step_design_max:
        flags.append("ktkt_above_ceiling")
        notes.append(note("fee.ktkt_above_ceiling", ceiling=regime.one_step_design_max))
