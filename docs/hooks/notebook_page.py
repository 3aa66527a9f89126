"""mkdocs hook: show the executed example notebook as a page of the site, without a plugin.

``docs/notebooks/estimate.ipynb`` is stored with its outputs (``tests/test_notebook.py`` executes
it and checks that the stored outputs are current). :func:`render_notebook` writes it as markdown:
markdown cells as they are, code cells as Python blocks, printed output as text blocks, and rich
results (the estimate's summary, a DataFrame) as their HTML. The page is generated as
``notebooks/estimate.md`` beside the ``.ipynb`` file, which the site also serves for download.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "estimate.ipynb"
"""The example notebook."""
PAGE_URI = "notebooks/estimate.md"
"""The generated page."""


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def _fence(kind: str, text: str) -> list[str]:
    fence = "````" if "```" in text else "```"
    return [f"{fence}{kind}", text.rstrip("\n"), fence, ""]


def _output(out: dict[str, Any]) -> list[str]:
    """One output of a code cell as markdown lines."""
    if out.get("output_type") == "stream":
        return _fence("text", _text(out.get("text", "")))
    if out.get("output_type") == "error":
        return _fence("text", "\n".join(out.get("traceback", [])))
    data = out.get("data", {})
    if "text/html" in data:
        html = " ".join(_text(data["text/html"]).split())  # one line: markdown leaves it alone
        return ['<div class="nb-output" markdown="0">', html, "</div>", ""]
    if "text/plain" in data:
        return _fence("text", _text(data["text/plain"]))
    return []


def render_notebook(notebook: dict[str, Any], ipynb_name: str) -> str:
    """Render a notebook (as parsed JSON) as one markdown page.

    Args:
        notebook: The ``.ipynb`` content.
        ipynb_name: The notebook's file name, linked for download.

    Returns:
        The page's markdown.
    """
    out: list[str] = []
    for i, cell in enumerate(notebook.get("cells", [])):
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            out += [source, ""]
            if i == 0:
                out += [
                    f"[Download the notebook]({ipynb_name}) · executed by the test suite, so the "
                    "outputs below are what ictcost computes today.",
                    "",
                ]
        elif cell.get("cell_type") == "code":
            out += _fence("python", source)
            for output in cell.get("outputs", []):
                out += _output(output)
    return "\n".join(out)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Generate the notebook's page (mkdocs event).

    Args:
        files: The files of the site.
        config: The site configuration.

    Returns:
        The files with the page added.
    """
    from mkdocs.structure.files import File  # noqa: PLC0415 - mkdocs is only needed at build

    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    content = render_notebook(notebook, NOTEBOOK.name)
    files.append(File.generated(config, PAGE_URI, content=content))
    return files
