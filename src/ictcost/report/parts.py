"""The display pieces the report's outputs share, for the outputs of other packages (stages).

The display language, catalogue texts, figures for display, HTML tables and typed DataFrames of
:mod:`ictcost.report._repr`, and the workbook look of :mod:`ictcost.report._xlsx_style` (font,
sizes, number formats, row heights). :mod:`ictcost.report.xlsx_parts` adds the XlsxWriter pieces
(it imports XlsxWriter, the ``excel`` extra).
"""

from __future__ import annotations

from ictcost.report._repr import (
    Cell,
    dataframe,
    details,
    html_list,
    html_table,
    lang_or_default,
    percent,
    text,
    wrap,
)
from ictcost.report._xlsx_style import (
    BODY_SIZE,
    DATE,
    FONT,
    LOCALE,
    MONEY,
    TITLE_SIZE,
    text_height,
)

__all__ = [
    "BODY_SIZE",
    "DATE",
    "FONT",
    "LOCALE",
    "MONEY",
    "TITLE_SIZE",
    "Cell",
    "dataframe",
    "details",
    "html_list",
    "html_table",
    "lang_or_default",
    "percent",
    "text",
    "text_height",
    "wrap",
]
