"""Load a folder of estimates into a portfolio store, and check the portfolio over the store.

:func:`load_folder` lists the project files of a folder (recursively, sorted: the same store on
every machine), skips those whose bytes are unchanged since the last load (SHA-256), computes and
checks the others in parallel (:func:`ictcost.portfolio.engine.map_sources`) and inserts their
rows in batches as they come back: memory is bounded by the batch and the executor's window,
never by the portfolio. A file that cannot be read becomes an ``error`` row (its error code and
message); files gone from the folder are removed from the store. :func:`check_store` runs the
portfolio rules over the store (:mod:`ictcost.portfolio.overlaps`) and reads the price outliers.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ictcost._version import __version__
from ictcost.checks import CheckConfig
from ictcost.checks.rules import Findings
from ictcost.errors import InputError
from ictcost.inputs.portfolio import portfolio_files
from ictcost.portfolio.engine import (
    ExecutorKind,
    SourceResult,
    default_workers,
    file_hash,
    map_sources,
    registry_for,
)
from ictcost.portfolio.fees import FeeRecheck, fee_differences, recheck_fees
from ictcost.portfolio.overlaps import MEMBER_LIMIT, portfolio_findings
from ictcost.portfolio.store import MEMORY_LIMIT, PortfolioStore, out_of_memory

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["REOPEN_BATCHES", "LoadSummary", "PortfolioReport", "check_store", "load_folder"]

REOPEN_BATCHES = 40
"""Batches inserted between two reopenings of the database (:meth:`PortfolioStore.reopen`): about
10,000 estimates at the default batch. A connection kept open grows the loading process with the
rows it has written; reopened, it holds the file's metadata only."""

Progress = Callable[[int, int], None]
"""Called with (sources done, sources to do) as the load advances."""


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What :func:`load_folder` did.

    Attributes:
        files: The project files found.
        loaded: Files computed and stored in this load (new or changed).
        unchanged: Files skipped: the same bytes as in the store.
        removed: Estimates removed: their file is gone from the folder.
        skipped: Workbooks ictcost wrote (comparison tables), not estimates.
        errors: Files that cannot be read (stored as ``error`` rows).
        not_computed: Files read, but no part of their estimate can be computed.
        findings: Per-estimate findings stored in this load.
        executor: Where the work ran.
        workers: The worker processes (or the dask cluster's threads).
        seconds: The wall time.
    """

    files: int
    loaded: int
    unchanged: int
    removed: int
    skipped: int
    errors: int
    not_computed: int
    findings: int
    executor: str
    workers: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        """The summary as a dict (for JSON)."""
        return dataclasses.asdict(self)


def _settings(pack: str | None, config: CheckConfig) -> str:
    """What the stored rows depend on besides the files: a change reloads every file."""
    values = {f.name: str(getattr(config, f.name)) for f in dataclasses.fields(config)}
    return json.dumps({"ictcost": __version__, "pack": pack or "", "check": values}, sort_keys=True)


def _is_ictcost_output(path: Path) -> bool:
    """Whether a workbook is a comparison table ictcost wrote (not an estimate to read)."""
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    from ictcost.report.comparison import is_comparison_workbook  # noqa: PLC0415 - excel extra

    return bool(is_comparison_workbook(path))


@dataclass(slots=True)
class _Plan:
    """What a load must do: the sources to compute (with their ids), and what it skips."""

    todo: list[tuple[str, str]] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    skipped: int = 0
    removed: int = 0


def _plan(store: PortfolioStore, sources: list[str], settings: str, root: str) -> _Plan:
    """Compare the folder with the store: delete what is gone or changed, list what to compute.

    A source with the same SHA-256 (and the same settings) as stored is unchanged; a changed one
    keeps its id; a source under ``root`` no longer in the folder is removed; when the settings
    differ (another ictcost, pack or thresholds) every stored estimate is computed again.
    """
    plan = _Plan()
    stored = store.known()
    known = stored if store.meta().get("settings") == settings else {}
    prefix = root.rstrip("/") + "/"
    present = set(sources)
    gone = [
        eid
        for src, (eid, _) in stored.items()
        if (src.startswith(prefix) and src not in present) or src not in known
    ]
    plan.removed = sum(1 for src in stored if src.startswith(prefix) and src not in present)
    store.delete(gone)
    replaced: list[int] = []
    next_id = store.next_id()
    for src in sources:
        path = Path(src)
        digest = file_hash(path)
        old = known.get(src)
        if old is not None and old[1] == digest:
            plan.unchanged += 1
            continue
        if _is_ictcost_output(path):
            plan.skipped += 1
            continue
        if old is not None:
            replaced.append(old[0])
            plan.ids[src] = old[0]
        else:
            plan.ids[src] = next_id
            next_id += 1
        plan.todo.append((src, digest))
    store.delete(replaced)
    return plan


def load_folder(
    folder: str | os.PathLike[str],
    db: str | os.PathLike[str],
    *,
    executor: ExecutorKind = "process",
    workers: int | None = None,
    client: Client | None = None,
    address: str | None = None,
    pack: str | os.PathLike[str] | None = None,
    config: CheckConfig | None = None,
    recursive: bool = True,
    chunksize: int = 16,
    batch: int = 256,
    reopen: int = REOPEN_BATCHES,
    progress: Progress | None = None,
    memory_limit: str = MEMORY_LIMIT,
) -> LoadSummary:
    """Load (or reload) the project files of a folder into a portfolio database.

    Args:
        folder: The folder of project files (YAML, JSON, workbooks).
        db: The DuckDB file (created when missing).
        executor: ``process`` (default), ``serial`` or ``dask``.
        workers: Worker processes (default: the cores available).
        client: A ``distributed.Client`` (``dask``).
        address: A dask scheduler's address (``dask``, without a client).
        pack: A user norm pack folder on top of the shipped norms.
        config: The thresholds of the checks.
        recursive: Read the subfolders too.
        chunksize: Sources per task sent to a worker.
        batch: Estimates inserted per transaction.
        reopen: Batches inserted between two reopenings of the database (bounded memory:
            :data:`REOPEN_BATCHES`).
        progress: Called with (done, total) after each source.
        memory_limit: The most memory DuckDB may use (:data:`~ictcost.portfolio.store.
            MEMORY_LIMIT` by default).

    Returns:
        What was loaded.

    Raises:
        InputError: the folder is not a folder, the database cannot be opened or has another
            schema version, or the executor's, batch or reopen options are wrong.
    """
    if batch < 1 or reopen < 1:
        raise InputError(
            f"batch and reopen must be at least 1 (got {batch}, {reopen})",
            field="batch",
            hint="give a whole number of estimates per batch and of batches per reopening",
        )
    started = time.perf_counter()
    cfg = config or CheckConfig()
    pack_text = str(pack) if pack is not None else None
    root = Path(folder)
    files = portfolio_files(root, recursive=recursive)
    base = root.resolve()
    sources = [(base / p.relative_to(root)).as_posix() for p in files]
    with (
        out_of_memory(memory_limit, "load"),
        PortfolioStore(db, memory_limit=memory_limit) as store,
    ):
        settings = _settings(pack_text, cfg)
        plan = _plan(store, sources, settings, base.as_posix())
        store.record_norms(registry_for(pack_text), pack_text)
        store.set_meta(settings=settings)
        todo, ids = plan.todo, plan.ids
        n_workers = 1 if executor == "serial" else workers or default_workers()
        if executor == "dask" and client is not None and workers is None:
            n_workers = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
        errors = not_computed = findings = batches = 0
        pending: list[tuple[int, SourceResult]] = []
        results = map_sources(
            todo,
            executor=executor,
            workers=workers,
            chunksize=chunksize,
            pack=pack_text,
            config=cfg,
            client=client,
            address=address,
        )
        for done, result in enumerate(results, start=1):
            errors += result.status == "error"
            not_computed += result.status == "not_computed"
            findings += len(result.findings)
            pending.append((ids[result.source], result))
            if len(pending) >= batch:
                store.insert(pending)
                pending = []
                batches += 1
                if batches % reopen == 0:
                    store.reopen()
            if progress is not None:
                progress(done, len(todo))
        store.insert(pending)
        store.refresh_model_classes()
    return LoadSummary(
        files=len(files),
        loaded=len(todo),
        unchanged=plan.unchanged,
        removed=plan.removed,
        skipped=plan.skipped,
        errors=errors,
        not_computed=not_computed,
        findings=findings,
        executor=executor,
        workers=n_workers,
        seconds=time.perf_counter() - started,
    )


@dataclass(frozen=True, slots=True)
class PortfolioReport:
    """The result of :func:`check_store`.

    Attributes:
        counts: The estimates by status, and the rows of each table.
        severities: The per-estimate findings by severity.
        codes: The per-estimate findings by code (most frequent first).
        overlaps: The portfolio findings (overlaps, outliers across estimates).
        outliers: The lines priced above the P90 of their item (``price_outliers``), at most
            ``limit``, highest price ratio first: ``(estimate, line, item, unit price, median,
            p90, lines of the item)``.
        errors: The files that cannot be read: ``(source, error code, message)``, at most
            ``limit``.
        fees: The recheck of the % norm fee lines by the batch API (table ``fee_recheck``).
        fee_differences: The fee lines whose stated amount is not the norm's for their base
            (``ARITH-LINE``, reported, not stored), at most ``limit``, largest difference first.
    """

    counts: dict[str, int]
    severities: dict[str, int]
    codes: list[tuple[str, int]]
    overlaps: Findings
    outliers: list[tuple[str, str, str, Decimal, Decimal, Decimal, int]] = field(
        default_factory=list
    )
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    fees: FeeRecheck = field(default_factory=lambda: FeeRecheck(0, 0, 0, 0, 0))
    fee_differences: Findings = field(default_factory=Findings)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (Decimals as exact text, findings as their JSON)."""
        return {
            "counts": self.counts,
            "severities": self.severities,
            "codes": dict(self.codes),
            "overlaps": json.loads(self.overlaps.to_json())["findings"],
            "price_outliers": [
                {
                    "estimate": e,
                    "line": ln,
                    "item": item,
                    "unit_price": str(price),
                    "median": str(median),
                    "p90": str(p90),
                    "lines": n,
                }
                for e, ln, item, price, median, p90, n in self.outliers
            ],
            "errors": [{"source": s, "code": c, "message": m} for s, c, m in self.errors],
            "fees": dataclasses.asdict(self.fees),
            "fee_differences": json.loads(self.fee_differences.to_json())["findings"],
        }


def check_store(
    db: str | os.PathLike[str],
    *,
    config: CheckConfig | None = None,
    limit: int = MEMBER_LIMIT,
    memory_limit: str = MEMORY_LIMIT,
) -> PortfolioReport:
    """Run the portfolio rules over a loaded store, store their findings and report.

    The % norm fee lines are recomputed by the batch API (:func:`~ictcost.portfolio.fees.
    recheck_fees`, table ``fee_norms`` and view ``fee_recheck``); those whose stated amount is
    not the norm's are reported as ``ARITH-LINE`` findings.

    Args:
        db: The DuckDB file written by :func:`load_folder`.
        config: The thresholds (the same as the load's by default).
        limit: The most members a finding lists, and the most outliers and errors reported.
        memory_limit: The most memory DuckDB may use (:data:`~ictcost.portfolio.store.
            MEMORY_LIMIT` by default).

    Returns:
        The report.

    Raises:
        InputError: the database does not exist, is empty or has another schema version.
    """
    with (
        out_of_memory(memory_limit, "check"),
        PortfolioStore(db, create=False, memory_limit=memory_limit) as store,
    ):
        store.refresh_model_classes()
        overlaps = portfolio_findings(store.con, config, limit=limit)
        store.replace_portfolio_findings(overlaps)
        con = store.con
        fees = recheck_fees(con, registry_for)
        tolerance = (config or CheckConfig()).amount_tolerance
        differences = fee_differences(con, tolerance=tolerance, limit=limit)
        severities = dict(
            con.execute(
                "SELECT severity, count(*) FROM findings WHERE estimate IS NOT NULL "
                "GROUP BY severity ORDER BY severity"
            ).fetchall()
        )
        codes = con.execute(
            "SELECT code, count(*) AS n FROM findings WHERE estimate IS NOT NULL "
            "GROUP BY code ORDER BY n DESC, code"
        ).fetchall()
        outliers = con.execute(
            "SELECT estimate_name, line, item, unit_price, median, p90, lines "
            "FROM price_outliers ORDER BY unit_price / p90 DESC, source, line LIMIT ?",
            [limit],
        ).fetchall()
        errors = con.execute(
            "SELECT source, error_code, error_message FROM estimates WHERE status = 'error' "
            "ORDER BY source LIMIT ?",
            [limit],
        ).fetchall()
        return PortfolioReport(
            counts=store.counts(),
            severities={str(k): int(v) for k, v in severities.items()},
            codes=[(str(c), int(n)) for c, n in codes],
            overlaps=overlaps,
            outliers=[tuple(r) for r in outliers],
            errors=[tuple(r) for r in errors],
            fees=fees,
            fee_differences=differences,
        )
