"""The ``ictcost`` command: outputs, JSON, exit codes and error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ictcost.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_fee_by_table_json():
    r = run(
        "fee",
        "--table",
        "1b",
        "--form",
        "ktkt",
        "--base",
        "8500000000",
        "--on",
        "2026-01-15",
        "--json",
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["rate_percent"] == "1.7944375"
    assert data["amount"] == "152527188"
    assert data["basis"] and isinstance(data["notes"], list)


def test_fee_by_item_text():
    r = run(
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
    )
    assert r.exit_code == 0, r.output
    assert "14.082.375" in r.stdout
    assert "qd1688-6b" in r.stdout


def test_fee_with_condition_and_alternative():
    r = run(
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
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["amount"] == "418800000"


def test_fee_list():
    r = run("fee", "--list")
    assert r.exit_code == 0
    assert "quan_ly_du_an" in r.stdout and "tham_tra_bao_cao_ktkt" in r.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (
            ["fee", "--table", "1a", "--form", "ktkt", "--base", "1", "--on", "2026-01-15"],
            "input-invalid",
        ),
        (["fee", "--table", "1b", "--base", "8.500", "--on", "2026-01-15"], "input-amount"),
        (["fee", "--table", "1b", "--base", "100", "--on", "15-01-2026"], "input-date"),
        (["fee", "--base", "100", "--on", "2026-01-15"], "input-invalid"),
        (["fee", "--table", "1b", "--on", "2026-01-15"], "input-invalid"),
        (
            [
                "fee",
                "--item",
                "quan_ly_du_an",
                "--base",
                "1",
                "--on",
                "2026-01-15",
                "--alternative",
                "nonsense",
            ],
            "alternative-invalid",
        ),
        (["norms", "show", "qd1688-1b", "--on", "2001-01-01"], "norm-version-not-found"),
        (["norms", "show", "nope"], "norm-not-found"),
    ],
)
def test_errors_exit_2_with_code(args, code):
    r = run(*args, "--json")
    assert r.exit_code == 2, r.output
    assert json.loads(r.stdout)["error"]["code"] == code
    text = run(*args)
    assert text.exit_code == 2
    assert f"[{code}]" in text.stderr


def test_norms_list_and_show():
    r = run("norms", "list", "--on", "2026-01-15", "--json")
    assert r.exit_code == 0
    ids = [row["id"] for row in json.loads(r.stdout)]
    assert "qd1688-1b" in ids and "regimes" in ids
    shown = run("norms", "show", "qd1688-1b", "--on", "2026-01-15", "--json")
    data = json.loads(shown.stdout)
    assert data["rows"][0]["values"]["ktkt"]["value"] == "1.855"
    assert data["rows"][0]["values"]["ktkt"]["confidence"] == "secondary-2"
    text = run("norms", "show", "qd1688-k-coefficients", "--on", "2026-01-15")
    assert text.exit_code == 0 and "S4-old" in text.stdout


def test_norms_validate(tmp_path: Path):
    assert run("norms", "validate", "norms").exit_code == 0
    (tmp_path / "bad.yaml").write_text("id: bad\nid: again\n", encoding="utf-8")
    r = run("norms", "validate", str(tmp_path))
    assert r.exit_code == 1
    assert "bad.yaml:2:1" in r.stdout and "1 problem(s)" in r.stdout


def test_demo_runs():
    r = run("demo")
    assert r.exit_code == 0, r.output
    assert "152.527.188" in r.stdout and "qd1688-8b" in r.stdout
