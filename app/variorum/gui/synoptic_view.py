"""The synoptic grid: one column per version, one row per alignment row, cells word-wrapped.

``SynopticView`` paints cells from ``variorum.marks`` runs through ``cell_document`` (never
HTML), sizes each row to its tallest cell, and owns Find over the visible cells. It only
reads the model's frozen ``Comparison``; it never changes analysis.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum, StrEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QPainter,
    QPen,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from variorum.engine.model import Claim, RowKind, Sentence
from variorum.gui.actions import ActionId, create_action
from variorum.gui.cell_document import boxed_rects, build_cell_document
from variorum.gui.palette import MOVED_GLYPH, GridColours, colours_for, is_dark
from variorum.gui.synoptic_model import SynopticModel, cell_plain_text
from variorum.marks import Mark, Span, cell_runs, claims_by_sentence

Index = QModelIndex | QPersistentModelIndex

MIN_COLUMN_WIDTH = 150  # five versions side by side at 1366 px, beside the overview map
DEFAULT_COLUMN_WIDTH = 340
MIN_ROW_HEIGHT = 28
CLAIM_BAR_WIDTH = 4


class Direction(Enum):
    """Which way ``step_row`` goes from the current row."""

    NEXT = 1
    PREVIOUS = -1


class Stop(StrEnum):
    """The rows ``step_row`` stops at (the value names them in "No difference below")."""

    DIFFERENCE = "difference"  # its versions word it differently
    CLAIM = "claim"  # it carries a claim only one version makes
    DISAGREEMENT = "disagreement"  # its versions state a fact differently


@dataclass(frozen=True)
class FindMatch:
    model_row: int
    column: int
    start: int  # offsets into the version's text
    end: int


class CellDelegate(QStyledItemDelegate):
    """Paints a cell's laid-out document, the empty-cell hatch, the claim bar and the focus ring."""

    def __init__(self, view: SynopticView) -> None:
        super().__init__(view)
        self._view = view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        view = self._view
        colours = view.colours
        rect: QRect = option.rect
        painter.save()
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        doc = view.cell_document(index.row(), index.column(), rect.width())
        if doc is None:
            painter.fillRect(rect, QColor(colours.empty_cell))
            hatch = QBrush(QColor(colours.grid_line), Qt.BrushStyle.BDiagPattern)
            painter.fillRect(rect, hatch)
        else:
            # Our own background, so the style's selection fill never hides the marks.
            claim = view.cell_is_claim(index.row(), index.column())
            whole_claim = claim and view.cell_is_unique(index.row())
            background = QColor(colours.claim_bg) if whole_claim else view.palette().base().color()
            painter.fillRect(rect, background)
            if selected:
                tint = QColor(colours.current_outline)
                tint.setAlpha(28)
                painter.fillRect(rect, tint)
            if claim:
                bar = QRect(rect.left(), rect.top(), CLAIM_BAR_WIDTH, rect.height())
                painter.fillRect(bar, QColor(colours.claim_bar))
            painter.translate(rect.left() + CLAIM_BAR_WIDTH, rect.top())
            doc.drawContents(painter)
            boxes = boxed_rects(doc)
            if boxes:  # disagreeing values: a box as well as the ≠ and the colour
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.setPen(QPen(QColor(colours.conflict), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for box in boxes:
                    painter.drawRoundedRect(box, 2.5, 2.5)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.translate(-rect.left() - CLAIM_BAR_WIDTH, -rect.top())
        if selected or state & QStyle.StateFlag.State_HasFocus:
            pen = QPen(QColor(colours.current_outline))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = self._view
        width = view.cell_width(index.column())
        doc = view.cell_document(index.row(), index.column(), width)
        height = MIN_ROW_HEIGHT if doc is None else row_height_for(doc)
        return QSize(width, max(height, MIN_ROW_HEIGHT))


def row_height_for(doc: QTextDocument) -> int:
    """The row height that shows all of ``doc``: its height rounded up, plus the grid line
    the table takes off the bottom of every cell and a pixel of air."""
    return math.ceil(doc.size().height()) + 2


class SynopticView(QTableView):
    """The grid. Call ``set_comparison`` through the model, then ``refresh_layout``."""

    def __init__(self, model: SynopticModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("synopticView")
        self.setAccessibleName("Side-by-side comparison")
        self.setModel(model)
        self._model = model
        # Ctrl+C while the grid has focus; the window's context menu shows the same action.
        self.copy_action = create_action(ActionId.GRID_COPY_TEXT, self)
        self.copy_action.triggered.connect(lambda _c=False: self.copy_current_cell())
        self.addAction(self.copy_action)
        self.setItemDelegate(CellDelegate(self))
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)  # Tab leaves the grid, as keyboard users expect
        self.setMouseTracking(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(MIN_COLUMN_WIDTH // 2)
        header.setDefaultSectionSize(DEFAULT_COLUMN_WIDTH)
        header.setHighlightSections(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "000 · NATO Consid…", never cut
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        vheader = self.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        vheader.setMinimumSectionSize(MIN_ROW_HEIGHT)
        self._base_point_size = self.font().pointSizeF()
        self._zoom = 0
        self._docs: dict[tuple[int, int], tuple[int, QTextDocument]] = {}
        self._claims: dict[tuple[str, int], list[Claim]] = {}
        self._claim_cells: set[tuple[int, str]] = set()  # (source row, label), whole sentences
        self._term_cells: set[tuple[int, str]] = set()  # any claim, terms included
        self._sentences: dict[str, dict[int, Sentence]] = {}
        self._query = ""
        self._matches: list[FindMatch] = []
        self._match_spans: dict[tuple[int, int], list[Span]] = {}
        self._current_match = -1
        self.colours: GridColours = colours_for(is_dark(self.palette()))
        self._apply_grid_colour()
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(60)
        self._relayout.timeout.connect(self.refresh_row_heights)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(60)
        self._refit.timeout.connect(self.fit_columns)
        self._sizing = False
        self.user_sized_columns = False
        self._anchor_row: int | None = None
        self.verticalScrollBar().actionTriggered.connect(self._user_scrolled)
        header.sectionResized.connect(self._column_resized)

    # -- data --------------------------------------------------------------------------

    @property
    def synoptic_model(self) -> SynopticModel:
        return self._model

    def comparison_changed(self, relayout: bool = True) -> None:
        """The model got a new comparison (or new columns): rebuild look-ups (and layout,
        unless the caller sizes columns next, which lays out anyway)."""
        c = self._model.comparison
        self._claims = claims_by_sentence(c) if c is not None else {}
        self._claim_cells = set()
        self._term_cells = set()
        self._sentences = {}
        if c is not None:
            self._sentences = {v.label: {s.id: s for s in v.sentences} for v in c.versions}
            self._claim_cells = {(cl.row, cl.version) for cl in c.claims if cl.unmatched}
            self._term_cells = {(cl.row, cl.version) for cl in c.claims}
        self._recompute_matches()
        if relayout:
            self.refresh_layout()

    def layout_pending(self) -> bool:
        """Whether a deferred column fit or row sizing is still to run (tests wait on it)."""
        return self._relayout.isActive() or self._refit.isActive()

    def refresh_layout(self) -> None:
        """Drop every laid-out cell and size rows again (zoom, colours, filter, comparison)."""
        self._docs.clear()
        self.refresh_row_heights()
        self.viewport().update()

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._sizing:
            self.user_sized_columns = True  # from now on the user's widths win over fitting
        self._docs = {k: v for k, v in self._docs.items() if k[1] != column}
        self._relayout.start()

    def set_zoom(self, step: int) -> None:
        self._zoom = step
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self._base_point_size + step))
        self.setFont(font)
        self.refresh_layout()

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_dark(self, dark: bool) -> None:
        self.colours = colours_for(dark)
        self._apply_grid_colour()
        self.refresh_layout()

    def _apply_grid_colour(self) -> None:
        self.setStyleSheet(f"QTableView {{ gridline-color: {self.colours.grid_line}; }}")

    # -- cells -------------------------------------------------------------------------

    def cell_is_claim(self, model_row: int, column: int) -> bool:
        m = self._model
        return (m.source_row(model_row), m.label_at(column)) in self._claim_cells

    def cell_is_unique(self, model_row: int) -> bool:
        return self._model.row_at(model_row).kind is RowKind.UNIQUE

    def cell_width(self, column: int) -> int:
        """The width a cell of ``column`` is painted at: the column less its grid line.
        Rows are sized with documents laid out at this width, the very ones painted, so
        a row is always as tall as the wrapped text in it."""
        return self.columnWidth(column) - (1 if self.showGrid() else 0)

    def cell_document(self, model_row: int, column: int, width: int) -> QTextDocument | None:
        """The laid-out cell at ``width`` pixels (cached), or None for an empty cell."""
        m = self._model
        c = m.comparison
        if c is None:
            return None
        row = m.row_at(model_row)
        label = m.label_at(column)
        cell = row.cell(label)
        if cell is None:
            return None
        key = (m.source_row(model_row), column)
        cached = self._docs.get(key)
        if cached is not None and cached[0] == width:
            return cached[1]
        runs = cell_runs(
            c,
            row,
            label,
            self._claims,
            self._sentences[label],
            self._match_spans.get((model_row, column), ()),
            m.row_conflicts(model_row),
        )
        doc = build_cell_document(
            runs,
            self.font(),
            self.colours,
            width - CLAIM_BAR_WIDTH - 1,
            MOVED_GLYPH if cell.moved else "",
        )
        self._docs[key] = (width, doc)
        return doc

    def refresh_row_heights(self) -> None:
        """Size every row to its tallest cell, keeping the row at the top where it is (so
        zooming or resizing a column never loses the reader's place)."""
        m = self._model
        columns = m.columnCount()
        widths = [self.cell_width(col) for col in range(columns)]
        vheader = self.verticalHeader()
        top = self.rowAt(0)
        if self._anchor_row is not None and 0 <= self._anchor_row < m.rowCount():
            top, inside = self._anchor_row, 0
        else:
            inside = -self.rowViewportPosition(top) if top >= 0 else 0
        changed = False
        for r in range(m.rowCount()):
            height = MIN_ROW_HEIGHT
            for col in range(columns):
                doc = self.cell_document(r, col, widths[col])
                if doc is not None:
                    height = max(height, row_height_for(doc))
            if vheader.sectionSize(r) != height:
                vheader.resizeSection(r, height)
                changed = True
        if top >= 0 and (changed or self._anchor_row is not None):
            self.updateGeometries()
            self.verticalScrollBar().setValue(vheader.sectionPosition(top) + inside)

    def scroll_to_top_row(self, model_row: int) -> None:
        """Put ``model_row`` at the top and keep it there through layouts still queued
        (a restored session's reading position), until the user scrolls."""
        self._anchor_row = model_row
        self.refresh_row_heights()

    def _user_scrolled(self, action: int) -> None:
        self._anchor_row = None

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        self._anchor_row = None  # keyboard moves and Go commands take over the position
        super().scrollTo(index, hint)

    def fit_columns(self) -> None:
        """Share the viewport between the columns, never narrower than MIN_COLUMN_WIDTH."""
        columns = self._model.columnCount()
        if not columns:
            return
        available = self.viewport().width() - 2
        vbar = self.verticalScrollBar()
        if not vbar.isVisible():
            # The rows laid out at these widths will almost always need the vertical bar;
            # leave room for it now, or its arrival would push the last column out of view.
            available -= vbar.sizeHint().width()
        width = max(MIN_COLUMN_WIDTH, available // columns)
        self._resize_sections({col: width for col in range(columns)})
        self.user_sized_columns = False

    def set_column_widths(self, widths: dict[str, int]) -> None:
        sizes = {
            col: max(MIN_COLUMN_WIDTH // 2, widths[label])
            for col, label in enumerate(self._model.labels)
            if label in widths
        }
        self._resize_sections(sizes)
        self.user_sized_columns = bool(sizes)
        if sizes:
            self._refit.stop()  # a fit queued by an earlier resize must not undo these widths

    def _resize_sections(self, sizes: dict[int, int]) -> None:
        header = self.horizontalHeader()
        self._sizing = True
        try:
            for col, width in sizes.items():
                header.resizeSection(col, width)
        finally:
            self._sizing = False
        self.refresh_layout()

    def column_widths(self) -> dict[str, int]:
        return {label: self.columnWidth(col) for col, label in enumerate(self._model.labels)}

    # -- navigation --------------------------------------------------------------------

    def current_source_row(self) -> int:
        index = self.currentIndex()
        if not index.isValid():
            return -1
        return self._model.source_row(index.row())

    def go_to(self, model_row: int, column: int | None = None) -> None:
        """Make ``model_row`` current (keeping the column), scroll it to the top third."""
        m = self._model
        if not 0 <= model_row < m.rowCount():
            return
        if column is None:
            current = self.currentIndex()
            column = current.column() if current.isValid() else 0
            if m.row_at(model_row).cell(m.label_at(column)) is None:
                column = next(
                    (c for c in range(m.columnCount()) if m.row_at(model_row).cell(m.label_at(c))),
                    column,
                )
        index = m.index(model_row, column)
        self.setCurrentIndex(index)
        # Centre the row, but move sideways only when the cell is out of sight.
        hbar = self.horizontalScrollBar()
        before = hbar.value()
        x = self.columnViewportPosition(column)
        visible = x >= 0 and x + self.columnWidth(column) <= self.viewport().width()
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if visible:
            hbar.setValue(before)

    def go_to_source(self, source_row: int, label: str | None = None) -> bool:
        m = self._model
        model_row = m.model_row(source_row)
        if model_row < 0:
            return False
        column = m.column_of(label) if label else None
        self.go_to(model_row, column if column is not None and column >= 0 else None)
        return True

    def step_row(self, direction: Direction, wanted: Stop) -> bool:
        """Go to the next/previous row of the kind ``wanted`` (one that differs, carries a
        claim, or whose versions disagree on a fact); False when there is none that way."""
        forward = direction is Direction.NEXT
        m = self._model
        start = self.currentIndex().row() if self.currentIndex().isValid() else -1
        rows = range(start + 1, m.rowCount()) if forward else range(start - 1, -1, -1)
        if start < 0 and not forward:
            rows = range(m.rowCount() - 1, -1, -1)
        for r in rows:
            if wanted is Stop.DIFFERENCE:
                hit = m.row_differs(m.row_at(r))
            elif wanted is Stop.DISAGREEMENT:
                hit = bool(m.row_conflicts(r))
            else:
                hit = m.row_has_claim(r)
            if hit:
                column = None
                if wanted is Stop.CLAIM:
                    column = next(
                        (c for c in range(m.columnCount()) if self.row_claim_column(r, c)), None
                    )
                elif wanted is Stop.DISAGREEMENT:
                    first = m.row_conflicts(r)[0]
                    column = next(
                        (c for c in range(m.columnCount()) if first.value(m.label_at(c))), None
                    )
                self.go_to(r, column)
                return True
        return False

    def row_claim_column(self, model_row: int, column: int) -> bool:
        m = self._model
        return (m.source_row(model_row), m.label_at(column)) in self._term_cells

    def reading_order_row(self) -> int | None:
        """For a moved cell: the source row holding the sentence just before it in its
        version's reading order (where the text sits in that version)."""
        m = self._model
        c = m.comparison
        index = self.currentIndex()
        if c is None or not index.isValid():
            return None
        label = m.label_at(index.column())
        cell = m.row_at(index.row()).cell(label)
        if cell is None or not cell.moved:
            return None
        first = cell.sentences[0]
        neighbour = first - 1 if first > 0 else cell.sentences[-1] + 1
        version = c.version(label)
        if not 0 <= neighbour < len(version.sentences):
            return None
        return c.row_of(label, neighbour)

    # -- Find --------------------------------------------------------------------------

    def set_query(self, query: str) -> int:
        """Highlight ``query`` (case-insensitive) in every visible cell; returns the count."""
        self._query = query
        self._current_match = -1
        before = set(self._match_spans)
        self._recompute_matches()
        # Only cells that gain or lose highlights are laid out again (typing stays quick on
        # big comparisons); their source rows key the document cache.
        m = self._model
        shown = m.rowCount()  # old keys may predate a filter change (then all was laid out)
        touched = {
            (m.source_row(r), col) for r, col in before | set(self._match_spans) if r < shown
        }
        for key in touched:
            self._docs.pop(key, None)
        self.refresh_row_heights()
        self.viewport().update()
        return len(self._matches)

    def _recompute_matches(self) -> None:
        self._matches = []
        self._match_spans = {}
        m = self._model
        c = m.comparison
        if not self._query or c is None:
            return
        pattern = re.compile(re.escape(self._query), re.IGNORECASE)
        for r in range(m.rowCount()):
            row = m.row_at(r)
            for col, label in enumerate(m.labels):
                cell = row.cell(label)
                if cell is None:
                    continue
                text = cell_plain_text(c, row, label)
                for hit in pattern.finditer(text):
                    match = FindMatch(r, col, cell.start + hit.start(), cell.start + hit.end())
                    self._matches.append(match)
                    self._match_spans.setdefault((r, col), []).append(
                        Span(match.start, match.end, Mark.MATCH)
                    )

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match(self) -> int:
        """1-based index of the current Find match, 0 when none is current."""
        return self._current_match + 1

    def step_match(self, forward: bool) -> bool:
        if not self._matches:
            return False
        if self._current_match < 0:
            # Start from the current cell, so Find continues where the user is reading.
            here = self.currentIndex()
            pos = (here.row(), here.column()) if here.isValid() else (-1, -1)
            places = [(mt.model_row, mt.column) for mt in self._matches]
            candidates = [
                i for i, place in enumerate(places) if (place >= pos if forward else place < pos)
            ]
            if candidates:
                self._current_match = candidates[0] if forward else candidates[-1]
            else:
                self._current_match = 0 if forward else len(self._matches) - 1
        else:
            step = 1 if forward else -1
            self._current_match = (self._current_match + step) % len(self._matches)
        match = self._matches[self._current_match]
        self.go_to(match.model_row, match.column)
        return True

    # -- Qt ----------------------------------------------------------------------------

    def copy_current_cell(self) -> None:
        """Put the current cell's own words (no marks, no glyphs) on the clipboard."""
        index = self.currentIndex()
        if index.isValid():
            QGuiApplication.clipboard().setText(str(self._model.data(index) or ""))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.user_sized_columns:
            self._relayout.start()
        else:
            self._refit.start()
