"""The planning-stage Monte Carlo (issue 12, item 4): ranges, the vectorised model, the result.

The vectorised model is cross-checked against the exact Decimal path: at the modes it gives the
legal total and every group total (within 1 đồng per varying line), at random points it gives
the total of the exact estimate of the project with those inputs, and the vectorised fee equals
``compute_fee`` over random bases. Every refusal of a range is tested with its field and hint.
"""

from __future__ import annotations

import doctest
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ictcost import NormRegistry
from ictcost.errors import InputError
from ictcost.estimate import compute_estimate, load_project
from ictcost.estimate.model import ProjectInput
from ictcost.inputs import load_software_input
from ictcost.simulation import (
    RangeSpec,
    Simulation,
    draw_inputs,
    load_ranges,
    simulate,
    spearman,
)
from ictcost.simulation._model import RangedInput, TotalModel, build_model, round_half_away

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PROJECT = EXAMPLES / "portal-project.yaml"
RANGES = EXAMPLES / "portal-ranges.yaml"
PACK = EXAMPLES / "pack"
REG = NormRegistry.shipped().with_pack(PACK)
PORTAL = load_project(PROJECT)
PORTAL_ESTIMATE = compute_estimate(PORTAL, registry=REG, base_dir=EXAMPLES)
EXAMPLE_FILES = sorted(
    p for p in EXAMPLES.glob("*.yaml") if "ranges" not in p.name and "software" not in p.name
)


def _model(project: ProjectInput, spec: RangeSpec, base_dir: Path = EXAMPLES) -> TotalModel:
    estimate = compute_estimate(project, registry=REG, base_dir=base_dir)
    return build_model(project, estimate, spec, REG, REG.at(project.project.date))


def _at(model: TotalModel, values: list[float]) -> tuple[float, dict[str, float]]:
    total, groups = model.evaluate(np.array([[v] for v in values], dtype=np.float64))
    return float(total[0]), {k: float(v[0]) for k, v in groups.items()}


def _modes(model: TotalModel) -> list[float]:
    return [float(i.mode) for i in model.inputs]


def _simulate(spec: dict[str, Any], **kw: Any) -> Simulation:
    return simulate(PORTAL, RangeSpec.model_validate(spec), registry=REG, base_dir=EXAMPLES, **kw)


def _lines(project: ProjectInput, wide: Decimal = Decimal("0.1")) -> dict[str, Any]:
    """Ranges of ±``wide`` on the unit price and quantity of every quantity × unit price line."""
    estimate = compute_estimate(project, registry=REG, base_dir=EXAMPLES)
    out: dict[str, Any] = {}
    for ln in estimate.lines:
        if ln.quantity is None or ln.unit_price is None or not ln.in_total:
            continue
        out[ln.id] = {
            "quantity": {"low": ln.quantity * (1 - wide), "high": ln.quantity * (1 + wide)},
            "unit_price": {"low": ln.unit_price * (1 - wide), "high": ln.unit_price * (1 + wide)},
        }
    return out


# --- at the modes the model is the exact estimate ---------------------------------------------


def test_the_model_at_the_modes_is_the_legal_total_and_every_group():
    model = _model(PORTAL, load_ranges(RANGES))
    total, groups = _at(model, _modes(model))
    assert model.legal_total == PORTAL_ESTIMATE.total
    tolerance = len(PORTAL_ESTIMATE.lines)
    assert abs(total - float(PORTAL_ESTIMATE.total)) <= tolerance
    for comp in PORTAL_ESTIMATE.components:
        assert abs(groups[comp.key] - float(comp.total)) <= tolerance


def test_collapsed_ranges_give_the_legal_total_in_every_draw():
    spec = {
        "lines": {
            "TB-01": {"unit_price": {"low": 285_000_000, "high": 285_000_000}},
            "PM-01": {"technical": {"T1": {"low": 3, "mode": 3, "high": 3}}},
        }
    }
    sim = _simulate(spec, draws=200)
    assert sim.minimum == sim.maximum == sim.legal_total
    assert set(sim.percentiles.values()) == {sim.legal_total}
    assert all(d.rho is None for d in sim.drivers)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_at_the_modes_is_its_legal_total(path: Path):
    project = load_project(path)
    lines = _lines(project)
    if not lines:
        pytest.skip("no quantity × unit price line")
    model = _model(project, RangeSpec.model_validate({"lines": lines}))
    estimate = compute_estimate(project, registry=REG, base_dir=EXAMPLES)
    total, groups = _at(model, _modes(model))
    assert abs(total - float(estimate.total)) <= len(estimate.lines)
    for comp in estimate.components:
        assert abs(groups[comp.key] - float(comp.total)) <= len(estimate.lines)


# --- at other points the model is the exact estimate of the changed project ------------------


def _changed_portal(q: Decimal, p: Decimal, t1: Decimal, e6: Decimal, h: Decimal) -> ProjectInput:
    software = load_software_input(EXAMPLES / "software-portal.yaml").model_dump(mode="json")
    software["technical"]["T1"] = str(t1)
    software["environmental"]["E6"] = str(e6)
    software["labour_rate"] = str(h)
    lines = []
    for line in PORTAL.lines:
        new = line
        if line.id == "TB-01":
            new = line.model_copy(
                update={"quantity": q, "quotes": (), "pick": None, "unit_price": p}
            )
        elif line.id == "PM-01":
            new = line.model_copy(update={"software": software})
        lines.append(new)
    return PORTAL.model_copy(update={"lines": tuple(lines)})


_SPEC = {
    "lines": {
        "TB-01": {
            "quantity": {"low": 1, "high": 6},
            "unit_price": {"low": 100_000_000, "high": 900_000_000},
        },
        "PM-01": {
            "technical": {"T1": {"low": 0, "high": 5}},
            "environmental": {"E6": {"low": 0, "high": 5}},
            "labour_rate": {"low": 20_000, "high": 300_000},
        },
    }
}


@given(
    q=st.decimals("1", "6", places=2),
    p=st.integers(100_000_000, 900_000_000),
    t1=st.decimals("0", "5", places=1),
    e6=st.decimals("0", "5", places=1),
    h=st.integers(20_000, 300_000),
)
def test_the_model_at_any_point_is_the_exact_estimate_of_that_project(q, p, t1, e6, h):
    model = _model(PORTAL, RangeSpec.model_validate(_SPEC))
    assert [i.key for i in model.inputs] == [
        "TB-01.quantity",
        "TB-01.unit_price",
        "PM-01.technical.T1",
        "PM-01.environmental.E6",
        "PM-01.labour_rate",
    ]
    total, groups = _at(model, [float(q), float(p), float(t1), float(e6), float(h)])
    exact = compute_estimate(
        _changed_portal(q, Decimal(p), t1, e6, Decimal(h)), registry=REG, base_dir=EXAMPLES
    )
    assert abs(total - float(exact.total)) <= len(exact.lines)
    for comp in exact.components:
        assert abs(groups[comp.key] - float(comp.total)) <= len(exact.lines)


def test_a_draw_that_leaves_a_fee_without_a_base_is_refused():
    project = load_project(
        {
            "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
            "lines": [
                {
                    "id": "TB-01",
                    "component": "thiet_bi",
                    "name": "Cáp",
                    "method": "quotation",
                    "vat": "general",
                    "quantity": 1,
                    "unit_price": 1,
                    "basis": "báo giá",
                },
                {
                    "id": "QLDA",
                    "component": "quan_ly_du_an",
                    "name": "QLDA",
                    "method": "norm",
                    "vat": "not_applicable",
                    "fee": {"item": "quan_ly_du_an", "category": "infrastructure"},
                },
            ],
        }
    )
    spec = RangeSpec.model_validate({"lines": {"TB-01": {"unit_price": {"low": 0, "high": 1}}}})
    with pytest.raises(InputError) as info:
        simulate(project, spec, draws=100)
    assert "fee line 'QLDA'" in info.value.message
    assert "narrow the ranges" in (info.value.hint or "")


def test_round_half_away_from_zero():
    x = np.array([0.5, 1.5, 2.4999, -0.5, -2.5, 3.0])
    assert round_half_away(x).tolist() == [1.0, 2.0, 2.0, -1.0, -3.0, 3.0]


# --- the result -------------------------------------------------------------------------------


def test_percentiles_are_ordered_and_the_legal_figure_is_kept():
    sim = simulate(PORTAL, load_ranges(RANGES), registry=REG, base_dir=EXAMPLES, draws=4000)
    p = list(sim.percentiles.values())
    assert list(sim.percentiles) == ["P10", "P50", "P80", "P90"]
    assert sim.minimum <= p[0] < p[1] < p[2] < p[3] <= sim.maximum
    assert sim.minimum <= sim.mean <= sim.maximum
    assert sim.legal_total == PORTAL_ESTIMATE.total
    for g in sim.groups:
        assert list(g.percentiles.values()) == sorted(g.percentiles.values())
    assert {g.key for g in sim.groups} == {c.key for c in PORTAL_ESTIMATE.components}
    assert Decimal(0) <= sim.share_at_or_below_legal <= Decimal(1)


def test_the_same_seed_gives_the_same_json_and_another_seed_another():
    spec = load_ranges(RANGES)
    one = simulate(PORTAL, spec, registry=REG, base_dir=EXAMPLES, draws=3000, seed=7)
    two = simulate(PORTAL, spec, registry=REG, base_dir=EXAMPLES, draws=3000, seed=7)
    other = simulate(PORTAL, spec, registry=REG, base_dir=EXAMPLES, draws=3000, seed=8)
    assert one.to_json() == two.to_json()
    assert one.to_json() != other.to_json()
    data = json.loads(one.to_json())
    assert data["legal_total"] == str(PORTAL_ESTIMATE.total)
    assert data["seed"] == 7
    assert one.to_dict() == data


def test_a_wide_range_on_a_big_line_drives_the_spread():
    sim = _simulate(
        {
            "lines": {
                "TB-01": {"unit_price": {"low": 150_000_000, "high": 600_000_000}},
                "TB-02": {"unit_price": {"low": 28_000_000, "high": 29_000_000}},
                "PM-01": {"technical": {"T5": {"low": 0, "mode": 1, "high": 2}}},
            }
        },
        draws=3000,
    )
    first = sim.drivers[0]
    assert first.input == "TB-01.unit_price"
    assert first.rho is not None and first.rho > Decimal("0.9")
    assert [abs(d.rho or 0) for d in sim.drivers] == sorted(
        (abs(d.rho or 0) for d in sim.drivers), reverse=True
    )


def test_a_rating_that_lowers_the_cost_has_a_negative_correlation():
    # E6 (stability of requirements) has a positive weight: EF = 1.4 − 0.03 × EFW falls
    sim = _simulate({"lines": {"PM-01": {"environmental": {"E6": {"low": 0, "high": 5}}}}})
    assert sim.drivers[0].rho is not None and sim.drivers[0].rho < 0


def test_pert_draws_stay_in_range_with_the_pert_mean():
    inp = (RangedInput("a.q", "a", "q", Decimal(10), Decimal(12), Decimal(20)),)
    x = draw_inputs(inp, "pert", 50_000, 3)[0]
    assert x.min() >= 10 and x.max() <= 20
    assert abs(x.mean() - (10 + 4 * 12 + 20) / 6) < 0.05
    t = draw_inputs(inp, "triangular", 50_000, 3)[0]
    assert abs(t.mean() - (10 + 12 + 20) / 3) < 0.05
    degenerate = (RangedInput("a.q", "a", "q", Decimal(5), Decimal(5), Decimal(5)),)
    assert set(draw_inputs(degenerate, "pert", 10, 1)[0]) == {5.0}


def test_a_pert_simulation_is_narrower_than_the_triangular():
    lines = {"TB-01": {"unit_price": {"low": 200_000_000, "high": 400_000_000}}}
    tri = _simulate({"lines": lines}, draws=5000)
    pert = _simulate({"distribution": "pert", "lines": lines}, draws=5000)
    assert pert.distribution == "pert"
    spread = {s.distribution: s.percentiles["P90"] - s.percentiles["P10"] for s in (tri, pert)}
    assert spread["pert"] < spread["triangular"]
    assert abs(pert.mean - tri.legal_total) < abs(tri.mean - tri.legal_total)  # nearer the mode


def test_spearman_is_pearson_of_average_ranks_and_handles_ties():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(5)
    x = rng.random((3, 400))
    x[2] = np.round(x[2] * 4)  # ties
    total = x[0] * 3 + x[1] ** 3 - x[2]
    got = spearman(x, total)
    for row, rho in zip(x, got, strict=True):
        ranks = pd.Series(row).rank().to_numpy(), pd.Series(total).rank().to_numpy()
        assert rho == pytest.approx(np.corrcoef(*ranks)[0, 1])
    assert spearman(x, np.ones(400)) == [None, None, None]
    continuous = x[:2]
    assert spearman(continuous, total, ties=False) == pytest.approx(spearman(continuous, total))


def test_displays_and_dataframe():
    sim = simulate(PORTAL, load_ranges(RANGES), registry=REG, base_dir=EXAMPLES, draws=500)
    text = sim.to_text("en")
    lines = text.splitlines()
    assert lines[2] == "Estimate total (the legal figure): 1,513,045,024 VND"
    assert all(len(ln) <= 80 for ln in lines)
    assert text.index("legal figure") < text.index("P10") < text.index("Drivers")
    assert "1.513.045.024 đ" in sim.to_text("vi")
    assert "legal_total=1,513,045,024" in repr(sim)
    assert "1,513,045,024" in sim._repr_html_()
    pytest.importorskip("pandas")
    frame = sim.to_dataframe()
    assert frame.shape == (500, len(sim.drivers) + 1)
    assert frame["TB-01.quantity"].between(2, 3).all()


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "where"),
    [
        ({"TB-01": {"quantity": {"low": 3, "high": 1}}}, "lines.TB-01.quantity"),
        ({"TB-01": {"quantity": {"low": 1, "mode": 5, "high": 3}}}, "lines.TB-01.quantity"),
        ({"TB-01": {"quantity": {"low": -1, "high": 3}}}, "lines.TB-01.quantity.low"),
        ({"TB-01": {"unit_price": {"low": "abc", "high": 3}}}, "lines.TB-01.unit_price.low"),
        ({"PM-01": {"technical": {"T1": {"low": 1, "high": 6}}}}, "lines.PM-01.technical.T1.high"),
        ({"PM-01": {"technical": {"T14": {"low": 1, "high": 2}}}}, "lines.PM-01.technical"),
        ({"PM-01": {"environmental": {"E9": {"low": 1, "high": 2}}}}, "lines.PM-01.environmental"),
        ({"TB-01": {}}, "lines.TB-01"),
        ({"TB-01": {"price": {"low": 1, "high": 2}}}, "lines.TB-01.price"),
        (
            {"PM-01": {"quantity": {"low": 1, "high": 2}, "labour_rate": {"low": 1, "high": 2}}},
            "lines.PM-01",
        ),
        ({}, "lines"),
    ],
)
def test_a_malformed_range_is_refused_with_its_field(lines, where):
    with pytest.raises(InputError) as info:
        load_ranges({"lines": lines})
    assert where in [p.path for p in info.value.problems]
    assert "concepts/ranges" in (info.value.hint or "")


def test_an_unknown_distribution_is_refused():
    with pytest.raises(InputError) as info:
        load_ranges({"distribution": "normal", "lines": {"A": {"quantity": {"low": 1, "high": 2}}}})
    assert info.value.problems[0].path == "distribution"


@pytest.mark.parametrize(
    ("lines", "field", "says"),
    [
        ({"NOPE": {"quantity": {"low": 1, "high": 2}}}, "NOPE.quantity", "no line has this id"),
        ({"DL-01": {"quantity": {"low": 1, "high": 2}}}, "DL-01.quantity", "not priced as"),
        ({"PM-01": {"unit_price": {"low": 1, "high": 2}}}, "PM-01.unit_price", "no quantity"),
        (
            {"TB-01": {"labour_rate": {"low": 1, "high": 2}}},
            "TB-01.labour_rate",
            "only a use-case-point line",
        ),
        (
            {"TB-01": {"unit_price": {"low": 1, "mode": 280_000_000, "high": 400_000_000}}},
            "TB-01.unit_price",
            "the mode 280000000 differs from the project's value 285000000",
        ),
        (
            {"TB-01": {"unit_price": {"low": 1, "high": 200_000_000}}},
            "TB-01.unit_price",
            "outside low",
        ),
        (
            {"PM-01": {"labour_rate": {"low": 1, "mode": "71591.5", "high": 90_000}}},
            "PM-01.labour_rate",
            "differs",
        ),
        (
            {"PM-01": {"technical": {"T1": {"low": 1, "mode": 2, "high": 4}}}},
            "PM-01.technical.T1",
            "differs",
        ),
    ],
)
def test_a_range_that_does_not_fit_the_project_is_refused(lines, field, says):
    with pytest.raises(InputError) as info:
        _simulate({"lines": lines}, draws=10)
    assert info.value.field == f"ranges.lines.{field}"
    assert says in info.value.message
    assert info.value.hint


def test_a_mode_written_rounded_is_the_project_value():
    # H = 71590.9090… is computed: its mode may be written to the decimals the reader sees
    sim = _simulate(
        {"lines": {"PM-01": {"labour_rate": {"low": 60_000, "mode": "71590.91", "high": 90_000}}}},
        draws=10,
    )
    software = PORTAL_ESTIMATE.line("PM-01").trace.software  # type: ignore[union-attr]
    assert sim.drivers[0].mode == software.H
    # E1 is the average of the members' ratings 4, 3, 4 = 3.666…
    sim = _simulate(
        {"lines": {"PM-01": {"environmental": {"E1": {"low": 3, "mode": "3.67", "high": 4}}}}},
        draws=10,
    )
    assert sim.drivers[0].mode == software.environmental[0].rating
    with pytest.raises(InputError, match="differs"):  # a value of few decimals is written whole
        _simulate(
            {"lines": {"TB-01": {"quantity": {"low": 1, "mode": "2.4", "high": 4}}}}, draws=10
        )


def test_a_reference_figure_cannot_be_ranged():
    project = load_project(EXAMPLES / "investment-fs-2026.yaml")
    estimate = compute_estimate(project, registry=REG, base_dir=EXAMPLES)
    beside = [ln for ln in estimate.lines if not ln.in_total]
    if not beside:
        pytest.skip("the example has no reference figure")
    line = beside[0]
    with pytest.raises(InputError) as info:
        build_model(
            project,
            estimate,
            RangeSpec.model_validate({"lines": {line.id: {"quantity": {"low": 0, "high": 1}}}}),
            REG,
            REG.at(project.project.date),
        )
    assert "reference figure" in info.value.message


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"draws": 0}, "draws"),
        ({"draws": True}, "draws"),
        ({"draws": 10**7}, "draws"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_draws_or_seed_are_refused(kw, field):
    with pytest.raises(InputError) as info:
        simulate(PORTAL, load_ranges(RANGES), registry=REG, base_dir=EXAMPLES, **kw)
    assert info.value.field == field


def test_yaml_errors_are_located(tmp_path: Path):
    path = tmp_path / "ranges.yaml"
    path.write_text(
        "lines:\n  TB-01:\n    quantity: {low: 3, high: 1}\n  PM-01:\n"
        "    technical: {T1: {low: 1, high: 7}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_ranges(path)
    problems = {p.path: (p.file, p.line) for p in info.value.problems}
    assert problems["lines.TB-01.quantity"] == (str(path), 3)
    assert problems["lines.PM-01.technical.T1.high"][1] == 5
    dup = tmp_path / "dup.yaml"
    dup.write_text("lines: {}\nlines: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_ranges(dup)
    assert info.value.problems[0].line == 2


def test_json_and_unreadable_files(tmp_path: Path):
    good = tmp_path / "ranges.json"
    good.write_text('{"lines": {"TB-01": {"unit_price": {"low": 2.5e8, "high": 3e8}}}}', "utf-8")
    assert load_ranges(good).lines["TB-01"].unit_price.low == Decimal("2.5e8")  # type: ignore[union-attr]
    bad = tmp_path / "bad.json"
    bad.write_text('{"lines": {', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_ranges(bad)
    assert info.value.problems[0].line == 1
    with pytest.raises(InputError, match="not a regular file"):
        load_ranges(tmp_path)
    with pytest.raises(InputError, match="cannot read"):
        load_ranges(tmp_path / "missing.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("lines: {Máy: 1}".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_ranges(latin)


def test_the_example_ranges_file_loads():
    spec = load_ranges(RANGES)
    assert spec.distribution == "triangular"
    assert set(spec.lines) == {"TB-01", "TB-02", "PM-01"}


# --- a property: without fees or contingency, the total stays within the lows and highs -------


@given(
    rows=st.lists(
        st.tuples(
            st.integers(1, 20),
            st.integers(1_000, 50_000_000),
            st.integers(0, 30),
            st.integers(0, 30),
        ),
        min_size=1,
        max_size=6,
    ),
    seed=st.integers(0, 2**32),
)
def test_the_total_stays_between_all_lows_and_all_highs(rows, seed):
    lines, ranges = [], {}
    low_total, high_total = Decimal(0), Decimal(0)
    for i, (q, p, down, up) in enumerate(rows):
        lid = f"L{i}"
        lines.append(
            {
                "id": lid,
                "component": "thiet_bi",
                "name": f"Thiết bị {i}",
                "method": "quotation",
                "vat": "general",
                "quantity": q,
                "unit_price": p,
                "basis": "báo giá",
            }
        )
        lo, hi = Decimal(p) * (100 - down) / 100, Decimal(p) * (100 + up) / 100
        ranges[lid] = {"unit_price": {"low": lo, "high": hi}}
        low_total += round(q * lo * Decimal("1.08")) - 1
        high_total += round(q * hi * Decimal("1.08")) + 1
    project = load_project(
        {"project": {"name": "P", "date": "2025-09-15", "form": "ktkt"}, "lines": lines}
    )
    sim = simulate(project, RangeSpec.model_validate({"lines": ranges}), draws=200, seed=seed)
    assert low_total <= sim.minimum <= sim.maximum <= high_total
    assert low_total <= sim.legal_total <= high_total
    if all(down == 0 for _, _, down, _ in rows):  # the modes are the lows: no draw is below
        assert sim.minimum >= sim.legal_total - len(rows)


# --- the command ------------------------------------------------------------------------------


def _cli(*args: str):
    import typer  # noqa: PLC0415

    from ictcost.cli import _simulate  # noqa: PLC0415

    app = typer.Typer()
    app.command("simulate")(_simulate.simulate_cmd)
    app.command("other")(lambda: None)  # a group, so that the command is named
    return CliRunner(env={"COLUMNS": "80"}).invoke(app, ["simulate", *args])


def test_cli_prints_the_legal_figure_first_then_percentiles_and_drivers():
    r = _cli(
        str(PROJECT),
        "--ranges",
        str(RANGES),
        "--pack",
        str(PACK),
        "--draws",
        "1000",
        "--lang",
        "en",
    )
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.index("Estimate total (the legal figure): 1,513,045,024 VND") < out.index("P10")
    assert out.index("P90") < out.index("Drivers")
    assert "TB-01.quantity" in out
    assert all(len(ln) <= 80 for ln in out.splitlines())


def test_cli_json_is_the_results_own():
    args = (str(PROJECT), "--ranges", str(RANGES), "--pack", str(PACK), "--draws", "500")
    r = _cli(*args, "--json", "--seed", "3")
    assert r.exit_code == 0, r.output
    sim = simulate(PORTAL, load_ranges(RANGES), registry=REG, base_dir=EXAMPLES, draws=500, seed=3)
    assert json.loads(r.output) == json.loads(sim.to_json())


def test_cli_errors_exit_2_with_the_typed_error(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("lines:\n  NOPE: {quantity: {low: 1, high: 2}}\n", encoding="utf-8")
    r = _cli(str(PROJECT), "--ranges", str(bad), "--pack", str(PACK), "--json")
    assert r.exit_code == 2
    error = json.loads(r.output)["error"]
    assert error["field"] == "ranges.lines.NOPE.quantity"
    r = _cli(str(PROJECT), "--ranges", str(tmp_path / "missing.yaml"), "--pack", str(PACK))
    assert r.exit_code == 2
    r = _cli(str(PROJECT), "--ranges", str(RANGES), "--output", str(PROJECT))
    assert r.exit_code == 2


# --- the documentation ------------------------------------------------------------------------

DOC = ROOT / "docs" / "concepts" / "ranges.md"


def test_the_doc_pages_python_example_runs(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_doc_pages_output_block_is_what_the_command_prints():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ ictcost simulate [^\n]*\n(.*?)```", text, re.S)
    assert block is not None
    sim = simulate(PORTAL, load_ranges(RANGES), registry=REG, base_dir=EXAMPLES)
    assert block.group(1) == sim.to_text("en")


def test_the_doc_pages_range_file_is_valid():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None
    from ictcost._internal._yaml import load_yaml  # noqa: PLC0415

    data, _ = load_yaml(block.group(1), "ranges.md")
    spec = load_ranges(data)
    sim = simulate(PORTAL, spec, registry=REG, base_dir=EXAMPLES, draws=100)
    assert sim.legal_total == PORTAL_ESTIMATE.total
