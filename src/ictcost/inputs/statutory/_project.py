"""The project's metadata from the texts above the tables, then the fields given over them.

``key: value`` cells (*Dự án: …*, *Chủ đầu tư: …*, *Ngày: …*), the estimate's kind and the
document from the titles, the date from *ngày … tháng … năm …*; ``project`` overrides them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from ictcost._internal._coerce import CoercionError, coerce_date
from ictcost.errors import InputError
from ictcost.inputs.statutory._text import fold, fold_words, shorten

if TYPE_CHECKING:
    from ictcost.inputs.statutory._state import State, Table

__all__ = ["META_KEYS", "project_meta"]

META_KEYS: Final = {
    **{
        fold(k): "name"
        for k in (
            "Dự án",
            "Tên dự án",
            "Công trình",
            "Tên công trình",
            "Nhiệm vụ",
            "Tên nhiệm vụ",
            "Kế hoạch",
            "Tên kế hoạch",
            "Hạng mục",
            "Gói thầu",
        )
    },
    **{fold(k): "owner" for k in ("Chủ đầu tư", "Đơn vị chủ trì", "Chủ trì")},
    **{
        fold(k): "preparer"
        for k in ("Đơn vị lập", "Đơn vị lập dự toán", "Đơn vị tư vấn", "Đơn vị tư vấn lập")
    },
    **{fold(k): "reviewer" for k in ("Đơn vị thẩm tra",)},
    **{fold(k): "date" for k in ("Ngày", "Ngày lập", "Thời điểm lập")},
    **{fold(k): "unit" for k in ("Đơn vị tính", "ĐVT")},
}
"""Labels of ``key: value`` cells above the table."""


_DOCUMENTS: Final = (
    ("baocaokinhtekythuat", ("investment", "ktkt_report")),
    ("bcktkt", ("investment", "ktkt_report")),
    ("baocaonghiencuukhathi", ("investment", "feasibility_study")),
    ("kehoachthuedichvu", ("rental", "rental_plan")),
    ("decuongvadutoan", ("recurrent_task", "detailed_outline")),
)


_DATE_WORDS: Final = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")


_DATE_NUMERIC: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def project_meta(
    state: State, tables: list[Table], given: Mapping[str, object] | None
) -> dict[str, Any]:
    """The project's metadata: what the sheets state, then ``given`` over it."""
    meta: dict[str, Any] = {}
    texts = [(t, r, c, s) for t in tables for r, c, s in t.above]
    _meta_cells(state, meta, texts)
    _title_facts(state, meta, texts)
    if "date" not in meta:
        _date_anywhere(state, meta, tables)
    for key, value in (given or {}).items():
        where = f"{state.cells.label} (project={key!r})"
        meta[key] = value
        if key == "date":
            with contextlib.suppress(CoercionError):  # the model reports it, at this place
                meta[key] = coerce_date(value)
        state.marks["project", key] = where
        state.note(where, "read", "project", f"{key}: {shorten(str(value))} (given)")
    required = ["name", "date"] + ([] if meta.get("form") else ["project_kind", "document"])
    missing = [k for k in required if meta.get(k) is None]
    if missing:
        raise InputError(
            f"{state.cells.label}: the workbook does not state the project's {', '.join(missing)}",
            field="project",
            hint="pass them as project={" + ", ".join(f"'{k}': …" for k in missing) + "} "
            "(project_kind: investment, purchase, rental, recurrent_task; document: "
            "feasibility_study, ktkt_report, rental_plan, detailed_outline)",
            report=state.report(),
            missing=missing,
        )
    return meta


def _meta_cells(
    state: State, meta: dict[str, Any], texts: list[tuple[Table, int, int, str]]
) -> None:
    """``key: value`` cells above the tables (*Dự án: …*, *Chủ đầu tư: …*, *Ngày: …*)."""
    for table, r, c, text in texts:
        key, sep, value = text.partition(":")
        name = META_KEYS.get(fold(key))
        if name is None or not sep or name == "unit":
            continue
        value = value.strip() or next(
            (s for tt, rr, cc, s in texts if tt is table and rr == r and cc > c), ""
        )
        if not value or name in meta:
            continue
        ref = table.ref(state, r, c)
        if name == "date":
            day = _date_of(value) or _date_cell(state, table, r, c)
            if day is not None:
                meta["date"] = day
                state.marks["project", "date"] = ref
                state.note(ref, "read", "project", f"date {day.isoformat()}")
            continue
        meta[name] = value
        state.marks["project", name] = ref
        state.note(ref, "read", "project", f"{name}: {shorten(value)}")


def _date_anywhere(state: State, meta: dict[str, Any], tables: list[Table]) -> None:
    """The first *ngày … tháng … năm …* (or ``dd/mm/yyyy``) of a title, row or signature."""
    for table in tables:
        labels = [(r.row, table.cols["name"], r.label) for r in table.rows if r.label]
        for r, c, text in (*table.above, *labels, *table.below):
            day = _date_of(text)
            if day is not None:
                meta["date"] = day
                ref = table.ref(state, r, c)
                state.marks["project", "date"] = ref
                state.note(ref, "assumed", "project", f"date {day.isoformat()} from {text!r}")
                return


def _date_of(text: str) -> dt.date | None:
    folded = " ".join(fold_words(text))
    m = _DATE_WORDS.search(folded) or _DATE_NUMERIC.search(text)
    if m is None:
        return None
    try:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _date_cell(state: State, table: Table, row: int, col: int) -> dt.date | None:
    ws = state.cells.values[table.sheet]
    for c in range(col + 1, min(ws.max_column, state.limits.scan_columns) + 1):
        value = ws.cell(row=row, column=c).value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
    return None


def _title_facts(
    state: State,
    meta: dict[str, Any],
    texts: list[tuple[Table, int, int, str]],
) -> None:
    """The estimate's kind and the document, from the titles above the tables."""
    for t, r, c, text in texts:
        key = fold(text)
        ref = t.ref(state, r, c)
        if "kind" not in meta and ("tongmucdautu" in key or "dutoan" in key):
            meta["kind"] = "tong_muc_dau_tu" if "tongmucdautu" in key else "du_toan"
            state.marks["project", "kind"] = ref
            state.note(ref, "read", "project", f"kind {meta['kind']} from the title")
        if "document" not in meta:
            for word, (kind, document) in _DOCUMENTS:
                if word in key:
                    meta["project_kind"], meta["document"] = kind, document
                    state.marks["project", "document"] = ref
                    state.marks["project", "project_kind"] = ref
                    state.note(
                        ref,
                        "assumed",
                        "project",
                        f"project_kind {kind}, document {document} from {shorten(text)!r}",
                    )
                    break
