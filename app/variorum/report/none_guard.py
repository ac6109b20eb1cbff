"""Keep ``None`` (and the bools) alive under shiboken6 builds that return them unreferenced.

PySide6/shiboken6 6.12.0 (abi3 wheels) returns ``None`` from every void method (``setText``,
``QPainter.translate``, ``QTextDocument.drawContents``...) without adding the reference it
hands back. CPython 3.12+ makes ``None`` immortal, so nothing happens there; on 3.11 each
call takes one reference away and after a few thousand calls the interpreter aborts with
"Fatal Python error: none_dealloc". A 400-page report makes that many calls.

:func:`guard_none_refcount` measures the leak with a harmless probe and, only if it is
there, adds a very large number of references to ``None``, ``True`` and ``False`` (the same
build drops references to the bools it returns; 3.12 makes all three immortal by design).
Idempotent, cheap, a no-op on interpreters and bindings without the bug. pyproject.toml
excludes 6.12.0; this guards an environment that has it anyway. It belongs at application
start-up; the report calls it too so ``variorum report`` is safe on its own.
"""

from __future__ import annotations

import sys

_PROBES = 64
_HEADROOM = 1 << 40  # never reached by leaks, far from overflowing Py_ssize_t
_guarded = False


def guard_none_refcount() -> bool:
    """Protect ``None`` if this PySide6 leaks its references; True when the guard is on."""
    global _guarded
    if _guarded:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    leaked = before - sys.getrefcount(None)
    if leaked < _PROBES // 2:  # other threads may move the count a little; a leak is one a call
        return False
    import ctypes

    for immortal in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(immortal))
        refcount.value += _HEADROOM
    _guarded = True
    return True
