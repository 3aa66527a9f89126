"""The *same*-name classes of many names in compact memory (the portfolio's name matching).

:func:`same_classes` gives exactly the classes of :func:`ictcost.checks.overlaps.name_classes`
(a test checks it): the same distinct names, the same index keys, the same candidate pairs and
scores, the same :func:`~ictcost.checks._matching.relation` — but it keeps, per distinct name,
only what the matching reads again: its folded form (the string scored), its folded words as
numbers into one vocabulary, and its index keys as two ``int32`` columns (a key's members are a
slice of the sorted column, not a list per key). The full matching forms of a name
(:class:`~ictcost.checks._matching.Name`: five tuples of words) are built while it is read and
dropped, and again only for the pairs that score above the threshold. It neither fills the
:func:`~ictcost.checks._matching.name_of` cache nor builds the series of the names (the
portfolio rules need the classes only, not the partition of alike names).

Measured on 73,720 distinct equipment names of 5,000 generated estimates
(``scripts/portfolio_scale.py``): the Python heap of the matching peaks at a fraction of what
:func:`~ictcost.checks.overlaps.name_classes` needs for them (see the issue-12 note for the
figures).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence

import numpy as np

from ictcost.checks._matching import (
    BLOCK_CAP,
    PREFIX_MARK,
    Name,
    Partition,
    build_name,
    cutoff_of,
    extract_scores,
    relation,
)

__all__ = ["same_classes"]


class _Distinct:
    """The distinct names (by their matching form), each with its folded words as numbers."""

    __slots__ = ("folded", "last", "of", "starts", "vocab", "word_ids", "words")

    def __init__(self, texts: Sequence[str]) -> None:
        forms: dict[str, int] = {}
        self.of = array("i")
        self.last: list[int] = []  # the position of the last name of each distinct name
        self.folded: list[str] = []
        self.word_ids: dict[str, int] = {}
        self.vocab: list[str] = []
        self.words = array("i")  # the folded words (a set) of each distinct name, one run each
        self.starts = array("i", [0])
        for i, text in enumerate(texts):
            name = build_name(text)
            u = forms.setdefault(name.form, len(forms))
            self.of.append(u)
            if u < len(self.last):
                self.last[u] = i
                continue
            self.last.append(i)
            self.folded.append(name.folded_form)
            for word in frozenset(name.folded):
                self.words.append(self.word_ids.setdefault(word, len(self.word_ids)))
                if len(self.vocab) < len(self.word_ids):
                    self.vocab.append(word)
            self.starts.append(len(self.words))

    def __len__(self) -> int:
        return len(self.folded)

    def words_of(self, u: int) -> Sequence[int]:
        """The folded words of distinct name ``u`` (as numbers)."""
        return self.words[self.starts[u] : self.starts[u + 1]]


def _keys(names: _Distinct) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The index keys of the distinct names, as :func:`~ictcost.checks._matching._keys` gives.

    A word's key is its number; the other keys (a word's first letters, a set of frequent
    words) are numbered after the words. Returns the pairs ``(name, key)`` as two columns and,
    per key, whether a crowded block of it is skipped (a word's first letters).
    """
    n_words = len(names.vocab)
    df = np.bincount(np.frombuffer(names.words, dtype=np.intc), minlength=n_words)
    other: dict[Hashable, int] = {}
    crowdable: list[bool] = []

    def key_of(key: Hashable, *, prefix: bool) -> int:
        k = other.get(key)
        if k is None:
            k = other[key] = n_words + len(other)
            crowdable.append(prefix)
        return k

    who, what = array("i"), array("i")
    has_key = bytearray(len(names))
    ranked: dict[int, list[int]] = {}
    vocab = names.vocab
    for u in range(len(names)):
        words = names.words_of(u)
        rare = [t for t in words if df[t] <= BLOCK_CAP]
        for t in rare:
            who.append(u)
            what.append(t)
        for t in rare:
            word = vocab[t]
            if len(word) >= 6 and word.isalpha():
                who.append(u)
                what.append(key_of(PREFIX_MARK + word[:4], prefix=True))
        has_key[u] = bool(rare)
        if len(rare) < len(words) or not words:
            ranked[u] = sorted(
                (t for t in words if df[t] > BLOCK_CAP), key=lambda t: (df[t], vocab[t])
            )
    _frequent_keys(ranked, key_of, who, what, has_key)
    skip_crowded = np.zeros(n_words + len(other), dtype=bool)
    skip_crowded[n_words:] = crowdable
    return (
        np.frombuffer(who, dtype=np.intc),
        np.frombuffer(what, dtype=np.intc),
        skip_crowded,
    )


def _frequent_keys(
    ranked: dict[int, list[int]],
    key_of: Callable[..., int],
    who: array[int],
    what: array[int],
    has_key: bytearray,
) -> None:
    """The keys of sets of frequent words: two, three … until a block is small enough."""
    pending = list(ranked)
    size = 2
    while pending:
        groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for u in pending:
            groups[tuple(ranked[u][:size])].append(u)
        pending = []
        for key, members in groups.items():
            if len(members) <= BLOCK_CAP:
                k = key_of(key, prefix=False)
                for u in members:
                    who.append(u)
                    what.append(k)
                    has_key[u] = 1
                continue
            for u in members:
                if len(ranked[u]) > size:
                    pending.append(u)
                elif not has_key[u]:
                    who.append(u)
                    what.append(key_of(key, prefix=False))
                    has_key[u] = 1
        size += 1


def same_classes(
    texts: Sequence[str], threshold: float, *, only: Collection[int] | None = None
) -> list[int]:
    """The class of each name: the names that are the *same* share one (alike, no variant).

    Exactly ``name_classes(texts, threshold, only=only)[0]`` (see
    :func:`ictcost.checks.overlaps.name_classes` and the index of
    :func:`~ictcost.checks._matching.name_edges`), in memory that grows with the distinct names
    by a few hundred bytes each.

    Args:
        texts: The names.
        threshold: The similarity (0–1) from which two names are alike.
        only: Compare only pairs with at least one of these names (by position).

    Returns:
        The class of each name: the smallest number of a distinct name of its class (distinct
        names numbered by their first occurrence).
    """
    names = _Distinct(texts)
    n = len(names)
    same = Partition(n)
    if n:
        who, what, skip_crowded = _keys(names)
        by_key = np.argsort(what, kind="stable")
        key_sorted = what[by_key]
        members = who[by_key]
        n_keys = len(skip_crowded)
        bounds = np.searchsorted(key_sorted, np.arange(n_keys + 1))
        sizes = np.diff(bounds)
        used = ~(skip_crowded & (sizes > BLOCK_CAP))
        by_name = np.argsort(who, kind="stable")
        name_bounds = np.searchsorted(who[by_name], np.arange(n + 1))
        keys_of = what[by_name]
        asked = None
        if only is not None:
            asked = np.zeros(n, dtype=bool)
            asked[[names.of[i] for i in only]] = True
        cutoff = cutoff_of(threshold)
        for u in range(n):
            if asked is not None and not asked[u]:
                continue  # its pairs with asked names are compared from their side
            ks = keys_of[name_bounds[u] : name_bounds[u + 1]]
            ks = ks[used[ks]]
            if not len(ks):
                continue
            cand = np.unique(np.concatenate([members[bounds[k] : bounds[k + 1]] for k in ks]))
            keep = cand > u
            if asked is not None:
                keep |= (cand < u) & ~asked[cand]
            later = {int(v): names.folded[v] for v in cand[keep]}
            if not later:
                continue
            first: Name | None = None
            for v, score in extract_scores(names.folded[u], later, cutoff):
                first = first or build_name(texts[names.last[u]])
                other = build_name(texts[names.last[v]])
                if relation(first, other, threshold, folded_score=score) == "same":
                    same.union(u, v)
    return [same.find(u) for u in names.of]
