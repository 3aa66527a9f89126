"""Messages of the estimate's notes (see :mod:`ictcost.report.messages`)."""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    "estimate.reference_method": Message(
        vi="NĐ {decree} không quy định phương pháp “{method:key:method-rules}” cho {component:key:cost-methods}: giá trị này là ước "
        "tính tham khảo bên cạnh các phương pháp được quy định.",
        en="NĐ {decree} does not list “{method:key:method-rules}” for {component:key:cost-methods}: the figure is a reference "
        "estimate beside the listed methods.",
    ),
    "estimate.disputed_default": Message(
        vi="{ref} có giá trị khác nhau giữa các nguồn; giá trị mặc định ({value}) đã được dùng.",
        en="{ref} is disputed between sources; the default value ({value}) was used.",
    ),
    "estimate.software_cost": Message(
        vi="Chi phí phần mềm theo {method}: G_PM = {g_pm:vnd} đ.",
        en="Software cost by {method}: G_PM = {g_pm:vnd} đ.",
    ),
    "estimate.transitional_override": Message(
        vi="Áp dụng chế độ {regime:regime} theo quy định chuyển tiếp ({in_force:regime} có hiệu lực vào ngày "
        "{on}).",
        en="Regime {regime:regime} applied by transitional override ({in_force:regime} is in force on {on}).",
    ),
    "regime.describe": Message(
        vi="NĐ {decree}, thông tư về chi phí {circular}",
        en="NĐ {decree}, cost circular {circular}",
    ),
    "regime.describe_override": Message(
        vi="; áp dụng chuyển tiếp thay cho {in_force:regime} có hiệu lực ngày {on}",
        en="; transitional override of {in_force:regime} in force on {on}",
    ),
    "estimate.fee_base_override": Message(
        vi="Chi phí làm cơ sở do người lập chọn ({used:vnd} đ) khác chi phí theo định nghĩa của "
        "định mức ({derived:vnd} đ): chênh lệch {difference:vnd} đ; lý do: {reason}.",
        en="The base chosen by the estimator ({used:vnd} đ) differs from the norm's definition "
        "({derived:vnd} đ) by {difference:vnd} đ; reason: {reason}.",
    ),
    "estimate.fee_base_differs": Message(
        vi="Chi phí làm cơ sở ({used:vnd} đ) khác chi phí theo định nghĩa của định mức "
        "({derived:vnd} đ): chênh lệch {difference:vnd} đ; dòng bị bỏ sót: {left_out:list}; dòng "
        "thêm vào: {added:list}. Hãy bỏ danh sách dòng để tính theo định nghĩa, hoặc ghi lý do "
        "(base_reason).",
        en="The base ({used:vnd} đ) differs from the norm's definition ({derived:vnd} đ) by "
        "{difference:vnd} đ; lines left out: {left_out:list}; lines added: {added:list}. Drop the "
        "line list to use the definition, or give base_reason.",
    ),
    "estimate.fee_base_not_derived": Message(
        vi="Không xác định được chi phí làm cơ sở theo định nghĩa để so sánh: {problem}",
        en="The base by the norm's definition could not be derived for comparison: {problem}",
    ),
    "estimate.fee_part_assumed": Message(
        vi="Các dòng {lines:list} được xếp vào hạng mục {part:part} theo khoản mục chi phí (bảng "
        "qd1688-parts, cách đọc của ictcost); ghi 'part' trên dòng nếu khác.",
        en="Lines {lines:list} were placed in the {part:part} part by their component (table "
        "qd1688-parts, ictcost's reading); state 'part' on the line otherwise.",
    ),
    "estimate.cost_circular_uncertain": Message(
        vi="Thông tư về chi phí áp dụng cho ngày này chưa chắc chắn: ictcost dùng {circular}, "
        "nhưng TT 18/2024/TT-BTTTT (ký ngày {signed}) có thể đã thay thế; nội dung của thông tư "
        "này chưa được đọc.",
        en="The cost circular for this date is uncertain: ictcost applies {circular}, but TT "
        "18/2024/TT-BTTTT (signed {signed}) probably replaced it; its text was not read.",
    ),
    "estimate.form_deprecated": Message(
        vi="Trường 'form: {form}' đã lỗi thời: hiểu là project_kind: {kind}, document: {document}. "
        "Hãy ghi hai trường này thay cho 'form'.",
        en="The field 'form: {form}' is deprecated: read as project_kind: {kind}, document: "
        "{document}. Write these two fields instead of 'form'.",
    ),
    "estimate.overrides_shipped": Message(
        vi="Các bảng {tables:list} của ictcost được thay bằng giá trị từ gói định mức của người "
        "dùng {packs:list}: kết quả dựa trên các giá trị đó, không phải dữ liệu kèm theo ictcost.",
        en="Tables {tables:list} of ictcost were replaced by values from user pack(s) {packs:list}: "
        "the results rest on those values, not on ictcost's shipped data.",
    ),
    "estimate.fee_part_uncovered": Message(
        vi="Các dòng {lines:list} (hạng mục {part:part}, {amount:vnd} đ trước thuế) thuộc cơ sở tính "
        "của “{item:key:qd1688-items}” theo định mức, nhưng không có dòng “{item:key:qd1688-items}” nào tính trên chúng.",
        en="Lines {lines:list} (the {part:part} part, {amount:vnd} đ before VAT) belong to the base of "
        "“{item:key:qd1688-items}” by the norm's definition, but no “{item:key:qd1688-items}” line is computed on them.",
    ),
    "estimate.fee_line_twice": Message(
        vi="Các dòng {lines:list} (hạng mục {part:part}) nằm trong cơ sở tính của hai dòng “{item:key:qd1688-items}” trở "
        "lên: chi phí bị tính trùng.",
        en="Lines {lines:list} (the {part:part} part) are in the base of two or more “{item:key:qd1688-items}” lines: "
        "the cost is counted twice.",
    ),
    "estimate.reference_in_total": Message(
        vi="Tổng dự toán có {amount:vnd} đ (dòng {lines:list}) được xác định bằng phương pháp mà "
        "NĐ {decree} chỉ coi là tham khảo, vì không có dòng nào theo phương pháp được quy định "
        "cho các chi phí này.",
        en="The total contains {amount:vnd} đ (lines {lines:list}) priced by a method NĐ "
        "{decree} lists only as a reference, since no line prices these costs by a listed "
        "method.",
    ),
    "estimate.reference_beside": Message(
        vi="Giá trị tham khảo, trình bày bên cạnh dòng {line} (được xác định theo phương pháp "
        "quy định); không cộng vào tổng dự toán.",
        en="A reference figure shown beside line {line} (priced by a listed method); not summed "
        "into the totals.",
    ),
    "estimate.authority_method": Message(
        vi="Chi phí do chủ đầu tư tự thực hiện: phương pháp “{method:key:method-rules}” theo quyết định của cấp có "
        "thẩm quyền ({decision}), theo NĐ {decree}.",
        en="A cost the owner performs itself: method “{method:key:method-rules}” as set by the competent "
        "authority ({decision}), under NĐ {decree}.",
    ),
    "vat.rental_start_assumed": Message(
        vi="Không có ngày bắt đầu thuê: {periods} kỳ được tính từ ngày của dự toán ({start}), mỗi "
        "kỳ chịu thuế suất có hiệu lực vào ngày của kỳ. Ghi 'start' để tính đúng.",
        en="No rental start date: the {periods} periods are dated from the estimate's date "
        "({start}), each taxed at the rate in force on its date. Give 'start'.",
    ),
    "vat.rate_assumed": Message(
        vi="Dòng không ghi ngày cung cấp: áp dụng thuế suất {rate} % của ngày {on}, trong khi "
        "thuế suất đổi thành {new_rate} % từ {change}, trước ngày kết thúc dự án {end}. Ghi "
        "'supply_date' hoặc 'payments' để tính theo kỳ.",
        en="No supply date: the rate {rate} % of {on} was used, although the rate becomes "
        "{new_rate} % on {change}, before the project's end {end}. Give supply_date or "
        "payments to tax by period.",
    ),
    "vat.by_period": Message(
        vi="Thuế GTGT tính theo từng kỳ cung cấp, với các thuế suất {rates:list} (%).",
        en="VAT computed per period of supply, at the rates {rates:list} (%).",
    ),
    "estimate.no_contingency": Message(
        vi="Không có chi phí dự phòng.",
        en="No contingency was given.",
    ),
    "contingency.tt18_not_read": Message(
        vi="Mức trần Kps dựa trên TT 04/2020/TT-BTTTT; TT 18/2024/TT-BTTTT (ký ngày 30/12/2024) "
        "có thể đã thay thế và quy định dự phòng của thông tư này chưa được đọc.",
        en="The Kps cap rests on TT 04/2020/TT-BTTTT; TT 18/2024/TT-BTTTT (signed 2024-12-30) "
        "probably superseded it and its contingency rule was not read.",
    ),
    "contingency.escalation_formula_inferred": Message(
        vi="Dự phòng trượt giá = Σ (cơ sở + phần khối lượng) × tỷ trọng × ((1 + chỉ số)^năm − 1), "
        "công thức theo thực hành xây dựng; nghị định không quy định (suy luận).",
        en="Escalation = Σ (base + volume part) × share × ((1 + index)^year − 1), the "
        "construction-practice formula; the decree fixes none (inferred).",
    ),
}
