"""mkdocs hook: one page per shipped norm table, rendered from the YAML at build time.

Every number on the generated pages comes from the loaded models (``ictcost.norms``): nothing is
copied by hand, so the pages cannot drift from the data. The hook

* loads every file of the shipped pack (:func:`load_tables`) with the library's own strict loader,
  so an invalid file fails the build with the loader's ``file:line:column`` message;
* generates ``norms/<id>.md`` for each table and ``norms/index.md`` listing them all
  (:func:`on_files`, using ``File.generated``, mkdocs ≥ 1.6);
* lists the generated pages in the nav under the ``Norm tables`` entry of ``mkdocs.yml``
  (:func:`on_files` rewrites that entry before mkdocs builds the navigation).

The renderers (:func:`render_table`, :func:`render_index`) are plain functions of the models; the
tests import this file and check that every numeric cell of every table appears on its page.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from ictcost.norms.loader import iter_norm_files, load_table
from ictcost.norms.models import Instrument, NormTable, NormVersion, Value
from ictcost.norms.registry import shipped_norms_dir

if str(Path(__file__).parent) not in sys.path:  # mkdocs adds it while loading; tests do not
    sys.path.insert(0, str(Path(__file__).parent))

from norm_text import (  # the markdown helpers, shared with reference_pages
    _NO_LINKS,
    _UNITS,
    RESEARCH_NOTES_LINK,
    _code,
    _date,
    _label,
    _prose,
    _text,
    _unit,
    _url,
    format_scalar,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.norm_pages")
__all__ = [
    "RESEARCH_NOTES_LINK",
    "load_tables",
    "nav_entries",
    "on_files",
    "render_index",
    "render_table",
]

NAV_TITLE = "Norm tables"
"""The ``nav`` entry of ``mkdocs.yml`` that the generated pages are listed under."""
FOLDER = "norms"
"""The docs folder of the generated pages."""
INDEX_URI = f"{FOLDER}/index.md"
"""The generated overview page."""
IN_FORCE = "đang hiệu lực / in force"
"""How an open end (``valid_to: null``) is written."""
_NAV_WIDTH = 64
_NAV_HEAD = 12
_NAV_SHORT = (
    ("Định mức chi phí ", ""),
    (" (hạng mục hạ tầng kỹ thuật công nghệ thông tin)", " (hạ tầng)"),
    (" (hạng mục phần mềm nội bộ, cơ sở dữ liệu)", " (phần mềm, CSDL)"),
    (" (lập báo cáo nghiên cứu khả thi)", ""),
)
_NAV_GROUPS = {
    "vn/qd1688": "QĐ 1688/QĐ-BTTTT — quản lý dự án, tư vấn",
    "vn/regimes": "Chế độ pháp lý (NĐ 73/2019, NĐ 45/2026, NĐ 224/2026)",
    "vn/ucp": "Điểm trường hợp sử dụng (CV 2589, QĐ 671)",
    "vn/tax": "Thuế GTGT (Luật 48/2024/QH15)",
    "vn/salary": "Lương cơ sở",
    "vn/procurement": "Đấu thầu (NĐ 214/2025/NĐ-CP)",
    "vn/public-investment": "Đầu tư công (Luật 58/2024/QH15)",
    "vn/stages": "Giai đoạn dự án (Luật Đấu thầu 22/2023, NĐ 254/2025, NĐ 193/2026)",
    "intl/cocomo2": "COCOMO II.2000 (second opinion)",
    "intl/karner": "Karner 1993 (second opinion)",
}
"""The navigation heading of each folder of the pack: the instrument, not the path."""
_SPHINX_ROLE = re.compile(r":(?:class|func|data|meth|attr|mod|exc|obj):(<code>)~?")


class LoadedTable(NamedTuple):
    """A shipped table and the file it was read from.

    Attributes:
        table: The validated table.
        rel_path: The file's path relative to the pack directory (``vn/qd1688/qd1688-1b.yaml``).
    """

    table: NormTable
    rel_path: str

    @property
    def folder(self) -> str:
        """The folder of the file inside the pack (``vn/qd1688``), used to group the nav."""
        parent = str(PurePosixPath(self.rel_path).parent)
        return "" if parent == "." else parent


def load_tables(root: Path | None = None) -> list[LoadedTable]:
    """Load every norm file of a pack (the shipped one by default), in file order.

    Args:
        root: The pack directory; :func:`~ictcost.norms.registry.shipped_norms_dir` by default.

    Returns:
        The tables with their relative paths.

    Raises:
        ValueError: two files declare the same id (their pages would collide).
    """
    base = root if root is not None else shipped_norms_dir()
    out: list[LoadedTable] = []
    seen: dict[str, str] = {}
    for path in iter_norm_files(base):
        rel = path.relative_to(base).as_posix()
        table = load_table(path)
        if table.id in seen:
            msg = f"table id {table.id!r} is declared by both {seen[table.id]} and {rel}"
            raise ValueError(msg)
        seen[table.id] = rel
        out.append(LoadedTable(table, rel))
    return out


def page_uri(table_id: str) -> str:
    """Return the docs path of a table's page.

    Ids match ``^[a-z0-9][a-z0-9._-]*$``, so ``norms/<id>.md`` is always a valid path; the one id
    that would collide with the overview (``index``) gets ``norms/_index.md`` instead (no id can
    start with ``_``).

    Args:
        table_id: The table id.

    Returns:
        The page's ``src_uri``.
    """
    name = "_index" if table_id == "index" else table_id
    return f"{FOLDER}/{name}.md"


# --- text helpers ----------------------------------------------------------------------------


def period(version: NormVersion) -> str:
    """Return a version's period: ``valid_from → valid_to`` (inclusive) or ``→ in force``.

    Args:
        version: The version.

    Returns:
        e.g. ``2019-10-11 → đang hiệu lực / in force``.
    """
    return f"{version.valid_from.isoformat()} → {_date(version.valid_to, IN_FORCE)}"


def _cite(sources: Sequence[str], confidence: str | None = None) -> str:
    parts = ", ".join(sources)
    if confidence is not None:
        parts += f" · {confidence}"
    return f"<sup>{_text(parts)}</sup>"


class _Notes:
    """Numbered notes gathered while rendering one table (cells, rows, columns)."""

    def __init__(self, links: Mapping[str, str] = _NO_LINKS) -> None:
        self.items: list[tuple[str, str]] = []
        self.links = links

    def add(self, where: str, text: str) -> str:
        self.items.append((where, text))
        return f"<sup>\\[{len(self.items)}\\]</sup>"

    def render(self) -> list[str]:
        if not self.items:
            return []
        lines = ["", "Notes on the table:", ""]
        lines.extend(
            f"- \\[{i}\\] {where}: {_prose(text, self.links)}"
            for i, (where, text) in enumerate(self.items, start=1)
        )
        return lines


def format_value(cell: Value, notes: _Notes | None = None, where: str = "") -> str:
    """Write one cited cell: value, compact citation, and for a disputed cell its alternatives.

    Args:
        cell: The cell.
        notes: Where the cell's note (and its alternatives' notes) are numbered, if any.
        where: How the note list names the cell.

    Returns:
        Markdown (inline HTML) for a table cell, e.g. ``2.809 <sup>S4 · single</sup>``.
    """
    text = f"{format_scalar(cell.value)} {_cite(cell.source, cell.confidence)}"
    if cell.confidence == "disputed":
        text = f"**{format_scalar(cell.value)}** {_cite(cell.source, cell.confidence)}"
    if cell.note and notes is not None:
        text += " " + notes.add(where, cell.note)
    for i, alt in enumerate(cell.alternatives):
        text += f"<br>alternative {i}: {format_scalar(alt.value)} {_cite(alt.source)}"
        if alt.note and notes is not None:
            text += " " + notes.add(f"{where}, alternative {i}", alt.note)
    return text


# --- page renderers --------------------------------------------------------------------------


def _instrument_rows(ins: Instrument, links: Mapping[str, str] = _NO_LINKS) -> list[str]:
    rows = [
        ("Number", _text(ins.number)),
        ("Title", _text(ins.title) if ins.title else "—"),
        ("Issuer", _text(ins.issuer)),
        ("Signed", _date(ins.signed)),
        ("Effective from", _date(ins.effective_from)),
        ("Effective to (inclusive)", _date(ins.effective_to, "— (in force or unknown)")),
        ("URL", _url(ins.url)),
    ]
    if ins.note:
        rows.append(("Note", _prose(ins.note, links)))
    return ["| Field | Value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]


def _related(instruments: Iterable[Instrument], links: Mapping[str, str] = _NO_LINKS) -> list[str]:
    lines = [
        "| Number | Title | Issuer | Signed | Effective from | Effective to | URL | Note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for ins in instruments:
        cells = [
            _text(ins.number),
            _text(ins.title) if ins.title else "—",
            _text(ins.issuer),
            _date(ins.signed),
            _date(ins.effective_from),
            _date(ins.effective_to),
            _url(ins.url),
            _prose(ins.note, links) if ins.note else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _sources(table: NormTable, links: Mapping[str, str] = _NO_LINKS) -> list[str]:
    lines = ["| Id | Title | Kind | URL | Reference | Note |", "|---|---|---|---|---|---|"]
    for sid, src in table.sources.items():
        cells = [
            f"**{_text(sid)}**",
            _text(src.title),
            _code(src.kind),
            _url(src.url),
            _prose(src.reference, links) if src.reference else "—",
            _prose(src.note, links) if src.note else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _version_facts(version: NormVersion, links: Mapping[str, str] = _NO_LINKS) -> list[str]:
    """The bullet list above a version's table: basis, note, axis, range policy."""
    lines = []
    if version.basis:
        lines.append(f"- **Basis:** {_prose(version.basis, links)}")
    if version.note:
        lines.append(f"- **Note:** {_prose(version.note, links)}")
    if version.axis is not None:
        axis = version.axis
        label = _text(axis.label.vi)
        if axis.label.en:
            label += f" ({_text(axis.label.en)})"
        lines.append(
            f"- **First column, Gt:** {label}, in {_unit(axis.unit)} (1 = {axis.scale} đồng; "
            f"input {_code(axis.key)}). A row gives the rate at exactly that base; between two "
            "breakpoints Gb < Gt ≤ Ga the rate is interpolated linearly, "
            "Nt = Nb − (Nb − Na) × (Gt − Gb) / (Ga − Gb); below the first and above the last "
            "breakpoint the range policy applies."
        )
    if version.range_policy:
        lines.append("- **Range policy** (outside the first / last breakpoint):")
        for side, pol in sorted(version.range_policy.items(), key=lambda kv: kv[0] != "below"):
            text = f"    - {side}: {_code(pol.value)} {_cite(pol.source, pol.confidence)}"
            if pol.note:
                text += f" — {_prose(pol.note, links)}"
            lines.append(text)
    return lines


def _version_table(
    table: NormTable, version: NormVersion, links: Mapping[str, str] = _NO_LINKS
) -> list[str]:
    """One markdown table of rows × columns, every cell cited, then the numbered notes."""
    notes = _Notes(links)
    first = "Row"
    if version.axis is not None:
        first = f"Gt, {_text(_UNITS.get(version.axis.unit, version.axis.unit))}"
    header = [first]
    for col in version.columns:
        head = f"{_label(col.label)}<br>{_code(col.key)}"
        if col.unit and col.unit != table.unit:
            head += f" ({_text(col.unit)})"
        if col.note:
            head += " " + notes.add(f"column {_code(col.key)}", col.note)
        header.append(head)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in version.rows:
        name = row.name
        first_cell = f"**{name}**" if row.at is not None else _code(name)
        if row.label is not None:
            first_cell += f"<br>{_label(row.label)}"
        if row.note:
            first_cell += " " + notes.add(f"row {_code(name)}", row.note)
        cells = [first_cell]
        for col in version.columns:
            cell = row.values.get(col.key)
            where = f"row {_code(name)}, column {_code(col.key)}"
            cells.append("" if cell is None else format_value(cell, notes, where))
        lines.append("| " + " | ".join(cells) + " |")
    lines.extend(notes.render())
    return lines


def _version(
    table: NormTable, index: int, version: NormVersion, links: Mapping[str, str] = _NO_LINKS
) -> list[str]:
    n = index + 1
    return [
        "",
        f"### Version {n}: {period(version)} {{#version-{n}}}",
        "",
        *_version_facts(version, links),
        "",
        *_version_table(table, version, links),
    ]


def _folded(anchor: str, kind: str, title: str, lines: Sequence[str]) -> list[str]:
    """A collapsed block (``<details>`` of ``pymdownx.details`` styles) with an anchor ``id``."""
    return [
        f'<details class="{kind}" id="{anchor}" markdown="1">',
        f"<summary>{title}</summary>",
        "",
        *lines,
        "",
        "</details>",
        "",
    ]


def _provenance(
    table: NormTable, rel_path: str | None, links: Mapping[str, str] = _NO_LINKS
) -> list[str]:
    """Instrument, related instruments, notes and sources, each folded under the tables."""
    out = ["## Provenance {#provenance}", ""]
    if rel_path:
        out += [
            f"Generated from {_code('norms/' + rel_path)} when the documentation is built: correct "
            "the file, never this page. Each value shows its sources and confidence as "
            "<sup>source · confidence</sup> (see "
            "[confidence marks](../concepts/norm-data.md#confidence-marks)); the sources of every "
            "table are gathered on [Sources](../reference/sources.md).",
            "",
        ]
    ins = table.instrument
    number = _text(table.instrument.number)
    out += _folded("instrument", "abstract", f"Instrument: {number}", _instrument_rows(ins, links))
    if table.related_instruments:
        n = len(table.related_instruments)
        rows = _related(table.related_instruments, links)
        out += _folded("related-instruments", "abstract", f"Related instruments ({n})", rows)
    if table.notes:
        notes = [f"- {_prose(note, links)}" for note in table.notes]
        out += _folded("notes", "note", f"Notes ({len(table.notes)})", notes)
    out += _folded("sources", "quote", f"Sources ({len(table.sources)})", _sources(table, links))
    return out


def render_table(
    table: NormTable, rel_path: str | None = None, *, table_ids: Iterable[str] = ()
) -> str:
    """Render the page of one norm table (markdown).

    The table comes first (every version as rows × columns with each value's citation, the axis
    stated above it); its provenance (instrument, notes, sources) is folded below.

    Args:
        table: The table.
        rel_path: Its file inside the pack, shown on the page.
        table_ids: The ids of the tables that have a page: a `code` span of a note that names
            one of them links to its page.

    Returns:
        The page's markdown.
    """
    links = {tid: PurePosixPath(page_uri(tid)).name for tid in table_ids if tid != table.id}
    out = [f"# {_text(table.title.vi)}", ""]
    if table.title.en:
        out += [f"*{_text(table.title.en)}*", ""]
    facts = [
        f"id {_code(table.id)}",
        f"{_text(table.instrument.number)}",
        f"kind {_code(table.kind.value)}",
        f"unit {_code(table.unit)}",
        f"last verified {table.last_verified.isoformat()}",
        f"{len(table.versions)} version(s)",
    ]
    out += [" · ".join(facts), ""]
    if table.description:
        out += [_prose(table.description, links), ""]
    out += [
        "## Table {#versions}",
        "",
        f"Values are in {_unit(table.unit)} unless a column says otherwise. A version is in force "
        "from `valid_from` to `valid_to`, both days included; the provenance of the table "
        "(instrument, notes, sources) is [folded below](#provenance).",
    ]
    for i, version in enumerate(table.versions):
        out += _version(table, i, version, links)
    out += ["", *_provenance(table, rel_path, links)]
    return "\n".join(out)


def _link(table_id: str) -> str:
    """A link from the overview page to a table page (both live in ``norms/``)."""
    return f"[{_code(table_id)}]({PurePosixPath(page_uri(table_id)).name})"


def _grouped(tables: Sequence[LoadedTable]) -> dict[str, list[LoadedTable]]:
    """The tables by folder, the folders in the order of :data:`_NAV_GROUPS` (QĐ 1688 first)."""
    groups: dict[str, list[LoadedTable]] = {}
    for item in tables:
        groups.setdefault(item.folder, []).append(item)
    order = list(_NAV_GROUPS)
    rank = {folder: order.index(folder) if folder in order else len(order) for folder in groups}
    return dict(sorted(groups.items(), key=lambda kv: rank[kv[0]]))


def render_index(tables: Sequence[LoadedTable]) -> str:
    """Render the overview page listing every table, grouped as the navigation is.

    Args:
        tables: The loaded tables, in the order to list them.

    Returns:
        The markdown of ``norms/index.md``.
    """
    out = [
        "# Norm tables",
        "",
        f"The {len(tables)} tables shipped with ictcost, rendered from the YAML files under "
        "`norms/` when this site is built. Every value on their pages carries its sources and "
        "confidence; see [Norm data](../concepts/norm-data.md) for the grammar and "
        "[Sources](../reference/sources.md) for every source cited. A period ends on its last "
        "day in force (inclusive).",
    ]
    for folder, items in _grouped(tables).items():
        out += ["", f"## {_text(nav_group(folder) if folder else 'Other tables')}", ""]
        out += ["| Table | Title | Instrument | Periods |", "|---|---|---|---|"]
        for item in items:
            t = item.table
            first = (
                f"{_link(t.id)}<br><small>{_text(t.kind.value)} · verified "
                f"{t.last_verified.isoformat()}</small>"
            )
            periods = "<br>".join(period(v) for v in t.versions)
            cells = [first, _label(t.title), _text(t.instrument.number), periods]
            out.append("| " + " | ".join(cells) + " |")
    out.append("")
    return "\n".join(out)


def nav_title(table: NormTable) -> str:
    """Return a table's short title for the navigation (``Bảng 1b — quản lý dự án (phần mềm)``).

    Args:
        table: The table.

    Returns:
        The Vietnamese title, its boilerplate shortened (``Định mức chi phí`` dropped, the part
        named in two words) and cut at a word to at most 60 characters.
    """
    title = " ".join(table.title.vi.split())
    for long, short in _NAV_SHORT:
        title = title.replace(long, short)
    for cut in (" — ", ": ", " ("):
        head = title.split(cut, 1)[0]
        generic = head.startswith("Bảng ") or head == table.instrument.number
        if len(title) > _NAV_WIDTH and len(head) >= _NAV_HEAD and not generic:
            title = head
    if len(title) > _NAV_WIDTH:
        title = title[: _NAV_WIDTH - 1].rsplit(" ", 1)[0].rstrip(" ,—(:") + "…"
    return title


def nav_group(folder: str) -> str:
    """Return the navigation heading of a folder of the pack: the instrument, not the path.

    Args:
        folder: The folder inside the pack (``vn/qd1688``).

    Returns:
        e.g. ``QĐ 1688/QĐ-BTTTT — phí quản lý dự án, tư vấn``; the folder itself if unknown.
    """
    return _NAV_GROUPS.get(folder, folder)


def nav_entries(tables: Sequence[LoadedTable]) -> list[Any]:
    """Return the nav section of the generated pages, grouped by instrument (folder of the pack).

    Args:
        tables: The loaded tables.

    Returns:
        ``[{"All tables": "norms/index.md"}, {"QĐ 1688/QĐ-BTTTT — …": [{"Bảng 1a — …":
        "norms/qd1688-1a.md"}, ...]}, ...]``.
    """
    entries: list[Any] = [{"All tables": INDEX_URI}]
    for folder, items in _grouped(tables).items():
        pages = [{nav_title(item.table): page_uri(item.table.id)} for item in items]
        if folder:
            entries.append({nav_group(folder): pages})
        else:
            entries.extend(pages)
    return entries


def _replace_nav(nav: list[Any] | None, entries: list[Any]) -> bool:
    for i, entry in enumerate(nav or []):
        if isinstance(entry, dict) and NAV_TITLE in entry:
            assert nav is not None
            nav[i] = {NAV_TITLE: entries}
            return True
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list) and _replace_nav(value, entries):
                    return True
    return False


# --- mkdocs events ---------------------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generate the norm pages and list them in the nav (mkdocs event).

    Args:
        files: The files of the site.
        config: The site configuration (its ``nav`` is completed here, before mkdocs reads it).

    Returns:
        The files, with one generated page per table and the overview.

    Raises:
        PluginError: a norm file is invalid, two files share an id, or the nav has no
            ``Norm tables`` entry.
    """
    from mkdocs.exceptions import PluginError  # noqa: PLC0415 - mkdocs is only needed at build
    from mkdocs.structure.files import File  # noqa: PLC0415

    try:
        tables = load_tables()
    except ValueError as exc:  # NormDataError is a ValueError; its text lists every problem
        msg = f"norm_pages: cannot load the shipped norm tables:\n{exc}"
        raise PluginError(msg) from exc
    generated = {INDEX_URI: render_index(tables)}
    ids = [item.table.id for item in tables]
    for item in tables:
        generated[page_uri(item.table.id)] = render_table(item.table, item.rel_path, table_ids=ids)
    for uri, content in generated.items():
        if uri in files.src_uris:
            msg = f"norm_pages: {uri} is generated; remove the file docs/{uri}"
            raise PluginError(msg)
        files.append(File.generated(config, uri, content=content))
    if config.nav is not None and not _replace_nav(config.nav, nav_entries(tables)):
        msg = f"norm_pages: mkdocs.yml's nav needs a '{NAV_TITLE}' entry for the norm pages"
        raise PluginError(msg)
    log.debug("norm_pages: generated %d pages", len(generated))
    return files


def on_page_content(html: str, **_kwargs: Any) -> str:
    """Drop the Sphinx roles some docstrings use (``:class:`X``` renders as ``X``; mkdocs event).

    The API pages render google-style docstrings, in which a role such as ``:func:`round_vnd```
    would otherwise show its ``:func:`` prefix. The name stays as inline code.

    Args:
        html: The page's HTML.
        **_kwargs: ``page``, ``config`` and ``files`` (unused).

    Returns:
        The HTML without role prefixes.
    """
    return _SPHINX_ROLE.sub(r"\1", html)
