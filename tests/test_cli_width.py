"""At 80 columns nothing is cut: every amount and id whole, text wrapped at words (defects 7, 10).

Every command's output is laid out by typer's runner with ``COLUMNS=80``; the figures are taken
from the result objects (never from the text), so a cut or wrapped figure fails the test.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ictcost import NormRegistry
from ictcost.cli import app
from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.inputs import load_software_input
from ictcost.report.explain import Lang, render_template
from ictcost.report.summary import summary_rows
from ictcost.software import compute_software_cost

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROJECT = EXAMPLES / "portal-project.yaml"
PACK = EXAMPLES / "pack"
SOFTWARE = EXAMPLES / "software-portal.yaml"
REG = NormRegistry.shipped().with_pack(PACK)
WIDTH = 80


def out80(*args: str) -> str:
    r = CliRunner(env={"COLUMNS": str(WIDTH)}).invoke(app, list(args))
    assert r.exit_code in {0, 1}, r.output
    text = r.stdout
    assert "…" not in text, "a cell was cut"
    too_wide = [ln for ln in text.splitlines() if len(ln) > WIDTH]
    assert not too_wide, too_wide
    return text


def vnd(amount: Decimal, lang: Lang) -> str:
    return render_template("{a:vnd}", {"a": amount}, lang)


def whole(text: str, figure: str) -> bool:
    """The figure appears with no digit or separator glued to either side."""
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text) is not None


def estimate() -> Estimate:
    return compute_estimate(load_project(PROJECT), registry=REG, base_dir=EXAMPLES)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_amount_of_the_estimate_is_whole(lang: Lang) -> None:
    e = estimate()
    text = out80("estimate", str(PROJECT), "--pack", str(PACK), "--lang", lang)
    amounts = [a for ln in e.lines for a in (ln.amount, ln.total)]
    amounts += [a for r in summary_rows(e) for a in (r.amount, r.vat, r.total) if a is not None]
    assert e.contingency is not None
    amounts.append(e.contingency.total)
    missing = [vnd(a, lang) for a in amounts if not whole(text, vnd(a, lang))]
    assert not missing, missing
    for ln in e.lines:
        assert re.search(rf"^[│┃] {re.escape(ln.id)} ", text, re.MULTILINE), ln.id  # ids whole


def _words(text: str) -> set[str]:
    return set(text.split())


def test_notes_wrap_at_words_never_inside_one() -> None:
    from ictcost.report.console import estimate_view  # noqa: PLC0415, F401 - the views exist
    from ictcost.report.explain import render_note  # noqa: PLC0415

    e = estimate()
    text = out80("estimate", str(PROJECT), "--pack", str(PACK))
    words = _words(text)
    notes = [render_note(n, "vi") for ln in e.lines for n in ln.notes]
    assert notes
    broken = [w for n in notes for w in n.split() if w not in words]
    assert not broken, broken[:10]
    assert _words(e.total_in_words) <= words  # "Bằng chữ" wrapped at words


def test_software_amounts_whole_and_no_raw_decimal() -> None:
    result = compute_software_cost(load_software_input(SOFTWARE))
    text = out80("software", str(SOFTWARE))
    for row in result.summary:
        if row.amount is not None:
            assert whole(text, vnd(row.amount, "vi")), row.symbol
    assert whole(text, vnd(result.g_pm, "vi"))
    assert not re.search(r"\d[.,]\d{5,}", text.replace("≈", "")), "an unrounded number"
    for raw in ("None", "True", "False"):
        assert raw not in text


def test_norms_list_ids_whole() -> None:
    text = out80("norms", "list")
    for table_id in NormRegistry.shipped():
        assert re.search(rf"^[│┃] {re.escape(table_id)} ", text, re.MULTILINE), table_id


@pytest.mark.parametrize("table_id", ["qd1688-k-coefficients", "qd1688-1b", "qd1688-items"])
def test_norms_show_keys_whole(table_id: str) -> None:
    inforce = REG.get(table_id, "2026-01-15")
    text = out80("norms", "show", table_id, "--on", "2026-01-15")
    words = _words(text.replace(":", " "))
    for row in inforce.version.rows:
        if row.key is not None:
            assert row.key in words, row.key
    for col in inforce.version.columns:
        assert col.key in words, col.key


def test_check_and_fee_fit() -> None:
    text = out80("check", str(PROJECT), "--pack", str(PACK))
    assert "MARKET-QUOTES-FEW" in text
    fee = out80(
        "fee", "--table", "1b", "--form", "ktkt", "--base", "8500000000", "--on", "2026-01-15"
    )
    assert whole(fee, "152.527.188")
    portfolio = EXAMPLES / "portfolio"
    out80("check", str(portfolio / "01-mot-cua-huyen.yaml"), "--portfolio", str(portfolio))


@pytest.mark.parametrize(
    "command", [[], ["fee"], ["estimate"], ["check"], ["norms", "show"], ["template"]]
)
def test_help_fits(command: list[str]) -> None:
    out80(*command, "-h")
