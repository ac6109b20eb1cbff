"""The thin Qt adapter: styled pieces of a cell become a QTextDocument of plain text.

Text is inserted with ``QTextCursor.insertText`` and never parsed as HTML, so markup in an
article (``<img src=...>``, ``<script>``, ``&amp;``) is shown literally and loads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextOption

from variorum.gui.cell_spans import Mark, Piece
from variorum.gui.palette import GridColours

CELL_MARGIN = 6.0


def _format(marks: frozenset[Mark], colours: GridColours) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colours.text))
    if Mark.CLAIM in marks:
        fmt.setBackground(QColor(colours.claim_bg))
    if Mark.INSERTED in marks:
        fmt.setBackground(QColor(colours.inserted_bg))
        fmt.setFontUnderline(True)
    if Mark.REPLACED in marks:
        fmt.setBackground(QColor(colours.replaced_bg))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    if Mark.DELETED in marks:
        fmt.setForeground(QColor(colours.muted))
        fmt.setFontStrikeOut(True)
    if Mark.TERM in marks:
        fmt.setForeground(QColor(colours.term_fg))
        fmt.setFontWeight(QFont.Weight.Bold)
        if Mark.REPLACED not in marks:
            fmt.setFontUnderline(True)
    if Mark.MATCH in marks:
        fmt.setBackground(QColor(colours.match_bg))
    return fmt


def build_cell_document(
    pieces: Iterable[Piece], font: QFont, colours: GridColours, width: float
) -> QTextDocument:
    """A laid-out document for one cell, wrapped to ``width`` pixels."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(CELL_MARGIN)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setAlignment(Qt.AlignmentFlag.AlignLeft)
    doc.setDefaultTextOption(option)
    cursor = QTextCursor(doc)
    formats: dict[frozenset[Mark], QTextCharFormat] = {}
    for piece in pieces:
        fmt = formats.get(piece.marks)
        if fmt is None:
            fmt = formats[piece.marks] = _format(piece.marks, colours)
        cursor.insertText(piece.text, fmt)
    doc.setTextWidth(max(width, 20.0))
    return doc
