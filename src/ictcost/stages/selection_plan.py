"""Read the contractor-selection plan (KHLCNT) from its workbook: :func:`read_selection_plan`.

The table of packages of a plan ("Bảng kế hoạch lựa chọn nhà thầu", "Phụ lục: Danh mục gói
thầu"), with the contents Luật Đấu thầu 22/2023/QH15 Điều 39 requires of each package, read into
a :class:`~ictcost.stages.model.SelectionPlan`: the columns it knows, the rows it skips and what it
refuses are described in :mod:`ictcost.stages.workbook` (which re-exports everything here). The
words of the forms of selection, the contract types and the kinds of package are
:data:`SELECTION_WORDS`, :data:`CONTRACT_TYPE_WORDS` and :data:`KIND_WORDS`; the plan's decision
is ``decision=`` or the cell above the table that names it (``(Kèm theo Quyết định số
225/QĐ-STP ngày 10/06/2025 của …)``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from pydantic import ValidationError

from ictcost._internal._coerce import CoercionError
from ictcost.errors import InputError
from ictcost.inputs.files import occupied_rows, used_columns
from ictcost.stages._sheet_reader import PLAN, Field, Reader, Table, empty_cell, fold
from ictcost.stages.model import Decision, PlannedPackage, SelectionPlan
from ictcost.types import parse_date

if TYPE_CHECKING:
    import os

__all__ = ["CONTRACT_TYPE_WORDS", "KIND_WORDS", "SELECTION_WORDS", "read_selection_plan"]

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


_PLAN_FIELDS: Final = (
    Field("stt", ("STT", "TT", "Số TT", "Số thứ tự")),
    Field(
        "id",
        ("Mã gói thầu", "Ký hiệu gói thầu", "Số hiệu gói thầu", "Mã số gói thầu", "Số gói thầu"),
    ),
    Field("name", ("Tên gói thầu",), required=True),
    Field(
        "summary",
        ("Tóm tắt công việc chính của gói thầu", "Tóm tắt công việc chính", "Tóm tắt công việc"),
    ),
    Field("kind", ("Loại gói thầu", "Lĩnh vực", "Lĩnh vực gói thầu", "Lĩnh vực đấu thầu")),
    Field("price", ("Giá gói thầu",), required=True),
    Field("source", ("Nguồn vốn", "Chi tiết nguồn vốn")),
    Field(
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
    Field("procedure", ("Phương thức lựa chọn nhà thầu", "Phương thức LCNT")),
    Field("duration", ("Thời gian tổ chức lựa chọn nhà thầu", "Thời gian tổ chức LCNT")),
    Field(
        "start",
        (
            "Thời gian bắt đầu tổ chức lựa chọn nhà thầu",
            "Thời gian bắt đầu tổ chức LCNT",
            "Thời gian bắt đầu lựa chọn nhà thầu",
            "Thời gian bắt đầu",
        ),
    ),
    Field("contract_type", ("Loại hợp đồng", "Hình thức hợp đồng"), required=True),
    Field(
        "execution",
        ("Thời gian thực hiện gói thầu", "Thời gian thực hiện hợp đồng", "Thời gian thực hiện"),
    ),
    Field("option", ("Tùy chọn mua thêm",)),
    Field("lines", ("Dòng dự toán", "Mã dòng", "Mã dòng dự toán", "Các dòng dự toán")),
    Field("exemption", ("Căn cứ chỉ định thầu", "Căn cứ áp dụng chỉ định thầu")),
    Field("note", ("Ghi chú",)),
)
"""The columns of the KHLCNT table (Luật Đấu thầu 22/2023/QH15 Điều 39), see the module docstring."""


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
    reader = Reader(Path(path), PLAN)
    table = reader.find(PLAN, _PLAN_FIELDS, sheet, "selection plan (KHLCNT)")
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


def _group_row(reader: Reader, table: Table, row: int) -> bool:
    """A group's heading or subtotal: numbered ``I``, ``II``, ``A`` … with no form and no type."""
    if not reader.empty(table, row, ("selection", "contract_type")):
        return False
    number = reader.text(table, row, "stt")
    return number is not None and _GROUP.fullmatch(number) is not None


def _given_decision(decision: Decision | Mapping[str, Any] | None) -> Decision | None:
    """The ``decision=`` argument as a :class:`Decision` (a mapping is validated), or ``None``."""
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
    """The ``kinds=`` argument, each kind checked to be a key of :data:`KIND_WORDS`."""
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


def _table_decision(reader: Reader, table: Table, given: Decision | None) -> Decision | None:
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
    reader: Reader,
    table: Table,
    row: int,
    kinds: Mapping[str, str],
    ids: dict[str, str],
) -> PlannedPackage | None:
    """The package of a row of the table, or ``None`` when a cell of it is wrong."""
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
        if key in refs and empty_cell(reader, table, row, key):
            reader.problem(refs[key], "required: fill in this cell")
    if len(reader.cells.problems) > before:
        return None
    try:
        return PlannedPackage.model_validate(data)
    except ValidationError as exc:
        reader.model_problems(exc, refs, row_ref)
        return None


def _package_id(
    reader: Reader, table: Table, row: int, refs: dict[str, str], ids: dict[str, str]
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
    reader: Reader,
    table: Table,
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
