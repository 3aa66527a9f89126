"""Appraisal checks: findings with stable codes over an estimate or a portfolio.

The rules are registered in :data:`RULES` (:mod:`ictcost.checks.rules`) with their code, severity
and legal basis; :func:`check` and :func:`check_portfolio` run them (:mod:`ictcost.checks.engine`).
The names are imported on first use (PEP 562): the settings (:mod:`ictcost.config`) read
:class:`CheckConfig` without importing the rules, the estimate and the input readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ictcost.checks.thresholds import CheckConfig

if TYPE_CHECKING:
    from ictcost.checks.engine import check, check_portfolio
    from ictcost.checks.rules import RULES, Finding, Findings, FindingsReport, Rule

_LAZY: dict[str, str] = {
    **dict.fromkeys(("check", "check_portfolio"), "ictcost.checks.engine"),
    **dict.fromkeys(
        ("RULES", "Finding", "Findings", "FindingsReport", "Rule"), "ictcost.checks.rules"
    ),
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a re-exported function or class
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'ictcost.checks' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "RULES",
    "CheckConfig",
    "Finding",
    "Findings",
    "FindingsReport",
    "Rule",
    "check",
    "check_portfolio",
]
