r"""Make text from a file inert before it is shown: on a terminal, in Markdown, in an error.

The names, notes and sources of a project come from files that anyone may have written. Shown
as they are, they could drive the terminal (ANSI/OSC escape sequences clear the screen, set the
title or plant a hyperlink), be read as markup (rich's ``[bold]``, Markdown's ``[x](url)``, raw
HTML) or, echoed in an error message, print the content of a file that was never meant to be
read (review D5, D9, D19). No domain meaning here, and no third-party import.

Examples:
    >>> strip_controls("a\x1b[2Jb\x1b]0;TITLE\x07c\rd")
    'abcd'
    >>> escape_markdown("[x](javascript:alert(1)) <script>")
    '\\[x\\](javascript:alert(1)) &lt;script>'
    >>> excerpt("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'…"
"""

from __future__ import annotations

import math
import re
from typing import Final

__all__ = [
    "EXCERPT_MAX",
    "describe",
    "escape_json_controls",
    "escape_markdown",
    "escape_markup",
    "excerpt",
    "safe_repr",
    "strip_control_chars",
    "strip_controls",
]

EXCERPT_MAX: Final = 40
"""The longest excerpt of a value an error message shows (quotes and ``…`` included)."""

_SEQUENCES: Final = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]                       # CSI: colours, cursor moves, clear screen
    | \x9b[0-?]*[ -/]*[@-~]                         # CSI in its 8-bit form
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])       # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)          # ... up to their terminator (BEL or ST)
    | \x1b[ -/]*[0-~]                               # any other escape sequence
    """,
    re.VERBOSE,
)
"""Terminal control sequences, removed whole (their parameters would be left as text)."""

_CONTROLS: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters left after the sequences: C0 but tab and line feed, DEL, C1, and the
bidirectional overrides and isolates (which reorder what is shown, "Trojan source")."""

_MARKDOWN: Final = re.compile(r"[\[\]]|<(?=[A-Za-z/!?])|\\(?=[!-/:-@\[-`{-~])|&(?=#?\w+;)")
"""What Markdown would read as a link, an image, raw HTML or an autolink, an escape, an entity."""

_MARKDOWN_REPLACEMENTS: Final = {"[": "\\[", "]": "\\]", "<": "&lt;", "\\": "\\\\"}

_RICH_TAG: Final = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
"""A rich markup tag (``[bold]``, ``[/]``, ``[link=…]``), with the backslashes before it."""


def strip_controls(text: str) -> str:
    r"""Return ``text`` without terminal control sequences and control characters.

    Removed: ANSI CSI sequences (``ESC [ … m``, ``ESC [2J``), OSC strings (``ESC ] 0;title BEL``,
    the ``ESC ] 8`` hyperlinks), the other escape sequences, their 8-bit C1 forms (``\x9b``), every
    other C0 or C1 control character (a carriage return too: ``\r\n`` becomes ``\n``) and the
    Unicode bidirectional overrides. Tabs and line feeds stay.

    Args:
        text: Any text.

    Returns:
        The text, safe to write to a terminal.
    """
    if text.isprintable():
        return text  # the common case: nothing to remove
    return _CONTROLS.sub("", _SEQUENCES.sub("", text.replace("\r\n", "\n")))


def strip_control_chars(text: str) -> str:
    """Return ``text`` without its control characters (the ones :func:`strip_controls` removes).

    Every character removed has no width on a terminal, so text already laid out in columns stays
    aligned; the parameters of an escape sequence (``[2J``) are left as plain text.

    Args:
        text: Any text.

    Returns:
        The text without C0 (but tab and line feed), DEL, C1 and bidirectional controls.
    """
    return text if text.isprintable() else _CONTROLS.sub("", text)


_JSON_RAW: Final = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""The control characters ``json.dumps(ensure_ascii=False)`` leaves raw (it escapes C0 only)."""


def escape_json_controls(text: str) -> str:
    r"""Return a JSON text with DEL, C1 and bidirectional controls written as ``\u`` escapes.

    These characters can only stand inside a JSON string, where the escape means the same
    character: the document is unchanged, but a terminal that prints it is not driven by it.

    Args:
        text: A JSON document.

    Returns:
        The same document, safe to print.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_markdown(text: str) -> str:
    """Return text that Markdown shows as written, never as a link, an image or HTML.

    ``[`` and ``]`` are backslash-escaped, so that no ``[x](javascript:…)`` link or
    ``![x](url)`` image forms; a ``<`` that could open an HTML tag, a comment or an autolink
    (before a letter, ``/``, ``!`` or ``?``) becomes ``&lt;``, so that no raw HTML
    (``<script>``, ``<img onerror=…>``) and no ``<javascript:…>`` link forms (``a < 2`` and
    ``<2>`` stay as written); a backslash before punctuation is doubled and an ``&`` that
    starts an entity becomes ``&amp;``, so that the text reads back literally. Other characters
    (``*``, ``_``, ``(``, ``>``) are left: they can only change emphasis. Table cells also need
    ``|`` escaped (the Markdown writers do it).

    Args:
        text: Any text.

    Returns:
        The escaped text.
    """
    return _MARKDOWN.sub(lambda m: _MARKDOWN_REPLACEMENTS.get(m.group(), "&amp;"), text)


def escape_markup(text: str) -> str:
    """Return text that rich prints as written (its ``[tags]`` escaped), as ``rich.markup.escape``.

    Building :class:`rich.text.Text` objects is better: they are never read as markup.

    Args:
        text: Any text.

    Returns:
        The text with a backslash before each ``[`` that would open a tag.
    """

    def _escape(m: re.Match[str]) -> str:
        backslashes, tag = m.groups()
        return f"{backslashes}{backslashes}\\{tag}"

    out = _RICH_TAG.sub(_escape, text)
    if out.endswith("\\") and not out.endswith("\\\\"):
        out += "\\"
    return out


def excerpt(value: object, limit: int = EXCERPT_MAX) -> str:
    r"""Return a short ``repr`` of a value for an error message: at most ``limit`` characters.

    A text is cut at its first line end and at ``limit`` (``…`` marks the cut); ``repr`` escapes
    its control characters, so the excerpt is safe on a terminal.

    Args:
        value: The value a message shows.
        limit: The longest excerpt.

    Returns:
        The excerpt.

    Examples:
        >>> excerpt("hunter2")
        "'hunter2'"
        >>> excerpt("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1")
        "'root:x:0:0:root:/root:/bin/bash'…"
    """
    if isinstance(value, str):
        first = re.split(r"[\r\n]", value, maxsplit=1)[0]
        shown = repr(first)
        if first == value and len(shown) <= limit:
            return shown
        first = first[:limit]
        while first and len(repr(first)) > limit - 1:
            first = first[:-1]
        return repr(first) + "…"
    shown = safe_repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _digits(n: int) -> int:
    """The number of decimal digits of ``n`` ≥ 0, exactly, without writing it out."""
    digits = max(1, math.floor(n.bit_length() * math.log10(2)))
    while 10**digits <= n:
        digits += 1
    while digits > 1 and 10 ** (digits - 1) > n:
        digits -= 1
    return digits


def safe_repr(value: object) -> str:
    """Return ``repr(value)``, or ``<an integer of N digits>`` for an int Python will not write.

    An int of more than ``sys.get_int_max_str_digits()`` (4 300) digits cannot be converted to
    text: ``repr`` raises ``ValueError``.

    Args:
        value: Any value.

    Returns:
        The representation.

    Examples:
        >>> safe_repr(10**5000)
        '<an integer of 5001 digits>'
    """
    try:
        return repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"<an integer of {_digits(abs(value))} digits>"
        return f"<a {type(value).__name__}>"


def describe(value: object) -> str:
    """Describe a value without showing it (a whole file read as one text): ``a text of 2 345 …``.

    Args:
        value: The value.

    Returns:
        ``a text of N characters on M lines``, or the name of the value's type.
    """
    if isinstance(value, str):
        lines = value.count("\n") + 1
        return f"a text of {len(value)} characters" + (f" on {lines} lines" if lines > 1 else "")
    return f"a {type(value).__name__}"
