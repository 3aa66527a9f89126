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

Each finding is placed at a stage by one table, :data:`~ictcost.stages.mapping.STAGE_OF` (the
stage whose record the finding concerns: for a date out of order, the later record; for a value
above a ceiling, the stage whose value is above it), and dated by the record it names
(:func:`~ictcost.stages.mapping.finding_date`).

Across a portfolio, :func:`~ictcost.stages.exceeding.exceeding` lists the projects whose later
stages exceed the earlier ones they are held against (:data:`~ictcost.stages.exceeding.HELD_AGAINST`:
the ceilings of Luật Đầu tư công 58/2024/QH15 and NĐ 99/2021/NĐ-CP that the ``STAGE-CEILING``,
``STAGE-CONTRACT-PRICE``, ``STAGE-PAYMENT`` checks apply, here on the stage totals). The workbook
of a timeline is :func:`~ictcost.stages.timeline_xlsx.write_timeline_xlsx`. All three are
importable from here too.

Money is exact (``Decimal`` đồng); the percentages are ratios of exact amounts, rounded only for
display.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from ictcost.checks.engine import PORTFOLIO
from ictcost.report.explain import Lang, format_date
from ictcost.report.parts import dataframe, lang_or_default, text
from ictcost.stages._timeline_text import (
    capital,
    timeline_html,
    timeline_markdown,
    timeline_text,
)
from ictcost.stages.exceeding import HELD_AGAINST, Exceeding, Exceedings, exceeding
from ictcost.stages.load import load_dossier
from ictcost.stages.mapping import STAGE_OF, finding_date, finding_stage
from ictcost.stages.model import STAGES, Dossier, Stage
from ictcost.stages.stage_values import adjustment_rows, stage_records
from ictcost.stages.timeline_xlsx import write_timeline_xlsx

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
    "write_timeline_xlsx",
]

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
            return capital(text(f"word.stage.{self.stage}", lang))
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


def _rows(d: Dossier) -> list[TimelineRow]:
    rows: list[TimelineRow] = []
    for stage in STAGES:
        if stage == "adjustment":
            continue
        records, value = stage_records(d, stage)
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
        for n, (adj, total) in enumerate(adjustment_rows(d, stage), start=1):
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
        for adj, _ in adjustment_rows(d, "contract"):
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
        return timeline_markdown(self, lang)

    def to_text(self, lang: Lang = "vi", width: int = 120) -> str:
        """Return the timeline as fixed-width text for a console (cells wrapped, never cut).

        Args:
            lang: ``vi`` or ``en``.
            width: The widest line of the findings list (the table's own width is fixed).
        """
        return timeline_text(self, lang, width)

    def __str__(self) -> str:
        return self.to_text("vi")

    def _repr_html_(self) -> str:
        """The notebook display: the table of stages, the findings by stage folded."""
        return timeline_html(self)


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
    for adj, total in adjustment_rows(d, "policy"):
        if total is not None and (approved_on is None or adj.decision.date < approved_on):
            events.append((adj.decision.date, 1, total))
    if d.approval is not None:
        events.append((d.approval.decision.date, 2, d.approval.total))
    for adj, total in adjustment_rows(d, "approval"):
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
