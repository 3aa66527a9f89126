"""The planning-stage Monte Carlo: draws of the ranged inputs, the total's spread, its drivers.

:func:`simulate` computes the exact estimate once (the legal figure), builds the vectorised model
of its total (:mod:`ictcost.simulation._model`), draws every ranged input from its three-point
distribution with numpy's PCG64 generator seeded by ``seed``, and reports the percentiles of the
total and the Spearman rank correlation of each input with it.

Floats are used here only (a simulation, not a legal figure); at the modes the model reproduces
the exact total (tests/test_simulation.py).
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from ictcost.errors import InputError
from ictcost.estimate.engine import compute_estimate
from ictcost.estimate.model import ProjectInput
from ictcost.norms.registry import NormRegistry
from ictcost.simulation._model import RangedInput, build_model
from ictcost.simulation.ranges import Distribution, RangeSpec
from ictcost.simulation.result import PERCENTILES, Driver, GroupSpread, Simulation

__all__ = ["MAX_DRAWS", "draw_inputs", "simulate", "spearman"]

Floats = npt.NDArray[np.float64]
MAX_DRAWS = 1_000_000
"""The most draws of one simulation (memory: 8 bytes × draws × ranged inputs)."""
_RHO = Decimal("0.0001")


def _triangular(u: Floats, a: float, c: float, b: float) -> Floats:
    """The inverse of the triangular distribution function on ``a ≤ c ≤ b``."""
    if b == a:
        return np.full_like(u, a)
    split = (c - a) / (b - a)
    low = a + np.sqrt(u * (b - a) * (c - a))
    high = b - np.sqrt((1 - u) * (b - a) * (b - c))
    out: Floats = np.where(u < split, low, high)
    return out


def draw_inputs(
    inputs: tuple[RangedInput, ...], distribution: Distribution, draws: int, seed: int
) -> Floats:
    """Draw every ranged input: one row per input, one column per draw.

    Triangular draws are the inverse distribution function of uniform draws; PERT draws are
    ``low + (high − low) × Beta(α, β)``, ``α = 1 + 4 (mode − low)/(high − low)``,
    ``β = 1 + 4 (high − mode)/(high − low)``. A range with ``low = high`` is that value.

    Args:
        inputs: The ranged inputs (the mode is the project's value).
        distribution: ``triangular`` or ``pert``.
        draws: The number of draws.
        seed: The seed of numpy's PCG64 generator.

    Returns:
        The draws, float64.

    Examples:
        >>> from decimal import Decimal as D
        >>> x = draw_inputs((RangedInput("a.q", "a", "q", D(1), D(2), D(4)),), "triangular", 1000, 1)
        >>> bool(x.min() >= 1 and x.max() <= 4)
        True
    """
    rng = np.random.Generator(np.random.PCG64(seed))
    out = np.empty((len(inputs), draws))
    for i, inp in enumerate(inputs):
        a, c, b = float(inp.low), float(inp.mode), float(inp.high)
        if distribution == "triangular":
            out[i] = _triangular(rng.random(draws), a, c, b)
        elif b == a:
            out[i] = a
        else:
            alpha = 1 + 4 * (c - a) / (b - a)
            beta = 1 + 4 * (b - c) / (b - a)
            out[i] = a + (b - a) * rng.beta(alpha, beta, draws)
    return out


def _ranks(x: Floats) -> Floats:
    """Average ranks (ties share the mean of their ranks), from 0."""
    order = np.argsort(x)
    ordered = x[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(x)]
    mean_rank = (starts + ends - 1) / 2.0
    ranks = np.empty(len(x))
    ranks[order] = np.repeat(mean_rank, ends - starts)
    return ranks


def spearman(values: Floats, total: Floats, *, ties: bool = True) -> list[float | None]:
    """Spearman's rank correlation of each row of ``values`` with ``total`` (numpy only).

    Ranks are average ranks (ties share their mean rank); ρ is the Pearson correlation of the
    ranks: ``Σ (rank_x − mean)(rank_t − mean) / (sd_x sd_t)``. Each row is sorted once; with
    ordinal ranks ``Σ rank_x × rank_t`` is the sorted row's positions times the gathered ranks
    of the total, so no rank array of the rows is built. A constant row has no correlation
    (``None``).

    Args:
        values: One row per input, one column per draw.
        total: The total of each draw.
        ties: Look for ties in the rows and give their members the mean rank. ``False`` ranks
            every row in order: for draws of a continuous distribution (a tie among 10,000
            float64 draws has a probability near 10⁻⁸, and would move ρ by less than 10⁻⁷).

    Returns:
        ρ per row, or ``None`` for a row (or a total) that does not vary.

    Examples:
        >>> x = np.array([[1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0], [1.0, 1.0, 1.0, 1.0]])
        >>> [r if r is None else round(r, 9) for r in spearman(x, np.array([10.0, 20, 30, 45]))]
        [1.0, -1.0, None]
        >>> round(spearman(np.array([[1.0, 1.0, 2.0, 3.0]]), np.array([1.0, 2, 3, 4]))[0], 9)
        0.948683298
    """
    k, n = values.shape
    if k == 0:
        return []
    rt = _ranks(total)
    rt -= rt.mean()
    st = float(np.sqrt((rt * rt).sum()))
    constant = values.min(axis=1) == values.max(axis=1)
    if st == 0:
        return [None] * k
    order = np.argsort(values, axis=1)
    dots = rt[order] @ np.arange(n, dtype=np.float64)
    sx = np.full(k, np.sqrt(n * (n * n - 1) / 12.0))  # the spread of the ranks 0 … n − 1
    if ties:
        ordered = np.take_along_axis(values, order, axis=1)
        for i in np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1)):
            rx = _ranks(values[i])
            rx -= rx.mean()
            dots[i] = float(rx @ rt)
            sx[i] = float(np.sqrt((rx * rx).sum()))
    return [None if constant[i] else float(dots[i]) / (float(sx[i]) * st) for i in range(k)]


def _vnd(x: float) -> Decimal:
    return Decimal(repr(float(x))).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _percentiles(x: Floats) -> dict[str, Decimal]:
    values = np.percentile(x, PERCENTILES)
    return {f"P{q}": _vnd(v) for q, v in zip(PERCENTILES, values, strict=True)}


def simulate(
    project: ProjectInput,
    ranges: RangeSpec,
    *,
    draws: int = 10_000,
    seed: int = 0,
    registry: NormRegistry | None = None,
    base_dir: str | os.PathLike[str] | None = None,
    allow_outside: bool = False,
) -> Simulation:
    """Run a planning-stage Monte Carlo of a project's total over three-point input ranges.

    The exact estimate is computed once (:func:`ictcost.estimate.compute_estimate`): its total
    is the legal figure, reported first and never replaced. Then the ranged inputs are drawn and
    the total of every draw is computed by the vectorised model of the estimate: the same
    formulas (q × p; the UCP chain of CV 2589/2011 → QĐ 671/2024; the QĐ 1688 rates interpolated
    between the cited breakpoints; VAT per line; the contingency by the regime's rule).

    Args:
        project: The project (its values are the modes of the ranges).
        ranges: The three-point ranges (:func:`ictcost.simulation.load_ranges`).
        draws: The number of draws (1 to :data:`MAX_DRAWS`).
        seed: The seed of numpy's PCG64 generator; the same seed gives the same result, byte
            for byte in its JSON.
        registry: The norms (shipped, or with user packs), as for ``compute_estimate``.
        base_dir: The folder of the project file (software inputs are read from it).
        allow_outside: As for ``compute_estimate``.

    Returns:
        The legal total, the percentiles P10/P50/P80/P90, the spread by group and the drivers.

    Raises:
        InputError: a bad number of draws or seed, a range that names an unknown line or a
            field its method does not have, a mode other than the project's value, or any
            error of the exact estimate.
        OutOfRangeError: draws put a fee's base outside a table whose policy is ``error``.

    Examples:
        >>> from ictcost.estimate import load_project
        >>> project = load_project({
        ...     "project": {"name": "Máy chủ", "date": "2026-01-15", "form": "ktkt"},
        ...     "lines": [{"id": "TB-01", "component": "thiet_bi", "name": "Máy chủ",
        ...                "method": "quotation", "vat": "general", "quantity": 2,
        ...                "unit_price": 150_000_000, "basis": "báo giá"}]})
        >>> ranges = RangeSpec.model_validate(
        ...     {"lines": {"TB-01": {"unit_price": {"low": 140_000_000, "high": 180_000_000}}}})
        >>> sim = simulate(project, ranges, draws=2000, seed=1)
        >>> sim.legal_total, sim.percentiles["P10"] < sim.percentiles["P90"]
        (Decimal('324000000'), True)
    """
    for name, value, low, high in (("draws", draws, 1, MAX_DRAWS), ("seed", seed, 0, 2**63)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InputError(
                f"'{name}' must be a whole number from {low} to {high} (got {value!r})",
                field=name,
                hint="10 000 draws give stable P10–P90; the seed makes the run repeatable",
            )
    reg = registry or NormRegistry.shipped()
    estimate = compute_estimate(
        project, registry=reg, base_dir=base_dir, allow_outside=allow_outside
    )
    meta = project.project
    view = reg.at(meta.date, regime_override=meta.regime_override)
    model = build_model(project, estimate, ranges, reg, view)
    values = draw_inputs(model.inputs, ranges.distribution, draws, seed)
    totals, groups = model.evaluate(values)
    rhos = spearman(values, totals, ties=False)  # continuous draws
    drivers = [
        Driver(
            input=inp.key,
            line=inp.line,
            field=inp.field,
            low=inp.low,
            mode=inp.mode,
            high=inp.high,
            rho=None if rho is None else Decimal(repr(rho)).quantize(_RHO, ROUND_HALF_UP),
        )
        for inp, rho in zip(model.inputs, rhos, strict=True)
    ]
    drivers.sort(key=lambda d: (-(abs(d.rho) if d.rho is not None else Decimal(-1)), d.input))
    legal_groups: dict[str, Decimal] = {c.key: c.total for c in estimate.components}
    spreads = tuple(
        GroupSpread(key=key, legal=legal_groups.get(key, Decimal(0)), percentiles=_percentiles(g))
        for key, g in groups.items()
    )
    share = float(np.count_nonzero(totals <= float(estimate.total))) / draws
    result = Simulation(
        name=meta.name,
        date=meta.date,
        legal_total=estimate.total,
        draws=draws,
        seed=seed,
        distribution=ranges.distribution,
        percentiles=_percentiles(totals),
        mean=_vnd(float(totals.mean())),
        minimum=_vnd(float(totals.min())),
        maximum=_vnd(float(totals.max())),
        share_at_or_below_legal=Decimal(repr(share)).quantize(_RHO, ROUND_HALF_UP),
        groups=spreads,
        drivers=tuple(drivers),
    )
    return result.with_draws(totals, values, tuple(i.key for i in model.inputs))
