"""The appraisal report (báo cáo kết quả thẩm định / thẩm tra dự toán) as a Word file, ``report`` extra.

:func:`write_report` writes a :class:`~ictcost.report.comparison.Comparison` as a ``.docx`` in the
layout of a Vietnamese administrative document:

* the heading block (the appraising or reviewing body on the left, the national title and motto
  and *…, ngày … tháng … năm …* on the right), the title and the project;
* **I. Căn cứ pháp lý**: the decree and the cost circular of the regime applied (a transitional
  override named), the submission, and a table of every norm table version used (table, period,
  instrument, data pack);
* **II. Thông tin dự án**: name, owner, preparer, reviewer, appraiser, date, project kind ×
  document, regime;
* **III. Nội dung thẩm định**: for each statutory group, each line with its method and how it was
  recomputed, the submitted and appraised values, and the findings on it with their severity,
  code, message and basis; then the findings about the estimate as a whole and the notes of the
  recomputation;
* **IV. Kết quả thẩm định** (on a landscape page): the comparison table — STT, nội dung, giá trị đề
  nghị, giá trị thẩm định, tăng/giảm, ghi chú/căn cứ — by group, with the subtotal, the
  contingency and the total (after VAT, in đồng), then the appraised total in figures and words;
* **V. Kiến nghị**: the error-level findings first, then the warnings, the appraised total in
  figures and words, and the signature block (người thẩm định, người kiểm tra, đơn vị).

Times New Roman throughout (13 pt, tables 11 pt), A4 with the margins of NĐ 30/2020 (top and
bottom 20 mm, left 30 mm, right 15 mm), the page number in every footer. Vietnamese by default,
English with ``lang="en"``; every label comes from :mod:`ictcost.report.messages.appraisal`, the
findings' messages from the checks' catalogue. ``stage="tham_tra"`` writes a review report (báo
cáo kết quả thẩm tra) instead. The file is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_SECTION

from ictcost._internal._atomic import atomic_write_bytes
from ictcost._version import __version__
from ictcost.report._appraisal_document import FONT, add_footer, apply_styles, set_page
from ictcost.report._appraisal_sections import (
    content_section,
    heading_block,
    legal_section,
    project_section,
    recommend_section,
    signatures,
)
from ictcost.report._appraisal_table import result_section
from ictcost.report.comparison import Comparison, Stage, label, stage_params

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

    from ictcost.report.explain import Lang

__all__ = ["FONT", "build_report", "write_report"]


def build_report(
    comparison: Comparison, *, lang: Lang = "vi", stage: Stage = "tham_dinh"
) -> DocumentObject:
    """Return the appraisal report of a comparison as a python-docx document (not saved).

    Args:
        comparison: The comparison (:func:`ictcost.report.comparison.compare`).
        lang: ``vi`` (default) or ``en``.
        stage: ``tham_dinh`` (default: the appraising body's report) or ``tham_tra`` (a reviewing
            consultant's report).

    Returns:
        The document.
    """
    c = comparison
    words = stage_params(stage, c.project.kind, lang)
    doc = Document()
    apply_styles(doc)
    first = doc.sections[0]
    set_page(first)
    add_footer(first, lang)
    props = doc.core_properties
    props.title = label("appraisal.report.title", lang, **words)
    props.subject = c.project.name
    props.author = f"ictcost {__version__}"
    props.language = lang
    heading_block(doc, c, lang, words, stage)
    legal_section(doc, c, lang, words)
    project_section(doc, c, lang, words)
    content_section(doc, c, lang, words)
    set_page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    result_section(doc, c, lang, words, stage)
    set_page(doc.add_section(WD_SECTION.NEW_PAGE))
    recommend_section(doc, c, lang, words)
    signatures(doc, c, lang, words, stage)
    return doc


def write_report(
    comparison: Comparison,
    path: Path | str,
    lang: Lang = "vi",
    *,
    stage: Stage = "tham_dinh",
) -> Path:
    """Write the appraisal report (.docx) of a comparison, atomically.

    Args:
        comparison: The comparison (:func:`ictcost.report.comparison.compare`).
        path: The ``.docx`` file to write.
        lang: ``vi`` (default) or ``en``.
        stage: ``tham_dinh`` (default) or ``tham_tra``.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written (an existing file is left unchanged).
    """
    buffer = io.BytesIO()
    build_report(comparison, lang=lang, stage=stage).save(buffer)
    target = Path(path)
    atomic_write_bytes(target, buffer.getvalue())
    return target
