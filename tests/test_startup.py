"""Start-up stays light: ``import ictcost`` and the command line import only what they use.

``import ictcost`` defines no pydantic model and reads no norm file (every public name is imported
on first use, PEP 562); the shipped norm files are parsed when first read; the displays and the
workbook writer are found by the results themselves, so importing a submodule alone is enough.
The timings are benchmarks (``benchmarks/test_bench.py``); these tests check what is imported.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import json
import pickle
import shutil
import subprocess
import sys
import weakref
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import ictcost
from ictcost import NormRegistry, regime_on, shipped_norms_dir
from ictcost.norms import load_table

ROOT = Path(__file__).resolve().parents[1]

# The ictcost modules a bare `import ictcost` may load: the package and its version.
LIGHT = {"ictcost", "ictcost._version"}


def _run(code: str) -> Any:
    """Run ``code`` in a fresh interpreter; it prints one JSON document, returned here."""
    done = subprocess.run(
        [sys.executable, "-X", "utf8", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


_MODULES = (
    "import json, sys; print(json.dumps(sorted(m for m in sys.modules "
    "if m.split('.')[0] in {'ictcost', 'pydantic', 'pydantic_core', 'yaml', 'openpyxl', "
    "'xlsxwriter', 'numpy', 'pandas', 'rapidfuzz', 'rich', 'typer'})))"
)


def _modules_after(statement: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{statement}\n{_MODULES}"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_import_ictcost_defines_no_model_and_reads_no_norm() -> None:
    loaded = _modules_after("import ictcost")
    assert loaded == LIGHT, sorted(loaded - LIGHT)


def test_the_errors_import_alone_and_light() -> None:
    loaded = _modules_after("from ictcost.errors import InputError, OutOfRangeError")
    assert loaded == LIGHT | {"ictcost.errors"}


def test_the_estimate_types_import_without_the_engine_and_the_readers() -> None:
    loaded = _modules_after("from ictcost.estimate.result import Estimate")
    assert "ictcost.estimate.result" in loaded
    assert not {m for m in loaded if m.startswith(("ictcost.estimate.engine", "ictcost.inputs"))}
    names = _run(
        "import json, sys\n"
        "from ictcost.estimate import compute_estimate, load_project\n"
        "print(json.dumps([compute_estimate.__module__, load_project.__module__]))"
    )
    assert names == ["ictcost.estimate.engine", "ictcost.inputs.project"]


def test_the_command_line_starts_without_the_library() -> None:
    loaded = _modules_after("import ictcost.cli")
    assert "typer" in loaded  # the command line itself
    heavy = {m for m in loaded if m.split(".")[0] in {"pydantic", "yaml", "openpyxl", "numpy"}}
    assert not heavy, sorted(heavy)
    assert not {m for m in loaded if m.startswith(("ictcost.norms", "ictcost.fees"))}


def test_version_prints_without_the_library() -> None:
    code = (
        "import sys; sys.argv = ['ictcost', '--version']\n"
        "from ictcost.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps('pydantic' in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    first, last = done.stdout.strip().splitlines()[0], done.stdout.strip().splitlines()[-1]
    assert first == f"ictcost {ictcost.__version__}"
    assert last == "false"


def test_a_name_is_imported_on_first_use() -> None:
    result = _run(
        "import json, sys, ictcost\n"
        "before = 'ictcost.fees' in sys.modules\n"
        "fee = ictcost.compute_fee\n"
        "from ictcost.fees import compute_fee\n"
        "print(json.dumps([before, 'ictcost.fees' in sys.modules, fee is compute_fee,"
        " 'compute_fee' in vars(ictcost)]))"
    )
    assert result == [False, True, True, True]


@pytest.mark.parametrize("name", sorted(set(ictcost.__all__) - {"__version__"}))
def test_every_public_name_resolves_to_its_module(name: str) -> None:
    value = getattr(ictcost, name)
    module = ictcost._LAZY[name]
    assert value is getattr(sys.modules[module], name)


def test_the_lazy_map_is_the_public_api() -> None:
    assert set(ictcost._LAZY) == set(ictcost.__all__) - {"__version__"}


def test_dir_lists_every_public_name() -> None:
    assert set(ictcost.__all__) <= set(dir(ictcost))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'compute_fees'"):
        _ = ictcost.compute_fees
    with pytest.raises(ImportError):
        exec("from ictcost import no_such_name", {})


def test_regimes_is_the_function_even_once_its_module_is_imported() -> None:
    importlib.import_module("ictcost.regimes")  # binds the submodule on the package

    assert callable(ictcost.regimes)
    assert ictcost.regimes is sys.modules["ictcost.regimes"].regimes
    assert [r for r, _, _ in ictcost.regimes()][:1] == ["nd73_2019"]
    result = _run(
        "import json, ictcost, ictcost.regimes\nprint(json.dumps(ictcost.regimes.__module__))"
    )
    assert result == "ictcost.regimes"


# --- the displays are found by the results themselves ----------------------------------------


def test_a_fee_shows_itself_with_only_its_module_imported() -> None:
    result = _run(
        "import json, sys\n"
        "from ictcost.fees import compute_fee\n"
        "r = compute_fee('quan_ly_du_an', category='software', form='ktkt',"
        " base=8_500_000_000, on='2026-01-15')\n"
        "before = 'ictcost.report.text' in sys.modules\n"
        "print(json.dumps([before, repr(r), r._repr_html_() is not None]))"
    )
    assert result[0] is False
    assert str(result[1]).startswith("FeeResult(quan_ly_du_an, base 8.500.000.000 đ")
    assert result[2] is True


_PROJECT = (
    "{'project': {'name': 'P', 'date': '2025-09-15', 'form': 'ktkt'},"
    " 'lines': [{'id': 'A', 'component': 'thiet_bi', 'name': 'Máy chủ', 'method': 'quotation',"
    " 'vat': 'it_goods_services', 'unit': 'bộ', 'quantity': 2, 'unit_price': 5000000,"
    " 'basis': 'báo giá'}]}"
)


def test_an_estimate_shows_itself_with_only_its_module_imported() -> None:
    result = _run(
        "import json, sys\n"
        "from ictcost.estimate import compute_estimate, load_project\n"
        f"e = compute_estimate(load_project({_PROJECT}))\n"
        "before = 'ictcost.report.text' in sys.modules\n"
        "print(json.dumps([before, repr(e), e.to_markdown()[:2], 'ictcost.report.text' in "
        "sys.modules]))"
    )
    assert result[0] is False
    assert str(result[1]).startswith("Estimate('P', dự toán, 1 lines, total 10.800.000 đ")
    assert result[2] == "# "
    assert result[3] is True


def test_an_estimate_writes_its_workbook_with_only_its_module_imported(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    target = tmp_path / "e.xlsx"
    result = _run(
        "import json\n"
        "from ictcost.estimate import compute_estimate, load_project\n"
        f"e = compute_estimate(load_project({_PROJECT}))\n"
        f"print(json.dumps(str(e.to_xlsx({str(target)!r}))))"
    )
    assert result == str(target)
    assert target.read_bytes()[:2] == b"PK"


def test_a_software_cost_shows_itself_with_only_its_module_imported() -> None:
    result = _run(
        "import json\n"
        "from ictcost.software import SoftwareInput, compute_software_cost\n"
        "inp = SoftwareInput.model_validate({'date': '2025-06-01',"
        " 'actors': {'simple': 1, 'average': 1, 'complex': 1},"
        " 'use_cases': [{'name': 'UC', 'bmt': 'B', 'transactions': 3}],"
        " 'technical': {f'T{i}': 3 for i in range(1, 14)},"
        " 'environmental': {f'E{i}': 3 for i in range(1, 9)}, 'labour_rate': 61250})\n"
        "r = compute_software_cost(inp)\n"
        "print(json.dumps(repr(r)))"
    )
    assert str(result).startswith("SoftwareCostResult(QĐ 671/QĐ-BTTTT, 01/06/2025")


# --- the shipped norms are parsed on first read -----------------------------------------------


@pytest.fixture
def fresh_shipped() -> Iterator[None]:
    """A fresh shipped registry for the test, the cached one restored after it.

    The same object is put back (other modules keep ``REG = NormRegistry.shipped()`` and compare
    registries by identity).
    """
    original = NormRegistry.shipped()
    NormRegistry.shipped.cache_clear()
    yield
    NormRegistry.shipped.cache_clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(NormRegistry, "_with_files", lambda *_a, **_k: original)
        assert NormRegistry.shipped() is original
    assert NormRegistry.shipped() is original


def test_a_fee_parses_only_the_tables_it_reads(
    fresh_shipped: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = load_table

    def counting(path: Path) -> object:
        parsed.append(Path(path).stem)
        return real(path)

    monkeypatch.setattr("ictcost.norms.registry.load_table", counting)
    reg = NormRegistry.shipped()
    files = sorted(p.stem for p in shipped_norms_dir().rglob("*.yaml"))
    assert sorted(reg) == files  # every id is known, none parsed yet
    assert parsed == []
    r = ictcost.table_fee("1b", form="ktkt", base=8_500_000_000, on="2026-01-15", registry=reg)
    assert r.amount == Decimal(152_527_188)
    assert "qd1688-1b" in parsed
    assert len(set(parsed)) == len(parsed)  # each file once
    assert len(parsed) < len(files) / 2
    reg.table("qd1688-1b")
    assert parsed.count("qd1688-1b") == 1


def test_a_lazy_registry_pickles_with_every_table(fresh_shipped: object) -> None:
    reg = NormRegistry.shipped()
    copy = pickle.loads(pickle.dumps(reg))
    assert sorted(copy) == sorted(reg)
    day = dt.date(2026, 1, 15)
    for table_id in ("qd1688-1b", "regimes", "vat-rates"):
        assert copy.table(table_id) == reg.table(table_id)
        assert copy.origin(table_id) == reg.origin(table_id)
    assert copy.at(day).number("qd1688-1b", "7", "ktkt") == reg.at(day).number(
        "qd1688-1b", "7", "ktkt"
    )


def test_a_broken_user_pack_is_refused_when_loaded(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    with pytest.raises(ictcost.NormDataError):
        NormRegistry.shipped().with_pack(pack)


# --- the caches are kept per registry ---------------------------------------------------------


def _pack_with_ceiling(tmp_path: Path, ceiling: int) -> Path:
    pack = tmp_path / f"pack-{ceiling}"
    pack.mkdir()
    source = shipped_norms_dir() / "vn" / "regimes" / "regimes.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count("value: 15000000000,") == 1
    (pack / "regimes.yaml").write_text(
        text.replace("value: 15000000000,", f"value: {ceiling},"), encoding="utf-8"
    )
    return pack


def test_a_pack_that_changes_a_regime_gives_its_own_regime(tmp_path: Path) -> None:
    day = dt.date(2026, 1, 15)
    shipped = regime_on(day)
    assert shipped.one_step_design_max == Decimal(15_000_000_000)
    first = NormRegistry.shipped().with_pack(_pack_with_ceiling(tmp_path, 16_000_000_000))
    second = NormRegistry.shipped().with_pack(_pack_with_ceiling(tmp_path, 17_000_000_000))
    assert regime_on(day, registry=first).one_step_design_max == Decimal(16_000_000_000)
    assert regime_on(day, registry=second).one_step_design_max == Decimal(17_000_000_000)
    assert first.at(day).regime.one_step_design_max == Decimal(16_000_000_000)
    assert regime_on(day) is shipped  # the shipped one is kept, and unchanged
    assert regime_on(day).one_step_design_max == Decimal(15_000_000_000)


def test_the_regime_is_kept_per_date_and_override() -> None:
    a = regime_on("2026-08-01")
    assert regime_on(dt.date(2026, 8, 1)) is a
    kept = regime_on("2026-08-01", override="nd45_2026")
    assert kept is not a and kept.id == "nd45_2026" and kept.in_force_id == "nd224_2026"
    assert regime_on("2026-08-01", override="nd224_2026") == a  # the override is the regime
    assert a.in_force_id == a.id == "nd224_2026" and not a.overridden
    with pytest.raises(ictcost.InputError):
        regime_on("2026-01-15", override="nd224_2026")  # refusals are never kept
    with pytest.raises(ictcost.InputError):
        regime_on("2026-01-15", override="nd224_2026")


def test_the_regime_cache_does_not_keep_a_registry_alive(tmp_path: Path) -> None:
    reg = NormRegistry.shipped().with_pack(_pack_with_ceiling(tmp_path, 16_000_000_000))
    regime_on("2026-01-15", registry=reg)
    ref = weakref.ref(reg)
    del reg
    gc.collect()
    assert ref() is None


def test_a_copied_pack_folder_reads_like_the_shipped_one(tmp_path: Path) -> None:
    copy = tmp_path / "norms"
    shutil.copytree(shipped_norms_dir(), copy)
    reg = NormRegistry({}).with_pack(copy)
    day = dt.date(2026, 1, 15)
    mine, shipped = regime_on(day, registry=reg), regime_on(day)
    assert mine is not shipped
    assert (mine.id, mine.one_step_design_max) == (shipped.id, shipped.one_step_design_max)
    assert reg.at(day).number("qd1688-1b", "7", "ktkt") == Decimal("1.855")


def test_the_rule_registry_is_complete_however_it_is_reached() -> None:
    """``import ictcost.checks`` is light; the registry fills itself when first read."""
    direct = _run(
        "import json\nfrom ictcost.checks.rules import RULES\nprint(json.dumps(len(RULES)))"
    )
    via_package = _run("import json, ictcost\nprint(json.dumps(len(ictcost.RULES)))")
    assert direct == via_package >= 49
    light = _run(
        "import json, sys, ictcost.config, ictcost.checks\n"
        "print(json.dumps('ictcost.checks.engine' in sys.modules))"
    )
    assert light is False
