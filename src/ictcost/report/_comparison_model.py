"""The pydantic models of the comparison: figures compared, reasons, lines, groups, totals.

Private to :mod:`ictcost.report`; the public names are re-exported by
:mod:`ictcost.report.comparison`.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ictcost._version import SCHEMA_VERSION
from ictcost.estimate.result import NormVersionUsed
from ictcost.report._comparison_render import comparison_rows, markdown
from ictcost.report._comparison_texts import Stage, label, stage_params
from ictcost.report._repr import (
    Cell,
    dataframe,
    details,
    display_language,
    html_list,
    html_table,
    lang_or_default,
    money,
    shorten,
    text,
    when,
    wrap,
)
from ictcost.report.explain import Lang, basis_text

if TYPE_CHECKING:
    import pandas

    from ictcost.checks.rules import Finding
    from ictcost.estimate.result import MoneyMode

__all__ = [
    "LINE_ERROR_CODE",
    "SEVERITY_ORDER",
    "Compared",
    "Comparison",
    "ComparisonGroup",
    "ComparisonLine",
    "ComparisonTotals",
    "LegalBasis",
    "Problem",
    "ProjectInfo",
    "Reason",
    "Severity",
    "Source",
]

Severity = Literal["error", "warning", "info"]
"""The severity of a finding (as :data:`ictcost.checks.rules.Severity`)."""
Source = Literal["stated", "sum"]
"""Where a submitted figure comes from: stated by the submission, or summed from its lines."""

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
LINE_ERROR_CODE = "INPUT-LINE"
"""The finding that reports a line the estimate could not compute (its error is then not
repeated in the line's remarks)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Compared(_Frozen):
    """One figure as submitted and as appraised, with the difference (appraised − submitted).

    Attributes:
        submitted: The submitted figure, or ``None`` when the submission does not state it.
        appraised: ictcost's figure, or ``None`` when it could not be computed.
        difference: ``appraised − submitted`` when both are known, else ``None``.
        source: Where the submitted figure comes from (``stated`` or ``sum`` of stated lines).
    """

    submitted: Decimal | None = None
    appraised: Decimal | None = None
    difference: Decimal | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Compared:
        known = self.submitted is not None and self.appraised is not None
        expected = self.appraised - self.submitted if known else None  # type: ignore[operator]
        if self.difference != expected:
            msg = f"difference {self.difference} is not appraised − submitted ({expected})"
            raise ValueError(msg)
        if (self.submitted is None) != (self.source is None):
            msg = "a submitted figure needs its source, and only a submitted figure has one"
            raise ValueError(msg)
        return self

    @classmethod
    def of(
        cls, submitted: Decimal | None, appraised: Decimal | None, source: Source = "stated"
    ) -> Compared:
        """Return the comparison of two figures (the difference computed, exact)."""
        difference = (
            appraised - submitted if submitted is not None and appraised is not None else None
        )
        return cls(
            submitted=submitted,
            appraised=appraised,
            difference=difference,
            source=source if submitted is not None else None,
        )


class Reason(_Frozen):
    """A finding, as the reason of an increase or decrease (or a remark on the estimate).

    Attributes:
        code: The rule's stable code.
        severity: ``error``, ``warning`` or ``info``.
        estimate: The estimate the finding is about (``portfolio`` for an overlap).
        line: The line concerned, if any.
        field: The field concerned, if any.
        case: The rule's case, if any.
        basis: The rule's legal basis.
        amount: The amount concerned, if any.
        message_vi: The finding's message in Vietnamese (the one renderer's).
        message_en: The finding's message in English.
    """

    code: str
    severity: Severity
    estimate: str | None = None
    line: str | None = None
    field: str | None = None
    case: str | None = None
    basis: str
    amount: Decimal | None = None
    message_vi: str
    message_en: str

    def message(self, lang: Lang = "vi") -> str:
        """Return the message in a language."""
        return self.message_vi if lang == "vi" else self.message_en

    def text(self, lang: Lang = "vi") -> str:
        """Return ``CODE: message (căn cứ: basis)``."""
        text = self.message(lang).rstrip(". ")
        return label(
            "appraisal.reason",
            lang,
            code=self.code,
            message=text,
            basis=basis_text(self.code, self.basis, lang),
        )

    @classmethod
    def of(cls, finding: Finding) -> Reason:
        """Return the reason of a finding (its messages rendered by the one renderer)."""
        return cls(
            code=finding.code,
            severity=finding.severity,
            estimate=finding.estimate,
            line=finding.line,
            field=finding.field,
            case=finding.case,
            basis=finding.basis,
            amount=finding.amount,
            message_vi=finding.message_vi,
            message_en=finding.message_en,
        )


class Problem(_Frozen):
    """Something the estimate could not compute (a line, or the contingency when ``line`` is None).

    Attributes:
        line: The line concerned, if any.
        code: The error's stable code.
        message: What is wrong (the engine's message).
        field: The input field concerned, if any.
        hint: How to fix it, if known.
    """

    line: str | None = None
    code: str
    message: str
    field: str | None = None
    hint: str | None = None


class ComparisonLine(_Frozen):
    """One line: submitted and appraised figures (before VAT, VAT, after VAT), reasons, error.

    Attributes:
        number: The row number shown (``1.2``: the second line of the first group).
        id: The line id.
        name: The line's name.
        component: The cost component.
        group: The statutory group the line is in (``None`` when it could not be placed).
        method: The method of the line.
        method_status: Whether the regime lists the method (``None`` when not computed).
        how_vi: The recomputation in one line, in Vietnamese (``None`` when not computed).
        how_en: The same in English.
        stated: Whether the submission states any figure for the line.
        amount: The pre-VAT amount.
        vat: The VAT.
        total: The amount after VAT.
        in_total: Whether the line is summed into the totals (not a reference figure).
        reference_for: The line a reference figure is shown beside, if any.
        reasons: The findings on the line, errors first.
        error: Why the line could not be computed, if it could not.
    """

    number: str
    id: str
    name: str
    component: str
    group: str | None
    method: str
    method_status: str | None = None
    how_vi: str | None = None
    how_en: str | None = None
    stated: bool
    amount: Compared
    vat: Compared
    total: Compared
    in_total: bool = True
    reference_for: str | None = None
    reasons: tuple[Reason, ...] = ()
    error: Problem | None = None

    def how(self, lang: Lang = "vi") -> str | None:
        """Return the recomputation in a language."""
        return self.how_vi if lang == "vi" else self.how_en

    def method_label(self, lang: Lang = "vi") -> str:
        """Return the method in words, with its status (``(tham khảo)``)."""
        text = label(f"appraisal.method.{self.method}", lang)
        if self.method_status in ("reference", "not_allowed"):
            text += label(f"appraisal.status.{self.method_status}", lang)
        return text

    def notes(self, lang: Lang = "vi") -> list[str]:
        """Return the remarks of the line: not stated, not computed, reference, then reasons."""
        out: list[str] = []
        if self.error is not None and not any(r.code == LINE_ERROR_CODE for r in self.reasons):
            out.append(label("appraisal.note.not_computed", lang, message=self.error.message))
        if not self.stated:
            out.append(label("appraisal.note.not_stated", lang))
        if self.reference_for is not None:
            out.append(label("appraisal.note.reference", lang, line=self.reference_for))
        out += [r.text(lang) for r in self.reasons]
        return out


class ComparisonGroup(_Frozen):
    """One statutory group (khoản mục chi phí), as ``Estimate.components`` orders them.

    Attributes:
        number: The row number shown (from 1).
        key: The group key.
        symbol: Its symbol (``G_TB``).
        label_vi: Its Vietnamese label.
        label_en: Its English label, if the data has one.
        lines: Its lines, in the estimate's order.
        amount: Its pre-VAT amount.
        vat: Its VAT.
        total: Its amount after VAT (the submission's stated group total, if it states one).
        unstated: Lines summed in the group that state no figure (the submitted sums are then
            unknown).
        not_computed: Lines of the group the estimate could not compute (left out of its
            appraised value).
    """

    number: int
    key: str
    symbol: str
    label_vi: str
    label_en: str | None = None
    lines: tuple[ComparisonLine, ...] = ()
    amount: Compared
    vat: Compared
    total: Compared
    unstated: tuple[str, ...] = ()
    not_computed: tuple[str, ...] = ()

    def label(self, lang: Lang = "vi") -> str:
        """Return the group's label in a language (the Vietnamese one when no English exists)."""
        return self.label_vi if lang == "vi" or not self.label_en else self.label_en

    def notes(self, lang: Lang = "vi", stage: Stage = "tham_dinh") -> list[str]:
        """Return the remarks of the group row (where its submitted total comes from, gaps)."""
        out: list[str] = []
        if self.total.source == "stated":
            out.append(label("appraisal.note.stated_total", lang))
        if self.unstated:
            out.append(label("appraisal.note.group_unstated", lang, lines=self.unstated))
        if self.not_computed:
            words = stage_params(stage, "du_toan", lang)
            out.append(
                label(
                    "appraisal.note.group_not_computed",
                    lang,
                    lines=self.not_computed,
                    act=words["act"],
                )
            )
        return out


class ComparisonTotals(_Frozen):
    """The totals of the comparison.

    Attributes:
        amount: Σ pre-VAT amounts.
        vat: Σ VAT.
        subtotal: Σ after VAT, before contingency.
        contingency: The contingency (dự phòng).
        total: The grand total.
    """

    amount: Compared
    vat: Compared
    subtotal: Compared
    contingency: Compared
    total: Compared


class ProjectInfo(_Frozen):
    """The project as the report names it.

    Attributes:
        name: The project's name.
        owner: Chủ đầu tư.
        preparer: Đơn vị lập.
        reviewer: Đơn vị thẩm tra.
        appraiser: Cơ quan thẩm định.
        date: The estimate's date.
        project_kind: The project kind key.
        document: The document kind key.
        kind: ``du_toan`` or ``tong_muc_dau_tu``.
        profile_vi: The project kind × document in Vietnamese (``Estimate.profile.label_vi``).
        profile_en: The same in English.
    """

    name: str
    owner: str | None = None
    preparer: str | None = None
    reviewer: str | None = None
    appraiser: str | None = None
    date: dt.date
    project_kind: str
    document: str
    kind: str
    profile_vi: str
    profile_en: str

    def profile(self, lang: Lang = "vi") -> str:
        """Return the project kind × document in a language."""
        return self.profile_vi if lang == "vi" else self.profile_en


class LegalBasis(_Frozen):
    """What the appraisal rests on: the regime, its decree and cost circular, the norm tables.

    Attributes:
        regime: The regime applied (``nd73_2019`` …).
        in_force: The regime in force on the date (differs under a transitional override).
        decree: The decree's number.
        cost_circular: The cost circular's number.
        overridden: Whether a transitional override chose the regime.
        rule_date: The date the rules were read on.
        regime_vi: The regime in one line, in Vietnamese (the one renderer's).
        regime_en: The same in English.
        norm_versions: Every norm table version the estimate read.
    """

    regime: str
    in_force: str
    decree: str
    cost_circular: str
    overridden: bool = False
    rule_date: dt.date
    regime_vi: str
    regime_en: str
    norm_versions: tuple[NormVersionUsed, ...] = ()

    def regime_text(self, lang: Lang = "vi") -> str:
        """Return the regime in one line, in a language."""
        return self.regime_vi if lang == "vi" else self.regime_en


class Comparison(_Frozen):
    """The comparison of a submitted estimate with ictcost's recomputation.

    Attributes:
        schema_version: The version of the JSON layout.
        project: The project.
        legal: The legal basis.
        groups: One entry per statutory group, in the estimate's order, with its lines.
        not_computed: Lines that could not be computed and could not be placed in a group.
        general: Findings on no line of the estimate (the estimate as a whole, a package, the
            portfolio overlaps that involve it), errors first.
        problems: What the estimate could not compute besides lines (the contingency).
        totals: The totals.
        total_in_words: The appraised grand total in Vietnamese words.
        notes_vi: The estimate's notes (regime, fee bases, contingency), in Vietnamese.
        notes_en: The same in English.
    """

    schema_version: str = SCHEMA_VERSION
    project: ProjectInfo
    legal: LegalBasis
    groups: tuple[ComparisonGroup, ...]
    not_computed: tuple[ComparisonLine, ...] = ()
    general: tuple[Reason, ...] = ()
    problems: tuple[Problem, ...] = ()
    totals: ComparisonTotals
    total_in_words: str
    notes_vi: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[ComparisonLine, ...]:
        """Every line: those of the groups in order, then those not placed in a group."""
        return tuple(ln for g in self.groups for ln in g.lines) + self.not_computed

    def line(self, line_id: str) -> ComparisonLine:
        """Return a line by id.

        Raises:
            KeyError: no such line.
        """
        for ln in self.lines:
            if ln.id == line_id:
                return ln
        raise KeyError(line_id)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every finding of the comparison (the lines', then the general ones), errors first."""
        found = [r for ln in self.lines for r in ln.reasons] + list(self.general)
        return tuple(sorted(found, key=lambda r: SEVERITY_ORDER[r.severity]))

    def counts(self) -> dict[Severity, int]:
        """Return the number of findings by severity."""
        out: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
        for r in self.reasons:
            out[r.severity] += 1
        return out

    def notes(self, lang: Lang = "vi") -> tuple[str, ...]:
        """Return the estimate's notes in a language."""
        return self.notes_vi if lang == "vi" else self.notes_en

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the comparison as JSON (Decimals as exact strings; ``schema_version`` first)."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Comparison:
        """Read a comparison back from :meth:`to_json`."""
        return cls.model_validate_json(text)

    def rows(self) -> list[dict[str, Any]]:
        """Return one flat dict per line (for tables and DataFrames; amounts exact)."""
        return comparison_rows(self)

    def to_dataframe(
        self, *, money: MoneyMode = "decimal", lang: Lang | None = None
    ) -> pandas.DataFrame:
        """Return the lines as a pandas DataFrame (the columns of :meth:`rows`).

        Text columns are ``string``, ``stated`` and ``in_total`` ``boolean``, the submitted,
        appraised and difference figures money as ``money`` says; every missing value (a figure
        the submission does not state) is ``pd.NA``. ``reasons`` is in ``lang``.

        Args:
            money: ``decimal`` (exact ``Decimal`` objects, the default), ``int`` (``Int64``,
                exact for whole đồng) or ``float`` (``Float64``, for display only).
            lang: The language of ``reasons``; the display language by default.

        Returns:
            One row per line.

        Raises:
            InputError: an unknown ``money``.
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        lang = lang_or_default(lang)
        rows = self.rows()
        reasons = {ln.id: "; ".join(r.text(lang) for r in ln.reasons) for ln in self.lines}
        for row in rows:
            row["reasons"] = reasons[row["id"]]
        columns = list(rows[0]) if rows else list(_COMPARISON_COLUMNS)
        figures = [f"{side}_{f}" for side in _SIDES for f in ("amount", "vat", "total")]
        return dataframe(
            rows,
            columns,
            money_columns=figures,
            bool_columns=("stated", "in_total"),
            money_mode=money,
        )

    def __repr__(self) -> str:
        lang = display_language()
        t = self.totals.total
        n = self.counts()
        parts = [
            repr(shorten(self.project.name, 60)),
            f"submitted {money(t.submitted, lang)}",
            f"appraised {money(t.appraised, lang)}",
            f"difference {money(t.difference, lang)}",
            f"{n['error']} errors, {n['warning']} warnings, {n['info']} info",
        ]
        return f"Comparison({', '.join(parts)})"

    def _repr_html_(self) -> str:
        """The notebook display: the groups and totals after VAT, the lines and findings folded."""
        return _comparison_html(self, display_language())

    def to_markdown(self, lang: Lang = "vi", *, stage: Stage = "tham_dinh") -> str:
        """Return the comparison as Markdown: the table by group (after VAT), the totals, words.

        Args:
            lang: ``vi`` or ``en``.
            stage: ``tham_dinh`` or ``tham_tra`` (names the appraised column).

        Returns:
            Markdown text.
        """
        return markdown(self, lang, stage)


_SIDES = ("submitted", "appraised", "difference")
_COMPARISON_COLUMNS = (
    *["number", "group", "group_symbol", "id", "name", "component", "method", "stated", "in_total"],
    *(f"{side}_{f}" for side in _SIDES for f in ("amount", "vat", "total")),
    *["codes", "reasons", "error"],
)


def _figures(c: Compared, lang: Lang) -> list[Cell]:
    submitted = (
        label("appraisal.value.not_stated", lang)
        if c.submitted is None
        else money(c.submitted, lang, unit=False)
    )
    appraised = (
        label("appraisal.value.not_computed", lang)
        if c.appraised is None
        else money(c.appraised, lang, unit=False)
    )
    difference = "" if c.difference is None else money(c.difference, lang, unit=False)
    if c.difference is not None and c.difference > 0:
        difference = "+" + difference
    return [(submitted, "right"), (appraised, "right"), (difference, "right")]


def _comparison_html(c: Comparison, lang: Lang) -> str:
    words = stage_params("tham_dinh", c.project.kind, lang)
    head: list[Cell] = [
        label("appraisal.col.number", lang),
        label("appraisal.col.content", lang),
        (label("appraisal.col.submitted", lang), "right"),
        (label("appraisal.col.appraised", lang, act=words["act"]), "right"),
        (label("appraisal.col.difference", lang), "right"),
    ]
    rows: list[list[Cell]] = [
        [str(g.number), f"{g.label(lang)} ({g.symbol})", *_figures(g.total, lang)] for g in c.groups
    ]
    t = c.totals
    for key, figure in (
        ("subtotal", t.subtotal),
        ("contingency", t.contingency),
        ("total", t.total),
    ):
        rows.append(["", label(f"appraisal.row.{key}", lang), *_figures(figure, lang)])
    bold = [len(rows) - 3, len(rows) - 1]
    line_head: list[Cell] = [
        label("appraisal.col.id", lang),
        label("appraisal.col.content", lang),
        *head[2:],
        label("appraisal.col.reason", lang),
    ]
    line_rows: list[list[Cell]] = [
        [
            ln.id,
            ln.name,
            *_figures(ln.total, lang),
            "; ".join(n.rstrip(". ") for n in ln.notes(lang)),
        ]
        for ln in c.lines
    ]
    general = [r.text(lang) for r in c.general]
    subtitle = text(
        "display.comparison.subtitle",
        lang,
        regime=text("display.regime", lang, decree=c.legal.decree, circular=c.legal.cost_circular),
        date=when(c.project.date, lang),
        profile=c.project.profile(lang),
    )
    n = c.counts()
    counts = text(
        "display.findings.counts", lang, errors=n["error"], warnings=n["warning"], infos=n["info"]
    )
    return wrap(
        c.project.name,
        subtitle,
        html_table(head, rows, bold=bold),
        f"<p style='text-align:left;margin:0.2em 0'><small>{html.escape(label('appraisal.table.unit_after_vat', lang))}"
        f" · {html.escape(counts)}</small></p>",
        details(
            text("display.estimate.lines", lang, count=len(line_rows)),
            html_table(line_head, line_rows),
        ),
        details(label("appraisal.general", lang), html_list(general)),
        details(text("display.notes", lang), html_list(c.notes(lang))),
    )
