"""Service functions shared by the CLI and the GUI: load files, compare documents.

``compare_documents`` is pure and deterministic; ``load_documents`` never raises for a
bad file, it reports it as a problem and goes on with the others.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from variorum.engine.ingest import IngestError, read_document
from variorum.engine.model import Comparison, Document, Settings
from variorum.engine.pipeline import run_pipeline
from variorum.engine.progress import CancelFn, Cancelled, ProgressFn

__all__ = ["Cancelled", "LoadProblem", "compare_documents", "load_documents", "unique_labels"]


@dataclass(frozen=True)
class LoadProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Make labels distinct by suffixing repeats with " (2)", " (3)"..."""
    seen: dict[str, int] = {}
    out: list[str] = []
    taken = set(labels)
    for lab in labels:
        n = seen.get(lab, 0) + 1
        seen[lab] = n
        if n == 1:
            out.append(lab)
            continue
        k = n
        while f"{lab} ({k})" in taken:
            k += 1
        new = f"{lab} ({k})"
        taken.add(new)
        out.append(new)
    return out


def load_documents(
    paths: Sequence[str | Path],
    url: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> tuple[list[Document], list[LoadProblem]]:
    """Read every path; unreadable ones become problems, never exceptions.

    A web archive (.warc, .warc.gz) gives one document per HTML capture of ``url`` (or of
    its only page when ``url`` is None), oldest first. ``progress`` hears of each file
    before it is read; :class:`Cancelled` is raised between files once ``cancel`` is True.
    """
    from variorum.engine.ingest_warc import is_warc, warc_documents

    docs: list[Document] = []
    problems: list[LoadProblem] = []
    for k, p in enumerate(paths):
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(k / max(1, len(paths)), f"Reading {Path(p).name}")
        try:
            if is_warc(p):
                captures, skipped = warc_documents(p, url)
                docs.extend(captures)
                problems.extend(LoadProblem(e.path, e.reason) for e in skipped)
            else:
                docs.append(read_document(p))
        except IngestError as e:
            problems.append(LoadProblem(e.path, e.reason))
    labels = unique_labels([d.label for d in docs])
    docs = [
        d if d.label == lab else replace(d, label=lab) for d, lab in zip(docs, labels, strict=True)
    ]
    return docs, problems


def compare_documents(
    docs: Sequence[Document],
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Comparison:
    """Analyse two or more documents into one immutable :class:`Comparison`.

    Raises :class:`~variorum.engine.limits.LimitExceeded` before the heavy work (right
    after splitting) when the documents go over the stated limits."""
    settings = settings or Settings()
    docs = [_valid_unicode(d) for d in docs]
    return run_pipeline(docs, settings, progress, cancel)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(doc: Document) -> Document:
    """``doc`` with lone surrogates (not characters; the tokenizer refuses them) in its
    text shown as U+FFFD. Sessions repair them on reading; this is the net for callers."""
    parts = (doc.text, doc.title or "", *doc.boilerplate)
    if not any(map(_has_surrogate, parts)):
        return doc
    fix = _SURROGATE.sub
    return replace(
        doc,
        text=fix("\ufffd", doc.text),
        title=None if doc.title is None else fix("\ufffd", doc.title),
        boilerplate=tuple(fix("\ufffd", b) for b in doc.boilerplate),
    )


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate. UTF-8 refuses exactly those, and encoding
    a 20 MB text takes a quarter of the time of a regex scan (ASCII is known at once)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
