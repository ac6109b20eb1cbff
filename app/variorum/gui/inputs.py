"""What the user is comparing, as one frozen value the window swaps whole (and undoes).

``Inputs`` holds the documents in column order, which ones are left out of the analysis
and the analysis settings (base included). Every edit returns a new value; the window
pushes old/new pairs on its undo stack and re-analyses. Qt-free.

A line ingest set aside as site furniture or metadata can be put back into the article
(:func:`treat_as_text`). Where it stood is not kept, so it goes where such lines stand on
a page: a byline or date line first, anything else (a headline list, a caption) last, as
a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from variorum.article_paths import articles_in_folder
from variorum.engine.api import unique_labels
from variorum.engine.ingest_furniture import is_metadata
from variorum.engine.model import Document, Settings
from variorum.session import SESSION_SUFFIX, Session


@dataclass(frozen=True)
class Inputs:
    documents: tuple[Document, ...] = ()
    excluded: frozenset[str] = frozenset()
    settings: Settings = field(default_factory=Settings)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(d.label for d in self.documents)

    @property
    def included(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.label not in self.excluded)

    @property
    def base(self) -> str | None:
        """The chosen base, or None (the engine then uses the first included version)."""
        base = self.settings.base
        return base if base in self.labels and base not in self.excluded else None

    def analysis_settings(self) -> Settings:
        return replace(self.settings, base=self.base)

    def adding(self, docs: Iterable[Document]) -> Inputs:
        merged = [*self.documents, *docs]
        labels = unique_labels([d.label for d in merged])
        return replace(
            self,
            documents=tuple(
                d if d.label == lab else replace(d, label=lab)
                for d, lab in zip(merged, labels, strict=True)
            ),
        )

    def removing(self, label: str) -> Inputs:
        return replace(
            self,
            documents=tuple(d for d in self.documents if d.label != label),
            excluded=self.excluded - {label},
        )

    def replacing(self, label: str, doc: Document) -> Inputs:
        others = [d.label for d in self.documents if d.label != label]
        new_label = unique_labels([*others, doc.label])[-1]
        docs = tuple(
            replace(doc, label=new_label) if d.label == label else d for d in self.documents
        )
        base = new_label if self.settings.base == label else self.settings.base
        return replace(
            self,
            documents=docs,
            excluded=self.excluded - {label},
            settings=replace(self.settings, base=base),
        )

    def renaming(self, old: str, new: str) -> Inputs:
        docs = tuple(replace(d, label=new) if d.label == old else d for d in self.documents)
        excluded = frozenset(new if lab == old else lab for lab in self.excluded)
        base = new if self.settings.base == old else self.settings.base
        return replace(
            self, documents=docs, excluded=excluded, settings=replace(self.settings, base=base)
        )

    def reordered(self, order: Sequence[str]) -> Inputs:
        rank = {label: i for i, label in enumerate(order)}
        docs = sorted(self.documents, key=lambda d: rank.get(d.label, len(rank)))
        return replace(self, documents=tuple(docs))

    def including(self, label: str, included: bool) -> Inputs:
        excluded = self.excluded - {label} if included else self.excluded | {label}
        return replace(self, excluded=frozenset(excluded))

    def with_base(self, label: str | None) -> Inputs:
        return replace(self, settings=replace(self.settings, base=label))

    def with_settings(self, settings: Settings) -> Inputs:
        return replace(self, settings=replace(settings, base=self.settings.base))

    def treating_as_text(self, label: str, line: int) -> Inputs:
        """Line ``line`` of ``label``'s set-aside text put back into its article."""
        docs = tuple(treat_as_text(d, line) if d.label == label else d for d in self.documents)
        return replace(self, documents=docs)


def treat_as_text(doc: Document, line: int) -> Document:
    """``doc`` with ``doc.boilerplate[line]`` moved into its text as its own paragraph
    (the file's hash stays: the file is the same, only what is compared changed)."""
    if not 0 <= line < len(doc.boilerplate):
        return doc
    text = doc.boilerplate[line].strip()
    rest = doc.boilerplate[:line] + doc.boilerplate[line + 1 :]
    body = doc.text.strip()
    if not body:
        joined = text
    elif is_metadata(text):
        joined = f"{text}\n\n{body}"
    else:
        joined = f"{body}\n\n{text}"
    return replace(doc, text=joined, boilerplate=rest)


def inputs_of_session(session: Session) -> Inputs:
    """The inputs a saved session holds: its documents in its column order, its settings."""
    inputs = Inputs(
        documents=session.documents,
        excluded=frozenset(session.view.hidden) & set(session.labels),
        settings=session.settings,
    )
    if session.view.column_order:
        inputs = inputs.reordered(session.view.column_order)
    return inputs


def expand_dropped(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Split dropped paths into (session files, article files); a folder contributes its
    article files (``article_paths.articles_in_folder``), as on the command line."""
    sessions: list[Path] = []
    articles: list[Path] = []
    for p in paths:
        if p.is_dir():
            articles.extend(articles_in_folder(p))
        elif p.suffix.lower() == SESSION_SUFFIX:
            sessions.append(p)
        else:
            articles.append(p)
    return sessions, articles
