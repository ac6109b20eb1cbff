"""The thin Qt adapter: the marked runs of a cell (``variorum.marks``) become a QTextDocument.

Text is inserted with ``QTextCursor.insertText`` and never parsed as HTML, so markup in an
article (``<img src=...>``, ``<script>``, ``&amp;``) is shown literally and loads nothing.
Every mark has a cue besides colour: underline style, strike-through, weight or a glyph.
A value the versions disagree on is written after a ≠ and boxed: the box is not a text
format, so :func:`boxed_rects` says where the painter draws it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLine,
    QTextOption,
)

from variorum.disagreements import DISAGREE_GLYPH
from variorum.gui.palette import CLAIM_GLYPH, GAP_GLYPH, GridColours
from variorum.marks import Mark, Run

CELL_MARGIN = 6.0
BOXED = QTextFormat.Property.UserProperty + 1  # set on text the painter draws a box around
BOX_PAD = 1.5  # the box sits this far outside the text it encloses


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
    if Mark.CONFLICT in marks:
        fmt.setProperty(BOXED, True)
    if Mark.EMPHASIS in marks:
        fmt.setFontItalic(True)
    return fmt


def _point_format(mark: Mark, colours: GridColours) -> tuple[str, QTextCharFormat]:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    if mark is Mark.CLAIM:
        fmt.setForeground(QColor(colours.claim_bar))
        return CLAIM_GLYPH + " ", fmt
    if mark is Mark.CONFLICT:
        fmt.setForeground(QColor(colours.conflict))
        fmt.setProperty(BOXED, True)
        return DISAGREE_GLYPH + "\u202f", fmt  # a narrow no-break space keeps it with the value
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


def boxed_rects(doc: QTextDocument) -> list[QRectF]:
    """Where the boxes around disagreeing values go, in document coordinates: one box per
    boxed stretch of text on each line it wraps onto."""
    if DISAGREE_GLYPH not in doc.toPlainText():
        return []  # every boxed value follows a ≠; most cells have none (painting is hot)
    doc.size()  # lays the document out if nothing has yet (lines exist only after that)
    rects: list[QRectF] = []
    block = doc.begin()
    while block.isValid():
        stretches: list[tuple[int, int]] = []  # block-relative [start, end) of boxed text
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            # hasProperty, not property(): an empty QVariant coming back as None costs
            # PySide6 a reference to None each time (see claims_panel's item roles).
            if frag.isValid() and frag.charFormat().hasProperty(BOXED):
                a = frag.position() - block.position()
                b = a + frag.length()
                if stretches and stretches[-1][1] == a:
                    stretches[-1] = (stretches[-1][0], b)
                else:
                    stretches.append((a, b))
            it += 1
        layout = block.layout()
        origin = layout.position()
        for a, b in stretches:
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                lo, hi = line.textStart(), line.textStart() + line.textLength()
                start, end = max(a, lo), min(b, hi)
                if start >= end:
                    continue
                x1, x2 = _x(line, start), _x(line, end)
                rect = QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height())
                rects.append(rect.adjusted(-BOX_PAD, 0.5, BOX_PAD, -0.5))
        block = block.next()
    return rects


def _x(line: QTextLine, position: int) -> float:
    # PySide6 returns (x, position) for this overload; the stubs say object.
    found: tuple[float, int] = line.cursorToX(position)  # type: ignore[assignment]
    return float(found[0])
