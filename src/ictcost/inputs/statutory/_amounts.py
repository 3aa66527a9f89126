"""Reading the figures of a statutory workbook's cells: amounts, quantities and VAT rates.

Amounts are numbers or text with dots, commas or spaces as thousands separators
(:func:`parse_amount`), scaled by the sheet's unit (:data:`UNITS`) and rounded to whole đồng
past 2 decimals (:func:`to_money`); VAT rates are ``8%``, ``8``, a percentage cell or ``KCT``
(:func:`to_rate`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from ictcost.inputs.statutory._text import fold

__all__ = [
    "THOUSANDS",
    "UNITS",
    "ZERO",
    "Figure",
    "Rate",
    "parse_amount",
    "percents_in",
    "to_money",
    "to_number",
    "to_rate",
]

THOUSANDS: Final = "one separator before three digits: a thousands separator"


ZERO: Final = Decimal(0)


_PERCENT: Final = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


UNITS: Final = {
    "dong": Decimal(1),
    "vnd": Decimal(1),
    "nghindong": Decimal(1000),
    "ngandong": Decimal(1000),
    "1000dong": Decimal(1000),
    "trieudong": Decimal(1_000_000),
    "1000000dong": Decimal(1_000_000),
    "tydong": Decimal(1_000_000_000),
}


@dataclass(slots=True)
class Figure:
    value: Decimal
    assumed: str | None = None


def parse_amount(text: str) -> Figure:
    """Read an amount written as text: ``1.234.567``, ``1,234,567``, ``1 234 567 đ``, ``(1.500)``.

    Raises:
        ValueError: not an amount.
    """
    t = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ").strip()
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    t = re.sub(r"(?i)\s*(đồng|đ|vnđ|vnd)\.?$", "", t).strip()
    t = re.sub(r"(?i)^(vnđ|vnd)\s*", "", t).strip()
    if t[:1] in {"-", "−"}:
        negative, t = not negative, t[1:].strip()
    digits, assumed = _digits(t, text)
    value = Decimal(digits)
    return Figure(-value if negative else value, assumed)


def _digits(t: str, text: str) -> tuple[str, str | None]:
    """The plain digits of an amount (``1234.5``) and what was assumed to read them."""
    if re.fullmatch(r"\d{1,3}( \d{3})+", t):
        return t.replace(" ", ""), None
    if "." in t and "," in t:
        group, dec = (".", ",") if t.rfind(",") > t.rfind(".") else (",", ".")
        whole, _, frac = t.rpartition(dec)
        if not re.fullmatch(rf"\d{{1,3}}(\{group}\d{{3}})*", whole) or not frac.isdigit():
            raise ValueError(repr(text))
        return whole.replace(group, "") + "." + frac, None
    if "." in t or "," in t:
        sep = "." if "." in t else ","
        parts = t.split(sep)
        if len(parts) > 2:
            if not re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", t):
                raise ValueError(repr(text))
            return t.replace(sep, ""), None
        if not (parts[0].isdigit() and parts[1].isdigit()):
            raise ValueError(repr(text))
        if len(parts[1]) == 3:
            return t.replace(sep, ""), THOUSANDS
        return parts[0] + "." + parts[1], None
    if t.isdigit():
        return t, None
    raise ValueError(repr(text))


def to_money(value: object, scale: Decimal) -> Figure | None:
    """A cell's value as an amount in đồng (``None``: empty or a dash); ValueError if none."""
    figure: Figure
    if value is None or (isinstance(value, str) and value.strip() in {"", "-", "—", "–", "x"}):
        return None
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        raise TypeError(repr(value))
    if isinstance(value, float):
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise ValueError(repr(value))
        figure = Figure(amount)
    elif isinstance(value, (int, Decimal)):
        figure = Figure(Decimal(value))
    elif isinstance(value, str):
        figure = parse_amount(value)
    else:
        raise TypeError(repr(value))
    if scale != 1:
        figure.value *= scale
    if figure.value != figure.value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        whole = figure.value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        note = f"{figure.value} rounded to {whole} đồng"
        figure = Figure(whole, f"{figure.assumed}; {note}" if figure.assumed else note)
    return figure


def to_number(value: object) -> Decimal | None:
    """A quantity: a number, or text with a decimal comma or point; ValueError if none."""
    if value is None or (isinstance(value, str) and value.strip() in {"", "-", "—", "–"}):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise TypeError(repr(value))
    text = str(value).replace("\u00a0", "").replace(" ", "")
    if isinstance(value, str) and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(repr(value)) from exc
    if not number.is_finite():
        raise ValueError(repr(value))
    return number


@dataclass(slots=True)
class Rate:
    rate: Decimal | None = None
    not_subject: bool = False
    assumed: str | None = None


def to_rate(value: object, number_format: str) -> Rate:
    """A VAT rate cell: ``8%``, ``8 %``, ``8``, a percentage cell, ``KCT``; ValueError if none."""
    if isinstance(value, str):
        return _text_rate(value)
    number = to_number(value)
    if number is None:
        return Rate()
    if "%" in number_format:
        return Rate((number * 100).normalize())
    if 0 < number < 1:
        shown = (number * 100).normalize()
        return Rate(shown, assumed=f"{number} read as {shown} %")
    return Rate(number.normalize())


def _text_rate(value: str) -> Rate:
    if fold(value) in {"kct", "khongchiuthue", "khongchiuthuegtgt"}:
        return Rate(not_subject=True)
    text = value.strip()
    if text in {"", "-", "—", "–", "x"}:
        return Rate()
    text = text.removesuffix("%").strip().replace(",", ".")
    try:
        return Rate(Decimal(text).normalize())
    except InvalidOperation as exc:
        raise ValueError(repr(value)) from exc


def percents_in(text: str | None) -> list[Decimal]:
    return [Decimal(m[1].replace(",", ".")) for m in _PERCENT.finditer(text or "")]
