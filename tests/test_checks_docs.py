"""docs/checks.md has exactly one section per appraisal rule, in step with ``RULES``.

The page is generated from the registry by ``docs/hooks/checks_page.py`` (also a mkdocs hook);
the committed file must be its output. Each section's heading is ``## <CODE> {#<code-lowercase>}``;
the page documents this scheme. The rules' titles and messages are in the catalogue under their
codes, one template per declared case, and no checks template is left without a rule.
"""

from __future__ import annotations

import collections
import importlib.util
import re
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ictcost.checks import RULES
from ictcost.report.messages import CATALOGUE
from ictcost.report.messages import checks as check_messages
from ictcost.report.messages import stages as stage_messages

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "checks.md"
HOOK = ROOT / "docs" / "hooks" / "checks_page.py"


def _load_hook() -> ModuleType:
    name = "ictcost_docs_checks_page"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


hook = _load_hook()
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


# --- generated from the registry ---------------------------------------------------------------


def test_page_is_the_output_of_the_generator():
    assert hook.render_page() == TEXT, (
        "docs/checks.md is stale: run python docs/hooks/checks_page.py"
    )


def test_mkdocs_serves_the_generated_page():
    class _File:
        src_uri = "checks.md"

    class _Page:
        file = _File()

    assert hook.on_page_markdown("stale", page=_Page()) == hook.render_page()
    assert "- docs/hooks/checks_page.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_rule_has_a_documented_function_and_an_example():
    assert set(hook.EXAMPLES) == set(RULES)
    for code, rule in RULES.items():
        summary, _, body = rule.doc.partition("\n\n")
        assert summary and body, f"{code}: the rule function needs a summary and a body"
        functions = (rule.check, rule.check_portfolio, rule.check_dossier)
        assert sum(f is not None for f in functions) == 1, code
        assert (rule.needs == "portfolio") == (rule.check_portfolio is not None)
        assert (rule.needs in ("dossier", "dossiers")) == (rule.check_dossier is not None)


def _fields(template: str) -> set[str]:
    """The template's fields, a language's own field (``label_vi``, ``label_en``) as one."""
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    return {re.sub(r"_(vi|en)$", "", name) for name in names}


def test_every_rule_has_its_title_and_one_template_per_case():
    for code, rule in RULES.items():
        for key in (f"{code}.title", *rule.template_keys()):
            assert key in CATALOGUE, f"no message {key!r} in report/messages/checks.py"
            message = CATALOGUE[key]
            assert message.vi.strip() and message.en.strip()
            assert _fields(message.vi) == _fields(message.en), key
        assert rule.title_vi == CATALOGUE[f"{code}.title"].vi


def test_no_checks_message_without_a_rule():
    used = {key for code, rule in RULES.items() for key in (f"{code}.title", *rule.template_keys())}
    stages = {k for k in stage_messages.MESSAGES if k.startswith("STAGE-") and ".basis" not in k}
    assert set(check_messages.MESSAGES) | stages == used
    assert {k for k in check_messages.MESSAGES if k.startswith("STAGE-")} == set()


def test_sample_findings_are_rendered_from_their_params():
    for code in RULES:
        finding = hook.sample(code)
        assert finding.code == code and finding.severity == RULES[code].severity
        assert str(finding) in TEXT and finding.message_vi in TEXT
