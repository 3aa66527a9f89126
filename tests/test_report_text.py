"""Markdown, HTML and DataFrame outputs: they read the typed estimate and the one renderer."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ictcost.errors import InputError
from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.money import format_vnd
from ictcost.report.explain import (
    explain_contingency,
    explain_lookup,
    explain_trace,
    render_note,
)
from ictcost.report.text import (
    DATAFRAME_COLUMNS,
    computation_details,
    method_label,
    notes_text,
    row_cells,
    summary_table,
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
        "assert '<table' in e._repr_html_() and 'TỔNG CỘNG' in e._repr_html_()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_header_reads_the_regime(e: Estimate):
    md = to_markdown(e)
    assert md.startswith("# Dự án &lt;A> \\| B\n")  # raw HTML escaped (review D19)
    assert "- Chế độ pháp lý: NĐ 73/2019/NĐ-CP, thông tư 04/2020/TT-BTTTT" in md
    assert e.regime.id not in md  # never an internal id in a Vietnamese document
    assert "- Ngày: 15/09/2025 — hình thức:" in md
    assert "- Chủ đầu tư: UBND" in md and "- Đơn vị lập: —" in md
    assert "hình thức: Dự án đầu tư — báo cáo kinh tế - kỹ thuật" in md


def test_markdown_summary_is_the_view_model(e: Estimate):
    md = to_markdown(e)
    section = md[md.index("## Tổng hợp") : md.index("## Chi tiết")]
    rows = [ln for ln in section.splitlines() if ln.startswith("| ") and "---" not in ln][1:]
    expected = summary_table(e)
    assert len(rows) == len(expected)
    for text, row in zip(rows, expected, strict=True):
        cells = [c.strip() for c in text.strip("|").split("|")]
        assert cells[0] == ("" if row.number is None else str(row.number))
        assert cells[2] == row.symbol
        if row.kind == "group":
            assert row.label_vi == cells[1]
        assert cells[5].strip("*") == format_vnd(row.total)
    assert [c.strip("| *") for c in rows[-3:][0].split("|")[2:3]] == ["Cộng (chưa gồm dự phòng)"]
    assert "**TỔNG CỘNG**" in rows[-1]
    assert f"Bằng chữ: *{e.total_in_words}*." in md


def _amount(cell: str) -> Decimal | None:
    cell = cell.strip(" *")
    return Decimal(cell.replace(".", "").replace(",", "")) if cell else None


def _md_summary(md: str) -> list[list[str]]:
    section = md[md.index("## Tổng hợp") : md.index("## Chi tiết")]
    rows = [ln for ln in section.splitlines() if ln.startswith("| ") and "---" not in ln][1:]
    return [[c.strip() for c in r.strip("|").split("|")] for r in rows]


def _html_summary(out: str) -> list[list[str]]:
    table = out[: out.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    return [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows]


def _assert_adds_up(cells: list[list[str]], e: Estimate) -> None:
    """Every row with before-VAT and VAT adds up; down the table the totals add up."""
    figures = [(c[1].strip("*"), c[2], _amount(c[3]), _amount(c[4]), _amount(c[5])) for c in cells]
    for label, _symbol, amount, vat, total in figures:
        if amount is not None or vat is not None:
            assert amount is not None and vat is not None, label
            assert amount + vat == total, label
    groups = [f for f, c in zip(figures, cells, strict=True) if c[0] and f[1] != "G_DP"]
    grand = figures[-1]
    assert grand[0].upper() in {"TỔNG CỘNG", "TOTAL"} and grand[4] == e.total
    if e.contingency is None:
        assert len(figures) == len(groups) + 1
        assert grand[2] == sum(g[2] or 0 for g in groups) == e.amount
        assert grand[3] == sum(g[3] or 0 for g in groups) == e.vat
        assert grand[4] == sum(g[4] or 0 for g in groups)
        return
    subtotal, contingency = figures[-3], figures[-2]
    assert subtotal[0] in {"Cộng (chưa gồm dự phòng)", "Subtotal (before contingency)"}
    assert contingency[1] == "G_DP"
    for i in (2, 3, 4):
        assert subtotal[i] == sum(g[i] or 0 for g in groups)
    assert (subtotal[2], subtotal[3]) == (e.amount, e.vat)
    assert (contingency[2], contingency[3], contingency[4]) == (None, None, e.contingency.total)
    assert (grand[2], grand[3]) == (None, None)  # the contingency has no pre-VAT split
    assert subtotal[4] + contingency[4] == grand[4]


@pytest.mark.parametrize("with_contingency", [True, False])
def test_every_total_row_adds_up_in_markdown_and_html(with_contingency: bool):
    e = estimate(contingency=with_contingency)
    assert (e.contingency is not None) == with_contingency
    _assert_adds_up(_md_summary(to_markdown(e)), e)
    _assert_adds_up(_html_summary(to_html(e, "vi")), e)


def test_row_cells_blank_what_does_not_add_up(e: Estimate):
    rows = summary_table(e)
    total = rows[-1]
    assert total.kind == "total" and total.amount is not None and total.vat is not None
    assert total.amount + total.vat != total.total  # the view-model's total includes G_DP
    assert row_cells(total) == (None, None, total.total)
    group = rows[1]
    assert row_cells(group) == (group.amount, group.vat, group.total)


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


def test_markdown_in_english(e: Estimate):
    md = e.to_markdown("en")
    assert "- Owner: UBND" in md and "- Date: 2025-09-15 — document:" in md
    assert "## Summary" in md and "**Subtotal (before contingency)**" in md and "**TOTAL**" in md
    assert "| Line | Item | Method |" in md and "| not subject to VAT |" in md
    assert f"**{e.total:,}**" in md  # English separators
    assert f"In words (Vietnamese): *{e.total_in_words}*." in md
    for word in ("Chủ đầu tư", "Tổng hợp", "không chịu thuế", "Báo giá |"):
        assert word not in md, word
    _assert_adds_up(
        _md_summary(md.replace("## Summary", "## Tổng hợp").replace("## Lines", "## Chi tiết")), e
    )


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
    out = to_html(e, "vi")
    assert f"<strong>{html.escape(e.name)}</strong>" in out
    assert "NĐ 73/2019/NĐ-CP, thông tư 04/2020/TT-BTTTT" in out and e.regime.id not in out
    summary = out[: out.index("</table>")]
    assert summary.count("<tr>") == 1 + len(summary_table(e))
    assert f"font-weight:bold;white-space:nowrap'>{format_vnd(e.total)}</td>" in summary
    assert "<A>" not in out and "&lt;A&gt;" in out
    assert f"Bằng chữ: {e.total_in_words}." in out
    lines = out[out.index("Các dòng chi phí") :]
    assert all(f">{ln.id}</td>" in lines for ln in e.lines)
    assert f"<li style='text-align:left'>{html.escape(notes_text(e)[0])}</li>" in out


def test_html_in_english(e: Estimate):
    out = to_html(e, "en")
    assert "Subtotal (before contingency)" in out and ">TOTAL</td>" in out
    assert "not subject to VAT" in out and "không chịu thuế" not in out
    assert "2025-09-15" in out
    with pytest.raises(InputError, match="language 'fr'"):
        to_html(e, "fr")  # type: ignore[arg-type]


def test_dataframe_columns_and_types(e: Estimate):
    df = to_dataframe(e, lang="vi")
    assert tuple(df.columns) == DATAFRAME_COLUMNS
    assert list(df["id"]) == [ln.id for ln in e.lines]
    assert list(df["computation"]) == [explain_trace(ln.trace, "vi") for ln in e.lines]
    assert list(df["group_symbol"]) == [
        next(c.symbol for c in e.components if c.key == ln.group) for ln in e.lines
    ]
    assert df.loc[0, "component_label"] == "Thiết bị, phần mềm thương mại"
    assert df.loc[0, "method_label"] == "Báo giá"
    assert isinstance(df["amount"].iloc[0], Decimal)
    assert df["in_total"].dtype == "boolean" and df["name"].dtype == pd.StringDtype()
    # one missing value throughout: pd.NA, never NaN or None
    for column in ("unit", "quantity", "unit_price", "vat_rate", "basis"):
        missing = [v for v in df[column] if v is pd.NA]
        assert missing, column
        assert not [v for v in df[column] if v is None or (isinstance(v, float) and v != v)]
    english = to_dataframe(e, lang="en")
    assert english.loc[0, "component_label"] == "Equipment and commercial software"
    assert english.loc[0, "method_label"] == "Quotations"


def test_dataframe_money_modes(e: Estimate):
    exact = e.to_dataframe()
    as_int = e.to_dataframe(money="int")
    as_float = e.to_dataframe(money="float")
    assert str(as_int["total"].dtype) == "Int64" and str(as_float["total"].dtype) == "Float64"
    assert int(as_int["total"].sum()) == sum(ln.total for ln in e.lines)
    assert list(as_int["amount"]) == [int(v) for v in exact["amount"]]
    assert as_int["unit_price"].isna().sum() == exact["unit_price"].isna().sum()
    with pytest.raises(InputError, match="money='cents'"):
        e.to_dataframe(money="cents")  # type: ignore[arg-type]


def test_dataframe_int_refuses_a_fractional_unit_price():
    line = dict(LINES[1], unit_price="38000000.5")
    e = compute_estimate(
        load_project(
            {"project": {"name": "P", "date": "2025-09-15", "form": "ktkt"}, "lines": [line]}
        )
    )
    assert e.lines[0].unit_price == Decimal("38000000.5")
    with pytest.raises(InputError, match="unit_price of TB-02") as info:
        e.to_dataframe(money="int")
    assert "money='decimal'" in (info.value.hint or "")
    assert e.to_dataframe(money="decimal").loc[0, "unit_price"] == Decimal("38000000.5")


def test_to_xlsx_writes_the_workbook(e: Estimate, tmp_path: Path):
    written = e.to_xlsx(str(tmp_path / "e.xlsx"))
    assert written == tmp_path / "e.xlsx" and written.stat().st_size > 1000
    book = openpyxl.load_workbook(written)
    assert "Tổng hợp" in book.sheetnames


_WITHOUT = (
    "import sys\n"
    "sys.modules[{module!r}] = None\n"
    "import ictcost\n"
    "from ictcost.estimate import compute_estimate, load_project\n"
    "e = compute_estimate(load_project({{'project': {{'name': 'P', 'date': '2025-09-15',"
    " 'form': 'ktkt'}}, 'lines': [{{'id': 'A', 'component': 'thiet_bi', 'name': 'X',"
    " 'method': 'quotation', 'vat': 'general', 'quantity': 1, 'unit_price': 5}}]}}))\n"
    "try:\n"
    "    {call}\n"
    "except ImportError as exc:\n"
    "    print(exc)\n"
)


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("xlsxwriter", "e.to_xlsx('never.xlsx')", "excel"),  # XlsxWriter writes the workbook
        ("pandas", "e.to_dataframe()", "pandas"),
    ],
)
def test_a_missing_extra_is_named_with_its_install_command(module, call, extra, tmp_path):
    code = _WITHOUT.format(module=module, call=call)
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert f"pip install 'ictcost[{extra}]'" in done.stdout
    assert f"pip install -e '.[{extra}]'" in done.stdout
    assert not (tmp_path / "never.xlsx").exists()
