"""Texts of the comparison table and the appraisal report, in Vietnamese and English.

Used by :mod:`ictcost.report.comparison` (Markdown, the workbook of
:mod:`ictcost.report._xlsx_comparison`) and :mod:`ictcost.report.appraisal` (the .docx). Every
label of those outputs is here; the findings' own messages are the checks' (``checks`` module of
this package) and the lines' computations the trace's. ``{act}`` is the review stage in words
(*thẩm định* by the appraising body, *thẩm tra* by a reviewing consultant), ``{ACT}`` the same in
capitals; the method labels repeat :data:`ictcost.report.layout.METHOD_VI` so that one catalogue
holds both languages.
"""

from __future__ import annotations

from ictcost.report.layout import METHOD_VI, STATUS_VI
from ictcost.report.messages import Message

__all__ = ["MESSAGES"]

_METHOD_EN = {
    "norm": "Percentage norm",
    "calculation": "Calculation method",
    "quotation": "Quotations",
    "tender": "Comparable tender results",
    "expert": "Expert estimate",
    "appraisal": "Price appraisal",
    "listed_price": "Listed price / price list",
    "market_price": "Market price",
    "sector_norm": "Sector norm",
    "contract_value": "Contract value",
    "fixed": "Given amount",
}
_STATUS_EN = {
    "reference": " (reference)",
    "not_allowed": " (not an allowed method)",
}

MESSAGES: dict[str, Message] = {
    # --- the stage of the review and what is reviewed
    "appraisal.stage.tham_dinh": Message(vi="thẩm định", en="appraisal"),
    "appraisal.stage.tham_tra": Message(vi="thẩm tra", en="review"),
    "appraisal.kind.du_toan": Message(vi="dự toán", en="cost estimate"),
    "appraisal.kind.tong_muc_dau_tu": Message(vi="tổng mức đầu tư", en="total investment"),
    "appraisal.severity.error": Message(vi="Lỗi", en="Error"),
    "appraisal.severity.warning": Message(vi="Cảnh báo", en="Warning"),
    "appraisal.severity.info": Message(vi="Thông tin", en="Info"),
    # --- the comparison table (Markdown, workbook, report)
    "appraisal.table.title": Message(
        vi="BẢNG TỔNG HỢP KẾT QUẢ {ACT} {KIND}", en="COMPARISON TABLE OF THE {ACT} OF THE {KIND}"
    ),
    "appraisal.table.unit": Message(vi="Đơn vị tính: đồng", en="Unit: đồng (VND)"),
    "appraisal.table.unit_after_vat": Message(
        vi="Đơn vị tính: đồng; giá trị sau thuế GTGT.", en="Unit: đồng (VND), after VAT."
    ),
    "appraisal.col.number": Message(vi="STT", en="No."),
    "appraisal.col.id": Message(vi="Mã", en="Line"),
    "appraisal.col.content": Message(vi="Nội dung", en="Item"),
    "appraisal.col.submitted": Message(vi="Giá trị đề nghị", en="Submitted"),
    "appraisal.col.appraised": Message(vi="Giá trị {act}", en="After {act}"),
    "appraisal.col.difference": Message(vi="Tăng (+), giảm (-)", en="Increase (+), decrease (-)"),
    "appraisal.col.reason": Message(vi="Ghi chú / căn cứ", en="Reason / legal basis"),
    "appraisal.col.before_vat": Message(vi="Trước thuế", en="Before VAT"),
    "appraisal.col.vat": Message(vi="Thuế GTGT", en="VAT"),
    "appraisal.col.after_vat": Message(vi="Sau thuế", en="After VAT"),
    "appraisal.row.subtotal": Message(
        vi="Cộng (chưa gồm dự phòng)", en="Subtotal (before contingency)"
    ),
    "appraisal.row.amount": Message(vi="Giá trị trước thuế", en="Amount before VAT"),
    "appraisal.row.vat": Message(vi="Thuế GTGT", en="VAT"),
    "appraisal.row.contingency": Message(vi="Chi phí dự phòng", en="Contingency"),
    "appraisal.row.total": Message(vi="TỔNG CỘNG", en="TOTAL"),
    "appraisal.row.group": Message(vi="{label} ({symbol})", en="{label} ({symbol})"),
    "appraisal.row.not_computed_group": Message(
        vi="Các dòng không tính lại được", en="Lines that could not be recomputed"
    ),
    "appraisal.value.not_stated": Message(vi="không nêu", en="not stated"),
    "appraisal.value.not_computed": Message(vi="không tính được", en="not computed"),
    "appraisal.note.not_stated": Message(
        vi="Hồ sơ không nêu giá trị của dòng này.",
        en="The submission states no figure for this line.",
    ),
    "appraisal.note.not_computed": Message(
        vi="Không tính lại được: {message}", en="Could not be recomputed: {message}"
    ),
    "appraisal.note.reference": Message(
        vi="Giá trị tham khảo bên cạnh dòng {line}, không cộng vào tổng.",
        en="A reference figure beside line {line}, not summed into the totals.",
    ),
    "appraisal.note.group_unstated": Message(
        vi="Giá trị đề nghị chưa đủ: không nêu cho {lines:list}.",
        en="Submitted value incomplete: nothing stated for {lines:list}.",
    ),
    "appraisal.note.group_not_computed": Message(
        vi="Giá trị {act} chưa gồm {lines:list} (không tính lại được).",
        en="The {act} value leaves out {lines:list} (could not be recomputed).",
    ),
    "appraisal.note.stated_total": Message(
        vi="Giá trị đề nghị theo tổng do hồ sơ nêu.",
        en="Submitted value: the total the submission states.",
    ),
    "appraisal.note.summed": Message(
        vi="Giá trị đề nghị cộng từ các dòng của hồ sơ.",
        en="Submitted value: summed from the submission's lines.",
    ),
    "appraisal.reason": Message(
        vi="{code}: {message} (căn cứ: {basis})", en="{code}: {message} (basis: {basis})"
    ),
    "appraisal.in_words": Message(vi="Bằng chữ: {words}.", en="In words (Vietnamese): {words}."),
    "appraisal.total_figures": Message(
        vi="Giá trị sau {act}: {amount:vnd} đồng.", en="Value after {act}: {amount:vnd} đồng."
    ),
    "appraisal.total_difference": Message(
        vi="Tăng (+), giảm (-) so với giá trị đề nghị: {difference} đồng.",
        en="Increase (+) or decrease (-) against the submitted value: {difference} đồng.",
    ),
    "appraisal.total_difference_unknown": Message(
        vi="Hồ sơ không nêu tổng giá trị đề nghị: không tính được mức tăng, giảm.",
        en="The submission states no total: the increase or decrease cannot be given.",
    ),
    "appraisal.general": Message(
        vi="Phát hiện chung của hồ sơ", en="Findings about the estimate as a whole"
    ),
    "appraisal.problem": Message(
        vi="Không tính được: {message}", en="Could not be computed: {message}"
    ),
    # --- the report: header and sections
    "appraisal.report.nation": Message(
        vi="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", en="SOCIALIST REPUBLIC OF VIET NAM"
    ),
    "appraisal.report.motto": Message(
        vi="Độc lập - Tự do - Hạnh phúc", en="Independence - Freedom - Happiness"
    ),
    "appraisal.report.place_date": Message(
        vi="…, ngày … tháng … năm …", en="…, on … (day) … (month) … (year)"
    ),
    "appraisal.report.unit_blank": Message(vi="ĐƠN VỊ {ACT}", en="{ACT} BODY"),
    "appraisal.report.title": Message(
        vi="BÁO CÁO KẾT QUẢ {ACT} {KIND}", en="REPORT ON THE {ACT} OF THE {KIND}"
    ),
    "appraisal.report.subject": Message(vi="Dự án: {name}", en="Project: {name}"),
    "appraisal.report.generated": Message(
        vi="Lập bằng ictcost {version}; số liệu tính lại theo định mức và chế độ có hiệu lực "
        "ngày {date}.",
        en="Prepared with ictcost {version}; figures recomputed with the norms and the regime in "
        "force on {date}.",
    ),
    "appraisal.section.legal": Message(vi="I. CĂN CỨ PHÁP LÝ", en="I. LEGAL BASIS"),
    "appraisal.section.project": Message(vi="II. THÔNG TIN DỰ ÁN", en="II. THE PROJECT"),
    "appraisal.section.content": Message(vi="III. NỘI DUNG {ACT}", en="III. WHAT WAS CHECKED"),
    "appraisal.section.result": Message(vi="IV. KẾT QUẢ {ACT}", en="IV. RESULT OF THE {ACT}"),
    "appraisal.section.recommend": Message(vi="V. KIẾN NGHỊ", en="V. RECOMMENDATIONS"),
    # --- I. legal basis
    "appraisal.legal.decree": Message(
        vi="Nghị định số {decree} của Chính phủ (chế độ chi phí áp dụng);",
        en="Government Decree {decree} (the cost regime applied);",
    ),
    "appraisal.legal.circular": Message(
        vi="Thông tư số {circular} (thông tư về chi phí áp dụng);",
        en="Circular {circular} (the cost circular applied);",
    ),
    "appraisal.legal.override": Message(
        vi="Áp dụng chuyển tiếp chế độ của {regime:regime} thay cho chế độ của {in_force:regime} có "
        "hiệu lực vào ngày {on};",
        en="Transitional rules: the regime of {regime:regime} instead of {in_force:regime}, in force "
        "on {on};",
    ),
    "appraisal.legal.norms": Message(
        vi="Các bảng định mức, bảng tra đã áp dụng (ngày áp dụng {date}):",
        en="The norm tables applied (read on {date}):",
    ),
    "appraisal.legal.submission": Message(
        vi="Hồ sơ {kind} do {preparer} lập, {owner} trình {act}.",
        en="The {kind} prepared by {preparer} and submitted by {owner} for {act}.",
    ),
    "appraisal.legal.col.table": Message(vi="Bảng", en="Table"),
    "appraisal.legal.col.period": Message(vi="Thời kỳ hiệu lực", en="Period in force"),
    "appraisal.legal.col.instrument": Message(vi="Văn bản", en="Instrument"),
    "appraisal.legal.col.pack": Message(vi="Nguồn số liệu", en="Data pack"),
    "appraisal.legal.pack_user": Message(
        vi="{pack} (của người dùng, thay bảng ban hành kèm ictcost)",
        en="{pack} (user pack, overrides the shipped table)",
    ),
    # --- II. the project
    "appraisal.project.name": Message(vi="Tên dự án", en="Project"),
    "appraisal.project.owner": Message(vi="Chủ đầu tư", en="Owner"),
    "appraisal.project.preparer": Message(vi="Đơn vị lập", en="Prepared by"),
    "appraisal.project.reviewer": Message(vi="Đơn vị thẩm tra", en="Reviewed by"),
    "appraisal.project.appraiser": Message(vi="Cơ quan thẩm định", en="Appraised by"),
    "appraisal.project.date": Message(vi="Ngày của hồ sơ", en="Date of the estimate"),
    "appraisal.project.profile": Message(vi="Loại dự án, loại hồ sơ", en="Project and document"),
    "appraisal.project.regime": Message(vi="Chế độ áp dụng", en="Regime applied"),
    "appraisal.project.submitted_total": Message(vi="Tổng giá trị đề nghị", en="Submitted total"),
    "appraisal.project.blank": Message(vi="—", en="—"),
    # --- III. what was checked
    "appraisal.content.intro": Message(
        vi="Đã tính lại {count} dòng chi phí theo phương pháp, định mức và đơn giá có hiệu lực "
        "ngày {date}, đối chiếu với giá trị đề nghị và kiểm tra theo các quy tắc thẩm định (mã, "
        "mức độ và căn cứ của từng phát hiện ghi dưới đây).",
        en="{count} cost lines were recomputed with the methods, norms and prices in force on "
        "{date}, compared with the submitted values and checked by the appraisal rules (each "
        "finding below gives its code, severity and basis).",
    ),
    "appraisal.content.group": Message(
        vi="{number}. {label} ({symbol})", en="{number}. {label} ({symbol})"
    ),
    "appraisal.content.line": Message(
        vi="{id} – {name}: {method}; {how}.", en="{id} – {name}: {method}; {how}."
    ),
    "appraisal.content.values": Message(
        vi="Đề nghị {submitted}; {act} {appraised}; tăng (+), giảm (-) {difference}.",
        en="Submitted {submitted}; after {act} {appraised}; difference {difference}.",
    ),
    "appraisal.content.no_lines": Message(
        vi="Không có dòng chi phí trong khoản mục này.", en="No cost line in this group."
    ),
    "appraisal.content.no_findings": Message(vi="Không có phát hiện.", en="No finding."),
    "appraisal.content.finding": Message(
        vi="[{severity}] {code}{where}: {message} (căn cứ: {basis})",
        en="[{severity}] {code}{where}: {message} (basis: {basis})",
    ),
    "appraisal.content.notes": Message(
        vi="Ghi chú khi tính lại:", en="Notes of the recomputation:"
    ),
    "appraisal.content.where": Message(vi=" – dòng {line}", en=" – line {line}"),
    "appraisal.content.counts": Message(
        vi="Tổng hợp: {errors} lỗi, {warnings} cảnh báo, {infos} thông tin.",
        en="In all: {errors} error(s), {warnings} warning(s), {infos} info.",
    ),
    # --- V. recommendations
    "appraisal.recommend.intro": Message(
        vi="Đề nghị chủ đầu tư chỉ đạo đơn vị lập hồ sơ:",
        en="The owner is asked to have the preparer:",
    ),
    "appraisal.recommend.errors": Message(
        vi="Sửa các sai sót sau (mức lỗi):", en="Correct the following errors:"
    ),
    "appraisal.recommend.warnings": Message(
        vi="Làm rõ, giải trình hoặc bổ sung các nội dung sau (mức cảnh báo):",
        en="Explain, justify or complete the following (warnings):",
    ),
    "appraisal.recommend.none": Message(
        vi="Không có nội dung phải sửa đổi, giải trình.",
        en="Nothing needs correcting or explaining.",
    ),
    "appraisal.recommend.item": Message(
        vi="{where}{message} (căn cứ: {basis}).", en="{where}{message} (basis: {basis})."
    ),
    "appraisal.recommend.where": Message(vi="Dòng {line}: ", en="Line {line}: "),
    "appraisal.recommend.conclusion": Message(
        vi="Giá trị {kind} sau {act}: {amount:vnd} đồng.",
        en="Value of the {kind} after {act}: {amount:vnd} đồng.",
    ),
    # --- signatures and footer
    "appraisal.sign.person": Message(vi="NGƯỜI {ACT}", en="{ACT} BY"),
    "appraisal.sign.checker": Message(vi="NGƯỜI KIỂM TRA", en="CHECKED BY"),
    "appraisal.sign.unit": Message(vi="ĐƠN VỊ {ACT}", en="{ACT} BODY"),
    "appraisal.sign.hint_person": Message(vi="(Ký, ghi rõ họ tên)", en="(signature and full name)"),
    "appraisal.sign.hint_unit": Message(vi="(Ký tên, đóng dấu)", en="(signature and seal)"),
    "appraisal.footer.page": Message(vi="Trang ", en="Page "),
    "appraisal.footer.of": Message(vi=" / ", en=" of "),
}

for _key, _label in METHOD_VI.items():
    MESSAGES[f"appraisal.method.{_key}"] = Message(vi=_label, en=_METHOD_EN[_key])
for _key, _label in STATUS_VI.items():
    MESSAGES[f"appraisal.status.{_key}"] = Message(vi=_label, en=_STATUS_EN[_key])
