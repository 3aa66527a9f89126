"""The Excel workbook: sheets, live formulas with cached values, the check sheet, safety, atomicity."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")

from ictcost import NormRegistry  # noqa: E402 - after the importorskip
from ictcost.estimate import Estimate, compute_estimate, load_project  # noqa: E402
from ictcost.notes import note  # noqa: E402
from ictcost.report import _xlsx_audit as excel_audit  # noqa: E402
from ictcost.report import _xlsx_book, _xlsx_write, excel, messages  # noqa: E402
from ictcost.report._xlsx_software import CHAIN  # noqa: E402
from ictcost.report.excel import (  # noqa: E402
    CHECK,
    CITATIONS,
    DETAIL,
    EQUIPMENT,
    FEES,
    OTHER,
    SHEETS,
    SOFTWARE,
    SUMMARY,
    build_workbook,
    write_xlsx,
)
from ictcost.report.layout import SUMMARY_KEY_LABELS  # noqa: E402

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
FIRST = excel.DETAIL_HEADER_ROW + 1


def sample() -> Estimate:
    return compute_estimate(
        load_project(EXAMPLES / "portal-project.yaml"), registry=REG, base_dir=EXAMPLES
    )


def project(lines, *, date="2025-09-15", form="investment_project", contingency=None):
    data = {"project": {"name": "P", "date": date, "form": form}, "lines": lines}
    if contingency is not None:
        data["contingency"] = contingency
    return compute_estimate(load_project(data))


def server(**changes):
    return {
        "id": "TB-01",
        "component": "thiet_bi",
        "name": "Máy chủ",
        "method": "quotation",
        "vat": "general",
        "unit": "bộ",
        "quantity": 2,
        "unit_price": 100_000_000,
    } | changes


@pytest.fixture(scope="module")
def estimate() -> Estimate:
    return sample()


@pytest.fixture(scope="module")
def path(estimate, tmp_path_factory) -> Path:
    return write_xlsx(estimate, tmp_path_factory.mktemp("xlsx") / "portal.xlsx")


@pytest.fixture(scope="module")
def wb(path):
    return openpyxl.load_workbook(path)  # data_only=False: the formulas


@pytest.fixture(scope="module")
def cached(path):
    return openpyxl.load_workbook(path, data_only=True)  # the cached values


def detail_rows(wb) -> dict[str, int]:
    ws = wb[DETAIL]
    return {ws.cell(row=r, column=2).value: r for r in range(FIRST, ws.max_row + 1)}


def summary_rows(wb) -> dict[str, int]:
    """Rows of Tổng hợp by symbol (column C) or label (column B)."""
    ws = wb[SUMMARY]
    out = {}
    for r in range(1, ws.max_row + 1):
        for col in (3, 2, 1):
            value = ws.cell(row=r, column=col).value
            if isinstance(value, str) and value not in out:
                out[value] = r
    return out


def formula_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield ws.title, cell


# --- structure -----------------------------------------------------------------------------------


def test_sheet_names_frozen_panes_and_print_setup(wb):
    assert wb.sheetnames == list(SHEETS)
    assert wb.sheetnames == [
        "Tổng hợp",
        "Chi tiết",
        "Phí theo định mức",
        "Phần mềm",
        "Thiết bị",
        "Diễn giải khác",
        "Trích dẫn",
        "Kiểm tra",
    ]
    assert wb[DETAIL].freeze_panes == f"D{FIRST}"  # STT, Mã, Ký hiệu stay in view
    header = summary_rows(wb)["STT"]
    assert wb[SUMMARY].freeze_panes == f"A{header + 1}"
    for ws in wb.worksheets:
        assert ws.freeze_panes is not None
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4, the detail sheet too (it was A3)
        assert ws.page_setup.fitToWidth in {None, 1}  # 1, the format's default, may be omitted
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "Trang &P/&N"
        top = int(ws.freeze_panes[1:]) - 1
        assert ws.print_title_rows == f"${top}:${top}"
        assert all(c.font.b for c in ws[top] if c.value is not None)  # bold header
    assert wb[DETAIL].column_dimensions["D"].width == 34
    assert wb.calculation.fullCalcOnLoad


def test_every_line_appears_once(wb, estimate):
    ids = [wb[DETAIL].cell(row=r, column=2).value for r in range(FIRST, wb[DETAIL].max_row + 1)]
    assert ids == [ln.id for ln in estimate.lines]
    assert set(Counter(ids).values()) == {1}


def test_each_line_has_its_citation_and_basis_in_its_row(wb, estimate):
    rows = detail_rows(wb)
    ws = wb[DETAIL]
    for line in estimate.lines:
        r = rows[line.id]
        assert ws.cell(row=r, column=16).value.startswith(line.citations[0].ref)
        assert ws.cell(row=r, column=15).value == line.basis
    long = ws.cell(row=rows["PM-01"], column=16).value
    assert len(long) < 500
    assert "trích dẫn khác" in long


# --- formulas and their cached values ------------------------------------------------------------


def test_detail_formulas(wb, estimate):
    ws = wb[DETAIL]
    rows = detail_rows(wb)
    for line in estimate.lines:
        r = rows[line.id]
        amount = ws.cell(row=r, column=9).value
        if line.quantity is not None and line.unit_price is not None:
            assert amount == f"=ROUND(F{r}*G{r},0)"
        if line.vat_treatment == "taxable":
            assert ws.cell(row=r, column=10).value == int(line.vat_rate)
            assert ws.cell(row=r, column=11).value == f"=ROUND(I{r}*J{r}/100,0)"
        else:
            assert ws.cell(row=r, column=11).value == 0
            assert ws.cell(row=r, column=10).value in {"không chịu thuế", "—"}
        assert ws.cell(row=r, column=12).value == f"=I{r}+K{r}"
    # links to the breakdown sheets
    assert ws.cell(row=rows["TB-01"], column=7).value.startswith(f"='{EQUIPMENT}'!F")
    assert ws.cell(row=rows["PM-01"], column=9).value.startswith(f"='{SOFTWARE}'!D")
    assert ws.cell(row=rows["QLDA"], column=9).value.startswith(f"='{FEES}'!O")
    assert ws.cell(row=rows["DL-01"], column=9).value.startswith(f"='{OTHER}'!D")
    assert ws.cell(row=rows["K-01"], column=9).value == 12_000_000  # a given amount
    # the minimum applied: a link to MAX(ROUND(Gi*Ni/100*K,0), minimum) on the fee sheet
    assert ws.cell(row=rows["TV-02"], column=9).value.startswith(f"='{FEES}'!O")


def test_cached_values_equal_python(wb, cached, estimate):
    assert cached[DETAIL].cell(row=detail_rows(wb)["TV-02"], column=9).value == 2_000_000
    ws, wv = wb[DETAIL], cached[DETAIL]
    rows = detail_rows(wb)
    for line in estimate.lines:
        r = rows[line.id]
        for col, value in ((9, line.amount), (11, line.vat), (12, line.total)):
            assert wv.cell(row=r, column=col).value == value, (line.id, col)
            assert ws.cell(row=r, column=col).number_format == "[$-42A]#,##0"
            assert ws.cell(row=r, column=col).data_type in {"n", "f"}  # never text
    for sheet, cell in formula_cells(wb):
        if cell.value.startswith("=IF("):  # the words check: an empty text while the total holds
            continue
        assert cached[sheet][cell.coordinate].value is not None, (sheet, cell.coordinate)


def test_summary_formulas_and_totals(wb, cached, estimate):
    ws, wv = wb[SUMMARY], cached[SUMMARY]
    rows = summary_rows(wb)
    last = FIRST + len(estimate.lines) - 1
    amounts = 0
    for comp in estimate.components:
        r = rows[comp.symbol]
        assert ws.cell(row=r, column=2).value == comp.label_vi
        assert ws.cell(row=r, column=5).value == (
            f"=SUMIFS('Chi tiết'!$I${FIRST}:$I${last},'Chi tiết'!$C${FIRST}:$C${last},C{r})"
        )
        assert ws.cell(row=r, column=6).value.startswith("=SUMIFS('Chi tiết'!$K$")
        assert ws.cell(row=r, column=7).value == f"=E{r}+F{r}"
        assert ws.cell(row=r, column=4).value.startswith("Σ")  # Cách tính before the amounts
        assert wv.cell(row=r, column=5).value == comp.amount
        assert wv.cell(row=r, column=6).value == comp.vat
        assert wv.cell(row=r, column=7).value == comp.total
        amounts += wv.cell(row=r, column=5).value
    assert amounts == estimate.amount
    order = [rows[c.symbol] for c in estimate.components]
    assert order == sorted(order)
    sub, dp, total = rows["Cộng (chưa gồm dự phòng)"], rows["G_DP"], rows["TỔNG CỘNG"]
    assert sub < dp < total
    assert ws.cell(row=sub, column=7).value == f"=SUM(G{order[0]}:G{order[-1]})"
    kps = rows[SUMMARY_KEY_LABELS["contingency_rate"]]
    assert ws.cell(row=dp, column=7).value == f"=ROUND(G{sub}*C{kps}/100,0)"  # TT 04: Kps 5 %
    assert ws.cell(row=kps, column=3).value == 5  # the parameter cell, a number
    assert ws.cell(row=rows[SUMMARY_KEY_LABELS["contingency_rule"]], column=3).value == (
        "single_coefficient"
    )
    assert ws.cell(row=rows[SUMMARY_KEY_LABELS["contingency_on"]], column=3).value == "after_vat"
    assert ws.cell(row=rows[SUMMARY_KEY_LABELS["regime_override"]], column=3).value == "—"
    assert ws.cell(row=total, column=7).value == f"=G{sub}+G{dp}"
    assert wv.cell(row=sub, column=7).value == estimate.total_before_contingency
    assert wv.cell(row=dp, column=7).value == estimate.contingency.total
    assert wv.cell(row=total, column=7).value == estimate.total
    words = rows["Bằng chữ:"]
    assert ws.cell(row=words, column=3).value == estimate.total_in_words
    assert any(
        isinstance(v, str) and "Mức trần Kps" in v for v in (c.value for c in ws["B"][words:])
    )


def test_check_sheet_compares_every_total(wb, cached, estimate):
    ws, wv = wb[CHECK], cached[CHECK]
    rows = range(6, ws.max_row + 1)
    assert ws["D3"].value == f'=COUNTIF(F6:F{rows[-1]},"<>0")'
    assert wv["D3"].value == 0
    # one row per checked row: every line, every group, the subtotal, the contingency, the total
    assert len(rows) == len(estimate.lines) + len(estimate.components) + 1 + 2
    detail = detail_rows(wb)
    for line in estimate.lines:
        r = 6 + estimate.lines.index(line)
        d = detail[line.id]
        assert ws.cell(row=r, column=1).value == line.id
        assert ws.cell(row=r, column=2).value == f"'{DETAIL}'!I{d}, K{d}, L{d}"
        assert [ws.cell(row=r, column=c).value for c in (3, 4, 5)] == [
            line.amount,
            line.vat,
            line.total,
        ]
        assert ws.cell(row=r, column=6).value == (
            f"=ABS('{DETAIL}'!I{d}-C{r})+ABS('{DETAIL}'!K{d}-D{r})+ABS('{DETAIL}'!L{d}-E{r})"
        )
    for r in rows:
        assert wv.cell(row=r, column=6).value == 0
        assert ws.cell(row=r, column=6).value.startswith("=ABS(")
    total = summary_rows(wb)["TỔNG CỘNG"]
    assert ws.cell(row=rows[-1], column=1).value == "TỔNG CỘNG"
    assert ws.cell(row=rows[-1], column=2).value == f"'{SUMMARY}'!G{total}"
    assert ws.cell(row=rows[-1], column=5).value == estimate.total
    assert ws.cell(row=rows[-1], column=6).value == f"=ABS('{SUMMARY}'!G{total}-E{rows[-1]})"
    assert ws.cell(row=rows[-1], column=3).value is None  # the total has no pre-VAT part
    kinds = {rule.type for rng in ws.conditional_formatting for rule in rng.rules}
    assert kinds == {"cellIs"}


def test_breakdown_sheets(wb, cached, estimate):
    eq = wb[EQUIPMENT]
    assert eq["F4"].value == "=MEDIAN(F5:F7)"
    assert cached[EQUIPMENT]["F4"].value == 285_000_000
    assert [eq.cell(row=r, column=6).value for r in (5, 6, 7)] == [285e6, 292e6, 279.5e6]
    fees = wb[FEES]
    assert fees["B4"].value == "QLDA"
    assert fees["O4"].value == "=ROUND(N4*L4/100*M4,0)"
    assert fees["L4"].value == "=SUM(K5:K5)"
    assert fees["I5"].value == "=H5"  # below the first breakpoint: the first rate
    # the base Gi sums the base lines' amounts in Chi tiết (QLDA's derived base: PM-01, DL-01)
    rows = detail_rows(wb)
    assert rows["DL-01"] == rows["PM-01"] + 1
    assert fees["N4"].value == f"=SUM('{DETAIL}'!I{rows['PM-01']}:I{rows['DL-01']})"
    assert cached[FEES]["N4"].value == 549_535_330
    assert cached[FEES]["O4"].value == estimate.line("QLDA").amount
    sw = wb[SOFTWARE]
    symbols = [sw.cell(row=r, column=3).value for r in range(5, 21)]
    assert symbols[0] == "TAW"
    assert symbols[-1] == "G_PM"
    assert sw["D20"].value == "=ROUND(D17+D18+D19,0)"
    assert cached[SOFTWARE]["D20"].value == 482_035_330
    assert sw["E20"].value == "G + C + TL"
    other = wb[OTHER]
    assert other["D4"].value == "=ROUND(SUM(D5:D6),0)"


def test_citations_sheet_lists_every_distinct_citation_once(wb, estimate):
    ws = wb[CITATIONS]
    uses = [(ln.id, c) for ln in estimate.lines for c in ln.citations]
    uses += [("Dự phòng", c) for c in estimate.contingency.citations]
    distinct: dict[str, list[str]] = {}
    for line_id, c in uses:
        ids = distinct.setdefault(c.model_dump_json(), [])
        if line_id not in ids:
            ids.append(line_id)
    rows = range(4, ws.max_row + 1)
    assert len(rows) == len(distinct) < len(uses)
    order = {ln.id: i for i, ln in enumerate(estimate.lines)}
    for r, ids in zip(rows, distinct.values(), strict=True):
        assert ws.cell(row=r, column=2).value == excel_audit.line_runs(ids, order)
    # every (line, reference) pair is still there: a line's ids are in its citation's row
    refs = {ws.cell(row=r, column=3).value for r in rows}
    assert refs == {c.ref for _, c in uses}
    assert ws["C4"].value == estimate.lines[0].citations[0].ref
    assert ws["E4"].value == estimate.lines[0].citations[0].instrument
    assert ws["H4"].value.startswith("S1: ")


def test_line_runs_are_compact_and_lose_no_line():
    order = {f"L{i}": i for i in range(10)}
    assert excel_audit.line_runs(["L0", "L1", "L2", "L3"], order) == "L0 … L3 (4 dòng)"
    assert excel_audit.line_runs(["L0", "L1", "L5"], order) == "L0, L1, L5"
    assert excel_audit.line_runs(["L2", "L3", "L4", "L7", "Dự phòng"], order) == (
        "L2 … L4 (3 dòng), L7, Dự phòng"
    )
    assert excel_audit.line_runs([], order) == ""


@settings(max_examples=50)
@given(st.sets(st.integers(0, 60)))
def test_line_runs_name_every_line_of_every_run(chosen):
    ids = [f"L{i}" for i in sorted(chosen)]
    order = {f"L{i}": i for i in range(61)}
    text = excel_audit.line_runs(ids, order)
    listed: list[int] = []
    for part in filter(None, text.split(", ")):
        if " … " in part:
            first, rest = part.split(" … ")
            last, count = rest.split(" (")
            a, b = int(first[1:]), int(last[1:])
            assert count == f"{b - a + 1} dòng)"
            listed.extend(range(a, b + 1))
        else:
            listed.append(int(part[1:]))
    assert listed == sorted(chosen)


# --- other estimates -----------------------------------------------------------------------------


def open_both(est, tmp_path):
    p = write_xlsx(est, tmp_path / "e.xlsx")
    return openpyxl.load_workbook(p), openpyxl.load_workbook(p, data_only=True)


def test_two_part_contingency_and_mean_quotes(tmp_path):
    quotes = [
        {"source": "A", "unit_price": 100},
        {"source": "B", "unit_price": 100},
        {"source": "C", "unit_price": 101},
    ]
    est = project(
        [
            server(),
            server(id="TB-02", unit_price=None, quantity=3, quotes=quotes, pick="mean"),
        ],
        date="2026-08-01",
        contingency={"on": "after_vat", "volume_percent": 5, "escalation_amount": 1_234_567},
    )
    wb, wv = open_both(est, tmp_path)
    rows = summary_rows(wb)
    sub, dp = rows["Cộng (chưa gồm dự phòng)"], rows["G_DP"]
    vol = rows[SUMMARY_KEY_LABELS["contingency_volume"]]
    esc = rows[SUMMARY_KEY_LABELS["contingency_escalation"]]
    assert wb[SUMMARY].cell(row=dp, column=7).value == f"=ROUND(G{sub}*C{vol}/100,0)+C{esc}"
    assert wb[SUMMARY].cell(row=vol, column=3).value == 5
    assert wb[SUMMARY].cell(row=esc, column=3).value == 1_234_567
    assert SUMMARY_KEY_LABELS["contingency_rate"] not in rows
    assert wv[SUMMARY].cell(row=dp, column=7).value == est.contingency.total
    assert wv[SUMMARY].cell(row=rows["TỔNG CỘNG"], column=7).value == est.total
    # the mean of 100, 100, 101 is 100.333…; × 3 = 301 exactly
    assert est.line("TB-02").amount == 301
    eq = wb[EQUIPMENT]
    r = next(r for r in range(4, eq.max_row + 1) if eq.cell(row=r, column=2).value == "TB-02")
    assert eq.cell(row=r, column=6).value == f"=AVERAGE(F{r + 1}:F{r + 3})"
    assert wv[DETAIL].cell(row=FIRST + 1, column=9).value == 301
    assert wb[SUMMARY]["C7"].value.startswith("Nghị định số 224/2026/NĐ-CP")  # the regime, in words


def test_before_vat_and_no_contingency(tmp_path):
    est = project([server()], contingency={"on": "before_vat", "rate_percent": 5})
    wb, wv = open_both(est, tmp_path)
    rows = summary_rows(wb)
    sub, dp = rows["Cộng (chưa gồm dự phòng)"], rows["G_DP"]
    kps = rows[SUMMARY_KEY_LABELS["contingency_rate"]]
    assert wb[SUMMARY].cell(row=dp, column=7).value == f"=ROUND(E{sub}*C{kps}/100,0)"
    assert wv[SUMMARY].cell(row=dp, column=7).value == 10_000_000
    none = project([server()])
    wb, wv = open_both(none, tmp_path)
    rows = summary_rows(wb)
    assert wb[SUMMARY].cell(row=rows["G_DP"], column=7).value == 0
    rule = rows[SUMMARY_KEY_LABELS["contingency_rule"]]
    assert wb[SUMMARY].cell(row=rule, column=3).value == "—"
    assert SUMMARY_KEY_LABELS["contingency_on"] not in rows
    assert wv[SUMMARY].cell(row=rows["TỔNG CỘNG"], column=7).value == none.total == 216_000_000


def test_rental_and_expert_lines(tmp_path):
    rent = {
        "id": "T-01",
        "component": "thue_dich_vu",
        "name": "Thuê dịch vụ",
        "method": "calculation",
        "vat": "general",
        "rental": {
            "build_cost": 1_200_000_000,
            "residual_value": 0,
            "annual_rate_percent": 6,
            "periods_per_year": 12,
            "periods": 36,
            "timing": "end",
        },
    }
    expert = {
        "id": "E",
        "component": "dao_tao",
        "name": "Đào tạo",
        "method": "expert",
        "vat": "general",
        "expert": [{"description": "GV", "person_days": "2.5", "day_rate": 2_000_001}],
    }
    est = project([rent, expert])
    wb, wv = open_both(est, tmp_path)
    ws = wb[OTHER]
    labels = [ws.cell(row=r, column=2).value for r in range(4, ws.max_row + 1)]
    assert "T-01" in labels
    assert "E" in labels
    assert wb[SOFTWARE].max_row == 3  # no use-case-point line: header only
    rows = detail_rows(wb)
    assert wb[DETAIL].cell(row=rows["T-01"], column=9).value.startswith(f"='{OTHER}'!D")
    assert wv[DETAIL].cell(row=rows["T-01"], column=9).value == est.line("T-01").amount
    # 2.5 × 2,000,001 = 5,000,002.5 → 5,000,003 (half up): ROUND(SUM) of the item
    assert est.line("E").amount == 5_000_003
    assert wv[DETAIL].cell(row=rows["E"], column=9).value == 5_000_003
    assert wv[CHECK]["D3"].value == 0


def rich() -> Estimate:
    """Every breakdown a workbook can show: mean and lowest quotes, an annuity and a period rental,
    a fractional expert item, a fee with K between two breakpoints, a fee on a given base."""
    quotes = [{"source": s, "unit_price": p} for s, p in (("A", 100), ("B", 100), ("C", 101))]
    big = [
        {"source": "A", "unit_price": 7_300_000_000},
        {"source": "B", "unit_price": 7_100_000_000},
    ]
    annuity = {
        "build_cost": 1_200_000_000,
        "residual_value": 100_000_000,
        "annual_rate_percent": "5.5",
        "periods_per_year": 12,
        "periods": 36,
        "timing": "beginning",
    }
    rental = {"id": "T-01", "component": "thue_dich_vu", "method": "calculation", "vat": "general"}
    experts = [
        {"description": "GV", "person_days": "2.5", "day_rate": 2_000_001},
        {"description": "TL", "person_days": "0.3", "day_rate": 1_000_000},
    ]
    fee = {"component": "quan_ly_du_an", "method": "norm", "vat": "not_applicable"}
    return project(
        [
            server(unit_price=None, quantity=3, quotes=quotes, pick="mean"),
            server(id="TB-02", unit_price=None, quantity=4, quotes=big, pick="lowest"),
            rental | {"name": "Thuê dịch vụ", "rental": annuity},
            rental
            | {
                "id": "T-02",
                "name": "Thuê máy chủ ảo",
                "rental": {"price_per_period": 12_500_000, "periods": 24},
            },
            {
                "id": "E",
                "component": "dao_tao",
                "name": "Đào tạo",
                "method": "expert",
                "vat": "general",
                "expert": experts,
            },
            fee
            | {
                "id": "QLDA",
                "name": "QLDA",
                "fee": {
                    "item": "quan_ly_du_an",
                    "category": "infrastructure",
                    "base_lines": ["TB-01", "TB-02"],
                    "conditions": ["island"],
                },
            },
            fee
            | {
                "id": "TV-01",
                "component": "tu_van",
                "vat": "general",
                "name": "Lập BCNCKT",
                "fee": {
                    "item": "lap_bao_cao_nghien_cuu_kha_thi",
                    "category": "infrastructure",
                    "base": 45_678_901_234,
                },
            },
        ],
        contingency={"on": "before_vat", "rate_percent": 7},
    )


def line_row(ws, line_id, col=2):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=col).value == line_id)


def same_number(have, want: Decimal) -> bool:
    """A cached value equals the library's figure (whole numbers exactly, others as a double)."""
    if want == want.to_integral_value():
        return have == int(want)
    return have == float(want)


def test_breakdowns_are_live_formulas_with_the_estimates_figures(tmp_path, estimate, wb, cached):
    est = rich()
    fw, fv = open_both(est, tmp_path)
    rows = detail_rows(fw)
    # a fee line: Gi = SUM of its base lines in Chi tiết, Nt interpolated, K, ROUND(Gi*Ni/100*K)
    fee = est.line("QLDA").trace.fee
    ws, wv = fw[FEES], fv[FEES]
    r = line_row(ws, "QLDA")
    assert ws.cell(row=r, column=14).value == f"=SUM('{DETAIL}'!I{rows['TB-01']}:I{rows['TB-02']})"
    assert wv.cell(row=r, column=14).value == fee.base
    assert ws.cell(row=r + 1, column=4).value == f"=N{r}/1000000000"
    assert ws.cell(row=r + 1, column=9).value == (
        f"=G{r + 1}-(G{r + 1}-H{r + 1})*(D{r + 1}-E{r + 1})/(F{r + 1}-E{r + 1})"
    )
    assert fee.lookups[0].interpolation.position == "between"
    lk = fee.lookups[0].interpolation
    assert [ws.cell(row=r + 1, column=c).value for c in (5, 6, 7, 8)] == [
        float(x) if x != x.to_integral_value() else int(x) for x in (lk.gb, lk.ga, lk.nb, lk.na)
    ]
    assert same_number(wv.cell(row=r + 1, column=9).value, lk.rate)
    assert ws.cell(row=r, column=12).value == f"=SUM(K{r + 1}:K{r + 1})"
    assert same_number(wv.cell(row=r, column=12).value, fee.rate_percent)
    assert ws.cell(row=r, column=13).value == f"=PRODUCT(M{r + 2})"  # the island K
    assert wv.cell(row=r, column=13).value == float(fee.k_product)
    assert ws.cell(row=r, column=15).value == f"=ROUND(N{r}*L{r}/100*M{r},0)"
    assert wv.cell(row=r, column=15).value == est.line("QLDA").amount
    assert fw[DETAIL].cell(row=rows["QLDA"], column=9).value == f"='{FEES}'!O{r}"
    given = line_row(ws, "TV-01")
    assert ws.cell(row=given, column=14).value == 45_678_901_234  # a base given as an amount
    assert wv.cell(row=given, column=15).value == est.line("TV-01").amount
    # a quotation line: the pick rule over the quotations, the amount ROUND(E*F)
    ws, wv = fw[EQUIPMENT], fv[EQUIPMENT]
    r = line_row(ws, "TB-02")
    assert ws.cell(row=r, column=6).value == f"=MIN(F{r + 1}:F{r + 2})"
    assert wv.cell(row=r, column=6).value == est.line("TB-02").trace.unit_price
    assert ws.cell(row=r, column=7).value == f"=ROUND(E{r}*F{r},0)"
    assert wv.cell(row=r, column=7).value == est.line("TB-02").amount
    assert fw[DETAIL].cell(row=rows["TB-02"], column=7).value == f"='{EQUIPMENT}'!F{r}"
    # an expert line: person-days × day rate per item, ROUND(SUM(items))
    ws, wv = fw[OTHER], fv[OTHER]
    r = line_row(ws, "E")
    assert ws.cell(row=r, column=4).value == f"=ROUND(SUM(D{r + 1}:D{r + 2}),0)"
    assert ws.cell(row=r + 1, column=4).value == f"=F{r + 1}*G{r + 1}"
    assert wv.cell(row=r + 1, column=4).value == 5_000_002.5
    assert wv.cell(row=r, column=4).value == est.line("E").amount == 5_300_003
    # rentals: the annuity (r, Gdv, Gtdv) and price × periods
    r = line_row(ws, "T-01")
    annuity = est.line("T-01").trace
    assert ws.cell(row=r + 6, column=4).value == f"=D{r + 3}/100/D{r + 4}"
    assert same_number(wv.cell(row=r + 6, column=4).value, annuity.rate_per_period)
    gdv = ws.cell(row=r + 7, column=4).value
    assert gdv.startswith(f"=(D{r + 1}*D{r + 6}*(1+D{r + 6})^D{r + 5}-D{r + 2}*D{r + 6})")
    assert gdv.endswith(f"/(1+D{r + 6})")  # paid at the beginning of the period
    assert same_number(wv.cell(row=r + 7, column=4).value, annuity.per_period)
    assert ws.cell(row=r, column=4).value == f"=ROUND(D{r + 8},0)"
    assert wv.cell(row=r, column=4).value == est.line("T-01").amount
    r = line_row(ws, "T-02")
    assert ws.cell(row=r, column=4).value == f"=ROUND(D{r + 1},0)"
    assert ws.cell(row=r + 1, column=4).value == f"=F{r + 1}*G{r + 1}"
    assert wv.cell(row=r, column=4).value == est.line("T-02").amount == 300_000_000
    for line_id in ("T-01", "T-02", "E"):
        assert fw[DETAIL].cell(row=rows[line_id], column=9).value.startswith(f"='{OTHER}'!D")
        assert fv[DETAIL].cell(row=rows[line_id], column=9).value == est.line(line_id).amount
    # the software chain: TAW … G_PM over the annex rows and the constants
    sw, sv = wb[SOFTWARE], cached[SOFTWARE]
    software = estimate.line("PM-01").trace.software
    at = {sw.cell(row=r, column=3).value: r for r in range(5, 21)}
    assert list(at) == list(CHAIN)
    for symbol, r in at.items():
        formula = sw.cell(row=r, column=4).value
        want = software.g_pm if symbol == "G_PM" else getattr(software, symbol)
        if symbol in {"P", "H"}:  # a band of ES and the labour rate: values of the result
            assert not isinstance(formula, str), symbol
        else:
            assert formula.startswith("="), symbol
        assert same_number(sv.cell(row=r, column=4).value, want), symbol
    assert sw.cell(row=at["TAW"], column=4).value == "=SUM(D22:D24)"
    assert sw.cell(row=at["UUCP"], column=4).value == f"=D{at['TAW']}+D{at['TBF']}"
    assert sw.cell(row=at["AUCP"], column=4).value == (f"=D{at['UUCP']}*D{at['TCF']}*D{at['EF']}")
    constants = {
        sw.cell(row=r, column=3).value: r
        for r in range(21, sw.max_row + 1)
        if sw.cell(row=r, column=5).value
        and str(sw.cell(row=r, column=5).value).startswith("ucp-constants/")
    }
    assert sw.cell(row=at["TCF"], column=4).value == (
        f"=D{constants['tcf_base']}+D{constants['tcf_per_tfw']}*D{at['TFW']}"
    )
    assert sw.cell(row=at["G"], column=4).value == (
        f"=D{constants['g_factor']}*D{at['E']}*D{at['P']}*D{at['H']}"
    )
    assert wb[DETAIL].cell(row=detail_rows(wb)["PM-01"], column=9).value == (
        f"='{SOFTWARE}'!D{at['G_PM']}"
    )


def cells(path):
    """Every formula and every number of a workbook, with the cached values."""
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type in {"n", "f"} and cell.value is not None:
                    cached_value = values[ws.title][cell.coordinate].value
                    if cached_value is None or isinstance(cached_value, str):
                        continue  # a text formula (the words check) quotes a message
                    out[ws.title, cell.coordinate] = (cell.value, cached_value)
    return out


@pytest.mark.parametrize("build", [sample, rich])
def test_renderer_wording_changes_no_formula_or_number(build, tmp_path, monkeypatch):
    est = build()
    plain = cells(write_xlsx(est, tmp_path / "plain.xlsx"))
    garbled = {
        code: messages.Message(vi=f"≈{code}≈", en=f"≈{code}≈") for code in messages.CATALOGUE
    }
    monkeypatch.setattr(messages, "CATALOGUE", garbled)  # the renderer reads it at call time
    p = write_xlsx(est, tmp_path / "garbled.xlsx")
    ws = openpyxl.load_workbook(p)[DETAIL]
    assert ws.cell(row=FIRST, column=8).value.startswith("≈trace.")  # the texts did change
    assert cells(p) == plain


# --- safety --------------------------------------------------------------------------------------

INJECTIONS = ['=HYPERLINK("http://evil.example","click")', "+1", "-x", "@SUM(A1)", "=1+1"]


def injected(estimate: Estimate) -> Estimate:
    lines = [
        line.model_copy(
            update={
                "name": INJECTIONS[i % len(INJECTIONS)],
                "basis": INJECTIONS[(i + 1) % len(INJECTIONS)],
                "notes": (
                    note(
                        "estimate.disputed_default",
                        ref=INJECTIONS[(i + 2) % len(INJECTIONS)],
                        value="1",
                    ),
                ),
                "unit": "=A1" if line.unit else None,
            }
        )
        for i, line in enumerate(estimate.lines)
    ]
    return estimate.model_copy(
        update={"lines": tuple(lines), "name": "=cmd|' /C calc'!A0", "owner": "@owner"}
    )


def test_user_text_is_never_a_formula(estimate, tmp_path):
    evil = injected(estimate)
    p = write_xlsx(evil, tmp_path / "evil.xlsx")
    wb = openpyxl.load_workbook(p)
    ws = wb[DETAIL]
    rows = detail_rows(wb)
    for line in evil.lines:
        r = rows[line.id]
        name, basis = ws.cell(row=r, column=4), ws.cell(row=r, column=15)
        assert (name.value, name.data_type) == (line.name, "s")
        assert (basis.value, basis.data_type) == (line.basis, "s")
        assert name.quotePrefix
        assert ws.cell(row=r, column=17).value.startswith(str(line.notes[0].params["ref"]))
    assert wb[SUMMARY]["C2"].value == "=cmd|' /C calc'!A0"
    assert wb[SUMMARY]["C2"].data_type == "s"
    assert wb[SUMMARY]["C3"].value == "@owner"
    assert wb.properties.title == "=cmd|' /C calc'!A0"
    # no formula anywhere holds user text
    for _, cell in formula_cells(wb):
        assert "HYPERLINK" not in cell.value
        assert "cmd" not in cell.value
        assert "@" not in cell.value
    with zipfile.ZipFile(p) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert "<f>HYPERLINK" not in xml
                assert "<f>1+1" not in xml
    # the sums still work
    assert openpyxl.load_workbook(p, data_only=True)[CHECK]["D3"].value == 0


@settings(max_examples=30)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=12))
def test_any_text_round_trips_as_text(texts):
    book = _xlsx_book.Book(SHEETS)
    ws = book.ws(DETAIL)
    for row, text in enumerate(texts, 1):
        book.text(ws, row, 1, text)
    back = openpyxl.load_workbook(io.BytesIO(_xlsx_write.render(book)))[DETAIL]
    for row, text in enumerate(texts, 1):
        cell = back.cell(row=row, column=1)
        if text:
            assert cell.data_type == "s"
            assert cell.value == _xlsx_book.clean(text)
        else:
            assert cell.value is None


def test_text_cleaning():
    assert _xlsx_book.clean("a\x00b\x1fc") == "a\ufffdb\ufffdc"
    assert _xlsx_book.clean("a\r\nb\rc") == "a\nb\nc"
    long = _xlsx_book.clean("x" * 40_000)
    assert len(long) == _xlsx_book.MAX_CELL_TEXT
    assert long.endswith("…")


# --- writing -------------------------------------------------------------------------------------


def test_atomic_write_failure_leaves_existing_file(estimate, tmp_path, monkeypatch):
    target = tmp_path / "e.xlsx"
    target.write_bytes(b"the previous workbook")
    seen = []

    def fail(fd):
        # midway: the temporary file is written beside the target, the target is untouched
        temps = [p for p in tmp_path.iterdir() if p != target]
        seen.extend(temps)
        assert temps[0].stat().st_size > 1000
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        write_xlsx(estimate, target)
    assert len(seen) == 1
    assert seen[0].name.startswith(".e.xlsx.")
    assert target.read_bytes() == b"the previous workbook"
    assert list(tmp_path.iterdir()) == [target]


def test_atomic_write_rename_failure_and_build_failure(estimate, tmp_path, monkeypatch):
    target = tmp_path / "e.xlsx"
    target.write_bytes(b"old")

    def no_rename(self, other):
        raise PermissionError("read-only folder")

    with monkeypatch.context() as m:
        m.setattr(Path, "replace", no_rename)
        with pytest.raises(PermissionError):
            write_xlsx(estimate, target)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]

    def broken(_book):
        raise RuntimeError("bug")

    monkeypatch.setattr(_xlsx_book.Book, "finish", broken)
    with pytest.raises(RuntimeError):
        write_xlsx(estimate, target)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_write_returns_the_path_and_keeps_file_modes(estimate, tmp_path):
    new = write_xlsx(estimate, str(tmp_path / "new.xlsx"))
    assert new == tmp_path / "new.xlsx"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"x")
    old.chmod(0o640)
    write_xlsx(estimate, old)
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert zipfile.is_zipfile(old)


def test_build_workbook_and_formulas_only(estimate, tmp_path):
    wb = build_workbook(estimate)
    assert isinstance(wb, openpyxl.Workbook)
    assert wb.sheetnames == list(SHEETS)
    assert wb.calculation.fullCalcOnLoad
    p = write_xlsx(estimate, tmp_path / "f.xlsx", cached_values=False)
    assert openpyxl.load_workbook(p)[DETAIL]["L4"].value == "=I4+K4"
    assert openpyxl.load_workbook(p, data_only=True)[DETAIL]["L4"].value is None


NUMBERS = ["0.085", "0.1", "1.855", "2.5", "1e-7", "123456789.125", "-0.03", "5000002.5"]


def test_cached_values_and_numbers_are_exact_in_the_file():
    """D21: a number and a formula's cached value are the shortest text of the nearest double."""
    book = _xlsx_book.Book(SHEETS)
    ws = book.ws(DETAIL)
    for row, text in enumerate(NUMBERS, 1):
        value = Decimal(text)
        book.num(ws, row, 1, value)
        book.formula(ws, row, 2, f"A{row}", value)
    book.num(ws, 20, 1, Decimal(9_007_199_254_740_993))  # above 2**53: written in full
    book.formula(ws, 20, 2, "A20", Decimal(9_007_199_254_740_993))
    raw = _xlsx_write.render(book)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    for row, text in enumerate(NUMBERS, 1):
        shortest = repr(float(Decimal(text)))
        assert f'<c r="A{row}" s="1"><v>{shortest}</v></c>' in xml or (
            f'<c r="A{row}" s="2"><v>{shortest}</v></c>' in xml
        ), text
        assert f"<f>A{row}</f><v>{shortest}</v>" in xml, text
    assert "0.08500000000000001" not in xml
    assert "<v>9007199254740993</v>" in xml
    assert "<f>A20</f><v>9007199254740993</v>" in xml
    back = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)[DETAIL]
    for row, text in enumerate(NUMBERS, 1):
        assert back.cell(row=row, column=1).value == float(Decimal(text))
        assert back.cell(row=row, column=2).value == float(Decimal(text))
    formulas_only = openpyxl.load_workbook(
        io.BytesIO(_xlsx_write.render(book, cached_values=False)), data_only=True
    )[DETAIL]
    assert formulas_only["B1"].value is None
    assert formulas_only["A1"].value == 0.085


# --- LibreOffice (when installed) ----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("build", [lambda: injected(sample()), rich], ids=["sample", "rich"])
def test_libreoffice_recalculation_equals_python(build, tmp_path):
    evil = build()
    source = tmp_path / "in" / "formulas.xlsx"
    source.parent.mkdir()
    build_workbook(evil).save(source)  # no cached values: every figure is LibreOffice's
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    expected = openpyxl.load_workbook(write_xlsx(evil, tmp_path / "ictcost.xlsx"), data_only=True)
    formulas = openpyxl.load_workbook(source)
    got = openpyxl.load_workbook(out / "formulas.xlsx", data_only=True)
    for sheet, cell in formula_cells(formulas):
        want = expected[sheet][cell.coordinate].value
        have = got[sheet][cell.coordinate].value
        if isinstance(want, str) or want is None:  # the words check: empty while the total holds
            assert have in {None, ""}, (sheet, cell.coordinate, have)
            assert want in {None, ""}, (sheet, cell.coordinate, want)
            continue
        if isinstance(want, int):  # whole đồng (ROUND results, sums of them): exactly
            assert have == want, (sheet, cell.coordinate)
        assert have == pytest.approx(want, rel=1e-12), (sheet, cell.coordinate)
    rows = summary_rows(formulas)
    assert got[SUMMARY].cell(row=rows["TỔNG CỘNG"], column=7).value == evil.total
    assert got[CHECK]["D3"].value == 0
    assert got[DETAIL]["D4"].value == evil.lines[0].name  # still text after LibreOffice


def test_constant_memory_mode_writes_the_same_workbook(estimate, tmp_path):
    book = excel._build(estimate)
    paths = []
    for mode in (False, True):
        p = tmp_path / f"mode-{mode}.xlsx"
        p.write_bytes(_xlsx_write.render(book, constant_memory=mode))
        paths.append(p)
    assert cells(paths[0]) == cells(paths[1])
    default, inline = (openpyxl.load_workbook(p) for p in paths)
    for a, b in zip(default.worksheets, inline.worksheets, strict=True):
        # (a row with a height and no cell gets a plain blank cell in constant_memory mode)
        looks = {
            c.coordinate: (c.value, c.number_format, c.font.b, c.border.left.style)
            for row in a.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        }
        assert len(looks) > 200 or a.title != DETAIL
        for coordinate, look in looks.items():
            c = b[coordinate]
            assert (c.value, c.number_format, c.font.b, c.border.left.style) == look, coordinate
        assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
        heights = {r: d.height for r, d in a.row_dimensions.items() if d.height}
        assert heights == {r: d.height for r, d in b.row_dimensions.items() if d.height}
        assert (a.freeze_panes, a.print_area) == (b.freeze_panes, b.print_area)
    with zipfile.ZipFile(paths[1]) as z:
        assert 't="inlineStr"' in z.read("xl/worksheets/sheet2.xml").decode()
