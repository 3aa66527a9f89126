"""One language at a time: no internal key in a Vietnamese text, English number style in English.

Issue 11, item 4: keys, method names, categories, groups and notes are rendered in the reader's
language through the catalogue, "never internal ids in a Vietnamese document". The keys a value
can take (the rows of the norm tables that findings and notes name, and ictcost's own small
vocabularies) are collected from the shipped norms; every Vietnamese message of every finding of
the appraisal corpus (70 planted problems, 19 clean estimates) and every note of the shipped
examples is searched for them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ictcost.checks import RULES, check
from ictcost.cli import app
from ictcost.estimate import compute_estimate, load_project
from ictcost.inputs import load_evidence
from ictcost.norms.registry import NormRegistry
from ictcost.report.explain import basis_text, format_date, render_note, render_template

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "appraisal_cases"
EXAMPLES = ROOT / "examples"
REGISTRY = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
CASES_REGISTRY = NormRegistry.shipped().with_pack(CASES / "pack")
EVIDENCE = load_evidence(CASES / "evidence" / "price-register.yaml")

TABLES_WITH_KEYS = (
    "cost-methods",
    "method-rules",
    "project-groups",
    "qd1688-items",
    "vat-rates",
    "direct-appointment-limits",
    "direct-appointment-grounds",
    "regimes",
)
VOCABULARY = {"single", "disputed", "inferred", "non_consulting", "group_a", "group_b", "group_c"}


@cache
def internal_keys() -> frozenset[str]:
    """Every key a note or finding could show: table row keys with an underscore, plus VOCABULARY."""
    shipped = NormRegistry.shipped()
    keys = set(VOCABULARY)
    for table_id in TABLES_WITH_KEYS:
        for version in shipped.table(table_id).versions:
            for row in version.rows:
                if row.key is None:
                    continue
                for part in row.key.split("."):
                    if "_" in part:
                        keys.add(part)
    return frozenset(keys)


def leaked(text: str) -> list[str]:
    """The internal keys that appear as whole words in a text."""
    words = set(re.findall(r"[A-Za-z0-9_]+(?:-[0-9]+)?", text))
    return sorted(words & internal_keys())


def _case_files() -> list[Path]:
    """The project files of the corpus (software inputs, packs and registers have no `project:`)."""
    return sorted(
        p for p in CASES.rglob("*.yaml") if re.search(r"(?m)^project:", p.read_text("utf-8"))
    )


def test_the_key_list_is_real():
    keys = internal_keys()
    assert {"quan_ly_du_an", "group_c", "listed_price", "non_consulting_in_project"} <= keys
    assert leaked("Dự án thuộc group_c (tổng …)") == ["group_c"]
    assert leaked("Nhóm dự án: Dự án nhóm C") == []


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.relative_to(CASES).as_posix())
def test_no_internal_key_in_a_vietnamese_finding(path: Path):
    project = load_project(path)
    findings = check(project, registry=CASES_REGISTRY, base_dir=path.parent, evidence=EVIDENCE)
    bad = {f"{f.code}: {f.message_vi}": leaked(f.message_vi) for f in findings}
    assert not {k: v for k, v in bad.items() if v}


@pytest.mark.parametrize(
    "example",
    sorted(
        p.name
        for p in EXAMPLES.glob("*.yaml")
        if p.name not in {"software-portal.yaml", "portal-ranges.yaml"}
    ),
)
def test_no_internal_key_in_a_vietnamese_note(example: str):
    estimate = compute_estimate(
        load_project(EXAMPLES / example), registry=REGISTRY, base_dir=EXAMPLES
    )
    notes = list(estimate.notes) + [n for line in estimate.lines for n in line.notes]
    assert notes, "an example without notes proves nothing"
    bad = {render_note(n, "vi"): leaked(render_note(n, "vi")) for n in notes}
    assert not {k: v for k, v in bad.items() if v}


def test_keys_read_as_the_tables_words_in_each_language():
    template = "{g:key:project-groups} · {m:keys:method-rules} · {c:word:confidence}"
    params = {"g": "group_c", "m": ("quotation",), "c": "secondary-2"}
    assert render_template(template, params, "vi") == "Dự án nhóm C · Báo giá · 2 nguồn thứ cấp"
    assert render_template(template, params, "en") == (
        "Group C · Supplier quotation · 2 secondary sources"
    )
    # a key no table labels is shown as it is (never an error in the middle of a report)
    assert render_template("{g:key:project-groups}", {"g": "x_y"}, "vi") == "x_y"


def test_numbers_and_dates_in_the_style_of_each_language():
    params = {"a": 1234567, "r": Decimal("1.855"), "d": "2025-09-15"}
    assert render_template("{a:vnd} · {r:num} % · {d}", params, "vi") == (
        "1.234.567 · 1,855 % · 15/09/2025"
    )
    assert render_template("{a:vnd} · {r:num} % · {d}", params, "en") == (
        "1,234,567 · 1.855 % · 2025-09-15"
    )
    assert format_date("not a date", "vi") == "not a date"


_ENGLISH = re.compile(
    r"\b(the|of|and|is|not|design|screening|encoded|methods|default|configurable|read|when)\b"
)


def test_every_basis_reads_in_vietnamese():
    """A rule's basis in words (not only citations) has a Vietnamese text in the catalogue."""
    english = [code for code, rule in RULES.items() if _ENGLISH.search(rule.basis)]
    assert english, "no rule basis in words: the test would prove nothing"
    for code in english:
        vi = basis_text(code, RULES[code].basis, "vi")
        assert vi != RULES[code].basis, f"{code}: no Vietnamese basis"
        assert not _ENGLISH.search(vi.replace("Iglewicz & Hoaglin", "")), (code, vi)
        assert basis_text(code, RULES[code].basis, "en") == RULES[code].basis


def test_the_console_findings_show_the_basis_in_the_readers_language():
    args = ["check", str(EXAMPLES / "portal-project.yaml"), "--pack", str(EXAMPLES / "pack")]
    vi = CliRunner().invoke(app, args).stdout
    en = CliRunner().invoke(app, [*args, "--lang", "en"]).stdout
    assert "ngưỡng sàng lọc của ictcost" in vi and "screening threshold" not in vi
    assert "ictcost screening threshold" in en
