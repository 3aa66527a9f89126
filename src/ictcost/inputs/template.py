"""The estimator's input workbook: write a template, fill it in Excel, read it back (``excel`` extra).

:func:`write_template` writes a blank template, or one filled with a project's values (YAML to
Excel); :func:`read_template` reads a filled one into a :class:`ProjectInput`, the same model a
YAML project gives, so ``ictcost estimate`` computes the same estimate from either.
:func:`~ictcost.inputs.load_project` reads a template when it is given an ``.xlsx`` file.

Sheets (Vietnamese names; the English template's names are read too):

* **Hướng dẫn** — how to fill the template.
* **Dự án** — one row per field of the project (column A the label, ``*`` when required, B the
  value, C the allowed values; a hidden column D holds the field's key): name, owner, date,
  project kind, document … and the contingency (``Dự phòng: …`` rows).
* **Dòng chi phí** — one row per line: id, name, component, method, VAT category, unit,
  quantity, unit price, amount, pick rule, price list and code, the % norm fee (item, part, base
  lines, base, reason, K conditions), part, software input file, supply date, basis, model, note.
* **Báo giá**, **Chuyên gia**, **Thanh toán**, **Thuê dịch vụ** — the quotations, expert items,
  payment schedule and rental terms of the lines, each row naming its line id.
* **Trượt giá** — the escalation schedule of the contingency; **Gói thầu** — the packages.
* a hidden sheet ``_ictcost`` — the marker (A1 ``ictcost-template``, B1 the layout version) and
  the lists of the drop-downs.

Component, method, VAT category, fee item and the other choices are drop-down lists showing the
norm data's labels (or the catalogue's words); a cell may hold the label in either language or
the key itself. Amounts are in đồng, rates in % (5 for 5 %), dates are date cells or text
``dd/mm/yyyy`` or ``yyyy-mm-dd``, lists are separated by commas.

Every problem of a filled template is reported at once in one :class:`~ictcost.errors.InputError`,
each located ``Sheet!Cell`` (``Dòng chi phí!F7``) with how to fix it. A field the template cannot
hold (the figures a submitted estimate states, an inline software input) is refused when the
template is written, never dropped.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from ictcost.inputs import load_project
    >>> project = load_project({
    ...     "project": {"name": "Cổng thông tin", "date": "2026-01-15",
    ...                 "project_kind": "investment", "document": "ktkt_report"},
    ...     "lines": [{"id": "K-01", "component": "chi_phi_khac", "name": "Thẩm định giá",
    ...                "method": "fixed", "vat": "general", "amount": 12000000,
    ...                "basis": "Báo giá dịch vụ"}],
    ... })
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_template(Path(folder) / "du-toan.xlsx", project=project)
    ...     read_template(path) == project
    True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ictcost.errors import InputError
from ictcost.inputs._template_layout import MARKER, MARKER_SHEET, TEMPLATE_VERSION

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from ictcost.estimate.model import ProjectInput

__all__ = ["TEMPLATE_VERSION", "is_template", "read_template", "write_template"]


def write_template(
    path: Path | str,
    *,
    project: ProjectInput | None = None,
    lang: Literal["vi", "en"] = "vi",
    base_dir: Path | str | None = None,
) -> Path:
    """Write the input template: blank, or filled with a project's values.

    Args:
        path: The ``.xlsx`` file to write (replaced atomically; its folder must exist).
        project: The project whose values fill the template (``None``: a blank template).
        lang: The language of the sheet names, headers, lists and guide.
        base_dir: The folder the project's relative file names (software inputs) are relative to
            (the project file's folder). A file that lies inside the workbook's folder is named
            relative to it, so that the filled template reads the same file; any other name is
            kept as it is (files are read only inside the workbook's folder: copy it there).
            ``None``: names are kept.

    Returns:
        The path written.

    Raises:
        InputError: the folder does not exist, or the project holds a field the template
            cannot hold (each listed with its field path).
        ImportError: openpyxl (the ``excel`` extra) is not installed.
    """
    from ictcost.inputs._template_write import build_template, save_template  # noqa: PLC0415

    if project is not None and base_dir is not None:
        project = _rebased(project, Path(base_dir), Path(path).parent)
    return save_template(build_template(project, lang), path)


def _rebased(project: ProjectInput, source: Path, target: Path) -> ProjectInput:
    """The project with its relative software file names made relative to ``target``."""
    lines = []
    for line in project.lines:
        name = line.software
        moved = None
        if isinstance(name, str) and not Path(name).is_absolute():
            moved = Path(os.path.relpath((source / name).resolve(), target.resolve())).as_posix()
        if moved is not None and not moved.startswith("../"):
            lines.append(line.model_copy(update={"software": moved}))
        else:
            lines.append(line)
    return project.model_copy(update={"lines": type(project.lines)(lines)})


def is_template(workbook: Workbook) -> bool:
    """Whether an opened workbook is ictcost's input template (it has the marker sheet)."""
    if MARKER_SHEET not in workbook.sheetnames:
        return False
    return bool(workbook[MARKER_SHEET]["A1"].value == MARKER)


def read_template(path: Path | str) -> ProjectInput:
    """Read a filled input template into a project.

    Args:
        path: The workbook (``.xlsx`` or ``.xlsm``) written by :func:`write_template` and filled.

    Returns:
        The validated project (software input files are relative to the workbook's folder).

    Raises:
        InputError: the file is not a readable workbook, is not the template, or has wrong cells
            (every problem at once, each located ``Sheet!Cell`` with how to fix it).
        ImportError: openpyxl (the ``excel`` extra) is not installed.
    """
    from ictcost.estimate.model import ProjectInput  # noqa: PLC0415
    from ictcost.inputs._cells import open_xlsx  # noqa: PLC0415
    from ictcost.inputs._template_read import TemplateReader  # noqa: PLC0415

    file = Path(path)
    values = open_xlsx(file, data_only=True)
    if not is_template(values):
        raise not_a_template(file, values)
    version = values[MARKER_SHEET]["B1"].value
    if str(version) != TEMPLATE_VERSION:
        raise InputError(
            f"{file}: template layout version {version!r}, this ictcost reads version "
            f"{TEMPLATE_VERSION}",
            field="file",
            hint="write a new template with `ictcost template` and copy the values into it",
        )
    formulas = open_xlsx(file, data_only=False)
    lang: Literal["vi", "en"] = "en" if values[MARKER_SHEET]["B2"].value == "en" else "vi"
    reader = TemplateReader(file.name, values, formulas, lang)
    model = reader.validated(reader.read())
    assert isinstance(model, ProjectInput)
    return model


def not_a_template(file: Path, workbook: Workbook) -> InputError:
    """Return the error for a workbook that is not the input template, saying what reads it."""
    from ictcost.report.layout import DETAIL, SUMMARY  # noqa: PLC0415

    names = workbook.sheetnames
    if SUMMARY in names and DETAIL in names:
        return InputError(
            f"{file}: an estimate workbook written by ictcost, not an input template",
            field="file",
            hint="`ictcost check` reads this workbook; to estimate from Excel, fill the "
            "template that `ictcost template` writes (`ictcost template out.xlsx --from "
            "project.yaml` fills it with a project)",
        )
    return InputError(
        f"{file}: not ictcost's input template (sheets: {', '.join(names)})",
        field="file",
        hint="a submitted estimate is read by `ictcost check`; to estimate from Excel, fill the "
        "template that `ictcost template` writes",
    )
