"""The page the window shows when nothing is open: what Variorum does, a large drop target,
the open buttons and the recent sessions.

Contract: ``openArticlesRequested``, ``openSessionRequested``, ``sampleRequested``,
``recentActivated(Path)``, ``filesDropped(list[Path])`` and ``set_recent(paths)``. The page
only asks; the window opens things (and decides what a dropped file is).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from variorum.gui.actions import ActionId, key_sequences, spec
from variorum.resources import icon_paths

COLUMN_MAX_WIDTH = 640
ICON_SIZE = 56
ZONE_HEIGHT = (150, 280)  # the drop zone grows with the window between these heights
MAX_VISIBLE_RECENT = 6  # rows shown before the recent list scrolls

DROP_TEXT = "Drop two or more article files here"
DROP_DETAIL = ".txt  .md  .html  .docx  .pdf  — or a folder, or a .variorum session"
DROP_RELEASE = "Release to open"

_PATH_ROLE = Qt.ItemDataRole.UserRole
_FOLDER_ROLE = Qt.ItemDataRole.UserRole + 1
_MISSING_ROLE = Qt.ItemDataRole.UserRole + 2


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def _muted(palette: QPalette) -> QColor:
    # Secondary text derived from the palette itself, so it reads in light and dark themes.
    return _blend(
        palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.4
    )


def _with_keys(tip: str, action_id: ActionId) -> str:
    """``tip`` plus the window's shortcut for the same command, read from the action table."""
    keys = key_sequences(spec(action_id))
    if not keys:
        return tip
    return f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files and folders in a drag, in order, without repeats; web links dropped."""
    if mime is None or not mime.hasUrls():
        return []
    seen: dict[Path, None] = {}
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile():
            seen.setdefault(Path(url.toLocalFile()), None)
    return list(seen)


def display_folder(folder: Path) -> str:
    """A folder as people read it: the home folder shortened to ~ where that is the custom."""
    text = str(folder)
    if os.name != "nt":
        home = str(Path.home())
        if text == home or text.startswith(home + os.sep):
            text = "~" + text[len(home) :]
    return text


def _plain_label(text: str, *, muted: bool = False, point_delta: float = 0.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # no markup anywhere on this page
    label.setWordWrap(True)
    if point_delta:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() + point_delta)
        label.setFont(font)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class _DropGlyph(QWidget):
    """An arrow into a tray, drawn in the palette's colours (no image to theme)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(44, 40)
        self.highlighted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colour = (
            palette.color(QPalette.ColorRole.Highlight) if self.highlighted else _muted(palette)
        )
        pen = QPen(colour, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        w, h = self.width(), self.height()
        cx = w / 2
        painter.drawLine(QPointF(cx, 3), QPointF(cx, h * 0.62))  # shaft
        painter.drawLine(QPointF(cx - 8, h * 0.62 - 8), QPointF(cx, h * 0.62))  # head
        painter.drawLine(QPointF(cx + 8, h * 0.62 - 8), QPointF(cx, h * 0.62))
        tray = QPainterPath(QPointF(4, h * 0.55))
        tray.lineTo(QPointF(4, h - 3))
        tray.lineTo(QPointF(w - 4, h - 3))
        tray.lineTo(QPointF(w - 4, h * 0.55))
        painter.drawPath(tray)


class DropZone(QFrame):
    """The large dashed target. The page handles the drag; the zone shows it and can be
    clicked to choose files instead."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAccessibleName("Drop area")
        self.setAccessibleDescription(
            "Drop two or more article files here — .txt .md .html .docx .pdf — "
            "or a folder, or a .variorum session. Click to choose files."
        )
        self.setToolTip("Drop files here, or click to choose them")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(ZONE_HEIGHT[0])
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._highlighted = False

        self._glyph = _DropGlyph()
        self._title = _plain_label(DROP_TEXT, point_delta=2)
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail = _plain_label(DROP_DETAIL, muted=True)
        self._detail.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addStretch(1)
        layout.addWidget(self._glyph, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(4)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        layout.addStretch(1)

    def is_highlighted(self) -> bool:
        return self._highlighted

    def set_highlighted(self, on: bool) -> None:
        if on == self._highlighted:
            return
        self._highlighted = on
        self._glyph.highlighted = on
        # Words as well as colour: the border turns solid and the line says what happens.
        self._title.setText(DROP_RELEASE if on else DROP_TEXT)
        self._glyph.update()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        if self._highlighted:
            highlight = palette.color(QPalette.ColorRole.Highlight)
            fill = _blend(window, highlight, 0.14)
            pen = QPen(highlight, 2.0, Qt.PenStyle.SolidLine)
        else:
            fill = _blend(window, palette.color(QPalette.ColorRole.Base), 0.55)
            pen = QPen(_muted(palette), 1.4, Qt.PenStyle.DashLine)
            pen.setDashPattern([5.0, 4.0])
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 10, 10)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class _RecentDelegate(QStyledItemDelegate):
    """Two lines per session: its name (with "(missing)" when gone) and, muted, its folder."""

    PAD_V = 6
    PAD_H = 10

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = option.fontMetrics
        return QSize(200, metrics.height() * 2 + 2 + self.PAD_V * 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Let the style draw the selection, hover and focus; we draw the text ourselves.
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        missing = bool(index.data(_MISSING_ROLE))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        if selected and not missing:
            name_colour = palette.color(QPalette.ColorRole.HighlightedText)
            folder_colour = name_colour
        else:
            name_colour = palette.color(QPalette.ColorRole.Text)
            folder_colour = _blend(name_colour, palette.color(QPalette.ColorRole.Base), 0.4)
        if missing:
            name_colour = folder_colour = palette.color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )

        rect = opt.rect.adjusted(self.PAD_H, self.PAD_V, -self.PAD_H, -self.PAD_V)
        metrics = opt.fontMetrics
        line = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        if missing:
            name = f"{name}  (missing)"
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(name_colour)
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, line.width()),
        )
        painter.setPen(folder_colour)
        folder = str(index.data(_FOLDER_ROLE))
        painter.drawText(
            line.translated(0, metrics.height() + 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, line.width()),
        )
        painter.restore()


class _RecentList(QListWidget):
    """The recent sessions: one click or Enter opens one."""

    entryActivated = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_RecentDelegate(self))
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setMouseTracking(True)  # hover highlight says "this is clickable"
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.itemClicked.connect(self._clicked)
        self._last_emit: tuple[Path, float] | None = None

    def _emit(self, item: QListWidgetItem | None) -> None:
        if item is None or item.data(_MISSING_ROLE):
            return
        path = item.data(_PATH_ROLE)
        now = time.monotonic()
        # A double-click is two clicks; the second must not open the session again.
        if self._last_emit is not None:
            last_path, last_time = self._last_emit
            if last_path == path and now - last_time < QApplication.doubleClickInterval() / 1000:
                return
        self._last_emit = (path, now)
        self.entryActivated.emit(path)

    def _clicked(self, item: QListWidgetItem) -> None:
        self._emit(item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter/Return handled here rather than via `activated`, which also fires on
        # double-click and differs between platforms.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._last_emit = None  # a deliberate key press always counts
            self._emit(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)

    def fit_height(self) -> None:
        """As tall as its entries (up to MAX_VISIBLE_RECENT), shrinking to about two rows
        in a small window so the page does not need to scroll."""
        row = self.sizeHintForRow(0) if self.count() else 0
        frame = 2 * self.frameWidth()
        self.setMaximumHeight(min(self.count(), MAX_VISIBLE_RECENT) * row + frame)
        self.setMinimumHeight(min(self.count(), 2) * row + frame)


class StartPage(QWidget):
    """What Variorum shows with nothing open."""

    openArticlesRequested = Signal()
    openSessionRequested = Signal()
    sampleRequested = Signal()
    recentActivated = Signal(object)  # pathlib.Path
    filesDropped = Signal(object)  # list[pathlib.Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setAccessibleName("Start page")
        # The whole page takes drops, not just the zone: a near miss still works.
        self.setAcceptDrops(True)
        self._drag_ok = False

        column = QWidget()
        column.setObjectName("startColumn")
        column.setMaximumWidth(COLUMN_MAX_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        col = QVBoxLayout(column)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)

        col.addLayout(self._header())
        col.addSpacing(22)

        self.drop_zone = DropZone()
        self.drop_zone.clicked.connect(self.openArticlesRequested)
        col.addWidget(self.drop_zone, 1)
        col.addSpacing(14)

        self.open_articles_button = self._button(
            "&Open articles…",
            _with_keys("Choose two or more article files to compare", ActionId.OPEN_ARTICLES),
            self.openArticlesRequested,
        )
        self.open_session_button = self._button(
            "Open &session…",
            _with_keys("Open a saved Variorum session", ActionId.OPEN_SESSION),
            self.openSessionRequested,
        )
        self.sample_button = self._button(
            "Open the sa&mple comparison",
            "Compare the five sample articles shipped with Variorum",
            self.sampleRequested,
        )
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for b in (self.open_articles_button, self.open_session_button, self.sample_button):
            buttons.addWidget(b, 1)
        col.addLayout(buttons)
        col.addSpacing(28)

        self.recent_list = _RecentList()
        self.recent_list.setAccessibleName("Recent sessions")
        self.recent_list.entryActivated.connect(self.recentActivated)
        heading = QLabel("&Recent sessions")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        heading.setBuddy(self.recent_list)
        self.recent_empty = _plain_label("No recent sessions", muted=True)
        self.recent_empty.setAccessibleName("No recent sessions")
        col.addWidget(heading)
        col.addSpacing(6)
        col.addWidget(self.recent_list)
        col.addWidget(self.recent_empty)

        self.setTabOrder(self.open_articles_button, self.open_session_button)
        self.setTabOrder(self.open_session_button, self.sample_button)
        self.setTabOrder(self.sample_button, self.recent_list)

        # Centre the column; more room below than above so it sits at the optical centre.
        body = QWidget()
        body.setObjectName("startBody")
        outer = QVBoxLayout(body)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)

        # A scroll area only matters in a small window: the page never clips its buttons.
        scroll = QScrollArea()
        scroll.setObjectName("startScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        scroll.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        body.setBackgroundRole(QPalette.ColorRole.Window)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll)

        self.set_recent(())

    def _header(self) -> QHBoxLayout:
        icon_label = QLabel()
        icon_label.setAccessibleName("Variorum icon")
        icon = QIcon()
        try:
            for path in icon_paths():
                if path.is_file():
                    icon.addFile(str(path))
        except FileNotFoundError:
            pass  # an installation without icons still gets a working page
        if not icon.isNull():
            icon_label.setPixmap(icon.pixmap(QSize(ICON_SIZE, ICON_SIZE), self.devicePixelRatioF()))
        icon_label.setFixedSize(ICON_SIZE, ICON_SIZE)

        title = QLabel("Variorum")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setAccessibleName("Variorum")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        tagline = _plain_label(
            "Compare versions of a news article: what they share, what each one changed, "
            "and which claims only one of them makes.",
            muted=True,
            point_delta=0.5,
        )
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(title)
        text.addWidget(tagline)

        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(icon_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(text, 1)
        return header

    def _button(self, text: str, tip: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(tip)
        button.setMinimumHeight(button.sizeHint().height() + 6)
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button

    # -- recent sessions -------------------------------------------------------------------

    def set_recent(self, paths: Sequence[Path]) -> None:
        """Show ``paths`` (newest first); a file that no longer exists is greyed "(missing)"."""
        self.recent_list.clear()
        for path in paths:
            path = Path(path)
            missing = not path.exists()
            folder = display_folder(path.parent)
            item = QListWidgetItem(path.name)
            item.setData(_PATH_ROLE, path)
            item.setData(_FOLDER_ROLE, folder)
            item.setData(_MISSING_ROLE, missing)
            spoken = f"{path.name}, in {folder}"
            if missing:
                spoken += ", missing"
                item.setToolTip(f"Not found: {path}")
                # Shown so the user recognises it, but there is nothing to open.
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            self.recent_list.addItem(item)
        has_any = self.recent_list.count() > 0
        self.recent_list.setVisible(has_any)
        self.recent_empty.setVisible(not has_any)
        if has_any:
            self.recent_list.fit_height()
            first = next(
                (
                    i
                    for i in range(self.recent_list.count())
                    if self.recent_list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
                ),
                None,
            )
            if first is not None:
                self.recent_list.setCurrentRow(first, QItemSelectionModel.SelectionFlag.NoUpdate)

    def recent(self) -> list[Path]:
        """The paths shown, in order (for the window's tests and accessibility checks)."""
        return [self.recent_list.item(i).data(_PATH_ROLE) for i in range(self.recent_list.count())]

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A quarter of the page's height: a big target in a big window, and still no
        # scrolling at 800x500. (Stretch factors cannot express "grow up to a cap".)
        low, high = ZONE_HEIGHT
        self.drop_zone.setMinimumHeight(min(max(round(event.size().height() * 0.26), low), high))
        super().resizeEvent(event)

    # -- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._drag_ok = bool(local_paths(event.mimeData()))
        if self._drag_ok:
            event.acceptProposedAction()
            self.drop_zone.set_highlighted(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._drag_ok:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drag_ok = False
        self.drop_zone.set_highlighted(False)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drag_ok = False
        self.drop_zone.set_highlighted(False)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.filesDropped.emit(paths)
