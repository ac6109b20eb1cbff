"""Sessions on disk: save/load a session file, autosave and crash recovery, recent sessions.

``save_session`` writes atomically and keeps the previous file as ``<name>~``; a failed
save leaves the old file intact. ``load_session`` checks the size before reading and
never writes to the file. Autosaves and the recent list live in the state dir
(``VARIORUM_STATE_DIR`` or the platform's user state dir). The 60 s autosave timer is
the caller's (the window's): this module only knows how to write and find autosaves.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import platformdirs

from variorum.atomic import atomic_write_bytes, backup_path
from variorum.session.codec import (
    MAX_SESSION_BYTES,
    encode_session,
    parse_json,
    session_from_json,
    size_problem,
)
from variorum.session.errors import SessionError
from variorum.session.model import Session
from variorum.session.sources import anchor_sources

log = logging.getLogger(__name__)

SESSION_SUFFIX = ".variorum"
RECENT_LIMIT = 10
_SNIFF_BYTES = 4096


def default_state_dir() -> Path:
    override = os.environ.get("VARIORUM_STATE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("variorum", appauthor=False))


def session_backup_path(path: str | Path) -> Path:
    """Where ``save_session`` keeps the previous version of ``path``."""
    return backup_path(Path(path))


def save_session(path: str | Path, session: Session) -> None:
    """Write ``session`` to ``path`` atomically, keeping the previous file as ``<name>~``."""
    target = Path(path)
    data = encode_session(session)
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(target, f"too large to save ({len(data) / 1e6:.0f} MB)")
    try:
        atomic_write_bytes(target, data, backup=True)
    except OSError as e:
        reason = e.strerror or str(e)
        raise SessionError(
            target, f"could not save: {reason}; any existing file is unchanged"
        ) from e


def load_session(path: str | Path) -> Session:
    """The session in ``path``; refuses anything else with a :class:`SessionError`,
    including a session over the comparison limits (``engine.limits``)."""
    from variorum.engine.limits import check_documents

    session = session_from_json(_read_json(Path(path)), path)
    session = anchor_sources(session, Path(path).parent)
    problems = check_documents(session.documents, session.settings.granularity)
    if problems:
        first = problems[0]
        where = f"version {first.label!r} " if first.label is not None else ""
        raise SessionError(path, where + first.reason)
    return session


def _read_json(path: Path) -> dict[str, Any]:
    data = _read_capped(path)
    return parse_json(data, path)


def _read_capped(path: Path) -> bytes:
    """The file's bytes, refusing folders, devices and oversize files before reading them."""
    from variorum.engine.ingest import system_path_reason

    special = system_path_reason(path)
    if special is not None:
        raise SessionError(path, special)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SessionError(path, "no such file") from None
    except OSError as e:
        raise SessionError(path, f"cannot read it: {e.strerror or e}") from None
    if stat.S_ISDIR(info.st_mode):
        raise SessionError(path, "is a folder, not a session file")
    if not stat.S_ISREG(info.st_mode):
        raise SessionError(path, "is not a regular file")
    if info.st_size > MAX_SESSION_BYTES:
        raise SessionError(path, size_problem(info.st_size))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_SESSION_BYTES + 1)  # the file may have grown since stat
    except OSError as e:
        raise SessionError(path, f"cannot read it: {e.strerror or e}") from None
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(path, size_problem(len(data)))
    return data


def looks_like_session(path: str | Path) -> bool:
    """True for a ``.variorum`` file, or any file whose first bytes name the session format.

    Cheap and never raises: lets the CLI and the window route a file without loading it.
    """
    p = Path(path)
    return p.suffix.lower() == SESSION_SUFFIX or holds_session(p)


def holds_session(path: str | Path) -> bool:
    """True when the file's first bytes name the session format (whatever its name).

    Never raises. Unlike ``looks_like_session`` it ignores the extension, so it can tell
    whether writing a session over an existing file would destroy something else.
    """
    try:
        if not Path(path).is_file():
            return False
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"variorum-session"' in head


@dataclass(frozen=True)
class Recovery:
    """An autosave left behind by a Variorum that did not close cleanly."""

    file: Path  # the autosave itself, in the state dir
    origin: Path | None  # the session file it was autosaving; None for an unsaved session
    saved_at: datetime
    session: Session


class SessionStore:
    """Session files plus what lives in the state dir: autosaves and the recent list.

    Each store (one per running window) autosaves to its own file and holds a lock on it
    while alive, so a second running Variorum never offers this one's work as "recovered".
    """

    def __init__(self, state_dir: Path | None = None) -> None:
        self.state_dir = Path(state_dir) if state_dir is not None else default_state_dir()
        self._instance = uuid.uuid4().hex
        self._lock: IO[bytes] | None = None

    # -- session files -----------------------------------------------------------------

    def save(self, path: str | Path, session: Session) -> None:
        save_session(path, session)

    def load(self, path: str | Path) -> Session:
        return load_session(path)

    # -- autosave and recovery -----------------------------------------------------------

    @property
    def _recovery_dir(self) -> Path:
        return self.state_dir / "autosave"

    def autosave_path(self) -> Path:
        return self._recovery_dir / f"{self._instance}{SESSION_SUFFIX}"

    def autosave(self, session: Session, origin: str | Path | None = None) -> Path:
        """Write this instance's autosave (replacing the last one); returns its path."""
        folder = self._recovery_dir
        target = self.autosave_path()
        meta = {
            "origin": str(Path(origin).absolute()) if origin is not None else None,
            "saved_at": datetime.now(UTC).isoformat(),
        }
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._hold_lock()
            atomic_write_bytes(target, encode_session(session, {"autosave": meta}))
        except OSError as e:
            raise SessionError(target, f"could not autosave: {e.strerror or e}") from None
        return target

    def pending_recovery(self) -> list[Recovery]:
        """Autosaves of Variorums that are no longer running, newest first.

        An unreadable autosave is skipped (and logged), never deleted: it may still be
        the only copy of someone's work.
        """
        found: list[Recovery] = []
        try:
            candidates = sorted(self._recovery_dir.glob(f"*{SESSION_SUFFIX}"))
        except OSError:
            return []
        for file in candidates:
            if file.stem == self._instance or _is_locked(_lock_path(file)):
                continue
            try:
                obj = _read_json(file)
                session = anchor_sources(session_from_json(obj, file), file.parent)
            except SessionError as e:
                log.warning("skipping unreadable autosave %s", e)
                continue
            meta = obj.get("autosave")
            meta = meta if isinstance(meta, dict) else {}
            origin = meta.get("origin")
            found.append(
                Recovery(
                    file=file,
                    origin=Path(origin) if isinstance(origin, str) else None,
                    saved_at=_timestamp(meta.get("saved_at"), file),
                    session=session,
                )
            )
        found.sort(key=lambda r: r.saved_at, reverse=True)
        return found

    def discard_recovery(self, recovery: Recovery | None = None) -> None:
        """Delete a recovered autosave, or (no argument) this instance's own autosave.

        The window calls the no-argument form after a successful save and on a clean exit.
        """
        if recovery is None:
            self._remove_autosave(self.autosave_path())
            self._release_lock()
        else:
            self._remove_autosave(recovery.file)

    def close(self) -> None:
        """Give up this instance's lock, keeping its autosave (for an exit that keeps work)."""
        self._release_lock()

    @staticmethod
    def _remove_autosave(file: Path) -> None:
        for path in (file, _lock_path(file)):
            with contextlib.suppress(OSError):
                path.unlink()

    def _hold_lock(self) -> None:
        if self._lock is None:
            self._lock = _acquire(_lock_path(self.autosave_path()))

    def _release_lock(self) -> None:
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.close()
            self._lock = None

    # -- recent sessions ---------------------------------------------------------------

    @property
    def _recent_file(self) -> Path:
        return self.state_dir / "recent.json"

    def recent(self) -> list[Path]:
        """Recently used session files that still exist, most recent first."""
        return [p for p in self._read_recent() if p.is_file()][:RECENT_LIMIT]

    def add_recent(self, path: str | Path) -> None:
        """Put ``path`` first in the recent list (at most ``RECENT_LIMIT``, no missing files).

        The list is a convenience: failing to write it is logged, never raised.
        """
        new = Path(path).absolute()
        paths = [new, *(p for p in self._read_recent() if p != new and p.is_file())]
        data = {
            "format": "variorum-recent",
            "format_version": 1,
            "sessions": [str(p) for p in paths[:RECENT_LIMIT]],
        }
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._recent_file, json.dumps(data, indent=1).encode())
        except OSError as e:
            log.warning("could not update the recent sessions list: %s", e)

    def _read_recent(self) -> list[Path]:
        try:
            raw = self._recent_file.read_bytes()
            if len(raw) > 1_000_000:
                return []
            data = json.loads(raw)
        except (OSError, ValueError, RecursionError):
            return []  # missing or damaged: start a fresh list rather than fail
        items = data.get("sessions") if isinstance(data, dict) else None
        if not isinstance(items, list):
            return []
        return [Path(s) for s in items if isinstance(s, str) and s]


def _timestamp(raw: Any, file: Path) -> datetime:
    if isinstance(raw, str):
        with contextlib.suppress(ValueError):
            return datetime.fromisoformat(raw)
    return datetime.fromtimestamp(file.stat().st_mtime, UTC)


# ---- one lock file per running instance ----------------------------------------------------


def _lock_path(autosave: Path) -> Path:
    return autosave.with_suffix(".lock")


def _acquire(path: Path) -> IO[bytes]:
    """An open handle holding an exclusive lock on ``path`` until it is closed.

    The OS drops the lock when the process dies, which is exactly "did not close cleanly".
    """
    fh = open(path, "a+b")  # noqa: SIM115 - held open for the store's lifetime
    try:
        _lock_handle(fh)
    except OSError:
        fh.close()
        raise
    return fh


def _is_locked(path: Path) -> bool:
    try:
        fh = open(path, "a+b")  # noqa: SIM115 - closed just below
    except OSError:
        return False
    try:
        _lock_handle(fh)
    except OSError:
        return True
    finally:
        fh.close()  # also releases the probe's own lock
    return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_handle(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock_handle(fh: IO[bytes]) -> None:
        # flock locks belong to the open file, so even a second store in this same
        # process sees the first one's lock.
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
