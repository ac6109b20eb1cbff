"""FindBar: debounced query, Return / Shift+Return / Escape, buttons, status text and tint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton
from pytestqt.qtbot import QtBot

from variorum.gui.find_bar import DEBOUNCE_MS, FindBar, FindStatus


# The offscreen platform warns when a top-level widget with a layout is shown; the bar is
# shown on its own here, where in the app it is a child of the window.
@pytest.fixture
def bar(qtbot: QtBot) -> FindBar:
    widget = FindBar()
    qtbot.addWidget(widget)
    return widget


def field(bar: FindBar) -> QLineEdit:
    edit = bar.findChild(QLineEdit)
    assert edit is not None
    return edit


def button(bar: FindBar, name: str) -> QToolButton:
    for b in bar.findChildren(QToolButton):
        if b.accessibleName() == name:
            return b
    raise AssertionError(f"no button {name!r}")


def status_text(bar: FindBar) -> str:
    labels = [lab for lab in bar.findChildren(QLabel) if lab.accessibleName() == "Find status"]
    assert len(labels) == 1
    return labels[0].text()


def opened(bar: FindBar, qtbot: QtBot, text: str = "") -> FindBar:
    bar.open(text)
    qtbot.waitExposed(bar)
    return bar


def test_hidden_until_opened_then_focused_with_text_selected(bar: FindBar, qtbot: QtBot) -> None:
    assert bar.isHidden()
    opened(bar, qtbot, "troops")
    assert bar.isVisible()
    qtbot.waitUntil(lambda: field(bar).hasFocus())
    assert bar.query() == "troops"
    assert field(bar).selectedText() == "troops"
    assert field(bar).placeholderText() == "Find in all versions"


def test_query_is_debounced_to_one_signal(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot)
    seen: list[str] = []
    bar.queryChanged.connect(seen.append)
    with qtbot.waitSignal(bar.queryChanged, timeout=2000) as blocker:
        qtbot.keyClicks(field(bar), "Sentinel")
    assert blocker.args == ["Sentinel"]
    with qtbot.assertNotEmitted(bar.queryChanged, wait=DEBOUNCE_MS * 2):
        pass  # a second debounce period: no second emission for the same keystrokes
    assert seen == ["Sentinel"]  # one emission for eight keystrokes


def test_return_sends_pending_query_at_once_then_next(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot)
    order: list[str] = []
    bar.queryChanged.connect(lambda q: order.append(f"query:{q}"))
    bar.nextRequested.connect(lambda: order.append("next"))
    qtbot.keyClicks(field(bar), "troops")
    qtbot.keyClick(field(bar), Qt.Key.Key_Return)
    assert order == ["query:troops", "next"]
    with qtbot.assertNotEmitted(bar.queryChanged, wait=DEBOUNCE_MS * 2):
        pass  # the debounce must not send the query again once its period is over


def test_keypad_enter_also_means_next(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "x")
    with qtbot.waitSignal(bar.nextRequested, timeout=500):
        qtbot.keyClick(field(bar), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)


def test_shift_return_means_previous(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "x")
    with (
        qtbot.waitSignal(bar.previousRequested, timeout=500),
        qtbot.assertNotEmitted(bar.nextRequested),
    ):
        qtbot.keyClick(field(bar), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)


def test_escape_closes_and_hides(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "x")
    with qtbot.waitSignal(bar.closed, timeout=500):
        qtbot.keyClick(field(bar), Qt.Key.Key_Escape)
    assert bar.isHidden()


def test_escape_on_a_button_closes_too(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "x")
    with qtbot.waitSignal(bar.closed, timeout=500):
        qtbot.keyClick(button(bar, "Next match"), Qt.Key.Key_Escape)
    assert bar.isHidden()


def test_buttons_emit_and_name_their_keys(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "x")
    nxt, prev, close = (
        button(bar, "Next match"),
        button(bar, "Previous match"),
        button(bar, "Close find bar"),
    )
    assert "Return" in nxt.toolTip() and "F3" in nxt.toolTip()
    assert "Shift+Return" in prev.toolTip() and "Shift+F3" in prev.toolTip()
    assert "Esc" in close.toolTip()
    with qtbot.waitSignal(bar.nextRequested, timeout=500):
        qtbot.mouseClick(nxt, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bar.previousRequested, timeout=500):
        qtbot.mouseClick(prev, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(bar.closed, timeout=500):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert bar.isHidden()


def test_reopening_keeps_the_query_selected_without_resending_it(
    bar: FindBar, qtbot: QtBot
) -> None:
    opened(bar, qtbot, "troops")
    qtbot.waitSignal(bar.queryChanged, timeout=1000).wait()
    qtbot.keyClick(field(bar), Qt.Key.Key_Escape)
    with qtbot.assertNotEmitted(bar.queryChanged, wait=DEBOUNCE_MS * 2):
        bar.open()
    assert bar.isVisible()
    assert field(bar).selectedText() == "troops"
    with qtbot.waitSignal(bar.queryChanged, timeout=1000) as blocker:
        bar.open("budget")
    assert blocker.args == ["budget"]


def test_status_text(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "troops")
    bar.set_status(FindStatus(current=3, total=12))
    assert status_text(bar) == "3 of 12"
    bar.set_status(FindStatus(current=0, total=12))
    assert status_text(bar) == "12 matches"
    bar.set_status(FindStatus(current=0, total=1))
    assert status_text(bar) == "1 match"
    bar.set_status(FindStatus(current=0, total=0))
    assert status_text(bar) == "No matches"


def test_no_matches_tints_the_field_and_clearing_untints(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "zebra")
    base = field(bar).palette().color(QPalette.ColorRole.Base)
    bar.set_status(FindStatus(0, 0))
    assert field(bar).palette().color(QPalette.ColorRole.Base) != base
    bar.set_status(FindStatus(1, 2))
    assert field(bar).palette().color(QPalette.ColorRole.Base) == base
    bar.set_status(FindStatus(0, 0))
    field(bar).clear()
    assert status_text(bar) == ""
    assert field(bar).palette().color(QPalette.ColorRole.Base) == base


def test_status_is_empty_when_the_query_is(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot)
    bar.set_status(FindStatus(0, 0))
    assert status_text(bar) == ""


def test_tint_follows_a_palette_switch(bar: FindBar, qtbot: QtBot) -> None:
    opened(bar, qtbot, "zebra")
    bar.set_status(FindStatus(0, 0))
    light_tint = field(bar).palette().color(QPalette.ColorRole.Base)
    dark = QPalette(bar.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1f1f1f"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#e6e6e6"))
    bar.setPalette(dark)
    dark_tint = field(bar).palette().color(QPalette.ColorRole.Base)
    assert dark_tint != light_tint
    assert dark_tint.lightness() < 100  # still a dark field, only tinted
    bar.set_status(FindStatus(1, 1))
    assert field(bar).palette().color(QPalette.ColorRole.Base) == QColor("#1f1f1f")
