"""A web archive in the window: the page dialog, its captures as versions, the timeline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.engine.ingest_warc import ArchivedPage, index_warc
from variorum.gui.actions import ActionId
from variorum.gui.archive_dialog import ArchivePageDialog
from variorum.gui.session_actions import Choice
from variorum.gui.window import MainWindow
from variorum.session import SessionStore
from warc_builder import OTHER, STORY, three_and_two


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return three_and_two(tmp_path / "news.warc.gz")


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    store = SessionStore()
    dialogs = ScriptedDialogs(save_answers=[Choice.DISCARD] * 5)
    w = MainWindow(store=store, session_dialogs=dialogs)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.show()
    yield w
    w.runner.shutdown()
    store.close()


def test_dialog_lists_pages_with_capture_counts(qtbot: QtBot, archive: Path) -> None:
    dialog = ArchivePageDialog("news.warc.gz", index_warc(archive))
    qtbot.addWidget(dialog)
    items = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert items == [
        f"3 captures (2024-03-04 to 2024-03-05)  {STORY}",
        f"2 captures (2024-03-02 to 2024-03-03)  {OTHER}",
    ]
    assert dialog.chosen_url() == STORY  # the most captured page is preselected
    dialog.list.setCurrentRow(1)
    assert dialog.chosen_url() == OTHER


def test_choosing_a_page_opens_its_captures_as_dated_versions_in_time_order(
    qtbot: QtBot, window: MainWindow, archive: Path
) -> None:
    asked: list[tuple[str, tuple[str, ...]]] = []

    def choose(_parent: object, name: str, pages: Sequence[ArchivedPage]) -> str:
        asked.append((name, tuple(p.url for p in pages)))
        return STORY

    window.ask_archive_page = choose
    window.open_files([archive])
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10_000)
    c = window.comparison
    assert c is not None
    assert asked == [("news.warc.gz", (STORY, OTHER))]
    assert c.labels == ("2024-03-04 06:00", "2024-03-04 08:15", "2024-03-05 10:30")
    assert [v.date for v in c.versions] == [
        "2024-03-04T06:00:00Z",
        "2024-03-04T08:15:00Z",
        "2024-03-05T10:30:00Z",
    ]
    assert window.model.columnCount() == 3


def test_cancelling_the_dialog_opens_nothing(
    qtbot: QtBot, window: MainWindow, archive: Path
) -> None:
    window.ask_archive_page = lambda *_args: None
    with qtbot.assertNotEmitted(window.runner.load_done, wait=200):  # no page: nothing read
        window.open_files([archive])
    assert window.comparison is None and not window.inputs.documents
    assert window.pages.currentWidget() is window.start_page


@pytest.fixture
def story_window(qtbot: QtBot, window: MainWindow, archive: Path) -> MainWindow:
    window.ask_archive_page = lambda *_args: STORY
    window.open_files([archive])
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10_000)
    return window


def test_the_timeline_shows_one_tick_per_capture_and_each_change(story_window: MainWindow) -> None:
    strip = story_window.comparison_pane.timeline
    assert strip.isVisible()
    assert [(r.before, r.after, r.size) for r in strip.revisions] == [
        ("2024-03-04 06:00", "2024-03-04 08:15", 2),
        ("2024-03-04 08:15", "2024-03-05 10:30", 2),
    ]
    left, right = strip.bar_rect(1), strip.bar_rect(2)
    assert left.right() < right.left()  # in time order, one bar per revision
    assert right.width() > left.width()  # a day apart against two hours apart
    assert story_window.actions_by_id[ActionId.NEXT_REVISION].isEnabled()


def test_stepping_through_revisions_with_the_keys(qtbot: QtBot, story_window: MainWindow) -> None:
    w = story_window
    strip = w.comparison_pane.timeline
    next_key = w.actions_by_id[ActionId.NEXT_REVISION]
    assert next_key.shortcut().toString() == "Alt+Right"
    next_key.trigger()
    assert strip.current == 1
    assert w.model.labels == ("2024-03-04 06:00", "2024-03-04 08:15")
    assert (
        "Revision 1 of 2" in w.notice.text() and "1 added, 0 removed, 1 changed" in w.notice.text()
    )
    next_key.trigger()
    assert strip.current == 2
    assert w.model.labels == ("2024-03-04 08:15", "2024-03-05 10:30")
    assert "1 added, 1 removed, 0 changed, 1 new claim" in w.notice.text()
    current = w.comparison_pane.current_cell()
    assert current is not None and current[0] == strip.revisions[1].rows[0]
    next_key.trigger()  # past the last: stays, says so
    assert strip.current == 2 and "No later revision" in w.statusBar().currentMessage()
    w.actions_by_id[ActionId.PREVIOUS_REVISION].trigger()
    assert strip.current == 1
    w.show_all_versions()
    assert strip.current == 0 and w.model.columnCount() == 3


def test_clicking_a_bar_shows_that_revision(qtbot: QtBot, story_window: MainWindow) -> None:
    strip = story_window.comparison_pane.timeline
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=strip.bar_rect(2).center().toPoint())
    assert strip.current == 2
    assert story_window.model.labels == ("2024-03-04 08:15", "2024-03-05 10:30")


def test_undated_versions_have_no_timeline(
    qtbot: QtBot, window: MainWindow, seed_paths: list[Path]
) -> None:
    window.open_files(seed_paths[:2])
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10_000)
    assert not window.comparison_pane.timeline.isVisible()
    assert not window.actions_by_id[ActionId.NEXT_REVISION].isEnabled()
