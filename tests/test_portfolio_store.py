"""The portfolio store (DuckDB): schema, load, reload, bad files, overlaps, prices, export, CLI.

The overlaps of the store must be the findings of ``check_portfolio`` over the same files (the
examples and a generated portfolio); the one deliberate difference (long member lists are cut at
``limit`` with a ``… +N`` entry) is tested on its own.
"""

from __future__ import annotations

import json
import shutil
import statistics
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

duckdb = pytest.importorskip("duckdb")

from ictcost.checks import CheckConfig, check_portfolio  # noqa: E402
from ictcost.checks.rules import Finding  # noqa: E402
from ictcost.cli import _check  # noqa: E402
from ictcost.cli._portfolio import portfolio_app  # noqa: E402
from ictcost.errors import InputError  # noqa: E402
from ictcost.inputs.portfolio import portfolio_files  # noqa: E402
from ictcost.portfolio import (  # noqa: E402
    STORE_SCHEMA_VERSION,
    PortfolioStore,
    SourceResult,
    check_store,
    load_folder,
    map_sources,
)
from ictcost.portfolio._synthetic import district_project, write_portfolio  # noqa: E402

EXAMPLES = Path(__file__).parents[1] / "examples" / "portfolio"
BIG = 10**9


def _comparable(f: Finding) -> dict[str, Any]:
    """A finding as the store keeps it: no trace, no citations (as a finding read from JSON)."""
    return f.model_dump(exclude={"citations", "trace", "message_vi", "message_en"})


def _same(stored: list[Finding], expected: list[Finding]) -> None:
    """The same findings; the same messages where the message does not quote the trace."""
    assert [_comparable(f) for f in stored] == [_comparable(f) for f in expected]
    for a, b in zip(stored, expected, strict=True):
        if b.trace is None:
            assert (a.message_vi, a.message_en) == (b.message_vi, b.message_en)


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    for f in EXAMPLES.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    db = folder / "p.duckdb"
    summary = load_folder(folder, db, executor="serial")
    assert (summary.loaded, summary.errors) == (4, 0)
    return db


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = write_portfolio(tmp_path_factory.mktemp("gen") / "p", 60, per_folder=25)
    db = folder.parent / "g.duckdb"
    load_folder(folder, db, executor="serial")
    return folder, db


# --- schema -------------------------------------------------------------------------------------


def test_schema_and_meta(examples_db: Path) -> None:
    with PortfolioStore(examples_db, read_only=True) as store:
        meta = store.meta()
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        kinds = dict(
            store.con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'lines'"
            ).fetchall()
        )
    assert meta["schema_version"] == STORE_SCHEMA_VERSION
    assert meta["ictcost_version"] and meta["norms_date"] >= "2025-01-01"
    assert {"estimates", "lines", "use_cases", "findings", "evidence", "meta"} <= tables
    assert kinds["amount"] == "DECIMAL(38,10)" and kinds["reference"] == "BOOLEAN"


def test_other_schema_version_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with PortfolioStore(db) as store:
        store.set_meta(schema_version="0")
    with pytest.raises(InputError, match="schema version '0'") as err:
        PortfolioStore(db)
    assert err.value.field == "--db"


def test_not_a_store_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(InputError, match="not a portfolio store"):
        PortfolioStore(db)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="cannot open"):
        PortfolioStore(junk)
    with pytest.raises(InputError, match="does not exist"):
        PortfolioStore(tmp_path / "missing.duckdb", create=False)


# --- load and the per-estimate findings ---------------------------------------------------------


def test_estimates_and_findings_equal_check_portfolio(examples_db: Path) -> None:
    expected = check_portfolio(portfolio_files(EXAMPLES))
    with PortfolioStore(examples_db, read_only=True) as store:
        stored = store.findings()
        rows = store.con.execute(
            "SELECT name, status, total, line_count FROM estimates ORDER BY source"
        ).fetchall()
    own = [f for f in expected if f.estimate != "portfolio"]
    _same(stored, own)
    assert [r[1] for r in rows] == ["ok"] * 4
    assert all(isinstance(r[2], Decimal) and r[2] > 0 for r in rows)


def test_overlaps_equal_check_portfolio_examples(examples_db: Path) -> None:
    expected = [f for f in check_portfolio(portfolio_files(EXAMPLES)) if f.estimate == "portfolio"]
    report = check_store(examples_db, limit=BIG)
    assert [f.code for f in expected] == ["DUP-PORTFOLIO-EQUIPMENT"]
    _same(report.overlaps, expected)
    with PortfolioStore(examples_db, read_only=True) as store:  # stored, rendered on demand
        _same(store.findings(portfolio=True), expected)


def test_overlaps_equal_check_portfolio_generated(generated: tuple[Path, Path]) -> None:
    folder, db = generated
    expected = [
        f
        for f in check_portfolio(portfolio_files(folder, recursive=True))
        if f.estimate == "portfolio"
    ]
    report = check_store(db, limit=BIG)
    codes = {f.code for f in expected}
    assert codes == {"DUP-PORTFOLIO-EQUIPMENT", "DUP-PORTFOLIO-FUNCTION", "METHOD-UCP-OUTLIER"}
    _same(report.overlaps, expected)
    with PortfolioStore(db, read_only=True) as store:
        unmodelled = store.con.execute(
            "SELECT count(*) FROM lines WHERE component = 'thiet_bi' AND model IS NULL"
        ).fetchone()
    assert unmodelled is not None and unmodelled[0] > 0  # the name path is exercised


def test_member_lists_are_bounded(generated: tuple[Path, Path]) -> None:
    """The deliberate difference: at most ``limit`` members, then ``… +N``; count is exact."""
    _, db = generated
    full = check_store(db, limit=BIG).overlaps
    cut = check_store(db, limit=5).overlaps
    assert len(full) == len(cut)
    for a, b in zip(full, cut, strict=True):
        assert a.details["count"] == b.details["count"]
        for key in ("where", "estimates", "functions"):
            if key not in a.details:
                continue
            whole, head = a.details[key], b.details[key]
            assert isinstance(whole, tuple) and isinstance(head, tuple)
            if len(whole) > 5:
                assert head == (*whole[:5], f"… +{len(whole) - 5}")
            else:
                assert head == whole


def test_process_pool_equals_serial(tmp_path: Path, generated: tuple[Path, Path]) -> None:
    folder, serial_db = generated
    db = tmp_path / "pool.duckdb"
    summary = load_folder(folder, db, workers=2, chunksize=4)
    assert (summary.executor, summary.workers, summary.loaded) == ("process", 2, 60)
    query = "SELECT e.name, f.code, f.line, f.params FROM findings f JOIN estimates e ON e.id = f.estimate ORDER BY e.source, f.seq"
    with PortfolioStore(db, read_only=True) as a, PortfolioStore(serial_db, read_only=True) as b:
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()


def _all_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row a load writes, table by table, in a stable order (not what a check adds)."""
    with PortfolioStore(db, read_only=True) as store:
        tables = [
            r[0]
            for r in store.con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE table_name NOT IN ('meta', 'fee_norms')"
            ).fetchall()
        ]
        where = {"findings": " WHERE estimate IS NOT NULL"}  # a check adds the portfolio's
        return {
            t: sorted(
                store.con.execute(f"SELECT * FROM {t}{where.get(t, '')}").fetchall(), key=repr
            )
            for t in tables
        }


def test_reopening_between_batches_keeps_the_same_rows(
    tmp_path: Path, generated: tuple[Path, Path]
) -> None:
    folder, serial_db = generated
    db = tmp_path / "reopened.duckdb"
    reopened: list[int] = []
    original = PortfolioStore.reopen

    def counting(self: PortfolioStore) -> None:
        reopened.append(1)
        original(self)

    try:
        PortfolioStore.reopen = counting  # type: ignore[method-assign]
        summary = load_folder(folder, db, executor="serial", batch=7, reopen=2)
    finally:
        PortfolioStore.reopen = original  # type: ignore[method-assign]
    assert summary.loaded == 60
    assert len(reopened) == 60 // 7 // 2  # the connection really was closed and opened again
    assert _all_rows(db) == _all_rows(serial_db)


def test_reopen_keeps_a_database_in_memory_and_checks_the_file(tmp_path: Path) -> None:
    with PortfolioStore(":memory:") as store:
        store.set_meta(pack="x")
        store.reopen()
        assert store.meta()["pack"] == "x"
    db = tmp_path / "p.duckdb"
    with PortfolioStore(db) as store:
        first = store.con
        store.set_meta(pack="y")
        store.reopen()
        assert store.con is not first and store.meta()["pack"] == "y"
        store.con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
        with pytest.raises(InputError, match="schema version '0'"):
            store.reopen()


def test_load_refuses_bad_batch_options(tmp_path: Path) -> None:
    for options in ({"batch": 0}, {"reopen": 0}):
        with pytest.raises(InputError, match="at least 1"):
            load_folder(tmp_path, tmp_path / "p.duckdb", executor="serial", **options)


# --- reload -------------------------------------------------------------------------------------


def _copy_examples(tmp_path: Path) -> Path:
    folder = tmp_path / "p"
    folder.mkdir()
    for f in EXAMPLES.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    return folder


def test_idempotent_reload(tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    db = tmp_path / "p.duckdb"
    first = load_folder(folder, db, executor="serial")
    with PortfolioStore(db) as store:
        before = store.counts()
    again = load_folder(folder, db, executor="serial")
    assert (again.loaded, again.unchanged, again.removed) == (0, 4, 0)
    with PortfolioStore(db) as store:
        assert store.counts() == before
    target = folder / "01-mot-cua-huyen.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# đã sửa\n", encoding="utf-8")
    (folder / "04-hoi-nghi-truyen-hinh.yaml").unlink()
    changed = load_folder(folder, db, executor="serial")
    assert (changed.loaded, changed.unchanged, changed.removed) == (1, 2, 1)
    with PortfolioStore(db) as store:
        after = store.counts()
        ids = store.con.execute("SELECT id FROM estimates ORDER BY id").fetchall()
    assert after["estimates"] == 3 and first.files == 4
    assert after["lines"] < before["lines"]  # the removed file's lines are gone, none twice
    assert len(ids) == len(set(ids))
    # other thresholds: every stored row depends on them, so every file is computed again
    stricter = load_folder(folder, db, executor="serial", config=CheckConfig(min_quotes=5))
    assert (stricter.loaded, stricter.unchanged) == (3, 0)


def test_bad_files_are_recorded(tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    (folder / "bad.yaml").write_text("project: [unclosed\n", encoding="utf-8")
    (folder / "wrong.json").write_text(json.dumps({"project": {"name": "x"}}), encoding="utf-8")
    (folder / "junk.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    early = district_project(1)
    early["project"]["date"] = "1990-01-01"  # before every regime: nothing can be computed
    (folder / "early.json").write_text(json.dumps(early, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "p.duckdb"
    summary = load_folder(folder, db, executor="serial")
    assert (summary.files, summary.errors, summary.not_computed) == (8, 3, 1)
    with PortfolioStore(db) as store:
        rows = {
            Path(src).name: (status, code, message)
            for src, status, code, message in store.con.execute(
                "SELECT source, status, error_code, error_message FROM estimates"
            ).fetchall()
        }
        early_findings = store.con.execute(
            "SELECT f.code FROM findings f JOIN estimates e ON e.id = f.estimate "
            "WHERE e.status = 'not_computed'"
        ).fetchall()
    for name in ("bad.yaml", "wrong.json", "junk.xlsx"):
        status, code, message = rows[name]
        assert status == "error" and code.startswith("input") and message
    assert rows["early.json"][0] == "not_computed" and rows["early.json"][1]
    assert ("INPUT-UNREADABLE",) in early_findings
    report = check_store(db)
    assert len(report.errors) == 3 and report.counts["error"] == 3


def test_map_sources_refuses_bad_options() -> None:
    with pytest.raises(InputError, match="at least 1"):
        list(map_sources([("x.yaml", None)], workers=0))
    with pytest.raises(InputError, match="scheduler"):
        list(map_sources([("x.yaml", None)], executor="dask"))
    with pytest.raises(InputError, match="unknown executor"):
        list(map_sources([("x.yaml", None)], executor="thread"))  # type: ignore[arg-type]


def test_load_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        load_folder(tmp_path / "nowhere", tmp_path / "p.duckdb", executor="serial")


# --- exact values -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=Decimal(-(10**18)), max_value=Decimal(10**18), places=14, allow_nan=False)
)
def test_money_is_exact_or_kept_as_text(value: Decimal) -> None:
    with PortfolioStore(":memory:") as store:
        line = (
            0,
            "TB-1",
            "thiet_bi",
            "Máy chủ",
            None,
            "quotation",
            False,
            value,
            value,
            value,
            value,
            value,
        )
        store.insert([(1, SourceResult("a.yaml", "h", "ok", estimate={"name": "A"}, lines=[line]))])
        stored, exact = store.con.execute("SELECT unit_price, exact FROM lines").fetchone()
    if exact is None:
        assert stored == value
    else:
        assert stored is None and Decimal(json.loads(exact)["unit_price"]) == value


# --- prices -------------------------------------------------------------------------------------


def test_price_stats_equal_python(generated: tuple[Path, Path]) -> None:
    _, db = generated
    with PortfolioStore(db, read_only=True) as store:
        stats = {
            r[0]: r[1:]
            for r in store.con.execute(
                "SELECT item_key, lines, min, median, p90, max FROM price_stats"
            ).fetchall()
        }
        prices: dict[str, list[Decimal]] = {}
        for key, price in store.con.execute(
            "SELECT item_key, unit_price FROM priced_lines"
        ).fetchall():
            prices.setdefault(key, []).append(price)
        outliers = store.con.execute(
            "SELECT item_key, unit_price, p90 FROM price_outliers"
        ).fetchall()
    desktop = [k for k in stats if k.startswith("model:")]
    assert len(desktop) == 8  # the eight models, each written one to three ways
    for key, values in prices.items():
        values.sort()
        n = len(values)
        rank = Decimal("0.9") * (n - 1)
        low = int(rank)
        p90 = values[low] + (values[min(low + 1, n - 1)] - values[low]) * (rank - low)
        assert stats[key] == (n, values[0], statistics.median(values), p90, values[-1])
    assert outliers and all(price > p90 for _, price, p90 in outliers)


# --- Parquet ------------------------------------------------------------------------------------


def test_parquet_round_trip(examples_db: Path, tmp_path: Path) -> None:
    with PortfolioStore(examples_db, read_only=True) as store:
        written = store.export_parquet(tmp_path)
        expected = store.con.execute("SELECT count(*), sum(total) FROM estimates").fetchone()
        lines = store.con.execute("SELECT * FROM lines ORDER BY estimate, seq").fetchall()
    assert {p.name for p in written} >= {
        "estimates.parquet",
        "lines.parquet",
        "price_stats.parquet",
    }
    con = duckdb.connect()
    got = con.execute(
        "SELECT count(*), sum(total) FROM read_parquet(?)", [str(tmp_path / "estimates.parquet")]
    ).fetchone()
    back = con.execute(
        "SELECT * FROM read_parquet(?) ORDER BY estimate, seq", [str(tmp_path / "lines.parquet")]
    ).fetchall()
    assert got == expected and back == lines
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(InputError, match="not an existing folder"):
        PortfolioStore(examples_db, read_only=True).export_parquet(tmp_path / "missing")


# --- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli() -> Any:
    app = typer.Typer()
    app.add_typer(portfolio_app, name="portfolio")
    return app


def _run(cli: Any, *args: str) -> Any:
    return CliRunner(env={"COLUMNS": "80"}).invoke(cli, list(args))


def test_cli_load_check_export(cli: Any, tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    db = tmp_path / "p.duckdb"
    r = _run(cli, "portfolio", "load", str(folder), "--db", str(db), "--serial", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "Computed and stored" in r.output
    r = _run(cli, "portfolio", "load", str(folder), "--db", str(db), "--serial", "--json")
    assert r.exit_code == 0 and json.loads(r.output)["unchanged"] == 4
    r = _run(cli, "portfolio", "check", "--db", str(db), "--lang", "en")
    assert r.exit_code == 1, r.output  # the examples carry planted errors
    assert "DUP-PORTFOLIO-EQUIPMENT" in r.output and "Dell PowerEdge R760" in r.output
    assert max(len(line) for line in r.output.splitlines()) <= 80
    r = _run(cli, "portfolio", "check", "--db", str(db), "--json")
    data = json.loads(r.output)
    assert [f["code"] for f in data["overlaps"]] == ["DUP-PORTFOLIO-EQUIPMENT"]
    assert data["counts"]["estimates"] == 4
    out = tmp_path / "parquet"
    out.mkdir()
    r = _run(cli, "portfolio", "export", "--db", str(db), "--parquet", str(out), "--json")
    assert r.exit_code == 0 and len(json.loads(r.output)["written"]) >= 8


def test_cli_errors_exit_2(cli: Any, tmp_path: Path) -> None:
    r = _run(
        cli,
        "portfolio",
        "load",
        str(tmp_path / "nowhere"),
        "--db",
        str(tmp_path / "p.duckdb"),
        "--json",
    )
    assert r.exit_code == 2 and json.loads(r.output)["error"]["field"] == "--portfolio"
    r = _run(cli, "portfolio", "check", "--db", str(tmp_path / "missing.duckdb"))
    assert r.exit_code == 2 and "does not exist" in r.output


def test_cli_progress_bar_on_a_terminal(cli: Any, tmp_path: Path) -> None:
    """On a terminal the load shows a progress bar (on standard error); --json stays quiet."""
    folder = _copy_examples(tmp_path)
    seen: list[bool] = []
    before = _check._terminal_test[0]
    _check.set_terminal_test(lambda: seen.append(True) or True)
    try:
        r = _run(
            cli, "portfolio", "load", str(folder), "--db", str(tmp_path / "p.duckdb"), "--serial"
        )
        assert r.exit_code == 0, r.output
        assert seen  # the bar was asked for
        seen.clear()
        r = _run(
            cli,
            "portfolio",
            "load",
            str(folder),
            "--db",
            str(tmp_path / "q.duckdb"),
            "--json",
            "--serial",
        )
        assert r.exit_code == 0 and not seen and json.loads(r.output)["loaded"] == 4
    finally:
        _check.set_terminal_test(before)


def test_the_memory_limit_is_duckdbs_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    from ictcost.cli._portfolio import MEMORY_DEFAULT  # noqa: PLC0415
    from ictcost.portfolio.store import MEMORY_LIMIT  # noqa: PLC0415

    assert MEMORY_DEFAULT == MEMORY_LIMIT  # the CLI's default is the store's
    with PortfolioStore(tmp_path / "p.duckdb", memory_limit="256MB") as store:
        (setting,) = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert setting.replace(" ", "").upper().startswith(("256", "244"))  # MB or MiB shown
        store.reopen()
        (again,) = store.con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert again == setting  # a reopened connection keeps it
    for bad in ("lots", "512", "-1GB", "1 GBs"):
        with pytest.raises(InputError) as exc:
            PortfolioStore(tmp_path / "q.duckdb", memory_limit=bad)
        assert exc.value.field == "memory_limit"
    assert not (tmp_path / "q.duckdb").exists()


def test_cli_memory_limit(cli: Any, tmp_path: Path) -> None:
    folder = _copy_examples(tmp_path)
    db = tmp_path / "p.duckdb"
    args = ["portfolio", "load", str(folder), "--db", str(db), "--serial", "--json"]
    assert _run(cli, *args, "--memory-limit", "256MB").exit_code == 0
    r = _run(cli, "portfolio", "check", "--db", str(db), "--json", "--memory-limit", "huge")
    assert r.exit_code == 2 and json.loads(r.output)["error"]["field"] == "memory_limit"


@pytest.mark.parametrize("limit", ["1MB", "8MB"])
def test_a_memory_limit_too_small_is_a_typed_error(
    generated: tuple[Path, Path], tmp_path: Path, limit: str
) -> None:
    """DuckDB does not spill every operator: far below the need, its out-of-memory error
    becomes an InputError that says to raise the limit (never DuckDB's own exception)."""
    db = tmp_path / "p.duckdb"
    shutil.copy(generated[1], db)
    with pytest.raises(InputError) as exc:
        check_store(db, memory_limit=limit)
    assert exc.value.field == "memory_limit"
    assert f"memory limit ({limit})" in exc.value.message
    assert "--memory-limit" in (exc.value.hint or "")
