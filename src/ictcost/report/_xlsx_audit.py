"""The audit sheets of the estimate workbook: *Trích dẫn* (citations) and *Kiểm tra* (checks).

*Trích dẫn* lists every distinct norm value the lines and the contingency used, once, with the
lines that use it (runs of consecutive lines written ``first … last``), its instrument, period,
confidence, sources, pack and, for a disputed value, the values other sources give
(:attr:`Citation.alternatives <ictcost.norms.registry.Citation.alternatives>`).

*Kiểm tra* has one row per checked row of the other sheets (each line of *Chi tiết*, each group,
the subtotal, the contingency and the total of *Tổng hợp*, registered with
:meth:`Book.check <ictcost.report._xlsx_book.Book.check>`): the cells, ictcost's values of them as
plain numbers (before VAT, VAT, after VAT) and the sum of the absolute differences between the
cells' formulas and those numbers, which must be 0 once the workbook is recalculated; ``D3``
counts the rows where it is not.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ictcost.report._xlsx_book import (
    GENERAL,
    Book,
    Sheet,
    box_rows,
    column_letter,
    period_text,
    table,
    title,
    vi,
)
from ictcost.report._xlsx_sheet import Rule
from ictcost.report.layout import CHECK, CITATIONS

if TYPE_CHECKING:
    from ictcost.estimate.result import Estimate
    from ictcost.norms.registry import Citation

__all__ = ["CHECK_PARTS", "check_sheet", "citations_sheet", "line_runs"]

CHECK_PARTS: Final = ("amount", "vat", "total")
"""The parts of a checked row, in the columns C, D, E of *Kiểm tra*."""
_PARTS: Final = tuple((i, part, column_letter(3 + i)) for i, part in enumerate(CHECK_PARTS))
"""Each part with its position and its column's letter in *Kiểm tra*."""
_CONTINGENCY: Final = "Dự phòng"
_BAD_FILL: Final = "F8CBAD"
_GOOD_FILL: Final = "C6EFCE"


def line_runs(ids: list[str], order: dict[str, int]) -> str:
    """Return line ids as a compact list: runs of consecutive lines as ``first … last (n dòng)``.

    Args:
        ids: The ids, in the estimate's order, each once.
        order: The position of every id in the estimate (ids not in it stand alone).

    Returns:
        e.g. ``TB-01 … TB-05 (5 dòng), QLDA, Dự phòng``.
    """
    parts: list[str] = []
    run: list[str] = []

    def close() -> None:
        if len(run) > 2:
            parts.append(f"{run[0]} … {run[-1]} ({len(run)} dòng)")
        else:
            parts.extend(run)
        run.clear()

    for line_id in ids:
        at = order.get(line_id)
        if run and (at is None or order.get(run[-1]) != at - 1):
            close()
        run.append(line_id)
        if at is None:
            close()
    close()
    return ", ".join(parts)


def _key(c: Citation) -> tuple[object, ...]:
    """What makes two citations the same (every field the sheet shows)."""
    sources = tuple(tuple(sorted(x.items())) for x in c.sources)
    others = tuple((a.value, a.sources) for a in c.alternatives)
    return (
        c.ref,
        c.value,
        c.instrument,
        c.period,
        c.confidence,
        c.alternative,
        sources,
        c.pack,
        c.overrides_shipped,
        others,
    )


def citations_sheet(book: Book, estimate: Estimate) -> None:
    """Write *Trích dẫn*: every distinct citation once, with the lines that use it."""
    ws = book.ws(CITATIONS)
    title(
        book,
        ws,
        "TRÍCH DẪN CÁC GIÁ TRỊ ĐỊNH MỨC ĐÃ DÙNG",
        "Mỗi giá trị một lần, kèm các dòng dùng nó, văn bản, hiệu lực, nguồn",
    )
    header = 3
    table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Các dòng dùng", 30),
            ("Tham chiếu", 34),
            ("Giá trị", 16),
            ("Văn bản", 36),
            ("Hiệu lực", 22),
            ("Độ tin cậy", 13),
            ("Nguồn", 100),
            ("Gói dữ liệu", 18),
            ("Giá trị khác theo nguồn khác", 30),
        ],
        freeze_col=3,
    )
    users: dict[tuple[object, ...], tuple[Citation, list[str]]] = {}
    uses = [(ln.id, ln.citations) for ln in estimate.lines]
    if estimate.contingency is not None:
        uses.append((_CONTINGENCY, estimate.contingency.citations))
    derived = book.derived  # a citation object is shared by many lines: its key is made once
    for line_id, citations in uses:
        for c in citations:
            key = derived(c, _key)
            entry = users.get(key)
            if entry is None:
                users[key] = (c, [line_id])
            elif entry[1][-1] != line_id:
                entry[1].append(line_id)
    order = {ln.id: i for i, ln in enumerate(estimate.lines)}
    row = header
    for n, (c, ids) in enumerate(users.values(), 1):
        row += 1
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.style(ws, row, 1, horizontal="center")
        book.text(ws, row, 2, line_runs(ids, order), wrap=True)
        _citation_row(book, ws, row, c)
    box_rows(book, ws, header + 1, row, 10)


def _citation_row(book: Book, ws: Sheet, row: int, c: Citation) -> None:
    book.text(ws, row, 3, c.ref, wrap=True)
    book.text(ws, row, 4, c.value if c.value is not None else "—", wrap=True)
    book.text(ws, row, 5, c.instrument, wrap=True)
    book.text(ws, row, 6, period_text(c.period), wrap=True)
    confidence = vi("xlsx.citation.confidence", confidence=c.confidence)
    if c.alternative is not None:
        confidence = vi(
            "xlsx.citation.alternative", confidence=c.confidence, alternative=c.alternative
        )
    book.text(ws, row, 7, confidence, wrap=True)
    sources = "; ".join(
        vi("xlsx.citation.source_url", id=x.get("id") or "?", title=x.get("title"), url=x["url"])
        if x.get("url")
        else vi("xlsx.citation.source", id=x.get("id") or "?", title=x.get("title"))
        for x in c.sources
    )
    book.text(ws, row, 8, sources, wrap=True)
    pack = vi("xlsx.citation.override", pack=c.pack) if c.overrides_shipped else c.pack
    book.text(ws, row, 9, pack, wrap=True)
    others = [
        vi("xlsx.citation.other_value", value=a.value or "—", sources=a.sources)
        for a in c.alternatives
    ]
    book.text(ws, row, 10, "\n".join(others) or None, wrap=True)


def check_sheet(book: Book) -> None:
    """Write *Kiểm tra*: each checked row's cells beside ictcost's values, and the difference."""
    ws = book.ws(CHECK)
    title(
        book,
        ws,
        "KIỂM TRA: KẾT QUẢ CÔNG THỨC SO VỚI GIÁ TRỊ ICTCOST ĐÃ TÍNH",
        "Cột C, D, E là giá trị ictcost tính (số cố định) của các ô ở cột B; cột F là tổng "
        "chênh lệch (giá trị tuyệt đối) giữa kết quả công thức của các ô ấy và các giá trị này, "
        "phải bằng 0.",
    )
    header = 5
    table(
        book,
        ws,
        header,
        [
            ("Hạng mục", 24),
            ("Ô", 30),
            ("Giá trị trước thuế", 19),
            ("Thuế GTGT", 17),
            ("Giá trị sau thuế", 19),
            ("Chênh lệch", 14),
        ],
    )
    row = header
    text, num, formula = book.text, book.num, book.formula
    zero = Decimal(0)
    for check in book.checks:
        row += 1
        text(ws, row, 1, check.label)
        refs: list[str] = []
        terms: list[str] = []
        cells, sheet = check.cells, check.sheet
        for i, part, letter in _PARTS:
            if part not in cells:
                continue
            col, value = cells[part]
            cell = f"{column_letter(col)}{check.row}"
            refs.append(f"'{sheet}'!{cell}" if not refs else cell)
            num(ws, row, 3 + i, value)
            terms.append(f"ABS('{sheet}'!{cell}-{letter}{row})")
        text(ws, row, 2, ", ".join(refs))
        formula(ws, row, 6, "+".join(terms), zero)
    first, last = header + 1, max(row, header + 1)
    book.text(ws, 3, 2, "Số dòng có chênh lệch (phải bằng 0):", bold=True)
    book.formula(ws, 3, 4, f'COUNTIF(F{first}:F{last},"<>0")', Decimal(0), fmt=GENERAL, bold=True)
    for ref in (f"F{first}:F{last}", "D3"):
        ws.rules.append(Rule(ref, "!=", _BAD_FILL))
        ws.rules.append(Rule(ref, "==", _GOOD_FILL))
    box_rows(book, ws, first, row, 6)
