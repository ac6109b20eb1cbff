"""The installed PySide6 keeps Python's reference counts straight.

PySide6-Essentials 6.12.0 on CPython 3.11 dropped a reference to ``None`` on every void
call and to ``True`` on every Python-side ``emit``; a few thousand of either aborted the
interpreter ("deallocating None/True"). pyproject.toml excludes that release; this test
fails on any binding with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    changed = Signal(object)


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot: QtBot) -> None:
    emitter = _Emitter()
    emitter.changed.connect(lambda _value: None)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(200):
        emitter.setObjectName(f"e{i}")  # a void method: returns None
        emitter.changed.emit(i)
    # A little slack for references the interpreter itself takes meanwhile.
    assert sys.getrefcount(None) >= none_before - 20
    assert sys.getrefcount(True) >= true_before - 20
