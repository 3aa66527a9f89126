"""Appraisal checks: findings with stable codes over an estimate or a portfolio."""

from ictcost.checks.engine import CheckConfig, check, check_portfolio
from ictcost.checks.rules import RULES, Finding, Rule

__all__ = ["RULES", "CheckConfig", "Finding", "Rule", "check", "check_portfolio"]
