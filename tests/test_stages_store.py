"""Dossiers in the portfolio database: load, reload, errors, the rules across them, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("duckdb", reason="the portfolio extra (duckdb) is needed for the store")

from ictcost.cli import app
from ictcost.stages import StageConfig, check_dossiers
from ictcost.stages.store import check_dossier_store, load_dossiers
from ictcost.stages.synthetic import write_dossiers

ROOT = Path(__file__).resolve().parents[1]
STAGES = ROOT / "examples" / "stages"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(STAGES, tmp_path / "stages")
    return tmp_path / "stages"


def test_load_is_idempotent_and_follows_changes(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    first = load_dossiers(folder, db, workers=1)
    assert (first.loaded, first.unchanged, first.errors, first.estimates) == (2, 0, 0, 1)
    again = load_dossiers(folder, db, workers=1)
    assert (again.loaded, again.unchanged) == (0, 3)  # the estimate file is unchanged too
    estimate = folder / "estimate.yaml"  # both dossiers approve it: both are stale when it changes
    estimate.write_text(estimate.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stale = load_dossiers(folder, db, workers=1)
    assert (stale.loaded, stale.estimates, stale.unchanged) == (2, 1, 0)
    planted = folder / "planted.yaml"
    planted.write_text(planted.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = load_dossiers(folder, db, workers=1)
    assert (changed.loaded, changed.unchanged) == (1, 2)
    (folder / "clean.yaml").unlink()
    gone = load_dossiers(folder, db, workers=1)
    assert gone.removed == 1
    report = check_dossier_store(db)
    assert report.dossiers == 1


def test_an_unreadable_dossier_is_an_error_row(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.yaml").write_text("id: x\nname: y\n", encoding="utf-8")
    db = tmp_path / "p.duckdb"
    summary = load_dossiers(folder, db, workers=1)
    assert summary.errors == 1
    report = check_dossier_store(db)
    assert [(Path(src).name, code) for src, code, _ in report.errors] == [
        ("broken.yaml", "input-invalid")
    ]


def test_store_findings_match_the_checks_in_memory(tmp_path: Path) -> None:
    files = write_dossiers(tmp_path / "d", 12)
    db = tmp_path / "p.duckdb"
    load_dossiers(tmp_path / "d", db, workers=1)
    report = check_dossier_store(db, stages=StageConfig(repeat_years=3))
    memory = check_dossiers(files, stages=StageConfig(repeat_years=3), with_estimate=True)
    across = sorted(
        (f.details["dossier"], f.details["item"]) for f in memory if f.code == "STAGE-REPEAT-BUY"
    )
    stored = sorted(
        (f.details["dossier"], f.details["item"])
        for f in report.findings
        if f.code == "STAGE-REPEAT-BUY"
    )
    assert across == stored and across
    own = {}
    for f in memory:
        if f.estimate != "portfolio":
            own[f.code] = own.get(f.code, 0) + 1
    assert report.by_code == dict(sorted(own.items()))
    assert report.by_code["STAGE-CONTRACT-PRICE"] == 1  # district 9 of 12


def test_without_a_window_the_report_says_the_repeat_rule_did_not_run(
    folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "p.duckdb"
    load_dossiers(folder, db, workers=1)
    report = check_dossier_store(db)
    assert [f.code for f in report.findings] == ["STAGE-REPEAT-NOT-RUN"]
    assert report.findings[0].details["dossiers"] == 2


def test_exceeding_projects_are_listed_in_stage_order(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    load_dossiers(folder, db, workers=1)
    rows = check_dossier_store(db).exceeding
    assert {r[0] for r in rows} == {"stp-qlvb-2026-planted"}
    assert rows[0][1:3] == ("policy", "plan")
    assert ("settlement", "approval") in {r[1:3] for r in rows}


def test_a_process_pool_gives_the_same_store(tmp_path: Path) -> None:
    write_dossiers(tmp_path / "d", 6)
    serial, pooled = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    load_dossiers(tmp_path / "d", serial, workers=1)
    load_dossiers(tmp_path / "d", pooled, workers=2)
    a = check_dossier_store(serial, stages=StageConfig(repeat_years=3))
    b = check_dossier_store(pooled, stages=StageConfig(repeat_years=3))
    assert a.by_code == b.by_code and a.exceeding == b.exceeding
    assert [f.details for f in a.findings] == [f.details for f in b.findings]


def test_missing_folder_or_database(tmp_path: Path) -> None:
    from ictcost.errors import InputError  # noqa: PLC0415

    with pytest.raises(InputError, match="no such folder"):
        load_dossiers(tmp_path / "none", tmp_path / "p.duckdb")
    with pytest.raises(InputError, match="does not exist"):
        check_dossier_store(tmp_path / "none.duckdb")


def test_cli_load_and_report(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    runner = CliRunner(env={"COLUMNS": "120"})
    r = runner.invoke(app, ["stages", "load", str(folder), "--db", db, "--workers", "1", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["loaded"] == 2
    r = runner.invoke(app, ["stages", "report", "--db", db, "--repeat-years", "3", "--json"])
    assert r.exit_code == 0, r.output  # repeat purchases are warnings
    data = json.loads(r.stdout)
    assert data["dossiers"] == 2 and data["by_code"]["STAGE-CEILING"] == 3
    r = runner.invoke(app, ["stages", "report", "--db", db, "--lang", "en"])
    assert "planted: settlement above approval by 105,796,264 VND" in r.stdout


def test_a_memory_limit_too_small_is_a_typed_error(folder: Path, tmp_path: Path) -> None:
    from ictcost.errors import InputError  # noqa: PLC0415

    db = tmp_path / "p.duckdb"
    load_dossiers(folder, db, workers=1)
    with pytest.raises(InputError) as exc:
        check_dossier_store(db, stages=StageConfig(repeat_years=3), memory_limit="1MB")
    assert exc.value.field == "memory_limit"
    assert "memory limit (1MB)" in exc.value.message
    assert check_dossier_store(db, stages=StageConfig(repeat_years=3), memory_limit="256MB")
