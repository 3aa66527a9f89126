"""Name and model matching for the overlap rules: matching forms, an index, a scorer, clusters.

Comparing every pair of names is quadratic, and blocking on the first words of a name collapses
on Vietnamese IT names, which start with a handful of words (*Quản lý*, *Tra cứu*, *Máy chủ* …).
Here candidate pairs come from an **index** instead (:func:`name_edges`):

* a name is indexed by its *rare* words (folded: without diacritics); a word shared by more
  than :data:`BLOCK_CAP` of the names compared is no key on its own (it tells nothing apart);
  the frequent words of a name make one key together: its two, three … rarest frequent words,
  the fewest that make a block of at most :data:`BLOCK_CAP` names; a long rare word is also
  indexed by its first four letters (a typo in its tail);
* only the names sharing a key are scored (:func:`ratio`, rapidfuzz's indel similarity on the
  names' sorted words, 0–100, through ``process.extract``), so the work grows with the number of
  names times the block cap, not with its square;
* a pair at or above the threshold is then told apart (:func:`relation`): the *same* name
  (the words differ by case, spaces, order, diacritics typed or not, *i*/*y*, a typo in a long
  word, or one name adds words at its end) or a *variant* (each name has a word the other lacks:
  *xã A* / *xã B*, *tầng 1* / *tầng 2*, *Thành* / *Thạnh*, *xã Hưng* / *xã Long Hưng*): a
  series of distinct items, not a duplicate. :func:`series` finds the series whose names are
  too long to be alike (*… xã An Bình* / *… xã Hòa Lợi*) by sorting the names.

An equipment model is matched by its **model number** (:func:`model_key`, :func:`same_models`,
:func:`model_classes`): the words with a digit (*R760*, *ME5024*, *200F*; hyphenated parts
taken apart and joined, so *fi-7600*, *fi 7600* and *fi7600* agree); two models are the same
when the model numbers of one are among the other's and they name no two different makes
(*Dell PowerEdge R760* = *Dell R760* = *PowerEdge R760 (Dell)*; *HP 400 G9* ≠ *HP 400 G8*;
*Dell R760* ≠ *Lenovo R760*); a model number made of figures only (*Latitude 5440*) also needs
the other words to agree. A model without a model number of three characters or more matches
only the same words. Each model is compared with the models holding its rarest model number.

rapidfuzz (the ``checks`` extra) scores the pairs; without it an exact pure-Python indel
similarity gives the same scores, more slowly.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ictcost.checks._base import normalise, strip_marks

__all__ = [
    "BLOCK_CAP",
    "ModelKey",
    "Name",
    "Partition",
    "Relation",
    "build_name",
    "model_classes",
    "model_key",
    "name_edges",
    "name_of",
    "natural_key",
    "ratio",
    "relation",
    "same_models",
    "series",
]

BLOCK_CAP = 64
"""The most names one index key may gather; a word shared by more names is not a key."""

Relation = Literal["same", "variant"]
"""How two alike names relate: the same name, or a variant of a series (*xã A* / *xã B*)."""


def _pure_ratio(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """Indel similarity of two strings, 0–100, exactly as rapidfuzz's ``fuzz.ratio``.

    ``2 × LCS / (len a + len b)``, the longest common subsequence by the bit-parallel algorithm
    of Allison–Dix / Hyyrö (one big-integer step per character of ``b``).
    """
    total = len(a) + len(b)
    if total == 0:
        score = 100.0
    else:
        masks: dict[str, int] = {}
        for i, ch in enumerate(a):
            masks[ch] = masks.get(ch, 0) | (1 << i)
        full = (1 << len(a)) - 1
        v = full
        for ch in b:
            u = v & masks.get(ch, 0)
            v = ((v + u) | (v - u)) & full
        lcs = len(a) - v.bit_count()
        score = 100.0 * (1.0 - (total - 2 * lcs) / total)
    return score if score_cutoff is None or score >= score_cutoff else 0.0


try:
    from rapidfuzz import fuzz, process

    RAPIDFUZZ = True
except ImportError:  # pragma: no cover - the checks extra is installed in development
    RAPIDFUZZ = False

ratio: Callable[..., float] = fuzz.ratio if RAPIDFUZZ else _pure_ratio
"""The scorer: ``ratio(a, b, score_cutoff=None)`` → 0–100 (read at call time, so a test may wrap
it to count the comparisons)."""


def extract_scores(
    query: str, choices: Mapping[int, str], cutoff: float
) -> list[tuple[int, float]]:
    """The choices scoring at least ``cutoff`` against ``query``: ``(key, score)``."""
    if RAPIDFUZZ:
        found = process.extract(query, choices, scorer=ratio, score_cutoff=cutoff, limit=None)
        return [(key, score) for _, score, key in found]
    out = []
    for key, choice in choices.items():
        score = ratio(query, choice, score_cutoff=cutoff)
        if score >= cutoff:
            out.append((key, score))
    return out


def cutoff_of(threshold: float) -> float:
    """A 0–1 threshold on the 0–100 scale, forgiving the last bit of float rounding."""
    return max(0.0, threshold * 100.0 - 1e-9)


# --- names --------------------------------------------------------------------------------------

_I_FOR_Y = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_CONSONANTS = frozenset("bcdđghklmnpqrstvx")
_Y_FORMS = frozenset("yýỳỷỹỵ")


def _word(word: str) -> str:
    """One word as matched (a number without leading zeros, the final *y* of *lý* as *i*).

    A final *y* after a consonant is read as *i*: *lý* / *lí*, *kỹ* / *kĩ*, *quý* / *quí* are
    the two spellings in use.
    """
    if word.isdigit():
        return word.lstrip("0") or "0"
    if len(word) >= 2 and word[-1] in _Y_FORMS:
        before = word[-2]
        if before in _CONSONANTS or (before == "u" and word[-3:-2] == "q"):
            return word[:-1] + word[-1].translate(_I_FOR_Y)
    return word


@dataclass(frozen=True, slots=True)
class Name:
    """A name as the overlap rules match it.

    Attributes:
        text: The name after :func:`~ictcost.checks._base.normalise`.
        words: Its words as matched (with diacritics), in their order.
        plain: The same words without diacritics, in their order.
        tokens: ``words``, sorted.
        folded: ``plain``, sorted.
        marked: Whether the name carries diacritics (a name typed without them is compared on
            the folded form only).
    """

    text: str
    words: tuple[str, ...]
    plain: tuple[str, ...]
    tokens: tuple[str, ...]
    folded: tuple[str, ...]
    marked: bool

    @property
    def form(self) -> str:
        """The sorted words with diacritics, as one string (what is scored)."""
        return " ".join(self.tokens)

    @property
    def folded_form(self) -> str:
        """The sorted words without diacritics, as one string."""
        return " ".join(self.folded)


def build_name(text: str) -> Name:
    """Return a name's matching forms, computed anew (:func:`name_of` keeps the recent ones).

    Examples:
        >>> n = name_of("Quản lí  hồ sơ, 01")
        >>> n.tokens, n.folded, n.marked
        (('1', 'hồ', 'lí', 'quản', 'sơ'), ('1', 'ho', 'li', 'quan', 'so'), True)
    """
    text = normalise(text)
    stripped = strip_marks(text)
    words = tuple(map(_word, text.split()))
    plain = words if stripped == text else tuple(map(_word, stripped.split()))
    tokens = tuple(sorted(words))
    folded = tokens if plain is words else tuple(sorted(plain))
    return Name(text, words, plain, tokens, folded, marked=stripped != text)


name_of = lru_cache(maxsize=65_536)(build_name)
"""Return a name's matching forms (:func:`build_name`, the last 65,536 kept)."""


def _near(a: str, b: str) -> bool:
    """Whether two different words are one word mistyped: long words, one letter apart."""
    return (
        len(a) >= 6
        and len(b) >= 6
        and a.isalpha()
        and b.isalpha()
        and ratio(a, b, score_cutoff=80.0) >= 80.0
    )


def relation(
    a: Name, b: Name, threshold: float, *, folded_score: float | None = None
) -> Relation | None:
    """How two names relate: ``same``, ``variant`` (alike but told apart by a word), or ``None``.

    Both names with diacritics are compared with them; otherwise without. Below ``threshold``
    (0–1) they are not alike (``folded_score``: their score without diacritics, if known). Alike names are the *same* when, once their common words are set
    aside, one has no word left, or the words left are the same written with other spaces
    (*256 GB* / *256GB*), or each word left on the shorter side is a mistyped word of the other
    (:func:`_near`); otherwise each has a word of its own and they are a *variant*. Names of one
    series (:func:`series`: *… xã Hưng* / *… xã Long Hưng*) are variants too, unless their last
    words differ by spaces or typos only.

    Examples:
        >>> relation(name_of("Máy tính cho UBND xã A"), name_of("Máy tính cho UBND xã B"), 0.9)
        'variant'
        >>> relation(name_of("Thiết bị chuyển mạch lõi"), name_of("thiet bi chuyen mach loi moi"), 0.9)
        'same'
        >>> relation(name_of("Máy chủ (256 GB RAM)"), name_of("Máy chủ (256GB RAM)"), 0.9)
        'same'
    """
    cutoff = cutoff_of(threshold)
    if a.marked and b.marked:
        sorted_a, sorted_b, words_a, words_b = a.tokens, b.tokens, a.words, b.words
    else:
        sorted_a, sorted_b, words_a, words_b = a.folded, b.folded, a.plain, b.plain
    if "".join(words_a) == "".join(words_b):
        return "same"  # only the spaces differ
    score = folded_score if folded_score is not None and sorted_a is a.folded else None
    if score is None:
        score = ratio(" ".join(sorted_a), " ".join(sorted_b), score_cutoff=cutoff)
    if score < cutoff:
        return None
    left_a, left_b = _left(words_a, words_b), _left(words_b, words_a)
    if left_a and left_b and not _respaced(left_a, left_b):
        short, long_ = (left_a, left_b) if len(left_a) <= len(left_b) else (left_b, left_a)
        rest = list(long_)
        for word in short:
            for k, other in enumerate(rest):
                if _near(word, other):
                    del rest[k]
                    break
            else:
                return "variant"
    tails = _tails(words_a, words_b)
    if tails is not None:
        tail_a, tail_b = tails
        typos = len(tail_a) == len(tail_b) and all(
            x == y or _near(x, y) for x, y in zip(tail_a, tail_b, strict=True)
        )
        if not typos and "".join(tail_a) != "".join(tail_b):
            return "variant"
    return "same"


def _left(words: Sequence[str], other: Sequence[str]) -> list[str]:
    """The words of ``words`` the other name does not have (as many times), in their order."""
    others = set(other)
    if len(others) == len(other) and len(set(words)) == len(words):
        return [w for w in words if w not in others]  # no word twice: no counting
    count = Counter(other)
    out = []
    for w in words:
        if count[w]:
            count[w] -= 1
        else:
            out.append(w)
    return out


def _respaced(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether the words of one side, run together, are some consecutive words of the other."""
    for short, long_ in ((a, b), (b, a)):
        target = "".join(short)
        for start in range(len(long_)):
            run = ""
            for word in long_[start:]:
                run += word
                if run == target:
                    return True
                if len(run) >= len(target):
                    break
    return False


def _tails(a: Sequence[str], b: Sequence[str]) -> tuple[Sequence[str], Sequence[str]] | None:
    """The last words of two names of one series (see :func:`series`), or ``None``."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if 2 <= common < min(len(a), len(b)) and 2 * common > max(len(a), len(b)):
        tail_a, tail_b = a[common:], b[common:]
        if len(tail_a) <= _SLOT and len(tail_b) <= _SLOT:
            return tail_a, tail_b
    return None


_SLOT = 3
"""The most words of what tells the names of a series apart (a commune, a number, a floor)."""


PREFIX_MARK = "\x00"
"""Marks the key of a word's first letters (no word starts with it)."""


def _keys(token_sets: Sequence[frozenset[str]]) -> list[list[Hashable]]:
    """The index keys of each name (see the module's docstring).

    A name's rare words are keys; its frequent words (more than :data:`BLOCK_CAP` names) make
    one more key together: its two rarest frequent words, or three, four … until at most
    :data:`BLOCK_CAP` names share it. So a name made of frequent words only and the same name
    with a rare word added (*… (bổ sung)*) still share a key.
    """
    df = Counter(t for tokens in token_sets for t in tokens)
    keys: list[list[Hashable]] = []
    ranked: dict[int, list[str]] = {}
    for u, tokens in enumerate(token_sets):
        rare = [t for t in tokens if df[t] <= BLOCK_CAP]
        keys.append([*rare, *(PREFIX_MARK + t[:4] for t in rare if len(t) >= 6 and t.isalpha())])
        if len(rare) < len(tokens) or not tokens:
            ranked[u] = sorted((t for t in tokens if df[t] > BLOCK_CAP), key=lambda t: (df[t], t))
    pending = list(ranked)
    size = 2
    while pending:
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for u in pending:
            groups[tuple(ranked[u][:size])].append(u)
        pending = []
        for key, members in groups.items():
            if len(members) <= BLOCK_CAP:
                for u in members:
                    keys[u].append(key)
                continue
            for u in members:
                if len(ranked[u]) > size:
                    pending.append(u)
                elif not keys[u]:
                    keys[u].append(key)  # the same frequent words and nothing else: kept
        size += 1
    return keys


def name_edges(
    names: Sequence[Name], threshold: float, *, only: Collection[int] | None = None
) -> tuple[list[int], list[tuple[int, int, Relation]]]:
    """Find the alike names through the index, never comparing all pairs.

    Args:
        names: The names compared.
        threshold: The similarity (0–1) from which two names are alike.
        only: When given, only pairs with at least one of these names (by position) are
            compared; the others are not needed by the caller.

    Returns:
        The distinct name (by its matching form) of each name, and the alike pairs of distinct
        names with their :func:`relation` (names of one distinct name are the same).
    """
    distinct: dict[tuple[str, ...], int] = {}
    of = [distinct.setdefault(n.tokens, len(distinct)) for n in names]
    reps: list[Name] = [names[0]] * len(distinct) if names else []
    for n, u in zip(names, of, strict=True):
        reps[u] = n
    keys = _keys([frozenset(r.folded) for r in reps])
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for u, ks in enumerate(keys):
        for k in ks:
            blocks[k].append(u)
    cutoff = cutoff_of(threshold)
    folded = [r.folded_form for r in reps]
    asked = None if only is None else {of[i] for i in only}
    edges: list[tuple[int, int, Relation]] = []
    for u, ks in enumerate(keys):
        if asked is not None and u not in asked:
            continue  # its pairs with asked names are compared from their side
        candidates: set[int] = set()
        for k in ks:
            block = blocks[k]
            if len(block) <= BLOCK_CAP or isinstance(k, tuple):
                candidates.update(block)  # a crowded prefix of a word tells nothing apart
        later = {
            v: folded[v]
            for v in sorted(candidates)
            if v > u or (asked is not None and v < u and v not in asked)
        }
        if not later:
            continue
        # the folded score bounds the one with diacritics from above: no alike pair is lost
        for v, score in extract_scores(folded[u], later, cutoff):
            rel = relation(reps[u], reps[v], threshold, folded_score=score)
            if rel is not None:
                edges.append((u, v, rel))
    return of, edges


def series(names: Sequence[Name]) -> Iterator[tuple[int, int]]:
    """Pairs of names of one series: the same leading words, then each its own.

    *Máy tính cho UBND xã An Bình*, *… xã Hòa Lợi*: the names, in their own word order, share
    more than half of their words as leading words (two at least), and each has one to three
    words after them (*Máy tính để bàn* / *Máy tính xách tay* share only half; *Chi phí lập
    HSMT, đánh giá HSDT mua sắm thiết bị* / *… gói phần mềm* differ by more than a slot). Only neighbours in the
    sorted names are compared (a series sorts together), so the work is a sort.

    Examples:
        >>> names = [name_of(t) for t in ("Máy tính xã Hòa Lợi", "Máy in", "Máy tính xã An Bình")]
        >>> list(series(names))
        [(2, 0)]
    """
    order = sorted(range(len(names)), key=lambda i: names[i].words)
    for i, j in itertools.pairwise(order):
        if _tails(names[i].words, names[j].words) is not None:
            yield i, j


# --- models -------------------------------------------------------------------------------------

MAKES = frozenset(
    """
    acer apc apple aruba asus avaya bkav brother canon checkpoint cisco cmc dahua dell delta
    dlink eaton emc epson f5 fortinet fpt fujitsu gigabyte hikvision hitachi hp hpe huawei ibm
    inspur intel juniper kaspersky kyocera lenovo lg logitech microsoft mikrotik misa msi
    netapp netgear nutanix nvidia oracle palo panasonic poly polycom qnap redhat ricoh ruckus
    samsung santak schneider seagate sharp sony sophos supermicro synology toshiba tplink
    ubiquiti veeam vertiv viettel viewsonic vmware vnpt xerox yealink zte zyxel
    """.split()  # noqa: SIM905 - a list of words reads better as text
)
"""Makes whose names, when two models both name one, must agree (*Dell R760* ≠ *Lenovo R760*)."""

MAKE_ALIASES = {"hpe": "hp", "hewlett": "hp", "packard": "hp", "polycom": "poly"}
"""Names of one make (HP and HPE are two companies, but servers are written either way)."""

_MODEL_SPLIT = re.compile(r"[\s(),/;:+&\[\]]+")
_MODEL_PARTS = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class ModelKey:
    """An equipment model as matched.

    Attributes:
        numbers: Its model numbers and other words with a digit (``r760``, ``g9``, ``256gb``),
            each as written and with its parts joined (``C9300-48T``: ``c9300``, ``48t`` and
            ``c930048t``; ``LBP 226dw``: also ``lbp226dw``).
        makes: The makes named (:data:`MAKES`).
        words: Its other words (``poweredge``, ``latitude``, ``server``).
        text: All its words, joined and sorted (for a model without a model number).
    """

    numbers: frozenset[str]
    makes: frozenset[str]
    words: frozenset[str]
    text: str

    @property
    def strong(self) -> frozenset[str]:
        """The model numbers long enough to identify a model (three characters or more)."""
        return frozenset(t for t in self.numbers if len(t) >= 3)


def _lower(text: str) -> str:
    """NFC and lower case (a model's punctuation matters: it is split on below)."""
    return unicodedata.normalize("NFC", text).lower()


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


@lru_cache(maxsize=65_536)
def model_key(model: str) -> ModelKey:
    """Return the matching key of an equipment model.

    Examples:
        >>> model_key("PowerEdge R760 (Dell)") == model_key("Dell PowerEdge R760")
        True
        >>> sorted(model_key("Fujitsu fi-7600").numbers), sorted(model_key("HP 400 G9").numbers)
        (['7600', 'fi7600'], ['400', 'g9'])
    """
    numbers: set[str] = set()
    parts: list[str] = []
    chunks: list[str] = []
    for chunk in _MODEL_SPLIT.split(strip_marks(_lower(model))):
        pieces = [p for p in _MODEL_PARTS.split(chunk) if p]
        if not pieces:
            continue
        joined = "".join(pieces)
        chunks.append(joined)
        parts.extend(pieces)
        numbers.update(w for w in (*pieces, joined) if len(w) >= 2 and _has_digit(w))
    for before, after in itertools.pairwise(parts):
        if before.isalpha() and len(before) <= 3 and before not in MAKES and _has_digit(after):
            numbers.add(before + after)  # "LBP 226dw" is "LBP226dw"
    makes = frozenset(MAKE_ALIASES.get(w, w) for w in parts if w in MAKES or w in MAKE_ALIASES)
    words = frozenset(w for w in parts if w.isalpha() and len(w) >= 2 and w not in MAKES)
    return ModelKey(frozenset(numbers), makes, words, " ".join(sorted(chunks)))


def same_models(a: ModelKey, b: ModelKey) -> bool:
    """Whether two models are the same.

    The model numbers of one are among the other's, and they name no two different makes; when
    the shared model numbers are only figures (*Latitude 5440*, *Windows Server 2022*), the other
    words of one must also be among the other's (*Server 2022 Standard* ≠ *Server 2022
    Datacenter*). A model without a model number of three characters matches the same words only.

    Examples:
        >>> same_models(model_key("Dell PowerEdge R760"), model_key("PowerEdge R760 (Dell)"))
        True
        >>> same_models(model_key("Dell R760"), model_key("Lenovo R760"))
        False
        >>> same_models(model_key("Polycom G7500"), model_key("Poly G-7500"))
        True
        >>> same_models(model_key("HP ProDesk 400 G9"), model_key("HP 400 G8"))
        False
    """
    if not a.strong or not b.strong:
        return a.text == b.text
    small, large = (a, b) if len(a.numbers) <= len(b.numbers) else (b, a)
    if not small.numbers <= large.numbers:
        return False
    if a.makes and b.makes and not a.makes & b.makes:
        return False
    if all(t.isdigit() for t in small.strong):
        return a.words <= b.words or b.words <= a.words
    return True


def model_classes(models: Sequence[str | None]) -> list[int | None]:
    """Number the models so that the same models (:func:`same_models`) share a number.

    Each distinct model is compared only with the models that hold its rarest model number (a
    model number of the smaller is one of the larger's), so the work is linear in the models
    but for models sharing all their numbers.
    """
    distinct: dict[ModelKey, int] = {}
    of: list[int | None] = [
        distinct.setdefault(model_key(m), len(distinct)) if m else None for m in models
    ]
    keys = list(distinct)
    postings: dict[str, list[int]] = defaultdict(list)
    for u, key in enumerate(keys):
        for t in key.strong:
            postings[t].append(u)
    part = Partition(len(keys))
    by_words: dict[str, int] = {}
    for u, key in enumerate(keys):
        if not key.strong:
            part.union(u, by_words.setdefault(key.text, u))
            continue
        rarest = min(key.strong, key=lambda t: (len(postings[t]), t))
        for v in postings[rarest]:
            if v != u and same_models(key, keys[v]):
                part.union(u, v)
    return [None if u is None else part.find(u) for u in of]


# --- clusters -----------------------------------------------------------------------------------


class Partition:
    """Union–find over ``0 … n−1``: the clusters of a matching."""

    __slots__ = ("_parent",)

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, x: int) -> int:
        """The representative of ``x``'s cluster."""
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        """Join the clusters of ``x`` and ``y`` (the smaller representative stays)."""
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self._parent[max(rx, ry)] = min(rx, ry)

    def union_all(self, members: Iterable[int]) -> None:
        """Join every member's cluster into one."""
        it = iter(members)
        first = next(it, None)
        if first is not None:
            for m in it:
                self.union(first, m)

    def clusters(self, *, min_size: int = 2) -> list[list[int]]:
        """The clusters of at least ``min_size`` members, each sorted, by their first member."""
        groups: dict[int, list[int]] = defaultdict(list)
        for x in range(len(self._parent)):
            groups[self.find(x)].append(x)
        return sorted((g for g in groups.values() if len(g) >= min_size), key=lambda g: g[0])


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a line id with its numbers as numbers (``TB-2`` before ``TB-10``).

    Examples:
        >>> sorted(["TB-10", "TB-2", "K-1"], key=natural_key)
        ['K-1', 'TB-2', 'TB-10']
    """
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part
    )
