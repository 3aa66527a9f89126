"""The timeline of a project as a workbook (``excel`` extra): the table of stages, the findings.

:func:`write_timeline_xlsx` writes a :class:`~ictcost.stages.timeline.Timeline` with the
estimate workbook's look (:mod:`ictcost.report.parts`): Times New Roman 12, money ``#,##0`` with
the Vietnamese locale tag, the change between stages as live formulas whose cached results are
ictcost's exact figures. The value of each stage is the one the timeline gives (see
:mod:`ictcost.stages.timeline`: the approved totals of Luật Đầu tư công 58/2024/QH15, the package
prices of Luật Đấu thầu 22/2023/QH15, the cash paid as NĐ 99/2021/NĐ-CP counts it).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ictcost.report.parts import lang_or_default, text
from ictcost.stages._timeline_text import capital, counted, plain
from ictcost.stages.model import STAGES

if TYPE_CHECKING:
    from ictcost.report.explain import Lang
    from ictcost.stages.timeline import Timeline

__all__ = ["write_timeline_xlsx"]

_HUNDRED: Final = Decimal(100)

_SHEET_COLUMNS: Final = (
    ("stage", 28),
    ("measure", 30),
    ("from", 12),
    ("to", 12),
    ("decision", 24),
    ("value", 17),
    ("diff", 17),
    ("diff_percent", 11),
    ("previous", 22),
    ("findings", 34),
)
_FINDING_SHEET_COLUMNS: Final = (
    ("stage", 26),
    ("date", 12),
    ("severity", 11),
    ("code", 27),
    ("case", 28),
    ("message", 76),
)


def write_timeline_xlsx(
    timeline: Timeline, path: str | os.PathLike[str], *, lang: Lang = "vi"
) -> Path:
    """Write the timeline as a workbook: the table of stages, and the findings (``excel`` extra).

    Sheet *Tiến trình* (*Timeline*): one row per stage (and adjustment) with its dates, decisions,
    value, the change from the row before as live formulas (``=F6-F5`` and its ratio, their
    cached results ictcost's exact figures) and the codes of its findings. Sheet *Phát hiện*
    (*Findings*): one row per finding with its stage, date, severity, code, case and message.
    Times New Roman 12, money ``#,##0`` with the Vietnamese locale tag (as the estimate workbook,
    :mod:`ictcost.report._xlsx_style`); texts of the dossier are written as text, never as a
    formula. The file is written whole or not at all (a temporary file and a rename).

    Args:
        timeline: The timeline.
        path: The ``.xlsx`` file.
        lang: The language of the labels.

    Returns:
        The path written.

    Raises:
        ImportError: XlsxWriter is not installed (``pip install 'ictcost[excel]'``).
    """
    from ictcost._internal._atomic import atomic_write_bytes  # noqa: PLC0415

    lang = lang_or_default(lang)
    target = Path(path)
    atomic_write_bytes(target, _workbook_bytes(timeline, lang))
    return target


def _workbook_bytes(t: Timeline, lang: Lang) -> bytes:
    try:
        import xlsxwriter  # type: ignore[import-untyped,unused-ignore] # noqa: PLC0415
    except ImportError as exc:
        msg = (
            "write_timeline_xlsx() needs XlsxWriter, the 'excel' extra: pip install "
            "'ictcost[excel]' (from a checkout: pip install -e '.[excel]')"
        )
        raise ImportError(msg, name="xlsxwriter") from exc
    import io  # noqa: PLC0415

    from ictcost.report.parts import BODY_SIZE, FONT  # noqa: PLC0415

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "default_format_properties": {"font_name": FONT, "font_size": BODY_SIZE},
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    fmt = _formats(wb, lang)
    _stages_sheet(wb.add_worksheet(text("timeline.sheet", lang)), t, fmt, lang)
    _findings_sheet(wb.add_worksheet(text("timeline.sheet.findings", lang)), t, fmt, lang)
    wb.close()
    return buffer.getvalue()


def _formats(wb: Any, lang: Lang) -> dict[str, Any]:  # noqa: ANN401 - XlsxWriter's workbook
    """The cell formats: the estimate workbook's font, money and date formats.

    In Vietnamese the numbers carry the Vietnamese locale tag (``1.234.567``, as the estimate
    workbook); in English they take the application's separators.
    """
    from ictcost.report.parts import (  # noqa: PLC0415
        BODY_SIZE,
        DATE,
        FONT,
        LOCALE,
        MONEY,
        TITLE_SIZE,
    )

    tag = LOCALE if lang == "vi" else ""
    base = {"font_name": FONT, "font_size": BODY_SIZE, "valign": "top"}
    box = base | {"border": 1, "border_color": "#999999"}
    head = box | {"bold": True, "text_wrap": True, "bg_color": "#DDEBF7", "valign": "vcenter"}
    return {
        "title": wb.add_format(base | {"bold": True, "font_size": TITLE_SIZE}),
        "plain": wb.add_format(base),
        "head": wb.add_format(head),
        "text": wb.add_format(box | {"text_wrap": True}),
        "date": wb.add_format(box | {"num_format": DATE, "align": "left"}),
        "money": wb.add_format(box | {"num_format": MONEY if lang == "vi" else "#,##0"}),
        "signed": wb.add_format(box | {"num_format": f"{tag}+#,##0;-#,##0;0"}),
        "percent": wb.add_format(box | {"num_format": f"{tag}+0.00%;-0.00%;0.00%"}),
        "red": wb.add_format(box | {"text_wrap": True, "font_color": "#C00000"}),
    }


def _write_date(ws: Any, row: int, col: int, day: dt.date | None, style: Any) -> None:  # noqa: ANN401
    if day is None:
        ws.write_blank(row, col, None, style)
    else:
        ws.write_datetime(row, col, dt.datetime.combine(day, dt.time()), style)


def _stages_sheet(ws: Any, t: Timeline, fmt: Mapping[str, Any], lang: Lang) -> None:  # noqa: ANN401
    """The table of stages; the change columns are formulas over the value column (F)."""
    from ictcost.report.xlsx_parts import exact_number  # noqa: PLC0415

    ws.write_string(0, 0, plain(text("timeline.title", lang, project=t.project)), fmt["title"])
    ws.write_string(1, 0, plain(t.name), fmt["plain"])
    head_row = 3
    heads = [text(f"timeline.col.{key}", lang) for key, _ in _SHEET_COLUMNS]
    for col, (_, width) in enumerate(_SHEET_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(head_row, col, heads[col], fmt["head"])
    excel_row: dict[str, int] = {}
    for i, r in enumerate(t.rows):
        row = head_row + 1 + i
        excel_row[r.key] = row
        ws.write_string(row, 0, r.label(lang), fmt["text"])
        ws.write_string(row, 1, r.measure(lang), fmt["text"])
        _write_date(ws, row, 2, r.start, fmt["date"])
        _write_date(ws, row, 3, r.date, fmt["date"])
        ws.write_string(row, 4, plain(", ".join(r.decisions)), fmt["text"])
        if r.value is None:
            ws.write_blank(row, 5, None, fmt["money"])
        else:
            ws.write_number(row, 5, exact_number(r.value), fmt["money"])
        if r.previous is not None and r.difference is not None:
            me, before = f"F{row + 1}", f"F{excel_row[r.previous] + 1}"
            ws.write_formula(row, 6, f"={me}-{before}", fmt["signed"], exact_number(r.difference))
            cached: float | str = "" if r.percent is None else float(r.percent / _HUNDRED)
            formula = f'=IF({before}=0,"",G{row + 1}/{before})'
            ws.write_formula(row, 7, formula, fmt["percent"], cached)
            ws.write_string(row, 8, t.row(r.previous).label(lang), fmt["text"])
        else:
            ws.write_blank(row, 6, None, fmt["signed"])
            ws.write_blank(row, 7, None, fmt["percent"])
            ws.write_blank(row, 8, None, fmt["text"])
        style = fmt["red"] if any(f.severity == "error" for f in r.findings) else fmt["text"]
        codes = "\n".join(counted(r.findings)).replace("\u00a0", " ")  # one code a line
        ws.write_string(row, 9, codes, style)
        texts = (r.label(lang), r.measure(lang), ", ".join(r.decisions), codes)
        _fit(ws, row, zip(texts, (0, 1, 4, 9), strict=True), _SHEET_COLUMNS)
    last = head_row + len(t.rows)
    ws.freeze_panes(head_row + 1, 1)
    _fit(ws, head_row, ((h, c) for c, h in enumerate(heads)), _SHEET_COLUMNS, bold=True)
    ws.autofilter(head_row, 0, last, len(_SHEET_COLUMNS) - 1)
    _page(ws, head_row, last, len(_SHEET_COLUMNS) - 1, text("timeline.sheet.footer", lang))


def _findings_sheet(ws: Any, t: Timeline, fmt: Mapping[str, Any], lang: Lang) -> None:  # noqa: ANN401
    """One row per finding, by stage in the legal order, then by date."""
    ws.write_string(0, 0, text("timeline.findings_title", lang), fmt["title"])
    for col, (key, width) in enumerate(_FINDING_SHEET_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(2, col, text(f"timeline.col.{key}", lang), fmt["head"])
    if not t.checked or not t.findings:
        key = "timeline.not_checked" if not t.checked else "timeline.no_findings"
        ws.write_string(3, 0, text(key, lang), fmt["plain"])
    order = {s: i for i, s in enumerate(STAGES)}
    placed = sorted(
        t.findings,
        key=lambda s: (order[s.stage] if s.stage else len(order), s.date or dt.date.max),
    )
    for i, s in enumerate(placed):
        row, f = 3 + i, s.finding
        key = f"word.stage.{s.stage}" if s.stage else "timeline.unmapped"
        ws.write_string(row, 0, capital(text(key, lang)), fmt["text"])
        _write_date(ws, row, 1, s.date, fmt["date"])
        severity = text(f"appraisal.severity.{f.severity}", lang)
        ws.write_string(row, 2, severity, fmt["red"] if f.severity == "error" else fmt["text"])
        ws.write_string(row, 3, f.code, fmt["text"])
        ws.write_string(row, 4, f.case or "", fmt["text"])
        message = plain(f.message(lang))
        ws.write_string(row, 5, message, fmt["text"])
        texts = ((f.code, 3), (f.case or "", 4), (message, 5))
        _fit(ws, row, texts, _FINDING_SHEET_COLUMNS)
    ws.freeze_panes(3, 0)
    footer = text("timeline.sheet.footer", lang)
    _page(ws, 2, 2 + max(1, len(placed)), len(_FINDING_SHEET_COLUMNS) - 1, footer)


def _fit(
    ws: Any,  # noqa: ANN401 - XlsxWriter's sheet
    row: int,
    texts: Iterable[tuple[str, int]],
    columns: Sequence[tuple[str, int]],
    *,
    bold: bool = False,
) -> None:
    """Give a row the height its wrapped texts need (no application sizes it on opening)."""
    from ictcost.report.parts import text_height  # noqa: PLC0415

    height = max(text_height(s, columns[col][1], bold=bold) for s, col in texts)
    ws.set_row(row, height)


def _page(ws: Any, head_row: int, last_row: int, last_col: int, footer: str) -> None:  # noqa: ANN401
    """A4 landscape, fitted to the page width, the header row repeated, the page in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(head_row)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer(f"&C{footer}")
    ws.print_area(0, 0, last_row, last_col)
