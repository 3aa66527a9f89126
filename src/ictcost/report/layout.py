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
    "DETAIL_COL",
    "DETAIL_COLUMNS",
    "DETAIL_EARLIER_COLUMNS",
    "DETAIL_FIELDS",
    "DETAIL_HEADERS",
    "DETAIL_HEADER_ROW",
    "DETAIL_KEY_COLUMNS",
    "DETAIL_PRINTED",
    "EQUIPMENT",
    "EQUIPMENT_KEY_COLUMNS",
    "FEES",
    "FEE_KEY_COLUMNS",
    "FORM_VI",
    "KIND_VI",
    "METHOD_VI",
    "OTHER",
    "PART_EN",
    "PART_VI",
    "REGIME_IN_FORCE_LABEL",
    "REGIME_LABEL",
    "SHEETS",
    "SOFTWARE",
    "STATUS_VI",
    "SUBTOTAL_LABEL",
    "SUMMARY",
    "SUMMARY_COL",
    "SUMMARY_FIELDS",
    "SUMMARY_HEADERS",
    "SUMMARY_KEY_LABELS",
    "SUMMARY_LABEL_COLUMN",
    "SUMMARY_META_LABELS",
    "SUMMARY_VALUE_COLUMN",
    "TOTAL_LABEL",
    "UNIT_LABEL",
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
    "name": "Nội dung chi phí",
    "method": "Phương pháp",
    "unit": "Đơn vị",
    "quantity": "Khối lượng",
    "unit_price": "Đơn giá",
    "amount": "Giá trị trước thuế",
    "vat_rate": "Thuế suất GTGT (%)",
    "vat_amount": "Thuế GTGT",
    "total": "Giá trị sau thuế",
    "basis": "Căn cứ",
    "formula": "Cách tính",
}
"""Headers of the *Chi tiết* columns the importer reads back, by field (found by header, so the
writer may place them anywhere on :data:`DETAIL_HEADER_ROW`)."""
DETAIL_EARLIER_COLUMNS: Final = {
    "name": "Tên",
    "amount": "Thành tiền trước thuế",
    "total": "Thành tiền sau thuế",
}
"""Headers of the same columns in workbooks of the earlier layout (before the statutory names),
which the importer still reads."""
DETAIL_KEY_COLUMNS: Final = {
    "vat_category": "Loại thuế GTGT (mã)",
    "vat_rate_input": "Thuế suất GTGT nhập (%)",
}
"""Headers of the machine-key columns of *Chi tiết* (the last two), by field: the line's VAT
category key (``general``, ``software``, ``not_applicable`` …) and its explicit VAT rate in %
(empty when the rate comes from the ``vat-rates`` table). Optional for the importer: a workbook
of the earlier layout has neither, and the category is then inferred from the rate shown."""
FEE_KEY_COLUMNS: Final = {
    "item": "Mục định mức (mã)",
    "category": "Hạng mục (mã)",
    "base_lines": "Dòng cơ sở (mã)",
    "conditions": "Điều kiện K (mã)",
}
"""Headers of the key columns of *Phí theo định mức* a fee line is read back from, by field: the
QĐ 1688 item key, the part (``infrastructure`` / ``software``), the ids of the base lines
(comma-separated) and the K conditions of the fee (comma-separated). The writer puts them to the
right of the printed table; a workbook without them reads its fee lines as given amounts."""
EQUIPMENT_KEY_COLUMNS: Final = {
    "list": "Bảng giá (mã)",
    "code": "Mã trong bảng giá (mã)",
}
"""Headers of the key columns of *Thiết bị* a price-list line is read back from, by field: the
price list's table id and the row's code (right of the printed table)."""
SUMMARY_LABEL_COLUMN: Final = 2
"""The column (B) of the labels of the metadata and key rows of *Tổng hợp*."""
SUMMARY_VALUE_COLUMN: Final = 3
"""The column (C) of the values of the metadata and key rows of *Tổng hợp*."""
SUMMARY_META_LABELS: Final = {
    "name": "Tên dự án:",
    "owner": "Chủ đầu tư:",
    "preparer": "Đơn vị lập:",
    "date": "Ngày:",
    "form": "Hình thức:",
}
"""Labels (column B of *Tổng hợp*) of the metadata rows the importer reads back (value in C)."""
REGIME_LABEL: Final = "Chế độ áp dụng:"
"""Label of the regime row of *Tổng hợp* (a text for people; the key is a key row below)."""
REGIME_IN_FORCE_LABEL: Final = "Chế độ có hiệu lực:"
"""Label of the row naming the regime in force on the date (under a transitional override)."""
UNIT_LABEL: Final = "Đơn vị tính:"
SUMMARY_KEY_LABELS: Final = {
    "regime_override": "Chế độ chuyển tiếp (mã):",
    "contingency_rule": "Quy tắc dự phòng (mã):",
    "contingency_on": "Dự phòng tính trên (mã):",
    "contingency_rate": "Hệ số dự phòng Kps (%):",
    "contingency_volume": "Dự phòng khối lượng (%):",
    "contingency_escalation": "Dự phòng trượt giá (đồng):",
}
"""Labels (column B of *Tổng hợp*) of the key rows, written after the metadata rows, that the
importer reads back (value in C, typed): the transitional regime override (a regime id, ``—``
when none), the contingency rule (``single_coefficient``, ``quantity_and_escalation``,
``quantity_and_provisional``, ``—`` without contingency), what it is computed on (``after_vat`` /
``before_vat``), Kps or the volume % (numbers) and the escalation amount (đồng). The contingency
cell's formula refers to the percentage and escalation cells."""
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
PART_VI = {
    "infrastructure": "hạ tầng kỹ thuật",
    "software": "phần mềm nội bộ, cơ sở dữ liệu",
}
"""The parts (hạng mục) of a project for the QĐ 1688 fees, in Vietnamese."""
PART_EN = {"infrastructure": "infrastructure", "software": "software/database"}
"""The parts in English."""

COMPONENT_VI = {
    "xay_lap": "Xây lắp",
    "thiet_bi": "Thiết bị",
    "phan_mem_noi_bo": "Phần mềm nội bộ",
    "lap_dat_cai_dat": "Lắp đặt, cài đặt",
    "tao_lap_du_lieu": "Tạo lập cơ sở dữ liệu",
    "dao_tao": "Đào tạo, chuyển giao",
    "trien_khai_ho_tro": "Triển khai, hỗ trợ",
    "thue_dich_vu": "Thuê dịch vụ",
    "quan_tri_van_hanh": "Quản trị, vận hành",
    "bao_tri": "Bảo trì",
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
    "calculation": "Phương pháp tính toán",
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

DETAIL_FIELDS: Final = (
    "number",
    "id",
    "group",
    "name",
    "unit",
    "quantity",
    "unit_price",
    "formula",
    "amount",
    "vat_rate",
    "vat_amount",
    "total",
    "component",
    "method",
    "basis",
    "citations",
    "notes",
    "vat_category",
    "vat_rate_input",
)
"""The columns of *Chi tiết* (A … S) by field. The statutory columns come first (STT, Mã, Ký hiệu,
Nội dung chi phí, Đơn vị, Khối lượng, Đơn giá, Cách tính, the amounts), up to
:data:`DETAIL_PRINTED` (the last printed column); the working columns follow."""
DETAIL_PRINTED: Final = "total"
"""The last column of *Chi tiết* in the printed document (the print area ends there)."""
DETAIL_HEADERS: Final = tuple(
    {
        "number": "STT",
        "group": "Ký hiệu",
        "citations": "Trích dẫn",
        "notes": "Ghi chú",
        **DETAIL_COLUMNS,
        **DETAIL_KEY_COLUMNS,
    }[f]
    for f in DETAIL_FIELDS
)
"""The header row of *Chi tiết* (columns A … S), as the importer reads it back."""
DETAIL_COL: Final = {f: i for i, f in enumerate(DETAIL_FIELDS, 1)}
"""The column number of each field of *Chi tiết*."""
SUMMARY_FIELDS: Final = ("number", "name", "symbol", "formula", "amount", "vat", "total")
"""The columns of the groups table of *Tổng hợp* (A … G) by field."""
SUMMARY_HEADERS: Final = (
    "STT",
    "Nội dung chi phí",
    "Ký hiệu",
    "Cách tính",
    "Giá trị trước thuế",
    "Thuế GTGT",
    "Giá trị sau thuế",
)
"""The header row of the groups table of *Tổng hợp* (columns A … G), as in the statutory forms:
*Cách tính* before the amounts. The importer finds the amount columns by these headers (a
workbook of the earlier layout had *Khoản mục* in B, the amounts in D … F and *Cách tính* in G)."""
SUMMARY_COL: Final = {f: i for i, f in enumerate(SUMMARY_FIELDS, 1)}
"""The column number of each field of the groups table of *Tổng hợp*."""
