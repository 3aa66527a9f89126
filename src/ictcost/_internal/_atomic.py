"""Atomic file writes: a file is replaced whole or left as it was, never half-written.

The content goes to a temporary file in the target's folder (so the final rename stays on one file
system), is flushed and ``fsync``-ed, gets the permissions of the file it replaces (or the usual
``0o666`` less the umask for a new file, not ``mkstemp``'s private ``0o600``), and is renamed over
the target. On any error, including ``KeyboardInterrupt``, the temporary file is removed and the
target is untouched. No domain meaning here.

Debris (issue 13, review D8):

* the temporary file is named recognisably, ``.<target>.ictcost-<host>-<pid>-<random>.tmp``
  (``<host>``: 4 hex digits of the machine's name, for folders shared between machines);
* while a write runs in the main thread, SIGTERM and SIGINT remove it before the process ends:
  the handler chains to the one it replaced (Python's SIGINT handler raises ``KeyboardInterrupt``,
  which removes the file on its way out; a handler that returns lets the write go on; an ignored
  signal stays ignored) or, where the default was to die, removes the file, restores the default
  and sends the signal again, so the process still ends with the conventional status
  (``-15``/``143``). In another thread no handler is changed (Python only runs them in the main
  thread);
* SIGKILL cannot be caught: the first write of a process into a folder removes the temporary
  files left there by processes that no longer run (same host, pid not alive), and any older than
  :data:`STALE_AFTER` (a write takes seconds; a file a day old belongs to a pid since reused, or
  to a machine that is gone). A file of a live process is never removed.

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
import re
import secrets
import signal
import socket
import stat
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

__all__ = [
    "STALE_AFTER",
    "TEMP_PATTERN",
    "atomic_write_bytes",
    "atomic_write_text",
    "file_mode",
    "remove_stale",
    "temp_name",
]

_CHUNK = 1 << 16

STALE_AFTER = 24 * 3600.0
"""Seconds after which a temporary file is stale whoever wrote it (see the module docstring)."""

TEMP_PATTERN = re.compile(
    r"^\..+\.ictcost-(?P<host>[0-9a-f]{4})-(?P<pid>[0-9]{1,10})-[0-9a-f]{8}\.tmp$"
)
"""The names of ictcost's temporary files (the only ones :func:`remove_stale` removes)."""

_HOST = f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')) & 0xFFFF:04x}"
_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None

_lock = threading.Lock()
_active: dict[Path, None] = {}  # temporary files being written, in any thread
_previous: dict[int, _Handler] = {}  # the handlers ours replaced while a main-thread write runs
_swept: set[Path] = set()  # folders already swept by this process


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


def temp_name(target: Path) -> str:
    """Return a fresh temporary file name for ``target`` (in its folder; see :data:`TEMP_PATTERN`).

    Args:
        target: The file to be written.

    Returns:
        e.g. ``.r.md.ictcost-3f2a-12345-9c0d1e2f.tmp``.

    Examples:
        >>> bool(TEMP_PATTERN.match(temp_name(Path("out/r.md"))))
        True
    """
    return f".{target.name}.ictcost-{_HOST}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def require_folder(target: Path) -> None:
    """Refuse a file to write whose folder does not exist, with an ``InputError`` saying so."""
    from ictcost.errors import InputError  # noqa: PLC0415 - errors imports nothing of ours

    if not target.parent.is_dir():
        raise InputError(
            f"cannot write {target}: the folder {target.parent} does not exist",
            field="file",
            hint="create the folder first, or give another path",
        )


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
    _sweep_once(target.parent)
    fd, tmp_path = _create_temp(target)
    with _cleaned_on_signal(tmp_path):
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


def _create_temp(target: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(99):  # a 32-bit random name collides ~never
        tmp_path = target.parent / temp_name(target)
        with contextlib.suppress(FileExistsError):
            return os.open(tmp_path, flags, 0o600), tmp_path
    tmp_path = target.parent / temp_name(target)
    return os.open(tmp_path, flags, 0o600), tmp_path


@contextlib.contextmanager
def _cleaned_on_signal(tmp_path: Path) -> Iterator[None]:
    """Register a temporary file; in the main thread, remove it on SIGTERM/SIGINT (see above)."""
    installed: list[int] = []
    with _lock:
        _active[tmp_path] = None
    if threading.current_thread() is threading.main_thread() and not _previous:
        for signum in _SIGNALS:
            with contextlib.suppress(ValueError, OSError):
                previous = signal.getsignal(signum)
                signal.signal(signum, _on_signal)
                _previous[signum] = previous
                installed.append(signum)
    try:
        yield
    finally:
        for number in installed:
            replaced = _previous.pop(number)
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(number, replaced)
        with _lock:
            _active.pop(tmp_path, None)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    """SIGTERM/SIGINT during a write: remove the temporary files, then do what was to be done."""
    previous = _previous.get(signum, signal.SIG_DFL)
    if previous is signal.SIG_IGN:
        return
    if callable(previous):
        # Python's own SIGINT handler raises KeyboardInterrupt: the write removes its file on
        # the way out. A handler that returns lets the write finish.
        previous(signum, frame)
        return
    _remove_active()
    if previous is signal.SIG_DFL:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    raise SystemExit(128 + signum)  # the default action did not end the process, or no default


def _remove_active() -> None:
    with _lock:
        paths = list(_active)
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _sweep_once(folder: Path) -> None:
    key = Path(os.path.abspath(folder))  # noqa: PTH100 - no symlink resolution needed
    with _lock:
        if key in _swept:
            return
        _swept.add(key)
    with contextlib.suppress(OSError):
        remove_stale(folder)


def remove_stale(folder: Path | str, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files of ictcost writes that can no longer finish, in one folder.

    A file is stale when its name matches :data:`TEMP_PATTERN` and either it was written on this
    machine by a process that no longer runs, or it is older than :data:`STALE_AFTER`. Files of
    running processes (this one included) and every other file are left alone. Called once per
    folder and process by the first write there.

    Args:
        folder: The folder.
        now: The current time (seconds since the epoch), for tests.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    current = time.time() if now is None else now
    with os.scandir(folder) as entries:
        for entry in entries:
            match = TEMP_PATTERN.match(entry.name) if ".ictcost-" in entry.name else None
            if match is None or not entry.is_file(follow_symlinks=False):
                continue
            path = Path(entry.path)
            with _lock:
                if path in _active:
                    continue
            try:
                old = current - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            except OSError:
                continue
            mine = match["host"] == _HOST
            if old or (mine and not _alive(int(match["pid"]))):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine); unsure counts as alive."""
    if pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the rename to disk, where the system allows it (POSIX)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    with contextlib.suppress(OSError):
        fd = os.open(folder, flags)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
