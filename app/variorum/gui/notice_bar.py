"""A dismissable message strip above the grid: unreadable files, pair view, hints.

Non-modal on purpose: the user reads it while the other files load and keeps working.
Text is plain (never parsed as HTML), so a file name with markup shows literally.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class NoticeKind(StrEnum):
    INFO = "info"
    WARNING = "warning"


_STYLE = {
    NoticeKind.INFO: "background: palette(alternate-base); border: 1px solid palette(mid);",
    NoticeKind.WARNING: "background: #fff4d6; color: #1a1a1a; border: 1px solid #e69f00;",
}
_ICON = {NoticeKind.INFO: "\u2139", NoticeKind.WARNING: "\u26a0"}


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Message")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self._icon = QLabel()
        self._text = QLabel()
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._button = QPushButton()
        self._button.hide()
        self._close = QToolButton()
        self._close.setText("\u2715")
        self._close.setToolTip("Dismiss this message")
        self._close.setAccessibleName("Dismiss message")
        self._close.clicked.connect(self.hide)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._button)
        layout.addWidget(self._close)
        self._action: Callable[[], None] | None = None
        self._button.clicked.connect(self._run_action)
        self.hide()

    def show_notice(
        self,
        text: str,
        kind: NoticeKind = NoticeKind.INFO,
        button: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        self.setStyleSheet(f"#noticeBar {{ {_STYLE[kind]} border-radius: 4px; }}")
        self._icon.setText(_ICON[kind])
        self._text.setText(text)
        self._action = action
        self._button.setVisible(bool(button and action))
        self._button.setText(button)
        self.show()

    def text(self) -> str:
        return self._text.text()

    def _run_action(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()
