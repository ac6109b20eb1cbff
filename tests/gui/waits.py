"""Waits on a condition with a reason, never a fixed time: what GUI tests settle on."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from variorum.gui.synoptic_view import SynopticView


def settle_grid(qtbot: QtBot, view: SynopticView) -> None:
    """Wait until the grid's deferred column fit and row sizing have run. Events still
    queued (a resize, a shown window) may start them afresh, so look twice."""
    for _ in range(2):
        QApplication.processEvents()
        qtbot.waitUntil(lambda: not view.layout_pending(), timeout=5000)
