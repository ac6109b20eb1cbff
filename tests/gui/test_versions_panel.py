"""VersionsPanel with the seed versions: silent set_versions, include check box, in-place
rename (refusing empty and duplicate labels), reorder by drag and by Move Up/Down, base,
remove, replace, add, context menu, and that file drops are left to the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dark_palette import dark_palette_from
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from variorum.engine.model import Comparison
from variorum.gui.versions_panel import (
    IncludeChange,
    Rename,
    VersionEntry,
    VersionsPanel,
    entry_tooltip,
)


@pytest.fixture(scope="module")
def entries(comparison: Comparison) -> tuple[VersionEntry, ...]:
    return tuple(
        VersionEntry(
            label=v.label,
            source=v.source if i != 4 else "",  # the last one as pasted text
            title=v.title,
            word_count=v.word_count,
            included=i != 2,
            is_base=i == 0,
        )
        for i, v in enumerate(comparison.versions)
    )


@pytest.fixture
def panel(qtbot: QtBot, entries: tuple[VersionEntry, ...]) -> VersionsPanel:
    widget = VersionsPanel()
    qtbot.addWidget(widget)
    widget.resize(320, 500)
    widget.set_versions(entries)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


SIGNALS = (
    "orderChanged",
    "includedChanged",
    "baseChosen",
    "renameRequested",
    "removeRequested",
    "replaceRequested",
    "addRequested",
)


@pytest.fixture
def emitted(panel: VersionsPanel) -> Iterator[list[tuple[str, tuple[object, ...]]]]:
    """Every signal the panel emits, in order, as (name, args)."""
    seen: list[tuple[str, tuple[object, ...]]] = []
    for name in SIGNALS:
        getattr(panel, name).connect(lambda *args, n=name: seen.append((n, args)))
    yield seen


def option_for(panel: VersionsPanel, row: int) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    panel.list.initViewItemOption(option)
    option.rect = panel.list.visualRect(panel.list.model().index(row, 0))
    return option


def labels(entries: tuple[VersionEntry, ...]) -> tuple[str, ...]:
    return tuple(e.label for e in entries)


def test_set_versions_shows_them_and_emits_nothing(
    qtbot: QtBot, entries: tuple[VersionEntry, ...]
) -> None:
    panel = VersionsPanel()
    qtbot.addWidget(panel)
    seen: list[str] = []
    for name in SIGNALS:
        getattr(panel, name).connect(lambda *_a, n=name: seen.append(n))
    panel.set_versions(entries)
    panel.list.setCurrentRow(3)
    panel.set_versions(tuple(reversed(entries)))  # keeps the selected version selected
    assert seen == []
    assert panel.entries() == tuple(reversed(entries))
    assert panel.list.currentItem().text() == entries[3].label


def test_each_version_shows_its_facts(panel: VersionsPanel, entries: tuple[VersionEntry, ...]):
    item = panel.list.item(0)
    assert item.text() == entries[0].label
    assert item.checkState() == Qt.CheckState.Checked
    assert panel.list.item(2).checkState() == Qt.CheckState.Unchecked
    tip = item.toolTip()
    assert entries[0].source in tip  # the full path, though the row elides it
    assert "Base version" in tip and f"{entries[0].word_count:,} words" in tip
    assert "pasted text" in panel.list.item(4).toolTip()
    accessible = item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "base version" in accessible and "included" in accessible
    assert "left out" in panel.list.item(2).data(Qt.ItemDataRole.AccessibleTextRole)


def test_tooltip_escapes_labels_and_paths() -> None:
    entry = VersionEntry("<b>x</b>", "/tmp/<img src=y>.txt", "A & B", 3, True, False)
    tip = entry_tooltip(entry)
    assert "<b>x" not in tip and "&lt;b&gt;x" in tip
    assert "<img" not in tip and "A &amp; B" in tip


def test_include_check_box_emits_include_change(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    check = panel.delegate.check_rect(option_for(panel, 1), panel.list.model().index(1, 0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=check.center())
    assert emitted == [("includedChanged", (IncludeChange(entries[1].label, False),))]
    assert panel.entries()[1].included is False
    # Space on the current row ticks it again.
    panel.list.setCurrentRow(1)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert emitted[-1] == ("includedChanged", (IncludeChange(entries[1].label, True),))


def edit_label(qtbot: QtBot, panel: VersionsPanel, row: int, text: str) -> None:
    panel.list.setCurrentRow(row)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_F2)
    assert panel.list.state() == QAbstractItemView.State.EditingState
    editor = panel.list.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits in a queued call, after the editor has seen the key.
    qtbot.waitUntil(lambda: panel.list.state() != QAbstractItemView.State.EditingState)


def test_rename_in_place(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    edit_label(qtbot, panel, 1, "  Report  ")
    assert emitted == [("renameRequested", (Rename(entries[1].label, "Report"),))]
    assert panel.entries()[1].label == "Report"
    assert not panel.message.isVisible()


def test_rename_to_a_duplicate_is_refused(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    edit_label(qtbot, panel, 1, entries[3].label)
    assert emitted == []
    assert panel.entries() == entries  # reverted
    assert panel.message.isVisible()
    assert entries[3].label in panel.message.text()


def test_rename_to_nothing_is_refused(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    edit_label(qtbot, panel, 0, "   ")
    assert emitted == []
    assert panel.entries() == entries
    assert panel.message.isVisible() and "label" in panel.message.text()
    # Starting a new edit clears the old explanation.
    edit_label(qtbot, panel, 0, entries[0].label)
    assert not panel.message.isVisible()
    assert emitted == []  # unchanged label: nothing to ask


def test_move_up_button_and_shortcut(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    order = list(labels(entries))
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    order[1], order[2] = order[2], order[1]
    assert emitted == [("orderChanged", (tuple(order),))]
    assert labels(panel.entries()) == tuple(order)
    assert panel.list.currentRow() == 1  # the moved version stays selected
    # Ctrl+Shift+Down, scoped to the list, moves it back.
    panel.activateWindow()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert emitted[-1] == ("orderChanged", (labels(entries),))


def test_move_buttons_stop_at_the_ends(panel: VersionsPanel) -> None:
    panel.list.setCurrentRow(0)
    assert not panel.up_button.isEnabled() and panel.down_button.isEnabled()
    panel.list.setCurrentRow(panel.list.count() - 1)
    assert panel.up_button.isEnabled() and not panel.down_button.isEnabled()


def drag_to(panel: VersionsPanel, mime: QMimeData, point: QPoint) -> QDropEvent:
    viewport = panel.list.viewport()
    pos = QPointF(point)
    action = Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Qt 6.11 takes a QPoint for enter/move events and a QPointF for the drop.
    enter = QDragEnterEvent(point, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(point, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(pos, action, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_drag_a_version_to_the_end(
    panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    last = panel.list.visualItemRect(panel.list.item(4))
    drop = drag_to(panel, panel.list.mime_for_row(0), last.center() + QPoint(0, last.height() // 4))
    assert drop.isAccepted()
    moved = (*labels(entries)[1:], labels(entries)[0])
    assert emitted == [("orderChanged", (moved,))]
    assert labels(panel.entries()) == moved


def test_drag_onto_itself_changes_nothing(panel: VersionsPanel, emitted: list) -> None:
    rect = panel.list.visualItemRect(panel.list.item(2))
    drag_to(panel, panel.list.mime_for_row(2), rect.center())
    assert emitted == []


def test_file_drops_are_left_to_the_window(panel: VersionsPanel, emitted: list) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/article.txt")])
    pos = panel.list.visualItemRect(panel.list.item(1)).center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(panel.list.viewport(), enter)
    assert not enter.isAccepted()
    drop = drag_to(panel, mime, pos)
    assert not drop.isAccepted()
    # Nor does another list's drag (another window) move anything here.
    other = VersionsPanel()
    other.set_versions(panel.entries())
    drag_to(panel, other.list.mime_for_row(0), pos)
    assert emitted == []
    other.deleteLater()


def test_use_as_base(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    panel.list.setCurrentRow(0)
    assert not panel.base_button.isEnabled()  # already the base
    panel.list.setCurrentRow(3)
    qtbot.mouseClick(panel.base_button, Qt.MouseButton.LeftButton)
    assert emitted == [("baseChosen", (entries[3].label,))]
    # A double-click on the base badge's place chooses too, without starting an edit.
    badge = panel.delegate.badge_rect(option_for(panel, 1))
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=badge.center())
    assert emitted[-1] == ("baseChosen", (entries[1].label,))
    assert panel.list.state() != QAbstractItemView.State.EditingState


def test_remove_replace_add(
    qtbot: QtBot, panel: VersionsPanel, entries: tuple[VersionEntry, ...], emitted: list
) -> None:
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert emitted == [("removeRequested", (entries[2].label,))]
    assert panel.entries() == entries  # the window removes it (and offers undo)
    panel.activateWindow()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert emitted[-1] == ("removeRequested", (entries[2].label,))
    panel.replace_action.trigger()
    assert emitted[-1] == ("replaceRequested", (entries[2].label,))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert emitted[-1] == ("addRequested", ())


def test_context_menu_offers_every_action(panel: VersionsPanel) -> None:
    panel.list.setCurrentRow(1)
    texts = [a.text().replace("&", "") for a in panel.context_menu(True).actions() if a.text()]
    for wanted in ("Use as Base", "Rename", "Move Up", "Move Down", "Include in Comparison",
                   "Replace with Another File…", "Remove", "Add Article…"):  # fmt: skip
        assert wanted in texts
    assert [a.text() for a in panel.context_menu(False).actions()] == ["&Add Article…"]


def test_shortcuts_are_scoped_to_the_list(panel: VersionsPanel) -> None:
    for action in (panel.up_action, panel.down_action, panel.remove_action, panel.rename_action):
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert panel.up_action.shortcut().toString() == "Ctrl+Shift+Up"


def test_paints_in_light_and_dark(panel: VersionsPanel) -> None:
    panel.list.setCurrentRow(1)
    assert not panel.grab().isNull()
    dark = dark_palette_from(panel.palette())
    panel.setPalette(dark)
    assert not panel.grab().isNull()
