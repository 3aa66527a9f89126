"""The command's conventions: --version, -h, choices, examples, -o FILE, stdin, --lang.

Each convention is checked where it holds and where it must refuse: a choice typer checks and
``--help`` shows, a legal choice that has no silent default, ``-o`` writing exactly the JSON
``--json`` prints (and nothing into a missing folder), ``-`` reading standard input, one language
per run with that language's number and date style.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ictcost import NormRegistry
from ictcost._version import __version__
from ictcost.cli import app
from ictcost.cli._fee import ConditionValue
from ictcost.estimate import compute_estimate, load_project
from ictcost.fees import CONDITIONS
from ictcost.report.layout import METHOD_VI

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROJECT = EXAMPLES / "portal-project.yaml"
PACK = EXAMPLES / "pack"
SOFTWARE = EXAMPLES / "software-portal.yaml"
SMALL = EXAMPLES / "portfolio" / "01-mot-cua-huyen.yaml"


def run(*args: str, width: int = 100, stdin: str | None = None) -> Result:
    return CliRunner(env={"COLUMNS": str(width)}).invoke(app, list(args), input=stdin)


def ok(*args: str, width: int = 100, stdin: str | None = None) -> str:
    r = run(*args, width=width, stdin=stdin)
    assert r.exit_code == 0, r.output
    return r.stdout


# --- version, help, completion --------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    assert ok(flag) == f"ictcost {__version__}\n"


def test_version_of_the_installed_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ictcost", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"ictcost {__version__}\n"


COMMANDS = [
    ["fee"],
    ["software"],
    ["estimate"],
    ["template"],
    ["check"],
    ["config"],
    ["demo"],
    ["norms", "list"],
    ["norms", "show"],
    ["norms", "validate"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_h_help_and_examples(command: list[str]) -> None:
    short = ok(*command, "-h")
    assert short == ok(*command, "--help")
    assert "Usage:" in short
    assert "Example" in short, "no example in --help"
    assert "ictcost " + command[0] in short


def test_top_level_help_and_completion() -> None:
    out = ok("-h")
    assert "--install-completion" in out and "--show-completion" in out
    assert "--version" in out
    for command in ("fee", "estimate", "check", "template", "config", "norms"):
        assert command in out
    assert "norms" in ok("norms", "-h") and "validate" in ok("norms", "-h")


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["fee"], ["project|ktkt", "infrastructure|software", "vi|en"]),
        (["check"], ["tham-dinh|tham-tra", "vi|en"]),
        (["estimate"], ["vi|en"]),
    ],
)
def test_choices_are_shown_in_help(command: list[str], shown: list[str]) -> None:
    out = ok(*command, "-h", width=200)
    for choice in shown:
        assert choice in out, choice


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["fee", "--table", "1b", "--form", "dự-án", "--base", "1"], "--form"),
        (["fee", "--item", "quan_ly_du_an", "--category", "soft", "--base", "1"], "--category"),
        (["fee", "--item", "x", "--condition", "islands", "--base", "1"], "--condition"),
        (["check", str(SMALL), "--lang", "fr"], "--lang"),
        (["check", str(SMALL), "--stage", "tham-khao"], "--stage"),
        (["norms", "list", "--lang", "de"], "--lang"),
    ],
)
def test_a_bad_choice_is_refused_by_the_parser(args: list[str], option: str) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert "Invalid value" in r.stderr and option in r.stderr
    assert "Traceback" not in r.output


def test_the_conditions_choice_is_the_fee_modules() -> None:
    assert tuple(c.value for c in ConditionValue) == CONDITIONS


# --- fee: no silent default for a legal choice --------------------------------------------------


def _error(args: list[str]) -> dict[str, str]:
    r = run(*args, "--json")
    assert r.exit_code == 2, r.output
    error: dict[str, str] = json.loads(r.stdout)["error"]
    return error


def test_a_table_lookup_needs_the_form() -> None:
    error = _error(["fee", "--table", "1b", "--base", "8500000000", "--on", "2026-01-15"])
    assert error["field"] == "--form" and "required" in error["message"]


def test_an_item_needs_the_category_and_the_form() -> None:
    base = ["fee", "--item", "quan_ly_du_an", "--base", "8500000000", "--on", "2026-01-15"]
    assert _error([*base, "--form", "ktkt"])["field"] == "--category"
    assert _error([*base, "--category", "software"])["field"] == "--form"
    data = json.loads(ok(*base, "--category", "software", "--form", "ktkt", "--json"))
    assert data["category"] == "software" and data["form"] == "ktkt"


def test_a_category_that_contradicts_the_table_is_an_error() -> None:
    base = ["fee", "--table", "1b", "--form", "ktkt", "--base", "8500000000", "--on", "2026-01-15"]
    error = _error([*base, "--category", "infrastructure"])
    assert error["field"] == "--category" and "1b" in error["message"]
    assert "1a" in (error["hint"] or "")
    same = json.loads(ok(*base, "--category", "software", "--json"))
    assert same == json.loads(ok(*base, "--json"))
    infra = [
        "fee",
        "--table",
        "1a",
        "--form",
        "project",
        "--base",
        "8500000000",
        "--on",
        "2026-01-15",
    ]
    assert json.loads(ok(*infra, "--category", "infrastructure", "--json"))["amount"]


# --- -o FILE --------------------------------------------------------------------------------------

JSON_RUNS = [
    ["estimate", str(PROJECT), "--pack", str(PACK)],
    ["software", str(SOFTWARE)],
    ["check", str(PROJECT), "--pack", str(PACK)],
    ["fee", "--table", "1b", "--form", "ktkt", "--base", "8500000000", "--on", "2026-01-15"],
    ["norms", "list", "--on", "2026-01-15"],
    ["norms", "show", "qd1688-1b", "--on", "2026-01-15"],
]


@pytest.mark.parametrize("args", JSON_RUNS, ids=lambda a: a[0] + (a[1] if a[0] == "norms" else ""))
def test_output_file_holds_the_json(args: list[str], tmp_path: Path) -> None:
    printed = json.loads(ok(*args, "--json"))
    target = tmp_path / "out.json"
    r = run(*args, "-o", str(target))
    assert r.exit_code == 0, r.output
    assert r.stdout == ""  # the JSON went to the file
    assert str(target) in r.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == printed
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


@pytest.mark.parametrize("option", ["-o", "--output", "--md", "--xlsx"])
def test_an_output_into_a_missing_folder_is_exit_2(option: str, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.file"
    r = run("estimate", str(PROJECT), "--pack", str(PACK), option, str(target))
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert "cannot write" in r.stderr and "does not exist" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert not (tmp_path / "no").exists()


# --- standard input -------------------------------------------------------------------------------


def test_estimate_reads_standard_input() -> None:
    text = SMALL.read_text(encoding="utf-8")
    from_stdin = json.loads(ok("estimate", "-", "--json", stdin=text))
    from_file = json.loads(ok("estimate", str(SMALL), "--json"))
    assert from_stdin == from_file


def test_software_and_check_read_standard_input() -> None:
    soft = json.loads(ok("software", "-", "--json", stdin=SOFTWARE.read_text(encoding="utf-8")))
    assert soft == json.loads(ok("software", str(SOFTWARE), "--json"))
    r = run("check", "-", "--json", stdin=SMALL.read_text(encoding="utf-8"))
    assert r.exit_code in {0, 1}, r.output
    assert json.loads(r.stdout) == json.loads(run("check", str(SMALL), "--json").stdout)


def test_json_on_standard_input_is_read_too() -> None:
    data = load_project(SMALL).model_dump(mode="json", exclude_none=True)
    out = json.loads(ok("estimate", "-", "--json", stdin=json.dumps(data, ensure_ascii=False)))
    assert out["total"] == json.loads(ok("estimate", str(SMALL), "--json"))["total"]


@pytest.mark.parametrize(("stdin", "says"), [("", "empty"), ("lines: [\n", "")])
def test_bad_standard_input_is_exit_2(stdin: str, says: str) -> None:
    r = run("estimate", "-", stdin=stdin)
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("error: ") and says in r.stderr
    assert "Traceback" not in r.stderr


# --- one language at a time ---------------------------------------------------------------------

REGIME_IDS = ("nd73_2019", "nd45_2026", "nd224_2026")


def test_vietnamese_estimate_shows_no_internal_id() -> None:
    out = ok("estimate", str(PROJECT), "--pack", str(PACK), width=200)
    for regime in REGIME_IDS:
        assert regime not in out
    computation = out[out.index("Cách tính") : out.index("Tổng hợp")]
    for method in METHOD_VI:  # method keys (quotation, listed_price, expert …) never shown
        assert not re.search(rf"(?<![\w-]){method}(?![\w-])", computation), method
    assert "group_" not in out
    assert "15/09/2025" in out and "2025-09-15" not in out  # dd/mm/yyyy
    assert "1.513.045.024" in out


def test_english_estimate_is_english_with_english_separators() -> None:
    e = compute_estimate(
        load_project(PROJECT), registry=NormRegistry.shipped().with_pack(PACK), base_dir=EXAMPLES
    )
    out = ok("estimate", str(PROJECT), "--pack", str(PACK), "--lang", "en", width=200)
    for word in ("Lines", "Computation", "Summary", "before VAT", "after VAT", "not subject"):
        assert word in out, word
    for word in ("Chi tiết", "Cách tính", "trước thuế", "không chịu thuế", "Dự phòng:"):
        assert word not in out, word
    assert f"{e.total:,}" in out  # 1,513,045,024
    assert "2025-09-15" in out
    assert "Supplier quotation" in out  # the method's English label from the norm data


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["norms", "list"], "Các bảng định mức", "ictcost norm tables"),
        (["norms", "validate", "norms"], "0 vấn đề", "0 problem(s)"),
        (["check", str(PROJECT), "--pack", str(PACK)], "cảnh báo", "warning(s)"),
        (["software", str(SOFTWARE)], "Bảng tổng hợp", "Summary"),
        (
            [
                "fee",
                "--table",
                "1b",
                "--form",
                "ktkt",
                "--base",
                "8500000000",
                "--on",
                "2026-01-15",
            ],
            "căn cứ:",
            "basis:",
        ),
        (["demo"], "Ví dụ tính chi phí", "Sample fee"),
    ],
)
def test_every_command_prints_one_language(args: list[str], vi: str, en: str) -> None:
    out_vi = ok(*args)
    out_en = ok(*args, "--lang", "en")
    assert vi in out_vi and en not in out_vi
    assert en in out_en and vi not in out_en


def test_findings_are_shown_in_the_language_asked_only() -> None:
    data = json.loads(run("check", str(PROJECT), "--pack", str(PACK), "--json").stdout)
    vi = " ".join(run("check", str(PROJECT), "--pack", str(PACK)).stdout.split())
    en = " ".join(run("check", str(PROJECT), "--pack", str(PACK), "--lang", "en").stdout.split())
    for f in data["findings"]:
        assert " ".join(f["message_vi"].split()) in vi and f["message_en"] not in vi
        assert " ".join(f["message_en"].split()) in en
