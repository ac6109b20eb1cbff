"""What a session is: the comparison's inputs plus the user's work on it, as plain frozen data.

A session holds each version's extracted text (so it opens when the files are gone), the
analysis settings, the view (column order and widths, hidden versions, scroll position)
and the annotations. It never holds analysis results: re-opening rebuilds the
:class:`Comparison` with ``compare_documents(session.documents, session.settings)``, and
annotations re-attach because they are anchored to text, not to row numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
    # What reading the file had to change or leave out (a bad column width dropped, text
    # that was not valid Unicode repaired), one line each for a notice. Never saved, and
    # not part of what the session *is*: two sessions differing only here are equal.
    notices: tuple[str, ...] = field(default=(), compare=False)

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
        Document(
            v.label,
            v.source,
            v.text,
            v.title,
            v.boilerplate,
            v.sha256,
            partial=v.partial,
            date=v.date,
        )
        for v in comparison.versions
    )


def session_from_comparison(
    comparison: Comparison,
    view: ViewState | None = None,
    annotations: Annotations | None = None,
) -> Session:
    return session_from_documents(documents_of(comparison), comparison.settings, view, annotations)
