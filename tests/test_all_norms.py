"""Every shipped norm file: it loads, its id is its file name, every value is cited and exact."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import ictcost
from ictcost.norms import (
    Kind,
    NormRegistry,
    NormTable,
    Value,
    load_table,
    shipped_norms_dir,
    validate_norms,
)
from ictcost.norms.loader import iter_norm_files
from ictcost.norms.models import CONFIDENCE_PATTERN

ROOT = Path(__file__).resolve().parents[1]
NORMS = shipped_norms_dir()
FILES = iter_norm_files(NORMS)

all_norms = pytest.mark.parametrize(
    "path", FILES, ids=[p.relative_to(NORMS).as_posix() for p in FILES]
)


def _cells(table: NormTable) -> list[tuple[str, Value]]:
    out = []
    for vi, version in enumerate(table.versions):
        for side, value in (version.range_policy or {}).items():
            out.append((f"versions[{vi}].range_policy.{side}", value))
        for row in version.rows:
            for column, value in row.values.items():
                out.append((f"versions[{vi}].rows[{row.name}].{column}", value))
    return out


def test_the_pack_is_not_empty() -> None:
    assert len(FILES) >= 17  # the sixteen QĐ 1688 rate tables and the regimes, at least
    assert NORMS / "vn" / "qd1688" / "qd1688-1b.yaml" in FILES
    assert NORMS / "vn" / "regimes" / "regimes.yaml" in FILES
    assert not [p for p in FILES if "schema" in p.relative_to(NORMS).parts]


@all_norms
def test_norm_file_loads_and_is_cited(path: Path) -> None:
    table = load_table(path)
    assert table.id == path.stem
    assert table.sources
    assert table.last_verified <= dt.date.today()
    cells = _cells(table)
    assert cells, f"{path.stem} has no value"
    for where, value in cells:
        assert value.source, f"{path.stem} {where}: no source"
        assert set(value.source) <= set(table.sources), where
        assert re.fullmatch(CONFIDENCE_PATTERN, value.confidence), where
        for alternative in value.alternatives:
            assert alternative.source, f"{path.stem} {where}: an alternative without source"
            assert set(alternative.source) <= set(table.sources), where
        assert bool(value.alternatives) == (value.confidence == "disputed"), where
        if value.confidence == "inferred":
            assert value.note, where


@all_norms
def test_numbers_are_decimals_written_as_in_the_file(path: Path) -> None:
    table = load_table(path)
    text = path.read_text(encoding="utf-8")
    numbers = [
        v
        for _, cell in _cells(table)
        for v in (cell.value, *(alt.value for alt in cell.alternatives))
        if not isinstance(v, (bool, str, dt.date, tuple)) and v is not None
    ]
    for version in table.versions:
        numbers.extend(row.at for row in version.rows if row.at is not None)
        if table.kind is Kind.RATE_TABLE:
            assert all(
                type(row.values[c].value) is Decimal for row in version.rows for c in row.values
            )
    for number in numbers:
        assert type(number) is Decimal, (path.stem, number)
        # the digits are kept exactly as written, trailing zeros included
        assert re.search(rf"(value|at): {re.escape(str(number))}\b", text), (path.stem, number)


def test_the_shipped_pack_validates() -> None:
    assert validate_norms(NORMS) == []


def test_the_registry_holds_every_file() -> None:
    assert sorted(NormRegistry.shipped()) == sorted(p.stem for p in FILES)


def test_wheel_config_maps_the_norms_folder_into_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    targets = config["tool"]["hatch"]["build"]["targets"]
    assert targets["wheel"]["force-include"] == {"norms": "ictcost/_norms"}
    assert targets["wheel"]["packages"] == ["src/ictcost"]
    assert "norms" in targets["sdist"]["include"]


def test_source_checkout_reads_the_repository_norms() -> None:
    packaged = Path(ictcost.__file__).parent / "_norms"
    if packaged.is_dir():
        assert packaged == NORMS  # installed from a wheel
    else:
        assert ROOT / "norms" == NORMS


def test_built_wheel_ships_every_norm_file(tmp_path: Path) -> None:
    wheel_builder = pytest.importorskip("hatchling.builders.wheel")
    (wheel,) = wheel_builder.WheelBuilder(str(ROOT)).build(
        directory=str(tmp_path), versions=["standard"]
    )
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "ictcost/py.typed" in names
    for path in FILES:
        assert f"ictcost/_norms/{path.relative_to(NORMS).as_posix()}" in names
    packaged = tmp_path / "site" / "ictcost" / "_norms"
    assert [p.relative_to(packaged) for p in iter_norm_files(packaged)] == [
        p.relative_to(NORMS) for p in FILES
    ]
    assert validate_norms(packaged) == []
