"""The legal basis of a check in words, where the rule's ``basis`` is not only a citation.

A rule's ``basis`` (:mod:`ictcost.checks.rules`) is kept in the findings' JSON as it is; a person
reads it in their language from these texts (codes ``<RULE>.basis``), through
:func:`ictcost.report.explain.basis_text`. A basis that is only citations ("NĐ 45/2026 Điều 16
k4") reads the same in both languages and has no entry here.
"""

from __future__ import annotations

from ictcost.report.messages import Message

_SCREENING_VI = "ngưỡng sàng lọc của ictcost (có thể cấu hình)"

MESSAGES: dict[str, Message] = {
    "INPUT-UNREADABLE.basis": Message(
        vi="quy tắc đọc đầu vào của ictcost (nội dung lỗi nêu cụ thể)",
        en="ictcost input rules (the message says what)",
    ),
    "INPUT-LINE.basis": Message(
        vi="quy tắc đọc đầu vào của ictcost (nội dung lỗi nêu cụ thể)",
        en="ictcost input rules (the message says what)",
    ),
    "NORM-NOT-IN-FORCE.basis": Message(
        vi="TT 04/2020 Điều 3 (phương pháp đúng); ngày hiệu lực của các bảng định mức",
        en="TT 04/2020 Điều 3 (correct method); the norm tables' dates",
    ),
    "NORM-NOT-ENCODED.basis": Message(
        vi="ictcost: quy tắc có bảng dữ liệu không có phiên bản vào ngày này thì không áp dụng",
        en="ictcost: a rule whose table has no version on the date is not applied",
    ),
    "METHOD-FIXED-AMOUNT.basis": Message(
        vi="thiết kế của ictcost: phương pháp xác định chi phí",
        en="design: methods",
    ),
    "METHOD-UCP-INPUTS.basis": Message(
        vi="phương pháp điểm trường hợp sử dụng (CV 2589 → QĐ 671/QĐ-BTTTT): hệ số xếp hạng 0–5, ES "
        "quyết định P (các bảng ucp-*); sàng lọc",
        en="the state UCP method (CV 2589 → QĐ 671/QĐ-BTTTT): factors rated 0–5, ES selects P "
        "(tables ucp-*); screening",
    ),
    "METHOD-UCP-OUTLIER.basis": Message(
        vi="thống kê sàng lọc: điểm z hiệu chỉnh 0,6745 × (x − trung vị) / MAD (Iglewicz & Hoaglin "
        "1993); ngưỡng có thể cấu hình",
        en="screening statistics: modified z-score 0.6745 × (x − median) / MAD (Iglewicz & Hoaglin "
        "1993); thresholds configurable",
    ),
    "ARITH-FEE-RATE.basis": Message(
        vi="QĐ 1688/QĐ-BTTTT (theo dữ liệu đã mã hoá)", en="QĐ 1688/QĐ-BTTTT (as encoded)"
    ),
    "STRUCT-REFERENCE-IN-TOTAL.basis": Message(
        vi="NĐ 45/2026 Điều 16 k4–k5; NĐ 224/2026 Điều 49 k4–k5 (các phương pháp được quy định)",
        en="NĐ 45/2026 Điều 16 k4–k5; NĐ 224/2026 Điều 49 k4–k5 (the listed methods)",
    ),
    "COMPLETE-PRICE-EVIDENCE.basis": Message(
        vi="NĐ 45/2026 Điều 16 k4; NĐ 224/2026 Điều 49 k4 (phương pháp xác định giá)",
        en="NĐ 45/2026 Điều 16 k4; NĐ 224/2026 Điều 49 k4 (methods of determining prices)",
    ),
    "MARKET-QUOTES-FEW.basis": Message(
        vi="ngưỡng sàng lọc của ictcost (có thể cấu hình, mặc định 3); văn bản duy nhất đã đọc yêu "
        "cầu 3 báo giá, TT 18/2024 Điều 9, áp dụng cho chi phí quản trị, vận hành, bảo trì và cho "
        "phép ít hơn khi có ít nhà cung cấp; chưa đọc được quy định số báo giá cho mua sắm",
        en="ictcost screening threshold (configurable, default 3); the one quoted text that asks "
        "for 3 quotations, TT 18/2024 Điều 9, concerns quản trị, vận hành, bảo trì costs and allows "
        "fewer where fewer suppliers exist; no quotation count for purchases has been read",
    ),
    "MARKET-QUOTES-SPREAD.basis": Message(
        vi=_SCREENING_VI, en="screening threshold (configurable)"
    ),
    "MARKET-PRICE-FAR.basis": Message(vi=_SCREENING_VI, en="screening threshold (configurable)"),
    "MARKET-QUOTES-FEW-JUSTIFIED.basis": Message(
        vi="lý do nêu trên dòng; TT 18/2024 Điều 9 (theo trích dẫn, cho chi phí quản trị, vận "
        "hành, bảo trì) cho phép ít báo giá hơn khi có ít nhà cung cấp",
        en="the line's stated reason; TT 18/2024 Điều 9 (as quoted, for quản trị, vận hành, bảo "
        "trì costs) allows fewer quotations where fewer suppliers exist",
    ),
    "MARKET-EXPERT-RATE.basis": Message(
        vi="mức lương chuyên gia tư vấn (TT 02/2015/TT-BLĐTBXH, sau đó TT 004/2025/TT-BNV Điều 3), "
        "khi bảng của nó được nạp; hoặc khoảng tham chiếu của người dùng (sàng lọc)",
        en="consultant salary levels (TT 02/2015/TT-BLĐTBXH, then TT 004/2025/TT-BNV Điều 3), when "
        "their table is loaded; or the user's reference range (screening)",
    ),
    "MARKET-EVIDENCE-FAR.basis": Message(
        vi="sổ chứng cứ giá của người dùng (hợp đồng, giá trúng thầu, báo giá đã có); "
        + _SCREENING_VI,
        en="the user's price-evidence register (past contracts, winning bids, quotations); "
        "screening threshold (configurable)",
    ),
    "MARKET-EVIDENCE-STALE.basis": Message(
        vi="ngưỡng sàng lọc mặc định của ictcost (max_evidence_age_months, có thể cấu hình); thời "
        "hạn hiệu lực của chính bản ghi",
        en="ictcost screening default (max_evidence_age_months, configurable); the record's own "
        "validity",
    ),
    "PROC-DIRECT-LIMIT.basis": Message(
        vi="NĐ 214/2025/NĐ-CP Điều 78 k4 (sửa đổi bởi NĐ 349/2026), Điều 18 k1 (giá gói thầu)",
        en="NĐ 214/2025/NĐ-CP Điều 78 k4 (as amended by NĐ 349/2026), Điều 18 k1 (giá gói thầu)",
    ),
    "PROC-EXEMPTION-GROUND.basis": Message(
        vi="NĐ 214/2025/NĐ-CP Điều 78 (các trường hợp chỉ định thầu); Luật Đấu thầu 22/2023/QH15 "
        "Điều 23",
        en="NĐ 214/2025/NĐ-CP Điều 78 (the cases of direct appointment); Luật Đấu thầu "
        "22/2023/QH15 Điều 23",
    ),
}
