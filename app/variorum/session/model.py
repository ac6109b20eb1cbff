"""What a session is: the comparison's inputs plus the user's work on it, as plain frozen data.

A session holds each version's extracted text (so it opens when the files are gone), the
analysis settings, the view (column order and widths, hidden versions, scroll position)
and the annotations. It never holds analysis results: re-opening rebuilds the
:class:`Comparison` with ``compare_documents(session.documents, session.settings)``, and
annotations re-attach because they are anchored to text, not to row numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from variorum.annotations import Annotations
from variorum.engine.model import Comparison, Document, Settings


@dataclass(frozen=True)
class ViewState:
    """How the user left the window; labels that no longer exist are simply ignored."""

    column_order: tuple[str, ...] = ()  # version labels, left to right
    column_widths: tuple[tuple[str, int], ...] = ()  # (label, pixels)
    hidden: tuple[str, ...] = ()  # labels of versions the user hid
    scroll_row: int = 0  # first visible row of the grid

    def width_of(self, label: str) -> int | None:
        for lab, width in self.column_widths:
            if lab == label:
                return width
        return None


@dataclass(frozen=True)
class Session:
    documents: tuple[Document, ...]
    settings: Settings = field(default_factory=Settings)
    view: ViewState = field(default_factory=ViewState)
    annotations: Annotations = field(default_factory=Annotations)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(d.label for d in self.documents)


def session_from_documents(
    documents: Sequence[Document],
    settings: Settings | None = None,
    view: ViewState | None = None,
    annotations: Annotations | None = None,
) -> Session:
    """A session for these inputs; relative source paths are made absolute, since the
    folder they were relative to means nothing once the session is reopened elsewhere."""
    docs = tuple(
        replace(d, source=str(Path(d.source).absolute())) if d.source else d for d in documents
    )
    return Session(docs, settings or Settings(), view or ViewState(), annotations or Annotations())


def documents_of(comparison: Comparison) -> tuple[Document, ...]:
    """The documents ``comparison`` was made from (its versions carry every input field)."""
    return tuple(
        Document(v.label, v.source, v.text, v.title, v.boilerplate, v.sha256)
        for v in comparison.versions
    )


def session_from_comparison(
    comparison: Comparison,
    view: ViewState | None = None,
    annotations: Annotations | None = None,
) -> Session:
    return session_from_documents(documents_of(comparison), comparison.settings, view, annotations)


class SourceStatus(StrEnum):
    UNCHANGED = "unchanged"  # the file is there with the bytes the session was made from
    CHANGED = "changed"  # the file is there but its bytes differ: offer to reload it
    MISSING = "missing"  # moved or deleted; the stored text is used
    NO_SOURCE = "no_source"  # pasted text, or a session that never recorded a hash


def source_status(document: Document) -> SourceStatus:
    if not document.source or not document.sha256:
        return SourceStatus.NO_SOURCE
    path = Path(document.source)
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
