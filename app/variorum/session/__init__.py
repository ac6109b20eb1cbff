"""Comparison sessions: the user's work on a comparison, saved, reopened and autosaved.

A session stores the inputs (each version's text, label, source path and hash), the
analysis settings, the view and the user's verdicts and notes, never the analysis itself:
reopening calls ``compare_documents(session.documents, session.settings)`` again, and the
annotations re-attach because they are anchored to text. See ``codec`` for the file
format and ``store`` for saving, autosave and recovery.
"""

from variorum.session.codec import FORMAT, MAX_SESSION_BYTES, decode_session, encode_session
from variorum.session.errors import SessionError
from variorum.session.model import (
    Session,
    ViewState,
    documents_of,
    session_from_comparison,
    session_from_documents,
)
from variorum.session.sources import (
    ChangedSource,
    SourceRefused,
    SourceStatus,
    anchor_sources,
    changed_on_disk,
    changed_sources,
    readable_source,
    refused_sources,
    reload_sources,
    source_status,
)
from variorum.session.store import (
    SESSION_SUFFIX,
    Recovery,
    SessionStore,
    default_state_dir,
    load_session,
    looks_like_session,
    save_session,
    session_backup_path,
)
from variorum.session.upgrades import CURRENT_VERSION

__all__ = [
    "CURRENT_VERSION",
    "FORMAT",
    "MAX_SESSION_BYTES",
    "SESSION_SUFFIX",
    "ChangedSource",
    "Recovery",
    "Session",
    "SessionError",
    "SessionStore",
    "SourceRefused",
    "SourceStatus",
    "ViewState",
    "anchor_sources",
    "changed_on_disk",
    "changed_sources",
    "decode_session",
    "default_state_dir",
    "documents_of",
    "encode_session",
    "load_session",
    "looks_like_session",
    "readable_source",
    "refused_sources",
    "reload_sources",
    "save_session",
    "session_backup_path",
    "session_from_comparison",
    "session_from_documents",
    "source_status",
]
