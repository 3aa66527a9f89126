"""The committed JSON Schema matches the models, and every shipped file validates against it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from ictcost._internal._yaml import load_yaml
from ictcost.norms import shipped_norms_dir
from ictcost.norms.loader import iter_norm_files
from ictcost.norms.models import NormTable

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "norms" / "schema" / "norm-table.schema.json"
FIXTURES = Path(__file__).parent / "fixtures"
NORMS = shipped_norms_dir()
FILES = iter_norm_files(NORMS)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_schema", ROOT / "scripts" / "generate_schema.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _jsonable(data: Any) -> Any:
    """Turn the strict loader's output into JSON types (only to validate against the schema)."""
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if isinstance(data, Decimal):
        return float(data)
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _read(path: Path) -> Any:
    data, _ = load_yaml(path.read_text(encoding="utf-8"), str(path))
    return _jsonable(data)


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.exists(), "run python scripts/generate_schema.py"
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == _script().render(), "run python scripts/generate_schema.py"


def test_render_is_sorted_indented_utf8_with_a_final_newline() -> None:
    text = _script().render()
    assert text.endswith("}\n")
    assert not text.endswith("\n\n")
    assert json.loads(text) == NormTable.model_json_schema()
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    assert "\\u" not in text  # Vietnamese text in descriptions is kept as written


def test_script_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _script()
    target = tmp_path / "schema" / "norm-table.schema.json"
    monkeypatch.setattr(script, "SCHEMA_PATH", target)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.main(["--check"]) == 1  # missing
    assert script.main([]) == 0
    assert target.read_text(encoding="utf-8") == script.render()
    assert script.main(["--check"]) == 0
    target.write_text("{}\n", encoding="utf-8")
    assert script.main(["--check"]) == 1


def test_schema_describes_the_table(validator: jsonschema.Draft202012Validator) -> None:
    schema = validator.schema
    assert schema["title"] == "NormTable"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {
        "id",
        "title",
        "instrument",
        "kind",
        "unit",
        "last_verified",
        "sources",
        "versions",
    }
    value = schema["$defs"]["Value"]
    assert value["required"] == ["value", "source", "confidence"]
    assert value["properties"]["source"]["minItems"] == 1


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(NORMS).as_posix() for p in FILES])
def test_shipped_file_validates_against_the_schema(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(_read(path))
    ]
    assert errors == []


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_fixture_validates(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    assert list(validator.iter_errors(_read(path))) == []


@pytest.mark.parametrize(
    ("name", "validator_kind"),
    [
        ("unknown-key-top", "additionalProperties"),
        ("unknown-key-in-value", "additionalProperties"),
        ("value-missing-source", "required"),
        ("value-missing-confidence", "required"),
        ("bad-confidence-word", "pattern"),
        ("empty-source-list", "minItems"),
    ],
)
def test_schema_catches_grammar_errors_in_the_editor(
    validator: jsonschema.Draft202012Validator, name: str, validator_kind: str
) -> None:
    errors = list(validator.iter_errors(_read(FIXTURES / "invalid" / f"{name}.yaml")))
    assert [e.validator for e in errors] == [validator_kind]


# --- the JSON Schemas of the input files (docs/schema/) ------------------------------------------------

EXAMPLES = ROOT / "examples"
INPUT_SCHEMAS = ROOT / "docs" / "schema"
PROJECT_FILES = sorted(
    p
    for p in [*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("portfolio/*.yaml")]
    if p.name not in {"software-portal.yaml", "portal-ranges.yaml"}  # software input, ranges
)
SOFTWARE_FILES = [EXAMPLES / "software-portal.yaml"]


def _output_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_output_schemas", ROOT / "scripts" / "generate_output_schemas.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_an_editor_reads(data: Any) -> Any:
    """YAML as a YAML editor sees it: whole numbers integers, decimals floats, dates ISO text."""
    if isinstance(data, dict):
        return {k: _as_an_editor_reads(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_as_an_editor_reads(v) for v in data]
    if isinstance(data, Decimal):
        return int(data) if data == data.to_integral_value() else float(data)
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _input_validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((INPUT_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _errors(validator: jsonschema.Draft202012Validator, path: Path) -> list[str]:
    data, _ = load_yaml(path.read_text(encoding="utf-8"), str(path))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(_as_an_editor_reads(data))
    ]


@pytest.mark.parametrize("name", ["project", "software-input"])
def test_input_schemas_are_generated_from_the_models(name: str) -> None:
    committed = (INPUT_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == _output_script().render()[f"{name}.schema.json"], (
        "run python scripts/generate_output_schemas.py"
    )


def test_the_project_schema_describes_the_project_file() -> None:
    schema = _input_validator("project").schema
    assert schema["title"] == "ProjectInput"
    assert set(schema["required"]) == {"project", "lines"}
    assert "ProjectInput" in schema["description"]
    line = schema["$defs"]["LineInput"]
    assert "thiet_bi" in line["properties"]["component"]["enum"]
    amount = schema["$defs"]["Quote"]["properties"]["unit_price"]["anyOf"]
    assert {"type": "number", "minimum": 0} in amount  # a file's decimals are read exactly


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_every_project_example_validates_and_names_the_schema(path: Path) -> None:
    assert _errors(_input_validator("project"), path) == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (path.parent / first.removeprefix(prefix)).resolve() == (
        INPUT_SCHEMAS / "project.schema.json"
    )


@pytest.mark.parametrize("path", SOFTWARE_FILES, ids=lambda p: p.stem)
def test_the_software_example_validates_and_names_the_schema(path: Path) -> None:
    assert _errors(_input_validator("software-input"), path) == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/software-input.schema.json"


def test_the_project_schema_catches_a_wrong_component(tmp_path: Path) -> None:
    text = (EXAMPLES / "portal-project.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("component: thiet_bi", "component: phan_cung", 1), "utf-8")
    errors = _errors(_input_validator("project"), bad)
    assert len(errors) == 1
    assert errors[0].startswith("lines/0/component: 'phan_cung' is not one of")
