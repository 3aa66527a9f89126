"""docs/checks.md has exactly one section per appraisal rule, in step with ``RULES``.

Each section's heading is ``## <CODE> {#<code-lowercase>}``; the page documents this scheme.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from ictcost.checks import RULES

PAGE = Path(__file__).resolve().parents[1] / "docs" / "checks.md"
TEXT = PAGE.read_text(encoding="utf-8")
HEADING = re.compile(r"^## (\S+) \{#([^}\s]+)\}\s*$", re.MULTILINE)
SECTIONS = HEADING.findall(TEXT)


def _section(code: str) -> str:
    start = TEXT.index(f"## {code} {{#")
    nxt = TEXT.find("\n## ", start + 1)
    return TEXT[start : nxt if nxt != -1 else len(TEXT)]


def test_one_section_per_rule():
    codes = [code for code, _ in SECTIONS]
    repeated = sorted(c for c, n in collections.Counter(codes).items() if n > 1)
    assert not repeated, f"docs/checks.md repeats the section(s) {repeated}"
    assert set(codes) == set(RULES), (
        f"missing in docs/checks.md: {sorted(set(RULES) - set(codes))}; "
        f"not a rule code: {sorted(set(codes) - set(RULES))}"
    )


def test_sections_follow_the_rules_order():
    assert [code for code, _ in SECTIONS] == list(RULES)


def test_anchor_is_the_code_in_lower_case():
    for code, anchor in SECTIONS:
        assert anchor == code.lower()
    assert "{#<code-lowercase>}" in TEXT or "#<code-lowercase>" in TEXT  # the scheme is documented


@pytest.mark.parametrize("code", list(RULES))
def test_section_states_severity_basis_and_example(code: str):
    section = _section(code)
    rule = RULES[code]
    assert f"**Severity:** {rule.severity}" in section
    assert f"**Legal basis.** {rule.basis}" in section
    assert "**What it checks.**" in section
    assert "**Example.**" in section
    example = section.split("**Example.**", 1)[1]
    assert "```yaml" in example or f"{rule.severity.upper()} {code}" in example


def test_summary_table_links_every_section():
    for code in RULES:
        assert f"[`{code}`](#{code.lower()})" in TEXT
