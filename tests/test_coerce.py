"""The one coercion core (``ictcost._internal._coerce``) and the faces that word its refusals.

Every accepted text round-trips through the core's own writer, floats are refused everywhere, and
``money``, ``types``, ``validation`` and the norm registry keep their messages and codes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from ictcost._internal._coerce import (
    AMBIGUOUS_HINT,
    NOT_AN_AMOUNT_HINT,
    CoercionError,
    amount_text,
    coerce_amount,
    coerce_date,
    coerce_percent,
    has_cell,
    is_whole,
    parse_amount_text,
    percent_text,
    same_number,
    split_ref,
)
from ictcost.errors import InputError, InputTypeError
from ictcost.money import parse_amount, to_amount
from ictcost.norms.registry import NormRegistry
from ictcost.types import IsoDate, Money, Rate
from ictcost.validation import check_date, check_money, check_rate


def _reason(fn, *args, **kwargs) -> str:
    with pytest.raises(CoercionError) as exc:
        fn(*args, **kwargs)
    return exc.value.reason


def _attempt(fn, value):
    """Return ``fn(value)``, or the ``CoercionError`` it raises."""
    try:
        return fn(value)
    except CoercionError as exc:
        return exc


# --- amounts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8500000000", "8500000000"),
        ("8.500.000.000", "8500000000"),
        ("8_500_000_000", "8500000000"),
        ("8_500", "8500"),
        ("8 500 000", "8500000"),
        (" 8 500 ", "8500"),
        ("8.5", "8.5"),
        ("8.50", "8.50"),
        ("8.5000", "8.5000"),
        ("+12", "12"),
        ("-12", "-12"),
        ("0", "0"),
    ],
)
def test_amount_text_accepted(text: str, expected: str) -> None:
    assert parse_amount_text(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "reason", "hint"),
    [
        ("8.500", "ambiguous", AMBIGUOUS_HINT),
        ("-1.234", "ambiguous", AMBIGUOUS_HINT),
        ("8,5", "invalid", NOT_AN_AMOUNT_HINT),
        ("8.500,5", "invalid", NOT_AN_AMOUNT_HINT),
        ("8.500_000", "invalid", NOT_AN_AMOUNT_HINT),
        ("1e3", "invalid", NOT_AN_AMOUNT_HINT),
        ("NaN", "invalid", NOT_AN_AMOUNT_HINT),
        ("", "invalid", NOT_AN_AMOUNT_HINT),
        ("٣", "invalid", NOT_AN_AMOUNT_HINT),  # a non-ASCII digit is not a digit of an amount
    ],
)
def test_amount_text_refused_with_a_hint(text: str, reason: str, hint: str) -> None:
    with pytest.raises(CoercionError) as exc:
        parse_amount_text(text)
    assert (exc.value.reason, exc.value.hint, exc.value.value) == (reason, hint, text)


@pytest.mark.parametrize(
    ("value", "kwargs", "reason"),
    [
        (8.5, {}, "float"),
        (True, {}, "bool"),
        (None, {}, "type"),
        ([1], {}, "type"),
        ("8.500", {}, "ambiguous"),
        ("abc", {}, "invalid"),
        (Decimal("NaN"), {}, "not_finite"),
        (Decimal("-Infinity"), {}, "not_finite"),
        (-1, {}, "negative"),
        ("-8.500.000", {}, "negative"),
        (0, {"positive": True}, "zero"),
        (Decimal("0.5"), {"whole": True}, "fraction"),
    ],
)
def test_amount_refusals_in_order(value: object, kwargs: dict[str, bool], reason: str) -> None:
    assert _reason(coerce_amount, value, **kwargs) == reason


def test_amount_negative_zero_is_zero_and_whole_means_no_fraction() -> None:
    zero = coerce_amount(Decimal("-0"))
    assert zero == 0
    assert not zero.is_signed()
    assert coerce_amount(Decimal("8.00"), whole=True) == 8
    assert is_whole(Decimal("1E+3"))
    assert not is_whole(Decimal("0.001"))


def test_amount_text_writer() -> None:
    assert amount_text(Decimal("1E+3")) == "1000"
    assert amount_text(Decimal("1.234")) == "1.2340"  # "1.234" would be read as ambiguous
    assert amount_text(Decimal("-1.234")) == "-1.2340"
    assert amount_text(Decimal("1234.50")) == "1234.50"
    assert amount_text(Decimal("1.5E-7")) == "0.00000015"


AMOUNT_ALPHABET = st.sampled_from(list("0123456789._ +-,e"))


@given(st.text(AMOUNT_ALPHABET, max_size=16))
def test_every_accepted_amount_text_round_trips(text: str) -> None:
    value = _attempt(parse_amount_text, text)
    if isinstance(value, CoercionError):
        assert value.reason in {"ambiguous", "invalid"}
        assert value.hint
    else:
        assert value.is_finite()
        assert parse_amount_text(amount_text(value)) == value


def _grouped(n: int, sep: str) -> str:
    digits = str(n)
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return sep.join(reversed(groups))


@given(st.integers(min_value=1_000_000, max_value=10**15), st.sampled_from([".", "_", " "]))
def test_grouped_thousands_read_as_written(n: int, sep: str) -> None:
    text = _grouped(n, sep)
    assert parse_amount_text(text) == n
    assert coerce_amount(text) == n
    assert parse_amount_text(amount_text(Decimal(n))) == n


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=10**12, places=4))
def test_every_amount_written_is_read_back(value: Decimal) -> None:
    assert coerce_amount(amount_text(value)) == value
    assert coerce_amount(value) == value


@given(st.floats())
def test_floats_are_refused_everywhere(value: float) -> None:
    assert _reason(coerce_amount, value) == "float"
    assert _reason(coerce_percent, value) == "float"
    assert _reason(coerce_date, value) == "type"


# --- percentages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(8, "8"), ("2.809", "2.809"), (" 8 ", "8"), ("-1.5", "-1.5"), (Decimal("1E+1"), "10")],
)
def test_percent_accepted(value: object, expected: str) -> None:
    assert coerce_percent(value) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (8.5, "float"),
        (False, "bool"),
        (None, "type"),
        ("8 %", "invalid"),
        ("8,5", "invalid"),
        ("1e1", "invalid"),
        ("1.000.000", "invalid"),
        (Decimal("NaN"), "not_finite"),
    ],
)
def test_percent_refused(value: object, reason: str) -> None:
    assert _reason(coerce_percent, value) == reason


@given(st.text(st.sampled_from(list("0123456789.+- %,")), max_size=10))
def test_every_accepted_percent_text_round_trips(text: str) -> None:
    value = _attempt(coerce_percent, text)
    if isinstance(value, CoercionError):
        assert value.reason == "invalid"
    else:
        assert coerce_percent(percent_text(value)) == value
        assert "E" not in percent_text(value)


# --- dates ----------------------------------------------------------------------------------------


@given(st.dates())
def test_every_date_round_trips_through_its_iso_text(day: dt.date) -> None:
    assume(day.year >= 1000)  # YYYY has four digits
    assert coerce_date(day.isoformat()) == day
    assert coerce_date(day) == day


@given(st.text(st.sampled_from(list("0123456789-/T :")), max_size=12))
def test_every_accepted_date_text_is_its_iso_form(text: str) -> None:
    day = _attempt(coerce_date, text)
    if isinstance(day, CoercionError):
        assert day.reason == "format"
    else:
        assert day.isoformat() == text


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-02-30", "format"),
        ("15/01/2026", "format"),
        ("2026-1-15", "format"),
        ("20260115", "format"),
        ("2026-01-15T00:00", "format"),
        (20260115, "type"),
        (None, "type"),
        (dt.datetime(2026, 1, 15, 9, 30), "datetime"),
    ],
)
def test_date_refused(value: object, reason: str) -> None:
    assert _reason(coerce_date, value) == reason


def test_datetime_is_cut_to_its_date_only_when_allowed() -> None:
    moment = dt.datetime(2026, 1, 15, 23, 59)
    assert coerce_date(moment, allow_datetime=True) == dt.date(2026, 1, 15)
    assert _reason(coerce_date, moment) == "datetime"


# --- references -----------------------------------------------------------------------------------


def test_split_ref_and_same_number() -> None:
    assert split_ref("qd1688-1b/7/project") == ("qd1688-1b", "7", "project")
    assert split_ref("vat-rates/general") is None
    assert split_ref("a//b") is None
    assert split_ref("a/b/c/d") is None
    assert same_number(Decimal(7), "7.0")
    assert not same_number(Decimal(7), "7e0")
    assert not same_number(Decimal(7), "seven")


def test_has_cell_by_key_and_by_breakpoint() -> None:
    registry = NormRegistry.shipped()
    vat = registry.table("vat-rates")
    assert has_cell(vat, "general", "rate")
    assert not has_cell(vat, "software", "rate")
    rates = registry.table("qd1688-1b")
    row = next(r for r in rates.versions[0].rows if r.at is not None)
    column = next(iter(row.values))
    assert has_cell(rates, format(row.at, "f"), column)
    assert not has_cell(rates, "no-such-row", column)


# --- the public faces keep their words ------------------------------------------------------------


def test_money_face() -> None:
    with pytest.raises(
        InputError, match=r"'base' is ambiguous \(got '8.500'\): is it 8500 or 8.500\?"
    ):
        parse_amount("8.500", "base")
    with pytest.raises(InputTypeError, match=r"'base' must be a Decimal, an int or a string"):
        to_amount(8.5, "base")
    with pytest.raises(InputError, match=r"'base' must be greater than zero \(got 0\)") as exc:
        to_amount(0, "base", positive=True)
    assert exc.value.code == "input-amount"
    with pytest.raises(InputError, match="must be a finite number"):
        to_amount(Decimal("Infinity"), "base")


def test_validation_face() -> None:
    with pytest.raises(InputError, match=r"'fee' must be a whole number of đồng"):
        check_money(Decimal("0.5"), "fee", whole=True)
    with pytest.raises(InputTypeError, match=r"'rate' must be a Decimal, an int or a string"):
        check_rate(8.5)
    with pytest.raises(InputError, match=r"'rate' must be a number in % \(got '8 %'\)"):
        check_rate("8 %")
    with pytest.raises(InputTypeError, match="without a time"):
        check_date(dt.datetime(2026, 1, 15))
    with pytest.raises(InputError, match="written dd/mm/yyyy or YYYY-MM-DD") as exc:
        check_date("2026-02-30")
    assert exc.value.code == "input-date"


class _Typed(BaseModel):
    amount: Money | None = None
    rate: Rate | None = None
    day: IsoDate | None = None


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("amount", 8.5, "ictcost_money_float"),
        ("amount", "8.500", "ictcost_money_invalid"),
        ("amount", -1, "ictcost_money_negative"),
        ("rate", 8.5, "ictcost_rate_float"),
        ("rate", "8 %", "ictcost_rate_invalid"),
        ("rate", 120, "ictcost_rate_range"),
        ("day", "2026-02-30", "ictcost_date"),
    ],
)
def test_types_face(field: str, value: object, kind: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _Typed.model_validate({field: value})
    assert exc.value.errors()[0]["type"] == kind


def test_types_hint_comes_from_the_core() -> None:
    with pytest.raises(ValidationError) as exc:
        _Typed(amount="8.500")
    assert AMBIGUOUS_HINT in exc.value.errors()[0]["msg"]


def test_registry_date_face() -> None:
    registry = NormRegistry.shipped()
    assert registry.get("vat-rates", dt.datetime(2026, 1, 15, 8)).on == dt.date(2026, 1, 15)
    with pytest.raises(
        InputError, match=r"'on' must be a date \(YYYY-MM-DD\) \(got '2026-13-01'\)"
    ):
        registry.get("vat-rates", "2026-13-01")
