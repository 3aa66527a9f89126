"""The stage records and the checks between stages (issue 14): every rule triggered and not.

Each case changes the clean sample (examples/stages/clean.yaml, which no stage check faults) in one
place and asserts that exactly the expected finding appears; its non-trigger twin changes it to
the boundary (equal to the ceiling, within the tolerance, the lawful order) and asserts that it
does not. The planted sample's header lists its planted problems; every one must be found.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ictcost.checks import RULES
from ictcost.checks.rules import Hit
from ictcost.errors import InputError
from ictcost.stages import (
    Dossier,
    StageConfig,
    check_dossier,
    check_dossiers,
    load_dossier,
    same_party,
)
from ictcost.stages.engine import _cited, dossier_context
from ictcost.stages.model import Party

ROOT = Path(__file__).resolve().parents[1]
STAGES = ROOT / "examples" / "stages"
CLEAN = STAGES / "clean.yaml"
PLANTED = STAGES / "planted.yaml"

Data = dict[str, Any]


def _data() -> Data:
    return yaml.safe_load(CLEAN.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


_BASE = _data()


def _codes(data: Data, **kw: Any) -> set[tuple[str, str | None]]:
    findings = check_dossier(
        Dossier.model_validate(data), base_dir=STAGES, with_estimate=False, **kw
    )
    return {(f.code, f.case) for f in findings if f.code.startswith("STAGE-")}


def _stage_codes(findings: Any) -> list[tuple[str, str | None]]:
    return [(f.code, f.case) for f in findings if f.code.startswith("STAGE-")]


def _contract(d: Data, cid: str) -> Data:
    return next(c for c in d["contracts"] if c["id"] == cid)


def _package(d: Data, pid: str) -> Data:
    return next(p for p in d["selection_plan"]["packages"] if p["id"] == pid)


def _payment(d: Data, cid: str, kind: str) -> Data:
    return next(p for p in d["payments"] if p["contract"] == cid and p["kind"] == kind)


def _acceptance(d: Data, cid: str) -> Data:
    return next(a for a in d["acceptances"] if a["contract"] == cid)


Change = Callable[[Data], None]


def _set(path: str, value: Any) -> Change:
    def change(d: Data) -> None:
        *head, last = path.split(".")
        node = d
        for k in head:
            node = node[k]
        node[last] = value

    return change


# (expected (code, case), the change that triggers it, the boundary change that does not)
CASES: dict[str, tuple[tuple[str, str | None], Change, Change]] = {
    "approval over policy": (
        ("STAGE-CEILING", "approval_over_policy"),
        _set("policy.total", 1_362_308_496),  # 2 đ below the approved total
        _set("policy.total", 1_362_308_497),  # within the 1 đ tolerance
    ),
    "packages over approval": (
        ("STAGE-CEILING", "packages_over_approval"),
        lambda d: _package(d, "GT-02").update(price=1_101_266_002),
        lambda d: _package(d, "GT-02").update(price=1_033_956_000),
    ),
    "contracts over approval": (
        ("STAGE-CEILING", "contracts_over_approval"),
        lambda d: d["contracts"].append(
            {**copy.deepcopy(_contract(d, "HD-03")), "id": "HD-04", "value": 93_308_500}
        ),
        lambda d: d["contracts"].append(
            {**copy.deepcopy(_contract(d, "HD-03")), "id": "HD-04", "value": 93_308_498}
        ),
    ),
    "settlement over approval": (
        ("STAGE-CEILING", "settlement_over_approval"),
        _set("settlement.total", 1_362_308_500),
        _set("settlement.total", 1_362_308_499),
    ),
    "component over approval": (
        ("STAGE-CEILING", "component_over_approval"),
        lambda d: (
            d["approval"].update(components={"thiet_bi": 1_000_000_000}),
            d["settlement"].update(components={"thiet_bi": 1_015_000_000}),
        ),
        lambda d: (
            d["approval"].update(components={"thiet_bi": 1_015_000_000}),
            d["settlement"].update(components={"thiet_bi": 1_015_000_000}),
        ),
    ),
    "plan budget": (
        ("STAGE-PLAN-BUDGET", None),
        _set("plan.budget", 1_400_000_000),
        _set("plan.budget", 1_450_000_000),
    ),
    "approved total": (
        ("STAGE-APPROVED-TOTAL", None),
        lambda d: (d["approval"].update(total=1_362_308_500), d["policy"].update(total=2 * 10**9)),
        lambda d: d["approval"].update(total=1_362_308_499),
    ),
    "package line unknown": (
        ("STAGE-ITEM-ADDED", "package"),
        lambda d: _package(d, "GT-02")["lines"].append("TB-09"),
        lambda d: (
            d["adjustments"].append(
                {
                    "stage": "approval",
                    "added": ["TB-09"],
                    "decision": {"number": "9/QĐ", "date": "2025-06-01"},
                }
            )
            or _package(d, "GT-02")["lines"].append("TB-09")
        ),
    ),
    "contract item unknown": (
        ("STAGE-ITEM-ADDED", "contract"),
        lambda d: _contract(d, "HD-02")["items"].append({"name": "Máy chủ lưu trữ NAS"}),
        lambda d: _contract(d, "HD-02")["items"].append({"name": "máy in đa chức năng khổ a4"}),
    ),
    "acceptance item unknown": (
        ("STAGE-ITEM-ADDED", "acceptance"),
        lambda d: _acceptance(d, "HD-02").update(items=[{"name": "Tủ rack 42U"}]),
        lambda d: _acceptance(d, "HD-02").update(items=[{"line": "TB-01", "name": "Máy tính"}]),
    ),
    "settlement item unknown": (
        ("STAGE-ITEM-ADDED", "settlement"),
        lambda d: d["settlement"].update(items=[{"line": "XX-01", "name": "Tủ rack 42U"}]),
        lambda d: d["settlement"].update(items=[{"line": "PM-01", "name": "Phần mềm"}]),
    ),
    "line in no package": (
        ("STAGE-ITEM-DROPPED", "not_planned"),
        lambda d: _package(d, "GT-03")["lines"].remove("DT-01"),
        lambda d: (
            _package(d, "GT-03")["lines"].remove("DT-01"),
            d["adjustments"].append(
                {
                    "stage": "approval",
                    "dropped": ["DT-01"],
                    "decision": {"number": "9/QĐ", "date": "2025-06-01"},
                }
            ),
        ),
    ),
    "package without contract": (
        ("STAGE-ITEM-DROPPED", "not_contracted"),
        lambda d: d["selection_plan"]["packages"].append(
            {**copy.deepcopy(_package(d, "GT-01")), "id": "GT-09", "lines": []}
        ),
        lambda d: (
            d.pop("settlement")
            and d["selection_plan"]["packages"].append(
                {**copy.deepcopy(_package(d, "GT-01")), "id": "GT-09", "lines": []}
            )
        ),
    ),
    "contract not settled": (
        ("STAGE-ITEM-DROPPED", "not_settled"),
        lambda d: d["settlement"]["contracts"].pop("HD-03"),
        lambda d: d["settlement"].update(contracts={}),
    ),
    "package above estimate": (
        ("STAGE-PACKAGE-PRICE", "above_estimate"),
        lambda d: _package(d, "GT-02").update(price=1_033_956_002),
        lambda d: _package(d, "GT-02").update(price=1_033_956_001),
    ),
    "line in two packages": (
        ("STAGE-PACKAGE-PRICE", "line_twice"),
        lambda d: _package(d, "GT-03")["lines"].append("TB-03"),
        lambda d: (
            _package(d, "GT-03")["lines"].append("TB-03")
            or _package(d, "GT-02")["lines"].remove("TB-03")
        ),
    ),
    "contract without package": (
        ("STAGE-CONTRACT-PRICE", "no_package"),
        lambda d: _contract(d, "HD-03").update(package="GT-07"),
        lambda d: _contract(d, "HD-03").update(package="GT-03"),
    ),
    "contract above package": (
        ("STAGE-CONTRACT-PRICE", "above_package"),
        lambda d: _contract(d, "HD-03").update(value=257_040_002, winning_price=None),
        lambda d: (
            d["adjustments"].append(
                {
                    "stage": "selection_plan",
                    "target": "GT-03",
                    "total": 257_040_002,
                    "decision": {"number": "7/QĐ", "date": "2025-07-20"},
                }
            )
            or _contract(d, "HD-03").update(value=257_040_002, winning_price=None)
        ),
    ),
    "contract above winning price": (
        ("STAGE-CONTRACT-PRICE", "above_winning_price"),
        lambda d: _contract(d, "HD-03").update(winning_price=249_999_998),
        lambda d: _contract(d, "HD-03").update(winning_price=249_999_999),
    ),
    "contract type": (
        ("STAGE-CONTRACT-TYPE", None),
        lambda d: _contract(d, "HD-02").update(type="adjustable_unit_price"),
        lambda d: (
            _contract(d, "HD-02").update(type="adjustable_unit_price"),
            _package(d, "GT-02").update(contract_type="adjustable_unit_price"),
        ),
    ),
    "paid above contract": (
        ("STAGE-PAYMENT", "over_contract"),
        lambda d: _payment(d, "HD-02", "payment").update(recovered=202_999_998),
        lambda d: _payment(d, "HD-02", "payment").update(recovered=202_999_999),
    ),
    "paid above acceptance": (
        ("STAGE-PAYMENT", "over_acceptance"),
        lambda d: _acceptance(d, "HD-03").update(value=249_999_998),
        lambda d: _acceptance(d, "HD-03").update(value=249_999_999),
    ),
    "advance above limit": (
        ("STAGE-PAYMENT", "advance_over_limit"),
        lambda d: _payment(d, "HD-02", "advance").update(amount=203_000_002),
        lambda d: _payment(d, "HD-02", "advance").update(amount=203_000_000),
    ),
    "settled above contract": (
        ("STAGE-SETTLEMENT", "over_contract"),
        lambda d: (
            d["settlement"]["contracts"].update({"HD-03": 250_000_002}),
            _acceptance(d, "HD-03").update(value=250_000_002),
        ),
        lambda d: d["settlement"]["contracts"].update({"HD-03": 250_000_001}),
    ),
    "settled above acceptance": (
        ("STAGE-SETTLEMENT", "over_acceptance"),
        lambda d: (
            _acceptance(d, "HD-03").update(value=240_000_000),
            _payment(d, "HD-03", "payment").update(amount=240_000_000),
        ),
        lambda d: _payment(d, "HD-03", "payment").update(amount=240_000_000),
    ),
    "settled below paid": (
        ("STAGE-SETTLEMENT", "below_paid"),
        lambda d: d["settlement"]["contracts"].update({"HD-03": 249_999_998}),
        lambda d: d["settlement"]["contracts"].update({"HD-03": 249_999_999}),
    ),
    "approval before policy": (
        ("STAGE-DATES", "approval_before_policy"),
        lambda d: d["approval"]["decision"].update(date=dt.date(2025, 3, 9)),
        lambda d: d["approval"]["decision"].update(date=dt.date(2025, 3, 10)),
    ),
    "plan before approval": (
        ("STAGE-DATES", "plan_before_approval"),
        lambda d: d["selection_plan"]["decision"].update(date=dt.date(2025, 5, 29)),
        lambda d: (
            d["selection_plan"]["decision"].update(date=dt.date(2025, 5, 29)),
            [p.update(ahead=True) for p in d["selection_plan"]["packages"]],
        ),
    ),
    "contract before approval": (
        ("STAGE-DATES", "contract_before_approval"),
        lambda d: (
            d["approval"]["decision"].update(date=dt.date(2025, 7, 6)),
            d["selection_plan"]["decision"].update(date=dt.date(2025, 7, 6)),
            _contract(d, "HD-01").update(signed=dt.date(2025, 7, 5)),
        ),
        lambda d: (
            d["approval"]["decision"].update(date=dt.date(2025, 7, 5)),
            d["selection_plan"]["decision"].update(date=dt.date(2025, 7, 5)),
        ),
    ),
    "contract before plan": (
        ("STAGE-DATES", "contract_before_plan"),
        lambda d: _contract(d, "HD-01").update(signed=dt.date(2025, 6, 9)),
        lambda d: _contract(d, "HD-01").update(signed=dt.date(2025, 7, 3)),
    ),
    "contract before result": (
        ("STAGE-DATES", "contract_before_result"),
        lambda d: _contract(d, "HD-01").update(signed=dt.date(2025, 7, 2)),
        lambda d: _contract(d, "HD-01").update(signed=dt.date(2025, 7, 3)),
    ),
    "acceptance before contract": (
        ("STAGE-DATES", "acceptance_before_contract"),
        lambda d: _acceptance(d, "HD-02").update(date=dt.date(2025, 8, 24)),
        lambda d: _acceptance(d, "HD-02").update(date=dt.date(2025, 8, 25)),
    ),
    "payment before contract": (
        ("STAGE-DATES", "payment_before_contract"),
        lambda d: _payment(d, "HD-02", "advance").update(date=dt.date(2025, 8, 24)),
        lambda d: _payment(d, "HD-02", "advance").update(date=dt.date(2025, 8, 25)),
    ),
    "payment before acceptance": (
        ("STAGE-DATES", "payment_before_acceptance"),
        lambda d: _payment(d, "HD-03", "payment").update(date=dt.date(2025, 11, 19)),
        lambda d: _payment(d, "HD-03", "payment").update(date=dt.date(2025, 11, 20)),
    ),
    "settlement before final acceptance": (
        ("STAGE-DATES", "settlement_before_acceptance"),
        lambda d: _acceptance(d, "HD-03").update(date=dt.date(2026, 3, 21)),
        lambda d: _acceptance(d, "HD-03").update(date=dt.date(2026, 3, 20)),
    ),
    "consultant wins its package": (
        ("STAGE-SAME-PARTY", "consultant"),
        lambda d: _contract(d, "HD-01").update(contractor=_contract(d, "HD-02")["contractor"]),
        lambda d: _contract(d, "HD-01").update(
            contractor=_contract(d, "HD-02")["contractor"],
            services={"bidding_documents": ["GT-03"]},
        ),
    ),
    "preparer is contractor": (
        ("STAGE-SAME-PARTY", "preparer"),
        lambda d: _contract(d, "HD-03").update(
            contractor={"name": "trung tâm chuyển đổi số  TỈNH"}
        ),
        lambda d: _contract(d, "HD-03").update(
            contractor={"name": "Trung tâm Chuyển đổi số tỉnh", "tax_code": "0100000099"}
        ),
    ),
    "appraiser is contractor": (
        ("STAGE-SAME-PARTY", "appraiser"),
        lambda d: _contract(d, "HD-03").update(contractor={"name": "X", "tax_code": "0100000031"}),
        lambda d: _contract(d, "HD-03").update(
            contractor={"name": "Sở Khoa học và Công nghệ tỉnh", "tax_code": "0100000032"}
        ),
    ),
    "owner is contractor": (
        ("STAGE-SAME-PARTY", "owner"),
        lambda d: _contract(d, "HD-03").update(contractor={"name": "Sở Tư pháp tỉnh"}),
        lambda d: _contract(d, "HD-03").update(contractor={"name": "Sở Tư pháp thành phố"}),
    ),
    "contractor accepts for the owner": (
        ("STAGE-SAME-PARTY", "acceptor"),
        lambda d: _acceptance(d, "HD-03").update(by=_contract(d, "HD-03")["contractor"]),
        lambda d: _acceptance(d, "HD-03").update(by=None),
    ),
    "advance above the guarantee threshold": (
        ("STAGE-ADVANCE-GUARANTEE", "missing"),
        lambda d: _payment(d, "HD-02", "advance").update(date="2025-10-01", amount=1_000_000_001),
        lambda d: _payment(d, "HD-02", "advance").update(date="2025-10-01", amount=1_000_000_000),
    ),
    "advance guarantee dated after the advance": (
        ("STAGE-ADVANCE-GUARANTEE", "late"),
        lambda d: (
            _payment(d, "HD-02", "advance").update(date="2025-10-01", amount=1_000_000_001),
            _contract(d, "HD-02").update(
                advance_guarantee={"number": "BL-1", "date": "2025-10-02"}
            ),
        ),
        lambda d: (
            _payment(d, "HD-02", "advance").update(date="2025-10-01", amount=1_000_000_001),
            _contract(d, "HD-02").update(
                advance_guarantee={"number": "BL-1", "date": "2025-10-01"}
            ),
        ),
    ),
    "advance before a guarantee threshold is encoded": (
        ("STAGE-NOT-CHECKED", "advance_guarantee"),
        lambda d: _payment(d, "HD-02", "advance").update(date="2025-09-25"),
        lambda d: _payment(d, "HD-02", "advance").update(date="2025-09-26"),
    ),
    "settlement filed late": (  # group C: 4 months from the hand-over (NĐ 254/2025 Điều 46)
        ("STAGE-SETTLEMENT-TIME", "filing"),
        lambda d: d["settlement"].update(handed_over="2025-10-15", filed="2026-02-16"),
        lambda d: d["settlement"].update(handed_over="2025-10-15", filed="2026-02-15"),
    ),
    "settlement reviewed late": (  # group C: 4 months from the full dossier
        ("STAGE-SETTLEMENT-TIME", "review"),
        lambda d: d["settlement"].update(filed="2025-10-01", review_submitted="2026-02-02"),
        lambda d: d["settlement"].update(filed="2025-10-01", review_submitted="2026-02-01"),
    ),
    "settlement approved late": (  # group C: 15 days from the review (decided 2026-03-20)
        ("STAGE-SETTLEMENT-TIME", "approval"),
        lambda d: d["settlement"].update(review_submitted="2026-03-04"),
        lambda d: d["settlement"].update(review_submitted="2026-03-05"),
    ),
    "settlement step dated before the previous one": (
        ("STAGE-DATES", "settlement_steps"),
        lambda d: d["settlement"].update(handed_over="2025-10-15", filed="2025-10-14"),
        lambda d: d["settlement"].update(handed_over="2025-10-15", filed="2025-10-15"),
    ),
    "settlement time without a project group": (
        ("STAGE-NOT-CHECKED", "settlement_time"),
        lambda d: (d["policy"].pop("group"), d["settlement"].update(review_submitted="2026-03-05")),
        lambda d: d["settlement"].update(review_submitted="2026-03-05"),
    ),
    "no estimate": (
        ("STAGE-NOT-CHECKED", "no_estimate"),
        lambda d: d["approval"].pop("estimate"),
        lambda d: None,
    ),
}


def _limited() -> dict[str, Any]:
    return {"stages": StageConfig(advance_max_percent=Decimal(30))}


@pytest.mark.parametrize("name", sorted(CASES))
def test_trigger(name: str) -> None:
    expected, trigger, _ = CASES[name]
    d = copy.deepcopy(_BASE)
    d.setdefault("adjustments", [])
    trigger(d)
    assert expected in _codes(d, **_limited())


@pytest.mark.parametrize("name", sorted(CASES))
def test_non_trigger(name: str) -> None:
    expected, _, boundary = CASES[name]
    d = copy.deepcopy(_BASE)
    d.setdefault("adjustments", [])
    boundary(d)
    assert expected not in _codes(d, **_limited())


_DATA_DEPENDENT = {("STAGE-NOT-CHECKED", "advance_limit")}


def test_every_case_of_every_stage_rule_is_tested() -> None:
    tested = {expected for expected, _, _ in CASES.values()}
    across = {"STAGE-REPEAT-BUY", "STAGE-REPEAT-NOT-RUN"}  # the repeat tests below
    assert {c for c, r in RULES.items() if r.needs == "dossiers"} == across
    for code, r in RULES.items():
        if r.needs != "dossier":
            continue
        for case in r.cases or (None,):
            if (code, case) in _DATA_DEPENDENT:
                continue  # tested below (they depend on the shipped thresholds)
            assert (code, case) in tested, (code, case)


def test_clean_sample_has_no_warning() -> None:
    findings = check_dossier(CLEAN)
    assert [f for f in findings if f.severity in ("error", "warning")] == []


def test_planted_sample_finds_every_planted_problem() -> None:
    header = [ln for ln in PLANTED.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    planted = {
        (m.group(1), m.group(2))
        for ln in header
        if (m := re.match(r"# - (STAGE-[A-Z-]+)(?:\.([a-z_]+))?:", ln))
    }
    assert len(planted) >= 15
    found = set(
        _stage_codes(check_dossier(PLANTED, stages=StageConfig(advance_max_percent=Decimal(30))))
    )
    assert planted - found == set()


def test_advance_limit_not_checked_without_a_limit() -> None:
    """The contract's own level first, else the user's threshold; without either: not checked."""
    d = copy.deepcopy(_BASE)
    _contract(d, "HD-02").pop("advance_percent")
    _payment(d, "HD-02", "advance").update(amount=600_000_000)
    found = _codes(d)
    assert ("STAGE-NOT-CHECKED", "advance_limit") in found  # no decree sets a % (NĐ 254 Điều 9)
    assert ("STAGE-PAYMENT", "advance_over_limit") not in found
    limited = check_dossier(
        Dossier.model_validate(d), base_dir=STAGES, with_estimate=False, **_limited()
    )
    hit = next(f for f in limited if f.case == "advance_over_limit")
    assert hit.details["source"] == "config"
    assert hit.details["limit"] == Decimal(304_500_000)  # 30 % of 1,015,000,000
    assert ("STAGE-NOT-CHECKED", "advance_limit") not in {(f.code, f.case) for f in limited}


def test_adjustment_raises_the_ceiling_and_is_named() -> None:
    d = copy.deepcopy(_BASE)
    d["settlement"]["total"] = 1_400_000_000
    assert ("STAGE-CEILING", "settlement_over_approval") in _codes(d)
    d["adjustments"] = [
        {
            "stage": "approval",
            "total": 1_400_000_000,
            "decision": {"number": "300/QĐ-STP", "date": "2026-01-15"},
        }
    ]
    assert ("STAGE-CEILING", "settlement_over_approval") not in _codes(d)
    # an adjustment dated after the settlement does not count
    d["adjustments"][0]["decision"]["date"] = "2026-04-01"
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    hit = next(f for f in findings if f.case == "settlement_over_approval")
    assert hit.details["excess"] == Decimal(1_400_000_000 - 1_362_308_498)
    assert hit.details["adjusted_by"] is None


def test_findings_are_located_and_rendered_in_both_languages() -> None:
    findings = check_dossier(PLANTED, with_estimate=False)
    for f in findings:
        if f.code.startswith("STAGE-"):
            assert f.estimate == "stp-qlvb-2026-planted"
            assert f.message("vi") and f.message("en")
            assert "{" not in f.message("vi") + f.message("en")
            assert f.field or f.line or f.code == "STAGE-NOT-CHECKED"


def test_estimate_findings_come_with_the_dossier() -> None:
    d = copy.deepcopy(_BASE)
    with_est = check_dossier(Dossier.model_validate(d), base_dir=STAGES)
    assert any(f.code == "CLASS-GROUP" for f in with_est)
    assert not any(
        f.code == "CLASS-GROUP"
        for f in check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    )


# --- the portfolio rule --------------------------------------------------------------------------


def _other(
    year: int, model: str = "Dell OptiPlex 7010 Tower", name: str = "Máy tính để bàn"
) -> Dossier:
    d = copy.deepcopy(_BASE)
    d["id"] = f"other-{year}"
    for c in d["contracts"]:
        c["signed"] = dt.date(year, 8, 25)
        c.pop("result")
        c.pop("end")
    d.pop("acceptances")
    d.pop("payments")
    d.pop("settlement")
    for c in d["contracts"]:
        c["items"] = []
    hd2 = _contract(d, "HD-02")
    hd2["items"] = [
        {"line": "TB-01", "name": name, "model": model, "quantity": 10, "amount": 200_000_000}
    ]
    return Dossier.model_validate(d)


def _repeat(dossiers: list[Dossier], years: int | None) -> list[Any]:
    found = check_dossiers(
        dossiers, base_dirs=[STAGES] * len(dossiers), stages=StageConfig(repeat_years=years)
    )
    return [f for f in found if f.estimate == "portfolio"]


def test_repeat_purchase_within_the_window() -> None:
    clean = Dossier.model_validate(_BASE)
    twice = _repeat([clean, clean.model_copy(update={"id": "again"})], 1)
    # equipment with a model and the internal software (line PM-01): not installation or training
    assert sorted(f.details["item"] for f in twice) == [
        "Bản quyền phần mềm diệt virus (1 năm)",
        "Máy in đa chức năng khổ A4",
        "Máy tính để bàn cho cán bộ một cửa",
        "Nâng cấp phần mềm quản lý văn bản và điều hành",
    ]
    hits = [f for f in _repeat([clean, _other(2027)], 3) if f.code == "STAGE-REPEAT-BUY"]
    assert len(hits) == 1
    assert hits[0].details["earlier_dossier"] == "stp-qlvb-2025"
    assert hits[0].details["dossier"] == "other-2027"


def test_repeat_purchase_outside_the_window_other_model_or_other_owner() -> None:
    clean = Dossier.model_validate(_BASE)
    agency = _other(2027).model_copy(update={"owner": Party(name="Sở Nội vụ tỉnh")})
    assert not [f for f in _repeat([clean, agency], 3) if f.code == "STAGE-REPEAT-BUY"]
    assert not [f for f in _repeat([clean, _other(2029)], 3) if f.code == "STAGE-REPEAT-BUY"]
    other_model = _other(2027, model="Dell OptiPlex 7020 Tower")
    assert not [f for f in _repeat([clean, other_model], 3) if f.code == "STAGE-REPEAT-BUY"]


def test_repeat_purchase_by_name_without_model() -> None:
    clean = copy.deepcopy(_BASE)
    for item in _contract(clean, "HD-02")["items"]:
        item.pop("model", None)
    other = _other(2026, model=None, name="Máy tính để bàn cho cán bộ một cửa")  # type: ignore[arg-type]
    hits = [
        f
        for f in _repeat([Dossier.model_validate(clean), other], 2)
        if f.code == "STAGE-REPEAT-BUY"
    ]
    assert len(hits) == 1
    series = _other(2026, model=None, name="Máy tính để bàn cho cán bộ xã An Bình")  # type: ignore[arg-type]
    assert not [
        f
        for f in _repeat([Dossier.model_validate(clean), series], 2)
        if f.code == "STAGE-REPEAT-BUY"
    ]


def test_repeat_rule_says_it_did_not_run_without_a_window() -> None:
    clean = Dossier.model_validate(_BASE)
    found = _repeat([clean, _other(2027)], None)
    assert [f.code for f in found] == ["STAGE-REPEAT-NOT-RUN"]
    assert found[0].details["dossiers"] == 2


# --- input -------------------------------------------------------------------------------------


def test_same_party() -> None:
    assert same_party(Party(name="Công ty  ABC"), Party(name="công ty abc"))
    assert not same_party(
        Party(name="ABC", tax_code="0101234567"), Party(name="ABC", tax_code="0101234568")
    )
    assert not same_party(None, Party(name="A"))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda d: d["contracts"].append(copy.deepcopy(d["contracts"][0])),
            "HD-01 given twice",
            "distinct",
        ),
        (lambda d: d["payments"][0].update(contract="HD-09"), "", "HD-09"),
        (lambda d: d["payments"][0].update(amount=-5), "payments[0: HD-01].amount", "zero or more"),
        (lambda d: d["payments"][0].update(amount=4.5), "payments[0: HD-01].amount", "float"),
        (
            lambda d: d["contracts"][0].update(end=dt.date(2025, 7, 1)),
            "contracts[0: HD-01]",
            "ends",
        ),
        (
            lambda d: d["contracts"][0].update(type="turnkey"),
            "contracts[0: HD-01].type",
            "lump_sum",
        ),
        (lambda d: d["owner"].update(tax_code="12345"), "owner.tax_code", "pattern"),
        (
            lambda d: d["selection_plan"]["packages"].append(
                copy.deepcopy(d["selection_plan"]["packages"][0])
            ),
            "selection_plan",
            "distinct",
        ),
        (
            lambda d: d.update(
                adjustments=[
                    {
                        "stage": "contract",
                        "total": 5,
                        "decision": {"number": "1", "date": "2025-01-01"},
                    }
                ]
            ),
            "adjustments[0]",
            "target",
        ),
        (lambda d: d["approval"].pop("decision"), "approval.decision", "required"),
        (lambda d: d.update(extra_key=1), "extra_key", "Extra"),
    ],
)
def test_invalid_dossier_is_a_located_input_error(change: Change, field: str, words: str) -> None:
    d = copy.deepcopy(_BASE)
    change(d)
    with pytest.raises(InputError) as err:
        load_dossier(d)
    text = str(err.value)
    assert field in text
    assert words.lower() in text.lower()
    assert err.value.hint


def test_yaml_errors_carry_their_position(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(
        CLEAN.read_text(encoding="utf-8").replace("value: 4000000\n", "value: 4,000,000\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_dossier(f)
    assert re.search(r"d\.yaml:\d+:\d+: contracts\[0: HD-01\]\.value", str(err.value))


def test_workbook_is_not_read_as_a_dossier(tmp_path: Path) -> None:
    f = tmp_path / "plan.xlsx"
    f.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="read_selection_plan"):
        load_dossier(f)


def test_estimate_outside_the_folder_is_refused(tmp_path: Path) -> None:
    d = copy.deepcopy(_BASE)
    d["approval"]["estimate"] = "../estimate.yaml"
    with pytest.raises(InputError, match="outside the dossier's folder") as err:
        check_dossier(Dossier.model_validate(d), base_dir=STAGES)
    assert err.value.field == "approval.estimate"


def test_dossier_under_a_top_key() -> None:
    assert load_dossier({"dossier": _BASE}).id == "stp-qlvb-2025"


def test_stage_config_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="repeat_years"):
        StageConfig(repeat_years=0)
    with pytest.raises(ValueError, match="advance_max_percent"):
        StageConfig(advance_max_percent=Decimal(0))


# --- a property ---------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(scale=st.integers(min_value=1, max_value=1000))
def test_a_later_stage_at_its_ceiling_is_never_a_ceiling_finding(scale: int) -> None:
    """Whatever the amounts, a chain where each stage equals the one before raises no ceiling finding."""
    total = Decimal(scale) * 1_000_000
    d = {
        "id": "p",
        "name": "P",
        "owner": {"name": "Sở A"},
        "plan": {
            "task": "T",
            "owner": {"name": "Sở A"},
            "year": 2025,
            "budget": total,
            "decision": {"number": "1", "date": "2025-01-01"},
        },
        "policy": {"total": total, "decision": {"number": "2", "date": "2025-02-01"}},
        "approval": {
            "document": "ktkt_report",
            "total": total,
            "decision": {"number": "3", "date": "2025-03-01"},
        },
        "settlement": {"total": total, "decision": {"number": "4", "date": "2026-03-01"}},
    }
    codes = _codes(d)
    assert not {c for c in codes if c[0] in ("STAGE-CEILING", "STAGE-PLAN-BUDGET")}
    d["settlement"]["total"] = total + 2  # type: ignore[index]
    assert ("STAGE-CEILING", "settlement_over_approval") in _codes(d)


# --- the governing instrument of a finding's stage, on its record's date ------------------------


def _settlement_citations(day: str) -> list[tuple[str, str]]:
    d = copy.deepcopy(_BASE)
    d["settlement"]["total"] = 1_500_000_000  # above the approved total: STAGE-CEILING
    d["settlement"]["decision"]["date"] = day
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    hit = [f for f in findings if (f.code, f.case) == ("STAGE-CEILING", "settlement_over_approval")]
    assert len(hit) == 1
    return [(c.column, c.value) for c in hit[0].citations if c.table_id == "stage-bases"]


def test_a_settlement_before_july_2026_cites_nd_254_2025() -> None:
    cited = dict(_settlement_citations("2026-03-20"))
    assert cited["instrument"] == "254/2025/NĐ-CP"
    assert cited["provision"].startswith("Điều 30")


def test_a_settlement_from_july_2026_cites_nd_193_2026() -> None:
    cited = dict(_settlement_citations("2026-08-10"))
    assert cited["instrument"] == "193/2026/NĐ-CP"


def test_a_provision_not_read_is_not_cited_only_its_instrument() -> None:
    """A payment of 2025 (before NĐ 254/2025): NĐ 99/2021, whose articles were not read."""
    findings = check_dossier(PLANTED, with_estimate=False)
    early = [
        f
        for f in findings
        if f.code == "STAGE-PAYMENT"
        and any(c.table_id == "stage-bases" and c.value == "99/2021/NĐ-CP" for c in f.citations)
    ]
    assert early
    for f in early:
        assert [c.column for c in f.citations if c.table_id == "stage-bases"] == ["instrument"]


def test_a_finding_without_a_stage_or_a_date_cites_no_stage_basis() -> None:
    ctx = dossier_context(Dossier.model_validate(_BASE), base_dir=STAGES)
    no_stage = RULES["STAGE-REPEAT-NOT-RUN"].finding(Hit({"dossiers": 2}), estimate="x")
    assert _cited(no_stage, ctx).citations == ()
    d = copy.deepcopy(_BASE)
    d.pop("settlement")  # the latest record of the stage: none, so no date
    undated = dossier_context(Dossier.model_validate(d), base_dir=STAGES)
    hit = Hit({"total": Decimal(1), "ceiling": Decimal(0)}, case="settlement_over_approval")
    finding = RULES["STAGE-CEILING"].finding(hit, estimate="x")
    assert _cited(finding, undated).citations == ()
    dated = [c.value for c in _cited(finding, ctx).citations]  # the same with a settlement
    assert dated[0] == "254/2025/NĐ-CP"


def test_a_repeat_purchase_cites_the_contract_stages_instrument() -> None:
    clean = Dossier.model_validate(_BASE)
    twice = _repeat([clean, clean.model_copy(update={"id": "again"})], 1)
    assert twice
    for f in twice:
        assert [(c.row, c.value) for c in f.citations if c.column == "instrument"] == [
            ("contract", "22/2023/QH15")
        ]


def _approval_of(group: str, submitted: str, decided: str) -> Any:
    d = copy.deepcopy(_BASE)
    d["policy"]["group"] = group
    d["settlement"].update(filed=None, handed_over=None, review_submitted=submitted)
    d["settlement"]["decision"]["date"] = decided
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    return [f for f in findings if f.code == "STAGE-SETTLEMENT-TIME"]


def test_the_limit_is_the_one_in_force_on_the_steps_first_day() -> None:
    """Group A approval: 1 month under NĐ 254/2025, 15 days under NĐ 193/2026 (from 01/07/2026)."""
    assert _approval_of("group_a", "2026-06-25", "2026-07-20") == []  # NĐ 254: due 25/07
    late = _approval_of("group_a", "2026-07-01", "2026-07-20")  # NĐ 193: due 16/07
    assert [(f.case, f.details["deadline"], f.details["unit"]) for f in late] == [
        ("approval", "2026-07-16", "days")
    ]
    cited = {(c.table_id, c.row, c.value) for c in late[0].citations}
    assert ("stage-thresholds", "settlement_approval_days_a", "15") in cited
    assert ("stage-bases", "settlement", "193/2026/NĐ-CP") in cited  # the step's first day


def test_two_and_a_half_months_are_two_months_and_fifteen_days() -> None:
    """NĐ 193/2026, group B review: 2,5 tháng from the filing (ictcost's reading: 2 months 15 days)."""

    def review(submitted: str) -> list[Any]:
        d = copy.deepcopy(_BASE)
        d["policy"]["group"] = "group_b"
        d["settlement"].update(handed_over=None, filed="2026-07-10", review_submitted=submitted)
        d["settlement"]["decision"]["date"] = "2026-09-30"
        found = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
        return [f for f in found if (f.code, f.case) == ("STAGE-SETTLEMENT-TIME", "review")]

    assert review("2026-09-25") == []
    late = review("2026-09-26")
    assert [f.details["deadline"] for f in late] == ["2026-09-25"]
    assert "2,5 tháng" in late[0].message_vi


def _guaranteed(date: str = "2025-10-01", **contract: Any) -> set[tuple[str, str | None]]:
    d = copy.deepcopy(_BASE)
    _payment(d, "HD-02", "advance").update(date=date, amount=1_000_000_001)
    _contract(d, "HD-02").update(contract)
    return _codes(d)


_BANK = {"number": "BL-01/2025", "date": "2025-09-30", "issuer": "Ngân hàng A"}


def test_a_guarantee_before_the_advance_or_a_project_management_contract_needs_none() -> None:
    assert ("STAGE-ADVANCE-GUARANTEE", "missing") in _guaranteed()
    for contract in ({"advance_guarantee": _BANK}, {"services": {"project_management": ["GT-02"]}}):
        for date in ("2025-10-01", "2025-09-01"):  # with a threshold, and before any is encoded
            found = _guaranteed(date, **contract)
            assert not {c for c in found if c[0] == "STAGE-ADVANCE-GUARANTEE"}, (contract, date)
            assert ("STAGE-NOT-CHECKED", "advance_guarantee") not in found, (contract, date)
    assert ("STAGE-NOT-CHECKED", "advance_guarantee") in _guaranteed("2025-09-01")


def test_a_guarantee_dated_after_the_advance_is_late() -> None:
    late = {**_BANK, "date": "2025-10-02"}
    assert ("STAGE-ADVANCE-GUARANTEE", "late") in _guaranteed(advance_guarantee=late)
    same_day = {**_BANK, "date": "2025-10-01"}
    found = _guaranteed(advance_guarantee=same_day)
    assert not {c for c in found if c[0] == "STAGE-ADVANCE-GUARANTEE"}


def test_the_contracts_own_level_above_the_threshold_needs_it_from_the_first_advance() -> None:
    """HD-02 (1.015.000.000 đ) sets 100 %: its advance is above 1 tỷ from the first 203 M."""
    d = copy.deepcopy(_BASE)
    _payment(d, "HD-02", "advance").update(date="2025-10-01")
    _contract(d, "HD-02").update(advance_percent=100)
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    hit = next(f for f in findings if f.code == "STAGE-ADVANCE-GUARANTEE")
    assert (hit.case, hit.details["date"], hit.details["source"]) == (
        "missing",
        "2025-10-01",
        "contract",
    )
    assert hit.details["advance"] == Decimal(1_015_000_000)
    _contract(d, "HD-02").update(advance_percent=98)  # 994.700.000 đ: not above
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    assert not [f for f in findings if f.code == "STAGE-ADVANCE-GUARANTEE"]


def test_the_guarantee_finding_cites_its_threshold_and_the_date_it_was_passed() -> None:
    d = copy.deepcopy(_BASE)
    first = _payment(d, "HD-02", "advance")
    first.update(date="2025-10-01", amount=600_000_000)
    d["payments"].append({**first, "date": "2025-11-01", "decision": {**first["decision"]}})
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    hit = next(f for f in findings if f.code == "STAGE-ADVANCE-GUARANTEE")
    assert hit.details["date"] == "2025-11-01"  # 600 M, then 1,2 tỷ: above from the second
    assert hit.details["advance"] == Decimal(1_200_000_000)
    assert hit.details["source"] == "paid"
    cells = [c for c in hit.citations if c.table_id == "stage-thresholds"]
    assert [c.row for c in cells] == ["advance_guarantee_required_above_vnd"]
    assert cells[0].value == "1000000000"


def test_the_settlement_time_finding_names_its_limit_and_deadline() -> None:
    d = copy.deepcopy(_BASE)
    d["settlement"].update(handed_over="2026-03-31", filed="2026-08-01", review_submitted=None)
    findings = check_dossier(Dossier.model_validate(d), base_dir=STAGES, with_estimate=False)
    hit = next(f for f in findings if f.code == "STAGE-SETTLEMENT-TIME")
    assert hit.case == "filing"
    assert hit.details["deadline"] == "2026-07-31"  # 4 calendar months (120 days: 29 July)
    assert hit.details["limit"] == Decimal(4)
    assert hit.details["unit"] == "months"
    assert hit.field == "settlement.filed"
    rows = [c.row for c in hit.citations if c.table_id == "stage-thresholds"]
    assert rows == ["settlement_dossier_months_c"]
    assert "29/07/2026" not in hit.message_vi and "31/07/2026" in hit.message_vi


def test_a_step_with_one_date_is_not_compared() -> None:
    d = copy.deepcopy(_BASE)
    for step in ("filed", "review_submitted"):
        d["settlement"].pop(step, None)
    d["settlement"].update(handed_over="2025-10-01")  # no filing date: nothing to compare
    found = _codes(d)
    assert not {c for c in found if c[0] == "STAGE-SETTLEMENT-TIME"}
    assert ("STAGE-NOT-CHECKED", "settlement_time") not in found


def test_a_step_starting_before_any_limit_is_encoded_is_not_checked() -> None:
    """The settlement limits are encoded from NĐ 254/2025 (26/09/2025): a hand-over the day
    before has no limit, the next day has one."""
    d = copy.deepcopy(_BASE)
    d["settlement"].update(handed_over="2025-09-25", filed="2026-01-20")
    assert ("STAGE-NOT-CHECKED", "settlement_time") in _codes(d)
    d["settlement"].update(handed_over="2025-09-26")
    assert ("STAGE-NOT-CHECKED", "settlement_time") not in _codes(d)
