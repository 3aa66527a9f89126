"""The input readers' shared pieces, for the readers of other packages (dossiers of stages).

A YAML or JSON input file is read exactly as a project file is (:func:`read_input_file`: exact
decimals, duplicate keys refused, positions kept, size and kind of file checked first), and a
pydantic validation error becomes one located :class:`~ictcost.errors.InputError`
(:func:`input_error`).
"""

from __future__ import annotations

from ictcost.inputs._files import MAX_INPUT_BYTES, check_readable, read_input_file
from ictcost.inputs._problems import input_error

__all__ = ["MAX_INPUT_BYTES", "check_readable", "input_error", "read_input_file"]
