"""Magnitude and number limits (issue 13 item 5; reliability review D1 and D3).

Every reproducer of the review is here: each gives a typed :class:`~ictcost.errors.IctcostError`
that names the field (or the line, or ``file:line:column``), never ``decimal.InvalidOperation``,
``decimal.Overflow`` or the 4 300-digit ``ValueError``; beside each, a value within the bounds is
still computed (the non-trigger case).
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal, DecimalException
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from typer.testing import CliRunner

from ictcost import compute_estimate, compute_fee, compute_software_cost, load_project
from ictcost._internal._coerce import check_digits, plain_digits
from ictcost._internal._yaml import load_yaml
from ictcost.cli import app
from ictcost.errors import IctcostError, InputError, NormSyntaxError
from ictcost.inputs import load_software_input
from ictcost.money import (
    MAX_AMOUNT,
    MAX_DIGITS,
    parse_amount,
    round_vnd,
    settle,
    tidy,
    to_amount,
)
from ictcost.norms.loader import load_table_text
from ictcost.types import Money, WholeMoney

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HUGE = 10**70
NINES = "9" * 4301  # one digit beyond sys.int_info.default_max_str_digits


def _project(*lines: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
        "lines": list(lines),
    }
    data.update(extra)
    return data


def _fixed(amount: object) -> dict[str, Any]:
    return {
        "id": "K1",
        "component": "chi_phi_khac",
        "name": "x",
        "method": "fixed",
        "vat": "general",
        "basis": "b",
        "amount": amount,
    }


def _quoted(quantity: object, unit_price: object) -> dict[str, Any]:
    return {
        "id": "TB",
        "component": "thiet_bi",
        "name": "x",
        "method": "quotation",
        "vat": "general",
        "basis": "b",
        "quantity": quantity,
        "unit_price": unit_price,
    }


def _expert(person_days: object) -> dict[str, Any]:
    return {
        "id": "E",
        "component": "dao_tao",
        "name": "x",
        "method": "expert",
        "vat": "general",
        "expert": [{"description": "d", "person_days": person_days, "day_rate": 1000}],
    }


def _annuity(periods: int) -> dict[str, Any]:
    return {
        "id": "R",
        "component": "thue_dich_vu",
        "name": "r",
        "method": "calculation",
        "vat": "general",
        "rental": {
            "build_cost": 1_200_000_000,
            "residual_value": 0,
            "annual_rate_percent": 6,
            "periods_per_year": 12,
            "periods": periods,
            "timing": "end",
        },
    }


def _estimate(data: dict[str, Any]) -> Any:
    return compute_estimate(load_project(data))


# --- D1: amounts are bounded where they are read ---------------------------------------------------


def test_d1_amount_10_pow_70_is_refused_with_its_field() -> None:
    with pytest.raises(InputError) as info:
        load_project(_project(_fixed(HUGE)))
    assert "lines[0: K1].amount" in str(info.value)
    assert "10^18" in str(info.value)
    assert _estimate(_project(_fixed(MAX_AMOUNT))).line("K1").amount == MAX_AMOUNT


def test_d1_amount_of_4301_digits_is_refused_by_the_money_type() -> None:
    with pytest.raises(ValidationError) as info:
        _Invoice(total=10**4301 - 1)  # type: ignore[arg-type]
    assert "<an integer of 4301 digits>" in str(info.value)
    with pytest.raises(InputError, match="at most 10"):
        to_amount(10**4301 - 1)


def test_d1_amount_of_4301_digits_in_a_dict_is_refused() -> None:
    with pytest.raises(InputError, match="at most 10"):
        load_project(_project(_fixed(10**4301 - 1)))


def test_d1_quantity_text_1e400_is_a_typed_error_naming_the_line() -> None:
    with pytest.raises(InputError) as info:
        _estimate(_project(_quoted("1e400", 1000)))
    assert info.value.field == "lines[0: TB].quantity"  # refused where it is read
    assert "TB" in str(info.value)
    assert _estimate(_project(_quoted("2", 1000))).line("TB").amount == 2000


def test_d1_unit_price_1e30_is_refused_and_a_huge_product_names_the_line() -> None:
    with pytest.raises(InputError, match=r"lines\[0: TB\]\.unit_price"):
        load_project(_project(_quoted(10**30, 10**30)))
    # both within their bounds, but the product is above 10^18 đồng
    with pytest.raises(InputError) as info:
        _estimate(_project(_quoted(10**12, 10**18)))
    assert info.value.field == "lines.TB.amount"
    assert _estimate(_project(_quoted(10**3, 10**15))).line("TB").amount == 10**18


def test_d1_expert_person_days_1e50_is_a_typed_error_naming_the_line() -> None:
    with pytest.raises(InputError) as info:
        _estimate(_project(_expert("1e50")))
    assert info.value.field == "lines[0: E].expert[0].person_days"
    assert _estimate(_project(_expert(5))).line("E").amount == 5000


def test_d1_annuity_periods_10_pow_9_is_a_typed_error_naming_the_line() -> None:
    with pytest.raises(InputError) as info:
        _estimate(_project(_annuity(10**9), project={"name": "P", "date": "2025-09-15"} | _FORM))
    assert str(info.value.field).startswith("lines[0: R].rental")
    assert not isinstance(info.value, DecimalException)
    ok = _estimate(_project(_annuity(36), project={"name": "P", "date": "2025-09-15"} | _FORM))
    assert 1_300_000_000 < ok.line("R").amount < 1_320_000_000


_FORM = {"form": "investment_project"}


def _escalated(year: int) -> dict[str, Any]:
    return _project(
        _quoted(2, 100_000_000),
        project={"name": "P", "date": "2026-08-01", **_FORM},
        contingency={
            "on": "after_vat",
            "volume_percent": 5,
            "escalation": [{"year": year, "share_percent": 100, "index_percent": 5}],
        },
    )


def test_d1_escalation_year_5000_is_a_typed_error_naming_the_contingency() -> None:
    with pytest.raises(InputError) as info:
        _estimate(_escalated(5000))
    assert info.value.field == "contingency.escalation[0].year"
    assert _estimate(_escalated(2)).contingency is not None


# --- D1: fees ------------------------------------------------------------------------------------


def _fee(**kwargs: Any) -> Any:
    return compute_fee(
        "quan_ly_du_an", category="software", form="project", on="2026-01-15", **kwargs
    )


def test_d1_fee_base_1_followed_by_70_zeros_is_refused() -> None:
    with pytest.raises(InputError) as info:
        _fee(base="1" + "0" * 70)
    assert info.value.field == "base"
    assert _fee(base=10_000_000_000).amount > 0


@pytest.mark.parametrize("decimals", [100, 13, -1, 2.5, "2", True])
def test_d1_rate_decimals_beyond_0_to_12_is_refused(decimals: object) -> None:
    with pytest.raises(InputError) as info:
        _fee(base=10_000_000_000, rate_decimals=decimals)
    assert info.value.field == "rate_decimals"


@pytest.mark.parametrize("decimals", [0, 3, 12])
def test_d1_rate_decimals_within_0_to_12_still_rounds(decimals: int) -> None:
    assert _fee(base=10_000_000_000, rate_decimals=decimals).rate_decimals == decimals


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_d1_cli_fee_with_a_huge_base_or_rate_decimals_exits_2() -> None:
    common = ["fee", "--item", "quan_ly_du_an", "--category", "software", "--form", "project"]
    common += ["--on", "2026-01-15"]
    assert _run(*common, "--base", "1" + "0" * 70).exit_code == 2
    assert _run(*common, "--base", "8500000000", "--rate-decimals", "100").exit_code == 2
    assert _run(*common, "--base", "8500000000", "--rate-decimals", "3").exit_code == 0


# --- D1: software --------------------------------------------------------------------------------


def _software(**labour: Any) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8"))
    data["date"] = "2025-06-01"
    data = copy.deepcopy(data)
    data["labour_rate"].update(labour)
    return dict(data)


def test_d1_labour_rate_10_pow_70_is_refused() -> None:
    data = _software()
    with pytest.raises(InputError, match="labour_rate"):
        load_software_input({**data, "labour_rate": HUGE})
    assert (
        compute_software_cost(load_software_input({**data, "labour_rate": 62_500})).amounts["G_PM"]
        > 0
    )


def test_d1_hours_per_day_1e_60_is_a_typed_error() -> None:
    with pytest.raises(InputError) as info:
        compute_software_cost(load_software_input(_software(hours_per_day="1e-60")))
    assert "hours_per_day" in str(info.value)  # refused where it is read (30 decimal places)
    assert (
        compute_software_cost(load_software_input(_software(hours_per_day="8"))).amounts["G_PM"] > 0
    )


# --- the money module's own guards ------------------------------------------------------------------


@pytest.mark.parametrize("function", [round_vnd, tidy, settle])
def test_money_functions_refuse_a_value_beyond_the_context(function: Any) -> None:
    with pytest.raises(InputError) as info:
        function(Decimal(HUGE))
    assert info.value.code == "input-amount"
    assert function(Decimal("1234.5")) in {Decimal(1235), Decimal("1234.5")}


def test_to_amount_and_parse_amount_refuse_above_max_amount() -> None:
    assert to_amount(MAX_AMOUNT) == MAX_AMOUNT
    with pytest.raises(InputError, match="at most 10\\^18"):
        to_amount(MAX_AMOUNT + 1)
    with pytest.raises(InputError, match="at most 30 decimal places"):
        to_amount(Decimal("1E-31"))
    assert to_amount(Decimal("1E-30")) == Decimal("1E-30")
    assert parse_amount("8.500.000") == 8_500_000
    with pytest.raises(InputError, match="at most 10\\^18"):
        parse_amount("1" + "0" * 19)


class _Invoice(BaseModel):
    total: Money
    paid: WholeMoney = Decimal(0)


def test_money_type_refuses_huge_amounts_with_a_stable_type() -> None:
    with pytest.raises(ValidationError) as info:
        _Invoice(total=HUGE)  # type: ignore[arg-type]
    assert info.value.errors()[0]["type"] == "ictcost_money_too_large"
    with pytest.raises(ValidationError) as info:
        _Invoice(total=Decimal(0), paid=Decimal("1E+400"))
    assert info.value.errors()[0]["type"] == "ictcost_money_too_large"
    assert _Invoice(total=MAX_AMOUNT).total == MAX_AMOUNT  # type: ignore[arg-type]


# --- D3: integers of more than 4 300 digits, numbers beyond 40 digits -----------------------------


def test_d3_yaml_integer_of_4301_digits_is_located(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "project: {name: P, date: 2025-09-15, form: ktkt}\n"
        "lines:\n"
        "  - {id: K1, component: chi_phi_khac, name: x, method: fixed, vat: general, basis: b, "
        f"amount: {NINES}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_project(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (3, 95)
    assert problem.path == "lines[0].amount"
    assert "4301 digits" in problem.message
    path.write_text(path.read_text(encoding="utf-8").replace(NINES, "1000"), encoding="utf-8")
    assert load_project(path).lines[0].amount == 1000


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("1" * MAX_DIGITS, False),
        ("1" * (MAX_DIGITS + 1), True),
        (NINES, True),
        ("1.5e+3", False),
        ("1.0e+400", True),
        ("1.0e-60", True),
        ("2.809", False),
        ("-8_500_000", False),
    ],
)
def test_d3_yaml_numbers_are_bounded_on_their_text(text: str, refused: bool) -> None:
    if refused:
        with pytest.raises(NormSyntaxError) as info:
            load_yaml(f"value: {text}\n", "f.yaml")
        assert (info.value.problems[0].line, info.value.problems[0].column) == (1, 8)
    else:
        data, _ = load_yaml(f"value: {text}\n", "f.yaml")
        assert data["value"] == Decimal(text.replace("_", ""))


def test_d3_norm_table_text_with_a_huge_integer_is_a_syntax_error() -> None:
    with pytest.raises(NormSyntaxError, match="too long"):
        load_table_text(f"id: x\nvalue: {NINES}\n", "x.yaml")


@pytest.mark.parametrize("number", [NINES, "1e400", "1E-60"])
def test_d3_json_numbers_beyond_the_bound_are_located(tmp_path: Path, number: str) -> None:
    path = tmp_path / "p.json"
    text = json.dumps(_project(_fixed(1)), indent=2).replace('"amount": 1', f'"amount": {number}')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_project(path)
    (problem,) = info.value.problems
    assert problem.line == 15
    assert problem.column == 17
    path.write_text(text.replace(number, "1000"), encoding="utf-8")
    assert load_project(path).lines[0].amount == 1000


def test_plain_digits_and_check_digits() -> None:
    assert plain_digits(Decimal("8500000.50")) == 8
    assert plain_digits(Decimal("1E-60")) == 61
    assert plain_digits(Decimal("1E+3")) == 4
    assert plain_digits(Decimal("0.000")) == 1
    assert check_digits("8500000000") is None
    assert check_digits("1e9999999999") is not None


# --- property: any magnitude is a value or a typed error -----------------------------------------

_MAGNITUDES = st.one_of(
    st.integers(min_value=-(10**80), max_value=10**80),
    st.builds(lambda m, e: f"{m}e{e}", st.integers(-(10**20), 10**20), st.integers(-500, 500)),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(st.sampled_from(list("0123456789.eE+-_ ")), max_size=60),
)


@given(_MAGNITUDES)
def test_any_magnitude_is_a_value_or_a_typed_error(value: object) -> None:
    try:
        amount = to_amount(value)
    except IctcostError:
        pass
    else:
        assert 0 <= amount <= MAX_AMOUNT
        assert round_vnd(amount) >= 0
        tidy(amount)
    try:
        _Invoice(total=value)  # type: ignore[arg-type]
    except ValidationError:
        pass


@pytest.mark.parametrize("value", ["0", "-6"])
def test_d1_a_pack_dividing_by_zero_in_the_ucp_chain_is_a_typed_error(
    tmp_path: Path, value: str
) -> None:
    """Reliability review D1: a pack with `effort_denominator: 0` ended in DivisionByZero."""
    import re  # noqa: PLC0415

    from ictcost import NormRegistry, shipped_norms_dir  # noqa: PLC0415
    from ictcost.errors import NormConsistencyError  # noqa: PLC0415
    from ictcost.software import SoftwareInput  # noqa: PLC0415

    text = (shipped_norms_dir() / "vn" / "ucp" / "ucp-constants.yaml").read_text(encoding="utf-8")
    changed, n = re.subn(
        r"(key: effort_denominator\n(?:.*\n){2}\s*value: \{value: )6", rf"\g<1>{value}", text
    )
    assert n >= 1
    (tmp_path / "ucp-constants.yaml").write_text(changed, encoding="utf-8")
    registry = NormRegistry.shipped().with_pack(tmp_path)
    inp = SoftwareInput.model_validate(
        {
            "date": "2025-06-01",
            "actors": {"simple": 1},
            "use_cases": [{"name": "a", "bmt": "B", "transactions": 3}],
            "technical": {f"T{i}": 3 for i in range(1, 14)},
            "environmental": {f"E{i}": 3 for i in range(1, 9)},
            "labour_rate": 61250,
        }
    )
    with pytest.raises(NormConsistencyError) as caught:
        compute_software_cost(inp, registry=registry)
    assert caught.value.field == "ucp-constants/effort_denominator"
    assert compute_software_cost(inp).G_PM > 0  # the shipped constants still work


def test_d1_a_pack_with_a_base_salary_of_zero_is_a_typed_error(tmp_path: Path) -> None:
    """A base salary of 0 made H = 0, and the person-hours G / H ended in DivisionUndefined."""
    import re  # noqa: PLC0415

    from ictcost import NormRegistry, shipped_norms_dir  # noqa: PLC0415

    text = (shipped_norms_dir() / "vn" / "salary" / "base-salary.yaml").read_text(encoding="utf-8")
    zero, n = re.subn(r"amount: \{value: \d+,", "amount: {value: 0,", text)
    assert n >= 1
    (tmp_path / "base-salary.yaml").write_text(zero, encoding="utf-8")
    data = yaml.safe_load((EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8"))
    data["labour_rate"] = {
        "method": "pay_scale",
        "grades": [{"coefficient": 2.34, "allowance_coefficient": 0}],
        "base_salary": "from_norms",
        "adjustment_coefficient": 0.9,
        "insurance_percent": 21.5,
        "working_days_per_month": 26,
        "hours_per_day": 8,
    }
    inp = load_software_input(data)
    assert compute_software_cost(inp).G_PM > 0  # the shipped base salary
    with pytest.raises(InputError) as caught:
        compute_software_cost(inp, registry=NormRegistry.shipped().with_pack(tmp_path))
    assert caught.value.field == "labour_rate"
