"""Console views of ictcost's results, in one language (needs the ``cli`` extra: ``rich``).

Each ``*_view`` function returns a rich renderable that the ``ictcost`` command prints; nothing
here computes, reads files or parses text. Every text comes from the message catalogue
(:mod:`ictcost.report.messages.cli`) in the language asked for (``vi`` by default), numbers,
amounts and dates in that language's style (:mod:`ictcost.report.explain`).

Amounts are right-aligned in columns that never wrap and ids never wrap, so a narrow terminal (80
columns) folds the names and the explanations at words, never a figure or an id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ictcost._internal._inert import strip_control_chars
from ictcost.report._console_cells import plain, tr
from ictcost.report._console_estimate import (
    estimate_view,
    fee_items_view,
    fee_view,
    regime_text,
)
from ictcost.report._console_norms import (
    findings_view,
    norm_table_view,
    norms_list_view,
    problems_view,
)
from ictcost.report._console_portfolio import (
    portfolio_load_view,
    portfolio_report_view,
    portfolio_text,
)
from ictcost.report._console_software import software_view
from ictcost.report.explain import Lang

if TYPE_CHECKING:
    from ictcost.errors import IctcostError
    from ictcost.regimes import Regime

__all__ = [
    "InertConsole",
    "Setting",
    "config_view",
    "error_view",
    "estimate_view",
    "fee_items_view",
    "fee_view",
    "findings_view",
    "line_view",
    "make_console",
    "message_text",
    "missing_extra_view",
    "norm_table_view",
    "norms_list_view",
    "portfolio_load_view",
    "portfolio_report_view",
    "portfolio_text",
    "problems_view",
    "sample_title_view",
    "software_view",
    "written_view",
]

Setting = tuple[str, str, str]
"""One setting in effect: ``(key, value as text, where it came from)``."""


class InertConsole(Console):
    """A console that never writes a control character it did not make itself (review D9).

    The views build their texts with :func:`~ictcost.report._console_cells.plain`, which removes
    whole escape sequences from the data; this console also drops, from every segment of text it
    renders, any control character left (C0 but tab and line feed, DEL, C1, the bidirectional
    overrides), whatever printed it. Those characters have no width, so the layout is unchanged;
    the console's own styles (colours, bold) are added after and are kept.
    """

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterator[Segment]:
        """Render like :meth:`rich.console.Console.render`, without control characters in text."""
        for segment in super().render(renderable, options):
            text = segment.text
            if segment.control is None and text != "\n" and not text.isprintable():
                yield Segment(strip_control_chars(text), segment.style)
            else:
                yield segment


def make_console(*, stderr: bool = False) -> Console:
    """Return the console the command prints to (its width follows the terminal or ``COLUMNS``).

    Args:
        stderr: Print to standard error (messages about errors, progress).

    Returns:
        A console without syntax highlighting, which wraps text at words to its width and never
        writes a control character from the data (:class:`InertConsole`).
    """
    return InertConsole(stderr=stderr, highlight=False)


def message_text(code: str, lang: Lang, /, **params: object) -> str:
    """Return the text of a catalogue code in ``lang`` (values already in the language's style)."""
    return tr(code, lang, **params)


def line_view(text: str) -> RenderableType:
    """Return a line of plain text (never read as markup), wrapped at words to the width."""
    return plain(text)


def written_view(paths: Iterable[Path | None], lang: Lang = "vi") -> RenderableType:
    """Return ``wrote PATH`` for every file written (``None`` entries are skipped)."""
    return Group(*(plain(tr("cli.wrote", lang, path=str(p))) for p in paths if p is not None))


def error_view(exc: IctcostError) -> RenderableType:
    """Return an error as the command shows it: message, problems, how to fix, the code.

    The errors of the library are written in English (their codes are documented), so this
    view has no language. The message may quote a value from a file: it is shown as written,
    never as markup, and without terminal control sequences (review D9).
    """
    return plain(f"error: {exc}")


def missing_extra_view(what: str, extra: str, lang: Lang = "vi") -> RenderableType:
    """Return the message for a feature whose optional dependencies are not installed.

    The hint works while ictcost is not on PyPI: from a checkout, ``pip install -e '.[extra]'``.

    Args:
        what: The feature (``--xlsx``).
        extra: The extra that brings it (``excel``).
        lang: The language of the text.

    Returns:
        The renderable.
    """
    return plain(tr("cli.missing_extra", lang, what=what, extra=extra))


def sample_title_view(regime: Regime, lang: Lang = "vi") -> RenderableType:
    """Return the title of the sample job of ``ictcost demo`` (the regime of its date)."""
    return Text.assemble((tr("cli.demo.title", lang), "bold"), f" ({regime_text(regime, lang)})")


def config_view(settings: Sequence[Setting], files: Sequence[Path], lang: Lang = "vi") -> Table:
    """Return the settings in effect, each with where it came from (``ictcost config``).

    Args:
        settings: ``(key, value, source)`` of every setting.
        files: The configuration files read (none when no file was found).
        lang: The language of the texts.

    Returns:
        The renderable.
    """
    caption = (
        tr("cli.config.files", lang, files=", ".join(str(f) for f in files))
        if files
        else tr("cli.config.no_file", lang)
    )
    t = Table(title=tr("cli.config.title", lang), caption=plain(caption))
    t.add_column(tr("cli.config.col.key", lang), no_wrap=True)
    t.add_column(tr("cli.config.col.value", lang), overflow="fold")
    t.add_column(tr("cli.config.col.source", lang), overflow="fold")
    for key, value, source in settings:
        t.add_row(plain(key), plain(value), plain(source))
    return t
