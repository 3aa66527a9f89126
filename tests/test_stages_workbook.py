"""Stage records read from workbooks (issue 14, item 1): the KHLCNT table and a payment register.

The fixture workbook is written here, in tmp_path, in the layout of a real plan's annex (a merged
title, the decision line, headers with line breaks, a unit in brackets and missing diacritics, a
row of column numbers, a group heading and a total row) with the packages of
examples/stages/clean.yaml; read back, it must equal the YAML's selection plan. Each error case
breaks one cell or column and asserts the message names that cell.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ictcost.errors import InputError
from ictcost.stages import load_dossier
from ictcost.stages._sheet_reader import word_table
from ictcost.stages.model import Decision, SelectionPlan
from ictcost.stages.selection_plan import _decision_in, _start
from ictcost.stages.workbook import (
    CONTRACT_TYPE_WORDS,
    KIND_WORDS,
    SELECTION_WORDS,
    fold,
    read_payments,
    read_selection_plan,
    write_selection_plan_template,
)

ROOT = Path(__file__).resolve().parents[1]
CLEAN = load_dossier(ROOT / "examples" / "stages" / "clean.yaml")
PLAN = CLEAN.selection_plan
assert PLAN is not None

PRICE = "GIÁ GÓI THẦU\n(VND)"
ID = "Mã gói\nthầu"
START = "Thời gian bắt đầu\ntổ chức lựa chọn nhà thầu"

HEADERS = [
    "STT",
    ID,
    "Tên gói thầu",
    "Tóm tắt công việc chính của gói thầu",
    "Lĩnh vực",
    PRICE,
    "Nguồn vốn",
    "Hinh thuc lua chon nha thau",  # typed without diacritics
    "Phương thức lựa chọn nhà thầu",
    START,
    "Loại hợp đồng",
    "Thời gian thực hiện gói thầu",
    "Dòng dự toán",
]
DECISION_LINE = "(Kèm theo Quyết định số 225/QĐ-STP ngày 10/06/2025 của Sở Tư pháp tỉnh)"
ROWS: list[dict[str, Any]] = [
    {
        "STT": 1,
        ID: "GT-01",
        "Tên gói thầu": "Tư vấn lập hồ sơ mời thầu và đánh giá hồ sơ dự thầu",
        "Tóm tắt công việc chính của gói thầu": "Lập HSMT, đánh giá HSDT gói GT-02, GT-03",
        "Lĩnh vực": "Tư vấn",
        PRICE: 4002498,
        "Nguồn vốn": "Ngân sách tỉnh",
        "Hinh thuc lua chon nha thau": "Chỉ định thầu rút gọn",
        "Phương thức lựa chọn nhà thầu": "Không áp dụng",
        START: "Quý III/2025",
        "Loại hợp đồng": "Trọn gói",
        "Thời gian thực hiện gói thầu": "60 ngày",
        "Dòng dự toán": "TV-03-HT, TV-03-PM",
    },
    {
        "STT": 2,
        ID: "GT-02",
        "Tên gói thầu": "Mua sắm, lắp đặt máy tính, máy in và bản quyền phần mềm",
        "Lĩnh vực": "Hàng hóa",
        PRICE: "1.033.956.000",
        "Nguồn vốn": "Ngân sách tỉnh",
        "Hinh thuc lua chon nha thau": "Đấu thầu rộng rãi trong nước, qua mạng",
        "Phương thức lựa chọn nhà thầu": "Một giai đoạn một túi hồ sơ",
        START: "Tháng 7/2025",
        "Loại hợp đồng": "Hợp đồng trọn gói",
        "Thời gian thực hiện gói thầu": "90 ngày",
        "Dòng dự toán": "TB-01; TB-02; TB-03; LD-01",
    },
    {
        "STT": 3,
        ID: "GT-03",
        "Tên gói thầu": "Nâng cấp phần mềm quản lý văn bản và đào tạo sử dụng",
        "Lĩnh vực": "Hàng hoá",  # the other placement of the accent
        PRICE: 257040000.0,
        "Nguồn vốn": "Ngân sách tỉnh",
        "Hinh thuc lua chon nha thau": "Chỉ định thầu",
        START: dt.datetime(2025, 7, 1),
        "Loại hợp đồng": "Trọn gói",
        "Dòng dự toán": "PM-01, DT-01",
    },
]


def col(header: str, headers: list[str] = HEADERS) -> str:
    """The column letter of a header in the fixture."""
    return openpyxl.utils.get_column_letter(headers.index(header) + 1)


def plan_workbook(
    path: Path,
    *,
    headers: list[str] | None = None,
    rows: list[dict[str, Any]] | None = None,
    above: tuple[str, ...] = (DECISION_LINE,),
    sheet: str = "KHLCNT",
) -> Path:
    """Write a KHLCNT annex: title (merged), lines above, headers, numbers, rows, heading, total."""
    headers = HEADERS if headers is None else headers
    rows = ROWS if rows is None else rows
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    width = len(headers)
    ws.cell(1, 1, "KẾ HOẠCH LỰA CHỌN NHÀ THẦU")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    r = 2
    for line in above:
        ws.cell(r, 1, line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    header_row = r + 1  # one empty row under the title lines
    for c, header in enumerate(headers, start=1):
        ws.cell(header_row, c, header)
        ws.cell(header_row + 1, c, f"({c})")
    r = header_row + 2
    if "Tên gói thầu" in headers:
        ws.cell(r, headers.index("Tên gói thầu") + 1, "Phần công việc thuộc kế hoạch")
        ws.cell(r, 1, "I")
        r += 1
    for row in rows:
        for key, value in row.items():
            if key in headers:
                ws.cell(r, headers.index(key) + 1, value)
        r += 1
    ws.cell(r, 1, "Tổng cộng")
    if PRICE in headers:
        ws.cell(r, headers.index(PRICE) + 1, 1294998498)
    ws.cell(r + 2, len(headers), "THỦ TRƯỞNG ĐƠN VỊ")
    wb.save(path)
    return path


FIRST = 7  # the first package's row in the fixture: title, decision line, blank, header, numbers, heading


def problems(exc: pytest.ExceptionInfo[InputError]) -> str:
    return str(exc.value)


# --- the clean plan -------------------------------------------------------------------------------


def test_the_clean_plan_reads_back_equal_to_the_yaml(tmp_path):
    plan = read_selection_plan(plan_workbook(tmp_path / "khlcnt.xlsx"))
    assert isinstance(plan, SelectionPlan)
    assert plan == PLAN
    assert plan.packages[1].price == Decimal("1033956000")
    assert plan.decision == Decision(
        number="225/QĐ-STP", date=dt.date(2025, 6, 10), issuer="Sở Tư pháp tỉnh"
    )


def test_kinds_come_from_the_argument_when_the_sheet_has_no_kind_column(tmp_path):
    headers = [h for h in HEADERS if h != "Lĩnh vực"]
    path = plan_workbook(tmp_path / "k.xlsx", headers=headers)
    kinds = {p.id: p.kind for p in PLAN.packages}
    assert read_selection_plan(path, kinds=kinds) == PLAN


def test_the_decision_comes_from_the_argument(tmp_path):
    path = plan_workbook(tmp_path / "d.xlsx", above=())
    assert read_selection_plan(path, decision=PLAN.decision) == PLAN
    as_dict = {"number": "225/QĐ-STP", "date": "2025-06-10", "issuer": "Sở Tư pháp tỉnh"}
    assert read_selection_plan(path, decision=as_dict) == PLAN


def test_a_grounds_line_is_not_the_plans_decision(tmp_path):
    above = (
        "Căn cứ Quyết định số 210/QĐ-STP ngày 30/05/2025 của Sở Tư pháp tỉnh phê duyệt báo cáo",
        DECISION_LINE,
    )
    assert read_selection_plan(plan_workbook(tmp_path / "g.xlsx", above=above)) == PLAN


def test_sub_headers_under_a_merged_parent_are_read(tmp_path):
    path = tmp_path / "two-rows.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws["A1"] = DECISION_LINE
    parent = ["STT", "Mã gói thầu", "Gói thầu", None, "Loại gói thầu", "Giá gói thầu"]
    parent += ["Hình thức LCNT", "Loại hợp đồng", "Thời gian", None]
    for c, text in enumerate(parent, start=1):
        ws.cell(3, c, text)
    ws.merge_cells("C3:D3")
    ws.merge_cells("I3:J3")
    for c in (1, 2, 5, 6, 7, 8):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws["C4"], ws["D4"] = "Tên gói thầu", "Tóm tắt công việc chính"
    ws["I4"], ws["J4"] = "Bắt đầu tổ chức LCNT", "Thực hiện gói thầu"
    for r, p in enumerate(PLAN.packages, start=5):
        values = [r - 4, p.id, p.name, "…", p.kind, int(p.price), p.selection]
        values += [p.contract_type, "Quý 3/2025", "30 ngày"]
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    wb.save(path)
    plan = read_selection_plan(path, sheet="phu luc")  # the sheet's name, folded
    assert [(p.id, p.name, p.kind, p.price, p.start) for p in plan.packages] == [
        (p.id, p.name, p.kind, p.price, p.start) for p in PLAN.packages
    ]
    assert all(p.lines == () for p in plan.packages)


def test_the_template_filled_in_reads_back(tmp_path):
    path = write_selection_plan_template(tmp_path / "blank.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["KHLCNT"]
    headers = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    assert headers[:3] == ["STT", "Mã gói thầu", "Tên gói thầu"]
    ws["A2"] = DECISION_LINE
    words = {"consulting": "Tư vấn", "goods": "Mua sắm hàng hóa"}
    selection = {"direct_appointment": "Chỉ định thầu", "open_tender": "Đấu thầu rộng rãi"}
    for r, p in enumerate(PLAN.packages, start=6):
        cells = {
            "STT": r - 5,
            "Mã gói thầu": p.id,
            "Tên gói thầu": p.name,
            "Loại gói thầu": words[p.kind],
            "Giá gói thầu (đồng)": int(p.price),
            "Hình thức lựa chọn nhà thầu": selection[p.selection],
            "Thời gian bắt đầu tổ chức lựa chọn nhà thầu": "Quý III/2025",
            "Loại hợp đồng": "Trọn gói",
            "Dòng dự toán": ", ".join(p.lines),
        }
        for header, value in cells.items():
            ws.cell(r, headers.index(header) + 1, value)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    assert read_selection_plan(filled) == PLAN


def test_the_blank_template_asks_for_its_decision_at_its_cell(tmp_path):
    path = write_selection_plan_template(tmp_path / "blank.xlsx")
    with pytest.raises(InputError) as exc:
        read_selection_plan(path)
    assert "KHLCNT!A2" in problems(exc)
    assert "no decision number and date" in problems(exc)
    assert len(exc.value.problems) == 1


def test_the_template_in_english_has_english_sheet_names(tmp_path):
    path = write_selection_plan_template(tmp_path / "en.xlsx", lang="en")
    assert openpyxl.load_workbook(path).sheetnames == ["Selection plan", "Instructions"]


def test_the_template_needs_an_existing_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_selection_plan_template(tmp_path / "no" / "t.xlsx")


# --- every error at its cell ----------------------------------------------------------------------


def test_a_missing_required_column_names_the_header_row(tmp_path):
    headers = [h for h in HEADERS if h != "Loại hợp đồng"]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "m.xlsx", headers=headers))
    assert "KHLCNT!4:4" in problems(exc)
    assert "no column 'Loại hợp đồng'" in problems(exc)


def test_a_bad_price_names_its_cell(tmp_path):
    rows = [dict(ROWS[0]), dict(ROWS[1], **{PRICE: "1,03 tỷ"}), dict(ROWS[2])]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "p.xlsx", rows=rows))
    cell = f"KHLCNT!{col(PRICE)}{FIRST + 1}"
    assert cell in problems(exc)
    assert "not an amount" in problems(exc)
    assert exc.value.code == "input-amount"


def test_an_ambiguous_price_is_refused(tmp_path):
    rows = [dict(ROWS[0], **{PRICE: "4.002"}), *ROWS[1:]]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "a.xlsx", rows=rows))
    assert f"KHLCNT!{col(PRICE)}{FIRST}" in problems(exc)
    assert "ambiguous" in problems(exc)


def test_an_unknown_selection_word_names_its_cell(tmp_path):
    rows = [*ROWS[:2], dict(ROWS[2], **{"Hinh thuc lua chon nha thau": "Đấu giá"})]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "s.xlsx", rows=rows))
    assert f"KHLCNT!{col('Hinh thuc lua chon nha thau')}{FIRST + 2}" in problems(exc)
    assert "unknown form of selection" in problems(exc)
    assert "'Đấu giá'" in problems(exc)


def test_an_ambiguous_contract_type_is_refused(tmp_path):
    rows = [dict(ROWS[0], **{"Loại hợp đồng": "Theo đơn giá"}), *ROWS[1:]]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "c.xlsx", rows=rows))
    assert f"KHLCNT!{col('Loại hợp đồng')}{FIRST}" in problems(exc)
    assert "unknown contract type" in problems(exc)


def test_every_contract_type_of_article_64_is_read(tmp_path):
    words = {
        "Trọn gói": "lump_sum",
        "Theo đơn giá cố định": "fixed_unit_price",
        "Theo đơn giá điều chỉnh": "adjustable_unit_price",
        "Theo thời gian": "time_based",
        "Theo kết quả đầu ra": "output_based",
        "Theo tỷ lệ phần trăm": "percentage",
        "Hỗn hợp": "mixed",
    }
    rows = [dict(ROWS[0], **{ID: f"GT-{i}", "Loại hợp đồng": word}) for i, word in enumerate(words)]
    plan = read_selection_plan(plan_workbook(tmp_path / "t.xlsx", rows=rows))
    assert [p.contract_type for p in plan.packages] == list(words.values())


def test_a_missing_kind_names_the_package_and_asks_for_kinds(tmp_path):
    headers = [h for h in HEADERS if h != "Lĩnh vực"]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "k.xlsx", headers=headers))
    text = problems(exc)
    assert f"KHLCNT!{col(ID, headers)}{FIRST}" in text
    assert "package GT-01 has no kind" in text
    assert "kinds=" in text
    assert len(exc.value.problems) == 3  # every package, at once


def test_an_empty_kind_cell_is_named_and_kinds_may_fill_it(tmp_path):
    rows = [dict(ROWS[0], **{"Lĩnh vực": None}), *ROWS[1:]]
    path = plan_workbook(tmp_path / "k.xlsx", rows=rows)
    with pytest.raises(InputError) as exc:
        read_selection_plan(path)
    assert f"KHLCNT!{col('Lĩnh vực')}{FIRST}" in problems(exc)
    assert "fill the column 'Loại gói thầu'" in problems(exc)
    assert read_selection_plan(path, kinds={"GT-01": "consulting"}) == PLAN


def test_kinds_that_contradict_the_sheet_are_refused(tmp_path):
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "k.xlsx"), kinds={"GT-02": "works"})
    assert f"KHLCNT!{col('Lĩnh vực')}{FIRST + 1}" in problems(exc)
    with pytest.raises(InputError, match="GT-09"):
        read_selection_plan(plan_workbook(tmp_path / "k2.xlsx"), kinds={"GT-09": "goods"})
    with pytest.raises(InputError, match="not a package kind"):
        read_selection_plan(plan_workbook(tmp_path / "k3.xlsx"), kinds={"GT-01": "hàng hóa"})


def test_a_missing_decision_is_asked_for(tmp_path):
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "d.xlsx", above=()))
    assert "KHLCNT!A1" in problems(exc)
    assert "no decision approving the plan" in problems(exc)
    assert "decision=" in problems(exc)


def test_two_decisions_above_the_table_are_not_chosen_between(tmp_path):
    above = (
        "Quyết định số 225/QĐ-STP ngày 10/06/2025",
        "Quyết định số 226/QĐ-STP ngày 11/06/2025",
    )
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "two.xlsx", above=above))
    assert "2 different decisions above the table (KHLCNT!A2, KHLCNT!A3)" in problems(exc)


def test_a_decision_argument_that_contradicts_the_sheet_is_refused(tmp_path):
    other = Decision(number="300/QĐ-STP", date=dt.date(2025, 6, 10))
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "d.xlsx"), decision=other)
    assert "KHLCNT!A2" in problems(exc)
    assert "300/QĐ-STP" in problems(exc)
    with pytest.raises(InputError, match="not a decision"):
        read_selection_plan(plan_workbook(tmp_path / "d2.xlsx"), decision={"number": "1/QĐ"})


def test_an_xls_workbook_is_refused_with_how_to_convert(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    for name in ("plan.xls", "renamed.xlsx"):
        (tmp_path / name).write_bytes(ole)
        with pytest.raises(InputError) as exc:
            read_selection_plan(tmp_path / name)
        assert "Excel 97-2003 workbook (.xls)" in problems(exc)
        assert "save it as an Excel workbook (.xlsx)" in problems(exc)


def test_a_package_id_given_twice_names_both_cells(tmp_path):
    rows = [*ROWS[:2], dict(ROWS[2], **{ID: "GT-01"})]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "twice.xlsx", rows=rows))
    cell = col(ID)
    assert (
        f"KHLCNT!{cell}{FIRST + 2}: package id 'GT-01' is used twice (first at KHLCNT!{cell}{FIRST})"
        in problems(exc)
    )


def test_a_bad_start_names_its_cell(tmp_path):
    rows = [dict(ROWS[0], **{START: "Quý V/2025"}), *ROWS[1:]]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "q.xlsx", rows=rows))
    assert f"KHLCNT!{col(START)}{FIRST}" in problems(exc)
    assert "not a month or quarter" in problems(exc)


def test_every_problem_is_reported_at_once(tmp_path):
    rows = [
        dict(ROWS[0], **{PRICE: "bốn triệu"}),
        dict(ROWS[1], **{"Loại hợp đồng": "Khoán"}),
        dict(ROWS[2], **{"Tên gói thầu": None}),
    ]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "all.xlsx", rows=rows))
    found = {p.file for p in exc.value.problems}
    assert found == {
        f"KHLCNT!{col(PRICE)}{FIRST}",
        f"KHLCNT!{col('Loại hợp đồng')}{FIRST + 1}",
        f"KHLCNT!{col('Tên gói thầu')}{FIRST + 2}",
    }


def test_a_workbook_without_the_table_or_the_sheet_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Bảng tổng hợp dự toán"
    wb.save(path)
    with pytest.raises(InputError, match="no table of the selection plan"):
        read_selection_plan(path)
    with pytest.raises(InputError, match="no sheet 'KHLCNT'"):
        read_selection_plan(path, sheet="KHLCNT")


def test_a_formula_without_a_cached_value_is_named(tmp_path):
    rows = [dict(ROWS[0], **{PRICE: "=4000000+2498"}), *ROWS[1:]]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "f.xlsx", rows=rows))
    assert f"KHLCNT!{col(PRICE)}{FIRST}" in problems(exc)
    assert "formula without a stored value" in problems(exc)


# --- the pieces -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý III/2025", dt.date(2025, 7, 1)),
        ("Quý I, 2026", dt.date(2026, 1, 1)),
        ("quy iv nam 2025", dt.date(2025, 10, 1)),
        ("Q2/2026", dt.date(2026, 4, 1)),
        ("Tháng 7/2025", dt.date(2025, 7, 1)),
        ("tháng 12 năm 2025", dt.date(2025, 12, 1)),
        ("11/2025", dt.date(2025, 11, 1)),
        ("15/09/2025", dt.date(2025, 9, 15)),
        ("2025-09-15", dt.date(2025, 9, 15)),
    ],
)
def test_the_start_is_a_quarter_a_month_or_a_date(text, expected):
    assert _start(text) == expected


@pytest.mark.parametrize("text", ["Quý V/2025", "Tháng 13/2025", "sớm", "Q3"])
def test_a_start_that_is_none_of_these_is_refused(text):
    with pytest.raises(ValueError):  # noqa: PT011 - CoercionError, a ValueError
        _start(text)


@pytest.mark.parametrize(
    ("text", "number", "date", "issuer"),
    [
        (DECISION_LINE, "225/QĐ-STP", dt.date(2025, 6, 10), "Sở Tư pháp tỉnh"),
        (
            "Quyết định số 12/2025/QĐ-UBND, ngày 5/9/2025",
            "12/2025/QĐ-UBND",
            dt.date(2025, 9, 5),
            None,
        ),
        (
            "Quyet dinh so 225/QD-STP ngay 10 thang 6 nam 2025",
            "225/QD-STP",
            dt.date(2025, 6, 10),
            None,
        ),
        (
            "QĐ số 225/QĐ-STP ngày 10.06.2025 của Sở Tư pháp về việc phê duyệt KHLCNT",
            "225/QĐ-STP",
            dt.date(2025, 6, 10),
            "Sở Tư pháp",
        ),
    ],
)
def test_a_decision_line_is_read(text, number, date, issuer):
    assert _decision_in(text) == Decision(number=number, date=date, issuer=issuer)


@pytest.mark.parametrize(
    "text",
    [
        "(Kèm theo Quyết định số …/QĐ-… ngày …/…/20… của …)",
        "Căn cứ Quyết định số 210/QĐ-STP ngày 30/05/2025",
        "Quyết định số 225/QĐ-STP ngày 31/02/2025",
        "KẾ HOẠCH LỰA CHỌN NHÀ THẦU",
    ],
)
def test_a_line_that_names_no_decision_gives_none(text):
    assert _decision_in(text) is None


def test_fold_ignores_case_diacritics_and_spacing():
    assert fold("Thời gian bắt đầu\ntổ chức LCNT") == fold("THOI GIAN BAT DAU TO CHUC lcnt")
    assert fold("Đấu thầu") == "dauthau"
    assert fold("Hàng hoá") == fold("Hàng hóa")


# --- the payment register -------------------------------------------------------------------------

PAY_HEADERS = ["STT", "Hợp đồng", "Ngày", "Số tiền\n(đồng)", "Loại", "Thu hồi tạm ứng", "Chứng từ"]


def payments_workbook(
    path: Path, rows: list[list[Any]] | None = None, headers: list[str] | None = None
) -> Path:
    headers = PAY_HEADERS if headers is None else headers
    if rows is None:
        rows = [
            [
                i,
                p.contract,
                p.date,
                int(p.amount),
                "Tạm ứng" if p.kind == "advance" else "Thanh toán",
                int(p.recovered) or None,
                p.decision.number,
            ]
            for i, p in enumerate(CLEAN.payments, start=1)
        ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Thanh toán"
    ws["A1"] = "SỔ THEO DÕI TẠM ỨNG, THANH TOÁN"
    ws.merge_cells("A1:G1")
    for c, header in enumerate(headers, start=1):
        ws.cell(3, c, header)
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            if c <= len(headers):
                ws.cell(r, c, value)
    ws.cell(4 + len(rows), 2, "Tổng cộng")
    wb.save(path)
    return path


def test_the_payment_register_reads_back_equal_to_the_yaml(tmp_path):
    assert read_payments(payments_workbook(tmp_path / "tt.xlsx")) == CLEAN.payments


def test_a_payment_register_row_names_its_bad_cells(tmp_path):
    rows = [
        [1, "HD-01", "28/08/2025", "4.000.000", "Thu hồi", None, "UNC-0828"],
        [2, "HD-02", "31/09/2025", 203000000, "Tạm ứng lần 1", None, "UNC-0901"],
        [3, "HD-02", dt.date(2025, 10, 25), 1015000000, "Thanh toán đợt 1", "203.000.000", None],
    ]
    with pytest.raises(InputError) as exc:
        read_payments(payments_workbook(tmp_path / "bad.xlsx", rows))
    found = {p.file for p in exc.value.problems}
    assert found == {"Thanh toán!E4", "Thanh toán!C5", "Thanh toán!G6"}
    assert "unknown kind of payment" in problems(exc)


def test_a_payment_register_without_its_document_column_is_refused(tmp_path):
    headers = PAY_HEADERS[:-1]
    with pytest.raises(InputError) as exc:
        read_payments(payments_workbook(tmp_path / "no-doc.xlsx", headers=headers))
    assert "Thanh toán!3:3" in problems(exc)
    assert "no column 'Chứng từ'" in problems(exc)


def test_a_groups_subtotal_row_is_not_a_package(tmp_path):
    subtotal = {"STT": "II", "Tên gói thầu": "Cộng phần hàng hóa", PRICE: 1290996000}
    rows = [ROWS[0], subtotal, *ROWS[1:]]
    assert read_selection_plan(plan_workbook(tmp_path / "sub.xlsx", rows=rows)) == PLAN


def test_a_row_numbered_like_a_package_without_its_form_is_refused(tmp_path):
    rows = [
        *ROWS[:2],
        dict(ROWS[2], **{"Hinh thuc lua chon nha thau": None, "Loại hợp đồng": None}),
    ]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "form.xlsx", rows=rows))
    found = {p.file for p in exc.value.problems}
    assert found == {
        f"KHLCNT!{col('Hinh thuc lua chon nha thau')}{FIRST + 2}",
        f"KHLCNT!{col('Loại hợp đồng')}{FIRST + 2}",
    }


def test_a_negative_price_is_refused_at_its_cell(tmp_path):
    rows = [dict(ROWS[0], **{PRICE: -4002498}), *ROWS[1:]]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "neg.xlsx", rows=rows))
    assert [p.file for p in exc.value.problems] == [f"KHLCNT!{col(PRICE)}{FIRST}"]


def test_english_headers_are_read(tmp_path):
    english = {
        ID: "Package id",
        "Tên gói thầu": "Package name",
        "Lĩnh vực": "Package kind",
        PRICE: "Package price (VND)",
        "Hinh thuc lua chon nha thau": "Contractor-selection form",
        START: "Start of the selection",
        "Loại hợp đồng": "Contract type",
        "Dòng dự toán": "Estimate lines",
    }
    headers = [english.get(h, h) for h in HEADERS]
    rows = [{english.get(k, k): v for k, v in row.items()} for row in ROWS]
    assert (
        read_selection_plan(plan_workbook(tmp_path / "en.xlsx", headers=headers, rows=rows)) == PLAN
    )


def test_a_payment_both_advance_and_payment_is_refused(tmp_path):
    rows = [[1, "HD-02", "01/09/2025", 203000000, "Thanh toán tạm ứng", None, "UNC-0901"]]
    with pytest.raises(InputError) as exc:
        read_payments(payments_workbook(tmp_path / "amb.xlsx", rows))
    assert [p.file for p in exc.value.problems] == ["Thanh toán!E4"]
    assert "both an advance and a payment" in problems(exc)


def test_every_word_of_the_templates_drop_downs_is_read(tmp_path):
    ws = openpyxl.load_workbook(write_selection_plan_template(tmp_path / "t.xlsx"))["KHLCNT"]
    tables = {"E": KIND_WORDS, "H": SELECTION_WORDS, "L": CONTRACT_TYPE_WORDS}
    seen = set()
    for validation in ws.data_validations.dataValidation:
        column = str(validation.sqref)[0]
        words = validation.formula1.strip('"').split(",")
        lookup = word_table(tables[column])
        assert all(fold(w) in lookup for w in words), (column, words)
        assert {lookup[fold(w)] for w in words} == set(tables[column]), column
        seen.add(column)
    assert seen == set(tables)


def test_prices_in_millions_are_refused_at_their_header(tmp_path):
    headers = [h if h != PRICE else "Giá gói thầu\n(triệu đồng)" for h in HEADERS]
    rows = [
        {("Giá gói thầu\n(triệu đồng)" if k == PRICE else k): v for k, v in r.items()} for r in ROWS
    ]
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "tr.xlsx", headers=headers, rows=rows))
    assert [p.file for p in exc.value.problems] == [f"KHLCNT!{col(PRICE)}4"]
    assert "another unit than the đồng" in problems(exc)


def test_a_column_given_twice_is_refused_unless_it_is_read_past(tmp_path):
    headers = [*HEADERS, "Thời gian thực hiện hợp đồng"]  # a second 'execution' column: read past
    assert read_selection_plan(plan_workbook(tmp_path / "ok.xlsx", headers=headers)) == PLAN
    headers = [*HEADERS, "Hình thức LCNT"]  # a second form of selection: which one?
    with pytest.raises(InputError) as exc:
        read_selection_plan(plan_workbook(tmp_path / "twice.xlsx", headers=headers))
    assert [p.file for p in exc.value.problems] == [f"KHLCNT!{col('Hình thức LCNT', headers)}4"]
    assert "a second column of 'selection'" in problems(exc)


def test_a_missing_file_or_a_pipe_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_selection_plan(tmp_path / "none.xlsx")
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_payments(fifo)
