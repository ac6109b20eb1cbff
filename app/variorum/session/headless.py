"""Sessions on the command line: ``compare SESSION.variorum`` and ``compare ... --save-session``.

Every problem is a :class:`SessionError` naming the file; the CLI prints it on one line
and exits 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from variorum.engine.model import Comparison
from variorum.session.errors import SessionError
from variorum.session.model import Session, documents_of, session_from_documents
from variorum.session.sources import changed_on_disk, refused_sources
from variorum.session.store import holds_session, load_session, looks_like_session, save_session


def session_argument(files: Sequence[str], sample: bool = False) -> str | None:
    """The session file named in ``files``, or None when they are all articles."""
    sessions = [f for f in files if looks_like_session(f)]
    if not sessions:
        return None
    if len(files) > 1 or sample:
        raise SessionError(
            sessions[0], "a session is compared on its own; leave out the other files"
        )
    return sessions[0]


def load_for_compare(path: str | Path) -> Session:
    session = load_session(path)
    if len(session.documents) < 2:
        raise SessionError(path, "the session holds fewer than two versions to compare")
    return session


def changed_source_notes(session: Session) -> list[str]:
    """One line per version whose source file changed since the session was saved.

    Headless, nobody can be asked whether to reload: the saved text is compared (so the
    result matches the saved work) and the user is told, as the window would tell them.
    A source that is never looked at (``sources.readable_source``) gets a line saying why.
    """
    sources = {d.label: d.source for d in session.documents}
    notes = [
        f"{sources[label]}: changed on disk since the session was saved; "
        f"comparing the text the session holds for {label!r}"
        for label in changed_on_disk(session)
    ]
    notes.extend(
        f"{doc.source}: {reason}; comparing the text the session holds for {doc.label!r}"
        for doc, reason in refused_sources(session)
    )
    return notes


def check_save_target(path: str | Path) -> None:
    """Refuse ``--save-session PATH`` when PATH is an existing file that is not a session.

    Called before the analysis. ``save_session`` replaces whatever is there (the window's
    Save As dialog has already asked), but on the command line an existing non-session
    file is almost always a slip, such as naming one of the articles being compared.
    """
    target = Path(path)
    if target.is_file() and target.stat().st_size > 0 and not holds_session(target):
        raise SessionError(target, "exists and is not a Variorum session; refusing to overwrite it")


def save_after_compare(
    path: str | Path, comparison: Comparison, session: Session | None = None
) -> None:
    """Save ``comparison``'s inputs as a session, keeping the view and annotations of
    ``session`` (the session it was made from, if any)."""
    if session is None:
        out = session_from_documents(documents_of(comparison), comparison.settings)
    else:
        out = replace(session, settings=comparison.settings)
    save_session(path, out)
