"""Reading the rows of a workbook: line rows (both layouts), header rows and key | value rows.

The line rows become the dicts of :class:`~ictcost.estimate.model.LineInput` that
:mod:`ictcost.inputs.workbook` documents; each field's cell is recorded in ``marks`` so that a
validation error names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from ictcost._internal._problems import located_errors
from ictcost.errors import IctcostError, InputError, Problem
from ictcost.inputs._cells import CellReader, aliases, cell_key, occupied_rows
from ictcost.keys import COMPONENTS, METHODS
from ictcost.report.layout import COMPONENT_VI, METHOD_VI

if TYPE_CHECKING:
    from ictcost.estimate.model import ProjectInput
    from ictcost.norms.registry import NormRegistry

__all__ = [
    "COMPONENT_KEYS",
    "DEFAULT_BASIS",
    "LINE_COLUMNS",
    "LINE_MARKS",
    "METHOD_KEYS",
    "REQUIRED_COLUMNS",
    "Breakdown",
    "CellMarks",
    "VatInference",
    "cell_of",
    "check_ids",
    "find_header",
    "is_empty_row",
    "key_values",
    "missing_sheet",
    "read_line",
    "validate_project",
    "vat_inference",
]

CellMarks = dict[tuple[str | int, ...], str]
"""Data path → the cell it was read from (``file!sheet!H7``), to name the cell of an error."""
DEFAULT_BASIS: Final = "theo bảng tính được nộp"
"""The basis of a given-amount line whose basis cell is empty."""
_NEEDS_INPUTS: Final = frozenset({"norm", "calculation", "expert"})


LINE_COLUMNS: Final = aliases(
    {
        "id": ("Mã", "Mã dòng"),
        "component": ("Khoản mục",),
        "name": ("Tên", "Nội dung"),
        "method": ("Phương pháp",),
        "vat_category": ("vat", "Loại thuế", "Nhóm thuế"),
        "unit": ("Đơn vị", "Đơn vị tính", "ĐVT"),
        "quantity": ("Khối lượng", "Số lượng"),
        "unit_price": ("Đơn giá",),
        "amount": ("Thành tiền trước thuế", "Giá trị trước thuế", "Thành tiền"),
        "vat_rate": ("Thuế suất GTGT", "Thuế suất"),
        "vat_amount": ("Thuế GTGT", "Tiền thuế"),
        "total": ("Thành tiền sau thuế", "Giá trị sau thuế"),
        "basis": ("Căn cứ",),
        "fee_item": ("Mục định mức",),
        "fee_category": ("Loại định mức",),
        "fee_base_lines": ("Dòng cơ sở",),
        "model": ("Mã hiệu", "Chủng loại"),
        "note": ("Ghi chú",),
    }
)
"""Headers of the line sheet (English or Vietnamese, compared by :func:`cell_key`), by field."""
REQUIRED_COLUMNS: Final = ("id", "component", "name", "method", "vat_category", "amount")
COMPONENT_KEYS: Final = {
    **{cell_key(vi): key for key, vi in COMPONENT_VI.items()},
    **{cell_key(c): c for c in COMPONENTS},
}
"""A component given as its key or its Vietnamese name, by :func:`cell_key`."""
METHOD_KEYS: Final = {
    **{cell_key(vi): key for key, vi in METHOD_VI.items()},
    **{cell_key(m): m for m in METHODS},
}
"""A method given as its key or its Vietnamese name, by :func:`cell_key`."""

LINE_MARKS: Final = (
    (("id",), "id"),
    (("component",), "component"),
    (("name",), "name"),
    (("method",), "method"),
    (("unit",), "unit"),
    (("quantity",), "quantity"),
    (("basis",), "basis"),
    (("model",), "model"),
    (("vat",), "vat_category"),
    (("vat_rate",), "vat_rate"),
    (("unit_price",), "unit_price"),
    (("amount",), "amount"),
    (("expert",), "quantity"),
    (("stated", "unit_price"), "unit_price"),
    (("stated", "amount"), "amount"),
    (("stated", "vat_rate"), "vat_rate"),
    (("stated", "vat_not_subject"), "vat_rate"),
    (("stated", "vat"), "vat_amount"),
    (("stated", "total"), "total"),
    (("fee",), "fee_item"),
    (("fee", "item"), "fee_item"),
    (("fee", "category"), "fee_category"),
    (("fee", "base_lines"), "fee_base_lines"),
    (("vat_rate",), "vat_rate_input"),
)
"""Which column each field of a line comes from (to name the cell of a validation error)."""


VatInference = Callable[[Decimal | None, bool], str]
"""Picks a VAT category from a rate shown (``None``: no rate) and *không chịu thuế* (a flag)."""


@dataclass(slots=True)
class Breakdown:
    """A line's inputs read back from a breakdown sheet of ictcost's workbook.

    Attributes:
        quotes: The quotations (dicts of :class:`~ictcost.estimate.model.Quote`), with ``pick``.
        pick: The rule of the unit-price formula (``lowest``, ``median``, ``mean``).
        expert: The expert items (dicts of :class:`~ictcost.estimate.model.ExpertItem`).
        fee: The fee block (a dict of :class:`~ictcost.estimate.model.FeeSpec`).
        price: The price-list reference (a dict of :class:`~ictcost.estimate.model.PriceRef`).
        rate_percent: The fee's rate shown (``Ni``), for ``stated.rate_percent``.
        base: The fee's base shown (``Gi``), to tell a derived base from an override.
        marks: The cell of each field, relative to the line (``("quotes", 0, "unit_price")``).
    """

    quotes: tuple[dict[str, Any], ...] = ()
    pick: str | None = None
    expert: tuple[dict[str, Any], ...] = ()
    fee: dict[str, Any] | None = None
    price: dict[str, Any] | None = None
    rate_percent: Decimal | None = None
    base: Decimal | None = None
    marks: CellMarks = field(default_factory=dict)


def _from_breakdown(
    breakdown: Breakdown,
    data: dict[str, Any],
    stated: dict[str, Any],
    *,
    quantity: Decimal | None,
    unit_price: Decimal | None,
) -> bool:
    """Put a line's inputs read from a breakdown sheet in ``data``; whether there were any."""
    if breakdown.fee is not None:
        data["method"] = "norm"
        data["fee"] = breakdown.fee
        stated["rate_percent"] = breakdown.rate_percent
    elif breakdown.quotes and quantity is not None:
        stated["unit_price"] = unit_price
        data["quantity"] = quantity
        data["quotes"] = breakdown.quotes
        data["pick"] = breakdown.pick
    elif breakdown.price is not None and quantity is not None:
        stated["unit_price"] = unit_price
        data["quantity"] = quantity
        data["price"] = breakdown.price
    elif breakdown.expert and data.get("method") == "expert":
        data["expert"] = breakdown.expert
    else:
        return False
    return True


def read_line(  # noqa: PLR0912, PLR0915 - one row, every way a line can be given
    reader: CellReader,
    *,
    sheet: str,
    row: int,
    cols: dict[str, int],
    index: int,
    marks: CellMarks,
    vat_category: VatInference | None = None,
    breakdown: Breakdown | None = None,
) -> dict[str, Any]:
    """Read one line row into the dict of a :class:`LineInput`.

    ``breakdown`` holds what a breakdown sheet of ictcost's workbook gives for the line (its
    quotations, expert items or fee block); it replaces the given amount or unit price.
    """

    def col(name: str) -> int | None:
        return cols.get(name)

    marks["lines", index] = reader.ref(sheet, row)
    for loc, column in LINE_MARKS:
        if column in cols:
            marks["lines", index, *loc] = reader.ref(sheet, row, cols[column])

    line_id = reader.text(sheet, row, col("id"))
    line_name = reader.text(sheet, row, col("name"))
    method = reader.choice(sheet, row, col("method"), METHOD_KEYS, "method")
    quantity = reader.number(sheet, row, col("quantity"))
    unit_price = reader.money(sheet, row, col("unit_price"))
    amount = reader.money(sheet, row, col("amount"))
    rate, not_subject = reader.rate(sheet, row, col("vat_rate"))
    vat = reader.money(sheet, row, col("vat_amount"))
    total = reader.money(sheet, row, col("total"))
    fee_item = reader.text(sheet, row, col("fee_item"))
    category = (
        vat_category(rate, not_subject)
        if vat_category is not None
        else reader.text(sheet, row, col("vat_category"))
    )
    data: dict[str, Any] = {
        "id": line_id,
        "component": reader.choice(sheet, row, col("component"), COMPONENT_KEYS, "component"),
        "name": line_name,
        "method": method,
        "vat": category,
        "unit": reader.text(sheet, row, col("unit")),
        "model": reader.text(sheet, row, col("model")),
        "vat_rate": reader.number(sheet, row, col("vat_rate_input")),  # ictcost layout only
    }
    notes = [n for n in (reader.text(sheet, row, col("note")),) if n]
    stated: dict[str, Any] = {
        "amount": amount,
        "vat_rate": rate,
        "vat_not_subject": not_subject,
        "vat": vat,
        "total": total,
    }
    basis = reader.text(sheet, row, col("basis"))
    if breakdown is not None and _from_breakdown(
        breakdown, data, stated, quantity=quantity, unit_price=unit_price
    ):
        for path, ref in breakdown.marks.items():
            marks["lines", index, *path] = ref
        data["basis"] = basis
    elif fee_item is not None:
        base_text = reader.text(sheet, row, col("fee_base_lines")) or ""
        data["method"] = "norm"
        data["fee"] = {
            "item": fee_item,
            "category": reader.text(sheet, row, col("fee_category")),
            "base_lines": tuple(p.strip() for p in base_text.split(",") if p.strip()),
        }
        data["basis"] = basis
    elif quantity is not None and unit_price is not None and method not in {"norm", "calculation"}:
        stated["unit_price"] = unit_price
        if method == "expert":
            data["expert"] = (
                {"description": line_name, "person_days": quantity, "day_rate": unit_price},
            )
        else:
            data["quantity"] = quantity
            data["unit_price"] = unit_price
        data["basis"] = basis
    else:
        amount_col = col("amount")
        if amount_col is not None and reader.values[sheet].cell(row, amount_col).value is None:
            reader.problem(
                reader.ref(sheet, row, amount_col),
                "an amount is needed: the line has no fee item and no quantity × unit price",
            )
        if method in _NEEDS_INPUTS:
            data["method"] = "fixed"
            notes.append(
                f"stated method: {method} (its inputs are not in the workbook; the stated amount "
                "is taken as given)"
            )
        if quantity is not None:
            stated["unit_price"] = unit_price
            notes.append(f"stated quantity: {quantity} (no unit price to recompute it)")
        data["amount"] = amount
        data["basis"] = basis or DEFAULT_BASIS
    if notes:
        data["note"] = "\n".join(notes)
    data["stated"] = {k: v for k, v in stated.items() if v is not None}
    return data


def vat_inference(registry: NormRegistry, date: object) -> VatInference:
    """Return the rule that picks a VAT category from what a sheet shows.

    ``không chịu thuế`` → ``software``; no rate → ``not_applicable``; a rate → the first category
    (``general`` first) whose rate (or a disputed alternative) on ``date`` is that rate, else
    ``general`` (so that the check reports the rate).
    """
    rates: list[tuple[str, set[Decimal]]] = []
    if isinstance(date, dt.date):
        try:
            table = registry.get("vat-rates", date)
        except IctcostError:
            table = None
        if table is not None:
            for vat_row in table.rows():
                if "rate" not in vat_row.values:
                    continue
                cell = vat_row.values["rate"]
                values = {cell.value, *(a.value for a in cell.alternatives)}
                rates.append((vat_row.name, {v for v in values if isinstance(v, Decimal)}))
    rates.sort(key=lambda item: item[0] != "general")

    def infer(rate: Decimal | None, not_subject: bool) -> str:  # noqa: FBT001 - a callback
        if not_subject:
            return "software"
        if rate is None:
            return "not_applicable"
        return next((name for name, values in rates if rate in values), "general")

    return infer


def cell_of(marks: CellMarks, path: tuple[str | int, ...], default: str) -> str:
    """Return the cell a data path was read from (its deepest recorded part), or ``default``."""
    key = path
    while key and key not in marks:
        key = key[:-1]
    return marks.get(key, default)


def validate_project(
    label: str, data: dict[str, Any], marks: CellMarks, *, hint: str
) -> ProjectInput:
    """Validate the data read as a :class:`ProjectInput`; each error names its cell."""
    # imported here: ictcost.estimate may re-export the readers of ictcost.inputs
    from ictcost.estimate.model import ProjectInput  # noqa: PLC0415

    try:
        return ProjectInput.model_validate(data)
    except ValidationError as exc:
        problems = tuple(
            Problem(
                err.message,
                file=cell_of(marks, err.path, label),
                path=".".join(str(p) for p in err.path),
                got=err.got,
            )
            for err in located_errors(exc, data)
        )
        raise InputError(
            f"{label}: {len(problems)} problem(s) in the project",
            field="file",
            problems=problems,
            hint=hint,
        ) from None


def check_ids(reader: CellReader, lines: list[dict[str, Any]], marks: CellMarks) -> None:
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        line_id = line.get("id")
        if line_id is None:
            continue
        if line_id in seen:
            where = marks.get(("lines", i, "id"), marks["lines", i])
            first = marks.get(("lines", seen[line_id], "id"), "")
            reader.problem(where, f"line id {line_id!r} is used twice (first at {first})")
        else:
            seen[line_id] = i


def is_empty_row(reader: CellReader, sheet: str, row: int, ncols: int) -> bool:
    ws, formulas = reader.values[sheet], reader.formulas[sheet]
    return all(
        ws.cell(row=row, column=c).value in {None, ""}
        and formulas.cell(row=row, column=c).value in {None, ""}
        for c in range(1, ncols + 1)
    )


def missing_sheet(reader: CellReader, wanted: tuple[str, ...]) -> None:
    names = ", ".join(reader.values.sheetnames)
    reader.problem(
        reader.label,
        f"no sheet '{wanted[0]}' (or '{wanted[1]}'); the workbook has: {names}",
    )


def key_values(
    reader: CellReader, sheet: str, keys: dict[str, str], what: str
) -> dict[str, tuple[object, int]]:
    """Read key | value rows: field -> (value cell's raw value, row)."""
    ws = reader.values[sheet]
    out: dict[str, tuple[object, int]] = {}
    for row in occupied_rows(ws):
        label = reader.text(sheet, row, 1)
        if label is None:
            continue
        value = reader.raw(sheet, row, 2)
        field = keys.get(cell_key(label))
        if field is None:
            if value is not None:
                known = ", ".join(sorted(set(keys.values())))
                reader.problem(
                    reader.ref(sheet, row, 1), f"unknown {what} key (one of: {known})", label
                )
            continue
        if value is None:
            continue
        if field in out:
            reader.problem(reader.ref(sheet, row, 1), f"key {field!r} is given twice", label)
            continue
        out[field] = (value, row)
    return out


def find_header(
    reader: CellReader, sheet: str, columns: dict[str, str]
) -> tuple[int, dict[str, int]] | None:
    """Find the header row (the first with an ``id`` column): (row, field -> column)."""
    ws = reader.values[sheet]
    for row in range(1, min(ws.max_row, 10) + 1):
        cols: dict[str, int] = {}
        for col in range(1, ws.max_column + 1):
            value = ws.cell(row=row, column=col).value
            if value is None:
                continue
            field = columns.get(cell_key(value))
            if field == "vat_category" and cell_key(value) == "vat" and "vat_category" in cols:
                field = "vat_amount"  # 'vat' twice: the category, then the amount
            if field is not None and field not in cols:
                cols[field] = col
        if "id" in cols:
            return row, cols
    return None
