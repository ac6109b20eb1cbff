"""Lay report HTML out on a paged device and paint it: QPdfWriter for PDF, QPrinter for print.

One code path for every paged device: :func:`render_onto` lays the HTML out for the
device's page layout and resolution (QTextDocument: table rows and long cells break across
pages, header rows repeat) and paints each page with a running header and a "Page X of Y"
footer, which QTextDocument alone cannot produce. The caller sets the device's page layout
first (:func:`apply_page_setup`); what the device then says wins, so a paper size or
orientation the user picks in the print dialog is honoured, and so is a page range.
:func:`render_pdf` wraps it for a QPdfWriter: real text layer, embedded fonts, title metadata.

Needs a QGuiApplication (:func:`ensure_gui_application` makes a windowless one if none
exists). Safe on a worker thread as long as the device and document stay on that thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeAlias, cast

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
)

from variorum.report.palette import MUTED, RULE
from variorum.report.prepared import PageSetup, PreparedReport

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

__all__ = [
    "PageSetup",
    "ProgressCallback",
    "apply_page_setup",
    "ensure_gui_application",
    "render_onto",
    "render_pdf",
]

_MARGIN_MM = 14.0
_BODY_POINT_SIZE = 9.0
_HEADER_POINT_SIZE = 7.5
# A heading this close to the foot of a page (in body lines) moves to the next page.
_HEADING_KEEP_LINES = 5
_app: QGuiApplication | None = None
_base_font: QFont | None = None

# Called after each painted page with (pages painted, pages to paint); may raise to stop.
ProgressCallback = Callable[[int, int], None]
# What the report is painted on: a QPdfWriter for PDF, a QPrinter for print and preview
# (both have resolution(), which QPagedPaintDevice itself lacks).
PagedDevice: TypeAlias = "QPdfWriter | QPrinter"


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a windowless one made for rendering."""
    global _app
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    # A report never shows a window, so it must not need a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["variorum"])
    return _app


def page_layout(setup: PageSetup, paper: QPageSize | None = None) -> QPageLayout:
    """``setup``'s orientation and the report margins on ``paper`` (A4 unless given)."""
    orientation = (
        QPageLayout.Orientation.Landscape if setup.landscape else QPageLayout.Orientation.Portrait
    )
    margins = QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    return QPageLayout(
        paper or QPageSize(QPageSize.PageSizeId.A4),
        orientation,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def apply_page_setup(device: QPagedPaintDevice, setup: PageSetup, keep_paper: bool = False) -> None:
    """Give ``device`` the report's orientation and margins; A4 unless ``keep_paper``
    (a printer keeps the paper its driver or the user chose)."""
    paper = device.pageLayout().pageSize() if keep_paper else None
    if paper is not None and not paper.isValid():
        paper = None
    device.setPageLayout(page_layout(setup, paper))


def _report_font() -> QFont:
    # Made once and reused: every report paints with the same font.
    global _base_font
    if _base_font is None:
        font = QFont(QGuiApplication.font())
        font.setFamilies(["DejaVu Sans", font.family()])
        font.setPointSizeF(_BODY_POINT_SIZE)
        # Ligature glyphs (fi, ff) would make the text layer say "ﬁ", which search may miss.
        for tag in ("liga", "clig"):
            font.setFeature(QFont.Tag(tag), 0)
        _base_font = font
    return QFont(_base_font)


def make_document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    """A QTextDocument laid out for ``device``'s resolution and base font."""
    ensure_gui_application()
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(_report_font())
    doc.setHtml(html)
    return doc


def keep_headings_with_text(doc: QTextDocument, page_height: float, line_height: float) -> None:
    """Start a new page before a heading that would sit at the foot of a page, cut off
    from what it heads (QTextDocument has no keep-with-next)."""
    layout = doc.documentLayout()
    room_needed = line_height * _HEADING_KEEP_LINES
    cursor = QTextCursor(doc)
    moved = False
    for heading in _root_headings(doc):
        rect = layout.blockBoundingRect(heading)  # re-read: earlier breaks move text
        top_of_page = (rect.top() // page_height) * page_height
        room = top_of_page + page_height - rect.bottom()
        if rect.top() > top_of_page + 1 and room < room_needed:
            fmt = QTextBlockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.setPosition(heading.position())
            cursor.mergeBlockFormat(fmt)
            moved = True
    if moved:
        # Qt relays out lazily from the changed block but leaves later tables where they
        # were (text then overlaps or vanishes); lay the whole document out again.
        doc.markContentsDirty(0, doc.characterCount())


def _root_headings(doc: QTextDocument) -> list[QTextBlock]:
    """Heading blocks of the document's own flow (not inside tables), in order."""
    # Iterating a QTextFrame yields QTextFrame.iterator positions (the stubs say object).
    items = cast("Iterable[QTextFrame.iterator]", doc.rootFrame())
    return [
        item.currentBlock()
        for item in items
        if item.currentBlock().isValid() and item.currentBlock().blockFormat().headingLevel() > 0
    ]


def _page_break_positions(doc: QTextDocument, page_height: float) -> list[int]:
    """Document positions of lines that start a new page inside their paragraph."""
    layout = doc.documentLayout()
    cuts: list[int] = []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if int(rect.top() // page_height) != int(max(rect.top(), rect.bottom() - 1) // page_height):
            lines = block.layout()
            previous = None
            for i in range(lines.lineCount()):
                line = lines.lineAt(i)
                page = int((rect.top() + line.y()) // page_height)
                if previous is not None and page != previous and line.textStart() > 0:
                    cuts.append(block.position() + line.textStart())
                previous = page
        block = block.next()
    return cuts


def split_blocks_at_page_breaks(doc: QTextDocument, page_height: float) -> None:
    """End every paragraph where a page ends, so no paragraph spans two pages.

    Painting a page draws one line more than it shows of a paragraph that starts on an
    earlier page (Qt's QTextLayout draws the last line above the clip); clipped, it is
    invisible, but it would repeat in the PDF's text layer. Split at the line that starts
    the page, nothing of the paragraph is drawn there twice.
    """
    for _ in range(8):  # a split can move later text a little; settle in a few passes
        cuts = _page_break_positions(doc, page_height)
        if not cuts:
            return
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for position in reversed(cuts):
            cursor.setPosition(position)
            cursor.insertBlock()
        cursor.endEditBlock()


def paint_pages(
    doc: QTextDocument,
    device: PagedDevice,
    setup: PageSetup,
    progress: ProgressCallback | None = None,
) -> int:
    """Paint ``doc`` onto ``device`` page by page with header and footer; returns the page count.

    Paints on the device's current page layout, starting on its current page; only the
    pages in the device's page ranges when it has any (a printer's "pages 2-5").
    """
    paint_rect = device.pageLayout().paintRectPixels(device.resolution())
    width, height = float(paint_rect.width()), float(paint_rect.height())
    header_font = QFont(doc.defaultFont())
    header_font.setPointSizeF(_HEADER_POINT_SIZE)
    band = device.resolution() * _HEADER_POINT_SIZE / 72.0 * 2.6  # text line plus a gap
    body_height = height - 2 * band
    doc.setPageSize(QSizeF(width, body_height))
    keep_headings_with_text(
        doc, body_height, QFontMetricsF(doc.defaultFont(), device).lineSpacing()
    )
    split_blocks_at_page_breaks(doc, body_height)
    count = doc.pageCount()
    ranges = device.pageRanges()
    wanted = [p for p in range(count) if ranges.isEmpty() or ranges.contains(p + 1)]
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start painting the report")
    try:
        rule = QPen(QColor(RULE))
        rule.setWidthF(device.resolution() / 150.0)
        metrics = QFontMetricsF(header_font, device)
        room = (
            width - metrics.horizontalAdvance(setup.header_right) - metrics.averageCharWidth() * 4
        )
        left = metrics.elidedText(setup.header_left, Qt.TextElideMode.ElideRight, room)
        for done, page in enumerate(wanted):
            if done:
                device.newPage()
            # Header and footer first, so the text layer reads them before the page body.
            painter.setFont(header_font)
            painter.setPen(QColor(MUTED))
            top = QRectF(0, 0, width, band * 0.6)
            painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, left)
            painter.drawText(
                top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, setup.header_right
            )
            painter.drawText(
                QRectF(0, height - band * 0.6, width, band * 0.6),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                f"Page {page + 1} of {count}",
            )
            painter.setPen(rule)
            painter.drawLine(0, int(band * 0.7), int(width), int(band * 0.7))
            painter.save()
            painter.translate(0, band - page * body_height)
            doc.drawContents(painter, QRectF(0, page * body_height, width, body_height - 0.5))
            painter.restore()
            if progress is not None:
                progress(done + 1, len(wanted))
    finally:
        painter.end()
    return count


def render_onto(
    device: PagedDevice, report: PreparedReport, progress: ProgressCallback | None = None
) -> int:
    """Lay ``report`` out for ``device`` (its current page layout) and paint every page;
    returns the page count. The one renderer behind PDF export, print and print preview."""
    doc = make_document(report.html, device)
    return paint_pages(doc, device, report.setup, progress)


def render_pdf(report: PreparedReport, progress: ProgressCallback | None = None) -> bytes:
    """The report as PDF bytes, on A4 in the report's orientation."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(report.title)
    writer.setCreator(report.creator)
    apply_page_setup(writer, report.setup)
    render_onto(writer, report, progress)  # ending the painter finishes the PDF
    buffer.close()
    return bytes(data.data())
