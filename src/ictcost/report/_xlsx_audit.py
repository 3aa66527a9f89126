"""The audit sheets of the estimate workbook: *Trích dẫn* (citations) and *Kiểm tra* (checks).

*Trích dẫn* lists every norm value a line or the contingency used, with its instrument, period,
confidence, sources, pack and, for a disputed value, the values other sources give
(:attr:`Citation.alternatives <ictcost.norms.registry.Citation.alternatives>`). *Kiểm tra* shows,
for every cell the sheets registered with :meth:`Book.check <ictcost.report._xlsx_book.Book.check>`,
the formula's result beside ictcost's value as a plain number and their difference, which must
be 0 once the workbook is recalculated.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill

from ictcost.report._xlsx_book import (
    GENERAL,
    Book,
    box_rows,
    period_text,
    sheet_ref,
    table,
    title,
    vi,
)
from ictcost.report.layout import CHECK, CITATIONS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.estimate.result import Estimate
    from ictcost.norms.registry import Citation

__all__ = ["check_sheet", "citations_sheet"]

_BAD_FILL = PatternFill("solid", fgColor="F8CBAD")
_GOOD_FILL = PatternFill("solid", fgColor="C6EFCE")


def citations_sheet(book: Book, estimate: Estimate) -> None:
    """Write *Trích dẫn*: every citation of every line and of the contingency."""
    ws = book.ws(CITATIONS)
    title(
        book,
        ws,
        "TRÍCH DẪN CÁC GIÁ TRỊ ĐỊNH MỨC ĐÃ DÙNG",
        "Mỗi giá trị kèm văn bản, hiệu lực, nguồn",
    )
    header = 3
    table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Mã dòng", 10),
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
    rows = [(ln.id, c) for ln in estimate.lines for c in ln.citations]
    if estimate.contingency is not None:
        rows += [("Dự phòng", c) for c in estimate.contingency.citations]
    row = header
    for n, (line_id, c) in enumerate(rows, 1):
        row += 1
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.style(ws, row, 1, horizontal="center")
        book.text(ws, row, 2, line_id)
        _citation_row(book, ws, row, c)
    box_rows(book, ws, header + 1, row, 10)


def _citation_row(book: Book, ws: Worksheet, row: int, c: Citation) -> None:
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
    """Write *Kiểm tra*: each checked cell's formula result beside ictcost's value."""
    ws = book.ws(CHECK)
    title(
        book,
        ws,
        "KIỂM TRA: KẾT QUẢ CÔNG THỨC SO VỚI GIÁ TRỊ ICTCOST ĐÃ TÍNH",
        "Cột D là kết quả công thức của bảng tính, cột E là giá trị ictcost tính (số cố định); "
        "chênh lệch phải bằng 0.",
    )
    header = 5
    table(
        book,
        ws,
        header,
        [
            ("STT", 6),
            ("Hạng mục", 40),
            ("Ô", 22),
            ("Kết quả công thức", 19),
            ("Giá trị ictcost", 19),
            ("Chênh lệch", 14),
        ],
    )
    row = header
    for n, check in enumerate(book.checks, 1):
        row += 1
        book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
        book.style(ws, row, 1, horizontal="center")
        book.text(ws, row, 2, check.label)
        book.text(ws, row, 3, f"'{check.sheet}'!{check.coordinate}")
        book.formula(ws, row, 4, sheet_ref(check.sheet, check.coordinate), check.value)
        book.num(ws, row, 5, check.value)
        book.formula(ws, row, 6, f"D{row}-E{row}", Decimal(0))
    first, last = header + 1, row
    book.text(ws, 3, 2, "Số ô chênh lệch (phải bằng 0):", bold=True)
    book.formula(
        ws, 3, 4, f"SUMPRODUCT((F{first}:F{last}<>0)*1)", Decimal(0), fmt=GENERAL, bold=True
    )
    for rng in (f"F{first}:F{last}", "D3"):
        ws.conditional_formatting.add(
            rng, CellIsRule(operator="notEqual", formula=["0"], fill=_BAD_FILL)
        )
        ws.conditional_formatting.add(
            rng, CellIsRule(operator="equal", formula=["0"], fill=_GOOD_FILL)
        )
    box_rows(book, ws, first, last, 6)
