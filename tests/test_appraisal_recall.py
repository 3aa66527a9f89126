"""Recall and false alarms of the appraisal checks over planted estimates (issue 10).

``tests/appraisal_cases/`` holds submitted estimates (project files with ``stated`` figures):
clean ones, which must give no error or warning, and planted ones, each a clean estimate with ONE
thing changed (its first line: ``# planted: CODE — what``). Its ``README.md`` lists every planted
file with its code, the line the finding should point at and the codes that follow from the plant
(expected consequences). This module

* checks, per planted file, that its code is found (:func:`test_planted_problem_is_caught`);
* checks, per file, that no other error or warning is found (:func:`test_no_false_alarm`);
* computes **recall** (planted problems caught ÷ planted problems) and **false alarms** (error- or
  warning-level findings on the clean estimates, and on each planted file those whose code is
  neither the planted one nor an expected consequence) over the whole set, prints them and
  asserts recall ≥ 95 % and no false alarm (:func:`test_recall_and_false_alarms`).

Every case is checked with the shipped norms plus ``appraisal_cases/pack`` and with the price
evidence ``appraisal_cases/evidence/price-register.yaml``; a file in a sub-folder is checked with
``check_portfolio`` over the project files of its folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from ictcost.checks import RULES, Finding, check, check_portfolio
from ictcost.estimate import load_project
from ictcost.inputs import load_evidence
from ictcost.norms.registry import NormRegistry

CASES = Path(__file__).parent / "appraisal_cases"
README = CASES / "README.md"
MIN_RECALL = 0.95

REGISTRY = NormRegistry.shipped().with_pack(CASES / "pack")
EVIDENCE = load_evidence(CASES / "evidence" / "price-register.yaml")

_PLANTED = re.compile(r"^# planted: (?P<code>[A-Z]+(?:-[A-Z]+)+) — ")
_PARTNER = "# portfolio partner"
_CLEAN = "# clean:"
GRADED = ("error", "warning")

XFAIL: dict[str, str] = {}
"""Planted files whose rule or API is not there yet: file → reason (counted as not caught)."""


@dataclass(frozen=True)
class Planted:
    """One row of the README's table of planted cases."""

    file: str
    code: str
    line: str | None
    consequences: frozenset[str]

    @property
    def path(self) -> Path:
        return CASES / self.file

    @property
    def allowed(self) -> frozenset[str]:
        return self.consequences | {self.code}


def _codes(cell: str) -> frozenset[str]:
    return frozenset(re.findall(r"`([A-Z]+(?:-[A-Z]+)+)`", cell))


def _readme_cases() -> list[Planted]:
    text = README.read_text(encoding="utf-8")
    table = text.split("## Planted cases", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in table.splitlines() if r.startswith("| `")]
    out = []
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
        file, code, line, _base, _what, consequences = cells
        out.append(
            Planted(
                file=file.strip("`"),
                code=code.strip("`"),
                line=None if line == "—" else line,
                consequences=_codes(consequences),
            )
        )
    return out


PLANTED = _readme_cases()


def _first_line(path: Path) -> str:
    with path.open(encoding="utf-8") as f:
        return f.readline().rstrip("\n")


def _project_files(folder: Path) -> list[Path]:
    """The project files of a folder (software inputs, the pack and the register are not)."""
    return sorted(
        p
        for p in folder.glob("*.yaml")
        if _first_line(p).startswith((_CLEAN, _PARTNER)) or _PLANTED.match(_first_line(p))
    )


CLEAN = [p for p in sorted(CASES.rglob("*.yaml")) if _first_line(p).startswith((_CLEAN, _PARTNER))]


def _name(path: Path) -> str:
    return path.relative_to(CASES).as_posix()


@cache
def findings_of(path: Path, *, portfolio: bool = True) -> tuple[Finding, ...]:
    """The findings of one case: alone, or with its folder's portfolio when it is in one."""
    if portfolio and path.parent != CASES:
        return tuple(
            check_portfolio(_project_files(path.parent), registry=REGISTRY, evidence=EVIDENCE)
        )
    project = load_project(path)
    return tuple(check(project, registry=REGISTRY, base_dir=path.parent, evidence=EVIDENCE))


def caught(case: Planted) -> list[Finding]:
    """The findings of the planted code (on the planted line, when the README names one)."""
    return [
        f
        for f in findings_of(case.path)
        if f.code == case.code and (case.line is None or f.line == case.line)
    ]


def false_alarms_of(path: Path, allowed: frozenset[str] = frozenset()) -> list[Finding]:
    """Error- and warning-level findings whose code is not allowed.

    A clean file (a portfolio partner too) is checked alone; a planted file in a sub-folder with
    its folder's portfolio (the partners' own findings included).
    """
    found = findings_of(path, portfolio=path not in CLEAN)
    return [f for f in found if f.severity in GRADED and f.code not in allowed]


def _show(findings: list[Finding]) -> str:
    return "\n".join(
        f"  {f.severity} {f.code}{'.' + f.case if f.case else ''} "
        f"[{f.estimate} / {f.line or '-'}]: {f.message_en}"
        for f in findings
    )


# --- the set itself -----------------------------------------------------------------------------


def test_readme_and_files_agree():
    """Every README row has its file with the same code in its header, and every plant a row."""
    assert PLANTED, "no planted case read from README.md"
    listed = {c.file for c in PLANTED}
    assert len(listed) == len(PLANTED), "a file is listed twice"
    for case in PLANTED:
        assert case.path.exists(), case.file
        header = _PLANTED.match(_first_line(case.path))
        assert header is not None, f"{case.file}: first line is not '# planted: CODE — …'"
        assert header["code"] == case.code, case.file
        assert case.code in RULES, f"{case.file}: {case.code} is not a rule code"
        assert case.consequences <= set(RULES), case.file
    headed = {_name(p) for p in CASES.rglob("*.yaml") if _PLANTED.match(_first_line(p))}
    assert headed == listed
    assert len(CLEAN) >= 10


def test_every_error_and_warning_code_is_planted():
    """Each error- or warning-level estimate rule has at least one planted case.

    The stage rules (``needs`` dossier) read dossiers, not estimates: their planted cases are in
    ``examples/stages/planted.yaml`` (tests/test_stages.py).
    """
    planted = {c.code for c in PLANTED}
    missing = [
        code
        for code, r in RULES.items()
        if r.severity in GRADED and code not in planted and r.needs not in ("dossier", "dossiers")
    ]
    assert not missing, f"rules without a planted case in tests/appraisal_cases: {missing}"


# --- per file -----------------------------------------------------------------------------------


def _param(case: Planted) -> object:
    marks = [pytest.mark.xfail(reason=XFAIL[case.file], strict=False)] if case.file in XFAIL else []
    return pytest.param(case, id=case.file, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in PLANTED])
def test_planted_problem_is_caught(case: Planted):
    where = f" on line {case.line}" if case.line else ""
    assert caught(case), f"{case.file}: planted {case.code}{where} not found; findings:\n" + _show(
        list(findings_of(case.path))
    )


@pytest.mark.parametrize(
    ("path", "allowed"),
    [pytest.param(p, frozenset(), id=_name(p)) for p in CLEAN]
    + [pytest.param(c.path, c.allowed, id=c.file) for c in PLANTED],
)
def test_no_false_alarm(path: Path, allowed: frozenset[str]):
    alarms = false_alarms_of(path, allowed)
    assert not alarms, f"{_name(path)}: unexpected errors or warnings:\n" + _show(alarms)


def test_input_line_leaves_the_rest_reviewed():
    """A line that cannot be computed is INPUT-LINE; every other rule still runs on the rest."""
    [case] = [c for c in PLANTED if c.code == "INPUT-LINE"]
    found = findings_of(case.path)
    [broken] = [f for f in found if f.code == "INPUT-LINE"]
    base = CASES / "clean-07-investment-fs-2026.yaml"
    # the infos of the clean estimate (method of the given lines, group …) are still there
    infos = {(f.code, f.line) for f in findings_of(base) if f.severity == "info"}
    assert infos <= {(f.code, f.line) for f in found}
    # the rest was recomputed: its pre-VAT total is the stated one less the line left out
    stated = load_project(case.path)
    line = next(ln for ln in stated.lines if ln.id == broken.line)
    assert line.stated is not None
    [total] = [f for f in found if f.code == "ARITH-TOTAL" and f.case == "amount_recomputed"]
    assert total.amount == line.stated.amount


# --- the figures --------------------------------------------------------------------------------


def test_recall_and_false_alarms():
    """Recall over the planted cases and false alarms over every file, printed and asserted."""
    missed = [c for c in PLANTED if c.file in XFAIL or not caught(c)]
    recall = (len(PLANTED) - len(missed)) / len(PLANTED)
    alarms: dict[str, list[Finding]] = {}
    for path in CLEAN:
        found = false_alarms_of(path)
        if found:
            alarms[_name(path)] = found
    for case in PLANTED:
        found = false_alarms_of(case.path, case.allowed)
        if found:
            alarms[case.file] = found
    count = sum(len(v) for v in alarms.values())
    files = len(CLEAN) + len(PLANTED)
    report = "\n".join(
        [
            f"appraisal recall: {len(PLANTED) - len(missed)}/{len(PLANTED)} planted problems "
            f"caught = {recall:.1%} (threshold {MIN_RECALL:.0%})",
            f"false alarms: {count} error/warning finding(s) in {len(alarms)} of {files} files "
            f"({len(CLEAN)} clean, {len(PLANTED)} planted)",
            *(f"missed: {c.file} ({c.code})" for c in missed),
            *(f"false alarm in {file}:\n{_show(found)}" for file, found in alarms.items()),
        ]
    )
    print(report)
    assert recall >= MIN_RECALL and count == 0, report
