"""Generated dossiers for tests and benchmarks: a district's purchase carried to its settlement.

:func:`synthetic_dossier` takes a generated district project (the estimate of
:func:`ictcost.portfolio.synthetic.district_project`: equipment lines with models per commune and a
use-case-point software line), prices its two packages exactly as the checks do (the lines with
their share of the contingency), and writes the later stages within them: contracts a little
below the package prices, full acceptance, an advance of 20 % recovered from the payment, and a
settlement of the contracts. One district in ``planted_every`` has a contract above its package
price. Names are realistic (shared leading words, models, per-commune lines); two consecutive
districts share an owner (``UBND huyện p // 2``), so the repeat-purchase rule finds the second
project buying the first one's models again.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from ictcost.checks import CheckConfig
from ictcost.checks.engine import estimate_context
from ictcost.checks.procurement import package_price
from ictcost.estimate import Package, load_project
from ictcost.norms.registry import NormRegistry
from ictcost.portfolio.synthetic import district_project

__all__ = ["synthetic_dossier", "write_dossiers"]


def _d(value: Decimal) -> str:
    return str(value.quantize(Decimal(1), ROUND_HALF_UP))


def synthetic_dossier(
    p: int, estimate_file: Path, *, registry: NormRegistry, planted_every: int = 10
) -> dict[str, Any]:
    """The dossier of district ``p`` whose approved estimate is ``estimate_file`` (same folder)."""
    project = load_project(estimate_file)
    ctx = estimate_context(project, registry, estimate_file.parent, CheckConfig())
    e = ctx.recomputed
    total = e.total
    equipment = tuple(ln.id for ln in project.lines if ln.component == "thiet_bi")
    software = tuple(ln.id for ln in project.lines if ln.component == "phan_mem_noi_bo")
    year = 2024 + p % 3
    day = dt.date(year, 1, 1) + dt.timedelta(days=p % 150)

    def on(days: int) -> str:
        return (day + dt.timedelta(days=days)).isoformat()

    def decision(n: str, days: int) -> dict[str, str]:
        return {"number": f"{n}/{p}", "date": on(days)}

    packages: list[dict[str, Any]] = []
    contracts: list[dict[str, Any]] = []
    acceptances: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    contracted = Decimal(0)
    for k, (pid, kind, lines) in enumerate(
        (("GT-01", "goods", equipment), ("GT-02", "goods", software))
    ):
        price = package_price(
            ctx, Package(id=pid, kind=kind, selection="open_tender", lines=lines)
        ).value
        packages.append(
            {
                "id": pid,
                "name": f"Gói thầu {k + 1} huyện {p}",
                "kind": kind,
                "selection": "open_tender",
                "contract_type": "lump_sum",
                "lines": list(lines),
                "price": _d(price),
                "start": on(60),
            }
        )
        value = (price * Decimal("0.97")).quantize(Decimal(1))
        if planted_every and p % planted_every == planted_every - 1 and k == 0:
            value = price + 1_000_000
        contracted += value
        cid = f"HD-0{k + 1}"
        items = [
            {"line": ln.id, "name": ln.name, "model": ln.model, "quantity": str(ln.quantity or 1)}
            for ln in project.lines
            if ln.id in lines
        ]
        contracts.append(
            {
                "id": cid,
                "package": pid,
                "contractor": {"name": f"Công ty {k + 1} của huyện {p % 37}"},
                "value": _d(value),
                "type": "lump_sum",
                "advance_percent": "20",
                "signed": on(100 + k),
                "result": decision("KQ", 95),
                "winning_price": _d(value),
                "items": items,
                "decision": decision(f"HĐ{k}", 100 + k),
            }
        )
        acceptances.append(
            {
                "contract": cid,
                "date": on(200),
                "value": _d(value),
                "final": True,
                "decision": decision(f"NT{k}", 200),
            }
        )
        advance = (value * Decimal("0.2")).quantize(Decimal(1))
        payments += [
            {
                "contract": cid,
                "date": on(110),
                "amount": _d(advance),
                "kind": "advance",
                "decision": decision(f"TU{k}", 110),
            },
            {
                "contract": cid,
                "date": on(210),
                "amount": _d(value),
                "recovered": _d(advance),
                "kind": "payment",
                "decision": decision(f"TT{k}", 210),
            },
        ]
    return {
        "id": f"huyen-{p:06d}",
        "name": f"Trang bị thiết bị và phần mềm một cửa — huyện {p}",
        "owner": {"name": f"UBND huyện {p // 2}"},
        "plan": {
            "task": "Trang bị một cửa điện tử",
            "owner": {"name": f"UBND huyện {p // 2}"},
            "year": year,
            "budget": _d(total * Decimal("1.1")),
            "decision": decision("KH", 0),
        },
        "policy": {"total": _d(total * Decimal("1.05")), "decision": decision("CT", 20)},
        "approval": {
            "document": "ktkt_report",
            "total": _d(total),
            "estimate": estimate_file.name,
            "decision": decision("PD", 40),
        },
        "selection_plan": {"packages": packages, "decision": decision("KHLCNT", 50)},
        "contracts": contracts,
        "acceptances": acceptances,
        "payments": payments,
        "settlement": {
            "total": _d(min(contracted, total)),
            "contracts": {c["id"]: c["value"] for c in contracts},
            "decision": decision("QT", 300),
        },
    }


def write_dossiers(folder: Path, n: int, *, lines: int = 20, planted_every: int = 10) -> list[Path]:
    """Write ``n`` district dossiers (``huyen-NNNNNN.dossier.json``) with their estimates.

    Returns:
        The dossier files, in order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    registry = NormRegistry.shipped()
    out = []
    for p in range(n):
        estimate = folder / f"huyen-{p:06d}.estimate.json"
        estimate.write_text(
            json.dumps(district_project(p, lines=lines), ensure_ascii=False), encoding="utf-8"
        )
        dossier = synthetic_dossier(p, estimate, registry=registry, planted_every=planted_every)
        path = folder / f"huyen-{p:06d}.dossier.json"
        path.write_text(json.dumps(dossier, ensure_ascii=False), encoding="utf-8")
        out.append(path)
    return out
