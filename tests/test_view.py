"""The view of the norms in force on a date (ictcost.norms.view): lookups, caches, ledgers, scales."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ictcost import (
    InputError,
    NormNotFoundError,
    NormRegistry,
    OutOfRangeError,
    RegimeError,
    compute_fee,
    interpolate,
    regime_on,
    shipped_norms_dir,
)
from ictcost.norms.scale import RateScale
from ictcost.norms.view import NormView, resolve_norms

REG = NormRegistry.shipped()
ON = dt.date(2026, 1, 15)


# --- what a view is -----------------------------------------------------------------------------


def test_at_builds_a_view_of_the_date():
    view = REG.at("2026-01-15")
    assert isinstance(view, NormView)
    assert view.registry is REG
    assert view.on == ON
    assert view.regime_override is None
    assert view.regime == regime_on(ON)
    assert view.rule_date == ON
    assert view.alternatives == {}
    assert repr(view) == "NormView(on=2026-01-15)"


def test_the_regime_is_resolved_once_and_shared():
    a, b = REG.at(ON), REG.at(ON)
    assert a.regime is b.regime
    assert a.with_alternatives(None).regime is a.regime


def test_a_transitional_override_reads_rules_inside_the_regime_kept():
    # the estimate's rule: regime-bound rules (cost-methods, ...) are read on the last day of
    # the regime kept by the override, not on the project date
    view = REG.at("2026-08-01", regime_override="nd73_2019")
    assert view.regime.id == "nd73_2019" and view.regime.overridden
    assert view.regime.valid_to is not None
    assert view.rule_date == view.regime.valid_to < view.on
    assert REG.at("2026-08-01").rule_date == dt.date(2026, 8, 1)
    assert "regime_override='nd73_2019'" in repr(view)


def test_the_regime_is_read_only_when_asked():
    # a view before every regime still serves the tables (COCOMO has data from 2000)
    view = REG.at("2019-11-01")
    assert view.number("qd1688-1b", "7", "project") == Decimal("2.809")
    with pytest.raises(RegimeError):
        _ = view.regime
    with pytest.raises(InputError) as exc:
        _ = REG.at(ON, regime_override="nd99").regime
    assert exc.value.code == "regime-override-invalid"


def test_a_bad_date_is_refused():
    with pytest.raises(InputError) as exc:
        REG.at("15/01/2026")
    assert exc.value.code == "input-date"


# --- lookups ------------------------------------------------------------------------------------


def test_value_number_label_has_row():
    view = REG.at(ON)
    cell = view.value("qd1688-1b", "7", "ktkt")
    assert cell == REG.get("qd1688-1b", ON).value("7", "ktkt")
    assert view.value("qd1688-1b", "7.0", "ktkt") == cell  # a breakpoint written another way
    assert view.number("ucp-constants", "g_factor", "value") == Decimal("1.4")
    assert (
        view.label("ucp-actor-weights", "simple")
        == REG.get("ucp-actor-weights", ON).version.row("simple").label.vi
    )
    assert view.label("ucp-actor-weights", "nothing") == "nothing"
    assert view.has("qd1688-1b", "7", "ktkt")
    assert not view.has("qd1688-1b", "7", "nothing")
    assert not view.has("qd1688-1b", "8", "ktkt")
    assert view.row("qd1688-items", "quan_ly_du_an.software.ktkt") is not None
    assert view.row("qd1688-items", "nothing") is None
    with pytest.raises(NormNotFoundError) as exc:
        view.value("qd1688-1b", "8", "ktkt")
    assert exc.value.code == "norm-value-not-found"
    with pytest.raises(NormNotFoundError):
        view.table("qd1688-9z")


def test_tables_and_cells_are_read_once_per_date():
    a, b = REG.at(ON), REG.at(ON)
    assert a.table("qd1688-1b") is b.table("qd1688-1b")
    assert a.value("qd1688-1b", "7", "ktkt") is b.value("qd1688-1b", "7", "ktkt")
    assert a.table("qd1688-1b") is not REG.at("2026-01-16").table("qd1688-1b")
    # another registry has its own caches
    other = NormRegistry({}).with_pack(shipped_norms_dir())
    assert other.at(ON).table("qd1688-1b") is not a.table("qd1688-1b")


def test_the_citation_ledger_is_per_view():
    view = REG.at(ON)
    view.value("qd1688-1b", "7", "ktkt")
    view.number("ucp-constants", "g_factor", "value")
    assert [c.ref for c in view.cited] == ["qd1688-1b/7/ktkt", "ucp-constants/g_factor/value"]
    child = view.child()
    child.value("qd1688-1b", "15", "ktkt")
    assert [c.ref for c in child.cited] == ["qd1688-1b/15/ktkt"]
    assert len(view.cited) == 2
    assert view.with_alternatives(None).cited == ()


# --- alternatives and their ledger --------------------------------------------------------------

ISLAND = "qd1688-k-coefficients/lap_bao_cao_ktkt/island"


def test_an_alternative_is_applied_and_recorded():
    view = REG.at(ON, alternatives={ISLAND: 0})
    assert view.alternatives == {ISLAND: 0}
    with pytest.raises(InputError) as exc:
        view.check_alternatives_used()
    assert exc.value.code == "alternative-invalid"
    assert ISLAND in str(exc.value)
    cell = view.value("qd1688-k-coefficients", "lap_bao_cao_ktkt", "island")
    assert cell.chosen_alternative == 0 and cell.number == Decimal("1.20")
    assert view.used_alternatives == {ISLAND}
    view.check_alternatives_used()
    # the default is still what a view without alternatives reads, from the same cache
    plain = view.with_alternatives(None)
    assert plain.number("qd1688-k-coefficients", "lap_bao_cao_ktkt", "island") == Decimal("1.35")
    assert plain.used_alternatives == frozenset()


def test_a_child_records_in_the_parents_ledger():
    view = REG.at(ON, alternatives={ISLAND: 0})
    child = view.child()
    assert child.alternatives == view.alternatives
    child.value("qd1688-k-coefficients", "lap_bao_cao_ktkt", "island")
    view.check_alternatives_used()


def test_bad_alternatives_are_refused():
    with pytest.raises(InputError) as exc:
        REG.at(ON, alternatives={ISLAND: "0"})  # type: ignore[dict-item]
    assert exc.value.code == "alternative-invalid"
    with pytest.raises(InputError) as exc:
        REG.at(ON, alternatives={ISLAND: True})
    assert exc.value.code == "alternative-invalid"
    view = REG.at(ON, alternatives={ISLAND: 5})
    with pytest.raises(InputError) as exc:
        view.value("qd1688-k-coefficients", "lap_bao_cao_ktkt", "island")
    assert exc.value.code == "alternative-invalid"


def test_check_names_an_example_key():
    view = REG.at(ON, alternatives={"x/y/z": 0})
    with pytest.raises(InputError) as exc:
        view.check_alternatives_used(example="cocomo2-scale-factors/TEAM/VH")
    assert "e.g. 'cocomo2-scale-factors/TEAM/VH'" in (exc.value.hint or "")


# --- scales -------------------------------------------------------------------------------------


def test_a_rate_column_is_a_calculator():
    scale = REG.at(ON).scale("qd1688-1b", "ktkt")
    assert isinstance(scale, RateScale)
    assert (scale.table_id, scale.column, scale.below, scale.above) == (
        "qd1688-1b",
        "ktkt",
        "flat",
        "flat",
    )
    assert scale.scale == Decimal(1_000_000_000)
    assert scale.points[:2] == ((Decimal(7), Decimal("1.855")), (Decimal(15), Decimal("1.532")))
    i = scale.rate(Decimal("8.5"))
    assert i == interpolate(scale.points, Decimal("8.5"))
    assert i.rate == Decimal("1.7944375")
    assert [c.ref for c in scale.cited(i)] == ["qd1688-1b/7/ktkt", "qd1688-1b/15/ktkt"]
    assert "qd1688-1b" in repr(scale)


def test_a_scale_applies_the_range_policy():
    scale = REG.at(ON).scale("qd1688-1b", "ktkt")
    below = scale.rate(Decimal("0.43"))
    assert below.position == "below_range" and below.rate == Decimal("1.855")
    assert [c.ref for c in scale.cited(below)] == [
        "qd1688-1b/7/ktkt",
        "qd1688-1b/range_policy.below/value",
    ]
    above = scale.rate(Decimal(16))
    assert [c.row for c in scale.cited(above)] == ["15", "range_policy.above"]
    with pytest.raises(OutOfRangeError):
        scale.rate(Decimal("0.43"), below="error")
    at = scale.rate(Decimal(15))
    assert [c.ref for c in scale.cited(at)] == ["qd1688-1b/15/ktkt"]


def test_scale_errors():
    view = REG.at(ON)
    with pytest.raises(NormNotFoundError, match="no column"):
        view.scale("qd1688-1a", "ktkt")
    with pytest.raises(NormNotFoundError, match="not a rate table"):
        view.scale("ucp-constants", "value")


def _pack_with_a_disputed_rate(tmp_path: Path) -> NormRegistry:
    src = shipped_norms_dir() / "vn" / "qd1688" / "qd1688-1b.yaml"
    text = src.read_text(encoding="utf-8").replace(
        "project: {value: 2.809, source: [S4], confidence: single}",
        "project: {value: 2.809, source: [S4], confidence: disputed, "
        "alternatives: [{value: 2.900, source: [S4]}]}",
        1,
    )
    (tmp_path / "qd1688-1b.yaml").write_text(text, encoding="utf-8")
    return REG.with_pack(tmp_path)


def test_a_scale_uses_the_alternatives_of_its_cells(tmp_path: Path):
    reg = _pack_with_a_disputed_rate(tmp_path)
    ref = "qd1688-1b/7/project"
    view = reg.at(ON, alternatives={ref: 0})
    scale = view.scale("qd1688-1b", "project")
    assert scale.points[0] == (Decimal(7), Decimal("2.900"))
    assert view.used_alternatives == {ref}
    assert reg.at(ON).scale("qd1688-1b", "project").points[0] == (Decimal(7), Decimal("2.809"))
    # the fee reads the same alternative
    fee = compute_fee(
        "quan_ly_du_an",
        category="software",
        form="project",
        base=7_000_000_000,
        on=ON,
        registry=reg,
        alternatives={ref: 0},
    )
    assert fee.rate_percent == Decimal("2.900")
    assert fee.lookups[0].citations[0].chosen_alternative == 0
    assert "disputed_value" in fee.flags


RATE_COLUMNS = [
    (tid, col.key)
    for tid in REG
    if REG[tid].kind == "rate_table"
    for col in REG.get(tid, ON).version.columns
]


@given(
    st.sampled_from(RATE_COLUMNS), st.decimals(min_value=Decimal("0.01"), max_value=2000, places=3)
)
def test_the_scale_interpolates_the_column_of_the_table(column, gt):
    tid, key = column
    view = REG.at(ON)
    rows = [r for r in REG.get(tid, ON).rows() if key in r.values]
    points = [(r.at, r.values[key].value) for r in rows]
    scale = view.scale(tid, key)
    i = scale.rate(gt)
    assert i == interpolate(points, gt)
    cited = [c for c in scale.cited(i) if not c.row.startswith("range_policy")]
    assert {c.number for c in cited} == {n for n in (i.nb, i.na) if n is not None}


# --- resolving the arguments of a public formula ------------------------------------------------


def test_resolve_builds_or_repeats_a_view():
    built = resolve_norms(None, on="2026-01-15", alternatives={ISLAND: 0})
    assert built.owns_alternatives
    assert built.view.registry is REG and built.view.alternatives == {ISLAND: 0}
    given_view = REG.at(ON)
    repeated = resolve_norms(given_view, registry=REG, on=ON)
    assert not repeated.owns_alternatives
    assert repeated.view.on == ON and repeated.view is not given_view
    own = resolve_norms(given_view, alternatives={ISLAND: 0})
    assert own.owns_alternatives and own.view.alternatives == {ISLAND: 0}
    with_alt = REG.at(ON, alternatives={ISLAND: 0})
    same = resolve_norms(with_alt, alternatives={ISLAND: 0})
    assert not same.owns_alternatives


def test_an_empty_registry_is_not_replaced_by_the_shipped_one():
    empty = NormRegistry({})
    with pytest.raises(NormNotFoundError):
        resolve_norms(None, registry=empty, on=ON).view.table("qd1688-1b")


def test_resolve_needs_a_date():
    with pytest.raises(InputError) as exc:
        resolve_norms(None, date_field="date")
    assert exc.value.code == "input-date"
    assert "'date' is required" in str(exc.value)
