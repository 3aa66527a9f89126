"""Write the JSON Schemas of ictcost's JSON documents and input files to ``docs/schema/``.

The documents: the estimate (``ictcost estimate --json``), a fee (``ictcost fee --json``), a
software result (``ictcost software --json``) and the findings (``ictcost check --json``). Each
carries ``schema_version``; their schemas are generated from the pydantic models in serialization
mode. The input files: a project (``project.schema.json``, the input of ``ictcost estimate``) and
a software input (``software-input.schema.json``, of ``ictcost software``) and a dossier of stage
records (``dossier.schema.json``, of ``ictcost stages check``), generated in
validation mode, for editors (the examples' first line,
``# yaml-language-server: $schema=../docs/schema/project.schema.json``, turns on completion and
checks). The project and software readers read every number of a file as an exact decimal, so in
the input schemas an amount may be any number, not only an integer. Never edited by hand:
``tests/test_snapshots.py`` and ``tests/test_schema.py`` fail when a committed file differs.

Usage::

    python scripts/generate_output_schemas.py          # write the files
    python scripts/generate_output_schemas.py --check  # exit 1 if a committed file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ictcost.checks import FindingsReport
from ictcost.estimate import Estimate
from ictcost.estimate.model import ProjectInput
from ictcost.fees import FeeResult
from ictcost.software import SoftwareCostResult, SoftwareInput
from ictcost.stages import Dossier

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "docs" / "schema"


def _documents() -> dict[str, Callable[[], dict[str, Any]]]:
    return {
        "estimate": lambda: Estimate.model_json_schema(mode="serialization"),
        "fee-result": lambda: FeeResult.model_json_schema(mode="serialization"),
        "software-result": lambda: SoftwareCostResult.model_json_schema(mode="serialization"),
        "findings": lambda: FindingsReport.model_json_schema(mode="serialization"),
        "project": lambda: _input_schema(ProjectInput, "an ictcost project (ictcost estimate)"),
        "software-input": lambda: _input_schema(
            SoftwareInput, "the software input of ictcost software (use-case points)"
        ),
        "dossier": lambda: _input_schema(
            Dossier, "a project's stage records (ictcost stages check)"
        ),
    }


_FILE_NUMBERS = (
    " In a project or software input file (YAML or JSON) a decimal number is read exactly, so it "
    "is accepted too."
)


def _file_numbers(node: Any) -> Any:  # noqa: ANN401 - any JSON Schema node
    """Let the amounts of ictcost's types take any number: a file's numbers are read exactly."""
    if isinstance(node, list):
        return [_file_numbers(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _file_numbers(v) for k, v in node.items()}
    options = out.get("anyOf")
    if isinstance(options, list) and any(o.get("type") == "string" for o in options):
        for option in options:
            if option.get("type") == "integer" and "enum" not in option:
                option["type"] = "number"
                if isinstance(out.get("description"), str):
                    out["description"] = out["description"] + _FILE_NUMBERS
    return out


def _legacy_form(schema: dict[str, Any]) -> None:
    """Say what ProjectMeta's before-validator allows: the deprecated ``form`` instead of the pair.

    ``form`` (deprecated) is mapped to ``project_kind`` and ``document`` before validation
    (``LEGACY_FORMS`` in :mod:`ictcost.estimate.model`), which pydantic's schema cannot show.
    """
    meta = schema.get("$defs", {}).get("ProjectMeta")
    if meta is None:
        return
    pair = ["project_kind", "document"]
    meta["required"] = [r for r in meta["required"] if r not in pair]
    meta["anyOf"] = [{"required": pair}, {"required": ["form"]}]


def _input_schema(model: Any, what: str) -> dict[str, Any]:  # noqa: ANN401 - a pydantic model
    schema: dict[str, Any] = _file_numbers(model.model_json_schema(mode="validation"))
    _legacy_form(schema)
    schema["description"] = (
        f"The input file of {what}, in YAML or JSON. Generated from the pydantic model "
        f"{model.__module__}.{model.__name__} by scripts/generate_output_schemas.py."
    )
    return schema


def render() -> dict[str, str]:
    """Return every schema as the exact text to commit, by file name.

    Returns:
        ``{"estimate.schema.json": text, …}``: indented by 2, keys sorted, UTF-8 kept, with a
        final newline.
    """
    out = {}
    for name, build in _documents().items():
        schema = build()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[f"{name}.schema.json"] = (
            json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """Write (or check) the schema files.

    Args:
        argv: Command-line arguments (``--check``); defaults to ``sys.argv[1:]``.

    Returns:
        0 when written or up to date, 1 when ``--check`` finds a file stale.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for name, text in render().items():
        path = SCHEMA_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(name)
        else:
            SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"out of date: {', '.join(stale)}: run python scripts/generate_output_schemas.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
