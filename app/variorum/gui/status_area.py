"""The status bar's permanent part: the comparison summary, and progress with Cancel.

Progress appears only when work outlasts ``PROGRESS_DELAY_MS``, so quick analyses never
flash a bar; ``cancelRequested`` asks the window to stop the running analysis.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

PROGRESS_DELAY_MS = 250


class StatusArea(QWidget):
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setAccessibleName("Comparison summary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName("Analysis progress")
        self.progress.hide()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the analysis that is running")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.hide()
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.summary)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(PROGRESS_DELAY_MS)
        self._delay.timeout.connect(self._reveal)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def text(self) -> str:
        return self.summary.text()

    def start(self, what: str = "Analysing…") -> None:
        """Work began: show progress if it is still going after the delay."""
        self.progress.setValue(0)
        self.progress.setFormat(what)
        self._delay.start()

    def update_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        self.progress.setFormat(f"{message}… %p%")

    def stop(self) -> None:
        self._delay.stop()
        self.progress.hide()
        self.cancel_button.hide()

    def working(self) -> bool:
        return self._delay.isActive() or self.progress.isVisible()

    def _reveal(self) -> None:
        self.progress.show()
        self.cancel_button.show()
