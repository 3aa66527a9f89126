"""Texts of the line traces and the contingency ("Cách tính"; see :mod:`ictcost.report.explain`)."""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {
    "trace.fee": Message(
        vi="{base:vnd} × {rate} % × K {k}",
        en="{base:vnd} × {rate} % × K {k}",
    ),
    "fee.basis.norm": Message(
        vi="QĐ 1688/QĐ-BTTTT ({tables:list}); chế độ {regime:regime}; định mức tỷ lệ",
        en="QĐ 1688/QĐ-BTTTT ({tables:list}); regime {regime:regime}; status: norm",
    ),
    "fee.basis.reference": Message(
        vi="QĐ 1688/QĐ-BTTTT ({tables:list}); chế độ {regime:regime}; ước tính tham khảo",
        en="QĐ 1688/QĐ-BTTTT ({tables:list}); regime {regime:regime}; status: reference estimate",
    ),
    "trace.fee_minimum": Message(vi=" (áp dụng mức tối thiểu)", en=" (minimum applied)"),
    "trace.fee_lookup": Message(
        vi="Gt = {gt} tỷ; Gb = {gb}, Ga = {ga}; Nb = {nb}, Na = {na}; trọng số {weight}",
        en="Gt = {gt} tỷ; Gb = {gb}, Ga = {ga}; Nb = {nb}, Na = {na}; weight {weight}",
    ),
    "trace.fee_base_lines": Message(
        vi="Chi phí làm cơ sở tính: {lines:list} = {base:vnd} đ",
        en="Base: lines {lines:list} = {base:vnd} đ",
    ),
    "trace.fee_base_derived": Message(
        vi="Chi phí làm cơ sở tính (theo định nghĩa của định mức, hạng mục {part:part}): "
        "{lines:list} = {base:vnd} đ",
        en="Base (by the norm's definition, the {part:part} part): lines {lines:list} = "
        "{base:vnd} đ",
    ),
    "trace.fee_base_beside": Message(
        vi="; theo định nghĩa của định mức (hạng mục {part:part}): {lines:list} = {derived:vnd} "
        "đ, chênh lệch {difference:vnd} đ; lý do: {reason}",
        en="; by the norm's definition (the {part:part} part): lines {lines:list} = "
        "{derived:vnd} đ, difference {difference:vnd} đ; reason: {reason}",
    ),
    "trace.fee_rate_on_total": Message(
        vi="; tỷ lệ tra trên chi phí của toàn dự án {rate_base:vnd} đ (lựa chọn project_total)",
        en="; the rate read on the project's total base {rate_base:vnd} đ (choice project_total)",
    ),
    "trace.fee_base_given": Message(
        vi="Chi phí làm cơ sở tính: giá trị cho trước {base:vnd} đ",
        en="Base: an amount given, {base:vnd} đ",
    ),
    "trace.unit_price": Message(
        vi="{quantity} × {unit_price:vnd} (đơn giá cho trước)",
        en="{quantity} × {unit_price:vnd} (unit price given)",
    ),
    "trace.quotations.lowest": Message(
        vi="{quantity} × {unit_price:vnd} (giá thấp nhất của {count} báo giá)",
        en="{quantity} × {unit_price:vnd} (lowest of {count} quotation(s))",
    ),
    "trace.quotations.median": Message(
        vi="{quantity} × {unit_price:vnd} (giá trung vị của {count} báo giá)",
        en="{quantity} × {unit_price:vnd} (median of {count} quotation(s))",
    ),
    "trace.quotations.mean": Message(
        vi="{quantity} × {unit_price:vnd} (giá bình quân của {count} báo giá)",
        en="{quantity} × {unit_price:vnd} (mean of {count} quotation(s))",
    ),
    "trace.price_list": Message(
        vi="{quantity} × {unit_price:vnd} (bảng giá {price_list}, mã {code})",
        en="{quantity} × {unit_price:vnd} (price list {price_list} item {code})",
    ),
    "trace.software": Message(
        vi="G_PM theo phương pháp điểm trường hợp sử dụng ({instrument})",
        en="G_PM of the use-case-point calculation ({instrument})",
    ),
    "trace.expert": Message(
        vi="Σ ngày công × đơn giá ngày công",
        en="Σ person-days × day rate",
    ),
    "trace.expert_row": Message(
        vi="{person_days} ngày công × {day_rate:vnd} đ",
        en="{person_days} person-days × {day_rate:vnd} đ",
    ),
    "trace.expert_item": Message(
        vi="{description}: {how} = {amount:vnd} đ",
        en="{description}: {how} = {amount:vnd} đ",
    ),
    "trace.rental_periods": Message(
        vi="{price:vnd} đ/{period} × {periods}",
        en="{price:vnd} đ/{period} × {periods}",
    ),
    "trace.rental_annuity.end": Message(
        vi="TT 12/2020: Gdv = [Tđ·r·(1+r)ⁿ − S·r] / [(1+r)ⁿ − 1]; Gtdv = Gdv × n",
        en="TT 12/2020: Gdv = [Tđ·r·(1+r)ⁿ − S·r] / [(1+r)ⁿ − 1]; Gtdv = Gdv × n",
    ),
    "trace.rental_annuity.beginning": Message(
        vi="TT 12/2020: Gdv = [Tđ·r·(1+r)ⁿ − S·r] / [(1+r)ⁿ − 1] / (1+r); Gtdv = Gdv × n",
        en="TT 12/2020: Gdv = [Tđ·r·(1+r)ⁿ − S·r] / [(1+r)ⁿ − 1] / (1+r); Gtdv = Gdv × n",
    ),
    "trace.given": Message(
        vi="giá trị cho trước ({document})",
        en="amount given ({document})",
    ),
    "contingency.single_coefficient": Message(
        vi="{base:vnd} × Kps {rate} %",
        en="{base:vnd} × Kps {rate} %",
    ),
    "contingency.two_parts": Message(
        vi="{base:vnd} × {volume} % + trượt giá {escalation:vnd}",
        en="{base:vnd} × {volume} % + escalation {escalation:vnd}",
    ),
}

MESSAGES["trace.labour_given"] = Message(
    vi="H do người lập dự toán cho trước", en="H given by the estimator"
)
MESSAGES["trace.labour_team_average"] = Message(
    vi="H = Σ(lương × số người) / Σ số người ÷ {days} ngày ÷ {hours} giờ = {monthly} ÷ {days} ÷ "
    "{hours}",
    en="H = Σ(salary × count) / Σcount ÷ {days} days ÷ {hours} h = {monthly!s} ÷ {days} ÷ {hours}",
)
MESSAGES["trace.labour_pay_scale"] = Message(
    vi="ngày công = [(HCB + HPC) × MLCS × (1 + HĐC) + BHLĐ] ÷ t; BHLĐ = tỷ lệ bảo hiểm × HCB × "
    "MLCS; H = ngày công ÷ {hours}, bình quân theo số người; MLCS = {base:vnd}, HĐC = {adjustment}, "
    "bảo hiểm = {insurance} %, t = {days}",
    en="day = [(HCB + HPC) × MLCS × (1 + HĐC) + BHLĐ] ÷ t; BHLĐ = insurance % × HCB × MLCS; "
    "H = day ÷ {hours}, weighted by head-count; MLCS = {base!s}, HĐC = {adjustment!s}, "
    "insurance = {insurance!s} %, t = {days}",
)
