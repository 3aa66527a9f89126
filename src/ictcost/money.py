"""Money: exact ``Decimal`` arithmetic, the one rounding rule, Vietnamese formatting, input parsing.

Policy (design notes, "Money and rounding"):

* Amounts are ``Decimal`` in đồng. Intermediate values (interpolated rates, products) keep full
  precision: :data:`CONTEXT` has 60 significant digits, far beyond any legal amount.
* A final amount is rounded **once**, to whole đồng, **half away from zero** (``ROUND_HALF_UP``,
  as Excel's ``ROUND`` does), by :func:`round_vnd`. No legal text read so far states a rounding rule
  (primary-texts.md §9), so this is ictcost's declared convention.
* A chain with a division whose result does not terminate (``10/6 × AUCP``, an average of three
  ratings) carries a 60-digit value whose last digit is truncated; rounding that tail half up can
  miss a half đồng (``…774,4999…9`` for an exact ``…774,5``). :func:`settle` rounds such a value to
  :data:`SETTLE_PLACES` (30) decimal places first: the chains' exact values are fractions whose
  denominators are products of small integers (far below 10²⁵), so an exact value is either on a
  half đồng or at least 10⁻²⁶ from it, while the 60-digit error stays below 10⁻⁴⁰; the settled
  value is therefore the exact one wherever it terminates within 30 places, and a final half-up
  rounding of it is the rounding of the exact fraction (tested against ``fractions.Fraction``).
* Floats are refused in the exact path: they cannot hold 2.809 exactly.
* Reading an amount (:func:`parse_amount`, :func:`to_amount`) is the one coercion core's
  (``ictcost._internal._coerce``), shared with :mod:`ictcost.types` and :mod:`ictcost.validation`;
  this module words its refusals as :class:`~ictcost.errors.InputError`.

Limits (issue 13, "safe with files from strangers"; anything beyond them is a typed
:class:`~ictcost.errors.InputError`, never a ``decimal`` exception):

* an amount (a line's amount, a unit price, a day rate, a salary, a fee base) is at most
  :data:`MAX_AMOUNT`, 10¹⁸ đồng (a billion tỷ đồng), with at most :data:`MAX_PLACES` (30) decimal
  places; a computed amount above it is refused too (the line is named);
* a quantity, a count of person-days is at most :data:`MAX_QUANTITY` (10¹²); a rental has at most
  :data:`MAX_PERIODS` (10 000) periods; a percentage is at most :data:`MAX_PERCENT` (10¹²) in
  absolute value;
* a number read from a YAML or JSON file has at most :data:`MAX_DIGITS` (40) digits written out in
  full (``1e-60`` has 61), checked on its text with ``file:line:column``;
* a rate is rounded on request to at most 12 decimals (``rate_decimals``).

Within these bounds every product computes exactly in :data:`CONTEXT`; a value that still leaves
the context (:func:`round_vnd`, :func:`tidy`, :func:`settle` of a number of more than 60 digits) is
refused with :class:`~ictcost.errors.InputError` (code ``input-amount``) instead of
``decimal.InvalidOperation``.

Examples:
    >>> from decimal import Decimal
    >>> round_vnd(Decimal("2.5")), round_vnd(Decimal("-2.5"))
    (Decimal('3'), Decimal('-3'))
    >>> format_vnd(Decimal("1234567"))
    '1.234.567'
    >>> parse_amount("8.500.000.000")
    Decimal('8500000000')
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Context, Decimal, DecimalException, localcontext
from typing import Literal

from ictcost._internal._coerce import (
    LIMITS_HINT,
    MAX_AMOUNT,
    MAX_DIGITS,
    MAX_PERCENT,
    MAX_PERIODS,
    MAX_PLACES,
    MAX_QUANTITY,
    CoercionError,
    coerce_amount,
    parse_amount_text,
    short_repr,
)
from ictcost._internal._validate import typed_args, wrong_type
from ictcost.errors import InputError, InputTypeError

__all__ = [
    "CONTEXT",
    "LIMITS_HINT",
    "MAX_AMOUNT",
    "MAX_DIGITS",
    "MAX_PERCENT",
    "MAX_PERIODS",
    "MAX_PLACES",
    "MAX_QUANTITY",
    "ROUNDING",
    "SETTLE_PLACES",
    "exact",
    "format_amount",
    "format_vnd",
    "parse_amount",
    "round_vnd",
    "settle",
    "tidy",
    "to_amount",
]

ROUNDING = ROUND_HALF_UP
"""The rounding mode of final amounts: half away from zero."""

CONTEXT = Context(prec=60, rounding=ROUND_HALF_UP)
"""The decimal context of every exact computation (60 significant digits)."""


def exact() -> AbstractContextManager[Context]:
    """Return a context manager that runs a computation in :data:`CONTEXT`.

    Returns:
        ``decimal.localcontext(CONTEXT)``.
    """
    return localcontext(CONTEXT)


SETTLE_PLACES = 30
"""The decimal places a computed value is settled to before it is shown or rounded (see above)."""

_WIDE = Context(prec=120, rounding=ROUND_HALF_UP)


def settle(value: Decimal) -> Decimal:
    """Return a computed value settled to 30 decimal places, half up, without trailing zeros.

    The 60-digit tail of a non-terminating division is removed, so that a value that is exact
    within 30 places is shown and rounded as the exact value (see the module docstring).

    Args:
        value: A value computed in :data:`CONTEXT`.

    Returns:
        The settled value (whole numbers without exponent).

    Examples:
        >>> settle(Decimal("0.804999999999999999999999999999999999999999999999999999999998"))
        Decimal('0.805')
        >>> with exact():
        ...     settle(Decimal(10) / Decimal(6) * Decimal(3))
        Decimal('5')
    """
    quantum = Decimal(1).scaleb(-SETTLE_PLACES)
    try:
        settled = value.quantize(quantum, rounding=ROUND_HALF_UP, context=_WIDE)
    except DecimalException:
        raise _beyond(value) from None
    return tidy(settled)


def round_vnd(amount: Decimal) -> Decimal:
    """Round an amount to whole đồng, half away from zero (the single rounding place).

    Args:
        amount: The exact amount.

    Returns:
        The amount with no fractional part.

    Raises:
        InputTypeError: ``amount`` is not a ``Decimal``.
        InputError: ``amount`` is not finite or beyond the 60-digit context (``input-amount``).

    Examples:
        >>> round_vnd(Decimal("127499.5"))
        Decimal('127500')
    """
    if amount.__class__ is not Decimal and not isinstance(amount, Decimal):
        raise wrong_type("round_vnd", "amount", amount, "Decimal")
    try:
        rounded = amount.quantize(Decimal(1), rounding=ROUNDING, context=CONTEXT)
    except DecimalException:
        raise _beyond(amount) from None
    if rounded.is_nan():
        raise _not_finite(amount)
    return rounded


def _not_finite(value: Decimal) -> InputError:
    return InputError(
        f"an amount must be a finite number (got {value})",
        code="input-amount",
        field="amount",
        hint="give an amount in đồng; NaN and Infinity are not amounts",
    )


def _beyond(value: Decimal) -> InputError:
    """The error for a computed value beyond the 60-digit context (a product of huge inputs)."""
    if not value.is_finite():
        return _not_finite(value)
    shown = f"{value:.6E}" if value.is_finite() else str(value)
    return InputError(
        f"a computed value is too large to be exact ({shown}): some input is far beyond the limits",
        code="input-amount",
        field="amount",
        hint=LIMITS_HINT,
    )


def _short(value: object) -> str:
    return short_repr(value, 40)


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros of an exact value without changing it (for display and JSON).

    ``Decimal('17.0')`` becomes ``Decimal('17')`` and ``Decimal('55677.37500')`` becomes
    ``Decimal('55677.375')``; integers never turn into exponent notation.

    Args:
        value: A finite decimal.

    Returns:
        An equal decimal with no trailing fractional zeros.

    Examples:
        >>> tidy(Decimal("61250")), tidy(Decimal("0.8950"))
        (Decimal('61250'), Decimal('0.895'))
    """
    try:
        if value == value.to_integral_value():
            return value.quantize(Decimal(1), context=CONTEXT)
        return value.normalize(CONTEXT)
    except DecimalException:
        raise _beyond(value) from None


def format_vnd(amount: Decimal | int) -> str:
    """Format an amount the Vietnamese way: dots between thousands, a comma before decimals.

    Args:
        amount: The amount in đồng.

    Returns:
        e.g. ``1.234.567`` or ``-1.234,5``.

    Raises:
        InputTypeError: ``amount`` is not a ``Decimal`` or an ``int`` (a ``bool`` is refused).
        InputError: ``amount`` is not finite.

    Examples:
        >>> format_vnd(Decimal("-1234.5"))
        '-1.234,5'
    """
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise wrong_type("format_vnd", "amount", amount, "Decimal or int")
    d = amount if isinstance(amount, Decimal) else Decimal(amount)
    if not d.is_finite():
        raise _not_finite(d)
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    groups = []
    while whole:
        groups.append(whole[-3:])
        whole = whole[:-3]
    out = ".".join(reversed(groups)) or "0"
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def format_amount(amount: Decimal | int, lang: Literal["vi", "en"] = "vi") -> str:
    """Format an amount in the style of a language: ``1.234.567,5`` (vi) or ``1,234,567.5`` (en).

    One style per audience: Vietnamese texts group thousands with dots and write a decimal comma
    (:func:`format_vnd`); English texts group with commas and write a decimal point.

    Args:
        amount: The amount in đồng.
        lang: ``vi`` or ``en``.

    Returns:
        The text, exact (no rounding).

    Examples:
        >>> format_amount(Decimal("-1234567.5"), "en"), format_amount(1234567, "vi")
        ('-1,234,567.5', '1.234.567')
    """
    text = format_vnd(amount)
    if lang == "vi":
        return text
    return text.translate(_VI_TO_EN)


_VI_TO_EN = str.maketrans({".": ",", ",": "."})


@typed_args
def parse_amount(text: str, name: str = "amount") -> Decimal:
    """Parse an amount typed by a person, refusing anything ambiguous.

    Accepted: plain digits (``8500000000``), a decimal point with other than three decimals
    (``8.5``), thousands grouped consistently by dots, underscores or spaces with at least two
    separators (``8.500.000.000``, ``8_500_000_000``). Refused, because a thousand-fold mistake
    hides there: a single dot followed by exactly three digits (``8.500``: 8,5 or 8 500?), commas,
    mixed separators.

    Args:
        text: The text.
        name: The field name used in messages.

    Returns:
        The exact amount.

    Raises:
        InputTypeError: ``text`` or ``name`` is not a ``str``.
        InputError: the text is not an unambiguous number, or it is beyond :data:`MAX_AMOUNT`
            (code ``input-amount``).

    Examples:
        >>> parse_amount("8_500")
        Decimal('8500')
    """
    try:
        number = parse_amount_text(text)
    except CoercionError as exc:
        raise _text_error(exc, text, name) from None
    if abs(number) > MAX_AMOUNT:
        raise _amount_error(CoercionError("too_large", text), text, name, positive=False)
    return number


def _text_error(exc: CoercionError, text: str, name: str) -> InputError:
    if exc.reason == "ambiguous":
        raw = text.strip()
        return InputError(
            f"'{name}' is ambiguous (got {text!r}): is it {raw.replace('.', '')} or {raw}?",
            code="input-amount",
            field=name,
            hint=exc.hint,
        )
    return InputError(
        f"'{name}' must be a number in đồng (got {short_repr(text)})",
        code="input-amount",
        field=name,
        hint=exc.hint,
    )


def to_amount(value: object, name: str = "amount", *, positive: bool = False) -> Decimal:
    """Check and convert an amount given through the Python API.

    Args:
        value: A ``Decimal``, an ``int`` or a string (parsed by :func:`parse_amount`).
        name: The field name used in messages.
        positive: When true, the amount must be greater than zero; otherwise not negative.

    Returns:
        The amount as a finite ``Decimal``.

    Raises:
        InputTypeError: a ``float``, ``bool`` or other type (code ``input-type``).
        InputError: not finite, negative, or zero when ``positive``, above :data:`MAX_AMOUNT` or
            with more than :data:`MAX_PLACES` decimal places (code ``input-amount``).

    Examples:
        >>> to_amount(8500000000, "base")
        Decimal('8500000000')
    """
    try:
        return coerce_amount(value, positive=positive)
    except CoercionError as exc:
        raise _amount_error(exc, value, name, positive=positive) from None


def _amount_error(
    exc: CoercionError, value: object, name: str, *, positive: bool
) -> InputError | InputTypeError:
    if exc.reason in {"bool", "float", "type"}:
        return InputTypeError(
            f"'{name}' must be a Decimal, an int or a string (got {type(value).__name__} "
            f"{short_repr(value)})",
            field=name,
            hint="floats cannot hold amounts exactly: pass Decimal('8500000000') or an int",
        )
    if isinstance(value, str) and exc.reason in {"ambiguous", "invalid"}:
        return _text_error(exc, value, name)
    if exc.reason == "not_finite":
        return InputError(
            f"'{name}' must be a finite number (got {short_repr(value)})",
            code="input-amount",
            field=name,
            hint="give an amount in đồng",
        )
    if exc.reason in {"too_large", "too_precise"}:
        what = "at most 10^18 đồng" if exc.reason == "too_large" else "at most 30 decimal places"
        return InputError(
            f"'{name}' must be {what} (got {_short(value)})",
            code="input-amount",
            field=name,
            hint=LIMITS_HINT,
        )
    bound = "greater than zero" if positive else "zero or more"
    return InputError(
        f"'{name}' must be {bound} (got {short_repr(value)})",
        code="input-amount",
        field=name,
        hint="give the cost in đồng before VAT",
    )
