"""Readers that turn user files into typed inputs, every problem located.

* :func:`load_project`: a project (the input of an estimate) from YAML, JSON, a filled input
  template (``.xlsx``, ``excel`` extra) or a dict.
* :func:`write_template` and :func:`read_template`: the estimator's input workbook, blank or
  filled with a project, and a filled one read back (``excel`` extra).
* :func:`load_workbook_project`: a submitted estimate from an Excel workbook in ictcost's own or
  the simple layout (``excel`` extra).
* :func:`read_statutory_workbook`: a submitted estimate from a statutory workbook laid out freely
  (*Bảng tổng hợp dự toán*, *Bảng dự toán chi tiết*), with an :class:`ImportReport` of what was
  understood and what was not (``excel`` extra).
* :func:`load_evidence`: a price-evidence register (past contracts, winning bids, quotations)
  from YAML, JSON, CSV or an Excel workbook, for the checks.
* :func:`load_software_input` and :func:`software_input_from_frames`: the input of the software
  cost (use-case points) from YAML, JSON, a dict or pandas DataFrames.

Every reader raises one :class:`~ictcost.errors.InputError` that lists every problem, each with
its field path and, for YAML, its ``file:line:column`` (for a workbook, its ``file!sheet!cell``;
for the input template, its ``Sheet!Cell``).

The readers import the models they fill only when they run, so that :mod:`ictcost.estimate` and
:mod:`ictcost.software` can re-export them without an import cycle.
"""

from ictcost.inputs.evidence import EvidenceRecord, EvidenceRegister, load_evidence
from ictcost.inputs.project import load_project
from ictcost.inputs.software import load_software_input, software_input_from_frames
from ictcost.inputs.statutory import (
    ImportEntry,
    ImportReport,
    ImportStatus,
    ImportWhat,
    ReadLimits,
    WorkbookTooLargeError,
    read_statutory_workbook,
)
from ictcost.inputs.template import read_template, write_template
from ictcost.inputs.workbook import DEFAULT_BASIS, Layout, load_workbook_project

__all__ = [
    "DEFAULT_BASIS",
    "EvidenceRecord",
    "EvidenceRegister",
    "ImportEntry",
    "ImportReport",
    "ImportStatus",
    "ImportWhat",
    "Layout",
    "ReadLimits",
    "WorkbookTooLargeError",
    "load_evidence",
    "load_project",
    "load_software_input",
    "load_workbook_project",
    "read_statutory_workbook",
    "read_template",
    "software_input_from_frames",
    "write_template",
]
