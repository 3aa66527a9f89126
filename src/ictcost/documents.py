"""What a project is and which document it is prepared in, and how its fee bases are formed.

Three cited tables hold what the structure of an estimate depends on:

* ``project-documents``: the pairs of a project kind (investment, purchase, rental, recurrent-budget
  task) and a document kind (feasibility study, báo cáo KTKT, rental plan, detailed outline) that
  a regime allows, each with the cost structure it selects (rows of ``statutory-groups``), the
  QĐ 1688 column family (``project`` or ``ktkt``) and the row of ``contingency`` — NĐ 73/2019
  Điều 10 k2, TT 03/2020, TT 04/2020, TT 12/2020; NĐ 45/2026 Điều 9, 16; NĐ 224/2026 Điều 40, 42,
  49, 67;
* ``qd1688-bases``: the base of each QĐ 1688 fee item — the statutory groups and components whose
  pre-VAT amounts it sums, and the part (infrastructure 'a' or software 'b') of its lines; TT
  04/2020 Phụ lục 02 item 3 formula 2.6 (G_THQLDA = T × (G_XL + G_TB) before tax) for project
  management;
* ``qd1688-parts``: the default part of a line by its component, when the line does not state it.

Every function takes the registry and the date to read; none reaches a global registry.

Examples:
    >>> import datetime as dt
    >>> from ictcost.norms import NormRegistry
    >>> reg = NormRegistry.shipped()
    >>> p = document_profile(reg, dt.date(2025, 9, 15), kind="purchase", document="ktkt_report")
    >>> (p.structure, p.fee_form, p.contingency_row)
    ('purchase', 'ktkt', 'ktkt')
    >>> fee_base_definition(reg, dt.date(2025, 9, 15), "xay_lap_thiet_bi").groups
    ('xay_lap', 'thiet_bi', 'trang_thiet_bi', 'thue_dich_vu')
    >>> default_part(reg, dt.date(2025, 9, 15), "tao_lap_du_lieu").part
    'software'
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict

from ictcost.errors import InputError, NormConsistencyError, NormNotFoundError
from ictcost.keys import PARTS, DocumentKind, Part, ProjectKind
from ictcost.norms.registry import CitedValue, NormRegistry
from ictcost.structure import bad_cell, cell_word, cell_words

__all__ = [
    "BASES_TABLE",
    "DOCUMENTS_TABLE",
    "PARTS_TABLE",
    "DefaultPart",
    "DocumentProfile",
    "FeeBaseDefinition",
    "allowed_documents",
    "default_part",
    "document_choices",
    "document_profile",
    "fee_base_definition",
]

DOCUMENTS_TABLE = "project-documents"
"""The table of project kind × document kind (rows ``<kind>.<document>``)."""
BASES_TABLE = "qd1688-bases"
"""The table of fee-base definitions (rows = the ``base`` keys of ``qd1688-items``)."""
PARTS_TABLE = "qd1688-parts"
"""The table of default parts by component."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DocumentProfile(_Frozen):
    """What a project kind × document kind selects under a regime.

    Attributes:
        kind: The project kind.
        document: The document kind.
        structure: The row prefix of ``statutory-groups`` (the cost structure).
        fee_form: The QĐ 1688 column family: ``project`` or ``ktkt``.
        contingency_row: The row of ``contingency``.
        label_vi: The pair's Vietnamese name, from the table.
        label_en: The pair's English name.
        citations: The cited cells read.
    """

    kind: ProjectKind
    document: DocumentKind
    structure: str
    fee_form: Literal["project", "ktkt"]
    contingency_row: str
    label_vi: str
    label_en: str
    citations: tuple[CitedValue, ...]


class FeeBaseDefinition(_Frozen):
    """The base of a QĐ 1688 fee item, as the norm data defines it.

    Attributes:
        key: The base key (column ``base`` of ``qd1688-items``).
        part: The part whose lines form the base.
        groups: The statutory groups whose lines are in the base.
        components: Only these components, when given.
        exclude_components: Never these components.
        tax: ``before_vat``.
        label_vi: The base's Vietnamese name.
        citations: The cited cells read.
    """

    key: str
    part: Part
    groups: tuple[str, ...]
    components: tuple[str, ...] | None = None
    exclude_components: tuple[str, ...] = ()
    tax: Literal["before_vat"]
    label_vi: str
    citations: tuple[CitedValue, ...]

    def holds(self, group: str, component: str) -> bool:
        """Whether a line of this group and component is of the base's kind (any part)."""
        if group not in self.groups or component in self.exclude_components:
            return False
        return self.components is None or component in self.components


class DefaultPart(_Frozen):
    """The default part of a component (``None``: no default, the line must say)."""

    component: str
    part: Part | None
    citation: CitedValue


def allowed_documents(registry: NormRegistry, on: dt.date) -> tuple[str, ...]:
    """Return the ``<kind>.<document>`` pairs encoded on a date (regime-bound: pass a rule date)."""
    try:
        table = registry.get(DOCUMENTS_TABLE, on)
    except NormNotFoundError:
        return ()
    return tuple(r.key for r in table.rows() if r.key)


@functools.lru_cache(maxsize=8)
def document_choices(registry: NormRegistry) -> dict[str, str]:
    """Return every ``<kind>.<document>`` key of any version, by its key and by its labels.

    For readers of documents that name the pair in words (the workbook's *Hình thức* row).
    """
    out: dict[str, str] = {}
    if DOCUMENTS_TABLE not in registry:
        return out
    for version in registry.table(DOCUMENTS_TABLE).versions:
        for row in version.rows:
            key = row.key
            if key is None:
                continue
            out[key] = key
            if row.label:
                out[row.label.vi] = key
                if row.label.en:
                    out[row.label.en] = key
    return out


@functools.lru_cache(maxsize=128)
def document_profile(
    registry: NormRegistry, on: dt.date, *, kind: ProjectKind, document: DocumentKind
) -> DocumentProfile:
    """Return what a project kind × document kind selects on a rule date.

    Args:
        registry: The norms.
        on: The rule date (inside the regime's own period).
        kind: The project kind.
        document: The document kind.

    Raises:
        InputError: the regime has no such document for that kind (the message lists the pairs it
            has).
    """
    key = f"{kind}.{document}"
    try:
        table = registry.get(DOCUMENTS_TABLE, on)
    except NormNotFoundError as exc:
        raise InputError(
            f"no project kinds or documents are encoded on {on}",
            field="project.document",
            hint="the table project-documents starts on 2020-01-01",
        ) from exc
    row = table.version.row(key)
    if row is None:
        pairs = ", ".join(f"{r.key}" for r in table.rows() if r.key)
        raise InputError(
            f"a {kind} project cannot be prepared as a {document} under the regime in force on "
            f"{on} ({table.version.basis or table.version.period})",
            field="project.document",
            hint=f"the pairs of this regime (project_kind.document): {pairs}",
        )
    cells = [table.value(key, c) for c in ("structure", "fee_form", "contingency_row")]
    fee_form = cell_word(cells[1])
    if fee_form not in ("project", "ktkt"):
        raise bad_cell(cells[1], "project or ktkt")
    return DocumentProfile(
        kind=kind,
        document=document,
        structure=cell_word(cells[0]),
        fee_form=cast(Literal["project", "ktkt"], fee_form),
        contingency_row=cell_word(cells[2]),
        label_vi=row.label.vi if row.label else key,
        label_en=(row.label.en or key) if row.label else key,
        citations=tuple(cells),
    )


@functools.lru_cache(maxsize=128)
def fee_base_definition(registry: NormRegistry, on: dt.date, key: str) -> FeeBaseDefinition:
    """Return the definition of a fee base (a ``base`` key of ``qd1688-items``) on a date.

    Raises:
        NormConsistencyError: the base key has no row in ``qd1688-bases`` (the items table names a
            base the data does not define).
    """
    table = registry.get(BASES_TABLE, on)
    row = table.version.row(key)
    if row is None:
        raise NormConsistencyError(
            f"the fee base {key!r} named by qd1688-items has no row in {BASES_TABLE}",
            hint=f"add a row {key!r} to {BASES_TABLE}",
        )
    cells = {c: table.value(key, c) for c in row.values}
    part = cell_word(cells["part"])
    if part not in PARTS:
        raise bad_cell(cells["part"], f"one of {', '.join(PARTS)}")
    tax = cell_word(cells["tax"])
    if tax != "before_vat":
        raise bad_cell(cells["tax"], "before_vat (the only base known)")
    return FeeBaseDefinition(
        key=key,
        part=part,
        groups=cell_words(cells["groups"]),
        components=cell_words(cells["components"]) if "components" in cells else None,
        exclude_components=(
            cell_words(cells["exclude_components"]) if "exclude_components" in cells else ()
        ),
        tax="before_vat",
        label_vi=row.label.vi if row.label else key,
        citations=tuple(cells.values()),
    )


@functools.lru_cache(maxsize=256)
def default_part(registry: NormRegistry, on: dt.date, component: str) -> DefaultPart:
    """Return the default part of a component (``part`` is ``None`` when there is none)."""
    table = registry.get(PARTS_TABLE, on)
    if table.version.row(component) is None:
        raise NormConsistencyError(
            f"component {component!r} has no row in {PARTS_TABLE}, but it can be in a fee base",
            hint=f"add a row {component!r} to {PARTS_TABLE}",
        )
    cell = table.value(component, "part")
    if cell.value is None:
        return DefaultPart(component=component, part=None, citation=cell)
    part = cell_word(cell)
    if part not in PARTS:
        raise bad_cell(cell, f"one of {', '.join(PARTS)}, or null")
    return DefaultPart(component=component, part=part, citation=cell)
