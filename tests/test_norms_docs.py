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


def test_table_comes_first_and_provenance_is_folded_below():
    table = REG.table("qd1688-1b")
    page = hook.render_table(table, "vn/qd1688/qd1688-1b.yaml", table_ids=list(REG))
    table_at = page.index("| Gt, tỷ đồng |")
    provenance_at = page.index("## Provenance {#provenance}")
    assert table_at < provenance_at
    for anchor in ("instrument", "notes", "sources"):
        assert page.index(f'id="{anchor}" markdown="1">') > provenance_at, anchor
    assert "Instrument: 1688/QĐ-BTTTT" in page[provenance_at:]
    # no section title above the table: the rates are the first table of the page
    assert page.index("|") == table_at


def test_axis_meaning_is_stated_for_rate_tables():
    page = hook.render_table(REG.table("qd1688-1b"), "vn/qd1688/qd1688-1b.yaml")
    assert "**First column, Gt:**" in page
    assert "A row gives the rate at exactly that base" in page
    assert "Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb)" in page
    assert "tỷ đồng" in page
    assert "Breakpoint (billion_vnd)" not in page
    # a table without an axis says nothing of interpolation
    assert "First column, Gt" not in hook.render_table(REG.table("contingency"), None)


def test_research_notes_link_to_the_sources_page():
    text = "see norms-and-regimes.md §1.6 and shared/reference/software-cost-ucp.md §9 S4"
    out = hook._prose(text)
    assert out.count(f"]({hook.RESEARCH_NOTES_LINK})") == 2
    assert "shared/reference" not in out
    assert "[research notes `norms-and-regimes.md`]" in out
    assert hook._prose("see notes.md") == "see notes.md"  # only the named notes are linked
    for table_id in ("qd1688-k-coefficients", "contingency", "ucp-constants"):
        page = hook.render_table(REG.table(table_id), None, table_ids=list(REG))
        assert "shared/reference/" not in page, table_id


def test_nav_groups_by_instrument_not_by_folder():
    entries = hook.nav_entries(hook.load_tables())
    groups = [next(iter(e)) for e in entries[1:]]
    assert "QĐ 1688/QĐ-BTTTT — quản lý dự án, tư vấn" in groups
    assert not [g for g in groups if "/" in g and g.startswith(("vn/", "intl/"))], groups
    qd1688 = next(e for e in entries[1:] if next(iter(e)).startswith("QĐ 1688"))
    titles = [next(iter(p)) for p in next(iter(qd1688.values()))]
    assert "Bảng 1b — quản lý dự án (phần mềm, CSDL)" in titles
    assert all(len(t) <= hook._NAV_WIDTH for t in titles)
    assert hook.nav_group("vn/unknown") == "vn/unknown"  # an unknown folder keeps its path
