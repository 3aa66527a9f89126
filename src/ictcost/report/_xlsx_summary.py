"""The *Tổng hợp* sheet of the estimate workbook: the statutory summary (``excel`` extra).

From the top: the title, the project's metadata (column B the label, C the value, which the
importer reads back), one row per statutory group in the columns of the statutory forms (STT,
Nội dung chi phí, Ký hiệu, Cách tính, Giá trị trước thuế, Thuế GTGT, Giá trị sau thuế), the
subtotal, the contingency, TỔNG CỘNG, the amount in words with a check cell under it, the notes
and the signature block (place and date, NGƯỜI LẬP / NGƯỜI CHỦ TRÌ (KIỂM TRA) / ĐẠI DIỆN ĐƠN VỊ
LẬP). The print area ends with the signature block.

Below it, outside the print area, are the key rows the importer reads (the transitional
override, the contingency rule and its parameters: ``SUMMARY_KEY_LABELS`` of
:mod:`ictcost.report.layout`). They hold codes, not words, so they are kept out of the printed
document; the contingency formula refers to the percentage and escalation cells there.

The words check: the amount in words is text written for ictcost's total. The cell under it is a
formula that is empty while TỔNG CỘNG equals that amount and shows a red warning
(``xlsx.words_stale``) when someone has edited the figures and the total moved.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ictcost._version import __version__
from ictcost.money import exact, round_vnd
from ictcost.report._xlsx_book import (
    DATE,
    GENERAL,
    LINE_HEIGHT,
    RED,
    ROW_PADDING,
    TITLE_SIZE,
    TOTAL_FILL,
    Book,
    Sheet,
    box_rows,
    column_letter,
    literal,
    money_or_general,
    table,
    vi,
)
from ictcost.report._xlsx_lines import rounds_alike
from ictcost.report.explain import explain_contingency, format_date, render_note
from ictcost.report.layout import (
    CHECK,
    CONTINGENCY_LABEL,
    DETAIL,
    DETAIL_COL,
    KIND_VI,
    REGIME_IN_FORCE_LABEL,
    REGIME_LABEL,
    SUBTOTAL_LABEL,
    SUMMARY,
    SUMMARY_COL,
    SUMMARY_HEADERS,
    SUMMARY_KEY_LABELS,
    SUMMARY_LABEL_COLUMN,
    SUMMARY_META_LABELS,
    SUMMARY_VALUE_COLUMN,
    TOTAL_LABEL,
    UNIT_LABEL,
)
from ictcost.report.summary import CONTINGENCY_SYMBOL, summary_rows

if TYPE_CHECKING:
    from ictcost.estimate.result import ContingencyResult, Estimate

__all__ = ["flag_words", "summary_sheet"]

_WIDTHS: Final = (6, 44, 11, 40, 19, 17, 19)
_NCOLS: Final = len(_WIDTHS)
_NONE: Final = "—"
"""The value of a key cell that holds no key (no override, no contingency)."""
_AMOUNT: Final = column_letter(SUMMARY_COL["amount"])
_TOTAL: Final = column_letter(SUMMARY_COL["total"])
_SIGNATURE_HEIGHT: Final = 60
"""The height (points) of the row left blank for the signatures."""


def flag_words(flags: tuple[str, ...]) -> str:
    """Return flags as Vietnamese words joined by ``; `` (never a flag's name)."""
    return "; ".join(vi(f"xlsx.flag.{f}") for f in flags)


def summary_sheet(book: Book, estimate: Estimate, first: int, last: int) -> None:
    """Write *Tổng hợp*; ``first`` … ``last`` are the line rows of *Chi tiết*."""
    e = estimate
    ws = book.ws(SUMMARY)
    header = _meta(book, ws, e) + 2
    table(book, ws, header, list(zip(SUMMARY_HEADERS, _WIDTHS, strict=True)))
    sub = _groups(book, ws, e, header, first=first, last=last)
    dp, total = sub + 1, sub + 2
    book.text(ws, total, 2, TOTAL_LABEL, bold=True)
    book.formula(ws, total, SUMMARY_COL["total"], f"{_TOTAL}{sub}+{_TOTAL}{dp}", e.total, bold=True)
    for r in (sub, total):
        for col in range(1, _NCOLS + 1):
            book.style(ws, r, col, fill=TOTAL_FILL)
    row = _words(book, ws, e, total + 2, total_row=total)
    row = _notes(book, ws, e, row + 2)
    row = _signatures(book, ws, e, row + 2)
    book.last_printed_row[SUMMARY] = row
    params = _keys(book, ws, e, row + 3)
    _contingency_row(book, ws, e, dp, sub=sub, params=params)
    box_rows(book, ws, header + 1, total, _NCOLS)
    book.check(TOTAL_LABEL, ws, total, SUMMARY_COL["total"], e.total)


def _merge(ws: Sheet, row: int, first: int, last: int) -> None:
    ws.merge(row, first, last)


def _regime_text(e: Estimate) -> str:
    r = e.regime
    text = vi("xlsx.regime", decree=r.decree, circular=r.cost_circular)
    if r.overridden:
        text += vi("xlsx.regime_override", in_force=r.in_force_id, on=format_date(e.date, "vi"))
    return text


def _meta(book: Book, ws: Sheet, e: Estimate) -> int:
    """Write the title and the project metadata; return the last row used."""
    book.text(ws, 1, 1, f"BẢNG TỔNG HỢP {KIND_VI.get(e.kind, e.kind.upper())}")
    book.style(ws, 1, 1, bold=True, size=TITLE_SIZE, horizontal="center")
    _merge(ws, 1, 1, _NCOLS)
    ws.heights[1] = 24
    meta: list[tuple[str, str | None]] = [
        (SUMMARY_META_LABELS["name"], e.name),
        (SUMMARY_META_LABELS["owner"], e.owner or _NONE),
        (SUMMARY_META_LABELS["preparer"], e.preparer or _NONE),
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
        book.style(ws, row, label_col, vertical="top")
        if text is None:
            book.date(ws, row, value_col, e.date)
            book.style(ws, row, value_col, fmt=DATE, horizontal="left")
        else:
            book.text(ws, row, value_col, text, wrap=True)
            _merge(ws, row, value_col, _NCOLS)
    return row


def _groups(book: Book, ws: Sheet, e: Estimate, header: int, *, first: int, last: int) -> int:
    """Write one row per statutory group and the subtotal; return the subtotal's row."""

    def column(field: str) -> str:
        letter = column_letter(DETAIL_COL[field])
        return f"'{DETAIL}'!${letter}${first}:${letter}${last}"

    amounts, vats, groups = column("amount"), column("vat_amount"), column("group")
    c = SUMMARY_COL
    amount, vat = column_letter(c["amount"]), column_letter(c["vat"])
    row = header
    for group in (g for g in summary_rows(e) if g.kind == "group"):
        row += 1
        assert group.number is not None
        assert group.amount is not None
        assert group.vat is not None
        symbol = column_letter(c["symbol"])
        book.num(ws, row, c["number"], Decimal(group.number), fmt=GENERAL)
        book.style(ws, row, c["number"], horizontal="center")
        book.text(ws, row, c["name"], group.label_vi, wrap=True)
        book.text(ws, row, c["symbol"], group.symbol)
        book.formula(
            ws, row, c["amount"], f"SUMIFS({amounts},{groups},{symbol}{row})", group.amount
        )
        book.formula(ws, row, c["vat"], f"SUMIFS({vats},{groups},{symbol}{row})", group.vat)
        book.formula(ws, row, c["total"], f"{amount}{row}+{vat}{row}", group.total)
        how = vi("xlsx.group_sum", symbol=group.symbol, sheet=DETAIL)
        book.text(ws, row, c["formula"], how, wrap=True)
        for field, value in (("amount", group.amount), ("vat", group.vat), ("total", group.total)):
            book.check(group.symbol, ws, row, c[field], value, part=field)
    c_first, c_last = header + 1, row
    sub = row + 1
    book.text(ws, sub, c["name"], SUBTOTAL_LABEL, bold=True)
    for field, value in (
        ("amount", e.amount),
        ("vat", e.vat),
        ("total", e.total_before_contingency),
    ):
        letter = column_letter(c[field])
        formula = f"SUM({letter}{c_first}:{letter}{c_last})"
        book.formula(ws, sub, c[field], formula, value, bold=True)
        book.check(SUBTOTAL_LABEL, ws, sub, c[field], value, part=field)
    return sub


def _contingency_row(
    book: Book, ws: Sheet, e: Estimate, dp: int, *, sub: int, params: dict[str, int]
) -> None:
    """Write the contingency row: ``ROUND(base × % / 100, 0)`` (+ escalation) on the subtotal."""
    c = SUMMARY_COL
    book.num(ws, dp, c["number"], Decimal(len(e.components) + 1), fmt=GENERAL)
    book.style(ws, dp, c["number"], horizontal="center")
    book.text(ws, dp, c["name"], CONTINGENCY_LABEL)
    book.text(ws, dp, c["symbol"], CONTINGENCY_SYMBOL)
    label = CONTINGENCY_SYMBOL
    cont = e.contingency
    if cont is None:
        book.num(ws, dp, c["total"], Decimal(0))
        book.text(ws, dp, c["formula"], vi("xlsx.no_contingency"), wrap=True)
        book.check(label, ws, dp, c["total"], Decimal(0))
        return
    formula = _contingency_formula(e, cont, sub, params)
    if formula is None:
        book.num(ws, dp, c["total"], cont.total)
    else:
        book.formula(ws, dp, c["total"], formula, cont.total)
    book.text(ws, dp, c["formula"], "\n".join(_contingency_texts(cont)), wrap=True)
    book.check(label, ws, dp, c["total"], cont.total)


def _contingency_formula(
    e: Estimate, c: ContingencyResult, sub: int, params: dict[str, int]
) -> str | None:
    """Return the contingency formula from its typed parts, or ``None`` when one is missing.

    ``ROUND(G{sub}*C{Kps}/100,0)`` (``+C{escalation}``): the percentage and the escalation are
    the key cells of :func:`_keys` (which the importer reads, never this formula).
    """
    single = c.rule == "single_coefficient"
    percent = c.rate_percent if single else c.volume_percent
    pct_row = params.get("contingency_rate" if single else "contingency_volume")
    base_col, subtotal = (
        (_TOTAL, e.total_before_contingency) if c.on == "after_vat" else (_AMOUNT, e.amount)
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
    value = column_letter(SUMMARY_VALUE_COLUMN)
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


def _words(book: Book, ws: Sheet, e: Estimate, row: int, *, total_row: int) -> int:
    """Write the amount in words and, under it, the check cell; return the check cell's row."""
    book.text(ws, row, 2, vi("xlsx.words"), bold=True)
    book.style(ws, row, 2, vertical="top")
    book.text(ws, row, 3, e.total_in_words, wrap=True)
    book.style(ws, row, 3, italic=True)
    _merge(ws, row, 3, _NCOLS)
    check = row + 1
    warning = vi("xlsx.words_stale", amount=e.total).replace('"', '""')
    total = f"{_TOTAL}{total_row}"
    book.formula(ws, check, 3, f'IF({total}={literal(e.total)},"","{warning}")', "", fmt=GENERAL)
    book.style(ws, check, 3, bold=True, color=RED, wrap=True, vertical="top")
    _merge(ws, check, 3, _NCOLS)
    ws.heights[check] = LINE_HEIGHT + ROW_PADDING  # the warning takes one line
    return check


def _notes(book: Book, ws: Sheet, e: Estimate, row: int) -> int:
    """Write the notes; return the last row."""
    notes = [render_note(n, "vi") for n in e.notes]
    if e.contingency is not None:
        notes.extend(render_note(n, "vi") for n in e.contingency.notes)
    if e.flags:
        notes.append(vi("xlsx.line_flags", flags=flag_words(e.flags), sheet=DETAIL))
    notes.append(vi("xlsx.footer", sheet=CHECK, version=__version__))
    book.text(ws, row, 2, vi("xlsx.notes"), bold=True)
    for text in notes:
        row += 1
        book.text(ws, row, 2, f"- {text}", wrap=True)
        _merge(ws, row, 2, _NCOLS)
    return row


def _place_date(e: Estimate) -> str:
    d = e.date
    return vi("xlsx.place_date", day=f"{d.day:02d}", month=f"{d.month:02d}", year=str(d.year))


def _signatures(book: Book, ws: Sheet, e: Estimate, row: int) -> int:
    """Write the place and date and the three signature columns; return the last row."""
    columns = ((2, 2), (3, 4), (5, _NCOLS))
    first, last = columns[-1]
    book.text(ws, row, first, _place_date(e))
    book.style(ws, row, first, italic=True, horizontal="center")
    _merge(ws, row, first, last)
    titles = ("xlsx.sign.preparer", "xlsx.sign.checker", "xlsx.sign.unit")
    hints = ("xlsx.sign.person", "xlsx.sign.person", "xlsx.sign.seal")
    # the unit's name under its representative's (the seal is the unit's)
    unit = "\n".join(x for x in (e.signed_by, e.preparer) if x) or None
    names = (e.prepared_by, e.checked_by, unit)
    for (a, b), code, hint, name in zip(columns, titles, hints, names, strict=True):
        book.text(ws, row + 1, a, vi(code), bold=True)
        book.style(ws, row + 1, a, horizontal="center")
        book.text(ws, row + 2, a, vi(hint))
        book.style(ws, row + 2, a, italic=True, horizontal="center")
        if name:
            book.text(ws, row + 4, a, name, bold=True, wrap=True)
            book.style(ws, row + 4, a, horizontal="center")
        for r in (row + 1, row + 2, row + 4):
            if b > a:
                _merge(ws, r, a, b)
    ws.heights[row + 3] = _SIGNATURE_HEIGHT
    return row + 4


def _keys(book: Book, ws: Sheet, e: Estimate, row: int) -> dict[str, int]:
    """Write the key rows (regime override, contingency parameters), outside the print area.

    Returns:
        The rows of the key cells by field.
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
    book.text(ws, row, 2, vi("xlsx.keys"))
    book.style(ws, row, 2, italic=True)
    rows: dict[str, int] = {}
    label_col, value_col = SUMMARY_LABEL_COLUMN, SUMMARY_VALUE_COLUMN
    for field, value in keys:
        row += 1
        rows[field] = row
        book.text(ws, row, label_col, SUMMARY_KEY_LABELS[field])
        book.style(ws, row, label_col, italic=True)
        if isinstance(value, Decimal):
            fmt = money_or_general(value) if field == "contingency_escalation" else GENERAL
            book.num(ws, row, value_col, value, fmt=fmt)
            book.style(ws, row, value_col, horizontal="left")
        else:
            book.text(ws, row, value_col, value)
    return rows
