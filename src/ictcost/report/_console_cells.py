"""The cells and blocks the console views are built of (needs ``rich``, from the ``cli`` extra).

Every text comes from the message catalogue (:mod:`ictcost.report.messages.cli`) through the one
renderer, so numbers, amounts and dates follow the language's style. Amounts sit in right-aligned
columns that never wrap; ids never wrap; text columns fold at words; no cell is ever cut (``…``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ictcost._internal._inert import strip_controls
from ictcost.money import tidy
from ictcost.report.explain import Lang, format_date, format_number, message, render_template

__all__ = [
    "EXACT_DECIMALS",
    "SHOWN_DECIMALS",
    "amount",
    "bullets",
    "cell",
    "day",
    "display",
    "id_column",
    "money",
    "money_column",
    "number_column",
    "paragraph",
    "plain",
    "table",
    "text_column",
    "tr",
    "vnd",
]

SHOWN_DECIMALS: Final = 4
"""Decimals shown of a number that has more (``≈`` marks it; the JSON keeps every digit)."""


EXACT_DECIMALS: Final = 10
"""Decimals shown of a norm value or a rate, which are exact (a longer quotient gets ``≈``)."""


def tr(code: str, lang: Lang, /, **params: Any) -> str:  # noqa: ANN401 - template values
    """Return the text of a catalogue code in ``lang``, filled with ``params``."""
    m = message(code)
    return render_template(m.vi if lang == "vi" else m.en, params, lang)


def vnd(amount: Decimal | int, lang: Lang) -> str:
    """Return an amount in whole đồng in the language's style (the renderer's ``vnd`` spec)."""
    return render_template("{a:vnd}", {"a": amount}, lang)


def amount(value: Decimal | int, lang: Lang) -> str:
    """Return an amount with its unit: ``1.234.567 đ`` (vi) or ``1,234,567 VND`` (en)."""
    return tr("cli.amount", lang, amount=vnd(value, lang))


def day(value: dt.date | str, lang: Lang) -> str:
    """Return a date in the language's style (``dd/mm/yyyy`` in Vietnamese, ISO in English)."""
    return format_date(value, lang)


def _decimal(value: Decimal, lang: Lang, decimals: int) -> str:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -decimals:
        shown = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if shown != value:  # an exact comparison (normalize() would round to 28 digits)
            return "≈" + _number(shown, lang)
    return _number(value, lang)


def display(value: object, lang: Lang, *, decimals: int = SHOWN_DECIMALS) -> str:
    """Return a value as a reader sees it, in the language's style.

    ``None`` is ``—``, a flag is *có*/*không* (*yes*/*no*), a number is written in the language's
    decimal style and, when it has more than ``decimals`` decimals (a quotient such as EFW =
    119/6; :data:`SHOWN_DECIMALS` by default), rounded to that many after ``≈``; a tuple is its
    items joined by commas.
    """
    if isinstance(value, bool):
        text = tr("cli.yes" if value else "cli.no", lang)
    elif isinstance(value, float):
        text = _decimal(Decimal(str(value)), lang, decimals)
    elif isinstance(value, Decimal) and value.is_finite():
        text = _decimal(value, lang, decimals)
    elif isinstance(value, tuple):
        text = ", ".join(display(v, lang, decimals=decimals) for v in value)
    elif isinstance(value, dt.date):
        text = day(value, lang)
    else:
        text = "—" if value is None else str(value)
    return text


def _number(value: Decimal, lang: Lang) -> str:
    """An exact number; from 10 000 on with the separators of thousands (``275.606.249,15``)."""
    if abs(value) >= _GROUPED:
        return vnd(tidy(value), lang)
    return format_number(value, lang)


_GROUPED: Final = Decimal(10_000)


def plain(text: str, style: str = "") -> Text:
    """Return text from a file or the catalogue as a cell that shows it as written.

    It is never read as rich markup, and its terminal control sequences (``ESC [2J``, OSC
    hyperlinks, a carriage return) are removed (review D9).
    """
    return Text(strip_controls(text), style=style)


def cell(value: object, lang: Lang, *, decimals: int = SHOWN_DECIMALS) -> Text:
    """A table cell as plain text (never read as rich markup); see :func:`display`."""
    return plain(display(value, lang, decimals=decimals))


def money(amount: Decimal | None, lang: Lang, *, bold: bool = False) -> Text:
    """An amount cell: whole đồng in the language's style (empty for ``None``)."""
    return Text("" if amount is None else vnd(amount, lang), style="bold" if bold else "")


def table(title: str | None = None) -> Table:
    """An empty table (columns are added with the ``*_column`` functions)."""
    return Table(title=title)


def money_column(t: Table, header: str, amounts: Iterable[Decimal | None], lang: Lang) -> None:
    """Add a right-aligned amount column that neither wraps nor gets cut."""
    widest = max((len(vnd(a, lang)) for a in amounts if a is not None), default=1)
    t.add_column(header, justify="right", no_wrap=True, min_width=max(widest, len(header)))


def id_column(t: Table, header: str, ids: Iterable[str], *, justify: str = "left") -> None:
    """Add a column of ids: never wrapped, never cut (wide enough for the longest)."""
    widest = max((len(i) for i in ids), default=1)
    t.add_column(
        header,
        no_wrap=True,
        min_width=max(widest, len(header)),
        justify=justify,  # type: ignore[arg-type]
    )


def number_column(t: Table, header: str, cells: Iterable[Text]) -> None:
    """Add a right-aligned column of numbers that neither wraps nor gets cut."""
    widest = max((len(c.plain) for c in cells), default=1)
    t.add_column(header, justify="right", no_wrap=True, min_width=widest)


def text_column(t: Table, header: str, *, max_width: int | None = None) -> None:
    """Add a text column that wraps at words and folds a word longer than the column."""
    t.add_column(header, overflow="fold", max_width=max_width)


def bullets(notes: Iterable[str]) -> list[RenderableType]:
    """The notes as bullets, each wrapped at words to the width with a hanging indent."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for n in notes:
        grid.add_row(Text("  • "), plain(n))
    return [grid] if grid.row_count else []


def paragraph(*lines: Text | str) -> RenderableType:
    """Lines of text wrapped at words to the width (the console itself never wraps lines)."""
    grid = Table.grid()
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row(line if isinstance(line, Text) else plain(line))
    return grid
