"""Across dossiers: the same owner buying the same equipment or software function again within N years.

The items bought are the contracts' items (dated by the contract's signing). Two items are the same
when they carry the same model (:func:`ictcost.checks._matching.model_classes`: the model
numbers agree and no two makes differ) or, when either lacks a model, the same name
(:func:`~ictcost.checks._matching.name_edges` through the name index, relation ``same`` — a
series of per-commune items is a variant, not the same). Candidate pairs come from the index, so
the work grows with the items, never with their square; each purchase is compared with the latest
earlier purchase of its class by another dossier only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ictcost.checks.matching import Partition, model_classes, name_edges, name_of
from ictcost.checks.rules import Hit, dossier_rule
from ictcost.report.messages.stages import basis
from ictcost.stages.context import DossierContext, party_key

__all__ = ["BOUGHT_COMPONENTS", "Bought", "bought_items", "repeat_hits"]


@dataclass(frozen=True, slots=True)
class Bought:
    """One item a contract buys, as the repeat rule compares it.

    Attributes:
        dossier: The dossier's id.
        owner: The owner's identity (:func:`~ictcost.stages.context.party_key`).
        contract: The contract's id.
        date: The contract's signing date.
        name: The item's name.
        model: Its model, if given.
    """

    dossier: str
    owner: str
    contract: str
    date: dt.date
    name: str
    model: str | None


BOUGHT_COMPONENTS = frozenset({"thiet_bi", "phan_mem_noi_bo"})
"""The components whose items are goods or software functions (installation, training and other
services are bought again by nature)."""


def bought_items(ctx: DossierContext) -> list[Bought]:
    """The equipment and software items of a dossier's contracts: with a model, or on such a line."""
    out: list[Bought] = []
    d = ctx.dossier
    for c in d.contracts:
        for i in c.items:
            line = ctx.lines.get(i.line) if i.line is not None else None
            if i.model is not None or (line is not None and line.component in BOUGHT_COMPONENTS):
                out.append(Bought(d.id, party_key(d.owner), c.id, c.signed, i.name, i.model))
    return out


def _years_before(later: dt.date, years: int) -> dt.date:
    try:
        return later.replace(year=later.year - years)
    except ValueError:  # 29 February
        return later.replace(year=later.year - years, day=28)


@dossier_rule(
    "STAGE-REPEAT-BUY",
    severity="warning",
    basis=basis("STAGE-REPEAT-BUY"),
    across=True,
)
def _repeat(contexts: Sequence[DossierContext]) -> Iterator[Hit]:
    """The same owner buys the same equipment or software function again within N years.

    A contract item matches an item another dossier of the same owner (tax code, else folded
    name) bought less than ``repeat_years`` years before (same model, or the same name where a
    model is missing). Different owners buying the same model is not a repeat: the overlap rules
    of the estimates (DUP-PORTFOLIO-EQUIPMENT) compare agencies. The items compared are those
    with a model, or on an approved line of equipment or internal software (``thiet_bi``,
    ``phan_mem_noi_bo``); installation, training and other services are left out. Without ``repeat_years`` the
    rule does not run, and STAGE-REPEAT-NOT-RUN says so.
    """
    if not contexts or contexts[0].stages.repeat_years is None:
        return
    items = [b for ctx in contexts for b in bought_items(ctx)]
    yield from repeat_hits(
        items, contexts[0].stages.repeat_years, contexts[0].config.name_similarity
    )


def repeat_hits(items: Sequence[Bought], years: int, threshold: float) -> Iterator[Hit]:
    """The repeat purchases among items (the rule's work; the portfolio store calls it too).

    Args:
        items: The items bought, of every dossier compared.
        years: The window (``repeat_years``).
        threshold: The name similarity from which two names are the same item.

    Returns:
        One hit per purchase of an item the same owner bought less than ``years`` years before
        in another dossier.
    """
    if not items:
        return
    part = Partition(len(items))
    models = model_classes([i.model for i in items])
    first: dict[int, int] = {}
    for k, cls in enumerate(models):
        if cls is not None:
            part.union(k, first.setdefault(cls, k))
    unmodelled = [k for k, i in enumerate(items) if i.model is None]
    names = [name_of(items[k].name) for k in range(len(items))]
    of, edges = name_edges(names, threshold)
    by_name: dict[int, int] = {}
    for k in unmodelled:
        part.union(k, by_name.setdefault(of[k], k))
    rep = {u: k for k, u in enumerate(of)}
    for u, v, rel in edges:
        a, b = rep[u], rep[v]
        if rel == "same" and (items[a].model is None or items[b].model is None):
            part.union(a, b)
    for cluster in part.clusters():
        by_owner: dict[str, list[int]] = {}
        for k in cluster:
            by_owner.setdefault(items[k].owner, []).append(k)
        for members in by_owner.values():
            if len(members) > 1:
                yield from _again(items, members, years)


def _again(items: Sequence[Bought], members: list[int], years: int) -> Iterator[Hit]:
    """Each purchase against the latest earlier purchase of the same item by another dossier."""
    ordered = sorted(members, key=lambda k: (items[k].date, items[k].dossier, k))
    last: int | None = None
    other: int | None = None  # the latest purchase by another dossier than ``last``'s
    for k in ordered:
        now = items[k]
        prev_k = last if last is not None and items[last].dossier != now.dossier else other
        if prev_k is not None:
            prev = items[prev_k]
            if prev.date > _years_before(now.date, years):
                yield Hit(
                    {
                        "item": now.name,
                        "dossier": now.dossier,
                        "contract": now.contract,
                        "date": now.date.isoformat(),
                        "earlier_dossier": prev.dossier,
                        "earlier_contract": prev.contract,
                        "earlier_date": prev.date.isoformat(),
                        "years": years,
                    },
                    field=f"{now.dossier}.contracts.{now.contract}",
                )
        if last is not None and items[last].dossier != now.dossier:
            other = last
        last = k


@dossier_rule(
    "STAGE-REPEAT-NOT-RUN",
    severity="info",
    basis=basis("STAGE-REPEAT-NOT-RUN"),
    across=True,
)
def _repeat_not_run(contexts: Sequence[DossierContext]) -> Iterator[Hit]:
    """The repeat-purchase rule did not run: no window N was given (``repeat_years``).

    No text read sets the number of years within which buying the same item again is
    questionable, so it is an explicit input (``StageConfig(repeat_years=…)``, ``--repeat-years``).
    """
    if contexts and contexts[0].stages.repeat_years is None:
        yield Hit({"dossiers": len(contexts)})
