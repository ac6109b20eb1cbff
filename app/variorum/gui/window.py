"""The Variorum main window: start page or synoptic grid, with versions, claims, similarity docks.

The window owns the user's ``Inputs`` (documents, exclusions, settings), asks the
``AnalysisRunner`` for a ``Comparison`` off the UI thread and hands the result to the grid
and panels; it never analyses anything itself. Sessions go through ``SessionController``,
reports through ``ReportController``; every action comes from ``actions.ACTIONS``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from variorum import __version__
from variorum.annotations import Annotations, row_note
from variorum.engine.ingest import SUPPORTED_EXTENSIONS, document_from_text
from variorum.engine.model import Claim, Comparison, RowKind
from variorum.gui.actions import (
    MENUS,
    RECENT_SESSIONS,
    SEPARATOR,
    TOOLBAR,
    ActionId,
    Menu,
    create_actions,
)
from variorum.gui.analysis import AnalysisRunner, CompareDone, CompareProgress, LoadDone
from variorum.gui.claims_panel import ClaimMenuRequest, ClaimsPanel
from variorum.gui.find_bar import FindBar, FindStatus
from variorum.gui.inputs import Inputs, expand_dropped
from variorum.gui.notice_bar import NoticeBar, NoticeKind
from variorum.gui.options import (
    Preferences,
    WindowState,
    load_preferences,
    load_window_state,
    save_preferences,
    save_window_state,
)
from variorum.gui.preferences_dialog import PreferencesDialog
from variorum.gui.report_actions import ReportController
from variorum.gui.session_actions import SessionController, SessionDialogs
from variorum.gui.similarity_panel import SimilarityPanel
from variorum.gui.start_page import StartPage
from variorum.gui.status_area import StatusArea
from variorum.gui.synoptic_model import SynopticModel
from variorum.gui.synoptic_view import SynopticView, is_dark
from variorum.gui.versions_panel import IncludeChange, Rename, VersionEntry, VersionsPanel
from variorum.resources import icon_path, sample_paths
from variorum.session import Session, SessionStore, ViewState

log = logging.getLogger(__name__)

ARTICLE_FILTER = (
    "Articles ("
    + " ".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
    + ");;Text (*.txt *.md);;Web pages (*.html *.htm);;Word (*.docx);;PDF (*.pdf);;All files (*)"
)


class _InputsChange(QUndoCommand):
    """One undoable edit of the inputs: both states are kept whole (they are small, frozen)."""

    def __init__(self, window: MainWindow, before: Inputs, after: Inputs, text: str) -> None:
        super().__init__(text)
        self._window = window
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._window._apply_inputs(self._after)

    def undo(self) -> None:
        self._window._apply_inputs(self._before)


class MainWindow(QMainWindow):
    def __init__(
        self,
        prefs: Preferences | None = None,
        store: SessionStore | None = None,
        session_dialogs: SessionDialogs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("variorumWindow")
        self.setWindowIcon(QIcon(str(icon_path())))
        self.setAcceptDrops(True)
        self.prefs = prefs or load_preferences()
        self.inputs = Inputs(settings=self.prefs.settings(None))
        self.comparison: Comparison | None = None
        self._pending_view: ViewState | None = None
        self._pair: tuple[str, str] | None = None
        self._saved_layout: QByteArray | None = None

        # The undo stack comes first: children die in creation order, and a dying stack
        # still announces its text to the actions.
        self.undo_stack = QUndoStack(self)
        self.actions_by_id = create_actions(self)
        self.runner = AnalysisRunner(self)
        self.runner.finished.connect(self._on_compared)
        self.runner.compare_progress.connect(self._on_progress)
        self.runner.load_done.connect(self._on_loaded)

        self._build_central()
        self._build_docks()
        self._build_status()
        self.sessions = SessionController(
            self, self, store=store, dialogs=session_dialogs, actions=self.actions_by_id
        )
        self.sessions.annotationsChanged.connect(self._on_annotations)
        self.reports = ReportController(self, self, self.actions_by_id)
        self._build_menus()
        self._build_toolbar()
        self._connect_actions()
        self.start_page.set_recent(self.sessions.store.recent())
        self._show_start_page()
        self._restore_window_state(load_window_state())

    # -- construction ------------------------------------------------------------------

    def _build_central(self) -> None:
        self.model = SynopticModel(self)
        self.view = SynopticView(self.model)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._grid_menu)
        self.view.doubleClicked.connect(lambda _i: self._jump_to_reading_order())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._current_changed())
        self.find_bar = FindBar()
        self.find_bar.queryChanged.connect(self._find_query)
        self.find_bar.nextRequested.connect(lambda: self._find_step(True))
        self.find_bar.previousRequested.connect(lambda: self._find_step(False))
        self.find_bar.closed.connect(self._find_closed)
        self.notice = NoticeBar()
        self.start_page = StartPage()
        self.start_page.openArticlesRequested.connect(self.open_articles_dialog)
        self.start_page.openSessionRequested.connect(lambda: self.sessions.open_dialog())
        self.start_page.sampleRequested.connect(self.open_sample)
        self.start_page.recentActivated.connect(lambda p: self.sessions.open_path(p))
        self.start_page.filesDropped.connect(self.open_dropped)

        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(0)
        grid_layout.addWidget(self.view, 1)
        grid_layout.addWidget(self.find_bar)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(grid_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.versions_panel = VersionsPanel()
        self.versions_panel.orderChanged.connect(self._reorder)
        self.versions_panel.includedChanged.connect(self._include)
        self.versions_panel.baseChosen.connect(self.set_base)
        self.versions_panel.renameRequested.connect(self._rename)
        self.versions_panel.removeRequested.connect(self.remove_version)
        self.versions_panel.replaceRequested.connect(self._replace_dialog)
        self.versions_panel.addRequested.connect(self.add_articles_dialog)
        self.claims_panel = ClaimsPanel()
        self.claims_panel.claimActivated.connect(self.show_claim)
        self.claims_panel.verdictMenuRequested.connect(self._verdict_menu)
        self.similarity_panel = SimilarityPanel()
        self.similarity_panel.pairActivated.connect(self.show_pair)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.versions_dock = self._dock("Versions", "versionsDock", self.versions_panel, left)
        self.similarity_dock = self._dock(
            "Similarity", "similarityDock", self.similarity_panel, left
        )
        self.claims_dock = self._dock("Claims Only One Version Makes", "claimsDock",
                                      self.claims_panel, right)  # fmt: skip
        self.resizeDocks([self.versions_dock, self.claims_dock], [250, 320],
                         Qt.Orientation.Horizontal)  # fmt: skip
        self.resizeDocks([self.versions_dock, self.similarity_dock], [320, 300],
                         Qt.Orientation.Vertical)  # fmt: skip

    def _build_status(self) -> None:
        self.status_area = StatusArea()
        self.status_area.cancelRequested.connect(self.cancel_analysis)
        self.statusBar().addPermanentWidget(self.status_area)

    def _build_menus(self) -> None:
        extra: dict[str, QMenu] = {RECENT_SESSIONS: self.sessions.recent_menu}
        for menu_name, items in MENUS.items():
            menu = self.menuBar().addMenu(menu_name.value)
            for item in items:
                if item is SEPARATOR:
                    menu.addSeparator()
                elif isinstance(item, ActionId):
                    menu.addAction(self.actions_by_id[item])
                else:
                    menu.addMenu(extra[item])
            if menu_name is Menu.VIEW:
                menu.addSeparator()
                for dock in (self.versions_dock, self.claims_dock, self.similarity_dock):
                    menu.addAction(dock.toggleViewAction())

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("mainToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in TOOLBAR:
            if item is SEPARATOR:
                bar.addSeparator()
            else:
                bar.addAction(self.actions_by_id[item])
        self.addToolBar(bar)

    def _connect_actions(self) -> None:
        a = self.actions_by_id
        handlers = {
            ActionId.OPEN_ARTICLES: self.open_articles_dialog,
            ActionId.ADD_ARTICLE: self.add_articles_dialog,
            ActionId.PASTE_VERSION: self.paste_version,
            ActionId.OPEN_SAMPLE: self.open_sample,
            ActionId.PREFERENCES: self.edit_preferences,
            ActionId.QUIT: self.close,
            ActionId.FIND: self.open_find,
            ActionId.FIND_NEXT: lambda: self._find_step(True),
            ActionId.FIND_PREVIOUS: lambda: self._find_step(False),
            ActionId.NEXT_DIFFERENCE: lambda: self._step("difference", True),
            ActionId.PREVIOUS_DIFFERENCE: lambda: self._step("difference", False),
            ActionId.NEXT_CLAIM: lambda: self._step("claim", True),
            ActionId.PREVIOUS_CLAIM: lambda: self._step("claim", False),
            ActionId.JUMP_TO_MOVED: self._jump_to_reading_order,
            ActionId.ZOOM_IN: lambda: self.set_zoom(self.view.zoom + 1),
            ActionId.ZOOM_OUT: lambda: self.set_zoom(self.view.zoom - 1),
            ActionId.ZOOM_RESET: lambda: self.set_zoom(0),
            ActionId.FOCUS_GRID: lambda: self.view.setFocus(),
            ActionId.FOCUS_VERSIONS: lambda: self._focus_dock(self.versions_dock),
            ActionId.FOCUS_CLAIMS: lambda: self._focus_dock(self.claims_dock),
            ActionId.FOCUS_SIMILARITY: lambda: self._focus_dock(self.similarity_dock),
            ActionId.UNDO: self.undo_stack.undo,
            ActionId.REDO: self.undo_stack.redo,
            ActionId.NOTE_ON_ROW: self.edit_row_note,
            ActionId.ABOUT: self.about,
        }
        for action_id, handler in handlers.items():
            a[action_id].triggered.connect(lambda _c=False, h=handler: h())
            a[action_id].setEnabled(True)
        diff_only = a[ActionId.DIFFERENCES_ONLY]
        diff_only.setChecked(self.prefs.differences_only)
        diff_only.toggled.connect(self.set_differences_only)
        diff_only.setEnabled(True)
        self.model.set_differences_only(self.prefs.differences_only)
        self.undo_stack.canUndoChanged.connect(a[ActionId.UNDO].setEnabled)
        self.undo_stack.canRedoChanged.connect(a[ActionId.REDO].setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda t: a[ActionId.UNDO].setText(f"&Undo {t}" if t else "&Undo")
        )
        self.undo_stack.redoTextChanged.connect(
            lambda t: a[ActionId.REDO].setText(f"&Redo {t}" if t else "&Redo")
        )
        a[ActionId.UNDO].setEnabled(False)
        a[ActionId.REDO].setEnabled(False)
        for action in a.values():
            self.addAction(action)  # shortcuts work even with the menu bar hidden
        self._update_enabled()

    # -- pages, status -----------------------------------------------------------------

    def _show_start_page(self) -> None:
        if self.pages.currentWidget() is not self.start_page:
            self._saved_layout = self.saveState()
        self.pages.setCurrentWidget(self.start_page)
        for dock in (self.versions_dock, self.claims_dock, self.similarity_dock):
            dock.setVisible(False)
        self.status_area.set_summary("Drop two or more versions of an article to compare them")

    def _show_grid_page(self) -> None:
        if self.pages.currentWidget() is not self.start_page:
            return
        self.pages.setCurrentIndex(1)
        # The saved dock layout (which docks are open, where) applies to the grid page only.
        if self._saved_layout is not None:
            self.restoreState(self._saved_layout)
            self._saved_layout = None
        else:
            for dock in (self.versions_dock, self.claims_dock, self.similarity_dock):
                dock.setVisible(True)

    def _update_enabled(self) -> None:
        has = self.comparison is not None
        for action_id in (
            ActionId.NEXT_DIFFERENCE,
            ActionId.PREVIOUS_DIFFERENCE,
            ActionId.NEXT_CLAIM,
            ActionId.PREVIOUS_CLAIM,
            ActionId.FIND,
            ActionId.FIND_NEXT,
            ActionId.FIND_PREVIOUS,
            ActionId.NOTE_ON_ROW,
        ):
            self.actions_by_id[action_id].setEnabled(has)
        self.actions_by_id[ActionId.JUMP_TO_MOVED].setEnabled(
            has and self.view.reading_order_row() is not None
        )
        self.actions_by_id[ActionId.SAVE_SESSION].setEnabled(bool(self.inputs.documents))
        self.actions_by_id[ActionId.SAVE_SESSION_AS].setEnabled(bool(self.inputs.documents))
        self.reports.update_enabled()

    def _update_status(self) -> None:
        c = self.comparison
        if c is None:
            return
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
            parts.append(f"{hidden} identical row{'' if hidden == 1 else 's'} hidden")
        parts.append(f"analysed in {c.elapsed_ms:.0f} ms")
        self.status_area.set_summary(" \u00b7 ".join(parts))

    # -- loading -----------------------------------------------------------------------

    def open_articles_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Open articles to compare", "", ARTICLE_FILTER
        )
        if names:
            self.open_files([Path(n) for n in names])

    def add_articles_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add article versions", "", ARTICLE_FILTER)
        if names:
            self.add_files([Path(n) for n in names])

    def _replace_dialog(self, label: str) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, f"Replace “{label}” with another file", "", ARTICLE_FILTER
        )
        if name:
            self.runner.load([name], f"replace:{label}")

    def open_files(self, paths: Sequence[Path]) -> None:
        """Compare ``paths`` as a new comparison (after asking to save unsaved work)."""
        if not self.sessions.maybe_save():
            return
        self.runner.load(list(paths), "open")

    def add_files(self, paths: Sequence[Path]) -> None:
        self.runner.load(list(paths), "add" if self.inputs.documents else "open")

    def open_sample(self) -> None:
        self.open_files(sample_paths())

    def open_dropped(self, paths: Sequence[Path]) -> None:
        """A drop: a session file opens; articles (and folders of them) are added."""
        sessions, articles = expand_dropped(paths)
        if sessions:
            self.sessions.open_path(sessions[0])
            if len(sessions) > 1 or articles:
                self.notice.show_notice(
                    f"Opened the session {sessions[0].name}; the other dropped files were "
                    "not added (drop them again to add them to it).",
                    NoticeKind.INFO,
                )
            return
        if not articles:
            self.notice.show_notice(
                "Nothing to compare in what was dropped: no supported files "
                f"({', '.join(SUPPORTED_EXTENSIONS)}).",
                NoticeKind.WARNING,
            )
            return
        self.add_files(articles)

    def paste_version(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.notice.show_notice("The clipboard holds no text to add.", NoticeKind.WARNING)
            return
        n = 1
        while f"Pasted {n}" in self.inputs.labels:
            n += 1
        doc = document_from_text(text, f"Pasted {n}")
        self._edit(self.inputs.adding([doc]), "Paste Version")

    def _on_loaded(self, done: LoadDone) -> None:
        if done.problems:
            lines = [str(p) for p in done.problems]
            skipped = (
                "Skipped a file that cannot be read"
                if len(lines) == 1
                else (f"Skipped {len(lines)} files that cannot be read")
            )
            self.notice.show_notice(f"{skipped}:\n" + "\n".join(lines), NoticeKind.WARNING)
        docs = done.documents
        if not docs:
            return
        if done.purpose == "open":
            self.undo_stack.clear()
            self.sessions.start_new()
            self._pending_view = None
            self._pair = None
            self._apply_inputs(Inputs(settings=self.prefs.settings(None)).adding(docs))
        elif done.purpose == "add":
            what = "Add Version" if len(docs) == 1 else f"Add {len(docs)} Versions"
            self._edit(self.inputs.adding(docs), what)
        elif done.purpose.startswith("replace:"):
            label = done.purpose.removeprefix("replace:")
            if label in self.inputs.labels:
                self._edit(self.inputs.replacing(label, docs[0]), f"Replace {label}")

    # -- editing the inputs (undoable) -------------------------------------------------

    def _edit(self, after: Inputs, text: str) -> None:
        if after == self.inputs:
            return
        self.undo_stack.push(_InputsChange(self, self.inputs, after, text))
        self.sessions.mark_modified()

    def _apply_inputs(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self._refresh_versions_panel()
        self._update_enabled()
        if len(inputs.included) >= 2:
            self._show_grid_page()
            self.request_analysis()
        elif inputs.documents:
            self._show_grid_page()
            self.runner.cancel()
            self.comparison = None
            self._show_comparison(None)
            self.notice.show_notice(
                "Add or include at least two versions to compare them.",
                NoticeKind.INFO,
                "Add Article…",
                self.add_articles_dialog,
            )
        else:
            self.runner.cancel()
            self.comparison = None
            self._show_comparison(None)
            self._show_start_page()

    def _refresh_versions_panel(self) -> None:
        c = self.comparison
        counts = {v.label: v.word_count for v in c.versions} if c else {}
        base = self.inputs.base or next(iter(d.label for d in self.inputs.included), None)
        self.versions_panel.set_versions(
            [
                VersionEntry(
                    label=d.label,
                    source=d.source,
                    title=d.title,
                    word_count=counts.get(d.label, len(d.text.split())),
                    included=d.label not in self.inputs.excluded,
                    is_base=d.label == base,
                )
                for d in self.inputs.documents
            ]
        )

    def _reorder(self, order: tuple[str, ...]) -> None:
        self._edit(self.inputs.reordered(order), "Reorder Versions")

    def _include(self, change: IncludeChange) -> None:
        verb = "Include" if change.included else "Leave Out"
        self._edit(self.inputs.including(change.label, change.included), f"{verb} {change.label}")

    def set_base(self, label: str) -> None:
        self._edit(self.inputs.with_base(label), f"Use {label} as Base")

    def _rename(self, rename: Rename) -> None:
        if rename.new in self.inputs.labels or not rename.new.strip():
            self._refresh_versions_panel()
            return
        self._edit(self.inputs.renaming(rename.old, rename.new), f"Rename {rename.old}")
        self.sessions.set_annotations(self.sessions.annotations.renamed(rename.old, rename.new))

    def remove_version(self, label: str) -> None:
        self._edit(self.inputs.removing(label), f"Remove {label}")
        self.statusBar().showMessage(f"Removed {label} (Ctrl+Z brings it back)", 8000)

    # -- analysis ----------------------------------------------------------------------

    def request_analysis(self) -> None:
        docs = self.inputs.included
        if len(docs) < 2:
            return
        self.runner.compare(docs, self.inputs.analysis_settings())
        self.status_area.start()

    def cancel_analysis(self) -> None:
        self.runner.cancel()
        self.status_area.stop()
        self.statusBar().showMessage("Analysis cancelled", 5000)

    def _on_progress(self, p: CompareProgress) -> None:
        if p.request_id != self.runner.latest_compare:
            return
        self.status_area.update_progress(p.fraction, p.message)

    def _on_compared(self, done: CompareDone) -> None:
        self.status_area.stop()
        if done.comparison is None:
            QMessageBox.warning(self, "Analysis failed", done.error or "The analysis failed.")
            return
        self.comparison = done.comparison
        self._show_comparison(done.comparison)

    def _show_comparison(self, c: Comparison | None) -> None:
        labels = c.labels if c is not None else ()
        if self._pair is not None and not set(self._pair) <= set(labels):
            self._pair = None
        scroll_row = self.view.current_source_row()
        columns_before = self.model.labels
        self.model.set_comparison(c, self._pair)
        self.view.comparison_changed(relayout=False)
        view = self._pending_view
        if view is not None:
            self._pending_view = None
            self.view.fit_columns()
            self.view.set_column_widths(dict(view.column_widths))
            scroll_row = view.scroll_row
        elif self.model.labels != columns_before or not self.view.user_sized_columns:
            self.view.fit_columns()
        else:
            self.view.refresh_layout()
        if scroll_row >= 0 and c is not None:
            model_row = self.model.model_row(scroll_row) if scroll_row < len(c.rows) else -1
            if model_row >= 0:
                self.view.scroll_to_top_row(model_row)
        self._refresh_row_notes()
        self.claims_panel.set_claims(c, self.model.labels, self.sessions.annotations)
        self.similarity_panel.set_comparison(c, labels)
        self._refresh_versions_panel()
        self._refresh_find()
        self._update_status()
        self._update_enabled()

    # -- navigation --------------------------------------------------------------------

    def _step(self, wanted: str, forward: bool) -> None:
        if not self.view.step_row(forward, wanted):
            where = "below" if forward else "above"
            what = "difference" if wanted == "difference" else "claim"
            self.statusBar().showMessage(f"No {what} {where}", 3000)
            return
        self.view.setFocus()
        if wanted == "claim":
            self._sync_claim_selection()

    def _current_changed(self) -> None:
        self.actions_by_id[ActionId.JUMP_TO_MOVED].setEnabled(
            self.view.reading_order_row() is not None
        )

    def _sync_claim_selection(self) -> None:
        c = self.comparison
        index = self.view.currentIndex()
        if c is None or not index.isValid():
            return
        source = self.model.source_row(index.row())
        label = self.model.label_at(index.column())
        claim = next((cl for cl in c.claims if cl.row == source and cl.version == label), None)
        self.claims_panel.select_claim(claim)

    def show_claim(self, claim: Claim) -> None:
        """Scroll the grid to ``claim`` and select its cell (the claims panel's click)."""
        if self.model.model_row(claim.row) < 0 and self.model.differences_only:
            self.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(False)
        if self.model.column_of(claim.version) < 0:
            self.show_all_versions()
        self.view.go_to_source(claim.row, claim.version)

    def _jump_to_reading_order(self) -> None:
        target = self.view.reading_order_row()
        if target is None:
            return
        label = self.model.label_at(self.view.currentIndex().column())
        if not self.view.go_to_source(target, label):
            self.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(False)
            self.view.go_to_source(target, label)
        self.statusBar().showMessage(f"Where this text sits in {label}'s reading order", 4000)

    def show_pair(self, pair: tuple[str, str]) -> None:
        """Show only two versions side by side (the similarity map's click)."""
        if self.comparison is None:
            return
        self._pair = pair
        self._show_comparison(self.comparison)
        self.notice.show_notice(
            f"Showing {pair[0]} and {pair[1]} side by side.",
            NoticeKind.INFO,
            "Show All Versions",
            self.show_all_versions,
        )

    def show_all_versions(self) -> None:
        if self._pair is None:
            return
        self._pair = None
        self.notice.hide()
        self._show_comparison(self.comparison)

    def set_differences_only(self, on: bool) -> None:
        self.model.set_differences_only(on)
        self.view.refresh_layout()
        self._refresh_find()
        self._update_status()
        if on != self.prefs.differences_only:
            self.prefs = replace(self.prefs, differences_only=on)
            save_preferences(self.prefs)

    def set_zoom(self, step: int) -> None:
        self.view.set_zoom(max(-4, min(12, step)))

    def _focus_dock(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        widget = dock.widget()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if widget.focusProxy() is None:
            widget.focusNextChild()

    # -- Find --------------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.open()
        if self.find_bar.query():  # reopened: show the previous query's matches again
            self._find_query(self.find_bar.query())

    def _find_query(self, query: str) -> None:
        self.view.set_query(query)
        self._find_status()

    def _refresh_find(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.query():
            self.view.set_query(self.find_bar.query())
            self._find_status()

    def _find_step(self, forward: bool) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open()
        if self.view.match_count == 0 and self.find_bar.query():
            self.view.set_query(self.find_bar.query())
        self.view.step_match(forward)
        self._find_status()

    def _find_status(self) -> None:
        self.find_bar.set_status(FindStatus(self.view.current_match, self.view.match_count))

    def _find_closed(self) -> None:
        self.view.set_query("")
        self.view.setFocus()

    # -- verdicts, notes ---------------------------------------------------------------

    def _verdict_menu(self, request: ClaimMenuRequest) -> None:
        self.sessions.verdict_menu(request.claim, self).exec(request.global_pos)

    def _on_annotations(self, annotations: Annotations) -> None:
        self.claims_panel.set_annotations(annotations)
        self._refresh_row_notes()

    def _refresh_row_notes(self) -> None:
        c = self.comparison
        notes: dict[int, str] = {}
        if c is not None and any(n.kind == "row" for n in self.sessions.annotations.notes):
            for i in range(len(c.rows)):
                note = self.sessions.annotations.for_row(c, i)
                if note is not None and note.note.strip():
                    notes[i] = note.note
        self.model.set_row_notes(notes)

    def edit_row_note(self) -> None:
        c = self.comparison
        index = self.view.currentIndex()
        if c is None or not index.isValid():
            return
        source = self.model.source_row(index.row())
        current = self.sessions.annotations.for_row(c, source)
        text, ok = QInputDialog.getMultiLineText(
            self,
            "Note on this row",
            f"Your note on row {source + 1}:",
            current.note if current else "",
        )
        if ok:
            self.sessions.set_annotations(
                self.sessions.annotations.with_note(row_note(c, source, text))
            )

    def _grid_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid() or self.comparison is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        c = self.comparison
        source = self.model.source_row(index.row())
        label = self.model.label_at(index.column())
        claim = next((cl for cl in c.claims if cl.row == source and cl.version == label), None)
        if claim is not None:
            verdicts = self.sessions.verdict_menu(claim, menu)
            verdicts.setTitle("Claim &Verdict")
            menu.addMenu(verdicts)
        menu.addAction(self.actions_by_id[ActionId.NOTE_ON_ROW])
        if self.view.reading_order_row() is not None:
            menu.addAction(self.actions_by_id[ActionId.JUMP_TO_MOVED])
        copy = menu.addAction("&Copy Text")
        copy.triggered.connect(
            lambda _c=False: QGuiApplication.clipboard().setText(str(self.model.data(index) or ""))
        )
        menu.addSeparator()
        menu.addAction(f"Use {label} as &Base").triggered.connect(
            lambda _c=False: self.set_base(label)
        )
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # -- preferences, about ------------------------------------------------------------

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        self.apply_preferences(dialog.preferences())

    def apply_preferences(self, prefs: Preferences) -> None:
        before = self.prefs
        self.prefs = prefs
        save_preferences(prefs)
        self.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(prefs.differences_only)
        if prefs.analysis_differs(before):
            new = self.inputs.with_settings(prefs.settings(None))
            if self.inputs.documents:
                self._edit(new, "Change Analysis Settings")
            else:
                self.inputs = new

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Variorum",
            f"Variorum {__version__}\n\nCompare versions of a news article: the statements "
            "they share, what each changed word by word, and the claims only one makes.",
        )

    # -- SessionHost -------------------------------------------------------------------

    def session_inputs(self) -> Session | None:
        if not self.inputs.documents:
            return None
        from variorum.session import session_from_documents

        view = ViewState(
            column_order=self.inputs.labels,
            column_widths=tuple(self.view.column_widths().items()),
            hidden=tuple(sorted(self.inputs.excluded)),
            scroll_row=max(self._first_visible_source_row(), 0),
        )
        return session_from_documents(self.inputs.documents, self.inputs.settings, view)

    def _first_visible_source_row(self) -> int:
        model_row = self.view.rowAt(0)
        return self.model.source_row(model_row) if model_row >= 0 else -1

    def show_session(self, session: Session) -> None:
        self.undo_stack.clear()
        self._pair = None
        self._pending_view = session.view
        inputs = Inputs(
            documents=session.documents,
            excluded=frozenset(session.view.hidden) & set(session.labels),
            settings=session.settings,
        )
        if session.view.column_order:
            inputs = inputs.reordered(session.view.column_order)
        self.comparison = None
        self._apply_inputs(inputs)

    # -- ReportHost --------------------------------------------------------------------

    def report_inputs(self) -> tuple[Comparison, Annotations | None] | None:
        if self.comparison is None:
            return None
        return self.comparison, self.sessions.annotations

    # -- window events -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Open after the drop returns, so a dialog (Save changes?) never runs inside it.
        QTimer.singleShot(0, lambda: self.open_dropped(paths))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.view.set_dark(is_dark(self.palette()))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.sessions.confirm_close():
            event.ignore()
            return
        save_window_state(self.window_state())
        self.reports.cancel_export()
        self.reports.wait_for_export(5000)
        self.runner.shutdown()
        event.accept()

    def window_state(self) -> WindowState:
        on_grid = self.pages.currentWidget() is not self.start_page
        layout = self.saveState() if on_grid or self._saved_layout is None else self._saved_layout
        return WindowState(
            geometry=_b64(self.saveGeometry()),
            layout=_b64(layout),
            zoom=self.view.zoom,
        )

    def _restore_window_state(self, state: WindowState) -> None:
        if state.geometry:
            self.restoreGeometry(QByteArray.fromBase64(state.geometry.encode("ascii")))
        else:
            self.resize(1400, 900)
        self._saved_layout = (
            QByteArray.fromBase64(state.layout.encode("ascii")) if state.layout else None
        )
        if state.zoom:
            self.set_zoom(state.zoom)


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
