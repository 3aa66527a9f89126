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
    vi="Phương pháp “{method:key:method-rules}” không được áp dụng cho {component:key:cost-methods} theo {regime:regime}.",
    en="Method “{method:key:method-rules}” is not allowed for {component:key:cost-methods} under {regime:regime}.",
)
MESSAGES["METHOD-REFERENCE-ONLY.title"] = Message(
    vi="Định mức tỷ lệ chỉ để tham khảo",
    en="A % norm or UCP figure used where the regime no longer lists it",
)
MESSAGES["METHOD-REFERENCE-ONLY"] = Message(
    vi="“{method:key:method-rules}” chỉ là ước tính tham khảo cho {component:key:cost-methods} theo {regime:regime}.",
    en="“{method:key:method-rules}” is only a reference estimate for {component:key:cost-methods} under {regime:regime}: the regime lists "
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
    vi="Khoản mục {part} không có trong cơ cấu chi phí của {regime:regime} (các khoản mục: {known:keys:cost-methods}).",
    en="Stated component {part} is not a group of {regime:regime} (groups: {known:keys:cost-methods}).",
)
MESSAGES["ARITH-TOTAL.component"] = Message(
    vi="Khoản mục {label_vi}: nêu {stated:vnd}, tính lại {expected:vnd}.",
    en="Component {label_en}: stated {stated:vnd}, recomputed {expected:vnd}.",
)
MESSAGES["ARITH-TOTAL.total"] = Message(
    vi="{part:word:total_part}: nêu {stated:vnd}, tính lại {expected:vnd}.",
    en="{part:word:total_part}: stated {stated:vnd}, recomputed {expected:vnd}.",
)
MESSAGES["VAT-RATE.title"] = Message(
    vi="Sai thuế suất GTGT",
    en="The stated VAT rate is not the rate for the category on the date",
)
MESSAGES["VAT-RATE.rate"] = Message(
    vi="Thuế suất nêu {stated} %, đúng là {expected} % (nhóm thuế: {category:key:vat-rates}).",
    en="Stated VAT {stated} %, the rate for {category:key:vat-rates} on the date is {expected} %.",
)
MESSAGES["VAT-RATE.not_subject_stated"] = Message(
    vi="Dòng ghi không chịu thuế nhưng thuế suất đúng là {expected} % (nhóm thuế: {category:key:vat-rates}).",
    en="The line is shown as not subject to VAT; the rate for {category:key:vat-rates} on the date is "
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
    vi="Chưa thấy chi phí {item:key:qd1688-items} (bắt buộc với hồ sơ {form:word:document}).",
    en="No line for {item:key:qd1688-items} (required for a {form:word:document}).",
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

# --- plausibility (ictcost.checks.plausibility) -------------------------------------------------

MESSAGES["MARKET-QUOTES-FEW-JUSTIFIED.title"] = Message(
    vi="Ít báo giá, có nêu lý do",
    en="Fewer quotations than the threshold, with a reason",
)
MESSAGES["MARKET-QUOTES-FEW-JUSTIFIED"] = Message(
    vi="Có {count} báo giá (ngưỡng {expected}); lý do: {reason}.",
    en="{count} quotation(s) ({expected} expected); reason given: {reason}.",
)
MESSAGES["MARKET-EXPERT-RATE.title"] = Message(
    vi="Đơn giá ngày công chuyên gia ngoài mức tham chiếu",
    en="An expert day rate is above the salary levels or outside a reference range",
)
MESSAGES["MARKET-EXPERT-RATE.salary_level"] = Message(
    vi="Đơn giá {day_rate:vnd} đ/ngày của “{item}” cao hơn mức lương chuyên gia tư vấn cao nhất "
    "quy ra ngày, {ceiling:vnd} đ ({monthly:vnd} đ/tháng ÷ {days} ngày, {instrument}); chuyên gia "
    "có trình độ đặc biệt: đến {special:vnd} đ/ngày. Mức lương chưa gồm chi phí quản lý, chi phí "
    "khác, thu nhập chịu thuế tính trước của dự toán chuyên gia.",
    en="Day rate {day_rate:vnd} of “{item}” is above the highest consultant salary level per "
    "day, {ceiling:vnd} ({monthly:vnd} a month ÷ {days} days, {instrument}); experts of special "
    "expertise: up to {special:vnd} a day. A salary level excludes the management cost, other "
    "costs and pre-tax income of an expert estimate.",
)
MESSAGES["MARKET-EXPERT-RATE.reference"] = Message(
    vi="Đơn giá {day_rate:vnd} đ/ngày của “{item}” nằm ngoài khoảng tham chiếu {low:vnd} – "
    "{high:vnd} đ ({reference}; nguồn: {source}).",
    en="Day rate {day_rate:vnd} of “{item}” is outside the reference range {low:vnd} – "
    "{high:vnd} ({reference}; source: {source}).",
)
MESSAGES["MARKET-EVIDENCE-FAR.title"] = Message(
    vi="Đơn giá xa trung vị bằng chứng giá",
    en="A unit price is far from the median of the price evidence",
)
MESSAGES["MARKET-EVIDENCE-FAR"] = Message(
    vi="Đơn giá {unit_price:vnd} lệch {distance} % so với trung vị {median:vnd} của {count} bằng "
    "chứng giá khớp với dòng (ngưỡng {threshold} %): {evidence:list}.",
    en="Unit price {unit_price:vnd} is {distance} % from the median {median:vnd} of the {count} "
    "matching price evidence record(s) (threshold {threshold} %): {evidence:list}.",
)
MESSAGES["MARKET-EVIDENCE-STALE.title"] = Message(
    vi="Bằng chứng giá quá cũ hoặc hết hiệu lực không được dùng",
    en="Matching price evidence set aside as too old or expired",
)
MESSAGES["MARKET-EVIDENCE-STALE"] = Message(
    vi="Không dùng bằng chứng giá cũ hơn {months} tháng trước ngày {date}: {stale:list}; hết "
    "hiệu lực trước ngày đó hoặc lập sau ngày đó: {expired:list}. Còn {used} bằng chứng được so "
    "sánh.",
    en="Price evidence older than {months} months before {date} is not used: {stale:list}; "
    "validity ended before that date, or dated after it: {expired:list}. {used} record(s) still "
    "compared.",
)
MESSAGES["METHOD-UCP-INPUTS.title"] = Message(
    vi="Hệ số UCP ở đầu mút thang điểm",
    en="UCP ratings at the ends of their scales",
)
MESSAGES["METHOD-UCP-INPUTS.technical_max"] = Message(
    vi="Cả {count} hệ số kỹ thuật – công nghệ đều được xếp hạng tối đa ({maximum}) ({instrument}).",
    en="All {count} technical factors are rated at the maximum ({maximum}) ({instrument}).",
)
MESSAGES["METHOD-UCP-INPUTS.environmental_extreme"] = Message(
    vi="Mọi hệ số môi trường đều ở đầu mút thang điểm ({ratings:list}) ({instrument}).",
    en="Every environmental factor is rated at an end of the scale ({ratings:list}) "
    "({instrument}).",
)
MESSAGES["METHOD-UCP-INPUTS.es_lowest"] = Message(
    vi="Độ ổn định kinh nghiệm ES = {es} là mức thấp nhất mà trọng số cho phép ({bound}); P = {p} "
    "giờ công/điểm ({instrument}).",
    en="Experience stability ES = {es} is the lowest the weights allow ({bound}); P = {p} "
    "person-hours per point ({instrument}).",
)
MESSAGES["METHOD-UCP-INPUTS.es_highest"] = Message(
    vi="Độ ổn định kinh nghiệm ES = {es} là mức cao nhất mà trọng số cho phép ({bound}); P = {p} "
    "giờ công/điểm ({instrument}).",
    en="Experience stability ES = {es} is the highest the weights allow ({bound}); P = {p} "
    "person-hours per point ({instrument}).",
)
MESSAGES["METHOD-UCP-OUTLIER.title"] = Message(
    vi="Chi phí trên mỗi trường hợp sử dụng khác xa danh mục",
    en="A cost per use case is far outside the portfolio's",
)
MESSAGES["METHOD-UCP-OUTLIER"] = Message(
    vi="{estimate}: chi phí {cost:vnd} đ cho mỗi trường hợp sử dụng ({use_cases} trường hợp) so "
    "với trung vị {median:vnd} đ của {count} phần mềm: điểm z hiệu chỉnh {z} (ngưỡng {threshold}).",
    en="{estimate}: {cost:vnd} per use case ({use_cases} use cases) against the median "
    "{median:vnd} of {count} software estimates: modified z-score {z} (threshold {threshold}).",
)

# --- overlaps ----------------------------------------------------------------------------------

MESSAGES["DUP-LINE.title"] = Message(
    vi="Trùng lặp trong dự toán",
    en="The same item appears twice (or more) in one estimate",
)
MESSAGES["DUP-LINE"] = Message(
    vi="Các dòng {lines:list} có thể là cùng một hạng mục ({names:list}).",
    en="Lines {lines:list} may be the same item ({names:list}).",
)
MESSAGES["DUP-LINE-REPEATED.title"] = Message(
    vi="Các dòng giống nhau nhưng là hạng mục riêng",
    en="Alike lines that look like distinct items (one per place or role)",
)
MESSAGES["DUP-LINE-REPEATED"] = Message(
    vi="{count} dòng giống nhau ({item} …) có vẻ là các hạng mục riêng (mỗi nơi, mỗi vai trò "
    "một dòng): {lines:list}.",
    en="{count} alike lines ({item} …) look like distinct items (one per place or role): "
    "{lines:list}.",
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
MESSAGES["PROC-DIRECT-LIMIT.given"] = Message(
    vi="Gói {package} chỉ định thầu {value:vnd} đồng vượt hạn mức {limit:vnd} đồng ({row:key:direct-appointment-limits}, ngày "
    "{date}).",
    en="Package {package}: direct appointment of {value:vnd} above the limit {limit:vnd} ({row:key:direct-appointment-limits}) "
    "on {date}.",
)
MESSAGES["PROC-DIRECT-LIMIT.lines"] = Message(
    vi="Gói {package} chỉ định thầu có giá gói thầu {value:vnd} đồng (các dòng {lines:vnd} đồng, "
    "kể cả thuế, cộng phần dự phòng phân bổ {contingency:vnd} đồng) vượt hạn mức {limit:vnd} đồng "
    "({row:key:direct-appointment-limits}, ngày {date}).",
    en="Package {package}: direct appointment priced {value:vnd} (its lines {lines:vnd} after VAT "
    "plus their share of contingency {contingency:vnd}) above the limit {limit:vnd} ({row:key:direct-appointment-limits}) on "
    "{date}.",
)
MESSAGES["PROC-EXEMPTION-GROUND.title"] = Message(
    vi="Căn cứ chỉ định thầu không thuộc các trường hợp của nghị định",
    en="An exemption that names no legal ground for direct appointment",
)
MESSAGES["PROC-EXEMPTION-GROUND.unknown"] = Message(
    vi="Gói {package}: căn cứ miễn hạn mức '{exemption}' không nêu trường hợp chỉ định thầu nào của "
    "Điều 78 NĐ 214/2025 có hiệu lực ngày {date}, nên hạn mức vẫn áp dụng. Ghi căn cứ theo khoản, "
    "điểm của Điều 78 (ví dụ “Điều 78 khoản 1 điểm a”).",
    en="Package {package}: the exemption '{exemption}' does not name a legal ground of NĐ 214/2025 "
    "Điều 78 in force on {date}, so the limit still applies. Name the ground by the clause and "
    "point of Điều 78 (e.g. “Điều 78 khoản 1 điểm a”).",
)
MESSAGES["PROC-EXEMPTION-GROUND.not_in_force"] = Message(
    vi="Gói {package}: căn cứ {key:key:direct-appointment-grounds} không có hiệu lực ngày {date} "
    "(có hiệu lực: {periods:periods}), nên hạn mức vẫn áp dụng.",
    en="Package {package}: the ground {key:key:direct-appointment-grounds} is not "
    "in force on {date} (in force: {periods:periods}), so the limit still applies.",
)
MESSAGES["PROC-EXEMPTION-GROUND.value_limit"] = Message(
    vi="Gói {package}: '{exemption}' là khoản 4 Điều 78 (hạn mức giá gói thầu), không phải căn cứ "
    "chỉ định thầu không theo hạn mức (ngày {date}).",
    en="Package {package}: '{exemption}' is Điều 78 khoản 4, the value limit itself, not a ground "
    "for direct appointment regardless of value ({date}).",
)
MESSAGES["PROC-SPLIT.title"] = Message(
    vi="Nghi chia nhỏ gói thầu để chỉ định thầu",
    en="Packages each within the limit whose sum is over it",
)
MESSAGES["PROC-SPLIT.kind"] = Message(
    vi="Các gói {packages:list} cùng loại {kind:word:package_kind} (giá gói thầu {values:vnds} đồng), mỗi gói không "
    "quá hạn mức {limit:vnd} đồng ({row:key:direct-appointment-limits}) nhưng tổng {total:vnd} đồng vượt hạn mức; dấu hiệu: "
    "{causes:words:split_cause}.",
    en="Packages {packages:list}, all {kind:word:package_kind} (priced {values:vnds}), are each within the limit "
    "{limit:vnd} ({row:key:direct-appointment-limits}) but add up to {total:vnd}; signs: {causes:words:split_cause}.",
)
MESSAGES["PROC-SPLIT.relabelled"] = Message(
    vi="Các gói {packages:list} khác loại ({kinds:words:package_kind}) nhưng gồm cùng loại chi phí (giá gói thầu "
    "{values:vnds} đồng), mỗi gói không quá hạn mức {limit:vnd} đồng ({row:key:direct-appointment-limits}) nhưng tổng "
    "{total:vnd} đồng vượt hạn mức; dấu hiệu: {causes:words:split_cause}.",
    en="Packages {packages:list} are labelled {kinds:words:package_kind} but hold the same kind of cost (priced "
    "{values:vnds}); each is within the limit {limit:vnd} ({row:key:direct-appointment-limits}) but they add up to {total:vnd}; "
    "signs: {causes:words:split_cause}.",
)
MESSAGES["PROC-SPLIT.items"] = Message(
    vi="Các gói {packages:list} mua các hạng mục tương tự (dòng {items:list}; giá gói thầu "
    "{values:vnds} đồng), mỗi gói không quá hạn mức {limit:vnd} đồng ({row:key:direct-appointment-limits}) nhưng tổng "
    "{total:vnd} đồng vượt hạn mức; dấu hiệu: {causes:words:split_cause}.",
    en="Packages {packages:list} buy similar items (lines {items:list}; priced {values:vnds}); "
    "each is within the limit {limit:vnd} ({row:key:direct-appointment-limits}) but they add up to {total:vnd}; signs: "
    "{causes:words:split_cause}.",
)
MESSAGES["PROC-SPLIT.time"] = Message(
    vi="Các gói {packages:list} dự kiến lựa chọn nhà thầu gần nhau (mỗi gói cách gói khác không quá "
    "{window} ngày, từ {first} đến {last}; giá gói thầu {values:vnds} đồng), mỗi gói không quá hạn "
    "mức {limit:vnd} đồng ({row:key:direct-appointment-limits}) nhưng tổng {total:vnd} đồng vượt hạn mức; dấu hiệu: "
    "{causes:words:split_cause}.",
    en="Packages {packages:list} are planned close together (each at most {window} days from "
    "another, {first} to {last}; priced {values:vnds}); each is within the limit {limit:vnd} "
    "({row:key:direct-appointment-limits}) but they add up to {total:vnd}; signs: {causes:words:split_cause}.",
)
MESSAGES["CLASS-GROUP.title"] = Message(vi="Nhóm dự án", en="The project group by total investment")
MESSAGES["CLASS-GROUP"] = Message(
    vi="Nhóm dự án: {group:key:project-groups} (tổng {total:vnd} đồng).",
    en="Project group: {group:key:project-groups} (total {total:vnd}).",
)
MESSAGES["CLASS-DESIGN.title"] = Message(
    vi="Vượt mức thiết kế một bước",
    en="A KTKT report (one-step design) above the regime's ceiling",
)
MESSAGES["CLASS-DESIGN"] = Message(
    vi="Báo cáo KTKT với tổng {total:vnd} đồng vượt mức {ceiling:vnd} đồng ({regime:regime}).",
    en="A KTKT report of {total:vnd} exceeds the one-step ceiling {ceiling:vnd} under {regime:regime}.",
)
MESSAGES["CLASS-WARRANTY.title"] = Message(
    vi="Thời gian bảo hành dưới mức tối thiểu",
    en="The warranty period is below the minimum for the project group",
)
MESSAGES["CLASS-WARRANTY"] = Message(
    vi="Bảo hành {months} tháng, tối thiểu {minimum} tháng ({group:key:project-groups}).",
    en="Warranty {months} months; the minimum is {minimum} ({group:key:project-groups}).",
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
MESSAGES["STRUCT-FEE-BASE.differs"] = Message(
    vi="Chi phí làm cơ sở {used:vnd} đ khác chi phí theo định nghĩa của định mức {derived:vnd} "
    "đ (chênh lệch {difference:vnd} đ); dòng bị bỏ sót: {left_out:list}; dòng thêm vào: "
    "{added:list} (khác khoản mục của cơ sở: {wrong_component:list}; thuộc hạng mục khác: "
    "{other_part:list}).",
    en="The base {used:vnd} đ differs from the norm's definition {derived:vnd} đ (difference "
    "{difference:vnd} đ); lines left out: {left_out:list}; lines added: {added:list} (of another "
    "component than the base's: {wrong_component:list}; of the other part: {other_part:list}).",
)
MESSAGES["STRUCT-FEE-BASE.after_vat"] = Message(
    vi="Chi phí làm cơ sở {used:vnd} đ là giá trị sau thuế GTGT; định mức tính trên giá trị trước "
    "thuế {derived:vnd} đ (chênh lệch {difference:vnd} đ).",
    en="The base {used:vnd} đ is the after-VAT amount; the norm is read on the pre-VAT amount "
    "{derived:vnd} đ (difference {difference:vnd} đ).",
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
    "dòng nào thuộc khoản “{item:key:qd1688-items}”.",
    en="Lines {lines:list} (the {part:part} part, {amount:vnd} đ) are in the base of no line of “{item:key:qd1688-items}”.",
)
MESSAGES["STRUCT-FEE-PART.twice"] = Message(
    vi="Các dòng {lines:list} (hạng mục {part:part}) nằm trong cơ sở tính của hai dòng trở lên thuộc khoản “{item:key:qd1688-items}”.",
    en="Lines {lines:list} (the {part:part} part) are in the base of two or more lines of “{item:key:qd1688-items}”.",
)
MESSAGES["STRUCT-REFERENCE-IN-TOTAL.title"] = Message(
    vi="Giá trị tham khảo được cộng vào tổng",
    en="A reference figure is summed into the totals",
)
MESSAGES["STRUCT-REFERENCE-IN-TOTAL"] = Message(
    vi="Dòng được xác định bằng phương pháp “{method:key:method-rules}”, mà chế độ hiện hành chỉ coi là tham "
    "khảo, được cộng vào tổng ({amount:vnd} đ); hãy xác định bằng phương pháp được quy định và "
    "ghi dòng này là reference_for.",
    en="A figure of method “{method:key:method-rules}”, which the regime lists only as a reference, is summed "
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
MESSAGES["INPUT-LINE"] = Message(vi="Không tính được: {reason}", en="Cannot be computed: {reason}")
MESSAGES["VAT-CATEGORY.title"] = Message(
    vi="Nhóm thuế GTGT không phù hợp với nội dung của dòng",
    en="A line's VAT category does not fit what the line is",
)
MESSAGES["VAT-CATEGORY.category"] = Message(
    vi="Dòng thuộc khoản mục {component:key:cost-methods} được khai nhóm thuế {category:key:vat-rates}, trong khi nhóm phù hợp là "
    "{expected:keys:vat-rates} (thuế suất hoặc cách tính thuế khác nhau vào ngày này).",
    en="A {component:key:cost-methods} line is filed under VAT category {category:key:vat-rates}; the fitting categories are "
    "{expected:keys:vat-rates} (the rate or treatment differs on the date).",
)
MESSAGES["VAT-CATEGORY.owner_taxed"] = Message(
    vi="Chi phí quản lý dự án tính theo định mức (chủ đầu tư tự thực hiện) không chịu thuế GTGT, "
    "nhưng được khai nhóm thuế {category:key:vat-rates}.",
    en="Project management by the % norm (the owner's own cost) is outside VAT, but the line is "
    "filed under VAT category {category:key:vat-rates}.",
)
MESSAGES["VAT-CATEGORY.software_name"] = Message(
    vi="Tên dòng cho thấy đây là phần mềm hoặc bản quyền phần mềm (không chịu thuế GTGT), nhưng "
    "được khai nhóm thuế {category:key:vat-rates}.",
    en="The line's name says it is software or a software licence (not subject to VAT), but it "
    "is filed under VAT category {category:key:vat-rates}.",
)
MESSAGES["STRUCT-FEE-ONE-PER-PART.title"] = Message(
    vi="Một hạng mục chi phí được tính bằng nhiều dòng cho cùng một phần",
    en="A fee item priced by several lines for one part",
)
MESSAGES["STRUCT-FEE-ONE-PER-PART"] = Message(
    vi="Chi phí {item:key:qd1688-items} của hạng mục {part:part} được tính bằng các dòng {lines:list}: định mức tính "
    "một lần trên toàn bộ chi phí của hạng mục.",
    en="{item:key:qd1688-items} of the {part:part} part is priced by lines {lines:list}: the norm prices it once on "
    "the part's whole base.",
)
MESSAGES["STRUCT-FEE-OVERLAP.title"] = Message(
    vi="Hai chi phí tư vấn chồng lấn (cùng bảng định mức)",
    en="Two fee items overlap (they price the same norm table)",
)
MESSAGES["STRUCT-FEE-OVERLAP"] = Message(
    vi="Chi phí {item:key:qd1688-items} và chi phí {other_item:key:qd1688-items} (dòng {other}) của hạng mục {part:part} cùng tính "
    "theo bảng {tables:list}: một chi phí đã bao gồm chi phí kia.",
    en="{item:key:qd1688-items} and {other_item:key:qd1688-items} (line {other}) of the {part:part} part both price table "
    "{tables:list}: one already contains the other.",
)
MESSAGES["CLASS-GROUP-STATED.title"] = Message(
    vi="Nhóm dự án nêu không đúng với tổng mức đầu tư",
    en="The stated project group is not the total's",
)
MESSAGES["CLASS-GROUP-STATED"] = Message(
    vi="Hồ sơ nêu nhóm dự án là {stated:key:project-groups}, nhưng với tổng tính lại {total:vnd} đồng, dự án là {group:key:project-groups}.",
    en="The project states {stated:key:project-groups}, but the recomputed total {total:vnd} is in {group:key:project-groups}.",
)
