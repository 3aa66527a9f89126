"""Compute and check the estimates of a portfolio, one source at a time, on a pluggable executor.

:func:`process_source` is the one task: it reads a project file (YAML, JSON, an ictcost input
template or a submitted workbook), recomputes it with the norms in force on its date, runs every
per-estimate rule (as :func:`ictcost.checks.check` does) and returns a :class:`SourceResult`: flat
rows of plain values (no pydantic object, no rendered message), small to pickle and ready for the
store. A file that cannot be read is a result too, with its typed error code and message.

:func:`map_sources` maps that task over the sources, in chunks, and yields the results in the
order of the sources, keeping only a bounded window of chunks in flight:

* ``"process"`` (the default): a :class:`concurrent.futures.ProcessPoolExecutor` of ``workers``
  processes (started with *spawn*: the parent holds a DuckDB connection and its threads);
* ``"serial"``: in this process (for debugging and small portfolios);
* ``"dask"``: a :mod:`distributed` cluster: a ``distributed.Client`` passed in, or the address of
  a scheduler (``tcp://host:8786``). The same task function runs there.

Each worker loads the norm registry once (the shipped norms, with the user's pack on top when a
pack folder is given) and keeps it for every chunk it runs.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ictcost.checks import CheckConfig
from ictcost.checks.engine import estimate_context, estimate_findings
from ictcost.checks.rules import Finding
from ictcost.errors import IctcostError, InputError
from ictcost.estimate import Estimate, FeeTrace, ProjectInput, SoftwareTrace
from ictcost.norms.registry import NormRegistry

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "DECIMAL_PLACES",
    "ExecutorKind",
    "SourceResult",
    "default_workers",
    "fee_line_rows",
    "file_hash",
    "load_source",
    "map_sources",
    "process_source",
    "registry_for",
]

ExecutorKind = Literal["process", "serial", "dask"]
"""Where the per-estimate work runs."""

DECIMAL_PLACES = 10
"""The decimal places of the store's money and quantity columns (``DECIMAL(38, 10)``: 28 integer
digits, above :data:`ictcost.money.MAX_AMOUNT`). A value with more places is kept as exact text
in the row's ``exact`` column instead (never rounded)."""

_WORKBOOKS = (".xlsx", ".xlsm")


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex (what an idempotent reload compares)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(slots=True)
class SourceResult:
    """What one source gave: the estimate's row, its lines, use cases, software and findings.

    Every value is plain (text, int, bool, ``Decimal``, ``None``), so that a result pickles
    cheaply between processes; money is exact (``Decimal``).

    Attributes:
        source: The file, as given (its path as text).
        file_hash: The SHA-256 of its bytes.
        status: ``ok`` (computed and checked), ``not_computed`` (read, but no part of the estimate
            can be computed: its findings say why) or ``error`` (the file cannot be read).
        error_code: The ictcost error code when the status is not ``ok``.
        error_message: The error's message when the status is not ``ok``.
        estimate: The estimate's row (name, kind, document, dates, regime, totals), or ``None``
            when the file cannot be read.
        lines: One row per input line: ``(seq, id, component, name, model, method, reference?,
            quantity, unit_price, amount, vat, total)`` (the recomputed figures, ``None`` for a
            line not computed).
        use_cases: ``(seq, line id, name)`` per use case of the recomputed software lines.
        software: ``(line id, use cases counted, G_PM)`` per software line in the totals.
        evidence: ``(line id, source, unit price, date, reference)`` per quotation of a line.
        findings: ``(code, severity, line, field, case, amount, params JSON)`` per finding.
        fee_lines: Per % norm line (a QĐ 1688 fee), what recomputes it: ``(seq, line id, item,
            category, form, date, regime override, conditions, pack, base, rate base, amount,
            stated amount)`` (see :func:`fee_line_rows`).
    """

    source: str
    file_hash: str
    status: Literal["ok", "not_computed", "error"]
    error_code: str | None = None
    error_message: str | None = None
    estimate: dict[str, Any] | None = None
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    use_cases: list[tuple[int, str, str]] = field(default_factory=list)
    software: list[tuple[str, int, Decimal]] = field(default_factory=list)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)
    findings: list[tuple[Any, ...]] = field(default_factory=list)
    fee_lines: list[tuple[Any, ...]] = field(default_factory=list)


@lru_cache(maxsize=4)
def registry_for(pack: str | None) -> NormRegistry:
    """The norms of this process: the shipped ones, with a pack folder on top (cached per pack).

    A worker process (or a Dask worker) loads them once and keeps them for every task it runs.
    """
    reg = NormRegistry.shipped()
    return reg.with_pack(Path(pack)) if pack else reg


def load_source(path: Path, registry: NormRegistry) -> ProjectInput:
    """Read one project file of a portfolio (as ``ictcost check`` reads it).

    YAML, JSON and the ictcost input template go through :func:`ictcost.inputs.load_project`; a
    submitted workbook through :func:`ictcost.inputs.load_workbook_project`, and one in none of
    ictcost's layouts through the statutory reader.

    Raises:
        InputError: the file cannot be read (the message says what and where).
    """
    from ictcost.inputs import load_project  # noqa: PLC0415 - the readers import pydantic models

    if path.suffix.lower() not in _WORKBOOKS:
        project: ProjectInput = load_project(path)
        return project
    from ictcost.inputs.workbook import load_workbook_project  # noqa: PLC0415 - excel extra

    try:
        return load_workbook_project(path, registry=registry)
    except InputError as exc:
        if exc.context.get("layout") != "unknown":
            raise
    from ictcost.inputs.statutory import read_statutory_workbook  # noqa: PLC0415

    project, _ = read_statutory_workbook(path, registry=registry)
    return project


def _finding_row(f: Finding) -> tuple[Any, ...]:
    params = f.model_dump_json(include={"details", "decimals", "amount"})
    return (f.code, f.severity, f.line, f.field, f.case, f.amount, params)


def _estimate_row(project: ProjectInput, estimate: Estimate | None) -> dict[str, Any]:
    meta = project.project
    row: dict[str, Any] = {
        "name": meta.name,
        "project_kind": meta.project_kind,
        "document": meta.document,
        "kind": meta.kind,
        "date": meta.date,
        "rule_date": None,
        "regime": None,
        "amount": None,
        "vat": None,
        "total": None,
        "lines": len(project.lines),
    }
    if estimate is not None:
        row.update(
            rule_date=estimate.rule_date,
            regime=estimate.regime.id,
            amount=estimate.amount,
            vat=estimate.vat,
            total=estimate.total,
        )
    return row


def _rows(project: ProjectInput, estimate: Estimate | None, result: SourceResult) -> None:
    """Fill the result's line, use-case and software rows."""
    computed = {ln.id: ln for ln in estimate.lines} if estimate is not None else {}
    for seq, ln in enumerate(project.lines):
        r = computed.get(ln.id)
        result.lines.append(
            (
                seq,
                ln.id,
                ln.component,
                ln.name,
                ln.model,
                ln.method,
                ln.reference_for is not None,
                r.quantity if r is not None else ln.quantity,
                r.unit_price if r is not None else ln.unit_price,
                r.amount if r is not None else None,
                r.vat if r is not None else None,
                r.total if r is not None else None,
            )
        )
        result.evidence.extend(
            (ln.id, q.source, q.unit_price, q.date, q.reference) for q in ln.quotes
        )
    if estimate is None:
        return
    for r in estimate.lines:
        if not isinstance(r.trace, SoftwareTrace):
            continue
        sw = r.trace.software
        result.use_cases.extend((len(result.use_cases), r.id, uc.name) for uc in sw.use_cases)
        counted = sum(1 for uc in sw.use_cases if uc.counted)
        if r.in_total and counted:
            result.software.append((r.id, counted, sw.g_pm))


def fee_line_rows(
    project: ProjectInput, estimate: Estimate, pack: str | None
) -> list[tuple[Any, ...]]:
    """The fee lines of a computed estimate: what :func:`~ictcost.fees.compute_fee` was given.

    Every value is read from the typed trace of the line (:class:`~ictcost.estimate.FeeTrace`,
    its :class:`~ictcost.fees.FeeResult`), never from text: the item, category and form, the
    date of the norms, the transitional override (the regime applied when it is not the one in
    force), the K conditions applied (the columns of the K coefficients used), the base, the
    amount the rate was read on (``rate_base``) and the amount; the stated amount is the
    input's ``stated.amount``.

    Args:
        project: The input (its line order and stated figures).
        estimate: The computed estimate.
        pack: The user norm pack the estimate was computed with (``None``: the shipped norms).

    Returns:
        ``(seq, line id, item, category, form, date, regime override, conditions, pack, base,
        rate base, amount, stated amount)`` per fee line, in the order of the input.
    """
    seqs = {ln.id: seq for seq, ln in enumerate(project.lines)}
    stated = {ln.id: ln.stated.amount if ln.stated is not None else None for ln in project.lines}
    rows: list[tuple[Any, ...]] = []
    for r in estimate.lines:
        if not isinstance(r.trace, FeeTrace) or r.trace.fee.item is None or r.id not in seqs:
            continue
        fee = r.trace.fee
        rows.append(
            (
                seqs[r.id],
                r.id,
                fee.item,
                fee.category,
                fee.form,
                fee.on,
                fee.regime.id if fee.regime.overridden else None,
                sorted({k.column for k in fee.coefficients}),
                pack or "",
                fee.base,
                fee.rate_base,
                fee.amount,
                stated[r.id],
            )
        )
    rows.sort(key=lambda row: int(row[0]))
    return rows


def process_source(
    path: str | os.PathLike[str],
    *,
    pack: str | None = None,
    config: CheckConfig | None = None,
    digest: str | None = None,
) -> SourceResult:
    """Read, recompute and check one project file; never raises for a bad file.

    The per-estimate rules are those of :func:`ictcost.checks.check` (without an evidence
    register); the portfolio rules run later, over the store.

    Args:
        path: The project file.
        pack: A user norm pack folder on top of the shipped norms.
        config: The thresholds.
        digest: The file's SHA-256 when the caller has it already.

    Returns:
        The rows of the estimate, or an ``error`` result with the ictcost error's code and message
        when the file cannot be read.
    """
    source = Path(path)
    try:
        digest = digest or file_hash(source)
    except OSError as exc:
        return SourceResult(str(source), "", "error", "input-invalid", f"{source}: {exc}")
    reg = registry_for(pack)
    try:
        project = load_source(source, reg)
    except IctcostError as exc:
        return SourceResult(str(source), digest, "error", exc.code, exc.message)
    except (OSError, ValueError) as exc:  # a damaged workbook the reader did not type
        return SourceResult(str(source), digest, "error", "input-invalid", f"{source}: {exc}")
    ctx = estimate_context(project, reg, source.parent, config or CheckConfig())
    result = SourceResult(str(source), digest, "ok" if ctx.estimate is not None else "not_computed")
    if ctx.error is not None:
        result.error_code, result.error_message = ctx.error.code, ctx.error.message
    result.estimate = _estimate_row(project, ctx.estimate)
    _rows(project, ctx.estimate, result)
    if ctx.estimate is not None:
        result.fee_lines = fee_line_rows(project, ctx.estimate, pack)
    result.findings = [_finding_row(f) for f in estimate_findings(replace(ctx, evidence=None))]
    return result


def _run_chunk(
    chunk: Sequence[tuple[str, str | None]], pack: str | None, config: CheckConfig
) -> list[SourceResult]:
    """The task of a worker: every source of a chunk (``(path, hash)``), in order."""
    return [process_source(p, pack=pack, config=config, digest=h) for p, h in chunk]


def _chunks(
    sources: Iterable[tuple[str, str | None]], size: int
) -> Iterator[list[tuple[str, str | None]]]:
    chunk: list[tuple[str, str | None]] = []
    for item in sources:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _windowed(
    submit: Callable[[list[tuple[str, str | None]]], Any],
    result: Callable[[Any], list[SourceResult]],
    chunks: Iterator[list[tuple[str, str | None]]],
    window: int,
) -> Iterator[SourceResult]:
    """Submit chunks keeping at most ``window`` in flight; yield their results in order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def _dask_client(client: Client | None, address: str | None) -> tuple[Client, bool]:
    """The client to use, and whether it was opened here (and must be closed)."""
    if client is not None:
        return client, False
    if address is None:
        raise InputError(
            "the dask executor needs a distributed.Client or the address of a scheduler",
            field="--scheduler",
            hint="give --scheduler tcp://HOST:8786 (or pass client=... to map_sources)",
        )
    try:
        from distributed import Client as DaskClient  # noqa: PLC0415 - the portfolio extra
    except ImportError as exc:
        raise InputError(
            "the dask executor needs the 'distributed' package",
            field="--scheduler",
            hint="pip install 'ictcost[portfolio]' (dask[distributed])",
        ) from exc
    return DaskClient(address), True  # type: ignore[no-untyped-call]


def default_workers() -> int:
    """The worker processes used by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def map_sources(
    sources: Iterable[tuple[str, str | None]],
    *,
    executor: ExecutorKind = "process",
    workers: int | None = None,
    chunksize: int = 16,
    pack: str | os.PathLike[str] | None = None,
    config: CheckConfig | None = None,
    client: Client | None = None,
    address: str | None = None,
) -> Iterator[SourceResult]:
    """Compute and check every source, in parallel; yield the results in the sources' order.

    Memory stays bounded: at most ``2 × workers`` chunks are in flight (submitted or finished but
    not yet consumed), whatever the number of sources.

    Args:
        sources: ``(path, sha256 or None)`` per source, in the order wanted.
        executor: ``process`` (a local process pool), ``serial`` or ``dask``.
        workers: The worker processes (``process``; default: the cores available); for
            ``dask``, the window is sized by the cluster's workers.
        chunksize: The sources per task.
        pack: A user norm pack folder on top of the shipped norms (loaded once per worker).
        config: The thresholds.
        client: A ``distributed.Client`` (``dask``).
        address: A scheduler's address (``dask``, when no client is given).

    Yields:
        One :class:`SourceResult` per source.

    Raises:
        InputError: ``workers`` or ``chunksize`` is below 1, or the dask executor has neither a
            client nor an address.
    """
    if chunksize < 1 or (workers is not None and workers < 1):
        raise InputError(
            f"workers and chunksize must be at least 1 (got {workers}, {chunksize})",
            field="--workers",
            hint="give a whole number of worker processes, 1 or more",
        )
    cfg = config or CheckConfig()
    pack_text = str(pack) if pack is not None else None
    chunks = _chunks(sources, chunksize)
    if executor == "serial":
        for chunk in chunks:
            yield from _run_chunk(chunk, pack_text, cfg)
        return
    if executor == "process":
        n = workers or default_workers()
        ctx = multiprocessing.get_context("spawn")
        pool: Executor = ProcessPoolExecutor(max_workers=n, mp_context=ctx)
        try:

            def submit(chunk: list[tuple[str, str | None]]) -> Future[list[SourceResult]]:
                return pool.submit(_run_chunk, chunk, pack_text, cfg)

            yield from _windowed(submit, lambda f: f.result(), chunks, 2 * n)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    if executor == "dask":
        dask, opened = _dask_client(client, address)
        try:
            n = workers or max(1, sum(dask.nthreads().values()))  # type: ignore[no-untyped-call]

            def dsubmit(chunk: list[tuple[str, str | None]]) -> Any:  # noqa: ANN401
                return dask.submit(_run_chunk, chunk, pack_text, cfg, pure=False)

            yield from _windowed(dsubmit, lambda f: f.result(), chunks, 2 * n)
        finally:
            if opened:
                dask.close()  # type: ignore[no-untyped-call]
        return
    raise InputError(
        f"unknown executor {executor!r}",
        field="executor",
        hint="use 'process', 'serial' or 'dask'",
    )
