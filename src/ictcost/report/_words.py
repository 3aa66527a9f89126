"""Keys in words: the labels the norm tables give their rows and columns, for the renderer.

A note or a finding carries keys in its parameters (``group_c``, ``quan_ly_du_an``,
``non_consulting_in_project``, ``general``) so that its JSON is plain and a tool can act on it; a
person reads the table's label instead ("Dự án nhóm C", "Chi phí quản lý dự án"). The labels are the
norm data's own (``label: {vi: …, en: …}`` of a row or a column of a shipped table), looked up in
every version of the table, so a key retired by a later version still reads in words. Nothing here
is a legal constant: a key no table labels is shown as it is.

Format specs (:mod:`ictcost.report.explain`):

* ``{x:key:<table-id>}`` a row or column key of that table in words; for ``qd1688-items`` the fee
  item key (``quan_ly_du_an``) is the prefix of its rows (``quan_ly_du_an.software.project``);
* ``{x:keys:<table-id>}`` a tuple of such keys, in words, joined by ``, ``;
* ``{x:regime}`` a regime id (``nd73_2019``) as its decree (``NĐ 73/2019/NĐ-CP``), from the
  ``regimes`` table.

The fixed vocabularies of ictcost's own grammar (confidence levels, range policies, table
columns) are words of the message catalogue (codes ``word.<kind>.<key>``), written by
``{x:word:<kind>}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

from ictcost.norms.models import LocalizedText

__all__ = ["key_words", "keys_words", "labels_of", "regime_words"]

Lang = Literal["vi", "en"]


@cache
def labels_of(table_id: str) -> Mapping[str, LocalizedText]:
    """Return the labels of a shipped table's row and column keys, over all its versions.

    Args:
        table_id: A shipped table id.

    Returns:
        key → label (later versions win); empty for a table ictcost does not ship.
    """
    from ictcost.norms.registry import NormRegistry  # noqa: PLC0415 - loaded on first use

    registry = NormRegistry.shipped()
    if table_id not in registry:
        return MappingProxyType({})
    out: dict[str, LocalizedText] = {}
    for version in registry.table(table_id).versions:
        for column in version.columns:
            out[column.key] = column.label
        for row in version.rows:
            if row.key is None or row.label is None:
                continue
            out[row.key] = row.label
            head = row.key.split(".", 1)[0]
            if head != row.key:
                out.setdefault(head, row.label)
    return MappingProxyType(out)


def key_words(key: Any, table_id: str, lang: Lang) -> str:  # noqa: ANN401 - a key from a note
    """Return a key of a table in words, or the key itself when the table gives no label.

    Examples:
        >>> key_words("group_c", "project-groups", "vi")
        'Dự án nhóm C'
        >>> key_words("quan_ly_du_an", "qd1688-items", "en")
        'Project management cost'
        >>> key_words("no_such_key", "project-groups", "vi")
        'no_such_key'
    """
    if key is None:
        return "—"
    label = labels_of(table_id).get(str(key))
    if label is None:
        return str(key)
    return (label.en or label.vi) if lang == "en" else label.vi


def keys_words(keys: Iterable[Any], table_id: str, lang: Lang) -> str:
    """Return several keys of a table in words, joined by commas (``—`` when there are none)."""
    return ", ".join(key_words(k, table_id, lang) for k in keys) or "—"


@cache
def _decrees() -> Mapping[str, str]:
    from ictcost.norms.registry import NormRegistry  # noqa: PLC0415 - loaded on first use
    from ictcost.regimes import REGIMES_TABLE  # noqa: PLC0415

    registry = NormRegistry.shipped()
    out: dict[str, str] = {}
    for version in registry.table(REGIMES_TABLE).versions:
        inforce = registry.get(REGIMES_TABLE, version.valid_from)
        out[str(inforce.value("regime", "value").value)] = str(
            inforce.value("decree", "value").value
        )
    return MappingProxyType(out)


def regime_words(regime_id: Any, lang: Lang) -> str:  # noqa: ANN401 - a regime id from a note
    """Return a regime id as the decree that sets it (the id itself when unknown).

    Examples:
        >>> regime_words("nd73_2019", "vi")
        'NĐ 73/2019/NĐ-CP'
    """
    decree = _decrees().get(str(regime_id))
    if decree is None:
        return "—" if regime_id is None else str(regime_id)
    return f"NĐ {decree}" if not decree.startswith("NĐ") else decree
