"""``check_*`` functions for other tools: check one input, get it back validated, or a clear error.

Each function takes the ``name`` of the input for its messages, **returns the validated value**
(converted: a ``Decimal``, a ``date``) and raises an ictcost error that is also a builtin
``TypeError`` (:class:`~ictcost.errors.InputTypeError`, a value of the wrong type) or
``ValueError`` (:class:`~ictcost.errors.InputError`, a value that is not acceptable). Messages
read ``'{name}' must be … (got …)`` and every error carries a stable ``code``.

The pydantic types of :mod:`ictcost.types` check the same shapes inside models; the functions
here also check facts that depend on a date and on the norm data, such as the VAT rate of a
category (:func:`check_vat_rate`).

Examples:
    >>> check_money("8.500.000", "base")
    Decimal('8500000')
    >>> check_vat_rate(10, category="excluded_from_reduction", on="2025-09-15")
    Decimal('10')
    >>> try:
    ...     check_rate(120, "rate_percent")
    ... except InputError as exc:
    ...     print(exc.message)
    'rate_percent' must be between 0 and 100 % (got 120)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ictcost._internal._coerce import (
    CoercionError,
    coerce_percent,
    has_cell,
    is_whole,
    split_ref,
)
from ictcost.errors import InputError, InputTypeError, NormNotFoundError
from ictcost.money import to_amount
from ictcost.norms.registry import NormRegistry
from ictcost.types import parse_date

__all__ = [
    "VAT_TABLE",
    "check_date",
    "check_money",
    "check_norm_ref",
    "check_rate",
    "check_vat_rate",
]

VAT_TABLE = "vat-rates"
"""The id of the norm table :func:`check_vat_rate` compares with."""


def check_money(
    value: object, name: str = "amount", *, positive: bool = False, whole: bool = False
) -> Decimal:
    """Check an amount in đồng and return it as an exact ``Decimal``.

    Args:
        value: A ``Decimal``, an ``int`` or a string read by :func:`ictcost.money.parse_amount`
            (``"8.500.000"``; the ambiguous ``"8.500"`` is refused).
        name: The name of the input, used in messages.
        positive: When true the amount must be greater than zero; otherwise zero or more.
        whole: When true the amount must be whole đồng (no fractional part).

    Returns:
        The amount.

    Raises:
        InputTypeError: a ``float``, a ``bool`` or another type (code ``input-type``).
        InputError: not a number, ambiguous, not finite, negative, zero when ``positive``, or
            fractional when ``whole`` (code ``input-amount``).

    Examples:
        >>> check_money(152527188, "fee", positive=True, whole=True)
        Decimal('152527188')
        >>> try:
        ...     check_money(Decimal("0.5"), "fee", whole=True)
        ... except InputError as exc:
        ...     print(exc.message)
        'fee' must be a whole number of đồng (got Decimal('0.5'))
    """
    amount = to_amount(value, name, positive=positive)
    if whole and not is_whole(amount):
        raise InputError(
            f"'{name}' must be a whole number of đồng (got {value!r})",
            code="input-amount",
            field=name,
            hint="round the amount with ictcost.money.round_vnd (half away from zero)",
        )
    return amount


def _percent(value: object, name: str) -> Decimal:
    try:
        return coerce_percent(value)
    except CoercionError as exc:
        if exc.reason in {"bool", "float", "type"}:
            raise InputTypeError(
                f"'{name}' must be a Decimal, an int or a string (got {type(value).__name__} "
                f"{value!r})",
                field=name,
                hint="floats cannot hold rates exactly: pass Decimal('8.5') or '8.5'",
            ) from None
        if exc.reason == "not_finite":
            raise InputError(
                f"'{name}' must be a finite number (got {value!r})", field=name
            ) from None
        raise InputError(
            f"'{name}' must be a number in % (got {value!r})",
            field=name,
            hint="write digits with a decimal point, e.g. 8 or 2.809 (no % sign, no comma)",
        ) from None


def check_rate(value: object, name: str = "rate", *, max_value: Decimal = Decimal(100)) -> Decimal:
    """Check a percentage and return it as an exact ``Decimal``.

    Args:
        value: A ``Decimal``, an ``int`` or a string of plain digits (``"2.809"``).
        name: The name of the input, used in messages.
        max_value: The largest value allowed (inclusive); the smallest is 0.

    Returns:
        The rate in %.

    Raises:
        InputTypeError: a ``float``, a ``bool`` or another type (code ``input-type``).
        InputError: not a finite number, or outside 0 … ``max_value`` (code ``input-invalid``).

    Examples:
        >>> check_rate("2.809", "rate_percent")
        Decimal('2.809')
        >>> check_rate(30, "share", max_value=40)
        Decimal('30')
    """
    rate = _percent(value, name)
    if not 0 <= rate <= max_value:
        raise InputError(
            f"'{name}' must be between 0 and {max_value} % (got {value!r})",
            field=name,
            hint="give the rate in percent (8 for 8 %), not as a fraction",
        )
    return rate


def check_date(value: object, name: str = "date") -> dt.date:
    """Check a date given as a ``datetime.date``, ``dd/mm/yyyy`` text or strict ISO ``YYYY-MM-DD``.

    Args:
        value: The date.
        name: The name of the input, used in messages.

    Returns:
        The date.

    Raises:
        InputTypeError: a ``datetime`` (its time would be dropped) or a value that is neither a
            date nor a string (code ``input-type``).
        InputError: a string that is not a real date in either form (code ``input-date``).

    Examples:
        >>> check_date("2025-09-15", "on")
        datetime.date(2025, 9, 15)
        >>> check_date("15/09/2025", "on")
        datetime.date(2025, 9, 15)
        >>> try:
        ...     check_date("31/02/2025", "on")
        ... except InputError as exc:
        ...     print(exc.message)
        'on' must be a date written dd/mm/yyyy or YYYY-MM-DD (got '31/02/2025')
    """
    try:
        return parse_date(value)
    except CoercionError as exc:
        if exc.reason == "datetime":
            raise InputTypeError(
                f"'{name}' must be a date without a time (got {value!r})",
                field=name,
                hint="pass value.date()",
            ) from None
        if exc.reason == "type":
            raise InputTypeError(
                f"'{name}' must be a datetime.date or a dd/mm/yyyy or YYYY-MM-DD string (got "
                f"{type(value).__name__} {value!r})",
                field=name,
                hint="give a datetime.date or an ISO date such as 2026-01-15",
            ) from None
        raise InputError(
            f"'{name}' must be a date written dd/mm/yyyy or YYYY-MM-DD (got {value!r})",
            code="input-date",
            field=name,
            hint=exc.hint or "give an existing date: 15/01/2026 (day first) or ISO 2026-01-15",
        ) from None


def check_vat_rate(
    rate: object,
    *,
    category: str,
    on: dt.date | str,
    name: str = "vat_rate",
    registry: NormRegistry | None = None,
) -> Decimal | None:
    """Check the VAT rate stated for a category of goods or services on a date.

    The rate is compared with the ``vat-rates`` table (:data:`VAT_TABLE`) in force on ``on``:

    * a taxable category (``general``, ``excluded_from_reduction``, ``it_goods_services``) must
      have the table's rate. When the table marks a rate as **disputed** (a user pack may), the
      default and every alternative are accepted; the rate given is returned as the table writes
      it. (IT goods and services from 2025-07-01 to 2026-12-31 are 8 %, no longer disputed:
      secondary-8, legal-research-2026-12 §5.)
    * a category not subject to VAT (``software``, "không chịu thuế") has no rate: the only
      accepted value is ``None``. A 0 is refused, because không chịu thuế is not 0 % (0 % is a
      taxable rate, and the invoice shows "KCT").

    Args:
        rate: The rate in % (``Decimal``, ``int`` or string), or ``None`` for "not subject".
        category: The row of the table (``general``, ``it_goods_services``, ``software`` …).
        on: The date that decides the rate (the invoice or estimate date).
        name: The name of the input, used in messages.
        registry: The norm registry; the shipped one by default.

    Returns:
        The rate from the table (the default or the alternative that matches), or ``None`` when
        the category is not subject to VAT.

    Raises:
        InputTypeError: ``rate`` is a ``float`` or another wrong type; ``on`` is not a date
            (code ``input-type``).
        InputError: the rate is not the one of the table (code ``input-invalid``; the message
            names the expected rate and cites the table); the category does not exist on that
            date (``input-invalid``); no VAT data is encoded for the date
            (``norm-version-not-found``); ``on`` is not a real date (``input-date``).

    Examples:
        >>> check_vat_rate(8, category="general", on="2025-09-15")
        Decimal('8')
        >>> check_vat_rate(8, category="it_goods_services", on="2025-09-15")
        Decimal('8')
        >>> check_vat_rate(None, category="software", on="2025-09-15") is None
        True
    """
    day = check_date(on, "on")
    reg = registry if registry is not None else NormRegistry.shipped()
    try:
        table = reg.get(VAT_TABLE, day)
    except NormNotFoundError as exc:
        raise InputError(
            f"'on' must be a date for which VAT rates are encoded (got {day.isoformat()}): "
            f"{exc.message}",
            code=exc.code,
            field="on",
            hint=f"ictcost cannot check '{name}' for this date; give the VAT rate with its legal "
            "basis explicitly",
            table_id=VAT_TABLE,
        ) from exc
    row = table.version.row(category)
    if row is None:
        known = ", ".join(r.name for r in table.rows())
        raise InputError(
            f"'category' must be a VAT category of table {VAT_TABLE} on {day.isoformat()} "
            f"(got {category!r})",
            field="category",
            hint=f"the categories of the period {table.version.period} are: {known}; a category "
            "missing from a period is not encoded for it, so give its VAT treatment explicitly",
            table_id=VAT_TABLE,
        )
    where = f"for VAT category {category!r} on {day.isoformat()}"
    if "rate" not in row.values:
        cell = table.value(category, "treatment")
        if cell.value != "not_subject":  # pragma: no cover - the shipped data has no such row
            raise InputError(
                f"'{name}' cannot be checked {where}: the table gives no rate and the treatment "
                f"{cell.value!r} (source: {cell.citation()})",
                field=name,
            )
        if rate is None:
            return None
        stated = _percent(rate, name)
        zero = (
            ": không chịu thuế is not 0 % (0 % is a taxable rate; the invoice of an item not "
            "subject to VAT shows 'KCT')"
            if stated == 0
            else ""
        )
        raise InputError(
            f"'{name}' must be None (không chịu thuế, not subject to VAT) {where} (got "
            f"{rate!r}){zero}. Source: {cell.citation()}",
            field=name,
            hint="pass None for an item not subject to VAT",
            expected=None,
            citation=cell.citation(),
        )
    cell = table.value(category, "rate")
    expected = cell.number
    alternatives = tuple(a.value for a in cell.alternatives if isinstance(a.value, Decimal))
    given = None if rate is None else _percent(rate, name)
    if given is not None:
        for accepted in (expected, *alternatives):
            if given == accepted:
                return accepted
    also = (
        f"; the value is disputed, so {' or '.join(f'{a} %' for a in alternatives)} is also "
        "accepted"
        if alternatives
        else ""
    )
    raise InputError(
        f"'{name}' must be {expected} % {where} (got {rate!r}){also}. Source: {cell.citation()}",
        field=name,
        hint="use the rate of the table, or check the category and the date"
        + ("; None means not subject to VAT, which this category is not" if rate is None else ""),
        expected=str(expected),
        alternatives=tuple(str(a) for a in alternatives),
        citation=cell.citation(),
    )


def check_norm_ref(
    value: object,
    name: str = "ref",
    *,
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
) -> str:
    """Check a reference ``table/row/column`` to one cell of the norm data.

    Without ``on``, some version of the table must have a value in that row and column; with
    ``on``, the version in force on that date must have it.

    Args:
        value: The reference, e.g. ``qd1688-1b/7/project`` (a rate table's row is its breakpoint).
        name: The name of the input, used in messages.
        on: When given, the date the cell must be in force on.
        registry: The norm registry; the shipped one by default.

    Returns:
        The reference, unchanged.

    Raises:
        InputTypeError: not a string, or ``on`` not a date (code ``input-type``).
        InputError: not of the form ``table/row/column`` (``input-invalid``), no such table
            (``norm-not-found``), no version in force on ``on`` (``norm-version-not-found``), no
            value in that row and column (``norm-value-not-found``).

    Examples:
        >>> check_norm_ref("vat-rates/it_goods_services/rate", on="2025-09-15")
        'vat-rates/it_goods_services/rate'
        >>> try:
        ...     check_norm_ref("vat-rates/software/rate", on="2025-09-15")
        ... except InputError as exc:
        ...     exc.code
        'norm-value-not-found'
    """
    if not isinstance(value, str):
        raise InputTypeError(
            f"'{name}' must be a string 'table/row/column' (got {type(value).__name__} {value!r})",
            field=name,
        )
    parts = split_ref(value)
    if parts is None:
        raise InputError(
            f"'{name}' must be a reference 'table/row/column' (got {value!r})",
            field=name,
            hint="e.g. qd1688-1b/7/project or vat-rates/general/rate",
        )
    table_id, row, column = parts
    day = None if on is None else check_date(on, "on")
    reg = registry if registry is not None else NormRegistry.shipped()
    try:
        table = reg.table(table_id)
        in_force = None if day is None else reg.get(table_id, day)
    except NormNotFoundError as exc:
        raise InputError(
            f"'{name}' must refer to a norm table"
            + ("" if day is None else f" in force on {day.isoformat()}")
            + f" (got {value!r}): {exc.message}",
            code=exc.code,
            field=name,
            hint=exc.hint,
            table_id=table_id,
        ) from exc
    found = has_cell(table, row, column) if in_force is None else in_force.has(row, column)
    if not found:
        which = (
            "no version of the table has a value"
            if in_force is None
            else f"the version in force on {in_force.on.isoformat()} "
            f"({in_force.version.period}) has no value"
        )
        raise InputError(
            f"'{name}' must refer to a cell of table {table_id} (got {value!r}): {which} in row "
            f"{row!r}, column {column!r}",
            code="norm-value-not-found",
            field=name,
            hint=f"`ictcost norms show {table_id}` lists its rows and columns",
            table_id=table_id,
        )
    return value
