"""The appraisal checks: every rule code triggered and not triggered, properties, the CLI.

Each rule of :data:`ictcost.checks.RULES` has at least one *triggering* case and one *clean* case
below (small projects built with ``load_project``). ``test_every_rule_has_a_triggering_case``
iterates over ``RULES``, so a new rule without a test fails here.

Dates are chosen where the needed norm data exists: VAT from 2024-07-01, direct-appointment
limits from 2025-08-04 (500 triệu / 800 triệu / 2 tỷ; from 2026-09-09: 1 / 3 / 5 tỷ), warranty
minimums from 2026-03-01, project groups from 2025-01-01.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ictcost._version import SCHEMA_VERSION
from ictcost.checks import RULES, CheckConfig, Finding, FindingsReport, check, check_portfolio
from ictcost.cli import app
from ictcost.estimate import ProjectInput, compute_estimate, load_project
from ictcost.inputs import EvidenceRegister, load_evidence
from ictcost.norms.cited import Origin
from ictcost.norms.loader import load_table_text
from ictcost.norms.registry import NormRegistry
from ictcost.regimes import regime_on

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
DATE = "2025-09-15"  # NĐ 73/2019 regime; VAT 8 % (IT goods disputed 8/10 %); limits 2 tỷ
TOL = CheckConfig().amount_tolerance


# --- builders -----------------------------------------------------------------------------------


def project(
    lines: Sequence[dict[str, Any]],
    *,
    date: str = DATE,
    form: str = "purchase",
    name: str = "P",
    contingency: dict[str, Any] | None = None,
    stated: dict[str, Any] | None = None,
    packages: Sequence[dict[str, Any]] = (),
    **meta: Any,
) -> ProjectInput:
    data: dict[str, Any] = {
        "project": {"name": name, "date": date, "form": form, **meta},
        "lines": list(lines),
        "packages": list(packages),
    }
    if contingency is not None:
        data["contingency"] = contingency
    if stated is not None:
        data["stated"] = stated
    return load_project(data)


QUOTES = (
    {"source": "Công ty A", "unit_price": 100_000_000},
    {"source": "Công ty B", "unit_price": 102_000_000},
    {"source": "Công ty C", "unit_price": 104_000_000},
)


def server(**changes: Any) -> dict[str, Any]:
    """Two servers, three close quotations, median 102,000,000: amount 204,000,000."""
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


def switch(**changes: Any) -> dict[str, Any]:
    """A second, different equipment line (unit price with its basis)."""
    return {
        "id": "TB-02",
        "component": "thiet_bi",
        "name": "Thiết bị chuyển mạch lõi",
        "method": "quotation",
        "vat": "general",
        "unit": "chiếc",
        "quantity": 1,
        "unit_price": 150_000_000,
        "basis": "Báo giá số 12/BG",
        "model": "Cisco C9300-48T",
    } | changes


def licence(**changes: Any) -> dict[str, Any]:
    """Software licences: not subject to VAT from 2025-07-01."""
    return {
        "id": "TB-03",
        "component": "thiet_bi",
        "name": "Bản quyền hệ điều hành máy chủ",
        "method": "quotation",
        "vat": "software",
        "quantity": 2,
        "unit_price": 38_000_000,
        "basis": "Báo giá nhà phân phối",
    } | changes


def training(**changes: Any) -> dict[str, Any]:
    return {
        "id": "DT-01",
        "component": "dao_tao",
        "name": "Đào tạo quản trị hệ thống",
        "method": "expert",
        "vat": "general",
        "expert": [{"description": "Giảng viên", "person_days": 4, "day_rate": 2_500_000}],
    } | changes


def qlda(**changes: Any) -> dict[str, Any]:
    return {
        "id": "QLDA",
        "component": "quan_ly_du_an",
        "name": "Chi phí quản lý dự án",
        "method": "norm",
        "vat": "not_applicable",
        "fee": {"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": ["TB-01"]},
    } | changes


def consultancy(**changes: Any) -> dict[str, Any]:
    return {
        "id": "TV-01",
        "component": "tu_van",
        "name": "Chi phí lập hồ sơ mời thầu, đánh giá hồ sơ dự thầu",
        "method": "norm",
        "vat": "general",
        "fee": {
            "item": "lap_hsmt_danh_gia_hsdt_thiet_bi",
            "category": "infrastructure",
            "base_lines": ["TB-01"],
        },
    } | changes


def other(**changes: Any) -> dict[str, Any]:
    return {
        "id": "K-01",
        "component": "chi_phi_khac",
        "name": "Chi phí thẩm định giá",
        "method": "fixed",
        "vat": "general",
        "amount": 12_000_000,
        "basis": "Hợp đồng thẩm định giá số 5/HĐ",
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
OTHER_SOFTWARE: dict[str, Any] = SOFTWARE | {
    "use_cases": [
        {"name": "Quản lý kho vật tư", "bmt": "B", "transactions": 6},
        {"name": "Lập kế hoạch bảo trì thiết bị", "bmt": "M", "complexity": "simple"},
    ]
}


def software(**changes: Any) -> dict[str, Any]:
    return {
        "id": "PM-01",
        "component": "phan_mem_noi_bo",
        "name": "Phần mềm một cửa điện tử",
        "method": "calculation",
        "vat": "software",
        "software": SOFTWARE,
    } | changes


def package(pid: str, value: int | None, **changes: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "kind": "goods",
        "selection": "direct_appointment",
        "value": value,
    } | changes


def ours(p: ProjectInput, line_id: str) -> Any:
    """The engine's own figures of a line (to state correct figures in a clean case)."""
    return compute_estimate(p, registry=REG, base_dir=EXAMPLES, lenient_methods=True).line(line_id)


def restate(p: ProjectInput, *, totals: bool = True) -> ProjectInput:
    """Write ictcost's own figures back as the ``stated`` figures of the project."""
    e = compute_estimate(p, registry=REG, base_dir=EXAMPLES, lenient_methods=True)
    data = p.model_dump(mode="python")
    for ln in data["lines"]:
        r = e.line(ln["id"])
        s: dict[str, Any] = {"amount": r.amount, "vat": r.vat, "total": r.total}
        if r.vat_treatment == "taxable":
            s["vat_rate"] = r.vat_rate
        elif r.vat_treatment == "not_subject":
            s["vat_not_subject"] = True
        if r.rate_percent is not None:
            s["rate_percent"] = r.rate_percent
        if r.quantity is not None and r.unit_price is not None:
            s["unit_price"] = r.unit_price
        ln["stated"] = s
    if totals:
        data["stated"] = {
            "amount": e.amount,
            "vat": e.vat,
            "total": e.total,
            "contingency": e.contingency.total if e.contingency else None,
            "components": {c.key: c.total for c in e.components},
        }
    return load_project(data)


def with_stated(p: ProjectInput, **stated: Any) -> ProjectInput:
    """The project with changed project-level stated totals."""
    data = p.model_dump(mode="python")
    data["stated"] = (data.get("stated") or {}) | stated
    return load_project(data)


# --- the cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One scenario: a builder of one project (``check``) or several (``check_portfolio``)."""

    label: str
    build: Callable[[], ProjectInput | list[ProjectInput]]
    config: CheckConfig = field(default_factory=CheckConfig)
    evidence: EvidenceRegister | None = None
    registry: NormRegistry = REG

    def findings(self) -> list[Finding]:
        built = self.build()
        if isinstance(built, list):
            return check_portfolio(
                built,
                registry=self.registry,
                base_dirs=[EXAMPLES] * len(built),
                config=self.config,
                evidence=self.evidence,
            )
        return check(
            built,
            registry=self.registry,
            base_dir=EXAMPLES,
            config=self.config,
            evidence=self.evidence,
        )

    def codes(self) -> set[str]:
        return {f.code for f in self.findings()}


def _p(*lines: dict[str, Any], **kw: Any) -> Callable[[], ProjectInput]:
    return lambda: project(lines, **kw)


def _restated(*lines: dict[str, Any], **kw: Any) -> Callable[[], ProjectInput]:
    return lambda: restate(project(lines, **kw))


def _fee_rate_product() -> ProjectInput:
    # QLDA of the infrastructure part in a KTKT report: 1a 2.644 % × 0.84 = 2.22096 %
    return project(
        [server(), qlda(stated={"rate_percent": "2.644", "rate_multiplier": "0.84"})], form="ktkt"
    )


def _fee_rate_in_amount() -> ProjectInput:
    p = project([server(), qlda()], form="ktkt")
    amount = ours(p, "QLDA").amount
    return project(
        [server(), qlda(stated={"rate_percent": "2.644", "amount": amount})], form="ktkt"
    )


def _fee_rate_ok() -> ProjectInput:
    p = project([server(), qlda()])
    rate = ours(p, "QLDA").rate_percent
    return project([server(), qlda(stated={"rate_percent": rate})])


_DERIVED_QLDA = {"item": "quan_ly_du_an", "category": "infrastructure"}

_DATA = {
    "id": "DL-01",
    "component": "tao_lap_du_lieu",
    "name": "Số hóa hồ sơ",
    "method": "expert",
    "vat": "it_goods_services",
    "expert": [{"description": "Nhập liệu", "person_days": 50, "day_rate": 1_000_000}],
}


def _fee_line(fid: str, item: str) -> dict[str, Any]:
    """A consultancy fee line of the infrastructure part on its derived base."""
    return consultancy(id=fid, name=item, fee={"item": item, "category": "infrastructure"})


def _expert_qlda(**changes: Any) -> dict[str, Any]:
    """Project management by an expert estimate (a listed method under NĐ 45/224)."""
    return {
        "id": "QLDA-CG",
        "component": "quan_ly_du_an",
        "name": "Chi phí quản lý dự án (ước tính chuyên gia)",
        "method": "expert",
        "vat": "not_applicable",
        "expert": [{"description": "Cán bộ quản lý", "person_days": 40, "day_rate": 900_000}],
    } | changes


_SALARY_LEVELS = """\
id: consultant-salary-levels
title: {vi: "Mức lương chuyên gia tư vấn (kiểm thử)"}
instrument: {number: "004/2025/TT-BNV", issuer: "Bộ Nội vụ"}
kind: threshold_set
unit: vnd
last_verified: 2026-12-01
sources: {T: {title: "test figures (see tests/test_plausibility.py for the cited table)", kind: inference}}
versions:
  - valid_from: 2025-07-01
    basis: "TT 004/2025/TT-BNV Điều 3"
    columns:
      - {key: monthly_max, label: {vi: "Mức lương tối đa"}}
      - {key: working_days, label: {vi: "Số ngày làm việc"}}
    rows:
      - {key: level_1, values: {monthly_max: {value: 70000000, source: [T], confidence: single}}}
      - {key: month, values: {working_days: {value: 26, source: [T], confidence: single}}}
"""
_REFERENCE_RANGES = """\
id: reference-ranges
title: {vi: "Khoảng tham chiếu (kiểm thử)"}
instrument: {number: "test", issuer: "test"}
kind: price_list
unit: vnd
last_verified: 2026-12-01
sources: {R: {title: "test figures", kind: practice}}
versions:
  - valid_from: 2025-01-01
    columns:
      - {key: measure, label: {vi: "Đại lượng"}}
      - {key: components, label: {vi: "Khoản mục"}}
      - {key: high, label: {vi: "Cao nhất"}}
    rows:
      - key: training-day
        values:
          measure: {value: expert_day_rate, source: [R], confidence: single}
          components: {value: [dao_tao], source: [R], confidence: single}
          high: {value: 2000000, source: [R], confidence: single}
"""


def _with_tables(registry: NormRegistry, *texts: str) -> NormRegistry:
    """The registry with test tables added (in memory, no pack folder)."""
    tables = {tid: (registry.table(tid), registry.origin(tid)) for tid in registry}
    for text in texts:
        table = load_table_text(text, "test.yaml")
        tables[table.id] = (table, Origin(pack="test", path=f"{table.id}.yaml"))
    return NormRegistry(tables)


REFERENCE_REG = _with_tables(REG, _SALARY_LEVELS, _REFERENCE_RANGES)
EVIDENCE = load_evidence(
    [
        {
            "id": "E1",
            "item": "Máy chủ",
            "model": "PowerEdge R760",
            "unit": "bộ",
            "unit_price": 96_000_000,
            "date": "2025-03-10",
            "source": "winning_bid",
        },
        {
            "id": "E2",
            "item": "Máy chủ",
            "model": "Dell PowerEdge R760",
            "unit": "bộ",
            "unit_price": 98_000_000,
            "date": "2025-05-20",
            "source": "contract",
        },
        {
            "id": "E0",
            "item": "Máy chủ",
            "model": "PowerEdge R760",
            "unit": "bộ",
            "unit_price": 99_000_000,
            "date": "2024-06-01",
            "source": "contract",
        },
    ]
)
FRESH_EVIDENCE = EvidenceRegister(records=EVIDENCE.records[:2])
_TECHNICAL_MAX = {f"T{i}": 5 for i in range(1, 14)}
_ENV_EXTREME = {"E1": 5, "E2": 0, "E3": 5, "E4": 0, "E5": 5, "E6": 5, "E7": 0, "E8": 0}
_ENV_LOWEST = {f"E{i}": 0 for i in range(1, 7)} | {"E7": 3, "E8": 3}
_ENV_HIGHEST = {"E1": 3, "E2": 5, "E3": 4, "E4": 5, "E5": 4, "E6": 2, "E7": 2, "E8": 2}


def _ucp(**inputs: Any) -> Callable[[], ProjectInput]:
    return _p(software(software=SOFTWARE | inputs))


def _ucp_portfolio(*rates: int) -> Callable[[], list[ProjectInput]]:
    return lambda: [
        project([software(software=SOFTWARE | {"labour_rate": rate})], name=f"P{i}")
        for i, rate in enumerate(rates)
    ]


PLAUSIBILITY_TRIGGERS: dict[str, list[Case]] = {
    "MARKET-QUOTES-FEW-JUSTIFIED": [
        Case(
            "one quotation, sole distributor",
            _p(server(quotes=list(QUOTES[:1]), quotes_reason="Nhà phân phối độc quyền")),
        ),
    ],
    "MARKET-EXPERT-RATE": [
        Case(
            "QLDA expert at 3.5 million a day: above 70,000,000 / 26",
            _p(
                _expert_qlda(
                    expert=[
                        {"description": "Tư vấn trưởng", "person_days": 10, "day_rate": 3_500_000}
                    ]
                )
            ),
            registry=REFERENCE_REG,
        ),
        Case(
            "training at 2.5 million a day: above the user's 2 million",
            _p(training()),
            registry=REFERENCE_REG,
        ),
    ],
    "MARKET-EVIDENCE-FAR": [
        Case(
            "stated 120 million, evidence median 97 million (model R760)",
            _p(server(stated={"unit_price": 120_000_000})),
            evidence=EVIDENCE,
        ),
    ],
    "MARKET-EVIDENCE-STALE": [
        Case(
            "a 2024-06-01 contract, more than 12 months before",
            _p(server(stated={"unit_price": 97_000_000})),
            evidence=EVIDENCE,
        ),
    ],
    "METHOD-UCP-INPUTS": [
        Case("every technical factor at 5", _ucp(technical=_TECHNICAL_MAX)),
        Case("every environmental factor at 0 or 5", _ucp(environmental=_ENV_EXTREME)),
        Case("ES 0: E1–E6 rated 0", _ucp(environmental=_ENV_LOWEST)),
        Case("ES 5.2: the highest the weights allow", _ucp(environmental=_ENV_HIGHEST)),
    ],
    "METHOD-UCP-OUTLIER": [
        Case(
            "six software lines, one at four times the labour rate",
            _ucp_portfolio(60_000, 61_250, 62_000, 63_000, 64_000, 250_000),
        ),
    ],
}
PLAUSIBILITY_CLEAN: dict[str, list[Case]] = {
    "MARKET-QUOTES-FEW-JUSTIFIED": [
        Case("three quotations and a reason", _p(server(quotes_reason="ít nhà cung cấp"))),
        Case("two quotations, no reason (a warning instead)", _p(server(quotes=list(QUOTES[:2])))),
    ],
    "MARKET-EXPERT-RATE": [
        Case(
            "within the salary levels and the range",
            _p(
                _expert_qlda(),
                training(
                    expert=[{"description": "Giảng viên", "person_days": 4, "day_rate": 1_800_000}]
                ),
            ),
            registry=REFERENCE_REG,
        ),
        Case(
            "no reference table loaded",
            _p(
                training(
                    expert=[{"description": "Giảng viên", "person_days": 4, "day_rate": 9_000_000}]
                )
            ),
        ),
    ],
    "MARKET-EVIDENCE-FAR": [
        Case(
            "stated 99 million, evidence median 97 million",
            _p(server(stated={"unit_price": 99_000_000})),
            evidence=EVIDENCE,
        ),
        Case("no register", _p(server(stated={"unit_price": 120_000_000}))),
        Case(
            "another model (R650)",
            _p(server(model="Dell PowerEdge R650", stated={"unit_price": 120_000_000})),
            evidence=EVIDENCE,
        ),
    ],
    "MARKET-EVIDENCE-STALE": [
        Case(
            "only fresh evidence",
            _p(server(stated={"unit_price": 97_000_000})),
            evidence=FRESH_EVIDENCE,
        ),
        Case(
            "a 24-month window keeps the 2024 contract",
            _p(server(stated={"unit_price": 97_000_000})),
            evidence=EVIDENCE,
            config=CheckConfig(max_evidence_age_months=24),
        ),
    ],
    "METHOD-UCP-INPUTS": [Case("middling ratings", _p(software()))],
    "METHOD-UCP-OUTLIER": [
        Case("six close lines", _ucp_portfolio(60_000, 61_250, 62_000, 63_000, 64_000, 66_000)),
        Case("four lines: too few", _ucp_portfolio(60_000, 61_250, 62_000, 250_000)),
    ],
}


TRIGGERS: dict[str, list[Case]] = {
    "INPUT-UNREADABLE": [
        Case("date before every regime", _p(server(vat_rate=10), date="2019-06-01")),
        Case(
            "a detailed outline under NĐ 224 (no such document)",
            _p(
                server(),
                date="2026-08-01",
                form=None,
                project_kind="recurrent_task",
                document="detailed_outline",
            ),
        ),
    ],
    "INPUT-LINE": [
        Case("no unit price", _p(server(quotes=[], pick=None))),
        Case("quotes without a pick rule", _p(server(pick=None))),
        Case("date before every VAT table", _p(server(), date="2024-06-30")),
        Case(
            "contingency above its cap (the lines are still reviewed)",
            _p(server(), contingency={"on": "after_vat", "rate_percent": 9}),
        ),
    ],
    "NORM-NOT-IN-FORCE": [
        Case(
            "CV 2589 claimed when QĐ 671 is in force",
            _p(software(stated={"basis_instrument": "CV 2589/BTTTT-ƯDCNTT"})),
        ),
        Case(
            "computed by CV 2589 (software input of 2023) when QĐ 671 is in force",
            _p(software(software=SOFTWARE | {"date": "2023-06-01"})),
        ),
    ],
    "METHOD-NOT-ALLOWED": [
        Case(
            "expert estimate for equipment under NĐ 73",
            _p(server(method="expert", quotes=[], pick=None, expert=training()["expert"])),
        ),
        Case(
            "expert estimate for training under NĐ 45",
            _p(server(), training(), date="2026-03-15"),
        ),
    ],
    "METHOD-REFERENCE-ONLY": [
        Case("QĐ 1688 % norm under NĐ 45/2026", _p(server(), qlda(), date="2026-03-15")),
        Case("QĐ 1688 % norm under NĐ 224/2026", _p(server(), qlda(), date="2026-08-01")),
    ],
    "METHOD-FIXED-AMOUNT": [Case("fixed amount with its basis", _p(server(), other()))],
    "ARITH-LINE": [
        Case("stated amount off", _p(server(stated={"amount": 205_000_000}))),
        Case(
            "stated fee amount off",
            _p(server(), qlda(stated={"amount": 9_999_999})),
        ),
    ],
    "ARITH-FEE-RATE": [
        Case("stated rate off", _p(server(), qlda(stated={"rate_percent": "3.5"}))),
        Case(
            "table rate stated but the multiplier not applied in the amount (KTKT)",
            _p(server(), qlda(stated={"rate_percent": "2.644", "amount": 1}), form="ktkt"),
        ),
        Case(
            "a wrong multiplier (2.644 × 0.9)",
            _p(
                server(),
                qlda(stated={"rate_percent": "2.644", "rate_multiplier": "0.9"}),
                form="ktkt",
            ),
        ),
    ],
    "ARITH-SOFTWARE": [
        Case("stated G_PM off", _p(software(stated={"amount": 1}))),
    ],
    "ARITH-QTY-PRICE": [
        Case(
            "2 × 102,000,000 ≠ 200,000,000",
            _p(server(stated={"unit_price": 102_000_000, "amount": 200_000_000})),
        ),
    ],
    "ARITH-VAT": [
        Case(
            "204,000,000 × 8 % ≠ 16,000,000",
            _p(server(stated={"amount": 204_000_000, "vat_rate": 8, "vat": 16_000_000})),
        ),
    ],
    "ARITH-TOTAL": [
        Case(
            "line total ≠ amount + VAT",
            _p(
                server(
                    stated={
                        "amount": 204_000_000,
                        "vat_rate": 8,
                        "vat": 16_320_000,
                        "total": 220_000_000,
                    }
                )
            ),
        ),
        Case(
            "project amount ≠ sum of stated lines",
            lambda: with_stated(restate(project([server(), switch()])), amount=1_000),
        ),
        Case(
            "project VAT off",
            lambda: with_stated(restate(project([server(), switch()])), vat=1_000),
        ),
        Case(
            "project total off",
            lambda: with_stated(restate(project([server(), switch()])), total=1_000),
        ),
        Case(
            "component total off",
            lambda: with_stated(
                restate(project([server(), switch()])), components={"thiet_bi": 1_000}
            ),
        ),
        Case(
            "a component the regime does not have (NĐ 45 group under NĐ 73)",
            lambda: with_stated(
                restate(project([server(), switch()])), components={"trang_thiet_bi": 1_000}
            ),
        ),
        Case(
            "contingency off",
            lambda: with_stated(
                restate(project([server()], contingency={"on": "after_vat", "rate_percent": 5})),
                contingency=1_000,
            ),
        ),
    ],
    "VAT-RATE": [
        Case(
            "10 % on a general line at 8 % (2025-09-15)",
            _p(switch(stated={"vat_rate": 10})),
        ),
        Case(
            "8 % on IT goods at 10 % (2024-08-01, IT excluded from the reduction)",
            _p(server(stated={"vat_rate": 8}), date="2024-08-01"),
        ),
        Case(
            "8 % on a general line at 10 % (2027-02-01)",
            _p(switch(stated={"vat_rate": 8}), date="2027-02-01"),
        ),
        Case(
            "a taxable line shown as không chịu thuế",
            _p(switch(stated={"vat_not_subject": True})),
        ),
        Case(
            "VAT charged on a cost outside VAT",
            _p(server(), qlda(stated={"vat_rate": 8})),
        ),
    ],
    "VAT-NOT-SUBJECT": [
        Case("software shown at 0 %", _p(licence(stated={"vat_rate": 0}))),
        Case("software shown at 10 %", _p(licence(stated={"vat_rate": 10}))),
        Case("software with a VAT amount", _p(licence(stated={"vat": 7_600_000}))),
        Case(
            "internal software shown at 8 %",
            _p(software(stated={"vat_rate": 8})),
        ),
    ],
    "STRUCT-FEE-BASE": [
        Case("base_lines leave TB-02 out of the QLDA base", _p(server(), switch(), qlda())),
        Case(
            "a consultancy line inside the QLDA base",
            _p(
                server(),
                consultancy(),
                qlda(fee={**_DERIVED_QLDA, "base_lines": ["TB-01", "TV-01"]}),
            ),
        ),
        Case(
            "the after-VAT amount as base (2 × 102,000,000 × 1.08 = 220,320,000)",
            _p(server(), qlda(fee={**_DERIVED_QLDA, "base": 220_320_000})),
        ),
    ],
    "CLASS-GROUP-STATED": [
        Case("group B stated for a 220 million project", _p(server(), group="group_b")),
    ],
    "VAT-CATEGORY": [
        Case(
            "internal software taxed as general goods",
            _p(software(vat="general")),
        ),
        Case(
            "digitisation filed as general in a round where IT was excluded (2024-09-01: 8 % vs 10 %)",
            _p(
                server(vat="general"),
                {**_DATA, "vat": "general"},
                date="2024-09-01",
                group="group_c",
            ),
        ),
        Case("QLDA by the norm with VAT", _p(server(), qlda(vat="general"))),
        Case(
            "a licence bought as equipment at 8 %",
            _p(server(name="Bản quyền phần mềm diệt virus", vat="it_goods_services")),
        ),
    ],
    "STRUCT-FEE-ONE-PER-PART": [
        Case(
            "two QLDA lines for the infrastructure part",
            _p(
                server(),
                switch(),
                qlda(fee={**_DERIVED_QLDA, "base_lines": ["TB-01"]}),
                qlda(id="QLDA-2", fee={**_DERIVED_QLDA, "base_lines": ["TB-02"]}),
            ),
        )
    ],
    "STRUCT-FEE-OVERLAP": [
        Case(
            "thẩm tra dự toán beside the thẩm tra BCKTKT composite (table 6 twice)",
            _p(
                server(),
                _fee_line("TV-02", "tham_tra_bao_cao_ktkt"),
                _fee_line("TV-03", "tham_tra_du_toan"),
                form="ktkt",
            ),
        )
    ],
    "NORM-NOT-ENCODED": [
        Case(
            "no stated group before 2025 (groups not encoded)",
            _p(server(vat_rate=10), date="2024-03-01"),
        ),
        Case(
            "a direct appointment before 2025-08-04 (limits not encoded)",
            _p(
                server(),
                date="2025-07-15",
                packages=[package("G-01", None, lines=["TB-01"])],
            ),
        ),
    ],
    "STRUCT-FEE-BASE-OVERRIDE": [
        Case(
            "an override with its reason (info)",
            _p(
                server(),
                switch(),
                qlda(fee={**_DERIVED_QLDA, "base_lines": ["TB-01"], "base_reason": "TB-02 tặng"}),
            ),
        ),
    ],
    "STRUCT-FEE-PART": [
        Case(
            "the software part has no QLDA line",
            _p(server(), software(), qlda(fee=_DERIVED_QLDA)),
        ),
        Case(
            "TB-01 in two QLDA bases",
            _p(server(), qlda(), qlda(id="QLDA-2")),
        ),
    ],
    "STRUCT-REFERENCE-IN-TOTAL": [
        Case(
            "a QĐ 1688 QLDA figure alone in the totals under NĐ 224",
            _p(server(), qlda(fee=_DERIVED_QLDA), date="2026-08-01"),
        )
    ],
    "COMPLETE-QLDA": [Case("no management line", _p(server()))],
    "COMPLETE-CONSULTANCY": [
        Case("no consultancy line", _p(server())),
        Case(
            "KTKT report without the cost of preparing it",
            _p(server(), consultancy(), form="ktkt"),
        ),
        Case(
            "investment project without the feasibility study",
            _p(server(), consultancy(), form="investment_project"),
        ),
    ],
    "COMPLETE-SUPERVISION": [Case("no line named giám sát", _p(server()))],
    "COMPLETE-CONTINGENCY": [Case("no contingency", _p(server()))],
    "COMPLETE-PRICE-EVIDENCE": [
        Case(
            "unit price without quotation or basis",
            _p(server(quotes=[], pick=None, unit_price=102_000_000)),
        ),
    ],
    "MARKET-QUOTES-FEW": [
        Case("two quotations", _p(server(quotes=list(QUOTES[:2])))),
        Case("unit price with a basis only", _p(switch())),
        Case(
            "four expected, three given",
            _p(server()),
            config=CheckConfig(min_quotes=4),
        ),
    ],
    "MARKET-QUOTES-SPREAD": [
        Case(
            "100 / 110 / 125 million: 25 % spread",
            _p(
                server(
                    quotes=[
                        {"source": "A", "unit_price": 100_000_000},
                        {"source": "B", "unit_price": 110_000_000},
                        {"source": "C", "unit_price": 125_000_000},
                    ]
                )
            ),
        ),
    ],
    "MARKET-PRICE-FAR": [
        Case(
            "stated unit price 120 million, median 102 million",
            _p(server(stated={"unit_price": 120_000_000})),
        ),
    ],
    "DUP-LINE": [
        Case(
            "same model under a near-same name",
            _p(
                server(),
                server(id="TB-09", name="May chu ung dung", model="PowerEdge R760 (Dell)"),
            ),
        ),
        Case(
            "near-same name",
            _p(switch(), switch(id="TB-09", name="Thiết bị chuyển mạch lõi mới", model=None)),
        ),
    ],
    "DUP-LINE-REPEATED": [
        Case(
            "one model in two roles", _p(server(), server(id="TB-09", name="Máy chủ cơ sở dữ liệu"))
        ),
    ],
    "DUP-PORTFOLIO-EQUIPMENT": [
        Case(
            "same server model in two projects",
            lambda: [
                project([server()], name="A"),
                project([server(id="X-1", name="Máy chủ CSDL")], name="B"),
            ],
        ),
    ],
    "DUP-PORTFOLIO-FUNCTION": [
        Case(
            "same use cases in two projects",
            lambda: [project([software()], name="A"), project([software()], name="B")],
        ),
    ],
    "DUP-SHARED-SERVICE": [
        Case(
            "hosting bought beside the provincial data centre",
            _p(
                server(),
                other(name="Thuê chỗ đặt máy chủ tại Trung tâm dữ liệu tỉnh"),
                shared_services=["Trung tâm dữ liệu tỉnh"],
            ),
        ),
    ],
    "PROC-DIRECT-LIMIT": [
        Case(
            "free-text exemption does not lift the limit",
            _p(
                server(),
                packages=[package("G1", 2_500_000_000, exemption="Theo chỉ đạo của UBND tỉnh")],
            ),
        ),
        Case(
            "lines 1,982,880,000 + 5 % contingency share 99,144,000 > 2 tỷ",
            _p(
                server(quantity=18),
                packages=[package("G1", None, lines=["TB-01"])],
                contingency={"on": "after_vat", "rate_percent": 5},
            ),
        ),
        Case(
            "goods 2.5 tỷ > 2 tỷ (2025-09-15)",
            _p(server(), packages=[package("G1", 2_500_000_000)]),
        ),
        Case(
            "consulting 900 triệu > 800 triệu",
            _p(server(), packages=[package("C1", 900_000_000, kind="consulting")]),
        ),
        Case(
            "procurement estimate 600 triệu > 500 triệu",
            _p(server(), packages=[package("M1", 600_000_000, in_project=False)]),
        ),
        Case(
            "goods 6 tỷ > 5 tỷ (2026-09-10)",
            _p(server(), packages=[package("G1", 6_000_000_000)], date="2026-09-10"),
        ),
        Case(
            "value from its lines: 30 × 102 million + VAT > 2 tỷ",
            _p(server(quantity=30), packages=[package("G1", None, lines=["TB-01"])]),
        ),
    ],
    "PROC-EXEMPTION-GROUND": [
        Case(
            "an exemption text that names no case of Điều 78",
            _p(
                server(),
                packages=[package("G1", 2_500_000_000, exemption="Theo chỉ đạo của UBND tỉnh")],
            ),
        ),
        Case(
            "a ground added by NĐ 349/2026, before 2026-09-09 (k2_e1)",
            _p(server(), packages=[package("G1", 2_500_000_000, exemption="k2_e1")]),
        ),
        Case(
            "the value limit (khoản 4) named as a ground",
            _p(server(), packages=[package("G1", 1_000_000_000, exemption="Điều 78 khoản 4")]),
        ),
    ],
    "PROC-SPLIT": [
        Case(
            "the same equipment as goods and as mixed: 1,101,600,000 + 1,134,000,000",
            _p(
                server(quantity=10),
                switch(quantity=7),
                packages=[
                    package("G1", None, lines=["TB-01"]),
                    package("M1", None, lines=["TB-02"], kind="mixed"),
                ],
            ),
        ),
        Case(
            "the same server model in a goods and a non-consulting package",
            _p(
                server(quantity=10),
                server(
                    id="TB-09",
                    component="lap_dat_cai_dat",
                    name="Cung cấp và lắp đặt máy chủ",
                    quantity=10,
                ),
                packages=[
                    package("G1", None, lines=["TB-01"]),
                    package("S1", None, lines=["TB-09"], kind="non_consulting"),
                ],
            ),
        ),
        Case(
            "goods and works planned 30 days apart: 1.2 + 1.2 tỷ",
            _p(
                server(),
                packages=[
                    package("G1", 1_200_000_000, planned_date="2025-09-15"),
                    package("W1", 1_200_000_000, kind="works", planned_date="2025-10-15"),
                ],
            ),
        ),
        Case(
            "three goods packages of 800 triệu: 2.4 tỷ > 2 tỷ",
            _p(
                server(),
                packages=[package(f"G{i}", 800_000_000) for i in (1, 2, 3)],
            ),
        ),
    ],
    "CLASS-GROUP": [
        Case("derived from the total (2025-09-15)", _p(server())),
        Case(
            "stated group before the groups table", _p(server(), date="2024-08-01", group="group_b")
        ),
    ],
    "CLASS-DESIGN": [
        Case(
            "KTKT of 22 tỷ under NĐ 73 (ceiling 15 tỷ)",
            _p(server(quantity=200), form="ktkt"),
        ),
        Case(
            "NĐ 73 has no allowance above the ceiling",
            _p(server(quantity=200), form="ktkt", allow_one_step_above_ceiling=True),
        ),
        Case(
            "KTKT of 22 tỷ under NĐ 45 (ceiling 20 tỷ) not allowed",
            _p(server(quantity=200), form="ktkt", date="2026-03-15"),
        ),
    ],
    "CLASS-WARRANTY": [
        Case(
            "6 months for group C (2026-03-15)", _p(server(), date="2026-03-15", warranty_months=6)
        ),
        Case(
            # 15,000 × 102,000,000 × 1.08 = 1,652.4 tỷ: group A (from 1,600 tỷ)
            "12 months for group A (min 24), group computed from the total",
            _p(server(quantity=15_000), date="2026-08-01", warranty_months=12),
        ),
        Case(
            "12 months for group A although group C is stated (the computed group counts)",
            _p(server(quantity=15_000), date="2026-08-01", warranty_months=12, group="group_c"),
        ),
        Case(
            # 300,000 × 110,160,000 = 33,048 tỷ: national importance (from 30,000 tỷ)
            "12 months for a national-importance project",
            _p(server(quantity=300_000), date="2026-08-01", warranty_months=12),
        ),
    ],
    "INDEP-SAME-ORG": [
        Case(
            "preparer reviews",
            _p(server(), preparer="Trung tâm CĐS tỉnh", reviewer="trung tâm CĐS  tỉnh"),
        ),
        Case(
            "preparer appraises",
            _p(server(), preparer="Sở KH&CN", reviewer="Công ty X", appraiser="Sở KH&CN"),
        ),
    ],
}

CLEAN: dict[str, list[Case]] = {
    "INPUT-UNREADABLE": [
        Case("computable project", _p(server())),
        Case("a line that cannot be computed (INPUT-LINE, not this)", _p(server(pick=None))),
    ],
    "INPUT-LINE": [Case("computable project", _p(server()))],
    "NORM-NOT-IN-FORCE": [
        Case(
            "QĐ 671 claimed on 2025-09-15",
            _p(software(stated={"basis_instrument": "QĐ 671/QĐ-BTTTT"})),
        ),
        Case("no instrument claimed", _p(software())),
        Case(
            "CV 2589 claimed before QĐ 671 (2024-03-01, VAT rates given)",
            _p(
                server(vat_rate=10),
                software(
                    vat="general",
                    vat_rate=10,
                    software=SOFTWARE | {"date": "2024-03-01"},  # computed under CV 2589 too
                    stated={"basis_instrument": "CV 2589/BTTTT-ƯDCNTT"},
                ),
                date="2024-03-01",
            ),
        ),
    ],
    "METHOD-NOT-ALLOWED": [
        Case("quotation for equipment", _p(server())),
        Case("expert estimate for training under NĐ 73", _p(server(), training())),
    ],
    "METHOD-REFERENCE-ONLY": [
        Case("QĐ 1688 % norm under NĐ 73", _p(server(), qlda())),
        Case("quotation for equipment under NĐ 45", _p(server(), date="2026-03-15")),
    ],
    "METHOD-FIXED-AMOUNT": [
        Case(
            "expert estimate",
            _p(server(), other(method="expert", amount=None, expert=training()["expert"])),
        )
    ],
    "ARITH-LINE": [
        Case("stated amount right", _p(server(stated={"amount": 204_000_000}))),
        Case("within the tolerance", _p(server(stated={"amount": 204_000_001}))),
        Case("all figures restated", _restated(server(), switch(), qlda(), other())),
    ],
    "ARITH-FEE-RATE": [
        Case("stated rate right", _fee_rate_ok),
        Case("table rate × multiplier stated (2.644 × 0.84, KTKT)", _fee_rate_product),
        Case("table rate stated, multiplier in the amount (KTKT)", _fee_rate_in_amount),
        Case("no stated rate", _p(server(), qlda(stated={"amount": 5_000_000}))),
    ],
    "ARITH-SOFTWARE": [Case("stated G_PM right", _restated(software()))],
    "ARITH-QTY-PRICE": [
        Case(
            "2 × 102,000,000 = 204,000,000",
            _p(server(stated={"unit_price": 102_000_000, "amount": 204_000_000})),
        ),
    ],
    "ARITH-VAT": [
        Case(
            "204,000,000 × 8 % = 16,320,000",
            _p(server(stated={"amount": 204_000_000, "vat_rate": 8, "vat": 16_320_000})),
        ),
        Case(
            "the disputed 10 % for IT goods, computed right",
            _p(server(stated={"amount": 204_000_000, "vat_rate": 10, "vat": 20_400_000})),
        ),
    ],
    "ARITH-TOTAL": [
        Case(
            "line total = amount + VAT",
            _p(
                server(
                    stated={
                        "amount": 204_000_000,
                        "vat_rate": 8,
                        "vat": 16_320_000,
                        "total": 220_320_000,
                    }
                )
            ),
        ),
        Case(
            "project totals restated",
            _restated(
                server(), switch(), qlda(), contingency={"on": "after_vat", "rate_percent": 5}
            ),
        ),
    ],
    "VAT-RATE": [
        Case("8 % on a general line", _p(switch(stated={"vat_rate": 8}))),
        Case("8 % on IT goods (2025-09-15)", _p(server(stated={"vat_rate": 8}))),
        Case(
            "10 % on IT goods (2024-08-01)", _p(server(stated={"vat_rate": 10}), date="2024-08-01")
        ),
        Case(
            "10 % on a general line (2027-02-01)",
            _p(switch(stated={"vat_rate": 10}), date="2027-02-01"),
        ),
    ],
    "VAT-NOT-SUBJECT": [
        Case(
            "software shown as không chịu thuế",
            _p(licence(stated={"vat_not_subject": True, "vat": 0})),
        ),
        Case("taxable line with a rate", _p(switch(stated={"vat_rate": 8}))),
    ],
    "STRUCT-FEE-BASE": [
        Case("the derived base", _p(server(), switch(), qlda(fee=_DERIVED_QLDA))),
        Case("base_lines equal to the derived base", _p(server(), qlda())),
        Case(
            "an override with its reason",
            _p(
                server(),
                switch(),
                qlda(fee={**_DERIVED_QLDA, "base_lines": ["TB-01"], "base_reason": "TB-02 tặng"}),
            ),
        ),
    ],
    "CLASS-GROUP-STATED": [
        Case("group C stated and computed", _p(server(), group="group_c")),
        Case(
            "a group stated before 2025 (not encoded)",
            _p(server(vat_rate=10), date="2024-03-01", group="group_b"),
        ),
    ],
    "VAT-CATEGORY": [
        Case("software not subject, QLDA outside VAT", _p(software(), server(), qlda())),
        Case(
            "digitisation filed as general when both are 8 % (2025-09-15)",
            _p(server(), {**_DATA, "vat": "general"}),
        ),
        Case("a licence filed as software", _p(server(name="Bản quyền phần mềm", vat="software"))),
    ],
    "STRUCT-FEE-ONE-PER-PART": [
        Case(
            "one QLDA per part",
            _p(
                server(),
                software(),
                qlda(fee=_DERIVED_QLDA),
                qlda(id="QLDA-PM", fee={"item": "quan_ly_du_an", "category": "software"}),
            ),
        )
    ],
    "STRUCT-FEE-OVERLAP": [
        Case(
            "lập and thẩm tra BCKTKT (tables 2 and 4–6)",
            _p(
                server(),
                _fee_line("TV-01", "lap_bao_cao_ktkt"),
                _fee_line("TV-02", "tham_tra_bao_cao_ktkt"),
                form="ktkt",
            ),
        ),
        Case(
            "a feasibility study's three reviews (tables 4, 5 and 6, two-step design)",
            _p(
                server(),
                _fee_line("TV-02", "tham_tra_bao_cao_nghien_cuu_kha_thi"),
                _fee_line("TV-03", "tham_tra_thiet_ke_thi_cong"),
                _fee_line("TV-04", "tham_tra_du_toan"),
                form="investment_project",
            ),
        ),
    ],
    "NORM-NOT-ENCODED": [
        Case("a 2025-09-15 project", _p(server())),
        Case(
            "a stated group before 2025",
            _p(server(vat_rate=10), date="2024-03-01", group="group_c"),
        ),
    ],
    "STRUCT-FEE-BASE-OVERRIDE": [
        Case("base_lines leave TB-02 out, no reason", _p(server(), switch(), qlda())),
        Case("the derived base", _p(server(), switch(), qlda(fee=_DERIVED_QLDA))),
    ],
    "STRUCT-FEE-PART": [
        Case(
            "one QLDA per part, every line covered", _p(server(), switch(), qlda(fee=_DERIVED_QLDA))
        ),
        Case("no fee line at all", _p(server(), software())),
    ],
    "STRUCT-REFERENCE-IN-TOTAL": [
        Case(
            "the QĐ 1688 figure shown beside an expert estimate (NĐ 224)",
            _p(
                server(),
                _expert_qlda(),
                qlda(fee=_DERIVED_QLDA, reference_for="QLDA-CG"),
                date="2026-08-01",
            ),
        ),
        Case("a QĐ 1688 figure under NĐ 73 (a listed method)", _p(server(), qlda())),
    ],
    "COMPLETE-QLDA": [Case("management line", _p(server(), qlda()))],
    "COMPLETE-CONSULTANCY": [
        Case("purchase with a consultancy line", _p(server(), consultancy())),
        Case(
            "KTKT with the % norm item",
            _p(
                server(),
                consultancy(
                    fee={
                        "item": "lap_bao_cao_ktkt",
                        "category": "infrastructure",
                        "base_lines": ["TB-01"],
                    }
                ),
                form="ktkt",
            ),
        ),
        Case(
            "KTKT with a line named for it",
            _p(
                server(),
                other(
                    id="TV-01", component="tu_van", name="Chi phí lập báo cáo kinh tế - kỹ thuật"
                ),
                form="ktkt",
            ),
        ),
        Case(
            "investment project with the feasibility study",
            _p(
                server(),
                other(id="TV-01", component="tu_van", name="Lập báo cáo nghiên cứu khả thi"),
                form="investment_project",
            ),
        ),
    ],
    "COMPLETE-SUPERVISION": [
        Case(
            "supervision line",
            _p(
                server(),
                training(id="TV-GS", component="tu_van", name="Chi phí giám sát triển khai"),
            ),
        ),
    ],
    "COMPLETE-CONTINGENCY": [
        Case("contingency block", _p(server(), contingency={"on": "after_vat", "rate_percent": 5})),
        Case(
            "contingency under NĐ 45",
            _p(
                server(),
                date="2026-03-15",
                contingency={"on": "after_vat", "volume_percent": 5, "escalation_amount": 0},
            ),
        ),
        Case("stated contingency", _p(server(), stated={"contingency": 10_000_000})),
    ],
    "COMPLETE-PRICE-EVIDENCE": [
        Case("quotations", _p(server())),
        Case("unit price with a basis", _p(switch())),
        Case(
            "price-list reference",
            _p(
                switch(
                    unit_price=None, basis=None, price={"list": "demo-price-list", "code": "SW-24P"}
                )
            ),
        ),
    ],
    "MARKET-QUOTES-FEW": [
        Case("three quotations", _p(server())),
        Case(
            "price-list reference",
            _p(
                switch(
                    unit_price=None, basis=None, price={"list": "demo-price-list", "code": "SW-24P"}
                )
            ),
        ),
        Case("two expected", _p(server(quotes=list(QUOTES[:2]))), config=CheckConfig(min_quotes=2)),
    ],
    "MARKET-QUOTES-SPREAD": [
        Case("4 % spread", _p(server())),
        Case(
            "25 % spread, threshold 30 %",
            _p(
                server(
                    quotes=[
                        {"source": "A", "unit_price": 100_000_000},
                        {"source": "B", "unit_price": 125_000_000},
                    ]
                )
            ),
            config=CheckConfig(max_spread_percent=Decimal(30)),
        ),
    ],
    "MARKET-PRICE-FAR": [
        Case("stated unit price at the median", _p(server(stated={"unit_price": 102_000_000}))),
        Case("no unit price beside the quotations", _p(server())),
    ],
    "DUP-LINE-REPEATED": [
        Case("different items", _p(server(), switch())),
        Case(
            "the same item twice (DUP-LINE)",
            _p(server(), server(id="TB-09", name="May chu ung dung")),
        ),
    ],
    "DUP-LINE": [
        Case("different items", _p(server(), switch())),
        Case(
            "one model in two roles (DUP-LINE-REPEATED)",
            _p(server(), server(id="TB-09", name="Máy chủ cơ sở dữ liệu")),
        ),
        Case(
            "same model in different components",
            _p(
                server(),
                server(
                    id="LD-01",
                    component="lap_dat_cai_dat",
                    name="Lắp đặt",
                    method="fixed",
                    amount=5_000_000,
                    basis="HĐ",
                    quotes=[],
                    pick=None,
                    quantity=None,
                ),
            ),
        ),
    ],
    "DUP-PORTFOLIO-EQUIPMENT": [
        Case(
            "different equipment",
            lambda: [project([server()], name="A"), project([switch()], name="B")],
        ),
        Case(
            "same model twice in one project (DUP-LINE, not portfolio)",
            lambda: [
                project([server(), server(id="TB-09")], name="A"),
                project([switch()], name="B"),
            ],
        ),
    ],
    "DUP-PORTFOLIO-FUNCTION": [
        Case(
            "different functions",
            lambda: [
                project([software()], name="A"),
                project([software(software=OTHER_SOFTWARE)], name="B"),
            ],
        ),
    ],
    "DUP-SHARED-SERVICE": [
        Case(
            "unrelated shared service",
            _p(server(), other(), shared_services=["Trung tâm dữ liệu tỉnh"]),
        ),
        Case("no shared service", _p(server(), other(name="Thuê chỗ đặt máy chủ"))),
    ],
    "PROC-DIRECT-LIMIT": [
        Case(
            "lines 1,982,880,000 without contingency",
            _p(server(quantity=18), packages=[package("G1", None, lines=["TB-01"])]),
        ),
        Case("goods 1.9 tỷ ≤ 2 tỷ", _p(server(), packages=[package("G1", 1_900_000_000)])),
        Case("goods exactly 2 tỷ", _p(server(), packages=[package("G1", 2_000_000_000)])),
        Case(
            "with a legal exemption",
            _p(
                server(),
                packages=[package("G1", 2_500_000_000, exemption="NĐ 214/2025 Điều 78 k3 a")],
            ),
        ),
        Case(
            "open tender",
            _p(server(), packages=[package("G1", 2_500_000_000, selection="open_tender")]),
        ),
        Case(
            "goods 4 tỷ ≤ 5 tỷ (2026-09-10)",
            _p(server(), packages=[package("G1", 4_000_000_000)], date="2026-09-10"),
        ),
        Case(
            "before the limits table (2025-08-03)",
            _p(server(), packages=[package("G1", 9_000_000_000)], date="2025-08-03"),
        ),
        Case(
            "value from its lines under the limit",
            _p(server(), packages=[package("G1", None, lines=["TB-01"])]),
        ),
    ],
    "PROC-EXEMPTION-GROUND": [
        Case(
            "a key of the grounds table",
            _p(server(), packages=[package("G1", 2_500_000_000, exemption="k3_c")]),
        ),
        Case(
            "the clause cited",
            _p(
                server(),
                packages=[package("G1", 2_500_000_000, exemption="NĐ 214/2025 Điều 78 k3 a")],
            ),
        ),
        Case(
            "k2_e1 from 2026-09-09",
            _p(
                server(),
                packages=[package("G1", 6_000_000_000, exemption="k2_e1")],
                date="2026-09-10",
            ),
        ),
        Case(
            "not a direct appointment",
            _p(
                server(),
                packages=[package("G1", 2_500_000_000, selection="open_tender", exemption="x")],
            ),
        ),
        Case(
            "before the grounds table (2025-08-03)",
            _p(
                server(),
                packages=[package("G1", 9_000_000_000, exemption="x")],
                date="2025-08-03",
            ),
        ),
    ],
    "PROC-SPLIT": [
        Case(
            "goods and works planned 120 days apart",
            _p(
                server(),
                packages=[
                    package("G1", 1_200_000_000, planned_date="2025-09-15"),
                    package("W1", 1_200_000_000, kind="works", planned_date="2026-01-13"),
                ],
            ),
        ),
        Case(
            "one of three packages with a legal ground (k5_a)",
            _p(
                server(),
                packages=[
                    package("G1", 800_000_000, exemption="k5_a"),
                    package("G2", 800_000_000),
                    package("G3", 800_000_000),
                ],
            ),
        ),
        Case(
            "two goods packages of 800 triệu: 1.6 tỷ",
            _p(server(), packages=[package(f"G{i}", 800_000_000) for i in (1, 2)]),
        ),
        Case(
            "different kinds",
            _p(
                server(),
                packages=[
                    package("G1", 800_000_000),
                    package("C1", 700_000_000, kind="consulting"),
                    package("M1", 400_000_000, in_project=False),
                ],
            ),
        ),
        Case(
            "one package over the limit (PROC-DIRECT-LIMIT instead)",
            _p(server(), packages=[package("G1", 2_500_000_000), package("G2", 100_000_000)]),
        ),
    ],
    "CLASS-GROUP": [Case("no groups table before 2025-01-01", _p(server(), date="2024-08-01"))],
    "CLASS-DESIGN": [
        Case("KTKT of 204 million", _p(server(), form="ktkt")),
        Case("purchase of 22 tỷ", _p(server(quantity=200))),
        Case(
            "KTKT of 22 tỷ under NĐ 45, allowed by the decision-maker",
            _p(
                server(quantity=200),
                form="ktkt",
                date="2026-03-15",
                allow_one_step_above_ceiling=True,
            ),
        ),
    ],
    "CLASS-WARRANTY": [
        Case("12 months for group C", _p(server(), date="2026-03-15", warranty_months=12)),
        Case(
            "24 months for group A",
            _p(server(quantity=15_000), date="2026-08-01", warranty_months=24),
        ),
        Case(
            "12 months for a small project stated as group A (computed: group C)",
            _p(server(), date="2026-08-01", warranty_months=12, group="group_a"),
        ),
        Case("no warranty table before 2026-03-01", _p(server(), warranty_months=1)),
        Case("no warranty stated", _p(server(), date="2026-03-15")),
    ],
    "INDEP-SAME-ORG": [
        Case(
            "independent reviewer and appraiser",
            _p(server(), preparer="Trung tâm CĐS tỉnh", reviewer="Công ty X", appraiser="Sở KH&CN"),
        ),
        Case("no preparer stated", _p(server(), reviewer="Công ty X", appraiser="Công ty X")),
    ],
}
TRIGGERS.update(PLAUSIBILITY_TRIGGERS)
CLEAN.update(PLAUSIBILITY_CLEAN)


ESTIMATE_RULES = {c: r for c, r in RULES.items() if r.needs not in ("dossier", "dossiers")}
"""The rules of estimates and portfolios of estimates (the stage rules, which read dossiers, are
triggered and not by tests/test_stages.py)."""


def _params(cases: dict[str, list[Case]]) -> list[Any]:
    """One param per (code, case) for every estimate rule; a code without a case fails."""
    out = []
    for code in ESTIMATE_RULES:
        for case in cases.get(code) or [None]:
            label = case.label if case else "MISSING"
            out.append(pytest.param(code, case, id=f"{code}: {label}"))
    return out


@pytest.mark.parametrize(("code", "case"), _params(TRIGGERS))
def test_rule_triggers(code: str, case: Case | None):
    assert case is not None, f"no triggering test case for {code}: add one to TRIGGERS"
    findings = case.findings()
    hits = [f for f in findings if f.code == code]
    assert hits, [str(f) for f in findings]
    rule = RULES[code]
    for f in hits:
        assert f.severity == rule.severity
        assert f.basis == rule.basis
        assert f.message_vi and f.message_en


@pytest.mark.parametrize(("code", "case"), _params(CLEAN))
def test_rule_not_triggered(code: str, case: Case | None):
    assert case is not None, f"no clean test case for {code}: add one to CLEAN"
    findings = case.findings()
    assert code not in {f.code for f in findings}, [str(f) for f in findings if f.code == code]


def test_every_rule_has_a_triggering_case():
    triggered: set[str] = set()
    messages: set[tuple[str, str | None]] = set()
    for cases in TRIGGERS.values():
        for case in cases:
            findings = case.findings()
            triggered |= {f.code for f in findings}
            messages |= {(f.code, f.case) for f in findings}
    missing = set(ESTIMATE_RULES) - triggered
    assert not missing, f"rules without a triggering test case: {sorted(missing)}"
    assert set(TRIGGERS) == set(ESTIMATE_RULES) == set(CLEAN)
    # every message of every rule (each declared case) is rendered by some triggering case
    declared = {(code, c) for code, r in ESTIMATE_RULES.items() for c in (r.cases or (None,))}
    assert not declared - messages, f"cases never triggered: {sorted(declared - messages)}"


def test_rule_table_is_well_formed():
    assert RULES
    for code, rule in RULES.items():
        assert code == rule.code and code == code.upper()
        assert rule.severity in ("error", "warning", "info")
        assert rule.title_vi and rule.title_en and rule.basis


# --- details of some findings -------------------------------------------------------------------


def test_findings_sorted_errors_first():
    p = project(
        [server(stated={"amount": 1})],
        preparer="X",
        reviewer="X",
    )
    order = {"error": 0, "warning": 1, "info": 2}
    ranks = [order[f.severity] for f in check(p)]
    assert ranks == sorted(ranks) and ranks[0] == 0


def test_arith_line_details():
    [f] = [
        f
        for f in check(project([server(stated={"amount": 205_000_000})]))
        if f.code == "ARITH-LINE"
    ]
    assert f.line == "TB-01" and f.estimate == "P"
    assert f.amount == 1_000_000
    assert f.field == "stated.amount"
    assert f.details == {"stated": Decimal(205_000_000), "expected": Decimal(204_000_000)}
    assert all(isinstance(v, Decimal) for v in f.details.values())  # typed, not str(v)
    # the message shows how ictcost recomputed the line (its trace, by the one renderer)
    assert "median of 3 quotation(s)" in f.message_en


def test_findings_json_reads_back():
    p = project([server(stated={"amount": 205_000_000})], preparer="X", reviewer="X")
    findings = check(p)
    report = FindingsReport.model_validate_json(findings.to_json())
    assert report.schema_version == SCHEMA_VERSION
    assert [(f.code, f.line, f.field, f.case, f.amount) for f in report.findings] == [
        (f.code, f.line, f.field, f.case, f.amount) for f in findings
    ]
    # lossless: the findings read back equal, the trace the message quotes included
    assert report.findings == tuple(findings)
    [line] = [f for f in report.findings if f.code == "ARITH-LINE"]
    assert line.message_en == (
        "Stated 205,000,000, recomputed 204,000,000 (2 × 102,000,000 (median of 3 quotation(s)))."
    )


def test_vat_rate_details():
    [f] = [f for f in check(project([switch(stated={"vat_rate": 10})])) if f.code == "VAT-RATE"]
    assert f.details == {"stated": Decimal(10), "expected": Decimal(8), "category": "general"}
    assert f.line == "TB-02" and f.field == "stated.vat_rate" and f.case == "rate"
    # the finding cites the vat-rates cell it rests on
    assert [c.ref for c in f.citations] == ["vat-rates/general/rate"]


def test_direct_limit_details():
    p = project([server()], packages=[package("G1", 2_500_000_000)])
    [f] = [f for f in check(p) if f.code == "PROC-DIRECT-LIMIT"]
    assert f.amount == 500_000_000
    assert f.details == {
        "package": "G1",
        "value": Decimal(2_500_000_000),
        "limit": Decimal(2_000_000_000),
        "row": "non_consulting_in_project",
        "date": DATE,
    }
    assert [c.ref for c in f.citations] == [
        "direct-appointment-limits/non_consulting_in_project/max"
    ]


def test_split_details():
    p = project([server()], packages=[package(f"G{i}", 800_000_000) for i in (1, 2, 3)])
    [f] = [f for f in check(p) if f.code == "PROC-SPLIT"]
    assert f.amount == 2_400_000_000
    assert f.details == {
        "packages": ("G1", "G2", "G3"),
        "values": ("800000000",) * 3,
        "limit": Decimal(2_000_000_000),
        "total": Decimal(2_400_000_000),
        "row": "non_consulting_in_project",
        "causes": ("kind",),
        "kind": "goods",
    }


def test_class_group_by_total():
    def group(quantity: int) -> str:
        p = project([server(quantity=quantity)])
        [f] = [f for f in check(p) if f.code == "CLASS-GROUP"]
        return f.details["group"]

    # 102 million × 1.08 (VAT) per server: group C below 90 tỷ, group B from 90 tỷ
    assert group(2) == "group_c"
    assert group(900) == "group_b"


def test_portfolio_equipment_names_both_estimates():
    findings = check_portfolio(
        [project([server()], name="A"), project([server(id="X-1")], name="B")]
    )
    [f] = [f for f in findings if f.code == "DUP-PORTFOLIO-EQUIPMENT"]
    assert f.estimate == "portfolio" and f.line == "TB-01"  # the first line of the cluster
    assert f.details["estimates"] == ("A", "B")
    assert "A (TB-01)" in f.message_en and "B (X-1)" in f.message_en


def test_portfolio_function_reported_once_per_pair_and_name():
    findings = check_portfolio([project([software()], name="A"), project([software()], name="B")])
    names = [f.message_en for f in findings if f.code == "DUP-PORTFOLIO-FUNCTION"]
    # one finding per overlapping function (a cluster), never one per pair
    assert len(names) == len(set(names)) == len(SOFTWARE["use_cases"])


def test_check_never_raises_for_an_uncomputable_project():
    p = project([server(quotes=[], pick=None)], preparer="X", reviewer="X")
    codes = {f.code for f in check(p)}
    # the line is a finding; every other rule still runs (no early stop)
    assert {"INPUT-LINE", "INDEP-SAME-ORG", "COMPLETE-QLDA"} <= codes
    assert "INPUT-UNREADABLE" not in codes


def test_fee_base_findings_name_their_cause():
    inside = project(
        [server(), consultancy(), qlda(fee={**_DERIVED_QLDA, "base_lines": ["TB-01", "TV-01"]})]
    )
    [f] = [f for f in check(inside) if f.code == "STRUCT-FEE-BASE"]
    assert f.details["wrong_component"] == ("TV-01",) and f.details["added"] == ("TV-01",)
    software_part = project(
        [server(), software(), qlda(fee={**_DERIVED_QLDA, "base_lines": ["TB-01", "PM-01"]})]
    )
    [f] = [f for f in check(software_part) if f.code == "STRUCT-FEE-BASE"]
    assert f.details["other_part"] == ("PM-01",) and f.details["wrong_component"] == ()
    after = project([server(), qlda(fee={**_DERIVED_QLDA, "base": 220_320_000})])
    [f] = [f for f in check(after) if f.code == "STRUCT-FEE-BASE"]
    assert "after-VAT" in f.message_en
    assert f.amount == 220_320_000 - 204_000_000


def test_a_stated_contingency_without_an_input_is_in_the_recomputed_total():
    # 2 × 102,000,000 × 1.08 = 220,320,000; a stated contingency of 11,016,000 (no input block)
    p = project([server()], stated={"total": 231_336_000, "contingency": 11_016_000})
    assert "ARITH-TOTAL" not in {f.code for f in check(p)}
    wrong = project([server()], stated={"total": 231_346_000, "contingency": 11_016_000})
    [f] = [f for f in check(wrong) if f.code == "ARITH-TOTAL"]
    assert f.details["part"] == "total" and f.details["expected"] == 231_336_000


def test_a_contingency_above_its_cap_does_not_stop_the_review():
    p = project(
        [server(stated={"amount": 1}), switch()],
        contingency={"on": "after_vat", "rate_percent": 9},
    )
    found = check(p)
    codes = {f.code for f in found}
    assert "INPUT-LINE" in codes and "ARITH-LINE" in codes  # the lines are still recomputed
    (f,) = [f for f in found if f.code == "INPUT-LINE"]
    assert f.line is None and "above the cap" in f.message_en


def test_example_project_has_no_error():
    p = load_project(EXAMPLES / "portal-project.yaml")
    findings = check(p, registry=REG, base_dir=EXAMPLES)
    assert not [str(f) for f in findings if f.severity == "error"]


def test_example_project_restated_is_consistent():
    p = restate(load_project(EXAMPLES / "portal-project.yaml"))
    codes = {f.code for f in check(p, registry=REG, base_dir=EXAMPLES)}
    assert not {c for c in codes if c.startswith(("ARITH-", "VAT-"))}


# --- gaps found in review (each failed before its fix) --------------------------------------------


def test_software_computed_by_an_old_instrument_is_a_finding():
    old = SOFTWARE | {"date": "2023-06-01"}  # selects CV 2589/BTTTT-ƯDCNTT
    p = project([software(software=old)])  # 2025-09-15: QĐ 671/QĐ-BTTTT is in force
    assert "NORM-NOT-IN-FORCE" in {f.code for f in check(p)}


# --- properties ---------------------------------------------------------------------------------

PRICES = st.integers(min_value=100_000, max_value=500_000_000)
QUANTITIES = st.decimals(min_value=1, max_value=20, places=1)


@st.composite
def small_projects(draw: st.DrawFn) -> ProjectInput:
    """A random small, computable project on a date with VAT data (2024-07-01 … 2027-12-31)."""
    date = draw(st.dates(dt.date(2024, 7, 1), dt.date(2027, 12, 31)))
    software_vat = date >= dt.date(2025, 7, 1)
    vats = ["general", "it_goods_services", "excluded_from_reduction"]
    vats += ["software"] if software_vat else []
    form = draw(st.sampled_from(["purchase", "investment_project", "ktkt"]))
    lines: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 3))):
        line = {
            "id": f"TB-{i}",
            "component": "thiet_bi",
            "name": f"Thiết bị {i}",
            "method": "quotation",
            "vat": draw(st.sampled_from(vats)),
            "quantity": draw(QUANTITIES),
        }
        if draw(st.booleans()):
            line |= {"unit_price": draw(PRICES), "basis": "Báo giá"}
        else:
            prices = draw(st.lists(PRICES, min_size=1, max_size=4))
            line |= {
                "quotes": [{"source": f"NCC {j}", "unit_price": p} for j, p in enumerate(prices)],
                "pick": draw(st.sampled_from(["lowest", "median", "mean"])),
            }
        lines.append(line)
    if draw(st.booleans()):
        items = draw(
            st.lists(
                st.tuples(st.decimals(min_value=0, max_value=60, places=1), PRICES),
                min_size=1,
                max_size=3,
            )
        )
        lines.append(
            training(
                expert=[
                    {"description": f"Mục {j}", "person_days": d, "day_rate": r}
                    for j, (d, r) in enumerate(items)
                ]
            )
        )
    if draw(st.booleans()):
        lines.append(other(amount=draw(PRICES)))
    if software_vat and draw(st.booleans()):
        lines.append(software())
    if draw(st.booleans()):
        base = [ln["id"] for ln in lines if ln["component"] == "thiet_bi"]
        lines.append(
            qlda(fee={"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": base})
        )
    contingency = None
    if draw(st.booleans()):
        on = draw(st.sampled_from(["after_vat", "before_vat"]))
        if regime_on(date).id == "nd73_2019":
            contingency = {
                "on": on,
                "rate_percent": draw(st.decimals(min_value=0, max_value=5, places=2)),
            }
        else:
            contingency = {
                "on": on,
                "volume_percent": draw(st.decimals(min_value=0, max_value=10, places=2)),
                "escalation_amount": draw(st.integers(0, 10**9)),
            }
    return project(lines, date=date.isoformat(), form=form, contingency=contingency)


def _arith_or_vat(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings if f.code.startswith(("ARITH-", "VAT-"))}


@given(small_projects())
def test_restated_estimate_has_no_arith_or_vat_finding(p: ProjectInput):
    findings = check(restate(p), registry=REG, base_dir=EXAMPLES)
    assert "INPUT-UNREADABLE" not in {f.code for f in findings}
    assert not _arith_or_vat(findings), [str(f) for f in _arith_or_vat_findings(findings)]


def _arith_or_vat_findings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith(("ARITH-", "VAT-"))]


@given(small_projects(), st.data())
def test_perturbed_stated_amount_gives_arith_finding(p: ProjectInput, data: st.DataObject):
    stated = restate(p)
    raw = stated.model_dump(mode="python")
    targets: list[tuple[dict[str, Any], str]] = [
        (ln["stated"], key) for ln in raw["lines"] for key in ("amount", "vat", "total")
    ]
    targets += [
        (raw["stated"], key)
        for key in ("amount", "vat", "total", "contingency")
        if raw["stated"][key] is not None
    ]
    where, key = data.draw(st.sampled_from(targets), label="figure")
    k = data.draw(st.integers(min_value=int(TOL) + 1, max_value=10**9), label="k")
    down = data.draw(st.booleans(), label="down") and where[key] - k >= 0
    where[key] = where[key] - k if down else where[key] + k
    findings = check(load_project(raw), registry=REG, base_dir=EXAMPLES)
    assert any(f.code.startswith("ARITH-") for f in findings), [str(f) for f in findings]


# --- the command --------------------------------------------------------------------------------

runner = CliRunner()
FINDING_KEYS = set(Finding.model_fields) | set(Finding.model_computed_fields)  # + the messages


def _findings_json(stdout: str) -> list[dict[str, Any]]:
    """The findings of ``ictcost check --json`` (a document with its schema version)."""
    document = json.loads(stdout)
    assert document["schema_version"] == SCHEMA_VERSION
    findings: list[dict[str, Any]] = document["findings"]
    return findings


def _write(tmp_path: Path, p: ProjectInput, name: str = "p.json") -> Path:
    path = tmp_path / name
    path.write_text(p.model_dump_json(), encoding="utf-8")
    return path


def test_cli_exit_0_on_the_example():
    r = runner.invoke(
        app,
        ["check", str(EXAMPLES / "portal-project.yaml"), "--pack", str(EXAMPLES / "pack")],
    )
    assert r.exit_code == 0, r.output
    assert "0 lỗi" in r.stdout


def test_cli_exit_0_json_shape():
    r = runner.invoke(
        app,
        [
            "check",
            str(EXAMPLES / "portal-project.yaml"),
            "--pack",
            str(EXAMPLES / "pack"),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    document = json.loads(r.stdout)
    assert set(document) == {"schema_version", "findings"}
    assert document["schema_version"] == SCHEMA_VERSION
    data = document["findings"]
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) == FINDING_KEYS
        assert item["code"] in RULES
        assert item["severity"] == RULES[item["code"]].severity
        assert isinstance(item["details"], dict)
        assert item["amount"] is None or isinstance(item["amount"], str)
    assert not [i for i in data if i["severity"] == "error"]


def test_cli_exit_1_on_errors(tmp_path: Path):
    path = _write(tmp_path, project([server(stated={"amount": 1})], preparer="X", reviewer="X"))
    r = runner.invoke(app, ["check", str(path), "--json"])
    assert r.exit_code == 1, r.output
    codes = {i["code"] for i in _findings_json(r.stdout)}
    assert {"ARITH-LINE", "INDEP-SAME-ORG"} <= codes
    text = runner.invoke(app, ["check", str(path)])
    assert text.exit_code == 1
    assert "ARITH-LINE" in text.stdout


def test_cli_exit_1_on_uncomputable_project(tmp_path: Path):
    path = _write(tmp_path, project([server(quotes=[], pick=None)]))
    r = runner.invoke(app, ["check", str(path), "--json"])
    assert r.exit_code == 1, r.output
    assert "INPUT-LINE" in {i["code"] for i in _findings_json(r.stdout)}


def test_cli_exit_0_with_warnings_only(tmp_path: Path):
    path = _write(tmp_path, project([server(quotes=list(QUOTES[:1]))]))
    r = runner.invoke(app, ["check", str(path), "--json"])
    assert r.exit_code == 0, r.output
    assert "MARKET-QUOTES-FEW" in {i["code"] for i in _findings_json(r.stdout)}


@pytest.mark.parametrize(
    "content",
    [
        None,  # missing file
        "project: [unclosed\n",  # not YAML
        "project: {name: P}\nlines: []\n",  # not a valid project
    ],
    ids=["missing", "bad-yaml", "invalid"],
)
def test_cli_exit_2_unreadable(tmp_path: Path, content: str | None):
    path = tmp_path / "p.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    r = runner.invoke(app, ["check", str(path), "--json"])
    assert r.exit_code == 2, r.output
    data = json.loads(r.stdout)
    assert set(data) == {"error"} and data["error"]["message"]
    text = runner.invoke(app, ["check", str(path)])
    assert text.exit_code == 2
    assert "error:" in text.stderr


def test_cli_portfolio(tmp_path: Path):
    a = _write(tmp_path, project([server()], name="A"), "a.json")
    folder = tmp_path / "others"
    folder.mkdir()
    # JSON is YAML: the portfolio reads *.yaml and *.yml files
    (folder / "b.yaml").write_text(
        project([server(id="X-1")], name="B").model_dump_json(), encoding="utf-8"
    )
    r = runner.invoke(app, ["check", str(a), "--portfolio", str(folder), "--json"])
    assert r.exit_code == 0, r.output
    found = [i for i in _findings_json(r.stdout) if i["code"] == "DUP-PORTFOLIO-EQUIPMENT"]
    assert len(found) == 1 and found[0]["estimate"] == "portfolio"


def test_cli_portfolio_with_an_unreadable_member(tmp_path: Path):
    a = _write(tmp_path, project([server()], name="A"), "a.json")
    folder = tmp_path / "others"
    folder.mkdir()
    (folder / "b.yaml").write_text("project: {}\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(a), "--portfolio", str(folder), "--json"])
    assert r.exit_code == 2, r.output
