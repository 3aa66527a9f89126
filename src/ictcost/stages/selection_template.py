"""Write a blank KHLCNT workbook in the layout the reader reads: :func:`write_selection_plan_template`.

The template's headers are those :func:`~ictcost.stages.selection_plan.read_selection_plan`
knows (the columns of Luật Đấu thầu 22/2023/QH15 Điều 39, plus the package id, its kind and the
estimate lines it covers); its drop-down lists are the words of
:data:`~ictcost.stages.selection_plan.KIND_WORDS`,
:data:`~ictcost.stages.selection_plan.SELECTION_WORDS` and
:data:`~ictcost.stages.selection_plan.CONTRACT_TYPE_WORDS`. Re-exported by
:mod:`ictcost.stages.workbook`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ictcost._internal._atomic import atomic_write_bytes, require_folder
from ictcost.stages._sheet_reader import Lang, catalogue
from ictcost.stages.selection_plan import CONTRACT_TYPE_WORDS, KIND_WORDS, SELECTION_WORDS

if TYPE_CHECKING:
    import os

__all__ = ["write_selection_plan_template"]

# --- the template ---------------------------------------------------------------------------------

_TEMPLATE_COLUMNS: Final = (
    ("stt", 6),
    ("id", 10),
    ("name", 36),
    ("summary", 36),
    ("kind", 14),
    ("price", 18),
    ("source", 18),
    ("selection", 20),
    ("procedure", 20),
    ("duration", 14),
    ("start", 16),
    ("contract_type", 18),
    ("execution", 14),
    ("option", 12),
    ("lines", 20),
    ("exemption", 24),
)
_HEADER_ROW: Final = 4
_FIRST_ROW: Final = 6
_BLANK_ROWS: Final = 30


def write_selection_plan_template(path: str | os.PathLike[str], *, lang: Lang = "vi") -> Path:
    """Write a blank KHLCNT workbook in the layout :func:`read_selection_plan` reads.

    Row 1 the title, row 2 the decision line to fill, row 4 the headers (Luật Đấu thầu
    22/2023/QH15 Điều 39, plus the package id, its kind and the estimate lines it covers), row 5
    the column numbers, packages from row 6; the kind, the form of selection and the contract
    type are drop-down lists of the words the reader knows. A second sheet says how to fill it.

    Args:
        path: The ``.xlsx`` file to write (replaced atomically; its folder must exist).
        lang: The language of the sheet names, the title and the guide (the headers are
            Vietnamese in both: they are the form's).

    Returns:
        The path written.

    Raises:
        InputError: the folder does not exist.
        ImportError: XlsxWriter (the ``excel`` extra) is not installed.
    """
    import xlsxwriter  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415

    target = Path(path)
    require_folder(target)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet(catalogue("stages_workbook.sheet.plan", lang))
    title = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
    italic = wb.add_format({"italic": True, "align": "center"})
    header = wb.add_format(
        {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1}
    )
    numbering = wb.add_format({"italic": True, "align": "center", "border": 1})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    money = wb.add_format({"border": 1, "num_format": "#,##0", "valign": "top"})
    last = len(_TEMPLATE_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, catalogue("stages_workbook.title", lang), title)
    ws.merge_range(1, 0, 1, last, catalogue("stages_workbook.decision_line", "vi"), italic)
    ws.merge_range(2, 0, 2, last, catalogue("stages_workbook.subtitle", lang), italic)
    ws.set_row(_HEADER_ROW - 1, 60)
    for col, (key, width) in enumerate(_TEMPLATE_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(_HEADER_ROW - 1, col, catalogue(f"stages_workbook.col.plan.{key}"), header)
        ws.write_string(_HEADER_ROW, col, f"({col + 1})", numbering)
        fmt = money if key == "price" else cell
        for row in range(_FIRST_ROW - 1, _FIRST_ROW - 1 + _BLANK_ROWS):
            ws.write_blank(row, col, None, fmt)
    lists = {
        "kind": [catalogue(f"template.value.package_kind.{k}") for k in KIND_WORDS],
        "selection": [w[0] for k, w in SELECTION_WORDS.items() if k != "other"]
        + ["Chỉ định thầu rút gọn", *SELECTION_WORDS["other"]],
        "contract_type": [
            catalogue(f"stages_workbook.contract_type.{k}") for k in CONTRACT_TYPE_WORDS
        ],
    }
    for col, (key, _) in enumerate(_TEMPLATE_COLUMNS):
        if key in lists:
            ws.data_validation(
                _FIRST_ROW - 1,
                col,
                _FIRST_ROW - 2 + _BLANK_ROWS,
                col,
                {"validate": "list", "source": lists[key], "error_type": "warning"},
            )
    ws.freeze_panes(_FIRST_ROW - 1, 3)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(_HEADER_ROW - 1, _HEADER_ROW)
    guide = wb.add_worksheet(catalogue("stages_workbook.sheet.guide", lang))
    guide.set_column(0, 0, 72)
    guide.fit_to_pages(1, 0)
    guide.set_paper(9)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    guide.write_string(
        0,
        0,
        catalogue("stages_workbook.guide.title", lang),
        wb.add_format({"bold": True, "font_size": 13}),
    )
    keys = ("decision", "rows", "id", "kind", "price", "start", "lines", "read")
    for i, key in enumerate(keys, start=2):
        text = catalogue(f"stages_workbook.guide.{key}", lang)
        guide.set_row(i, 15 * (len(text) // 64 + 1))  # a spreadsheet does not grow wrapped rows
        guide.write_string(i, 0, text, wrap)
    wb.close()
    return atomic_write_bytes(target, buffer.getvalue())
