"""The report of what :func:`~ictcost.inputs.statutory.read_statutory_workbook` understood.

:class:`ImportReport` holds one :class:`ImportEntry` per cell, row or sheet the reader used,
assumed or skipped; :func:`entry_problem` turns an entry into a located
:class:`~ictcost.errors.Problem`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ictcost.errors import Problem

__all__ = ["ImportEntry", "ImportReport", "ImportStatus", "ImportWhat", "entry_problem"]

ImportStatus = Literal["read", "assumed", "skipped"]
"""How the reader dealt with a cell or row: ``read`` (understood and used), ``assumed`` (used
with an interpretation the reader chose: check it) or ``skipped`` (not used; ``how`` says why)."""


ImportWhat = Literal[
    "sheet",
    "header",
    "column",
    "amount",
    "project",
    "unit",
    "group",
    "heading",
    "line",
    "subtotal",
    "total",
    "vat",
    "contingency",
    "words",
    "text",
]
"""What a report entry is about."""


class ImportEntry(BaseModel):
    """One entry of an :class:`ImportReport`.

    Attributes:
        cell: Where: ``file!sheet!E12`` (a cell), ``file!sheet!12:12`` (a row) or
            ``file!sheet`` (a whole sheet).
        status: ``read``, ``assumed`` or ``skipped``.
        what: What the cell or row is (a line, a group, a total …).
        how: How it was read, what was assumed, or why it was skipped.
        line: The id of the line it became or belongs to, if any.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    cell: str
    status: ImportStatus
    what: ImportWhat
    how: str
    line: str | None = None

    def __str__(self) -> str:
        line = f" {self.line}" if self.line else ""
        return f"{self.cell}: {self.status} {self.what}{line}: {self.how}"


class ImportReport(BaseModel):
    """What :func:`read_statutory_workbook` understood in a workbook and what it did not.

    Attributes:
        file: The workbook's name.
        entries: Every entry, in the order of the sheets and rows.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    entries: tuple[ImportEntry, ...]

    @property
    def read(self) -> tuple[ImportEntry, ...]:
        """The entries read as they are."""
        return tuple(e for e in self.entries if e.status == "read")

    @property
    def assumed(self) -> tuple[ImportEntry, ...]:
        """The entries read with an interpretation (check them)."""
        return tuple(e for e in self.entries if e.status == "assumed")

    @property
    def skipped(self) -> tuple[ImportEntry, ...]:
        """The entries not used, each with the reason."""
        return tuple(e for e in self.entries if e.status == "skipped")

    @property
    def understood(self) -> tuple[ImportEntry, ...]:
        """The entries used (``read`` and ``assumed``)."""
        return tuple(e for e in self.entries if e.status != "skipped")

    def of_line(self, line_id: str) -> tuple[ImportEntry, ...]:
        """The entries about one line."""
        return tuple(e for e in self.entries if e.line == line_id)

    def text(self) -> str:
        """The report as lines of text: a count, then one line per entry."""
        head = (
            f"{self.file}: {len(self.read)} read, {len(self.assumed)} assumed, "
            f"{len(self.skipped)} skipped"
        )
        return "\n".join([head, *(f"  {e}" for e in self.entries)])


def entry_problem(entry: ImportEntry) -> Problem:
    return Problem(entry.how, file=entry.cell)
