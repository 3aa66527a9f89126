"""Read a payment register (advances and payments of the contracts) from a workbook.

:func:`read_payments` reads a simple table (Hợp đồng, Ngày, Số tiền, Loại: ``Tạm ứng`` /
``Thanh toán``, Thu hồi tạm ứng, Chứng từ, optionally Ngày chứng từ) into
:class:`~ictcost.stages.model.Payment` records, as described in :mod:`ictcost.stages.workbook`
(which re-exports everything here); the kinds of a row are the words of
:data:`PAYMENT_KIND_WORDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from ictcost.stages._sheet_reader import PAYMENTS, Field, Reader, Table, empty_cell, fold
from ictcost.stages.model import Payment

if TYPE_CHECKING:
    import os

__all__ = ["PAYMENT_KIND_WORDS", "read_payments"]

PAYMENT_KIND_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "advance": ("Tạm ứng", "Tạm ứng hợp đồng"),
    "payment": ("Thanh toán", "Thanh toán khối lượng hoàn thành", "Thanh toán hợp đồng"),
}
"""The kinds of a payment register's row: an advance (tạm ứng) or a payment (thanh toán)."""


_PAYMENT_FIELDS: Final = (
    Field("stt", ("STT", "TT", "Số TT")),
    Field("contract", ("Hợp đồng", "Số hợp đồng", "Mã hợp đồng"), required=True),
    Field("date", ("Ngày", "Ngày thanh toán", "Ngày tạm ứng"), required=True),
    Field(
        "amount", ("Số tiền", "Giá trị", "Số tiền thanh toán", "Giá trị thanh toán"), required=True
    ),
    Field("kind", ("Loại", "Loại thanh toán"), required=True),
    Field("recovered", ("Thu hồi tạm ứng", "Số tiền thu hồi tạm ứng")),
    Field("document", ("Chứng từ", "Số chứng từ", "Số hiệu chứng từ"), required=True),
    Field("document_date", ("Ngày chứng từ",)),
    Field("note", ("Ghi chú",)),
)
"""The columns of a payment register."""


_PAYMENT_HINT: Final = (
    "correct each cell listed; a payment register has the columns Hợp đồng, Ngày, Số tiền, Loại "
    "(Tạm ứng / Thanh toán), Thu hồi tạm ứng, Chứng từ"
)


def read_payments(path: str | os.PathLike[str], *, sheet: str | None = None) -> tuple[Payment, ...]:
    """Read a payment register (advances and payments of the contracts) from a workbook.

    Each row is one advance (``Tạm ứng``) or payment (``Thanh toán``) of a contract: the
    contract's id (as in the dossier), the date, the amount, the advance the payment recovers
    (``Thu hồi tạm ứng``, deducted from the cash paid: NĐ 254/2025/NĐ-CP Điều 10) and the
    document (chứng từ: its number, and its date when a column ``Ngày chứng từ`` gives one;
    otherwise the row's date).

    Args:
        path: The ``.xlsx`` workbook.
        sheet: The sheet of the register (``None``: the first sheet that has one).

    Returns:
        The payments, in the order of the register.

    Raises:
        InputError: the file is not a readable ``.xlsx`` workbook, no sheet holds the register,
            or cells are wrong (every problem at once, each at its cell ``Sheet!Cell``).
        ImportError: openpyxl (the ``excel`` extra) is not installed.
    """
    reader = Reader(Path(path), PAYMENTS)
    table = reader.find(PAYMENTS, _PAYMENT_FIELDS, sheet, "payment register")
    out: list[Payment] = []
    for row in table.rows:
        if reader.is_total(table, row) or reader.empty(table, row, tuple(table.columns)):
            continue
        if reader.empty(table, row, ("amount", "kind", "document")):
            continue
        payment = _payment(reader, table, row)
        if payment is not None:
            out.append(payment)
    reader.raise_problems(table.sheet, _PAYMENT_HINT)
    return tuple(out)


def _payment(reader: Reader, table: Table, row: int) -> Payment | None:
    """The payment of a row of the register, or ``None`` when a cell of it is wrong."""
    refs = {key: reader.ref(table, row, key) for key in table.columns}
    row_ref = reader.cells.ref(table.sheet, row)
    before = len(reader.cells.problems)
    date = reader.date(table, row, "date")
    number = reader.text(table, row, "document")
    document_date = reader.date(table, row, "document_date") or date
    kind_text = fold(reader.text(table, row, "kind") or "")
    if "tamung" in kind_text and "thanhtoan" in kind_text:
        kind = None
        reader.problem(
            refs["kind"],
            "both an advance and a payment (thanh toán tạm ứng: paying an advance, or settling "
            "it?): write 'Tạm ứng' for an advance, 'Thanh toán' for a payment and the advance it "
            "recovers in 'Thu hồi tạm ứng'",
            reader.text(table, row, "kind"),
        )
    else:
        kind = reader.word(table, row, "kind", PAYMENT_KIND_WORDS, "kind of payment", prefix=True)
    data: dict[str, Any] = {
        "contract": reader.text(table, row, "contract"),
        "date": date,
        "amount": reader.amount(table, row, "amount"),
        "kind": kind,
    }
    recovered = reader.amount(table, row, "recovered")
    if recovered is not None:
        data["recovered"] = recovered
    for key in ("contract", "date", "amount", "kind", "document"):
        if key in table.columns and empty_cell(reader, table, row, key):
            reader.problem(refs[key], "required: fill in this cell")
    if len(reader.cells.problems) > before:
        return None
    data["decision"] = {"number": number, "date": document_date}
    try:
        return Payment.model_validate(data)
    except ValidationError as exc:
        refs["decision"] = refs.get("document", row_ref)
        reader.model_problems(exc, refs, row_ref)
        return None
