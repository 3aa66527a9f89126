"""Snapshots of the examples' JSON: a change of output is a reviewed diff, not a surprise.

Each snapshot is the JSON document ictcost writes for a shipped example, with the repository's
absolute path replaced by ``<repo>``. When an output changes on purpose, regenerate them with
``ICTCOST_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py`` and review the diff; the
JSON documents also validate against the published schemas (``docs/schema/``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from ictcost import NormRegistry, compute_fee
from ictcost._version import SCHEMA_VERSION
from ictcost.checks import check_portfolio
from ictcost.estimate import compute_estimate, load_project
from ictcost.inputs import load_software_input
from ictcost.software import compute_software_cost

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SNAPSHOTS = Path(__file__).parent / "snapshots"
SCHEMAS = ROOT / "docs" / "schema"


def _estimate() -> str:
    reg = NormRegistry.shipped().with_pack(EXAMPLES / "pack")
    project = load_project(EXAMPLES / "portal-project.yaml")
    return compute_estimate(project, registry=reg, base_dir=EXAMPLES).to_json()


def _software() -> str:
    return compute_software_cost(load_software_input(EXAMPLES / "software-portal.yaml")).to_json()


def _fee() -> str:
    return compute_fee(
        "tham_tra_bao_cao_ktkt",
        category="software",
        form="ktkt",
        base=8_500_000_000,
        on="2026-01-15",
        conditions=("island",),
    ).to_json()


def _findings() -> str:
    files = sorted((EXAMPLES / "portfolio").glob("*.yaml"))
    return check_portfolio(files).to_json()


CASES: dict[str, tuple[Callable[[], str], str]] = {
    "portal-estimate": (_estimate, "estimate"),
    "software-portal": (_software, "software-result"),
    "fee-tham-tra-ktkt-island": (_fee, "fee-result"),
    "portfolio-findings": (_findings, "findings"),
}


def _normalise(text: str) -> str:
    return text.replace(str(ROOT), "<repo>")


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_matches_its_snapshot(name: str) -> None:
    build, _ = CASES[name]
    text = _normalise(build())
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("ICTCOST_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text + "\n", encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with ICTCOST_UPDATE_SNAPSHOTS=1"
    assert text + "\n" == path.read_text(encoding="utf-8"), (
        f"{name} changed: review `git diff` after ICTCOST_UPDATE_SNAPSHOTS=1"
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_has_its_version_and_validates_against_the_published_schema(name: str) -> None:
    build, schema_name = CASES[name]
    document = json.loads(build())
    assert document["schema_version"] == SCHEMA_VERSION
    schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)


def test_published_schemas_are_generated_from_the_models() -> None:
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location(
        "generate_output_schemas", ROOT / "scripts" / "generate_output_schemas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for file_name, text in module.render().items():
        committed = SCHEMAS / file_name
        assert committed.exists(), f"{file_name}: run python scripts/generate_output_schemas.py"
        assert committed.read_text(encoding="utf-8") == text, (
            f"{file_name} is stale: run python scripts/generate_output_schemas.py"
        )


def _without_messages(value: object) -> object:
    if isinstance(value, dict):
        return {
            k: _without_messages(v)
            for k, v in value.items()
            if k not in {"message_vi", "message_en", "title_vi", "title_en"}
        }
    if isinstance(value, list):
        return [_without_messages(v) for v in value]
    return value


def test_renaming_every_text_of_the_renderer_changes_no_json_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The JSON documents hold typed values, not text: garbled templates leave them unchanged.

    Only the findings' rendered messages (computed from their typed params) may change.
    """
    from types import MappingProxyType  # noqa: PLC0415

    import ictcost.report.messages as messages  # noqa: PLC0415
    from ictcost.report.messages import Message  # noqa: PLC0415

    before = {name: json.loads(build()) for name, (build, _) in CASES.items()}
    garbled = MappingProxyType(
        {key: Message(vi=f"¿{key} trọng số?", en=f"¡{key} weight!") for key in messages.CATALOGUE}
    )
    monkeypatch.setattr(messages, "CATALOGUE", garbled)
    after = {name: json.loads(build()) for name, (build, _) in CASES.items()}
    for name in CASES:
        assert _without_messages(after[name]) == _without_messages(before[name]), name
    # the garbled texts did reach the findings' messages, so the comparison means something
    assert any("¡" in f["message_en"] for f in after["portfolio-findings"]["findings"])


def test_every_document_reads_back_equal_to_what_was_written() -> None:
    """Each JSON document is lossless: read back with its model, it equals the original."""
    from ictcost.checks import FindingsReport  # noqa: PLC0415
    from ictcost.estimate import Estimate  # noqa: PLC0415
    from ictcost.fees import FeeResult  # noqa: PLC0415
    from ictcost.software import SoftwareCostResult  # noqa: PLC0415

    models = {
        "estimate": Estimate,
        "fee-result": FeeResult,
        "software-result": SoftwareCostResult,
        "findings": FindingsReport,
    }
    for name, (build, schema_name) in CASES.items():
        text = build()
        model = models[schema_name]
        again = model.model_validate_json(text)
        assert again.model_dump_json(indent=2) == text, name
