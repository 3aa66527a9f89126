"""Plausibility rules (``ictcost.checks.plausibility``) and the price-evidence register loader.

Each rule has a triggering and a clean case; the expert-rate rule reads norm tables that ictcost
does not ship, so the tests load them as packs: :data:`SALARY_LEVELS_YAML` is the table proposed
for ``norms/vn/salary/consultant-salary-levels.yaml`` (TT 02/2015/TT-BLĐTBXH → TT 004/2025/TT-BNV,
every value with its source and confidence), :data:`REFERENCE_RANGES_YAML` a user's reference
ranges. The register loader is tested on YAML, CSV and Excel, with located errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ictcost.checks import RULES, CheckConfig, Finding, check, check_portfolio
from ictcost.errors import InputError
from ictcost.estimate import ProjectInput, load_project
from ictcost.inputs import EvidenceRegister, load_evidence
from ictcost.norms.loader import load_table
from ictcost.norms.registry import NormRegistry

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
DATE = "2025-09-15"
NEW_CODES = (
    "MARKET-QUOTES-FEW-JUSTIFIED",
    "MARKET-EXPERT-RATE",
    "MARKET-EVIDENCE-FAR",
    "MARKET-EVIDENCE-STALE",
    "METHOD-UCP-INPUTS",
    "METHOD-UCP-OUTLIER",
)

SALARY_LEVELS_YAML = """\
id: consultant-salary-levels
title:
  vi: "Mức lương chuyên gia tư vấn trong nước làm cơ sở xác định giá gói thầu (mức tối đa theo tháng)"
  en: "Salary levels of domestic consultants for the cost of bidding packages (monthly maxima)"
instrument:
  number: "004/2025/TT-BNV"
  title: "Quy định mức lương của chuyên gia tư vấn trong nước làm cơ sở cho việc xác định giá gói thầu"
  issuer: "Bộ Nội vụ"
  signed: 2025-05-07
  effective_from: 2025-07-01
  effective_to: null
  note: >-
    Điều 3: monthly salary of a consultant working a full 26 days, four levels (at most 70, 55, 40
    and 30 million đồng), higher for special expertise (up to 105 million, i.e. 1.5 × level 1).
    Its text was not read: the values are those of an official-portal news item (CP) and of press
    reports (BM, NS). Its repeal of TT 02/2015/TT-BLĐTBXH was not read.
related_instruments:
  - number: "02/2015/TT-BLĐTBXH"
    title: "Quy định mức lương đối với chuyên gia tư vấn trong nước làm cơ sở dự toán gói thầu cung cấp dịch vụ tư vấn áp dụng hình thức hợp đồng theo thời gian sử dụng vốn nhà nước"
    issuer: "Bộ Lao động - Thương binh và Xã hội"
    signed: 2015-01-12
    effective_from: 2015-03-01
    effective_to: 2025-06-30
    note: "Only Mức 1 (at most 40 million đồng a month), the 1.5 × factor for special expertise and the day rate (monthly ÷ 26 × 1.3 for work of less than 6 days) were seen (TC). The end is the day before TT 004/2025 took effect (inferred)."
kind: threshold_set
unit: vnd
last_verified: 2026-12-01
description: >-
  The highest monthly salary of each level of a domestic consultant (salary only: the employer's
  social insurance and the other items of an expert estimate are not in it), and the working days
  of the month the levels are set for. ictcost reads the highest level ÷ working_days as the
  day-rate ceiling of an expert estimate's consultant (rule MARKET-EXPERT-RATE).
sources:
  CP:
    title: "Cổng TTĐT Chính phủ, 'Thông tư 004/2025/TT-BNV quy định mức lương của chuyên gia tư vấn trong nước làm cơ sở cho việc xác định giá gói thầu', 09/05/2025"
    kind: secondary
    url: "https://xaydungchinhsach.chinhphu.vn/thong-tu-004-2025-tt-bnv-quy-dinh-muc-luong-cua-chuyen-gia-tu-van-trong-nuoc-lam-co-so-cho-viec-xac-dinh-gia-goi-thau-119250509113600494.htm"
    note: "Signed by Bộ Nội vụ, in force 01/07/2025; 26 working days; Mức 1 at most 70,000,000 đồng/tháng (the rest of the page was not returned)."
  BM:
    title: "Báo Mới, 'Chuyên gia tư vấn được chi trả 105 triệu đồng/tháng: Đề xuất tăng cường hậu kiểm độc lập'"
    kind: secondary
    url: "https://lite.baomoi.com/chuyen-gia-tu-van-duoc-chi-tra-105-trieu-dong-thang-de-xuat-tang-cuong-hau-kiem-doc-lap-c52212574.epi"
    note: "TT 004/2025 signed 7/5/2025, in force 1/7/2025; four levels for 26 days a month: 70 / 55 / 40 / 30 million; up to 105 million; about 2.5 times the TT 02/2015 ceiling."
  NS:
    title: "Ngôi Sao, 'Ai được nhận mức lương lên tới 70 triệu/tháng từ 1/7/2025?', 24/07/2025"
    kind: secondary
    url: "https://ngoisao.vn/theo-dong-su-kien/kien-thuc/chinh-thuc-tu-172025-1-doi-tuong-duoc-huong-muc-luong-len-toi-70000000-dongthang-la-ai-461460.htm"
    note: "Four levels 70 / 55 / 40 / 30 million đồng a month for 26 working days, with the degree and experience of each."
  TC:
    title: "Tài chính điện tử, 'Mức lương của chuyên gia tư vấn trong nước' (TT 02/2015/TT-BLĐTBXH)"
    kind: secondary
    url: "http://www.taichinhdientu.vn/cau-noi-doanh-nghiep/muc-luong-cua-chuyen-gia-tu-van-trong-nuoc-140644.html"
    note: "In force 01/03; Mức 1 at most 40 million đồng a month; up to 1.5 times for special expertise; a day = monthly ÷ 26 × 1.3 (less than 6 days). Levels 2–4 not on the page read."
versions:
  - valid_from: 2015-03-01
    valid_to: 2025-06-30
    basis: "TT 02/2015/TT-BLĐTBXH Điều 3"
    columns:
      - {key: monthly_max, label: {vi: "Mức lương tối đa (đồng/tháng)", en: "Highest monthly salary"}, unit: vnd}
      - {key: working_days, label: {vi: "Số ngày làm việc của tháng", en: "Working days of a month"}, unit: days}
      - {key: special_multiplier, label: {vi: "Hệ số tối đa cho chuyên gia trình độ đặc biệt", en: "Factor for special expertise"}, unit: coefficient}
    rows:
      - key: level_1
        label: {vi: "Mức 1", en: "Level 1"}
        values:
          monthly_max: {value: 40000000, source: [TC], confidence: single}
      - key: month
        values:
          working_days: {value: 26, source: [TC], confidence: single}
          special_multiplier: {value: 1.5, source: [TC], confidence: single}
  - valid_from: 2025-07-01
    valid_to: null
    basis: "TT 004/2025/TT-BNV Điều 3"
    columns:
      - {key: monthly_max, label: {vi: "Mức lương tối đa (đồng/tháng)", en: "Highest monthly salary"}, unit: vnd}
      - {key: working_days, label: {vi: "Số ngày làm việc của tháng", en: "Working days of a month"}, unit: days}
      - {key: special_multiplier, label: {vi: "Hệ số tối đa cho chuyên gia trình độ đặc biệt", en: "Factor for special expertise"}, unit: coefficient}
    rows:
      - key: level_1
        label: {vi: "Mức 1", en: "Level 1"}
        values:
          monthly_max: {value: 70000000, source: [CP, BM, NS], confidence: secondary-3}
      - key: level_2
        label: {vi: "Mức 2", en: "Level 2"}
        values:
          monthly_max: {value: 55000000, source: [BM, NS], confidence: secondary-2}
      - key: level_3
        label: {vi: "Mức 3", en: "Level 3"}
        values:
          monthly_max: {value: 40000000, source: [BM, NS], confidence: secondary-2}
      - key: level_4
        label: {vi: "Mức 4", en: "Level 4"}
        values:
          monthly_max: {value: 30000000, source: [BM, NS], confidence: secondary-2}
      - key: month
        values:
          working_days: {value: 26, source: [CP, BM, NS], confidence: secondary-3}
          special_multiplier:
            value: 1.5
            source: [BM]
            confidence: inferred
            note: "BM gives 105 million đồng as the highest salary: 105 ÷ 70 = 1.5, the factor TT 02/2015 allowed (TC)."
"""

REFERENCE_RANGES_YAML = """\
id: reference-ranges
title:
  vi: "Khoảng tham chiếu của Sở (ví dụ)"
  en: "The department's reference ranges (example)"
instrument:
  number: "Sổ tay thẩm định 2025"
  issuer: "Sở Tài chính tỉnh X (ví dụ)"
kind: price_list
unit: vnd
last_verified: 2026-12-01
sources:
  R1:
    title: "Giá trúng thầu dịch vụ đào tạo 2024–2025 (ví dụ)"
    kind: practice
  R2:
    title: "Khảo sát đơn giá số hóa 2025 (ví dụ)"
    kind: practice
versions:
  - valid_from: 2025-01-01
    columns:
      - {key: measure, label: {vi: "Đại lượng"}}
      - {key: components, label: {vi: "Khoản mục"}}
      - {key: low, label: {vi: "Thấp nhất"}, unit: vnd}
      - {key: high, label: {vi: "Cao nhất"}, unit: vnd}
    rows:
      - key: training-day
        values:
          measure: {value: expert_day_rate, source: [R1], confidence: single}
          components: {value: [dao_tao], source: [R1], confidence: single}
          low: {value: 1500000, source: [R1], confidence: single}
          high: {value: 3000000, source: [R1], confidence: single}
      - key: any-day
        values:
          measure: {value: expert_day_rate, source: [R2], confidence: single}
          high: {value: 5000000, source: [R2], confidence: single}
"""


def _pack(tmp_path: Path, *texts: str) -> NormRegistry:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    for text in texts:
        table_id = text.split("\n", 1)[0].removeprefix("id: ").strip()
        (folder / f"{table_id}.yaml").write_text(text, encoding="utf-8")
    return REG.with_pack(folder, pack_name="test-pack")


# --- builders ----------------------------------------------------------------------------------


def project(lines: Sequence[dict[str, Any]], *, date: str = DATE, name: str = "P") -> ProjectInput:
    return load_project(
        {"project": {"name": name, "date": date, "form": "purchase"}, "lines": list(lines)}
    )


QUOTES = (
    {"source": "Công ty A", "unit_price": 100_000_000},
    {"source": "Công ty B", "unit_price": 102_000_000},
    {"source": "Công ty C", "unit_price": 104_000_000},
)


def server(**changes: Any) -> dict[str, Any]:
    return {
        "id": "TB-01",
        "component": "thiet_bi",
        "name": "Máy chủ ứng dụng",
        "method": "quotation",
        "vat": "it_goods_services",
        "unit": "bộ",
        "quantity": 2,
        "quotes": list(QUOTES),
        "pick": "median",
        "model": "Dell PowerEdge R760",
    } | changes


def expert(component: str = "tu_van", day_rate: int = 2_000_000, **changes: Any) -> dict[str, Any]:
    return {
        "id": "TV-09",
        "component": component,
        "name": "Tư vấn khảo sát nghiệp vụ",
        "method": "expert",
        "vat": "general",
        "expert": [
            {"description": "Chuyên gia nghiệp vụ", "person_days": 10, "day_rate": day_rate}
        ],
    } | changes


SOFTWARE: dict[str, Any] = {
    "date": "2025-06-01",
    "actors": {"simple": 1, "average": 1, "complex": 2},
    "use_cases": [
        {"name": "Nộp hồ sơ trực tuyến", "bmt": "B", "transactions": 9},
        {"name": "Tra cứu tình trạng hồ sơ", "bmt": "B", "transactions": 4},
        {"name": "Phê duyệt hồ sơ", "bmt": "M", "complexity": "average"},
    ],
    "technical": {f"T{i}": 2 for i in range(1, 14)},
    "environmental": {f"E{i}": 3 for i in range(1, 9)},
    "labour_rate": 61250,
}


def software(**changes: Any) -> dict[str, Any]:
    data = SOFTWARE | changes
    return {
        "id": "PM-01",
        "component": "phan_mem_noi_bo",
        "name": "Phần mềm một cửa",
        "method": "calculation",
        "vat": "software",
        "software": data,
    }


def run(
    p: ProjectInput | list[ProjectInput],
    *,
    registry: NormRegistry = REG,
    evidence: EvidenceRegister | None = None,
    config: CheckConfig | None = None,
) -> list[Finding]:
    if isinstance(p, list):
        return check_portfolio(
            p, registry=registry, base_dirs=[EXAMPLES] * len(p), config=config, evidence=evidence
        )
    return check(p, registry=registry, base_dir=EXAMPLES, config=config, evidence=evidence)


def of(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_the_new_rules_are_registered():
    for code in NEW_CODES:
        rule = RULES[code]
        assert rule.basis and rule.title_en and rule.title_vi
    assert RULES["MARKET-QUOTES-FEW-JUSTIFIED"].severity == "info"
    assert RULES["MARKET-EVIDENCE-STALE"].severity == "info"
    assert RULES["METHOD-UCP-OUTLIER"].needs == "portfolio"


def test_the_proposed_salary_table_is_valid_norm_data(tmp_path: Path):
    path = tmp_path / "consultant-salary-levels.yaml"
    path.write_text(SALARY_LEVELS_YAML, encoding="utf-8")
    table = load_table(path)
    assert table.id == "consultant-salary-levels"
    cell = table.versions[-1].rows[0].values["monthly_max"]
    assert cell.value == Decimal(70_000_000)
    assert cell.confidence == "secondary-3"


# --- MARKET-QUOTES-FEW with a reason -----------------------------------------------------------


def test_fewer_quotes_with_a_reason_is_recorded_not_warned():
    line = server(quotes=list(QUOTES[:1]), quotes_reason="Nhà phân phối độc quyền tại Việt Nam")
    findings = run(project([line]))
    assert not of(findings, "MARKET-QUOTES-FEW")
    (info,) = of(findings, "MARKET-QUOTES-FEW-JUSTIFIED")
    assert info.severity == "info"
    assert info.details == {
        "count": 1,
        "expected": 3,
        "reason": "Nhà phân phối độc quyền tại Việt Nam",
    }
    assert "độc quyền" in info.message_vi


def test_fewer_quotes_without_a_reason_is_still_warned():
    findings = run(project([server(quotes=list(QUOTES[:2]))]))
    assert of(findings, "MARKET-QUOTES-FEW")
    assert not of(findings, "MARKET-QUOTES-FEW-JUSTIFIED")


def test_a_reason_with_enough_quotes_records_nothing():
    findings = run(project([server(quotes_reason="ít nhà cung cấp")]))
    assert not of(findings, "MARKET-QUOTES-FEW-JUSTIFIED")


def test_quotes_few_basis_no_longer_claims_equipment_purchase():
    basis = RULES["MARKET-QUOTES-FEW"].basis
    assert "quản trị, vận hành, bảo trì" in basis
    assert "screening" in basis


# --- MARKET-EXPERT-RATE --------------------------------------------------------------------------


def test_without_a_reference_there_is_no_expert_rate_finding():
    findings = run(project([expert(day_rate=9_000_000)]))
    assert not of(findings, "MARKET-EXPERT-RATE")


def test_expert_rate_above_the_salary_levels(tmp_path: Path):
    reg = _pack(tmp_path, SALARY_LEVELS_YAML)
    findings = run(project([expert(day_rate=3_500_000)]), registry=reg)
    (f,) = of(findings, "MARKET-EXPERT-RATE")
    assert f.case == "salary_level"
    assert f.line == "TV-09"
    assert f.field == "expert[0].day_rate"
    assert f.details["day_rate"] == Decimal(3_500_000)
    assert f.details["ceiling"] == Decimal(2_692_308)  # 70,000,000 / 26
    assert f.details["monthly"] == Decimal(70_000_000)
    assert f.details["special"] == Decimal(4_038_462)  # × 1.5
    assert f.details["instrument"] == "TT 004/2025/TT-BNV Điều 3"
    assert {c.table_id for c in f.citations} == {"consultant-salary-levels"}
    assert {c.row for c in f.citations} == {"level_1", "month"}
    assert all(c.pack == "test-pack" for c in f.citations)


def test_expert_rate_below_the_salary_levels_is_clean(tmp_path: Path):
    reg = _pack(tmp_path, SALARY_LEVELS_YAML)
    assert not of(run(project([expert(day_rate=2_600_000)]), registry=reg), "MARKET-EXPERT-RATE")


def test_the_salary_levels_in_force_on_the_date_apply(tmp_path: Path):
    reg = _pack(tmp_path, SALARY_LEVELS_YAML)
    # 2,000,000 a day: above 40,000,000 / 26 = 1,538,462 (TT 02/2015), below 2,692,308 (TT 004)
    old = run(project([expert(day_rate=2_000_000)], date="2025-03-01"), registry=reg)
    (f,) = of(old, "MARKET-EXPERT-RATE")
    assert f.details["ceiling"] == Decimal(1_538_462)
    assert f.details["instrument"] == "TT 02/2015/TT-BLĐTBXH Điều 3"
    new = run(project([expert(day_rate=2_000_000)]), registry=reg)
    assert not of(new, "MARKET-EXPERT-RATE")


def test_salary_levels_only_for_consultant_components(tmp_path: Path):
    reg = _pack(tmp_path, SALARY_LEVELS_YAML)
    findings = run(project([expert(component="dao_tao", day_rate=3_500_000)]), registry=reg)
    assert not of(findings, "MARKET-EXPERT-RATE")


def test_expert_rate_outside_a_user_reference_range(tmp_path: Path):
    reg = _pack(tmp_path, REFERENCE_RANGES_YAML)
    findings = run(project([expert(component="dao_tao", day_rate=3_200_000)]), registry=reg)
    (f,) = of(findings, "MARKET-EXPERT-RATE")
    assert f.case == "reference"
    assert f.details["low"] == Decimal(1_500_000)
    assert f.details["high"] == Decimal(3_000_000)
    assert f.details["reference"] == "reference-ranges/training-day"
    assert "đào tạo" in str(f.details["source"])
    assert {c.row for c in f.citations} == {"training-day"}


def test_expert_rate_inside_a_user_reference_range_is_clean(tmp_path: Path):
    reg = _pack(tmp_path, REFERENCE_RANGES_YAML)
    findings = run(project([expert(component="dao_tao", day_rate=2_500_000)]), registry=reg)
    assert not of(findings, "MARKET-EXPERT-RATE")


def test_a_generic_reference_range_applies_to_other_components(tmp_path: Path):
    reg = _pack(tmp_path, REFERENCE_RANGES_YAML)
    clean = run(project([expert(component="tao_lap_du_lieu", day_rate=3_200_000)]), registry=reg)
    assert not of(clean, "MARKET-EXPERT-RATE")
    far = run(project([expert(component="tao_lap_du_lieu", day_rate=5_500_000)]), registry=reg)
    (f,) = of(far, "MARKET-EXPERT-RATE")
    assert f.details["reference"] == "reference-ranges/any-day"
    assert f.details["low"] is None


def test_reference_table_id_is_configurable(tmp_path: Path):
    reg = _pack(tmp_path, REFERENCE_RANGES_YAML)
    config = CheckConfig(reference_ranges="no-such-table")
    findings = run(
        project([expert(component="dao_tao", day_rate=9_000_000)]), registry=reg, config=config
    )
    assert not of(findings, "MARKET-EXPERT-RATE")


# --- METHOD-UCP-INPUTS ---------------------------------------------------------------------------


def _ucp(findings: list[Finding]) -> set[str | None]:
    return {f.case for f in of(findings, "METHOD-UCP-INPUTS")}


def test_every_technical_factor_at_its_maximum():
    p = project([software(technical={f"T{i}": 5 for i in range(1, 14)})])
    (f,) = of(run(p), "METHOD-UCP-INPUTS")
    assert f.case == "technical_max"
    assert f.details["count"] == 13
    assert f.details["maximum"] == Decimal(5)
    assert f.line == "PM-01"


def test_every_environmental_factor_at_an_extreme():
    ratings = {"E1": 5, "E2": 0, "E3": 5, "E4": 0, "E5": 5, "E6": 5, "E7": 0, "E8": 0}
    findings = run(project([software(environmental=ratings)]))
    assert "environmental_extreme" in _ucp(findings)
    f = next(f for f in of(findings, "METHOD-UCP-INPUTS") if f.case == "environmental_extreme")
    assert "E2=0" in f.details["ratings"]


def test_experience_stability_at_the_end_of_its_scale():
    lowest = {f"E{i}": 0 for i in range(1, 7)} | {"E7": 3, "E8": 3}
    findings = run(project([software(environmental=lowest)]))
    assert _ucp(findings) == {"es_lowest"}
    f = of(findings, "METHOD-UCP-INPUTS")[0]
    assert f.details["es"] == 0 and f.details["p"] == Decimal(48)
    highest = {"E1": 3, "E2": 5, "E3": 4, "E4": 5, "E5": 4, "E6": 2, "E7": 2, "E8": 2}
    findings = run(project([software(environmental=highest)]))
    assert _ucp(findings) == {"es_highest"}
    assert of(findings, "METHOD-UCP-INPUTS")[0].details["bound"] == Decimal("5.2")


def test_middling_ucp_inputs_are_clean():
    assert not _ucp(run(project([software()])))
    assert not _ucp(run(load_project(EXAMPLES / "portal-project.yaml")))


# --- METHOD-UCP-OUTLIER (portfolio) --------------------------------------------------------------


def _portfolio(rates: Sequence[int]) -> list[ProjectInput]:
    return [
        project([software(labour_rate=rate)], name=f"Dự án {i}") for i, rate in enumerate(rates)
    ]


def test_cost_per_use_case_far_outside_the_portfolio():
    findings = run(_portfolio([60_000, 61_250, 62_000, 63_000, 64_000, 250_000]))
    (f,) = of(findings, "METHOD-UCP-OUTLIER")
    assert f.estimate == "portfolio"
    assert f.line == "PM-01"
    assert f.details["estimate"] == "Dự án 5"
    assert f.details["count"] == 6
    assert f.details["use_cases"] == 3
    assert f.details["z"] > Decimal("3.5")


def test_a_close_portfolio_is_clean():
    assert not of(
        run(_portfolio([60_000, 61_250, 62_000, 63_000, 64_000, 66_000])), "METHOD-UCP-OUTLIER"
    )


def test_too_few_estimates_give_no_outlier():
    rates = [60_000, 61_250, 62_000, 250_000]
    assert not of(run(_portfolio(rates)), "METHOD-UCP-OUTLIER")
    config = CheckConfig(min_software_estimates=4)
    assert of(run(_portfolio(rates), config=config), "METHOD-UCP-OUTLIER")


# --- the price-evidence register -----------------------------------------------------------------

REGISTER_YAML = """\
name: Sổ giá tham khảo (kiểm thử)
records:
  - {id: E1, item: Máy chủ, model: PowerEdge R760, unit: bộ, unit_price: 96000000,
     date: 2025-03-10, source: winning_bid, reference: QĐ 123/QĐ-UBND}
  - {id: E2, item: Máy chủ Dell, model: "Dell PowerEdge R760", unit: bộ, unit_price: "98.000.000",
     date: 2025-05-20, source: hợp đồng, reference: HĐ 45/2025/HĐ-CĐS}
  - {id: E0, item: Máy chủ, model: PowerEdge R760, unit: bộ, unit_price: 99000000,
     date: 2024-06-01, source: contract}
  - {id: Q7, item: Máy chủ, model: PowerEdge R760, unit: bộ, unit_price: 97000000,
     date: 2025-08-01, valid_until: 2025-08-31, source: báo giá}
  - {id: X1, item: Máy chủ, model: PowerEdge R750, unit: bộ, unit_price: 20000000,
     date: 2025-05-20, source: contract}
"""


@pytest.fixture
def register(tmp_path: Path) -> EvidenceRegister:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER_YAML, encoding="utf-8")
    return load_evidence(path)


def test_load_evidence_yaml(register: EvidenceRegister):
    assert register.name == "Sổ giá tham khảo (kiểm thử)"
    assert [r.source for r in register.records] == [
        "winning_bid",
        "contract",
        "contract",
        "quotation",
        "contract",
    ]
    assert register.records[1].unit_price == Decimal(98_000_000)
    assert register.records[3].valid_until == dt.date(2025, 8, 31)


def test_unit_price_far_from_the_evidence_matched_by_model_token(register: EvidenceRegister):
    findings = run(project([server(stated={"unit_price": 120_000_000})]), evidence=register)
    (f,) = of(findings, "MARKET-EVIDENCE-FAR")
    assert f.line == "TB-01"
    assert f.details["matched_by"] == "model"
    assert f.details["median"] == Decimal(97_000_000)  # E1 and E2; E0 is stale, Q7 expired
    assert f.details["count"] == 2
    assert f.details["distance"] == Decimal("23.71")
    assert f.details["evidence"] == (
        "E1 (winning_bid, 2025-03-10): 96.000.000",
        "E2 (contract, 2025-05-20): 98.000.000",
    )
    assert "E1" in f.message_en and "E2" in f.message_vi


def test_a_model_named_in_the_line_name_matches(register: EvidenceRegister):
    line = server(name="Máy chủ Dell R760", model=None, stated={"unit_price": 120_000_000})
    (f,) = of(run(project([line]), evidence=register), "MARKET-EVIDENCE-FAR")
    assert f.details["matched_by"] == "model"  # the records' token r760 is in the line's name
    assert f.details["count"] == 2
    assert f.details["median"] == Decimal(97_000_000)


def test_unit_price_close_to_the_evidence_is_clean(register: EvidenceRegister):
    findings = run(project([server(stated={"unit_price": 99_000_000})]), evidence=register)
    assert not of(findings, "MARKET-EVIDENCE-FAR")


def test_a_different_model_never_matches(register: EvidenceRegister):
    line = server(model="Dell PowerEdge R750", stated={"unit_price": 120_000_000})
    evidence = EvidenceRegister(records=register.records[4:])  # X1: R750, 20,000,000
    (f,) = of(run(project([line]), evidence=evidence), "MARKET-EVIDENCE-FAR")
    assert f.details["evidence"] == ("X1 (contract, 2025-05-20): 20.000.000",)
    other = server(model="Dell PowerEdge R650", stated={"unit_price": 120_000_000})
    assert not of(run(project([other]), evidence=register), "MARKET-EVIDENCE-FAR")


def test_units_that_differ_are_not_compared(register: EvidenceRegister):
    line = server(unit="chiếc", stated={"unit_price": 120_000_000})
    assert not of(run(project([line]), evidence=register), "MARKET-EVIDENCE-FAR")


def test_a_name_match_without_models(tmp_path: Path):
    evidence = load_evidence(
        [
            {
                "item": "Máy chủ ứng dụng",
                "unit_price": 80_000_000,
                "date": "2025-06-01",
                "source": "quotation",
            },
        ]
    )
    line = server(model=None, stated={"unit_price": 120_000_000})
    (f,) = of(run(project([line]), evidence=evidence), "MARKET-EVIDENCE-FAR")
    assert f.details["matched_by"] == "name"


def test_stale_and_expired_evidence_is_ignored_and_said(register: EvidenceRegister):
    findings = run(project([server(stated={"unit_price": 97_000_000})]), evidence=register)
    assert not of(findings, "MARKET-EVIDENCE-FAR")
    (info,) = of(findings, "MARKET-EVIDENCE-STALE")
    assert info.severity == "info"
    assert info.details["stale"] == ("E0 (2024-06-01)",)
    assert info.details["expired"] == ("Q7 (2025-08-01)",)
    assert info.details["used"] == 2
    assert info.details["months"] == 12


def test_only_stale_evidence_gives_no_distance(register: EvidenceRegister):
    old = EvidenceRegister(records=(register.records[2],))  # E0, 2024-06-01
    findings = run(project([server(stated={"unit_price": 150_000_000})]), evidence=old)
    assert not of(findings, "MARKET-EVIDENCE-FAR")
    assert of(findings, "MARKET-EVIDENCE-STALE")[0].details["used"] == 0
    # a longer window keeps it
    config = CheckConfig(max_evidence_age_months=24)
    kept = run(project([server(stated={"unit_price": 150_000_000})]), evidence=old, config=config)
    assert of(kept, "MARKET-EVIDENCE-FAR")
    assert not of(kept, "MARKET-EVIDENCE-STALE")


def test_without_a_register_there_is_no_evidence_finding():
    findings = run(project([server(stated={"unit_price": 500_000_000})]))
    assert not of(findings, "MARKET-EVIDENCE-FAR")
    assert not of(findings, "MARKET-EVIDENCE-STALE")


def test_the_recomputed_unit_price_is_compared(register: EvidenceRegister):
    # no stated unit price: the median of the quotations (102,000,000) is the line's price
    quotes = [{"source": s, "unit_price": 130_000_000} for s in "ABC"]
    (f,) = of(run(project([server(quotes=quotes)]), evidence=register), "MARKET-EVIDENCE-FAR")
    assert f.details["unit_price"] == Decimal(130_000_000)


def test_portfolio_checks_pass_the_register(register: EvidenceRegister):
    p = [project([server(stated={"unit_price": 120_000_000})], name=n) for n in ("A", "B")]
    assert len(of(run(p, evidence=register), "MARKET-EVIDENCE-FAR")) == 2


def test_the_example_register_reads_and_applies():
    evidence = load_evidence(EXAMPLES / "evidence" / "price-register.yaml")
    findings = check(
        load_project(EXAMPLES / "portal-project.yaml"),
        registry=REG,
        base_dir=EXAMPLES,
        evidence=evidence,
    )
    codes = {f.code for f in findings}
    assert "MARKET-EVIDENCE-FAR" in codes
    assert "MARKET-EVIDENCE-STALE" in codes
    assert not [f for f in findings if f.severity == "error"]


# --- the loader: CSV, Excel, located errors --------------------------------------------------------

CSV = """\
STT;Mã;Tên hàng hóa;Mã hiệu;ĐVT;Đơn giá;Ngày;Nguồn;Số hiệu;Hiệu lực đến
1;E1;Máy chủ;PowerEdge R760;bộ;96.000.000;2025-03-10;trúng thầu;QĐ 123/QĐ-UBND;
2;E2;Máy chủ;PowerEdge R760;bộ;98000000;2025-05-20;hợp đồng;HĐ 45;
"""


def test_load_evidence_csv(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text("\ufeff" + CSV, encoding="utf-8")
    register = load_evidence(path)
    assert [r.id for r in register.records] == ["E1", "E2"]
    assert register.records[0].unit_price == Decimal(96_000_000)
    assert register.records[0].source == "winning_bid"
    assert register.records[1].model == "PowerEdge R760"
    assert register.records[0].valid_until is None


def test_load_evidence_csv_comma_separated(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text(
        'item,unit_price,date,source\nMáy chủ,"96.000.000",2025-03-10,quotation\n',
        encoding="utf-8",
    )
    assert load_evidence(path).records[0].unit_price == Decimal(96_000_000)


def test_bad_csv_rows_give_located_errors(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text(
        "item;unit_price;date;source\n"
        "Máy chủ;abc;2025-03-10;quotation\n"
        "\n"
        "Bộ lưu điện;28000000;31/02/2025;tin đồn\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_evidence(path)
    err = info.value
    text = [str(p) for p in err.problems]
    assert any(t.startswith(f"{path}:2:2: records[0") and "unit_price" in t for t in text), text
    assert any(t.startswith(f"{path}:4:3: records[1") and "date" in t for t in text), text
    assert any(t.startswith(f"{path}:4:4: records[1") and "source" in t for t in text), text
    assert err.code == "input-invalid"


def test_unknown_csv_header_is_located(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text("item;unit_price;date;source;giá bán\nA;1;2025-01-01;quotation;2\n", "utf-8")
    with pytest.raises(InputError) as info:
        load_evidence(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (1, 5)
    assert "unknown column" in problem.message


def test_missing_required_csv_column(tmp_path: Path):
    path = tmp_path / "register.csv"
    path.write_text("item;unit_price;source\nA;1;quotation\n", "utf-8")
    with pytest.raises(InputError, match="problem"):
        load_evidence(path)


def test_bad_yaml_records_give_located_errors(tmp_path: Path):
    path = tmp_path / "register.yaml"
    path.write_text(
        "records:\n"
        "  - {item: A, unit_price: 1, date: 2025-01-01, source: quotation, colour: red}\n"
        "  - {item: B, unit_price: 0, date: 2025-01-01, source: quotation}\n"
        "  - {item: C, unit_price: 5, date: 2025-01-01, valid_until: 2024-01-01, source: contract}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_evidence(path)
    text = [str(p) for p in info.value.problems]
    assert any(t.startswith(f"{path}:2:") and "colour" in t for t in text), text
    assert any(t.startswith(f"{path}:3:") and "above zero" in t for t in text), text
    assert any(t.startswith(f"{path}:4:") and "valid_until" in t for t in text), text


def test_an_empty_register_and_another_suffix_are_refused(tmp_path: Path):
    with pytest.raises(InputError):
        load_evidence({"records": []})
    path = tmp_path / "register.txt"
    path.write_text("x", "utf-8")
    with pytest.raises(InputError, match=r"\.csv"):
        load_evidence(path)


def test_load_evidence_xlsx(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bằng chứng giá"
    ws.append(["Sổ giá tham khảo"])
    ws.append(["Mã", "Tên hàng hóa", "Mã hiệu", "Đơn vị tính", "Đơn giá", "Ngày", "Nguồn"])
    ws.append(
        [
            "E1",
            "Máy chủ",
            "PowerEdge R760",
            "bộ",
            96_000_000,
            dt.datetime(2025, 3, 10),
            "Trúng thầu",
        ]
    )
    ws.append(["E2", "Máy chủ", "PowerEdge R760", "bộ", "98.000.000", "2025-05-20", "báo giá"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    register = load_evidence(path)
    assert [r.unit_price for r in register.records] == [Decimal(96_000_000), Decimal(98_000_000)]
    assert register.records[0].date == dt.date(2025, 3, 10)
    assert register.records[1].source == "quotation"


def test_bad_xlsx_cells_are_located(tmp_path: Path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["item", "unit_price", "date", "source"])
    ws.append(["Máy chủ", "nhiều", "2025-03-10", "quotation"])
    ws.append(["Máy chủ", 1000, "2025-03-10", "tin đồn"])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        load_evidence(path)
    text = [str(p) for p in info.value.problems]
    assert any(t.startswith("register.xlsx!Sheet!B2") for t in text), text
    ws["B2"] = 1000
    wb.save(path)
    with pytest.raises(InputError) as info2:
        load_evidence(path)
    text = [str(p) for p in info2.value.problems]
    assert any(t.startswith("register.xlsx!Sheet!D3") and "source" in t for t in text), text


def test_a_csv_register_that_is_a_pipe_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import os  # noqa: PLC0415

    pipe = tmp_path / "register.csv"
    os.mkfifo(pipe)  # reading it would block forever
    with pytest.raises(InputError, match="not a regular file"):
        load_evidence(pipe)
