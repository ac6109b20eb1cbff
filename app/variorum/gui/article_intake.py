"""Bringing articles into the window: the file dialogs, and the words for what went wrong.

Dialogs only return paths (the window hands them to the ``AnalysisRunner`` to load); the
other helpers are pure, so the window's loading handlers stay short.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from variorum.engine.ingest import SUPPORTED_EXTENSIONS
from variorum.engine.ingest_warc import WARC_SUFFIXES
from variorum.engine.limits import LimitProblem
from variorum.gui.plain_text import plain_message

MAX_FILES_WITHOUT_ASKING = 50
"""A selection or drop of more files than this asks before reading them."""

ARTICLE_FILTER = (
    "Articles ("
    + " ".join(f"*{ext}" for ext in (*SUPPORTED_EXTENSIONS, *WARC_SUFFIXES))
    + ");;Text (*.txt *.md);;Web pages (*.html *.htm);;Web archives (*.warc *.warc.gz)"
    ";;Word (*.docx);;PDF (*.pdf);;All files (*)"
)


def ask_for_articles(parent: QWidget, title: str) -> list[Path]:
    """The articles the user picks; empty when they cancel."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, "", ARTICLE_FILTER)
    return [Path(n) for n in names]


def ask_for_replacement(parent: QWidget, label: str) -> str | None:
    """The file to put in place of version ``label``; None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(
        parent, f"Replace “{label}” with another file", "", ARTICLE_FILTER
    )
    return name or None


def unreadable_files_message(problems: Sequence[object]) -> str:
    """One notice for every file a load skipped, one line each."""
    lines = [str(p) for p in problems]
    skipped = (
        "Skipped a file that cannot be read"
        if len(lines) == 1
        else (f"Skipped {len(lines)} files that cannot be read")
    )
    return f"{skipped}:\n" + "\n".join(lines)


def nothing_dropped_message() -> str:
    return (
        "Nothing to compare in what was dropped: no supported files "
        f"({', '.join(SUPPORTED_EXTENSIONS)})."
    )


def session_dropped_message(session: Path) -> str:
    """A drop opens one session and nothing else; say what was left out."""
    return (
        f"Opened the session {session.name}; the other dropped files were "
        "not added (drop them again to add them to it)."
    )


def pasted_label(labels: Iterable[str]) -> str:
    """The first free "Pasted N" label."""
    taken = set(labels)
    n = 1
    while f"Pasted {n}" in taken:
        n += 1
    return f"Pasted {n}"


def ask_first_part(parent: QWidget, problem: LimitProblem) -> bool:
    """Compare the first part of a file over the limits (True), or skip it (False)?"""
    box = plain_message(
        parent,
        QMessageBox.Icon.Question,
        "File too large to compare whole",
        str(problem),
        "Variorum can compare the first part that fits the limits (the status line and "
        "the report will say so), or leave this file out.",
    )
    first = box.addButton("Compare the First Part", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Skip the File", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(first)
    box.exec()
    return box.clickedButton() is first


def ask_many_files(parent: QWidget, count: int) -> bool:
    """Read the first ``MAX_FILES_WITHOUT_ASKING`` of ``count`` files (True), or none?"""
    box = plain_message(
        parent,
        QMessageBox.Icon.Question,
        "Many files",
        f"Compare the first {MAX_FILES_WITHOUT_ASKING} of {count:,} files?",
        "Comparing thousands of versions at once is slow and hard to read; "
        "the files are taken in name order.",
    )
    first = box.addButton(
        f"Compare the First {MAX_FILES_WITHOUT_ASKING}", QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(first)
    box.exec()
    return box.clickedButton() is first
