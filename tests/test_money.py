"""Money: the one rounding rule, Vietnamese formatting and the refusal of ambiguous amounts."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictcost.errors import InputError, InputTypeError
from ictcost.money import CONTEXT, ROUNDING, exact, format_vnd, parse_amount, round_vnd, to_amount

# --- round_vnd ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0.5", "1"),
        ("-0.5", "-1"),
        ("1.5", "2"),
        ("-1.5", "-2"),
        ("2.5", "3"),
        ("-2.5", "-3"),
        ("127499.5", "127500"),
        ("127499.4999999", "127499"),
        ("-127499.5000001", "-127500"),
        ("152527187.6", "152527188"),
        ("0.4", "0"),
        ("7", "7"),
        ("1E+3", "1000"),
    ],
)
def test_round_vnd_half_away_from_zero(amount: str, expected: str) -> None:
    got = round_vnd(Decimal(amount))
    assert type(got) is Decimal
    assert got == Decimal(expected)
    assert got.as_tuple().exponent == 0


def test_round_vnd_is_not_bankers_rounding() -> None:
    assert round(Decimal("2.5")) == 2  # Python's round() rounds half to even
    assert round_vnd(Decimal("2.5")) == 3
    assert round(Decimal("-2.5")) == -2
    assert round_vnd(Decimal("-2.5")) == -3
    assert ROUNDING == "ROUND_HALF_UP"


def test_exact_context() -> None:
    assert CONTEXT.prec == 60
    with exact():
        third = Decimal(1) / Decimal(3)
    assert len(third.as_tuple().digits) == 60
    with localcontext() as ctx:
        ctx.prec = 28
        assert len((Decimal(1) / Decimal(3)).as_tuple().digits) == 28


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**15), max_value=10**15
    )
)
def test_round_vnd_matches_floor_of_half_up(amount: Decimal) -> None:
    # independent oracle: half away from zero is floor(|x| + 1/2) with the sign put back
    magnitude = math.floor(abs(amount) + Decimal("0.5"))
    expected = Decimal(magnitude if amount >= 0 else -magnitude)
    got = round_vnd(amount)
    assert got == expected
    assert abs(got - amount) <= Decimal("0.5")


# --- format_vnd -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal(0), "0"),
        (0, "0"),
        (Decimal(5), "5"),
        (Decimal(999), "999"),
        (Decimal(1000), "1.000"),
        (Decimal(1234567), "1.234.567"),
        (1234567, "1.234.567"),
        (Decimal(-1234567), "-1.234.567"),
        (Decimal("-1234.5"), "-1.234,5"),
        (Decimal("1234567.89"), "1.234.567,89"),
        (Decimal("0.50"), "0,50"),
        (Decimal("-0.4"), "-0,4"),
        (Decimal(-0), "0"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("8500000000"), "8.500.000.000"),
    ],
)
def test_format_vnd(amount: Decimal | int, expected: str) -> None:
    assert format_vnd(amount) == expected


def _unformat(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_format_vnd_round_trips_integers(n: int) -> None:
    text = format_vnd(Decimal(n))
    assert _unformat(text) == n
    assert "," not in text
    groups = text.lstrip("-").split(".")
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**15), max_value=10**15
    )
)
def test_format_vnd_round_trips_two_decimal_amounts(amount: Decimal) -> None:
    text = format_vnd(amount)
    assert _unformat(text) == amount
    assert text.count(",") <= 1


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_amount_reads_formatted_integers_unless_ambiguous(n: int) -> None:
    text = format_vnd(n)
    if text.count(".") == 1:  # 1.000 .. 999.999: one dot and three digits is ambiguous
        with pytest.raises(InputError) as info:
            parse_amount(text)
        assert info.value.code == "input-amount"
    else:
        assert parse_amount(text) == n


# --- parse_amount ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8500000000", "8500000000"),
        ("8.500.000", "8500000"),
        ("8.500.000.000", "8500000000"),
        ("8_500", "8500"),
        ("8_500_000_000", "8500000000"),
        ("8 500 000", "8500000"),
        ("8.5", "8.5"),
        ("8.50", "8.50"),
        ("8.5000", "8.5000"),
        ("  42  ", "42"),
        ("0", "0"),
        ("-8.500.000", "-8500000"),
    ],
)
def test_parse_amount_accepts(text: str, expected: str) -> None:
    got = parse_amount(text)
    assert type(got) is Decimal
    assert got == Decimal(expected)
    assert str(got) == expected  # exact digits, trailing zeros kept


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("8.500", "'amount' is ambiguous (got '8.500'): is it 8500 or 8.500?"),
        ("-1.000", "'amount' is ambiguous (got '-1.000')"),
        ("8,5", "'amount' must be a number in đồng (got '8,5')"),
        ("8,500", "must be a number in đồng"),
        ("8.500,5", "must be a number in đồng"),
        ("1.000.000,50", "must be a number in đồng"),
        ("8.500_000", "must be a number in đồng"),
        ("8_500.000", "must be a number in đồng"),
        ("8 500.000", "must be a number in đồng"),
        ("8.500.00", "must be a number in đồng"),
        ("85.00.000", "must be a number in đồng"),
        ("NaN", "must be a number in đồng"),
        ("Infinity", "must be a number in đồng"),
        ("-inf", "must be a number in đồng"),
        ("1e3", "must be a number in đồng"),
        ("", "must be a number in đồng"),
        ("tám tỷ", "must be a number in đồng"),
    ],
)
def test_parse_amount_refuses(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        parse_amount(text)
    err = info.value
    assert type(err) is InputError
    assert err.code == "input-amount"
    assert err.field == "amount"
    assert fragment in err.message
    assert err.hint


def test_parse_amount_names_the_field() -> None:
    with pytest.raises(InputError) as info:
        parse_amount("8.500", name="base")
    assert info.value.field == "base"
    assert info.value.message.startswith("'base' is ambiguous")


# --- to_amount ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("8500000000"), Decimal("8500000000")),
        (8_500_000_000, Decimal("8500000000")),
        ("8.500.000.000", Decimal("8500000000")),
        (0, Decimal(0)),
        (Decimal("0.5"), Decimal("0.5")),
    ],
)
def test_to_amount_accepts(value: object, expected: Decimal) -> None:
    got = to_amount(value, "base")
    assert type(got) is Decimal
    assert got == expected


@pytest.mark.parametrize("value", [8.5e9, 0.0, True, False, None, [1], b"8500", complex(1, 0)])
def test_to_amount_refuses_other_types(value: object) -> None:
    with pytest.raises(InputTypeError) as info:
        to_amount(value, "base")
    err = info.value
    assert isinstance(err, TypeError)
    assert not isinstance(err, ValueError)
    assert err.code == "input-type"
    assert err.field == "base"
    assert err.message.startswith(
        f"'base' must be a Decimal, an int or a string (got {type(value).__name__} {value!r})"
    )


@pytest.mark.parametrize(
    ("value", "positive", "fragment"),
    [
        (-1, False, "'base' must be zero or more (got -1)"),
        (Decimal("-0.01"), False, "must be zero or more"),
        ("-8.500.000", False, "must be zero or more"),
        (0, True, "'base' must be greater than zero (got 0)"),
        (Decimal("0.00"), True, "must be greater than zero"),
        ("0", True, "must be greater than zero"),
        (Decimal("NaN"), False, "'base' must be a finite number (got Decimal('NaN'))"),
        (Decimal("sNaN"), False, "must be a finite number"),
        (Decimal("Infinity"), False, "must be a finite number"),
        (Decimal("-Infinity"), True, "must be a finite number"),
        ("NaN", False, "'base' must be a number in đồng (got 'NaN')"),
        ("Infinity", False, "must be a number in đồng"),
        ("8.500", False, "ambiguous"),
    ],
)
def test_to_amount_refuses_values(value: object, positive: bool, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        to_amount(value, "base", positive=positive)
    err = info.value
    assert type(err) is InputError
    assert err.code == "input-amount"
    assert err.field == "base"
    assert fragment in err.message
