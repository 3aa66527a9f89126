"""Regressions found while reviewing issue 2 (each test failed before its fix)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ictcost import InputError, NormRegistry, NormSyntaxError, parse_amount, round_vnd
from ictcost._internal._yaml import load_yaml


@pytest.mark.parametrize("word", ["yes", "No", "on", "OFF", "True"])
def test_yaml11_boolean_words_are_refused(word):
    with pytest.raises(NormSyntaxError) as exc:
        load_yaml(f"flag: {word}\n", "f.yaml")
    assert exc.value.problems[0].line == 1
    assert "true or false" in str(exc.value)


def test_true_and_false_still_load():
    assert load_yaml("a: true\nb: false\n", "f.yaml")[0] == {"a": True, "b": False}


@pytest.mark.parametrize("text", ["20260115", "2026-W03-4", "2026-1-5"])
def test_dates_must_be_written_yyyy_mm_dd(text):
    with pytest.raises(InputError) as exc:
        NormRegistry.shipped().get("qd1688-1b", text)
    assert exc.value.code == "input-date"


@pytest.mark.parametrize("text", ["８５００", "٣", "8.５00.000"])
def test_non_ascii_digits_are_refused(text):
    with pytest.raises(InputError) as exc:
        parse_amount(text)
    assert exc.value.code == "input-amount"


def test_round_vnd_does_not_depend_on_the_ambient_precision():
    # 31 significant digits: more than the default context's 28
    assert round_vnd(Decimal("1000000000000000000000000000000.5")) == Decimal(10**30 + 1)


def test_regime_values_cite_their_own_version_basis():
    cell = NormRegistry.shipped().get("regimes", "2026-03-01").value("regime", "value")
    assert cell.value == "nd45_2026"
    assert "45/2026" in cell.instrument
    assert "224/2026" not in cell.citation()
