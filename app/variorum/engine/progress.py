"""The progress and cancel protocol every long engine stage follows.

A caller passes ``progress(fraction, message)`` and ``cancel() -> bool``; a stage calls
``Step.check`` often enough that Cancel is acted on within a second, and
:class:`Cancelled` unwinds the work. Nothing here knows about threads or Qt.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside the work when the caller's cancel check returns True."""


class Step:
    """Reports progress and honours cancel for one run of the analysis."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self.progress = progress
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()

    def __call__(self, fraction: float, message: str) -> None:
        self.check()
        if self.progress is not None:
            self.progress(fraction, message)
