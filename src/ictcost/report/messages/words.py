"""Words of ictcost's own grammar, for ``{x:word:<kind>}`` (:mod:`ictcost.report._words`).

Keys that name a norm table's rows are put in words from the table's own labels; the keys here are
ictcost's vocabulary (how sure a value is, the range policy of a rate table, the QĐ 1688 column
families, the documents and the kinds of procurement package), not legal data.
"""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    # --- confidence of a norm value (norms/README.md, the grammar's `confidence`)
    "word.confidence.primary": Message(vi="văn bản gốc", en="primary text"),
    "word.confidence.single": Message(vi="một nguồn", en="single source"),
    "word.confidence.disputed": Message(vi="có tranh chấp", en="disputed"),
    "word.confidence.inferred": Message(vi="suy ra", en="inferred"),
    "word.confidence.secondary": Message(vi="{n} nguồn thứ cấp", en="{n} secondary sources"),
    # --- range policy of a rate table (ictcost.norms.scale)
    "word.policy.flat": Message(vi="giữ tỷ lệ của mốc gần nhất", en="flat"),
    "word.policy.strict": Message(vi="không ngoại suy", en="strict"),
    # --- QĐ 1688 column families
    "word.column.project": Message(vi="dự án", en="project"),
    "word.column.ktkt": Message(vi="báo cáo KTKT", en="KTKT report"),
    # --- documents (table project-documents)
    "word.document.feasibility_study": Message(
        vi="báo cáo nghiên cứu khả thi", en="feasibility study"
    ),
    "word.document.ktkt_report": Message(
        vi="báo cáo kinh tế - kỹ thuật", en="economic-technical (KTKT) report"
    ),
    "word.document.rental_plan": Message(vi="kế hoạch thuê", en="rental plan"),
    "word.document.detailed_outline": Message(
        vi="đề cương và dự toán chi tiết", en="detailed outline and estimate"
    ),
    # --- kinds of procurement package (Luật Đấu thầu 22/2023/QH15 Điều 4)
    "word.package_kind.consulting": Message(vi="dịch vụ tư vấn", en="consulting services"),
    "word.package_kind.non_consulting": Message(
        vi="dịch vụ phi tư vấn", en="non-consulting services"
    ),
    "word.package_kind.goods": Message(vi="hàng hóa", en="goods"),
    "word.package_kind.works": Message(vi="xây lắp", en="works"),
    "word.package_kind.mixed": Message(vi="hỗn hợp", en="mixed"),
    # --- the totals of an estimate (ictcost.checks.arithmetic, ARITH-TOTAL)
    "word.total_part.vat": Message(vi="Thuế GTGT", en="VAT"),
    "word.total_part.total": Message(vi="Tổng cộng", en="Total"),
    "word.total_part.contingency": Message(vi="Chi phí dự phòng", en="Contingency"),
    # --- signs of a split package (ictcost.checks.procurement, PROC-SPLIT)
    "word.split_cause.kind": Message(vi="cùng loại gói thầu", en="same package kind"),
    "word.split_cause.relabelled": Message(
        vi="khác loại nhưng cùng loại chi phí", en="relabelled kind"
    ),
    "word.split_cause.items": Message(vi="hạng mục tương tự", en="similar items"),
    "word.split_cause.time": Message(vi="thời gian gần nhau", en="close in time"),
}
