"""Reusable pydantic types for other tools: amounts, rates, VAT rates, norm ids, dates.

Drop these ``Annotated`` types into your own pydantic models. Each refuses bad input with a
:class:`pydantic_core.PydanticCustomError` whose ``type`` is a stable ``ictcost_*`` string, so a
caller can react to ``ValidationError.errors()[i]["type"]`` without parsing messages:

================================  =================================================================
``type``                          Raised when
================================  =================================================================
``ictcost_money_float``           an amount is a ``float`` or a ``bool``
``ictcost_money_negative``        an amount is below zero
``ictcost_money_invalid``         an amount is not finite, not a number, or ambiguous (``"8.500"``)
``ictcost_money_fraction``        a :data:`WholeMoney` has a fractional part
``ictcost_money_too_large``       an amount is above 10¹⁸ đồng or has more than 30 decimal places
                                  (the limits of :mod:`ictcost.money`)
``ictcost_rate_float``            a rate is a ``float`` or a ``bool``
``ictcost_rate_invalid``          a rate is not a finite number, or beyond the bounds read
``ictcost_rate_range``            a :data:`Rate` is outside 0–100 %
``ictcost_vat_rate``              a :data:`VatRate` is not one of :data:`VAT_RATES`
``ictcost_norm_id``               a :data:`NormId` names no shipped table
``ictcost_norm_ref``              a :data:`NormRef` is not ``table/row/column`` of a shipped table
``ictcost_date``                  an :data:`IsoDate` is not a date, ``DD/MM/YYYY`` or ``YYYY-MM-DD``
================================  =================================================================

Floats are refused everywhere, also in JSON input: ``8.5`` in a JSON document is a float, so give
fractional amounts and rates as strings (``"8.5"``). :data:`Money` serialises to a string in JSON
mode, so a model dumped with ``model_dump_json()`` validates back to the same amounts.

The functions of :mod:`ictcost.validation` check the same things (and more, such as the VAT rate
of a category on a date) for code that does not use pydantic: both wrap the same coercion core, so
they accept and refuse the same values. ictcost's own input models use these types too.

Examples:
    >>> from pydantic import BaseModel
    >>> class Line(BaseModel):
    ...     amount: Money
    ...     vat_rate: VatRate
    >>> line = Line(amount="8.500.000", vat_rate=8)
    >>> line.amount, line.vat_rate
    (Decimal('8500000'), Decimal('8'))
    >>> line.model_dump_json()
    '{"amount":"8500000","vat_rate":"8"}'
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ictcost._internal._coerce import (
    LIMITS_HINT,
    CoercionError,
    amount_text,
    coerce_amount,
    coerce_date,
    coerce_percent,
    has_cell,
    percent_text,
    short_repr,
    split_ref,
)
from ictcost.norms.registry import NormRegistry

__all__ = [
    "VAT_RATES",
    "IsoDate",
    "Money",
    "NormId",
    "NormRef",
    "Rate",
    "VatRate",
    "WholeMoney",
    "parse_date",
]

VAT_RATES: tuple[Decimal, ...] = (Decimal(0), Decimal(5), Decimal(8), Decimal(10))
"""The VAT rates (in %) Vietnamese law uses for sellers on the credit (khấu trừ) method.

0 %, 5 % and 10 % are the rates of Luật Thuế giá trị gia tăng 48/2024/QH15 (Điều 9); 8 % is the
reduced rate of the reduction rounds (NĐ 72/2024, NĐ 180/2024, NĐ 174/2025; see the ``vat-rates``
table). Sellers on the direct method pay a percentage of revenue instead, which is not a VAT rate.
"""

_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
_REF_PATTERN = r"^[a-z0-9][a-z0-9._-]*/[^/]+/[^/]+$"


def _got(value: object) -> dict[str, Any]:
    return {"got": short_repr(value)}


# --- amounts --------------------------------------------------------------------------------------


def _money(value: object) -> Decimal:
    return _amount(value, whole=False)


def _whole_money(value: object) -> Decimal:
    return _amount(value, whole=True)


def _amount(value: object, *, whole: bool) -> Decimal:
    try:
        return coerce_amount(value, whole=whole)
    except CoercionError as exc:
        raise _money_error(exc, value) from None


_TEXT_REFUSED = (
    "ictcost_money_invalid",
    "an amount must be an unambiguous number of đồng (got {got}); {hint}",
)
_MONEY_ERRORS: dict[str, tuple[str, str]] = {
    "float": (
        "ictcost_money_float",
        "an amount must not be a float, which cannot hold đồng exactly (got {got}); "
        "give a Decimal, an int or a string such as '8500000'",
    ),
    "bool": (
        "ictcost_money_float",
        "an amount must not be a bool (got {got}); give a Decimal, an int or a string",
    ),
    "ambiguous": _TEXT_REFUSED,
    "invalid": _TEXT_REFUSED,
    "type": (
        "ictcost_money_invalid",
        "an amount must be a Decimal, an int or a string (got {got})",
    ),
    "not_finite": ("ictcost_money_invalid", "an amount must be a finite number (got {got})"),
    "negative": ("ictcost_money_negative", "an amount must be zero or more (got {got})"),
    "fraction": (
        "ictcost_money_fraction",
        "an amount must be a whole number of đồng (got {got}); round it with "
        "ictcost.money.round_vnd (half away from zero)",
    ),
    "too_large": (
        "ictcost_money_too_large",
        "an amount must be at most 10^18 đồng (got {got}); {hint}",
    ),
    "too_precise": (
        "ictcost_money_too_large",
        "an amount must have at most 30 decimal places (got {got}); {hint}",
    ),
}
"""The ``type`` and message of each reason the coercion core gives for refusing an amount."""


def _money_error(exc: CoercionError, value: object) -> PydanticCustomError:
    kind, message = _MONEY_ERRORS[exc.reason]
    context: dict[str, Any] = _got(value)
    if "{hint}" in message:
        context["hint"] = exc.hint or "write digits only"
    return PydanticCustomError(kind, message, context)


_MONEY_INPUT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": r"^\s*\+?[0-9][0-9._ ]*\s*$"},
    ],
    "description": "An amount in đồng: an integer, or a string of digits (a decimal point, or "
    "thousands grouped by two or more dots, by underscores or by spaces). Floats are refused.",
}
_MONEY_OUTPUT_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[0-9]+(\.[0-9]+)?$",
    "description": "An exact amount in đồng, as plain digits.",
}

Money = Annotated[
    Decimal,
    PlainValidator(_money),
    PlainSerializer(amount_text, return_type=str, when_used="json"),
    WithJsonSchema(_MONEY_INPUT_SCHEMA, mode="validation"),
    WithJsonSchema(_MONEY_OUTPUT_SCHEMA, mode="serialization"),
]
"""An amount in đồng, zero or more, whole or fractional, as an exact ``Decimal``.

Accepts a ``Decimal``, an ``int`` or a string read by :func:`ictcost.money.parse_amount`
(``"8500000"``, ``"8.500.000"``, ``"8_500_000"``; the ambiguous ``"8.500"`` is refused). Refuses
``float`` and ``bool`` (``ictcost_money_float``), negative amounts (``ictcost_money_negative``) and
anything else (``ictcost_money_invalid``). In JSON mode it serialises to a string of plain digits,
exactly (``"8500000.50"``), which validates back to the same amount.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Invoice(BaseModel):
    ...     total: Money
    >>> Invoice(total="8.500.000").total
    Decimal('8500000')
    >>> Invoice(total=Decimal("1234.50")).model_dump_json()
    '{"total":"1234.50"}'
    >>> try:
    ...     Invoice(total=8.5)
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_money_float'
"""

WholeMoney = Annotated[
    Decimal,
    PlainValidator(_whole_money),
    PlainSerializer(amount_text, return_type=str, when_used="json"),
    WithJsonSchema(_MONEY_INPUT_SCHEMA, mode="validation"),
    WithJsonSchema(_MONEY_OUTPUT_SCHEMA, mode="serialization"),
]
"""Like :data:`Money`, but whole đồng only (a final amount, after :func:`~ictcost.money.round_vnd`).

A fractional part is refused with ``ictcost_money_fraction``; ``Decimal("8.00")`` is whole.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Payment(BaseModel):
    ...     paid: WholeMoney
    >>> Payment(paid=152527188).paid
    Decimal('152527188')
    >>> try:
    ...     Payment(paid="152527187.6")
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_money_fraction'
"""

# --- rates ----------------------------------------------------------------------------------------


def _percent(value: object) -> Decimal:
    try:
        return coerce_percent(value)
    except CoercionError as exc:
        if exc.reason in {"float", "bool"}:
            raise PydanticCustomError(
                "ictcost_rate_float",
                "a rate must not be a {kind} (got {got}); give a Decimal, an int or a string such "
                "as '8.5'",
                {**_got(value), "kind": type(value).__name__},
            ) from None
        if exc.reason == "not_finite":
            raise PydanticCustomError(
                "ictcost_rate_invalid", "a rate must be a finite number (got {got})", _got(value)
            ) from None
        if exc.reason in {"too_large", "too_precise"}:
            raise PydanticCustomError(
                "ictcost_rate_invalid",
                "a rate must be within the bounds ictcost reads (got {got}); {hint}",
                {**_got(value), "hint": LIMITS_HINT},
            ) from None
        raise PydanticCustomError(
            "ictcost_rate_invalid",
            "a rate must be a number in % such as 8 or '2.809' (got {got})",
            _got(value),
        ) from None


def _rate(value: object) -> Decimal:
    rate = _percent(value)
    if not 0 <= rate <= 100:
        raise PydanticCustomError(
            "ictcost_rate_range", "a rate must be between 0 and 100 % (got {got})", _got(value)
        )
    return rate


def _vat_rate(value: object) -> Decimal:
    rate = _percent(value)
    if rate not in VAT_RATES:
        raise PydanticCustomError(
            "ictcost_vat_rate",
            "a VAT rate must be one of {allowed} % (got {got})",
            {**_got(value), "allowed": ", ".join(str(r) for r in VAT_RATES)},
        )
    return rate


def _rate_schema(**bounds: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON Schema keywords
    return {
        "anyOf": [
            {"type": "integer", **bounds},
            {"type": "string", "pattern": r"^\s*[+-]?[0-9]+(\.[0-9]+)?\s*$"},
        ],
    }


Rate = Annotated[
    Decimal,
    PlainValidator(_rate),
    PlainSerializer(percent_text, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            **_rate_schema(minimum=0, maximum=100),
            "description": "A rate in %, from 0 to 100. Floats are refused.",
        },
        mode="validation",
    ),
    WithJsonSchema({"type": "string", "description": "A rate in %, exact."}, mode="serialization"),
]
"""A percentage from 0 to 100 (inclusive), as an exact ``Decimal``.

Accepts a ``Decimal``, an ``int`` or a string of plain digits (``"2.809"``: a rate has no
thousands separators). Refuses ``float`` and ``bool`` (``ictcost_rate_float``), values outside
0–100 (``ictcost_rate_range``) and anything else (``ictcost_rate_invalid``). In JSON mode it
serialises to a string of plain digits (``"2.809"``).

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Fee(BaseModel):
    ...     rate_percent: Rate
    >>> Fee(rate_percent="2.809").rate_percent
    Decimal('2.809')
    >>> try:
    ...     Fee(rate_percent=120)
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_rate_range'
"""

VatRate = Annotated[
    Decimal,
    PlainValidator(_vat_rate),
    PlainSerializer(percent_text, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "enum": [int(r) for r in VAT_RATES]},
                {"type": "string", "pattern": r"^\s*[+-]?[0-9]+(\.[0-9]+)?\s*$"},
            ],
            "description": "A VAT rate in %: one of 0, 5, 8, 10.",
        },
        mode="validation",
    ),
    WithJsonSchema({"type": "string", "description": "A VAT rate in %."}, mode="serialization"),
]
"""A VAT rate in %, one of the rates Vietnamese law uses: 0, 5, 8 or 10 (:data:`VAT_RATES`).

Accepts what :data:`Rate` accepts (``8``, ``Decimal("8")``, ``"8.0"``); a float is refused with
``ictcost_rate_float``, any other value with ``ictcost_vat_rate``.

This type only says that the rate *exists* in the law. Whether it is the right rate for a category
of goods or services on a date (8 % or 10 % for IT services in 2025–2026, none at all for software,
which is không chịu thuế) is a check against the ``vat-rates`` norm table:
:func:`ictcost.validation.check_vat_rate`, not a type. A line not subject to VAT has no rate:
model it as ``VatRate | None`` and use ``None``, never 0.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Item(BaseModel):
    ...     vat_rate: VatRate | None = None
    >>> Item(vat_rate="10").vat_rate
    Decimal('10')
    >>> Item().vat_rate is None
    True
    >>> try:
    ...     Item(vat_rate=7)
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_vat_rate'
"""

# --- norm ids and references ----------------------------------------------------------------------


def _unknown_table(table_id: str, registry: NormRegistry) -> str:
    close = difflib.get_close_matches(table_id, list(registry), n=3)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _norm_id(value: object) -> str:
    registry = NormRegistry.shipped()
    if not isinstance(value, str) or value not in registry:
        suggestion = _unknown_table(value, registry) if isinstance(value, str) else ""
        raise PydanticCustomError(
            "ictcost_norm_id",
            "a norm id must be the id of a table shipped with ictcost (got {got}){suggestion}",
            {**_got(value), "suggestion": suggestion},
        )
    return value


def _norm_ref(value: object) -> str:
    parts = split_ref(value) if isinstance(value, str) else None
    if not isinstance(value, str) or parts is None:
        raise PydanticCustomError(
            "ictcost_norm_ref",
            "a norm reference must be 'table/row/column' (got {got})",
            _got(value),
        )
    table_id, row, column = parts
    registry = NormRegistry.shipped()
    if table_id not in registry:
        raise PydanticCustomError(
            "ictcost_norm_ref",
            "a norm reference must name a table shipped with ictcost (got {got}){suggestion}",
            {**_got(value), "suggestion": _unknown_table(table_id, registry)},
        )
    if not has_cell(registry.table(table_id), row, column):
        raise PydanticCustomError(
            "ictcost_norm_ref",
            "a norm reference must name a row and column of table {table} (got {got}); no "
            "version of the table has a value there",
            {**_got(value), "table": table_id},
        )
    return value


NormId = Annotated[
    str,
    PlainValidator(_norm_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _ID_PATTERN,
            "description": "The id of a norm table shipped with ictcost (e.g. qd1688-1b).",
        }
    ),
]
"""The id of a norm table shipped with ictcost (``qd1688-1b``, ``vat-rates``).

Checked against :meth:`NormRegistry.shipped() <ictcost.norms.registry.NormRegistry.shipped>`;
an unknown id is refused with ``ictcost_norm_id`` (the message suggests close ids). Tables of user
packs are not known to the type: check them with :meth:`NormRegistry.table` on your registry.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Basis(BaseModel):
    ...     table: NormId
    >>> Basis(table="vat-rates").table
    'vat-rates'
    >>> try:
    ...     Basis(table="vat-rate")
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_norm_id'
"""

NormRef = Annotated[
    str,
    PlainValidator(_norm_ref),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _REF_PATTERN,
            "description": "A cell of a norm table shipped with ictcost: table/row/column "
            "(e.g. qd1688-1b/7/project).",
        }
    ),
]
"""A reference ``table/row/column`` to one cell of a norm table shipped with ictcost.

The table must exist and some version of it must have a value in that row and column (a rate
table's row is its breakpoint: ``qd1688-1b/7/project``); anything else is refused with
``ictcost_norm_ref``. Whether the cell is in force on a given date is a check:
:func:`ictcost.validation.check_norm_ref` with ``on``.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Cited(BaseModel):
    ...     ref: NormRef
    >>> Cited(ref="vat-rates/general/rate").ref
    'vat-rates/general/rate'
    >>> try:
    ...     Cited(ref="vat-rates/general")
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_norm_ref'
"""

# --- dates ----------------------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})", re.ASCII)
_AMBIGUOUS_DATE = re.compile(
    r"[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}", re.ASCII
)
_DATE_HINT = "write the day first, 15/01/2026, or ISO, 2026-01-15"


def parse_date(value: object, *, allow_datetime: bool = False) -> dt.date:
    """Read a date as people write it: a ``datetime.date``, ``dd/mm/yyyy`` or ISO ``yyyy-mm-dd``.

    The day always comes first in slashed text (the Vietnamese way: ``15/01/2026``, ``5/9/2025``);
    ISO text is strict (``2026-01-15``). Refused: a two-digit year (``15/01/26``) and year-first
    slashed text (``2026/01/15``) as ambiguous; a day that does not exist (``30/02/2026``, or
    ``12/25/2026``, a month/day/year date); any other form.

    Args:
        value: The value given.
        allow_datetime: Cut a ``datetime`` to its date (a spreadsheet's date cell); otherwise a
            ``datetime`` is refused, since its time would be lost silently.

    Returns:
        The date.

    Raises:
        CoercionError: ``ambiguous``, ``format`` (with a hint that says how to write the date),
            ``datetime`` or ``type``.

    Examples:
        >>> parse_date("15/01/2026"), parse_date("2026-01-15")
        (datetime.date(2026, 1, 15), datetime.date(2026, 1, 15))
    """
    if isinstance(value, str):
        match = _DAY_FIRST.fullmatch(value)
        if match is not None:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                hint = f"{value} is not a day of the calendar (the day comes first); {_DATE_HINT}"
                raise CoercionError("format", value, hint) from None
        if _AMBIGUOUS_DATE.fullmatch(value):
            hint = f"{value} can be read in more than one way; {_DATE_HINT}"
            raise CoercionError("ambiguous", value, hint)
    try:
        return coerce_date(value, allow_datetime=allow_datetime)
    except CoercionError as exc:
        exc.hint = exc.hint or _DATE_HINT
        raise


def _iso_date(value: object) -> dt.date:
    try:
        return parse_date(value)
    except CoercionError as exc:
        raise PydanticCustomError(
            "ictcost_date",
            "a date must be a datetime.date or a DD/MM/YYYY or YYYY-MM-DD string such as "
            "'15/01/2026' (got {got}); {hint}",
            {**_got(value), "hint": exc.hint or _DATE_HINT},
        ) from None


_ISO_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DAY_FIRST_PATTERN = r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"

IsoDate = Annotated[
    dt.date,
    PlainValidator(_iso_date),
    PlainSerializer(dt.date.isoformat, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date", "pattern": _ISO_PATTERN},
                {"type": "string", "pattern": _DAY_FIRST_PATTERN},
            ],
            "description": "A date: ISO YYYY-MM-DD (2026-01-15) or day first DD/MM/YYYY "
            "(15/01/2026).",
        },
        mode="validation",
    ),
    WithJsonSchema(
        {"type": "string", "format": "date", "pattern": _ISO_PATTERN}, mode="serialization"
    ),
]
"""A calendar date: a ``datetime.date``, or text ``DD/MM/YYYY`` (day first) or ``YYYY-MM-DD``.

Read by :func:`parse_date`. Everything else is refused with ``ictcost_date``: ambiguous text
(``15/01/26``, ``2026/01/15``), impossible dates (``30/02/2026``, ``2026-02-30``), other forms
(``2026-1-15``), numbers, and ``datetime`` values (their time would be dropped silently; pass
``value.date()``). Serialises to ``YYYY-MM-DD`` in JSON mode.

The type is ``datetime.date``, so an attribute reads as a date. Under ``mypy --strict`` a text
argument to a model's constructor (``Contract(signed="15/01/2026")``) type-checks with the
pydantic mypy plugin (``plugins = ["pydantic.mypy"]``, whose ``init_typed`` is off by default);
without the plugin, pass a ``datetime.date`` or build the model with ``model_validate``.

Examples:
    >>> from pydantic import BaseModel, ValidationError
    >>> class Contract(BaseModel):
    ...     signed: IsoDate
    >>> Contract.model_validate({"signed": "15/01/2026"}).signed
    datetime.date(2026, 1, 15)
    >>> Contract.model_validate({"signed": "2026-01-15"}).model_dump_json()
    '{"signed":"2026-01-15"}'
    >>> try:
    ...     Contract.model_validate({"signed": "01/15/2026"})
    ... except ValidationError as exc:
    ...     exc.errors()[0]["type"]
    'ictcost_date'
"""
