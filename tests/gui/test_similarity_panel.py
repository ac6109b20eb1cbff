"""SimilarityPanel on the seed comparison: cell text, tooltips, click/Enter/arrow keys,
label order, the empty state, and 50 versions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from dark_palette import dark_palette_from
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from variorum.engine.model import Comparison
from variorum.gui.similarity_panel import NBSP, SimilarityPanel, percent_text


@pytest.fixture
def panel(qtbot: QtBot, comparison: Comparison) -> SimilarityPanel:
    widget = SimilarityPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 500)
    widget.set_comparison(comparison, comparison.labels)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def share(c: Comparison, a: str, b: str) -> float:
    return c.similarity[c.labels.index(a)][c.labels.index(b)]


def many_versions(c: Comparison, n: int) -> Comparison:
    """``n`` versions with distinct labels and a made-up symmetric similarity matrix."""
    versions = tuple(replace(c.versions[0], label=f"v{i:02d}_{'x' * 20}") for i in range(n))
    sim = tuple(
        tuple(1.0 if i == j else ((i * 7 + j * 7) % 100) / 100 for j in range(n)) for i in range(n)
    )
    return replace(c, versions=versions, similarity=sim, claims=())


def test_percent_text_rounds_and_never_claims_none_or_all() -> None:
    assert percent_text(0.173) == f"17{NBSP}%"
    assert percent_text(0.0) == f"0{NBSP}%"
    assert percent_text(1.0) == f"100{NBSP}%"
    assert percent_text(0.004) == f"<1{NBSP}%"
    assert percent_text(0.996) == f">99{NBSP}%"


def test_cells_show_the_rounded_percentage(panel: SimilarityPanel, comparison: Comparison) -> None:
    labels = comparison.labels
    model = panel.model
    assert model.rowCount() == model.columnCount() == len(labels)
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            text = model.index(i, j).data()
            if i == j:
                assert text == "\u2014"
            else:
                assert text == f"{round(share(comparison, a, b) * 100)}{NBSP}%"
    # The embellished copy (000) shares about a sixth of its content with the report (001).
    assert model.index(0, 1).data() == f"17{NBSP}%"


def test_tooltip_names_both_versions(panel: SimilarityPanel, comparison: Comparison) -> None:
    a, b = comparison.labels[0], comparison.labels[1]
    tip = panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert a in tip and b in tip
    assert f"17{NBSP}% of content in common" in tip
    assert "\u2194" in tip
    accessible = panel.model.index(0, 1).data(Qt.ItemDataRole.AccessibleTextRole)
    assert a in accessible and b in accessible


def test_headers_are_short_and_their_tooltips_name_the_version(
    panel: SimilarityPanel, comparison: Comparison
) -> None:
    model = panel.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "1"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "5"
    tip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert comparison.labels[2] in tip
    # Rows: the number, and the label when the panel has room for it.
    assert model.headerData(2, Qt.Orientation.Vertical).startswith("3")


def test_labels_choose_and_order_the_versions(qtbot: QtBot, comparison: Comparison) -> None:
    panel = SimilarityPanel()
    qtbot.addWidget(panel)
    order = (comparison.labels[3], comparison.labels[1], comparison.labels[0], "not-a-version")
    panel.set_comparison(comparison, order)
    assert panel.model.labels == order[:3]
    assert panel.model.pair_at(panel.model.index(1, 2)) == (order[1], order[2])
    assert panel.model.index(1, 2).data() == f"17{NBSP}%"


def test_click_on_a_cell_emits_the_pair(
    qtbot: QtBot, panel: SimilarityPanel, comparison: Comparison
) -> None:
    index = panel.model.index(1, 2)
    pos = panel.table.visualRect(index).center()
    with qtbot.waitSignal(panel.pairActivated) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [(comparison.labels[1], comparison.labels[2])]


def test_click_on_the_diagonal_emits_nothing(qtbot: QtBot, panel: SimilarityPanel) -> None:
    pos = panel.table.visualRect(panel.model.index(2, 2)).center()
    with qtbot.assertNotEmitted(panel.pairActivated):
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_arrows_move_and_enter_emits(
    qtbot: QtBot, panel: SimilarityPanel, comparison: Comparison
) -> None:
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, 2)
    with qtbot.waitSignal(panel.pairActivated) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [(comparison.labels[1], comparison.labels[2])]
    table.setCurrentIndex(panel.model.index(3, 3))
    with qtbot.assertNotEmitted(panel.pairActivated):
        qtbot.keyClick(table, Qt.Key.Key_Enter)


def test_panel_takes_focus_for_its_table(panel: SimilarityPanel) -> None:
    assert panel.focusProxy() is panel.table
    assert panel.table.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_fewer_than_two_versions_shows_a_hint(qtbot: QtBot, panel: SimilarityPanel) -> None:
    panel.set_comparison(None, ())
    assert panel.model.rowCount() == 0
    assert panel.empty.isVisible() and not panel.table.isVisible()
    assert panel.model.pair_at(QModelIndex()) is None


def test_fifty_versions_scroll_without_overlap(qtbot: QtBot, comparison: Comparison) -> None:
    big = many_versions(comparison, 50)
    panel = SimilarityPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.set_comparison(big, big.labels)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    assert panel.model.rowCount() == 50
    assert table.horizontalScrollBar().maximum() > 0  # scrolls rather than squeezing
    # Every cell is wide enough for the widest text it can hold.
    fm = table.fontMetrics()
    assert table.columnWidth(0) >= fm.horizontalAdvance(f">99{NBSP}%")
    assert table.rowHeight(0) >= fm.height()
    # Row headers fall back to numbers when the cells leave no room for names.
    assert panel.model.headerData(49, Qt.Orientation.Vertical) == "50"
    assert not panel.grab().isNull()
    last = panel.model.index(49, 48)
    table.scrollTo(last)
    with qtbot.waitSignal(panel.pairActivated) as blocker:
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(last).center()
        )
    assert blocker.args == [(big.labels[49], big.labels[48])]


def test_bigger_font_makes_bigger_cells(qtbot: QtBot, panel: SimilarityPanel) -> None:
    before = panel.table.columnWidth(0)
    font = QFont(panel.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    panel.setFont(font)
    assert panel.table.columnWidth(0) > before


def test_paints_in_light_and_dark(qtbot: QtBot, panel: SimilarityPanel) -> None:
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    assert not panel.grab().isNull()
    panel.setPalette(dark_palette_from(panel.palette()))
    image = panel.grab().toImage()
    assert not image.isNull()
    # The 17 % cell keeps its heat colour in the dark theme.
    rect = panel.table.visualRect(panel.model.index(1, 0))
    inside = panel.table.viewport().mapTo(panel, QPoint(rect.left() + 4, rect.center().y()))
    colour = image.pixelColor(inside)
    assert colour.blue() > colour.red()
