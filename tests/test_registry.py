"""The dated registry: "in force on a date" lookups, not-found errors, user packs, properties."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import (
    Interval,
    dates_near,
    edge_dates,
    norm_tables,
    tables_with_intervals,
)

from ictcost.errors import DuplicateNormError, InputError, NormNotFoundError
from ictcost.norms import NormRegistry, NormTable, shipped_norms_dir
from ictcost.norms.registry import SHIPPED, CitedValue, Origin, as_date
from ictcost.norms.view import NormView

ON = dt.date(2026, 1, 15)

ONE_DAY = dt.timedelta(days=1)

# The regimes table, written out from the decrees (not derived from the YAML file).
REGIMES = [
    (dt.date(2020, 1, 1), dt.date(2026, 2, 28), "nd73_2019"),
    (dt.date(2026, 3, 1), dt.date(2026, 6, 30), "nd45_2026"),
    (dt.date(2026, 7, 1), None, "nd224_2026"),
]

# Other multi-version tables: tested from their own declared periods when the file ships.
OPTIONAL_DATED = ["vat-rates", "base-salary", "direct-appointment-limits", "contingency"]


@pytest.fixture(scope="module")
def reg() -> NormRegistry:
    return NormRegistry.shipped()


def _shipped_file(table_id: str) -> Path | None:
    found = sorted(shipped_norms_dir().rglob(f"{table_id}.yaml"))
    return found[0] if found else None


def _regime_on(reg: NormRegistry, on: dt.date | str) -> str:
    value = reg.get("regimes", on=on).value("regime", "value").value
    assert isinstance(value, str)
    return value


# --- regimes: inside, on both boundaries (inclusive), before everything --------------------------


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2020, 1, 1), "nd73_2019"),  # valid_from of the first version
        (dt.date(2023, 6, 15), "nd73_2019"),  # inside
        (dt.date(2026, 2, 28), "nd73_2019"),  # valid_to, inclusive
        (dt.date(2026, 3, 1), "nd45_2026"),  # valid_from of the second version
        (dt.date(2026, 5, 1), "nd45_2026"),
        (dt.date(2026, 6, 30), "nd45_2026"),  # valid_to, inclusive
        (dt.date(2026, 7, 1), "nd224_2026"),  # open-ended version
        (dt.date(2099, 12, 31), "nd224_2026"),
    ],
)
def test_regimes_version_on_each_boundary(reg: NormRegistry, on: dt.date, expected: str) -> None:
    assert _regime_on(reg, on) == expected


def test_regimes_periods_are_the_decreed_ones(reg: NormRegistry) -> None:
    table = reg.table("regimes")
    assert [(v.valid_from, v.valid_to) for v in table.versions] == [(f, t) for f, t, _ in REGIMES]
    assert [v.period for v in table.versions] == [
        "2020-01-01 → 2026-02-28",
        "2026-03-01 → 2026-06-30",
        "2026-07-01 → open",
    ]


def test_in_force_returns_the_version_object_and_date(reg: NormRegistry) -> None:
    got = reg.get("regimes", on=dt.date(2026, 3, 1))
    assert got.version is reg.table("regimes").versions[1]
    assert got.table is reg.table("regimes")
    assert got.on == dt.date(2026, 3, 1)
    assert got.origin.is_shipped
    assert not got.origin.is_override


def test_date_before_every_version_lists_the_periods(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.get("regimes", on=dt.date(2019, 12, 31))
    err = info.value
    assert type(err) is NormNotFoundError
    assert err.code == "norm-version-not-found"
    assert "table regimes has no version in force on 2019-12-31" in err.message
    assert "2020-01-01 → 2026-02-28; 2026-03-01 → 2026-06-30; 2026-07-01 → open" in err.message
    assert err.context == {"table_id": "regimes", "on": "2019-12-31"}
    assert isinstance(err, LookupError)


# --- the other dated tables (all shipped) ---------------------------------------------------------


@pytest.mark.parametrize("table_id", OPTIONAL_DATED)
def test_dated_table_boundaries(reg: NormRegistry, table_id: str) -> None:
    assert _shipped_file(table_id) is not None, f"{table_id}.yaml is not shipped"
    table = reg.table(table_id)
    versions = table.versions
    first = versions[0].valid_from
    with pytest.raises(NormNotFoundError) as info:
        reg.get(table_id, on=first - ONE_DAY)
    assert info.value.code == "norm-version-not-found"
    for i, version in enumerate(versions):
        probes = [version.valid_from]
        if version.valid_to is not None:
            probes += [
                version.valid_to,
                version.valid_from + (version.valid_to - version.valid_from) / 2,
            ]
        else:
            probes.append(version.valid_from + dt.timedelta(days=3650))
        for day in probes:
            assert reg.get(table_id, on=day).version is version, (table_id, i, day)
        if version.valid_to is None:
            continue
        after = version.valid_to + ONE_DAY
        if i + 1 < len(versions) and versions[i + 1].valid_from == after:
            assert reg.get(table_id, on=after).version is versions[i + 1]
        elif i + 1 == len(versions) or versions[i + 1].valid_from > after:
            with pytest.raises(NormNotFoundError):
                reg.get(table_id, on=after)


# --- ids and dates --------------------------------------------------------------------------------


def test_unknown_id_suggests_a_close_one(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.get("qd1688-1c", on=dt.date(2026, 1, 15))
    err = info.value
    assert err.code == "norm-not-found"
    assert err.message == "no norm table with id 'qd1688-1c'"
    assert err.hint is not None
    assert err.hint.startswith("did you mean qd1688-1")
    assert "qd1688-1b" in err.hint
    assert "How to fix: did you mean qd1688-1" in str(err)
    assert err.context == {"table_id": "qd1688-1c"}


def test_unknown_id_without_close_match_points_to_the_list(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.table("zzzzzzzz")
    assert info.value.hint == "`ictcost norms list` shows every table id"


def test_on_as_iso_string(reg: NormRegistry) -> None:
    assert _regime_on(reg, "2026-06-30") == "nd45_2026"
    assert reg.get("regimes", on="2026-07-01").on == dt.date(2026, 7, 1)


def test_on_as_datetime_uses_its_date(reg: NormRegistry) -> None:
    got = reg.get("regimes", on=dt.datetime(2026, 2, 28, 23, 59))  # type: ignore[arg-type]
    assert got.on == dt.date(2026, 2, 28)
    assert got.version.valid_to == dt.date(2026, 2, 28)


@pytest.mark.parametrize("bad", ["15/01/2026", "2026-02-30", "", "tomorrow", 20260115, None])
def test_bad_on_is_an_input_date_error(reg: NormRegistry, bad: object) -> None:
    with pytest.raises(InputError) as info:
        reg.get("regimes", on=bad)  # type: ignore[arg-type]
    err = info.value
    assert type(err) is InputError
    assert err.code == "input-date"
    assert err.field == "on"
    assert f"'on' must be a date (YYYY-MM-DD) (got {bad!r})" in err.message


def test_bad_on_in_in_force(reg: NormRegistry) -> None:
    with pytest.raises(InputError) as info:
        reg.in_force("2026/01/15")
    assert info.value.code == "input-date"


# --- values ---------------------------------------------------------------------------------------


def test_value_of_a_rate_row_by_breakpoint_text(reg: NormRegistry) -> None:
    cell = reg.get("qd1688-1b", on="2026-01-15").value("7", "project")
    assert cell.value == Decimal("2.809")
    assert str(cell.value) == "2.809"
    assert cell.number == Decimal("2.809")
    assert (cell.table_id, cell.row, cell.column) == ("qd1688-1b", "7", "project")
    assert cell.ref == "qd1688-1b/7/project"
    assert cell.chosen_alternative is None
    assert cell.citation() == ("1688/QĐ-BTTTT, qd1688-1b row 7 column project = 2.809 [single: S4]")


def test_value_row_found_by_equal_number(reg: NormRegistry) -> None:
    in_force = reg.get("qd1688-1b", on="2026-01-15")
    assert in_force.value("7.0", "project").row == "7"
    assert in_force.has("15", "ktkt")
    assert not in_force.has("20", "ktkt")
    assert not in_force.has("21", "project")


def test_row_is_found_by_key_or_breakpoint(reg: NormRegistry) -> None:
    inforce = reg.get("qd1688-1b", dt.date(2026, 1, 15))
    row = inforce.row("7.0")
    assert row.at == Decimal(7)
    assert inforce.row("7") is row
    # a row object of the version is accepted as it is
    assert inforce.value(row, "ktkt") == inforce.value("7", "ktkt")
    with pytest.raises(NormNotFoundError) as exc:
        inforce.row("8")
    assert exc.value.code == "norm-value-not-found"


def test_as_date_is_the_registry_coercion() -> None:
    assert as_date("2026-01-15") == dt.date(2026, 1, 15)
    assert as_date(dt.datetime(2026, 1, 15, 9, 30)) == dt.date(2026, 1, 15)
    with pytest.raises(InputError) as exc:
        as_date("15/01/2026", "date")
    assert exc.value.code == "input-date"
    assert exc.value.field == "date"


def test_at_gives_the_view_of_a_date(reg: NormRegistry) -> None:
    view = reg.at("2026-01-15", alternatives={"a/b/c": 0}, regime_override="nd73_2019")
    assert isinstance(view, NormView)
    assert (view.registry, view.on, view.regime_override) == (
        reg,
        dt.date(2026, 1, 15),
        "nd73_2019",
    )
    assert view.alternatives == {"a/b/c": 0}
    assert view.table("qd1688-1b") == reg.get("qd1688-1b", "2026-01-15")
    assert NormRegistry.view_type is NormView
    with pytest.raises(InputError):
        reg.at("2026-13-01")


def test_every_cited_value_reads_back_from_its_json(reg: NormRegistry) -> None:
    # JSON has no decimal or date: the type written beside each value brings it back
    for tid in reg:
        for version in reg[tid].versions:
            inforce = reg.get(tid, version.valid_from)
            for row in inforce.rows():
                for column in row.values:
                    cell = inforce.value(row, column)
                    assert CitedValue.model_validate_json(cell.model_dump_json()) == cell
    cell = reg.get("qd1688-k-coefficients", ON).value("lap_bao_cao_ktkt", "island", alternative=0)
    data = cell.model_dump(mode="json")
    assert (data["value"], data["value_type"], data["alternative_types"]) == (
        "1.20",
        "decimal",
        ["decimal"],
    )
    assert CitedValue.model_validate(data) == cell


def test_missing_row(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.get("qd1688-1b", on="2026-01-15").value("8", "project")
    err = info.value
    assert err.code == "norm-value-not-found"
    assert "table qd1688-1b (2019-10-11 → open) has no row '8'" in err.message
    assert err.hint is not None
    assert err.hint.startswith("rows are: 7, 15, 20")


def test_missing_column(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.get("qd1688-1b", on="2026-01-15").value("20", "ktkt")
    err = info.value
    assert err.code == "norm-value-not-found"
    assert err.message == "table qd1688-1b row '20' has no value in column 'ktkt'"
    assert err.hint == "columns with a value in this row: project"


def _first_disputed(reg: NormRegistry) -> tuple[str, str, str, int]:
    on = dt.date(2026, 1, 15)
    for table_id in reg.in_force(on):
        version = reg.get(table_id, on=on).version
        for row in version.rows:
            for column, cell in row.values.items():
                if cell.confidence == "disputed":
                    return table_id, row.name, column, len(cell.alternatives)
    pytest.fail("the shipped pack has no disputed value in force on 2026-01-15")


def test_alternative_of_a_disputed_value(reg: NormRegistry) -> None:
    table_id, row, column, count = _first_disputed(reg)
    in_force = reg.get(table_id, on="2026-01-15")
    default = in_force.value(row, column)
    assert default.confidence == "disputed"
    assert len(default.alternatives) == count
    chosen = in_force.value(row, column, alternative=0)
    assert chosen.value == default.alternatives[0].value
    assert tuple(sid for sid, _ in chosen.sources) == default.alternatives[0].source
    assert chosen.chosen_alternative == 0
    assert "(alternative 0 of a disputed value)" in chosen.citation()


@pytest.mark.parametrize("index", [-1, "count"])
def test_alternative_out_of_range(reg: NormRegistry, index: int | str) -> None:
    table_id, row, column, count = _first_disputed(reg)
    bad = count if index == "count" else index
    with pytest.raises(InputError) as info:
        reg.get(table_id, on="2026-01-15").value(row, column, alternative=bad)  # type: ignore[arg-type]
    err = info.value
    assert type(err) is InputError
    assert err.code == "alternative-invalid"
    assert err.field == f"{table_id}/{row}/{column}"
    assert f"has {count} alternative(s); alternative {bad} does not exist" in err.message


def test_alternative_on_an_undisputed_value(reg: NormRegistry) -> None:
    with pytest.raises(InputError) as info:
        reg.get("qd1688-1b", on="2026-01-15").value("7", "project", alternative=0)
    assert info.value.code == "alternative-invalid"
    assert "qd1688-1b/7/project has 0 alternative(s)" in info.value.message


# --- in_force and the mapping protocol ------------------------------------------------------------


def test_in_force_lists_ids(reg: NormRegistry) -> None:
    before_regimes = reg.in_force(dt.date(2019, 12, 31))
    assert "qd1688-1b" in before_regimes
    assert "regimes" not in before_regimes
    on_first_day = reg.in_force("2020-01-01")
    assert "regimes" in on_first_day
    assert on_first_day == sorted(on_first_day)
    assert set(on_first_day) > set(before_regimes) - {"regimes"}
    assert reg.in_force(dt.date(1900, 1, 1)) == []


def test_registry_iterates_sorted_ids(reg: NormRegistry) -> None:
    ids = list(reg)
    assert ids == sorted(ids)
    assert len(reg) == len(ids)
    assert "qd1688-1b" in reg
    assert "qd1688-1c" not in reg
    assert reg["qd1688-1b"] is reg.table("qd1688-1b")


def test_shipped_is_cached(reg: NormRegistry) -> None:
    assert NormRegistry.shipped() is reg


# --- user packs -----------------------------------------------------------------------------------


def _pack_with_changed_1b(tmp_path: Path) -> Path:
    source = shipped_norms_dir() / "vn" / "qd1688" / "qd1688-1b.yaml"
    text = source.read_text(encoding="utf-8")
    line = "project: {value: 2.809, source: [S4], confidence: single}"
    assert text.count(line) == 1
    pack = tmp_path / "my-pack"
    pack.mkdir()
    (pack / "qd1688-1b.yaml").write_text(
        text.replace(line, "project: {value: 2.900, source: [S4], confidence: single}"),
        encoding="utf-8",
    )
    return pack


def test_user_pack_overrides_a_shipped_table(reg: NormRegistry, tmp_path: Path) -> None:
    pack = _pack_with_changed_1b(tmp_path)
    mine = reg.with_pack(pack, pack_name="my-pack")
    cell = mine.get("qd1688-1b", on="2026-01-15").value("7", "project")
    assert str(cell.value) == "2.900"
    origin = mine.origin("qd1688-1b")
    assert origin.is_override
    assert not origin.is_shipped
    assert origin.pack == "my-pack"
    # paths relative to their pack: a result does not disclose where the files live
    assert origin.path == "qd1688-1b.yaml"
    assert origin.overrides == "ictcost:vn/qd1688/qd1688-1b.yaml"
    assert (shipped_norms_dir() / "vn" / "qd1688" / "qd1688-1b.yaml").is_file()
    assert cell.origin == origin
    assert cell.citation().endswith("(from user pack my-pack)")
    # the other tables still come from the shipped pack
    assert mine.origin("qd1688-1a").is_shipped
    assert len(mine) == len(reg)
    # the shipped registry is unchanged
    shipped_cell = NormRegistry.shipped().get("qd1688-1b", on="2026-01-15").value("7", "project")
    assert shipped_cell.value == Decimal("2.809")
    assert not reg.origin("qd1688-1b").is_override
    assert "user pack" not in shipped_cell.citation()


def test_pack_name_defaults_to_the_directory(reg: NormRegistry, tmp_path: Path) -> None:
    pack = _pack_with_changed_1b(tmp_path)
    mine = reg.with_pack(str(pack))
    assert mine.origin("qd1688-1b").pack == pack.name
    assert (
        f"(from user pack {pack.name})"
        in mine.get("qd1688-1b", "2026-01-15").value("7", "project").citation()
    )


def test_user_pack_adds_a_new_table(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "valid" / "tiny-keyed-table.yaml"
    shutil.copy(fixture, tmp_path / fixture.name)
    mine = NormRegistry.shipped().with_pack(tmp_path, pack_name="extra")
    assert "tiny-keyed-table" in mine
    assert "tiny-keyed-table" not in NormRegistry.shipped()
    origin = mine.origin("tiny-keyed-table")
    assert not origin.is_override
    assert not origin.is_shipped
    cell = mine.get("tiny-keyed-table", on="2024-01-01").value("standard", "rate")
    assert cell.value == Decimal(10)
    assert cell.citation().endswith("(from user pack extra)")


def test_pack_with_two_files_of_one_id(reg: NormRegistry, tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "valid" / "tiny-keyed-table.yaml"
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(fixture, tmp_path / sub / fixture.name)
    with pytest.raises(DuplicateNormError) as info:
        reg.with_pack(tmp_path, pack_name="twice")
    err = info.value
    assert err.code == "norm-duplicate-id"
    assert err.message == "table id 'tiny-keyed-table' is defined twice in pack twice"
    assert [p.file for p in err.problems] == [
        str(tmp_path / "a" / fixture.name),
        str(tmp_path / "b" / fixture.name),
    ]
    assert err.context == {"table_id": "tiny-keyed-table"}


def test_pack_that_is_not_a_directory(reg: NormRegistry, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        reg.with_pack(tmp_path / "missing")
    err = info.value
    assert err.code == "norm-pack-invalid"
    assert err.field == "pack"
    assert err.message == f"norm pack {tmp_path / 'missing'} is not a directory"


def test_empty_pack(reg: NormRegistry, tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "ignored.yaml").write_text("id: ignored\n", encoding="utf-8")
    (tmp_path / "_draft.yaml").write_text("id: _draft\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        reg.with_pack(tmp_path)
    err = info.value
    assert err.code == "norm-pack-invalid"
    assert err.message == f"norm pack {tmp_path} holds no *.yaml file"


# --- properties -----------------------------------------------------------------------------------


def _expected_index(spans: list[Interval], day: dt.date) -> int | None:
    """The oracle: which interval holds ``day`` (inclusive ends), computed without the models."""
    hits = [
        i for i, (start, end) in enumerate(spans) if start <= day and (end is None or day <= end)
    ]
    assert len(hits) <= 1
    return hits[0] if hits else None


@given(data=st.data(), table_and_spans=tables_with_intervals())
def test_version_on_matches_the_intervals(
    data: st.DataObject, table_and_spans: tuple[NormTable, list[Interval]]
) -> None:
    table, spans = table_and_spans
    # every edge (and its neighbours) of every version, plus one drawn date
    days = [*edge_dates(spans), data.draw(dates_near(spans), label="day")]
    for day in days:
        expected = _expected_index(spans, day)
        got = table.version_on(day)
        if expected is None:
            assert got is None, day
        else:
            assert got is table.versions[expected], day
            assert got.rows[0].values["value"].value == Decimal(expected)


@given(table=norm_tables())
def test_generated_table_round_trips_and_is_looked_up(table: NormTable) -> None:
    # model -> python data -> model gives the same table
    again = NormTable.model_validate(table.model_dump())
    assert again == table
    assert again.model_dump() == table.model_dump()
    # and a registry holding it finds each version's first cell on its first day
    reg = NormRegistry({table.id: (table, Origin(pack=SHIPPED, path="generated.yaml"))})
    for version in table.versions:
        got = reg.get(table.id, on=version.valid_from)
        assert got.version is version
        row = version.rows[0]
        column = next(iter(row.values))
        cell = got.value(row.name, column)
        assert cell.value == row.values[column].value
        assert cell.confidence == row.values[column].confidence
        assert [sid for sid, _ in cell.sources] == list(row.values[column].source)


def test_pack_name_does_not_depend_on_how_the_path_is_spelled(
    reg: NormRegistry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reliability review D20: `--pack pack` and `--pack /abs/pack` gave different JSON."""
    pack = _pack_with_changed_1b(tmp_path)
    monkeypatch.chdir(pack.parent)
    names = {
        reg.with_pack(spelling).origin("qd1688-1b").pack
        for spelling in (
            pack,
            str(pack),
            pack.name,
            f"./{pack.name}",
            f"{pack}/",
            f"{pack}/../{pack.name}",
        )
    }
    assert names == {pack.name}
