"""Write the JSON Schemas of ictcost's JSON documents to ``docs/schema/`` (published with the docs).

The documents: the estimate (``ictcost estimate --json``), a fee (``ictcost fee --json``), a
software result (``ictcost software --json``) and the findings (``ictcost check --json``). Each
carries ``schema_version``; the schemas are generated from the pydantic models in serialization
mode, never edited by hand: ``tests/test_output_schemas.py`` fails when a committed file differs.

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
from ictcost.fees import FeeResult
from ictcost.software import SoftwareCostResult

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "docs" / "schema"


def _documents() -> dict[str, Callable[[], dict[str, Any]]]:
    return {
        "estimate": lambda: Estimate.model_json_schema(mode="serialization"),
        "fee-result": lambda: FeeResult.model_json_schema(mode="serialization"),
        "software-result": lambda: SoftwareCostResult.model_json_schema(mode="serialization"),
        "findings": lambda: FindingsReport.model_json_schema(mode="serialization"),
    }


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
