"""The window's disagreement behaviour: jump to one, step through them, verdicts and notes.

``DisagreementController`` connects the claims panel's Disagreements section and the
Next/Previous Disagreement actions to the grid, and keeps verdicts and notes on
disagreements in the session's annotations (``annotations.disagreement_note``), as the
session controller does for claims. It reads the window's current comparison through
``comparison()`` and never changes analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
    QWidget,
)

from variorum.annotations import Note, Verdict, disagreement_note
from variorum.disagreements import Disagreement, describe
from variorum.engine.model import Comparison
from variorum.gui.actions import ActionId
from variorum.gui.claims_panel import ClaimsPanel
from variorum.gui.comparison_pane import ComparisonPane
from variorum.gui.disagreements_list import DisagreementMenuRequest
from variorum.gui.session_actions import NoteEditor, SessionController, add_verdict_choices
from variorum.gui.synoptic_view import Direction, Stop

STATUS_MS = 3000


class DisagreementController(QObject):
    def __init__(
        self,
        window: QMainWindow,
        pane: ComparisonPane,
        panel: ClaimsPanel,
        sessions: SessionController,
        actions: Mapping[ActionId, QAction],
        comparison: Callable[[], Comparison | None],
        show_all_versions: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pane = pane
        self._panel = panel
        self._sessions = sessions
        self._actions = actions
        self._comparison = comparison
        self._show_all_versions = show_all_versions
        panel.disagreementActivated.connect(self.show)
        panel.disagreementMenuRequested.connect(self._menu)
        for action_id, forward in (
            (ActionId.NEXT_DISAGREEMENT, True),
            (ActionId.PREVIOUS_DISAGREEMENT, False),
        ):
            actions[action_id].triggered.connect(lambda _c=False, f=forward: self.step(f))

    def update_enabled(self, has_comparison: bool) -> None:
        for action_id in (ActionId.NEXT_DISAGREEMENT, ActionId.PREVIOUS_DISAGREEMENT):
            self._actions[action_id].setEnabled(has_comparison)

    # -- navigation ------------------------------------------------------------------------
    def show(self, d: Disagreement) -> None:
        """Scroll the grid to ``d``'s row, on the first version stating it (a panel click)."""
        model, view = self._pane.model, self._pane.view
        if any(model.column_of(v.version) < 0 for v in d.conflict.values):
            self._show_all_versions()
        if model.model_row(d.row) < 0 and model.differences_only:
            self._actions[ActionId.DIFFERENCES_ONLY].setChecked(False)
        label = next(
            (v.version for v in d.conflict.values if model.column_of(v.version) >= 0), None
        )
        view.go_to_source(d.row, label)

    def step(self, forward: bool) -> None:
        """Go to the next (previous) row whose shown versions disagree on a fact."""
        view = self._pane.view
        if not view.step_row(Direction.NEXT if forward else Direction.PREVIOUS, Stop.DISAGREEMENT):
            where = "below" if forward else "above"
            self._window.statusBar().showMessage(f"No disagreement {where}", STATUS_MS)
            return
        view.setFocus()
        self._panel.disagreements.select_row(view.current_source_row())

    # -- verdicts and notes ----------------------------------------------------------------
    def note_for(self, d: Disagreement) -> Note | None:
        return self._sessions.annotations.for_conflict(self._comparison(), d)

    def set_verdict(self, d: Disagreement, verdict: Verdict, note: str = "") -> None:
        c = self._comparison()
        if c is None:
            return
        annotations = self._sessions.annotations
        old = annotations.for_conflict(c, d)
        if old is not None:  # replace the note wherever it is anchored (any value's side)
            annotations = annotations.with_note(
                Note(old.version, old.anchor, Verdict.UNREVIEWED, "", kind=old.kind)
            )
        self._sessions.set_annotations(
            annotations.with_note(disagreement_note(c, d, verdict, note))
        )

    def edit_note(self, d: Disagreement) -> bool:
        """Open the verdict editor for ``d``; True when the user changed something."""
        editor = DisagreementEditor(d, self.note_for(d), self._window)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return False
        before = self._sessions.annotations
        self.set_verdict(d, editor.verdict(), editor.note())
        return self._sessions.annotations != before

    def verdict_menu(self, d: Disagreement, parent: QWidget | None = None) -> QMenu:
        """A menu to set the disagreement's verdict in one click, or edit its note."""
        menu = QMenu("&Disagreement Verdict", parent)
        add_verdict_choices(
            menu,
            self.note_for(d),
            lambda verdict, note: self.set_verdict(d, verdict, note),
            lambda: self.edit_note(d),
        )
        return menu

    def in_cell(self, source_row: int, label: str) -> Disagreement | None:
        """The first disagreement listed for this cell's row that this version takes part in."""
        return next(
            (
                d
                for d in self._panel.disagreements.disagreements
                if d.row == source_row and d.conflict.value(label) is not None
            ),
            None,
        )

    def _menu(self, request: DisagreementMenuRequest) -> None:
        self.verdict_menu(request.disagreement, self._window).exec(request.global_pos)


class DisagreementEditor(NoteEditor):
    """A disagreement's verdict and free-text note."""

    def __init__(
        self, d: Disagreement, current: Note | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Verdict on a disagreement",
            "Disagreement:",
            f"Row {d.row + 1}: {describe(d.conflict)}",
            "Which is right? Sources, who to ask\u2026",
            current,
            parent,
        )
