"""A session's source files on disk: still there, changed since, gone, or not to be read.

A session file is untrusted input: anyone can write one whose ``source`` names
``/etc/shadow``, a link to it, ``../../etc/passwd`` or ``/proc/self/pagemap``. So the text
stored in the session is what is compared, and a source is looked at (hashed, or re-read
when the user asks for it in so many words) only when ``readable_source`` accepts it:

- an absolute path (relative ones were anchored at the session's own folder when it was
  loaded, by ``anchor_sources``; nothing is resolved against the working directory);
- no ``..`` component, and nothing under ``/proc``, ``/sys`` or ``/dev`` (refused by name);
- a regular file whose name (and, for a link, its target's name) ends in an extension
  Variorum reads; a file without one is never re-read;
- a link only when it points inside the folder the path names.

Nothing here is needed to reopen a session; it lets the window say "this file changed
since the session was saved" and offer a reload showing the exact path it will read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from variorum.engine.api import LoadProblem
from variorum.engine.ingest import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    IngestError,
    read_document,
    system_path_reason,
)
from variorum.engine.model import Document
from variorum.session.model import Session


class SourceStatus(StrEnum):
    UNCHANGED = "unchanged"  # the file is there with the bytes the session was made from
    CHANGED = "changed"  # the file is there but its bytes differ: offer to reload it
    MISSING = "missing"  # moved or deleted; the stored text is used
    NO_SOURCE = "no_source"  # pasted text, or a session that never recorded a hash
    REFUSED = "refused"  # a path Variorum will not look at (see ``readable_source``)


class SourceRefused(Exception):
    """A source path that is never opened; ``reason`` says why, for a one-line message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ChangedSource:
    """A version whose source file changed: what a reload would read, exactly."""

    label: str
    path: Path  # the file itself (links resolved): the dialog shows it, the reload reads it


def anchor_sources(session: Session, folder: Path) -> Session:
    """``session`` with relative sources made relative to ``folder`` (the session's own).

    Sessions Variorum writes hold absolute paths; a relative one comes from an edited file
    and must not be resolved against whatever the working directory happens to be. A path
    with ``..`` is left as it is, to be refused by name.
    """
    docs = []
    for doc in session.documents:
        p = Path(doc.source)
        if doc.source and not p.is_absolute() and ".." not in p.parts:
            doc = replace(doc, source=str(Path(os.path.abspath(folder)) / p))
        docs.append(doc)
    return replace(session, documents=tuple(docs))


def readable_source(source: str) -> Path:
    """The file a reload of ``source`` would read (links resolved).

    Raises :class:`SourceRefused` for a path that must not be opened, and ``OSError``
    (``FileNotFoundError`` …) when there is no file there.
    """
    if "\0" in source:
        raise SourceRefused("holds a NUL character; it is not read")
    p = Path(source)
    if ".." in p.parts:
        raise SourceRefused("goes up through '..'; a session's sources are not read that way")
    if not p.is_absolute():
        raise SourceRefused("is a relative path outside the session's folder; it is not read")
    special = system_path_reason(p)
    if special is not None:
        raise SourceRefused(special)
    info = os.lstat(p)
    real = Path(os.path.realpath(p))
    if stat.S_ISLNK(info.st_mode):
        folder = os.path.realpath(p.parent)
        if os.path.commonpath([folder, real]) != folder:
            raise SourceRefused(f"is a link to {real}, outside its folder; it is not read")
        info = os.stat(real)
    if not stat.S_ISREG(info.st_mode):
        raise SourceRefused("is not a regular file; it is not read")
    for name in (p, real):
        if name.suffix.lower() not in SUPPORTED_EXTENSIONS:
            raise SourceRefused(
                f"is not an article file ({', '.join(SUPPORTED_EXTENSIONS)}); it is not read"
            )
    return real


def source_status(document: Document) -> SourceStatus:
    if not document.source or not document.sha256:
        return SourceStatus.NO_SOURCE
    try:
        path = readable_source(document.source)
        if path.stat().st_size > MAX_FILE_BYTES:
            return SourceStatus.CHANGED  # the session's file was read, so it was smaller
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
    except SourceRefused:
        return SourceStatus.REFUSED
    except (OSError, ValueError):
        return SourceStatus.MISSING
    return SourceStatus.UNCHANGED if digest == document.sha256 else SourceStatus.CHANGED


def changed_sources(session: Session) -> tuple[ChangedSource, ...]:
    """Versions whose source file still exists, may be read, and no longer has the saved
    bytes, each with the exact file a reload would read."""
    found = []
    for doc in session.documents:
        if source_status(doc) is SourceStatus.CHANGED:
            try:
                found.append(ChangedSource(doc.label, readable_source(doc.source)))
            except (SourceRefused, OSError):
                continue  # changed again since it was hashed: not offered
    return tuple(found)


def changed_on_disk(session: Session) -> tuple[str, ...]:
    """Labels of versions whose source file still exists but no longer has the saved bytes."""
    return tuple(c.label for c in changed_sources(session))


def refused_sources(session: Session) -> tuple[tuple[Document, str], ...]:
    """Versions whose source is never looked at, with the reason (for a notice)."""
    found = []
    for doc in session.documents:
        if doc.source and doc.sha256:
            try:
                readable_source(doc.source)
            except SourceRefused as e:
                found.append((doc, e.reason))
            except (OSError, ValueError):
                continue
    return tuple(found)


def reload_sources(
    session: Session, chosen: Iterable[ChangedSource]
) -> tuple[Session, list[LoadProblem]]:
    """``session`` with the versions in ``chosen`` re-read from exactly the files named
    there (labels and recorded sources kept).

    A file that cannot be read, or whose source no longer leads to that same file, keeps
    its stored text and is reported as a problem.
    """
    wanted = {c.label: c.path for c in chosen}
    problems: list[LoadProblem] = []
    documents = []
    for doc in session.documents:
        path = wanted.get(doc.label)
        if path is not None and doc.source:
            try:
                if readable_source(doc.source) != path:
                    raise SourceRefused(f"now leads somewhere other than {path}; not reloaded")
                fresh = read_document(path)
            except SourceRefused as e:
                problems.append(LoadProblem(doc.source, e.reason))
            except IngestError as e:
                problems.append(LoadProblem(str(path), e.reason))
            except FileNotFoundError:
                problems.append(LoadProblem(doc.source, "no such file"))
            except OSError as e:
                problems.append(LoadProblem(doc.source, f"cannot be read ({e.strerror or e})"))
            else:
                doc = replace(fresh, label=doc.label, source=doc.source)
        documents.append(doc)
    return replace(session, documents=tuple(documents)), problems
