"""Exact to the last đồng: the use-case-point chain against rational arithmetic (``Fraction``).

Reliability review D13: the chain divides (``E = 10/6 × AUCP``, the average of the members'
ratings) and carried a 60-digit truncated tail into the half-up rounding, so an exact
``G_PM = 399.674.775,5`` came out 399.674.775. ictcost now settles each value to 30 decimal places
before it rounds or shows it (:func:`ictcost.money.settle`); this test recomputes the chain from
the same inputs and constants in ``fractions.Fraction`` and requires the rounded amounts to be
the exact fraction's and the shown values to be the fraction settled to 30 places.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ictcost.inputs import load_software_input
from ictcost.money import SETTLE_PLACES, settle
from ictcost.software import SoftwareInput, compute_software_cost

TECHNICAL = [f"T{i}" for i in range(1, 14)]
ENVIRONMENTAL = [f"E{i}" for i in range(1, 9)]


def _half_up(x: Fraction) -> int:
    """Round a fraction to an integer, half away from zero."""
    sign = -1 if x < 0 else 1
    return sign * int(abs(x) + Fraction(1, 2))


def _settled(x: Fraction) -> Decimal:
    """A fraction rounded half up to SETTLE_PLACES decimal places, as ictcost shows it."""
    scaled = _half_up(x * 10**SETTLE_PLACES)
    return settle(Decimal(scaled).scaleb(-SETTLE_PLACES, context=Context(prec=200)))


def _f(d: Decimal) -> Fraction:
    return Fraction(d)


def _chain(r: Any, env: dict[str, int | list[int]]) -> dict[str, Fraction]:
    """The state UCP chain in rational arithmetic, from the result's own tables and constants."""
    k = r.constants
    weights = {row.code: _f(row.weight) for row in r.environmental}
    rating = {
        code: Fraction(sum(v), len(v)) if isinstance(v, list) else Fraction(v)
        for code, v in env.items()
    }
    efw = sum((weights[c] * rating[c] for c in ENVIRONMENTAL), Fraction(0))
    tfw = sum((_f(row.result) for row in r.technical), Fraction(0))
    uucp = _f(r.TAW) + _f(r.TBF)
    tcf = _f(k.tcf_base) + _f(k.tcf_per_tfw) * tfw
    ef = _f(k.ef_base) - _f(k.ef_per_efw) * efw
    aucp = uucp * tcf * ef
    e = _f(k.effort_numerator) * aucp / _f(k.effort_denominator)
    g = _f(k.g_factor) * e * _f(r.P) * _f(r.H)
    c = g * _f(k.overhead_percent) / 100
    tl = (g + c) * _f(k.pre_tax_income_percent) / 100
    return {
        "EFW": efw,
        "EF": ef,
        "AUCP": aucp,
        "E": e,
        "G": g,
        "C": c,
        "TL": tl,
        "G_PM": g + c + tl,
    }


def _input(actors, use_cases, technical, env, labour_rate, day) -> SoftwareInput:
    return SoftwareInput.model_validate(
        {
            "date": day,
            "actors": dict(zip(("simple", "average", "complex"), actors, strict=True)),
            "use_cases": [
                {"name": f"uc{i}", "bmt": bmt, "complexity": cx}
                for i, (bmt, cx) in enumerate(use_cases)
            ],
            "technical": dict(zip(TECHNICAL, technical, strict=True)),
            "environmental": env,
            "labour_rate": labour_rate,
        }
    )


def test_the_review_reproducer_rounds_the_exact_half_up():
    inp = _input(
        (0, 0, 1),
        [("B", "simple"), ("B", "simple")],
        [0, 1] + [0] * 11,
        {"E1": 1, "E2": 0, "E3": 4, "E4": 0, "E5": 0, "E6": 0, "E7": 0, "E8": 0},
        312500,
        dt.date(2025, 6, 1),
    )
    r = compute_software_cost(inp)
    assert r.TL == Decimal("22623100.5") and r.G_PM == Decimal("399674775.5")
    assert r.amounts["TL"] == 22_623_101 and r.amounts["G_PM"] == 399_674_776


def test_the_example_shows_its_exact_values():
    r = compute_software_cost(load_software_input("examples/software-portal.yaml"))
    assert r.EF == Decimal("0.805") and r.AUCP == Decimal("82.4943875")
    assert r.G_PM == Decimal("482035329.759375")
    assert all(len(str(v)) < 45 for v in (r.EFW, r.E, r.G, r.C))  # no 60-digit tails


_ratings = st.integers(min_value=0, max_value=5)


@settings(max_examples=150, deadline=None)
@given(
    actors=st.tuples(*[st.integers(min_value=0, max_value=6)] * 3).filter(any),
    use_cases=st.lists(
        st.tuples(
            st.sampled_from(["B", "M", "T"]), st.sampled_from(["simple", "average", "complex"])
        ),
        min_size=1,
        max_size=12,
    ),
    technical=st.lists(_ratings, min_size=13, max_size=13),
    env=st.fixed_dictionaries(
        {
            c: st.one_of(_ratings, st.lists(_ratings, min_size=2, max_size=4))
            if c in {"E1", "E2", "E3", "E4", "E5"}  # member factors may list one rating each
            else _ratings
            for c in ENVIRONMENTAL
        }
    ),
    labour_rate=st.integers(min_value=50_000, max_value=3_000_000),
    day=st.sampled_from([dt.date(2020, 6, 1), dt.date(2025, 6, 1)]),
)
def test_the_chain_is_the_exact_fraction_rounded_once(
    actors, use_cases, technical, env, labour_rate, day
):
    r = compute_software_cost(_input(actors, use_cases, technical, env, labour_rate, day))
    exact = _chain(r, env)
    for symbol, value in exact.items():
        assert getattr(r, symbol) == _settled(value), symbol
    for part in ("G", "C", "TL", "G_PM"):
        assert r.amounts[part] == _half_up(exact[part]), part
    assert Decimal(r.amounts["G_PM"]).quantize(Decimal(1), ROUND_HALF_UP) == r.amounts["G_PM"]
