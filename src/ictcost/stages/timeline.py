"""The timeline of a project: each stage's date, decision and value, the change between stages, the findings.

:func:`timeline` reads a :class:`~ictcost.stages.model.Dossier` (and, when given, the findings
:func:`~ictcost.stages.check_dossier` returned for it) and gives one row per stage in the legal
order of :data:`~ictcost.stages.model.STAGES`; an adjustment decision is a row of its own, placed
right after the stage it adjusts (the ``adjustment`` stage of :data:`STAGES` has no row of its
own). The value of a row is the figure the stage approves or records:

=================  ================================================================================
stage              value
=================  ================================================================================
``plan``           the plan's indicative budget (kinh phí dự kiến)
``policy``         the policy decision's preliminary total investment (sơ bộ tổng mức đầu tư)
``approval``       the approved total (tổng mức đầu tư, or the approved estimate's total)
adjustment         the new total of the stage it adjusts: the adjusted total (policy, approval),
                   the package prices or contract values summed with the package or contract
                   it names at its adjusted figure (selection plan, contract)
``selection_plan`` the sum of the package prices the plan approves
``contract``       the sum of the contract values as signed
``acceptance``     the value accepted, summed over every acceptance record
``payment``        the cash paid: advances + payments − the advance recovered from them (as the
                   payment check counts it, NĐ 99/2021/NĐ-CP)
``settlement``     the settled total (quyết toán)
=================  ================================================================================

A stage without a record is a row with no value (the dossier stops there, or skips it). Each row
with a value is compared with the row with a value before it (the change, in đồng and in %).

Each finding is placed at a stage by one table, :data:`STAGE_OF` (the stage whose record the
finding concerns: for a date out of order, the later record; for a value above a ceiling, the
stage whose value is above it), and dated by the record it names (:func:`finding_date`).

Across a portfolio, :func:`exceeding` lists the projects whose later stages exceed the earlier
ones they are held against (:data:`HELD_AGAINST`: the ceilings of Luật Đầu tư công 58/2024/QH15 and
NĐ 99/2021/NĐ-CP that the ``STAGE-CEILING``, ``STAGE-CONTRACT-PRICE``, ``STAGE-PAYMENT`` checks
apply, here on the stage totals).

Money is exact (``Decimal`` đồng); the percentages are ratios of exact amounts, rounded only for
display.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ictcost._internal._inert import escape_markdown, strip_controls
from ictcost.checks.engine import PORTFOLIO
from ictcost.money import format_amount
from ictcost.report.explain import Lang, format_date
from ictcost.report.parts import (
    Cell,
    dataframe,
    details,
    html_list,
    html_table,
    lang_or_default,
    percent,
    text,
    wrap,
)
from ictcost.stages.load import load_dossier
from ictcost.stages.model import STAGES, Adjustment, Decision, Dossier, Stage

if TYPE_CHECKING:
    import pandas

    from ictcost.checks.rules import Finding
    from ictcost.estimate.result import MoneyMode

__all__ = [
    "HELD_AGAINST",
    "SERIES",
    "STAGE_OF",
    "Exceeding",
    "Exceedings",
    "Series",
    "StageFinding",
    "Timeline",
    "TimelineRow",
    "exceeding",
    "finding_date",
    "finding_stage",
    "timeline",
]

BY_FIELD: Final = "field"
"""In :data:`STAGE_OF`: the stage is read from the finding's ``field`` (its first part)."""
NO_STAGE: Final = "portfolio"
"""In :data:`STAGE_OF`: the finding is about the portfolio, not a stage of one project."""

STAGE_OF: Final[Mapping[str, Stage | Literal["field", "portfolio"]]] = {
    "STAGE-PLAN-BUDGET": BY_FIELD,  # policy.total, or approval.total without a policy
    "STAGE-CEILING.approval_over_policy": "approval",
    "STAGE-CEILING.packages_over_approval": "selection_plan",
    "STAGE-CEILING.contracts_over_approval": "contract",
    "STAGE-CEILING.settlement_over_approval": "settlement",
    "STAGE-CEILING.component_over_approval": "settlement",
    "STAGE-APPROVED-TOTAL": "approval",
    "STAGE-ITEM-ADDED.package": "selection_plan",
    "STAGE-ITEM-ADDED.contract": "contract",
    "STAGE-ITEM-ADDED.acceptance": "acceptance",
    "STAGE-ITEM-ADDED.settlement": "settlement",
    "STAGE-ITEM-DROPPED.not_planned": "selection_plan",
    "STAGE-ITEM-DROPPED.not_contracted": "contract",
    "STAGE-ITEM-DROPPED.not_settled": "settlement",
    "STAGE-PACKAGE-PRICE": "selection_plan",
    "STAGE-CONTRACT-PRICE": "contract",
    "STAGE-CONTRACT-TYPE": "contract",
    "STAGE-PAYMENT": "payment",
    "STAGE-SETTLEMENT": "settlement",
    "STAGE-DATES": BY_FIELD,  # the later of the two records (its field)
    "STAGE-SAME-PARTY": "contract",
    "STAGE-SAME-PARTY.acceptor": "acceptance",
    "STAGE-NOT-CHECKED.no_estimate": "approval",
    "STAGE-NOT-CHECKED.advance_limit": "payment",
    "STAGE-REPEAT-BUY": "contract",
    "STAGE-REPEAT-NOT-RUN": NO_STAGE,
}
"""The stage of a finding, by ``CODE.case`` (first) or ``CODE``. Every ``STAGE-`` code of the
registry is here (a test holds it to :data:`~ictcost.checks.RULES`); a code that is not a
``STAGE-`` code is a check of the approved estimate itself, placed at ``approval``."""

_FIELD_STAGE: Final[Mapping[str, Stage]] = {
    "plan": "plan",
    "policy": "policy",
    "approval": "approval",
    "selection_plan": "selection_plan",
    "contracts": "contract",
    "acceptances": "acceptance",
    "payments": "payment",
    "settlement": "settlement",
}
"""The stage of a field's first part (``contracts.HD-02.value`` → ``contract``)."""

HELD_AGAINST: Final[Mapping[Stage, tuple[Stage, ...]]] = {
    "policy": ("plan",),
    "approval": ("policy",),
    "selection_plan": ("approval",),
    "contract": ("selection_plan", "approval"),
    "acceptance": ("contract",),
    "payment": ("acceptance", "contract"),
    "settlement": ("approval",),
}
"""The earlier stages whose value a stage's value should not exceed (:func:`exceeding`).

The policy within the plan's indicative budget (a warning: STAGE-PLAN-BUDGET); the approved total
within the policy's preliminary total (Luật Đầu tư công 58/2024/QH15); the package prices and the
contract values within the approved total, and the contracts within the package prices (Luật Đấu
thầu 22/2023/QH15); the work accepted within the contracts, the cash paid within the work accepted
and the contracts, and the settled total within the approved total (NĐ 99/2021/NĐ-CP). The settled
total is not held against the contracts: it also holds costs no contract carries (project
management, the owner's own costs)."""

Series = Literal["approved", "contracted", "accepted", "paid", "settled"]
"""The cumulative amounts the chart draws (:meth:`Timeline.steps`)."""
SERIES: Final[tuple[Series, ...]] = ("approved", "contracted", "accepted", "paid", "settled")
"""The series, in the order the chart draws them."""

_SERIES_OF: Final[Mapping[Stage, Series]] = {
    "policy": "approved",
    "approval": "approved",
    "adjustment": "approved",
    "contract": "contracted",
    "acceptance": "accepted",
    "payment": "paid",
    "settlement": "settled",
}
"""The series a stage's findings are drawn on (plan and selection plan: at the row's value)."""

_HUNDRED: Final = Decimal(100)
_PERCENT_PLACES: Final = 2
_SEVERITY_ORDER: Final = {"error": 0, "warning": 1, "info": 2}


# --- the rows ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageFinding:
    """A finding placed on the timeline.

    Attributes:
        stage: The stage it concerns (``None``: a portfolio-wide finding, or one no field places).
        date: The date of the record it concerns (``None`` when the record has none).
        finding: The finding.
    """

    stage: Stage | None
    date: dt.date | None
    finding: Finding


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One stage of a project (or one adjustment decision).

    Attributes:
        key: The row's key: the stage (``approval``), or ``adjustment:<stage>:<n>`` for the n-th
            adjustment of a stage (``adjustment:selection_plan:1``).
        stage: The stage (``adjustment`` for an adjustment).
        adjusts: The stage an adjustment adjusts (``None`` for a stage row).
        target: The package or contract an adjustment names.
        recorded: Whether the dossier holds a record of the stage.
        start: The first record's date (several contracts, acceptances, payments).
        date: The latest record's date (the one date of a single record).
        decisions: The numbers of the decisions or documents, in date order.
        value: The stage's value (see the module docstring); ``None`` without a record, or for
            an adjustment that changes no total.
        previous: The key of the row the change is measured from (the row with a value before).
        difference: ``value`` − the previous row's value.
        percent: ``difference`` as % of the previous row's value (``None`` when that is 0).
        findings: The findings of the stage, errors first.
    """

    key: str
    stage: Stage
    adjusts: Stage | None
    target: str | None
    recorded: bool
    start: dt.date | None
    date: dt.date | None
    decisions: tuple[str, ...]
    value: Decimal | None
    previous: str | None
    difference: Decimal | None
    percent: Decimal | None
    findings: tuple[Finding, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the row's findings, each once, in the order found."""
        return tuple(dict.fromkeys(f.code for f in self.findings))

    @property
    def base_stage(self) -> Stage:
        """The stage whose value the row gives (an adjustment: the stage it adjusts)."""
        return self.adjusts if self.adjusts is not None else self.stage

    def label(self, lang: Lang = "vi") -> str:
        """The stage's name in a language (an adjustment: what it adjusts and its target)."""
        if self.adjusts is None:
            return _capital(text(f"word.stage.{self.stage}", lang))
        target = f" {self.target}" if self.target else ""
        return text("timeline.adjustment", lang, stage=self.adjusts, target=target)

    def measure(self, lang: Lang = "vi") -> str:
        """What the row's value is, in a language."""
        if self.adjusts is None:
            return text(f"timeline.measure.{self.stage}", lang)
        return text(f"timeline.measure.adjusted.{self.adjusts}", lang)

    def dates(self, lang: Lang = "vi") -> str:
        """The date, or the first and the latest date (``05/07/2025 – 25/08/2025``)."""
        if self.date is None:
            return ""
        if self.start is None or self.start == self.date:
            return format_date(self.date, lang)
        return f"{format_date(self.start, lang)} – {format_date(self.date, lang)}"


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def _cash(d: Dossier) -> Decimal:
    return sum((p.amount - p.recovered for p in d.payments), Decimal(0))


def _one(dec: Decision, value: Decimal) -> tuple[list[tuple[dt.date, str]], Decimal | None]:
    return [(dec.date, dec.number)], value


def _stage_records(d: Dossier, stage: Stage) -> tuple[list[tuple[dt.date, str]], Decimal | None]:
    """The (date, decision number) of a stage's records and its value (see the module docstring)."""
    if stage == "plan" and d.plan is not None:
        return _one(d.plan.decision, d.plan.budget)
    if stage == "policy" and d.policy is not None:
        return _one(d.policy.decision, d.policy.total)
    if stage == "approval" and d.approval is not None:
        return _one(d.approval.decision, d.approval.total)
    if stage == "selection_plan" and d.selection_plan is not None:
        total = sum((p.price for p in d.selection_plan.packages), Decimal(0))
        return _one(d.selection_plan.decision, total)
    if stage == "settlement" and d.settlement is not None:
        return _one(d.settlement.decision, d.settlement.total)
    return _many(d, stage)


def _many(d: Dossier, stage: Stage) -> tuple[list[tuple[dt.date, str]], Decimal | None]:
    """The records of the stages with several: contracts, acceptances, payments."""
    if stage == "contract" and d.contracts:
        total = sum((c.value for c in d.contracts), Decimal(0))
        return [(c.signed, c.decision.number) for c in d.contracts], total
    if stage == "acceptance" and d.acceptances:
        total = sum((a.value for a in d.acceptances), Decimal(0))
        return [(a.date, a.decision.number) for a in d.acceptances], total
    if stage == "payment" and d.payments:
        return [(p.date, p.decision.number) for p in d.payments], _cash(d)
    return [], None


def _adjusted_parts(d: Dossier, stage: Stage) -> dict[str, Decimal]:
    """The package prices or contract values by id, as recorded (before any adjustment)."""
    if stage == "selection_plan" and d.selection_plan is not None:
        return {p.id: p.price for p in d.selection_plan.packages}
    if stage == "contract":
        return {c.id: c.value for c in d.contracts}
    return {}


def _adjustment_rows(d: Dossier, stage: Stage) -> list[tuple[Adjustment, Decimal | None]]:
    """The adjustments of a stage, oldest first, each with the stage's new total (or ``None``)."""
    found = sorted((a for a in d.adjustments if a.stage == stage), key=lambda a: a.decision.date)
    parts = _adjusted_parts(d, stage)
    out: list[tuple[Adjustment, Decimal | None]] = []
    for adj in found:
        if adj.total is None:
            out.append((adj, None))
        elif stage in ("selection_plan", "contract"):
            if adj.target is not None:
                parts[adj.target] = adj.total
            out.append((adj, sum(parts.values(), Decimal(0))))
        else:
            out.append((adj, adj.total))
    return out


def _rows(d: Dossier) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    for stage in STAGES:
        if stage == "adjustment":
            continue
        records, value = _stage_records(d, stage)
        dates = sorted(day for day, _ in records)
        numbers = tuple(n for _, n in sorted(records, key=lambda r: r[0]))
        rows.append(
            TimelineRow(
                key=stage,
                stage=stage,
                adjusts=None,
                target=None,
                recorded=bool(records),
                start=dates[0] if dates else None,
                date=dates[-1] if dates else None,
                decisions=numbers,
                value=value,
                previous=None,
                difference=None,
                percent=None,
            )
        )
        for n, (adj, total) in enumerate(_adjustment_rows(d, stage), start=1):
            rows.append(
                TimelineRow(
                    key=f"adjustment:{stage}:{n}",
                    stage="adjustment",
                    adjusts=stage,
                    target=adj.target,
                    recorded=True,
                    start=adj.decision.date,
                    date=adj.decision.date,
                    decisions=(adj.decision.number,),
                    value=total,
                    previous=None,
                    difference=None,
                    percent=None,
                )
            )
    return rows


def _with_changes(rows: list[TimelineRow]) -> list[TimelineRow]:
    out: list[TimelineRow] = []
    prev: TimelineRow | None = None
    for row in rows:
        r = row
        if r.value is None:
            out.append(r)
            continue
        if prev is not None and prev.value is not None:
            diff = r.value - prev.value
            pct = diff / prev.value * _HUNDRED if prev.value != 0 else None
            r = _replace(r, previous=prev.key, difference=diff, percent=pct)
        out.append(r)
        prev = r
    return out


def _replace(row: TimelineRow, **changes: Any) -> TimelineRow:  # noqa: ANN401 - field values
    values = {name: getattr(row, name) for name in TimelineRow.__dataclass_fields__}
    return TimelineRow(**(values | changes))


# --- the findings -----------------------------------------------------------------------------


def finding_stage(finding: Finding) -> Stage | None:
    """The stage a finding concerns, from :data:`STAGE_OF` (and its field where the table says so).

    Args:
        finding: A finding of :func:`~ictcost.stages.check_dossier` (or of the approved
            estimate's own checks, which are placed at ``approval``).

    Returns:
        The stage, or ``None`` for a portfolio-wide finding or one whose field names no stage.

    Examples:
        >>> from ictcost.checks.rules import RULES
        >>> from ictcost.checks._base import Hit
        >>> f = RULES["STAGE-CEILING"].finding(Hit({}, case="settlement_over_approval"), estimate="p1")
        >>> finding_stage(f)
        'settlement'
    """
    if not finding.code.startswith("STAGE-"):
        return "approval"
    where = STAGE_OF.get(finding.message_key, STAGE_OF.get(finding.code, BY_FIELD))
    if where == NO_STAGE:
        return None
    if where != BY_FIELD:
        return where
    head = (finding.field or "").split(".", 1)[0]
    return _FIELD_STAGE.get(head)


def _iso(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _latest(days: Iterable[dt.date]) -> dt.date | None:
    found = sorted(days)
    return found[-1] if found else None


def finding_date(finding: Finding, dossier: Dossier, stage: Stage | None = None) -> dt.date | None:
    """The date of the record a finding concerns.

    In order: the later record's date of a finding on dates (``later_date``), the date it names
    (``date``: a payment, a purchase), the record its field names (``contracts.HD-02`` → the
    signing; ``payments.HD-03.2025-11-10`` → that payment; ``acceptances.HD-01`` → the contract's
    latest acceptance; ``settlement…``, ``selection_plan…``, ``approval…`` → that decision), and
    otherwise the latest record of its stage.

    Args:
        finding: The finding.
        dossier: The project's records.
        stage: The finding's stage (:func:`finding_stage` when not given).

    Returns:
        The date, or ``None`` when the record it concerns has none.
    """
    for name in ("later_date", "date"):
        day = _iso(finding.details.get(name))
        if day is not None:
            return day
    stage = stage if stage is not None else finding_stage(finding)
    if stage == "payment" and "advance" in finding.details:  # the advances: the latest one
        contract = finding.details.get("contract")
        day = _latest(
            p.date for p in dossier.payments if p.contract == contract and p.kind == "advance"
        )
        if day is not None:
            return day
    day = _field_date(finding.field or "", dossier, stage)
    if day is not None or stage is None:
        return day
    records, _ = _stage_records(dossier, stage)
    return _latest(day for day, _ in records)


def _field_date(where: str, d: Dossier, stage: Stage | None) -> dt.date | None:
    """The date of the contract, acceptance or payment a field names, if it names one."""
    parts = where.split(".")
    head, key = parts[0], parts[1] if len(parts) > 1 else None
    contract_ids = {c.id for c in d.contracts}
    if head in contract_ids:  # an item of a contract or an acceptance names the contract alone
        head, key = ("acceptances" if stage == "acceptance" else "contracts"), head
    if head == "contracts" and stage == "payment":  # a payment check names the contract
        head = "payments"
    if head == "contracts" and key in contract_ids:
        return d.contract(key).signed
    if head == "acceptances":
        return _latest(a.date for a in d.acceptances if a.contract == key)
    if head == "payments":
        day = _iso(parts[2]) if len(parts) > 2 else None
        return day or _latest(p.date for p in d.payments if p.contract == key)
    return None


def _belongs(f: Finding, d: Dossier) -> bool:
    """A finding of this dossier: its own, one across the portfolio naming it, or its estimate's."""
    if f.estimate == d.id or f.details.get("dossier") == d.id:
        return True
    if f.code.startswith("STAGE-"):
        return f.estimate == PORTFOLIO and "dossier" not in f.details
    return f.estimate != PORTFOLIO


# --- the timeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    """The stages of one project with their values, the changes between them and the findings.

    Attributes:
        dossier: The project's records.
        rows: One row per stage in the legal order (and per adjustment, after the stage it
            adjusts).
        findings: Every finding of the project, placed and dated (errors first).
        checked: Whether findings were given (``False``: the rows carry none, and the outputs
            say the dossier was not checked).
    """

    dossier: Dossier
    rows: tuple[TimelineRow, ...]
    findings: tuple[StageFinding, ...] = ()
    checked: bool = False
    _by_key: dict[str, TimelineRow] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update({r.key: r for r in self.rows})

    @property
    def project(self) -> str:
        """The dossier's id."""
        return self.dossier.id

    @property
    def name(self) -> str:
        """The project's name."""
        return self.dossier.name

    def row(self, key: str) -> TimelineRow:
        """Return a row by key (``approval``, ``adjustment:approval:1``).

        Raises:
            KeyError: no row has that key.
        """
        return self._by_key[key]

    def effective(self, stage: Stage) -> TimelineRow | None:
        """The row that holds a stage's value as last adjusted (the stage's row, else ``None``)."""
        found = [r for r in self.rows if r.value is not None and stage in (r.key, r.adjusts)]
        return found[-1] if found else None

    @property
    def unplaced(self) -> tuple[Finding, ...]:
        """The findings no stage holds (portfolio-wide, or a field that names no stage)."""
        return tuple(s.finding for s in self.findings if s.stage is None)

    def steps(self) -> dict[Series, tuple[tuple[dt.date, Decimal], ...]]:
        """The cumulative amounts by date, exact: what the chart draws.

        ``approved``: the ceiling in force: the policy's preliminary total from its date (as
        adjusted by a policy adjustment), then the approved total from the approval's date, moving
        at each adjustment of the approval that sets a total. ``contracted``: the contract values
        summed at their signing dates (a contract adjustment with a total moves it by the
        change). ``accepted``: the acceptance values summed at their dates. ``paid``: the cash
        paid (advance + payment − recovered) summed at their dates. ``settled``: the settled total
        at its date. One point per date (several records on a day are summed).
        """
        d = self.dossier
        out: dict[Series, tuple[tuple[dt.date, Decimal], ...]] = {}
        out["approved"] = _ceiling_steps(d)
        contracted: list[tuple[dt.date, Decimal]] = [(c.signed, c.value) for c in d.contracts]
        values = {c.id: c.value for c in d.contracts}
        for adj, _ in _adjustment_rows(d, "contract"):
            if adj.total is not None and adj.target in values:
                contracted.append((adj.decision.date, adj.total - values[adj.target]))
                values[adj.target] = adj.total
        out["contracted"] = _cumulative(contracted)
        out["accepted"] = _cumulative([(a.date, a.value) for a in d.acceptances])
        out["paid"] = _cumulative([(p.date, p.amount - p.recovered) for p in d.payments])
        s = d.settlement
        out["settled"] = ((s.decision.date, s.total),) if s is not None else ()
        return out

    def marks(self) -> list[tuple[dt.date, Decimal | None, Stage, tuple[Finding, ...]]]:
        """The findings grouped by date and stage, with the amount the chart marks them at.

        The amount is the stage's series (:meth:`steps`) on that date, or the row's value for a
        stage no series draws (plan, selection plan); ``None`` when neither is known.
        """
        groups: dict[tuple[dt.date, Stage], list[Finding]] = {}
        for s in self.findings:
            if s.stage is not None and s.date is not None:
                groups.setdefault((s.date, s.stage), []).append(s.finding)
        steps = self.steps()
        out: list[tuple[dt.date, Decimal | None, Stage, tuple[Finding, ...]]] = []
        for (day, stage), found in sorted(
            groups.items(), key=lambda g: (g[0][0], STAGES.index(g[0][1]))
        ):
            series = _SERIES_OF.get(stage)
            at: Decimal | None = None
            if series is not None:
                at = _value_on(steps[series], day)
            if at is None:
                row = self.effective(stage)
                at = row.value if row is not None else None
            out.append((day, at, stage, tuple(found)))
        return out

    # --- outputs ---

    def to_dataframe(
        self, *, money: MoneyMode = "decimal", lang: Lang | None = None
    ) -> pandas.DataFrame:
        """Return one row per stage as a pandas DataFrame (``pandas`` extra).

        Columns: ``key``, ``stage``, ``adjusts``, ``target``, ``label`` and ``measure`` (in
        ``lang``), ``recorded`` (boolean), ``start`` and ``date`` (ISO text), ``decisions``
        (joined by ``; ``), ``value``, ``difference`` (money, see ``money``), ``percent`` (exact
        ``Decimal``), ``previous``, ``findings`` (the codes, joined by ``, ``) and ``n_findings``.
        Every missing value is ``pd.NA``.

        Args:
            money: ``decimal`` (exact, the default), ``int`` or ``float`` (display only).
            lang: The language of ``label`` and ``measure``; the display language by default.

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        lang = lang_or_default(lang)
        rows = [
            {
                "key": r.key,
                "stage": r.stage,
                "adjusts": r.adjusts,
                "target": r.target,
                "label": r.label(lang),
                "measure": r.measure(lang),
                "recorded": r.recorded,
                "start": r.start.isoformat() if r.start else None,
                "date": r.date.isoformat() if r.date else None,
                "decisions": "; ".join(r.decisions) or None,
                "value": r.value,
                "difference": r.difference,
                "percent": r.percent,
                "previous": r.previous,
                "findings": ", ".join(r.codes) or None,
                "n_findings": str(len(r.findings)),
            }
            for r in self.rows
        ]
        df = dataframe(
            rows,
            _COLUMNS,
            money_columns=("value", "difference"),
            decimal_columns=("percent",),
            bool_columns=("recorded",),
            money_mode=money,
            id_column="key",
        )
        df["n_findings"] = df["n_findings"].astype("Int64")
        return df

    def to_markdown(self, lang: Lang = "vi") -> str:
        """Return the timeline as Markdown: the table of stages, then the findings by stage.

        Texts of the dossier (decision numbers, names) are made inert (no link, no HTML).
        """
        lang = lang_or_default(lang)
        head = [
            text(f"timeline.col.{c}", lang)
            for c in ("stage", "measure", "date", "decision", "value", "diff", "diff_percent")
        ]
        head.append(text("timeline.col.findings", lang))
        out = [f"## {_md(text('timeline.title', lang, project=self.project))}", ""]
        out += [_md(self.name), ""]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join(["---"] * 4 + ["--:"] * 3 + ["---"]) + "|")
        for r in self.rows:
            cells = [
                _md(r.label(lang)),
                _md(r.measure(lang)),
                r.dates(lang),
                _md(", ".join(r.decisions)),
                _money(r.value, lang),
                _signed(r.difference, lang),
                _percent(r.percent, lang),
                _md(", ".join(_counted(r.findings))),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out += ["", f"### {text('timeline.findings_title', lang)}", ""]
        out += _findings_lines(self, lang, markdown=True)
        return "\n".join(out) + "\n"

    def to_text(self, lang: Lang = "vi", width: int = 120) -> str:
        """Return the timeline as fixed-width text for a console (cells wrapped, never cut).

        Args:
            lang: ``vi`` or ``en``.
            width: The widest line of the findings list (the table's own width is fixed).
        """
        lang = lang_or_default(lang)
        cols = (
            ("stage", 18, "left"),
            ("date", 12, "left"),
            ("decision", 18, "left"),
            ("value", 14, "right"),
            ("diff", 14, "right"),
            ("diff_percent", 8, "right"),
            ("findings", 24, "left"),
        )
        short = {
            "value": "value_short",
            "diff": "diff_short",
            "decision": "decision_short",
            "diff_percent": "percent_short",
        }
        header = [text(f"timeline.col.{short.get(key, key)}", lang) for key, _, _ in cols]
        lines = [_plain(text("timeline.title", lang, project=self.project)), _plain(self.name), ""]
        lines += _grid_row(header, cols)
        lines.append("  ".join("-" * w for _, w, _ in cols))
        for r in self.rows:
            cells = [
                r.label(lang),
                r.dates(lang),
                ", ".join(r.decisions),
                _money(r.value, lang),
                _signed(r.difference, lang),
                _percent(r.percent, lang),
                ", ".join(_counted(r.findings)),
            ]
            lines += _grid_row([_plain(c) for c in cells], cols)
        lines += ["", text("timeline.findings_title", lang)]
        for item in _findings_lines(self, lang, markdown=False):
            lines += _wrap(item, width) if item else [""]  # already inert (_findings_lines)
        return "\n".join(lines).rstrip() + "\n"

    def __str__(self) -> str:
        return self.to_text("vi")

    def _repr_html_(self) -> str:
        """The notebook display: the table of stages, the findings by stage folded."""
        lang = lang_or_default(None)
        head: list[Cell] = [
            text(f"timeline.col.{c}", lang)
            for c in ("stage", "measure", "date", "decision", "value", "diff", "diff_percent")
        ]
        head.append(text("timeline.col.findings", lang))
        body: list[list[Cell]] = [
            [
                r.label(lang),
                r.measure(lang),
                r.dates(lang),
                ", ".join(r.decisions),
                (_money(r.value, lang), "right"),
                (_signed(r.difference, lang), "right"),
                (_percent(r.percent, lang), "right"),
                ", ".join(_counted(r.findings)),
            ]
            for r in self.rows
        ]
        found = [x for x in _findings_lines(self, lang, markdown=False) if x]
        return wrap(
            text("timeline.title", lang, project=self.project),
            self.name,
            html_table(head, body),
            details(text("timeline.findings_title", lang), html_list(found)),
        )


_COLUMNS: Final = (
    "key",
    "stage",
    "adjusts",
    "target",
    "label",
    "measure",
    "recorded",
    "start",
    "date",
    "decisions",
    "value",
    "difference",
    "percent",
    "previous",
    "findings",
    "n_findings",
)


def _ceiling_steps(d: Dossier) -> tuple[tuple[dt.date, Decimal], ...]:
    events: list[tuple[dt.date, int, Decimal]] = []
    approved_on = d.approval.decision.date if d.approval is not None else None
    if d.policy is not None:
        events.append((d.policy.decision.date, 0, d.policy.total))
    for adj, total in _adjustment_rows(d, "policy"):
        if total is not None and (approved_on is None or adj.decision.date < approved_on):
            events.append((adj.decision.date, 1, total))
    if d.approval is not None:
        events.append((d.approval.decision.date, 2, d.approval.total))
    for adj, total in _adjustment_rows(d, "approval"):
        if total is not None:
            events.append((adj.decision.date, 3, total))
    by_day = {day: value for day, _, value in sorted(events, key=lambda e: (e[0], e[1]))}
    return tuple(sorted(by_day.items()))


def _cumulative(changes: list[tuple[dt.date, Decimal]]) -> tuple[tuple[dt.date, Decimal], ...]:
    total = Decimal(0)
    by_day: dict[dt.date, Decimal] = {}
    for day, amount in sorted(changes, key=lambda c: c[0]):
        total += amount
        by_day[day] = total
    return tuple(sorted(by_day.items()))


def _value_on(steps: Sequence[tuple[dt.date, Decimal]], day: dt.date) -> Decimal | None:
    value: Decimal | None = None
    for d, v in steps:
        if d <= day:
            value = v
    return value


# --- rendering helpers ------------------------------------------------------------------------


def _md(value: str) -> str:
    """Text from a file, inert in Markdown and in one table cell."""
    cleaned = strip_controls(value).replace("\r", "")
    return escape_markdown(cleaned).replace("|", "\\|").replace("\n", " ")


def _plain(value: str) -> str:
    """Text from a file, inert on a terminal, on one line."""
    return " ".join(strip_controls(value).split())


def _money(value: Decimal | None, lang: Lang) -> str:
    return "—" if value is None else format_amount(value, lang)


def _signed(value: Decimal | None, lang: Lang) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + format_amount(abs(value), lang)


def _percent(value: Decimal | None, lang: Lang) -> str:
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + percent(abs(value), lang, places=_PERCENT_PLACES)


def _counted(findings: Sequence[Finding]) -> list[str]:
    """The codes, each once with its count (``STAGE-PAYMENT ×3``)."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return [code if n == 1 else f"{code}\u00a0×{n}" for code, n in counts.items()]


def _findings_lines(t: Timeline, lang: Lang, *, markdown: bool) -> list[str]:
    """The findings by stage: a heading per stage, then one line per finding."""
    esc = _md if markdown else _plain
    if not t.checked:
        return [text("timeline.not_checked", lang)]
    if not t.findings:
        return [text("timeline.no_findings", lang)]
    out: list[str] = []
    groups: list[tuple[str, Sequence[Finding]]] = [
        (r.label(lang), r.findings) for r in t.rows if r.findings
    ]
    if t.unplaced:
        groups.append((_capital(text("timeline.unmapped", lang)), t.unplaced))
    for label, found in groups:
        out += [f"**{esc(label)}**", ""] if markdown else [esc(label)]  # a list after a blank
        for f in found:
            severity = text(f"appraisal.severity.{f.severity}", lang)
            case = f".{f.case}" if f.case else ""
            line = f"{severity} {f.code}{case}: {esc(f.message(lang))}"
            out.append(f"- {line}" if markdown else f"  - {line}")
        out.append("")
    return out


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in s)


def _wrap(s: str, width: int) -> list[str]:
    """Words of ``s`` in lines of at most ``width`` (a longer word is a line of its own)."""
    if not s:
        return [""]
    lead = len(s) - len(s.lstrip(" "))
    lines: list[str] = []
    current = ""
    for word in (w for w in s.split(" ") if w):  # a no-break space holds its words together
        candidate = f"{current} {word}" if current else word
        limit = width - (lead if not lines else lead + 2)
        if current and _width(candidate) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return [" " * lead + lines[0]] + [" " * (lead + 2) + x for x in lines[1:]]


def _grid_row(cells: Sequence[str], cols: Sequence[tuple[str, int, str]]) -> list[str]:
    """One table row of wrapped cells, padded to the column widths (combining marks counted 0)."""
    wrapped = [
        [x.strip() for x in _wrap(c, w)] if c else [""]
        for c, (_, w, _) in zip(cells, cols, strict=True)
    ]
    height = max(len(w) for w in wrapped)
    out = []
    for i in range(height):
        parts = []
        for lines, (_, w, align) in zip(wrapped, cols, strict=True):
            s = lines[i] if i < len(lines) else ""
            pad = " " * max(0, w - _width(s))
            parts.append(pad + s if align == "right" else s + pad)
        out.append("  ".join(parts).rstrip())
    return out


# --- building ---------------------------------------------------------------------------------


def timeline(
    dossier: Dossier | str | os.PathLike[str] | Mapping[str, Any],
    findings: Iterable[Finding] | None = None,
) -> Timeline:
    """Build the timeline of a project: its stages, their values and changes, and its findings.

    Args:
        dossier: The dossier, its YAML/JSON file, or a dict of the same shape.
        findings: The findings :func:`~ictcost.stages.check_dossier` returned for it (those of
            :func:`~ictcost.stages.check_dossiers` too: the ones of other dossiers are left
            out). ``None``: the dossier was not checked, and the outputs say so.

    Returns:
        The timeline (see the module docstring for what each stage's value is).

    Raises:
        InputError: the file cannot be read, or a field of the dossier is wrong.

    Examples:
        >>> t = timeline({
        ...     "id": "p1", "name": "Cổng dịch vụ công", "owner": {"name": "Sở KH&CN"},
        ...     "policy": {"total": "12000000000",
        ...                "decision": {"number": "15/NQ-HĐND", "date": "2026-01-10"}},
        ...     "approval": {"document": "ktkt_report", "total": "12600000000",
        ...                  "decision": {"number": "20/QĐ-UBND", "date": "2026-03-02"}},
        ... })
        >>> r = t.row("approval")
        >>> r.difference, r.percent
        (Decimal('600000000'), Decimal('5.00'))
    """
    d = dossier if isinstance(dossier, Dossier) else load_dossier(_source(dossier))
    rows = _with_changes(_rows(d))
    placed: list[StageFinding] = []
    if findings is not None:
        for f in sorted(
            (f for f in findings if _belongs(f, d)), key=lambda f: _SEVERITY_ORDER[f.severity]
        ):
            stage = finding_stage(f)
            placed.append(StageFinding(stage, finding_date(f, d, stage), f))
    by_stage: dict[Stage, list[Finding]] = {}
    for s in placed:
        if s.stage is not None:
            by_stage.setdefault(s.stage, []).append(s.finding)
    rows = [
        _replace(r, findings=tuple(by_stage.get(r.stage, ()))) if r.adjusts is None else r
        for r in rows
    ]
    return Timeline(d, tuple(rows), tuple(placed), checked=findings is not None)


def _source(value: str | os.PathLike[str] | Mapping[str, Any]) -> Any:  # noqa: ANN401 - a source
    return value if isinstance(value, Mapping) else Path(value)


# --- across a portfolio -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Exceeding:
    """A later stage of a project above an earlier one it is held against.

    Attributes:
        project: The dossier's id.
        name: The project's name.
        stage: The later stage.
        over: The earlier stage it exceeds.
        value: The later stage's value (as last adjusted).
        ceiling: The earlier stage's value (as last adjusted).
        excess: ``value`` − ``ceiling`` (above 0).
        percent: ``excess`` as % of ``ceiling`` (``None`` when the ceiling is 0).
        adjusted: The key of the adjustment row that set ``ceiling``, if any.
    """

    project: str
    name: str
    stage: Stage
    over: Stage
    value: Decimal
    ceiling: Decimal
    excess: Decimal
    percent: Decimal | None
    adjusted: str | None = None

    def sentence(self, lang: Lang = "vi") -> str:
        """The exceeding in words."""
        return text(
            "timeline.exceeding",
            lang,
            project=self.project,
            stage=self.stage,
            over=self.over,
            value=self.value,
            ceiling=self.ceiling,
            excess=self.excess,
            percent=_percent(self.percent, lang),
        )


_EXCEEDING_COLUMNS: Final = (
    "project",
    "name",
    "stage",
    "over",
    "value",
    "ceiling",
    "excess",
    "percent",
    "adjusted",
)


class Exceedings(list[Exceeding]):
    """The later stages above earlier ones, across a portfolio (:func:`exceeding`)."""

    def to_dataframe(self, *, money: MoneyMode = "decimal") -> pandas.DataFrame:
        """Return one row per exceeding (``pandas`` extra).

        Columns: ``project``, ``name``, ``stage``, ``over``, ``value``, ``ceiling``, ``excess``
        (money, see ``money``), ``percent`` (exact ``Decimal``), ``adjusted``.

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        rows = [{c: getattr(e, c) for c in _EXCEEDING_COLUMNS} for e in self]
        return dataframe(
            rows,
            _EXCEEDING_COLUMNS,
            money_columns=("value", "ceiling", "excess"),
            decimal_columns=("percent",),
            money_mode=money,
            id_column="project",
        )

    def to_markdown(self, lang: Lang = "vi") -> str:
        """Return the exceedings as a Markdown table (a sentence when there is none)."""
        lang = lang_or_default(lang)
        out = [f"## {text('timeline.exceeding.title', lang)}", ""]
        if not self:
            return "\n".join([*out, text("timeline.exceeding.none", lang)]) + "\n"
        head = [
            text(f"timeline.exceeding.col.{c}", lang)
            for c in ("project", "stage", "over", "value", "ceiling", "excess", "percent")
        ]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join(["---"] * 3 + ["--:"] * 4) + "|")
        for e in self:
            cells = [
                _md(e.project),
                _capital(text(f"word.stage.{e.stage}", lang)),
                text(f"word.stage.{e.over}", lang)
                + (f" ({text('timeline.adjusted', lang)})" if e.adjusted else ""),
                _money(e.value, lang),
                _money(e.ceiling, lang),
                _signed(e.excess, lang),
                _percent(e.percent, lang),
            ]
            out.append("| " + " | ".join(cells) + " |")
        return "\n".join(out) + "\n"

    def _repr_html_(self) -> str:
        lang = lang_or_default(None)
        items = [e.sentence(lang) for e in self] or [text("timeline.exceeding.none", lang)]
        return wrap(text("timeline.exceeding.title", lang), "", html_list(items))


def exceeding(timelines: Iterable[Timeline], *, tolerance: Decimal = Decimal(0)) -> Exceedings:
    """The projects whose later stages exceed the earlier ones they are held against.

    Each stage's value (as last adjusted) is compared with the value (as last adjusted) of each
    earlier stage of :data:`HELD_AGAINST`: the policy with the plan, the approval with the policy,
    the packages with the approval, the contracts with the packages and the approval, the work
    accepted with the contracts, the cash paid with the work accepted and the contracts, the
    settlement with the approval.

    Args:
        timelines: The projects' timelines.
        tolerance: An excess of at most this many đồng is not reported (0: any excess).

    Returns:
        One :class:`Exceeding` per pair, in the order of the timelines and of the stages.
    """
    out = Exceedings()
    for t in timelines:
        for stage, earlier in HELD_AGAINST.items():
            later = t.effective(stage)
            if later is None or later.value is None:
                continue
            for over in earlier:
                base = t.effective(over)
                if base is None or base.value is None:
                    continue
                excess = later.value - base.value
                if excess > tolerance:
                    pct = excess / base.value * _HUNDRED if base.value != 0 else None
                    out.append(
                        Exceeding(
                            project=t.project,
                            name=t.name,
                            stage=stage,
                            over=over,
                            value=later.value,
                            ceiling=base.value,
                            excess=excess,
                            percent=pct,
                            adjusted=base.key if base.adjusts is not None else None,
                        )
                    )
    return out


# --- the workbook -----------------------------------------------------------------------------

_SHEET_COLUMNS: Final = (
    ("stage", 28),
    ("measure", 30),
    ("from", 12),
    ("to", 12),
    ("decision", 24),
    ("value", 17),
    ("diff", 17),
    ("diff_percent", 11),
    ("previous", 22),
    ("findings", 34),
)
_FINDING_SHEET_COLUMNS: Final = (
    ("stage", 26),
    ("date", 12),
    ("severity", 11),
    ("code", 27),
    ("case", 28),
    ("message", 76),
)


def write_timeline_xlsx(
    timeline: Timeline, path: str | os.PathLike[str], *, lang: Lang = "vi"
) -> Path:
    """Write the timeline as a workbook: the table of stages, and the findings (``excel`` extra).

    Sheet *Tiến trình* (*Timeline*): one row per stage (and adjustment) with its dates, decisions,
    value, the change from the row before as live formulas (``=F6-F5`` and its ratio, their
    cached results ictcost's exact figures) and the codes of its findings. Sheet *Phát hiện*
    (*Findings*): one row per finding with its stage, date, severity, code, case and message.
    Times New Roman 12, money ``#,##0`` with the Vietnamese locale tag (as the estimate workbook,
    :mod:`ictcost.report._xlsx_style`); texts of the dossier are written as text, never as a
    formula. The file is written whole or not at all (a temporary file and a rename).

    Args:
        timeline: The timeline.
        path: The ``.xlsx`` file.
        lang: The language of the labels.

    Returns:
        The path written.

    Raises:
        ImportError: XlsxWriter is not installed (``pip install 'ictcost[excel]'``).
    """
    from ictcost._internal._atomic import atomic_write_bytes  # noqa: PLC0415

    lang = lang_or_default(lang)
    target = Path(path)
    atomic_write_bytes(target, _workbook_bytes(timeline, lang))
    return target


def _workbook_bytes(t: Timeline, lang: Lang) -> bytes:
    try:
        import xlsxwriter  # type: ignore[import-untyped,unused-ignore] # noqa: PLC0415
    except ImportError as exc:
        msg = (
            "write_timeline_xlsx() needs XlsxWriter, the 'excel' extra: pip install "
            "'ictcost[excel]' (from a checkout: pip install -e '.[excel]')"
        )
        raise ImportError(msg, name="xlsxwriter") from exc
    import io  # noqa: PLC0415

    from ictcost.report.parts import BODY_SIZE, FONT  # noqa: PLC0415

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "default_format_properties": {"font_name": FONT, "font_size": BODY_SIZE},
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    fmt = _formats(wb, lang)
    _stages_sheet(wb.add_worksheet(text("timeline.sheet", lang)), t, fmt, lang)
    _findings_sheet(wb.add_worksheet(text("timeline.sheet.findings", lang)), t, fmt, lang)
    wb.close()
    return buffer.getvalue()


def _formats(wb: Any, lang: Lang) -> dict[str, Any]:  # noqa: ANN401 - XlsxWriter's workbook
    """The cell formats: the estimate workbook's font, money and date formats.

    In Vietnamese the numbers carry the Vietnamese locale tag (``1.234.567``, as the estimate
    workbook); in English they take the application's separators.
    """
    from ictcost.report.parts import (  # noqa: PLC0415
        BODY_SIZE,
        DATE,
        FONT,
        LOCALE,
        MONEY,
        TITLE_SIZE,
    )

    tag = LOCALE if lang == "vi" else ""
    base = {"font_name": FONT, "font_size": BODY_SIZE, "valign": "top"}
    box = base | {"border": 1, "border_color": "#999999"}
    head = box | {"bold": True, "text_wrap": True, "bg_color": "#DDEBF7", "valign": "vcenter"}
    return {
        "title": wb.add_format(base | {"bold": True, "font_size": TITLE_SIZE}),
        "plain": wb.add_format(base),
        "head": wb.add_format(head),
        "text": wb.add_format(box | {"text_wrap": True}),
        "date": wb.add_format(box | {"num_format": DATE, "align": "left"}),
        "money": wb.add_format(box | {"num_format": MONEY if lang == "vi" else "#,##0"}),
        "signed": wb.add_format(box | {"num_format": f"{tag}+#,##0;-#,##0;0"}),
        "percent": wb.add_format(box | {"num_format": f"{tag}+0.00%;-0.00%;0.00%"}),
        "red": wb.add_format(box | {"text_wrap": True, "font_color": "#C00000"}),
    }


def _write_date(ws: Any, row: int, col: int, day: dt.date | None, style: Any) -> None:  # noqa: ANN401
    if day is None:
        ws.write_blank(row, col, None, style)
    else:
        ws.write_datetime(row, col, dt.datetime.combine(day, dt.time()), style)


def _stages_sheet(ws: Any, t: Timeline, fmt: Mapping[str, Any], lang: Lang) -> None:  # noqa: ANN401
    """The table of stages; the change columns are formulas over the value column (F)."""
    from ictcost.report.xlsx_parts import exact_number  # noqa: PLC0415

    ws.write_string(0, 0, _plain(text("timeline.title", lang, project=t.project)), fmt["title"])
    ws.write_string(1, 0, _plain(t.name), fmt["plain"])
    head_row = 3
    heads = [text(f"timeline.col.{key}", lang) for key, _ in _SHEET_COLUMNS]
    for col, (_, width) in enumerate(_SHEET_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(head_row, col, heads[col], fmt["head"])
    excel_row: dict[str, int] = {}
    for i, r in enumerate(t.rows):
        row = head_row + 1 + i
        excel_row[r.key] = row
        ws.write_string(row, 0, r.label(lang), fmt["text"])
        ws.write_string(row, 1, r.measure(lang), fmt["text"])
        _write_date(ws, row, 2, r.start, fmt["date"])
        _write_date(ws, row, 3, r.date, fmt["date"])
        ws.write_string(row, 4, _plain(", ".join(r.decisions)), fmt["text"])
        if r.value is None:
            ws.write_blank(row, 5, None, fmt["money"])
        else:
            ws.write_number(row, 5, exact_number(r.value), fmt["money"])
        if r.previous is not None and r.difference is not None:
            me, before = f"F{row + 1}", f"F{excel_row[r.previous] + 1}"
            ws.write_formula(row, 6, f"={me}-{before}", fmt["signed"], exact_number(r.difference))
            cached: float | str = "" if r.percent is None else float(r.percent / _HUNDRED)
            formula = f'=IF({before}=0,"",G{row + 1}/{before})'
            ws.write_formula(row, 7, formula, fmt["percent"], cached)
            ws.write_string(row, 8, t.row(r.previous).label(lang), fmt["text"])
        else:
            ws.write_blank(row, 6, None, fmt["signed"])
            ws.write_blank(row, 7, None, fmt["percent"])
            ws.write_blank(row, 8, None, fmt["text"])
        style = fmt["red"] if any(f.severity == "error" for f in r.findings) else fmt["text"]
        codes = "\n".join(_counted(r.findings)).replace("\u00a0", " ")  # one code a line
        ws.write_string(row, 9, codes, style)
        texts = (r.label(lang), r.measure(lang), ", ".join(r.decisions), codes)
        _fit(ws, row, zip(texts, (0, 1, 4, 9), strict=True), _SHEET_COLUMNS)
    last = head_row + len(t.rows)
    ws.freeze_panes(head_row + 1, 1)
    _fit(ws, head_row, ((h, c) for c, h in enumerate(heads)), _SHEET_COLUMNS, bold=True)
    ws.autofilter(head_row, 0, last, len(_SHEET_COLUMNS) - 1)
    _page(ws, head_row, last, len(_SHEET_COLUMNS) - 1, text("timeline.sheet.footer", lang))


def _findings_sheet(ws: Any, t: Timeline, fmt: Mapping[str, Any], lang: Lang) -> None:  # noqa: ANN401
    """One row per finding, by stage in the legal order, then by date."""
    ws.write_string(0, 0, text("timeline.findings_title", lang), fmt["title"])
    for col, (key, width) in enumerate(_FINDING_SHEET_COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(2, col, text(f"timeline.col.{key}", lang), fmt["head"])
    if not t.checked or not t.findings:
        key = "timeline.not_checked" if not t.checked else "timeline.no_findings"
        ws.write_string(3, 0, text(key, lang), fmt["plain"])
    order = {s: i for i, s in enumerate(STAGES)}
    placed = sorted(
        t.findings,
        key=lambda s: (order[s.stage] if s.stage else len(order), s.date or dt.date.max),
    )
    for i, s in enumerate(placed):
        row, f = 3 + i, s.finding
        key = f"word.stage.{s.stage}" if s.stage else "timeline.unmapped"
        ws.write_string(row, 0, _capital(text(key, lang)), fmt["text"])
        _write_date(ws, row, 1, s.date, fmt["date"])
        severity = text(f"appraisal.severity.{f.severity}", lang)
        ws.write_string(row, 2, severity, fmt["red"] if f.severity == "error" else fmt["text"])
        ws.write_string(row, 3, f.code, fmt["text"])
        ws.write_string(row, 4, f.case or "", fmt["text"])
        message = _plain(f.message(lang))
        ws.write_string(row, 5, message, fmt["text"])
        texts = ((f.code, 3), (f.case or "", 4), (message, 5))
        _fit(ws, row, texts, _FINDING_SHEET_COLUMNS)
    ws.freeze_panes(3, 0)
    footer = text("timeline.sheet.footer", lang)
    _page(ws, 2, 2 + max(1, len(placed)), len(_FINDING_SHEET_COLUMNS) - 1, footer)


def _fit(
    ws: Any,  # noqa: ANN401 - XlsxWriter's sheet
    row: int,
    texts: Iterable[tuple[str, int]],
    columns: Sequence[tuple[str, int]],
    *,
    bold: bool = False,
) -> None:
    """Give a row the height its wrapped texts need (no application sizes it on opening)."""
    from ictcost.report.parts import text_height  # noqa: PLC0415

    height = max(text_height(s, columns[col][1], bold=bold) for s, col in texts)
    ws.set_row(row, height)


def _page(ws: Any, head_row: int, last_row: int, last_col: int, footer: str) -> None:  # noqa: ANN401
    """A4 landscape, fitted to the page width, the header row repeated, the page in the footer."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(head_row)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer(f"&C{footer}")
    ws.print_area(0, 0, last_row, last_col)
