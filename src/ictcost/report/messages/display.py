"""Texts of the notebook displays (``__repr__``, ``_repr_html_``, :mod:`ictcost.report._repr`).

Codes ``display.*``, in Vietnamese and English; the figures are the renderer's.
"""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    "display.money": Message(vi="{amount} đ", en="{amount} đ"),
    "display.percent": Message(vi="{value} %", en="{value} %"),
    "display.regime_short": Message(vi="NĐ {decree}", en="Decree {decree}"),
    "display.regime": Message(
        vi="NĐ {decree}, thông tư {circular}", en="Decree {decree}, circular {circular}"
    ),
    "display.regime_override": Message(vi=" (áp dụng chuyển tiếp)", en=" (transitional rules)"),
    "display.col.item": Message(vi="Khoản mục", en="Item"),
    "display.col.value": Message(vi="Giá trị", en="Value"),
    "display.col.symbol": Message(vi="Ký hiệu", en="Symbol"),
    "display.col.name": Message(vi="Tên", en="Name"),
    "display.col.method": Message(vi="Phương pháp", en="Method"),
    "display.col.quantity": Message(vi="Khối lượng", en="Quantity"),
    "display.col.unit_price": Message(vi="Đơn giá", en="Unit price"),
    "display.col.vat_rate": Message(vi="Thuế suất GTGT", en="VAT rate"),
    "display.col.computation": Message(vi="Cách tính", en="Computation"),
    "display.col.severity": Message(vi="Mức độ", en="Severity"),
    "display.col.code": Message(vi="Mã quy tắc", en="Rule"),
    "display.col.line": Message(vi="Dòng", en="Line"),
    "display.col.finding": Message(vi="Nội dung", en="Finding"),
    "display.details": Message(vi="Cách tính và ghi chú", en="Computation and notes"),
    "display.notes": Message(vi="Ghi chú", en="Notes"),
    "display.notes_count": Message(vi="Ghi chú ({count})", en="Notes ({count})"),
    "display.vat.not_subject": Message(vi="không chịu thuế", en="not subject to VAT"),
    "display.vat.not_subject_short": Message(vi="KCT", en="not subject"),
    "display.not_in_total": Message(
        vi=" (tham khảo, không cộng vào tổng)", en=" (reference, not in the totals)"
    ),
    # --- an estimate: the Markdown document
    "display.md.date": Message(
        vi="Ngày: {date} — hình thức: {profile}", en="Date: {date} — document: {profile}"
    ),
    "display.md.regime": Message(vi="Chế độ pháp lý: {regime}", en="Legal regime: {regime}"),
    "display.md.summary": Message(vi="Tổng hợp", en="Summary"),
    "display.md.summary_head": Message(
        vi="| STT | Khoản mục | Ký hiệu | Trước thuế (đồng) | Thuế GTGT (đồng) | Sau thuế (đồng) |",
        en="| No. | Item | Symbol | Before VAT (đồng) | VAT (đồng) | After VAT (đồng) |",
    ),
    "display.md.in_words": Message(
        vi="Bằng chữ: *{words}*.", en="In words (Vietnamese): *{words}*."
    ),
    "display.md.lines": Message(vi="Chi tiết", en="Lines"),
    "display.md.lines_head": Message(
        vi="| Mã | Khoản mục | Phương pháp | KL | Đơn giá | Trước thuế | Thuế GTGT | Thuế | "
        "Sau thuế | Cách tính |",
        en="| Line | Item | Method | Qty | Unit price | Before VAT | VAT rate | VAT | After VAT "
        "| Computation |",
    ),
    "display.md.explained": Message(vi="Diễn giải", en="Details"),
    "display.md.contingency": Message(
        vi="Dự phòng: {how} = {amount:vnd} đồng.", en="Contingency: {how} = {amount:vnd} đồng."
    ),
    # --- an estimate: the notebook display
    "display.estimate.subtitle": Message(
        vi="{regime} · ngày {date} · {profile}", en="{regime} · on {date} · {profile}"
    ),
    "display.estimate.lines": Message(vi="Các dòng chi phí ({count})", en="Cost lines ({count})"),
    "display.estimate.explained": Message(
        vi="Diễn giải phí theo định mức, dự toán chuyên gia, dự phòng",
        en="Details of the fees, expert estimates and contingency",
    ),
    "display.estimate.contingency": Message(
        vi="Dự phòng: {how} = {amount}", en="Contingency: {how} = {amount}"
    ),
    "display.comparison.subtitle": Message(
        vi="{regime} · ngày {date} · {profile}", en="{regime} · on {date} · {profile}"
    ),
    # --- findings
    "display.findings.title": Message(vi="Kết quả kiểm tra", en="Findings"),
    "display.findings.counts": Message(
        vi="{errors} lỗi, {warnings} cảnh báo, {infos} thông tin",
        en="{errors} error(s), {warnings} warning(s), {infos} info",
    ),
    "display.findings.bases": Message(vi="Căn cứ của các quy tắc", en="Legal basis of the rules"),
    # --- a fee
    "display.fee.table": Message(vi="Tra bảng {tables:list}", en="Table {tables:list}"),
    "display.fee.subtitle": Message(
        vi="Hạng mục {part:part} · {form} · {regime} · ngày {date}",
        en="{part:part} part · {form} · {regime} · on {date}",
    ),
    "display.fee.form.project": Message(vi="dự án đầu tư", en="investment project"),
    "display.fee.form.ktkt": Message(
        vi="báo cáo kinh tế - kỹ thuật", en="economic-technical report"
    ),
    "display.fee.base": Message(
        vi="Chi phí làm cơ sở tính (trước thuế)", en="Base cost (before VAT)"
    ),
    "display.fee.rate": Message(vi="Định mức tỷ lệ", en="Rate"),
    "display.fee.k": Message(vi="Hệ số điều chỉnh K", en="Coefficient K"),
    "display.fee.before_minimum": Message(vi="Giá trị tính theo tỷ lệ", en="Amount by the rate"),
    "display.fee.minimum": Message(vi="Mức tối thiểu", en="Minimum amount"),
    "display.fee.amount": Message(vi="Chi phí (trước thuế)", en="Fee (before VAT)"),
    # --- a software cost
    "display.software.title": Message(
        vi="Chi phí phần mềm nội bộ theo {method}", en="Internal software cost by {method}"
    ),
    "display.software.subtitle": Message(
        vi="Phương pháp điểm trường hợp sử dụng · ngày {date}",
        en="Use-case-point method · on {date}",
    ),
    "display.software.use_cases": Message(
        vi="Các trường hợp sử dụng ({count})", en="Use cases ({count})"
    ),
    "display.software.factors": Message(
        vi="Các yếu tố kỹ thuật - công nghệ và môi trường",
        en="Technical and environmental factors",
    ),
    "display.software.use_case": Message(vi="Trường hợp sử dụng", en="Use case"),
    "display.software.bmt": Message(vi="Mức BMT", en="BMT"),
    "display.software.complexity": Message(vi="Mức độ phức tạp", en="Complexity"),
    "display.software.transactions": Message(vi="Số giao dịch", en="Transactions"),
    "display.software.points": Message(vi="Điểm", en="Points"),
    "display.software.not_counted": Message(vi=" (không tính)", en=" (not counted)"),
    "display.software.factor": Message(vi="Yếu tố", en="Factor"),
    "display.software.weight": Message(vi="Trọng số", en="Weight"),
    "display.software.rating": Message(vi="Giá trị xếp hạng", en="Rating"),
    "display.software.result": Message(vi="Kết quả", en="Result"),
    "display.complexity.simple": Message(vi="đơn giản", en="simple"),
    "display.complexity.average": Message(vi="trung bình", en="average"),
    "display.complexity.complex": Message(vi="phức tạp", en="complex"),
    "display.ucp.TAW": Message(vi="Tổng điểm các tác nhân", en="Actor points"),
    "display.ucp.TBF": Message(vi="Tổng điểm các trường hợp sử dụng", en="Use-case points"),
    "display.ucp.UUCP": Message(
        vi="Điểm trường hợp sử dụng chưa điều chỉnh", en="Unadjusted use-case points"
    ),
    "display.ucp.TFW": Message(
        vi="Tổng điểm các yếu tố kỹ thuật - công nghệ", en="Technical factor points"
    ),
    "display.ucp.TCF": Message(
        vi="Hệ số phức tạp về kỹ thuật - công nghệ", en="Technical complexity factor"
    ),
    "display.ucp.EFW": Message(vi="Tổng điểm các yếu tố môi trường", en="Environmental points"),
    "display.ucp.EF": Message(vi="Hệ số phức tạp về môi trường", en="Environmental factor"),
    "display.ucp.AUCP": Message(
        vi="Điểm trường hợp sử dụng sau điều chỉnh", en="Adjusted use-case points"
    ),
    "display.ucp.ES": Message(vi="Độ ổn định kinh nghiệm", en="Experience stability"),
    "display.ucp.P": Message(
        vi="Thời gian lao động (giờ công / AUCP)", en="Labour time (person-hours per AUCP)"
    ),
    "display.ucp.E": Message(vi="Giá trị nỗ lực thực tế", en="Effort"),
    "display.ucp.H": Message(
        vi="Mức lương lao động bình quân (đồng/giờ công)",
        en="Average labour rate (đồng per person-hour)",
    ),
    "display.ucp.G": Message(vi="Chi phí trực tiếp", en="Direct cost"),
    "display.ucp.C": Message(vi="Chi phí chung", en="Overhead"),
    "display.ucp.TL": Message(vi="Thu nhập chịu thuế tính trước", en="Pre-tax income"),
    "display.ucp.G_PM": Message(vi="Chi phí phần mềm", en="Software cost"),
}
