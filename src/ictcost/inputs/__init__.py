"""Readers that turn user files into typed inputs, every problem located.

* :func:`load_project`: a project (the input of an estimate) from YAML, JSON or a dict.
* :func:`load_workbook_project`: a submitted estimate from an Excel workbook (``excel`` extra).
* :func:`load_software_input` and :func:`software_input_from_frames`: the input of the software
  cost (use-case points) from YAML, JSON, a dict or pandas DataFrames.

Every reader raises one :class:`~ictcost.errors.InputError` that lists every problem, each with
its field path and, for YAML, its ``file:line:column`` (for a workbook, its ``file!sheet!cell``).

The readers import the models they fill only when they run, so that :mod:`ictcost.estimate` and
:mod:`ictcost.software` can re-export them without an import cycle.
"""

from ictcost.inputs.project import load_project
from ictcost.inputs.software import load_software_input, software_input_from_frames
from ictcost.inputs.workbook import DEFAULT_BASIS, Layout, load_workbook_project

__all__ = [
    "DEFAULT_BASIS",
    "Layout",
    "load_project",
    "load_software_input",
    "load_workbook_project",
    "software_input_from_frames",
]
