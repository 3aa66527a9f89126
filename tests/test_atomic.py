"""The one atomic write: whole or not at all, permissions kept, data on disk before the rename."""

from __future__ import annotations

import os
import stat
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
