"""The in-memory plan of one sheet of the estimate workbook (``excel`` extra; see :mod:`.excel`).

The sheet writers put their cells, looks, merges, widths, heights, panes and page set-up into a
:class:`Sheet`; :mod:`._xlsx_write` then writes the whole plan with XlsxWriter in one pass. The
plan holds ictcost's own values (``Decimal``, ``str``, ``date``) and knows nothing of the library
that writes it, so the layout code can be read, tested and measured without writing a file.

Rows and columns are numbered from 1, as in the sheet's A1 references.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Final, Literal, TypeAlias

__all__ = ["Cell", "Rule", "Sheet"]

_ROW: Final = itemgetter(0)
"""The row of a (row, column) key."""
_COLUMN: Final = itemgetter(1)
"""The column of a (row, column) key."""

Kind: TypeAlias = Literal["s", "n", "f", "d"]


Cell: TypeAlias = tuple[Kind, str | Decimal | dt.date, Decimal | str | None]
"""One written cell, a plain tuple ``(kind, content, value)``.

* ``kind``: ``"s"`` text, ``"n"`` number, ``"f"`` formula (without the ``=``), ``"d"`` date.
* ``content``: the text, the number, the formula or the date.
* ``value``: ictcost's value of a formula (its cached result); ``None`` for the other kinds.

A plain tuple rather than a named one: the garbage collector stops tracking a tuple of strings and
numbers once it has seen it (it never does for a subclass of ``tuple``), and a sheet holds tens of
thousands of cells (named, they cost the 2,000-line estimate tens of milliseconds of collector
time per build).
"""


@dataclass(frozen=True, slots=True)
class Rule:
    """A conditional format: cells of ``ref`` equal (``==``) or not (``!=``) to 0 get ``fill``."""

    ref: str
    criteria: Literal["==", "!="]
    fill: str


@dataclass(slots=True)
class Sheet:
    """The plan of one sheet: cells, looks and furniture, written by :mod:`._xlsx_write`."""

    title: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    """The written cells by (row, column)."""
    looks: dict[tuple[int, int], int] = field(default_factory=dict)
    """The look of each styled cell: a number in :attr:`Book.styles <._xlsx_book.Book.styles>`."""
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges: (first row, first column, last row, last column)."""
    widths: dict[int, float] = field(default_factory=dict)
    """Column widths (units of the base font's digit width) by column."""
    heights: dict[int, float] = field(default_factory=dict)
    """Row heights (points) by row."""
    freeze: tuple[int, int] | None = None
    """The first cell right of and below the frozen panes: (row, column)."""
    title_row: int | None = None
    """The header row printed on every page (set with the page set-up)."""
    page: bool = False
    """Whether the sheet has the page set-up (A4 landscape, fit to width, footer)."""
    print_area: tuple[int, int, int, int] | None = None
    """The print area: (first row, first column, last row, last column)."""
    autofilter: tuple[int, int, int, int] | None = None
    """The filtered range: (first row, first column, last row, last column)."""
    rules: list[Rule] = field(default_factory=list)
    """Conditional formats."""

    @property
    def max_row(self) -> int:
        """The last row with a cell or a look (0 when the sheet is empty)."""
        # the keys are (row, column)
        return max(max(map(_ROW, self.cells), default=0), max(map(_ROW, self.looks), default=0))

    @property
    def max_column(self) -> int:
        """The last column with a cell or a look (0 when the sheet is empty)."""
        return max(
            max(map(_COLUMN, self.cells), default=0), max(map(_COLUMN, self.looks), default=0)
        )

    def merge(self, row: int, first: int, last: int, *, last_row: int | None = None) -> None:
        """Merge the cells of ``row`` (to ``last_row``) from column ``first`` to ``last``."""
        self.merges.append((row, first, row if last_row is None else last_row, last))

    def merged_span(self, row: int, col: int) -> tuple[int, int] | None:
        """Return the first and last column of the merged range holding a cell, if any."""
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return c1, c2
        return None
