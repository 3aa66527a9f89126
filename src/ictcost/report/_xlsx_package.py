"""The xlsx package of the estimate workbook: cached formula values and the atomic write.

openpyxl cannot store a formula together with its result, so :func:`with_cached_values` adds the
results ictcost computed as the formulas' cached values (``<v>`` in the sheet XML) after openpyxl
has written the file. :func:`atomic_write_bytes` writes the file to a temporary file in the target
folder, then renames it over the target: an existing file is replaced whole or left untouched.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

__all__ = ["atomic_write_bytes", "cached", "sheet_files", "with_cached_values"]

_FORMULA_CELL = re.compile(
    r'<c r="(?P<ref>[A-Z]+[0-9]+)"(?P<attrs>[^>]*)><f>(?P<f>[^<]*)</f>'
    r"(?:<v\s*/>|<v></v>)?</c>"
)
_SHEET_ENTRY = re.compile(r"<sheet\b[^>]*?>")
_ATTR = re.compile(r'(?P<key>[\w:]+)="(?P<value>[^"]*)"')
_RELATIONSHIP = re.compile(r"<Relationship\b[^>]*?>")


def cached(value: Decimal) -> str:
    """Return the text of a cached numeric value as the sheet XML holds it.

    Whole numbers are written exactly; others as the nearest double (what a spreadsheet holds).
    """
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


def with_cached_values(raw: bytes, cache: dict[str, dict[str, Decimal]]) -> bytes:
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
            m: re.Match[str], values: dict[str, Decimal] = values, used: set[str] = used
        ) -> str:
            value = values.get(m["ref"])
            if value is None:
                problems.append(f"no value for {m['ref']}")
                return m[0]
            used.add(m["ref"])
            return f'<c r="{m["ref"]}"{m["attrs"]}><f>{m["f"]}</f><v>{cached(value)}</v></c>'

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


def _file_mode(target: Path) -> int:
    """Return the mode the written file gets: the existing file's, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write_bytes(target: Path, data: bytes, chunk: int = 1 << 16) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``.

    Args:
        target: The file to write.
        data: Its content.
        chunk: The size of each write.

    Raises:
        OSError: the file cannot be written (the existing file, if any, is unchanged and the
            temporary file is removed).
    """
    mode = _file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            for start in range(0, len(data), chunk):
                fh.write(data[start : start + chunk])
            fh.flush()
            os.fsync(fh.fileno())
        tmp_path.chmod(mode)
        tmp_path.replace(target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
