"""SessionController in a stand-in window: save/open, title, unsaved-changes prompt,
autosave and recovery, verdict editing. Dialogs are answered by a scripted stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.annotations import Verdict
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Claim, Comparison
from variorum.gui import session_actions
from variorum.gui.session_actions import (
    AUTOSAVE_MS,
    Choice,
    RecoveryChoice,
    SessionController,
    VerdictEditor,
)
from variorum.session import (
    Session,
    SessionStore,
    ViewState,
    load_session,
    session_from_documents,
)


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("VARIORUM_STATE_DIR", str(folder))
    return folder


class StandInWindow(QMainWindow):
    """Just enough of the real window: holds documents, shows a session by re-analysing."""

    def __init__(self, session: Session | None) -> None:
        super().__init__()
        self.inputs = session
        self.comparison: Comparison | None = None
        self.shown: list[Session] = []
        if session is not None:
            self.comparison = compare_documents(session.documents, session.settings)

    def session_inputs(self) -> Session | None:
        return self.inputs

    def show_session(self, session: Session) -> None:
        self.shown.append(session)
        self.inputs = session
        self.comparison = compare_documents(session.documents, session.settings)


@pytest.fixture
def seed_session(seed_paths: list[Path]) -> Session:
    docs, _ = load_documents(seed_paths[:3])
    return session_from_documents(docs, view=ViewState(column_order=("b",), scroll_row=4))


@dataclass
class Rig:
    window: StandInWindow
    controller: SessionController
    dialogs: ScriptedDialogs
    store: SessionStore


@pytest.fixture
def make_rig(qtbot: QtBot) -> Iterator[object]:
    stores: list[SessionStore] = []

    def make(session: Session | None) -> Rig:
        window = StandInWindow(session)
        qtbot.addWidget(window)
        dialogs = ScriptedDialogs()
        store = SessionStore()
        stores.append(store)
        controller = SessionController(window, window, store, dialogs)  # type: ignore[arg-type]
        return Rig(window, controller, dialogs, store)

    yield make
    for store in stores:
        store.close()


def _claim(window: StandInWindow, word: str) -> Claim:
    assert window.comparison is not None
    return next(c for c in window.comparison.claims if word in c.text)


def test_mark_disputed_with_note_save_close_reopen(
    make_rig: object, seed_session: Session, tmp_path: Path
) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    claim = _claim(rig.window, "Operation Sentinel")
    rig.controller.set_verdict(claim, Verdict.DISPUTED, "No other outlet reports this.")
    assert rig.window.isWindowModified()
    target = tmp_path / "nato.variorum"
    rig.dialogs.save_paths.append(target)
    rig.controller.save_action.trigger()  # Ctrl+S on an untitled session asks where
    assert rig.controller.confirm_close()  # saved: closes without asking
    assert rig.dialogs.asked == ["save path"]
    rig.window.close()

    again = make_rig(None)  # type: ignore[operator]
    assert again.controller.open_path(target)
    reopened = _claim(again.window, "Operation Sentinel")
    note = again.controller.note_for(reopened)
    assert note is not None
    assert (note.verdict, note.note) == (Verdict.DISPUTED, "No other outlet reports this.")
    assert again.window.shown[-1].view == seed_session.view
    assert again.window.windowTitle() == "Variorum — nato.variorum[*]"
    assert not again.window.isWindowModified()


def test_shortcuts_and_title(make_rig: object, seed_session: Session, tmp_path: Path) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    c = rig.controller
    assert c.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert c.save_as_action.shortcut().toString() == "Ctrl+Shift+S"
    assert rig.window.windowTitle() == "Variorum"  # until the host says it shows articles
    c.refresh_title()
    assert rig.window.windowTitle().startswith("Variorum — Untitled")
    c.mark_modified()
    assert rig.window.isWindowModified()
    rig.dialogs.save_paths.append(tmp_path / "named")  # suffix added
    assert c.save_as()
    assert c.path == tmp_path / "named.variorum"
    assert not rig.window.isWindowModified()
    assert "named.variorum" in rig.window.windowTitle()


@pytest.mark.parametrize(
    ("answer", "closes", "saved"),
    [(Choice.SAVE, True, True), (Choice.DISCARD, True, False), (Choice.CANCEL, False, False)],
)
def test_close_with_unsaved_changes_asks(
    make_rig: object,
    seed_session: Session,
    tmp_path: Path,
    answer: Choice,
    closes: bool,
    saved: bool,
) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    path = tmp_path / "s.variorum"
    rig.dialogs.save_paths.append(path)
    assert rig.controller.save()
    rig.controller.set_verdict(_claim(rig.window, "Sentinel"), Verdict.FALSE)
    rig.dialogs.save_answers.append(answer)
    assert rig.controller.confirm_close() is closes
    assert rig.dialogs.asked[-1] == "save changes to s.variorum"
    assert (len(load_session(path).annotations.notes) == 1) is saved
    assert rig.window.isWindowModified() is not saved  # discarding closes as is


def test_opening_another_session_with_unsaved_changes_asks_first(
    make_rig: object, seed_session: Session, tmp_path: Path
) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    other = tmp_path / "other.variorum"
    rig.store.save(other, replace(seed_session, view=ViewState(scroll_row=9)))
    rig.controller.mark_modified()
    rig.dialogs.save_answers.append(Choice.CANCEL)
    rig.dialogs.open_paths.append(other)
    assert not rig.controller.open_dialog()
    assert rig.window.shown == []
    rig.dialogs.save_answers.append(Choice.DISCARD)
    assert rig.controller.open_dialog()
    assert rig.window.shown[-1].view.scroll_row == 9


def test_failed_save_reports_and_stays_modified(
    make_rig: object, seed_session: Session, tmp_path: Path
) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    rig.controller.mark_modified()
    rig.dialogs.save_paths.append(tmp_path / "missing-folder" / "s.variorum")
    assert not rig.controller.save()
    (error,) = rig.dialogs.errors
    assert "could not save" in error.problem
    assert rig.window.isWindowModified()
    assert rig.controller.path is None


def test_broken_session_file_shows_error_and_changes_nothing(
    make_rig: object, seed_session: Session, tmp_path: Path
) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    broken = tmp_path / "broken.variorum"
    broken.write_bytes(b'{"format": "variorum-session", "format_version": 9}')
    assert not rig.controller.open_path(broken)
    (error,) = rig.dialogs.errors
    assert "newer Variorum (format 9)" in error.problem
    assert rig.window.shown == []
    assert broken.read_bytes() == b'{"format": "variorum-session", "format_version": 9}'


def test_changed_source_offers_reload(
    make_rig: object, seed_paths: list[Path], tmp_path: Path
) -> None:
    copies = []
    for src in seed_paths[:2]:
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        copies.append(dst)
    docs, _ = load_documents(copies)
    path = tmp_path / "s.variorum"
    SessionStore().save(path, session_from_documents(docs))
    with open(copies[1], "a", encoding="utf-8") as fh:
        fh.write("\nA correction appended later.\n")
    rig = make_rig(None)  # type: ignore[operator]
    rig.dialogs.reload_answer = True
    assert rig.controller.open_path(path)
    assert rig.dialogs.asked == [f"reload {docs[1].label}"]
    assert [c.path for c in rig.dialogs.reload_offers[0]] == [copies[1]]  # the exact file
    assert "A correction appended later." in rig.window.shown[-1].documents[1].text
    assert rig.window.isWindowModified()  # the reloaded text is not in the file yet


def test_doctored_sources_are_never_offered_for_reload(
    make_rig: object, seed_paths: list[Path], tmp_path: Path
) -> None:
    docs, _ = load_documents(seed_paths[:2])
    outside = tmp_path / "private" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("root:*:19000:0:99999:7:::\n", encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    doctored = (
        replace(docs[0], source="/etc/passwd", sha256="0" * 64),
        replace(docs[1], source=str(folder / "link.txt"), sha256="0" * 64),
    )
    path = folder / "s.variorum"
    SessionStore().save(path, session_from_documents(doctored))
    rig = make_rig(None)  # type: ignore[operator]
    rig.dialogs.reload_answer = True  # a user who would say yes to anything
    assert rig.controller.open_path(path)
    assert rig.dialogs.asked == []
    shown = rig.window.shown[-1]
    assert [d.text for d in shown.documents] == [d.text for d in docs[:2]]


def test_non_utf8_names_save_and_autosave(
    make_rig: object, seed_session: Session, tmp_path: Path
) -> None:
    odd = replace(seed_session.documents[0], label="odd \udcff", source="/x/non_utf8_\udcff.txt")
    session = replace(seed_session, documents=(odd, *seed_session.documents[1:]))
    rig = make_rig(session)  # type: ignore[operator]
    rig.controller.mark_modified()
    rig.controller.autosave_now()
    assert rig.store.load(rig.store.autosave_path()).documents[0] == odd
    rig.dialogs.save_paths.append(tmp_path / "odd.variorum")
    assert rig.controller.save_as()
    assert rig.dialogs.errors == []
    assert load_session(tmp_path / "odd.variorum").documents[0] == odd


def test_autosave_every_minute_while_modified(make_rig: object, seed_session: Session) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    timer = rig.controller._timer
    assert timer.interval() == AUTOSAVE_MS == 60_000
    assert not timer.isActive()
    rig.controller.mark_modified()
    assert timer.isActive()
    timer.timeout.emit()  # a minute passes
    assert rig.store.load(rig.store.autosave_path()) == rig.controller.current_session()


def test_crash_recovery_offered_at_next_start(
    make_rig: object, seed_session: Session, tmp_path: Path
) -> None:
    crashed = make_rig(seed_session)  # type: ignore[operator]
    crashed.controller.set_verdict(_claim(crashed.window, "Sentinel"), Verdict.NEEDS_SOURCE, "?")
    crashed.controller.autosave_now()
    crashed.store.close()  # the process died

    rig = make_rig(None)  # type: ignore[operator]
    rig.dialogs.recovery_answers.append(RecoveryChoice.RESTORE)
    assert rig.controller.offer_recovery()
    restored = _claim(rig.window, "Sentinel")
    note = rig.controller.note_for(restored)
    assert note is not None
    assert note.verdict is Verdict.NEEDS_SOURCE
    assert rig.window.isWindowModified()
    assert not crashed.store.autosave_path().exists()  # replaced by the new window's own
    assert rig.store.autosave_path().exists()
    assert SessionStore().pending_recovery() == []  # the new window is alive


def test_recovery_discard_and_later(make_rig: object, seed_session: Session) -> None:
    crashed = make_rig(seed_session)  # type: ignore[operator]
    crashed.controller.mark_modified()
    crashed.controller.autosave_now()
    crashed.store.close()
    later = make_rig(None)  # type: ignore[operator]
    later.dialogs.recovery_answers.append(RecoveryChoice.LATER)
    assert not later.controller.offer_recovery()
    assert crashed.store.autosave_path().exists()
    discard = make_rig(None)  # type: ignore[operator]
    discard.dialogs.recovery_answers.append(RecoveryChoice.DISCARD)
    assert not discard.controller.offer_recovery()
    assert not crashed.store.autosave_path().exists()


def test_recent_sessions_menu(make_rig: object, seed_session: Session, tmp_path: Path) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    rig.controller._fill_recent()
    assert [a.text() for a in rig.controller.recent_menu.actions()] == ["No recent sessions"]
    rig.dialogs.save_paths.append(tmp_path / "first.variorum")
    assert rig.controller.save()
    rig.controller._fill_recent()
    (action,) = rig.controller.recent_menu.actions()
    assert action.text() == "first.variorum"
    action.trigger()
    assert rig.window.shown[-1].documents == seed_session.documents


def test_verdict_menu_sets_verdict_keeping_note(make_rig: object, seed_session: Session) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    claim = _claim(rig.window, "Sentinel")
    rig.controller.set_verdict(claim, Verdict.DISPUTED, "keep me")
    menu = rig.controller.verdict_menu(claim)
    checked = [a.text() for a in menu.actions() if a.isChecked()]
    assert checked == ["Disputed"]
    next(a for a in menu.actions() if a.text() == "False").trigger()
    note = rig.controller.note_for(claim)
    assert note is not None
    assert (note.verdict, note.note) == (Verdict.FALSE, "keep me")


def test_verdict_editor(
    make_rig: object, seed_session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rig = make_rig(seed_session)  # type: ignore[operator]
    claim = _claim(rig.window, "Sentinel")

    def fill_and_accept(editor: VerdictEditor) -> int:
        editor.verdict_box.setCurrentIndex(list(Verdict).index(Verdict.VERIFIED))
        editor.note_edit.setPlainText("  Confirmed by the ministry.  ")
        editor.grab().save(str(rig_png))
        return QDialog.DialogCode.Accepted.value

    rig_png = tmp_path / "verdict_editor.png"
    monkeypatch.setattr(session_actions.VerdictEditor, "exec", fill_and_accept)
    assert rig.controller.edit_verdict(claim)
    note = rig.controller.note_for(claim)
    assert note is not None
    assert (note.verdict, note.note) == (Verdict.VERIFIED, "Confirmed by the ministry.")
    assert rig_png.stat().st_size > 0
