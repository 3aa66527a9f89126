"""Project kind × document: structure, fee bases, reference figures, VAT by period, contingency.

The first part recomputes the five examples (``examples/purchase-ktkt.yaml``,
``rental-plan-2025.yaml``, ``rental-plan-2026.yaml``, ``recurrent-task.yaml``,
``investment-fs-2026.yaml``) by hand: every figure in the comments is worked from the inputs and
from the norm tables (``qd1688-1a``…``8b``, ``qd1688-items``, ``qd1688-bases``, ``qd1688-parts``,
``vat-rates``, ``contingency``, ``statutory-groups``, ``project-documents``), not read from
ictcost's output. The rest checks the rules one by one on small projects.

Rates read from the tables (first breakpoint 7 tỷ; below it the 7-tỷ rate applies, ``flat``):

* 1a project 2.644 (15 tỷ: 2.184); KTKT = 1a × 0.84 = 2.22096.
* 1b project 2.809 (15 tỷ: 2.133); KTKT column 1.855 (15 tỷ: 1.532).
* 2a project 0.992, lập BC KTKT / lập kế hoạch thuê (infrastructure) = 2a × 1.65 = 1.6368.
* 2b KTKT column 3.64 (lập BC KTKT, lập kế hoạch thuê, software).
* thẩm tra BC KTKT = 0.4 × table 4 + 0.7 × table 5 + 0.7 × table 6:
  a: 0.4 × 0.105 + 0.7 × 0.087 + 0.7 × 0.078 = 0.1575; b: 0.4 × 0.126 + 0.7 × 0.095 + 0.7 × 0.085
  = 0.1764.
* 7a 0.362 (HSMT xây lắp), 8a 0.283, 8b 0.405 (HSMT thiết bị).
* Minimums: lập BC KTKT 10,000,000; thẩm tra BC KTKT 2,000,000.

VAT (``vat-rates``): 2024-07-01..2025-06-30 general 8 %, IT goods and services 10 % (excluded from
the reduction); 2025-07-01..2026-12-31 general and IT 8 %; from 2027-01-01 10 %; software không
chịu thuế on every date from 2009-01-01.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ictcost import InputError, NormRegistry
from ictcost.checks import check
from ictcost.cli import app
from ictcost.estimate import Estimate, ProjectInput, compute_estimate, load_project
from ictcost.estimate.trace import FeeTrace
from ictcost.report.excel import write_xlsx

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped()
# the TT 04/2020 groups (purchase and KTKT under NĐ 73/2019) and the TT 03/2020 items
ND73_PROJECT_GROUPS = ["xay_lap", "thiet_bi", "quan_ly_du_an", "tu_van", "chi_phi_khac"]
EXAMPLE_FILES = (
    "purchase-ktkt",
    "rental-plan-2025",
    "rental-plan-2026",
    "recurrent-task",
    "investment-fs-2026",
)


# --- helpers ------------------------------------------------------------------------------------


def raw(name: str) -> dict[str, Any]:
    """The example's input as a dict of the fields it states (to vary it)."""
    return load_project(EXAMPLES / f"{name}.yaml").model_dump(exclude_unset=True)


def compute(data: dict[str, Any] | ProjectInput) -> Estimate:
    project = data if isinstance(data, ProjectInput) else load_project(data)
    return compute_estimate(project, registry=REG, base_dir=EXAMPLES)


@cache
def example(name: str) -> Estimate:
    return compute_estimate(
        load_project(EXAMPLES / f"{name}.yaml"), registry=REG, base_dir=EXAMPLES
    )


def fee(e: Estimate, line_id: str) -> FeeTrace:
    trace = e.line(line_id).trace
    assert isinstance(trace, FeeTrace), line_id
    return trace


def codes(obj: Any) -> set[str]:
    return {n.code for n in obj.notes}


def notes_named(obj: Any, code: str) -> list[Any]:
    return [n for n in obj.notes if n.code == code]


def half_up(x: Decimal) -> Decimal:
    return x.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def without(data: dict[str, Any], *ids: str) -> dict[str, Any]:
    return {**data, "lines": [ln for ln in data["lines"] if ln["id"] not in ids]}


def replace(data: dict[str, Any], line_id: str, **changes: Any) -> dict[str, Any]:
    lines = [ln | changes if ln["id"] == line_id else ln for ln in data["lines"]]
    return {**data, "lines": lines}


def given_line(line_id: str, component: str, amount: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": line_id,
        "component": component,
        "name": f"Khoản {line_id}",
        "method": "fixed",
        "vat": "general",
        "amount": amount,
        "basis": "Báo giá",
        **extra,
    }


def norm_line(line_id: str, item: str, category: str, **extra: Any) -> dict[str, Any]:
    component = "quan_ly_du_an" if item == "quan_ly_du_an" else "tu_van"
    return {
        "id": line_id,
        "component": component,
        "name": f"Định mức {item} ({category})",
        "method": "norm",
        "vat": "not_applicable" if component == "quan_ly_du_an" else "general",
        "fee": {"item": item, "category": category},
        **extra,
    }


def meta(date: str, kind: str = "investment", document: str = "feasibility_study", **more: Any):
    """Project metadata; ``kind`` is the project kind (the estimate kind goes in ``more``)."""
    return {"name": "Dự án thử", "date": date, "project_kind": kind, "document": document, **more}


# --- the examples compute, from the command line too ----------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_runs_from_the_cli(name: str):
    r = CliRunner().invoke(app, ["estimate", str(EXAMPLES / f"{name}.yaml"), "--json"])
    assert r.exit_code == 0, r.output
    assert Decimal(json.loads(r.stdout)["total"]) == example(name).total


@pytest.mark.parametrize(
    "name",
    EXAMPLE_FILES,
)
def test_example_writes_markdown_and_a_workbook(name: str, tmp_path: Path):
    e = example(name)
    assert "Bằng chữ" in e.to_markdown()
    assert write_xlsx(e, tmp_path / f"{name}.xlsx").stat().st_size > 0


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_says_how_to_run_it(name: str):
    text = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")
    assert f"ictcost estimate examples/{name}.yaml" in text
    assert text.startswith("# ")


# --- 1. purchase × báo cáo KTKT, NĐ 73/2019 (2025-05-12) ----------------------------------------


def test_purchase_ktkt_structure_and_columns():
    e = example("purchase-ktkt")
    assert e.regime.id == "nd73_2019"
    assert (e.project_kind, e.document) == ("purchase", "ktkt_report")
    # the document selects the KTKT columns; the kind keeps the purchase groups
    assert (e.profile.structure, e.profile.fee_form, e.profile.contingency_row) == (
        "purchase",
        "ktkt",
        "ktkt",
    )
    assert [c.key for c in e.components] == ND73_PROJECT_GROUPS
    assert [c.symbol for c in e.components] == ["G_XL", "G_TB", "G_QLDA", "G_TV", "G_K"]
    assert "form_deprecated" not in e.flags


def test_purchase_ktkt_lines_by_hand():
    e = example("purchase-ktkt")
    # TB-01: lowest of 18,500,000 / 18,200,000 / 19,000,000 = 18,200,000 × 40 = 728,000,000;
    #   IT goods on 2025-05-12: 10 % (NĐ 180/2024 leaves IT out of the reduction) = 72,800,000
    tb1 = e.line("TB-01")
    assert (tb1.unit_price, tb1.amount, tb1.vat_rate, tb1.vat) == (
        18_200_000,
        728_000_000,
        10,
        72_800_000,
    )
    # TB-02: 10 × 12,000,000 = 120,000,000; 10 % = 12,000,000
    assert (e.line("TB-02").amount, e.line("TB-02").vat) == (120_000_000, 12_000_000)
    # TB-03: 40 × 650,000 = 26,000,000; software: không chịu thuế
    tb3 = e.line("TB-03")
    assert (tb3.amount, tb3.vat_treatment, tb3.vat_rate, tb3.vat) == (
        26_000_000,
        "not_subject",
        None,
        0,
    )
    # LD-01: 20 × 1,200,000 = 24,000,000; general 8 % = 1,920,000
    assert (e.line("LD-01").amount, e.line("LD-01").vat) == (24_000_000, 1_920_000)
    # PM-01: 120 × 1,500,000 + 30 × 1,800,000 = 180,000,000 + 54,000,000 = 234,000,000; KCT
    assert (e.line("PM-01").amount, e.line("PM-01").vat) == (234_000_000, 0)
    # DT-01: 4 × 2,500,000 = 10,000,000; 8 % = 800,000; states part: software
    dt1 = e.line("DT-01")
    assert (dt1.amount, dt1.vat, dt1.part) == (10_000_000, 800_000, "software")
    # default parts (qd1688-parts): equipment, licences, installation → infrastructure
    assert {e.line(i).part for i in ("TB-01", "TB-02", "TB-03", "LD-01")} == {"infrastructure"}
    assert e.line("PM-01").part == "software"


# part a (infrastructure): TB-01 728,000,000 + TB-02 120,000,000 + TB-03 26,000,000
#   + LD-01 24,000,000 = 898,000,000 (0.898 tỷ < 7: the 7-tỷ rate)
# part b (software): PM-01 234,000,000 + DT-01 10,000,000 = 244,000,000
A_LINES, A_BASE = ("TB-01", "TB-02", "TB-03", "LD-01"), Decimal(898_000_000)
B_LINES, B_BASE = ("PM-01", "DT-01"), Decimal(244_000_000)

PURCHASE_FEES = [
    # id, base lines, base, rate %, amount, VAT, minimum applied
    # QLDA a: 1a × 0.84 = 2.22096 % × 898,000,000 = 19,944,220.8 → 19,944,221 (outside VAT)
    ("QLDA-HT", A_LINES, A_BASE, "2.22096", 19_944_221, 0, False),
    # QLDA b: 1b KTKT column 1.855 % × 244,000,000 = 4,526,200
    ("QLDA-PM", B_LINES, B_BASE, "1.855", 4_526_200, 0, False),
    # lập BC KTKT a: 2a × 1.65 = 1.6368 % × 898,000,000 = 14,698,464; VAT 8 % = 1,175,877.12
    ("TV-01-HT", A_LINES, A_BASE, "1.6368", 14_698_464, 1_175_877, False),
    # lập BC KTKT b: 2b KTKT 3.64 % × 244,000,000 = 8,881,600 < 10,000,000 → 10,000,000
    ("TV-01-PM", B_LINES, B_BASE, "3.64", 10_000_000, 800_000, True),
    # thẩm tra a: 0.1575 % × 898,000,000 = 1,414,350 < 2,000,000 → 2,000,000
    ("TV-02-HT", A_LINES, A_BASE, "0.1575", 2_000_000, 160_000, True),
    # thẩm tra b: 0.1764 % × 244,000,000 = 430,416 < 2,000,000 → 2,000,000
    ("TV-02-PM", B_LINES, B_BASE, "0.1764", 2_000_000, 160_000, True),
    # HSMT thiết bị a: 8a 0.283 % × 898,000,000 = 2,541,340; VAT 203,307.2 → 203,307
    ("TV-03-HT", A_LINES, A_BASE, "0.283", 2_541_340, 203_307, False),
    # HSMT b: 8b 0.405 % × 244,000,000 = 988,200; VAT 79,056
    ("TV-03-PM", B_LINES, B_BASE, "0.405", 988_200, 79_056, False),
]


@pytest.mark.parametrize(
    ("line_id", "lines", "base", "rate", "amount", "vat", "minimum"), PURCHASE_FEES
)
def test_purchase_ktkt_fee_lines_by_hand(line_id, lines, base, rate, amount, vat, minimum):
    e = example("purchase-ktkt")
    t = fee(e, line_id)
    assert t.base_source == "derived"
    assert t.base_lines == t.derived_lines == lines
    assert t.base == t.derived_base == base
    assert t.fee.form == "ktkt"
    ln = e.line(line_id)
    assert ln.rate_percent == Decimal(rate)
    assert (ln.amount, ln.vat) == (amount, vat)
    assert ("minimum_applied" in ln.flags) is minimum


def test_purchase_ktkt_totals_by_hand():
    e = example("purchase-ktkt")
    by = {c.key: c for c in e.components}
    # G_TB = 728 + 120 + 26 + 24 + 234 + 10 (million) = 1,142,000,000;
    #   VAT 72,800,000 + 12,000,000 + 1,920,000 + 800,000 = 87,520,000
    assert (by["thiet_bi"].amount, by["thiet_bi"].vat) == (1_142_000_000, 87_520_000)
    assert by["xay_lap"].amount == 0
    # G_QLDA = 19,944,221 + 4,526,200 = 24,470,421
    assert by["quan_ly_du_an"].amount == 24_470_421
    # G_TV = 14,698,464 + 10,000,000 + 2,000,000 × 2 + 2,541,340 + 988,200 = 32,228,004;
    #   VAT 1,175,877 + 800,000 + 160,000 × 2 + 203,307 + 79,056 = 2,578,240
    assert (by["tu_van"].amount, by["tu_van"].vat) == (32_228_004, 2_578_240)
    # G_K: 8,000,000 + 8 % 640,000
    assert (by["chi_phi_khac"].amount, by["chi_phi_khac"].vat) == (8_000_000, 640_000)
    # amount 1,206,698,425; VAT 90,738,240; before contingency 1,297,436,665
    assert (e.amount, e.vat, e.total_before_contingency) == (
        1_206_698_425,
        90_738_240,
        1_297_436_665,
    )
    # TT 04/2020, KTKT report: Kps ≤ 5 %; 5 % × 1,297,436,665 = 64,871,833.25 → 64,871,833
    assert e.contingency is not None
    assert (e.contingency.rule, e.contingency.cap_percent) == ("single_coefficient", 5)
    assert e.contingency.total == 64_871_833
    assert e.total == 1_362_308_498
    # every line of both parts is in exactly one base of each item
    assert "fee_base_gap" not in e.flags
    items = {c.item for c in e.fee_coverage}
    assert items == {
        "quan_ly_du_an",
        "lap_bao_cao_ktkt",
        "tham_tra_bao_cao_ktkt",
        "lap_hsmt_danh_gia_hsdt_thiet_bi",
    }
    for c in e.fee_coverage:
        assert not c.missing_lines and not c.double_lines
        assert c.expected_lines == (A_LINES if c.part == "infrastructure" else B_LINES)


# --- 2. rental plan under NĐ 73/2019 (TT 12/2020), 2025-08-15 -----------------------------------


def test_rental_plan_2025_structure_has_no_contingency():
    e = example("rental-plan-2025")
    assert e.regime.id == "nd73_2019"
    assert (e.profile.structure, e.profile.fee_form, e.profile.contingency_row) == (
        "rental_plan",
        "ktkt",
        "rental_plan",
    )
    # TT 12/2020: Gt = Gtdv + Gv + Gbt + Gk
    assert [c.key for c in e.components] == [
        "thue_dich_vu",
        "quan_tri_van_hanh",
        "bao_tri",
        "chi_phi_khac",
    ]
    assert [c.symbol for c in e.components] == ["G_tdv", "G_v", "G_bt", "G_k"]
    # consultancy of the plan is summed in G_k (ictcost's reading)
    assert e.line("TV-01-PM").group == "chi_phi_khac"
    assert e.contingency is None and e.contingency_rule == "none"


def test_rental_plan_2025_lines_by_hand():
    e = example("rental-plan-2025")
    # TDV-01, TT 12/2020 annuity: Tđ 2,400,000,000, S 0, N 4.8 %/yr, k 4 → r = 0.012, n 12,
    #   end of period: (1.012)^12 = 1.15389462418…; Gdv = Tđ·r·g/(g − 1) = 215,941,039.870…;
    #   Gtdv = 12 × Gdv = 2,591,292,478.445… → 2,591,292,478
    with localcontext() as c:
        c.prec = 50
        r = Decimal("0.048") / 4
        g = (1 + r) ** 12
        gdv = Decimal(2_400_000_000) * r * g / (g - 1)
    assert half_up(gdv) == 215_941_040
    tdv1 = e.line("TDV-01")
    assert tdv1.amount == half_up(gdv * 12) == 2_591_292_478
    # a hosted software service: không chịu thuế on every quarter
    assert (tdv1.vat_treatment, tdv1.vat) == ("not_subject", 0)
    assert [(p.periods, p.rate, p.treatment) for p in tdv1.vat_periods] == [
        (12, None, "not_subject")
    ]
    # TDV-02: 36 × 45,000,000 = 1,620,000,000 from 2025-10-01: 2025-10 … 2026-12 = 15 months at
    #   8 % = 54,000,000; 2027-01 … 2028-09 = 21 months at 10 % = 94,500,000; VAT 148,500,000
    tdv2 = e.line("TDV-02")
    assert tdv2.amount == 1_620_000_000 and tdv2.vat == 148_500_000
    assert tdv2.vat_rate is None and "vat_by_period" in tdv2.flags
    assert [(p.start, p.end, p.periods, p.rate, half_up(p.vat)) for p in tdv2.vat_periods] == [
        (dt.date(2025, 10, 1), dt.date(2026, 12, 1), 15, 8, 54_000_000),
        (dt.date(2027, 1, 1), dt.date(2028, 9, 1), 21, 10, 94_500_000),
    ]
    # VH-01: 396 × 450,000 = 178,200,000, paid 50 % on 2026-09-30 (8 %: 7,128,000) and 50 % on
    #   2028-09-30 (10 %: 8,910,000) = 16,038,000
    vh = e.line("VH-01")
    assert (vh.amount, vh.vat, vh.group) == (178_200_000, 16_038_000, "quan_tri_van_hanh")
    assert [(p.start, p.share_percent, p.rate, p.vat) for p in vh.vat_periods] == [
        (dt.date(2026, 9, 30), 50, 8, 7_128_000),
        (dt.date(2028, 9, 30), 50, 10, 8_910_000),
    ]
    # BT-01: 3 × 72,000,000 = 216,000,000, software maintenance: KCT
    assert (e.line("BT-01").amount, e.line("BT-01").vat, e.line("BT-01").group) == (
        216_000_000,
        0,
        "bao_tri",
    )


def test_rental_plan_2025_fees_on_the_rental_lines_by_hand():
    e = example("rental-plan-2025")
    # lập kế hoạch thuê, software (2b KTKT column 3.64 %, base ≤ 15 tỷ so no switch to 3b):
    #   base = TDV-01 (part: software) 2,591,292,478 × 3.64 % = 94,323,046.199… → 94,323,046;
    #   VAT 8 % = 7,545,843.68 → 7,545,844
    t = fee(e, "TV-01-PM")
    assert (t.base_lines, t.base, t.base_source) == (("TDV-01",), 2_591_292_478, "derived")
    assert e.line("TV-01-PM").rate_percent == Decimal("3.64")
    assert (e.line("TV-01-PM").amount, e.line("TV-01-PM").vat) == (94_323_046, 7_545_844)
    # infrastructure: 2a × 1.65 = 1.6368 % × TDV-02 1,620,000,000 = 26,516,160;
    #   VAT 2,121,292.8 → 2,121,293
    t = fee(e, "TV-01-HT")
    assert (t.base_lines, t.base) == (("TDV-02",), 1_620_000_000)
    assert (e.line("TV-01-HT").amount, e.line("TV-01-HT").vat) == (26_516_160, 2_121_293)
    # the operation and maintenance groups are not in the base of the rental plan's fee
    assert {"VH-01", "BT-01"}.isdisjoint(t.base_lines + fee(e, "TV-01-PM").base_lines)
    assert "fee_base_gap" not in e.flags


def test_rental_plan_2025_totals_by_hand():
    e = example("rental-plan-2025")
    by = {c.key: c for c in e.components}
    # G_tdv = 2,591,292,478 + 1,620,000,000 = 4,211,292,478; VAT 148,500,000
    assert (by["thue_dich_vu"].amount, by["thue_dich_vu"].vat) == (4_211_292_478, 148_500_000)
    # G_k = 94,323,046 + 26,516,160 + 15,000,000 = 135,839,206;
    #   VAT 7,545,844 + 2,121,293 + 1,200,000 = 10,867,137
    assert (by["chi_phi_khac"].amount, by["chi_phi_khac"].vat) == (135_839_206, 10_867_137)
    # amount 4,741,331,684; VAT 148,500,000 + 16,038,000 + 10,867,137 = 175,405,137
    assert (e.amount, e.vat) == (4_741_331_684, 175_405_137)
    assert e.total == e.total_before_contingency == 4_916_736_821


def test_a_rental_line_in_a_fee_base_must_state_its_part():
    data = raw("rental-plan-2025")
    lines = [{k: v for k, v in ln.items() if k != "part"} for ln in data["lines"]]
    with pytest.raises(InputError, match="has no part") as exc:
        compute({**data, "lines": lines})
    assert "TDV-01" in exc.value.message and "qd1688-parts" in exc.value.message


# --- 3. rental plan under NĐ 224/2026 (2026-08-20, services from 2026-10-01) ----------------------


def test_rental_plan_2026_structure():
    e = example("rental-plan-2026")
    assert e.regime.id == "nd224_2026"
    assert (e.profile.structure, e.profile.contingency_row) == ("rental_plan", "rental_plan")
    assert [c.key for c in e.components] == [
        "thue_dich_vu",
        "quan_ly_du_an",
        "tu_van",
        "chi_phi_khac",
    ]
    assert [c.symbol for c in e.components] == ["G_TDV", "G_QLDA", "G_TV", "G_K"]
    assert all(ln.method_status == "listed" for ln in e.lines)


def test_rental_plan_2026_vat_per_period_by_hand():
    e = example("rental-plan-2026")
    # TDV-01 is an IT service (category it_goods_services, "hàng hóa, dịch vụ CNTT trừ phần mềm"):
    #   8 % on 2026-10-01 … 2026-12-01 (NĐ 174/2025, to 2026-12-31), 10 % from 2027-01-01.
    #   24 × 38,500,000 = 924,000,000; 3 × 38,500,000 × 8 % = 9,240,000;
    #   21 × 38,500,000 × 10 % = 80,850,000; VAT 90,090,000
    tdv = e.line("TDV-01")
    assert (tdv.amount, tdv.vat) == (924_000_000, 90_090_000)
    assert [(p.start, p.end, p.periods, p.rate, half_up(p.vat)) for p in tdv.vat_periods] == [
        (dt.date(2026, 10, 1), dt.date(2026, 12, 1), 3, 8, 9_240_000),
        (dt.date(2027, 1, 1), dt.date(2028, 9, 1), 21, 10, 80_850_000),
    ]
    # TDV-02 is a software service: KCT in both rate periods; 8 quarters × 60,000,000
    saas = e.line("TDV-02")
    assert (saas.amount, saas.vat, saas.vat_treatment) == (480_000_000, 0, "not_subject")
    assert [(p.start, p.end, p.periods, p.rate) for p in saas.vat_periods] == [
        (dt.date(2026, 10, 1), dt.date(2028, 7, 1), 8, None)
    ]
    # TV-01: lowest quote 68,000,000, supplied 2026-09-15: 8 % = 5,440,000
    assert (e.line("TV-01").amount, e.line("TV-01").vat) == (68_000_000, 5_440_000)
    # TV-02: 25,000,000 paid 50 % on 2026-09-25 (8 %: 1,000,000), 50 % on 2027-03-31
    #   (10 %: 1,250,000) = 2,250,000
    assert (e.line("TV-02").amount, e.line("TV-02").vat) == (25_000_000, 2_250_000)
    # K-01: 18,000,000 supplied 2026-09-05: 8 % = 1,440,000; QL-01 54,000,000 outside VAT
    assert (e.line("K-01").vat, e.line("QL-01").amount, e.line("QL-01").vat) == (
        1_440_000,
        54_000_000,
        0,
    )
    # every taxable line is dated: end_date 2028-09-30 assumes no rate
    assert "vat_rate_assumed" not in e.flags


def test_rental_plan_2026_totals_and_contingency_by_hand():
    e = example("rental-plan-2026")
    # amount 924 + 480 + 54 + 68 + 25 + 18 (million) = 1,569,000,000;
    # VAT 90,090,000 + 5,440,000 + 2,250,000 + 1,440,000 = 99,220,000 → 1,668,220,000 after VAT
    assert (e.amount, e.vat, e.total_before_contingency) == (
        1_569_000_000,
        99_220_000,
        1_668_220_000,
    )
    # Điều 67 k2 h: quantities only, 3 % × 1,668,220,000 = 50,046,600; no escalation part
    c = e.contingency
    assert c is not None and c.rule == "quantity_and_provisional"
    assert (c.base, c.volume_amount, c.escalation_amount, c.total) == (
        1_668_220_000,
        50_046_600,
        0,
        50_046_600,
    )
    assert e.total == 1_718_266_600


# --- 4. recurrent-budget task, đề cương và dự toán chi tiết (TT 03/2020), 2025-03-10 -------------


def test_recurrent_task_structure():
    e = example("recurrent-task")
    assert e.regime.id == "nd73_2019"
    assert (e.profile.structure, e.profile.fee_form, e.profile.contingency_row) == (
        "recurrent_task",
        "ktkt",
        "detailed_outline",
    )
    assert [c.key for c in e.components] == ND73_PROJECT_GROUPS


def test_recurrent_task_by_hand():
    e = example("recurrent-task")
    # XL-01 120 × 1,150,000 = 138,000,000 (8 %: 11,040,000); TB-01 median of 182 / 185 / 190
    #   million = 185,000,000 (IT 10 %: 18,500,000); TB-02 6 × 14,500,000 = 87,000,000
    #   (8,700,000); LD-01 12 × 1,200,000 = 14,400,000 (8 %: 1,152,000)
    assert [(e.line(i).amount, e.line(i).vat) for i in ("XL-01", "TB-01", "TB-02", "LD-01")] == [
        (138_000_000, 11_040_000),
        (185_000_000, 18_500_000),
        (87_000_000, 8_700_000),
        (14_400_000, 1_152_000),
    ]
    a = ("XL-01", "TB-01", "TB-02", "LD-01")
    # base a = 138 + 185 + 87 + 14.4 = 424,400,000
    # quản lý: 1a × 0.84 = 2.22096 % × 424,400,000 = 9,425,754.24 → 9,425,754
    assert (fee(e, "QL-01").base_lines, fee(e, "QL-01").base) == (a, 424_400_000)
    assert e.line("QL-01").amount == 9_425_754
    # lập đề cương (lập BC KTKT): 1.6368 % × 424,400,000 = 6,946,579.2 < 10,000,000 → minimum
    assert e.line("TV-01").amount == 10_000_000 and "minimum_applied" in e.line("TV-01").flags
    # thẩm tra: 0.1575 % × 424,400,000 = 668,430 < 2,000,000 → minimum
    assert e.line("TV-02").amount == 2_000_000
    # HSMT thiết bị (8a leaves the xây lắp component out): TB-01 + TB-02 + LD-01 = 286,400,000
    #   × 0.283 % = 810,512; VAT 64,840.96 → 64,841
    t3 = fee(e, "TV-03")
    assert (t3.base_lines, t3.base, t3.base_key) == (a[1:], 286_400_000, "thiet_bi")
    assert (e.line("TV-03").amount, e.line("TV-03").vat) == (810_512, 64_841)
    # HSMT xây lắp (7a): XL-01 138,000,000 × 0.362 % = 499,560; VAT 39,964.8 → 39,965
    t4 = fee(e, "TV-04")
    assert (t4.base_lines, t4.base, t4.base_key) == (("XL-01",), 138_000_000, "xay_lap")
    assert (e.line("TV-04").amount, e.line("TV-04").vat) == (499_560, 39_965)
    # amount 424,400,000 + 9,425,754 + 13,310,072 + 12,000,000 = 459,135,826;
    # VAT 11,040,000 + 28,352,000 + 1,064,806 + 960,000 = 41,416,806 → 500,552,632
    assert (e.amount, e.vat, e.total_before_contingency) == (459_135_826, 41_416_806, 500_552_632)
    # TT 03/2020 Điều 5 k2 e: quantities only, 8 % (≤ 10 %) × 500,552,632 = 40,044,210.56
    c = e.contingency
    assert c is not None and c.rule == "quantity_only"
    assert (c.volume_amount, c.escalation_amount, c.total) == (40_044_211, 0, 40_044_211)
    assert e.total == 540_596_843
    assert "fee_base_gap" not in e.flags


# --- 5. investment × feasibility study under NĐ 224/2026 (2026-08-10) ---------------------------


def test_investment_fs_2026_structure():
    e = example("investment-fs-2026")
    assert e.regime.id == "nd224_2026"
    assert (e.profile.structure, e.profile.fee_form) == ("investment_project", "project")
    assert [c.key for c in e.components] == [
        "trang_thiet_bi",
        "quan_ly_du_an",
        "tu_van",
        "chi_phi_khac",
    ]
    # the network (xây lắp) is part of trang thiết bị under NĐ 224/2026
    assert e.line("XL-01").group == "trang_thiet_bi"


def test_investment_fs_2026_lines_and_vat_by_hand():
    e = example("investment-fs-2026")
    # supplied in 2027 (10 %): TB-01 median 420,000,000 × 8 = 3,360,000,000 (336,000,000);
    #   TB-02 mean of 1,240 / 1,280 million = 1,260,000,000 (126,000,000); TB-03 2,150,000,000
    #   (215,000,000); XL-01 350,000,000 (35,000,000); DT-01 2 × 60,000,000 (12,000,000)
    expected = {
        "TB-01": (3_360_000_000, 336_000_000),
        "TB-02": (1_260_000_000, 126_000_000),
        "TB-03": (2_150_000_000, 215_000_000),
        "XL-01": (350_000_000, 35_000_000),
        "DT-01": (120_000_000, 12_000_000),
        # PM-01 by appraisal 2,850,000,000, software KCT
        "PM-01": (2_850_000_000, 0),
        # DL-01 640,000,000: 30 % on 2026-11-30 at 8 % = 15,360,000; 70 % on 2027-08-31 at
        #   10 % = 44,800,000; 60,160,000
        "DL-01": (640_000_000, 60_160_000),
        # QLDA expert: 360 × 750,000 + 1 × 12,000,000 = 282,000,000, outside VAT
        "QLDA": (282_000_000, 0),
        # TV-01 310,000,000 on 2026-09-30 at 8 %; TV-02 45,000,000 on 2027-01-20 at 10 %
        "TV-01": (310_000_000, 24_800_000),
        "TV-02": (45_000_000, 4_500_000),
        "K-01": (25_000_000, 2_000_000),
        "DP-01": (700_000_000, 0),
    }
    assert {i: (e.line(i).amount, e.line(i).vat) for i in expected} == expected
    assert e.line("QLDA").method_status == "listed"
    assert e.line("PM-01").method_status == e.line("DL-01").method_status == "listed"
    assert "vat_rate_assumed" not in e.flags


def test_investment_fs_2026_reference_figures_by_hand():
    e = example("investment-fs-2026")
    # QLDA-TK-HT: base a = TB-01 + TB-02 + TB-03 + XL-01 + DT-01 = 3,360 + 1,260 + 2,150 + 350
    #   + 120 (million) = 7,240,000,000: above 7 tỷ, 1a interpolated between 7 (2.644) and 15
    #   (2.184): 2.644 − 0.460 × 0.24 / 8 = 2.644 − 0.0138 = 2.6302 %;
    #   × 7,240,000,000 = 190,426,480
    t = fee(e, "QLDA-TK-HT")
    assert t.base_lines == ("TB-01", "TB-02", "TB-03", "XL-01", "DT-01")
    assert t.base == 7_240_000_000
    (lookup,) = t.fee.lookups
    assert lookup.interpolation.position == "between"
    assert (lookup.interpolation.gb, lookup.interpolation.ga) == (7, 15)
    assert e.line("QLDA-TK-HT").rate_percent == Decimal("2.6302")
    assert e.line("QLDA-TK-HT").amount == 190_426_480
    # QLDA-TK-PM: base b = PM-01 + DL-01 = 3,490,000,000 < 7 tỷ: 1b 2.809 % = 98,034,100
    t = fee(e, "QLDA-TK-PM")
    assert (t.base_lines, t.base) == (("PM-01", "DL-01"), 3_490_000_000)
    assert e.line("QLDA-TK-PM").amount == 98_034_100
    for ref in ("QLDA-TK-HT", "QLDA-TK-PM"):
        ln = e.line(ref)
        assert ln.method_status == "reference" and ln.reference_for == "QLDA"
        assert ln.in_total is False
        assert {"reference_only", "reference_beside"} <= set(ln.flags)
        assert "estimate.reference_beside" in codes(ln)
    # the reference total 288,460,580 is beside, not in, the expert estimate 282,000,000
    by = {c.key: c for c in e.components}
    assert by["quan_ly_du_an"].line_ids == ("QLDA",)
    assert by["quan_ly_du_an"].amount == 282_000_000
    assert "reference_in_total" not in e.flags


def test_investment_fs_2026_totals_by_hand():
    e = example("investment-fs-2026")
    by = {c.key: c for c in e.components}
    # G_TTB = 3,360 + 1,260 + 2,150 + 350 + 120 + 2,850 + 640 (million) = 10,730,000,000;
    #   VAT 336 + 126 + 215 + 35 + 12 + 60.16 (million) = 784,160,000
    assert (by["trang_thiet_bi"].amount, by["trang_thiet_bi"].vat) == (10_730_000_000, 784_160_000)
    # G_TV 355,000,000 (VAT 29,300,000); G_K 725,000,000 (VAT 2,000,000)
    assert (by["tu_van"].amount, by["tu_van"].vat) == (355_000_000, 29_300_000)
    assert (by["chi_phi_khac"].amount, by["chi_phi_khac"].vat) == (725_000_000, 2_000_000)
    # amount 12,092,000,000; VAT 815,460,000; a TMĐT without a contingency block
    assert (e.amount, e.vat) == (12_092_000_000, 815_460_000)
    assert e.kind == "tong_muc_dau_tu" and e.contingency is None
    assert e.total == 12_907_460_000
    assert e.amount == sum(ln.amount for ln in e.lines if ln.in_total)


# --- (a) every equipment-group line lands in exactly one QLDA base --------------------------------

EQUIPMENT = (
    "xay_lap",
    "thiet_bi",
    "phan_mem_noi_bo",
    "lap_dat_cai_dat",
    "tao_lap_du_lieu",
    "dao_tao",
    "trien_khai_ho_tro",
)
SOFTWARE_BY_DEFAULT = ("phan_mem_noi_bo", "tao_lap_du_lieu")  # qd1688-parts
DEFAULT_PART = {c: "software" if c in SOFTWARE_BY_DEFAULT else "infrastructure" for c in EQUIPMENT}
# a method each regime lists for the component (cost-methods, method-rules)
ND73_METHOD = {"xay_lap": "quotation", "thiet_bi": "quotation"}  # others: expert (dự toán)
PAIRS = (
    ("investment", "feasibility_study"),
    ("investment", "ktkt_report"),
    ("purchase", "feasibility_study"),
    ("purchase", "ktkt_report"),
)


def _equipment_line(i: int, component: str, part: str | None, amount: int, nd73: bool):
    line: dict[str, Any] = {
        "id": f"L{i:02d}",
        "component": component,
        "name": f"Hạng mục {i} ({component})",
        "vat": "general",
    }
    method = ND73_METHOD.get(component, "expert") if nd73 else "quotation"
    if method == "expert":
        line |= {
            "method": "expert",
            "expert": [{"description": "ngày công", "person_days": 1, "day_rate": amount}],
        }
    else:
        line |= {"method": method, "quantity": 1, "unit_price": amount, "basis": "Báo giá"}
    if part is not None:
        line["part"] = part
    return line


@st.composite
def mixed_projects(draw: st.DrawFn) -> tuple[ProjectInput, dict[str, str]]:
    """A project of equipment-group lines of both parts and one QLDA line per part present."""
    date = draw(st.sampled_from(["2025-09-15", "2026-01-20", "2026-04-15", "2026-08-01"]))
    nd73 = date < "2026-03-01"
    kind, document = draw(st.sampled_from(PAIRS))
    rate_on = draw(st.sampled_from(["own_part", "project_total"]))
    specs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(EQUIPMENT),
                st.sampled_from([None, "infrastructure", "software"]),
                st.integers(1_000_000, 12_000_000_000),
            ),
            min_size=1,
            max_size=8,
        )
    )
    lines = [_equipment_line(i, *spec, nd73) for i, spec in enumerate(specs)]
    parts = {ln["id"]: ln.get("part") or DEFAULT_PART[ln["component"]] for ln in lines}
    if draw(st.booleans()):  # a line of another group is in no QLDA base
        lines.append(given_line("K-01", "chi_phi_khac", 7_000_000))
    lines.extend(
        norm_line(f"QLDA-{part}", "quan_ly_du_an", part) for part in sorted(set(parts.values()))
    )
    project = load_project(
        {"project": meta(date, kind, document, fee_rate_on=rate_on), "lines": lines}
    )
    return project, parts


@given(mixed_projects())
def test_every_equipment_line_is_in_exactly_one_qlda_base(drawn):
    project, parts = drawn
    e = compute_estimate(project, registry=REG)
    qlda = {ln.id: fee(e, ln.id) for ln in e.lines if ln.method == "norm"}
    for line_id, part in parts.items():
        holders = [fid for fid, t in qlda.items() if line_id in t.base_lines]
        assert holders == [f"QLDA-{part}"], (line_id, holders)
        assert e.line(line_id).part == part
    assert all("K-01" not in t.base_lines for t in qlda.values())
    # the two bases add up to the equipment lines
    assert sum(t.base for t in qlda.values()) == sum(e.line(i).amount for i in parts)
    coverage = [c for c in e.fee_coverage if c.item == "quan_ly_du_an"]
    assert {c.part for c in coverage} == set(parts.values())
    for c in coverage:
        assert c.fee_lines == (f"QLDA-{c.part}",)
        assert c.expected_lines == qlda[f"QLDA-{c.part}"].derived_lines
        assert c.expected_lines == tuple(i for i, p in parts.items() if p == c.part)
        assert c.expected_amount == qlda[f"QLDA-{c.part}"].base
        assert not c.missing_lines and not c.double_lines
    assert "fee_base_gap" not in e.flags


# --- (b) an override of the base, with and without a reason --------------------------------------


def test_override_with_a_reason_is_accepted_and_shown_beside_the_derived_base():
    reason = "Bản quyền diệt virus mua qua gói tập trung của tỉnh"
    data = replace(
        raw("purchase-ktkt"),
        "QLDA-HT",
        fee={
            "item": "quan_ly_du_an",
            "category": "infrastructure",
            "base_lines": ["TB-01", "TB-02", "LD-01"],
            "base_reason": reason,
        },
    )
    e = compute(data)
    t = fee(e, "QLDA-HT")
    # used 728 + 120 + 24 = 872,000,000 against the derived 898,000,000: −26,000,000
    assert (t.base_source, t.base, t.derived_base) == ("lines", 872_000_000, 898_000_000)
    assert t.base_difference == -26_000_000
    assert (t.left_out, t.added, t.override_reason) == (("TB-03",), (), reason)
    # 2.22096 % × 872,000,000 = 19,366,771.2 → 19,366,771
    ln = e.line("QLDA-HT")
    assert ln.amount == 19_366_771
    assert "base_override" in ln.flags and "base_differs" not in ln.flags
    (n,) = notes_named(ln, "estimate.fee_base_override")
    assert n.params["difference"] == -26_000_000 and n.params["reason"] == reason
    assert "estimate.fee_base_differs" not in codes(ln)
    # TB-03 is left out on purpose (the reason): not a gap of the item's infrastructure base
    (cov,) = [c for c in e.fee_coverage if (c.item, c.part) == ("quan_ly_du_an", "infrastructure")]
    assert "TB-03" in cov.expected_lines and cov.missing_lines == ()
    assert "fee_base_gap" not in e.flags


def test_override_without_a_reason_computes_and_says_so():
    data = replace(
        raw("purchase-ktkt"),
        "QLDA-HT",
        fee={
            "item": "quan_ly_du_an",
            "category": "infrastructure",
            "base_lines": ["TB-01", "TB-02", "LD-01", "PM-01"],
        },
    )
    e = compute(data)
    t = fee(e, "QLDA-HT")
    # 872,000,000 + PM-01 234,000,000 = 1,106,000,000; +208,000,000 against 898,000,000
    assert (t.base, t.base_difference) == (1_106_000_000, 208_000_000)
    assert (t.left_out, t.added, t.override_reason) == (("TB-03",), ("PM-01",), None)
    ln = e.line("QLDA-HT")
    # 2.22096 % × 1,106,000,000 = 24,563,817.6 → 24,563,818
    assert ln.amount == 24_563_818
    assert "base_differs" in ln.flags and "base_override" not in ln.flags
    (n,) = notes_named(ln, "estimate.fee_base_differs")
    assert n.params["left_out"] == ("TB-03",) and n.params["added"] == ("PM-01",)
    assert n.params["difference"] == 208_000_000
    # PM-01 is now in the software base and in this one: counted twice
    (cov,) = [c for c in e.fee_coverage if (c.item, c.part) == ("quan_ly_du_an", "software")]
    assert cov.double_lines == ("PM-01",)


def test_override_by_an_amount_and_an_override_equal_to_the_definition():
    data = raw("purchase-ktkt")
    amount = replace(
        data,
        "QLDA-HT",
        fee={"item": "quan_ly_du_an", "category": "infrastructure", "base": 1_000_000_000},
    )
    e = compute(amount)
    t = fee(e, "QLDA-HT")
    assert (t.base_source, t.base_given, t.base_lines) == ("amount", True, ())
    assert (t.derived_base, t.base_difference) == (898_000_000, 102_000_000)
    # 2.22096 % × 1,000,000,000 = 22,209,600
    assert e.line("QLDA-HT").amount == 22_209_600
    assert "base_differs" in e.line("QLDA-HT").flags
    # an amount override is taken to cover the derived lines: no gap
    assert "fee_base_gap" not in e.flags
    same = replace(
        data,
        "QLDA-HT",
        fee={"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": list(A_LINES)},
    )
    ln = compute(same).line("QLDA-HT")
    assert ln.amount == 19_944_221
    assert not {"base_differs", "base_override"} & set(ln.flags)


def test_a_reason_without_an_override_is_refused():
    data = replace(
        raw("purchase-ktkt"),
        "QLDA-HT",
        fee={"item": "quan_ly_du_an", "category": "infrastructure", "base_reason": "x"},
    )
    with pytest.raises(InputError, match="base_reason"):
        compute(data)


# --- (c) the coverage: a part without a fee line, a line in two bases -----------------------------


def test_a_part_with_lines_but_no_fee_line_is_a_gap():
    e = compute(without(raw("purchase-ktkt"), "QLDA-PM"))
    assert "fee_base_gap" in e.flags
    (cov,) = [c for c in e.fee_coverage if (c.item, c.part) == ("quan_ly_du_an", "software")]
    assert cov.fee_lines == ()
    assert cov.expected_lines == cov.missing_lines == B_LINES
    assert cov.missing_amount == 244_000_000
    (n,) = notes_named(e, "estimate.fee_part_uncovered")
    assert n.params["item"] == "quan_ly_du_an" and n.params["part"] == "software"
    assert n.params["lines"] == B_LINES and n.params["amount"] == 244_000_000
    # the other items still cover both parts
    others = [c for c in e.fee_coverage if c.item != "quan_ly_du_an"]
    assert others and all(not c.missing_lines for c in others)


def test_a_line_in_two_bases_is_counted_twice():
    data = replace(
        raw("purchase-ktkt"),
        "QLDA-PM",
        fee={
            "item": "quan_ly_du_an",
            "category": "software",
            "base_lines": ["PM-01", "DT-01", "TB-03"],
            "base_reason": "Bản quyền diệt virus cài trên máy chủ phần mềm",
        },
    )
    e = compute(data)
    assert fee(e, "QLDA-PM").added == ("TB-03",)
    (cov,) = [c for c in e.fee_coverage if (c.item, c.part) == ("quan_ly_du_an", "infrastructure")]
    assert cov.double_lines == ("TB-03",) and cov.missing_lines == ()
    assert "fee_base_gap" in e.flags
    (n,) = notes_named(e, "estimate.fee_line_twice")
    assert n.params["lines"] == ("TB-03",)


def test_two_fee_lines_of_one_part_take_every_line_twice():
    data = raw("purchase-ktkt")
    extra = norm_line("QLDA-HT2", "quan_ly_du_an", "infrastructure")
    e = compute({**data, "lines": [*data["lines"], extra]})
    (cov,) = [c for c in e.fee_coverage if (c.item, c.part) == ("quan_ly_du_an", "infrastructure")]
    assert cov.fee_lines == ("QLDA-HT", "QLDA-HT2")
    assert cov.double_lines == A_LINES


# --- (d) the rate read on the project's total base ------------------------------------------------


def _two_parts(document: str, rate_on: str) -> Estimate:
    lines = [
        given_line("TB-01", "thiet_bi", 4_000_000_000),
        given_line("PM-01", "phan_mem_noi_bo", 5_000_000_000, vat="software"),
        norm_line("QLDA-HT", "quan_ly_du_an", "infrastructure"),
        norm_line("QLDA-PM", "quan_ly_du_an", "software"),
    ]
    return compute(
        {"project": meta("2025-09-15", "investment", document, fee_rate_on=rate_on), "lines": lines}
    )


def test_fee_rate_on_the_project_total_interpolates_on_both_parts():
    e = _two_parts("feasibility_study", "project_total")
    # each part below 7 tỷ, together 9 tỷ: the rate is read at Gt = 9, position (9 − 7)/8 = 0.25
    # 1a: 2.644 − (2.644 − 2.184) × 0.25 = 2.644 − 0.115 = 2.529 % × 4,000,000,000 = 101,160,000
    # 1b: 2.809 − (2.809 − 2.133) × 0.25 = 2.809 − 0.169 = 2.640 % × 5,000,000,000 = 132,000,000
    for line_id, base, rate, amount in [
        ("QLDA-HT", 4_000_000_000, "2.529", 101_160_000),
        ("QLDA-PM", 5_000_000_000, "2.640", 132_000_000),
    ]:
        t = fee(e, line_id)
        assert (t.base, t.fee.rate_base, t.rate_on) == (base, 9_000_000_000, "project_total")
        assert t.fee.lookups[0].interpolation.position == "between"
        assert e.line(line_id).rate_percent == Decimal(rate)
        assert e.line(line_id).amount == amount
        assert "fee.rate_on_project_total" in codes(e.line(line_id))
    # the default reads each part on its own base (below 7 tỷ: the 7-tỷ rates)
    own = _two_parts("feasibility_study", "own_part")
    # 2.644 % × 4,000,000,000 = 105,760,000; 2.809 % × 5,000,000,000 = 140,450,000
    assert (own.line("QLDA-HT").amount, own.line("QLDA-PM").amount) == (105_760_000, 140_450_000)
    assert fee(own, "QLDA-HT").fee.rate_base is None


def test_fee_rate_on_the_project_total_with_the_ktkt_columns():
    e = _two_parts("ktkt_report", "project_total")
    # 1a × 0.84 at 9 tỷ: 2.529 × 0.84 = 2.12436 % × 4,000,000,000 = 84,974,400
    # 1b KTKT at 9 tỷ: 1.855 − (1.855 − 1.532) × 0.25 = 1.77425 % × 5,000,000,000 = 88,712,500
    assert e.line("QLDA-HT").rate_percent == Decimal("2.12436")
    assert e.line("QLDA-PM").rate_percent == Decimal("1.77425")
    assert (e.line("QLDA-HT").amount, e.line("QLDA-PM").amount) == (84_974_400, 88_712_500)


def test_fee_rate_on_the_project_total_with_one_part_is_the_own_base():
    data = {
        "project": meta("2025-09-15", fee_rate_on="project_total"),
        "lines": [
            given_line("TB-01", "thiet_bi", 9_000_000_000),
            norm_line("QLDA-HT", "quan_ly_du_an", "infrastructure"),
        ],
    }
    t = fee(compute(data), "QLDA-HT")
    assert t.fee.rate_base is None and t.base == 9_000_000_000
    # 2.529 % × 9,000,000,000 = 227,610,000
    assert t.fee.amount == 227_610_000


# --- (e) reference figures ------------------------------------------------------------------------


def test_a_reference_figure_is_in_no_total_and_no_base():
    data = raw("investment-fs-2026")
    ucp = {
        "id": "PM-UCP",
        "component": "phan_mem_noi_bo",
        "name": "Phần mềm nền tảng — tính theo điểm trường hợp sử dụng (tham khảo)",
        "method": "calculation",
        "reference_for": "PM-01",
        "vat": "software",
        "software": "software-portal.yaml",
    }
    e = compute({**data, "lines": [*data["lines"], ucp]})
    ln = e.line("PM-UCP")
    assert ln.method_status == "reference" and ln.in_total is False
    assert ln.amount > 0
    # the software base is still PM-01 + DL-01 only
    t = fee(e, "QLDA-TK-PM")
    assert (t.base_lines, t.base) == (("PM-01", "DL-01"), 3_490_000_000)
    assert "PM-UCP" not in t.derived_lines
    # reference figures beside another line cover nothing: no coverage entry, no gap
    assert all("PM-UCP" not in c.expected_lines for c in e.fee_coverage)
    assert "fee_base_gap" not in e.flags
    # and the totals are those of the example
    assert (e.amount, e.total) == (example("investment-fs-2026").amount, 12_907_460_000)
    assert "PM-UCP" not in {i for c in e.components for i in c.line_ids}


def test_a_reference_figure_alone_stays_in_the_totals_with_a_flag():
    data = {
        "project": meta("2026-08-01"),
        "lines": [
            given_line("TB-01", "thiet_bi", 1_000_000_000),
            norm_line("QLDA-HT", "quan_ly_du_an", "infrastructure"),
        ],
    }
    e = compute(data)
    ln = e.line("QLDA-HT")
    # 2.644 % × 1,000,000,000 = 26,440,000, counted (no listed-method partner)
    assert (ln.method_status, ln.in_total, ln.amount) == ("reference", True, 26_440_000)
    assert "reference_in_total" in e.flags
    (n,) = notes_named(e, "estimate.reference_in_total")
    assert n.params["lines"] == ("QLDA-HT",) and n.params["amount"] == 26_440_000
    # TB-01 1,000,000,000 + 8 % + 26,440,000
    assert e.total == 1_080_000_000 + 26_440_000


def test_reference_for_on_a_listed_method_is_an_error():
    data = {
        "project": meta("2025-09-15"),
        "lines": [
            given_line("TB-01", "thiet_bi", 1_000_000_000),
            {
                "id": "QLDA",
                "component": "quan_ly_du_an",
                "name": "Quản lý dự án",
                "method": "expert",
                "vat": "not_applicable",
                "expert": [{"description": "BQLDA", "person_days": 40, "day_rate": 700_000}],
            },
            norm_line("QLDA-TK", "quan_ly_du_an", "infrastructure", reference_for="QLDA"),
        ],
    }
    # under NĐ 73/2019 the % norm is a listed method for project management
    with pytest.raises(InputError, match="reference_for marks a reference figure") as exc:
        compute(data)
    assert exc.value.field is not None and "reference_for" in exc.value.field


def test_reference_for_must_name_a_line():
    data = {
        "project": meta("2026-08-01"),
        "lines": [
            given_line("TB-01", "thiet_bi", 1_000_000_000),
            norm_line("QLDA-TK", "quan_ly_du_an", "infrastructure", reference_for="QLDA"),
        ],
    }
    with pytest.raises(InputError, match="not a line of the estimate"):
        compute(data)


# --- (f) VAT by period ----------------------------------------------------------------------------


def _rental(price: int, periods: int, start: str, **rental: Any) -> dict[str, Any]:
    return {
        "id": "R",
        "component": "thue_dich_vu",
        "name": "Thuê dịch vụ đám mây",
        "method": "quotation",
        "vat": "it_goods_services",
        "basis": "Báo giá",
        "rental": {"price_per_period": price, "periods": periods, "start": start, **rental},
    }


def _rental_plan(*lines: dict[str, Any], **more: Any) -> Estimate:
    return compute({"project": meta("2026-08-20", "rental", "rental_plan", **more), "lines": lines})


def test_rental_across_2026_12_31_is_taxed_per_period():
    ln = _rental_plan(_rental(10_000_000, 24, "2026-10-01")).line("R")
    # 24 × 10,000,000 = 240,000,000; 2026-10, 11, 12 at 8 % = 3 × 800,000 = 2,400,000;
    # 2027-01 … 2028-09 at 10 % = 21 × 1,000,000 = 21,000,000; VAT 23,400,000
    assert (ln.amount, ln.vat, ln.vat_rate, ln.vat_treatment) == (
        240_000_000,
        23_400_000,
        None,
        "taxable",
    )
    assert [(p.start, p.end, p.periods, p.amount, p.rate, p.vat) for p in ln.vat_periods] == [
        (dt.date(2026, 10, 1), dt.date(2026, 12, 1), 3, 30_000_000, 8, 2_400_000),
        (dt.date(2027, 1, 1), dt.date(2028, 9, 1), 21, 210_000_000, 10, 21_000_000),
    ]
    assert "vat_by_period" in ln.flags
    (n,) = notes_named(ln, "vat.by_period")
    assert n.params["rates"] == ("8", "10")


def test_the_vat_of_a_rental_is_rounded_once():
    ln = _rental_plan(_rental(10_000_005, 24, "2026-10-01")).line("R")
    # exact: 3 × 10,000,005 × 8 % = 2,400,001.2; 21 × 10,000,005 × 10 % = 21,000,010.5;
    #   Σ 23,400,011.7 → 23,400,012 (rounding each month would give 3 × 800,000
    #   + 21 × 1,000,001 = 23,400,021)
    assert ln.vat == 23_400_012


def test_quarterly_and_monthly_length_periods():
    ln = _rental_plan(_rental(30_000_000, 4, "2026-08-01", period="quý")).line("R")
    # quarters from 2026-08-01, 2026-11-01 (8 %), 2027-02-01, 2027-05-01 (10 %):
    #   2 × 2,400,000 + 2 × 3,000,000 = 10,800,000
    assert ln.vat == 10_800_000
    assert [(p.start, p.periods, p.rate) for p in ln.vat_periods] == [
        (dt.date(2026, 8, 1), 2, 8),
        (dt.date(2027, 2, 1), 2, 10),
    ]
    half = _rental_plan(_rental(30_000_000, 2, "2026-11-01", months_per_period=6)).line("R")
    # 2026-11-01 at 8 %, 2027-05-01 at 10 %: 2,400,000 + 3,000,000
    assert half.vat == 5_400_000


def test_a_rental_without_start_is_dated_from_the_project_date():
    line = _rental(10_000_000, 24, "2026-10-01")
    del line["rental"]["start"]
    ln = _rental_plan(line).line("R")
    # from 2026-08-20: 2026-08-20 … 2026-12-20 = 5 months at 8 % (4,000,000), 19 at 10 %
    #   (19,000,000)
    assert ln.vat == 23_000_000
    (n,) = notes_named(ln, "vat.rental_start_assumed")
    assert n.params["start"] == "2026-08-20" and n.params["periods"] == 24


def test_an_annuity_rental_is_taxed_per_dated_period():
    rent = {
        "id": "R",
        "component": "thue_dich_vu",
        "name": "Thuê dịch vụ theo yêu cầu riêng",
        "method": "calculation",
        "vat": "general",
        "rental": {
            "build_cost": 1_200_000_000,
            "residual_value": 0,
            "annual_rate_percent": 6,
            "periods_per_year": 4,
            "periods": 8,
            "timing": "end",
            "start": "2026-04-01",
        },
    }
    e = compute({"project": meta("2025-09-15", "rental", "rental_plan"), "lines": [rent]})
    ln = e.line("R")
    # r = 6 % / 4 = 0.015, n = 8: Gtdv = 8 × Tđ·r·g/(g − 1), g = 1.015^8
    with localcontext() as c:
        c.prec = 50
        r = Decimal("0.015")
        g = (1 + r) ** 8
        total = half_up(8 * Decimal(1_200_000_000) * r * g / (g - 1))
        # quarters 2026-04, 07, 10 (8 %) and 2027-01 … 2027-10 (10 %) on the rounded amount
        vat = half_up(total * Decimal(3) / 8 * Decimal("0.08") + total * Decimal(5) / 8 / 10)
    assert ln.amount == total
    assert ln.vat == vat
    assert [(p.periods, p.rate) for p in ln.vat_periods] == [(3, 8), (5, 10)]


def test_payments_split_the_vat():
    line = given_line(
        "TB-01",
        "thiet_bi",
        100_000_000,
        method="quotation",
        vat="it_goods_services",
        payments=[
            {"date": "2026-11-15", "share_percent": 40},
            {"date": "2027-02-15", "share_percent": 60},
        ],
    )
    ln = compute({"project": meta("2026-08-01"), "lines": [line]}).line("TB-01")
    # 40,000,000 × 8 % = 3,200,000; 60,000,000 × 10 % = 6,000,000
    assert ln.vat == 9_200_000
    assert [(p.start, p.share_percent, p.amount, p.rate, p.vat) for p in ln.vat_periods] == [
        (dt.date(2026, 11, 15), 40, 40_000_000, 8, 3_200_000),
        (dt.date(2027, 2, 15), 60, 60_000_000, 10, 6_000_000),
    ]
    assert all(p.periods is None for p in ln.vat_periods)


def test_payment_shares_must_add_up_and_exclude_a_supply_date():
    bad = given_line(
        "TB-01",
        "thiet_bi",
        100_000_000,
        payments=[
            {"date": "2026-11-15", "share_percent": 40},
            {"date": "2027-02-15", "share_percent": 50},
        ],
    )
    with pytest.raises(InputError, match="90"):
        compute({"project": meta("2026-08-01"), "lines": [bad]})
    both = bad | {
        "payments": [{"date": "2026-11-15", "share_percent": 100}],
        "supply_date": "2026-11-15",
    }
    with pytest.raises(InputError, match="either supply_date or payments"):
        compute({"project": meta("2026-08-01"), "lines": [both]})


def test_a_line_without_supply_date_notes_the_rate_change_before_the_end_date():
    lines = [
        given_line("A", "thiet_bi", 100_000_000),
        given_line("B", "thiet_bi", 100_000_000, supply_date="2027-03-01"),
        given_line("C", "phan_mem_noi_bo", 100_000_000, vat="software"),
    ]
    e = compute({"project": meta("2026-08-01", end_date="2027-06-30"), "lines": lines})
    a = e.line("A")
    # taxed on the project's date (8 %), but 10 % applies from 2027-01-01, before 2027-06-30
    assert (a.vat_rate, a.vat) == (8, 8_000_000)
    assert "vat_rate_assumed" in a.flags and "vat_rate_assumed" in e.flags
    (n,) = notes_named(a, "vat.rate_assumed")
    assert (n.params["change"], n.params["new_rate"], n.params["end"]) == (
        "2027-01-01",
        10,
        "2027-06-30",
    )
    # a dated line takes the rate of its date; software is KCT on both sides
    assert (e.line("B").vat_rate, e.line("B").vat) == (10, 10_000_000)
    assert "vat_rate_assumed" not in e.line("B").flags + e.line("C").flags
    # no end date, or an end date before the change: nothing assumed
    early = compute({"project": meta("2026-08-01", end_date="2026-12-31"), "lines": lines[:1]})
    assert "vat_rate_assumed" not in early.flags


# --- (g) the deprecated field form ------------------------------------------------------------------

LEGACY = [
    ("investment_project", "investment", "feasibility_study"),
    ("ktkt", "investment", "ktkt_report"),
    ("purchase", "purchase", "feasibility_study"),
    ("rental_plan", "rental", "rental_plan"),
]


def _legacy_lines(kind: str) -> list[dict[str, Any]]:
    if kind == "rental":
        return [
            _rental(20_000_000, 12, "2025-10-01") | {"method": "calculation", "part": "software"},
            norm_line("TV-01", "lap_ke_hoach_thue_dich_vu", "software"),
        ]
    return [
        given_line("TB-01", "thiet_bi", 800_000_000),
        given_line("PM-01", "phan_mem_noi_bo", 600_000_000, vat="software"),
        norm_line("QLDA-HT", "quan_ly_du_an", "infrastructure"),
        norm_line("QLDA-PM", "quan_ly_du_an", "software"),
    ]


@pytest.mark.parametrize(("form", "kind", "document"), LEGACY)
def test_legacy_form_gives_the_numbers_of_its_pair(form, kind, document):
    lines = _legacy_lines(kind)
    old = compute({"project": {"name": "P", "date": "2025-09-15", "form": form}, "lines": lines})
    new = compute({"project": meta("2025-09-15", kind, document), "lines": lines})
    assert (old.project_kind, old.document, old.form) == (kind, document, form)
    assert [(ln.id, ln.amount, ln.vat) for ln in old.lines] == [
        (ln.id, ln.amount, ln.vat) for ln in new.lines
    ]
    assert (old.amount, old.vat, old.total) == (new.amount, new.vat, new.total)
    assert [c.key for c in old.components] == [c.key for c in new.components]
    assert set(old.flags) - set(new.flags) == {"form_deprecated"}
    (n,) = notes_named(old, "estimate.form_deprecated")
    assert (n.params["form"], n.params["kind"], n.params["document"]) == (form, kind, document)
    # the same pair stated beside the form is accepted
    both = compute({"project": meta("2025-09-15", kind, document, form=form), "lines": lines})
    assert both.total == new.total and "form_deprecated" in both.flags


def test_legacy_form_with_a_contradicting_pair_is_an_error():
    data = {
        "project": meta("2025-09-15", "purchase", "ktkt_report", form="purchase"),
        "lines": _legacy_lines("purchase"),
    }
    with pytest.raises(InputError, match="drop 'form'"):
        compute(data)


def test_purchase_ktkt_reads_the_ktkt_columns_but_legacy_purchase_the_project_ones():
    lines = _legacy_lines("purchase")
    pair = compute({"project": meta("2025-09-15", "purchase", "ktkt_report"), "lines": lines})
    old_meta = {"name": "P", "date": "2025-09-15", "form": "purchase"}
    legacy = compute({"project": old_meta, "lines": lines})
    assert (pair.profile.fee_form, legacy.profile.fee_form) == ("ktkt", "project")
    # software 600,000,000: KTKT 1b 1.855 % = 11,130,000; project 1b 2.809 % = 16,854,000
    assert (pair.line("QLDA-PM").amount, legacy.line("QLDA-PM").amount) == (11_130_000, 16_854_000)
    # infrastructure 800,000,000: 1a × 0.84 = 2.22096 % = 17,767,680; 2.644 % = 21,152,000
    assert (pair.line("QLDA-HT").amount, legacy.line("QLDA-HT").amount) == (17_767_680, 21_152_000)
    # the contingency rows follow: KTKT ≤ 5 %, project ≤ 7 %
    assert (pair.profile.contingency_row, legacy.profile.contingency_row) == ("ktkt", "project")


# --- (h) a recurrent-budget task exists only under NĐ 73/2019 -------------------------------------


@pytest.mark.parametrize(("day", "decree"), [("2026-03-01", "45/2026"), ("2026-08-01", "224/2026")])
def test_recurrent_task_after_nd73_is_a_clear_error(day, decree):
    data = raw("recurrent-task")
    data["project"]["date"] = day
    with pytest.raises(InputError) as exc:
        compute(data)
    err = exc.value
    assert err.field == "project.document"
    assert "recurrent_task" in err.message and "detailed_outline" in err.message
    assert decree in err.message
    assert err.hint is not None and "recurrent_task" not in err.hint
    assert "purchase.ktkt_report" in err.hint


def test_recurrent_task_on_the_last_day_of_nd73():
    data = raw("recurrent-task")
    data["project"]["date"] = "2026-02-28"
    assert compute(data).regime.id == "nd73_2019"


# --- (i) contingency ------------------------------------------------------------------------------


def test_a_total_investment_with_a_contingency_block_is_refused():
    data = raw("investment-fs-2026")
    data["contingency"] = {"on": "after_vat", "volume_percent": 5, "escalation_amount": 0}
    with pytest.raises(InputError, match="tổng mức đầu tư") as exc:
        compute(data)
    assert exc.value.field == "contingency"
    # under NĐ 73/2019 (TT 04/2020) too: the caps of the table are those of a dự toán
    small = {
        "project": meta("2025-09-15") | {"kind": "tong_muc_dau_tu"},
        "lines": [given_line("TB-01", "thiet_bi", 1_000_000_000)],
        "contingency": {"on": "after_vat", "rate_percent": 5},
    }
    with pytest.raises(InputError, match="tổng mức đầu tư"):
        compute(small)
    assert compute({**small, "project": meta("2025-09-15")}).contingency is not None


def test_escalation_is_computed_on_the_base_before_any_contingency():
    data = raw("investment-fs-2026")
    data["project"]["kind"] = "du_toan"
    data["contingency"] = {
        "on": "after_vat",
        "volume_percent": 5,
        "escalation": [
            {"year": 1, "share_percent": 60, "index_percent": 3},
            {"year": 2, "share_percent": 40, "index_percent": 3},
        ],
    }
    c = compute(data).contingency
    assert c is not None and c.rule == "quantity_and_escalation"
    # base after VAT 12,907,460,000; volume 5 % = 645,373,000
    # escalation on 12,907,460,000 (not on base + volume): 60 % × 3 % + 40 % × (1.03² − 1)
    #   = 0.018 + 0.02436 = 0.04236 → 546,760,005.6 → 546,760,006
    assert c.escalation_base == c.base == 12_907_460_000
    assert (c.volume_amount, c.escalation_amount) == (645_373_000, 546_760_006)
    assert c.total == 1_192_133_006


def test_a_rental_plan_under_nd73_has_no_contingency_item():
    data = raw("rental-plan-2025")
    data["contingency"] = {"on": "after_vat", "rate_percent": 5}
    with pytest.raises(InputError, match="no contingency item") as exc:
        compute(data)
    assert "TT 12/2020" in exc.value.message
    assert exc.value.hint == "remove the contingency block"


def test_complete_contingency_is_not_raised_for_an_nd73_rental_plan():
    found = check(load_project(EXAMPLES / "rental-plan-2025.yaml"), registry=REG, base_dir=EXAMPLES)
    assert "COMPLETE-CONTINGENCY" not in {f.code for f in found}
    # while a total investment without a contingency block is reminded of it
    other = check(
        load_project(EXAMPLES / "investment-fs-2026.yaml"), registry=REG, base_dir=EXAMPLES
    )
    assert "COMPLETE-CONTINGENCY" in {f.code for f in other}


def test_a_detailed_outline_contingency_of_at_most_ten_percent_computes():
    data = raw("recurrent-task")
    data["contingency"] = {"on": "before_vat", "volume_percent": 10}
    c = compute(data).contingency
    # 10 % × 459,135,826 (before VAT) = 45,913,582.6 → 45,913,583
    assert c is not None and (c.base, c.total) == (459_135_826, 45_913_583)


def test_a_detailed_outline_contingency_above_ten_percent_is_refused():
    data = raw("recurrent-task")
    data["contingency"] = {"on": "after_vat", "volume_percent": 12}
    with pytest.raises(InputError, match="above the cap of 10"):
        compute(data)


def test_a_detailed_outline_contingency_needs_no_escalation_part():
    data = raw("recurrent-task")
    data["contingency"] = {"on": "after_vat", "volume_percent": 8}
    c = compute(data).contingency
    assert c is not None and c.total == 40_044_211


def test_a_detailed_outline_contingency_refuses_an_escalation_schedule():
    data = raw("recurrent-task")
    data["contingency"] = {
        "on": "after_vat",
        "volume_percent": 8,
        "escalation": [{"year": 1, "share_percent": 100, "index_percent": 3}],
    }
    with pytest.raises(InputError, match="escalation"):
        compute(data)


# --- (j) software is không chịu thuế on every date ------------------------------------------------


@pytest.mark.parametrize(
    ("day", "regime", "period"),
    [
        ("2020-06-01", "nd73_2019", "2014-01-01 → 2024-06-30"),
        ("2024-12-31", "nd73_2019", "2024-07-01 → 2024-12-31"),
        ("2025-06-30", "nd73_2019", "2025-01-01 → 2025-06-30"),
        ("2026-12-31", "nd224_2026", "2025-07-01 → 2026-12-31"),
    ],
)
def test_software_is_not_subject_to_vat(day, regime, period):
    line = given_line("PM-01", "phan_mem_noi_bo", 500_000_000, vat="software")
    e = compute({"project": meta(day), "lines": [line]})
    ln = e.line("PM-01")
    assert e.regime.id == regime
    assert (ln.vat_treatment, ln.vat_rate, ln.vat, ln.total) == (
        "not_subject",
        None,
        0,
        500_000_000,
    )
    (cited,) = [c for c in ln.citations if c.table_id == "vat-rates"]
    assert (cited.period, cited.row, cited.column) == (period, "software", "treatment")
    # the same date as a supply date of a line of a 2025 project
    dated = compute({"project": meta("2025-09-15"), "lines": [line | {"supply_date": day}]}).line(
        "PM-01"
    )
    assert (dated.vat_treatment, dated.vat) == ("not_subject", 0)
    assert dated.vat_periods[0].treatment == "not_subject"


def test_a_general_rate_before_2024_07_01_is_a_clear_error():
    # only the software row is encoded before 2024-07-01 (vat-rates): the general rate of
    # 2020-06-01 is refused, not guessed
    line = given_line("TB-01", "thiet_bi", 100_000_000)
    with pytest.raises(InputError, match="not encoded on 2020-06-01") as exc:
        compute({"project": meta("2020-06-01"), "lines": [line]})
    assert exc.value.hint is not None and "vat_rate" in exc.value.hint
