"""The compact *same*-name classes (:func:`ictcost.checks.matching.same_classes`).

They must be exactly the classes of :func:`ictcost.checks.overlaps.name_classes` (the portfolio
rules switched from one to the other), on names built to exercise every part of the index: rare
words, the first letters of long words (crowded and not), frequent words taken two, three … at a
time, names of frequent words only, names typed without diacritics, *i*/*y*, typos, series of
communes, and the ``only`` restriction.
"""

from __future__ import annotations

import itertools
import random
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictcost.checks import _matching
from ictcost.checks._base import strip_marks
from ictcost.checks.matching import same_classes
from ictcost.checks.overlaps import name_classes
from ictcost.portfolio._synthetic import district_project

LEADS = ("Quản lý", "Tra cứu", "Máy chủ", "Máy tính", "Thiết bị", "Phần mềm", "Hệ thống")
MIDDLES = (
    "hồ sơ",
    "văn bản",
    "đất đai",
    "lưu trữ",
    "chuyển mạch lõi",
    "để bàn",
    "xách tay",
    "tường lửa",
    "giám sát",
    "thống kê",
)
TAILS = (
    "cho UBND xã An Bình",
    "cho UBND xã Hòa Lợi",
    "cho UBND xã Long Hưng",
    "cho UBND xã Hưng",
    "tầng 1",
    "tầng 2",
    "(bổ sung)",
    "theo tháng",
    "theo năm",
    "",
)


def _variant(text: str, rnd: random.Random) -> str:
    """The same name written otherwise: without diacritics, y for i, a typo, other spaces."""
    choice = rnd.randrange(5)
    if choice == 0:
        return strip_marks(text)
    if choice == 1:
        return text.replace("lý", "lí")
    if choice == 2 and len(text) > 8:
        k = rnd.randrange(len(text))
        return text[:k] + text[k + 1 :]
    if choice == 3:
        return "  " + text.upper() + " "
    return text


def _names(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        text = " ".join(w for w in (rnd.choice(LEADS), rnd.choice(MIDDLES), rnd.choice(TAILS)) if w)
        if rnd.random() < 0.3:
            text += f" {rnd.randrange(1, 40)}"
        out.append(_variant(text, rnd) if rnd.random() < 0.4 else text)
    return out


def _both(
    texts: list[str], threshold: float, only: list[int] | None
) -> tuple[list[int], list[int]]:
    expected, _ = name_classes(texts, threshold, only=only)
    return expected, same_classes(texts, threshold, only=only)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 220),
    seed=st.integers(0, 10_000),
    threshold=st.sampled_from([0.8, 0.85, 0.9, 0.95]),
    only_share=st.one_of(st.none(), st.floats(0.0, 1.0)),
)
def test_same_classes_are_name_classes(
    n: int, seed: int, threshold: float, only_share: float | None
) -> None:
    texts = _names(n, seed)
    only = None
    if only_share is not None:
        rnd = random.Random(seed + 1)
        only = [i for i in range(n) if rnd.random() < only_share]
    expected, got = _both(texts, threshold, only)
    assert got == expected


def test_frequent_words_and_crowded_prefixes_take_the_same_keys() -> None:
    """3,000 names from a small vocabulary: every word is frequent (more than BLOCK_CAP names),
    so the keys are sets of two, three … frequent words, and long words' first letters crowd."""
    texts = _names(3_000, 7)
    texts += ["Quản lý hồ sơ", "quan ly ho so", "Máy chủ"] * 70  # frequent words only, repeated
    expected, got = _both(texts, 0.9, None)
    assert got == expected
    assert len(set(got)) < len(texts) // 2  # the names did fall together: the test can fail


def test_portfolio_names_and_only_unmodelled() -> None:
    """The names of 300 generated district estimates (shared leading words, per-commune lines),
    the unmodelled ones asked, as the store's equipment rule does."""
    texts, only = [], []
    for p in range(300):
        for line in district_project(p)["lines"]:
            if line["component"] != "thiet_bi":
                continue
            if not line.get("model"):
                only.append(len(texts))
            texts.append(line["name"])
    assert only
    for asked in (only, None):
        expected, got = _both(texts, 0.9, asked)
        assert got == expected


def test_empty_and_one_name() -> None:
    assert same_classes([], 0.9) == []
    assert same_classes(["Máy chủ"], 0.9) == [0]
    assert same_classes(["Máy chủ", "máy  chủ", "Máy in"], 0.9, only=[]) == [0, 0, 1]


def test_without_rapidfuzz_the_classes_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _names(400, 3)
    expected = same_classes(texts, 0.85)
    monkeypatch.setattr(_matching, "RAPIDFUZZ", False)
    monkeypatch.setattr(_matching, "ratio", _matching._pure_ratio)
    assert same_classes(texts, 0.85) == expected


def test_it_keeps_less_than_name_classes() -> None:
    """The point of it: the Python heap of the matching, measured on 6,000 names, is a
    fraction of name_classes' (which builds and caches every name's five word tuples)."""
    texts = [f"{t} {k}" for k, t in enumerate(_names(6_000, 5))]  # all distinct
    peaks = []
    for f in (lambda: name_classes(texts, 0.9), lambda: same_classes(texts, 0.9)):
        _matching.name_of.cache_clear()
        tracemalloc.start()
        f()
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    _matching.name_of.cache_clear()
    assert peaks[1] < peaks[0] / 3, peaks


@pytest.mark.parametrize(("fillers", "same"), [(60, True), (70, False)])
def test_a_crowded_first_letters_key_is_skipped_as_in_name_classes(
    fillers: int, same: bool
) -> None:
    """*hethongabc* / *hethongabd* share only the key of their first letters (*heth*): with 62
    names under it they are compared (one letter apart: the same), with 72 the key is crowded
    (more than BLOCK_CAP) and they are not compared."""
    fill = ["heth" + "".join(p) + "q" for p in itertools.product("abcdefghij", repeat=3)]
    texts = ["hethongabc", "hethongabd", *fill[:fillers]]
    expected, got = _both(texts, 0.9, None)
    assert got == expected
    assert (got[0] == got[1]) is same
