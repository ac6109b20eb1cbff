"""What the app's item lists (claims, disagreements, set-aside pages) do alike.

``menu_target`` names the item a context menu belongs to and where it opens;
``is_enter`` and ``ClickAgain`` are the activation tests the lists share;
``RowLook.of`` is a delegate row's theme and selection state, ``draw_row_frame`` its
background, selection and focus as the style draws them, without text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidgetItem,
    QWidget,
)

from variorum.gui.palette import GridColours, colours_for, is_dark

T = TypeVar("T", QListWidgetItem, QTreeWidgetItem)  # the lists are of one or the other


class ItemView(Protocol[T]):
    """The part of a QListWidget or QTreeWidget a context menu needs."""

    def itemAt(self, p: QPoint, /) -> T | None: ...

    def currentItem(self) -> T | None: ...

    def visualItemRect(self, item: T, /) -> QRect: ...

    def viewport(self) -> QWidget: ...


def menu_target(view: ItemView[T], event: QContextMenuEvent) -> tuple[T | None, QPoint]:
    """The item under the mouse and the click's place; from the keyboard, the current item
    and a point beside its text (``QPoint()`` when there is no item)."""
    if event.reason() == QContextMenuEvent.Reason.Mouse:
        return view.itemAt(event.pos()), event.globalPos()
    item = view.currentItem()
    if item is None:
        return None, QPoint()
    rect = view.visualItemRect(item)
    return item, view.viewport().mapToGlobal(rect.topLeft() + QPoint(24, rect.height() // 2))


def is_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ClickAgain(Generic[T]):
    """Tells a left click on the item that was already current when pressed: a press on
    another row makes that one current, which activates it already; this one needs it."""

    def __init__(self) -> None:
        self._at_press: T | None = None

    def pressed(self, view: ItemView[T]) -> None:
        self._at_press = view.currentItem()

    def released(self, view: ItemView[T], event: QMouseEvent) -> T | None:
        """The item clicked again, if the release of ``event`` ends such a click."""
        at_press, self._at_press = self._at_press, None
        item = view.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and item is not None and item is at_press:
            return item
        return None


@dataclass(frozen=True)
class RowLook:
    """A painted row's theme, colours and selection state, and the palette group to ink it."""

    dark: bool
    colours: GridColours
    selected: bool
    group: QPalette.ColorGroup

    @classmethod
    def of(cls, option: QStyleOptionViewItem) -> RowLook:
        dark = is_dark(option.palette)
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        return cls(dark, colours_for(dark), selected, group)

    def ink(self, option: QStyleOptionViewItem) -> QColor:
        """The text colour: highlighted text on a selected row, plain text otherwise."""
        role = QPalette.ColorRole.HighlightedText if self.selected else QPalette.ColorRole.Text
        return option.palette.color(self.group, role)


def draw_row_frame(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    view: QWidget,
) -> None:
    """The row's background, selection and focus as the style draws them, without text."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = opt.widget.style() if opt.widget is not None else view.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
