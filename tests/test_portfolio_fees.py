"""The portfolio's % norm fee recheck: ``fee_lines`` at load, the batch API at check time.

A generated portfolio computed by ictcost agrees with the norm on every fee line; a file that
states a wrong fee amount is reported (``ARITH-LINE``) and shown in ``fee_recheck``; the batch
amounts equal the scalar ``compute_fee`` element by element on the stored bases; chunking a group
gives the same norms.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

duckdb = pytest.importorskip("duckdb")

from ictcost import NormRegistry  # noqa: E402
from ictcost.errors import InputError  # noqa: E402
from ictcost.fees import compute_fee  # noqa: E402
from ictcost.portfolio import PortfolioStore, check_store, load_folder  # noqa: E402
from ictcost.portfolio._synthetic import write_portfolio  # noqa: E402
from ictcost.portfolio.engine import registry_for  # noqa: E402
from ictcost.portfolio.fees import FEE_CODE, recheck_fees  # noqa: E402

N = 30


@pytest.fixture(scope="module")
def agreeing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_portfolio(tmp_path_factory.mktemp("fees") / "p", N, per_folder=20, fees=True)
    db = folder.parent / "f.duckdb"
    load_folder(folder, db, executor="serial")
    return db


def test_fee_lines_stored_from_the_trace(agreeing: Path) -> None:
    with PortfolioStore(agreeing, read_only=True) as store:
        rows = store.con.execute(
            "SELECT item, category, form, conditions, pack, stated, rate_base FROM fee_lines"
        ).fetchall()
        norm_lines = store.con.execute(
            "SELECT count(*) FROM lines WHERE method = 'norm'"
        ).fetchone()
    assert len(rows) == 3 * N == norm_lines[0]
    assert {(r[0], r[1], r[2]) for r in rows} == {
        ("quan_ly_du_an", "infrastructure", "ktkt"),
        ("quan_ly_du_an", "software", "ktkt"),
        ("lap_bao_cao_ktkt", "infrastructure", "ktkt"),
    }
    assert {tuple(r[3]) for r in rows} == {(), ("island",)}  # the K applied, from the trace
    assert all(r[4] == "" and r[5] is None and r[6] is None for r in rows)


def test_generated_portfolio_agrees(agreeing: Path) -> None:
    report = check_store(agreeing)
    assert report.fees.lines == 3 * N
    assert (report.fees.refused, report.fees.differing) == (0, 0)
    assert report.fees.groups == 6  # 3 items × with or without the island K
    assert report.fees.calls == report.fees.groups
    assert len(report.fee_differences) == 0
    with PortfolioStore(agreeing, read_only=True) as store:
        rows = store.con.execute(
            "SELECT amount, norm, difference, reason FROM fee_recheck"
        ).fetchall()
    assert len(rows) == 3 * N
    assert all(a == n and d == 0 and r is None for a, n, d, r in rows)
    assert report.to_dict()["fees"]["lines"] == 3 * N


def test_batch_equals_scalar_on_stored_bases(agreeing: Path) -> None:
    check_store(agreeing)
    view = NormRegistry.shipped()
    with PortfolioStore(agreeing, read_only=True) as store:
        rows = store.con.execute(
            "SELECT item, category, form, date, conditions, base, norm FROM fee_recheck"
        ).fetchall()
    assert rows
    for item, category, form, on, conditions, base, norm in rows:
        scalar = compute_fee(
            item,
            category=category,
            form=form,
            base=base,
            conditions=tuple(conditions),
            norms=view.at(on),
        )
        assert scalar.amount == norm


def test_a_wrong_stated_fee_is_reported(tmp_path: Path) -> None:
    folder = write_portfolio(tmp_path / "p", 6, per_folder=10, fees=True)
    wrong = next(iter(sorted(folder.rglob("*.json"))))
    doc = json.loads(wrong.read_text(encoding="utf-8"))
    qlda = next(ln for ln in doc["lines"] if ln["id"] == "QLDA")
    right = next(ln for ln in doc["lines"] if ln["id"] == "TV-01")
    qlda["stated"] = {"amount": 12_345_678}
    db = tmp_path / "w.duckdb"
    load_folder(folder, db, executor="serial")
    with PortfolioStore(db, read_only=True) as store:
        tv = store.con.execute("SELECT amount FROM fee_lines WHERE line = 'TV-01' LIMIT 1")
        right["stated"] = {"amount": int(tv.fetchone()[0])}  # a stated amount that is right
    wrong.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    load_folder(folder, db, executor="serial")  # reload the changed file
    report = check_store(db)
    assert report.fees.differing == 1
    [finding] = report.fee_differences
    assert (finding.code, finding.line, finding.field) == (FEE_CODE, "QLDA", "stated.amount")
    assert finding.estimate == doc["project"]["name"]
    norm = finding.details["expected"]
    assert finding.details["stated"] == Decimal(12_345_678)
    assert finding.amount == Decimal(12_345_678) - norm
    assert "12" in finding.message("en")
    with PortfolioStore(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT line, stated, amount, norm, difference FROM fee_recheck "
            "WHERE stated IS NOT NULL ORDER BY line"
        ).fetchall()
        # the per-estimate rule found the same line: one code, one meaning
        codes = store.con.execute(
            "SELECT line FROM findings WHERE code = 'ARITH-LINE' AND estimate IS NOT NULL"
        ).fetchall()
    assert [(r[0], r[4] != 0) for r in rows] == [("QLDA", True), ("TV-01", False)]
    assert rows[0][2] == rows[0][3] == norm  # computed = norm; the stated figure is wrong
    assert [c[0] for c in codes] == ["QLDA"]
    assert report.to_dict()["fee_differences"][0]["code"] == FEE_CODE


def test_chunked_groups_give_the_same_norms(agreeing: Path, tmp_path: Path) -> None:
    copy = tmp_path / "c.duckdb"
    copy.write_bytes(agreeing.read_bytes())
    with PortfolioStore(copy) as store:
        whole = recheck_fees(store.con, registry_for)
        first = store.con.execute("SELECT * FROM fee_norms ORDER BY estimate, seq").fetchall()
        small = recheck_fees(store.con, registry_for, chunk=4)
        again = store.con.execute("SELECT * FROM fee_norms ORDER BY estimate, seq").fetchall()
    assert first == again and len(first) == 3 * N
    assert small.groups == whole.groups
    assert small.calls > whole.calls  # 15 or 30 bases per group, 4 at a time


def test_refused_and_unchecked_rows(agreeing: Path, tmp_path: Path) -> None:
    copy = tmp_path / "r.duckdb"
    copy.write_bytes(agreeing.read_bytes())
    with PortfolioStore(copy) as store:
        con = store.con
        con.execute("DELETE FROM fee_norms")
        before = con.execute("SELECT DISTINCT reason, norm FROM fee_recheck").fetchall()
        assert before == [("not_rechecked", None)]
        # a group the norms cannot price any more (an unknown item): refused, with its code
        con.execute("UPDATE fee_lines SET item = 'khong_co' WHERE line = 'TV-01'")
        result = recheck_fees(con, registry_for)
        refused = con.execute(
            "SELECT DISTINCT line, reason, norm FROM fee_recheck WHERE norm IS NULL"
        ).fetchall()
    assert result.refused == N
    assert [(line, norm) for line, _, norm in refused] == [("TV-01", None)]
    assert refused[0][1] is not None and refused[0][1] != "not_rechecked"


def test_rates_read_on_the_project_total(tmp_path: Path) -> None:
    """``fee_rate_on: project_total``: the rate base is stored and the batch reads it."""
    folder = write_portfolio(tmp_path / "p", 4, per_folder=10, fees=True)
    for f in folder.rglob("*.json"):
        doc = json.loads(f.read_text(encoding="utf-8"))
        doc["project"]["fee_rate_on"] = "project_total"
        f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    load_folder(folder, db, executor="serial")
    report = check_store(db)
    assert (report.fees.lines, report.fees.refused, report.fees.differing) == (12, 0, 0)
    with PortfolioStore(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT f.base, f.rate_base, f.amount, n.norm FROM fee_lines f "
            "JOIN fee_norms n USING (estimate, seq) WHERE f.rate_base IS NOT NULL"
        ).fetchall()
    assert len(rows) == 12  # every part's rate read on the project's total
    assert all(base < rate_base and amount == norm for base, rate_base, amount, norm in rows)


def test_a_store_of_schema_version_1_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with PortfolioStore(db) as store:
        store.set_meta(schema_version="1")  # a store written before the fee lines
    with pytest.raises(InputError, match=r"schema version '1'.*reads version '2'"):
        PortfolioStore(db)
