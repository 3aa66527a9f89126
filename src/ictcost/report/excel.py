"""An Excel workbook of an estimate, with live formulas an appraiser can follow (``excel`` extra).

Sheets, in order:

* **Tổng hợp** — project metadata, the regime, the key rows the importer reads back (the
  transitional override, the contingency rule and parameters, see ``SUMMARY_KEY_LABELS`` in
  :mod:`ictcost.report.layout`), one row per statutory group (STT, Khoản mục, Ký hiệu, Giá trị
  trước thuế, Thuế GTGT, Giá trị sau thuế), the subtotal, Dự phòng, TỔNG CỘNG, the amount in
  words and the notes.
* **Chi tiết** — every line once: id, group symbol, component, name, method, unit, quantity, unit
  price, pre-VAT amount, VAT rate, VAT, total, basis, computation, citations, notes, and two
  key columns: the VAT category key and the explicit VAT rate (empty when from the table).
* **Phí theo định mức** — QĐ 1688 fee lines with their table lookups (Gt, Gb, Ga, Nb, Na, Nt,
  weight), the item rate, K, the base and the amount.
* **Phần mềm** — use-case-point lines: the chain TAW … G_PM as formulas over the annex tables
  (actors, use cases, technical and environmental factors) and the constants of the method.
* **Thiết bị** — unit-price lines: quantity, unit price and the quotations or price-list rows.
* **Diễn giải khác** — expert items and rental terms (period price or the TT 12/2020 annuity).
* **Trích dẫn** — every citation of every line and of the contingency.
* **Kiểm tra** — each total's formula result beside the value ictcost computed, and their difference.

Every formula and every number comes from the lines' typed traces
(:mod:`ictcost.estimate.trace`) and the typed contingency; no text ictcost wrote is parsed. The
texts ("Cách tính", notes, explanations) are the renderer's (:mod:`ictcost.report.explain`), in
Vietnamese; the workbook-only texts are in :mod:`ictcost.report.messages.xlsx`.

Formulas and cached values:
    In *Chi tiết* ``J = ROUND(H*I,0)`` (quantity × unit price) where the line is priced so,
    ``L = ROUND(J*K/100,0)`` for taxable lines (0 otherwise) and ``M = J+L``; in *Tổng hợp* each
    group sums *Chi tiết* with ``SUMIFS`` over the group-symbol column, the contingency is
    ``ROUND(base*C…/100,0)`` on the subtotal, ``C…`` the percentage's key cell (plus the
    escalation amount's key cell under the two-part rules), and TỔNG CỘNG is a sum. Where a line's amount comes from a breakdown sheet the cell
    links to it: the software line to G_PM, a fee line to ``ROUND(Gi*Ni/100*K,0)`` (whose base
    ``Gi`` sums the base lines' cells of *Chi tiết*), an expert or rental line to its items, a
    quotation line's unit price to ``MEDIAN``/``MIN``/``AVERAGE`` of the quotations. Each formula's
    cached value is ictcost's exact figure; a formula is replaced by its value only where a
    spreadsheet's binary arithmetic could round differently from ictcost's exact one (a value a
    hair's breadth from a half đồng, see :func:`~ictcost.report._xlsx_lines.rounds_alike`) or a
    formula would be longer than a spreadsheet accepts.

    openpyxl cannot store a formula together with its result, so :func:`write_xlsx` adds the results
    ictcost computed as the formulas' cached values (``<v>`` in the sheet XML) after openpyxl has
    written the file, and marks the workbook ``fullCalcOnLoad``. Readers that do not calculate
    (``openpyxl`` with ``data_only=True``, pandas, file previews) therefore see ictcost's figures;
    Excel recomputes every formula on opening (and may ask to save on closing); LibreOffice, with
    its default setting (*Recalculation on file load: never*), shows the cached values until a hard
    recalculation (Ctrl+Shift+F9) and recomputes dependent cells as soon as an input is edited.
    ``scripts/recalc_check.py`` recalculates the formulas-only workbook in headless LibreOffice and
    compares every formula cell with ictcost's value. The *Kiểm tra* sheet shows, for every total,
    the formula's result, ictcost's value as a plain number and their difference, which must be 0.
    :func:`build_workbook` returns the openpyxl workbook without cached values, and
    ``write_xlsx(..., cached_values=False)`` writes it so (every application must then calculate).

Number format:
    Money cells are numbers (never text, so sums work) formatted ``#,##0``. A number format cannot
    fix the separator characters: the application shows the thousands separator of its locale
    (``1.234.567`` with Vietnamese settings, ``1,234,567`` with English ones).

Safety:
    Every piece of text (names, bases, notes, citations) is written as a string cell, never a
    formula, even when it starts with ``=``, ``+``, ``-`` or ``@`` (see
    :mod:`ictcost.report._xlsx_book`).

The file is written atomically: to a temporary file in the target folder, then renamed over the
target; on any error the existing target is untouched and the temporary file is removed.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from openpyxl.utils import get_column_letter

from ictcost._internal._atomic import atomic_write_bytes
from ictcost._version import __version__
from ictcost.estimate.trace import PriceListTrace, QuotationTrace, UnitPriceTrace
from ictcost.money import exact, round_vnd
from ictcost.report._xlsx_audit import check_sheet, citations_sheet
from ictcost.report._xlsx_book import (
    DATE,
    GENERAL,
    TOTAL_FILL,
    Book,
    box_rows,
    clean,
    money_or_general,
    table,
    title,
    vi,
)
from ictcost.report._xlsx_lines import equipment_sheet, fees_sheet, other_sheet, rounds_alike
from ictcost.report._xlsx_package import with_cached_values
from ictcost.report._xlsx_software import software_sheet
from ictcost.report.explain import explain_contingency, explain_trace, render_note
from ictcost.report.layout import (
    CHECK,
    CITATIONS,
    COMPONENT_VI,
    CONTINGENCY_LABEL,
    DETAIL,
    DETAIL_HEADER_ROW,
    DETAIL_HEADERS,
    DETAIL_KEY_COLUMNS,
    EQUIPMENT,
    FEES,
    KIND_VI,
    METHOD_VI,
    OTHER,
    REGIME_IN_FORCE_LABEL,
    REGIME_LABEL,
    SHEETS,
    SOFTWARE,
    STATUS_VI,
    SUBTOTAL_LABEL,
    SUMMARY,
    SUMMARY_HEADERS,
    SUMMARY_KEY_LABELS,
    SUMMARY_LABEL_COLUMN,
    SUMMARY_META_LABELS,
    SUMMARY_VALUE_COLUMN,
    TOTAL_LABEL,
    UNIT_LABEL,
)
from ictcost.report.summary import CONTINGENCY_SYMBOL, summary_rows
from ictcost.report.text import vat_label

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.estimate.result import ContingencyResult, Estimate, LineResult

__all__ = [
    "CHECK",
    "CITATIONS",
    "DETAIL",
    "DETAIL_HEADER_ROW",
    "EQUIPMENT",
    "FEES",
    "OTHER",
    "SHEETS",
    "SOFTWARE",
    "SUMMARY",
    "build_workbook",
    "write_xlsx",
]

_CITATION_TEXT_LIMIT: Final = 400
_VAT_TABLE: Final = "vat-rates"
_DETAIL_WIDTHS: Final = (6, 10, 9, 14, 34, 16, 8, 10, 14, 16, 10, 14, 16, 24, 30, 50, 40, 18, 12)
_VAT_KEY_COL: Final = DETAIL_HEADERS.index(DETAIL_KEY_COLUMNS["vat_category"]) + 1
_VAT_RATE_INPUT_COL: Final = DETAIL_HEADERS.index(DETAIL_KEY_COLUMNS["vat_rate_input"]) + 1
_SUMMARY_WIDTHS: Final = (6, 44, 10, 19, 17, 19, 48)
_NONE: Final = "—"
"""The value of a key cell that holds no key (no override, no contingency)."""


# --- Chi tiết ------------------------------------------------------------------------------------


def _citation_text(line: LineResult) -> str:
    """Return a line's citations in one cell: ``ref = value [instrument]; …`` (cut when long)."""
    parts = [
        vi("xlsx.citation.short", ref=c.ref, value=c.value, instrument=c.instrument)
        for c in line.citations
    ]
    out: list[str] = []
    size = 0
    for i, part in enumerate(parts):
        if size + len(part) > _CITATION_TEXT_LIMIT and out:
            out.append(vi("xlsx.more_citations", count=len(parts) - i, sheet=CITATIONS))
            break
        out.append(part)
        size += len(part) + 2
    return "; ".join(out)


def _line_notes(line: LineResult) -> str:
    notes = [render_note(n, "vi") for n in line.notes]
    if line.flags:
        notes.append(vi("xlsx.flags", flags=line.flags))
    return "\n".join(notes)


def _detail(book: Book, estimate: Estimate) -> tuple[int, int]:
    """Write *Chi tiết*; return its first and last line rows."""
    ws = book.ws(DETAIL)
    symbol = {c.key: c.symbol for c in estimate.components}
    title(book, ws, "CHI TIẾT CÁC KHOẢN CHI PHÍ", "Đơn vị tính: đồng")
    headers = list(zip(DETAIL_HEADERS, _DETAIL_WIDTHS, strict=True))
    table(book, ws, DETAIL_HEADER_ROW, headers, freeze_col=3, paper="A3")
    first = DETAIL_HEADER_ROW + 1
    last = first + len(estimate.lines) - 1
    for n, line in enumerate(estimate.lines, 1):
        row = book.links.detail_row[line.id]
        _detail_row(book, ws, row, line, n=n, group=symbol.get(line.group, line.group))
    box_rows(book, ws, first, last, len(headers))
    ws.auto_filter.ref = f"A{DETAIL_HEADER_ROW}:{get_column_letter(len(headers))}{last}"
    return first, last


def _detail_row(
    book: Book, ws: Worksheet, row: int, line: LineResult, *, n: int, group: str
) -> None:
    """Write one line of *Chi tiết* (columns A..S)."""
    book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
    book.text(ws, row, 2, line.id)
    book.text(ws, row, 3, group)
    book.text(ws, row, 4, COMPONENT_VI.get(line.component, line.component), wrap=True)
    book.text(ws, row, 5, line.name, wrap=True)
    method = METHOD_VI.get(line.method, line.method) + STATUS_VI.get(line.method_status, "")
    book.text(ws, row, 6, method, wrap=True)
    book.text(ws, row, 7, line.unit)
    book.num(ws, row, 8, line.quantity, fmt=GENERAL)
    if line.id in book.links.unit_price:
        link, value = book.links.unit_price[line.id]
        book.formula(ws, row, 9, link, value, fmt=money_or_general(value))
    elif line.unit_price is not None:
        book.num(ws, row, 9, line.unit_price, fmt=money_or_general(line.unit_price))
    _detail_amount(book, ws, row, line)
    if line.vat_treatment == "taxable" and line.vat_rate is not None:
        book.num(ws, row, 11, line.vat_rate, fmt=GENERAL)
        with exact():
            vat = line.amount * line.vat_rate / 100
        if round_vnd(vat) == line.vat and rounds_alike(vat):
            book.formula(ws, row, 12, f"ROUND(J{row}*K{row}/100,0)", line.vat)
        else:
            book.num(ws, row, 12, line.vat)
    else:
        book.text(ws, row, 11, vat_label(line), wrap=True)
        book.style(ws, row, 11, horizontal="right")
        book.num(ws, row, 12, line.vat)
    book.formula(ws, row, 13, f"J{row}+L{row}", line.total)
    book.text(ws, row, 14, line.basis, wrap=True)
    book.text(ws, row, 15, explain_trace(line.trace, "vi"), wrap=True)
    book.text(ws, row, 16, _citation_text(line), wrap=True)
    book.text(ws, row, 17, _line_notes(line), wrap=True)
    book.text(ws, row, _VAT_KEY_COL, line.vat_category)
    if _explicit_vat_rate(line):
        book.num(ws, row, _VAT_RATE_INPUT_COL, line.vat_rate, fmt=GENERAL)
    for col, value in ((10, line.amount), (12, line.vat), (13, line.total)):
        book.check(f"{line.id}: {DETAIL_HEADERS[col - 1]}", ws, row, col, value)


def _explicit_vat_rate(line: LineResult) -> bool:
    """Whether the line's VAT rate was given explicitly (a taxable line citing no ``vat-rates``)."""
    if line.vat_treatment != "taxable" or line.vat_rate is None:
        return False
    return not any(c.table_id == _VAT_TABLE for c in line.citations)


def _detail_amount(book: Book, ws: Worksheet, row: int, line: LineResult) -> None:
    """Write a line's pre-VAT amount: quantity × unit price, a link to its breakdown, or a value."""
    t = line.trace
    if isinstance(t, UnitPriceTrace | QuotationTrace | PriceListTrace):
        with exact():
            product = t.quantity * t.unit_price
        if round_vnd(product) == line.amount and rounds_alike(product):
            book.formula(ws, row, 10, f"ROUND(H{row}*I{row},0)", line.amount)
            return
    elif line.id in book.links.amount:
        link, value = book.links.amount[line.id]
        if value == line.amount:
            book.formula(ws, row, 10, link, line.amount)
            return
    book.num(ws, row, 10, line.amount)


# --- Tổng hợp ------------------------------------------------------------------------------------


def _summary(book: Book, estimate: Estimate, first: int, last: int) -> None:
    """Write *Tổng hợp*: metadata, the groups, subtotal, contingency, total, words, notes."""
    e = estimate
    ws = book.ws(SUMMARY)
    meta_end = _summary_meta(book, ws, e)
    params, header = _summary_keys(book, ws, e, meta_end)
    header += 1
    headers = list(zip(SUMMARY_HEADERS, _SUMMARY_WIDTHS, strict=True))
    table(book, ws, header, headers)
    sub = _summary_groups(book, ws, e, header, first=first, last=last)
    dp = sub + 1
    _contingency_row(book, ws, e, dp, sub=sub, params=params)
    total = dp + 1
    book.text(ws, total, 2, TOTAL_LABEL, bold=True)
    book.formula(ws, total, 6, f"F{sub}+F{dp}", e.total, bold=True)
    book.check(TOTAL_LABEL, ws, total, 6, e.total)
    for r in (sub, total):
        for col in range(1, len(headers) + 1):
            book.style(ws, r, col, fill=TOTAL_FILL)
    box_rows(book, ws, header + 1, total, len(headers))
    _summary_footer(book, ws, e, total + 2)


def _regime_text(e: Estimate) -> str:
    r = e.regime
    text = vi("xlsx.regime", id=r.id, decree=r.decree, circular=r.cost_circular)
    if r.overridden:
        text += vi("xlsx.regime_override", in_force=r.in_force_id, on=e.date.strftime("%d/%m/%Y"))
    return text


def _summary_meta(book: Book, ws: Worksheet, e: Estimate) -> int:
    """Write the title and the project metadata; return the last row used."""
    book.text(ws, 1, 1, f"BẢNG TỔNG HỢP {KIND_VI.get(e.kind, e.kind.upper())}")
    book.style(ws, 1, 1, bold=True, size=14)
    meta: list[tuple[str, str | None]] = [
        (SUMMARY_META_LABELS["name"], e.name),
        (SUMMARY_META_LABELS["owner"], e.owner or "—"),
        (SUMMARY_META_LABELS["preparer"], e.preparer or "—"),
        (SUMMARY_META_LABELS["date"], None),
        (SUMMARY_META_LABELS["form"], e.profile.label_vi),
        (REGIME_LABEL, _regime_text(e)),
    ]
    if e.regime.overridden:
        meta.append((REGIME_IN_FORCE_LABEL, e.regime_in_force))
    meta.append((UNIT_LABEL, "đồng"))
    row = 1
    label_col, value_col = SUMMARY_LABEL_COLUMN, SUMMARY_VALUE_COLUMN
    for label, text in meta:
        row += 1
        book.text(ws, row, label_col, label, bold=True)
        if text is None:
            ws.cell(row=row, column=value_col, value=e.date)
            book.style(ws, row, value_col, fmt=DATE, horizontal="left")
        else:
            book.text(ws, row, value_col, text)
    return row


def _summary_keys(book: Book, ws: Worksheet, e: Estimate, row: int) -> tuple[dict[str, int], int]:
    """Write the key rows (regime override, contingency parameters) after the metadata.

    Returns the rows of the percentage and escalation cells by field, and the last row used.
    """
    c = e.contingency
    keys: list[tuple[str, str | Decimal | None]] = [
        ("regime_override", e.regime.id if e.regime.overridden else _NONE),
        ("contingency_rule", c.rule if c is not None else _NONE),
    ]
    if c is not None:
        keys.append(("contingency_on", c.on))
        if c.rule == "single_coefficient":
            keys.append(("contingency_rate", c.rate_percent))
        else:
            keys.append(("contingency_volume", c.volume_percent))
            if c.rule != "quantity_and_provisional":
                keys.append(("contingency_escalation", c.escalation_amount))
    rows: dict[str, int] = {}
    label_col, value_col = SUMMARY_LABEL_COLUMN, SUMMARY_VALUE_COLUMN
    for field, value in keys:
        row += 1
        rows[field] = row
        book.text(ws, row, label_col, SUMMARY_KEY_LABELS[field], bold=True)
        book.style(ws, row, label_col, italic=True)
        if isinstance(value, Decimal):
            fmt = money_or_general(value) if field == "contingency_escalation" else GENERAL
            book.num(ws, row, value_col, value, fmt=fmt)
            book.style(ws, row, value_col, horizontal="left")
        else:
            book.text(ws, row, value_col, value)
    return rows, row + 1


def _summary_groups(
    book: Book, ws: Worksheet, e: Estimate, header: int, *, first: int, last: int
) -> int:
    """Write one row per statutory group and the subtotal; return the subtotal's row."""
    amounts = f"'{DETAIL}'!$J${first}:$J${last}"
    vats = f"'{DETAIL}'!$L${first}:$L${last}"
    groups = f"'{DETAIL}'!$C${first}:$C${last}"
    row = header
    for group in (g for g in summary_rows(e) if g.kind == "group"):
        row += 1
        assert group.number is not None
        assert group.amount is not None
        assert group.vat is not None
        book.num(ws, row, 1, Decimal(group.number), fmt=GENERAL)
        book.text(ws, row, 2, group.label_vi, wrap=True)
        book.text(ws, row, 3, group.symbol)
        book.formula(ws, row, 4, f"SUMIFS({amounts},{groups},C{row})", group.amount)
        book.formula(ws, row, 5, f"SUMIFS({vats},{groups},C{row})", group.vat)
        book.formula(ws, row, 6, f"D{row}+E{row}", group.total)
        book.text(ws, row, 7, vi("xlsx.group_sum", symbol=group.symbol, sheet=DETAIL), wrap=True)
        for col, value in ((4, group.amount), (5, group.vat), (6, group.total)):
            book.check(f"{group.symbol}: {SUMMARY_HEADERS[col - 1]}", ws, row, col, value)
    c_first, c_last = header + 1, row
    sub = row + 1
    book.text(ws, sub, 2, SUBTOTAL_LABEL, bold=True)
    for col, value in ((4, e.amount), (5, e.vat), (6, e.total_before_contingency)):
        letter = get_column_letter(col)
        book.formula(ws, sub, col, f"SUM({letter}{c_first}:{letter}{c_last})", value, bold=True)
        book.check(f"Cộng: {SUMMARY_HEADERS[col - 1]}", ws, sub, col, value)
    return sub


def _contingency_row(
    book: Book, ws: Worksheet, e: Estimate, dp: int, *, sub: int, params: dict[str, int]
) -> None:
    """Write the contingency row: ``ROUND(base × % / 100, 0)`` (+ escalation) on the subtotal."""
    book.num(ws, dp, 1, Decimal(len(e.components) + 1), fmt=GENERAL)
    book.text(ws, dp, 2, CONTINGENCY_LABEL)
    book.text(ws, dp, 3, CONTINGENCY_SYMBOL)
    label = f"{CONTINGENCY_SYMBOL}: {SUMMARY_HEADERS[5]}"
    c = e.contingency
    if c is None:
        book.num(ws, dp, 6, Decimal(0))
        book.text(ws, dp, 7, vi("xlsx.no_contingency"), wrap=True)
        book.check(label, ws, dp, 6, Decimal(0))
        return
    formula = _contingency_formula(e, c, sub, params)
    if formula is None:
        book.num(ws, dp, 6, c.total)
    else:
        book.formula(ws, dp, 6, formula, c.total)
    book.text(ws, dp, 7, "\n".join(_contingency_texts(c)), wrap=True)
    book.check(label, ws, dp, 6, c.total)


def _contingency_formula(
    e: Estimate, c: ContingencyResult, sub: int, params: dict[str, int]
) -> str | None:
    """Return the contingency formula from its typed parts, or ``None`` when one is missing.

    ``ROUND(F{sub}*C{Kps}/100,0)`` (``+C{escalation}``): the percentage and the escalation are
    the key cells of :func:`_summary_keys` (which the importer reads, never this formula).
    """
    single = c.rule == "single_coefficient"
    percent = c.rate_percent if single else c.volume_percent
    pct_row = params.get("contingency_rate" if single else "contingency_volume")
    base_col, subtotal = (
        ("F", e.total_before_contingency) if c.on == "after_vat" else ("D", e.amount)
    )
    if (
        percent is None
        or pct_row is None
        or c.base != subtotal
        or c.volume_amount + c.escalation_amount != c.total
    ):
        return None
    with exact():
        part = c.base * percent / 100
    if round_vnd(part) != c.volume_amount or not rounds_alike(part):
        return None
    value = get_column_letter(SUMMARY_VALUE_COLUMN)
    formula = f"ROUND({base_col}{sub}*{value}{pct_row}/100,0)"
    esc_row = params.get("contingency_escalation")
    if esc_row is not None:
        formula += f"+{value}{esc_row}"
    elif c.escalation_amount:
        return None
    return formula


def _contingency_texts(c: ContingencyResult) -> list[str]:
    rule = vi(f"xlsx.contingency.{c.rule}") + vi(f"xlsx.contingency.{c.on}")
    out = [explain_contingency(c, "vi"), rule]
    if c.cap_percent is not None:
        out.append(vi("xlsx.contingency.cap", cap=c.cap_percent))
    if c.rule != "single_coefficient":
        out.append(
            vi("xlsx.contingency.parts", volume=c.volume_amount, escalation=c.escalation_amount)
        )
    out.extend(
        vi("xlsx.contingency.year", year=y.year, share=y.share_percent, index=y.index_percent)
        for y in c.escalation
    )
    return out


def _summary_footer(book: Book, ws: Worksheet, e: Estimate, row: int) -> None:
    """Write the amount in words and the notes."""
    book.text(ws, row, 2, "Bằng chữ:", bold=True, wrap=True)
    book.text(ws, row, 3, e.total_in_words, wrap=True)
    book.style(ws, row, 3, italic=True)
    ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
    ws.row_dimensions[row].height = 30
    notes = [render_note(n, "vi") for n in e.notes]
    if e.contingency is not None:
        notes.extend(render_note(n, "vi") for n in e.contingency.notes)
    if e.flags:
        notes.append(vi("xlsx.line_flags", flags=e.flags, sheet=DETAIL))
    notes.append(vi("xlsx.footer", sheet=CHECK, version=__version__))
    row += 2
    book.text(ws, row, 2, "Ghi chú:", bold=True)
    for text in notes:
        row += 1
        book.text(ws, row, 2, f"- {text}", wrap=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
        ws.row_dimensions[row].height = 15 * (1 + len(text) // 130)


# --- the workbook --------------------------------------------------------------------------------


def _build(estimate: Estimate) -> Book:
    book = Book(SHEETS)
    first = DETAIL_HEADER_ROW + 1
    book.links.detail_row.update((ln.id, first + i) for i, ln in enumerate(estimate.lines))
    equipment_sheet(book, estimate)
    fees_sheet(book, estimate)
    software_sheet(book, estimate)
    other_sheet(book, estimate)
    first, last = _detail(book, estimate)
    _summary(book, estimate, first, last)
    citations_sheet(book, estimate)
    check_sheet(book)
    book.finish()
    wb = book.wb
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    props = wb.properties
    props.title = clean(estimate.name)
    props.subject = f"{KIND_VI.get(estimate.kind, estimate.kind)} — {estimate.regime.id}"
    props.creator = f"ictcost {__version__}"
    props.description = "Do ictcost lập; các công thức được tính lại khi mở tệp."
    return book


def build_workbook(estimate: Estimate) -> Workbook:
    """Build the workbook of an estimate (formulas without cached values).

    Saved as it is, the workbook shows its figures once a spreadsheet application has recalculated
    it (it is marked ``fullCalcOnLoad``); :func:`write_xlsx` also stores ictcost's values as the
    formulas' cached results.

    Args:
        estimate: The computed estimate.

    Returns:
        An ``openpyxl.Workbook`` with the sheets listed in :data:`SHEETS`.
    """
    return _build(estimate).wb


def _render(estimate: Estimate, *, cached_values: bool) -> bytes:
    book = _build(estimate)
    buffer = io.BytesIO()
    book.wb.save(buffer)
    if not cached_values:
        return buffer.getvalue()
    return with_cached_values(buffer.getvalue(), book.cache)


def write_xlsx(estimate: Estimate, path: Path | str, *, cached_values: bool = True) -> Path:
    """Write the estimate as an Excel workbook (formulas with ictcost's values cached).

    The file is written to a temporary file in the same folder and renamed over ``path``: an
    existing file is replaced whole or left untouched.

    Args:
        estimate: The computed estimate.
        path: The ``.xlsx`` file to write.
        cached_values: Store ictcost's value of each formula as its cached result (so that
            readers that do not calculate see the figures); ``False`` writes formulas only.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written (the existing file, if any, is unchanged).
    """
    target = Path(path)
    atomic_write_bytes(target, _render(estimate, cached_values=cached_values))
    return target
