"""Reading the bases of :mod:`ictcost.fees.batch`: 1-D array-likes of amounts in đồng.

Private to :mod:`ictcost.fees`; :func:`to_bases` is re-exported by :mod:`ictcost.fees.batch`.
Each amount is validated as the scalar ``base`` is (:func:`ictcost.money.to_amount`), and a
refusal names its index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from ictcost.errors import InputError
from ictcost.money import MAX_AMOUNT, to_amount

__all__ = ["Bases", "read_bases", "read_rate_bases", "to_bases"]

Array = npt.NDArray[Any]
_EXACT_INT = 2**53


@dataclass(frozen=True)
class Bases:
    ints: npt.NDArray[np.int64]  # whole bases (0 where fractional)
    decs: tuple[Decimal, ...] | None  # every base as Decimal when some are fractional
    whole: npt.NDArray[np.bool_] | None  # None: all whole

    def dec(self, i: int) -> Decimal:
        return self.decs[i] if self.decs is not None else Decimal(int(self.ints[i]))


def _name(name: str, i: int) -> str:
    return f"{name}[{i}]"


def to_bases(values: object, name: str = "bases") -> tuple[Array, tuple[Decimal, ...] | None]:
    """Read a 1-D array-like of amounts in đồng as the batch API does (validated like ``base``).

    Accepted: a numpy integer or float64 array (floats must be whole đồng below 2⁵³), an object
    array or a list of ``Decimal``/``int``/text, a pandas Series, a pyarrow array or column.

    Args:
        values: The amounts.
        name: The argument name used in messages (``bases[3]``).

    Returns:
        ``(ints, decimals)``: the amounts as int64 (``0`` where an amount has a fractional part)
        and, only when some amount is fractional, every amount as ``Decimal``.

    Raises:
        InputError: not 1-D, or an amount that ``base`` would refuse (zero, negative, not
            finite, above 10¹⁸ đồng, more than 30 decimal places), or a float that is not whole
            đồng below 2⁵³; the message names the first index.
        InputTypeError: booleans, or an element of a type ``base`` refuses.

    Examples:
        >>> to_bases([5, "8.500.000"])[0].tolist()
        [5, 8500000]
    """
    got = read_bases(values, name)
    return got.ints, got.decs


def read_bases(values: object, name: str) -> Bases:
    arr = _as_array(values)
    if arr.ndim != 1:
        raise InputError(
            f"'{name}' must be one-dimensional (got shape {arr.shape})",
            code="input-amount",
            field=name,
            hint="pass a list, a 1-D numpy array or a pandas Series of amounts in đồng",
        )
    kind = arr.dtype.kind
    if kind in "iu":
        return _int_bases(arr, name)
    if kind == "f":
        return _float_bases(arr, name)
    if kind == "b":
        to_amount(bool(arr[0]), _name(name, 0), positive=True)  # raises InputTypeError
    return _object_bases(arr, name)


def _as_array(values: object) -> Array:
    to_numpy = getattr(values, "to_numpy", None)
    if to_numpy is not None and type(values).__module__.startswith("pyarrow"):
        return np.asarray(to_numpy(zero_copy_only=False))
    if isinstance(values, np.ndarray):
        return values
    if to_numpy is not None:  # pandas: nullable dtypes become objects (NA is refused)
        arr = np.asarray(to_numpy())
        return arr if arr.dtype.kind in "iuf" else np.asarray(to_numpy(dtype=object))
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InputError(
            f"'bases' must be an array-like of amounts (got {type(values).__name__})",
            code="input-amount",
            field="bases",
            hint="for one base use compute_fee(...); here give a list or an array",
        )
    items = list(values)
    if items and all(type(v) is int for v in items):
        try:
            return np.array(items, dtype=np.int64)
        except OverflowError:
            pass
    return np.array(items, dtype=object)


def _first_bad(mask: Array) -> int:
    return int(np.flatnonzero(mask)[0])


def _int_bases(arr: Array, name: str) -> Bases:
    if arr.size and (int(arr.min()) <= 0 or int(arr.max()) > int(MAX_AMOUNT)):
        i = _first_bad((arr <= 0) | (arr > int(MAX_AMOUNT)))
        to_amount(int(arr[i]), _name(name, i), positive=True)  # raises the scalar error
    return Bases(arr.astype(np.int64, copy=False), None, None)


def _float_bases(arr: Array, name: str) -> Bases:
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(arr) | (arr <= 0) | (arr > float(MAX_AMOUNT))
    if bad.any():
        i = _first_bad(bad)
        to_amount(Decimal(float(arr[i])), _name(name, i), positive=True)
    fraction = (arr != np.floor(arr)) | (arr >= _EXACT_INT)
    if fraction.any():
        i = _first_bad(fraction)
        raise InputError(
            f"'{_name(name, i)}' is a float that is not a whole amount in đồng below 2^53 "
            f"(got {float(arr[i])!r})",
            code="input-amount",
            field=_name(name, i),
            hint="floats cannot hold fractions of a đồng or large amounts exactly: pass an int64 "
            "array, or Decimal/str values in an object array",
        )
    return Bases(arr.astype(np.int64), None, None)


def _object_bases(arr: Array, name: str) -> Bases:
    decs = tuple(to_amount(v, _name(name, i), positive=True) for i, v in enumerate(arr.tolist()))
    whole = np.fromiter((d == d.to_integral_value() for d in decs), dtype=np.bool_, count=len(decs))
    ints = np.fromiter(
        (int(d) if w else 0 for d, w in zip(decs, whole.tolist(), strict=True)),
        dtype=np.int64,
        count=len(decs),
    )
    if whole.all():
        return Bases(ints, None, None)
    return Bases(ints, decs, whole)


def read_rate_bases(rate_base: object, n: int) -> Bases:
    if isinstance(rate_base, (Decimal, int, str)):
        one = to_amount(rate_base, "rate_base", positive=True)
        return Bases(
            np.full(n, int(one) if one == one.to_integral_value() else 0, dtype=np.int64),
            None if one == one.to_integral_value() else (one,) * n,
            None if one == one.to_integral_value() else np.zeros(n, dtype=np.bool_),
        )
    got = read_bases(rate_base, "rate_base")
    if len(got.ints) != n:
        raise InputError(
            f"'rate_base' has {len(got.ints)} amounts for {n} bases",
            code="input-amount",
            field="rate_base",
            hint="give one rate base, or one per base",
        )
    return got
