"""The grid marks each value the versions disagree on: a box around "≠ value" in a colour
readable on light and dark cells, ⚠ in the row header, and tooltips naming the values."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from variorum.disagreements import DISAGREE_ROW_GLYPH
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison
from variorum.gui.cell_document import boxed_rects
from variorum.gui.palette import DARK, LIGHT
from variorum.gui.synoptic_model import SynopticModel
from variorum.gui.synoptic_view import SynopticView

DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts"


@pytest.fixture(scope="module")
def planted() -> Comparison:
    docs, _ = load_documents([DATA / "planted_page.txt", DATA / "planted_rewrite.txt"])
    return compare_documents(docs)


@pytest.fixture
def view(qtbot: QtBot, planted: Comparison) -> SynopticView:
    model = SynopticModel()
    widget = SynopticView(model)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    model.set_comparison(planted)
    widget.comparison_changed()
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    r, g, b = (channel(x) for x in (q.redF(), q.greenF(), q.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_each_differing_value_gets_a_box_in_both_columns(
    view: SynopticView, planted: Comparison
) -> None:
    model = view.synoptic_model
    boxed_rows = []
    for r in range(model.rowCount()):
        counts = [len(boxed_rects(view.cell_document(r, col, 420) or _fail())) for col in (0, 1)]
        if model.row_conflicts(r):
            assert counts[0] >= 1 and counts[1] >= 1, r
            boxed_rows.append(r)
        else:
            assert counts == [0, 0], r
    assert len(boxed_rows) == 5


def test_a_box_encloses_the_glyph_and_the_value(view: SynopticView) -> None:
    doc = view.cell_document(0, 1, 900)
    assert doc is not None
    (box,) = boxed_rects(doc)
    text = doc.toPlainText()
    assert "\u2260\u202f8 to 4" in text
    assert 20 < box.width() < 200 and box.height() > 8


def test_the_row_header_and_tooltips_say_what_disagrees(view: SynopticView) -> None:
    model = view.synoptic_model
    header = str(model.headerData(0, Qt.Orientation.Vertical))
    assert DISAGREE_ROW_GLYPH in header
    assert DISAGREE_ROW_GLYPH not in str(model.headerData(5, Qt.Orientation.Vertical))
    tip = str(model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole))
    assert "disagree on number (score)" in tip and "9 to 3" in tip and "8 to 4" in tip
    cell_tip = str(model.data(model.index(3, 1), Qt.ItemDataRole.ToolTipRole))
    assert "Tom Price" in cell_tip and "Helen Okafor in planted_page" in cell_tip.replace(
        "\u201c", ""
    ).replace("\u201d", "")
    spoken = str(model.data(model.index(1, 0), Qt.ItemDataRole.AccessibleTextRole))
    assert spoken.endswith("in planted_rewrite)") and "money (EUR)" in spoken
    assert model.data(model.index(1, 0)) == planted_text(model, 1, 0)  # copy stays the words


def planted_text(model: SynopticModel, row: int, column: int) -> str:
    c = model.comparison
    assert c is not None
    cell = model.row_at(row).cell(model.label_at(column))
    assert cell is not None
    return c.version(cell.version).text[cell.start : cell.end]


def test_a_pair_that_agrees_shows_no_mark(view: SynopticView, planted: Comparison) -> None:
    model = view.synoptic_model
    model.set_comparison(planted, ("planted_page",))
    view.comparison_changed()
    assert all(not model.row_conflicts(r) for r in range(model.rowCount()))
    doc = view.cell_document(0, 0, 420)
    assert doc is not None and not boxed_rects(doc)


def test_the_box_colour_reads_on_light_and_dark_cells() -> None:
    assert _contrast(LIGHT.conflict, "#ffffff") >= 3.0
    assert _contrast(DARK.conflict, "#1e1e1e") >= 3.0
    assert LIGHT.conflict != DARK.conflict


def test_dark_view_paints_the_box(view: SynopticView, qtbot: QtBot) -> None:
    view.set_dark(True)
    image = view.grab().toImage()
    target = QColor(DARK.conflict)
    hits = sum(
        1
        for y in range(0, min(image.height(), 120))
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).name() == target.name()
    )
    assert hits > 20


def _fail() -> object:
    raise AssertionError("a planted row has a cell in each version")
