"""Amounts in Vietnamese words: the hard cases, the error paths and a strict words → int parser.

The parser below is written from the reading rules (a grammar of canonical Vietnamese numerals), not
from the implementation: it rejects every non-canonical form (``hai mươi một``, ``một mươi``,
``không trăm linh một triệu`` …), so a round trip checks both the value and the wording.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ictcost.errors import InputError, InputTypeError
from ictcost.words import MAX_NUMBER, amount_in_words, number_in_words

# --- a strict, independent parser -----------------------------------------------------------------

PLAIN = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
# the unit after "mười": 11 mười một, 14 mười bốn, but 15 mười lăm
AFTER_MUOI = {**PLAIN, "lăm": 5}
del AFTER_MUOI["năm"]
# the unit after "<2-9> mươi": 21 mốt, 24 tư, 25 lăm
AFTER_MUOI_20 = {**AFTER_MUOI, "mốt": 1, "tư": 4}
del AFTER_MUOI_20["một"], AFTER_MUOI_20["bốn"]
TENS_20 = {word: value for word, value in PLAIN.items() if value >= 2}
HUNDREDS = {"không": 0, **PLAIN}
SCALES = {"nghìn": 1_000, "triệu": 1_000_000}
TY = 1_000_000_000


class NotCanonicalError(ValueError):
    """The words are not the canonical reading of any number."""


def _at(tokens: list[str], i: int) -> str | None:
    return tokens[i] if i < len(tokens) else None


def parse_group(tokens: list[str], i: int, *, leading: bool, linh: str) -> tuple[int, int]:
    """Parse one group (1-999) starting at ``tokens[i]``; return its value and the next index."""
    hundreds: int | None = None
    if _at(tokens, i) in HUNDREDS and _at(tokens, i + 1) == "trăm":
        hundreds = HUNDREDS[tokens[i]]
        if leading and hundreds == 0:
            raise NotCanonicalError(f"a number cannot start with 'không trăm': {tokens}")
        i += 2
    elif not leading:
        raise NotCanonicalError(f"a group after the first must read its hundreds: {tokens[i:]}")
    rest = 0
    word = _at(tokens, i)
    if word == "mười":
        rest = 10
        i += 1
        if _at(tokens, i) in AFTER_MUOI:
            rest += AFTER_MUOI[tokens[i]]
            i += 1
    elif word in TENS_20 and _at(tokens, i + 1) == "mươi":
        rest = 10 * TENS_20[word]
        i += 2
        if _at(tokens, i) in AFTER_MUOI_20:
            rest += AFTER_MUOI_20[tokens[i]]
            i += 1
    elif word == linh:
        if hundreds is None:
            raise NotCanonicalError(f"'{linh}' needs a hundreds before it: {tokens}")
        if _at(tokens, i + 1) not in PLAIN:
            raise NotCanonicalError(f"'{linh}' must be followed by a plain unit: {tokens[i:]}")
        rest = PLAIN[tokens[i + 1]]
        i += 2
    elif hundreds is None:
        if word not in PLAIN:
            raise NotCanonicalError(f"expected a number at {i}: {tokens}")
        rest = PLAIN[word]
        i += 1
    value = 100 * (hundreds or 0) + rest
    if value == 0:
        raise NotCanonicalError(f"an all-zero group must be skipped: {tokens}")
    return value, i


def parse_words(text: str, *, linh: str = "linh") -> int:
    """Parse the canonical Vietnamese reading of an integer; raise on anything else."""
    tokens = text.split(" ")
    if "" in tokens:
        raise NotCanonicalError(f"empty word (double, leading or trailing space): {text!r}")
    sign = 1
    if tokens[0] == "âm":
        sign, tokens = -1, tokens[1:]
        if tokens in ([], ["không"]):
            raise NotCanonicalError(f"'âm' must be followed by a non-zero number: {text!r}")
    if tokens == ["không"]:
        return 0
    total = 0  # everything up to and including the last "tỷ"
    segment = 0  # the groups since the last "tỷ"
    smallest: int | None = None  # the scale of the last group in the segment (they must decrease)
    started = False
    i = 0
    while i < len(tokens):
        if tokens[i] == "tỷ":
            if not started:
                raise NotCanonicalError(f"'tỷ' without a number before it: {text!r}")
            total = (total + segment) * TY
            segment, smallest = 0, None
            i += 1
            continue
        if smallest == 1:
            raise NotCanonicalError(f"a units group must end the number or precede 'tỷ': {text!r}")
        group, i = parse_group(tokens, i, leading=not started, linh=linh)
        started = True
        scale = SCALES.get(tokens[i], 1) if i < len(tokens) else 1
        if scale != 1:
            i += 1
        if smallest is not None and scale >= smallest:
            raise NotCanonicalError(f"scale words out of order: {text!r}")
        smallest = scale
        segment += group * scale
    if not started:
        raise NotCanonicalError(f"no number in {text!r}")
    return sign * (total + segment)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("không", 0),
        ("mười lăm", 15),
        ("hai mươi mốt", 21),
        ("một trăm linh năm", 105),
        ("một tỷ tỷ", 10**18),
        ("một tỷ không trăm linh năm tỷ", (10**9 + 5) * 10**9),
        ("âm một nghìn tỷ không trăm linh năm", -(10**12 + 5)),
    ],
)
def test_parser_reads_canonical_forms(text: str, expected: int) -> None:
    assert parse_words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "một mươi",
        "hai mươi một",
        "hai mươi năm",
        "hai mươi bốn",
        "mười mốt",
        "mười năm",
        "một trăm linh lăm",
        "một trăm hai",
        "linh năm",
        "không trăm linh một triệu",
        "không trăm tám mươi nghìn",
        "một triệu tám mươi nghìn",
        "một nghìn năm",
        "một nghìn linh năm",
        "một nghìn không trăm",
        "một triệu không trăm nghìn",
        "một nghìn một triệu",
        "một  trăm",
        " một",
        "một ",
        "âm không",
        "tỷ",
        "năm năm",
    ],
)
def test_parser_rejects_non_canonical_forms(text: str) -> None:
    with pytest.raises(NotCanonicalError):
        parse_words(text)


# --- the hard cases -------------------------------------------------------------------------------

HARD_CASES = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (34, "ba mươi tư"),
    (41, "bốn mươi mốt"),
    (45, "bốn mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_000, "một nghìn"),
    (1_001, "một nghìn không trăm linh một"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (1_021, "một nghìn không trăm hai mươi mốt"),
    (1_100, "một nghìn một trăm"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (105_000, "một trăm linh năm nghìn"),
    (1_000_000, "một triệu"),
    (1_000_100, "một triệu một trăm"),
    (1_080_000, "một triệu không trăm tám mươi nghìn"),
    (5_000_005, "năm triệu không trăm linh năm"),
    (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (1_001_000_000, "một tỷ không trăm linh một triệu"),
    (8_500_000_000, "tám tỷ năm trăm triệu"),
    (10**12, "một nghìn tỷ"),
    (10**12 + 5, "một nghìn tỷ không trăm linh năm"),
    (10**12 + 5_000, "một nghìn tỷ không trăm linh năm nghìn"),
    (1_005 * 10**9, "một nghìn không trăm linh năm tỷ"),
    (2_000_000_000_000_000, "hai triệu tỷ"),
    (10**15 + 10**9, "một triệu không trăm linh một tỷ"),
    (
        1_234_567_891_234,
        "một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu"
        " tám trăm chín mươi mốt nghìn hai trăm ba mươi tư",
    ),
    (10**18, "một tỷ tỷ"),
    (10**18 + 10**6, "một tỷ tỷ không trăm linh một triệu"),
    (
        MAX_NUMBER,
        "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn"
        " chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín"
        " nghìn chín trăm chín mươi chín",
    ),
    (-7, "âm bảy"),
    (-1_080_000, "âm một triệu không trăm tám mươi nghìn"),
]


@pytest.mark.parametrize(("n", "expected"), HARD_CASES, ids=[str(n) for n, _ in HARD_CASES])
def test_hard_cases(n: int, expected: str) -> None:
    assert number_in_words(n) == expected
    assert parse_words(expected) == n  # the expected strings are themselves canonical


LE_CASES = [
    (101, "một trăm lẻ một"),
    (105, "một trăm lẻ năm"),
    (1_005, "một nghìn không trăm lẻ năm"),
    (1_000_000_005, "một tỷ không trăm lẻ năm"),
    (10**12 + 5, "một nghìn tỷ không trăm lẻ năm"),
    (504_000, "năm trăm lẻ bốn nghìn"),
    (110, "một trăm mười"),
    (15, "mười lăm"),
]


@pytest.mark.parametrize(("n", "expected"), LE_CASES, ids=[str(n) for n, _ in LE_CASES])
def test_le_style(n: int, expected: str) -> None:
    assert number_in_words(n, style="lẻ") == expected
    assert parse_words(expected, linh="lẻ") == n


@pytest.mark.parametrize(
    ("amount", "kwargs", "expected"),
    [
        (1_234_567, {}, "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"),
        (0, {}, "Không đồng"),
        (Decimal(0), {}, "Không đồng"),
        (Decimal("-0"), {}, "Không đồng"),
        (Decimal("-0.00"), {}, "Không đồng"),
        (-1_080_000, {}, "Âm một triệu không trăm tám mươi nghìn đồng"),
        (1_080_000, {}, "Một triệu không trăm tám mươi nghìn đồng"),  # not "Không trăm linh một…"
        (
            Decimal("1234567.00"),
            {},
            "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng",
        ),
        (Decimal("1E+3"), {}, "Một nghìn đồng"),
        (Decimal("8500000000"), {"capitalize": False}, "tám tỷ năm trăm triệu đồng"),
        (1_000_000_005, {"style": "lẻ"}, "Một tỷ không trăm lẻ năm đồng"),
        (24_000, {"currency": ""}, "Hai mươi tư nghìn"),
        (21, {"currency": "đồng chẵn"}, "Hai mươi mốt đồng chẵn"),
        (10**12, {"currency": "USD"}, "Một nghìn tỷ USD"),
    ],
)
def test_amount_in_words(amount: Decimal | int, kwargs: dict[str, object], expected: str) -> None:
    assert amount_in_words(amount, **kwargs) == expected  # type: ignore[arg-type]


# --- error paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    [
        Decimal("1.5"),
        Decimal("-0.01"),
        Decimal("1234567.000001"),
        Decimal("999999999999999999999.9999999999"),  # more digits than the default context
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1E+21"),
        Decimal("1E+999999"),
        MAX_NUMBER + 1,
        -(MAX_NUMBER + 1),
    ],
    ids=str,
)
def test_amount_refuses_fractions_non_finite_and_too_large(amount: Decimal | int) -> None:
    with pytest.raises(InputError) as info:
        amount_in_words(amount)
    assert info.value.code == "input-amount"
    assert info.value.field == "amount"
    assert isinstance(info.value, ValueError)
    assert str(amount) in info.value.message


@pytest.mark.parametrize("amount", [1.0, 1234567.0, float("nan"), True, False, "1234567", None])
def test_amount_refuses_wrong_types(amount: object) -> None:
    with pytest.raises(InputTypeError) as info:
        amount_in_words(amount)  # type: ignore[arg-type]
    assert info.value.code == "input-type"
    assert isinstance(info.value, TypeError)
    assert type(amount).__name__ in info.value.message


def test_bounds_are_inclusive() -> None:
    assert number_in_words(MAX_NUMBER).startswith("chín trăm")
    assert number_in_words(-MAX_NUMBER).startswith("âm chín trăm")
    assert amount_in_words(Decimal(MAX_NUMBER)).startswith("Chín trăm")


@pytest.mark.parametrize("n", [MAX_NUMBER + 1, -(MAX_NUMBER + 1), 10**30])
def test_number_refuses_too_large(n: int) -> None:
    with pytest.raises(InputError) as info:
        number_in_words(n)
    assert info.value.code == "input-invalid"
    assert str(n) in info.value.message


@pytest.mark.parametrize("n", [1.0, True, Decimal(5), "5"])
def test_number_refuses_wrong_types(n: object) -> None:
    with pytest.raises(InputTypeError):
        number_in_words(n)  # type: ignore[arg-type]


@pytest.mark.parametrize("style", ["le", "lẽ", "LINH", ""])
def test_unknown_style_is_refused(style: str) -> None:
    with pytest.raises(InputError) as info:
        number_in_words(105, style=style)  # type: ignore[arg-type]
    assert info.value.code == "input-invalid"
    assert info.value.field == "style"
    with pytest.raises(InputError):
        amount_in_words(105, style=style)  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------------------

VOCABULARY = {
    *HUNDREDS,
    "âm",
    "trăm",
    "mười",
    "mươi",
    "mốt",
    "tư",
    "lăm",
    "linh",
    "lẻ",
    "nghìn",
    "triệu",
    "tỷ",
}


def sparse_numbers(max_digits: int) -> st.SearchStrategy[int]:
    """Numbers whose digits are mostly 0, 1, 4 and 5: where the reading rules bite."""
    digits = st.sampled_from("0000014559")
    return st.lists(digits, min_size=1, max_size=max_digits).map(lambda ds: int("".join(ds)))


BELOW_10_15 = st.one_of(st.integers(0, 10**15 - 1), sparse_numbers(15))
SIGNED_ANY = st.one_of(
    st.integers(-MAX_NUMBER, MAX_NUMBER),
    sparse_numbers(21),
    sparse_numbers(21).map(lambda n: -n),
)


@given(BELOW_10_15)
@example(0)
@example(10**15 - 1)
@example(1_080_000)
@example(10**12 + 5)
def test_round_trip_below_10_15(n: int) -> None:
    assert parse_words(number_in_words(n)) == n
    assert parse_words(number_in_words(n, style="lẻ"), linh="lẻ") == n


@given(SIGNED_ANY)
@example(MAX_NUMBER)
@example(-MAX_NUMBER)
@example(10**18 + 5 * 10**9)
def test_round_trip_whole_range(n: int) -> None:
    assert parse_words(number_in_words(n)) == n


@given(SIGNED_ANY)
def test_forbidden_forms_never_appear(n: int) -> None:
    text = number_in_words(n)
    padded = f" {text} "
    for bad in (
        " một mươi ",
        " mươi một ",
        " mươi năm ",
        " mươi bốn ",
        " mười mốt ",
        " mười năm ",
        " linh lăm ",
        " linh mốt ",
        " linh tư ",
        " âm không ",
    ):
        assert bad not in padded, (n, text)
    assert (n == 0) == text.startswith("không"), (n, text)
    assert "  " not in text
    assert text == text.strip()
    assert set(text.split(" ")) <= VOCABULARY
    assert unicodedata.is_normalized("NFC", text)


@given(SIGNED_ANY)
def test_styles_differ_only_by_linh(n: int) -> None:
    assert number_in_words(n, style="lẻ") == number_in_words(n).replace("linh", "lẻ")


@given(SIGNED_ANY)
def test_amount_is_the_number_plus_currency(n: int) -> None:
    words = number_in_words(n)
    assert amount_in_words(n, capitalize=False) == f"{words} đồng"
    assert amount_in_words(Decimal(n).quantize(Decimal("0.01"))) == (
        words[0].upper() + words[1:] + " đồng"
    )
