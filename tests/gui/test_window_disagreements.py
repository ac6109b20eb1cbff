"""Disagreements in the real window: Next/Previous Disagreement walk the grid and follow in
the panel, a click in the panel jumps, and a verdict with a note is saved with the session,
comes back on reopening and shows in the report."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.annotations import Verdict
from variorum.disagreements import shown_disagreements
from variorum.gui.actions import ActionId
from variorum.gui.session_actions import Choice
from variorum.gui.window import MainWindow
from variorum.report.markup import ReportInfo, build_report_html

WAIT_MS = 10_000
DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts"
PLANTED = [DATA / "planted_page.txt", DATA / "planted_rewrite.txt"]


def _dialogs(save_paths: list[Path] | None = None) -> ScriptedDialogs:
    # Closing at teardown may ask about unsaved changes: the answer is Discard.
    return ScriptedDialogs(save_answers=[Choice.DISCARD] * 5, save_paths=save_paths or [])


def _open(qtbot: QtBot, window: MainWindow) -> None:
    window.open_files(PLANTED)
    qtbot.waitUntil(
        lambda: window.comparison is not None and len(window.comparison.versions) == 2,
        timeout=WAIT_MS,
    )


def test_next_and_previous_disagreement_walk_the_rows(
    make_window: Callable[[ScriptedDialogs], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(_dialogs())
    _open(qtbot, w)
    assert w.comparison is not None
    rows = [d.row for d in shown_disagreements(w.comparison)]
    nxt = w.actions_by_id[ActionId.NEXT_DISAGREEMENT]
    prev = w.actions_by_id[ActionId.PREVIOUS_DISAGREEMENT]
    assert nxt.isEnabled() and nxt.shortcut().toString() == "F7"
    visited = []
    for _ in rows:
        nxt.trigger()
        visited.append(w.view.current_source_row())
        section = w.claims_panel.disagreements
        current = section.current()
        assert current is not None and current.row == visited[-1]
    assert visited == rows
    nxt.trigger()
    assert w.statusBar().currentMessage() == "No disagreement below"
    prev.trigger()
    assert w.view.current_source_row() == rows[-2]
    go = next(m for m in w.menuBar().actions() if m.text() == "&Go")
    assert nxt in go.menu().actions() and prev in go.menu().actions()


def test_a_click_in_the_panel_jumps_to_the_row(
    make_window: Callable[[ScriptedDialogs], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(_dialogs())
    _open(qtbot, w)
    assert w.comparison is not None
    target = shown_disagreements(w.comparison)[3]
    lst = w.claims_panel.disagreements.list
    item = lst.item(3)
    lst.scrollToItem(item)
    qtbot.mouseClick(
        lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center()
    )
    assert w.view.current_source_row() == target.row
    label = w.model.label_at(w.view.currentIndex().column())
    assert target.conflict.value(label) is not None


def test_a_verdict_on_a_disagreement_is_saved_and_comes_back(
    make_window: Callable[[ScriptedDialogs], MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "planted.variorum"
    w = make_window(_dialogs(save_paths=[target]))
    _open(qtbot, w)
    assert w.comparison is not None
    d = shown_disagreements(w.comparison)[1]
    menu = w.disagreements.verdict_menu(d, w)
    next(a for a in menu.actions() if a.text() == Verdict.DISPUTED.title).trigger()
    w.disagreements.set_verdict(d, Verdict.DISPUTED, "The minutes say €4.6 million.")
    assert w.isWindowModified()
    shown = w.claims_panel.disagreements.item_for(d)
    assert shown is not None and "Disputed" in shown.toolTip()
    html = build_report_html(w.comparison, w.sessions.annotations, ReportInfo("t", _now()))
    section = html[html.index("Where the versions disagree") : html.index("Claims only one")]
    assert "Disputed" in section and "The minutes say €4.6 million." in section
    w.actions_by_id[ActionId.SAVE_SESSION].trigger()
    saved = json.loads(target.read_text(encoding="utf-8"))
    (note,) = saved["annotations"]
    assert note["kind"] == "disagreement" and note["verdict"] == "disputed"
    w.close()

    again = make_window(_dialogs())
    assert again.sessions.open_path(target)
    qtbot.waitUntil(lambda: again.comparison is not None, timeout=WAIT_MS)
    assert again.comparison is not None
    back = again.disagreements.note_for(shown_disagreements(again.comparison)[1])
    assert back is not None and back.verdict is Verdict.DISPUTED
    assert back.note == "The minutes say €4.6 million."
    assert not again.isWindowModified()


def test_changing_the_verdict_replaces_the_note(
    make_window: Callable[[ScriptedDialogs], MainWindow], qtbot: QtBot
) -> None:
    w = make_window(_dialogs())
    _open(qtbot, w)
    assert w.comparison is not None
    d = shown_disagreements(w.comparison)[0]
    w.disagreements.set_verdict(d, Verdict.DISPUTED, "first")
    w.disagreements.set_verdict(d, Verdict.VERIFIED, "second")
    notes = [n for n in w.sessions.annotations.notes if n.kind == "disagreement"]
    assert [(n.verdict, n.note) for n in notes] == [(Verdict.VERIFIED, "second")]
    w.disagreements.set_verdict(d, Verdict.UNREVIEWED, "")
    assert not w.sessions.annotations.notes


def _now():  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(2026, 3, 12, 9, 0)
