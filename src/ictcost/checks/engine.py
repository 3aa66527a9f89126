"""Run the appraisal rules over an estimate (ours, or a submitted one with its stated figures).

``check`` recomputes the estimate with the norms in force on its date and compares every stated
figure; it never raises for a questionable estimate: everything questionable is a
:class:`~ictcost.checks.rules.Finding`. Exceptions are kept for input that cannot be read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import statistics
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ictcost.checks.rules import RULES, Finding
from ictcost.errors import IctcostError
from ictcost.estimate.engine import compute_estimate
from ictcost.estimate.model import LineInput, ProjectInput
from ictcost.estimate.result import Estimate, LineResult
from ictcost.money import exact, format_vnd, round_vnd
from ictcost.norms.registry import NormRegistry

__all__ = ["CheckConfig", "check", "check_portfolio"]


@dataclass(frozen=True, slots=True)
class CheckConfig:
    """Thresholds of the checks. Screening thresholds are ictcost's defaults, not legal numbers.

    Attributes:
        amount_tolerance: Differences up to this many đồng are not findings.
        rate_tolerance: Differences of a % rate up to this are not findings.
        min_quotes: Quotations expected per quoted line (TT 18/2024 Điều 9 as quoted: 3).
        max_spread_percent: Spread (max − min) / min of quotations above which to warn.
        max_distance_percent: Distance of the unit price from the quotations' median.
        name_similarity: Similarity (0–1) above which two line names count as the same item.
        function_similarity: Similarity above which two use-case names count as one function.
    """

    amount_tolerance: Decimal = Decimal(1)
    rate_tolerance: Decimal = Decimal("0.0001")
    min_quotes: int = 3
    max_spread_percent: Decimal = Decimal(20)
    max_distance_percent: Decimal = Decimal(15)
    name_similarity: float = 0.9
    function_similarity: float = 0.85


class _Out:
    def __init__(self, estimate: str) -> None:
        self.estimate = estimate
        self.items: list[Finding] = []

    def add(
        self,
        code: str,
        vi: str,
        en: str,
        *,
        line: str | None = None,
        amount: Decimal | None = None,
        **details: object,
    ) -> None:
        rule = RULES[code]
        self.items.append(
            Finding(
                code=code,
                severity=rule.severity,
                estimate=self.estimate,
                line=line,
                message_vi=vi,
                message_en=en,
                basis=rule.basis,
                amount=amount,
                details={k: str(v) for k, v in details.items()},
            )
        )


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"[\W_]+", " ", text).strip()


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b)).ratio()


def check(
    project: ProjectInput,
    *,
    registry: NormRegistry | None = None,
    base_dir: Path | None = None,
    config: CheckConfig | None = None,
) -> list[Finding]:
    """Check one estimate and return every finding (never raises for a questionable estimate).

    Args:
        project: The project, with ``stated`` figures when it is a submitted estimate.
        registry: The registry (with the user's price-list packs).
        base_dir: Folder for relative paths (software inputs).
        config: Thresholds.

    Returns:
        The findings, errors first.
    """
    cfg = config or CheckConfig()
    out = _Out(project.project.name)
    estimate = None
    try:
        estimate = compute_estimate(
            project, registry=registry, base_dir=base_dir, lenient_methods=True
        )
    except IctcostError as exc:
        out.add(
            "INPUT-UNREADABLE",
            f"Không tính lại được dự toán: {exc.message}",
            f"The estimate cannot be recomputed: {exc.message}",
            field=exc.field or "",
        )
    if estimate is not None:
        _methods(out, estimate)
        _recompute(out, project, estimate, cfg, registry or NormRegistry.shipped())
        _totals(out, project, estimate, cfg)
        _classification(out, project, estimate, registry or NormRegistry.shipped())
        _procurement(out, project, estimate, registry or NormRegistry.shipped())
        _completeness(out, project, estimate)
    _instruments(out, project, registry or NormRegistry.shipped(), base_dir)
    _market(out, project.lines, cfg)
    _duplicates(out, project, cfg)
    _independence(out, project)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(out.items, key=lambda f: order[f.severity])


def _methods(out: _Out, e: Estimate) -> None:
    for ln in e.lines:
        if ln.method_status == "not_allowed":
            out.add(
                "METHOD-NOT-ALLOWED",
                f"Phương pháp {ln.method} không được áp dụng cho {ln.component} theo {e.regime}.",
                f"Method {ln.method} is not allowed for {ln.component} under {e.regime}.",
                line=ln.id,
                method=ln.method,
                regime=e.regime,
            )
        elif ln.method_status == "reference":
            out.add(
                "METHOD-REFERENCE-ONLY",
                f"{ln.method} chỉ là ước tính tham khảo theo {e.regime}.",
                f"{ln.method} is only a reference estimate under {e.regime}: the regime "
                "lists quotation-type methods.",
                line=ln.id,
                method=ln.method,
            )
        elif ln.method_status == "given":
            out.add(
                "METHOD-FIXED-AMOUNT",
                f"Giá trị xác định theo: {ln.basis}.",
                f"Given amount resting on: {ln.basis}.",
                line=ln.id,
            )


def _diff(stated: Decimal, expected: Decimal) -> Decimal:
    with exact():
        return stated - expected


def _recompute(
    out: _Out, project: ProjectInput, e: Estimate, cfg: CheckConfig, reg: NormRegistry
) -> None:
    for line in project.lines:
        s = line.stated
        if s is None:
            continue
        ours = e.line(line.id)
        if s.amount is not None and s.unit_price is not None and line.quantity is not None:
            product = round_vnd(line.quantity * s.unit_price)
            if abs(_diff(s.amount, product)) > cfg.amount_tolerance:
                out.add(
                    "ARITH-QTY-PRICE",
                    f"Thành tiền {format_vnd(s.amount)} ≠ {line.quantity} × "
                    f"{format_vnd(s.unit_price)} = {format_vnd(product)}.",
                    f"Stated amount {s.amount} ≠ {line.quantity} × {s.unit_price} = {product}.",
                    line=line.id,
                    amount=_diff(s.amount, product),
                )
        if s.amount is not None and abs(_diff(s.amount, ours.amount)) > cfg.amount_tolerance:
            code = (
                "ARITH-SOFTWARE"
                if line.method == "calculation" and line.rental is None
                else "ARITH-LINE"
            )
            out.add(
                code,
                f"Giá trị nêu {format_vnd(s.amount)} đồng, tính lại "
                f"{format_vnd(ours.amount)} đồng.",
                f"Stated {s.amount}, recomputed {ours.amount} ({ours.formula}).",
                line=line.id,
                amount=_diff(s.amount, ours.amount),
                stated=s.amount,
                expected=ours.amount,
            )
        if s.rate_percent is not None and line.fee is not None:
            rate = ours.rate_percent
            if rate is not None and abs(_diff(s.rate_percent, rate)) > cfg.rate_tolerance:
                out.add(
                    "ARITH-FEE-RATE",
                    f"Tỷ lệ nêu {s.rate_percent} %, định mức {rate} %.",
                    f"Stated rate {s.rate_percent} %, norm rate {rate} %.",
                    line=line.id,
                    stated=s.rate_percent,
                    expected=rate,
                )
        _vat_checks(out, line=line, ours=ours, cfg=cfg, reg=reg, project=project)


def _vat_checks(
    out: _Out,
    *,
    line: LineInput,
    ours: LineResult,
    cfg: CheckConfig,
    reg: NormRegistry,
    project: ProjectInput,
) -> None:
    s = line.stated
    assert s is not None
    if ours.vat_treatment == "not_subject" and (
        s.vat_rate is not None or (s.vat is not None and s.vat > 0)
    ):
        out.add(
            "VAT-NOT-SUBJECT",
            "Phần mềm thuộc đối tượng không chịu thuế GTGT (ghi 'không chịu thuế', "
            "không phải 0 %).",
            "Software is not subject to VAT: show it as không chịu thuế, not a rate.",
            line=line.id,
            stated=s.vat_rate,
        )
    elif ours.vat_treatment == "taxable" and s.vat_rate is not None and ours.vat_rate is not None:
        alternatives = _vat_alternatives(reg, project, line.vat)
        if s.vat_rate != ours.vat_rate and s.vat_rate not in alternatives:
            out.add(
                "VAT-RATE",
                f"Thuế suất nêu {s.vat_rate} %, đúng là {ours.vat_rate} % ({line.vat}).",
                f"Stated VAT {s.vat_rate} %, the rate for {line.vat} on the date is "
                f"{ours.vat_rate} %.",
                line=line.id,
                stated=s.vat_rate,
                expected=ours.vat_rate,
            )
    elif ours.vat_treatment == "taxable" and s.vat_not_subject:
        out.add(
            "VAT-RATE",
            f"Dòng ghi không chịu thuế nhưng thuế suất đúng là {ours.vat_rate} % ({line.vat}).",
            f"The line is shown as not subject to VAT; the rate for {line.vat} on the date is "
            f"{ours.vat_rate} %.",
            line=line.id,
            stated="không chịu thuế",
            expected=ours.vat_rate,
        )
    elif ours.vat_treatment == "not_applicable" and (
        s.vat_rate is not None or (s.vat is not None and s.vat > 0)
    ):
        out.add(
            "VAT-RATE",
            "Khoản chi không thuộc diện tính thuế GTGT nhưng được tính thuế.",
            "VAT is charged on a cost declared outside VAT (not_applicable).",
            line=line.id,
            stated=s.vat_rate,
            expected="không áp dụng",
        )
    if s.vat is not None and s.amount is not None and s.vat_rate is not None:
        vat = round_vnd(s.amount * s.vat_rate / 100)
        if abs(_diff(s.vat, vat)) > cfg.amount_tolerance:
            out.add(
                "ARITH-VAT",
                f"Tiền thuế {format_vnd(s.vat)} ≠ {format_vnd(s.amount)} × "
                f"{s.vat_rate} % = {format_vnd(vat)}.",
                f"Stated VAT {s.vat} ≠ {s.amount} × {s.vat_rate} % = {vat}.",
                line=line.id,
                amount=_diff(s.vat, vat),
            )
    if s.total is not None and s.amount is not None:
        total = s.amount + (s.vat or Decimal(0))
        if abs(_diff(s.total, total)) > cfg.amount_tolerance:
            out.add(
                "ARITH-TOTAL",
                f"Sau thuế {format_vnd(s.total)} ≠ {format_vnd(total)}.",
                f"Stated line total {s.total} ≠ amount + VAT = {total}.",
                line=line.id,
                amount=_diff(s.total, total),
            )


def _vat_alternatives(reg: NormRegistry, project: ProjectInput, category: str) -> set[Decimal]:
    """Rates another source gives for a disputed VAT cell: a stated alternative is no error."""
    try:
        cell = reg.get("vat-rates", project.project.date).value(category, "rate")
    except IctcostError:
        return set()
    return {a.value for a in cell.alternatives if isinstance(a.value, Decimal)}


def _totals(out: _Out, project: ProjectInput, e: Estimate, cfg: CheckConfig) -> None:
    st = project.stated
    if st is None:
        return
    stated_lines = [ln.stated for ln in project.lines if ln.stated is not None]
    complete = len(stated_lines) == len(project.lines)
    if st.amount is not None and abs(_diff(st.amount, e.amount)) > cfg.amount_tolerance:
        out.add(
            "ARITH-TOTAL",
            f"Tổng trước thuế nêu {format_vnd(st.amount)}, tính lại {format_vnd(e.amount)}.",
            f"Stated pre-VAT total {st.amount}, recomputed {e.amount}.",
            amount=_diff(st.amount, e.amount),
            part="amount_recomputed",
        )
    if complete and st.amount is not None:
        total = sum(((s.amount or Decimal(0)) for s in stated_lines), Decimal(0))
        if abs(_diff(st.amount, total)) > cfg.amount_tolerance:
            out.add(
                "ARITH-TOTAL",
                f"Tổng trước thuế {format_vnd(st.amount)} ≠ tổng các dòng {format_vnd(total)}.",
                f"Stated pre-VAT total {st.amount} ≠ sum of stated lines {total}.",
                amount=_diff(st.amount, total),
                part="amount",
            )
    for key, stated in st.components.items():
        comp = next((c for c in e.components if c.key == key), None)
        if comp is None:
            known = ", ".join(c.key for c in e.components)
            out.add(
                "ARITH-TOTAL",
                f"Khoản mục {key} không có trong cơ cấu chi phí của {e.regime} ({known}).",
                f"Stated component {key} is not a group of {e.regime} (groups: {known}).",
                amount=stated,
                part=key,
            )
            continue
        if comp is not None and abs(_diff(stated, comp.total)) > cfg.amount_tolerance:
            out.add(
                "ARITH-TOTAL",
                f"Khoản mục {comp.label_vi}: nêu {format_vnd(stated)}, tính "
                f"lại {format_vnd(comp.total)}.",
                f"Component {key}: stated {stated}, recomputed {comp.total}.",
                amount=_diff(stated, comp.total),
                part=key,
            )
    for name, stated_total, recomputed in (
        ("vat", st.vat, e.vat),
        ("total", st.total, e.total),
        ("contingency", st.contingency, e.contingency.total if e.contingency else None),
    ):
        if (
            stated_total is not None
            and recomputed is not None
            and abs(_diff(stated_total, recomputed)) > cfg.amount_tolerance
        ):
            out.add(
                "ARITH-TOTAL",
                f"{name}: nêu {format_vnd(stated_total)}, tính lại {format_vnd(recomputed)}.",
                f"{name}: stated {stated_total}, recomputed {recomputed}.",
                amount=_diff(stated_total, recomputed),
                part=name,
            )


def _instrument_number(text: str) -> str | None:
    match = re.search(r"\d{3,}", text)
    return match.group(0) if match else None


def _instruments(
    out: _Out, project: ProjectInput, reg: NormRegistry, base_dir: Path | None
) -> None:
    from ictcost.software import load_software_input, software_method_on  # noqa: PLC0415

    try:
        in_force = software_method_on(project.project.date, reg)
    except IctcostError:
        return
    for line in project.lines:
        if line.method != "calculation" or line.rental is not None:
            continue
        claimed = line.stated.basis_instrument if line.stated else None
        used = None
        if line.software is not None:
            try:
                source: object = line.software
                if isinstance(source, str):
                    path = Path(source)
                    source = path if path.is_absolute() or base_dir is None else base_dir / path
                used = software_method_on(load_software_input(source).date, reg)  # type: ignore[arg-type]
            except IctcostError:
                used = None
        for label, instrument in (("claimed", claimed), ("computed", used)):
            if instrument and _instrument_number(instrument) != _instrument_number(in_force):
                out.add(
                    "NORM-NOT-IN-FORCE",
                    f"Dòng {'áp dụng' if label == 'claimed' else 'được tính theo'} {instrument}; "
                    f"văn bản có hiệu lực ngày {project.project.date} là {in_force}.",
                    f"The line {'follows' if label == 'claimed' else 'is computed by'} "
                    f"{instrument}; on {project.project.date} the guidance in force is {in_force}.",
                    line=line.id,
                    instrument=instrument,
                    in_force=in_force,
                )
                break


def _market(out: _Out, lines: Iterable[LineInput], cfg: CheckConfig) -> None:
    for line in lines:
        if line.method not in ("quotation", "market_price"):
            continue
        prices = [q.unit_price for q in line.quotes]
        if len(prices) < cfg.min_quotes and line.price is None:
            out.add(
                "MARKET-QUOTES-FEW",
                f"Chỉ có {len(prices)} báo giá (cần {cfg.min_quotes}).",
                f"{len(prices)} quotation(s); {cfg.min_quotes} expected.",
                line=line.id,
                count=len(prices),
            )
        if len(prices) >= 2 and min(prices) > 0:
            with exact():
                spread = (max(prices) - min(prices)) / min(prices) * 100
            if spread > cfg.max_spread_percent:
                out.add(
                    "MARKET-QUOTES-SPREAD",
                    f"Các báo giá chênh nhau {spread:.1f} % (ngưỡng {cfg.max_spread_percent} %).",
                    f"Quotations spread {spread:.1f} % (threshold {cfg.max_spread_percent} %).",
                    line=line.id,
                    spread=f"{spread:.2f}",
                )
        price = line.unit_price or (line.stated.unit_price if line.stated else None)
        if prices and price is not None:
            median = statistics.median(prices)
            if median > 0:
                with exact():
                    distance = abs(price - median) / median * 100
                if distance > cfg.max_distance_percent:
                    out.add(
                        "MARKET-PRICE-FAR",
                        f"Đơn giá {format_vnd(price)} lệch {distance:.1f} % so với trung vị "
                        f"báo giá {format_vnd(median)}.",
                        f"Unit price {price} is {distance:.1f} % from the quotations' median "
                        f"{median}.",
                        line=line.id,
                        distance=f"{distance:.2f}",
                    )


def _blocks(names: Sequence[str], models: Sequence[str | None]) -> Iterator[tuple[int, int]]:
    """Yield the index pairs worth comparing: same model, or same first two words of the name.

    Comparing every pair is quadratic (a 2,000-line estimate or a 500-estimate portfolio would
    take minutes); near-same names almost always share their leading words, so the comparison is
    made inside those blocks. This is a screening trade-off, documented in docs/checks.md.
    """
    groups: dict[str, list[int]] = {}
    for i, (name, model) in enumerate(zip(names, models, strict=True)):
        groups.setdefault("n:" + " ".join(_norm(name).split()[:2]), []).append(i)
        if model:
            groups.setdefault("m:" + _norm(model), []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (min(i, j), max(i, j))
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _same_item(a: LineInput, b: LineInput, cfg: CheckConfig) -> bool:
    if a.model and b.model and _norm(a.model) == _norm(b.model):
        return True
    return _similar(a.name, b.name) >= cfg.name_similarity


def _duplicates(out: _Out, project: ProjectInput, cfg: CheckConfig) -> None:
    lines = list(project.lines)
    for i, j in sorted(_blocks([ln.name for ln in lines], [ln.model for ln in lines])):
        a, b = lines[i], lines[j]
        if a.component == b.component and _same_item(a, b, cfg):
            out.add(
                "DUP-LINE",
                f"Dòng {a.id} và {b.id} có thể trùng nhau ({a.name} / {b.name}).",
                f"Lines {a.id} and {b.id} may be the same item ({a.name} / {b.name}).",
                line=b.id,
                other=a.id,
            )
    for line in lines:
        for service in project.project.shared_services:
            if _similar(line.name, service) >= cfg.name_similarity or _norm(service) in _norm(
                line.name
            ):
                out.add(
                    "DUP-SHARED-SERVICE",
                    f"{line.name} trùng với dịch vụ dùng chung đã có: {service}.",
                    f"{line.name} overlaps the shared service {service}.",
                    line=line.id,
                    service=service,
                )


def _completeness(out: _Out, project: ProjectInput, e: Estimate) -> None:
    components = {ln.component for ln in project.lines}
    if "quan_ly_du_an" not in components:
        out.add(
            "COMPLETE-QLDA", "Dự toán chưa có chi phí quản lý dự án.", "No project-management cost."
        )
    if "tu_van" not in components:
        out.add("COMPLETE-CONSULTANCY", "Dự toán chưa có chi phí tư vấn.", "No consultancy cost.")
    elif project.project.form in ("ktkt", "investment_project"):
        wanted = (
            "lap_bao_cao_ktkt"
            if project.project.form == "ktkt"
            else "lap_bao_cao_nghien_cuu_kha_thi"
        )
        items = {ln.fee.item for ln in project.lines if ln.fee is not None}
        named = any(
            ("kinh tế" in _norm(ln.name) and "lập" in _norm(ln.name))
            or ("khả thi" in _norm(ln.name) and "lập" in _norm(ln.name))
            for ln in project.lines
            if ln.component == "tu_van"
        )
        if wanted not in items and not named:
            out.add(
                "COMPLETE-CONSULTANCY",
                f"Chưa thấy chi phí {wanted.replace('_', ' ')}.",
                f"No line for {wanted} (required for a {project.project.form}).",
                item=wanted,
            )
    if not any("giám sát" in _norm(ln.name) for ln in project.lines):
        out.add(
            "COMPLETE-SUPERVISION",
            "Chưa thấy chi phí giám sát.",
            "No supervision line (giám sát) was found by name.",
        )
    if e.contingency is None and (project.stated is None or project.stated.contingency is None):
        out.add("COMPLETE-CONTINGENCY", "Dự toán chưa có chi phí dự phòng.", "No contingency.")
    for line in project.lines:
        if (
            line.method in ("quotation", "market_price", "listed_price", "tender")
            and line.unit_price is not None
            and not line.quotes
            and line.price is None
            and not line.basis
        ):
            out.add(
                "COMPLETE-PRICE-EVIDENCE",
                "Đơn giá chưa có báo giá, bảng giá hoặc căn cứ.",
                "The unit price has no quotation, price list or basis.",
                line=line.id,
            )


def _limit(reg: NormRegistry, on: dt.date, row: str) -> Decimal | None:
    try:
        return reg.get("direct-appointment-limits", on).value(row, "max").number
    except IctcostError:
        return None


def _procurement(out: _Out, project: ProjectInput, e: Estimate, reg: NormRegistry) -> None:
    date = project.project.date
    values: dict[str, Decimal] = {}
    for pkg in project.packages:
        value = (
            pkg.value
            if pkg.value is not None
            else sum(
                (e.line(i).total for i in pkg.lines if any(ln.id == i for ln in e.lines)),
                Decimal(0),
            )
        )
        values[pkg.id] = value
        row = (
            "procurement_estimate"
            if not pkg.in_project
            else (
                "consulting_in_project" if pkg.kind == "consulting" else "non_consulting_in_project"
            )
        )
        limit = _limit(reg, date, row)
        if limit is None:
            continue
        if pkg.selection == "direct_appointment" and not pkg.exemption and value > limit:
            out.add(
                "PROC-DIRECT-LIMIT",
                f"Gói {pkg.id} chỉ định thầu {format_vnd(value)} đồng "
                f"vượt hạn mức {format_vnd(limit)} đồng.",
                f"Package {pkg.id}: direct appointment of {value} above the limit {limit} "
                f"({row}) on {date}.",
                amount=value - limit,
                package=pkg.id,
                limit=limit,
            )
    by_kind: dict[tuple[str, bool], list[str]] = {}
    for pkg in project.packages:
        if pkg.selection == "direct_appointment" and not pkg.exemption:
            by_kind.setdefault((pkg.kind, pkg.in_project), []).append(pkg.id)
    for (kind, in_project), ids in by_kind.items():
        row = (
            "procurement_estimate"
            if not in_project
            else ("consulting_in_project" if kind == "consulting" else "non_consulting_in_project")
        )
        limit = _limit(reg, date, row)
        if limit is None or len(ids) < 2:
            continue
        total = sum((values[i] for i in ids), Decimal(0))
        if all(values[i] <= limit for i in ids) and total > limit:
            out.add(
                "PROC-SPLIT",
                f"Các gói {', '.join(ids)} cùng loại, mỗi gói dưới hạn mức "
                f"nhưng tổng {format_vnd(total)} đồng vượt {format_vnd(limit)}.",
                f"Packages {', '.join(ids)} of one kind are each under the limit {limit} "
                f"but add up to {total}.",
                amount=total,
                packages=",".join(ids),
            )


def _group(reg: NormRegistry, project: ProjectInput, total: Decimal) -> str | None:
    if project.project.group:
        return project.project.group
    try:
        table = reg.get("project-groups", project.project.date)
    except IctcostError:
        return None
    for row in table.rows():
        lo = row.values["from"].value if "from" in row.values else None
        hi = row.values["below"].value if "below" in row.values else None
        above = not isinstance(lo, Decimal) or total >= lo
        below = not isinstance(hi, Decimal) or total < hi
        if above and below:
            return row.name
    return None  # pragma: no cover - the groups cover every amount


def _classification(out: _Out, project: ProjectInput, e: Estimate, reg: NormRegistry) -> None:
    meta = project.project
    group = _group(reg, project, e.total)
    if group:
        out.add(
            "CLASS-GROUP",
            f"Dự án thuộc {group} (tổng {format_vnd(e.total)} đồng).",
            f"Project group: {group} (total {e.total}).",
            group=group,
        )
    from ictcost.regimes import regime_on  # noqa: PLC0415

    regime = regime_on(meta.date, override=meta.regime_override, registry=reg)
    if (
        meta.form == "ktkt"
        and e.total > regime.one_step_design_max
        and not (meta.allow_one_step_above_ceiling and regime.id != "nd73_2019")
    ):
        out.add(
            "CLASS-DESIGN",
            f"Báo cáo KTKT với tổng {format_vnd(e.total)} đồng vượt mức "
            f"{format_vnd(regime.one_step_design_max)} đồng.",
            f"A KTKT report of {e.total} exceeds the one-step ceiling "
            f"{regime.one_step_design_max} under {regime.id}.",
            amount=e.total - regime.one_step_design_max,
        )
    if meta.warranty_months is not None and group and meta.form != "rental_plan":
        try:
            table = reg.get("warranty", meta.date)
        except IctcostError:
            return
        row = "group_a" if group in ("group_a", "national_importance") else "group_bc"
        minimum = table.value(row, "min_months").number
        if meta.warranty_months < minimum:
            out.add(
                "CLASS-WARRANTY",
                f"Bảo hành {meta.warranty_months} tháng, tối thiểu {minimum} tháng.",
                f"Warranty {meta.warranty_months} months; the minimum is {minimum}.",
                minimum=minimum,
            )


def _independence(out: _Out, project: ProjectInput) -> None:
    meta = project.project
    if not meta.preparer:
        return
    for role, org in (("reviewer", meta.reviewer), ("appraiser", meta.appraiser)):
        if org and _norm(org) == _norm(meta.preparer):
            out.add(
                "INDEP-SAME-ORG",
                f"{org} vừa lập vừa {'thẩm tra' if role == 'reviewer' else 'thẩm định'} dự toán.",
                f"{org} both prepares and acts as {role} of the estimate.",
                role=role,
            )


def check_portfolio(
    projects: Sequence[ProjectInput],
    *,
    registry: NormRegistry | None = None,
    base_dirs: Sequence[Path | None] | None = None,
    config: CheckConfig | None = None,
) -> list[Finding]:
    """Check every estimate of a portfolio, then the overlaps between them.

    Args:
        projects: The estimates.
        registry: The registry.
        base_dirs: One folder per project for relative paths.
        config: Thresholds.

    Returns:
        All findings, per estimate and across the portfolio.
    """
    cfg = config or CheckConfig()
    dirs = list(base_dirs or [None] * len(projects))
    findings: list[Finding] = []
    for project, base in zip(projects, dirs, strict=True):
        findings += check(project, registry=registry, base_dir=base, config=cfg)
    findings += _portfolio_overlaps(projects, dirs, cfg)
    return findings


def _use_cases(project: ProjectInput, base: Path | None) -> list[str]:
    from ictcost.software import load_software_input  # noqa: PLC0415

    names = []
    for line in project.lines:
        if line.method != "calculation" or line.software is None:
            continue
        source = line.software
        try:
            if isinstance(source, str):
                path = Path(source)
                inp = load_software_input(
                    path if path.is_absolute() or base is None else base / path
                )
            else:
                inp = load_software_input(source)
        except IctcostError:
            continue
        names += [uc.name for uc in inp.use_cases]
    return names


def _clusters(keys: Sequence[str], *, fuzzy: float | None = None) -> list[list[int]]:
    """Group indices whose keys are equal (or, with ``fuzzy``, near-same within a block).

    Clustering keeps the portfolio check linear in the number of lines for exact matches and
    yields one finding per group instead of one per pair.
    """
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    unique = list(by_key)
    parent = list(range(len(unique)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if fuzzy is not None:
        for i, j in _blocks(unique, [None] * len(unique)):
            if difflib.SequenceMatcher(None, unique[i], unique[j]).ratio() >= fuzzy:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for u, key in enumerate(unique):
        groups.setdefault(find(u), []).extend(by_key[key])
    return [sorted(members) for members in groups.values()]


def _portfolio_overlaps(
    projects: Sequence[ProjectInput], dirs: Sequence[Path | None], cfg: CheckConfig
) -> list[Finding]:
    equipment: list[tuple[str, LineInput]] = []
    functions: list[tuple[str, str]] = []
    for project, base in zip(projects, dirs, strict=True):
        name = project.project.name
        equipment += [(name, ln) for ln in project.lines if ln.component == "thiet_bi"]
        functions += [(name, uc) for uc in _use_cases(project, base)]
    sink = _Out("portfolio")
    keys = [
        ("m:" + _norm(ln.model)) if ln.model else ("n:" + _norm(ln.name)) for _, ln in equipment
    ]
    for members in _clusters(keys):
        estimates = sorted({equipment[i][0] for i in members})
        if len(estimates) < 2:
            continue
        first = equipment[members[0]][1]
        item = first.model or first.name
        where = ", ".join(f"{equipment[i][0]} ({equipment[i][1].id})" for i in members)
        sink.add(
            "DUP-PORTFOLIO-EQUIPMENT",
            f"{item} được mua ở {len(estimates)} dự toán: {where}.",
            f"{item} is bought in {len(estimates)} estimates: {where}.",
            line=first.id,
            estimates=" | ".join(estimates),
            item=item,
        )
    fn_keys = [_norm(name) for _, name in functions]
    for members in _clusters(fn_keys, fuzzy=cfg.function_similarity):
        estimates = sorted({functions[i][0] for i in members})
        if len(estimates) < 2:
            continue
        names = sorted({functions[i][1] for i in members})
        sink.add(
            "DUP-PORTFOLIO-FUNCTION",
            f"Chức năng trùng giữa {len(estimates)} dự toán ({' | '.join(estimates)}): "
            f"{' / '.join(names)}.",
            f"Overlapping function in {len(estimates)} estimates "
            f"({' | '.join(estimates)}): {' / '.join(names)}.",
            estimates=" | ".join(estimates),
            functions=" / ".join(names),
        )
    return sink.items
