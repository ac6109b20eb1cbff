"""What a list row shows of the user's verdict and note, shared by the claims and disagreements.

``NoteView`` is the part of a ``Note`` a row paints; ``VERDICT_COLOURS`` the badge colours in
light and dark (the verdict's word is always written, so colour only helps scanning);
``paint_badge`` draws a row's badge line of ``badge_height``: the verdict's word boxed in
its colours, then the note, elided.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter

from variorum.annotations import Note, Verdict


@dataclass(frozen=True)
class NoteView:
    """What a row shows of the user's note: verdict and note text ("" for none)."""

    verdict: Verdict = Verdict.UNREVIEWED
    note: str = ""

    @classmethod
    def of(cls, note: Note | None) -> NoteView:
        return cls() if note is None else cls(note.verdict, note.note.strip())

    @property
    def shown(self) -> bool:
        return self.verdict is not Verdict.UNREVIEWED or bool(self.note)


# (background, text) of each verdict badge in light and dark; the word is always written,
# so the colour only helps scanning. Okabe-Ito hues: blue, orange, vermilion, yellow.
VERDICT_COLOURS: dict[bool, dict[Verdict, tuple[str, str]]] = {
    False: {
        Verdict.VERIFIED: ("#cfe6f7", "#00406b"),
        Verdict.DISPUTED: ("#fbe0b8", "#6b3b00"),
        Verdict.FALSE: ("#f8cdb8", "#7a2500"),
        Verdict.NEEDS_SOURCE: ("#f4ee9c", "#4f4700"),
    },
    True: {
        Verdict.VERIFIED: ("#1c4a6b", "#d9eefc"),
        Verdict.DISPUTED: ("#6b4810", "#fde8c8"),
        Verdict.FALSE: ("#6e2a10", "#fdd9c8"),
        Verdict.NEEDS_SOURCE: ("#57510e", "#f7f1b4"),
    },
}
NOTE_GLYPH = "\u270e"  # ✎


def badge_height(fm: QFontMetrics) -> int:
    return fm.height() + 4


def paint_badge(
    painter: QPainter,
    note: NoteView,
    left: int,
    top: int,
    width: int,
    dark: bool,
    muted: QColor,
    fm: QFontMetrics,
    outline: QColor | None = None,
) -> None:
    """The verdict's word in its box (edged in ``outline``, else its text colour), then
    the note in ``muted``, elided to what is left of ``width``."""
    h = badge_height(fm)
    x = left
    if note.verdict is not Verdict.UNREVIEWED:
        word = note.verdict.title
        bg, fg = VERDICT_COLOURS[dark][note.verdict]
        w = fm.horizontalAdvance(word) + 12
        badge = QRect(x, top, w, h)
        painter.setPen(QColor(fg) if outline is None else outline)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(badge.adjusted(0, 0, -1, -1), 4, 4)
        painter.setPen(QColor(fg))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, word)
        x += w + 6
    if note.note:
        painter.setPen(muted)
        text = fm.elidedText(
            f"{NOTE_GLYPH} {note.note}", Qt.TextElideMode.ElideRight, max(left + width - x, 0)
        )
        painter.drawText(
            QRect(x, top, left + width - x, h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
