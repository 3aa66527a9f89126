"""Messages of the checks between stages (``STAGE-`` codes, :mod:`ictcost.stages.rules`)."""

from __future__ import annotations

from ictcost.report.messages import Message

__all__ = ["MESSAGES"]

MESSAGES: dict[str, Message] = {}

MESSAGES["STAGE-CEILING.title"] = Message(
    vi="Giá trị vượt mức đã được phê duyệt ở giai đoạn trước",
    en="A value above the ceiling an earlier stage approved",
)
MESSAGES["STAGE-CEILING.approval_over_policy"] = Message(
    vi="Tổng mức đầu tư được duyệt {value:vnd} đ vượt sơ bộ tổng mức đầu tư của chủ trương "
    "{ceiling:vnd} đ (vượt {excess:vnd} đ) mà chưa điều chỉnh chủ trương.",
    en="The approved total investment {value:vnd} VND is above the policy decision's preliminary "
    "total {ceiling:vnd} VND (by {excess:vnd} VND) with no adjustment of the policy.",
)
MESSAGES["STAGE-CEILING.packages_over_approval"] = Message(
    vi="Tổng giá các gói thầu {value:vnd} đ vượt tổng mức đầu tư được duyệt {ceiling:vnd} đ "
    "(vượt {excess:vnd} đ).",
    en="The package prices total {value:vnd} VND, above the approved total {ceiling:vnd} VND (by "
    "{excess:vnd} VND).",
)
MESSAGES["STAGE-CEILING.contracts_over_approval"] = Message(
    vi="Tổng giá trị các hợp đồng {value:vnd} đ vượt tổng mức đầu tư được duyệt {ceiling:vnd} đ "
    "(vượt {excess:vnd} đ).",
    en="The contracts total {value:vnd} VND, above the approved total {ceiling:vnd} VND (by "
    "{excess:vnd} VND).",
)
MESSAGES["STAGE-CEILING.settlement_over_approval"] = Message(
    vi="Giá trị quyết toán {value:vnd} đ vượt tổng mức đầu tư được duyệt {ceiling:vnd} đ (vượt "
    "{excess:vnd} đ).",
    en="The settled total {value:vnd} VND is above the approved total {ceiling:vnd} VND (by "
    "{excess:vnd} VND).",
)
MESSAGES["STAGE-CEILING.component_over_approval"] = Message(
    vi="Giá trị quyết toán của {component} {value:vnd} đ vượt giá trị được "
    "duyệt {ceiling:vnd} đ (vượt {excess:vnd} đ).",
    en="The settled {component} {value:vnd} VND is above its approved value "
    "{ceiling:vnd} VND (by {excess:vnd} VND).",
)
MESSAGES["STAGE-PLAN-BUDGET.title"] = Message(
    vi="Dự án vượt kinh phí dự kiến trong kế hoạch",
    en="The project is above the plan's indicative budget",
)
MESSAGES["STAGE-PLAN-BUDGET"] = Message(
    vi="Giá trị ở giai đoạn {stage:word:stage} {value:vnd} đ vượt kinh phí dự kiến trong kế hoạch "
    "{budget:vnd} đ.",
    en="The {stage:word:stage} value {value:vnd} VND is above the plan's indicative budget "
    "{budget:vnd} VND.",
)
MESSAGES["STAGE-APPROVED-TOTAL.title"] = Message(
    vi="Tổng mức được duyệt khác dự toán tính lại",
    en="The approved total differs from the recomputed estimate",
)
MESSAGES["STAGE-APPROVED-TOTAL"] = Message(
    vi="Quyết định phê duyệt {approved:vnd} đ, dự toán kèm theo tính lại được {recomputed:vnd} đ.",
    en="The decision approves {approved:vnd} VND; its estimate recomputes to {recomputed:vnd} VND.",
)
MESSAGES["STAGE-ITEM-ADDED.title"] = Message(
    vi="Nội dung phát sinh không có trong giai đoạn đã duyệt",
    en="An item no approved stage contains",
)
MESSAGES["STAGE-ITEM-ADDED.package"] = Message(
    vi="Gói thầu {where} gồm dòng {item} không có trong dự toán được duyệt.",
    en="Package {where} covers line {item}, which the approved estimate does not have.",
)
MESSAGES["STAGE-ITEM-ADDED.contract"] = Message(
    vi="Hợp đồng {where} có hạng mục «{item}» không có trong dự toán được duyệt và không có quyết "
    "định điều chỉnh.",
    en="Contract {where} lists «{item}», which is not in the approved estimate and no adjustment "
    "adds.",
)
MESSAGES["STAGE-ITEM-ADDED.acceptance"] = Message(
    vi="Biên bản nghiệm thu hợp đồng {where} có hạng mục «{item}» không có trong dự toán được duyệt.",
    en="An acceptance of contract {where} lists «{item}», which is not in the approved estimate.",
)
MESSAGES["STAGE-ITEM-ADDED.settlement"] = Message(
    vi="Quyết toán có hạng mục «{item}» không có trong dự toán được duyệt.",
    en="The settlement lists «{item}», which is not in the approved estimate.",
)
MESSAGES["STAGE-ITEM-DROPPED.title"] = Message(
    vi="Nội dung đã duyệt bị bỏ ở giai đoạn sau",
    en="An approved item missing from a later stage",
)
MESSAGES["STAGE-ITEM-DROPPED.not_planned"] = Message(
    vi="Dòng {item} ({name}) của dự toán được duyệt không thuộc gói thầu nào của kế hoạch lựa chọn "
    "nhà thầu.",
    en="Line {item} ({name}) of the approved estimate is in no package of the selection plan.",
)
MESSAGES["STAGE-ITEM-DROPPED.not_contracted"] = Message(
    vi="Gói thầu {item} ({name}) chưa có hợp đồng khi đã quyết toán.",
    en="Package {item} ({name}) has no contract, yet the project is settled.",
)
MESSAGES["STAGE-ITEM-DROPPED.not_settled"] = Message(
    vi="Hợp đồng {item} ({name}) không có giá trị quyết toán.",
    en="Contract {item} ({name}) has no settled value.",
)
MESSAGES["STAGE-PACKAGE-PRICE.title"] = Message(
    vi="Giá gói thầu không khớp dự toán được duyệt",
    en="A package price that does not follow the approved estimate",
)
MESSAGES["STAGE-PACKAGE-PRICE.above_estimate"] = Message(
    vi="Giá gói thầu {package} {price:vnd} đ vượt dự toán các dòng gói thầu bao gồm {estimate:vnd} "
    "đ ({lines:vnd} đ cộng {contingency:vnd} đ dự phòng phân bổ).",
    en="Package {package} is priced {price:vnd} VND, above the estimate of its lines {estimate:vnd} "
    "VND ({lines:vnd} VND plus {contingency:vnd} VND of contingency).",
)
MESSAGES["STAGE-PACKAGE-PRICE.line_twice"] = Message(
    vi="Dòng {item} thuộc cả gói thầu {first} và gói thầu {second}.",
    en="Line {item} is in package {first} and in package {second}.",
)
MESSAGES["STAGE-CONTRACT-PRICE.title"] = Message(
    vi="Giá hợp đồng vượt giá gói thầu hoặc giá trúng thầu",
    en="A contract above its package price or winning price",
)
MESSAGES["STAGE-CONTRACT-PRICE.no_package"] = Message(
    vi="Hợp đồng {contract} ký cho gói thầu {package} không có trong kế hoạch lựa chọn nhà thầu.",
    en="Contract {contract} is signed for package {package}, which the selection plan does not have.",
)
MESSAGES["STAGE-CONTRACT-PRICE.above_package"] = Message(
    vi="Hợp đồng {contract} {value:vnd} đ vượt giá gói thầu {package} {price:vnd} đ.",
    en="Contract {contract} of {value:vnd} VND is above the price of package {package}, "
    "{price:vnd} VND.",
)
MESSAGES["STAGE-CONTRACT-PRICE.above_winning_price"] = Message(
    vi="Hợp đồng {contract} {value:vnd} đ vượt giá trúng thầu {winning_price:vnd} đ.",
    en="Contract {contract} of {value:vnd} VND is above the winning price {winning_price:vnd} VND.",
)
MESSAGES["STAGE-CONTRACT-TYPE.title"] = Message(
    vi="Loại hợp đồng khác kế hoạch lựa chọn nhà thầu",
    en="A contract type other than the selection plan's",
)
MESSAGES["STAGE-CONTRACT-TYPE"] = Message(
    vi="Hợp đồng {contract} ký theo loại {signed:word:contract_type}, kế hoạch lựa chọn nhà thầu "
    "duyệt gói thầu {package} theo loại {planned:word:contract_type}.",
    en="Contract {contract} is signed as {signed:word:contract_type}; the selection plan approved "
    "package {package} as {planned:word:contract_type}.",
)
MESSAGES["STAGE-PAYMENT.title"] = Message(
    vi="Thanh toán, tạm ứng vượt hợp đồng hoặc khối lượng nghiệm thu",
    en="A payment or advance above the contract or the work accepted",
)
MESSAGES["STAGE-PAYMENT.over_contract"] = Message(
    vi="Hợp đồng {contract} đã được chi {paid:vnd} đ, vượt giá hợp đồng {value:vnd} đ.",
    en="Contract {contract} was paid {paid:vnd} VND, above its value {value:vnd} VND.",
)
MESSAGES["STAGE-PAYMENT.over_acceptance"] = Message(
    vi="Đến ngày {date:date}, hợp đồng {contract} được thanh toán {paid:vnd} đ, vượt giá trị đã "
    "nghiệm thu {accepted:vnd} đ.",
    en="By {date:date}, contract {contract} was paid {paid:vnd} VND, above the work accepted "
    "{accepted:vnd} VND.",
)
MESSAGES["STAGE-PAYMENT.advance_over_limit"] = Message(
    vi="Hợp đồng {contract} được tạm ứng {advance:vnd} đ, vượt mức {limit:vnd} đ ({percent:num} % "
    "giá hợp đồng, {source:word:advance_source}).",
    en="Contract {contract} was advanced {advance:vnd} VND, above {limit:vnd} VND ({percent:num} % "
    "of its value, {source:word:advance_source}).",
)
MESSAGES["STAGE-ADVANCE-GUARANTEE.title"] = Message(
    vi="Tạm ứng trên ngưỡng phải bảo lãnh mà không có bảo lãnh tạm ứng trước khi tạm ứng",
    en="An advance above the guarantee threshold without a guarantee before it",
)
MESSAGES["STAGE-ADVANCE-GUARANTEE.missing"] = Message(
    vi="Hợp đồng {contract} có giá trị tạm ứng {advance:vnd} đ ({source:word:guarantee_source}), "
    "lớn hơn {threshold:vnd} đ, nhưng hồ sơ không ghi bảo lãnh tạm ứng (advance_guarantee) cho "
    "lần tạm ứng ngày {date:date}.",
    en="Contract {contract} has an advance of {advance:vnd} VND ({source:word:guarantee_source}), "
    "above {threshold:vnd} VND, but no advance guarantee is recorded (advance_guarantee) for the "
    "advance of {date:date}.",
)
MESSAGES["STAGE-ADVANCE-GUARANTEE.late"] = Message(
    vi="Bảo lãnh tạm ứng {guarantee} của hợp đồng {contract} đề ngày {guarantee_date:date}, sau "
    "lần tạm ứng ngày {date:date} (giá trị tạm ứng {advance:vnd} đ, lớn hơn {threshold:vnd} đ).",
    en="The advance guarantee {guarantee} of contract {contract} is dated {guarantee_date:date}, "
    "after the advance of {date:date} (an advance of {advance:vnd} VND, above {threshold:vnd} "
    "VND).",
)
for _key, _vi, _en in (
    ("contract", "theo mức tạm ứng hợp đồng quy định", "the level the contract sets"),
    ("paid", "số đã tạm ứng đến ngày đó", "advanced up to that day"),
):
    MESSAGES[f"word.guarantee_source.{_key}"] = Message(vi=_vi, en=_en)
MESSAGES["STAGE-SETTLEMENT.title"] = Message(
    vi="Quyết toán không khớp hợp đồng, nghiệm thu hoặc thanh toán",
    en="A settlement that does not match the contract, the acceptance or the payments",
)
MESSAGES["STAGE-SETTLEMENT.over_contract"] = Message(
    vi="Quyết toán hợp đồng {contract} {settled:vnd} đ vượt giá hợp đồng {value:vnd} đ.",
    en="Contract {contract} is settled at {settled:vnd} VND, above its value {value:vnd} VND.",
)
MESSAGES["STAGE-SETTLEMENT.over_acceptance"] = Message(
    vi="Quyết toán hợp đồng {contract} {settled:vnd} đ vượt giá trị đã nghiệm thu {accepted:vnd} đ.",
    en="Contract {contract} is settled at {settled:vnd} VND, above the work accepted {accepted:vnd} "
    "VND.",
)
MESSAGES["STAGE-SETTLEMENT.below_paid"] = Message(
    vi="Hợp đồng {contract} đã được chi {paid:vnd} đ, nhiều hơn giá trị quyết toán {settled:vnd} đ: "
    "phải thu hồi phần chênh lệch.",
    en="Contract {contract} was paid {paid:vnd} VND, more than its settled value {settled:vnd} VND: "
    "the difference must be recovered.",
)
MESSAGES["STAGE-SETTLEMENT-TIME.title"] = Message(
    vi="Quá thời hạn lập, thẩm tra hoặc phê duyệt quyết toán",
    en="A settlement step past its time limit",
)
for _case, _vi, _en in (
    (
        "filing",
        "Chủ đầu tư nộp hồ sơ quyết toán ngày {end:date}, quá thời hạn {limit:num} "
        "{unit:word:time_unit} kể từ ngày bàn giao đưa vào sử dụng {start:date} (hạn "
        "{deadline:date}).",
        "The owner filed the settlement dossier on {end:date}, past the {limit:num} "
        "{unit:word:time_unit} from the hand-over on {start:date} (due {deadline:date}).",
    ),
    (
        "review",
        "Cơ quan thẩm tra trình phê duyệt quyết toán ngày {end:date}, quá thời hạn {limit:num} "
        "{unit:word:time_unit} kể từ ngày nhận đủ hồ sơ {start:date} (hạn {deadline:date}).",
        "The review was submitted for approval on {end:date}, past the {limit:num} "
        "{unit:word:time_unit} from the full dossier on {start:date} (due {deadline:date}).",
    ),
    (
        "approval",
        "Quyết toán được phê duyệt ngày {end:date}, quá thời hạn {limit:num} "
        "{unit:word:time_unit} kể từ ngày trình {start:date} (hạn {deadline:date}).",
        "The settlement was approved on {end:date}, past the {limit:num} {unit:word:time_unit} "
        "from the review's submission on {start:date} (due {deadline:date}).",
    ),
):
    MESSAGES[f"STAGE-SETTLEMENT-TIME.{_case}"] = Message(vi=_vi, en=_en)
for _key, _vi, _en in (("months", "tháng", "months"), ("days", "ngày", "days")):
    MESSAGES[f"word.time_unit.{_key}"] = Message(vi=_vi, en=_en)
for _key, _vi, _en in (
    ("handed_over", "bàn giao đưa vào sử dụng", "the hand-over"),
    ("filed", "nộp hồ sơ quyết toán", "the filing of the settlement dossier"),
    ("review_submitted", "trình phê duyệt quyết toán", "the review's submission"),
    ("decision", "quyết định phê duyệt quyết toán", "the settlement decision"),
):
    MESSAGES[f"word.settlement_date.{_key}"] = Message(vi=_vi, en=_en)
MESSAGES["STAGE-DATES.title"] = Message(
    vi="Trình tự thời gian các giai đoạn không đúng",
    en="Records dated out of their legal order",
)
_ORDER_VI = "{later} ({later_date:date}) trước {earlier} ({earlier_date:date})"
_ORDER_EN = "{later} ({later_date:date}) is dated before {earlier} ({earlier_date:date})"
for _case, _vi, _en in (
    ("approval_before_policy", "Quyết định phê duyệt dự án", "The approval"),
    ("contract_before_approval", "Hợp đồng", "Contract"),
    ("contract_before_plan", "Hợp đồng", "Contract"),
    ("contract_before_result", "Hợp đồng", "Contract"),
    ("acceptance_before_contract", "Biên bản nghiệm thu", "Acceptance record"),
    ("payment_before_contract", "Chứng từ thanh toán", "Payment"),
    ("settlement_before_acceptance", "Quyết định phê duyệt quyết toán", "The settlement"),
):
    MESSAGES[f"STAGE-DATES.{_case}"] = Message(vi=f"{_vi} {_ORDER_VI}.", en=f"{_en} {_ORDER_EN}.")
MESSAGES["STAGE-DATES.plan_before_approval"] = Message(
    vi="Kế hoạch lựa chọn nhà thầu {later} ({later_date:date}) có gói thầu {package} trước quyết "
    "định phê duyệt dự án {earlier} ({earlier_date:date}) mà gói thầu không phải gói cần thực hiện "
    "trước.",
    en="The selection plan {later} ({later_date:date}) includes package {package} before the "
    "approval {earlier} ({earlier_date:date}), though it is not a package to be done ahead.",
)
MESSAGES["STAGE-DATES.settlement_steps"] = Message(
    vi="Các bước quyết toán không theo thứ tự: {later:word:settlement_date} ({later_date:date}) "
    "trước {earlier:word:settlement_date} ({earlier_date:date}).",
    en="Settlement steps out of order: {later:word:settlement_date} ({later_date:date}) is "
    "dated before {earlier:word:settlement_date} ({earlier_date:date}).",
)
MESSAGES["STAGE-DATES.payment_before_acceptance"] = Message(
    vi="Thanh toán {later} ({later_date:date}) khi chưa có nghiệm thu (nghiệm thu đầu tiên: "
    "{earlier_date:date}).",
    en="Payment {later} ({later_date:date}) is made before any acceptance (first acceptance: "
    "{earlier_date:date}).",
)
MESSAGES["STAGE-SAME-PARTY.title"] = Message(
    vi="Một tổ chức ở cả hai phía",
    en="The same organisation on both sides",
)
MESSAGES["STAGE-SAME-PARTY.consultant"] = Message(
    vi="{organisation} là nhà thầu hợp đồng {contract} và đồng thời là tư vấn "
    "({services:words:service}) của chính gói thầu đó theo hợp đồng {other}.",
    en="{organisation} is the contractor of {contract} and also its consultant "
    "({services:words:service}) under contract {other}.",
)
MESSAGES["STAGE-SAME-PARTY.preparer"] = Message(
    vi="{organisation} lập dự án, dự toán và là nhà thầu hợp đồng {contract}.",
    en="{organisation} prepared the project and its estimate and is the contractor of {contract}.",
)
MESSAGES["STAGE-SAME-PARTY.appraiser"] = Message(
    vi="{organisation} thẩm định dự án và là nhà thầu hợp đồng {contract}.",
    en="{organisation} appraised the project and is the contractor of {contract}.",
)
MESSAGES["STAGE-SAME-PARTY.owner"] = Message(
    vi="{organisation} là chủ đầu tư và là nhà thầu hợp đồng {contract}.",
    en="{organisation} is the owner and the contractor of {contract}.",
)
MESSAGES["STAGE-SAME-PARTY.acceptor"] = Message(
    vi="{organisation} ký nghiệm thu phía chủ đầu tư cho chính hợp đồng {contract} của mình.",
    en="{organisation} signs on the owner's side the acceptance of its own contract {contract}.",
)
MESSAGES["STAGE-REPEAT-BUY.title"] = Message(
    vi="Cùng chủ đầu tư mua lại cùng thiết bị, chức năng trong thời gian ngắn",
    en="The same owner buys the same item again within the window",
)
MESSAGES["STAGE-REPEAT-BUY"] = Message(
    vi="«{item}» của hợp đồng {contract} ({dossier}, {date:date}) đã được mua theo hợp đồng "
    "{earlier_contract} ({earlier_dossier}, {earlier_date:date}), trong vòng {years} năm.",
    en="«{item}» of contract {contract} ({dossier}, {date:date}) was bought under contract "
    "{earlier_contract} ({earlier_dossier}, {earlier_date:date}), within {years} years.",
)
MESSAGES["STAGE-REPEAT-NOT-RUN.title"] = Message(
    vi="Chưa kiểm tra mua sắm lặp lại",
    en="The repeat-purchase check did not run",
)
MESSAGES["STAGE-REPEAT-NOT-RUN"] = Message(
    vi="Chưa kiểm tra mua lại cùng hạng mục giữa {dossiers} hồ sơ: chưa cho số năm (repeat_years).",
    en="Repeat purchases across {dossiers} dossiers were not checked: no window was given "
    "(repeat_years).",
)
MESSAGES["STAGE-NOT-CHECKED.title"] = Message(
    vi="Nội dung chưa kiểm tra được",
    en="A stage check that could not run",
)
MESSAGES["STAGE-NOT-CHECKED.no_estimate"] = Message(
    vi="Quyết định phê duyệt không kèm tệp dự toán: chưa đối chiếu hạng mục, giá gói thầu và tổng "
    "mức với dự toán.",
    en="The approval names no estimate file: items, package prices and the total are not compared "
    "with the estimate.",
)
MESSAGES["STAGE-NOT-CHECKED.advance_guarantee"] = Message(
    vi="Hợp đồng {contract} được tạm ứng ngày {date:date}, ngày mà dữ liệu định mức của ictcost "
    "chưa có ngưỡng bảo lãnh tạm ứng: chưa kiểm tra bảo lãnh tạm ứng.",
    en="Contract {contract} was advanced on {date:date}, a date for which ictcost's norm data has "
    "no advance-guarantee threshold: the advance guarantee is not checked.",
)
MESSAGES["STAGE-NOT-CHECKED.settlement_time"] = Message(
    vi="Chưa kiểm tra thời hạn {step:word:settlement_step} (từ {date:date}): chưa biết nhóm dự án "
    "(policy.group) hoặc chưa có thời hạn cho ngày đó.",
    en="The time limit of the {step:word:settlement_step} (from {date:date}) is not checked: the "
    "project group (policy.group) or a limit for that date is not known.",
)
for _key, _vi, _en in (
    ("filing", "lập hồ sơ quyết toán", "filing of the dossier"),
    ("review", "thẩm tra quyết toán", "review"),
    ("approval", "phê duyệt quyết toán", "approval"),
):
    MESSAGES[f"word.settlement_step.{_key}"] = Message(vi=_vi, en=_en)
MESSAGES["STAGE-NOT-CHECKED.advance_limit"] = Message(
    vi="Hợp đồng {contract} có tạm ứng nhưng hồ sơ không ghi mức tạm ứng của hợp đồng và không có "
    "mức tối đa cho ngày {date:date}: chưa kiểm tra mức tạm ứng.",
    en="Contract {contract} has advances, but neither the contract's advance level nor a limit for "
    "{date:date} is known: the advance is not checked.",
)
for _key, _vi, _en in (
    ("plan", "kế hoạch", "plan"),
    ("policy", "chủ trương đầu tư", "investment policy"),
    ("approval", "phê duyệt dự án", "approval"),
    ("selection_plan", "kế hoạch lựa chọn nhà thầu", "selection plan"),
    ("contract", "hợp đồng", "contract"),
    ("acceptance", "nghiệm thu", "acceptance"),
    ("payment", "thanh toán", "payment"),
    ("settlement", "quyết toán", "settlement"),
    ("adjustment", "điều chỉnh", "adjustment"),
):
    MESSAGES[f"word.stage.{_key}"] = Message(vi=_vi, en=_en)
for _key, _vi, _en in (
    ("lump_sum", "trọn gói", "lump sum"),
    ("cost_plus", "chi phí cộng phí", "cost plus fee"),
    ("fixed_unit_price", "đơn giá cố định", "fixed unit price"),
    ("adjustable_unit_price", "đơn giá điều chỉnh", "adjustable unit price"),
    ("time_based", "theo thời gian", "time-based"),
    ("output_based", "theo kết quả đầu ra", "output-based"),
    ("percentage", "theo tỷ lệ phần trăm", "percentage"),
    ("mixed", "hỗn hợp", "mixed"),
):
    MESSAGES[f"word.contract_type.{_key}"] = Message(vi=_vi, en=_en)
for _key, _vi, _en in (
    ("estimate", "lập dự án, dự toán", "project and estimate"),
    ("appraisal", "thẩm tra", "review"),
    ("bidding_documents", "lập hồ sơ mời thầu", "bidding documents"),
    ("bid_evaluation", "đánh giá hồ sơ dự thầu", "bid evaluation"),
    ("supervision", "giám sát", "supervision"),
    ("audit", "kiểm toán", "audit"),
    ("project_management", "quản lý dự án", "project management"),
    ("other", "tư vấn khác", "other consulting"),
):
    MESSAGES[f"word.service.{_key}"] = Message(vi=_vi, en=_en)
for _key, _vi, _en in (
    ("contract", "mức ghi trong hợp đồng", "the level the contract sets"),
    ("norm", "mức tối đa theo quy định", "the legal maximum"),
    ("config", "ngưỡng do người dùng cho", "the user's threshold"),
):
    MESSAGES[f"word.advance_source.{_key}"] = Message(vi=_vi, en=_en)

# --- the legal basis of each rule (the rules read their ``basis`` from here: one text) -----------
_BASES: dict[str, tuple[str, str]] = {
    "STAGE-CEILING": (
        "Luật Đấu thầu 22/2023/QH15 Điều 40 k1 đ (kế hoạch lựa chọn nhà thầu không vượt tổng mức "
        "đầu tư), Điều 70 k4 (giá hợp đồng sau điều chỉnh không vượt tổng mức đầu tư); NĐ 254/2025/"
        "NĐ-CP Điều 30 (từ 26/09/2025, thay NĐ 99/2021/NĐ-CP) và NĐ 193/2026/NĐ-CP Điều 3 k2, Điều 4 "
        "(từ 01/07/2026): chi phí quyết toán trong giới hạn tổng mức đầu tư được duyệt hoặc điều "
        "chỉnh; tổng mức đầu tư không vượt sơ bộ tổng mức của chủ trương là cách hiểu của ictcost "
        "theo Luật Đầu tư công 58/2024/QH15 (chưa đọc điều khoản); giá trị giai đoạn sau trong mức "
        "giai đoạn trước đã duyệt, trừ khi có quyết định điều chỉnh",
        "Luật Đấu thầu 22/2023/QH15 Điều 40 k1 đ (the selection plan within the total investment), "
        "Điều 70 k4 (an adjusted contract within it); NĐ 254/2025/NĐ-CP Điều 30 (from 26/09/2025, "
        "replacing NĐ 99/2021/NĐ-CP) and NĐ 193/2026/NĐ-CP Điều 3 k2, Điều 4 (from 01/07/2026): the "
        "settled cost within the approved or adjusted total investment; the total investment "
        "within the policy's preliminary total is ictcost's reading of Luật Đầu tư công "
        "58/2024/QH15 (its clause was not read); each later value within what the previous stage "
        "approved, unless an adjustment decision is recorded",
    ),
    "STAGE-PLAN-BUDGET": (
        "kinh phí dự kiến trong kế hoạch ứng dụng CNTT, chuyển đổi số (NĐ 224/2026/NĐ-CP Điều 44–45: "
        "dự án phải phù hợp với kế hoạch): không phải mức trần pháp lý",
        "the indicative budget of the IT / digital-transformation plan (NĐ 224/2026/NĐ-CP Điều "
        "44–45: a project shows its conformity with the plan): not a legal ceiling",
    ),
    "STAGE-APPROVED-TOTAL": (
        "quyết định phê duyệt dự án phê duyệt dự toán kèm theo; ictcost tính lại dự toán đó theo "
        "định mức có hiệu lực vào ngày của dự toán",
        "the approval decision approves the estimate it names; ictcost recomputes that estimate "
        "with the norms in force on its date",
    ),
    "STAGE-ITEM-ADDED": (
        "Luật Đấu thầu 22/2023/QH15 Điều 39 (gói thầu thuộc nội dung dự án được duyệt); NĐ 224/2026/"
        "NĐ-CP Điều 54 (điều chỉnh dự án phải có quyết định); NĐ 254/2025/NĐ-CP Điều 30 (chi phí "
        "hợp pháp trong dự toán, hợp đồng được duyệt)",
        "Luật Đấu thầu 22/2023/QH15 Điều 39 (packages of the approved project's content); "
        "NĐ 224/2026/NĐ-CP Điều 54 (an adjusted project needs a decision); NĐ 254/2025/NĐ-CP Điều "
        "30 (lawful cost within the approved estimate and contracts)",
    ),
    "STAGE-ITEM-DROPPED": (
        "Luật Đấu thầu 22/2023/QH15 Điều 39 (kế hoạch lựa chọn nhà thầu gồm các gói thầu của nội "
        "dung được duyệt); NĐ 224/2026/NĐ-CP Điều 54 (bỏ nội dung đã duyệt là điều chỉnh dự án)",
        "Luật Đấu thầu 22/2023/QH15 Điều 39 (the selection plan divides the approved content into "
        "packages); NĐ 224/2026/NĐ-CP Điều 54 (dropping approved content adjusts the project)",
    ),
    "STAGE-PACKAGE-PRICE": (
        "NĐ 214/2025/NĐ-CP Điều 18 k1, Luật Đấu thầu 22/2023/QH15 Điều 39: giá gói thầu tính đúng, "
        "tính đủ theo dự toán được duyệt, kể cả dự phòng, phí, lệ phí và thuế (phần dự phòng phân "
        "bổ là cách hiểu của ictcost, như PROC-DIRECT-LIMIT)",
        "NĐ 214/2025/NĐ-CP Điều 18 k1, Luật Đấu thầu 22/2023/QH15 Điều 39: the package price is "
        "computed from the approved estimate of its content, contingency, fees and taxes included "
        "(the share of contingency is ictcost's reading, as for PROC-DIRECT-LIMIT)",
    ),
    "STAGE-CONTRACT-PRICE": (
        "Luật Đấu thầu 22/2023/QH15 Điều 60 k1 d, Điều 61 k1 e (giá đề nghị trúng thầu không vượt "
        "giá gói thầu được duyệt), NĐ 214/2025/NĐ-CP Điều 140 k7–k8 (nếu vượt: thương thảo, mời "
        "thầu lại hoặc điều chỉnh kế hoạch trước); Điều 67 k2 (hợp đồng phù hợp quyết định phê "
        "duyệt kết quả: không vượt giá trúng thầu là cách hiểu của ictcost)",
        "Luật Đấu thầu 22/2023/QH15 Điều 60 k1 d, Điều 61 k1 e (the winning price within the "
        "approved package price), NĐ 214/2025/NĐ-CP Điều 140 k7–k8 (otherwise negotiate, re-bid or "
        "adjust the plan first); Điều 67 k2 (the contract follows the approved result: not above "
        "the winning price is ictcost's reading)",
    ),
    "STAGE-CONTRACT-TYPE": (
        "Luật Đấu thầu 22/2023/QH15 Điều 39 (kế hoạch lựa chọn nhà thầu duyệt loại hợp đồng của "
        "từng gói), Điều 64 (tám loại hợp đồng); thay đổi phải điều chỉnh kế hoạch (NĐ 214/2025/"
        "NĐ-CP Điều 140 k1)",
        "Luật Đấu thầu 22/2023/QH15 Điều 39 (the selection plan approves each package's contract "
        "type), Điều 64 (the eight types); a change adjusts the plan first (NĐ 214/2025/NĐ-CP Điều "
        "140 k1)",
    ),
    "STAGE-PAYMENT": (
        "NĐ 254/2025/NĐ-CP Điều 9 (từ 26/09/2025; trước đó NĐ 99/2021/NĐ-CP, chưa đọc): mức tạm ứng "
        "do hợp đồng quy định (nghị định không quy định tỷ lệ cho hợp đồng không phải xây dựng) và "
        "không vượt mức đó; Điều 10 và NĐ 214/2025/NĐ-CP Điều 119–120: thanh toán theo loại hợp "
        "đồng cho khối lượng đã nghiệm thu, tổng số không vượt giá hợp đồng",
        "NĐ 254/2025/NĐ-CP Điều 9 (from 26/09/2025; before it NĐ 99/2021/NĐ-CP, not read): the "
        "advance is the level the contract sets (no decree sets a % for contracts other than "
        "construction) and never above it; Điều 10 and NĐ 214/2025/NĐ-CP Điều 119–120: payments by "
        "contract type for accepted work, in total within the contract value",
    ),
    "STAGE-SETTLEMENT-TIME": (
        "NĐ 254/2025/NĐ-CP Điều 46 (từ 26/09/2025) và NĐ 193/2026/NĐ-CP Điều 21 (từ 01/07/2026): "
        "thời hạn lập hồ sơ, thẩm tra và phê duyệt quyết toán theo nhóm dự án, trong bảng "
        "stage-thresholds; áp dụng thời hạn có hiệu lực vào ngày bắt đầu mỗi bước, lấy ngày nộp hồ "
        "sơ làm ngày cơ quan thẩm tra nhận đủ hồ sơ và tính 2,5 tháng là 2 tháng 15 ngày là cách "
        "hiểu của ictcost (chưa đọc điều khoản chuyển tiếp của NĐ 193/2026)",
        "NĐ 254/2025/NĐ-CP Điều 46 (from 26/09/2025) and NĐ 193/2026/NĐ-CP Điều 21 (from "
        "01/07/2026): the time to file, review and approve the settlement by project group, in "
        "the table stage-thresholds; the limit in force on each step's first day, the filing date "
        "as the day the reviewer has the full dossier and 2.5 months as 2 months and 15 days are "
        "ictcost's reading (the transition clauses of NĐ 193/2026 not read)",
    ),
    "STAGE-ADVANCE-GUARANTEE": (
        "NĐ 254/2025/NĐ-CP Điều 9 k2 (từ 26/09/2025): hợp đồng có giá trị tạm ứng lớn hơn 01 tỷ "
        "đồng phải có bảo lãnh tạm ứng, trừ hợp đồng tư vấn quản lý dự án và các trường hợp khác "
        "của k2 b (ictcost chưa mô hình hoá: cảnh báo để kiểm tra); ngưỡng trong bảng "
        "stage-thresholds; giá trị tạm ứng là mức hợp đồng quy định, hoặc số đã tạm ứng, và bảo "
        "lãnh có trước lần tạm ứng là cách hiểu của ictcost",
        "NĐ 254/2025/NĐ-CP Điều 9 k2 (from 26/09/2025): a contract advanced above 1 tỷ đồng needs "
        "an advance guarantee, except project-management consulting contracts and the other cases "
        "of k2 b (not modelled by ictcost: a warning to verify); the threshold is in the table "
        "stage-thresholds; the advance as the contract's level, or what was advanced, and the "
        "guarantee before the advance, are ictcost's reading",
    ),
    "STAGE-SETTLEMENT": (
        "NĐ 254/2025/NĐ-CP Điều 30 (từ 26/09/2025) và NĐ 193/2026/NĐ-CP Điều 3 k2, Điều 4 (từ "
        "01/07/2026): chi phí hợp pháp trong hợp đồng đã ký, kể cả phần điều chỉnh được duyệt, và "
        "khối lượng đã nghiệm thu; số đã chi vượt giá trị quyết toán phải thu hồi",
        "NĐ 254/2025/NĐ-CP Điều 30 (from 26/09/2025) and NĐ 193/2026/NĐ-CP Điều 3 k2, Điều 4 (from "
        "01/07/2026): the lawful cost is within the signed contract with its approved adjustments "
        "and the work accepted; what was paid above the settled value is recovered",
    ),
    "STAGE-DATES": (
        "Luật Đấu thầu 22/2023/QH15 Điều 37 k5 (kế hoạch lựa chọn nhà thầu lập sau hoặc đồng thời "
        "với phê duyệt dự án; trước đó chỉ với gói thầu cần thực hiện trước), Điều 42 sửa đổi từ "
        "15/01/2025 (chỉ ký hợp đồng sau khi dự án được phê duyệt); NĐ 224/2026/NĐ-CP Điều 41, 57 "
        "(trình tự các bước; bàn giao sau nghiệm thu)",
        "Luật Đấu thầu 22/2023/QH15 Điều 37 k5 (the selection plan after or with the project's "
        "approval; before it only for packages to be done ahead), Điều 42 as amended from "
        "15/01/2025 (a contract is signed only after the project is approved); NĐ 224/2026/NĐ-CP "
        "Điều 41, 57 (the order of the steps; hand-over after acceptance)",
    ),
    "STAGE-SAME-PARTY": (
        "Luật Đấu thầu 22/2023/QH15 Điều 6 k4 d (bảo đảm cạnh tranh: nhà thầu và tư vấn lập dự án, "
        "hồ sơ mời thầu, đánh giá, giám sát của gói thầu không có cổ phần của nhau; k1–k3 chưa đọc); "
        "ictcost so sánh tổ chức (mã số thuế, tên), không so sánh cổ phần",
        "Luật Đấu thầu 22/2023/QH15 Điều 6 k4 d (bảo đảm cạnh tranh: the bidder and the package's "
        "consultants — project, bidding documents, evaluation, supervision — hold no shares of each "
        "other; k1–k3 not read); ictcost compares organisations (tax codes, names), not shares",
    ),
    "STAGE-NOT-CHECKED": (
        "thiết kế của ictcost: phép so sánh thiếu dữ liệu hoặc ngưỡng được báo, không bỏ qua",
        "ictcost design: a comparison that lacks its data or its threshold is reported, never "
        "skipped",
    ),
    "STAGE-REPEAT-BUY": (
        "chỉ thị về ngân sách cho CNTT, chuyển đổi số: 'tránh đầu tư dàn trải, trùng lặp, chồng "
        "chéo'; số năm N do người dùng cho (StageConfig.repeat_years): chưa đọc văn bản nào quy định",
        "the directive on IT and digital-transformation budgets: 'tránh đầu tư dàn trải, trùng lặp, "
        "chồng chéo'; the window N is the user's input (StageConfig.repeat_years): no text read "
        "sets it",
    ),
    "STAGE-REPEAT-NOT-RUN": (
        "thiết kế của ictcost: phép so sánh thiếu ngưỡng được báo, không bỏ qua",
        "ictcost design: a comparison that lacks its threshold is reported, never skipped",
    ),
}
for _code, (_vi, _en) in _BASES.items():
    MESSAGES[f"{_code}.basis"] = Message(vi=_vi, en=_en)


def basis(code: str) -> str:
    """The basis of a stage rule as the registry keeps it (the English text of ``CODE.basis``)."""
    return MESSAGES[f"{code}.basis"].en


# --- the command line (ictcost stages load / report) --------------------------------------------
MESSAGES["cli.stages.loaded"] = Message(
    vi="đã nạp {loaded} hồ sơ, {unchanged} không đổi, {removed} đã bỏ, {errors} không đọc được, "
    "{estimates} tệp dự toán (để `ictcost portfolio load` nạp)",
    en="loaded {loaded} dossiers, {unchanged} unchanged, {removed} removed, {errors} unreadable, "
    "{estimates} estimate files (for `ictcost portfolio load`)",
)
MESSAGES["cli.stages.report"] = Message(
    vi="{dossiers} hồ sơ; phát hiện theo mã: {codes}",
    en="{dossiers} dossiers; findings by code: {codes}",
)
MESSAGES["cli.stages.unreadable"] = Message(
    vi="không đọc được {source}: [{code}] {message}",
    en="cannot read {source}: [{code}] {message}",
)
MESSAGES["cli.stages.exceeding"] = Message(
    vi="{dossier}: {stage:word:stage} vượt {over:word:stage} {excess:vnd} đ",
    en="{dossier}: {stage:word:stage} above {over:word:stage} by {excess:vnd} VND",
)
