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
    "DETAIL",
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
    "SUMMARY",
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
