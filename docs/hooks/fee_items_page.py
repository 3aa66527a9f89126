"""mkdocs hook: the QĐ 1688 fee-items page (``docs/reference/fee-items.md``), generated from the data.

Every cell of the page is read through the norm registry (``NormRegistry.shipped()``, then
``registry.get(table, date)`` for each version of a table): the fee items and their rules
(``qd1688-items``), the definitions of their bases (``qd1688-bases``), the default part of each
component (``qd1688-parts``), the column family each project kind × document selects under each
regime (``project-documents``) and the K rows (``qd1688-k-coefficients``). Nothing is copied by
hand, so the page cannot drift from the data: the committed ``docs/reference/fee-items.md`` is this
output (``tests/test_fee_items_docs.py`` compares them), and at build time
:func:`on_page_markdown` serves the same text.

Regenerate the page with ``python docs/hooks/fee_items_page.py``; ``--check`` exits 1 when the
committed page is stale. Rows whose data looks inconsistent (a base key without a definition, a
table that is not in the registry, a K row the K table does not have) are listed in a warning on
the page (:func:`data_problems`).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ictcost.errors import NormNotFoundError, RegimeError
from ictcost.norms.models import NormVersion, Row, Scalar, Value
from ictcost.norms.registry import InForce, NormRegistry
from ictcost.regimes import regime_on

if str(Path(__file__).parent) not in sys.path:  # mkdocs adds it while loading; tests do not
    sys.path.insert(0, str(Path(__file__).parent))

import norm_text  # the markdown helpers of the norm pages (research-note links)

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

PAGE = Path(__file__).resolve().parents[1] / "reference" / "fee-items.md"
"""The generated page."""
SRC_URI = "reference/fee-items.md"
"""The page's path inside ``docs/``."""
NORM_PAGES = "../norms"
"""Where the norm-table pages (``docs/hooks/norm_pages.py``) are, seen from this page."""

ITEMS = "qd1688-items"
BASES = "qd1688-bases"
PARTS = "qd1688-parts"
DOCUMENTS = "project-documents"
K_TABLE = "qd1688-k-coefficients"
TABLES = (ITEMS, BASES, PARTS, DOCUMENTS, K_TABLE)
"""The tables the page is generated from, in the order the sources are listed."""

CATEGORY = {"infrastructure": "hạ tầng (a)", "software": "phần mềm (b)"}
FORM = {"project": "dự án", "ktkt": "KTKT"}
PART = {
    "infrastructure": "hạ tầng kỹ thuật (infrastructure)",
    "software": "phần mềm, CSDL (software)",
}
TAX = {"before_vat": "trước VAT (before VAT)"}
IN_FORCE = "nay"
_CONFIDENCE_ORDER = ("disputed", "inferred", "single", "secondary", "primary")
_RESEARCH_NOTES = "sources.md#research-notes"
"""Where a citation of the research notes links to (the page is ``reference/fee-items.md``)."""


# --- text helpers ----------------------------------------------------------------------------


def _esc(text: object) -> str:
    """Escape free text for one line of markdown (a paragraph or a table cell)."""
    flat = " ".join(str(text).split())
    out = html.escape(flat, quote=False)
    return "".join(f"\\{ch}" if ch in "\\`*_[]|" else ch for ch in out)


def _code(word: object) -> str:
    text = str(word)
    if "|" in text or "`" in text or "\n" in text:  # would break a table cell: plain text
        return _esc(text)
    return f"`{text}`"


def _prose(text: object) -> str:
    """Escape a note, keeping its `code` spans as inline code.

    A citation of the maintainers' unpublished research notes (``norms-and-regimes.md`` …)
    links to the sources page, which says what they are.
    """
    flat = " ".join(str(text).split())
    out: list[str] = []
    pos = 0
    for match in norm_text.TOKEN.finditer(flat):
        out.append(_esc(flat[pos : match.start()]))
        if match.group("note"):
            out.append(f"[research notes {_code(match.group('note'))}]({_RESEARCH_NOTES})")
        else:
            out.append(_code(match.group("code")))
        pos = match.end()
    out.append(_esc(flat[pos:]))
    return "".join(out)


def _plain(d: Decimal) -> str:
    """A decimal's digits without exponent: ``Decimal("40.00")`` → ``40``, ``1E+1`` → ``10``."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def vn_number(value: Decimal, *, as_stored: bool = True) -> str:
    """Write a number in Vietnamese style: decimal comma, a dot between thousands.

    Args:
        value: The number.
        as_stored: Keep the digits as stored (``0.40`` → ``0,40``); otherwise drop trailing zeros.

    Returns:
        e.g. ``10.000.000``, ``0,84``, ``1,65``.

    Examples:
        >>> vn_number(Decimal("10000000")), vn_number(Decimal("0.84")), vn_number(Decimal("-1234.5"))
        ('10.000.000', '0,84', '-1.234,5')
    """
    text = format(value, "f") if as_stored else _plain(value)
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return f"{out},{frac}" if frac else out


def _percent(weight: Decimal) -> str:
    return f"{vn_number(weight * 100, as_stored=False)} %"


def _period(version: NormVersion) -> str:
    end = version.valid_to.isoformat() if version.valid_to else IN_FORCE
    return f"{version.valid_from.isoformat()} → {end}"


def _label(row: Row) -> str:
    if row.label is None:
        return ""
    out = _esc(row.label.vi)
    if row.label.en and row.label.en != row.label.vi:
        out += f"<br><small>{_esc(row.label.en)}</small>"
    return out


def confidence_rank(mark: str) -> tuple[int, int]:
    """Order confidence marks weakest first, as ``ictcost.fees.result.weakest_confidence`` does.

    ``disputed`` < ``inferred`` < ``single`` < ``secondary-N`` < ``primary``; between two
    ``secondary`` marks the one with fewer sources is the weaker (so the order is total and the
    page is the same on every run).
    """
    for i, prefix in enumerate(_CONFIDENCE_ORDER):
        if mark.startswith(prefix):
            tail = mark[len(prefix) :].lstrip("-")
            return i, int(tail) if tail.isdigit() else 0
    return len(_CONFIDENCE_ORDER), 0


def weakest(cells: Iterable[Value]) -> tuple[str, tuple[str, ...]]:
    """Return the weakest confidence of some cells and the source ids of the cells that have it.

    Args:
        cells: The cells.

    Returns:
        ``(mark, source ids in first-seen order)``; ``("none", ())`` for no cell.
    """
    cells = list(cells)
    if not cells:
        return "none", ()
    mark = min((c.confidence for c in cells), key=confidence_rank)
    sources: dict[str, None] = {}
    for cell in cells:
        if cell.confidence == mark:
            sources.update(dict.fromkeys(cell.source))
    return mark, tuple(sources)


# --- the data ---------------------------------------------------------------------------------


class Versioned(NamedTuple):
    """One version of a table, read through the registry on its first day.

    Attributes:
        version: The version.
        table: The version in force on its ``valid_from`` (``registry.get``).
    """

    version: NormVersion
    table: InForce


def versions(registry: NormRegistry, table_id: str) -> list[Versioned]:
    """Return every version of a table as the registry serves it on the version's first day."""
    return [
        Versioned(v, registry.get(table_id, v.valid_from))
        for v in registry.table(table_id).versions
    ]


def _in_force(registry: NormRegistry, table_id: str, on: dt.date) -> InForce | None:
    try:
        return registry.get(table_id, on)
    except NormNotFoundError:  # no such table, or no version on that day
        return None


def item_of(row: Row) -> str:
    """The item key of a ``qd1688-items`` row (``<item>.<category>.<form>``)."""
    return row.name.split(".", 1)[0]


def _split(row: Row) -> tuple[str, str, str]:
    item, _, rest = row.name.partition(".")
    category, _, form = rest.partition(".")
    return item, category, form


_GROUPS = {
    "part1": ("part1_table", "part1_column", "part1_weight"),
    "part2": ("part2_table", "part2_column", "part2_weight"),
    "part3": ("part3_table", "part3_column", "part3_weight"),
    "switch": ("switch_table", "switch_column", "switch_above"),
}
"""The cells that go together in a ``qd1688-items`` row: a table, its column, a weight/threshold."""


def _row_problems(
    registry: NormRegistry, row: Row, day: dt.date, base_keys: set[str], k_rows: set[str]
) -> list[str]:
    vals = row.values
    problems: list[str] = []
    base = vals["base"].value if "base" in vals else None
    if base is None:
        problems.append("no base key")
    elif str(base) not in base_keys:
        problems.append(f"base {_code(base)} has no definition in {_code(BASES)}")
    if "part1_table" not in vals:
        problems.append("no part1_table")
    for name, keys in _GROUPS.items():
        missing = [k for k in keys if k not in vals]
        if len(missing) == len(keys):
            continue
        if missing:
            problems.append(f"{name} lacks {', '.join(missing)}")
        if keys[0] not in vals:
            continue
        table_id = str(vals[keys[0]].value)
        rate = _in_force(registry, table_id, day)
        if rate is None:
            problems.append(f"{keys[0]} {_code(table_id)} is not a table in force")
        elif keys[1] in vals and rate.version.column(str(vals[keys[1]].value)) is None:
            problems.append(f"table {_code(table_id)} has no column {_code(vals[keys[1]].value)}")
    if "k_row" in vals and str(vals["k_row"].value) not in k_rows:
        problems.append(f"K row {_code(vals['k_row'].value)} is not a row of {_code(K_TABLE)}")
    return problems


def data_problems(registry: NormRegistry) -> list[str]:
    """Return what looks inconsistent between the item rules and the tables they name.

    Checked for every version of ``qd1688-items`` on its first day: each row's base key has a
    definition in ``qd1688-bases``; each part and the switch name a table in force that has the
    column named, with all their cells (table, column, weight or threshold); each ``k_row`` is a
    row of ``qd1688-k-coefficients``.

    Returns:
        One line of text (markdown) per problem, empty when the data is consistent.
    """
    problems: list[str] = []
    for v in versions(registry, ITEMS):
        day = v.version.valid_from
        bases = _in_force(registry, BASES, day)
        base_keys = {r.name for r in bases.rows()} if bases else set()
        k_table = _in_force(registry, K_TABLE, day)
        k_rows = {r.name for r in k_table.rows()} if k_table else set()
        for row in v.table.rows():
            where = f"{_code(row.name)} ({_period(v.version)})"
            problems += [
                f"{where}: {p}" for p in _row_problems(registry, row, day, base_keys, k_rows)
            ]
    return problems


# --- notes and citations ----------------------------------------------------------------------


class _Notes:
    """Numbered notes of one table on the page; the same text keeps its number."""

    def __init__(self) -> None:
        self.items: dict[str, int] = {}

    def mark(self, text: str | None) -> str:
        if not text:
            return ""
        number = self.items.setdefault(text, len(self.items) + 1)
        return f"<sup>\\[{number}\\]</sup>"

    def marks(self, texts: Iterable[str | None]) -> str:
        return "".join(self.mark(t) for t in texts)

    def render(self) -> list[str]:
        if not self.items:
            return []
        lines = ["", "Ghi chú (notes):", ""]
        lines += [f"- \\[{n}\\] {_prose(text)}" for text, n in self.items.items()]
        return lines


class _Sources:
    """The source ids cited on the page, per table, to list them at the end."""

    def __init__(self) -> None:
        self.used: dict[str, dict[str, None]] = {}

    def cite(self, table_id: str, cells: Iterable[Value]) -> str:
        """The weakest confidence of the cells with its sources, e.g. ``single · S4``."""
        cells = list(cells)
        mark, ids = weakest(cells)
        used = self.used.setdefault(table_id, {})
        for cell in cells:
            used.update(dict.fromkeys(cell.source))
            for alt in cell.alternatives:
                used.update(dict.fromkeys(alt.source))
        return f"{mark} · {', '.join(ids)}" if ids else mark

    def render(self, registry: NormRegistry) -> list[str]:
        lines = [
            "## Nguồn (sources) {#nguon}",
            "",
            "Mã nguồn (source id) là mã của từng bảng dữ liệu; mỗi trang bảng định mức có danh "
            "sách đầy đủ. *Source ids are those of each norm table.*",
            "",
            "| Bảng (table) | Mã (id) | Nguồn (source) | Loại (kind) |",
            "| --- | --- | --- | --- |",
        ]
        for table_id in (*TABLES, *sorted(set(self.used) - set(TABLES))):
            sources = registry.table(table_id).sources
            for sid in self.used.get(table_id, {}):
                src = sources[sid]
                link = f"[{_code(table_id)}]({NORM_PAGES}/{table_id}.md#sources)"
                lines.append(f"| {link} | **{_esc(sid)}** | {_esc(src.title)} | {_esc(src.kind)} |")
        return lines


def _table_link(registry: NormRegistry, table_id: str) -> str:
    """``[Bảng 1a](../norms/qd1688-1a.md)`` for a table of the registry, else the text."""
    if table_id not in registry:
        return _esc(table_id)
    title = registry.table(table_id).title.vi
    name = title.split(" — ", 1)[0] if title.startswith("Bảng") else table_id
    return f"[{_esc(name)}]({NORM_PAGES}/{table_id}.md)"


def _scalar(value: Scalar) -> str:
    if isinstance(value, bool):
        return _code(str(value).lower())
    if isinstance(value, Decimal):
        return vn_number(value)
    if isinstance(value, tuple):
        return ", ".join(_code(v) for v in value) if value else "—"
    if value is None:
        return "—"
    return _code(value) if re.fullmatch(r"[A-Za-z0-9_.-]+", str(value)) else _esc(value)


# --- sections -----------------------------------------------------------------------------------


def _versions_heading(vs: Sequence[Versioned], v: Versioned) -> list[str]:
    """A line naming the version when a table has several, else nothing."""
    if len(vs) == 1:
        return [f"Hiệu lực (in force): {_period(v.version)}.", ""]
    return [f"**Phiên bản (version) {_period(v.version)}**", ""]


def _bases_section(
    registry: NormRegistry, sources: _Sources, used: dict[str, list[str]]
) -> list[str]:
    out = [
        "## Cơ sở tính (fee bases) {#co-so-tinh}",
        "",
        "Mỗi khóa cơ sở (cột `base` của các hạng mục) là tổng chi phí trước thuế của các dòng "
        "thuộc các nhóm chi phí và hạng mục (phần) ghi dưới đây. "
        "*Each base key sums the pre-VAT amounts of the lines of these statutory groups and part; "
        "the components column narrows it.*",
        "",
    ]
    vs = versions(registry, BASES)
    for v in vs:
        notes = _Notes()
        out += _versions_heading(vs, v)
        out += [
            "| Cơ sở (base) | Hạng mục (part) | Nhóm chi phí (groups) | Khoản mục (components) "
            "| Thuế (tax) | Dùng cho (items) | Nguồn (citation) |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in v.table.rows():
            vals = row.values

            def cell(
                col: str, shown: str, vals: dict[str, Value] = vals, notes: _Notes = notes
            ) -> str:
                if col not in vals:
                    return "—"
                return shown + notes.mark(vals[col].note)

            part = vals["part"].value if "part" in vals else None
            part_text = PART.get(str(part), _scalar(part))
            groups = _scalar(vals["groups"].value) if "groups" in vals else ""
            comp: list[str] = []
            if "components" in vals:
                comp.append(cell("components", f"chỉ (only) {_scalar(vals['components'].value)}"))
            if "exclude_components" in vals:
                comp.append(
                    cell(
                        "exclude_components",
                        f"trừ (except) {_scalar(vals['exclude_components'].value)}",
                    )
                )
            tax = vals["tax"].value if "tax" in vals else None
            items = used.get(row.name, [])
            item_links = ", ".join(f"[{_code(i)}](#{i})" for i in items) or "— (none)"
            cells = [
                f"{_code(row.name)}<br>{_label(row)}" + notes.mark(row.note),
                cell("part", part_text),
                cell("groups", groups),
                "<br>".join(comp) or "tất cả (all)",
                cell("tax", TAX.get(str(tax), _scalar(tax))),
                item_links,
                sources.cite(BASES, vals.values()),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out += notes.render()
        out.append("")
    return out


def _parts_section(registry: NormRegistry, sources: _Sources) -> list[str]:
    out = [
        "## Hạng mục mặc định (default part) {#hang-muc-mac-dinh}",
        "",
        "Hạng mục (phần) của một dòng khi dòng không ghi `part:`; nó quyết định dòng thuộc cơ sở "
        "của bảng 'a' hay bảng 'b'. *The part a line takes from its component when it does not "
        "state one.*",
        "",
    ]
    vs = versions(registry, PARTS)
    for v in vs:
        notes = _Notes()
        out += _versions_heading(vs, v)
        out += [
            "| Khoản mục (component) | Hạng mục mặc định (default part) | Độ tin cậy (confidence) |",
            "| --- | --- | --- |",
        ]
        for row in v.table.rows():
            cell = row.values.get("part")
            if cell is None:
                shown, cite = "—", "none"
            else:
                shown = (
                    "— không có mặc định (no default: the line states it)"
                    if cell.value is None
                    else PART.get(str(cell.value), _scalar(cell.value))
                )
                shown += notes.mark(cell.note)
                cite = sources.cite(PARTS, [cell])
            label = f"{_code(row.name)}<br>{_label(row)}" + notes.mark(row.note)
            out.append(f"| {label} | {shown} | {cite} |")
        out += notes.render()
        out.append("")
    return out


def _regime_heading(version: NormVersion) -> str:
    try:
        decree = f"NĐ {regime_on(version.valid_from).decree}"
    except RegimeError:  # no regime on that day: the period alone names the version
        decree = "—"
    return f"{_esc(decree)}<br><small>{_period(version)}</small>"


def _documents_section(registry: NormRegistry, sources: _Sources) -> list[str]:
    vs = versions(registry, DOCUMENTS)
    notes = _Notes()
    keys: dict[str, Row] = {}
    for v in vs:  # the label of the latest version that has the row
        for row in v.table.rows():
            keys[row.name] = row
    out = [
        "## Cột định mức theo loại hồ sơ (column family) {#cot-dinh-muc}",
        "",
        "Loại dự án × loại hồ sơ chọn họ cột của các hạng mục: `project` (dòng `.project` của "
        "hạng mục) hoặc `ktkt` (dòng `.ktkt`). Ô “—”: chế độ đó không có loại hồ sơ này. "
        "*The project kind × document selects the fee rows `<item>.<category>.<form>` by form; "
        "“—”: not a document of that kind under the regime.*",
        "",
        "| Loại dự án · hồ sơ (kind · document) | "
        + " | ".join(_regime_heading(v.version) for v in vs)
        + " |",
        "| --- |" + " --- |" * len(vs),
    ]
    for key, latest in keys.items():
        cells = [f"{_code(key)}<br>{_label(latest)}"]
        for v in vs:
            found = v.version.row(key)
            cell = found.values.get("fee_form") if found is not None else None
            if cell is None:
                cells.append("—")
                continue
            shown = f"**{_esc(FORM.get(str(cell.value), str(cell.value)))}** ({_code(cell.value)})"
            shown += notes.mark(cell.note)
            cells.append(f"{shown}<br><small>{sources.cite(DOCUMENTS, [cell])}</small>")
        out.append("| " + " | ".join(cells) + " |")
    out += notes.render()
    out.append("")
    return out


def _term(registry: NormRegistry, vals: dict[str, Value], n: int, notes: _Notes) -> str:
    """``Bảng 1a cột project`` with the notes of the part's cells."""
    table = vals[f"part{n}_table"]
    column = vals.get(f"part{n}_column")
    text = _table_link(registry, str(table.value))
    if table.confidence == "disputed":
        text = f"**{text}**"
    if column is not None:
        text += f" cột {_esc(column.value)}"
    cells = [table, column]
    if n == 1 and "switch_above" in vals:
        above = vals["switch_above"]
        sw_table, sw_column = vals.get("switch_table"), vals.get("switch_column")
        sw = _table_link(registry, str(sw_table.value)) if sw_table else "?"
        if sw_column is not None:
            sw += f" cột {_esc(sw_column.value)}"
        threshold = (
            vn_number(above.value) if isinstance(above.value, Decimal) else _esc(above.value)
        )
        text += notes.marks(c.note for c in cells if c is not None)
        text = f"{text}; nếu chi phí > {threshold} tỷ đồng: {sw}"
        cells = [above, sw_table, sw_column]
    return text + notes.marks(c.note for c in cells if c is not None)


def formula(registry: NormRegistry, vals: dict[str, Value], notes: _Notes | None = None) -> str:
    """Write an item row's rate as text, e.g. ``40 % × Bảng 4b cột project + 70 % × …``.

    One part: the table and column, ``× weight`` unless the weight is 1. Several parts (a
    composite): each weight as a percentage. A switch is written after the first part.

    Args:
        registry: The registry (for the tables' names and links).
        vals: The row's cells.
        notes: Where the cells' notes are numbered.

    Returns:
        Markdown for a table cell.
    """
    notes = notes if notes is not None else _Notes()
    parts = [n for n in (1, 2, 3) if f"part{n}_table" in vals]
    terms = []
    for n in parts:
        term = _term(registry, vals, n, notes)
        cell = vals.get(f"part{n}_weight")
        weight = cell.value if cell is not None else Decimal(1)
        mark = notes.mark(cell.note) if cell is not None else ""
        if not isinstance(weight, Decimal):
            terms.append(f"{term} × {_esc(weight)}{mark}")
        elif len(parts) > 1 and weight != 1:
            terms.append(f"{_percent(weight)}{mark} × {term}")
        elif weight != 1:
            term = f"({term})" if "switch_above" in vals and n == 1 else term
            terms.append(f"{term} × {vn_number(weight)}{mark}")
        else:
            terms.append(term + mark)
    text = " + ".join(terms) or "—"
    for n in parts:
        for i, alt in enumerate(vals[f"part{n}_table"].alternatives):
            shown = (
                _table_link(registry, str(alt.value))
                if str(alt.value) in registry
                else f"“{_esc(alt.value)}”"
            )
            text += f"<br>*phương án khác (alternative {i}):* {shown}{notes.mark(alt.note)}"
    return text


def _items_summary(rows: Sequence[Row]) -> list[str]:
    order: dict[str, Row] = {}
    forms: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        item, category, form = _split(row)
        order.setdefault(item, row)
        forms.setdefault((item, category), []).append(FORM.get(form, form))
    out = [
        "| Hạng mục (item) | Hạ tầng (a) | Phần mềm (b) |",
        "| --- | --- | --- |",
    ]
    for item, first in order.items():
        label = _esc(first.label.vi) if first.label else ""
        cells = [f"[{label or _code(item)}](#{item})<br>{_code(item)}"]
        cells += [", ".join(forms.get((item, c), [])) or "—" for c in CATEGORY]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _item_table(
    registry: NormRegistry, sources: _Sources, rows: Sequence[Row], day: dt.date
) -> list[str]:
    notes = _Notes()
    bases = _in_force(registry, BASES, day)
    base_keys = {r.name for r in bases.rows()} if bases else set()
    out = [
        "| Loại · hình thức (category · form) | Cơ sở (base) | Công thức tỷ lệ (rate) "
        "| Tối thiểu (minimum) | Dòng K (K row) | Độ tin cậy thấp nhất (weakest) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        _, category, form = _split(row)
        vals = dict(row.values)
        first = (
            f"{_esc(CATEGORY.get(category, category))} · {_esc(FORM.get(form, form))}"
            f"<br><small>{_code(row.name)}</small>" + notes.mark(row.note)
        )
        base_cell = vals.get("base")
        if base_cell is None:
            base = "—"
        else:
            key = str(base_cell.value)
            base = f"[{_code(key)}](#co-so-tinh)" if key in base_keys else f"{_code(key)} ⚠"
            base += notes.mark(base_cell.note)
        minimum_cell = vals.get("minimum")
        if minimum_cell is None:
            minimum = "—"
        else:
            value = minimum_cell.value
            shown = f"{vn_number(value)} đồng" if isinstance(value, Decimal) else _scalar(value)
            minimum = (
                f"{shown}{notes.mark(minimum_cell.note)}<br>"
                f"<small>{sources.cite(ITEMS, [minimum_cell])}</small>"
            )
        k_cell = vals.get("k_row")
        if k_cell is None:
            k_row = "— (không có K)"
        else:
            k_row = f"[{_code(k_cell.value)}]({NORM_PAGES}/{K_TABLE}.md)" + notes.mark(k_cell.note)
        cells = [
            first,
            base,
            formula(registry, vals, notes),
            minimum,
            k_row,
            sources.cite(ITEMS, vals.values()),
        ]
        out.append("| " + " | ".join(cells) + " |")
    out += notes.render()
    return out


def _items_section(registry: NormRegistry, sources: _Sources) -> list[str]:
    vs = versions(registry, ITEMS)
    out = [
        "## Các hạng mục phí (fee items) {#hang-muc-phi}",
        "",
        "Một dòng cho mỗi loại (hạ tầng: bảng 'a'; phần mềm: bảng 'b') × hình thức (dự án; "
        "KTKT) mà định mức có; tổ hợp không có dòng thì không tính theo định mức mà lập dự toán. "
        "Tỷ lệ tra trong bảng (nội suy theo chi phí, tỷ đồng) rồi nhân hệ số; các phần cộng lại. "
        "*One row per category × form the norm prices; a missing pair is not priced by norm.*",
        "",
    ]
    if len(vs) == 1:
        out += _versions_heading(vs, vs[0])
    out += _items_summary(vs[-1].table.rows())
    out.append("")
    problems = data_problems(registry)
    if problems:
        out += ['!!! warning "Dữ liệu cần kiểm tra (data to check)"', ""]
        out += [f"    - {p}" for p in problems]
        out.append("")
    order: dict[str, Row] = {}
    for v in vs:
        for row in v.table.rows():
            order.setdefault(item_of(row), row)
    for item, first in order.items():
        title = _esc(first.label.vi) if first.label else _code(item)
        out += [f"### {title} {{#{item}}}", ""]
        gloss = f"*{_esc(first.label.en)}* · " if first.label and first.label.en else ""
        out += [f"{gloss}{_code(item)}", ""]
        for v in vs:
            rows = [r for r in v.table.rows() if item_of(r) == item]
            if not rows:
                continue
            if len(vs) > 1:
                out += [f"**Phiên bản (version) {_period(v.version)}**", ""]
            out += _item_table(registry, sources, rows, v.version.valid_from)
            out.append("")
    return out


_INTRO = """\
# Hạng mục phí QĐ 1688 (fee items)

<!-- Generated from the norm data by docs/hooks/fee_items_page.py: correct the YAML under norms/
     (or the hook), then run `python docs/hooks/fee_items_page.py`. -->

Mọi hạng mục chi phí quản lý dự án và tư vấn mà ictcost tính theo định mức tỷ lệ % của
QĐ 1688/QĐ-BTTTT: cơ sở tính, bảng và cột định mức, hệ số nhân, mức tối thiểu, dòng hệ số K và
nguồn của từng giá trị. *Every QĐ 1688 fee item ictcost prices, with its base, the norm tables and
columns, the multipliers, the minimum, the K row and the citation of its values.*

!!! note "Sinh từ dữ liệu định mức (generated from the norm data)"
    Trang này được sinh từ các bảng {tables} bởi `docs/hooks/fee_items_page.py` (cũng là một
    mkdocs hook): sửa file YAML, không sửa trang này, rồi chạy
    `python docs/hooks/fee_items_page.py`. *Correct the YAML, never this page; the command
    regenerates it and a test fails when it is stale.*

Công thức chung (general rule, QĐ 1688 as quoted): **C<sub>i</sub> = G<sub>i</sub> ×
N<sub>i</sub> × K<sub>đc</sub>**. G<sub>i</sub> là [cơ sở tính](#co-so-tinh) trước thuế;
N<sub>i</sub> là tỷ lệ theo công thức của hạng mục (tra bảng, nội suy); K<sub>đc</sub> là tích các
hệ số K áp dụng, đọc ở dòng K của [`{k_table}`]({norms}/{k_table}.md). ictcost tính: tỷ lệ × cơ sở
→ × K → mức tối thiểu → VAT ngoài định mức (xem [Fees](../concepts/fees.md)).

Độ tin cậy (confidence) là [nhãn của dữ liệu](../concepts/norm-data.md#confidence-marks); cột
“thấp nhất” ghi nhãn yếu nhất trong các ô của dòng và mã nguồn của các ô đó (danh sách
[nguồn](#nguon) ở cuối trang). Số viết kiểu Việt Nam: dấu phẩy thập phân (0,84), dấu chấm hàng
nghìn (10.000.000 đồng).
"""


def render_page(registry: NormRegistry | None = None) -> str:
    """Return the whole page (markdown) from the norm data.

    Args:
        registry: The registry to read; the shipped one by default.

    Returns:
        The introduction, the fee bases, the default parts, the column families by document, one
        section per fee item, and the sources cited.
    """
    reg = registry if registry is not None else NormRegistry.shipped()
    sources = _Sources()
    used: dict[str, list[str]] = {}
    for v in versions(reg, ITEMS):
        for row in v.table.rows():
            if "base" in row.values:
                items = used.setdefault(str(row.values["base"].value), [])
                if item_of(row) not in items:
                    items.append(item_of(row))
    tables = ", ".join(f"[{_code(t)}]({NORM_PAGES}/{t}.md)" for t in TABLES)
    lines = [_INTRO.format(tables=tables, k_table=K_TABLE, norms=NORM_PAGES).rstrip(), ""]
    lines += _bases_section(reg, sources, used)
    lines += _parts_section(reg, sources)
    lines += _documents_section(reg, sources)
    lines += _items_section(reg, sources)
    lines += sources.render(reg)
    return "\n".join(lines).rstrip() + "\n"


def on_page_markdown(markdown: str, *, page: Page, **_kwargs: Any) -> str:
    """Serve the generated text for ``reference/fee-items.md`` (mkdocs hook)."""
    if page.file.src_uri == SRC_URI:
        return render_page()
    return markdown


def main() -> int:
    """Write the page; with ``--check``, exit 1 when the committed page is stale."""
    text = render_page()
    if "--check" in sys.argv[1:]:
        return 0 if PAGE.exists() and PAGE.read_text(encoding="utf-8") == text else 1
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
