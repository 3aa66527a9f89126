"""``norms/README.md`` lists every shipped table; the norm pages keep `code` spans of notes."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from ictcost.norms import NormRegistry

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "norms" / "README.md"
REG = NormRegistry.shipped()


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ictcost_norm_pages_prose", ROOT / "docs" / "hooks" / "norm_pages.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _hook()


def test_norms_readme_lists_every_shipped_table():
    text = README.read_text(encoding="utf-8")
    shipped = list(REG)
    missing = [tid for tid in shipped if f"`{tid}`" not in text]
    assert not missing, f"norms/README.md does not list {missing}"
    counts = [int(n) for n in re.findall(r"## The shipped tables \((\d+)\)", text)]
    assert counts == [len(shipped)]


def test_prose_keeps_code_spans_and_links_table_ids():
    links = {"cost-methods": "cost-methods.md"}
    text = "see the table `cost-methods`, the word `after` and a_b *c*"
    assert hook._prose(text, links) == (
        r"see the table [`cost-methods`](cost-methods.md), the word `after` and a\_b \*c\*"
    )
    assert hook._prose("one ` alone", links) == r"one \` alone"
    assert hook._prose("  spaced   `x`  out ") == "spaced `x` out"


def test_new_regime_tables_link_the_tables_they_name():
    ids = list(REG)
    page = hook.render_table(
        REG.table("statutory-groups"), "vn/regimes/statutory-groups.yaml", table_ids=ids
    )
    assert "[`cost-methods`](cost-methods.md)" in page
    assert "[`contingency`](contingency.md)" in page
    assert "\\`" not in page  # no backtick is shown escaped
    for table_id in ("method-rules", "regime-facts", "legal-dates"):
        page = hook.render_table(REG.table(table_id), f"vn/regimes/{table_id}.yaml", table_ids=ids)
        assert "\\`" not in page, table_id
        assert f"[`{table_id}`]" not in page  # a page does not link to itself
