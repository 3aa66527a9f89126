"""The timeline view of a project's stages (issue 14, item 4): values, changes, findings, outputs.

The expected figures are written from the YAML samples (examples/stages/clean.yaml, planted.yaml)
by hand, never from the code: a package price, a contract value, an advance, each summed here in
the comment beside the number.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ictcost.checks import RULES
from ictcost.checks._base import Hit
from ictcost.errors import InputError
from ictcost.stages import STAGES, check_dossier, check_dossiers, load_dossier
from ictcost.stages.chart import plot_timeline
from ictcost.stages.timeline import (
    HELD_AGAINST,
    STAGE_OF,
    Timeline,
    exceeding,
    finding_date,
    finding_stage,
    timeline,
    write_timeline_xlsx,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "stages"
CLEAN = SAMPLES / "clean.yaml"
PLANTED = SAMPLES / "planted.yaml"
D = Decimal


@pytest.fixture(scope="module")
def clean() -> Timeline:
    return timeline(CLEAN, check_dossier(CLEAN))


@pytest.fixture(scope="module")
def planted() -> Timeline:
    return timeline(PLANTED, check_dossier(PLANTED))


def _values(t: Timeline) -> dict[str, Decimal | None]:
    return {r.key: r.value for r in t.rows}


# --- values, checked by hand --------------------------------------------------------------------


def test_clean_values_dates_and_changes(clean: Timeline) -> None:
    assert [r.key for r in clean.rows] == [s for s in STAGES if s != "adjustment"]
    assert _values(clean) == {
        "plan": D(1_500_000_000),
        "policy": D(1_450_000_000),
        "approval": D(1_362_308_498),
        "selection_plan": D(1_294_998_498),  # 4.002.498 + 1.033.956.000 + 257.040.000
        "contract": D(1_269_000_000),  # 4.000.000 + 1.015.000.000 + 250.000.000
        "acceptance": D(1_269_000_000),  # 4.000.000 + 1.015.000.000 + 250.000.000
        # 4.000.000 + 203.000.000 (advance) + (1.015.000.000 − 203.000.000 recovered) + 250.000.000
        "payment": D(1_269_000_000),
        "settlement": D(1_333_104_762),
    }
    diffs = {r.key: r.difference for r in clean.rows}
    assert diffs == {
        "plan": None,
        "policy": D(-50_000_000),
        "approval": D(-87_691_502),
        "selection_plan": D(-67_310_000),
        "contract": D(-25_998_498),
        "acceptance": D(0),
        "payment": D(0),
        "settlement": D(64_104_762),
    }
    policy = clean.row("policy")
    assert policy.previous == "plan"
    assert policy.percent is not None
    assert round(policy.percent, 4) == D("-3.3333")  # −50.000.000 / 1.500.000.000
    contract = clean.row("contract")
    assert (contract.start, contract.date) == (dt.date(2025, 7, 5), dt.date(2025, 8, 25))
    assert contract.decisions == ("01/2025/HĐTV-STP", "06/2025/HĐPM-STP", "05/2025/HĐMB-STP")
    assert clean.row("payment").date == dt.date(2025, 12, 1)
    assert clean.row("plan").decisions == ("512/QĐ-UBND",)


def test_clean_has_no_error_or_warning_at_any_stage(clean: Timeline) -> None:
    assert clean.checked
    for r in clean.rows:
        assert all(f.severity == "info" for f in r.findings), (r.key, r.codes)
    assert exceeding([clean]) == []


def test_planted_values_and_changes(planted: Timeline) -> None:
    assert _values(planted) == {
        "plan": D(1_200_000_000),
        "policy": D(1_300_000_000),
        "approval": D(1_362_308_498),
        "selection_plan": D(1_361_042_498),  # 4.002.498 + 1.100.000.000 + 257.040.000
        "contract": D(1_374_000_000),  # 4.000.000 + 1.120.000.000 + 250.000.000
        "acceptance": D(1_374_000_000),  # 4.000.000 + 1.120.000.000 + 250.000.000
        # 4.500.000 + 672.000.000 + (1.120.000.000 − 672.000.000) + 250.000.000
        "payment": D(1_374_500_000),
        "settlement": D(1_468_104_762),
    }
    assert planted.row("policy").difference == D(100_000_000)
    assert planted.row("approval").difference == D(62_308_498)
    assert planted.row("selection_plan").difference == D(-1_266_000)
    assert planted.row("contract").difference == D(12_957_502)
    assert planted.row("payment").difference == D(500_000)
    assert planted.row("settlement").difference == D(93_604_762)
    pct = planted.row("approval").percent
    assert pct is not None
    assert round(pct, 2) == D("4.79")  # 62.308.498 / 1.300.000.000
    contract = planted.row("contract")
    assert (contract.start, contract.date) == (dt.date(2025, 7, 5), dt.date(2025, 8, 25))


def test_planted_steps_are_the_cumulative_amounts(planted: Timeline) -> None:
    s = planted.steps()
    assert s["approved"] == (
        (dt.date(2025, 3, 10), D(1_300_000_000)),
        (dt.date(2025, 5, 30), D(1_362_308_498)),
    )
    assert s["contracted"] == (
        (dt.date(2025, 7, 5), D(4_000_000)),
        (dt.date(2025, 7, 25), D(254_000_000)),  # + HD-03 250.000.000
        (dt.date(2025, 8, 25), D(1_374_000_000)),  # + HD-02 1.120.000.000
    )
    assert s["paid"] == (
        (dt.date(2025, 8, 28), D(4_500_000)),
        (dt.date(2025, 9, 1), D(676_500_000)),  # + advance 672.000.000
        (dt.date(2025, 10, 25), D(1_124_500_000)),  # + 1.120.000.000 − 672.000.000 recovered
        (dt.date(2025, 11, 10), D(1_374_500_000)),
    )
    assert s["accepted"][-1] == (dt.date(2025, 11, 20), D(1_374_000_000))
    assert s["settled"] == ((dt.date(2026, 3, 20), D(1_468_104_762)),)


# The planted problems (the header of planted.yaml) and the stage each belongs to, by hand.
_PLANTED_STAGE = {
    "STAGE-PLAN-BUDGET": "policy",
    "STAGE-SETTLEMENT-TIME.filing": "settlement",
    "STAGE-CEILING.approval_over_policy": "approval",
    "STAGE-ITEM-ADDED.package": "selection_plan",
    "STAGE-PACKAGE-PRICE.above_estimate": "selection_plan",
    "STAGE-PACKAGE-PRICE.line_twice": "selection_plan",
    "STAGE-ITEM-DROPPED.not_planned": "selection_plan",
    "STAGE-CONTRACT-PRICE.above_package": "contract",
    "STAGE-CONTRACT-TYPE": "contract",
    "STAGE-DATES.contract_before_result": "contract",
    "STAGE-SAME-PARTY.consultant": "contract",
    "STAGE-ITEM-ADDED.contract": "contract",
    "STAGE-PAYMENT.advance_over_limit": "payment",
    "STAGE-PAYMENT.over_contract": "payment",
    "STAGE-PAYMENT.over_acceptance": "payment",
    "STAGE-DATES.payment_before_acceptance": "payment",
    "STAGE-SETTLEMENT.over_contract": "settlement",
    "STAGE-SETTLEMENT.over_acceptance": "settlement",
    "STAGE-SETTLEMENT.below_paid": "settlement",
    "STAGE-CEILING.settlement_over_approval": "settlement",
    "STAGE-CEILING.contracts_over_approval": "contract",
}


def test_every_planted_problem_is_on_its_stage(planted: Timeline) -> None:
    header = re.findall(r"^# - (STAGE-[A-Z-]+(?:\.[a-z_]+)?):", PLANTED.read_text("utf-8"), re.M)
    assert set(header) <= set(_PLANTED_STAGE)  # the table above covers the sample's header
    on_row = {r.key: {f.message_key for f in r.findings} for r in planted.rows}
    for key, stage in _PLANTED_STAGE.items():
        assert key in on_row[stage], (key, stage, on_row[stage])
    assert not planted.unplaced


def test_findings_are_dated_by_the_record_they_name(planted: Timeline) -> None:
    dates = {
        (s.finding.message_key, s.finding.details.get("contract")): s.date for s in planted.findings
    }
    assert dates[("STAGE-PAYMENT.over_contract", "HD-01")] == dt.date(2025, 8, 28)  # its payment
    assert dates[("STAGE-PAYMENT.advance_over_limit", "HD-02")] == dt.date(2025, 9, 1)  # advance
    assert dates[("STAGE-PAYMENT.over_acceptance", "HD-03")] == dt.date(2025, 11, 10)
    assert dates[("STAGE-DATES.contract_before_result", None)] == dt.date(2025, 7, 25)
    assert dates[("STAGE-CEILING.settlement_over_approval", None)] == dt.date(2026, 3, 20)
    assert dates[("STAGE-PACKAGE-PRICE.line_twice", None)] == dt.date(2025, 6, 10)
    f = next(s.finding for s in planted.findings if s.finding.message_key == "STAGE-PLAN-BUDGET")
    assert finding_date(f, planted.dossier) == dt.date(2025, 3, 10)  # the policy decision


# --- the mapping of every STAGE- code ----------------------------------------------------------


def _stage_rules() -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for code, rule in RULES.items():
        if code.startswith("STAGE-"):
            out += [(code, case) for case in rule.cases] if rule.cases else [(code, None)]
    return out


def test_every_stage_code_and_case_has_a_stage_in_the_table() -> None:
    pairs = _stage_rules()
    assert len(pairs) > 30  # the registry's STAGE- rules are loaded
    for code, case in pairs:
        key = f"{code}.{case}" if case else code
        assert key in STAGE_OF or code in STAGE_OF, key
    known = {code for code, _ in pairs} | {f"{c}.{k}" for c, k in pairs if k}
    assert set(STAGE_OF) <= known, set(STAGE_OF) - known  # no entry for a code that is gone


_FIELDS = {
    "STAGE-PLAN-BUDGET": ("policy.total", "policy"),
    "STAGE-DATES.approval_before_policy": ("approval.decision.date", "approval"),
    "STAGE-DATES.plan_before_approval": ("selection_plan.decision.date", "selection_plan"),
    "STAGE-DATES.acceptance_before_contract": ("acceptances.HD-01", "acceptance"),
    "STAGE-DATES.payment_before_contract": ("payments.HD-01", "payment"),
    "STAGE-DATES.settlement_before_acceptance": ("settlement.decision.date", "settlement"),
    "STAGE-DATES.settlement_steps": ("settlement.filed", "settlement"),
    "STAGE-DATES.contract_before_plan": ("contracts.HD-01.decision.date", "contract"),
    "STAGE-DATES.contract_before_approval": ("contracts.HD-01.decision.date", "contract"),
    "STAGE-DATES.contract_before_result": ("contracts.HD-01.decision.date", "contract"),
    "STAGE-DATES.payment_before_acceptance": ("payments.HD-01", "payment"),
}


@pytest.mark.parametrize(("code", "case"), _stage_rules())
def test_every_stage_finding_maps_to_a_stage(code: str, case: str | None) -> None:
    key = f"{code}.{case}" if case else code
    where, expected = _FIELDS.get(key, ("contracts.HD-01", None))
    f = RULES[code].finding(Hit({}, case=case, field=where), estimate="p1")
    stage = finding_stage(f)
    if code == "STAGE-REPEAT-NOT-RUN":
        assert stage is None  # about the portfolio, not one project's stage
        return
    assert stage in STAGES
    if expected is not None:
        assert stage == expected
    if STAGE_OF.get(key, STAGE_OF.get(code)) == "field":
        assert key in _FIELDS or code in _FIELDS, f"{key} is placed by its field: test a field"


def test_a_check_of_the_estimate_itself_is_placed_at_the_approval(clean: Timeline) -> None:
    own = [f for f in clean.row("approval").findings if not f.code.startswith("STAGE-")]
    assert own  # the estimate's own checks (info notes) come with check_dossier
    assert all(finding_stage(f) == "approval" for f in own)


def test_findings_of_other_dossiers_are_left_out() -> None:
    every = check_dossiers([CLEAN, PLANTED])
    t = timeline(CLEAN, every)
    assert not any(f.severity == "error" for r in t.rows for f in r.findings)
    p = timeline(PLANTED, every)
    assert sum(len(r.findings) for r in p.rows) >= len(_PLANTED_STAGE)


# --- adjustments -------------------------------------------------------------------------------


def _adjusted(settled: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CLEAN.read_text("utf-8"))
    data = copy.deepcopy(data)
    data["adjustments"] = [
        {
            "stage": "contract",
            "target": "HD-02",
            "total": 1_030_000_000,
            "decision": {"number": "PL-01/HĐMB", "date": dt.date(2025, 9, 15)},
        },
        {
            "stage": "approval",
            "total": 1_400_000_000,
            "decision": {"number": "300/QĐ-STP", "date": dt.date(2025, 6, 1)},
        },
        {
            "stage": "selection_plan",
            "target": "GT-02",
            "total": 1_040_000_000,
            "decision": {"number": "301/QĐ-STP", "date": dt.date(2025, 6, 20)},
        },
    ]
    if settled is not None:
        data["settlement"]["total"] = settled
    return data


def test_adjustments_are_rows_after_the_stage_they_adjust() -> None:
    t = timeline(load_dossier(_adjusted()))
    assert [r.key for r in t.rows] == [
        "plan",
        "policy",
        "approval",
        "adjustment:approval:1",
        "selection_plan",
        "adjustment:selection_plan:1",
        "contract",
        "adjustment:contract:1",
        "acceptance",
        "payment",
        "settlement",
    ]
    adj = t.row("adjustment:approval:1")
    assert (adj.value, adj.difference, adj.previous) == (
        D(1_400_000_000),
        D(37_691_502),
        "approval",
    )
    assert adj.label("vi") == "Điều chỉnh phê duyệt dự án"
    assert t.row("selection_plan").difference == D(-105_001_502)  # 1.294.998.498 − 1.400.000.000
    # 4.002.498 + 1.040.000.000 (GT-02 adjusted) + 257.040.000
    assert t.row("adjustment:selection_plan:1").value == D(1_301_042_498)
    assert (
        t.row("adjustment:selection_plan:1").label("en") == "Adjustment of the selection plan GT-02"
    )
    # 4.000.000 + 1.030.000.000 (HD-02 adjusted) + 250.000.000
    assert t.row("adjustment:contract:1").value == D(1_284_000_000)
    assert t.row("acceptance").difference == D(-15_000_000)
    steps = t.steps()
    assert steps["approved"][-1] == (dt.date(2025, 6, 1), D(1_400_000_000))
    assert steps["contracted"][-1] == (dt.date(2025, 9, 15), D(1_284_000_000))
    assert not t.checked
    assert "chưa được kiểm tra" in t.to_markdown("vi")


def test_exceeding_holds_a_stage_against_the_adjusted_ceiling() -> None:
    within = timeline(load_dossier(_adjusted(settled=1_380_000_000)))
    assert exceeding([within]) == []  # 1.380.000.000 ≤ 1.400.000.000 as adjusted
    data = _adjusted(settled=1_380_000_000)
    data["adjustments"] = [a for a in data["adjustments"] if a["stage"] != "approval"]
    over = exceeding([timeline(load_dossier(data))])
    assert [(e.stage, e.over, e.excess) for e in over] == [
        ("settlement", "approval", D(17_691_502))  # 1.380.000.000 − 1.362.308.498
    ]


def test_exceeding_across_the_portfolio(clean: Timeline, planted: Timeline) -> None:
    found = exceeding([clean, planted])
    assert [(e.project, e.stage, e.over, e.excess) for e in found] == [
        ("stp-qlvb-2026-planted", "policy", "plan", D(100_000_000)),
        ("stp-qlvb-2026-planted", "approval", "policy", D(62_308_498)),
        ("stp-qlvb-2026-planted", "contract", "selection_plan", D(12_957_502)),
        ("stp-qlvb-2026-planted", "contract", "approval", D(11_691_502)),
        ("stp-qlvb-2026-planted", "payment", "acceptance", D(500_000)),
        ("stp-qlvb-2026-planted", "payment", "contract", D(500_000)),
        ("stp-qlvb-2026-planted", "settlement", "approval", D(105_796_264)),
    ]
    assert set(HELD_AGAINST) <= set(STAGES)
    assert exceeding([planted], tolerance=D(500_000))[-1].stage == "settlement"
    assert len(exceeding([planted], tolerance=D(500_000))) == 5
    md = found.to_markdown("vi")
    assert "| stp-qlvb-2026-planted | Quyết toán | phê duyệt dự án | 1.468.104.762 |" in md
    assert "+105.796.264" in md
    assert "Settlement | approval | 1,468,104,762" in found.to_markdown("en")
    assert "Không dự án nào" in exceeding([clean]).to_markdown("vi")
    df = found.to_dataframe()
    assert next(iter(df["excess"])) == D(100_000_000)
    assert "vượt" in found[0].sentence("vi")
    assert "Không dự án nào" in exceeding([clean])._repr_html_()
    assert "<li" in found._repr_html_()


# --- the outputs -------------------------------------------------------------------------------


def test_markdown_in_vietnamese(planted: Timeline) -> None:
    md = planted.to_markdown("vi")
    assert "## Tiến trình dự án stp-qlvb-2026-planted" in md
    assert "| Giai đoạn | Nội dung giá trị | Ngày |" in md
    assert (
        "| Phê duyệt dự án | tổng mức được phê duyệt | 30/05/2025 | 210/QĐ-STP | 1.362.308.498 "
        "| +62.308.498 | +4,79 % |"
    ) in md
    assert "| Kế hoạch lựa chọn nhà thầu | tổng giá các gói thầu | 10/06/2025 |" in md
    assert "−1.266.000 | −0,09 % |" in md
    assert "05/07/2025 – 25/08/2025" in md
    assert "STAGE-PAYMENT\u00a0×4" in md
    assert "**Quyết toán**" in md
    assert "- Lỗi STAGE-CEILING.settlement_over_approval: Giá trị quyết toán 1.468.104.762 đ" in md


def test_markdown_in_english(planted: Timeline, clean: Timeline) -> None:
    md = planted.to_markdown("en")
    assert "## Timeline of project stp-qlvb-2026-planted" in md
    assert "| Approval | the approved total | 2025-05-30 | 210/QĐ-STP | 1,362,308,498 " in md
    assert "+62,308,498 | +4.79 % |" in md
    assert "- Error STAGE-CEILING.approval_over_policy:" in md
    assert "Lỗi" not in md
    assert "No finding" not in clean.to_markdown("en")  # the estimate's infos are findings


def test_markdown_and_text_make_the_dossier_inert() -> None:
    data: dict[str, Any] = yaml.safe_load(CLEAN.read_text("utf-8"))
    data["name"] = "[x](javascript:alert(1)) <script>|\x1b[2J"
    data["plan"]["decision"]["number"] = "<b>1</b>"
    t = timeline(load_dossier(data))
    md = t.to_markdown("vi")
    assert "\\[x\\](javascript:alert(1)) &lt;script>\\|" in md
    assert "<b>" not in md
    assert "\x1b" not in md
    assert "\x1b" not in t.to_text("vi")
    assert "&lt;script&gt;" in t._repr_html_()


def test_text_is_fixed_width(planted: Timeline) -> None:
    out = planted.to_text("vi")
    table = out.split("Các phát hiện theo giai đoạn")[0].splitlines()
    assert max(len(line) for line in table) <= 120
    assert any(line.startswith("Kế hoạch lựa chọn") for line in table)
    assert all(len(line) <= 120 for line in out.splitlines())
    head = next(line for line in table if line.startswith("Giai đoạn"))
    row = next(line for line in table if "1.362.308.498" in line)
    end = head.index("Giá trị (đ)") + len("Giá trị (đ)")
    assert row.index("1.362.308.498") + len("1.362.308.498") == end  # right-aligned
    assert "Settlement" in planted.to_text("en")


def test_dataframe(planted: Timeline) -> None:
    pytest.importorskip("pandas")
    df = planted.to_dataframe(lang="en")
    assert list(df["key"]) == [r.key for r in planted.rows]
    assert df.loc[2, "value"] == D(1_362_308_498)
    assert df.loc[2, "label"] == "Approval"
    assert (
        df.loc[6, "n_findings"] == 6
    )  # with STAGE-NOT-CHECKED.advance_guarantee (an advance before NĐ 254/2025)
    assert df.loc[0, "difference"] is not None
    assert str(df["recorded"].dtype) == "boolean"
    ints = planted.to_dataframe(money="int")
    assert str(ints["value"].dtype) == "Int64"


def test_repr_html(planted: Timeline) -> None:
    html = planted._repr_html_()
    assert "<table>" in html
    assert "1.362.308.498" in html or "1,362,308,498" in html


# --- the chart ---------------------------------------------------------------------------------


def test_chart_written_as_png_and_svg(planted: Timeline, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib (the 'chart' extra) is not installed")
    png = tmp_path / "t.png"
    fig = plot_timeline(planted, png, lang="vi")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Giá trị (triệu đồng)"
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:5] == [
        "Mức được duyệt (trần)",
        "Hợp đồng đã ký (lũy kế)",
        "Đã nghiệm thu (lũy kế)",
        "Đã chi (lũy kế)",
        "Quyết toán",
    ]
    notes = fig.axes[1].texts[0].get_text()
    assert notes.count("\n(") + 1 == 10  # ten dates with errors or warnings
    assert "(10) 20/03/2026 · quyết toán: STAGE-CEILING, STAGE-SETTLEMENT ×3" in notes
    svg = tmp_path / "t.svg"
    plot_timeline(planted, svg, lang="en")
    assert b"<svg" in svg.read_bytes()[:500]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.png", "t.svg"]  # no debris


def test_chart_of_the_clean_sample_marks_nothing(clean: Timeline) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib (the 'chart' extra) is not installed")
    fig = plot_timeline(clean, lang="en")
    assert fig.axes[1].texts[0].get_text() == "No error or warning to mark."
    steps = [ln for ln in fig.axes[0].get_lines() if str(ln.get_label()).startswith("Approved")]
    np = pytest.importorskip("numpy")
    assert np.asarray(steps[0].get_ydata())[-1] == pytest.approx(1362.308498)  # million đồng


def test_chart_of_small_amounts_over_weeks_is_in_dong_by_day(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="matplotlib (the 'chart' extra) is not installed")
    t = timeline(
        {
            "id": "p1",
            "name": "Một",
            "owner": {"name": "X"},
            "policy": {"total": "100", "decision": {"number": "1", "date": "2026-01-10"}},
            "approval": {
                "document": "outline",
                "total": "120",
                "decision": {"number": "2", "date": "2026-02-10"},
            },
        },
        [],
    )
    fig = plot_timeline(t, tmp_path / "t.png")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "Giá trị (đồng)"
    fig.canvas.draw()
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert any(re.fullmatch(r"\d\d/\d\d/2026", tick) for tick in ticks), ticks
    assert any(tick.get_text() == "120" for tick in ax.get_yticklabels())


def test_chart_refuses_an_unknown_format(planted: Timeline, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="png, svg, pdf"):
        plot_timeline(planted, tmp_path / "t.jpg")
    assert not list(tmp_path.iterdir())


def test_chart_without_matplotlib_names_the_extra(
    planted: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"'chart' extra"):
        plot_timeline(planted)


# --- the workbook ------------------------------------------------------------------------------


def test_workbook_read_back(planted: Timeline, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_timeline_xlsx(planted, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Tiến trình", "Phát hiện"]
    ws = wb["Tiến trình"]
    assert ws["A1"].value == "Tiến trình dự án stp-qlvb-2026-planted"
    assert [ws.cell(4, c).value for c in (1, 6, 7, 8)] == [
        "Giai đoạn",
        "Giá trị (đồng)",
        "Chênh lệch so với giai đoạn trước (đồng)",
        "Chênh lệch (%)",
    ]
    assert [ws.cell(r, 1).value for r in range(5, 13)] == [
        "Kế hoạch",
        "Chủ trương đầu tư",
        "Phê duyệt dự án",
        "Kế hoạch lựa chọn nhà thầu",
        "Hợp đồng",
        "Nghiệm thu",
        "Thanh toán",
        "Quyết toán",
    ]
    assert ws["F7"].value == 1_362_308_498
    assert ws["G7"].value == "=F7-F6"
    assert ws["H7"].value == '=IF(F6=0,"",G7/F6)'
    assert ws["C9"].value == dt.datetime(2025, 7, 5)
    assert ws["D9"].value == dt.datetime(2025, 8, 25)
    assert ws["G5"].value is None  # the first stage has nothing before it
    assert "STAGE-PAYMENT ×4" in ws["J11"].value
    cached = openpyxl.load_workbook(path, data_only=True)["Tiến trình"]
    assert cached["G7"].value == 62_308_498
    assert cached["H7"].value == pytest.approx(62_308_498 / 1_300_000_000)
    fs = wb["Phát hiện"]
    rows = list(fs.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(planted.findings)
    first_stage = next(r for r in rows if r[3] == "STAGE-PLAN-BUDGET")
    assert first_stage[:4] == (
        "Chủ trương đầu tư",
        dt.datetime(2025, 3, 10),
        "Cảnh báo",
        "STAGE-PLAN-BUDGET",
    )
    en = openpyxl.load_workbook(write_timeline_xlsx(planted, tmp_path / "en.xlsx", lang="en"))
    assert en.sheetnames == ["Timeline", "Findings"]


def test_workbook_of_an_unchecked_dossier_says_so(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_timeline_xlsx(timeline(CLEAN), tmp_path / "t.xlsx")
    fs = openpyxl.load_workbook(path)["Phát hiện"]
    assert "chưa được kiểm tra" in fs["A4"].value


def test_workbook_without_xlsxwriter_names_the_extra(
    planted: Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(ImportError, match=r"'excel' extra"):
        write_timeline_xlsx(planted, tmp_path / "t.xlsx")
    assert not list(tmp_path.iterdir())
