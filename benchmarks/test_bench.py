"""Benchmarks (pytest-benchmark). Run: ``.venv/bin/python -m pytest benchmarks --benchmark-only``.

They are not part of the test suite and assert nothing about time: the figures go into the notes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from ictcost import NormRegistry, compute_fee, shipped_norms_dir, table_fee
from ictcost.checks import check_portfolio
from ictcost.estimate import compute_estimate, load_project
from ictcost.software import SoftwareInput, compute_software_cost

ROOT = Path(__file__).resolve().parents[1]


def test_anchor_numpy_interp(benchmark):
    """The anchor: one numpy.interp over the breakpoints of QĐ 1688 table 1b (project column)."""
    table = NormRegistry.shipped().get("qd1688-1b", "2026-01-15")
    rows = [r for r in table.rows() if r.at is not None and "project" in r.values]
    xs = np.array([float(r.at) for r in rows])
    ys = np.array([float(r.values["project"].value) for r in rows])
    benchmark(np.interp, 8.5, xs, ys)


def test_single_table_fee(benchmark):
    NormRegistry.shipped()
    r = benchmark(table_fee, "1b", form="ktkt", base=8_500_000_000, on="2026-01-15")
    assert r.amount == 152_527_188


def test_single_item_fee_with_k(benchmark):
    NormRegistry.shipped()
    r = benchmark(
        compute_fee,
        "tham_tra_bao_cao_ktkt",
        category="software",
        form="ktkt",
        base=8_500_000_000,
        on="2026-01-15",
        conditions=["island"],
    )
    assert r.amount > 0


def test_single_item_fee_with_a_view(benchmark):
    view = NormRegistry.shipped().at("2026-01-15")
    r = benchmark(
        compute_fee,
        "tham_tra_bao_cao_ktkt",
        category="software",
        form="ktkt",
        base=8_500_000_000,
        conditions=["island"],
        norms=view,
    )
    assert r.amount > 0


def test_50_fee_lines_of_one_estimate(benchmark):
    """The estimate's way: one view of the norms for every fee line (regime, tables read once)."""
    items = ["quan_ly_du_an", "tham_tra_bao_cao_ktkt", "lap_bao_cao_ktkt", "tham_tra_du_toan"]

    def run():
        view = NormRegistry.shipped().at("2026-01-15")
        return [
            compute_fee(
                items[i % 4],
                category="software",
                form="ktkt",
                base=1_000_000_000 + 97_000_000 * i,
                norms=view,
            )
            for i in range(50)
        ]

    assert len(benchmark(run)) == 50


def test_load_all_norms(benchmark):
    reg = benchmark(lambda: NormRegistry({}).with_pack(shipped_norms_dir()))
    assert len(reg) >= 20


def _alternate(benchmark, commands, *, anchor, rounds=7):
    """Run whole processes A B … A B … and record each median and each ratio to the anchor.

    The processes of one round run back to back, so a load on the machine hits them alike; the
    ratio of a command is the median of its per-round ratios to the anchor (``extra_info``).
    """
    times = {name: [] for name in commands}

    def run():
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            times[name].append(time.perf_counter() - start)

    benchmark.pedantic(run, rounds=rounds, iterations=1, warmup_rounds=1)
    for name, measured in times.items():
        values = measured[1:] or measured  # without the warm-up round (a disabled run has one)
        benchmark.extra_info[f"{name}_median_s"] = round(statistics.median(values), 4)
        if name != anchor:
            base = times[anchor][1:] or times[anchor]
            ratios = [a / b for a, b in zip(values, base, strict=True)]
            benchmark.extra_info[f"{name}_ratio_to_{anchor}"] = round(statistics.median(ratios), 3)
    return benchmark.extra_info


def _ictcost_command(*args):
    script = Path(sys.executable).with_name("ictcost")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "ictcost", *args]


@pytest.mark.benchmark(group="start-up")
def test_import_time(benchmark):
    """``import ictcost`` against ``import pydantic`` (target ≤ 1.5×) and an empty interpreter."""
    info = _alternate(
        benchmark,
        {
            "import_ictcost": [sys.executable, "-c", "import ictcost"],
            "import_pydantic": [sys.executable, "-c", "import pydantic"],
            "python_pass": [sys.executable, "-c", "pass"],
        },
        anchor="import_pydantic",
    )
    assert info["import_ictcost_median_s"] > 0


@pytest.mark.benchmark(group="start-up")
def test_cli_start(benchmark):
    """``ictcost --version`` and one ``ictcost fee`` as whole processes, ``python -c pass`` the anchor."""
    info = _alternate(
        benchmark,
        {
            "version": _ictcost_command("--version"),
            "fee": _ictcost_command(
                "fee",
                "--table",
                "1b",
                "--form",
                "ktkt",
                "--base",
                "8500000000",
                "--on",
                "2026-01-15",
            ),
            "python_pass": [sys.executable, "-c", "pass"],
        },
        anchor="python_pass",
    )
    assert info["version_median_s"] > 0


@pytest.mark.benchmark(group="start-up")
def test_readme_main_job(benchmark, tmp_path):
    """The README's main job (estimate + workbook) as a whole process, ``python -c pass`` the anchor."""
    info = _alternate(
        benchmark,
        {
            "estimate_xlsx": _ictcost_command(
                "estimate",
                "examples/portal-project.yaml",
                "--pack",
                "examples/pack",
                "--xlsx",
                str(tmp_path / "p.xlsx"),
            ),
            "python_pass": [sys.executable, "-c", "pass"],
        },
        anchor="python_pass",
        rounds=5,
    )
    assert info["estimate_xlsx_median_s"] > 0


@pytest.mark.benchmark(group="start-up")
def test_cold_norms(benchmark):
    """A fresh process: ``import ictcost`` then one ``table_fee`` (the shipped norms read lazily)."""
    info = _alternate(
        benchmark,
        {
            "import_and_fee": [
                sys.executable,
                "-c",
                "import ictcost; ictcost.table_fee('1b', form='ktkt', base=8_500_000_000,"
                " on='2026-01-15')",
            ],
            "numpy_interp": [
                sys.executable,
                "-c",
                "import numpy as np; np.interp(8.5, [1.0, 10.0], [2.0, 1.0])",
            ],
        },
        anchor="numpy_interp",
    )
    assert info["import_and_fee_median_s"] > 0


def _software_input(n_use_cases: int):
    return SoftwareInput.model_validate(
        {
            "date": "2025-06-01",
            "actors": {"simple": 2, "average": 3, "complex": 5},
            "use_cases": [
                {"name": f"UC {i}", "bmt": "BMT"[i % 3], "transactions": 1 + i % 12}
                for i in range(n_use_cases)
            ],
            "technical": {f"T{i}": 3 for i in range(1, 14)},
            "environmental": {f"E{i}": 3 for i in range(1, 9)},
            "labour_rate": 61250,
        }
    )


def test_software_200_use_cases(benchmark):
    inp = _software_input(200)
    compute_software_cost(inp)  # warm the registry
    r = benchmark(compute_software_cost, inp)
    assert len(r.use_cases) == 200


def test_software_10000_use_cases(benchmark):
    inp = _software_input(10_000)
    compute_software_cost(inp)  # warm the registry
    r = benchmark.pedantic(compute_software_cost, args=(inp,), rounds=5, iterations=1)
    assert len(r.use_cases) == 10_000


def test_anchor_ucp_bare_chain(benchmark):
    """The anchor of the UCP benchmark: weight × BMT coefficient summed in Decimal, 10,000 times."""
    weights = {"simple": Decimal(5), "average": Decimal(10), "complex": Decimal(15)}
    bmt = {"B": Decimal(1), "M": Decimal("1.2"), "T": Decimal("1.5")}
    cases = [("BMT"[i % 3], 1 + i % 12) for i in range(10_000)]

    def run():
        total = Decimal(0)
        for letter, transactions in cases:
            cls = "simple" if transactions <= 3 else "average" if transactions <= 7 else "complex"
            total += weights[cls] * bmt[letter]
        return total

    assert benchmark(run) > 0


def _big_project(n_lines: int):
    lines = [
        {
            "id": f"L{i:05d}",
            "component": "thiet_bi",
            "name": f"Thiết bị {i}",
            "method": "quotation",
            "vat": "it_goods_services" if i % 3 else "software",
            "unit": "bộ",
            "quantity": 1 + i % 7,
            "unit_price": 1_000_000 + 137 * i,
            "basis": "báo giá",
        }
        for i in range(n_lines)
    ]
    lines.append(
        {
            "id": "QLDA",
            "component": "quan_ly_du_an",
            "name": "QLDA",
            "method": "norm",
            "vat": "not_applicable",
            "fee": {
                "item": "quan_ly_du_an",
                "category": "infrastructure",
                "base_lines": [f"L{i:05d}" for i in range(n_lines)],
            },
        }
    )
    return load_project(
        {
            "project": {"name": "Big", "date": "2025-09-15", "form": "investment_project"},
            "lines": lines,
            "contingency": {"on": "after_vat", "rate_percent": 5},
        }
    )


def test_estimate_2000_lines(benchmark):
    project = _big_project(2000)
    compute_estimate(project)
    e = benchmark.pedantic(compute_estimate, args=(project,), rounds=3, iterations=1)
    assert len(e.lines) == 2001


def _portfolio(n: int):
    projects = []
    for p in range(n):
        lines = [
            {
                "id": f"TB-{i}",
                "component": "thiet_bi",
                "name": f"Máy chủ loại {p % 40}-{i}",
                "model": f"MODEL-{(p * 7 + i) % 300}",
                "method": "quotation",
                "vat": "it_goods_services",
                "quantity": 1 + i,
                "quotes": [
                    {"source": f"NCC {k}", "unit_price": 100_000_000 + k * 1_000_000}
                    for k in range(3)
                ],
                "pick": "median",
            }
            for i in range(8)
        ]
        lines.append(
            {
                "id": "QLDA",
                "component": "quan_ly_du_an",
                "name": "QLDA",
                "method": "norm",
                "vat": "not_applicable",
                "fee": {
                    "item": "quan_ly_du_an",
                    "category": "infrastructure",
                    "base_lines": [f"TB-{i}" for i in range(8)],
                },
            }
        )
        projects.append(
            load_project(
                {
                    "project": {
                        "name": f"Dự án {p}",
                        "date": "2025-09-15",
                        "form": "investment_project",
                        "preparer": "A",
                        "appraiser": "B",
                    },
                    "lines": lines,
                    "contingency": {"on": "after_vat", "rate_percent": 5},
                    "packages": [
                        {
                            "id": "G1",
                            "kind": "goods",
                            "selection": "open_tender",
                            "lines": [f"TB-{i}" for i in range(8)],
                        }
                    ],
                }
            )
        )
    return projects


@pytest.mark.parametrize("n", [50, 100, 250, 500])
def test_check_portfolio(benchmark, n):
    projects = _portfolio(n)
    findings = benchmark.pedantic(check_portfolio, args=(projects,), rounds=1, iterations=1)
    assert findings


def test_check_portfolio_with_messages(benchmark):
    """The findings' messages are rendered when read: this measures the check and every text."""
    projects = _portfolio(100)

    def run():
        findings = check_portfolio(projects)
        return [(f.message_vi, f.message_en) for f in findings]

    texts = benchmark.pedantic(run, rounds=1, iterations=1)
    assert texts
    assert all(vi and en for vi, en in texts)


def test_estimate_2000_lines_to_xlsx(benchmark, tmp_path):
    from ictcost.report.excel import write_xlsx  # noqa: PLC0415 - optional extra

    project = _big_project(2000)

    def run():
        return write_xlsx(compute_estimate(project), tmp_path / "big.xlsx")

    path = benchmark.pedantic(run, rounds=2, iterations=1)
    assert path.stat().st_size > 0
