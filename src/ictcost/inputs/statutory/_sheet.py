"""Reading a sheet's table: its header, unit and rows, classified and linked into a tree.

Each row gets its STT level (Roman numerals, numbers, letters, bullets), its figures and texts,
then its kind (group, contingency, total, VAT, part, text or item); rows are linked under the
rows above them by their STT, and a *Cộng …* row closes its group.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

from ictcost.inputs.statutory._amounts import THOUSANDS, UNITS, ZERO, to_money, to_number, to_rate
from ictcost.inputs.statutory._groups import CONTINGENCY, GROUP_HEADINGS, SYMBOLS, match_heading
from ictcost.inputs.statutory._header import column_letter, find_header
from ictcost.inputs.statutory._project import META_KEYS
from ictcost.inputs.statutory._state import Level, Row, State, Table, descendants
from ictcost.inputs.statutory._text import cell_text, fold, shorten

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["read_sheet"]

_MONEY: Final = ("unit_price", "amount", "vat", "total")


_TOTAL_START: Final = ("tongcong", "tong", "cong")


_VAT_START: Final = ("thuegtgt", "thuevat", "thuegiatrigiatang", "vat")


_WORDS_START: Final = "bangchu"


_GROUP_SUBTOTAL: Final = re.compile(
    r"cộng(\s+(nhóm|mục|phần|khoản mục))?\s*([ivx]+|\d+)?\s*[.:]?", re.IGNORECASE
)
"""The total of one group: *Cộng*, *Cộng I*, *Cộng nhóm II* (not *Cộng (I+II+III)*)."""


_STT_LEVELS: Final[tuple[tuple[re.Pattern[str], Level], ...]] = (  # Level: below
    (re.compile(r"(?=.)X{0,3}(IX|IV|V?I{0,3})"), "group"),
    (re.compile(r"\d+(\.\d+)*"), "number"),
    (re.compile(r"[a-zđ]"), "letter"),
    (re.compile(r"[A-H]"), "part"),
)
"""The levels of an STT: Roman numerals (groups), numbers, letters, capital letters (parts)."""


_ROMAN_PREFIX: Final = re.compile(r"([IVX]+)[.)]\s+(\S.*)", re.DOTALL)


_BULLETS: Final = {"-": 1, "–": 1, "—": 1, "*": 1, "•": 1, "+": 2}


_ROMAN_VALUES: Final = {"I": 1, "V": 5, "X": 10}


def read_sheet(state: State, sheet: str) -> Table | None:
    """Find the table of a sheet and read its rows (``None``: no table, reported)."""
    ws = state.cells.values[sheet]
    ncols = min(ws.max_column, state.limits.scan_columns)
    where = f"{state.cells.label}!{sheet}"
    if ws.max_column > state.limits.scan_columns:
        state.note(
            where,
            "skipped",
            "column",
            f"only the first {state.limits.scan_columns} columns are read (the sheet has "
            f"{ws.max_column})",
        )
    found = find_header(state, ws, ncols)
    if found is None:
        state.note(
            where,
            "skipped",
            "sheet",
            "no header row with a name column ('Nội dung chi phí', 'Khoản mục chi phí' …) and "
            f"an amount column ('Giá trị trước thuế', 'Thành tiền' …) in the first "
            f"{state.limits.header_rows} rows",
        )
        return None
    header, cols, data_start, labels = found
    kind: Literal["summary", "detail"] = (
        "detail" if "unit_price" in cols or "quantity" in cols else "summary"
    )
    index = state.cells.values.sheetnames.index(sheet) + 1
    table = Table(sheet, index, kind, header, cols, Decimal(1), [], [])
    state.note(
        table.ref(state, header),
        "read",
        "header",
        f"{kind} table; columns: "
        + ", ".join(
            f"{name} {column_letter(c)}" for name, c in sorted(cols.items(), key=lambda kv: kv[1])
        ),
    )
    used = set(cols.values())
    for c, label in sorted(labels.items()):
        if c not in used:
            state.note(
                table.ref(state, header, c), "skipped", "column", f"column {label!r} is not read"
            )
    for r in range(1, header):
        for c in range(1, ncols + 1):
            text = cell_text(state, sheet, r, c)
            if text is not None:
                table.above.append((r, c, text))
    _sheet_unit(state, table)
    _read_rows(state, ws, table, data_start, ncols)
    return table


def _sheet_unit(state: State, table: Table) -> None:
    """The amounts' unit, from *Đơn vị tính: …* above the table (default đồng)."""
    for r, c, text in table.above:
        key, _, value = text.partition(":")
        if META_KEYS.get(fold(key)) != "unit":
            continue
        if not value.strip():
            value = next((t for rr, cc, t in table.above if rr == r and cc > c), "")
        unit = UNITS.get(fold(value))
        ref = table.ref(state, r, c)
        if unit is None:
            state.note(
                ref, "skipped", "unit", f"unit {value.strip()!r} not understood; đồng assumed"
            )
        elif unit != 1:
            table.scale = unit
            state.note(ref, "assumed", "unit", f"amounts in {value.strip()}: multiplied by {unit}")
        else:
            state.note(ref, "read", "unit", "amounts in đồng")
        return


def _parse_stt(value: object) -> tuple[str | None, Level]:
    if value is None:
        return None, "none"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        return None, "none"
    bare = text.rstrip(".)").strip() or text
    if bare in _BULLETS:
        return bare, "bullet"
    return bare, next((level for pattern, level in _STT_LEVELS if pattern.fullmatch(bare)), "other")


def _read_rows(state: State, ws: Worksheet, table: Table, start: int, ncols: int) -> None:
    """Read the table's rows, from ``start`` to the amount in words or the empty rows."""
    empty = 0
    row = start
    last = ws.max_row
    ended = False
    while row <= last:
        texts = [
            (c, t) for c in range(1, ncols + 1) if (t := cell_text(state, table.sheet, row, c))
        ]
        if not texts:
            empty += 1
            if empty >= state.limits.max_empty_rows:
                break
            row += 1
            continue
        empty = 0
        if ended:
            table.below.extend((row, c, t) for c, t in texts)
            state.note(
                table.ref(state, row),
                "skipped",
                "text",
                f"after the table: {shorten(' '.join(t for _, t in texts))}",
            )
            row += 1
            continue
        if any(fold(t).startswith(_WORDS_START) for _, t in texts):
            words = " ".join(t for _, t in texts)
            table.words = Row(row, None, "none", words, kind="words")
            ended = True
            row += 1
            continue
        parsed = _parse_row(state, table, row)
        if parsed is not None:
            table.rows.append(parsed)
        row += 1
    if table.thousands:
        cells = ", ".join(table.thousands[:12]) + (" …" if len(table.thousands) > 12 else "")
        state.note(
            f"{state.cells.label}!{table.sheet}",
            "assumed",
            "amount",
            f"{len(table.thousands)} amount(s) written with one '.' or ',' before three digits "
            f"('1.500') read with it as the thousands separator (1500): {cells}",
        )
    _classify(state, table)


def _parse_row(state: State, table: Table, row: int) -> Row | None:
    """Read one row's cells (figures, rate, texts); problems become report entries."""
    sheet, cols = table.sheet, table.cols

    def get(name: str) -> object:
        col = cols.get(name)
        return None if col is None else state.cells.raw(sheet, row, col)

    def text(name: str) -> str | None:
        col = cols.get(name)
        return None if col is None else cell_text(state, sheet, row, col)

    stt, level = _parse_stt(get("stt"))
    label = text("name")
    if label is not None and level == "none" and (m := _ROMAN_PREFIX.fullmatch(label)):
        stt, level, label = m[1], "group", m[2].strip()
    if (
        level == "other"
        and stt is not None
        and label is None
        and (m := _ROMAN_PREFIX.fullmatch(stt))
    ):
        stt, level, label = m[1], "group", m[2].strip()
    r = Row(row, stt, level, label)
    r.formula, r.symbol, r.unit = text("formula"), text("symbol"), text("unit")
    r.note, r.basis = text("note"), text("basis")
    _read_figures(state, table, r, get)
    if label is None and stt is None and not r.has_figures:
        if r.formula or r.note or r.symbol:
            state.note(table.ref(state, row), "skipped", "text", "a row without name or figures")
        return None
    return r


def _read_figures(state: State, table: Table, r: Row, get: Callable[[str], object]) -> None:
    """Read a row's amounts, quantity and VAT rate; an unreadable cell is reported, not used."""
    row = r.row
    for name in _MONEY:
        try:
            figure = to_money(get(name), table.scale)
        except (ValueError, TypeError) as exc:
            state.note(
                table.col_ref(state, row, name),
                "skipped",
                "amount",
                f"{name}: not an amount ({exc})",
            )
            continue
        if figure is not None:
            r.figures[name] = figure.value
            if figure.assumed == THOUSANDS:
                table.thousands.append(table.col_ref(state, row, name).rpartition("!")[2])
            elif figure.assumed:
                state.note(table.col_ref(state, row, name), "assumed", "amount", figure.assumed)
    try:
        r.quantity = to_number(get("quantity"))
    except (ValueError, TypeError) as exc:
        state.note(
            table.col_ref(state, row, "quantity"),
            "skipped",
            "amount",
            f"quantity: not a number ({exc})",
        )
    if "vat_rate" in table.cols:
        cell = state.cells.values[table.sheet].cell(row=row, column=table.cols["vat_rate"])
        try:
            r.rate = to_rate(get("vat_rate"), str(cell.number_format))
        except (ValueError, TypeError) as exc:
            state.note(
                table.col_ref(state, row, "vat_rate"),
                "skipped",
                "amount",
                f"VAT rate: not a rate ({exc})",
            )
        if r.rate.assumed:
            state.note(table.col_ref(state, row, "vat_rate"), "assumed", "amount", r.rate.assumed)


def _is_total(label: str) -> bool:
    """A total row's name: *Tổng cộng*, *Cộng …*, *Tổng …* (``Công …`` is not one)."""
    lower = unicodedata.normalize("NFC", label).strip().casefold()
    return lower.startswith(("tổng", "cộng")) or fold(label).startswith("tongcong")


def _classify(state: State, table: Table) -> None:
    """Give each row its kind (group, contingency, total, VAT, part or item) and link them."""
    has_roman = any(r.level == "group" for r in table.rows)
    for r in table.rows:
        label = r.label or ""
        loose = r.level in {"none", "other", "part"}
        if loose and label and _is_total(label):
            r.kind = "total"
            continue
        if loose and fold(label).startswith(_VAT_START):
            r.kind = "vat"
            continue
        top = r.level == "group" or (
            not has_roman and r.level == "number" and r.stt is not None and "." not in r.stt
        )
        heading = match_heading(state, r.label, exact=not has_roman) or SYMBOLS.get(
            fold(r.symbol or "")
        )
        if match_heading(state, r.label) == CONTINGENCY:
            heading = CONTINGENCY
        if heading == CONTINGENCY and (top or r.level in {"none", "other"}):
            r.kind, r.heading = "contingency", heading
        elif r.level == "group" or (top and heading in GROUP_HEADINGS):
            r.kind, r.heading = "group", heading
        elif r.level == "part":
            r.kind = "part"
        elif r.stt is None and not r.has_figures:
            r.kind = "text"
    _link(table)


def _link(table: Table) -> None:
    """Build the tree: groups, then rows under rows by their STT; totals close a group."""
    group: Row | None = None
    stack: list[Row] = []
    last: Row | None = None
    for r in table.rows:
        if r.kind in {"group", "contingency", "part"}:
            group, stack, last = (None if r.kind == "part" else r), [], r
            r.depth = 0
            continue
        if r.kind == "total":
            if group is not None and _closes(group, r):
                group.subtotal = r
                r.parent = group
            else:
                table.totals.append(r)
            continue
        if r.kind == "vat":
            table.vat_rows.append(r)
            continue
        if r.kind == "text":
            continue
        r.depth = _depth(r, stack, last)
        while stack and stack[-1].depth >= r.depth:
            stack.pop()
        parent = stack[-1] if stack else group
        if parent is not None:
            r.parent = parent
            parent.children.append(r)
        stack.append(r)
        last = r


def _closes(group: Row, r: Row) -> bool:
    """Whether a total row is its group's: *Cộng …* naming no other group, adding up its rows."""
    label = unicodedata.normalize("NFC", r.label or "").strip()
    if group.subtotal is not None or not group.children or not _GROUP_SUBTOTAL.fullmatch(label):
        return False
    if not group.figures:
        return True
    leaves = [d for d in descendants(group) if not d.children]
    return any(
        name in r.figures
        and r.figures[name] == sum((d.figures.get(name, ZERO) for d in leaves), ZERO)
        for name in ("amount", "total")
    )


def _depth(r: Row, stack: list[Row], last: Row | None) -> int:
    base = next((s.depth for s in reversed(stack) if s.level in {"number", "letter"}), 0)
    if r.level == "number" and r.stt is not None:
        return r.stt.count(".") + 1
    if r.level == "letter":
        return base + 1
    if r.level == "bullet" and r.stt is not None:
        letter = next((s.depth for s in reversed(stack) if s.level != "bullet"), 0)
        return letter + _BULLETS[r.stt]
    if last is None or last.kind in {"group", "contingency"}:
        return 1
    return last.depth if last.has_figures else last.depth + 1
