"""Second opinion: Karner's generic UCP effort and COCOMO II.2000 (ictcost.software.second_opinion).

The worked examples are computed by hand in the comments from the constants of the data
(COCOMO II Model Definition Manual 2.1 values, read in secondary sources — see the YAML files under
``norms/intl``) and checked twice: against the same formula in binary floating point (``math``),
and against Python's own ``Decimal`` power in an 80-digit context.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from ictcost.errors import InputError, InputTypeError, NormNotFoundError
from ictcost.norms import NormRegistry, load_table, shipped_norms_dir, validate_norms
from ictcost.norms.models import CONFIDENCE_PATTERN, NormTable, Value
from ictcost.report.explain import render_note
from ictcost.software.second_opinion import (
    COCOMO_CONSTANTS,
    COCOMO_EFFORT_MULTIPLIERS,
    COCOMO_SCALE_FACTORS,
    COCOMO_SCED_PERCENT,
    KARNER_TABLE,
    RATING_LEVELS,
    CocomoResult,
    cocomo2,
    karner_effort,
    ucp_to_ksloc,
)

ON = dt.date(2026, 1, 15)
REG = NormRegistry.shipped()


def texts(result, lang="en"):
    return [render_note(n, lang) for n in result.notes]


INTL = shipped_norms_dir() / "intl"
OUR_FILES = sorted(INTL.rglob("*.yaml"))

SF = ("PREC", "FLEX", "RESL", "TEAM", "PMAT")
EM = (
    "RELY", "DATA", "CPLX", "RUSE", "DOCU", "TIME", "STOR", "PVOL", "ACAP",
    "PCAP", "PCON", "APEX", "PLEX", "LTEX", "TOOL", "SITE", "SCED",
)  # fmt: skip
NOMINAL_SF = dict.fromkeys(SF, "N")


def _cell(table_id: str, row: str, column: str) -> Decimal:
    return REG.get(table_id, ON).value(row, column).number


def _levels(table_id: str, driver: str) -> list[str]:
    inforce = REG.get(table_id, ON)
    return [lev for lev in RATING_LEVELS if inforce.has(driver, lev)]


def _close(actual: Decimal, expected: float, rel: float = 1e-12) -> bool:
    return math.isclose(float(actual), expected, rel_tol=rel)


def _decimal_pow(base: Decimal, exponent: Decimal) -> Decimal:
    """Independent check: Python's Decimal power in an 80-digit context."""
    with localcontext() as ctx:
        ctx.prec = 80
        return base**exponent


# --- the data --------------------------------------------------------------------------------------


def _cells(table: NormTable) -> list[tuple[str, Value]]:
    return [
        (f"{row.name}/{column}", value)
        for version in table.versions
        for row in version.rows
        for column, value in row.values.items()
    ]


def test_our_files_exist_and_validate() -> None:
    stems = {p.stem for p in OUR_FILES}
    assert stems == {
        "cocomo2-constants",
        "cocomo2-scale-factors",
        "cocomo2-effort-multipliers",
        "cocomo2-sced-percent",
        "karner-1993",
    }
    assert validate_norms(shipped_norms_dir()) == []


@pytest.mark.parametrize("path", OUR_FILES, ids=[p.stem for p in OUR_FILES])
def test_every_value_has_a_registered_source(path: Path) -> None:
    table = load_table(path)
    assert table.id == path.stem
    cells = _cells(table)
    assert cells
    for where, value in cells:
        assert value.source, where
        assert set(value.source) <= set(table.sources), where
        assert re.fullmatch(CONFIDENCE_PATTERN, value.confidence), where
        assert value.confidence != "primary", f"{where}: no value was read in the primary text"
        assert bool(value.alternatives) == (value.confidence == "disputed"), where
        for alternative in value.alternatives:
            assert set(alternative.source) <= set(table.sources), where
        match = re.fullmatch(r"secondary-(\d+)", value.confidence)
        if match:  # secondary-N cites at least N sources
            assert len(value.source) >= int(match.group(1)), where


def test_cocomo_constants_are_the_cocomo_ii_2000_values() -> None:
    assert _cell(COCOMO_CONSTANTS, "A", "value") == Decimal("2.94")
    assert _cell(COCOMO_CONSTANTS, "B", "value") == Decimal("0.91")
    assert _cell(COCOMO_CONSTANTS, "C", "value") == Decimal("3.67")
    assert _cell(COCOMO_CONSTANTS, "D", "value") == Decimal("0.28")
    assert _cell(COCOMO_CONSTANTS, "scale_factor_weight", "value") == Decimal("0.01")
    assert _cell(COCOMO_CONSTANTS, "schedule_exponent_weight", "value") == Decimal("0.2")
    assert (
        REG.get(COCOMO_CONSTANTS, ON).value("default_effort_multiplier_rating", "value").value
        == "N"
    )


def test_scale_factor_table() -> None:
    expected = {
        "PREC": ["6.20", "4.96", "3.72", "2.48", "1.24", "0.00"],
        "FLEX": ["5.07", "4.05", "3.04", "2.03", "1.01", "0.00"],
        "RESL": ["7.07", "5.65", "4.24", "2.83", "1.41", "0.00"],
        "TEAM": ["5.48", "4.38", "3.29", "2.19", "1.10", "0.00"],
        "PMAT": ["7.80", "6.24", "4.68", "3.12", "1.56", "0.00"],
    }
    for driver, values in expected.items():
        assert [str(_cell(COCOMO_SCALE_FACTORS, driver, lev)) for lev in RATING_LEVELS] == values
    team_vh = REG.get(COCOMO_SCALE_FACTORS, ON).value("TEAM", "VH")
    assert team_vh.confidence == "disputed"
    assert [a.value for a in team_vh.alternatives] == [Decimal("1.01")]


def test_effort_multiplier_table_levels_and_values() -> None:
    expected = {
        "RELY": ("0.82", "0.92", "1.00", "1.10", "1.26", None),
        "DATA": (None, "0.90", "1.00", "1.14", "1.28", None),
        "CPLX": ("0.73", "0.87", "1.00", "1.17", "1.34", "1.74"),
        "RUSE": (None, "0.95", "1.00", "1.07", "1.15", "1.24"),
        "DOCU": ("0.81", "0.91", "1.00", "1.11", "1.23", None),
        "TIME": (None, None, "1.00", "1.11", "1.29", "1.63"),
        "STOR": (None, None, "1.00", "1.05", "1.17", "1.46"),
        "PVOL": (None, "0.87", "1.00", "1.15", "1.30", None),
        "ACAP": ("1.42", "1.19", "1.00", "0.85", "0.71", None),
        "PCAP": ("1.34", "1.15", "1.00", "0.88", "0.76", None),
        "PCON": ("1.29", "1.12", "1.00", "0.90", "0.81", None),
        "APEX": ("1.22", "1.10", "1.00", "0.88", "0.81", None),
        "PLEX": ("1.19", "1.09", "1.00", "0.91", "0.85", None),
        "LTEX": ("1.20", "1.09", "1.00", "0.91", "0.84", None),
        "TOOL": ("1.17", "1.09", "1.00", "0.90", "0.78", None),
        "SITE": ("1.22", "1.09", "1.00", "0.93", "0.86", "0.80"),
        "SCED": ("1.43", "1.14", "1.00", "1.00", "1.00", None),
    }
    inforce = REG.get(COCOMO_EFFORT_MULTIPLIERS, ON)
    assert [r.key for r in inforce.rows()] == list(EM)
    for driver, values in expected.items():
        for level, value in zip(RATING_LEVELS, values, strict=True):
            if value is None:
                assert not inforce.has(driver, level), (driver, level)
            else:
                assert str(inforce.value(driver, level).number) == value, (driver, level)
        # nominal is 1.00 for every driver (the model's definition)
        assert inforce.value(driver, "N").number == 1


def test_sced_percent_table() -> None:
    got = {lev: _cell(COCOMO_SCED_PERCENT, lev, "percent") for lev in _levels(
        COCOMO_EFFORT_MULTIPLIERS, "SCED")}  # fmt: skip
    assert got == {"VL": 75, "L": 85, "N": 100, "H": 130, "VH": 160}


KARNER_T = ["2", "1", "1", "1", "1", "0.5", "0.5", "2", "1", "1", "1", "1", "1"]
KARNER_E = ["1.5", "0.5", "1", "0.5", "1", "2", "-1", "-1"]


def test_karner_constants_and_weights() -> None:
    inforce = REG.get(KARNER_TABLE, ON)
    assert inforce.value("productivity", "value").number == 20
    assert inforce.value("tcf_constant", "value").number == Decimal("0.6")
    assert inforce.value("tcf_factor_weight", "value").number == Decimal("0.01")
    assert inforce.value("ef_constant", "value").number == Decimal("1.4")
    assert inforce.value("ef_factor_weight", "value").number == Decimal("-0.03")
    assert [str(inforce.value(f"T{i}", "weight").number) for i in range(1, 14)] == KARNER_T
    assert [str(inforce.value(f"E{i}", "weight").number) for i in range(1, 9)] == KARNER_E


@pytest.mark.parametrize(
    ("table_id", "prefix", "count"),
    [("ucp-technical-factors", "T", 13), ("ucp-environmental-factors", "E", 8)],
)
def test_karner_weights_equal_the_state_method_ones(table_id: str, prefix: str, count: int) -> None:
    if table_id not in REG:
        pytest.skip(f"{table_id} is not in the shipped pack")
    day = dt.date(2025, 1, 1)
    state = REG.get(table_id, day)
    karner = REG.get(KARNER_TABLE, ON)
    for i in range(1, count + 1):
        key = f"{prefix}{i}"
        assert state.value(key, "weight").number == karner.value(key, "weight").number, key


# --- Karner: worked examples -----------------------------------------------------------------------


def test_karner_worked_example_with_karners_productivity() -> None:
    # UUCP 100, TCF 1.0, EF 1.0 → UCP = 100; hours = 100 × 20 = 2000 person-hours.
    r = karner_effort(Decimal(100), Decimal("1.0"), Decimal("1.0"), on=ON)
    assert r.ucp == 100
    assert r.hours == 2000
    assert r.productivity == 20
    assert r.productivity_from_data
    assert r.person_months is None
    assert r.hours_per_person_month is None
    assert [c.ref for c in r.citations] == ["karner-1993/productivity/value"]
    assert any("person-hours only" in n for n in texts(r))


def test_karner_worked_example_with_person_months() -> None:
    # UUCP 120, TCF 0.95, EF 0.80 → UCP = 120 × 0.95 × 0.80 = 91.2;
    # hours = 91.2 × 20 = 1824; at 152 h per person-month: 1824 / 152 = 12 person-months.
    r = karner_effort("120", "0.95", "0.80", hours_per_person_month=152, on="2026-01-15")
    assert r.ucp == Decimal("91.2")
    assert r.hours == 1824
    assert r.person_months == 12
    assert r.on == ON


def test_karner_caller_productivity_uses_no_data() -> None:
    # 50 × 1.1 × 0.9 × 28 = 1386 person-hours; no norm value is used, so any date works.
    r = karner_effort(50, Decimal("1.1"), Decimal("0.9"), productivity=28, on="1990-01-01")
    assert r.hours == Decimal("1386")
    assert not r.productivity_from_data
    assert r.citations == ()


def test_karner_zero_points_is_zero_effort() -> None:
    assert karner_effort(0, 1, 1, on=ON).hours == 0


# --- COCOMO II: worked examples --------------------------------------------------------------------


def test_cocomo_worked_example_10_ksloc_all_nominal() -> None:
    # ΣSF at Nominal = 3.72 + 3.04 + 4.24 + 3.29 + 4.68 = 18.97
    # E  = 0.91 + 0.01 × 18.97 = 1.0997
    # ΠEM = 1 (all 17 drivers at Nominal = 1.00)
    # PM = 2.94 × 10^1.0997 = 2.94 × 12.58059… = 36.98685 person-months
    # F  = 0.28 + 0.2 × (1.0997 − 0.91) = 0.31794
    # TDEV = 3.67 × 36.98685^0.31794 × 100/100 = 3.67 × 3.15170… = 11.5667 months
    r = cocomo2(Decimal(10), scale_factors=NOMINAL_SF, on=ON)
    assert r.scale_factor_sum == Decimal("18.97")
    assert r.exponent_e == Decimal("1.0997")
    assert r.effort_adjustment == 1
    assert r.effort_pm == r.effort_pm_nominal_schedule
    assert _close(r.effort_pm, 2.94 * 10**1.0997)
    assert round(r.effort_pm, 4) == Decimal("36.9868")
    assert r.exponent_f == Decimal("0.31794")
    assert r.sced_percent == 100
    assert _close(r.schedule_months, 3.67 * (2.94 * 10**1.0997) ** 0.31794)
    assert round(r.schedule_months, 4) == Decimal("11.5667")
    assert r.defaulted == EM
    assert r.effort_multiplier_ratings == dict.fromkeys(EM, "N")
    # the same numbers by Python's Decimal power (independent of exp/ln in the module)
    with localcontext() as ctx:
        ctx.prec = 80
        pm = Decimal("2.94") * _decimal_pow(Decimal(10), Decimal("1.0997"))
        tdev = Decimal("3.67") * _decimal_pow(pm, Decimal("0.31794"))
        assert abs(r.effort_pm - pm) < Decimal("1e-50")
        assert abs(r.schedule_months - tdev) < Decimal("1e-50")


def test_cocomo_worked_example_100_ksloc_all_very_low() -> None:
    # ΣSF at Very Low = 6.20 + 5.07 + 7.07 + 5.48 + 7.80 = 31.62; E = 0.91 + 0.3162 = 1.2262
    # PM = 2.94 × 100^1.2262 = 2.94 × 283.4001… = 833.196 person-months
    # (with ΣSF rounded to 31.6, E = 1.226 and PM ≈ 832, the figure quoted for this case)
    r = cocomo2(100, scale_factors=dict.fromkeys(SF, "VL"), on=ON)
    assert r.scale_factor_sum == Decimal("31.62")
    assert r.exponent_e == Decimal("1.2262")
    assert _close(r.effort_pm, 2.94 * 100**1.2262)
    assert round(r.effort_pm, 3) == Decimal("833.196")


def test_cocomo_worked_example_with_effort_multipliers_and_sced() -> None:
    # Size 50 KSLOC; SF: PREC H 2.48, FLEX N 3.04, RESL VH 1.41, TEAM H 2.19, PMAT N 4.68
    # ΣSF = 13.80; E = 0.91 + 0.138 = 1.048
    # EM: RELY H 1.10, CPLX VH 1.34, ACAP H 0.85, SCED L 1.14, the 13 others Nominal (1.00)
    # ΠEM without SCED = 1.10 × 1.34 × 0.85 = 1.25290; with SCED × 1.14 = 1.428306
    # PM_NS = 2.94 × 50^1.048 × 1.2529 = 2.94 × 60.3282… × 1.2529 = 222.22 person-months
    # PM    = PM_NS × 1.14 = 253.33 person-months
    # F = 0.28 + 0.2 × 0.138 = 0.3076; SCED L → SCED% = 85
    # TDEV = 3.67 × 222.22^0.3076 × 85/100 = 3.67 × 5.2707… × 0.85 = 16.442 months
    r = cocomo2(
        Decimal(50),
        scale_factors={"PREC": "H", "FLEX": "N", "RESL": "VH", "TEAM": "H", "PMAT": "N"},
        effort_multipliers={"RELY": "H", "CPLX": "VH", "ACAP": "H", "SCED": "L"},
        on=ON,
    )
    assert r.scale_factor_sum == Decimal("13.80")
    assert r.exponent_e == Decimal("1.048")
    assert r.effort_adjustment_nominal_schedule == Decimal("1.25290")
    assert r.effort_adjustment == Decimal("1.4283060")
    pm_ns = 2.94 * 50**1.048 * 1.2529
    assert _close(r.effort_pm_nominal_schedule, pm_ns)
    assert _close(r.effort_pm, pm_ns * 1.14)
    assert r.exponent_f == Decimal("0.3076")
    assert r.sced_percent == 85
    assert _close(r.schedule_months, 3.67 * pm_ns**0.3076 * 0.85)
    assert round(r.effort_pm_nominal_schedule, 2) == Decimal("222.22")
    assert round(r.effort_pm, 2) == Decimal("253.33")
    assert round(r.schedule_months, 3) == Decimal("16.442")
    assert r.defaulted == tuple(d for d in EM if d not in {"RELY", "CPLX", "ACAP", "SCED"})


def test_cocomo_size_one_ksloc_is_a_times_eaf() -> None:
    # 1^E = 1 exactly: PM = A × ΠEM = 2.94 × 1.26 (RELY VH)
    r = cocomo2(1, scale_factors=NOMINAL_SF, effort_multipliers={"RELY": "VH"}, on=ON)
    assert r.effort_pm == Decimal("2.94") * Decimal("1.26")


def test_cocomo_citations_cover_every_value_used() -> None:
    r = cocomo2(10, scale_factors=NOMINAL_SF, effort_multipliers={"TOOL": "VH"}, on=ON)
    refs = [c.ref for c in r.citations]
    for row in ("A", "B", "C", "D", "scale_factor_weight", "schedule_exponent_weight"):
        assert f"cocomo2-constants/{row}/value" in refs
    assert "cocomo2-constants/default_effort_multiplier_rating/value" in refs
    for driver in SF:
        assert f"cocomo2-scale-factors/{driver}/N" in refs
    assert "cocomo2-effort-multipliers/TOOL/VH" in refs
    for driver in EM:
        if driver != "TOOL":
            assert f"cocomo2-effort-multipliers/{driver}/N" in refs
    assert "cocomo2-sced-percent/N/percent" in refs
    assert all(c.citation() for c in r.citations)
    assert any("Second opinion" in n for n in texts(r))
    assert any("Not rated" in n and "RELY" in n and "TOOL" not in n for n in texts(r))


def test_cocomo_rating_names_ignore_case_and_spaces() -> None:
    a = cocomo2(20, scale_factors={k.lower(): " n " for k in SF}, on=ON)
    b = cocomo2(20, scale_factors=NOMINAL_SF, on=ON)
    assert a.effort_pm == b.effort_pm
    assert a.scale_factor_ratings == NOMINAL_SF


def test_cocomo_all_effort_multipliers_given_means_none_defaulted() -> None:
    r = cocomo2(20, scale_factors=NOMINAL_SF, effort_multipliers=dict.fromkeys(EM, "N"), on=ON)
    assert r.defaulted == ()
    assert not any("Not rated" in n for n in texts(r))
    assert "cocomo2-constants/default_effort_multiplier_rating/value" not in [
        c.ref for c in r.citations
    ]


def test_cocomo_disputed_team_very_high_default_and_alternative() -> None:
    ratings = dict(NOMINAL_SF, TEAM="VH")
    default = cocomo2(30, scale_factors=ratings, on=ON)
    # ΣSF = 18.97 − 3.29 + 1.10 = 16.78
    assert default.scale_factor_sum == Decimal("16.78")
    assert any("TEAM/VH = 1.10 is disputed" in n for n in texts(default))
    alt = cocomo2(
        30, scale_factors=ratings, on=ON, alternatives={"cocomo2-scale-factors/TEAM/VH": 0}
    )
    # with the alternative 1.01: ΣSF = 16.69
    assert alt.scale_factor_sum == Decimal("16.69")
    assert alt.effort_pm < default.effort_pm
    team = next(c for c in alt.citations if c.ref == "cocomo2-scale-factors/TEAM/VH")
    assert team.chosen_alternative == 0
    assert any("alternative 0 was used" in n for n in texts(alt))


def test_cocomo_before_the_model_has_no_data() -> None:
    with pytest.raises(NormNotFoundError) as err:
        cocomo2(10, scale_factors=NOMINAL_SF, on="1999-12-31")
    assert err.value.code == "norm-version-not-found"


def test_ucp_to_ksloc() -> None:
    # 91.2 UCP × 500 SLOC/UCP = 45 600 SLOC = 45.6 KSLOC
    assert ucp_to_ksloc(Decimal("91.2"), 500) == Decimal("45.6")
    assert ucp_to_ksloc("1", "1") == Decimal("0.001")


def test_ucp_to_ksloc_feeds_cocomo() -> None:
    size = ucp_to_ksloc(200, 60)
    assert cocomo2(size, scale_factors=NOMINAL_SF, on=ON).size_ksloc == Decimal("12")


# --- one view of the norms; typed results and notes ----------------------------------------------


def test_karner_and_cocomo_read_a_view() -> None:
    view = REG.at(ON)
    assert karner_effort(100, 1, 1, norms=view) == karner_effort(100, 1, 1, on=ON)
    assert cocomo2(10, scale_factors=NOMINAL_SF, norms=view) == cocomo2(
        10, scale_factors=NOMINAL_SF, on=ON
    )
    with pytest.raises(InputError, match="contradicts the date"):
        karner_effort(100, 1, 1, on="2026-01-16", norms=view)
    with pytest.raises(InputError) as err:
        cocomo2(10, scale_factors=NOMINAL_SF)
    assert err.value.code == "input-date"


def test_cocomo_alternatives_of_a_view_are_the_callers() -> None:
    team = "cocomo2-scale-factors/TEAM/VH"
    view = REG.at(ON, alternatives={team: 0})
    # not rated VH: the alternative is not used, and the view's owner checks that
    nominal = cocomo2(30, scale_factors=NOMINAL_SF, norms=view)
    assert nominal.scale_factor_sum == Decimal("18.97")
    with pytest.raises(InputError, match="does not use"):
        view.check_alternatives_used()
    alt = cocomo2(30, scale_factors=dict(NOMINAL_SF, TEAM="VH"), norms=view)
    assert alt.scale_factor_sum == Decimal("16.69")
    view.check_alternatives_used()
    # given to the call, they are the call's own and checked by it
    with pytest.raises(InputError) as err:
        cocomo2(30, scale_factors=NOMINAL_SF, on=ON, alternatives={team: 0})
    assert err.value.code == "alternative-invalid"
    assert "cocomo2-scale-factors/TEAM/VH" in (err.value.hint or "")


def test_results_are_frozen_models_with_json() -> None:
    k = karner_effort(120, Decimal("0.95"), Decimal("0.80"), on=ON)
    c = cocomo2(10, scale_factors=NOMINAL_SF, on=ON)
    for result in (k, c):
        with pytest.raises(ValidationError):
            result.on = dt.date(2020, 1, 1)  # type: ignore[misc]
        data = json.loads(result.model_dump_json())
        assert data["on"] == "2026-01-15"
        assert data["notes"][0]["code"].startswith("software.")
    assert json.loads(c.model_dump_json())["effort_pm"] == str(c.effort_pm)


def test_karner_notes_cite_the_productivity() -> None:
    r = karner_effort(100, 1, 1, on=ON)
    assert [n.code for n in r.notes] == [
        "software.karner_second_opinion",
        "software.karner_productivity_data",
        "software.karner_hours_only",
    ]
    cell = r.citations[0]
    assert (
        texts(r)[1] == f"Productivity PF = 20 person-hours per use case point ({cell.citation()})."
    )
    assert texts(r, "vi")[1].startswith("Năng suất PF = 20 giờ công")
    given_pf = karner_effort(100, 1, 1, productivity="28.0", on=ON)
    assert texts(given_pf)[1] == (
        "Productivity PF = 28.0 person-hours per use case point, given by the caller."
    )


# --- error paths -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, Decimal("-0.5"), "0", "-3"])
def test_cocomo_size_must_be_positive(bad: object) -> None:
    with pytest.raises(InputError, match="'size_ksloc' must be greater than zero") as err:
        cocomo2(bad, scale_factors=NOMINAL_SF, on=ON)  # type: ignore[arg-type]
    assert err.value.field == "size_ksloc"


@pytest.mark.parametrize("bad", [10.0, True, None, [10]])
def test_cocomo_size_type(bad: object) -> None:
    with pytest.raises(InputTypeError) as err:
        cocomo2(bad, scale_factors=NOMINAL_SF, on=ON)  # type: ignore[arg-type]
    assert err.value.field == "size_ksloc"
    assert err.value.code == "input-type"


@pytest.mark.parametrize("bad", ["ten", "NaN", "Infinity", "1,5", ""])
def test_cocomo_size_not_a_finite_number(bad: str) -> None:
    with pytest.raises(InputError) as err:
        cocomo2(bad, scale_factors=NOMINAL_SF, on=ON)
    assert err.value.field == "size_ksloc"
    assert not isinstance(err.value, InputTypeError)


def test_cocomo_missing_scale_factor_is_an_error() -> None:
    ratings = {k: "N" for k in SF if k not in {"TEAM", "PMAT"}}
    with pytest.raises(InputError, match="missing: TEAM, PMAT") as err:
        cocomo2(10, scale_factors=ratings, on=ON)
    assert err.value.field == "scale_factors"
    assert "no default" in (err.value.hint or "")


def test_cocomo_no_scale_factors_at_all() -> None:
    with pytest.raises(InputError, match="missing: PREC, FLEX, RESL, TEAM, PMAT"):
        cocomo2(10, scale_factors={}, on=ON)


def test_cocomo_unknown_scale_factor_lists_the_valid_ones() -> None:
    with pytest.raises(
        InputError, match=r"unknown driver 'PROC'.*PREC, FLEX, RESL, TEAM, PMAT"
    ) as e:
        cocomo2(10, scale_factors=dict(NOMINAL_SF, PROC="N"), on=ON)
    assert e.value.field == "scale_factors.PROC"


def test_cocomo_effort_multiplier_is_not_a_scale_factor() -> None:
    with pytest.raises(InputError, match="unknown driver 'RELY'"):
        cocomo2(10, scale_factors=dict(NOMINAL_SF, RELY="H"), on=ON)
    with pytest.raises(InputError, match=r"unknown driver 'TEAM'.*RELY, DATA"):
        cocomo2(10, scale_factors=NOMINAL_SF, effort_multipliers={"TEAM": "H"}, on=ON)


def test_cocomo_unknown_level_lists_the_valid_ones() -> None:
    with pytest.raises(InputError, match=r"rating 'XX'.*levels are: VL, L, N, H, VH, XH") as err:
        cocomo2(10, scale_factors=dict(NOMINAL_SF, PREC="XX"), on=ON)
    assert err.value.field == "scale_factors.PREC"


@pytest.mark.parametrize(
    ("driver", "level", "valid"),
    [
        ("TIME", "VL", "N, H, VH, XH"),
        ("STOR", "L", "N, H, VH, XH"),
        ("DATA", "XH", "L, N, H, VH"),
        ("RUSE", "VL", "L, N, H, VH, XH"),
        ("RELY", "XH", "VL, L, N, H, VH"),
        ("SCED", "XH", "VL, L, N, H, VH"),
    ],
)
def test_cocomo_level_the_driver_does_not_define(driver: str, level: str, valid: str) -> None:
    with pytest.raises(InputError) as err:
        cocomo2(10, scale_factors=NOMINAL_SF, effort_multipliers={driver: level}, on=ON)
    assert err.value.message.endswith(f"{driver} does not define; its levels are: {valid}")
    assert err.value.field == f"effort_multipliers.{driver}"


def test_cocomo_unknown_effort_multiplier() -> None:
    with pytest.raises(InputError, match=r"unknown driver 'AEXP'.*APEX") as err:
        cocomo2(10, scale_factors=NOMINAL_SF, effort_multipliers={"AEXP": "H"}, on=ON)
    assert err.value.field == "effort_multipliers.AEXP"


def test_cocomo_driver_given_twice() -> None:
    with pytest.raises(InputError, match="rates PREC twice"):
        cocomo2(10, scale_factors=dict(NOMINAL_SF, prec="H"), on=ON)


@pytest.mark.parametrize(
    "bad",
    [["PREC", "N"], "PREC=N", None],
)
def test_cocomo_ratings_must_be_a_mapping(bad: object) -> None:
    with pytest.raises(InputTypeError, match="'scale_factors' must be a mapping"):
        cocomo2(10, scale_factors=bad, on=ON)  # type: ignore[arg-type]


def test_cocomo_ratings_must_be_strings() -> None:
    with pytest.raises(InputTypeError, match="both strings"):
        cocomo2(10, scale_factors=dict(NOMINAL_SF, PREC=3), on=ON)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="both strings"):
        cocomo2(10, scale_factors=NOMINAL_SF, effort_multipliers={1: "N"}, on=ON)  # type: ignore[dict-item]


def test_cocomo_alternative_for_a_value_not_used() -> None:
    with pytest.raises(InputError, match="does not use: cocomo2-scale-factors/TEAM/VH") as err:
        cocomo2(
            10, scale_factors=NOMINAL_SF, on=ON, alternatives={"cocomo2-scale-factors/TEAM/VH": 0}
        )
    assert err.value.code == "alternative-invalid"


def test_cocomo_alternative_that_does_not_exist() -> None:
    with pytest.raises(InputError, match="alternative 1 does not exist") as err:
        cocomo2(
            10,
            scale_factors=dict(NOMINAL_SF, TEAM="VH"),
            on=ON,
            alternatives={"cocomo2-scale-factors/TEAM/VH": 1},
        )
    assert err.value.code == "alternative-invalid"


@pytest.mark.parametrize("bad", ["15/01/2026", "2026-13-01", 20260115])
def test_bad_dates(bad: object) -> None:
    with pytest.raises(InputError) as err:
        cocomo2(10, scale_factors=NOMINAL_SF, on=bad)  # type: ignore[arg-type]
    assert err.value.code == "input-date"
    with pytest.raises(InputError) as err:
        karner_effort(1, 1, 1, on=bad)  # type: ignore[arg-type]
    assert err.value.code == "input-date"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"uucp": -1}, "uucp", "zero or more"),
        ({"tcf": 0}, "tcf", "greater than zero"),
        ({"tcf": "-0.6"}, "tcf", "greater than zero"),
        ({"ef": -1}, "ef", "greater than zero"),
        ({"ef": "abc"}, "ef", "not a number"),
        ({"productivity": 0}, "productivity", "greater than zero"),
        ({"hours_per_person_month": 0}, "hours_per_person_month", "greater than zero"),
        ({"hours_per_person_month": "NaN"}, "hours_per_person_month", "finite"),
    ],
)
def test_karner_value_errors(kwargs: dict[str, object], field: str, message: str) -> None:
    args: dict[str, object] = {"uucp": 100, "tcf": 1, "ef": 1, "on": ON, **kwargs}
    with pytest.raises(InputError, match=message) as err:
        karner_effort(**args)  # type: ignore[arg-type]
    assert err.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"uucp": 100.0}, "uucp"),
        ({"tcf": True}, "tcf"),
        ({"ef": None}, "ef"),
        ({"productivity": 20.0}, "productivity"),
        ({"hours_per_person_month": 152.0}, "hours_per_person_month"),
    ],
)
def test_karner_type_errors(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"uucp": 100, "tcf": 1, "ef": 1, "on": ON, **kwargs}
    with pytest.raises(InputTypeError) as err:
        karner_effort(**args)  # type: ignore[arg-type]
    assert err.value.field == field


def test_karner_before_the_paper_has_no_data() -> None:
    with pytest.raises(NormNotFoundError):
        karner_effort(10, 1, 1, on="1993-09-16")


@pytest.mark.parametrize(
    ("args", "field"),
    [((0, 100), "ucp"), ((10, 0), "sloc_per_ucp"), ((-1, 100), "ucp"), ((10, "x"), "sloc_per_ucp")],
)
def test_ucp_to_ksloc_errors(args: tuple[object, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        ucp_to_ksloc(*args)  # type: ignore[arg-type]
    assert err.value.field == field


def test_ucp_to_ksloc_refuses_floats() -> None:
    with pytest.raises(InputTypeError):
        ucp_to_ksloc(10.5, 100)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------------

SIZES = st.decimals(
    min_value=Decimal("0.001"),
    max_value=Decimal(5000),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)
SF_RATINGS = st.fixed_dictionaries(
    {d: st.sampled_from(_levels(COCOMO_SCALE_FACTORS, d)) for d in SF}
)
EM_RATINGS = st.fixed_dictionaries(
    {}, optional={d: st.sampled_from(_levels(COCOMO_EFFORT_MULTIPLIERS, d)) for d in EM}
)


@given(SIZES, SIZES, SF_RATINGS, EM_RATINGS)
def test_effort_and_schedule_increase_with_size(
    s1: Decimal, s2: Decimal, sf: dict[str, str], em: dict[str, str]
) -> None:
    assume(s1 != s2)
    small, large = sorted((s1, s2))
    a = cocomo2(small, scale_factors=sf, effort_multipliers=em, on=ON)
    b = cocomo2(large, scale_factors=sf, effort_multipliers=em, on=ON)
    assert a.effort_pm < b.effort_pm
    assert a.effort_pm_nominal_schedule < b.effort_pm_nominal_schedule
    assert a.schedule_months < b.schedule_months


@given(SIZES, SF_RATINGS, EM_RATINGS, st.sampled_from(EM), st.data())
def test_a_costlier_effort_multiplier_level_increases_effort(
    size: Decimal, sf: dict[str, str], em: dict[str, str], driver: str, data: st.DataObject
) -> None:
    levels = _levels(COCOMO_EFFORT_MULTIPLIERS, driver)
    low, high = sorted(
        data.draw(st.lists(st.sampled_from(levels), min_size=2, max_size=2, unique=True)),
        key=lambda lev: _cell(COCOMO_EFFORT_MULTIPLIERS, driver, lev),
    )
    v_low = _cell(COCOMO_EFFORT_MULTIPLIERS, driver, low)
    v_high = _cell(COCOMO_EFFORT_MULTIPLIERS, driver, high)
    a = cocomo2(size, scale_factors=sf, effort_multipliers=dict(em, **{driver: low}), on=ON)
    b = cocomo2(size, scale_factors=sf, effort_multipliers=dict(em, **{driver: high}), on=ON)
    if v_low == v_high:  # SCED N / H / VH are all 1.00
        assert a.effort_pm == b.effort_pm
    else:
        assert a.effort_pm < b.effort_pm
        # the multiplier scales the effort exactly by its ratio
        assert abs(b.effort_pm / a.effort_pm - v_high / v_low) < Decimal("1e-40")
    if driver == "SCED":  # SCED is left out of PM_NS
        assert a.effort_pm_nominal_schedule == b.effort_pm_nominal_schedule


@given(SIZES, SF_RATINGS)
def test_all_nominal_effort_multipliers_give_product_one(size: Decimal, sf: dict[str, str]) -> None:
    given_n = cocomo2(size, scale_factors=sf, effort_multipliers=dict.fromkeys(EM, "N"), on=ON)
    defaulted = cocomo2(size, scale_factors=sf, on=ON)
    assert given_n.effort_adjustment == 1
    assert given_n.effort_adjustment_nominal_schedule == 1
    assert defaulted.effort_adjustment == 1
    assert given_n.effort_pm == defaulted.effort_pm == defaulted.effort_pm_nominal_schedule
    assert given_n.schedule_months == defaulted.schedule_months


@given(SIZES, SF_RATINGS, st.sampled_from(SF), st.data())
def test_a_higher_scale_factor_raises_the_exponent(
    size: Decimal, sf: dict[str, str], driver: str, data: st.DataObject
) -> None:
    levels = _levels(COCOMO_SCALE_FACTORS, driver)
    low, high = data.draw(st.lists(st.sampled_from(levels), min_size=2, max_size=2, unique=True))
    if _cell(COCOMO_SCALE_FACTORS, driver, low) > _cell(COCOMO_SCALE_FACTORS, driver, high):
        low, high = high, low
    a = cocomo2(size, scale_factors=dict(sf, **{driver: low}), on=ON)
    b = cocomo2(size, scale_factors=dict(sf, **{driver: high}), on=ON)
    assert a.exponent_e < b.exponent_e
    assert a.exponent_f < b.exponent_f
    if size > 1:  # diseconomy of scale: a larger exponent costs more above 1 KSLOC
        assert a.effort_pm < b.effort_pm
    elif size < 1:
        assert a.effort_pm > b.effort_pm


@given(SIZES, SF_RATINGS, EM_RATINGS)
def test_cocomo_matches_the_formula(size: Decimal, sf: dict[str, str], em: dict[str, str]) -> None:
    r: CocomoResult = cocomo2(size, scale_factors=sf, effort_multipliers=em, on=ON)
    a, b, c, d = (_cell(COCOMO_CONSTANTS, k, "value") for k in "ABCD")
    e = b + Decimal("0.01") * sum(_cell(COCOMO_SCALE_FACTORS, k, v) for k, v in sf.items())
    assert r.exponent_e == e
    eaf = math.prod(float(_cell(COCOMO_EFFORT_MULTIPLIERS, k, v)) for k, v in em.items())
    assert _close(r.effort_pm, float(a) * float(size) ** float(e) * eaf, rel=1e-9)
    ns = r.effort_pm_nominal_schedule
    f = d + Decimal("0.2") * (e - b)
    tdev = float(c) * float(ns) ** float(f) * float(r.sced_percent) / 100
    assert _close(r.schedule_months, tdev, rel=1e-9)


@given(
    st.decimals(min_value=0, max_value=10_000, places=2),
    st.decimals(min_value=Decimal("0.6"), max_value=Decimal("1.3"), places=2),
    st.decimals(min_value=Decimal("0.425"), max_value=Decimal("1.7"), places=3),
    st.decimals(min_value=1, max_value=400, places=1),
)
def test_karner_is_the_product(uucp: Decimal, tcf: Decimal, ef: Decimal, hpm: Decimal) -> None:
    r = karner_effort(uucp, tcf, ef, hours_per_person_month=hpm, on=ON)
    assert r.hours == uucp * tcf * ef * 20
    assert r.person_months is not None
    assert abs(r.person_months * hpm - r.hours) < Decimal("1e-50")
