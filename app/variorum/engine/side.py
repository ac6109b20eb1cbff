"""A helper process that reads facts and claim verdicts while this process aligns.

Contract: for a comparison of at most :data:`MAX_CHARS` characters, or one holding a
version of :data:`LONG_CHARS` or more, :func:`submit` hands the documents to a second Python
process which runs segment -> head facts -> claim verdicts, the stages that do not need the
alignment; :func:`collect` gives their results back. The helper is started in the
background by :func:`start` (the window does, at start-up), by a process's second analysis
or by a long one: a one-off command on an article never pays for it. Either gives None
when the helper is off, not ready yet, busy, broken or too slow, and the caller then works
them out itself: the results are the same either way (the same code on the same input and
settings). Set ``VARIORUM_SIDE_PROCESS=0`` to never use it. Never imports Qt.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from variorum.engine.model import Document, Settings

MAX_CHARS = 100_000
"""Bigger comparisons are done in one process unless a version is long (below). The helper
pays off where reading claims is a large share of the work and the whole is short (the
seeds: 53 ms with it, 66 ms without); on bigger articles the two processes slow each other
on a 2-core machine more than the overlap saves (20 versions x 5,000 words: 1.79 s with
it, 1.35 s without)."""

LONG_CHARS = 2_000_000
"""A comparison holding a version this long (a book: too long for sentence meanings, its
claims looked for in its first sentences) is handed over too, starting the helper if need
be: its work there is a few seconds the alignment of the long version takes longer than
(a 20 MB text against an article: 2 s less, of 7), so the helper's start-up is paid back."""

WARM_WAIT_S = 1.0
"""How long a long analysis waits for a helper still warming up (one started as its files
were read, see :func:`start`): seconds of its work are worth the wait."""

WAIT_S = 10.0
"""A helper that has not answered in this long is taken for stuck: it is stopped and
the work is done here (its work on the biggest input it takes is well under a second)."""

_FRAME = struct.Struct("<Q")  # each message: its length, then a pickle


_allowed = True
_analyses = 0  # submitted so far in this process


def enabled() -> bool:
    """Whether the helper may be used: not turned off (:func:`never`, the environment), and
    not in a frozen bundle (whose program is Variorum itself, not a Python)."""
    return (
        _allowed
        and os.environ.get("VARIORUM_SIDE_PROCESS", "1") != "0"
        and not getattr(sys, "frozen", False)
    )


def never() -> None:
    """No helper in this process (batch workers: each core has its own work already)."""
    global _allowed
    _allowed = False


def _write(out: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_FRAME.pack(len(data)) + data)
    out.flush()


def _read(inp: IO[bytes]) -> bytes | None:
    """One message, or None at the end of the stream."""
    head = inp.read(_FRAME.size)
    if len(head) < _FRAME.size:
        return None
    (size,) = _FRAME.unpack(head)
    data = inp.read(size)
    return data if len(data) == size else None


class _Helper:
    """The process, a thread reading its answers, and a lock held while a request is out."""

    def __init__(self, first: object | None = None) -> None:
        """Start the process; it warms up, or (``first``, a request) starts on that work at
        once, the caller holding :attr:`busy` and collecting the answer."""
        env = dict(os.environ)
        env["VARIORUM_SIDE_PROCESS"] = "0"  # the helper never starts one of its own
        # -P: the working folder is not put on the helper's path (nothing there shadows).
        self.proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "variorum.engine.side"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.replies: queue.Queue[bytes | None] = queue.Queue()
        self.busy = threading.Lock()
        self.ready = threading.Event()
        self.settled = threading.Event()  # ready, or dropped
        self.busy.acquire()  # until the warm-up (or the first request) is answered
        threading.Thread(target=self._listen, name="variorum-side-reader", daemon=True).start()
        if first is not None:
            # From a thread: the pipe takes the request only as fast as the new process,
            # still importing, reads it. Should the write fail, the reader sees the end.
            threading.Thread(target=self._send_quietly, args=(first,), daemon=True).start()
            return
        self.send(("warm", _identity()))
        threading.Thread(target=self._warmed, name="variorum-side-warm", daemon=True).start()

    def _listen(self) -> None:
        assert self.proc.stdout is not None
        while True:
            try:
                data = _read(self.proc.stdout)
            except (OSError, ValueError):
                data = None
            self.replies.put(data)
            if data is None:
                return

    def _warmed(self) -> None:
        if self.answer(WAIT_S * 3)[0] == "ok":
            self.ready.set()
            self.busy.release()
        else:
            _drop(self)
        self.settled.set()

    def send(self, request: object) -> None:
        assert self.proc.stdin is not None
        _write(self.proc.stdin, request)

    def _send_quietly(self, request: object) -> None:
        try:
            self.send(request)
        except (OSError, ValueError, pickle.PicklingError):
            self.proc.kill()  # then the reader sees the end: the request is answered broken

    def answer(
        self, wait: float = WAIT_S, check: Callable[[], None] | None = None
    ) -> tuple[str, Any]:
        """The next answer: ("ok", value); ("error", message) when the work failed there
        (the input, not the helper); ("broken", None) when the helper ended, garbled its
        answer, took over ``wait`` seconds or runs other code than this process. ``check``
        is called while waiting (it raises to cancel)."""
        deadline = time.monotonic() + wait
        while True:
            if check is not None:
                check()
            try:
                data = self.replies.get(timeout=0.05)  # returns as soon as one comes
                break
            except queue.Empty:
                if time.monotonic() > deadline:
                    return "broken", None
        if data is None:
            return "broken", None
        try:
            status, value = pickle.loads(data)
        except Exception:  # whatever a garbled answer raises, the helper is broken
            return "broken", None
        if status == "foreign":
            return "broken", None
        return ("ok", value) if status == "ok" else ("error", value)

    def stop(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:
                pass


_lock = threading.Lock()
_helper: _Helper | None = None


def start() -> None:
    """Start the helper in the background (it warms up for a second); no wait. A caller
    about to read a long version calls it first: the helper is then ready to take the
    analysis's work when the reading is done."""
    _get()


MAX_FAILURES = 3
"""Helpers that may fail in one process before no new one is started."""
_failures = 0


def _get() -> _Helper | None:
    global _helper
    if not enabled():
        return None
    with _lock:
        if _failures >= MAX_FAILURES:
            return None
        if _helper is None or _helper.proc.poll() is not None:
            try:
                _helper = _Helper()
            except (OSError, ValueError):
                _helper = None
        return _helper


def _drop(helper: _Helper) -> None:
    """Stop a helper that failed; the next :func:`start` makes a new one."""
    global _helper, _failures
    with _lock:
        if _helper is helper:
            _helper = None
            _failures += 1
    helper.stop()


@atexit.register
def _shutdown() -> None:
    helper = _helper
    if helper is not None:
        helper.stop()


def wait_ready(timeout: float) -> bool:
    """Start the helper if needed and wait until it can take work (benchmarks, tests)."""
    helper = _get()
    if helper is None:
        return False
    helper.settled.wait(timeout)
    return helper.ready.is_set() and helper is _helper


class Pending:
    """A request out to the helper: :func:`collect` it exactly once."""

    def __init__(self, helper: _Helper) -> None:
        self.helper = helper


def submit(docs: Sequence[Document], settings: Settings) -> Pending | None:
    """Hand ``docs`` to the helper, or None (do the work here). A process's second
    analysis starts the helper for the ones after it; a long one starts it with its work."""
    global _analyses
    long = max((len(d.text) for d in docs), default=0) >= LONG_CHARS
    if not enabled() or not (long or sum(len(d.text) for d in docs) <= MAX_CHARS):
        return None
    if not _spare_core():
        return None
    _analyses += 1
    request = ("work", _identity(), list(docs), settings, _tunables())
    helper = _helper
    if helper is None or helper.proc.poll() is not None:
        if long:
            return _start_with(request)
        if _analyses >= 2:
            start()
        return None
    if long and not helper.settled.is_set():
        helper.settled.wait(WARM_WAIT_S)  # started early for this analysis: nearly warm
    if not helper.ready.is_set() or not helper.busy.acquire(blocking=False):
        return None  # warming up, or taken by another analysis
    try:
        helper.send(request)
    except (OSError, ValueError, pickle.PicklingError):
        helper.busy.release()
        _drop(helper)
        return None
    return Pending(helper)


def _start_with(request: object) -> Pending | None:
    """A new helper, its first work ``request`` (no warm-up: a long analysis's work takes
    seconds, the tables a warm-up fills a few milliseconds)."""
    global _helper
    with _lock:
        if _failures >= MAX_FAILURES or (_helper is not None and _helper.proc.poll() is None):
            return None
        try:
            _helper = helper = _Helper(request)
        except (OSError, ValueError, pickle.PicklingError):
            _helper = None
            return None
    return Pending(helper)


def _spare_core() -> bool:
    """Whether another core is free for the helper: this process may use two or more, and
    over the last minute they were not all busy (a quarter of a core to spare). On a busy
    machine the helper's answer comes late and the two processes only slow each other."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True  # no load figure here (Windows): assume a desktop with a core to spare
    return load < cores - 0.25


def collect(pending: Pending, check: Callable[[], None] | None = None) -> Any | None:
    """The helper's ``(facts, verdicts)`` for ``pending``, or None (do the work here).
    When ``check`` raises (a cancel), the request is still out: :func:`abandon` it."""
    helper = pending.helper
    status, value = helper.answer(WAIT_S, check)
    if status != "broken":  # a helper started with work: its answer says it is our code
        helper.ready.set()
    helper.busy.release()
    if status == "broken":
        _drop(helper)
    helper.settled.set()
    return value if status == "ok" else None


def abandon(pending: Pending) -> None:
    """Let the answer to ``pending`` come and go in the background (a cancelled or failed
    analysis), so that the helper is free again."""
    threading.Thread(target=collect, args=(pending,), daemon=True).start()


def _identity() -> str:
    """Which Variorum this is: the helper must be the same code."""
    import variorum

    return str(Path(variorum.__file__).resolve())


def _tunables() -> dict[str, object]:
    """The module settings the helper's stages read, as they are here (a caller or a test
    may have changed them)."""
    from variorum.engine import limits, stages

    return {"LIMITS": limits.LIMITS, "MAX_CLAIM_SENTENCES": stages.MAX_CLAIM_SENTENCES}


def _work(docs: list[Document], settings: Settings, tunables: dict[str, object]) -> object:
    from variorum.engine import limits, stages

    limits.LIMITS = tunables["LIMITS"]  # type: ignore[assignment]
    stages.MAX_CLAIM_SENTENCES = tunables["MAX_CLAIM_SENTENCES"]  # type: ignore[assignment]
    gc.disable()  # as pipeline.collector_paused does: nothing here makes cycles
    try:
        seg = stages.segment(docs, settings)
        found = stages.head_facts(seg)
        return found, stages.claim_verdicts(seg, found)
    finally:
        gc.enable()


def _warm() -> object:
    """Fill the word tables and caches on a small comparison, as a first analysis would."""
    text = (
        "The council voted 9 to 3 on Tuesday to build a €4.2 million barrier, said Mayor "
        'Helen Okafor. "Work starts in May," she said. About 1,400 homes in Lower Quay '
        "would be protected."
    )
    docs = [Document("a", "", text), Document("b", "", text.replace("9 to 3", "8 to 4"))]
    _work(docs, Settings(), _tunables())
    return None


def main() -> None:
    """The helper's loop: read a request, answer it, until the stream ends."""
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not garble the answers
    while (data := _read(inp)) is not None:
        answer: tuple[str, object]
        try:
            request = pickle.loads(data)
            if request[1] != _identity():  # asked by another install: its code, not ours
                answer = ("foreign", _identity())
            else:
                answer = ("ok", _warm() if request[0] == "warm" else _work(*request[2:]))
        except Exception as exc:
            answer = ("error", f"{type(exc).__name__}: {exc}")
        _write(out, answer)


if __name__ == "__main__":
    main()
