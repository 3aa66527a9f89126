"""Read the free-form statutory workbooks people submit (``excel`` extra), with a report.

:func:`read_statutory_workbook` reads a *Bảng tổng hợp dự toán* / *tổng mức đầu tư* and its
*Bảng dự toán chi tiết* sheets, laid out as people lay them out, into a
:class:`~ictcost.estimate.model.ProjectInput` whose lines carry the workbook's figures in their
``stated`` blocks (so that :func:`ictcost.checks.check` can recompute and compare), and returns
with it an :class:`ImportReport`: every cell or row the reader used, how it read it, what it
assumed, and every row it skipped and why.

What is recognised
    * **The table**: in each sheet, the header row is the first of the first ``header_rows``
      rows (30) holding a name column (*Nội dung chi phí*, *Khoản mục chi phí*, *Hạng mục*,
      *Tên* …) and an amount column (*Giá trị trước thuế*, *Thành tiền*, *Thuế GTGT*, *Giá trị
      sau thuế* …); the other columns are *STT*, *Ký hiệu*, *Cách tính* / *Diễn giải*, *Đơn vị*,
      *Khối lượng* / *Số lượng*, *Đơn giá*, *Thuế suất*, *Căn cứ*, *Ghi chú*. Labels are compared
      without case, diacritics, spaces, punctuation or a parenthesised part (``(đồng)``,
      ``(1)``); a header on two rows (*Giá trị* merged above *Trước thuế* | *Thuế GTGT* | *Sau
      thuế*) is joined, and a row of column numbers (``1 2 3``, ``(1) (2) (3)=(1)x(2)``) under it
      is skipped. A sheet with a name column and a unit price or quantity column is a detail
      sheet; otherwise a summary.
    * **Rows**: *STT* ``I``, ``II`` … (upper-case Roman numerals) are groups, ``1``, ``2`` … lines,
      ``1.1`` … sub-lines, ``a``, ``b`` and ``-``, ``+`` sub-items; without Roman numerals, a
      top-level number whose name is a cost group (*Chi phí thiết bị* …) is a group. A row with
      figures and no row below it is a line; a row with rows below it is a subtotal (its figures
      are compared with the sum of its rows, and the rows are taken). Rows whose name begins
      with *Cộng* / *Tổng* are totals (*Cộng* inside a group: the group's; before *Chi phí dự
      phòng*: the total before contingency; the last: the grand total); *Thuế GTGT …* without
      STT is a VAT row (its rate, ``Thuế GTGT 8%``, applies to the lines above that show no VAT);
      *Chi phí dự phòng* is the contingency; *Bằng chữ* ends the table (the words are compared
      with the grand total); the table also ends after ``max_empty_rows`` empty rows.
    * **Groups → components**, by their normalised Vietnamese names (*Chi phí xây lắp* →
      ``xay_lap``, *Chi phí (trang) thiết bị* → ``thiet_bi``, *Chi phí thuê dịch vụ* →
      ``thue_dich_vu``, *Chi phí quản lý dự án* → ``quan_ly_du_an``, *Chi phí tư vấn (đầu tư)* →
      ``tu_van``, *Chi phí khác* → ``chi_phi_khac``, *Chi phí dự phòng* → the contingency …) or by
      the *Ký hiệu* (``Gtb``, ``Gqlda`` …); ``headings`` adds names. Inside the equipment group a
      line or sub-heading named as one of its components (*Phần mềm nội bộ*, *Đào tạo* …) takes
      that component. A detail sheet without group rows takes the component its title or sheet
      name names; its lines replace the summary's row for that group.
    * **Cells**: merged cells are read by their top-left value; amounts as numbers or text with
      dots, commas or spaces as thousands separators (``1.234.567``, ``1,234,567``,
      ``1.234.567 đ``; a single separator before three digits is a thousands separator, which
      the report says), an amount cell with more than 2 decimals is rounded to whole đồng (said
      too), and multiplied by the unit the sheet states (*Đơn vị tính: nghìn đồng*); VAT rates
      as ``8%``, ``8 %``, ``8``, a percentage cell, ``KCT`` / *không chịu thuế*.
    * **The project**: *Dự án* / *Tên dự án* / *Công trình* / *Nhiệm vụ*: the name, *Chủ đầu
      tư*, *Đơn vị lập* in ``key: value`` cells above the table; the kind (*TỔNG MỨC ĐẦU TƯ* /
      *DỰ TOÁN*) and the document (*báo cáo kinh tế - kỹ thuật*, *báo cáo nghiên cứu khả thi*,
      *kế hoạch thuê dịch vụ*, *đề cương*) from the title; the date from *…, ngày 15 tháng 9 năm
      2025*. ``project`` gives or overrides any of them; the name, date, project kind and
      document are required.

What a line becomes
    Every line is a ``fixed`` line with its stated figures (a line with a quantity and a unit
    price is recomputed as their product), ``basis`` *theo bảng tính được nộp*, its *Cách
    tính* and *Ghi chú* in the note. Its VAT category comes from the rate shown (``KCT`` →
    ``software``; a rate → the first category with that rate on the date), else from a VAT
    amount that is the amount × a rate of the table, else from the component (``quan_ly_du_an``
    → ``not_applicable``, ``phan_mem_noi_bo`` → ``software``, others → ``general`` with a VAT,
    ``not_applicable`` with a VAT of 0): each inference is in the report. The groups' after-VAT
    totals become ``stated.components`` (by the regime's group key), the totals ``stated``;
    the contingency is stated, and when its *Cách tính* names one % that reproduces it on the
    totals before or after VAT, it becomes the contingency input (``contingency`` overrides).

Hostile input
    No formula is evaluated (cells are read as the values a spreadsheet program cached; a
    formula cell without one is an error), a sheet with more than ``max_rows`` rows (100 000)
    or ``max_columns`` columns is refused with :class:`WorkbookTooLargeError` before it is
    loaded, only the first ``scan_columns`` columns are read and a table stops after
    ``max_empty_rows`` empty rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ictcost.errors import DOCS_SITE, InputError
from ictcost.inputs._cells import CellReader
from ictcost.inputs._rows import validate_project
from ictcost.inputs.statutory._amounts import parse_amount as parse_amount
from ictcost.inputs.statutory._contingency import infer_contingency
from ictcost.inputs.statutory._groups import Heading as Heading
from ictcost.inputs.statutory._groups import heading_table
from ictcost.inputs.statutory._limits import ReadLimits, WorkbookTooLargeError, open_workbook
from ictcost.inputs.statutory._lines import assemble
from ictcost.inputs.statutory._project import project_meta
from ictcost.inputs.statutory._report import (
    ImportEntry,
    ImportReport,
    ImportStatus,
    ImportWhat,
    entry_problem,
)
from ictcost.inputs.statutory._sheet import read_sheet
from ictcost.inputs.statutory._state import State
from ictcost.inputs.statutory._text import fold as fold
from ictcost.norms.registry import NormRegistry
from ictcost.report.layout import DETAIL, DETAIL_COLUMNS, DETAIL_HEADER_ROW, SUMMARY

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from ictcost.estimate.model import ProjectInput

__all__ = [
    "ImportEntry",
    "ImportReport",
    "ImportStatus",
    "ImportWhat",
    "ReadLimits",
    "WorkbookTooLargeError",
    "read_statutory_workbook",
]

_HINT: Final = f"correct each cell listed; {DOCS_SITE}concepts/excel-import/ documents what is read"


def read_statutory_workbook(
    path: Path | str,
    *,
    project: Mapping[str, object] | None = None,
    contingency: Mapping[str, object] | None = None,
    headings: Mapping[str, str] | None = None,
    sheets: Sequence[str] | None = None,
    registry: NormRegistry | None = None,
    limits: ReadLimits | None = None,
) -> tuple[ProjectInput, ImportReport]:
    """Read a statutory estimate workbook laid out freely, and say what was understood.

    Args:
        path: The ``.xlsx`` workbook.
        project: Project fields the workbook does not state, or that override what it states
            (``name``, ``date``, ``project_kind``, ``document``, ``kind``, ``owner`` …, as in
            :class:`~ictcost.estimate.model.ProjectMeta`).
        contingency: The contingency input (as :class:`~ictcost.estimate.model.ContingencyInput`);
            without it, it is read from the contingency row where its % reproduces it.
        headings: More group or heading names → a component key (or ``contingency``).
        sheets: The sheets to read (default: every sheet; those without a table are skipped).
        registry: The norms (VAT categories, groups; default: the shipped norms).
        limits: The bounds of what is read (default :class:`ReadLimits`).

    Returns:
        The project (every figure of the workbook in the ``stated`` blocks) and the report.

    Raises:
        WorkbookTooLargeError: a sheet has more rows or columns than ``limits`` allow.
        InputError: the file cannot be read, a named sheet is missing, no table is found, a
            formula cell has no cached value, the project's name, date, kind or document is
            neither in the workbook nor in ``project``, or a field is invalid; each problem
            names its cell (``file!sheet!cell``).
    """
    file = Path(path)
    bounds = limits if limits is not None else ReadLimits()
    reg = registry if registry is not None else NormRegistry.shipped()
    names_table = heading_table(headings)
    values, formulas = open_workbook(file, bounds)
    state = State(CellReader(file.name, values, formulas), bounds, names_table)
    names = list(values.sheetnames)
    if sheets is not None:
        missing = [s for s in sheets if s not in names]
        if missing:
            raise InputError(
                f"{file.name}: no sheet {', '.join(repr(s) for s in missing)}; the workbook "
                f"has: {', '.join(names)}",
                field="sheets",
                hint="name sheets of the workbook",
            )
        names = [n for n in names if n in sheets]
    if _is_ictcost_workbook(values):
        raise InputError(
            f"{file.name}: this is a workbook ictcost wrote (sheets '{SUMMARY}' and '{DETAIL}' "
            "with its columns); read it with load_workbook_project, which reads its key cells "
            "and breakdown sheets",
            field="file",
            hint="ictcost.inputs.load_workbook_project(path)",
        )
    tables = [t for t in (read_sheet(state, n) for n in names) if t is not None]
    if state.cells.uncached:
        raise InputError(
            f"{file.name}: {len(state.cells.uncached)} formula cell(s) have no cached value; "
            "ictcost reads the values a spreadsheet program stored and computes no formula",
            field="file",
            problems=tuple(state.cells.uncached),
            hint="open the workbook in Excel or LibreOffice, recalculate it and save it, then "
            "load it again",
        )
    if not tables:
        raise InputError(
            f"{file.name}: no estimate table found (a header row with 'Nội dung chi phí' and "
            f"'Giá trị trước thuế' or 'Thành tiền' in the first {bounds.header_rows} rows of a "
            "sheet)",
            field="file",
            problems=tuple(entry_problem(e) for e in state.entries if e.what == "sheet"),
            hint=f"check that the workbook is an estimate; {DOCS_SITE}concepts/excel-import/ lists "
            "the header labels read",
            report=state.report(),
        )
    meta = project_meta(state, tables, project)
    data = assemble(state, tables, meta, reg)
    if contingency is not None:
        data["contingency"] = dict(contingency)
    else:
        infer_contingency(state, data, reg)
    result = validate_project(file.name, data, state.marks, hint=_HINT)
    return result, state.report()


def _is_ictcost_workbook(values: Workbook) -> bool:
    """Whether the workbook is ictcost's own (its *Chi tiết* header has its machine columns)."""
    if SUMMARY not in values.sheetnames or DETAIL not in values.sheetnames:
        return False
    ws = values[DETAIL]
    headers = {
        str(ws.cell(row=DETAIL_HEADER_ROW, column=c).value or "").strip()
        for c in range(1, min(ws.max_column, 60) + 1)
    }
    return {DETAIL_COLUMNS["id"], DETAIL_COLUMNS["method"]} <= headers
