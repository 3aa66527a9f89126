"""The portfolio store: one DuckDB database file (embedded, no server) of estimates and findings.

Tables (see ``docs/concepts/portfolio.md`` for every column):

* ``meta``: ``schema_version``, ``ictcost_version``, ``norms_date`` (the latest date a shipped or
  packed norm version starts), ``pack``;
* ``estimates``: one row per source file: its path, SHA-256, status (``ok``, ``not_computed``,
  ``error``), the error's code and message, the project's name, kind, document, dates, regime
  and recomputed totals;
* ``lines``: every input line with its normalised name, model and model key, and the recomputed
  quantity, unit price, amount, VAT and total;
* ``use_cases``: the use cases of the recomputed software lines (name and normalised name);
* ``software``: per software line, the use cases counted and G_PM (exact text);
* ``evidence``: the quotations the lines carry (price evidence);
* ``findings``: per finding its code, severity, line, field, case, amount and parameters as JSON
  (the messages are rendered on demand by :meth:`PortfolioStore.findings`, never stored);
  portfolio findings (overlaps) have no estimate;
* ``fee_lines``: per % norm line (QĐ 1688) what recomputes it (item, category, form, date,
  override, K conditions, pack, base, rate base, computed and stated amounts); ``fee_norms``: the
  norm amounts the last check computed for them (:mod:`ictcost.portfolio.fees`), and the view
  ``fee_recheck`` setting the two side by side;
* ``model_classes``: each distinct equipment model with the class of the models that are the
  same (:func:`ictcost.checks._matching.model_classes`), and the views ``priced_lines``,
  ``price_stats`` (per item: a model class, else the normalised name: count, min, median, P90
  by linear interpolation as ``numpy.percentile``, max; exact decimal arithmetic, one decimal
  place more than the prices) and ``price_outliers`` (the lines above their item's P90, for
  items of five lines or more).

Money and quantities are ``DECIMAL(38, 10)``: exact for every amount ictcost accepts (at most
10¹⁸ đồng); a value with more than ten decimal places is stored as ``NULL`` there and as exact
text in the row's ``exact`` column (a JSON object), never rounded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from pathlib import Path
from types import TracebackType
from typing import Any

from ictcost._version import __version__
from ictcost.checks.engine import PORTFOLIO
from ictcost.checks.overlaps import model_classes, model_text, normalise
from ictcost.checks.rules import RULES, Finding, Findings
from ictcost.errors import InputError
from ictcost.norms.registry import NormRegistry
from ictcost.portfolio.engine import DECIMAL_PLACES, SourceResult
from ictcost.portfolio.fees import FEE_TABLES, FEE_VIEWS

__all__ = [
    "MEMORY_LIMIT",
    "STORE_SCHEMA_VERSION",
    "PortfolioStore",
    "memory_limit_of",
    "out_of_memory",
]

MEMORY_LIMIT = "512MB"
"""The most memory DuckDB may use for the store by default (its own default is 80 % of the
machine's): above it, DuckDB spills to temporary files beside the database, so that a national
portfolio's load and check stay within a bound whatever the number of estimates. Measured on the
check of 100,000 generated estimates: the process peaks at 1,102 MB with 1 GB, 692 MB with
512 MB and 539 MB with 256 MB, in the same time; with 128 MB it runs out of memory (an
``InputError``). ``memory_limit=`` (``--memory-limit``) sets another."""

_MEMORY = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B)", re.IGNORECASE)


@contextlib.contextmanager
def out_of_memory(limit: str, what: str) -> Iterator[None]:
    """Turn DuckDB's out-of-memory error into an ``InputError`` that says to raise the limit.

    DuckDB spills sorts, joins and most aggregates to disk above its limit, but not every
    operator: a limit far below the portfolio's needs ends in this error.
    """
    duckdb = _duckdb()
    try:
        yield
    except duckdb.OutOfMemoryException as exc:
        raise InputError(
            f"the portfolio {what} ran out of DuckDB's memory limit ({limit}): "
            + str(exc).splitlines()[0],
            field="memory_limit",
            hint="give a larger limit (--memory-limit 1GB, memory_limit='1GB'); 512MB is enough "
            "for a check of 100,000 generated estimates",
        ) from exc


def memory_limit_of(text: str) -> str:
    """Check a DuckDB memory limit (``512MB``, ``2GB``, ``1.5GiB``) and return it.

    Raises:
        InputError: it is not a number followed by a unit (KB, MB, GB, TB, KiB … TiB).
    """
    if not _MEMORY.fullmatch(text.strip()):
        raise InputError(
            f"not a memory limit: {text!r}",
            field="memory_limit",
            hint="write a number and a unit, as 512MB, 2GB or 1.5GiB",
        )
    return text.strip()


_NATIVE = frozenset({"BIGINT", "INTEGER", "BOOLEAN"})
"""The column types passed to DuckDB as typed lists; the others go as text and are cast."""

STORE_SCHEMA_VERSION = "2"
"""The version of the store's tables; a database written with another one is refused."""

_DEC = f"DECIMAL(38, {DECIMAL_PLACES})"
_STAT = f"DECIMAL(38, {DECIMAL_PLACES + 1})"  # a median or P90 between two values: one place more
_QUANTUM = Decimal(1).scaleb(-DECIMAL_PLACES)
_LIMIT = Decimal(10) ** (38 - DECIMAL_PLACES)

_TABLES: dict[str, list[tuple[str, str]]] = {
    "estimates": [
        ("id", "BIGINT"),
        ("source", "VARCHAR"),
        ("file_hash", "VARCHAR"),
        ("status", "VARCHAR"),
        ("error_code", "VARCHAR"),
        ("error_message", "VARCHAR"),
        ("name", "VARCHAR"),
        ("project_kind", "VARCHAR"),
        ("document", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("date", "DATE"),
        ("rule_date", "DATE"),
        ("regime", "VARCHAR"),
        ("amount", _DEC),
        ("vat", _DEC),
        ("total", _DEC),
        ("line_count", "INTEGER"),
        ("exact", "VARCHAR"),
    ],
    "lines": [
        ("estimate", "BIGINT"),
        ("seq", "INTEGER"),
        ("id", "VARCHAR"),
        ("component", "VARCHAR"),
        ("name", "VARCHAR"),
        ("name_key", "VARCHAR"),
        ("model", "VARCHAR"),
        ("model_key", "VARCHAR"),
        ("method", "VARCHAR"),
        ("reference", "BOOLEAN"),
        ("quantity", _DEC),
        ("unit_price", _DEC),
        ("amount", _DEC),
        ("vat", _DEC),
        ("total", _DEC),
        ("exact", "VARCHAR"),
    ],
    "use_cases": [
        ("estimate", "BIGINT"),
        ("seq", "INTEGER"),
        ("line", "VARCHAR"),
        ("name", "VARCHAR"),
        ("name_key", "VARCHAR"),
    ],
    "software": [
        ("estimate", "BIGINT"),
        ("seq", "INTEGER"),
        ("line", "VARCHAR"),
        ("use_cases", "INTEGER"),
        ("g_pm", "VARCHAR"),
    ],
    "evidence": [
        ("estimate", "BIGINT"),
        ("line", "VARCHAR"),
        ("source", "VARCHAR"),
        ("unit_price", _DEC),
        ("date", "DATE"),
        ("reference", "VARCHAR"),
        ("exact", "VARCHAR"),
    ],
    "findings": [
        ("estimate", "BIGINT"),
        ("seq", "INTEGER"),
        ("code", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("line", "VARCHAR"),
        ("field", "VARCHAR"),
        ("case", "VARCHAR"),
        ("amount", _DEC),
        ("params", "JSON"),
        ("exact", "VARCHAR"),
    ],
    **FEE_TABLES,
    "model_classes": [("model", "VARCHAR"), ("class", "INTEGER")],
}
_CHILDREN = ("lines", "use_cases", "software", "evidence", "findings", "fee_lines", "fee_norms")

_VIEWS = f"""
CREATE OR REPLACE VIEW priced_lines AS
SELECT l.estimate, e.name AS estimate_name, e.source, l.seq, l.id AS line, l.component,
       l.name, l.model,
       CASE WHEN c.class IS NOT NULL THEN 'model:' || c.class ELSE 'name:' || l.name_key END
           AS item_key,
       l.quantity, l.unit_price
FROM lines l JOIN estimates e ON e.id = l.estimate
LEFT JOIN model_classes c ON c.model = l.model
WHERE l.unit_price IS NOT NULL AND NOT l.reference AND l.method <> 'norm';

CREATE OR REPLACE VIEW price_stats AS
WITH g AS (
    SELECT item_key,
           arg_min(coalesce(model, name), source || ':' || lpad(seq::VARCHAR, 9, '0')) AS item,
           count(*) AS lines, count(DISTINCT estimate) AS estimates,
           list_sort(list(unit_price)) AS v,
           (9 * (count(*) - 1)) // 10 + 1 AS lo, ((9 * (count(*) - 1)) % 10) * 0.1 AS frac
    FROM priced_lines GROUP BY item_key
)
SELECT item_key, item, lines, estimates, v[1] AS min,
       ((v[(lines - 1) // 2 + 1] + v[lines // 2 + 1]) * 0.5)::{_STAT} AS median,
       (v[lo] + (v[least(lo + 1, lines)] - v[lo]) * frac)::{_STAT} AS p90,
       v[lines] AS max
FROM g;

CREATE OR REPLACE VIEW price_outliers AS
SELECT p.estimate, p.estimate_name, p.source, p.line, s.item, p.item_key, p.unit_price,
       s.median, s.p90, s.lines
FROM priced_lines p JOIN price_stats s USING (item_key)
WHERE s.lines >= 5 AND p.unit_price > s.p90;
"""  # noqa: S608


def _duckdb() -> Any:  # noqa: ANN401 - the duckdb module
    try:
        import duckdb  # noqa: PLC0415 - the portfolio extra
    except ImportError as exc:  # pragma: no cover - installed in development
        raise InputError(
            "the portfolio store needs the 'duckdb' package",
            field="--db",
            hint="pip install 'ictcost[portfolio]'",
        ) from exc
    return duckdb


def _exact_value(value: Decimal, name: str, exact: dict[str, str]) -> str | None:
    """The text DuckDB casts exactly to ``DECIMAL(38, 10)``, or ``None`` (kept in ``exact``)."""
    with localcontext() as ctx:
        ctx.prec = 80
        if value.is_finite() and abs(value) < _LIMIT and value == value.quantize(_QUANTUM):
            return str(value)
    exact[name] = str(value)
    return None


def _cell(value: object, name: str, exact: dict[str, str]) -> object:
    if isinstance(value, Decimal):
        return _exact_value(value, name, exact)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _norms_date(registry: NormRegistry) -> str:
    """The latest date a version of the registry's tables starts (what the norms are as of)."""
    latest = max(
        (v.valid_from for table_id in registry for v in registry.table(table_id).versions),
        default=None,
    )
    return latest.isoformat() if latest is not None else ""


class PortfolioStore:
    """A portfolio database (DuckDB): create or open it, insert results, read findings, export.

    Use it as a context manager (the connection is closed at the end)::

        with PortfolioStore("p.duckdb") as store:
            print(store.counts())

    Args:
        path: The database file (created when it does not exist); ``:memory:`` for a database
            in memory.
        read_only: Open an existing database for reading only.
        create: Create the database when it does not exist (else it must exist and hold a
            store).
        memory_limit: The most memory DuckDB may use (:data:`MEMORY_LIMIT` by default); above
            it, it spills to temporary files.

    Raises:
        InputError: the file is not a DuckDB database, or was written with another version of
            the store's schema (the message names both; load the folder into a new file).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        create: bool = True,
        memory_limit: str = MEMORY_LIMIT,
    ) -> None:
        self.path = str(path)
        self.memory_limit = memory_limit_of(memory_limit)
        self._create = create and not read_only
        self._read_only = read_only
        if not self._create and self.path != ":memory:" and not Path(self.path).is_file():
            raise InputError(
                f"the portfolio database {self.path!r} does not exist",
                field="--db",
                hint="load a folder into it first: ictcost portfolio load DIR --db FILE",
            )
        self.con = self._connect()

    def _connect(self) -> Any:  # noqa: ANN401 - a duckdb connection
        """Open the database file and check (or create) the store's schema in it."""
        duckdb = _duckdb()
        try:
            con = duckdb.connect(
                self.path, read_only=self._read_only, config={"memory_limit": self.memory_limit}
            )
        except duckdb.Error as exc:
            raise InputError(
                f"cannot open the portfolio database {self.path!r}: {exc}",
                field="--db",
                hint="give a DuckDB file written by `ictcost portfolio load` (or a new path)",
            ) from exc
        self.con = con
        try:
            self._check_schema()
        except BaseException:
            con.close()
            raise
        return con

    def reopen(self) -> None:
        """Close the connection and open the file again (a database in memory is kept open).

        What stays in memory is then the file's metadata only. While rows are appended, DuckDB
        keeps the blocks it has written in its buffer pool and its allocator keeps memory it has
        freed; over a national load that grows the loading process by about 2 MB per 1,000
        estimates (measured: 176 MB after 6,000 estimates, 390 MB after 100,000, inserts only),
        and a fresh connection every few batches keeps it flat. Committed rows are unchanged
        (closing checkpoints the file).
        """
        if self.path == ":memory:":
            return
        self.con.close()
        self.con = self._connect()

    def __enter__(self) -> PortfolioStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    # --- schema ---------------------------------------------------------------------------------

    def _check_schema(self) -> None:
        tables = {
            r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if "meta" in tables:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            found = row[0] if row else None
            if found != STORE_SCHEMA_VERSION:
                raise InputError(
                    f"the portfolio database {self.path!r} has schema version {found!r}; this "
                    f"ictcost ({__version__}) reads version {STORE_SCHEMA_VERSION!r}",
                    field="--db",
                    hint="load the folder again into a new database file",
                )
            return
        if tables:
            raise InputError(
                f"{self.path!r} is a DuckDB database but not a portfolio store (no meta table)",
                field="--db",
                hint="give a new file, or one written by `ictcost portfolio load`",
            )
        if not self._create:
            raise InputError(
                f"the portfolio database {self.path!r} is empty",
                field="--db",
                hint="load a folder into it first: ictcost portfolio load DIR --db FILE",
            )
        for name, columns in _TABLES.items():
            cols = ", ".join(f'"{c}" {t}' for c, t in columns)
            self.con.execute(f"CREATE TABLE {name} ({cols})")
        self.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.set_meta(schema_version=STORE_SCHEMA_VERSION, ictcost_version=__version__)
        self.con.execute(_VIEWS + FEE_VIEWS)

    def meta(self) -> dict[str, str]:
        """The ``meta`` table as a dict."""
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def set_meta(self, **values: str) -> None:
        """Set ``meta`` keys."""
        for key, value in values.items():
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def record_norms(self, registry: NormRegistry, pack: str | None) -> None:
        """Record the version of ictcost, the date of the norms and the pack in ``meta``."""
        self.set_meta(
            ictcost_version=__version__, norms_date=_norms_date(registry), pack=pack or ""
        )

    # --- writing --------------------------------------------------------------------------------

    def known(self) -> dict[str, tuple[int, str]]:
        """Every source already stored: ``source → (estimate id, file hash)``."""
        rows = self.con.execute("SELECT source, id, file_hash FROM estimates").fetchall()
        return {source: (eid, digest) for source, eid, digest in rows}

    def next_id(self) -> int:
        """The next free estimate id."""
        row = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM estimates").fetchone()
        return int(row[0]) if row else 1

    def delete(self, ids: Sequence[int]) -> None:
        """Delete estimates and every row of theirs."""
        if not ids:
            return
        for table in _CHILDREN:
            self.con.execute(f"DELETE FROM {table} WHERE estimate IN (SELECT unnest(?))", [ids])  # noqa: S608
        self.con.execute("DELETE FROM estimates WHERE id IN (SELECT unnest(?))", [ids])

    def _insert(self, table: str, rows: Sequence[Sequence[object]]) -> None:
        """Insert rows (tuples in the table's column order) as columns, in one statement."""
        if not rows:
            return
        columns = _TABLES[table]
        has_exact = columns[-1][0] == "exact"
        width = len(columns) - (1 if has_exact else 0)
        data: list[list[object]] = [[] for _ in range(len(columns))]
        for row in rows:
            exact: dict[str, str] = {}
            for k in range(width):
                data[k].append(_cell(row[k], columns[k][0], exact))
            if has_exact:
                data[-1].append(json.dumps(exact) if exact else None)
        self.insert_columns(table, columns, data)

    def insert_columns(
        self, table: str, columns: Sequence[tuple[str, str]], data: Sequence[Sequence[object]]
    ) -> None:
        """Insert one list of values per column (the table's columns, in order) in one statement.

        Integers, booleans and lists are passed as typed lists; every other value as text cast
        by DuckDB to its column's type (so a ``DECIMAL`` arrives exact, never through a float).
        A table of other packages (the stages' tables) is inserted the same way.

        Args:
            table: The table.
            columns: Its ``(name, SQL type)`` columns, in order.
            data: One list of values per column, all of one length (``None`` for NULL).
        """
        if not data or not data[0]:
            return
        selects = []
        for k, (_, kind) in enumerate(columns):
            if kind in _NATIVE or kind.endswith("[]"):
                selects.append(f"unnest(${k + 1}::{kind}[])")
            else:
                selects.append(f"unnest(${k + 1}::VARCHAR[])::{kind}")
        self.con.execute(
            f"INSERT INTO {table} SELECT {', '.join(selects)}",
            [list(column) for column in data],
        )

    def insert(self, batch: Sequence[tuple[int, SourceResult]]) -> None:
        """Insert the results of a batch of sources, each under its estimate id, in one
        transaction.
        """  # noqa: D205
        tables: dict[str, list[Sequence[object]]] = {t: [] for t in ("estimates", *_CHILDREN)}
        for eid, r in batch:
            e = r.estimate or {}
            tables["estimates"].append(
                (
                    eid,
                    r.source,
                    r.file_hash,
                    r.status,
                    r.error_code,
                    r.error_message,
                    e.get("name"),
                    e.get("project_kind"),
                    e.get("document"),
                    e.get("kind"),
                    e.get("date"),
                    e.get("rule_date"),
                    e.get("regime"),
                    e.get("amount"),
                    e.get("vat"),
                    e.get("total"),
                    e.get("lines"),
                )
            )
            for seq, lid, comp, name, model, method, ref, *money in r.lines:
                key = model_text(model) if model else None
                tables["lines"].append(
                    (eid, seq, lid, comp, name, normalise(name), model, key, method, ref, *money)
                )
            tables["use_cases"] += [(eid, s, ln, n, normalise(n)) for s, ln, n in r.use_cases]
            tables["software"] += [(eid, k, *sw[:2], str(sw[2])) for k, sw in enumerate(r.software)]
            tables["evidence"] += [(eid, *q) for q in r.evidence]
            tables["findings"] += [(eid, s, *f) for s, f in enumerate(r.findings)]
            tables["fee_lines"] += [(eid, *f) for f in r.fee_lines]
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, rows in tables.items():
                self._insert(table, rows)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def refresh_model_classes(self) -> int:
        """Recompute ``model_classes`` from the distinct models of the lines; return how many.

        Two spellings of one model (*Dell PowerEdge R760*, *PowerEdge R760 (Dell)*) share a class
        (:func:`ictcost.checks._matching.same_models`), so ``price_stats`` groups them.
        """
        models = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT model FROM lines WHERE model IS NOT NULL AND model <> '' "
                "ORDER BY model"
            ).fetchall()
        ]
        classes = model_classes(models)
        self.con.execute("DELETE FROM model_classes")
        self._insert("model_classes", list(zip(models, classes, strict=True)))
        return len(models)

    def replace_portfolio_findings(self, findings: Sequence[Finding]) -> None:
        """Store the portfolio findings (no estimate), replacing those of the last check."""
        self.con.execute("DELETE FROM findings WHERE estimate IS NULL")
        rows = [
            (
                None,
                seq,
                f.code,
                f.severity,
                f.line,
                f.field,
                f.case,
                f.amount,
                f.model_dump_json(include={"details", "decimals", "amount"}),
            )
            for seq, f in enumerate(findings)
        ]
        self._insert("findings", rows)

    # --- reading --------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """The estimates by status, and the lines, use cases and findings stored."""
        out = {
            status: int(n)
            for status, n in self.con.execute(
                "SELECT status, count(*) FROM estimates GROUP BY status"
            ).fetchall()
        }
        for table in ("estimates", *_CHILDREN):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
            out[table] = int(row[0]) if row else 0
        return out

    def findings(self, *, estimate: int | None = None, portfolio: bool = False) -> Findings:
        """The stored findings as :class:`~ictcost.checks.rules.Finding` values.

        Their messages are rendered on demand; they have no trace or citations (as a finding
        read back from JSON: a message quoting the computation shows ``—`` there).

        Args:
            estimate: One estimate's findings (its id); every estimate's by default.
            portfolio: The portfolio findings (overlaps) instead.
        """
        return Findings(self.iter_findings(estimate=estimate, portfolio=portfolio))

    def iter_findings(
        self, *, estimate: int | None = None, portfolio: bool = False
    ) -> Iterator[Finding]:
        """The stored findings one by one, in estimate order (see :meth:`findings`)."""
        where = "f.estimate IS NULL" if portfolio else "f.estimate IS NOT NULL"
        args: list[object] = []
        if estimate is not None:
            where += " AND f.estimate = ?"
            args.append(estimate)
        cur = self.con.execute(
            "SELECT e.name, f.code, f.severity, f.line, f.field, f.case, f.params "  # noqa: S608
            "FROM findings f LEFT JOIN estimates e ON e.id = f.estimate "
            f"WHERE {where} ORDER BY e.source NULLS FIRST, f.seq",
            args,
        )
        while rows := cur.fetchmany(1000):
            for name, code, severity, line, field, case, params in rows:
                yield Finding.model_validate(
                    {
                        **json.loads(params),  # details, decimals and the amount, exact
                        "code": code,
                        "severity": severity,
                        "estimate": PORTFOLIO if name is None else name,
                        "line": line,
                        "field": field,
                        "case": case,
                        "basis": RULES[code].basis,
                    }
                )

    def export_parquet(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Write every table and the price views as Parquet files in a folder (one per table).

        Each file is written to a temporary name and renamed (atomic); no pyarrow is needed
        (DuckDB's ``COPY … (FORMAT parquet)``).

        Returns:
            The files written.

        Raises:
            InputError: the folder does not exist.
        """
        out = Path(folder)
        if not out.is_dir():
            raise InputError(
                f"cannot export to {str(out)!r}: not an existing folder",
                field="--parquet",
                hint="create the folder first, or give an existing one",
            )
        written = []
        for name in (*_TABLES, "meta", "price_stats", "price_outliers", "fee_recheck"):
            target = out / f"{name}.parquet"
            tmp = out / f".{name}.parquet.tmp"
            quoted = str(tmp).replace("'", "''")
            self.con.execute(f"COPY (SELECT * FROM {name}) TO '{quoted}' (FORMAT parquet)")  # noqa: S608
            tmp.replace(target)
            written.append(target)
        return written
