"""The grid fits the window: five versions side by side, elided headers, no clipped cell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from waits import settle_grid

from variorum.gui.synoptic_view import MIN_COLUMN_WIDTH, CellDelegate, Index, SynopticView
from variorum.gui.window import MainWindow
from variorum.session import SessionStore

WAIT_MS = 10_000


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    store = SessionStore()
    w = MainWindow(store=store)
    qtbot.addWidget(w)
    yield w
    w.runner.shutdown()
    store.close()


def show_seeds(qtbot: QtBot, w: MainWindow, seed_paths: list[Path], size: tuple[int, int]) -> None:
    w.resize(*size)
    w.show()
    w.open_files(seed_paths)
    qtbot.waitUntil(lambda: w.comparison is not None, timeout=WAIT_MS)
    settle_grid(qtbot, w.view)


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000), (1920, 1080)])
def test_five_versions_fit_side_by_side_without_a_horizontal_scroll_bar(
    window: MainWindow, qtbot: QtBot, seed_paths: list[Path], size: tuple[int, int]
) -> None:
    show_seeds(qtbot, window, seed_paths, size)
    view = window.view
    assert window.model.columnCount() == 5
    widths = [view.columnWidth(c) for c in range(5)]
    assert min(widths) >= MIN_COLUMN_WIDTH
    assert max(widths) - min(widths) <= 1  # they share the width
    assert view.horizontalScrollBar().maximum() == 0
    assert sum(widths) <= view.viewport().width()


def test_headers_elide_and_the_tooltip_has_the_full_label_and_source(
    window: MainWindow, qtbot: QtBot, seed_paths: list[Path]
) -> None:
    show_seeds(qtbot, window, seed_paths, (1366, 768))
    header = window.view.horizontalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    model = window.model
    c = window.comparison
    assert c is not None
    base_text = str(model.headerData(0, Qt.Orientation.Horizontal))
    assert base_text.startswith("(base) ")  # the mark survives eliding the label's end
    for col, label in enumerate(model.labels):
        tip = str(model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
        assert label.replace("&", "&amp;") in tip
        assert c.version(label).source.replace("&", "&amp;") in tip
    # The longest header does not fit its column, so Qt shows it elided with "…".
    fm = header.fontMetrics()
    longest = max(
        range(5),
        key=lambda i: fm.horizontalAdvance(str(model.headerData(i, Qt.Orientation.Horizontal))),
    )
    text = str(model.headerData(longest, Qt.Orientation.Horizontal))
    shown = fm.elidedText(text, header.textElideMode(), header.sectionSize(longest) - 12)
    assert shown.endswith("…") or shown == text


class RecordingDelegate(CellDelegate):
    """The grid's own delegate, noting for every non-empty cell it paints: (row, height of
    the laid-out text, height of the rectangle it was painted in)."""

    def __init__(self, view: SynopticView) -> None:
        super().__init__(view)
        self.seen: list[tuple[int, float, float]] = []

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        doc = self._view.cell_document(index.row(), index.column(), option.rect.width())
        if doc is not None:
            self.seen.append((index.row(), doc.size().height(), float(option.rect.height())))


def painted_cells(window: MainWindow) -> list[tuple[int, float, float]]:
    """Paint every row of the grid, scrolling through it, and return what was painted."""
    view = window.view
    recorder = RecordingDelegate(view)
    previous = view.itemDelegate()
    view.setItemDelegate(recorder)
    bar = view.verticalScrollBar()
    step = max(1, view.viewport().height() // 2)
    for top in range(0, bar.maximum() + step, step):
        bar.setValue(min(top, bar.maximum()))
        view.viewport().repaint()
    view.setItemDelegate(previous)
    return recorder.seen


@pytest.mark.parametrize("zoom", [-3, 0, 2, 6])
def test_no_painted_cell_is_clipped_at_any_zoom(
    window: MainWindow,
    qtbot: QtBot,
    seed_paths: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    zoom: int,
) -> None:
    show_seeds(qtbot, window, seed_paths, (1366, 768))
    window.set_zoom(zoom)
    settle_grid(qtbot, window.view)
    cells = painted_cells(window)
    rows = {r for r, _, _ in cells}
    assert len(rows) == window.model.rowCount()  # every row was painted
    clipped = [(r, text, rect) for r, text, rect in cells if text > rect]
    assert clipped == []


def test_no_cell_is_clipped_after_a_column_is_narrowed(
    window: MainWindow, qtbot: QtBot, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    show_seeds(qtbot, window, seed_paths, (1600, 1000))
    window.view.horizontalHeader().resizeSection(2, MIN_COLUMN_WIDTH)
    settle_grid(qtbot, window.view)
    cells = painted_cells(window)
    assert cells
    clipped = [c for c in cells if c[1] > c[2]]
    assert clipped == []
