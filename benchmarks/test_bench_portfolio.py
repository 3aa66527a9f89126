"""Benchmarks of the portfolio store and engine (pytest-benchmark), with their anchor.

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_portfolio.py --benchmark-only -q``
(``-k 500`` for the smallest size only).

The workload: ``n`` generated district estimates of 20 lines (:mod:`ictcost.portfolio._synthetic`:
per-commune equipment with shared leading words, popular models written several ways, a few
lines without a model, a software line with shared and own use cases), written as JSON files
beforehand (not timed). Timed: ``load_folder`` (read, recompute, check every estimate in a
process pool of the available cores, insert into a new DuckDB file) followed by ``check_store``
(the portfolio overlaps and price outliers). The anchor, in the same run: ``compute_estimate``
of the same ``n`` estimates in this process (already parsed), so the figure to read is the ratio
*load + check* / *compute* at each ``n``. The fee recheck (``recheck_fees`` over 100,000 stored
fee lines) has its own anchor: ``numpy.interp`` over as many bases. Nothing here asserts a time. The growth exponent up to
20,000 and 100,000 estimates is measured by ``scripts/portfolio_scale.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("duckdb")

from ictcost import NormRegistry
from ictcost.estimate import ProjectInput, compute_estimate, load_project
from ictcost.portfolio import PortfolioStore, check_store, load_folder
from ictcost.portfolio._synthetic import district_project, write_portfolio
from ictcost.portfolio.engine import registry_for
from ictcost.portfolio.fees import recheck_fees

SIZES = [500, 2000, 5000]


@pytest.fixture(scope="module", params=SIZES, ids=lambda n: f"n{n}")
def folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    n: int = request.param
    return write_portfolio(tmp_path_factory.mktemp(f"portfolio-{n}") / "p", n)


@pytest.fixture(scope="module")
def projects(folder: Path) -> list[ProjectInput]:
    n = len(list(folder.rglob("*.json")))
    return [load_project(district_project(p)) for p in range(n)]


def test_anchor_compute_estimates(benchmark, projects):
    """The anchor: ``compute_estimate`` of the same estimates, one process, already parsed."""
    registry = NormRegistry.shipped()

    def run() -> int:
        return sum(len(compute_estimate(p, registry=registry).lines) for p in projects)

    assert benchmark.pedantic(run, rounds=1, iterations=1) == 20 * len(projects)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "p.duckdb"


def test_load_and_check(benchmark, folder, database):
    """Load (parallel compute + checks + inserts) and the portfolio check, into a new database."""
    counter = iter(range(10**6))

    def setup() -> tuple[tuple[Path, Path], dict[str, object]]:
        return (folder, database.with_name(f"p{next(counter)}.duckdb")), {}

    def run(source: Path, db: Path) -> int:
        summary = load_folder(source, db)
        report = check_store(db)
        return summary.loaded + len(report.overlaps)

    assert benchmark.pedantic(run, setup=setup, rounds=1, iterations=1) > 0


# --- the fee recheck over the store -----------------------------------------------------------

FEE_N = 100_000


@pytest.fixture(scope="module")
def fee_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of ``FEE_N`` fee lines (two groups: project management of each part), bases of
    5–220 tỷ đồng; no estimate is computed (the recheck reads ``fee_lines`` only).
    """
    db = tmp_path_factory.mktemp("fees") / "f.duckdb"
    with PortfolioStore(db) as store:
        store.con.execute(
            "INSERT INTO fee_lines SELECT range // 2 + 1, range % 2, 'QLDA-' || (range % 2), "
            "'quan_ly_du_an', CASE WHEN range % 2 = 0 THEN 'infrastructure' ELSE 'software' END, "
            "'project', DATE '2026-01-15', NULL, []::VARCHAR[], '', "
            "5000000000 + (range * 2654435761) % 215000000000, NULL, 0, NULL, NULL "
            f"FROM range({FEE_N})"
        )
    return db


@pytest.mark.benchmark(group="fee-recheck-100k")
def test_anchor_numpy_interp_fee_bases(benchmark):
    """The anchor: raw ``numpy.interp`` over ``FEE_N`` bases (table 1b's breakpoints)."""
    view = NormRegistry.shipped().at("2026-01-15")
    scale = view.scale("qd1688-1b", "project")
    xp = np.array([float(at) for at, _ in scale.points])
    fp = np.array([float(rate) for _, rate in scale.points])
    bases = 5e9 + (np.arange(FEE_N, dtype=np.int64) * 2654435761) % 215_000_000_000
    rates = benchmark(lambda: np.interp(bases / 1e9, xp, fp))
    assert rates.shape == (FEE_N,)


@pytest.mark.benchmark(group="fee-recheck-100k")
def test_fee_recheck(benchmark, fee_store):
    """The recheck of ``FEE_N`` stored fee lines: stream, batch-price, write ``fee_norms``."""
    with PortfolioStore(fee_store) as store:
        result = benchmark.pedantic(
            lambda: recheck_fees(store.con, registry_for), rounds=3, iterations=1
        )
    assert (result.lines, result.groups, result.refused) == (FEE_N, 2, 0)
