"""Texts of the command line and its console views (:mod:`ictcost.report.console`), vi and en.

The values arrive already written in the language's style (amounts, numbers and dates by the
renderer), so the templates use plain fields.
"""

from __future__ import annotations

from ictcost.report.messages import Message

_METHODS = {
    "norm": ("Định mức tỷ lệ", "Percentage norm"),
    "calculation": ("Phương pháp tính toán", "Calculation"),
    "quotation": ("Báo giá", "Quotations"),
    "tender": ("Kết quả trúng thầu tương tự", "Comparable tender results"),
    "expert": ("Dự toán chuyên gia", "Expert estimate"),
    "appraisal": ("Thẩm định giá", "Price appraisal"),
    "listed_price": ("Giá niêm yết / bảng giá", "Listed price / price list"),
    "market_price": ("Giá thị trường", "Market price"),
    "sector_norm": ("Định mức chuyên ngành", "Sector norm"),
    "contract_value": ("Giá trị hợp đồng", "Contract value"),
    "fixed": ("Giá trị xác định", "Given amount"),
}

_KINDS = {
    "coefficient_table": ("bảng hệ số", "coefficient table"),
    "constant_set": ("bộ hằng số", "constant set"),
    "rate_table": ("bảng tỷ lệ", "rate table"),
    "rule_set": ("bộ quy tắc", "rule set"),
    "threshold_set": ("bộ ngưỡng", "threshold set"),
}

_SOFTWARE_COLUMNS = {
    "complexity": ("mức độ", "complexity"),
    "count": ("số lượng", "count"),
    "weight": ("trọng số", "weight"),
    "points": ("điểm", "points"),
    "name": ("tên", "name"),
    "transactions": ("giao dịch", "transactions"),
    "bmt_coefficient": ("hệ số BMT", "BMT factor"),
    "counted": ("tính", "counted"),
    "code": ("mã", "code"),
    "label": ("nội dung", "factor"),
    "rating": ("giá trị", "rating"),
    "result": ("kết quả", "result"),
    "stability": ("độ ổn định", "stability"),
    "formula": ("công thức", "formula"),
    "value": ("giá trị", "value"),
    "rounded": ("làm tròn (đồng)", "rounded (VND)"),
}

MESSAGES: dict[str, Message] = {
    # --- cells --------------------------------------------------------------------------------
    "cli.yes": Message(vi="có", en="yes"),
    "cli.no": Message(vi="không", en="no"),
    "cli.open": Message(vi="nay", en="open"),
    "cli.amount": Message(vi="{amount} đ", en="{amount} VND"),
    "cli.wrote": Message(vi="đã ghi {path}", en="wrote {path}"),
    "cli.missing_extra": Message(
        vi="{what} cần phần bổ sung '{extra}': pip install 'ictcost[{extra}]' "
        "(từ mã nguồn: pip install -e '.[{extra}]')",
        en="{what} needs the '{extra}' extra: pip install 'ictcost[{extra}]' "
        "(from a checkout: pip install -e '.[{extra}]')",
    ),
    "cli.regime": Message(
        vi="NĐ {decree}, thông tư về chi phí {circular}",
        en="Decree {decree}, cost circular {circular}",
    ),
    "cli.regime_override": Message(
        vi="; áp dụng chuyển tiếp (chế độ có hiệu lực ngày {on} là chế độ khác)",
        en="; a transitional override (another regime is in force on {on})",
    ),
    "cli.demo.title": Message(vi="Ví dụ tính chi phí", en="Sample fee"),
    # --- columns ------------------------------------------------------------------------------
    "cli.col.id": Message(vi="mã", en="id"),
    "cli.col.item": Message(vi="khoản mục", en="item"),
    "cli.col.before_vat": Message(vi="trước thuế", en="before VAT"),
    "cli.col.vat_rate": Message(vi="thuế suất", en="VAT rate"),
    "cli.col.vat": Message(vi="thuế GTGT", en="VAT"),
    "cli.col.after_vat": Message(vi="sau thuế", en="after VAT"),
    "cli.col.method": Message(vi="phương pháp", en="method"),
    "cli.col.computation": Message(vi="cách tính", en="computation"),
    "cli.col.number": Message(vi="STT", en="no."),
    "cli.col.symbol": Message(vi="ký hiệu", en="symbol"),
    # --- fees ---------------------------------------------------------------------------------
    "cli.category.infrastructure": Message(vi="hạ tầng kỹ thuật", en="infrastructure"),
    "cli.category.software": Message(vi="phần mềm nội bộ, cơ sở dữ liệu", en="software/database"),
    "cli.form.project": Message(vi="dự án", en="project"),
    "cli.form.ktkt": Message(vi="báo cáo kinh tế - kỹ thuật", en="ktkt report"),
    "cli.fee.head": Message(
        vi="{category} · {form} · chi phí làm cơ sở {base} đ · ngày {on}",
        en="{category} · {form} · base {base} VND · on {on}",
    ),
    "cli.fee.col.table": Message(vi="bảng/cột", en="table/column"),
    "cli.fee.col.gt": Message(vi="Gt (tỷ)", en="Gt (bn)"),
    "cli.fee.col.rate": Message(vi="tỷ lệ %", en="rate %"),
    "cli.fee.col.weight": Message(vi="trọng số", en="weight"),
    "cli.fee.k": Message(
        vi="K {column} = {value} ({ref}, độ tin cậy {confidence})",
        en="K {column} = {value} ({ref}, confidence {confidence})",
    ),
    "cli.fee.amount": Message(
        vi="tỷ lệ {rate} % × K {k} → chi phí trước thuế {amount}",
        en="rate {rate} % × K {k} → before VAT {amount}",
    ),
    "cli.fee.basis": Message(vi="căn cứ: {basis}", en="basis: {basis}"),
    # --- estimate -----------------------------------------------------------------------------
    "cli.method_status.reference": Message(vi=" (tham khảo)", en=" (reference)"),
    "cli.method_status.not_allowed": Message(
        vi=" (không thuộc phương pháp được phép)", en=" (not an allowed method)"
    ),
    "cli.estimate.detail": Message(vi="Chi tiết", en="Lines"),
    "cli.estimate.computation": Message(vi="Cách tính", en="Computation"),
    "cli.estimate.summary": Message(vi="Tổng hợp", en="Summary"),
    "cli.estimate.in_words": Message(vi="Bằng chữ: {words}", en="In words (Vietnamese): {words}"),
    "cli.estimate.contingency": Message(
        vi="Dự phòng: {how} = {total}", en="Contingency: {how} = {total}"
    ),
    # --- software -----------------------------------------------------------------------------
    "cli.complexity.simple": Message(vi="đơn giản", en="simple"),
    "cli.complexity.average": Message(vi="trung bình", en="average"),
    "cli.complexity.complex": Message(vi="phức tạp", en="complex"),
    "cli.software.title": Message(vi="Chi phí phần mềm nội bộ", en="Internal software cost"),
    "cli.software.actors": Message(vi="Tác nhân (TAW)", en="Actors (TAW)"),
    "cli.software.use_cases": Message(vi="Trường hợp sử dụng (TBF)", en="Use cases (TBF)"),
    "cli.software.technical": Message(
        vi="Hệ số kỹ thuật - công nghệ (TFW)", en="Technical factors (TFW)"
    ),
    "cli.software.environmental": Message(
        vi="Hệ số môi trường (EFW, ES)", en="Environmental factors (EFW, ES)"
    ),
    "cli.software.summary": Message(vi="Bảng tổng hợp", en="Summary"),
    "cli.software.second_opinion": Message(
        vi="Ý kiến thứ hai (không tính vào G_PM): phương pháp nhà nước {state} giờ công; "
        "Karner {karner} giờ (× {ratio})",
        en="Second opinion (not part of G_PM): state method {state} person-hours; "
        "Karner {karner} h (× {ratio})",
    ),
    "cli.software.cocomo": Message(
        vi="; COCOMO II {pm} người-tháng", en="; COCOMO II {pm} person-months"
    ),
    "cli.software.cocomo_hours": Message(
        vi=" = {hours} giờ (× {ratio})", en=" = {hours} h (× {ratio})"
    ),
    # --- norms --------------------------------------------------------------------------------
    "cli.norms.list": Message(vi="Các bảng định mức của ictcost", en="ictcost norm tables"),
    "cli.norms.list_on": Message(
        vi="Các bảng định mức của ictcost có hiệu lực ngày {on}",
        en="ictcost norm tables in force on {on}",
    ),
    "cli.norms.col.id": Message(vi="mã bảng", en="id"),
    "cli.norms.col.table": Message(
        vi="tên · loại · văn bản · thời gian hiệu lực", en="title · kind · instrument · periods"
    ),
    "cli.norms.col.row": Message(vi="dòng", en="row"),
    "cli.norms.alternative": Message(vi="  hoặc {value}", en="  or {value}"),
    "cli.norms.about": Message(
        vi="{instrument} ({issuer}); phiên bản {period}; đơn vị {unit}; kiểm tra lần cuối "
        "{verified}",
        en="{instrument} ({issuer}); version {period}; unit {unit}; last verified {verified}",
    ),
    "cli.problems": Message(vi="{n} vấn đề", en="{n} problem(s)"),
    "cli.norms.empty_pack": Message(
        vi="{folder} không có tệp định mức nào (*.yaml)", en="{folder} has no norm file (*.yaml)"
    ),
    # --- checks -------------------------------------------------------------------------------
    "cli.severity.error": Message(vi="LỖI ({n})", en="ERROR ({n})"),
    "cli.severity.warning": Message(vi="CẢNH BÁO ({n})", en="WARNING ({n})"),
    "cli.severity.info": Message(vi="THÔNG TIN ({n})", en="INFO ({n})"),
    "cli.basis.above": Message(vi="[căn cứ: như {code} ở trên]", en="[basis: as for {code} above]"),
    "cli.findings.count": Message(
        vi="{errors} lỗi, {warnings} cảnh báo, {infos} thông tin",
        en="{errors} error(s), {warnings} warning(s), {infos} info",
    ),
    "cli.findings.portfolio": Message(
        vi="Giữa các dự án trong danh mục", en="Across the portfolio"
    ),
    "cli.own_summary": Message(
        vi="{file}: {errors} lỗi, {warnings} cảnh báo của chính tệp này hoặc trùng lặp liên quan "
        "đến nó (quyết định mã thoát)",
        en="{file}: {errors} error(s), {warnings} warning(s) of its own or in overlaps involving "
        "it (they set the exit status)",
    ),
    "cli.progress.reading": Message(vi="đọc danh mục dự án", en="reading the portfolio"),
    "cli.progress.checking": Message(vi="kiểm tra", en="checking"),
    # --- config -------------------------------------------------------------------------------
    "cli.config.title": Message(vi="Cấu hình đang áp dụng", en="Settings in effect"),
    "cli.config.files": Message(vi="tệp cấu hình: {files}", en="configuration file: {files}"),
    "cli.config.no_file": Message(
        vi="không tìm thấy tệp cấu hình (ictcost.toml, [tool.ictcost] trong pyproject.toml)",
        en="no configuration file found (ictcost.toml, [tool.ictcost] in pyproject.toml)",
    ),
    "cli.config.col.key": Message(vi="khóa", en="key"),
    "cli.config.col.value": Message(vi="giá trị", en="value"),
    "cli.config.col.source": Message(vi="nguồn", en="from"),
    "cli.config.default": Message(vi="mặc định", en="default"),
    "cli.config.command_line": Message(vi="dòng lệnh", en="command line"),
}
"""The texts of the command line, by code (``cli.*``)."""

MESSAGES.update({f"cli.method.{k}": Message(vi=vi, en=en) for k, (vi, en) in _METHODS.items()})
MESSAGES.update({f"cli.kind.{k}": Message(vi=vi, en=en) for k, (vi, en) in _KINDS.items()})
MESSAGES.update(
    {f"cli.software.col.{k}": Message(vi=vi, en=en) for k, (vi, en) in _SOFTWARE_COLUMNS.items()}
)
MESSAGES["cli.template.copy_software"] = Message(
    vi="Lưu ý: dòng {line} dùng tệp đầu vào phần mềm {file}, chưa có trong thư mục {folder}: "
    "hãy sao chép tệp vào đó trước khi lập dự toán từ sổ tính.",
    en="Note: line {line} uses the software input {file}, which is not in the folder {folder}: "
    "copy it there before estimating from the workbook.",
)

_PORTFOLIO = {
    "progress": ("Tính và kiểm tra dự toán", "Computing and checking estimates"),
    "files": ("Tệp", "Files"),
    "loaded": ("Đã tính và lưu", "Computed and stored"),
    "unchanged": ("Không đổi (bỏ qua)", "Unchanged (skipped)"),
    "removed": ("Đã xóa (tệp không còn)", "Removed (file gone)"),
    "skipped": ("Bảng so sánh của ictcost (bỏ qua)", "ictcost comparison tables (skipped)"),
    "errors": ("Không đọc được", "Cannot be read"),
    "not_computed": ("Không tính được", "Cannot be computed"),
    "findings": ("Phát hiện đã lưu", "Findings stored"),
    "executor": ("Chạy trên", "Ran on"),
    "workers": ("Số tiến trình", "Workers"),
    "seconds": ("Thời gian (giây)", "Time (seconds)"),
    "summary": ("Danh mục", "Portfolio"),
    "estimates": ("Dự toán", "Estimates"),
    "lines": ("Dòng", "Lines"),
    "overlaps": ("Trùng lặp giữa các dự toán", "Overlaps across estimates"),
    "outliers": ("Đơn giá trên P90 của mặt hàng", "Unit prices above their item's P90"),
    "none": ("Không có.", "None."),
    "code": ("Mã", "Code"),
    "count": ("Số dự toán", "Estimates"),
    "finding": ("Phát hiện", "Finding"),
    "estimate": ("Dự toán", "Estimate"),
    "line": ("Dòng", "Line"),
    "item": ("Mặt hàng", "Item"),
    "price": ("Đơn giá", "Unit price"),
    "p90": ("P90", "P90"),
    "bad_files": ("Tệp không đọc được", "Files that cannot be read"),
    "by_severity": ("Phát hiện theo mức", "Findings by severity"),
    "fee_lines": ("Dòng phí theo định mức tỷ lệ", "Percentage-norm fee lines"),
    "fee_differing": ("Dòng phí lệch định mức", "Fee lines off the norm"),
    "fee_refused": ("Dòng phí định mức không áp dụng", "Fee lines the norm refuses"),
    "fee_differences": (
        "Phí khác với định mức cho giá trị làm căn cứ",
        "Fees that differ from the norm for their base",
    ),
}
MESSAGES.update({f"cli.portfolio.{k}": Message(vi=vi, en=en) for k, (vi, en) in _PORTFOLIO.items()})
MESSAGES.update(
    {
        "cli.portfolio.executor.process": Message(vi="các tiến trình của máy này", en="processes"),
        "cli.portfolio.executor.serial": Message(vi="một tiến trình", en="one process"),
        "cli.portfolio.executor.dask": Message(vi="cụm Dask", en="a Dask cluster"),
        "cli.portfolio.severity.error": Message(vi="lỗi", en="error"),
        "cli.portfolio.severity.warning": Message(vi="cảnh báo", en="warning"),
        "cli.portfolio.severity.info": Message(vi="thông tin", en="info"),
    }
)
