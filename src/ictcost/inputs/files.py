"""The input readers' shared pieces, for the readers of other packages (dossiers of stages).

A YAML or JSON input file is read exactly as a project file is (:func:`read_input_file`: exact
decimals, duplicate keys refused, positions kept, size and kind of file checked first), and a
pydantic validation error becomes one located :class:`~ictcost.errors.InputError`
(:func:`input_error`); a workbook is opened with the guards of the input template's reader
(:func:`open_xlsx`: size and XML bounds, no macros) and read through :class:`CellReader`, each
problem at its ``Sheet!Cell``.
"""

from __future__ import annotations

from ictcost.inputs._cells import CellReader, occupied_rows, open_xlsx, used_columns
from ictcost.inputs._files import MAX_INPUT_BYTES, check_readable, read_input_file
from ictcost.inputs._problems import input_error, item_labels

__all__ = [
    "MAX_INPUT_BYTES",
    "CellReader",
    "check_readable",
    "input_error",
    "item_labels",
    "occupied_rows",
    "open_xlsx",
    "read_input_file",
    "used_columns",
]
