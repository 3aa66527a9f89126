"""Markdown, HTML and DataFrame outputs: they read the typed estimate and the one renderer."""

from __future__ import annotations

import html
import subprocess
import sys
from decimal import Decimal

import pytest

from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.money import format_vnd
from ictcost.report.explain import (
    explain_contingency,
    explain_lookup,
    explain_regime,
    explain_trace,
    render_note,
)
from ictcost.report.summary import summary_rows
from ictcost.report.text import (
    computation_details,
    method_label,
    notes_text,
    to_dataframe,
    to_html,
    to_markdown,
    vat_label,
)

LINES = [
    {
        "id": "TB-01",
        "component": "thiet_bi",
        "name": "Máy chủ | bộ <2>",
        "method": "quotation",
        "vat": "general",
        "unit": "bộ",
        "quantity": 2,
        "quotes": [
            {"source": "A", "unit_price": 285_000_000},
            {"source": "B", "unit_price": 292_000_000},
            {"source": "C", "unit_price": 279_500_000},
        ],
        "pick": "median",
    },
    {
        "id": "TB-02",
        "component": "thiet_bi",
        "name": "Bản quyền",
        "method": "quotation",
        "vat": "software",
        "quantity": 2,
        "unit_price": 38_000_000,
    },
    {
        "id": "K-01",
        "component": "chi_phi_khac",
        "name": "Kiểm thử",
        "method": "expert",
        "vat": "general",
        "expert": [
            {"description": "Kiểm thử xâm nhập", "person_days": 8, "day_rate": 3_200_000},
            {"description": "Báo cáo", "person_days": 2, "day_rate": 1_000_000},
        ],
    },
    {
        "id": "K-02",
        "component": "chi_phi_khac",
        "name": "Thẩm định giá",
        "method": "fixed",
        "vat": "general",
        "amount": 12_000_000,
        "basis": "Hợp đồng số 5/2025",
    },
    {
        "id": "QLDA",
        "component": "quan_ly_du_an",
        "name": "Quản lý dự án",
        "method": "norm",
        "vat": "not_applicable",
        "fee": {
            "item": "quan_ly_du_an",
            "category": "infrastructure",
            "base_lines": ["TB-01", "TB-02"],
        },
    },
]


def estimate(*, contingency: bool = True) -> Estimate:
    data: dict[str, object] = {
        "project": {"name": "Dự án <A> | B", "date": "2025-09-15", "form": "ktkt", "owner": "UBND"},
        "lines": LINES,
    }
    if contingency:
        data["contingency"] = {"on": "after_vat", "rate_percent": 5}
    return compute_estimate(load_project(data))


@pytest.fixture(scope="module")
def e() -> Estimate:
    return estimate()


# --- registration -------------------------------------------------------------------------------


def test_the_estimate_methods_call_the_registered_renderers(e: Estimate):
    assert e.to_markdown() == to_markdown(e)
    assert e._repr_html_() == to_html(e)
    assert list(e.to_dataframe()["id"]) == list(to_dataframe(e)["id"])


def test_import_ictcost_registers_the_renderers():
    code = (
        "import ictcost, sys\n"
        "from ictcost.estimate import compute_estimate, load_project\n"
        "e = compute_estimate(load_project({'project': {'name': 'P', 'date': '2025-09-15',"
        " 'form': 'ktkt'}, 'lines': [{'id': 'A', 'component': 'thiet_bi', 'name': 'X',"
        " 'method': 'quotation', 'vat': 'general', 'quantity': 1, 'unit_price': 5}]}))\n"
        "assert e.to_markdown().startswith('# P')\n"
        "assert '<table>' in e._repr_html_()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_header_reads_the_regime(e: Estimate):
    md = to_markdown(e)
    assert md.startswith("# Dự án <A> \\| B\n")
    assert f"- Chế độ pháp lý: {explain_regime(e.regime, 'vi')}" in md
    assert "- Chủ đầu tư: UBND" in md and "- Đơn vị lập: —" in md
    assert "hình thức: Dự án đầu tư — báo cáo kinh tế - kỹ thuật" in md


def test_markdown_summary_is_the_view_model(e: Estimate):
    md = to_markdown(e)
    section = md[md.index("## Tổng hợp") : md.index("## Chi tiết")]
    rows = [ln for ln in section.splitlines() if ln.startswith("| ") and "---" not in ln][1:]
    expected = summary_rows(e)
    assert len(rows) == len(expected)
    for text, row in zip(rows, expected, strict=True):
        cells = [c.strip() for c in text.strip("|").split("|")]
        assert cells[0] == ("" if row.number is None else str(row.number))
        assert row.label_vi in cells[1] and cells[2] == row.symbol
        assert cells[5].strip("*") == format_vnd(row.total)
    assert f"Bằng chữ: *{e.total_in_words}*." in md


def test_markdown_lines_carry_their_computation(e: Estimate):
    md = to_markdown(e)
    detail = md[md.index("## Chi tiết") :]
    assert "| Cách tính |" in detail
    for ln in e.lines:
        row = next(r for r in detail.splitlines() if r.startswith(f"| {ln.id} |"))
        assert row.rstrip().endswith(f"| {explain_trace(ln.trace, 'vi')} |"), row
        assert f"| {format_vnd(ln.amount)} |" in row and f"| {vat_label(ln)} |" in row
    assert "Máy chủ \\| bộ <2>" in detail  # the pipe is escaped, the cell stays one cell


def test_markdown_details_of_fees_and_expert_items(e: Estimate):
    md = to_markdown(e)
    section = md[md.index("## Diễn giải") :]
    qlda = e.line("QLDA")
    assert qlda.trace.kind == "fee"
    for lookup in qlda.trace.fee.lookups:
        assert f"- QLDA: {explain_lookup(lookup, 'vi')}" in section
    assert "- QLDA: Chi phí làm cơ sở tính: TB-01, TB-02" in section
    assert "- K-01: Kiểm thử xâm nhập: 8 ngày công × 3.200.000 đ = 25.600.000 đ" in section
    assert "- TB-01:" not in section  # a quotation says everything in its one line


def test_markdown_contingency_and_notes(e: Estimate):
    md = to_markdown(e)
    assert e.contingency is not None
    assert (
        f"Dự phòng: {explain_contingency(e.contingency, 'vi')} = "
        f"{format_vnd(e.contingency.total)} đồng." in md
    )
    notes = md[md.index("## Ghi chú") :]
    for ln in e.lines:
        for n in ln.notes:
            assert f"- {ln.id}: {render_note(n, 'vi')}" in notes
    for n in e.contingency.notes:
        assert f"- {render_note(n, 'vi')}" in notes
    assert "legacy.text" not in md


def test_markdown_without_contingency():
    md = to_markdown(estimate(contingency=False))
    assert "G_DP" not in md and "Dự phòng:" not in md


def test_method_label_marks_a_reference_estimate():
    project = {
        "project": {"name": "P", "date": "2026-08-01", "form": "investment_project"},
        "lines": [LINES[0], LINES[-1] | {"fee": LINES[-1]["fee"] | {"base_lines": ["TB-01"]}}],
    }
    later = compute_estimate(load_project(project))
    qlda = later.line("QLDA")
    assert qlda.method_status == "reference"
    assert method_label(qlda) == "Định mức tỷ lệ (tham khảo)"
    assert "Định mức tỷ lệ (tham khảo)" in to_markdown(later)


def test_vat_labels(e: Estimate):
    assert vat_label(e.line("TB-01")) == "8 %"
    assert vat_label(e.line("TB-02")) == "không chịu thuế"
    assert vat_label(e.line("QLDA")) == "—"


def test_computation_details_by_kind(e: Estimate):
    assert computation_details(e.line("TB-01")) == []
    assert computation_details(e.line("K-02")) == []
    assert len(computation_details(e.line("K-01"))) == 2


def test_notes_text_prefixes_line_notes(e: Estimate):
    texts = notes_text(e)
    assert len(texts) == (
        len(e.notes)
        + sum(len(ln.notes) for ln in e.lines)
        + (len(e.contingency.notes) if e.contingency else 0)
    )


# --- HTML and DataFrame -------------------------------------------------------------------------


def test_html_summary(e: Estimate):
    out = to_html(e)
    assert f"<strong>{html.escape(e.name)}</strong>" in out
    assert html.escape(explain_regime(e.regime, "vi")) in out
    assert out.count("<tr>") == 1 + len(summary_rows(e))
    assert f"<th style='text-align:right'>{format_vnd(e.total)}</th>" in out
    assert "<A>" not in out


def test_dataframe_has_the_computation(e: Estimate):
    df = to_dataframe(e)
    assert list(df["id"]) == [ln.id for ln in e.lines]
    assert list(df["computation"]) == [explain_trace(ln.trace, "vi") for ln in e.lines]
    assert isinstance(df["amount"].iloc[0], Decimal)
