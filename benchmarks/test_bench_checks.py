"""Benchmarks of the checks (pytest-benchmark), with anchors run side by side.

Run: ``.venv/bin/python -m pytest benchmarks/test_bench_checks.py --benchmark-only -q``.

The anchors are fixed small workloads (``numpy.interp`` over a norm table's breakpoints, as in
``test_bench.py``, and ``difflib.SequenceMatcher`` over 200 name pairs, what the duplicate rules
used before) so that a figure can be read as a ratio to them on the same machine. The workloads:
a realistic 2,000-line estimate (equipment for each commune's office, school, health station and
police, a central part with two servers of one model in two roles, a few real duplicates: a line
copied under a lightly changed name), and a portfolio of 400 such estimates of 20 lines (the
popular models written several ways, software lines with use cases shared between districts).
Nothing here asserts a time: the figures go into the notes.
"""

from __future__ import annotations

import difflib
import random
from typing import Any

import numpy as np
import pytest

from ictcost import NormRegistry
from ictcost.checks import CheckConfig, check, check_portfolio
from ictcost.checks.rules import RULES, Context, Portfolio
from ictcost.estimate import ProjectInput, compute_estimate, load_project

# the realistic names, shared with the generated portfolio of the store's tests and scale script
from ictcost.portfolio._synthetic import ITEMS, PLACES, SYLLABLES, USE_CASES

CENTRAL = (
    ("Máy chủ ứng dụng", "Dell PowerEdge R760", 385_000_000),
    ("Máy chủ cơ sở dữ liệu", "Dell PowerEdge R760", 412_000_000),
    ("Thiết bị lưu trữ SAN", "Dell PowerVault ME5024", 690_000_000),
    ("Thiết bị tường lửa thế hệ mới", "Fortinet FortiGate 200F", 310_000_000),
    ("Thiết bị chuyển mạch lõi", "Cisco C9300-48T", 160_000_000),
    ("Bản quyền hệ điều hành máy chủ", "Windows Server 2022 Standard", 38_000_000),
)


def _communes(k: int, rnd: random.Random) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < k:
        names[" ".join(rnd.sample(SYLLABLES, 2))] = None
    return list(names)


def _line(i: int, name: str, model: str | None, price: int, rnd: random.Random) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": f"TB-{i:05d}",
        "component": "thiet_bi",
        "name": name,
        "method": "quotation",
        "vat": "it_goods_services",
        "unit": "bộ",
        "quantity": rnd.randint(1, 5),
        "unit_price": price,
        "basis": "Báo giá số 12/BG",
    }
    if model:
        line["model"] = model
    return line


def _renamed(name: str, rnd: random.Random) -> str:
    """A copy's name, lightly changed: case, no diacritics, an added word, punctuation."""
    return rnd.choice(
        (
            name.upper(),
            f"{name} (bổ sung)",
            name.replace("Máy", "May").replace("Thiết", "Thiet"),
            f"{name}.",
        )
    )


def estimate_lines(n: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` lines: 85 % one per commune and place, 10 % central, 2 % copies, the rest unique."""
    rnd = random.Random(seed)
    communes = _communes(max(8, n // 20), rnd)
    slots = [(item, place, c) for item in ITEMS for place in PLACES for c in communes]
    rnd.shuffle(slots)
    out: list[dict[str, Any]] = []
    for k, (name, model, price) in enumerate(CENTRAL * max(1, n // 60)):
        out.append(_line(len(out) + 1, f"{name} cụm {k // len(CENTRAL) + 1}", model, price, rnd))
    while len(out) < n:
        r = rnd.random()
        if r < 0.88 and slots:
            (name, models, price), place, commune = slots.pop()
            out.append(_line(len(out) + 1, f"{name} cho {place} {commune}", models[0], price, rnd))
        elif r < 0.9 and out:
            src = rnd.choice(out)
            copy = _line(
                len(out) + 1, _renamed(src["name"], rnd), src.get("model"), src["unit_price"], rnd
            )
            out.append(copy)
        else:
            name = f"Dịch vụ {rnd.choice(SYLLABLES).lower()} {rnd.choice(SYLLABLES).lower()} số {len(out)}"
            out.append(_line(len(out) + 1, name, None, rnd.randint(1, 90) * 1_000_000, rnd))
    return out[:n]


def estimate(n: int, *, seed: int = 7, name: str | None = None) -> ProjectInput:
    return load_project(
        {
            "project": {
                "name": name or f"Trang bị thiết bị CNTT cấp xã ({n} dòng)",
                "date": "2025-09-15",
                "form": "purchase",
            },
            "lines": estimate_lines(n, seed=seed),
        }
    )


def _software(rnd: random.Random, p: int) -> dict[str, Any]:
    shared = rnd.sample(USE_CASES, 4)
    own = [f"Quản lý hồ sơ {rnd.choice(SYLLABLES).lower()} dự án {p}-{k}" for k in range(4)]
    return {
        "date": "2025-06-01",
        "actors": {"simple": 1, "average": 1, "complex": 2},
        "use_cases": [
            {"name": uc, "bmt": "BMT"[k % 3], "transactions": 2 + k}
            for k, uc in enumerate(shared + own)
        ],
        "technical": {f"T{i}": 2 for i in range(1, 14)},
        "environmental": {f"E{i}": 3 for i in range(1, 9)},
        "labour_rate": 61250,
    }


def portfolio(n: int, lines: int = 20) -> list[ProjectInput]:
    """``n`` district estimates of ``lines`` lines: per-commune equipment, models written several
    ways, one software line with shared and own use cases."""
    rnd = random.Random(11)
    communes = _communes(3 * n, rnd)
    projects = []
    for p in range(n):
        body: list[dict[str, Any]] = []
        for k in range(lines - 1):
            (name, models, price) = ITEMS[(p + k) % len(ITEMS)]
            place = PLACES[k % len(PLACES)]
            commune = communes[(3 * p + k % 3) % len(communes)]
            body.append(
                _line(k + 1, f"{name} cho {place} {commune}", rnd.choice(models), price, rnd)
            )
        body.append(
            {
                "id": "PM-01",
                "component": "phan_mem_noi_bo",
                "name": "Phần mềm một cửa điện tử",
                "method": "calculation",
                "vat": "software",
                "software": _software(rnd, p),
            }
        )
        projects.append(
            load_project(
                {
                    "project": {"name": f"Huyện {p}", "date": "2025-09-15", "form": "purchase"},
                    "lines": body,
                }
            )
        )
    return projects


# --- anchors ------------------------------------------------------------------------------------


def test_anchor_numpy_interp(benchmark):
    """The anchor of test_bench.py: one numpy.interp over QĐ 1688 table 1b's breakpoints."""
    table = NormRegistry.shipped().get("qd1688-1b", "2026-01-15")
    rows = [r for r in table.rows() if r.at is not None and "project" in r.values]
    xs = np.array([float(r.at) for r in rows])
    ys = np.array([float(r.values["project"].value) for r in rows])
    benchmark(np.interp, 8.5, xs, ys)


_PAIRS = [
    (a["name"], b["name"])
    for a, b in zip(estimate_lines(200), estimate_lines(200, seed=8), strict=True)
]


def test_anchor_difflib_200_pairs(benchmark):
    """The anchor: difflib's ratio over 200 fixed pairs of line names (the old scorer)."""

    def run() -> float:
        return sum(difflib.SequenceMatcher(None, a, b).ratio() for a, b in _PAIRS)

    assert benchmark(run) > 0


# --- one estimate -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [500, 2000])
def test_anchor_compute_estimate(benchmark, n):
    """The anchor of ``test_check_estimate``: computing the same estimate (the target: ≤ 3×)."""
    project = estimate(n)
    e = benchmark.pedantic(compute_estimate, args=(project,), rounds=3, iterations=1)
    assert len(e.lines) == n


@pytest.mark.parametrize("n", [500, 2000])
def test_check_estimate(benchmark, n):
    """The whole ``check`` (recomputation and every rule) of an ``n``-line estimate."""
    project = estimate(n)
    findings = benchmark.pedantic(check, args=(project,), rounds=3, iterations=1)
    assert [f for f in findings if f.code == "DUP-LINE"]


def _context(project: ProjectInput) -> Context:
    registry = NormRegistry.shipped()
    e = compute_estimate(project, registry=registry, lenient_methods=True, collect_problems=True)
    return Context(project, e, None, registry, CheckConfig())


@pytest.mark.parametrize("n", [500, 1000, 2000, 4000])
def test_duplicate_rules(benchmark, n):
    """DUP-LINE and DUP-LINE-REPEATED alone on an ``n``-line estimate (recomputed beforehand)."""
    ctx = _context(estimate(n))
    rules = [RULES["DUP-LINE"], RULES["DUP-LINE-REPEATED"]]

    def run() -> int:
        return sum(len(list(r.check(ctx))) for r in rules if r.check is not None)

    assert benchmark.pedantic(run, rounds=5, iterations=1) > 0


# --- a portfolio --------------------------------------------------------------------------------


def test_check_portfolio_400_by_20(benchmark):
    """The whole ``check_portfolio`` of 400 estimates × 20 lines."""
    projects = portfolio(400)
    findings = benchmark.pedantic(check_portfolio, args=(projects,), rounds=1, iterations=1)
    assert [f for f in findings if f.code == "DUP-PORTFOLIO-EQUIPMENT"]


def test_portfolio_rules_400_by_20(benchmark):
    """The two portfolio overlap rules alone on 400 estimates × 20 lines (recomputed beforehand)."""
    members = tuple(_context(p) for p in portfolio(400))
    whole = Portfolio(members, CheckConfig())
    rules = [RULES["DUP-PORTFOLIO-EQUIPMENT"], RULES["DUP-PORTFOLIO-FUNCTION"]]

    def run() -> int:
        return sum(len(list(r.check_portfolio(whole))) for r in rules if r.check_portfolio)

    assert benchmark.pedantic(run, rounds=3, iterations=1) > 0
