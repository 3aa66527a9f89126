"""The check_* functions: returned values, messages "'{name}' must be … (got …)", error codes."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from ictcost.errors import IctcostError, InputError, InputTypeError
from ictcost.money import MAX_AMOUNT, MAX_PLACES
from ictcost.norms import NormRegistry
from ictcost.types import Money, Rate
from ictcost.validation import (
    VAT_TABLE,
    check_date,
    check_money,
    check_norm_ref,
    check_rate,
    check_vat_rate,
)

DISPUTED_DAY = "2025-09-15"  # NQ 204/2025 round: IT goods and services at 8 % or 10 %


# --- check_money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("8500000000"), Decimal("8500000000")),
        (8_500_000_000, Decimal("8500000000")),
        ("8.500.000.000", Decimal("8500000000")),
        ("8_500", Decimal(8500)),
        ("0.5", Decimal("0.5")),
        (0, Decimal(0)),
    ],
)
def test_check_money_returns_the_amount(value: object, expected: Decimal) -> None:
    got = check_money(value, "base")
    assert type(got) is Decimal
    assert got == expected


def test_check_money_options_return_the_amount() -> None:
    assert check_money(152527188, "fee", positive=True, whole=True) == Decimal(152527188)
    assert check_money(Decimal("8.00"), "fee", whole=True) == Decimal(8)


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "code", "message"),
    [
        (8.5, {}, InputTypeError, "input-type", "'base' must be a Decimal, an int or a string"),
        (True, {}, InputTypeError, "input-type", "(got bool True)"),
        (-1, {}, InputError, "input-amount", "'base' must be zero or more (got -1)"),
        (
            0,
            {"positive": True},
            InputError,
            "input-amount",
            "'base' must be greater than zero (got 0)",
        ),
        (
            Decimal("0.5"),
            {"whole": True},
            InputError,
            "input-amount",
            "'base' must be a whole number of đồng (got Decimal('0.5'))",
        ),
        ("8.500", {}, InputError, "input-amount", "'base' is ambiguous (got '8.500')"),
        ("8,5", {}, InputError, "input-amount", "'base' must be a number in đồng (got '8,5')"),
        (
            Decimal("NaN"),
            {},
            InputError,
            "input-amount",
            "'base' must be a finite number (got Decimal('NaN'))",
        ),
    ],
)
def test_check_money_errors(
    value: object, kwargs: dict[str, bool], error: type[IctcostError], code: str, message: str
) -> None:
    with pytest.raises(error) as info:
        check_money(value, "base", **kwargs)
    assert type(info.value) is error
    assert info.value.code == code
    assert message in info.value.message
    assert info.value.field == "base"


def test_check_money_default_name() -> None:
    with pytest.raises(InputError, match="'amount' must be zero or more"):
        check_money(-5)


@given(
    st.decimals(
        min_value=0,
        max_value=MAX_AMOUNT,
        places=MAX_PLACES,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_check_money_returns_any_non_negative_decimal_unchanged(amount: Decimal) -> None:
    assert check_money(amount) == amount


@pytest.mark.parametrize(
    "value",
    [
        0,
        8500,
        -1,
        "8.500.000",
        "8.500",
        "8,5",
        "abc",
        "0.5",
        Decimal("-0.01"),
        Decimal("NaN"),
        8.5,
        True,
        None,
    ],
)
def test_check_money_and_money_type_agree(value: object) -> None:
    try:
        expected: Decimal | None = check_money(value)
    except (InputError, InputTypeError):
        expected = None
    try:
        got: Decimal | None = TypeAdapter(Money).validate_python(value)
    except ValidationError:
        got = None
    assert got == expected


# --- check_rate -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (100, "100"), ("2.809", "2.809"), (Decimal("8.5"), "8.5"), (" 10 ", "10")],
)
def test_check_rate_returns_the_rate(value: object, expected: str) -> None:
    got = check_rate(value, "rate_percent")
    assert type(got) is Decimal
    assert got == Decimal(expected)


def test_check_rate_max_value() -> None:
    assert check_rate(40, "share", max_value=Decimal(40)) == Decimal(40)
    with pytest.raises(InputError) as info:
        check_rate("40.5", "share", max_value=Decimal(40))
    assert info.value.message == "'share' must be between 0 and 40 % (got '40.5')"
    assert info.value.code == "input-invalid"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (120, InputError, "'rate' must be between 0 and 100 % (got 120)"),
        (-1, InputError, "'rate' must be between 0 and 100 % (got -1)"),
        ("8%", InputError, "'rate' must be a number in % (got '8%')"),
        ("8,5", InputError, "'rate' must be a number in % (got '8,5')"),
        (
            Decimal("Infinity"),
            InputError,
            "'rate' must be a finite number (got Decimal('Infinity'))",
        ),
        (8.5, InputTypeError, "'rate' must be a Decimal, an int or a string (got float 8.5)"),
        (None, InputTypeError, "'rate' must be a Decimal, an int or a string (got NoneType None)"),
    ],
)
def test_check_rate_errors(value: object, error: type[IctcostError], message: str) -> None:
    with pytest.raises(error) as info:
        check_rate(value)
    assert type(info.value) is error
    assert info.value.message == message
    assert info.value.code == ("input-type" if error is InputTypeError else "input-invalid")


@pytest.mark.parametrize("value", [0, 100, 101, "2.809", "8%", 8.5, True, Decimal("NaN")])
def test_check_rate_and_rate_type_agree(value: object) -> None:
    try:
        expected: Decimal | None = check_rate(value)
    except (InputError, InputTypeError):
        expected = None
    try:
        got: Decimal | None = TypeAdapter(Rate).validate_python(value)
    except ValidationError:
        got = None
    assert got == expected


# --- check_date -----------------------------------------------------------------------------------


def test_check_date_returns_a_date() -> None:
    assert check_date("2025-09-15", "on") == dt.date(2025, 9, 15)
    day = dt.date(2026, 1, 15)
    assert check_date(day) is day


@pytest.mark.parametrize(
    ("value", "error", "code", "message"),
    [
        ("31/09/2025", InputError, "input-date", "'on' must be a date written dd/mm/yyyy or YYYY-MM-DD (got '31/09/2025')"),
        ("2025-02-29", InputError, "input-date", "'on' must be a date written dd/mm/yyyy or YYYY-MM-DD (got '2025-02-29')"),
        ("2025-9-15", InputError, "input-date", "(got '2025-9-15')"),
        (
            dt.datetime(2025, 9, 15, 8, 0),
            InputTypeError,
            "input-type",
            "'on' must be a date without a time (got datetime.datetime(2025, 9, 15, 8, 0))",
        ),
        (20250915, InputTypeError, "input-type", "'on' must be a datetime.date or a dd/mm/yyyy or YYYY-MM-DD string (got int 20250915)"),
    ],
)  # fmt: skip
def test_check_date_errors(
    value: object, error: type[IctcostError], code: str, message: str
) -> None:
    with pytest.raises(error) as info:
        check_date(value, "on")
    assert type(info.value) is error
    assert info.value.code == code
    assert message in info.value.message


def test_check_date_default_name() -> None:
    with pytest.raises(InputError, match=r"^'date' must be"):
        check_date("yesterday")


# --- check_vat_rate -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "category", "on", "expected"),
    [
        (8, "general", DISPUTED_DAY, Decimal(8)),
        ("8.0", "general", DISPUTED_DAY, Decimal(8)),
        (Decimal(10), "excluded_from_reduction", dt.date(2025, 9, 15), Decimal(10)),
        (8, "general", "2024-08-01", Decimal(8)),
        (10, "it_goods_services", "2024-08-01", Decimal(10)),  # excluded in NĐ 72/2024
        (10, "it_goods_services", "2025-03-01", Decimal(10)),  # excluded in NĐ 180/2024
        (10, "general", "2027-01-01", Decimal(10)),  # the reduction has ended
        (10, "it_goods_services", "2027-01-01", Decimal(10)),
    ],
)
def test_check_vat_rate_returns_the_table_rate(
    rate: object, category: str, on: str | dt.date, expected: Decimal
) -> None:
    got = check_vat_rate(rate, category=category, on=on)
    assert got == expected
    assert str(got) == str(expected)  # as the table writes it ("8", not "8.0")


@pytest.mark.parametrize("rate", [8, "8", "8.0", Decimal(8)])
def test_it_vat_2025_2026_is_8_percent(rate: object) -> None:
    # no longer disputed (secondary-8, legal-research-2026-12 §5): 10 % is refused
    assert check_vat_rate(rate, category="it_goods_services", on=DISPUTED_DAY) == Decimal(8)


def test_it_vat_2025_2026_refuses_10_percent_and_cites_the_table() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(10, category="it_goods_services", on=DISPUTED_DAY)
    err = info.value
    assert err.code == "input-invalid"
    assert err.field == "vat_rate"
    assert err.message.startswith(
        "'vat_rate' must be 8 % for VAT category 'it_goods_services' on 2025-09-15 (got 10)"
    )
    assert "disputed" not in err.message
    assert err.context["expected"] == "8"
    assert "NĐ 174/2025" in err.context["citation"]


def test_wrong_vat_rate_names_the_expected_rate_and_the_citation() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(8, category="it_goods_services", on="2025-03-01", name="line_3.vat_rate")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.code == "input-invalid"
    assert err.message.startswith(
        "'line_3.vat_rate' must be 10 % for VAT category 'it_goods_services' on 2025-03-01 "
        "(got 8). Source: "
    )
    assert "NĐ 180/2024" in err.message
    assert "also accepted" not in err.message
    assert err.context == {
        "expected": "10",
        "alternatives": (),
        "citation": err.context["citation"],
    }


def test_taxable_category_refuses_none() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(None, category="general", on=DISPUTED_DAY)
    assert "'vat_rate' must be 8 % for VAT category 'general' on 2025-09-15 (got None)" in str(
        info.value
    )
    assert "None means not subject to VAT" in (info.value.hint or "")


def test_software_is_not_subject_so_none_is_the_only_value() -> None:
    assert check_vat_rate(None, category="software", on=DISPUTED_DAY) is None
    assert check_vat_rate(None, category="software", on="2027-06-01") is None


def test_software_refuses_zero_because_khong_chiu_thue_is_not_zero_percent() -> None:
    for zero in (0, "0", Decimal("0.0")):
        with pytest.raises(InputError) as info:
            check_vat_rate(zero, category="software", on=DISPUTED_DAY)
        err = info.value
        assert err.code == "input-invalid"
        assert err.message.startswith(
            "'vat_rate' must be None (không chịu thuế, not subject to VAT) for VAT category "
            f"'software' on 2025-09-15 (got {zero!r}): không chịu thuế is not 0 %"
        )
        assert "KCT" in err.message
        assert "vat-rates row software column treatment = not_subject" in err.message
        assert err.context["expected"] is None


def test_software_refuses_a_taxable_rate() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(10, category="software", on=DISPUTED_DAY)
    assert "must be None (không chịu thuế, not subject to VAT)" in info.value.message
    assert "(got 10). Source:" in info.value.message
    assert "is not 0 %" not in info.value.message


def test_a_date_without_vat_data_is_a_clear_error() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(10, category="general", on="2008-06-01")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.code == "norm-version-not-found"
    assert err.field == "on"
    assert err.message.startswith(
        "'on' must be a date for which VAT rates are encoded (got 2008-06-01)"
    )
    assert "give the VAT rate with its legal basis explicitly" in (err.hint or "")


def test_a_category_missing_on_the_date_is_named() -> None:
    # before 2024-07-01 only software (không chịu thuế since 2009) is encoded: the reduction
    # rounds of 2022-2024 were not read, so a general rate is not guessed
    with pytest.raises(InputError) as info:
        check_vat_rate(10, category="general", on="2024-01-01")
    err = info.value
    assert err.code == "input-invalid"
    assert err.field == "category"
    assert err.message == (
        "'category' must be a VAT category of table vat-rates on 2024-01-01 (got 'general')"
    )
    assert "software" in (err.hint or "")
    assert check_vat_rate(None, category="software", on="2025-03-01") is None
    with pytest.raises(InputError, match="got 'hardware'"):
        check_vat_rate(10, category="hardware", on=DISPUTED_DAY)


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"rate": 8.0, "on": DISPUTED_DAY}, InputTypeError, "input-type"),
        ({"rate": "8 %", "on": DISPUTED_DAY}, InputError, "input-invalid"),
        ({"rate": 8, "on": "31/09/2025"}, InputError, "input-date"),
        ({"rate": 8, "on": 2025}, InputTypeError, "input-type"),
    ],
)
def test_check_vat_rate_bad_inputs(
    kwargs: dict[str, object], error: type[IctcostError], code: str
) -> None:
    with pytest.raises(error) as info:
        check_vat_rate(category="general", **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code


def test_check_vat_rate_uses_the_registry_given() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(8, category="general", on=DISPUTED_DAY, registry=NormRegistry({}))
    assert info.value.code == "norm-not-found"
    assert VAT_TABLE in info.value.message
    assert check_vat_rate(
        8, category="general", on=DISPUTED_DAY, registry=NormRegistry.shipped()
    ) == Decimal(8)


def test_check_vat_rate_errors_pickle() -> None:
    with pytest.raises(InputError) as info:
        check_vat_rate(5, category="it_goods_services", on=DISPUTED_DAY)
    back = pickle.loads(pickle.dumps(info.value))
    assert back.message == info.value.message
    assert back.context == info.value.context


# --- check_norm_ref -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "on"),
    [
        ("vat-rates/general/rate", None),
        ("vat-rates/general/rate", "2024-08-01"),
        ("vat-rates/software/treatment", None),
        ("vat-rates/software/treatment", dt.date(2025, 9, 15)),
        ("qd1688-1b/7/project", "2026-01-15"),
        ("qd1688-1b/7.0/project", None),
    ],
)
def test_check_norm_ref_returns_the_reference(value: str, on: str | dt.date | None) -> None:
    assert check_norm_ref(value, on=on) == value


@pytest.mark.parametrize(
    ("value", "on", "error", "code", "message"),
    [
        (42, None, InputTypeError, "input-type", "'ref' must be a string 'table/row/column' (got int 42)"),
        ("vat-rates/general", None, InputError, "input-invalid", "'ref' must be a reference 'table/row/column' (got 'vat-rates/general')"),
        ("vat-rates//rate", None, InputError, "input-invalid", "(got 'vat-rates//rate')"),
        ("vat-rate/general/rate", None, InputError, "norm-not-found", "'ref' must refer to a norm table (got 'vat-rate/general/rate'): no norm table with id 'vat-rate'"),
        ("vat-rates/general/rate", "2008-01-01", InputError, "norm-version-not-found", "'ref' must refer to a norm table in force on 2008-01-01"),
        ("vat-rates/general/rate", "2024-01-01", InputError, "norm-value-not-found", "the version in force on 2024-01-01 (2014-01-01 → 2024-06-30) has no value in row 'general'"),
        ("vat-rates/general/nope", None, InputError, "norm-value-not-found", "'ref' must refer to a cell of table vat-rates (got 'vat-rates/general/nope'): no version of the table has a value in row 'general', column 'nope'"),
        ("vat-rates/excluded_from_reduction/rate", "2020-03-01", InputError, "norm-value-not-found", "the version in force on 2020-03-01 (2014-01-01 → 2024-06-30) has no value in row 'excluded_from_reduction'"),
        ("vat-rates/general/rate", "32/01/2025", InputError, "input-date", "'on' must be a date"),
    ],
)  # fmt: skip
def test_check_norm_ref_errors(
    value: object, on: str | None, error: type[IctcostError], code: str, message: str
) -> None:
    with pytest.raises(error) as info:
        check_norm_ref(value, on=on)
    assert type(info.value) is error
    assert info.value.code == code
    assert message in info.value.message


def test_check_norm_ref_suggests_and_names_the_input() -> None:
    with pytest.raises(InputError) as info:
        check_norm_ref("vat-rate/general/rate", "basis")
    assert info.value.field == "basis"
    assert info.value.message.startswith("'basis' must refer to a norm table")
    assert "did you mean vat-rates" in (info.value.hint or "")


def test_check_norm_ref_uses_the_registry_given() -> None:
    with pytest.raises(InputError) as info:
        check_norm_ref("vat-rates/general/rate", registry=NormRegistry({}))
    assert info.value.code == "norm-not-found"


def test_check_date_reads_the_vietnamese_form() -> None:
    assert check_date("15/09/2025", "on") == dt.date(2025, 9, 15)
    assert check_date("5/9/2025", "on") == dt.date(2025, 9, 5)
    with pytest.raises(InputError, match="dd/mm/yyyy"):
        check_date("15/09/25", "on")  # a two-digit year is ambiguous
