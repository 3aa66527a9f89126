"""The reading shared by the stage workbooks: headers, cells and problems at ``Sheet!Cell``.

Private to :mod:`ictcost.stages`: :mod:`~ictcost.stages.selection_plan` (the KHLCNT table) and
:mod:`~ictcost.stages.payments_sheet` (a payment register) read their tables through it; the
layouts and the rules they follow are described in :mod:`ictcost.stages.workbook`. Here: text
folded for matching (:func:`fold`), the columns a reader knows (:class:`Field`), finding the
header row under merged title rows (sub-headers under a merged parent, a row of column numbers, an
amount column in another unit than the đồng refused), reading a row's cells (amounts, dates, words
of a table) and raising every problem at once (:meth:`Reader.raise_problems`); an Excel 97-2003
``.xls`` file is refused before it is opened (:func:`refuse_xls`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from pydantic import ValidationError

from ictcost._internal._coerce import CoercionError
from ictcost.errors import ErrorCode, InputError
from ictcost.inputs.files import CellReader, check_readable, occupied_rows, used_columns
from ictcost.money import parse_amount
from ictcost.report.messages import CATALOGUE
from ictcost.types import parse_date

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "CONTRACTS",
    "PAYMENTS",
    "PLAN",
    "Cells",
    "Field",
    "Lang",
    "Reader",
    "Table",
    "catalogue",
    "empty_cell",
    "fold",
    "header_key",
    "header_map",
    "refuse_xls",
    "word_table",
]

Lang = Literal["vi", "en"]


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


def header_key(text: str) -> str:
    """Return a header in the form headers are matched in: folded, without brackets or ``*``."""
    return fold(_BRACKETS.sub(" ", text).replace("*", " "))


def word_table(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Return the key each folded word (and each folded key) of a table of words is read as."""
    out = {fold(key): key for key in table}
    for key, words in table.items():
        for word in words:
            out[fold(word)] = key
    return out


def catalogue(code: str, lang: Lang = "vi") -> str:
    """Return the text of a message code of the catalogue, in ``lang``."""
    message = CATALOGUE[code]
    return message.vi if lang == "vi" else message.en


# --- the columns of the tables --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """A column a reader knows: its key, the headers it is known by, whether it is required."""

    key: str
    headers: tuple[str, ...]
    required: bool = False


PLAN: Final = "plan"
"""The subject of the KHLCNT table (the ``plan`` of its message codes)."""
PAYMENTS: Final = "payments"
"""The subject of a payment register (the ``payments`` of its message codes)."""
CONTRACTS: Final = "contracts"
"""The subject of a contract register (the ``contracts`` of its message codes)."""
_SUBJECT_WORDS: Final = {
    PLAN: "selection plan",
    PAYMENTS: "payment register",
    CONTRACTS: "contract register",
}


def header_map(table: str, fields: tuple[Field, ...]) -> dict[str, Field]:
    """Return the field each known header of a table is read as (its catalogue headers too)."""
    out: dict[str, Field] = {}
    for field in fields:
        names = list(field.headers)
        code = f"stages_workbook.col.{table}.{field.key}"
        if code in CATALOGUE:
            names += [catalogue(code, "vi"), catalogue(code, "en")]
        for name in names:
            out.setdefault(header_key(name), field)
    return out


# --- cells ----------------------------------------------------------------------------------------


class Cells(CellReader):
    """A cell reader whose locations are ``Sheet!Cell`` (the workbook is named once, above)."""

    def ref(self, sheet: str, row: int, col: int | None = None) -> str:
        """The location ``Sheet!F7`` of a cell, or ``Sheet!7:7`` of a row (no ``col``)."""
        if col is None:
            return f"{sheet}!{row}:{row}"
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        return f"{sheet}!{get_column_letter(col)}{row}"


_PASSED_OVER: Final = frozenset(
    {"summary", "source", "procedure", "duration", "execution", "option", "note"}
)
"""Columns of the form that are recognised and read past (a second one is no problem)."""
_AMOUNTS: Final = frozenset({"price", "amount", "recovered", "value", "winning_price"})
_OTHER_UNIT = re.compile(
    r"\b(?:triệu|trieu|tr\.?đ|nghìn|nghin|ngàn|ngan|tỷ|tỉ|ty|usd)\b", re.IGNORECASE
)
_GOT = re.compile(r"\s*\(got [^()]*\)")
_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?\s*$", re.IGNORECASE)
_NUMBERING = re.compile(r"\(?\d{1,2}\)?")
_TOTALS: Final = frozenset({"tong", "tongcong", "cong", "tongso", "tonggiatri", "tonggiagoithau"})


@dataclass(slots=True)
class Table:
    """A table found in a sheet: its header row, its columns and the rows of data after it."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    rows: list[int]


class Reader:
    """Reads one workbook's table, collecting every located problem before it raises."""

    def __init__(self, file: Path, subject: str) -> None:
        from ictcost.inputs.files import open_xlsx  # noqa: PLC0415

        refuse_xls(file)
        self.file = file
        self.subject = subject
        values = open_xlsx(file, data_only=True)
        formulas = open_xlsx(file, data_only=False)
        self.cells = Cells(file.name, values, formulas)

    @property
    def values(self) -> Workbook:
        """The workbook's stored values (the cached results of its formulas)."""
        return self.cells.values

    def problem(
        self, ref: str, message: str, got: object = None, *, code: ErrorCode = "input-invalid"
    ) -> None:
        """Record a problem at ``ref`` (raised with the others by :meth:`raise_problems`)."""
        self.cells.problem(ref, message, got, code=code)

    # --- finding the table ------------------------------------------------------------------------

    def find(self, table: str, fields: tuple[Field, ...], sheet: str | None, what: str) -> Table:
        """Find the table's header row in ``sheet`` (or the first sheet that has one)."""
        headers = header_map(table, fields)
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
            repr(catalogue(f"stages_workbook.col.{table}.{f.key}")) for f in fields if f.required
        )
        where = names[0] if len(names) == 1 else ", ".join(names)
        raise InputError(
            f"{self.file.name}: no table of the {what} found in {where}: no row of headers "
            f"naming at least two of the columns {required}",
            field="file",
            hint=f"give the workbook (or sheet=) that holds the {what}; its header row names "
            f"the columns {required} (case and diacritics do not matter)",
        )

    def _header(self, sheet: str, headers: dict[str, Field]) -> tuple[int, dict[int, Field]] | None:
        """The first header row of ``sheet`` (in its first 60 rows) and its columns' fields."""
        ws = self.values[sheet]
        cols = used_columns(ws)
        for row in occupied_rows(ws)[:60]:
            known: dict[int, Field] = {}
            for col in range(1, cols + 1):
                text = self.cells.text(sheet, row, col)
                field = headers.get(header_key(text)) if text else None
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
        known: dict[int, Field],
        fields: tuple[Field, ...],
        headers: dict[str, Field],
    ) -> Table:
        """The table under the header ``row``: sub-headers, column numbers, its columns."""
        ws = self.values[sheet]
        cols = used_columns(ws)
        start = row + 1
        # a row of sub-headers under merged parents ("Gói thầu" over "Tên gói thầu", "Tóm tắt")
        # or "Thời gian" over "Bắt đầu tổ chức lựa chọn nhà thầu": the two read together
        below = {c: self.cells.text(sheet, start, c) for c in range(1, cols + 1)}
        below_known = {
            c: headers.get(header_key(t))
            or headers.get(header_key(f"{self._parent(sheet, row, c)} {t}"))
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
                heading = catalogue(f"stages_workbook.col.{self.subject}.{field.key}")
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
        return Table(sheet, row, columns, rows)

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

    def text(self, table: Table, row: int, key: str) -> str | None:
        """The text of column ``key`` in ``row`` (``None``: empty, or no such column)."""
        return self.cells.text(table.sheet, row, table.columns.get(key))

    def ref(self, table: Table, row: int, key: str) -> str:
        """The location of column ``key`` in ``row`` (the row's, without such a column)."""
        col = table.columns.get(key)
        return self.cells.ref(table.sheet, row, col)

    def amount(self, table: Table, row: int, key: str) -> Decimal | None:
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

    def date(self, table: Table, row: int, key: str) -> dt.date | None:
        """A date (a date cell or text ``15/01/2026``); else a problem and ``None``."""
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
        table: Table,
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
        lookup = word_table(words)
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

    def is_total(self, table: Table, row: int) -> bool:
        """Tell a total row (``Tổng cộng`` …) by its number, id, name, contract or document cell."""
        for key in ("stt", "id", "name", "contract", "number"):
            text = self.text(table, row, key)
            if text is not None and (fold(text) in _TOTALS or fold(text).startswith("tongcong")):
                return True
        return False

    def empty(self, table: Table, row: int, keys: tuple[str, ...]) -> bool:
        """Tell whether the cells of the columns ``keys`` (those the table has) are empty."""
        return all(
            self.cells.raw(table.sheet, row, table.columns[k]) is None
            for k in keys
            if k in table.columns
        )

    def model_problems(self, exc: ValidationError, refs: Mapping[str, str], row_ref: str) -> None:
        """Record each error of a model's validation at its field's cell (else the row's)."""
        for error in exc.errors(include_url=False):
            loc = error.get("loc") or ()
            key = str(loc[0]) if loc else ""
            self.problem(
                refs.get(key, row_ref), str(error.get("msg", "invalid")), error.get("input")
            )

    def raise_problems(self, sheet: str, hint: str) -> None:
        """Raise every problem recorded (uncached formulas too) in one ``InputError``."""
        found = self.cells.all_problems()
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
        """What the table is, in messages (``selection plan``, ``payment register``)."""
        return _SUBJECT_WORDS[self.subject]


_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refuse_xls(file: Path) -> None:
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


def empty_cell(reader: Reader, table: Table, row: int, key: str) -> bool:
    """Tell whether the cell of column ``key`` in ``row`` holds nothing (the column is known)."""
    return reader.cells.raw(table.sheet, row, table.columns[key]) is None
