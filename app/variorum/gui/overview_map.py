"""The overview map beside the grid's scroll bar: the whole comparison in one strip.

Each shown row is a band at its place in the grid's full height: changed rows, rows only
one version has, rows holding a claim (a mark on the left half) and rows the versions
disagree in (a mark on the right half, with a ≠ shape when there is room). The part of
the grid in view is outlined. A click or drag scrolls the grid there. Marks differ in
position and shape as well as colour, so the map reads without colour too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QTableView, QWidget

from variorum.engine.model import RowKind
from variorum.gui.palette import colours_for, is_dark
from variorum.gui.synoptic_model import SynopticModel

WIDTH = 16


class Band(Enum):
    CHANGED = "changed"
    UNIQUE = "unique"
    CLAIM = "claim"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Mark:
    """One row's marks in the map: its vertical extent (in grid pixels) and what it holds."""

    top: int
    height: int
    bands: frozenset[Band]


def row_marks(model: SynopticModel, view: QTableView) -> list[Mark]:
    """The marks of every shown row that has something to mark, in grid pixels."""
    header = view.verticalHeader()
    out: list[Mark] = []
    c = model.comparison
    if c is None:
        return out
    for r in range(model.rowCount()):
        row = model.row_at(r)
        bands: set[Band] = set()
        if row.kind is RowKind.CHANGED:
            bands.add(Band.CHANGED)
        elif row.kind is RowKind.UNIQUE:
            bands.add(Band.UNIQUE)
        if model.row_has_claim(r):
            bands.add(Band.CLAIM)
        if model.row_conflicts(r):
            bands.add(Band.CONFLICT)
        if bands:
            out.append(Mark(header.sectionPosition(r), header.sectionSize(r), frozenset(bands)))
    return out


class OverviewMap(QWidget):
    """A narrow strip that maps the grid's whole height onto its own."""

    def __init__(self, model: SynopticModel, view: QTableView, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = model
        self._view = view
        self._marks: list[Mark] = []
        self.setFixedWidth(WIDTH)
        self.setAccessibleName("Overview map")
        self.setToolTip(
            "The whole comparison: changed rows, rows only one version has, claims (left) "
            "and disagreements (right). Click or drag to go there."
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Row heights settle after layout passes; recount once they have.
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(0)
        self._recount.timeout.connect(self._refresh_marks)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._recount.start)
        view.verticalHeader().sectionResized.connect(self._recount.start)
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self.update)
        bar.rangeChanged.connect(self._recount.start)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 100)

    def marks(self) -> list[Mark]:
        return list(self._marks)

    def _refresh_marks(self) -> None:
        self._marks = row_marks(self._model, self._view)
        self.update()

    def _total(self) -> int:
        return max(1, self._view.verticalHeader().length())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pal = self.palette()
        colours = colours_for(is_dark(pal))
        painter.fillRect(self.rect(), pal.color(pal.ColorRole.AlternateBase))
        scale = self.height() / self._total()
        w = self.width()
        fills = {
            Band.CHANGED: QColor(colours.replaced_bg),
            Band.UNIQUE: QColor(colours.claim_bg),
        }
        for mark in self._marks:
            y = mark.top * scale
            h = max(2.0, mark.height * scale)
            for band, colour in fills.items():
                if band in mark.bands:
                    painter.fillRect(QRectF(0, y, w, h), colour)
            if Band.CLAIM in mark.bands:  # left half: the claim bar
                painter.fillRect(QRectF(0, y, 4, h), QColor(colours.claim_bar))
            if Band.CONFLICT in mark.bands:  # right half: ≠ box
                pen = QPen(QColor(colours.conflict))
                pen.setWidthF(1.5)
                painter.setPen(pen)
                box = QRectF(w - 7, y, 6, max(h, 4.0))
                painter.drawRect(box)
                if box.height() >= 5:
                    mid = box.center().y()
                    painter.drawLine(
                        int(box.left()) + 1, int(mid) - 1, int(box.right()), int(mid) - 1
                    )
                    painter.drawLine(
                        int(box.left()) + 1, int(mid) + 1, int(box.right()), int(mid) + 1
                    )
        # The part of the grid in view.
        bar = self._view.verticalScrollBar()
        top = bar.value() * scale
        seen = self._view.viewport().height() * scale
        pen = QPen(pal.color(pal.ColorRole.Text))
        pen.setWidthF(1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0.5, top + 0.5, w - 1.0, max(3.0, min(seen, self.height()) - 1)))
        painter.end()

    def _jump(self, y: float) -> None:
        target = int(y / max(1, self.height()) * self._total())
        bar = self._view.verticalScrollBar()
        bar.setValue(max(0, target - self._view.viewport().height() // 2))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event.position().y())
