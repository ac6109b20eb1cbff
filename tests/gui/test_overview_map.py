"""The overview map beside the grid: every marked row is in it, and a click scrolls there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from variorum.engine.model import RowKind
from variorum.gui.overview_map import Band
from variorum.gui.window import MainWindow

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def window(
    make_window: Callable[..., MainWindow], qtbot: QtBot, seed_paths: list[Path]
) -> MainWindow:
    w = make_window(size=(1400, 900))
    w.open_files(seed_paths)
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=15_000)
    return w


def test_the_map_marks_every_changed_unique_and_claim_row(window: MainWindow, qtbot: QtBot) -> None:
    overview = window.comparison_pane.overview
    model = window.comparison_pane.model
    qtbot.waitUntil(lambda: bool(overview.marks()), timeout=5_000)
    marks = overview.marks()
    changed = sum(1 for r in range(model.rowCount()) if model.row_at(r).kind is RowKind.CHANGED)
    unique = sum(1 for r in range(model.rowCount()) if model.row_at(r).kind is RowKind.UNIQUE)
    claims = sum(1 for r in range(model.rowCount()) if model.row_has_claim(r))
    assert sum(Band.CHANGED in m.bands for m in marks) == changed > 0
    assert sum(Band.UNIQUE in m.bands for m in marks) == unique > 0
    assert sum(Band.CLAIM in m.bands for m in marks) == claims > 0
    tops = [m.top for m in marks]
    assert tops == sorted(tops)  # in reading order, at the rows' places in the grid


def test_a_click_low_on_the_map_scrolls_the_grid_down(window: MainWindow, qtbot: QtBot) -> None:
    overview = window.comparison_pane.overview
    bar = window.comparison_pane.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5_000)
    bar.setValue(0)
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(5, overview.height() - 3))
    assert bar.value() > bar.maximum() // 2
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=QPoint(5, 2))
    assert bar.value() == 0


def test_disagreements_show_in_the_map(window: MainWindow, qtbot: QtBot) -> None:
    files = [DATA / "conflicts" / "planted_page.txt", DATA / "conflicts" / "planted_rewrite.txt"]
    window.open_files(files)
    qtbot.waitUntil(
        lambda: window.comparison is not None and len(window.comparison.versions) == 2,
        timeout=15_000,
    )
    c = window.comparison
    assert c is not None and any(r.conflicts for r in c.rows)
    overview = window.comparison_pane.overview
    expected = sum(1 for r in c.rows if r.conflicts)
    qtbot.waitUntil(
        lambda: sum(Band.CONFLICT in m.bands for m in overview.marks()) == expected,
        timeout=5_000,
    )
    overview.grab().save(str(Path("/tmp/overview-map.png")))
