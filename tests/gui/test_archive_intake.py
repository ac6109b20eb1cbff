"""Opening a web archive in the window: the page dialog, then its captures as versions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.engine.ingest_warc import ArchivedPage, index_warc
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
    window.open_files([archive])
    qtbot.wait(200)
    assert window.comparison is None and not window.inputs.documents
    assert window.pages.currentWidget() is window.start_page
