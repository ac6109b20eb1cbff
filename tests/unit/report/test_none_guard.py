"""The None guard is a no-op where PySide6 keeps its references, and protects where not."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from variorum.report.none_guard import guard_none_refcount


def test_void_calls_cannot_exhaust_none_after_the_guard() -> None:
    guarded = guard_none_refcount()
    assert guard_none_refcount() is guarded  # idempotent
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setObjectName("probe")
    if guarded:  # a leaking build: None can lose a great many references and live
        assert sys.getrefcount(None) > 1 << 39
    else:  # a sound build: void calls leave None's count where it was
        assert abs(sys.getrefcount(None) - before) < 100
