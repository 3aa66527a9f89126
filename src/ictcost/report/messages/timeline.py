"""Messages of :mod:`ictcost.stages.timeline` and :mod:`ictcost.stages.chart`.

The stage names themselves are the catalogue's ``word.stage.<stage>`` (:mod:`.stages`).
"""

from __future__ import annotations

from ictcost.report.messages import Message

__all__ = ["MESSAGES"]

MESSAGES: dict[str, Message] = {}

MESSAGES["timeline.title"] = Message(
    vi="Tiến trình dự án {project}", en="Timeline of project {project}"
)
MESSAGES["timeline.sheet"] = Message(vi="Tiến trình", en="Timeline")
MESSAGES["timeline.sheet.footer"] = Message(vi="Trang &P/&N", en="Page &P of &N")
MESSAGES["timeline.sheet.findings"] = Message(vi="Phát hiện", en="Findings")
MESSAGES["timeline.col.stage"] = Message(vi="Giai đoạn", en="Stage")
MESSAGES["timeline.col.measure"] = Message(vi="Nội dung giá trị", en="What the value is")
MESSAGES["timeline.col.date"] = Message(vi="Ngày", en="Date")
MESSAGES["timeline.col.decision"] = Message(vi="Số quyết định, văn bản", en="Decision, document")
MESSAGES["timeline.col.decision_short"] = Message(vi="Số văn bản", en="Document")
MESSAGES["timeline.col.value"] = Message(vi="Giá trị (đồng)", en="Value (VND)")
MESSAGES["timeline.col.value_short"] = Message(vi="Giá trị (đ)", en="Value (VND)")
MESSAGES["timeline.col.diff"] = Message(
    vi="Chênh lệch so với giai đoạn trước (đồng)", en="Change from the stage before (VND)"
)
MESSAGES["timeline.col.diff_short"] = Message(vi="Chênh lệch (đ)", en="Change (VND)")
MESSAGES["timeline.col.diff_percent"] = Message(vi="Chênh lệch (%)", en="Change (%)")
MESSAGES["timeline.col.percent_short"] = Message(vi="%", en="%")
MESSAGES["timeline.col.from"] = Message(vi="Từ ngày", en="From")
MESSAGES["timeline.col.to"] = Message(vi="Đến ngày", en="To")
MESSAGES["timeline.col.case"] = Message(vi="Trường hợp", en="Case")
MESSAGES["timeline.col.previous"] = Message(vi="So với", en="Compared with")
MESSAGES["timeline.col.findings"] = Message(vi="Phát hiện", en="Findings")
MESSAGES["timeline.col.severity"] = Message(vi="Mức độ", en="Severity")
MESSAGES["timeline.col.code"] = Message(vi="Mã", en="Code")
MESSAGES["timeline.col.message"] = Message(vi="Nội dung", en="What was found")
MESSAGES["timeline.adjustment"] = Message(
    vi="Điều chỉnh {stage:word:stage}{target}", en="Adjustment of the {stage:word:stage}{target}"
)
MESSAGES["timeline.no_findings"] = Message(
    vi="Không có phát hiện nào ở các giai đoạn.", en="No finding at any stage."
)
MESSAGES["timeline.not_checked"] = Message(
    vi="Hồ sơ chưa được kiểm tra (chưa có phát hiện kèm theo): chạy ictcost.stages.check_dossier "
    "rồi truyền kết quả vào timeline(…, findings).",
    en="The dossier was not checked (no findings given): run ictcost.stages.check_dossier and "
    "pass its result to timeline(…, findings).",
)
MESSAGES["timeline.findings_title"] = Message(
    vi="Các phát hiện theo giai đoạn", en="Findings by stage"
)
MESSAGES["timeline.unmapped"] = Message(vi="không thuộc giai đoạn nào", en="not of one stage")
MESSAGES["timeline.adjusted"] = Message(vi="đã điều chỉnh", en="adjusted")
for _key, _vi, _en in (
    ("plan", "kinh phí dự kiến trong kế hoạch", "the plan's indicative budget"),
    ("policy", "sơ bộ tổng mức đầu tư", "the preliminary total investment"),
    ("approval", "tổng mức được phê duyệt", "the approved total"),
    ("selection_plan", "tổng giá các gói thầu", "the package prices, summed"),
    ("contract", "tổng giá trị hợp đồng", "the contract values, summed"),
    ("acceptance", "giá trị đã nghiệm thu", "the value accepted"),
    (
        "payment",
        "số tiền đã chi (tạm ứng + thanh toán − thu hồi tạm ứng)",
        "the cash paid (advances + payments − advance recovered)",
    ),
    ("settlement", "giá trị quyết toán", "the settled total"),
):
    MESSAGES[f"timeline.measure.{_key}"] = Message(vi=_vi, en=_en)
for _key, _vi, _en in (
    ("policy", "sơ bộ tổng mức đầu tư sau điều chỉnh", "the adjusted preliminary total"),
    ("approval", "tổng mức được phê duyệt sau điều chỉnh", "the adjusted approved total"),
    (
        "selection_plan",
        "tổng giá các gói thầu sau điều chỉnh",
        "the package prices, summed, as adjusted",
    ),
    (
        "contract",
        "tổng giá trị hợp đồng sau điều chỉnh",
        "the contract values, summed, as adjusted",
    ),
):
    MESSAGES[f"timeline.measure.adjusted.{_key}"] = Message(vi=_vi, en=_en)

# --- across a portfolio ---
MESSAGES["timeline.exceeding.title"] = Message(
    vi="Các dự án có giai đoạn sau vượt giai đoạn trước",
    en="Projects whose later stages exceed earlier ones",
)
MESSAGES["timeline.exceeding.none"] = Message(
    vi="Không dự án nào có giai đoạn sau vượt giai đoạn trước.",
    en="No project has a later stage above an earlier one.",
)
MESSAGES["timeline.exceeding"] = Message(
    vi="Dự án {project}: {stage:word:stage} {value:vnd} đ vượt {over:word:stage} {ceiling:vnd} đ "
    "(vượt {excess:vnd} đ, {percent}).",
    en="Project {project}: the {stage:word:stage} {value:vnd} VND is above the {over:word:stage} "
    "{ceiling:vnd} VND (by {excess:vnd} VND, {percent}).",
)
for _key, _vi, _en in (
    ("project", "Dự án", "Project"),
    ("stage", "Giai đoạn sau", "Later stage"),
    ("over", "Vượt giai đoạn", "Above the stage"),
    ("value", "Giá trị (đồng)", "Value (VND)"),
    ("ceiling", "Giá trị giai đoạn trước (đồng)", "Earlier value (VND)"),
    ("excess", "Vượt (đồng)", "Excess (VND)"),
    ("percent", "Vượt (%)", "Excess (%)"),
):
    MESSAGES[f"timeline.exceeding.col.{_key}"] = Message(vi=_vi, en=_en)

# --- the chart (ictcost.stages.chart) ---
MESSAGES["timeline.chart.title"] = Message(
    vi="Tiến trình giá trị dự án {project}", en="Values of project {project} over time"
)
MESSAGES["timeline.chart.y"] = Message(vi="Giá trị (triệu đồng)", en="Value (million VND)")
MESSAGES["timeline.chart.y_dong"] = Message(vi="Giá trị (đồng)", en="Value (VND)")
MESSAGES["timeline.chart.x"] = Message(vi="Ngày", en="Date")
for _key, _vi, _en in (
    ("approved", "Mức được duyệt (trần)", "Approved ceiling"),
    ("contracted", "Hợp đồng đã ký (lũy kế)", "Contracts signed (cumulative)"),
    ("accepted", "Đã nghiệm thu (lũy kế)", "Work accepted (cumulative)"),
    ("paid", "Đã chi (lũy kế)", "Cash paid (cumulative)"),
    ("settled", "Quyết toán", "Settled"),
    ("plan", "Kinh phí dự kiến (kế hoạch)", "Plan's indicative budget"),
    ("selection_plan", "Tổng giá gói thầu (KHLCNT)", "Package prices (selection plan)"),
    ("findings", "Phát hiện (số: xem danh sách)", "Finding (number: see the list)"),
):
    MESSAGES[f"timeline.chart.series.{_key}"] = Message(vi=_vi, en=_en)
MESSAGES["timeline.chart.mark"] = Message(
    vi="({n}) {date:date} · {stage:word:stage}: {codes}",
    en="({n}) {date:date} · {stage:word:stage}: {codes}",
)
MESSAGES["timeline.chart.no_marks"] = Message(
    vi="Không có lỗi hay cảnh báo nào để đánh dấu.", en="No error or warning to mark."
)
