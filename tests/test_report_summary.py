"""The summary view-model: one row per statutory group, G_DP, the total, in order, typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.report.summary import CONTINGENCY_SYMBOL, SummaryRow, summary_rows

LINES = [
    {
        "id": "TB-01",
        "component": "thiet_bi",
        "name": "Máy chủ",
        "method": "quotation",
        "vat": "general",
        "unit": "bộ",
        "quantity": 2,
        "unit_price": 100_000_000,
    },
    {
        "id": "K-01",
        "component": "chi_phi_khac",
        "name": "Kiểm thử",
        "method": "expert",
        "vat": "general",
        "expert": [{"description": "Kiểm thử", "person_days": 10, "day_rate": 1_500_000}],
    },
    {
        "id": "QLDA",
        "component": "quan_ly_du_an",
        "name": "Quản lý dự án",
        "method": "norm",
        "vat": "not_applicable",
        "fee": {"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": ["TB-01"]},
    },
]


def estimate(*, contingency: bool = True) -> Estimate:
    data: dict[str, object] = {
        "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
        "lines": LINES,
    }
    if contingency:
        data["contingency"] = {"on": "after_vat", "rate_percent": 5}
    return compute_estimate(load_project(data))


def test_rows_are_groups_then_contingency_then_total():
    e = estimate()
    rows = summary_rows(e)
    assert [r.kind for r in rows] == ["group"] * len(e.components) + ["contingency", "total"]
    assert [r.symbol for r in rows[:-2]] == [c.symbol for c in e.components]
    assert [r.number for r in rows] == [*range(1, len(e.components) + 2), None]
    assert rows[-2].symbol == CONTINGENCY_SYMBOL
    assert all(isinstance(r, SummaryRow) for r in rows)


def test_group_rows_are_the_components():
    e = estimate()
    for row, c in zip(summary_rows(e), e.components, strict=False):
        assert (row.key, row.label_vi, row.label_en) == (c.key, c.label_vi, c.label_en)
        assert (row.amount, row.vat, row.total, row.line_ids) == (
            c.amount,
            c.vat,
            c.total,
            c.line_ids,
        )
        assert not row.emphasised


def test_the_rows_add_up_to_the_total():
    e = estimate()
    rows = summary_rows(e)
    groups = [r for r in rows if r.kind == "group"]
    total = rows[-1]
    assert sum(r.total for r in groups) + rows[-2].total == total.total == e.total
    assert sum(r.amount or 0 for r in groups) == total.amount == e.amount
    assert sum(r.vat or 0 for r in groups) == total.vat == e.vat
    assert total.emphasised and total.label_vi == "Tổng cộng"
    assert all(isinstance(r.total, Decimal) for r in rows)


def test_the_contingency_has_no_pre_vat_split():
    e = estimate()
    dp = summary_rows(e)[-2]
    assert e.contingency is not None
    assert (dp.amount, dp.vat, dp.total) == (None, None, e.contingency.total)
    assert dp.label_vi == "Chi phí dự phòng"


def test_without_contingency_there_is_no_g_dp_row():
    e = estimate(contingency=False)
    rows = summary_rows(e)
    assert CONTINGENCY_SYMBOL not in [r.symbol for r in rows]
    assert rows[-1].total == e.total == e.total_before_contingency


def test_the_subtotal_is_asked_for():
    e = estimate()
    rows = summary_rows(e, subtotal=True)
    sub = rows[len(e.components)]
    assert sub.kind == "subtotal" and sub.emphasised and sub.number is None
    assert (sub.amount, sub.vat, sub.total) == (e.amount, e.vat, e.total_before_contingency)
    assert [r.kind for r in rows[-2:]] == ["contingency", "total"]


def test_rows_are_frozen():
    row = summary_rows(estimate())[0]
    with pytest.raises(ValueError, match="frozen"):
        row.total = Decimal(0)  # type: ignore[misc]
