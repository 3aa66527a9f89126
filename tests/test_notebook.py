"""The example notebook ``docs/notebooks/estimate.ipynb`` runs, and shows what ictcost computes today.

The notebook is executed with nbclient in the kernel ``python3`` of this virtualenv (the test
checks that the kernel's interpreter is the one running the tests, so the notebook sees this
checkout of ictcost). Any cell error fails the test. The committed notebook keeps its outputs (it
is shown as an executed example); the printed outputs of its cells must be what a fresh run
prints, so the stored figures cannot go stale.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import nbclient  # the dev extra installs nbclient, nbformat and ipykernel
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "estimate.ipynb"
WHICH_PYTHON = "import sys; print(sys.executable)"


def _streams(cell: Any) -> str:
    return "".join(
        out.get("text", "") for out in cell.get("outputs", []) if out.output_type == "stream"
    )


@pytest.fixture(scope="module")
def executed() -> Any:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(WHICH_PYTHON))
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    with warnings.catch_warnings():  # jupyter_client's own deprecation warnings are not ours
        warnings.simplefilter("ignore", DeprecationWarning)
        client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def test_notebook_runs_in_this_virtualenv(executed: Any) -> None:
    errors = [
        out
        for cell in executed.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors
    kernel_python = _streams(executed.cells[-1]).strip()
    assert Path(kernel_python).resolve() == Path(sys.executable).resolve()


def test_notebook_walks_the_main_job() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    for step in (
        "with_pack(",
        "compute_estimate(",
        ".trace.fee",
        ".trace.software",
        "check(",
        "to_dataframe(",
        "to_xlsx(",
    ):
        assert step in code, f"the notebook does not show {step}"


def test_committed_outputs_are_current(executed: Any) -> None:
    committed = nbformat.read(NOTEBOOK, as_version=4)
    code_cells = [c for c in committed.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code_cells), (
        "docs/notebooks/estimate.ipynb is stored without outputs: execute it and save it"
    )
    fresh = [c for c in executed.cells if c.cell_type == "code"][: len(code_cells)]
    for i, (old, new) in enumerate(zip(code_cells, fresh, strict=True)):
        assert _streams(old) == _streams(new), (
            f"code cell {i} prints something else today: re-execute docs/notebooks/estimate.ipynb"
        )


def test_site_page_shows_the_executed_notebook() -> None:
    """``docs/hooks/notebook_page.py`` renders every cell and the stored outputs as a page."""
    import importlib.util  # noqa: PLC0415
    import json  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location(
        "ictcost_docs_notebook_page", ROOT / "docs" / "hooks" / "notebook_page.py"
    )
    assert spec is not None
    assert spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    page = hook.render_notebook(raw, NOTEBOOK.name)
    committed = nbformat.read(NOTEBOOK, as_version=4)
    for cell in committed.cells:
        assert cell.source.strip() in page
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                assert out.text.rstrip("\n") in page
    assert '<div class="nb-output" markdown="0">' in page  # the estimate's own HTML display
    assert f"[Download the notebook]({NOTEBOOK.name})" in page
