"""The one renderer: notes and line bases as Vietnamese or English text.

Every text ictcost shows (console, Markdown, HTML, the workbook's "Cách tính" column, the findings'
messages) is written here from typed values; no consumer parses text that ictcost wrote.

Format specs usable in the message templates (:mod:`ictcost.report.messages`):

* ``{x:vnd}`` an amount in whole đồng with Vietnamese separators (``1.234.567``) in both languages;
* ``{x:num}`` an exact decimal in the language's style (``1,855`` in Vietnamese, ``1.855`` in
  English), never in exponent notation;
* ``{x:list}`` a tuple of keys joined by ``, ``;
* anything else is :func:`str` of the value (dates are passed as ISO text).

Examples:
    >>> from decimal import Decimal
    >>> from ictcost.notes import note
    >>> render_note(note("fee.rate_rounded", decimals=2), "en")
    'The rate was rounded to 2 decimals on request (a calculator convention, not a rule of QĐ 1688).'
    >>> format_number(Decimal("1.8550"), "vi")
    '1,855'
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

from ictcost.money import format_vnd, tidy
from ictcost.notes import Note
from ictcost.report.messages import CATALOGUE, Message

__all__ = ["Lang", "format_number", "render_note", "render_notes", "render_template"]

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


class _Formatter(string.Formatter):
    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:  # noqa: ANN401 - any param
        if format_spec == "vnd":
            return format_vnd(Decimal(value)) if value is not None else "—"
        if format_spec == "num":
            return format_number(value, self.lang) if value is not None else "—"
        if format_spec == "list":
            return ", ".join(str(v) for v in value)
        if format_spec == "":
            if isinstance(value, Decimal):
                return format_number(value, self.lang)
            return "—" if value is None else str(value)
        return str(super().format_field(value, format_spec))


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


def message(code: str) -> Message:
    """Return the templates of a code.

    Raises:
        KeyError: the code is not in the catalogue (a defect of ictcost: every code has text).
    """
    return CATALOGUE[code]


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
