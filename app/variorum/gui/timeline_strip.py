"""The revision timeline above the grid: one tick per dated version, a bar per revision.

``TimelineStrip`` shows ``engine.timeline`` values and never computes them: ticks sit in
time order, spaced by their dates pulled halfway to even spacing (so the strip reads in
order of time, not at its scale), and between two ticks a bar whose height is that
revision's size (rows added, removed and changed), labelled "+added −removed ~changed".
Clicking a bar emits ``revisionActivated`` with the revision number; ``set_current``
highlights one. Hidden while the comparison has fewer than two dated versions.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from variorum.engine.timeline import Revision

_HEIGHT = 64
_MARGIN = 48  # room for the first and last tick's label


def _seconds(date: str) -> float | None:
    try:
        return datetime.fromisoformat(date).timestamp()
    except ValueError:
        return None


def tick_positions(dates: list[str]) -> list[float]:
    """Each date's place along the strip, 0..1, in the order given (oldest first).

    Places follow the dates but are pulled halfway towards even spacing: captures minutes
    apart next to ones weeks apart would otherwise share one unreadable tick.
    """
    if len(dates) < 2:
        return [0.5] * len(dates)
    even = [i / (len(dates) - 1) for i in range(len(dates))]
    times = [_seconds(d) for d in dates]
    known = [t for t in times if t is not None]
    if len(known) != len(times) or max(known) == min(known):
        return even
    lo, hi = min(known), max(known)
    return [((t - lo) / (hi - lo) + e) / 2 for t, e in zip(known, even, strict=True)]


class TimelineStrip(QWidget):
    revisionActivated = Signal(int)  # the revision number (1 for the first change)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineStrip")
        self.setAccessibleName("Revision timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._labels: list[str] = []
        self._dates: list[str] = []
        self._revisions: tuple[Revision, ...] = ()
        self._current = 0
        self.setVisible(False)

    # -- what it shows -------------------------------------------------------------------

    def set_revisions(self, revisions: tuple[Revision, ...]) -> None:
        """Show ``revisions`` (consecutive, oldest first); none hides the strip."""
        self._revisions = revisions
        if revisions:
            self._labels = [revisions[0].before, *(r.after for r in revisions)]
            self._dates = [revisions[0].before_date, *(r.after_date for r in revisions)]
        else:
            self._labels, self._dates = [], []
        self._current = 0
        self.setVisible(bool(revisions))
        self.setAccessibleDescription(self._describe())
        self.update()

    @property
    def revisions(self) -> tuple[Revision, ...]:
        return self._revisions

    @property
    def current(self) -> int:
        """The highlighted revision number, 0 for none."""
        return self._current

    def set_current(self, number: int) -> None:
        self._current = number if 1 <= number <= len(self._revisions) else 0
        self.setAccessibleDescription(self._describe())
        self.update()

    def _describe(self) -> str:
        n = len(self._revisions)
        if not n:
            return ""
        where = f"; showing revision {self._current}" if self._current else ""
        return f"{n + 1} dated versions, {n} revision{'' if n == 1 else 's'}{where}"

    # -- geometry ------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(400, _HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, _HEIGHT)

    def _tick_x(self) -> list[float]:
        width = max(self.width() - 2 * _MARGIN, 1)
        return [_MARGIN + p * width for p in tick_positions(self._dates)]

    def bar_rect(self, number: int) -> QRectF:
        """Where revision ``number``'s bar is drawn (and clicked)."""
        xs = self._tick_x()
        left, right = xs[number - 1], xs[number]
        biggest = max((r.size for r in self._revisions), default=0) or 1
        size = self._revisions[number - 1].size
        full = _HEIGHT - 34
        height = max(3.0, full * size / biggest) if size else 2.0
        base = _HEIGHT - 22
        gap = min(4.0, (right - left) / 4)
        return QRectF(left + gap, base - height, max(right - left - 2 * gap, 2.0), height)

    def revision_at(self, x: float, y: float) -> int:
        """The revision whose column of the strip holds (x, y); 0 for none."""
        xs = self._tick_x()
        for number in range(1, len(self._revisions) + 1):
            if xs[number - 1] <= x <= xs[number] and 0 <= y <= _HEIGHT:
                return number
        return 0

    # -- events --------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.revision_at(event.position().x(), event.position().y())
        if number and event.button() == Qt.MouseButton.LeftButton:
            self.revisionActivated.emit(number)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        number = self.revision_at(event.position().x(), event.position().y())
        self.setToolTip(self._tooltip(number) if number else "")
        super().mouseMoveEvent(event)

    def _tooltip(self, number: int) -> str:
        r = self._revisions[number - 1]
        return (
            f"Revision {r.number}: {r.before} \u2192 {r.after}\n"
            f"{len(r.added)} added, {len(r.removed)} removed, {len(r.changed)} changed, "
            f"{len(r.claims)} new claims\nClick to show this revision"
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._revisions:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlphaF(0.55)
        accent = pal.color(QPalette.ColorRole.Highlight)
        xs = self._tick_x()
        axis_y = _HEIGHT - 22.0
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(xs[0], axis_y), QPointF(xs[-1], axis_y))
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 6.0))
        painter.setFont(small)
        for number in range(1, len(self._revisions) + 1):
            rect = self.bar_rect(number)
            current = number == self._current
            fill = QColor(accent if current else muted)
            if not current:
                fill.setAlphaF(0.35)
            painter.setPen(QPen(accent if current else muted, 2 if current else 1))
            painter.setBrush(fill)
            painter.drawRect(rect)
            r = self._revisions[number - 1]
            counts = f"+{len(r.added)} \u2212{len(r.removed)} ~{len(r.changed)}"
            painter.setPen(text)
            label_box = QRectF(rect.left() - 20, 0, rect.width() + 40, rect.top() - 1)
            painter.drawText(
                label_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, counts
            )
        for i, x in enumerate(xs):
            painter.setPen(QPen(text, 2))
            painter.drawLine(QPointF(x, axis_y - 4), QPointF(x, axis_y + 4))
            box = QRectF(x - _MARGIN, axis_y + 5, 2 * _MARGIN, 16)
            painter.setPen(muted)
            painter.drawText(
                box,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                painter.fontMetrics().elidedText(
                    self._labels[i], Qt.TextElideMode.ElideMiddle, int(2 * _MARGIN)
                ),
            )
        painter.end()
