"""The printed estimate workbook, as LibreOffice renders it to PDF (pages, fonts, text).

Where ``soffice`` is missing the tests skip, loudly; with the environment variable ``CI`` set they
fail instead (CI installs LibreOffice and poppler).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("openpyxl")

from ictcost import NormRegistry
from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.report.excel import write_xlsx

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
TOOLS = ("soffice", "pdfinfo", "pdffonts", "pdftotext")
SERIF = re.compile(r"^(?:[A-Z]{6}\+)?(TimesNewRoman|Times New Roman|LiberationSerif|Tinos)")
"""Times New Roman, or a face metric-compatible with it that LibreOffice substitutes for it
(Liberation Serif, Tinos) where Microsoft's font is not installed."""


def _tools() -> dict[str, str]:
    found = {name: shutil.which(name) for name in TOOLS}
    missing = [name for name, exe in found.items() if exe is None]
    if missing:
        reason = (
            f"{', '.join(missing)} not installed: the printed workbook is NOT checked "
            "(apt-get install libreoffice-calc poppler-utils)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return {name: exe for name, exe in found.items() if exe is not None}


def _run(*args: str) -> str:
    done = subprocess.run(args, check=True, capture_output=True, text=True, timeout=300)
    return done.stdout


@pytest.fixture(scope="module")
def estimate() -> Estimate:
    return compute_estimate(
        load_project(EXAMPLES / "portal-project.yaml"), registry=REG, base_dir=EXAMPLES
    )


@pytest.fixture(scope="module")
def pdf(
    estimate: Estimate, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    tools = _tools()
    folder = tmp_path_factory.mktemp("render")
    source = write_xlsx(estimate, folder / "portal.xlsx")
    profile = (folder / "profile").as_uri()
    _run(
        tools["soffice"],
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(source),
    )
    return folder / "portal.pdf", tools


def _pages(pdf: Path, tools: dict[str, str]) -> int:
    info = _run(tools["pdfinfo"], str(pdf))
    m = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert m is not None, info
    return int(m[1])


def _text(pdf: Path, tools: dict[str, str], first: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(first)] if first is not None else []
    return _run(tools["pdftotext"], *pages, str(pdf), "-")


def test_the_default_print_is_the_document_not_the_audit_sheets(
    pdf: tuple[Path, dict[str, str]],
) -> None:
    path, tools = pdf
    pages = _pages(path, tools)
    # the summary (1), the detail (1) and the breakdowns: a handful of pages, not 19 (review §1)
    assert 5 <= pages <= 9, pages
    text = _text(path, tools)
    assert "BẢNG TỔNG HỢP DỰ TOÁN" in text
    assert "CHI TIẾT CÁC KHOẢN CHI PHÍ" in text
    assert "TRÍCH DẪN CÁC GIÁ TRỊ ĐỊNH MỨC ĐÃ DÙNG" not in text  # in the file, not in the print
    assert "KIỂM TRA: KẾT QUẢ CÔNG THỨC" not in text
    assert f"Trang 1/{pages}" in text
    assert f"Trang {pages}/{pages}" in text


def test_the_summary_page_holds_the_whole_document(
    pdf: tuple[Path, dict[str, str]], estimate: Estimate
) -> None:
    path, tools = pdf
    first = _text(path, tools, first=1)
    for text in (
        "BẢNG TỔNG HỢP DỰ TOÁN",
        "Nội dung chi phí",
        "Cách tính",
        "1.513.045.024",  # TỔNG CỘNG, whole, Vietnamese separators
        "1.440.995.261",
        "72.049.763",
        "Bằng chữ:",
        "ngày 15 tháng 09 năm 2025",
        "NGƯỜI LẬP",
        "NGƯỜI CHỦ TRÌ (KIỂM TRA)",
        "ĐẠI DIỆN ĐƠN VỊ LẬP",
        "(Ký, ghi rõ họ tên)",
        "(Ký tên, đóng dấu)",
    ):
        assert text in first, text
    assert estimate.total_in_words.split()[0] in first
    assert "⚠" not in first  # the words check is silent while the total is ictcost's
    assert "nd73_2019" not in first
    assert "single_coefficient" not in first  # the key rows are outside the print area


def test_the_detail_page_shows_every_line_whole(
    pdf: tuple[Path, dict[str, str]], estimate: Estimate
) -> None:
    path, tools = pdf
    second = _text(path, tools, first=2)
    assert "CHI TIẾT CÁC KHOẢN CHI PHÍ" in second
    for line in estimate.lines:
        assert line.id in second, line.id
    for amount in ("615.600.000", "482.035.330", "570.000.000", "27.648.000"):
        assert amount in second, amount


def test_every_font_of_the_print_is_times_new_roman(pdf: tuple[Path, dict[str, str]]) -> None:
    path, tools = pdf
    lines = _run(tools["pdffonts"], str(path)).splitlines()[2:]
    names = [line.split()[0] for line in lines if line.strip()]
    assert names
    assert all(SERIF.match(name) for name in names), names
