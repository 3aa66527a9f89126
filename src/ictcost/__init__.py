"""ictcost: price and check state-funded IT projects in Vietnam from cited, dated norm data.

The public API is re-exported here; everything else is an implementation detail.

Examples:
    >>> import ictcost
    >>> r = ictcost.compute_fee("quan_ly_du_an", category="software", form="ktkt",
    ...                         base=8_500_000_000, on="2026-01-15")
    >>> ictcost.format_vnd(r.amount)
    '152.527.188'
"""

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
from ictcost.report import text as _text  # noqa: F401 - registers the estimate's renderers

__all__ = [
    "CONDITIONS",
    "CitedValue",
    "DuplicateNormError",
    "FeeResult",
    "IctcostError",
    "InForce",
    "InputError",
    "InputTypeError",
    "Interpolation",
    "Kind",
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
    "RateLookup",
    "Regime",
    "RegimeError",
    "Value",
    "__version__",
    "compute_fee",
    "fee_items",
    "format_vnd",
    "interpolate",
    "load_table",
    "load_table_text",
    "parse_amount",
    "regime_on",
    "regimes",
    "round_vnd",
    "shipped_norms_dir",
    "table_fee",
    "to_amount",
    "validate_norms",
]
