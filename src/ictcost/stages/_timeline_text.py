"""The timeline as text: Markdown, fixed-width console text and the notebook's HTML.

Private to :mod:`ictcost.stages`: :class:`~ictcost.stages.timeline.Timeline` and
:class:`~ictcost.stages.exceeding.Exceedings` render through it. Texts of the dossier are made
inert (no link, no HTML, no terminal control); money is shown from exact amounts
(:func:`ictcost.money.format_amount`), the percentages rounded only for display.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from ictcost._internal._inert import escape_markdown, strip_controls
from ictcost.money import format_amount
from ictcost.report.parts import (
    Cell,
    details,
    html_list,
    html_table,
    lang_or_default,
    percent,
    text,
    wrap,
)

if TYPE_CHECKING:
    from ictcost.checks.rules import Finding
    from ictcost.report.explain import Lang
    from ictcost.stages.timeline import Timeline

_PERCENT_PLACES: Final = 2


def capital(s: str) -> str:
    """The text with its first letter in capital."""
    return s[:1].upper() + s[1:]


def md(value: str) -> str:
    """Text from a file, inert in Markdown and in one table cell."""
    cleaned = strip_controls(value).replace("\r", "")
    return escape_markdown(cleaned).replace("|", "\\|").replace("\n", " ")


def plain(value: str) -> str:
    """Text from a file, inert on a terminal, on one line."""
    return " ".join(strip_controls(value).split())


def amount(value: Decimal | None, lang: Lang) -> str:
    """An amount in đồng for display (``—`` when there is none)."""
    return "—" if value is None else format_amount(value, lang)


def signed(value: Decimal | None, lang: Lang) -> str:
    """A change in đồng with its sign (``+600.000.000``, ``−5``; empty when there is none)."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + format_amount(abs(value), lang)


def signed_percent(value: Decimal | None, lang: Lang) -> str:
    """A change in % with its sign, rounded for display only (empty when there is none)."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + percent(abs(value), lang, places=_PERCENT_PLACES)


def counted(findings: Sequence[Finding]) -> list[str]:
    """The codes, each once with its count (``STAGE-PAYMENT ×3``)."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return [code if n == 1 else f"{code}\u00a0×{n}" for code, n in counts.items()]


def findings_lines(t: Timeline, lang: Lang, *, markdown: bool) -> list[str]:
    """The findings by stage: a heading per stage, then one line per finding."""
    esc = md if markdown else plain
    if not t.checked:
        return [text("timeline.not_checked", lang)]
    if not t.findings:
        return [text("timeline.no_findings", lang)]
    out: list[str] = []
    groups: list[tuple[str, Sequence[Finding]]] = [
        (r.label(lang), r.findings) for r in t.rows if r.findings
    ]
    if t.unplaced:
        groups.append((capital(text("timeline.unmapped", lang)), t.unplaced))
    for label, found in groups:
        out += [f"**{esc(label)}**", ""] if markdown else [esc(label)]  # a list after a blank
        for f in found:
            severity = text(f"appraisal.severity.{f.severity}", lang)
            case = f".{f.case}" if f.case else ""
            line = f"{severity} {f.code}{case}: {esc(f.message(lang))}"
            out.append(f"- {line}" if markdown else f"  - {line}")
        out.append("")
    return out


def _width(s: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in s)


def _wrap(s: str, width: int) -> list[str]:
    """Words of ``s`` in lines of at most ``width`` (a longer word is a line of its own)."""
    if not s:
        return [""]
    lead = len(s) - len(s.lstrip(" "))
    lines: list[str] = []
    current = ""
    for word in (w for w in s.split(" ") if w):  # a no-break space holds its words together
        candidate = f"{current} {word}" if current else word
        limit = width - (lead if not lines else lead + 2)
        if current and _width(candidate) > limit:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return [" " * lead + lines[0]] + [" " * (lead + 2) + x for x in lines[1:]]


def _grid_row(cells: Sequence[str], cols: Sequence[tuple[str, int, str]]) -> list[str]:
    """One table row of wrapped cells, padded to the column widths (combining marks counted 0)."""
    wrapped = [
        [x.strip() for x in _wrap(c, w)] if c else [""]
        for c, (_, w, _) in zip(cells, cols, strict=True)
    ]
    height = max(len(w) for w in wrapped)
    out = []
    for i in range(height):
        parts = []
        for lines, (_, w, align) in zip(wrapped, cols, strict=True):
            s = lines[i] if i < len(lines) else ""
            pad = " " * max(0, w - _width(s))
            parts.append(pad + s if align == "right" else s + pad)
        out.append("  ".join(parts).rstrip())
    return out


def timeline_markdown(t: Timeline, lang: Lang) -> str:
    """The timeline as Markdown (``Timeline.to_markdown``)."""
    lang = lang_or_default(lang)
    head = [
        text(f"timeline.col.{c}", lang)
        for c in ("stage", "measure", "date", "decision", "value", "diff", "diff_percent")
    ]
    head.append(text("timeline.col.findings", lang))
    out = [f"## {md(text('timeline.title', lang, project=t.project))}", ""]
    out += [md(t.name), ""]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "|".join(["---"] * 4 + ["--:"] * 3 + ["---"]) + "|")
    for r in t.rows:
        cells = [
            md(r.label(lang)),
            md(r.measure(lang)),
            r.dates(lang),
            md(", ".join(r.decisions)),
            amount(r.value, lang),
            signed(r.difference, lang),
            signed_percent(r.percent, lang),
            md(", ".join(counted(r.findings))),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", f"### {text('timeline.findings_title', lang)}", ""]
    out += findings_lines(t, lang, markdown=True)
    return "\n".join(out) + "\n"


def timeline_text(t: Timeline, lang: Lang, width: int) -> str:
    """The timeline as fixed-width text (``Timeline.to_text``)."""
    lang = lang_or_default(lang)
    cols = (
        ("stage", 18, "left"),
        ("date", 12, "left"),
        ("decision", 18, "left"),
        ("value", 14, "right"),
        ("diff", 14, "right"),
        ("diff_percent", 8, "right"),
        ("findings", 24, "left"),
    )
    short = {
        "value": "value_short",
        "diff": "diff_short",
        "decision": "decision_short",
        "diff_percent": "percent_short",
    }
    header = [text(f"timeline.col.{short.get(key, key)}", lang) for key, _, _ in cols]
    lines = [plain(text("timeline.title", lang, project=t.project)), plain(t.name), ""]
    lines += _grid_row(header, cols)
    lines.append("  ".join("-" * w for _, w, _ in cols))
    for r in t.rows:
        cells = [
            r.label(lang),
            r.dates(lang),
            ", ".join(r.decisions),
            amount(r.value, lang),
            signed(r.difference, lang),
            signed_percent(r.percent, lang),
            ", ".join(counted(r.findings)),
        ]
        lines += _grid_row([plain(c) for c in cells], cols)
    lines += ["", text("timeline.findings_title", lang)]
    for item in findings_lines(t, lang, markdown=False):
        lines += _wrap(item, width) if item else [""]  # already inert (findings_lines)
    return "\n".join(lines).rstrip() + "\n"


def timeline_html(t: Timeline) -> str:
    """The timeline's notebook display: the table of stages, the findings by stage folded."""
    lang = lang_or_default(None)
    head: list[Cell] = [
        text(f"timeline.col.{c}", lang)
        for c in ("stage", "measure", "date", "decision", "value", "diff", "diff_percent")
    ]
    head.append(text("timeline.col.findings", lang))
    body: list[list[Cell]] = [
        [
            r.label(lang),
            r.measure(lang),
            r.dates(lang),
            ", ".join(r.decisions),
            (amount(r.value, lang), "right"),
            (signed(r.difference, lang), "right"),
            (signed_percent(r.percent, lang), "right"),
            ", ".join(counted(r.findings)),
        ]
        for r in t.rows
    ]
    found = [x for x in findings_lines(t, lang, markdown=False) if x]
    return wrap(
        text("timeline.title", lang, project=t.project),
        t.name,
        html_table(head, body),
        details(text("timeline.findings_title", lang), html_list(found)),
    )
