"""The layout of the input template: its sheets, their columns, and the words of each choice.

Shared by the writer and the reader of :mod:`ictcost.inputs.template`. A column names the field
it fills (a path inside the row's dict), how its cell is written and read (:data:`Kind`), and for
a choice the vocabulary whose keys the reader returns. Sheet names, headers and the words of the
choices are the message catalogue's (``template.*`` in :mod:`ictcost.report.messages.template`)
or the norm data's labels; the reader accepts either language and the keys themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from ictcost.inputs._cells import cell_key
from ictcost.keys import (
    COMPONENTS,
    DOCUMENT_KINDS,
    ESTIMATE_KINDS,
    FEE_RATE_ON,
    METHODS,
    PARTS,
    PROJECT_FORMS,
    PROJECT_GROUPS,
    PROJECT_KINDS,
)
from ictcost.norms.registry import NormRegistry
from ictcost.report.layout import COMPONENT_VI, METHOD_VI
from ictcost.report.messages import CATALOGUE

__all__ = [
    "MARKER",
    "MARKER_SHEET",
    "OPEN_VOCABULARIES",
    "PROJECT_ROWS",
    "TABLES",
    "TEMPLATE_VERSION",
    "Column",
    "Kind",
    "Lang",
    "Table",
    "Vocabulary",
    "sheet_names",
    "text",
    "vocabularies",
]

Lang = Literal["vi", "en"]
Kind = Literal["text", "money", "number", "percent", "int", "date", "bool", "list", "choice"]
"""How a cell is written and read: text; an amount in đồng; a quantity; a rate in %; a whole
number; a date; yes/no; a comma-separated list; one key of a vocabulary."""

TEMPLATE_VERSION: Final = "1"
"""The version of the template's layout, stored in the marker sheet."""
MARKER_SHEET: Final = "_ictcost"
"""The hidden sheet that marks a workbook as ictcost's input template and holds the lists."""
MARKER: Final = "ictcost-template"
"""The text of the marker sheet's cell A1."""


def text(code: str, lang: Lang) -> str:
    """Return the catalogue's text of ``template.<code>`` in a language."""
    message = CATALOGUE[f"template.{code}"]
    return message.vi if lang == "vi" else message.en


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table sheet (or one row of the project sheet).

    Attributes:
        key: The column's key (``unit_price``, ``fee.item``); its header is
            ``template.col.<table>.<key>``.
        kind: How its cell is written and read.
        vocab: The vocabulary of a choice (or of a yes/no cell: ``bool``).
        required: Whether the field must be given (the header is marked ``*``).
        width: The column's width, in characters.
    """

    key: str
    kind: Kind = "text"
    vocab: str | None = None
    required: bool = False
    width: int = 14

    @property
    def path(self) -> tuple[str, ...]:
        """The field's path inside the row's dict (``("fee", "item")``)."""
        return tuple(self.key.split("."))


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet of rows (the lines, or the rows of a nested input that name their line).

    Attributes:
        key: The table's key (``lines``, ``quotes``); its sheet is ``template.sheet.<key>``.
        columns: Its columns, in order.
        freeze: The cell the panes are frozen at (the header row and the id columns stay).
    """

    key: str
    columns: tuple[Column, ...]
    freeze: str = "B2"


def _c(
    key: str, kind: Kind = "text", vocab: str | None = None, *, req: bool = False, w: int = 14
) -> Column:
    return Column(key, kind, vocab or (key if kind == "choice" else None), req, w)


_LINE = _c("line", req=True, w=12)

TABLES: Final = (
    Table(
        "lines",
        (
            _c("id", req=True, w=12),
            _c("name", req=True, w=40),
            _c("component", "choice", req=True, w=30),
            _c("method", "choice", req=True, w=24),
            _c("vat", "choice", req=True, w=30),
            _c("vat_rate", "percent", w=12),
            _c("unit", w=10),
            _c("quantity", "number", w=11),
            _c("unit_price", "money", w=16),
            _c("amount", "money", w=18),
            _c("pick", "choice", w=16),
            _c("quotes_reason", w=20),
            _c("price.list", w=16),
            _c("price.code", w=14),
            _c("fee.item", "choice", "fee_item", w=34),
            _c("fee.category", "choice", "part", w=22),
            _c("fee.base_lines", "list", w=16),
            _c("fee.base", "money", w=16),
            _c("fee.base_reason", w=20),
            _c("fee.conditions", "list", w=16),
            _c("part", "choice", "part", w=22),
            _c("software", w=22),
            _c("supply_date", "date", w=13),
            _c("reference_for", w=12),
            _c("authority_method", w=20),
            _c("basis", w=30),
            _c("model", w=18),
            _c("note", w=30),
        ),
        freeze="C2",
    ),
    Table(
        "quotes",
        (
            _LINE,
            _c("source", req=True, w=40),
            _c("unit_price", "money", req=True, w=16),
            _c("date", "date", w=13),
            _c("reference", w=20),
        ),
    ),
    Table(
        "expert",
        (
            _LINE,
            _c("description", req=True, w=44),
            _c("person_days", "number", req=True, w=12),
            _c("day_rate", "money", req=True, w=16),
        ),
    ),
    Table(
        "payments",
        (_LINE, _c("date", "date", req=True, w=14), _c("share_percent", "percent", req=True)),
    ),
    Table(
        "rentals",
        (
            _LINE,
            _c("price_per_period", "money", w=16),
            _c("periods", "int", w=10),
            _c("period", w=10),
            _c("start", "date", w=13),
            _c("months_per_period", "int", w=12),
            _c("build_cost", "money", w=18),
            _c("residual_value", "money", w=16),
            _c("annual_rate_percent", "percent", w=12),
            _c("periods_per_year", "int", w=12),
            _c("timing", "choice", w=14),
        ),
    ),
    Table(
        "escalation",
        (
            _c("year", "int", req=True, w=10),
            _c("share_percent", "percent", req=True, w=16),
            _c("index_percent", "number", req=True, w=18),
        ),
        freeze="A2",
    ),
    Table(
        "packages",
        (
            _c("id", req=True, w=12),
            _c("name", w=36),
            _c("kind", "choice", "package_kind", req=True, w=18),
            _c("selection", "choice", req=True, w=22),
            _c("lines", "list", w=24),
            _c("value", "money", w=16),
            _c("in_project", "bool", "bool", w=12),
            _c("exemption", w=22),
            _c("planned_date", "date", w=14),
        ),
    ),
)
"""Every table sheet, in the workbook's order (after *Hướng dẫn* and *Dự án*)."""

PROJECT_ROWS: Final = (
    _c("name", req=True),
    _c("owner"),
    _c("preparer"),
    _c("reviewer"),
    _c("appraiser"),
    _c("date", "date", req=True),
    _c("project_kind", "choice", req=True),
    _c("document", "choice", req=True),
    _c("kind", "choice", "estimate_kind"),
    _c("group", "choice"),
    _c("warranty_months", "int"),
    _c("allow_one_step_above_ceiling", "bool", "bool"),
    _c("shared_services", "list"),
    _c("regime_override"),
    _c("fee_rate_on", "choice"),
    _c("end_date", "date"),
    _c("conditions", "list"),
    _c("prepared_by"),
    _c("checked_by"),
    _c("signed_by"),
    _c("form", "choice"),
    _c("contingency.on", "choice", "contingency_on"),
    _c("contingency.rate_percent", "percent"),
    _c("contingency.volume_percent", "percent"),
    _c("contingency.escalation_amount", "money"),
    _c("contingency.basis"),
)
"""The rows of the project sheet; ``contingency.*`` rows fill the project's contingency."""


def sheet_names(key: str) -> tuple[str, str]:
    """Return a sheet's name in Vietnamese and in English."""
    return text(f"sheet.{key}", "vi"), text(f"sheet.{key}", "en")


# --- vocabularies -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The keys of one choice, each with the word shown for it, and every word that reads back.

    Attributes:
        keys: The keys, in the order of the list.
        shown: The word shown for each key in the template's language.
        words: Every accepted word (key, labels of both languages and of every version), as
            :func:`cell_key`, mapped to its key; a word two keys share is left out.
    """

    keys: tuple[str, ...]
    shown: dict[str, str]
    words: dict[str, str]

    def read(self, value: str) -> str | None:
        """Return the key of a word, or ``None``."""
        return self.words.get(cell_key(value))


OPEN_VOCABULARIES: Final = frozenset({"vat", "fee_item"})
"""Choices a user pack may extend: a key-like text outside the list is passed on as written."""

_CATALOGUE_VOCABULARIES: Final[dict[str, tuple[str, ...]]] = {
    "bool": ("true", "false"),
    "pick": ("lowest", "median", "mean"),
    "part": PARTS,
    "project_kind": PROJECT_KINDS,
    "document": DOCUMENT_KINDS,
    "estimate_kind": ESTIMATE_KINDS,
    "group": PROJECT_GROUPS,
    "fee_rate_on": FEE_RATE_ON,
    "form": PROJECT_FORMS,
    "contingency_on": ("after_vat", "before_vat"),
    "timing": ("end", "beginning"),
    "package_kind": ("consulting", "non_consulting", "goods", "works", "mixed"),
    "selection": (
        "direct_appointment",
        "competitive_offer",
        "open_tender",
        "limited_tender",
        "other",
    ),
}
_EXTRA_WORDS: Final = {
    "true": ("x", "yes", "true", "có", "đúng"),
    "false": ("no", "false", "không", "sai"),
}


def _version_labels(
    registry: NormRegistry, table_id: str, on: dt.date
) -> Iterator[tuple[str, str, str | None, bool]]:
    """Yield (key, vi, en, in force on ``on``) for every row label of every version of a table."""
    table = registry.table(table_id)
    for version in table.versions:
        current = version.valid_from <= on and (version.valid_to is None or on <= version.valid_to)
        for row in version.rows:
            if row.label is not None:
                yield row.name, row.label.vi, row.label.en, current


def _from_labels(
    keys: tuple[str, ...],
    labels: list[tuple[str, str, str | None, bool]],
    fallback: dict[str, tuple[str, str]],
    lang: Lang,
) -> Vocabulary:
    shown: dict[str, str] = {}
    words: dict[str, set[str]] = {}

    def add(word: str, key: str) -> None:
        words.setdefault(cell_key(word), set()).add(key)

    for key, vi, en, _current in sorted(labels, key=lambda item: not item[3]):
        if key not in keys:
            continue
        add(vi, key)
        if en:
            add(en, key)
        shown.setdefault(key, (en or vi) if lang == "en" else vi)
    for key in keys:
        vi, en = fallback.get(key, (key, key))
        add(vi, key)
        add(en, key)
        shown.setdefault(key, en if lang == "en" else vi)
    out = {word: next(iter(found)) for word, found in words.items() if len(found) == 1}
    out.update({cell_key(key): key for key in keys})
    return Vocabulary(keys, shown, out)


def _catalogue_pair(code: str) -> tuple[str, str]:
    message = CATALOGUE[f"template.value.{code}"]
    return message.vi, message.en


def vocabularies(on: dt.date, lang: Lang) -> dict[str, Vocabulary]:
    """Return every vocabulary of the template, its words shown as on a date, in a language.

    Components, methods, VAT categories and fee items are labelled by the shipped norm data
    (``cost-methods``, ``method-rules``, ``vat-rates``, ``qd1688-items``; the version in force on
    ``on`` first, any version's label is read back); the other choices by the catalogue.

    Args:
        on: The date whose labels are shown (the project's date, or today for a blank template).
        lang: The language of the words shown.

    Returns:
        ``{vocabulary: Vocabulary}``.
    """
    registry = NormRegistry.shipped()
    out: dict[str, Vocabulary] = {}
    layout_component = {k: (v, v) for k, v in COMPONENT_VI.items()}
    out["component"] = _from_labels(
        COMPONENTS, list(_version_labels(registry, "cost-methods", on)), layout_component, lang
    )
    method_fallback = {k: (v, v) for k, v in METHOD_VI.items()} | {
        "fixed": _catalogue_pair("method.fixed")
    }
    out["method"] = _from_labels(
        METHODS, list(_version_labels(registry, "method-rules", on)), method_fallback, lang
    )
    vat_labels = list(_version_labels(registry, "vat-rates", on))
    vat_keys = tuple(
        dict.fromkeys([k for k, _, _, cur in vat_labels if cur] or [k for k, *_ in vat_labels])
    )
    out["vat"] = _from_labels(
        (*vat_keys, "not_applicable"),
        vat_labels,
        {"not_applicable": _catalogue_pair("vat.not_applicable")},
        lang,
    )
    items = [
        (k.split(".")[0], vi, en, cur)
        for k, vi, en, cur in _version_labels(registry, "qd1688-items", on)
    ]
    item_keys = tuple(dict.fromkeys(k for k, *_ in items))
    out["fee_item"] = _from_labels(item_keys, items, {}, lang)
    for name, keys in _CATALOGUE_VOCABULARIES.items():
        pairs = {key: _catalogue_pair(f"{name}.{key}") for key in keys}
        vocab = _from_labels(keys, [], pairs, lang)
        for key, extra in _EXTRA_WORDS.items() if name == "bool" else ():
            vocab.words.update({cell_key(word): key for word in extra})
        out[name] = vocab
    return out
