"""Autosave, crash recovery and the recent sessions list, all in the state dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from variorum.session import (
    Session,
    SessionError,
    SessionStore,
    default_state_dir,
    save_session,
)
from variorum.session.store import RECENT_LIMIT


def _crash(store: SessionStore) -> None:
    """What the OS does to a process that dies: its open files, and so its lock, close."""
    store.close()


def test_state_dir_follows_environment(state_dir: Path) -> None:
    assert default_state_dir() == state_dir
    assert SessionStore().state_dir == state_dir


def test_state_dir_defaults_to_platform_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VARIORUM_STATE_DIR")
    assert default_state_dir().name.lower() == "variorum"


def test_autosave_writes_into_state_dir(store: SessionStore, session: Session) -> None:
    file = store.autosave(session)
    assert file.parent == store.state_dir / "autosave"
    assert file.suffix == ".variorum"
    assert store.load(file) == session


def test_no_recovery_offered_after_clean_exit(
    store: SessionStore, session: Session, state_dir: Path
) -> None:
    store.autosave(session)
    store.discard_recovery()  # the window's clean exit
    assert SessionStore(state_dir).pending_recovery() == []
    assert list((state_dir / "autosave").iterdir()) == []


def test_crash_leaves_recovery_for_next_start(
    store: SessionStore, session: Session, tmp_path: Path, state_dir: Path
) -> None:
    origin = tmp_path / "story.variorum"
    store.autosave(replace(session, view=replace(session.view, scroll_row=1)), origin)
    later = replace(session, view=replace(session.view, scroll_row=2))
    store.autosave(later, origin)  # replaces the earlier autosave
    _crash(store)

    next_start = SessionStore(state_dir)
    (found,) = next_start.pending_recovery()
    assert found.session == later
    assert found.origin == origin.absolute()
    assert found.saved_at.tzinfo is not None
    next_start.discard_recovery(found)
    assert next_start.pending_recovery() == []
    assert list((state_dir / "autosave").iterdir()) == []


def test_untitled_session_recovers_without_origin(
    store: SessionStore, session: Session, state_dir: Path
) -> None:
    store.autosave(session)
    _crash(store)
    (found,) = SessionStore(state_dir).pending_recovery()
    assert found.origin is None
    assert found.session == session


def test_running_instance_autosave_is_not_offered(
    store: SessionStore, session: Session, state_dir: Path
) -> None:
    store.autosave(session)  # this store is still running (holds its lock)
    assert store.pending_recovery() == []
    assert SessionStore(state_dir).pending_recovery() == []


def test_several_crashed_sessions_newest_first(session: Session, state_dir: Path) -> None:
    stores = [SessionStore(state_dir) for _ in range(3)]
    for i, s in enumerate(stores):
        s.autosave(replace(session, view=replace(session.view, scroll_row=i)))
        _crash(s)
    found = SessionStore(state_dir).pending_recovery()
    assert [r.session.view.scroll_row for r in found] == [2, 1, 0]
    assert found[0].saved_at >= found[1].saved_at >= found[2].saved_at


def test_unreadable_autosave_is_skipped_and_kept(
    store: SessionStore, session: Session, state_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = state_dir / "autosave"
    folder.mkdir(parents=True)
    damaged = folder / "0123.variorum"
    damaged.write_bytes(b'{"format": "variorum-session", "format_ver')
    with caplog.at_level("WARNING"):
        assert store.pending_recovery() == []
    assert damaged.exists()
    assert "cut short" in caplog.text


def test_autosave_failure_is_a_session_error(session: Session, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(SessionError, match="could not autosave"):
        SessionStore(blocker).autosave(session)


def test_autosave_after_save_and_discard_takes_lock_again(
    store: SessionStore, session: Session, state_dir: Path
) -> None:
    store.autosave(session)
    store.discard_recovery()  # saved by the user
    store.autosave(session)  # more edits, another autosave
    assert SessionStore(state_dir).pending_recovery() == []  # still running: not offered
    _crash(store)
    assert len(SessionStore(state_dir).pending_recovery()) == 1


# ---- recent sessions ------------------------------------------------------------------


def _session_files(folder: Path, session: Session, count: int) -> list[Path]:
    paths = []
    for i in range(count):
        p = folder / f"s{i:02}.variorum"
        save_session(p, session)
        paths.append(p)
    return paths


def test_recent_most_recent_first_without_duplicates(
    store: SessionStore, session: Session, tmp_path: Path
) -> None:
    a, b, c = _session_files(tmp_path, session, 3)
    for p in (a, b, c, a):
        store.add_recent(p)
    assert store.recent() == [a, c, b]


def test_recent_capped(store: SessionStore, session: Session, tmp_path: Path) -> None:
    paths = _session_files(tmp_path, session, RECENT_LIMIT + 3)
    for p in paths:
        store.add_recent(p)
    assert store.recent() == list(reversed(paths))[:RECENT_LIMIT]
    assert RECENT_LIMIT == 10


def test_recent_drops_missing_files(store: SessionStore, session: Session, tmp_path: Path) -> None:
    a, b = _session_files(tmp_path, session, 2)
    store.add_recent(a)
    store.add_recent(b)
    b.unlink()
    assert store.recent() == [a]


def test_recent_shared_between_instances_and_relative_paths_made_absolute(
    store: SessionStore, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (a,) = _session_files(tmp_path, session, 1)
    monkeypatch.chdir(tmp_path)
    store.add_recent(Path(a.name))
    assert SessionStore(store.state_dir).recent() == [a]


@pytest.mark.parametrize("content", [b"", b"not json", b"[1]", b'{"sessions": 3}', b"\xff\xfe"])
def test_damaged_recent_list_is_treated_as_empty(
    store: SessionStore, session: Session, tmp_path: Path, content: bytes
) -> None:
    store.state_dir.mkdir(parents=True)
    (store.state_dir / "recent.json").write_bytes(content)
    assert store.recent() == []
    (a,) = _session_files(tmp_path, session, 1)
    store.add_recent(a)
    assert store.recent() == [a]


def test_recent_write_failure_is_not_fatal(
    session: Session, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    store = SessionStore(blocker)
    with caplog.at_level("WARNING"):
        store.add_recent(tmp_path / "x.variorum")
    assert store.recent() == []
    assert "recent sessions" in caplog.text
    assert os.path.isfile(blocker)


_AUTOSAVE_THEN = """
import os, signal, sys
from variorum.engine.model import Document
from variorum.session import Session, SessionStore
store = SessionStore()
store.autosave(Session((Document("a", "", "One. Two."), Document("b", "", "One. Three."))))
print("saved", flush=True)
if sys.argv[1] == "kill":
    os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind runs
sys.stdin.read()  # alive until the test closes our stdin
"""


def _variorum_process(mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "app")}
    proc = subprocess.Popen(
        [sys.executable, "-c", _AUTOSAVE_THEN, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "saved"
    return proc


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_process_leaves_its_work_and_a_running_one_keeps_it(state_dir: Path) -> None:
    with _variorum_process("stay") as running:
        with _variorum_process("kill") as killed:
            assert killed.wait() == -signal.SIGKILL
        found = SessionStore(state_dir).pending_recovery()
        # Only the dead process's autosave is offered; the live one still holds its lock.
        assert [r.session.labels for r in found] == [("a", "b")]
        assert len(list((state_dir / "autosave").glob("*.variorum"))) == 2
        running.communicate("")
    assert len(SessionStore(state_dir).pending_recovery()) == 2  # it ended without clean-up
