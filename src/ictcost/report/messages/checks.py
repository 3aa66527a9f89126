"""Messages of the appraisal findings (see :mod:`ictcost.report.messages`), keyed by rule code.

For each rule of :data:`ictcost.checks.RULES`: ``CODE.title`` is its short title; its message is
``CODE`` or, for a rule with several cases, ``CODE.<case>``. The fields are the finding's
``details`` (plus ``line``, the line concerned, and ``how``, the recomputed line's computation,
where the rule gives them); ``tests/test_checks_docs.py`` keeps this table and the registry in step.
"""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {}

# --- input, instruments, methods ---------------------------------------------------------------

MESSAGES["INPUT-UNREADABLE.title"] = Message(
    vi="Không tính được dự toán", en="The estimate cannot be computed"
)
MESSAGES["INPUT-UNREADABLE"] = Message(
    vi="Không tính lại được dự toán: {reason}",
    en="The estimate cannot be recomputed: {reason}",
)
MESSAGES["NORM-NOT-IN-FORCE.title"] = Message(
    vi="Áp dụng văn bản hết hiệu lực",
    en="A line follows an instrument not in force on the date",
)
MESSAGES["NORM-NOT-IN-FORCE.claimed"] = Message(
    vi="Dòng áp dụng {instrument}; văn bản có hiệu lực ngày {date} là {in_force}.",
    en="The line follows {instrument}; on {date} the guidance in force is {in_force}.",
)
MESSAGES["NORM-NOT-IN-FORCE.computed"] = Message(
    vi="Dòng được tính theo {instrument}; văn bản có hiệu lực ngày {date} là {in_force}.",
    en="The line is computed by {instrument}; on {date} the guidance in force is {in_force}.",
)
MESSAGES["METHOD-NOT-ALLOWED.title"] = Message(
    vi="Phương pháp không được phép",
    en="The method is not one the regime lists for the component",
)
MESSAGES["METHOD-NOT-ALLOWED"] = Message(
    vi="Phương pháp {method} không được áp dụng cho {component} theo {regime}.",
    en="Method {method} is not allowed for {component} under {regime}.",
)
MESSAGES["METHOD-REFERENCE-ONLY.title"] = Message(
    vi="Định mức tỷ lệ chỉ để tham khảo",
    en="A % norm or UCP figure used where the regime no longer lists it",
)
MESSAGES["METHOD-REFERENCE-ONLY"] = Message(
    vi="{method} chỉ là ước tính tham khảo cho {component} theo {regime}.",
    en="{method} is only a reference estimate for {component} under {regime}: the regime lists "
    "quotation-type methods.",
)
MESSAGES["METHOD-FIXED-AMOUNT.title"] = Message(
    vi="Giá trị xác định không theo phương pháp",
    en="A line is a given amount with its basis, not a computation",
)
MESSAGES["METHOD-FIXED-AMOUNT"] = Message(
    vi="Giá trị xác định theo: {document}.",
    en="Given amount resting on: {document}.",
)

# --- arithmetic and VAT ------------------------------------------------------------------------

MESSAGES["ARITH-LINE.title"] = Message(
    vi="Sai giá trị dòng chi phí",
    en="A stated line amount differs from the recomputed one",
)
MESSAGES["ARITH-LINE"] = Message(
    vi="Giá trị nêu {stated:vnd} đồng, tính lại {expected:vnd} đồng ({how}).",
    en="Stated {stated:vnd}, recomputed {expected:vnd} ({how}).",
)
MESSAGES["ARITH-FEE-RATE.title"] = Message(
    vi="Sai tỷ lệ định mức", en="A stated % rate differs from the norm engine's"
)
MESSAGES["ARITH-FEE-RATE"] = Message(
    vi="Tỷ lệ nêu {stated} %, định mức {expected} %.",
    en="Stated rate {stated} %, norm rate {expected} %.",
)
MESSAGES["ARITH-SOFTWARE.title"] = Message(
    vi="Sai chi phí phần mềm nội bộ",
    en="A stated software cost differs from the use-case-point recomputation",
)
MESSAGES["ARITH-SOFTWARE"] = Message(
    vi="Giá trị nêu {stated:vnd} đồng, tính lại G_PM {expected:vnd} đồng (phương pháp điểm "
    "trường hợp sử dụng, {instrument}).",
    en="Stated {stated:vnd}, recomputed G_PM {expected:vnd} (use-case points, {instrument}).",
)
MESSAGES["ARITH-QTY-PRICE.title"] = Message(
    vi="Khối lượng × đơn giá không khớp",
    en="A stated amount differs from its stated quantity × unit price",
)
MESSAGES["ARITH-QTY-PRICE"] = Message(
    vi="Thành tiền {stated:vnd} ≠ {quantity} × {unit_price:vnd} = {expected:vnd}.",
    en="Stated amount {stated:vnd} ≠ {quantity} × {unit_price:vnd} = {expected:vnd}.",
)
MESSAGES["ARITH-VAT.title"] = Message(
    vi="Sai tiền thuế GTGT", en="A stated VAT amount differs from amount × stated rate"
)
MESSAGES["ARITH-VAT"] = Message(
    vi="Tiền thuế {stated:vnd} ≠ {amount:vnd} × {rate} % = {expected:vnd}.",
    en="Stated VAT {stated:vnd} ≠ {amount:vnd} × {rate} % = {expected:vnd}.",
)
MESSAGES["ARITH-TOTAL.title"] = Message(
    vi="Sai tổng cộng", en="A stated subtotal or total differs from the sum of its parts"
)
MESSAGES["ARITH-TOTAL.line"] = Message(
    vi="Sau thuế {stated:vnd} ≠ trước thuế + thuế = {expected:vnd}.",
    en="Stated line total {stated:vnd} ≠ amount + VAT = {expected:vnd}.",
)
MESSAGES["ARITH-TOTAL.amount_recomputed"] = Message(
    vi="Tổng trước thuế nêu {stated:vnd}, tính lại {expected:vnd}.",
    en="Stated pre-VAT total {stated:vnd}, recomputed {expected:vnd}.",
)
MESSAGES["ARITH-TOTAL.amount_lines"] = Message(
    vi="Tổng trước thuế {stated:vnd} ≠ tổng các dòng {expected:vnd}.",
    en="Stated pre-VAT total {stated:vnd} ≠ sum of stated lines {expected:vnd}.",
)
MESSAGES["ARITH-TOTAL.component_unknown"] = Message(
    vi="Khoản mục {part} không có trong cơ cấu chi phí của {regime} ({known:list}).",
    en="Stated component {part} is not a group of {regime} (groups: {known:list}).",
)
MESSAGES["ARITH-TOTAL.component"] = Message(
    vi="Khoản mục {part} ({label_vi}): nêu {stated:vnd}, tính lại {expected:vnd}.",
    en="Component {part} ({label_en}): stated {stated:vnd}, recomputed {expected:vnd}.",
)
MESSAGES["ARITH-TOTAL.total"] = Message(
    vi="{part}: nêu {stated:vnd}, tính lại {expected:vnd}.",
    en="{part}: stated {stated:vnd}, recomputed {expected:vnd}.",
)
MESSAGES["VAT-RATE.title"] = Message(
    vi="Sai thuế suất GTGT",
    en="The stated VAT rate is not the rate for the category on the date",
)
MESSAGES["VAT-RATE.rate"] = Message(
    vi="Thuế suất nêu {stated} %, đúng là {expected} % ({category}).",
    en="Stated VAT {stated} %, the rate for {category} on the date is {expected} %.",
)
MESSAGES["VAT-RATE.not_subject_stated"] = Message(
    vi="Dòng ghi không chịu thuế nhưng thuế suất đúng là {expected} % ({category}).",
    en="The line is shown as not subject to VAT; the rate for {category} on the date is "
    "{expected} %.",
)
MESSAGES["VAT-RATE.not_applicable"] = Message(
    vi="Khoản chi không thuộc diện tính thuế GTGT nhưng được tính thuế.",
    en="VAT is charged on a cost declared outside VAT (not_applicable).",
)
MESSAGES["VAT-NOT-SUBJECT.title"] = Message(
    vi="Hàng hóa, dịch vụ không chịu thuế bị tính thuế",
    en="Software shown with VAT (or as 0 %) instead of không chịu thuế",
)
MESSAGES["VAT-NOT-SUBJECT"] = Message(
    vi="Phần mềm thuộc đối tượng không chịu thuế GTGT (ghi 'không chịu thuế', không phải 0 %).",
    en="Software is not subject to VAT: show it as không chịu thuế, not a rate.",
)

# --- completeness and price evidence -----------------------------------------------------------

MESSAGES["COMPLETE-QLDA.title"] = Message(
    vi="Thiếu chi phí quản lý dự án", en="No project-management line"
)
MESSAGES["COMPLETE-QLDA"] = Message(
    vi="Dự toán chưa có chi phí quản lý dự án.", en="No project-management cost."
)
MESSAGES["COMPLETE-CONSULTANCY.title"] = Message(
    vi="Thiếu chi phí tư vấn bắt buộc", en="A consultancy item the form requires is missing"
)
MESSAGES["COMPLETE-CONSULTANCY.none"] = Message(
    vi="Dự toán chưa có chi phí tư vấn.", en="No consultancy cost."
)
MESSAGES["COMPLETE-CONSULTANCY.item"] = Message(
    vi="Chưa thấy chi phí {item} (bắt buộc với hồ sơ {form}).",
    en="No line for {item} (required for a {form}).",
)
MESSAGES["COMPLETE-SUPERVISION.title"] = Message(
    vi="Chưa thấy chi phí giám sát", en="No line for supervision (giám sát)"
)
MESSAGES["COMPLETE-SUPERVISION"] = Message(
    vi="Chưa thấy chi phí giám sát.", en="No supervision line (giám sát) was found by name."
)
MESSAGES["COMPLETE-CONTINGENCY.title"] = Message(vi="Thiếu chi phí dự phòng", en="No contingency")
MESSAGES["COMPLETE-CONTINGENCY"] = Message(
    vi="Dự toán chưa có chi phí dự phòng.", en="No contingency."
)
MESSAGES["COMPLETE-PRICE-EVIDENCE.title"] = Message(
    vi="Thiếu căn cứ giá", en="A unit price has no quotation, price list or stated basis"
)
MESSAGES["COMPLETE-PRICE-EVIDENCE"] = Message(
    vi="Đơn giá {unit_price:vnd} chưa có báo giá, bảng giá hoặc căn cứ.",
    en="The unit price {unit_price:vnd} has no quotation, price list or basis.",
)
MESSAGES["MARKET-QUOTES-FEW.title"] = Message(
    vi="Không đủ số báo giá", en="Fewer quotations than the threshold"
)
MESSAGES["MARKET-QUOTES-FEW"] = Message(
    vi="Chỉ có {count} báo giá (cần {expected}).",
    en="{count} quotation(s); {expected} expected.",
)
MESSAGES["MARKET-QUOTES-SPREAD.title"] = Message(
    vi="Báo giá chênh lệch lớn", en="The quotations of a line spread widely"
)
MESSAGES["MARKET-QUOTES-SPREAD"] = Message(
    vi="Các báo giá chênh nhau {spread} % (ngưỡng {threshold} %): thấp nhất {lowest:vnd}, cao "
    "nhất {highest:vnd}.",
    en="Quotations spread {spread} % (threshold {threshold} %): lowest {lowest:vnd}, highest "
    "{highest:vnd}.",
)
MESSAGES["MARKET-PRICE-FAR.title"] = Message(
    vi="Đơn giá xa trung vị báo giá",
    en="The unit price is far from the median of its evidence",
)
MESSAGES["MARKET-PRICE-FAR"] = Message(
    vi="Đơn giá {unit_price:vnd} lệch {distance} % so với trung vị báo giá {median:vnd} "
    "(ngưỡng {threshold} %).",
    en="Unit price {unit_price:vnd} is {distance} % from the quotations' median {median:vnd} "
    "(threshold {threshold} %).",
)

# --- overlaps ----------------------------------------------------------------------------------

MESSAGES["DUP-LINE.title"] = Message(
    vi="Trùng lặp trong dự toán",
    en="The same or a near-same item appears twice in one estimate",
)
MESSAGES["DUP-LINE"] = Message(
    vi="Dòng {other} và {line} có thể trùng nhau ({other_name} / {name}).",
    en="Lines {other} and {line} may be the same item ({other_name} / {name}).",
)
MESSAGES["DUP-PORTFOLIO-EQUIPMENT.title"] = Message(
    vi="Trùng thiết bị giữa các dự án",
    en="The same equipment model in several estimates of the portfolio",
)
MESSAGES["DUP-PORTFOLIO-EQUIPMENT"] = Message(
    vi="{item} được mua ở {count} dự toán: {where:list}.",
    en="{item} is bought in {count} estimates: {where:list}.",
)
MESSAGES["DUP-PORTFOLIO-FUNCTION.title"] = Message(
    vi="Trùng chức năng phần mềm giữa các dự án",
    en="Overlapping software functions (similar use-case names) across estimates",
)
MESSAGES["DUP-PORTFOLIO-FUNCTION"] = Message(
    vi="Chức năng trùng giữa {count} dự toán ({estimates:list}): {functions:list}.",
    en="Overlapping function in {count} estimates ({estimates:list}): {functions:list}.",
)
MESSAGES["DUP-SHARED-SERVICE.title"] = Message(
    vi="Trùng với hạ tầng dùng chung",
    en="A line buys a service that shared infrastructure already provides",
)
MESSAGES["DUP-SHARED-SERVICE"] = Message(
    vi="{name} trùng với dịch vụ dùng chung đã có: {service}.",
    en="{name} overlaps the shared service {service}.",
)

# --- procurement, classification, independence -------------------------------------------------

MESSAGES["PROC-DIRECT-LIMIT.title"] = Message(
    vi="Vượt hạn mức chỉ định thầu",
    en="A direct-appointment package exceeds the limit on the date",
)
MESSAGES["PROC-DIRECT-LIMIT"] = Message(
    vi="Gói {package} chỉ định thầu {value:vnd} đồng vượt hạn mức {limit:vnd} đồng ({row}, ngày "
    "{date}).",
    en="Package {package}: direct appointment of {value:vnd} above the limit {limit:vnd} ({row}) "
    "on {date}.",
)
MESSAGES["PROC-SPLIT.title"] = Message(
    vi="Nghi chia nhỏ gói thầu",
    en="Packages of one kind each under the limit whose sum is over it",
)
MESSAGES["PROC-SPLIT"] = Message(
    vi="Các gói {packages:list} cùng loại, mỗi gói dưới hạn mức {limit:vnd} đồng nhưng tổng "
    "{total:vnd} đồng vượt hạn mức.",
    en="Packages {packages:list} of one kind are each under the limit {limit:vnd} but add up to "
    "{total:vnd}.",
)
MESSAGES["CLASS-GROUP.title"] = Message(vi="Nhóm dự án", en="The project group by total investment")
MESSAGES["CLASS-GROUP"] = Message(
    vi="Dự án thuộc {group} (tổng {total:vnd} đồng).",
    en="Project group: {group} (total {total:vnd}).",
)
MESSAGES["CLASS-DESIGN.title"] = Message(
    vi="Vượt mức thiết kế một bước",
    en="A KTKT report (one-step design) above the regime's ceiling",
)
MESSAGES["CLASS-DESIGN"] = Message(
    vi="Báo cáo KTKT với tổng {total:vnd} đồng vượt mức {ceiling:vnd} đồng ({regime}).",
    en="A KTKT report of {total:vnd} exceeds the one-step ceiling {ceiling:vnd} under {regime}.",
)
MESSAGES["CLASS-WARRANTY.title"] = Message(
    vi="Thời gian bảo hành dưới mức tối thiểu",
    en="The warranty period is below the minimum for the project group",
)
MESSAGES["CLASS-WARRANTY"] = Message(
    vi="Bảo hành {months} tháng, tối thiểu {minimum} tháng ({group}).",
    en="Warranty {months} months; the minimum is {minimum} ({group}).",
)
MESSAGES["INDEP-SAME-ORG.title"] = Message(
    vi="Thiếu độc lập",
    en="The same organisation prepares and reviews or appraises the estimate",
)
MESSAGES["INDEP-SAME-ORG.reviewer"] = Message(
    vi="{organisation} vừa lập vừa thẩm tra dự toán.",
    en="{organisation} both prepares and acts as reviewer of the estimate.",
)
MESSAGES["INDEP-SAME-ORG.appraiser"] = Message(
    vi="{organisation} vừa lập vừa thẩm định dự toán.",
    en="{organisation} both prepares and acts as appraiser of the estimate.",
)
MESSAGES["STRUCT-FEE-BASE.title"] = Message(
    vi="Chi phí làm cơ sở khác định nghĩa của định mức",
    en="A fee's base differs from the norm's definition",
)
MESSAGES["STRUCT-FEE-BASE"] = Message(
    vi="Chi phí làm cơ sở {used:vnd} đ khác chi phí theo định nghĩa của định mức {derived:vnd} "
    "đ (chênh lệch {difference:vnd} đ); dòng bị bỏ sót: {left_out:list}; dòng thêm vào: "
    "{added:list}.",
    en="The base {used:vnd} đ differs from the norm's definition {derived:vnd} đ (difference "
    "{difference:vnd} đ); lines left out: {left_out:list}; lines added: {added:list}.",
)
MESSAGES["STRUCT-FEE-BASE-OVERRIDE.title"] = Message(
    vi="Chi phí làm cơ sở do người lập chọn, có lý do",
    en="A fee's base overridden with a reason",
)
MESSAGES["STRUCT-FEE-BASE-OVERRIDE"] = Message(
    vi="Chi phí làm cơ sở do người lập chọn {used:vnd} đ khác định nghĩa của định mức "
    "{derived:vnd} đ (chênh lệch {difference:vnd} đ), lý do: {reason}.",
    en="The base chosen by the estimator {used:vnd} đ differs from the norm's definition "
    "{derived:vnd} đ (difference {difference:vnd} đ), reason: {reason}.",
)
MESSAGES["STRUCT-FEE-PART.title"] = Message(
    vi="Hạng mục của dự án nằm ngoài (hoặc trùng) cơ sở tính của một chi phí",
    en="A part of the project is outside (or twice in) a fee item's bases",
)
MESSAGES["STRUCT-FEE-PART.missing"] = Message(
    vi="Các dòng {lines:list} (hạng mục {part:part}, {amount:vnd} đ) không nằm trong cơ sở tính của "
    "dòng {item} nào.",
    en="Lines {lines:list} (the {part:part} part, {amount:vnd} đ) are in the base of no {item} line.",
)
MESSAGES["STRUCT-FEE-PART.twice"] = Message(
    vi="Các dòng {lines:list} (hạng mục {part:part}) nằm trong cơ sở tính của hai dòng {item} trở lên.",
    en="Lines {lines:list} (the {part:part} part) are in the base of two or more {item} lines.",
)
MESSAGES["STRUCT-REFERENCE-IN-TOTAL.title"] = Message(
    vi="Giá trị tham khảo được cộng vào tổng",
    en="A reference figure is summed into the totals",
)
MESSAGES["STRUCT-REFERENCE-IN-TOTAL"] = Message(
    vi="Dòng được xác định bằng phương pháp {method!r}, mà chế độ hiện hành chỉ coi là tham "
    "khảo, được cộng vào tổng ({amount:vnd} đ); hãy xác định bằng phương pháp được quy định và "
    "ghi dòng này là reference_for.",
    en="A figure of method {method!r}, which the regime lists only as a reference, is summed "
    "into the totals ({amount:vnd} đ); price it by a listed method and mark this line "
    "reference_for.",
)
MESSAGES["NORM-NOT-ENCODED.title"] = Message(
    vi="Ngưỡng pháp lý chưa có dữ liệu cho ngày của dự án",
    en="A legal threshold is not encoded for the project's date",
)
MESSAGES["NORM-NOT-ENCODED"] = Message(
    vi="Bảng {table} chưa có dữ liệu cho ngày {date} (bắt đầu từ {first}): các kiểm tra cần "
    "bảng này không thực hiện được.",
    en="Table {table} is not encoded for {date} (it starts on {first}): the checks that need it "
    "could not run.",
)
MESSAGES["INPUT-LINE.title"] = Message(
    vi="Một dòng không tính được", en="A line cannot be computed"
)
MESSAGES["INPUT-LINE"] = Message(
    vi="Không tính được: {reason}", en="Cannot be computed: {reason}"
)
