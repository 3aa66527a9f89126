"""Line amounts, VAT and totals for arrays of lines, exact to the đồng.

The per-line rules of the engine (:mod:`ictcost.estimate.engine`, :mod:`ictcost.estimate.vat`),
vectorised:

* a unit-price line: ``amount = round(quantity × unit_price)`` to whole đồng, half away from zero
  (:func:`~ictcost.money.round_vnd`), refused above 10¹⁸ đồng;
* its VAT at one rate: ``vat = round(amount × rate / 100)``, half away from zero, on the rounded
  amount (a line with an explicit ``vat_rate``, or one supplied on one date at its category's
  rate); ``total = amount + vat``.

VAT by period (a payment schedule, a rental over several periods at different rates) stays with
the engine: give the rate a line has on its date, from the ``vat-rates`` table or its
``vat_rate``.

Integer arithmetic is exact in int64 within the bounds checked here (whole quantities and unit
prices whose product stays below 2⁶³; rates with at most 6 decimals); any other element is
computed in ``Decimal`` by the same functions the engine calls.

Examples:
    >>> t = line_totals_batch([3, 2], [1_234_567, 10_000_001], [10, 8])
    >>> t.amounts.tolist(), t.vat.tolist(), t.totals.tolist()
    ([3703701, 20000002], [370370, 1600000], [4074071, 21600002])
    >>> vat_batch([15], "10").tolist()
    [2]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from ictcost._internal._coerce import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    CoercionError,
    coerce_amount,
    coerce_percent,
)
from ictcost.errors import InputError, InputTypeError
from ictcost.money import LIMITS_HINT, exact, round_vnd

__all__ = ["LineTotals", "line_totals_batch", "vat_batch"]

Array = npt.NDArray[Any]
_INT64_SAFE = 2**63 - 1
_RATE_PLACES = 6  # rates with up to 6 decimals take the int64 path


@dataclass(frozen=True)
class LineTotals:
    """The amounts, VAT and totals of an array of lines (int64, whole đồng, read-only).

    Attributes:
        amounts: ``round(quantity × unit_price)``.
        vat: ``round(amount × rate / 100)``.
        totals: ``amount + vat``.
    """

    amounts: Array
    vat: Array
    totals: Array

    def __len__(self) -> int:
        return len(self.amounts)

    def to_pandas(self) -> Any:  # noqa: ANN401 - a pandas DataFrame (pandas is optional)
        """Return the columns ``amount``, ``vat``, ``total``.

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional
        except ImportError as exc:
            raise ImportError(
                "pandas is needed for this export: pip install 'ictcost[pandas]'"
            ) from exc
        return pd.DataFrame({"amount": self.amounts, "vat": self.vat, "total": self.totals})


def vat_batch(amounts: object, rates: object) -> Array:
    """Return the VAT of each line: ``round(amount × rate / 100)``, half away from zero.

    The engine's rule for a line taxed at one rate (``estimate/vat.py``: the VAT of a line is
    rounded once to the đồng, half up, on its rounded amount; rates of the ``vat-rates`` table,
    Luật Thuế GTGT as encoded there).

    Args:
        amounts: The lines' amounts, whole đồng (a 1-D array-like).
        rates: One VAT rate in %, or one per line (``Decimal``/``int``/text, 0–100).

    Returns:
        The VAT per line (int64).

    Raises:
        InputError: an amount that is not whole đồng or beyond 10¹⁸, a rate outside 0–100 % or
            not a number, lengths that differ; the message names the index.

    Examples:
        >>> vat_batch([105, 95], ["5", "5"]).tolist()
        [5, 5]
    """
    whole = _amounts(amounts, "amounts", whole=True)
    return _vat(whole, _rates(rates, len(whole)))


def line_totals_batch(quantities: object, unit_prices: object, vat_rates: object) -> LineTotals:
    """Return the amount, VAT and total of unit-price lines, as the engine computes each line.

    ``amount = round(quantity × unit_price)``; ``vat = round(amount × rate / 100)``;
    ``total = amount + vat`` (whole đồng, half away from zero; ``estimate/engine.py`` and
    ``estimate/vat.py``).

    Args:
        quantities: The quantities (zero or more, at most 10¹²), a 1-D array-like.
        unit_prices: The unit prices in đồng before VAT (zero or more), as long as ``quantities``.
        vat_rates: One VAT rate in %, or one per line (0–100).

    Returns:
        The amounts, VAT and totals.

    Raises:
        InputError: a value the engine refuses (negative, beyond the limits, a float with a
            fraction, an amount above 10¹⁸ đồng), lengths that differ; the message names the
            index.
        InputTypeError: booleans or floats in a list, or another type.
    """
    q = _amounts(quantities, "quantities", limit=MAX_QUANTITY)
    u = _amounts(unit_prices, "unit_prices")
    if len(q) != len(u):
        raise InputError(
            f"{len(q)} quantities for {len(u)} unit prices",
            field="unit_prices",
            hint="give one unit price per quantity",
        )
    amounts = _products(q, u)
    vat = _vat(amounts, _rates(vat_rates, len(amounts)))
    totals = amounts + vat
    for arr in (amounts, vat, totals):
        arr.setflags(write=False)
    return LineTotals(amounts, vat, totals)


# --- reading ---------------------------------------------------------------------------------


def _amounts(
    values: object, name: str, *, limit: Decimal = MAX_AMOUNT, whole: bool = False
) -> Array:
    """int64 when every value is whole and fits, else an object array of ``Decimal``."""
    arr = _array(values, name)
    if arr.dtype.kind in "iu":
        bad = (arr < 0) | (arr > int(limit))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _bound(name, i, arr[i], limit)
        return arr.astype(np.int64)
    if arr.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.floor(arr)) | (arr >= 2.0**53)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(
                f"'{name}[{i}]' is a float that is not a whole number below 2^53 (got {arr[i]!r})",
                code="input-amount",
                field=f"{name}[{i}]",
                hint="floats cannot hold fractions exactly: pass Decimal or str values",
            )
        return _amounts(arr.astype(np.int64), name, limit=limit)
    out = []
    for i, v in enumerate(arr.tolist()):
        try:
            d = coerce_amount(v, whole=whole)
        except CoercionError as exc:
            raise _refused(name, i, v, exc) from None
        if d > limit:
            raise _bound(name, i, d, limit)
        out.append(d)
    if all(d == d.to_integral_value() for d in out):
        return np.array([int(d) for d in out], dtype=np.int64)
    return np.array(out, dtype=object)


def _array(values: object, name: str) -> Array:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(
            f"'{name}' must be an array-like (got {type(values).__name__})",
            field=name,
            hint="give a list, a 1-D numpy array or a pandas Series",
        )
    to_numpy = getattr(values, "to_numpy", None)
    if isinstance(values, np.ndarray):
        arr = values
    elif to_numpy is not None:
        arr = np.asarray(to_numpy())
        if arr.dtype.kind not in "iuf":
            arr = np.asarray(to_numpy(dtype=object))
    else:
        items = list(values)
        ints = bool(items) and all(type(v) is int for v in items)
        try:
            arr = np.array(items, dtype=np.int64 if ints else object)
        except OverflowError:
            arr = np.array(items, dtype=object)
    if arr.ndim != 1:
        raise InputError(
            f"'{name}' must be one-dimensional (got shape {arr.shape})", field=name, hint=""
        )
    if arr.dtype.kind == "b":
        raise InputTypeError(
            f"'{name}[0]' must be a Decimal, an int or a string (got bool)", field=f"{name}[0]"
        )
    return arr


def _refused(name: str, i: int, value: object, exc: CoercionError) -> InputError | InputTypeError:
    field = f"{name}[{i}]"
    if exc.reason in {"bool", "float", "type"}:
        return InputTypeError(
            f"'{field}' must be a Decimal, an int or a string (got {type(value).__name__})",
            field=field,
            hint="floats cannot hold amounts exactly: pass Decimal or int values",
        )
    words = {
        "negative": "zero or more",
        "fraction": "whole đồng",
        "not_finite": "a finite number",
        "too_precise": "at most 30 decimal places",
    }.get(exc.reason, "a number")
    return InputError(
        f"'{field}' must be {words} (got {value!r})",
        code="input-amount",
        field=field,
        hint=exc.hint or LIMITS_HINT,
    )


def _bound(name: str, i: int, value: object, limit: Decimal) -> InputError:
    return InputError(
        f"'{name}[{i}]' must be from 0 to {limit:.0E} (got {value})",
        code="input-amount",
        field=f"{name}[{i}]",
        hint=LIMITS_HINT,
    )


def _rates(rates: object, n: int) -> list[Decimal]:
    if isinstance(rates, (Decimal, int, str)) and not isinstance(rates, bool):
        given: list[object] = [rates] * n
        one = True
    else:
        given = list(_array(rates, "vat_rates").tolist())
        one = False
        if len(given) != n:
            raise InputError(
                f"{len(given)} VAT rates for {n} lines",
                field="vat_rates",
                hint="give one rate, or one per line",
            )
    out = []
    for i, v in enumerate(given[:1] if one else given):
        field = "vat_rates" if one else f"vat_rates[{i}]"
        try:
            rate = coerce_percent(v)
        except CoercionError:
            raise InputError(
                f"'{field}' must be a VAT rate in % (got {v!r})",
                field=field,
                hint="a Decimal, an int or digits such as '8' or '10'",
            ) from None
        if not 0 <= rate <= 100:
            raise InputError(
                f"'{field}' must be from 0 to 100 % (got {rate})",
                field=field,
                hint="a VAT rate of the vat-rates table, e.g. 0, 5, 8 or 10",
            )
        out.append(rate)
    return out * n if one else out


# --- computing ------------------------------------------------------------------------------


def _products(q: Array, u: Array) -> Array:
    n = len(q)
    if q.dtype == np.int64 and u.dtype == np.int64:
        top = int(q.max()) * int(u.max()) if n else 0
        if top <= int(MAX_AMOUNT):
            return q * u
    out = np.empty(n, dtype=np.int64)
    for i, (a, b) in enumerate(zip(q.tolist(), u.tolist(), strict=True)):
        with exact():
            product = Decimal(a) * Decimal(b)
        amount = round_vnd(product)
        if amount > MAX_AMOUNT:
            raise InputError(
                f"line {i}: its amount ({amount:.3E} đồng) is above 10^18 đồng",
                code="input-amount",
                field=f"quantities[{i}]",
                hint=LIMITS_HINT,
            )
        out[i] = int(amount)
    return out


def _vat(amounts: Array, rates: list[Decimal]) -> Array:
    """``round(amount × rate / 100)`` half away from zero, in int64 (exact), or Decimal."""
    places = [max(0, -int(r.as_tuple().exponent)) for r in rates]
    if amounts.dtype != np.int64 or any(p > _RATE_PLACES for p in places):
        out = []
        for a, r in zip(amounts.tolist(), rates, strict=True):
            with exact():
                raw = Decimal(a) * r / 100
            out.append(int(round_vnd(raw)))
        return np.array(out, dtype=np.int64)
    num = np.array([int(r.scaleb(p)) for r, p in zip(rates, places, strict=True)], dtype=np.int64)
    den = np.array([100 * 10**p for p in places], dtype=np.int64)
    whole, rest = np.divmod(amounts, den)  # amounts are zero or more (Money)
    part, rem = np.divmod(rest * num, den)
    found: Array = whole * num + part + (2 * rem >= den)
    return found
