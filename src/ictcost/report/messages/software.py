"""Messages of the software notes (see :mod:`ictcost.report.messages`).

The notes of :class:`ictcost.software.SoftwareCostResult`, its second opinion, and of
:class:`ictcost.software.KarnerResult` and :class:`ictcost.software.CocomoResult` (codes
``software.*``). The English templates write the sentences of the first releases word for word,
so they print exact numbers as ``str`` does (``{value!s}``: ``1.10`` stays ``1.10``); the
Vietnamese ones use the Vietnamese number style.
"""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    # --- the state use-case-point method (CV 2589 / QĐ 671) ------------------------------------
    "software.split_review": Message(
        vi="Trường hợp sử dụng có hơn {transactions} giao dịch cần được xem xét lại và thường "
        "phải tách nhỏ (thực tiễn áp dụng QĐ 671, một nguồn): {use_cases:list}.",
        en="Use case(s) with more than {transactions!s} transactions should be re-examined and "
        "normally split (QĐ 671 practice, single source): {use_cases:list}.",
    ),
    "software.upgrade": Message(
        vi="Nâng cấp: chỉ tính các trường hợp sử dụng mới hoặc có thay đổi ({unchanged} trường "
        "hợp sử dụng không đổi được liệt kê nhưng không tính). Hướng dẫn không quy định cách "
        "tính trường hợp sử dụng thay đổi một phần: mỗi trường hợp được tính theo mức độ phức "
        "tạp và hệ số BMT của nó.",
        en="Upgrade: only new or changed use cases are counted ({unchanged} unchanged use "
        "case(s) listed but not counted). The guidance states no rule for partially changed use "
        "cases: each counts with its own class and BMT coefficient.",
    ),
    "software.member_factors_averaged": Message(
        vi="Các hệ số thành viên {factors:list} được lấy bình quân theo các thành viên nhóm đã "
        "khai (một công cụ thời CV 2589 cũng làm như vậy; một nguồn).",
        en="Member factors {factors:list} were averaged over the team members given (one "
        "CV 2589-era tool does the same; single source).",
    ),
    "software.rounded_parts": Message(
        vi="G, C và TL được làm tròn đến đồng để hiển thị; G_PM là số làm tròn của tổng chính "
        "xác, nên tổng các phần đã làm tròn lệch 1 đồng so với G_PM.",
        en="G, C and TL are each rounded to whole đồng for display; G_PM is the rounding of "
        "their exact sum, so the rounded parts differ from it by 1 đồng.",
    ),
    "software.method": Message(
        vi="Phương pháp: {method}, phiên bản có hiệu lực vào ngày {on}.",
        en="Method: {method}, the version in force on {on}.",
    ),
    "software.method_status_unknown": Message(
        vi="Từ ngày {since}, chi phí được điều chỉnh bởi TT 39/2026/TT-BKHCN, văn bản này chưa "
        "được đọc: chưa rõ thông tư có giữ phương pháp của QĐ 671 hay không.",
        en="From {since} costs are governed by TT 39/2026/TT-BKHCN, whose text was not read: "
        "whether it keeps the QĐ 671 method is unknown.",
    ),
    "software.reference_only": Message(
        vi="Chế độ có hiệu lực vào ngày này không quy định phương pháp tính toán chi phí cho "
        "phần mềm nội bộ (các phương pháp được phép: {methods:keys:method-rules}): giá trị theo điểm trường "
        "hợp sử dụng này là ước tính tham khảo bên cạnh các phương pháp dựa trên báo giá.",
        en="The regime in force on this date does not list a cost-calculation method for "
        "internal software (allowed: {methods:keys:method-rules}): this UCP figure is a reference estimate "
        "beside the quotation-type methods.",
    ),
    # --- the second opinion beside the state figure --------------------------------------------
    "software.state_hours": Message(
        vi="Số giờ công theo phương pháp nhà nước = G / H = 1,4 × E × P (ý nghĩa của 1,4 và "
        "10/6 không được nêu trong nguồn nào đã đọc).",
        en="State person-hours = G / H = 1.4 × E × P (the meaning of 1.4 and 10/6 is not stated "
        "in any source read).",
    ),
    "software.karner_basis": Message(
        vi="Karner: UUCP không có hệ số BMT (phương pháp của ông không có hệ số này), cùng TCF "
        "và EF, PF = {productivity} giờ công cho mỗi UCP (một nguồn).",
        en="Karner: UUCP without the BMT coefficient (his method has none), the same TCF and EF, "
        "PF = {productivity!s} person-hours per UCP (single source).",
    ),
    "software.cocomo_size": Message(
        vi="Quy mô COCOMO = AUCP × {sloc_per_ucp} dòng lệnh mỗi UCP / 1000: tỷ lệ này là giả "
        "định của người lập dự toán, không phải số liệu có trích dẫn.",
        en="COCOMO size = AUCP × {sloc_per_ucp!s} SLOC per UCP / 1000: the ratio is the "
        "estimator's assumption, not a cited figure.",
    ),
    "software.cocomo_months_only": Message(
        vi="Số tháng công COCOMO không được quy đổi ra giờ: hãy khai hours_per_person_month để "
        "so sánh với số liệu theo phương pháp nhà nước.",
        en="COCOMO person-months are not converted to hours: give hours_per_person_month to "
        "compare them with the state figure.",
    ),
    # --- Karner (1993) -------------------------------------------------------------------------
    "software.karner_second_opinion": Message(
        vi="Ý kiến thứ hai: phương pháp điểm trường hợp sử dụng tổng quát của Karner (1993), "
        "trình bày bên cạnh số liệu theo phương pháp nhà nước và không bao giờ là một phần của "
        "số liệu đó.",
        en="Second opinion: Karner's generic use-case-point method (1993), reported beside the "
        "state figure and never part of it.",
    ),
    "software.karner_productivity_data": Message(
        vi="Năng suất PF = {productivity} giờ công cho mỗi điểm trường hợp sử dụng ({instrument}, "
        "bảng {table} dòng {row} cột {column} = {productivity} [{confidence}: {sources:list}]).",
        en="Productivity PF = {productivity!s} person-hours per use case point ({instrument}, "
        "{table} row {row} column {column} = {productivity!s} [{confidence}: {sources:list}]).",
    ),
    "software.karner_productivity_given": Message(
        vi="Năng suất PF = {productivity} giờ công cho mỗi điểm trường hợp sử dụng, do người "
        "dùng khai.",
        en="Productivity PF = {productivity!s} person-hours per use case point, given by the "
        "caller.",
    ),
    "software.karner_hours_only": Message(
        vi="Không có số giờ trong một tháng công: nỗ lực chỉ được tính bằng giờ công.",
        en="No hours-per-person-month figure was given: the effort is in person-hours only.",
    ),
    # --- COCOMO II.2000 ------------------------------------------------------------------------
    "software.cocomo_second_opinion": Message(
        vi="Ý kiến thứ hai: mô hình COCOMO II.2000 Post-Architecture (USC), hiệu chỉnh trên các "
        "dự án của Hoa Kỳ thập niên 1990; trình bày bên cạnh số liệu theo phương pháp nhà nước "
        "và không bao giờ là một phần của số liệu đó.",
        en="Second opinion: COCOMO II.2000 Post-Architecture model (USC), calibrated on US "
        "projects of the 1990s; reported beside the state figure and never part of it.",
    ),
    "software.cocomo_not_primary": Message(
        vi="{count} trong {total} giá trị của mô hình đã dùng không được đọc trực tiếp trong tài "
        "liệu định nghĩa mô hình (xem mức tin cậy của từng trích dẫn).",
        en="{count} of the {total} model values used were not read in the model definition "
        "itself (see each citation's confidence).",
    ),
    "software.cocomo_defaulted": Message(
        vi="Không được xếp hạng, lấy theo mức mặc định {rating} ({table}/"
        "default_effort_multiplier_rating; mức Nominal bằng 1,00 với mọi yếu tố): "
        "{drivers:list}.",
        en="Not rated, taken at the default rating {rating} ({table}/"
        "default_effort_multiplier_rating; Nominal is 1.00 for every driver): {drivers:list}.",
    ),
    "software.disputed_default": Message(
        vi="{ref} = {value} có giá trị khác nhau giữa các nguồn (đã dùng giá trị mặc định); các "
        "nguồn khác cho: {other_values:list} ({other_sources:list}).",
        en="{ref} = {value!s} is disputed (the default value was used); other sources give: "
        "{other_values:list} ({other_sources:list}).",
    ),
    "software.disputed_alternative": Message(
        vi="{ref} = {value} có giá trị khác nhau giữa các nguồn (đã dùng phương án "
        "{alternative}); các nguồn khác cho: {other_values:list} ({other_sources:list}).",
        en="{ref} = {value!s} is disputed (alternative {alternative} was used); other sources "
        "give: {other_values:list} ({other_sources:list}).",
    ),
}

MESSAGES["software.labour_team_average"] = Message(
    vi="Cách tính bình quân lương nhóm (software-cost-ucp.md §2.12 phương án A, gặp trong ba công cụ "
    "thời CV 2589); chưa đọc được văn bản pháp lý nào định nghĩa H.",
    en="Team-average variant (software-cost-ucp.md §2.12 variant A, seen in three CV 2589-era "
    "tools); no legal text defining H was read.",
)
MESSAGES["software.labour_pay_scale"] = Message(
    vi="Cách tính theo hệ số lương (software-cost-ucp.md §2.12 phương án C, một ví dụ năm 2025 theo "
    "QĐ 671); chưa đọc được văn bản pháp lý nào định nghĩa H.",
    en="Pay-scale variant (software-cost-ucp.md §2.12 variant C, one 2025 example written to "
    "QĐ 671); no legal text defining H was read.",
)
MESSAGES["software.labour_base_salary"] = Message(
    vi="Mức lương cơ sở {base_salary:vnd} đ/tháng lấy từ dữ liệu định mức ngày {on} ({instrument}).",
    en="Base salary {base_salary:vnd} đ/month read from the norms on {on} ({instrument}).",
)
