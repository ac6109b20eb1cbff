"""Sessions in the real window: verdicts and notes survive save/close/reopen, the view is
restored, unsaved work is asked about, broken files are refused untouched, and a session
given on the command line opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs
from waits import settle_grid

from variorum.annotations import Verdict
from variorum.engine.model import Claim
from variorum.gui.actions import ActionId
from variorum.gui.app import open_window, parse_args
from variorum.gui.session_actions import Choice
from variorum.gui.window import MainWindow
from variorum.session import load_session

WAIT_MS = 10_000


def wait_for(qtbot: QtBot, window: MainWindow, versions: int) -> None:
    qtbot.waitUntil(
        lambda: window.comparison is not None and len(window.comparison.versions) == versions,
        timeout=WAIT_MS,
    )


def sentinel(window: MainWindow) -> Claim:
    assert window.comparison is not None
    return next(c for c in window.comparison.claims if "Operation Sentinel" in c.text)


def test_disputed_claim_with_note_survives_save_close_reopen(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
) -> None:
    target = tmp_path / "nato.variorum"
    dialogs = ScriptedDialogs(save_paths=[target])
    w = make_window(dialogs, size=None)
    w.open_files(seed_paths)
    wait_for(qtbot, w, 5)
    claim = sentinel(w)
    menu = w.sessions.verdict_menu(claim, w)
    disputed = next(a for a in menu.actions() if a.text() == Verdict.DISPUTED.title)
    disputed.trigger()
    w.sessions.set_verdict(claim, Verdict.DISPUTED, "No other outlet reports this operation.")
    assert w.isWindowModified()
    item = w.claims_panel.claim_item(claim)
    assert item is not None and "Disputed" in item.text(0) + str(item.toolTip(0))
    w.actions_by_id[ActionId.SAVE_SESSION].trigger()
    assert target.is_file()
    assert not w.isWindowModified()
    assert "nato.variorum" in w.windowTitle()
    w.close()

    again = make_window(ScriptedDialogs(), size=None)
    assert again.sessions.open_path(target)
    wait_for(qtbot, again, 5)
    note = again.sessions.note_for(sentinel(again))
    assert note is not None
    assert note.verdict is Verdict.DISPUTED
    assert note.note == "No other outlet reports this operation."
    assert not again.isWindowModified()


def test_the_view_comes_back_with_the_session(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
) -> None:
    target = tmp_path / "view.variorum"
    w = make_window(ScriptedDialogs(save_paths=[target]), size=None)
    w.open_files(seed_paths)
    wait_for(qtbot, w, 5)
    labels = w.inputs.labels
    order = (labels[3], labels[0], labels[1], labels[2], labels[4])
    w.versions_panel.orderChanged.emit(order)
    w.set_base(labels[1])
    w.remove_version(labels[4])
    wait_for(qtbot, w, 4)
    w.view.horizontalHeader().resizeSection(0, 410)
    w.view.scrollTo(w.model.index(20, 0), w.view.ScrollHint.PositionAtTop)
    assert w.sessions.save_as()
    saved = load_session(target)
    assert saved.view.scroll_row == w.model.source_row(w.view.rowAt(0)) > 0
    assert saved.view.column_order == order[:4]
    assert saved.settings.base == labels[1]
    w.close()

    again = make_window(ScriptedDialogs(), size=None)
    # The session goes through the inputs editor, the one writer, with its saved view.
    with qtbot.waitSignal(again.inputs_editor.inputsChanged, timeout=WAIT_MS) as shown:
        again.sessions.open_path(target)
    update = shown.args[0]
    assert update.fresh and update.view == saved.view
    assert update.inputs == again.inputs and again.undo_stack.count() == 0
    wait_for(qtbot, again, 4)
    assert again.model.labels == order[:4]
    assert again.comparison is not None and again.comparison.settings.base == labels[1]
    assert again.view.columnWidth(0) == 410
    settle_grid(qtbot, again.view)  # the deferred layout must not move the restored position
    assert again.model.source_row(again.view.rowAt(0)) == saved.view.scroll_row


def test_opening_other_articles_asks_about_unsaved_work(
    make_window: Callable[..., MainWindow], qtbot: QtBot, seed_paths: list[Path]
) -> None:
    dialogs = ScriptedDialogs(save_answers=[Choice.CANCEL, Choice.DISCARD])
    w = make_window(dialogs, size=None)
    w.open_files(seed_paths)
    wait_for(qtbot, w, 5)
    w.sessions.set_verdict(sentinel(w), Verdict.FALSE)
    with qtbot.assertNotEmitted(w.runner.load_done, wait=100):  # Cancel: nothing is read
        w.open_files(seed_paths[:2])
    assert dialogs.asked == ["save changes to Untitled"]
    assert len(w.inputs.documents) == 5
    w.open_files(seed_paths[:2])  # Discard: the new articles replace the old
    wait_for(qtbot, w, 2)
    assert not w.isWindowModified()


def test_a_broken_session_is_refused_and_left_untouched(
    make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.variorum"
    broken.write_bytes(b'{"format": "variorum-session", "format_version": 1, "documents": [')
    before = broken.read_bytes()
    dialogs = ScriptedDialogs()
    w = make_window(dialogs, size=None)
    w.open_dropped([broken])
    assert dialogs.errors and "broken.variorum" in dialogs.errors[0].path
    assert broken.read_bytes() == before
    assert w.pages.currentWidget() is w.start_page


def test_a_session_on_the_command_line_opens(
    qtbot: QtBot, seed_paths: list[Path], tmp_path: Path
) -> None:
    from variorum.engine.api import load_documents
    from variorum.session import save_session, session_from_documents

    docs, _ = load_documents(seed_paths[:3])
    target = tmp_path / "cli.variorum"
    save_session(target, session_from_documents(docs))
    window = open_window(parse_args([str(target)]))
    qtbot.addWidget(window)
    try:
        wait_for(qtbot, window, 3)
        assert "cli.variorum" in window.windowTitle()
        window.sessions.store.close()
    finally:
        window.runner.shutdown()


def test_sample_on_the_command_line_opens_the_seeds(qtbot: QtBot) -> None:
    window = open_window(parse_args(["--sample"]))
    qtbot.addWidget(window)
    try:
        wait_for(qtbot, window, 5)
        assert window.windowTitle().startswith("Variorum")
    finally:
        window.sessions.store.close()
        window.runner.shutdown()


def test_a_row_note_shows_in_the_row_header_and_is_saved(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QInputDialog

    target = tmp_path / "notes.variorum"
    w = make_window(ScriptedDialogs(save_paths=[target]), size=None)
    w.open_files(seed_paths)
    wait_for(qtbot, w, 5)
    w.view.go_to(3, 0)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *_a, **_k: ("Check with the wire copy.", True)
    )
    w.actions_by_id[ActionId.NOTE_ON_ROW].trigger()
    header = str(w.model.headerData(3, Qt.Orientation.Vertical))
    assert "\u270e" in header
    tip = str(w.model.headerData(3, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole))
    assert "Check with the wire copy." in tip
    assert w.sessions.save_as()
    w.close()
    again = make_window(ScriptedDialogs(), size=None)
    again.sessions.open_path(target)
    wait_for(qtbot, again, 5)
    assert "\u270e" in str(again.model.headerData(3, Qt.Orientation.Vertical))


def test_close_comparison_asks_then_returns_to_the_start_page_with_recent_sessions(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
) -> None:
    target = tmp_path / "recent.variorum"
    dialogs = ScriptedDialogs(save_answers=[Choice.SAVE], save_paths=[target])
    w = make_window(dialogs, size=None)
    w.open_files(seed_paths[:2])
    wait_for(qtbot, w, 2)
    w.sessions.mark_modified()
    w.actions_by_id[ActionId.CLOSE_COMPARISON].trigger()
    assert dialogs.asked[0] == "save changes to Untitled"
    assert target.is_file()
    assert w.pages.currentWidget() is w.start_page
    assert w.comparison is None and not w.inputs.documents
    assert not w.actions_by_id[ActionId.CLOSE_COMPARISON].isEnabled()
    assert w.start_page.recent() == [target]


def test_a_missing_file_on_the_command_line_is_a_notice_in_the_window(
    qtbot: QtBot, seed_paths: list[Path], tmp_path: Path
) -> None:
    gone = tmp_path / "gone.txt"
    window = open_window(parse_args([str(seed_paths[0]), str(gone)]))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.notice.isVisible() and "gone.txt" in window.notice.text())
        assert [Path(d.source).name for d in window.inputs.documents] == [seed_paths[0].name]
    finally:
        window.sessions.store.close()
        window.runner.shutdown()


def test_files_the_desktop_asks_to_open_reach_the_window(
    qtbot: QtBot, seed_paths: list[Path]
) -> None:
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    window = open_window(parse_args([]))
    qtbot.addWidget(window)
    try:
        app = QApplication.instance()
        for path in seed_paths[:3]:  # Finder sends one event per selected file
            QApplication.sendEvent(app, QFileOpenEvent(str(path)))
        wait_for(qtbot, window, 3)
    finally:
        window.sessions.store.close()
        window.runner.shutdown()
