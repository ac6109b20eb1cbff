"""The analysis pipeline: documents -> one frozen :class:`~variorum.engine.model.Comparison`.

``run_pipeline`` runs the named stages of :mod:`variorum.engine.stages` in order
(segment -> score -> align -> group -> diff -> facts -> claims -> conflicts -> similarity;
facts and claim verdicts may come from a helper process, :mod:`variorum.engine.side`).
Deterministic: the same documents and settings give the same result (``elapsed_ms`` aside).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from variorum.engine import side, stages
from variorum.engine.model import Comparison, Document, Settings
from variorum.engine.progress import CancelFn, ProgressFn, Step
from variorum.engine.stages import MAX_MEANING_SENTENCES

__all__ = ["MAX_MEANING_SENTENCES", "collector_paused", "run_pipeline"]


def run_pipeline(
    docs: Sequence[Document],
    settings: Settings,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> Comparison:
    """Compare ``docs`` (two or more, distinct labels) under ``settings``.

    ``progress`` hears each stage start; :class:`~variorum.engine.progress.Cancelled` is
    raised within a second of ``cancel`` returning True. Raises ``ValueError`` for bad
    input and :class:`~variorum.engine.limits.LimitExceeded` right after splitting."""
    with collector_paused(), one_blas_thread():
        return _run(docs, settings, progress, cancel)


def _run(
    docs: Sequence[Document],
    settings: Settings,
    progress: ProgressFn | None,
    cancel: CancelFn | None,
) -> Comparison:
    t0 = time.perf_counter()
    step = Step(progress, cancel)
    # Facts and claim verdicts need no alignment: a helper process works them out
    # meanwhile, on the second core (side.py), when it is ready for input this size.
    pending = side.submit(docs, settings)
    try:
        seg = stages.segment(docs, settings, step)
        scored = stages.score(seg, settings, step)
        links = stages.align(seg, scored, settings, step)
        grouped = stages.group(scored, links, settings, step)
        diffed = stages.diff(seg, grouped, settings, step)
        known = side.collect(pending, step.check) if pending is not None else None
        pending = None
    finally:
        if pending is not None:
            side.abandon(pending)
    head, verdicts = known if known is not None and _fits(known, seg) else (None, None)
    found = stages.facts(seg, diffed, step, head)
    claims, other = stages.claims(seg, diffed, found, step, verdicts)
    rows = stages.conflicts(diffed.rows, found, seg.labels)
    matrix = stages.similarity(rows, scored.units, seg.labels)
    step(1.0, "Done")
    elapsed = (time.perf_counter() - t0) * 1000.0
    versions = stages.claims_cut(seg.versions)
    return Comparison(versions, rows, claims, matrix, settings, elapsed, other)


def _fits(known: tuple[stages.Facts, stages.Verdicts], seg: stages.Segmented) -> bool:
    """Whether the helper's answer (:func:`~variorum.engine.stages.head_facts` and claim
    verdicts) is for these sentences (it always should be)."""
    head, verdicts = known
    return len(head) == len(verdicts) == len(seg.sentences) and all(
        len(f) == len(w) == min(len(s), stages.MAX_CLAIM_SENTENCES)
        for f, w, s in zip(head, verdicts, seg.sentences, strict=True)
    )


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the analysis (or the writing of its result)
    runs; re-entrant and thread-safe.

    A big version makes millions of small acyclic values (tokens, sentences, rows) and the
    collector's passes over them cost a quarter of the run; nothing here makes cycles that
    need collecting before the end. The previous state comes back when the last run ends."""
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


_blas_lock = threading.Lock()
_blas_users = 0
_blas_limit: object | None = None
_blas_controller: Any = None  # made once: finding the loaded libraries costs 0.5 ms


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while analyses run; re-entrant and thread-safe.

    The analysis multiplies many small matrices (a sentence's words against another's):
    OpenBLAS's worker threads cost more to wake than the products themselves, and their
    spinning takes the second core from the other analysis stages (measured: 20 versions
    of 5,000 words took 6.0 s with two BLAS threads, 4.0 s with one, on 2 cores)."""
    global _blas_users, _blas_limit, _blas_controller
    with _blas_lock:
        if _blas_users == 0:
            if _blas_controller is None:
                from threadpoolctl import ThreadpoolController

                _blas_controller = ThreadpoolController()  # numpy's BLAS is loaded by now
            _blas_limit = _blas_controller.limit(limits=1, user_api="blas")
        _blas_users += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_users -= 1
            if _blas_users == 0 and _blas_limit is not None:
                _blas_limit.restore_original_limits()  # type: ignore[attr-defined]
                _blas_limit = None
