"""The batch fee API against the exact scalar path, element by element; VAT and line totals.

Every amount of :func:`compute_fee_batch` / :func:`table_fee_batch` must equal the scalar
``compute_fee(...).amount`` / ``table_fee(...).amount`` of its base, for every item, category,
form, condition set and date across the regimes; so must the flags and the union of the
citations. The tie tests construct bases whose exact fee ends in exactly ½ đồng and check that
the plain float computation (what the fast path does before its exact fallback) rounds some of
them the wrong way, so that removing the fallback fails them.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from math import gcd
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ictcost import (
    InputError,
    InputTypeError,
    NormNotApplicableError,
    NormNotFoundError,
    NormRegistry,
    OutOfRangeError,
    compute_fee,
    shipped_norms_dir,
    table_fee,
)
from ictcost.errors import IctcostError
from ictcost.estimate import compute_estimate, load_project
from ictcost.estimate.batch import LineTotals, line_totals_batch, vat_batch
from ictcost.fees.batch import (
    FLAGS,
    REASONS,
    FeeBatch,
    compute_fee_batch,
    table_fee_batch,
    to_bases,
)
from ictcost.money import round_vnd

REGISTRY = NormRegistry.shipped()
DATES = ("2020-06-01", "2026-01-15", "2026-04-01", "2026-08-01")  # NĐ 73/2019, 45/2026, 224/2026
TY = 1_000_000_000

ITEM_KEYS = tuple(r.key or "" for r in REGISTRY.at("2026-01-15").table("qd1688-items").rows())
TABLES = (("1a", "project"), ("1b", "project"), ("1b", "ktkt"), ("2b", "ktkt"), ("3a", "project"))
CONDITION_SETS = ((), ("island",), ("multi_province", "renovation"), ("high_equipment_share",))


def _breakpoints() -> list[int]:
    view = REGISTRY.at("2026-01-15")
    out: set[int] = set()
    for tid in ("qd1688-1a", "qd1688-1b", "qd1688-2a", "qd1688-2b", "qd1688-4a"):
        for col in ("project", "ktkt"):
            if view.table(tid).version.column(col) is not None:
                sc = view.scale(tid, col)
                out.update(int(at * sc.scale) for at, _ in sc.points)
    return sorted(out)


BREAKPOINTS = _breakpoints()
bases_st = st.one_of(
    st.integers(1, 400 * TY),
    st.integers(1, 50_000_000),
    st.integers(1, 10**18),
    st.builds(lambda b, d: max(1, b + d), st.sampled_from(BREAKPOINTS), st.integers(-3, 3)),
    st.builds(lambda m: 30_000 + 40_000 * m, st.integers(0, 170_000)),  # ½-đồng ties of 1.855 %
)


def _refs(cites: tuple[object, ...]) -> set[tuple[str, str]]:
    return {(c.ref, str(c.value)) for c in cites}


def _same_as_scalar(batch: FeeBatch, scalar: list[object]) -> None:
    union: set[tuple[str, str]] = set()
    for i, s in enumerate(scalar):
        assert int(batch.amounts[i]) == s.amount, (i, batch.bases[i])
        assert int(batch.amounts_before_minimum[i]) == s.amount_before_minimum
        assert batch.flags_at(i) == s.flags, (i, batch.bases[i])
        assert batch.rates[i] == pytest.approx(float(s.rate_percent), rel=1e-12)
        union |= _refs(s.citations)
    if scalar:
        assert _refs(batch.citations) == union


def _scalar_refusal(
    item: str, base: int, rate_decimals: int | None, args: dict[str, object]
) -> IctcostError | None:
    try:
        compute_fee(item, base=base, rate_decimals=rate_decimals, **args)
    except (NormNotApplicableError, InputError) as exc:
        return exc
    return None


@given(
    key=st.sampled_from(ITEM_KEYS),
    on=st.sampled_from(DATES),
    conditions=st.sampled_from(CONDITION_SETS),
    rate_decimals=st.sampled_from((None, None, 2, 4)),
    bases=st.lists(bases_st, min_size=1, max_size=25),
)
def test_compute_fee_batch_equals_the_exact_path(
    key: str, on: str, conditions: tuple[str, ...], rate_decimals: int | None, bases: list[int]
) -> None:
    item, category, form = key.split(".")
    view = REGISTRY.at(on)
    args = {"category": category, "form": form, "norms": view, "conditions": conditions}
    refusal = _scalar_refusal(item, bases[0], rate_decimals, args)
    if refusal is not None:  # refused for every base alike (no norm for the form, special)
        with pytest.raises(type(refusal)) as caught:
            compute_fee_batch(item, bases=bases, rate_decimals=rate_decimals, **args)
        assert caught.value.message == refusal.message
        return
    batch = compute_fee_batch(item, bases=bases, rate_decimals=rate_decimals, **args)
    scalar = [compute_fee(item, base=b, rate_decimals=rate_decimals, **args) for b in bases]
    _same_as_scalar(batch, scalar)
    assert batch.item == item and batch.on == view.on and batch.regime == view.regime


@given(
    table=st.sampled_from(TABLES),
    on=st.sampled_from(DATES),
    rate_decimals=st.sampled_from((None, 3)),
    bases=st.lists(bases_st, min_size=1, max_size=25),
)
def test_table_fee_batch_equals_the_exact_path(
    table: tuple[str, str], on: str, rate_decimals: int | None, bases: list[int]
) -> None:
    view = REGISTRY.at(on)
    name, form = table
    batch = table_fee_batch(
        name,
        form=form,
        bases=np.array(bases, dtype=np.int64),
        norms=view,
        rate_decimals=rate_decimals,
    )
    scalar = [
        table_fee(name, form=form, base=b, norms=view, rate_decimals=rate_decimals) for b in bases
    ]
    _same_as_scalar(batch, scalar)


@settings(max_examples=40)
@given(
    bases=st.lists(
        st.decimals(min_value=Decimal("0.001"), max_value=Decimal(300 * TY), places=3),
        min_size=1,
        max_size=10,
    ),
    rate_base=st.one_of(st.none(), st.integers(1, 300 * TY)),
)
def test_fractional_bases_and_a_rate_base(bases: list[Decimal], rate_base: int | None) -> None:
    view = REGISTRY.at("2026-01-15")
    args = {"category": "software", "form": "project", "norms": view, "rate_base": rate_base}
    for item in ("lap_ke_hoach_thue_dich_vu", "quan_ly_du_an"):  # the first switches above 15 tỷ
        batch = compute_fee_batch(item, bases=np.array(bases, dtype=object), **args)
        scalar = [compute_fee(item, base=b, **args) for b in bases]
        _same_as_scalar(batch, scalar)
        assert int(batch.explain(0).amount) == int(batch.amounts[0])


def test_a_rate_base_per_element() -> None:
    view = REGISTRY.at("2026-01-15")
    bases, rate_bases = [TY, 2 * TY, 3 * TY], [8_500_000_000, 30 * TY, 16 * TY]
    args = {"category": "software", "form": "project", "norms": view}
    batch = compute_fee_batch(
        "lap_ke_hoach_thue_dich_vu", bases=bases, rate_base=rate_bases, **args
    )
    scalar = [
        compute_fee("lap_ke_hoach_thue_dich_vu", base=b, rate_base=r, **args)
        for b, r in zip(bases, rate_bases, strict=True)
    ]
    _same_as_scalar(batch, scalar)
    assert batch.explain(1) == scalar[1]
    with pytest.raises(InputError, match="'rate_base' has 2 amounts for 3 bases"):
        compute_fee_batch("quan_ly_du_an", bases=bases, rate_base=rate_bases[:2], **args)


# --- ties: the exact fallback decides -------------------------------------------------------


def _tie_bases(view_on: str, table: str, column: str) -> tuple[np.ndarray, list[int]]:
    """Bases below the first breakpoint whose fee is exactly k + ½ đồng, and their exact fees."""
    sc = REGISTRY.at(view_on).scale(f"qd1688-{table}", column)
    rate = sc.points[0][1]
    num, den = rate.as_integer_ratio()
    den *= 100  # fee = base × num / den
    g = gcd(num, den)
    num, den = num // g, den // g
    start = (den // 2 * pow(num, -1, den)) % den
    bases = np.array([start + den * m for m in range(400)], dtype=np.int64)
    bases = bases[(bases > 0) & (bases < int(sc.points[0][0] * sc.scale))]
    return bases, [(int(b) * num * 2 // den + 1) // 2 for b in bases]  # half up by hand


def _plain_float(view_on: str, table: str, column: str, bases: np.ndarray) -> np.ndarray:
    """What the float path computes before its exact fallback: interp, product, nearest."""
    sc = REGISTRY.at(view_on).scale(f"qd1688-{table}", column)
    xp = np.array([float(at * sc.scale) for at, _ in sc.points])
    fp = np.array([float(r) for _, r in sc.points])
    b = bases.astype(np.float64)
    return np.rint(b * (np.interp(b, xp, fp) * 0.01)).astype(np.int64)


@pytest.mark.parametrize(
    ("table", "column"), [("1b", "ktkt"), ("8a", "project"), ("1a", "project")]
)
def test_ties_are_resolved_exactly(table: str, column: str) -> None:
    bases, by_hand = _tie_bases("2026-01-15", table, column)
    plain = _plain_float("2026-01-15", table, column, bases)
    wrong = int((plain != np.array(by_hand)).sum())
    assert wrong >= 10  # the float path alone rounds these ties the wrong way
    batch = table_fee_batch(table, form=column, bases=bases, on="2026-01-15")
    assert batch.amounts.tolist() == by_hand
    assert batch.exact_count >= wrong
    assert [
        table_fee(table, form=column, base=int(b), on="2026-01-15").amount for b in bases[:20]
    ] == by_hand[:20]


def test_ties_through_an_item_with_k_and_rate_rounding() -> None:
    bases, _ = _tie_bases("2026-01-15", "1b", "ktkt")
    view = REGISTRY.at("2026-01-15")
    for conditions, decimals in (((), None), (("island",), 2), ((), 1)):
        args = {"category": "software", "form": "ktkt", "norms": view, "conditions": conditions}
        batch = compute_fee_batch("quan_ly_du_an", bases=bases, rate_decimals=decimals, **args)
        scalar = [
            compute_fee("quan_ly_du_an", base=int(b), rate_decimals=decimals, **args) for b in bases
        ]
        _same_as_scalar(batch, scalar)


def test_huge_bases_go_to_the_exact_kernel() -> None:
    bases = [2**53 + 1, 10**18, 10**17 + 3, 9 * TY]
    batch = table_fee_batch("1b", bases=bases, on="2026-01-15")
    assert batch.exact_count >= 3
    assert batch.amounts.tolist() == [
        table_fee("1b", base=b, on="2026-01-15").amount for b in bases
    ]


# --- refusals ---------------------------------------------------------------------------------


def test_strict_refusals_raise_naming_the_first_index() -> None:
    bases = [8_500_000_000, TY, 500 * TY]
    with pytest.raises(OutOfRangeError) as caught:
        table_fee_batch("1b", bases=bases, on="2026-01-15", strict=True)
    assert caught.value.field == "bases[1]" and caught.value.context["index"] == 1
    with pytest.raises(OutOfRangeError):
        table_fee("1b", base=TY, on="2026-01-15", strict=True)
    with pytest.raises(OutOfRangeError, match=r"bases\[0\]"):
        compute_fee_batch(
            "quan_ly_du_an",
            category="software",
            form="project",
            bases=[TY],
            on="2026-01-15",
            strict=True,
        )


def test_strict_refusals_masked() -> None:
    bases = [8_500_000_000, TY, 500 * TY]
    batch = table_fee_batch("1b", bases=bases, on="2026-01-15", strict=True, refused="mask")
    assert batch.valid.tolist() == [True, False, False]
    assert [REASONS[r] for r in batch.reasons] == ["", "below_range", "above_range"]
    assert batch.amounts.tolist() == [table_fee("1b", base=bases[0], on="2026-01-15").amount, 0, 0]
    assert np.isnan(batch.rates[1]) and batch.flags_at(1) == ()
    assert not any(batch.flags[f][1] for f in FLAGS)
    with pytest.raises(OutOfRangeError):
        batch.explain(1)
    # the citations are those of the valid element only
    assert _refs(batch.citations) == _refs(
        table_fee("1b", base=bases[0], on="2026-01-15").citations
    )
    with pytest.raises(InputError, match="'refused' must be"):
        table_fee_batch("1b", bases=bases, on="2026-01-15", refused="skip")


def test_fractional_refusals_are_found_by_the_kernel() -> None:
    bases = np.array([Decimal("8500000000.5"), Decimal("0.5")], dtype=object)
    batch = table_fee_batch("1b", bases=bases, on="2026-01-15", strict=True, refused="mask")
    assert batch.valid.tolist() == [True, False]
    with pytest.raises(OutOfRangeError, match=r"bases\[1\]"):
        table_fee_batch("1b", bases=bases, on="2026-01-15", strict=True)


@pytest.mark.parametrize(
    ("bases", "error", "field", "words"),
    [
        ([1, 0], InputError, "bases[1]", "greater than zero"),
        ([1, -5], InputError, "bases[1]", "greater than zero"),
        (np.array([5.0, np.nan]), InputError, "bases[1]", "finite"),
        (np.array([5.0, np.inf]), InputError, "bases[1]", "finite"),
        (np.array([1.5]), InputError, "bases[0]", "not a whole amount"),
        (np.array([2.0**60]), InputError, "bases[0]", "at most 10^18"),
        (np.array([2.0**54]), InputError, "bases[0]", "below 2^53"),
        ([True], InputTypeError, "bases[0]", "must be a Decimal"),
        (np.array([True]), InputTypeError, "bases[0]", "must be a Decimal"),
        ([2, 1.5], InputTypeError, "bases[1]", "floats cannot"),
        (["8.500"], InputError, "bases[0]", "ambiguous"),
        ([10**19], InputError, "bases[0]", "at most 10^18"),
        (np.array([10**18 + 1]), InputError, "bases[0]", "at most 10^18"),
        (np.array([10**19], dtype=np.uint64), InputError, "bases[0]", "at most 10^18"),
        ([Decimal("1e-40")], InputError, "bases[0]", "30 decimal places"),
        ([None], InputTypeError, "bases[0]", "must be a Decimal"),
        (np.array([[1, 2]]), InputError, "bases", "one-dimensional"),
        (5, InputError, "bases", "array-like"),
        ("8500000000", InputError, "bases", "array-like"),
    ],
)
def test_bad_bases_name_their_index(
    bases: object, error: type[Exception], field: str, words: str
) -> None:
    with pytest.raises(error) as caught:
        table_fee_batch("1b", bases=bases, on="2026-01-15")
    assert isinstance(caught.value, IctcostError)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_arguments_are_refused_as_the_scalar_path_refuses_them() -> None:
    base = {"bases": [8_500_000_000], "on": "2026-01-15"}
    one = {"base": 8_500_000_000, "on": "2026-01-15"}
    cases = [
        ("quan_ly_du_an", {"category": "cloud", "form": "project"}),
        ("quan_ly_du_an", {"category": "software", "form": "dự án"}),
        ("quan_ly_du_an", {"category": "software", "form": "project", "rate_decimals": 13}),
        ("quan_ly_du_an", {"category": "software", "form": "project", "rate_decimals": True}),
        ("quan_ly_du_an", {"category": "software", "form": "project", "conditions": ["moon"]}),
        ("quan_ly_du_an", {"category": "software", "form": "project", "conditions": "moon"}),
        (
            "quan_ly_du_an",
            {
                "category": "software",
                "form": "project",
                "conditions": ["renovation", "typical_design"],
            },
        ),
        ("lap_bao_cao_ktkt", {"category": "software", "form": "ktkt", "conditions": ["special"]}),
        ("quan_ly_du_a", {"category": "software", "form": "project"}),
        ("lap_bao_cao_ktkt", {"category": "software", "form": "project"}),
        (
            "lap_bao_cao_ktkt",
            {"category": "software", "form": "ktkt", "alternatives": {"x/y/z": 0}},
        ),
    ]
    for item, args in cases:
        with pytest.raises(IctcostError) as scalar:
            compute_fee(item, **one, **args)
        with pytest.raises(type(scalar.value)) as batch:
            compute_fee_batch(item, **base, **args)
        assert batch.value.message.startswith(scalar.value.message.split(" (")[0]), item
    with pytest.raises(NormNotFoundError):
        table_fee_batch("9z", **base)
    with pytest.raises(InputError, match="no KTKT column"):
        table_fee_batch("1a", form="ktkt", **base)
    with pytest.raises(InputError, match="'on' is required"):
        table_fee_batch("1b", bases=[TY])


def test_alternatives_used_by_every_element() -> None:
    alt = {"qd1688-k-coefficients/lap_bao_cao_ktkt/island": 0}
    args = {"category": "software", "form": "ktkt", "on": "2026-01-15", "conditions": ["island"]}
    bases = [8_500_000_000, 12 * TY]
    batch = compute_fee_batch("lap_bao_cao_ktkt", bases=bases, alternatives=alt, **args)
    scalar = [compute_fee("lap_bao_cao_ktkt", base=b, alternatives=alt, **args) for b in bases]
    _same_as_scalar(batch, scalar)
    assert batch.flags["disputed_value"].all()
    with pytest.raises(InputError, match="does not use"):
        compute_fee_batch(
            "lap_bao_cao_ktkt", bases=bases, alternatives=alt, **{**args, "conditions": []}
        )


def test_a_transitional_override_and_regimes() -> None:
    view = REGISTRY.at("2026-04-01", regime_override="nd73_2019")
    bases = [8_500_000_000, 16 * TY]
    batch = compute_fee_batch(
        "quan_ly_du_an", category="software", form="ktkt", bases=bases, norms=view
    )
    assert batch.flags["transitional_override"].all()
    assert [batch.flags_at(i) for i in range(2)] == [
        compute_fee("quan_ly_du_an", category="software", form="ktkt", base=b, norms=view).flags
        for b in bases
    ]
    later = table_fee_batch("1b", bases=bases, on="2026-08-01")
    assert later.flags["reference_only"].all()
    assert later.on == dt.date(2026, 8, 1)


# --- inputs and outputs -----------------------------------------------------------------------


def test_pandas_in_and_out() -> None:
    pd = pytest.importorskip("pandas")
    view = REGISTRY.at("2026-01-15")
    series = pd.Series([7 * TY, 8_500_000_000, 300 * TY], name="base")
    batch = compute_fee_batch(
        "quan_ly_du_an", category="software", form="ktkt", bases=series, norms=view
    )
    frame = batch.to_pandas()
    assert list(frame.columns[:6]) == [
        "base",
        "amount",
        "amount_before_minimum",
        "rate_percent",
        "valid",
        "reason",
    ]
    assert frame["amount"].tolist() == [
        compute_fee("quan_ly_du_an", category="software", form="ktkt", base=b, norms=view).amount
        for b in series
    ]
    assert frame["above_range"].tolist() == [False, False, True]
    decimals = pd.Series([Decimal("8500000000.5"), Decimal(7 * TY)], dtype=object)
    assert table_fee_batch("1b", bases=decimals, norms=view).to_pandas()["base"].tolist() == list(
        decimals
    )
    floats = table_fee_batch("1b", bases=pd.Series([7e9, 8.5e9]), norms=view)
    assert floats.amounts.tolist() == [
        table_fee("1b", base=b, norms=view).amount for b in (7 * TY, 8_500_000_000)
    ]
    with pytest.raises(InputError, match=r"bases\[1\]"):
        table_fee_batch("1b", bases=pd.Series([7 * TY, None], dtype="Int64"), norms=view)


def test_arrow_in_and_out() -> None:
    pa = pytest.importorskip("pyarrow")
    batch = table_fee_batch("1b", bases=pa.array([7 * TY, 8_500_000_000]), on="2026-01-15")
    table = batch.to_arrow()
    assert table.column("amount").to_pylist() == batch.amounts.tolist()


def test_without_pandas_or_pyarrow_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batch = table_fee_batch("1b", bases=[7 * TY], on="2026-01-15")
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"ictcost\[pandas\]"):
        batch.to_pandas()
    with pytest.raises(ImportError, match=r"ictcost\[arrow\]"):
        batch.to_arrow()


def test_the_result_is_frozen_and_read_only() -> None:
    batch = table_fee_batch("1b", bases=[7 * TY, 8 * TY], on="2026-01-15")
    assert len(batch) == 2
    with pytest.raises(ValueError, match="read-only"):
        batch.amounts[0] = 1
    with pytest.raises(AttributeError):
        batch.item = "x"
    assert batch.tables == ("qd1688-1b",)
    empty = table_fee_batch("1b", bases=[], on="2026-01-15")
    assert len(empty) == 0 and empty.citations == tuple(REGISTRY.at("2026-01-15").regime.citations)


def test_to_bases() -> None:
    ints, decs = to_bases(np.array([5, 7], dtype=np.int32))
    assert ints.dtype == np.int64 and ints.tolist() == [5, 7] and decs is None
    ints, decs = to_bases(["1.5", 2])
    assert ints.tolist() == [0, 2] and decs == (Decimal("1.5"), Decimal(2))


# --- VAT and line totals ----------------------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "purchase-ktkt.yaml"

line_st = st.tuples(
    st.one_of(st.integers(0, 10_000), st.decimals(min_value=0, max_value=10_000, places=3)),
    st.one_of(
        st.integers(0, 10**10),
        st.decimals(min_value=0, max_value=10**9, places=2),
        st.builds(lambda k: 10 * k + 5, st.integers(0, 10**6)),  # VAT ties at 10 %
    ),
    st.sampled_from(("0", "5", "8", "10", "8.5", "0.125")),
)


@settings(max_examples=30)
@given(lines=st.lists(line_st, min_size=1, max_size=12))
def test_line_totals_equal_the_engine(lines: list[tuple[object, object, str]]) -> None:
    project = load_project(EXAMPLE)
    model = next(ln for ln in project.lines if ln.id == "TB-02")
    new = [
        model.model_copy(
            update={
                "id": f"L-{i}",
                "quantity": Decimal(q),
                "unit_price": Decimal(u),
                "vat_rate": Decimal(r),
            }
        )
        for i, (q, u, r) in enumerate(lines)
    ]
    estimate = compute_estimate(project.model_copy(update={"lines": new}))
    done = {ln.id: ln for ln in estimate.lines}
    got = line_totals_batch(
        [q for q, _, _ in lines], [u for _, u, _ in lines], [r for *_, r in lines]
    )
    for i in range(len(lines)):
        line = done[f"L-{i}"]
        assert (int(got.amounts[i]), int(got.vat[i]), int(got.totals[i])) == (
            line.amount,
            line.vat,
            line.total,
        )


def test_vat_ties_round_half_up_in_int64() -> None:
    amounts = np.array([5, 15, 25, 10**18, 10**18 - 5, 0, 999_999_999_999_999_995])
    for rate in ("10", "8", "5", "0", "8.5", "0.000001", "33.3333333"):
        expected = [int(round_vnd(Decimal(int(a)) * Decimal(rate) / 100)) for a in amounts]
        assert vat_batch(amounts, rate).tolist() == expected, rate
    assert vat_batch([15, 25], ["10", "8"]).tolist() == [2, 2]


def test_line_totals_beyond_int64_and_fractions() -> None:
    got = line_totals_batch([10**12, Decimal("0.5")], [10**6, 3], ["10", "10"])
    assert got.amounts.tolist() == [10**18, 2] and got.vat.tolist() == [10**17, 0]
    assert isinstance(got, LineTotals) and len(got) == 2
    with pytest.raises(InputError, match="above 10\\^18"):
        line_totals_batch([10**12], [10**6 + 1], "10")
    frame = got.to_pandas()
    assert frame["total"].tolist() == [11 * 10**17, 2]


@pytest.mark.parametrize(
    ("args", "error", "field"),
    [
        (([1, -1], [1, 1], "10"), InputError, "quantities[1]"),
        (([10**13], [1], "10"), InputError, "quantities[0]"),
        (([1], [10**19], "10"), InputError, "unit_prices[0]"),
        (([1.5], [1], "10"), InputTypeError, "quantities[0]"),
        ((np.array([1.5]), [1], "10"), InputError, "quantities[0]"),
        ((np.array([True]), [1], "10"), InputTypeError, "quantities[0]"),
        (([1], ["8.500"], "10"), InputError, "unit_prices[0]"),
        (([1], [1], "101"), InputError, "vat_rates"),
        (([1, 2], [1, 2], ["10", "-1"]), InputError, "vat_rates[1]"),
        (([1, 2], [1, 2], ["10"]), InputError, "vat_rates"),
        (([1], [1], "10%"), InputError, "vat_rates"),
        (([1, 2], [1], "10"), InputError, "unit_prices"),
        ((5, [1], "10"), InputError, "quantities"),
        ((np.array([[1]]), [1], "10"), InputError, "quantities"),
    ],
)
def test_line_totals_refusals_name_the_index(
    args: tuple[object, object, object], error: type[Exception], field: str
) -> None:
    with pytest.raises(error) as caught:
        line_totals_batch(*args)
    assert caught.value.field == field
    with pytest.raises(InputError, match=r"amounts\[0\]"):
        vat_batch([Decimal("1.5")], "10")


def test_the_docs_page_examples() -> None:
    import doctest  # noqa: PLC0415 - this test only

    page = Path(__file__).resolve().parents[1] / "docs" / "concepts" / "batch.md"
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 0
    assert result.failed == 0


# --- user packs: a disputed rate on one breakpoint, breakpoints that are not whole đồng --------


def _pack(tmp_path: Path, old: str, new: str) -> NormRegistry:
    src = next(shipped_norms_dir().rglob("qd1688-1b.yaml")).read_text(encoding="utf-8")
    text = src.replace(old, new, 1)
    assert text != src
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "qd1688-1b.yaml").write_text(text, encoding="utf-8")
    return NormRegistry.shipped().with_pack(pack)


SPREAD = [3 * TY, 7 * TY, 9 * TY, 15 * TY, 15 * TY + 1, 18 * TY, 20 * TY, 45 * TY, 250 * TY]


def test_a_disputed_breakpoint_flags_only_the_bases_that_use_it(tmp_path: Path) -> None:
    registry = _pack(
        tmp_path,
        "project: {value: 2.133, source: [S4], confidence: single}",
        "project: {value: 2.133, source: [S4], confidence: disputed, "
        "alternatives: [{value: 2.2, source: [S4]}]}",
    )
    view = registry.at("2026-01-15")
    batch = table_fee_batch("1b", bases=SPREAD, norms=view)
    scalar = [table_fee("1b", base=b, norms=view) for b in SPREAD]
    _same_as_scalar(batch, scalar)
    assert batch.flags["disputed_value"].tolist() == [
        False, False, True, True, True, True, False, False, False,
    ]  # fmt: skip
    assert batch.flags["user_pack"].all()


def test_breakpoints_that_are_not_whole_dong_take_the_exact_path(tmp_path: Path) -> None:
    registry = _pack(tmp_path, "- at: 7\n", "- at: 7.0000000005\n")
    view = registry.at("2026-01-15")
    bases = [*SPREAD, 7_000_000_000, 7_000_000_001]
    batch = table_fee_batch("1b", bases=bases, norms=view)
    assert batch.exact_count == len(bases)
    _same_as_scalar(batch, [table_fee("1b", base=b, norms=view) for b in bases])
