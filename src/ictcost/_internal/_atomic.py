"""Atomic file writes: a file is replaced whole or left as it was, never half-written.

The content goes to a temporary file in the target's folder (so the final rename stays on one file
system), is flushed and ``fsync``-ed, gets the permissions of the file it replaces (or the usual
``0o666`` less the umask for a new file, not ``mkstemp``'s private ``0o600``), and is renamed over
the target. On any error, including ``KeyboardInterrupt``, the temporary file is removed and the
target is untouched. No domain meaning here.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = atomic_write_text(Path(folder) / "r.md", "# Dự toán")
    ...     target.read_text(encoding="utf-8"), [p.name for p in Path(folder).iterdir()]
    ('# Dự toán', ['r.md'])
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["atomic_write_bytes", "atomic_write_text", "file_mode"]

_CHUNK = 1 << 16


def file_mode(target: Path) -> int:
    """Return the permission bits a written file gets: the existing file's, else 0o666 less umask.

    Args:
        target: The file to be written.

    Returns:
        The mode, e.g. ``0o644``.
    """
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it and a rename.

    Args:
        path: The target file (its folder must exist).
        data: The content.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written; the target, if any, is unchanged and no temporary
            file is left.
    """
    target = Path(path)
    mode = file_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(data)
            for start in range(0, len(view), _CHUNK):
                fh.write(view[start : start + _CHUNK])
            fh.flush()
            os.fsync(fh.fileno())
        tmp_path.chmod(mode)
        tmp_path.replace(target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return target


def atomic_write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> Path:
    """Write text to ``path`` atomically (see :func:`atomic_write_bytes`); newlines are kept as given.

    Args:
        path: The target file.
        text: The content.
        encoding: The text encoding.

    Returns:
        The path written.

    Raises:
        OSError: the file cannot be written (the target is unchanged).
        UnicodeEncodeError: the text cannot be encoded (nothing is written).
    """
    return atomic_write_bytes(path, text.encode(encoding))


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the rename to disk, where the system allows it (POSIX)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
