r"""Read stage records from the workbooks they come in (``excel`` extra): the KHLCNT table, payments.

**The contractor-selection plan (KHLCNT).** :func:`read_selection_plan` reads the table of
packages of a plan ("Bảng kế hoạch lựa chọn nhà thầu", "Phụ lục: Danh mục gói thầu") into a
:class:`~ictcost.stages.model.SelectionPlan`. Its columns are the contents Luật Đấu thầu
22/2023/QH15 Điều 39 requires of each package (read in the consolidation with Luật 57/2024 and
90/2025 published by dauthau.gxd.vn, as captured in GitHub ``dannd/autotender-vn``
``data/samples/legal_corpus/luat_22_2023_qh15.jsonl``, 2026-08-04; source ``L22`` of
``norms/vn/stages/stage-thresholds.yaml``): k1 *tên gói thầu*, k2 *giá gói thầu* (the whole cost
of the package, contingency, fees and taxes included), k3 *nguồn vốn*, k4 *hình thức và phương
thức lựa chọn nhà thầu*, k5 *thời gian tổ chức lựa chọn nhà thầu* and *thời gian bắt đầu tổ chức
lựa chọn nhà thầu* ("được ghi rõ theo tháng hoặc quý trong năm"), k6 *loại hợp đồng* (one of
Điều 64), k7 *thời gian thực hiện gói thầu*, k8 *tùy chọn mua thêm* (if any). The tables of the
national e-procurement system's KHLCNT import, as two public tools reproduce them (GitHub, found
2026-12-02 by the exact string "Tóm tắt công việc chính của gói thầu"), have the columns STT,
Tên gói thầu, Tóm tắt công việc chính của gói thầu, Lĩnh vực, Giá gói thầu (VND), Chi tiết
nguồn vốn, Hình thức LCNT, Phương thức LCNT, Thời gian tổ chức LCNT, Thời gian bắt đầu tổ chức
LCNT (``Quý I, 2026``), Loại hợp đồng, Thời gian thực hiện gói thầu, Tùy chọn mua thêm. The form
of the plan in the circulars of Bộ KH&ĐT (TT 22/2024/TT-BKHĐT) or under NĐ 214/2025/NĐ-CP was
not read: the reader knows the headers above and their usual variants, not one fixed layout.

============================  ===============================================================
column (any of the headers)   read as
============================  ===============================================================
Mã gói thầu / Ký hiệu gói     the package id (without it, the STT as written)
thầu / Số hiệu gói thầu
Tên gói thầu *                ``name``
Loại gói thầu / Lĩnh vực      ``kind`` — Tư vấn, Phi tư vấn, Hàng hóa, Xây lắp, Hỗn hợp (Luật
                              Đấu thầu Điều 4 k4, k5 …); else ``kinds=`` gives it
Giá gói thầu *                ``price`` — đồng, a number cell or text ``1.033.956.000``
                              (:func:`ictcost.money.parse_amount`)
Hình thức lựa chọn nhà        ``selection`` — the words of :data:`SELECTION_WORDS` (Điều 20);
thầu * / Hình thức LCNT       the form may be followed by ``trong nước``, ``qua mạng`` …
Thời gian bắt đầu tổ chức     ``start`` — ``Quý III/2025`` (the quarter's first day),
lựa chọn nhà thầu             ``Tháng 7/2025``, ``7/2025`` (the month's first day), a date
Loại hợp đồng *               ``contract_type`` — the words of :data:`CONTRACT_TYPE_WORDS`
Dòng dự toán / Mã dòng        ``lines`` — line ids, separated by commas or semicolons
Căn cứ chỉ định thầu          ``exemption``
============================  ===============================================================

The other columns of the form (STT, tóm tắt công việc, nguồn vốn, phương thức, thời gian tổ
chức, thời gian thực hiện, tùy chọn mua thêm, ghi chú) and any unknown column are read past.
Headers match whatever their case, their diacritics (typed or not), line breaks and a unit in
brackets (``Giá gói thầu\n(VND)``); a header row may have a row of sub-headers under a merged
parent, and a row of column numbers ``(1) (2) …``. The header row is found under any merged
title rows. Rows without a price, a form and a contract type (group headings, signatures), a
group's row numbered ``I``, ``II``, ``A`` … without a form and a type (its subtotal) and the
``Tổng cộng`` row are skipped. An amount column whose header names another unit (``triệu
đồng``, ``nghìn đồng``, ``tỷ``, ``USD``) is refused: the plan approves prices in đồng, and a
figure rounded to millions is not the approved price. A column read into the plan given twice
is refused (which one holds the plan?).

The plan's decision (number, date, issuer) is given as ``decision=``, or read from a cell above
the table such as ``(Kèm theo Quyết định số 225/QĐ-STP ngày 10/06/2025 của Sở Tư pháp tỉnh)``;
with neither, or with two different decisions above the table, the reader asks for it.

**A payment register.** :func:`read_payments` reads a simple table (Hợp đồng, Ngày, Số tiền,
Loại: ``Tạm ứng`` / ``Thanh toán``, Thu hồi tạm ứng, Chứng từ, optionally Ngày chứng từ) into
:class:`~ictcost.stages.model.Payment` records: an advance (tạm ứng) or a payment (thanh toán)
with the advance it recovers (thu hồi tạm ứng): NĐ 254/2025/NĐ-CP Điều 9 (advance) and Điều 10
(payment), as source ``N254`` of ``norms/vn/stages/stage-thresholds.yaml`` reads them (not read
again here).

Every problem of a workbook is reported at once, in one :class:`~ictcost.errors.InputError`,
each at its cell ``Sheet!Cell`` (``KHLCNT!F7``). Workbooks are opened through
:func:`ictcost.inputs._cells.open_xlsx` (size, zip-bomb and XML-entity guards); an Excel 97-2003
``.xls`` file is refused with how to convert it. :func:`write_selection_plan_template` writes a
blank KHLCNT workbook in this layout.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_selection_plan_template(Path(folder) / "khlcnt.xlsx")
    ...     read_selection_plan(path)
    Traceback (most recent call last):
    ...
    ictcost.errors.InputError: khlcnt.xlsx: 1 problem(s) in the selection plan (sheet KHLCNT)
    ...
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import ValidationError

from ictcost._internal._atomic import atomic_write_bytes
from ictcost._internal._coerce import CoercionError
from ictcost.errors import ErrorCode, InputError, Problem
from ictcost.inputs.files import CellReader, check_readable, occupied_rows, used_columns
from ictcost.money import parse_amount
from ictcost.report.messages import CATALOGUE
from ictcost.stages.model import Decision, Payment, PlannedPackage, SelectionPlan
from ictcost.types import parse_date

if TYPE_CHECKING:
    import os

    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "CONTRACT_TYPE_WORDS",
    "KIND_WORDS",
    "PAYMENT_KIND_WORDS",
    "SELECTION_WORDS",
    "read_payments",
    "read_selection_plan",
    "write_selection_plan_template",
]

Lang = Literal["vi", "en"]

SELECTION_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "open_tender": ("Đấu thầu rộng rãi",),
    "limited_tender": ("Đấu thầu hạn chế",),
    "direct_appointment": ("Chỉ định thầu", "Chỉ định thầu rút gọn", "Chỉ định thầu thông thường"),
    "competitive_offer": ("Chào hàng cạnh tranh", "Chào hàng cạnh tranh rút gọn"),
    "other": (
        "Mua sắm trực tiếp",
        "Tự thực hiện",
        "Tham gia thực hiện của cộng đồng",
        "Đàm phán giá",
        "Lựa chọn nhà thầu trong trường hợp đặc biệt",
        "Đặt hàng",
    ),
}
"""The forms of contractor selection (hình thức lựa chọn nhà thầu) of Luật Đấu thầu 22/2023/QH15
Điều 20 k1 and the key each is read as; the forms the model does not name apart are ``other``.
A cell may add words after the form (``Đấu thầu rộng rãi trong nước, qua mạng``); a word not in
this table is refused."""

CONTRACT_TYPE_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "lump_sum": ("Trọn gói", "Hợp đồng trọn gói"),
    "fixed_unit_price": ("Theo đơn giá cố định", "Đơn giá cố định"),
    "adjustable_unit_price": ("Theo đơn giá điều chỉnh", "Đơn giá điều chỉnh"),
    "time_based": ("Theo thời gian",),
    "output_based": ("Theo kết quả đầu ra", "Kết quả đầu ra"),
    "percentage": ("Theo tỷ lệ phần trăm", "Theo tỷ lệ %", "Theo tỷ lệ"),
    "mixed": ("Hỗn hợp", "Hợp đồng hỗn hợp"),
}
"""The contract types of Luật Đấu thầu 22/2023/QH15 Điều 64 and the words read as each (a leading
``Hợp đồng`` is ignored). ``Theo đơn giá`` alone is refused: fixed or adjustable?"""

KIND_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "consulting": ("Tư vấn", "Dịch vụ tư vấn"),
    "non_consulting": ("Phi tư vấn", "Dịch vụ phi tư vấn"),
    "goods": ("Hàng hóa", "Mua sắm hàng hóa"),
    "works": ("Xây lắp",),
    "mixed": ("Hỗn hợp",),
}
"""The kinds of package (Luật Đấu thầu 22/2023/QH15 Điều 4: dịch vụ tư vấn, dịch vụ phi tư vấn,
hàng hóa, xây lắp, hỗn hợp) — the *Lĩnh vực* of the e-procurement system — and their words."""

PAYMENT_KIND_WORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "advance": ("Tạm ứng", "Tạm ứng hợp đồng"),
    "payment": ("Thanh toán", "Thanh toán khối lượng hoàn thành", "Thanh toán hợp đồng"),
}
"""The kinds of a payment register's row: an advance (tạm ứng) or a payment (thanh toán)."""


# --- folding text ---------------------------------------------------------------------------------


def fold(text: object) -> str:
    r"""Return text in a comparable form: no case, no diacritics (``đ`` is ``d``), letters and digits.

    Examples:
        >>> fold("Giá gói thầu") == fold("GIA GOI THAU") == fold("Gia goi\nthau")
        True
    """
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return "".join(ch for ch in bare if ch.isalnum())


_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _header_key(text: str) -> str:
    return fold(_BRACKETS.sub(" ", text).replace("*", " "))


def _word_table(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    out = {fold(key): key for key in table}
    for key, words in table.items():
        for word in words:
            out[fold(word)] = key
    return out


def _catalogue(code: str, lang: Lang = "vi") -> str:
    message = CATALOGUE[code]
    return message.vi if lang == "vi" else message.en


# --- the columns of the tables --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    """A column a reader knows: its key, the headers it is known by, whether it is required."""

    key: str
    headers: tuple[str, ...]
    required: bool = False


_PLAN: Final = "plan"
_PAYMENTS: Final = "payments"

_PLAN_FIELDS: Final = (
    _Field("stt", ("STT", "TT", "Số TT", "Số thứ tự")),
    _Field(
        "id",
        ("Mã gói thầu", "Ký hiệu gói thầu", "Số hiệu gói thầu", "Mã số gói thầu", "Số gói thầu"),
    ),
    _Field("name", ("Tên gói thầu",), required=True),
    _Field(
        "summary",
        ("Tóm tắt công việc chính của gói thầu", "Tóm tắt công việc chính", "Tóm tắt công việc"),
    ),
    _Field("kind", ("Loại gói thầu", "Lĩnh vực", "Lĩnh vực gói thầu", "Lĩnh vực đấu thầu")),
    _Field("price", ("Giá gói thầu",), required=True),
    _Field("source", ("Nguồn vốn", "Chi tiết nguồn vốn")),
    _Field(
        "selection",
        (
            "Hình thức lựa chọn nhà thầu",
            "Hình thức LCNT",
            "Hình thức và phương thức lựa chọn nhà thầu",
            "Hình thức, phương thức lựa chọn nhà thầu",
            "Hình thức và phương thức LCNT",
        ),
        required=True,
    ),
    _Field("procedure", ("Phương thức lựa chọn nhà thầu", "Phương thức LCNT")),
    _Field("duration", ("Thời gian tổ chức lựa chọn nhà thầu", "Thời gian tổ chức LCNT")),
    _Field(
        "start",
        (
            "Thời gian bắt đầu tổ chức lựa chọn nhà thầu",
            "Thời gian bắt đầu tổ chức LCNT",
            "Thời gian bắt đầu lựa chọn nhà thầu",
            "Thời gian bắt đầu",
        ),
    ),
    _Field("contract_type", ("Loại hợp đồng", "Hình thức hợp đồng"), required=True),
    _Field(
        "execution",
        ("Thời gian thực hiện gói thầu", "Thời gian thực hiện hợp đồng", "Thời gian thực hiện"),
    ),
    _Field("option", ("Tùy chọn mua thêm",)),
    _Field("lines", ("Dòng dự toán", "Mã dòng", "Mã dòng dự toán", "Các dòng dự toán")),
    _Field("exemption", ("Căn cứ chỉ định thầu", "Căn cứ áp dụng chỉ định thầu")),
    _Field("note", ("Ghi chú",)),
)
"""The columns of the KHLCNT table (Luật Đấu thầu 22/2023/QH15 Điều 39), see the module docstring."""

_PAYMENT_FIELDS: Final = (
    _Field("stt", ("STT", "TT", "Số TT")),
    _Field("contract", ("Hợp đồng", "Số hợp đồng", "Mã hợp đồng"), required=True),
    _Field("date", ("Ngày", "Ngày thanh toán", "Ngày tạm ứng"), required=True),
    _Field(
        "amount", ("Số tiền", "Giá trị", "Số tiền thanh toán", "Giá trị thanh toán"), required=True
    ),
    _Field("kind", ("Loại", "Loại thanh toán"), required=True),
    _Field("recovered", ("Thu hồi tạm ứng", "Số tiền thu hồi tạm ứng")),
    _Field("document", ("Chứng từ", "Số chứng từ", "Số hiệu chứng từ"), required=True),
    _Field("document_date", ("Ngày chứng từ",)),
    _Field("note", ("Ghi chú",)),
)
"""The columns of a payment register."""


def _header_map(table: str, fields: tuple[_Field, ...]) -> dict[str, _Field]:
    out: dict[str, _Field] = {}
    for field in fields:
        names = list(field.headers)
        code = f"stages_workbook.col.{table}.{field.key}"
        if code in CATALOGUE:
            names += [_catalogue(code, "vi"), _catalogue(code, "en")]
        for name in names:
            out.setdefault(_header_key(name), field)
    return out


# --- cells ----------------------------------------------------------------------------------------


class _Cells(CellReader):
    """A cell reader whose locations are ``Sheet!Cell`` (the workbook is named once, above)."""

    def ref(self, sheet: str, row: int, col: int | None = None) -> str:
        if col is None:
            return f"{sheet}!{row}:{row}"
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        return f"{sheet}!{get_column_letter(col)}{row}"


_PASSED_OVER: Final = frozenset(
    {"summary", "source", "procedure", "duration", "execution", "option", "note"}
)
"""Columns of the form that are recognised and read past (a second one is no problem)."""
_AMOUNTS: Final = frozenset({"price", "amount", "recovered"})
_OTHER_UNIT = re.compile(
    r"\b(?:triệu|trieu|tr\.?đ|nghìn|nghin|ngàn|ngan|tỷ|tỉ|ty|usd)\b", re.IGNORECASE
)
_GOT = re.compile(r"\s*\(got [^()]*\)")
_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?\s*$", re.IGNORECASE)
_NUMBERING = re.compile(r"\(?\d{1,2}\)?")
_TOTALS: Final = frozenset({"tong", "tongcong", "cong", "tongso", "tonggiatri", "tonggiagoithau"})


@dataclass(slots=True)
class _Table:
    """A table found in a sheet: its header row, its columns and the rows of data after it."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: list[int]


class _Reader:
    """Reads one workbook's table, collecting every located problem before it raises."""

    def __init__(self, file: Path, subject: str) -> None:
        from ictcost.inputs.files import open_xlsx  # noqa: PLC0415

        _refuse_xls(file)
        self.file = file
        self.subject = subject
        values = open_xlsx(file, data_only=True)
        formulas = open_xlsx(file, data_only=False)
        self.cells = _Cells(file.name, values, formulas)

    @property
    def values(self) -> Workbook:
        return self.cells.values

    def problem(
        self, ref: str, message: str, got: object = None, *, code: ErrorCode = "input-invalid"
    ) -> None:
        self.cells.problem(ref, message, got, code=code)

    # --- finding the table ------------------------------------------------------------------------

    def find(self, table: str, fields: tuple[_Field, ...], sheet: str | None, what: str) -> _Table:
        """Find the table's header row in ``sheet`` (or the first sheet that has one)."""
        headers = _header_map(table, fields)
        names = list(self.values.sheetnames)
        if sheet is not None:
            found = next((n for n in names if n == sheet), None)
            found = found or next((n for n in names if fold(n) == fold(sheet)), None)
            if found is None:
                raise InputError(
                    f"{self.file.name}: no sheet {sheet!r} (sheets: {', '.join(names)})",
                    field="sheet",
                    hint="give the name of the sheet that holds the " + what,
                )
            names = [found]
        for name in names:
            located = self._header(name, headers)
            if located is not None:
                return self._columns(name, *located, fields, headers)
        required = ", ".join(
            repr(_catalogue(f"stages_workbook.col.{table}.{f.key}")) for f in fields if f.required
        )
        where = names[0] if len(names) == 1 else ", ".join(names)
        raise InputError(
            f"{self.file.name}: no table of the {what} found in {where}: no row of headers "
            f"naming at least two of the columns {required}",
            field="file",
            hint=f"give the workbook (or sheet=) that holds the {what}; its header row names "
            f"the columns {required} (case and diacritics do not matter)",
        )

    def _header(
        self, sheet: str, headers: dict[str, _Field]
    ) -> tuple[int, dict[int, _Field]] | None:
        ws = self.values[sheet]
        cols = used_columns(ws)
        for row in occupied_rows(ws)[:60]:
            known: dict[int, _Field] = {}
            for col in range(1, cols + 1):
                text = self.cells.text(sheet, row, col)
                field = headers.get(_header_key(text)) if text else None
                if field is not None:
                    known[col] = field
            required = sum(1 for f in set(known.values()) if f.required)
            if required >= 2 and len(known) >= 3:
                return row, known
        return None

    def _columns(
        self,
        sheet: str,
        row: int,
        known: dict[int, _Field],
        fields: tuple[_Field, ...],
        headers: dict[str, _Field],
    ) -> _Table:
        ws = self.values[sheet]
        cols = used_columns(ws)
        start = row + 1
        # a row of sub-headers under merged parents ("Gói thầu" over "Tên gói thầu", "Tóm tắt")
        # or "Thời gian" over "Bắt đầu tổ chức lựa chọn nhà thầu": the two read together
        below = {c: self.cells.text(sheet, start, c) for c in range(1, cols + 1)}
        below_known = {
            c: headers.get(_header_key(t))
            or headers.get(_header_key(f"{self._parent(sheet, row, c)} {t}"))
            for c, t in below.items()
            if t
        }
        if below_known and all(f is not None for f in below_known.values()):
            for col, field in below_known.items():
                if field is not None and col not in known:
                    known[col] = field
            start += 1
        columns: dict[str, int] = {}
        for col, field in sorted(known.items()):
            if field.key in columns and field.key in _PASSED_OVER:
                continue  # a column read past, given twice: nothing is read from either
            if field.key in columns:
                first = self.cells.ref(sheet, row, columns[field.key])
                self.problem(
                    self.cells.ref(sheet, row, col),
                    f"a second column of {field.key!r} (the first is {first}): delete one",
                    self.cells.text(sheet, row, col),
                )
                continue
            columns[field.key] = col
            if field.key in _AMOUNTS:
                self._unit(sheet, row, col, start - 1)
        header_row = start - 1
        for field in fields:
            if field.required and field.key not in columns:
                heading = _catalogue(f"stages_workbook.col.{self.subject}.{field.key}")
                self.problem(
                    self.cells.ref(sheet, row),
                    f"no column {heading!r} in the header row: add it (it is required)",
                )
        # a row of column numbers "(1) (2) (3) …" under the headers
        texts = [self.cells.text(sheet, start, c) for c in range(1, cols + 1)]
        filled = [t for t in texts if t]
        if len(filled) >= 3 and all(_NUMBERING.fullmatch(t.replace(" ", "")) for t in filled):
            start += 1
        rows = [r for r in occupied_rows(ws, start) if r > header_row]
        return _Table(sheet, row, columns, rows)

    def _unit(self, sheet: str, row: int, col: int, last: int) -> None:
        """Refuse an amount column whose header gives another unit than the đồng."""
        for r in range(row, last + 1):
            header = self.cells.text(sheet, r, col) or ""
            if _OTHER_UNIT.search(header):
                self.problem(
                    self.cells.ref(sheet, r, col),
                    "amounts in another unit than the đồng: write them in đồng, as the "
                    "decision states them (a rounded figure in millions is not the approved "
                    "price), and the header without the unit or with (đồng)",
                    header,
                    code="input-amount",
                )

    def _parent(self, sheet: str, row: int, col: int) -> str:
        """The text of the header cell over ``col`` in ``row`` (the top-left of its merge)."""
        ws = self.values[sheet]
        for merged in ws.merged_cells.ranges:
            if merged.min_row <= row <= merged.max_row and merged.min_col <= col <= merged.max_col:
                return self.cells.text(sheet, merged.min_row, merged.min_col) or ""
        return self.cells.text(sheet, row, col) or ""

    # --- cells of a row ---------------------------------------------------------------------------

    def text(self, table: _Table, row: int, key: str) -> str | None:
        return self.cells.text(table.sheet, row, table.columns.get(key))

    def ref(self, table: _Table, row: int, key: str) -> str:
        col = table.columns.get(key)
        return self.cells.ref(table.sheet, row, col)

    def amount(self, table: _Table, row: int, key: str) -> Decimal | None:
        """An amount: a number cell (the float rule of ``CellReader.money``) or text in đồng."""
        col = table.columns.get(key)
        if col is None:
            return None
        raw = self.cells.raw(table.sheet, row, col)
        if isinstance(raw, str):
            text = _UNIT.sub("", raw)
            try:
                return parse_amount(text, name=key)
            except InputError as exc:
                why = _GOT.sub("", exc.message.replace(f"'{key}' ", "the text ", 1))
                self.problem(
                    self.ref(table, row, key),
                    f"not an amount in đồng: {why}; {exc.hint or 'write digits only'}",
                    raw,
                    code="input-amount",
                )
                return None
        return self.cells.money(table.sheet, row, col)

    def date(self, table: _Table, row: int, key: str) -> dt.date | None:
        col = table.columns.get(key)
        if col is None:
            return None
        raw = self.cells.raw(table.sheet, row, col)
        if raw is None:
            return None
        try:
            return parse_date(raw, allow_datetime=True)
        except CoercionError as exc:
            hint = "a number is not a date: use a date cell or write 15/01/2026"
            if not isinstance(raw, (int, float)):
                hint = exc.hint or "write 15/01/2026"
            self.problem(self.ref(table, row, key), f"not a date: {hint}", raw, code="input-date")
            return None

    def word(
        self,
        table: _Table,
        row: int,
        key: str,
        words: Mapping[str, tuple[str, ...]],
        what: str,
        *,
        prefix: bool = False,
    ) -> str | None:
        """A choice given as one of its words (or its key); an unknown word is a problem."""
        text = self.text(table, row, key)
        if text is None:
            return None
        folded = fold(text)
        lookup = _word_table(words)
        found = lookup.get(folded)
        if found is None and folded.startswith("hopdong"):
            found = lookup.get(folded.removeprefix("hopdong"))
        if found is None and prefix:
            for word in sorted(lookup, key=len, reverse=True):
                if folded.startswith(word):
                    found = lookup[word]
                    break
        if found is None:
            shown = "; ".join(
                f"{', '.join(w) if k == 'other' else w[0]} ({k})" for k, w in words.items()
            )
            self.problem(self.ref(table, row, key), f"unknown {what}: write one of: {shown}", text)
        return found

    def is_total(self, table: _Table, row: int) -> bool:
        for key in ("stt", "id", "name", "contract"):
            text = self.text(table, row, key)
            if text is not None and (fold(text) in _TOTALS or fold(text).startswith("tongcong")):
                return True
        return False

    def empty(self, table: _Table, row: int, keys: tuple[str, ...]) -> bool:
        return all(
            self.cells.raw(table.sheet, row, table.columns[k]) is None
            for k in keys
            if k in table.columns
        )

    def model_problems(self, exc: ValidationError, refs: Mapping[str, str], row_ref: str) -> None:
        for error in exc.errors(include_url=False):
            loc = error.get("loc") or ()
            key = str(loc[0]) if loc else ""
            self.problem(
                refs.get(key, row_ref), str(error.get("msg", "invalid")), error.get("input")
            )

    def raise_problems(self, sheet: str, hint: str) -> None:
        found = [p for p, _ in self.cells.problems]
        found += [
            Problem(
                "a formula without a stored value: open and save the workbook in Excel or "
                "LibreOffice, or type the value",
                file=p.file,
                got=p.got,
            )
            for p in self.cells.uncached
        ]
        if not found:
            return
        codes = {code for _, code in self.cells.problems}
        code: ErrorCode = (
            codes.pop() if len(codes) == 1 and not self.cells.uncached else "input-invalid"
        )
        raise InputError(
            f"{self.file.name}: {len(found)} problem(s) in the {self.subject_words} (sheet {sheet})",
            code=code,
            field="file",
            problems=tuple(found),
            hint=hint,
        )

    @property
    def subject_words(self) -> str:
        return "selection plan" if self.subject == _PLAN else "payment register"


_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse_xls(file: Path) -> None:
    """Refuse an Excel 97-2003 workbook (by its suffix or its OLE signature) with how to convert."""
    check_readable(file, max_bytes=None)  # a pipe would block the read below
    head = b""
    try:
        with file.open("rb") as fh:
            head = fh.read(len(_OLE_MAGIC))
    except OSError:
        pass  # open_xlsx says why the file cannot be read
    if file.suffix.lower() == ".xls" or head == _OLE_MAGIC:
        raise InputError(
            f"{file}: an Excel 97-2003 workbook (.xls), which ictcost does not read",
            field="file",
            hint="open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx), or "
            "convert it with `soffice --headless --convert-to xlsx file.xls`",
        )


# --- the decision above the table -----------------------------------------------------------------

_DECISION = re.compile(
    r"(?:quy[eếềểễệ]t\s+[dđ][iịí]nh|q[dđ])\s*(?:s[oố]\s*)?[:.]?\s*"
    r"(?P<number>\d+/\S*?)\s*,?\s*ng[aàá]y\s+"
    r"(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
    r"|\d{1,2}\s+th[aá]ng\s+\d{1,2}\s+n[aă]m\s+\d{4})",
    re.IGNORECASE,
)
_SPELLED = re.compile(r"(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})", re.IGNORECASE)
_ISSUER = re.compile(
    r"\s+c[uủ]a\s+(?P<issuer>.+?)\s*(?:[);]|\s+v[eề]\s+|\s+v/v\s+|,|$)", re.IGNORECASE
)


def _decision_in(text: str) -> Decision | None:
    """Return the decision a title cell names (``Quyết định số 225/QĐ-STP ngày 10/06/2025``).

    A line citing the grounds of the plan (``Căn cứ Quyết định số …``) names another decision
    (the project's approval, say) and is passed over.
    """
    for line in text.splitlines():
        if fold(line).startswith("cancu"):
            continue
        match = _DECISION.search(line)
        if match is None:
            continue
        raw = match["date"]
        spelled = _SPELLED.fullmatch(raw)
        if spelled is not None:
            day, month, year = (int(g) for g in spelled.groups())
        else:
            day, month, year = (int(p) for p in re.split(r"\s*[/.-]\s*", raw))
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        tail = _ISSUER.match(line, match.end())
        issuer = tail["issuer"].strip().rstrip(".") if tail is not None else None
        return Decision(number=match["number"].rstrip(".,;"), date=date, issuer=issuer or None)
    return None


# --- the start of the selection -------------------------------------------------------------------

_ROMAN: Final = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(
    r"(?:qu[yý]|q)\s*(?P<q>iv|i{1,3}|[1-4])\s*(?:[/,.\-]|\s)\s*(?:n[aă]m\s*)?(?P<y>\d{4})",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"(?:(?:th[aá]ng|t)\s*)?(?P<m>\d{1,2})\s*(?:[/,.\-]|\s)\s*(?:n[aă]m\s*)?(?P<y>\d{4})",
    re.IGNORECASE,
)


def _start(value: object) -> dt.date:
    """Read when the selection starts: a quarter or month (its first day), or a date.

    Luật Đấu thầu 22/2023/QH15 Điều 39 k5: the start "được ghi rõ theo tháng hoặc quý trong năm";
    the model keeps it as the first day of that month or quarter.

    Raises:
        CoercionError: the value is none of these.
    """
    if isinstance(value, str):
        text = value.strip()
        quarter = _QUARTER.fullmatch(text)
        if quarter is not None:
            q = quarter["q"].lower()
            number = _ROMAN[q] if q in _ROMAN else int(q)
            return dt.date(int(quarter["y"]), 3 * (number - 1) + 1, 1)
        month = _MONTH.fullmatch(text)
        if month is not None and 1 <= int(month["m"]) <= 12:
            return dt.date(int(month["y"]), int(month["m"]), 1)
    return parse_date(value, allow_datetime=True)


# --- the public readers ---------------------------------------------------------------------------

_PLAN_HINT: Final = (
    "correct each cell listed; the layout is that of `write_selection_plan_template` (the "
    "columns of Luật Đấu thầu 22/2023 Điều 39)"
)
_KEY_FIELDS: Final = ("price", "selection", "contract_type")
_PLAN_TEXT_FIELDS: Final = ("id", "name", "kind", "price", "selection", "contract_type", "start")


def read_selection_plan(
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    decision: Decision | Mapping[str, Any] | None = None,
    kinds: Mapping[str, str] | None = None,
) -> SelectionPlan:
    """Read the table of packages of a contractor-selection plan (KHLCNT) from a workbook.

    Args:
        path: The ``.xlsx`` workbook.
        sheet: The sheet of the table (``None``: the first sheet that has one).
        decision: The decision approving the plan (number, date, issuer), when no cell above the
            table names it; when one does, the two must agree.
        kinds: The kind of each package (``{"GT-01": "consulting"}``) when the sheet has no
            column ``Loại gói thầu`` / ``Lĩnh vực`` (or a cell of it is empty). Keys of
            :data:`KIND_WORDS`.

    Returns:
        The plan: its packages in the order of the table, and its decision.

    Raises:
        InputError: the file is not a readable ``.xlsx`` workbook (an ``.xls`` is refused with
            how to convert it), no sheet holds the table, or cells are wrong — every problem at
            once, each at its cell ``Sheet!Cell``: a required column missing, a price that is not
            an amount, an unknown form or contract type, a package without a kind, two packages
            with one id, no decision (or two).
        ImportError: openpyxl (the ``excel`` extra) is not installed.
    """
    given = _given_decision(decision)
    known_kinds = _given_kinds(kinds)
    reader = _Reader(Path(path), _PLAN)
    table = reader.find(_PLAN, _PLAN_FIELDS, sheet, "selection plan (KHLCNT)")
    found = _table_decision(reader, table, given)
    packages: list[PlannedPackage] = []
    ids: dict[str, str] = {}
    if "id" not in table.columns and "stt" not in table.columns:
        reader.problem(
            reader.cells.ref(table.sheet, table.header_row),
            "no column of package ids ('Mã gói thầu') and no 'STT' column: add one",
        )
    for row in table.rows:
        if reader.is_total(table, row) or reader.empty(table, row, tuple(table.columns)):
            continue
        if reader.empty(table, row, _KEY_FIELDS) or _group_row(reader, table, row):
            continue  # a heading, a group's subtotal, a note or a signature row
        package = _package(reader, table, row, known_kinds, ids)
        if package is not None:
            packages.append(package)
    unknown = sorted(set(known_kinds) - set(ids))
    if unknown:
        reader.problem(
            reader.cells.ref(table.sheet, table.header_row),
            f"kinds= names packages the table does not hold: {', '.join(unknown)}",
        )
    if not packages and not reader.cells.problems:
        reader.problem(
            reader.cells.ref(table.sheet, table.header_row + 1),
            "no package under the header row: fill one row per package",
        )
    reader.raise_problems(table.sheet, _PLAN_HINT)
    assert found is not None
    return SelectionPlan(packages=tuple(packages), decision=found)


_GROUP = re.compile(r"(?:[IVXLC]+|[A-Z])\.?")


def _group_row(reader: _Reader, table: _Table, row: int) -> bool:
    """A group's heading or subtotal: numbered ``I``, ``II``, ``A`` … with no form and no type."""
    if not reader.empty(table, row, ("selection", "contract_type")):
        return False
    number = reader.text(table, row, "stt")
    return number is not None and _GROUP.fullmatch(number) is not None


def _given_decision(decision: Decision | Mapping[str, Any] | None) -> Decision | None:
    if decision is None or isinstance(decision, Decision):
        return decision
    try:
        return Decision.model_validate(dict(decision))
    except ValidationError as exc:
        raise InputError(
            f"decision=: not a decision ({exc.errors(include_url=False)[0]['msg']})",
            field="decision",
            hint="give {'number': '225/QĐ-STP', 'date': '2025-06-10'} (issuer optional)",
        ) from None


def _given_kinds(kinds: Mapping[str, str] | None) -> dict[str, str]:
    out = dict(kinds or {})
    wrong = sorted(k for k, v in out.items() if v not in KIND_WORDS)
    if wrong:
        raise InputError(
            f"kinds=: not a package kind for {', '.join(wrong)} "
            f"(got {', '.join(repr(out[k]) for k in wrong)})",
            field="kinds",
            hint=f"give one of {', '.join(KIND_WORDS)} for each package id",
        )
    return out


def _table_decision(reader: _Reader, table: _Table, given: Decision | None) -> Decision | None:
    """The plan's decision: ``decision=`` or the one cell above the table that names one."""
    ws = reader.values[table.sheet]
    named: list[tuple[str, Decision, bool]] = []
    unread: list[str] = []
    for row in occupied_rows(ws):
        if row >= table.header_row:
            break
        for col in range(1, used_columns(ws) + 1):
            text = reader.cells.text(table.sheet, row, col)
            if text is None:
                continue
            decision = _decision_in(text)
            ref = reader.cells.ref(table.sheet, row, col)
            if decision is not None:
                named.append((ref, decision, "kemtheo" in fold(text)))
            elif "quyetdinh" in fold(text) and not fold(text).startswith("cancu"):
                unread.append(ref)
    if any(attached for *_, attached in named):
        named = [n for n in named if n[2]]
    distinct = {(d.number, d.date) for _, d, _ in named}
    title_ref = unread[0] if unread else reader.cells.ref(table.sheet, 1, 1)
    if given is not None:
        for ref, decision, _ in named:
            if (decision.number, decision.date) != (given.number, given.date):
                reader.problem(
                    ref,
                    f"the sheet names decision {decision.number} of {decision.date:%d/%m/%Y}, "
                    f"decision= gives {given.number} of {given.date:%d/%m/%Y}: correct one",
                )
        return given
    if len(distinct) > 1:
        cells = ", ".join(ref for ref, _, _ in named)
        reader.problem(
            named[0][0],
            f"{len(distinct)} different decisions above the table ({cells}): say which "
            "approves the plan with decision=, or keep only the line '(Kèm theo Quyết định "
            "số … ngày …)'",
        )
        return None
    if not named:
        reader.problem(
            title_ref,
            (
                "this cell names no decision number and date"
                if unread
                else "no decision approving the plan above the table"
            )
            + ": write '(Kèm theo Quyết định số 225/QĐ-STP ngày 10/06/2025 của …)' above the "
            "header row, or give decision={'number': …, 'date': …}",
        )
        return None
    return named[0][1]


def _package(
    reader: _Reader,
    table: _Table,
    row: int,
    kinds: Mapping[str, str],
    ids: dict[str, str],
) -> PlannedPackage | None:
    refs = {key: reader.ref(table, row, key) for key in table.columns}
    row_ref = reader.cells.ref(table.sheet, row)
    before = len(reader.cells.problems)
    package_id = _package_id(reader, table, row, refs, ids)
    data: dict[str, Any] = {
        "id": package_id,
        "name": reader.text(table, row, "name"),
        "price": reader.amount(table, row, "price"),
        "selection": reader.word(
            table, row, "selection", SELECTION_WORDS, "form of selection", prefix=True
        ),
        "contract_type": reader.word(
            table, row, "contract_type", CONTRACT_TYPE_WORDS, "contract type"
        ),
        "kind": _package_kind(reader, table, row, refs, package_id=package_id, kinds=kinds),
    }
    start = reader.cells.raw(table.sheet, row, table.columns["start"]) if "start" in refs else None
    if start is not None:
        try:
            data["start"] = _start(start)
        except CoercionError:
            reader.problem(
                refs["start"],
                "not a month or quarter: write Quý III/2025, Tháng 7/2025 or a date",
                start,
                code="input-date",
            )
    lines = reader.text(table, row, "lines")
    if lines is not None:
        data["lines"] = tuple(p.strip() for p in re.split(r"[,;\n]", lines) if p.strip())
    exemption = reader.text(table, row, "exemption")
    if exemption is not None:
        data["exemption"] = exemption
    for key in ("name", "price", "selection", "contract_type"):
        if key in refs and _empty_cell(reader, table, row, key):
            reader.problem(refs[key], "required: fill in this cell")
    if len(reader.cells.problems) > before:
        return None
    try:
        return PlannedPackage.model_validate(data)
    except ValidationError as exc:
        reader.model_problems(exc, refs, row_ref)
        return None


def _package_id(
    reader: _Reader, table: _Table, row: int, refs: dict[str, str], ids: dict[str, str]
) -> str | None:
    """The package's id (column ``Mã gói thầu``, else the STT as written), distinct."""
    id_key = "id" if "id" in table.columns else "stt"
    package_id = reader.text(table, row, id_key)
    refs["id"] = refs.get(id_key, reader.cells.ref(table.sheet, row))
    if package_id is None:
        if id_key in table.columns:
            reader.problem(refs["id"], "no package id: write the package's id (GT-01)")
    elif package_id in ids:
        reader.problem(
            refs["id"],
            f"package id {package_id!r} is used twice (first at {ids[package_id]}): give each "
            "package its own id",
        )
    else:
        ids[package_id] = refs["id"]
    return package_id


def _package_kind(
    reader: _Reader,
    table: _Table,
    row: int,
    refs: dict[str, str],
    *,
    package_id: str | None,
    kinds: Mapping[str, str],
) -> str | None:
    """The package's kind: its cell, else ``kinds=``; never guessed from its name or method."""
    given = kinds.get(package_id or "")
    if reader.text(table, row, "kind") is not None:
        kind = reader.word(table, row, "kind", KIND_WORDS, "package kind")
        if kind is not None and given is not None and given != kind:
            reader.problem(
                refs["kind"], f"the sheet says {kind!r}, kinds= says {given!r}: correct one"
            )
        return kind
    if given is None:
        column = "fill the column" if "kind" in refs else "add a column"
        reader.problem(
            refs.get("kind", refs["id"]),
            f"package {package_id or '?'} has no kind: {column} 'Loại gói thầu' (Tư vấn, Phi "
            f"tư vấn, Hàng hóa, Xây lắp, Hỗn hợp) or give kinds={{{package_id or 'id'!r}: "
            "'goods'}",
        )
    return given


def _empty_cell(reader: _Reader, table: _Table, row: int, key: str) -> bool:
    return reader.cells.raw(table.sheet, row, table.columns[key]) is None


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
    reader = _Reader(Path(path), _PAYMENTS)
    table = reader.find(_PAYMENTS, _PAYMENT_FIELDS, sheet, "payment register")
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


def _payment(reader: _Reader, table: _Table, row: int) -> Payment | None:
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
        if key in table.columns and _empty_cell(reader, table, row, key):
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


# --- the template ---------------------------------------------------------------------------------

_TEMPLATE_COLUMNS: Final = (
    ("stt", 6),
    ("id", 10),
    ("name", 36),
    ("summary", 36),
    ("kind", 14),
    ("price", 18),
    ("source", 18),
    ("selection", 20),
    ("procedure", 20),
    ("duration", 14),
    ("start", 16),
    ("contract_type", 18),
    ("execution", 14),
    ("option", 12),
    ("lines", 20),
    ("exemption", 24),
)
_HEADER_ROW: Final = 4
_FIRST_ROW: Final = 6
_BLANK_ROWS: Final = 30


def write_selection_plan_template(path: str | os.PathLike[str], *, lang: Lang = "vi") -> Path:
    """Write a blank KHLCNT workbook in the layout :func:`read_selection_plan` reads.

    Row 1 the title, row 2 the decision line to fill, row 4 the headers (Luật Đấu thầu
    22/2023/QH15 Điều 39, plus the package id, its kind and the estimate lines it covers), row 5
    the column numbers, packages from row 6; the kind, the form of selection and the contract
    type are drop-down lists of the words the reader knows. A second sheet says how to fill it.

    Args:
        path: The ``.xlsx`` file to write (replaced atomically; its folder must exist).
        lang: The language of the sheet names, the title and the guide (the headers are
            Vietnamese in both: they are the form's).

    Returns:
        The path written.

    Raises:
        InputError: the folder does not exist.
        ImportError: XlsxWriter (the ``excel`` extra) is not installed.
    """
    import xlsxwriter  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(
            f"cannot write {target}: the folder {target.parent} does not exist",
            field="file",
            hint="create the folder first, or give another path",
        )
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet(_catalogue("stages_workbook.sheet.plan", lang))
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    italic = wb.add_format({"italic": True, "align": "center"})
    header = wb.add_format(
        {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1}
    )
    numbering = wb.add_format({"italic": True, "align": "center", "border": 1})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    money = wb.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    last = len(_TEMPLATE_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, _catalogue("stages_workbook.title", lang), title)
    ws.merge_range(1, 0, 1, last, _catalogue("stages_workbook.decision_line", "vi"), italic)
    ws.merge_range(2, 0, 2, last, _catalogue("stages_workbook.subtitle", lang), italic)
    ws.set_row(_HEADER_ROW - 1, 60)
    for col, (key, width) in enumerate(_TEMPLATE_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(_HEADER_ROW - 1, col, _catalogue(f"stages_workbook.col.plan.{key}"), header)
        ws.write_string(_HEADER_ROW, col, f"({col + 1})", numbering)
        fmt = money if key == "price" else cell
        for row in range(_FIRST_ROW - 1, _FIRST_ROW - 1 + _BLANK_ROWS):
            ws.write_blank(row, col, None, fmt)
    lists = {
        "kind": [_catalogue(f"template.value.package_kind.{k}") for k in KIND_WORDS],
        "selection": [w[0] for k, w in SELECTION_WORDS.items() if k != "other"]
        + ["Chỉ định thầu rút gọn", *SELECTION_WORDS["other"]],
        "contract_type": [
            _catalogue(f"stages_workbook.contract_type.{k}") for k in CONTRACT_TYPE_WORDS
        ],
    }
    for col, (key, _) in enumerate(_TEMPLATE_COLUMNS):
        if key in lists:
            ws.data_validation(
                _FIRST_ROW - 1,
                col,
                _FIRST_ROW - 2 + _BLANK_ROWS,
                col,
                {"validate": "list", "source": lists[key], "error_type": "warning"},
            )
    ws.freeze_panes(_FIRST_ROW - 1, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(_HEADER_ROW - 1, _HEADER_ROW)
    guide = wb.add_worksheet(_catalogue("stages_workbook.sheet.guide", lang))
    guide.set_column(0, 0, 72)
    guide.fit_to_pages(1, 0)
    guide.set_paper(9)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    guide.write_string(
        0,
        0,
        _catalogue("stages_workbook.guide.title", lang),
        wb.add_format({"bold": True, "font_size": 13}),
    )
    keys = ("decision", "rows", "id", "kind", "price", "start", "lines", "read")
    for i, key in enumerate(keys, start=2):
        text = _catalogue(f"stages_workbook.guide.{key}", lang)
        guide.set_row(i, 15 * (len(text) // 64 + 1))  # a spreadsheet does not grow wrapped rows
        guide.write_string(i, 0, text, wrap)
    wb.close()
    return atomic_write_bytes(target, buffer.getvalue())
