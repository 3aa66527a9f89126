"""Compare the shipped use-case-point (UCP) norm data with an independent second transcription.

``tests/data/ucp_reference.csv`` was typed by a second person straight from
``shared/reference/software-cost-ucp.md`` §2.1-§2.10 and §10, without looking at the YAML files
under ``norms/vn/ucp/``. The reference finds every QĐ 671 number equal to the CV 2589 one (§10), so
the same CSV is checked against both versions:

* 2020-06-01, in force under Công văn 2589/BTTTT-ƯDCNTT (24/08/2011 to 25/04/2024);
* 2025-06-01, in force under QĐ 671/QĐ-BTTTT (from 26/04/2024).

Numbers are compared as ``Decimal`` values (``1.0 == 1``), words as text. Every cell shipped must be
in the CSV, with three exceptions, each checked on its own:

* the QĐ 671-only rule "re-examine a use case of more than 12 transactions" (``ucp-constants`` row
  ``split_review_transactions``);
* open bounds: the CSV omits a bound that does not exist (no ``max_transactions`` for a complex use
  case, no ``above`` for the first stability band, ...); the shipped table may hold it as ``null``,
  and only there;
* the ``meaning`` of B/M/T (``ucp-bmt``), a word that differs by version (reference §2.4), so it is
  transcribed here per date rather than in the date-free CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from ictcost import NormNotFoundError, NormRegistry

DATA = Path(__file__).parent / "data"

CV2589_DAY = dt.date(2020, 6, 1)
QD671_DAY = dt.date(2025, 6, 1)
DAYS = [CV2589_DAY, QD671_DAY]

CV2589_BASIS = "CV 2589/BTTTT-ƯDCNTT"
QD671_BASIS = "QĐ 671/QĐ-BTTTT"

TABLES = [
    "ucp-actor-weights",
    "ucp-use-case-weights",
    "ucp-bmt",
    "ucp-technical-factors",
    "ucp-environmental-factors",
    "ucp-experience-stability",
    "ucp-productivity",
    "ucp-constants",
]

QD671_ONLY = ("ucp-constants", "split_review_transactions", "value")
QD671_ONLY_VALUE = Decimal(12)

# Bounds the CSV omits because they do not exist; a shipped ``null`` is allowed here and only here.
OPEN_BOUNDS = {
    ("ucp-use-case-weights", "complex", "max_transactions"),
    ("ucp-experience-stability", "band_1", "above"),
    ("ucp-experience-stability", "band_5", "up_to"),
    ("ucp-productivity", "low_stability", "es_from"),
    ("ucp-productivity", "high_stability", "es_below"),
}

# Reference §2.4: "Mức độ cần thiết" under CV 2589, the new meanings under QĐ 671 (skill docs S11,
# S12; contradiction X-1 with S13). Transcribed per version; the coefficients are in the CSV.
BMT_MEANINGS = {
    CV2589_DAY: {"B": "Bắt buộc", "M": "Mong muốn", "T": "Tùy chọn"},
    QD671_DAY: {"B": "Nghiệp vụ", "M": "Liên thông", "T": "Công nghệ cao"},
}
BMT_MEANING_CELLS = [
    (day, row, word) for day, meanings in BMT_MEANINGS.items() for row, word in meanings.items()
]

# (date, expected basis) at the edges of the two periods: CV 2589 signed 24/08/2011, QĐ 671 in
# force from signing, 26/04/2024 (reference §1 rows 3 and 9, §10).
BOUNDARIES = [
    (dt.date(2011, 8, 24), CV2589_BASIS),
    (dt.date(2024, 4, 25), CV2589_BASIS),
    (dt.date(2024, 4, 26), QD671_BASIS),
]
BEFORE_CV2589 = dt.date(2011, 8, 23)


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


CELLS = _read("ucp_reference.csv")
CELL_KEYS = {(c["table"], c["row"], c["column"]) for c in CELLS}


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _shipped(table: str, on: dt.date):
    return NormRegistry.shipped().get(table, on=on)


def _cell_id(day: dt.date, cell: dict[str, str]) -> str:
    return f"{day.isoformat()}-{cell['table']}-{cell['row']}-{cell['column']}"


def _shipped_cells(table: str, on: dt.date) -> list[tuple[str, str, object]]:
    return [
        (row.name, column, value.value)
        for row in _shipped(table, on).version.rows
        for column, value in row.values.items()
    ]


# --- the transcription itself is well formed ---------------------------------------------------


def test_csv_header_and_tables() -> None:
    with (DATA / "ucp_reference.csv").open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == ["table", "row", "column", "value"]
    assert [t for t in TABLES if t not in {c["table"] for c in CELLS}] == []
    assert {c["table"] for c in CELLS} == set(TABLES)


def test_csv_cells_are_unique() -> None:
    keys = [(c["table"], c["row"], c["column"]) for c in CELLS]
    assert len(keys) == len(set(keys))
    assert QD671_ONLY not in CELL_KEYS


def test_csv_row_keys() -> None:
    def rows(table: str) -> list[str]:
        return list(dict.fromkeys(c["row"] for c in CELLS if c["table"] == table))

    assert rows("ucp-actor-weights") == ["simple", "average", "complex"]
    assert rows("ucp-use-case-weights") == ["simple", "average", "complex"]
    assert rows("ucp-bmt") == ["B", "M", "T"]
    assert rows("ucp-technical-factors") == [f"T{i}" for i in range(1, 14)]
    assert rows("ucp-environmental-factors") == [f"E{i}" for i in range(1, 9)]
    assert rows("ucp-experience-stability") == [f"band_{i}" for i in range(1, 6)]
    assert rows("ucp-productivity") == ["low_stability", "medium_stability", "high_stability"]
    assert len(rows("ucp-constants")) == 9
    assert len(CELLS) == 69


# --- CSV → shipped: every transcribed cell is shipped with the same value ----------------------


@pytest.mark.parametrize(
    ("day", "cell"),
    [(day, cell) for day in DAYS for cell in CELLS],
    ids=[_cell_id(day, cell) for day in DAYS for cell in CELLS],
)
def test_cell(day: dt.date, cell: dict[str, str]) -> None:
    inforce = _shipped(cell["table"], day)
    assert inforce.has(cell["row"], cell["column"]), "cell not shipped"
    got = inforce.value(cell["row"], cell["column"]).value
    expected = _number(cell["value"])
    if expected is None:
        assert isinstance(got, str), f"expected the word {cell['value']!r}, got {got!r}"
        assert got == cell["value"]
    else:
        assert isinstance(got, Decimal), f"expected a number, got {got!r}"
        assert got == expected, f"shipped {got} != transcribed {cell['value']}"


# --- shipped → CSV: nothing is shipped that the transcription does not have --------------------


@pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
@pytest.mark.parametrize("table", TABLES)
def test_no_extra_cells(table: str, day: dt.date) -> None:
    extra = [
        f"{row}/{column}={value!r}"
        for row, column, value in _shipped_cells(table, day)
        if (table, row, column) not in CELL_KEYS
        and (table, row, column) != QD671_ONLY
        and not (value is None and (table, row, column) in OPEN_BOUNDS)
        and not (table == "ucp-bmt" and column == "meaning")
    ]
    assert extra == []


@pytest.mark.parametrize("day", DAYS, ids=[d.isoformat() for d in DAYS])
@pytest.mark.parametrize("table", TABLES)
def test_nulls_only_at_open_bounds(table: str, day: dt.date) -> None:
    nulls = {
        (table, row, column) for row, column, value in _shipped_cells(table, day) if value is None
    }
    assert nulls <= OPEN_BOUNDS


@pytest.mark.parametrize(
    ("day", "row", "word"),
    BMT_MEANING_CELLS,
    ids=[f"{d.isoformat()}-{r}" for d, r, _ in BMT_MEANING_CELLS],
)
def test_bmt_meaning(day: dt.date, row: str, word: str) -> None:
    inforce = _shipped("ucp-bmt", day)
    assert inforce.has(row, "meaning"), "meaning not shipped"
    assert inforce.value(row, "meaning").value == word


def test_split_review_transactions_under_qd671() -> None:
    table, row, column = QD671_ONLY
    inforce = _shipped(table, QD671_DAY)
    assert inforce.has(row, column)
    got = inforce.value(row, column).value
    assert isinstance(got, Decimal)
    assert got == QD671_ONLY_VALUE


def test_no_split_review_transactions_under_cv2589() -> None:
    table, row, _ = QD671_ONLY
    assert row not in [r.name for r in _shipped(table, CV2589_DAY).version.rows]


# --- the two periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "basis"), BOUNDARIES, ids=[d.isoformat() for d, _ in BOUNDARIES])
@pytest.mark.parametrize("table", TABLES)
def test_version_basis(table: str, day: dt.date, basis: str) -> None:
    assert _shipped(table, day).version.basis == basis


@pytest.mark.parametrize("table", TABLES)
def test_nothing_before_cv2589(table: str) -> None:
    with pytest.raises(NormNotFoundError):
        _shipped(table, BEFORE_CV2589)
