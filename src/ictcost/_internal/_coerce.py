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
* Magnitudes are bounded (issue 13, reliability review D1/D3): an amount is at most
  :data:`MAX_AMOUNT` (10¹⁸ đồng, a billion tỷ) with at most :data:`MAX_PLACES` (30) decimal places;
  a number read from a file has at most :data:`MAX_DIGITS` (40) digits written out in full
  (:func:`check_digits`); quantities, person-days and periods are bounded by
  :data:`MAX_QUANTITY` and :data:`MAX_PERIODS`, percentages by :data:`MAX_PERCENT`. Every value
  within the bounds computes exactly in the 60-digit context of :mod:`ictcost.money`.

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
    "LIMITS_HINT",
    "MAX_AMOUNT",
    "MAX_DIGITS",
    "MAX_PERCENT",
    "MAX_PERIODS",
    "MAX_PLACES",
    "MAX_QUANTITY",
    "NOT_AN_AMOUNT_HINT",
    "CoercionError",
    "Reason",
    "amount_text",
    "check_digits",
    "coerce_amount",
    "coerce_date",
    "coerce_percent",
    "has_cell",
    "is_whole",
    "parse_amount_text",
    "percent_text",
    "plain_digits",
    "safe_repr",
    "same_number",
    "short_repr",
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
    "too_large",
    "too_precise",
]
"""Why a value was refused.

``bool``/``float``/``type``: the Python type is wrong; ``ambiguous``/``invalid``: text that is not
an unambiguous number; ``not_finite``: NaN or infinity; ``negative``/``zero``: below the bound
asked for; ``fraction``: a whole amount was asked for; ``datetime``: a date-time where a date is
expected; ``format``: text that is not a real ``YYYY-MM-DD`` date; ``too_large``: above the bound
(:data:`MAX_AMOUNT`, :data:`MAX_PERCENT`); ``too_precise``: more decimal places than
:data:`MAX_PLACES`.
"""

MAX_AMOUNT: Final = Decimal(10) ** 18
"""The largest amount ictcost reads or computes: 10¹⁸ đồng (a billion tỷ đồng).

Far above any legal amount (the whole state budget is below 10¹⁶ đồng a year), and far below the
60 significant digits of :data:`ictcost.money.CONTEXT`, so that every product of a bounded amount
and a bounded quantity is exact.
"""
MAX_PLACES: Final = 30
"""The most decimal places of an amount or a number read (trailing zeros do not count)."""
MAX_DIGITS: Final = 40
"""The most digits of a number read from a file, written out in full (``1e-60`` has 61)."""
MAX_QUANTITY: Final = Decimal(10) ** 12
"""The largest quantity, count or number of person-days of a line."""
MAX_PERIODS: Final = 10_000
"""The most payment periods of a rental (far above 100 years of monthly periods)."""
MAX_PERCENT: Final = Decimal(10) ** 12
"""The largest percentage (in absolute value) read by :func:`coerce_percent`."""

LIMITS_HINT: Final = (
    "ictcost reads amounts up to 10^18 đồng (a billion tỷ) with at most 30 decimal places, "
    "quantities and person-days up to 10^12, at most 10 000 periods, and numbers of at most 40 "
    "digits; check the value for a typo (extra zeros, an exponent)"
)
"""What the bounds are, for the hint of every refusal of a value beyond them."""

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
        super().__init__(f"{reason}: {short_repr(value)}")
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


def safe_repr(value: object) -> str:
    """Return ``repr(value)``, or a description of an integer too long to have one.

    An integer of more than 4 300 digits (``sys.int_info.default_max_str_digits``) has no
    ``repr``: it raises ``ValueError``. Such an integer is described by its size instead.

    Args:
        value: The value.

    Returns:
        The text.

    Examples:
        >>> safe_repr(10**5000), safe_repr(42)
        ('<an integer of 5001 digits>', '42')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _REPR_BITS:
        return f"<an integer of {Decimal(value).adjusted() + 1} digits>"
    return repr(value)


_REPR_BITS: Final = 14_000
"""Integers of more bits (about 4 214 digits) are described, not shown (see :func:`safe_repr`)."""


def short_repr(value: object, limit: int = 80) -> str:
    """Return a ``repr`` of at most ``limit`` characters, safe for any value shown in a message.

    An integer of more than 4 300 digits has no ``repr`` at all (``ValueError``); it is described
    by its size instead.

    Args:
        value: The value.
        limit: The most characters.

    Returns:
        The text.

    Examples:
        >>> short_repr(10**5000)
        '<an integer of 5001 digits>'
        >>> short_repr("x" * 100, 10)
        "'xxxxxx..."
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 3 * limit:
        return f"<an integer of {Decimal(value).adjusted() + 1} digits>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def plain_digits(number: Decimal) -> int:
    """Return how many digits a finite decimal has written out in plain notation.

    Trailing fractional zeros are not counted; ``Decimal("1E+3")`` has 4, ``Decimal("1E-60")``
    61, ``Decimal("0.50")`` 2.

    Args:
        number: A finite decimal.

    Returns:
        The number of digits (at least 1).

    Examples:
        >>> plain_digits(Decimal("8500000.50")), plain_digits(Decimal("1E-60"))
        (8, 61)
    """
    significant, exponent = _stripped(number)
    if exponent >= 0:
        return significant + exponent
    return max(significant + exponent, 1) - exponent


def _stripped(number: Decimal) -> tuple[int, int]:
    """The count of significant digits and the exponent of a finite decimal without trailing zeros."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    text = "".join(map(str, digits)).rstrip("0")
    if not text:  # zero
        return 1, 0
    return len(text), exponent + len(digits) - len(text)


def _places(number: Decimal) -> int:
    """The decimal places of a finite decimal, trailing zeros not counted."""
    return max(-_stripped(number)[1], 0)


def check_digits(text: str) -> str | None:
    """Tell whether the text of a number read from a file is beyond :data:`MAX_DIGITS`.

    Checked on the text, before it is converted (an integer of more than 4 300 digits cannot be
    converted by ``int()`` at all).

    Args:
        text: The number as written: digits, an optional sign, ``_`` separators, a decimal point
            and an exponent (``1.5e3``).

    Returns:
        ``None`` when the number is within the bound, else a sentence that says why not.

    Examples:
        >>> check_digits("8500000000") is None, check_digits("1" + "0" * 70)
        (True, 'a number of 71 digits (at most 40)')
    """
    mantissa, _, exp_text = text.lower().replace("_", "").partition("e")
    digits = sum(ch.isdigit() for ch in mantissa)
    if digits > MAX_DIGITS:
        return f"a number of {digits} digits (at most {MAX_DIGITS})"
    if len(exp_text) > 6:
        return (
            f"a number with an exponent of {len(exp_text)} characters (at most {MAX_DIGITS} digits)"
        )
    count = 0
    if exp_text:
        try:
            number = Decimal(text.replace("_", ""))
        except ArithmeticError:
            number = None  # not a number: the caller says so
        if number is not None and number.is_finite():
            count = plain_digits(number)
    if count > MAX_DIGITS:
        return f"a number of {count} digits written out (at most {MAX_DIGITS})"
    return None


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
    (when ``whole``), ``too_large`` (above :data:`MAX_AMOUNT`), ``too_precise`` (more than
    :data:`MAX_PLACES` decimal places). A negative zero is returned as zero.

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
    if number > MAX_AMOUNT:
        raise CoercionError("too_large", value, LIMITS_HINT)
    if whole and not is_whole(number):
        raise CoercionError("fraction", value)
    if _places(number) > MAX_PLACES:
        raise CoercionError("too_precise", value, LIMITS_HINT)
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
            thousands separators, exponents); ``not_finite``; ``too_large`` (beyond
            :data:`MAX_PERCENT`) or ``too_precise`` (more than :data:`MAX_PLACES` places).

    Examples:
        >>> coerce_percent(8), coerce_percent("-1.5")
        (Decimal('8'), Decimal('-1.5'))
    """
    given = _number_like(value)
    if isinstance(given, str):
        if not _DECIMAL_TEXT.fullmatch(given.strip()):
            raise CoercionError("invalid", value)
        number = Decimal(given.strip())
    else:
        number = Decimal(given)
        if not number.is_finite():
            raise CoercionError("not_finite", value)
    if abs(number) > MAX_PERCENT:
        raise CoercionError("too_large", value, LIMITS_HINT)
    if _places(number) > MAX_PLACES:
        raise CoercionError("too_precise", value, LIMITS_HINT)
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
