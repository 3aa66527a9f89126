"""``ictcost stages``: check, timeline, template and read-plan, with their exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from ictcost.cli import app
from ictcost.stages import read_selection_plan

ROOT = Path(__file__).resolve().parents[1]
STAGES = ROOT / "examples" / "stages"


def run(*args: str, width: int = 120) -> Result:
    return CliRunner(env={"COLUMNS": str(width)}).invoke(app, list(args))


def test_clean_dossier_exits_0_with_no_warning() -> None:
    r = run("stages", "check", str(STAGES / "clean.yaml"), "--json")
    assert r.exit_code == 0, r.output
    findings = json.loads(r.stdout)["findings"]
    assert not [f for f in findings if f["severity"] in ("error", "warning")]


def test_planted_dossier_exits_1_and_names_the_codes() -> None:
    r = run("stages", "check", str(STAGES / "planted.yaml"), "--lang", "en")
    assert r.exit_code == 1
    for code in ("STAGE-CEILING", "STAGE-CONTRACT-PRICE", "STAGE-SAME-PARTY", "STAGE-SETTLEMENT"):
        assert code in r.stdout


def test_several_dossiers_with_a_repeat_window() -> None:
    r = run(
        "stages", "check", str(STAGES / "clean.yaml"), str(STAGES / "planted.yaml"),
        "--repeat-years", "3", "--json", "--no-estimate",
    )  # fmt: skip
    codes = {f["code"] for f in json.loads(r.stdout)["findings"]}
    assert "STAGE-REPEAT-NOT-RUN" not in codes
    assert r.exit_code == 1
    r = run("stages", "check", str(STAGES / "clean.yaml"), str(STAGES / "clean.yaml"), "--json")
    assert "STAGE-REPEAT-NOT-RUN" in {f["code"] for f in json.loads(r.stdout)["findings"]}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--advance-max-percent", "abc"], "not a number"),
        (["--advance-max-percent", "0"], "advance_max_percent"),
        (["--repeat-years", "0"], "repeat_years"),
    ],
)
def test_bad_thresholds_exit_2(args: list[str], words: str) -> None:
    r = run("stages", "check", str(STAGES / "clean.yaml"), *args)
    assert r.exit_code == 2
    assert words in r.output


def test_missing_or_invalid_dossier_exits_2(tmp_path: Path) -> None:
    assert run("stages", "check", str(tmp_path / "none.yaml")).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: y\n", encoding="utf-8")
    r = run("stages", "check", str(bad))
    assert r.exit_code == 2
    assert "owner" in r.output


def test_timeline_prints_and_writes(tmp_path: Path) -> None:
    md, xlsx, png = tmp_path / "t.md", tmp_path / "t.xlsx", tmp_path / "t.png"
    r = run(
        "stages", "timeline", str(STAGES / "planted.yaml"),
        "--md", str(md), "--xlsx", str(xlsx), "--chart", str(png), "--lang", "en",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "1,468,104,762" in r.stdout and "STAGE-SETTLEMENT" in r.stdout
    assert md.read_text(encoding="utf-8").startswith("#")
    assert load_workbook(xlsx).sheetnames
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_timeline_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    dossier = tmp_path / "d.yaml"
    dossier.write_text((STAGES / "clean.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "estimate.yaml").write_text(
        (STAGES / "estimate.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    r = run("stages", "timeline", str(dossier), "--md", str(dossier))
    assert r.exit_code == 2
    assert dossier.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_template_and_read_plan_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "khlcnt.xlsx"
    r = run("stages", "template", str(path))
    assert r.exit_code == 0, r.output
    assert path.is_file()
    # a blank template has no package: read-plan says so, located, with exit 2
    r = run("stages", "read-plan", str(path))
    assert r.exit_code == 2
    assert "KHLCNT" in r.output or "decision" in r.output.lower() or "quyết định" in r.output


def test_read_plan_prints_the_packages(tmp_path: Path) -> None:
    """The template filled in the way an estimator fills it reads back as the dossier's packages."""
    blank = tmp_path / "blank.xlsx"
    assert run("stages", "template", str(blank)).exit_code == 0
    wb = load_workbook(blank)
    ws = wb["KHLCNT"]
    headers = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    ws["A2"] = "(Kèm theo Quyết định số 225/QĐ-STP ngày 10/06/2025 của Sở Tư pháp tỉnh)"
    rows = [
        ("GT-01", "Tư vấn", 4002498, "Chỉ định thầu", "TV-03-HT, TV-03-PM"),
        (
            "GT-02",
            "Mua sắm hàng hóa",
            1033956000,
            "Đấu thầu rộng rãi",
            "TB-01, TB-02, TB-03, LD-01",
        ),
    ]
    for r, (pid, kind, price, selection, lines) in enumerate(rows, start=6):
        cells = {
            "STT": r - 5,
            "Mã gói thầu": pid,
            "Tên gói thầu": f"Gói thầu {pid}",
            "Loại gói thầu": kind,
            "Giá gói thầu (đồng)": price,
            "Hình thức lựa chọn nhà thầu": selection,
            "Thời gian bắt đầu tổ chức lựa chọn nhà thầu": "Quý III/2025",
            "Loại hợp đồng": "Trọn gói",
            "Dòng dự toán": lines,
        }
        for header, value in cells.items():
            ws.cell(r, headers.index(header) + 1, value)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    r = run("stages", "read-plan", str(filled))
    assert r.exit_code == 0, r.output
    printed = json.loads(r.stdout)
    assert [p["id"] for p in printed["packages"]] == ["GT-01", "GT-02"]
    assert printed["decision"]["number"] == "225/QĐ-STP"
    assert printed["decision"]["date"] == "2025-06-10"
    assert read_selection_plan(filled).packages[1].price == 1_033_956_000


@pytest.mark.parametrize(("lang", "above"), [("vi", "căn cứ: như"), ("en", "basis: as for")])
def test_a_rules_basis_is_printed_once_then_referred_to(lang: str, above: str) -> None:
    """STAGE-CEILING is found three times in the planted dossier: its long basis is printed
    under the first finding only, the other two refer to it; every other code keeps its own."""
    result = run("stages", "check", str(STAGES / "planted.yaml"), "--lang", lang, width=200)
    out = result.output
    assert out.count("Điều 40 k1 đ") == 1  # a phrase of STAGE-CEILING's basis only
    ceiling = [line for line in out.splitlines() if line.startswith("  STAGE-CEILING ")]
    assert len(ceiling) >= 3
    assert out.count(f"[{above} STAGE-CEILING") == len(ceiling) - 1
    # every other code's basis is printed too, exactly once
    from ictcost.checks import RULES  # noqa: PLC0415
    from ictcost.report.explain import basis_text  # noqa: PLC0415

    flat = " ".join(out.split())
    codes = {line.split()[0] for line in out.splitlines() if line.startswith("  STAGE-")}
    assert len(codes) >= 8
    for code in codes:
        text = " ".join(basis_text(code, RULES[code].basis, lang).split())
        assert flat.count(f"[{text}]") == 1, code
