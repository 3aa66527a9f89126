"""Bounds on what the statutory reader reads, and opening a workbook within them.

:class:`ReadLimits` bounds a sheet's rows, columns and cells; :func:`open_workbook` streams each
sheet of a workbook to check them (refusing it with :class:`WorkbookTooLargeError`) before it
loads the workbook whole, twice (the cached values, the formulas).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ictcost.errors import InputError
from ictcost.inputs._cells import open_xlsx

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = ["ReadLimits", "WorkbookTooLargeError", "open_workbook"]


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds on what :func:`read_statutory_workbook` reads (hostile or damaged files).

    Attributes:
        max_rows: A sheet with more rows is refused (:class:`WorkbookTooLargeError`).
        max_columns: A sheet with more columns is refused.
        max_cells: A sheet whose rows × columns are more is refused (the workbook is loaded
            whole once its sheets pass these limits).
        scan_columns: Only the first columns are read (a statutory table is narrower).
        header_rows: The header row is looked for in the first rows only.
        max_empty_rows: A table ends after this many empty rows in a row.
    """

    max_rows: int = 100_000
    max_columns: int = 1_000
    max_cells: int = 5_000_000
    scan_columns: int = 60
    header_rows: int = 30
    max_empty_rows: int = 20


class WorkbookTooLargeError(InputError):
    """A sheet has more rows or columns than :class:`ReadLimits` allows (code ``input-invalid``).

    Attributes:
        sheet: The sheet (in ``context``).
        rows: Its rows (in ``context``).
        columns: Its columns (in ``context``).
    """


def open_workbook(file: Path, limits: ReadLimits) -> tuple[Workbook, Workbook]:
    """Open the workbook twice (cached values, formulas) after checking each sheet's size."""
    sized = open_xlsx(file, data_only=True, read_only=True)
    try:
        for ws in sized.worksheets:
            _check_size(file, ws, limits)
    finally:
        sized.close()
    return open_xlsx(file, data_only=True), open_xlsx(file, data_only=False)


def _check_size(file: Path, ws: Any, limits: ReadLimits) -> None:  # noqa: ANN401 - read-only sheet
    """Refuse a sheet (of a read-only workbook) with more rows or columns than allowed.

    The rows are streamed, not taken from the sheet's stored dimension (which a file may state
    wrongly), and the count stops at the first limit passed.
    """
    ws.reset_dimensions()
    rows = cols = 0
    for n, row in enumerate(ws.iter_rows(values_only=True), 1):
        rows, cols = n, max(cols, len(row))
        if rows > limits.max_rows or cols > limits.max_columns or rows * cols > limits.max_cells:
            break
    if rows > limits.max_rows or cols > limits.max_columns or rows * cols > limits.max_cells:
        raise WorkbookTooLargeError(
            f"{file.name}!{ws.title}: the sheet has {rows} rows and {cols} columns; ictcost reads "
            f"at most {limits.max_rows} rows, {limits.max_columns} columns and "
            f"{limits.max_cells} cells",
            field="file",
            hint="delete the empty or unrelated rows and columns, or split the workbook",
            sheet=ws.title,
            rows=rows,
            columns=cols,
        )
