"""The xlsx package of the comparison workbook: cached formula values.

openpyxl cannot store a formula together with its result, so :func:`with_cached_values` adds the
results ictcost computed as the formulas' cached values (``<v>`` in the sheet XML) after openpyxl
has written the file (the file itself is written by :mod:`ictcost._internal._atomic`). The
comparison workbook (:mod:`._xlsx_comparison`) is still written with openpyxl and uses it; the
estimate workbook is written with XlsxWriter, which stores the cached values itself
(:mod:`._xlsx_write`).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from xml.sax.saxutils import escape

__all__ = ["cached", "sheet_files", "with_cached_values"]

_FORMULA_CELL = re.compile(
    r'<c r="(?P<ref>[A-Z]+[0-9]+)"(?P<attrs>[^>]*)><f>(?P<f>[^<]*)</f>'
    r"(?:<v\s*/>|<v></v>)?</c>"
)
_SHEET_ENTRY = re.compile(r"<sheet\b[^>]*?>")
_ATTR = re.compile(r'(?P<key>[\w:]+)="(?P<value>[^"]*)"')
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?>")


def cached(value: Decimal | str) -> str:
    """Return the text of a cached value as the sheet XML holds it.

    Whole numbers are written exactly; others as the nearest double (what a spreadsheet holds);
    a text result is escaped for XML (its cell gets ``t="str"``).
    """
    if isinstance(value, str):
        return escape(value)
    if value == value.to_integral_value():
        return str(int(value))
    return repr(float(value))


def sheet_files(data: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet names to their XML part names (from workbook.xml and its relationships)."""
    rels: dict[str, str] = {}
    for entry in _RELATIONSHIP.findall(data.read("xl/_rels/workbook.xml.rels").decode("utf-8")):
        attrs = {m["key"]: m["value"] for m in _ATTR.finditer(entry)}
        target = attrs.get("Target", "")
        target = target.removeprefix("/xl/").removeprefix("/")
        rels[attrs.get("Id", "")] = target if target.startswith("xl/") else f"xl/{target}"
    out: dict[str, str] = {}
    for entry in _SHEET_ENTRY.findall(data.read("xl/workbook.xml").decode("utf-8")):
        attrs = {m["key"]: m["value"] for m in _ATTR.finditer(entry)}
        out[attrs.get("name", "")] = rels.get(attrs.get("r:id", ""), "")
    return out


def with_cached_values(raw: bytes, cache: Mapping[str, Mapping[str, Decimal | str]]) -> bytes:
    """Return the xlsx with ictcost's value stored as the cached result of every formula.

    All or nothing: if a formula cell has no known value (or a known value no formula cell), the
    file is returned unchanged with a warning — it is still correct, it only lacks the cache.

    Args:
        raw: The xlsx file openpyxl wrote.
        cache: ictcost's value of every formula cell, by sheet name and coordinate.

    Returns:
        The xlsx with the cached values, or ``raw`` itself.
    """
    source = zipfile.ZipFile(io.BytesIO(raw))
    files = sheet_files(source)
    patched: dict[str, bytes] = {}
    problems: list[str] = []
    for name, values in cache.items():
        part = files.get(name)
        if part is None:
            problems.append(f"no part for sheet {name!r}")
            continue
        used: set[str] = set()

        def fill(
            m: re.Match[str],
            values: Mapping[str, Decimal | str] = values,
            used: set[str] = used,
        ) -> str:
            value = values.get(m["ref"])
            if value is None:
                problems.append(f"no value for {m['ref']}")
                return m[0]
            used.add(m["ref"])
            attrs = m["attrs"] + (' t="str"' if isinstance(value, str) else "")
            return f'<c r="{m["ref"]}"{attrs}><f>{m["f"]}</f><v>{cached(value)}</v></c>'

        xml = _FORMULA_CELL.sub(fill, source.read(part).decode("utf-8"))
        problems.extend(f"{name}!{ref} not found" for ref in sorted(set(values) - used))
        patched[part] = xml.encode("utf-8")
    if problems:
        warnings.warn(
            "ictcost could not store cached values in the workbook "
            f"({'; '.join(problems[:3])}); it is written with formulas only",
            RuntimeWarning,
            stacklevel=3,
        )
        return raw
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, patched.get(info.filename, source.read(info.filename)))
    return out.getvalue()
