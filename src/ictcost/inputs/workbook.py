"""Read a submitted estimate from an Excel workbook into a :class:`ProjectInput` (``excel`` extra).

:func:`load_workbook_project` reads two layouts; every figure the workbook shows goes into the
lines' ``stated`` blocks (and the project's ``stated`` totals), so that
:func:`ictcost.checks.check` can recompute the estimate and compare.

Simple layout
    A workbook anyone can fill in.

    * Sheet **Dự án** (or ``project``): two columns, key | value, one row per key. Keys (English
      or Vietnamese, case and punctuation ignored): ``name`` (*Tên dự án*, required), ``owner``
      (*Chủ đầu tư*), ``preparer`` (*Đơn vị lập*), ``reviewer`` (*Đơn vị thẩm tra*), ``appraiser``
      (*Cơ quan thẩm định*), ``date`` (*Ngày*, required: ``YYYY-MM-DD`` text or an Excel date),
      ``form`` (*Hình thức*, required: ``investment_project``, ``ktkt``, ``rental_plan``,
      ``purchase`` or their Vietnamese titles), ``kind`` (*Loại*: ``du_toan`` or
      ``tong_muc_dau_tu``), and for the contingency ``contingency_on`` (``after_vat`` /
      ``before_vat``), ``contingency_rate`` (Kps, %), ``contingency_volume`` (%) and
      ``contingency_escalation`` (an amount). Rows whose value is empty are skipped; a key not in
      this list is an error.
    * Sheet **Dòng** (or ``lines``): a header row (the first row, among the first ten, that has an
      ``id`` column), then one row per line; empty rows are skipped. Columns, in any order, by
      header (English or Vietnamese): ``id`` (*Mã*), ``component`` (*Khoản mục*: a component key
      or its Vietnamese name), ``name`` (*Tên*), ``method`` (*Phương pháp*: a method key or its
      Vietnamese name), ``vat`` (*Loại thuế*: the VAT category, a row of ``vat-rates`` or
      ``not_applicable``), ``unit`` (*Đơn vị*), ``quantity`` (*Khối lượng*), ``unit_price``
      (*Đơn giá*), ``amount`` (*Thành tiền trước thuế*), ``vat_rate`` (*Thuế suất GTGT*), ``vat``
      again or ``vat_amount`` (*Thuế GTGT*: the VAT amount), ``total`` (*Thành tiền sau thuế*),
      ``basis`` (*Căn cứ*), ``fee_item`` (*Mục định mức*), ``fee_category`` (*Loại định mức*),
      ``fee_base_lines`` (*Dòng cơ sở*: comma-separated line ids), ``model`` (*Model*) and
      ``note`` (*Ghi chú*). A header ``vat`` that appears twice is the category the first time and
      the VAT amount the second time; ``vat_category`` / ``vat_amount`` are unambiguous. The
      columns ``id``, ``component``, ``name``, ``method``, ``vat`` (category) and ``amount`` are
      required; unknown headers are ignored.

      A row with ``fee_item`` becomes a ``norm`` line with a fee block (recomputed by the norm
      engine). A row with both ``quantity`` and ``unit_price`` becomes a unit-price line
      (recomputed as quantity × unit price; for method ``expert`` one expert item, person-days ×
      day rate). Any other row becomes a line whose ``amount`` is the stated amount, with its
      ``basis`` (*"theo bảng tính được nộp"* when empty). The methods ``norm`` (without a fee
      item), ``calculation`` and ``expert`` need inputs a sheet does not hold: such a row becomes
      a ``fixed`` line with the stated amount and a note naming the stated method.
      Every row's ``unit_price``, ``amount``, ``vat_rate``, VAT amount and ``total`` also go to
      ``stated``. A VAT rate cell holding ``KCT`` or ``không chịu thuế`` states the line as not
      subject to VAT (``stated.vat_not_subject``); ``—`` or an empty cell states no rate. A rate
      may be written ``8``, ``8 %`` or as a percentage cell (``8%``, stored as 0.08).
    * Optional sheet **Tổng** (or ``totals``): key | value rows ``amount`` (*Tổng trước thuế*),
      ``vat`` (*Thuế GTGT*), ``contingency`` (*Dự phòng*) and ``total`` (*Tổng cộng*): the
      stated totals.

ictcost layout
    The workbook :func:`ictcost.report.excel.write_xlsx` writes. The project comes from the
    metadata rows of *Tổng hợp* (name, owner, preparer, date, the project kind × document of
    *Hình thức* — or a deprecated form —, kind from the title) and its
    key rows (``SUMMARY_KEY_LABELS`` of :mod:`ictcost.report.layout`: the regime override and
    the contingency rule, ``on``, Kps or volume % and escalation amount, typed cells), the stated
    totals from its subtotal, contingency and *TỔNG CỘNG* rows, and the lines from *Chi tiết*
    (columns found by their headers: the statutory names *Nội dung chi phí*, *Giá trị trước
    thuế*, *Giá trị sau thuế*, or *Tên*, *Thành tiền trước thuế*, *Thành tiền sau thuế* of the
    earlier layout; the amounts of *Tổng hợp* likewise by the headers of its groups table),
    whose key columns give the VAT category and an explicit VAT rate. No formula text is read. A workbook of the earlier layout (no key cells) still
    reads: a line's category is then inferred (``không chịu thuế`` → ``software``, ``—`` →
    ``not_applicable``, a rate → the first category, ``general`` first, with that rate on the
    date, else ``general``), and the contingency is only stated. Lines become unit-price or
    given-amount lines as in the simple layout, except where a breakdown sheet holds their
    inputs: a quoted line's quotations and pick rule from *Thiết bị* (the rows under the line
    that its unit price, ``=MEDIAN(F5:F7)``, ``=MIN(…)`` or ``=AVERAGE(…)``, picks from: source,
    unit price, ``dd/mm/yyyy; reference``), an expert line's items from *Diễn giải khác*
    (person-days × day rate), and a fee line's item, part, base and K conditions from *Phí theo
    định mức* when it carries the key columns :data:`FEE_KEY_COLUMNS` (the base is kept derived
    where the written ``Gi`` equals the derived base, otherwise the base lines are given), and a
    price-list line's list and code from the key columns of *Thiết bị*. A software line's
    use-case points, a rental, and a fee or price-list line without key columns are not read
    back: such a line keeps its unit price or becomes a ``fixed`` line.

Reading values:
    Cells are read with ``data_only=True``, i.e. the value cached by the program that last saved
    the file. A formula cell without a cached value (a workbook written by a program that does
    not calculate, e.g. openpyxl) cannot be read: ictcost computes no formula and raises an
    :class:`~ictcost.errors.InputError` asking to open, recalculate and save the workbook in a
    spreadsheet program first.

Money cells:
    Excel stores every number as a binary double: ``8500000`` is exact, but a cell computed as
    ``=B2*1.1`` may hold ``9350000.000000002``. An integer cell becomes a ``Decimal`` as it is;
    a float cell becomes ``Decimal(str(value))`` (the shortest decimal that reads back as the
    same double) only when that is integral or has at most 2 decimals, and above 2**53 (where
    doubles skip integers) it is refused. Any other float is an error rather than a silent
    rounding: the submitted figure must be written as a whole amount (or rounded by ``ROUND``).
    Text cells are parsed like amounts in YAML (``8.500.000``). Quantities and rates take the
    float's shortest decimal form without that limit.

Errors:
    Every problem found is reported at once in one :class:`~ictcost.errors.InputError`; each
    problem names its cell as ``file!sheet!cell`` (``du-toan.xlsx!Dòng!H7: not a number (got
    'abc')``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ictcost._internal._validate import typed_args
from ictcost.documents import document_choices
from ictcost.errors import DOCS_SITE, InputError
from ictcost.inputs._breakdowns import read_breakdowns, settle_fee_bases
from ictcost.inputs._cells import CellReader, aliases, cell_key, occupied_rows, open_xlsx
from ictcost.inputs._rows import (
    DEFAULT_BASIS,
    LINE_COLUMNS,
    REQUIRED_COLUMNS,
    Breakdown,
    CellMarks,
    VatInference,
    check_ids,
    find_header,
    is_empty_row,
    key_values,
    missing_sheet,
    read_line,
    validate_project,
    vat_inference,
)
from ictcost.norms.registry import NormRegistry
from ictcost.report.layout import (
    CONTINGENCY_LABEL,
    DETAIL,
    DETAIL_COLUMNS,
    DETAIL_EARLIER_COLUMNS,
    DETAIL_HEADER_ROW,
    DETAIL_KEY_COLUMNS,
    FEE_KEY_COLUMNS,
    FORM_VI,
    KIND_VI,
    SUBTOTAL_LABEL,
    SUMMARY,
    SUMMARY_COL,
    SUMMARY_HEADERS,
    SUMMARY_KEY_LABELS,
    SUMMARY_LABEL_COLUMN,
    SUMMARY_META_LABELS,
    SUMMARY_VALUE_COLUMN,
    TOTAL_LABEL,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from ictcost.estimate.model import ProjectInput

__all__ = ["DEFAULT_BASIS", "FEE_KEY_COLUMNS", "Layout", "load_workbook_project"]

Layout = Literal["auto", "ictcost", "simple"]
"""Which layout to read: ``simple``, ``ictcost`` or ``auto`` (chosen by the sheet names)."""

_PROJECT_SHEETS: Final = ("Dự án", "project")
_LINE_SHEETS: Final = ("Dòng", "lines")
_TOTAL_SHEETS: Final = ("Tổng", "totals")

_PROJECT_KEYS: Final = aliases(
    {
        "name": ("Tên dự án", "Tên"),
        "owner": ("Chủ đầu tư",),
        "preparer": ("Đơn vị lập", "Đơn vị lập dự toán"),
        "reviewer": ("Đơn vị thẩm tra",),
        "appraiser": ("Cơ quan thẩm định", "Đơn vị thẩm định"),
        "date": ("Ngày",),
        "form": ("Hình thức",),
        "kind": ("Loại",),
        "contingency_on": ("Dự phòng tính trên",),
        "contingency_rate": ("Hệ số dự phòng", "Kps"),
        "contingency_volume": ("Dự phòng khối lượng",),
        "contingency_escalation": ("Dự phòng trượt giá",),
    }
)
_TOTAL_KEYS: Final = aliases(
    {
        "amount": ("Tổng trước thuế", "Giá trị trước thuế"),
        "vat": ("Thuế GTGT",),
        "contingency": ("Dự phòng", "Chi phí dự phòng"),
        "total": ("Tổng cộng", "Tổng sau thuế"),
    }
)


@functools.lru_cache(maxsize=8)
def _form_keys(registry: NormRegistry) -> dict[str, str]:
    """The *Hình thức* cell: a deprecated form, or a project kind × document (``kind.document``).

    Built on first use from the registry's documents table, not when the module is imported.
    """
    return {
        **{cell_key(vi): key for key, vi in FORM_VI.items()},
        **{cell_key(f): f for f in FORM_VI},
        **{cell_key(k): v for k, v in document_choices(registry).items()},
    }


def _form(meta: dict[str, Any], value: object) -> None:
    """Put the *Hình thức* value in the project: a ``kind.document`` pair or a legacy form."""
    if isinstance(value, str) and "." in value:
        meta["project_kind"], meta["document"] = value.split(".", 1)
    elif value is not None:
        meta["form"] = value


_KIND_KEYS: Final = {
    **{cell_key(vi): key for key, vi in KIND_VI.items()},
    **{cell_key(k): k for k in KIND_VI},
}
# ictcost's own export: metadata labels of Tổng hợp (the headers of Chi tiết are DETAIL_COLUMNS)
_SUMMARY_LABELS: Final = {cell_key(label): field for field, label in SUMMARY_META_LABELS.items()}
_SUMMARY_KEYS: Final = {cell_key(label): field for field, label in SUMMARY_KEY_LABELS.items()}
_NO_KEY: Final = frozenset({"—", "-", "–"})
_SUMMARY_AMOUNTS: Final = {
    field: cell_key(SUMMARY_HEADERS[SUMMARY_COL[field] - 1]) for field in ("amount", "vat", "total")
}
"""The headers of the amount columns of the groups table of *Tổng hợp*, by field."""
_EARLIER_SUMMARY_COLUMNS: Final = {"amount": 4, "vat": 5, "total": 6}
"""The amount columns of *Tổng hợp* when no header row names them (the earlier layout's D … F)."""
_HINT: Final = f"correct each cell listed; {DOCS_SITE}concepts/excel-import/ documents the layouts"
_CONTINGENCY_RULES: Final = frozenset(
    {"single_coefficient", "quantity_and_escalation", "quantity_and_provisional"}
)


# --- the entry point -----------------------------------------------------------------------------


@typed_args
def load_workbook_project(
    path: Path | str,
    *,
    layout: Layout = "auto",
    registry: NormRegistry | None = None,
) -> ProjectInput:
    """Read a submitted estimate from an ``.xlsx`` workbook.

    Args:
        path: The workbook.
        layout: ``simple`` (sheets *Dự án* and *Dòng*, see the module docstring), ``ictcost``
            (the workbook :func:`~ictcost.report.excel.write_xlsx` writes) or ``auto`` (chosen
            by the sheet names).
        registry: The norm registry used to infer VAT categories in the ictcost layout (default:
            the shipped norms).

    Returns:
        The project, every figure of the workbook in the ``stated`` blocks.

    Raises:
        InputError: the file cannot be read, a sheet or column is missing, a cell is not a
            number or date, a formula has no cached value, or a field is invalid; each problem
            names its cell as ``file!sheet!cell``.
    """
    file = Path(path)
    values, formulas = _open(file)
    reader = CellReader(file.name, values, formulas)
    chosen = _layout(file, values.sheetnames, layout)
    norms = registry if registry is not None else NormRegistry.shipped()
    if chosen == "simple":
        data, marks = _simple(reader, _form_keys(norms))
    else:
        data, marks = _ictcost(reader, norms, _form_keys(norms))
    if reader.uncached:
        raise InputError(
            f"{file.name}: {len(reader.uncached)} formula cell(s) have no cached value; ictcost "
            "reads the values a spreadsheet program stored and computes no formula",
            field="file",
            problems=tuple(reader.uncached),
            hint="open the workbook in Excel or LibreOffice, recalculate it and save it, then "
            "load it again",
        )
    _raise_problems(file, reader)
    return validate_project(file.name, data, marks, hint=_HINT)


def _open(file: Path) -> tuple[Workbook, Workbook]:
    return open_xlsx(file, data_only=True), open_xlsx(file, data_only=False)


def _find_sheet(names: list[str], wanted: tuple[str, ...]) -> str | None:
    for want in wanted:
        for name in names:
            if cell_key(name) == cell_key(want):
                return name
    return None


def _layout(file: Path, names: list[str], layout: Layout) -> Literal["ictcost", "simple"]:
    if layout != "auto":
        return layout
    if SUMMARY in names and DETAIL in names:
        return "ictcost"
    if _find_sheet(names, _PROJECT_SHEETS) or _find_sheet(names, _LINE_SHEETS):
        return "simple"
    raise InputError(
        f"{file.name}: cannot tell the layout of the workbook (sheets: {', '.join(names)})",
        field="file",
        hint=f"use the simple layout (sheets '{_PROJECT_SHEETS[0]}' and '{_LINE_SHEETS[0]}') "
        f"or ictcost's own export (sheets '{SUMMARY}' and '{DETAIL}'), or read a statutory "
        "workbook with ictcost.inputs.read_statutory_workbook",
        layout="unknown",
    )


def _raise_problems(file: Path, reader: CellReader) -> None:
    if not reader.problems:
        return
    problems = tuple(p for p, _ in reader.problems)
    raise InputError(
        f"{file.name}: {len(problems)} problem(s) in the workbook",
        code=reader.problems[0][1],
        field="file",
        problems=problems,
        hint=_HINT,
    )


# --- simple layout -------------------------------------------------------------------------------


def _simple(reader: CellReader, forms: dict[str, str]) -> tuple[dict[str, Any], CellMarks]:
    names = reader.values.sheetnames
    marks: CellMarks = {}
    data: dict[str, Any] = {}
    project_sheet = _find_sheet(names, _PROJECT_SHEETS)
    line_sheet = _find_sheet(names, _LINE_SHEETS)
    if project_sheet is None:
        missing_sheet(reader, _PROJECT_SHEETS)
    else:
        data["project"], contingency = _simple_project(reader, project_sheet, marks, forms)
        if contingency:
            data["contingency"] = contingency
    if line_sheet is None:
        missing_sheet(reader, _LINE_SHEETS)
    else:
        data["lines"] = _simple_lines(reader, line_sheet, marks)
    total_sheet = _find_sheet(names, _TOTAL_SHEETS)
    if total_sheet is not None:
        stated: dict[str, Any] = {}
        for field, (_, row) in key_values(reader, total_sheet, _TOTAL_KEYS, "totals").items():
            marks["stated", field] = reader.ref(total_sheet, row, 2)
            stated[field] = reader.money(total_sheet, row, 2)
        data["stated"] = stated
    return data, marks


def _simple_project(
    reader: CellReader, sheet: str, marks: CellMarks, forms: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    found = key_values(reader, sheet, _PROJECT_KEYS, "project")
    meta: dict[str, Any] = {}
    contingency: dict[str, Any] = {}
    for field, (_, row) in found.items():
        ref = reader.ref(sheet, row, 2)
        if field == "date":
            meta["date"] = reader.date(sheet, row, 2)
        elif field == "form":
            _form(meta, reader.choice(sheet, row, 2, forms, "form"))
        elif field == "kind":
            meta["kind"] = reader.choice(sheet, row, 2, _KIND_KEYS, "kind")
        elif field == "contingency_on":
            contingency["on"] = reader.text(sheet, row, 2)
            marks["contingency", "on"] = ref
            continue
        elif field in {"contingency_rate", "contingency_volume"}:
            target = "rate_percent" if field == "contingency_rate" else "volume_percent"
            contingency[target] = reader.number(sheet, row, 2)
            marks["contingency", target] = ref
            continue
        elif field == "contingency_escalation":
            contingency["escalation_amount"] = reader.money(sheet, row, 2)
            marks["contingency", "escalation_amount"] = ref
            continue
        else:
            meta[field] = reader.text(sheet, row, 2)
        marks["project", field] = ref
    for required in ("name", "date", "form"):
        if required not in found:
            reader.problem(f"{reader.label}!{sheet}", f"the key '{required}' is missing")
    if contingency:
        marks.setdefault(("contingency",), f"{reader.label}!{sheet}")
    return meta, contingency


def _simple_lines(reader: CellReader, sheet: str, marks: CellMarks) -> list[dict[str, Any]]:
    found = find_header(reader, sheet, LINE_COLUMNS)
    if found is None:
        reader.problem(f"{reader.label}!{sheet}", "no header row with an 'id' (Mã) column")
        return []
    header, cols = found
    for name in REQUIRED_COLUMNS:
        if name not in cols:
            shown = "vat" if name == "vat_category" else name
            reader.problem(
                reader.ref(sheet, header), f"the column '{shown}' is missing from the header row"
            )
    if any(name not in cols for name in REQUIRED_COLUMNS):
        return []
    ws = reader.values[sheet]
    lines: list[dict[str, Any]] = []
    for row in occupied_rows(ws, header + 1):
        if is_empty_row(reader, sheet, row, ws.max_column):
            continue
        lines.append(
            read_line(reader, sheet=sheet, row=row, cols=cols, index=len(lines), marks=marks)
        )
    marks.setdefault(("lines",), f"{reader.label}!{sheet}")
    check_ids(reader, lines, marks)
    return lines


# --- ictcost layout ------------------------------------------------------------------------------


def _ictcost(
    reader: CellReader, registry: NormRegistry, forms: dict[str, str]
) -> tuple[dict[str, Any], CellMarks]:
    names = reader.values.sheetnames
    marks: CellMarks = {}
    for sheet in (SUMMARY, DETAIL):
        if sheet not in names:
            reader.problem(
                reader.label,
                f"no sheet '{sheet}' (ictcost's own export); the workbook has: {', '.join(names)}",
            )
    if reader.problems:
        return {}, marks
    meta, stated, contingency = _ictcost_summary(reader, marks, forms)
    data: dict[str, Any] = {"project": meta, "stated": stated}
    if contingency is not None:
        data["contingency"] = contingency
    date = meta.get("date")
    breakdowns = read_breakdowns(reader)
    data["lines"] = _ictcost_lines(reader, marks, vat_inference(registry, date), breakdowns)
    if not reader.problems and not reader.uncached:
        settle_fee_bases(data, breakdowns, registry)
    return data, marks


def _ictcost_summary(
    reader: CellReader, marks: CellMarks, forms: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    sheet = SUMMARY
    ws = reader.values[sheet]
    meta: dict[str, Any] = {}
    title = reader.text(sheet, 1, 1) or ""
    for key, vi in KIND_VI.items():
        if title.endswith(vi):
            meta["kind"] = key
    stated: dict[str, Any] = {}
    keys: dict[str, int] = {}
    value_col = SUMMARY_VALUE_COLUMN
    amounts = _summary_amount_columns(reader)
    for row in occupied_rows(ws):
        label = cell_key(ws.cell(row=row, column=SUMMARY_LABEL_COLUMN).value or "")
        field = _SUMMARY_LABELS.get(label)
        if field is not None:
            marks["project", field] = reader.ref(sheet, row, value_col)
            if field == "form":
                _form(meta, _summary_meta(reader, row, field, forms))
            else:
                meta[field] = _summary_meta(reader, row, field, forms)
        elif label in _SUMMARY_KEYS:
            keys[_SUMMARY_KEYS[label]] = row
        elif label == cell_key(SUBTOTAL_LABEL):
            for key in ("amount", "vat"):
                marks["stated", key] = reader.ref(sheet, row, amounts[key])
                stated[key] = reader.money(sheet, row, amounts[key])
        elif label in {cell_key(CONTINGENCY_LABEL), cell_key(TOTAL_LABEL)}:
            key = "total" if label == cell_key(TOTAL_LABEL) else "contingency"
            marks["stated", key] = reader.ref(sheet, row, amounts["total"])
            stated[key] = reader.money(sheet, row, amounts["total"])
    _require_meta(reader, sheet, meta)
    if "regime_override" in keys and (override := _key(reader, keys["regime_override"])):
        meta["regime_override"] = override
        marks["project", "regime_override"] = reader.ref(sheet, keys["regime_override"], value_col)
    return meta, stated, _contingency(reader, keys, marks)


def _summary_amount_columns(reader: CellReader) -> dict[str, int]:
    """Find the amount columns of the groups table of *Tổng hợp* by their headers.

    The header row is the first whose column A is *STT*; the columns are *Giá trị trước thuế*,
    *Thuế GTGT* and *Giá trị sau thuế* wherever they are (E … G now, D … F in the earlier
    layout, whose *Cách tính* was the last column). Without such a row, the earlier columns.
    """
    ws = reader.values[SUMMARY]
    for row in occupied_rows(ws):
        if cell_key(ws.cell(row=row, column=1).value or "") != cell_key(SUMMARY_HEADERS[0]):
            continue
        headers = {
            cell_key(ws.cell(row=row, column=c).value or ""): c for c in range(1, ws.max_column + 1)
        }
        found = {field: headers.get(title) for field, title in _SUMMARY_AMOUNTS.items()}
        if all(c is not None for c in found.values()):
            return {field: c for field, c in found.items() if c is not None}
    return dict(_EARLIER_SUMMARY_COLUMNS)


def _require_meta(reader: CellReader, sheet: str, meta: dict[str, Any]) -> None:
    """Report the project's metadata rows that *Tổng hợp* lacks."""
    for required in ("name", "date", "form"):
        present = required in meta or (required == "form" and "project_kind" in meta)
        if not present:
            reader.problem(f"{reader.label}!{sheet}", f"the project's {required} row is missing")


def _summary_meta(reader: CellReader, row: int, field: str, forms: dict[str, str]) -> object:
    """Return one metadata value of *Tổng hợp* (column C)."""
    col = SUMMARY_VALUE_COLUMN
    if field == "date":
        return reader.date(SUMMARY, row, col)
    if field == "form":
        return reader.choice(SUMMARY, row, col, forms, "form")
    text = reader.text(SUMMARY, row, col)
    return None if text in {None, "—"} else text


def _key(reader: CellReader, row: int) -> str | None:
    """Return the key in a key cell of *Tổng hợp* (``None`` when empty or ``—``)."""
    text = reader.text(SUMMARY, row, SUMMARY_VALUE_COLUMN)
    return None if text is None or text in _NO_KEY else text


def _contingency(
    reader: CellReader, keys: dict[str, int], marks: CellMarks
) -> dict[str, Any] | None:
    """Read the contingency input from the key rows of *Tổng hợp* (None without a rule row).

    A workbook of the earlier layout has no key rows: its contingency is then only stated (the
    input was in the formula's text, which ictcost does not parse).
    """
    rule = _key(reader, keys["contingency_rule"]) if "contingency_rule" in keys else None
    if rule is None:
        return None
    col = SUMMARY_VALUE_COLUMN
    if rule not in _CONTINGENCY_RULES:
        known = ", ".join(sorted(_CONTINGENCY_RULES))
        reader.problem(
            reader.ref(SUMMARY, keys["contingency_rule"], col),
            f"unknown contingency rule (one of: {known})",
            rule,
        )
        return None
    fields = (
        ("contingency_on", "on", reader.text),
        ("contingency_rate", "rate_percent", reader.number),
        ("contingency_volume", "volume_percent", reader.number),
        ("contingency_escalation", "escalation_amount", reader.money),
    )
    out: dict[str, Any] = {}
    for field, target, read in fields:
        if field in keys:
            value = read(SUMMARY, keys[field], col)
            if value is not None:
                out[target] = value
                marks["contingency", target] = reader.ref(SUMMARY, keys[field], col)
    marks["contingency",] = reader.ref(SUMMARY, keys["contingency_rule"], col)
    return out


def _ictcost_lines(
    reader: CellReader,
    marks: CellMarks,
    vat_category: VatInference,
    breakdowns: dict[str, Breakdown],
) -> list[dict[str, Any]]:
    sheet = DETAIL
    ws = reader.values[sheet]
    headers = {
        cell_key(ws.cell(row=DETAIL_HEADER_ROW, column=c).value or ""): c
        for c in range(1, ws.max_column + 1)
    }
    cols = {
        field: headers[cell_key(title)]
        for field, title in DETAIL_KEY_COLUMNS.items()
        if cell_key(title) in headers
    }
    for field, title in DETAIL_COLUMNS.items():
        col = headers.get(cell_key(title))
        if col is None and field in DETAIL_EARLIER_COLUMNS:  # a workbook of the earlier layout
            col = headers.get(cell_key(DETAIL_EARLIER_COLUMNS[field]))
        if col is None:
            reader.problem(
                reader.ref(sheet, DETAIL_HEADER_ROW),
                f"the column '{title}' is missing from the header row",
            )
        else:
            cols[field] = col
    if reader.problems:
        return []
    lines: list[dict[str, Any]] = []
    for row in occupied_rows(ws, DETAIL_HEADER_ROW + 1):
        if is_empty_row(reader, sheet, row, ws.max_column):
            continue
        line_id = ws.cell(row=row, column=cols["id"]).value
        line = read_line(
            reader,
            sheet=sheet,
            row=row,
            cols=cols,
            index=len(lines),
            marks=marks,
            vat_category=None if "vat_category" in cols else vat_category,
            breakdown=breakdowns.get(str(line_id).strip()) if line_id is not None else None,
        )
        how = reader.text(sheet, row, cols["formula"])
        if how and line.get("method") == "fixed" and line.get("note"):
            line["note"] += f"\nstated computation: {how}"
        lines.append(line)
    marks.setdefault(("lines",), f"{reader.label}!{sheet}")
    check_ids(reader, lines, marks)
    return lines
