"""The one renderer: notes and line bases as Vietnamese or English text.

Every text ictcost shows (console, Markdown, HTML, the workbook's "Cách tính" column, the findings'
messages) is written here from typed values; no consumer parses text that ictcost wrote.

Format specs usable in the message templates (:mod:`ictcost.report.messages`):

* ``{x:vnd}`` an amount in đồng in the language's style (``1.234.567`` in Vietnamese,
  ``1,234,567`` in English);
* ``{x:num}`` an exact decimal in the language's style (``1,855`` in Vietnamese, ``1.855`` in
  English), never in exponent notation;
* ``{x:date}`` a date (a :class:`datetime.date` or ISO text) in the language's style
  (``15/09/2025`` in Vietnamese, ``2025-09-15`` in English);
* ``{x:list}`` a tuple of keys joined by ``, `` (``—`` when empty); ``{x:vnds}`` a tuple of
  amounts, each as ``{x:vnd}``; ``{x:periods}`` a tuple of ISO intervals (``2025-01-01/2025-08-03``,
  ``2026-09-09/..`` open-ended) as periods in force;
* ``{x:part}`` a project part (``infrastructure``, ``software``) in words;
* ``{x:key:<table-id>}`` / ``{x:keys:<table-id>}`` a row key (or keys) of a norm table in the
  table's own words, and ``{x:word:<kind>}`` a key of ictcost's grammar (confidence, range policy)
  in the catalogue's words (:mod:`ictcost.report._words`);
* anything else is :func:`str` of the value; a date, or a text that is exactly an ISO date (notes
  carry dates as ISO text so that their JSON is plain), is written as ``{x:date}`` is.

Examples:
    >>> from decimal import Decimal
    >>> from ictcost.notes import note
    >>> render_note(note("fee.rate_rounded", decimals=2), "en")
    'The rate was rounded to 2 decimals on request (a calculator convention, not a rule of QĐ 1688).'
    >>> format_number(Decimal("1.8550"), "vi")
    '1,855'
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

from ictcost.estimate.result import ContingencyResult
from ictcost.estimate.trace import (
    ExpertRow,
    FeeTrace,
    LineTrace,
    PeriodRentalTrace,
    PriceListTrace,
    QuotationTrace,
)
from ictcost.fees import FeeResult, RateLookup
from ictcost.money import format_amount, tidy
from ictcost.notes import Note
from ictcost.regimes import Regime
from ictcost.report import messages
from ictcost.report._words import key_words, keys_words, regime_words
from ictcost.report.layout import PART_EN, PART_VI
from ictcost.report.messages import Message
from ictcost.software.labour import LabourRateResult

__all__ = [
    "Lang",
    "basis_text",
    "explain_contingency",
    "explain_expert_item",
    "explain_expert_row",
    "explain_fee_base",
    "explain_fee_basis",
    "explain_labour",
    "explain_lookup",
    "explain_regime",
    "explain_trace",
    "format_date",
    "format_number",
    "format_period",
    "message",
    "render_note",
    "render_notes",
    "render_template",
]

Lang = Literal["vi", "en"]
"""The languages of the renderer."""


def format_number(value: Decimal | int, lang: Lang = "vi") -> str:
    """Return an exact number as text in the language's decimal style (no exponent, no padding).

    Args:
        value: The number.
        lang: ``vi`` (decimal comma) or ``en`` (decimal point).

    Returns:
        e.g. ``1,855`` (vi) or ``1.855`` (en); whole numbers have no separator of thousands.
    """
    text = f"{tidy(Decimal(value)):f}"
    return text.replace(".", ",") if lang == "vi" else text


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def format_date(value: dt.date | str, lang: Lang = "vi") -> str:
    """Return a date in the language's style: ``dd/mm/yyyy`` in Vietnamese, ISO in English.

    Args:
        value: A date, or its ISO text (``2025-09-15``).
        lang: ``vi`` or ``en``.

    Returns:
        e.g. ``15/09/2025`` (vi) or ``2025-09-15`` (en). A text that is not an ISO date is returned
        unchanged.

    Examples:
        >>> format_date(dt.date(2025, 9, 15), "vi"), format_date("2025-09-15", "en")
        ('15/09/2025', '2025-09-15')
    """
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            return value
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2}) → (open|\d{4}-\d{2}-\d{2})")


def format_period(period: str, lang: Lang = "vi") -> str:
    """Return a norm version's period in a language: ``từ 11/10/2019``, ``01/07/2025 – 31/12/2026``.

    Args:
        period: The period of a version as the norm model states it
            (:attr:`NormVersion.period <ictcost.norms.models.NormVersion.period>`,
            ``2019-10-11 → open``); any other text is returned as it is.
        lang: ``vi`` or ``en`` (ISO dates, ``from 2019-10-11``).

    Examples:
        >>> format_period("2019-10-11 → open", "vi"), format_period("2025-07-01 → 2026-12-31", "en")
        ('từ 11/10/2019', '2025-07-01 – 2026-12-31')
    """
    m = _PERIOD.fullmatch(period)
    if m is None:
        return period
    return _period_words(m[1], None if m[2] == "open" else m[2], lang)


def _period_words(start: str, end: str | None, lang: Lang) -> str:
    """A period from ISO dates in words: ``từ 11/10/2019`` (open) or ``01/07/2025 – 31/12/2026``."""
    if end is None:
        return _text("xlsx.period.open", lang, start=format_date(start, lang))
    return _text(
        "xlsx.period.closed", lang, start=format_date(start, lang), end=format_date(end, lang)
    )


def _list(value: Any, _lang: Lang) -> str:  # noqa: ANN401 - a tuple of keys
    return ", ".join(str(v) for v in value) or "—"


def _part(value: Any, lang: Lang) -> str:  # noqa: ANN401 - a part key
    return (PART_VI if lang == "vi" else PART_EN).get(str(value), str(value))


def _word(kind: str, value: Any, lang: Lang) -> str:  # noqa: ANN401 - a key of ictcost's grammar
    key = str(value)
    params: dict[str, str] = {}
    head, _, count = key.rpartition("-")
    if kind == "confidence" and head == "secondary" and count.isdigit():
        key, params = head, {"n": count}
    m = messages.CATALOGUE.get(f"word.{kind}.{key}")
    if m is None:
        return "—" if value is None else str(value)
    return render_template(m.vi if lang == "vi" else m.en, params, lang)


def _amounts(value: Any, lang: Lang) -> str:  # noqa: ANN401 - a tuple of amounts (or their texts)
    return ", ".join(format_amount(Decimal(v), lang) for v in value) or "—"


_WORD_SPECS = {"list": _list, "part": _part}
"""Format specs that turn keys into words: ``{x:list}``, ``{x:part}``."""


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:  # noqa: ANN401 - any param
        if value is None and format_spec in _NONE_AS_DASH:
            return "—"
        simple = _SPECS.get(format_spec)
        if simple is not None:
            return simple(value, self.lang)
        kind, _, arg = format_spec.partition(":")
        keyed = _KEYED_SPECS.get(kind)
        if keyed is not None and arg:
            return keyed(value, arg, self.lang)
        if format_spec == "":
            return _plain(value, self.lang)
        return str(super().format_field(value, format_spec))


def _plain(value: Any, lang: Lang) -> str:  # noqa: ANN401 - any param
    if isinstance(value, Decimal):
        return format_number(value, lang)
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return format_date(value, lang)
    return "—" if value is None else str(value)


def _periods(value: Any, lang: Lang) -> str:  # noqa: ANN401 - ISO intervals "from/to", "from/.."
    texts = []
    for period in value:
        start, _, end = str(period).partition("/")
        texts.append(_period_words(start, None if end in {"", ".."} else end, lang))
    return "; ".join(texts) or "—"


_NONE_AS_DASH = frozenset({"vnd", "num", "date"})
_SPECS: dict[str, Callable[[Any, Lang], str]] = {
    "vnd": lambda v, lang: format_amount(Decimal(v), lang),
    "num": format_number,
    "date": format_date,
    "vnds": _amounts,
    "periods": _periods,
    "regime": regime_words,
    **_WORD_SPECS,
}
_KEYED_SPECS: dict[str, Callable[[Any, str, Lang], str]] = {
    "key": key_words,
    "keys": keys_words,
    "word": lambda v, kind, lang: _word(kind, v, lang),
    "words": lambda v, kind, lang: ", ".join(_word(kind, x, lang) for x in v) or "—",
}


def render_template(template: str, params: Mapping[str, Any], lang: Lang = "en") -> str:
    """Fill one message template with its parameters.

    Args:
        template: A template of the catalogue.
        params: The values.
        lang: The language whose number style is used.

    Returns:
        The text.
    """
    return _Formatter(lang).vformat(template, (), dict(params))


def basis_text(code: str, basis: str, lang: Lang = "vi") -> str:
    """Return the basis of a check's finding in a language (the catalogue's ``<code>.basis``).

    Args:
        code: The rule's code.
        basis: The rule's basis as the finding carries it (citations, in the data's words).
        lang: ``vi`` or ``en``.

    Returns:
        The catalogue's text of the basis where it has one, else ``basis`` (a basis that is only
        citations reads the same in both languages).
    """
    m = messages.CATALOGUE.get(f"{code}.basis")
    if m is None:
        return basis
    return m.vi if lang == "vi" else m.en


def message(code: str) -> Message:
    """Return the templates of a code.

    Raises:
        KeyError: the code is not in the catalogue (a defect of ictcost: every code has text).
    """
    return messages.CATALOGUE[code]  # read at call time: a patched catalogue takes effect


def render_note(n: Note, lang: Lang = "en") -> str:
    """Return a note as text in Vietnamese or English.

    Args:
        n: The note.
        lang: ``vi`` or ``en``.

    Returns:
        The sentence.
    """
    m = message(n.code)
    return render_template(m.vi if lang == "vi" else m.en, n.params, lang)


def render_notes(notes: Iterable[Note], lang: Lang = "en") -> list[str]:
    """Return every note as text, in order."""
    return [render_note(n, lang) for n in notes]


def _text(code: str, lang: Lang, /, **params: Any) -> str:  # noqa: ANN401 - template values
    m = message(code)
    return render_template(m.vi if lang == "vi" else m.en, params, lang)


def explain_lookup(lookup: RateLookup, lang: Lang = "en") -> str:
    """Return one fee table part as text: ``Gt = …; Gb = …, Ga = …; Nb = …, Na = …; weight …``."""
    i = lookup.interpolation
    return _text(
        "trace.fee_lookup",
        lang,
        gt=lookup.gt,
        gb=i.gb,
        ga=i.ga,
        nb=i.nb,
        na=i.na,
        weight=lookup.weight,
    )


def _fee_text(trace: FeeTrace, lang: Lang) -> str:
    fee = trace.fee
    text = _text("trace.fee", lang, base=fee.base, rate=fee.rate_percent, k=fee.k_product)
    if "minimum_applied" in fee.flags:
        text += _text("trace.fee_minimum", lang)
    return text


def _quotations_text(trace: QuotationTrace, lang: Lang) -> str:
    return _text(
        f"trace.quotations.{trace.pick}",
        lang,
        quantity=trace.quantity,
        unit_price=trace.unit_price,
        count=len(trace.quotes),
    )


def _price_list_text(trace: PriceListTrace, lang: Lang) -> str:
    return _text(
        "trace.price_list",
        lang,
        quantity=trace.quantity,
        unit_price=trace.unit_price,
        price_list=trace.price_list,
        code=trace.code,
    )


def _rental_text(trace: PeriodRentalTrace, lang: Lang) -> str:
    r = trace.rental
    return _text(
        "trace.rental_periods", lang, price=r.price_per_period, period=r.period, periods=r.periods
    )


_TRACE_TEXT: dict[str, Callable[[Any, Lang], str]] = {
    "fee": _fee_text,
    "unit_price": lambda t, lang: _text(
        "trace.unit_price", lang, quantity=t.quantity, unit_price=t.unit_price
    ),
    "quotations": _quotations_text,
    "price_list": _price_list_text,
    "software": lambda t, lang: _text("trace.software", lang, instrument=t.instrument),
    "expert": lambda _t, lang: _text("trace.expert", lang),
    "rental_periods": _rental_text,
    "rental_annuity": lambda t, lang: _text(f"trace.rental_annuity.{t.rental.timing}", lang),
    "given": lambda t, lang: _text("trace.given", lang, document=t.document),
}


def explain_trace(trace: LineTrace, lang: Lang = "en") -> str:
    """Return the computation of a line in one line of text (the "Cách tính" column).

    Args:
        trace: The line's typed trace.
        lang: ``vi`` or ``en``.

    Returns:
        e.g. ``2 × 150000000 (lowest of 3 quotation(s))``.
    """
    return _TRACE_TEXT[trace.kind](trace, lang)


def explain_expert_row(row: ExpertRow, lang: Lang = "en") -> str:
    """Return one expert item's computation: ``N person-days × rate đ``."""
    return _text(
        "trace.expert_row", lang, person_days=row.item.person_days, day_rate=row.item.day_rate
    )


def explain_expert_item(row: ExpertRow, lang: Lang = "en") -> str:
    """Return one expert item in full: ``description: N person-days × rate đ = amount đ``."""
    return _text(
        "trace.expert_item",
        lang,
        description=row.item.description,
        how=explain_expert_row(row, lang),  # the person-days × rate wording lives in one template
        amount=row.amount,
    )


def explain_fee_base(trace: FeeTrace, lang: Lang = "en") -> str:
    """Return what a fee's base is made of, beside the base the norm's definition gives.

    A derived base names its part and lines; an override (lines or an amount) is shown with the
    derived base, the difference in đồng and the reason, if any; a rate read on the project's
    total base (``fee_rate_on: project_total``) says so.
    """
    part = trace.fee.category
    if trace.base_source == "derived":
        text = _text(
            "trace.fee_base_derived", lang, part=part, lines=trace.base_lines, base=trace.base
        )
    elif trace.base_given:
        text = _text("trace.fee_base_given", lang, base=trace.base)
    else:
        text = _text("trace.fee_base_lines", lang, lines=trace.base_lines, base=trace.base)
    if trace.base_source != "derived" and trace.derived_base is not None:
        text += _text(
            "trace.fee_base_beside",
            lang,
            part=part,
            lines=trace.derived_lines,
            derived=trace.derived_base,
            difference=trace.base - trace.derived_base,
            reason=trace.override_reason or "—",
        )
    if trace.fee.rate_base is not None:
        text += _text("trace.fee_rate_on_total", lang, rate_base=trace.fee.rate_base)
    return text


def explain_labour(labour: LabourRateResult, lang: Lang = "en") -> str:
    """Return how the labour rate H was obtained (given, team average or pay scale)."""
    if labour.method == "team_average":
        return _text(
            "trace.labour_team_average",
            lang,
            days=labour.working_days_per_month,
            hours=labour.hours_per_day,
            monthly=labour.monthly_average,
        )
    if labour.method == "pay_scale":
        return _text(
            "trace.labour_pay_scale",
            lang,
            hours=labour.hours_per_day,
            base=labour.base_salary,
            adjustment=labour.adjustment_coefficient,
            insurance=labour.insurance_percent,
            days=labour.working_days_per_month,
        )
    return _text("trace.labour_given", lang)


def explain_fee_basis(fee: FeeResult, lang: Lang = "en") -> str:
    """Return the legal basis of a fee in one line: the tables, the regime and the status."""
    return _text(
        "fee.basis.reference" if "reference_only" in fee.flags else "fee.basis.norm",
        lang,
        tables=fee.tables,
        regime=explain_regime(fee.regime, lang),
    )


def explain_regime(regime: Regime, lang: Lang = "en") -> str:
    """Return the regime applied in one line: the decree, the cost circular and any override."""
    text = _text("regime.describe", lang, decree=regime.decree, circular=regime.cost_circular)
    if regime.overridden:
        text += _text("regime.describe_override", lang, in_force=regime.in_force_id, on=regime.on)
    return text


def explain_contingency(contingency: ContingencyResult, lang: Lang = "en") -> str:
    """Return the contingency's computation in one line of text."""
    if contingency.rule == "single_coefficient":
        return _text(
            "contingency.single_coefficient",
            lang,
            base=contingency.base,
            rate=contingency.rate_percent,
        )
    return _text(
        "contingency.two_parts",
        lang,
        base=contingency.base,
        volume=contingency.volume_percent,
        escalation=contingency.escalation_amount,
    )
