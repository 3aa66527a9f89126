"""The breakdown sheets of ictcost's own workbook, read back (:mod:`ictcost.inputs.workbook`).

*Thiết bị* (quotations under a line's ``MIN/MEDIAN/AVERAGE`` unit price, a price-list line's key
columns), *Diễn giải khác* (expert items) and *Phí theo định mức* (a fee line's key columns); then
each fee line's base is kept derived where the base written is the derived one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from ictcost.errors import IctcostError
from ictcost.inputs._cells import CellReader, cell_key
from ictcost.inputs._rows import (
    Breakdown,
)
from ictcost.norms.registry import NormRegistry
from ictcost.report.layout import (
    EQUIPMENT,
    EQUIPMENT_KEY_COLUMNS,
    FEE_KEY_COLUMNS,
    FEES,
    OTHER,
)

if TYPE_CHECKING:
    pass


__all__ = ["read_breakdowns", "settle_fee_bases"]

# --- ictcost layout: the breakdown sheets --------------------------------------------------------

_BREAKDOWN_HEADER_ROW: Final = 3
"""The header row of *Thiết bị*, *Diễn giải khác* and *Phí theo định mức*."""
_EQUIPMENT_COLUMNS: Final = {
    "id": "Mã dòng",
    "source": "Tên / nguồn báo giá",
    "unit_price": "Đơn giá",
    "where": "Ngày / tham chiếu",
}
"""Headers of the *Thiết bị* columns read back (as ``report._xlsx_lines.equipment_sheet``)."""
_OTHER_COLUMNS: Final = {
    "id": "Mã dòng",
    "description": "Hạng mục",
    "person_days": "Số lượng / số kỳ",
    "day_rate": "Đơn giá",
}
"""Headers of the *Diễn giải khác* columns read back (as ``report._xlsx_lines.other_sheet``)."""
_FEE_COLUMNS: Final = {
    "id": "Mã dòng",
    "rate": "Tỷ lệ Ni (%)",
    "base": "Cơ sở tính Gi (đồng)",
}
"""Headers of the *Phí theo định mức* columns read with its key columns."""
_PICKS: Final = {"MIN": "lowest", "MEDIAN": "median", "AVERAGE": "mean"}
_PICK_FORMULA: Final = re.compile(r"=(MIN|MEDIAN|AVERAGE)\(F(\d+):F(\d+)\)")
"""The unit price of a quotation line in *Thiết bị*: its pick rule over the quotation rows."""
_ITEM_PREFIX: Final = "– "
"""How ictcost writes a quotation's source and an expert item's description (an indent dash)."""
_QUOTE_DATE: Final = re.compile(r"(\d{2})/(\d{2})/(\d{4})(?:; (.+))?", re.DOTALL)
"""A quotation's *Ngày / tham chiếu* cell as ictcost writes it: ``dd/mm/yyyy[; reference]``."""


def _breakdown_columns(
    reader: CellReader, sheet: str, wanted: dict[str, str]
) -> dict[str, int] | None:
    """Find the columns of a breakdown sheet by their headers (``None``: a header is missing)."""
    ws = reader.values[sheet]
    headers = {
        cell_key(ws.cell(row=_BREAKDOWN_HEADER_ROW, column=c).value or ""): c
        for c in range(1, ws.max_column + 1)
    }
    cols = {field: headers.get(cell_key(title)) for field, title in wanted.items()}
    if any(c is None for c in cols.values()):
        return None
    return {field: c for field, c in cols.items() if c is not None}


def _blocks(reader: CellReader, sheet: str, id_col: int) -> dict[str, tuple[int, int]]:
    """Return each line's block of a breakdown sheet: id → (its row, the last row of its items)."""
    ws = reader.values[sheet]
    out: dict[str, tuple[int, int]] = {}
    current: str | None = None
    for row in range(_BREAKDOWN_HEADER_ROW + 1, ws.max_row + 1):
        value = ws.cell(row=row, column=id_col).value
        if value is not None and str(value).strip():
            current = str(value).strip()
            out.setdefault(current, (row, row))
        elif current is not None and out[current][0] <= row:
            out[current] = (out[current][0], row)
    return out


def read_breakdowns(reader: CellReader) -> dict[str, Breakdown]:
    """Read the lines' inputs from the breakdown sheets ictcost wrote (those present)."""
    names = reader.values.sheetnames
    out: dict[str, Breakdown] = {}
    if EQUIPMENT in names:
        _equipment(reader, out)
    if OTHER in names:
        _expert_items(reader, out)
    if FEES in names:
        _fee_keys(reader, out)
    return out


def _item_text(reader: CellReader, sheet: str, row: int, col: int) -> str | None:
    text = reader.text(sheet, row, col)
    return text.removeprefix(_ITEM_PREFIX.strip()).strip() if text else None


def _equipment(reader: CellReader, out: dict[str, Breakdown]) -> None:
    """*Thiết bị*: the quotations under a line whose unit price is ``MIN/MEDIAN/AVERAGE`` of them."""
    sheet = EQUIPMENT
    cols = _breakdown_columns(reader, sheet, _EQUIPMENT_COLUMNS)
    if cols is None:
        return
    price = cols["unit_price"]
    keys = _breakdown_columns(reader, sheet, dict(EQUIPMENT_KEY_COLUMNS))
    for line_id, (row, last) in _blocks(reader, sheet, cols["id"]).items():
        listed = {f: reader.text(sheet, row, c) for f, c in keys.items()} if keys else {}
        if keys and listed["list"] and listed["code"]:
            b = Breakdown(price={"list": listed["list"], "code": listed["code"]})
            b.marks["price",] = reader.ref(sheet, row, keys["list"])
            b.marks["price", "list"] = reader.ref(sheet, row, keys["list"])
            b.marks["price", "code"] = reader.ref(sheet, row, keys["code"])
            out[line_id] = b
            continue
        formula = reader.formulas[sheet].cell(row=row, column=price).value
        m = _PICK_FORMULA.fullmatch(formula.replace(" ", "")) if isinstance(formula, str) else None
        if m is None or int(m[2]) != row + 1 or not row < int(m[3]) <= last:
            continue  # a given unit price, a price-list row, or an edited cell: kept as shown
        b = Breakdown(pick=_PICKS[m[1]])
        quotes: list[dict[str, Any]] = []
        for r in range(row + 1, int(m[3]) + 1):
            k = len(quotes)
            quote: dict[str, Any] = {
                "source": _item_text(reader, sheet, r, cols["source"]),
                "unit_price": reader.money(sheet, r, price),
            }
            b.marks["quotes", k] = reader.ref(sheet, r)
            b.marks["quotes", k, "source"] = reader.ref(sheet, r, cols["source"])
            b.marks["quotes", k, "unit_price"] = reader.ref(sheet, r, price)
            quote.update(_quote_where(reader, sheet, r, cols["where"]))
            b.marks["quotes", k, "date"] = reader.ref(sheet, r, cols["where"])
            b.marks["quotes", k, "reference"] = reader.ref(sheet, r, cols["where"])
            quotes.append(quote)
        b.quotes = tuple(quotes)
        b.marks["pick",] = reader.ref(sheet, row, price)
        out[line_id] = b


def _quote_where(reader: CellReader, sheet: str, row: int, col: int) -> dict[str, Any]:
    """A quotation's date and reference: a date cell, or ``dd/mm/yyyy[; reference]`` text."""
    value = reader.raw(sheet, row, col)
    if isinstance(value, dt.datetime):
        return {"date": value.date()}
    if isinstance(value, dt.date):
        return {"date": value}
    if value is None:
        return {}
    text = str(value)
    m = _QUOTE_DATE.fullmatch(text)
    if m is None:
        return {"reference": text}
    try:
        day = dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return {"reference": text}
    return {"date": day, "reference": m[4]} if m[4] else {"date": day}


def _expert_items(reader: CellReader, out: dict[str, Breakdown]) -> None:
    """*Diễn giải khác*: the items (person-days × day rate) under each line."""
    sheet = OTHER
    cols = _breakdown_columns(reader, sheet, _OTHER_COLUMNS)
    if cols is None:
        return
    ws = reader.values[sheet]
    for line_id, (row, last) in _blocks(reader, sheet, cols["id"]).items():
        b = out.setdefault(line_id, Breakdown())
        items: list[dict[str, Any]] = []
        for r in range(row + 1, last + 1):
            days, rate = (ws.cell(row=r, column=cols[c]).value for c in ("person_days", "day_rate"))
            if days is None or rate is None:
                items = []
                break  # not expert items (a rental's terms): the line keeps its amount
            k = len(items)
            items.append(
                {
                    "description": _item_text(reader, sheet, r, cols["description"]),
                    "person_days": reader.number(sheet, r, cols["person_days"]),
                    "day_rate": reader.money(sheet, r, cols["day_rate"]),
                }
            )
            b.marks["expert", k] = reader.ref(sheet, r)
            for field in ("description", "person_days", "day_rate"):
                b.marks["expert", k, field] = reader.ref(sheet, r, cols[field])
        b.expert = tuple(items)


def _fee_keys(reader: CellReader, out: dict[str, Breakdown]) -> None:
    """*Phí theo định mức* with its key columns: each fee line's item, part, base and K."""
    sheet = FEES
    cols = _breakdown_columns(reader, sheet, {**_FEE_COLUMNS, **FEE_KEY_COLUMNS})
    if cols is None:
        return  # a workbook without the key columns: fee lines stay given amounts
    for line_id, (row, _) in _blocks(reader, sheet, cols["id"]).items():
        item = reader.text(sheet, row, cols["item"])
        if item is None:
            continue
        b = out.setdefault(line_id, Breakdown())
        fee: dict[str, Any] = {"item": item, "category": reader.text(sheet, row, cols["category"])}
        for field in ("base_lines", "conditions"):
            text = reader.text(sheet, row, cols[field]) or ""
            parts = tuple(p.strip() for p in text.split(",") if p.strip())
            if parts:
                fee[field] = parts
        b.fee = fee
        b.rate_percent = reader.number(sheet, row, cols["rate"])
        b.base = reader.money(sheet, row, cols["base"])
        for field in ("item", "category", "base_lines", "conditions"):
            b.marks["fee", field] = reader.ref(sheet, row, cols[field])
        b.marks["fee", "base"] = reader.ref(sheet, row, cols["base"])
        b.marks["fee",] = reader.ref(sheet, row)
        b.marks["stated", "rate_percent"] = reader.ref(sheet, row, cols["rate"])


def settle_fee_bases(
    data: dict[str, Any], breakdowns: dict[str, Breakdown], registry: NormRegistry
) -> None:
    """Keep a fee line's base derived where the written base ``Gi`` is the derived one.

    Every fee line read from the key columns is first computed with its base derived from the
    norm's definition; a line whose written base differs keeps its base lines (from the key
    column) or, without them, the written base as an amount. When the project cannot be computed
    (another line lacks an input), the fee lines keep the base lines as written.
    """
    fees = {
        line["id"]: (line, breakdowns[line["id"]])
        for line in data.get("lines", [])
        if line.get("id") in breakdowns and breakdowns[line["id"]].fee is not None
    }
    if not fees:
        return
    # imported here: ictcost.estimate may re-export the readers of ictcost.inputs
    from ictcost.estimate.engine import compute_estimate  # noqa: PLC0415
    from ictcost.estimate.model import ProjectInput  # noqa: PLC0415

    written: dict[str, tuple[Any, ...]] = {}
    for line, _ in fees.values():
        written[line["id"]] = line["fee"].pop("base_lines", ())
    try:
        estimate = compute_estimate(ProjectInput.model_validate(data), registry=registry)
    except (IctcostError, ValidationError):
        for line_id, (line, _) in fees.items():
            if written[line_id]:
                line["fee"]["base_lines"] = written[line_id]
        return
    for line_id, (line, b) in fees.items():
        trace = estimate.line(line_id).trace
        derived = trace.fee.base if trace.kind == "fee" else None
        if b.base is None or b.base == derived:
            continue
        if written[line_id]:
            line["fee"]["base_lines"] = written[line_id]
        else:
            line["fee"]["base"] = b.base
