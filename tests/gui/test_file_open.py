"""macOS "open document" events (QFileOpenEvent) reach the window, even before it exists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from variorum.gui.file_open import FileOpenFilter, install_file_open_filter


@pytest.fixture
def file_filter(qapp: QApplication) -> Iterator[FileOpenFilter]:
    installed = install_file_open_filter(qapp)
    yield installed
    qapp.removeEventFilter(installed)
    installed.setParent(None)  # so the next test's install finds no leftover
    installed.deleteLater()


def _finder_opens(app: QApplication, *paths: Path) -> list[bool]:
    return [app.sendEvent(app, QFileOpenEvent(str(p))) for p in paths]


def test_files_opened_before_the_window_wait_for_it(
    qapp: QApplication, qtbot: QtBot, file_filter: FileOpenFilter, tmp_path: Path
) -> None:
    session = tmp_path / "work.variorum"
    assert _finder_opens(qapp, session) == [True]  # accepted: Qt must not drop it
    assert file_filter.pending == (session,)
    received: list[list[Path]] = []
    file_filter.set_handler(lambda paths: received.append(list(paths)))
    qtbot.waitUntil(lambda: received == [[session]])
    assert file_filter.pending == ()


def test_several_files_arrive_as_one_batch(
    qapp: QApplication, qtbot: QtBot, file_filter: FileOpenFilter, tmp_path: Path
) -> None:
    received: list[Sequence[Path]] = []
    file_filter.set_handler(received.append)
    articles = [tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.pdf"]
    _finder_opens(qapp, *articles)
    qtbot.waitUntil(lambda: bool(received))
    qapp.processEvents()
    assert [list(batch) for batch in received] == [articles]


def test_a_file_url_is_opened_and_other_urls_are_left_alone(
    qapp: QApplication, qtbot: QtBot, file_filter: FileOpenFilter, tmp_path: Path
) -> None:
    received: list[Sequence[Path]] = []
    file_filter.set_handler(received.append)
    web = QFileOpenEvent(QUrl("https://example.org/story.html"))
    assert qapp.sendEvent(qapp, web) is False
    local = tmp_path / "story one.html"
    assert qapp.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile(str(local)))) is True
    qtbot.waitUntil(lambda: bool(received))
    assert [list(batch) for batch in received] == [[local]]


def test_installing_twice_gives_the_same_filter(
    qapp: QApplication, file_filter: FileOpenFilter
) -> None:
    assert install_file_open_filter(qapp) is file_filter


def test_a_session_double_clicked_in_finder_opens_in_the_window(
    qapp: QApplication,
    qtbot: QtBot,
    file_filter: FileOpenFilter,
    seed_paths: list[Path],
    tmp_path: Path,
) -> None:
    from scripted_dialogs import ScriptedDialogs

    from variorum.engine.api import load_documents
    from variorum.gui.window import MainWindow
    from variorum.session import SessionStore, save_session, session_from_documents

    docs, _ = load_documents(seed_paths[:2])
    target = tmp_path / "finder.variorum"
    save_session(target, session_from_documents(docs))
    _finder_opens(qapp, target)  # before the window exists, as at a Finder launch
    store = SessionStore()
    window = MainWindow(store=store, session_dialogs=ScriptedDialogs())  # type: ignore[arg-type]
    qtbot.addWidget(window)
    try:
        file_filter.set_handler(window.open_dropped)
        qtbot.waitUntil(
            lambda: window.comparison is not None and len(window.comparison.versions) == 2,
            timeout=10_000,
        )
        assert window.sessions.path == target
    finally:
        window.sessions.modified = False
        window.runner.shutdown()
        store.close()
