"""What ingest set aside from one version's article: its metadata and its site furniture.

``SetAsideView.show_lines(label, lines)`` shows the bylines, date lines and credits among
``lines`` (the document's boilerplate) as the version's metadata, and the rest as "N lines
of site furniture set aside", a list folded away until asked for. "Treat as Article Text"
(context menu, button or Enter on a line) emits ``restoreRequested(SetAsideLine)``; the
window puts the line back into the article as an undoable edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from variorum.engine.ingest_furniture import is_metadata
from variorum.gui.actions import ActionId, create_action, key_sequences, spec
from variorum.gui.item_views import menu_target
from variorum.gui.plain_text import plain_tooltip

LINE_ROLE = Qt.ItemDataRole.UserRole + 21  # int: the line's index in the boilerplate
MAX_ROWS = 8  # the furniture list scrolls past this many lines


@dataclass(frozen=True)
class SetAsideLine:
    label: str
    index: int  # into the document's boilerplate
    text: str


def _noun(n: int) -> str:
    return "line" if n == 1 else "lines"


class _LineList(QListWidget):
    """A short list of set-aside lines: Enter or the menu's item treats one as text."""

    restore = Signal(QListWidgetItem)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # lines elide

    def fit(self) -> None:
        rows = min(self.count(), MAX_ROWS)
        height = self.sizeHintForRow(0) * rows if rows else 0
        self.setFixedHeight(height + 2 * self.frameWidth() + (2 if rows else 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        # By key alone, as a list activates (keypad Enter carries a modifier).
        treat = {seq[0].key() for seq in key_sequences(spec(ActionId.TREAT_AS_TEXT))}  # type: ignore[index]
        if item is not None and event.key() in treat:
            self.restore.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item, pos = menu_target(self, event)
        if item is None:
            event.ignore()
            return
        self.setCurrentItem(item)
        self.menu_for(item).exec(pos)
        event.accept()

    def menu_for(self, item: QListWidgetItem) -> QMenu:
        menu = QMenu(self)
        action = create_action(ActionId.TREAT_AS_TEXT, menu)
        action.triggered.connect(lambda _c=False: self.restore.emit(item))
        menu.addAction(action)
        return menu


class SetAsideView(QWidget):
    restoreRequested = Signal(object)  # SetAsideLine

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = ""
        self._lines: tuple[str, ...] = ()

        self.caption = QLabel("Byline and dates (not compared):", self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.metadata = _LineList(self)
        self.metadata.setFrameShape(QFrame.Shape.NoFrame)
        self.metadata.setAccessibleName("Metadata: bylines, dates and credits")
        self.metadata.restore.connect(self._restore)

        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAccessibleName("Site furniture set aside")
        self.toggle.toggled.connect(self._fold)

        self.furniture = _LineList(self)
        self.furniture.setAccessibleName("Site furniture set aside")
        self.furniture.restore.connect(self._restore)
        self.furniture.currentItemChanged.connect(lambda *_: self._update_button())
        self.metadata.currentItemChanged.connect(lambda *_: self._update_button())

        self.restore_button = QPushButton("Treat as &Article Text", self)
        self.restore_button.setToolTip(
            plain_tooltip(
                "Put the selected line back into the article, to be compared",
                "(a byline or date first, anything else last; Ctrl+Z undoes it)",
            )
        )
        self.restore_button.clicked.connect(lambda _c=False: self._restore_current())

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)

        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.metadata)
        layout.addWidget(self.toggle)
        layout.addWidget(self.furniture)
        layout.addLayout(buttons)
        self.show_lines("", ())

    # -- public API ----------------------------------------------------------------------
    def show_lines(self, label: str, lines: Sequence[str]) -> None:
        """Show what was set aside from version ``label`` ("" and no lines: nothing)."""
        self._label = label
        self._lines = tuple(lines)
        meta = [(i, t) for i, t in enumerate(self._lines) if is_metadata(t)]
        rest = [(i, t) for i, t in enumerate(self._lines) if not is_metadata(t)]
        self._fill(self.metadata, meta, italic=False)
        self._fill(self.furniture, rest, italic=True)
        self.metadata.setVisible(bool(meta))
        self.caption.setVisible(bool(meta))
        n = len(rest)
        self.toggle.setText(
            f"{n} {_noun(n)} of site furniture set aside" if n else "No site furniture set aside"
        )
        self.toggle.setEnabled(bool(n))
        self.toggle.setToolTip(
            plain_tooltip(
                "Lines of the page that are not the article (prompts, share buttons,",
                "other stories' headlines): left out of the comparison. Show them to",
                "put one back.",
            )
        )
        self._fold(self.toggle.isChecked())
        self.setVisible(bool(label))

    def furniture_lines(self) -> tuple[str, ...]:
        return tuple(self._item(self.furniture, r).text() for r in range(self.furniture.count()))

    def metadata_lines(self) -> tuple[str, ...]:
        return tuple(self._item(self.metadata, r).text() for r in range(self.metadata.count()))

    # -- internals -----------------------------------------------------------------------
    @staticmethod
    def _item(lst: QListWidget, row: int) -> QListWidgetItem:
        item = lst.item(row)
        assert item is not None
        return item

    def _fill(self, lst: _LineList, lines: list[tuple[int, str]], italic: bool) -> None:
        lst.clear()
        for index, text in lines:
            item = QListWidgetItem(text, lst)
            item.setData(LINE_ROLE, index)
            item.setToolTip(plain_tooltip(text))
            if italic:
                font = QFont(lst.font())
                font.setItalic(True)
                item.setFont(font)
        lst.fit()
        self._update_button()

    def _fold(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.furniture.setVisible(open_ and self.furniture.count() > 0)
        self._update_button()

    def _current(self) -> QListWidgetItem | None:
        for lst in (self.furniture, self.metadata):
            if lst.isVisible() and lst.currentItem() is not None:
                return lst.currentItem()
        return None

    def _update_button(self) -> None:
        self.restore_button.setVisible(self.furniture.isVisible() or self.metadata.isVisible())
        self.restore_button.setEnabled(self._current() is not None)

    def _restore_current(self) -> None:
        item = self._current()
        if item is not None:
            self._restore(item)

    def _restore(self, item: QListWidgetItem) -> None:
        index = int(item.data(LINE_ROLE))
        self.restoreRequested.emit(SetAsideLine(self._label, index, self._lines[index]))
