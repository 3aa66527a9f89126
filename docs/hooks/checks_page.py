"""mkdocs hook: the appraisal-checks page (``docs/checks.md``), generated from the rule registry.

Every section comes from :data:`ictcost.checks.RULES`: the code, the severity, the legal basis,
the titles and messages of the catalogue (:mod:`ictcost.report.messages.checks`) and the rule
function's docstring ("What it checks"). The example under each section is a YAML fragment kept
here and a sample finding *rendered by ictcost* from sample parameters, so the wording on the page
is the wording of the command. The thresholds and the JSON keys are read from ``CheckConfig`` and
``Finding``.

The committed ``docs/checks.md`` is this output (``tests/test_checks_docs.py`` compares them);
regenerate it with ``python docs/hooks/checks_page.py``. At build time :func:`on_page_markdown`
serves the same text, so the site cannot drift from the registry either.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ictcost.checks import RULES, CheckConfig, Finding
from ictcost.checks.rules import Hit
from ictcost.estimate import QuotationTrace, Quote

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

PAGE = Path(__file__).resolve().parents[1] / "checks.md"
"""The generated page."""
SRC_URI = "checks.md"
_CODE_REF = re.compile(r"`([A-Z]+(?:-[A-Z]+)+)`")


class Example(NamedTuple):
    """The example of one rule: what the input looks like, and a sample of its finding.

    Attributes:
        yaml: A YAML fragment of a project that triggers the rule, or ``None``.
        params: The sample finding's parameters (its ``details``).
        case: The message case, for a rule with several.
        line: The sample finding's line.
        amount: The sample finding's amount.
        trace: A sample trace, for a message that shows how the line was computed.
    """

    yaml: str | None
    params: dict[str, Any]
    case: str | None = None
    line: str | None = None
    amount: Decimal | None = None
    trace: QuotationTrace | None = None


def _d(value: int | str) -> Decimal:
    return Decimal(value)


_MEDIAN_TRACE = QuotationTrace(
    quantity=_d(2),
    quotes=tuple(
        Quote(source=s, unit_price=_d(p))
        for s, p in (("A", 100_000_000), ("B", 102_000_000), ("C", 104_000_000))
    ),
    pick="median",
    unit_price=_d(102_000_000),
)

EXAMPLES: dict[str, Example] = {
    "INPUT-UNREADABLE": Example(
        """\
project: {date: 2019-06-01, ...}    # before every regime of the table `regimes`""",
        {
            "reason": "no legal regime is encoded for 2019-06-01 (the first starts on 2020-01-01)",
            "error": "regime-not-found",
        },
    ),
    "INPUT-LINE": Example(
        """\
- id: TB-01
  component: thiet_bi
  method: quotation
  quotes: [...]          # three quotations, but no `pick` — the other lines are still reviewed""",
        {
            "reason": "line 'TB-01' (Máy chủ ứng dụng): quotations are given but no rule picks "
            "the value",
            "error": "input-invalid",
        },
        line="TB-01",
    ),
    "NORM-NOT-ENCODED": Example(
        """\
project: {date: 2024-03-01, ...}    # no `group:`; project-groups starts on 2025-01-01""",
        {"table": "project-groups", "date": "2024-03-01", "first": "2025-01-01"},
    ),
    "NORM-NOT-IN-FORCE": Example(
        """\
project: {date: 2025-09-15, ...}
lines:
  - id: PM-01
    method: calculation
    software: software-portal.yaml
    stated: {basis_instrument: CV 2589/BTTTT-ƯDCNTT}""",
        {"instrument": "CV 2589/BTTTT-ƯDCNTT", "in_force": "QĐ 671/QĐ-BTTTT", "date": "2025-09-15"},
        case="claimed",
        line="PM-01",
    ),
    "METHOD-NOT-ALLOWED": Example(
        """\
project: {date: 2026-03-15, ...}          # NĐ 45/2026
lines:
  - {id: DT-01, component: dao_tao, method: expert, expert: [...], ...}""",
        {"method": "expert", "component": "dao_tao", "regime": "nd45_2026"},
        line="DT-01",
    ),
    "METHOD-REFERENCE-ONLY": Example(
        """\
project: {date: 2026-03-15, ...}
lines:
  - id: QLDA
    component: quan_ly_du_an
    method: norm
    fee: {item: quan_ly_du_an, category: infrastructure, base_lines: [TB-01]}""",
        {"method": "norm", "component": "quan_ly_du_an", "regime": "nd45_2026"},
        line="QLDA",
    ),
    "METHOD-FIXED-AMOUNT": Example(
        """\
- {id: K-01, component: chi_phi_khac, method: fixed, amount: 12000000,
   basis: "Hợp đồng thẩm định giá số 5/HĐ", ...}""",
        {"document": "Hợp đồng thẩm định giá số 5/HĐ"},
        line="K-01",
    ),
    "METHOD-UCP-INPUTS": Example(
        """\
# software input of line PM-01
technical: {T1: 5, T2: 5, T3: 5, T4: 5, T5: 5, T6: 5, T7: 5, T8: 5, T9: 5, T10: 5, T11: 5,
            T12: 5, T13: 5}""",
        {"instrument": "QĐ 671/QĐ-BTTTT", "count": 13, "maximum": _d(5)},
        case="technical_max",
        line="PM-01",
    ),
    "METHOD-UCP-OUTLIER": Example(
        """\
# six estimates with UCP software lines: G_PM per counted use case 18–24 million,
# and one at 95 million (PM-01 of "Trung tâm IOC")""",
        {
            "estimate": "Trung tâm IOC",
            "cost": _d(95_000_000),
            "median": _d(21_000_000),
            "z": _d("24.96"),
            "threshold": _d("3.5"),
            "count": 6,
            "use_cases": 9,
        },
        line="PM-01",
        amount=_d(95_000_000),
    ),
    "ARITH-LINE": Example(
        """\
- id: TB-01
  quantity: 2
  quotes: [{unit_price: 100000000}, {unit_price: 102000000}, {unit_price: 104000000}]
  pick: median
  stated: {amount: 205000000}       # 2 × 102,000,000 = 204,000,000""",
        {"stated": _d(205_000_000), "expected": _d(204_000_000)},
        line="TB-01",
        amount=_d(1_000_000),
        trace=_MEDIAN_TRACE,
    ),
    "ARITH-FEE-RATE": Example(
        """\
- id: QLDA
  method: norm
  fee: {item: quan_ly_du_an, category: infrastructure, base_lines: [TB-01]}
  stated: {rate_percent: 3.5}""",
        {"stated": _d("3.5"), "expected": _d("2.644")},
        line="QLDA",
    ),
    "ARITH-SOFTWARE": Example(
        """\
- {id: PM-01, component: phan_mem_noi_bo, method: calculation,
   software: software-portal.yaml, stated: {amount: 1}}""",
        {"stated": _d(1), "expected": _d(201_356_785), "instrument": "QĐ 671/QĐ-BTTTT"},
        line="PM-01",
        amount=_d(-201_356_784),
    ),
    "ARITH-QTY-PRICE": Example(
        """\
- {id: TB-01, quantity: 2, stated: {unit_price: 102000000, amount: 200000000}, ...}""",
        {
            "stated": _d(200_000_000),
            "quantity": _d(2),
            "unit_price": _d(102_000_000),
            "expected": _d(204_000_000),
        },
        line="TB-01",
        amount=_d(-4_000_000),
    ),
    "ARITH-VAT": Example(
        """\
stated: {amount: 204000000, vat_rate: 8, vat: 16000000}   # 8 % is 16,320,000""",
        {
            "stated": _d(16_000_000),
            "amount": _d(204_000_000),
            "rate": _d(8),
            "expected": _d(16_320_000),
        },
        line="TB-01",
        amount=_d(-320_000),
    ),
    "ARITH-TOTAL": Example(
        """\
stated: {amount: 204000000, vat_rate: 8, vat: 16320000, total: 220000000}""",
        {"stated": _d(220_000_000), "expected": _d(220_320_000)},
        case="line",
        line="TB-01",
        amount=_d(-320_000),
    ),
    "VAT-RATE": Example(
        """\
project: {date: 2025-09-15, ...}
lines:
  - {id: TB-02, vat: general, stated: {vat_rate: 10}, ...}   # 8 % from 2025-07-01""",
        {"stated": _d(10), "expected": _d(8), "category": "general"},
        case="rate",
        line="TB-02",
    ),
    "VAT-NOT-SUBJECT": Example(
        """\
- id: TB-03
  name: Bản quyền hệ điều hành máy chủ
  vat: software
  stated: {vat_rate: 0}        # write {vat_not_subject: true, vat: 0}""",
        {"stated": _d(0), "vat": None, "category": "software"},
        line="TB-03",
    ),
    "STRUCT-FEE-BASE": Example(
        """\
- {id: QLDA, component: quan_ly_du_an, method: norm,
   fee: {item: quan_ly_du_an, category: software, base_lines: [PM-01]}}   # DL-01 left out""",
        {
            "used": Decimal("482035330"),
            "derived": Decimal("549535330"),
            "difference": Decimal("-67500000"),
            "left_out": ("DL-01",),
            "added": (),
            "wrong_component": (),
            "other_part": (),
            "reason": "",
        },
        case="differs",
        line="QLDA",
        amount=Decimal("-67500000"),
    ),
    "STRUCT-FEE-BASE-OVERRIDE": Example(
        """\
- {id: QLDA, ..., fee: {item: quan_ly_du_an, category: software, base_lines: [PM-01],
   base_reason: "DL-01 do đơn vị tự thực hiện, đã có QLDA riêng"}}""",
        {
            "used": Decimal("482035330"),
            "derived": Decimal("549535330"),
            "difference": Decimal("-67500000"),
            "left_out": ("DL-01",),
            "added": (),
            "wrong_component": (),
            "other_part": (),
            "reason": "DL-01 do đơn vị tự thực hiện, đã có QLDA riêng",
        },
        line="QLDA",
        amount=Decimal("-67500000"),
    ),
    "STRUCT-FEE-ONE-PER-PART": Example(
        """\
- {id: QLDA, fee: {item: quan_ly_du_an, category: infrastructure, base_lines: [TB-01]}}
- {id: QLDA-2, fee: {item: quan_ly_du_an, category: infrastructure, base_lines: [TB-02]}}""",
        {"item": "quan_ly_du_an", "part": "infrastructure", "lines": ("QLDA", "QLDA-2")},
        line="QLDA-2",
    ),
    "STRUCT-FEE-OVERLAP": Example(
        """\
- {id: TV-02, fee: {item: tham_tra_bao_cao_ktkt, category: infrastructure}}   # 40/70/70 of 4, 5, 6
- {id: TV-03, fee: {item: tham_tra_du_toan, category: infrastructure}}        # table 6 again""",
        {
            "item": "tham_tra_du_toan",
            "other": "TV-02",
            "other_item": "tham_tra_bao_cao_ktkt",
            "part": "infrastructure",
            "tables": ("qd1688-6a",),
        },
        line="TV-03",
    ),
    "VAT-CATEGORY": Example(
        """\
- {id: PM-01, component: phan_mem_noi_bo, method: calculation, vat: general, ...}""",
        {"category": "general", "expected": ("software",), "component": "phan_mem_noi_bo"},
        case="category",
        line="PM-01",
    ),
    "STRUCT-FEE-PART": Example(
        """\
project: {project_kind: investment, document: ktkt_report, ...}
lines:   # TB-01..03 and DT-01 (infrastructure), PM-01 (software) …
  - {id: TV-01, fee: {item: lap_bao_cao_ktkt, category: software}, ...}   # no TV line for 'a'""",
        {
            "item": "lap_bao_cao_ktkt",
            "part": "infrastructure",
            "lines": ("TB-01", "TB-02", "TB-03", "DT-01"),
            "amount": Decimal("724000000"),
        },
        case="missing",
        amount=Decimal("724000000"),
    ),
    "STRUCT-REFERENCE-IN-TOTAL": Example(
        """\
project: {date: 2026-08-01, ...}    # NĐ 224/2026: % norms are a reference only
lines:
  - {id: QLDA, component: quan_ly_du_an, method: norm, fee: {...}}   # and no listed-method QLDA""",
        {"method": "norm", "amount": Decimal("4534520")},
        line="QLDA",
        amount=Decimal("4534520"),
    ),
    "COMPLETE-QLDA": Example(None, {}),
    "COMPLETE-CONSULTANCY": Example(
        """\
project: {project_kind: investment, document: ktkt_report, ...}
lines:
  - {id: TV-01, component: tu_van, fee: {item: lap_hsmt_danh_gia_hsdt_thiet_bi, ...}, ...}""",
        {"item": "lap_bao_cao_ktkt", "form": "ktkt_report"},
        case="item",
    ),
    "COMPLETE-SUPERVISION": Example(
        """\
- {id: TV-02, component: tu_van, name: Chi phí giám sát lắp đặt thiết bị, ...}   # satisfies it""",
        {},
    ),
    "COMPLETE-CONTINGENCY": Example(
        """\
contingency: {on: after_vat, rate_percent: 5}     # NĐ 73/2019: one coefficient""",
        {},
    ),
    "COMPLETE-PRICE-EVIDENCE": Example(
        """\
- {id: TB-01, method: quotation, quantity: 2, unit_price: 102000000}   # add basis: or quotes:""",
        {"unit_price": _d(102_000_000)},
        line="TB-01",
    ),
    "MARKET-QUOTES-FEW": Example(
        """\
- {id: TB-01, method: quotation, quotes: [{source: A, ...}, {source: B, ...}], pick: lowest, ...}""",
        {"count": 2, "expected": 3},
        line="TB-01",
    ),
    "MARKET-QUOTES-SPREAD": Example(
        """\
quotes: [{unit_price: 100000000}, {unit_price: 110000000}, {unit_price: 125000000}]""",
        {
            "spread": _d(25),
            "threshold": _d(20),
            "lowest": _d(100_000_000),
            "highest": _d(125_000_000),
        },
        line="TB-01",
    ),
    "MARKET-PRICE-FAR": Example(
        """\
quotes: [{unit_price: 100000000}, {unit_price: 102000000}, {unit_price: 104000000}]
pick: median
stated: {unit_price: 120000000}""",
        {
            "unit_price": _d(120_000_000),
            "median": _d(102_000_000),
            "distance": _d("17.65"),
            "threshold": _d(15),
        },
        line="TB-01",
    ),
    "MARKET-QUOTES-FEW-JUSTIFIED": Example(
        """\
- {id: TB-03, method: quotation, quotes: [{source: Nhà phân phối X, ...}], pick: lowest,
   quotes_reason: "Nhà phân phối độc quyền tại Việt Nam", ...}""",
        {"count": 1, "expected": 3, "reason": "Nhà phân phối độc quyền tại Việt Nam"},
        line="TB-03",
    ),
    "MARKET-EXPERT-RATE": Example(
        """\
project: {date: 2025-09-15, ...}     # consultant-salary-levels loaded: TT 004/2025/TT-BNV
lines:
  - id: TV-03
    component: tu_van
    method: expert
    expert: [{description: Chuyên gia phân tích nghiệp vụ, person_days: 20, day_rate: 3500000}]""",
        {
            "item": "Chuyên gia phân tích nghiệp vụ",
            "day_rate": _d(3_500_000),
            "ceiling": _d(2_692_308),
            "monthly": _d(70_000_000),
            "days": _d(26),
            "special": _d(4_038_462),
            "instrument": "TT 004/2025/TT-BNV Điều 3",
        },
        case="salary_level",
        line="TV-03",
        amount=_d(3_500_000),
    ),
    "MARKET-EVIDENCE-FAR": Example(
        """\
# ictcost check project.yaml --evidence price-register.yaml
# price-register.yaml
records:
  - {id: E1, item: Máy chủ, model: PowerEdge R760, unit: bộ, unit_price: 96000000,
     date: 2025-03-10, source: winning_bid, reference: QĐ 123/QĐ-UBND}
  - {id: E2, item: Máy chủ, model: Dell PowerEdge R760, unit: bộ, unit_price: 98000000,
     date: 2025-05-20, source: contract, reference: HĐ 45/2025/HĐ-CĐS}
# project.yaml
- {id: TB-01, model: Dell PowerEdge R760, unit: bộ, stated: {unit_price: 120000000}, ...}""",
        {
            "unit_price": _d(120_000_000),
            "median": _d(97_000_000),
            "distance": _d("23.71"),
            "threshold": _d(15),
            "count": 2,
            "matched_by": "model",
            "evidence": (
                "E1 (winning_bid, 2025-03-10): 96.000.000",
                "E2 (contract, 2025-05-20): 98.000.000",
            ),
        },
        line="TB-01",
        amount=_d(23_000_000),
    ),
    "MARKET-EVIDENCE-STALE": Example(
        """\
project: {date: 2025-09-15, ...}
# price-register.yaml: a record of 2024-06-01 (more than 12 months before), one valid to 2025-08-31
  - {id: E0, item: Máy chủ, model: PowerEdge R760, unit_price: 99000000, date: 2024-06-01, ...}
  - {id: Q7, ..., source: quotation, date: 2025-08-01, valid_until: 2025-08-31}""",
        {
            "stale": ("E0 (2024-06-01)",),
            "expired": ("Q7 (2025-08-01)",),
            "months": 12,
            "date": "2025-09-15",
            "used": 2,
        },
        line="TB-01",
    ),
    "DUP-LINE": Example(
        """\
- {id: TB-01, component: thiet_bi, name: Máy chủ ứng dụng, model: Dell PowerEdge R760, ...}
- {id: TB-09, component: thiet_bi, name: May chu ung dung, model: PowerEdge R760 (Dell), ...}
# not a duplicate: one model in another role (DUP-LINE-REPEATED)
- {id: TB-10, component: thiet_bi, name: Máy chủ cơ sở dữ liệu, model: Dell R760, ...}""",
        {
            "lines": ("TB-01", "TB-09"),
            "names": ("Máy chủ ứng dụng", "May chu ung dung"),
            "count": 2,
        },
        line="TB-01",
    ),
    "DUP-LINE-REPEATED": Example(
        """\
- {id: TB-01, component: thiet_bi, name: Máy tính cho UBND xã An Bình, model: HP ProDesk 400 G9, unit_price: 15000000, ...}
- {id: TB-02, component: thiet_bi, name: Máy tính cho UBND xã An Hòa, model: HP ProDesk 400 G9, unit_price: 15000000, ...}
# … one line per commune, 30 in all""",
        {
            "lines": ("TB-01", "TB-02", "…", "TB-30"),
            "item": "Máy tính cho UBND xã An Bình",
            "count": 30,
        },
        line="TB-01",
    ),
    "DUP-PORTFOLIO-EQUIPMENT": Example(
        """\
# 02-csdl-dat-dai.yaml
- {id: TB-01, name: Máy chủ cơ sở dữ liệu, model: Dell PowerEdge R760, ...}
# 03-ioc-do-thi.yaml (the same model, however written: Dell R760, PowerEdge R760 (Dell) …)
- {id: TB-01, name: Máy chủ xử lý dữ liệu IOC, model: Dell PowerEdge R760, ...}""",
        {
            "item": "Dell PowerEdge R760",
            "count": 2,
            "estimates": ("Cơ sở dữ liệu đất đai tỉnh", "Trung tâm IOC"),
            "where": ("Cơ sở dữ liệu đất đai tỉnh (TB-01)", "Trung tâm IOC (TB-01)"),
        },
        line="TB-01",
    ),
    "DUP-PORTFOLIO-FUNCTION": Example(
        None,
        {"count": 2, "estimates": ("A", "B"), "functions": ("Nộp hồ sơ trực tuyến",)},
    ),
    "DUP-SHARED-SERVICE": Example(
        """\
project:
  shared_services: [Trung tâm dữ liệu tỉnh]
lines:
  - {id: K-01, name: Thuê chỗ đặt máy chủ tại Trung tâm dữ liệu tỉnh, ...}""",
        {
            "name": "Thuê chỗ đặt máy chủ tại Trung tâm dữ liệu tỉnh",
            "service": "Trung tâm dữ liệu tỉnh",
        },
        line="K-01",
    ),
    "PROC-DIRECT-LIMIT": Example(
        """\
project: {date: 2025-09-15, ...}
packages:
  - {id: G1, kind: goods, selection: direct_appointment, value: 2500000000}""",
        {
            "package": "G1",
            "value": _d(2_500_000_000),
            "limit": _d(2_000_000_000),
            "row": "non_consulting_in_project",
            "date": "2025-09-15",
        },
        case="given",
        amount=_d(500_000_000),
    ),
    "PROC-EXEMPTION-GROUND": Example(
        """\
project: {date: 2025-09-15, ...}
packages:
  - {id: G1, kind: goods, selection: direct_appointment, value: 2500000000,
     exemption: "Gói thầu cấp bách theo chỉ đạo của UBND tỉnh"}   # not a case of Điều 78
  - {id: G2, kind: goods, selection: direct_appointment, value: 2500000000,
     exemption: k3_c}                                             # Điều 78 khoản 3 điểm c""",
        {
            "package": "G1",
            "exemption": "Gói thầu cấp bách theo chỉ đạo của UBND tỉnh",
            "date": "2025-09-15",
            "known": ("k1_a", "k1_b", "…", "k3_c", "k3_d", "k5_a", "…", "k6", "k7"),
        },
        case="unknown",
    ),
    "PROC-SPLIT": Example(
        """\
contingency: {on: after_vat, rate_percent: 5}
packages:   # after-VAT lines + 5 % contingency share
  - {id: G-01, kind: goods, selection: direct_appointment, lines: [TB-01]}   # 924,480,000 + 46,224,000
  - {id: G-02, kind: goods, selection: direct_appointment, lines: [TB-02]}   # 941,760,000 + 47,088,000
  - {id: G-03, kind: goods, selection: direct_appointment, lines: [TB-03]}   # 760,320,000 + 38,016,000""",
        {
            "packages": ("G-01", "G-02", "G-03"),
            "values": ("970704000", "988848000", "798336000"),
            "limit": _d(2_000_000_000),
            "total": _d(2_757_888_000),
            "row": "non_consulting_in_project",
            "causes": ("kind",),
            "kind": "goods",
        },
        case="kind",
        amount=_d(2_757_888_000),
    ),
    "CLASS-GROUP": Example(None, {"group": "group_c", "total": _d(220_320_000), "stated": False}),
    "CLASS-GROUP-STATED": Example(
        """\
project: {group: group_b, ...}      # total 1,513,045,024: group C""",
        {"stated": "group_b", "group": "group_c", "total": Decimal("1513045024")},
    ),
    "CLASS-DESIGN": Example(
        """\
project: {project_kind: investment, document: ktkt_report, date: 2025-09-15, ...}       # total 22,032,000,000""",
        {
            "total": _d(22_032_000_000),
            "ceiling": _d(15_000_000_000),
            "regime": "nd73_2019",
            "allowance_asked": False,
        },
        amount=_d(7_032_000_000),
    ),
    "CLASS-WARRANTY": Example(
        """\
project: {date: 2026-03-15, warranty_months: 6, ...}     # group C""",
        {"months": 6, "minimum": _d(12), "group": "group_c"},
    ),
    "INDEP-SAME-ORG": Example(
        """\
project:
  preparer: Trung tâm CĐS tỉnh
  reviewer: trung tâm CĐS tỉnh""",
        {"organisation": "trung tâm CĐS tỉnh", "preparer": "Trung tâm CĐS tỉnh"},
        case="reviewer",
    ),
    "STAGE-CEILING": Example(
        """\
policy: {total: 1300000000, decision: {number: 12/NQ-HĐND, date: 2025-03-10}}
approval: {total: 1362308498, decision: {number: 210/QĐ-STP, date: 2025-05-30}, ...}""",
        {
            "value": _d(1_362_308_498),
            "ceiling": _d(1_300_000_000),
            "adjusted_by": None,
            "excess": _d(62_308_498),
        },
        case="approval_over_policy",
        amount=_d(62_308_498),
    ),
    "STAGE-PLAN-BUDGET": Example(
        """\
plan: {budget: 1200000000, ...}
policy: {total: 1300000000, ...}""",
        {"stage": "policy", "value": _d(1_300_000_000), "budget": _d(1_200_000_000)},
        amount=_d(100_000_000),
    ),
    "STAGE-APPROVED-TOTAL": Example(
        """\
approval: {total: 1400000000, estimate: estimate.yaml, ...}   # recomputes to 1,362,308,498""",
        {"approved": _d(1_400_000_000), "recomputed": _d(1_362_308_498)},
        amount=_d(37_691_502),
    ),
    "STAGE-ITEM-ADDED": Example(
        """\
contracts:
  - id: HD-02
    items: [{name: Máy chủ lưu trữ mạng NAS 4 ổ đĩa, amount: 105000000}, ...]""",
        {"item": "Máy chủ lưu trữ mạng NAS 4 ổ đĩa", "where": "HD-02"},
        case="contract",
        amount=_d(105_000_000),
    ),
    "STAGE-ITEM-DROPPED": Example(
        """\
selection_plan:
  packages: [{id: GT-03, lines: [PM-01], ...}]   # DT-01 of the estimate in no package""",
        {"item": "DT-01", "name": "Đào tạo sử dụng phần mềm quản lý văn bản"},
        case="not_planned",
        line="DT-01",
    ),
    "STAGE-PACKAGE-PRICE": Example(
        """\
selection_plan:
  packages: [{id: GT-02, lines: [TB-01, TB-02, TB-03, LD-01], price: 1100000000, ...}]""",
        {
            "package": "GT-02",
            "price": _d(1_100_000_000),
            "estimate": _d(1_033_956_000),
            "lines": _d(984_720_000),
            "contingency": _d(49_236_000),
        },
        case="above_estimate",
        amount=_d(66_044_000),
    ),
    "STAGE-CONTRACT-PRICE": Example(
        """\
contracts: [{id: HD-02, package: GT-02, value: 1120000000, ...}]   # GT-02 priced 1,100,000,000""",
        {
            "contract": "HD-02",
            "package": "GT-02",
            "value": _d(1_120_000_000),
            "price": _d(1_100_000_000),
            "adjusted_by": None,
        },
        case="above_package",
        amount=_d(20_000_000),
    ),
    "STAGE-CONTRACT-TYPE": Example(
        """\
contracts: [{id: HD-03, package: GT-03, type: fixed_unit_price, ...}]   # planned lump_sum""",
        {
            "contract": "HD-03",
            "package": "GT-03",
            "planned": "lump_sum",
            "signed": "fixed_unit_price",
        },
    ),
    "STAGE-PAYMENT": Example(
        """\
contracts: [{id: HD-02, value: 1120000000, advance_percent: 20, ...}]
payments: [{contract: HD-02, kind: advance, amount: 672000000, ...}]""",
        {
            "contract": "HD-02",
            "advance": _d(672_000_000),
            "limit": _d(224_000_000),
            "percent": _d(20),
            "source": "contract",
        },
        case="advance_over_limit",
        amount=_d(448_000_000),
    ),
    "STAGE-ADVANCE-GUARANTEE": Example(
        """\
contracts: [{id: HD-02, value: 1120000000, ...}]   # no advance_guarantee
payments: [{contract: HD-02, kind: advance, date: 2025-10-01, amount: 1120000000, ...}]""",
        {
            "contract": "HD-02",
            "advance": _d(1_120_000_000),
            "source": "paid",
            "threshold": _d(1_000_000_000),
            "date": "2025-10-01",
        },
        case="missing",
        amount=_d(1_120_000_000),
    ),
    "STAGE-SETTLEMENT": Example(
        """\
settlement: {contracts: {HD-02: 1150000000}, ...}   # contract value 1,120,000,000""",
        {"contract": "HD-02", "settled": _d(1_150_000_000), "value": _d(1_120_000_000)},
        case="over_contract",
        amount=_d(30_000_000),
    ),
    "STAGE-SETTLEMENT-TIME": Example(
        """\
policy: {group: group_c, ...}
settlement: {handed_over: 2025-10-15, filed: 2026-03-02, ...}   # 4 months for group C""",
        {
            "start": "2025-10-15",
            "end": "2026-03-02",
            "deadline": "2026-02-15",
            "limit": _d(4),
            "unit": "months",
            "date": "2026-03-02",
            "limit_date": "2025-10-15",
        },
        case="filing",
    ),
    "STAGE-DATES": Example(
        """\
contracts:
  - {id: HD-03, signed: 2025-07-25, result: {number: 240/QĐ-STP, date: 2025-07-28}, ...}""",
        {
            "earlier": "240/QĐ-STP",
            "earlier_date": "2025-07-28",
            "later": "HD-03",
            "later_date": "2025-07-25",
        },
        case="contract_before_result",
    ),
    "STAGE-SAME-PARTY": Example(
        """\
contracts:
  - {id: HD-01, contractor: {name: Công ty CP Công nghệ Minh Long, tax_code: "0109876543"},
     services: {bidding_documents: [GT-02]}, ...}
  - {id: HD-02, package: GT-02, contractor: {name: Minh Long, tax_code: "0109876543"}, ...}""",
        {
            "organisation": "Công ty CP Công nghệ Minh Long",
            "contract": "HD-02",
            "other": "HD-01",
            "services": ("bidding_documents",),
        },
        case="consultant",
    ),
    "STAGE-NOT-CHECKED": Example(
        """\
approval: {total: 1362308498, decision: {...}}   # no estimate file named""",
        {"dossier": "stp-qlvb-2025"},
        case="no_estimate",
    ),
    "STAGE-REPEAT-BUY": Example(
        """\
# two dossiers, StageConfig(repeat_years=3)
contracts: [{id: HD-02, signed: 2027-08-25,
             items: [{name: Máy tính để bàn, model: Dell OptiPlex 7010 Tower}]}]""",
        {
            "item": "Máy tính để bàn",
            "dossier": "snv-2027",
            "contract": "HD-02",
            "date": "2027-08-25",
            "earlier_dossier": "stp-qlvb-2025",
            "earlier_contract": "HD-02",
            "earlier_date": "2025-08-25",
            "years": 3,
        },
    ),
    "STAGE-REPEAT-NOT-RUN": Example(
        """\
# check_dossiers([...]) without StageConfig(repeat_years=...)""",
        {"dossiers": 2},
    ),
}
"""One example per rule code (a test fails for a code without one)."""

_INTRO = """\
# Appraisal checks

<!-- Generated from the rule registry (ictcost.checks.RULES) by docs/hooks/checks_page.py:
     edit the rules' docstrings, the catalogue (src/ictcost/report/messages/checks.py) or the hook,
     then run `python docs/hooks/checks_page.py`. -->

`ictcost check` (and the functions `ictcost.checks.check` and `ictcost.checks.check_portfolio`)
recomputes an estimate with the norms in force on its date and compares every figure the
estimate **states** (the `stated:` blocks of the lines and of the project) with the
recomputation; it then screens the estimate for missing items, weak price evidence, duplicates,
procurement and classification problems. A check never raises for a questionable estimate:
everything it finds is a **finding** with a stable code, a severity, typed details, a location,
the norm values it rests on, a message in Vietnamese and in English, and the legal basis of the
rule. The messages are written from the details by ictcost's one renderer; a tool should read the
code, the location and the details, never the text.

| Severity | Meaning | Exit status of `ictcost check` |
| --- | --- | --- |
| `error` | the estimate is wrong | 1 if there is at least one |
| `warning` | questionable: look at it | 0 |
| `info` | for the record | 0 |

The command exits with status 2 when the project file cannot be read at all (missing file,
invalid YAML or JSON, a field that fails validation); a file that reads but whose estimate cannot
be computed gives the finding [`INPUT-UNREADABLE`](#input-unreadable) instead. With `--json` it
prints one document `{{"schema_version": "2", "findings": [...]}}` (schema: `docs/schema/findings.schema.json`) whose findings have the keys {keys}.

```console
ictcost check examples/portal-project.yaml --pack examples/pack
ictcost check examples/portfolio/01-mot-cua-huyen.yaml --portfolio examples/portfolio --json
```

A submitted estimate states its figures beside the inputs the engine needs:

```yaml
lines:
  - id: TB-01
    component: thiet_bi
    name: Máy chủ ứng dụng
    method: quotation
    vat: it_goods_services
    quantity: 2
    quotes: [...]
    pick: median
    stated: {{unit_price: 102000000, amount: 204000000, vat_rate: 8, vat: 16320000, total: 220320000}}
stated:   # the project's totals, as submitted
  amount: 204000000
  vat: 16320000
  total: 220320000
  components: {{thiet_bi: 220320000}}
```

Thresholds are in `ictcost.checks.CheckConfig`: {thresholds}. The screening thresholds are
ictcost's defaults, not legal numbers.

The sample portfolio in `examples/portfolio` (see its `README.md`) plants one problem per rule
family and lists the finding that catches each.

**Anchors.** Each code has its own section below; its heading is the code and its anchor is the
code in lower case (`#arith-vat` for `ARITH-VAT`), so `checks/#<code-lowercase>` links to it. Codes
are never renamed; a test keeps this page and `ictcost.checks.RULES` in step (one section per
code).
"""


def _link(match: re.Match[str]) -> str:
    code = match.group(1)
    return f"[`{code}`](#{code.lower()})" if code in RULES else match.group(0)


def _linked(text: str) -> str:
    return _CODE_REF.sub(_link, text)


def _what_it_checks(doc: str) -> str:
    """The docstring without its summary line (the body says what the rule checks)."""
    parts = doc.split("\n\n", 1)
    return _linked(parts[1] if len(parts) == 2 else parts[0])


def _thresholds() -> str:
    return ", ".join(f"`{f.name}` ({f.default})" for f in dataclasses.fields(CheckConfig))


def sample(code: str) -> Finding:
    """Return the sample finding of a rule's example, rendered by ictcost.

    Raises:
        KeyError: the code has no example.
    """
    ex = EXAMPLES[code]
    hit = Hit(ex.params, case=ex.case, line=ex.line, amount=ex.amount, trace=ex.trace)
    estimate = "portfolio" if RULES[code].needs in ("portfolio", "dossiers") else "P"
    return RULES[code].finding(hit, estimate=estimate)


def _quote(text: str) -> list[str]:
    return [f"> {text}"]


def _section(code: str) -> list[str]:
    r = RULES[code]
    ex = EXAMPLES[code]
    out = [
        f"## {code} {{#{code.lower()}}}",
        "",
        f"**Severity:** {r.severity} · *{r.title_vi}* — {r.title_en}.",
        "",
        f"**What it checks.** {_what_it_checks(r.doc)}",
        "",
        f"**Legal basis.** {r.basis}",
        "",
    ]
    if r.cases:
        cases = ", ".join(f"`{c}`" for c in r.cases)
        out += [f"**Cases.** {cases} (the finding's `case`; one message each).", ""]
    out += ["**Example.**", ""]
    if ex.yaml is not None:
        out += ["```yaml", ex.yaml, "```", ""]
    finding = sample(code)
    out += [*_quote(str(finding)), ">", *_quote(f"*{finding.message_vi}*"), ""]
    return out


def render_page() -> str:
    """Return the whole page: the introduction, the summary table, one section per rule."""
    keys = ", ".join(f"`{k}`" for k in (*Finding.model_fields, *Finding.model_computed_fields))
    lines = [_INTRO.format(keys=keys, thresholds=_thresholds()).rstrip(), ""]
    lines += ["| Code | Severity | Title |", "| --- | --- | --- |"]
    lines += [f"| [`{c}`](#{c.lower()}) | {r.severity} | {r.title_en} |" for c, r in RULES.items()]
    lines.append("")
    for code in RULES:
        lines += _section(code)
    return "\n".join(lines).rstrip() + "\n"


def on_page_markdown(markdown: str, *, page: Page, **_kwargs: Any) -> str:
    """Serve the generated text for ``checks.md`` (mkdocs hook)."""
    if page.file.src_uri == SRC_URI:
        return render_page()
    return markdown


def main() -> int:
    """Write ``docs/checks.md``; with ``--check``, exit 1 when the committed page is stale."""
    text = render_page()
    if "--check" in sys.argv[1:]:
        return 0 if PAGE.read_text(encoding="utf-8") == text else 1
    PAGE.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
