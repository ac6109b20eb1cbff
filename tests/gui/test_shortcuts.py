"""Every action and shortcut is declared once in ``gui.actions`` (the window's, the versions
list's, the set-aside lines' and the grid's), no two owners live at once share a key, and
each widget makes its actions from the table rather than its own."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from variorum.gui.actions import (
    ACTIONS,
    MENUS,
    ActionId,
    Binding,
    Scope,
    all_bindings,
    create_actions,
    may_collide,
    spec,
)
from variorum.gui.set_aside_view import SetAsideView
from variorum.gui.synoptic_model import SynopticModel
from variorum.gui.synoptic_view import SynopticView
from variorum.gui.versions_panel import VersionsPanel


def _portable(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def collisions(bindings: Mapping[str, Binding]) -> list[str]:
    """Every key two owners hold where both can be live at once."""
    seen: list[tuple[str, Scope, str]] = []  # key, scope, owner
    clashes = []
    for owner, binding in bindings.items():
        for key in binding.keys:
            text = _portable(key)
            for other_text, other_scope, other in seen:
                if (
                    other_text == text
                    and other != owner
                    and may_collide(binding.scope, other_scope)
                ):
                    clashes.append(f"{text}: {other} and {owner}")
            seen.append((text, binding.scope, owner))
    return clashes


def test_no_two_shortcuts_collide(qtbot: QtBot) -> None:
    assert collisions(all_bindings()) == []


def test_the_collision_check_sees_a_widget_key_that_shadows_a_window_key(qtbot: QtBot) -> None:
    f2 = (QKeySequence("F2"),)
    assert collisions({"a": Binding(Scope.WINDOW, f2), "b": Binding(Scope.VERSIONS, f2)})
    assert collisions({"a": Binding(Scope.GRID, f2), "b": Binding(Scope.GRID, f2)})
    # Two widgets never have focus at once.
    assert not collisions({"a": Binding(Scope.GRID, f2), "b": Binding(Scope.VERSIONS, f2)})


def test_every_widget_action_and_key_is_in_the_table(qtbot: QtBot) -> None:
    bindings = all_bindings()
    for action_id in (ActionId.VERSION_REMOVE, ActionId.VERSION_RENAME, ActionId.GRID_COPY_TEXT):
        assert bindings[action_id.value].scope is not Scope.WINDOW
    assert "Del" in {_portable(k) for k in bindings[ActionId.VERSION_REMOVE.value].keys}
    assert "Ctrl+C" in {_portable(k) for k in bindings[ActionId.GRID_COPY_TEXT.value].keys}
    assert "Return" in {_portable(k) for k in bindings[ActionId.TREAT_AS_TEXT.value].keys}


def _table_actions(widget: QWidget) -> dict[str, QAction]:
    prefix = "action_"
    return {
        a.objectName().removeprefix(prefix): a
        for a in widget.findChildren(QAction)
        if a.objectName().startswith(prefix)
    }


@pytest.mark.parametrize("scope", [Scope.VERSIONS, Scope.GRID])
def test_each_widget_makes_every_action_of_its_scope_from_the_table(
    qtbot: QtBot, scope: Scope
) -> None:
    widget: QWidget = VersionsPanel() if scope is Scope.VERSIONS else SynopticView(SynopticModel())
    qtbot.addWidget(widget)
    made = _table_actions(widget)
    wanted = {s.id.value for s in ACTIONS if s.scope is scope}
    if scope is Scope.GRID:
        wanted.discard(ActionId.GRID_USE_AS_BASE.value)  # made per menu, for the clicked column
    assert wanted <= set(made)
    for name in wanted:
        action = made[name]
        s = spec(ActionId(name))
        assert action.text() == s.text
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    # Keys only from the table: every shortcut-bearing action here is a table action.
    for action in widget.findChildren(QAction):
        if not action.shortcut().isEmpty():
            assert action.objectName().startswith("action_"), action.text()


def test_the_set_aside_menu_is_the_table_s_action(qtbot: QtBot) -> None:
    view = SetAsideView()
    qtbot.addWidget(view)
    view.show_lines("A", ("Share this article",))
    view.toggle.setChecked(True)
    menu = view.furniture.menu_for(view.furniture.item(0))
    assert [a.objectName() for a in menu.actions()] == [f"action_{ActionId.TREAT_AS_TEXT.value}"]


def test_the_issue_s_shortcuts_are_bound(qtbot: QtBot) -> None:
    wanted = {
        ActionId.NEXT_DIFFERENCE: "Alt+Down",
        ActionId.PREVIOUS_DIFFERENCE: "Alt+Up",
        ActionId.FIND: "Ctrl+F",
        ActionId.ZOOM_IN: "Ctrl++",
        ActionId.ZOOM_OUT: "Ctrl+-",
        ActionId.ZOOM_RESET: "Ctrl+0",
        ActionId.PASTE_VERSION: "Ctrl+Shift+V",
        ActionId.SAVE_SESSION: "Ctrl+S",
        ActionId.SAVE_SESSION_AS: "Ctrl+Shift+S",
        ActionId.PRINT: "Ctrl+P",
        ActionId.EXPORT_PDF: "Ctrl+Shift+E",
    }
    bindings = all_bindings()
    for action_id, key in wanted.items():
        assert key in {_portable(k) for k in bindings[action_id.value].keys}, action_id


def test_every_window_action_is_in_a_menu_once(qtbot: QtBot) -> None:
    placed = [item for items in MENUS.values() for item in items if isinstance(item, ActionId)]
    assert len(placed) == len(set(placed))
    assert set(placed) == {s.id for s in ACTIONS if s.scope is Scope.WINDOW}
    assert set(create_actions(QObject())) == set(placed)


def test_tooltips_name_the_shortcut(qtbot: QtBot) -> None:
    parent = QObject()
    actions = create_actions(parent)
    find = actions[ActionId.FIND]
    assert "Ctrl+F" in find.toolTip()
    assert find.shortcut() == QKeySequence("Ctrl+F")
    assert spec(ActionId.FIND).text.replace("&", "") in find.text().replace("&", "")
