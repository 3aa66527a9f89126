"""mkdocs hook: the reference pages built from the data and the code, never written by hand.

* ``reference/sources.md``: every source the shipped norm files cite, once, with the tables that
  cite it, and what the "research notes" the files mention are (:func:`render_sources`);
* ``reference/allowed-values.md``: the allowed values of every key of the input (components,
  methods, VAT categories, project kinds, documents, …) from the ``Literal`` types of
  ``ictcost.keys``, with the labels the norm data gives them per legal regime
  (:func:`render_allowed_values`).

Both pages are generated in :func:`on_files` (``File.generated``) and listed in the nav under
``Reference``. The renderers are plain functions; ``tests/test_docs.py`` checks their output.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, get_args

import ictcost.keys
from ictcost.labels import component_labels, method_labels
from ictcost.norms import NormRegistry
from ictcost.norms.models import LocalizedText
from ictcost.regimes import regimes

if str(Path(__file__).parent) not in sys.path:  # mkdocs adds it while loading; tests do not
    sys.path.insert(0, str(Path(__file__).parent))


import norm_pages  # the sibling hooks, importable once their folder is on the path
import norm_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_ROLE = re.compile(r":(?:class|func|data|meth|attr|mod|exc|obj):(?=`)")
SOURCES_URI = "reference/sources.md"
"""The generated page of every cited source."""
VALUES_URI = "reference/allowed-values.md"
"""The generated page of the allowed values."""
KEY_TYPES = (
    "Component",
    "Method",
    "VatCategory",
    "VatTreatment",
    "ProjectKind",
    "DocumentKind",
    "ProjectForm",
    "Part",
    "EstimateKind",
    "ProjectGroup",
    "FeeRateOn",
    "GroupKey",
    "MethodStatus",
    "Flag",
)
"""The ``Literal`` types of ``ictcost.keys`` listed on the allowed-values page, in this order."""


class CitedSource(NamedTuple):
    """One source as the norm files register it, and the tables citing it.

    Attributes:
        title: The source's title.
        kind: Its kind (``calculator``, ``consolidated_text``, …).
        url: Its public address, or ``None`` when none is known.
        tables: ``(table id, source id in that file)`` of every table that registers it.
    """

    title: str
    kind: str
    url: str | None
    tables: tuple[tuple[str, str], ...]


def cited_sources(tables: Sequence[norm_pages.LoadedTable]) -> list[CitedSource]:
    """Gather the sources of every table, one entry per (title, URL), sorted by title.

    Args:
        tables: The loaded tables.

    Returns:
        The sources with the tables that cite them.
    """
    found: dict[tuple[str, str | None], tuple[str, list[tuple[str, str]]]] = {}
    for item in tables:
        for sid, src in item.table.sources.items():
            key = (" ".join(src.title.split()), src.url)
            found.setdefault(key, (src.kind, []))[1].append((item.table.id, sid))
    return [
        CitedSource(title, kind, url, tuple(cites))
        for (title, url), (kind, cites) in sorted(
            found.items(), key=lambda kv: kv[0][0].lstrip("'\"‘“(").lower()
        )
    ]


def render_sources(tables: Sequence[norm_pages.LoadedTable]) -> str:
    """Render ``reference/sources.md``.

    Args:
        tables: The loaded tables.

    Returns:
        The page's markdown.
    """
    sources = cited_sources(tables)
    with_url = sum(1 for s in sources if s.url)
    out = [
        "# Sources",
        "",
        f"The {len(tables)} shipped norm tables cite {len(sources)} distinct sources; "
        f"{with_url} of them have a public address. Every value on a "
        "[norm table page](../norms/index.md) names its sources by the id its file gives "
        "them (`S4`, `R16`, …); the table below lists each source once, with the tables and "
        "ids that cite it. A source without an address was read in a file that has no stable "
        "public link (a calculator's constants file, a practitioner's spreadsheet): its title "
        "says what it is. Nothing here is added by hand: the page is built from the files.",
        "",
        "## Research notes {#research-notes}",
        "",
        "Some notes and references in the norm files cite the maintainers' research notes: "
        + ", ".join(f"`{name}.md`" for name in norm_text.RESEARCH_NOTE_NAMES)
        + ". They are working notes in which each source was read, compared with the others "
        "and graded (the `confidence` marks); they are **not published**, neither in the "
        "repository nor on this site, and no link to them is given. What a value rests on is "
        "the public source it cites, listed below; a section mark such as `§1.8` only tells "
        "the maintainers where the reading is recorded.",
        "",
        "## Every cited source {#every-source}",
        "",
        "| Source (cited by table: id) | Kind | Address |",
        "|---|---|---|",
    ]
    for src in sources:
        cites = ", ".join(
            f"[{norm_text._code(tid)}]({_norm_link(tid)}#sources): {norm_text._text(sid)}"
            for tid, sid in src.tables
        )
        out.append(
            f"| {norm_text._text(src.title)}<br><small>cited by {cites}</small> | "
            f"{norm_text._code(src.kind)} | {norm_text._url(src.url)} |"
        )
    out.append("")
    return "\n".join(out)


def _norm_link(table_id: str) -> str:
    return "../" + norm_pages.page_uri(table_id)


def _docstrings(module: Any) -> dict[str, str]:
    """The attribute docstrings of a module (the string right after ``Name = ...``)."""
    tree = ast.parse(inspect.getsource(module))
    out: dict[str, str] = {}
    body = tree.body
    for node, nxt in itertools.pairwise(body):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if (
            targets
            and isinstance(targets[0], ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            text = inspect.cleandoc(nxt.value.value).replace("``", "`")
            out[targets[0].id] = _ROLE.sub("", text)
    return out


def _labels_by_regime(
    registry: NormRegistry, read: Any
) -> tuple[list[str], dict[str, list[LocalizedText | None]]]:
    """The label of every key under each regime (``None`` where the regime has no such row)."""
    heads: list[str] = []
    per_regime: list[dict[str, LocalizedText]] = []
    for regime_id, start, _end in regimes(registry):
        heads.append(f"{regime_id} (from {start.isoformat()})")
        per_regime.append(read(registry, start))
    keys = list(dict.fromkeys(k for labels in per_regime for k in labels))
    return heads, {k: [labels.get(k) for labels in per_regime] for k in keys}


def _label_cell(text: LocalizedText | None) -> str:
    return "—" if text is None else norm_text._label(text)


def render_allowed_values(registry: NormRegistry | None = None) -> str:
    """Render ``reference/allowed-values.md``.

    Args:
        registry: The registry whose labels to show (the shipped one by default).

    Returns:
        The page's markdown: one section per key type, its values and its meaning.
    """
    reg = registry if registry is not None else NormRegistry.shipped()
    docs = _docstrings(ictcost.keys)
    labelled = {"Component": component_labels, "Method": method_labels}
    out = [
        "# Allowed values",
        "",
        "The words a project file, a JSON document or a function argument may use for each "
        "key, read from the `Literal` types of [`ictcost.keys`](../api/keys.md) when this "
        "site is built. Components and methods also show the labels the norm data gives "
        "them in each legal regime (a `—` means the regime has no such row). The JSON Schemas "
        "of the documents are in `docs/schema/`.",
    ]
    for name in KEY_TYPES:
        values = get_args(getattr(ictcost.keys, name))
        out += ["", f"## `{name}` {{#{name.lower()}}}", ""]
        if name in docs:
            out += [norm_text._prose(docs[name]), ""]
        if name in labelled:
            heads, labels = _labels_by_regime(reg, labelled[name])
            out += ["| Value | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
            for value in values:
                cells = [_label_cell(t) for t in labels.get(value, [None] * len(heads))]
                out.append(f"| `{value}` | " + " | ".join(cells) + " |")
        else:
            out.append(", ".join(f"`{value}`" for value in values))
    out.append("")
    return "\n".join(out)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generate the two reference pages (mkdocs event).

    Args:
        files: The files of the site.
        config: The site configuration.

    Returns:
        The files with the generated pages.

    Raises:
        PluginError: a generated page also exists as a file under ``docs/``.
    """
    from mkdocs.exceptions import PluginError  # noqa: PLC0415 - mkdocs is only needed at build
    from mkdocs.structure.files import File  # noqa: PLC0415

    tables = norm_pages.load_tables()
    for uri, content in (
        (SOURCES_URI, render_sources(tables)),
        (VALUES_URI, render_allowed_values()),
    ):
        if uri in files.src_uris:
            msg = f"reference_pages: {uri} is generated; remove the file docs/{uri}"
            raise PluginError(msg)
        files.append(File.generated(config, uri, content=content))
    return files


__all__ = [
    "SOURCES_URI",
    "VALUES_URI",
    "CitedSource",
    "cited_sources",
    "on_files",
    "render_allowed_values",
    "render_sources",
]
