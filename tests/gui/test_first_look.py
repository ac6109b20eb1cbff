"""The window as a newcomer first sees it: Differences Only, fitting the screen, labels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.gui.actions import ActionId
from variorum.gui.options import Preferences, save_preferences
from variorum.gui.window import MainWindow
from variorum.session import SessionStore

WAIT_MS = 10_000


def compared(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> MainWindow:
    window.open_files(paths)
    qtbot.waitUntil(
        lambda: window.comparison is not None and len(window.comparison.versions) == len(paths),
        timeout=WAIT_MS,
    )
    return window


def one_identical_row(folder: Path) -> list[Path]:
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text("The council met on Monday.\n\nIt approved the budget of 4 million.\n")
    b.write_text("The council met on Monday.\n\nIt approved the budget of 5 million.\n")
    return [a, b]


def test_differences_only_is_not_pressed_on_the_start_page(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    save_preferences(Preferences(differences_only=True))
    w = make_window()
    action = w.actions_by_id[ActionId.DIFFERENCES_ONLY]
    assert not action.isChecked() and not action.isEnabled()
    compared(qtbot, w, one_identical_row(tmp_path))
    assert action.isChecked() and action.isEnabled()  # the preference applies to a comparison
    assert w.model.hidden_row_count() > 0
    w.actions_by_id[ActionId.CLOSE_COMPARISON].trigger()
    assert w.pages.currentWidget() is w.start_page
    assert not action.isChecked() and not action.isEnabled()
    assert w.prefs.differences_only  # the start page did not change the preference


def test_differences_only_says_nothing_to_hide_when_every_row_differs(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council met on Monday.\n\nIt approved the budget of 4 million.\n")
    b.write_text("The council met on Tuesday.\n\nIt approved the budget of 5 million.\n")
    w = compared(qtbot, make_window(), [a, b])
    action = w.actions_by_id[ActionId.DIFFERENCES_ONLY]
    assert "nothing to hide" in action.toolTip()
    action.setChecked(True)
    assert "nothing to hide" in w.status_area.text()
    assert "nothing to hide" in w.statusBar().currentMessage()
    assert w.model.hidden_row_count() == 0


def test_differences_only_tooltip_is_the_usual_one_when_rows_can_hide(
    make_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    w = compared(qtbot, make_window(), one_identical_row(tmp_path))
    action = w.actions_by_id[ActionId.DIFFERENCES_ONLY]
    assert "nothing to hide" not in action.toolTip()
    action.setChecked(True)
    assert "1 identical row hidden" in w.status_area.text()


def test_first_start_takes_the_available_screen(qtbot: QtBot) -> None:
    window = MainWindow(store=SessionStore())
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() == available.width()
    assert available.height() * 0.9 <= window.height() <= available.height()
    assert window.pos() == available.topLeft()
    window.sessions.store.close()


def test_first_start_geometry_leaves_room_for_the_title_bar() -> None:
    from PySide6.QtCore import QRect

    from variorum.gui.window import first_start_geometry

    place = first_start_geometry(QRect(0, 27, 1600, 973))
    assert place == QRect(0, 27, 1600, 933)
    small = first_start_geometry(QRect(0, 0, 1366, 300))
    assert small.height() == 270  # never less than nine tenths


def test_versions_get_readable_labels_and_a_rename_is_saved(
    qtbot: QtBot, seed_paths: list[Path], tmp_path: Path
) -> None:
    from variorum.gui.versions_panel import Rename
    from variorum.session import load_session

    target = tmp_path / "nato.variorum"
    store = SessionStore()
    w = MainWindow(store=store, session_dialogs=ScriptedDialogs(save_paths=[target]))  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    try:
        compared(qtbot, w, seed_paths)
        assert w.inputs.labels[0] == "000 \u00b7 NATO Considers Troop\u2026"
        assert w.inputs.labels[1] == "001"
        assert [Path(d.source) for d in w.inputs.documents] == seed_paths  # still the files
        w.versions_panel.renameRequested.emit(Rename("001", "Bild interview"))
        qtbot.waitUntil(
            lambda: w.comparison is not None and "Bild interview" in w.comparison.labels
        )
        assert w.model.labels[1] == "Bild interview"
        w.actions_by_id[ActionId.SAVE_SESSION].trigger()
        saved = load_session(target)
        assert saved.labels[:2] == ("000 \u00b7 NATO Considers Troop\u2026", "Bild interview")
    finally:
        w.runner.shutdown()
        store.close()
