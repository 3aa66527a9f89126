"""Finding the project files of a portfolio: the other estimates an estimate is checked against.

A portfolio is a folder of project files (``*.yaml`` or ``*.yml``), read in name order, so that a
check over it gives the same findings in the same order on every machine.

Examples:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("b.yaml", "a.yml", "notes.txt", "mine.yaml"):
    ...         _ = (Path(folder) / name).write_text("", encoding="utf-8")
    ...     [p.name for p in portfolio_files(folder, exclude=Path(folder) / "mine.yaml")]
    ['a.yml', 'b.yaml']
"""

from __future__ import annotations

from pathlib import Path

from ictcost.errors import InputError

__all__ = ["PATTERN", "portfolio_files"]

PATTERN = "*.y*ml"
"""The file names a portfolio folder is searched for (YAML project files)."""


def portfolio_files(folder: Path | str, *, exclude: Path | str | None = None) -> list[Path]:
    """Return the project files of a portfolio folder, sorted by name.

    Args:
        folder: The folder (not searched recursively).
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
            hint="give a folder that holds the other estimates as YAML project files",
        )
    skip = Path(exclude).resolve() if exclude is not None else None
    return sorted(p for p in root.glob(PATTERN) if p.is_file() and p.resolve() != skip)
