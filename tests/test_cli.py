"""The ``ictcost`` command: outputs at a fixed width, JSON, exit codes and error messages.

Every command runs through typer's ``CliRunner`` with ``COLUMNS`` fixed, so the rich tables are laid
out as on a terminal of that width. The outputs are checked for what a reader relies on: every
amount whole, right-aligned and never cut, tables within the width, the typed figures of the
result present; the JSON is the result model's own (``to_json()``); an unusable input gives its
typed message and code on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ictcost import NormRegistry, compute_fee, format_vnd, table_fee
from ictcost.checks import check, check_portfolio
from ictcost.cli import app
from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.inputs import load_software_input
from ictcost.inputs.portfolio import portfolio_files
from ictcost.report.explain import explain_trace
from ictcost.report.summary import summary_rows
from ictcost.report.text import notes_text
from ictcost.software import compute_software_cost

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROJECT = EXAMPLES / "portal-project.yaml"
PACK = EXAMPLES / "pack"
SOFTWARE = EXAMPLES / "software-portal.yaml"
REG = NormRegistry.shipped().with_pack(PACK)
BOX = "│┃┏┓┗┛┡┩└┘┣┫━─┳┻╇╈┼"


def run(*args: str, width: int = 100) -> Result:
    return CliRunner(env={"COLUMNS": str(width)}).invoke(app, list(args))


def ok(*args: str, width: int = 100) -> str:
    r = run(*args, width=width)
    assert r.exit_code == 0, r.output
    assert r.exception is None, r.exception
    return r.stdout


def sample() -> Estimate:
    return compute_estimate(load_project(PROJECT), registry=REG, base_dir=EXAMPLES)


def table_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln[:1] in BOX]


def assert_tables_fit(text: str, width: int) -> None:
    lines = table_lines(text)
    assert lines, "no table in the output"
    too_wide = [ln for ln in lines if len(ln) > width]
    assert not too_wide, too_wide
    assert "…" not in text, "a cell was cut"


def assert_amount_right_aligned(text: str, amount: str) -> None:
    """The amount is whole in one cell of a table row, against the cell's right border."""
    rows = [ln for ln in table_lines(text) if re.search(rf"(?<![\d.]){re.escape(amount)} [│┃]", ln)]
    assert rows, f"{amount} is not a right-aligned cell"


# --- fee ----------------------------------------------------------------------------------------


FEE_TABLE = ["fee", "--table", "1b", "--form", "ktkt", "--base", "8500000000", "--on", "2026-01-15"]
FEE_ITEM = [
    "fee",
    "--item",
    "tham_tra_bao_cao_ktkt",
    "--category",
    "software",
    "--form",
    "ktkt",
    "--base",
    "8.500.000.000",
    "--on",
    "2026-01-15",
]


def test_fee_by_table_json_is_the_results_own():
    data = json.loads(ok(*FEE_TABLE, "--json"))
    assert data["rate_percent"] == "1.7944375"
    assert data["amount"] == "152527188"
    result = table_fee("1b", form="ktkt", base=8_500_000_000, on="2026-01-15")
    assert data == json.loads(result.to_json())


@pytest.mark.parametrize("width", [100, 80])
def test_fee_by_item_text(width):
    out = ok(*FEE_ITEM, width=width)
    assert_tables_fit(out, width)
    assert "14.082.375 đ" in out
    for table in ("qd1688-4b", "qd1688-5b", "qd1688-6b"):
        assert table in out
    assert "0,0791875" in out  # the rate of the third part, exact, in the Vietnamese style
    assert "căn cứ: QĐ 1688/QĐ-BTTTT" in out


def test_fee_notes_are_rendered_not_codes():
    result = compute_fee(
        "tham_tra_bao_cao_ktkt", category="software", form="ktkt", base=400_000_000, on="2026-01-15"
    )
    assert result.notes
    out = ok(*FEE_ITEM[:-4], "--base", "400000000", "--on", "2026-01-15")
    assert "•" in out
    assert not re.search(r"\bfee\.[a-z_]+\b", out), "a note code leaked into the output"


def test_fee_with_condition_and_alternative():
    out = ok(
        "fee",
        "--item",
        "lap_bao_cao_ktkt",
        "--category",
        "software",
        "--form",
        "ktkt",
        "--base",
        "10000000000",
        "--on",
        "2026-01-15",
        "--condition",
        "island",
        "--alternative",
        "qd1688-k-coefficients/lap_bao_cao_ktkt/island=0",
        "--json",
    )
    assert json.loads(out)["amount"] == "418800000"


def test_fee_list():
    out = ok("fee", "--list")
    lines = [ln.rstrip() for ln in out.splitlines()]
    assert any(re.fullmatch(r"quan_ly_du_an +Chi phí quản lý dự án", ln) for ln in lines)
    assert "tham_tra_bao_cao_ktkt" in out
    data = json.loads(ok("fee", "--list", "--json", "--on", "2026-01-15"))
    assert data["quan_ly_du_an"] == "Chi phí quản lý dự án"


# --- software -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [100, 80])
def test_software_text(width):
    result = compute_software_cost(load_software_input(SOFTWARE))
    out = ok("software", str(SOFTWARE), width=width)
    assert_tables_fit(out, width)
    assert f"G_PM = {format_vnd(result.g_pm)} đ" in out
    for row in result.summary:
        if row.amount is not None:
            assert_amount_right_aligned(out, format_vnd(row.amount))
    # a quotient is display-rounded to four decimals, marked, in the Vietnamese style; the JSON
    # keeps every digit (review defect 11: no raw Decimals, no None/True)
    assert "≈19,8333" in out and re.search(r"≈?0,805 ", out)  # EF, never 0,80499…
    assert not re.search(r"\d[.,]\d{5,}", out.replace("≈", "")), "an unrounded number"
    assert "None" not in out and "True" not in out and "False" not in out
    for title in ("Tác nhân (TAW)", "Trường hợp sử dụng (TBF)", "Bảng tổng hợp"):
        assert title in out


def test_software_json_is_the_results_own():
    data = json.loads(ok("software", str(SOFTWARE), "--json"))
    assert data == json.loads(compute_software_cost(load_software_input(SOFTWARE)).to_json())


# --- estimate -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [100, 80])
def test_estimate_text(width):
    e = sample()
    out = ok("estimate", str(PROJECT), "--pack", str(PACK), width=width)
    assert_tables_fit(out, width)
    assert e.name in out
    words = " ".join(out.split())  # plain lines are wrapped at words to the width
    assert "NĐ 73/2019/NĐ-CP" in words and "nd73_2019" not in out  # no internal regime id
    for ln in e.lines:
        assert_amount_right_aligned(out, format_vnd(ln.amount))
        assert_amount_right_aligned(out, format_vnd(ln.total))
    for row in summary_rows(e):
        assert_amount_right_aligned(out, format_vnd(row.total))
        assert row.label_vi.split()[0] in out
    assert "không chịu thuế" in out
    assert f"Bằng chữ: {e.total_in_words}" in words
    assert e.contingency is not None
    assert f"= {format_vnd(e.contingency.total)} đ" in words
    for note in notes_text(e):
        assert f"• {note}" in words
    assert max(len(ln) for ln in out.splitlines()) <= width


def test_estimate_text_shows_each_lines_computation():
    e = sample()
    out = ok("estimate", str(PROJECT), "--pack", str(PACK), width=200)
    for ln in e.lines:
        assert explain_trace(ln.trace, "vi") in out, ln.id
    # the parts of a fee and of an expert estimate
    assert (
        "Chi phí làm cơ sở tính (theo định nghĩa của định mức, hạng mục phần mềm nội bộ, cơ sở dữ liệu): PM-01, DL-01"
        in out
    )
    assert "60 ngày công × 850.000 đ = 51.000.000 đ" in out


def test_estimate_summary_rows_in_order():
    e = sample()
    out = ok("estimate", str(PROJECT), "--pack", str(PACK))
    summary = out[out.index("Tổng hợp") :]
    positions = [summary.index(f" {r.symbol} ") for r in summary_rows(e) if r.symbol]
    assert positions == sorted(positions)
    assert summary.index("Tổng cộng") > positions[-1]


def test_estimate_json_is_the_models_own(tmp_path: Path):
    md = tmp_path / "out.md"
    out = ok("estimate", str(PROJECT), "--pack", str(PACK), "--json", "--md", str(md))
    data = json.loads(out)
    assert data["schema_version"] == sample().schema_version
    assert next(iter(data)) == "schema_version"
    assert data == json.loads(sample().to_json())
    assert md.read_text(encoding="utf-8") == sample().to_markdown()


def test_estimate_writes_markdown_and_says_so(tmp_path: Path):
    md = tmp_path / "out.md"
    out = ok("estimate", str(PROJECT), "--pack", str(PACK), "--md", str(md))
    assert f"đã ghi {md}" in out
    assert "## Tổng hợp" in md.read_text(encoding="utf-8")


# --- check --------------------------------------------------------------------------------------


def test_check_text_and_json():
    r = run("check", str(PROJECT), "--pack", str(PACK))
    assert r.exit_code in {0, 1}, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert re.search(r"\d+ lỗi, \d+ cảnh báo, \d+ thông tin", r.stdout)
    assert "message_en" not in r.stdout
    j = run("check", str(PROJECT), "--pack", str(PACK), "--json")
    assert j.exit_code == r.exit_code
    data = json.loads(j.stdout)
    assert next(iter(data)) == "schema_version"
    findings = data["findings"]
    assert findings and all({"code", "severity", "message_vi"} <= set(f) for f in findings)
    for f in findings:
        assert f["code"] in r.stdout
        assert " ".join(f["message_vi"].split()) in " ".join(r.stdout.split())
    project = load_project(PROJECT)
    assert data == json.loads(check(project, registry=REG, base_dir=EXAMPLES).to_json())


def test_check_portfolio():
    mine = EXAMPLES / "portfolio" / "01-mot-cua-huyen.yaml"
    r = run("check", str(mine), "--portfolio", str(EXAMPLES / "portfolio"), "--json")
    assert r.exit_code in {0, 1}, r.output
    data = json.loads(r.stdout)
    others = portfolio_files(EXAMPLES / "portfolio", exclude=mine)
    expected = check_portfolio([load_project(mine), *(load_project(p) for p in others)])
    assert data == json.loads(expected.to_json())
    assert any(f["estimate"] == "portfolio" for f in data["findings"])


def test_portfolio_files_are_sorted_and_leave_out_the_estimate(tmp_path: Path):
    for name in ("b.yaml", "a.yml", "c.json", "x.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    names = [p.name for p in portfolio_files(tmp_path, exclude=tmp_path / "x.yaml")]
    assert names == ["a.yml", "b.yaml", "c.json"]  # JSON projects are read too


# --- norms --------------------------------------------------------------------------------------


def test_norms_list_and_show():
    ids = [row["id"] for row in json.loads(ok("norms", "list", "--on", "2026-01-15", "--json"))]
    assert "qd1688-1b" in ids and "regimes" in ids
    data = json.loads(ok("norms", "show", "qd1688-1b", "--on", "2026-01-15", "--json"))
    assert data["rows"][0]["values"]["ktkt"]["value"] == "1.855"
    assert data["rows"][0]["values"]["ktkt"]["confidence"] == "secondary-2"
    assert_tables_fit(ok("norms", "show", "qd1688-k-coefficients", "--on", "2026-01-15"), 100)
    wide = ok("norms", "show", "qd1688-k-coefficients", "--on", "2026-01-15", width=300)
    assert "1,35 [S4 · disputed]" in wide and "hoặc 1,2 [S4-old]" in wide
    assert "lap_bao_cao_ktkt" in wide


@pytest.mark.parametrize("width", [100, 80])
def test_norms_list_text(width):
    out = ok("norms", "list", "--on", "2026-01-15", width=width)
    assert_tables_fit(out, width)
    assert "Các bảng định mức của ictcost có hiệu lực ngày 15/01/2026" in out
    assert "qd1688-1b" in out


def test_norms_validate(tmp_path: Path):
    assert "0 vấn đề" in ok("norms", "validate", "norms")
    (tmp_path / "bad.yaml").write_text("id: bad\nid: again\n", encoding="utf-8")
    r = run("norms", "validate", str(tmp_path))
    assert r.exit_code == 1
    assert "bad.yaml:2:1" in r.stdout and "1 vấn đề" in r.stdout


def test_demo_runs():
    out = ok("demo")
    assert "152.527.188" in out and "qd1688-8b" in out
    assert "Các bảng định mức của ictcost" in out


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (
            ["fee", "--table", "1a", "--form", "ktkt", "--base", "1", "--on", "2026-01-15"],
            "input-invalid",
        ),
        (["fee", "--table", "1b", "--base", "8.500", "--on", "2026-01-15"], "input-amount"),
        (
            ["fee", "--table", "1b", "--form", "ktkt", "--base", "100", "--on", "15-01-2026"],
            "input-date",
        ),
        (
            ["fee", "--table", "1b", "--form", "ktkt", "--base", "100", "--on", "2026-02-30"],
            "input-date",
        ),
        (["fee", "--base", "100", "--on", "2026-01-15"], "input-invalid"),
        (["fee", "--table", "1b", "--on", "2026-01-15"], "input-invalid"),
        (
            [
                "fee",
                "--item",
                "quan_ly_du_an",
                "--category",
                "software",
                "--form",
                "project",
                "--base",
                "1",
                "--on",
                "2026-01-15",
                "--alternative",
                "nonsense",
            ],
            "alternative-invalid",
        ),
        (["norms", "list", "--on", "tomorrow"], "input-date"),
        (["norms", "show", "qd1688-1b", "--on", "2001-01-01"], "norm-version-not-found"),
        (["norms", "show", "nope"], "norm-not-found"),
        (["estimate", "no-such-project.yaml"], "input-invalid"),
        (["software", "no-such-input.yaml"], "input-invalid"),
        (["check", "no-such-project.yaml"], "input-invalid"),
        (["check", str(PROJECT), "--portfolio", "no-such-folder"], "input-invalid"),
    ],
)
def test_errors_exit_2_with_code_and_no_traceback(args, code):
    r = run(*args, "--json")
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert json.loads(r.stdout)["error"]["code"] == code
    text = run(*args)
    assert text.exit_code == 2
    assert isinstance(text.exception, SystemExit)
    assert text.stderr.startswith("error: ")
    assert f"[{code}]" in text.stderr
    assert "Traceback" not in text.output and "Traceback" not in text.stderr
    assert text.stdout == ""


def test_validating_a_missing_folder_is_an_error():
    r = run("norms", "validate", "no-such-pack")
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit)
    assert "'no-such-pack' is not a folder" in r.stderr and "[input-invalid]" in r.stderr
    assert "does not exist" in r.stderr


def test_missing_file_message_names_the_file():
    r = run("estimate", "no-such-project.yaml")
    assert "no-such-project.yaml" in r.stderr and "How to fix:" in r.stderr


def test_unwritable_output_is_an_input_error(tmp_path: Path):
    target = tmp_path / "no-such-folder" / "out.md"
    r = run("estimate", str(PROJECT), "--pack", str(PACK), "--md", str(target))
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert "cannot write" in r.stderr and "[input-invalid]" in r.stderr


def test_bad_project_date_is_located(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "project: {name: P, date: 2025-13-45, form: ktkt}\nlines:\n"
        "  - {id: A, component: thiet_bi, name: X, method: quotation, vat: general,"
        " quantity: 1, unit_price: 5}\n",
        encoding="utf-8",
    )
    r = run("estimate", str(bad))
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert "bad.yaml:1:" in r.stderr
    assert "Traceback" not in r.stderr


def test_the_command_only_prints_what_the_views_return():
    package = ROOT / "src" / "ictcost" / "cli"
    assert not (ROOT / "src" / "ictcost" / "cli.py").exists()
    sources = sorted(package.glob("*.py"))
    assert len(sources) >= 5
    for path in sources:
        source = path.read_text(encoding="utf-8")
        assert "rich.table" not in source and "Table(" not in source, path
        assert "model_dump" not in source, path  # JSON is the results' own to_json()
        assert len(source.splitlines()) <= 600, path


@pytest.mark.parametrize("option", ["--md", "--xlsx"])
def test_estimate_refuses_to_overwrite_its_input(tmp_path: Path, option: str):
    # reliability review D7: `estimate in.yaml --md in.yaml` silently overwrote the input
    src = EXAMPLES / "portal-project.yaml"
    project = tmp_path / "in.yaml"
    project.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "software-portal.yaml").write_text(
        (EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = project.read_bytes()
    for target in (project, tmp_path / "software-portal.yaml"):
        r = run("estimate", str(project), "--pack", str(EXAMPLES / "pack"), option, str(target))
        assert r.exit_code == 2, r.output
        assert "overwrite the input" in r.output
    assert project.read_bytes() == before


def test_estimate_refuses_to_write_into_its_pack_or_one_file_twice(tmp_path: Path):
    """Review D7, the two parts left: `--md <a norm file of the pack>` overwrote the pack, and
    `--xlsx X --md X` kept only the Markdown, both with exit 0."""
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    norm_file = next(iter(sorted(pack.rglob("*.yaml"))))
    before = norm_file.read_bytes()
    r = run("estimate", str(PROJECT), "--pack", str(pack), "--md", str(norm_file))
    assert r.exit_code == 2, r.output
    assert "overwrite the input" in r.output
    assert norm_file.read_bytes() == before
    both = tmp_path / "out"
    r = run("estimate", str(PROJECT), "--pack", str(pack), "--xlsx", str(both), "--md", str(both))
    assert r.exit_code == 2, r.output
    assert "one output would replace the other" in r.output
    assert not both.exists()
    r = run("estimate", str(PROJECT), "--pack", str(pack), "--md", str(tmp_path / "fine.md"))
    assert r.exit_code == 0, r.output  # a new file beside the pack is fine


@pytest.mark.parametrize(
    "value", ["a=²", "a=" + "9" * 5000, "qd1688-k-coefficients/lap_bao_cao_ktkt/island=٣"]
)
def test_a_malformed_alternative_index_is_a_typed_error(value: str):
    """Review D2: `--alternative 'a=²'` (str.isdigit accepts it) ended in ValueError."""
    r = run(
        "fee",
        "--item",
        "quan_ly_du_an",
        "--category",
        "software",
        "--form",
        "project",
        "--base",
        "8500000000",
        "--on",
        "2026-01-15",
        "--alternative",
        value,
    )
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output


def test_check_refuses_to_overwrite_its_input(tmp_path: Path):
    project = tmp_path / "in.yaml"
    project.write_text(
        (EXAMPLES / "portfolio" / "01-mot-cua-huyen.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    before = project.read_bytes()
    r = run("check", str(project), "--md", str(project))
    assert r.exit_code == 2, r.output
    assert project.read_bytes() == before


def test_estimate_refuses_a_software_input_outside_the_folder_unless_allowed(tmp_path: Path):
    # reliability review D5: `software: /etc/passwd` made ictcost read (and echo) any file
    data = (EXAMPLES / "portal-project.yaml").read_text(encoding="utf-8")
    outside = tmp_path / "other"
    outside.mkdir()
    (outside / "software-portal.yaml").write_text(
        (EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    project = tmp_path / "p" / "in.yaml"
    project.parent.mkdir()
    project.write_text(
        data.replace("software: software-portal.yaml", "software: ../other/software-portal.yaml"),
        encoding="utf-8",
    )
    args = ["estimate", str(project), "--pack", str(EXAMPLES / "pack"), "--json"]
    refused = run(*args)
    assert refused.exit_code == 2 and "inside the project's folder" in refused.output
    allowed = run(*args, "--allow-outside")
    assert allowed.exit_code == 0, allowed.output


def test_progress_goes_to_a_terminals_stderr_only(monkeypatch: pytest.MonkeyPatch):
    portfolio = EXAMPLES / "portfolio"
    mine = portfolio / "01-mot-cua-huyen.yaml"
    quiet = run("check", str(mine), "--portfolio", str(portfolio), "--json")
    assert quiet.stderr == ""
    seen: list[bool] = []

    def terminal() -> bool:
        seen.append(True)
        return True

    monkeypatch.setattr("ictcost.cli._stderr_is_terminal", terminal)
    shown = run("check", str(mine), "--portfolio", str(portfolio), "--json")
    assert seen, "the progress bar did not ask whether stderr is a terminal"
    assert shown.stdout == quiet.stdout  # the progress never reaches standard output
    assert shown.exit_code == quiet.exit_code
