"""Undoable editing of the window's ``Inputs``: the versions panel, pasted and loaded articles.

``InputsEditor`` holds the current ``Inputs`` and turns each user edit into a command on
the undo stack; it never renders. It is the only writer of the inputs: every new value,
an opened session's included, leaves through ``inputsChanged`` (one ``InputsUpdate``), and
the window only listens and shows it; nothing writes the inputs back into the editor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QStatusBar

from variorum.engine.ingest import document_from_text
from variorum.engine.model import Comparison, Document, Settings
from variorum.gui.analysis import LoadDone, LoadPurpose
from variorum.gui.article_intake import pasted_label, unreadable_files_message
from variorum.gui.inputs import Inputs, inputs_of_session
from variorum.gui.notice_bar import NoticeBar, NoticeKind
from variorum.gui.session_actions import SessionController
from variorum.gui.set_aside_view import SetAsideLine
from variorum.gui.versions_panel import IncludeChange, Rename, VersionEntry, VersionsPanel
from variorum.session import Session, ViewState


@dataclass(frozen=True)
class InputsUpdate:
    """The inputs to show; ``fresh`` marks a new comparison, so the window forgets the
    views (a pair, a session's scroll position) and the comparison that belonged to the old
    one. ``view`` is an opened session's saved layout, to restore once it is compared."""

    inputs: Inputs
    fresh: bool = False
    view: ViewState | None = None

    def __post_init__(self) -> None:
        if self.view is not None and not self.fresh:
            raise ValueError("only a new comparison (a session opened) brings a saved view")


class _InputsChange(QUndoCommand):
    """One undoable edit of the inputs: both states are kept whole (they are small, frozen)."""

    def __init__(self, editor: InputsEditor, before: Inputs, after: Inputs, text: str) -> None:
        super().__init__(text)
        self._editor = editor
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._editor.show(self._after)

    def undo(self) -> None:
        self._editor.show(self._before)


class InputsEditor(QObject):
    """Edits of the inputs, from the versions panel, the clipboard and finished loads.

    ``blank`` gives the empty inputs a new comparison starts from (it reads the current
    preferences, so it is asked each time). The undo stack is the window's: it has to
    exist before the actions that show its text, long before this editor.
    """

    inputsChanged = Signal(object)  # InputsUpdate

    def __init__(
        self,
        undo_stack: QUndoStack,
        panel: VersionsPanel,
        sessions: SessionController,
        notice: NoticeBar,
        status_bar: QStatusBar,
        blank: Callable[[], Inputs],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._inputs = blank()  # the one current value; only show() replaces it
        self._panel = panel
        self._sessions = sessions
        self._notice = notice
        self._status_bar = status_bar
        self._blank = blank
        self._word_counts: dict[str, int] = {}
        panel.orderChanged.connect(self._reorder)
        panel.includedChanged.connect(self._include)
        panel.baseChosen.connect(self.set_base)
        panel.renameRequested.connect(self._rename)
        panel.removeRequested.connect(self.remove_version)
        panel.restoreRequested.connect(self.treat_as_text)

    @property
    def inputs(self) -> Inputs:
        """The current inputs (read-only: edits go through ``edit`` or ``show``)."""
        return self._inputs

    def show(self, inputs: Inputs, fresh: bool = False, view: ViewState | None = None) -> None:
        """Make ``inputs`` current and have the window show it (no undo step)."""
        self._inputs = inputs
        self.inputsChanged.emit(InputsUpdate(inputs, fresh, view))

    def edit(self, after: Inputs, text: str) -> None:
        """Change the inputs as one undo step named ``text``; the session is then modified."""
        if after == self.inputs:
            return
        self.undo_stack.push(_InputsChange(self, self.inputs, after, text))
        self._sessions.mark_modified()

    def start_new(self, docs: Iterable[Document] = ()) -> None:
        """A new comparison of ``docs`` (none: back to the start): no undo, a new session."""
        self.undo_stack.clear()
        self._sessions.start_new()
        self.show(self._blank().adding(docs), fresh=True)

    def open_session(self, session: Session) -> None:
        """Show a loaded session's inputs as a new comparison with its saved view (no undo;
        the session controller already holds the session itself)."""
        self.undo_stack.clear()
        self.show(inputs_of_session(session), fresh=True, view=session.view)

    def change_settings(self, settings: Settings) -> None:
        """New analysis settings: one undo step over articles, silently over none."""
        after = self.inputs.with_settings(settings)
        if self.inputs.documents:
            self.edit(after, "Change Analysis Settings")
        elif after != self.inputs:
            self.show(after)

    # -- the versions panel ------------------------------------------------------------

    def show_versions(self, comparison: Comparison | None) -> None:
        """List the inputs in the panel, with word counts from ``comparison`` when it has them."""
        c = comparison
        self._word_counts = {v.label: v.word_count for v in c.versions} if c else {}
        self._fill_panel()

    def _fill_panel(self) -> None:
        inputs = self.inputs
        base = inputs.base or next(iter(d.label for d in inputs.included), None)
        self._panel.set_versions(
            [
                VersionEntry(
                    label=d.label,
                    source=d.source,
                    title=d.title,
                    word_count=self._word_counts.get(d.label, len(d.text.split())),
                    included=d.label not in inputs.excluded,
                    is_base=d.label == base,
                    set_aside=d.boilerplate,
                )
                for d in inputs.documents
            ]
        )

    @Slot(object)
    def _reorder(self, order: tuple[str, ...]) -> None:
        self.edit(self.inputs.reordered(order), "Reorder Versions")

    @Slot(object)
    def _include(self, change: IncludeChange) -> None:
        verb = "Include" if change.included else "Leave Out"
        self.edit(self.inputs.including(change.label, change.included), f"{verb} {change.label}")

    @Slot(str)
    def set_base(self, label: str) -> None:
        self.edit(self.inputs.with_base(label), f"Use {label} as Base")

    @Slot(object)
    def _rename(self, rename: Rename) -> None:
        if rename.new in self.inputs.labels or not rename.new.strip():
            self._fill_panel()  # puts the old name back in the panel
            return
        self.edit(self.inputs.renaming(rename.old, rename.new), f"Rename {rename.old}")
        # Notes and verdicts are keyed by label, so they follow the version's new name.
        annotations = self._sessions.annotations.renamed(rename.old, rename.new)
        self._sessions.set_annotations(annotations)

    @Slot(object)
    def treat_as_text(self, line: SetAsideLine) -> None:
        """Put a set-aside line back into its version's article (one undo step)."""
        if line.label not in self.inputs.labels:
            return
        doc = next(d for d in self.inputs.documents if d.label == line.label)
        if line.index >= len(doc.boilerplate) or doc.boilerplate[line.index] != line.text:
            return  # the panel showed an older state of this version
        self.edit(
            self.inputs.treating_as_text(line.label, line.index), "Treat Line as Article Text"
        )
        self._status_bar.showMessage(
            f"Compared as part of {line.label}: \u201c{line.text}\u201d (Ctrl+Z undoes it)", 8000
        )

    @Slot(str)
    def remove_version(self, label: str) -> None:
        self.edit(self.inputs.removing(label), f"Remove {label}")
        self._status_bar.showMessage(f"Removed {label} (Ctrl+Z brings it back)", 8000)

    # -- new articles ------------------------------------------------------------------

    def paste_version(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self._notice.show_notice("The clipboard holds no text to add.", NoticeKind.WARNING)
            return
        doc = document_from_text(text, pasted_label(self.inputs.labels))
        self.edit(self.inputs.adding([doc]), "Paste Version")

    def take_loaded(self, done: LoadDone) -> None:
        """Use a finished load as its purpose says: open, add, or replace ``done.label``."""
        if done.documents:
            self._take_documents(done)
        # Last, so no other notice (such as "add a second version") hides which files failed.
        if done.problems:
            self._notice.show_notice(unreadable_files_message(done.problems), NoticeKind.WARNING)

    def _take_documents(self, done: LoadDone) -> None:
        docs = done.documents
        if done.purpose is LoadPurpose.OPEN:
            self.start_new(docs)
        elif done.purpose is LoadPurpose.ADD:
            what = "Add Version" if len(docs) == 1 else f"Add {len(docs)} Versions"
            self.edit(self.inputs.adding(docs), what)
        elif done.label is not None and done.label in self.inputs.labels:  # REPLACE
            label = done.label  # only a version still there: it may have gone meanwhile
            self.edit(self.inputs.replacing(label, docs[0]), f"Replace {label}")
