"""The reader's state: a sheet's rows and table, what is reported, and the assembly context.

:class:`State` gathers the report's entries and the cells of the fields (for located validation
errors) while the sheets are read; :class:`Table` is a sheet's table and its :class:`Row` tree;
:class:`Context` carries the lines made and their ids while the project is assembled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from ictcost.inputs._cells import CellReader
from ictcost.inputs._rows import CellMarks
from ictcost.inputs.statutory._amounts import Rate
from ictcost.inputs.statutory._report import ImportEntry, ImportReport

if TYPE_CHECKING:
    from ictcost.inputs.statutory._groups import Heading
    from ictcost.inputs.statutory._limits import ReadLimits
    from ictcost.inputs.statutory._report import ImportStatus, ImportWhat
    from ictcost.norms.registry import NormRegistry

__all__ = ["Context", "Kind", "Level", "Row", "State", "Table", "descendants"]

Level = Literal["group", "part", "number", "letter", "bullet", "none", "other"]


Kind = Literal["item", "group", "part", "contingency", "total", "vat", "words", "text"]


@dataclass(eq=False, slots=True)
class Row:
    row: int
    stt: str | None
    level: Level
    label: str | None
    kind: Kind = "item"
    depth: int = 0
    figures: dict[str, Decimal] = field(default_factory=dict)
    rate: Rate = field(default_factory=Rate)
    unit: str | None = None
    quantity: Decimal | None = None
    formula: str | None = None
    symbol: str | None = None
    note: str | None = None
    basis: str | None = None
    heading: Heading | None = None
    children: list[Row] = field(default_factory=list)
    parent: Row | None = None
    subtotal: Row | None = None
    line_id: str | None = None

    @property
    def has_figures(self) -> bool:
        return bool(self.figures) or self.quantity is not None


@dataclass(slots=True)
class Table:
    sheet: str
    index: int
    kind: Literal["summary", "detail"]
    header_row: int
    cols: dict[str, int]
    scale: Decimal
    above: list[tuple[int, int, str]]
    """Texts above the header: (row, column, text)."""
    below: list[tuple[int, int, str]]
    """Texts after the table: (row, column, text)."""
    rows: list[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)
    vat_rows: list[Row] = field(default_factory=list)
    words: Row | None = None
    thousands: list[str] = field(default_factory=list)
    """The cells of amounts with one separator before three digits (``1.500``)."""
    heading: Heading | None = None
    """The component the sheet's title or name names (a detail sheet's lines outside groups)."""

    def ref(self, state: State, row: int, col: int | None = None) -> str:
        return state.cells.ref(self.sheet, row, col)

    def col_ref(self, state: State, row: int, name: str) -> str:
        col = self.cols.get(name)
        return state.cells.ref(self.sheet, row, col)


@dataclass(slots=True)
class State:
    cells: CellReader
    limits: ReadLimits
    headings: list[tuple[str, Heading]]
    entries: list[ImportEntry] = field(default_factory=list)
    marks: CellMarks = field(default_factory=dict)
    contingency: Row | None = None
    """The contingency row of the table the stated totals come from."""

    def note(
        self,
        cell: str,
        status: ImportStatus,
        what: ImportWhat,
        how: str,
        line: str | None = None,
    ) -> None:
        self.entries.append(ImportEntry(cell=cell, status=status, what=what, how=how, line=line))

    def report(self) -> ImportReport:
        """The report, its entries in the order of the sheets, rows and columns."""
        sheets = {name: i for i, name in enumerate(self.cells.values.sheetnames)}
        prefix = f"{self.cells.label}!"

        def order(entry: ImportEntry) -> tuple[int, int, int]:
            if not entry.cell.startswith(prefix):
                return (len(sheets), 0, 0)
            sheet, _, cell = entry.cell[len(prefix) :].rpartition("!")
            if not sheet:
                sheet, cell = cell, ""
            m = re.fullmatch(r"([A-Z]*)(\d*)(?::\d+)?", cell)
            if m is None:
                return (sheets.get(sheet, len(sheets)), 0, 0)
            col = 0
            for ch in m[1]:
                col = col * 26 + ord(ch) - 64
            return (sheets.get(sheet, len(sheets)), int(m[2] or 0), col)

        return ImportReport(file=self.cells.label, entries=tuple(sorted(self.entries, key=order)))


@dataclass(slots=True)
class Context:
    state: State
    registry: NormRegistry
    meta: dict[str, Any]
    group_of: dict[str, str] | None
    ids: set[str] = field(default_factory=set)
    lines: list[dict[str, Any]] = field(default_factory=list)


def descendants(r: Row) -> list[Row]:
    out: list[Row] = []
    for child in r.children:
        out.append(child)
        out.extend(descendants(child))
    return out
