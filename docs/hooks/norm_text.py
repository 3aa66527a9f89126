"""Markdown helpers of the generated docs pages: escaping, inline code, links, units, values.

Shared by the hooks ``norm_pages.py`` and ``reference_pages.py`` (imported as a sibling module:
mkdocs puts the hooks' folder on ``sys.path`` while it loads them; the hooks add it themselves
when a test loads them by path). Free text is escaped for a markdown table cell; `code` spans of
notes stay inline code, and a citation of the maintainers' unpublished research notes
(``norms-and-regimes.md`` …) becomes a link to the sources page that explains them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from decimal import Decimal

from ictcost.norms.models import LocalizedText

_SPECIAL = "\\`*_[]|"
_WORD = re.compile(r"^[A-Za-z0-9_./-]+$")
RESEARCH_NOTE_NAMES = (
    "norms-and-regimes",
    "primary-texts",
    "software-cost-ucp",
    "legal-research-2026-12",
    "appraisal-review",
)
"""The maintainers' research notes that norm files cite (not published)."""
TOKEN = re.compile(
    r"`(?P<code>[^`\n]+)`"
    rf"|(?:shared/reference/(?:reviews/)?)?(?P<note>(?:{'|'.join(RESEARCH_NOTE_NAMES)})\.md)"
)
"""A `code` span (group ``code``) or a citation of the research notes (group ``note``)."""
_UNITS = {"billion_vnd": "tỷ đồng", "vnd": "đồng", "percent": "%"}
RESEARCH_NOTES_LINK = "../reference/sources.md#research-notes"
"""Where a page's citation of the (unpublished) research notes links to."""
_NO_LINKS: Mapping[str, str] = {}


def _text(value: object) -> str:
    """Escape free text for a markdown paragraph or table cell (one line)."""
    return _escape(" ".join(str(value).split()))


def _escape(text: str) -> str:
    """Escape text for markdown without touching its spaces."""
    text = html.escape(text, quote=False)
    return "".join(f"\\{ch}" if ch in _SPECIAL else ch for ch in text)


def _prose(value: object, links: Mapping[str, str] = _NO_LINKS) -> str:
    """Escape free text (notes, descriptions) but keep its `code` spans as inline code.

    A span that names a table with a page (such as ``cost-methods`` written between backticks)
    becomes a link to that page. Spaces are normalised as in :func:`_text`.

    Args:
        value: The text.
        links: Table id → page file name, for the spans to link.

    Returns:
        One line of markdown.
    """
    text = " ".join(str(value).split())
    out: list[str] = []
    pos = 0
    for match in TOKEN.finditer(text):
        out.append(_escape(text[pos : match.start()]))
        if match.group("note"):
            out.append(_research_note(match.group("note")))
        else:
            word = match.group("code")
            code = _code(word)
            out.append(f"[{code}]({links[word]})" if word in links else code)
        pos = match.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _research_note(name: str) -> str:
    """A citation of the maintainers' research notes, linked to where the site explains them.

    The notes (``norms-and-regimes.md`` and the like) are not published: the link goes to the
    sources page, which says so and lists the public sources the notes were read from.
    """
    return f"[research notes {_code(name)}]({RESEARCH_NOTES_LINK})"


def _code(value: object) -> str:
    text = str(value)
    if "|" in text or "\n" in text:  # would break a table row: write it as plain text
        return _text(text)
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(url: str | None) -> str:
    if not url:
        return "—"
    if url.startswith(("https://", "http://")):
        safe = html.escape(url, quote=True)
        return f'<a href="{safe}">{html.escape(url, quote=False)}</a>'
    return _code(url)


def _unit(unit: str) -> str:
    """A unit as readers say it (``billion_vnd`` is ``tỷ đồng``), the key beside it."""
    said = _UNITS.get(unit)
    return f"{said} ({_code(unit)})" if said else _code(unit)


def _date(day: dt.date | None, empty: str = "—") -> str:
    return day.isoformat() if day is not None else empty


def _label(text: LocalizedText | None) -> str:
    if text is None:
        return ""
    if text.en and text.en != text.vi:
        return f"{_text(text.vi)} <br><small>{_text(text.en)}</small>"
    return _text(text.vi)


def format_scalar(value: object) -> str:
    """Write a cell value exactly as stored (``Decimal`` by its own text: ``1.710`` stays).

    Args:
        value: A scalar of the norm grammar.

    Returns:
        Markdown for the value.
    """
    if isinstance(value, bool):
        text = _code("true" if value else "false")
    elif isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif value is None:
        text = _code("null")
    elif isinstance(value, tuple):
        text = ", ".join(_code(v) for v in value) if value else "[]"
    else:
        text = _code(value) if _WORD.match(str(value)) else _text(value)
    return text
