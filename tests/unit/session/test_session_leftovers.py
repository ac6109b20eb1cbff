"""No leftovers: what killed saves left is removed by the next save to that folder (only
Variorum's own temporary names, only stale ones), and concurrent saves leave no link."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from variorum import atomic
from variorum.atomic import atomic_write_bytes, backup_path, remove_leftovers

APP = Path(__file__).resolve().parents[3] / "app"
LONG_AGO = time.time() - 3600


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def _make(path: Path, old: bool = True) -> Path:
    path.write_bytes(b"x" * 1000)
    if old:
        os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def test_next_save_removes_only_stale_leftovers_of_its_own_patterns(tmp_path: Path) -> None:
    stale_tmp = _make(tmp_path / ".work.variorum.k3j_9x0a.tmp")
    stale_link = _make(tmp_path / f".work.variorum~.{_dead_pid()}.link")
    keep = [
        _make(tmp_path / ".work.variorum.abcdefgh.tmp", old=False),  # a save in progress
        _make(tmp_path / f".work.variorum~.{os.getppid()}.link"),  # its process is alive
        _make(tmp_path / f".work.variorum~.{os.getpid()}.link"),  # ours
        _make(tmp_path / ".notes.ABCDEFGH.tmp"),  # not mkstemp's alphabet
        _make(tmp_path / ".cache.tmp"),
        _make(tmp_path / "work.k3j_9x0a.tmp"),  # not hidden
        _make(tmp_path / "work.variorum~"),
    ]
    (tmp_path / ".dir.abcdefgh.tmp").mkdir()
    os.utime(tmp_path / ".dir.abcdefgh.tmp", (LONG_AGO, LONG_AGO))
    atomic_write_bytes(tmp_path / "other.json", b"{}")
    assert not stale_tmp.exists() and not stale_link.exists()
    assert all(p.exists() for p in keep)
    assert (tmp_path / ".dir.abcdefgh.tmp").is_dir()


def test_a_save_killed_with_sigkill_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "big.variorum"
    writer = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(APP)!r})
        from pathlib import Path
        from variorum.atomic import atomic_write_bytes
        print("ready", flush=True)
        while True:
            atomic_write_bytes(Path({str(target)!r}), b"x" * 4_000_000, backup=True)
        """
    )
    found: list[str] = []
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        found = [p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".link"))]
        if found:
            break
    if not found:  # the kill never landed mid-save: make the leftover it would have left
        _make(tmp_path / ".big.variorum.a1b2c3d4.tmp")
    for p in tmp_path.iterdir():
        os.utime(p, (LONG_AGO, LONG_AGO))  # as if the next run were later
    atomic_write_bytes(target, b"next save", backup=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.variorum", "big.variorum~"]


def test_concurrent_saves_leave_no_link(tmp_path: Path) -> None:
    target = tmp_path / "s.variorum"
    atomic_write_bytes(target, b"first", backup=True)
    # The same file already backed up: rename() of a second link to it does nothing.
    os.link(target, backup_path(target.with_name("x")))  # unrelated file, must stay
    backup_path(target).unlink(missing_ok=True)
    os.link(target, backup_path(target))
    atomic._keep_backup(target)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["s.variorum", "s.variorum~", "x~"]

    errors: list[BaseException] = []

    def save(n: int) -> None:
        try:
            for i in range(30):
                atomic_write_bytes(target, f"{n}-{i}".encode(), backup=True)
        except BaseException as e:  # collected for the assertion below
            errors.append(e)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".link"))]
    assert leftovers == []


def test_remove_leftovers_never_raises(tmp_path: Path) -> None:
    assert remove_leftovers(tmp_path / "missing") == []
