"""The breakdown sheets of the estimate workbook: *Thiết bị*, *Phí theo định mức*, *Diễn giải khác*.

Each line is written from its typed trace (:mod:`ictcost.estimate.trace`), never from text:

* **Thiết bị** — unit-price lines: the quotations with ``MIN``/``MEDIAN``/``AVERAGE`` over them as
  :attr:`QuotationTrace.pick <ictcost.estimate.trace.QuotationTrace.pick>` says, the price-list
  cell, or the given unit price; ``ROUND(quantity × unit price, 0)``.
* **Phí theo định mức** — QĐ 1688 fee lines from :class:`~ictcost.estimate.trace.FeeTrace`: the
  base ``Gi`` as ``SUM`` of the base lines' amount cells in *Chi tiết*, ``Gt = Gi / scale``, each
  table part's ``Gb, Ga, Nb, Na`` with ``Nt`` as the interpolation formula its position calls for,
  the weight, ``Ni = Σ Nt × weight``, ``K = Π K``, ``Ci = ROUND(Gi × Ni / 100 × K, 0)`` (and
  ``MAX`` with the minimum where the item has one).
* **Diễn giải khác** — expert items (``person-days × day rate``, ``ROUND(SUM(items), 0)``), a
  rental by periods (``price × periods``) and the TT 12/2020 annuity (``r``, ``Gdv``, ``Gtdv``).

Each sheet records in :attr:`Book.links <ictcost.report._xlsx_book.Book.links>` the cell that
*Chi tiết* links to. The texts are the renderer's (:mod:`ictcost.report.explain`).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Final

from ictcost.estimate.trace import PriceListTrace, QuotationTrace, UnitPriceTrace
from ictcost.money import CONTEXT, exact, round_vnd
from ictcost.report._xlsx_book import (
    GENERAL,
    Book,
    Sheet,
    box_rows,
    literal,
    money_or_general,
    period_text,
    ref,
    sheet_ref,
    sum_formula,
    table,
    title,
    vi,
)
from ictcost.report.explain import (
    explain_expert_row,
    explain_fee_base,
    explain_lookup,
    format_date,
    render_note,
)
from ictcost.report.layout import (
    DETAIL,
    DETAIL_COL,
    EQUIPMENT,
    EQUIPMENT_KEY_COLUMNS,
    FEE_KEY_COLUMNS,
    FEES,
    OTHER,
)

if TYPE_CHECKING:
    from ictcost.estimate.result import Estimate, LineResult
    from ictcost.estimate.trace import (
        AnnuityRentalTrace,
        ExpertTrace,
        FeeTrace,
        PeriodRentalTrace,
    )
    from ictcost.fees import RateLookup

__all__ = [
    "PICK_FUNCTION",
    "equipment_sheet",
    "fees_sheet",
    "other_sheet",
    "rounds_alike",
    "rounds_to",
]

PICK_FUNCTION: Final = {"lowest": "MIN", "median": "MEDIAN", "mean": "AVERAGE"}
"""The spreadsheet function of each quotation pick rule."""
_OTHER_KINDS: Final = frozenset({"expert", "rental_periods", "rental_annuity"})
_HALF: Final = Decimal("0.5")
_RELATIVE: Final = Decimal("1e-13")
_SMALL: Final = Decimal(10**12)
_MINUS_SMALL: Final = -_SMALL
_DETAIL_AMOUNT_COL: Final = DETAIL_COL["amount"]
_PRICED: Final = (UnitPriceTrace, QuotationTrace, PriceListTrace)
"""The traces of lines priced as quantity × unit price (the lines of *Thiết bị*)."""
_CENTER: Final = (("horizontal", "center"),)


def rounds_alike(value: Decimal) -> bool:
    """Whether a spreadsheet's ``ROUND(x, 0)`` of a computed ``x`` gives ``round_vnd(value)``.

    A spreadsheet computes in binary floating point, with about 15 significant digits; an exact
    half (``…,5``) rounds up there as in ictcost, but a value within that error of a half and not
    on it (``…,4999999999999999…``) could round the other way. Such a cell gets the value instead of
    a formula.

    Args:
        value: The exact value before rounding.

    Returns:
        ``False`` when ``value`` is that close to a half without being one.
    """
    frac = value - value.to_integral_value(rounding=ROUND_FLOOR)
    gap = abs(frac - _HALF)
    return gap == 0 or gap > max(abs(value), Decimal(1)) * _RELATIVE


def rounds_to(value: Decimal, amount: Decimal) -> bool:
    """Whether ``ROUND(value, 0)`` can stand for ``amount`` (``round_vnd`` gives it, rounding alike).

    That is ``round_vnd(value) == amount and rounds_alike(value)``. A whole value under 10¹² in
    size (the common case: quantity × unit price) is its own rounding and far from any half: it
    is only compared (the same answer, without rounding it).

    Args:
        value: The exact value before rounding.
        amount: The rounded amount ictcost computed.

    Returns:
        Whether the formula gives the amount.
    """
    if value == value.to_integral_value() and _MINUS_SMALL < value < _SMALL:
        return value == amount
    return round_vnd(value) == amount and rounds_alike(value)


def _notes(line: LineResult) -> list[str]:
    return [render_note(n, "vi") for n in line.notes]


# --- Thiết bị ------------------------------------------------------------------------------------


def equipment_sheet(book: Book, estimate: Estimate) -> None:
    """Write *Thiết bị*: every line priced as quantity × unit price."""
    ws = book.ws(EQUIPMENT)
    title(book, ws, "ĐƠN GIÁ THIẾT BỊ VÀ CÁC KHOẢN TÍNH THEO KHỐI LƯỢNG", "Đơn vị tính: đồng")
    header = 3
    table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Mã dòng", 10),
            ("Tên / nguồn báo giá", 46),
            ("Đơn vị", 10),
            ("Khối lượng", 11),
            ("Đơn giá", 16),
            ("Thành tiền trước thuế", 18),
            ("Ngày / tham chiếu", 22),
            ("Cách xác định", 40),
        ],
        freeze_col=3,
    )
    # the key columns the importer reads a price-list line back from, right of the printed table
    for col, heading in enumerate(EQUIPMENT_KEY_COLUMNS.values(), 11):
        book.text(ws, header, col, heading, bold=True)
        ws.widths[col] = 26
    row = header + 1
    n = 0
    for line in estimate.lines:
        t = line.trace
        if isinstance(t, PriceListTrace):
            book.text(ws, row, 11, t.price_list)
            book.text(ws, row, 12, t.code)
        if isinstance(t, _PRICED):
            n += 1
            row = _equipment_line(book, ws, row, line, t, n=n)
    box_rows(book, ws, header + 1, row - 1, 9)


def _equipment_line(
    book: Book,
    ws: Sheet,
    row: int,
    line: LineResult,
    t: UnitPriceTrace | QuotationTrace | PriceListTrace,
    *,
    n: int,
) -> int:
    """Write one unit-price line and its sources; return the next free row."""
    text = book.text
    book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
    book.restyle(ws.looks, (row, 1), _CENTER)
    text(ws, row, 2, line.id, bold=True)
    text(ws, row, 3, line.name, bold=True, wrap=True)
    text(ws, row, 4, line.unit, wrap=True)
    book.num(ws, row, 5, t.quantity, fmt=GENERAL)
    how = book.explain(t)
    text(ws, row, 9, "\n".join([how, *_notes(line)]) if line.notes else how, wrap=True)
    price_fmt = money_or_general(t.unit_price)
    last = row
    if t.kind == "quotations":
        last = _quotations(book, ws, row, t)
        pick = f"{PICK_FUNCTION[t.pick]}(F{row + 1}:F{last})"
        book.formula(ws, row, 6, pick, t.unit_price, fmt=price_fmt, bold=True)
        book.links.unit_price[line.id] = (sheet_ref(EQUIPMENT, f"F{row}"), t.unit_price)
    elif t.kind == "price_list":
        last = _price_list(book, ws, row, t)
        book.formula(ws, row, 6, f"F{last}", t.unit_price, fmt=price_fmt, bold=True)
        book.links.unit_price[line.id] = (sheet_ref(EQUIPMENT, f"F{row}"), t.unit_price)
    else:
        book.num(ws, row, 6, t.unit_price, fmt=price_fmt, bold=True)
    product = CONTEXT.multiply(t.quantity, t.unit_price)  # exact (as ``with exact():``)
    if rounds_to(product, line.amount):
        book.formula(ws, row, 7, f"ROUND(E{row}*F{row},0)", line.amount, bold=True)
    else:
        book.num(ws, row, 7, line.amount, bold=True)
    return last + 1


def _quotations(book: Book, ws: Sheet, row: int, t: QuotationTrace) -> int:
    """Write one row per quotation under the line's row; return the last row."""
    for i, q in enumerate(t.quotes, 1):
        r = row + i
        book.text(ws, r, 3, f"– {q.source}", wrap=True)
        book.style(ws, r, 3, indent=1)
        book.num(ws, r, 6, q.unit_price, fmt=money_or_general(q.unit_price))
        where = [format_date(q.date, "vi")] if q.date is not None else []
        if q.reference:
            where.append(q.reference)
        book.text(ws, r, 8, "; ".join(where) or None, wrap=True)
    return row + len(t.quotes)


def _price_list(book: Book, ws: Sheet, row: int, t: PriceListTrace) -> int:
    """Write the price-list cell under the line's row; return its row."""
    r = row + 1
    book.text(ws, r, 3, vi("xlsx.price_list.row", price_list=t.price_list, code=t.code))
    book.style(ws, r, 3, indent=1)
    book.num(ws, r, 6, t.unit_price, fmt=money_or_general(t.unit_price))
    where = vi(
        "xlsx.price_list.cell", instrument=t.cell.instrument, period=period_text(t.cell.period)
    )
    book.text(ws, r, 8, where, wrap=True)
    return r


# --- Phí theo định mức ---------------------------------------------------------------------------

_FEE_HEADERS: Final = (
    ("STT", 5),
    ("Mã dòng", 11),
    ("Tên / bảng tra", 32),
    ("Gt (tỷ)", 13),
    ("Gb (tỷ)", 8),
    ("Ga (tỷ)", 8),
    ("Nb (%)", 8),
    ("Na (%)", 8),
    ("Nt (%)", 10),
    ("Trọng số", 8),
    ("Nt × trọng số (%)", 11),
    ("Tỷ lệ Ni (%)", 10),
    ("Hệ số K", 8),
    ("Cơ sở tính Gi (đồng)", 15),
    ("Thành tiền trước thuế", 15),
    ("Ghi chú", 40),
)
"""The columns of *Phí theo định mức* (the importer and its key columns, added after them, read
the line id in B and ``Gi`` in N). Under each line's rows, one row across C … P holds the base's
definition and the line's notes."""


_FEE_KEY_FIRST: Final = len(_FEE_HEADERS) + 2
"""The first key column of *Phí theo định mức* (one empty column after the printed table)."""


def fees_sheet(book: Book, estimate: Estimate) -> None:
    """Write *Phí theo định mức*: every QĐ 1688 fee line with its table parts and K."""
    ws = book.ws(FEES)
    title(
        book,
        ws,
        "CHI PHÍ TÍNH THEO ĐỊNH MỨC TỶ LỆ (QĐ 1688/QĐ-BTTTT)",
        "Ci = Gi × Ni × Kđc; Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb). Đơn vị: đồng, tỷ đồng, %",
    )
    header = 3
    table(book, ws, header, _FEE_HEADERS, freeze_col=3)
    # the key columns the importer reads a fee line back from, right of the printed table
    for col, heading in enumerate(FEE_KEY_COLUMNS.values(), _FEE_KEY_FIRST):
        book.text(ws, header, col, heading, bold=True)
        ws.widths[col] = 22
    row = header + 1
    lines = [ln for ln in estimate.lines if ln.trace.kind == "fee"]
    for n, line in enumerate(lines, 1):
        row = _fee_line(book, ws, estimate, row, line=line, n=n)
    box_rows(book, ws, header + 1, row - 1, len(_FEE_HEADERS))


def _fee_line(
    book: Book, ws: Sheet, estimate: Estimate, row: int, *, line: LineResult, n: int
) -> int:
    """Write one fee line, its table parts, K coefficients and minimum; return the next row."""
    t = line.trace
    assert t.kind == "fee"
    fee = t.fee
    book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
    book.style(ws, row, 1, horizontal="center")
    book.text(ws, row, 2, line.id, bold=True)
    book.text(ws, row, 3, line.name, bold=True, wrap=True)
    book.text(ws, row, 16, book.explain(t), wrap=True)
    r = row
    for lookup in fee.lookups:
        r += 1
        _lookup_row(book, ws, r, lookup, line_row=row, base=fee.base)
    parts_last = r
    k_rows: list[int] = []
    for c in fee.coefficients:
        r += 1
        book.text(ws, r, 3, vi("xlsx.fee.k", condition=c.column), wrap=True)
        book.style(ws, r, 3, indent=1)
        book.num(ws, r, 13, c.number, fmt=GENERAL)
        k_rows.append(r)
    minimum_row = None
    if fee.minimum is not None:
        r += 1
        minimum_row = r
        book.text(ws, r, 3, vi("xlsx.fee.minimum"), wrap=True)
        book.style(ws, r, 3, indent=1)
        book.num(ws, r, 15, fee.minimum.number)
    # Ni = Σ Nt × weight (rounded only where the fee was asked to round it)
    if fee.lookups:
        rate = f"SUM(K{row + 1}:K{parts_last})"
        if fee.rate_decimals is not None:
            rate = f"ROUND({rate},{fee.rate_decimals})"
        book.formula(ws, row, 12, rate, fee.rate_percent, fmt=GENERAL)
    else:
        book.num(ws, row, 12, fee.rate_percent, fmt=GENERAL)
    # K = Π K
    if k_rows:
        refs = ",".join(f"M{x}" for x in k_rows)
        book.formula(ws, row, 13, f"PRODUCT({refs})", fee.k_product, fmt=GENERAL)
    else:
        book.num(ws, row, 13, fee.k_product, fmt=GENERAL)
    _fee_base(book, ws, estimate, row, t)
    _fee_amount(book, ws, row, line, minimum_row=minimum_row)
    keys = {
        "item": fee.item,
        "category": fee.category,
        # the base lines only where the estimator chose them: a derived base is derived again
        "base_lines": ", ".join(t.base_lines) if t.base_source == "lines" else "",
        "conditions": ", ".join(c.column for c in fee.coefficients),
    }
    for col, field in enumerate(FEE_KEY_COLUMNS, _FEE_KEY_FIRST):
        if keys[field]:
            book.text(ws, row, col, keys[field])
    # the base's definition and the notes: one row across the table, under the line's rows
    r += 1
    book.text(ws, r, 3, "\n".join([explain_fee_base(t, "vi"), *_notes(line)]), wrap=True)
    book.style(ws, r, 3, italic=True)
    ws.merge(r, 3, len(_FEE_HEADERS))
    return r + 1


def _lookup_row(
    book: Book, ws: Sheet, r: int, lookup: RateLookup, *, line_row: int, base: Decimal
) -> None:
    """Write one table part: Gt, Gb, Ga, Nb, Na, Nt, weight, Nt × weight."""
    i = lookup.interpolation
    book.text(
        ws, r, 3, vi("xlsx.fee.table", table=lookup.table_id, column=lookup.column), wrap=True
    )
    book.style(ws, r, 3, indent=1)
    with exact():
        scale = base / lookup.gt if lookup.gt else Decimal(0)
    if scale > 0 and scale == scale.to_integral_value():
        book.formula(ws, r, 4, f"N{line_row}/{literal(scale)}", lookup.gt, fmt=GENERAL)
    else:
        book.num(ws, r, 4, lookup.gt, fmt=GENERAL)
    for col, value in ((5, i.gb), (6, i.ga), (7, i.nb), (8, i.na), (10, lookup.weight)):
        book.num(ws, r, col, value, fmt=GENERAL)
    nt = {
        "between": f"G{r}-(G{r}-H{r})*(D{r}-E{r})/(F{r}-E{r})",
        "at_breakpoint": f"G{r}",
        "below_range": f"H{r}",
        "above_range": f"G{r}",
    }[i.position]
    book.formula(ws, r, 9, nt, i.rate, fmt=GENERAL)
    book.formula(ws, r, 11, f"I{r}*J{r}", lookup.weighted_rate, fmt=GENERAL)
    how = vi(f"xlsx.fee.position.{i.position}", policy=lookup.policy)
    book.text(ws, r, 16, f"{explain_lookup(lookup, 'vi')}\n{how}", wrap=True)


def _fee_base(book: Book, ws: Sheet, estimate: Estimate, row: int, t: FeeTrace) -> None:
    """Write Gi: ``SUM`` of the base lines' amounts in *Chi tiết*, or the value given."""
    rows = book.links.detail_row
    formula = None
    if not t.base_given and t.base_lines and all(i in rows for i in t.base_lines):
        total = sum((estimate.line(i).amount for i in t.base_lines), Decimal(0))
        if total == t.fee.base:
            formula = sum_formula(DETAIL, _DETAIL_AMOUNT_COL, (rows[i] for i in t.base_lines))
    if formula is None:
        book.num(ws, row, 14, t.fee.base)
    else:
        book.formula(ws, row, 14, formula, t.fee.base)


def _fee_amount(
    book: Book, ws: Sheet, row: int, line: LineResult, *, minimum_row: int | None
) -> None:
    """Write Ci = ROUND(Gi × Ni / 100 × K, 0), not below the minimum where there is one."""
    t = line.trace
    assert t.kind == "fee"
    fee = t.fee
    with exact():
        raw = fee.base * fee.rate_percent / 100 * fee.k_product
    live = fee.amount == line.amount and rounds_alike(raw)
    if live:
        formula = f"ROUND(N{row}*L{row}/100*M{row},0)"
        if minimum_row is not None:
            formula = f"MAX({formula},O{minimum_row})"
        book.formula(ws, row, 15, formula, line.amount, bold=True)
        book.links.amount[line.id] = (sheet_ref(FEES, f"O{row}"), line.amount)
    else:
        book.num(ws, row, 15, line.amount, bold=True)


# --- Diễn giải khác ------------------------------------------------------------------------------


def other_sheet(book: Book, estimate: Estimate) -> None:
    """Write *Diễn giải khác*: expert estimates and rentals, item by item."""
    ws = book.ws(OTHER)
    title(book, ws, "DIỄN GIẢI CÁC KHOẢN KHÁC", "Dự toán chuyên gia, thuê dịch vụ … Đơn vị: đồng")
    header = 3
    table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Mã dòng", 10),
            ("Hạng mục", 50),
            ("Giá trị", 18),
            ("Diễn giải", 50),
            ("Số lượng / số kỳ", 12),
            ("Đơn giá", 16),
        ],
        freeze_col=3,
    )
    row = header + 1
    lines = [ln for ln in estimate.lines if ln.trace.kind in _OTHER_KINDS]
    for n, line in enumerate(lines, 1):
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.style(ws, row, 1, horizontal="center")
        book.text(ws, row, 2, line.id, bold=True)
        book.text(ws, row, 3, line.name, bold=True, wrap=True)
        book.text(ws, row, 5, "\n".join([book.explain(line.trace), *_notes(line)]))
        book.style(ws, row, 5, wrap=True, vertical="top")
        t = line.trace
        if t.kind == "expert":
            last, formula = _expert(book, ws, row, t)
            exact_total = sum((x.amount for x in t.items), Decimal(0))
        elif t.kind == "rental_periods":
            last, formula, exact_total = _periods(book, ws, row, t)
        else:
            assert t.kind == "rental_annuity"
            last, formula, exact_total = _annuity(book, ws, row, t)
        if rounds_to(exact_total, line.amount):
            book.formula(ws, row, 4, formula, line.amount, bold=True)
            book.links.amount[line.id] = (sheet_ref(OTHER, f"D{row}"), line.amount)
        else:
            book.num(ws, row, 4, line.amount, bold=True)
        row = last + 1
    box_rows(book, ws, header + 1, row - 1, 7)


def _expert(book: Book, ws: Sheet, row: int, t: ExpertTrace) -> tuple[int, str]:
    """Write the expert items (person-days × day rate); return the last row and the sum."""
    r = row
    for item in t.items:
        r += 1
        book.text(ws, r, 3, f"– {item.item.description}", wrap=True)
        book.style(ws, r, 3, indent=1)
        book.num(ws, r, 6, item.item.person_days, fmt=GENERAL)
        book.num(ws, r, 7, item.item.day_rate, fmt=money_or_general(item.item.day_rate))
        book.formula(ws, r, 4, f"F{r}*G{r}", item.amount, fmt=money_or_general(item.amount))
        book.text(ws, r, 5, explain_expert_row(item, "vi"), wrap=True)
    return r, f"ROUND(SUM(D{row + 1}:D{r}),0)"


def _periods(book: Book, ws: Sheet, row: int, t: PeriodRentalTrace) -> tuple[int, str, Decimal]:
    """Write price per period × periods; return the row, the line's formula and the value."""
    rental = t.rental
    r = row + 1
    with exact():
        value = rental.price_per_period * rental.periods
    book.text(ws, r, 3, vi("xlsx.rental.periods", period=rental.period))
    book.style(ws, r, 3, indent=1)
    book.num(ws, r, 6, Decimal(rental.periods), fmt=GENERAL)
    book.num(ws, r, 7, rental.price_per_period, fmt=money_or_general(rental.price_per_period))
    book.formula(ws, r, 4, f"F{r}*G{r}", value, fmt=money_or_general(value))
    return r, f"ROUND(D{r},0)", value


def _annuity(book: Book, ws: Sheet, row: int, t: AnnuityRentalTrace) -> tuple[int, str, Decimal]:
    """Write the TT 12/2020 annuity: Tđ, S, N, k, n, r, Gdv, Gtdv; return the Gtdv row."""
    rental = t.rental
    inputs = (
        ("xlsx.annuity.build_cost", rental.build_cost, money_or_general(rental.build_cost)),
        (
            "xlsx.annuity.residual_value",
            rental.residual_value,
            money_or_general(rental.residual_value),
        ),
        ("xlsx.annuity.annual_rate", rental.annual_rate_percent, GENERAL),
        ("xlsx.annuity.periods_per_year", Decimal(rental.periods_per_year), GENERAL),
        ("xlsx.annuity.periods", Decimal(rental.periods), GENERAL),
    )
    r = row
    cells: list[str] = []
    for code, value, fmt in inputs:
        r += 1
        book.text(ws, r, 3, vi(code))
        book.style(ws, r, 3, indent=1)
        book.num(ws, r, 4, value, fmt=fmt)
        cells.append(ref(4, r))
    build, residual, annual, per_year, n = cells
    r += 1
    rate = ref(4, r)
    book.text(ws, r, 3, vi("xlsx.annuity.rate"))
    book.formula(ws, r, 4, f"{annual}/100/{per_year}", t.rate_per_period, fmt=GENERAL)
    book.text(ws, r, 5, vi("xlsx.annuity.rate_how"))
    r += 1
    per_period = ref(4, r)
    growth = f"(1+{rate})^{n}"
    gdv = f"({build}*{rate}*{growth}-{residual}*{rate})/({growth}-1)"
    if rental.timing == "beginning":
        gdv = f"{gdv}/(1+{rate})"
    book.text(ws, r, 3, vi("xlsx.annuity.per_period"))
    book.formula(ws, r, 4, gdv, t.per_period, fmt=money_or_general(t.per_period))
    book.text(ws, r, 5, book.explain(t), wrap=True)
    r += 1
    with exact():
        total = t.per_period * rental.periods
    book.text(ws, r, 3, vi("xlsx.annuity.total"))
    book.formula(ws, r, 4, f"{per_period}*{n}", total, fmt=money_or_general(total))
    book.text(ws, r, 5, vi("xlsx.annuity.total_how"))
    for x in range(row + 6, r + 1):
        book.style(ws, x, 3, indent=1)
    return r, f"ROUND(D{r},0)", total
