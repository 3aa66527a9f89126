"""The bounded fuzz run of issue 13 item 8 (the longer run is ``scripts/fuzz.py --minutes N``).

Hypothesis builds and mutates projects, software inputs, packs and workbooks
(``tests/fuzz/strategies.py``); ``tests/fuzz/harness.py`` runs each through the API or the CLI (in
process; a few real subprocess runs below) and checks the invariants: no untyped exception, exit
codes 0/1/2 only, totals that add up, byte-identical JSON across two runs. The run is
derandomized with no example database, so CI tries the same inputs each time; the number of inputs
tried, the outcomes and the exit codes are printed at the end of the pytest run ("fuzz (issue
13)").
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.fuzz import strategies as fs
from tests.fuzz.harness import (
    STATS,
    FuzzFailureError,
    check_estimate_json,
    check_software_json,
    run_case,
)
from tests.fuzz.plugin import FuzzSummary

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
"""The CI settings: reproducible, no time limit per example (``max_examples`` per test below)."""


def fuzz(examples: int) -> settings:
    """The CI settings with ``examples`` inputs (tuned for about 60-90 s in all on 2 cores)."""
    return settings(FUZZ, max_examples=examples)


@pytest.fixture(scope="module", autouse=True)
def _summary(request: pytest.FixtureRequest) -> None:
    manager = request.config.pluginmanager
    if manager.get_plugin(FuzzSummary.name) is None:
        manager.register(FuzzSummary(), FuzzSummary.name)


def _run(case: fs.Case) -> str:
    with tempfile.TemporaryDirectory() as folder:
        return run_case(case, Path(folder))


@fuzz(200)
@given(fs.project_cases("api"))
def test_fuzz_projects_through_the_api(case: fs.Case) -> None:
    assert _run(case) in {"ok", "typed"}


@fuzz(80)
@given(fs.project_cases("cli"))
def test_fuzz_projects_through_the_cli(case: fs.Case) -> None:
    assert _run(case) in {"ok", "typed"}


@fuzz(300)
@given(fs.software_cases())
def test_fuzz_software_inputs(case: fs.Case) -> None:
    assert _run(case) in {"ok", "typed"}


@fuzz(80)
@given(fs.pack_cases())
def test_fuzz_packs(case: fs.Case) -> None:
    assert _run(case) in {"ok", "typed"}


@fuzz(25)
@given(fs.workbook_cases())
def test_fuzz_workbooks(case: fs.Case) -> None:
    assert _run(case) in {"ok", "typed"}


# --- a few real subprocess runs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "allowed", "runs"),
    [
        (["estimate", "portal-project.yaml", "--pack", "pack", "--json"], {0}, 2),
        (["estimate", "broken.yaml", "--json"], {2}, 1),
    ],
)
def test_real_subprocess_runs(
    tmp_path: Path, args: list[str], allowed: set[int], runs: int
) -> None:
    for name in ("portal-project.yaml", "software-portal.yaml", "pack/demo-price-list.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes((fs.EXAMPLES / name).read_bytes())
    (tmp_path / "broken.yaml").write_text(
        "project: {name: [/], date: 2026-02-30}\nlines: 5\n", encoding="utf-8"
    )
    outputs = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-m", "ictcost", *args],
            cwd=tmp_path,
            capture_output=True,
            check=False,
            timeout=300,
        )
        STATS.tried["clireal"] += 1
        STATS.exit_codes[done.returncode] += 1
        assert done.returncode in allowed, done.stderr.decode(errors="replace")
        assert b"Traceback" not in done.stderr
        outputs.append(done.stdout)
    assert len(set(outputs)) == 1  # byte-identical across runs
    data = json.loads(outputs[0])
    if args[0] == "estimate" and done.returncode == 0:
        check_estimate_json(fs.Case("cli", {}, args[1]), data)
        assert int(data["total"]) > 0
    elif done.returncode == 2:
        assert data["error"]["type"] == "InputError"
        assert data["error"]["code"] == "input-invalid"


# --- the harness can fail -------------------------------------------------------------------------

_PORTAL = fs.Case(
    "api",
    {
        "project.yaml": (fs.EXAMPLES / "portal-project.yaml").read_bytes(),
        "software-portal.yaml": (fs.EXAMPLES / "software-portal.yaml").read_bytes(),
        "pack/demo-price-list.yaml": (fs.EXAMPLES / "pack" / "demo-price-list.yaml").read_bytes(),
    },
    "project.yaml",
    pack=True,
)


def test_the_unmutated_example_computes() -> None:
    assert _run(_PORTAL) == "ok"
    cli = fs.Case("cli", _PORTAL.files, "project.yaml", pack=True, args=("estimate",))
    assert _run(cli) == "ok"


def test_an_untyped_exception_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    import ictcost.estimate  # noqa: PLC0415

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError

    monkeypatch.setattr(ictcost.estimate, "compute_estimate", broken)
    before = STATS.failures["untyped"]
    with pytest.raises(FuzzFailureError, match="ZeroDivisionError") as info:
        _run(_PORTAL)
    assert info.value.kind == "untyped"
    STATS.failures["untyped"] = before  # a planted failure: not one the fuzzer found


def test_a_wrong_total_is_a_failure() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _PORTAL.write(Path(folder))
        from ictcost.estimate import compute_estimate  # noqa: PLC0415
        from ictcost.inputs import load_project  # noqa: PLC0415
        from ictcost.norms import NormRegistry  # noqa: PLC0415

        registry = NormRegistry.shipped().with_pack(Path(folder) / "pack")
        data = json.loads(
            compute_estimate(load_project(path), registry=registry, base_dir=folder).to_json()
        )
    check_estimate_json(_PORTAL, data)
    for field, where in (
        ("total", data),
        ("vat", data),
        ("total", data["lines"][0]),
        ("total", data["components"][0]),
    ):
        saved = where[field]
        where[field] = str(int(saved) + 1)
        with pytest.raises(FuzzFailureError, match="invariant"):
            check_estimate_json(_PORTAL, data)
        where[field] = saved
    with pytest.raises(FuzzFailureError, match="AUCP"):
        check_software_json(_PORTAL, {"AUCP": "1", "UUCP": "2", "TCF": "1", "EF": "1"})
