"""The comparison table of an appraisal (bảng so sánh, bảng tổng hợp kết quả thẩm định).

:func:`compare` sets, for every line and every statutory group of an estimate, the value the
submission states (*giá trị đề nghị*: the line's ``stated`` figures, the project's ``stated``
totals) beside the value ictcost recomputes (*giá trị thẩm định*: the
:class:`~ictcost.estimate.result.LineResult` and the group totals of
:class:`~ictcost.estimate.result.Estimate`), the increase or decrease (appraised − submitted) and
the reasons: the findings on the line, each with its code, its severity, its message in Vietnamese
and English (rendered by the one renderer, never parsed) and its legal basis.

Nothing is invented: a line that states nothing has an unknown submitted value (``None``, shown
as *không nêu*), and a group or total is summed from the submission's lines only when every line
it holds states that figure (``source="sum"``; a total the submission states itself has
``source="stated"``). A line the estimate could not compute (``Estimate.problems`` of an estimate
computed with ``collect_problems=True``) keeps its submitted value and carries its error; the
group's appraised value is then the estimate's, without that line, and says so.

The :class:`Comparison` is a frozen pydantic model with exact ``Decimal`` amounts; its outputs are
:meth:`~Comparison.to_json` (read back by :meth:`~Comparison.from_json`),
:meth:`~Comparison.to_markdown`, :meth:`~Comparison.to_dataframe` (pandas, optional), the workbook
(:func:`ictcost.report._xlsx_comparison.write_comparison`, ``excel`` extra) and the appraisal
report (:func:`ictcost.report.appraisal.write_report`, ``report`` extra). Every label comes from
the catalogue (:mod:`ictcost.report.messages.appraisal`), in Vietnamese or English.

Examples:
    >>> from ictcost.checks import check
    >>> from ictcost.estimate import compute_estimate, load_project
    >>> p = load_project({
    ...     "project": {"name": "P", "date": "2025-09-15", "form": "ktkt"},
    ...     "lines": [{"id": "TB-01", "component": "thiet_bi", "name": "Máy chủ",
    ...                "method": "quotation", "vat": "general", "quantity": 2,
    ...                "unit_price": 100_000_000,
    ...                "stated": {"amount": 210_000_000, "vat": 16_800_000,
    ...                           "total": 226_800_000}}]})
    >>> c = compare(p, compute_estimate(p), check(p))
    >>> line = c.line("TB-01")
    >>> line.total.submitted, line.total.appraised, line.total.difference
    (Decimal('226800000'), Decimal('216000000'), Decimal('-10800000'))
    >>> line.reasons[0].code, line.reasons[0].severity
    ('ARITH-LINE', 'error')
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ictcost._version import SCHEMA_VERSION
from ictcost.estimate.result import NormVersionUsed
from ictcost.money import format_vnd
from ictcost.report.explain import Lang, explain_regime, explain_trace, message, render_note
from ictcost.report.explain import render_template as _render
from ictcost.structure import group_by_component, statutory_groups
from ictcost.words import amount_in_words

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding
    from ictcost.estimate.model import LineInput, ProjectInput, StatedLine
    from ictcost.estimate.result import ComponentTotal, Estimate, LineResult
    from ictcost.norms.registry import NormRegistry

__all__ = [
    "PORTFOLIO",
    "WORKBOOK_KEYWORD",
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
    "Stage",
    "compare",
    "is_comparison_workbook",
    "label",
    "money_text",
    "relevant_findings",
    "signed_text",
    "stage_params",
]

Severity = Literal["error", "warning", "info"]
"""The severity of a finding (as :data:`ictcost.checks.rules.Severity`)."""
Stage = Literal["tham_dinh", "tham_tra"]
"""Who compares: the appraising body (*thẩm định*) or a reviewing consultant (*thẩm tra*); it
names the "appraised" column, the report's title and its signatures."""
Source = Literal["stated", "sum"]
"""Where a submitted figure comes from: stated by the submission, or summed from its lines."""

PORTFOLIO = "portfolio"
"""The ``estimate`` of a finding about an overlap between estimates (as
:data:`ictcost.checks.engine.PORTFOLIO`; repeated here because the checks import the reports)."""

WORKBOOK_KEYWORD = "ictcost-comparison"
"""The keyword the comparison workbook carries in its document properties (so that a portfolio
folder holding one does not read it as a submitted estimate)."""

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_LINE_ERROR_CODE = "INPUT-LINE"
"""The finding that reports a line the estimate could not compute (its error is then not
repeated in the line's remarks)."""
_INPUT_NOTES = frozenset({"estimate.form_deprecated"})
"""Notes about how the input file is written, not about the estimate (left out of reports)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- texts ---------------------------------------------------------------------------------------


def label(code: str, lang: Lang, /, **params: Any) -> str:  # noqa: ANN401 - template values
    """Return a text of the catalogue (``appraisal.*`` codes) in a language.

    Args:
        code: The message code.
        lang: ``vi`` or ``en``.
        **params: The template's values.

    Returns:
        The text.
    """
    m = message(code)
    return _render(m.vi if lang == "vi" else m.en, params, lang)


def stage_params(stage: Stage, kind: str, lang: Lang) -> dict[str, str]:
    """Return the words of a stage and an estimate kind for the templates.

    Args:
        stage: ``tham_dinh`` or ``tham_tra``.
        kind: The estimate kind (``du_toan`` or ``tong_muc_dau_tu``).
        lang: ``vi`` or ``en``.

    Returns:
        ``act``, ``ACT`` (capitals), ``kind`` and ``KIND``.
    """
    act = label(f"appraisal.stage.{stage}", lang)
    what = label(f"appraisal.kind.{kind}", lang)
    return {"act": act, "ACT": act.upper(), "kind": what, "KIND": what.upper()}


def money_text(value: Decimal | None, lang: Lang, *, missing: str = "not_stated") -> str:
    """Return an amount in whole đồng (``1.234.567``), or the word for an unknown one.

    Args:
        value: The amount, or ``None``.
        lang: ``vi`` or ``en``.
        missing: ``not_stated`` or ``not_computed``: what an unknown amount is.

    Returns:
        The text.
    """
    if value is None:
        return label(f"appraisal.value.{missing}", lang)
    return format_vnd(value)


def signed_text(value: Decimal | None) -> str:
    """Return an increase with ``+``, a decrease with ``-``, nothing as ``0``, unknown as ``""``."""
    if value is None:
        return ""
    return f"+{format_vnd(value)}" if value > 0 else format_vnd(value)


def is_comparison_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether a file is a comparison workbook ictcost wrote (by its document properties).

    Args:
        path: The file.

    Returns:
        ``True`` for a workbook carrying :data:`WORKBOOK_KEYWORD`; ``False`` otherwise, also for
        a file that is not a readable workbook.
    """
    try:
        with zipfile.ZipFile(path) as data:
            core = data.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return WORKBOOK_KEYWORD in core


# --- the model -----------------------------------------------------------------------------------


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
        return label("appraisal.reason", lang, code=self.code, message=text, basis=self.basis)

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
        if self.error is not None and not any(r.code == _LINE_ERROR_CODE for r in self.reasons):
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
        return tuple(sorted(found, key=lambda r: _SEVERITY_ORDER[r.severity]))

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
        out: list[dict[str, Any]] = []
        symbols = {g.key: g.symbol for g in self.groups}
        for ln in self.lines:
            row: dict[str, Any] = {
                "number": ln.number,
                "group": ln.group,
                "group_symbol": symbols.get(ln.group or ""),
                "id": ln.id,
                "name": ln.name,
                "component": ln.component,
                "method": ln.method,
                "stated": ln.stated,
                "in_total": ln.in_total,
            }
            for side in ("submitted", "appraised", "difference"):
                for figure in ("amount", "vat", "total"):
                    compared: Compared = getattr(ln, figure)
                    row[f"{side}_{figure}"] = getattr(compared, side)
            row["codes"] = ", ".join(r.code for r in ln.reasons)
            row["reasons"] = "; ".join(r.text("vi") for r in ln.reasons)
            row["error"] = ln.error.message if ln.error is not None else None
            out.append(row)
        return out

    def to_dataframe(self) -> Any:  # noqa: ANN401 - pandas.DataFrame, an optional dependency
        """Return the lines as a pandas DataFrame (the columns of :meth:`rows`; Decimals exact).

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional dependency
        except ImportError as exc:  # pragma: no cover - exercised only without the extra
            msg = "to_dataframe() needs pandas: pip install 'ictcost[pandas]'"
            raise ImportError(msg) from exc
        return pd.DataFrame(self.rows())

    def to_markdown(self, lang: Lang = "vi", *, stage: Stage = "tham_dinh") -> str:
        """Return the comparison as Markdown: the table by group (after VAT), the totals, words.

        Args:
            lang: ``vi`` or ``en``.
            stage: ``tham_dinh`` or ``tham_tra`` (names the appraised column).

        Returns:
            Markdown text.
        """
        return _markdown(self, lang, stage)


# --- building it ---------------------------------------------------------------------------------


def relevant_findings(findings: Iterable[Finding], name: str) -> list[Finding]:
    """Return the findings about one estimate: its own and the portfolio overlaps involving it.

    A portfolio finding involves the estimate when its ``details.estimates`` names it; one
    without that detail cannot be attributed and is kept. Findings about other estimates of a
    portfolio are left out.

    Args:
        findings: The findings of :func:`~ictcost.checks.check` or
            :func:`~ictcost.checks.check_portfolio`.
        name: The estimate's name (``project.name``).

    Returns:
        The findings, in the order given.
    """
    out: list[Finding] = []
    for f in findings:
        if f.estimate is None or f.estimate == name:
            out.append(f)
        elif f.estimate == PORTFOLIO:
            involved = f.details.get("estimates")
            if not isinstance(involved, tuple) or name in involved:
                out.append(f)
    return out


def _stated_figures(stated: StatedLine | None) -> tuple[Decimal | None, ...]:
    if stated is None:
        return (None, None, None)
    return (stated.amount, stated.vat, stated.total)


def _problems(estimate: Estimate) -> list[Problem]:
    """What the estimate could not compute (``Estimate.problems``, with ``collect_problems``)."""
    return [
        Problem(line=p.line, code=p.code, message=p.message, field=p.field, hint=p.hint)
        for p in estimate.problems
    ]


def _line(
    number: str,
    *,
    given: LineInput,
    result: LineResult | None,
    group: str | None,
    reasons: Sequence[Reason],
    error: Problem | None,
) -> ComparisonLine:
    amount, vat, total = _stated_figures(given.stated)
    appraised = (
        (result.amount, result.vat, result.total) if result is not None else (None, None, None)
    )
    return ComparisonLine(
        number=number,
        id=given.id,
        name=given.name,
        component=given.component,
        group=group,
        method=given.method,
        method_status=result.method_status if result is not None else None,
        how_vi=explain_trace(result.trace, "vi") if result is not None else None,
        how_en=explain_trace(result.trace, "en") if result is not None else None,
        stated=any(v is not None for v in (amount, vat, total)),
        amount=Compared.of(amount, appraised[0]),
        vat=Compared.of(vat, appraised[1]),
        total=Compared.of(total, appraised[2]),
        in_total=result.in_total if result is not None else given.reference_for is None,
        reference_for=given.reference_for,
        reasons=tuple(reasons),
        error=error,
    )


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _group(
    number: int, comp: ComponentTotal, lines: Sequence[ComparisonLine], stated_total: Decimal | None
) -> ComparisonGroup:
    summed = [ln for ln in lines if ln.in_total]
    amount = _sum(ln.amount.submitted for ln in summed)
    vat = _sum(ln.vat.submitted for ln in summed)
    if stated_total is not None:
        total = Compared.of(stated_total, comp.total, "stated")
    else:
        total = Compared.of(_sum(ln.total.submitted for ln in summed), comp.total, "sum")
    return ComparisonGroup(
        number=number,
        key=comp.key,
        symbol=comp.symbol,
        label_vi=comp.label_vi,
        label_en=comp.label_en,
        lines=tuple(lines),
        amount=Compared.of(amount, comp.amount, "sum"),
        vat=Compared.of(vat, comp.vat, "sum"),
        total=total,
        unstated=tuple(ln.id for ln in summed if not ln.stated),
        not_computed=tuple(ln.id for ln in lines if ln.error is not None),
    )


def _either(stated: Decimal | None, summed: Decimal | None, appraised: Decimal | None) -> Compared:
    if stated is not None:
        return Compared.of(stated, appraised, "stated")
    return Compared.of(summed, appraised, "sum")


def _totals(
    project: ProjectInput,
    estimate: Estimate,
    groups: Sequence[ComparisonGroup],
    *,
    contingency_failed: bool,
) -> ComparisonTotals:
    st = project.stated
    amount = _either(
        st.amount if st else None, _sum(g.amount.submitted for g in groups), estimate.amount
    )
    vat = _either(st.vat if st else None, _sum(g.vat.submitted for g in groups), estimate.vat)
    by_groups = _sum(g.total.submitted for g in groups)
    if by_groups is None:
        by_groups = _sum((amount.submitted, vat.submitted))
    subtotal = Compared.of(by_groups, estimate.total_before_contingency, "sum")
    if contingency_failed:
        dp_appraised: Decimal | None = None
    else:
        dp_appraised = estimate.contingency.total if estimate.contingency else Decimal(0)
    contingency = Compared.of(st.contingency if st else None, dp_appraised, "stated")
    total = _either(
        st.total if st else None,
        _sum((subtotal.submitted, contingency.submitted)),
        estimate.total,
    )
    return ComparisonTotals(
        amount=amount, vat=vat, subtotal=subtotal, contingency=contingency, total=total
    )


def _structure(estimate: Estimate, registry: NormRegistry | None) -> dict[str, str]:
    """The group of each component under the estimate's structure (empty without a registry)."""
    if registry is None:
        return {}
    groups = statutory_groups(
        registry,
        estimate.rule_date,
        regime_id=estimate.regime.id,
        form=estimate.profile.structure,
    )
    return group_by_component(groups)


def compare(
    project: ProjectInput,
    estimate: Estimate,
    findings: Iterable[Finding],
    *,
    registry: NormRegistry | None = None,
) -> Comparison:
    """Compare a submitted estimate with its recomputation, line by line and group by group.

    Args:
        project: The project as submitted (its lines' ``stated`` figures and its ``stated``
            totals are the submitted values).
        estimate: ictcost's recomputation of it (``compute_estimate``; with
            ``collect_problems=True`` a line that cannot be computed is kept with its error).
        findings: The findings of the check (``check`` or ``check_portfolio``; only those about
            this estimate are used, see :func:`relevant_findings`).
        registry: The registry the estimate was computed with: it places a line that could
            not be computed in its statutory group when no other line of its component was
            computed (without it, such a line goes to the group named as its component, or to
            a section of its own).

    Returns:
        The comparison.
    """
    meta = project.project
    mine = sorted(relevant_findings(findings, meta.name), key=lambda f: _SEVERITY_ORDER[f.severity])
    ids = {ln.id for ln in project.lines}
    by_line: dict[str, list[Reason]] = {}
    general: list[Reason] = []
    for f in mine:
        if f.line in ids and f.estimate != PORTFOLIO:
            by_line.setdefault(f.line, []).append(Reason.of(f))
        else:
            general.append(Reason.of(f))
    problems = _problems(estimate)
    line_errors = {p.line: p for p in problems if p.line is not None}
    results = {ln.id: ln for ln in estimate.lines}
    keys = {c.key for c in estimate.components}
    # a line that could not be computed: the group of the component's other lines, else the
    # structure's (read from the registry, when given), else the group named as the component
    group_of_component = {k: k for k in keys} | _structure(estimate, registry)
    group_of_component |= {ln.component: ln.group for ln in estimate.lines}

    def group_of(given: LineInput) -> str | None:
        result = results.get(given.id)
        return result.group if result is not None else group_of_component.get(given.component)

    stated_groups = project.stated.components if project.stated else {}
    groups: list[ComparisonGroup] = []
    placed: set[str] = set()
    for n, comp in enumerate(estimate.components, 1):
        members = [ln for ln in project.lines if group_of(ln) == comp.key]
        lines = [
            _line(
                f"{n}.{i}",
                given=given,
                result=results.get(given.id),
                group=comp.key,
                reasons=by_line.get(given.id, ()),
                error=line_errors.get(given.id),
            )
            for i, given in enumerate(members, 1)
        ]
        placed.update(ln.id for ln in members)
        groups.append(_group(n, comp, lines, stated_groups.get(comp.key)))
    rest = len(groups) + 1
    unplaced = [ln for ln in project.lines if ln.id not in placed]
    not_computed = tuple(
        _line(
            f"{rest}.{i}",
            given=given,
            result=results.get(given.id),
            group=None,
            reasons=by_line.get(given.id, ()),
            error=line_errors.get(given.id),
        )
        for i, given in enumerate(unplaced, 1)
    )
    contingency_failed = any(p.line is None for p in problems)
    notes = [n for n in estimate.notes if n.code not in _INPUT_NOTES]
    if estimate.contingency is not None:
        notes += list(estimate.contingency.notes)
    regime = estimate.regime
    return Comparison(
        project=ProjectInfo(
            name=meta.name,
            owner=meta.owner,
            preparer=meta.preparer,
            reviewer=meta.reviewer,
            appraiser=meta.appraiser,
            date=estimate.date,
            project_kind=estimate.project_kind,
            document=estimate.document,
            kind=estimate.kind,
            profile_vi=estimate.profile.label_vi,
            profile_en=estimate.profile.label_en,
        ),
        legal=LegalBasis(
            regime=regime.id,
            in_force=regime.in_force_id,
            decree=regime.decree,
            cost_circular=regime.cost_circular,
            overridden=regime.overridden,
            rule_date=estimate.rule_date,
            regime_vi=explain_regime(regime, "vi"),
            regime_en=explain_regime(regime, "en"),
            norm_versions=estimate.norm_versions,
        ),
        groups=tuple(groups),
        not_computed=not_computed,
        general=tuple(general),
        problems=tuple(p for p in problems if p.line is None),
        totals=_totals(project, estimate, groups, contingency_failed=contingency_failed),
        total_in_words=amount_in_words(estimate.total),
        notes_vi=tuple(render_note(n, "vi") for n in notes),
        notes_en=tuple(render_note(n, "en") for n in notes),
    )


# --- Markdown ------------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _joined(notes: Iterable[str]) -> str:
    return "; ".join(n.rstrip(". ") for n in notes)


def _md_row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_compared(c: Compared, lang: Lang, *, bold: bool = False) -> list[str]:
    cells = [
        money_text(c.submitted, lang),
        money_text(c.appraised, lang, missing="not_computed"),
        signed_text(c.difference),
    ]
    if bold:
        cells = [f"**{v}**" if v else v for v in cells]
    return cells


def _markdown(c: Comparison, lang: Lang, stage: Stage) -> str:
    words = stage_params(stage, c.project.kind, lang)
    p = c.project
    out = [
        f"# {label('appraisal.table.title', lang, **words)}",
        "",
        f"- {label('appraisal.project.name', lang)}: {_md(p.name)}",
        f"- {label('appraisal.project.owner', lang)}: {_md(p.owner or '—')}",
        f"- {label('appraisal.project.preparer', lang)}: {_md(p.preparer or '—')}",
        f"- {label('appraisal.project.date', lang)}: {_date(p.date)} — {_md(p.profile(lang))}",
        f"- {label('appraisal.project.regime', lang)}: {_md(c.legal.regime_text(lang))}",
        "",
        label("appraisal.table.unit_after_vat", lang),
        "",
        _md_row(
            label("appraisal.col.number", lang),
            label("appraisal.col.id", lang),
            label("appraisal.col.content", lang),
            label("appraisal.col.submitted", lang),
            label("appraisal.col.appraised", lang, **words),
            label("appraisal.col.difference", lang),
            label("appraisal.col.reason", lang),
        ),
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for g in c.groups:
        name = label("appraisal.row.group", lang, label=g.label(lang), symbol=g.symbol)
        out.append(
            _md_row(
                f"**{g.number}**",
                "",
                f"**{_md(name)}**",
                *_md_compared(g.total, lang, bold=True),
                _md(_joined(g.notes(lang, stage))),
            )
        )
        out += [_md_line(ln, lang) for ln in g.lines]
    if c.not_computed:
        out.append(
            _md_row(
                f"**{len(c.groups) + 1}**",
                "",
                f"**{label('appraisal.row.not_computed_group', lang)}**",
                "",
                "",
                "",
                "",
            )
        )
        out += [_md_line(ln, lang) for ln in c.not_computed]
    t = c.totals
    for key, compared, bold in (
        ("subtotal", t.subtotal, True),
        ("contingency", t.contingency, False),
        ("total", t.total, True),
    ):
        text = label(f"appraisal.row.{key}", lang)
        out.append(
            _md_row(
                "",
                "",
                f"**{text}**" if bold else text,
                *_md_compared(compared, lang, bold=bold),
                "",
            )
        )
    out += [
        "",
        _md_row(
            label("appraisal.col.content", lang),
            label("appraisal.col.submitted", lang),
            label("appraisal.col.appraised", lang, **words),
            label("appraisal.col.difference", lang),
        ),
        "|---|---:|---:|---:|",
    ]
    for key in ("amount", "vat", "subtotal", "contingency", "total"):
        compared = getattr(t, key)
        out.append(_md_row(label(f"appraisal.row.{key}", lang), *_md_compared(compared, lang)))
    out += [
        "",
        label("appraisal.total_figures", lang, amount=t.total.appraised, **words),
        label("appraisal.in_words", lang, words=f"*{c.total_in_words}*"),
    ]
    if c.general or c.problems:
        out += ["", f"## {label('appraisal.general', lang)}", ""]
        out += [f"- {_md(label('appraisal.problem', lang, message=p.message))}" for p in c.problems]
        out += [f"- {_md(r.text(lang))}" for r in c.general]
    return "\n".join(out) + "\n"


def _md_line(ln: ComparisonLine, lang: Lang) -> str:
    return _md_row(
        ln.number,
        _md(ln.id),
        _md(ln.name),
        *_md_compared(ln.total, lang),
        _md(_joined(ln.notes(lang))),
    )
