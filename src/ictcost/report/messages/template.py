"""Texts of the template module, in Vietnamese and English (filled by the module that uses them)."""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {}
