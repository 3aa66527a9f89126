"""Labels of keys (components, statutory groups, methods) read from the norm data's row labels.

The words an estimate shows for a key are the row labels of the norm tables, not copies in code:

* components: the rows of ``cost-methods`` (NĐ 73/2019 Điều 19, TT 04/2020 Điều 5; NĐ 45/2026
  Điều 16; NĐ 224/2026 Điều 49) — e.g. ``thiet_bi`` is *Thiết bị, phần mềm thương mại*;
* statutory groups: the rows of ``statutory-groups`` for the regime and form — e.g. ``tu_van`` is
  *Chi phí tư vấn đầu tư* in a project and *Chi phí tư vấn* in a rental plan under NĐ 224/2026;
* methods: the rows of ``method-rules``.

Labels are dated like the tables: the component ``thue_dich_vu`` is *Chi phí thuê dịch vụ công nghệ
thông tin* under NĐ 73/2019 and *Chi phí thuê dịch vụ* from 2026-03-01. A row without a label is
shown by its key; an English label missing from the data falls back to the Vietnamese one.

Examples:
    >>> import datetime as dt
    >>> from ictcost.norms import NormRegistry
    >>> reg = NormRegistry.shipped()
    >>> component_label(reg, dt.date(2026, 8, 1), "thiet_bi")
    'Thiết bị, phần mềm thương mại'
    >>> component_label(reg, dt.date(2026, 8, 1), "thiet_bi", lang="en")
    'Equipment and commercial software'
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ictcost.errors import NormNotFoundError
from ictcost.norms.models import LocalizedText, Row
from ictcost.norms.registry import NormRegistry, as_date
from ictcost.structure import METHOD_RULES_TABLE, statutory_groups

__all__ = [
    "COMPONENTS_TABLE",
    "Lang",
    "component_label",
    "component_labels",
    "group_label",
    "group_labels",
    "method_label",
    "method_labels",
]

COMPONENTS_TABLE = "cost-methods"
"""The table whose rows are the cost components (one row per component, with its label)."""

Lang = Literal["vi", "en"]
"""The language of a label: Vietnamese (always in the data) or English (when the data has it)."""


def _row_label(row: Row) -> LocalizedText:
    if row.label is not None:
        return row.label
    return LocalizedText(vi=row.name)


def _rows(registry: NormRegistry, table_id: str, on: dt.date | str) -> dict[str, LocalizedText]:
    inforce = registry.get(table_id, as_date(on))
    return {row.name: _row_label(row) for row in inforce.rows()}


def _pick(labels: dict[str, LocalizedText], key: str, lang: Lang, what: str, table: str) -> str:
    try:
        text = labels[key]
    except KeyError:
        raise NormNotFoundError(
            f"no {what} {key!r} in table {table}",
            code="norm-value-not-found",
            hint=f"{what}s: {', '.join(labels)}",
            table_id=table,
        ) from None
    return (text.en or text.vi) if lang == "en" else text.vi


def component_labels(registry: NormRegistry, on: dt.date | str) -> dict[str, LocalizedText]:
    """Return the label of every cost component of the regime in force on a date.

    Args:
        registry: The norm registry to read.
        on: The date (the version of ``cost-methods`` in force on it is read).

    Returns:
        ``{component: LocalizedText}`` in the table's order.

    Raises:
        NormNotFoundError: ``cost-methods`` has no version on ``on``.
    """
    return _rows(registry, COMPONENTS_TABLE, on)


def component_label(
    registry: NormRegistry, on: dt.date | str, component: str, *, lang: Lang = "vi"
) -> str:
    """Return the label of one cost component.

    Args:
        registry: The norm registry to read.
        on: The date (the version of ``cost-methods`` in force on it is read).
        component: The component key (``phan_mem_noi_bo``).
        lang: ``vi`` or ``en`` (the Vietnamese label when the data has no English one).

    Returns:
        The label, e.g. ``Phần mềm nội bộ``.

    Raises:
        NormNotFoundError: no such component on that date (code ``norm-value-not-found``; the
            hint lists the components), or no version on ``on``.
    """
    return _pick(component_labels(registry, on), component, lang, "component", COMPONENTS_TABLE)


def group_labels(
    registry: NormRegistry, on: dt.date | str, *, regime_id: str, form: str
) -> dict[str, LocalizedText]:
    """Return the label of every statutory cost group of a regime and project form.

    Args:
        registry: The norm registry to read.
        on: The date (inside the regime's own period).
        regime_id: The regime applied.
        form: The project form.

    Returns:
        ``{group: LocalizedText}`` in legal order.

    Raises:
        RegimeError: the regime is unknown or not in force on ``on``.
        InputError: the form has no groups.
    """
    return {
        g.key: LocalizedText(vi=g.label_vi, en=g.label_en)
        for g in statutory_groups(registry, on, regime_id=regime_id, form=form)
    }


def group_label(
    registry: NormRegistry,
    on: dt.date | str,
    group: str,
    *,
    regime_id: str,
    form: str,
    lang: Lang = "vi",
) -> str:
    """Return the label of one statutory cost group.

    Args:
        registry: The norm registry to read.
        on: The date (inside the regime's own period).
        group: The group key (``trang_thiet_bi``).
        regime_id: The regime applied.
        form: The project form.
        lang: ``vi`` or ``en``.

    Returns:
        The label, e.g. ``Chi phí trang thiết bị``.

    Raises:
        NormNotFoundError: no such group for the regime and form (code ``norm-value-not-found``).
        RegimeError: the regime is unknown or not in force on ``on``.
        InputError: the form has no groups.

    Examples:
        >>> import datetime as dt
        >>> from ictcost.norms import NormRegistry
        >>> group_label(
        ...     NormRegistry.shipped(), "2026-08-01", "tu_van", regime_id="nd224_2026",
        ...     form="rental_plan",
        ... )
        'Chi phí tư vấn'
    """
    labels = group_labels(registry, on, regime_id=regime_id, form=form)
    return _pick(labels, group, lang, "group", "statutory-groups")


def method_labels(registry: NormRegistry, on: dt.date | str) -> dict[str, LocalizedText]:
    """Return the label of every method word that has a rule (table ``method-rules``).

    Args:
        registry: The norm registry to read.
        on: The date.

    Returns:
        ``{method: LocalizedText}`` in the table's order (``fixed``, a given amount, has no row).

    Raises:
        NormNotFoundError: the table has no version on ``on``.
    """
    return _rows(registry, METHOD_RULES_TABLE, on)


def method_label(
    registry: NormRegistry, on: dt.date | str, method: str, *, lang: Lang = "vi"
) -> str:
    """Return the label of one method word.

    Args:
        registry: The norm registry to read.
        on: The date.
        method: The method word (``tender``).
        lang: ``vi`` or ``en``.

    Returns:
        The label, e.g. ``Kết quả trúng thầu tương tự``.

    Raises:
        NormNotFoundError: no rule for that method (code ``norm-value-not-found``).
    """
    return _pick(method_labels(registry, on), method, lang, "method", METHOD_RULES_TABLE)
