"""Texts of the statutory reader: folded keys, shortened quotes and the text of a cell.

Labels are compared folded (:func:`fold`: without case, diacritics, spaces or punctuation), so
that *Nội dung chi phí*, ``NOI DUNG CHI PHI`` and ``Nội dung  chi phí:`` are one key.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from ictcost.inputs.statutory._state import State

__all__ = ["PARENS", "cell_text", "fold", "fold_words", "shorten"]

PARENS: Final = re.compile(r"\([^()]*\)")


def fold(text: object) -> str:
    """Return text comparable without case, diacritics, spaces or punctuation (``đ`` → ``d``)."""
    norm = unicodedata.normalize("NFD", str(text).replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in norm.casefold() if ch.isalnum() and ch.isascii())


def fold_words(text: object) -> list[str]:
    """Return the folded words of a text (diacritics and case removed, split on the rest)."""
    norm = unicodedata.normalize("NFD", str(text).replace("Đ", "D").replace("đ", "d")).casefold()
    kept = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in norm if ch.isascii())
    return kept.split()


def shorten(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def cell_text(state: State, sheet: str, row: int, col: int) -> str | None:
    value = state.cells.values[sheet].cell(row=row, column=col).value
    if value is None:
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).strip()
        return text or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
