"""The thin Qt adapter: the marked runs of a cell (``variorum.marks``) become a QTextDocument.

Text is inserted with ``QTextCursor.insertText`` and never parsed as HTML, so markup in an
article (``<img src=...>``, ``<script>``, ``&amp;``) is shown literally and loads nothing.
Every mark has a cue besides colour: underline style, strike-through, weight or a glyph.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextOption

from variorum.gui.palette import CLAIM_GLYPH, GAP_GLYPH, GridColours
from variorum.marks import Mark, Run

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
        fmt.setBackground(QColor(colours.deleted_bg))
        fmt.setFontStrikeOut(True)
    if Mark.TERM in marks:
        fmt.setForeground(QColor(colours.term_fg))
        fmt.setFontWeight(QFont.Weight.Bold)
        if Mark.REPLACED not in marks:
            fmt.setFontUnderline(True)
    if Mark.MATCH in marks:
        fmt.setBackground(QColor(colours.match_bg))
    if Mark.EMPHASIS in marks:
        fmt.setFontItalic(True)
    return fmt


def _point_format(mark: Mark, colours: GridColours) -> tuple[str, QTextCharFormat]:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    if mark is Mark.CLAIM:
        fmt.setForeground(QColor(colours.claim_bar))
        return CLAIM_GLYPH + " ", fmt
    fmt.setForeground(QColor(colours.muted))
    fmt.setBackground(QColor(colours.deleted_bg))
    return GAP_GLYPH, fmt


def build_cell_document(
    runs: Iterable[Run], font: QFont, colours: GridColours, width: float, prefix: str = ""
) -> QTextDocument:
    """A laid-out document for one cell, wrapped to ``width`` pixels; ``prefix`` (a badge
    such as the moved glyph) is written first in the muted colour."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(CELL_MARGIN)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setAlignment(Qt.AlignmentFlag.AlignLeft)
    doc.setDefaultTextOption(option)
    cursor = QTextCursor(doc)
    if prefix:
        badge = QTextCharFormat()
        badge.setForeground(QColor(colours.moved))
        badge.setFontWeight(QFont.Weight.Bold)
        cursor.insertText(prefix + " ", badge)
    formats: dict[frozenset[Mark], QTextCharFormat] = {}
    for run in runs:
        if Mark.MARKUP in run.marks:
            continue  # the * or _ round emphasis: the italics show it
        if not run.text:
            (mark,) = run.marks
            glyph, point = _point_format(mark, colours)
            cursor.insertText(glyph, point)
            continue
        fmt = formats.get(run.marks)
        if fmt is None:
            fmt = formats[run.marks] = _format(run.marks, colours)
        cursor.insertText(run.text, fmt)
    doc.setTextWidth(max(width, 20.0))
    return doc
