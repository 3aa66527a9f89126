"""The overlap rules (DUP-*): indexed matching of names and models, one finding per cluster.

Each rule is triggered and not triggered here beside the framework's cases in
``tests/test_checks.py``; the matching helpers (:mod:`ictcost.checks._matching`) are tested on
their own; the work is counted (comparisons, not time) to show it grows about linearly; and
Hypothesis checks that a renamed copy of a line of the same model is always found and that the
order of the lines changes nothing.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from ictcost.checks import CheckConfig, Finding, check, check_portfolio
from ictcost.checks import _matching as matching
from ictcost.checks._base import fold, normalise
from ictcost.checks._matching import (
    model_classes,
    model_key,
    name_edges,
    name_of,
    relation,
    same_models,
)
from ictcost.checks.rules import RULES, Context
from ictcost.estimate import ProjectInput, load_project
from ictcost.norms.registry import NormRegistry

EXAMPLES = Path(__file__).parents[1] / "examples"
DATE = "2025-09-15"
REG = NormRegistry.shipped()


# --- builders -----------------------------------------------------------------------------------


def item(
    line_id: str,
    name: str,
    model: str | None = None,
    price: int = 15_000_000,
    component: str = "thiet_bi",
    **changes: Any,
) -> dict[str, Any]:
    """An equipment line priced by its unit price (with the quotation it rests on)."""
    line: dict[str, Any] = {
        "id": line_id,
        "component": component,
        "name": name,
        "method": "quotation",
        "vat": "it_goods_services",
        "unit": "bộ",
        "quantity": 1,
        "unit_price": price,
        "basis": "Báo giá số 12/BG",
    }
    if model is not None:
        line["model"] = model
    return line | changes


def project(lines: Sequence[dict[str, Any]], *, name: str = "P", **meta: Any) -> ProjectInput:
    return load_project(
        {
            "project": {"name": name, "date": DATE, "form": "purchase", **meta},
            "lines": list(lines),
        }
    )


def dups(p: ProjectInput, config: CheckConfig | None = None) -> list[Finding]:
    return [f for f in check(p, config=config) if f.code.startswith("DUP-")]


def codes(findings: Sequence[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


COMMUNES = (
    "An Bình An Hòa Bình Minh Hòa Lợi Tân Phú Phú Thạnh Long Hưng Mỹ Lộc Sơn Hải Đông Hòa "
    "Tây Sơn Nam Định Bắc Lâm Trung Hiệp Xuân Quang Minh Đức Thịnh Phước Vĩnh Lạc Hiệp Phong "
    "Đức Hòa Lạc Thuận Khánh Bình Thái Hòa Hiếu Nghĩa Nghĩa Định Hà Giang Lâm Tiến Cường Thịnh "
    "Vĩnh Thái Hưng"
).split()
COMMUNE_NAMES = [" ".join(COMMUNES[2 * i : 2 * i + 2]) for i in range(30)]


def per_commune(
    n: int = 30, *, model: str | None = "HP ProDesk 400 G9", price: int = 15_500_000
) -> list[dict[str, Any]]:
    """One desktop per commune office: alike lines, legitimately distinct."""
    return [
        item(f"TB-{i + 1:02d}", f"Máy tính cho UBND xã {COMMUNE_NAMES[i]}", model, price)
        for i in range(n)
    ]


# --- DUP-LINE -----------------------------------------------------------------------------------


def test_same_model_written_otherwise_and_name_typed_without_diacritics():
    p = project(
        [
            item("TB-01", "Máy chủ ứng dụng", "Dell PowerEdge R760", 385_000_000),
            item("TB-09", "May chu ung dung", "PowerEdge R760 (Dell)", 390_000_000),
        ]
    )
    [f] = dups(p)
    assert (f.code, f.severity, f.line, f.field) == ("DUP-LINE", "warning", "TB-01", "model")
    assert f.details == {
        "lines": ("TB-01", "TB-09"),
        "names": ("Máy chủ ứng dụng", "May chu ung dung"),
        "count": 2,
    }
    assert "TB-01, TB-09" in f.message_en and "TB-01, TB-09" in f.message_vi


def test_near_same_name_and_same_unit_price_without_a_model():
    p = project(
        [
            item("TB-02", "Thiết bị chuyển mạch lõi", "Cisco C9300-48T", 150_000_000),
            item("TB-09", "Thiết bị chuyển mạch lõi mới", None, 150_000_000),
        ]
    )
    [f] = dups(p)
    assert (f.code, f.field, f.details["lines"]) == ("DUP-LINE", "name", ("TB-02", "TB-09"))


def test_li_and_ly_and_a_mistyped_long_word_are_the_same_name():
    p = project(
        [
            item("A", "Thiết bị tường lửa Fortigate quản lý tập trung"),
            item("B", "Thiết bị tường lửa Fortigat quản lí tập trung"),
        ]
    )
    assert codes(dups(p)) == ["DUP-LINE"]


def test_three_copies_are_one_finding_listing_the_three():
    p = project([item(f"TB-{i}", "Máy in laser A4", "Canon LBP 226dw") for i in (3, 1, 2)])
    [f] = dups(p)
    assert f.code == "DUP-LINE" and f.details["lines"] == ("TB-1", "TB-2", "TB-3")


def test_lines_are_listed_by_id_with_numbers_as_numbers():
    p = project([item(i, "Máy in laser A4", "Canon LBP 226dw") for i in ("TB-10", "TB-2")])
    [f] = dups(p)
    assert f.line == "TB-2" and f.details["lines"] == ("TB-2", "TB-10")


def test_two_roles_of_one_model_are_one_info_not_a_warning():
    p = project(
        [
            item("TB-01", "Máy chủ ứng dụng", "Dell PowerEdge R760", 385_000_000),
            item("TB-02", "Máy chủ cơ sở dữ liệu", "Dell R760", 412_000_000),
        ]
    )
    [f] = dups(p)
    assert (f.code, f.severity) == ("DUP-LINE-REPEATED", "info")
    assert f.details == {"lines": ("TB-01", "TB-02"), "item": "Máy chủ ứng dụng", "count": 2}


@pytest.mark.parametrize("model", ["HP ProDesk 400 G9", None])
def test_thirty_communes_are_exactly_one_info_finding(model: str | None):
    """Before: 435 DUP-LINE warnings with the model (one per pair); now one info finding."""
    found = dups(project(per_commune(30, model=model)))
    assert codes(found) == ["DUP-LINE-REPEATED"]
    [f] = found
    assert f.severity == "info" and f.line == "TB-01" and f.details["count"] == 30
    assert f.details["lines"] == tuple(f"TB-{i:02d}" for i in range(1, 31))
    assert "30" in f.message_en and "TB-30" in f.message_vi


def test_one_commune_bought_twice_among_thirty():
    lines = [
        *per_commune(30),
        item("TB-31", "Máy tính cho UBND xã An Bình.", "HP 400 G9", 15_500_000),
    ]
    found = dups(project(lines))
    assert codes(found) == ["DUP-LINE", "DUP-LINE-REPEATED"]
    dup = next(f for f in found if f.code == "DUP-LINE")
    assert dup.details["lines"] == ("TB-01", "TB-31")
    repeated = next(f for f in found if f.code == "DUP-LINE-REPEATED")
    assert repeated.details["count"] == 31


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same name, two makes' models at one price: two items
        (item("A", "Máy chủ", "Dell R760", 1), item("B", "Máy chủ", "HPE DL380 Gen11", 1)),
        # the same name, no model, different prices: two configurations
        (item("A", "Máy chủ", None, 1), item("B", "Máy chủ", None, 2)),
        # two generations of one series
        (item("A", "Máy trạm", "HP ProDesk 400 G9", 1), item("B", "Máy trạm", "HP 400 G8", 2)),
        # one letter of diacritics tells two communes apart
        (item("A", "Máy tính xã Thanh Hà", None, 1), item("B", "Máy tính xã Thành Hà", None, 1)),
        # numbered items are a series
        (item("A", "Thiết bị 1", None, 1), item("B", "Thiết bị 12", None, 1)),
    ],
)
def test_alike_but_distinct_is_info_only(a: dict[str, Any], b: dict[str, Any]):
    assert codes(dups(project([a, b]))) == ["DUP-LINE-REPEATED"]


def test_different_items_give_nothing():
    p = project(
        [
            item("TB-01", "Máy chủ ứng dụng", "Dell PowerEdge R760", 385_000_000),
            item("TB-02", "Thiết bị chuyển mạch lõi", "Cisco C9300-48T", 150_000_000),
            item("TB-03", "Máy in laser A4", None, 7_800_000),
        ]
    )
    assert dups(p) == []


def test_other_components_fee_lines_and_reference_figures_are_not_compared():
    lines = [
        item("TB-01", "Máy chủ ứng dụng", "Dell PowerEdge R760", 385_000_000),
        item("LD-01", "Máy chủ ứng dụng", "Dell PowerEdge R760", 385_000_000, "lap_dat_cai_dat"),
        item(
            "TB-01-TK",
            "Máy chủ ứng dụng",
            "Dell PowerEdge R760",
            380_000_000,
            reference_for="TB-01",
        ),
        {
            "id": "QLDA",
            "component": "quan_ly_du_an",
            "name": "Chi phí quản lý dự án",
            "method": "norm",
            "vat": "not_applicable",
            "fee": {"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": ["TB-01"]},
        },
        {
            "id": "QLDA-2",
            "component": "quan_ly_du_an",
            "name": "Chi phí quản lý dự án",
            "method": "norm",
            "vat": "not_applicable",
            "fee": {"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": ["LD-01"]},
        },
    ]
    assert [f for f in dups(project(lines)) if f.code.startswith("DUP-LINE")] == []


def test_the_threshold_is_a_0_to_1_similarity():
    a, b = item("A", "Máy chủ ứng dụng", None, 1), item("B", "Máy chủ ứng dụng web", None, 1)
    # the two names are 0.89 alike (indel similarity of the sorted words)
    assert 88 < fuzz.ratio(name_of(a["name"]).folded_form, name_of(b["name"]).folded_form) < 89
    assert dups(project([a, b])) == []
    assert codes(dups(project([a, b]), CheckConfig(name_similarity=0.85))) == ["DUP-LINE"]


def test_homogeneous_names_no_longer_flood():
    """The review's case: 500 lines named "Thiết bị i" gave tens of thousands of warnings."""
    lines = [item(f"L{i:04d}", f"Thiết bị {i}", None, 1_000_000 + 137 * i) for i in range(500)]
    assert [f for f in _rules(project(lines)) if f[0] == "DUP-LINE"] == []


# --- DUP-PORTFOLIO-EQUIPMENT --------------------------------------------------------------------


def _portfolio(*lines: Sequence[dict[str, Any]]) -> list[Finding]:
    projects = [project(ls, name=f"Dự án {chr(65 + k)}") for k, ls in enumerate(lines)]
    return [f for f in check_portfolio(projects) if f.estimate == "portfolio"]


def test_portfolio_model_written_otherwise_is_the_same_equipment():
    found = _portfolio(
        [item("TB-01", "Máy chủ cơ sở dữ liệu", "Dell PowerEdge R760")],
        [item("X-1", "Máy chủ xử lý dữ liệu IOC", "PowerEdge R760 (Dell)")],
        [item("TB-05", "Máy chủ", "Dell R760")],
    )
    [f] = found
    assert (f.code, f.line, f.field) == ("DUP-PORTFOLIO-EQUIPMENT", "TB-01", "model")
    assert f.details["estimates"] == ("Dự án A", "Dự án B", "Dự án C")
    assert f.details["where"] == ("Dự án A (TB-01)", "Dự án B (X-1)", "Dự án C (TB-05)")
    assert f.details["item"] == "Dell PowerEdge R760"


def test_portfolio_different_model_numbers_or_makes_are_not_the_same():
    assert (
        _portfolio(
            [item("TB-01", "Máy chủ", "Dell PowerEdge R760")],
            [item("TB-01", "Máy chủ", "Dell PowerEdge R750")],
            [item("TB-01", "Máy chủ", "HPE R760")],
        )
        == []
    )


def test_portfolio_lines_without_a_model_match_by_name():
    [f] = _portfolio(
        [item("TB-01", "Thiết bị lưu trữ SAN dung lượng 100TB")],
        [item("TB-04", "Thiet bi luu tru SAN dung luong 100TB")],
    )
    assert (f.code, f.field) == ("DUP-PORTFOLIO-EQUIPMENT", "name")
    # a variant is another item: each commune's computer
    assert (
        _portfolio(
            [item("TB-01", "Máy tính cho UBND xã An Bình")],
            [item("TB-01", "Máy tính cho UBND xã An Hòa")],
        )
        == []
    )


def test_portfolio_lines_with_two_models_are_matched_by_their_models_only():
    assert (
        _portfolio(
            [item("TB-01", "Máy chủ ứng dụng", "Dell PowerEdge R760")],
            [item("TB-01", "Máy chủ ứng dụng", "Lenovo ThinkSystem SR650 V3")],
        )
        == []
    )


def test_example_portfolio_keeps_its_one_overlap_and_adds_nothing():
    files = sorted((EXAMPLES / "portfolio").glob("*.yaml"))
    findings = [f for f in check_portfolio(files) if f.code.startswith("DUP-")]
    [f] = findings
    assert f.code == "DUP-PORTFOLIO-EQUIPMENT" and f.line == "TB-01"
    assert f.details["item"] == "Dell PowerEdge R760" and f.details["count"] == 2
    for name in ("portal-project.yaml", "purchase-ktkt.yaml", "investment-fs-2026.yaml"):
        found = check(load_project(EXAMPLES / name), base_dir=EXAMPLES)
        assert [f for f in found if f.code.startswith("DUP-")] == []


# --- DUP-PORTFOLIO-FUNCTION ---------------------------------------------------------------------


def _software(*use_cases: str) -> dict[str, Any]:
    return {
        "id": "PM-01",
        "component": "phan_mem_noi_bo",
        "name": "Phần mềm một cửa điện tử",
        "method": "calculation",
        "vat": "software",
        "software": {
            "date": "2025-06-01",
            "actors": {"simple": 1, "average": 1, "complex": 2},
            "use_cases": [
                {"name": uc, "bmt": "B", "transactions": 4 + k} for k, uc in enumerate(use_cases)
            ],
            "technical": {f"T{i}": 2 for i in range(1, 14)},
            "environmental": {f"E{i}": 3 for i in range(1, 9)},
            "labour_rate": 61250,
        },
    }


def test_portfolio_functions_renamed_are_found_once():
    found = _portfolio(
        [_software("Nộp hồ sơ trực tuyến", "Quản lý kho vật tư")],
        [_software("nop ho so truc tuyen", "Lập kế hoạch bảo trì thiết bị")],
        [_software("Trực tuyến nộp hồ sơ")],
    )
    [f] = [f for f in found if f.code == "DUP-PORTFOLIO-FUNCTION"]
    assert f.details["count"] == 3
    assert set(f.details["functions"]) == {
        "Nộp hồ sơ trực tuyến",
        "nop ho so truc tuyen",
        "Trực tuyến nộp hồ sơ",
    }


def test_portfolio_function_variants_are_two_functions():
    found = _portfolio(
        [_software("Báo cáo thống kê theo tháng")], [_software("Báo cáo thống kê theo năm")]
    )
    assert [f for f in found if f.code == "DUP-PORTFOLIO-FUNCTION"] == []


# --- DUP-SHARED-SERVICE -------------------------------------------------------------------------


def test_shared_service_contained_or_alike():
    shared = {"shared_services": ["Trung tâm dữ liệu tỉnh"]}
    contained = project([item("K-01", "Thuê chỗ đặt máy chủ tại Trung tâm dữ liệu tỉnh")], **shared)
    alike = project([item("K-01", "Trung tâm dữ liệu của tỉnh")], **shared)
    other = project([item("K-01", "Thuê đường truyền")], **shared)
    assert codes(dups(contained)) == ["DUP-SHARED-SERVICE"]
    assert codes(dups(alike)) == ["DUP-SHARED-SERVICE"]
    assert dups(other) == []


# --- the matching helpers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dell PowerEdge R760", "Dell R760", True),
        ("Dell PowerEdge R760", "PowerEdge R760 (Dell)", True),
        ("Dell R760", "PowerEdge R-760", True),
        ("Dell PowerEdge R760", "Dell PowerEdge R760 (2 x Xeon 4410Y, 256GB)", True),
        ("Fujitsu fi-7160", "Fujitsu fi7160", True),
        ("Fujitsu fi 7160", "Fujitsu fi-7160", True),
        ("Canon LBP 226dw", "Canon LBP226dw", True),
        ("Cisco C1000-24T", "Cisco C1000 24T", True),
        ("HP ProDesk 400 G9", "ProDesk 400 G9 (HP)", True),
        ("Latitude 5440 (Dell)", "Dell Latitude 5440", True),
        ("Poly RealConnect MCU 40", "poly realconnect mcu 40", True),
        ("Dell PowerEdge R760", "Dell PowerEdge R750", False),
        ("Dell R760", "HPE R760", False),
        ("HP ProDesk 400 G9", "HP 400 G8", False),
        ("Cisco C9300-48T", "Cisco C9300-24T", False),
        ("Windows Server 2022 Standard", "Windows Server 2022 Datacenter", False),
        ("Dell OptiPlex 7010", "Dell Latitude 7010", False),
        ("Poly RealConnect MCU 40", "Poly RealConnect MCU 80", False),
    ],
)
def test_same_models(a: str, b: str, same: bool):
    assert same_models(model_key(a), model_key(b)) is same
    assert same_models(model_key(b), model_key(a)) is same
    classes = model_classes([a, None, b])
    assert classes[1] is None and (classes[0] == classes[2]) is same


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Quản lý hồ sơ", "Quản lí hồ sơ", "same"),
        ("Quản lý hồ sơ", "quan ly ho so", "same"),
        ("Thiết bị chuyển mạch lõi", "Thiết bị chuyển mạch lõi mới", "same"),
        ("Tầng 01 máy chủ", "Tầng 1 máy chủ", "same"),
        ("Máy tính cho UBND xã A", "Máy tính cho UBND xã B", "variant"),
        ("Máy tính xã Thanh Hà", "Máy tính xã Thành Hà", "variant"),
        ("Máy tính cho UBND xã Hưng", "Máy tính cho UBND xã Long Hưng", "variant"),
        ("Máy chủ ứng dụng (2 CPU, 256 GB RAM)", "Máy chủ ứng dụng (2 CPU, 256GB RAM)", "same"),
        ("Thiết bị tường lửa Fortigate", "Thiết bị tường lửa Fortigat", "same"),
        ("Máy chủ ứng dụng", "Máy chủ cơ sở dữ liệu", None),
    ],
)
def test_relation(a: str, b: str, expected: str | None):
    assert relation(name_of(a), name_of(b), 0.9) == expected
    assert relation(name_of(b), name_of(a), 0.9) == expected


def test_name_edges_index_does_not_compare_names_without_a_shared_key():
    names = [name_of(f"Máy chủ {w}") for w in ("ứng dụng", "cơ sở dữ liệu", "ứng dụng")]
    of, edges = name_edges(names, 0.9)
    assert of == [0, 1, 0] and edges == []


@given(st.text(max_size=20), st.text(max_size=20))
def test_pure_python_scorer_is_rapidfuzz_ratio(a: str, b: str):
    assert math.isclose(matching._pure_ratio(a, b), fuzz.ratio(a, b), abs_tol=1e-9)


def _regex_normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"[\W_]+", " ", text).strip()


@given(st.text(max_size=30))
def test_normalise_and_fold_keep_their_meaning(text: str):
    assert normalise(text) == _regex_normalise(text)
    decomposed = unicodedata.normalize("NFD", _regex_normalise(text).replace("đ", "d"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == unicodedata.normalize("NFC", plain)


def test_without_rapidfuzz_the_findings_are_the_same(monkeypatch: pytest.MonkeyPatch):
    p = _estimate(300)
    with_rapidfuzz = _rules(p)
    monkeypatch.setattr(matching, "RAPIDFUZZ", False)
    monkeypatch.setattr(matching, "ratio", matching._pure_ratio)
    assert _rules(p) == with_rapidfuzz


# --- growth: comparisons, counted ---------------------------------------------------------------

ITEMS = (
    ("Máy tính để bàn", "HP ProDesk 400 G9", 15_500_000),
    ("Máy tính xách tay", "Dell Latitude 5440", 22_000_000),
    ("Máy in laser A4", "Canon LBP 226dw", 7_800_000),
    ("Máy quét tài liệu", "Fujitsu fi-7160", 24_000_000),
    ("Bộ lưu điện UPS 2kVA", "APC SRV2KI", 9_900_000),
    ("Thiết bị phát sóng wifi", "Aruba AP-505", 6_500_000),
)
PLACES = ("UBND xã", "Trạm y tế xã", "Trường tiểu học xã", "Công an xã")
SYLLABLES = (
    "An Bình Hòa Tân Phú Thạnh Thành Long Hưng Phước Lộc Thuận Mỹ Sơn Hải Đông Tây Nam Bắc "
    "Trung Xuân Quang Minh Thịnh Lợi Vĩnh Hiệp Phong Đức Lạc Khánh Thái Hiếu Nghĩa Định"
).split()


def _estimate(n: int, seed: int = 3) -> ProjectInput:
    """A realistic estimate: one line per item, place and commune, 2 % copies, some others."""
    rnd = random.Random(seed)
    communes: dict[str, None] = {}
    while len(communes) < max(6, n // 20):
        communes[" ".join(rnd.sample(SYLLABLES, 2))] = None
    slots = [(i, p, c) for i in ITEMS for p in PLACES for c in communes]
    rnd.shuffle(slots)
    lines: list[dict[str, Any]] = []
    while len(lines) < n:
        k = len(lines) + 1
        r = rnd.random()
        if r < 0.9 and slots:
            (name, model, price), place, commune = slots.pop()
            lines.append(item(f"TB-{k}", f"{name} cho {place} {commune}", model, price))
        elif r < 0.92 and lines:
            src = rnd.choice(lines)
            lines.append(item(f"TB-{k}", src["name"].upper(), src.get("model"), src["unit_price"]))
        else:
            lines.append(item(f"TB-{k}", f"Dịch vụ {rnd.choice(SYLLABLES)} số {k}", None, k * 1000))
    return project(lines)


def _rules(p: ProjectInput) -> list[tuple[Any, ...]]:
    """The DUP-LINE rules' hits on the input alone (no recomputation), comparable."""
    ctx = Context(p, None, None, REG, CheckConfig())
    out = []
    for code in ("DUP-LINE", "DUP-LINE-REPEATED"):
        check_one = RULES[code].check
        assert check_one is not None
        out += [(code, h.line, h.field, tuple(sorted(h.params.items()))) for h in check_one(ctx)]
    return out


def _count_comparisons(monkeypatch: pytest.MonkeyPatch, p: ProjectInput) -> int:
    calls = 0
    real = matching.ratio

    def counting(a: str, b: str, **kw: Any) -> float:
        nonlocal calls
        calls += 1
        return float(real(a, b, **kw))

    with monkeypatch.context() as m:
        m.setattr(matching, "ratio", counting)
        _rules(p)
    return calls


def test_comparisons_grow_about_linearly(monkeypatch: pytest.MonkeyPatch):
    """Doubling the lines about doubles the comparisons (all pairs would quadruple them).

    Blocking on the first two words compared every pair of a block (``Máy tính …``): 4× per
    doubling. The index compares at most :data:`~ictcost.checks._matching.BLOCK_CAP` names per
    key, so the count per line is bounded; 2.6× per doubling allows for the blocks filling up
    to the cap while staying far from 4×.
    """
    counts = {n: _count_comparisons(monkeypatch, _estimate(n)) for n in (1000, 2000, 4000)}
    assert counts[1000] > 0
    assert counts[2000] <= 2.6 * counts[1000], counts
    assert counts[4000] <= 2.6 * counts[2000], counts
    # and far from all pairs
    assert counts[4000] < 0.01 * 4000 * 3999 / 2, counts


# --- properties ---------------------------------------------------------------------------------

WORDS = (
    "máy chủ tính trạm in quét thiết bị lưu trữ chuyển mạch tường lửa camera màn hình ứng dụng "
    "cơ sở dữ liệu phòng họp trung tâm xã huyện tỉnh sở ban ngành"
).split()
MODELS = (
    ("Dell PowerEdge R760", "PowerEdge R760 (Dell)", "Dell R760"),
    ("HP ProDesk 400 G9", "ProDesk 400 G9 (HP)", "HP 400 G9"),
    ("Fortinet FortiGate 200F", "FortiGate-200F", "Fortinet 200F"),
    ("Cisco C9300-48T", "Cisco C9300 48T", "C9300-48T (Cisco)"),
    ("Poly G7500", "Polycom G7500", "Poly G-7500"),
)

names_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
lines_st = st.lists(
    st.tuples(
        names_st,
        st.one_of(st.none(), st.sampled_from([m[0] for m in MODELS])),
        st.sampled_from([1_000_000, 2_000_000, 3_000_000]),
    ),
    min_size=1,
    max_size=12,
)


def _lines(drawn: Sequence[tuple[str, str | None, int]]) -> list[dict[str, Any]]:
    return [item(f"L-{i}", name, model, price) for i, (name, model, price) in enumerate(drawn)]


def _facts(findings: Sequence[Finding]) -> list[tuple[Any, ...]]:
    return sorted(
        (f.code, f.line, f.field, tuple(sorted(f.details.items())))
        for f in findings
        if f.code.startswith("DUP-")
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_st, st.data())
def test_a_renamed_copy_of_a_line_of_the_same_model_is_always_found(
    drawn: list[tuple[str, str | None, int]], data: st.DataObject
):
    k = data.draw(st.integers(0, len(drawn) - 1))
    family = data.draw(st.sampled_from(MODELS))
    drawn[k] = (drawn[k][0], family[0], drawn[k][2])
    lines = _lines(drawn)
    copy = item(
        "L-copy",
        data.draw(names_st),
        data.draw(st.sampled_from(family)),
        data.draw(st.sampled_from([1_000_000, 5_000_000])),
    )
    lines.insert(data.draw(st.integers(0, len(lines))), copy)
    found = dups(project(lines))
    assert any(
        {f"L-{k}", "L-copy"} <= set(f.details["lines"])
        for f in found
        if f.code in ("DUP-LINE", "DUP-LINE-REPEATED")
    ), [str(f) for f in found]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_st, st.randoms(use_true_random=False))
def test_shuffling_the_lines_changes_no_finding(
    drawn: list[tuple[str, str | None, int]], rnd: random.Random
):
    lines = _lines(drawn)
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    assert _facts(dups(project(shuffled))) == _facts(dups(project(lines)))
    # the findings' own order does not depend on it either
    assert [f.line for f in dups(project(shuffled))] == [f.line for f in dups(project(lines))]
