"""The window's session behaviour: Save / Save As / Open / Recent, title and modified marker,
Save-Discard-Cancel on close, 60 s autosave, crash recovery, and claim verdicts.

``SessionController`` knows nothing of the grid or panels: the window hands it a
``SessionHost`` (build a session from what is on screen; show a loaded session) and calls
``mark_modified`` when the user changes something. Dialogs go through ``SessionDialogs``
so tests can answer them. The controller owns the current file, the modified flag and
the annotations (verdicts and notes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from variorum.annotations import Annotations, Note, Verdict, claim_note
from variorum.engine.model import Claim
from variorum.gui.actions import ActionId, key_sequences, spec
from variorum.gui.plain_text import plain_message
from variorum.session import (
    SESSION_SUFFIX,
    ChangedSource,
    Recovery,
    Session,
    SessionError,
    SessionStore,
    changed_sources,
    reload_sources,
)

log = logging.getLogger(__name__)

AUTOSAVE_MS = 60_000
_OWN = (ActionId.SAVE_SESSION, ActionId.SAVE_SESSION_AS, ActionId.OPEN_SESSION)
FILE_FILTER = f"Variorum sessions (*{SESSION_SUFFIX})"


class SessionHost(Protocol):
    """What the window provides."""

    def session_inputs(self) -> Session | None:
        """Documents, settings and view as on screen now (annotations are ignored);
        None when there is nothing to save."""
        ...

    def show_session(self, session: Session) -> None:
        """Re-analyse ``session.documents`` with its settings and restore its view."""
        ...


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RecoveryChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class SessionDialogs:
    """Every question the controller asks, as real Qt dialogs; tests substitute answers."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def save_changes(self, name: str) -> Choice:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved changes",
            f"Save the changes to “{name}”?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.parent,
        )
        box.setInformativeText("Your verdicts, notes and layout changes are not saved yet.")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name comes from a file
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return Choice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return Choice.DISCARD
        return Choice.CANCEL

    def save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save session", str(suggested), FILE_FILTER
        )
        return Path(name) if name else None

    def open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open session", "", FILE_FILTER)
        return Path(name) if name else None

    def error(self, title: str, error: SessionError) -> None:
        plain_message(
            self.parent, QMessageBox.Icon.Critical, title, error.problem, error.path
        ).exec()

    def reload_changed(self, changes: tuple[ChangedSource, ...]) -> bool:
        # The exact files are named: a session file can point anywhere, and only the user
        # seeing the path can decide that reading it is what they want.
        files = "\n".join(f"“{c.label}”: {c.path}" for c in changes)
        box = plain_message(
            self.parent,
            QMessageBox.Icon.Question,
            "Files changed",
            "Files this session was made from changed since it was saved. Read these "
            "files again and compare their new text?",
            f"{files}\n\nNo keeps the text as it was when the session was saved.",
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def recover(self, recovery: Recovery) -> RecoveryChoice:
        what = recovery.origin.name if recovery.origin else "an unsaved comparison"
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        box = plain_message(
            self.parent,
            QMessageBox.Icon.Question,
            "Restore unsaved work",
            f"Variorum did not close cleanly. Restore the work on {what} autosaved at {when}?",
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            return RecoveryChoice.RESTORE
        if box.clickedButton() is discard:
            return RecoveryChoice.DISCARD
        return RecoveryChoice.LATER


def _unexpected(path: Path, doing: str, error: BaseException) -> SessionError:
    """An error nobody planned for, as a message naming the file (never a silent slot)."""
    log.exception("%s %s", doing, path)
    return SessionError(path, f"{doing} failed unexpectedly ({type(error).__name__}: {error})")


class SessionController(QObject):
    modifiedChanged = Signal(bool)
    pathChanged = Signal(object)  # Path | None
    annotationsChanged = Signal(object)  # Annotations
    # One line naming the session file: what reading it had to leave out or repair.
    sessionNotice = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        host: SessionHost,
        store: SessionStore | None = None,
        dialogs: SessionDialogs | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        actions: Mapping[ActionId, QAction] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.store = store or SessionStore()
        self.dialogs = dialogs or SessionDialogs(window)
        self.path: Path | None = None
        self.modified = False
        self.annotations = Annotations()
        self._showing = False  # the host shows articles (set by refresh_title)
        self._timer = QTimer(self)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.autosave_now)

        if actions is None:  # stand-alone use (tests): actions of its own
            actions = {a: QAction(spec(a).text, window) for a in _OWN}
            for a, act in actions.items():
                act.setShortcuts(key_sequences(spec(a)))
        self.save_action = self._connect(actions[ActionId.SAVE_SESSION], self.save)
        self.save_as_action = self._connect(actions[ActionId.SAVE_SESSION_AS], self.save_as)
        self.open_action = self._connect(actions[ActionId.OPEN_SESSION], self.open_dialog)
        self.recent_menu = QMenu("Recent &Sessions", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._update_title()

    def _connect(self, action: QAction, slot: Callable[[], object]) -> QAction:
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(True)
        return action

    # -- state ---------------------------------------------------------------------------

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def mark_modified(self) -> None:
        """The window calls this after any change the user would want saved."""
        self._set_modified(True)

    def _set_modified(self, modified: bool) -> None:
        changed = modified != self.modified
        self.modified = modified
        if modified and not self._timer.isActive():
            self._timer.start()
        if not modified:
            self._timer.stop()
        self._update_title()
        if changed:
            self.modifiedChanged.emit(modified)

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        self._update_title()
        self.pathChanged.emit(path)

    def refresh_title(self) -> None:
        """The window calls this when what it shows changes (articles opened or closed)."""
        self._showing = self.host.session_inputs() is not None
        self._update_title()

    def _update_title(self) -> None:
        if self.path is None and not self._showing and not self.modified:
            self.window.setWindowTitle("Variorum")  # nothing open: no "Untitled" to name
        else:
            # Qt puts the "*" where "[*]" is, and only while windowModified is set.
            self.window.setWindowTitle(f"Variorum — {self.display_name}[*]")
        self.window.setWindowModified(self.modified)

    def current_session(self) -> Session | None:
        inputs = self.host.session_inputs()
        return None if inputs is None else replace(inputs, annotations=self.annotations)

    # -- verdicts and notes --------------------------------------------------------------

    def note_for(self, claim: Claim) -> Note | None:
        return self.annotations.for_claim(claim)

    def set_verdict(self, claim: Claim, verdict: Verdict, note: str = "") -> None:
        self.set_annotations(self.annotations.with_note(claim_note(claim, verdict, note)))

    def set_annotations(self, annotations: Annotations) -> None:
        if annotations == self.annotations:
            return
        self.annotations = annotations
        self.annotationsChanged.emit(annotations)
        self.mark_modified()

    def edit_verdict(self, claim: Claim) -> bool:
        """Open the verdict editor for ``claim``; True when the user changed something."""
        editor = VerdictEditor(claim, self.note_for(claim), self.window)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return False
        before = self.annotations
        self.set_verdict(claim, editor.verdict(), editor.note())
        return self.annotations != before

    def verdict_menu(self, claim: Claim, parent: QWidget | None = None) -> QMenu:
        """A menu to set a claim's verdict in one click (for the claims panel's context menu)."""
        menu = QMenu("Verdict", parent)
        add_verdict_choices(
            menu,
            self.note_for(claim),
            lambda verdict, note: self.set_verdict(claim, verdict, note),
            lambda: self.edit_verdict(claim),
        )
        return menu

    # -- save / open ---------------------------------------------------------------------

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        suggested = self.path or Path.home() / f"comparison{SESSION_SUFFIX}"
        path = self.dialogs.save_path(suggested)
        if path is None:
            return False
        if path.suffix.lower() != SESSION_SUFFIX:
            path = path.with_name(path.name + SESSION_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        session = self.current_session()
        if session is None:
            return False
        try:
            self.store.save(path, session)
        except SessionError as e:
            self.dialogs.error("Could not save the session", e)
            return False
        except Exception as e:  # the work must never be lost to a failure without a word
            self.dialogs.error("Could not save the session", _unexpected(path, "saving", e))
            return False
        self._set_path(path)
        self._set_modified(False)
        self.store.discard_recovery()  # the saved file now holds this work
        self.store.add_recent(path)
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.dialogs.open_path()
        return path is not None and self.open_path(path, ask_to_save=False)

    def open_path(self, path: str | Path, ask_to_save: bool = True) -> bool:
        """Open a session file (from the menu, a drop or the command line)."""
        if ask_to_save and not self.maybe_save():
            return False
        path = Path(path)
        try:
            session = self.store.load(path)
        except SessionError as e:
            self.dialogs.error("Could not open the session", e)
            return False
        except Exception as e:
            self.dialogs.error("Could not open the session", _unexpected(path, "opening", e))
            return False
        changed = changed_sources(session)
        reload = bool(changed) and self.dialogs.reload_changed(changed)
        if reload:
            session, problems = reload_sources(session, changed)
            for problem in problems:  # the stored text is kept for these: say so
                log.warning("could not reload %s", problem)
                self.dialogs.error(
                    "Could not reload a file",
                    SessionError(problem.path, f"{problem.reason}; the saved text is kept"),
                )
        if not self._show(session, path):
            return False
        self._set_path(path)
        self._set_modified(reload)  # reloaded text differs from the saved file
        self.store.discard_recovery()
        self.store.add_recent(path)
        return True

    def _show(self, session: Session, path: Path | None) -> bool:
        """Hand ``session`` to the window; False (after saying why) when that failed."""
        self.annotations = session.annotations
        try:
            self.host.show_session(session)
        except Exception as e:
            where = path or Path("unsaved work")
            self.dialogs.error("Could not open the session", _unexpected(where, "showing", e))
            return False
        self.annotationsChanged.emit(self.annotations)
        if session.notices:
            self.sessionNotice.emit(session_notice(path, session.notices))
        return True

    def start_new(self) -> None:
        """The window opened new articles: a new untitled, unsaved session."""
        self.annotations = Annotations()
        self.annotationsChanged.emit(self.annotations)
        self._set_path(None)
        self._set_modified(False)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.store.recent()
        if not recent:
            self.recent_menu.addAction("No recent sessions").setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    # -- closing, autosave, recovery -------------------------------------------------------

    def maybe_save(self) -> bool:
        """Before closing or replacing the work: True to go ahead, False to stay."""
        if not self.modified or self.host.session_inputs() is None:
            return True
        choice = self.dialogs.save_changes(self.display_name)
        if choice is Choice.SAVE:
            return self.save()
        return choice is Choice.DISCARD

    def confirm_close(self) -> bool:
        """For the window's closeEvent: ask about unsaved work; on yes, a clean exit."""
        if not self.maybe_save():
            return False
        self._timer.stop()
        self.store.discard_recovery()
        return True

    def autosave_now(self) -> None:
        if not self.modified:
            self._timer.stop()
            return
        session = self.current_session()
        if session is None:
            return
        try:
            self.store.autosave(session, self.path)
        except SessionError as e:
            log.warning("%s", e)
            self.window.statusBar().showMessage(f"Autosave failed: {e.problem}", 10_000)
        except Exception as e:  # a timer slot: an exception here would vanish unseen
            error = _unexpected(self.store.autosave_path(), "autosaving", e)
            self.window.statusBar().showMessage(f"Autosave failed: {error.problem}", 10_000)

    def offer_recovery(self) -> bool:
        """At start-up: offer autosaves left by a crash; True when one was restored."""
        for recovery in self.store.pending_recovery():
            choice = self.dialogs.recover(recovery)
            if choice is RecoveryChoice.LATER:
                continue
            if choice is RecoveryChoice.RESTORE:
                if not self._show(recovery.session, recovery.origin or recovery.file):
                    continue  # kept on disk: it may be the only copy of the work
                self._set_path(recovery.origin)
                self._set_modified(True)
                # Our own autosave first, so a second crash cannot lose it.
                self.autosave_now()
            self.store.discard_recovery(recovery)
            if choice is RecoveryChoice.RESTORE:
                return True
        return False


def session_notice(path: Path | None, notices: tuple[str, ...]) -> str:
    """One line for the notice bar: the file, then what was left out (at most two)."""
    name = path.name if path is not None else "The recovered work"
    shown = "; ".join(notices[:2])
    more = f" (and {len(notices) - 2} more)" if len(notices) > 2 else ""
    return f"{name}: opened, but {shown}{more}."


def add_verdict_choices(
    menu: QMenu,
    current: Note | None,
    choose: Callable[[Verdict, str], object],
    edit: Callable[[], object],
) -> None:
    """Add a checkable entry per verdict to ``menu`` (``current``'s checked), each choosing it
    with the note kept, then "Edit Note…" calling ``edit``."""
    for verdict in Verdict:
        action = menu.addAction(verdict.title)
        action.setCheckable(True)
        action.setChecked((current.verdict if current else Verdict.UNREVIEWED) is verdict)
        action.triggered.connect(
            lambda _c=False, v=verdict: choose(v, current.note if current else "")
        )
    menu.addSeparator()
    menu.addAction("Edit Note\u2026").triggered.connect(lambda _c=False: edit())


class NoteEditor(QDialog):
    """A verdict and free-text note on ``subject`` (shown as plain text under ``heading``)."""

    def __init__(
        self,
        title: str,
        heading: str,
        subject: str,
        placeholder: str,
        current: Note | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QFormLayout(self)
        quote = QLabel(subject)
        quote.setWordWrap(True)
        quote.setTextFormat(Qt.TextFormat.PlainText)  # article text is never markup
        layout.addRow(heading, quote)
        self.verdict_box = QComboBox()
        self.verdict_box.setAccessibleName("Verdict")
        for verdict in Verdict:
            self.verdict_box.addItem(verdict.title, verdict)
        if current is not None:
            self.verdict_box.setCurrentIndex(list(Verdict).index(current.verdict))
        layout.addRow("&Verdict:", self.verdict_box)
        self.note_edit = QPlainTextEdit(current.note if current else "")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText(placeholder)
        layout.addRow("&Note:", self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def verdict(self) -> Verdict:
        return Verdict(self.verdict_box.currentData())

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()


class VerdictEditor(NoteEditor):
    """A claim's verdict and free-text note."""

    def __init__(self, claim: Claim, current: Note | None, parent: QWidget | None = None) -> None:
        super().__init__(
            "Verdict", "Claim:", claim.text, "Why? Sources, who to ask…", current, parent
        )
