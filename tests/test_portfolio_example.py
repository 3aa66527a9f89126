"""The sample portfolio (examples/portfolio): every planted problem is caught, nothing else.

``examples/portfolio/README.md`` lists the planted problems and the codes expected here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest

from ictcost.checks import Finding, check, check_portfolio
from ictcost.estimate import ProjectInput, load_project
from ictcost.report.messages import Message

FOLDER = Path(__file__).parents[1] / "examples" / "portfolio"
FILES = sorted(FOLDER.glob("*.yaml"))

CLEAN = "01-mot-cua-huyen.yaml"
EXPECTED: dict[str, set[str]] = {
    CLEAN: set(),
    # DL-01 (database creation, 197 M, category b) is outside every fee base (appraisal-review §1.1)
    "02-csdl-dat-dai.yaml": {"VAT-RATE", "DUP-PORTFOLIO-EQUIPMENT", "STRUCT-FEE-PART"},
    "03-ioc-do-thi.yaml": {"PROC-SPLIT", "DUP-PORTFOLIO-EQUIPMENT"},
    # the training line DT-01 is left out of the QLDA and lập BCKTKT bases
    "04-hoi-nghi-truyen-hinh.yaml": {
        "ARITH-FEE-RATE",
        "ARITH-LINE",
        "STRUCT-FEE-BASE",
        "STRUCT-FEE-PART",
    },
}
"""Error- and warning-level codes per file (portfolio findings count for both estimates)."""


@pytest.fixture(scope="module")
def projects() -> dict[str, ProjectInput]:
    return {f.name: load_project(f) for f in FILES}


@pytest.fixture(scope="module")
def findings(projects: dict[str, ProjectInput]) -> list[Finding]:
    return check_portfolio(list(projects.values()), base_dirs=[f.parent for f in FILES])


def _by_file(projects: dict[str, ProjectInput], findings: list[Finding]) -> dict[str, set[str]]:
    names = {p.project.name: file for file, p in projects.items()}
    out: dict[str, set[str]] = {file: set() for file in projects}
    for f in findings:
        if f.severity == "info":
            continue
        if f.estimate == "portfolio":
            estimates = f.details["estimates"]
            assert isinstance(estimates, tuple)
            for name in estimates:
                out[names[name]].add(f.code)
        else:
            assert f.estimate is not None
            out[names[f.estimate]].add(f.code)
    return out


def test_folder_holds_the_documented_files():
    assert [f.name for f in FILES] == sorted(EXPECTED)
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for name, codes in EXPECTED.items():
        assert name in readme
        for code in codes:
            assert code in readme


def test_every_planted_problem_is_caught(
    projects: dict[str, ProjectInput], findings: list[Finding]
):
    assert _by_file(projects, findings) == EXPECTED


def test_planted_findings_point_at_the_planted_lines(findings: list[Finding]):
    where = {(f.code, f.line) for f in findings if f.severity != "info"}
    assert ("VAT-RATE", "DL-01") in where
    assert ("ARITH-FEE-RATE", "QLDA") in where
    assert ("ARITH-LINE", "QLDA") in where
    [dup] = [f for f in findings if f.code == "DUP-PORTFOLIO-EQUIPMENT"]
    assert dup.line == "TB-01"
    assert len(dup.details["estimates"]) == 2
    assert "Dell PowerEdge R760" in dup.message_en
    [split] = [f for f in findings if f.code == "PROC-SPLIT"]
    assert split.details["packages"] == ("G-01", "G-02", "G-03")
    assert split.amount == 2_757_888_000
    [vat] = [f for f in findings if f.code == "VAT-RATE"]
    assert vat.details == {"stated": Decimal(10), "expected": Decimal(8), "category": "general"}


def test_clean_project_has_no_error(projects: dict[str, ProjectInput], findings: list[Finding]):
    clean = projects[CLEAN].project.name
    assert not [str(f) for f in findings if f.estimate == clean and f.severity == "error"]
    alone = check(projects[CLEAN], base_dir=FOLDER)
    assert {f.code for f in alone if f.severity != "info"} == set()


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_each_file_alone(file: Path):
    """Checked alone, a file has its own planted problems and no portfolio overlap."""
    codes = {f.code for f in check(load_project(file), base_dir=FOLDER) if f.severity != "info"}
    assert codes == EXPECTED[file.name] - {"DUP-PORTFOLIO-EQUIPMENT"}


def _facts(f: Finding) -> tuple[object, ...]:
    """Everything a tool reads from a finding: code, severity, location, typed params, basis."""
    return (f.estimate, f.code, f.severity, f.line, f.field, f.case, f.amount, f.details, f.basis)


def test_findings_do_not_rest_on_their_text(
    monkeypatch: pytest.MonkeyPatch, projects: dict[str, ProjectInput], findings: list[Finding]
):
    """Garbling every template of the renderer changes the messages and nothing else."""
    import ictcost.report.messages as messages  # noqa: PLC0415

    garbled = MappingProxyType(
        {key: Message(vi=f"¿{key}?", en=f"¡{key}!") for key in messages.CATALOGUE}
    )
    monkeypatch.setattr(messages, "CATALOGUE", garbled)
    again = check_portfolio(list(projects.values()), base_dirs=[f.parent for f in FILES])
    assert [_facts(f) for f in again] == [_facts(f) for f in findings]
    assert [f.citations for f in again] == [f.citations for f in findings]
    # the garbled templates did reach the messages (so the comparison above means something)
    for f in again:
        key = f.code if f.case is None else f"{f.code}.{f.case}"
        assert (f.message_vi, f.message_en) == (f"¿{key}?", f"¡{key}!")
    assert {f.code for f in again} >= {"VAT-RATE", "PROC-SPLIT", "ARITH-LINE", "CLASS-GROUP"}
