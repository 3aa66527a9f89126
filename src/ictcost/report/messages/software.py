"""Messages of the software notes (see :mod:`ictcost.report.messages`)."""

from __future__ import annotations

from ictcost.report.messages import Message

MESSAGES: dict[str, Message] = {}
