"""The % norm fees of a portfolio, recomputed over the store by the batch API.

An appraiser's portfolio question: *is every QĐ 1688 fee line (quản lý dự án, tư vấn …, method
``norm``) of every estimate at the amount the norm gives for its base?* The load stores, per fee
line, what recomputes it (table ``fee_lines``, filled from the typed trace of the computed
estimate by :func:`ictcost.portfolio.engine.fee_line_rows`); :func:`recheck_fees` groups those
lines by everything but the base (item, category, form, date, transitional override, K
conditions, pack, and whether the rate is read on another amount), reads each group back from
DuckDB in chunks of at most ``chunk`` bases and prices each chunk with one call of
:func:`~ictcost.fees.batch.compute_fee_batch` (``refused="mask"``): amounts identical to the
scalar :func:`~ictcost.fees.compute_fee`, ``Ci = Gi × Ni × Kđc`` (QĐ 1688, as quoted in R12).
The norm amounts go to table ``fee_norms``; the view ``fee_recheck`` sets them beside the stated
and computed amounts. :func:`fee_differences` turns the lines whose **stated** amount differs
from the norm into ``ARITH-LINE`` findings (the per-estimate rule's meaning: a stated pre-VAT
amount that is not the recomputed one).

Memory is bounded by the chunk, never by the portfolio: the lines are numbered by group in a
temporary DuckDB table (spilled to disk when large), read back one chunk at a time as numpy
columns, and the norm amounts of each chunk are written back from numpy arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from ictcost.checks.engine import PORTFOLIO
from ictcost.checks.rules import RULES, Finding, Findings
from ictcost.errors import IctcostError
from ictcost.fees.batch import REASONS, compute_fee_batch
from ictcost.norms.registry import NormRegistry
from ictcost.portfolio.engine import DECIMAL_PLACES

__all__ = [
    "CHUNK",
    "FEE_CODE",
    "FEE_TABLES",
    "FEE_VIEWS",
    "FeeRecheck",
    "fee_differences",
    "recheck_fees",
]

CHUNK = 100_000
"""The most bases priced by one call of :func:`~ictcost.fees.batch.compute_fee_batch`."""

FEE_CODE = "ARITH-LINE"
"""The finding code of a stated fee amount that is not the norm's (the per-estimate rule's)."""

_DEC = f"DECIMAL(38, {DECIMAL_PLACES})"

FEE_TABLES: dict[str, list[tuple[str, str]]] = {
    "fee_lines": [
        ("estimate", "BIGINT"),
        ("seq", "INTEGER"),
        ("line", "VARCHAR"),
        ("item", "VARCHAR"),
        ("category", "VARCHAR"),
        ("form", "VARCHAR"),
        ("date", "DATE"),
        ("regime_override", "VARCHAR"),
        ("conditions", "VARCHAR[]"),
        ("pack", "VARCHAR"),
        ("base", _DEC),
        ("rate_base", _DEC),
        ("amount", _DEC),
        ("stated", _DEC),
        ("exact", "VARCHAR"),
    ],
    "fee_norms": [
        ("estimate", "BIGINT"),
        ("seq", "INTEGER"),
        ("norm", _DEC),
        ("reason", "VARCHAR"),
    ],
}
"""The tables of the fee lines (filled at load) and of their norm amounts (filled at check)."""

FEE_VIEWS = """
CREATE OR REPLACE VIEW fee_recheck AS
SELECT f.estimate, e.name AS estimate_name, e.source, f.seq, f.line, f.item, f.category,
       f.form, f.date, f.conditions, f.base, f.amount, f.stated, n.norm,
       coalesce(f.stated, f.amount) - n.norm AS difference,
       CASE WHEN n.estimate IS NULL THEN 'not_rechecked' ELSE n.reason END AS reason
FROM fee_lines f JOIN estimates e ON e.id = f.estimate
LEFT JOIN fee_norms n ON n.estimate = f.estimate AND n.seq = f.seq;
"""
"""``fee_recheck``: per fee line its base, computed, stated and norm amounts, the difference
(stated, else computed, minus the norm) and why the norm gives none (``reason``)."""

_GROUP = "pack, item, category, form, date, regime_override, conditions, rate_base IS NULL"

_KEYS = f"SELECT {_GROUP}, count(*) FROM fee_lines GROUP BY ALL ORDER BY ALL"  # noqa: S608

_ORDER = f"""
CREATE OR REPLACE TEMP TABLE fee_order_ AS
SELECT dense_rank() OVER (ORDER BY {_GROUP}) - 1 AS g,
       row_number() OVER (PARTITION BY {_GROUP} ORDER BY estimate, seq) - 1 AS rn,
       estimate, seq,
       CASE WHEN base = trunc(base) THEN base::BIGINT END AS base_int,
       coalesce(CASE WHEN base <> trunc(base) THEN base::VARCHAR END,
                json_extract_string(exact, '$.base')) AS base_text,
       CASE WHEN rate_base = trunc(rate_base) THEN rate_base::BIGINT END AS rate_int,
       coalesce(CASE WHEN rate_base <> trunc(rate_base) THEN rate_base::VARCHAR END,
                json_extract_string(exact, '$.rate_base')) AS rate_text
FROM fee_lines ORDER BY g, rn
"""  # noqa: S608 - constant text
"""Every fee line numbered by its group (``g``, in the order of ``_KEYS``) and within it
(``rn``): the estimate, the line's seq, the base and the rate base as whole đồng (else as the
exact text the store kept). A temporary table in DuckDB (spilled to disk when large), read back
one chunk at a time."""

_WRITE = (
    "INSERT INTO fee_norms SELECT estimate, seq, "  # noqa: S608 - constant text
    f"CASE WHEN valid THEN norm::{_DEC} END, nullif(reason::VARCHAR, '') FROM fee_chunk_"
)

_CHUNK_READ = (
    "SELECT estimate, seq, base_int, base_text, rate_int, rate_text FROM fee_order_ "
    "WHERE g = ? AND rn >= ? AND rn < ? ORDER BY rn"
)


@dataclass(frozen=True, slots=True)
class FeeRecheck:
    """What :func:`recheck_fees` did.

    Attributes:
        lines: The fee lines of the store.
        groups: The groups (one set of arguments but the base).
        calls: The calls of :func:`~ictcost.fees.batch.compute_fee_batch`.
        refused: Lines the norm refuses (outside a range that refuses, or a group whose norms
            cannot be read: ``reason`` says which).
        differing: Lines whose stated (else computed) amount differs from the norm.
    """

    lines: int
    groups: int
    calls: int
    refused: int
    differing: int


def _whole(value: Decimal) -> Decimal:
    """A stored ``DECIMAL(38, 10)`` value without its trailing zeros when it is whole đồng."""
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _amounts(whole: Any, text: Any) -> Any:  # noqa: ANN401 - numpy arrays
    """Stored amounts: int64 when every one is whole đồng, else ``Decimal`` (exact text kept)."""
    exact = ~np.ma.getmaskarray(text)
    if not exact.any():
        return np.asarray(np.ma.getdata(whole), dtype=np.int64)
    ints = np.ma.getdata(whole)
    texts = np.ma.getdata(text)
    return np.array(
        [Decimal(str(texts[i])) if exact[i] else Decimal(int(ints[i])) for i in range(len(exact))],
        dtype=object,
    )


def _price(
    key: Sequence[Any],
    cols: Sequence[Sequence[Any]],
    registry: Callable[[str | None], NormRegistry],
) -> tuple[Any, Any, Any]:
    """Price one chunk of a group: the norm amounts (int64), where they hold (bool) and why
    not (text, ``""`` where they hold).
    """  # noqa: D205
    pack, item, category, form, on, override, conditions, plain = key
    n = len(cols[0])
    rate_on = None if plain else _amounts(cols[2], cols[3])
    try:
        view = registry(pack or None).at(on, regime_override=override)
        batch = compute_fee_batch(
            item,
            category=category,
            form=form,
            bases=_amounts(cols[0], cols[1]),
            norms=view,
            conditions=tuple(conditions or ()),
            rate_base=rate_on,
            refused="mask",
        )
    except IctcostError as exc:  # the whole group: the norms cannot price it any more
        return np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.bool_), np.full(n, exc.code)
    reasons = np.array(REASONS, dtype=object)[batch.reasons]
    return batch.amounts, np.asarray(batch.valid), reasons


def recheck_fees(
    con: Any,  # noqa: ANN401 - a duckdb connection
    registry: Callable[[str | None], NormRegistry],
    *,
    chunk: int = CHUNK,
) -> FeeRecheck:
    """Recompute every fee line of the store by the batch API; refill ``fee_norms``.

    The groups' keys are read first (few); the lines are numbered by group in a temporary
    DuckDB table, then read back ``chunk`` rows of one group at a time (numpy columns), each
    chunk priced by one call and its norms written back from numpy: Python holds one chunk.

    Args:
        con: The store's DuckDB connection.
        registry: The norms for a pack (``None``: the shipped ones), e.g.
            :func:`ictcost.portfolio.engine.registry_for`.
        chunk: The most bases priced per call (and held in memory).

    Returns:
        The counts of the recheck.
    """
    con.execute("DELETE FROM fee_norms")
    keys = con.execute(_KEYS).fetchall()
    con.execute(_ORDER)
    calls = 0
    try:
        for g, key in enumerate(keys):
            for start in range(0, int(key[-1]), chunk):
                cols = con.execute(_CHUNK_READ, [g, start, start + chunk]).fetchnumpy()
                norms, valid, reasons = _price(
                    key[:-1],
                    [cols["base_int"], cols["base_text"], cols["rate_int"], cols["rate_text"]],
                    registry,
                )
                calls += 1
                con.register(
                    "fee_chunk_",  # scanned by DuckDB from the numpy arrays, no Python rows
                    {
                        "estimate": np.ma.getdata(cols["estimate"]),
                        "seq": np.ma.getdata(cols["seq"]),
                        "norm": norms,
                        "valid": valid,
                        "reason": reasons,
                    },
                )
                try:
                    con.execute(_WRITE)
                finally:
                    con.unregister("fee_chunk_")
    finally:
        con.execute("DROP TABLE IF EXISTS fee_order_")
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE n.norm IS NULL), "
        "count(*) FILTER (WHERE coalesce(f.stated, f.amount) <> n.norm) "
        "FROM fee_lines f LEFT JOIN fee_norms n USING (estimate, seq)"
    ).fetchone()
    lines, refused, differing = (int(v) for v in row) if row else (0, 0, 0)
    return FeeRecheck(lines, len(keys), calls, refused, differing)


def fee_differences(
    con: Any,  # noqa: ANN401 - a duckdb connection
    *,
    tolerance: Decimal = Decimal(1),
    limit: int | None = None,
) -> Findings:
    """The fee lines whose stated amount differs from the norm's, as ``ARITH-LINE`` findings.

    The meaning of the per-estimate rule ``ARITH-LINE`` (a stated pre-VAT amount that is not the
    recomputed one, beyond ``amount_tolerance``), with the norm amount of the batch recheck as the
    recomputed one; ``amount`` is the difference. The findings are reported, not stored (the
    per-estimate check stored its own). They carry no trace: the message shows ``—`` where the
    computation would be quoted (``ictcost check FILE`` gives the full account).

    Args:
        con: The store's DuckDB connection (after :func:`recheck_fees`).
        tolerance: Differences up to this are not findings (``CheckConfig.amount_tolerance``).
        limit: The most findings returned, largest difference first (all by default).

    Returns:
        The findings, largest absolute difference first.
    """
    rows = con.execute(
        "SELECT estimate_name, line, stated, norm, difference FROM fee_recheck "
        "WHERE stated IS NOT NULL AND norm IS NOT NULL AND abs(difference) > ? "
        "ORDER BY abs(difference) DESC, source, seq LIMIT ?",
        [tolerance, limit if limit is not None else 2**62],
    ).fetchall()
    rule = RULES[FEE_CODE]
    return Findings(
        Finding(
            code=FEE_CODE,
            severity=rule.severity,
            estimate=name if name is not None else PORTFOLIO,
            line=line,
            field="stated.amount",
            basis=rule.basis,
            amount=_whole(difference),
            details={"stated": _whole(stated), "expected": _whole(norm)},
        )
        for name, line, stated, norm, difference in rows
    )
