"""The inputs editor without a window: undo steps, the session told, loads by purpose,
renames that carry annotations, pasted text, and what a saved session's inputs are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

import pytest
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from variorum.annotations import Annotations, Note
from variorum.engine.api import LoadProblem
from variorum.engine.ingest import document_from_text
from variorum.engine.model import Document, Settings
from variorum.gui.analysis import LoadDone, LoadPurpose
from variorum.gui.inputs import Inputs, inputs_of_session
from variorum.gui.inputs_editor import InputsEditor, InputsUpdate
from variorum.gui.notice_bar import NoticeBar
from variorum.gui.session_actions import SessionController
from variorum.gui.versions_panel import IncludeChange, Rename, VersionsPanel
from variorum.session import ViewState, session_from_documents


@dataclass
class FakeSessions:
    """What the editor asks of the SessionController, counted."""

    annotations: Annotations = field(default_factory=Annotations)
    modified: int = 0
    started: int = 0

    def mark_modified(self) -> None:
        self.modified += 1

    def start_new(self) -> None:
        self.started += 1

    def set_annotations(self, annotations: Annotations) -> None:
        self.annotations = annotations


@dataclass
class Rig:
    editor: InputsEditor
    sessions: FakeSessions
    panel: VersionsPanel
    notice: NoticeBar
    updates: list[InputsUpdate]


def doc(label: str) -> Document:
    return document_from_text(f"{label} says one thing. Then another.", label)


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    panel, notice, status = VersionsPanel(), NoticeBar(), QStatusBar()
    for widget in (panel, notice, status):
        qtbot.addWidget(widget)
    stack = QUndoStack()
    sessions = FakeSessions()
    editor = InputsEditor(
        stack,
        panel,
        cast(SessionController, sessions),  # the fake has what the editor uses
        notice,
        status,
        lambda: Inputs(settings=Settings(base="blank")),
    )
    updates: list[InputsUpdate] = []
    # As the window does: show what the editor announces.
    editor.inputsChanged.connect(updates.append)
    editor.inputsChanged.connect(lambda u: editor.show_versions(None))
    yield Rig(editor, sessions, panel, notice, updates)
    stack.clear()


def load(purpose: LoadPurpose, *docs: Document, label: str | None = None) -> LoadDone:
    return LoadDone(0, tuple(docs), (), purpose, label=label)


def test_open_starts_a_new_session_with_no_undo(rig: Rig) -> None:
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    assert rig.editor.inputs.labels == ("A", "B")
    assert rig.editor.inputs.settings.base == "blank"  # from the blank inputs
    assert rig.updates[-1].fresh
    assert rig.sessions.started == 1 and rig.sessions.modified == 0
    assert rig.editor.undo_stack.count() == 0
    assert rig.panel.labels() == ("A", "B")


def test_add_and_panel_edits_are_undoable_and_mark_the_session(rig: Rig) -> None:
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    rig.editor.take_loaded(load(LoadPurpose.ADD, doc("C")))
    rig.panel.orderChanged.emit(("C", "A", "B"))
    rig.panel.includedChanged.emit(IncludeChange("A", False))
    rig.editor.set_base("B")
    stack = rig.editor.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add Version",
        "Reorder Versions",
        "Leave Out A",
        "Use B as Base",
    ]
    assert rig.sessions.modified == 4
    assert not any(u.fresh for u in rig.updates[1:])
    stack.undo()
    stack.undo()
    assert rig.updates[-1].inputs == rig.editor.inputs
    assert rig.editor.inputs.labels == ("C", "A", "B") and not rig.editor.inputs.excluded


def test_an_edit_that_changes_nothing_is_no_undo_step(rig: Rig) -> None:
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    rig.panel.orderChanged.emit(("A", "B"))
    assert rig.editor.undo_stack.count() == 0 and rig.sessions.modified == 0


def test_replace_only_a_version_still_there(rig: Rig) -> None:
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    rig.editor.take_loaded(load(LoadPurpose.REPLACE, doc("X"), label="Gone"))
    assert rig.editor.undo_stack.count() == 0
    rig.editor.take_loaded(load(LoadPurpose.REPLACE, doc("X"), label="B"))
    assert rig.editor.inputs.labels == ("A", "X")
    assert rig.editor.undo_stack.text(0) == "Replace B"


def test_rename_carries_annotations_and_refuses_a_taken_name(rig: Rig) -> None:
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    rig.sessions.annotations = Annotations((Note("A", "anchor"),))
    rig.panel.renameRequested.emit(Rename("A", "B"))
    assert rig.editor.undo_stack.count() == 0
    assert rig.panel.labels() == ("A", "B")
    rig.panel.renameRequested.emit(Rename("A", "First"))
    assert rig.editor.inputs.labels == ("First", "B")
    assert rig.sessions.annotations.notes[0].version == "First"


def test_load_problems_are_the_last_notice(rig: Rig) -> None:
    rig.editor.take_loaded(
        LoadDone(0, (), (LoadProblem("bad.pdf", "not readable"),), LoadPurpose.ADD)
    )
    assert "bad.pdf" in rig.notice.text()
    assert not rig.updates


def test_paste_adds_a_version_or_says_the_clipboard_is_empty(rig: Rig) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("   ")
    rig.editor.paste_version()
    assert "clipboard" in rig.notice.text() and not rig.updates
    clipboard.setText("Pasted words of an article.")
    rig.editor.paste_version()
    assert rig.editor.inputs.labels == ("Pasted 1",)
    assert rig.editor.undo_stack.text(0) == "Paste Version"


def test_inputs_of_a_session_keep_its_order_and_left_out_versions() -> None:
    view = ViewState(column_order=("B", "A"), hidden=("A", "Gone"))
    session = session_from_documents([doc("A"), doc("B")], Settings(base="B"), view)
    inputs = inputs_of_session(session)
    assert inputs.labels == ("B", "A")
    assert inputs.excluded == frozenset({"A"})
    assert inputs.settings.base == "B"


def test_a_session_opens_through_the_editor_with_its_view_and_no_undo(rig: Rig) -> None:
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    rig.editor.set_base("B")
    view = ViewState(column_order=("B", "A"), scroll_row=3)
    session = session_from_documents([doc("A"), doc("B")], Settings(), view)
    rig.editor.open_session(session)
    assert rig.updates[-1] == InputsUpdate(inputs_of_session(session), fresh=True, view=view)
    assert rig.editor.inputs == inputs_of_session(session)
    assert rig.editor.undo_stack.count() == 0
    assert rig.panel.labels() == ("B", "A")


def test_only_a_fresh_update_brings_a_saved_view() -> None:
    with pytest.raises(ValueError, match="saved view"):
        InputsUpdate(Inputs(), fresh=False, view=ViewState())


def test_new_settings_are_an_undo_step_only_over_articles(rig: Rig) -> None:
    rig.editor.change_settings(Settings(threshold=0.6))
    assert rig.editor.inputs.settings == Settings(threshold=0.6, base="blank")  # base kept
    assert rig.editor.undo_stack.count() == 0 and len(rig.updates) == 1
    rig.editor.take_loaded(load(LoadPurpose.OPEN, doc("A"), doc("B")))
    rig.editor.change_settings(Settings(threshold=0.7))
    assert rig.editor.undo_stack.text(0) == "Change Analysis Settings"
    rig.editor.undo_stack.undo()
    assert rig.editor.inputs.settings.threshold != 0.7


@pytest.mark.parametrize(
    ("purpose", "label"), [(LoadPurpose.REPLACE, None), (LoadPurpose.ADD, "A")]
)
def test_a_load_names_a_version_exactly_when_it_replaces_one(
    purpose: LoadPurpose, label: str | None
) -> None:
    with pytest.raises(ValueError, match="replace"):
        LoadDone(0, (), (), purpose, label=label)
