"""Issue 13 (review D10, D11): hostile workbooks end in a typed error, quickly.

The corpus is built by ``tests/hostile/make_corpus.py`` into each test's ``tmp_path``; every case
must end, within its time limit, in an :class:`~ictcost.errors.InputError` (never ``ParseError``,
``IndexError``, ``KeyError`` or ``BadZipFile``) through every reader of workbooks.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import openpyxl.xml
import pytest
from typer.testing import CliRunner

from ictcost.cli import app
from ictcost.errors import InputError
from ictcost.inputs import load_evidence, load_workbook_project, read_statutory_workbook
from ictcost.inputs._cells import open_xlsx
from ictcost.inputs._xlsx_guard import (
    XlsxLimitError,
    XlsxLimits,
    bound_workbook,
    check_archive,
    occupied_rows,
    used_columns,
    used_rows,
)
from ictcost.inputs.template import read_template


def _corpus() -> ModuleType:
    path = Path(__file__).parent / "hostile" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("hostile_make_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _corpus()

# The time each case may take (seconds, generous for a slow CI machine; each takes < 0.5 s here).
LIMITS: dict[str, float] = dict.fromkeys(corpus.CASES, 10.0)
LIMITS["zip-bomb"] = 2.0  # refused from the archive's directory, nothing inflated
LIMITS["sparse-dimension"] = 5.0  # more than 150 s before (D11)
LIMITS["far-row"] = 30.0  # inside the limits: read, row by row (see test_far_row_reads)

READERS: dict[str, Callable[[Path], Any]] = {
    "load_workbook_project": load_workbook_project,
    "read_template": read_template,
    "read_statutory_workbook": read_statutory_workbook,
    "load_evidence": load_evidence,
}
READABLE = {"far-row", "chartsheet-first"}  # inside the limits: read (see their own tests)
REFUSED = sorted(set(corpus.CASES) - READABLE)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Build each case once per module (the readers do not change the files)."""
    folder = tmp_path_factory.mktemp("hostile")
    built: dict[str, Path] = {}

    def get(case: str) -> Path:
        if case not in built:
            built[case] = corpus.build(case, folder)
        return built[case]

    return get


def _timed(reader: Callable[[Path], Any], path: Path) -> tuple[BaseException | None, float]:
    start = time.perf_counter()
    try:
        reader(path)
    except Exception as exc:  # noqa: BLE001 - the test looks at what was raised
        return exc, time.perf_counter() - start
    return None, time.perf_counter() - start


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("case", REFUSED)
def test_hostile_workbook_is_a_typed_error(
    hostile: Callable[[str], Path], case: str, reader: str
) -> None:
    path = hostile(case)
    exc, took = _timed(READERS[reader], path)
    assert isinstance(exc, InputError), f"{case} via {reader}: {exc!r}"
    assert exc.field == "file"
    assert exc.hint
    assert took < LIMITS[case], f"{case} via {reader} took {took:.1f} s"


@pytest.mark.parametrize("case", ["zip-bomb", "sparse-dimension", "entity-expansion"])
def test_check_command_refuses(hostile: Callable[[str], Path], case: str) -> None:
    path = hostile(case)
    result = CliRunner(env={"COLUMNS": "100"}).invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert path.name in result.output


def test_valid_workbook_still_reads(tmp_path: Path) -> None:
    """The non-trigger case: a normal workbook, and one with a stray cell inside the limits."""
    project = load_workbook_project(corpus.simple_workbook(tmp_path / "ok.xlsx"))
    assert [line.id for line in project.lines] == ["K1"]
    near = corpus.simple_workbook(tmp_path / "near.xlsx")
    wb = openpyxl.load_workbook(near)
    wb["Dự án"]["C3000"] = "a note beside the keys"  # ignored by the key | value reader
    wb.save(near)
    assert [line.id for line in load_workbook_project(near).lines] == ["K1"]


# --- D11: bounded by the cells present ------------------------------------------------------------


def test_sparse_dimension_refused_fast(tmp_path: Path) -> None:
    """D11: one cell at A1048576 (5.6 kB) took more than 150 s; now refused, naming the cell."""
    path = corpus.build("sparse-dimension", tmp_path)
    assert path.stat().st_size < 10_000
    start = time.perf_counter()
    with pytest.raises(XlsxLimitError, match="A1048576") as exc:
        load_workbook_project(path)
    assert time.perf_counter() - start < 5.0
    assert exc.value.context["limit"] == "max_rows"
    assert exc.value.context["rows"] == 1_048_576


def test_far_row_reads(tmp_path: Path) -> None:
    """A stray cell at row 90 000 is inside the limits: it is read (and reported) in bounded time."""
    path = corpus.build("far-row", tmp_path)
    exc, took = _timed(load_workbook_project, path)
    assert isinstance(exc, InputError)
    assert "Dòng!F90000" in str(exc.problems)
    assert took < LIMITS["far-row"]


def test_reading_an_empty_cell_does_not_grow_the_sheet(tmp_path: Path) -> None:
    """The loops' quadratic cost was each read creating a cell and ``max_row`` recounting all."""
    wb = open_xlsx(corpus.simple_workbook(tmp_path / "ok.xlsx"), data_only=True)
    ws = wb["Dòng"]
    assert (ws.max_row, ws.max_column) == (2, 7)
    assert ws.cell(row=5000, column=30).value is None
    assert ws["Z900"].value is None
    assert (ws.max_row, ws.max_column) == (2, 7)
    assert (used_rows(ws), used_columns(ws)) == (2, 7)
    assert ws.cell(row=2, column=6).value == 1000
    with pytest.raises(ValueError, match="at least 1"):
        ws.cell(row=0, column=1)


def test_occupied_rows(tmp_path: Path) -> None:
    wb = open_xlsx(corpus.simple_workbook(tmp_path / "s.xlsx", far_cell="B4000"), data_only=True)
    assert occupied_rows(wb["Dòng"]) == [1, 2, 4000]
    assert occupied_rows(wb["Dòng"], 2) == [2, 4000]
    empty = openpyxl.Workbook().active
    assert (used_rows(empty), used_columns(empty), occupied_rows(empty)) == (0, 0, [])


def test_used_range_limits(tmp_path: Path) -> None:
    """Rows, columns and rows × columns are each bounded (the trigger) and exact at the limit."""
    path = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["ALL1"] = "x"  # column 1000: the limit
    wb.save(path)
    assert open_xlsx(path, data_only=True).active.max_column == 1000  # type: ignore[union-attr]
    ws["ALM1"] = "x"  # column 1001
    wb.save(path)
    with pytest.raises(XlsxLimitError, match="1001 columns") as exc:
        open_xlsx(path, data_only=True)
    assert exc.value.context["limit"] == "max_columns"


def test_used_area_limit(tmp_path: Path) -> None:
    path = corpus.simple_workbook(tmp_path / "a.xlsx")  # the lines sheet: 2 rows × 7 columns
    wb = openpyxl.load_workbook(path)
    bound_workbook(path, wb, XlsxLimits(max_area=14))
    with pytest.raises(XlsxLimitError, match="2 rows × 7 columns") as exc:
        bound_workbook(path, openpyxl.load_workbook(path), XlsxLimits(max_area=13))
    assert exc.value.context["limit"] == "max_area"


# --- archive limits ---------------------------------------------------------------------------------


def test_zip_bomb_refused_from_the_directory(hostile: Callable[[str], Path]) -> None:
    """The review's 589 kB → 2.65 GB workbook: refused in well under a second."""
    path = hostile("zip-bomb")
    assert path.stat().st_size < 1_000_000
    start = time.perf_counter()
    with pytest.raises(XlsxLimitError, match="max_total_bytes") as exc:
        load_workbook_project(path)
    assert time.perf_counter() - start < 1.0
    assert path.name in exc.value.message


def _zip_with(path: Path, name: str, data: bytes) -> Path:
    corpus.simple_workbook(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    return path


def test_ratio_and_part_limits(tmp_path: Path) -> None:
    packed = _zip_with(tmp_path / "r.xlsx", "xl/media/zeros.bin", b"\0" * 5_000_000)
    with pytest.raises(XlsxLimitError, match="compressed") as exc:
        check_archive(packed)
    assert exc.value.context["limit"] == "max_ratio"
    check_archive(packed, XlsxLimits(max_ratio=100_000))  # the non-trigger: a higher limit
    with pytest.raises(XlsxLimitError, match="max_part_bytes"):
        check_archive(packed, XlsxLimits(max_ratio=100_000, max_part_bytes=1_000_000))
    with pytest.raises(XlsxLimitError, match="max_entries"):
        check_archive(packed, XlsxLimits(max_ratio=100_000, max_entries=5))


def test_cells_per_sheet_limit(tmp_path: Path) -> None:
    path = corpus.simple_workbook(tmp_path / "c.xlsx")
    check_archive(path, XlsxLimits(max_cells=14))  # 14 cells in the lines sheet
    with pytest.raises(XlsxLimitError, match="more than 13 cells"):
        check_archive(path, XlsxLimits(max_cells=13))


def test_huge_merge_refused_before_openpyxl(tmp_path: Path) -> None:
    """openpyxl creates one object per merged cell: a whole-sheet merge would never finish."""
    path = corpus.build("huge-merge", tmp_path)
    with pytest.raises(XlsxLimitError, match="merged cells included"):
        open_xlsx(path, data_only=True)


def test_merge_without_a_ref_refused(tmp_path: Path) -> None:
    path = corpus.simple_workbook(tmp_path / "m.xlsx")
    parts = corpus._parts(path)
    sheet = "xl/worksheets/sheet2.xml"
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", b'</sheetData><mergeCells><mergeCell foo="1"/></mergeCells>'
    )
    corpus._write(path, parts)
    with pytest.raises(XlsxLimitError, match="merged range without a cell range"):
        check_archive(path)


# --- D10: hostile XML ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["entity-expansion", "external-entity"])
def test_dtd_refused(tmp_path: Path, case: str) -> None:
    """D10: billion laughs and XXE gave ``ParseError``; now refused before any XML parser runs."""
    with pytest.raises(XlsxLimitError, match="document type declaration"):
        load_workbook_project(corpus.build(case, tmp_path))


def test_dtd_in_an_image_is_not_refused(tmp_path: Path) -> None:
    """The non-trigger: an SVG image may carry a DTD; openpyxl does not parse images."""
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    path = _zip_with(tmp_path / "i.xlsx", "xl/media/image1.svg", svg)
    assert [line.id for line in load_workbook_project(path).lines] == ["K1"]


@pytest.mark.parametrize(
    ("case", "cause"),
    [("shared-string-index", IndexError), ("malformed-xml", SyntaxError)],
)
def test_parse_failures_are_typed(tmp_path: Path, case: str, cause: type[Exception]) -> None:
    """D10: a shared-string index of 99 999 gave ``IndexError``; malformed XML ``ParseError``."""
    with pytest.raises(InputError, match="cannot read") as exc:
        load_workbook_project(corpus.build(case, tmp_path))
    assert isinstance(exc.value.__cause__, cause)


def test_read_only_open_fails_early(tmp_path: Path) -> None:
    """In streaming mode the sheets are parsed lazily: open_xlsx streams them once itself."""
    with pytest.raises(InputError, match="ParseError"):
        open_xlsx(corpus.build("malformed-xml", tmp_path), data_only=True, read_only=True)
    ok = open_xlsx(corpus.simple_workbook(tmp_path / "ok.xlsx"), data_only=True, read_only=True)
    assert ok.sheetnames == ["Dự án", "Dòng"]


def test_defusedxml_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = corpus.simple_workbook(tmp_path / "ok.xlsx")
    assert openpyxl.xml.DEFUSEDXML  # installed in the development environment
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(InputError, match="defusedxml") as exc:
        load_workbook_project(path)
    assert exc.value.hint is not None
    assert "pip install" in exc.value.hint


def test_long_text_cell_refused(tmp_path: Path) -> None:
    path = corpus.build("huge-shared-string", tmp_path)
    with pytest.raises(XlsxLimitError, match="100000 characters") as exc:
        load_workbook_project(path)
    assert exc.value.context["limit"] == "max_text"


# --- chart sheets ---------------------------------------------------------------------------------


def test_a_chart_sheet_is_ignored(tmp_path: Path) -> None:
    """A chart sheet first (and active) raised ``AttributeError`` (no ``max_row``) in the readers."""
    path = corpus.build("chartsheet-first", tmp_path)
    assert openpyxl.load_workbook(path).sheetnames == ["Biểu đồ", "Dự án", "Dòng"]
    assert [line.id for line in load_workbook_project(path).lines] == ["K1"]
    for mode in (False, True):
        wb = open_xlsx(path, data_only=True, read_only=mode)
        assert wb.sheetnames == ["Dự án", "Dòng"]
        assert wb.active is not None
        assert wb.active.title == "Dự án"
        assert wb.chartsheets == []
    for name, reader in READERS.items():  # not a template, evidence or statutory workbook
        exc, _ = _timed(reader, path)
        assert exc is None or isinstance(exc, InputError), f"{name}: {exc!r}"


def test_a_template_with_a_chart_sheet_reads(tmp_path: Path) -> None:
    from ictcost.inputs import load_project  # noqa: PLC0415
    from ictcost.inputs.template import write_template  # noqa: PLC0415

    example = Path(__file__).resolve().parent.parent / "examples" / "purchase-ktkt.yaml"
    project = load_project(example)
    path = write_template(tmp_path / "t.xlsx", project=project)
    corpus.add_chartsheet(path, first=False)
    assert "Biểu đồ" in openpyxl.load_workbook(path).sheetnames
    assert read_template(path).model_dump() == project.model_dump()


def test_a_workbook_of_chart_sheets_only_is_refused(tmp_path: Path) -> None:
    path = corpus.build("chartsheet-only", tmp_path)
    for mode in (False, True):
        with pytest.raises(InputError, match="only chart sheets") as exc:
            open_xlsx(path, data_only=True, read_only=mode)
        assert exc.value.field == "file"
