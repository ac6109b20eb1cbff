"""Files the desktop asks a running Variorum to open: macOS Finder "open document" events.

On macOS, double-clicking a ``.variorum`` session (or "Open With" on articles) starts the
app without the file in ``argv``; Finder sends it as an Apple event, which Qt delivers to
the QApplication object as a ``QFileOpenEvent`` (PyInstaller's argv emulation is off, see
``packaging/variorum.spec``). Linux and Windows pass files on the command line instead, so
this filter simply never fires there.

``FileOpenFilter`` is installed on the application as soon as it exists, because Finder's
event can arrive before the window does; it keeps the paths until a handler is set. Paths
arriving together (several files selected in Finder come as one event each) reach the
handler as one list on the next event-loop turn, so they open as one comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

OpenHandler = Callable[[Sequence[Path]], None]


class FileOpenFilter(QObject):
    """Collects ``QFileOpenEvent`` paths and hands them to the window in batches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[Path] = []
        self._handler: OpenHandler | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)

    def set_handler(self, handler: OpenHandler) -> None:
        """Where paths go from now on (``MainWindow.open_dropped``); delivers any waiting."""
        self._handler = handler
        if self._pending:
            self._flush_timer.start()

    @property
    def pending(self) -> tuple[Path, ...]:
        return tuple(self._pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file() or event.url().toLocalFile()
        if not name:
            return False  # a non-file URL: not ours to handle
        self._pending.append(Path(name))
        if self._handler is not None:
            self._flush_timer.start()
        return True

    def _flush(self) -> None:
        if self._handler is None or not self._pending:
            return
        paths, self._pending = self._pending, []
        self._handler(paths)


def install_file_open_filter(app: QObject) -> FileOpenFilter:
    """Install (once) and return the application's filter for desktop open requests."""
    existing = app.findChild(FileOpenFilter)
    if isinstance(existing, FileOpenFilter):
        return existing
    file_filter = FileOpenFilter(app)
    app.installEventFilter(file_filter)
    return file_filter
