"""Generated portfolios with realistic names, for benchmarks, scale runs and tests.

The district projects of :mod:`ictcost.portfolio._synthetic`: equipment lines per commune with
shared leading words and models, a use-case-point software line, optionally QĐ 1688 fee lines.
"""

from __future__ import annotations

from ictcost.portfolio._synthetic import district_project, write_portfolio

__all__ = ["district_project", "write_portfolio"]
