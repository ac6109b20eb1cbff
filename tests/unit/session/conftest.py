"""Shared fixtures for the session tests: an isolated state dir and a small session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from variorum.annotations import Annotations, Note, Verdict, anchor_text
from variorum.engine.model import Document, Settings
from variorum.session import Session, SessionStore, ViewState


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own state dir, so nothing touches the real one."""
    folder = tmp_path / "state"
    monkeypatch.setenv("VARIORUM_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def store(state_dir: Path) -> Iterator[SessionStore]:
    store = SessionStore()
    yield store
    store.close()


@pytest.fixture
def session() -> Session:
    docs = (
        Document(
            "wire",
            "/nowhere/wire.txt",
            "Troops will deploy. Officials agreed.",
            "Wire",
            (),
            "ab" * 32,
        ),
        Document(
            "copy", "", "Troops will deploy. A whistleblower spoke.", None, ("Read more",), ""
        ),
    )
    notes = Annotations().with_note(
        Note("copy", anchor_text("A whistleblower spoke."), Verdict.DISPUTED, "No source named.")
    )
    view = ViewState(("copy", "wire"), (("wire", 320), ("copy", 280)), ("copy",), 3)
    return Session(docs, Settings(threshold=0.6, base="wire"), view, notes)
