"""ictcost: price and check state-funded IT projects in Vietnam from cited, dated norm data.

The public API is re-exported here, in one flat namespace; everything else is an implementation
detail. The names that need an optional extra are imported on first use (PEP 562), so that
``import ictcost`` stays light and imports none of openpyxl, rapidfuzz, pandas or python-docx:

* ``check``, ``check_portfolio``, ``CheckConfig``, ``Finding``, ``Findings``, ``FindingsReport``,
  ``RULES`` (:mod:`ictcost.checks`; rapidfuzz, the ``checks`` extra, speeds them up);
* ``write_xlsx`` (:mod:`ictcost.report.excel`, the ``excel`` extra);
* ``compare``, ``Comparison``, ``write_comparison`` (``excel``), ``write_report`` (``report``)
  (:mod:`ictcost.report`).

Display in notebooks: results show a short ``repr`` and an HTML table (``_repr_html_``) in the
*display language*, Vietnamese by default; ``ictcost.set_display_language("en")`` switches it
(a display setting only: no computation, JSON output or document depends on it).

Examples:
    >>> import ictcost
    >>> r = ictcost.compute_fee("quan_ly_du_an", category="software", form="ktkt",
    ...                         base=8_500_000_000, on="2026-01-15")
    >>> ictcost.format_vnd(r.amount)
    '152.527.188'
    >>> r
    FeeResult(quan_ly_du_an, base 8.500.000.000 đ, rate 1,7944375 %, amount 152.527.188 đ, NĐ 73/2019/NĐ-CP)
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ictcost._version import __version__
from ictcost.errors import (
    DuplicateNormError,
    IctcostError,
    InputError,
    InputTypeError,
    NormConsistencyError,
    NormDataError,
    NormLookupError,
    NormNotApplicableError,
    NormNotFoundError,
    NormSchemaError,
    NormSyntaxError,
    OutOfRangeError,
    Problem,
    RegimeError,
)
from ictcost.estimate import Estimate, LineResult, ProjectInput, compute_estimate
from ictcost.estimate.result import register_renderer as _register_renderer
from ictcost.fees import (
    CONDITIONS,
    FeeResult,
    Interpolation,
    RateLookup,
    compute_fee,
    fee_items,
    interpolate,
    table_fee,
)
from ictcost.inputs import load_evidence, load_project, load_software_input, load_workbook_project
from ictcost.money import format_vnd, parse_amount, round_vnd, to_amount
from ictcost.norms import (
    CitedValue,
    InForce,
    Kind,
    NormRegistry,
    NormTable,
    NormVersion,
    Origin,
    Value,
    load_table,
    load_table_text,
    shipped_norms_dir,
    validate_norms,
)
from ictcost.regimes import Regime, regime_on, regimes
from ictcost.report.text import (  # importing it registers the displays of the results
    display_language,
    set_display_language,
)
from ictcost.software import SoftwareCostResult, SoftwareInput, compute_software_cost

if TYPE_CHECKING:
    from ictcost.checks import (
        RULES,
        CheckConfig,
        Finding,
        Findings,
        FindingsReport,
        check,
        check_portfolio,
    )
    from ictcost.report import Comparison, compare, write_comparison, write_report
    from ictcost.report.excel import write_xlsx

_LAZY = {
    "RULES": "ictcost.checks",
    "CheckConfig": "ictcost.checks",
    "Finding": "ictcost.checks",
    "Findings": "ictcost.checks",
    "FindingsReport": "ictcost.checks",
    "check": "ictcost.checks",
    "check_portfolio": "ictcost.checks",
    "Comparison": "ictcost.report",
    "compare": "ictcost.report",
    "write_comparison": "ictcost.report",
    "write_report": "ictcost.report",
    "write_xlsx": "ictcost.report.excel",
}
"""The names imported on first use, by module (they need an optional extra or are heavy)."""


def _estimate_to_xlsx(estimate: Estimate, path: str | os.PathLike[str], **options: Any) -> Path:  # noqa: ANN401 - the writer's options
    """Write an estimate's workbook: :meth:`Estimate.to_xlsx`, the writer imported on use.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra and the command.
    """
    try:
        writer = importlib.import_module("ictcost.report.excel")
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "openpyxl":
            raise
        msg = (
            "Estimate.to_xlsx() needs openpyxl, the 'excel' extra: pip install 'ictcost[excel]' "
            "(from a checkout: pip install -e '.[excel]')"
        )
        raise ImportError(msg, name="openpyxl") from exc
    return Path(writer.write_xlsx(estimate, Path(path), **options))


_register_renderer("xlsx", _estimate_to_xlsx)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a re-exported function or class
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # imported once
        return value
    msg = f"module 'ictcost' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "CONDITIONS",
    "RULES",
    "CheckConfig",
    "CitedValue",
    "Comparison",
    "DuplicateNormError",
    "Estimate",
    "FeeResult",
    "Finding",
    "Findings",
    "FindingsReport",
    "IctcostError",
    "InForce",
    "InputError",
    "InputTypeError",
    "Interpolation",
    "Kind",
    "LineResult",
    "NormConsistencyError",
    "NormDataError",
    "NormLookupError",
    "NormNotApplicableError",
    "NormNotFoundError",
    "NormRegistry",
    "NormSchemaError",
    "NormSyntaxError",
    "NormTable",
    "NormVersion",
    "Origin",
    "OutOfRangeError",
    "Problem",
    "ProjectInput",
    "RateLookup",
    "Regime",
    "RegimeError",
    "SoftwareCostResult",
    "SoftwareInput",
    "Value",
    "__version__",
    "check",
    "check_portfolio",
    "compare",
    "compute_estimate",
    "compute_fee",
    "compute_software_cost",
    "display_language",
    "fee_items",
    "format_vnd",
    "interpolate",
    "load_evidence",
    "load_project",
    "load_software_input",
    "load_table",
    "load_table_text",
    "load_workbook_project",
    "parse_amount",
    "regime_on",
    "regimes",
    "round_vnd",
    "set_display_language",
    "shipped_norms_dir",
    "table_fee",
    "to_amount",
    "validate_norms",
    "write_comparison",
    "write_report",
    "write_xlsx",
]
