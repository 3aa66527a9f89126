"""Regime selection by date, transitional overrides, and the regime-bound rule tables."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictcost import InputError, NormRegistry, RegimeError, regime_on, regimes


@pytest.mark.parametrize(
    ("day", "regime", "pct_listed", "ceiling"),
    [
        (dt.date(2020, 1, 1), "nd73_2019", True, 15_000_000_000),
        (dt.date(2026, 2, 28), "nd73_2019", True, 15_000_000_000),
        (dt.date(2026, 3, 1), "nd45_2026", False, 20_000_000_000),
        (dt.date(2026, 6, 30), "nd45_2026", False, 20_000_000_000),
        (dt.date(2026, 7, 1), "nd224_2026", False, 20_000_000_000),
        (dt.date(2030, 1, 1), "nd224_2026", False, 20_000_000_000),
    ],
)
def test_regime_on_boundaries(day, regime, pct_listed, ceiling):
    r = regime_on(day)
    assert r.id == regime
    assert r.in_force_id == regime and not r.overridden
    assert r.pct_norms_listed is pct_listed
    assert r.one_step_design_max == Decimal(ceiling)
    assert all(c.sources for c in r.citations)


def test_before_every_regime():
    with pytest.raises(RegimeError) as exc:
        regime_on(dt.date(2019, 12, 31))
    assert exc.value.code == "regime-not-found"
    assert isinstance(exc.value, LookupError)


def test_override_to_an_earlier_regime():
    r = regime_on("2026-07-01", override="nd45_2026")
    assert (r.id, r.in_force_id, r.overridden) == ("nd45_2026", "nd224_2026", True)
    assert "transitional override" in r.describe()


@pytest.mark.parametrize("override", ["nd224_2026", "nd45_2026", "xyz"])
def test_override_refused(override):
    with pytest.raises(InputError) as exc:
        regime_on("2026-01-15", override=override)
    assert exc.value.code == "regime-override-invalid"


def test_timeline_is_contiguous():
    timeline = regimes()
    assert [r for r, _, _ in timeline] == ["nd73_2019", "nd45_2026", "nd224_2026"]
    for (_, _, end), (_, start, _) in itertools.pairwise(timeline):
        assert end is not None and start == end + dt.timedelta(days=1)


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_exactly_one_regime_per_date(day):
    matching = [
        rid for rid, start, end in regimes() if start <= day and (end is None or day <= end)
    ]
    assert matching == [regime_on(day).id]


@pytest.mark.parametrize(
    ("day", "component", "must_have", "must_not_have"),
    [
        (dt.date(2025, 6, 1), "quan_ly_du_an", "norm", "sector_norm"),
        (dt.date(2026, 4, 1), "quan_ly_du_an", "expert", "norm"),
        (dt.date(2026, 8, 1), "tu_van", "sector_norm", "norm"),
        (dt.date(2025, 6, 1), "phan_mem_noi_bo", "calculation", "listed_price"),
        (dt.date(2026, 8, 1), "phan_mem_noi_bo", "listed_price", "calculation"),
    ],
)
def test_cost_methods_by_regime(day, component, must_have, must_not_have):
    methods = NormRegistry.shipped().get("cost-methods", day).value(component, "methods").value
    assert must_have in methods
    assert must_not_have not in methods
