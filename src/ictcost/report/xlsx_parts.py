"""The XlsxWriter pieces of the estimate workbook, for the workbooks of other packages (stages).

:func:`exact_number`: an exact ``Decimal`` handed to XlsxWriter without a float's artefacts, as the
estimate workbook writes its figures. Imports XlsxWriter (the ``excel`` extra).
"""

from __future__ import annotations

from ictcost.report._xlsx_write import exact_number

__all__ = ["exact_number"]
