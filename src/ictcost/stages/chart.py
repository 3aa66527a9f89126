"""The chart of a project's timeline: approved vs contracted vs accepted vs paid vs settled over time.

:func:`plot_timeline` draws the cumulative amounts of :meth:`Timeline.steps()
<ictcost.stages.timeline.Timeline.steps>` as step lines (each value holds until the next record
moves it): the approved ceiling (the policy's preliminary total, then the approved total, moving at
each adjustment that sets a total), the contracts signed, the work accepted, the cash paid and the
settled total; the plan's budget and the selection plan's package prices are points on their
dates. The findings are numbered marks on the dates of the records they concern
(:func:`~ictcost.stages.timeline.finding_date`), drawn on the series of their stage, and listed
under the chart.

matplotlib is an optional dependency (the ``chart`` extra), imported when a chart is drawn. The
figure is made without pyplot (no global state, no window: the Agg canvas), so drawing in a
server or a test never opens a display. The amounts are drawn as floats in millions of đồng (in
đồng when every value is below ten million): the chart is for reading only; the exact figures are
the timeline's. The dates are labelled by month (by day when the records span under 120 days).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import textwrap
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ictcost._internal._atomic import atomic_write_bytes
from ictcost.errors import InputError
from ictcost.money import format_amount
from ictcost.report.explain import Lang
from ictcost.report.parts import lang_or_default, text
from ictcost.stages.timeline import SERIES, Series, Timeline

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ictcost.checks.rules import Finding

__all__ = ["CHART_FORMATS", "plot_timeline"]

CHART_FORMATS: Final = ("png", "svg", "pdf")
"""The file formats :func:`plot_timeline` writes (from the file's suffix)."""

_STYLE: Final[dict[Series, dict[str, Any]]] = {
    "approved": {"color": "#222222", "linestyle": "--", "linewidth": 2.2},
    "contracted": {"color": "#1f77b4", "linewidth": 2.0},
    "accepted": {"color": "#2ca02c", "linewidth": 2.0},
    "paid": {"color": "#ff7f0e", "linewidth": 2.0},
    "settled": {"color": "#9467bd", "linewidth": 2.0, "marker": "D", "markevery": [0]},
}
_SEVERITY_COLOR: Final = {"error": "#d62728", "warning": "#e6a000", "info": "#7f7f7f"}
_MILLION: Final = Decimal(1_000_000)
_DPI: Final = 110
_MONTHLY_FROM_DAYS: Final = 120
"""A chart spanning fewer days labels its axis by day, otherwise by month."""


def _require_matplotlib() -> Any:  # noqa: ANN401 - the matplotlib module
    try:
        import matplotlib  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as exc:
        msg = (
            "plot_timeline() needs matplotlib, the 'chart' extra: pip install 'ictcost[chart]' "
            "(from a checkout: pip install -e '.[chart]')"
        )
        raise ImportError(msg, name="matplotlib") from exc
    return matplotlib


def _scale(timeline: Timeline) -> Decimal:
    """Millions of đồng, or đồng when every value is below ten million (a small test dossier)."""
    values = [v for series in timeline.steps().values() for _, v in series]
    values += [r.value for r in timeline.rows if r.value is not None]
    return _MILLION if values and max(abs(v) for v in values) >= 10 * _MILLION else Decimal(1)


def _scaled(value: Decimal, scale: Decimal) -> float:
    return float(value / scale)  # display only: the chart's scale


def _worst(findings: Sequence[Finding]) -> str:
    for severity in ("error", "warning", "info"):
        if any(f.severity == severity for f in findings):
            return severity
    return "info"


def _counted(findings: Sequence[Finding]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    return ", ".join(c if n == 1 else f"{c} ×{n}" for c, n in counts.items())


def plot_timeline(
    timeline: Timeline,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: Lang = "vi",
    severities: Sequence[str] = ("error", "warning"),
) -> Figure:
    """Draw a project's timeline as a step chart and, given a path, write it (PNG, SVG or PDF).

    Args:
        timeline: The timeline (:func:`~ictcost.stages.timeline.timeline`).
        path: Where to write the chart (its suffix gives the format: ``.png``, ``.svg``,
            ``.pdf``); written whole or not at all (a temporary file and a rename). ``None``:
            only return the figure.
        lang: The language of the labels (``vi`` or ``en``).
        severities: The findings marked (errors and warnings by default; ``info`` findings are
            not problems, and are left off unless asked for).

    Returns:
        The matplotlib figure (made without pyplot: show it in a notebook as the cell's value).

    Raises:
        ImportError: matplotlib is not installed (``pip install 'ictcost[chart]'``).
        InputError: the path's suffix is not one of :data:`CHART_FORMATS`, or ``lang`` is
            neither ``vi`` nor ``en``.
    """
    lang = lang_or_default(lang)
    target = Path(path) if path is not None else None
    fmt = target.suffix.lower().lstrip(".") if target is not None else "png"
    if fmt not in CHART_FORMATS:
        raise InputError(
            f"{target}: a chart is written as {', '.join(CHART_FORMATS)}, not {fmt or 'no suffix'}",
            field="path",
            hint="name the file with the suffix of its format (timeline.png, timeline.svg)",
        )
    _require_matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    marks = [
        (day, at, stage, kept)
        for day, at, stage, found in timeline.marks()
        if (kept := tuple(f for f in found if f.severity in severities))
    ]
    notes_text = _notes(timeline, marks, lang)
    list_height = 0.19 * len(notes_text) + 0.15
    fig = Figure(figsize=(12, 5.6 + list_height), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(2, 1, height_ratios=(5.6, list_height))
    ax = fig.add_subplot(grid[0])
    notes = fig.add_subplot(grid[1])
    notes.set_axis_off()
    scale = _scale(timeline)
    _draw_series(ax, timeline, lang, scale)
    _draw_marks(ax, marks, lang, scale)
    _decorate(ax, timeline, lang, scale)
    notes.text(
        0.0,
        1.0,
        "\n".join(notes_text),
        fontsize=9,
        va="top",
        ha="left",
        linespacing=1.4,
        transform=notes.transAxes,
    )
    if target is not None:
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
        if fmt == "pdf":
            metadata = {"CreationDate": None, "ModDate": None}
        fig.savefig(buffer, format=fmt, dpi=_DPI, metadata=metadata)
        atomic_write_bytes(target, buffer.getvalue())
    return fig


_Mark = tuple[dt.date, Decimal | None, str, tuple["Finding", ...]]


def _notes(timeline: Timeline, marks: Sequence[_Mark], lang: Lang) -> list[str]:
    """The lines under the chart: one per numbered mark, or why there is none."""
    if not timeline.checked:
        return textwrap.wrap(text("timeline.not_checked", lang), 130)
    if not marks:
        return [text("timeline.chart.no_marks", lang)]
    lines = [
        text("timeline.chart.mark", lang, n=str(n), date=day, stage=stage, codes=_counted(found))
        for n, (day, _, stage, found) in enumerate(marks, start=1)
    ]
    return [w for line in lines for w in textwrap.wrap(line, 130, subsequent_indent="      ")]


def _draw_series(ax: Any, timeline: Timeline, lang: Lang, scale: Decimal) -> None:  # noqa: ANN401 - an Axes
    """The step lines (held to a little past the last record) and the plan and package points."""
    steps = timeline.steps()
    days = [d for series in steps.values() for d, _ in series]
    days += [r.date for r in timeline.rows if r.date is not None]
    if not days:
        return
    end = max(days) + dt.timedelta(days=max(15, (max(days) - min(days)).days // 25))
    for key in SERIES:
        points = steps[key]
        if not points:
            continue
        xs = [d for d, _ in points] + [end]
        ys = [_scaled(v, scale) for _, v in points] + [_scaled(points[-1][1], scale)]
        label = text(f"timeline.chart.series.{key}", lang)
        ax.step(xs, ys, where="post", label=label, **_STYLE[key])
    for stage, marker in (("plan", "s"), ("selection_plan", "^")):
        row = timeline.row(stage)
        if row.value is not None and row.date is not None:
            ax.plot(
                [row.date],
                [_scaled(row.value, scale)],
                marker=marker,
                linestyle="none",
                markersize=13,
                color="#8c564b",
                markerfacecolor="white",
                markeredgewidth=1.8,
                label=text(f"timeline.chart.series.{stage}", lang),
            )


def _draw_marks(ax: Any, marks: Sequence[_Mark], lang: Lang, scale: Decimal) -> None:  # noqa: ANN401 - an Axes
    """A numbered cross per date and stage with findings, in the colour of the worst."""
    labelled = False
    for n, (day, at, _, found) in enumerate(marks, start=1):
        if at is None:
            continue
        color = _SEVERITY_COLOR[_worst(found)]
        label = None if labelled else text("timeline.chart.series.findings", lang)
        labelled = True
        ax.plot(
            [day],
            [_scaled(at, scale)],
            marker="X",
            markersize=9,
            linestyle="none",
            color=color,
            markeredgecolor="white",
            label=label,
            zorder=5,
        )
        ax.annotate(
            str(n),
            (day, _scaled(at, scale)),
            xytext=(5, 6),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            color=color,
            zorder=6,
        )


def _decorate(ax: Any, timeline: Timeline, lang: Lang, scale: Decimal) -> None:  # noqa: ANN401 - an Axes
    """Title, axes in the language's style (millions of đồng, month/year), grid, legend."""
    from matplotlib import dates as mdates  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    name = textwrap.shorten(timeline.name, 110, placeholder="…")
    title = text("timeline.chart.title", lang, project=timeline.project)
    ax.set_title(f"{title}\n{name}", fontsize=12, loc="left")
    ax.set_ylabel(text("timeline.chart.y" if scale == _MILLION else "timeline.chart.y_dong", lang))
    ax.set_xlabel(text("timeline.chart.x", lang))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_amount(Decimal(round(v)), lang)))
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call,unused-ignore]
    ax.xaxis.set_major_locator(locator)
    days = [r.date for r in timeline.rows if r.date is not None]
    short = bool(days) and (max(days) - min(days)).days < _MONTHLY_FROM_DAYS
    style = (
        ("%d/%m/%Y" if short else "%m/%Y") if lang == "vi" else ("%Y-%m-%d" if short else "%Y-%m")
    )
    ax.xaxis.set_major_formatter(mdates.DateFormatter(style))  # type: ignore[no-untyped-call,unused-ignore]
    ax.set_ylim(bottom=0)
    ax.grid(visible=True, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
