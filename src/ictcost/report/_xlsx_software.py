"""The *Phần mềm* sheet: the live use-case-point chain of every internal-software line.

For each line whose trace is a :class:`~ictcost.estimate.trace.SoftwareTrace` the sheet holds the
annex tables of the result (:class:`~ictcost.software.ucp.SoftwareCostResult`: actors, use cases,
technical and environmental factors) and the constants the chain used, and above them the chain
itself as formulas over those rows (CV 2589/2011 → QĐ 671/2024)::

    TAW = Σ actor points          TBF = Σ counted use-case points      UUCP = TAW + TBF
    TFW = Σ technical results     TCF = tcf_base + tcf_per_tfw × TFW
    EFW = Σ environmental results EF = ef_base − ef_per_efw × EFW       AUCP = UUCP × TCF × EF
    ES = Σ experience stability   P (the productivity band of ES)      E = num / den × AUCP
    H (the labour rate)           G = g_factor × E × P × H             C = G × overhead % / 100
    TL = (G + C) × pre-tax income % / 100                              G_PM = ROUND(G + C + TL, 0)

The cached value of every cell is the library's exact figure; G_PM is rounded to whole đồng once,
as :mod:`ictcost.software.ucp` does. ``P`` and the experience stability of each factor are band
lookups the result reports as values (the band tables are not part of the result), and ``H`` is
the labour rate of :mod:`ictcost.software.labour`; they are written as numbers.

The constants are the result's typed ``constants`` (:class:`~ictcost.software.results.UcpConstants`),
each shown with its citation ``ucp-constants/<row>/value``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ictcost.report._xlsx_book import (
    GENERAL,
    HEADER_FILL,
    Book,
    Sheet,
    box_rows,
    money_or_general,
    sheet_ref,
    table,
    title,
    vi,
)
from ictcost.report._xlsx_lines import rounds_alike
from ictcost.report.explain import render_note
from ictcost.report.layout import SOFTWARE
from ictcost.software.results import UCP_CHAIN

if TYPE_CHECKING:
    from ictcost.estimate.result import Estimate, LineResult
    from ictcost.software.results import FactorRow, SoftwareCostResult

__all__ = ["CHAIN", "CONSTANTS", "software_constants", "software_sheet"]

CHAIN: Final = UCP_CHAIN
"""The symbols of the chain, in the order of the sheet."""
CONSTANTS: Final = (
    "tcf_base",
    "tcf_per_tfw",
    "ef_base",
    "ef_per_efw",
    "effort_numerator",
    "effort_denominator",
    "g_factor",
    "overhead_percent",
    "pre_tax_income_percent",
)
"""The constants of the chain (rows of the ``ucp-constants`` table)."""
_CONSTANT_TABLE: Final = "ucp-constants"
_HEADERS: Final = (
    ("STT", 6),
    ("Mã dòng", 10),
    ("Ký hiệu / hạng mục", 30),
    ("Giá trị", 20),
    ("Cách tính", 34),
    ("Nội dung", 44),
    ("Số lượng / xếp hạng", 12),
    ("Trọng số", 10),
    ("Hệ số BMT", 10),
    ("Tính vào TBF (1/0) / Ổn định KN", 16),
)


def software_constants(result: SoftwareCostResult) -> dict[str, tuple[Decimal, str | None]]:
    """Return the constants of the chain with the reference of their citation.

    Args:
        result: The software result.

    Returns:
        ``{row: (value, ref)}`` for every constant of :data:`CONSTANTS`, read from the typed
        ``result.constants``; ``ref`` is the citation ``ucp-constants/<row>/value`` when the result
        cites it (it always does for a result of :func:`ictcost.software.compute_software_cost`).
    """
    cited = {c.ref for c in result.citations}
    out: dict[str, tuple[Decimal, str | None]] = {}
    for key in CONSTANTS:
        value = getattr(result.constants, key)
        assert isinstance(value, Decimal)
        ref = f"{_CONSTANT_TABLE}/{key}/value"
        out[key] = (value, ref if ref in cited else None)
    return out


def software_sheet(book: Book, estimate: Estimate) -> None:
    """Write *Phần mềm*: for each use-case-point line, the chain and its annex tables."""
    ws = book.ws(SOFTWARE)
    title(
        book,
        ws,
        "CHI PHÍ PHẦN MỀM NỘI BỘ (PHƯƠNG PHÁP ĐIỂM TRƯỜNG HỢP SỬ DỤNG)",
        "Các chỉ số là công thức trên các bảng tác nhân, trường hợp sử dụng, yếu tố và hằng số "
        "bên dưới. Đơn vị: đồng",
    )
    header = 3
    table(book, ws, header, _HEADERS, freeze_col=3)
    row = header + 1
    lines = [ln for ln in estimate.lines if ln.trace.kind == "software"]
    for n, line in enumerate(lines, 1):
        row = _software_line(book, ws, row, line, n)
    box_rows(book, ws, header + 1, row - 1, len(_HEADERS))


class _Rows:
    """The rows of one line's blocks, for the chain's formulas."""

    def __init__(self, line_row: int) -> None:
        self.symbol = {s: line_row + 1 + i for i, s in enumerate(CHAIN)}
        self.actors = (0, -1)
        self.use_cases = (0, -1)
        self.technical = (0, -1)
        self.environmental = (0, -1)
        self.constant: dict[str, int] = {}


def _software_line(book: Book, ws: Sheet, row: int, line: LineResult, n: int) -> int:
    """Write one software line: the chain, then the annex tables; return the next free row."""
    t = line.trace
    assert t.kind == "software"
    s = t.software
    book.num(ws, row, 1, Decimal(n), fmt=GENERAL)
    book.style(ws, row, 1, horizontal="center")
    book.text(ws, row, 2, line.id, bold=True)
    book.text(ws, row, 3, line.name, bold=True, wrap=True)
    book.text(ws, row, 5, book.explain(t), wrap=True)
    book.text(ws, row, 6, "\n".join(render_note(x, "vi") for x in line.notes), wrap=True)
    rows = _Rows(row)
    r = row + len(CHAIN) + 1
    r = _actors(book, ws, r, s, rows)
    r = _use_cases(book, ws, r, s, rows)
    r = _factors(book, ws, r, "technical", factors=s.technical, rows=rows)
    r = _factors(book, ws, r, "environmental", factors=s.environmental, rows=rows)
    r = _constants(book, ws, r, s, rows)
    _chain(book, ws, s, rows)
    g_pm = rows.symbol["G_PM"]
    book.links.amount[line.id] = (sheet_ref(SOFTWARE, f"D{g_pm}"), s.g_pm)
    return r


def _block_header(book: Book, ws: Sheet, r: int, text: str) -> None:
    book.text(ws, r, 3, text, bold=True)
    for col in range(3, len(_HEADERS) + 1):
        book.style(ws, r, col, fill=HEADER_FILL)


def _actors(book: Book, ws: Sheet, r: int, s: SoftwareCostResult, rows: _Rows) -> int:
    _block_header(book, ws, r, vi("xlsx.ucp.table.actors"))
    first = r + 1
    for a in s.actors:
        r += 1
        book.text(ws, r, 3, vi("xlsx.ucp.actor", label=a.label))
        book.style(ws, r, 3, indent=1)
        book.formula(ws, r, 4, f"G{r}*H{r}", a.points, fmt=GENERAL)
        book.text(ws, r, 6, "; ".join(a.names) or None, wrap=True)
        book.num(ws, r, 7, Decimal(a.count), fmt=GENERAL)
        book.num(ws, r, 8, a.weight, fmt=GENERAL)
    rows.actors = (first, r)
    return r + 1


def _use_cases(book: Book, ws: Sheet, r: int, s: SoftwareCostResult, rows: _Rows) -> int:
    _block_header(book, ws, r, vi("xlsx.ucp.table.use_cases"))
    first = r + 1
    for u in s.use_cases:
        r += 1
        book.text(ws, r, 3, u.name, wrap=True)
        book.style(ws, r, 3, indent=1)
        book.formula(ws, r, 4, f"H{r}*I{r}", u.points, fmt=GENERAL)
        complexity = vi(f"xlsx.ucp.class.{u.complexity}")
        if u.transactions is None:
            about = vi("xlsx.ucp.use_case", bmt=u.bmt, complexity=complexity)
        else:
            about = vi(
                "xlsx.ucp.use_case_transactions",
                bmt=u.bmt,
                complexity=complexity,
                transactions=u.transactions,
            )
        if not u.counted:
            about += "; " + vi("xlsx.ucp.unchanged")
        book.text(ws, r, 6, about, wrap=True)
        book.num(ws, r, 7, None if u.transactions is None else Decimal(u.transactions), fmt=GENERAL)
        book.num(ws, r, 8, u.weight, fmt=GENERAL)
        book.num(ws, r, 9, u.bmt_coefficient, fmt=GENERAL)
        book.num(ws, r, 10, Decimal(1 if u.counted else 0), fmt=GENERAL)
    rows.use_cases = (first, r)
    return r + 1


def _factors(
    book: Book,
    ws: Sheet,
    r: int,
    kind: str,
    *,
    factors: tuple[FactorRow, ...],
    rows: _Rows,
) -> int:
    _block_header(book, ws, r, vi(f"xlsx.ucp.table.{kind}"))
    first = r + 1
    for f in factors:
        r += 1
        book.text(ws, r, 3, f.code)
        book.style(ws, r, 3, indent=1)
        book.formula(ws, r, 4, f"G{r}*H{r}", f.result, fmt=GENERAL)
        book.text(ws, r, 6, f.label, wrap=True)
        book.num(ws, r, 7, f.rating, fmt=GENERAL)
        book.num(ws, r, 8, f.weight, fmt=GENERAL)
        book.num(ws, r, 10, f.stability, fmt=GENERAL)
    if kind == "technical":
        rows.technical = (first, r)
    else:
        rows.environmental = (first, r)
    return r + 1


def _constants(book: Book, ws: Sheet, r: int, s: SoftwareCostResult, rows: _Rows) -> int:
    _block_header(book, ws, r, vi("xlsx.ucp.table.constants", method=s.method))
    for key, (value, cited) in software_constants(s).items():
        r += 1
        book.text(ws, r, 3, key)
        book.style(ws, r, 3, indent=1)
        book.num(ws, r, 4, value, fmt=GENERAL)
        book.text(ws, r, 5, cited, wrap=True)
        book.text(ws, r, 6, vi(f"xlsx.ucp.const.{key}"), wrap=True)
        rows.constant[key] = r
    return r + 1


def _span(col: str, rows: tuple[int, int]) -> str | None:
    first, last = rows
    return f"{col}{first}:{col}{last}" if last >= first else None


def _formulas(s: SoftwareCostResult, rows: _Rows) -> dict[str, str | None]:
    """Return the formula of each symbol over the blocks (``None``: the value is written)."""
    d = {sym: f"D{r}" for sym, r in rows.symbol.items()}
    k = {key: f"D{r}" for key, r in rows.constant.items()}
    actors = _span("D", rows.actors)
    technical = _span("D", rows.technical)
    environmental = _span("D", rows.environmental)
    stability = _span("J", rows.environmental)
    return {
        "TAW": f"SUM({actors})" if actors else None,
        "TBF": _tbf(s, _span("D", rows.use_cases), _span("J", rows.use_cases)),
        "UUCP": f"{d['TAW']}+{d['TBF']}",
        "TFW": f"SUM({technical})" if technical else None,
        "TCF": f"{k['tcf_base']}+{k['tcf_per_tfw']}*{d['TFW']}",
        "EFW": f"SUM({environmental})" if environmental else None,
        "EF": f"{k['ef_base']}-{k['ef_per_efw']}*{d['EFW']}",
        "AUCP": f"{d['UUCP']}*{d['TCF']}*{d['EF']}",
        "ES": f"SUM({stability})"
        if stability and all(f.stability is not None for f in s.environmental)
        else None,
        "P": None,  # the productivity band of ES: a value of the result
        "E": f"{k['effort_numerator']}*{d['AUCP']}/{k['effort_denominator']}",
        "H": None,  # the labour rate: a value of the result
        "G": f"{k['g_factor']}*{d['E']}*{d['P']}*{d['H']}",
        "C": f"{d['G']}*{k['overhead_percent']}/100",
        "TL": f"({d['G']}+{d['C']})*{k['pre_tax_income_percent']}/100",
        "G_PM": f"ROUND({d['G']}+{d['C']}+{d['TL']},0)" if rounds_alike(s.G_PM) else None,
    }


def _chain(book: Book, ws: Sheet, s: SoftwareCostResult, rows: _Rows) -> None:
    """Write the 16 symbols, each a formula over the blocks below (G_PM rounded once)."""
    formulas = _formulas(s, rows)
    params = {key: value for key, (value, _) in software_constants(s).items()}
    for sym in CHAIN:
        r = rows.symbol[sym]
        value = s.g_pm if sym == "G_PM" else getattr(s, sym)
        assert isinstance(value, Decimal)
        fmt = money_or_general(value)
        bold = sym == "G_PM"
        book.text(ws, r, 3, sym, bold=bold)
        formula = formulas[sym]
        if formula is None:
            book.num(ws, r, 4, value, fmt=fmt, bold=bold)
        else:
            book.formula(ws, r, 4, formula, value, fmt=fmt, bold=bold)
        how = (
            vi(f"xlsx.ucp.H.{s.labour.method}")
            if sym == "H"
            else vi(f"xlsx.ucp.{sym}.how", **params)
        )
        book.text(ws, r, 5, how, wrap=True)
        about = vi(f"xlsx.ucp.{sym}")
        if sym in s.amounts and sym != "G_PM":
            about += "\n" + vi("xlsx.ucp.rounded", amount=s.amounts[sym])
        book.text(ws, r, 6, about, wrap=True)


def _tbf(s: SoftwareCostResult, points: str | None, counted: str | None) -> str | None:
    if points is None or counted is None:
        return None
    if all(u.counted for u in s.use_cases):
        return f"SUM({points})"
    return f"SUMPRODUCT({points},{counted})"
