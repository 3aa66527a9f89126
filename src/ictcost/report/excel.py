"""An Excel workbook of an estimate, with live formulas an appraiser can follow (``excel`` extra).

Sheets, in order:

* **Tổng hợp** — the statutory summary (:mod:`ictcost.report._xlsx_summary`): project metadata,
  the regime in words, one row per statutory group in the columns of the statutory forms (STT,
  Nội dung chi phí, Ký hiệu, Cách tính, Giá trị trước thuế, Thuế GTGT, Giá trị sau thuế), the
  subtotal, Dự phòng, TỔNG CỘNG, the amount in words with its check cell, the notes and the
  signature block; below the print area, the key rows the importer reads back (the
  transitional override, the contingency rule and parameters, see ``SUMMARY_KEY_LABELS`` in
  :mod:`ictcost.report.layout`).
* **Chi tiết** — every line once, the statutory columns first (STT, Mã, Ký hiệu, Nội dung chi
  phí, Đơn vị, Khối lượng, Đơn giá, Cách tính, Giá trị trước thuế, Thuế suất GTGT, Thuế GTGT,
  Giá trị sau thuế: the print area), then the working columns (component, method, basis,
  citations, notes) and two key columns: the VAT category key and the explicit VAT rate (empty
  when from the table). See ``DETAIL_FIELDS`` in :mod:`ictcost.report.layout`.
* **Phí theo định mức** — QĐ 1688 fee lines with their table lookups (Gt, Gb, Ga, Nb, Na, Nt,
  weight), the item rate, K, the base and the amount.
* **Phần mềm** — use-case-point lines: the chain TAW … G_PM as formulas over the annex tables
  (actors, use cases, technical and environmental factors) and the constants of the method.
* **Thiết bị** — unit-price lines: quantity, unit price and the quotations or price-list rows.
* **Diễn giải khác** — expert items and rental terms (period price or the TT 12/2020 annuity).
* **Trích dẫn** — every distinct citation of the lines and of the contingency, once, with the
  lines that use it (not printed; :mod:`ictcost.report._xlsx_audit`).
* **Kiểm tra** — one row per checked row (each line, group and total): the cells, the values
  ictcost computed and the difference of the formulas' results from them (not printed).

The printed document is the summary, the detail and the breakdowns (8 A4 landscape pages for the
portal example): fonts, page set-up, row heights, the locale tag of the number formats and the
mechanism that keeps *Trích dẫn* and *Kiểm tra* out of the print (a print area of one empty
cell) are described in :mod:`ictcost.report._xlsx_book`.

Every formula and every number comes from the lines' typed traces
(:mod:`ictcost.estimate.trace`) and the typed contingency; no text ictcost wrote is parsed. The
texts ("Cách tính", notes, explanations) are the renderer's (:mod:`ictcost.report.explain`), in
Vietnamese; the workbook-only texts are in :mod:`ictcost.report.messages.xlsx`.

Formulas and cached values:
    In *Chi tiết* ``I = ROUND(F*G,0)`` (quantity × unit price) where the line is priced so,
    ``K = ROUND(I*J/100,0)`` for taxable lines (0 otherwise) and ``L = I+K``; in *Tổng hợp* each
    group sums *Chi tiết* with ``SUMIFS`` over the group-symbol column, the contingency is
    ``ROUND(base*C…/100,0)`` on the subtotal, ``C…`` the percentage's key cell (plus the
    escalation amount's key cell under the two-part rules), TỔNG CỘNG is a sum, and the words
    check under *Bằng chữ* is ``IF(total=<ictcost's total>,"","⚠ …")``, a text formula whose
    cached value is the empty text. Where a line's amount comes from a breakdown sheet the cell
    links to it: the software line to G_PM, a fee line to ``ROUND(Gi*Ni/100*K,0)`` (whose base
    ``Gi`` sums the base lines' cells of *Chi tiết*), an expert or rental line to its items, a
    quotation line's unit price to ``MEDIAN``/``MIN``/``AVERAGE`` of the quotations. Each formula's
    cached value is ictcost's exact figure; a formula is replaced by its value only where a
    spreadsheet's binary arithmetic could round differently from ictcost's exact one (a value a
    hair's breadth from a half đồng, see :func:`~ictcost.report._xlsx_lines.rounds_alike`) or a
    formula would be longer than a spreadsheet accepts.

    The sheets are planned in memory (:mod:`ictcost.report._xlsx_book`) and written with
    XlsxWriter (:mod:`ictcost.report._xlsx_write`), which stores each formula with its cached
    result (``<v>`` in the sheet XML), ictcost's exact figure (a whole number as the integer,
    another as the shortest decimal of the nearest double), and marks the workbook
    ``fullCalcOnLoad``. Readers that do not calculate
    (``openpyxl`` with ``data_only=True``, pandas, file previews) therefore see ictcost's figures;
    Excel recomputes every formula on opening (and may ask to save on closing); LibreOffice, with
    its default setting (*Recalculation on file load: never*), shows the cached values until a hard
    recalculation (Ctrl+Shift+F9) and recomputes dependent cells as soon as an input is edited.
    ``scripts/recalc_check.py`` recalculates the formulas-only workbook in headless LibreOffice and
    compares every formula cell with ictcost's value. The *Kiểm tra* sheet shows, for every checked
    row, ictcost's values as plain numbers and the difference of the formulas' results from them,
    which must be 0. :func:`build_workbook` returns the workbook without cached values (read back
    with openpyxl), and
    ``write_xlsx(..., cached_values=False)`` writes it so (every application must then calculate).

Number format:
    Money cells are numbers (never text, so sums work) formatted ``[$-42A]#,##0``, rates and
    quantities ``[$-42A]General``. The Vietnamese locale tag makes LibreOffice show Vietnamese
    separators (``1.234.567``, ``1,855``) under any locale, the same style as the texts the
    renderer writes beside them (rendered with an en-US and a vi-VN LibreOffice profile: the same
    page). Excel takes the separators from the system and ignores the tag for them (this could
    not be checked here): there, the cells follow the system's locale.

Safety:
    Every piece of text (names, bases, notes, citations) is written as a string cell, never a
    formula, even when it starts with ``=``, ``+``, ``-`` or ``@`` (see
    :mod:`ictcost.report._xlsx_book`).

The file is written atomically: to a temporary file in the target folder, then renamed over the
target; on any error the existing target is untouched and the temporary file is removed.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ictcost._internal._atomic import atomic_write_bytes
from ictcost._version import __version__
from ictcost.estimate.trace import PriceListTrace, QuotationTrace, UnitPriceTrace
from ictcost.money import CONTEXT
from ictcost.report._xlsx_audit import check_sheet, citations_sheet
from ictcost.report._xlsx_book import (
    GENERAL,
    Book,
    Sheet,
    box_rows,
    clean,
    column_letter,
    money_or_general,
    table,
    title,
    vi,
)
from ictcost.report._xlsx_lines import equipment_sheet, fees_sheet, other_sheet, rounds_to
from ictcost.report._xlsx_software import software_sheet
from ictcost.report._xlsx_summary import flag_words, summary_sheet
from ictcost.report._xlsx_write import render
from ictcost.report.explain import render_note
from ictcost.report.layout import (
    CHECK,
    CITATIONS,
    COMPONENT_VI,
    DETAIL,
    DETAIL_COL,
    DETAIL_HEADER_ROW,
    DETAIL_HEADERS,
    DETAIL_PRINTED,
    EQUIPMENT,
    FEES,
    KIND_VI,
    METHOD_VI,
    OTHER,
    SHEETS,
    SOFTWARE,
    STATUS_VI,
    SUMMARY,
)
from ictcost.report.text import vat_label

if TYPE_CHECKING:
    from openpyxl import Workbook

    from ictcost.estimate.result import Estimate, LineResult
    from ictcost.norms.cited import Citation

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

_CITATION_TEXT_LIMIT: Final = 300
_VAT_TABLE: Final = "vat-rates"
_DETAIL_WIDTHS: Final = (5, 11, 11, 34, 8, 9, 14, 34, 16, 9, 14, 16, 16, 18, 40, 60, 60, 18, 12)
"""The widths of the columns of *Chi tiết* (in the order of ``DETAIL_FIELDS``)."""
_HUNDRED: Final = Decimal(100)
_C: Final = DETAIL_COL
_L: Final = {field: column_letter(col) for field, col in DETAIL_COL.items()}


# --- Chi tiết ------------------------------------------------------------------------------------


def _short_citation(c: Citation) -> str:
    """Return a citation as a line's citations cell shows it: ``ref = value [instrument]``."""
    return vi("xlsx.citation.short", ref=c.ref, value=c.value, instrument=c.instrument)


def _citation_text(book: Book, line: LineResult) -> str:
    """Return a line's citations in one cell: ``ref = value [instrument]; …`` (cut when long).

    Each distinct citation's text is rendered once per workbook (:meth:`Book.derived`).
    """
    derived = book.derived
    parts = [derived(c, _short_citation) for c in line.citations]
    if len(parts) == 1:
        return parts[0]  # whole, however long (the first part is never cut)
    out: list[str] = []
    size = 0
    for i, part in enumerate(parts):
        if size + len(part) > _CITATION_TEXT_LIMIT and out:
            out.append(book.memo("xlsx.more_citations", count=len(parts) - i, sheet=CITATIONS))
            break
        out.append(part)
        size += len(part) + 2
    return "; ".join(out)


def _citations_cell(
    book: Book, line: LineResult, known: dict[tuple[int, ...], tuple[str, bool]]
) -> tuple[str, bool]:
    """Return a line's citations cell (:func:`_citation_text`) and whether it cites ``vat-rates``.

    Worked out once per build for the same citations (lines share the citation objects of the
    norms: ``known`` holds them by the ids of the objects, alive in the estimate during the build).
    """
    key = tuple(map(id, line.citations))
    found = known.get(key)
    if found is None:
        vat_table = any(c.table_id == _VAT_TABLE for c in line.citations)
        found = known[key] = (_citation_text(book, line), vat_table)
    return found


def _line_notes(line: LineResult) -> str:
    if not line.notes and not line.flags:
        return ""
    notes = [render_note(n, "vi") for n in line.notes]
    if line.flags:
        notes.append(vi("xlsx.flags", flags=flag_words(line.flags)))
    return "\n".join(notes)


def _detail(book: Book, estimate: Estimate) -> tuple[int, int]:
    """Write *Chi tiết*; return its first and last line rows."""
    ws = book.ws(DETAIL)
    symbol = {c.key: c.symbol for c in estimate.components}
    title(book, ws, "CHI TIẾT CÁC KHOẢN CHI PHÍ", "Đơn vị tính: đồng")
    headers = list(zip(DETAIL_HEADERS, _DETAIL_WIDTHS, strict=True))
    table(book, ws, DETAIL_HEADER_ROW, headers, freeze_col=_C["name"], printed=_C[DETAIL_PRINTED])
    first = DETAIL_HEADER_ROW + 1
    last = first + len(estimate.lines) - 1
    rows = book.links.detail_row
    cited: dict[tuple[int, ...], tuple[str, bool]] = {}
    for n, line in enumerate(estimate.lines, 1):
        group = symbol.get(line.group, line.group)
        _detail_row(book, ws, rows[line.id], line, n=n, group=group, cited=cited)
    box_rows(book, ws, first, last, len(headers))
    ws.autofilter = (DETAIL_HEADER_ROW, 1, last, len(headers))
    return first, last


_NUMBER, _ID, _GROUP, _COMPONENT, _NAME, _METHOD, _UNIT = (
    _C[f] for f in ("number", "id", "group", "component", "name", "method", "unit")
)
_QUANTITY, _UNIT_PRICE, _AMOUNT, _VAT_RATE, _VAT_AMOUNT, _TOTAL = (
    _C[f] for f in ("quantity", "unit_price", "amount", "vat_rate", "vat_amount", "total")
)
_BASIS, _FORMULA, _CITATIONS, _NOTES, _VAT_CATEGORY, _VAT_RATE_INPUT = (
    _C[f] for f in ("basis", "formula", "citations", "notes", "vat_category", "vat_rate_input")
)
_CENTER: Final = (("horizontal", "center"),)
_RIGHT: Final = (("horizontal", "right"),)
_PRICED: Final = (UnitPriceTrace, QuotationTrace, PriceListTrace)
"""The traces of lines priced as quantity × unit price."""


def _detail_row(
    book: Book,
    ws: Sheet,
    row: int,
    line: LineResult,
    *,
    n: int,
    group: str,
    cited: dict[tuple[int, ...], tuple[str, bool]],
) -> None:
    """Write one line of *Chi tiết* (columns A..S, :data:`~ictcost.report.layout.DETAIL_COL`).

    ``cited`` holds the citations cells worked out so far (:func:`_citations_cell`).
    """
    text, num, formula = book.text, book.num, book.formula
    amount, rate, vat = _L["amount"], _L["vat_rate"], _L["vat_amount"]
    num(ws, row, _NUMBER, Decimal(n), fmt=GENERAL)
    book.restyle(ws.looks, (row, _NUMBER), _CENTER)
    text(ws, row, _ID, line.id)
    text(ws, row, _GROUP, group)
    text(ws, row, _COMPONENT, COMPONENT_VI.get(line.component, line.component), wrap=True)
    text(ws, row, _NAME, line.name, wrap=True)
    method = METHOD_VI.get(line.method, line.method) + STATUS_VI.get(line.method_status, "")
    text(ws, row, _METHOD, method, wrap=True)
    text(ws, row, _UNIT, line.unit, wrap=True)
    num(ws, row, _QUANTITY, line.quantity, fmt=GENERAL)
    linked = book.links.unit_price.get(line.id)
    if linked is not None:
        link, value = linked
        formula(ws, row, _UNIT_PRICE, link, value, fmt=money_or_general(value))
    elif line.unit_price is not None:
        num(ws, row, _UNIT_PRICE, line.unit_price, fmt=money_or_general(line.unit_price))
    _detail_amount(book, ws, row, line)
    vat_rate = line.vat_rate if line.vat_treatment == "taxable" else None
    if vat_rate is not None:
        num(ws, row, _VAT_RATE, vat_rate, fmt=GENERAL)
        # exact, as ``with exact(): line.amount * vat_rate / 100``
        tax = CONTEXT.divide(CONTEXT.multiply(line.amount, vat_rate), _HUNDRED)
        if rounds_to(tax, line.vat):
            formula(ws, row, _VAT_AMOUNT, f"ROUND({amount}{row}*{rate}{row}/100,0)", line.vat)
        else:
            num(ws, row, _VAT_AMOUNT, line.vat)
    else:
        text(ws, row, _VAT_RATE, vat_label(line), wrap=True)
        book.restyle(ws.looks, (row, _VAT_RATE), _RIGHT)
        num(ws, row, _VAT_AMOUNT, line.vat)
    formula(ws, row, _TOTAL, f"{amount}{row}+{vat}{row}", line.total)
    text(ws, row, _BASIS, line.basis, wrap=True)
    text(ws, row, _FORMULA, book.explain(line.trace), wrap=True)
    # the working columns right of the print area stay one line high: the printed columns set the
    # row's height (each full text is in its cell; every citation is whole in Trích dẫn)
    citations, vat_table = _citations_cell(book, line, cited)
    text(ws, row, _CITATIONS, citations)
    text(ws, row, _NOTES, _line_notes(line))
    text(ws, row, _VAT_CATEGORY, line.vat_category)
    if vat_rate is not None and not vat_table:
        num(ws, row, _VAT_RATE_INPUT, vat_rate, fmt=GENERAL)  # a rate given explicitly
    checked = {
        "amount": (_AMOUNT, line.amount),
        "vat": (_VAT_AMOUNT, line.vat),
        "total": (_TOTAL, line.total),
    }
    book.check_row(line.id, ws, row, checked)


def _detail_amount(book: Book, ws: Sheet, row: int, line: LineResult) -> None:
    """Write a line's pre-VAT amount: quantity × unit price, a link to its breakdown, or a value."""
    t = line.trace
    if isinstance(t, _PRICED):
        product = CONTEXT.multiply(t.quantity, t.unit_price)  # exact (as ``with exact():``)
        if rounds_to(product, line.amount):
            formula = f"ROUND({_L['quantity']}{row}*{_L['unit_price']}{row},0)"
            book.formula(ws, row, _AMOUNT, formula, line.amount)
            return
    else:
        linked = book.links.amount.get(line.id)
        if linked is not None and linked[1] == line.amount:
            book.formula(ws, row, _AMOUNT, linked[0], line.amount)
            return
    book.num(ws, row, _AMOUNT, line.amount)


# --- the workbook --------------------------------------------------------------------------------


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, if it runs, and resume it afterwards (always).

    A build makes tens of thousands of small containers (the cells) that all live on until the
    file is written: while they are made, the collector would go through them, and through
    everything else alive (the estimate, the norms), again and again, with nothing to free (the
    2,000-line estimate written again and again: one more full collection, about 70 ms, per
    build). Paused, it looks at them once, when it resumes. Memory is still freed as usual, by
    reference counting; the collector runs again even when the build fails.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(estimate: Estimate) -> Book:
    book = Book(SHEETS)
    first = DETAIL_HEADER_ROW + 1
    book.links.detail_row.update((ln.id, first + i) for i, ln in enumerate(estimate.lines))
    with _collector_paused():
        equipment_sheet(book, estimate)
        fees_sheet(book, estimate)
        software_sheet(book, estimate)
        other_sheet(book, estimate)
        first, last = _detail(book, estimate)
        summary_sheet(book, estimate, first, last)
        citations_sheet(book, estimate)
        check_sheet(book)
        book.unprinted.update((CITATIONS, CHECK))
        book.finish()
    book.properties.update(
        title=clean(estimate.name),
        subject=f"{KIND_VI.get(estimate.kind, estimate.kind)} — {estimate.regime.decree}",
        author=f"ictcost {__version__}",
        comments="Do ictcost lập; các công thức được tính lại khi mở tệp.",
    )
    return book


def build_workbook(estimate: Estimate) -> Workbook:
    """Build the workbook of an estimate (formulas without cached values).

    Saved as it is, the workbook shows its figures once a spreadsheet application has recalculated
    it (it is marked ``fullCalcOnLoad``); :func:`write_xlsx` also stores ictcost's values as the
    formulas' cached results.

    Args:
        estimate: The computed estimate.

    The workbook is written with XlsxWriter (as :func:`write_xlsx` writes it, without the cached
    values) and read back with openpyxl, so that it can be inspected or saved elsewhere.

    Returns:
        An ``openpyxl.Workbook`` with the sheets listed in :data:`SHEETS`.
    """
    from openpyxl import load_workbook  # noqa: PLC0415 - only this function reads a workbook

    return load_workbook(io.BytesIO(_render(estimate, cached_values=False)))


def _render(estimate: Estimate, *, cached_values: bool) -> bytes:
    """Build the plan and write it, the garbage collector paused once over both.

    The build's own pause (for a caller of :func:`_build` alone) then leaves it off.
    """
    with _collector_paused():
        return render(_build(estimate), cached_values=cached_values)


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
