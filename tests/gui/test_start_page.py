"""StartPage: buttons ask the window, drops of local files are passed on (web links are
not), the recent list opens on click or Enter and marks missing files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from variorum.gui.start_page import DROP_RELEASE, DROP_TEXT, StartPage


@pytest.fixture
def page(qtbot: QtBot) -> StartPage:
    widget = StartPage()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    return widget


@pytest.fixture
def sessions(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "work"
    folder.mkdir()
    found = []
    for name in ("troops.variorum", "budget.variorum"):
        path = folder / name
        path.write_text("{}", encoding="utf-8")
        found.append(path)
    return found


def shown(page: StartPage, qtbot: QtBot) -> StartPage:
    page.show()
    qtbot.waitExposed(page)
    return page


def mime_with(*urls: QUrl) -> QMimeData:
    mime = QMimeData()
    mime.setUrls(list(urls))
    return mime


def drag_enter(page: StartPage, mime: QMimeData) -> QDragEnterEvent:
    event = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, event)
    return event


def drop(page: StartPage, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, event)
    return event


@pytest.mark.parametrize(
    ("button", "signal"),
    [
        ("open_articles_button", "openArticlesRequested"),
        ("open_session_button", "openSessionRequested"),
        ("sample_button", "sampleRequested"),
    ],
)
def test_buttons_emit_their_signals(
    page: StartPage, qtbot: QtBot, button: str, signal: str
) -> None:
    shown(page, qtbot)
    with qtbot.waitSignal(getattr(page, signal), timeout=500):
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)


def test_buttons_have_mnemonics_tooltips_and_names(page: StartPage) -> None:
    texts = {b.text() for b in page.findChildren(QPushButton)}
    assert texts == {"&Open articles…", "Open &session…", "Open the sa&mple comparison"}
    for b in page.findChildren(QPushButton):
        assert b.toolTip() and b.accessibleName()
    assert "Ctrl+O" in page.open_articles_button.toolTip()


def test_clicking_the_drop_area_asks_for_files(page: StartPage, qtbot: QtBot) -> None:
    shown(page, qtbot)
    with qtbot.waitSignal(page.openArticlesRequested, timeout=500):
        qtbot.mouseClick(page.drop_zone, Qt.MouseButton.LeftButton)


def test_page_says_what_it_is_for(page: StartPage) -> None:
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "Variorum" in texts
    assert DROP_TEXT in texts
    assert ".docx" in texts and ".variorum session" in texts


def test_drag_of_files_highlights_and_leave_clears(page: StartPage, tmp_path: Path) -> None:
    mime = mime_with(QUrl.fromLocalFile(str(tmp_path / "a.txt")))  # events do not own it
    event = drag_enter(page, mime)
    assert event.isAccepted()
    assert page.drop_zone.is_highlighted()
    labels = [lab.text() for lab in page.drop_zone.findChildren(QLabel)]
    assert DROP_RELEASE in labels  # words, not only a colour change
    move = QDragMoveEvent(
        QPoint(30, 30),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, move)
    assert move.isAccepted()
    QApplication.sendEvent(page, QDragLeaveEvent())
    assert not page.drop_zone.is_highlighted()
    assert DROP_TEXT in [lab.text() for lab in page.drop_zone.findChildren(QLabel)]


def test_drag_of_web_links_is_refused(page: StartPage) -> None:
    event = drag_enter(page, mime_with(QUrl("https://example.com/story.html")))
    assert not event.isAccepted()
    assert not page.drop_zone.is_highlighted()


def test_drop_emits_local_paths_in_order_without_web_links(
    page: StartPage, qtbot: QtBot, tmp_path: Path
) -> None:
    a, b, folder = tmp_path / "b.txt", tmp_path / "a.docx", tmp_path / "more"
    mime = mime_with(
        QUrl.fromLocalFile(str(a)),
        QUrl("https://example.com/story.html"),
        QUrl.fromLocalFile(str(b)),
        QUrl.fromLocalFile(str(folder)),
        QUrl.fromLocalFile(str(a)),  # a repeat
    )
    drag_enter(page, mime)
    with qtbot.waitSignal(page.filesDropped, timeout=500) as blocker:
        event = drop(page, mime)
    assert event.isAccepted()
    assert blocker.args == [[a, b, folder]]
    assert all(isinstance(p, Path) for p in blocker.args[0])
    assert not page.drop_zone.is_highlighted()


def test_drop_of_only_web_links_emits_nothing(page: StartPage, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(page.filesDropped):
        event = drop(page, mime_with(QUrl("http://example.com/a"), QUrl("ftp://x/y.txt")))
    assert not event.isAccepted()


def test_drop_without_urls_emits_nothing(page: StartPage, qtbot: QtBot) -> None:
    mime = QMimeData()
    mime.setText("/home/someone/article.txt")
    with qtbot.assertNotEmitted(page.filesDropped):
        drop(page, mime)


def test_empty_recent_list_says_so(page: StartPage, qtbot: QtBot) -> None:
    shown(page, qtbot)
    page.set_recent([])
    assert page.recent_list.isHidden()
    assert page.recent_empty.isVisible()
    assert page.recent_empty.text() == "No recent sessions"


def test_recent_entries_show_name_and_folder(
    page: StartPage, qtbot: QtBot, sessions: list[Path]
) -> None:
    shown(page, qtbot)
    page.set_recent(sessions)
    assert page.recent_list.isVisible()
    assert page.recent_empty.isHidden()
    assert page.recent() == sessions
    first = page.recent_list.item(0)
    assert first.text() == "troops.variorum"
    assert first.toolTip() == str(sessions[0])
    assert str(sessions[0].parent) in first.data(Qt.ItemDataRole.AccessibleTextRole) or (
        "~" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    )
    page.set_recent([])
    assert page.recent() == []
    assert page.recent_empty.isVisible()


def test_click_on_recent_entry_emits_its_path_once(
    page: StartPage, qtbot: QtBot, sessions: list[Path]
) -> None:
    shown(page, qtbot)
    page.set_recent(sessions)
    got: list[Path] = []
    page.recentActivated.connect(got.append)
    view = page.recent_list
    centre = view.visualItemRect(view.item(1)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert got == [sessions[1]]
    # The second half of a double-click does not open the session a second time.
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert got == [sessions[1]]


def test_enter_on_recent_entry_emits_its_path(
    page: StartPage, qtbot: QtBot, sessions: list[Path]
) -> None:
    shown(page, qtbot)
    page.set_recent(sessions)
    view = page.recent_list
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.recentActivated, timeout=500) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [sessions[1]]
    with qtbot.waitSignal(page.recentActivated, timeout=500) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter again is deliberate: it counts
    assert blocker.args == [sessions[1]]


def test_missing_recent_file_is_marked_and_not_opened(
    page: StartPage, qtbot: QtBot, sessions: list[Path]
) -> None:
    shown(page, qtbot)
    gone = sessions[0].parent / "deleted.variorum"
    page.set_recent([gone, *sessions])
    view = page.recent_list
    item = view.item(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "missing" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert item.toolTip().startswith("Not found")
    assert view.item(1).flags() & Qt.ItemFlag.ItemIsEnabled
    # Keyboard focus starts on the first entry that can be opened.
    assert view.currentRow() == 1
    with qtbot.assertNotEmitted(page.recentActivated):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center()
        )


def test_tab_order_runs_from_buttons_to_recent_list(
    page: StartPage, qtbot: QtBot, sessions: list[Path]
) -> None:
    page.set_recent(sessions)
    shown(page, qtbot)
    page.open_articles_button.setFocus()
    order = [page.focusWidget()]
    for _ in range(3):
        page.focusNextChild()
        order.append(page.focusWidget())
    assert order == [
        page.open_articles_button,
        page.open_session_button,
        page.sample_button,
        page.recent_list,
    ]


def test_folders_under_home_are_shortened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    from variorum.gui.start_page import display_folder

    monkeypatch.setenv("HOME", str(tmp_path))
    expected = "~/news/drafts" if os.name != "nt" else str(tmp_path / "news" / "drafts")
    assert display_folder(tmp_path / "news" / "drafts") == expected
    assert display_folder(Path("/srv/elsewhere")) == str(Path("/srv/elsewhere"))
