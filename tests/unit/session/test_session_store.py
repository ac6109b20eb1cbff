"""Saving and loading session files: atomic, backed up, failing cleanly."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from variorum import atomic
from variorum.annotations import Verdict
from variorum.session import (
    Session,
    SessionError,
    load_session,
    looks_like_session,
    save_session,
    session_backup_path,
)
from variorum.session.codec import encode_session


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_save_then_load_gives_the_same_session(tmp_path: Path, session: Session) -> None:
    path = tmp_path / "work.variorum"
    save_session(path, session)
    assert load_session(path) == session
    assert _names(tmp_path) == ["work.variorum"]


def test_second_save_keeps_previous_as_backup(tmp_path: Path, session: Session) -> None:
    path = tmp_path / "work.variorum"
    save_session(path, session)
    first = path.read_bytes()
    edited = replace(session, annotations=session.annotations.renamed("copy", "copy"))
    edited = replace(edited, view=replace(session.view, scroll_row=99))
    save_session(path, edited)
    backup = session_backup_path(path)
    assert backup == tmp_path / "work.variorum~"
    assert backup.read_bytes() == first
    assert load_session(backup) == session
    assert load_session(path) == edited
    assert _names(tmp_path) == ["work.variorum", "work.variorum~"]


def test_failed_save_leaves_existing_file_and_no_temp(
    tmp_path: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "work.variorum"
    save_session(path, session)
    before = path.read_bytes()

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full_disk)
    changed = replace(session, view=replace(session.view, scroll_row=7))
    with pytest.raises(SessionError) as info:
        save_session(path, changed)
    assert info.value.path == str(path)
    assert "could not save: No space left on device" in str(info.value)
    assert "unchanged" in str(info.value)
    assert path.read_bytes() == before
    assert not any(name.endswith(".tmp") for name in _names(tmp_path))


def test_save_into_read_only_folder_fails_cleanly_simulated(
    tmp_path: Path, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a read-only folder does to the first step (creating the temp file); simulated
    # because the tests may run as root, for whom chmod does not stop writes.
    path = tmp_path / "work.variorum"
    save_session(path, session)
    before = path.read_bytes()

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(SessionError, match="could not save: Permission denied"):
        save_session(path, session)
    assert path.read_bytes() == before
    assert _names(tmp_path) == ["work.variorum"]


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_save_into_read_only_folder_fails_cleanly(tmp_path: Path, session: Session) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "work.variorum"
    save_session(path, session)
    before = path.read_bytes()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(SessionError, match="could not save"):
            save_session(path, replace(session, view=replace(session.view, scroll_row=1)))
        assert path.read_bytes() == before
        assert _names(folder) == ["work.variorum"]
    finally:
        folder.chmod(stat.S_IRWXU)


def test_save_to_missing_folder_is_a_session_error(tmp_path: Path, session: Session) -> None:
    with pytest.raises(SessionError, match="could not save"):
        save_session(tmp_path / "gone" / "work.variorum", session)


def test_verdicts_and_notes_survive_save_and_load(tmp_path: Path, session: Session) -> None:
    path = tmp_path / "work.variorum"
    save_session(path, session)
    (note,) = load_session(path).annotations.notes
    assert (note.version, note.verdict, note.note) == ("copy", Verdict.DISPUTED, "No source named.")


def test_looks_like_session(tmp_path: Path, session: Session) -> None:
    by_name = tmp_path / "x.variorum"
    by_content = tmp_path / "work.json"
    by_content.write_bytes(encode_session(session))
    article = tmp_path / "article.txt"
    article.write_text('A story that mentions "variorum-session" in passing.', encoding="utf-8")
    assert looks_like_session(by_name)  # by extension, even before it exists
    assert looks_like_session(by_content)
    assert not looks_like_session(article)
    assert not looks_like_session(tmp_path / "missing.json")
    assert not looks_like_session(tmp_path)
