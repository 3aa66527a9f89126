"""The price-evidence register: the past prices an appraiser compares an estimate's unit prices with.

A register lists **records**: an item (its name, make and model, unit), a unit price before VAT, the
date of the evidence, its kind — a past contract (``contract``), a winning bid (``winning_bid``,
*kết quả trúng thầu*) or a quotation (``quotation``) — with its reference (contract number,
decision on the selection result, quotation number), the supplier and the date its validity ends.
It is an explicit input of the checks (``check(project, evidence=load_evidence(path))``); nothing
is taken from it that the user did not give. :mod:`ictcost.checks.plausibility` matches records to
lines by model and name and reports a unit price far from the evidence's median.

:func:`load_evidence` reads it from:

* **YAML or JSON**: ``{name: …, records: [{item, model, unit, unit_price, date, source,
  reference, supplier, valid_until, note, id}, …]}`` (a bare list of records also reads);
  YAML is read with the strict reader (exact decimals, duplicate keys refused);
* **CSV** (UTF-8, a BOM allowed; comma, semicolon or tab separated): a header row, then one
  record per row;
* an **Excel workbook** (``.xlsx``, ``excel`` extra): the sheet named *evidence* / *Bằng chứng
  giá* / *Sổ giá* (else the first sheet), a header row among the first ten, then one record per
  row; cells are read with their cached values (money cells: the float rule of
  :mod:`ictcost.inputs.workbook`).

In CSV and Excel the headers are the field names or their Vietnamese names (case, spaces and
punctuation ignored): ``id`` (*Mã*), ``item`` (*Tên hàng hóa*, *Tên*), ``model`` (*Mã hiệu*,
*Chủng loại*), ``unit`` (*Đơn vị tính*, *ĐVT*), ``unit_price`` (*Đơn giá*), ``date`` (*Ngày*),
``source`` (*Nguồn*), ``reference`` (*Số hiệu*, *Căn cứ*), ``supplier`` (*Nhà cung cấp*,
*Nhà thầu*), ``valid_until`` (*Hiệu lực đến*), ``note`` (*Ghi chú*); a row-number column (*STT*,
*TT*) is skipped, any other header is an error. ``source`` may be written in Vietnamese
(*hợp đồng*, *trúng thầu* / *kết quả trúng thầu*, *báo giá*). Dates are ``YYYY-MM-DD`` (or date
cells in Excel); amounts as in project files (``98000000``, ``98.000.000``).

Every problem is reported at once in one :class:`~ictcost.errors.InputError`, each located:
``file:line:column`` for YAML and CSV (the CSV column is the column's number), ``file!sheet!cell``
for a workbook.

Examples:
    >>> register = load_evidence({"records": [{
    ...     "item": "Máy chủ", "model": "Dell PowerEdge R760", "unit": "bộ",
    ...     "unit_price": "98.000.000", "date": "2025-03-10", "source": "trúng thầu",
    ...     "reference": "QĐ 123/QĐ-UBND"}]})
    >>> register.records[0].source, register.records[0].unit_price
    ('winning_bid', Decimal('98000000'))
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from ictcost._internal._problems import MarkMap, located_errors
from ictcost._internal._validate import typed_args
from ictcost.errors import InputError, Problem
from ictcost.inputs._cells import CellReader, aliases, cell_key, occupied_rows, open_xlsx
from ictcost.inputs._files import MAX_INPUT_BYTES, check_readable, read_input_file
from ictcost.inputs._problems import input_error
from ictcost.types import IsoDate, Money

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "EVIDENCE_COLUMNS",
    "EvidenceRecord",
    "EvidenceRegister",
    "EvidenceSource",
    "load_evidence",
]

EvidenceSource = Literal["contract", "winning_bid", "quotation"]
"""The kind of a price evidence: a past contract, a winning bid (kết quả trúng thầu) or a quotation."""

_SOURCE_NAMES: Final = {
    "contract": ("past_contract", "hợp đồng", "hợp đồng đã ký", "hđ"),
    "winning_bid": ("trúng thầu", "kết quả trúng thầu", "kết quả lựa chọn nhà thầu", "kqlcnt"),
    "quotation": ("báo giá", "bg"),
}
_SOURCES: Final = aliases(_SOURCE_NAMES)

EVIDENCE_COLUMNS: Final = aliases(
    {
        "id": ("Mã", "Mã bằng chứng"),
        "item": ("name", "Tên", "Tên hàng hóa", "Tên hàng hóa, dịch vụ", "Hàng hóa"),
        "model": ("Mã hiệu", "Ký mã hiệu", "Chủng loại", "Model"),
        "unit": ("Đơn vị", "Đơn vị tính", "ĐVT"),
        "unit_price": ("Đơn giá", "Đơn giá trước thuế"),
        "date": ("Ngày", "Ngày ký", "Ngày báo giá"),
        "source": ("Nguồn", "Loại nguồn", "kind"),
        "reference": ("Số hiệu", "Căn cứ", "Văn bản"),
        "supplier": ("Nhà cung cấp", "Nhà thầu", "Đơn vị báo giá"),
        "valid_until": ("Hiệu lực đến", "Có hiệu lực đến"),
        "note": ("Ghi chú",),
    }
)
"""The headers of a CSV or Excel register (compared by ``cell_key``), by field."""
_ROW_NUMBER: Final = frozenset({"stt", "tt", "no"})
_SHEETS: Final = ("evidence", "Bằng chứng giá", "Sổ giá")
_HINT: Final = (
    "correct each record listed; the module ictcost.inputs.evidence documents the register "
    "(fields item, unit_price, date, source are required)"
)


def _source(value: object) -> object:
    if isinstance(value, str):
        return _SOURCES.get(cell_key(value), value)
    return value


class EvidenceRecord(BaseModel):
    """One price evidence: an item's unit price, its date and where it comes from.

    Attributes:
        id: A short reference for findings (``E1``), if given.
        item: The item's name (as in the contract, the bid or the quotation).
        model: Make and model (``Dell PowerEdge R760``): lines are matched on its tokens.
        unit: The unit of quantity (``bộ``, ``chiếc``); a record and a line whose units both
            are given and differ are never compared.
        unit_price: The unit price in đồng, before VAT (as the lines' unit prices).
        date: The date of the contract, of the decision on the winning bid, or of the quotation.
        source: ``contract``, ``winning_bid`` or ``quotation``.
        reference: The contract number, the decision approving the selection result, the
            quotation number.
        supplier: Who sold or quoted.
        valid_until: The last day the price is valid (a quotation's validity), if stated.
        note: Free text.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, Field(min_length=1)] | None = None
    item: Annotated[str, Field(min_length=1)]
    model: str | None = None
    unit: str | None = None
    unit_price: Money
    date: IsoDate
    source: Annotated[EvidenceSource, BeforeValidator(_source)]
    reference: str | None = None
    supplier: str | None = None
    valid_until: IsoDate | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EvidenceRecord:
        if self.unit_price <= 0:
            msg = "a unit price of evidence must be above zero"
            raise ValueError(msg)
        if self.valid_until is not None and self.valid_until < self.date:
            msg = (
                f"valid_until {self.valid_until.isoformat()} is before the record's date "
                f"{self.date.isoformat()}"
            )
            raise ValueError(msg)
        return self

    @property
    def label(self) -> str:
        """How a finding names the record: its id, else its reference, else its item."""
        return self.id or self.reference or self.item


class EvidenceRegister(BaseModel):
    """A price-evidence register: the records, in the order given.

    Attributes:
        name: What the register is (``Sổ giá tham khảo 2025 — Sở Tài chính``), if given.
        records: The records (at least one).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    records: Annotated[tuple[EvidenceRecord, ...], Field(min_length=1)]


def _labels(data: object) -> dict[int, str]:
    records = data.get("records") if isinstance(data, Mapping) else None
    if not isinstance(records, list):
        return {}
    return {
        i: str(r.get("id") or r.get("item"))
        for i, r in enumerate(records)
        if isinstance(r, Mapping) and (r.get("id") or r.get("item"))
    }


def _validate(
    data: object, *, file: str | None = None, marks: MarkMap | None = None
) -> EvidenceRegister:
    try:
        return EvidenceRegister.model_validate(data)
    except ValidationError as exc:
        raise input_error(
            exc,
            data,
            subject="evidence register",
            file=file,
            marks=marks,
            labels={("records",): _labels(data)},
            hint=_HINT,
        ) from None


def _wrapped(data: object, marks: MarkMap | None) -> tuple[object, MarkMap | None]:
    """A bare list of records is the register's ``records``."""
    if isinstance(data, list):
        shifted = {("records", *path): pos for path, pos in (marks or {}).items()}
        return {"records": data}, shifted
    return data, marks


@typed_args
def load_evidence(
    source: Path | str | Mapping[str, Any] | Sequence[Mapping[str, Any]],
) -> EvidenceRegister:
    """Read a price-evidence register from a YAML, JSON, CSV or Excel file, or from plain data.

    Args:
        source: A ``.yaml``/``.yml``/``.json``/``.csv``/``.xlsx`` file, a dict
            ``{"records": [...]}`` or a list of records.

    Returns:
        The validated register.

    Raises:
        InputError: the file cannot be read, has another suffix, or a record is wrong (every
            problem listed, each with its ``file:line:column`` or ``file!sheet!cell``).
    """
    if isinstance(source, Mapping):
        return _validate(dict(source))
    if not isinstance(source, (str, Path)):
        return _validate({"records": list(source)})
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load_csv(path)
    if suffix == ".xlsx":
        return _load_xlsx(path)
    if suffix not in {".yaml", ".yml", ".json"}:
        raise InputError(
            f"{path}: an evidence register is a .yaml, .yml, .json, .csv or .xlsx file",
            field="file",
            hint="save the register in one of these formats",
        )
    raw, marks = read_input_file(path)
    data, located = _wrapped(raw, marks)
    return _validate(data, file=str(path), marks=located)


# --- CSV -----------------------------------------------------------------------------------------


_Where = Callable[[int | None, str, str | None], Problem]
"""Builds the problem of a header cell: (column number or ``None``, message, value found)."""


def _header(cells: Sequence[object], where: _Where) -> tuple[dict[int, str], list[Problem]]:
    """Map column numbers (1-based) to fields; unknown and repeated headers are problems."""
    fields: dict[int, str] = {}
    problems: list[Problem] = []
    for col, cell in enumerate(cells, start=1):
        if cell is None or str(cell).strip() == "":
            continue
        key = cell_key(cell)
        field = EVIDENCE_COLUMNS.get(key)
        if field is None:
            if key not in _ROW_NUMBER:
                known = ", ".join(sorted(set(EVIDENCE_COLUMNS.values())))
                problems.append(where(col, f"unknown column (one of: {known})", str(cell)))
            continue
        if field in fields.values():
            problems.append(where(col, f"column {field!r} is given twice", str(cell)))
            continue
        fields[col] = field
    problems += [
        where(None, f"no column {required!r} in the header", None)
        for required in ("item", "unit_price", "date", "source")
        if required not in fields.values()
    ]
    return fields, problems


def _load_csv(path: Path) -> EvidenceRegister:
    check_readable(path, max_bytes=MAX_INPUT_BYTES)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read {path}: {exc}",
            field="file",
            hint="check the path; the file must be UTF-8 CSV",
        ) from exc
    first = text.splitlines()[0] if text.strip() else ""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    if not rows:
        raise InputError(
            f"{path}: the CSV file is empty", field="file", hint="give a header row, then records"
        )

    def where(col: int | None, message: str, got: str | None) -> Problem:
        return Problem(message, str(path), 1, col, "header", None if got is None else repr(got))

    fields, problems = _header(rows[0][1], where)
    records: list[dict[str, Any]] = []
    marks: dict[tuple[str | int, ...], tuple[int, int]] = {}
    for line, row in rows[1:]:
        if all(not cell.strip() for cell in row):
            continue
        index = len(records)
        record: dict[str, Any] = {}
        marks["records", index] = (line, 1)
        for col, cell in enumerate(row, start=1):
            value = cell.strip()
            if not value:
                continue
            field = fields.get(col)
            if field is None:
                if col > len(rows[0][1]):
                    problems.append(
                        Problem("a cell beyond the header", str(path), line, col, got=repr(value))
                    )
                continue
            record[field] = value
            marks["records", index, field] = (line, col)
        records.append(record)
    if problems:
        raise InputError(
            f"{path}: {len(problems)} problem(s) in the evidence register",
            field="file",
            problems=tuple(problems),
            hint=_HINT,
        )
    return _validate({"records": records}, file=str(path), marks=marks)


# --- Excel ---------------------------------------------------------------------------------------


def _open(path: Path) -> tuple[Workbook, Workbook]:
    return open_xlsx(path, data_only=True), open_xlsx(path, data_only=False)


def _sheet(names: list[str]) -> str:
    for want in _SHEETS:
        for name in names:
            if cell_key(name) == cell_key(want):
                return name
    return names[0]


def _cell_of(marks: Mapping[tuple[str | int, ...], str], path: tuple[str | int, ...]) -> str | None:
    key = path
    while key and key not in marks:
        key = key[:-1]
    return marks.get(key)


def _load_xlsx(path: Path) -> EvidenceRegister:
    values, formulas = _open(path)
    reader = CellReader(path.name, values, formulas)
    sheet = _sheet(values.sheetnames)
    ws = values[sheet]
    header_row = None
    for row in range(1, min(ws.max_row, 10) + 1):
        cells = [ws.cell(row=row, column=c).value for c in range(1, ws.max_column + 1)]
        if "item" in {EVIDENCE_COLUMNS.get(cell_key(c)) for c in cells if c is not None}:
            header_row = row
            break
    if header_row is None:
        raise InputError(
            f"{path.name}: no header row with an 'item' column in the first ten rows of sheet "
            f"{sheet!r}",
            field="file",
            hint=_HINT,
        )
    header = [ws.cell(row=header_row, column=c).value for c in range(1, ws.max_column + 1)]

    def where(col: int | None, message: str, got: str | None) -> Problem:
        ref = reader.ref(sheet, header_row, col) if col else reader.ref(sheet, header_row)
        return Problem(message, ref, got=None if got is None else repr(got))

    fields, problems = _header(header, where)
    records: list[dict[str, Any]] = []
    marks: dict[tuple[str | int, ...], str] = {}
    for row in occupied_rows(ws, header_row + 1):
        if all(ws.cell(row=row, column=c).value in {None, ""} for c in fields):
            continue
        index = len(records)
        marks["records", index] = reader.ref(sheet, row)
        record: dict[str, Any] = {}
        for col, field in fields.items():
            value: object
            if field == "unit_price":
                value = reader.money(sheet, row, col)
            elif field in {"date", "valid_until"}:
                value = reader.date(sheet, row, col)
            else:
                value = reader.text(sheet, row, col)
            if value is not None:
                record[field] = value
                marks["records", index, field] = reader.ref(sheet, row, col)
        records.append(record)
    problems += [p for p, _ in reader.problems]
    problems += reader.uncached
    if problems:
        raise InputError(
            f"{path.name}: {len(problems)} problem(s) in the evidence register",
            field="file",
            problems=tuple(problems),
            hint=_HINT,
        )
    data = {"records": records}
    try:
        return EvidenceRegister.model_validate(data)
    except ValidationError as exc:
        located = tuple(
            Problem(
                err.message,
                file=_cell_of(marks, err.path) or path.name,
                path=".".join(str(p) for p in err.path),
                got=err.got,
            )
            for err in located_errors(exc, data)
        )
        raise InputError(
            f"{path.name}: {len(located)} problem(s) in the evidence register",
            field="file",
            problems=located,
            hint=_HINT,
        ) from None
