"""Recalculate an estimate workbook in headless LibreOffice and compare it with ictcost's figures.

Two runs, each converting an ``.xlsx`` with ``soffice --headless --convert-to xlsx`` (which loads,
recalculates and saves the workbook):

1. **formulas only** — the workbook of :func:`ictcost.report.excel.build_workbook`, saved without
   cached values, so that every figure LibreOffice writes is one it calculated itself;
2. **stale cache** — the workbook of :func:`~ictcost.report.excel.write_xlsx` with every cached
   value increased by 1, to see whether LibreOffice recomputes on load (``fullCalcOnLoad``) or shows
   the cache. This run is informative: either answer is fine, because run 1 shows that the cache
   ictcost writes is what LibreOffice computes.

In run 1 every formula cell of every sheet is compared with the value ictcost cached for it
(exactly for whole numbers, to 1e-9 relatively otherwise), and the totals of *Tổng hợp* are printed.

Usage::

    python scripts/recalc_check.py                        # the example project
    python scripts/recalc_check.py PROJECT.yaml --pack DIR

Exit status: 0 when every formula result of run 1 equals ictcost's value, 1 otherwise, 2 when
LibreOffice is not installed.
"""

from __future__ import annotations

import argparse
import io
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ictcost import NormRegistry
from ictcost.estimate import compute_estimate, load_project
from ictcost.report.excel import SHEETS, SUMMARY, build_workbook, write_xlsx
from ictcost.report.layout import SUMMARY_COL, TOTAL_LABEL

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "portal-project.yaml"
EXAMPLE_PACK = ROOT / "examples" / "pack"
_CACHED = re.compile(r"(<f>[^<]*</f><v>)([^<]*)(</v>)")

Values = dict[tuple[str, str], object]


def soffice() -> str | None:
    """Return the LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def recalculate(exe: str, source: Path, out_dir: Path) -> Path:
    """Convert ``source`` to xlsx with headless LibreOffice (a load, a recalculation, a save).

    Args:
        exe: The ``soffice`` executable.
        source: The workbook to recalculate.
        out_dir: The folder the converted workbook is written to.

    Returns:
        The converted workbook.
    """
    profile = out_dir / "profile"
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out_dir / source.name


def formula_cells(path: Path) -> Values:
    """Return ictcost's cached value of every formula cell of the workbook ``path``."""
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    out: Values = {}
    for name in SHEETS:
        for row in formulas[name].iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    out[name, cell.coordinate] = cached[name][cell.coordinate].value
    return out


def values(path: Path, cells: Values) -> Values:
    """Return the values of ``cells`` in the (recalculated) workbook ``path``."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(sheet, ref): wb[sheet][ref].value for sheet, ref in cells}


def same(expected: object, got: object) -> bool:
    """Whether a recalculated value equals ictcost's (exact for integers, 1e-9 otherwise).

    An empty text (the words check while the total holds) is read back as ``None`` or ``""``.
    """
    if expected in (None, "") and got in (None, ""):
        return True
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        if float(expected).is_integer():
            return float(got) == float(expected)
        return math.isclose(float(got), float(expected), rel_tol=1e-9)
    return expected == got


def stale(path: Path, target: Path) -> None:
    """Copy the workbook ``path`` to ``target`` with every cached formula value increased by 1."""

    def bump(m: re.Match[str]) -> str:
        try:
            return f"{m[1]}{float(m[2]) + 1:.17g}{m[3]}"
        except ValueError:  # a text result (the words check): made stale too
            return f"{m[1]}stale{m[3]}"

    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = _CACHED.sub(bump, data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    target.write_bytes(out.getvalue())


def compare(label: str, expected: Values, got: Values) -> int:
    """Print the comparison of one run; return the number of differing cells."""
    bad = [(key, expected[key], got[key]) for key in expected if not same(expected[key], got[key])]
    print(f"{label}: {len(expected) - len(bad)}/{len(expected)} formula cells equal ictcost's")
    for (sheet, ref), want, have in bad[:20]:
        print(f"  {sheet}!{ref}: ictcost {want!r}, LibreOffice {have!r}")
    return len(bad)


def main(argv: list[str] | None = None) -> int:
    """Run the check; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, default=EXAMPLE)
    parser.add_argument("--pack", type=Path, action="append", default=None)
    args = parser.parse_args(argv)
    exe = soffice()
    if exe is None:
        print("LibreOffice (soffice) is not installed: nothing checked")
        return 2
    registry = NormRegistry.shipped()
    packs = (
        args.pack if args.pack is not None else ([EXAMPLE_PACK] if args.project == EXAMPLE else [])
    )
    for pack in packs:
        registry = registry.with_pack(pack)
    project: Path = args.project
    estimate = compute_estimate(load_project(project), registry=registry, base_dir=project.parent)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        start = time.perf_counter()
        written = write_xlsx(estimate, work / "ictcost.xlsx")
        print(f"write_xlsx: {time.perf_counter() - start:.3f} s")
        expected = formula_cells(written)
        # 1. formulas only: every value LibreOffice writes, it computed
        build_workbook(estimate).save(work / "in" / "formulas-only.xlsx")
        start = time.perf_counter()
        out = recalculate(exe, work / "in" / "formulas-only.xlsx", work / "out")
        print(f"LibreOffice recalculation: {time.perf_counter() - start:.1f} s")
        got = values(out, expected)
        failures += compare("formulas only", expected, got)
        summary = openpyxl.load_workbook(out, data_only=True)[SUMMARY]
        total_col = SUMMARY_COL["total"]
        for row in summary.iter_rows(min_col=2, max_col=total_col):
            label = row[0].value
            if isinstance(label, str) and (label.startswith(("Cộng", "Chi phí dự phòng", "TỔNG"))):
                print(f"  {label}: LibreOffice {row[total_col - 2].value!r}")
        print(f"  ictcost total: {estimate.total}")
        failures += int(got.get((SUMMARY, _total_ref(written)), None) != int(estimate.total))
        # 2. stale cache: does LibreOffice recompute on load?
        stale(written, work / "in" / "stale-cache.xlsx")
        out = recalculate(exe, work / "in" / "stale-cache.xlsx", work / "out")
        got = values(out, expected)
        fresh = sum(same(expected[key], got[key]) for key in expected)
        print(
            f"stale cache: LibreOffice recomputed {fresh}/{len(expected)} formula cells on load "
            + ("(it honours fullCalcOnLoad)" if fresh == len(expected) else "(it shows the cache)")
        )
    print("OK: LibreOffice's results equal ictcost's" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


def _total_ref(path: Path) -> str:
    """Return the coordinate of TỔNG CỘNG's after-VAT cell in *Tổng hợp*."""
    ws = openpyxl.load_workbook(path)[SUMMARY]
    for row in ws.iter_rows(min_col=2, max_col=2):
        if row[0].value == TOTAL_LABEL:
            return f"{get_column_letter(SUMMARY_COL['total'])}{row[0].row}"
    msg = "no TỔNG CỘNG row"
    raise LookupError(msg)


if __name__ == "__main__":
    sys.exit(main())
