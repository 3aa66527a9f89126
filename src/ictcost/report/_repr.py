"""Notebook display of the results: the display language, short reprs, HTML tables, DataFrames.

Shared by the displays of :class:`~ictcost.fees.FeeResult`,
:class:`~ictcost.software.SoftwareCostResult`, :class:`~ictcost.estimate.Estimate`, the findings
and the comparison. Every figure is rounded *for display only* (money to whole đồng as the result
holds it, other decimals to a few places) and written in the style of the display language by the
one renderer (:func:`~ictcost.money.format_amount`, :func:`~ictcost.report.explain.format_date`);
every word comes from the message catalogue (codes ``display.*``).

The display language is one module-level setting, Vietnamese by default (the audience):
:func:`set_display_language` changes what notebooks show, never a computation or a JSON output.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Literal

from ictcost.errors import IctcostError, InputError
from ictcost.estimate.result import MONEY_MODES, MoneyMode, dataframe, require_pandas
from ictcost.fees.items import ITEMS_TABLE
from ictcost.money import format_amount
from ictcost.norms.registry import NormRegistry
from ictcost.report import messages
from ictcost.report.explain import (
    Lang,
    explain_lookup,
    format_date,
    render_notes,
    render_template,
)

if TYPE_CHECKING:
    from ictcost.fees.result import FeeResult
    from ictcost.regimes import Regime
    from ictcost.software.results import SoftwareCostResult
    from ictcost.software.results import SummaryRow as UcpSummaryRow

__all__ = [
    "MONEY_MODES",
    "Cell",
    "MoneyMode",
    "dataframe",
    "details",
    "display_language",
    "fee_html",
    "fee_label",
    "fee_repr",
    "html_list",
    "html_table",
    "lang_or_default",
    "money",
    "number",
    "percent",
    "regime_short",
    "regime_text",
    "require_pandas",
    "set_display_language",
    "shorten",
    "software_html",
    "software_repr",
    "text",
    "when",
    "wrap",
]


_LANGS: tuple[Lang, ...] = ("vi", "en")
_state: dict[str, Lang] = {"lang": "vi"}


def set_display_language(lang: str) -> None:
    """Choose the language of what notebooks show (reprs, HTML tables, DataFrame labels).

    Vietnamese (``vi``) by default. This is a display setting only: computations, JSON outputs
    and the documents (workbook, Markdown) do not depend on it.

    Args:
        lang: ``vi`` or ``en``.

    Raises:
        InputError: another value.

    Examples:
        >>> set_display_language("en"); display_language()
        'en'
        >>> set_display_language("vi")
    """
    if lang not in _LANGS:
        raise InputError(
            f"display language {lang!r} is not one of {', '.join(_LANGS)}",
            field="lang",
            hint="call ictcost.set_display_language('vi') or ('en')",
        )
    _state["lang"] = "vi" if lang == "vi" else "en"


def display_language() -> Lang:
    """Return the language notebooks show (``vi`` unless :func:`set_display_language` chose)."""
    return _state["lang"]


def lang_or_default(lang: Lang | None) -> Lang:
    """Return ``lang``, or the display language when it is ``None``.

    Raises:
        InputError: ``lang`` is neither ``vi`` nor ``en``.
    """
    if lang is None:
        return display_language()
    if lang not in _LANGS:
        raise InputError(
            f"language {lang!r} is not one of {', '.join(_LANGS)}", field="lang", hint="vi or en"
        )
    return lang


def text(key: str, lang: Lang, /, **params: Any) -> str:  # noqa: ANN401 - template values
    """Return a text of the catalogue in a language (``display.*`` codes and the others).

    Args:
        key: The message code.
        lang: ``vi`` or ``en``.
        **params: The template's values.

    Returns:
        The text.
    """
    m = messages.CATALOGUE[key]
    return render_template(m.vi if lang == "vi" else m.en, params, lang)


# --- figures, rounded for display only ------------------------------------------------------------


def _rounded(value: Decimal | int, places: int) -> Decimal:
    d = Decimal(value)
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return d


def number(value: Decimal | int | None, lang: Lang, *, places: int = 4) -> str:
    """Return a decimal rounded to ``places`` decimals for display, in the language's style.

    Args:
        value: The figure (never changed), or ``None`` (shown as ``—``).
        lang: ``vi`` (``71.590,9091``) or ``en`` (``71,590.9091``).
        places: The most decimals shown (trailing zeros are dropped).

    Returns:
        The text.

    Examples:
        >>> number(Decimal("19.83333333333333333333"), "vi"), number(Decimal("0.895"), "en")
        ('19,8333', '0.895')
    """
    if value is None:
        return "—"
    d = _rounded(value, places)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return format_amount(d, lang)


def money(value: Decimal | int | None, lang: Lang, *, unit: bool = True) -> str:
    """Return an amount of đồng for display: whole đồng, the language's separators, ``đ``.

    Examples:
        >>> money(Decimal("152527188"), "vi"), money(Decimal("152527188"), "en", unit=False)
        ('152.527.188 đ', '152,527,188')
    """
    if value is None:
        return "—"
    figure = number(value, lang, places=0)
    return text("display.money", lang, amount=figure) if unit else figure


def percent(value: Decimal | int | None, lang: Lang, *, places: int = 7) -> str:
    """Return a rate in % for display (``1,7944375 %``)."""
    if value is None:
        return "—"
    return text("display.percent", lang, value=number(value, lang, places=places))


def when(day: dt.date, lang: Lang) -> str:
    """Return a date in the language's style (``15/09/2025`` in Vietnamese, ISO in English)."""
    return format_date(day, lang)


def shorten(value: str, width: int = 90) -> str:
    """Return one line of at most ``width`` characters (``…`` marks a cut)."""
    one = " ".join(value.split())
    return one if len(one) <= width else one[: width - 1].rstrip() + "…"


# --- HTML ------------------------------------------------------------------------------------------

Cell = tuple[str, Literal["left", "right"]] | str
"""A table cell: its text (left-aligned), or ``(text, "right")`` for a figure. Texts are escaped."""

_PAD = "padding:2px 8px;vertical-align:top"


def _cell(tag: str, cell: Cell, *, bold: bool) -> str:
    value, align = (cell, "left") if isinstance(cell, str) else cell
    weight = ";font-weight:bold" if bold else ""
    if align == "right":  # a figure is never broken over two lines
        weight += ";white-space:nowrap"
    return f"<{tag} style='text-align:{align};{_PAD}{weight}'>{html.escape(value)}</{tag}>"


def html_table(
    head: Sequence[Cell], rows: Iterable[Sequence[Cell]], *, bold: Iterable[int] = ()
) -> str:
    """Return a compact HTML table: every cell aligned explicitly (Jupyter right-aligns by default).

    Args:
        head: The header cells.
        rows: The body rows.
        bold: The indexes of the body rows to show in bold (totals).

    Returns:
        The ``<table>`` element.
    """
    strong = set(bold)
    header = "".join(_cell("th", c, bold=True) for c in head)
    body = "".join(
        "<tr>" + "".join(_cell("td", c, bold=i in strong) for c in row) + "</tr>"
        for i, row in enumerate(rows)
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def html_list(items: Iterable[str]) -> str:
    """Return the texts as an HTML list (escaped), or nothing when there is none."""
    out = "".join(f"<li style='text-align:left'>{html.escape(t)}</li>" for t in items)
    return f"<ul style='margin:0.2em 0'>{out}</ul>" if out else ""


def details(summary: str, body: str) -> str:
    """Return a collapsed ``<details>`` block (empty when there is nothing in it).

    Args:
        summary: The visible title (escaped).
        body: The HTML shown when opened.
    """
    if not body:
        return ""
    return (
        f"<details style='text-align:left'><summary>{html.escape(summary)}</summary>"
        f"{body}</details>"
    )


def wrap(title: str, subtitle: str, *parts: str) -> str:
    """Return the whole display: a bold title, a small subtitle, then the parts."""
    sub = f"<br><small>{html.escape(subtitle)}</small>" if subtitle else ""
    return (
        f"<div class='ictcost' style='text-align:left'><strong>{html.escape(title)}</strong>"
        f"{sub}{''.join(parts)}</div>"
    )


# --- the legal regime, in words ----------------------------------------------------------------


def regime_short(regime: Regime, lang: Lang) -> str:
    """Return the regime as its decree (``NĐ 73/2019/NĐ-CP``), never its internal id."""
    return text("display.regime_short", lang, decree=regime.decree)


def regime_text(regime: Regime, lang: Lang) -> str:
    """Return the regime as its decree and cost circular, with a transitional override noted."""
    out = text("display.regime", lang, decree=regime.decree, circular=regime.cost_circular)
    if regime.overridden:
        out += text("display.regime_override", lang)
    return out


# --- FeeResult ---------------------------------------------------------------------------------


def fee_label(fee: FeeResult, lang: Lang) -> str:
    """Return the fee item's label (``Chi phí quản lý dự án``) from ``qd1688-items``.

    A bare table lookup is named by its tables; an item the shipped table does not have keeps
    its key.
    """
    if fee.item is None:
        return text("display.fee.table", lang, tables=fee.tables)
    key = f"{fee.item}.{fee.category}.{fee.form}"
    try:
        rows = NormRegistry.shipped().get(ITEMS_TABLE, fee.on).rows()
    except IctcostError:
        return fee.item
    for row in rows:
        if row.key == key and row.label is not None:
            return (row.label.en or row.label.vi) if lang == "en" else row.label.vi
    return fee.item


def fee_repr(fee: FeeResult) -> str:
    """Return the one-line repr of a fee (figures display-rounded, in the display language)."""
    lang = display_language()
    parts = [fee.item or ", ".join(fee.tables), f"base {money(fee.base, lang)}"]
    parts.append(f"rate {percent(fee.rate_percent, lang)}")
    if fee.k_product != 1:
        parts.append(f"K {number(fee.k_product, lang)}")
    parts.append(f"amount {money(fee.amount, lang)}")
    if "minimum_applied" in fee.flags:
        parts.append("minimum applied")
    parts.append(regime_short(fee.regime, lang))
    return f"FeeResult({', '.join(parts)})"


def fee_html(fee: FeeResult) -> str:
    """Return the HTML display of a fee: the figures, then the computation and notes folded."""
    lang = display_language()
    rows: list[list[Cell]] = [
        [text("display.fee.base", lang), (money(fee.base, lang), "right")],
        [text("display.fee.rate", lang), (percent(fee.rate_percent, lang), "right")],
    ]
    if fee.coefficients:
        rows.append([text("display.fee.k", lang), (number(fee.k_product, lang), "right")])
    if fee.minimum is not None:
        before = money(fee.amount_before_minimum, lang)
        rows.append([text("display.fee.before_minimum", lang), (before, "right")])
        rows.append([text("display.fee.minimum", lang), (money(fee.minimum.number, lang), "right")])
    rows.append([text("display.fee.amount", lang), (money(fee.amount, lang), "right")])
    form = text(f"display.fee.form.{fee.form}", lang)
    subtitle = text(
        "display.fee.subtitle",
        lang,
        part=fee.category,
        form=form,
        regime=regime_text(fee.regime, lang),
        date=when(fee.on, lang),
    )
    how = [explain_lookup(lk, lang) for lk in fee.lookups]
    notes = render_notes(fee.notes, lang)
    head: list[Cell] = [text("display.col.item", lang), (text("display.col.value", lang), "right")]
    return wrap(
        fee_label(fee, lang),
        subtitle,
        html_table(head, rows, bold=[len(rows) - 1]),
        details(text("display.details", lang), html_list([*how, *notes])),
    )


# --- SoftwareCostResult ------------------------------------------------------------------------


def _ucp_label(row: UcpSummaryRow, lang: Lang) -> str:
    key = f"display.ucp.{row.symbol}"
    if lang == "en" and key in messages.CATALOGUE:
        return text(key, lang)
    return row.label  # the data's Vietnamese label


def software_repr(result: SoftwareCostResult) -> str:
    """Return the one-line repr of a software cost (figures display-rounded)."""
    lang = display_language()
    s = result
    parts = [
        s.method,
        when(s.date, lang),
        f"AUCP {number(s.AUCP, lang)}",
        f"E {number(s.E, lang)}",
        f"H {number(s.H, lang, places=2)}",
        f"G_PM {money(s.g_pm, lang)}",
    ]
    return f"SoftwareCostResult({', '.join(parts)})"


def _use_case_rows(s: SoftwareCostResult, lang: Lang) -> str:
    head: list[Cell] = [
        text("display.software.use_case", lang),
        text("display.software.bmt", lang),
        text("display.software.complexity", lang),
        (text("display.software.transactions", lang), "right"),
        (text("display.software.points", lang), "right"),
    ]
    rows: list[list[Cell]] = [
        [
            u.name,
            u.bmt,
            text(f"display.complexity.{u.complexity}", lang)
            + ("" if u.counted else text("display.software.not_counted", lang)),
            ("" if u.transactions is None else str(u.transactions), "right"),
            (number(u.points, lang), "right"),
        ]
        for u in s.use_cases
    ]
    return html_table(head, rows)


def _factor_rows(s: SoftwareCostResult, lang: Lang) -> str:
    head: list[Cell] = [
        text("display.col.symbol", lang),
        text("display.software.factor", lang),
        (text("display.software.weight", lang), "right"),
        (text("display.software.rating", lang), "right"),
        (text("display.software.result", lang), "right"),
    ]
    rows: list[list[Cell]] = [
        [
            f.code,
            f.label,
            (number(f.weight, lang), "right"),
            (number(f.rating, lang), "right"),
            (number(f.result, lang), "right"),
        ]
        for f in (*s.technical, *s.environmental)
    ]
    return html_table(head, rows)


def software_html(result: SoftwareCostResult) -> str:
    """Return the HTML display of a software cost: the chain, then the annex tables folded."""
    lang = display_language()
    s = result
    head: list[Cell] = [
        text("display.col.symbol", lang),
        text("display.col.item", lang),
        (text("display.col.value", lang), "right"),
    ]
    rows: list[list[Cell]] = [
        [
            r.symbol,
            _ucp_label(r, lang),
            (money(r.amount, lang) if r.amount is not None else number(r.value, lang), "right"),
        ]
        for r in s.summary
    ]
    notes = render_notes(s.notes, lang)
    if s.second_opinion is not None:
        notes += render_notes(s.second_opinion.notes, lang)
    return wrap(
        text("display.software.title", lang, method=s.method),
        text("display.software.subtitle", lang, date=when(s.date, lang)),
        html_table(head, rows, bold=[len(rows) - 1]),
        details(
            text("display.software.use_cases", lang, count=len(s.use_cases)),
            _use_case_rows(s, lang),
        ),
        details(text("display.software.factors", lang), _factor_rows(s, lang)),
        details(text("display.notes", lang), html_list(notes)),
    )


"""The texts of the notebook display. They belong in the message catalogue
(``ictcost.report.messages``); :func:`text` reads the catalogue first, so they can move there
unchanged."""
