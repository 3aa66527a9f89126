"""The public API: ``__all__`` lists are importable, sorted the RUF022 way, and hide internals."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import ictcost
import ictcost.norms

PUBLIC_MODULES = [
    "ictcost",
    "ictcost.errors",
    "ictcost.keys",
    "ictcost.money",
    "ictcost.fees",
    "ictcost.regimes",
    "ictcost.norms",
    "ictcost.norms.loader",
    "ictcost.norms.models",
    "ictcost.norms.registry",
    "ictcost.cli",
    "ictcost.software",
    "ictcost.software.ucp",
    "ictcost.software.inputs",
    "ictcost.software.labour",
    "ictcost.software.second_opinion",
    "ictcost.estimate",
    "ictcost.estimate.model",
    "ictcost.estimate.engine",
    "ictcost.estimate.result",
    "ictcost.inputs",
    "ictcost.inputs.project",
    "ictcost.inputs.software",
    "ictcost.inputs.workbook",
    "ictcost.words",
    "ictcost.report.text",
    "ictcost.checks",
    "ictcost.checks.rules",
    "ictcost.checks.engine",
    "ictcost.types",
    "ictcost.validation",
]


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )


def ruf022_key(name: str) -> tuple[object, ...]:
    """Ruff RUF022's isort-style order: CONSTANTS, then Classes, then everything else.

    Within each group the order is natural (``a2`` before ``a10``), case-insensitive first.
    """
    if len(name) > 1 and name.upper() == name and name.lower() != name:
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return group, _natural(name.lower()), _natural(name)


def _module(name: str) -> ModuleType:
    if name == "ictcost.cli":
        pytest.importorskip("typer")
    return importlib.import_module(name)


def test_sort_key_follows_ruff_on_examples() -> None:
    names = ["regimes", "CONDITIONS", "Value", "__version__", "SHIPPED", "table2", "table10", "K"]
    assert sorted(names, key=ruf022_key) == [
        "CONDITIONS",
        "SHIPPED",
        "K",
        "Value",
        "__version__",
        "regimes",
        "table2",
        "table10",
    ]
    # what `ruff check --select RUF022 --fix` makes of this list (checked with ruff 0.17)
    mixed = ["b", "B", "a", "A1", "A10", "A2", "aB", "Ab"]
    assert sorted(mixed, key=ruf022_key) == ["A1", "A2", "A10", "Ab", "B", "a", "aB", "b"]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_dunder_all_is_importable_sorted_and_unique(module_name: str) -> None:
    module = _module(module_name)
    names = list(module.__all__)
    assert len(names) == len(set(names)), "duplicates in __all__"
    assert names == sorted(names, key=ruf022_key)
    for name in names:
        assert hasattr(module, name), f"{module_name}.{name} is in __all__ but missing"
    namespace: dict[str, object] = {}
    exec(f"from {module_name} import *", namespace)
    assert set(names) <= set(namespace)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_nothing_internal_is_public(module_name: str) -> None:
    module = _module(module_name)
    for name in module.__all__:
        assert not name.startswith("_") or name == "__version__", name
        obj = getattr(module, name)
        origin = getattr(obj, "__module__", None)
        if isinstance(obj, ModuleType):
            origin = obj.__name__
        assert not (origin or "").startswith("ictcost._internal"), f"{module_name}.{name}"


def test_top_level_names() -> None:
    assert "__version__" in ictcost.__all__
    assert isinstance(ictcost.__version__, str)
    assert re.fullmatch(r"\d+\.\d+\.\d+([a-z]+\d+)?", ictcost.__version__)
    assert not [n for n in ictcost.__all__ if "_internal" in n]


def test_norms_api_is_reexported_at_the_top() -> None:
    assert set(ictcost.norms.__all__) <= set(ictcost.__all__)
    for name in ictcost.norms.__all__:
        assert getattr(ictcost, name) is getattr(ictcost.norms, name)


def test_py_typed_ships_with_the_package() -> None:
    marker = Path(ictcost.__file__).parent / "py.typed"
    assert marker.is_file()


# --- one flat namespace, the optional extras imported on first use --------------------------------

HEAVY = ("openpyxl", "xlsxwriter", "rapidfuzz", "pandas", "docx", "duckdb", "distributed")
PROMISED = [
    "compute_estimate",
    "load_project",
    "check",
    "check_portfolio",
    "Estimate",
    "ProjectInput",
    "compute_software_cost",
    "load_software_input",
    "SoftwareInput",
    "SoftwareCostResult",
    "Finding",
    "Findings",
    "FindingsReport",
    "CheckConfig",
    "write_xlsx",
    "compare",
    "Comparison",
    "write_comparison",
    "write_report",
    "load_workbook_project",
    "load_evidence",
    "set_display_language",
]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_getting_started_names_are_at_the_top():
    assert set(PROMISED) <= set(ictcost.__all__)
    for name in PROMISED:
        assert getattr(ictcost, name) is not None, name


def test_import_ictcost_imports_no_optional_extra():
    out = _run(
        "import sys, ictcost\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "ictcost.compute_estimate, ictcost.Estimate, ictcost.compute_software_cost\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "ictcost.check\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "ictcost.write_xlsx\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
        "ictcost.simulate, ictcost.compute_fee_batch\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    # the workbook is written with XlsxWriter (openpyxl only reads workbooks)
    assert out.splitlines() == [
        "[]",
        "[]",
        "['rapidfuzz']",
        "['rapidfuzz', 'xlsxwriter']",
        "['rapidfuzz', 'xlsxwriter']",
    ]


def test_lazy_names_are_listed_and_are_the_modules_objects():
    lazy = ictcost._LAZY
    assert set(lazy) <= set(ictcost.__all__)
    assert set(ictcost.__all__) <= set(dir(ictcost))
    for name, module in lazy.items():
        assert getattr(ictcost, name) is getattr(importlib.import_module(module), name), name
    assert ictcost.check is importlib.import_module("ictcost.checks").check
    assert ictcost.write_xlsx is importlib.import_module("ictcost.report.excel").write_xlsx
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        ictcost.nope  # noqa: B018 - the attribute access is the test


def test_type_checkers_see_the_lazy_names():
    source = Path(ictcost.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    seen: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom):
                    seen |= {alias.asname or alias.name for alias in sub.names}
    assert set(ictcost._LAZY) == seen
