"""Messages of the fees notes (see :mod:`ictcost.report.messages`).

The notes of :class:`ictcost.fees.FeeResult` (codes ``fee.*``). The English templates write the
sentences of the first releases word for word, so they print the exact numbers as ``str`` does
(``{value!s}``: ``1.20`` stays ``1.20``); the Vietnamese ones use the Vietnamese number style.
"""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    "fee.rate_on_project_total": Message(
        vi="Tỷ lệ được tra trên chi phí của toàn dự án ({rate_base:vnd} đ) rồi áp dụng cho chi phí "
        "của hạng mục ({base:vnd} đ) — lựa chọn 'project_total' của người lập; cách đọc mặc định "
        "là tra trên chi phí của từng hạng mục.",
        en="The rate was read on the project's total base ({rate_base:vnd} đ) and applied to the "
        "part's own base ({base:vnd} đ) — the estimate's choice 'project_total'; the default reads "
        "it on each part's own base.",
    ),
    "fee.rate_rounded": Message(
        vi="Tỷ lệ được làm tròn đến {decimals} chữ số thập phân theo yêu cầu (quy ước của bảng "
        "tính, không phải quy định của QĐ 1688).",
        en="The rate was rounded to {decimals} decimals on request (a calculator convention, not "
        "a rule of QĐ 1688).",
    ),
    "fee.minimum_applied": Message(
        vi="Chi phí tính được {computed:vnd} đ thấp hơn mức tối thiểu {minimum:vnd} đ thấy trong "
        "thực tế ({confidence:word:confidence}, chưa rõ căn cứ pháp lý); áp dụng mức tối thiểu.",
        en="The computed amount {computed:vnd} đ is below the minimum {minimum:vnd} đ seen in "
        "practice ({confidence:word:confidence}, legal source unknown); the minimum is used.",
    ),
    "fee.below_range": Message(
        vi="Chi phí làm cơ sở ({gt} tỷ) nhỏ hơn mốc đầu tiên của bảng {table}, cột {column:word:column}: giữ "
        "nguyên tỷ lệ của mốc đầu (quy tắc {policy:word:policy}, theo thực tế áp dụng; chưa thấy quy định "
        "pháp lý).",
        en="The base ({gt!s} tỷ) is below the first breakpoint of {table} column {column:word:column}: the "
        "end rate is used unchanged (policy {policy:word:policy}, as practised; no legal rule seen).",
    ),
    "fee.above_range": Message(
        vi="Chi phí làm cơ sở ({gt} tỷ) lớn hơn mốc cuối cùng của bảng {table}, cột {column:word:column}: "
        "giữ nguyên tỷ lệ của mốc cuối (quy tắc {policy:word:policy}, theo thực tế áp dụng; chưa thấy quy "
        "định pháp lý).",
        en="The base ({gt!s} tỷ) is above the last breakpoint of {table} column {column:word:column}: the "
        "end rate is used unchanged (policy {policy:word:policy}, as practised; no legal rule seen).",
    ),
    "fee.disputed_default": Message(
        vi="{ref} có giá trị khác nhau giữa các nguồn; đã dùng giá trị mặc định ({value}).",
        en="{ref} is disputed between sources; the default value ({value!s}) was used.",
    ),
    "fee.disputed_alternative": Message(
        vi="{ref} có giá trị khác nhau giữa các nguồn; đã dùng phương án {alternative} ({value}).",
        en="{ref} is disputed between sources; alternative {alternative} ({value!s}) was used.",
    ),
    "fee.user_pack": Message(
        vi="Đã dùng giá trị từ gói định mức của người dùng {packs:list} (thay cho các bảng kèm "
        "theo ictcost khi trùng mã bảng).",
        en="Values from user pack(s) {packs:list} were used (overriding the shipped tables where "
        "ids coincide).",
    ),
    "fee.reference_only": Message(
        vi="Theo NĐ {decree} (có hiệu lực vào ngày này), định mức tỷ lệ % không còn là phương "
        "pháp được quy định để xác định chi phí quản lý dự án và chi phí tư vấn: giá trị theo "
        "QĐ 1688 này chỉ là ước tính tham khảo, không phải mức pháp định. Hãy xác định chi phí "
        "bằng báo giá, kết quả lựa chọn nhà thầu tương tự, ước tính của chuyên gia hoặc thẩm "
        "định giá.",
        en="Under NĐ {decree} (in force for this date) % norms are not a listed cost method for "
        "project management and consultancy: this QĐ 1688 figure is a reference estimate, not "
        "the legal rate. Determine the cost by quotation, comparable tenders, expert estimate or "
        "price appraisal.",
    ),
    "fee.transitional_override": Message(
        vi="Áp dụng chế độ {regime:regime} theo quy định chuyển tiếp ({in_force:regime} có hiệu lực vào ngày "
        "{on}).",
        en="Regime {regime:regime} applied by transitional override ({in_force:regime} is in force on {on}).",
    ),
    "fee.ktkt_above_ceiling": Message(
        vi="Chi phí làm cơ sở vượt mức tối đa được thiết kế một bước của chế độ này "
        "({ceiling:vnd} đ); cần kiểm tra dự án có được lập báo cáo kinh tế - kỹ thuật không.",
        en="The base exceeds the one-step design ceiling of this regime ({ceiling:vnd} đ); check "
        "that a KTKT report is allowed.",
    ),
    "fee.weakest_confidence": Message(
        vi="Mức tin cậy thấp nhất trong các giá trị định mức đã dùng: {confidence:word:confidence}.",
        en="Weakest confidence among the norm values used: {confidence:word:confidence}.",
    ),
    "fee.k_not_encoded": Message(
        vi="QĐ 1688 (theo dữ liệu đã mã hoá) không có hệ số K cho {item:key:qd1688-items}; các điều kiện "
        "{conditions:keys:qd1688-k-coefficients} không làm thay đổi kết quả.",
        en="QĐ 1688 (as encoded) has no K coefficients for {item:key:qd1688-items}; the conditions "
        "{conditions:keys:qd1688-k-coefficients} change nothing.",
    ),
    "fee.k_missing": Message(
        vi="Không có hệ số K cho {item:key:qd1688-items} với điều kiện {conditions:keys:qd1688-k-coefficients}; lấy K = 1 cho các điều "
        "kiện này.",
        en="No K coefficient is given for {item:key:qd1688-items} under condition(s) {conditions:keys:qd1688-k-coefficients}; K = 1 for "
        "them.",
    ),
    "fee.item_row_note": Message(
        vi="Ghi chú của dữ liệu định mức ({table}, dòng {row}): {text}",
        en="{text}",
    ),
}
