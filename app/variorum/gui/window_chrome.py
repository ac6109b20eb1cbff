"""The main window's chrome, built from tables: docks, menu bar, toolbar, undo actions.

These functions only build widgets and wire actions to the handlers they are given; what
an action does is the window's business, and which action goes where is ``actions.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from variorum.gui.actions import MENUS, SEPARATOR, TOOLBAR, ActionId, Menu

Actions = Mapping[ActionId, QAction]


@dataclass(frozen=True)
class Docks:
    """The three panels' docks; ``all`` lists them in the View menu's order."""

    versions: QDockWidget
    similarity: QDockWidget
    claims: QDockWidget

    @property
    def all(self) -> tuple[QDockWidget, ...]:
        return (self.versions, self.claims, self.similarity)

    def set_visible(self, visible: bool) -> None:
        for dock in self.all:
            dock.setVisible(visible)


def _add_dock(
    window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # the name is what saveState/restoreState key the layout by
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    window.addDockWidget(area, dock)
    return dock


def add_docks(
    window: QMainWindow, versions: QWidget, similarity: QWidget, claims: QWidget
) -> Docks:
    """Dock the versions and similarity panels left, the claims panel right."""
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    right = Qt.DockWidgetArea.RightDockWidgetArea
    docks = Docks(
        versions=_add_dock(window, "Versions", "versionsDock", versions, left),
        similarity=_add_dock(window, "Similarity", "similarityDock", similarity, left),
        claims=_add_dock(window, "Claims Only One Version Makes", "claimsDock", claims, right),
    )
    window.resizeDocks([docks.versions, docks.claims], [250, 320], Qt.Orientation.Horizontal)
    window.resizeDocks([docks.versions, docks.similarity], [320, 300], Qt.Orientation.Vertical)
    return docks


def fit_docks(window: QMainWindow, docks: Docks) -> None:
    """Size the side panels to the window (first start, no saved layout): narrow enough that
    five versions fit side by side from about 1366 px wide, wide enough to read."""
    width = window.width()
    left = int(max(200, min(300, width * 0.15)))
    right = int(max(220, min(360, width * 0.17)))
    window.resizeDocks([docks.versions, docks.claims], [left, right], Qt.Orientation.Horizontal)


def add_menus(
    window: QMainWindow, actions: Actions, submenus: Mapping[str, QMenu], docks: Docks
) -> None:
    """The menu bar from ``MENUS``; ``submenus`` supplies the named submenus (Recent)."""
    for menu_name, items in MENUS.items():
        menu = window.menuBar().addMenu(menu_name.value)
        for item in items:
            if item is SEPARATOR:
                menu.addSeparator()
            elif isinstance(item, ActionId):
                menu.addAction(actions[item])
            else:
                menu.addMenu(submenus[item])
        if menu_name is Menu.VIEW:
            menu.addSeparator()
            for dock in docks.all:
                menu.addAction(dock.toggleViewAction())


def add_toolbar(window: QMainWindow, actions: Actions) -> None:
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("mainToolbar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for item in TOOLBAR:
        if item is SEPARATOR:
            bar.addSeparator()
        else:
            bar.addAction(actions[item])
    window.addToolBar(bar)


def connect_handlers(actions: Actions, handlers: Mapping[ActionId, Callable[[], object]]) -> None:
    """Run each handler when its action triggers, and enable the action."""
    for action_id, handler in handlers.items():
        # Drop triggered's checked flag: handlers take no arguments.
        actions[action_id].triggered.connect(lambda _c=False, h=handler: h())
        actions[action_id].setEnabled(True)


def bind_undo_actions(stack: QUndoStack, actions: Actions) -> None:
    """Undo/Redo follow the stack: enabled when it can, named after what they would do."""
    undo, redo = actions[ActionId.UNDO], actions[ActionId.REDO]
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda t: undo.setText(f"&Undo {t}" if t else "&Undo"))
    stack.redoTextChanged.connect(lambda t: redo.setText(f"&Redo {t}" if t else "&Redo"))
    undo.setEnabled(False)
    redo.setEnabled(False)


def focus_dock(dock: QDockWidget) -> None:
    """Show and raise ``dock`` and put the keyboard focus in its panel."""
    dock.show()
    dock.raise_()
    widget = dock.widget()
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    if widget.focusProxy() is None:
        widget.focusNextChild()
