"""Checks that keep a hostile workbook from exhausting time or memory (issue 13, review D10, D11).

An ``.xlsx`` file is a zip archive of XML parts. Before openpyxl parses anything,
:func:`check_archive` inspects the archive with the standard library and refuses, with an
:class:`XlsxLimitError` naming the limit and the file:

* more than :attr:`XlsxLimits.max_entries` entries, more than :attr:`XlsxLimits.max_total_bytes`
  uncompressed in all, a part above :attr:`XlsxLimits.max_part_bytes` (a sheet, the shared
  strings), or a part above 1 MB compressed more than :attr:`XlsxLimits.max_ratio` to 1 (a zip
  bomb: 589 kB that would inflate to 2.65 GB is refused from the archive's directory alone; the
  sizes it declares are the most Python's :mod:`zipfile` will inflate);
* a document type declaration (``<!DOCTYPE``, ``<!ENTITY``) in any XML part: Office Open XML
  never uses one, and it is how entity expansion (billion laughs) and external entities (XXE) are
  written. This holds whatever XML parser openpyxl uses; openpyxl also parses through
  ``defusedxml`` (:func:`require_defusedxml`);
* a sheet with more than :attr:`XlsxLimits.max_cells` cells, counting the cells its merged
  ranges cover (openpyxl creates one object for each: one merge of a whole sheet is 17 billion).

Once openpyxl has loaded the workbook, :func:`bound_workbook` measures each sheet by the cells it
actually holds (not the dimension it declares), refuses one whose used range passes
:attr:`XlsxLimits.max_rows`, :attr:`XlsxLimits.max_columns` or :attr:`XlsxLimits.max_area`, or a
text cell longer than Excel's 32 767 characters, and freezes the sheet's ``max_row`` and
``max_column`` at that used range: reading an empty cell then no longer creates one, so a reader's
loop over the rows costs the used range once (D11: a stray cell at ``A1048576`` took minutes).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ictcost.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "DEFAULT_LIMITS",
    "XlsxLimitError",
    "XlsxLimits",
    "bound_workbook",
    "check_archive",
    "occupied_rows",
    "require_defusedxml",
    "used_columns",
    "used_rows",
]

_RATIO_FLOOR: Final = 1_000_000
"""The compression ratio is checked for parts above this size (small parts compress well)."""
_NOT_PARSED: Final = ("xl/media/", "xl/embeddings/", "xl/printerSettings/")
"""Parts openpyxl does not parse as XML (images, which may be SVG with a DTD; embedded files)."""
_CHUNK: Final = 1 << 20
_TAIL: Final = 1 << 16
_ELEMENT = rb"<(?:[\w.-]+:)?%s(?=[\s/>])"
_CELL = re.compile(_ELEMENT % rb"c")
_MERGE = re.compile((_ELEMENT % rb"mergeCell") + rb"([^<>]*)")
_REF = re.compile(rb"""\bref\s*=\s*(["'])([^"'<>]*)\1""")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


@dataclass(frozen=True, slots=True)
class XlsxLimits:
    """Bounds on a workbook that ictcost opens (a real estimate is far below every one).

    Attributes:
        max_entries: Entries (parts) in the archive.
        max_total_bytes: Uncompressed bytes of all parts together (200 MB).
        max_part_bytes: Uncompressed bytes of one part, e.g. a sheet or the shared strings.
        max_ratio: Compression ratio of a part above 1 MB (a zip bomb compresses 1000:1).
        max_cells: Cells of one sheet, merged cells included.
        max_rows: Rows of a sheet's used range (from its first to its last cell).
        max_columns: Columns of a sheet's used range.
        max_area: Rows × columns of a sheet's used range (what a reader's loop may visit).
        max_text: Characters of a text cell (Excel's own limit).
    """

    max_entries: int = 5_000
    max_total_bytes: int = 200_000_000
    max_part_bytes: int = 100_000_000
    max_ratio: int = 100
    max_cells: int = 2_000_000
    max_rows: int = 100_000
    max_columns: int = 1_000
    max_area: int = 5_000_000
    max_text: int = 32_767


DEFAULT_LIMITS: Final = XlsxLimits()
"""The limits :func:`ictcost.inputs._cells.open_xlsx` applies."""


class XlsxLimitError(InputError):
    """A workbook passes one of the :class:`XlsxLimits` (code ``input-invalid``).

    Attributes:
        limit: The name of the limit (in ``context``), e.g. ``max_total_bytes``.
    """


def _refuse(file: Path, what: str, limit: str, hint: str, **context: Any) -> XlsxLimitError:  # noqa: ANN401
    return XlsxLimitError(
        f"cannot read {file.name} as an Excel workbook: {what} (limit {limit})",
        field="file",
        hint=hint,
        limit=limit.split(" ", 1)[0].rstrip(":"),
        **context,
    )


_HINT_SIZE: Final = (
    "a workbook of a project is a few MB at most; check that this is the right file, or delete "
    "the unrelated sheets, rows and columns and save it again"
)


def require_defusedxml() -> None:
    """Refuse to parse workbooks unless openpyxl parses XML through ``defusedxml``.

    Raises:
        InputError: ``defusedxml`` is not installed, or ``OPENPYXL_DEFUSEDXML`` turns it off.
    """
    import openpyxl.xml  # noqa: PLC0415

    if not openpyxl.xml.DEFUSEDXML:
        raise InputError(
            "ictcost reads Excel workbooks only when openpyxl parses XML through defusedxml, "
            "which protects against hostile XML; it is not installed or is turned off",
            field="defusedxml",
            hint="install it: pip install 'ictcost[excel]' (or pip install defusedxml), and do "
            "not set OPENPYXL_DEFUSEDXML=False",
        )


def check_archive(file: Path, limits: XlsxLimits = DEFAULT_LIMITS) -> None:
    """Inspect the workbook's archive before openpyxl parses it (see the module docstring).

    Args:
        file: The workbook (a regular file).
        limits: The limits to apply.

    Raises:
        XlsxLimitError: the archive passes a limit or holds a document type declaration.
        InputError: the file is not a readable zip archive.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            _check_sizes(file, infos, limits)
            for info in infos:
                if not info.filename.startswith(_NOT_PARSED) and not info.is_dir():
                    _scan_part(file, archive, info, limits)
    except XlsxLimitError:
        raise
    except (OSError, EOFError, zipfile.BadZipFile, NotImplementedError, ValueError) as exc:
        raise InputError(
            f"cannot read {file} as an Excel workbook: {exc}",
            field="file",
            hint="check the path; the file must be an .xlsx workbook (Excel 2007 or later), "
            "saved again if it was damaged",
        ) from exc
    except zlib.error as exc:
        raise InputError(
            f"cannot read {file} as an Excel workbook: a damaged part ({exc})",
            field="file",
            hint="the file is damaged; save the workbook again from the spreadsheet program",
        ) from exc


def _check_sizes(file: Path, infos: list[zipfile.ZipInfo], limits: XlsxLimits) -> None:
    if len(infos) > limits.max_entries:
        raise _refuse(
            file, f"{len(infos)} archive entries", f"max_entries {limits.max_entries}", _HINT_SIZE
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise _refuse(
            file,
            f"{total} bytes uncompressed",
            f"max_total_bytes {limits.max_total_bytes}",
            _HINT_SIZE,
        )
    for info in infos:
        if info.file_size > limits.max_part_bytes:
            raise _refuse(
                file,
                f"the part {info.filename} has {info.file_size} bytes uncompressed",
                f"max_part_bytes {limits.max_part_bytes}",
                _HINT_SIZE,
                part=info.filename,
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.max_ratio:
            raise _refuse(
                file,
                f"the part {info.filename} is compressed {ratio:.0f}:1 (a zip bomb?)",
                f"max_ratio {limits.max_ratio}",
                _HINT_SIZE,
                part=info.filename,
            )


def _scan_part(
    file: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: XlsxLimits
) -> None:
    """Stream one XML part: no DTD; in a sheet, count the cells and the merged cells."""
    cells = 0  # counted in every part: a sheet part may be named anything
    with archive.open(info) as part:
        tail = b""
        while True:
            chunk = part.read(_CHUNK)
            buf = tail + chunk
            cut = len(buf)
            if chunk:  # keep an element that may continue in the next chunk
                last = buf.rfind(b"<")
                cut = last if last >= 0 and len(buf) - last < _TAIL else len(buf) - 16
                cut = max(cut, 0)
            body, tail = buf[:cut], buf[cut:]
            if _DTD.search(body):
                raise _refuse(
                    file,
                    f"the part {info.filename} has a document type declaration (entities)",
                    "no DTD",
                    "a workbook saved by a spreadsheet program has none; this file was made "
                    "to attack XML readers",
                    part=info.filename,
                )
            cells += len(_CELL.findall(body)) + _merged_cells(file, info, body)
            if cells > limits.max_cells:
                raise _refuse(
                    file,
                    f"the sheet part {info.filename} has more than {limits.max_cells} cells "
                    "(merged cells included)",
                    f"max_cells {limits.max_cells}",
                    _HINT_SIZE,
                    part=info.filename,
                )
            if not chunk:
                return


def _merged_cells(file: Path, info: zipfile.ZipInfo, body: bytes) -> int:
    """Return the cells the merged ranges in ``body`` cover (each a cell object in openpyxl)."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415

    total = 0
    for match in _MERGE.finditer(body):
        ref = _REF.search(match.group(1))
        bounds: tuple[Any, ...] = ()
        if ref is not None:
            try:
                bounds = range_boundaries(ref.group(2).decode("ascii", "replace"))
            except (ValueError, TypeError):
                bounds = ()
        if len(bounds) != 4 or any(b is None for b in bounds):
            raise _refuse(
                file,
                f"the part {info.filename} has a merged range without a cell range",
                "merged ranges",
                "the file is damaged or made by hand; save it again from the spreadsheet program",
                part=info.filename,
            )
        min_col, min_row, max_col, max_row = bounds
        total += (max_col - min_col + 1) * (max_row - min_row + 1)
    return total


def used_rows(ws: Any) -> int:  # noqa: ANN401 - an openpyxl worksheet
    """Return the last row of the cells a (loaded) sheet holds, 0 for an empty sheet.

    Unlike openpyxl's ``max_row`` this is read once from the cells present (not recomputed on
    every call, not grown by reading an empty cell).
    """
    frozen = getattr(ws, "_ictcost_used", None)
    if frozen is not None:
        return int(frozen[0])
    cells = getattr(ws, "_cells", None)
    return max((r for r, _ in cells), default=0) if cells else 0


def used_columns(ws: Any) -> int:  # noqa: ANN401 - an openpyxl worksheet
    """Return the last column of the cells a (loaded) sheet holds, 0 for an empty sheet."""
    frozen = getattr(ws, "_ictcost_used", None)
    if frozen is not None:
        return int(frozen[1])
    cells = getattr(ws, "_cells", None)
    return max((c for _, c in cells), default=0) if cells else 0


def occupied_rows(ws: Any, start: int = 1) -> list[int]:  # noqa: ANN401 - an openpyxl worksheet
    """Return, in order, the rows from ``start`` on that hold at least one cell of a loaded sheet.

    A reader that skips empty rows can loop over these instead of ``range(start, ws.max_row +
    1)``: the same rows are read (a row without a cell is empty in the values and the formulas
    alike), and the loop costs the cells present, not the sheet's size (D11).
    """
    cells = getattr(ws, "_cells", None) or {}
    return sorted({r for r, _ in cells if r >= start})


def bound_workbook(file: Path, workbook: Workbook, limits: XlsxLimits = DEFAULT_LIMITS) -> None:
    """Measure each loaded sheet by its cells, refuse an oversized one, and freeze its size.

    Args:
        file: The workbook's file (for messages).
        workbook: The workbook, loaded by openpyxl (not in read-only mode).
        limits: The limits to apply.

    Raises:
        XlsxLimitError: a sheet's used range or a text cell passes a limit.
        InputError: the workbook has no worksheet.
    """
    from openpyxl.worksheet.worksheet import Worksheet  # noqa: PLC0415

    sheets = [ws for ws in workbook.worksheets if isinstance(ws, Worksheet)]
    if not sheets:
        raise InputError(
            f"cannot read {file.name} as an Excel workbook: it has no worksheet",
            field="file",
            hint="the file is damaged or empty; save the workbook again from the spreadsheet "
            "program",
        )
    for ws in sheets:
        cells: dict[tuple[int, int], Any] = ws._cells
        rows = max((r for r, _ in cells), default=0)
        cols = max((c for _, c in cells), default=0)
        if rows > limits.max_rows or cols > limits.max_columns or rows * cols > limits.max_area:
            if rows > limits.max_rows:
                name, last = "max_rows", max(cells)
            elif cols > limits.max_columns:
                name, last = "max_columns", max(cells, key=lambda rc: (rc[1], rc[0]))
            else:
                name, last = "max_area", max(cells)
            from openpyxl.utils import get_column_letter  # noqa: PLC0415

            where = f"{get_column_letter(last[1])}{last[0]}" if last[0] else "?"
            raise _refuse(
                file,
                f"the sheet {ws.title!r} uses {rows} rows × {cols} columns (a cell at {where})",
                f"{name}: max_rows {limits.max_rows}, max_columns {limits.max_columns}, "
                f"max_area {limits.max_area}",
                "delete the stray cells far below or right of the table (Ctrl+End shows the "
                "last one) and save the workbook again",
                sheet=ws.title,
                rows=rows,
                columns=cols,
            )
        for (row, col), cell in cells.items():
            value = cell._value
            if isinstance(value, str) and len(value) > limits.max_text:
                from openpyxl.utils import get_column_letter  # noqa: PLC0415

                raise _refuse(
                    file,
                    f"the cell {ws.title}!{get_column_letter(col)}{row} holds {len(value)} "
                    "characters",
                    f"max_text {limits.max_text}",
                    "Excel holds at most 32 767 characters in a cell; shorten the text",
                    sheet=ws.title,
                )
        ws._ictcost_used = (rows, cols)
        ws.__class__ = _bounded_class()


_BOUNDED: list[type] = []


def _bounded_class() -> type:
    """Return the worksheet class whose size is frozen and whose empty cells are not stored."""
    if _BOUNDED:
        return _BOUNDED[0]
    from openpyxl.cell.cell import Cell  # noqa: PLC0415
    from openpyxl.worksheet.worksheet import Worksheet  # noqa: PLC0415

    class BoundedWorksheet(Worksheet):  # type: ignore[misc]
        """A loaded worksheet read by ictcost: its size is that of its cells when it was opened.

        ``max_row`` / ``max_column`` are the used range measured once (openpyxl recomputes them
        from every cell on each call), and reading an empty cell returns a fresh empty cell
        without adding it to the sheet, so that reading never grows the sheet.
        """

        @property
        def max_row(self) -> int:
            return max(int(self._ictcost_used[0]), 1)

        @property
        def max_column(self) -> int:
            return max(int(self._ictcost_used[1]), 1)

        def _get_cell(self, row: int, column: int) -> Any:  # noqa: ANN401 - an openpyxl cell
            found = self._cells.get((row, column))
            if found is not None:
                return found
            if not 0 < row < 1048577:
                msg = f"Row numbers must be between 1 and 1048576. Row number supplied was {row}"
                raise ValueError(msg)
            return Cell(self, row=row, column=column)

    _BOUNDED.append(BoundedWorksheet)
    return BoundedWorksheet
