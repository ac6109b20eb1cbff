"""Atomic file writes: a temporary file in the target's folder, fsync, then rename over it.

Readers see either the whole old file or the whole new one, never a mix. A failure at any
step (disk full, read-only folder) leaves the previous file untouched, removes the
temporary file and re-raises the ``OSError``. With ``backup=True`` the previous version is
kept beside the target as ``<name>~``.

A target that exists and is neither a regular file nor a folder (``/dev/null``,
``/dev/stdout``, a named pipe) is written straight into: there is no file to replace, and
renaming over it would swap a device node for a plain file.

A save killed half-way (kill -9, power cut) leaves its hidden temporary file behind. Each
save removes such leftovers of earlier saves from the folder it writes to: only names of
this module's own patterns (``.NAME.XXXXXXXX.tmp`` and ``.NAME~.PID.link``), only files
older than this process (and a minute), and a link only when its process is gone.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_STARTED = time.time()  # when this module was imported: just after the process started
_STALE_AFTER_S = 60.0
# mkstemp's names: prefix, eight of [a-z0-9_], suffix (see _replace_with and _link_over).
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
_LINK_NAME = re.compile(r"\..+~\.(\d+)\.link")


def backup_path(target: Path) -> Path:
    """Where ``atomic_write_bytes(target, ..., backup=True)`` keeps the previous version."""
    return target.with_name(target.name + "~")


def atomic_write_bytes(target: Path, data: bytes, backup: bool = False) -> None:
    """Replace ``target`` with ``data`` all at once; keep ``target~`` as backup if asked."""
    target = Path(target)
    if _is_special(target):
        with open(target, "wb") as fh:
            fh.write(data)
        return
    if target.is_symlink():
        # Replace the file the link points to, not the link itself.
        target = Path(os.path.realpath(target))
    # mkstemp creates 0600; give the file the permissions the old one had (or the umask
    # default) so a save does not silently change who can read it.
    mode = _mode_for(target)
    remove_leftovers(target.parent)

    def keep_previous() -> None:
        if backup and target.exists():
            _keep_backup(target)

    _replace_with(target, data, mode, keep_previous)
    _fsync_dir(target.parent)


def _is_special(target: Path) -> bool:
    """True for an existing device, pipe or socket (following links, as ``open`` does)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def atomic_write_text(target: Path, text: str, backup: bool = False) -> None:
    """``text`` as UTF-8; a lone surrogate (a non-UTF-8 file name) is written as its
    ``\\uXXXX`` escape, which inside a JSON string reads back as the same character."""
    atomic_write_bytes(target, text.encode("utf-8", "backslashreplace"), backup=backup)


def _replace_with(
    target: Path, data: bytes, mode: int, before_rename: Callable[[], None] = lambda: None
) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        before_rename()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_backup(target: Path) -> None:
    """Make ``target~`` hold the current ``target``; best effort, never fails the save.

    A hard link shares the old file's data, so after the rename the backup is exactly the
    previous version at no cost; where links are impossible the bytes are copied, itself
    atomically so a half-written backup never replaces a good one.
    """
    bak = backup_path(target)
    try:
        _link_over(target, bak)
    except OSError:
        with contextlib.suppress(OSError):
            _replace_with(bak, target.read_bytes(), _mode_for(target))


def _link_over(src: Path, dst: Path) -> None:
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.link(src, tmp)
    try:
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    # When ``dst`` already is a link to the same file (a concurrent save made the same
    # backup first), rename() succeeds without doing anything and leaves ``tmp`` behind.
    with contextlib.suppress(OSError):
        tmp.unlink()


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete what killed saves left in ``folder``; returns what was removed. Never raises.

    Only this module's own temporary names are touched, only regular files older than this
    process and at least a minute old, and a ``.link`` only when the process that made it
    (named in it) is gone: a save running right now in another Variorum is left alone.
    """
    cutoff = min(_STARTED, time.time() - _STALE_AFTER_S)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith("."):
            continue
        link = _LINK_NAME.fullmatch(name)
        if link is None and _TEMP_NAME.fullmatch(name) is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        if link is not None:
            # A hard link carries its file's old mtime: only the pid says it is stale.
            if not _process_gone(int(link.group(1))):
                continue
        elif info.st_mtime >= cutoff:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _process_gone(pid: int) -> bool:
    """True only when no process ``pid`` exists (never for this one; never known on
    Windows, where ``os.kill(pid, 0)`` would end the process instead of probing it)."""
    if pid == os.getpid() or sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False
    return False


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # os.umask can only be read by setting it; do it once, early, and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) on Windows.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
