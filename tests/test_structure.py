"""The legal structure read from the norm data reproduces the constants it replaces, exactly.

The literals below are copies of the constants of ``estimate/engine.py`` (``GROUPS``,
``_groups_for``, ``_EQUIVALENT``, ``_REFERENCE_OK``, ``TT18_SIGNED``, the ``regime.id !=
"nd73_2019"`` tests) and ``software/ucp.py`` (``STATUS_UNKNOWN_FROM``) as they were when the tables
were written (2026-12-01). They are kept here on purpose: the data must give the same values.

One deliberate change: under NĐ 73/2019 a rental plan no longer gets the project groups (the old
known defect) but the TT 12/2020 structure Gt = Gtdv + Gv + Gbt + Gk, tested in
``tests/test_rental_structure.py``; the recurrent-budget task (TT 03/2020) is new and tested below.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from ictcost.errors import (
    InputError,
    NormConsistencyError,
    NormNotFoundError,
    RegimeError,
)
from ictcost.norms import NormRegistry, shipped_norms_dir
from ictcost.norms.registry import CitedValue
from ictcost.structure import (
    GROUPS_TABLE,
    LEGAL_DATES_TABLE,
    METHOD_RULES_TABLE,
    REGIME_FACTS_TABLE,
    DatedFact,
    MethodRules,
    StatutoryGroup,
    annuity_rental_allowed,
    group_by_component,
    legal_date,
    method_rules,
    one_step_above_ceiling_allowed,
    regime_fact,
    statutory_groups,
    tt18_2024_signed,
    tt39_2026_in_force,
)

REG = NormRegistry.shipped()

# --- copies of today's constants (do not "fix" them: they are the reference) --------------------

OLD_GROUPS: dict[str, tuple[tuple[str, str, str, str, tuple[str, ...]], ...]] = {
    "nd73": (
        ("xay_lap", "Chi phí xây lắp", "Installation works", "G_XL", ("xay_lap",)),
        (
            "thiet_bi",
            "Chi phí thiết bị",
            "Equipment",
            "G_TB",
            (
                "thiet_bi",
                "phan_mem_noi_bo",
                "lap_dat_cai_dat",
                "tao_lap_du_lieu",
                "dao_tao",
                "trien_khai_ho_tro",
            ),
        ),
        (
            "quan_ly_du_an",
            "Chi phí quản lý dự án",
            "Project management",
            "G_QLDA",
            ("quan_ly_du_an",),
        ),
        ("tu_van", "Chi phí tư vấn đầu tư", "Investment consultancy", "G_TV", ("tu_van",)),
        ("chi_phi_khac", "Chi phí khác", "Other costs", "G_K", ("chi_phi_khac", "thue_dich_vu")),
    ),
    "new": (
        (
            "trang_thiet_bi",
            "Chi phí trang thiết bị",
            "Equipment (incl. network)",
            "G_TTB",
            (
                "xay_lap",
                "thiet_bi",
                "phan_mem_noi_bo",
                "lap_dat_cai_dat",
                "tao_lap_du_lieu",
                "dao_tao",
                "trien_khai_ho_tro",
            ),
        ),
        (
            "quan_ly_du_an",
            "Chi phí quản lý dự án",
            "Project management",
            "G_QLDA",
            ("quan_ly_du_an",),
        ),
        ("tu_van", "Chi phí tư vấn đầu tư", "Investment consultancy", "G_TV", ("tu_van",)),
        ("chi_phi_khac", "Chi phí khác", "Other costs", "G_K", ("chi_phi_khac", "thue_dich_vu")),
    ),
    "rental": (
        ("thue_dich_vu", "Chi phí thuê dịch vụ", "Service rental", "G_TDV", ("thue_dich_vu",)),
        (
            "quan_ly_du_an",
            "Chi phí quản lý dự án",
            "Project management",
            "G_QLDA",
            ("quan_ly_du_an",),
        ),
        ("tu_van", "Chi phí tư vấn", "Consultancy", "G_TV", ("tu_van",)),
        ("chi_phi_khac", "Chi phí khác", "Other costs", "G_K", ("chi_phi_khac",)),
    ),
}
OLD_EQUIVALENT: dict[str, frozenset[str]] = {
    "norm": frozenset({"norm"}),
    "calculation": frozenset({"calculation"}),
    "quotation": frozenset({"quotation", "market_price"}),
    "market_price": frozenset({"market_price", "quotation"}),
    "tender": frozenset({"tender", "market_price"}),
    "listed_price": frozenset({"listed_price", "market_price"}),
    "expert": frozenset({"expert", "detailed_estimate"}),
    "appraisal": frozenset({"appraisal"}),
    "sector_norm": frozenset({"sector_norm"}),
    "contract_value": frozenset({"contract_value"}),
}
OLD_REFERENCE_OK = {
    ("norm", "quan_ly_du_an"),
    ("norm", "tu_van"),
    ("norm", "chi_phi_khac"),
    ("calculation", "phan_mem_noi_bo"),
}
OLD_TT18_SIGNED = dt.date(2024, 12, 30)
OLD_STATUS_UNKNOWN_FROM = dt.date(2026, 7, 1)
FORMS = ("investment_project", "ktkt", "rental_plan", "purchase")


def _old_groups_for(
    regime_id: str, form: str
) -> tuple[tuple[str, str, str, str, tuple[str, ...]], ...]:
    """``estimate/engine.py:_groups_for`` as it was (rental plan under NĐ 73 included)."""
    if form == "rental_plan" and regime_id != "nd73_2019":
        return OLD_GROUPS["rental"]
    return OLD_GROUPS["nd73"] if regime_id == "nd73_2019" else OLD_GROUPS["new"]


# a few dates per regime: its first and last day and one inside
REGIME_DATES = [
    ("nd73_2019", dt.date(2020, 1, 1)),
    ("nd73_2019", dt.date(2024, 12, 31)),
    ("nd73_2019", dt.date(2026, 2, 28)),
    ("nd45_2026", dt.date(2026, 3, 1)),
    ("nd45_2026", dt.date(2026, 6, 30)),
    ("nd224_2026", dt.date(2026, 7, 1)),
    ("nd224_2026", dt.date(2031, 5, 17)),
]


def _pack(tmp_path: Path, table_id: str, old: str, new: str) -> NormRegistry:
    """The shipped registry with one regimes table replaced by an edited copy (a user pack)."""
    text = (shipped_norms_dir() / "vn" / "regimes" / f"{table_id}.yaml").read_text("utf-8")
    assert old in text, old
    (tmp_path / f"{table_id}.yaml").write_text(text.replace(old, new, 1), "utf-8")
    return REG.with_pack(tmp_path)


# --- statutory groups ------------------------------------------------------------------------


OLD_CONSTANT_CASES = [
    (form, regime_day)
    for form, regime_day in itertools.product(FORMS, REGIME_DATES)
    # the NĐ 73/2019 rental plan was the known defect: now TT 12/2020 (test_rental_structure.py)
    if not (form == "rental_plan" and regime_day[0] == "nd73_2019")
]


@pytest.mark.parametrize(("form", "regime_day"), OLD_CONSTANT_CASES)
def test_statutory_groups_reproduce_the_old_constant(form, regime_day):
    regime_id, day = regime_day
    groups = statutory_groups(REG, day, regime_id=regime_id, form=form)
    as_tuples = tuple((g.key, g.label_vi, g.label_en, g.symbol, g.components) for g in groups)
    assert as_tuples == _old_groups_for(regime_id, form)
    assert [g.order for g in groups] == list(range(1, len(groups) + 1))
    assert all(isinstance(g, StatutoryGroup) for g in groups)


def test_the_old_constant_cases_leave_out_only_the_nd73_rental_plan():
    left_out = set(itertools.product(FORMS, REGIME_DATES)) - set(OLD_CONSTANT_CASES)
    assert left_out == {("rental_plan", rd) for rd in REGIME_DATES if rd[0] == "nd73_2019"}


# --- recurrent-budget task (TT 03/2020/TT-BTTTT, đề cương và dự toán chi tiết) ---------------


@pytest.mark.parametrize("day", ["2020-04-09", "2025-05-01", "2026-02-28"])
def test_recurrent_task_has_the_tt03_items_under_nd73(day):
    groups = statutory_groups(REG, day, regime_id="nd73_2019", form="recurrent_task")
    as_tuples = tuple((g.key, g.symbol, g.components) for g in groups)
    # TT 03/2020 Điều 5 k2 a–đ: xây lắp, thiết bị, quản lý, tư vấn, khác (dự phòng e is separate)
    assert as_tuples == tuple(
        (key, symbol, comps) for key, _, _, symbol, comps in OLD_GROUPS["nd73"]
    )
    assert [g.order for g in groups] == [1, 2, 3, 4, 5]
    assert [g.label_vi for g in groups] == [
        "Chi phí xây lắp",
        "Chi phí thiết bị",
        "Chi phí quản lý",
        "Chi phí tư vấn",
        "Chi phí khác",
    ]


def test_recurrent_task_cites_tt03_and_marks_its_readings():
    groups = statutory_groups(REG, "2025-05-01", regime_id="nd73_2019", form="recurrent_task")
    for g in groups:
        symbol, components, order = g.citations
        assert order.confidence == "primary" and "TT 03/2020" in (order.note or "")
        assert [s for s, _ in order.sources] == ["S1"]
        assert components.confidence == "inferred" and "TT 03/2020" in (components.note or "")
        assert symbol.confidence == "inferred" and symbol.note
    note = REG.get(GROUPS_TABLE, "2025-05-01").version.note or ""
    assert "TT 03/2020" in note and "Điều 5 k2" in note


@pytest.mark.parametrize(
    ("regime_id", "day", "decree"),
    [
        ("nd45_2026", "2026-03-01", "NĐ 45/2026"),
        ("nd224_2026", "2026-08-01", "NĐ 224/2026"),
    ],
)
def test_recurrent_task_after_nd73_is_refused_with_the_regime_named(regime_id, day, decree):
    # NĐ 45/2026 and NĐ 224/2026 have no đề cương và dự toán chi tiết (norms-and-regimes.md §0)
    with pytest.raises(InputError) as exc:
        statutory_groups(REG, day, regime_id=regime_id, form="recurrent_task")
    assert exc.value.code == "input-invalid"
    assert exc.value.field == "form"
    assert f"no structure 'recurrent_task' is encoded under {decree}" in exc.value.message
    assert regime_id in exc.value.message
    assert exc.value.hint and "2020-01-01 → 2026-02-28" in exc.value.hint
    assert "rental_plan" in exc.value.hint  # the structures that exist are listed


def test_a_form_of_no_version_is_still_an_unknown_form():
    with pytest.raises(InputError, match="unknown project form 'rental'"):
        statutory_groups(REG, "2025-05-01", regime_id="nd73_2019", form="rental")


def test_project_groups_rest_on_the_decrees_text():
    for regime_id, day in (("nd73_2019", "2025-05-01"), ("nd224_2026", "2026-08-01")):
        groups = statutory_groups(REG, day, regime_id=regime_id, form="investment_project")
        components = [g.citations[1] for g in groups]
        assert {c.confidence for c in components} == {"primary"}
        assert all(isinstance(c, CitedValue) and c.sources for g in groups for c in g.citations)
        assert all(c.table_id == GROUPS_TABLE for g in groups for c in g.citations)


def test_nd73_symbols_are_primary_and_later_symbols_inferred():
    old = statutory_groups(REG, "2025-05-01", regime_id="nd73_2019", form="investment_project")
    assert {g.citations[0].confidence for g in old} == {"primary"}
    new = statutory_groups(REG, "2026-08-01", regime_id="nd224_2026", form="investment_project")
    assert {g.citations[0].confidence for g in new} == {"inferred"}


def test_group_by_component():
    groups = statutory_groups(REG, "2025-05-01", regime_id="nd73_2019", form="ktkt")
    mapping = group_by_component(groups)
    assert mapping["xay_lap"] == "xay_lap"  # its own group under NĐ 73/2019 (trigger)
    assert mapping["thue_dich_vu"] == "chi_phi_khac"
    new = group_by_component(
        statutory_groups(REG, "2026-03-01", regime_id="nd45_2026", form="ktkt")
    )
    assert new["xay_lap"] == "trang_thiet_bi"  # folded into trang thiết bị from 2026-03-01
    rental = group_by_component(
        statutory_groups(REG, "2026-03-01", regime_id="nd45_2026", form="rental_plan")
    )
    assert "thiet_bi" not in rental  # non-trigger: no equipment group in a rental plan


def test_unknown_form_is_an_input_error_with_the_forms():
    with pytest.raises(InputError) as exc:
        statutory_groups(REG, "2026-08-01", regime_id="nd224_2026", form="rental")
    assert exc.value.code == "input-invalid"
    assert exc.value.field == "form"
    assert exc.value.hint and "rental_plan" in exc.value.hint and "ktkt" in exc.value.hint


def test_unknown_regime_is_a_regime_error_with_the_known_ids():
    with pytest.raises(RegimeError) as exc:
        statutory_groups(REG, "2026-08-01", regime_id="nd224", form="ktkt")
    assert exc.value.code == "regime-not-found"
    assert isinstance(exc.value, LookupError)
    assert exc.value.hint and "nd224_2026" in exc.value.hint


def test_regime_not_in_force_on_the_date_is_refused():
    # an override read on the project's own date would give the wrong structure
    with pytest.raises(RegimeError) as exc:
        statutory_groups(REG, "2026-08-01", regime_id="nd45_2026", form="ktkt")
    assert "nd224_2026" in exc.value.message
    assert exc.value.hint and "2026-03-01 → 2026-06-30" in exc.value.hint
    # the rule date inside the regime's period is accepted
    assert statutory_groups(REG, "2026-06-30", regime_id="nd45_2026", form="ktkt")


def test_date_before_every_regime():
    with pytest.raises(RegimeError) as exc:
        statutory_groups(REG, "2019-12-31", regime_id="nd73_2019", form="ktkt")
    assert exc.value.code == "regime-not-found"
    with pytest.raises(InputError):
        statutory_groups(REG, "31/12/2025", regime_id="nd73_2019", form="ktkt")


def test_a_wrong_cell_type_in_a_user_pack_is_a_consistency_error(tmp_path):
    reg = _pack(tmp_path, GROUPS_TABLE, "symbol: {value: G_XL,", "symbol: {value: [G_XL],")
    with pytest.raises(NormConsistencyError) as exc:
        statutory_groups(reg, "2025-05-01", regime_id="nd73_2019", form="investment_project")
    assert "statutory-groups/investment_project.xay_lap/symbol" in exc.value.message
    assert exc.value.hint


def test_a_fractional_or_repeated_order_is_a_consistency_error(tmp_path):
    old = "order: {value: 2, source: [S1], confidence: primary}"
    reg = _pack(tmp_path, GROUPS_TABLE, old, old.replace("2", "1.5", 1))
    with pytest.raises(NormConsistencyError, match="whole number"):
        statutory_groups(reg, "2025-05-01", regime_id="nd73_2019", form="investment_project")
    reg = _pack(tmp_path, GROUPS_TABLE, old, old.replace("2", "1", 1))
    with pytest.raises(NormConsistencyError, match="share a position"):
        statutory_groups(reg, "2025-05-01", regime_id="nd73_2019", form="investment_project")


def test_groups_follow_the_order_column_not_the_file_order(tmp_path):
    reg = _pack(
        tmp_path,
        GROUPS_TABLE,
        "order: {value: 1, source: [S1], confidence: primary}",
        "order: {value: 9, source: [S1], confidence: primary}",
    )
    groups = statutory_groups(reg, "2025-05-01", regime_id="nd73_2019", form="investment_project")
    assert groups[-1].key == "xay_lap"
    assert groups[-1].citations[2].origin.is_override


# --- the regime-bound tables follow the regime timeline ----------------------------------------


@pytest.mark.parametrize("table_id", [GROUPS_TABLE, REGIME_FACTS_TABLE])
def test_regime_bound_tables_have_one_version_per_regime(table_id):
    periods = [(v.valid_from, v.valid_to) for v in REG.table(table_id).versions]
    assert periods == [(v.valid_from, v.valid_to) for v in REG.table("regimes").versions]


def test_every_form_has_groups_in_every_version():
    for version in REG.table(GROUPS_TABLE).versions:
        forms = {r.key.partition(".")[0] for r in version.rows if r.key}
        # the TT 03/2020 recurrent-budget task exists under NĐ 73/2019 only
        extra = {"recurrent_task"} if version.valid_to == dt.date(2026, 2, 28) else set()
        assert forms == set(FORMS) | extra, version.period


def test_every_group_component_is_a_component_of_cost_methods():
    for version in REG.table(GROUPS_TABLE).versions:
        known = {r.key for r in REG.get("cost-methods", version.valid_from).rows()}
        for row in version.rows:
            comps = row.values["components"].value
            assert isinstance(comps, tuple)
            assert set(comps) <= known, (version.period, row.key)


# --- method rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [d for _, d in REGIME_DATES])
def test_method_rules_reproduce_the_old_constants(day):
    rules = method_rules(REG, day)
    assert isinstance(rules, MethodRules)
    assert rules.equivalents == OLD_EQUIVALENT
    assert rules.reference_only == frozenset(OLD_REFERENCE_OK)
    assert {c.confidence for c in rules.citations} == {"inferred"}
    assert all(c.note for c in rules.citations)


@pytest.mark.parametrize(
    ("method", "component", "allowed", "status"),
    [
        ("quotation", "thiet_bi", ("market_price",), "listed"),  # an equivalent is listed
        ("expert", "quan_ly_du_an", ("norm", "detailed_estimate"), "listed"),
        ("norm", "quan_ly_du_an", ("quotation", "tender", "expert"), "reference"),
        ("calculation", "phan_mem_noi_bo", ("quotation", "tender"), "reference"),
        ("calculation", "thue_dich_vu", ("quotation", "tender"), "not_allowed"),
        ("norm", "thiet_bi", ("quotation",), "not_allowed"),
        ("tender", "dao_tao", ("detailed_estimate",), "not_allowed"),
    ],
)
def test_method_status(method, component, allowed, status):
    assert method_rules(REG, "2026-08-01").status(method, component, allowed) == status


def test_method_status_matches_the_old_engine_for_every_pair():
    rules = method_rules(REG, "2026-01-15")
    methods = sorted(OLD_EQUIVALENT)
    words = sorted({w for s in OLD_EQUIVALENT.values() for w in s})
    for method, component in itertools.product(
        methods, ["quan_ly_du_an", "phan_mem_noi_bo", "dao_tao"]
    ):
        for n in range(3):
            for allowed in itertools.combinations(words, n):
                if OLD_EQUIVALENT[method] & set(allowed):
                    old = "listed"
                elif (method, component) in OLD_REFERENCE_OK:
                    old = "reference"
                else:
                    old = "not_allowed"
                assert rules.status(method, component, allowed) == old


def test_unknown_method_is_an_input_error():
    rules = method_rules(REG, "2026-08-01")
    with pytest.raises(InputError) as exc:
        rules.status("fixed", "thiet_bi", ())
    assert exc.value.field == "method"
    assert exc.value.hint and "quotation" in exc.value.hint
    assert rules.rule("tender").label_vi == "Kết quả trúng thầu tương tự"


def test_method_rules_before_the_timeline():
    with pytest.raises(NormNotFoundError) as exc:
        method_rules(REG, "2019-12-31")
    assert exc.value.code == "norm-version-not-found"


def test_method_rule_without_a_word_list_is_a_consistency_error(tmp_path):
    reg = _pack(tmp_path, METHOD_RULES_TABLE, "value: [tender, market_price]", "value: tender")
    with pytest.raises(NormConsistencyError, match="a list of words"):
        method_rules(reg, "2026-08-01")


# --- regime facts ------------------------------------------------------------------------------


@pytest.mark.parametrize(("regime_id", "day"), REGIME_DATES)
def test_regime_facts_reproduce_the_old_regime_id_tests(regime_id, day):
    annuity = annuity_rental_allowed(REG, day, regime_id=regime_id)
    # estimate/engine.py:336 refused the annuity when regime.id != "nd73_2019"
    assert annuity.value is (regime_id == "nd73_2019")
    assert annuity.regime_id == regime_id and annuity.key == "annuity_rental_allowed"
    ceiling = one_step_above_ceiling_allowed(REG, day, regime_id=regime_id)
    # checks/engine.py:666 honoured the decision-maker's allowance when regime.id != "nd73_2019"
    assert ceiling.value is (regime_id != "nd73_2019")
    assert ceiling.citation.table_id == REGIME_FACTS_TABLE


def test_nd73_facts_are_inferred_and_later_ones_primary():
    for key in ("annuity_rental_allowed", "one_step_above_ceiling_allowed"):
        old = regime_fact(REG, "2025-05-01", regime_id="nd73_2019", key=key)
        assert old.citation.confidence == "inferred" and old.citation.note
        new = regime_fact(REG, "2026-08-01", regime_id="nd224_2026", key=key)
        assert new.citation.confidence == "primary"


def test_regime_fact_errors():
    with pytest.raises(NormNotFoundError) as exc:
        regime_fact(REG, "2026-08-01", regime_id="nd224_2026", key="annuity")
    assert exc.value.code == "norm-value-not-found"
    assert exc.value.hint and "annuity_rental_allowed" in exc.value.hint
    with pytest.raises(RegimeError):
        annuity_rental_allowed(REG, "2026-08-01", regime_id="nd73_2019")  # not the rule date
    with pytest.raises(RegimeError):
        annuity_rental_allowed(REG, "2026-08-01", regime_id="nd99_2030")


def test_regime_fact_that_is_not_a_flag_is_a_consistency_error(tmp_path):
    reg = _pack(
        tmp_path,
        REGIME_FACTS_TABLE,
        "value: {value: true, source: [S2]",
        "value: {value: 1, source: [S2]",
    )
    with pytest.raises(NormConsistencyError, match="true or false"):
        one_step_above_ceiling_allowed(reg, "2026-04-01", regime_id="nd45_2026")


# --- legal dates -------------------------------------------------------------------------------


def test_tt18_date_reproduces_the_old_constant():
    fact = tt18_2024_signed(REG, "2025-01-01")
    assert isinstance(fact, DatedFact)
    assert fact.date == OLD_TT18_SIGNED and fact.applies == "after"
    assert fact.citations[0].confidence == "secondary-3"
    for day in (
        dt.date(2020, 4, 9),
        dt.date(2024, 12, 30),
        dt.date(2024, 12, 31),
        dt.date(2026, 8, 1),
    ):
        # estimate/engine.py:683 added the note when project.date > TT18_SIGNED
        assert fact.applies_on(day) is (day > OLD_TT18_SIGNED)


def test_tt39_date_reproduces_the_old_constant():
    fact = tt39_2026_in_force(REG, "2011-08-24")  # the earliest date the UCP module accepts
    assert fact.date == OLD_STATUS_UNKNOWN_FROM and fact.applies == "from"
    assert fact.citations[0].confidence == "secondary-2"
    for day in (
        dt.date(2011, 8, 24),
        dt.date(2026, 6, 30),
        dt.date(2026, 7, 1),
        dt.date(2030, 1, 1),
    ):
        # software/ucp.py:676 flagged the method when on >= STATUS_UNKNOWN_FROM
        assert fact.applies_on(day) is (day >= OLD_STATUS_UNKNOWN_FROM)


def test_legal_dates_cover_every_date_the_ucp_module_accepts():
    first_ucp = REG.table("ucp-constants").versions[0].valid_from
    assert REG.table(LEGAL_DATES_TABLE).versions[0].valid_from <= first_ucp


def test_legal_date_errors(tmp_path):
    with pytest.raises(NormNotFoundError) as exc:
        legal_date(REG, "2026-08-01", key="tt18_signed")
    assert exc.value.hint and "tt18_2024_signed" in exc.value.hint
    with pytest.raises(NormNotFoundError):
        legal_date(REG, "2000-01-01", key="tt18_2024_signed")
    reg = _pack(tmp_path, LEGAL_DATES_TABLE, "applies: {value: after,", "applies: {value: later,")
    with pytest.raises(NormConsistencyError, match="'after' or 'from'"):
        tt18_2024_signed(reg, "2026-08-01")
    reg = _pack(tmp_path, LEGAL_DATES_TABLE, "date: {value: 2024-12-30,", "date: {value: soon,")
    with pytest.raises(NormConsistencyError, match="a date"):
        tt18_2024_signed(reg, "2026-08-01")


def test_a_row_key_without_a_group_is_a_consistency_error(tmp_path):
    reg = _pack(tmp_path, GROUPS_TABLE, "- key: ktkt.xay_lap\n", "- key: ktkt\n")
    with pytest.raises(NormConsistencyError, match="names no group"):
        statutory_groups(reg, "2025-05-01", regime_id="nd73_2019", form="ktkt")
