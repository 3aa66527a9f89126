"""Generate the appraisal cases of this folder (issue 10): clean estimates and one plant each.

Run once, from the repository root, after changing a case::

    .venv/bin/python tests/appraisal_cases/make_cases.py

It rewrites every ``*.yaml`` case of this folder (not the pack and the evidence register, which
are written by hand) and ``README.md``; the test ``tests/test_appraisal_recall.py`` reads the
files and the README's table, never this script (importing it does nothing).

How a case is made:

1. A **clean input** is built from a shipped example (``examples/…``), with the few edits that make
   it a correct submitted estimate (three quotations per quoted line, the models of the
   equipment, a reviewer and an appraiser other than the preparer …; each edit is in the
   function that builds it).
2. The clean input is recomputed by :func:`ictcost.estimate.compute_estimate` with the cases'
   registry (shipped norms + ``pack/``) and the figures ictcost recomputes are written as the
   submitted estimate's ``stated`` figures: per line unit price, amount, % rate, VAT rate (or
   ``vat_not_subject``), VAT and total; per project amount, VAT, contingency, total and the
   components. That is a ``clean-*.yaml`` file.
3. A **planted case** takes a clean input and changes ONE thing (the README names it, the file's
   first line says ``# planted: CODE — what``). The change is either made to the input *before*
   the figures are stated (``restate=True``: the submitted estimate is consistent with its own
   choice — a fee on the estimator's base, a dropped line, another date), or *after* they are
   stated (``restate=False``: a wrong stated figure, a missing pick rule, a claimed instrument).
   A wrong stated line amount is written with the VAT and total that follow from it.

Amounts are written as whole numbers (ictcost's Decimals), rates as exact decimals.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
EXAMPLES = ROOT / "examples"

Data = dict[str, Any]
Change = Callable[[Data], None]


# --- YAML writing -------------------------------------------------------------------------------


_BOOL = "tag:yaml.org,2002:bool"
_YAML12_BOOL = r"^(?:true|True|TRUE|false|False|FALSE)$"


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans only: ``on:`` (the contingency's key) stays a string, as ictcost reads it."""


class _Dumper(yaml.SafeDumper):
    """Writes ``on:`` plain, as the examples do."""


for _cls in (_Loader, _Dumper):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver(_BOOL, re.compile(_YAML12_BOOL), list("tTfF"))


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value.normalize(), "f"))


_Dumper.add_representer(Decimal, _decimal)


def _flow(value: object) -> str:
    text = yaml.dump(
        value,
        Dumper=_Dumper,
        default_flow_style=True,
        allow_unicode=True,
        width=10**9,
        sort_keys=False,
    ).strip()
    return text.removesuffix("...").strip()


def _block(mapping: Data, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, dict) and indent == 0:
            out.append(f"{key}:")
            out += _block(value, indent + 2)
        elif isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            out.append(f"{pad}{key}:")
            for item in value:
                if key == "lines":
                    first, *rest = _block(item, indent + 4)
                    out.append(f"{pad}  - {first.strip()}")
                    out += rest
                else:
                    out.append(f"{pad}  - {_flow(item)}")
        else:
            out.append(f"{pad}{key}: {_flow(value)}")
    return out


def dump(data: Data, header: list[str]) -> str:
    """The project as YAML in the layout of the examples, under a comment header."""
    return "\n".join([*(f"# {h}" if h else "#" for h in header), *_block(data, 0)]) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- computing the stated figures -----------------------------------------------------------------


def registry() -> Any:
    from ictcost.norms.registry import NormRegistry  # noqa: PLC0415

    return NormRegistry.shipped().with_pack(HERE / "pack")


def compute(data: Data, base_dir: Path) -> Any:
    from ictcost.estimate import compute_estimate, load_project  # noqa: PLC0415

    project = load_project(copy.deepcopy(data))
    return compute_estimate(
        project,
        registry=registry(),
        base_dir=base_dir,
        lenient_methods=True,
        collect_problems=True,
    )


def state(data: Data, base_dir: Path, *, contingency: int | None = None) -> Data:
    """Write ictcost's recomputation into the ``stated`` blocks (lines and project).

    ``contingency``: a contingency computed outside ictcost (a tổng mức đầu tư, whose contingency
    block ictcost refuses), stated as the project's contingency and added to its stated total.
    """
    data = copy.deepcopy(data)
    for ln in data["lines"]:
        ln.pop("stated", None)
    data.pop("stated", None)
    e = compute(data, base_dir)
    if e.problems:
        msg = f"{data['project']['name']}: {[p.message for p in e.problems]}"
        raise ValueError(msg)
    for ln in data["lines"]:
        r = e.line(ln["id"])
        s: Data = {}
        if r.unit_price is not None and ln.get("quantity") is not None:
            s["unit_price"] = r.unit_price
        if r.rate_percent is not None:
            s["rate_percent"] = r.rate_percent
        s["amount"] = r.amount
        if r.vat_treatment == "taxable":
            rates = {p.rate for p in r.vat_periods} if r.vat_periods else {r.vat_rate}
            if len(rates) == 1:
                s["vat_rate"] = r.vat_rate
        elif r.vat_treatment == "not_subject":
            s["vat_not_subject"] = True
        s["vat"] = r.vat
        s["total"] = r.total
        ln["stated"] = s
    totals: Data = {"amount": e.amount, "vat": e.vat}
    if e.contingency is not None:
        totals["contingency"] = e.contingency.total
    elif contingency is not None:
        totals["contingency"] = Decimal(contingency)
    totals["total"] = e.total + (Decimal(contingency or 0) if e.contingency is None else 0)
    totals["components"] = {c.key: c.total for c in e.components if c.line_ids}
    data["stated"] = totals
    if "packages" in data:  # keep the packages last, as in the examples
        data["packages"] = data.pop("packages")
    return data


# --- helpers to edit inputs ---------------------------------------------------------------------


def example(name: str) -> Data:
    data: Data = yaml.load((EXAMPLES / name).read_text(encoding="utf-8"), Loader=_Loader)
    return data


def line(data: Data, line_id: str) -> Data:
    for ln in data["lines"]:
        if ln["id"] == line_id:
            return ln
    raise KeyError(line_id)


def insert_after(mapping: Data, after: str, key: str, value: object) -> None:
    """Insert ``key: value`` after ``after`` (keeps the examples' key order)."""
    items = list(mapping.items())
    mapping.clear()
    for k, v in items:
        if k != key:
            mapping[k] = v
        if k == after:
            mapping[key] = value


def insert_line(data: Data, after: str, new: Data) -> None:
    i = next(i for i, ln in enumerate(data["lines"]) if ln["id"] == after)
    data["lines"].insert(i + 1, new)


def drop_lines(data: Data, *ids: str) -> None:
    data["lines"] = [ln for ln in data["lines"] if ln["id"] not in ids]


def quotes(*offers: tuple[str, int, str]) -> list[Data]:
    return [{"source": s, "unit_price": p, "date": dt.date.fromisoformat(d)} for s, p, d in offers]


def set_quotes(ln: Data, offers: list[Data], pick: str) -> None:
    """Price a line by three quotations instead of a bare unit price with a basis."""
    ln.pop("unit_price", None)
    ln.pop("basis", None)
    insert_after(ln, "quantity", "quotes", offers)
    insert_after(ln, "quotes", "pick", pick)


def project_meta(data: Data, **fields: object) -> None:
    """Set project fields, keeping name, owner, preparer, reviewer, appraiser … in order."""
    order = (
        "name",
        "owner",
        "preparer",
        "reviewer",
        "appraiser",
        "group",
        "warranty_months",
        "shared_services",
        "date",
        "end_date",
        "project_kind",
        "document",
        "kind",
    )
    meta = data["project"] | fields
    data["project"] = {k: meta[k] for k in order if k in meta} | {
        k: v for k, v in meta.items() if k not in order
    }


# --- the clean inputs ---------------------------------------------------------------------------


def portal() -> Data:
    """examples/portal-project.yaml (KTKT, NĐ 73/2019, 2025-09-15) as a submitted estimate.

    Edits: a reviewer and an appraiser; the province's shared services; the server's model; the
    UPS from the cases' price list; three quotations for the licences (a bare unit price with a
    basis counts as no quotation); the procurement packages (equipment by open tender, the
    report's consultancy by direct appointment, far under the 800 triệu limit).
    """
    d = example("portal-project.yaml")
    project_meta(
        d,
        reviewer="Công ty CP Tư vấn Thẩm tra Tin học Hà Thành",
        appraiser="Sở Tài chính tỉnh",
        shared_services=[
            "Trung tâm dữ liệu tỉnh",
            "Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)",
        ],
    )
    insert_after(line(d, "TB-01"), "name", "model", "Dell PowerEdge R750xs")
    line(d, "TB-02")["price"]["list"] = "appraisal-price-list"
    set_quotes(
        line(d, "TB-03"),
        quotes(
            ("Nhà phân phối Microsoft An Khang — BG 0820", 38000000, "2025-08-20"),
            ("Công ty Phần mềm Bản quyền Việt — BG 311", 38200000, "2025-08-21"),
            ("Công ty CP Giải pháp Số Đông Á — BG 95", 38400000, "2025-08-23"),
        ),
        "lowest",
    )
    d["packages"] = [
        {
            "id": "G-01",
            "name": "Mua sắm thiết bị hạ tầng và bản quyền phần mềm",
            "kind": "goods",
            "selection": "open_tender",
            "lines": ["TB-01", "TB-02", "TB-03"],
        },
        {
            "id": "G-02",
            "name": "Tư vấn lập báo cáo kinh tế - kỹ thuật",
            "kind": "consulting",
            "selection": "direct_appointment",
            "lines": ["TV-01", "TV-01-HT"],
        },
    ]
    return d


def mot_cua() -> Data:
    """examples/portfolio/01-mot-cua-huyen.yaml, the clean estimate of the sample portfolio (as is)."""
    return example("portfolio/01-mot-cua-huyen.yaml")


def purchase() -> Data:
    """examples/purchase-ktkt.yaml (purchase, KTKT, NĐ 73/2019, 2025-05-12: IT goods at 10 %).

    Edits: a reviewer and an appraiser; the desktops' model; three quotations for the printers
    and the antivirus licences.
    """
    d = example("purchase-ktkt.yaml")
    project_meta(
        d,
        reviewer="Công ty TNHH Thẩm tra Dự án CNTT Phương Nam",
        appraiser="Sở Tài chính tỉnh",
    )
    insert_after(line(d, "TB-01"), "name", "model", "Dell OptiPlex 7010 SFF")
    set_quotes(
        line(d, "TB-02"),
        quotes(
            ("Công ty TNHH Tin học An Phát — báo giá 113/BG", 12000000, "2025-04-10"),
            ("Công ty CP Công nghệ Minh Long — báo giá 0416", 12300000, "2025-04-15"),
            ("Công ty TNHH Hoàng Gia — báo giá 28/2025", 12500000, "2025-04-18"),
        ),
        "lowest",
    )
    set_quotes(
        line(d, "TB-03"),
        quotes(
            ("Đại lý phân phối Kaspersky miền Bắc — báo giá 16/04", 650000, "2025-04-16"),
            ("Công ty TNHH Bảo mật Số — báo giá 52", 670000, "2025-04-17"),
            ("Công ty CP An ninh mạng Thăng Long — báo giá 0418", 690000, "2025-04-18"),
        ),
        "lowest",
    )
    return d


def portal_2024() -> Data:
    """The portal of :func:`portal` prepared on 2024-09-20 (NĐ 72/2024: IT goods and services 10 %).

    Edits: the date, and the quotations and the software input a year earlier; the group stated
    (`group_c`: the table project-groups starts on 2025-01-01); the digitisation DL-01 filed as
    an IT service (`it_goods_services`, 10 %: IT was excluded from the reduction); no
    direct-appointment package (the limits are encoded from 2025-08-04).
    """
    d = portal()
    project_meta(
        d,
        name="Cổng dịch vụ công trực tuyến cấp tỉnh — phân hệ tiếp nhận hồ sơ (kế hoạch 2024)",
        group="group_c",
        date=dt.date(2024, 9, 20),
    )
    for ln in d["lines"]:
        for q in ln.get("quotes", []):
            q["date"] = q["date"].replace(year=2024)
            q["source"] = q["source"].replace("2025", "2024")
        if "basis" in ln:
            ln["basis"] = ln["basis"].replace("2025", "2024")
    line(d, "PM-01")["software"] = "software-portal-2024-08.yaml"
    line(d, "DL-01")["vat"] = "it_goods_services"
    d["packages"] = d["packages"][:1]
    return d


def recurrent() -> Data:
    """examples/recurrent-task.yaml (đề cương và dự toán chi tiết, TT 03/2020, 2025-03-10).

    Edits: an appraiser; three quotations for the network works and the switches.
    """
    d = example("recurrent-task.yaml")
    project_meta(d, appraiser="Phòng Tài chính - Kế hoạch huyện")
    set_quotes(
        line(d, "XL-01"),
        quotes(
            ("Công ty TNHH Viễn thông Hương Giang — báo giá 20/02", 1150000, "2025-02-20"),
            ("Công ty CP Mạng Phú Xuân — báo giá 14", 1180000, "2025-02-21"),
            ("Công ty TNHH Kỹ thuật Số Thuận An — báo giá 0222", 1200000, "2025-02-22"),
        ),
        "lowest",
    )
    set_quotes(
        line(d, "TB-02"),
        quotes(
            ("Nhà phân phối thiết bị mạng Đông Nam — báo giá 21/02", 14500000, "2025-02-21"),
            ("Công ty CP Hệ thống Thông tin Sông Hương — báo giá 56", 14800000, "2025-02-24"),
            ("Công ty TNHH Giải pháp Số Kim Long — báo giá 2103", 15100000, "2025-02-25"),
        ),
        "lowest",
    )
    return d


def rental_2026() -> Data:
    """examples/rental-plan-2026.yaml (rental plan, NĐ 224/2026, 2026-08-20).

    Edits: a reviewer; the cloud service priced from the provider's published price list
    (`listed_price`, its basis); the video-conferencing platform from the one provider of the
    platform the province uses (`quotes_reason`, recorded as an info); three quotations for the
    review of the plan and for the price appraisal.
    """
    d = example("rental-plan-2026.yaml")
    project_meta(d, reviewer="Công ty CP Tư vấn Thẩm tra CNTT Sao Khuê")
    cloud = line(d, "TDV-01")
    cloud["method"] = "listed_price"
    cloud["basis"] = "Bảng giá niêm yết dịch vụ đám mây của nhà cung cấp được chọn, 05/08/2026"
    video = line(d, "TDV-02")
    insert_after(
        video,
        "basis",
        "quotes_reason",
        "Nhà cung cấp duy nhất của nền tảng hội nghị truyền hình tỉnh đang dùng",
    )
    tv2 = line(d, "TV-02")
    set_quotes(
        tv2,
        quotes(
            ("Công ty CP Tư vấn Thẩm tra CNTT Sao Khuê — báo giá 25/07", 25000000, "2026-07-25"),
            ("Viện Kinh tế Số — báo giá 91", 26000000, "2026-07-26"),
            ("Công ty TNHH Tư vấn Đầu tư CNTT Bắc Hà — báo giá 0727", 27500000, "2026-07-27"),
        ),
        "lowest",
    )
    tv2["name"] = "Chi phí thẩm tra kế hoạch thuê dịch vụ"
    set_quotes(
        line(d, "K-01"),
        quotes(
            ("Công ty Thẩm định giá Việt Tín — báo giá 28/07", 18000000, "2026-07-28"),
            ("Công ty CP Thẩm định giá Đông Á — báo giá 112", 18500000, "2026-07-29"),
            ("Công ty TNHH Thẩm định giá Hoàng Quân — báo giá 0730", 19200000, "2026-07-30"),
        ),
        "lowest",
    )
    # the reviewer quoted for the review: let another firm review, as quoted second
    project_meta(d, reviewer="Công ty TNHH Tư vấn Đầu tư CNTT Bắc Hà")
    return d


def investment_fs() -> Data:
    """examples/investment-fs-2026.yaml (feasibility study, tổng mức đầu tư, NĐ 224/2026, 2026-08-10).

    Edits: a reviewer; the warranty (12 months, the minimum for group C); three quotations for
    each quoted line; the project-management expert estimate in day rates (the office costs as
    four person-days, inside the department's reference range of day rates); no QĐ 1688
    reference figures (a correct NĐ 224 estimate need not show them); the contingency
    (700,000,000, computed separately: ictcost refuses a contingency block for a tổng mức đầu tư)
    stated as the project's contingency, in its stated total, instead of the example's given line
    DP-01 (with DP-01 and no stated contingency COMPLETE-CONTINGENCY warns; with both, ARITH-TOTAL
    counts the contingency twice).
    """
    d = example("investment-fs-2026.yaml")
    project_meta(d, reviewer="Công ty CP Tư vấn Thẩm tra Hạ tầng Số Miền Bắc", warranty_months=12)
    offers = {
        "TB-03": (2150000000, 2190000000, 2230000000, "2026-07-22"),
        "XL-01": (350000000, 358000000, 365000000, "2026-07-18"),
        "DT-01": (60000000, 62000000, 63500000, "2026-07-20"),
        "TV-01": (310000000, 318000000, 325000000, "2026-06-15"),
        "TV-02": (45000000, 46500000, 48000000, "2026-07-20"),
        "K-01": (25000000, 25800000, 26500000, "2026-07-05"),
    }
    firms = (
        "Công ty CP Hệ thống Số Đông Dương",
        "Công ty TNHH Thiết bị Tin học Nam Việt",
        "Công ty CP Công nghệ Hà Thành",
    )
    for line_id, (a, b, c, day) in offers.items():
        set_quotes(
            line(d, line_id),
            quotes(
                (f"{firms[0]} — báo giá {line_id}/1", a, day),
                (f"{firms[1]} — báo giá {line_id}/2", b, day),
                (f"{firms[2]} — báo giá {line_id}/3", c, day),
            ),
            "lowest",
        )
    line(d, "TV-02")["quotes"] = quotes(
        ("Công ty CP Tư vấn Thẩm tra Hạ tầng Số Miền Bắc — báo giá 20/07", 45000000, "2026-07-20"),
        ("Viện Công nghệ Thông tin và Truyền thông — báo giá 77", 46500000, "2026-07-21"),
        ("Công ty TNHH Tư vấn Thẩm tra Đất Việt — báo giá 0722", 48000000, "2026-07-22"),
    )
    line(d, "QLDA")["expert"] = [
        {
            "description": "Ban quản lý dự án: 3 cán bộ × 120 ngày công",
            "person_days": 360,
            "day_rate": 750000,
        },
        {
            "description": "Chi phí văn phòng, hội họp, nghiệm thu (quy đổi 4 ngày công)",
            "person_days": 4,
            "day_rate": 3000000,
        },
    ]
    drop_lines(d, "QLDA-TK-HT", "QLDA-TK-PM", "DP-01")
    return d


def rental_2025() -> Data:
    """examples/rental-plan-2025.yaml (rental plan, TT 12/2020, NĐ 73/2019, 2025-08-15).

    Edits: a reviewer; three quotations for the maintenance.
    """
    d = example("rental-plan-2025.yaml")
    project_meta(d, reviewer="Công ty CP Tư vấn Thẩm tra Y tế Số")
    set_quotes(
        line(d, "BT-01"),
        quotes(
            ("Bên cho thuê — báo giá bảo trì 07/2025", 72000000, "2025-07-20"),
            ("Công ty TNHH Phần mềm Y tế Hồng Đức — báo giá 19", 74000000, "2025-07-22"),
            ("Công ty CP Giải pháp Y tế Thông minh — báo giá 0725", 76000000, "2025-07-25"),
        ),
        "lowest",
    )
    return d


def ioc() -> Data:
    """examples/portfolio/03-ioc-do-thi.yaml with its equipment in ONE open-tender package.

    Edits: the project kind and document instead of the deprecated `form`; one goods package by
    open tender for the three equipment lines (the sample splits them to appoint directly).
    """
    d = example("portfolio/03-ioc-do-thi.yaml")
    meta = d["project"]
    meta.pop("form")
    project_meta(
        d,
        appraiser="Sở Tài chính thành phố",
        project_kind="investment",
        document="ktkt_report",
    )
    d["packages"] = [
        {
            "id": "G-01",
            "name": "Mua sắm thiết bị trung tâm IOC",
            "kind": "goods",
            "selection": "open_tender",
            "lines": ["TB-01", "TB-02", "TB-03"],
        }
    ]
    return d


def ktkt_nd45() -> Data:
    """The portal of :func:`portal` as a KTKT report of 2026-04-15 under NĐ 45/2026.

    Every line priced by a method NĐ 45/2026 Điều 16 lists: the internal software by a price
    appraisal, the digitisation and the training by quotations, project management by an expert
    estimate, the consultancy by quotations (no QĐ 1688 % norm, no use-case points); warranty 12
    months; contingency in two parts (extra volume 5 %, escalation given as an amount).
    """
    d = portal()
    project_meta(
        d,
        name="Cổng dịch vụ công trực tuyến cấp tỉnh — phân hệ tiếp nhận hồ sơ (lập năm 2026)",
        warranty_months=12,
        date=dt.date(2026, 4, 15),
    )
    for ln in d["lines"]:
        for q in ln.get("quotes", []):
            q["date"] = q["date"].replace(year=2026, month=3)
            q["source"] = q["source"].replace("2025", "2026")
    pm = line(d, "PM-01")
    pm.pop("software")
    pm["method"] = "appraisal"
    pm["amount"] = 480000000
    pm["basis"] = "Chứng thư thẩm định giá số 45/2026/CT-TĐG, 02/04/2026"
    d["lines"][d["lines"].index(line(d, "DL-01"))] = {
        "id": "DL-01",
        "component": "tao_lap_du_lieu",
        "name": "Số hóa hồ sơ thủ tục hành chính tồn đọng",
        "method": "quotation",
        "vat": "general",
        "unit": "trang",
        "quantity": 12000,
        "quotes": quotes(
            ("Công ty CP Số hóa Tài liệu Việt — BG 31/2026", 5600, "2026-03-20"),
            ("Công ty TNHH Lưu trữ Số Thăng Long — BG 0321", 5750, "2026-03-21"),
            ("Công ty CP Dữ liệu Sao Mai — BG 77", 5900, "2026-03-23"),
        ),
        "pick": "lowest",
    }
    d["lines"][d["lines"].index(line(d, "DT-01"))] = {
        "id": "DT-01",
        "component": "dao_tao",
        "name": "Đào tạo cán bộ một cửa và quản trị hệ thống",
        "method": "quotation",
        "vat": "general",
        "unit": "khóa",
        "quantity": 2,
        "quotes": quotes(
            ("Trung tâm Đào tạo CNTT tỉnh — BG 12/2026", 10500000, "2026-03-18"),
            ("Công ty CP Đào tạo Kỹ năng Số — BG 44", 10800000, "2026-03-19"),
            ("Viện Tin học Ứng dụng — BG 0320", 11200000, "2026-03-20"),
        ),
        "pick": "lowest",
    }

    def quoted(line_id: str, name: str, component: str, a: int, b: int, c: int) -> Data:
        return {
            "id": line_id,
            "component": component,
            "name": name,
            "method": "quotation",
            "vat": "general",
            "unit": "gói",
            "quantity": 1,
            "quotes": quotes(
                ("Công ty CP Tư vấn CNTT Trường An — BG 2026/15", a, "2026-03-10"),
                ("Công ty TNHH Tư vấn Số Miền Trung — BG 0311", b, "2026-03-11"),
                ("Viện Tin học Doanh nghiệp — BG 212", c, "2026-03-12"),
            ),
            "pick": "lowest",
        }

    qlda = {
        "id": "QLDA",
        "component": "quan_ly_du_an",
        "name": "Chi phí quản lý dự án",
        "method": "expert",
        "vat": "not_applicable",
        "expert": [
            {
                "description": "Ban quản lý dự án: 2 cán bộ × 20 ngày công",
                "person_days": 40,
                "day_rate": 700000,
            }
        ],
    }
    tail = [
        qlda,
        quoted(
            "TV-01",
            "Chi phí lập báo cáo kinh tế - kỹ thuật",
            "tu_van",
            32000000,
            33500000,
            34800000,
        ),
        quoted(
            "TV-02",
            "Chi phí thẩm tra báo cáo kinh tế - kỹ thuật",
            "tu_van",
            8000000,
            8400000,
            8800000,
        ),
        quoted("TV-03", "Chi phí lập HSMT, đánh giá HSDT", "tu_van", 6000000, 6200000, 6500000),
        line(d, "K-01")
        | {"basis": "Báo giá dịch vụ thẩm định giá của Công ty thẩm định D, 28/03/2026"},
        quoted(
            "K-02",
            "Chi phí kiểm thử an toàn thông tin",
            "chi_phi_khac",
            25600000,
            26200000,
            27000000,
        ),
    ]
    keep = ("TB-01", "TB-02", "TB-03", "PM-01", "DL-01", "DT-01")
    d["lines"] = [ln for ln in d["lines"] if ln["id"] in keep] + tail
    d["contingency"] = {
        "on": "after_vat",
        "volume_percent": 5,
        "escalation_amount": 20000000,
        "basis": "Khối lượng phát sinh 5 %; trượt giá ước tính 20.000.000 đồng (thực hiện 8 tháng)",
    }
    d["packages"] = [
        {
            "id": "G-01",
            "name": "Mua sắm thiết bị hạ tầng và bản quyền phần mềm",
            "kind": "goods",
            "selection": "open_tender",
            "lines": ["TB-01", "TB-02", "TB-03"],
        }
    ]
    return d


def ho_tich() -> Data:
    """A KTKT of 2025-10-20 (NĐ 73/2019): the provincial civil-status system with UCP software.

    Written for the portfolio cases (its use cases and equipment differ from the portal's).
    """
    firms = (
        "Công ty CP Hệ thống Số Đông Dương",
        "Công ty TNHH Thiết bị Tin học Nam Việt",
        "Công ty CP Công nghệ Hà Thành",
    )
    return {
        "project": {
            "name": "Hệ thống thông tin đăng ký và quản lý hộ tịch tỉnh — mở rộng",
            "owner": "Sở Tư pháp tỉnh",
            "preparer": "Công ty CP Tư vấn Chuyển đổi số Trường An",
            "reviewer": "Công ty TNHH Thẩm tra Dự án CNTT Phương Nam",
            "appraiser": "Sở Tài chính tỉnh",
            "date": dt.date(2025, 10, 20),
            "project_kind": "investment",
            "document": "ktkt_report",
            "kind": "du_toan",
        },
        "lines": [
            {
                "id": "TB-01",
                "component": "thiet_bi",
                "name": "Máy chủ cơ sở dữ liệu hộ tịch",
                "model": "Lenovo ThinkSystem SR650 V3",
                "method": "quotation",
                "vat": "it_goods_services",
                "unit": "bộ",
                "quantity": 2,
                "quotes": quotes(
                    (f"{firms[0]} — báo giá 2025/301", 310000000, "2025-09-22"),
                    (f"{firms[1]} — báo giá 0923", 318000000, "2025-09-23"),
                    (f"{firms[2]} — báo giá 88/2025", 322000000, "2025-09-25"),
                ),
                "pick": "median",
            },
            {
                "id": "PM-01",
                "component": "phan_mem_noi_bo",
                "name": "Phần mềm đăng ký, quản lý hộ tịch (mở rộng phân hệ)",
                "method": "calculation",
                "vat": "software",
                "software": "software-ho-tich.yaml",
            },
            {
                "id": "DT-01",
                "component": "dao_tao",
                "name": "Tập huấn sử dụng phần mềm hộ tịch cho công chức tư pháp",
                "method": "expert",
                "part": "software",
                "vat": "general",
                "expert": [
                    {"description": "Giảng viên (5 ngày)", "person_days": 5, "day_rate": 2500000},
                    {"description": "Tài liệu, hậu cần", "person_days": 2, "day_rate": 3000000},
                ],
            },
            *_fees("Chi phí quản lý dự án", "quan_ly_du_an", "quan_ly_du_an", "QLDA"),
            *_fees("Chi phí lập báo cáo kinh tế - kỹ thuật", "tu_van", "lap_bao_cao_ktkt", "TV-01"),
            *_fees(
                "Chi phí thẩm tra báo cáo kinh tế - kỹ thuật",
                "tu_van",
                "tham_tra_bao_cao_ktkt",
                "TV-02",
            ),
        ],
        "contingency": {"on": "after_vat", "rate_percent": 5},
    }


def _fees(name: str, component: str, item: str, line_id: str) -> list[Data]:
    """One % fee line per part (software, infrastructure), as the examples price them."""
    vat = "not_applicable" if component == "quan_ly_du_an" else "general"
    return [
        {
            "id": line_id,
            "component": component,
            "name": f"{name} (phần phần mềm)",
            "method": "norm",
            "vat": vat,
            "fee": {"item": item, "category": "software"},
        },
        {
            "id": f"{line_id}-HT",
            "component": component,
            "name": f"{name} (phần hạ tầng)",
            "method": "norm",
            "vat": vat,
            "fee": {"item": item, "category": "infrastructure"},
        },
    ]


SOFTWARE_SYSTEMS = (
    # (file stem, system name, owner, (use-case names …)): distinct vocabularies, so that the
    # use cases of two systems are never alike (DUP-PORTFOLIO-FUNCTION)
    (
        "ucp-1-thi-dua",
        "Phần mềm quản lý thi đua, khen thưởng",
        "Sở Nội vụ tỉnh",
        (
            "Đề nghị khen thưởng cấp tỉnh",
            "Xét duyệt hồ sơ thi đua",
            "Cấp bằng khen điện tử",
            "Theo dõi phong trào thi đua",
            "Tổng hợp danh hiệu tập thể",
            "Kết xuất quyết định khen thưởng",
        ),
    ),
    (
        "ucp-2-van-thu",
        "Phần mềm lưu trữ hồ sơ điện tử",
        "Sở Nội vụ tỉnh",
        (
            "Nộp lưu hồ sơ vào kho",
            "Chỉnh lý tài liệu lưu trữ",
            "Khai thác tài liệu trực tuyến",
            "Quản lý mục lục hồ sơ",
            "Tiêu hủy tài liệu hết giá trị",
            "Thống kê kho lưu trữ",
        ),
    ),
    (
        "ucp-3-giao-duc",
        "Phần mềm tuyển sinh đầu cấp",
        "Sở Giáo dục và Đào tạo tỉnh",
        (
            "Đăng ký tuyển sinh lớp một",
            "Phân tuyến học sinh theo địa bàn",
            "Xét tuyển vào lớp mười",
            "Công bố kết quả trúng tuyển",
            "Xác nhận nhập học",
            "Điều chỉnh nguyện vọng",
        ),
    ),
    (
        "ucp-4-y-te",
        "Phần mềm quản lý tiêm chủng",
        "Sở Y tế tỉnh",
        (
            "Lập kế hoạch tiêm chủng mở rộng",
            "Ghi nhận mũi tiêm",
            "Nhắc lịch tiêm qua tin nhắn",
            "Quản lý vắc xin tồn kho",
            "Báo cáo phản ứng sau tiêm",
            "Cấp giấy xác nhận đã tiêm",
        ),
    ),
    (
        "ucp-5-giao-thong",
        "Phần mềm quản lý phương tiện thủy nội địa",
        "Sở Giao thông vận tải tỉnh",
        (
            "Đăng ký phương tiện thủy",
            "Cấp sổ kiểm định an toàn",
            "Xóa đăng ký phương tiện",
            "Tra cứu chủ phương tiện",
            "Giám sát bến thủy",
            "Xử lý vi phạm đường thủy",
        ),
    ),
    (
        "ucp-6-nong-nghiep",
        "Phần mềm truy xuất nguồn gốc nông sản",
        "Sở Nông nghiệp và Môi trường tỉnh",
        (
            "Khai báo vùng trồng",
            "Cấp mã số vùng trồng",
            "In tem truy xuất",
            "Quét mã tra cứu sản phẩm",
            "Nhật ký canh tác",
            "Kiểm tra chứng nhận VietGAP",
        ),
    ),
)


def software_input(name: str, date: dt.date, use_cases: tuple[str, ...], salary: int) -> Data:
    """A software input for the UCP cases: five actors, six use cases, mid-scale factors."""
    pattern = (("B", 6), ("B", 4), ("M", 5), ("B", 3), ("T", 7), ("B", 8))
    return {
        "name": name,
        "date": date,
        "actors": [
            {"name": "Cán bộ nghiệp vụ", "complexity": "complex"},
            {"name": "Lãnh đạo phòng", "complexity": "complex"},
            {"name": "Người dân, doanh nghiệp", "complexity": "complex"},
            {"name": "Nền tảng LGSP (API)", "complexity": "simple"},
            {"name": "Hệ thống quản lý văn bản (giao thức)", "complexity": "average"},
        ],
        "use_cases": [
            {"name": uc, "bmt": bmt, "transactions": t}
            for uc, (bmt, t) in zip(use_cases, pattern, strict=True)
        ],
        "technical": {f"T{i}": v for i, v in enumerate((3, 2, 3, 2, 1, 2, 3, 1, 3, 2, 3, 0, 1), 1)},
        "environmental": {
            "E1": [3, 3, 4],
            "E2": [3, 3, 2],
            "E3": 3,
            "E4": 4,
            "E5": 3,
            "E6": 3,
            "E7": 1,
            "E8": 2,
        },
        "labour_rate": {
            "method": "team_average",
            "members": [
                {"role": "Trưởng nhóm", "monthly_salary": salary + 6000000, "count": 1},
                {"role": "Lập trình viên", "monthly_salary": salary, "count": 3},
                {"role": "Kiểm thử", "monthly_salary": salary - 3000000, "count": 1},
            ],
            "working_days_per_month": 22,
            "hours_per_day": 8,
        },
    }


def software_estimate(stem: str, system: str, owner: str, day: int) -> Data:
    """A KTKT of a software-only project (NĐ 73/2019, 2025-11): UCP software, its fees, contingency."""
    return {
        "project": {
            "name": f"{system} — xây dựng mới",
            "owner": owner,
            "preparer": "Trung tâm Chuyển đổi số tỉnh",
            "reviewer": "Công ty CP Tư vấn Thẩm tra Tin học Hà Thành",
            "appraiser": "Sở Tài chính tỉnh",
            "date": dt.date(2025, 11, day),
            "project_kind": "investment",
            "document": "ktkt_report",
            "kind": "du_toan",
        },
        "lines": [
            {
                "id": "PM-01",
                "component": "phan_mem_noi_bo",
                "name": system,
                "method": "calculation",
                "vat": "software",
                "software": f"{stem}-software.yaml",
            },
            _fees("Chi phí quản lý dự án", "quan_ly_du_an", "quan_ly_du_an", "QLDA")[0],
            _fees("Chi phí lập báo cáo kinh tế - kỹ thuật", "tu_van", "lap_bao_cao_ktkt", "TV-01")[
                0
            ],
            _fees(
                "Chi phí thẩm tra báo cáo kinh tế - kỹ thuật",
                "tu_van",
                "tham_tra_bao_cao_ktkt",
                "TV-02",
            )[0],
        ],
        "contingency": {"on": "after_vat", "rate_percent": 5},
    }


# --- the software inputs ---------------------------------------------------------------------------


def portal_software() -> Data:
    data: Data = yaml.load(
        (EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8"), Loader=_Loader
    )
    return data


def ho_tich_software() -> Data:
    return software_input(
        "Hệ thống đăng ký và quản lý hộ tịch — phân hệ mở rộng",
        dt.date(2025, 9, 15),
        (
            "Tiếp nhận yêu cầu đăng ký khai sinh",
            "Đăng ký kết hôn có yếu tố nước ngoài",
            "Cấp bản sao trích lục hộ tịch",
            "Xác thực công dân qua VNeID",
            "Liên thông khai sinh với bảo hiểm y tế",
            "Tổng hợp số liệu đăng ký hộ tịch",
        ),
        12500000,
    )


SOFTWARE: dict[str, Callable[[], Data]] = {}


def software(path: str, header: str) -> Callable[[Callable[[], Data]], Callable[[], Data]]:
    def register(build: Callable[[], Data]) -> Callable[[], Data]:
        SOFTWARE[path] = build
        HEADERS[path] = header
        return build

    return register


HEADERS: dict[str, str] = {}


@software(
    "software-portal.yaml",
    "Copy of examples/software-portal.yaml (the portal's internal software).",
)
def _sw_portal() -> Data:
    return portal_software()


@software(
    "software-portal-2024-08.yaml",
    "examples/software-portal.yaml dated 2024-08-15 (QĐ 671/QĐ-BTTTT), for clean-04.",
)
def _sw_portal_2024() -> Data:
    return portal_software() | {"date": dt.date(2024, 8, 15)}


@software(
    "software-portal-2024-03.yaml",
    "planted (NORM-NOT-IN-FORCE, case computed): examples/software-portal.yaml dated 2024-03-01, "
    "which selects CV 2589/BTTTT-ƯDCNTT; QĐ 671/QĐ-BTTTT is in force from 2024-04-26.",
)
def _sw_portal_2024_03() -> Data:
    return portal_software() | {"date": dt.date(2024, 3, 1)}


@software(
    "software-portal-t5.yaml",
    "planted (METHOD-UCP-INPUTS, case technical_max): examples/software-portal.yaml with every "
    "technical factor rated 5.",
)
def _sw_portal_t5() -> Data:
    return portal_software() | {"technical": {f"T{i}": 5 for i in range(1, 14)}}


@software("software-ho-tich.yaml", "The civil-status system's internal software (clean-11).")
def _sw_ho_tich() -> Data:
    return ho_tich_software()


@software(
    "portfolio-dup-function/software-ho-tich-nop-ho-so.yaml",
    "planted (DUP-PORTFOLIO-FUNCTION): software-ho-tich.yaml with its first use case renamed "
    "'Nộp hồ sơ trực tuyến', a use case of the portal's software (same weight, same cost).",
)
def _sw_ho_tich_dup() -> Data:
    d = ho_tich_software()
    d["use_cases"][0]["name"] = "Nộp hồ sơ trực tuyến"
    return d


OUTLIER = "ucp-6-nong-nghiep"
"""The estimate of the UCP-outlier portfolio whose team is paid four times the others'."""

for _i, (_stem, _system, _owner, _ucs) in enumerate(SOFTWARE_SYSTEMS):
    _salary = 12000000 + 250000 * (_i % 5) - 500000
    _header = f"Internal software of {_stem}.yaml (UCP-outlier portfolio)."
    if _stem == OUTLIER:
        _salary *= 4
        _header = (
            f"planted (METHOD-UCP-OUTLIER): internal software of {_stem}.yaml, its team paid four "
            "times the others' (the same use-case pattern): G_PM per use case four times the "
            "portfolio's median."
        )

    def _build(
        stem: str = _stem, system: str = _system, ucs: tuple[str, ...] = _ucs, salary: int = _salary
    ) -> Data:
        return software_input(system, dt.date(2025, 10, 1), ucs, salary)

    SOFTWARE[f"portfolio-ucp-outlier/{_stem}-software.yaml"] = _build
    HEADERS[f"portfolio-ucp-outlier/{_stem}-software.yaml"] = _header


# --- the bases and the cases ---------------------------------------------------------------------


@dataclass(frozen=True)
class Base:
    """A clean estimate: how its input is built, and how it states its figures."""

    file: str
    build: Callable[[], Data]
    what: str
    contingency: int | None = None
    """A contingency computed outside ictcost (a tổng mức đầu tư), stated with the totals."""
    written: Change | None = None
    """How the estimate writes some stated figures otherwise than ictcost, equally right."""

    def stated(self, data: Data, base_dir: Path) -> Data:
        data = state(data, base_dir, contingency=self.contingency)
        if self.written is not None:
            self.written(data)
        return data


def _rates_as_written(d: Data) -> None:
    _stated("QLDA-HT", rate_percent=Decimal("2.644"), rate_multiplier=Decimal("0.84"))(d)
    _stated("TV-01-HT", rate_percent=Decimal("0.992"))(d)


BASES = {
    b.file: b
    for b in (
        Base(
            "clean-01-portal-ktkt-2025.yaml",
            portal,
            "examples/portal-project.yaml: KTKT, NĐ 73/2019, 2025-09-15, UCP software, % fees of both parts",
        ),
        Base(
            "clean-02-mot-cua-huyen.yaml",
            mot_cua,
            "examples/portfolio/01-mot-cua-huyen.yaml: KTKT, NĐ 73/2019, 2025-10-01, a direct-appointment goods package",
        ),
        Base(
            "clean-03-purchase-ktkt-2025.yaml",
            purchase,
            "examples/purchase-ktkt.yaml: purchase as KTKT, NĐ 73/2019, 2025-05-12 (IT goods 10 %)",
        ),
        Base(
            "clean-04-portal-ktkt-2024-09.yaml",
            portal_2024,
            "the portal on 2024-09-20 (NĐ 72/2024), group stated, digitisation as an IT service",
        ),
        Base(
            "clean-05-recurrent-2025.yaml",
            recurrent,
            "examples/recurrent-task.yaml: đề cương và dự toán chi tiết, TT 03/2020, 2025-03-10",
        ),
        Base(
            "clean-06-rental-2026.yaml",
            rental_2026,
            "examples/rental-plan-2026.yaml: rental plan, NĐ 224/2026, 2026-08-20",
        ),
        Base(
            "clean-07-investment-fs-2026.yaml",
            investment_fs,
            "examples/investment-fs-2026.yaml: feasibility study, tổng mức đầu tư, NĐ 224/2026, 2026-08-10, its contingency computed separately and stated",
            contingency=700000000,
        ),
        Base(
            "clean-08-rental-2025.yaml",
            rental_2025,
            "examples/rental-plan-2025.yaml: rental plan, TT 12/2020, NĐ 73/2019, 2025-08-15",
        ),
        Base(
            "clean-09-ioc-open-tender.yaml",
            ioc,
            "examples/portfolio/03-ioc-do-thi.yaml with one open-tender package",
        ),
        Base(
            "clean-10-portal-ktkt-nd45-2026.yaml",
            ktkt_nd45,
            "the portal as a KTKT of 2026-04-15 under NĐ 45/2026, every method listed",
        ),
        Base(
            "clean-11-ho-tich-ktkt-2025.yaml",
            ho_tich,
            "a KTKT of 2025-10-20 with UCP software (civil-status system)",
        ),
        Base(
            "clean-12-portal-rates-as-written.yaml",
            portal,
            "clean-01 with two % rates stated as appraisal files often write them: QLDA-HT as the table rate 2.644 % × the multiplier 0.84 (`rate_multiplier`), TV-01-HT as the table rate 0.992 % alone (the × 1.65 applied in its amount)",
            written=_rates_as_written,
        ),
    )
}


@dataclass(frozen=True)
class Case:
    """One planted problem: a file derived from a clean input by ONE change."""

    file: str
    base: str
    code: str
    line: str | None
    what: str
    change: Change
    restate: bool = True
    consequences: tuple[str, ...] = ()
    partners: tuple[tuple[str, str], ...] = ()
    """For a portfolio case: (file in the folder, clean base) of the other estimates."""


# a few changes used by several cases


def _set(line_id: str, **fields: object) -> Change:
    def change(d: Data) -> None:
        line(d, line_id).update(fields)

    return change


_STATED_ORDER = (
    "unit_price",
    "rate_percent",
    "rate_multiplier",
    "amount",
    "vat_rate",
    "vat_not_subject",
    "vat",
    "total",
    "basis_instrument",
)


def _stated(line_id: str, **fields: object) -> Change:
    """Change stated figures of a line (``None`` removes one), in the usual key order."""

    def change(d: Data) -> None:
        ln = line(d, line_id)
        merged = {k: v for k, v in (ln["stated"] | fields).items() if v is not None}
        ln["stated"] = {k: merged[k] for k in _STATED_ORDER if k in merged}

    return change


def _stated_amount(line_id: str, amount: int) -> Change:
    """A wrong stated amount, carried through to the line's VAT and total."""

    def change(d: Data) -> None:
        s = line(d, line_id)["stated"]
        s["amount"] = amount
        vat = Decimal(0)
        if "vat_rate" in s:
            vat = (Decimal(amount) * Decimal(str(s["vat_rate"])) / 100).quantize(Decimal(1))
        s["vat"] = vat
        s["total"] = amount + vat

    return change


def _stated_vat_rate(line_id: str, rate: int) -> Change:
    """A stated VAT rate, with the VAT and total that follow from it."""

    def change(d: Data) -> None:
        ln = line(d, line_id)
        s = ln["stated"]
        vat = (Decimal(s["amount"]) * rate / 100).quantize(Decimal(1))
        figures = {k: v for k, v in s.items() if k in ("unit_price", "amount", "rate_percent")}
        ln["stated"] = figures | {"vat_rate": rate, "vat": vat, "total": s["amount"] + vat}

    return change


def _fee(line_id: str, **fields: object) -> Change:
    def change(d: Data) -> None:
        line(d, line_id)["fee"].update(fields)

    return change


def _meta(**fields: object) -> Change:
    def change(d: Data) -> None:
        project_meta(d, **fields)

    return change


def _drop(*ids: str) -> Change:
    def change(d: Data) -> None:
        drop_lines(d, *ids)
        for pkg in d.get("packages", []):
            pkg["lines"] = [i for i in pkg.get("lines", []) if i not in ids]

    return change


def _chain(*changes: Change) -> Change:
    def change(d: Data) -> None:
        for c in changes:
            c(d)

    return change


def _quote(line_id: str, index: int, price: int) -> Change:
    def change(d: Data) -> None:
        line(d, line_id)["quotes"][index]["unit_price"] = price

    return change


def _scale_quotes(line_id: str, factor: Decimal) -> Change:
    def change(d: Data) -> None:
        for q in line(d, line_id)["quotes"]:
            q["unit_price"] = int(Decimal(q["unit_price"]) * factor)

    return change


def _no_contingency(d: Data) -> None:
    d.pop("contingency")


def _add_line(after: str, new: Data) -> Change:
    def change(d: Data) -> None:
        insert_line(d, after, new)

    return change


def _packages(*packages: Data) -> Change:
    def change(d: Data) -> None:
        d["packages"] = list(packages)

    return change


def _add_package(package: Data) -> Change:
    def change(d: Data) -> None:
        d.setdefault("packages", []).append(package)

    return change


def _no_pick(line_id: str) -> Change:
    def change(d: Data) -> None:
        line(d, line_id).pop("pick")

    return change


def _project_stated(**fields: object) -> Change:
    def change(d: Data) -> None:
        d["stated"].update(fields)

    return change


def _component_stated(key: str, value: int) -> Change:
    def change(d: Data) -> None:
        d["stated"]["components"][key] = value

    return change


def _split_qlda_ht(d: Data) -> None:
    qlda = line(d, "QLDA-HT")
    qlda["name"] = "Chi phí quản lý dự án (phần hạ tầng — máy chủ)"
    qlda["fee"]["base_lines"] = ["TB-01"]
    second = copy.deepcopy(qlda)
    second["id"] = "QLDA-HT-2"
    second["name"] = "Chi phí quản lý dự án (phần hạ tầng — thiết bị khác, đào tạo)"
    second["fee"]["base_lines"] = ["TB-02", "TB-03", "DT-01"]
    insert_line(d, "QLDA-HT", second)


def _split_workstations(d: Data) -> None:
    """The 12 workstations of the one-stop shop as two lines of 6, one per commune."""
    first = line(d, "TB-01")
    first["name"] = "Máy trạm cho bộ phận một cửa — UBND xã Đông Hòa"
    first["quantity"] = 6
    second = copy.deepcopy(first)
    second["id"] = "TB-03"
    second["name"] = "Máy trạm cho bộ phận một cửa — UBND xã Đông Tiến"
    insert_line(d, "TB-02", second)
    d["packages"][0]["lines"] = ["TB-01", "TB-02", "TB-03"]


def _qlda_norm_nd224(d: Data) -> None:
    """Project management priced by the QĐ 1688 % norm (both parts) instead of the expert estimate."""
    i = next(i for i, ln in enumerate(d["lines"]) if ln["id"] == "QLDA")
    d["lines"][i : i + 1] = _fees("Chi phí quản lý dự án", "quan_ly_du_an", "quan_ly_du_an", "QLDA")


def _fs_base_after_vat(d: Data) -> None:
    # TB-01..03 and DT-01 after VAT (724,000,000 before VAT)
    line(d, "QLDA-HT")["fee"]["base"] = 775840000


FIRMS = (
    "Công ty CP Hệ thống Số Đông Dương",
    "Công ty TNHH Thiết bị Tin học Nam Việt",
    "Công ty CP Công nghệ Hà Thành",
)

P1 = "clean-01-portal-ktkt-2025.yaml"
P2 = "clean-02-mot-cua-huyen.yaml"
P3 = "clean-03-purchase-ktkt-2025.yaml"
P4 = "clean-04-portal-ktkt-2024-09.yaml"
P5 = "clean-05-recurrent-2025.yaml"
P7 = "clean-07-investment-fs-2026.yaml"
P9 = "clean-09-ioc-open-tender.yaml"
P10 = "clean-10-portal-ktkt-nd45-2026.yaml"
P11 = "clean-11-ho-tich-ktkt-2025.yaml"

CASES: list[Case] = [
    # --- arithmetic -------------------------------------------------------------------------------
    Case(
        "arith-line.yaml",
        P1,
        "ARITH-LINE",
        "K-02",
        "K-02 (8 person-days × 3,200,000 = 25,600,000) stated as 28,600,000, with its VAT and total",
        _stated_amount("K-02", 28600000),
        restate=False,
        consequences=("ARITH-TOTAL",),
    ),
    Case(
        "arith-fee-rate.yaml",
        P1,
        "ARITH-FEE-RATE",
        "QLDA-HT",
        "QLDA-HT states the rate 2.5 % (the norm gives 2.22096 %); the amount stated is the norm's",
        _stated("QLDA-HT", rate_percent=Decimal("2.5")),
        restate=False,
    ),
    Case(
        "arith-qty-price.yaml",
        P1,
        "ARITH-QTY-PRICE",
        "TB-01",
        "TB-01 states the unit price 258,000,000 (a typo) beside the amount 570,000,000 = 2 × 285,000,000",
        _stated("TB-01", unit_price=258000000),
        restate=False,
    ),
    Case(
        "arith-vat.yaml",
        P1,
        "ARITH-VAT",
        "DL-01",
        "DL-01 states VAT 5,000,000 at 8 % of 67,500,000 (5,400,000), and the total that follows",
        _stated("DL-01", vat=5000000, total=72500000),
        restate=False,
    ),
    Case(
        "arith-total-line.yaml",
        P1,
        "ARITH-TOTAL",
        "TB-01",
        "TB-01 states the total 651,600,000 (amount 570,000,000 + VAT 45,600,000 is 615,600,000)",
        _stated("TB-01", total=651600000),
        restate=False,
    ),
    Case(
        "arith-total-project.yaml",
        P2,
        "ARITH-TOTAL",
        None,
        "the project's stated total 481,262,708 (the sum is 481,622,708: two digits swapped)",
        _project_stated(total=481262708),
        restate=False,
    ),
    Case(
        "arith-total-component.yaml",
        P1,
        "ARITH-TOTAL",
        None,
        "the stated consultancy component (tu_van) 43,383,301 instead of 43,338,301",
        _component_stated("tu_van", 43383301),
        restate=False,
    ),
    Case(
        "arith-software.yaml",
        P1,
        "ARITH-SOFTWARE",
        "PM-01",
        "PM-01 (UCP, G_PM 482,035,330) stated as 528,035,330",
        _stated_amount("PM-01", 528035330),
        restate=False,
        consequences=("ARITH-TOTAL",),
    ),
    # --- VAT --------------------------------------------------------------------------------------
    Case(
        "vat-rate.yaml",
        P1,
        "VAT-RATE",
        "DL-01",
        "DL-01 (general, 8 % on 2025-09-15) stated at 10 %, with its VAT and total",
        _stated_vat_rate("DL-01", 10),
        restate=False,
    ),
    Case(
        "vat-rate-it-2025-05.yaml",
        P3,
        "VAT-RATE",
        "TB-01",
        "TB-01 (IT goods, 10 % on 2025-05-12: IT was excluded from the reduction) stated at 8 %",
        _stated_vat_rate("TB-01", 8),
        restate=False,
    ),
    Case(
        "vat-rate-not-applicable.yaml",
        P1,
        "VAT-RATE",
        "QLDA",
        "QLDA (the owner's management, outside VAT) stated with 8 % VAT",
        _stated_vat_rate("QLDA", 8),
        restate=False,
    ),
    Case(
        "vat-rate-not-subject-stated.yaml",
        P1,
        "VAT-RATE",
        "K-02",
        "the security test K-02 (a general service, 8 %) stated as không chịu thuế (vat_not_subject, no VAT)",
        _stated("K-02", vat_rate=None, vat_not_subject=True, vat=0, total=25600000),
        restate=False,
    ),
    Case(
        "vat-not-subject-zero.yaml",
        P1,
        "VAT-NOT-SUBJECT",
        "TB-03",
        "the licences TB-03 (software, không chịu thuế) stated at a 0 % VAT rate",
        _chain(_stated_vat_rate("TB-03", 0)),
        restate=False,
    ),
    Case(
        "vat-not-subject-taxed.yaml",
        P1,
        "VAT-NOT-SUBJECT",
        "PM-01",
        "the internal software PM-01 (không chịu thuế) stated with 8 % VAT",
        _stated_vat_rate("PM-01", 8),
        restate=False,
    ),
    Case(
        "vat-category-software.yaml",
        P1,
        "VAT-CATEGORY",
        "PM-01",
        "the internal software PM-01 filed under VAT category general (taxed 8 %) instead of software",
        _set("PM-01", vat="general"),
    ),
    Case(
        "vat-category-licence-name.yaml",
        P1,
        "VAT-CATEGORY",
        "TB-03",
        "the licences TB-03 ('Bản quyền …') filed as it_goods_services (taxed 8 %)",
        _set("TB-03", vat="it_goods_services"),
    ),
    Case(
        "vat-category-qlda-taxed.yaml",
        P1,
        "VAT-CATEGORY",
        "QLDA",
        "QLDA, the owner's management priced by the % norm, filed under general (taxed 8 %)",
        _set("QLDA", vat="general"),
    ),
    Case(
        "vat-category-digitisation-2024.yaml",
        P4,
        "VAT-CATEGORY",
        "DL-01",
        "the digitisation DL-01 filed as general (8 %) on 2024-09-20, when IT services were at 10 %",
        _set("DL-01", vat="general"),
    ),
    # --- fee structure ------------------------------------------------------------------------------
    Case(
        "struct-fee-base-left-out.yaml",
        P1,
        "STRUCT-FEE-BASE",
        "QLDA-HT",
        "QLDA-HT on base_lines [TB-01, TB-02, TB-03]: the training DT-01 left out of the base",
        _fee("QLDA-HT", base_lines=["TB-01", "TB-02", "TB-03"]),
        consequences=("STRUCT-FEE-PART",),
    ),
    Case(
        "struct-fee-base-consultancy.yaml",
        P2,
        "STRUCT-FEE-BASE",
        "QLDA",
        "QLDA on base_lines [TB-01, TB-02, DT-01, TV-02]: the supervision consultancy TV-02 inside the management base",
        _fee("QLDA", base_lines=["TB-01", "TB-02", "DT-01", "TV-02"]),
    ),
    Case(
        "struct-fee-base-after-vat.yaml",
        P1,
        "STRUCT-FEE-BASE",
        "QLDA-HT",
        "QLDA-HT on `base: 775840000`, the after-VAT total of its lines (724,000,000 before VAT)",
        _fs_base_after_vat,
    ),
    Case(
        "struct-fee-base-override.yaml",
        P1,
        "STRUCT-FEE-BASE-OVERRIDE",
        "QLDA-HT",
        "QLDA-HT leaves the training DT-01 out of its base, with a base_reason (an info)",
        _fee(
            "QLDA-HT",
            base_lines=["TB-01", "TB-02", "TB-03"],
            base_reason="Đào tạo do Trường Chính trị tỉnh tự tổ chức và quản lý",
        ),
    ),
    Case(
        "struct-fee-part-missing.yaml",
        P1,
        "STRUCT-FEE-PART",
        None,
        "no lập BCKTKT line for the infrastructure part (TV-01-HT dropped)",
        _drop("TV-01-HT"),
    ),
    Case(
        "struct-fee-part-twice.yaml",
        P1,
        "STRUCT-FEE-PART",
        None,
        "QLDA (software part) on base_lines [PM-01, DL-01, DT-01]: DT-01 is also in QLDA-HT's base",
        _fee("QLDA", base_lines=["PM-01", "DL-01", "DT-01"]),
        consequences=("STRUCT-FEE-BASE",),
    ),
    Case(
        "struct-fee-one-per-part.yaml",
        P1,
        "STRUCT-FEE-ONE-PER-PART",
        "QLDA-HT-2",
        "the infrastructure QLDA split into QLDA-HT (TB-01) and QLDA-HT-2 (TB-02, TB-03, DT-01)",
        _split_qlda_ht,
        consequences=("STRUCT-FEE-BASE",),
    ),
    Case(
        "struct-fee-overlap.yaml",
        P1,
        "STRUCT-FEE-OVERLAP",
        "TV-05",
        "a thẩm tra dự toán line TV-05 (infrastructure) beside the thẩm tra BCKTKT TV-02-HT, which contains it",
        _add_line(
            "TV-04",
            {
                "id": "TV-05",
                "component": "tu_van",
                "name": "Chi phí thẩm tra dự toán (phần hạ tầng)",
                "method": "norm",
                "vat": "general",
                "fee": {"item": "tham_tra_du_toan", "category": "infrastructure"},
            },
        ),
        consequences=("STRUCT-FEE-PART",),
    ),
    Case(
        "struct-reference-in-total.yaml",
        P7,
        "STRUCT-REFERENCE-IN-TOTAL",
        "QLDA",
        "project management priced by the QĐ 1688 % norm (QLDA, QLDA-HT) in the totals under NĐ 224/2026, instead of the expert estimate",
        _qlda_norm_nd224,
        consequences=("METHOD-REFERENCE-ONLY",),
    ),
    # --- completeness -------------------------------------------------------------------------------
    Case(
        "complete-qlda.yaml",
        P1,
        "COMPLETE-QLDA",
        None,
        "no project-management line (QLDA and QLDA-HT dropped)",
        _drop("QLDA", "QLDA-HT"),
    ),
    Case(
        "complete-consultancy-item.yaml",
        P1,
        "COMPLETE-CONSULTANCY",
        None,
        "no lập BCKTKT line (TV-01 and TV-01-HT dropped) in a KTKT report",
        _drop("TV-01", "TV-01-HT"),
    ),
    Case(
        "complete-consultancy-none.yaml",
        P2,
        "COMPLETE-CONSULTANCY",
        None,
        "no consultancy line at all (TV-01 and the supervision TV-02 dropped)",
        _drop("TV-01", "TV-02"),
    ),
    Case(
        "complete-contingency.yaml",
        P1,
        "COMPLETE-CONTINGENCY",
        None,
        "no contingency block (and no stated contingency)",
        _no_contingency,
    ),
    Case(
        "complete-price-evidence.yaml",
        P1,
        "COMPLETE-PRICE-EVIDENCE",
        "TB-02",
        "the UPS TB-02 (listed price) given as a bare unit price 28,500,000: no price-list reference, no basis",
        _chain(lambda d: line(d, "TB-02").pop("price"), _set("TB-02", unit_price=28500000)),
    ),
    Case(
        "complete-price-evidence-quotation.yaml",
        P1,
        "COMPLETE-PRICE-EVIDENCE",
        "TB-03",
        "the licences TB-03 (quotation) given as a bare unit price 38,000,000: no quotation, no basis",
        _chain(
            lambda d: line(d, "TB-03").pop("quotes"),
            lambda d: line(d, "TB-03").pop("pick"),
            _set("TB-03", unit_price=38000000),
        ),
        consequences=("MARKET-QUOTES-FEW",),
    ),
    # --- market prices ------------------------------------------------------------------------------
    Case(
        "market-quotes-few.yaml",
        P1,
        "MARKET-QUOTES-FEW",
        "TB-01",
        "TB-01 priced on two quotations (Công ty C's dropped)",
        lambda d: line(d, "TB-01")["quotes"].pop(2),
    ),
    Case(
        "market-quotes-few-justified.yaml",
        P1,
        "MARKET-QUOTES-FEW-JUSTIFIED",
        "TB-03",
        "TB-03 priced on two quotations, with the reason (quotes_reason) — an info",
        _chain(
            lambda d: line(d, "TB-03")["quotes"].pop(2),
            _set("TB-03", quotes_reason="Chỉ hai nhà phân phối được hãng ủy quyền tại Việt Nam"),
        ),
    ),
    Case(
        "market-quotes-spread.yaml",
        P1,
        "MARKET-QUOTES-SPREAD",
        "TB-01",
        "TB-01's highest quotation 345,000,000 (spread 23.4 %); the median stays 285,000,000",
        _quote("TB-01", 1, 345000000),
    ),
    Case(
        "market-price-far.yaml",
        P1,
        "MARKET-PRICE-FAR",
        "TB-03",
        "TB-03 picks the lowest quotation, 32,300,000, 15.4 % under the median 38,200,000 (spread 18.9 %)",
        _quote("TB-03", 0, 32300000),
    ),
    Case(
        "market-expert-rate.yaml",
        P1,
        "MARKET-EXPERT-RATE",
        "DT-01",
        "the trainer of DT-01 at 4,500,000 a day (the department's range for training: 1,000,000–3,500,000)",
        lambda d: line(d, "DT-01")["expert"][0].update(day_rate=4500000),
    ),
    Case(
        "market-evidence-far.yaml",
        P1,
        "MARKET-EVIDENCE-FAR",
        "TB-01",
        "TB-01's three quotations 30 % higher (median 370,500,000) than the register's R750xs evidence (median 278,500,000)",
        _scale_quotes("TB-01", Decimal("1.3")),
    ),
    Case(
        "market-evidence-stale.yaml",
        P1,
        "MARKET-EVIDENCE-STALE",
        "TB-02",
        "the UPS TB-02 names its model APC Smart-UPS SRT3000XLI, whose only evidence (BC-04, 2024-03) is too old — an info",
        lambda d: insert_after(line(d, "TB-02"), "name", "model", "APC Smart-UPS SRT3000XLI"),
    ),
    # --- methods and norms ------------------------------------------------------------------------
    Case(
        "norm-not-in-force-claimed.yaml",
        P1,
        "NORM-NOT-IN-FORCE",
        "PM-01",
        "PM-01 states it follows CV 2589/BTTTT-ƯDCNTT (QĐ 671/QĐ-BTTTT is in force on 2025-09-15)",
        _stated("PM-01", basis_instrument="CV 2589/BTTTT-ƯDCNTT"),
        restate=False,
    ),
    Case(
        "norm-not-in-force-computed.yaml",
        P1,
        "NORM-NOT-IN-FORCE",
        "PM-01",
        "PM-01's software input is dated 2024-03-01, so it is computed by CV 2589 (software-portal-2024-03.yaml)",
        _set("PM-01", software="software-portal-2024-03.yaml"),
    ),
    Case(
        "norm-not-encoded-groups.yaml",
        P4,
        "NORM-NOT-ENCODED",
        None,
        "no `group` stated on 2024-09-20 (the table project-groups starts on 2025-01-01)",
        lambda d: d["project"].pop("group"),
        restate=False,
    ),
    Case(
        "norm-not-encoded-limits.yaml",
        P3,
        "NORM-NOT-ENCODED",
        None,
        "a direct-appointment package on 2025-05-12 (the direct-appointment limits start on 2025-08-04)",
        _add_package(
            {
                "id": "G-01",
                "name": "Mua sắm máy in",
                "kind": "goods",
                "selection": "direct_appointment",
                "lines": ["TB-02"],
            }
        ),
        restate=False,
    ),
    Case(
        "method-not-allowed-nd45.yaml",
        P10,
        "METHOD-NOT-ALLOWED",
        "DT-01",
        "the training DT-01 priced by an expert estimate under NĐ 45/2026 (quotation-type methods only)",
        lambda d: d["lines"].__setitem__(
            d["lines"].index(line(d, "DT-01")),
            {
                "id": "DT-01",
                "component": "dao_tao",
                "name": "Đào tạo cán bộ một cửa và quản trị hệ thống",
                "method": "expert",
                "vat": "general",
                "expert": [
                    {"description": "Giảng viên (6 ngày)", "person_days": 6, "day_rate": 2500000},
                    {"description": "Tài liệu và hậu cần", "person_days": 2, "day_rate": 3000000},
                ],
            },
        ),
    ),
    Case(
        "method-not-allowed-nd73.yaml",
        P1,
        "METHOD-NOT-ALLOWED",
        "K-02",
        "the security test K-02 priced by quotations under NĐ 73/2019 (other costs: % norm or detailed estimate)",
        lambda d: d["lines"].__setitem__(
            d["lines"].index(line(d, "K-02")),
            {
                "id": "K-02",
                "component": "chi_phi_khac",
                "name": "Chi phí kiểm thử an toàn thông tin",
                "method": "quotation",
                "vat": "general",
                "unit": "gói",
                "quantity": 1,
                "quotes": quotes(
                    ("Công ty An ninh mạng Thăng Long — BG 0901", 25600000, "2025-09-01"),
                    ("Công ty CP Bảo mật Số Việt — BG 77", 26200000, "2025-09-02"),
                    ("Trung tâm Giám sát ATTT — BG 12", 27000000, "2025-09-03"),
                ),
                "pick": "lowest",
            },
        ),
    ),
    Case(
        "method-reference-only.yaml",
        P10,
        "METHOD-REFERENCE-ONLY",
        "QLDA-TK",
        "a QĐ 1688 % figure for project management (QLDA-TK, reference_for QLDA) shown beside the expert estimate under NĐ 45/2026",
        _add_line(
            "QLDA",
            {
                "id": "QLDA-TK",
                "component": "quan_ly_du_an",
                "name": "Chi phí quản lý dự án theo QĐ 1688 (tham khảo, phần hạ tầng)",
                "method": "norm",
                "reference_for": "QLDA",
                "vat": "not_applicable",
                "fee": {"item": "quan_ly_du_an", "category": "infrastructure"},
            },
        ),
    ),
    Case(
        "method-ucp-inputs.yaml",
        P1,
        "METHOD-UCP-INPUTS",
        "PM-01",
        "PM-01's software input rates all 13 technical factors 5 (software-portal-t5.yaml)",
        _set("PM-01", software="software-portal-t5.yaml"),
    ),
    # --- inputs ---------------------------------------------------------------------------------------
    Case(
        "input-line.yaml",
        P7,
        "INPUT-LINE",
        "K-01",
        "K-01 gives three quotations but no pick rule; the rest of the estimate is still reviewed",
        _no_pick("K-01"),
        restate=False,
        consequences=("ARITH-TOTAL",),
    ),
    Case(
        "input-unreadable.yaml",
        P5,
        "INPUT-UNREADABLE",
        None,
        "the đề cương và dự toán chi tiết dated 2026-04-01: NĐ 45/2026 has no such document",
        _meta(date=dt.date(2026, 4, 1)),
        restate=False,
    ),
    # --- duplicates -----------------------------------------------------------------------------------
    Case(
        "dup-line-spacing.yaml",
        P1,
        "DUP-LINE",
        "TB-01",
        "the application server entered twice, the second time as 'Máy chủ ứng dụng (2 CPU, 256GB RAM)' (TB-04, same model Dell PowerEdge R750xs, one unit)",
        _add_line(
            "TB-03",
            {
                "id": "TB-04",
                "component": "thiet_bi",
                "name": "Máy chủ ứng dụng (2 CPU, 256GB RAM)",
                "model": "Dell PowerEdge R750xs",
                "method": "quotation",
                "vat": "it_goods_services",
                "unit": "bộ",
                "quantity": 1,
                "quotes": quotes(
                    ("Công ty A — báo giá số 15/BG", 285000000, "2025-08-20"),
                    ("Công ty B — báo giá số 0921", 292000000, "2025-08-22"),
                    ("Công ty C — báo giá số 77/2025", 279500000, "2025-08-25"),
                ),
                "pick": "median",
            },
        ),
    ),
    Case(
        "dup-line.yaml",
        P1,
        "DUP-LINE",
        "TB-01",
        "the application server entered twice: TB-04 has TB-01's name and model (Dell PowerEdge R750xs), one more unit",
        _add_line(
            "TB-03",
            {
                "id": "TB-04",
                "component": "thiet_bi",
                "name": "Máy chủ ứng dụng (2 CPU, 256 GB RAM)",
                "model": "Dell PowerEdge R750xs",
                "method": "quotation",
                "vat": "it_goods_services",
                "unit": "bộ",
                "quantity": 1,
                "quotes": quotes(
                    ("Công ty A — báo giá số 15/BG", 285000000, "2025-08-20"),
                    ("Công ty B — báo giá số 0921", 292000000, "2025-08-22"),
                    ("Công ty C — báo giá số 77/2025", 279500000, "2025-08-25"),
                ),
                "pick": "median",
            },
        ),
    ),
    Case(
        "dup-shared-service.yaml",
        P1,
        "DUP-SHARED-SERVICE",
        "K-03",
        "a line K-03 renting rack space in the Trung tâm dữ liệu tỉnh, a shared service of the province",
        _add_line(
            "K-02",
            {
                "id": "K-03",
                "component": "chi_phi_khac",
                "name": "Thuê chỗ đặt máy chủ tại Trung tâm dữ liệu tỉnh (12 tháng)",
                "method": "fixed",
                "vat": "general",
                "amount": 36000000,
                "basis": "Báo giá thuê chỗ đặt máy chủ, 25/08/2025",
            },
        ),
    ),
    # --- procurement ----------------------------------------------------------------------------------
    Case(
        "proc-direct-limit-contingency.yaml",
        P2,
        "PROC-DIRECT-LIMIT",
        None,
        "94 workstations: the direct-appointment package G-01 is 1,916,568,000 after VAT (under 2 tỷ) and 2,012,396,400 with its 5 % contingency share",
        _set("TB-01", quantity=94),
    ),
    Case(
        "proc-direct-limit-given.yaml",
        P1,
        "PROC-DIRECT-LIMIT",
        None,
        "a consulting package G-03 (Tư vấn giám sát triển khai) stated at 850,000,000, by direct appointment (limit 800,000,000)",
        _add_package(
            {
                "id": "G-03",
                "name": "Tư vấn giám sát triển khai",
                "kind": "consulting",
                "selection": "direct_appointment",
                "value": 850000000,
            }
        ),
        restate=False,
        consequences=(),
    ),
    Case(
        "proc-exemption-ground.yaml",
        P2,
        "PROC-EXEMPTION-GROUND",
        None,
        "the direct appointment of G-01 justified by 'Gói thầu cấp bách theo chỉ đạo của UBND huyện', no ground of NĐ 214/2025 Điều 78",
        lambda d: d["packages"][0].update(
            exemption="Gói thầu cấp bách theo chỉ đạo của UBND huyện"
        ),
        restate=False,
    ),
    Case(
        "proc-exemption-value-limit.yaml",
        P2,
        "PROC-EXEMPTION-GROUND",
        None,
        "G-01's exemption cites Điều 78 khoản 4, the value limit itself, not a ground",
        lambda d: d["packages"][0].update(exemption="NĐ 214/2025 Điều 78 khoản 4"),
        restate=False,
    ),
    Case(
        "proc-exemption-not-in-force.yaml",
        P2,
        "PROC-EXEMPTION-GROUND",
        None,
        "G-01's exemption is k2_e1, a ground added by NĐ 349/2026 from 2026-09-09 (the project is of 2025-10-01)",
        lambda d: d["packages"][0].update(exemption="k2_e1"),
        restate=False,
    ),
    Case(
        "proc-split-relabelled.yaml",
        P9,
        "PROC-SPLIT",
        None,
        "the equipment split into direct-appointment packages of different kinds (goods, mixed, non_consulting), each under 2 tỷ",
        _packages(
            {
                "id": "G-01",
                "name": "Mua sắm máy chủ",
                "kind": "goods",
                "selection": "direct_appointment",
                "lines": ["TB-01"],
            },
            {
                "id": "G-02",
                "name": "Cung cấp và lắp đặt màn hình ghép",
                "kind": "mixed",
                "selection": "direct_appointment",
                "lines": ["TB-02"],
            },
            {
                "id": "G-03",
                "name": "Dịch vụ cung cấp thiết bị tường lửa",
                "kind": "non_consulting",
                "selection": "direct_appointment",
                "lines": ["TB-03"],
            },
        ),
        restate=False,
    ),
    Case(
        "proc-split.yaml",
        P9,
        "PROC-SPLIT",
        None,
        "the equipment split into three direct-appointment goods packages G-01, G-02, G-03, each under 2 tỷ, together 2.76 tỷ with contingency",
        _packages(
            {
                "id": "G-01",
                "name": "Mua sắm máy chủ",
                "kind": "goods",
                "selection": "direct_appointment",
                "lines": ["TB-01"],
            },
            {
                "id": "G-02",
                "name": "Mua sắm màn hình ghép",
                "kind": "goods",
                "selection": "direct_appointment",
                "lines": ["TB-02"],
            },
            {
                "id": "G-03",
                "name": "Mua sắm thiết bị tường lửa",
                "kind": "goods",
                "selection": "direct_appointment",
                "lines": ["TB-03"],
            },
        ),
        restate=False,
    ),
    # --- classification, independence -----------------------------------------------------------------
    Case(
        "class-design-nd73.yaml",
        P1,
        "CLASS-DESIGN",
        None,
        "48 application servers instead of 2: a KTKT report of 16.9 tỷ under NĐ 73/2019 (ceiling 15 tỷ)",
        _set("TB-01", quantity=48),
    ),
    Case(
        "class-design-nd45.yaml",
        P10,
        "CLASS-DESIGN",
        None,
        "64 application servers instead of 2: a KTKT report of 21.6 tỷ, above the 20 tỷ ceiling of NĐ 45/2026",
        _set("TB-01", quantity=64),
    ),
    Case(
        "class-warranty.yaml",
        P7,
        "CLASS-WARRANTY",
        None,
        "warranty 6 months (group C: at least 12 under NĐ 224/2026 Điều 59)",
        _meta(warranty_months=6),
        restate=False,
    ),
    Case(
        "class-group-stated.yaml",
        P1,
        "CLASS-GROUP-STATED",
        None,
        "the project states group B (group_b) for a total of 1.5 tỷ (group C below 90 tỷ)",
        _meta(group="group_b"),
        restate=False,
    ),
    Case(
        "dup-line-repeated.yaml",
        P2,
        "DUP-LINE-REPEATED",
        "TB-01",
        "the workstations split by place: TB-01 for UBND xã Đông Hòa and TB-03 for UBND xã Đông Tiến, same model (an info)",
        _split_workstations,
    ),
    Case(
        "indep-same-org-reviewer.yaml",
        P2,
        "INDEP-SAME-ORG",
        None,
        "the reviewer is the preparer ('CÔNG TY TƯ VẤN CNTT MINH PHÁT')",
        _meta(reviewer="CÔNG TY TƯ VẤN CNTT MINH PHÁT"),
        restate=False,
    ),
    Case(
        "indep-same-org-appraiser.yaml",
        P1,
        "INDEP-SAME-ORG",
        None,
        "the appraiser is the preparer (Trung tâm Chuyển đổi số tỉnh)",
        _meta(appraiser="Trung tâm Chuyển đổi số tỉnh"),
        restate=False,
    ),
    # --- portfolios --------------------------------------------------------------------------------------
    Case(
        "portfolio-dup-equipment/b-purchase-ktkt.yaml",
        P3,
        "DUP-PORTFOLIO-EQUIPMENT",
        None,
        "the purchase's desktops TB-01 are the one-stop shop's model HP ProDesk 400 G9 (a-mot-cua-huyen.yaml)",
        _set("TB-01", model="HP ProDesk 400 G9"),
        partners=(("portfolio-dup-equipment/a-mot-cua-huyen.yaml", P2),),
    ),
    Case(
        "portfolio-dup-function/b-ho-tich.yaml",
        P11,
        "DUP-PORTFOLIO-FUNCTION",
        None,
        "the civil-status software has the use case 'Nộp hồ sơ trực tuyến' of the portal's software (a-portal.yaml)",
        _set("PM-01", software="software-ho-tich-nop-ho-so.yaml"),
        partners=(("portfolio-dup-function/a-portal.yaml", P1),),
    ),
    Case(
        f"portfolio-ucp-outlier/{OUTLIER}.yaml",
        "",
        "METHOD-UCP-OUTLIER",
        "PM-01",
        "six software estimates; this one's team is paid four times the others', so its G_PM per use case is far outside",
        lambda d: None,
        partners=tuple(
            (f"portfolio-ucp-outlier/{s}.yaml", "") for s, *_ in SOFTWARE_SYSTEMS if s != OUTLIER
        ),
    ),
]


def _software_path(data: Data, folder: str) -> None:
    """Copy the software inputs of a file in a sub-folder next to it.

    ictcost reads a referenced file only inside the project's folder (no ``..``), so a case in a
    sub-folder gets its own copy of the input of this folder.
    """
    for ln in data["lines"]:
        name = ln.get("software")
        if isinstance(name, str) and folder and not (HERE / folder / name).exists():
            (HERE / folder / name).write_text(
                (HERE / name).read_text(encoding="utf-8"), encoding="utf-8"
            )


def _ucp_member(stem: str) -> Data:
    i = next(i for i, (s, *_) in enumerate(SOFTWARE_SYSTEMS) if s == stem)
    _, system, owner, _ = SOFTWARE_SYSTEMS[i]
    return software_estimate(stem, system, owner, 3 + i)


def build(case: Case) -> Data:
    folder = str(Path(case.file).parent) if "/" in case.file else ""
    where = HERE / folder
    if case.base == "":
        data = _ucp_member(Path(case.file).stem)
        return state(data, where)
    base = BASES[case.base]
    data = base.build()
    _software_path(data, folder)
    if case.restate:
        case.change(data)
        _software_path(data, folder)
        return base.stated(data, where)
    data = base.stated(data, where)
    case.change(data)
    return data


def header_of_case(case: Case) -> list[str]:
    base = (
        f"derived from {case.base}"
        if case.base
        else "a software estimate of the UCP-outlier portfolio"
    )
    how = (
        "the change was made to the input and the figures restated as the estimator would"
        if case.restate
        else "the change was made after the figures were stated"
    )
    return [
        f"planted: {case.code} — {case.what}",
        f"{base}; {how}.",
        "expected consequences: " + (", ".join(case.consequences) or "none") + " (README.md).",
        "Generated by tests/appraisal_cases/make_cases.py; checked by tests/test_appraisal_recall.py.",
    ]


def main() -> None:
    for path, build_software in SOFTWARE.items():
        header = ["", HEADERS[path], "Generated by tests/appraisal_cases/make_cases.py.", ""]
        text = "\n".join(f"# {h}" if h else "#" for h in header[1:-1])
        body = yaml.dump(
            build_software(),
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=100,
            default_flow_style=None,
        )
        _write(HERE / path, text + "\n" + body)
    for base in BASES.values():
        data = base.stated(base.build(), HERE)
        header = [
            f"clean: {base.what}.",
            "Every stated figure is ictcost's recomputation"
            + (" (two rates written otherwise, equally right)" if base.written else "")
            + ": no error or warning is expected (infos only).",
            "Generated by tests/appraisal_cases/make_cases.py; checked by tests/test_appraisal_recall.py.",
        ]
        _write(HERE / base.file, dump(data, header))
    for case in CASES:
        _write(HERE / case.file, dump(build(case), header_of_case(case)))
        for partner, base_file in case.partners:
            folder = str(Path(partner).parent)
            if base_file:
                base = BASES[base_file]
                data = base.build()
                _software_path(data, folder)
                data = base.stated(data, HERE / folder)
                what = f"a copy of {base_file}"
            else:
                data = state(_ucp_member(Path(partner).stem), HERE / folder)
                what = "a clean software estimate"
            header = [
                f"portfolio partner of {Path(case.file).name} (clean): {what}.",
                "No error or warning expected, alone or in its portfolio, besides the planted finding.",
                "Generated by tests/appraisal_cases/make_cases.py; checked by tests/test_appraisal_recall.py.",
            ]
            _write(HERE / partner, dump(data, header))
    write_readme()


CONSEQUENCES = {
    "arith-line.yaml": "the project's stated pre-VAT total (ictcost's) is no longer the sum of the stated lines (ARITH-TOTAL, case `amount_lines`)",
    "arith-software.yaml": "as for arith-line.yaml: the stated lines no longer add up to the stated total (`amount_lines`)",
    "struct-fee-base-left-out.yaml": "the line left out of the only infrastructure QLDA base is in no QLDA base (STRUCT-FEE-PART, `missing`)",
    "struct-fee-part-twice.yaml": "the software QLDA's own base now holds a line its definition does not (STRUCT-FEE-BASE, `added`)",
    "struct-fee-one-per-part.yaml": "each of the two lines gives a base other than the part's whole base (STRUCT-FEE-BASE on both)",
    "struct-fee-overlap.yaml": "the added thẩm tra dự toán prices the infrastructure part only, so the software part is outside every base of that item (STRUCT-FEE-PART, `missing`)",
    "struct-reference-in-total.yaml": "a % norm under NĐ 224/2026 is a reference method (METHOD-REFERENCE-ONLY on the same lines)",
    "complete-price-evidence-quotation.yaml": "a quotation line with no quotation has fewer than three (MARKET-QUOTES-FEW)",
    "input-line.yaml": "the line that cannot be computed is left out of the recomputed totals, so the stated project totals and the other-costs component differ from them (ARITH-TOTAL)",
}


def _cell(codes: tuple[str, ...]) -> str:
    return ", ".join(f"`{c}`" for c in codes) if codes else "—"


def write_readme() -> None:
    """Write README.md: how the cases are made and checked, and the tables the test reads."""
    from ictcost.checks import RULES  # noqa: PLC0415

    planted = {c.code for c in CASES}
    graded = [code for code, r in RULES.items() if r.severity != "info"]
    infos = [code for code, r in RULES.items() if r.severity == "info"]
    out = [
        "# Appraisal cases: recall and false alarms of `ictcost check` (issue 10)",
        "",
        "Submitted estimates — project files with the figures they **state** — on which the appraisal",
        "checks are measured. The **clean estimates** state exactly the figures ictcost recomputes and",
        "must give no error or warning. Each **planted case** is a clean estimate with ONE thing",
        "changed, so that one rule code should catch it (the file's first line says",
        "`# planted: CODE — what`). `tests/test_appraisal_recall.py` checks every file and computes",
        "",
        "* **recall**: planted problems caught by their code (on the line named below, where one is) ÷",
        "  planted problems;",
        "* **false alarms**: error- or warning-level findings on the clean estimates (and on the",
        "  portfolio partners), and on each planted file any error or warning whose code is neither",
        "  the planted code nor one of the expected consequences listed below;",
        "",
        "asserts recall ≥ 95 % and no false alarm, and prints both figures (they are also in the",
        "assertion message). Info findings are never false alarms; planted info codes count in",
        "recall like the others.",
        "",
        "## How the files are made",
        "",
        "`make_cases.py` (run once: `.venv/bin/python tests/appraisal_cases/make_cases.py`) builds",
        "each clean input from a shipped example with a few documented edits (three quotations per",
        "quoted line, the equipment's models, a reviewer and an appraiser …), recomputes it with",
        "`ictcost.estimate.compute_estimate` and writes the recomputed figures as the `stated` ones",
        "(per line: unit price, % rate, amount, VAT rate or `vat_not_subject`, VAT, total; per",
        "project: amount, VAT, contingency, total, components), amounts as whole numbers. A planted",
        "case makes its one change either to the input before the figures are stated (the submitted",
        "estimate is then consistent with its own choice: a fee on the estimator's base, a dropped",
        "line, more units) or after (a wrong stated figure, a missing pick rule, a claimed",
        "instrument); a wrong stated line amount carries its own VAT and total. The test reads the",
        "files and this README, never the script.",
        "",
        "## What every case is checked with",
        "",
        "* **norms**: the shipped registry plus the user pack `pack/` — `appraisal-price-list` (the UPS",
        "  of the portal cases, a copy of `examples/pack` valid from 2024) and `reference-ranges` (the",
        "  finance department's day-rate ranges: training 1,000,000–3,500,000, any expert",
        "  400,000–6,000,000; rule MARKET-EXPERT-RATE);",
        "* **price evidence**: `evidence/price-register.yaml`, passed as",
        "  `check(..., evidence=load_evidence(path))` (rules MARKET-EVIDENCE-FAR, MARKET-EVIDENCE-STALE);",
        "* **software inputs**: the `software-*.yaml` files beside the cases (relative to each file's",
        "  folder);",
        "* **portfolios**: a planted file in a sub-folder is checked with `check_portfolio` over every",
        "  project file of its folder (the partners are clean estimates, also checked alone).",
        "",
        "From the command line (the CLI has no option for the evidence register yet, so the two",
        "evidence cases need the Python API):",
        "",
        "```console",
        "ictcost check tests/appraisal_cases/arith-vat.yaml --pack tests/appraisal_cases/pack",
        "ictcost check tests/appraisal_cases/portfolio-dup-equipment/b-purchase-ktkt.yaml \\",
        "    --portfolio tests/appraisal_cases/portfolio-dup-equipment --pack tests/appraisal_cases/pack",
        "```",
        "",
        "## Clean estimates",
        "",
        "| File | What it is |",
        "| --- | --- |",
    ]
    out += [f"| `{b.file}` | {b.what} |" for b in BASES.values()]
    out += [
        "",
        "The portfolio partners (`portfolio-*/` files whose first line says `portfolio partner`) are",
        "clean too: copies of clean estimates, and five of the six software estimates of",
        "`portfolio-ucp-outlier/`.",
        "",
        "## Planted cases",
        "",
        "| File | Planted code | Line | Derived from | The one change | Expected consequences |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c in CASES:
        base = f"`{c.base}`" if c.base else "a software estimate"
        out.append(
            f"| `{c.file}` | `{c.code}` | {c.line or '—'} | {base} | {c.what} | {_cell(c.consequences)} |"
        )
    out += ["", "## Why the expected consequences follow", ""]
    out += [f"* `{file}`: {why}." for file, why in CONSEQUENCES.items()]
    missing = [code for code in graded if code not in planted]
    out += [
        "",
        "## Coverage",
        "",
        f"Every error- and warning-level code of `ictcost.checks.RULES` ({len(graded)} codes when the",
        "files were generated) has at least one planted case"
        + (": none is missing." if not missing else f"; missing: {', '.join(missing)}."),
        "Info codes planted: "
        + ", ".join(f"`{c}`" for c in infos if c in planted)
        + "; not planted: "
        + ", ".join(f"`{c}`" for c in infos if c not in planted)
        + " (they appear on clean estimates as they are: `CLASS-GROUP`, `COMPLETE-SUPERVISION`,"
        " `METHOD-FIXED-AMOUNT`).",
        "",
    ]
    _write(HERE / "README.md", "\n".join(out))


if __name__ == "__main__":
    main()
