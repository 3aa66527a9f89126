"""A generated portfolio of district estimates, for the tests, benchmarks and the scale script.

Realistic names as ``benchmarks/test_bench_checks.py`` builds them: equipment per commune and
place (*Máy tính để bàn cho UBND xã An Bình*: shared leading words, the commune last), popular
models written several ways (*HP ProDesk 400 G9*, *HP 400 G9*), a few lines without a model, and
one software line per estimate whose use cases are half shared between districts and half its
own. The prices are illustrative inputs, not market data. Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

__all__ = ["ITEMS", "PLACES", "SYLLABLES", "USE_CASES", "district_project", "write_portfolio"]

SYLLABLES = [
    "An",
    "Bình",
    "Hòa",
    "Tân",
    "Phú",
    "Thạnh",
    "Thành",
    "Long",
    "Hưng",
    "Phước",
    "Lộc",
    "Thuận",
    "Mỹ",
    "Sơn",
    "Hải",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Xuân",
    "Quang",
    "Minh",
    "Thịnh",
    "Lợi",
    "Vĩnh",
    "Hiệp",
    "Phong",
    "Đức",
    "Lạc",
    "Khánh",
    "Thái",
    "Hiếu",
    "Nghĩa",
    "Định",
    "Hà",
    "Giang",
    "Lâm",
    "Tiến",
    "Cường",
]
PLACES = ("UBND xã", "Trạm y tế xã", "Trường tiểu học xã", "Công an xã")
ITEMS = (
    ("Máy tính để bàn", ("HP ProDesk 400 G9", "HP 400 G9", "ProDesk 400 G9 (HP)"), 15_500_000),
    ("Máy tính xách tay", ("Dell Latitude 5440", "Latitude 5440 (Dell)"), 22_000_000),
    ("Máy in laser A4", ("Canon LBP 226dw", "Canon LBP226dw"), 7_800_000),
    ("Máy quét tài liệu", ("Fujitsu fi-7160", "Fujitsu fi7160"), 24_000_000),
    ("Bộ lưu điện UPS 2kVA", ("APC SRV2KI",), 9_900_000),
    ("Thiết bị chuyển mạch truy cập 24 cổng", ("Cisco C1000-24T",), 18_000_000),
    ("Thiết bị phát sóng wifi", ("Aruba AP-505",), 6_500_000),
    ("Màn hình hiển thị 55 inch", ("Samsung QM55B",), 28_000_000),
)
USE_CASES = (
    "Nộp hồ sơ trực tuyến",
    "Tra cứu tình trạng hồ sơ",
    "Phê duyệt hồ sơ",
    "Quản lý danh mục thủ tục hành chính",
    "Thống kê báo cáo theo tháng",
    "Thống kê báo cáo theo năm",
    "Quản lý người dùng và phân quyền",
    "Ký số văn bản",
)


def _commune(p: int, k: int) -> str:
    """A commune name, distinct per district (by ``p``) for most, shared by neighbours."""
    a = SYLLABLES[(p * 7 + k) % len(SYLLABLES)]
    b = SYLLABLES[(p * 13 + 3 * k + 1) % len(SYLLABLES)]
    return f"{a} {b} {p % 97 + k}"


_FEES = (
    ("QLDA", "quan_ly_du_an", "quan_ly_du_an", "infrastructure", "not_applicable"),
    ("QLDA-PM", "quan_ly_du_an", "quan_ly_du_an", "software", "not_applicable"),
    ("TV-01", "tu_van", "lap_bao_cao_ktkt", "infrastructure", "general"),
)
"""The % norm fee lines of a project with fees: (id, component, item, category, VAT)."""


def district_project(
    p: int, *, lines: int = 20, seed: int = 11, fees: bool = False
) -> dict[str, Any]:
    """The project document of district ``p``: ``lines - 1`` equipment lines and a software
    line (one line in 40 without a model; ``p % 50 == 49`` gets a costly software line).

    With ``fees``, the project is a KTKT report of an investment with three QĐ 1688 fee lines
    (project management of each part, the KTKT report), their bases derived; one district in
    three is on an island (K coefficient).
    """  # noqa: D205
    rnd = random.Random(seed * 1_000_003 + p)  # noqa: S311
    body: list[dict[str, Any]] = []
    for k in range(lines - 1):
        name, models, price = ITEMS[(p + k) % len(ITEMS)]
        line: dict[str, Any] = {
            "id": f"TB-{k + 1:03d}",
            "component": "thiet_bi",
            "name": f"{name} cho {PLACES[k % len(PLACES)]} {_commune(p, k % 3)}",
            "method": "quotation",
            "vat": "it_goods_services",
            "unit": "bộ",
            "quantity": rnd.randint(1, 5),
            "unit_price": price + rnd.randint(-20, 20) * 100_000,
            "basis": "Báo giá số 12/BG",
        }
        if rnd.random() >= 0.025:
            line["model"] = rnd.choice(models)
        body.append(line)
    shared = rnd.sample(USE_CASES, 4)
    own = [f"Quản lý hồ sơ {rnd.choice(SYLLABLES).lower()} dự án {p}-{k}" for k in range(4)]
    costly = p % 50 == 49
    body.append(
        {
            "id": "PM-01",
            "component": "phan_mem_noi_bo",
            "name": "Phần mềm một cửa điện tử",
            "method": "calculation",
            "vat": "software",
            "software": {
                "date": "2025-06-01",
                "actors": {"simple": 1, "average": 1, "complex": 2},
                "use_cases": [
                    {"name": uc, "bmt": "BMT"[k % 3], "transactions": rnd.randint(2, 9)}
                    for k, uc in enumerate(shared + own)
                ],
                "technical": {f"T{i}": 2 for i in range(1, 14)},
                "environmental": {f"E{i}": 3 for i in range(1, 9)},
                "labour_rate": 61250 * (4 if costly else 1),
            },
        }
    )
    project: dict[str, Any] = {"name": f"Huyện {p}", "date": "2025-09-15", "form": "purchase"}
    if fees:
        project = {
            "name": f"Huyện {p}",
            "date": "2025-09-15",
            "project_kind": "investment",
            "document": "ktkt_report",
            "conditions": ["island"] if p % 3 == 2 else [],
        }
        body += [
            {
                "id": lid,
                "component": component,
                "name": f"Chi phí {item} ({category})",
                "method": "norm",
                "vat": vat,
                "fee": {"item": item, "category": category},
            }
            for lid, component, item, category, vat in _FEES
        ]
    return {"project": project, "lines": body}


def write_portfolio(
    folder: Path, n: int, *, lines: int = 20, per_folder: int = 1000, fees: bool = False
) -> Path:
    """Write ``n`` district projects as JSON files into ``folder`` (subfolders of
    ``per_folder`` files); return the folder. ``fees``: with fee lines (see
    :func:`district_project`).
    """  # noqa: D205
    for p in range(n):
        sub = folder / f"tinh-{p // per_folder:03d}"
        if p % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        text = json.dumps(district_project(p, lines=lines, fees=fees), ensure_ascii=False)
        (sub / f"huyen-{p:06d}.json").write_text(text, encoding="utf-8")
    return folder
