"""The contract register reader (:func:`ictcost.stages.read_contracts`)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from typer.testing import CliRunner  # noqa: E402

from ictcost.cli import app  # noqa: E402
from ictcost.errors import InputError  # noqa: E402
from ictcost.stages import load_dossier, read_contracts, write_selection_plan_template  # noqa: E402
from ictcost.stages.model import Contract  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CLEAN = load_dossier(ROOT / "examples" / "stages" / "clean.yaml")

HEADERS = [
    "STT",
    "Mã hợp đồng",
    "Số hợp đồng",
    "Gói thầu",
    "Nhà thầu",
    "Mã số thuế",
    "Giá hợp đồng\n(đồng)",
    "Loại hợp đồng",
    "Ngày ký",
    "Ngày kết thúc",
    "Giá trúng thầu",
    "Quyết định KQLCNT",
    "Ngày quyết định KQLCNT",
    "Tạm ứng (%)",
]
TYPES = {"lump_sum": "Trọn gói", "fixed_unit_price": "Theo đơn giá cố định"}


def _clean_rows() -> list[list[Any]]:
    return [
        [
            i,
            c.id,
            c.decision.number,
            c.package,
            c.contractor.name,
            c.contractor.tax_code,
            int(c.value),
            TYPES[c.type],
            c.signed,
            c.end,
            None if c.winning_price is None else int(c.winning_price),
            None if c.result is None else c.result.number,
            None if c.result is None else c.result.date,
            None if c.advance_percent is None else int(c.advance_percent),
        ]
        for i, c in enumerate(CLEAN.contracts, start=1)
    ]


def register(
    path: Path, rows: list[list[Any]] | None = None, headers: list[str] | None = None
) -> Path:
    headers = HEADERS if headers is None else headers
    rows = _clean_rows() if rows is None else rows
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hợp đồng"
    ws["A1"] = "DANH MỤC HỢP ĐỒNG"
    for c, header in enumerate(headers, start=1):
        ws.cell(3, c, header)
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row[: len(headers)], start=1):
            ws.cell(r, c, value)
    ws.cell(4 + len(rows), headers.index("Số hợp đồng") + 1, "Tổng cộng")
    wb.save(path)
    return path


def _problems(exc: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    return {p.file or "": p.message for p in exc.value.problems}


def test_the_clean_contracts_read_back_equal_to_the_yaml_without_items(tmp_path: Path) -> None:
    expected = tuple(c.model_copy(update={"items": (), "services": {}}) for c in CLEAN.contracts)
    assert read_contracts(register(tmp_path / "hd.xlsx")) == expected


def test_the_number_is_the_id_without_an_id_column(tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h != "Mã hợp đồng"]
    rows = [[r[0], *r[2:]] for r in _clean_rows()]
    contracts = read_contracts(register(tmp_path / "hd.xlsx", rows, headers))
    assert [c.id for c in contracts] == [c.decision.number for c in CLEAN.contracts]


@pytest.mark.parametrize(
    ("cell", "fmt", "expected"),
    [
        (20, None, Decimal(20)),
        ("20 %", None, Decimal(20)),
        ("12,5", None, Decimal("12.5")),
        (0.2, "0%", Decimal(20)),
    ],
)
def test_the_advance_level_is_a_percentage(
    tmp_path: Path, cell: object, fmt: str | None, expected: Decimal
) -> None:
    rows = _clean_rows()[1:2]
    rows[0][13] = cell
    path = register(tmp_path / "hd.xlsx", rows)
    if fmt is not None:
        wb = openpyxl.load_workbook(path)
        wb["Hợp đồng"].cell(4, 14).number_format = fmt
        wb.save(path)
    assert read_contracts(path)[0].advance_percent == expected


def test_every_bad_cell_is_named_at_once(tmp_path: Path) -> None:
    rows = _clean_rows()
    rows[0][7] = "Khoán"  # no such contract type
    rows[1][8] = "31/09/2025"  # no such date
    rows[2][6] = "250 triệu"  # not an amount in đồng
    rows[2][13] = "hai mươi"  # not a percentage
    with pytest.raises(InputError) as exc:
        read_contracts(register(tmp_path / "bad.xlsx", rows))
    found = _problems(exc)
    assert set(found) == {"Hợp đồng!H4", "Hợp đồng!I5", "Hợp đồng!G6", "Hợp đồng!N6"}
    assert "unknown contract type" in found["Hợp đồng!H4"]
    assert "not a date" in found["Hợp đồng!I5"]
    assert "not a percentage" in found["Hợp đồng!N6"]


def test_a_contract_listed_twice_names_both_cells(tmp_path: Path) -> None:
    rows = _clean_rows()
    rows[2][1] = rows[0][1]
    with pytest.raises(InputError) as exc:
        read_contracts(register(tmp_path / "twice.xlsx", rows))
    assert "listed twice (first at Hợp đồng!B4)" in _problems(exc)["Hợp đồng!B6"]


def test_a_result_decision_needs_its_date(tmp_path: Path) -> None:
    rows = _clean_rows()
    rows[0][12] = None  # the decision without its date
    rows[1][11] = None  # a date without the decision
    with pytest.raises(InputError) as exc:
        read_contracts(register(tmp_path / "res.xlsx", rows))
    found = _problems(exc)
    assert found["Hợp đồng!M4"] == "required with the decision"
    assert "without the decision's number" in found["Hợp đồng!M5"]


def test_a_required_cell_left_empty_is_named(tmp_path: Path) -> None:
    rows = _clean_rows()
    rows[1][4] = None  # no contractor
    with pytest.raises(InputError) as exc:
        read_contracts(register(tmp_path / "empty.xlsx", rows))
    assert _problems(exc)["Hợp đồng!E5"] == "required: fill in this cell"


def test_a_missing_required_column_and_a_unit_other_than_the_dong(tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h != "Ngày ký"]
    headers[headers.index("Giá hợp đồng\n(đồng)")] = "Giá hợp đồng (triệu đồng)"
    rows = [[*r[:8], *r[9:]] for r in _clean_rows()]
    with pytest.raises(InputError) as exc:
        read_contracts(register(tmp_path / "cols.xlsx", rows, headers))
    found = _problems(exc)
    assert "no column 'Ngày ký'" in found["Hợp đồng!3:3"]
    assert "another unit than the đồng" in found["Hợp đồng!G3"]


def test_a_workbook_without_a_register_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Nothing here"
    wb.save(path)
    with pytest.raises(InputError, match="no table of the contract register"):
        read_contracts(path)


def test_a_date_cell_and_a_text_date_are_the_same(tmp_path: Path) -> None:
    rows = _clean_rows()[:1]
    rows[0][8] = "05/07/2025"
    assert read_contracts(register(tmp_path / "d.xlsx", rows))[0].signed == dt.date(2025, 7, 5)


def test_the_cli_prints_the_contracts_as_the_dossiers_json(tmp_path: Path) -> None:
    """``ictcost stages read-contracts``: the JSON reads back as the contracts; exit 2 without."""
    runner = CliRunner(env={"COLUMNS": "120"})
    r = runner.invoke(app, ["stages", "read-contracts", str(register(tmp_path / "hd.xlsx"))])
    assert r.exit_code == 0, r.output
    read = [Contract.model_validate(c) for c in json.loads(r.stdout)]
    assert read == [c.model_copy(update={"items": (), "services": {}}) for c in CLEAN.contracts]
    blank = write_selection_plan_template(tmp_path / "khlcnt.xlsx")  # no register in it
    r = runner.invoke(app, ["stages", "read-contracts", str(blank)])
    assert r.exit_code == 2
    assert "contract register" in json.loads(r.stdout)["error"]["message"]
