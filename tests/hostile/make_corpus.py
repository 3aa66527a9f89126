"""Build the hostile-workbook corpus of issue 13 (review D10, D11).

Each builder writes one hostile ``.xlsx`` (all small on disk, a few kB; the zip bomb is about a
megabyte on disk and would inflate to gigabytes). The corpus is generated, not committed: the tests
call :func:`build` into their ``tmp_path``; ``python tests/hostile/make_corpus.py DIR`` writes
every case into ``DIR`` for a manual look.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

__all__ = ["CASES", "build", "simple_workbook"]

_LINES_SHEET = "xl/worksheets/sheet2.xml"


def simple_workbook(path: Path, *, far_cell: str | None = None) -> Path:
    """Write a valid simple-layout workbook; ``far_cell`` adds one stray cell (``A1048576``)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Dự án"
    for key, value in [("name", "P"), ("date", "2025-09-15"), ("form", "ktkt")]:
        ws.append([key, value])
    lines = wb.create_sheet("Dòng")
    lines.append(["id", "component", "name", "method", "vat", "amount", "basis"])
    lines.append(["K1", "chi_phi_khac", "x", "fixed", "general", 1000, "b"])
    if far_cell is not None:
        lines[far_cell] = "x"
    wb.save(path)
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _with_doctype(path: Path, doctype: str) -> Path:
    """Put a DTD before the root element of the lines sheet and use its entity in a cell."""
    simple_workbook(path)
    parts = _parts(path)
    xml = parts[_LINES_SHEET].decode()
    head, sep, rest = xml.partition("?>")
    xml = f"{head}{sep}{doctype}{rest}" if sep else f"{doctype}{xml}"
    xml = xml.replace(">b<", ">&e;<", 1)
    parts[_LINES_SHEET] = xml.encode()
    return _write(path, parts)


def zip_bomb(path: Path) -> Path:
    """One cell of 600 MB of ``A`` in the shared strings: about 600 kB on disk."""
    simple_workbook(path)
    parts = _parts(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            if name == _LINES_SHEET:
                continue
            zf.writestr(name, data)
        with zf.open(_LINES_SHEET, "w", force_zip64=True) as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/')
            part.write(b'main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
            chunk = b"A" * 1_000_000
            for _ in range(600):
                part.write(chunk)
            part.write(b"</t></is></c></row></sheetData></worksheet>")
    path.write_bytes(buffer.getvalue())
    return path


def sparse_dimension(path: Path) -> Path:
    """The review's D11 case: one cell at ``A1048576`` (5.6 kB)."""
    return simple_workbook(path, far_cell="A1048576")


def entity_expansion(path: Path) -> Path:
    """Billion laughs: ten levels of ten entities."""
    levels = ['<!ENTITY e0 "lol">']
    levels += [
        f'<!ENTITY e{n} "{"".join(f"&e{n - 1};" for _ in range(10))}">' for n in range(1, 10)
    ]
    return _with_doctype(path, f'<!DOCTYPE lolz [{"".join(levels)}<!ENTITY e "&e9;">]>')


def external_entity(path: Path) -> Path:
    """An external entity reading a local file (XXE)."""
    return _with_doctype(path, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')


def malformed_xml(path: Path) -> Path:
    """The lines sheet cut in the middle of an element."""
    simple_workbook(path)
    parts = _parts(path)
    parts[_LINES_SHEET] = parts[_LINES_SHEET][:200]
    return _write(path, parts)


def truncated_zip(path: Path) -> Path:
    """A valid workbook cut at half its length (no central directory)."""
    simple_workbook(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def not_a_zip(path: Path) -> Path:
    """A text file with an ``.xlsx`` name."""
    path.write_text("id,amount\nK1,1000\n", encoding="utf-8")
    return path


def huge_shared_string(path: Path) -> Path:
    """A shared string of 100 000 characters (Excel's cell limit is 32 767) in the project sheet."""
    simple_workbook(path)
    parts = _parts(path)
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()
    head, sep, rest = xml.partition('<c r="B1" t="inlineStr"><is><t>P</t></is></c>')
    assert sep, "openpyxl writes the name as an inline string"
    parts[sheet] = f'{head}<c r="B1" t="s"><v>0</v></c>{rest}'.encode()
    strings = "P" * 100_000
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>{strings}</t></si></sst>'
    ).encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    rels = (
        parts["xl/_rels/workbook.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    return _write(path, parts)


def missing_sheet_part(path: Path) -> Path:
    """The workbook lists its sheets but their parts are not in the archive."""
    simple_workbook(path)
    parts = _parts(path)
    parts = {k: v for k, v in parts.items() if not k.startswith("xl/worksheets/")}
    return _write(path, parts)


def shared_string_index(path: Path) -> Path:
    """A cell pointing at shared string 99 999 of a table that has none (D10: ``IndexError``)."""
    simple_workbook(path)
    parts = _parts(path)
    xml = parts[_LINES_SHEET].decode()
    old = '<c r="G2" t="inlineStr"><is><t>b</t></is></c>'
    assert old in xml, "openpyxl writes the basis as an inline string"
    parts[_LINES_SHEET] = xml.replace(old, '<c r="G2" t="s"><v>99999</v></c>').encode()
    return _write(path, parts)


def far_row(path: Path) -> Path:
    """A stray cell at row 90 000, inside the row limit: the readers loop over the rows once."""
    return simple_workbook(path, far_cell="A90000")


def huge_merge(path: Path) -> Path:
    """A merged range over the whole sheet (openpyxl would create 17 billion cells)."""
    simple_workbook(path)
    parts = _parts(path)
    xml = parts[_LINES_SHEET].decode()
    xml = xml.replace(
        "</sheetData>",
        '</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>',
        1,
    )
    parts[_LINES_SHEET] = xml.encode()
    return _write(path, parts)


def many_entries(path: Path) -> Path:
    """A valid workbook padded with 20 000 empty archive entries."""
    simple_workbook(path)
    parts = _parts(path)
    parts.update({f"xl/media/pad{n}.bin": b"" for n in range(20_000)})
    return _write(path, parts)


def add_chartsheet(path: Path, *, first: bool = True) -> Path:
    """Add a chart sheet (a bar chart of the lines' amounts) to a workbook, first or last."""
    from openpyxl import load_workbook  # noqa: PLC0415
    from openpyxl.chart import BarChart, Reference  # noqa: PLC0415

    wb = load_workbook(path)
    data = wb.worksheets[-1]
    sheet = wb.create_chartsheet("Biểu đồ", 0 if first else None)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=6, min_row=1, max_row=2), titles_from_data=True)
    sheet.add_chart(chart)
    if first:
        wb.active = 0  # Excel opens on the chart
    wb.save(path)
    return path


def chartsheet_first(path: Path) -> Path:
    """A valid workbook whose first (and active) sheet is a chart sheet: the readers raised
    ``AttributeError`` (a chart sheet has no ``max_row``); now chart sheets are ignored."""
    return add_chartsheet(simple_workbook(path), first=True)


def chartsheet_only(path: Path) -> Path:
    """A workbook of one chart sheet (an empty bar chart) and no worksheet."""
    from openpyxl.chart import BarChart  # noqa: PLC0415

    wb = Workbook()
    sheet = wb.create_chartsheet("Biểu đồ")
    sheet.add_chart(BarChart())
    default = wb.worksheets[0]
    wb.remove(default)
    wb.save(path)
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "zip-bomb": zip_bomb,
    "sparse-dimension": sparse_dimension,
    "entity-expansion": entity_expansion,
    "external-entity": external_entity,
    "malformed-xml": malformed_xml,
    "truncated-zip": truncated_zip,
    "not-a-zip": not_a_zip,
    "huge-shared-string": huge_shared_string,
    "missing-sheet-part": missing_sheet_part,
    "shared-string-index": shared_string_index,
    "huge-merge": huge_merge,
    "far-row": far_row,
    "many-entries": many_entries,
    "chartsheet-first": chartsheet_first,
    "chartsheet-only": chartsheet_only,
}
"""Every hostile case by name."""


def build(name: str, folder: Path) -> Path:
    """Write the case ``name`` as ``folder/<name>.xlsx`` and return its path."""
    return CASES[name](folder / f"{name}.xlsx")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        print(build(case, out))
