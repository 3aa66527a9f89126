"""ictcost: price and check state-funded IT projects in Vietnam from cited, dated norm data.

The public API is re-exported here, in one flat namespace; everything else is an implementation
detail. Every name is imported on first use (PEP 562, the map ``_LAZY``), so that ``import
ictcost`` stays light: it defines no pydantic model, reads no norm file and imports none of
openpyxl, rapidfuzz, pandas or python-docx. The names that need an optional extra fail only when
they are used:

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

import importlib as _importlib
import sys as _sys
import types as _types
from typing import TYPE_CHECKING, Any

from ictcost._version import __version__

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
    from ictcost.estimate.batch import LineTotals, line_totals_batch, vat_batch
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
    from ictcost.fees.batch import FeeBatch, compute_fee_batch, table_fee_batch
    from ictcost.inputs import (
        load_evidence,
        load_project,
        load_software_input,
        load_workbook_project,
    )
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
    from ictcost.report import Comparison, compare, write_comparison, write_report
    from ictcost.report.excel import write_xlsx
    from ictcost.report.text import display_language, set_display_language
    from ictcost.simulation import RangeSpec, Simulation, load_ranges, simulate
    from ictcost.software import SoftwareCostResult, SoftwareInput, compute_software_cost


def _names(module: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, module)


_LAZY: dict[str, str] = {
    **_names(
        "ictcost.errors",
        "DuplicateNormError",
        "IctcostError",
        "InputError",
        "InputTypeError",
        "NormConsistencyError",
        "NormDataError",
        "NormLookupError",
        "NormNotApplicableError",
        "NormNotFoundError",
        "NormSchemaError",
        "NormSyntaxError",
        "OutOfRangeError",
        "Problem",
        "RegimeError",
    ),
    **_names("ictcost.money", "format_vnd", "parse_amount", "round_vnd", "to_amount"),
    **_names(
        "ictcost.norms",
        "CitedValue",
        "InForce",
        "Kind",
        "NormRegistry",
        "NormTable",
        "NormVersion",
        "Origin",
        "Value",
        "load_table",
        "load_table_text",
        "shipped_norms_dir",
        "validate_norms",
    ),
    **_names("ictcost.regimes", "Regime", "regime_on", "regimes"),
    **_names(
        "ictcost.fees",
        "CONDITIONS",
        "FeeResult",
        "Interpolation",
        "RateLookup",
        "compute_fee",
        "fee_items",
        "interpolate",
        "table_fee",
    ),
    **_names("ictcost.fees.batch", "FeeBatch", "compute_fee_batch", "table_fee_batch"),
    **_names("ictcost.estimate.batch", "LineTotals", "line_totals_batch", "vat_batch"),
    **_names("ictcost.simulation", "RangeSpec", "Simulation", "load_ranges", "simulate"),
    **_names("ictcost.software", "SoftwareCostResult", "SoftwareInput", "compute_software_cost"),
    **_names("ictcost.estimate", "Estimate", "LineResult", "ProjectInput", "compute_estimate"),
    **_names(
        "ictcost.inputs",
        "load_evidence",
        "load_project",
        "load_software_input",
        "load_workbook_project",
    ),
    **_names(
        "ictcost.checks",
        "RULES",
        "CheckConfig",
        "Finding",
        "Findings",
        "FindingsReport",
        "check",
        "check_portfolio",
    ),
    **_names("ictcost.report", "Comparison", "compare", "write_comparison", "write_report"),
    **_names("ictcost.report.excel", "write_xlsx"),
    **_names("ictcost.report.text", "display_language", "set_display_language"),
}
"""Every public name but ``__version__``, by the module it is imported from on first use.

``import ictcost`` imports none of them (it defines no pydantic model and reads no norm file):
a name is imported when it is first read, then kept in the module's namespace.
"""


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a re-exported function or class
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'ictcost' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value  # imported once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(_types.ModuleType):
    """The class of this module: ``ictcost.regimes`` is the function, not the submodule.

    The function :func:`~ictcost.regimes.regimes` shares its name with its module. Importing a
    submodule binds it on the package, which would hide the lazy name; this property keeps the
    public name (as the eager import did), and the submodule stays in ``sys.modules``.
    """

    @property
    def regimes(self) -> Any:  # noqa: ANN401 - the function ictcost.regimes.regimes
        found = self.__dict__.get("_regimes")
        if found is None:
            found = _importlib.import_module("ictcost.regimes").regimes
        return found

    @regimes.setter
    def regimes(self, value: object) -> None:
        if isinstance(value, _types.ModuleType) and value.__name__ == "ictcost.regimes":
            return  # the import system binding the submodule: the function keeps the name
        self.__dict__["_regimes"] = value


_sys.modules[__name__].__class__ = _Package


__all__ = [
    "CONDITIONS",
    "RULES",
    "CheckConfig",
    "CitedValue",
    "Comparison",
    "DuplicateNormError",
    "Estimate",
    "FeeBatch",
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
    "LineTotals",
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
    "RangeSpec",
    "RateLookup",
    "Regime",
    "RegimeError",
    "Simulation",
    "SoftwareCostResult",
    "SoftwareInput",
    "Value",
    "__version__",
    "check",
    "check_portfolio",
    "compare",
    "compute_estimate",
    "compute_fee",
    "compute_fee_batch",
    "compute_software_cost",
    "display_language",
    "fee_items",
    "format_vnd",
    "interpolate",
    "line_totals_batch",
    "load_evidence",
    "load_project",
    "load_ranges",
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
    "simulate",
    "table_fee",
    "table_fee_batch",
    "to_amount",
    "validate_norms",
    "vat_batch",
    "write_comparison",
    "write_report",
    "write_xlsx",
]
