"""A portfolio of estimates in a DuckDB store, computed and checked in parallel.

* :func:`load_folder`: read a folder of project files (YAML, JSON, workbooks) into a DuckDB
  database file, computing and checking each estimate in worker processes (or on a Dask
  cluster), in a streaming way (bounded memory), idempotently (unchanged files are skipped);
* :func:`check_store`: the overlaps across the portfolio (the rules of
  :func:`ictcost.checks.check_portfolio`, computed from the store's tables) and the price
  outliers (SQL views);
* :class:`PortfolioStore`: the database itself: its tables, the findings rendered on demand,
  the Parquet export;
* :func:`map_sources` and :func:`process_source`: the per-estimate task and the executors
  (``process``, ``serial``, ``dask``).

Needs the ``portfolio`` extra (``duckdb``; ``distributed`` for a Dask cluster). See
``docs/concepts/portfolio.md``.
"""

from ictcost.portfolio.engine import ExecutorKind, SourceResult, map_sources, process_source
from ictcost.portfolio.load import LoadSummary, PortfolioReport, check_store, load_folder
from ictcost.portfolio.overlaps import MEMBER_LIMIT, portfolio_findings
from ictcost.portfolio.store import STORE_SCHEMA_VERSION, PortfolioStore

__all__ = [
    "MEMBER_LIMIT",
    "STORE_SCHEMA_VERSION",
    "ExecutorKind",
    "LoadSummary",
    "PortfolioReport",
    "PortfolioStore",
    "SourceResult",
    "check_store",
    "load_folder",
    "map_sources",
    "portfolio_findings",
    "process_source",
]
