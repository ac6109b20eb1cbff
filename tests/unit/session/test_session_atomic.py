"""atomic_write_bytes: all-or-nothing replacement, backups, and clean failure."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from variorum import atomic
from variorum.atomic import atomic_write_bytes, atomic_write_text, backup_path


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_writes_new_file_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write_text(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    assert _leftovers(tmp_path, {"out.json"}) == []


def test_backup_holds_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "s.variorum"
    atomic_write_bytes(target, b"one", backup=True)
    assert not backup_path(target).exists()  # nothing to back up the first time
    atomic_write_bytes(target, b"two", backup=True)
    atomic_write_bytes(target, b"three", backup=True)
    assert target.read_bytes() == b"three"
    assert backup_path(target).name == "s.variorum~"
    assert backup_path(target).read_bytes() == b"two"
    assert _leftovers(tmp_path, {"s.variorum", "s.variorum~"}) == []


def test_backup_falls_back_to_copy_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "s.variorum"
    atomic_write_bytes(target, b"old", backup=True)
    atomic_write_bytes(target, b"new", backup=True)
    assert (target.read_bytes(), backup_path(target).read_bytes()) == (b"new", b"old")
    assert _leftovers(tmp_path, {"s.variorum", "s.variorum~"}) == []


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failure_mid_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "s.variorum"
    target.write_bytes(b"precious")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if failing == "replace":
        monkeypatch.setattr(atomic.os, "replace", boom)
    elif failing == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", boom)
    else:
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, fd: int, mode: str) -> None:
                self._fh = real_fdopen(fd, mode)

            def __enter__(self) -> FullDisk:
                return self

            def __exit__(self, *exc: object) -> None:
                self._fh.close()

            def write(self, data: bytes) -> int:
                self._fh.write(data[: len(data) // 2])  # half the bytes land, then the disk fills
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "fdopen", FullDisk)

    with pytest.raises(OSError, match="No space left"):
        atomic_write_bytes(target, b"replacement that never lands", backup=True)
    assert target.read_bytes() == b"precious"
    assert _leftovers(tmp_path, {"s.variorum", "s.variorum~"}) == []


def test_keeps_permissions_of_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "shared.json"
    target.write_bytes(b"{}")
    target.chmod(0o640)
    atomic_write_bytes(target, b"[]")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_umask_default_not_private_temp_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic._umask.cache_clear()
        atomic_write_bytes(tmp_path / "new.json", b"{}")
    finally:
        os.umask(old)
        atomic._umask.cache_clear()
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_symlink_target_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.variorum"
    real.write_bytes(b"old")
    link = tmp_path / "link.variorum"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_missing_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "absent" / "x.json", b"{}")


@pytest.mark.parametrize("through_link", [False, True])
def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path, through_link: bool) -> None:
    # Stands in for /dev/null and /dev/stdout: replacing those by a plain file (as a rename
    # would) breaks the whole system, so the test uses a pipe of its own.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = tmp_path / "link" if through_link else fifo
    if through_link:
        target.symlink_to(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer open without waiting
    try:
        atomic_write_bytes(target, b'{"ok": true}', backup=True)
        assert os.read(reader, 100) == b'{"ok": true}'
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert target.is_symlink() == through_link
    assert _leftovers(tmp_path, {"pipe", "link"}) == []  # no temp file, no backup
