"""The similarity heat map: how much content each pair of versions has in common.

``SimilarityPanel.set_comparison(comparison, labels)`` shows ``comparison.similarity`` for
``labels`` in that order; a click or Enter on an off-diagonal cell emits ``pairActivated``
with ``(row label, column label)``. Headers are numbers; the row header and tooltips name
the full labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from variorum.engine.model import Comparison
from variorum.gui.palette import HEAT_SCALE, colours_for, heat_colours, heat_scale, is_dark
from variorum.gui.plain_text import plain_tooltip
from variorum.gui.version_table import VersionTableModel

Index = QModelIndex | QPersistentModelIndex

ROW_HEADER_MAX_WIDTH = 160  # the row header names versions; past this it elides
ROW_HEADER_NAME_MIN = 6  # characters of a label worth showing; fewer: numbers only
NBSP = "\u00a0"  # keeps "17 %" on one line


def percent_text(value: float) -> str:
    """``value`` (0..1) as a whole percentage; never "0 %" or "100 %" for a value that is not."""
    p = value * 100
    if 0 < p < 0.5:
        return f"<1{NBSP}%"
    if 99.5 <= p < 100:
        return f">99{NBSP}%"
    return f"{round(p)}{NBSP}%"


class SimilarityModel(VersionTableModel):
    """A square table over the shown versions; cells are read straight from the comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._index: tuple[int, ...] = ()  # position of each shown label in comparison.labels
        self._names_in_rows = True  # row headers read "1  label" (False: just "1")

    def set_comparison(self, comparison: Comparison | None, labels: Sequence[str]) -> None:
        self.beginResetModel()
        self._comparison = comparison
        known = comparison.labels if comparison is not None else ()
        # A label the comparison does not know (renamed before re-analysis) has no data.
        self._labels = tuple(lab for lab in labels if lab in known)
        self._index = tuple(known.index(lab) for lab in self._labels)
        self.endResetModel()

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    def set_names_in_rows(self, on: bool) -> None:
        """Row headers with the label after the number, or (when the panel is narrow) without."""
        if on != self._names_in_rows:
            self._names_in_rows = on
            if self._labels:
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._labels) - 1)

    def value(self, row: int, column: int) -> float | None:
        """Share in common of two shown versions; None for a version against itself."""
        if self._comparison is None or row == column:
            return None
        return self._comparison.similarity[self._index[row]][self._index[column]]

    def pair_at(self, index: Index) -> tuple[str, str] | None:
        if not index.isValid() or index.row() == index.column():
            return None
        return self._labels[index.row()], self._labels[index.column()]

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labels)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        value = self.value(r, c)
        a, b = self._labels[r], self._labels[c]
        if role == Qt.ItemDataRole.DisplayRole:
            return "\u2014" if value is None else percent_text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if value is None:
                return plain_tooltip(f"{r + 1}: {a}", "(the same version)")
            return plain_tooltip(
                f"{a} \u2194 {b}: {percent_text(value)} of content in common",
                "Click or press Enter to compare the two.",
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if value is None:
                return f"{a} against itself"
            return f"{a} and {b}: {percent_text(value).replace(NBSP, ' ')} in common"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if section >= len(self._labels):
            return None
        label = self._labels[section]
        if role == Qt.ItemDataRole.DisplayRole:
            # Columns are narrow, so they carry only the number the row header explains.
            if orientation == Qt.Orientation.Horizontal or not self._names_in_rows:
                return str(section + 1)
            return f"{section + 1}  {label}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = f"{section + 1}: {label}"
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        return None


class HeatCellDelegate(QStyledItemDelegate):
    """Fills a cell with its heat colour and writes the percentage in the contrasting ink."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Ask the model directly: no QVariant round trip on a path that runs constantly.
        model = index.model()
        assert isinstance(model, SimilarityModel)
        value = model.value(index.row(), index.column())
        dark = is_dark(option.palette)
        colours = colours_for(dark)
        if value is None:
            background, ink = QColor(colours.empty_cell), QColor(colours.muted)
        else:
            bg, fg = heat_colours(float(value), dark)
            background, ink = QColor(bg), QColor(fg)
        rect = option.rect.adjusted(1, 1, -1, -1)  # a hairline gap instead of grid lines
        painter.save()
        painter.fillRect(rect, background)
        painter.setPen(ink)
        painter.setFont(option.font)
        text = "\u2014" if value is None else percent_text(value)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        state = option.state
        if state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus):
            # Two rings: the highlight shows against the panel, the cell's own ink against
            # the cell, so the current cell is visible on pale and on dark blue alike.
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.setPen(QPen(ink, 1))
            painter.drawRect(rect.adjusted(3, 3, -4, -4))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return cell_size(option.fontMetrics)


def cell_size(fm: QFontMetrics) -> QSize:
    """Room for the widest cell text, ">99 %", with a margin."""
    width = fm.horizontalAdvance(f">99{NBSP}%") + 10
    return QSize(max(width, fm.height() * 2), fm.height() + 12)


class SimilarityTable(QTableView):
    """The heat map's view: Enter on a cell counts as a click; it asks for no more room than
    its cells need, so the colour key sits right under a small map."""

    enterPressed = Signal(QModelIndex)

    def sizeHint(self) -> QSize:
        model = self.model()
        n = model.rowCount() if model is not None else 0
        rows, columns = self.verticalHeader(), self.horizontalHeader()
        frame = 2 * self.frameWidth()
        width = rows.width() + columns.defaultSectionSize() * n + frame
        height = columns.height() + rows.defaultSectionSize() * n + frame
        # Room for a scroll bar either way, so showing one does not hide the last cell.
        extra = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(width + extra, height + extra)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


LEGEND_STEP = 18  # px per colour step of the key
LEGEND_STEP_MIN = 10


class HeatScaleLegend(QWidget):
    """The colour key: the scale's steps from "0 %" to "100 %"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Colour key")
        self.setAccessibleDescription(
            "Pale cells share little content, dark blue cells share most."
        )
        self.setToolTip("Pale: little in common. Dark blue: most of the content in common.")

    def _size_for(self, step: int) -> QSize:
        fm = self.fontMetrics()
        return QSize(
            fm.horizontalAdvance("0 %100 %") + 24 + step * len(HEAT_SCALE), fm.height() + 6
        )

    def sizeHint(self) -> QSize:
        return self._size_for(LEGEND_STEP)

    def minimumSizeHint(self) -> QSize:
        # Narrower steps in a narrow dock, so the key never sets the side panels' width.
        return self._size_for(LEGEND_STEP_MIN)

    def _step(self) -> int:
        fm = self.fontMetrics()
        room = self.width() - fm.horizontalAdvance("0 %100 %") - 24
        return max(LEGEND_STEP_MIN, min(LEGEND_STEP, room // len(HEAT_SCALE)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        fm = self.fontMetrics()
        h = fm.height()
        y = (self.height() - h) // 2
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        low, high = f"0{NBSP}%", f"100{NBSP}%"
        x = 0
        painter.drawText(QRect(x, y, fm.horizontalAdvance(low), h), 0, low)
        x += fm.horizontalAdvance(low) + 6
        dark = is_dark(self.palette())
        outline = QColor(colours_for(dark).grid_line)
        step = self._step()
        for colour in heat_scale(dark):
            painter.fillRect(QRect(x, y + 2, step, h - 4), QColor(colour))
            x += step
        painter.setPen(outline)
        painter.drawRect(
            QRect(x - step * len(HEAT_SCALE), y + 2, step * len(HEAT_SCALE) - 1, h - 5)
        )
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(QRect(x + 6, y, fm.horizontalAdvance(high), h), 0, high)
        painter.end()


class SimilarityPanel(QWidget):
    pairActivated = Signal(object)  # tuple[str, str]: (row label, column label)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SimilarityModel(self)
        self.table = SimilarityTable(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(HeatCellDelegate(self.table))
        self.table.setAccessibleName("Similarity between versions")
        self.table.setShowGrid(False)
        # Cells sit on the window colour, so the palest step still reads as a cell.
        self.table.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(False)  # Tab leaves the panel, arrows move
        self.table.setCornerButtonEnabled(False)
        # Pixel scrolling keeps a partly visible 50th column reachable.
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.table.verticalHeader()
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        for header in (rows, self.table.horizontalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setHighlightSections(True)
        self._apply_cell_size()

        self.caption = QLabel("Share of content each pair of versions has in common.")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.empty = QLabel("Compare two or more versions to see how much they share.")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend = HeatScaleLegend(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.table)
        layout.addWidget(self.legend)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setFocusProxy(self.table)

        self.table.clicked.connect(self._activate)
        self.table.enterPressed.connect(self._activate)
        self._show_empty(True)

    def set_comparison(self, comparison: Comparison | None, labels: Sequence[str]) -> None:
        """Show the share in common of ``labels`` (in that order) from ``comparison``."""
        self.model.set_comparison(comparison, labels)
        self._show_empty(len(self.model.labels) < 2)
        self._fit_row_header()
        self.table.updateGeometry()

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)
        self.caption.setVisible(not empty)
        self.legend.setVisible(not empty)

    def _activate(self, index: QModelIndex) -> None:
        pair = self.model.pair_at(index)
        if pair is not None:
            self.pairActivated.emit(pair)

    def _apply_cell_size(self) -> None:
        size = cell_size(self.table.fontMetrics())
        self.table.horizontalHeader().setMinimumSectionSize(size.width())
        self.table.horizontalHeader().setDefaultSectionSize(size.width())
        self.table.verticalHeader().setMinimumSectionSize(size.height())
        self.table.verticalHeader().setDefaultSectionSize(size.height())

    def _fit_row_header(self) -> None:
        """Give the row header what the cells leave over: names when they fit, else numbers."""
        n = len(self.model.labels)
        fm = self.table.fontMetrics()
        cells = self.table.horizontalHeader().defaultSectionSize() * n
        extra = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        spare = self.table.width() - 2 * self.table.frameWidth() - cells - extra
        numbers_only = fm.horizontalAdvance(f"{n}") + 16
        with_names = (
            fm.horizontalAdvance(f"{n}  ") + fm.averageCharWidth() * ROW_HEADER_NAME_MIN + 16
        )
        names = spare >= with_names
        self.model.set_names_in_rows(names)
        header = self.table.verticalHeader()
        header.setMaximumWidth(min(spare, ROW_HEADER_MAX_WIDTH) if names else numbers_only)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_row_header()

    def changeEvent(self, event: QEvent) -> None:
        # Zoom changes the font: cells grow with it so the text never overlaps.
        if event.type() == QEvent.Type.FontChange:
            self._apply_cell_size()
            self._fit_row_header()
        super().changeEvent(event)
