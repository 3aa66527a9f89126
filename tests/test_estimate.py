"""The full project estimate: the sample project, methods, VAT, contingency, errors, properties."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ictcost import InputError, NormRegistry, RegimeError
from ictcost.cli import app
from ictcost.estimate import Estimate, ProjectInput, compute_estimate, load_project
from ictcost.report.text import atomic_write_text

EXAMPLES = Path(__file__).parents[1] / "examples"
REG = NormRegistry.shipped().with_pack(EXAMPLES / "pack")


def sample() -> Estimate:
    return compute_estimate(
        load_project(EXAMPLES / "portal-project.yaml"), registry=REG, base_dir=EXAMPLES
    )


def project(lines, *, date="2025-09-15", form="investment_project", contingency=None, **meta):
    data = {"project": {"name": "P", "date": date, "form": form, **meta}, "lines": lines}
    if contingency is not None:
        data["contingency"] = contingency
    return load_project(data)


SERVER = {
    "id": "TB-01",
    "component": "thiet_bi",
    "name": "Máy chủ",
    "method": "quotation",
    "vat": "general",
    "unit": "bộ",
    "quantity": 2,
    "unit_price": 100_000_000,
}


def line(**changes):
    return SERVER | changes


# --- the sample project -------------------------------------------------------------------------


def test_sample_lines_by_hand():
    e = sample()
    tb1 = e.line("TB-01")
    # median of 285,000,000 / 292,000,000 / 279,500,000 = 285,000,000; × 2 = 570,000,000
    assert tb1.unit_price == 285_000_000 and tb1.amount == 570_000_000
    assert tb1.vat_rate == 8 and tb1.vat == 45_600_000  # IT goods 8 % (2025-07-01 round)
    assert "disputed_value" not in tb1.flags  # secondary-8 since legal-research-2026-12 §5
    # price list: 2 × 28,500,000 from the user pack
    assert e.line("TB-02").amount == 57_000_000
    assert any(c.pack != "ictcost" for c in e.line("TB-02").citations)
    # software: not subject to VAT; G_PM of the example software input
    pm = e.line("PM-01")
    assert (pm.vat_treatment, pm.vat_rate, pm.vat) == ("not_subject", None, 0)
    assert pm.amount == 482_035_330
    # expert: 60 × 850,000 + 15 × 1,100,000 = 67,500,000
    assert e.line("DL-01").amount == 67_500_000
    # The fee bases, derived from the norm's definition (qd1688-bases, qd1688-parts):
    # part a (infrastructure) = TB-01 570,000,000 + TB-02 57,000,000 + TB-03 76,000,000
    #   + DT-01 21,000,000 = 724,000,000; part b (software/database) = PM-01 482,035,330
    #   + DL-01 67,500,000 = 549,535,330 (appraisal-review §1.1: DL-01 is category b and
    #   DT-01 belongs to the infrastructure base).
    a, b = 724_000_000, 549_535_330
    for fee_id, base in [("QLDA", b), ("QLDA-HT", a), ("TV-01", b), ("TV-01-HT", a)]:
        assert e.line(fee_id).trace.base == base
        assert e.line(fee_id).trace.base_source == "derived"
    assert e.line("QLDA-HT").trace.derived_lines == ("TB-01", "TB-02", "TB-03", "DT-01")
    assert e.line("QLDA").trace.derived_lines == ("PM-01", "DL-01")
    # QLDA, software, KTKT, below 7 tỷ: 1.855 % × 549,535,330 = 10,193,880.37… → 10,193,880
    assert e.line("QLDA").amount == 10_193_880
    # QLDA infrastructure KTKT: 2.644 × 0.84 = 2.22096 % × 724,000,000 = 16,079,750.4 → 16,079,750
    assert e.line("QLDA-HT").amount == 16_079_750
    # lập BC KTKT: b 3.64 % × 549,535,330 = 20,003,086.0… ; a 0.992 × 1.65 = 1.6368 % × 724 M
    assert e.line("TV-01").amount == 20_003_086
    assert e.line("TV-01-HT").amount == 11_850_432
    # thẩm tra BC KTKT: b 0.1764 % × 549,535,330 = 969,380; a (0.4 × 0.105 + 0.7 × 0.087
    #   + 0.7 × 0.078) = 0.1575 % × 724 M = 1,140,300; both below the 2,000,000 minimum
    assert e.line("TV-02").amount == 2_000_000
    assert e.line("TV-02-HT").amount == 2_000_000
    # HSMT: 8a 0.283 % × 724 M = 2,048,920; 8b 0.405 % × 549,535,330 = 2,225,618.09 → 2,225,618
    assert e.line("TV-03").amount == 2_048_920
    assert e.line("TV-04").amount == 2_225_618
    # no line is left out of a base: the estimate notes no gap
    assert "fee_base_gap" not in e.flags
    assert all(not c.missing_lines and not c.double_lines for c in e.fee_coverage)
    assert e.line("K-01").method_status == "given"


def test_sample_totals_add_up():
    e = sample()
    assert e.amount == sum(ln.amount for ln in e.lines)
    assert e.vat == sum(ln.vat for ln in e.lines)
    for c in e.components:
        members = [ln for ln in e.lines if ln.group == c.key]
        assert c.amount == sum(ln.amount for ln in members)
        assert c.total == c.amount + c.vat
    # TT 04/2020, KTKT: Kps 5 % (the cap) on the after-VAT sum
    assert e.contingency is not None and e.contingency.cap_percent == 5
    with localcontext() as ctx:
        ctx.prec = 50
        assert e.contingency.total == (e.total_before_contingency * Decimal("0.05")).quantize(
            Decimal(1), rounding="ROUND_HALF_UP"
        )
    assert e.total == e.total_before_contingency + e.contingency.total
    assert e.total_in_words.startswith("Một tỷ năm trăm mười ba triệu")
    assert e.regime.id == "nd73_2019"
    assert [c.symbol for c in e.components] == ["G_XL", "G_TB", "G_QLDA", "G_TV", "G_K"]


def test_sample_outputs():
    e = sample()
    md = e.to_markdown()
    assert "không chịu thuế" in md and "1.513.045.024" in md and "Bằng chữ" in md
    assert "<table>" in e._repr_html_()
    assert Estimate.model_validate_json(e.to_json()) == e
    df = e.to_dataframe()
    assert list(df["id"]) == [ln.id for ln in e.lines]
    assert isinstance(df["amount"].iloc[0], Decimal)


def test_cli_estimate_json_and_md(tmp_path: Path):
    md = tmp_path / "out.md"
    r = CliRunner().invoke(
        app,
        [
            "estimate",
            str(EXAMPLES / "portal-project.yaml"),
            "--pack",
            str(EXAMPLES / "pack"),
            "--json",
            "--md",
            str(md),
        ],
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["total"] == str(sample().total)
    assert "Tổng hợp" in md.read_text(encoding="utf-8")


def test_cli_error_writes_nothing(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "project: {name: P, date: 2025-09-15, form: ktkt}\nlines:\n"
        "  - {id: A, component: thiet_bi, name: X, method: quotation, vat: general,"
        " quantity: -1, unit_price: 5}\n",
        encoding="utf-8",
    )
    md = tmp_path / "keep.md"
    md.write_text("old", encoding="utf-8")
    r = CliRunner().invoke(app, ["estimate", str(bad), "--md", str(md)])
    assert r.exit_code == 2
    assert "[0: A]" in r.stderr and "bad.yaml:3:" in r.stderr
    assert md.read_text(encoding="utf-8") == "old"


# --- methods ------------------------------------------------------------------------------------


def test_regime_grouping_changes_across_2026_03_01():
    before = compute_estimate(project([line()], date="2026-02-28"))
    after = compute_estimate(project([line()], date="2026-03-01"))
    assert (before.regime.id, after.regime.id) == ("nd73_2019", "nd45_2026")
    assert before.line("TB-01").group == "thiet_bi"
    assert after.line("TB-01").group == "trang_thiet_bi"


def test_norm_after_2026_03_01_is_a_reference():
    lines = [
        line(),
        {
            "id": "QLDA",
            "component": "quan_ly_du_an",
            "name": "QLDA",
            "method": "norm",
            "vat": "not_applicable",
            "fee": {"item": "quan_ly_du_an", "category": "infrastructure", "base_lines": ["TB-01"]},
        },
    ]
    e = compute_estimate(project(lines, date="2026-08-01"))
    qlda = e.line("QLDA")
    assert qlda.method_status == "reference" and "reference_only" in qlda.flags
    assert compute_estimate(project(lines)).line("QLDA").method_status == "listed"


def test_annuity_rental_by_hand():
    # Tđ = 1,200,000,000; S = 0; N = 6 %/yr; k = 12 → r = 0.005; n = 36, end of period
    # Gdv = Tđ·r·(1+r)ⁿ / ((1+r)ⁿ − 1); Gtdv = Gdv × 36
    with localcontext() as ctx:
        ctx.prec = 60
        r = Decimal("0.005")
        g = (1 + r) ** 36
        expected = (Decimal(1_200_000_000) * r * g / (g - 1) * 36).quantize(
            Decimal(1), rounding="ROUND_HALF_UP"
        )
    rent = {
        "id": "T-01",
        "component": "thue_dich_vu",
        "name": "Thuê dịch vụ",
        "method": "calculation",
        "vat": "general",
        "rental": {
            "build_cost": 1_200_000_000,
            "residual_value": 0,
            "annual_rate_percent": 6,
            "periods_per_year": 12,
            "periods": 36,
            "timing": "end",
        },
    }
    e = compute_estimate(project([rent], date="2025-09-15"))
    assert e.line("T-01").amount == expected
    assert 1_300_000_000 < expected < 1_320_000_000  # sanity: 36 × ~36.5 million
    with pytest.raises(InputError, match="not allowed for thue_dich_vu"):
        compute_estimate(project([rent], date="2026-08-01"))
    with pytest.raises(InputError, match="legacy regime"):
        compute_estimate(project([rent | {"method": "quotation"}], date="2026-08-01"))


def test_period_rental_and_expert_and_fixed():
    lines = [
        {
            "id": "R",
            "component": "thue_dich_vu",
            "name": "Cloud",
            "method": "listed_price",
            "vat": "general",
            "rental": {"price_per_period": 12_000_000, "periods": 12},
        },
        {
            "id": "E",
            "component": "dao_tao",
            "name": "Đào tạo",
            "method": "expert",
            "vat": "general",
            "expert": [{"description": "GV", "person_days": "2.5", "day_rate": 2_000_000}],
        },
        {
            "id": "F",
            "component": "chi_phi_khac",
            "name": "Kiểm toán",
            "method": "fixed",
            "vat": "general",
            "amount": 30_000_000,
            "basis": "HĐ số 12",
        },
    ]
    e = compute_estimate(project([lines[0], lines[2]], date="2026-08-01", form="rental_plan"))
    assert e.line("R").amount == 144_000_000
    assert e.line("R").group == "thue_dich_vu"
    e2 = compute_estimate(project(lines[1:]))
    assert e2.line("E").amount == 5_000_000
    assert e2.line("F").flags == ("fixed",)


def test_contingency_nd224_two_parts():
    # base after VAT: 200,000,000 × 1.08 = 216,000,000; volume 5 % = 10,800,000
    # escalation on the value before any contingency (construction practice; appraisal-review
    # E9): 216,000,000 × (60 % × (1.04¹ − 1) + 40 % × (1.04² − 1))
    #   = 216,000,000 × (0.024 + 0.03264) = 216,000,000 × 0.05664 = 12,234,240
    e = compute_estimate(
        project(
            [line()],
            date="2026-08-01",
            contingency={
                "on": "after_vat",
                "volume_percent": 5,
                "escalation": [
                    {"year": 1, "share_percent": 60, "index_percent": 4},
                    {"year": 2, "share_percent": 40, "index_percent": 4},
                ],
            },
        )
    )
    assert e.contingency.volume_amount == 10_800_000
    assert e.contingency.escalation_amount == 12_234_240
    assert e.contingency.escalation_base == 216_000_000
    assert e.total == 216_000_000 + 10_800_000 + 12_234_240


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "kwargs", "error", "fragment"),
    [
        ([line(component="phan_cung")], {}, InputError, "lines[0: TB-01].component"),
        ([line(quantity=-1)], {}, InputError, "lines[0: TB-01].quantity"),
        ([line(unit_price=None)], {}, InputError, "needs a unit price"),
        ([line(quantity=None)], {}, InputError, "quantity is required"),
        ([line(unit_price=1.5)], {}, InputError, "float"),
        ([line(method="appraisal")], {}, InputError, "not allowed for thiet_bi"),
        ([line(vat="vat_luxury")], {}, InputError, "unknown VAT category"),
        ([line(), line()], {}, InputError, "used twice"),
        (
            [line(quotes=[{"source": "A", "unit_price": 1}], unit_price=None)],
            {},
            InputError,
            "no rule picks",
        ),
        (
            [line(method="fixed", quantity=None, unit_price=None, amount=5)],
            {},
            InputError,
            "needs its basis",
        ),
        (
            [line(method="calculation", quantity=None, unit_price=None)],
            {},
            InputError,
            "not allowed for thiet_bi",
        ),
        (
            [line(component="thue_dich_vu", method="calculation", quantity=None, unit_price=None)],
            {},
            InputError,
            "use-case-point method for internal software",
        ),
        (
            [
                line(),
                {
                    "id": "Q",
                    "component": "quan_ly_du_an",
                    "name": "Q",
                    "method": "norm",
                    "vat": "not_applicable",
                    "fee": {
                        "item": "quan_ly_du_an",
                        "category": "software",
                        "base_lines": ["NOPE"],
                    },
                },
            ],
            {},
            InputError,
            "unknown or later fee lines",
        ),
        ([line()], {"date": "2024-01-01"}, InputError, "'general' is not encoded on 2024-01-01"),
        ([line()], {"date": "2008-06-01"}, RegimeError, "no legal regime"),
        ([line()], {"date": "2019-06-01"}, RegimeError, "no legal regime"),
        (
            [line(component="thiet_bi")],
            {"form": "rental_plan", "date": "2026-08-01"},
            InputError,
            "is not part of a Digital-service rental — rental plan under nd224_2026",
        ),
        (
            [line()],
            {"contingency": {"on": "after_vat", "rate_percent": 8}},
            InputError,
            "above the cap of 7",
        ),
        (
            [line()],
            {"form": "ktkt", "contingency": {"on": "after_vat", "rate_percent": 6}},
            InputError,
            "above the cap of 5",
        ),
        (
            [line()],
            {"contingency": {"on": "after_vat", "volume_percent": 5}},
            InputError,
            "rate_percent only",
        ),
        (
            [line()],
            {"date": "2026-08-01", "contingency": {"on": "after_vat", "rate_percent": 5}},
            InputError,
            "separate parts",
        ),
        (
            [line()],
            {"date": "2026-08-01", "contingency": {"on": "after_vat", "volume_percent": 5}},
            InputError,
            "escalation part needs",
        ),
        (
            [line()],
            {
                "date": "2026-08-01",
                "contingency": {
                    "on": "after_vat",
                    "volume_percent": 5,
                    "escalation": [{"year": 1, "share_percent": 50, "index_percent": 3}],
                },
            },
            InputError,
            "add up to 50",
        ),
        (
            [line(component="thue_dich_vu", quantity=1)],
            {
                "date": "2026-08-01",
                "form": "rental_plan",
                "contingency": {"on": "after_vat", "volume_percent": 5, "escalation_amount": 1},
            },
            InputError,
            "no price-escalation part",
        ),
    ],
)
def test_bad_projects(lines, kwargs, error, fragment):
    with pytest.raises(error) as exc:
        compute_estimate(project(lines, **kwargs))
    assert fragment in str(exc.value)


def test_errors_name_the_line():
    with pytest.raises(InputError) as exc:
        compute_estimate(project([line(method="appraisal")]))
    assert exc.value.field == "lines.TB-01.method"
    assert "'TB-01'" in str(exc.value)


# --- properties -----------------------------------------------------------------------------

VAT = st.sampled_from(
    ["general", "it_goods_services", "software", "not_applicable", "excluded_from_reduction"]
)
LINE = st.builds(
    lambda i, q, p, v: {
        "id": f"L{i}",
        "component": "thiet_bi",
        "name": f"item {i}",
        "method": "quotation",
        "vat": v,
        "quantity": q,
        "unit_price": p,
    },
    st.integers(),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=10**10),
    VAT,
)


@settings(max_examples=60)
@given(
    st.lists(LINE, min_size=1, max_size=12, unique_by=lambda d: d["id"]),
    st.dates(min_value=dt.date(2025, 7, 1), max_value=dt.date(2027, 12, 31)),
)
def test_totals_equal_the_sum_of_lines(lines, day):
    e = compute_estimate(project(lines, date=day.isoformat()))
    assert e.amount == sum(ln.amount for ln in e.lines)
    assert e.vat == sum(ln.vat for ln in e.lines)
    assert e.total == e.amount + e.vat
    assert sum(c.total for c in e.components) == e.total
    for ln in e.lines:
        if ln.vat_treatment != "taxable":
            assert ln.vat == 0 and ln.vat_rate is None
        assert ln.total == ln.amount + ln.vat


def test_markdown_write_is_atomic_and_keeps_permissions(tmp_path: Path):
    target = tmp_path / "r.md"
    atomic_write_text(target, "one")
    assert target.stat().st_mode & 0o077  # not mkstemp's private 0600
    target.chmod(0o640)
    atomic_write_text(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left


def test_with_norm_bases_puts_unreasoned_overrides_back_on_the_norm():
    p = load_project(EXAMPLES / "portfolio" / "04-hoi-nghi-truyen-hinh.yaml")
    q = p.with_norm_bases()
    before = compute_estimate(p, base_dir=EXAMPLES / "portfolio").line("QLDA")
    after = compute_estimate(q, base_dir=EXAMPLES / "portfolio").line("QLDA")
    # the submitted base 3,085,000,000 leaves the training DT-01 (12,500,000) out; the norm's
    # base is 3,097,500,000: 2.22096 % × 3,097,500,000 = 68,794,236
    assert (before.trace.base, before.amount) == (3_085_000_000, 68_516_616)
    assert (after.trace.base, after.amount) == (3_097_500_000, 68_794_236)
    assert after.trace.base_source == "derived"
    reasoned = p.model_copy(
        update={
            "lines": tuple(
                ln.model_copy(
                    update={"fee": ln.fee.model_copy(update={"base_reason": "DT-01 miễn phí"})}
                )
                if ln.fee is not None
                else ln
                for ln in p.lines
            )
        }
    )
    kept = reasoned.with_norm_bases()
    assert [ln.fee.base_lines for ln in kept.lines if ln.fee] == [
        ln.fee.base_lines for ln in p.lines if ln.fee
    ]


# --- files a project references (reliability review D4, D5) -------------------------------------


def _software_project(tmp_path: Path, software: str) -> ProjectInput:
    return load_project(
        {
            "project": {
                "name": "P",
                "date": "2025-09-15",
                "project_kind": "investment",
                "document": "ktkt_report",
            },
            "lines": [
                {
                    "id": "PM-01",
                    "component": "phan_mem_noi_bo",
                    "name": "Phần mềm",
                    "method": "calculation",
                    "vat": "software",
                    "software": software,
                }
            ],
        }
    )


def _software_file(folder: Path) -> Path:
    path = folder / "software.yaml"
    path.write_text(
        (EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_a_software_input_outside_the_project_folder_is_refused(tmp_path: Path, how: str):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = _software_file(outside)
    folder = tmp_path / "project"
    folder.mkdir()
    if how == "absolute":
        name = str(target)
    elif how == "dotdot":
        name = "../elsewhere/software.yaml"
    else:
        (folder / "link.yaml").symlink_to(target)
        name = "link.yaml"
    project = _software_project(tmp_path, name)
    with pytest.raises(InputError) as info:
        compute_estimate(project, base_dir=folder)
    assert "inside the project's folder" in info.value.message
    assert "allow_outside" in (info.value.hint or "")
    # allowed explicitly, the same file computes
    e = compute_estimate(project, base_dir=folder, allow_outside=True)
    assert e.line("PM-01").amount == 482_035_330


def test_a_software_input_inside_the_folder_is_read(tmp_path: Path):
    _software_file(tmp_path)
    e = compute_estimate(_software_project(tmp_path, "software.yaml"), base_dir=tmp_path)
    assert e.line("PM-01").amount == 482_035_330


def test_a_device_or_a_pipe_is_refused_before_it_is_read(tmp_path: Path):
    import os  # noqa: PLC0415

    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # reading it would block forever
    with pytest.raises(InputError, match="not a regular file"):
        compute_estimate(_software_project(tmp_path, "pipe.yaml"), base_dir=tmp_path)
    with pytest.raises(InputError, match="not a regular file"):
        compute_estimate(
            _software_project(tmp_path, "/dev/zero"), base_dir=tmp_path, allow_outside=True
        )


def test_a_huge_input_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from ictcost.inputs import _files  # noqa: PLC0415

    monkeypatch.setattr(_files, "MAX_INPUT_BYTES", 100)
    _software_file(tmp_path)
    with pytest.raises(InputError, match="above the limit"):
        compute_estimate(_software_project(tmp_path, "software.yaml"), base_dir=tmp_path)
