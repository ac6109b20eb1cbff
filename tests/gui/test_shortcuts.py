"""Every shortcut is declared once in ``gui.actions`` and no two owners share a key."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from variorum.gui.actions import ACTIONS, MENUS, ActionId, all_bindings, create_actions, spec


def _portable(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def test_no_two_shortcuts_collide(qtbot: QtBot) -> None:
    owners: dict[str, str] = {}
    clashes = []
    for owner, keys in all_bindings().items():
        for key in keys:
            text = _portable(key)
            if text in owners and owners[text] != owner:
                clashes.append(f"{text}: {owners[text]} and {owner}")
            owners[text] = owner
    assert not clashes


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
        assert key in {_portable(k) for k in bindings[action_id.value]}, action_id


def test_every_action_is_in_a_menu_once(qtbot: QtBot) -> None:
    placed = [item for items in MENUS.values() for item in items if isinstance(item, ActionId)]
    assert len(placed) == len(set(placed))
    assert set(placed) == {s.id for s in ACTIONS}


def test_tooltips_name_the_shortcut(qtbot: QtBot) -> None:
    from PySide6.QtCore import QObject

    parent = QObject()
    actions = create_actions(parent)
    find = actions[ActionId.FIND]
    assert "Ctrl+F" in find.toolTip()
    assert find.shortcut() == QKeySequence("Ctrl+F")
    assert spec(ActionId.FIND).text.replace("&", "") in find.text().replace("&", "")
