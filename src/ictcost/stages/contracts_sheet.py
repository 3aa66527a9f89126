"""Read a contract register (the contracts signed for the packages) from a workbook.

:func:`read_contracts` reads a simple table — Số hợp đồng, Gói thầu, Nhà thầu, Mã số thuế, Giá
hợp đồng, Loại hợp đồng, Ngày ký, and optionally Mã hợp đồng, Ngày kết thúc, Giá trúng thầu,
Quyết định KQLCNT with its date, Tạm ứng (%) — into :class:`~ictcost.stages.model.Contract`
records, with the same reading as the other stage workbooks (:mod:`ictcost.stages.workbook`,
which re-exports everything here): headers found by their Vietnamese labels whatever their case
and diacritics, amounts in đồng only, contract types as the words of
:data:`~ictcost.stages.selection_plan.CONTRACT_TYPE_WORDS` (Luật Đấu thầu 22/2023/QH15 Điều
64), every problem at its cell ``Sheet!Cell``. The items a contract delivers and a consultant's
services are not in the register: add them to the dossier where the checks need them.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from ictcost.stages._sheet_reader import CONTRACTS, Field, Reader, Table, empty_cell
from ictcost.stages.model import Contract
from ictcost.stages.selection_plan import CONTRACT_TYPE_WORDS

if TYPE_CHECKING:
    import os

__all__ = ["read_contracts"]

_CONTRACT_FIELDS: Final = (
    Field("stt", ("STT", "TT", "Số TT")),
    Field("id", ("Mã hợp đồng",)),
    Field("number", ("Số hợp đồng", "Số hiệu hợp đồng", "Hợp đồng số"), required=True),
    Field("package", ("Gói thầu", "Mã gói thầu"), required=True),
    Field("contractor", ("Nhà thầu", "Tên nhà thầu", "Đơn vị thực hiện"), required=True),
    Field("tax_code", ("Mã số thuế", "MST", "Mã số thuế nhà thầu")),
    Field("value", ("Giá hợp đồng", "Giá trị hợp đồng"), required=True),
    Field("type", ("Loại hợp đồng", "Hình thức hợp đồng"), required=True),
    Field("signed", ("Ngày ký", "Ngày ký hợp đồng"), required=True),
    Field("end", ("Ngày kết thúc", "Ngày hoàn thành", "Ngày kết thúc hợp đồng")),
    Field("winning_price", ("Giá trúng thầu",)),
    Field(
        "result",
        (
            "Quyết định KQLCNT",
            "Quyết định phê duyệt kết quả lựa chọn nhà thầu",
            "Số quyết định KQLCNT",
        ),
    ),
    Field("result_date", ("Ngày quyết định KQLCNT", "Ngày phê duyệt KQLCNT")),
    Field("advance_percent", ("Tạm ứng (%)", "Mức tạm ứng (%)", "Tỷ lệ tạm ứng (%)")),
    Field("note", ("Ghi chú",)),
)
"""The columns of a contract register."""

_CONTRACT_HINT: Final = (
    "correct each cell listed; a contract register has the columns Số hợp đồng, Gói thầu, Nhà "
    "thầu, Giá hợp đồng, Loại hợp đồng, Ngày ký (and optionally Mã hợp đồng, Mã số thuế, Ngày "
    "kết thúc, Giá trúng thầu, Quyết định KQLCNT, Ngày quyết định KQLCNT, Tạm ứng (%))"
)
_REQUIRED: Final = ("number", "package", "contractor", "value", "type", "signed")


def read_contracts(
    path: str | os.PathLike[str], *, sheet: str | None = None
) -> tuple[Contract, ...]:
    """Read a contract register (the contracts signed for the packages) from a workbook.

    Each row is one contract: its number (``Số hợp đồng``, the contract document's number; its
    id in the dossier is ``Mã hợp đồng`` when the register has one, else the number), the
    package it is signed for (the id of the selection plan), the contractor and its tax code,
    the contract value in đồng, its type (one of the eight of Luật Đấu thầu 22/2023/QH15 Điều
    64), the signing date, and when known the end date, the winning price, the decision
    approving the selection result (``Quyết định KQLCNT`` with ``Ngày quyết định KQLCNT``) and
    the advance level the contract sets (``Tạm ứng (%)``: NĐ 254/2025/NĐ-CP Điều 9 k1 a).

    Args:
        path: The ``.xlsx`` workbook.
        sheet: The sheet of the register (``None``: the first sheet that has one).

    Returns:
        The contracts, in the order of the register.

    Raises:
        InputError: the file is not a readable ``.xlsx`` workbook, no sheet holds the register,
            or cells are wrong (every problem at once, each at its cell ``Sheet!Cell``).
        ImportError: openpyxl (the ``excel`` extra) is not installed.
    """
    reader = Reader(Path(path), CONTRACTS)
    table = reader.find(CONTRACTS, _CONTRACT_FIELDS, sheet, "contract register")
    out: list[Contract] = []
    ids: dict[str, str] = {}
    for row in table.rows:
        if reader.is_total(table, row) or reader.empty(table, row, tuple(table.columns)):
            continue
        contract = _contract(reader, table, row, ids)
        if contract is not None:
            out.append(contract)
    reader.raise_problems(table.sheet, _CONTRACT_HINT)
    return tuple(out)


def _percent(reader: Reader, table: Table, row: int, key: str) -> Decimal | None:
    """A percentage (``20``, ``20 %``, ``12,5``; a cell formatted as % holding ``0.2`` is 20)."""
    col = table.columns.get(key)
    if col is None:
        return None
    raw = reader.cells.raw(table.sheet, row, col)
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            reader.problem(
                reader.ref(table, row, key),
                "not a percentage: write 20 or 20 %",
                raw,
                code="input-amount",
            )
            return None
        return number
    cell = reader.cells.number(table.sheet, row, col)
    if cell is None:
        return None
    fmt = reader.values[table.sheet].cell(row=row, column=col).number_format
    if "%" in str(fmt):
        cell *= 100  # a percentage cell stores 20 % as 0.2
    return cell.normalize()


def _contract(reader: Reader, table: Table, row: int, ids: dict[str, str]) -> Contract | None:
    """The contract of a row of the register, or ``None`` when a cell of it is wrong."""
    refs = {key: reader.ref(table, row, key) for key in table.columns}
    row_ref = reader.cells.ref(table.sheet, row)
    before = len(reader.cells.problems)
    number = reader.text(table, row, "number")
    key = reader.text(table, row, "id") or number
    signed = reader.date(table, row, "signed")
    data: dict[str, Any] = {
        "id": key,
        "package": reader.text(table, row, "package"),
        "contractor": {
            "name": reader.text(table, row, "contractor"),
            "tax_code": reader.text(table, row, "tax_code"),
        },
        "value": reader.amount(table, row, "value"),
        "type": reader.word(table, row, "type", CONTRACT_TYPE_WORDS, "contract type"),
        "signed": signed,
        "end": reader.date(table, row, "end"),
        "winning_price": reader.amount(table, row, "winning_price"),
        "advance_percent": _percent(reader, table, row, "advance_percent"),
    }
    result = reader.text(table, row, "result")
    result_date = reader.date(table, row, "result_date")
    if result is not None and result_date is None and "result_date" not in table.columns:
        reader.problem(
            refs["result"],
            "a selection-result decision without its date: add a column 'Ngày quyết định KQLCNT'",
            result,
        )
    elif result is not None and result_date is None:
        reader.problem(reader.ref(table, row, "result_date"), "required with the decision")
    elif result is None and result_date is not None:
        reader.problem(refs["result_date"], "a date without the decision's number", result_date)
    if result is not None and result_date is not None:
        data["result"] = {"number": result, "date": result_date}
    for name in _REQUIRED:
        if name in table.columns and empty_cell(reader, table, row, name):
            reader.problem(refs[name], "required: fill in this cell")
    if key is not None and key in ids:
        reader.problem(
            refs.get("id", refs.get("number", row_ref)),
            f"contract {key!r} is listed twice (first at {ids[key]}): give each contract its "
            "own number",
            key,
        )
    elif key is not None:
        ids[key] = refs.get("id", refs.get("number", row_ref))
    if len(reader.cells.problems) > before:
        return None
    data["decision"] = {"number": number, "date": signed}
    data = {k: v for k, v in data.items() if v is not None}
    data["contractor"] = {k: v for k, v in data["contractor"].items() if v is not None}
    try:
        return Contract.model_validate(data)
    except ValidationError as exc:
        refs["decision"] = refs.get("number", row_ref)
        refs["contractor"] = refs.get("contractor", row_ref)
        reader.model_problems(exc, refs, row_ref)
        return None
