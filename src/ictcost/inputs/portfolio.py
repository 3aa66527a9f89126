"""Finding the project files of a portfolio: the other estimates an estimate is checked against.

A portfolio is a folder of project files (YAML, JSON or workbooks: :data:`SUFFIXES`), read in name
order, so that a check over it gives the same findings in the same order on every machine. Hidden
files and Excel's lock files (``~$…``) are left out.

Examples:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("b.yaml", "a.yml", "c.json", "notes.txt", "~$d.xlsx", "mine.yaml"):
    ...         _ = (Path(folder) / name).write_text("", encoding="utf-8")
    ...     [p.name for p in portfolio_files(folder, exclude=Path(folder) / "mine.yaml")]
    ['a.yml', 'b.yaml', 'c.json']

    With ``recursive=True`` the files of subfolders come in too, sorted by their path:

    >>> with tempfile.TemporaryDirectory() as folder:
    ...     (Path(folder) / "tinh").mkdir()
    ...     for name in ("b.yaml", "tinh/a.yaml", "a.json"):
    ...         _ = (Path(folder) / name).write_text("", encoding="utf-8")
    ...     [p.relative_to(folder).as_posix() for p in portfolio_files(folder, recursive=True)]
    ['a.json', 'b.yaml', 'tinh/a.yaml']
"""

from __future__ import annotations

from pathlib import Path

from ictcost.errors import InputError

__all__ = ["SUFFIXES", "portfolio_files"]

SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xlsm")
"""The file suffixes of the project files of a portfolio folder (compared in lower case)."""


def portfolio_files(
    folder: Path | str, *, exclude: Path | str | None = None, recursive: bool = False
) -> list[Path]:
    """Return the project files of a portfolio folder, sorted by name.

    Args:
        folder: The folder.
        recursive: Search its subfolders too (hidden ones left out); the files are then sorted
            by their path inside the folder (as text, as the portfolio store orders them).
        exclude: A file to leave out, such as the estimate being checked when it lies in the
            folder (compared after resolving both paths).

    Returns:
        The files, in name order (possibly none).

    Raises:
        InputError: ``folder`` is not an existing folder (code ``input-invalid``).
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(
            f"the portfolio {str(root)!r} is not a folder",
            field="--portfolio",
            hint="give a folder that holds the other estimates as project files "
            "(YAML, JSON or workbooks)",
        )
    skip = Path(exclude).resolve() if exclude is not None else None
    found = (
        p
        for p in (root.rglob("*") if recursive else root.iterdir())
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not p.name.startswith((".", "~$"))
        and not any(part.startswith(".") for part in p.relative_to(root).parts[:-1])
        and (skip is None or p.resolve() != skip)
    )
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())
