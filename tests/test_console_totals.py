"""The console summary adds up like the Markdown one (review defect 5): no row shows a before-VAT
and a VAT amount that do not sum to its after-VAT amount."""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console

from ictcost import NormRegistry, compute_estimate, load_project
from ictcost.report.console import estimate_view

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _amount(cell: str) -> int | None:
    cell = cell.strip()
    return int(cell.replace(".", "")) if re.fullmatch(r"[0-9.]+", cell) else None


def test_every_summary_row_of_the_console_adds_up():
    reg = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
    e = compute_estimate(
        load_project(EXAMPLES / "portal-project.yaml"), registry=reg, base_dir=EXAMPLES
    )
    console = Console(width=160, record=True, color_system=None)
    console.print(estimate_view(e, "vi", registry=reg))
    text = console.export_text()
    summary = text.split("Tổng hợp", 1)[1]
    rows = [ln.split("│") for ln in summary.splitlines() if ln.startswith("│")]
    checked = 0
    for cells in rows:
        before, vat, after = (_amount(c) for c in cells[4:7])
        if before is not None and vat is not None and after is not None:
            assert before + vat == after, cells
            checked += 1
    assert checked >= 6  # five groups and the subtotal
    assert any("Tổng cộng" in c[2] and _amount(c[4]) is None for c in rows)
    assert any(_amount(c[6]) == e.total for c in rows)
