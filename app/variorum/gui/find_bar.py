"""A slim browser-style find bar to sit above or below the synoptic grid.

Contract: ``queryChanged(str)`` while typing (debounced), ``nextRequested`` (Return),
``previousRequested`` (Shift+Return), ``closed`` (Escape; the bar hides itself);
``open(text)``, ``query()``, ``set_status(FindStatus)``. The bar never searches: the window
does, and reports back with ``set_status``. F3 / Shift+F3 belong to the window's actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QKeySequence, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from variorum.gui.actions import ActionId, key_sequences, spec

DEBOUNCE_MS = 150
# Okabe-Ito vermilion, blended into the field's own base colour so the tint suits light
# and dark palettes alike; the words "No matches" carry the meaning, the tint only helps.
_NO_MATCH_HUE = QColor("#d55e00")
_NO_MATCH_MIX = 0.28


@dataclass(frozen=True)
class FindStatus:
    """Where the current match is: ``current`` is 1-based, 0 when there is none."""

    current: int
    total: int


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class _Glyph(Enum):
    UP = "up"
    DOWN = "down"
    CLOSE = "close"


_GLYPH_SIZE = 16


def _glyph_icon(glyph: _Glyph, palette: QPalette, ratio: float) -> QIcon:
    """A chevron or cross in the palette's button text colour. Drawn rather than taken from
    the style: Fusion's arrows stay tiny whatever the button size."""
    icon = QIcon()
    for mode, group in (
        (QIcon.Mode.Normal, QPalette.ColorGroup.Active),
        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled),
    ):
        pixmap = QPixmap(round(_GLYPH_SIZE * ratio), round(_GLYPH_SIZE * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(palette.color(group, QPalette.ColorRole.ButtonText), 1.8)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        s = _GLYPH_SIZE
        if glyph is _Glyph.CLOSE:
            painter.drawLine(QPointF(4.5, 4.5), QPointF(s - 4.5, s - 4.5))
            painter.drawLine(QPointF(s - 4.5, 4.5), QPointF(4.5, s - 4.5))
        else:
            tip, base = (5.0, 10.5) if glyph is _Glyph.UP else (11.0, 5.5)
            painter.drawPolyline([QPointF(3.5, base), QPointF(s / 2, tip), QPointF(s - 3.5, base)])
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


def _window_keys(action_id: ActionId) -> str:
    """The window's shortcut for ``action_id`` as shown to the user (read from the table)."""
    keys = key_sequences(spec(action_id))
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def _key_text(portable: str) -> str:
    return QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText)


class FindBar(QWidget):
    """Find text in every version; hidden until ``open`` is called."""

    queryChanged = Signal(str)
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAccessibleName("Find bar")

        # One restartable single-shot timer: the query goes out once typing pauses, so a
        # search over thousands of rows does not run on every keystroke.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_query)

        label = QLabel("Find:")
        label.setTextFormat(Qt.TextFormat.PlainText)

        self._field = QLineEdit()
        self._field.setPlaceholderText("Find in all versions")
        self._field.setAccessibleName("Find text")
        self._field.setClearButtonEnabled(True)
        self._field.setMinimumWidth(220)
        self._field.setMaximumWidth(420)
        self._field.textChanged.connect(self._text_changed)
        self._field.installEventFilter(self)
        label.setBuddy(self._field)
        self._no_match = False

        enter = _key_text("Return")
        shift_enter = _key_text("Shift+Return")
        self._previous = self._tool_button(
            "Previous match",
            f"Previous match ({shift_enter} or {_window_keys(ActionId.FIND_PREVIOUS)})",
        )
        self._previous.clicked.connect(self._previous_clicked)
        self._next = self._tool_button(
            "Next match", f"Next match ({enter} or {_window_keys(ActionId.FIND_NEXT)})"
        )
        self._next.clicked.connect(self._next_clicked)

        self._status = QLabel()
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        self._status.setAccessibleName("Find status")
        # Room for "999 of 999" and "No matches", so the bar does not jitter as counts change.
        metrics = self._status.fontMetrics()
        self._status.setMinimumWidth(
            max(metrics.horizontalAdvance(t) for t in ("9999 of 9999", "No matches")) + 4
        )

        self._close = self._tool_button("Close find bar", f"Close ({_key_text('Escape')})")
        self._close.clicked.connect(self._dismiss)

        side = self._field.sizeHint().height()
        for b in (self._previous, self._next, self._close):
            b.setFixedSize(side, side)  # square, as tall as the field
            b.setIconSize(QSize(_GLYPH_SIZE, _GLYPH_SIZE))
        self._paint_icons()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        layout.setSpacing(4)
        layout.addWidget(label)
        layout.addWidget(self._field, 1)
        layout.addWidget(self._previous)
        layout.addWidget(self._next)
        layout.addSpacing(6)
        layout.addWidget(self._status)
        layout.addStretch(0)
        layout.addWidget(self._close)
        self.setTabOrder(self._field, self._previous)
        self.setTabOrder(self._previous, self._next)
        self.setTabOrder(self._next, self._close)

        self.hide()

    def _tool_button(self, name: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setAutoRaise(True)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        return button

    # -- public API ------------------------------------------------------------------------

    def open(self, text: str = "") -> None:
        """Show the bar, put ``text`` in the field (if given), select all and focus it."""
        self.show()
        if text:
            self._field.setText(text)  # a changed text goes out as queryChanged, debounced
        # A remembered query is not sent again: the window may step to a match right after
        # opening (F3), and a late queryChanged would reset that position.
        self._field.selectAll()
        self._field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def query(self) -> str:
        return self._field.text()

    def set_status(self, status: FindStatus) -> None:
        """Show "3 of 12" or "No matches"; nothing when the field is empty."""
        if not self._field.text():
            self._show_status("", no_match=False)
        elif status.total <= 0:
            self._show_status("No matches", no_match=True)
        elif status.current <= 0:
            noun = "match" if status.total == 1 else "matches"
            self._show_status(f"{status.total} {noun}", no_match=False)
        else:
            self._show_status(f"{status.current} of {status.total}", no_match=False)

    # -- internals -------------------------------------------------------------------------

    def _show_status(self, text: str, no_match: bool) -> None:
        self._status.setText(text)
        self._no_match = no_match
        self._tint_field()

    def _tint_field(self) -> None:
        # A palette with only Base set: every other role keeps following the window's
        # theme, and an empty QPalette hands Base back to it as well.
        palette = QPalette()
        if self._no_match:
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                base = self.palette().color(group, QPalette.ColorRole.Base)
                palette.setColor(
                    group, QPalette.ColorRole.Base, _blend(base, _NO_MATCH_HUE, _NO_MATCH_MIX)
                )
        self._field.setPalette(palette)

    def _paint_icons(self) -> None:
        ratio = self.devicePixelRatioF()
        for button, glyph in (
            (self._previous, _Glyph.UP),
            (self._next, _Glyph.DOWN),
            (self._close, _Glyph.CLOSE),
        ):
            button.setIcon(_glyph_icon(glyph, self.palette(), ratio))

    def changeEvent(self, event: QEvent) -> None:
        # Follow a switch between light and dark while the app runs.
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icons()
            self._tint_field()
        super().changeEvent(event)

    def _text_changed(self, text: str) -> None:
        if not text:
            # An empty field has nothing to report; do not leave "No matches" behind.
            self._show_status("", no_match=False)
        self._debounce.start()

    def _emit_query(self) -> None:
        self._debounce.stop()
        self.queryChanged.emit(self._field.text())

    def _flush_query(self) -> None:
        """Send a pending query now, so next/previous act on what is in the field."""
        if self._debounce.isActive():
            self._emit_query()

    def _next_clicked(self) -> None:
        self._flush_query()
        self.nextRequested.emit()

    def _previous_clicked(self) -> None:
        self._flush_query()
        self.previousRequested.emit()

    def _dismiss(self) -> None:
        self._debounce.stop()
        self.hide()
        self.closed.emit()

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods == Qt.KeyboardModifier.ShiftModifier:
                self._previous_clicked()
                return True
            if mods == Qt.KeyboardModifier.NoModifier:
                self._next_clicked()
                return True
        elif key == Qt.Key.Key_Escape and mods == Qt.KeyboardModifier.NoModifier:
            self._dismiss()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Catch the keys in the field itself: QLineEdit would otherwise turn Return into
        # returnPressed/editingFinished first, and a window shortcut could claim Escape.
        if watched is self._field and isinstance(event, QKeyEvent):
            own_key = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
            if event.type() == QEvent.Type.ShortcutOverride and own_key:
                event.accept()
                return True
            if event.type() == QEvent.Type.KeyPress and self._handle_key(event):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The same keys when focus is on one of the bar's buttons.
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)
