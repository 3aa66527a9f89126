"""Measure how the portfolio store and engine scale: time, cores used, peak memory, exponent.

Usage::

    .venv/bin/python scripts/portfolio_scale.py                  # n = 500 … 20,000
    .venv/bin/python scripts/portfolio_scale.py --sizes 500 1000 2000 --workers 2
    .venv/bin/python scripts/portfolio_scale.py --sizes 100000   # the national case
    .venv/bin/python scripts/portfolio_scale.py --sizes 20000 --keep /tmp/kept  # keep the database

For each ``n`` the generated district estimates (:mod:`ictcost.portfolio._synthetic`) are first
written as JSON files into a temporary folder (not timed); then a fresh Python process runs
``load_folder`` (a process pool) and ``check_store`` into a new DuckDB file and reports its wall
time, the CPU time of itself and its workers (cores used = CPU time / wall time), and its peak
resident memory: ``ru_maxrss`` of the main process at the end of the load (the load's peak) and
at the end of the check (the peak of the whole run: above the load's when the check raised it),
and the largest of its worker processes. The
log–log slope of time against ``n`` is fitted by least squares over the sizes run. The load
average of the machine is printed with each row (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SIZES = [500, 1000, 2000, 5000, 10000, 20000]


def _one(folder: str, db: str, workers: int | None) -> None:
    """Run one load + check (in this process) and print its figures as JSON."""
    from ictcost.portfolio import PortfolioStore, check_store, load_folder  # noqa: PLC0415

    start = time.perf_counter()
    t0 = os.times()
    summary = load_folder(folder, db, workers=workers)
    loaded = time.perf_counter()
    own_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = check_store(db)
    wall = time.perf_counter() - start
    t1 = os.times()
    with PortfolioStore(db, read_only=True) as store:  # what the check's matching grows with
        names = store.con.execute(
            "SELECT (SELECT count(DISTINCT name) FROM lines WHERE component = 'thiet_bi'), "
            "(SELECT count(DISTINCT name) FROM use_cases)"
        ).fetchone()
    cpu = (t1.user - t0.user) + (t1.system - t0.system)
    cpu += (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "n": summary.files,
                "loaded": summary.loaded,
                "errors": summary.errors,
                "workers": summary.workers,
                "load_s": loaded - start,
                "check_s": wall - (loaded - start),
                "wall_s": wall,
                "cpu_s": cpu,
                "rss_self_mb": own / 1024,
                "rss_load_mb": own_load / 1024,
                "rss_worker_mb": kids / 1024,
                "overlaps": len(report.overlaps),
                "db_mb": Path(db).stat().st_size / 2**20,
                "equipment_names": names[0] if names else 0,
                "use_case_names": names[1] if names else 0,
            }
        )
    )


def _fit(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(time) against log(n)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den


def main() -> None:
    """Run the sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument(
        "--keep", metavar="DIR", help="work in DIR and keep each database there (for a look after)"
    )
    parser.add_argument("--one", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(args.one[0], args.one[1], args.workers)
        return
    from ictcost.portfolio._synthetic import write_portfolio  # noqa: PLC0415

    rows = []
    head = (
        f"{'n':>7} {'wall s':>8} {'load s':>8} {'check s':>8} {'cpu s':>8} {'ms/est':>7} {'cores':>5} "
        f"{'load MB':>7} {'RSS MB':>7} {'wrk MB':>7} {'DB MB':>7} {'load avg':>8}"
    )
    print(head, flush=True)
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"portfolio-{n}-", dir=args.keep) as tmp:
            folder = write_portfolio(Path(tmp) / "p", n)
            db = Path(tmp) / "p.duckdb"
            command = [sys.executable, __file__, "--one", str(folder), str(db)]
            if args.workers:
                command += ["--workers", str(args.workers)]
            out = subprocess.run(command, check=False, capture_output=True, text=True)  # noqa: S603
            if out.returncode != 0:
                sys.exit(f"n = {n}: the run failed (status {out.returncode}):\n{out.stderr}")
            r = json.loads(out.stdout.strip().splitlines()[-1])
            if args.keep:  # the database is kept for a look afterwards (the files are not)
                kept = Path(args.keep) / f"portfolio-{n}.duckdb"
                db.replace(kept)
                print(f"kept {kept}", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]
        print(json.dumps(r), file=sys.stderr, flush=True)
        rows.append(r)
        print(
            f"{n:>7} {r['wall_s']:>8.1f} {r['load_s']:>8.1f} {r['check_s']:>8.1f} {r['cpu_s']:>8.1f} "
            f"{1000 * r['wall_s'] / n:>7.2f} {r['cpu_s'] / r['wall_s']:>5.2f} "
            f"{r['rss_load_mb']:>7.0f} {r['rss_self_mb']:>7.0f} {r['rss_worker_mb']:>7.0f} {r['db_mb']:>7.0f} {load:>8.2f}",
            flush=True,
        )
    if len(rows) >= 2:
        for what in ("wall_s", "cpu_s", "check_s"):
            exponent = _fit([(r["n"], r[what]) for r in rows])
            print(f"growth exponent of {what} (log-log least squares): {exponent:.3f}")
    print(f"workers: {rows[-1]['workers']}, cores available: {len(os.sched_getaffinity(0))}")


if __name__ == "__main__":
    main()
