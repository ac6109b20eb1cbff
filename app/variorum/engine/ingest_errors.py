"""The two ingest exceptions: :class:`IngestError` names the file, :class:`ContentError` does not.

Format readers only see bytes, so they raise ``ContentError(reason)``; ``read_document``
adds the path. A reason is one short phrase a user can act on, e.g. "is empty".
"""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read as an article; ``str()`` is "<path>: <reason>"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ContentError(Exception):
    """Bytes that cannot be turned into article text; the caller knows which file."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
