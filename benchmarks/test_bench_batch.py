"""Benchmarks of the batch fee API against raw ``numpy.interp`` (pytest-benchmark).

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_batch.py --benchmark-only -q``.

The anchor is ``numpy.interp`` over the same 100,000 bases (5–220 tỷ đồng, the range of the
performance review's row 2k) and the same breakpoints (QĐ 1688 table 1b, project column). The
batch calls return exact amounts (checked here against the scalar path on a sample). Besides the
separate benchmarks, ``test_ratio_interleaved`` runs the anchor and each batch call back to back
in every round and records the median of the per-round ratios in ``extra_info`` (a load on the
machine hits both alike; the times there are process CPU times, which a shared machine's
scheduling does not inflate). Nothing here asserts a time: the figures go into the notes.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pytest

from ictcost import NormRegistry, compute_fee, table_fee
from ictcost.fees.batch import compute_fee_batch, table_fee_batch

N = 100_000
ON = "2026-01-15"
VIEW = NormRegistry.shipped().at(ON)
BASES = np.random.default_rng(20261202).integers(5_000_000_000, 220_000_000_000, N)
_SCALE = VIEW.scale("qd1688-1b", "project")
XP = np.array([float(at) for at, _ in _SCALE.points])
FP = np.array([float(rate) for _, rate in _SCALE.points])


def _anchor():
    return np.interp(BASES / 1e9, XP, FP)


def _table():
    return table_fee_batch("1b", bases=BASES, norms=VIEW)


def _item():
    return compute_fee_batch(
        "quan_ly_du_an", category="software", form="project", bases=BASES, norms=VIEW
    )


def _composite():
    # three table parts (40 % / 70 % / 70 %) and K: three interpolations per base
    return compute_fee_batch(
        "tham_tra_bao_cao_ktkt",
        category="software",
        form="ktkt",
        bases=BASES,
        norms=VIEW,
        conditions=["island"],
    )


def _check_sample(result, scalar):
    for i in range(0, N, N // 50):
        assert int(result.amounts[i]) == scalar(int(BASES[i])).amount


@pytest.mark.benchmark(group="batch-100k")
def test_anchor_numpy_interp_100k(benchmark):
    """The anchor: raw numpy.interp of the 100,000 bases on table 1b's breakpoints."""
    rates = benchmark(_anchor)
    assert rates.shape == (N,)


@pytest.mark.benchmark(group="batch-100k")
def test_table_fee_batch_100k(benchmark):
    result = benchmark(_table)
    _check_sample(result, lambda b: table_fee("1b", base=b, norms=VIEW))


@pytest.mark.benchmark(group="batch-100k")
def test_compute_fee_batch_100k(benchmark):
    result = benchmark(_item)
    _check_sample(
        result,
        lambda b: compute_fee(
            "quan_ly_du_an", category="software", form="project", base=b, norms=VIEW
        ),
    )


@pytest.mark.benchmark(group="batch-100k")
def test_compute_fee_batch_composite_100k(benchmark):
    result = benchmark(_composite)
    _check_sample(
        result,
        lambda b: compute_fee(
            "tham_tra_bao_cao_ktkt",
            category="software",
            form="ktkt",
            base=b,
            norms=VIEW,
            conditions=["island"],
        ),
    )


@pytest.mark.benchmark(group="batch-ratio")
def test_ratio_interleaved(benchmark):
    """Anchor and batch calls back to back per round; the median per-round ratio of each."""
    calls = {"table_fee_batch": _table, "compute_fee_batch": _item, "composite": _composite}
    times: dict[str, list[float]] = {"anchor": [], **{name: [] for name in calls}}

    def one_round():
        for name, fn in (("anchor", _anchor), *calls.items()):
            start = time.process_time()
            fn()
            times[name].append(time.process_time() - start)

    benchmark.pedantic(one_round, rounds=15, iterations=1, warmup_rounds=2)
    anchor = times["anchor"][2:] or times["anchor"]  # a disabled run (CI's smoke run) has one
    benchmark.extra_info["anchor_median_ms"] = round(statistics.median(anchor) * 1e3, 3)
    for name in calls:
        values = times[name][2:] or times[name]
        ratios = [a / b for a, b in zip(values, anchor, strict=True)]
        benchmark.extra_info[f"{name}_median_ms"] = round(statistics.median(values) * 1e3, 3)
        benchmark.extra_info[f"{name}_ratio"] = round(statistics.median(ratios), 3)
    # the composite reads three tables: its anchor is three interpolations
    benchmark.extra_info["composite_ratio_to_3_interps"] = round(
        benchmark.extra_info["composite_ratio"] / 3, 3
    )
