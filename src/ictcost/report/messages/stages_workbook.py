"""Texts of the stage workbooks (:mod:`ictcost.stages.workbook`), in Vietnamese and English.

Codes: ``stages_workbook.sheet.<key>`` (sheet names), ``stages_workbook.col.plan.<field>`` and
``stages_workbook.col.payments.<field>``, ``stages_workbook.col.contracts.<field>`` (column headers: the header the template writes, and one
of the headers the reader knows), ``stages_workbook.contract_type.<key>`` (the contract types as
Luật Đấu thầu 22/2023/QH15 Điều 64 names them, for the template's drop-down),
``stages_workbook.payment_kind.<key>``, ``stages_workbook.title`` … (the template's title rows)
and ``stages_workbook.guide.*`` (its *Hướng dẫn* sheet). The selection words and package kinds
of the drop-downs are the input template's (``template.value.selection.*``,
``template.value.package_kind.*``).
"""

from __future__ import annotations

from ictcost.report.messages import Message

__all__ = ["MESSAGES"]

_M = Message

MESSAGES: dict[str, Message] = {
    "stages_workbook.sheet.plan": _M("KHLCNT", "Selection plan"),
    "stages_workbook.sheet.guide": _M("Hướng dẫn", "Instructions"),
    "stages_workbook.sheet.payments": _M("Thanh toán", "Payments"),
    "stages_workbook.title": _M("KẾ HOẠCH LỰA CHỌN NHÀ THẦU", "CONTRACTOR-SELECTION PLAN"),
    "stages_workbook.subtitle": _M("Phụ lục: Danh mục gói thầu", "Annex: list of packages"),
    "stages_workbook.decision_line": _M(
        "(Kèm theo Quyết định số …/QĐ-… ngày …/…/20… của …)",
        "(Attached to Decision No. …/QĐ-… dated …/…/20… of …)",
    ),
    # --- the columns of the KHLCNT table (Luật Đấu thầu 22/2023/QH15 Điều 39)
    "stages_workbook.col.plan.stt": _M("STT", "No."),
    "stages_workbook.col.plan.id": _M("Mã gói thầu", "Package id"),
    "stages_workbook.col.plan.name": _M("Tên gói thầu", "Package name"),
    "stages_workbook.col.plan.summary": _M(
        "Tóm tắt công việc chính của gói thầu", "Summary of the package's main work"
    ),
    "stages_workbook.col.plan.kind": _M("Loại gói thầu", "Package kind"),
    "stages_workbook.col.plan.price": _M("Giá gói thầu (đồng)", "Package price (VND)"),
    "stages_workbook.col.plan.source": _M("Nguồn vốn", "Source of funds"),
    "stages_workbook.col.plan.selection": _M(
        "Hình thức lựa chọn nhà thầu", "Contractor-selection form"
    ),
    "stages_workbook.col.plan.procedure": _M(
        "Phương thức lựa chọn nhà thầu", "Contractor-selection procedure"
    ),
    "stages_workbook.col.plan.duration": _M(
        "Thời gian tổ chức lựa chọn nhà thầu", "Duration of the selection"
    ),
    "stages_workbook.col.plan.start": _M(
        "Thời gian bắt đầu tổ chức lựa chọn nhà thầu", "Start of the selection"
    ),
    "stages_workbook.col.plan.contract_type": _M("Loại hợp đồng", "Contract type"),
    "stages_workbook.col.plan.execution": _M(
        "Thời gian thực hiện gói thầu", "Duration of the package"
    ),
    "stages_workbook.col.plan.option": _M("Tùy chọn mua thêm", "Purchase option"),
    "stages_workbook.col.plan.lines": _M("Dòng dự toán", "Estimate lines"),
    "stages_workbook.col.plan.exemption": _M(
        "Căn cứ chỉ định thầu (nếu có)", "Ground for direct appointment (if any)"
    ),
    # --- the columns of a payment register
    "stages_workbook.col.contracts.id": _M("Mã hợp đồng", "Contract id"),
    "stages_workbook.col.contracts.number": _M("Số hợp đồng", "Contract number"),
    "stages_workbook.col.contracts.package": _M("Gói thầu", "Package"),
    "stages_workbook.col.contracts.contractor": _M("Nhà thầu", "Contractor"),
    "stages_workbook.col.contracts.tax_code": _M("Mã số thuế", "Tax code"),
    "stages_workbook.col.contracts.value": _M("Giá hợp đồng (đồng)", "Contract value (VND)"),
    "stages_workbook.col.contracts.type": _M("Loại hợp đồng", "Contract type"),
    "stages_workbook.col.contracts.signed": _M("Ngày ký", "Signed"),
    "stages_workbook.col.contracts.end": _M("Ngày kết thúc", "End"),
    "stages_workbook.col.contracts.winning_price": _M(
        "Giá trúng thầu (đồng)", "Winning price (VND)"
    ),
    "stages_workbook.col.contracts.result": _M("Quyết định KQLCNT", "Selection-result decision"),
    "stages_workbook.col.contracts.result_date": _M(
        "Ngày quyết định KQLCNT", "Selection-result date"
    ),
    "stages_workbook.col.contracts.advance_percent": _M("Tạm ứng (%)", "Advance (%)"),
    "stages_workbook.col.payments.contract": _M("Hợp đồng", "Contract"),
    "stages_workbook.col.payments.date": _M("Ngày", "Date"),
    "stages_workbook.col.payments.amount": _M("Số tiền (đồng)", "Amount (VND)"),
    "stages_workbook.col.payments.kind": _M("Loại", "Kind"),
    "stages_workbook.col.payments.recovered": _M("Thu hồi tạm ứng", "Advance recovered"),
    "stages_workbook.col.payments.document": _M("Chứng từ", "Document"),
    "stages_workbook.col.payments.document_date": _M("Ngày chứng từ", "Document date"),
    "stages_workbook.payment_kind.advance": _M("Tạm ứng", "Advance"),
    "stages_workbook.payment_kind.payment": _M("Thanh toán", "Payment"),
    # --- contract types, as Luật Đấu thầu 22/2023/QH15 Điều 64 names them
    "stages_workbook.contract_type.lump_sum": _M("Trọn gói", "Lump sum"),
    "stages_workbook.contract_type.fixed_unit_price": _M(
        "Theo đơn giá cố định", "Fixed unit price"
    ),
    "stages_workbook.contract_type.adjustable_unit_price": _M(
        "Theo đơn giá điều chỉnh", "Adjustable unit price"
    ),
    "stages_workbook.contract_type.time_based": _M("Theo thời gian", "Time-based"),
    "stages_workbook.contract_type.output_based": _M("Theo kết quả đầu ra", "Output-based"),
    "stages_workbook.contract_type.percentage": _M("Theo tỷ lệ phần trăm", "Percentage"),
    "stages_workbook.contract_type.mixed": _M("Hỗn hợp", "Mixed"),
    # --- the guide sheet of the template
    "stages_workbook.guide.title": _M(
        "Cách điền bảng kế hoạch lựa chọn nhà thầu", "How to fill the selection-plan table"
    ),
    "stages_workbook.guide.decision": _M(
        "Dòng 2: ghi số và ngày của quyết định phê duyệt kế hoạch, ví dụ «(Kèm theo Quyết định "
        "số 225/QĐ-STP ngày 10/06/2025 của Sở Tư pháp tỉnh)».",
        "Row 2: the number and date of the approving decision, e.g. «(Kèm theo Quyết định số "
        "225/QĐ-STP ngày 10/06/2025 của Sở Tư pháp tỉnh)».",
    ),
    "stages_workbook.guide.rows": _M(
        "Mỗi gói thầu một dòng, từ dòng 6. Dòng tiêu đề nhóm (không có giá, hình thức, loại hợp "
        "đồng) và dòng «Tổng cộng» được bỏ qua.",
        "One package a row, from row 6. Heading rows (no price, form or contract type) and the "
        "«Tổng cộng» row are skipped.",
    ),
    "stages_workbook.guide.id": _M(
        "Mã gói thầu: mã dùng trong hồ sơ dự án (GT-01); không có cột này thì dùng STT.",
        "Package id: its key in the dossier (GT-01); without this column the STT is used.",
    ),
    "stages_workbook.guide.kind": _M(
        "Loại gói thầu: Tư vấn, Phi tư vấn, Hàng hóa, Xây lắp hoặc Hỗn hợp (bắt buộc).",
        "Package kind: Tư vấn, Phi tư vấn, Hàng hóa, Xây lắp or Hỗn hợp (required).",
    ),
    "stages_workbook.guide.price": _M(
        "Giá gói thầu bằng đồng, gồm dự phòng, phí, lệ phí và thuế (Luật Đấu thầu Điều 39 k2).",
        "The package price in đồng, contingency, fees and taxes included (Điều 39 k2).",
    ),
    "stages_workbook.guide.start": _M(
        "Thời gian bắt đầu: theo tháng hoặc quý (Tháng 7/2025, Quý III/2025); đọc là ngày đầu "
        "tháng, đầu quý.",
        "Start: a month or a quarter (Tháng 7/2025, Quý III/2025), read as its first day.",
    ),
    "stages_workbook.guide.lines": _M(
        "Dòng dự toán: mã các dòng của dự toán được duyệt mà gói thầu gồm, cách nhau bằng dấu "
        "phẩy (TB-01, TB-02).",
        "Estimate lines: the ids of the approved estimate's lines the package covers, separated "
        "by commas (TB-01, TB-02).",
    ),
    "stages_workbook.guide.read": _M(
        "Đọc bằng ictcost.stages.read_selection_plan; mọi lỗi được báo theo ô (KHLCNT!F7).",
        "Read with ictcost.stages.read_selection_plan; every problem is reported at its cell "
        "(KHLCNT!F7).",
    ),
}
"""Every text of the stage workbooks."""
