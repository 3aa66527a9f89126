"""Procurement rules (``ictcost.checks.procurement``) with hand figures.

* the package price holds its share of contingency (NĐ 214/2025 Điều 18 k1; the pro-rata share is
  ictcost's reading): C × (package after-VAT lines) ÷ (total before contingency), whole đồng;
* an exemption lifts the limit only when it names a case of NĐ 214/2025 Điều 78 in force on the
  date (table ``direct-appointment-grounds``);
* splitting across kinds, by similar items and by planned dates.

Dates: 2025-09-15 (limits 500 triệu / 800 triệu / 2 tỷ, VAT 8 % for ``general``), 2026-09-10
(1 / 3 / 5 tỷ, NĐ 349/2026 grounds).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ictcost.checks import Finding, check, check_portfolio
from ictcost.checks.procurement import _cited_key
from ictcost.estimate import ProjectInput, load_project
from ictcost.norms.registry import NormRegistry

REG = NormRegistry.shipped()
DATE = "2025-09-15"
PORTFOLIO = Path(__file__).parents[1] / "examples" / "portfolio"


def project(
    lines: Sequence[dict[str, Any]],
    packages: Sequence[dict[str, Any]],
    *,
    date: str = DATE,
    contingency: dict[str, Any] | None = None,
) -> ProjectInput:
    data: dict[str, Any] = {
        "project": {"name": "P", "date": date, "form": "purchase"},
        "lines": list(lines),
        "packages": list(packages),
    }
    if contingency is not None:
        data["contingency"] = contingency
    return load_project(data)


def line(lid: str, amount: int, **changes: Any) -> dict[str, Any]:
    """One priced line: quantity 1 × ``amount``, VAT ``general`` (8 % on 2025-09-15)."""
    return {
        "id": lid,
        "component": "thiet_bi",
        "name": f"Thiết bị {lid}",
        "method": "quotation",
        "vat": "general",
        "unit": "bộ",
        "quantity": 1,
        "unit_price": amount,
        "basis": "Báo giá số 1/BG",
    } | changes


def package(pid: str, value: int | None = None, **changes: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "kind": "goods",
        "selection": "direct_appointment",
        "value": value,
    } | changes


def found(p: ProjectInput, code: str) -> list[Finding]:
    return [f for f in check(p, registry=REG) if f.code == code]


FIVE = {"on": "after_vat", "rate_percent": 5}


# --- the package price: lines + VAT + share of contingency ----------------------------------


def test_package_just_under_the_limit_before_contingency_is_caught():
    # TB-01: 1,800,000,000 + 8 % VAT 144,000,000 = 1,944,000,000 (under 2 tỷ)
    # TB-02: software 1,000,000,000, not subject to VAT (outside the package)
    # total before contingency 2,944,000,000; contingency 5 % = 147,200,000
    # share of G1 = 147,200,000 × 1,944,000,000 / 2,944,000,000 = 97,200,000
    # price of G1 = 2,041,200,000 > 2,000,000,000 by 41,200,000
    p = project(
        [line("TB-01", 1_800_000_000), line("TB-02", 1_000_000_000, vat="software")],
        [package("G1", lines=["TB-01"])],
        contingency=FIVE,
    )
    [f] = found(p, "PROC-DIRECT-LIMIT")
    assert f.case == "lines"
    assert f.details == {
        "package": "G1",
        "value": Decimal(2_041_200_000),
        "lines": Decimal(1_944_000_000),
        "contingency": Decimal(97_200_000),
        "limit": Decimal(2_000_000_000),
        "row": "non_consulting_in_project",
        "date": DATE,
    }
    assert f.amount == 41_200_000
    assert "97,200,000" in f.message_en and "97.200.000" in f.message_vi


def test_without_contingency_the_same_package_passes():
    p = project(
        [line("TB-01", 1_800_000_000), line("TB-02", 1_000_000_000, vat="software")],
        [package("G1", lines=["TB-01"])],
    )
    assert found(p, "PROC-DIRECT-LIMIT") == []


def test_share_of_a_before_vat_contingency_is_pro_rata_of_the_after_vat_totals():
    # contingency on the pre-VAT amounts: 5 % × (1,800,000,000 + 1,000,000,000) = 140,000,000
    # share of G1 = 140,000,000 × 1,944,000,000 / 2,944,000,000 = 92,445,652.17… → 92,445,652
    p = project(
        [line("TB-01", 1_800_000_000), line("TB-02", 1_000_000_000, vat="software")],
        [package("G1", lines=["TB-01"])],
        contingency={"on": "before_vat", "rate_percent": 5},
    )
    [f] = found(p, "PROC-DIRECT-LIMIT")
    assert f.details["contingency"] == Decimal(92_445_652)
    assert f.details["value"] == Decimal(2_036_445_652)


def test_a_stated_value_is_kept():
    # the stated price wins over the lines (and gets no share of contingency)
    p = project(
        [line("TB-01", 1_800_000_000)],
        [package("G1", 1_990_000_000, lines=["TB-01"])],
        contingency=FIVE,
    )
    assert found(p, "PROC-DIRECT-LIMIT") == []
    p = project([line("TB-01", 100_000_000)], [package("G1", 2_100_000_000, lines=["TB-01"])])
    [f] = found(p, "PROC-DIRECT-LIMIT")
    assert f.case == "given" and f.amount == 100_000_000
    assert "contingency" not in f.details


# --- exemptions must name a ground of Điều 78 -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("NĐ 214/2025 Điều 78 k3 a", "k3_a"),
        ("Điều 78 khoản 3 điểm c", "k3_c"),
        ("điểm c khoản 3 Điều 78 Nghị định số 214/2025/NĐ-CP", "k3_c"),
        ("Điều 78 khoản 2 điểm đ NĐ 214/2025/NĐ-CP", "k2_dd"),
        ("Điều 78 k2 e1 (NĐ 214/2025, sửa đổi bởi NĐ 349/2026)", "k2_e1"),
        ("khoản 6 Điều 78", "k6"),
        ("Điều 78 khoản 4", "k4"),
        ("Luật Đấu thầu Điều 23 k1 h", None),
        ("NĐ 24/2024/NĐ-CP Điều 78 k3 a", None),
        ("khoản 3 điểm c", None),
        ("theo chỉ đạo của UBND tỉnh", None),
    ],
)
def test_cited_clauses_are_read(text: str, key: str | None):
    assert _cited_key(text) == key


@pytest.mark.parametrize("exemption", ["k3_c", "K3_C", "NĐ 214/2025 Điều 78 k3 c", "k6"])
def test_a_named_ground_lifts_the_limit(exemption: str):
    p = project([line("TB-01", 100_000_000)], [package("G1", 9_000_000_000, exemption=exemption)])
    codes = {f.code for f in check(p, registry=REG)}
    assert not codes & {"PROC-DIRECT-LIMIT", "PROC-EXEMPTION-GROUND", "PROC-SPLIT"}


def test_free_text_is_kept_but_does_not_lift_the_limit():
    text = "Gói thầu cấp bách theo chỉ đạo của UBND tỉnh"
    p = project([line("TB-01", 100_000_000)], [package("G1", 2_500_000_000, exemption=text)])
    [g] = found(p, "PROC-EXEMPTION-GROUND")
    assert g.case == "unknown" and g.severity == "warning"
    assert g.details["exemption"] == text
    known = g.details["known"]
    assert isinstance(known, tuple)
    assert len(known) == 31 and "k3_c" in known and "k4" not in known and "k2_e1" not in known
    assert "does not name a legal ground" in g.message_en
    [d] = found(p, "PROC-DIRECT-LIMIT")
    assert d.amount == 500_000_000


def test_a_ground_of_a_later_version_is_not_in_force():
    before = project(
        [line("TB-01", 100_000_000)], [package("G1", 2_500_000_000, exemption="k2_e1")]
    )
    [g] = found(before, "PROC-EXEMPTION-GROUND")
    assert g.case == "not_in_force"
    assert g.details["key"] == "k2_e1" and g.details["periods"] == ("2026-09-09/..",)
    assert "(có hiệu lực: từ 09/09/2026)" in g.message_vi
    assert "(in force: from 2026-09-09)" in g.message_en
    assert found(before, "PROC-DIRECT-LIMIT")
    # from 2026-09-09 (NĐ 349/2026 Điều 4 k2) the same key is a ground
    after = project(
        [line("TB-01", 100_000_000)],
        [package("G1", 6_000_000_000, exemption="k2_e1")],
        date="2026-09-10",
    )
    codes = {f.code for f in check(after, registry=REG)}
    assert not codes & {"PROC-DIRECT-LIMIT", "PROC-EXEMPTION-GROUND"}


def test_the_value_limit_is_not_a_ground():
    p = project(
        [line("TB-01", 100_000_000)],
        [package("G1", 1_000_000_000, exemption="NĐ 214/2025 Điều 78 khoản 4")],
    )
    [g] = found(p, "PROC-EXEMPTION-GROUND")
    assert g.case == "value_limit"
    assert found(p, "PROC-DIRECT-LIMIT") == []  # within the limit anyway


def test_no_ground_check_before_the_decree():
    p = project(
        [line("TB-01", 100_000_000)],
        [package("G1", 9_000_000_000, exemption="anything")],
        date="2025-08-03",
    )
    findings = check(p, registry=REG)
    assert not {f.code for f in findings} & {"PROC-EXEMPTION-GROUND", "PROC-DIRECT-LIMIT"}
    # the limits are not encoded for the date: said so, exemption or not
    assert [f.details["table"] for f in findings if f.code == "NORM-NOT-ENCODED"] == [
        "direct-appointment-limits"
    ]


def test_grounds_table_versions():
    table = REG.table("direct-appointment-grounds")
    assert [v.period for v in table.versions] == [
        "2025-08-04 → 2026-06-30",
        "2026-07-01 → 2026-09-08",
        "2026-09-09 → open",
    ]
    assert [len(v.rows) for v in table.versions] == [31, 31, 34]
    g_2025 = REG.get("direct-appointment-grounds", "2025-09-15").value("k1_g", "text")
    g_2026 = REG.get("direct-appointment-grounds", "2026-07-01").value("k1_g", "text")
    assert "quyết định công bố dịch" in str(g_2025.value)
    assert "thông tin dịch bệnh" in str(g_2026.value)
    d = REG.get("direct-appointment-grounds", "2026-09-09").value("k3_d", "text")
    assert d.confidence == "primary" and [s for s, _ in d.sources] == ["R25"]
    assert str(d.value).startswith("Gói thầu thuộc các dự án, nhiệm vụ mua sắm, thuê dịch vụ")


# --- splitting --------------------------------------------------------------------------------


def test_split_of_one_kind_lists_the_prices():
    p = project([line("TB-01", 100_000_000)], [package(f"G{i}", 800_000_000) for i in (1, 2, 3)])
    [f] = found(p, "PROC-SPLIT")
    assert f.case == "kind"
    assert f.details == {
        "packages": ("G1", "G2", "G3"),
        "values": ("800000000", "800000000", "800000000"),
        "limit": Decimal(2_000_000_000),
        "total": Decimal(2_400_000_000),
        "row": "non_consulting_in_project",
        "causes": ("kind",),
        "kind": "goods",
    }


def test_the_same_equipment_relabelled_goods_and_mixed():
    # G1 goods: TB-01 1,000,000,000 + 8 % = 1,080,000,000
    # M1 mixed: TB-02 1,000,000,000 + 8 % = 1,080,000,000 (also equipment): 2,160,000,000 > 2 tỷ
    p = project(
        [line("TB-01", 1_000_000_000), line("TB-02", 1_000_000_000, name="Bộ lưu điện UPS")],
        [package("G1", lines=["TB-01"]), package("M1", lines=["TB-02"], kind="mixed")],
    )
    [f] = found(p, "PROC-SPLIT")
    assert f.case == "relabelled"
    assert f.details["kinds"] == ("goods", "mixed")
    assert f.details["causes"] == ("relabelled",)
    assert f.details["values"] == ("1080000000", "1080000000")
    assert f.amount == 2_160_000_000


def test_different_kinds_of_different_content_are_not_linked():
    p = project(
        [
            line("TB-01", 1_000_000_000),
            line("XL-01", 1_000_000_000, component="xay_lap", name="Cải tạo phòng máy"),
        ],
        [package("G1", lines=["TB-01"]), package("W1", lines=["XL-01"], kind="works")],
    )
    assert found(p, "PROC-SPLIT") == []


def test_similar_items_across_packages():
    # the same server model bought as goods and inside a non-consulting service package
    p = project(
        [
            line("TB-01", 1_000_000_000, name="Máy chủ ứng dụng", model="Dell PowerEdge R760"),
            line(
                "DV-01",
                1_000_000_000,
                component="thue_dich_vu",
                name="Cung cấp máy chủ",
                model="DELL PowerEdge-R760",
            ),
        ],
        [package("G1", lines=["TB-01"]), package("S1", lines=["DV-01"], kind="non_consulting")],
    )
    [f] = found(p, "PROC-SPLIT")
    assert f.case == "items"
    assert f.details["items"] == ("TB-01", "DV-01")
    assert f.details["causes"] == ("items",)
    assert f.details["total"] == Decimal(2_160_000_000)


@pytest.mark.parametrize(("second", "split"), [("2025-11-14", True), ("2026-01-13", False)])
def test_packages_planned_close_together(second: str, split: bool):
    # goods and works, stated prices, 60 (≤ 90) or 120 days apart
    p = project(
        [line("TB-01", 100_000_000)],
        [
            package("G1", 1_200_000_000, planned_date="2025-09-15"),
            package("W1", 1_200_000_000, kind="works", planned_date=second),
        ],
    )
    findings = found(p, "PROC-SPLIT")
    if not split:
        assert findings == []
        return
    [f] = findings
    assert f.case == "time"
    assert (f.details["first"], f.details["last"], f.details["window"]) == (
        "2025-09-15",
        "2025-11-14",
        90,
    )
    assert f.details["total"] == Decimal(2_400_000_000)


def test_a_consulting_package_is_never_summed_with_goods():
    p = project(
        [line("TB-01", 100_000_000)],
        [
            package("C1", 700_000_000, kind="consulting", planned_date="2025-09-15"),
            package("G1", 1_500_000_000, planned_date="2025-09-15"),
        ],
    )
    assert found(p, "PROC-SPLIT") == []


def test_a_package_over_the_limit_is_left_out_of_the_split():
    p = project(
        [line("TB-01", 100_000_000)],
        [package("G1", 2_500_000_000), package("G2", 1_100_000_000), package("G3", 1_100_000_000)],
    )
    [f] = found(p, "PROC-SPLIT")
    assert f.details["packages"] == ("G2", "G3")
    assert f.amount == 2_200_000_000
    assert [d.details["package"] for d in found(p, "PROC-DIRECT-LIMIT")] == ["G1"]


def test_exempt_packages_are_not_summed_but_free_text_ones_are():
    lawful = [package("G1", 800_000_000, exemption="k5_a"), package("G2", 800_000_000)]
    lawful.append(package("G3", 800_000_000))
    p = project([line("TB-01", 100_000_000)], lawful)
    assert found(p, "PROC-SPLIT") == []
    free = [package("G1", 800_000_000, exemption="độc quyền"), package("G2", 800_000_000)]
    free.append(package("G3", 800_000_000))
    p = project([line("TB-01", 100_000_000)], free)
    [f] = found(p, "PROC-SPLIT")
    assert f.details["packages"] == ("G1", "G2", "G3")
    assert found(p, "PROC-EXEMPTION-GROUND")


def test_split_in_a_procurement_estimate_on_the_2026_limits():
    # from 2026-09-09 a procurement estimate's limit is 1 tỷ: 600 + 600 triệu of one kind
    p = project(
        [line("TB-01", 100_000_000)],
        [package(f"M{i}", 600_000_000, in_project=False) for i in (1, 2)],
        date="2026-09-10",
    )
    [f] = found(p, "PROC-SPLIT")
    assert f.details["row"] == "procurement_estimate"
    assert f.details["limit"] == Decimal(1_000_000_000)


def test_portfolio_sample_split_includes_contingency():
    # 03-ioc-do-thi.yaml: lines 924,480,000 + 941,760,000 + 760,320,000 = 2,626,560,000 after VAT,
    # contingency 5 % after VAT: 136,955,864 on 2,739,117,281, i.e. each package × 1.05
    file = PORTFOLIO / "03-ioc-do-thi.yaml"
    findings = check_portfolio([file])
    [f] = [f for f in findings if f.code == "PROC-SPLIT"]
    assert f.case == "kind"
    assert f.details["values"] == ("970704000", "988848000", "798336000")
    assert f.amount == 2_757_888_000
