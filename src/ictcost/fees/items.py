"""The QĐ 1688 fee items: the ``qd1688-items`` rules, the K coefficients and the public entry points.

``Ci = Gi × Ni × Kđc`` (QĐ 1688, as quoted in R12): an item is one or more table parts (table,
column, weight; the 0.84 and 1.65 multipliers, the 40 % / 70 % / 70 % composite), optionally a
switch to another table above a base, a minimum, and a row of ``qd1688-k-coefficients``. Every
value is read through a :class:`~ictcost.norms.view.NormView`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, NoReturn, get_args

from ictcost._internal._validate import typed_args
from ictcost.errors import InputError, NormNotApplicableError, OutOfRangeError
from ictcost.fees.result import FeeResult, RateLookup, build_fee_result
from ictcost.money import exact, to_amount
from ictcost.norms.registry import CitedValue, NormRegistry
from ictcost.norms.view import NormView, resolve_norms
from ictcost.notes import Note, note

__all__ = [
    "CONDITIONS",
    "ITEMS_TABLE",
    "K_TABLE",
    "Category",
    "Form",
    "compute_fee",
    "fee_items",
    "table_fee",
]

Category = Literal["infrastructure", "software"]
"""``infrastructure``: the 'a' tables (hạ tầng kỹ thuật CNTT); ``software``: the 'b' tables
(phần mềm nội bộ, cơ sở dữ liệu)."""
Form = Literal["project", "ktkt"]
"""``project``: a project with a feasibility study; ``ktkt``: a báo cáo kinh tế - kỹ thuật."""

CONDITIONS = (
    "island",
    "multi_province",
    "high_equipment_share",
    "renovation",
    "typical_design",
    "special",
)
"""The conditions that select K coefficients (columns of ``qd1688-k-coefficients``)."""
MAX_RATE_DECIMALS = 12
"""The most decimals a rate may be rounded to on request (``rate_decimals``; the bound keeps the
rounding inside the exact context: reliability review D1)."""
ITEMS_TABLE = "qd1688-items"
K_TABLE = "qd1688-k-coefficients"
_SUFFIX: dict[str, str] = {"infrastructure": "a", "software": "b"}


def _lookup(
    view: NormView,
    table_id: str,
    column: str,
    gt: Decimal,
    weight: CitedValue | None,
    *,
    strict: bool,
) -> RateLookup:
    version = view.table(table_id).version
    if version.column(column) is None:
        raise InputError(
            f"table {table_id} has no column {column!r}",
            code="input-invalid",
            field="form",
            hint=f"columns: {', '.join(c.key for c in version.columns)}",
        )
    scale = view.scale(table_id, column)
    try:
        interp = scale.rate(gt, below="error", above="error") if strict else scale.rate(gt)
    except OutOfRangeError as exc:
        lo, hi = scale.points[0][0], scale.points[-1][0]
        raise OutOfRangeError(
            f"base {gt} tỷ đồng is outside table {table_id} column {column} "
            f"({lo}–{hi} tỷ đồng) and the range policy is strict",
            field="base",
            hint="draw up a detailed estimate (lập dự toán) for this item, or drop strict mode "
            "to use the end rate as practised",
            table_id=table_id,
        ) from exc
    used = list(scale.cited(interp))
    policy = None
    if interp.position == "below_range":
        policy = scale.below
    elif interp.position == "above_range":
        policy = scale.above
    w = Decimal(1)
    if weight is not None:
        w = weight.number
        used.append(weight)
    return RateLookup(
        table_id=table_id,
        column=column,
        gt=gt,
        interpolation=interp,
        weight=w,
        policy=policy,
        citations=tuple(used),
    )


@typed_args(skip=("on",))
def fee_items(
    registry: NormRegistry | None = None,
    on: dt.date | str | None = None,
    *,
    norms: NormView | None = None,
) -> dict[str, str]:
    """Return the fee item keys with their Vietnamese labels (from ``qd1688-items``).

    Args:
        registry: The registry; the shipped one by default.
        on: The date whose item table is read (required unless ``norms`` is given).
        norms: The norms in force (a :class:`~ictcost.norms.view.NormView`), instead of
            ``registry`` and ``on``.

    Returns:
        ``{item_key: label}`` in table order.

    Raises:
        InputError: no date and no view, or a bad date.
        NormNotFoundError: no version of ``qd1688-items`` on the date.

    Examples:
        >>> "quan_ly_du_an" in fee_items(on="2026-01-15")
        True
    """
    view = resolve_norms(norms, registry=registry, on=on).view
    out: dict[str, str] = {}
    for row in view.table(ITEMS_TABLE).rows():
        key = (row.key or "").split(".")[0]
        out.setdefault(key, row.label.vi if row.label else key)
    return out


def _validate_common(category: str, form: str, base: object, rate_decimals: int | None) -> Decimal:
    validate_fee_args(category, form, rate_decimals)
    return to_amount(base, "base", positive=True)


def validate_fee_args(category: str, form: str, rate_decimals: int | None) -> None:
    """Refuse a category, form or ``rate_decimals`` no fee is computed for (scalar and batch)."""
    if category not in _SUFFIX:
        raise InputError(
            f"'category' must be one of {list(_SUFFIX)} (got {category!r})",
            field="category",
            hint="infrastructure = the 'a' tables, software = the 'b' tables",
        )
    if form not in get_args(Form):
        raise InputError(
            f"'form' must be one of {list(get_args(Form))} (got {form!r})",
            field="form",
            hint="project = dự án; ktkt = báo cáo kinh tế - kỹ thuật",
        )
    if rate_decimals is not None and (
        isinstance(rate_decimals, bool)
        or not isinstance(rate_decimals, int)
        or not 0 <= rate_decimals <= MAX_RATE_DECIMALS
    ):
        raise InputError(
            f"'rate_decimals' must be a whole number from 0 to {MAX_RATE_DECIMALS} "
            f"(got {rate_decimals!r})",
            field="rate_decimals",
            hint="calculators round a rate to 2–4 decimals; leave it out to keep the exact rate",
        )


def table_column(view: NormView, tid: str, form: Form) -> str:
    """The column of a rate table a form reads: ``ktkt`` for a KTKT report, else ``project``.

    Raises:
        InputError: a KTKT report on a table without a KTKT column.
    """
    if form != "ktkt":
        return "project"
    if view.table(tid).version.column("ktkt") is None:
        raise InputError(
            f"table {tid} has no KTKT column",
            field="form",
            hint="only tables 1b and 2b have one; price the item with --item (e.g. "
            "quan_ly_du_an applies 1a × 0.84 for a KTKT project)",
        )
    return "ktkt"


def resolve_table_id(table: str, registry: NormRegistry) -> str:
    """``1b`` → ``qd1688-1b``; an unknown table raises ``NormNotFoundError`` with suggestions."""
    tid = table if table.startswith("qd1688-") else f"qd1688-{table}"
    registry.table(tid)  # raises a NormNotFoundError with suggestions
    return tid


@typed_args(skip=("base", "on", "rate_decimals"))
def table_fee(
    table: str,
    *,
    form: Form = "project",
    base: Decimal | int | str,
    on: dt.date | str | None = None,
    registry: NormRegistry | None = None,
    strict: bool = False,
    rate_decimals: int | None = None,
    regime_override: str | None = None,
    norms: NormView | None = None,
) -> FeeResult:
    """Look up one QĐ 1688 table and apply its rate to a base (no K, multiplier or minimum).

    Use :func:`compute_fee` to price an item with all its rules; this is the bare table, as in
    ``ictcost fee --table 1b --form ktkt --base 8500000000 --on 2026-01-15``.

    Args:
        table: ``1a`` … ``8b`` (or the full id ``qd1688-1b``).
        form: ``ktkt`` uses the table's KTKT column (tables 1b and 2b only).
        base: The base cost in đồng, before VAT.
        on: The date of the computation (required unless ``norms`` is given).
        registry: The registry; the shipped one by default.
        strict: Raise instead of using the end rate outside the table's range.
        rate_decimals: Round the rate to this many decimals, 0–12 (calculator convention); ``None``
            keeps full precision (the default).
        regime_override: A transitional override (see :func:`ictcost.regimes.regime_on`).
        norms: The norms in force (``registry.at(on)``), instead of ``on``, ``registry`` and
            ``regime_override``; those may only repeat it.

    Returns:
        The fee with its trace.

    Raises:
        NormNotFoundError: unknown table, or no version in force on the date.
        InputError: bad base, form, date, ``ktkt`` for a table without a KTKT column, or an
            argument that contradicts ``norms``.
        OutOfRangeError: outside the range in strict mode.
        RegimeError: the date is before every regime.

    Examples:
        >>> table_fee("1b", form="ktkt", base=8_500_000_000, on="2026-01-15").rate_percent
        Decimal('1.7944375')
    """
    amount = _validate_common("software", form, base, rate_decimals)
    view = resolve_norms(norms, registry=registry, on=on, regime_override=regime_override).view
    tid = resolve_table_id(table, view.registry)
    regime = view.regime
    version = view.table(tid).version
    column = table_column(view, tid, form)
    assert version.axis is not None
    with exact():
        gt = amount / version.axis.scale
    lookup = _lookup(view, tid, column, gt, None, strict=strict)
    return build_fee_result(
        item=None,
        category="infrastructure" if tid.endswith("a") else "software",
        form=form,
        base=amount,
        day=view.on,
        regime=regime,
        lookups=[lookup],
        coefficients=[],
        minimum=None,
        rate_decimals=rate_decimals,
        notes=[],
    )


@typed_args(skip=("base", "rate_base", "on", "rate_decimals"))
def compute_fee(
    item: str,
    *,
    category: Category,
    form: Form,
    base: Decimal | int | str,
    on: dt.date | str | None = None,
    conditions: Iterable[str] = (),
    registry: NormRegistry | None = None,
    strict: bool = False,
    rate_decimals: int | None = None,
    alternatives: Mapping[str, int] | None = None,
    regime_override: str | None = None,
    norms: NormView | None = None,
    rate_base: Decimal | int | str | None = None,
) -> FeeResult:
    """Price one project-management or consultancy item by the QĐ 1688 % norms.

    ``Ci = Gi × Ni × Kđc`` (QĐ 1688, as quoted in R12), with the item rules of
    ``qd1688-items`` (tables, multipliers, composites, switch, minimum) and the K coefficients of
    ``qd1688-k-coefficients``. See :mod:`ictcost.fees` for the steps.

    Args:
        item: The item key, e.g. ``quan_ly_du_an`` (see :func:`fee_items`).
        category: ``infrastructure`` ('a' tables) or ``software`` ('b' tables).
        form: ``project`` or ``ktkt``.
        base: The item's base cost in đồng, before VAT (for the category's own part).
        on: The decision date that selects the norms and the regime (required unless ``norms``
            is given).
        conditions: K conditions that apply: ``island``, ``multi_province``,
            ``high_equipment_share``, ``renovation`` or ``typical_design`` (not both), ``special``
            (refused: the norm must not be used).
        registry: The registry; the shipped one by default.
        strict: Raise instead of using the end rate outside a table's range.
        rate_decimals: Round the item's rate to this many decimals, 0–12 (calculator convention).
        alternatives: For disputed values, ``{"table/row/column": index}`` to use an
            alternative instead of the default (e.g. ``{"qd1688-k-coefficients/lap_bao_cao_ktkt/
            island": 0}`` for the older 1.20). Each must be used by this fee.
        regime_override: A transitional override (see :func:`ictcost.regimes.regime_on`).
        norms: The norms in force (``registry.at(on, ...)``), shared by many fees of one
            estimate: the regime and the item table are then read once. ``on``, ``registry``
            and ``regime_override`` may only repeat it. The view's own alternatives are the
            caller's to check (:meth:`~ictcost.norms.view.NormView.check_alternatives_used`).
        rate_base: Read the rate on this amount instead of ``base`` (the project's total base of
            the item, when an estimate reads the rates on the project total — an open reading,
            appraisal-review E8); the amount is still ``rate × base``.

    Returns:
        The fee with rate, amount (whole đồng, before VAT), trace, citations and notes.

    Raises:
        InputError: unknown item/category/form/condition, bad base or date, incompatible
            conditions, an alternative that is not used, an argument that contradicts
            ``norms``.
        NormNotApplicableError: the item is not priced by norm for this category and form, or
            the project is "special" (the norm must not be used: draw up an estimate).
        NormNotFoundError: a table has no version on the date.
        OutOfRangeError: outside a table's range in strict mode.
        RegimeError: the date is before every regime.

    Examples:
        >>> r = compute_fee("tham_tra_bao_cao_ktkt", category="software", form="ktkt",
        ...                 base=8_500_000_000, on="2026-01-15")
        >>> r.rate_percent
        Decimal('0.165675000')
        >>> r.amount
        Decimal('14082375')
    """
    amount = _validate_common(category, form, base, rate_decimals)
    lookup_base = amount if rate_base is None else to_amount(rate_base, "rate_base", positive=True)
    view, owns_alternatives = resolve_norms(
        norms,
        registry=registry,
        on=on,
        alternatives=alternatives,
        regime_override=regime_override,
    )
    conds = check_conditions(conditions)
    key = f"{item}.{category}.{form}"
    row = view.row(ITEMS_TABLE, key)
    if row is None:
        _refuse_item(view, item, category, form)
    regime = view.regime
    lookups = _item_lookups(view, key, row.values, lookup_base, strict=strict)
    coefficients = item_coefficients(view, row.values, item, conds)
    minimum = view.value(ITEMS_TABLE, key, "minimum") if "minimum" in row.values else None
    notes: list[Note] = []
    if conds and "k_row" not in row.values:
        notes.append(note("fee.k_not_encoded", item=item, conditions=tuple(sorted(conds))))
    if row.note:
        notes.append(note("fee.item_row_note", table=ITEMS_TABLE, row=key, text=row.note))
    notes.extend(_k_notes(view, row.values, item, conds))
    if owns_alternatives:
        view.check_alternatives_used()
    return build_fee_result(
        item=item,
        category=category,
        form=form,
        base=amount,
        day=view.on,
        regime=regime,
        lookups=lookups,
        coefficients=coefficients,
        minimum=minimum,
        rate_decimals=rate_decimals,
        notes=notes,
        rate_base=None if rate_base is None else lookup_base,
    )


def _refuse_item(view: NormView, item: str, category: str, form: str) -> NoReturn:
    items = fee_items(norms=view)
    if item not in items:
        close = difflib.get_close_matches(item, list(items), n=3)
        raise InputError(
            f"unknown fee item {item!r}",
            field="item",
            hint=(f"did you mean {', '.join(close)}? " if close else "")
            + "`ictcost fee --list` prints every item key",
        )
    allowed = sorted(
        r.key.split(".", 1)[1]
        for r in view.table(ITEMS_TABLE).rows()
        if r.key and r.key.startswith(item + ".")
    )
    raise NormNotApplicableError(
        f"QĐ 1688 gives no norm for {item} with category {category!r} and form {form!r}",
        field="item",
        hint=f"this item is priced by norm for: {', '.join(allowed)}; otherwise draw up an "
        "estimate",
    )


def check_conditions(conditions: Iterable[str]) -> frozenset[str]:
    """The K conditions, refused when unknown or incompatible (scalar and batch)."""
    if isinstance(conditions, str):
        conditions = [conditions]
    conds = frozenset(conditions)
    unknown = sorted(conds - set(CONDITIONS))
    if unknown:
        raise InputError(
            f"unknown condition(s) {unknown}",
            field="conditions",
            hint=f"conditions are: {', '.join(CONDITIONS)}",
        )
    if {"renovation", "typical_design"} <= conds:
        raise InputError(
            "'renovation' and 'typical_design' cannot both apply: they are two values of one "
            "choice in the norm's adjustment rules",
            field="conditions",
            hint="keep the one that describes the project",
        )
    return conds


def _item_lookups(
    view: NormView, key: str, values: Mapping[str, Any], base: Decimal, *, strict: bool
) -> list[RateLookup]:
    lookups = []
    for i, (part_table, part_column, weight) in item_parts(view, key, values):
        table_id, column = part_table, part_column
        if i == 1 and "switch_above" in values:
            switch = view.value(ITEMS_TABLE, key, "switch_above")
            with exact():
                gt_switch = base / _axis_scale(view, table_id)
            if gt_switch > switch.number:
                table_id = str(view.value(ITEMS_TABLE, key, "switch_table").value)
                column = str(view.value(ITEMS_TABLE, key, "switch_column").value)
        with exact():
            gt = base / _axis_scale(view, table_id)
        lookups.append(_lookup(view, table_id, column, gt, weight, strict=strict))
    return lookups


def item_parts(
    view: NormView, key: str, values: Mapping[str, Any]
) -> list[tuple[int, tuple[str, str, CitedValue]]]:
    """The parts of an item row (1–3): each one's table, column and weight, by part number.

    Raises:
        NormNotApplicableError: a chosen treatment names a table ictcost cannot compute.
    """
    parts = []
    for i in (1, 2, 3):
        if f"part{i}_table" not in values:
            continue
        table_cell = view.value(ITEMS_TABLE, key, f"part{i}_table")
        table_id = str(table_cell.value)
        if table_id not in view.registry:
            raise NormNotApplicableError(
                f"{key}: the chosen treatment {table_id!r} is described in the norm data but is "
                "not a table ictcost can compute",
                field="alternatives",
                hint="drop the alternative to use the default treatment; "
                + (table_cell.alternatives[0].note or "" if table_cell.alternatives else ""),
            )
        column = str(view.value(ITEMS_TABLE, key, f"part{i}_column").value)
        weight = view.value(ITEMS_TABLE, key, f"part{i}_weight")
        parts.append((i, (table_id, column, weight)))
    return parts


def _axis_scale(view: NormView, table_id: str) -> Decimal:
    axis = view.table(table_id).version.axis
    assert axis is not None
    return axis.scale


def item_coefficients(
    view: NormView, values: Mapping[str, Any], item: str, conds: frozenset[str]
) -> list[CitedValue]:
    """The K coefficients that apply (``qd1688-k-coefficients``); ``special`` is refused."""
    if not conds or "k_row" not in values:
        return []
    k_row = str(values["k_row"].value)
    out = []
    for cond in CONDITIONS:
        if cond not in conds or not view.has(K_TABLE, k_row, cond):
            continue
        cell = view.value(K_TABLE, k_row, cond)
        if cond == "special" or not isinstance(cell.value, Decimal):
            raise NormNotApplicableError(
                f"the % norm must not be used for {item} on a 'special' (đặc thù) project",
                field="conditions",
                hint="draw up a detailed estimate (lập dự toán) for this item instead",
            )
        out.append(cell)
    return out


def _k_notes(
    view: NormView, values: Mapping[str, Any], item: str, conds: frozenset[str]
) -> list[Note]:
    if not conds or "k_row" not in values:
        return []
    k_row = str(values["k_row"].value)
    missing = tuple(c for c in CONDITIONS if c in conds and not view.has(K_TABLE, k_row, c))
    if not missing:
        return []
    return [note("fee.k_missing", item=item, conditions=missing)]
