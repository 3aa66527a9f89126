"""The message catalogue: every note and finding code with its Vietnamese and English template.

One module per producer (``fees``, ``software``, ``estimate``, ``trace``, ``checks``), each with a
``MESSAGES`` mapping ``code → Message``; :data:`CATALOGUE` merges them and refuses a code defined
twice. Templates use :meth:`str.format` fields named after the note's parameters, with the format
specs of :mod:`ictcost.report.explain` (``vnd`` money, ``num`` a decimal in the language's style,
``list`` keys joined by commas).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = ["CATALOGUE", "Message", "merge"]


class Message(NamedTuple):
    """The two texts of one code."""

    vi: str
    en: str


def merge(*parts: Mapping[str, Message]) -> Mapping[str, Message]:
    """Merge message tables, refusing a code defined twice.

    Raises:
        ValueError: a code appears in two tables.
    """
    out: dict[str, Message] = {}
    for part in parts:
        for code, message in part.items():
            if code in out:
                msg = f"message code {code!r} is defined twice"
                raise ValueError(msg)
            out[code] = message
    return MappingProxyType(out)


def _load() -> Mapping[str, Message]:
    from ictcost.report.messages import (  # noqa: PLC0415
        appraisal,
        bases,
        checks,
        cli,
        display,
        estimate,
        fees,
        software,
        stages,
        stages_workbook,
        template,
        timeline,
        trace,
        words,
        xlsx,
    )

    return merge(
        fees.MESSAGES,
        software.MESSAGES,
        estimate.MESSAGES,
        trace.MESSAGES,
        xlsx.MESSAGES,
        checks.MESSAGES,
        appraisal.MESSAGES,
        bases.MESSAGES,
        cli.MESSAGES,
        display.MESSAGES,
        template.MESSAGES,
        words.MESSAGES,
        stages.MESSAGES,
        stages_workbook.MESSAGES,
        timeline.MESSAGES,
    )


CATALOGUE: Mapping[str, Message] = _load()
"""Every message code with its templates."""
