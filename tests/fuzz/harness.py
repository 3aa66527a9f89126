"""Run fuzz cases and check the invariants of issue 13 item 8 (shared by the CI test and the script).

For every input: no untyped exception (only :class:`~ictcost.errors.IctcostError` subclasses, or
a result); command-line exit codes 0/1/2 only (``estimate``: 0 or 2; ``check``: 0, 1 or 2); on a
result, totals that add up (each line: amount + VAT = total; the estimate: Σ lines = amount and
VAT, Σ component totals = total before contingency = amount + VAT, + contingency = total; software:
UUCP = TAW + TBF, AUCP = UUCP × TCF × EF, G_PM = G + C + TL, all exact) and byte-identical JSON
from two runs of the same input. :data:`STATS` counts the inputs tried and what came out.
"""

from __future__ import annotations

import collections
import dataclasses
import decimal
import functools
import io
import json
import tempfile
import time
import traceback
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.fuzz.strategies import EXAMPLES, Case

__all__ = [
    "STATS",
    "FuzzFailureError",
    "Stats",
    "check_estimate_json",
    "edit_workbook",
    "run_case",
    "template_bytes",
]


class FuzzFailureError(AssertionError):
    """An untyped exception, a wrong exit code or a broken invariant (the test fails on it)."""

    def __init__(self, kind: str, case: Case, detail: str) -> None:
        super().__init__(f"{kind} in {case.mode} case {case.ops}:\n{detail}")
        self.kind = kind
        self.case = case
        self.detail = detail


@dataclasses.dataclass
class Stats:
    """What the fuzz runs of this process tried and saw."""

    tried: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    outcomes: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    exit_codes: collections.Counter[int] = dataclasses.field(default_factory=collections.Counter)
    failures: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """The inputs tried in every mode."""
        return sum(self.tried.values())

    def summary(self) -> str:
        """One paragraph for a terminal."""
        modes = ", ".join(f"{m} {n}" for m, n in sorted(self.tried.items()))
        outcomes = ", ".join(f"{k} {n}" for k, n in sorted(self.outcomes.items()))
        codes = ", ".join(f"{c}: {n}" for c, n in sorted(self.exit_codes.items())) or "none"
        untyped = self.failures.get("untyped", 0)
        return (
            f"fuzz: {self.total} inputs tried in {self.seconds:.0f} s ({modes}); {outcomes}; "
            f"untyped exceptions: {untyped}; other failures: {self.total_failures - untyped}; "
            f"exit codes seen: {codes}"
        )

    @property
    def total_failures(self) -> int:
        """Untyped exceptions, wrong exit codes and broken invariants together."""
        return sum(self.failures.values())


STATS = Stats()


def run_case(case: Case, folder: Path) -> str:
    """Run one case in ``folder`` (written fresh); return ``ok`` or ``typed``.

    Raises:
        FuzzFailureError: an untyped exception, a wrong exit code or a broken invariant.
    """
    from ictcost.errors import IctcostError  # noqa: PLC0415

    start = time.perf_counter()
    STATS.tried[case.mode] += 1
    try:
        path = case.write(folder)
        outcome = _RUNNERS[case.mode](case, path, folder)
    except FuzzFailureError as failure:
        STATS.failures[failure.kind] += 1
        raise
    except IctcostError:
        outcome = "typed"
    except Exception as exc:
        STATS.failures["untyped"] += 1
        raise FuzzFailureError("untyped", case, traceback.format_exc(limit=12)) from exc
    finally:
        STATS.seconds += time.perf_counter() - start
    STATS.outcomes[outcome] += 1
    return outcome


# --- the modes ----------------------------------------------------------------------------------


@functools.cache
def _shipped() -> Any:
    from ictcost.norms import NormRegistry  # noqa: PLC0415

    return NormRegistry.shipped()


def _registry(case: Case, folder: Path) -> Any:
    return _shipped().with_pack(folder / "pack") if case.pack else _shipped()


def _estimate_json(case: Case, path: Path, folder: Path) -> tuple[Any, str]:
    from ictcost.estimate import compute_estimate  # noqa: PLC0415
    from ictcost.inputs import load_project  # noqa: PLC0415

    estimate = compute_estimate(
        load_project(path), registry=_registry(case, folder), base_dir=folder
    )
    return estimate, estimate.to_json()


def _run_api(case: Case, path: Path, folder: Path) -> str:
    estimate, first = _estimate_json(case, path, folder)
    check_estimate_json(case, json.loads(first))
    _, second = _estimate_json(case, path, folder)
    if first != second:
        raise FuzzFailureError(
            "json-differs", case, "two runs of the same input gave different JSON"
        )
    estimate.to_markdown()
    return "ok"


def _run_pack(case: Case, path: Path, folder: Path) -> str:
    return _run_api(case, path, folder)


def _run_workbook(case: Case, path: Path, folder: Path) -> str:
    return _run_api(case, path, folder)


def _run_software(case: Case, path: Path, folder: Path) -> str:
    from ictcost import compute_software_cost  # noqa: PLC0415
    from ictcost.inputs import load_software_input  # noqa: PLC0415

    first = compute_software_cost(load_software_input(path)).to_json()
    second = compute_software_cost(load_software_input(path)).to_json()
    if first != second:
        raise FuzzFailureError(
            "json-differs", case, "two runs of the same input gave different JSON"
        )
    check_software_json(case, json.loads(first))
    return "ok"


_ALLOWED = {"estimate": {0, 2}, "check": {0, 1, 2}}


def _invoke(case: Case, path: Path, folder: Path) -> tuple[int, str]:
    from typer.testing import CliRunner  # noqa: PLC0415

    from ictcost.cli import app  # noqa: PLC0415

    command = case.args[0]
    args = [command, str(path), "--json"]
    if case.pack:
        args += ["--pack", str(folder / "pack")]
    result = CliRunner().invoke(app, args)
    STATS.exit_codes[result.exit_code] += 1
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exc = result.exception
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=12))
        raise FuzzFailureError("untyped", case, detail)
    if result.exit_code not in _ALLOWED[command]:
        raise FuzzFailureError(
            "exit-code", case, f"{command} exited {result.exit_code}\n{result.output}"
        )
    if "Traceback" in result.output:
        raise FuzzFailureError("traceback", case, result.output[-3000:])
    return result.exit_code, result.stdout


def _run_cli(case: Case, path: Path, folder: Path) -> str:
    code, out = _invoke(case, path, folder)
    if code == 2:
        return "typed"
    data = json.loads(out)
    if case.args[0] == "estimate":
        check_estimate_json(case, data)
    again = _invoke(case, path, folder)
    if again != (code, out):
        raise FuzzFailureError(
            "json-differs", case, "two runs of the same input gave different output"
        )
    return "ok"


_RUNNERS = {
    "api": _run_api,
    "cli": _run_cli,
    "software": _run_software,
    "pack": _run_pack,
    "workbook": _run_workbook,
}


# --- invariants -----------------------------------------------------------------------------------


def _d(value: object) -> Decimal:
    return Decimal("0") if value is None else Decimal(str(value))


_WIDE = decimal.Context(prec=400)  # exact sums and products of the JSON's decimals


def check_estimate_json(case: Case, data: dict[str, Any]) -> None:
    """Check that an estimate's totals add up, exactly, from its JSON.

    Raises:
        FuzzFailureError: a total does not add up (the message says which).
    """
    with decimal.localcontext(_WIDE):
        _check_estimate(case, data)


def _check_estimate(case: Case, data: dict[str, Any]) -> None:
    problems: list[str] = []
    lines = data["lines"]
    for line in lines:
        if _d(line["amount"]) + _d(line["vat"]) != _d(line["total"]):
            problems.append(f"line {line['id']}: amount + VAT != total")
        if _d(line["amount"]) != _d(line["amount"]).to_integral_value():
            problems.append(f"line {line['id']}: amount {line['amount']} is not whole đồng")
    counted = [line for line in lines if line.get("in_total", True)]
    amount = sum((_d(line["amount"]) for line in counted), Decimal(0))
    vat = sum((_d(line["vat"]) for line in counted), Decimal(0))
    if amount != _d(data["amount"]):
        problems.append(f"Σ line amounts {amount} != amount {data['amount']}")
    if vat != _d(data["vat"]):
        problems.append(f"Σ line VAT {vat} != VAT {data['vat']}")
    before = _d(data["total_before_contingency"])
    if _d(data["amount"]) + _d(data["vat"]) != before:
        problems.append("amount + VAT != total before contingency")
    components = sum((_d(c["total"]) for c in data["components"]), Decimal(0))
    if components != before:
        problems.append(f"Σ components {components} != total before contingency {before}")
    by_id = {line["id"]: line for line in lines}
    for component in data["components"]:
        total = sum(
            (_d(by_id[i]["total"]) for i in component["line_ids"] if i in by_id), Decimal(0)
        )
        if total != _d(component["total"]):
            problems.append(f"component {component['key']}: Σ its lines != its total")
    contingency = data.get("contingency") or {}
    if before + _d(contingency.get("total")) != _d(data["total"]):
        problems.append("total before contingency + contingency != total")
    if problems:
        raise FuzzFailureError("invariant", case, "\n".join(problems))


def check_software_json(case: Case, data: dict[str, Any]) -> None:
    """Check the use-case-point chain of a software result, exactly, from its JSON.

    Raises:
        FuzzFailureError: a step does not follow from the previous ones.
    """
    with decimal.localcontext(_WIDE):
        _check_software(case, data)


def _check_software(case: Case, data: dict[str, Any]) -> None:
    # The JSON's values are settled to 30 places (money.settle): a value of a non-terminating
    # chain may differ from the sum or product of settled parts in the 28th place, no more.
    problems: list[str] = []

    def close(a: Decimal, b: Decimal) -> bool:
        return abs(a - b) <= _SETTLED * max(Decimal(1), abs(b))

    d = {k: _d(v) for k, v in data.items() if isinstance(v, str) and k.isupper()}
    if {"UUCP", "TAW", "TBF"} <= d.keys() and not close(d["TAW"] + d["TBF"], d["UUCP"]):
        problems.append("UUCP != TAW + TBF")
    if {"AUCP", "UUCP", "TCF", "EF"} <= d.keys():
        product = d["UUCP"] * d["TCF"] * d["EF"]
        if not close(product, d["AUCP"]):
            problems.append(f"AUCP {data['AUCP']} != UUCP × TCF × EF {product}")
    if {"G_PM", "G", "C", "TL"} <= d.keys() and not close(d["G"] + d["C"] + d["TL"], d["G_PM"]):
        problems.append("G_PM != G + C + TL")
    amounts = data.get("amounts") or {}
    if amounts and _d(amounts.get("G_PM")) != _d(amounts.get("G_PM")).to_integral_value():
        problems.append("the rounded G_PM is not whole đồng")
    if problems:
        raise FuzzFailureError("invariant", case, "\n".join(problems))


_SETTLED = Decimal("1e-28")


# --- workbooks ----------------------------------------------------------------------------------


@functools.cache
def template_bytes(example: str) -> bytes:
    """The input template filled from an example project (cached)."""
    from ictcost.inputs import load_project  # noqa: PLC0415
    from ictcost.inputs.template import write_template  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / "t.xlsx", project=load_project(EXAMPLES / example))
        return path.read_bytes()


def edit_workbook(
    data: bytes, edits: list[tuple[int, int, int, object]], *, damage: str, offset: int
) -> bytes:
    """Change cells of a workbook (sheet index, row, column, value), then maybe damage a part."""
    import openpyxl  # noqa: PLC0415

    wb = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, row, column, value in edits:
        ws = wb.worksheets[sheet % len(wb.worksheets)]
        try:
            ws.cell(row=row, column=column).value = value
        except Exception:  # noqa: BLE001 - openpyxl refuses control characters, odd types
            continue
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except Exception:  # noqa: BLE001 - a value openpyxl cannot write: keep the unedited workbook
        return data
    out = buffer.getvalue()
    if damage == "truncate":
        return out[: offset % len(out)]
    if damage == "flip":
        return _damage_part(out, offset)
    return out


def _damage_part(data: bytes, offset: int) -> bytes:
    """Replace one byte of one XML part by ``<`` (a well-formed archive with broken XML)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    names = sorted(n for n in parts if n.endswith(".xml") or n.endswith(".rels"))
    name = names[offset % len(names)]
    part = bytearray(parts[name])
    if part:
        part[offset % len(part)] = ord("<")
    parts[name] = bytes(part)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, p in parts.items():
            zf.writestr(n, p)
    return buffer.getvalue()
