"""Texts of the input template (:mod:`ictcost.inputs.template`), in Vietnamese and English.

Codes: ``template.sheet.<table>`` (sheet names), ``template.col.<table>.<column>`` (column headers
and the labels of the project sheet), ``template.value.<vocabulary>.<key>`` (the words of a
choice that the norm data does not label), ``template.hint.<kind>`` (how to write a value) and
``template.guide.*`` (the *Hướng dẫn* sheet).
"""

from __future__ import annotations

from ictcost.report.messages import Message

_M = Message

_SHEETS = {
    "guide": _M("Hướng dẫn", "Instructions"),
    "project": _M("Dự án", "Project"),
    "lines": _M("Dòng chi phí", "Cost lines"),
    "quotes": _M("Báo giá", "Quotations"),
    "expert": _M("Chuyên gia", "Expert items"),
    "payments": _M("Thanh toán", "Payments"),
    "rentals": _M("Thuê dịch vụ", "Rentals"),
    "escalation": _M("Trượt giá", "Escalation"),
    "packages": _M("Gói thầu", "Packages"),
}

_COLUMNS = {
    # the project sheet (key | value)
    "project.label": _M("Thông tin", "Field"),
    "project.value": _M("Giá trị", "Value"),
    "project.allowed": _M("Giá trị cho phép, cách ghi", "Allowed values, how to write"),
    "project.name": _M("Tên dự án", "Project name"),
    "project.owner": _M("Chủ đầu tư", "Owner"),
    "project.preparer": _M("Đơn vị lập dự toán", "Prepared by"),
    "project.prepared_by": _M("Người lập", "Prepared by (person)"),
    "project.checked_by": _M("Người chủ trì, kiểm tra", "Checked by (person)"),
    "project.signed_by": _M("Người ký thay mặt đơn vị lập", "Signed for the unit by"),
    "project.reviewer": _M("Đơn vị thẩm tra", "Reviewed by"),
    "project.appraiser": _M("Cơ quan thẩm định", "Appraised by"),
    "project.date": _M("Ngày lập / phê duyệt (chọn chế độ áp dụng)", "Date (selects the regime)"),
    "project.project_kind": _M("Loại dự án", "Project kind"),
    "project.document": _M("Loại hồ sơ", "Document"),
    "project.kind": _M("Loại dự toán", "Estimate kind"),
    "project.group": _M("Nhóm dự án", "Project group"),
    "project.warranty_months": _M("Thời gian bảo hành (tháng)", "Warranty (months)"),
    "project.allow_one_step_above_ceiling": _M(
        "Cho phép lập báo cáo KTKT vượt ngưỡng", "KTKT report allowed above the ceiling"
    ),
    "project.shared_services": _M("Dịch vụ dùng chung đã có", "Shared services already provided"),
    "project.regime_override": _M("Chế độ chuyển tiếp được áp dụng", "Transitional regime applied"),
    "project.fee_rate_on": _M("Tỷ lệ định mức tra theo", "Norm rate read on"),
    "project.end_date": _M("Ngày kết thúc thực hiện dự kiến", "Planned end date"),
    "project.conditions": _M("Điều kiện áp dụng hệ số K", "Conditions of the K coefficients"),
    "project.form": _M("Hình thức (cũ, không dùng nữa)", "Form (deprecated)"),
    "project.contingency.on": _M("Dự phòng: tính trên", "Contingency: computed on"),
    "project.contingency.rate_percent": _M(
        "Dự phòng: hệ số Kps (%)", "Contingency: coefficient Kps (%)"
    ),
    "project.contingency.volume_percent": _M(
        "Dự phòng: khối lượng phát sinh (%)", "Contingency: extra volume (%)"
    ),
    "project.contingency.escalation_amount": _M(
        "Dự phòng: trượt giá (đồng, tính sẵn)", "Contingency: escalation amount (đồng)"
    ),
    "project.contingency.basis": _M("Dự phòng: căn cứ", "Contingency: basis"),
    # the lines sheet
    "lines.id": _M("Mã dòng", "Line id"),
    "lines.name": _M("Tên khoản chi phí", "Name"),
    "lines.component": _M("Khoản mục", "Cost component"),
    "lines.method": _M("Phương pháp xác định", "Method"),
    "lines.vat": _M("Nhóm thuế GTGT", "VAT category"),
    "lines.vat_rate": _M("Thuế suất GTGT riêng (%)", "VAT rate override (%)"),
    "lines.unit": _M("Đơn vị tính", "Unit"),
    "lines.quantity": _M("Khối lượng", "Quantity"),
    "lines.unit_price": _M("Đơn giá (đồng)", "Unit price (đồng)"),
    "lines.amount": _M("Thành tiền trước thuế (đồng)", "Amount before VAT (đồng)"),
    "lines.pick": _M("Cách chọn đơn giá từ báo giá", "Price picked from the quotations"),
    "lines.quotes_reason": _M("Lý do có ít báo giá", "Why fewer quotations"),
    "lines.price.list": _M("Bảng giá", "Price list"),
    "lines.price.code": _M("Mã hàng trong bảng giá", "Price-list code"),
    "lines.fee.item": _M("Mục chi phí theo định mức", "Norm fee item"),
    "lines.fee.category": _M("Định mức cho hạng mục", "Fee for the part"),
    "lines.fee.base_lines": _M("Các dòng làm cơ sở tính", "Base lines"),
    "lines.fee.base": _M("Cơ sở tính (đồng)", "Fee base (đồng)"),
    "lines.fee.base_reason": _M("Lý do điều chỉnh cơ sở tính", "Why the base differs"),
    "lines.fee.conditions": _M("Điều kiện hệ số K của mục", "K conditions of the item"),
    "lines.part": _M("Thuộc hạng mục", "Part of the project"),
    "lines.software": _M("Tệp đầu vào phần mềm", "Software input file"),
    "lines.supply_date": _M("Ngày cung cấp", "Supply date"),
    "lines.reference_for": _M("Giá trị tham khảo cho dòng", "Reference figure for line"),
    "lines.authority_method": _M(
        "Quyết định về phương pháp của cấp có thẩm quyền", "Authority's decision on the method"
    ),
    "lines.basis": _M("Căn cứ", "Basis"),
    "lines.model": _M("Mã hiệu, chủng loại", "Make and model"),
    "lines.note": _M("Ghi chú", "Note"),
    # the nested sheets
    "quotes.line": _M("Mã dòng", "Line id"),
    "quotes.source": _M("Nhà cung cấp / nguồn", "Supplier or source"),
    "quotes.unit_price": _M("Đơn giá (đồng)", "Unit price (đồng)"),
    "quotes.date": _M("Ngày báo giá", "Date"),
    "quotes.reference": _M("Số hiệu, tham chiếu", "Reference"),
    "expert.line": _M("Mã dòng", "Line id"),
    "expert.description": _M("Nội dung công việc", "Description"),
    "expert.person_days": _M("Số ngày công", "Person-days"),
    "expert.day_rate": _M("Đơn giá ngày công (đồng)", "Day rate (đồng)"),
    "payments.line": _M("Mã dòng", "Line id"),
    "payments.date": _M("Ngày thanh toán / cung cấp", "Date"),
    "payments.share_percent": _M("Tỷ lệ giá trị (%)", "Share (%)"),
    "rentals.line": _M("Mã dòng", "Line id"),
    "rentals.price_per_period": _M("Giá thuê mỗi kỳ (đồng)", "Price per period (đồng)"),
    "rentals.periods": _M("Số kỳ thuê", "Periods"),
    "rentals.period": _M("Kỳ thuê", "Period"),
    "rentals.start": _M("Ngày bắt đầu kỳ đầu", "Start of the first period"),
    "rentals.months_per_period": _M("Số tháng mỗi kỳ", "Months per period"),
    "rentals.build_cost": _M("Tđ: chi phí xây dựng dịch vụ (đồng)", "Tđ: build cost (đồng)"),
    "rentals.residual_value": _M("S: giá trị còn lại (đồng)", "S: residual value (đồng)"),
    "rentals.annual_rate_percent": _M("N: lãi suất năm (%)", "N: annual rate (%)"),
    "rentals.periods_per_year": _M("k: số kỳ mỗi năm", "k: periods per year"),
    "rentals.timing": _M("Thời điểm thanh toán", "Payment timing"),
    "escalation.year": _M("Năm thứ", "Year"),
    "escalation.share_percent": _M("Tỷ trọng giải ngân (%)", "Share disbursed (%)"),
    "escalation.index_percent": _M("Chỉ số giá dự kiến (%/năm)", "Expected price index (%/year)"),
    "packages.id": _M("Mã gói thầu", "Package id"),
    "packages.name": _M("Tên gói thầu", "Name"),
    "packages.kind": _M("Loại gói thầu", "Kind"),
    "packages.selection": _M("Hình thức lựa chọn nhà thầu", "Contractor selection"),
    "packages.lines": _M("Các dòng thuộc gói", "Lines of the package"),
    "packages.value": _M("Giá gói thầu (đồng)", "Package value (đồng)"),
    "packages.in_project": _M("Thuộc dự án", "Part of the project"),
    "packages.exemption": _M("Căn cứ chỉ định thầu", "Ground for direct appointment"),
    "packages.planned_date": _M("Thời gian bắt đầu lựa chọn nhà thầu", "Planned selection date"),
}

_VALUES = {
    "bool.true": _M("Có", "Yes"),
    "bool.false": _M("Không", "No"),
    "vat.not_applicable": _M(
        "Không thuộc phạm vi thuế GTGT (chi phí tự thực hiện)",
        "Outside VAT (a cost the owner performs itself)",
    ),
    "method.fixed": _M("Giá trị xác định (có căn cứ)", "Given amount (with its basis)"),
    "pick.lowest": _M("Giá thấp nhất", "Lowest"),
    "pick.median": _M("Giá trung vị", "Median"),
    "pick.mean": _M("Giá trung bình", "Mean"),
    "part.infrastructure": _M("Hạ tầng kỹ thuật", "Infrastructure"),
    "part.software": _M("Phần mềm nội bộ, cơ sở dữ liệu", "Software and databases"),
    "project_kind.investment": _M("Dự án đầu tư", "Investment project"),
    "project_kind.purchase": _M("Dự án mua sắm", "Purchase project"),
    "project_kind.rental": _M("Thuê dịch vụ", "Service rental"),
    "project_kind.recurrent_task": _M("Nhiệm vụ chi thường xuyên", "Recurrent-budget task"),
    "document.feasibility_study": _M("Báo cáo nghiên cứu khả thi", "Feasibility study"),
    "document.ktkt_report": _M("Báo cáo kinh tế - kỹ thuật", "Economic-technical (KTKT) report"),
    "document.rental_plan": _M("Kế hoạch thuê dịch vụ", "Rental plan"),
    "document.detailed_outline": _M(
        "Đề cương và dự toán chi tiết", "Detailed outline and estimate"
    ),
    "estimate_kind.du_toan": _M("Dự toán", "Cost estimate"),
    "estimate_kind.tong_muc_dau_tu": _M("Tổng mức đầu tư", "Total investment"),
    "group.national_importance": _M("Quan trọng quốc gia", "National importance"),
    "group.group_a": _M("Nhóm A", "Group A"),
    "group.group_b": _M("Nhóm B", "Group B"),
    "group.group_c": _M("Nhóm C", "Group C"),
    "fee_rate_on.own_part": _M("Giá trị của từng hạng mục", "Each part's own base"),
    "fee_rate_on.project_total": _M("Tổng giá trị của dự án", "The project's total base"),
    "form.investment_project": _M("Dự án đầu tư", "Investment project"),
    "form.ktkt": _M("Báo cáo kinh tế - kỹ thuật", "KTKT report"),
    "form.rental_plan": _M("Kế hoạch thuê dịch vụ", "Rental plan"),
    "form.purchase": _M("Dự án mua sắm", "Purchase project"),
    "contingency_on.after_vat": _M("Giá trị sau thuế", "After VAT"),
    "contingency_on.before_vat": _M("Giá trị trước thuế", "Before VAT"),
    "timing.end": _M("Cuối kỳ", "End of period"),
    "timing.beginning": _M("Đầu kỳ", "Beginning of period"),
    "package_kind.consulting": _M("Tư vấn", "Consulting"),
    "package_kind.non_consulting": _M("Phi tư vấn", "Non-consulting"),
    "package_kind.goods": _M("Mua sắm hàng hóa", "Goods"),
    "package_kind.works": _M("Xây lắp", "Works"),
    "package_kind.mixed": _M("Hỗn hợp", "Mixed"),
    "selection.direct_appointment": _M("Chỉ định thầu", "Direct appointment"),
    "selection.competitive_offer": _M("Chào hàng cạnh tranh", "Competitive offer"),
    "selection.open_tender": _M("Đấu thầu rộng rãi", "Open tender"),
    "selection.limited_tender": _M("Đấu thầu hạn chế", "Limited tender"),
    "selection.other": _M("Hình thức khác", "Other"),
}

_HINTS = {
    "required": _M("Bắt buộc.", "Required."),
    "date": _M("Ngày: dd/mm/yyyy (ví dụ 15/09/2025) hoặc ô ngày.", "A date: a date cell or ISO."),
    "money": _M("Số tiền bằng đồng, chỉ ghi số.", "An amount in đồng, digits only."),
    "number": _M("Một số.", "A number."),
    "percent": _M("Tỷ lệ %, ghi 5 cho 5 %.", "A rate in %: write 5 for 5 %."),
    "int": _M("Một số nguyên.", "A whole number."),
    "list": _M("Liệt kê, cách nhau bởi dấu phẩy.", "A list, separated by commas."),
    "choice": _M("Chọn một trong: {choices}", "One of: {choices}"),
    "list_title": _M("Giá trị không có trong danh sách", "A value not in the list"),
    "list_error": _M(
        "Hãy chọn một giá trị trong danh sách (ictcost cũng đọc mã của giá trị đó).",
        "Choose a value from the list (ictcost reads its key too).",
    ),
}

_GUIDE = {
    "title": _M(
        "MẪU NHẬP LIỆU DỰ TOÁN CHI PHÍ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN",
        "INPUT TEMPLATE OF AN IT COST ESTIMATE",
    ),
    "intro": _M(
        "Điền mẫu này rồi chạy: ictcost estimate <tệp này>.xlsx. Các con số pháp lý (tỷ lệ định "
        "mức, thuế suất GTGT, mức dự phòng tối đa) không nhập ở đây: ictcost lấy từ dữ liệu định "
        "mức có hiệu lực vào ngày của dự án.",
        "Fill this template, then run: ictcost estimate <this file>.xlsx. The legal numbers (norm "
        "rates, VAT rates, the contingency cap) are not entered here: ictcost reads them from "
        "the norm data in force on the project's date.",
    ),
    "project": _M(
        "Sheet 'Dự án': thông tin chung của dự án và dự phòng, mỗi dòng một thông tin; dòng có "
        "dấu * là bắt buộc; cột C ghi các giá trị cho phép.",
        "Sheet 'Project': the project's particulars and contingency, one per row; rows marked * "
        "are required; column C lists the allowed values.",
    ),
    "lines": _M(
        "Sheet 'Dòng chi phí': mỗi dòng một khoản chi phí, có mã dòng riêng. Khoản mục, phương "
        "pháp và nhóm thuế GTGT chọn từ danh sách. Theo phương pháp: báo giá → khối lượng và "
        "sheet 'Báo giá' (hoặc đơn giá); bảng giá → khối lượng, bảng giá và mã hàng; dự toán "
        "chuyên gia → sheet 'Chuyên gia'; định mức tỷ lệ → mục chi phí theo định mức và hạng mục; "
        "tính toán (UCP) → tệp đầu vào phần mềm; giá trị xác định, thẩm định giá, hợp đồng → "
        "thành tiền trước thuế và căn cứ.",
        "Sheet 'Cost lines': one cost per row, each with its own line id. Component, method and "
        "VAT category are chosen from the lists. By method: quotation → quantity and the "
        "'Quotations' sheet (or a unit price); price list → quantity, price list and code; "
        "expert estimate → the 'Expert items' sheet; % norm → the norm fee item and its part; "
        "calculation (UCP) → the software input file; given amount, appraisal, contract → the "
        "amount before VAT and its basis.",
    ),
    "nested": _M(
        "Các sheet 'Báo giá', 'Chuyên gia', 'Thanh toán', 'Thuê dịch vụ': mỗi dòng ghi mã dòng "
        "chi phí mà nó thuộc về. 'Trượt giá': lịch giải ngân cho dự phòng trượt giá. 'Gói thầu': "
        "các gói thầu và các dòng thuộc gói.",
        "The sheets 'Quotations', 'Expert items', 'Payments', 'Rentals': each row names the line "
        "id it belongs to. 'Escalation': the disbursement schedule of the price-escalation "
        "contingency. 'Packages': the procurement packages and their lines.",
    ),
    "values": _M(
        "Số tiền ghi bằng đồng, chỉ ghi số (ô số). Tỷ lệ ghi theo %, ví dụ 5 cho 5 %. Ngày ghi "
        "dd/mm/yyyy hoặc dùng ô ngày. Danh sách (các dòng cơ sở, điều kiện K) cách nhau bởi dấu "
        "phẩy. Ô để trống là không có giá trị.",
        "Amounts are in đồng, digits only (number cells). Rates are in %: 5 for 5 %. Dates are "
        "date cells or ISO yyyy-mm-dd text. Lists (base lines, K conditions) are separated by "
        "commas. An empty cell gives no value.",
    ),
    "errors": _M(
        "Nếu có ô sai, ictcost báo tất cả các ô sai cùng lúc, mỗi lỗi ghi 'Sheet!Ô' (ví dụ "
        "Dòng chi phí!F7) và cách sửa.",
        "If cells are wrong, ictcost reports every one at once, each as 'Sheet!Cell' (e.g. Cost "
        "lines!F7) with how to fix it.",
    ),
}

MESSAGES: dict[str, Message] = {
    **{f"template.sheet.{k}": m for k, m in _SHEETS.items()},
    **{f"template.col.{k}": m for k, m in _COLUMNS.items()},
    **{f"template.value.{k}": m for k, m in _VALUES.items()},
    **{f"template.hint.{k}": m for k, m in _HINTS.items()},
    **{f"template.guide.{k}": m for k, m in _GUIDE.items()},
}
"""Every text of the input template, by code."""
