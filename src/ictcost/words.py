"""Amounts in Vietnamese words (*số tiền bằng chữ*), as printed under the total of an estimate.

The reading follows the usual Vietnamese convention for money on official documents:

* **Units** are ``một, hai, ba, bốn, năm, sáu, bảy, tám, chín``; zero alone is ``không``.
* **Tens**: 10–19 read ``mười …`` (10 ``mười``, never ``một mươi``); 20–90 read
  ``<digit> mươi`` (20 ``hai mươi``).
* **The unit after a tens** changes its form:

  - 1 reads ``mốt`` after a tens of 20 or more (21 ``hai mươi mốt``) but ``một`` after ``mười``
    (11 ``mười một``);
  - 4 reads ``tư`` after a tens of 20 or more (24 ``hai mươi tư``) but ``bốn`` after ``mười``
    (14 ``mười bốn``);
  - 5 reads ``lăm`` after any tens (15 ``mười lăm``, 25 ``hai mươi lăm``);
  - alone or after ``linh`` every unit keeps its plain form (5 ``năm``, 105
    ``một trăm linh năm``, 104 ``một trăm linh bốn``, 101 ``một trăm linh một``).

* **A zero tens** between a hundreds and a non-zero unit reads ``linh`` (or ``lẻ`` with
  ``style="lẻ"``): 101 ``một trăm linh một``.
* **Groups of three digits** carry the scale words ``nghìn`` (10³), ``triệu`` (10⁶) and ``tỷ``
  (10⁹). The first (leftmost) group is read short (5 000 ``năm nghìn``); every later group is read
  in full with its hundreds, so a zero hundreds reads ``không trăm``: 1 005 ``một nghìn không trăm
  linh năm``, 1 080 000 ``một triệu không trăm tám mươi nghìn``. An all-zero group is skipped with
  its scale word: 1 000 000 005 ``một tỷ không trăm linh năm``.
* **Above a tỷ the cycle repeats**: the number of tỷ is itself read as a number and followed by
  ``tỷ``. Hence 10¹² ``một nghìn tỷ``, 2·10¹⁵ ``hai triệu tỷ``, 10¹⁸ ``một tỷ tỷ``, and
  1 234 567 891 234 ``một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu tám trăm chín
  mươi mốt nghìn hai trăm ba mươi tư``. What follows the ``tỷ`` is read in full like any later
  group: 10¹² + 5 ``một nghìn tỷ không trăm linh năm``.
* **Signs**: a negative number starts with ``âm``.

Numbers up to :data:`MAX_NUMBER` (10²¹ − 1, "chín trăm … tỷ tỷ …") are read; larger ones are
refused. The words are ``nghìn`` (not the southern ``ngàn``) and ``tỷ`` (not ``tỉ``); all text is
Unicode NFC.

Examples:
    >>> amount_in_words(1234567)
    'Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng'
    >>> amount_in_words(1080000)
    'Một triệu không trăm tám mươi nghìn đồng'
    >>> number_in_words(1005), number_in_words(1005, style="lẻ")
    ('một nghìn không trăm linh năm', 'một nghìn không trăm lẻ năm')
    >>> number_in_words(10**12 + 5)
    'một nghìn tỷ không trăm linh năm'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ictcost.errors import InputError, InputTypeError

__all__ = ["MAX_NUMBER", "Style", "amount_in_words", "number_in_words"]

MAX_NUMBER = 10**21 - 1
"""The largest magnitude read (999 999 999 999 tỷ tỷ … is as far as the tỷ cycle is taken)."""

Style = Literal["linh", "lẻ"]
"""The word for a zero tens before a non-zero unit: ``linh`` (the default) or ``lẻ``."""

_STYLES: tuple[Style, ...] = ("linh", "lẻ")
_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
# scale words of the three groups inside one tỷ cycle, lowest first
_GROUP_SCALES = ("", "nghìn", "triệu")


def _unit_after_tens(tens: int, unit: int) -> str:
    """Return the word for a non-zero ``unit`` after a non-zero ``tens`` digit."""
    if unit == 5:
        return "lăm"
    if tens >= 2 and unit == 1:
        return "mốt"
    if tens >= 2 and unit == 4:
        return "tư"
    return _DIGITS[unit]


def _group_words(group: int, *, full: bool, linh: str) -> list[str]:
    """Read a group of three digits (1–999).

    Args:
        group: The group's value, 1–999.
        full: Read the hundreds even when zero (``không trăm``), as every group after the first.
        linh: The word for a zero tens before a non-zero unit.

    Returns:
        The words, in order.
    """
    hundreds, rest = divmod(group, 100)
    tens, unit = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if unit:
            if words:
                words.append(linh)
            words.append(_DIGITS[unit])
    else:
        words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
        if unit:
            words.append(_unit_after_tens(tens, unit))
    return words


def _words(n: int, *, full: bool, linh: str) -> list[str]:
    """Read ``n`` (≥ 1) as words; ``full`` when it follows higher groups (its first group in full)."""
    if n >= _BILLION:
        upper, lower = divmod(n, _BILLION)
        words = [*_words(upper, full=full, linh=linh), "tỷ"]
        if lower:
            words += _words(lower, full=True, linh=linh)
        return words
    words = []
    for index in range(len(_GROUP_SCALES) - 1, -1, -1):
        group = n // 1000**index % 1000
        if group:
            words += _group_words(group, full=full, linh=linh)
            if _GROUP_SCALES[index]:
                words.append(_GROUP_SCALES[index])
            full = True
    return words


def _check_style(style: object) -> None:
    if style not in _STYLES:
        raise InputError(
            f"'style' must be 'linh' or 'lẻ' (got {style!r})",
            code="input-invalid",
            field="style",
            hint="use style='linh' (một trăm linh một) or style='lẻ' (một trăm lẻ một)",
        )


def _read(n: int, style: Style) -> str:
    """Read an integer already checked to lie within ±:data:`MAX_NUMBER`."""
    if n == 0:
        return "không"
    words = _words(abs(n), full=False, linh=style)
    if n < 0:
        words.insert(0, "âm")
    return " ".join(words)


def _check_range(n: int, name: str, code: Literal["input-amount", "input-invalid"]) -> None:
    if abs(n) > MAX_NUMBER:
        raise InputError(
            f"'{name}' is too large to read in words (got {n}); the largest is {MAX_NUMBER}",
            code=code,
            field=name,
            hint="amounts in words are read up to 10**21 - 1 (999 999 999 999 tỷ tỷ …)",
        )


def number_in_words(n: int, *, style: Style = "linh") -> str:
    """Read an integer in Vietnamese words, lower case, with no currency.

    Args:
        n: The integer, between ``-MAX_NUMBER`` and :data:`MAX_NUMBER`.
        style: The word for a zero tens before a non-zero unit: ``"linh"`` or ``"lẻ"``.

    Returns:
        The words, separated by single spaces (``"không"`` for zero, ``"âm …"`` when negative).

    Raises:
        InputTypeError: ``n`` is not an ``int`` (a ``bool`` is refused too; code ``input-type``).
        InputError: ``n`` is beyond :data:`MAX_NUMBER` in magnitude, or ``style`` is unknown
            (code ``input-invalid``).

    Examples:
        >>> number_in_words(21), number_in_words(115), number_in_words(101, style="lẻ")
        ('hai mươi mốt', 'một trăm mười lăm', 'một trăm lẻ một')
        >>> number_in_words(2 * 10**15)
        'hai triệu tỷ'
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputTypeError(
            f"'n' must be an int (got {type(n).__name__} {n!r})",
            field="n",
            hint="pass a whole number as an int, e.g. number_in_words(1005)",
        )
    _check_style(style)
    _check_range(n, "n", "input-invalid")
    return _read(n, style)


def _whole(amount: object) -> int:
    """Check an amount given to :func:`amount_in_words` and return it as an ``int``."""
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise InputTypeError(
            f"'amount' must be a Decimal or an int (got {type(amount).__name__} {amount!r})",
            field="amount",
            hint="floats cannot hold amounts exactly: pass Decimal('1234567') or an int",
        )
    if isinstance(amount, int):
        return amount
    if not amount.is_finite():
        raise InputError(
            f"'amount' must be a finite number of đồng (got {amount})",
            code="input-amount",
            field="amount",
            hint="give a whole amount in đồng",
        )
    if amount.copy_abs() > MAX_NUMBER:  # exact, and before int(): an int of 1E+999999 is costly
        raise InputError(
            f"'amount' is too large to read in words (got {amount}); the largest is {MAX_NUMBER}",
            code="input-amount",
            field="amount",
            hint="amounts in words are read up to 10**21 - 1 (999 999 999 999 tỷ tỷ …)",
        )
    if amount != amount.to_integral_value():
        raise InputError(
            f"'amount' must be a whole number of đồng to be read in words (got {amount})",
            code="input-amount",
            field="amount",
            hint="round it first with ictcost.money.round_vnd",
        )
    return int(amount)


def amount_in_words(
    amount: Decimal | int,
    *,
    currency: str = "đồng",
    capitalize: bool = True,
    style: Style = "linh",
) -> str:
    """Read an amount of money in Vietnamese words (*số tiền bằng chữ*).

    Args:
        amount: A whole amount: an ``int`` or a ``Decimal`` with no fractional part
            (``Decimal("1234567.00")`` is accepted).
        currency: The word appended after the number; ``""`` appends nothing.
        capitalize: Upper-case the first letter, as written on an estimate.
        style: The word for a zero tens before a non-zero unit: ``"linh"`` or ``"lẻ"``.

    Returns:
        The amount in words, e.g. ``"Một trăm linh năm đồng"``.

    Raises:
        InputTypeError: ``amount`` is a ``float``, a ``bool`` or another type (code
            ``input-type``).
        InputError: ``amount`` has a fractional part, is not finite or is beyond
            :data:`MAX_NUMBER` in magnitude (code ``input-amount``); ``style`` is unknown (code
            ``input-invalid``).

    Examples:
        >>> amount_in_words(0), amount_in_words(-105)
        ('Không đồng', 'Âm một trăm linh năm đồng')
        >>> amount_in_words(Decimal("1000000005"), style="lẻ", capitalize=False)
        'một tỷ không trăm lẻ năm đồng'
        >>> amount_in_words(24000, currency="")
        'Hai mươi tư nghìn'
    """
    n = _whole(amount)
    _check_style(style)
    _check_range(n, "amount", "input-amount")
    text = _read(n, style)
    if currency:
        text = f"{text} {currency}"
    if capitalize:
        text = text[:1].upper() + text[1:]
    return text
