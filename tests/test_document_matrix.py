"""Every project kind × document of every regime, with hand-computed figures.

One small project per row of the ``project-documents`` table and regime: the structure it selects
(the statutory groups), the QĐ 1688 column family its fees are read on, and the contingency rule.
The figures are computed by hand below from the shipped tables (all bases are under the first
breakpoint of 7 tỷ, where the tables are flat):

* QLDA, part a (infrastructure, base 1,000,000,000): column ``project`` 1a 2.644 % → 26,440,000;
  column ``ktkt`` 1a × 0.84 = 2.22096 % → 22,209,600.
* QLDA, part b (software/database, base 300,000,000): ``project`` 1b 2.809 % → 8,427,000; ``ktkt``
  1b KTKT 1.855 % → 5,565,000.
* Lập kế hoạch thuê, part a (rental base 24 × 10,000,000 = 240,000,000): 2a × 1.65 = 1.6368 % →
  3,928,320.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ictcost.documents import DOCUMENTS_TABLE
from ictcost.errors import InputError
from ictcost.estimate import compute_estimate, load_project
from ictcost.norms.registry import NormRegistry

REG = NormRegistry.shipped()

DATES = {"nd73_2019": "2025-09-15", "nd45_2026": "2026-04-15", "nd224_2026": "2026-08-15"}

SERVER = {
    "id": "TB-01",
    "component": "thiet_bi",
    "name": "Máy chủ",
    "method": "quotation",
    "vat": "it_goods_services",
    "quantity": 2,
    "unit_price": 500_000_000,
    "basis": "Báo giá 1/BG",
}
DATA = {
    "id": "DL-01",
    "component": "tao_lap_du_lieu",
    "name": "Số hóa hồ sơ",
    "method": "expert",
    "vat": "general",
    "expert": [{"description": "Nhập liệu", "person_days": 300, "day_rate": 1_000_000}],
}
_QUOTED_DATA = {
    "id": "DL-01",
    "component": "tao_lap_du_lieu",
    "name": "Số hóa hồ sơ",
    "method": "quotation",
    "vat": "general",
    "unit": "trang",
    "quantity": 100_000,
    "unit_price": 3_000,
    "basis": "Báo giá 3/BG",
}
RENTAL = {
    "id": "R-01",
    "component": "thue_dich_vu",
    "name": "Thuê máy chủ ảo",
    "method": "quotation",
    "vat": "it_goods_services",
    "part": "infrastructure",
    "rental": {"price_per_period": 10_000_000, "periods": 24},
    "basis": "Báo giá 2/BG",
}


def _fee(fid: str, item: str, part: str, component: str = "quan_ly_du_an") -> dict[str, Any]:
    return {
        "id": fid,
        "component": component,
        "name": f"{item} {part}",
        "method": "norm",
        "vat": "not_applicable" if component == "quan_ly_du_an" else "general",
        "fee": {"item": item, "category": part},
    }


def _pairs() -> list[Any]:
    out = []
    for version in REG.table(DOCUMENTS_TABLE).versions:
        regime = next(
            rid
            for rid, day in DATES.items()
            if version.valid_from.isoformat() <= day
            and (version.valid_to is None or day <= version.valid_to.isoformat())
        )
        for row in version.rows:
            assert row.key is not None
            out.append(pytest.param(regime, row.key, id=f"{regime}-{row.key}"))
    return out


# column family per document (project-documents): the QĐ 1688 columns the fees are read on
_QLDA = {"project": (26_440_000, 8_427_000), "ktkt": (22_209_600, 5_565_000)}
_FORM = {
    "feasibility_study": "project",
    "ktkt_report": "ktkt",
    "rental_plan": "ktkt",
    "detailed_outline": "ktkt",
}
_CONTINGENCY_RULE = {
    ("nd73_2019", "feasibility_study"): "single_coefficient",
    ("nd73_2019", "ktkt_report"): "single_coefficient",
    ("nd73_2019", "rental_plan"): "none",
    ("nd73_2019", "detailed_outline"): "quantity_only",
    ("nd45_2026", "feasibility_study"): "quantity_and_escalation",
    ("nd45_2026", "ktkt_report"): "quantity_and_escalation",
    ("nd45_2026", "rental_plan"): None,  # not encoded for NĐ 45/2026
    ("nd224_2026", "feasibility_study"): "quantity_and_escalation",
    ("nd224_2026", "ktkt_report"): "quantity_and_escalation",
    ("nd224_2026", "rental_plan"): "quantity_and_provisional",
}
_GROUPS = {
    ("nd73_2019", "rental"): ("thue_dich_vu", "quan_tri_van_hanh", "bao_tri", "chi_phi_khac"),
    ("nd45_2026", "rental"): ("thue_dich_vu", "quan_ly_du_an", "tu_van", "chi_phi_khac"),
    ("nd224_2026", "rental"): ("thue_dich_vu", "quan_ly_du_an", "tu_van", "chi_phi_khac"),
}
_PROJECT_GROUPS_73 = ("xay_lap", "thiet_bi", "quan_ly_du_an", "tu_van", "chi_phi_khac")
_PROJECT_GROUPS_45 = ("trang_thiet_bi", "quan_ly_du_an", "tu_van", "chi_phi_khac")


@pytest.mark.parametrize(("regime", "pair"), _pairs())
def test_each_pair_of_each_regime_by_hand(regime: str, pair: str) -> None:
    kind, document = pair.split(".")
    day = DATES[regime]
    # the method each regime lists: NĐ 73/2019 a detailed (expert) estimate for database creation
    # and a custom rental; NĐ 45/224 quotations
    nd73 = regime == "nd73_2019"
    if kind == "rental":
        rental = RENTAL | ({"method": "expert"} if nd73 else {})
        lines = [rental, _fee("TV-01", "lap_ke_hoach_thue_dich_vu", "infrastructure", "tu_van")]
    else:
        data = DATA if nd73 else _QUOTED_DATA
        lines = [
            SERVER,
            data,
            _fee("QLDA-HT", "quan_ly_du_an", "infrastructure"),
            _fee("QLDA-PM", "quan_ly_du_an", "software"),
        ]
    project = load_project(
        {
            "project": {"name": "P", "date": day, "project_kind": kind, "document": document},
            "lines": lines,
        }
    )
    e = compute_estimate(project, registry=REG)
    assert e.regime.id == regime
    assert (e.project_kind, e.document) == (kind, document)
    assert e.profile.fee_form == _FORM[document]
    assert e.contingency_rule == _CONTINGENCY_RULE[(regime, document)]
    groups = tuple(c.key for c in e.components)
    if kind == "rental":
        assert groups == _GROUPS[(regime, kind)]
        fee = e.line("TV-01")
        assert fee.trace.base == 240_000_000
        assert fee.trace.derived_lines == ("R-01",)
        # 2a 0.992 % × 1.65 = 1.6368 % × 240,000,000 = 3,928,320
        assert fee.amount == 3_928_320
    else:
        assert groups == (_PROJECT_GROUPS_73 if regime == "nd73_2019" else _PROJECT_GROUPS_45)
        a, b = _QLDA[_FORM[document]]
        assert e.line("QLDA-HT").trace.derived_lines == ("TB-01",)
        assert e.line("QLDA-PM").trace.derived_lines == ("DL-01",)
        assert (e.line("QLDA-HT").amount, e.line("QLDA-PM").amount) == (a, b)
        # servers and digitisation at 8 % on these dates (NĐ 174/2025 round)
        assert e.vat == Decimal(1_300_000_000) * 8 / 100
        assert e.total == 1_300_000_000 + 104_000_000 + a + b
    listed = regime == "nd73_2019"
    fees = [ln for ln in e.lines if ln.method == "norm"]
    assert all((ln.method_status == "listed") == listed for ln in fees)
    assert ("reference_in_total" in e.flags) == (not listed)
    assert "fee_base_gap" not in e.flags


@pytest.mark.parametrize("day", ["2026-04-15", "2026-08-15"])
def test_a_detailed_outline_is_not_a_document_after_nd73(day: str) -> None:
    project = load_project(
        {
            "project": {
                "name": "P",
                "date": day,
                "project_kind": "recurrent_task",
                "document": "detailed_outline",
            },
            "lines": [SERVER],
        }
    )
    with pytest.raises(InputError) as info:
        compute_estimate(project, registry=REG)
    assert "cannot be prepared as a detailed_outline" in info.value.message
    assert "investment.ktkt_report" in (info.value.hint or "")
