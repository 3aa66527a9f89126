"""The comparison table: submitted against appraised figures, line by line and group by group.

The sample is ``examples/portfolio/04-hoi-nghi-truyen-hinh.yaml``, whose header plants a project
management fee stated at 2.5 % instead of the QĐ 1688 rate; every other figure it states is the
one ictcost recomputes, so the comparison has exactly one decrease, worked out by hand below.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ictcost import NormRegistry
from ictcost.checks import Finding, check
from ictcost.estimate import ProjectInput, compute_estimate, load_project
from ictcost.report import Comparison, compare, write_comparison
from ictcost.report.comparison import (
    PORTFOLIO,
    Compared,
    is_comparison_workbook,
    relevant_findings,
)
from ictcost.report.excel import write_xlsx
from ictcost.words import amount_in_words

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT / "examples" / "portfolio" / "04-hoi-nghi-truyen-hinh.yaml"
REG = NormRegistry.shipped()


def _compare(project: ProjectInput, **kwargs: object) -> Comparison:
    estimate = compute_estimate(project, registry=REG, lenient_methods=True, collect_problems=True)
    return compare(project, estimate, check(project, registry=REG), **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def sample() -> Comparison:
    return _compare(load_project(FILE))


# --- the planted fee -----------------------------------------------------------------------------

# By hand, from the file's header and QĐ 1688:
#   base of QLDA = the lines the file gives (TB-01 + TB-02) = 2,430,000,000 + 655,000,000
#                = 3,085,000,000 đ; this is also what ictcost derives the fee on (an override
#                without a reason is kept and reported: the norm's own definition adds DT-01,
#                12,500,000 đ, i.e. 3,097,500,000 đ, STRUCT-FEE-BASE)
#   table 1a, infrastructure part: the base is below the first breakpoint (7 tỷ), so the rate is
#                the first cell's, 2.644 %, flat; a KTKT report takes it × 0.84 = 2.22096 %
#   QLDA       = 3,085,000,000 × 2.22096 % = 3,085 × 22,209.6 = 68,516,616 đ (exact), no VAT
#   submitted  = 2.5 % × 3,085,000,000 = 77,125,000 đ
#   difference = 68,516,616 − 77,125,000 = −8,608,384 đ
#   (on the norm's derived base it would be 3,097,500,000 × 2.22096 % = 68,794,236 đ)
QLDA_APPRAISED = Decimal(3_085_000_000) * Decimal("2.644") * Decimal("0.84") / 100


def test_the_planted_fee_is_the_one_decrease(sample: Comparison) -> None:
    assert QLDA_APPRAISED == Decimal(68_516_616)
    qlda = sample.line("QLDA")
    assert (qlda.amount.submitted, qlda.amount.appraised) == (Decimal(77_125_000), QLDA_APPRAISED)
    assert qlda.amount.difference == Decimal(-8_608_384)
    assert (qlda.vat.submitted, qlda.vat.appraised, qlda.vat.difference) == (0, 0, 0)
    assert qlda.total.difference == Decimal(-8_608_384)
    codes = [r.code for r in qlda.reasons]
    assert codes[:2] == ["ARITH-LINE", "ARITH-FEE-RATE"]  # the errors first
    assert "STRUCT-FEE-BASE" in codes
    assert all(r.basis and r.message_vi and r.message_en for r in qlda.reasons)
    assert "68.516.616" in qlda.reasons[0].message_vi
    others = [ln for ln in sample.lines if ln.id != "QLDA"]
    assert all(ln.total.difference == 0 for ln in others)
    group = next(g for g in sample.groups if g.key == "quan_ly_du_an")
    assert group.total.difference == Decimal(-8_608_384)
    assert sample.totals.subtotal.difference == Decimal(-8_608_384)


def test_lines_are_grouped_as_the_estimate_is(sample: Comparison) -> None:
    estimate = compute_estimate(
        load_project(FILE), registry=REG, lenient_methods=True, collect_problems=True
    )
    assert [g.key for g in sample.groups] == [c.key for c in estimate.components]
    for g, c in zip(sample.groups, estimate.components, strict=True):
        assert tuple(ln.id for ln in g.lines if ln.in_total) == c.line_ids
        assert (g.amount.appraised, g.vat.appraised, g.total.appraised) == (
            c.amount,
            c.vat,
            c.total,
        )
    assert [ln.number for ln in sample.groups[1].lines] == ["2.1", "2.2", "2.3"]
    tb = sample.line("TB-01")
    assert tb.method_label("vi") == "Báo giá" and tb.method_label("en") == "Quotations"
    assert tb.how("vi") == "20 × 121.500.000 (giá trung vị của 3 báo giá)"


def test_totals_add_up(sample: Comparison) -> None:
    t = sample.totals
    for side in ("submitted", "appraised"):
        groups = sum(getattr(g.total, side) for g in sample.groups)
        assert getattr(t.subtotal, side) == groups
        assert getattr(t.amount, side) + getattr(t.vat, side) == getattr(t.subtotal, side)
        for g in sample.groups:
            summed = [ln for ln in g.lines if ln.in_total]
            for figure in ("amount", "vat", "total"):
                lines = sum(getattr(getattr(ln, figure), side) for ln in summed)
                assert getattr(getattr(g, figure), side) == lines
    # contingency by hand: Kps 5 % of the after-VAT subtotal 3,480,015,518 = 174,000,775.9
    assert t.contingency.appraised == Decimal(174_000_776)
    assert t.total.appraised == t.subtotal.appraised + t.contingency.appraised
    assert t.total.appraised == Decimal(3_654_016_294)
    # the file states no contingency and no total: unknown, not invented
    assert t.contingency.submitted is None and t.total.submitted is None
    assert t.total.difference is None
    assert t.subtotal.source == "sum" and t.subtotal.submitted == Decimal(3_488_623_902)
    assert sample.total_in_words == amount_in_words(t.total.appraised)
    assert sample.total_in_words.startswith("Ba tỷ sáu trăm năm mươi tư triệu")


def test_findings_without_a_line_are_general(sample: Comparison) -> None:
    assert [r.code for r in sample.general] == ["STRUCT-FEE-PART", "STRUCT-FEE-PART", "CLASS-GROUP"]
    assert sample.counts() == {"error": 2, "warning": 4, "info": 1}
    assert sample.legal.regime == "nd73_2019"
    assert sample.legal.decree == "73/2019/NĐ-CP"
    assert "qd1688-1a" in {v.table_id for v in sample.legal.norm_versions}
    assert sample.project.profile_vi == "Dự án đầu tư — báo cáo kinh tế - kỹ thuật"
    assert sample.project.reviewer == "Công ty Tư vấn Thẩm tra Sông Hồng"
    assert not any("form" in n for n in sample.notes_en)  # the input-format note is left out


# --- what is not stated, not computed ------------------------------------------------------------


def _project(lines: list[dict[str, object]], **extra: object) -> ProjectInput:
    return ProjectInput.model_validate(
        {"project": {"name": "P", "date": "2025-09-15", "form": "ktkt"}, "lines": lines, **extra}
    )


SERVER = {
    "id": "TB-01",
    "component": "thiet_bi",
    "name": "Máy chủ",
    "method": "quotation",
    "vat": "general",
    "quantity": 2,
    "unit_price": 100_000_000,
    "stated": {"amount": 200_000_000, "vat": 16_000_000, "total": 216_000_000},
}
SWITCH = {
    "id": "TB-02",
    "component": "thiet_bi",
    "name": "Thiết bị chuyển mạch",
    "method": "quotation",
    "vat": "general",
    "quantity": 1,
    "unit_price": 50_000_000,
}


def test_a_line_without_stated_figures_has_an_unknown_submitted_value() -> None:
    c = _compare(_project([SERVER, SWITCH]))
    switch = c.line("TB-02")
    assert not switch.stated
    assert switch.total == Compared(submitted=None, appraised=Decimal(54_000_000))
    assert switch.notes("vi")[0] == "Hồ sơ không nêu giá trị của dòng này."
    group = c.groups[1]
    assert group.unstated == ("TB-02",)
    assert group.total.submitted is None and group.total.appraised == Decimal(270_000_000)
    assert c.totals.subtotal.submitted is None
    md = c.to_markdown()
    assert "| 2.2 | TB-02 | Thiết bị chuyển mạch | không nêu | 54.000.000 |  |" in md
    assert "not stated | 54.000.000" in c.to_markdown("en")


def test_stated_project_totals_are_the_submitted_totals() -> None:
    stated = {"amount": 200_000_000, "vat": 16_000_000, "contingency": 0, "total": 216_500_000}
    c = _compare(_project([SERVER], stated={**stated, "components": {"thiet_bi": 216_000_000}}))
    t = c.totals
    assert (t.total.submitted, t.total.source) == (Decimal(216_500_000), "stated")
    assert t.total.difference == Decimal(-500_000)
    assert t.contingency == Compared(
        submitted=Decimal(0), appraised=Decimal(0), difference=Decimal(0), source="stated"
    )
    group = c.groups[1]
    assert group.total.source == "stated"
    assert group.notes("vi") == ["Giá trị đề nghị theo tổng do hồ sơ nêu."]


def test_a_line_that_cannot_be_computed_keeps_its_submitted_value_and_error() -> None:
    broken = {**SWITCH, "unit_price": None, "stated": {"total": 54_000_000}}
    other = {
        "id": "DT-01",
        "component": "dao_tao",
        "name": "Đào tạo",
        "method": "fixed",
        "vat": "general",
        "stated": {"total": 1_000_000},
    }
    project = _project([SERVER, broken, other])
    c = _compare(project, registry=REG)
    line = c.line("TB-02")
    assert line.error is not None and "unit price" in line.error.message
    assert line.total.submitted == Decimal(54_000_000) and line.total.appraised is None
    assert line.total.difference is None
    assert "INPUT-LINE" in [r.code for r in line.reasons]
    # dao_tao has no computed line: the registry's structure places it in G_TB
    assert c.line("DT-01").group == "thiet_bi" and not c.not_computed
    group = c.groups[1]
    assert group.not_computed == ("TB-02", "DT-01")
    assert group.total.appraised == Decimal(216_000_000)
    assert "không tính được" in c.to_markdown()
    # without the registry the line cannot be placed: it gets a section of its own
    alone = _compare(project)
    assert [ln.id for ln in alone.not_computed] == ["DT-01"]
    assert alone.not_computed[0].number == "6.1"
    assert "Các dòng không tính lại được" in alone.to_markdown()


# --- portfolio findings --------------------------------------------------------------------------


def _finding(estimate: str | None, **details: object) -> Finding:
    return Finding(
        code="CLASS-GROUP", severity="error", estimate=estimate, basis="b", details=details
    )  # type: ignore[arg-type]


def test_only_the_estimates_own_findings_and_its_overlaps_are_kept() -> None:
    mine, theirs = "A", "B"
    findings = [
        _finding(mine),
        _finding(theirs),
        _finding(PORTFOLIO, estimates=(mine, theirs)),
        _finding(PORTFOLIO, estimates=(theirs, "C")),
        _finding(PORTFOLIO),
        _finding(None),
    ]
    kept = relevant_findings(findings, mine)
    assert [f.estimate for f in kept] == [mine, PORTFOLIO, PORTFOLIO, None]
    assert kept[1].details["estimates"] == (mine, theirs)


# --- outputs -------------------------------------------------------------------------------------


def test_json_round_trip(sample: Comparison) -> None:
    text = sample.to_json()
    data = json.loads(text)
    assert next(iter(data)) == "schema_version"
    assert data["groups"][2]["lines"][0]["amount"] == {
        "submitted": "77125000",
        "appraised": "68516616",
        "difference": "-8608384",
        "source": "stated",
    }
    back = Comparison.from_json(text)
    assert back == sample
    assert back.line("QLDA").amount.difference == Decimal(-8_608_384)


def test_compared_refuses_a_wrong_difference() -> None:
    with pytest.raises(ValueError, match="appraised − submitted"):
        Compared(submitted=Decimal(1), appraised=Decimal(3), difference=Decimal(1), source="stated")
    with pytest.raises(ValueError, match="source"):
        Compared(submitted=Decimal(1), appraised=None)


def test_markdown_table(sample: Comparison) -> None:
    md = sample.to_markdown()
    lines = md.splitlines()
    assert lines[0] == "# BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH DỰ TOÁN"
    header = (
        "| STT | Mã | Nội dung | Giá trị đề nghị | Giá trị thẩm định | Tăng (+), giảm (-) "
        "| Ghi chú / căn cứ |"
    )
    assert header in lines
    row = next(ln for ln in lines if ln.startswith("| 3.1 | QLDA |"))
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[3:6] == ["77.125.000", "68.516.616", "-8.608.384"]
    assert "ARITH-LINE: Giá trị nêu 77.125.000 đồng" in cells[6]
    assert "(căn cứ: TT 04/2020 Điều 3 (tính đúng))" in cells[6]
    assert "| **3** |  | **Chi phí quản lý dự án (G_QLDA)** | **77.125.000** |" in md
    assert "|  |  | Chi phí dự phòng | không nêu | 174.000.776 |  |  |" in md
    assert "| Giá trị trước thuế | 3.235.920.280 | 3.227.311.896 | -8.608.384 |" in md
    assert "Bằng chữ: *Ba tỷ sáu trăm" in md
    assert all(ln.count("|") in (0, 8, 5) for ln in lines if ln.startswith("|")), "a cell broke"
    tham_tra = sample.to_markdown(stage="tham_tra")
    assert "THẨM TRA" in tham_tra and "Giá trị thẩm tra" in tham_tra
    en = sample.to_markdown("en")
    assert en.splitlines()[0] == "# COMPARISON TABLE OF THE APPRAISAL OF THE COST ESTIMATE"
    assert "ARITH-LINE: Stated 77,125,000, recomputed 68,516,616" in en


def test_dataframe(sample: Comparison) -> None:
    pd = pytest.importorskip("pandas")
    df = sample.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df["id"]) == ["TB-01", "TB-02", "DT-01", "QLDA", "TV-01", "TV-02"]
    row = df.set_index("id").loc["QLDA"]
    assert row["submitted_amount"] == Decimal(77_125_000)
    assert isinstance(row["appraised_amount"], Decimal)
    assert row["difference_total"] == Decimal(-8_608_384)
    assert row["codes"] == "ARITH-LINE, ARITH-FEE-RATE, STRUCT-FEE-BASE"
    assert row["group_symbol"] == "G_QLDA"


def test_the_workbook(sample: Comparison, tmp_path: Path) -> None:
    target = write_comparison(sample, tmp_path / "so-sanh.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["so-sanh.xlsx"]  # no temporary file left
    assert is_comparison_workbook(target)
    ws = openpyxl.load_workbook(target).active
    values = openpyxl.load_workbook(target, data_only=True).active
    assert ws.title == "So sánh"
    assert values["A1"].value == "BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH DỰ TOÁN"
    header = [ws.cell(row=7, column=c).value for c in range(1, 14)]
    assert header[:4] == ["STT", "Mã", "Nội dung", "Giá trị đề nghị"]
    assert header[6] == "Giá trị thẩm định" and header[12] == "Ghi chú / căn cứ"
    assert [ws.cell(row=8, column=c).value for c in range(4, 7)] == [
        "Trước thuế",
        "Thuế GTGT",
        "Sau thuế",
    ]
    rows = {ws.cell(row=r, column=2).value: r for r in range(9, ws.max_row + 1)}
    qlda = rows["QLDA"]
    assert values.cell(row=qlda, column=4).value == 77_125_000
    assert values.cell(row=qlda, column=7).value == 68_516_616
    assert ws.cell(row=qlda, column=10).value == f"=G{qlda}-D{qlda}"  # a live difference
    assert values.cell(row=qlda, column=10).value == -8_608_384  # with ictcost's value cached
    assert ws.cell(row=qlda, column=10).number_format == "[$-42A]+#,##0;[$-42A]-#,##0;[$-42A]0"
    assert ws.cell(row=qlda, column=4).number_format == "[$-42A]#,##0"  # Vietnamese separators
    assert "ARITH-LINE" in ws.cell(row=qlda, column=13).value
    group = qlda - 1
    assert ws.cell(row=group, column=7).value == f"=SUM(G{qlda})"
    labels = [ws.cell(row=r, column=3).value for r in range(9, ws.max_row + 1)]
    total = 9 + labels.index("TỔNG CỘNG")
    assert values.cell(row=total, column=9).value == 3_654_016_294
    assert values.cell(row=total, column=6).value is None  # not stated: an empty cell
    fonts = {
        cell.font.name
        for row in ws.iter_rows(min_row=1, max_row=total)
        for cell in row
        if cell.value is not None
    }
    assert fonts == {"Times New Roman"}
    sizes = {cell.font.sz for row in ws.iter_rows() for cell in row if cell.value is not None}
    assert min(sizes) >= 12  # the estimate workbook's look: 12 pt body, 14 pt title
    assert ws["A1"].font.sz == 14
    texts = [cell.value for row in ws.iter_rows(min_row=total) for cell in row if cell.value]
    for expected in (
        "…………, ngày …… tháng …… năm ……",
        "NGƯỜI LẬP",
        "NGƯỜI KIỂM TRA",
        "ĐẠI DIỆN ĐƠN VỊ THẨM ĐỊNH",
        "(Ký, ghi rõ họ tên)",
        "(Ký tên, đóng dấu)",
    ):
        assert expected in texts, expected
    assert ws.freeze_panes == "D9"
    assert ws.print_title_rows == "$7:$8"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in ws.oddFooter.center.text
    words = [ws.cell(row=r, column=1).value or "" for r in range(total + 1, ws.max_row + 1)]
    assert any(w.startswith("Bằng chữ: Ba tỷ") for w in words)
    en = openpyxl.load_workbook(write_comparison(sample, tmp_path / "en.xlsx", lang="en")).active
    assert en.title == "Comparison" and en["D7"].value == "Submitted"
    assert en.cell(row=qlda, column=4).number_format == "[$-409]#,##0"  # English separators


def test_text_cells_are_never_formulas(tmp_path: Path) -> None:
    c = _compare(_project([{**SERVER, "name": '=HYPERLINK("x")'}]))
    ws = openpyxl.load_workbook(write_comparison(c, tmp_path / "x.xlsx")).active
    cell = next(cell for row in ws.iter_rows() for cell in row if cell.value == '=HYPERLINK("x")')
    assert cell.data_type == "s"


def test_a_workbook_that_is_no_comparison_is_not_taken_for_one(tmp_path: Path) -> None:
    estimate = compute_estimate(load_project(FILE), registry=REG)
    assert not is_comparison_workbook(write_xlsx(estimate, tmp_path / "e.xlsx"))
    assert not is_comparison_workbook(FILE)


def test_the_sample_in_the_docs_is_the_current_output(sample: Comparison) -> None:
    page = (ROOT / "docs" / "concepts" / "appraisal.md").read_text(encoding="utf-8")
    shown = page.split("<!-- sample:start", 1)[1].split("-->", 1)[1].split("<!-- sample:end")[0]
    expected = sample.to_markdown().split("\n", 1)[1]  # the title line is left out
    assert shown.strip("\n") == expected.strip("\n")
