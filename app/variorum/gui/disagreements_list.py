"""The Disagreements section at the top of the claims panel: facts the versions state differently.

``DisagreementsSection.set_disagreements(comparison, labels, annotations)`` lists every
disagreement between the versions ``labels`` (``variorum.disagreements``): its row and kind,
then its values side by side, each boxed after a ≠ with the version that states it, and a
badge line for the user's verdict and note. A click, Enter or a keyboard move emits
``disagreementActivated(Disagreement)``; a context menu emits ``menuRequested``.
``select_row`` follows the grid silently. The heading folds the list away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from variorum.annotations import Annotations, Verdict
from variorum.disagreements import (
    DISAGREE_GLYPH,
    DISAGREE_ROW_GLYPH,
    Disagreement,
    describe,
    kind_text,
    shown_disagreements,
    shown_values,
)
from variorum.engine.model import Comparison, ConflictValue
from variorum.gui.item_views import ClickAgain, RowLook, draw_row_frame, is_enter, menu_target
from variorum.gui.plain_text import plain_tooltip
from variorum.gui.verdict_badge import NoteView, badge_height, paint_badge

Index = QModelIndex | QPersistentModelIndex

# Item data, always set (see claims_panel: PySide6 mishandles None coming back from Qt).
DISAGREEMENT_ROLE = Qt.ItemDataRole.UserRole + 11  # Disagreement
VALUES_ROLE = Qt.ItemDataRole.UserRole + 12  # tuple[ConflictValue, ...] of the shown versions
NOTE_ROLE = Qt.ItemDataRole.UserRole + 13  # NoteView

PAD = 4
CHIP_PAD = 5  # inside a value's box, each side
GAP = 4
MAX_LIST_SHARE = 0.45  # of the panel's height, at most; the claims keep the rest


@dataclass(frozen=True)
class DisagreementMenuRequest:
    disagreement: Disagreement
    global_pos: QPoint


@dataclass(frozen=True)
class Chip:
    """One value's box: where it goes, and the (elided) value and version written in it."""

    rect: QRect
    value: str
    version: str
    glyph_x: int  # where the ≠ before it goes; -1 for the first value


def _fonts(font: QFont) -> tuple[QFont, QFont]:
    bold = QFont(font)
    bold.setBold(True)
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(small.pointSizeF() * 0.85)
    return bold, small


def lay_out_chips(
    values: Sequence[ConflictValue], font: QFont, left: int, top: int, width: int
) -> tuple[list[Chip], int]:
    """The values as boxes flowing left to right, ≠ between them, wrapping to ``width``;
    returns the boxes and the height they take."""
    bold, small = _fonts(font)
    fb, fs = QFontMetrics(bold), QFontMetrics(small)
    glyph_w = fb.horizontalAdvance(f" {DISAGREE_GLYPH} ")
    height = fb.height() + 4
    chips: list[Chip] = []
    x, y = left, top
    for value in values:
        version_w = min(fs.horizontalAdvance(value.version) + 2, int(width * 0.45))
        version = fs.elidedText(value.version, Qt.TextElideMode.ElideMiddle, version_w)
        room = max(width - glyph_w - 2 * CHIP_PAD - GAP - version_w, 20)
        shown = fb.elidedText(value.text, Qt.TextElideMode.ElideRight, room)
        w = 2 * CHIP_PAD + fb.horizontalAdvance(shown) + GAP + fs.horizontalAdvance(version)
        glyph_x = -1
        if chips:  # every value after the first follows a ≠, on its line or the next
            if x + glyph_w + w > left + width:
                x, y = left, y + height + 2
            glyph_x = x
            x += glyph_w
        chips.append(Chip(QRect(x, y, w, height), shown, version, glyph_x))
        x += w
    return chips, (y - top) + height if chips else 0


class DisagreementDelegate(QStyledItemDelegate):
    """Paints a disagreement: "⚠ Row 3 · number (score)", the boxed values, the badge."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _width(self) -> int:
        return max(self._view.viewport().width() - 2 * PAD, 80)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        values: tuple[ConflictValue, ...] = index.data(VALUES_ROLE)
        note: NoteView = index.data(NOTE_ROLE)
        fm = QFontMetrics(option.font)
        _chips, chips_h = lay_out_chips(values, option.font, 0, 0, self._width())
        height = 2 * PAD + fm.height() + GAP + chips_h
        if note.shown:
            height += GAP + badge_height(fm)
        return QSize(self._width(), height + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        d: Disagreement = index.data(DISAGREEMENT_ROLE)
        values: tuple[ConflictValue, ...] = index.data(VALUES_ROLE)
        note: NoteView = index.data(NOTE_ROLE)
        draw_row_frame(self, painter, option, index, self._view)

        look = RowLook.of(option)
        ink = look.ink(option)
        if look.selected:
            muted = accent = ink
        else:
            muted, accent = QColor(look.colours.muted), QColor(look.colours.conflict)
        bold, small = _fonts(option.font)
        fm = QFontMetrics(option.font)
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()

        # The heading line: ⚠, the row, the kind.
        lead = f"{DISAGREE_ROW_GLYPH} Row {d.row + 1} \u00b7 "
        painter.setFont(option.font)
        painter.setPen(accent)
        head = QRect(rect.left(), rect.top(), rect.width(), fm.height())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(head, align, lead)
        x = rect.left() + fm.horizontalAdvance(lead)
        painter.setFont(bold)
        painter.setPen(ink)
        kind = QFontMetrics(bold).elidedText(
            kind_text(d.conflict), Qt.TextElideMode.ElideRight, max(rect.right() - x, 10)
        )
        painter.drawText(QRect(x, rect.top(), rect.right() - x, fm.height()), align, kind)

        # The values, boxed, side by side.
        top = rect.top() + fm.height() + GAP
        chips, chips_h = lay_out_chips(values, option.font, rect.left(), top, self._width())
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for chip in chips:
            if chip.glyph_x >= 0:
                painter.setFont(bold)
                painter.setPen(accent)
                glyph = QRect(chip.glyph_x, chip.rect.top(), chip.rect.left() - chip.glyph_x,
                              chip.rect.height())  # fmt: skip
                painter.drawText(glyph, Qt.AlignmentFlag.AlignCenter, DISAGREE_GLYPH)
            painter.setPen(QPen(accent, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(chip.rect.adjusted(1, 1, -1, -1), 3, 3)
            painter.setFont(bold)
            painter.setPen(ink)
            inner = chip.rect.adjusted(CHIP_PAD, 0, -CHIP_PAD, 0)
            painter.drawText(inner, align, chip.value)
            painter.setFont(small)
            painter.setPen(muted)
            vx = inner.left() + fb.horizontalAdvance(chip.value) + GAP
            painter.drawText(QRect(vx, inner.top(), fs.horizontalAdvance(chip.version) + 2,
                                   inner.height()), align, chip.version)  # fmt: skip
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        if note.shown:
            by = top + chips_h + GAP
            painter.setFont(self._view.font())
            paint_badge(painter, note, rect.left(), by, rect.width(), look.dark, muted, fm)
        painter.restore()


class DisagreementList(QListWidget):
    """Enter activates, a click on the current item activates it again, rows re-wrap with
    the width, and the context menu names its disagreement."""

    enterPressed = Signal(QListWidgetItem)
    clickedAgain = Signal(QListWidgetItem)
    menuRequested = Signal(QListWidgetItem, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._click = ClickAgain[QListWidgetItem]()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if is_enter(event) and item is not None:
            self.enterPressed.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._click.pressed(self)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        item = self._click.released(self, event)
        if item is not None:
            self.clickedAgain.emit(item)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item, pos = menu_target(self, event)
        if item is not None:
            self.menuRequested.emit(item, pos)
            event.accept()
        else:
            event.ignore()

    widthChanged = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # values wrap, so heights follow the width
            self.widthChanged.emit()


class DisagreementsSection(QWidget):
    disagreementActivated = Signal(object)  # Disagreement
    menuRequested = Signal(object)  # DisagreementMenuRequest

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._silent = False
        self._disagreements: tuple[Disagreement, ...] = ()
        self.heading = QToolButton(self)
        self.heading.setCheckable(True)
        self.heading.setChecked(True)
        self.heading.setAutoRaise(True)
        self.heading.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.heading.setArrowType(Qt.ArrowType.DownArrow)
        self.heading.setAccessibleName("Disagreements")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.toggled.connect(self._fold)

        self.list = DisagreementList(self)
        self.list.setAccessibleName("Facts the versions state differently")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.list.setItemDelegate(DisagreementDelegate(self.list))
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.enterPressed.connect(self._activate)
        self.list.clickedAgain.connect(self._activate)
        self.list.menuRequested.connect(self._menu)
        # Queued: the list's own layout at the new width comes first.
        self.list.widthChanged.connect(self._fit, Qt.ConnectionType.QueuedConnection)

        # Never taller than the heading and the fitted list: the claims take the rest.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        self._update_heading()

    # -- public API ----------------------------------------------------------------------
    def set_disagreements(
        self, comparison: Comparison | None, labels: Sequence[str], annotations: Annotations
    ) -> None:
        """List the disagreements between ``labels`` in ``comparison`` (in row order)."""
        current = self.current()
        shown = shown_disagreements(comparison, labels) if comparison is not None else ()
        self._disagreements = shown
        self._silent = True
        try:
            self.list.clear()
            for d in shown:
                item = QListWidgetItem(self.list)
                item.setData(DISAGREEMENT_ROLE, d)
                item.setData(VALUES_ROLE, shown_values(d.conflict, labels))
                item.setText(describe(d.conflict, labels))  # what copying or a reader gets
                self._set_note(item, d, NoteView.of(annotations.for_conflict(comparison, d)))
            if current is not None:
                self._select(current)
        finally:
            self._silent = False
        self._update_heading()

    def set_annotations(self, comparison: Comparison | None, annotations: Annotations) -> None:
        if comparison is None:
            return
        for r in range(self.list.count()):
            item = self._item(r)
            d: Disagreement = item.data(DISAGREEMENT_ROLE)
            note = NoteView.of(annotations.for_conflict(comparison, d))
            if note != item.data(NOTE_ROLE):
                self._set_note(item, d, note)
        self.list.scheduleDelayedItemsLayout()
        self._fit()

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        return self._disagreements

    def item_for(self, d: Disagreement) -> QListWidgetItem | None:
        for r in range(self.list.count()):
            item = self._item(r)
            if item.data(DISAGREEMENT_ROLE) == d:
                return item
        return None

    def current(self) -> Disagreement | None:
        item = self.list.currentItem()
        if item is None:
            return None
        found: Disagreement = item.data(DISAGREEMENT_ROLE)
        return found

    def select_row(self, source_row: int) -> None:
        """Select the first disagreement of ``source_row`` (none there: clear), silently."""
        found = next((d for d in self._disagreements if d.row == source_row), None)
        was, self._silent = self._silent, True
        try:
            if found is None:
                self.list.setCurrentRow(-1)
                self.list.clearSelection()
            else:
                self._select(found)
        finally:
            self._silent = was

    def fit_to(self, available: int) -> None:
        """Take the height the list needs, up to a share of ``available`` pixels."""
        self._available = available
        self._fit()

    # -- internals -----------------------------------------------------------------------
    def _item(self, row: int) -> QListWidgetItem:
        item = self.list.item(row)
        assert item is not None
        return item

    def _select(self, d: Disagreement) -> None:
        item = self.item_for(d)
        if item is not None:
            self.list.setCurrentItem(item)
            self.list.scrollToItem(item)

    def _set_note(self, item: QListWidgetItem, d: Disagreement, note: NoteView) -> None:
        item.setData(NOTE_ROLE, note)
        lines = [f"Row {d.row + 1}: the versions disagree on {describe(d.conflict)}"]
        if note.verdict is not Verdict.UNREVIEWED:
            lines.append(f"Verdict: {note.verdict.title}")
        if note.note:
            lines.append(f"Note: {note.note}")
        item.setToolTip(plain_tooltip(*lines))
        spoken = describe(d.conflict)
        if note.shown:
            spoken += f". Verdict: {note.verdict.title}" + (
                f". Note: {note.note}" if note.note else ""
            )
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Row {d.row + 1}, {spoken}")

    def _update_heading(self) -> None:
        n = len(self._disagreements)
        count = "none" if n == 0 else f"{n}"
        self.heading.setText(f"{DISAGREE_GLYPH} Disagreements \u2014 {count}")
        self.heading.setToolTip(
            plain_tooltip(
                "Facts of the same kind that aligned versions state differently:",
                "numbers, money, dates, people in the same role, places.",
                "Click one to go to its row (Go \u25b8 Next Disagreement).",
            )
        )
        self.heading.setEnabled(n > 0)
        self.list.setVisible(n > 0 and self.heading.isChecked())
        self._fit()

    def _fold(self, open_: bool) -> None:
        self.heading.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.list.setVisible(open_ and bool(self._disagreements))
        self._fit()

    _available = 600

    def _fit(self) -> None:
        if not self._disagreements:
            self.list.setFixedHeight(0)
            self.updateGeometry()
            return
        self.list.doItemsLayout()
        content = sum(self.list.sizeHintForRow(r) for r in range(self.list.count()))
        cap = max(int(self._available * MAX_LIST_SHARE), 60)
        self.list.setFixedHeight(min(content + 2 * self.list.frameWidth() + 2, cap))
        self.updateGeometry()

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self._silent and current is not None:
            self._activate(current)

    def _activate(self, item: QListWidgetItem) -> None:
        self.disagreementActivated.emit(item.data(DISAGREEMENT_ROLE))

    def _menu(self, item: QListWidgetItem, pos: QPoint) -> None:
        self.menuRequested.emit(DisagreementMenuRequest(item.data(DISAGREEMENT_ROLE), pos))
