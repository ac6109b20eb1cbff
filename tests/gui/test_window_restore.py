"""The window never swallows a failure while opening a session: a bad part of it is
dropped with a notice naming the file, and the rest (claims panel included) is restored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.engine.api import load_documents
from variorum.gui.window import MainWindow
from variorum.session import ViewState, save_session, session_from_documents
from variorum.session.codec import session_to_json

WAIT_MS = 10_000


def _session_file(seed_paths: list[Path], tmp_path: Path, width: object) -> Path:
    docs, _ = load_documents(seed_paths)
    labels = [d.label for d in docs]
    view = ViewState(column_widths=((labels[0], 300), (labels[1], 333)), scroll_row=2)
    data = session_to_json(session_from_documents(docs, view=view))
    data["view"]["column_widths"][labels[0]] = width
    path = tmp_path / "work.variorum"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _claims_shown(window: MainWindow) -> int:
    return sum(window.claims_panel.claim_count(label) for label in window.model.labels)


def test_huge_column_width_is_dropped_and_the_rest_restored(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
) -> None:
    path = _session_file(seed_paths, tmp_path, 2**31)
    dialogs = ScriptedDialogs()
    w = make_window(dialogs, size=None)
    assert w.sessions.open_path(path)
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=WAIT_MS)
    assert dialogs.errors == []
    assert w.notice.isVisible()
    assert "work.variorum" in w.notice.text() and "2147483648" in w.notice.text()
    assert w.comparison is not None and w.comparison.claims
    assert _claims_shown(w) == len(w.comparison.claims)
    assert w.view.columnWidth(1) == 333  # the good width is kept


def test_a_failing_restore_step_leaves_the_comparison_shown(
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs, _ = load_documents(seed_paths)
    path = tmp_path / "work.variorum"
    view = ViewState(column_widths=((docs[0].label, 300),))
    save_session(path, session_from_documents(docs, view=view))
    w = make_window(ScriptedDialogs(), size=None)

    def broken(widths: dict[str, int]) -> None:
        raise OverflowError("Qt refused the width")

    monkeypatch.setattr(w.view, "set_column_widths", broken)
    assert w.sessions.open_path(path)
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=WAIT_MS)
    qtbot.waitUntil(w.notice.isVisible, timeout=WAIT_MS)
    assert "work.variorum" in w.notice.text() and "OverflowError" in w.notice.text()
    assert w.comparison is not None
    assert _claims_shown(w) == len(w.comparison.claims) > 0
    assert w.model.rowCount() == len(w.comparison.rows)


def test_an_unexpected_failure_opening_is_a_message_naming_the_file(
    make_window: Callable[..., MainWindow],
    seed_paths: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _session_file(seed_paths, tmp_path, 300)
    dialogs = ScriptedDialogs()
    w = make_window(dialogs, size=None)

    def boom(session: object) -> None:
        raise MemoryError

    monkeypatch.setattr(w, "show_session", boom)
    assert not w.sessions.open_path(path)
    (error,) = dialogs.errors
    assert error.path == str(path) and "MemoryError" in error.problem
