"""Finding a sheet's header row and mapping its labels to the columns read.

The header row is the first of the first ``header_rows`` rows with a name column and an amount
column; a header on two rows is joined and a row of column numbers under it is skipped. Labels
are compared as :func:`_header_key` (folded, without a parenthesised part or a currency or tax
suffix).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

from ictcost.inputs.statutory._text import PARENS, cell_text, fold

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.inputs.statutory._state import State

__all__ = ["column_letter", "find_header"]

_SUFFIXES: Final = ("gtgt", "vat", "dong", "vnd")


def _header_key(text: object) -> str:
    """A header label's key: folded, without a parenthesised part or a currency/tax suffix."""
    key = fold(PARENS.sub(" ", str(text)))
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key.removesuffix(suffix)
                changed = True
    return key


def _keys(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {_header_key(alias): name for name, aliases in table.items() for alias in aliases}


_COLUMNS: Final = _keys(
    {
        "stt": ("STT", "TT", "Số TT", "Số thứ tự"),
        "name": (
            "Nội dung chi phí",
            "Khoản mục chi phí",
            "Nội dung",
            "Khoản mục",
            "Hạng mục",
            "Hạng mục chi phí",
            "Tên chi phí",
            "Tên hàng hóa",
            "Tên hàng hóa, dịch vụ",
            "Tên thiết bị",
            "Tên hạng mục",
            "Danh mục",
            "Nội dung công việc",
            "Tên",
        ),
        "symbol": ("Ký hiệu",),
        "formula": (
            "Cách tính",
            "Diễn giải",
            "Diễn giải cách tính",
            "Cách tính / Diễn giải",
            "Công thức",
            "Công thức tính",
            "Cách xác định",
        ),
        "basis": ("Căn cứ", "Căn cứ xác định", "Nguồn giá"),
        "unit": ("Đơn vị", "Đơn vị tính", "ĐVT"),
        "quantity": ("Khối lượng", "Số lượng", "KL", "SL"),
        "unit_price": ("Đơn giá", "Đơn giá trước thuế", "Đơn giá chưa thuế"),
        "amount": (
            "Giá trị trước thuế",
            "Thành tiền trước thuế",
            "Giá trị chưa thuế",
            "Thành tiền chưa thuế",
            "Chi phí trước thuế",
            "Kinh phí trước thuế",
            "Thành tiền",
            "Giá trị",
            "Kinh phí",
            "Số tiền",
            "Trước thuế",
            "Chưa thuế",
        ),
        "vat_rate": ("Thuế suất", "Thuế suất GTGT", "Thuế suất VAT"),
        "vat": ("Thuế GTGT", "Thuế VAT", "VAT", "Thuế", "Tiền thuế", "Thuế giá trị gia tăng"),
        "total": (
            "Giá trị sau thuế",
            "Thành tiền sau thuế",
            "Giá trị có thuế",
            "Thành tiền có thuế",
            "Giá trị bao gồm thuế",
            "Thành tiền bao gồm thuế",
            "Kinh phí sau thuế",
            "Chi phí sau thuế",
            "Sau thuế",
            "Có thuế",
            "Bao gồm thuế",
        ),
        "note": ("Ghi chú",),
    }
)
"""Header labels (as :func:`_header_key`) → the field of the column."""


_FIGURES: Final = frozenset({"amount", "vat", "total", "unit_price"})


def column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return str(get_column_letter(col))


def _header_fields(labels: Mapping[int, str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for col, label in sorted(labels.items()):
        name = _header_field(label)
        if name is not None and name not in cols:
            cols[name] = col
    return cols


def _header_field(label: str) -> str | None:
    key = _header_key(label)
    name = _COLUMNS.get(key)
    if "%" in label and (name in {"vat", "vat_rate"} or key in {"thue", ""}):
        return "vat_rate"
    return name


def _row_texts(state: State, ws: Worksheet, row: int, ncols: int) -> dict[int, str]:
    return {
        c: t for c in range(1, ncols + 1) if (t := cell_text(state, ws.title, row, c)) is not None
    }


def find_header(
    state: State, ws: Worksheet, ncols: int
) -> tuple[int, dict[str, int], int, dict[int, str]] | None:
    """The header row, its columns (a second header row joined) and the first data row."""
    last = min(ws.max_row, state.limits.header_rows)
    for row in range(1, last + 1):
        labels = _row_texts(state, ws, row, ncols)
        cols = _header_fields(labels)
        if "name" not in cols or not (_FIGURES & cols.keys()):
            continue
        start = row + 1
        sub = _row_texts(state, ws, start, ncols)
        header_like = all(_header_field(t) is not None or _number_label(t) for t in sub.values())
        if sub and header_like and not all(_number_label(t) for t in sub.values()):
            joined = dict(labels)
            for c, t in sub.items():
                top = _merged_top(ws, row, c)
                both = f"{top} {t}" if top else t
                joined[c] = both if _header_field(both) is not None else t
            cols = _header_fields(joined)
            labels = joined
            start += 1
        numbering = _row_texts(state, ws, start, ncols)
        if len(numbering) >= 3 and all(_number_label(t) for t in numbering.values()):
            state.note(state.cells.ref(ws.title, start), "skipped", "header", "column numbers")
            start += 1
        return row, cols, start, labels
    return None


def _merged_top(ws: Worksheet, row: int, col: int) -> str | None:
    """The text of the merged range above ``(row, col)`` (a header spanning sub-columns)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            value = ws.cell(row=rng.min_row, column=rng.min_col).value
            return str(value).strip() if value is not None else None
    value = ws.cell(row=row, column=col).value
    return str(value).strip() if value is not None else None


def _number_label(text: str) -> bool:
    """A column-numbering cell: ``1``, ``(1)``, ``(3)=(1)x(2)``, ``A``, ``B``."""
    t = text.strip()
    return bool(
        re.fullmatch(r"\(?\d{1,2}\)?(\s*=\s*[\d()+\-x×*/. ]+)?", t) or re.fullmatch(r"[A-Z]", t)
    )
