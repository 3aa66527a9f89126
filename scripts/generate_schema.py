"""Write ``norms/schema/norm-table.schema.json`` from the pydantic models.

The schema is generated, never edited by hand: ``tests/test_schema.py`` fails when the committed
file differs from what the models produce. Run this script after changing
``ictcost.norms.models`` and commit the result.

Usage::

    python scripts/generate_schema.py          # write the file
    python scripts/generate_schema.py --check  # exit 1 if the committed file is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ictcost.norms.models import NormTable

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "norms" / "schema" / "norm-table.schema.json"


def render() -> str:
    """Return the JSON Schema of a norm file, as the exact text to commit.

    Returns:
        ``NormTable.model_json_schema()`` as JSON: indented by 2, keys sorted, UTF-8 characters
        kept, ending with a newline.
    """
    schema = NormTable.model_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or check) the schema file.

    Args:
        argv: Command-line arguments (``--check``); defaults to ``sys.argv[1:]``.

    Returns:
        The exit status: 0 when written or up to date, 1 when ``--check`` finds it stale.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; fail if the file is out of date"
    )
    args = parser.parse_args(argv)
    text = render()
    current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else None
    if args.check:
        if current != text:
            print(f"{SCHEMA_PATH} is out of date: run python scripts/generate_schema.py")
            return 1
        print(f"{SCHEMA_PATH} is up to date")
        return 0
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
