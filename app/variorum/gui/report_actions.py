"""The window's report commands: Print, Print Preview, Export as PDF, Export as HTML.

``ReportController`` knows nothing of the grid: the window hands it a ``ReportHost`` (the
comparison and annotations on screen now) and the four actions of the action table. It
connects them and keeps them disabled while nothing is open or an export is running; the
window calls :meth:`ReportController.update_enabled` after every new comparison. Every
dialog goes through ``ReportDialogs`` so tests can answer them.

All four outputs come from one prepared report (``report.export.prepare_report``) and one
renderer (``report.pdf.render_onto``), so print, preview and PDF share page layout,
running header and "Page X of Y"; the printer gets the report's orientation (landscape for
more than two versions) and keeps the paper its driver or the user chose.

Export runs on a worker thread: the window stays live under a busy cursor, a progress
dialog with Cancel appears when it takes longer than a moment, and the file is written
atomically only once complete (an existing file is replaced whole or left as it was).
Printing paints on the UI thread (the printer belongs to it) behind the same progress
dialog; the preview repaints through :meth:`ReportController.paint_report`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from variorum.annotations import Annotations
from variorum.engine.model import Comparison
from variorum.gui.actions import ActionId
from variorum.gui.plain_text import plain_message
from variorum.report.export import (
    ReportError,
    ReportFormat,
    default_file_name,
    encode_report,
    prepare_report,
    save_report,
)
from variorum.report.markup import default_title
from variorum.report.pdf import apply_page_setup, render_onto
from variorum.report.prepared import PreparedReport

log = logging.getLogger(__name__)

REPORT_ACTIONS = (
    ActionId.PRINT,
    ActionId.PRINT_PREVIEW,
    ActionId.EXPORT_PDF,
    ActionId.EXPORT_HTML,
)
FILE_FILTERS = {
    ReportFormat.PDF: "PDF documents (*.pdf)",
    ReportFormat.HTML: "Web pages (*.html *.htm)",
}
_SUFFIXES = {ReportFormat.PDF: (".pdf",), ReportFormat.HTML: (".html", ".htm")}
STATUS_MS = 8000
PROGRESS_DELAY_MS = 600  # shorter work finishes before any progress dialog appears


class ReportHost(Protocol):
    """What the window provides."""

    def report_inputs(self) -> tuple[Comparison, Annotations | None] | None:
        """The comparison on screen and the user's verdicts; None when nothing is open."""
        ...


@dataclass(frozen=True)
class ExportResult:
    """How an export ended: ``error`` is the message shown to the user, None on success."""

    path: Path
    fmt: ReportFormat
    error: str | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


@dataclass(frozen=True)
class RenderProgress:
    pages_done: int
    pages: int


class Cancelled(Exception):
    """The user pressed Cancel while the report was being rendered."""


class ReportDialogs:
    """Every question the controller asks, as real Qt dialogs; tests substitute answers."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def save_path(self, fmt: ReportFormat, suggested: Path) -> Path | None:
        caption = "Export report as PDF" if fmt is ReportFormat.PDF else "Export report as HTML"
        name, _ = QFileDialog.getSaveFileName(
            self.parent, caption, str(suggested), FILE_FILTERS[fmt]
        )
        return Path(name) if name else None

    def print_setup(self, printer: QPrinter) -> bool:
        """The system print dialog; True when the user chose to print."""
        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle("Print report")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def preview(self, printer: QPrinter, paint: Callable[[QPrinter], object]) -> None:
        """The print preview; it calls ``paint`` whenever it needs the pages again."""
        dialog = QPrintPreviewDialog(printer, self.parent)
        dialog.setWindowTitle("Print preview")
        dialog.paintRequested.connect(paint)
        dialog.exec()

    def progress(self, label: str) -> QProgressDialog:
        """A window-modal progress dialog with Cancel that appears only for long work."""
        dialog = QProgressDialog(label, "Cancel", 0, 0, self.parent)
        dialog.setWindowTitle("Variorum")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog

    def error(self, title: str, message: str) -> None:
        plain_message(self.parent, QMessageBox.Icon.Critical, title, message).exec()


class _WorkerSignals(QObject):
    progress = Signal(object)  # RenderProgress
    done = Signal(object)  # ExportResult


class ReportController(QObject):
    exportFinished = Signal(object)  # ExportResult

    def __init__(
        self,
        window: QWidget,
        host: ReportHost,
        actions: Mapping[ActionId, QAction],
        dialogs: ReportDialogs | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.dialogs = dialogs or ReportDialogs(window)
        self.actions = {a: actions[a] for a in REPORT_ACTIONS}
        self.last_folder = Path.home()
        self._printer: QPrinter | None = None
        self._previewing: PreparedReport | None = None
        self._export: tuple[threading.Event, QProgressDialog] | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _WorkerSignals(self)
        self._signals.progress.connect(self._export_progress)
        self._signals.done.connect(self._export_done)
        handlers: dict[ActionId, Callable[[], object]] = {
            ActionId.PRINT: self.print_report,
            ActionId.PRINT_PREVIEW: self.preview_report,
            ActionId.EXPORT_PDF: lambda: self.export(ReportFormat.PDF),
            ActionId.EXPORT_HTML: lambda: self.export(ReportFormat.HTML),
        }
        for action_id, handler in handlers.items():
            self.actions[action_id].triggered.connect(lambda _c=False, h=handler: h())
        self.update_enabled()

    # -- state -----------------------------------------------------------------------------

    def busy(self) -> bool:
        """An export is running."""
        return self._export is not None

    def update_enabled(self) -> None:
        """Enable the report actions when there is a comparison and no export is running."""
        enabled = not self.busy() and self.host.report_inputs() is not None
        for action in self.actions.values():
            action.setEnabled(enabled)

    def _prepare(self) -> PreparedReport | None:
        inputs = self.host.report_inputs()
        if inputs is None:
            return None
        comparison, annotations = inputs
        return prepare_report(comparison, annotations)

    def _status(self, message: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(message, STATUS_MS)

    # -- export ------------------------------------------------------------------------------

    def export(self, fmt: ReportFormat) -> bool:
        """Ask where, then write the report there on a worker thread; False if not started."""
        inputs = self.host.report_inputs()
        if inputs is None or self.busy():
            return False
        comparison, annotations = inputs
        suggested = self.last_folder / default_file_name(default_title(comparison), fmt)
        path = self.dialogs.save_path(fmt, suggested)
        if path is None:
            return False
        if path.suffix.lower() not in _SUFFIXES[fmt]:
            path = path.with_name(path.name + fmt.suffix)
        self.last_folder = path.parent
        cancel = threading.Event()
        progress = self.dialogs.progress(f"Exporting the report to {path.name}\u2026")
        progress.canceled.connect(cancel.set)
        self._export = (cancel, progress)
        self.update_enabled()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._status(f"Exporting the report to {path}\u2026")
        signals = self._signals

        def on_page(done: int, pages: int) -> None:
            if cancel.is_set():
                raise Cancelled
            signals.progress.emit(RenderProgress(done, pages))

        def work() -> None:
            try:
                prepared = prepare_report(comparison, annotations)
                data = encode_report(prepared, fmt, on_page)
                if cancel.is_set():
                    raise Cancelled
                save_report(path, data)
                result = ExportResult(path, fmt)
            except Cancelled:
                result = ExportResult(path, fmt, cancelled=True)
            except ReportError as e:
                result = ExportResult(path, fmt, error=str(e))
            except Exception as e:  # a bug must reach the user as a message, never a crash
                log.exception("report export failed")
                result = ExportResult(path, fmt, error=f"{path}: {type(e).__name__}: {e}")
            try:
                signals.done.emit(result)
            except RuntimeError:  # the window closed while we worked
                log.warning("report export finished after its window closed: %s", result)

        self._pool.start(work)
        return True

    def _export_progress(self, p: RenderProgress) -> None:
        if self._export is not None:
            dialog = self._export[1]
            dialog.setMaximum(p.pages)
            dialog.setValue(p.pages_done)

    def _export_done(self, result: ExportResult) -> None:
        if self._export is not None:
            self._export[1].close()
            self._export[1].deleteLater()
            self._export = None
            QGuiApplication.restoreOverrideCursor()
        self.update_enabled()
        if result.cancelled:
            self._status("Export cancelled")
        elif result.error is not None:
            self._status("Export failed")
            self.dialogs.error("Could not export the report", result.error)
        else:
            self._status(f"Report saved to {result.path}")
        self.exportFinished.emit(result)

    def cancel_export(self) -> None:
        """Stop a running export (its Cancel button); nothing is written."""
        if self._export is not None:
            self._export[0].set()

    def wait_for_export(self, msecs: int = -1) -> bool:
        """Block until a running export's worker has finished (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    # -- print and preview -----------------------------------------------------------------

    def printer(self) -> QPrinter:
        """The printer the report goes to, kept so the user's choices last the session."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        return self._printer

    def _setup_printer(self, prepared: PreparedReport) -> QPrinter:
        printer = self.printer()
        apply_page_setup(printer, prepared.setup, keep_paper=True)
        printer.setDocName(prepared.title)
        printer.setCreator(prepared.creator)
        return printer

    def print_report(self) -> bool:
        """The system print dialog, then the report onto the chosen printer."""
        prepared = self._prepare()
        if prepared is None or self.busy():
            return False
        printer = self._setup_printer(prepared)
        if not self.dialogs.print_setup(printer):
            return False
        progress = self.dialogs.progress("Printing the report\u2026")

        def on_page(done: int, pages: int) -> None:
            progress.setMaximum(pages)
            progress.setValue(done)  # a modal progress dialog keeps the window painting
            if progress.wasCanceled():
                raise Cancelled

        try:
            with _busy_cursor():
                render_onto(printer, prepared, on_page)
        except Cancelled:
            printer.abort()
            self._status("Printing cancelled")
            return False
        except OSError as e:
            self.dialogs.error("Could not print the report", f"{printer.printerName()}: {e}")
            return False
        finally:
            progress.close()
            progress.deleteLater()
        self._status(f"Report sent to {printer.printerName() or 'the printer'}")
        return True

    def preview_report(self) -> bool:
        """The print preview, painted by the same renderer as print and PDF."""
        prepared = self._prepare()
        if prepared is None or self.busy():
            return False
        printer = self._setup_printer(prepared)
        self._previewing = prepared  # one report (and one date) while the preview is open
        try:
            self.dialogs.preview(printer, self.paint_report)
        finally:
            self._previewing = None
        return True

    def paint_report(self, device: QPrinter) -> int:
        """Paint the report onto ``device`` as it is set up now; the preview's paintRequested
        slot. Returns the page count (0 when nothing is open)."""
        prepared = self._previewing or self._prepare()
        if prepared is None:
            return 0
        with _busy_cursor():
            return render_onto(device, prepared)


@contextmanager
def _busy_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
