"""Benchmark of the planning-stage Monte Carlo (issue 12: ≤ 20× one exact computation).

A 200-line estimate (equipment lines, a use-case-point line, fee lines on derived bases, a
contingency) is computed exactly once (the anchor), and simulated with 10,000 draws over ranges
on every equipment line's quantity and unit price and on the software line's ratings and labour
rate, in the same run. The ratio goes into the notes; nothing about time is asserted.

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_simulation.py --benchmark-only``.
"""

from __future__ import annotations

from typing import Any

from ictcost import NormRegistry
from ictcost.estimate import compute_estimate, load_project
from ictcost.estimate.model import ProjectInput
from ictcost.simulation import RangeSpec, simulate

N_EQUIPMENT = 193
"""Equipment lines; with the software line and six fee lines the estimate has 200 lines."""


def _software() -> dict[str, Any]:
    return {
        "date": "2025-09-15",
        "actors": {"simple": 2, "average": 3, "complex": 5},
        "use_cases": [
            {"name": f"UC {i}", "bmt": "BMT"[i % 3], "transactions": 1 + i % 12} for i in range(40)
        ],
        "technical": {f"T{i}": 3 for i in range(1, 14)},
        "environmental": {f"E{i}": 3 for i in range(1, 9)},
        "labour_rate": 61250,
    }


def _fee(lid: str, component: str, item: str, category: str, vat: str) -> dict[str, Any]:
    return {
        "id": lid,
        "component": component,
        "name": lid,
        "method": "norm",
        "vat": vat,
        "fee": {"item": item, "category": category},
    }


def _project() -> tuple[ProjectInput, RangeSpec]:
    lines: list[dict[str, Any]] = [
        {
            "id": f"L{i:04d}",
            "component": "thiet_bi",
            "name": f"Thiết bị {i}",
            "method": "quotation",
            "vat": "it_goods_services" if i % 3 else "software",
            "unit": "bộ",
            "quantity": 1 + i % 7,
            "unit_price": 10_000_000 + 137_000 * i,
            "basis": "báo giá",
        }
        for i in range(N_EQUIPMENT)
    ]
    lines.append(
        {
            "id": "PM-01",
            "component": "phan_mem_noi_bo",
            "name": "Phần mềm",
            "method": "calculation",
            "vat": "software",
            "software": _software(),
        }
    )
    lines += [
        _fee("QLDA-HT", "quan_ly_du_an", "quan_ly_du_an", "infrastructure", "not_applicable"),
        _fee("QLDA-PM", "quan_ly_du_an", "quan_ly_du_an", "software", "not_applicable"),
        _fee("TV-01-HT", "tu_van", "lap_bao_cao_ktkt", "infrastructure", "general"),
        _fee("TV-01-PM", "tu_van", "lap_bao_cao_ktkt", "software", "general"),
        _fee("TV-02-HT", "tu_van", "tham_tra_bao_cao_ktkt", "infrastructure", "general"),
        _fee("TV-02-PM", "tu_van", "tham_tra_bao_cao_ktkt", "software", "general"),
    ]
    project = load_project(
        {
            "project": {
                "name": "Big",
                "date": "2025-09-15",
                "project_kind": "investment",
                "document": "ktkt_report",
            },
            "lines": lines,
            "contingency": {"on": "after_vat", "rate_percent": 5},
        }
    )
    ranges: dict[str, Any] = {
        f"L{i:04d}": {
            "quantity": {"low": i % 7, "high": 2 + i % 7 * 2},
            "unit_price": {
                "low": (10_000_000 + 137_000 * i) * 9 // 10,
                "high": (10_000_000 + 137_000 * i) * 13 // 10,
            },
        }
        for i in range(N_EQUIPMENT)
    }
    ranges["PM-01"] = {
        "technical": {f"T{i}": {"low": 2, "high": 4} for i in range(1, 6)},
        "environmental": {f"E{i}": {"low": 2, "high": 4} for i in range(1, 5)},
        "labour_rate": {"low": 55_000, "high": 75_000},
    }
    return project, RangeSpec.model_validate({"lines": ranges})


def test_anchor_compute_estimate_200_lines(benchmark):
    """The anchor: one exact computation of the 200-line estimate."""
    project, _ = _project()
    reg = NormRegistry.shipped()
    compute_estimate(project, registry=reg)  # warm the registry and the caches
    e = benchmark.pedantic(compute_estimate, args=(project,), rounds=5, iterations=1)
    assert len(e.lines) == 200


def test_monte_carlo_10000_draws_200_lines(benchmark):
    """10,000 draws over the same estimate (the exact computation included, once)."""
    project, ranges = _project()
    reg = NormRegistry.shipped()
    simulate(project, ranges, registry=reg, draws=100)  # warm
    sim = benchmark.pedantic(
        simulate,
        args=(project, ranges),
        kwargs={"registry": reg, "draws": 10_000, "seed": 1},
        rounds=3,
        iterations=1,
    )
    assert sim.draws == 10_000
    assert len(sim.drivers) == 2 * N_EQUIPMENT + 10
