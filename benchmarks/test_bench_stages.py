"""Benchmarks of the checks between stages (issue 14), with their anchor run side by side.

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_stages.py --benchmark-only -q``.

The workload: 200 generated district dossiers (:func:`ictcost.stages.synthetic.write_dossiers`:
two packages priced from the estimate, two contracts, acceptances, an advance and a payment each,
a settlement; two consecutive districts share an owner, so the repeat-purchase rule has work).
The anchor: computing the 200 approved estimates alone (the recomputation the checks start from).
The figure is the ratio of the two; ``scripts/stages_scale.py`` measures it from 250 to 1,000
dossiers with the growth exponent. Nothing here asserts a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ictcost.checks import CheckConfig
from ictcost.checks.engine import estimate_context
from ictcost.estimate import load_project
from ictcost.norms.registry import NormRegistry
from ictcost.stages import StageConfig, check_dossiers
from ictcost.stages.synthetic import write_dossiers

N = 200


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_dossiers(tmp_path_factory.mktemp("dossiers"), N)


@pytest.mark.benchmark(group="stages")
def test_anchor_compute_estimates(benchmark, dossiers: list[Path]) -> None:
    registry = NormRegistry.shipped()
    folder = dossiers[0].parent
    estimates = sorted(folder.glob("*.estimate.json"))

    def run() -> None:
        for path in estimates:
            estimate_context(load_project(path), registry, folder, CheckConfig())

    benchmark.pedantic(run, rounds=3, iterations=1)


@pytest.mark.benchmark(group="stages")
def test_check_dossiers(benchmark, dossiers: list[Path]) -> None:
    registry = NormRegistry.shipped()
    found = benchmark.pedantic(
        lambda: check_dossiers(dossiers, registry=registry, stages=StageConfig(repeat_years=3)),
        rounds=3,
        iterations=1,
    )
    assert any(f.code == "STAGE-REPEAT-BUY" for f in found)
    assert sum(f.code == "STAGE-CONTRACT-PRICE" for f in found) == N // 10
