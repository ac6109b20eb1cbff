"""Render report HTML to PDF bytes with Qt: real text layer, embedded fonts, title metadata.

QTextDocument lays the HTML out page by page (table rows and long cells break across
pages, header rows repeat); each page is then painted onto a QPdfWriter together with a
running header and a "Page X of Y" footer, which QTextDocument alone cannot produce.
Needs a QGuiApplication; :func:`ensure_gui_application` makes a windowless one if none exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

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
    QTextCursor,
    QTextDocument,
)

from variorum.report.palette import MUTED, RULE

_MARGIN_MM = 14.0
_BODY_POINT_SIZE = 9.0
_HEADER_POINT_SIZE = 7.5
_app: QGuiApplication | None = None


@dataclass(frozen=True)
class PageSetup:
    """Paper, orientation and the running header's two halves."""

    landscape: bool
    header_left: str
    header_right: str
    page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4


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


def page_layout(setup: PageSetup) -> QPageLayout:
    orientation = (
        QPageLayout.Orientation.Landscape if setup.landscape else QPageLayout.Orientation.Portrait
    )
    margins = QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    return QPageLayout(
        QPageSize(setup.page_size), orientation, margins, QPageLayout.Unit.Millimeter
    )


def make_document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    """A QTextDocument laid out for ``device``'s resolution and base font."""
    ensure_gui_application()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = QFont(QGuiApplication.font())
    font.setFamilies(["DejaVu Sans", font.family()])
    font.setPointSizeF(_BODY_POINT_SIZE)
    # Ligature glyphs (fi, ff) would make the text layer say "ﬁ", which search may miss.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag.fromString(tag), 0)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    return doc


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
    doc.setUndoRedoEnabled(False)
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


def paint_pages(doc: QTextDocument, device: QPagedPaintDevice, setup: PageSetup) -> int:
    """Paint ``doc`` onto ``device`` page by page with header and footer; returns the page count.

    ``device`` must already carry :func:`page_layout`; painting starts on its current page.
    """
    paint_rect = device.pageLayout().paintRectPixels(device.resolution())
    width, height = float(paint_rect.width()), float(paint_rect.height())
    header_font = QFont(doc.defaultFont())
    header_font.setPointSizeF(_HEADER_POINT_SIZE)
    band = device.resolution() * _HEADER_POINT_SIZE / 72.0 * 2.6  # text line plus a gap
    body_height = height - 2 * band
    doc.setPageSize(QSizeF(width, body_height))
    split_blocks_at_page_breaks(doc, body_height)
    count = doc.pageCount()
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
        for page in range(count):
            if page:
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
            clip = QRectF(0, page * body_height, width, body_height)
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    return count


def render_pdf(html: str, title: str, creator: str, setup: PageSetup) -> bytes:
    """The report as PDF bytes."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator(creator)
    writer.setPageLayout(page_layout(setup))
    doc = make_document(html, writer)
    paint_pages(doc, writer, setup)
    buffer.close()
    return bytes(data.data())
