"""Atomic file writes: a temporary file in the target's folder, fsync, then rename over it.

A failure at any step leaves the previous file untouched and removes the temporary one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(target: Path, data: bytes, backup: bool = False) -> None:
    """Replace ``target`` with ``data`` all at once; keep ``target~`` as backup if asked."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and target.exists():
            bak = target.with_name(target.name + "~")
            with contextlib.suppress(OSError):
                _copy(target, bak)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _copy(src: Path, dst: Path) -> None:
    data = src.read_bytes()
    with open(dst, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_text(target: Path, text: str, backup: bool = False) -> None:
    atomic_write_bytes(target, text.encode("utf-8"), backup=backup)
