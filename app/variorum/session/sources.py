"""A session's source files on disk: still there, changed since, or gone; reload the changed.

The session keeps each version's text, so nothing here is needed to reopen it; this only
lets the window say "this file changed since the session was saved" and offer a reload.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from variorum.engine.api import LoadProblem
from variorum.engine.ingest import IngestError, read_document, system_path_reason
from variorum.engine.model import Document
from variorum.session.model import Session


class SourceStatus(StrEnum):
    UNCHANGED = "unchanged"  # the file is there with the bytes the session was made from
    CHANGED = "changed"  # the file is there but its bytes differ: offer to reload it
    MISSING = "missing"  # moved or deleted; the stored text is used
    NO_SOURCE = "no_source"  # pasted text, or a session that never recorded a hash


def source_status(document: Document) -> SourceStatus:
    if not document.source or not document.sha256:
        return SourceStatus.NO_SOURCE
    path = Path(document.source)
    if system_path_reason(path) is not None:
        return SourceStatus.MISSING  # never opened: reading /proc or a device can hang
    try:
        if not path.is_file():  # a folder or a pipe now sits there; opening a pipe would block
            return SourceStatus.MISSING
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return SourceStatus.MISSING
    return SourceStatus.UNCHANGED if digest == document.sha256 else SourceStatus.CHANGED


def changed_on_disk(session: Session) -> tuple[str, ...]:
    """Labels of versions whose source file still exists but no longer has the saved bytes."""
    return tuple(d.label for d in session.documents if source_status(d) is SourceStatus.CHANGED)


def reload_sources(session: Session, labels: Iterable[str]) -> tuple[Session, list[LoadProblem]]:
    """``session`` with the versions ``labels`` re-read from their files (labels kept).

    A file that cannot be read keeps its stored text and is reported as a problem.
    """
    wanted = set(labels)
    problems: list[LoadProblem] = []
    documents = []
    for doc in session.documents:
        if doc.label in wanted and doc.source:
            try:
                fresh = read_document(doc.source)
            except IngestError as e:
                problems.append(LoadProblem(doc.source, e.reason))
            else:
                doc = replace(fresh, label=doc.label, source=doc.source)
        documents.append(doc)
    return replace(session, documents=tuple(documents)), problems
