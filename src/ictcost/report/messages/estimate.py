"""Messages of the estimate's notes (see :mod:`ictcost.report.messages`)."""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    "estimate.reference_method": Message(
        vi="NĐ {decree} không quy định phương pháp {method!r} cho {component}: giá trị này là ước "
        "tính tham khảo bên cạnh các phương pháp được quy định.",
        en="NĐ {decree} does not list {method!r} for {component}: the figure is a reference "
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
        vi="Áp dụng chế độ {regime} theo quy định chuyển tiếp ({in_force} có hiệu lực vào ngày "
        "{on}).",
        en="Regime {regime} applied by transitional override ({in_force} is in force on {on}).",
    ),
    "regime.describe": Message(
        vi="{id} (NĐ {decree}, thông tư về chi phí {circular})",
        en="{id} (NĐ {decree}, cost circular {circular})",
    ),
    "regime.describe_override": Message(
        vi="; áp dụng chuyển tiếp thay cho {in_force} có hiệu lực ngày {on}",
        en="; transitional override of {in_force} in force on {on}",
    ),
    "estimate.no_contingency": Message(
        vi="Không có chi phí dự phòng.",
        en="No contingency was given.",
    ),
    "contingency.tt18_not_read": Message(
        vi="Mức trần Kps dựa trên TT 04/2020/TT-BTTTT; TT 18/2024/TT-BTTTT (ký ngày 30/12/2024) "
        "có thể đã thay thế và quy định dự phòng của thông tư này chưa được đọc.",
        en="The Kps cap rests on TT 04/2020/TT-BTTTT; TT 18/2024/TT-BTTTT (signed 30/12/2024) "
        "probably superseded it and its contingency rule was not read.",
    ),
    "contingency.escalation_formula_inferred": Message(
        vi="Dự phòng trượt giá = Σ (cơ sở + phần khối lượng) × tỷ trọng × ((1 + chỉ số)^năm − 1), "
        "công thức theo thực hành xây dựng; nghị định không quy định (suy luận).",
        en="Escalation = Σ (base + volume part) × share × ((1 + index)^year − 1), the "
        "construction-practice formula; the decree fixes none (inferred).",
    ),
}
