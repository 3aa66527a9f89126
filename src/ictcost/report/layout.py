"""The workbook layout shared by the writer (:mod:`ictcost.report.excel`) and the importer.

Sheet names and the Vietnamese labels of keys that the workbook shows and the importer reads back.
One place, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CHECK",
    "CITATIONS",
    "COMPONENT_VI",
    "CONTINGENCY_LABEL",
    "DETAIL",
    "DETAIL_COLUMNS",
    "DETAIL_HEADERS",
    "DETAIL_HEADER_ROW",
    "EQUIPMENT",
    "FEES",
    "FORM_VI",
    "KIND_VI",
    "METHOD_VI",
    "OTHER",
    "SHEETS",
    "SOFTWARE",
    "STATUS_VI",
    "SUBTOTAL_LABEL",
    "SUMMARY",
    "SUMMARY_HEADERS",
    "SUMMARY_META_LABELS",
    "TOTAL_LABEL",
]

SUMMARY: Final = "Tổng hợp"
DETAIL: Final = "Chi tiết"
FEES: Final = "Phí theo định mức"
SOFTWARE: Final = "Phần mềm"
EQUIPMENT: Final = "Thiết bị"
OTHER: Final = "Diễn giải khác"
CITATIONS: Final = "Trích dẫn"
CHECK: Final = "Kiểm tra"
SHEETS: Final = (SUMMARY, DETAIL, FEES, SOFTWARE, EQUIPMENT, OTHER, CITATIONS, CHECK)
"""The sheet names, in workbook order."""
DETAIL_HEADER_ROW: Final = 3
"""The header row of *Chi tiết* (lines start on the next row)."""
DETAIL_COLUMNS: Final = {
    "id": "Mã",
    "component": "Khoản mục",
    "name": "Tên",
    "method": "Phương pháp",
    "unit": "Đơn vị",
    "quantity": "Khối lượng",
    "unit_price": "Đơn giá",
    "amount": "Thành tiền trước thuế",
    "vat_rate": "Thuế suất GTGT (%)",
    "vat_amount": "Thuế GTGT",
    "total": "Thành tiền sau thuế",
    "basis": "Căn cứ",
    "formula": "Cách tính",
}
"""Headers of the *Chi tiết* columns the importer reads back, by field (found by header, so the
writer may place them anywhere on :data:`DETAIL_HEADER_ROW`)."""
SUMMARY_META_LABELS: Final = {
    "name": "Tên dự án:",
    "owner": "Chủ đầu tư:",
    "preparer": "Đơn vị lập:",
    "date": "Ngày:",
    "form": "Hình thức:",
}
"""Labels (column B of *Tổng hợp*) of the metadata rows the importer reads back (value in C)."""
SUBTOTAL_LABEL: Final = "Cộng (chưa gồm dự phòng)"
"""Label of the subtotal row of *Tổng hợp* (pre-VAT amount in D, VAT in E)."""
CONTINGENCY_LABEL: Final = "Chi phí dự phòng"
"""Label of the contingency row of *Tổng hợp* (the amount in F)."""
TOTAL_LABEL: Final = "TỔNG CỘNG"
"""Label of the grand-total row of *Tổng hợp* (the amount in F)."""


FORM_VI = {
    "investment_project": "Dự án đầu tư (báo cáo nghiên cứu khả thi)",
    "ktkt": "Báo cáo kinh tế - kỹ thuật",
    "rental_plan": "Kế hoạch thuê dịch vụ công nghệ thông tin",
    "purchase": "Dự án mua sắm",
}
KIND_VI = {"tong_muc_dau_tu": "TỔNG MỨC ĐẦU TƯ", "du_toan": "DỰ TOÁN"}
COMPONENT_VI = {
    "xay_lap": "Xây lắp",
    "thiet_bi": "Thiết bị",
    "phan_mem_noi_bo": "Phần mềm nội bộ",
    "lap_dat_cai_dat": "Lắp đặt, cài đặt",
    "tao_lap_du_lieu": "Tạo lập cơ sở dữ liệu",
    "dao_tao": "Đào tạo, chuyển giao",
    "trien_khai_ho_tro": "Triển khai, hỗ trợ",
    "thue_dich_vu": "Thuê dịch vụ",
    "quan_ly_du_an": "Quản lý dự án",
    "tu_van": "Tư vấn",
    "chi_phi_khac": "Chi phí khác",
}
STATUS_VI = {
    "reference": " (tham khảo)",
    "not_allowed": " (không thuộc phương pháp được phép)",
}
METHOD_VI = {
    "norm": "Định mức tỷ lệ",
    "calculation": "Tính toán (UCP)",
    "quotation": "Báo giá",
    "tender": "Kết quả trúng thầu tương tự",
    "expert": "Dự toán chuyên gia",
    "appraisal": "Thẩm định giá",
    "listed_price": "Giá niêm yết / bảng giá",
    "market_price": "Giá thị trường",
    "sector_norm": "Định mức chuyên ngành",
    "contract_value": "Giá trị hợp đồng",
    "fixed": "Giá trị xác định",
}

DETAIL_HEADERS: Final = (
    "STT",
    "Mã",
    "Nhóm",
    "Khoản mục",
    "Tên",
    "Phương pháp",
    "Đơn vị",
    "Khối lượng",
    "Đơn giá",
    "Thành tiền trước thuế",
    "Thuế suất GTGT (%)",
    "Thuế GTGT",
    "Thành tiền sau thuế",
    "Căn cứ",
    "Cách tính",
    "Trích dẫn",
    "Ghi chú",
)
"""The header row of *Chi tiết* (columns A … Q), as the importer reads it back."""
SUMMARY_HEADERS: Final = (
    "STT",
    "Khoản mục",
    "Ký hiệu",
    "Giá trị trước thuế",
    "Thuế GTGT",
    "Giá trị sau thuế",
    "Cách tính",
)
"""The header row of the groups table of *Tổng hợp* (columns A … G)."""
