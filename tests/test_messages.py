"""Every note code the formulas emit has a Vietnamese and an English text, and both render.

Two nets: an AST scan of ``note("...")`` calls in ``src/`` (every literal code is in the catalogue;
the fee and software formulas never build a code at run time), and the notes of real results
rendered in both languages. The English texts are the sentences of the first releases, word for
word (a few are pinned below).
"""

from __future__ import annotations

import ast
import datetime as dt
import string
from decimal import Decimal
from pathlib import Path

import pytest

from ictcost import NormRegistry, compute_fee, table_fee
from ictcost.notes import Note, note
from ictcost.report.explain import render_note
from ictcost.report.messages import CATALOGUE
from ictcost.report.messages import fees as fee_messages
from ictcost.report.messages import software as software_messages
from ictcost.software import SoftwareInput, cocomo2, compute_software_cost, karner_effort

SRC = Path(__file__).resolve().parents[1] / "src" / "ictcost"
OURS = ("fees", "software")
MINE = {**fee_messages.MESSAGES, **software_messages.MESSAGES}


def _note_calls() -> list[tuple[Path, int, ast.expr]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out.extend(
            (path, node.lineno, node.args[0])
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "note"
            and node.args
        )
    return out


CALLS = _note_calls()


def test_the_scan_finds_the_formulas_notes():
    files = {path.relative_to(SRC).parts[0] for path, _, _ in CALLS}
    assert {"fees", "software"} <= files
    assert sum(1 for path, _, _ in CALLS if path.relative_to(SRC).parts[0] in OURS) >= 30


def test_every_literal_code_in_src_has_a_text():
    missing = [
        f"{path.relative_to(SRC)}:{line} {code.value}"
        for path, line, code in CALLS
        if isinstance(code, ast.Constant) and code.value not in CATALOGUE
    ]
    assert not missing, missing


def test_the_formulas_never_build_a_code_at_run_time():
    built = [
        f"{path.relative_to(SRC)}:{line}"
        for path, line, code in CALLS
        if path.relative_to(SRC).parts[0] in OURS and not isinstance(code, ast.Constant)
    ]
    assert not built, built


def test_every_fee_and_software_text_is_used():
    emitted = {
        code.value
        for path, _, code in CALLS
        if path.relative_to(SRC).parts[0] in OURS and isinstance(code, ast.Constant)
    }
    assert emitted == set(MINE)


def test_codes_are_dotted_lower_case_and_prefixed():
    for code in fee_messages.MESSAGES:
        assert code.startswith("fee.")
    for code in software_messages.MESSAGES:
        assert code.startswith("software.")
    for code in MINE:
        Note(code=code)  # the model's pattern: dotted lower case


def _fields(template: str) -> dict[str, str]:
    return {
        name: spec for _, name, spec, _ in string.Formatter().parse(template) if name is not None
    }


@pytest.mark.parametrize("code", sorted(MINE))
def test_the_vietnamese_text_says_all_the_english_one_says(code):
    message = MINE[code]
    assert set(_fields(message.en)) <= set(_fields(message.vi)), code
    assert message.vi != message.en or message.en == "{text}", f"{code} is not translated"


def _sample(spec: str) -> object:
    if spec == "list" or spec.startswith(("keys:", "words:")):
        return ("a", "b")
    if spec == "vnds":
        return (Decimal("1234.5"), Decimal(7))
    if spec.startswith(("key:", "word:")):
        return "a"
    if spec in {"vnd", "num"}:
        return Decimal("1234.5")
    return Decimal("1.20")


@pytest.mark.parametrize("code", sorted(MINE))
def test_every_text_renders_with_typed_parameters(code):
    params = {}
    for template in MINE[code]:
        params |= {name: _sample(spec) for name, spec in _fields(template).items()}
    n = note(code, **params)
    for lang in ("vi", "en"):
        text = render_note(n, lang)
        assert text and "{" not in text


# --- the notes of real results ------------------------------------------------------------------

ON = dt.date(2026, 1, 15)
TY = 1_000_000_000
NOMINAL = dict.fromkeys(["PREC", "FLEX", "RESL", "TEAM", "PMAT"], "N")


def _fees():
    reg = NormRegistry.shipped()
    out = []
    for row in reg.get("qd1688-items", ON).rows():
        item, category, form = row.key.split(".")
        for on, base, override in (
            (ON, 430_000_000, None),
            (ON, 16 * TY, None),
            (dt.date(2026, 8, 1), 2000 * TY, "nd73_2019"),
            (dt.date(2026, 3, 1), 1 * TY, None),
        ):
            out.append(
                compute_fee(
                    item,
                    category=category,
                    form=form,
                    base=base,
                    on=on,
                    conditions=["island", "multi_province"],
                    rate_decimals=4,
                    regime_override=override,
                )
            )
    out.append(
        compute_fee(
            "lap_bao_cao_ktkt",
            category="software",
            form="ktkt",
            base=10 * TY,
            on=ON,
            conditions=["island"],
            alternatives={"qd1688-k-coefficients/lap_bao_cao_ktkt/island": 0},
        )
    )
    out.append(table_fee("1b", base=300 * TY, on=ON))
    return out


def _software():
    data = {
        "actors": {"simple": 1, "average": 2, "complex": 3},
        "use_cases": [
            {"name": "Tra cứu", "bmt": "M", "transactions": 5},
            {"name": "Dài", "bmt": "T", "transactions": 13},
            {"name": "Cũ", "bmt": "B", "complexity": "complex", "change": "unchanged"},
        ],
        "technical": {f"T{i}": 3 for i in range(1, 14)},
        "environmental": {f"E{i}": 3 for i in range(1, 9)} | {"E1": [4, 3]},
        "labour_rate": 61250,
        "second_opinion": {"cocomo": {"sloc_per_ucp": 60, "scale_factors": NOMINAL}},
    }
    out = []
    for date in ("2020-06-01", "2025-06-01", "2026-08-01"):
        r = compute_software_cost(SoftwareInput.model_validate(data | {"date": date}))
        out += [r, r.second_opinion]
    out.append(karner_effort(120, Decimal("0.95"), Decimal("0.8"), on=ON))
    out.append(karner_effort(120, 1, 1, productivity=28, hours_per_person_month=160, on=ON))
    out.append(cocomo2(30, scale_factors=dict(NOMINAL, TEAM="VH"), on=ON))
    out.append(
        cocomo2(
            30,
            scale_factors=dict(NOMINAL, TEAM="VH"),
            on=ON,
            alternatives={"cocomo2-scale-factors/TEAM/VH": 0},
        )
    )
    return out


RESULTS = _fees() + _software()


def test_real_results_render_in_both_languages():
    codes = set()
    for result in RESULTS:
        for n in result.notes:
            assert isinstance(n, Note)
            codes.add(n.code)
            for lang in ("vi", "en"):
                text = render_note(n, lang)
                assert text and "{" not in text and "None" not in text, (n, lang)
    # the results above say nearly everything the formulas can say
    assert len(codes) >= 30
    assert not codes - set(CATALOGUE)


def test_note_parameters_are_typed_not_text():
    for result in RESULTS:
        for n in result.notes:
            for value in n.params.values():
                assert isinstance(value, (str, int, Decimal, tuple, type(None)))
    minimum = next(n for r in RESULTS for n in r.notes if n.code == "fee.minimum_applied")
    assert isinstance(minimum.params["computed"], Decimal)
    assert isinstance(minimum.params["minimum"], Decimal)


@pytest.mark.parametrize(
    ("code", "english"),
    [
        (
            "fee.below_range",
            "The base (0.43 tỷ) is below the first breakpoint of qd1688-1b column project: the "
            "end rate is used unchanged (policy flat, as practised; no legal rule seen).",
        ),
        (
            "fee.disputed_alternative",
            "qd1688-k-coefficients/lap_bao_cao_ktkt/island is disputed between sources; "
            "alternative 0 (1.20) was used.",
        ),
        (
            "software.disputed_default",
            "cocomo2-scale-factors/TEAM/VH = 1.10 is disputed (the default value was used); "
            "other sources give: 1.01 (C2, C3).",
        ),
    ],
)
def test_english_texts_are_the_sentences_of_before(code, english):
    texts = {render_note(n, "en") for r in RESULTS for n in r.notes if n.code == code}
    assert english in texts, texts


def test_vietnamese_texts_use_the_vietnamese_number_style():
    n = note(
        "fee.minimum_applied",
        computed=Decimal(1764000),
        minimum=Decimal(2000000),
        confidence="single",
    )
    assert render_note(n, "vi") == (
        "Chi phí tính được 1.764.000 đ thấp hơn mức tối thiểu 2.000.000 đ thấy trong thực tế "
        "(một nguồn, chưa rõ căn cứ pháp lý); áp dụng mức tối thiểu."
    )
    assert render_note(n, "en") == (
        "The computed amount 1,764,000 đ is below the minimum 2,000,000 đ seen in practice (single source, "
        "legal source unknown); the minimum is used."
    )
