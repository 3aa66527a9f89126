"""The estimate workbook as the statutory document: columns, font, pages, signatures, words check."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.utils import get_column_letter, range_boundaries  # noqa: E402

from ictcost import NormRegistry  # noqa: E402
from ictcost.estimate import Estimate, compute_estimate, load_project  # noqa: E402
from ictcost.keys import COMPONENTS, FLAGS, GROUP_KEYS, METHODS, Flag  # noqa: E402
from ictcost.report import _xlsx_book  # noqa: E402
from ictcost.report.excel import (  # noqa: E402
    CHECK,
    CITATIONS,
    DETAIL,
    EQUIPMENT,
    FEES,
    SUMMARY,
    write_xlsx,
)
from ictcost.report.layout import (  # noqa: E402
    DETAIL_COL,
    DETAIL_HEADER_ROW,
    SUMMARY_COL,
    SUMMARY_HEADERS,
    SUMMARY_KEY_LABELS,
)
from ictcost.report.messages import CATALOGUE  # noqa: E402

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def sample() -> Estimate:
    return compute_estimate(
        load_project(EXAMPLES / "portal-project.yaml"), registry=REG, base_dir=EXAMPLES
    )


@pytest.fixture(scope="module")
def estimate() -> Estimate:
    return sample()


@pytest.fixture(scope="module")
def path(estimate: Estimate, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_xlsx(estimate, tmp_path_factory.mktemp("doc") / "portal.xlsx")


@pytest.fixture(scope="module")
def wb(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def row_of(ws: Any, text: str, col: int = 2) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=col).value == text)


def print_box(ws: Any) -> tuple[int, int, int, int]:
    """The print area of a sheet as (min_col, min_row, max_col, max_row)."""
    area = ws.print_area.split("!")[-1].replace("$", "")
    bounds = range_boundaries(area)
    assert all(b is not None for b in bounds)
    return bounds  # type: ignore[return-value]


def width_of(ws: Any, col: int) -> float:
    """The width of a column (a file may give one width to a run of equal columns)."""
    for dim in ws.column_dimensions.values():
        if dim.min <= col <= dim.max and dim.customWidth:
            return float(dim.width)
    return 8.43


def printed_texts(wb: Any) -> list[tuple[str, str, str]]:
    out = []
    for ws in wb.worksheets:
        c1, r1, c2, r2 = print_box(ws)
        for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            out.extend(
                (ws.title, cell.coordinate, cell.value)
                for cell in row
                if isinstance(cell.value, str) and cell.data_type == "s"
            )
    return out


# --- 1. the statutory columns ---------------------------------------------------------------------


def test_summary_and_detail_have_the_statutory_columns(wb: Any) -> None:
    ws = wb[SUMMARY]
    header = row_of(ws, "STT", col=1)
    assert [ws.cell(row=header, column=c).value for c in range(1, 8)] == [
        "STT",
        "Nội dung chi phí",
        "Ký hiệu",
        "Cách tính",
        "Giá trị trước thuế",
        "Thuế GTGT",
        "Giá trị sau thuế",
    ]
    assert list(SUMMARY_HEADERS) == [ws.cell(row=header, column=c).value for c in range(1, 8)]
    detail = [wb[DETAIL].cell(row=DETAIL_HEADER_ROW, column=c).value for c in range(1, 13)]
    assert detail == [
        *("STT", "Mã", "Ký hiệu", "Nội dung chi phí", "Đơn vị", "Khối lượng", "Đơn giá"),
        *("Cách tính", "Giá trị trước thuế", "Thuế suất GTGT (%)", "Thuế GTGT"),
        "Giá trị sau thuế",
    ]
    # Cách tính comes before the amounts, on both sheets
    assert SUMMARY_COL["formula"] < SUMMARY_COL["amount"]
    assert DETAIL_COL["formula"] < DETAIL_COL["amount"]


# --- 2. the font ----------------------------------------------------------------------------------


def test_every_cell_is_times_new_roman_of_a_readable_size(wb: Any) -> None:
    assert wb._fonts[0].name == "Times New Roman"  # the base font: empty and plain cells
    assert wb._named_styles["Normal"].font.name == "Times New Roman"
    checked = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                checked += 1
                assert cell.font.name == "Times New Roman", (ws.title, cell.coordinate)
                assert cell.font.sz is not None
                assert cell.font.sz >= 12, (ws.title, cell.coordinate)
    assert checked > 500
    title = wb[SUMMARY]["A1"]
    assert (title.font.b, title.font.sz) == (True, 14)  # the title larger, bold, with its name


# --- 3. pages -------------------------------------------------------------------------------------


def test_every_sheet_is_a4_landscape_fitted_to_the_width(wb: Any) -> None:
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), ws.title
        # fitToWidth 1 is the format's default (XlsxWriter omits it)
        assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "Trang &P/&N"
        assert ws.oddFooter.center.font == "Times New Roman"
        assert 0.4 <= ws.page_margins.left <= 1
        assert 0.4 <= ws.page_margins.top <= 1
        assert ws.print_title_rows is not None


def test_print_areas_keep_the_working_columns_and_the_audit_sheets_out(wb: Any) -> None:
    summary = wb[SUMMARY]
    c1, r1, c2, r2 = print_box(summary)
    assert (c1, r1, c2) == (1, 1, 7)
    # the print area ends with the signature block; the key rows (codes) lie below it
    assert any(summary.cell(row=r, column=2).value == "NGƯỜI LẬP" for r in range(r1, r2 + 1))
    keys = row_of(summary, SUMMARY_KEY_LABELS["contingency_rule"])
    assert keys > r2
    assert print_box(wb[DETAIL])[2] == DETAIL_COL["total"]  # STT … Giá trị sau thuế
    for name in (CITATIONS, CHECK):
        ws = wb[name]
        c1, r1, c2, r2 = print_box(ws)
        assert (c1, r1) == (c2, r2)  # one cell …
        assert c1 > ws.max_column  # … an empty one: nothing of the sheet prints
    for name in (FEES, EQUIPMENT):
        assert print_box(wb[name])[3] == wb[name].max_row


# --- 4. row heights -------------------------------------------------------------------------------


def test_header_rows_are_high_enough_for_their_wrapped_titles(wb: Any) -> None:
    """Review defect 9: 'Thành tiền trước thuế' overlapped the first data row of Thiết bị."""
    for ws in wb.worksheets:
        header = int(ws.freeze_panes[1:]) - 1
        height = ws.row_dimensions[header].height
        for cell in ws[header]:
            if not isinstance(cell.value, str):
                continue
            width = width_of(ws, cell.column)
            need = _xlsx_book.text_height(cell.value, width, bold=True)
            assert height is not None, (ws.title, header)
            assert height >= need, (ws.title, cell.coordinate, height, need)
    eq = wb[EQUIPMENT]
    assert eq.row_dimensions[3].height >= 2 * _xlsx_book.LINE_HEIGHT  # two lines
    # an indented unit in a narrow column ("bản quyền" in 10 units) takes two lines too
    tb03 = row_of(eq, "TB-03")
    assert eq.cell(row=tb03, column=4).value == "bản quyền"
    assert eq.row_dimensions[tb03].height >= 2 * _xlsx_book.LINE_HEIGHT


def test_wrapped_text_gets_the_lines_it_needs() -> None:
    # a proportional font with diacritics: about 1,15 characters per unit, words kept whole
    text = "Chi phí làm cơ sở nhỏ hơn mốc đầu tiên của bảng định mức, cột báo cáo KTKT " * 4
    assert _xlsx_book.wrapped_lines(text, 40) >= len(text) // 40
    assert _xlsx_book.wrapped_lines("ngắn", 40) == 1
    assert _xlsx_book.wrapped_lines("a\nb\nc", 40) == 3
    high = _xlsx_book.text_height(text, 30)
    low = _xlsx_book.text_height(text, 120)
    assert high > 2 * low
    assert _xlsx_book.text_height("x", 30) == _xlsx_book.LINE_HEIGHT + _xlsx_book.ROW_PADDING


def test_no_row_is_cut_below_its_estimated_need(wb: Any) -> None:
    for ws in wb.worksheets:
        c1, r1, c2, r2 = print_box(ws)
        for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            for cell in row:
                if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                    continue
                if cell.data_type == "f":
                    continue
                merged = [m for m in ws.merged_cells.ranges if cell.coordinate in m]
                cols = range(merged[0].min_col, merged[0].max_col + 1) if merged else [cell.column]
                width = sum(width_of(ws, c) for c in cols)
                width = max(width - 2 * int(cell.alignment.indent or 0), 2)  # the indent's room
                need = _xlsx_book.text_height(cell.value, width, bold=bool(cell.font.b))
                height = ws.row_dimensions[cell.row].height
                assert height is not None, (ws.title, cell.coordinate)
                assert height >= min(409, need) - 0.01, (ws.title, cell.coordinate)


# --- 5. the signature block -----------------------------------------------------------------------


def test_the_summary_ends_with_the_place_date_and_signatures(wb: Any, estimate: Estimate) -> None:
    ws = wb[SUMMARY]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "…………, ngày 15 tháng 09 năm 2025" in texts
    for expected in (
        "NGƯỜI LẬP",
        "NGƯỜI CHỦ TRÌ (KIỂM TRA)",
        "ĐẠI DIỆN ĐƠN VỊ LẬP",
        "(Ký, ghi rõ họ tên)",
        "(Ký tên, đóng dấu)",
    ):
        assert expected in texts, expected
    unit = row_of(ws, "ĐẠI DIỆN ĐƠN VỊ LẬP", col=5)
    assert ws.cell(row=unit + 3, column=5).value == estimate.preparer  # the unit's name, given
    assert ws.row_dimensions[unit + 2].height >= 50  # room to sign
    words = row_of(ws, "Bằng chữ:")
    assert words < row_of(ws, "NGƯỜI LẬP")


def test_the_date_is_written_in_words_with_two_digits(tmp_path: Path) -> None:
    est = compute_estimate(
        load_project(
            {
                "project": {"name": "P", "date": "2026-03-05", "form": "ktkt"},
                "lines": [
                    {
                        "id": "K-01",
                        "component": "chi_phi_khac",
                        "name": "Khác",
                        "method": "fixed",
                        "vat": "general",
                        "amount": 1_000_000,
                        "basis": "Hợp đồng",
                    }
                ],
            }
        )
    )
    ws = openpyxl.load_workbook(write_xlsx(est, tmp_path / "p.xlsx"))[SUMMARY]
    texts = {c.value for row in ws.iter_rows() for c in row}
    assert "…………, ngày 05 tháng 03 năm 2026" in texts
    assert "—" in texts  # no preparer given: the row says so, the signature column stays empty
    unit = row_of(ws, "ĐẠI DIỆN ĐƠN VỊ LẬP", col=5)
    assert ws.cell(row=unit + 3, column=5).value is None


# --- 6. live fee bases and the words check ---------------------------------------------------------


def test_every_fee_base_is_a_live_sum_of_its_lines(wb: Any, estimate: Estimate) -> None:
    ws = wb[FEES]
    amount = get_column_letter(DETAIL_COL["amount"])
    fee_lines = [ln.id for ln in estimate.lines if ln.trace.kind == "fee"]
    assert len(fee_lines) == 8
    for line_id in fee_lines:
        row = row_of(ws, line_id)
        base = ws.cell(row=row, column=14).value
        assert isinstance(base, str), line_id
        assert base.startswith(f"=SUM('{DETAIL}'!{amount}"), (line_id, base)


def test_the_words_check_compares_the_live_total_with_the_words_amount(
    wb: Any, estimate: Estimate
) -> None:
    ws = wb[SUMMARY]
    total = row_of(ws, "TỔNG CỘNG")
    words = row_of(ws, "Bằng chữ:")
    assert ws.cell(row=words, column=3).value == estimate.total_in_words
    check = ws.cell(row=words + 1, column=3)
    g = get_column_letter(SUMMARY_COL["total"])
    assert check.value.startswith(f'=IF({g}{total}={int(estimate.total)},"","⚠ Tổng cộng đã thay')
    assert "cập nhật dòng Bằng chữ" in check.value
    assert check.font.color.rgb.endswith("C00000")  # red
    assert check.font.name == "Times New Roman"


def _soffice_or_skip() -> str:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI to recalculate the workbook")
        pytest.skip("LibreOffice (soffice) is not installed: the workbook is not recalculated")
    return SOFFICE


def _recalculate(exe: str, sources: list[Path], out: Path, profile: Path) -> None:
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def test_editing_a_unit_price_moves_the_fee_base_the_total_and_the_warning(
    path: Path, estimate: Estimate, tmp_path: Path
) -> None:
    """Review defect 6: overwrite TB-01's unit price with 300 000 000 and recalculate."""
    exe = _soffice_or_skip()
    edited, unedited = tmp_path / "in" / "edited.xlsx", tmp_path / "in" / "unedited.xlsx"
    edited.parent.mkdir()
    for target, price in ((edited, 300_000_000), (unedited, None)):
        book = openpyxl.load_workbook(path)  # openpyxl keeps no cached value: all recalculated
        ws = book[DETAIL]
        if price is not None:
            ws.cell(row=row_of(ws, "TB-01"), column=DETAIL_COL["unit_price"]).value = price
        book.save(target)
    out = tmp_path / "out"
    _recalculate(exe, [edited, unedited], out, tmp_path / "profile")
    before = openpyxl.load_workbook(out / "unedited.xlsx", data_only=True)
    after = openpyxl.load_workbook(out / "edited.xlsx", data_only=True)
    fees = before[FEES]
    base_row = row_of(fees, "QLDA-HT")  # the infrastructure part's base holds TB-01
    assert fees.cell(row=base_row, column=14).value == estimate.line("QLDA-HT").trace.fee.base
    moved = 2 * (300_000_000 - 285_000_000)
    assert after[FEES].cell(row=base_row, column=14).value == (
        estimate.line("QLDA-HT").trace.fee.base + moved
    )
    assert after[FEES].cell(row=base_row, column=15).value != estimate.line("QLDA-HT").amount
    summary_before, summary_after = before[SUMMARY], after[SUMMARY]
    total = row_of(summary_before, "TỔNG CỘNG")
    col = SUMMARY_COL["total"]
    assert summary_before.cell(row=total, column=col).value == estimate.total
    assert summary_after.cell(row=total, column=col).value > estimate.total + moved
    words = row_of(summary_before, "Bằng chữ:")
    assert summary_before.cell(row=words + 1, column=3).value in {None, ""}  # no warning
    warning = summary_after.cell(row=words + 1, column=3).value
    assert isinstance(warning, str)
    assert warning.startswith("⚠ Tổng cộng đã thay đổi")
    assert "1.513.045.024" in warning


# --- 8. one language -------------------------------------------------------------------------------


def test_the_printed_document_shows_no_internal_key(wb: Any, estimate: Estimate) -> None:
    keys = {*FLAGS, *METHODS, *COMPONENTS, *GROUP_KEYS, "single_coefficient", "after_vat"}
    keys |= {estimate.regime.id, "nd45_2026", "nd224_2026", "flat", "strict"}
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, keys), key=len)[::-1]) + r")\b")
    assert pattern.search("Chế độ áp dụng: nd73_2019 (NĐ 73/2019/NĐ-CP)")  # what it was
    assert pattern.search("Cờ của các dòng: below_range, minimum_applied")
    found = [
        (sheet, ref, m[0]) for sheet, ref, text in printed_texts(wb) for m in pattern.finditer(text)
    ]
    assert not found
    regime = wb[SUMMARY]["C7"].value
    assert regime == "Nghị định số 73/2019/NĐ-CP; Thông tư số 04/2020/TT-BTTTT (về chi phí)"
    # the keys are still in the file, outside the print (the importer reads them)
    texts = {c.value for row in wb[SUMMARY].iter_rows() for c in row}
    assert {"single_coefficient", "after_vat"} <= texts


def test_flags_are_written_in_words() -> None:
    for flag in get_args(Flag):
        text = CATALOGUE[f"xlsx.flag.{flag}"].vi
        assert text
        assert "_" not in text
        assert CATALOGUE[f"xlsx.flag.{flag}"].en


def test_line_flags_read_as_sentences(wb: Any) -> None:
    ws = wb[DETAIL]
    notes = ws.cell(row=row_of(ws, "K-01"), column=DETAIL_COL["notes"]).value
    assert notes.endswith("Lưu ý: giá trị cho trước kèm căn cứ.")
    summary = [c.value for row in wb[SUMMARY].iter_rows() for c in row if c.value]
    line_flags = next(t for t in summary if isinstance(t, str) and "Lưu ý ở các dòng" in t)
    assert "áp dụng mức tối thiểu" in line_flags
    assert "minimum_applied" not in line_flags


def test_dates_are_dd_mm_yyyy(wb: Any) -> None:
    assert wb[SUMMARY]["C5"].number_format == "DD/MM/YYYY"
    texts = [t for _, _, t in printed_texts(wb)]
    assert not [t for t in texts if re.search(r"\b\d{4}-\d{2}-\d{2}\b", t)]
    eq = wb[EQUIPMENT]
    assert eq["H5"].value == "20/08/2025"
    assert any("từ 01/01/2025" in str(c.value) for row in eq.iter_rows() for c in row)


# --- 9. number formats -----------------------------------------------------------------------------


def test_money_and_rates_are_numbers_in_the_vietnamese_style(wb: Any) -> None:
    ws = wb[DETAIL]
    row = row_of(ws, "TB-01")
    for field in ("unit_price", "amount", "vat_amount", "total"):
        cell = ws.cell(row=row, column=DETAIL_COL[field])
        assert cell.number_format == "[$-42A]#,##0", field
    rate = ws.cell(row=row, column=DETAIL_COL["vat_rate"])
    assert (rate.value, rate.number_format) == (8, "[$-42A]General")
    fees = wb[FEES]
    qlda = row_of(fees, "QLDA")
    assert fees.cell(row=qlda, column=12).number_format == "[$-42A]General"  # Ni = 1,855 %
    assert _xlsx_book.shown(_xlsx_book.GENERAL, Decimal("1.855")) == "[$-42A]General"
    assert _xlsx_book.shown(_xlsx_book.GENERAL, Decimal(4) / 3) == "[$-42A]#,##0.0000"
    assert _xlsx_book.shown(_xlsx_book.MONEY, Decimal(4) / 3) == "[$-42A]#,##0"


def test_the_signatories_sign_under_their_titles(tmp_path: Path) -> None:
    project = load_project(EXAMPLES / "portal-project.yaml")
    meta = project.project.model_copy(
        update={"prepared_by": "Nguyễn Văn A", "checked_by": "Trần Thị B", "signed_by": "Lê Văn C"}
    )
    signed = compute_estimate(
        project.model_copy(update={"project": meta}), registry=REG, base_dir=EXAMPLES
    )
    ws = openpyxl.load_workbook(write_xlsx(signed, tmp_path / "signed.xlsx"))[SUMMARY]
    title = row_of(ws, "NGƯỜI LẬP")
    assert ws.cell(row=title + 3, column=2).value == "Nguyễn Văn A"
    assert ws.cell(row=title + 3, column=3).value == "Trần Thị B"
    assert ws.cell(row=title + 3, column=5).value == f"Lê Văn C\n{signed.preparer}"
