"""Overlap rules: duplicates inside an estimate, against shared services, and across a portfolio.

Names are compared after :func:`~ictcost.checks._base.normalise` (case, spaces, punctuation) with
difflib's ratio. To stay fast, only pairs that share the equipment model or the first two words of
the normalised name are compared (:func:`_blocks`); across a portfolio, equal keys are clustered
in linear time and near-same use-case names are joined inside the same blocks (:func:`_clusters`),
so that one finding is reported per cluster, never one per pair.

Known cost: inside one block the pairs are compared one by one (difflib), so a block of ``k``
near-same names costs ``k²`` comparisons; that is the screening's quadratic part, left for later.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from ictcost.checks._base import Context, Hit, Portfolio, normalise, similarity
from ictcost.checks.rules import portfolio_rule, rule
from ictcost.estimate import SoftwareTrace

__all__: list[str] = []

_OVERLAP = "Chỉ thị: tránh đầu tư trùng lặp, chồng chéo"


def _blocks(names: Sequence[str], models: Sequence[str | None]) -> Iterator[tuple[int, int]]:
    """Yield the index pairs worth comparing: same model, or same first two words of the name.

    Comparing every pair is quadratic (a 2,000-line estimate or a 500-estimate portfolio would
    take minutes); near-same names almost always share their leading words, so the comparison is
    made inside those blocks. This is a screening trade-off, documented in docs/checks.md.
    """
    groups: dict[str, list[int]] = {}
    for i, (name, model) in enumerate(zip(names, models, strict=True)):
        groups.setdefault("n:" + " ".join(normalise(name).split()[:2]), []).append(i)
        if model:
            groups.setdefault("m:" + normalise(model), []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in groups.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pair = (min(i, j), max(i, j))
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _alike(a: str, b: str, threshold: float) -> bool:
    """Whether two normalised names are at least ``threshold`` alike (difflib's ratio).

    The cheap upper bounds (``real_quick_ratio`` ≥ ``quick_ratio`` ≥ ``ratio``) reject most
    pairs before the full comparison; the answer is the same as ``ratio() >= threshold``.
    """
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


@rule("DUP-LINE", severity="warning", basis=_OVERLAP, needs="input")
def _duplicate_lines(ctx: Context) -> Iterator[Hit]:
    """The same or a near-same item appears twice in one estimate.

    Two lines of the same component of one estimate may be the same item: the same equipment
    `model`, or names at least `name_similarity` (0.9) alike after normalisation (case, spaces
    and punctuation). The directive asks to avoid overlapping, duplicated investment. Fee lines
    (`norm`) are left to STRUCT-FEE-PART, which knows their parts. Screening
    trade-off: to stay fast on large estimates, only pairs that share the model or the **first
    two words** of the normalised name are compared, so near-same names that differ in their
    first two words (*Quản lý …* / *Quản lí …*) are not reported. The finding is on the later
    line; `details.other` is the earlier one.
    """
    lines = ctx.project.lines
    names = [normalise(ln.name) for ln in lines]
    models = [normalise(ln.model) if ln.model else None for ln in lines]
    threshold = ctx.config.name_similarity
    for i, j in sorted(_blocks([ln.name for ln in lines], [ln.model for ln in lines])):
        a, b = lines[i], lines[j]
        if a.component != b.component or a.method == "norm" or b.method == "norm":
            continue  # fee lines: two of one item and part are STRUCT-FEE-PART's
        same_model = models[i] is not None and models[i] == models[j]
        if same_model or _alike(names[i], names[j], threshold):
            yield Hit(
                {"other": a.id, "other_name": a.name, "name": b.name},
                line=b.id,
                field="model" if same_model else "name",
            )


def _clusters(keys: Sequence[str], *, fuzzy: float | None = None) -> list[list[int]]:
    """Group indices whose keys are equal (or, with ``fuzzy``, near-same within a block).

    Clustering keeps the portfolio check linear in the number of lines for exact matches and
    yields one finding per group instead of one per pair.
    """
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    unique = list(by_key)
    parent = list(range(len(unique)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if fuzzy is not None:
        for i, j in _blocks(unique, [None] * len(unique)):
            if _alike(unique[i], unique[j], fuzzy):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for u, key in enumerate(unique):
        groups.setdefault(find(u), []).extend(by_key[key])
    return [sorted(members) for members in groups.values()]


@portfolio_rule(
    "DUP-PORTFOLIO-EQUIPMENT",
    severity="warning",
    basis="Chỉ thị: tránh đầu tư dàn trải, trùng lặp",
)
def _portfolio_equipment(portfolio: Portfolio) -> Iterator[Hit]:
    """The same equipment is bought in several estimates of the portfolio.

    Portfolio check (`--portfolio`, `check_portfolio`): two or more estimates buy the same
    equipment (component `thiet_bi`): the same `model` or, for a line without a model, the same
    normalised name. One finding per cluster, on the first line of the cluster; its `estimate` is
    `portfolio`, `details.estimates` names the estimates and `details.where` each occurrence as
    *estimate (line id)*. The directive asks to avoid scattered, duplicated investment.
    """
    equipment = [
        (ctx.name, ln)
        for ctx in portfolio.members
        for ln in ctx.project.lines
        if ln.component == "thiet_bi"
    ]
    keys = [
        ("m:" + normalise(ln.model)) if ln.model else ("n:" + normalise(ln.name))
        for _, ln in equipment
    ]
    for members in _clusters(keys):
        estimates = tuple(sorted({equipment[i][0] for i in members}))
        if len(estimates) < 2:
            continue
        first = equipment[members[0]][1]
        yield Hit(
            {
                "item": first.model or first.name,
                "count": len(estimates),
                "estimates": estimates,
                "where": tuple(f"{equipment[i][0]} ({equipment[i][1].id})" for i in members),
            },
            line=first.id,
            field="model" if first.model else "name",
        )


def _use_cases(ctx: Context) -> list[str]:
    """The use-case names of the estimate's software lines, read from their traces."""
    if ctx.estimate is None:
        return []
    return [
        uc.name
        for ln in ctx.estimate.lines
        if isinstance(ln.trace, SoftwareTrace)
        for uc in ln.trace.software.use_cases
    ]


@portfolio_rule("DUP-PORTFOLIO-FUNCTION", severity="warning", basis=_OVERLAP)
def _portfolio_functions(portfolio: Portfolio) -> Iterator[Hit]:
    """Software functions overlap across estimates (similar use-case names).

    Portfolio check: use cases of the internal software of two or more estimates (the use-case
    tables of their `method: calculation` lines, as recomputed) have names at least
    `function_similarity` (0.85) alike: the same function may be built twice. Reported once per
    cluster of near-same names. Only use cases sharing the first two words of their normalised
    names are compared (the screening trade-off of `DUP-LINE`). An estimate that cannot be
    computed contributes no use case.
    """
    functions = [(ctx.name, name) for ctx in portfolio.members for name in _use_cases(ctx)]
    keys = [normalise(name) for _, name in functions]
    for members in _clusters(keys, fuzzy=portfolio.config.function_similarity):
        estimates = tuple(sorted({functions[i][0] for i in members}))
        if len(estimates) < 2:
            continue
        names = tuple(sorted({functions[i][1] for i in members}))
        yield Hit({"count": len(estimates), "estimates": estimates, "functions": names})


@rule(
    "DUP-SHARED-SERVICE",
    severity="warning",
    basis="Chỉ thị: tăng cường dùng chung cơ sở hạ tầng; NĐ 224/2026 Điều 36 k4",
    needs="input",
)
def _shared_services(ctx: Context) -> Iterator[Hit]:
    """A line buys a service that shared infrastructure already provides.

    The line's name contains, or is at least `name_similarity` alike, a service listed in the
    project's `shared_services` (the directive on sharing infrastructure; NĐ 224/2026 Điều 36 k4).
    """
    services = ctx.project.project.shared_services
    threshold = ctx.config.name_similarity
    for line in ctx.project.lines:
        for service in services:
            if similarity(line.name, service) >= threshold or normalise(service) in normalise(
                line.name
            ):
                yield Hit({"name": line.name, "service": service}, line=line.id, field="name")
