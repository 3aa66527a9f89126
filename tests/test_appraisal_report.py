"""The appraisal report (.docx), the ``check`` command's outputs and its portfolio runs.

The report is opened with python-docx and read for what an appraiser relies on: each section, the
comparison table with the planted fee, the total in words, the signatures, Times New Roman, A4 and
the page number. Where LibreOffice is installed the report and the workbook are rendered to PDF
(the rendering was also looked at by eye when the layout was made; see docs/concepts/appraisal.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner, Result

from ictcost import NormRegistry
from ictcost.checks import check
from ictcost.cli import app
from ictcost.estimate import compute_estimate, load_project
from ictcost.report import Comparison, compare, write_comparison
from ictcost.report.appraisal import build_report, write_report
from ictcost.report.comparison import is_comparison_workbook
from ictcost.report.excel import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIO = ROOT / "examples" / "portfolio"
FILE = PORTFOLIO / "04-hoi-nghi-truyen-hinh.yaml"
CLEAN = PORTFOLIO / "01-mot-cua-huyen.yaml"
REG = NormRegistry.shipped()
SECTIONS_VI = (
    "I. CĂN CỨ PHÁP LÝ",
    "II. THÔNG TIN DỰ ÁN",
    "III. NỘI DUNG THẨM ĐỊNH",
    "IV. KẾT QUẢ THẨM ĐỊNH",
    "V. KIẾN NGHỊ",
)
SECTIONS_EN = (
    "I. LEGAL BASIS",
    "II. THE PROJECT",
    "III. WHAT WAS CHECKED",
    "IV. RESULT OF THE APPRAISAL",
    "V. RECOMMENDATIONS",
)


@pytest.fixture(scope="module")
def sample() -> Comparison:
    project = load_project(FILE)
    estimate = compute_estimate(project, registry=REG, lenient_methods=True, collect_problems=True)
    return compare(project, estimate, check(project, registry=REG))


def _texts(document: object) -> list[str]:
    return [p.text for p in document.paragraphs]  # type: ignore[attr-defined]


def _result_table(document: object) -> object:
    for table in document.tables:  # type: ignore[attr-defined]
        if table.rows[0].cells[0].text in ("STT", "No.") and len(table.columns) == 6:
            return table
    raise AssertionError("no comparison table")


def test_the_report_has_every_section_and_the_table(sample: Comparison, tmp_path: Path) -> None:
    path = write_report(sample, tmp_path / "bao-cao.docx")
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.docx"]  # written atomically
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert tuple(headings) == SECTIONS_VI
    texts = _texts(document)
    assert "BÁO CÁO KẾT QUẢ THẨM ĐỊNH DỰ TOÁN" in texts
    assert "Dự án: Hệ thống hội nghị truyền hình trực tuyến cấp tỉnh đến cấp xã" in texts
    assert "- Nghị định số 73/2019/NĐ-CP của Chính phủ (chế độ chi phí áp dụng);" in texts
    assert "- Thông tư số 04/2020/TT-BTTTT (thông tư về chi phí áp dụng);" in texts
    groups = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert groups[:5] == [
        "1. Chi phí xây lắp (G_XL)",
        "2. Chi phí thiết bị (G_TB)",
        "3. Chi phí quản lý dự án (G_QLDA)",
        "4. Chi phí tư vấn đầu tư (G_TV)",
        "5. Chi phí khác (G_K)",
    ]
    assert any(t.startswith("[Lỗi] ARITH-LINE: Giá trị nêu 77.125.000 đồng") for t in texts)
    assert any(t.startswith("[Cảnh báo] STRUCT-FEE-BASE") for t in texts)
    # kiến nghị: the errors first, then the warnings
    recommend = texts[texts.index("V. KIẾN NGHỊ") :]
    errors = recommend.index("1. Sửa các sai sót sau (mức lỗi):")
    warnings = recommend.index(
        "2. Làm rõ, giải trình hoặc bổ sung các nội dung sau (mức cảnh báo):"
    )
    assert errors < warnings
    assert recommend[errors + 1].startswith("- [ARITH-LINE] Dòng QLDA: Giá trị nêu 77.125.000")
    assert "Giá trị dự toán sau thẩm định: 3.654.016.294 đồng." in recommend
    assert any(t.startswith("Bằng chữ: Ba tỷ sáu trăm năm mươi tư triệu") for t in recommend)


def test_the_comparison_table_of_the_report(sample: Comparison) -> None:
    table = _result_table(build_report(sample))
    header = [c.text for c in table.rows[0].cells]  # type: ignore[attr-defined]
    assert header == [
        "STT",
        "Nội dung",
        "Giá trị đề nghị",
        "Giá trị thẩm định",
        "Tăng (+), giảm (-)",
        "Ghi chú / căn cứ",
    ]
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows}  # type: ignore[attr-defined]
    assert rows["3.1"][1:5] == [
        "QLDA – Chi phí quản lý dự án",
        "77.125.000",
        "68.516.616",
        "-8.608.384",
    ]
    assert rows["3.1"][5].startswith("ARITH-LINE: Giá trị nêu 77.125.000 đồng")
    assert rows["3"][1:4] == ["Chi phí quản lý dự án (G_QLDA)", "77.125.000", "68.516.616"]
    last = [c.text for c in table.rows[-1].cells]  # type: ignore[attr-defined]
    assert last[1:4] == ["TỔNG CỘNG", "không nêu", "3.654.016.294"]
    # the header repeats on every page; no row breaks across pages
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None  # type: ignore[attr-defined]


def test_fonts_page_and_footer(sample: Comparison) -> None:
    document = build_report(sample)
    qn = docx.oxml.ns.qn
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
            "Times New Roman"
        }, name
        assert fonts.get(qn("w:asciiTheme")) is None
    runs = [
        r
        for p in document.paragraphs
        for r in p.runs
        if r.font.name not in (None, "Times New Roman")
    ]
    assert not runs
    first, result, last = document.sections
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(result.page_width.mm), round(result.page_height.mm)) == (297, 210)
    assert (round(last.page_width.mm), round(last.page_height.mm)) == (210, 297)
    assert (round(first.left_margin.mm), round(first.right_margin.mm)) == (30, 15)
    footer = first.footer.paragraphs[0]
    instructions = [e.text.strip() for e in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Trang ")


def test_signatures_and_stage(sample: Comparison) -> None:
    document = build_report(sample)
    signature = document.tables[-1]
    cells = [c.text for c in signature.rows[0].cells]
    assert cells[0].startswith("NGƯỜI THẨM ĐỊNH\n(Ký, ghi rõ họ tên)")
    assert cells[1].startswith("NGƯỜI KIỂM TRA")
    assert cells[2].startswith("ĐƠN VỊ THẨM ĐỊNH\n(Ký tên, đóng dấu)")
    assert "…, ngày … tháng … năm …" in _texts(document)
    review = build_report(sample, stage="tham_tra")
    texts = _texts(review)
    assert "BÁO CÁO KẾT QUẢ THẨM TRA DỰ TOÁN" in texts and "III. NỘI DUNG THẨM TRA" in texts
    unit = [c.text for c in review.tables[-1].rows[0].cells][2]
    assert unit.endswith("Công ty Tư vấn Thẩm tra Sông Hồng")  # the reviewer signs for the unit
    head = review.tables[0].rows[0].cells[0].text
    assert head == "CÔNG TY TƯ VẤN THẨM TRA SÔNG HỒNG"


def test_the_report_in_english(sample: Comparison, tmp_path: Path) -> None:
    document = docx.Document(str(write_report(sample, tmp_path / "report.docx", "en")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert tuple(headings) == SECTIONS_EN
    texts = _texts(document)
    assert "REPORT ON THE APPRAISAL OF THE COST ESTIMATE" in texts
    assert any(t.startswith("[Error] ARITH-LINE: Stated 77,125,000, recomputed") for t in texts)
    assert any(t.startswith("In words (Vietnamese): Ba tỷ") for t in texts)
    header = [c.text for c in _result_table(document).rows[0].cells]  # type: ignore[attr-defined]
    assert header[2:4] == ["Submitted", "After appraisal"]
    assert document.sections[0].footer.paragraphs[0].text.startswith("Page ")


# --- rendering -----------------------------------------------------------------------------------


def _render_pdf(source: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: the report and the workbook were NOT "
            "rendered to PDF (install libreoffice-writer and libreoffice-calc to run this)"
        )
    profile = folder / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / f"{source.stem}.pdf"
    if not pdf.exists():
        pytest.skip(f"LibreOffice could not convert {source.suffix} files here (no filter)")
    return pdf


def _pdf_text(pdf: Path) -> str | None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    done = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def test_the_report_renders_to_pdf(sample: Comparison, tmp_path: Path) -> None:
    pdf = _render_pdf(write_report(sample, tmp_path / "bao-cao.docx"), tmp_path)
    data = pdf.read_bytes()
    assert (
        data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type/Page") >= 1
    )
    text = _pdf_text(pdf)
    if text is not None:
        for heading in SECTIONS_VI:
            assert heading in text
        assert "3.654.016.294" in text and "Trang 1 / " in text


def test_the_workbook_renders_to_pdf(sample: Comparison, tmp_path: Path) -> None:
    pdf = _render_pdf(write_comparison(sample, tmp_path / "so-sanh.xlsx"), tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = _pdf_text(pdf)
    if text is not None:
        assert "BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH DỰ TOÁN" in text
        assert "Trang 1 / 1" in text  # the sample fits on one page, fitted to the width


# --- the check command ---------------------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(app, list(args))


def test_check_writes_the_report_the_workbook_and_the_markdown(tmp_path: Path) -> None:
    report, xlsx, md = tmp_path / "r.docx", tmp_path / "c.xlsx", tmp_path / "c.md"
    r = run("check", str(FILE), "--report", str(report), "--xlsx", str(xlsx), "--md", str(md))
    assert r.exit_code == 1, r.output  # the planted errors
    for path in (report, xlsx, md):
        assert f"đã ghi {path}" in r.stdout
    assert "ARITH-LINE" in r.stdout  # the findings are printed as before
    assert (
        tuple(p.text for p in docx.Document(str(report)).paragraphs if p.style.name == "Heading 1")
        == SECTIONS_VI
    )
    assert is_comparison_workbook(xlsx)
    assert openpyxl.load_workbook(xlsx).active.title == "So sánh"
    assert md.read_text(encoding="utf-8").startswith("# BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH DỰ TOÁN")


def test_check_json_stays_the_findings(tmp_path: Path) -> None:
    md = tmp_path / "c.md"
    r = run("check", str(FILE), "--json", "--md", str(md), "--lang", "en", "--stage", "tham-tra")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert next(iter(data)) == "schema_version" and "findings" in data
    assert json.loads(check(load_project(FILE)).to_json()) == data
    assert md.read_text(encoding="utf-8").startswith("# COMPARISON TABLE OF THE REVIEW")


@pytest.mark.parametrize("option", ["--xlsx", "--report", "--md"])
def test_an_output_in_a_missing_folder_is_a_clear_error(option: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.file"
    r = run("check", str(FILE), option, str(target))
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert f"cannot write {target}" in r.stderr and "does not exist" in r.stderr
    assert "[input-invalid]" in r.stderr and "Traceback" not in r.stderr + r.stdout
    assert r.stdout == ""
    j = run("check", str(FILE), option, str(target), "--json")
    assert j.exit_code == 2 and json.loads(j.stdout)["error"]["field"] == option


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()  # a folder where the file should go
    r = run("check", str(FILE), "--xlsx", str(folder))
    assert r.exit_code == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(("option", "value"), [("--lang", "fr"), ("--stage", "tham-khao")])
def test_bad_output_options_are_input_errors(option: str, value: str, tmp_path: Path) -> None:
    r = run("check", str(FILE), "--md", str(tmp_path / "x.md"), option, value)
    assert r.exit_code == 2 and f"Invalid value for '{option}'" in r.stderr
    assert not (tmp_path / "x.md").exists()


# --- portfolio runs ------------------------------------------------------------------------------


def test_other_files_findings_do_not_change_the_exit_status() -> None:
    alone = run("check", str(CLEAN))
    assert alone.exit_code == 0
    r = run("check", str(CLEAN), "--portfolio", str(PORTFOLIO))
    assert r.exit_code == 0, r.output  # 02 and 04 have errors, 01 has none
    assert "VAT-RATE" in r.stdout and "ARITH-LINE" in r.stdout  # still shown
    assert "01-mot-cua-huyen.yaml: 0 lỗi, 0 cảnh báo của chính tệp này" in r.stdout
    mine = run("check", str(FILE), "--portfolio", str(PORTFOLIO))
    assert mine.exit_code == 1  # its own errors still count
    assert "04-hoi-nghi-truyen-hinh.yaml: 2 lỗi" in mine.stdout


def _portfolio(folder: Path) -> None:
    """A portfolio in the three formats: YAML, JSON and an ictcost workbook."""
    shutil.copy(PORTFOLIO / "02-csdl-dat-dai.yaml", folder / "02.yaml")
    ioc = load_project(PORTFOLIO / "03-ioc-do-thi.yaml")
    (folder / "03.json").write_text(ioc.model_dump_json(exclude_none=True), encoding="utf-8")
    write_xlsx(compute_estimate(load_project(FILE), registry=REG), folder / "04.xlsx")
    (folder / "~$04.xlsx").write_bytes(b"")  # Excel's lock file
    (folder / "notes.txt").write_text("not an estimate", encoding="utf-8")


def test_a_portfolio_of_yaml_json_and_workbooks_is_read_whole(tmp_path: Path) -> None:
    _portfolio(tmp_path)
    out = tmp_path / "so-sanh.xlsx"  # written into the portfolio folder itself
    for _ in range(2):  # the second run finds the first run's comparison workbook and skips it
        r = run("check", str(CLEAN), "--portfolio", str(tmp_path), "--json", "--xlsx", str(out))
        assert r.exit_code == 0, r.output
        names = {f["estimate"] for f in json.loads(r.stdout)["findings"]}
        assert names == {
            load_project(p).project.name
            for p in (CLEAN, PORTFOLIO / "02-csdl-dat-dai.yaml", PORTFOLIO / "03-ioc-do-thi.yaml")
        } | {load_project(FILE).project.name, "portfolio"}


def test_the_comparison_of_a_portfolio_run_holds_only_the_files_findings(tmp_path: Path) -> None:
    md = tmp_path / "c.md"
    r = run("check", str(FILE), "--portfolio", str(PORTFOLIO), "--md", str(md))
    assert r.exit_code == 1
    text = md.read_text(encoding="utf-8")
    assert "ARITH-LINE" in text
    assert "VAT-RATE" not in text and "PROC-SPLIT" not in text  # the other files' findings


def test_same_named_estimates_are_told_apart(tmp_path: Path) -> None:
    twin = load_project(PORTFOLIO / "02-csdl-dat-dai.yaml").model_dump(
        mode="json", exclude_none=True
    )
    twin["project"]["name"] = load_project(CLEAN).project.name  # another file, the same name
    (tmp_path / "twin.json").write_text(json.dumps(twin, ensure_ascii=False), encoding="utf-8")
    r = run("check", str(CLEAN), "--portfolio", str(tmp_path))
    assert r.exit_code == 0, r.output  # the twin's VAT-RATE error is not the file's


def test_progress_is_shown_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = run("check", str(CLEAN), "--portfolio", str(PORTFOLIO), "--json")
    monkeypatch.setattr("ictcost.cli._stderr_is_terminal", lambda: True)
    shown = run("check", str(CLEAN), "--portfolio", str(PORTFOLIO), "--json")
    assert shown.exit_code == quiet.exit_code == 0
    assert shown.stdout == quiet.stdout  # the progress never reaches standard output
    assert quiet.stderr == ""
