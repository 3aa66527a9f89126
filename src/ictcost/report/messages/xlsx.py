"""Texts of the estimate workbook only (:mod:`ictcost.report.excel`), in Vietnamese and English.

The workbook is written in Vietnamese; the English templates keep the catalogue complete. Sheet
names, column headers and the labels the workbook importer reads back are layout, not messages
(:mod:`ictcost.report.layout`).
"""

from __future__ import annotations

from ictcost.report.messages import Message

_FLAGS: dict[str, Message] = {
    "reference_only": Message(vi="chỉ để tham khảo", en="reference only"),
    "fixed": Message(vi="giá trị cho trước kèm căn cứ", en="an amount given with its basis"),
    "below_range": Message(
        vi="cơ sở tính nhỏ hơn mốc đầu của bảng định mức",
        en="the base is below the first breakpoint of the norm table",
    ),
    "above_range": Message(
        vi="cơ sở tính lớn hơn mốc cuối của bảng định mức",
        en="the base is above the last breakpoint of the norm table",
    ),
    "minimum_applied": Message(vi="áp dụng mức tối thiểu", en="the minimum applied"),
    "disputed_value": Message(
        vi="giá trị định mức có nguồn khác nhau (dùng giá trị mặc định)",
        en="a norm value the sources dispute (the default used)",
    ),
    "user_pack": Message(
        vi="giá trị lấy từ bộ dữ liệu của người dùng", en="a value from a user's norm pack"
    ),
    "transitional_override": Message(
        vi="áp dụng chế độ chuyển tiếp", en="a transitional regime applied"
    ),
    "ktkt_above_ceiling": Message(
        vi="báo cáo kinh tế - kỹ thuật vượt ngưỡng thiết kế một bước",
        en="a KTKT report above the one-step design ceiling",
    ),
    "split_review": Message(
        vi="trường hợp sử dụng có nhiều giao dịch, cần xem xét tách",
        en="a use case with many transactions, to review for a split",
    ),
    "upgrade": Message(vi="nâng cấp phần mềm", en="a software upgrade"),
    "method_status_unknown": Message(
        vi="chưa rõ phương pháp còn được áp dụng", en="whether the method still applies is unknown"
    ),
    "base_override": Message(
        vi="cơ sở tính được thay, có lý do", en="the fee base overridden with a reason"
    ),
    "base_differs": Message(
        vi="cơ sở tính khác cơ sở xác định theo định mức",
        en="the fee base differs from the derived one",
    ),
    "reference_beside": Message(
        vi="giá trị tham khảo ghi bên cạnh, không tính vào tổng",
        en="a reference figure beside the line, not in the totals",
    ),
    "reference_in_total": Message(
        vi="tổng có giá trị theo phương pháp chỉ để tham khảo",
        en="the totals include a reference-only figure",
    ),
    "fee_base_gap": Message(
        vi="có dòng không thuộc cơ sở tính chi phí định mức nào",
        en="lines in no base of a fee item",
    ),
    "vat_by_period": Message(vi="thuế GTGT theo từng giai đoạn thuế suất", en="VAT by rate period"),
    "vat_rate_assumed": Message(vi="thuế suất GTGT giả định", en="an assumed VAT rate"),
    "authority_method": Message(
        vi="phương pháp do cơ quan có thẩm quyền quyết định",
        en="a method the competent authority decides",
    ),
    "form_deprecated": Message(
        vi="trường hình thức cũ đã được chuyển đổi", en="the deprecated form field was mapped"
    ),
}
"""Words for the flags of :data:`ictcost.keys.Flag` (the workbook shows no flag name)."""

MESSAGES: dict[str, Message] = {
    **{f"xlsx.flag.{key}": text for key, text in _FLAGS.items()},
    # --- every sheet
    "xlsx.flags": Message(vi="Lưu ý: {flags}.", en="Marks: {flags}."),
    "xlsx.page": Message(vi="Trang &P/&N", en="Page &P/&N"),
    "xlsx.period.open": Message(vi="từ {start}", en="from {start}"),
    "xlsx.period.closed": Message(vi="{start} – {end}", en="{start} – {end}"),
    "xlsx.more_citations": Message(
        vi="… và {count} trích dẫn khác (xem sheet '{sheet}')",
        en="… and {count} more citation(s) (see sheet '{sheet}')",
    ),
    # --- Tổng hợp
    "xlsx.regime": Message(
        vi="Nghị định số {decree}; Thông tư số {circular} (về chi phí)",
        en="Decree {decree}; circular {circular} (costs)",
    ),
    "xlsx.regime_override": Message(
        vi="; áp dụng chuyển tiếp thay cho {in_force} có hiệu lực vào ngày {on}",
        en="; transitional override of {in_force} in force on {on}",
    ),
    "xlsx.group_sum": Message(
        vi="Σ các dòng nhóm {symbol} ở sheet '{sheet}'",
        en="Σ of the lines of group {symbol} in sheet '{sheet}'",
    ),
    "xlsx.no_contingency": Message(
        vi="Không tính dự phòng (không có đầu vào).",
        en="No contingency (none was given).",
    ),
    "xlsx.contingency.single_coefficient": Message(
        vi="Quy tắc: một hệ số dự phòng Kps (đã gồm trượt giá)",
        en="Rule: one contingency coefficient Kps (escalation included)",
    ),
    "xlsx.contingency.quantity_and_escalation": Message(
        vi="Quy tắc: dự phòng khối lượng phát sinh + dự phòng trượt giá",
        en="Rule: extra-volume part + price-escalation part",
    ),
    "xlsx.contingency.quantity_and_provisional": Message(
        vi="Quy tắc: dự phòng khối lượng phát sinh (không có trượt giá)",
        en="Rule: extra-volume part only (no escalation)",
    ),
    "xlsx.contingency.quantity_only": Message(
        vi="Quy tắc: chỉ dự phòng khối lượng phát sinh (không có trượt giá, TT 03/2020)",
        en="Rule: extra-volume part only (no escalation, TT 03/2020)",
    ),
    "xlsx.contingency.after_vat": Message(
        vi="; tính trên giá trị sau thuế.", en="; on the amounts after VAT."
    ),
    "xlsx.contingency.before_vat": Message(
        vi="; tính trên giá trị trước thuế.", en="; on the amounts before VAT."
    ),
    "xlsx.contingency.cap": Message(vi="Mức trần: {cap} %.", en="Cap: {cap} %."),
    "xlsx.contingency.parts": Message(
        vi="Dự phòng khối lượng: {volume:vnd} đ; trượt giá: {escalation:vnd} đ.",
        en="Extra volume: {volume:vnd} đ; escalation: {escalation:vnd} đ.",
    ),
    "xlsx.contingency.year": Message(
        vi="Năm {year}: tỷ trọng {share} %, chỉ số trượt giá {index} %/năm",
        en="Year {year}: share {share} %, escalation index {index} %/year",
    ),
    "xlsx.line_flags": Message(
        vi="Lưu ý ở các dòng: {flags} (xem sheet '{sheet}').",
        en="Marks on the lines: {flags} (see sheet '{sheet}').",
    ),
    "xlsx.words": Message(vi="Bằng chữ:", en="In words:"),
    "xlsx.words_stale": Message(
        vi="⚠ Tổng cộng đã thay đổi (dòng Bằng chữ ghi cho {amount:vnd} đồng): cập nhật dòng "
        "Bằng chữ",
        en="⚠ The total has changed (the words were written for {amount:vnd} đồng): update the "
        "words",
    ),
    "xlsx.notes": Message(vi="Ghi chú:", en="Notes:"),
    "xlsx.place_date": Message(
        vi="…………, ngày {day} tháng {month} năm {year}",
        en="…………, {year}-{month}-{day}",
    ),
    "xlsx.place_blank": Message(vi="…………, ngày …… tháng …… năm ……", en="…………, date …………"),
    "xlsx.sign.preparer": Message(vi="NGƯỜI LẬP", en="PREPARED BY"),
    "xlsx.sign.reviewer": Message(vi="NGƯỜI KIỂM TRA", en="CHECKED BY"),
    "xlsx.sign.stage_unit": Message(vi="ĐẠI DIỆN ĐƠN VỊ {stage}", en="FOR THE {stage} UNIT"),
    "xlsx.sign.checker": Message(vi="NGƯỜI CHỦ TRÌ (KIỂM TRA)", en="CHECKED BY"),
    "xlsx.sign.unit": Message(vi="ĐẠI DIỆN ĐƠN VỊ LẬP", en="FOR THE PREPARING UNIT"),
    "xlsx.sign.person": Message(vi="(Ký, ghi rõ họ tên)", en="(signature and full name)"),
    "xlsx.sign.seal": Message(vi="(Ký tên, đóng dấu)", en="(signature and seal)"),
    "xlsx.keys": Message(
        vi="Các ô dữ liệu để ictcost đọc lại tệp (mã, không in):",
        en="Key cells ictcost reads the file back from (codes, not printed):",
    ),
    "xlsx.footer": Message(
        vi="Các ô tổng là công thức; sheet '{sheet}' so sánh kết quả công thức với giá trị do "
        "ictcost {version} tính (chênh lệch phải bằng 0).",
        en="The totals are formulas; sheet '{sheet}' compares each formula's result with the "
        "value ictcost {version} computed (the difference must be 0).",
    ),
    # --- Trích dẫn
    "xlsx.citation.short": Message(
        vi="{ref} = {value} [{instrument}]", en="{ref} = {value} [{instrument}]"
    ),
    "xlsx.citation.source": Message(vi="{id}: {title}", en="{id}: {title}"),
    "xlsx.citation.source_url": Message(vi="{id}: {title} <{url}>", en="{id}: {title} <{url}>"),
    "xlsx.citation.alternative": Message(
        vi="{confidence:word:confidence} (phương án {alternative})",
        en="{confidence:word:confidence} (alternative {alternative})",
    ),
    "xlsx.citation.confidence": Message(
        vi="{confidence:word:confidence}", en="{confidence:word:confidence}"
    ),
    "xlsx.citation.override": Message(
        vi="{pack} (thay bảng của ictcost)", en="{pack} (replaces ictcost's table)"
    ),
    "xlsx.citation.other_value": Message(
        vi="{value} (nguồn {sources:list})", en="{value} (sources {sources:list})"
    ),
    # --- Phí theo định mức
    "xlsx.fee.table": Message(
        vi="– Bảng {table} (cột {column:word:column})",
        en="– Table {table} (column {column:word:column})",
    ),
    "xlsx.fee.k": Message(
        vi="– Hệ số K ({condition:key:qd1688-k-coefficients})",
        en="– Coefficient K ({condition:key:qd1688-k-coefficients})",
    ),
    "xlsx.fee.minimum": Message(
        vi="– Mức tối thiểu (thành tiền không thấp hơn)",
        en="– Minimum (the amount is not lower)",
    ),
    "xlsx.fee.position.between": Message(
        vi="Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)",
        en="Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)",
    ),
    "xlsx.fee.position.at_breakpoint": Message(
        vi="Gt trùng một mốc của bảng: Nt = Nb", en="Gt is a breakpoint of the table: Nt = Nb"
    ),
    "xlsx.fee.position.below_range": Message(
        vi="Gt nhỏ hơn mốc đầu của bảng: Nt = Na của mốc đầu ({policy:word:policy})",
        en="Gt is below the first breakpoint: Nt = Na of the first one ({policy:word:policy})",
    ),
    "xlsx.fee.position.above_range": Message(
        vi="Gt lớn hơn mốc cuối của bảng: Nt = Nb của mốc cuối ({policy:word:policy})",
        en="Gt is above the last breakpoint: Nt = Nb of the last one ({policy:word:policy})",
    ),
    # --- Thiết bị
    "xlsx.price_list.row": Message(
        vi="– Bảng giá {price_list}, mã {code}", en="– Price list {price_list}, item {code}"
    ),
    "xlsx.price_list.cell": Message(
        vi="{instrument}; hiệu lực {period}", en="{instrument}; in force {period}"
    ),
    # --- Diễn giải khác
    "xlsx.rental.periods": Message(
        vi="– Đơn giá mỗi {period} × số kỳ", en="– Price per {period} × periods"
    ),
    "xlsx.annuity.build_cost": Message(
        vi="– Tđ: chi phí xây dựng, phát triển dịch vụ (đồng)",
        en="– Tđ: cost of building the service (đồng)",
    ),
    "xlsx.annuity.residual_value": Message(
        vi="– S: giá trị thu hồi (đồng)", en="– S: residual value (đồng)"
    ),
    "xlsx.annuity.annual_rate": Message(
        vi="– N: lãi suất năm (%)", en="– N: annual interest rate (%)"
    ),
    "xlsx.annuity.periods_per_year": Message(
        vi="– k: số kỳ thanh toán trong năm", en="– k: payment periods per year"
    ),
    "xlsx.annuity.periods": Message(vi="– n: số kỳ thuê", en="– n: rental periods"),
    "xlsx.annuity.rate": Message(vi="– r: lãi suất mỗi kỳ", en="– r: rate per period"),
    "xlsx.annuity.rate_how": Message(vi="r = N / 100 / k", en="r = N / 100 / k"),
    "xlsx.annuity.per_period": Message(
        vi="– Gdv: giá thuê mỗi kỳ (trước thuế)", en="– Gdv: price per period (before VAT)"
    ),
    "xlsx.annuity.total": Message(
        vi="– Gtdv: giá thuê cả thời gian thuê", en="– Gtdv: price of the whole rental"
    ),
    "xlsx.annuity.total_how": Message(vi="Gtdv = Gdv × n", en="Gtdv = Gdv × n"),
    # --- Phần mềm
    "xlsx.ucp.table.actors": Message(
        vi="Bảng tác nhân: Điểm = Số tác nhân × Trọng số",
        en="Actors: points = count × weight",
    ),
    "xlsx.ucp.table.use_cases": Message(
        vi="Bảng trường hợp sử dụng: Điểm = Trọng số × Hệ số BMT (tính vào TBF khi cột J = 1)",
        en="Use cases: points = weight × BMT coefficient (counted in TBF when column J = 1)",
    ),
    "xlsx.ucp.table.technical": Message(
        vi="Yếu tố kỹ thuật - công nghệ: Kết quả = Giá trị xếp hạng × Trọng số",
        en="Technical factors: result = rating × weight",
    ),
    "xlsx.ucp.table.environmental": Message(
        vi="Yếu tố môi trường: Kết quả = Giá trị xếp hạng × Trọng số; "
        "cột J: độ ổn định kinh nghiệm",
        en="Environmental factors: result = rating × weight; column J: experience stability",
    ),
    "xlsx.ucp.table.constants": Message(
        vi="Hằng số của phương pháp ({method})", en="Constants of the method ({method})"
    ),
    "xlsx.ucp.actor": Message(vi="Tác nhân {label}", en="Actor: {label}"),
    "xlsx.ucp.use_case": Message(
        vi="BMT {bmt}; mức {complexity}", en="BMT {bmt}; class {complexity}"
    ),
    "xlsx.ucp.use_case_transactions": Message(
        vi="BMT {bmt}; mức {complexity} ({transactions} giao dịch)",
        en="BMT {bmt}; class {complexity} ({transactions} transactions)",
    ),
    "xlsx.ucp.class.simple": Message(vi="đơn giản", en="simple"),
    "xlsx.ucp.class.average": Message(vi="trung bình", en="average"),
    "xlsx.ucp.class.complex": Message(vi="phức tạp", en="complex"),
    "xlsx.ucp.const.tcf_base": Message(vi="Hằng số của TCF", en="Constant of TCF"),
    "xlsx.ucp.const.tcf_per_tfw": Message(vi="Hệ số của TFW trong TCF", en="TFW factor of TCF"),
    "xlsx.ucp.const.ef_base": Message(vi="Hằng số của EF", en="Constant of EF"),
    "xlsx.ucp.const.ef_per_efw": Message(vi="Hệ số của EFW trong EF", en="EFW factor of EF"),
    "xlsx.ucp.const.effort_numerator": Message(
        vi="Tử số của hệ số nỗ lực E / AUCP", en="Numerator of E / AUCP"
    ),
    "xlsx.ucp.const.effort_denominator": Message(
        vi="Mẫu số của hệ số nỗ lực E / AUCP", en="Denominator of E / AUCP"
    ),
    "xlsx.ucp.const.g_factor": Message(
        vi="Hệ số của chi phí trực tiếp G", en="Factor of the direct cost G"
    ),
    "xlsx.ucp.const.overhead_percent": Message(
        vi="Tỷ lệ chi phí chung (%)", en="Overhead rate (%)"
    ),
    "xlsx.ucp.const.pre_tax_income_percent": Message(
        vi="Tỷ lệ thu nhập chịu thuế tính trước (%)", en="Pre-tax income rate (%)"
    ),
    "xlsx.ucp.unchanged": Message(vi="không thay đổi: không tính", en="unchanged: not counted"),
    "xlsx.ucp.TAW": Message(vi="Tổng điểm các tác nhân", en="Total actor points"),
    "xlsx.ucp.TAW.how": Message(vi="Σ điểm bảng tác nhân", en="Σ actor points"),
    "xlsx.ucp.TBF": Message(vi="Tổng điểm các trường hợp sử dụng", en="Total use-case points"),
    "xlsx.ucp.TBF.how": Message(
        vi="Σ trọng số × hệ số BMT (các trường hợp được tính)",
        en="Σ weight × BMT coefficient (counted use cases)",
    ),
    "xlsx.ucp.UUCP": Message(
        vi="Điểm trường hợp sử dụng chưa điều chỉnh", en="Unadjusted use-case points"
    ),
    "xlsx.ucp.UUCP.how": Message(vi="TAW + TBF", en="TAW + TBF"),
    "xlsx.ucp.TFW": Message(
        vi="Tổng điểm các yếu tố kỹ thuật - công nghệ", en="Technical factor total"
    ),
    "xlsx.ucp.TFW.how": Message(vi="Σ trọng số × giá trị xếp hạng", en="Σ weight × rating"),
    "xlsx.ucp.TCF": Message(
        vi="Hệ số phức tạp về kỹ thuật - công nghệ", en="Technical complexity factor"
    ),
    "xlsx.ucp.TCF.how": Message(
        vi="{tcf_base} + {tcf_per_tfw} × TFW", en="{tcf_base} + {tcf_per_tfw} × TFW"
    ),
    "xlsx.ucp.EFW": Message(vi="Tổng điểm các yếu tố môi trường", en="Environmental total"),
    "xlsx.ucp.EFW.how": Message(vi="Σ trọng số × giá trị xếp hạng", en="Σ weight × rating"),
    "xlsx.ucp.EF": Message(vi="Hệ số phức tạp về môi trường", en="Environmental factor"),
    "xlsx.ucp.EF.how": Message(
        vi="{ef_base} − {ef_per_efw} × EFW", en="{ef_base} − {ef_per_efw} × EFW"
    ),
    "xlsx.ucp.AUCP": Message(
        vi="Điểm trường hợp sử dụng sau điều chỉnh", en="Adjusted use-case points"
    ),
    "xlsx.ucp.AUCP.how": Message(vi="UUCP × TCF × EF", en="UUCP × TCF × EF"),
    "xlsx.ucp.ES": Message(vi="Độ ổn định kinh nghiệm", en="Experience stability"),
    "xlsx.ucp.ES.how": Message(
        vi="Σ độ ổn định kinh nghiệm của các yếu tố môi trường",
        en="Σ experience stability of the environmental factors",
    ),
    "xlsx.ucp.P": Message(vi="Thời gian lao động (giờ công / AUCP)", en="Person-hours per AUCP"),
    "xlsx.ucp.P.how": Message(
        vi="tra bảng năng suất theo ES (bảng ucp-productivity)",
        en="read from the productivity bands by ES (table ucp-productivity)",
    ),
    "xlsx.ucp.E": Message(vi="Giá trị nỗ lực thực tế", en="Effort"),
    "xlsx.ucp.E.how": Message(
        vi="{effort_numerator}/{effort_denominator} × AUCP",
        en="{effort_numerator}/{effort_denominator} × AUCP",
    ),
    "xlsx.ucp.H": Message(
        vi="Mức lương lao động bình quân (đồng/giờ công)",
        en="Average labour rate (đồng per person-hour)",
    ),
    "xlsx.ucp.H.given": Message(vi="đầu vào", en="given"),
    "xlsx.ucp.H.team_average": Message(
        vi="bình quân lương giờ của nhóm thực hiện", en="the team's average hourly rate"
    ),
    "xlsx.ucp.H.pay_scale": Message(vi="theo bảng lương", en="from the pay scale"),
    "xlsx.ucp.G": Message(vi="Chi phí trực tiếp", en="Direct cost"),
    "xlsx.ucp.G.how": Message(vi="{g_factor} × E × P × H", en="{g_factor} × E × P × H"),
    "xlsx.ucp.C": Message(vi="Chi phí chung", en="Overhead"),
    "xlsx.ucp.C.how": Message(vi="G × {overhead_percent} %", en="G × {overhead_percent} %"),
    "xlsx.ucp.TL": Message(vi="Thu nhập chịu thuế tính trước", en="Pre-tax income"),
    "xlsx.ucp.TL.how": Message(
        vi="(G + C) × {pre_tax_income_percent} %", en="(G + C) × {pre_tax_income_percent} %"
    ),
    "xlsx.ucp.G_PM": Message(
        vi="Chi phí phần mềm (làm tròn đến đồng)", en="Software cost (whole đồng)"
    ),
    "xlsx.ucp.G_PM.how": Message(vi="G + C + TL", en="G + C + TL"),
    "xlsx.ucp.rounded": Message(
        vi="làm tròn đến đồng: {amount:vnd}", en="whole đồng: {amount:vnd}"
    ),
}
"""The workbook's texts (see :mod:`ictcost.report.messages`)."""
