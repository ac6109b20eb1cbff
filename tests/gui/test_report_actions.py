"""ReportController in a stand-in window: export PDF/HTML through scripted dialogs, errors
shown not raised, actions enabled only with a comparison, print and preview painted onto a
PDF-output QPrinter by the same renderer (no dialog is ever shown)."""

from __future__ import annotations

import html
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from variorum.annotations import Annotations
from variorum.engine.model import Comparison
from variorum.gui.actions import ActionId, create_actions
from variorum.gui.report_actions import ExportResult, ReportController
from variorum.marks import without_markers
from variorum.report.export import ReportFormat
from variorum.report.palette import GAP_GLYPH

EXPORT_TIMEOUT_MS = 60_000


class StandInWindow(QMainWindow):
    """Just enough of the real window: holds a comparison (or nothing)."""

    def __init__(self, comparison: Comparison | None) -> None:
        super().__init__()
        self.comparison = comparison
        self.annotations: Annotations | None = None

    def report_inputs(self) -> tuple[Comparison, Annotations | None] | None:
        if self.comparison is None:
            return None
        return self.comparison, self.annotations


@dataclass
class ScriptedDialogs:
    """Answers from lists; records what was asked; never shows a window."""

    parent: QWidget
    save_paths: list[Path | None] = field(default_factory=list)
    print_answers: list[bool] = field(default_factory=list)
    printer_setup: Callable[[QPrinter], None] = lambda printer: None
    previewed: list[QPrinter] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)

    def save_path(self, fmt: ReportFormat, suggested: Path) -> Path | None:
        self.asked.append(f"save {fmt.value} as {suggested.name}")
        return self.save_paths.pop(0)

    def print_setup(self, printer: QPrinter) -> bool:
        self.asked.append("print")
        self.printer_setup(printer)  # what the user would pick in the dialog
        return self.print_answers.pop(0)

    def preview(self, printer: QPrinter, paint: Callable[[QPrinter], object]) -> None:
        self.asked.append("preview")
        self.printer_setup(printer)
        self.previewed.append(printer)
        paint(printer)  # what QPrintPreviewDialog.paintRequested does

    def progress(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, self.parent)
        dialog.setMinimumDuration(3_600_000)  # never appears during a test
        return dialog

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))


@dataclass
class Rig:
    window: StandInWindow
    controller: ReportController
    dialogs: ScriptedDialogs

    def trigger(self, action_id: ActionId) -> None:
        self.controller.actions[action_id].trigger()


@pytest.fixture
def make_rig(qtbot: QtBot) -> Iterator[Callable[[Comparison | None], Rig]]:
    rigs: list[Rig] = []

    def make(comparison: Comparison | None) -> Rig:
        window = StandInWindow(comparison)
        qtbot.addWidget(window)
        dialogs = ScriptedDialogs(window)
        actions = create_actions(window)
        controller = ReportController(window, window, actions, dialogs)  # type: ignore[arg-type]
        rig = Rig(window, controller, dialogs)
        rigs.append(rig)
        return rig

    yield make
    for rig in rigs:
        rig.controller.wait_for_export(EXPORT_TIMEOUT_MS)


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text_until(path: Path, wanted: list[str]) -> str:
    """The squashed text of ``path``'s pages, read only until it holds every one of
    ``wanted`` (squashed), else all of it: text extraction is the slow part of these tests,
    and the version labels sit on the first page."""
    text = ""
    for page in PdfReader(path).pages:
        text += _squash(page.extract_text())
        if all(w in text for w in wanted):
            break
    return text


def _export(qtbot: QtBot, rig: Rig, action_id: ActionId, answer: Path | None) -> ExportResult:
    rig.dialogs.save_paths.append(answer)
    with qtbot.waitSignal(rig.controller.exportFinished, timeout=EXPORT_TIMEOUT_MS) as signal:
        rig.trigger(action_id)
    result = signal.args[0]
    assert isinstance(result, ExportResult)
    return result


def test_actions_are_disabled_until_there_is_a_comparison(
    make_rig: Callable[[Comparison | None], Rig], seed_comparison: Comparison
) -> None:
    rig = make_rig(None)
    actions = rig.controller.actions
    assert set(actions) == {
        ActionId.PRINT,
        ActionId.PRINT_PREVIEW,
        ActionId.EXPORT_PDF,
        ActionId.EXPORT_HTML,
    }
    assert not any(a.isEnabled() for a in actions.values())
    rig.trigger(ActionId.EXPORT_PDF)  # a disabled action does nothing, asks nothing
    assert rig.dialogs.asked == []
    rig.window.comparison = seed_comparison
    rig.controller.update_enabled()
    assert all(a.isEnabled() for a in actions.values())
    rig.window.comparison = None
    rig.controller.update_enabled()
    assert not any(a.isEnabled() for a in actions.values())


def test_shortcuts_come_from_the_action_table(
    make_rig: Callable[[Comparison | None], Rig],
) -> None:
    actions = make_rig(None).controller.actions
    assert actions[ActionId.PRINT].shortcut().toString() == "Ctrl+P"
    assert actions[ActionId.EXPORT_PDF].shortcut().toString() == "Ctrl+Shift+E"


def test_export_pdf_writes_every_version_label(
    qtbot: QtBot,
    make_rig: Callable[[Comparison | None], Rig],
    seed_comparison: Comparison,
    tmp_path: Path,
) -> None:
    rig = make_rig(seed_comparison)
    result = _export(qtbot, rig, ActionId.EXPORT_PDF, tmp_path / "nato")  # extension added
    assert result.ok and result.path == tmp_path / "nato.pdf"
    assert rig.dialogs.asked[0].startswith("save pdf as 5 versions of NATO Considers")
    assert rig.dialogs.asked[0].endswith(".pdf")
    labels = [_squash(v.label) for v in seed_comparison.versions]
    text = _pdf_text_until(tmp_path / "nato.pdf", labels)
    for label in labels:
        assert label in text
    reader = PdfReader(tmp_path / "nato.pdf")
    assert reader.metadata is not None and reader.metadata.title.startswith("5 versions of")
    assert "nato.pdf" in rig.window.statusBar().currentMessage()
    assert all(a.isEnabled() for a in rig.controller.actions.values())  # enabled again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nato.pdf"]  # no temporary left


def test_export_html_writes_every_version_label(
    qtbot: QtBot,
    make_rig: Callable[[Comparison | None], Rig],
    seed_comparison: Comparison,
    tmp_path: Path,
) -> None:
    rig = make_rig(seed_comparison)
    result = _export(qtbot, rig, ActionId.EXPORT_HTML, tmp_path / "nato.htm")  # kept as is
    assert result.ok and result.path == tmp_path / "nato.htm"
    page = (tmp_path / "nato.htm").read_text(encoding="utf-8")
    visible = _squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    for version in seed_comparison.versions:
        assert _squash(version.label) in visible
        for sentence in version.sentences:
            # a […] gap mark may sit inside a changed sentence of the grid, and emphasis
            # markup (*Bild*) shows as emphasis, without its asterisks
            shown = _squash(without_markers(sentence.text)[0])
            assert shown in visible.replace(_squash(GAP_GLYPH), "")
    assert "nato.htm" in rig.window.statusBar().currentMessage()


def test_cancelled_save_dialog_writes_nothing(
    make_rig: Callable[[Comparison | None], Rig], seed_comparison: Comparison, tmp_path: Path
) -> None:
    rig = make_rig(seed_comparison)
    finished: list[ExportResult] = []
    rig.controller.exportFinished.connect(finished.append)
    for action_id in (ActionId.EXPORT_PDF, ActionId.EXPORT_HTML):
        rig.dialogs.save_paths.append(None)
        rig.trigger(action_id)
    rig.controller.wait_for_export(EXPORT_TIMEOUT_MS)
    assert len(rig.dialogs.asked) == 2
    assert list(tmp_path.iterdir()) == []
    assert finished == [] and rig.dialogs.errors == []
    assert all(a.isEnabled() for a in rig.controller.actions.values())


@pytest.fixture
def unwritable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder holding report.pdf in which no new file can be created."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 the old report")
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores permissions: refuse the way the OS would
        import tempfile

        real_mkstemp = tempfile.mkstemp

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            if Path(str(kwargs.get("dir", ""))) == folder:
                raise PermissionError(13, "Permission denied", str(folder))
            return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

        monkeypatch.setattr("variorum.atomic.tempfile.mkstemp", refuse)
    yield folder
    folder.chmod(0o755)


def test_unwritable_folder_shows_an_error_and_keeps_the_old_file(
    qtbot: QtBot,
    make_rig: Callable[[Comparison | None], Rig],
    seed_comparison: Comparison,
    unwritable_folder: Path,
) -> None:
    rig = make_rig(seed_comparison)
    target = unwritable_folder / "report.pdf"
    result = _export(qtbot, rig, ActionId.EXPORT_PDF, target)
    assert not result.ok
    assert len(rig.dialogs.errors) == 1
    title, message = rig.dialogs.errors[0]
    assert "export" in title.lower()
    assert str(target) in message and "Permission denied" in message
    assert target.read_bytes() == b"%PDF-1.4 the old report"
    assert sorted(p.name for p in unwritable_folder.iterdir()) == ["report.pdf"]
    assert all(a.isEnabled() for a in rig.controller.actions.values())


def test_actions_are_disabled_while_an_export_runs(
    qtbot: QtBot,
    make_rig: Callable[[Comparison | None], Rig],
    seed_comparison: Comparison,
    tmp_path: Path,
) -> None:
    rig = make_rig(seed_comparison)
    rig.dialogs.save_paths.append(tmp_path / "a.pdf")
    with qtbot.waitSignal(rig.controller.exportFinished, timeout=EXPORT_TIMEOUT_MS):
        rig.trigger(ActionId.EXPORT_PDF)
        assert rig.controller.busy()
        assert not any(a.isEnabled() for a in rig.controller.actions.values())
        assert rig.controller.export(ReportFormat.HTML) is False  # one export at a time
    assert not rig.controller.busy()
    assert len(rig.dialogs.asked) == 1


def _pdf_printer(path: Path) -> Callable[[QPrinter], None]:
    def setup(printer: QPrinter) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))

    return setup


def _page_texts(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(path).pages]


def _without_page_header(page: str) -> str:
    """A page's text after its running header (title, date line, "Page N of M")."""
    lines = page.split("\n")
    for k, line in enumerate(lines[:4]):
        if re.fullmatch(r"Page\s+\d+\s+of\s+\d+", line.strip()):
            return "\n".join(lines[k + 1 :])
    return page


def test_preview_paints_every_page_onto_the_printer_in_landscape(
    make_rig: Callable[[Comparison | None], Rig], seed_comparison: Comparison, tmp_path: Path
) -> None:
    rig = make_rig(seed_comparison)
    out = tmp_path / "preview.pdf"
    rig.dialogs.printer_setup = _pdf_printer(out)
    rig.trigger(ActionId.PRINT_PREVIEW)
    assert rig.dialogs.asked == ["preview"]
    printer = rig.dialogs.previewed[0]
    assert printer.pageLayout().orientation() is QPageLayout.Orientation.Landscape
    reader = PdfReader(out)
    count = len(reader.pages)
    assert count >= 4
    # The first and the last page, numbered out of all of them: every page was painted (the
    # text of every page is checked in test_paint_report_renders_directly_onto_a_pdf_printer,
    # which paints through the same function).
    assert _squash(f"Page 1 of {count}") in _squash(reader.pages[0].extract_text())
    assert _squash(f"Page {count} of {count}") in _squash(reader.pages[-1].extract_text())
    labels = [_squash(v.label) for v in seed_comparison.versions]
    joined = _pdf_text_until(out, labels)
    for label in labels:
        assert label in joined
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)


def test_paint_report_renders_directly_onto_a_pdf_printer(
    make_rig: Callable[[Comparison | None], Rig], seed_comparison: Comparison, tmp_path: Path
) -> None:
    """The function the preview's paintRequested calls, with no dialog at all."""
    rig = make_rig(seed_comparison)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _pdf_printer(tmp_path / "direct.pdf")(printer)
    count = rig.controller.paint_report(printer)
    pages = _page_texts(tmp_path / "direct.pdf")
    assert count == len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert _squash(f"Page {number} of {count}") in _squash(page)
    joined = _squash("".join(_without_page_header(page) for page in pages))
    for claim in seed_comparison.claims:
        for term in claim.terms:  # a term may run on over a page break
            assert _squash(term.text) in joined
    assert rig.dialogs.asked == []
    assert make_rig(None).controller.paint_report(printer) == 0


def test_print_honours_the_chosen_page_range(
    make_rig: Callable[[Comparison | None], Rig], seed_comparison: Comparison, tmp_path: Path
) -> None:
    rig = make_rig(seed_comparison)
    out = tmp_path / "printed.pdf"
    to_pdf = _pdf_printer(out)

    def pages_two_and_three(printer: QPrinter) -> None:
        to_pdf(printer)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)

    rig.dialogs.printer_setup = pages_two_and_three
    rig.dialogs.print_answers.append(True)
    rig.trigger(ActionId.PRINT)
    pages = _page_texts(out)
    assert len(pages) == 2
    assert re.search(r"Page\s*2\s*of\s*(\d+)", pages[0])
    assert re.search(r"Page\s*3\s*of", pages[1])
    assert "sent to" in rig.window.statusBar().currentMessage()


def test_print_dialog_cancelled_prints_nothing(
    make_rig: Callable[[Comparison | None], Rig], seed_comparison: Comparison, tmp_path: Path
) -> None:
    rig = make_rig(seed_comparison)
    rig.dialogs.printer_setup = _pdf_printer(tmp_path / "never.pdf")
    rig.dialogs.print_answers.append(False)
    rig.trigger(ActionId.PRINT)
    assert rig.dialogs.asked == ["print"]
    assert not (tmp_path / "never.pdf").exists()


def test_two_versions_print_portrait(
    make_rig: Callable[[Comparison | None], Rig], two_version_comparison: Comparison, tmp_path: Path
) -> None:
    rig = make_rig(two_version_comparison)
    out = tmp_path / "pair.pdf"
    rig.dialogs.printer_setup = _pdf_printer(out)
    rig.dialogs.print_answers.append(True)
    rig.trigger(ActionId.PRINT)
    box = PdfReader(io.BytesIO(out.read_bytes())).pages[0].mediabox
    assert float(box.width) < float(box.height)


def test_cancelled_export_writes_nothing(
    qtbot: QtBot,
    make_rig: Callable[[Comparison | None], Rig],
    seed_comparison: Comparison,
    tmp_path: Path,
) -> None:
    rig = make_rig(seed_comparison)
    rig.dialogs.save_paths.append(tmp_path / "never.pdf")
    with qtbot.waitSignal(rig.controller.exportFinished, timeout=EXPORT_TIMEOUT_MS) as signal:
        rig.trigger(ActionId.EXPORT_PDF)
        rig.controller.cancel_export()  # what the progress dialog's Cancel does
    assert signal.args[0].cancelled
    assert list(tmp_path.iterdir()) == []
    assert rig.dialogs.errors == []
    assert rig.window.statusBar().currentMessage() == "Export cancelled"
    assert all(a.isEnabled() for a in rig.controller.actions.values())
