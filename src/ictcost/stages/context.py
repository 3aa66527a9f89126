"""What a stage rule reads: the dossier, its approved estimate recomputed, the norms, the thresholds.

The approved estimate (the ictcost project file the approval names) is recomputed once, with the
norms in force on its date, exactly as ``ictcost check`` recomputes it; its lines are the items the
later stages are held against, and its contingency is shared among the packages the way the
procurement checks share it (:func:`ictcost.checks.procurement.package_price`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ictcost.checks.matching import fold

if TYPE_CHECKING:
    from ictcost.checks import CheckConfig
    from ictcost.checks.rules import Context
    from ictcost.estimate import LineInput
    from ictcost.norms.registry import NormRegistry
    from ictcost.stages.model import Contract, Dossier, Party, PlannedPackage

__all__ = ["DossierContext", "StageConfig", "same_party"]


@dataclass(frozen=True, slots=True)
class StageConfig:
    """Thresholds of the checks between stages that no text read sets (explicit inputs).

    Attributes:
        repeat_years: The window, in years, within which buying the same equipment or software
            function again is reported (``STAGE-REPEAT-BUY``). No legal text read sets it: without
            it the rule does not run and the portfolio report says so.
        advance_max_percent: The advance limit, as % of the contract value, used only when the
            norm table ``stage-thresholds`` has no row ``advance_max_percent`` on the contract's
            date (otherwise the cited value is used and this is ignored). ``None``: not checked
            there, and the finding-free result says so in :attr:`DossierFindings.not_checked`.
        procured_components: The cost components whose lines are bought through packages: an
            approved line of these components in no package is ``STAGE-ITEM-DROPPED``. ictcost's
            reading: project management, consultancy and other costs are often the owner's own
            or contracted outside the plan, so they are left out by default.
    """

    repeat_years: int | None = None
    advance_max_percent: Decimal | None = None
    procured_components: tuple[str, ...] = (
        "thiet_bi",
        "phan_mem_noi_bo",
        "lap_dat_cai_dat",
        "tao_lap_du_lieu",
        "dao_tao",
        "trien_khai_ho_tro",
        "thue_dich_vu",
    )

    def __post_init__(self) -> None:
        if self.repeat_years is not None and not 1 <= self.repeat_years <= 50:
            msg = f"repeat_years must be 1 to 50 years, not {self.repeat_years}"
            raise ValueError(msg)
        if self.advance_max_percent is not None and not (0 < self.advance_max_percent <= 100):
            msg = f"advance_max_percent must be above 0 and at most 100, not {self.advance_max_percent}"
            raise ValueError(msg)


def party_key(party: Party) -> str:
    """The identity of an organisation: its tax code, else its folded name."""
    return f"tax:{party.tax_code}" if party.tax_code else f"name:{fold(party.name)}"


def same_party(a: Party | None, b: Party | None) -> bool:
    """Whether two parties are the same organisation (tax codes, else folded names).

    Examples:
        >>> from ictcost.stages.model import Party
        >>> same_party(Party(name="Công ty ABC"), Party(name="CÔNG TY  abc"))
        True
        >>> same_party(Party(name="A", tax_code="0101234567"), Party(name="B", tax_code="0101234567"))
        True
    """
    if a is None or b is None:
        return False
    if a.tax_code and b.tax_code:
        return a.tax_code == b.tax_code
    return fold(a.name) == fold(b.name)


@dataclass(frozen=True)
class DossierContext:
    """What a stage rule reads.

    Attributes:
        dossier: The records.
        estimate: The approved estimate's check context (input and recomputation), or ``None``
            when the approval names no estimate file.
        registry: The norms.
        config: The thresholds of the estimate checks (amount tolerance, name similarity).
        stages: The thresholds of the stage checks.
        base_dir: The dossier's folder (relative paths).
    """

    dossier: Dossier
    estimate: Context | None
    registry: NormRegistry
    config: CheckConfig
    stages: StageConfig = field(default_factory=StageConfig)
    base_dir: Path | None = None

    @property
    def name(self) -> str:
        """The dossier's id (the ``estimate`` of its findings)."""
        return self.dossier.id

    @cached_property
    def lines(self) -> dict[str, LineInput]:
        """The approved estimate's lines by id (empty without an estimate)."""
        if self.estimate is None:
            return {}
        return {ln.id: ln for ln in self.estimate.project.lines}

    @cached_property
    def packages(self) -> dict[str, PlannedPackage]:
        """The selection plan's packages by id."""
        plan = self.dossier.selection_plan
        return {p.id: p for p in plan.packages} if plan is not None else {}

    def contracts_of(self, package_id: str) -> list[Contract]:
        """The contracts signed for a package."""
        return [c for c in self.dossier.contracts if c.package == package_id]

    def ceiling(
        self, stage: str, base: Decimal, on: dt.date | None = None, target: str | None = None
    ) -> tuple[Decimal, str | None]:
        """The ceiling a stage approved, as adjusted by the latest adjustment dated on or before ``on``.

        Returns:
            The ceiling and the number of the adjusting decision (``None`` when not adjusted).
        """
        value, number = base, None
        for adj in self.dossier.adjustments_of(stage, target):
            if adj.total is None or (on is not None and adj.decision.date > on):
                continue
            value, number = adj.total, adj.decision.number
        return value, number

    def over(self, value: Decimal, ceiling: Decimal) -> bool:
        """Whether a value is above a ceiling by more than the amount tolerance."""
        return value - ceiling > self.config.amount_tolerance

    def package_price(self, package_id: str) -> Decimal:
        """A package's price as adjusted (the plan's, or its latest adjustment's)."""
        p = self.packages[package_id]
        return self.ceiling("selection_plan", p.price, None, p.id)[0]

    def contract_value(self, c: Contract) -> Decimal:
        """A contract's value as adjusted (the signed value, or its latest adjustment's)."""
        return self.ceiling("contract", c.value, None, c.id)[0]

    def paid(self, c: Contract, until: dt.date | None = None) -> Decimal:
        """Cash paid on a contract (advances + payments − advance recovered), up to a date."""
        total = Decimal(0)
        for p in self.dossier.payments:
            if p.contract == c.id and (until is None or p.date <= until):
                total += p.amount - p.recovered
        return total

    def accepted(self, c: Contract, until: dt.date | None = None) -> Decimal:
        """The value accepted on a contract, up to a date."""
        return sum(
            (
                a.value
                for a in self.dossier.acceptances
                if a.contract == c.id and (until is None or a.date <= until)
            ),
            Decimal(0),
        )

    @cached_property
    def added(self) -> frozenset[str]:
        """Every item the adjustments add (line ids and folded names)."""
        out: set[str] = set()
        for adj in self.dossier.adjustments:
            out.update(adj.added)
            out.update(fold(a) for a in adj.added)
        return frozenset(out)

    @cached_property
    def dropped(self) -> frozenset[str]:
        """Every line id the adjustments drop."""
        return frozenset(i for adj in self.dossier.adjustments for i in adj.dropped)
