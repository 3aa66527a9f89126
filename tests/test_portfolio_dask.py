"""The portfolio engine on a Dask cluster (a ``distributed.LocalCluster`` of two processes).

The same task function as the process pool runs on the cluster's workers; the store it fills
must hold the same rows as a serial load. Skipped, loudly, without ``distributed`` (the
``portfolio`` extra installs it, and CI does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("duckdb")
distributed = pytest.importorskip(
    "distributed", reason="dask distributed is not installed: pip install 'ictcost[portfolio]'"
)

from ictcost.errors import InputError  # noqa: E402
from ictcost.portfolio import PortfolioStore, check_store, load_folder, map_sources  # noqa: E402
from ictcost.portfolio._synthetic import write_portfolio  # noqa: E402

_ROWS = (
    "SELECT e.name, e.status, e.total, f.code, f.line, f.params FROM estimates e "
    "LEFT JOIN findings f ON f.estimate = e.id ORDER BY e.source, f.seq"
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_dask_load_equals_serial(client: Any, tmp_path: Path) -> None:
    folder = write_portfolio(tmp_path / "p", 6, per_folder=4)
    serial, dask = tmp_path / "serial.duckdb", tmp_path / "dask.duckdb"
    load_folder(folder, serial, executor="serial")
    summary = load_folder(folder, dask, executor="dask", client=client, chunksize=2)
    assert (summary.executor, summary.workers, summary.loaded) == ("dask", 2, 6)
    with PortfolioStore(serial, read_only=True) as a, PortfolioStore(dask, read_only=True) as b:
        assert a.con.execute(_ROWS).fetchall() == b.con.execute(_ROWS).fetchall()
    assert [f.code for f in check_store(dask).overlaps] == [
        f.code for f in check_store(serial).overlaps
    ]


def test_dask_by_scheduler_address(client: Any, tmp_path: Path) -> None:
    """The CLI's path: a scheduler address, the client opened and closed by the engine."""
    folder = write_portfolio(tmp_path / "p", 3)
    sources = [(str(p), None) for p in sorted(folder.rglob("*.json"))]
    results = list(map_sources(sources, executor="dask", address=client.scheduler.address))
    assert [r.source for r in results] == [s for s, _ in sources]
    assert {r.status for r in results} == {"ok"}


def test_dask_unreachable_scheduler_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="scheduler"):
        list(map_sources([("x.json", None)], executor="dask", address=None))
