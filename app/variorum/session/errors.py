"""The one exception the session package raises: which file, and what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class SessionError(Exception):
    """A session file that cannot be read or written; ``str()`` is one line for the user."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(problem.split())  # one line, whatever the cause said
        super().__init__(f"{self.path}: {self.problem}")
