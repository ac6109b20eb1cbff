"""Atomic file writes: a temporary file in the target's folder, fsync, then rename over it.

Readers see either the whole old file or the whole new one, never a mix. A failure at any
step (disk full, read-only folder) leaves the previous file untouched, removes the
temporary file and re-raises the ``OSError``. With ``backup=True`` the previous version is
kept beside the target as ``<name>~``.

A target that exists and is neither a regular file nor a folder (``/dev/null``,
``/dev/stdout``, a named pipe) is written straight into: there is no file to replace, and
renaming over it would swap a device node for a plain file.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


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
