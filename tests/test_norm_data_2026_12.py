"""Norm data of the 2026-12 legal-research round, read through the public API.

VAT on IT goods and services 2025-07-01 → 2026-12-31 (8 %, no longer disputed), software "không
chịu thuế" back to 2009-01-01 (Luật 13/2008 as guided by TT 129/2008, TT 06/2012, TT 219/2013),
the base-salary timeline from 2019-07-01, and the typed errors before the first encoded day.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from ictcost.errors import InputError, NormNotFoundError
from ictcost.norms import NormRegistry
from ictcost.validation import check_vat_rate

VAT = "vat-rates"
SALARY = "base-salary"

FIRST_VAT_DAY = dt.date(2009, 1, 1)
FIRST_SALARY_DAY = dt.date(2019, 7, 1)

NEW_IT_VAT_SOURCES = {"T2-12", "T2-13", "T2-14", "T2-15", "T2-16", "T2-17"}
EARLIER_IT_VAT_SOURCES = {"S18", "R19", "R20", "R21"}


@pytest.fixture(scope="module")
def reg() -> NormRegistry:
    return NormRegistry.shipped()


# --- VAT: IT goods and services, 2025-07-01 → 2026-12-31 -------------------------------------------


@pytest.mark.parametrize("on", ["2025-07-01", "2025-09-15", "2026-06-30", "2026-12-31"])
def test_it_goods_services_are_at_8_percent_secondary_8(reg: NormRegistry, on: str) -> None:
    cell = reg.get(VAT, on).value("it_goods_services", "rate")
    assert cell.value == Decimal(8)
    assert cell.confidence == "secondary-8"
    assert cell.alternatives == ()
    assert {sid for sid, _ in cell.sources} == NEW_IT_VAT_SOURCES | EARLIER_IT_VAT_SOURCES
    treatment = reg.get(VAT, on).value("it_goods_services", "treatment")
    assert treatment.value == "taxable"
    assert treatment.confidence == "secondary-8"


def test_it_vat_8_percent_through_the_view(reg: NormRegistry) -> None:
    view = reg.at("2025-09-15")
    cell = view.value(VAT, "it_goods_services", "rate")
    assert cell.number == Decimal(8)
    assert cell.confidence == "secondary-8"
    assert view.used_alternatives == frozenset()


def test_new_it_vat_sources_are_registered_with_title_kind_and_address(reg: NormRegistry) -> None:
    table = reg.table(VAT)
    for sid in NEW_IT_VAT_SOURCES:
        source = table.sources[sid]
        assert source.title
        assert source.kind in {"quotation", "secondary"}
        assert source.url or source.reference, sid
    assert table.sources["T2-12"].url == (
        "https://kpmg.com/vn/en/home/insights/2025/07/decree-174-extending-vat-reduction-to-2026.html"
    )


def test_it_vat_10_percent_is_refused_in_the_2025_2026_round() -> None:
    assert check_vat_rate(8, category="it_goods_services", on="2025-09-15") == Decimal(8)
    with pytest.raises(InputError) as info:
        check_vat_rate(10, category="it_goods_services", on="2025-09-15")
    assert "also accepted" not in info.value.message


@pytest.mark.parametrize(
    ("on", "rate"), [("2024-12-31", 10), ("2025-06-30", 10), ("2027-01-01", 10)]
)
def test_it_vat_outside_the_2025_2026_round_is_unchanged(
    reg: NormRegistry, on: str, rate: int
) -> None:
    assert reg.get(VAT, on).value("it_goods_services", "rate").value == Decimal(rate)


def test_no_vat_cell_is_disputed_any_more(reg: NormRegistry) -> None:
    table = reg.table(VAT)
    for version in table.versions:
        for row in version.rows:
            for column, cell in row.values.items():
                assert cell.confidence != "disputed", (version.period, row.key, column)


# --- VAT: software "không chịu thuế" over the whole covered range ----------------------------------


@pytest.mark.parametrize(
    "on",
    [
        FIRST_VAT_DAY,
        dt.date(2012, 2, 29),  # last day of TT 129/2008
        dt.date(2012, 3, 1),  # TT 06/2012
        dt.date(2013, 12, 31),
        dt.date(2014, 1, 1),  # TT 219/2013
        dt.date(2020, 6, 1),
        dt.date(2024, 6, 30),
        dt.date(2024, 7, 1),
        dt.date(2024, 12, 31),
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
        dt.date(2025, 7, 1),  # Luật 48/2024
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
        dt.date(2040, 1, 1),
    ],
)
def test_software_is_not_subject_on_every_covered_date(reg: NormRegistry, on: dt.date) -> None:
    found = reg.get(VAT, on)
    cell = found.value("software", "treatment")
    assert cell.value == "not_subject"
    assert "rate" not in found.row("software").values
    assert check_vat_rate(None, category="software", on=on) is None


@pytest.mark.parametrize(
    ("on", "sources", "confidence", "basis"),
    [
        ("2009-01-01", {"T129"}, "single", "TT 129/2008"),
        ("2012-03-01", {"T06", "CV2136"}, "secondary-2", "TT 06/2012"),
        ("2014-01-01", {"T219", "LN219", "CV6051"}, "secondary-3", "TT 219/2013"),
        ("2020-06-01", {"T219", "LN219", "CV6051"}, "secondary-3", "TT 219/2013"),
        ("2024-07-01", {"T219", "LN219", "CV6051"}, "secondary-3", "NĐ 72/2024"),
        ("2025-01-01", {"T219", "LN219", "CV6051"}, "secondary-3", "NĐ 180/2024"),
        ("2025-07-01", {"S22"}, "single", "Luật 48/2024"),
    ],
)
def test_software_cites_the_article_of_its_period(
    reg: NormRegistry, on: str, sources: set[str], confidence: str, basis: str
) -> None:
    found = reg.get(VAT, on)
    cell = found.value("software", "treatment")
    assert {sid for sid, _ in cell.sources} == sources
    assert cell.confidence == confidence
    assert basis in (found.version.basis or "")


def test_software_before_2024_07_is_under_the_2008_law(reg: NormRegistry) -> None:
    for on in ("2009-01-01", "2012-03-01", "2014-01-01"):
        assert "13/2008/QH12 Điều 5 k21" in (reg.get(VAT, on).version.basis or "")


def test_vat_versions_are_ordered_and_do_not_overlap(reg: NormRegistry) -> None:
    versions = reg.table(VAT).versions
    assert versions[0].valid_from == FIRST_VAT_DAY
    for before, after in itertools.pairwise(versions):
        assert before.valid_to is not None
        assert after.valid_from == before.valid_to + dt.timedelta(days=1)
    assert versions[-1].valid_to is None


@pytest.mark.parametrize("on", ["2009-01-01", "2020-06-01", "2023-03-01", "2024-06-30"])
@pytest.mark.parametrize("category", ["general", "excluded_from_reduction", "it_goods_services"])
def test_rates_before_2024_07_are_not_encoded(reg: NormRegistry, on: str, category: str) -> None:
    found = reg.get(VAT, on)
    assert not found.has(category, "rate")
    with pytest.raises(NormNotFoundError) as info:
        found.value(category, "rate")
    assert info.value.code == "norm-value-not-found"
    with pytest.raises(InputError) as checked:
        check_vat_rate(10, category=category, on=on)
    assert "not encoded" in (checked.value.hint or "")


def test_vat_before_2009_raises_the_typed_error(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.get(VAT, FIRST_VAT_DAY - dt.timedelta(days=1))
    assert info.value.code == "norm-version-not-found"
    assert "2009-01-01 → 2012-02-29" in info.value.message


# --- base salary -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "amount", "confidence", "sources"),
    [
        ("2019-07-01", 1_490_000, "secondary-4", {"B1", "B2", "B3", "B4"}),
        ("2021-01-15", 1_490_000, "secondary-4", {"B1", "B2", "B3", "B4"}),
        ("2023-06-30", 1_490_000, "secondary-4", {"B1", "B2", "B3", "B4"}),
        ("2023-07-01", 1_800_000, "secondary-2", {"T2-20", "T2-19b"}),
        ("2024-03-01", 1_800_000, "secondary-2", {"T2-20", "T2-19b"}),
        ("2024-06-30", 1_800_000, "secondary-2", {"T2-20", "T2-19b"}),
        ("2024-07-01", 2_340_000, "secondary-5", {"S25", "S5", "T2-19a", "T2-19b", "T2-19c"}),
        ("2026-06-30", 2_340_000, "secondary-5", {"S25", "S5", "T2-19a", "T2-19b", "T2-19c"}),
        ("2026-07-01", 2_530_000, "primary", {"S23", "S24", "S25", "S26"}),
        ("2030-01-01", 2_530_000, "primary", {"S23", "S24", "S25", "S26"}),
    ],
)
def test_base_salary_timeline(
    reg: NormRegistry, on: str, amount: int, confidence: str, sources: set[str]
) -> None:
    cell = reg.get(SALARY, on).value("base_salary", "amount")
    assert cell.value == Decimal(amount)
    assert cell.confidence == confidence
    assert {sid for sid, _ in cell.sources} == sources


def test_base_salary_through_the_view(reg: NormRegistry) -> None:
    assert reg.at("2024-03-01").number(SALARY, "base_salary", "amount") == Decimal(1_800_000)
    assert reg.at("2026-07-01").value(SALARY, "base_salary", "amount").confidence == "primary"


def test_base_salary_2026_cites_the_signed_decree(reg: NormRegistry) -> None:
    found = reg.get(SALARY, "2026-07-01")
    s23 = found.table.sources["S23"]
    assert s23.kind == "legal_text"
    assert "Điều 3 k2" in (s23.note or "") and "Điều 6" in (s23.note or "")
    assert "NĐ 161/2026/NĐ-CP Điều 3 k2" in (found.version.basis or "")


def test_base_salary_before_2019_07_raises_the_typed_error(reg: NormRegistry) -> None:
    with pytest.raises(NormNotFoundError) as info:
        reg.get(SALARY, FIRST_SALARY_DAY - dt.timedelta(days=1))
    assert info.value.code == "norm-version-not-found"


# --- tables whose older periods stay unencoded ----------------------------------------------------


@pytest.mark.parametrize(
    ("table_id", "first_day"),
    [("project-groups", dt.date(2025, 1, 1)), ("direct-appointment-limits", dt.date(2025, 8, 4))],
)
def test_older_periods_without_a_source_stay_unencoded(
    reg: NormRegistry, table_id: str, first_day: dt.date
) -> None:
    assert reg.table(table_id).versions[0].valid_from == first_day
    with pytest.raises(NormNotFoundError) as info:
        reg.get(table_id, first_day - dt.timedelta(days=1))
    assert info.value.code == "norm-version-not-found"
