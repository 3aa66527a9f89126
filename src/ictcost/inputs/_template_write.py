"""Writing the input template: a blank workbook, or one filled with a project (``excel`` extra).

The layout is :mod:`ictcost.inputs._template_layout`'s; :func:`write_template` of
:mod:`ictcost.inputs.template` is the public face. Every value is written so that the reader gets
it back exactly: whole amounts as numbers, fractions as numbers only where a binary float holds
them exactly (otherwise as text of plain digits), dates as date cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ictcost._internal._atomic import atomic_write_bytes, require_folder
from ictcost._internal._coerce import amount_text
from ictcost.errors import InputError, Problem
from ictcost.inputs._template_layout import (
    MARKER,
    MARKER_SHEET,
    PROJECT_ROWS,
    TABLES,
    TEMPLATE_VERSION,
    Column,
    Lang,
    Table,
    Vocabulary,
    text,
    vocabularies,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ictcost.estimate.model import ProjectInput

__all__ = ["build_template", "save_template", "template_rows"]

FONT: Final = "Times New Roman"
_SIZE: Final = 12
_MAX_EXACT: Final = 2**53
_BLANK_ROWS: Final = 300
"""Rows below the data that get the lists and formats, for the estimator to fill."""
_HEADER_FILL: Final = "DDEBF7"
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The characters a workbook cell cannot hold (openpyxl refuses them)."""
_A4_WIDTH: Final = 160
"""The column widths (in characters) that fit legibly across an A4 landscape page."""
_CHARS_PER_WIDTH: Final = 1.0
"""Characters of 12-point Times New Roman per unit of column width (a cautious estimate)."""
_LINE_HEIGHT: Final = 16


def _fit_height(ws: Worksheet, row: int, widths: dict[int, int]) -> None:
    """Give a row the height its wrapped text cells need (LibreOffice does not grow it itself)."""
    lines = 1
    for col, width in widths.items():
        value = ws.cell(row=row, column=col).value
        if isinstance(value, str) and value:
            per_line = max(1, int(width * _CHARS_PER_WIDTH))
            lines = max(lines, -(-len(value) // per_line))
    if lines > 1:
        ws.row_dimensions[row].height = _LINE_HEIGHT * lines


# --- values of a project, by table ------------------------------------------------------------------


def _refuse(problems: list[Problem], where: str, message: str) -> None:
    problems.append(Problem(message, path=where))


def _lines_rows(project: ProjectInput, problems: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {t.key: [] for t in TABLES}
    for i, line in enumerate(project.lines):
        where = f"lines[{i}: {line.id}]"
        data = line.model_dump()
        if line.stated is not None:
            _refuse(
                problems,
                f"{where}.stated",
                "the figures a submitted estimate states are not an input of the template; "
                "keep this project in YAML (ictcost check reads it)",
            )
        if isinstance(line.software, dict):
            _refuse(
                problems,
                f"{where}.software",
                "the software input is given inline; save it as a file beside the project and "
                "name the file in 'software'",
            )
        data["software"] = line.software if isinstance(line.software, str) else None
        rows["lines"].append(data)
        for quote in data["quotes"]:
            rows["quotes"].append({"line": line.id, **quote})
        for item in data["expert"]:
            rows["expert"].append({"line": line.id, **item})
        for payment in data["payments"]:
            rows["payments"].append({"line": line.id, **payment})
        if data["rental"] is not None:
            rows["rentals"].append({"line": line.id, **data["rental"]})
    if project.stated is not None:
        _refuse(
            problems,
            "stated",
            "the totals a submitted estimate states are not an input of the template; keep this "
            "project in YAML (ictcost check reads it)",
        )
    if project.contingency is not None:
        rows["escalation"] = [e.model_dump() for e in project.contingency.escalation]
    rows["packages"] = [p.model_dump() for p in project.packages]
    return rows


def template_rows(
    project: ProjectInput | None,
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Return the project sheet's values and each table's rows for a project (empty for none).

    Raises:
        InputError: the project holds a field the template cannot hold (stated figures, an
            inline software input, a list item with a comma); nothing is dropped silently.
    """
    if project is None:
        return {}, {t.key: [] for t in TABLES}
    problems: list[Problem] = []
    rows = _lines_rows(project, problems)
    meta = project.project.model_dump()
    if project.contingency is not None:
        meta["contingency"] = project.contingency.model_dump()
    _check_lists(meta, rows, problems)
    if problems:
        raise InputError(
            f"{len(problems)} field(s) of the project cannot be written to the template",
            problems=tuple(problems),
            field=problems[0].path,
            hint="the template holds the inputs of an estimate; keep the fields listed in YAML",
        )
    return meta, rows


def _check_lists(
    meta: dict[str, Any], rows: dict[str, list[dict[str, Any]]], problems: list[Problem]
) -> None:
    def check(value: object, where: str) -> None:
        if isinstance(value, tuple) and any("," in str(v) or ";" in str(v) for v in value):
            _refuse(
                problems,
                where,
                f"a list item holds a comma or a semicolon ({', '.join(map(repr, value))}), "
                "which separate the items of a list cell",
            )

    def printable(value: object, where: str) -> None:
        texts = value if isinstance(value, tuple) else (value,)
        if any(isinstance(t, str) and _CONTROL.search(t) for t in texts):
            _refuse(
                problems,
                where,
                f"a control character (got {value!r}) cannot be stored in a workbook cell",
            )

    for column in PROJECT_ROWS:
        printable(_get(meta, column.path), f"project.{column.key}")
        if column.kind == "list":
            check(_get(meta, column.path), f"project.{column.key}")
    for table in TABLES:
        for i, row in enumerate(rows[table.key]):
            for column in table.columns:
                printable(_get(row, column.path), f"{table.key}[{i}].{column.key}")
                if column.kind == "list":
                    check(_get(row, column.path), f"{table.key}[{i}].{column.key}")


def _get(data: dict[str, Any], path: tuple[str, ...]) -> object:
    node: Any = data
    for part in path:
        if not isinstance(node, dict) or node.get(part) is None:
            return None
        node = node[part]
    return node


# --- cells -----------------------------------------------------------------------------------------


def _number(value: Decimal | int, *, money: bool) -> int | float | str:
    number = Decimal(value)
    if number == number.to_integral_value() and abs(number) <= _MAX_EXACT:
        return int(number)
    as_float = float(number)
    exponent = number.as_tuple().exponent
    fits = not money or (isinstance(exponent, int) and exponent >= -2)
    if fits and Decimal(repr(as_float)) == number:
        return as_float
    return amount_text(number) if money else format(number, "f")


def cell_value(  # noqa: PLR0911 - one return per kind of cell
    value: object, column: Column, vocab: Vocabulary | None, lang: Lang
) -> object:
    """Return what a cell of a column holds for a field's value (``None`` for an empty cell)."""
    if value is None or value == ():
        return None
    kind = column.kind
    if kind in {"money", "number", "percent"} and isinstance(value, (Decimal, int)):
        return _number(value, money=kind == "money")
    if kind == "bool" and isinstance(value, bool):
        key = "true" if value else "false"
        return vocab.shown[key] if vocab is not None else key
    if kind == "choice" and isinstance(value, str):
        return vocab.shown.get(value, value) if vocab is not None else value
    if kind == "list" and isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date) and lang:
        return value
    return value if isinstance(value, int) else str(value)


def _date_format(lang: Lang) -> str:
    return "DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD"


def _put(ws: Worksheet, row: int, col: int, value: object, *, column: Column, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes "=…" a formula: force a string
    cell.font = Font(name=FONT, size=_SIZE)
    cell.alignment = Alignment(wrap_text=column.width >= 20, vertical="top")
    if column.kind == "date":
        cell.number_format = _date_format(lang)
    elif column.kind == "money":
        cell.number_format = "#,##0"
    elif column.kind in {"text", "list", "choice"}:
        cell.number_format = "@"


def _header(ws: Worksheet, row: int, col: int, value: str, width: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    cell = ws.cell(row=row, column=col, value=value)
    cell.data_type = "s"
    cell.font = Font(name=FONT, size=_SIZE, bold=True)
    cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    thin = Side(style="thin", color="808080")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.column_dimensions[get_column_letter(col)].width = width


def _column_style(ws: Worksheet, col: int, column: Column, lang: Lang) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    dim = ws.column_dimensions[get_column_letter(col)]
    dim.font = Font(name=FONT, size=_SIZE)
    if column.kind == "date":
        dim.number_format = _date_format(lang)
    elif column.kind == "money":
        dim.number_format = "#,##0"


def _heading(column: Column, table: str, lang: Lang) -> str:
    label = text(f"col.{table}.{column.key}", lang)
    return f"{label} *" if column.required else label


# --- the workbook ----------------------------------------------------------------------------------


class _Lists:
    """The hidden marker sheet: the marker, the version, and one column per vocabulary."""

    def __init__(self, wb: Workbook, vocabs: dict[str, Vocabulary], lang: Lang) -> None:
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        self.lang = lang
        ws = wb.create_sheet(MARKER_SHEET)
        ws.sheet_state = "hidden"
        ws["A1"], ws["B1"] = MARKER, TEMPLATE_VERSION
        ws["A2"], ws["B2"] = "lang", lang
        self.ranges: dict[str, str] = {}
        for n, (name, vocab) in enumerate(sorted(vocabs.items()), start=4):
            letter = get_column_letter(n)
            ws.cell(row=1, column=n, value=name)
            for r, key in enumerate(vocab.keys, start=2):
                ws.cell(row=r, column=n, value=vocab.shown[key]).data_type = "s"
            self.ranges[name] = f"'{MARKER_SHEET}'!${letter}$2:${letter}${len(vocab.keys) + 1}"

    def validate(self, ws: Worksheet, column: Column, cells: str) -> None:
        """Give cells the drop-down list of their column's vocabulary.

        A value outside the list only warns: a key, the other language's label or a user pack's
        category is read too, and the reader reports anything else at its cell.
        """
        from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

        if column.vocab is None:
            return
        dv = DataValidation(
            type="list",
            formula1=self.ranges[column.vocab],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=text("hint.list_title", self.lang),
            error=text("hint.list_error", self.lang),
        )
        ws.add_data_validation(dv)
        dv.add(cells)


def _page(ws: Worksheet, *, title_rows: bool = True, width: int = 0) -> None:
    """A4 landscape (A3 for a wide sheet), fitted to the page width, the header row repeated."""
    ws.page_setup.orientation = "landscape"
    wide = width > _A4_WIDTH
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if wide else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1 + width // (2 * _A4_WIDTH) if wide else 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = "1:1"


def _guide(wb: Workbook, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    ws = wb.create_sheet(text("sheet.guide", lang))
    ws.column_dimensions["A"].width = 100
    _page(ws, title_rows=False)
    title = ws.cell(row=1, column=1, value=text("guide.title", lang))
    title.font = Font(name=FONT, size=14, bold=True)
    for row, code in enumerate(("intro", "project", "lines", "nested", "values", "errors"), 3):
        cell = ws.cell(row=row, column=1, value=text(f"guide.{code}", lang))
        cell.font = Font(name=FONT, size=_SIZE)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit_height(ws, row, {1: 100})


def _allowed(column: Column, vocab: Vocabulary | None, lang: Lang) -> str:
    parts = [text("hint.required", lang)] if column.required else []
    if vocab is not None and column.kind in {"choice", "bool"}:
        choices = "; ".join(vocab.shown[k] for k in vocab.keys)
        parts.append(text("hint.choice", lang).format(choices=choices))
    elif column.kind != "text":
        parts.append(text(f"hint.{column.kind}", lang))
    return " ".join(parts)


def _project_sheet(
    wb: Workbook,
    meta: dict[str, Any],
    vocabs: dict[str, Vocabulary],
    lists: _Lists,
    lang: Lang,
) -> None:
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    ws = wb.create_sheet(text("sheet.project", lang))
    for col, (code, width) in enumerate(
        (("project.label", 44), ("project.value", 48), ("project.allowed", 60)), start=1
    ):
        _header(ws, 1, col, text(f"col.{code}", lang), width)
    ws.column_dimensions["D"].hidden = True
    for row, column in enumerate(PROJECT_ROWS, start=2):
        vocab = vocabs.get(column.vocab) if column.vocab else None
        label = ws.cell(row=row, column=1, value=_heading(column, "project", lang))
        label.font = Font(name=FONT, size=_SIZE, bold=column.required)
        label.alignment = Alignment(vertical="top")
        value = cell_value(_get(meta, column.path), column, vocab, lang)
        _put(ws, row, 2, value, column=column, lang=lang)
        ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        hint = ws.cell(row=row, column=3, value=_allowed(column, vocab, lang))
        hint.font = Font(name=FONT, size=10, italic=True)
        hint.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=row, column=4, value=column.key).data_type = "s"
        if column.kind in {"choice", "bool"}:
            lists.validate(ws, column, f"B{row}")
        _fit_height(ws, row, {1: 44, 2: 48, 3: 60 * 10 // 8})
    ws.freeze_panes = "B2"
    _page(ws)


def _table_sheet(
    wb: Workbook,
    table: Table,
    rows: list[dict[str, Any]],
    *,
    vocabs: dict[str, Vocabulary],
    lists: _Lists,
    lang: Lang,
) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    ws = wb.create_sheet(text(f"sheet.{table.key}", lang))
    ws.row_dimensions[1].height = 48
    last = len(rows) + 1 + _BLANK_ROWS
    for col, column in enumerate(table.columns, start=1):
        _header(ws, 1, col, _heading(column, table.key, lang), column.width)
        _column_style(ws, col, column, lang)
        vocab = vocabs.get(column.vocab) if column.vocab else None
        for r, data in enumerate(rows, start=2):
            value = cell_value(_get(data, column.path), column, vocab, lang)
            _put(ws, r, col, value, column=column, lang=lang)
        if column.kind in {"choice", "bool"}:
            letter = get_column_letter(col)
            lists.validate(ws, column, f"{letter}2:{letter}{last}")
    wrapped = {i: c.width for i, c in enumerate(table.columns, 1) if c.width >= 20}
    for r in range(2, len(rows) + 2):
        _fit_height(ws, r, wrapped)
    ws.freeze_panes = table.freeze
    _page(ws, width=sum(c.width for c in table.columns))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}1"


def build_template(project: ProjectInput | None, lang: Lang) -> Workbook:
    """Return the template workbook (blank, or filled with a project's values).

    Raises:
        InputError: the project holds a field the template cannot hold.
    """
    from openpyxl import Workbook  # noqa: PLC0415

    meta, rows = template_rows(project)
    on = project.project.date if project is not None else dt.datetime.now(tz=dt.UTC).date()
    vocabs = vocabularies(on, lang)
    wb = Workbook()
    wb.remove(wb.active)
    _guide(wb, lang)
    lists = _Lists(wb, vocabs, lang)
    _project_sheet(wb, meta, vocabs, lists, lang)
    for table in TABLES:
        _table_sheet(wb, table, rows[table.key], vocabs=vocabs, lists=lists, lang=lang)
    marker = wb[MARKER_SHEET]
    wb.move_sheet(marker, offset=len(wb.sheetnames) - 1 - wb.index(marker))
    wb.active = 1
    return wb


def save_template(wb: Workbook, path: Path | str) -> Path:
    """Write the workbook atomically; a missing folder is an ``InputError``."""
    target = Path(path)
    require_folder(target)
    buffer = io.BytesIO()
    wb.save(buffer)
    return atomic_write_bytes(target, buffer.getvalue())
