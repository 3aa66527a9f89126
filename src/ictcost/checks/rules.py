"""The rule registry and the findings.

Each appraisal rule is a function registered with its metadata by :func:`rule` (one estimate) or
:func:`portfolio_rule` (across a portfolio): a stable code, a severity, the legal basis and, for a
rule with several messages, the names of its cases. The rule's documentation is its docstring; its
title and message templates, in Vietnamese and English, are in the message catalogue
(:mod:`ictcost.report.messages.checks`) under the code (``ARITH-VAT``, ``ARITH-VAT.title``,
``ARITH-TOTAL.line`` …). A rule yields typed :class:`~ictcost.checks._base.Hit` values; the registry
turns each into a :class:`Finding` and the one renderer (:mod:`ictcost.report.explain`) writes its
messages from the finding's parameters, so the text is never the source of anything.

``docs/checks.md`` is generated from :data:`RULES` (``docs/hooks/checks_page.py``).

Examples:
    >>> RULES["ARITH-VAT"].severity, RULES["ARITH-VAT"].title_en
    ('error', 'A stated VAT amount differs from amount × stated rate')
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from ictcost._version import SCHEMA_VERSION
from ictcost.checks._base import Context, Hit, Param, Portfolio
from ictcost.estimate import LineTrace
from ictcost.norms.registry import Citation
from ictcost.report.explain import Lang, basis_text, explain_trace, message, render_template
from ictcost.report.text import (
    Cell,
    dataframe,
    details,
    display_language,
    display_text,
    html_list,
    html_table,
    lang_or_default,
    shorten,
    wrap,
)

if TYPE_CHECKING:
    import pandas

    from ictcost.estimate.result import MoneyMode

__all__ = [
    "FAMILIES",
    "RULES",
    "Context",
    "DossierCheck",
    "EstimateCheck",
    "Finding",
    "Findings",
    "FindingsReport",
    "Hit",
    "Portfolio",
    "PortfolioCheck",
    "Rule",
    "Severity",
    "dossier_rule",
    "portfolio_rule",
    "render_message",
    "rule",
]

Severity = Literal["error", "warning", "info"]
"""``error``: the estimate is wrong; ``warning``: questionable, look at it; ``info``: for the
record."""

Needs = Literal["input", "estimate", "portfolio", "dossier", "dossiers"]

FAMILIES = (
    "INPUT",
    "NORM",
    "METHOD",
    "ARITH",
    "STRUCT",
    "VAT",
    "COMPLETE",
    "MARKET",
    "DUP",
    "PROC",
    "CLASS",
    "INDEP",
    "STAGE",
)
"""The code families (the part before the first ``-``), in documentation order."""

EstimateCheck = Callable[[Context], Iterable[Hit]]
"""A rule over one estimate."""
PortfolioCheck = Callable[[Portfolio], Iterable[Hit]]
"""A rule over every estimate of a portfolio."""
DossierCheck = Callable[[Any], Iterable[Hit]]
"""A rule over one project's stage records (a :class:`ictcost.stages.DossierContext`), or over
every dossier of a portfolio (a sequence of them)."""

_CODE = re.compile(r"^[A-Z]+(-[A-Z]+)+$")
_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
_SEVERITIES = ("error", "warning", "info")


def render_message(
    key: str,
    params: Mapping[str, Param],
    lang: Lang,
    *,
    line: str | None = None,
    trace: LineTrace | None = None,
) -> str:
    """Write one finding message from its template and parameters (the one renderer).

    Args:
        key: The template's key (the code, or ``CODE.case``).
        params: The finding's parameters.
        lang: ``vi`` or ``en``.
        line: The line concerned, shown as ``{line}``.
        trace: The recomputed line's trace, shown as ``{how}`` by
            :func:`~ictcost.report.explain.explain_trace` (``—`` without one).

    Returns:
        The text.
    """
    template = message(key)
    values: dict[str, object] = dict(params)
    if line is not None:
        values["line"] = line
    # a finding read back from JSON has no trace any more: its "how" is then a dash
    values["how"] = explain_trace(trace, lang) if trace is not None else "—"
    return render_template(template.vi if lang == "vi" else template.en, values, lang)


class Finding(BaseModel):
    """One finding of an appraisal check.

    The messages are not stored: they are rendered from ``code``, ``case`` and ``details`` by
    the one renderer when first read (and then kept), and serialised with the finding. Reading a
    finding back from JSON drops them and renders them again.

    Attributes:
        code: The rule's stable code.
        severity: ``error``, ``warning`` or ``info``.
        estimate: The estimate's name (``portfolio`` for an overlap between estimates).
        line: The line id concerned, if any.
        field: The field concerned (``stated.vat_rate``, ``project.warranty_months`` …), if any.
        case: Which message of the rule applies, for a rule with several.
        basis: The legal basis of the rule.
        amount: The amount concerned (a difference, a package value), if any.
        details: The typed values the messages are rendered from (stated and expected figures
            as ``Decimal``, keys as text, lists of keys as tuples).
        citations: The norm values the finding rests on.
        trace: The computation the message quotes (the recomputed line's trace), if any.
        decimals: The names of the ``details`` that are exact decimals (JSON writes them as
            text; this list reads them back as Decimals; filled in automatically).
        message_vi: What was found, in Vietnamese (rendered from ``details``).
        message_en: What was found, in English (rendered from ``details``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    estimate: str | None = None
    line: str | None = None
    field: str | None = None
    case: str | None = None
    basis: str
    amount: Decimal | None = None
    details: dict[str, Param] = Field(default_factory=dict)
    citations: tuple[Citation, ...] = ()
    trace: LineTrace | None = None
    decimals: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _drop_rendered(cls, data: Any) -> Any:  # noqa: ANN401 - any input of a model
        if not isinstance(data, dict):
            return data
        data = {k: v for k, v in data.items() if k not in ("message_vi", "message_en")}
        details = dict(data.get("details") or {})
        for name in data.get("decimals", ()):
            if isinstance(details.get(name), str):
                details[name] = Decimal(details[name])
        data["details"] = details
        data["decimals"] = tuple(sorted(k for k, v in details.items() if isinstance(v, Decimal)))
        return data

    @property
    def message_key(self) -> str:
        """The catalogue key of the message: the code, or ``CODE.case``."""
        return self.code if self.case is None else f"{self.code}.{self.case}"

    def message(self, lang: Lang = "en") -> str:
        """Render the message in a language (from ``details``, by the one renderer)."""
        return render_message(
            self.message_key, self.details, lang, line=self.line, trace=self.trace
        )

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def message_vi(self) -> str:
        """What was found, in Vietnamese."""
        return self.message("vi")

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def message_en(self) -> str:
        """What was found, in English."""
        return self.message("en")

    def __str__(self) -> str:
        where = f" [{self.line}]" if self.line else ""
        return f"{self.severity.upper()} {self.code}{where}: {self.message_en}"

    def __repr__(self) -> str:
        return _finding_repr(self)

    def _repr_html_(self) -> str:
        """The notebook display: severity, code, line and message, in the display language."""
        return _finding_html(self)


class FindingsReport(BaseModel):
    """The findings as one JSON document (``ictcost check --json``), with its schema version."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: str = SCHEMA_VERSION
    findings: tuple[Finding, ...]

    def __repr__(self) -> str:
        return _report_repr(self)

    def _repr_html_(self) -> str:
        """The notebook display of the findings (a table; the bases folded)."""
        return _findings_html(self.findings)


class Findings(list[Finding]):
    """The findings of :func:`~ictcost.checks.check` or :func:`~ictcost.checks.check_portfolio`.

    A plain list of :class:`Finding`, with its JSON document, a short repr, a notebook table
    (``_repr_html_``) and :meth:`to_dataframe`.
    """

    def __repr__(self) -> str:
        return _findings_repr(self)

    def _repr_html_(self) -> str:
        """The notebook display: the counts by severity, one row per finding, the bases folded."""
        return _findings_html(self)

    def to_dataframe(
        self, *, money: MoneyMode = "decimal", lang: Lang | None = None
    ) -> pandas.DataFrame:
        """Return one row per finding as a pandas DataFrame (``pandas`` extra).

        See :func:`ictcost.report.text.findings_dataframe` for the columns.

        Args:
            money: How ``amount`` is held: ``decimal`` (exact, the default), ``int`` or
                ``float`` (display only).
            lang: The language of ``message``; the display language by default.

        Returns:
            The DataFrame; a missing value is ``pd.NA`` in every column.

        Raises:
            ImportError: pandas is not installed (``pip install 'ictcost[pandas]'``).
        """
        return _findings_dataframe(self, money=money, lang=lang)

    def report(self) -> FindingsReport:
        """Return the findings as a :class:`FindingsReport`."""
        return FindingsReport(findings=tuple(self))

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the findings as JSON (``schema_version`` first, Decimals as exact strings)."""
        return self.report().model_dump_json(indent=indent)


# --- the notebook display of the findings ---------------------------------------------------

_SEVERITIES = ("error", "warning", "info")


def _counts(findings: Sequence[Finding], lang: Lang) -> str:
    n = {s: sum(1 for f in findings if f.severity == s) for s in _SEVERITIES}
    return display_text(
        "display.findings.counts", lang, errors=n["error"], warnings=n["warning"], infos=n["info"]
    )


def _finding_repr(finding: Finding) -> str:
    """Return the one-line repr of a finding: severity, code, line, message (display language)."""
    lang = display_language()
    where = f" [{finding.line}]" if finding.line else ""
    message = shorten(finding.message(lang), 100)
    return f"Finding({finding.severity} {finding.code}{where}: {message})"


def _findings_repr(findings: Sequence[Finding], *, name: str = "Findings", limit: int = 10) -> str:
    """Return the repr of findings: the counts, then one line per finding (at most ``limit``)."""
    lang = display_language()
    head = f"{name}({len(findings)} findings: {_counts(findings, lang)})"
    lines = [f"  {_finding_repr(f)}" for f in list(findings)[:limit]]
    if len(findings) > limit:
        lines.append(f"  … {len(findings) - limit} more")
    return "\n".join([head, *lines])


def _findings_table(findings: Iterable[Finding], lang: Lang) -> str:
    head: list[Cell] = [
        display_text("display.col.severity", lang),
        display_text("display.col.code", lang),
        display_text("display.col.line", lang),
        display_text("display.col.finding", lang),
    ]
    rows: list[list[Cell]] = [
        [
            display_text(f"appraisal.severity.{f.severity}", lang),
            f.code,
            f.line or "",
            f.message(lang),
        ]
        for f in findings
    ]
    return html_table(head, rows)


def _findings_html(findings: Sequence[Finding]) -> str:
    """Return the notebook display of findings: the counts, a table, the bases folded."""
    lang = display_language()
    if not findings:
        return wrap(
            display_text("display.findings.title", lang),
            display_text("appraisal.content.no_findings", lang),
        )
    bases = sorted({f"{f.code}: {basis_text(f.code, f.basis, lang)}" for f in findings})
    return wrap(
        display_text("display.findings.title", lang),
        _counts(findings, lang),
        _findings_table(findings, lang),
        details(display_text("display.findings.bases", lang), html_list(bases)),
    )


def _finding_html(finding: Finding) -> str:
    """Return the notebook display of one finding (the table of one row, its basis folded)."""
    return _findings_html([finding])


def _report_repr(report: FindingsReport) -> str:
    """Return the repr of a findings document: its schema version and its findings."""
    lang = display_language()
    found = report.findings
    head = f"FindingsReport(schema {report.schema_version}, {len(found)} findings: "
    return head + f"{_counts(found, lang)})"


_FINDING_COLUMNS = (
    "code",
    "severity",
    "estimate",
    "line",
    "field",
    "case",
    "basis",
    "amount",
    "message",
)


def _findings_dataframe(
    findings: Sequence[Finding], *, money: MoneyMode = "decimal", lang: Lang | None = None
) -> pandas.DataFrame:
    """Return one row per finding as a pandas DataFrame (``pandas`` extra).

    Columns: ``code``, ``severity``, ``estimate``, ``line``, ``field``, ``case``, ``basis``,
    ``amount`` (money, see ``money``) and ``message`` (in ``lang``); every missing value is
    ``pd.NA``.

    Args:
        findings: The findings.
        money: ``decimal`` (exact, the default), ``int`` or ``float`` (display only).
        lang: The language of ``message``; the display language by default.

    Returns:
        The DataFrame.
    """
    lang = lang_or_default(lang)
    rows = [
        {
            "code": f.code,
            "severity": f.severity,
            "estimate": f.estimate,
            "line": f.line,
            "field": f.field,
            "case": f.case,
            "basis": f.basis,
            "amount": f.amount,
            "message": f.message(lang),
        }
        for f in findings
    ]
    return dataframe(
        rows, _FINDING_COLUMNS, money_columns=("amount",), money_mode=money, id_column="code"
    )


@dataclass(frozen=True, slots=True)
class Rule:
    """One appraisal rule, as registered.

    Attributes:
        code: The stable code (never renamed).
        severity: See :data:`Severity`.
        basis: The legal basis or the source of the rule.
        needs: ``input`` (runs even when the estimate cannot be computed), ``estimate`` (needs
            the recomputed estimate), ``portfolio`` (runs over every estimate of a portfolio),
            ``dossier`` (runs over one project's stage records, :mod:`ictcost.stages`) or
            ``dossiers`` (over every dossier of a portfolio).
        cases: The names of the rule's messages when it has several (``ARITH-TOTAL.line`` …);
            empty when its one message is keyed by the code.
        check: The function of one estimate (``None`` for a portfolio rule).
        check_portfolio: The function of a portfolio (``None`` for a rule of one estimate).
        check_dossier: The function of a dossier, or of every dossier (stage rules only).
    """

    code: str
    severity: Severity
    basis: str
    needs: Needs
    cases: tuple[str, ...] = ()
    check: EstimateCheck | None = None
    check_portfolio: PortfolioCheck | None = None
    check_dossier: DossierCheck | None = None

    @property
    def family(self) -> str:
        """The part of the code before the first ``-`` (``ARITH``)."""
        return self.code.split("-", 1)[0]

    @property
    def title_vi(self) -> str:
        """The short Vietnamese title (catalogue key ``CODE.title``)."""
        return message(f"{self.code}.title").vi

    @property
    def title_en(self) -> str:
        """The short English title (catalogue key ``CODE.title``)."""
        return message(f"{self.code}.title").en

    @property
    def doc(self) -> str:
        """The rule function's docstring: what it checks, why, and an example."""
        function = self.check or self.check_portfolio or self.check_dossier
        return inspect.getdoc(function) or ""

    def template_keys(self) -> tuple[str, ...]:
        """Return the catalogue keys of the rule's messages (its title excluded)."""
        if not self.cases:
            return (self.code,)
        return tuple(f"{self.code}.{case}" for case in self.cases)

    def finding(self, hit: Hit, *, estimate: str | None) -> Finding:
        """Turn one hit of the rule into a finding, its messages rendered from its parameters.

        Args:
            hit: What the rule found.
            estimate: The estimate's name (``portfolio`` for an overlap between estimates).

        Returns:
            The finding.

        Raises:
            ValueError: the hit names a case the rule does not declare (a defect of ictcost).
        """
        if (hit.case is None) != (not self.cases) or (hit.case and hit.case not in self.cases):
            msg = f"rule {self.code} has cases {self.cases}; a hit gave case {hit.case!r}"
            raise ValueError(msg)
        return Finding(
            code=self.code,
            severity=self.severity,
            estimate=estimate,
            line=hit.line,
            field=hit.field,
            case=hit.case,
            basis=self.basis,
            amount=hit.amount,
            details=dict(hit.params),
            citations=hit.citations,
            trace=hit.trace,
        )


class _Registry(Mapping[str, Rule]):
    """The rules by code, in documentation order (family, then registration order)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._order: tuple[str, ...] | None = None
        self._complete = False

    def add(self, r: Rule) -> None:
        if not _CODE.match(r.code) or r.family not in FAMILIES:
            msg = f"rule code {r.code!r} is not CODE-WORDS of a family of {FAMILIES}"
            raise ValueError(msg)
        if r.code in self._rules:
            msg = f"rule {r.code} is registered twice"
            raise ValueError(msg)
        if r.severity not in _SEVERITIES or not r.basis:
            msg = f"rule {r.code}: severity must be one of {_SEVERITIES} and a basis given"
            raise ValueError(msg)
        if any(not _CASE.match(c) for c in r.cases) or len(set(r.cases)) != len(r.cases):
            msg = f"rule {r.code}: cases must be distinct lower-case keys, not {r.cases}"
            raise ValueError(msg)
        self._rules[r.code] = r
        self._order = None

    def _codes(self) -> tuple[str, ...]:
        if self._order is None:
            registered = list(self._rules)
            self._order = tuple(
                sorted(
                    registered,
                    key=lambda c: (FAMILIES.index(self._rules[c].family), registered.index(c)),
                )
            )
        return self._order

    def _loaded(self) -> dict[str, Rule]:
        """The rules, once every rule module is imported (the engine imports them all).

        ``import ictcost.checks`` is light (the settings read its thresholds); the registry is
        filled when it is first read, whichever module was imported to reach it.
        """
        if not self._complete:
            self._complete = True
            importlib.import_module("ictcost.checks.engine")
            importlib.import_module("ictcost.stages.rules")
        return self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        self._loaded()
        return iter(self._codes())

    def __len__(self) -> int:
        return len(self._loaded())

    def __repr__(self) -> str:
        self._loaded()
        return f"RULES({', '.join(self._codes())})"


RULES: Mapping[str, Rule] = _Registry()
"""Every rule by code, in documentation order (the rule modules are imported when it is first read)."""

_E = TypeVar("_E", bound=EstimateCheck)
_P = TypeVar("_P", bound=PortfolioCheck)


def _add(r: Rule) -> None:
    registry = RULES
    assert isinstance(registry, _Registry)
    registry.add(r)


def rule(
    code: str,
    *,
    severity: Severity,
    basis: str,
    needs: Literal["input", "estimate"] = "estimate",
    cases: tuple[str, ...] = (),
) -> Callable[[_E], _E]:
    """Register a rule over one estimate.

    Args:
        code: The stable code (``FAMILY-WORDS``).
        severity: ``error``, ``warning`` or ``info``.
        basis: The legal basis or the source of the rule.
        needs: ``estimate`` when the rule reads the recomputed estimate (it is skipped when the
            estimate cannot be computed), ``input`` when it reads the input only.
        cases: The names of its messages, when it has several.

    Returns:
        The decorator (the function is returned unchanged).
    """

    def register(function: _E) -> _E:
        _add(Rule(code, severity, basis, needs, cases, check=function))
        return function

    return register


def portfolio_rule(
    code: str, *, severity: Severity, basis: str, cases: tuple[str, ...] = ()
) -> Callable[[_P], _P]:
    """Register a rule over every estimate of a portfolio (its findings' estimate: ``portfolio``).

    Args:
        code: The stable code (``FAMILY-WORDS``).
        severity: ``error``, ``warning`` or ``info``.
        basis: The legal basis or the source of the rule.
        cases: The names of its messages, when it has several.

    Returns:
        The decorator (the function is returned unchanged).
    """

    def register(function: _P) -> _P:
        _add(Rule(code, severity, basis, "portfolio", cases, check_portfolio=function))
        return function

    return register


def dossier_rule(
    code: str,
    *,
    severity: Severity,
    basis: str,
    cases: tuple[str, ...] = (),
    across: bool = False,
) -> Callable[[DossierCheck], DossierCheck]:
    """Register a rule over a project's stage records (``across``: over every dossier).

    Args:
        code: The stable code (``STAGE-WORDS``).
        severity: ``error``, ``warning`` or ``info``.
        basis: The legal basis or the source of the rule.
        cases: The names of its messages, when it has several.
        across: The rule reads every dossier of a portfolio (its findings' estimate:
            ``portfolio``).

    Returns:
        The decorator (the function is returned unchanged).
    """

    def register(function: DossierCheck) -> DossierCheck:
        needs: Needs = "dossiers" if across else "dossier"
        _add(Rule(code, severity, basis, needs, cases, check_dossier=function))
        return function

    return register
