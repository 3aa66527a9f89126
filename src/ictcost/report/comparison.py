"""The comparison table of an appraisal (bảng so sánh, bảng tổng hợp kết quả thẩm định).

:func:`compare` sets, for every line and every statutory group of an estimate, the value the
submission states (*giá trị đề nghị*: the line's ``stated`` figures, the project's ``stated``
totals) beside the value ictcost recomputes (*giá trị thẩm định*: the
:class:`~ictcost.estimate.result.LineResult` and the group totals of
:class:`~ictcost.estimate.result.Estimate`), the increase or decrease (appraised − submitted) and
the reasons: the findings on the line, each with its code, its severity, its message in Vietnamese
and English (rendered by the one renderer, never parsed) and its legal basis.

Nothing is invented: a line that states nothing has an unknown submitted value (``None``, shown
as *không nêu*), and a group or total is summed from the submission's lines only when every line
it holds states that figure (``source="sum"``; a total the submission states itself has
``source="stated"``). A line the estimate could not compute (``Estimate.problems`` of an estimate
computed with ``collect_problems=True``) keeps its submitted value and carries its error; the
group's appraised value is then the estimate's, without that line, and says so.

The :class:`Comparison` is a frozen pydantic model with exact ``Decimal`` amounts; its outputs are
:meth:`~Comparison.to_json` (read back by :meth:`~Comparison.from_json`),
:meth:`~Comparison.to_markdown`, :meth:`~Comparison.to_dataframe` (pandas, optional), the workbook
(:func:`ictcost.report._xlsx_comparison.write_comparison`, ``excel`` extra) and the appraisal
report (:func:`ictcost.report.appraisal.write_report`, ``report`` extra). Every label comes from
the catalogue (:mod:`ictcost.report.messages.appraisal`), in Vietnamese or English.

Examples:
    >>> from ictcost.checks import check
    >>> from ictcost.estimate import compute_estimate, load_project
    >>> p = load_project({
    ...     "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
    ...     "lines": [{"id": "TB-01", "component": "thiet_bi", "name": "Máy chủ",
    ...                "method": "quotation", "vat": "general", "quantity": 2,
    ...                "unit_price": 100_000_000,
    ...                "stated": {"amount": 210_000_000, "vat": 16_800_000,
    ...                           "total": 226_800_000}}]})
    >>> c = compare(p, compute_estimate(p), check(p))
    >>> line = c.line("TB-01")
    >>> line.total.submitted, line.total.appraised, line.total.difference
    (Decimal('226800000'), Decimal('216000000'), Decimal('-10800000'))
    >>> line.reasons[0].code, line.reasons[0].severity
    ('ARITH-LINE', 'error')
"""

from __future__ import annotations

import os
import zipfile

from ictcost.report._comparison_build import PORTFOLIO, compare, relevant_findings
from ictcost.report._comparison_model import (
    Compared,
    Comparison,
    ComparisonGroup,
    ComparisonLine,
    ComparisonTotals,
    LegalBasis,
    Problem,
    ProjectInfo,
    Reason,
    Severity,
    Source,
)
from ictcost.report._comparison_texts import Stage, label, money_text, signed_text, stage_params

__all__ = [
    "PORTFOLIO",
    "WORKBOOK_KEYWORD",
    "Compared",
    "Comparison",
    "ComparisonGroup",
    "ComparisonLine",
    "ComparisonTotals",
    "LegalBasis",
    "Problem",
    "ProjectInfo",
    "Reason",
    "Severity",
    "Source",
    "Stage",
    "compare",
    "is_comparison_workbook",
    "label",
    "money_text",
    "relevant_findings",
    "signed_text",
    "stage_params",
]

WORKBOOK_KEYWORD = "ictcost-comparison"
"""The keyword the comparison workbook carries in its document properties (so that a portfolio
folder holding one does not read it as a submitted estimate)."""


def is_comparison_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether a file is a comparison workbook ictcost wrote (by its document properties).

    Args:
        path: The file.

    Returns:
        ``True`` for a workbook carrying :data:`WORKBOOK_KEYWORD`; ``False`` otherwise, also for
        a file that is not a readable workbook.
    """
    try:
        with zipfile.ZipFile(path) as data:
            core = data.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return WORKBOOK_KEYWORD in core
