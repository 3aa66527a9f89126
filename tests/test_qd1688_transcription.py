"""Compare the shipped QĐ 1688 norm data with an independent second transcription.

The CSV files under ``tests/data/`` were typed by a second person straight from
``shared/reference/norms-and-regimes.md`` §1.3 (tables 1 to 8) and §1.6 (K coefficients), without
looking at the YAML files. Every CSV cell must be shipped with exactly the same digits (trailing
zeros included), and every numeric cell shipped must be in the CSV (nothing extra is shipped).
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ictcost.norms import InForce, NormRegistry

DATA = Path(__file__).parent / "data"
ON = dt.date(2026, 1, 15)
K_TABLE = "qd1688-k-coefficients"

A_BREAKPOINTS = ["7", "15", "20", "30", "50", "100", "150", "200", "500", "1000"]
B_BREAKPOINTS = A_BREAKPOINTS[:8]
KTKT_TABLES = {"1b", "2b"}
KTKT_BREAKPOINTS = ["7", "15"]
K_CONDITIONS = {"island", "multi_province", "high_equipment_share", "renovation", "typical_design"}

# Reference §1.3 marks: only these two cells are confirmed by a second, independent source (S5);
# every other rate and K value rests on the one calculator (S4) and is "single".
SECONDARY_2 = {("1b", "ktkt", "7"): "1.855", ("2b", "ktkt", "7"): "3.640"}


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


RATES = _read("qd1688_rates.csv")
K_CELLS = _read("qd1688_k_coefficients.csv")
DISPUTED = _read("qd1688_disputed.csv")
TABLES = sorted({r["table"] for r in RATES})
DISPUTED_KEYS = {(d["item"], d["condition"]) for d in DISPUTED}


def _in_force(table_id: str) -> InForce:
    return NormRegistry.shipped().get(table_id, on=ON)


def _rate_table(table: str) -> InForce:
    return _in_force(f"qd1688-{table}")


def _expected_breakpoints(table: str) -> list[str]:
    return A_BREAKPOINTS if table.endswith("a") else B_BREAKPOINTS


def _assert_exact(got: object, text: str) -> None:
    assert isinstance(got, Decimal), f"expected a number, got {got!r}"
    assert got == Decimal(text), f"shipped {got} != transcribed {text}"
    assert str(got) == text, f"shipped {got} is written differently from transcribed {text}"


# --- the transcription itself is well formed ---------------------------------------------------


def test_csv_rates_cover_every_table_and_breakpoint() -> None:
    expected = {f"{n}a" for n in range(1, 9)} | {f"{n}b" for n in range(1, 9) if n != 7}
    assert set(TABLES) == expected
    for table in TABLES:
        project = [
            r["breakpoint"] for r in RATES if r["table"] == table and r["column"] == "project"
        ]
        assert project == _expected_breakpoints(table), table
        ktkt = [r["breakpoint"] for r in RATES if r["table"] == table and r["column"] == "ktkt"]
        assert ktkt == (KTKT_BREAKPOINTS if table in KTKT_TABLES else []), table
    assert {r["column"] for r in RATES} == {"project", "ktkt"}
    assert len(RATES) == 8 * 10 + 7 * 8 + 2 * 2


def test_csv_cells_are_unique() -> None:
    rate_keys = [(r["table"], r["column"], r["breakpoint"]) for r in RATES]
    assert len(rate_keys) == len(set(rate_keys))
    k_keys = [(k["item"], k["condition"]) for k in K_CELLS]
    assert len(k_keys) == len(set(k_keys))
    assert {k["condition"] for k in K_CELLS} == K_CONDITIONS
    assert DISPUTED_KEYS <= set(k_keys)


# --- CSV → shipped: every transcribed cell is shipped with the same digits ----------------------


@pytest.mark.parametrize(
    "row", RATES, ids=[f"{r['table']}-{r['breakpoint']}-{r['column']}" for r in RATES]
)
def test_rate_cell(row: dict[str, str]) -> None:
    inforce = _rate_table(row["table"])
    assert inforce.has(row["breakpoint"], row["column"]), "cell not shipped"
    _assert_exact(inforce.value(row["breakpoint"], row["column"]).value, row["rate"])


@pytest.mark.parametrize("row", K_CELLS, ids=[f"{k['item']}-{k['condition']}" for k in K_CELLS])
def test_k_cell(row: dict[str, str]) -> None:
    inforce = _in_force(K_TABLE)
    assert inforce.has(row["item"], row["condition"]), "cell not shipped"
    _assert_exact(inforce.value(row["item"], row["condition"]).value, row["value"])


# --- shipped → CSV: nothing is shipped that the transcription does not have --------------------


@pytest.mark.parametrize("table", TABLES)
def test_rate_table_breakpoints(table: str) -> None:
    rows = _rate_table(table).version.rows
    assert [r.at for r in rows] == [Decimal(b) for b in _expected_breakpoints(table)]


@pytest.mark.parametrize("table", TABLES)
def test_no_extra_rate_cells(table: str) -> None:
    transcribed = {(r["column"], Decimal(r["breakpoint"])) for r in RATES if r["table"] == table}
    extra = [
        f"{col}@{row.at}={cell.value}"
        for row in _rate_table(table).version.rows
        for col, cell in row.values.items()
        if isinstance(cell.value, Decimal) and (col, row.at) not in transcribed
    ]
    assert extra == []


def test_no_extra_k_cells() -> None:
    transcribed = {(k["item"], k["condition"]) for k in K_CELLS}
    extra = [
        f"{row.name}/{col}={cell.value}"
        for row in _in_force(K_TABLE).version.rows
        for col, cell in row.values.items()
        if isinstance(cell.value, Decimal) and (row.name, col) not in transcribed
    ]
    assert extra == []


# --- confidence marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text"), list(SECONDARY_2.items()), ids=["-".join(k) for k in SECONDARY_2]
)
def test_ktkt_cells_confirmed_by_two_sources(key: tuple[str, str, str], text: str) -> None:
    table, column, at = key
    cell = _rate_table(table).value(at, column)
    _assert_exact(cell.value, text)
    assert cell.confidence == "secondary-2"


@pytest.mark.parametrize("table", TABLES)
def test_other_rate_cells_are_single_source(table: str) -> None:
    inforce = _rate_table(table)
    wrong = [
        f"{r['column']}@{r['breakpoint']}: {conf}"
        for r in RATES
        if r["table"] == table
        and (table, r["column"], r["breakpoint"]) not in SECONDARY_2
        and inforce.has(r["breakpoint"], r["column"])
        and (conf := inforce.value(r["breakpoint"], r["column"]).confidence) != "single"
    ]
    assert wrong == []


def test_undisputed_k_cells_are_single_source() -> None:
    inforce = _in_force(K_TABLE)
    wrong = [
        f"{k['item']}/{k['condition']}: {conf}"
        for k in K_CELLS
        if (k["item"], k["condition"]) not in DISPUTED_KEYS
        and inforce.has(k["item"], k["condition"])
        and (conf := inforce.value(k["item"], k["condition"]).confidence) != "single"
    ]
    assert wrong == []


@pytest.mark.parametrize("row", DISPUTED, ids=[f"{d['item']}-{d['condition']}" for d in DISPUTED])
def test_disputed_k_cell(row: dict[str, str]) -> None:
    cell = _in_force(K_TABLE).value(row["item"], row["condition"])
    assert cell.confidence == "disputed"
    _assert_exact(cell.value, row["default"])
    assert len(cell.alternatives) == 1
    _assert_exact(cell.alternatives[0].value, row["alternative"])
