"""A rental plan under NĐ 73/2019 has the TT 12/2020/TT-BTTTT structure Gt = Gtdv + Gv + Gbt + Gk.

TT 12/2020 prices a custom IT service (thuê dịch vụ CNTT theo yêu cầu riêng) over the rental
period as service cost + administration and operation + maintenance + other costs
(``shared/reference/norms-and-regimes.md`` §2.6). The structure has no management, consultancy or
contingency item: ictcost sums management and consultancy in G_k (its reading, marked inferred)
and the ``contingency`` row of the rental plan says ``none``. The components of the two new groups
(``quan_tri_van_hanh``, ``bao_tri``) exist under NĐ 73/2019 only.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ictcost import keys
from ictcost.labels import component_labels, group_labels
from ictcost.norms import NormRegistry, load_table, shipped_norms_dir
from ictcost.norms.models import table_problems
from ictcost.report.layout import COMPONENT_VI
from ictcost.structure import GROUPS_TABLE, group_by_component, method_rules, statutory_groups

REG = NormRegistry.shipped()
NEW_COMPONENTS = {"quan_tri_van_hanh", "bao_tri"}
ND73_DAYS = ["2020-01-01", "2020-07-14", "2025-05-01", "2026-02-28"]
LATER = [("nd45_2026", "2026-04-01"), ("nd224_2026", "2026-08-01")]

TT12 = (
    ("thue_dich_vu", "Chi phí thuê dịch vụ", "Service rental", "G_tdv", ("thue_dich_vu",)),
    (
        "quan_tri_van_hanh",
        "Chi phí quản trị, vận hành",
        "Administration and operation",
        "G_v",
        ("quan_tri_van_hanh",),
    ),
    ("bao_tri", "Chi phí bảo trì", "Maintenance", "G_bt", ("bao_tri",)),
    (
        "chi_phi_khac",
        "Chi phí khác",
        "Other costs",
        "G_k",
        ("chi_phi_khac", "quan_ly_du_an", "tu_van"),
    ),
)


# --- the groups ---------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ND73_DAYS)
def test_nd73_rental_plan_has_the_tt12_groups_in_order(day):
    groups = statutory_groups(REG, day, regime_id="nd73_2019", form="rental_plan")
    assert tuple((g.key, g.label_vi, g.label_en, g.symbol, g.components) for g in groups) == TT12
    assert [g.order for g in groups] == [1, 2, 3, 4]


def test_nd73_rental_plan_has_no_project_groups():
    groups = statutory_groups(REG, "2025-05-01", regime_id="nd73_2019", form="rental_plan")
    mapping = group_by_component(groups)
    # the provider's build cost enters Gtdv through the annuity formula: no G_XL, G_TB groups
    assert not {"xay_lap", "thiet_bi", "phan_mem_noi_bo"} & set(mapping)
    assert {g.key for g in groups}.isdisjoint({"xay_lap", "thiet_bi", "quan_ly_du_an", "tu_van"})
    assert mapping["quan_ly_du_an"] == mapping["tu_van"] == "chi_phi_khac"
    assert mapping["quan_tri_van_hanh"] == "quan_tri_van_hanh"
    assert mapping["bao_tri"] == "bao_tri"


def test_nd73_rental_plan_cites_tt12_and_marks_only_the_gk_reading_inferred():
    groups = statutory_groups(REG, "2025-05-01", regime_id="nd73_2019", form="rental_plan")
    for g in groups:
        assert all([s for s, _ in c.sources] == ["S1"] for c in g.citations), g.key
        assert all(c.note for c in g.citations), g.key
        symbol, components, order = g.citations
        assert "TT 12/2020" in (components.note or ""), g.key
        assert symbol.confidence == "primary" and order.confidence == "primary"
        expected = "inferred" if g.key == "chi_phi_khac" else "primary"
        assert components.confidence == expected, g.key
    gk = groups[-1].citations[1]
    assert gk.note and "ictcost's reading" in gk.note


def test_the_known_defect_wording_is_gone():
    table = REG.table(GROUPS_TABLE)
    texts = [*table.notes, *(v.note or "" for v in table.versions)]
    texts += [c.note or "" for v in table.versions for r in v.rows for c in r.values.values()]
    assert not [t for t in texts if "known defect" in t.lower()]
    assert "Gt = Gtdv + Gv + Gbt + Gk" in (table.versions[0].note or "")


@pytest.mark.parametrize(("regime_id", "day"), LATER)
def test_later_rental_plans_keep_their_decree_items(regime_id, day):
    groups = statutory_groups(REG, day, regime_id=regime_id, form="rental_plan")
    assert [g.key for g in groups] == ["thue_dich_vu", "quan_ly_du_an", "tu_van", "chi_phi_khac"]
    assert not NEW_COMPONENTS & set(group_by_component(groups))


# --- the contingency row ------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2020-07-14", "2025-05-01", "2026-02-28"])
def test_nd73_rental_plan_contingency_reads_none(day):
    table = REG.get("contingency", day)
    assert table.value("rental_plan", "parts").value == "none"
    assert table.value("rental_plan", "escalation").value == "none"
    assert table.value("rental_plan", "max_rate").value is None
    assert table.value("rental_plan", "base").value == ()
    for column in ("parts", "escalation", "max_rate", "base"):
        cell = table.value("rental_plan", column)
        assert [s for s, _ in cell.sources] == ["S1"] and cell.confidence == "primary" and cell.note
    row = table.version.row("rental_plan")
    assert row is not None and row.note and "TT 12/2020" in row.note


def test_the_other_nd73_contingency_rows_are_unchanged():
    table = REG.get("contingency", "2025-05-01")
    assert [r.key for r in table.rows()] == ["project", "ktkt", "detailed_outline", "rental_plan"]
    assert table.value("project", "max_rate").number == 7
    assert table.value("detailed_outline", "parts").value == "quantity_only"


# --- the new components: methods, keys, labels --------------------------------------------------


def test_new_components_are_keys_and_group_keys():
    assert NEW_COMPONENTS <= set(keys.COMPONENTS)
    assert NEW_COMPONENTS <= set(keys.GROUP_KEYS)
    assert keys.COMPONENTS.index("quan_tri_van_hanh") == keys.COMPONENTS.index("thue_dich_vu") + 1


def test_new_component_methods_under_nd73():
    table = REG.get("cost-methods", "2025-05-01")
    bao_tri = table.value("bao_tri", "methods")
    assert bao_tri.value == ("market_price",) and bao_tri.confidence == "primary"
    qtvh = table.value("quan_tri_van_hanh", "methods")
    assert qtvh.value == ("detailed_estimate",) and qtvh.confidence == "inferred"
    rules = method_rules(REG, "2025-05-01")
    # a quotation is a market price; an expert estimate is a detailed estimate
    assert rules.status("quotation", "bao_tri", bao_tri.value) == "listed"
    assert rules.status("expert", "quan_tri_van_hanh", qtvh.value) == "listed"
    assert rules.status("norm", "bao_tri", bao_tri.value) == "not_allowed"


@pytest.mark.parametrize(("regime_id", "day"), LATER)
def test_new_components_have_no_methods_after_nd73(regime_id, day):
    version = REG.get("cost-methods", day).version
    assert not NEW_COMPONENTS & {r.key for r in version.rows}
    assert version.note and "quan_tri_van_hanh" in version.note and "bao_tri" in version.note


def test_every_component_has_a_workbook_label():
    assert set(COMPONENT_VI) == set(keys.COMPONENTS)
    labels = list(COMPONENT_VI.values())
    assert len(labels) == len(set(labels))  # the importer maps labels back to keys


@pytest.mark.parametrize("day", ["2025-05-01", "2026-04-01", "2026-08-01"])
def test_every_component_of_a_regime_has_a_data_label(day):
    labels = component_labels(REG, day)
    expected = set(keys.COMPONENTS) - (NEW_COMPONENTS if day >= "2026-03-01" else set())
    assert expected <= set(labels)
    assert all(labels[c].vi and labels[c].en for c in expected)
    vi = [v.vi for v in labels.values()]
    assert len(vi) == len(set(vi))


def test_rental_group_labels():
    labels = group_labels(REG, "2025-05-01", regime_id="nd73_2019", form="rental_plan")
    assert labels["quan_tri_van_hanh"].vi == "Chi phí quản trị, vận hành"
    assert labels["bao_tri"].en == "Maintenance"


def test_every_group_component_of_every_version_has_a_method_row():
    for version in REG.table(GROUPS_TABLE).versions:
        known = {r.key for r in REG.get("cost-methods", version.valid_from).rows()}
        for row in version.rows:
            assert set(row.values["components"].value) <= known, (version.period, row.key)


# --- the edited files validate ------------------------------------------------------------------


@pytest.mark.parametrize("table_id", ["statutory-groups", "cost-methods", "contingency"])
def test_edited_norm_files_validate(table_id):
    table = load_table(shipped_norms_dir() / "vn" / "regimes" / f"{table_id}.yaml")
    assert list(table_problems(table)) == []
    assert table.last_verified <= dt.date.today()
