"""Dossiers of stage records in the portfolio database: load, check across them, report.

Needs the ``portfolio`` extra (DuckDB), as the store of estimates does.

:func:`load_dossiers` reads every dossier file of a folder (recursively, in path order; a file
with ``lines`` is an estimate, left to :func:`~ictcost.portfolio.load_folder`), checks each one
(:func:`ictcost.stages.check_dossier`, its approved estimate recomputed) in worker processes or
serially, and stores in the same DuckDB file as the estimates:

=====================  ===========================================================================
table                  one row per
=====================  ===========================================================================
``dossiers``           dossier file: id, source, SHA-256, status (``ok`` or ``error`` with its
                       typed code and message), name, owner, and each stage's value (plan,
                       policy, approval, selection_plan, contracts, accepted, paid, settlement)
``stage_rows``         row of its timeline: stage, the stage it adjusts, dates, decision numbers,
                       value, difference to the row before
``stage_items``        equipment or software item a contract buys (what the repeat rule compares)
``stage_exceeding``    later stage above an earlier one (:func:`ictcost.stages.exceeding`)
``stage_findings``     finding of a dossier (``dossier`` NULL for the findings across dossiers)
=====================  ===========================================================================

Loading again is idempotent: an unchanged file (same bytes) is skipped, a changed one replaced, a
file gone removed. :func:`check_dossier_store` runs the rules across the stored dossiers
(``STAGE-REPEAT-BUY`` over ``stage_items``, the same matching as in memory) and returns them with
the projects whose later stages exceed earlier ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

from ictcost.checks import CheckConfig
from ictcost.checks.engine import PORTFOLIO
from ictcost.checks.rules import RULES, Finding, Findings, Hit
from ictcost.errors import IctcostError, InputError
from ictcost.money import tidy
from ictcost.norms.registry import NormRegistry
from ictcost.portfolio.store import MEMORY_LIMIT, PortfolioStore, out_of_memory
from ictcost.stages import (
    StageConfig,
    dossier_context,
    exceeding,
    load_dossier,
    timeline,
)
from ictcost.stages.engine import dossier_findings
from ictcost.stages.mapping import finding_stage
from ictcost.stages.model import STAGES, Dossier
from ictcost.stages.repeat import Bought, bought_items, repeat_hits
from ictcost.stages.thresholds import with_stage_basis

__all__ = ["STAGE_TABLES", "DossierLoad", "StageReport", "check_dossier_store", "load_dossiers"]

_DEC = "DECIMAL(38, 4)"
_VALUES = (
    "plan",
    "policy",
    "approval",
    "selection_plan",
    "contract",
    "acceptance",
    "payment",
    "settlement",
)
STAGE_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "dossiers": (
        ("id", "VARCHAR"),
        ("source", "VARCHAR"),
        ("file_hash", "VARCHAR"),
        ("status", "VARCHAR"),
        ("error_code", "VARCHAR"),
        ("error_message", "VARCHAR"),
        ("name", "VARCHAR"),
        ("owner", "VARCHAR"),
        ("estimate_source", "VARCHAR"),
        ("estimate_hash", "VARCHAR"),
        *((v, _DEC) for v in _VALUES),
    ),
    "stage_rows": (
        ("dossier", "VARCHAR"),
        ("seq", "INTEGER"),
        ("stage", "VARCHAR"),
        ("adjusts", "VARCHAR"),
        ("first_date", "DATE"),
        ("last_date", "DATE"),
        ("decisions", "VARCHAR"),
        ("value", _DEC),
        ("difference", _DEC),
    ),
    "stage_items": (
        ("dossier", "VARCHAR"),
        ("owner", "VARCHAR"),
        ("contract", "VARCHAR"),
        ("signed", "DATE"),
        ("name", "VARCHAR"),
        ("model", "VARCHAR"),
    ),
    "stage_exceeding": (
        ("dossier", "VARCHAR"),
        ("stage", "VARCHAR"),
        ("over", "VARCHAR"),
        ("value", _DEC),
        ("ceiling", _DEC),
        ("excess", _DEC),
    ),
    "stage_findings": (
        ("dossier", "VARCHAR"),
        ("seq", "INTEGER"),
        ("code", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("line", "VARCHAR"),
        ("field", "VARCHAR"),
        ("case", "VARCHAR"),
        ("amount", "VARCHAR"),
        ("finding", "JSON"),
    ),
}
"""The tables of the dossiers, with their columns (created beside the store's own tables)."""
_SUFFIXES = frozenset({".yaml", ".yml", ".json"})


@dataclass(frozen=True, slots=True)
class _Result:
    """What a worker sends back for one file: its rows, or why it is not a dossier."""

    source: str
    file_hash: str
    kind: str  # "dossier", "estimate" (skipped) or "error"
    rows: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _is_estimate(path: Path) -> bool:
    """A file whose top level has ``lines`` is an estimate (read by the estimates' loader)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() == ".json":
        return '"lines"' in text[:200_000] and '"owner"' not in text[:2_000]
    return any(ln.startswith("lines:") for ln in text.splitlines())


def _file_row(
    source: str, digest: str, status: str, code: str | None = None, message: str | None = None
) -> tuple[object, ...]:
    """The ``dossiers`` row of a file that holds no dossier (an estimate, or unreadable)."""
    return (None, source, digest, status, code, message, None, None, None, None) + (None,) * len(
        _VALUES
    )


def _process(args: tuple[str, str, NormRegistry, CheckConfig]) -> _Result:
    """Check one dossier file and turn it into rows (runs in a worker)."""
    source, digest, registry, config = args
    path = Path(source)
    if _is_estimate(path):
        return _Result(
            source, digest, "estimate", {"dossiers": [_file_row(source, digest, "estimate")]}
        )
    try:
        dossier = load_dossier(path)
        ctx = dossier_context(dossier, registry=registry, base_dir=path.parent, config=config)
        found = dossier_findings(ctx)
    except IctcostError as exc:
        row = _file_row(source, digest, "error", exc.code, exc.message)
        return _Result(source, digest, "error", {"dossiers": [row]})
    t = timeline(dossier, found)
    values = {r.stage: r.value for r in t.rows if r.adjusts is None}
    estimate = _estimate_path(dossier, path)
    head = (
        dossier.id,
        source,
        digest,
        "ok",
        None,
        None,
        dossier.name,
        dossier.owner.name,
        None if estimate is None else str(estimate),
        None if estimate is None else _hash(estimate),
    )
    rows: dict[str, list[tuple[object, ...]]] = {
        "dossiers": [head + tuple(values.get(v) for v in _VALUES)],  # type: ignore[call-overload]
        "stage_rows": [
            (
                dossier.id,
                k,
                r.stage,
                r.adjusts,
                r.start,
                r.date,
                ", ".join(r.decisions),
                r.value,
                r.difference,
            )
            for k, r in enumerate(t.rows)
        ],
        "stage_items": [
            (b.dossier, b.owner, b.contract, b.date, b.name, b.model) for b in bought_items(ctx)
        ],
        "stage_exceeding": [
            (dossier.id, e.stage, e.over, e.value, e.ceiling, e.excess) for e in exceeding([t])
        ],
        "stage_findings": [_finding_row(dossier.id, k, f) for k, f in enumerate(found)],
    }
    return _Result(source, digest, "dossier", rows)


def _estimate_path(dossier: Dossier, path: Path) -> Path | None:
    """The approved estimate's file a dossier names (its bytes decide whether it is stale)."""
    if dossier.approval is None or dossier.approval.estimate is None:
        return None
    return path.parent / dossier.approval.estimate


def _finding_row(dossier: str | None, seq: int, f: Finding) -> tuple[object, ...]:
    return (
        dossier,
        seq,
        f.code,
        f.severity,
        f.line,
        f.field,
        f.case,
        None if f.amount is None else str(f.amount),
        f.model_dump_json(exclude={"message_vi", "message_en"}),
    )


def _create(store: PortfolioStore) -> None:
    for name, columns in STAGE_TABLES.items():
        cols = ", ".join(f'"{c}" {t}' for c, t in columns)
        store.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")


def _insert(store: PortfolioStore, table: str, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert rows as columns in one statement (values but integers as text: exact decimals)."""
    columns = STAGE_TABLES[table]
    data = [
        [None if row[k] is None else row[k] if kind == "INTEGER" else str(row[k]) for row in rows]
        for k, (_, kind) in enumerate(columns)
    ]
    store.insert_columns(table, columns, data)


def _cited(finding: Finding, registry: NormRegistry, day: dt.date) -> Finding:
    """A finding across dossiers with the governing text of its stage on its record's date."""
    stage = finding_stage(finding)
    return finding if stage is None else with_stage_basis(finding, registry, stage, day)


def _delete(store: PortfolioStore, sources: Sequence[str]) -> None:
    if not sources:
        return
    ids = [
        r[0]
        for r in store.con.execute(
            "SELECT id FROM dossiers WHERE source IN (SELECT unnest($1::VARCHAR[])) AND id IS NOT NULL",
            [list(sources)],
        ).fetchall()
    ]
    store.con.execute(
        "DELETE FROM dossiers WHERE source IN (SELECT unnest($1::VARCHAR[]))", [list(sources)]
    )
    for table in ("stage_rows", "stage_items", "stage_exceeding", "stage_findings"):
        # the table names are this module's constants
        query = f"DELETE FROM {table} WHERE dossier IN (SELECT unnest($1::VARCHAR[]))"  # noqa: S608
        store.con.execute(query, [ids])


@dataclass(frozen=True, slots=True)
class DossierLoad:
    """What :func:`load_dossiers` did.

    Attributes:
        loaded: Dossier files read and stored (new or changed).
        unchanged: Files skipped because their bytes did not change.
        removed: Files gone from the folder, removed from the store.
        errors: Files that could not be read, stored as ``error`` rows with their code.
        estimates: Estimate files met in the folder (left to the estimates' loader).
    """

    loaded: int
    unchanged: int
    removed: int
    errors: int
    estimates: int


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(
            f"{folder}: no such folder", field="DIR", hint="give the folder of the dossier files"
        )
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)


def load_dossiers(
    folder: str | os.PathLike[str],
    db: str | os.PathLike[str],
    *,
    registry: NormRegistry | None = None,
    config: CheckConfig | None = None,
    workers: int | None = None,
    memory_limit: str = MEMORY_LIMIT,
) -> DossierLoad:
    """Read, check and store every dossier of a folder in the portfolio database.

    Args:
        folder: The folder (read recursively; estimate files in it are counted and left alone).
        db: The DuckDB file (created with the store's schema when it does not exist).
        registry: The norms (shipped by default).
        config: The thresholds of the estimate checks.
        workers: Worker processes (``1``: in this process; default: the machine's cores).
        memory_limit: The most memory DuckDB may use (as for the portfolio's load).

    Returns:
        What was loaded, skipped, removed, refused.

    Raises:
        InputError: the folder does not exist, the database is not a portfolio store, or DuckDB
            ran out of ``memory_limit``.
    """
    reg = registry or NormRegistry.shipped()
    cfg = config or CheckConfig()
    files = _files(Path(folder))
    with (
        out_of_memory(memory_limit, "load"),
        PortfolioStore(db, memory_limit=memory_limit) as store,
    ):
        _create(store)
        digests = {str(p): _hash(p) for p in files}
        known = {}
        for source, digest, estimate, estimate_hash in store.con.execute(
            "SELECT source, file_hash, estimate_source, estimate_hash FROM dossiers"
        ).fetchall():
            # a dossier is stale when its approved estimate's file changed too
            now = digests.get(estimate) if estimate else None
            if estimate and now is None and Path(estimate).is_file():
                now = _hash(Path(estimate))
            known[source] = digest if now == estimate_hash else None
        todo = [s for s, h in digests.items() if known.get(s) != h]
        gone = [s for s in known if s not in digests]
        _delete(store, [*todo, *gone])
        counts = {"dossier": 0, "estimate": 0, "error": 0}
        for result in _map([(s, digests[s], reg, cfg) for s in todo], workers):
            counts[result.kind] += 1
            for table, rows in result.rows.items():
                _insert(store, table, rows)
    return DossierLoad(
        loaded=counts["dossier"],
        unchanged=len(files) - len(todo),
        removed=len(gone),
        errors=counts["error"],
        estimates=counts["estimate"],
    )


def _map(
    tasks: list[tuple[str, str, NormRegistry, CheckConfig]], workers: int | None
) -> Iterator[_Result]:
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or len(tasks) < 2:  # one task needs no pool
        yield from map(_process, tasks)
        return
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
        yield from pool.map(_process, tasks, chunksize=max(1, len(tasks) // (4 * n)))


@dataclass(frozen=True, slots=True)
class StageReport:
    """The dossiers of a store, checked across.

    Attributes:
        dossiers: Dossiers stored (``ok``).
        errors: Files that could not be read (source, code, message).
        findings: The findings across dossiers (``STAGE-REPEAT-BUY`` or ``STAGE-REPEAT-NOT-RUN``).
        exceeding: Later stages above earlier ones: (dossier, stage, over, value, ceiling, excess).
        by_code: The stored findings of the dossiers, counted by code.
    """

    dossiers: int
    errors: tuple[tuple[str, str, str], ...]
    findings: Findings
    exceeding: tuple[tuple[str, str, str, Decimal, Decimal, Decimal], ...]
    by_code: dict[str, int]


def check_dossier_store(
    db: str | os.PathLike[str],
    *,
    stages: StageConfig | None = None,
    config: CheckConfig | None = None,
    registry: NormRegistry | None = None,
    memory_limit: str = MEMORY_LIMIT,
) -> StageReport:
    """Run the rules across the stored dossiers and report them with the exceeding projects.

    ``registry`` gives the norms the findings cite (shipped by default), ``memory_limit`` the
    most memory DuckDB may use (as for the portfolio's check).

    The findings across dossiers replace those of the last check (``dossier`` NULL).

    Raises:
        InputError: the database does not exist or holds no dossiers, or DuckDB ran out of
            ``memory_limit``.
    """
    cfg = config or CheckConfig()
    st = stages or StageConfig()
    with (
        out_of_memory(memory_limit, "check"),
        PortfolioStore(db, create=False, memory_limit=memory_limit) as store,
    ):
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if "dossiers" not in tables:
            raise InputError(
                f"{db}: no dossiers are stored",
                field="--db",
                hint="ictcost stages load DIR --db FILE",
            )
        con = store.con
        count = con.execute("SELECT count(*) FROM dossiers WHERE status = 'ok'").fetchone()[0]
        errors = tuple(
            con.execute(
                "SELECT source, error_code, error_message FROM dossiers WHERE status = 'error' ORDER BY source"
            ).fetchall()
        )
        found = Findings()
        if st.repeat_years is None:
            hit = Hit({"dossiers": count})
            found.append(RULES["STAGE-REPEAT-NOT-RUN"].finding(hit, estimate=PORTFOLIO))
        else:
            items = [
                Bought(
                    d, o, c, s if isinstance(s, dt.date) else dt.date.fromisoformat(str(s)), n, m
                )
                for d, o, c, s, n, m in con.execute(
                    "SELECT dossier, owner, contract, signed, name, model FROM stage_items ORDER BY dossier, contract"
                ).fetchall()
            ]
            rule = RULES["STAGE-REPEAT-BUY"]
            reg = registry or NormRegistry.shipped()
            found += [
                _cited(
                    rule.finding(h, estimate=PORTFOLIO),
                    reg,
                    dt.date.fromisoformat(str(h.params["date"])),
                )
                for h in repeat_hits(items, st.repeat_years, cfg.name_similarity)
            ]
        con.execute("DELETE FROM stage_findings WHERE dossier IS NULL")
        _insert(store, "stage_findings", [_finding_row(None, k, f) for k, f in enumerate(found)])
        order = {stage: k for k, stage in enumerate(STAGES)}
        exceeding_rows = tuple(
            sorted(
                (
                    (d, st, ov, tidy(v), tidy(c), tidy(e))
                    for d, st, ov, v, c, e in con.execute(
                        "SELECT dossier, stage, over, value, ceiling, excess FROM stage_exceeding"
                    ).fetchall()
                ),
                key=lambda r: (r[0], order.get(r[1], 99), order.get(r[2], 99)),
            )
        )
        by_code = dict(
            con.execute(
                "SELECT code, count(*) FROM stage_findings WHERE dossier IS NOT NULL GROUP BY code ORDER BY code"
            ).fetchall()
        )
    return StageReport(count, errors, found, exceeding_rows, by_code)
