"""Measure the checks of generated dossiers against computing their estimates alone (issue 14).

For each size, writes ``n`` generated district dossiers with their estimates
(:func:`ictcost.stages.synthetic.write_dossiers`), then times, alternating the two, (a) computing
every approved estimate alone (``estimate_context``: the recomputation the checks start from) and
(b) ``check_dossiers`` over every dossier with ``repeat_years=3`` (each estimate recomputed, every
stage rule, the repeat-purchase rule across all); with ``--store``, (c) loading the folder into a
new DuckDB store in this process (each dossier checked with its estimate's own checks, its timeline
and items stored) and checking it across. Prints the ratio b / a per size and the growth
exponent of (b) between the smallest and the largest size.

Usage::

    python scripts/stages_scale.py --sizes 250 500 1000
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from ictcost.checks import CheckConfig
from ictcost.checks.engine import estimate_context
from ictcost.estimate import load_project
from ictcost.norms.registry import NormRegistry
from ictcost.stages import StageConfig, check_dossiers
from ictcost.stages.synthetic import write_dossiers


def _estimates(folder: Path, n: int, registry: NormRegistry) -> float:
    start = time.process_time()
    for p in range(n):
        path = folder / f"huyen-{p:06d}.estimate.json"
        estimate_context(load_project(path), registry, folder, CheckConfig())
    return time.process_time() - start


def _dossiers(files: list[Path], registry: NormRegistry) -> tuple[float, int]:
    start = time.process_time()
    found = check_dossiers(files, registry=registry, stages=StageConfig(repeat_years=3))
    return time.process_time() - start, len(found)


def _store(folder: Path, registry: NormRegistry) -> float:
    """Load the folder into a new portfolio database in this process and check it across."""
    from ictcost.stages.store import check_dossier_store, load_dossiers  # noqa: PLC0415

    db = folder / "stages.duckdb"
    db.unlink(missing_ok=True)
    start = time.process_time()
    load_dossiers(folder, db, registry=registry, workers=1)
    check_dossier_store(db, stages=StageConfig(repeat_years=3))
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    """Run the measurement; print one row per size and the growth exponent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--store", action="store_true", help="also load and check through the DuckDB store"
    )
    args = parser.parse_args(argv)
    registry = NormRegistry.shipped()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = write_dossiers(folder, n)
            a = b = c = math.inf
            found = 0
            for _ in range(args.rounds):
                a = min(a, _estimates(folder, n, registry))
                t, found = _dossiers(files, registry)
                b = min(b, t)
                if args.store:
                    c = min(c, _store(folder, registry))
        rows.append((n, a, b, found))
        store = f"  store {c:7.2f} s  ratio {c / a:5.2f}" if args.store else ""
        print(
            f"n={n:6d}  estimates {a:7.2f} s  dossiers {b:7.2f} s  ratio {b / a:5.2f}"
            f"{store}  findings {found}"
        )
    if len(rows) > 1:
        (n0, _, b0, _), (n1, _, b1, _) = rows[0], rows[-1]
        print(
            f"growth exponent of the dossier checks {n0} -> {n1}: {math.log(b1 / b0) / math.log(n1 / n0):.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
