"""Overlap rules: duplicates inside an estimate, against shared services, and across a portfolio.

Names and models are matched by :mod:`ictcost.checks._matching`: candidate pairs come from an
index of the names' rare words and of the models' model numbers, never from all pairs, and are
scored with rapidfuzz; so the rules grow about linearly with the lines (or the estimates × their
lines). Alike lines are clustered (union–find): one finding per cluster, never one per pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterator, Sequence
from decimal import Decimal

from ictcost.checks._base import Context, Hit, Portfolio, normalise
from ictcost.checks._classes import same_classes
from ictcost.checks._matching import (
    Partition,
    model_classes,
    model_key,
    name_edges,
    name_of,
    natural_key,
    ratio,
    series,
)
from ictcost.checks.rules import portfolio_rule, rule
from ictcost.estimate import LineInput, SoftwareTrace

__all__ = ["Partition", "model_classes", "model_text", "name_classes", "normalise"]

_OVERLAP = "Chỉ thị: tránh đầu tư trùng lặp, chồng chéo"


def model_text(model: str) -> str:
    """An equipment model's words, normalised and sorted (a grouping key for SQL).

    What a model without a model number is matched by (``ModelKey.text``).

    Examples:
        >>> model_text("PowerEdge R760 (Dell)")
        'dell poweredge r760'
    """
    return model_key(model).text


def name_classes(
    names: Sequence[str], threshold: float, *, only: Collection[int] | None = None
) -> tuple[list[int], Partition]:
    """Cluster names that are the *same* (alike, not variants); also return every alike pair.

    The matching of ``DUP-LINE`` and the portfolio rules (the portfolio store runs it over the
    distinct names of its tables).

    Args:
        names: The names.
        threshold: The similarity (0–1) from which two names are alike.
        only: Compare only pairs with at least one of these names (by position).

    Returns:
        The class of each name (its cluster's representative), and a partition of the names
        joined by any alike pair, variants and series included.
    """
    matched = [name_of(n) for n in names]
    of, edges = name_edges(matched, threshold, only=only)
    same = Partition(max(of, default=-1) + 1)
    alike = Partition(len(names))
    first: dict[int, int] = {}
    for i, u in enumerate(of):
        alike.union(first.setdefault(u, i), i)
    for u, v, relation in edges:
        alike.union(first[u], first[v])
        if relation == "same":
            same.union(u, v)
    for i, j in series(matched):
        alike.union(i, j)
    return [same.find(u) for u in of], alike


def _price(line: LineInput, results: dict[str, Decimal | None]) -> Hashable:
    """What the line's unit price rests on, comparable between lines (``None``: unknown)."""
    if line.unit_price is not None:
        return line.unit_price
    if results.get(line.id) is not None:
        return results[line.id]
    if line.stated is not None and line.stated.unit_price is not None:
        return line.stated.unit_price
    if line.quotes and line.pick:
        return (line.pick, tuple(sorted(q.unit_price for q in line.quotes)))
    return None


def _line_clusters(
    lines: Sequence[LineInput], prices: Sequence[Hashable], threshold: float
) -> tuple[list[list[int]], list[list[int]], list[int | None]]:
    """The duplicate clusters, the groups of alike lines and the model classes of one component.

    Duplicates: the same name (:func:`~ictcost.checks._matching.relation`) and the same model,
    or the same name and the same unit price where no two different models are given. Alike:
    joined by any alike name (variants included) or the same model.
    """
    classes, alike = name_classes([ln.name for ln in lines], threshold)
    models = model_classes([ln.model for ln in lines])
    dup = Partition(len(lines))
    by_model: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(models):
        if m is not None:
            by_model[m].append(i)
    for members in by_model.values():
        alike.union_all(members)
    by_name: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(classes):
        by_name[c].append(i)
    for members in by_name.values():
        if len(members) < 2:
            continue
        same_model: dict[int, int] = {}
        at_price: dict[Hashable, list[int]] = defaultdict(list)
        for i in members:
            model = models[i]
            if model is not None:
                dup.union(same_model.setdefault(model, i), i)
            if prices[i] is not None:
                at_price[prices[i]].append(i)
        for group in at_price.values():
            unmodelled = [i for i in group if models[i] is None]
            if unmodelled:
                dup.union_all(group)  # the same price, and no second model to tell them apart
    return dup.clusters(), alike.clusters(), models


def _estimate_prices(ctx: Context) -> dict[str, Decimal | None]:
    if ctx.estimate is None:
        return {}
    return {ln.id: ln.unit_price for ln in ctx.estimate.lines}


def _compared_lines(ctx: Context) -> dict[str, list[LineInput]]:
    """The lines compared for duplicates, by component (fee and reference lines left out)."""
    out: dict[str, list[LineInput]] = defaultdict(list)
    for ln in ctx.project.lines:
        if ln.method != "norm" and ln.reference_for is None:
            out[ln.component].append(ln)
    for lines in out.values():
        lines.sort(key=lambda ln: natural_key(ln.id))  # findings do not depend on the order
    return out


_Cluster = tuple[bool, list[LineInput], bool]
_last: list[tuple[Context, list[_Cluster]]] = []
"""The clusters of the context being checked: DUP-LINE computes them, DUP-LINE-REPEATED reads
and drops them (the context is kept with them and compared by identity)."""


def _duplicates(ctx: Context) -> list[_Cluster]:
    """``(duplicate?, lines, same model?)`` per cluster, duplicates first, by their first line."""
    if _last and _last[0][0] is ctx:
        return _last[0][1]
    results = _estimate_prices(ctx)
    found: list[_Cluster] = []
    for lines in _compared_lines(ctx).values():
        prices = [_price(ln, results) for ln in lines]
        dups, groups, models = _line_clusters(lines, prices, ctx.config.name_similarity)
        for members in dups:
            model = models[members[0]]
            one_model = model is not None and all(models[i] == model for i in members)
            found.append((True, [lines[i] for i in members], one_model))
        clusters = {tuple(c) for c in dups}
        found.extend(
            (False, [lines[i] for i in members], False)
            for members in groups
            if tuple(members) not in clusters
        )
    found.sort(key=lambda f: (not f[0], natural_key(f[1][0].id)))
    _last[:] = [(ctx, found)]
    return found


@rule("DUP-LINE", severity="warning", basis=_OVERLAP, needs="input")
def _duplicate_lines(ctx: Context) -> Iterator[Hit]:
    """The same item appears twice (or more) in one estimate.

    Lines of the same component of one estimate are the same item when their names are the same
    and either their equipment `model` is the same or their unit price is (where no two different
    models are given). The directive asks to avoid overlapping, duplicated investment.

    *Names* are the same when they are at least `name_similarity` (0.9) alike — the indel
    similarity (rapidfuzz's `ratio`) of their sorted words after normalisation (case, spaces,
    punctuation; *lí* / *lý*; `01` / `1`), with their diacritics or, for a name typed without
    them, folded — and do not differ by a word of their own on each side: *Máy tính cho UBND xã A*
    and *… xã B*, or *… xã Hưng* and *… xã Long Hưng*, are alike but a series of distinct items
    (`DUP-LINE-REPEATED`), whereas an added word at the end (*… lõi mới*), words run together
    (*256 GB* / *256GB*) or a mistyped long word keep them the same. *Models* are the same when
    their model numbers (the words with a digit) agree and they name no two makes: *Dell PowerEdge
    R760* = *Dell R760* = *PowerEdge R760 (Dell)*, but *HP 400 G9* ≠ *HP 400 G8*. The unit price
    is the line's, else the recomputed one.

    One finding per cluster of such lines, on its first line (by line id); `details.lines` lists
    the cluster, `details.names` its names. Fee lines (`norm`) are left to STRUCT-FEE-PART, which
    knows their parts, and reference figures (`reference_for`) are not compared.

    Screening trade-off: candidate pairs come from an index, not from all pairs: the names' rare
    words are keys, and a word in more than 64 of the names compared is a key only together with
    the name's other frequent words (the fewest of its rarest frequent words that 64 names at
    most share); so two alike names that share only very common words and differ in those may
    not be compared. The work grows about linearly with the lines.
    """
    for duplicate, lines, one_model in _duplicates(ctx):
        if duplicate:
            names = tuple(dict.fromkeys(ln.name for ln in lines))
            yield Hit(
                {"lines": tuple(ln.id for ln in lines), "names": names, "count": len(lines)},
                line=lines[0].id,
                field="model" if one_model else "name",
            )


@rule("DUP-LINE-REPEATED", severity="info", basis=_OVERLAP, needs="input")
def _repeated_lines(ctx: Context) -> Iterator[Hit]:
    """Alike lines that look like distinct items: one per place, per role (for the record).

    Lines of one component that share their equipment `model` or have alike names (as for
    `DUP-LINE`), but are not the same item: the names are a series (*Máy tính cho UBND xã A*, *…
    xã B* …, a word of its own on each), or one model is bought under different names (two
    servers, *ứng dụng* and *cơ sở dữ liệu*), or the same name comes with different prices and
    no model. Such repeats are usually legitimate, so they are recorded once per group, on its
    first line (by line id), with `details.lines` (the group, a duplicate cluster of `DUP-LINE`
    included when the group is larger than it), `details.item` (the first line's name) and
    `details.count`; never one finding per pair.
    """
    clusters = _duplicates(ctx)
    _last.clear()  # DUP-LINE ran first: the clusters of this context are not needed again
    for duplicate, lines, _ in clusters:
        if not duplicate:
            yield Hit(
                {
                    "lines": tuple(ln.id for ln in lines),
                    "item": lines[0].name,
                    "count": len(lines),
                },
                line=lines[0].id,
            )


@portfolio_rule(
    "DUP-PORTFOLIO-EQUIPMENT",
    severity="warning",
    basis="Chỉ thị: tránh đầu tư dàn trải, trùng lặp",
)
def _portfolio_equipment(portfolio: Portfolio) -> Iterator[Hit]:
    """The same equipment is bought in several estimates of the portfolio.

    Portfolio check (`--portfolio`, `check_portfolio`): two or more estimates buy the same
    equipment (component `thiet_bi`): the same `model` however written (its model number, as for
    `DUP-LINE`: *Dell PowerEdge R760* = *Dell R760*) or, for a line without a model, the same
    name (at least `name_similarity` alike and no variant, as for `DUP-LINE`). Two lines that
    both give a model are matched by their models only. One finding per cluster, on the first
    line of the cluster; its `estimate` is `portfolio`, `details.estimates` names the estimates
    and `details.where` each occurrence as *estimate (line id)*. The directive asks to avoid
    scattered, duplicated investment. Reference figures (`reference_for`) are not purchases and
    are left out.
    """
    equipment = [
        (ctx.name, ln)
        for ctx in portfolio.members
        for ln in ctx.project.lines
        if ln.component == "thiet_bi" and ln.reference_for is None
    ]
    lines = [ln for _, ln in equipment]
    models = model_classes([ln.model for ln in lines])
    part = Partition(len(lines))
    by_model: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(models):
        if m is not None:
            by_model[m].append(i)
    for members in by_model.values():
        part.union_all(members)
    unmodelled = [i for i, m in enumerate(models) if m is None]
    if unmodelled:  # a line without a model is matched by its name
        classes = same_classes(
            [ln.name for ln in lines], portfolio.config.name_similarity, only=unmodelled
        )
        by_name: dict[int, list[int]] = defaultdict(list)
        for i, c in enumerate(classes):
            by_name[c].append(i)
        for members in by_name.values():
            if any(models[i] is None for i in members):
                part.union_all(members)
    for members in part.clusters():
        estimates = tuple(sorted({equipment[i][0] for i in members}))
        if len(estimates) < 2:
            continue
        first = lines[members[0]]
        yield Hit(
            {
                "item": first.model or first.name,
                "count": len(estimates),
                "estimates": estimates,
                "where": tuple(f"{equipment[i][0]} ({lines[i].id})" for i in members),
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
    tables of their `method: calculation` lines, as recomputed) have the same names — at least
    `function_similarity` (0.85) alike and no variant, as names are compared for `DUP-LINE`
    (*Báo cáo thống kê theo tháng* and *… theo năm* are two functions): the same function may be
    built twice. Reported once per cluster of such names. Candidate pairs come from the index of
    `DUP-LINE` (the screening trade-off there). An estimate that cannot be computed contributes
    no use case.
    """
    functions = [(ctx.name, name) for ctx in portfolio.members for name in _use_cases(ctx)]
    classes = same_classes([name for _, name in functions], portfolio.config.function_similarity)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(classes):
        clusters[c].append(i)
    for members in clusters.values():
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

    The line's name contains, or is at least `name_similarity` alike (the indel similarity of
    the normalised names), a service listed in the project's `shared_services` (the directive on
    sharing infrastructure; NĐ 224/2026 Điều 36 k4).
    """
    services = [(s, normalise(s)) for s in ctx.project.project.shared_services]
    if not services:
        return
    cutoff = max(0.0, ctx.config.name_similarity * 100 - 1e-9)
    for line in ctx.project.lines:
        name = normalise(line.name)
        for service, text in services:
            if text in name or ratio(name, text, score_cutoff=cutoff) >= cutoff:
                yield Hit({"name": line.name, "service": service}, line=line.id, field="name")
