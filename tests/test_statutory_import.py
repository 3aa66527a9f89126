"""Reading the statutory workbooks people submit, and ictcost's own workbook with its breakdowns.

The fixture workbooks are written here with openpyxl, laid out as estimators lay them out: merged
title cells, Roman-numeral groups, amounts as text with dots, a ``KCT`` cell, a header on two rows
with a row of column numbers, a subtotal row, a VAT row, a contingency row, the amount in words and
the signature block.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from ictcost import NormRegistry  # noqa: E402
from ictcost.checks import check  # noqa: E402
from ictcost.errors import InputError  # noqa: E402
from ictcost.estimate import compute_estimate, load_project  # noqa: E402
from ictcost.inputs import (  # noqa: E402
    DEFAULT_BASIS,
    ImportReport,
    ReadLimits,
    WorkbookTooLargeError,
    load_workbook_project,
    read_statutory_workbook,
)
from ictcost.inputs.statutory import parse_amount  # noqa: E402
from ictcost.inputs.workbook import FEE_KEY_COLUMNS  # noqa: E402
from ictcost.report.excel import write_xlsx  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
D = Decimal


def _rows(ws: Any, first: int, rows: list[list[Any]]) -> None:
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(row=first + i, column=1 + j, value=value)


def _summary(path: Path, *, changes: dict[str, Any] | None = None) -> Path:
    """A *Bảng tổng hợp dự toán* with its lines under Roman-numeral groups (NĐ 73, KTKT)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    for cell, value, merge in (
        ("A1", "UBND TỈNH HÀ GIANG", "C1"),
        ("E1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "G1"),
        ("A2", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "C2"),
        ("E2", "Độc lập - Tự do - Hạnh phúc", "G2"),
        ("A4", "BẢNG TỔNG HỢP DỰ TOÁN", "G4"),
        ("A5", "(Kèm theo Báo cáo kinh tế - kỹ thuật)", "G5"),
        ("A6", "Dự án: Nâng cấp hệ thống một cửa điện tử", "G6"),
        ("A7", "Chủ đầu tư: Sở Thông tin và Truyền thông", "G7"),
        ("A8", "Đơn vị tính: đồng", None),
    ):
        ws[cell] = value
        if merge:
            ws.merge_cells(f"{cell}:{merge}")
    _rows(
        ws,
        10,
        [
            [
                "STT",
                "Nội dung chi phí",
                "Ký hiệu",
                "Cách tính",
                "Giá trị trước thuế",
                "Thuế GTGT",
                "Giá trị sau thuế",
            ],
            [1, 2, 3, 4, 5, 6, "7=5+6"],
            ["I", "Chi phí thiết bị", "Gtb", None, "620.000.000", "33.600.000", "653.600.000"],
            [1, "Máy chủ", None, "2 x 150.000.000", 300000000, 24000000, 324000000],
            [2, "Thiết bị tường lửa", None, None, "120.000.000", "9.600.000", "129.600.000"],
            [3, "Phần mềm nội bộ quản lý hồ sơ một cửa", None, None, "200.000.000", 0, None],
            ["II", "Chi phí quản lý dự án", "Gqlda", "Gtb x 2,1%", "13.020.000", None, None],
            ["III", "Chi phí tư vấn đầu tư", "Gtv", None, "30.000.000", "2.400.000", "32.400.000"],
            [1, "Chi phí lập báo cáo kinh tế - kỹ thuật", None, "Gtb x 3,64%", "20.000.000"],
            [2, "Chi phí thẩm tra báo cáo kinh tế - kỹ thuật", None, None, "10.000.000"],
            ["IV. CHI PHÍ KHÁC", None, "Gk", None, "5.000.000", "400.000", "5.400.000"],
            [1, "Chi phí thẩm định giá", None, None, "5.000.000", "400.000", "5.400.000"],
            [None, "Cộng (I+II+III+IV)", None, None, "668.020.000", "36.400.000", "704.420.000"],
            ["V", "Chi phí dự phòng", "Gdp", "(I+II+III+IV) x 5%", None, None, "35.221.000"],
            [None, "TỔNG CỘNG (I+II+III+IV+V)", None, None, None, None, "739.641.000"],
        ],
    )
    ws["G15"], ws["G16"] = "200.000.000", "13.020.000"
    ws["F18"], ws["G18"], ws["F19"], ws["G19"] = "1.600.000", "21.600.000", "800.000", "10.800.000"
    ws.merge_cells("A20:B20")  # the group's number and name in one merged cell
    ws["A26"] = "Bằng chữ: Bảy trăm ba mươi chín triệu sáu trăm bốn mươi mốt nghìn đồng"
    ws.merge_cells("A26:G26")
    ws["E28"] = "Hà Giang, ngày 15 tháng 9 năm 2025"
    ws.merge_cells("E28:G28")
    ws["B29"], ws["E29"], ws["B30"] = "NGƯỜI LẬP", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"
    for cell, value in (changes or {}).items():
        ws[cell] = value
    wb.save(path)
    return path


def _two_sheets(path: Path) -> Path:
    """A summary of groups only and the equipment detail on its own sheet (NĐ 45/2026)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "TH"
    ws["A1"] = "BẢNG TỔNG HỢP KINH PHÍ DỰ TOÁN"
    ws.merge_cells("A1:G1")
    ws["A2"] = "Tên dự án: Xây dựng cơ sở dữ liệu đất đai"
    ws.merge_cells("A2:G2")
    ws["A3"] = "(Kèm theo Báo cáo kinh tế - kỹ thuật)"
    _rows(
        ws,
        5,
        [
            ["TT", "Khoản mục chi phí", "Diễn giải", "Giá trị trước thuế", "Thuế GTGT"],
            ["I", "Chi phí trang thiết bị", "Bảng chi tiết PL01", "150.400.000", "12.000.000"],
            ["II", "Chi phí quản lý dự án", "Gtb x 3,312%", "4.981.248", None],
            ["III", "Chi phí tư vấn", None, "15.000.000", "1.200.000"],
            [1, "Chi phí lập báo cáo kinh tế - kỹ thuật", None, "15.000.000", "1.200.000"],
            ["IV", "Chi phí khác", None, "2.000.000", "160.000"],
            ["V", "Chi phí dự phòng", "(I+II+III+IV) x 5%"],
            [None, "Tổng cộng"],
        ],
    )
    for row, value in enumerate(
        ("Giá trị sau thuế", "162.400.000", "4.981.248", "16.200.000", "16.200.000"), 5
    ):
        ws.cell(row=row, column=6, value=value)
    ws["F10"], ws["F11"], ws["F12"] = "2.160.000", "9.287.062", "195.028.310"
    ws["B14"] = "Hà Nội, ngày 02 tháng 4 năm 2026"
    detail = wb.create_sheet("PL01")
    detail["A1"] = "BẢNG DỰ TOÁN CHI TIẾT CHI PHÍ TRANG THIẾT BỊ"
    detail.merge_cells("A1:I1")
    _rows(
        detail,
        3,
        [
            [
                "STT",
                "Tên thiết bị",
                "ĐVT",
                "Số lượng",
                "Đơn giá",
                "Thành tiền",
                None,
                None,
                "Thuế suất",
            ],
            [None, None, None, None, None, "Trước thuế", "Thuế GTGT", "Sau thuế"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)=(4)x(5)", "(7)", "(8)=(6)+(7)", "(9)"],
            [1, "Máy trạm", "bộ", 10, "15.000.000", "150.000.000", "12.000.000", "162.000.000"],
            [2, "Bản quyền phần mềm diệt virus", "bản", 10, "40.000", "400.000", 0, "400.000"],
            [None, "Cộng", None, None, None, "150.400.000", "12.000.000", "162.400.000"],
        ],
    )
    detail["I6"], detail["I7"] = "8%", "KCT"
    for rng in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:H3", "I3:I4"):
        detail.merge_cells(rng)
    wb.save(path)
    return path


def _detail_only(path: Path) -> Path:
    """One detail sheet in thousands of đồng, one amount column, VAT as a row at the bottom."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dự toán"
    ws["A1"] = "DỰ TOÁN CHI TIẾT"
    ws["A2"] = "Kế hoạch: Thuê dịch vụ cổng thông tin điện tử năm 2026"
    ws["A3"], ws["C3"] = "Đơn vị tính:", "nghìn đồng"
    _rows(
        ws,
        5,
        [
            ["TT", "Nội dung", "ĐVT", "Khối lượng", "Đơn giá", "Thành tiền", "Ghi chú"],
            ["I", "Chi phí thuê dịch vụ"],
            [1, "Thuê máy chủ ảo", "tháng", 12, "5.500", "66.000"],
            [2, "Đường truyền và sao lưu"],
            ["-", "Thuê đường truyền", "tháng", 12, 1200, 14400],
            ["-", "Dịch vụ sao lưu", "tháng", 12, "500", "6000", "gồm lưu trữ 1 TB"],
            ["II", "Chi phí khác"],
            [1, "Chi phí kiểm tra đánh giá an toàn thông tin", "gói", 1, "4.000", "4.000"],
            [None, "Cộng trước thuế", None, None, None, "90.400"],
            [None, "Thuế GTGT (8%)", None, None, None, "7.232"],
            [None, "Tổng cộng", None, None, None, "97.632"],
            [None, "Bằng chữ: Chín mươi bảy triệu sáu trăm ba mươi hai nghìn đồng"],
        ],
    )
    wb.save(path)
    return path


_RENTAL = {"project_kind": "rental", "document": "rental_plan", "date": "2025-11-01"}


def _entries(report: ImportReport, cell: str) -> list[str]:
    return [f"{e.status} {e.what}: {e.how}" for e in report.entries if e.cell.endswith(cell)]


def _codes(findings: Any) -> set[tuple[str, str | None]]:
    return {(f.code, f.line) for f in findings}


# --- a summary with its lines --------------------------------------------------------------------


def test_summary_lines_groups_and_totals(tmp_path: Path) -> None:
    project, report = read_statutory_workbook(_summary(tmp_path / "du-toan.xlsx"))
    meta = project.project
    assert meta.name == "Nâng cấp hệ thống một cửa điện tử"
    assert meta.owner == "Sở Thông tin và Truyền thông"
    assert (meta.date, meta.kind) == (dt.date(2025, 9, 15), "du_toan")
    assert (meta.project_kind, meta.document) == ("investment", "ktkt_report")
    assert [(ln.id, ln.component, ln.vat) for ln in project.lines] == [
        ("I.1", "thiet_bi", "general"),
        ("I.2", "thiet_bi", "general"),
        ("I.3", "phan_mem_noi_bo", "software"),  # its name names a component of the group
        ("II", "quan_ly_du_an", "not_applicable"),  # a group without rows: one line
        ("III.1", "tu_van", "general"),
        ("III.2", "tu_van", "general"),
        ("IV.1", "chi_phi_khac", "general"),  # the group 'IV. CHI PHÍ KHÁC' is a merged cell
    ]
    first = project.lines[0]
    assert (first.method, first.amount, first.basis) == ("fixed", D(300000000), DEFAULT_BASIS)
    assert first.stated is not None
    assert (first.stated.amount, first.stated.vat, first.stated.total) == (
        D(300000000),
        D(24000000),
        D(324000000),
    )
    assert first.note == "stated computation: 2 x 150.000.000"
    stated = project.stated
    assert stated is not None
    assert stated.components == {
        "thiet_bi": D(653600000),
        "quan_ly_du_an": D(13020000),
        "tu_van": D(32400000),
        "chi_phi_khac": D(5400000),
    }
    assert (stated.amount, stated.vat) == (D(668020000), D(36400000))  # the row before dự phòng
    assert (stated.contingency, stated.total) == (D(35221000), D(739641000))
    # the contingency's 5 % reproduces it on the total after VAT: its input is read
    assert project.contingency is not None
    assert (project.contingency.on, project.contingency.rate_percent) == ("after_vat", D(5))
    findings = check(project)
    assert not [f for f in findings if f.severity == "error"], [str(f) for f in findings]
    assert isinstance(report, ImportReport)


def test_summary_report_names_each_cell(tmp_path: Path) -> None:
    _, report = read_statutory_workbook(_summary(tmp_path / "du-toan.xlsx"))
    assert _entries(report, "Tổng hợp!10:10")[0].startswith("read header: summary table")
    assert _entries(report, "Tổng hợp!11:11") == ["skipped header: column numbers"]
    assert _entries(report, "Tổng hợp!A6") == [
        "read project: name: Nâng cấp hệ thống một cửa điện tử"
    ]
    assert _entries(report, "Tổng hợp!E28") == [
        "assumed project: date 2025-09-15 from 'Hà Giang, ngày 15 tháng 9 năm 2025'"
    ]
    assert "read line: 'Máy chủ': amount 300000000, vat 24000000, total 324000000" in _entries(
        report, "Tổng hợp!13:13"
    )
    assert "assumed vat: VAT 24000000 = amount × a rate of general: category general" in (
        _entries(report, "Tổng hợp!F13")
    )
    assert "read group: group 'IV CHI PHÍ KHÁC' = chi_phi_khac" in _entries(
        report, "Tổng hợp!20:20"
    )
    assert "read total: stated before-VAT amount and VAT: amount 668020000, vat 36400000" in (
        _entries(report, "Tổng hợp!22:22")
    )
    assert _entries(report, "Tổng hợp!26:26") == [
        "read words: the amount in words reads the grand total 739641000"
    ]
    thousands = next(e for e in report.assumed if e.what == "amount")
    assert thousands.cell == "du-toan.xlsx!Tổng hợp"
    assert "F19, F20, F21" in thousands.how  # '800.000', '400.000': one dot before 3 digits
    skipped = {e.cell.rpartition("!")[2]: e.how for e in report.skipped}
    assert skipped["29:29"] == "after the table: NGƯỜI LẬP THỦ TRƯỞNG ĐƠN VỊ"
    assert skipped["30:30"] == "after the table: (Ký, ghi rõ họ tên)"
    assert [e.line for e in report.of_line("I.1")] == ["I.1", "I.1"]
    assert report.text().splitlines()[0].startswith("du-toan.xlsx: ")
    assert len(report.understood) == len(report.read) + len(report.assumed)


def test_summary_with_planted_errors(tmp_path: Path) -> None:
    path = _summary(
        tmp_path / "sai.xlsx",
        changes={
            "G13": 325000000,  # 300.000.000 + 24.000.000 ≠ 325.000.000
            "E14": "12O.000.000",  # a letter O: not an amount
            "G24": "739.000.000",  # the grand total does not add up
        },
    )
    project, report = read_statutory_workbook(path)
    assert _entries(report, "sai.xlsx!Tổng hợp!E14") == [
        "skipped amount: amount: not an amount ('12O.000.000')"
    ]
    assert any("amount 120000000 = total − VAT" in e for e in _entries(report, "Tổng hợp!14:14"))
    assert _entries(report, "Tổng hợp!26:26")[0].startswith(
        "skipped words: the amount in words does not read the grand total 739000000"
    )
    codes = _codes(check(project))
    assert ("ARITH-TOTAL", "I.1") in codes
    assert ("ARITH-TOTAL", None) in codes


# --- a summary and a detail sheet ----------------------------------------------------------------


def test_detail_sheet_replaces_its_group(tmp_path: Path) -> None:
    project, report = read_statutory_workbook(_two_sheets(tmp_path / "dat-dai.xlsx"))
    assert project.project.date == dt.date(2026, 4, 2)
    assert [(ln.id, ln.component, ln.vat) for ln in project.lines] == [
        ("PL01.1", "thiet_bi", "general"),
        ("PL01.2", "thiet_bi", "software"),
        ("II", "quan_ly_du_an", "not_applicable"),
        ("III.1", "tu_van", "general"),
        ("IV", "chi_phi_khac", "general"),
    ]
    station, licence = project.lines[:2]
    assert (station.quantity, station.unit_price, station.amount) == (D(10), D(15000000), None)
    assert station.stated is not None
    assert (station.stated.vat_rate, station.stated.amount) == (D(8), D(150000000))
    assert licence.stated is not None
    assert licence.stated.vat_not_subject
    assert licence.stated.vat_rate is None
    stated = project.stated
    assert stated is not None
    assert stated.components["trang_thiet_bi"] == D(162400000)  # NĐ 45/2026 merges the groups
    assert (stated.amount, stated.vat, stated.total) == (None, None, D(195028310))
    assert project.contingency is not None
    assert project.contingency.volume_percent == D(5)
    # the header on two rows: 'Thành tiền' over 'Trước thuế', 'Thuế GTGT', 'Sau thuế'
    header = _entries(report, "PL01!3:3")[0]
    assert "amount F, vat G, total H, vat_rate I" in header
    assert _entries(report, "PL01!5:5") == ["skipped header: column numbers"]
    assert _entries(report, "PL01!I7") == ["read vat: VAT không chịu thuế: category software"]
    assert _entries(report, "TH!6:6")[0] == (
        "read group: group 'I Chi phí trang thiết bị' = thiet_bi; its lines are read from "
        "sheet 'PL01'"
    )
    assert _entries(report, "TH!12:12")[-1].startswith(
        "skipped total: its before-VAT and VAT figures include the contingency"
    )
    assert not [f for f in check(project) if f.severity == "error"]


def test_detail_sheet_in_thousands_with_a_vat_row(tmp_path: Path) -> None:
    project, report = read_statutory_workbook(_detail_only(tmp_path / "thue.xlsx"), project=_RENTAL)
    assert project.project.name == "Thuê dịch vụ cổng thông tin điện tử năm 2026"
    assert [(ln.id, ln.component, ln.quantity, ln.unit_price) for ln in project.lines] == [
        ("I.1", "thue_dich_vu", D(12), D(5500000)),
        ("I.2-1", "thue_dich_vu", D(12), D(1200000)),
        ("I.2-2", "thue_dich_vu", D(12), D(500000)),
        ("II.1", "chi_phi_khac", D(1), D(4000000)),
    ]
    assert project.lines[2].note == "gồm lưu trữ 1 TB"
    stated = project.stated
    assert stated is not None
    assert (stated.amount, stated.vat, stated.total) == (D(90400000), D(7232000), D(97632000))
    assert _entries(report, "Dự toán!A3") == [
        "assumed unit: amounts in nghìn đồng: multiplied by 1000"
    ]
    assert _entries(report, "Dự toán!7:7")[0] == (
        "assumed vat: no VAT shown: the rate 8 % of the VAT row below applies (general)"
    )
    assert _entries(report, "Dự toán!8:8") == ["read heading: heading 'Đường truyền và sao lưu'"]
    assert _entries(report, "Dự toán!A2")[-1].startswith("assumed project: project_kind rental")
    assert _entries(report, "thue.xlsx (project='date')") == [
        "read project: date: 2025-11-01 (given)"
    ]
    assert not [f for f in check(project) if f.severity == "error"]


def test_unknown_group_needs_a_heading(tmp_path: Path) -> None:
    path = _summary(tmp_path / "x.xlsx", changes={"B17": "Chi phí chuyển đổi số", "C17": None})
    project, report = read_statutory_workbook(path)
    assert "III.1" not in [ln.id for ln in project.lines]
    assert _entries(report, "x.xlsx!Tổng hợp!17:17")[0].startswith(
        "skipped group: group 'III Chi phí chuyển đổi số': its name is not a known cost group"
    )
    assert _entries(report, "Tổng hợp!18:18")[0].startswith("skipped line: 'Chi phí lập báo cáo")
    project, _ = read_statutory_workbook(path, headings={"Chi phí chuyển đổi số": "tu_van"})
    assert [ln.component for ln in project.lines if ln.id.startswith("III")] == ["tu_van"] * 2
    with pytest.raises(InputError, match="unknown component"):
        read_statutory_workbook(path, headings={"Chi phí chuyển đổi số": "digital"})
    by_symbol, report = read_statutory_workbook(
        _summary(tmp_path / "y.xlsx", changes={"B17": "Chi phí chuyển đổi số"})
    )
    assert "assumed group: tu_van from its Ký hiệu 'Gtv'" in _entries(
        report, "y.xlsx!Tổng hợp!17:17"
    )
    assert [ln.component for ln in by_symbol.lines if ln.id.startswith("III")] == ["tu_van"] * 2


def test_negative_amount_is_skipped(tmp_path: Path) -> None:
    path = _summary(
        tmp_path / "am.xlsx",
        changes={"B21": "Giảm trừ chiết khấu", "E21": "-5.000.000", "F21": None, "G21": None},
    )
    project, report = read_statutory_workbook(path)
    assert "IV.1" not in [ln.id for ln in project.lines]
    assert _entries(report, "am.xlsx!Tổng hợp!21:21") == [
        "skipped line: 'Giảm trừ chiết khấu': a negative amount (a deduction?) cannot be a line "
        "of ictcost's estimate: not read"
    ]


def test_parse_amount() -> None:
    assert parse_amount("1.234.567").value == D(1234567)
    assert parse_amount("1,234,567").value == D(1234567)
    assert parse_amount("1.234.567 đ").value == D(1234567)
    assert parse_amount("1 234 567 đồng").value == D(1234567)
    assert parse_amount("1.234.567,5").value == D("1234567.5")
    assert parse_amount("(1.500.000)").value == D(-1500000)
    one = parse_amount("1.500")
    assert (one.value, one.assumed is not None) == (D(1500), True)
    assert parse_amount("8,5").value == D("8.5")
    for bad in ("12O.000", "1.23.456", "abc", "1.234,567.8"):
        with pytest.raises(ValueError, match=r"."):
            parse_amount(bad)


# --- errors --------------------------------------------------------------------------------------


def test_too_many_rows_is_refused_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "lon.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Dữ liệu"
    wb.active.cell(row=100_001, column=1, value="x")
    wb.save(path)
    with pytest.raises(WorkbookTooLargeError) as exc:
        read_statutory_workbook(path)
    assert exc.value.context == {"sheet": "Dữ liệu", "rows": 100_001, "columns": 1}
    assert isinstance(exc.value, InputError)
    # a file that states a false size (<dimension ref="A1"/>) is measured, not believed
    lying = tmp_path / "gia.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(lying, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
            target.writestr(info, data)
    with pytest.raises(WorkbookTooLargeError, match="100001 rows"):
        read_statutory_workbook(lying)
    small = _summary(tmp_path / "s.xlsx")
    with pytest.raises(WorkbookTooLargeError, match="at most 20 rows,"):
        read_statutory_workbook(small, limits=ReadLimits(max_rows=20))


def test_no_table(tmp_path: Path) -> None:
    path = tmp_path / "thu.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Công văn"
    wb.active["A1"] = "Kính gửi: Sở Tài chính"
    wb.save(path)
    with pytest.raises(InputError, match="no estimate table found") as exc:
        read_statutory_workbook(path)
    (problem,) = exc.value.problems
    assert str(problem).startswith("thu.xlsx!Công văn: no header row with a name column")


def test_missing_project_facts(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not state the project's date") as e:
        read_statutory_workbook(_detail_only(tmp_path / "x.xlsx"))
    assert e.value.context["missing"] == ["date"]
    assert "project={'date': …}" in (e.value.hint or "")
    assert isinstance(e.value.context["report"], ImportReport)


def test_formula_without_cached_value(tmp_path: Path) -> None:
    path = _summary(tmp_path / "cong-thuc.xlsx", changes={"G13": "=E13+F13"})
    with pytest.raises(InputError, match="no cached value") as exc:
        read_statutory_workbook(path)
    assert [str(p) for p in exc.value.problems] == [
        "cong-thuc.xlsx!Tổng hợp!G13: formula without a cached value (got =E13+F13)"
    ]


def test_invalid_field_names_its_cell(tmp_path: Path) -> None:
    path = _two_sheets(tmp_path / "sai.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["PL01"]["I6"] = "108%"  # a VAT rate above 100 %
    wb.save(path)
    with pytest.raises(InputError) as exc:
        read_statutory_workbook(path)
    assert [str(p) for p in exc.value.problems] == [
        "sai.xlsx!PL01!I6: lines.0.stated.vat_rate: Input should be less than or equal to 100 "
        "(got Decimal('108'))"
    ]
    with pytest.raises(InputError) as exc:
        read_statutory_workbook(_two_sheets(tmp_path / "x.xlsx"), project={"kind": "bad"})
    assert str(exc.value.problems[0]).startswith("x.xlsx (project='kind'): project.kind: ")


def test_named_sheet_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no sheet 'PL02'"):
        read_statutory_workbook(_two_sheets(tmp_path / "x.xlsx"), sheets=["TH", "PL02"])
    project, report = read_statutory_workbook(_two_sheets(tmp_path / "x.xlsx"), sheets=["TH"])
    assert [ln.id for ln in project.lines] == ["I", "II", "III.1", "IV"]
    assert "read group: group 'I Chi phí trang thiết bị' = thiet_bi, one line" in _entries(
        report, "TH!6:6"
    )


# --- ictcost's own workbook, read back with its breakdowns ---------------------------------------


def _portal(tmp_path: Path) -> tuple[Any, Any, NormRegistry, Path]:
    reg = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
    project = load_project(EXAMPLES / "portal-project.yaml")
    est = compute_estimate(project, registry=reg, base_dir=EXAMPLES)
    return project, est, reg, write_xlsx(est, tmp_path / "portal.xlsx")


def test_own_workbook_round_trip_with_quotations(tmp_path: Path) -> None:
    project, est, reg, path = _portal(tmp_path)
    back = load_workbook_project(path, registry=reg)
    tb = next(ln for ln in back.lines if ln.id == "TB-01")
    original = next(ln for ln in project.lines if ln.id == "TB-01")
    assert (tb.method, tb.pick, tb.unit_price) == ("quotation", "median", None)
    assert tb.quotes == original.quotes  # source, unit price and date of each quotation
    assert tb.stated is not None
    assert tb.stated.unit_price == D(285000000)
    for line_id in ("DL-01", "DT-01", "K-02"):
        ours = next(ln for ln in back.lines if ln.id == line_id)
        theirs = next(ln for ln in project.lines if ln.id == line_id)
        assert (ours.method, ours.expert, ours.amount) == ("expert", theirs.expert, None)
    again = compute_estimate(back, registry=reg)
    assert [(ln.id, ln.amount, ln.vat, ln.total) for ln in again.lines] == [
        (ln.id, ln.amount, ln.vat, ln.total) for ln in est.lines
    ]
    assert (again.amount, again.vat, again.total) == (est.amount, est.vat, est.total)

    def keys(findings: Any) -> set[tuple[str, str, str]]:
        return {(f.code, f.line or "", f.field or "") for f in findings}

    new = keys(check(back, registry=reg)) - keys(check(project, registry=reg, base_dir=EXAMPLES))
    assert not {k for k in new if k[0] == "MARKET-QUOTES-FEW"}
    # the fee lines and the price-list line are read back from the key columns; only the
    # software line's use-case inputs are not in the workbook
    assert new == {("METHOD-FIXED-AMOUNT", "PM-01", "basis")}


def _as_values(path: Path, target: Path) -> Any:
    """The workbook with every formula replaced by its cached value (openpyxl keeps no cache)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    wb.save(target)
    return openpyxl.load_workbook(target)


def test_statutory_reader_sends_ictcost_workbooks_to_their_reader(tmp_path: Path) -> None:
    _, _, _, path = _portal(tmp_path)
    with pytest.raises(InputError, match="a workbook ictcost wrote") as exc:
        read_statutory_workbook(path)
    assert exc.value.hint == "ictcost.inputs.load_workbook_project(path)"


def test_edited_unit_price_keeps_the_value(tmp_path: Path) -> None:
    _, _, reg, path = _portal(tmp_path)
    _as_values(path, tmp_path / "values.xlsx")  # the MEDIAN formula is now a number
    back = load_workbook_project(tmp_path / "values.xlsx", registry=reg)
    tb = next(ln for ln in back.lines if ln.id == "TB-01")
    assert (tb.unit_price, tb.quotes, tb.pick) == (D(285000000), (), None)


def test_fee_lines_from_key_columns(tmp_path: Path) -> None:
    """A workbook whose *Phí theo định mức* carries the fee keys (the writer does not, yet)."""
    project, est, reg, path = _portal(tmp_path)
    target = tmp_path / "keys.xlsx"
    wb = _as_values(path, target)
    ws = wb["Phí theo định mức"]
    cols = {name: 17 + i for i, name in enumerate(FEE_KEY_COLUMNS)}
    for name, col in cols.items():
        ws.cell(row=3, column=col, value=FEE_KEY_COLUMNS[name])
    fees = {ln.id: ln for ln in project.lines if ln.fee is not None}
    for row in range(4, ws.max_row + 1):
        line_id = ws.cell(row=row, column=2).value
        if line_id in fees:
            fee = fees[line_id].fee
            assert fee is not None
            trace = est.line(line_id).trace
            ws.cell(row=row, column=cols["item"], value=fee.item)
            ws.cell(row=row, column=cols["category"], value=fee.category)
            ws.cell(row=row, column=cols["base_lines"], value=", ".join(trace.base_lines))
            if line_id == "TV-04":
                ws.cell(row=row, column=14, value=1)  # a base written that is not the derived one
    wb.save(target)
    back = load_workbook_project(target, registry=reg)
    read = {ln.id: ln for ln in back.lines}
    for line_id, theirs in fees.items():
        ours = read[line_id]
        assert ours.method == "norm", line_id
        assert ours.fee is not None
        assert theirs.fee is not None
        assert (ours.fee.item, ours.fee.category) == (theirs.fee.item, theirs.fee.category)
        assert ours.stated is not None
        assert ours.stated.rate_percent == est.line(line_id).rate_percent, line_id
        expected = est.line(line_id).trace.base_lines if line_id == "TV-04" else ()
        assert ours.fee.base_lines == expected, line_id
    again = compute_estimate(back, registry=reg)
    assert [(ln.id, ln.amount) for ln in again.lines] == [(ln.id, ln.amount) for ln in est.lines]


def test_cli_check_reads_a_statutory_workbook_and_prints_what_it_understood(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner  # noqa: PLC0415

    from ictcost.cli import app  # noqa: PLC0415

    path = _summary(tmp_path / "du-toan.xlsx")
    r = CliRunner().invoke(app, ["check", str(path), "--json"])
    assert r.exit_code in (0, 1), r.output
    assert '"findings"' in r.stdout or '"code"' in r.stdout
    # the import report (read / assumed / skipped, with cell references) goes to stderr
    assert "du-toan.xlsx!" in r.stderr


def test_a_workbook_path_that_is_a_pipe_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    import os  # noqa: PLC0415

    pipe = tmp_path / "du-toan.xlsx"
    os.mkfifo(pipe)  # opening it as a zip would block
    with pytest.raises(InputError, match="not a regular file"):
        read_statutory_workbook(pipe)
