"""The one coercion core: amounts, percentages, ISO dates and ``table/row/column`` references.

Every public face of ictcost that accepts such a value wraps these functions and words their
failures its own way: :mod:`ictcost.money` and :mod:`ictcost.validation` raise
:class:`~ictcost.errors.InputError`, :mod:`ictcost.types` raises ``PydanticCustomError``, the
norm registry and the workbook reader name the place. The core knows no field names and writes no
messages: it raises :class:`CoercionError` with a stable :data:`Reason` (and, for refused text,
the hint that tells how to write the value).

Rules shared by every face:

* Floats are refused (they cannot hold 2.809 or 8 500 000,5 exactly); so are booleans.
* Amount text is read by :func:`parse_amount_text`: plain digits, or thousands grouped
  consistently; the ambiguous ``8.500`` (8 500 or 8,5?) is refused.
* Percent text is plain decimal digits (a rate has no thousands separators).
* Dates are ``datetime.date`` or strict ``YYYY-MM-DD`` text; a ``datetime`` is refused unless the
  caller allows it to be cut to its date.

Examples:
    >>> coerce_amount("8.500.000")
    Decimal('8500000')
    >>> amount_text(Decimal("1.234"))
    '1.2340'
    >>> coerce_percent(" 2.809 ")
    Decimal('2.809')
    >>> coerce_date("2026-01-15")
    datetime.date(2026, 1, 15)
    >>> split_ref("qd1688-1b/7/project")
    ('qd1688-1b', '7', 'project')
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from ictcost.norms.models import NormTable

__all__ = [
    "AMBIGUOUS_HINT",
    "NOT_AN_AMOUNT_HINT",
    "CoercionError",
    "Reason",
    "amount_text",
    "coerce_amount",
    "coerce_date",
    "coerce_percent",
    "has_cell",
    "is_whole",
    "parse_amount_text",
    "percent_text",
    "same_number",
    "split_ref",
]

Reason = Literal[
    "bool",
    "float",
    "type",
    "ambiguous",
    "invalid",
    "not_finite",
    "negative",
    "zero",
    "fraction",
    "datetime",
    "format",
]
"""Why a value was refused.

``bool``/``float``/``type``: the Python type is wrong; ``ambiguous``/``invalid``: text that is not
an unambiguous number; ``not_finite``: NaN or infinity; ``negative``/``zero``: below the bound
asked for; ``fraction``: a whole amount was asked for; ``datetime``: a date-time where a date is
expected; ``format``: text that is not a real ``YYYY-MM-DD`` date.
"""

AMBIGUOUS_HINT: Final = (
    "write the amount without separators (8500) or with two or more thousands dots (8.500.000)"
)
"""How to write an amount whose text was ambiguous (``8.500``)."""
NOT_AN_AMOUNT_HINT: Final = (
    "write digits only, e.g. 8500000000, or group thousands with dots: 8.500.000.000"
)
"""How to write an amount whose text was not a number."""

_PLAIN: Final = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
_GROUPED: Final = re.compile(r"^[+-]?\d{1,3}(?P<sep>[._ ])\d{3}((?P=sep)\d{3})*$", re.ASCII)
_UNDERSCORED: Final = re.compile(r"[+-]?[0-9]{1,3}(_[0-9]{3})+", re.ASCII)
_ONE_DOT_THREE: Final = re.compile(r"[+-]?[0-9]{1,3}\.[0-9]{3}", re.ASCII)
_DECIMAL_TEXT: Final = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)
_DATE_TEXT: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class CoercionError(ValueError):
    """A value cannot be coerced; the public faces turn it into their own error.

    Args:
        reason: Why (see :data:`Reason`).
        value: The value refused.
        hint: How to write the value, for refused text.

    Attributes:
        reason: Why.
        value: The value refused.
        hint: How to write the value, or ``None``.
    """

    def __init__(self, reason: Reason, value: object, hint: str | None = None) -> None:
        super().__init__(f"{reason}: {value!r}")
        self.reason: Reason = reason
        self.value = value
        self.hint = hint


def _number_like(value: object) -> Decimal | int | str:
    """Refuse booleans, floats and anything that is not a ``Decimal``, an ``int`` or a ``str``."""
    if isinstance(value, bool):
        raise CoercionError("bool", value)
    if isinstance(value, float):
        raise CoercionError("float", value)
    if not isinstance(value, (Decimal, int, str)):
        raise CoercionError("type", value)
    return value


# --- amounts --------------------------------------------------------------------------------------


def parse_amount_text(text: str) -> Decimal:
    """Read an amount typed by a person, refusing anything ambiguous.

    Accepted: plain digits (``8500000000``), a decimal point with other than three decimals
    (``8.5``), thousands grouped consistently by dots, underscores or spaces with at least two
    separators (``8.500.000.000``) or one underscore or space (``8_500``, ``8 500``). Refused: a
    single dot followed by exactly three digits (``8.500``), commas, mixed separators.

    Args:
        text: The text (surrounding spaces are ignored).

    Returns:
        The exact amount (it may be negative: bounds are the caller's).

    Raises:
        CoercionError: ``ambiguous`` or ``invalid``, with a hint.

    Examples:
        >>> parse_amount_text("8_500"), parse_amount_text(" 8 500 000 ")
        (Decimal('8500'), Decimal('8500000'))
    """
    raw = text.strip()
    if "_" in raw and _UNDERSCORED.fullmatch(raw):
        return Decimal(raw.replace("_", ""))
    m = _GROUPED.match(raw)
    if m and (raw.count(m.group("sep")) >= 2 or m.group("sep") != "."):
        return Decimal(raw.replace(m.group("sep"), ""))
    if _PLAIN.match(raw):
        if _ONE_DOT_THREE.fullmatch(raw):
            raise CoercionError("ambiguous", text, AMBIGUOUS_HINT)
        return Decimal(raw)
    raise CoercionError("invalid", text, NOT_AN_AMOUNT_HINT)


def coerce_amount(value: object, *, positive: bool = False, whole: bool = False) -> Decimal:
    """Coerce an amount in đồng: a ``Decimal``, an ``int`` or text read by :func:`parse_amount_text`.

    Checks run in this order: type (``bool``, ``float``, ``type``), text (``ambiguous``,
    ``invalid``), ``not_finite``, bounds (``negative``; ``zero`` when ``positive``), ``fraction``
    (when ``whole``). A negative zero is returned as zero.

    Args:
        value: The value given.
        positive: The amount must be greater than zero (otherwise zero or more).
        whole: The amount must be whole đồng.

    Returns:
        The amount.

    Raises:
        CoercionError: the value is refused (see the order above).

    Examples:
        >>> coerce_amount(8_500_000), coerce_amount("-0")
        (Decimal('8500000'), Decimal('0'))
    """
    given = _number_like(value)
    number = parse_amount_text(given) if isinstance(given, str) else Decimal(given)
    if not number.is_finite():
        raise CoercionError("not_finite", value)
    if number < 0:
        raise CoercionError("negative", value)
    if number.is_zero():
        if positive:
            raise CoercionError("zero", value)
        number = number.copy_abs()
    if whole and not is_whole(number):
        raise CoercionError("fraction", value)
    return number


def is_whole(number: Decimal) -> bool:
    """Whether a finite decimal has no fractional part (``Decimal("8.00")`` is whole).

    Args:
        number: A finite decimal.

    Returns:
        ``True`` for a whole number.
    """
    return number == number.to_integral_value()


def amount_text(number: Decimal) -> str:
    """Write an amount as plain digits that :func:`parse_amount_text` reads back to the same value.

    Never in exponent notation; ``1.234`` (which would be refused as ambiguous) is written
    ``1.2340``.

    Args:
        number: A finite decimal.

    Returns:
        The text.

    Examples:
        >>> amount_text(Decimal("1E+3")), amount_text(Decimal("1.234"))
        ('1000', '1.2340')
    """
    text = format(number, "f")
    if _ONE_DOT_THREE.fullmatch(text):
        text += "0"
    return text


# --- percentages ----------------------------------------------------------------------------------


def coerce_percent(value: object) -> Decimal:
    """Coerce a percentage: a ``Decimal``, an ``int`` or plain decimal digits (``"2.809"``).

    Bounds are the caller's (a rate of 0–100 %, a VAT rate of the law, an index of −100–100 %).

    Args:
        value: The value given (text may have surrounding spaces).

    Returns:
        The exact value in %.

    Raises:
        CoercionError: ``bool``, ``float`` or ``type``; ``invalid`` text (a ``%`` sign, a comma,
            thousands separators, exponents); ``not_finite``.

    Examples:
        >>> coerce_percent(8), coerce_percent("-1.5")
        (Decimal('8'), Decimal('-1.5'))
    """
    given = _number_like(value)
    if isinstance(given, str):
        if not _DECIMAL_TEXT.fullmatch(given.strip()):
            raise CoercionError("invalid", value)
        return Decimal(given.strip())
    number = Decimal(given)
    if not number.is_finite():
        raise CoercionError("not_finite", value)
    return number


def percent_text(number: Decimal) -> str:
    """Write a percentage as plain digits (``Decimal("1E+1")`` is written ``10``).

    Args:
        number: A finite decimal.

    Returns:
        The text, which :func:`coerce_percent` reads back to the same value.
    """
    return format(number, "f")


# --- dates ----------------------------------------------------------------------------------------


def coerce_date(value: object, *, allow_datetime: bool = False) -> dt.date:
    """Coerce a calendar date: a ``datetime.date`` or strict ``YYYY-MM-DD`` text.

    Args:
        value: The value given.
        allow_datetime: Cut a ``datetime`` to its date (a spreadsheet's date cell, a registry
            lookup); otherwise a ``datetime`` is refused, since its time would be lost silently.

    Returns:
        The date.

    Raises:
        CoercionError: ``datetime`` (a date-time not allowed), ``type`` (not a date or text),
            ``format`` (text other than an existing ``YYYY-MM-DD`` day).

    Examples:
        >>> coerce_date(dt.datetime(2026, 1, 15, 9, 30), allow_datetime=True)
        datetime.date(2026, 1, 15)
    """
    if isinstance(value, dt.datetime):
        if allow_datetime:
            return value.date()
        raise CoercionError("datetime", value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise CoercionError("type", value)
    if _DATE_TEXT.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CoercionError("format", value)


# --- norm references ------------------------------------------------------------------------------


def split_ref(ref: str) -> tuple[str, str, str] | None:
    """Split a reference ``table/row/column`` into its three non-empty parts.

    Args:
        ref: The reference.

    Returns:
        ``(table, row, column)``, or ``None`` when the text is not of that form.

    Examples:
        >>> split_ref("vat-rates/general") is None
        True
    """
    parts = ref.split("/")
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[1], parts[2]


def same_number(at: Decimal, text: str) -> bool:
    """Whether ``text`` writes the breakpoint ``at`` in plain decimal digits (``7`` ≡ ``7.0``).

    Args:
        at: A rate table's breakpoint.
        text: The row part of a reference.

    Returns:
        ``True`` when the text is plain digits of the same value.
    """
    return bool(_DECIMAL_TEXT.fullmatch(text)) and at == Decimal(text)


def has_cell(table: NormTable, row: str, column: str) -> bool:
    """Whether some version of the table has a value at ``row`` / ``column``.

    A rate table's row may be named by its breakpoint (``qd1688-1b/7/project``).

    Args:
        table: The norm table.
        row: The row key, or a breakpoint written in plain digits.
        column: The column key.

    Returns:
        ``True`` when some version has that cell.
    """
    for version in table.versions:
        for r in version.rows:
            same = r.name == row or (r.at is not None and same_number(r.at, row))
            if same and column in r.values:
                return True
    return False
