r"""Read stage records from the workbooks they come in (``excel`` extra): the KHLCNT table, payments.

**The contractor-selection plan (KHLCNT).** :func:`read_selection_plan` reads the table of
packages of a plan ("Bảng kế hoạch lựa chọn nhà thầu", "Phụ lục: Danh mục gói thầu") into a
:class:`~ictcost.stages.model.SelectionPlan`. Its columns are the contents Luật Đấu thầu
22/2023/QH15 Điều 39 requires of each package (read in the consolidation with Luật 57/2024 and
90/2025 published by dauthau.gxd.vn, as captured in GitHub ``dannd/autotender-vn``
``data/samples/legal_corpus/luat_22_2023_qh15.jsonl``, 2026-08-04; source ``L22`` of
``norms/vn/stages/stage-thresholds.yaml``): k1 *tên gói thầu*, k2 *giá gói thầu* (the whole cost
of the package, contingency, fees and taxes included), k3 *nguồn vốn*, k4 *hình thức và phương
thức lựa chọn nhà thầu*, k5 *thời gian tổ chức lựa chọn nhà thầu* and *thời gian bắt đầu tổ chức
lựa chọn nhà thầu* ("được ghi rõ theo tháng hoặc quý trong năm"), k6 *loại hợp đồng* (one of
Điều 64), k7 *thời gian thực hiện gói thầu*, k8 *tùy chọn mua thêm* (if any). The tables of the
national e-procurement system's KHLCNT import, as two public tools reproduce them (GitHub, found
2026-12-02 by the exact string "Tóm tắt công việc chính của gói thầu"), have the columns STT,
Tên gói thầu, Tóm tắt công việc chính của gói thầu, Lĩnh vực, Giá gói thầu (VND), Chi tiết
nguồn vốn, Hình thức LCNT, Phương thức LCNT, Thời gian tổ chức LCNT, Thời gian bắt đầu tổ chức
LCNT (``Quý I, 2026``), Loại hợp đồng, Thời gian thực hiện gói thầu, Tùy chọn mua thêm. The form
of the plan in the circulars of Bộ KH&ĐT (TT 22/2024/TT-BKHĐT) or under NĐ 214/2025/NĐ-CP was
not read: the reader knows the headers above and their usual variants, not one fixed layout.

============================  ===============================================================
column (any of the headers)   read as
============================  ===============================================================
Mã gói thầu / Ký hiệu gói     the package id (without it, the STT as written)
thầu / Số hiệu gói thầu
Tên gói thầu *                ``name``
Loại gói thầu / Lĩnh vực      ``kind`` — Tư vấn, Phi tư vấn, Hàng hóa, Xây lắp, Hỗn hợp (Luật
                              Đấu thầu Điều 4 k4, k5 …); else ``kinds=`` gives it
Giá gói thầu *                ``price`` — đồng, a number cell or text ``1.033.956.000``
                              (:func:`ictcost.money.parse_amount`)
Hình thức lựa chọn nhà        ``selection`` — the words of :data:`SELECTION_WORDS` (Điều 20);
thầu * / Hình thức LCNT       the form may be followed by ``trong nước``, ``qua mạng`` …
Thời gian bắt đầu tổ chức     ``start`` — ``Quý III/2025`` (the quarter's first day),
lựa chọn nhà thầu             ``Tháng 7/2025``, ``7/2025`` (the month's first day), a date
Loại hợp đồng *               ``contract_type`` — the words of :data:`CONTRACT_TYPE_WORDS`
Dòng dự toán / Mã dòng        ``lines`` — line ids, separated by commas or semicolons
Căn cứ chỉ định thầu          ``exemption``
============================  ===============================================================

The other columns of the form (STT, tóm tắt công việc, nguồn vốn, phương thức, thời gian tổ
chức, thời gian thực hiện, tùy chọn mua thêm, ghi chú) and any unknown column are read past.
Headers match whatever their case, their diacritics (typed or not), line breaks and a unit in
brackets (``Giá gói thầu\n(VND)``); a header row may have a row of sub-headers under a merged
parent, and a row of column numbers ``(1) (2) …``. The header row is found under any merged
title rows. Rows without a price, a form and a contract type (group headings, signatures), a
group's row numbered ``I``, ``II``, ``A`` … without a form and a type (its subtotal) and the
``Tổng cộng`` row are skipped. An amount column whose header names another unit (``triệu
đồng``, ``nghìn đồng``, ``tỷ``, ``USD``) is refused: the plan approves prices in đồng, and a
figure rounded to millions is not the approved price. A column read into the plan given twice
is refused (which one holds the plan?).

The plan's decision (number, date, issuer) is given as ``decision=``, or read from a cell above
the table such as ``(Kèm theo Quyết định số 225/QĐ-STP ngày 10/06/2025 của Sở Tư pháp tỉnh)``;
with neither, or with two different decisions above the table, the reader asks for it.

**A payment register.** :func:`read_payments` reads a simple table (Hợp đồng, Ngày, Số tiền,
Loại: ``Tạm ứng`` / ``Thanh toán``, Thu hồi tạm ứng, Chứng từ, optionally Ngày chứng từ) into
:class:`~ictcost.stages.model.Payment` records: an advance (tạm ứng) or a payment (thanh toán)
with the advance it recovers (thu hồi tạm ứng): NĐ 254/2025/NĐ-CP Điều 9 (advance) and Điều 10
(payment), as source ``N254`` of ``norms/vn/stages/stage-thresholds.yaml`` reads them (not read
again here).

Every problem of a workbook is reported at once, in one :class:`~ictcost.errors.InputError`,
each at its cell ``Sheet!Cell`` (``KHLCNT!F7``). Workbooks are opened through
:func:`ictcost.inputs._cells.open_xlsx` (size, zip-bomb and XML-entity guards); an Excel 97-2003
``.xls`` file is refused with how to convert it. :func:`write_selection_plan_template` writes a
blank KHLCNT workbook in this layout.

The code lives in four modules, all re-exported here (import from here, or from
:mod:`ictcost.stages`): :mod:`~ictcost.stages.selection_plan` (:func:`read_selection_plan` and
the words it reads), :mod:`~ictcost.stages.payments_sheet` (:func:`read_payments`),
:mod:`~ictcost.stages.contracts_sheet` (:func:`read_contracts`: a contract register) and
:mod:`~ictcost.stages.selection_template` (:func:`write_selection_plan_template`); the reading
the two readers share (headers, cells, problems at their cell) is the private module
``ictcost.stages._sheet_reader``.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_selection_plan_template(Path(folder) / "khlcnt.xlsx")
    ...     read_selection_plan(path)
    Traceback (most recent call last):
    ...
    ictcost.errors.InputError: khlcnt.xlsx: 1 problem(s) in the selection plan (sheet KHLCNT)
    ...
"""

from __future__ import annotations

from ictcost.stages._sheet_reader import fold
from ictcost.stages.contracts_sheet import read_contracts
from ictcost.stages.payments_sheet import PAYMENT_KIND_WORDS, read_payments
from ictcost.stages.selection_plan import (
    CONTRACT_TYPE_WORDS,
    KIND_WORDS,
    SELECTION_WORDS,
    read_selection_plan,
)
from ictcost.stages.selection_template import write_selection_plan_template

__all__ = [
    "CONTRACT_TYPE_WORDS",
    "KIND_WORDS",
    "PAYMENT_KIND_WORDS",
    "SELECTION_WORDS",
    "fold",
    "read_contracts",
    "read_payments",
    "read_selection_plan",
    "write_selection_plan_template",
]
