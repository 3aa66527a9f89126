"""The reusable pydantic types inside a foreign model: values, stable error types, JSON, schemas."""

from __future__ import annotations

import ast
import datetime as dt
import doctest
import inspect
import itertools
from decimal import Decimal
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import ictcost.types
from ictcost.money import MAX_AMOUNT
from ictcost.types import (
    VAT_RATES,
    IsoDate,
    Money,
    NormId,
    NormRef,
    Rate,
    VatRate,
    WholeMoney,
)

ALL_TYPES: dict[str, Any] = {
    "Money": Money,
    "WholeMoney": WholeMoney,
    "Rate": Rate,
    "VatRate": VatRate,
    "NormId": NormId,
    "NormRef": NormRef,
    "IsoDate": IsoDate,
}


class Purchase(BaseModel):
    """A model of another tool, using the ictcost types as field types."""

    amount: Money
    paid: WholeMoney | None = None
    discount: Rate = Decimal(0)
    vat_rate: VatRate | None = None
    table: NormId | None = None
    basis: NormRef | None = None
    signed: IsoDate | None = None


def _error(field: str, value: object) -> dict[str, Any]:
    data: dict[str, object] = {"amount": 1, field: value}
    with pytest.raises(ValidationError) as info:
        Purchase.model_validate(data)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    assert errors[0]["loc"] == (field,)
    return dict(errors[0])


# --- Money ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("8500000000"), "8500000000"),
        (8_500_000_000, "8500000000"),
        ("8500000000", "8500000000"),
        ("8.500.000.000", "8500000000"),
        ("8_500_000", "8500000"),
        ("8 500", "8500"),
        (" 42 ", "42"),
        ("8.5", "8.5"),
        ("1234.50", "1234.50"),
        (Decimal("0.01"), "0.01"),
        (0, "0"),
        (Decimal("-0"), "0"),
    ],
)
def test_money_accepts(value: object, expected: str) -> None:
    got = Purchase(amount=value).amount
    assert type(got) is Decimal
    assert got == Decimal(expected)
    assert not got.is_signed()


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        (8.5, "ictcost_money_float"),
        (8500000.0, "ictcost_money_float"),
        (True, "ictcost_money_float"),
        (False, "ictcost_money_float"),
        (-1, "ictcost_money_negative"),
        (Decimal("-0.01"), "ictcost_money_negative"),
        ("-8.500.000", "ictcost_money_negative"),
        ("8.500", "ictcost_money_invalid"),  # 8 500 or 8,5? refused as ambiguous
        ("8,5", "ictcost_money_invalid"),
        ("8.500,5", "ictcost_money_invalid"),
        ("abc", "ictcost_money_invalid"),
        ("", "ictcost_money_invalid"),
        ("1e3", "ictcost_money_invalid"),
        (Decimal("NaN"), "ictcost_money_invalid"),
        (Decimal("Infinity"), "ictcost_money_invalid"),
        (None, "ictcost_money_invalid"),
        ([1], "ictcost_money_invalid"),
    ],
)
def test_money_refuses(value: object, error_type: str) -> None:
    error = _error("amount", value)
    assert error["type"] == error_type
    assert error["ctx"]["got"] == repr(value)


def test_money_messages_say_what_to_do() -> None:
    assert "cannot hold đồng exactly" in _error("amount", 8.5)["msg"]
    assert "zero or more" in _error("amount", -1)["msg"]
    ambiguous = _error("amount", "8.500")["msg"]
    assert "'8.500'" in ambiguous
    assert "two or more thousands dots" in ambiguous


@pytest.mark.parametrize(
    ("value", "expected"),
    [(152527188, "152527188"), ("8.500.000", "8500000"), (Decimal("8.00"), "8")],
)
def test_whole_money_accepts(value: object, expected: str) -> None:
    assert Purchase(amount=1, paid=value).paid == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        ("152527187.6", "ictcost_money_fraction"),
        (Decimal("0.5"), "ictcost_money_fraction"),
        (1.0, "ictcost_money_float"),
        (-5, "ictcost_money_negative"),
        ("8.500", "ictcost_money_invalid"),
    ],
)
def test_whole_money_refuses(value: object, error_type: str) -> None:
    assert _error("paid", value)["type"] == error_type


def test_money_json_is_an_exact_string_and_reads_back() -> None:
    p = Purchase(amount=Decimal("8500000.50"), paid=152527188)
    text = p.model_dump_json(include={"amount", "paid"})
    assert text == '{"amount":"8500000.50","paid":"152527188"}'
    assert p.model_dump(mode="json", include={"amount"}) == {"amount": "8500000.50"}
    assert p.model_dump(include={"amount"}) == {"amount": Decimal("8500000.50")}  # python mode
    back = Purchase.model_validate_json(text)
    assert back.amount == p.amount
    assert str(back.amount) == "8500000.50"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("1E+3"), "1000"),  # never exponent notation: parse_amount would refuse it
        (Decimal("1.234"), "1.2340"),  # "1.234" would read as ambiguous; same amount
        (Decimal("123.456"), "123.4560"),
        (Decimal("1234.567"), "1234.567"),
        (Decimal("0.125"), "0.1250"),
        (Decimal("12.5"), "12.5"),
    ],
)
def test_money_json_never_writes_what_it_cannot_read(amount: Decimal, text: str) -> None:
    dumped = TypeAdapter(Money).dump_json(amount)
    assert dumped == f'"{text}"'.encode()
    assert TypeAdapter(Money).validate_json(dumped) == amount


def test_json_floats_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Purchase.model_validate_json('{"amount": 8.5}')
    assert info.value.errors()[0]["type"] == "ictcost_money_float"
    assert Purchase.model_validate_json('{"amount": 8500}').amount == Decimal(8500)
    assert Purchase.model_validate_json('{"amount": "8.5"}').amount == Decimal("8.5")


@given(
    st.decimals(min_value=0, max_value=MAX_AMOUNT, allow_nan=False, allow_infinity=False, places=2)
    | st.decimals(min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=0)
)
def test_money_json_round_trip_is_exact(amount: Decimal) -> None:
    adapter = TypeAdapter(Money)
    back = adapter.validate_json(adapter.dump_json(amount))
    assert back == amount
    assert back.as_tuple()[1:] == amount.as_tuple()[1:]  # same digits and exponent
    assert Purchase.model_validate_json(Purchase(amount=amount).model_dump_json()).amount == amount


# --- Rate and VatRate -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (100, "100"), ("2.809", "2.809"), (" 8 ", "8"), (Decimal("99.99"), "99.99")],
)
def test_rate_accepts(value: object, expected: str) -> None:
    assert Purchase(amount=1, discount=value).discount == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        (8.5, "ictcost_rate_float"),
        (True, "ictcost_rate_float"),
        (Decimal("100.01"), "ictcost_rate_range"),
        (-1, "ictcost_rate_range"),
        ("101", "ictcost_rate_range"),
        ("8%", "ictcost_rate_invalid"),
        ("8,5", "ictcost_rate_invalid"),
        ("1.000.000", "ictcost_rate_invalid"),
        (Decimal("NaN"), "ictcost_rate_invalid"),
        (None, "ictcost_rate_invalid"),
    ],
)
def test_rate_refuses(value: object, error_type: str) -> None:
    assert _error("discount", value)["type"] == error_type


def test_rate_json_is_plain_digits() -> None:
    assert TypeAdapter(Rate).dump_json(Decimal("1E+1")) == b'"10"'
    assert TypeAdapter(Rate).validate_json(b'"2.809"') == Decimal("2.809")


@pytest.mark.parametrize("value", [0, 5, 8, 10, "8", "8.0", Decimal("10.00"), *VAT_RATES])
def test_vat_rate_accepts_the_rates_of_the_law(value: object) -> None:
    got = Purchase(amount=1, vat_rate=value).vat_rate
    assert got in VAT_RATES


def test_vat_rate_none_means_not_subject() -> None:
    assert Purchase(amount=1).vat_rate is None
    assert Purchase(amount=1, vat_rate=None).vat_rate is None


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        (7, "ictcost_vat_rate"),
        (12, "ictcost_vat_rate"),
        (-8, "ictcost_vat_rate"),
        ("8.5", "ictcost_vat_rate"),
        (Decimal("0.1"), "ictcost_vat_rate"),
        (8.0, "ictcost_rate_float"),
        ("eight", "ictcost_rate_invalid"),
    ],
)
def test_vat_rate_refuses(value: object, error_type: str) -> None:
    error = _error("vat_rate", value)
    assert error["type"] == error_type
    if error_type == "ictcost_vat_rate":
        assert "0, 5, 8, 10" in error["msg"]


def test_vat_rate_docstring_points_to_the_check() -> None:
    doc = _attribute_docstrings()["VatRate"]
    assert "check_vat_rate" in doc
    assert "not a type" in doc


# --- NormId and NormRef ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["vat-rates", "qd1688-1b", "regimes"])
def test_norm_id_accepts_shipped_tables(value: str) -> None:
    assert Purchase(amount=1, table=value).table == value


@pytest.mark.parametrize("value", ["vat-rate", "QD1688-1B", "", 5, ["vat-rates"]])
def test_norm_id_refuses(value: object) -> None:
    assert _error("table", value)["type"] == "ictcost_norm_id"


def test_norm_id_suggests_close_ids() -> None:
    assert "did you mean vat-rates" in _error("table", "vat-rate")["msg"]


@pytest.mark.parametrize(
    "value",
    [
        "vat-rates/general/rate",
        "vat-rates/software/treatment",  # in some version (from 2025-07-01)
        "qd1688-1b/7/project",  # a rate table's row is its breakpoint
        "qd1688-1b/7.0/project",
    ],
)
def test_norm_ref_accepts_cells_of_shipped_tables(value: str) -> None:
    assert Purchase(amount=1, basis=value).basis == value


@pytest.mark.parametrize(
    "value",
    [
        "vat-rates/general",
        "vat-rates/general/rate/x",
        "vat-rates//rate",
        "/general/rate",
        "vat-rate/general/rate",
        "vat-rates/general/nope",
        "vat-rates/software/rate",  # software is not subject to VAT: no rate in any version
        "qd1688-1b/7.5/project",
        42,
    ],
)
def test_norm_ref_refuses(value: object) -> None:
    assert _error("basis", value)["type"] == "ictcost_norm_ref"


# --- IsoDate --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 1, 15)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("15/01/2026", dt.date(2026, 1, 15)),  # day first, the Vietnamese way
        ("5/9/2025", dt.date(2025, 9, 5)),
        ("03/04/2026", dt.date(2026, 4, 3)),  # the day comes first: 3 April, never March 4
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_iso_date_accepts(value: object, expected: dt.date) -> None:
    assert Purchase.model_validate({"amount": 1, "signed": value}).signed == expected


@pytest.mark.parametrize(
    "value",
    [
        "2026-1-15",
        "2026-02-30",
        "2025-02-29",
        "20260115",
        "2026-01-15T00:00:00",
        " 2026-01-15",
        "２０２６-01-15",  # full-width digits
        "30/02/2026",  # no such day
        "01/15/2026",  # month first: no month 15
        "15/01/26",  # a two-digit year: 1926 or 2026?
        "2026/01/15",  # year first with slashes: y/m/d or y/d/m?
        "15-01-2026",
        "15.01.2026",
        "15/01/2026 10:30",
        "115/01/2026",
        dt.datetime(2026, 1, 15, 10, 30),  # a datetime: its time would be dropped
        20260115,
    ],
)
def test_iso_date_refuses(value: object) -> None:
    assert _error("signed", value)["type"] == "ictcost_date"


@pytest.mark.parametrize(
    ("value", "reason", "says"),
    [
        ("30/02/2026", "format", "30/02/2026 is not a day of the calendar"),
        ("15/01/26", "ambiguous", "can be read in more than one way"),
        ("2026/01/15", "ambiguous", "can be read in more than one way"),
        ("Jan 15", "format", "write the day first, 15/01/2026, or ISO, 2026-01-15"),
    ],
)
def test_parse_date_says_why_and_how(value: str, reason: str, says: str) -> None:
    with pytest.raises(ictcost.types.CoercionError) as exc:
        ictcost.types.parse_date(value)
    assert exc.value.reason == reason
    assert says in str(exc.value.hint)
    assert says in _error("signed", value)["msg"]


def test_parse_date_cuts_a_datetime_only_when_asked() -> None:
    moment = dt.datetime(2026, 1, 15, 10, 30)
    assert ictcost.types.parse_date(moment, allow_datetime=True) == dt.date(2026, 1, 15)
    with pytest.raises(ictcost.types.CoercionError):
        ictcost.types.parse_date(moment)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_both_date_styles_read_every_day(day: dt.date) -> None:
    assert ictcost.types.parse_date(day.isoformat()) == day
    assert ictcost.types.parse_date(day.strftime("%d/%m/") + f"{day.year:04d}") == day
    assert ictcost.types.parse_date(f"{day.day}/{day.month}/{day.year:04d}") == day


def test_iso_date_json_round_trip() -> None:
    p = Purchase.model_validate({"amount": 1, "signed": "15/01/2026"})
    text = p.model_dump_json(include={"signed"})
    assert text == '{"signed":"2026-01-15"}'
    assert Purchase.model_validate_json('{"amount": 1, "signed": "2026-01-15"}').signed == p.signed
    assert Purchase.model_validate_json('{"amount": 1, "signed": "15/01/2026"}').signed == p.signed


def test_iso_date_schema_takes_both_styles_and_dumps_iso() -> None:
    validation = TypeAdapter(IsoDate).json_schema(mode="validation")
    for good in ("2026-01-15", "15/01/2026", "5/9/2025"):
        jsonschema.validate(good, validation)
    for bad in ("15-01-2026", "2026/01/15", "15/01/26"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, validation)
    serialization = TypeAdapter(IsoDate).json_schema(mode="serialization")
    jsonschema.validate("2026-01-15", serialization)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("15/01/2026", serialization)


# --- JSON Schema ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL_TYPES))
@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_json_schema_generates(name: str, mode: Any) -> None:
    schema = TypeAdapter(ALL_TYPES[name]).json_schema(mode=mode)
    assert schema
    jsonschema.Draft202012Validator.check_schema(schema)


def test_model_schema_accepts_valid_json_and_describes_dumps() -> None:
    p = Purchase(
        amount="8.500.000",
        paid=8500000,
        discount="2.5",
        vat_rate=8,
        table="vat-rates",
        basis="vat-rates/general/rate",
        signed="2026-01-15",
    )
    dumped = p.model_dump(mode="json")
    jsonschema.validate(dumped, Purchase.model_json_schema(mode="serialization"))
    jsonschema.validate(dumped, Purchase.model_json_schema(mode="validation"))
    jsonschema.validate({"amount": 8500000}, Purchase.model_json_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"amount": -1}, Purchase.model_json_schema())
    assert Purchase.model_validate_json(p.model_dump_json()) == p


# --- the examples in the attribute docstrings run ---------------------------------------------------


def _attribute_docstrings() -> dict[str, str]:
    tree = ast.parse(inspect.getsource(ictcost.types))
    docs: dict[str, str] = {}
    body = tree.body
    for node, after in itertools.pairwise(body):
        target = None
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target = node.target.id
        if (
            target
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[target] = after.value.value
    return docs


def test_every_public_type_has_a_docstring_with_a_foreign_model() -> None:
    docs = _attribute_docstrings()
    for name in ALL_TYPES:
        assert "Examples:" in docs[name], name
        assert "(BaseModel):" in docs[name], name


@pytest.mark.parametrize("name", sorted(ALL_TYPES))
def test_attribute_docstring_examples_run(name: str) -> None:
    text = _attribute_docstrings()[name]
    test = doctest.DocTestParser().get_doctest(
        text, dict(vars(ictcost.types)), f"ictcost.types.{name}", None, 0
    )
    assert test.examples, name
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0, name


def test_dunder_all() -> None:
    assert set(ictcost.types.__all__) == {*ALL_TYPES, "VAT_RATES", "parse_date"}
