"""A user pack that replaces a shipped table is said at estimate level, for every table.

Reliability review D16: overrides of ``vat-rates``, ``regimes``, ``cost-methods`` or the UCP
constants left no flag and no note (only fee lines were flagged). The estimate now carries the
``user_pack`` flag and the note ``estimate.overrides_shipped`` naming the tables and the packs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ictcost import NormRegistry, compute_estimate, load_project
from ictcost.report.explain import render_note

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _estimate(pack: Path):
    return compute_estimate(
        load_project(EXAMPLES / "portal-project.yaml"),
        registry=NormRegistry.shipped().with_pack(pack),
        base_dir=EXAMPLES,
    )


def test_a_pack_that_replaces_shipped_tables_is_said_at_estimate_level(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLES / "pack", pack)
    for table in ("vn/tax/vat-rates.yaml", "vn/ucp/ucp-constants.yaml"):
        shutil.copy(ROOT / "norms" / table, pack / Path(table).name)
    e = _estimate(pack)
    assert "user_pack" in e.flags
    [n] = [n for n in e.notes if n.code == "estimate.overrides_shipped"]
    assert set(n.params["tables"]) >= {"vat-rates", "ucp-constants"}
    assert "vat-rates" in render_note(n, "vi") and "gói định mức" in render_note(n, "vi")


def test_a_pack_that_only_adds_a_table_raises_no_override_note() -> None:
    e = _estimate(EXAMPLES / "pack")  # demo-price-list is a new table, not a replacement
    assert all(n.code != "estimate.overrides_shipped" for n in e.notes)
    assert "user_pack" not in e.flags
