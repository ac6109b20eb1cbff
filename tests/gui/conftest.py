"""GUI tests: settings and state in throw-away folders, and the seed comparison."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from scripted_dialogs import ScriptedDialogs

from variorum.engine.model import Comparison
from variorum.gui.session_actions import Choice
from variorum.gui.window import MainWindow
from variorum.session import SessionStore

WindowMaker = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No GUI test reads or writes the user's preferences, window state or recent list."""
    monkeypatch.setenv("VARIORUM_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("VARIORUM_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture(scope="session")
def comparison(seed_comparison: Comparison) -> Comparison:
    return seed_comparison


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[WindowMaker]:
    """``make(dialogs=None, size=(1400, 900))``: a shown window with its own session store.

    Without ``dialogs``, every question about unsaved work is answered Discard; ``size``
    None leaves the window at the size it chooses itself. Each window is shut down at
    teardown with nothing left to ask."""
    made: list[tuple[MainWindow, SessionStore]] = []

    def make(
        dialogs: ScriptedDialogs | None = None, size: tuple[int, int] | None = (1400, 900)
    ) -> MainWindow:
        store = SessionStore()
        if dialogs is None:
            dialogs = ScriptedDialogs(save_answers=[Choice.DISCARD] * 20)
        window = MainWindow(store=store, session_dialogs=dialogs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        made.append((window, store))
        return window

    yield make
    for window, store in made:
        window.sessions.modified = False  # nothing left to ask at teardown
        window.runner.shutdown()
        store.close()
