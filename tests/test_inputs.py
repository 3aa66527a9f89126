"""The readers of ``ictcost.inputs``: project and software files, dicts, DataFrames; their errors.

The workbook reader has its own tests (``test_excel_import.py``); the mapper of validation errors
is tested in ``test_problems.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import ictcost.inputs
import ictcost.software
from ictcost.errors import InputError
from ictcost.estimate import model
from ictcost.inputs import load_project, load_software_input, software_input_from_frames
from ictcost.inputs import software as software_reader
from ictcost.keys import COMPONENTS, METHODS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _project(**line: Any) -> dict[str, Any]:
    return {
        "project": {"name": "P", "date": "2026-01-15", "form": "ktkt"},
        "lines": [
            {
                "id": "TB-01",
                "component": "thiet_bi",
                "name": "Máy chủ",
                "method": "fixed",
                "vat": "general",
                "amount": 100_000_000,
                "basis": "HĐ 1",
            }
            | line
        ],
    }


def _problems(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


# --- projects -------------------------------------------------------------------------------------


def test_project_from_a_dict_reads_amounts_exactly() -> None:
    project = load_project(_project(amount="8.500.000"))
    assert project.lines[0].amount == Decimal(8_500_000)


def test_project_from_the_example_file() -> None:
    project = load_project(EXAMPLES / "portal-project.yaml")
    assert project.lines[0].id == "TB-01"


def test_project_yaml_errors_name_line_id_field_and_position(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "project: {name: P, date: 2026-01-15, form: ktkt}\n"
        "lines:\n"
        "  - id: TB-01\n"
        "    component: phan_cung\n"
        "    name: Máy chủ\n"
        "    method: fixed\n"
        "    vat: general\n"
        "    amount: -1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert exc.value.message == f"{path}: 2 problem(s) in the project"
    assert exc.value.field == "lines[0: TB-01].component"
    shown = _problems(exc)
    assert shown[0].startswith(f"{path}:4:16: lines[0: TB-01].component: Input should be")
    assert (
        shown[1] == f"{path}:8:13: lines[0: TB-01].amount: an amount must be zero or more (got -1)"
    )


def test_project_json_reads_decimals_exactly(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    data = _project()
    data["lines"][0]["quantity"] = 1
    path.write_text(json.dumps(data).replace('"amount": 100000000', '"amount": 8500000.5'))
    assert load_project(path).lines[0].amount == Decimal("8500000.5")


def test_project_bad_json_is_located(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"project": {"name": "P",}\n}', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert exc.value.field == "file"
    (problem,) = exc.value.problems
    assert (problem.file, problem.line) == (str(path), 1)


def test_project_bad_yaml_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("project: {name: P\nlines: [\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert exc.value.field == "file"
    assert exc.value.problems[0].line is not None
    with pytest.raises(InputError, match="cannot read"):
        load_project(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("name", "content", "says", "hint"),
    [
        # review defect 14: a workbook given as a project never gives a UTF-8 decode error
        ("p.yaml", b"\x81\x82 project: x", "not UTF-8 text (byte 0x81 at position 0)", "UTF-8"),
        ("p.json", b'{"a": "\xe9t\xe9"}', "not UTF-8 text (byte 0xe9 at position 7)", "UTF-8"),
        ("p.yaml", b"ab\x00cd", "a binary file, not a project", "`ictcost template`"),
        ("p.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "(.xls)", "save it as"),
        ("p.yaml", b"PK\x03\x04" + bytes(64), "a zip package", "rename it to .xlsx"),
        ("p.xlsx", b"project: {}\n", "cannot read", ".xlsx workbook"),
    ],
)
def test_project_binary_input_says_what_it_is(
    tmp_path: Path, name: str, content: bytes, says: str, hint: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert says in exc.value.message
    assert hint in str(exc.value.hint)
    assert "codec" not in str(exc.value)


def test_project_text_files_are_still_read_as_yaml_and_json(tmp_path: Path) -> None:
    data = _project()
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_project(path) == load_project(data)
    yaml_path = tmp_path / "p.yaml"
    yaml_path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    assert load_project(yaml_path) == load_project(data)


def test_project_from_a_filled_template(tmp_path: Path) -> None:
    from ictcost.inputs.template import write_template  # noqa: PLC0415 - the excel extra

    project = load_project(_project())
    path = write_template(tmp_path / "du-toan.xlsx", project=project)
    assert load_project(path) == project


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (1.5, "an amount must not be a float"),
        (-1, "an amount must be zero or more (got -1)"),
        ("8.500", "an amount must be an unambiguous number of đồng (got '8.500')"),
        ([1], "an amount must be a Decimal, an int or a string (got [1])"),
    ],
)
def test_project_amounts_use_the_library_money_type(value: object, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        load_project(_project(amount=value))
    (problem,) = exc.value.problems
    assert problem.path == "lines[0: TB-01].amount"
    assert fragment in problem.message
    assert "\n" not in problem.message  # one sentence, no nested "How to fix"


def test_project_model_vocabularies_come_from_keys() -> None:
    assert model.COMPONENTS == COMPONENTS
    assert model.METHODS == METHODS
    assert model.LineInput.model_fields["component"].annotation == model.Component
    with pytest.raises(InputError, match="Input should be 'investment_project'"):
        load_project(_project() | {"project": {"name": "P", "date": "2026-01-15", "form": "x"}})


# --- software -------------------------------------------------------------------------------------


def test_software_from_the_example_file() -> None:
    inp = load_software_input(EXAMPLES / "software-portal.yaml")
    assert len(inp.use_cases) == 9


def _software() -> dict[str, Any]:
    inp = load_software_input(EXAMPLES / "software-portal.yaml")
    return json.loads(inp.model_dump_json(exclude_none=True))


def test_software_labour_errors_have_clean_paths() -> None:
    data = _software()
    data["labour_rate"]["members"][0]["monthly_salary"] = 9.5e6  # a float salary
    del data["labour_rate"]["hours_per_day"]
    with pytest.raises(InputError) as exc:
        load_software_input(data)
    paths = {p.path for p in exc.value.problems}
    assert "labour_rate.members[0].monthly_salary" in paths
    assert "labour_rate.hours_per_day" in paths
    assert not any("team_average" in p or "tagged-union" in p for p in paths)
    assert exc.value.message == "software input: 3 problem(s) in the software input"


def test_software_yaml_error_is_located(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    text = (EXAMPLES / "software-portal.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("E3: 3,", "E3: 9,"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_software_input(path)
    problem = exc.value.problems[0]
    assert {p.path for p in exc.value.problems} == {"environmental.E3"}
    assert (problem.file, problem.line) == (str(path), 23)
    assert problem.message == "Input should be less than or equal to 5"


def test_software_from_frames_reads_gaps_and_whole_floats() -> None:
    pd = pytest.importorskip("pandas")
    use_cases = pd.DataFrame(
        [
            {"name": "Đăng nhập", "bmt": "M", "complexity": "simple", "transactions": None},
            {"name": "Tra cứu", "bmt": "B", "complexity": None, "transactions": 5},
        ]
    )
    inp = software_input_from_frames(
        date="2025-06-01",
        actors=pd.DataFrame([{"name": "Cán bộ", "complexity": "complex"}]),
        use_cases=use_cases,
        technical={f"T{i}": 3 for i in range(1, 14)},
        environmental={f"E{i}": 3 for i in range(1, 9)},
        labour_rate=61250,
        name="Cổng",
    )
    assert inp.use_cases[0].transactions is None
    assert inp.use_cases[1].transactions == 5
    assert inp.use_cases[1].complexity is None


def test_software_from_frames_errors() -> None:
    with pytest.raises(InputError) as exc:
        software_input_from_frames(
            date="2025-06-01",
            actors=[{"name": "Cán bộ", "complexity": "hard"}],
            use_cases=[{"name": "Tra cứu", "bmt": "B", "complexity": "simple"}],
            technical={},
            environmental={},
            labour_rate=61250.5,
        )
    paths = {p.path for p in exc.value.problems}
    assert {"actors[0].complexity", "technical", "environmental", "labour_rate"} <= paths


# --- the package ----------------------------------------------------------------------------------


def test_readers_live_in_the_inputs_package() -> None:
    assert not hasattr(ictcost.software, "load_software_input")  # formulas do not read files
    assert ictcost.inputs.load_software_input is software_reader.load_software_input
    assert set(ictcost.inputs.__all__) >= {
        "load_project",
        "load_software_input",
        "load_workbook_project",
        "read_template",
        "software_input_from_frames",
        "write_template",
    }
    assert ictcost.inputs.read_template is ictcost.inputs.template.read_template


@pytest.mark.parametrize(
    "first",
    [
        "ictcost.inputs",
        "ictcost.inputs.project",
        "ictcost.inputs.software",
        "ictcost.inputs.workbook",
        "ictcost.inputs.template",
        "ictcost.norms",
        "ictcost.software",
        "ictcost.estimate",
        "ictcost.types",
    ],
)
def test_any_import_order_works(first: str) -> None:
    """The readers load their models only when they run: no import cycle, whichever comes first."""
    code = (
        f"import {first}\n"
        "from ictcost.inputs import load_project, load_software_input\n"
        "import ictcost.software, ictcost.estimate\n"
        f"load_software_input({str(EXAMPLES / 'software-portal.yaml')!r})\n"
        f"print(load_project({str(EXAMPLES / 'portal-project.yaml')!r}).lines[0].id)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "TB-01"


def test_a_project_file_takes_vietnamese_dates_as_well_as_iso():
    load = load_project
    line = {
        "id": "K",
        "component": "chi_phi_khac",
        "name": "x",
        "method": "fixed",
        "vat": "general",
        "basis": "b",
        "amount": 1,
    }
    p = load({"project": {"name": "P", "date": "15/01/2026", "form": "ktkt"}, "lines": [line]})
    assert p.project.date == dt.date(2026, 1, 15)
    with pytest.raises(InputError, match="date"):
        load({"project": {"name": "P", "date": "31/02/2026", "form": "ktkt"}, "lines": [line]})
