"""The appraisal rules: stable codes, severities, titles and legal bases, and the Finding model.

``docs/checks.md`` has one section per code; a test keeps this list and the page in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["RULES", "Finding", "Rule", "Severity"]

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One appraisal rule.

    Attributes:
        code: The stable code (never renamed).
        severity: ``error`` (the estimate is wrong), ``warning`` (questionable, look at it),
            ``info`` (for the record).
        title_vi: Short Vietnamese title.
        title_en: Short English title.
        basis: The legal basis or the source of the rule.
    """

    code: str
    severity: Severity
    title_vi: str
    title_en: str
    basis: str


_RULES = (
    Rule(
        "INPUT-UNREADABLE",
        "error",
        "Không tính được dự toán",
        "The estimate cannot be computed",
        "ictcost input rules (the message says what)",
    ),
    Rule(
        "NORM-NOT-IN-FORCE",
        "error",
        "Áp dụng văn bản hết hiệu lực",
        "A line follows an instrument not in force on the date",
        "TT 04/2020 Điều 3 (correct method); the norm tables' dates",
    ),
    Rule(
        "METHOD-NOT-ALLOWED",
        "error",
        "Phương pháp không được phép",
        "The method is not one the regime lists for the component",
        "NĐ 73/2019 Điều 19 + TT 04/2020 Điều 5; NĐ 45/2026 Điều 16; NĐ 224/2026 Điều 49",
    ),
    Rule(
        "METHOD-REFERENCE-ONLY",
        "warning",
        "Định mức tỷ lệ chỉ để tham khảo",
        "A % norm or UCP figure used where the regime no longer lists it",
        "NĐ 45/2026 Điều 16 k4–k5; NĐ 224/2026 Điều 49 k4–k5",
    ),
    Rule(
        "METHOD-FIXED-AMOUNT",
        "info",
        "Giá trị xác định không theo phương pháp",
        "A line is a given amount with its basis, not a computation",
        "design: methods",
    ),
    Rule(
        "ARITH-LINE",
        "error",
        "Sai giá trị dòng chi phí",
        "A stated line amount differs from the recomputed one",
        "TT 04/2020 Điều 3 (tính đúng)",
    ),
    Rule(
        "ARITH-FEE-RATE",
        "error",
        "Sai tỷ lệ định mức",
        "A stated % rate differs from the norm engine's",
        "QĐ 1688/QĐ-BTTTT (as encoded)",
    ),
    Rule(
        "ARITH-SOFTWARE",
        "error",
        "Sai chi phí phần mềm nội bộ",
        "A stated software cost differs from the use-case-point recomputation",
        "CV 2589/BTTTT-ƯDCNTT; QĐ 671/QĐ-BTTTT",
    ),
    Rule(
        "ARITH-QTY-PRICE",
        "error",
        "Khối lượng × đơn giá không khớp",
        "A stated amount differs from its stated quantity × unit price",
        "TT 04/2020 Điều 3 (tính đúng)",
    ),
    Rule(
        "ARITH-VAT",
        "error",
        "Sai tiền thuế GTGT",
        "A stated VAT amount differs from amount × stated rate",
        "Luật Thuế GTGT 48/2024",
    ),
    Rule(
        "ARITH-TOTAL",
        "error",
        "Sai tổng cộng",
        "A stated subtotal or total differs from the sum of its parts",
        "TT 04/2020 Điều 3 (tính đúng)",
    ),
    Rule(
        "VAT-RATE",
        "error",
        "Sai thuế suất GTGT",
        "The stated VAT rate is not the rate for the category on the date",
        "Luật 48/2024/QH15; NĐ 72/2024, NĐ 180/2024, NĐ 174/2025 (vat-rates table)",
    ),
    Rule(
        "VAT-NOT-SUBJECT",
        "error",
        "Hàng hóa, dịch vụ không chịu thuế bị tính thuế",
        "Software shown with VAT (or as 0 %) instead of không chịu thuế",
        "Luật 48/2024/QH15 Điều 5 k21",
    ),
    Rule(
        "COMPLETE-QLDA",
        "warning",
        "Thiếu chi phí quản lý dự án",
        "No project-management line",
        "NĐ 73/2019 Điều 19; NĐ 45/2026 Điều 16; NĐ 224 Điều 49",
    ),
    Rule(
        "COMPLETE-CONSULTANCY",
        "warning",
        "Thiếu chi phí tư vấn bắt buộc",
        "A consultancy item the form requires is missing",
        "NĐ 73/2019 Điều 19; NĐ 45/2026 Điều 16 k2 c; NĐ 224/2026 Điều 49 k2",
    ),
    Rule(
        "COMPLETE-SUPERVISION",
        "info",
        "Chưa thấy chi phí giám sát",
        "No line for supervision (giám sát)",
        "TT 04/2020 Phụ lục 02 mục 3 (G_GSĐGĐT)",
    ),
    Rule(
        "COMPLETE-CONTINGENCY",
        "warning",
        "Thiếu chi phí dự phòng",
        "No contingency",
        "NĐ 73/2019 Điều 19 k5; NĐ 45/2026 Điều 16; NĐ 224/2026 Điều 49 k2 đ",
    ),
    Rule(
        "COMPLETE-PRICE-EVIDENCE",
        "warning",
        "Thiếu căn cứ giá",
        "A unit price has no quotation, price list or stated basis",
        "NĐ 45/2026 Điều 16 k4; NĐ 224/2026 Điều 49 k4 (methods of determining prices)",
    ),
    Rule(
        "MARKET-QUOTES-FEW",
        "warning",
        "Không đủ số báo giá",
        "Fewer quotations than the threshold",
        "TT 18/2024 Điều 9 (at least 3 quotations, as quoted; configurable)",
    ),
    Rule(
        "MARKET-QUOTES-SPREAD",
        "warning",
        "Báo giá chênh lệch lớn",
        "The quotations of a line spread widely",
        "screening threshold (configurable)",
    ),
    Rule(
        "MARKET-PRICE-FAR",
        "warning",
        "Đơn giá xa trung vị báo giá",
        "The unit price is far from the median of its evidence",
        "screening threshold (configurable)",
    ),
    Rule(
        "DUP-LINE",
        "warning",
        "Trùng lặp trong dự toán",
        "The same or a near-same item appears twice in one estimate",
        "Chỉ thị: tránh đầu tư trùng lặp, chồng chéo",
    ),
    Rule(
        "DUP-PORTFOLIO-EQUIPMENT",
        "warning",
        "Trùng thiết bị giữa các dự án",
        "The same equipment model in several estimates of the portfolio",
        "Chỉ thị: tránh đầu tư dàn trải, trùng lặp",
    ),
    Rule(
        "DUP-PORTFOLIO-FUNCTION",
        "warning",
        "Trùng chức năng phần mềm giữa các dự án",
        "Overlapping software functions (similar use-case names) across estimates",
        "Chỉ thị: tránh đầu tư trùng lặp, chồng chéo",
    ),
    Rule(
        "DUP-SHARED-SERVICE",
        "warning",
        "Trùng với hạ tầng dùng chung",
        "A line buys a service that shared infrastructure already provides",
        "Chỉ thị: tăng cường dùng chung cơ sở hạ tầng; NĐ 224/2026 Điều 36 k4",
    ),
    Rule(
        "PROC-DIRECT-LIMIT",
        "error",
        "Vượt hạn mức chỉ định thầu",
        "A direct-appointment package exceeds the limit on the date",
        "NĐ 214/2025/NĐ-CP Điều 78 k4 (as amended by NĐ 349/2026)",
    ),
    Rule(
        "PROC-SPLIT",
        "warning",
        "Nghi chia nhỏ gói thầu",
        "Packages of one kind each under the limit whose sum is over it",
        "Luật Đấu thầu 22/2023/QH15 (no splitting to avoid competition); NĐ 214/2025 Điều 78",
    ),
    Rule(
        "CLASS-GROUP",
        "info",
        "Nhóm dự án",
        "The project group by total investment",
        "Luật Đầu tư công 58/2024/QH15 Điều 8–11",
    ),
    Rule(
        "CLASS-DESIGN",
        "error",
        "Vượt mức thiết kế một bước",
        "A KTKT report (one-step design) above the regime's ceiling",
        "NĐ 73/2019 Điều 10 k2 b; NĐ 45/2026 Điều 9 k2 a; NĐ 224/2026 Điều 42 k2 a",
    ),
    Rule(
        "CLASS-WARRANTY",
        "warning",
        "Thời gian bảo hành dưới mức tối thiểu",
        "The warranty period is below the minimum for the project group",
        "NĐ 45/2026 Điều 26; NĐ 224/2026 Điều 59",
    ),
    Rule(
        "INDEP-SAME-ORG",
        "error",
        "Thiếu độc lập",
        "The same organisation prepares and reviews or appraises the estimate",
        "Chỉ thị: có người làm, có người giám sát độc lập",
    ),
)

RULES: dict[str, Rule] = {r.code: r for r in _RULES}
"""Every rule by code, in documentation order."""


class Finding(BaseModel):
    """One finding of an appraisal check.

    Attributes:
        code: The rule's stable code.
        severity: ``error``, ``warning`` or ``info``.
        estimate: The estimate's name (useful across a portfolio).
        line: The line id concerned, if any.
        message_vi: What was found, in Vietnamese.
        message_en: What was found, in English.
        basis: The legal basis of the rule.
        amount: The amount concerned (a difference, a package value), if any.
        details: Extra facts (expected and stated values, other estimate …).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    estimate: str | None = None
    line: str | None = None
    message_vi: str
    message_en: str
    basis: str
    amount: Decimal | None = None
    details: dict[str, str] = {}

    def __str__(self) -> str:
        where = f" [{self.line}]" if self.line else ""
        return f"{self.severity.upper()} {self.code}{where}: {self.message_en}"
