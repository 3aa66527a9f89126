"""The renderers of the comparison: Markdown, and the flat rows of its DataFrame.

Private to :mod:`ictcost.report`; reached through :meth:`Comparison.to_markdown`,
:meth:`Comparison.rows` and :meth:`Comparison.to_dataframe` (:mod:`ictcost.report.comparison`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ictcost._internal._inert import escape_markdown, strip_controls
from ictcost.report._comparison_texts import Stage, label, money_text, signed_text, stage_params

if TYPE_CHECKING:
    from ictcost.report._comparison_model import Compared, Comparison, ComparisonLine
    from ictcost.report.explain import Lang

__all__ = ["comparison_rows", "markdown"]


def comparison_rows(c: Comparison) -> list[dict[str, Any]]:
    """Return one flat dict per line (:meth:`Comparison.rows`; amounts exact)."""
    out: list[dict[str, Any]] = []
    symbols = {g.key: g.symbol for g in c.groups}
    for ln in c.lines:
        row: dict[str, Any] = {
            "number": ln.number,
            "group": ln.group,
            "group_symbol": symbols.get(ln.group or ""),
            "id": ln.id,
            "name": ln.name,
            "component": ln.component,
            "method": ln.method,
            "stated": ln.stated,
            "in_total": ln.in_total,
        }
        for side in ("submitted", "appraised", "difference"):
            for figure in ("amount", "vat", "total"):
                compared: Compared = getattr(ln, figure)
                row[f"{side}_{figure}"] = getattr(compared, side)
        row["codes"] = ", ".join(r.code for r in ln.reasons)
        row["reasons"] = "; ".join(r.text("vi") for r in ln.reasons)
        row["error"] = ln.error.message if ln.error is not None else None
        out.append(row)
    return out


# --- Markdown -------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text from a file, inert in Markdown and in one table cell (as ``report.text`` does).

    No raw HTML and no link can form (``[``/``]`` escaped, ``<``/``>`` as entities; review D19),
    terminal control sequences are removed, ``|`` is escaped and a line end is a space.
    """
    cleaned = strip_controls(text).replace("\r", "")
    return escape_markdown(cleaned).replace("|", "\\|").replace("\n", " ")


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _joined(notes: Iterable[str]) -> str:
    return "; ".join(n.rstrip(". ") for n in notes)


def _md_row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_compared(c: Compared, lang: Lang, *, bold: bool = False) -> list[str]:
    cells = [
        money_text(c.submitted, lang),
        money_text(c.appraised, lang, missing="not_computed"),
        signed_text(c.difference),
    ]
    if bold:
        cells = [f"**{v}**" if v else v for v in cells]
    return cells


def markdown(c: Comparison, lang: Lang, stage: Stage) -> str:
    words = stage_params(stage, c.project.kind, lang)
    p = c.project
    out = [
        f"# {label('appraisal.table.title', lang, **words)}",
        "",
        f"- {label('appraisal.project.name', lang)}: {_md(p.name)}",
        f"- {label('appraisal.project.owner', lang)}: {_md(p.owner or '—')}",
        f"- {label('appraisal.project.preparer', lang)}: {_md(p.preparer or '—')}",
        f"- {label('appraisal.project.date', lang)}: {_date(p.date)} — {_md(p.profile(lang))}",
        f"- {label('appraisal.project.regime', lang)}: {_md(c.legal.regime_text(lang))}",
        "",
        label("appraisal.table.unit_after_vat", lang),
        "",
        _md_row(
            label("appraisal.col.number", lang),
            label("appraisal.col.id", lang),
            label("appraisal.col.content", lang),
            label("appraisal.col.submitted", lang),
            label("appraisal.col.appraised", lang, **words),
            label("appraisal.col.difference", lang),
            label("appraisal.col.reason", lang),
        ),
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for g in c.groups:
        name = label("appraisal.row.group", lang, label=g.label(lang), symbol=g.symbol)
        out.append(
            _md_row(
                f"**{g.number}**",
                "",
                f"**{_md(name)}**",
                *_md_compared(g.total, lang, bold=True),
                _md(_joined(g.notes(lang, stage))),
            )
        )
        out += [_md_line(ln, lang) for ln in g.lines]
    if c.not_computed:
        out.append(
            _md_row(
                f"**{len(c.groups) + 1}**",
                "",
                f"**{label('appraisal.row.not_computed_group', lang)}**",
                "",
                "",
                "",
                "",
            )
        )
        out += [_md_line(ln, lang) for ln in c.not_computed]
    t = c.totals
    for key, compared, bold in (
        ("subtotal", t.subtotal, True),
        ("contingency", t.contingency, False),
        ("total", t.total, True),
    ):
        text = label(f"appraisal.row.{key}", lang)
        out.append(
            _md_row(
                "",
                "",
                f"**{text}**" if bold else text,
                *_md_compared(compared, lang, bold=bold),
                "",
            )
        )
    out += [
        "",
        _md_row(
            label("appraisal.col.content", lang),
            label("appraisal.col.submitted", lang),
            label("appraisal.col.appraised", lang, **words),
            label("appraisal.col.difference", lang),
        ),
        "|---|---:|---:|---:|",
    ]
    for key in ("amount", "vat", "subtotal", "contingency", "total"):
        compared = getattr(t, key)
        out.append(_md_row(label(f"appraisal.row.{key}", lang), *_md_compared(compared, lang)))
    out += [
        "",
        label("appraisal.total_figures", lang, amount=t.total.appraised, **words),
        label("appraisal.in_words", lang, words=f"*{c.total_in_words}*"),
    ]
    if c.general or c.problems:
        out += ["", f"## {label('appraisal.general', lang)}", ""]
        out += [f"- {_md(label('appraisal.problem', lang, message=p.message))}" for p in c.problems]
        out += [f"- {_md(r.text(lang))}" for r in c.general]
    return "\n".join(out) + "\n"


def _md_line(ln: ComparisonLine, lang: Lang) -> str:
    return _md_row(
        ln.number,
        _md(ln.id),
        _md(ln.name),
        *_md_compared(ln.total, lang),
        _md(_joined(ln.notes(lang))),
    )
