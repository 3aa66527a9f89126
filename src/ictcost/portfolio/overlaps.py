"""The portfolio rules over the store: overlaps and outliers from SQL tables, not from objects.

The same rules as :func:`ictcost.checks.check_portfolio` (``DUP-PORTFOLIO-EQUIPMENT``,
``DUP-PORTFOLIO-FUNCTION``, ``METHOD-UCP-OUTLIER``), with the same matching, computed from the
store's flat tables so that memory grows with the *distinct* names and models, not with the
estimates:

* equipment: the distinct models are classed by :func:`~ictcost.checks._matching.model_classes`
  (``model_classes`` table); when some equipment line has no model, the distinct names by
  :func:`ictcost.checks._classes.same_classes` (the classes of
  :func:`ictcost.checks.overlaps.name_classes` in compact memory; only pairs with an unmodelled
  name are compared, as in the rule); the few classes are joined by union–find, and DuckDB groups the
  lines by their cluster (``GROUP BY``), keeping the clusters that span two estimates or more;
* functions: the distinct use-case names are classed the same way, then grouped in SQL;
* UCP outliers: the cost per use case of every software line (G_PM ÷ use cases counted, exact),
  its median and median absolute deviation, as the rule computes them.

One deliberate difference: a cluster's lists (``where``, ``estimates``, ``functions``) hold at
most ``limit`` entries (default :data:`MEMBER_LIMIT`) and then one more entry ``… +N`` that says
how many were left out; ``count`` is always the full count. Below the limit, the findings are
those of :func:`~ictcost.checks.check_portfolio`, in the same order (a test checks both).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ictcost.checks import CheckConfig
from ictcost.checks.engine import PORTFOLIO
from ictcost.checks.matching import same_classes
from ictcost.checks.overlaps import Partition
from ictcost.checks.rules import RULES, Finding, Findings, Hit
from ictcost.money import exact, round_vnd

__all__ = ["MEMBER_LIMIT", "portfolio_findings"]

_Z_FACTOR = Decimal("0.6745")
"""Φ⁻¹(0.75), as in :mod:`ictcost.checks.plausibility` (METHOD-UCP-OUTLIER; a test checks
that both give the same findings)."""
_CENT = Decimal("0.01")

MEMBER_LIMIT = 50
"""The most members a portfolio finding lists (then ``… +N``); its ``count`` is the full count."""

_EQUIPMENT = "component = 'thiet_bi' AND NOT reference"


def _bounded(items: Sequence[str], total: int, limit: int) -> tuple[str, ...]:
    """``items`` (the first ``limit``), then ``… +N`` when ``total`` is larger."""
    head = tuple(items[:limit])
    return head if total <= limit else (*head, f"… +{total - limit}")


def _temp(con: Any, name: str, columns: str, rows: Sequence[tuple[object, ...]]) -> None:  # noqa: ANN401
    """A temporary table filled from rows (as columns, in one statement)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({columns})")
    if rows:
        cols = list(zip(*rows, strict=True))
        kinds = [c.split()[1] for c in columns.split(", ")]
        selects = ", ".join(f"unnest(${k + 1}::{kind}[])" for k, kind in enumerate(kinds))
        con.execute(f"INSERT INTO {name} SELECT {selects}", [list(c) for c in cols])


_CHUNK = 50_000
"""The rows fetched from DuckDB at a time (a column of names is read without a list of tuples)."""


def _column(con: Any, sql: str) -> list[Any]:  # noqa: ANN401
    """The first column of a query, fetched in chunks."""
    cursor = con.execute(sql)
    out: list[Any] = []
    while chunk := cursor.fetchmany(_CHUNK):
        out += [row[0] for row in chunk]
    return out


def _classes_table(con: Any, name: str, classes: Sequence[int]) -> None:  # noqa: ANN401
    """A temporary table ``(k, c)``: the class ``c`` of the ``k``-th distinct name (from 0)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} (k BIGINT, c INTEGER)")
    if classes:
        con.execute(
            f"INSERT INTO {name} SELECT generate_subscripts($1::INTEGER[], 1) - 1, "
            "unnest($1::INTEGER[])",
            [list(classes)],
        )


def _drop(con: Any, kind: str, *names: str) -> None:  # noqa: ANN401
    """Drop temporary tables or views (their memory is DuckDB's until then)."""
    for name in names:
        con.execute(f"DROP {kind} IF EXISTS {name}")


def _first_per_group(
    table: str, group: str, value: str, order: str, limit: int, *, distinct: bool = True
) -> str:
    """SQL: per ``group`` of ``table``, the list of its first ``limit`` values by ``order`` (as
    ``group``, ``members``): the distinct values (each ordered by its least ``order``) or, with
    ``distinct=False``, every row's value.

    Only those rows are aggregated: a list over a group of 100,000 members (a server model
    bought by every estimate) is never built in memory, where DuckDB cannot spill it.
    """  # noqa: D205
    rows = (
        f"SELECT {group}, {value} AS v, min({order}) AS o FROM {table} GROUP BY {group}, v"  # noqa: S608
        if distinct
        else f"SELECT {group}, {value} AS v, {order} AS o FROM {table}"  # noqa: S608
    )
    return (
        f"SELECT {group}, list(v ORDER BY o) AS members FROM ("  # noqa: S608 - names of ours
        f"SELECT {group}, v, o, row_number() OVER (PARTITION BY {group} ORDER BY o) AS r "
        f"FROM ({rows})) WHERE r <= {int(limit)} GROUP BY {group}"
    )


def _ordered_lines(con: Any) -> None:  # noqa: ANN401
    """The equipment lines in the rule's order (estimates by source, lines as given)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE eq AS "  # noqa: S608
        "SELECT row_number() OVER (ORDER BY e.source, l.seq) AS ord, e.name AS est, l.id, "
        "l.name, nullif(l.model, '') AS model "
        f"FROM lines l JOIN estimates e ON e.id = l.estimate WHERE {_EQUIPMENT}"
    )


def _equipment(con: Any, cfg: CheckConfig, limit: int) -> Iterator[Hit]:  # noqa: ANN401
    """``DUP-PORTFOLIO-EQUIPMENT`` (see :func:`ictcost.checks.overlaps._portfolio_equipment`)."""
    _ordered_lines(con)
    mclass = dict(con.execute("SELECT model, class FROM model_classes").fetchall())
    nodes: dict[tuple[str, int], int] = {}

    def node(key: tuple[str, int]) -> int:
        return nodes.setdefault(key, len(nodes))

    for c in set(mclass.values()):
        node(("m", c))
    edges: list[tuple[int, int]] = []
    # the distinct names in the rule's order, numbered from 0 (k), and whether a line without a
    # model has it: only their numbers and classes come back to DuckDB, not the names
    con.execute(
        "CREATE OR REPLACE TEMP TABLE eqn AS SELECT name, "
        "row_number() OVER (ORDER BY max(ord)) - 1 AS k, bool_or(model IS NULL) AS unmodelled "
        "FROM eq GROUP BY name"
    )
    _classes_table(con, "ncls", [])
    unmodelled = con.execute("SELECT count(*) FROM eqn WHERE unmodelled").fetchone()
    if unmodelled and unmodelled[0]:
        names = _column(con, "SELECT name FROM eqn ORDER BY k")
        only = _column(con, "SELECT k FROM eqn WHERE unmodelled ORDER BY k")
        classes = same_classes(names, cfg.name_similarity, only=only)
        del names
        active = {classes[k] for k in only}
        del only
        for c in sorted(active):
            node(("n", c))
        _classes_table(con, "ncls", [c if c in active else -1 for c in classes])
        del classes
        con.execute("DELETE FROM ncls WHERE c < 0")
        for m, c in con.execute(
            "SELECT DISTINCT m.class, n.c FROM eq JOIN model_classes m USING (model) "
            "JOIN eqn USING (name) JOIN ncls n USING (k)"
        ).fetchall():
            edges.append((node(("m", m)), node(("n", c))))
    part = Partition(len(nodes))
    for u, v in edges:
        part.union(u, v)
    comp = [(kind, c, part.find(i)) for (kind, c), i in nodes.items()]
    _temp(con, "comp", "kind VARCHAR, c INTEGER, cluster INTEGER", comp)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE t AS SELECT eq.*, "
        "coalesce(cm.cluster, cn.cluster) AS cluster FROM eq "
        "LEFT JOIN model_classes m ON eq.model = m.model "
        "LEFT JOIN comp cm ON cm.kind = 'm' AND cm.c = m.class "
        "LEFT JOIN eqn ON eq.model IS NULL AND eqn.name = eq.name "
        "LEFT JOIN ncls n ON n.k = eqn.k "
        "LEFT JOIN comp cn ON cn.kind = 'n' AND cn.c = n.c "
        "WHERE coalesce(cm.cluster, cn.cluster) IS NOT NULL"
    )
    # the clusters found in two estimates or more (few), then their member lists only
    con.execute(
        "CREATE OR REPLACE TEMP TABLE g AS SELECT cluster, arg_min(id, ord) AS line, "
        "arg_min(coalesce(model, name), ord) AS item, arg_min(model IS NOT NULL, ord) AS modelled, "
        "count(DISTINCT est) AS n_est, count(*) AS n_lines, min(ord) AS first FROM t "
        "GROUP BY cluster HAVING count(DISTINCT est) >= 2"
    )
    con.execute("CREATE OR REPLACE TEMP VIEW tk AS SELECT * FROM t SEMI JOIN g USING (cluster)")
    estimates_of = _first_per_group("tk", "cluster", "est", "est", limit)
    where_of = _first_per_group(
        "tk", "cluster", "est || ' (' || id || ')'", "ord", limit, distinct=False
    )
    clusters = con.execute(
        "SELECT g.line, g.item, g.modelled, g.n_est, g.n_lines, e.members, w.members FROM g "  # noqa: S608
        f"JOIN ({estimates_of}) e USING (cluster) JOIN ({where_of}) w USING (cluster) "
        "ORDER BY g.first"
    ).fetchall()
    _drop(con, "VIEW", "tk")
    _drop(con, "TABLE", "g", "t", "eq", "eqn", "ncls", "comp")
    for line, item, modelled, n_est, n_lines, estimates, where in clusters:
        yield Hit(
            {
                "item": item,
                "count": n_est,
                "estimates": _bounded(estimates, n_est, limit),
                "where": _bounded(where, n_lines, limit),
            },
            line=line,
            field="model" if modelled else "name",
        )


def _functions(con: Any, cfg: CheckConfig, limit: int) -> Iterator[Hit]:  # noqa: ANN401
    """``DUP-PORTFOLIO-FUNCTION`` (see :func:`ictcost.checks.overlaps._portfolio_functions`)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE uc AS "
        "SELECT row_number() OVER (ORDER BY e.source, u.seq) AS ord, e.name AS est, u.name "
        "FROM use_cases u JOIN estimates e ON e.id = u.estimate"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ucn AS SELECT name, "
        "row_number() OVER (ORDER BY max(ord)) - 1 AS k FROM uc GROUP BY name"
    )
    names = _column(con, "SELECT name FROM ucn ORDER BY k")
    if not names:
        return
    classes = same_classes(names, cfg.function_similarity)
    del names
    _classes_table(con, "fcls", classes)
    del classes
    con.execute(
        "CREATE OR REPLACE TEMP VIEW ucc AS SELECT uc.ord, uc.est, uc.name, f.c "
        "FROM uc JOIN ucn USING (name) JOIN fcls f USING (k)"
    )
    # the classes found in two estimates or more (few), then their member lists only
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fg AS SELECT c, count(DISTINCT est) AS n_est, "
        "count(DISTINCT name) AS n_names, min(ord) AS first FROM ucc GROUP BY c "
        "HAVING count(DISTINCT est) >= 2"
    )
    con.execute("CREATE OR REPLACE TEMP VIEW fk AS SELECT * FROM ucc SEMI JOIN fg USING (c)")
    estimates_of = _first_per_group("fk", "c", "est", "est", limit)
    names_of = _first_per_group("fk", "c", "name", "name", limit)
    rows = con.execute(
        "SELECT g.n_est, g.n_names, e.members, f.members FROM fg g "  # noqa: S608
        f"JOIN ({estimates_of}) e USING (c) JOIN ({names_of}) f USING (c) ORDER BY g.first"
    ).fetchall()
    _drop(con, "VIEW", "fk", "ucc")
    _drop(con, "TABLE", "fg", "uc", "ucn", "fcls")
    for n_est, n_names, estimates, functions in rows:
        yield Hit(
            {
                "count": n_est,
                "estimates": _bounded(estimates, n_est, limit),
                "functions": _bounded(functions, n_names, limit),
            }
        )


def _ucp_outliers(con: Any, cfg: CheckConfig) -> Iterator[Hit]:  # noqa: ANN401
    """``METHOD-UCP-OUTLIER`` (see :func:`ictcost.checks.plausibility._ucp_outlier`)."""
    rows = con.execute(
        "SELECT e.name, s.line, s.use_cases, s.g_pm FROM software s "
        "JOIN estimates e ON e.id = s.estimate ORDER BY e.source, s.seq"
    ).fetchall()
    if len(rows) < cfg.min_software_estimates:
        return
    costs = []
    for _, _, counted, g_pm in rows:
        with exact():
            costs.append(Decimal(g_pm) / counted)
    median = statistics.median(costs)
    mad = statistics.median(abs(c - median) for c in costs)
    if mad == 0:
        return
    for (name, line, counted, _), cost in zip(rows, costs, strict=True):
        with exact():
            z = _Z_FACTOR * (cost - median) / mad
        if abs(z) > cfg.max_robust_z:
            yield Hit(
                {
                    "estimate": name,
                    "cost": round_vnd(cost),
                    "median": round_vnd(median),
                    "z": z.quantize(_CENT, rounding=ROUND_HALF_UP),
                    "threshold": cfg.max_robust_z,
                    "count": len(rows),
                    "use_cases": counted,
                },
                line=line,
                amount=round_vnd(cost),
            )


def portfolio_findings(
    con: Any,  # noqa: ANN401 - a duckdb connection to a portfolio store
    config: CheckConfig | None = None,
    *,
    limit: int = MEMBER_LIMIT,
) -> Findings:
    """Run the portfolio rules over a store's tables.

    Args:
        con: The store's connection (:attr:`PortfolioStore.con`), its ``model_classes`` up to
            date (:meth:`PortfolioStore.refresh_model_classes`).
        config: The thresholds.
        limit: The most members a finding lists.

    Returns:
        The findings across the portfolio (their ``estimate`` is ``portfolio``), in the order
        of :func:`~ictcost.checks.check_portfolio`: the rules in registry order, each rule's
        findings by their first member.
    """
    cfg = config or CheckConfig()
    checks = {
        "DUP-PORTFOLIO-EQUIPMENT": lambda: _equipment(con, cfg, limit),
        "DUP-PORTFOLIO-FUNCTION": lambda: _functions(con, cfg, limit),
        "METHOD-UCP-OUTLIER": lambda: _ucp_outliers(con, cfg),
    }
    out: list[Finding] = []
    for code, r in RULES.items():
        if r.check_portfolio is None:
            continue
        if code not in checks:  # a new portfolio rule must be ported to the store
            msg = f"the portfolio rule {code} has no store implementation"
            raise NotImplementedError(msg)
        out += [r.finding(hit, estimate=PORTFOLIO) for hit in checks[code]()]
    return Findings(out)
