"""Appraisal checks: findings with stable codes over an estimate or a portfolio.

The rules are registered in :data:`RULES` (:mod:`ictcost.checks.rules`) with their code, severity
and legal basis; :func:`check` and :func:`check_portfolio` run them (:mod:`ictcost.checks.engine`).
"""

from ictcost.checks._base import CheckConfig
from ictcost.checks.engine import check, check_portfolio
from ictcost.checks.rules import RULES, Finding, Findings, FindingsReport, Rule

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
