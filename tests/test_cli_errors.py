"""Every failure is a clear message with exit status 2 (review §3 C and defect 1), and Excel in.

Each case has its non-trigger: a valid pack still passes, the short table form still finds the
table, the pack hint is given only when the table is in a ``pack`` folder beside the input.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from ictcost.cli import app
from ictcost.report.console import missing_extra_view

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROJECT = EXAMPLES / "portal-project.yaml"
PACK = EXAMPLES / "pack"
SOFTWARE = EXAMPLES / "software-portal.yaml"


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "100"}).invoke(app, list(args))


def refused(*args: str) -> str:
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit)
    assert r.stderr.startswith("error: "), r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    return " ".join(r.stderr.split())


# --- norms validate (defect 1) --------------------------------------------------------------------


def test_validate_refuses_what_is_not_a_pack(tmp_path: Path) -> None:
    assert "does not exist" in refused("norms", "validate", str(tmp_path / "no-such-pack"))
    assert "no norm file" in refused("norms", "validate", str(tmp_path))  # an empty folder
    file = tmp_path / "table.yaml"
    file.write_text("id: x\n", encoding="utf-8")
    assert "is a file" in refused("norms", "validate", str(file))


def test_validate_passes_a_valid_pack() -> None:
    r = run("norms", "validate", str(PACK))
    assert r.exit_code == 0, r.output


# --- norms show: the short form and close ids (defect 15) -------------------------------------


def test_norms_show_takes_the_short_table_form() -> None:
    short = run("norms", "show", "1b", "--on", "2026-01-15", "--json")
    full = run("norms", "show", "qd1688-1b", "--on", "2026-01-15", "--json")
    assert short.exit_code == 0, short.output
    assert json.loads(short.stdout) == json.loads(full.stdout)


def test_norms_show_suggests_the_id_a_letter_l_stands_for() -> None:
    text = refused("norms", "show", "qd1688-lb")
    assert "did you mean qd1688-1b," in text  # first, before the other one-letter neighbours
    assert "[norm-not-found]" in text
    assert "did you mean qd1688-1b" in refused("norms", "show", "lb")


# --- a workbook or binary where YAML is expected (defect 14) -----------------------------------


def test_a_binary_file_where_yaml_is_expected(tmp_path: Path) -> None:
    fake = tmp_path / "project.yaml"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 64)  # a zip (a workbook) under a YAML name
    for command in ("estimate", "software", "check"):
        text = refused(command, str(fake))
        assert "workbook or another binary file" in text and "ictcost check" in text


def test_estimate_reads_a_filled_template_and_refuses_other_workbooks(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from openpyxl import Workbook  # noqa: PLC0415

    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    assert "template" in refused("estimate", str(other))
    book = tmp_path / "du-toan.xlsx"
    r = run("template", str(book), "--from", str(PROJECT))
    assert r.exit_code == 0, r.output
    # the project's software input is not beside the new workbook: the CLI says to copy it
    assert f"PM-01 dùng tệp đầu vào phần mềm {SOFTWARE.name}" in r.stderr
    shutil.copy(SOFTWARE, tmp_path / SOFTWARE.name)
    r = run("template", str(book), "--from", str(PROJECT))
    assert r.exit_code == 0 and "PM-01" not in r.stderr, r.output
    assert str(book) in r.stdout and book.is_file()
    from_book = run("estimate", str(book), "--pack", str(PACK), "--json")
    assert from_book.exit_code == 0, from_book.output
    from_yaml = run("estimate", str(PROJECT), "--pack", str(PACK), "--json")
    assert json.loads(from_book.stdout)["total"] == json.loads(from_yaml.stdout)["total"]


def test_a_blank_template_is_written_and_its_gaps_named(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    book = tmp_path / "blank.xlsx"
    assert run("template", str(book), "--lang", "en").exit_code == 0
    text = refused("estimate", str(book))
    assert "blank.xlsx" in text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["template", "out.txt"], "ending in .xlsx"),
        (["template", "no/such/folder/out.xlsx"], "does not exist"),
        (["template", "x.xlsx", "--from", "no-such.yaml"], "no-such.yaml"),
    ],
)
def test_template_refuses_what_it_cannot_write(
    args: list[str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert says in refused(*args)
    assert not list(tmp_path.iterdir())


def test_template_passes_the_project_and_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, object, str]] = []

    def fake(
        path: Path, *, project: object = None, lang: str = "vi", base_dir: object = None
    ) -> Path:
        calls.append((Path(path), project, lang))
        return Path(path)

    monkeypatch.setattr("ictcost.inputs.template.write_template", fake)
    out = tmp_path / "t.xlsx"
    assert run("template", str(out), "--from", str(PROJECT), "--lang", "en").exit_code == 0
    assert calls and calls[0][0] == out and calls[0][2] == "en"
    assert calls[0][1].project.name.startswith("Cổng dịch vụ công")
    assert run("template", str(out)).exit_code == 0
    assert calls[1][1] is None and calls[1][2] == "vi"


# --- the pack beside the input (defect 16) ------------------------------------------------------


def test_a_missing_table_points_at_the_pack_beside_the_input(tmp_path: Path) -> None:
    text = refused("estimate", str(PROJECT))
    assert f"add --pack {PACK}" in text
    # no pack folder beside the input: the usual hint
    for name in (PROJECT.name, SOFTWARE.name):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    alone = refused("estimate", str(tmp_path / PROJECT.name))
    assert "add --pack" not in alone and "ictcost norms list" in alone
    # a pack folder that does not hold the table: no false hint
    (tmp_path / "pack").mkdir()
    assert "add --pack" not in refused("estimate", str(tmp_path / PROJECT.name))


# --- install hints (defect 18) -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_install_hints_work_from_a_checkout(lang: str) -> None:
    text = missing_extra_view("--xlsx", "excel", lang).plain  # type: ignore[union-attr]
    assert "pip install 'ictcost[excel]'" in text
    assert "pip install -e '.[excel]'" in text
