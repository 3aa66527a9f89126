"""mkdocs hook: make the site search find Vietnamese words typed without diacritics.

Most people type ``du phong`` for *dự phòng*. The search of the theme (lunr) matches whole tokens,
so ``du`` never finds ``dự``. After the build, :func:`on_post_build` adds to each document of
``search/search_index.json`` the ASCII-folded form of every word of its title and text that has a
diacritic (``dự`` → ``du``, ``đồng`` → ``dong``), in a hidden element (a paragraph of the text, a
span of the title, so that the title keeps its weight in the ranking): the folded words are
indexed, the results show only the original words. A word typed *with* its diacritics still
matches the original text as before.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

INDEX = Path("search") / "search_index.json"
"""The search index of the theme, relative to the site folder."""
MARK = '<p hidden class="ictcost-folded">'
"""How the folded words start inside a document's text (one paragraph, never shown)."""
TITLE_MARK = '<span hidden class="ictcost-folded">'
"""How the folded words of a title start (an element the result list does not show)."""
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Return ``text`` without diacritics: ``Chi phí dự phòng`` → ``Chi phi du phong``.

    Args:
        text: Any text.

    Returns:
        The text with combining marks removed and ``đ``/``Đ`` written ``d``/``D``.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(text: str) -> list[str]:
    """Return the folded form of every word of ``text`` that changes when folded, in order.

    Args:
        text: A document's text (HTML tags are ignored).

    Returns:
        The folded words, repeated as often as they occur (so ranking is unchanged).
    """
    plain = html.unescape(_TAG.sub(" ", text))
    return [fold(w) for w in _WORD.findall(plain) if fold(w) != w]


def fold_index(index: dict[str, Any]) -> int:
    """Add the folded words to every document of a search index, in place.

    Args:
        index: The parsed ``search_index.json`` (``{"config": …, "docs": [{"title", "text"}]}``).

    Returns:
        How many documents received folded words.
    """
    changed = 0
    for doc in index.get("docs", []):
        text = str(doc.get("text", ""))
        if MARK in text or TITLE_MARK in str(doc.get("title", "")):  # folded by an earlier run
            continue
        title = str(doc.get("title", ""))
        title_words = folded_words(title)
        if title_words:  # the title's field has its own weight in the ranking: fold it there too
            doc["title"] = f"{title} {TITLE_MARK}{html.escape(' '.join(title_words))}</span>"
        words = folded_words(text)
        if words:
            doc["text"] = f"{text} {MARK}{html.escape(' '.join(words))}</p>"
        changed += bool(title_words or words)
    return changed


def on_post_build(config: MkDocsConfig, **_kwargs: Any) -> None:
    """Fold the built search index (mkdocs event).

    Args:
        config: The site configuration (its ``site_dir`` holds the index).
        **_kwargs: Unused.
    """
    path = Path(config.site_dir) / INDEX
    if not path.is_file():  # the search plugin is off
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    fold_index(index)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
