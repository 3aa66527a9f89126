"""A pytest plugin printing the fuzz figures at the end of the run (whatever ``-r`` says)."""

from __future__ import annotations

from typing import Any

from tests.fuzz.harness import STATS

__all__ = ["FuzzSummary"]


class FuzzSummary:
    """Registered by ``tests/test_fuzz.py`` once its first case has run."""

    name = "ictcost-fuzz-summary"

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """Print the inputs tried, the outcomes, the untyped exceptions and the exit codes."""
        terminalreporter.section("fuzz (issue 13)")
        terminalreporter.write_line(STATS.summary())
