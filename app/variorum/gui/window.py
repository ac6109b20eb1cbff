"""The Variorum main window: start page or synoptic grid, with versions, claims, similarity docks.

The window shows the user's ``Inputs`` (documents, exclusions, settings), which the
``InputsEditor`` alone holds and edits undoably (an opened session included): the window
listens to ``inputsChanged`` and never writes the inputs itself. It asks the
``AnalysisRunner`` for a ``Comparison`` off the UI thread and hands the result to the grid
and panels, never analysing anything itself. Sessions go through ``SessionController``,
reports through ``ReportController``; every action comes from ``actions.ACTIONS``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRect, QSignalBlocker, Qt, QTimer, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from variorum import __version__
from variorum.annotations import Annotations, row_note
from variorum.engine.api import LoadProblem
from variorum.engine.ingest import IngestError
from variorum.engine.ingest_warc import index_warc, is_warc
from variorum.engine.model import Claim, Comparison
from variorum.gui.actions import (
    RECENT_SESSIONS,
    ActionId,
    create_action,
    create_actions,
    spec,
    tooltip_text,
)
from variorum.gui.analysis import (
    AnalysisRunner,
    CompareDone,
    CompareProgress,
    LoadDone,
    LoadPurpose,
)
from variorum.gui.archive_dialog import ask_for_archive_page
from variorum.gui.article_intake import (
    MAX_FILES_WITHOUT_ASKING,
    ask_first_part,
    ask_for_articles,
    ask_for_replacement,
    ask_many_files,
    nothing_dropped_message,
    session_dropped_message,
)
from variorum.gui.claims_panel import ClaimMenuRequest, ClaimsPanel
from variorum.gui.comparison_pane import ComparisonPane, claim_in_cell
from variorum.gui.disagreement_actions import DisagreementController
from variorum.gui.inputs import Inputs, expand_dropped
from variorum.gui.inputs_editor import InputsEditor, InputsUpdate
from variorum.gui.notice_bar import NoticeBar, NoticeKind
from variorum.gui.options import (
    Preferences,
    WindowState,
    load_preferences,
    load_window_state,
    save_preferences,
    save_window_state,
)
from variorum.gui.palette import is_dark
from variorum.gui.plain_text import plain_message
from variorum.gui.preferences_dialog import PreferencesDialog
from variorum.gui.report_actions import ReportController
from variorum.gui.session_actions import SessionController, SessionDialogs
from variorum.gui.similarity_panel import SimilarityPanel
from variorum.gui.start_page import StartPage
from variorum.gui.status_area import StatusArea
from variorum.gui.synoptic_view import Direction, Stop
from variorum.gui.versions_panel import VersionsPanel
from variorum.gui.window_chrome import (
    add_docks,
    add_menus,
    add_toolbar,
    bind_undo_actions,
    connect_handlers,
    fit_docks,
    focus_dock,
)
from variorum.resources import icon_path, sample_paths
from variorum.session import Session, SessionStore, ViewState

log = logging.getLogger(__name__)


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
        self.ask_archive_page = ask_for_archive_page  # tests answer in its place
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

        self._build_central()
        self._build_docks()
        self._build_status()
        self.sessions = SessionController(
            self, self, store=store, dialogs=session_dialogs, actions=self.actions_by_id
        )
        self.sessions.annotationsChanged.connect(self._on_annotations)
        self.sessions.sessionNotice.connect(
            lambda text: self.notice.show_notice(text, NoticeKind.WARNING)
        )
        self.inputs_editor = InputsEditor(
            self.undo_stack,
            self.versions_panel,
            self.sessions,
            self.notice,
            self.statusBar(),
            lambda: Inputs(settings=self.prefs.settings(None)),
            self,
        )
        self.inputs_editor.inputsChanged.connect(self._on_inputs_changed)
        self.runner.load_done.connect(self._on_loaded)
        self.runner.load_progress.connect(self._on_load_progress)
        self.reports = ReportController(self, self, self.actions_by_id)
        self.disagreements = DisagreementController(
            self,
            self.comparison_pane,
            self.claims_panel,
            self.sessions,
            self.actions_by_id,
            lambda: self.comparison,
            self.show_all_versions,
        )
        add_menus(
            self, self.actions_by_id, {RECENT_SESSIONS: self.sessions.recent_menu}, self.docks
        )
        add_toolbar(self, self.actions_by_id)
        self._connect_actions()
        self._show_start_page()
        self._restore_window_state(load_window_state())

    # -- construction ------------------------------------------------------------------

    def _build_central(self) -> None:
        self.comparison_pane = ComparisonPane()
        # The grid's parts, by the names the rest of the app uses.
        self.model = self.comparison_pane.model
        self.view = self.comparison_pane.view
        self.find_bar = self.comparison_pane.find_bar
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._grid_menu)
        self.view.doubleClicked.connect(lambda _i: self._jump_to_reading_order())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._current_changed())
        self.notice = NoticeBar()
        self.start_page = StartPage()
        self.start_page.openArticlesRequested.connect(self.open_articles_dialog)
        self.start_page.openSessionRequested.connect(lambda: self.sessions.open_dialog())
        self.start_page.sampleRequested.connect(self.open_sample)
        self.start_page.recentActivated.connect(lambda p: self.sessions.open_path(p))
        self.start_page.filesDropped.connect(self.open_dropped)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.comparison_pane)
        self.comparison_pane.timeline.revisionActivated.connect(self.show_revision)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        self.versions_panel = VersionsPanel()  # the inputs editor takes its edits
        self.versions_panel.replaceRequested.connect(self._replace_dialog)
        self.versions_panel.addRequested.connect(self.add_articles_dialog)
        self.claims_panel = ClaimsPanel()
        self.claims_panel.claimActivated.connect(self.show_claim)
        self.claims_panel.verdictMenuRequested.connect(self._verdict_menu)
        self.similarity_panel = SimilarityPanel()
        self.similarity_panel.pairActivated.connect(self.show_pair)
        self.docks = add_docks(self, self.versions_panel, self.similarity_panel, self.claims_panel)

    def _build_status(self) -> None:
        self.status_area = StatusArea()
        self.status_area.cancelRequested.connect(self.cancel_analysis)
        self.statusBar().addPermanentWidget(self.status_area)

    def _connect_actions(self) -> None:
        a = self.actions_by_id
        pane = self.comparison_pane
        connect_handlers(
            a,
            {
                ActionId.OPEN_ARTICLES: self.open_articles_dialog,
                ActionId.ADD_ARTICLE: self.add_articles_dialog,
                ActionId.PASTE_VERSION: self.paste_version,
                ActionId.OPEN_SAMPLE: self.open_sample,
                ActionId.CLOSE_COMPARISON: self.close_comparison,
                ActionId.PREFERENCES: self.edit_preferences,
                ActionId.QUIT: self.close,
                ActionId.FIND: pane.open_find,
                ActionId.FIND_NEXT: lambda: pane.find_step(True),
                ActionId.FIND_PREVIOUS: lambda: pane.find_step(False),
                ActionId.NEXT_DIFFERENCE: lambda: self._step(Stop.DIFFERENCE, Direction.NEXT),
                ActionId.PREVIOUS_DIFFERENCE: lambda: self._step(
                    Stop.DIFFERENCE, Direction.PREVIOUS
                ),
                ActionId.NEXT_CLAIM: lambda: self._step(Stop.CLAIM, Direction.NEXT),
                ActionId.PREVIOUS_CLAIM: lambda: self._step(Stop.CLAIM, Direction.PREVIOUS),
                ActionId.JUMP_TO_MOVED: self._jump_to_reading_order,
                ActionId.NEXT_REVISION: lambda: self.step_revision(True),
                ActionId.PREVIOUS_REVISION: lambda: self.step_revision(False),
                ActionId.ZOOM_IN: lambda: self.set_zoom(self.view.zoom + 1),
                ActionId.ZOOM_OUT: lambda: self.set_zoom(self.view.zoom - 1),
                ActionId.ZOOM_RESET: lambda: self.set_zoom(0),
                ActionId.FOCUS_GRID: lambda: self.view.setFocus(),
                ActionId.FOCUS_VERSIONS: lambda: focus_dock(self.docks.versions),
                ActionId.FOCUS_CLAIMS: lambda: focus_dock(self.docks.claims),
                ActionId.FOCUS_SIMILARITY: lambda: focus_dock(self.docks.similarity),
                ActionId.UNDO: self.undo_stack.undo,
                ActionId.REDO: self.undo_stack.redo,
                ActionId.NOTE_ON_ROW: self.edit_row_note,
                ActionId.ABOUT: self.about,
            },
        )
        # Checked only while a comparison shows (see _update_differences_only); the model
        # keeps the preference meanwhile.
        a[ActionId.DIFFERENCES_ONLY].toggled.connect(self.set_differences_only)
        self.model.set_differences_only(self.prefs.differences_only)
        bind_undo_actions(self.undo_stack, a)
        for action in a.values():
            self.addAction(action)  # shortcuts work even with the menu bar hidden
        self._update_enabled()

    # -- pages, status -----------------------------------------------------------------

    def _show_start_page(self) -> None:
        if self.pages.currentWidget() is not self.start_page:
            self._saved_layout = self.saveState()
        self.pages.setCurrentWidget(self.start_page)
        self.start_page.set_recent(self.sessions.store.recent())  # saves since it was shown
        self.docks.set_visible(False)
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
            self.docks.set_visible(True)
            fit_docks(self, self.docks)

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
        for action_id in (ActionId.NEXT_REVISION, ActionId.PREVIOUS_REVISION):
            self.actions_by_id[action_id].setEnabled(
                has and bool(self.comparison_pane.timeline.revisions)
            )
        self.actions_by_id[ActionId.CLOSE_COMPARISON].setEnabled(bool(self.inputs.documents))
        self.actions_by_id[ActionId.SAVE_SESSION].setEnabled(bool(self.inputs.documents))
        self.actions_by_id[ActionId.SAVE_SESSION_AS].setEnabled(bool(self.inputs.documents))
        self.reports.update_enabled()
        self.disagreements.update_enabled(has)
        self._update_differences_only()

    def _update_differences_only(self) -> None:
        """Differences Only is pressed only over a comparison (on the start page it would
        claim a filter over nothing) and says when there is nothing for it to hide."""
        action = self.actions_by_id[ActionId.DIFFERENCES_ONLY]
        has = self.comparison is not None
        action.setEnabled(has)
        want = has and self.prefs.differences_only
        if action.isChecked() != want:
            with QSignalBlocker(action):
                action.setChecked(want)
        tip = tooltip_text(spec(ActionId.DIFFERENCES_ONLY))
        if has and self.model.identical_row_count() == 0:
            tip = "Differences Only: nothing to hide, every row differs in some version"
        action.setToolTip(tip)

    def _update_status(self) -> None:
        if self.comparison is not None:
            self.status_area.set_summary(self.comparison_pane.summary(self.comparison))

    # -- loading -----------------------------------------------------------------------

    @Slot()
    def open_articles_dialog(self) -> None:
        paths = ask_for_articles(self, "Open articles to compare")
        if paths:
            self.open_files(paths)

    @Slot()
    def add_articles_dialog(self) -> None:
        paths = ask_for_articles(self, "Add article versions")
        if paths:
            self.add_files(paths)

    @Slot(str)
    def _replace_dialog(self, label: str) -> None:
        name = ask_for_replacement(self, label)
        if name:
            self.runner.load([name], LoadPurpose.REPLACE, label=label)

    def open_files(self, paths: Sequence[Path]) -> None:
        """Compare ``paths`` as a new comparison (after asking to save unsaved work)."""
        chosen, url = self._archive_page(paths)
        if not chosen or not self.sessions.maybe_save():
            return
        self._load(paths, LoadPurpose.OPEN, url)

    def add_files(self, paths: Sequence[Path]) -> None:
        chosen, url = self._archive_page(paths)
        if chosen:
            purpose = LoadPurpose.ADD if self.inputs.documents else LoadPurpose.OPEN
            self._load(paths, purpose, url)

    def _archive_page(self, paths: Sequence[Path]) -> tuple[bool, str | None]:
        """(go on?, URL) for the web archives among ``paths``: the user picks the page of the
        first archive holding several; every archive then gives its captures of that URL.
        An unreadable archive goes on, so loading reports it with the other files."""
        for path in paths:
            if not is_warc(path):
                continue
            try:
                pages = index_warc(path)
            except IngestError:
                continue
            if len(pages) > 1:
                url = self.ask_archive_page(self, path.name, pages)
                return url is not None, url
        return True, None

    def _load(self, paths: Sequence[Path], purpose: LoadPurpose, url: str | None = None) -> None:
        """Read ``paths`` off the UI thread with progress; many files ask first."""
        todo = list(paths)
        if len(todo) > MAX_FILES_WITHOUT_ASKING:
            if not ask_many_files(self, len(todo)):
                return
            todo = todo[:MAX_FILES_WITHOUT_ASKING]
        self.runner.load(todo, purpose, url)
        self.status_area.start("Reading…")

    @Slot(object)
    def _on_load_progress(self, p: CompareProgress) -> None:
        self.status_area.update_progress(p.fraction, p.message)

    @Slot(object)
    def _on_loaded(self, done: LoadDone) -> None:
        """A finished load: files over the limits are offered as their first part."""
        self.status_area.stop()
        if done.cancelled:
            self.statusBar().showMessage("Reading cancelled", 5000)
            return
        docs, problems = list(done.documents), list(done.problems)
        for over in done.over_limit:
            if ask_first_part(self, over.problem):
                docs.append(over.first_part)
            else:
                problems.append(LoadProblem(over.problem.source, over.problem.reason))
        self.inputs_editor.take_loaded(
            replace(done, documents=tuple(docs), problems=tuple(problems))
        )

    @Slot()
    def open_sample(self) -> None:
        self.open_files(sample_paths())

    def close_comparison(self) -> None:
        """Back to the start page, after asking about unsaved work."""
        if not self.sessions.maybe_save():
            return
        self.inputs_editor.start_new()

    @Slot(object)
    def open_dropped(self, paths: Sequence[Path]) -> None:
        """A drop: a session file opens; articles (and folders of them) are added."""
        sessions, articles = expand_dropped(paths)
        if sessions:
            self.sessions.open_path(sessions[0])
            if len(sessions) > 1 or articles:
                self.notice.show_notice(session_dropped_message(sessions[0]), NoticeKind.INFO)
            return
        if not articles:
            self.notice.show_notice(nothing_dropped_message(), NoticeKind.WARNING)
            return
        self.add_files(articles)

    def paste_version(self) -> None:
        self.inputs_editor.paste_version()

    # -- the inputs: edited by the inputs editor, shown here ---------------------------

    @property
    def inputs(self) -> Inputs:
        """What is compared; read-only here, the inputs editor is its one writer."""
        return self.inputs_editor.inputs

    def set_base(self, label: str) -> None:
        self.inputs_editor.set_base(label)

    def remove_version(self, label: str) -> None:
        self.inputs_editor.remove_version(label)

    @Slot(object)
    def _on_inputs_changed(self, update: InputsUpdate) -> None:
        if update.fresh:
            self._pending_view = update.view
            self._pair = None
            if update.view is not None:
                self.comparison = None  # a session's own counts, not the old comparison's
        self._show_inputs(update.inputs)

    def _show_inputs(self, inputs: Inputs) -> None:
        self.inputs_editor.show_versions(self.comparison)
        self._update_enabled()
        self.sessions.refresh_title()
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

    # -- analysis ----------------------------------------------------------------------

    def request_analysis(self) -> None:
        docs = self.inputs.included
        if len(docs) < 2:
            return
        self.runner.compare(docs, self.inputs.analysis_settings())
        self.status_area.start()

    @Slot()
    def cancel_analysis(self) -> None:
        self.runner.cancel_loads()
        self.runner.cancel()
        self.status_area.stop()
        self.statusBar().showMessage("Analysis cancelled", 5000)

    @Slot(object)
    def _on_progress(self, p: CompareProgress) -> None:
        if p.request_id != self.runner.latest_compare:
            return
        self.status_area.update_progress(p.fraction, p.message)

    @Slot(object)
    def _on_compared(self, done: CompareDone) -> None:
        self.status_area.stop()
        if done.comparison is None:
            message = done.error or "The analysis failed."
            plain_message(self, QMessageBox.Icon.Warning, "Analysis failed", message).exec()
            return
        self.comparison = done.comparison
        self._show_comparison(done.comparison)

    def _show_comparison(self, c: Comparison | None) -> None:
        labels = c.labels if c is not None else ()
        if self._pair is not None and not set(self._pair) <= set(labels):
            self._pair = None
        restore, self._pending_view = self._pending_view, None
        try:
            self.comparison_pane.show_comparison(c, self._pair, restore)
        except Exception as e:
            if restore is None:
                raise
            # Only the saved layout is lost: show the comparison laid out afresh and say so,
            # so the claims, verdicts and the rest of the session still appear.
            log.exception("restoring the saved view")
            name = self.sessions.path.name if self.sessions.path else "The session"
            self.notice.show_notice(
                f"{name}: its saved column widths and scroll position could not be "
                f"restored ({type(e).__name__}); the default layout is used.",
                NoticeKind.WARNING,
            )
            self.comparison_pane.show_comparison(c, self._pair, None)
        self.comparison_pane.show_row_notes(self.comparison, self.sessions.annotations)
        self.claims_panel.set_claims(c, self.model.labels, self.sessions.annotations)
        self.similarity_panel.set_comparison(c, labels)
        self.inputs_editor.show_versions(self.comparison)
        self.comparison_pane.refresh_find()
        self._update_status()
        self._update_enabled()

    # -- navigation --------------------------------------------------------------------

    def _step(self, wanted: Stop, direction: Direction) -> None:
        if not self.view.step_row(direction, wanted):
            where = "below" if direction is Direction.NEXT else "above"
            self.statusBar().showMessage(f"No {wanted} {where}", 3000)
            return
        self.view.setFocus()
        if wanted is Stop.CLAIM:
            self._sync_claim_selection()

    def _current_changed(self) -> None:
        self.actions_by_id[ActionId.JUMP_TO_MOVED].setEnabled(
            self.view.reading_order_row() is not None
        )

    def _sync_claim_selection(self) -> None:
        c = self.comparison
        cell = self.comparison_pane.current_cell()
        if c is None or cell is None:
            return
        self.claims_panel.select_claim(claim_in_cell(c, *cell))

    @Slot(object)
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

    def step_revision(self, forward: bool) -> None:
        """Show the next (previous) revision of the dated versions; from none, the first
        (last)."""
        timeline = self.comparison_pane.timeline
        count = len(timeline.revisions)
        current = timeline.current
        target = (current + 1 if forward else current - 1) if current else (1 if forward else count)
        if not 1 <= target <= count:
            which = "later" if forward else "earlier"
            self.statusBar().showMessage(
                f"No {which} revision" if count else "No dated versions to step through", 3000
            )
            return
        self.show_revision(target)

    @Slot(int)
    def show_revision(self, number: int) -> None:
        """Show revision ``number`` (1 = first change): its two versions side by side, at the
        first row it touched, with what it added, removed and changed in the notice."""
        timeline = self.comparison_pane.timeline
        if self.comparison is None or not 1 <= number <= len(timeline.revisions):
            return
        r = timeline.revisions[number - 1]
        self._pair = (r.before, r.after)
        self._show_comparison(self.comparison)
        timeline.set_current(number)
        if r.rows:
            self.view.go_to_source(r.rows[0], r.after)
        claims = f"{len(r.claims)} new claim{'' if len(r.claims) == 1 else 's'}"
        self.notice.show_notice(
            f"Revision {number} of {len(timeline.revisions)}: {r.before} → {r.after}: "
            f"{len(r.added)} added, {len(r.removed)} removed, {len(r.changed)} changed, "
            f"{claims}.",
            NoticeKind.INFO,
            "Show All Versions",
            self.show_all_versions,
        )

    @Slot(object)
    def show_pair(self, pair: tuple[str, str]) -> None:
        """Show only two versions side by side (the similarity map's click)."""
        if self.comparison is None:
            return
        self.comparison_pane.timeline.set_current(0)
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
        self.comparison_pane.timeline.set_current(0)
        self.notice.hide()
        self._show_comparison(self.comparison)

    def set_differences_only(self, on: bool) -> None:
        self.model.set_differences_only(on)
        self.view.refresh_layout()
        self.comparison_pane.refresh_find()
        self._update_status()
        if on and self.comparison is not None and self.model.identical_row_count() == 0:
            self.statusBar().showMessage(
                "Differences Only: nothing to hide, every row differs in some version", 5000
            )
        if on != self.prefs.differences_only:
            self.prefs = replace(self.prefs, differences_only=on)
            save_preferences(self.prefs)

    def set_zoom(self, step: int) -> None:
        self.view.set_zoom(max(-4, min(12, step)))

    # -- verdicts, notes ---------------------------------------------------------------

    @Slot(object)
    def _verdict_menu(self, request: ClaimMenuRequest) -> None:
        self.sessions.verdict_menu(request.claim, self).exec(request.global_pos)

    @Slot(object)
    def _on_annotations(self, annotations: Annotations) -> None:
        self.claims_panel.set_annotations(annotations)
        self.comparison_pane.show_row_notes(self.comparison, self.sessions.annotations)

    def edit_row_note(self) -> None:
        c = self.comparison
        cell = self.comparison_pane.current_cell()
        if c is None or cell is None:
            return
        source = cell[0]
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

    @Slot(QPoint)
    def _grid_menu(self, pos: QPoint) -> None:
        menu = self.grid_menu(pos)
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))

    def grid_menu(self, pos: QPoint) -> QMenu | None:
        """The grid's context menu for the cell at ``pos`` (made current): its own entries
        are actions of the table, its submenus the claim's and the disagreement's verdicts.
        None off the cells or with nothing compared."""
        index = self.view.indexAt(pos)
        if not index.isValid() or self.comparison is None:
            return None
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        c = self.comparison
        source = self.model.source_row(index.row())
        label = self.model.label_at(index.column())
        claim = claim_in_cell(c, source, label)
        if claim is not None:
            verdicts = self.sessions.verdict_menu(claim, menu)
            verdicts.setTitle("Claim &Verdict")
            menu.addMenu(verdicts)
        disagreement = self.disagreements.in_cell(source, label)
        if disagreement is not None:
            menu.addMenu(self.disagreements.verdict_menu(disagreement, menu))
        menu.addAction(self.actions_by_id[ActionId.NOTE_ON_ROW])
        if self.view.reading_order_row() is not None:
            menu.addAction(self.actions_by_id[ActionId.JUMP_TO_MOVED])
        menu.addAction(self.view.copy_action)  # copies the current cell, the one clicked
        menu.addSeparator()
        base = create_action(ActionId.GRID_USE_AS_BASE, menu)
        base.setText(spec(ActionId.GRID_USE_AS_BASE).text.format(label=label))
        base.triggered.connect(lambda _c=False: self.set_base(label))
        menu.addAction(base)
        return menu

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
        if self.comparison is not None:
            self.actions_by_id[ActionId.DIFFERENCES_ONLY].setChecked(prefs.differences_only)
        else:
            self.set_differences_only(prefs.differences_only)
        if prefs.analysis_differs(before):
            self.inputs_editor.change_settings(prefs.settings(None))

    def about(self) -> None:
        QMessageBox.about(self, "About Variorum", about_text())

    # -- SessionHost -------------------------------------------------------------------

    def session_inputs(self) -> Session | None:
        if not self.inputs.documents:
            return None
        from variorum.session import session_from_documents

        view = ViewState(
            column_order=self.inputs.labels,
            column_widths=tuple(self.view.column_widths().items()),
            hidden=tuple(sorted(self.inputs.excluded)),
            scroll_row=max(self.comparison_pane.first_visible_source_row(), 0),
        )
        return session_from_documents(self.inputs.documents, self.inputs.settings, view)

    def show_session(self, session: Session) -> None:
        self.inputs_editor.open_session(session)

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
            place = first_start_geometry(self.screen().availableGeometry())
            self.resize(place.size())
            self.move(place.topLeft())  # move() places the frame, title bar included
        self._saved_layout = (
            QByteArray.fromBase64(state.layout.encode("ascii")) if state.layout else None
        )
        if state.zoom:
            self.set_zoom(state.zoom)


TITLE_BAR_ALLOWANCE = 40  # px the window manager's title bar takes above the window


def first_start_geometry(available: QRect) -> QRect:
    """The window's first place: the whole available screen (no saved size yet), less the
    title bar the window manager adds, which is not known before the window is shown."""
    height = max(available.height() - TITLE_BAR_ALLOWANCE, available.height() * 9 // 10)
    return QRect(available.left(), available.top(), available.width(), height)


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def about_text() -> str:
    """Help > About: what the program is, and the notice the paraphrase model's licence asks
    for (the model ships inside the wordllama package)."""
    from variorum.engine.embed import MODEL_NOTICE

    return (
        f"Variorum {__version__}\n\nCompare versions of a news article: the statements "
        "they share, what each changed word by word, and the claims only one makes.\n\n"
        + MODEL_NOTICE
    )
