"""The versions panel shows what was set aside from the current version (metadata lines,
and how many lines of site furniture, listed when unfolded); "Treat as Article Text" puts
a line back into the article as one undoable edit that the session saves."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.gui.actions import ActionId
from variorum.gui.session_actions import Choice
from variorum.gui.set_aside_view import SetAsideLine
from variorum.gui.versions_panel import VersionEntry, VersionsPanel, entry_tooltip
from variorum.gui.window import MainWindow
from variorum.session import SessionStore

WAIT_MS = 10_000
BYLINE = "By Tom Reyes, Regional Wire · 12 March 2026"
PAGE = (
    f"Council approves barrier\n\n{BYLINE}\n\n"
    "The city council voted 9 to 3 on Tuesday to build a flood barrier.\n\nAdvertisement\n\n"
    "Share this article\n\nThe barrier will cost 4.2 million euros."
)
REWRITE = (
    "Barrier approved\n\nThe city council voted 9 to 3 on Tuesday to build a flood barrier.\n\n"
    "The barrier will cost 4.2 million euros, officials said."
)


def _entry(set_aside: tuple[str, ...]) -> VersionEntry:
    return VersionEntry("wire", "wire.txt", "Council", 20, True, True, set_aside)


@pytest.fixture
def panel(qtbot: QtBot) -> VersionsPanel:
    widget = VersionsPanel()
    qtbot.addWidget(widget)
    widget.resize(320, 600)
    widget.set_versions([_entry((BYLINE, "Advertisement", "Share this article"))])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_metadata_shows_and_furniture_is_counted_then_listed(panel: VersionsPanel) -> None:
    view = panel.set_aside
    assert view.isVisible()  # the only version is the one shown
    assert view.metadata_lines() == (BYLINE,) and view.metadata.isVisible()
    assert view.toggle.text() == "2 lines of site furniture set aside"
    assert not view.furniture.isVisible()
    view.toggle.click()
    assert view.furniture.isVisible()
    assert view.furniture_lines() == ("Advertisement", "Share this article")
    tip = entry_tooltip(_entry((BYLINE, "Advertisement")))
    assert "Tom Reyes" in tip and "1 line of site furniture set aside" in tip


def test_treat_as_text_from_the_button_and_from_enter(panel: VersionsPanel, qtbot: QtBot) -> None:
    view = panel.set_aside
    view.toggle.click()
    assert not view.restore_button.isEnabled()
    view.furniture.setCurrentRow(1)
    assert view.restore_button.isEnabled()
    with qtbot.waitSignal(panel.restoreRequested) as blocker:
        view.restore_button.click()
    assert blocker.args[0] == SetAsideLine("wire", 2, "Share this article")
    view.metadata.setCurrentRow(0)
    view.metadata.setFocus()
    with qtbot.waitSignal(panel.restoreRequested) as blocker:
        qtbot.keyClick(view.metadata, Qt.Key.Key_Return)
    assert blocker.args[0] == SetAsideLine("wire", 0, BYLINE)
    menu = view.furniture.menu_for(view.furniture.item(0))
    assert [a.text() for a in menu.actions()] == ["&Treat as Article Text"]


def test_nothing_set_aside_says_so(panel: VersionsPanel) -> None:
    panel.set_versions([_entry(())])
    view = panel.set_aside
    assert view.toggle.text() == "No site furniture set aside" and not view.toggle.isEnabled()
    assert not view.metadata.isVisible()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[[list[Path]], MainWindow]]:
    made: list[tuple[MainWindow, SessionStore]] = []

    def make(save_paths: list[Path]) -> MainWindow:
        store = SessionStore()
        dialogs = ScriptedDialogs(save_answers=[Choice.DISCARD] * 5, save_paths=save_paths)
        w = MainWindow(store=store, session_dialogs=dialogs)  # type: ignore[arg-type]
        qtbot.addWidget(w)
        w.resize(1400, 900)
        w.show()
        made.append((w, store))
        return w

    yield make
    for w, store in made:
        w.runner.shutdown()
        store.close()


def test_treat_as_text_reanalyses_undoes_and_is_saved(
    window: Callable[[list[Path]], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    page, rewrite = tmp_path / "page.txt", tmp_path / "rewrite.txt"
    page.write_text(PAGE, encoding="utf-8")
    rewrite.write_text(REWRITE, encoding="utf-8")
    target = tmp_path / "s.variorum"
    w = window([target])
    w.open_files([page, rewrite])
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=WAIT_MS)
    assert w.comparison is not None
    before = w.comparison
    label = next(v.label for v in before.versions if v.source.endswith("page.txt"))
    assert not any("Advertisement" in v.text for v in before.versions)
    w.versions_panel.list.setCurrentRow(w.versions_panel.labels().index(label))
    view = w.versions_panel.set_aside
    assert view.toggle.text() == "2 lines of site furniture set aside"
    view.toggle.click()
    view.furniture.setCurrentRow(0)
    view.restore_button.click()
    qtbot.waitUntil(lambda: w.comparison is not before, timeout=WAIT_MS)
    c = w.comparison
    assert c is not None and "Advertisement" in c.version(label).text
    assert any("Advertisement" in cl.text for cl in (*c.claims, *c.other_unique))
    assert w.actions_by_id[ActionId.UNDO].text() == "&Undo Treat Line as Article Text"
    assert w.versions_panel.set_aside.toggle.text() == "1 line of site furniture set aside"
    w.actions_by_id[ActionId.SAVE_SESSION].trigger()
    saved = json.loads(target.read_text(encoding="utf-8"))
    doc = next(d for d in saved["versions"] if d["label"] == label)
    assert doc["text"].endswith("\n\nAdvertisement") and "Advertisement" not in doc["boilerplate"]
    after = w.comparison
    w.actions_by_id[ActionId.UNDO].trigger()
    qtbot.waitUntil(lambda: w.comparison is not after, timeout=WAIT_MS)
    assert w.comparison is not None
    assert "Advertisement" not in w.comparison.version(label).text
    assert "Advertisement" in w.comparison.version(label).boilerplate
