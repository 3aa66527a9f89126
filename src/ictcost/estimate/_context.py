"""What every line of one estimate shares: the project, the norms in force, the legal structure.

Built once per estimate by :func:`ictcost.estimate.engine.compute_estimate`. The statutory groups
of the project's form, the method rules, the regime facts and the dated notes are read here once
from the norm data (``statutory-groups``, ``method-rules``, ``regime-facts``, ``legal-dates``;
see :mod:`ictcost.structure`); the methods and the contingency read this context and never reach
a global registry.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from ictcost.documents import DocumentProfile, document_profile
from ictcost.errors import InputError
from ictcost.estimate.model import LineInput, ProjectInput
from ictcost.estimate.result import LineResult
from ictcost.norms.registry import Citation, CitedValue, InForce, NormRegistry
from ictcost.structure import (
    DatedFact,
    MethodRules,
    RegimeFact,
    StatutoryGroup,
    annuity_rental_allowed,
    group_by_component,
    method_rules,
    statutory_groups,
    tt18_2024_signed,
)

__all__ = ["Context", "line_error"]


def line_error(line: LineInput, message: str, hint: str, *, field: str | None = None) -> InputError:
    """Return the error for a line that cannot be computed (it names the line and the field)."""
    return InputError(
        f"line {line.id!r} ({line.name}): {message}",
        field=f"lines.{line.id}" + (f".{field}" if field else ""),
        hint=hint,
    )


@functools.lru_cache(maxsize=64)
def _structure(
    registry: NormRegistry, rule_date: dt.date, regime_id: str, form: str
) -> tuple[tuple[StatutoryGroup, ...], MethodRules, RegimeFact]:
    # a registry never changes once built, so its structure is read once per date, regime and
    # form (a portfolio of many estimates on few dates reads it a few times, not per estimate)
    return (
        statutory_groups(registry, rule_date, regime_id=regime_id, form=form),
        method_rules(registry, rule_date),
        annuity_rental_allowed(registry, rule_date, regime_id=regime_id),
    )


@functools.lru_cache(maxsize=64)
def _tt18(registry: NormRegistry, day: dt.date) -> DatedFact:
    return tt18_2024_signed(registry, day)


class Context:
    """The shared state of one estimate's computation.

    Attributes:
        project: The project input.
        registry: The norms (shipped and user packs).
        norms: The one view of the norms in force on the project's date, built once and handed
            to every fee line (regime and item rules resolved once).
        base_dir: The folder relative paths (software inputs) are read from.
        date: The project's date (prices, VAT).
        regime: The regime applied (by date, or by transitional override).
        rule_date: The date regime-bound rules are read on (inside the regime's own period).
        rule_norms: The view of the norms on ``rule_date`` (``cost-methods``, ``contingency``).
        profile: What the project kind × document selects (``project-documents``): the cost
            structure, the QĐ 1688 column family, the contingency row.
        groups: The statutory groups of the project's structure (``statutory-groups``).
        group_of: Component → group key.
        methods: The method rules (``method-rules``).
        annuity_rental: Whether the TT 12/2020 annuity rental applies (``regime-facts``).
        tt18_signed: The TT 18/2024 signing date fact (``legal-dates``).
        structure_cited: The cited cells the structure was read from.
        done: The lines computed so far, by id.
        lenient: Compute lines with a method the regime does not allow (appraisal).
        allow_outside: Read files the project references outside its own folder.
    """

    def __init__(
        self,
        project: ProjectInput,
        registry: NormRegistry,
        base_dir: Path | None,
        *,
        lenient: bool = False,
        allow_outside: bool = False,
    ) -> None:
        self.project = project
        self.registry = registry
        self.base_dir = base_dir
        meta = project.project
        self.date = meta.date
        self.norms = registry.at(meta.date, regime_override=meta.regime_override)
        self.regime = self.norms.regime
        self.rule_date = self.norms.rule_date
        self.rule_norms = self.norms if self.rule_date == self.date else registry.at(self.rule_date)
        self.profile: DocumentProfile = document_profile(
            registry, self.rule_date, kind=meta.project_kind, document=meta.document
        )
        self.groups, self.methods, self.annuity_rental = _structure(
            registry, self.rule_date, self.regime.id, self.profile.structure
        )
        self.group_of = group_by_component(self.groups)
        self.tt18_signed = _tt18(registry, self.date)
        self.structure_cited: list[CitedValue] = [
            *self.profile.citations,
            *(c for g in self.groups for c in g.citations),
            *self.methods.citations,
            self.annuity_rental.citation,
            *self.tt18_signed.citations,
        ]
        self.done: dict[str, LineResult] = {}
        self.bases: dict[tuple[str, str | None], object] = {}
        """Derived fee bases by (base key, part), computed once (see :mod:`.bases`)."""
        self.lenient = lenient
        self.allow_outside = allow_outside
        self._cells: dict[tuple[str, int, str, str], CitedValue] = {}
        self._citations: dict[int, tuple[CitedValue, Citation]] = {}

    def cell(self, table: InForce, row: str, column: str) -> CitedValue:
        """Return a cited cell of a table in force, looked up once per estimate.

        Raises:
            NormNotFoundError: no such row or column.
        """
        key = (table.table.id, id(table.version), row, column)
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = table.value(row, column)
        return found

    def citation(self, cited: CitedValue) -> Citation:
        """Return the JSON citation of a cited value, built once per value and estimate."""
        entry = self._citations.get(id(cited))
        if entry is None or entry[0] is not cited:
            entry = self._citations[id(cited)] = (cited, cited.to_citation())
        return entry[1]
