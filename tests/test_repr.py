"""Notebook display: short reprs, HTML tables and DataFrames of the results, in one language."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import ictcost
from ictcost.checks import check
from ictcost.errors import InputError
from ictcost.estimate import Estimate, compute_estimate, load_project
from ictcost.fees import FeeResult
from ictcost.inputs import load_software_input
from ictcost.norms import NormRegistry
from ictcost.report._repr import money, number, percent, text
from ictcost.report.comparison import Comparison, compare
from ictcost.report.messages import CATALOGUE
from ictcost.report.messages.display import MESSAGES
from ictcost.software import SoftwareCostResult, compute_software_cost

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
LONG_DECIMAL = re.compile(r"\d[.,]\d{9,}")  # a figure with more than 8 decimals


@pytest.fixture(autouse=True)
def vietnamese():
    ictcost.set_display_language("vi")
    yield
    ictcost.set_display_language("vi")


@pytest.fixture(scope="module")
def fee() -> FeeResult:
    return ictcost.compute_fee(
        "quan_ly_du_an", category="software", form="ktkt", base=8_500_000_000, on="2026-01-15"
    )


@pytest.fixture(scope="module")
def software() -> SoftwareCostResult:
    return compute_software_cost(load_software_input(EXAMPLES / "software-portal.yaml"))


@pytest.fixture(scope="module")
def registry() -> NormRegistry:
    return NormRegistry.shipped().with_pack(EXAMPLES / "pack")


@pytest.fixture(scope="module")
def project():
    return load_project(EXAMPLES / "portal-project.yaml")


@pytest.fixture(scope="module")
def estimate(project, registry) -> Estimate:
    return compute_estimate(project, registry=registry, base_dir=EXAMPLES)


@pytest.fixture(scope="module")
def findings(project, registry):
    return check(project, registry=registry, base_dir=EXAMPLES)


@pytest.fixture(scope="module")
def comparison(project, estimate, findings, registry) -> Comparison:
    return compare(project, estimate, findings, registry=registry)


# --- the display helpers ---------------------------------------------------------------------


def test_figures_are_rounded_for_display_only():
    value = Decimal("19.8333333333333333333333333333333333334")
    assert number(value, "vi") == "19,8333"
    assert number(value, "en") == "19.8333"
    assert number(Decimal("71590.90909"), "vi", places=2) == "71.590,91"
    assert number(Decimal("0.8050"), "vi") == "0,805"  # trailing zeros dropped
    assert number(Decimal("1E+3"), "vi") == "1.000"  # never in exponent notation
    assert value == Decimal("19.8333333333333333333333333333333333334")
    assert money(Decimal("152527188"), "vi") == "152.527.188 đ"
    assert money(Decimal("152527188"), "en", unit=False) == "152,527,188"
    assert percent(Decimal("1.7944375"), "vi") == "1,7944375 %"
    assert number(None, "vi") == money(None, "vi") == "—"


def test_the_display_language_is_one_checked_setting(fee: FeeResult):
    assert ictcost.display_language() == "vi"
    ictcost.set_display_language("en")
    assert ictcost.display_language() == "en"
    with pytest.raises(InputError, match="display language 'fr'") as info:
        ictcost.set_display_language("fr")
    assert "set_display_language" in (info.value.hint or "")
    assert ictcost.display_language() == "en"  # unchanged by the refused value


def test_the_display_language_changes_no_computation_or_json(fee: FeeResult):
    before = fee.to_json()
    ictcost.set_display_language("en")
    again = ictcost.compute_fee(
        "quan_ly_du_an", category="software", form="ktkt", base=8_500_000_000, on="2026-01-15"
    )
    assert again == fee
    assert again.to_json() == before


def test_every_display_text_has_both_languages_and_renders():
    for key, message in MESSAGES.items():
        assert key.startswith("display."), key
        assert message.vi and message.en, key
        assert CATALOGUE[key] == message  # in the catalogue, in both languages


def test_display_text_reads_the_catalogue_first():
    assert text("appraisal.row.total", "vi") == "TỔNG CỘNG"
    assert text("display.col.item", "en") == "Item"


# --- FeeResult -------------------------------------------------------------------------------


def test_fee_repr_is_one_line_with_display_rounded_figures(fee: FeeResult):
    assert repr(fee) == (
        "FeeResult(quan_ly_du_an, base 8.500.000.000 đ, rate 1,7944375 %, amount 152.527.188 đ, "
        "NĐ 73/2019/NĐ-CP)"
    )
    ictcost.set_display_language("en")
    assert repr(fee) == (
        "FeeResult(quan_ly_du_an, base 8,500,000,000 đ, rate 1.7944375 %, amount 152,527,188 đ, "
        "Decree 73/2019/NĐ-CP)"
    )


def test_fee_repr_shows_k_and_the_minimum_when_they_apply():
    small = ictcost.compute_fee(
        "lap_bao_cao_ktkt",
        category="software",
        form="ktkt",
        base=10_000_000,
        on="2026-01-15",
        conditions=["island"],
    )
    shown = repr(small)
    assert small.k_product == Decimal("1.35") and "minimum_applied" in small.flags
    assert ", K 1,35, " in shown and ", minimum applied, " in shown
    assert "\n" not in shown and len(shown) < 200


def test_fee_repr_without_k_or_minimum(fee: FeeResult):
    assert fee.k_product == 1 and "minimum_applied" not in fee.flags
    assert ", K " not in repr(fee) and "minimum" not in repr(fee)


def test_fee_html_is_a_compact_aligned_table(fee: FeeResult):
    out = fee._repr_html_()
    assert out is not None
    assert "Chi phí quản lý dự án" in out  # the item's label, not its key
    assert "quan_ly_du_an" not in out and "nd73_2019" not in out
    assert "<td style='text-align:left;" in out  # labels left-aligned explicitly
    assert "text-align:right;padding:2px 8px;vertical-align:top;white-space:nowrap'>" in out
    assert "152.527.188 đ</td>" in out and "1,7944375 %" in out
    assert "<details" in out and "Gt = " in out  # the computation is folded away
    assert "15/01/2026" in out  # the Vietnamese date style
    assert "CitedValue" not in out and not LONG_DECIMAL.search(out)


def test_fee_html_in_english(fee: FeeResult):
    ictcost.set_display_language("en")
    out = fee._repr_html_()
    assert out is not None
    assert "Project management cost" in out and "152,527,188 đ" in out
    assert "2026-01-15" in out and "Chi phí làm cơ sở" not in out


# --- SoftwareCostResult ----------------------------------------------------------------------


def test_software_repr_is_short(software: SoftwareCostResult):
    shown = repr(software)
    assert shown.startswith("SoftwareCostResult(QĐ 671/QĐ-BTTTT, 01/06/2025, ")
    assert "AUCP 82,4944" in shown and "G_PM 482.035.330 đ" in shown
    assert len(shown) < 160 and not LONG_DECIMAL.search(shown)
    assert len(super(SoftwareCostResult, software).__repr__()) > 10_000  # what it replaces


def test_software_html_shows_the_chain_rounded(software: SoftwareCostResult):
    out = software._repr_html_()
    assert out is not None
    for row in software.summary:
        assert f">{row.symbol}</td>" in out
    assert "19,8333" in out and "0,805" in out and "482.035.330 đ" in out
    assert not LONG_DECIMAL.search(out) and "None" not in out and "True" not in out
    assert out.count("<details") == 3
    ictcost.set_display_language("en")
    english = software._repr_html_()
    assert english is not None
    assert "Software cost" in english and "Chi phí phần mềm" not in english


def test_software_tables_as_dataframes(software: SoftwareCostResult):
    df = software.to_dataframe("use_cases")
    assert list(df["name"]) == [u.name for u in software.use_cases]
    assert isinstance(df["points"].iloc[0], Decimal)
    assert list(software.to_dataframe()["symbol"])[-1] == "G_PM"
    assert software.to_dict()["G_PM"] == str(software.G_PM)
    with pytest.raises(InputError, match="annex table") as info:
        software.to_dataframe("nope")  # type: ignore[arg-type]
    assert "use_cases" in (info.value.hint or "")


# --- Estimate --------------------------------------------------------------------------------


def test_estimate_repr_is_one_line(estimate: Estimate):
    shown = repr(estimate)
    assert shown.startswith("Estimate('Cổng dịch vụ công trực tuyến")
    assert f"{len(estimate.lines)} lines" in shown
    assert f"total {money(estimate.total, 'vi')}" in shown
    assert "\n" not in shown and len(shown) < 220


def test_estimate_html_aligns_and_folds(estimate: Estimate):
    out = estimate._repr_html_()
    assert "<th style='text-align:left;" in out and "<td style='text-align:right;" in out
    # every cell is aligned explicitly (Jupyter's CSS right-aligns otherwise)
    assert "<td>" not in out and "<th>" not in out
    assert out.count("<details") == 3  # the lines, the details, the notes
    for ln in estimate.lines:
        assert f">{ln.id}</td>" in out
    assert "Cộng (chưa gồm dự phòng)" in out and "TỔNG CỘNG" in out
    assert "nd73_2019" not in out and "quotation" not in out and "group_c" not in out
    assert "15/09/2025" in out


def test_estimate_html_in_english(estimate: Estimate):
    ictcost.set_display_language("en")
    out = estimate._repr_html_()
    assert "Subtotal (before contingency)" in out and "TOTAL" in out
    assert ">Quotations</td>" in out and ">Báo giá</td>" not in out
    assert "2025-09-15" in out


# --- findings --------------------------------------------------------------------------------


def test_findings_repr_counts_and_lists(findings):
    shown = repr(findings)
    head, *rows = shown.splitlines()
    n = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    assert head == (
        f"Findings({len(findings)} findings: {n['error']} lỗi, {n['warning']} cảnh báo, "
        f"{n['info']} thông tin)"
    )
    assert len(rows) == min(len(findings), 10)
    first = findings[0]
    assert rows[0].strip() == repr(first)
    assert repr(first).startswith(f"Finding({first.severity} {first.code}")
    assert first.message("vi")[:20] in repr(first)


def test_findings_repr_stops_at_ten(findings):
    many = type(findings)(list(findings) * 5)
    lines = repr(many).splitlines()
    assert len(lines) == 1 + 10 + 1 and lines[-1] == f"  … {len(many) - 10} more"


def test_findings_html_and_report(findings):
    out = findings._repr_html_()
    for f in findings:
        assert f">{f.code}</td>" in out
        assert f.message("vi").split(" ")[0] in out
    assert "Cảnh báo" in out or "Lỗi" in out or "Thông tin" in out
    assert "<details" in out and "Căn cứ" in out
    report = findings.report()
    assert repr(report).startswith(f"FindingsReport(schema {report.schema_version}, ")
    assert report._repr_html_() == out
    assert findings[0]._repr_html_().count("<tr>") == 2
    empty = type(findings)()
    assert "Không có phát hiện" in empty._repr_html_()


def test_findings_dataframe(findings):
    df = findings.to_dataframe()
    assert list(df.columns) == [
        "code",
        "severity",
        "estimate",
        "line",
        "field",
        "case",
        "basis",
        "amount",
        "message",
    ]
    assert list(df["code"]) == [f.code for f in findings]
    assert list(df["message"]) == [f.message("vi") for f in findings]
    assert df["line"].dtype == pd.StringDtype()
    assert all(v is pd.NA for v, f in zip(df["line"], findings, strict=True) if f.line is None)
    english = findings.to_dataframe(lang="en")
    assert list(english["message"]) == [f.message("en") for f in findings]


# --- Comparison ------------------------------------------------------------------------------


def test_comparison_repr_and_html(comparison: Comparison):
    shown = repr(comparison)
    assert shown.startswith("Comparison('Cổng dịch vụ công")
    assert f"appraised {money(comparison.totals.total.appraised, 'vi')}" in shown
    assert "\n" not in shown
    out = comparison._repr_html_()
    for g in comparison.groups:
        assert f"{g.label_vi} ({g.symbol})" in out
    assert "Giá trị đề nghị" in out and "TỔNG CỘNG" in out
    assert "text-align:right" in out and "<details" in out
    assert "không nêu" in out  # the example states no figure
    assert ".;" not in out


def test_comparison_dataframe_has_one_missing_value(comparison: Comparison):
    df = comparison.to_dataframe()
    assert list(df["id"]) == [ln.id for ln in comparison.lines]
    assert all(v is pd.NA for v in df["submitted_total"])  # nothing stated: NA, never NaN
    assert isinstance(df["appraised_total"].iloc[0], Decimal)
    assert df["stated"].dtype == "boolean"
    as_int = comparison.to_dataframe(money="int")
    assert str(as_int["appraised_total"].dtype) == "Int64"
    assert int(as_int["appraised_total"].sum()) == sum(
        ln.total.appraised for ln in comparison.lines if ln.total.appraised is not None
    )
