"""The one atomic write: whole or not at all, permissions kept, data on disk before the rename."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ictcost._internal import _atomic
from ictcost._internal._atomic import atomic_write_bytes, atomic_write_text, file_mode
from ictcost.report.text import atomic_write_text as report_atomic_write_text


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_new_file_gets_the_usual_mode_not_mkstemps(tmp_path: Path) -> None:
    target = atomic_write_bytes(tmp_path / "a.bin", b"\x00\x01")
    assert target == tmp_path / "a.bin"
    assert target.read_bytes() == b"\x00\x01"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert file_mode(tmp_path / "missing") == 0o666 & ~_umask()


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(str(target), "Dự toán")
    assert target.read_text(encoding="utf-8") == "Dự toán"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_text_is_written_as_given(tmp_path: Path) -> None:
    target = atomic_write_text(tmp_path / "t.csv", "a;b\r\nc\n", encoding="utf-8")
    assert target.read_bytes() == b"a;b\r\nc\n"
    latin = atomic_write_text(tmp_path / "l.txt", "é", encoding="latin-1")
    assert latin.read_bytes() == b"\xe9"


def test_large_content_is_written_whole(tmp_path: Path) -> None:
    data = bytes(range(256)) * 3000  # several chunks, not a multiple of the chunk size
    assert atomic_write_bytes(tmp_path / "big", data).read_bytes() == data


def test_the_data_is_synced_before_the_rename(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "s.txt"
    events: list[str] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(self: Path, other: Path) -> Path:
        events.append("replace")
        return real_replace(self, other)

    monkeypatch.setattr(_atomic.os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    atomic_write_text(target, "x")
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failure_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch, error: BaseException
) -> None:
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")

    def broken(fd: int) -> None:
        raise error

    monkeypatch.setattr(_atomic.os, "fsync", broken)
    with pytest.raises(type(error)):
        atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_an_unencodable_text_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(tmp_path / "x.txt", "đ", encoding="ascii")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "no" / "such" / "file", b"x")
    assert list(tmp_path.iterdir()) == []


def test_the_report_helper_uses_it(tmp_path: Path, monkeypatch) -> None:
    calls: list[Path | str] = []

    def spy(path: Path | str, text: str, *, encoding: str = "utf-8") -> Path:
        calls.append(path)
        return Path(path)

    monkeypatch.setattr(_atomic, "atomic_write_text", spy)
    assert report_atomic_write_text(tmp_path / "r.md", "x") == tmp_path / "r.md"
    assert calls == [tmp_path / "r.md"]


# --- debris: recognisable names, SIGTERM/SIGINT cleanup, stale files (issue 13, review D8) -----

_CHILD = """
import os, sys, time
from pathlib import Path
from ictcost._internal import _atomic
target, ready = Path(sys.argv[1]), Path(sys.argv[2])
real = os.fsync
def slow(fd):
    ready.write_text("writing", encoding="utf-8")
    time.sleep(120)
    real(fd)
os.fsync = slow
_atomic.atomic_write_text(target, "new")
"""


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if _atomic.TEMP_PATTERN.match(p.name))


def _kill_mid_write(tmp_path: Path, signum: int) -> tuple[Path, int]:
    """Start a child that writes ``out/r.md`` and hangs after the temp file is written; signal it."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.md"
    target.write_text("old", encoding="utf-8")
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(target), str(ready)])
    try:
        for _ in range(600):  # the child imports ictcost first: wait for it, up to a minute
            if ready.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), "the child never started its write"
        assert len(_temps(out)) == 1  # the temporary file exists while the write runs
        child.send_signal(signum)
        returncode = child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return target, returncode


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    target, returncode = _kill_mid_write(tmp_path, signum)
    assert returncode == -signum  # the conventional status: killed by that signal
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.iterdir()] == ["r.md"]


def test_after_sigkill_the_next_write_removes_the_debris(tmp_path: Path) -> None:
    target, returncode = _kill_mid_write(tmp_path, signal.SIGKILL)
    assert returncode == -signal.SIGKILL
    debris = _temps(target.parent)
    assert len(debris) == 1  # SIGKILL cannot be caught
    assert target.read_text(encoding="utf-8") == "old"
    atomic_write_text(target.parent / "other.md", "x")  # the first write of this process there
    assert sorted(p.name for p in target.parent.iterdir()) == ["other.md", "r.md"]


def test_the_temporary_file_is_named_recognisably(tmp_path: Path, monkeypatch) -> None:
    seen: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        if not seen:  # the file's fsync (the folder's comes after the rename)
            seen.extend(p.name for p in tmp_path.iterdir())
        real(fd)

    monkeypatch.setattr(_atomic.os, "fsync", spy)
    atomic_write_text(tmp_path / "báo cáo.md", "x")
    (name,) = seen
    match = _atomic.TEMP_PATTERN.match(name)
    assert match is not None
    assert name.startswith(".báo cáo.md.ictcost-")
    assert int(match["pid"]) == os.getpid()
    assert stat.S_IMODE((tmp_path / "báo cáo.md").stat().st_mode) == 0o666 & ~_umask()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    host = _atomic._HOST
    other = "ffff" if host != "ffff" else "0000"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        dead = _dead_pid()
        names = {
            "live": f".a.md.ictcost-{host}-{sleeper.pid}-0000000a.tmp",
            "mine": f".a.md.ictcost-{host}-{os.getpid()}-0000000b.tmp",
            "dead": f".a.md.ictcost-{host}-{dead}-0000000c.tmp",
            "other_host": f".a.md.ictcost-{other}-{dead}-0000000d.tmp",
            "other_host_old": f".a.md.ictcost-{other}-{dead}-0000000e.tmp",
            "live_old": f".b.md.ictcost-{host}-{sleeper.pid}-0000000f.tmp",
            "not_ours": ".a.md.abcd1234.tmp",
            "not_ours_2": "a.md.ictcost-0000-1-00000000.tmp",
        }
        for name in names.values():
            (tmp_path / name).write_text("partial", encoding="utf-8")
        two_days_ago = time.time() - 2 * 24 * 3600
        for key in ("other_host_old", "live_old"):
            os.utime(tmp_path / names[key], (two_days_ago, two_days_ago))
        atomic_write_text(tmp_path / "a.md", "x")  # the first write there sweeps the folder
        left = {p.name for p in tmp_path.iterdir()}
        assert left == {"a.md"} | {
            names[k] for k in ("live", "mine", "other_host", "not_ours", "not_ours_2")
        }
        sleeper.kill()
        sleeper.wait()
        assert _atomic.remove_stale(tmp_path) == [tmp_path / names["live"]]
        in_a_day = time.time() + 25 * 3600  # the age bound applies to every writer
        removed = {p.name for p in _atomic.remove_stale(tmp_path, now=in_a_day)}
        assert removed == {names["mine"], names["other_host"]}
        assert {p.name for p in tmp_path.iterdir()} == {
            "a.md",
            names["not_ours"],
            names["not_ours_2"],
        }
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_file_being_written_by_this_process_is_never_swept(tmp_path: Path, monkeypatch) -> None:
    removed: list[list[Path]] = []
    real = os.fsync

    def sweep_during_write(fd: int) -> None:
        if not removed:  # the file's fsync (the folder's comes after the rename)
            removed.append(_atomic.remove_stale(tmp_path, now=time.time() + 10 * 24 * 3600))
        real(fd)

    monkeypatch.setattr(_atomic.os, "fsync", sweep_during_write)
    atomic_write_text(tmp_path / "r.md", "x")
    assert removed == [[]]
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == "x"


def _signal_self_during_write(monkeypatch, signum: int) -> None:
    real = os.fsync
    sent: list[int] = []

    def fsync(fd: int) -> None:
        if not sent:  # the file's fsync (the folder's comes after the rename)
            sent.append(signum)
            os.kill(os.getpid(), signum)  # the handler runs at the next bytecode, mid-write
        real(fd)

    monkeypatch.setattr(_atomic.os, "fsync", fsync)


def test_the_previous_handler_is_chained_and_restored(tmp_path: Path, monkeypatch) -> None:
    calls: list[int] = []

    def handler(signum: int, frame: object) -> None:
        calls.append(signum)
        raise SystemExit(3)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        target = tmp_path / "r.md"
        target.write_text("old", encoding="utf-8")
        _signal_self_during_write(monkeypatch, signal.SIGTERM)
        with pytest.raises(SystemExit):
            atomic_write_text(target, "new")
        assert calls == [signal.SIGTERM]
        assert target.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
        assert signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize("kind", ["ignored", "returns"])
def test_a_signal_that_does_not_end_the_process_lets_the_write_finish(
    tmp_path: Path, monkeypatch, kind: str
) -> None:
    calls: list[int] = []

    def handler(signum: int, frame: object) -> None:
        calls.append(signum)

    chosen = signal.SIG_IGN if kind == "ignored" else handler
    previous = signal.signal(signal.SIGTERM, chosen)
    try:
        _signal_self_during_write(monkeypatch, signal.SIGTERM)
        target = atomic_write_text(tmp_path / "r.md", "new")
        assert target.read_text(encoding="utf-8") == "new"
        assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
        assert calls == ([] if kind == "ignored" else [signal.SIGTERM])
        assert signal.getsignal(signal.SIGTERM) is chosen
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_sigint_in_process_is_a_keyboard_interrupt_without_debris(
    tmp_path: Path, monkeypatch
) -> None:
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _signal_self_during_write(monkeypatch, signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            atomic_write_text(tmp_path / "r.md", "new")
        assert list(tmp_path.iterdir()) == []
    finally:
        signal.signal(signal.SIGINT, previous)


def test_no_handler_changes_outside_the_main_thread(tmp_path: Path, monkeypatch) -> None:
    changes: list[int] = []
    real_signal = signal.signal

    def spy(signum: int, handler: object) -> object:
        changes.append(signum)
        return real_signal(signum, handler)  # type: ignore[arg-type]

    monkeypatch.setattr(_atomic.signal, "signal", spy)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            atomic_write_text(tmp_path / "t.md", "x")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert errors == []
    assert changes == []
    assert (tmp_path / "t.md").read_text(encoding="utf-8") == "x"
    atomic_write_text(tmp_path / "m.md", "x")  # the main thread installs and restores
    assert sorted(changes) == sorted([signal.SIGTERM, signal.SIGINT] * 2)
