"""Reports: amounts in words, tables, workbooks, the comparison table and the appraisal report.

The names below are imported on first use, so that ``import ictcost.report.<module>`` stays light
and the optional extras (python-docx for :func:`write_report`, openpyxl for
:func:`write_comparison`) are needed only by what uses them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ictcost.report._xlsx_comparison import write_comparison
    from ictcost.report.appraisal import write_report
    from ictcost.report.comparison import Comparison, compare

__all__ = ["Comparison", "compare", "write_comparison", "write_report"]

_WHERE = {
    "Comparison": "ictcost.report.comparison",
    "compare": "ictcost.report.comparison",
    "write_comparison": "ictcost.report._xlsx_comparison",
    "write_report": "ictcost.report.appraisal",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a re-exported function or class
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    msg = f"module 'ictcost.report' has no attribute {name!r}"
    raise AttributeError(msg)
