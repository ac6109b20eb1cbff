"""The grid page: the synoptic grid over its Find bar, and what the window asks of the grid.

``ComparisonPane`` owns the ``SynopticModel``, ``SynopticView`` and ``FindBar``: it shows a
``Comparison`` keeping the reader's place, runs Find, and answers questions about the
current cell. It holds no inputs, sessions or actions; the window decides what to show.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from variorum.annotations import Annotations
from variorum.engine.model import Claim, Comparison, RowKind
from variorum.engine.timeline import revisions
from variorum.gui.find_bar import FindBar, FindStatus
from variorum.gui.overview_map import OverviewMap
from variorum.gui.synoptic_model import SynopticModel
from variorum.gui.synoptic_view import SynopticView
from variorum.gui.timeline_strip import TimelineStrip
from variorum.session import ViewState

NOTHING_TO_HIDE = "differences only: nothing to hide, every row differs"


def claim_in_cell(c: Comparison, source_row: int, label: str) -> Claim | None:
    """The claim ``label`` makes in ``source_row``, if any (a cell holds at most one)."""
    return next((cl for cl in c.claims if cl.row == source_row and cl.version == label), None)


class ComparisonPane(QWidget):
    """The synoptic grid with the revision timeline above it, the overview map beside its
    scroll bar and the Find bar under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SynopticModel(self)
        self.view = SynopticView(self.model)
        self.find_bar = FindBar()
        self.find_bar.queryChanged.connect(self._find_query)
        self.find_bar.nextRequested.connect(lambda: self.find_step(True))
        self.find_bar.previousRequested.connect(lambda: self.find_step(False))
        self.find_bar.closed.connect(self._find_closed)
        self.timeline = TimelineStrip()
        self._timeline_of: Comparison | None = None
        self.overview = OverviewMap(self.model, self.view)
        grid = QHBoxLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.view, 1)
        grid.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.timeline)
        layout.addLayout(grid, 1)
        layout.addWidget(self.find_bar)

    # -- showing a comparison ------------------------------------------------------------

    def show_comparison(
        self, c: Comparison | None, pair: tuple[str, str] | None, restore: ViewState | None
    ) -> None:
        """Show ``c`` (only ``pair``'s columns when given), keeping the reader's place;
        ``restore`` (a session's view) sets the column widths and scroll row instead."""
        if c is not self._timeline_of:  # a new analysis: its revisions, none highlighted
            self._timeline_of = c
            self.timeline.set_revisions(revisions(c) if c is not None else ())
        scroll_row = self.view.current_source_row()
        columns_before = self.model.labels
        self.model.set_comparison(c, pair)
        self.view.comparison_changed(relayout=False)
        if restore is not None:
            self.view.fit_columns()
            self.view.set_column_widths(dict(restore.column_widths))
            scroll_row = restore.scroll_row
        elif self.model.labels != columns_before or not self.view.user_sized_columns:
            self.view.fit_columns()
        else:
            self.view.refresh_layout()
        if scroll_row >= 0 and c is not None:
            model_row = self.model.model_row(scroll_row) if scroll_row < len(c.rows) else -1
            if model_row >= 0:
                self.view.scroll_to_top_row(model_row)

    def show_row_notes(self, c: Comparison | None, annotations: Annotations) -> None:
        """Mark the rows the user noted on (the ✎ in the row header)."""
        notes: dict[int, str] = {}
        if c is not None and any(n.kind == "row" for n in annotations.notes):
            for i in range(len(c.rows)):
                note = annotations.for_row(c, i)
                if note is not None and note.note.strip():
                    notes[i] = note.note
        self.model.set_row_notes(notes)

    def summary(self, c: Comparison) -> str:
        """The status bar's one-line account of ``c`` as shown (columns, row filter)."""
        shown = self.model.labels
        changed = sum(1 for r in c.rows if r.kind is RowKind.CHANGED)
        claims = sum(1 for cl in c.claims if cl.version in shown)
        parts = [
            f"{len(c.versions)} versions",
            f"{len(c.rows)} rows",
            f"{changed} changed",
            f"{claims} claims",
        ]
        if self.model.differences_only:
            hidden = self.model.hidden_row_count()
            if hidden:
                parts.append(f"{hidden} identical row{'' if hidden == 1 else 's'} hidden")
            else:
                parts.append(NOTHING_TO_HIDE)
        parts.append(f"analysed in {c.elapsed_ms:.0f} ms")
        partial = [v.label for v in c.versions if v.partial]
        if partial:
            parts.append(f"only the first part of {', '.join(partial)} compared")
        cut = [v.label for v in c.versions if v.claims_cut]
        if cut:
            parts.append(f"claims from the first part only: {', '.join(cut)}")
        return " \u00b7 ".join(parts)

    # -- the current cell ----------------------------------------------------------------

    def current_cell(self) -> tuple[int, str] | None:
        """The current cell as (source row, version label); None when there is none."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.source_row(index.row()), self.model.label_at(index.column())

    def first_visible_source_row(self) -> int:
        model_row = self.view.rowAt(0)
        return self.model.source_row(model_row) if model_row >= 0 else -1

    # -- Find ----------------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open()
        if self.find_bar.query():  # reopened: show the previous query's matches again
            self._find_query(self.find_bar.query())

    def find_step(self, forward: bool) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open()
        if self.view.match_count == 0 and self.find_bar.query():
            self.view.set_query(self.find_bar.query())
        self.view.step_match(forward)
        self._find_status()

    def refresh_find(self) -> None:
        """Re-run an open query over the rows and columns now shown."""
        if self.find_bar.isVisible() and self.find_bar.query():
            self.view.set_query(self.find_bar.query())
            self._find_status()

    def _find_query(self, query: str) -> None:
        self.view.set_query(query)
        self._find_status()

    def _find_status(self) -> None:
        self.find_bar.set_status(FindStatus(self.view.current_match, self.view.match_count))

    def _find_closed(self) -> None:
        self.view.set_query("")
        self.view.setFocus()
