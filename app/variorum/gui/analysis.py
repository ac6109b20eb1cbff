"""Loading and analysis off the UI thread, with request ids so a stale result is dropped.

``AnalysisRunner.compare`` cancels the previous comparison (through the engine's cancel
callback) and only the newest request's result is ever emitted. Loads are never
superseded: every file the user asked for is read and reported, good or bad.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from variorum.engine.api import Cancelled, LoadProblem, compare_documents, load_documents
from variorum.engine.limits import LimitExceeded, LimitProblem, document_problems, first_part
from variorum.engine.model import Comparison, Document, Settings
from variorum.labels import with_readable_labels


@dataclass(frozen=True)
class CompareDone:
    request_id: int
    comparison: Comparison | None
    error: str | None = None  # a failure the user should see (never a traceback)


@dataclass(frozen=True)
class CompareProgress:
    request_id: int
    fraction: float
    message: str


@dataclass(frozen=True)
class OverLimit:
    """A file read fine but over the comparison limits, with the first part that fits."""

    problem: LimitProblem
    first_part: Document


class LoadPurpose(StrEnum):
    """What the caller wants done with the files a load reads."""

    OPEN = "open"  # a new comparison of them
    ADD = "add"  # more versions of the current one
    REPLACE = "replace"  # the first of them replaces version ``LoadDone.label``


@dataclass(frozen=True)
class LoadDone:
    request_id: int
    documents: tuple[Document, ...]
    problems: tuple[LoadProblem, ...]
    purpose: LoadPurpose
    over_limit: tuple[OverLimit, ...] = ()  # not in ``documents``: the user decides
    cancelled: bool = False
    label: str | None = None  # the version a REPLACE load replaces (only then)

    def __post_init__(self) -> None:
        if (self.purpose is LoadPurpose.REPLACE) != (self.label is not None):
            raise ValueError(f"a {self.purpose} load names a version only to replace it")


class AnalysisRunner(QObject):
    """Runs engine calls on a private thread pool; results arrive as queued signals."""

    finished = Signal(object)  # CompareDone, newest request only
    compare_progress = Signal(object)  # CompareProgress
    load_progress = Signal(object)  # CompareProgress of a load (request id of the load)
    load_done = Signal(object)  # LoadDone
    _worker_done = Signal(object)  # CompareDone from any request, filtered by _drop_stale

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._lock = threading.Lock()
        self._next_id = 0
        self._latest_compare = 0
        self._cancel_current = threading.Event()
        self._cancel_loads = threading.Event()
        self._worker_done.connect(self._drop_stale, type=Qt.ConnectionType.QueuedConnection)

    def _new_id(self) -> int:
        with self._lock:
            self._next_id += 1
            return self._next_id

    @property
    def latest_compare(self) -> int:
        return self._latest_compare

    def compare(self, documents: Sequence[Document], settings: Settings) -> int:
        """Start analysing ``documents``; supersedes any comparison still running."""
        self._cancel_current.set()
        cancel = threading.Event()
        self._cancel_current = cancel
        request_id = self._new_id()
        self._latest_compare = request_id
        docs = tuple(documents)  # the worker gets its own copy, never a live list

        def progress(fraction: float, message: str) -> None:
            self.compare_progress.emit(CompareProgress(request_id, fraction, message))

        def work() -> None:
            try:
                result = compare_documents(docs, settings, progress, cancel.is_set)
            except Cancelled:
                return
            except LimitExceeded as e:
                self._emit_compare(CompareDone(request_id, None, f"Not compared: {e}"))
                return
            except Exception as e:  # the engine failed: report it, never crash the window
                self._emit_compare(CompareDone(request_id, None, f"{type(e).__name__}: {e}"))
                return
            if not cancel.is_set():
                self._emit_compare(CompareDone(request_id, result))

        self._pool.start(work)
        return request_id

    def cancel(self) -> None:
        self._cancel_current.set()
        self._latest_compare = self._new_id()  # anything still in flight is now stale

    def load(
        self,
        paths: Sequence[str | Path],
        purpose: LoadPurpose,
        url: str | None = None,
        label: str | None = None,
    ) -> int:
        """Read ``paths`` (a web archive: the captures of ``url``) off the UI thread; files
        over the limits come back apart, each with the first part that fits, to offer.
        ``label`` is the version a ``REPLACE`` load replaces; it comes back in ``LoadDone``."""
        request_id = self._new_id()
        todo = tuple(paths)
        self._cancel_loads = cancel = threading.Event()

        def progress(fraction: float, message: str) -> None:
            self.load_progress.emit(CompareProgress(request_id, fraction, message))

        def work() -> None:
            try:
                docs, problems = load_documents(todo, url, progress, cancel.is_set)
                docs = with_readable_labels(docs)  # "000 · NATO Considers…", not a file name
                fitting, over = _split_over_limit(docs)
            except Cancelled:
                self.load_done.emit(
                    LoadDone(request_id, (), (), purpose, cancelled=True, label=label)
                )
                return
            except Exception as e:  # never lose the message with the worker
                problem = LoadProblem(", ".join(str(p) for p in todo), f"{type(e).__name__}: {e}")
                self.load_done.emit(LoadDone(request_id, (), (problem,), purpose, label=label))
                return
            self.load_done.emit(
                LoadDone(
                    request_id, tuple(fitting), tuple(problems), purpose, tuple(over), label=label
                )
            )

        self._pool.start(work)
        return request_id

    def cancel_loads(self) -> None:
        self._cancel_loads.set()

    def _emit_compare(self, done: CompareDone) -> None:
        self._worker_done.emit(done)

    # Runs on the UI thread, so comparing against the newest id cannot race with compare().
    @Slot(object)
    def _drop_stale(self, done: CompareDone) -> None:
        if done.request_id == self._latest_compare:
            self.finished.emit(done)

    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def shutdown(self, wait_ms: int = 5000) -> None:
        self.cancel()
        self._pool.waitForDone(wait_ms)


def _split_over_limit(docs: Sequence[Document]) -> tuple[list[Document], list[OverLimit]]:
    fitting: list[Document] = []
    over: list[OverLimit] = []
    for doc in docs:
        problems = document_problems(doc)
        if problems:
            over.append(OverLimit(problems[0], first_part(doc)))
        else:
            fitting.append(doc)
    return fitting, over
