"""The versions list: include, reorder, rename, choose the base, replace, remove, add.

``VersionsPanel.set_versions(entries)`` shows the versions (silently); the user's edits come
out as signals with one payload each. Order, include and label show the change at once;
base, remove, replace and add wait for the window to call ``set_versions`` again.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from variorum.engine.ingest_furniture import is_metadata
from variorum.gui.actions import ActionId, Scope, create_actions
from variorum.gui.palette import colours_for, is_dark
from variorum.gui.set_aside_view import SetAsideView

Index = QModelIndex | QPersistentModelIndex

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's VersionEntry (always set)
DRAG_MIME = "application/x-variorum-version-row"
PAD = 6
MESSAGE_MS = 10_000  # how long a refused rename's explanation stays


@dataclass(frozen=True)
class VersionEntry:
    label: str
    source: str  # file path or URL; "" for pasted text
    title: str | None
    word_count: int
    included: bool
    is_base: bool
    set_aside: tuple[str, ...] = ()  # the document's boilerplate: metadata and furniture


@dataclass(frozen=True)
class IncludeChange:
    label: str
    included: bool


@dataclass(frozen=True)
class Rename:
    old: str
    new: str


def source_text(entry: VersionEntry) -> str:
    return entry.source or "pasted text"


def entry_tooltip(entry: VersionEntry) -> str:
    # Rich text so it wraps; every piece of it is escaped (labels and paths are user data).
    lines = [f"<b>{html.escape(entry.label)}</b>"]
    if entry.is_base:
        lines.append("Base version: the others are compared against it")
    if entry.title:
        lines.append(html.escape(entry.title))
    lines.append(html.escape(source_text(entry)))
    lines.append(f"{entry.word_count:,} words")
    metadata = [line for line in entry.set_aside if is_metadata(line)]
    lines.extend(html.escape(line) for line in metadata)
    furniture = len(entry.set_aside) - len(metadata)
    if furniture:
        noun = "line" if furniture == 1 else "lines"
        lines.append(f"{furniture} {noun} of site furniture set aside (select to see them)")
    if not entry.included:
        lines.append("Left out of the comparison (tick the box to include it)")
    return "<qt>" + "<br>".join(lines) + "</qt>"


def entry_accessible_text(entry: VersionEntry) -> str:
    parts = [entry.label]
    if entry.is_base:
        parts.append("base version")
    parts.append("included" if entry.included else "left out")
    if entry.title:
        parts.append(entry.title)
    parts.append(source_text(entry))
    parts.append(f"{entry.word_count} words")
    return ", ".join(parts)


class VersionDelegate(QStyledItemDelegate):
    """Three lines per version: check box, label and base badge; title; source and words.
    The label is edited in place on its own line."""

    def __init__(self, panel: VersionsPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self._panel = panel

    # -- geometry (shared by painting, editing and hit tests) --------------------------
    @staticmethod
    def fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        return bold, small

    def check_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else self._panel.style()
        return style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, opt.widget
        )

    def text_left(self, option: QStyleOptionViewItem, index: Index) -> int:
        return self.check_rect(option, index).right() + PAD

    def line_height(self, option: QStyleOptionViewItem) -> tuple[int, int]:
        bold, small = self.fonts(option)
        return QFontMetrics(bold).height() + 4, QFontMetrics(small).height() + 1

    def badge_rect(self, option: QStyleOptionViewItem) -> QRect:
        """Where "base" is written (right end of the label line); double-click it to choose."""
        _, small = self.fonts(option)
        fm = QFontMetrics(small)
        first, _ = self.line_height(option)
        w = fm.horizontalAdvance("BASE") + 12
        top = option.rect.top() + PAD
        return QRect(option.rect.right() - PAD - w, top + 1, w, first - 2)

    def label_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        left = self.text_left(option, index)
        first, _ = self.line_height(option)
        right = self.badge_rect(option).left() - PAD
        return QRect(left, option.rect.top() + PAD, max(right - left, 20), first)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        first, other = self.line_height(option)
        return QSize(200, PAD * 2 + first + 2 * other + 2)

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry: VersionEntry = index.data(ENTRY_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else self._panel.style()
        # Background, selection, focus and the check box as the style draws them.
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        colours = colours_for(is_dark(option.palette))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role_group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        if selected:
            ink = muted = option.palette.color(role_group, QPalette.ColorRole.HighlightedText)
            accent = ink
        else:
            ink = option.palette.color(role_group, QPalette.ColorRole.Text)
            muted = QColor(colours.muted)
            accent = QColor(colours.current_outline)
        if not entry.included:
            ink = muted  # the empty check box says it too

        bold, small = self.fonts(option)
        first, other = self.line_height(option)
        left = self.text_left(option, index)
        right = option.rect.right() - PAD
        top = option.rect.top() + PAD
        painter.save()

        label = self.label_rect(option, index)
        painter.setFont(bold)
        painter.setPen(ink)
        fm = QFontMetrics(bold)
        painter.drawText(
            label,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(entry.label, Qt.TextElideMode.ElideRight, label.width()),
        )
        if entry.is_base or (option.state & QStyle.StateFlag.State_MouseOver):
            self._paint_badge(painter, option, entry.is_base, accent, muted, small)

        painter.setFont(small)
        fm = QFontMetrics(small)
        y = top + first
        painter.setPen(ink if entry.title else muted)
        title = entry.title or "no title"
        if not entry.title:
            italic = QFont(small)
            italic.setItalic(True)
            painter.setFont(italic)
        painter.drawText(
            QRect(left, y, right - left, other),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(title, Qt.TextElideMode.ElideRight, right - left),
        )
        painter.setFont(small)
        y += other
        words = f"{entry.word_count:,} words"
        if not entry.included:  # said in words too: some styles draw a faint empty box
            words = f"left out \u00b7 {words}"
        words_w = fm.horizontalAdvance(words)
        painter.setPen(muted)
        painter.drawText(
            QRect(right - words_w, y, words_w, other),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            words,
        )
        # A path's end (the file name) says most, so the middle goes.
        source_w = max(right - left - words_w - PAD, 10)
        painter.drawText(
            QRect(left, y, source_w, other),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(source_text(entry), Qt.TextElideMode.ElideLeft, source_w),
        )
        painter.restore()

    def _paint_badge(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        is_base: bool,
        accent: QColor,
        muted: QColor,
        small: QFont,
    ) -> None:
        rect = self.badge_rect(option)
        font = QFont(small)
        font.setBold(is_base)
        painter.setFont(font)
        if is_base:
            painter.setPen(QPen(accent, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
            painter.setPen(accent)
        else:  # on hover: where a double-click makes this the base
            painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
            painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "BASE" if is_base else "base?")

    def helpEvent(
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            entry: VersionEntry = index.data(ENTRY_ROLE)
            if self.badge_rect(option).contains(event.pos()):
                text = (
                    "The base version: the others are compared against it"
                    if entry.is_base
                    else f"Double-click to use {entry.label} as the base"
                )
                QToolTip.showText(event.globalPos(), "<qt>" + html.escape(text), view)
                return True
        return super().helpEvent(event, view, option, index)

    # -- editing the label -------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("Version label")
        editor.setFrame(True)
        self._panel.hide_message()
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        entry: VersionEntry = index.data(ENTRY_ROLE)
        editor.setText(entry.label)
        editor.selectAll()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        editor.setGeometry(self.label_rect(option, index).adjusted(-3, -2, 3, 2))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        # The panel checks the label and updates the item itself (or says why not).
        assert isinstance(editor, QLineEdit)
        self._panel.try_rename(index.row(), editor.text())


class VersionList(QListWidget):
    """The list: drags move a version within it and nothing else drops here (file drops
    go on to the window); a double-click on the base badge chooses the base."""

    rowMoved = Signal(int, int)  # from, to (the moved version's new row)
    badgeDoubleClicked = Signal(int)  # row
    menuRequested = Signal(QPoint, bool)  # global position, on a version (else empty space)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # Only our own format: QAbstractItemView's canDrop() then refuses file URLs. The
        # token tells this list's drags from another window's.
        self._token = str(id(self)).encode()

    def mimeTypes(self) -> list[str]:
        return [DRAG_MIME]

    def mime_for_row(self, row: int) -> QMimeData:
        mime = QMimeData()
        mime.setData(DRAG_MIME, QByteArray(self._token + b":" + str(row).encode()))
        return mime

    def dragged_row(self, mime: QMimeData) -> int | None:
        """The row a drag from this very list carries; None for anything else."""
        if not mime.hasFormat(DRAG_MIME):
            return None
        token, _, row = bytes(mime.data(DRAG_MIME).data()).partition(b":")
        if token != self._token or not row.isdigit():
            return None
        return int(row) if int(row) < self.count() else None

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        # Our own drag, so Qt never removes the "moved" rows after the drop.
        item = self.currentItem()
        if item is None:
            return
        row = self.row(item)
        drag = QDrag(self)
        drag.setMimeData(self.mime_for_row(row))
        rect = self.visualItemRect(item)
        drag.setPixmap(self.viewport().grab(rect))
        drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dragged_row(event.mimeData()) is None:
            event.ignore()  # a file: the window takes it
            return
        super().dragEnterEvent(event)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dragged_row(event.mimeData()) is None:
            event.ignore()
            return
        super().dragMoveEvent(event)  # drop indicator and auto-scroll
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.dragged_row(event.mimeData())
        if source is None:
            event.ignore()
            return
        target = self.drop_row(event.position().toPoint())
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        # Dropping below itself means one row further up once it has left its place.
        new_row = target - 1 if target > source else target
        if new_row != source:
            self.rowMoved.emit(source, new_row)

    def drop_row(self, pos: QPoint) -> int:
        """The gap a drop at ``pos`` falls into: 0 above the first row, count() after the last."""
        item = self.itemAt(pos)
        if item is None:
            return self.count()
        rect = self.visualItemRect(item)
        row = self.row(item)
        return row + 1 if pos.y() > rect.center().y() else row

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            item = self.itemAt(event.pos())  # viewport coordinates
            if item is not None:
                self.setCurrentItem(item)
            pos = event.globalPos()
        else:  # the menu key: the current version's menu, beside it
            item = self.currentItem()
            rect = self.visualItemRect(item) if item is not None else QRect()
            pos = self.viewport().mapToGlobal(rect.topLeft() + QPoint(24, rect.height() // 2))
        self.menuRequested.emit(pos, item is not None)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        delegate = self.itemDelegate()
        if index.isValid() and isinstance(delegate, VersionDelegate):
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.rect = self.visualRect(index)
            if delegate.badge_rect(option).contains(event.position().toPoint()):
                self.badgeDoubleClicked.emit(index.row())
                event.accept()
                return
        super().mouseDoubleClickEvent(event)


class VersionsPanel(QWidget):
    orderChanged = Signal(object)  # tuple[str, ...]: every label, in the new order
    includedChanged = Signal(object)  # IncludeChange
    baseChosen = Signal(str)
    renameRequested = Signal(object)  # Rename
    removeRequested = Signal(str)
    replaceRequested = Signal(str)
    addRequested = Signal()
    restoreRequested = Signal(object)  # SetAsideLine: put it back into the article

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False  # True while set_versions fills the list: no signals then

        self.list = VersionList(self)
        self.list.setAccessibleName("Versions")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setMouseTracking(True)  # the hover hint on the base badge
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.delegate = VersionDelegate(self, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.rowMoved.connect(self._move)
        self.list.badgeDoubleClicked.connect(self._choose_base_at)
        self.list.menuRequested.connect(lambda pos, on_item: self.context_menu(on_item).exec(pos))

        # What ingest set aside from the current version, under the list.
        self.set_aside = SetAsideView(self)
        self.set_aside.restoreRequested.connect(self.restoreRequested)
        self.list.currentRowChanged.connect(lambda _row: self._show_set_aside())

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAccessibleName("Why the label was not changed")
        self.message.hide()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self.hide_message)

        # The actions come from the action table (scope VERSIONS) and live on the list: their
        # keys work only while it has focus (Alt+Shift+Up/Down belong to claim navigation).
        self.actions_by_id = create_actions(self.list, Scope.VERSIONS)
        a = self.actions_by_id
        self.base_action = self._action(a[ActionId.VERSION_USE_AS_BASE], self._choose_base)
        self.rename_action = self._action(a[ActionId.VERSION_RENAME], self._rename_current)
        self.up_action = self._action(a[ActionId.VERSION_MOVE_UP], lambda: self._step(-1))
        self.down_action = self._action(a[ActionId.VERSION_MOVE_DOWN], lambda: self._step(1))
        self.include_action = self._action(a[ActionId.VERSION_INCLUDE], self._toggle_include)
        self.replace_action = self._action(a[ActionId.VERSION_REPLACE], self._replace)
        self.remove_action = self._action(a[ActionId.VERSION_REMOVE], self._remove)
        self.add_action = self._action(a[ActionId.VERSION_ADD], self.addRequested.emit)

        # Tool buttons, not push buttons (which keep a wide minimum): the panel stays
        # narrow enough to leave the grid room for five versions on a 1366 px screen.
        add = QToolButton(self)
        add.setText("&Add…")
        add.setToolTip(self.add_action.toolTip())
        add.setAccessibleName("Add article")
        add.clicked.connect(lambda _checked=False: self.add_action.trigger())
        self.add_button = add
        self.base_button = self._button(self.base_action, "Base")
        self.up_button = self._button(self.up_action, "", Qt.ArrowType.UpArrow)
        self.down_button = self._button(self.down_action, "", Qt.ArrowType.DownArrow)
        self.remove_button = self._button(self.remove_action, "Remove")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.base_button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.set_aside)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        self._update_buttons()

    def _action(self, action: QAction, slot: Callable[[], object]) -> QAction:
        action.triggered.connect(lambda _checked=False: slot())
        self.list.addAction(action)
        return action

    def _button(
        self, action: QAction, text: str, arrow: Qt.ArrowType = Qt.ArrowType.NoArrow
    ) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setArrowType(arrow)
        name = action.text().replace("&", "")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{name} ({keys})" if keys else name)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: action.trigger())
        return button

    # -- public API ----------------------------------------------------------------------
    def set_versions(self, entries: Sequence[VersionEntry]) -> None:
        """Show ``entries`` in order; keeps the selected version selected. Emits nothing."""
        current = self._current_label()
        self._updating = True
        blocked = self.list.blockSignals(True)
        try:
            self.list.clear()
            for entry in entries:
                item = QListWidgetItem()
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsEditable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                self._fill(item, entry)
                self.list.addItem(item)
            for row, entry in enumerate(entries):
                if entry.label == current:
                    self.list.setCurrentRow(row)
        finally:
            self.list.blockSignals(blocked)
            self._updating = False
        self._update_buttons()
        self._show_set_aside()

    def _show_set_aside(self) -> None:
        item = self.list.currentItem()
        if item is None and self.list.count() == 1:
            item = self.list.item(0)
        entry = self._entry(item) if item is not None else None
        self.set_aside.show_lines(entry.label if entry else "", entry.set_aside if entry else ())

    def entries(self) -> tuple[VersionEntry, ...]:
        return tuple(self._entry(self.list.item(r)) for r in range(self.list.count()))

    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.entries())

    def move_version(self, label: str, delta: int) -> None:
        """Move ``label`` by ``delta`` rows (what Move Up/Down do); emits orderChanged."""
        row = self._row_of(label)
        if row >= 0:
            self._move(row, row + delta)

    def hide_message(self) -> None:
        self.message.hide()
        self._message_timer.stop()

    # -- items -----------------------------------------------------------------------------
    def _fill(self, item: QListWidgetItem, entry: VersionEntry) -> None:
        item.setData(ENTRY_ROLE, entry)
        item.setText(entry.label)
        item.setCheckState(Qt.CheckState.Checked if entry.included else Qt.CheckState.Unchecked)
        item.setToolTip(entry_tooltip(entry))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, entry_accessible_text(entry))

    def _entry(self, item: QListWidgetItem) -> VersionEntry:
        entry = item.data(ENTRY_ROLE)
        assert isinstance(entry, VersionEntry)
        return entry

    def _row_of(self, label: str) -> int:
        for r in range(self.list.count()):
            if self._entry(self.list.item(r)).label == label:
                return r
        return -1

    def _current_label(self) -> str | None:
        item = self.list.currentItem()
        return self._entry(item).label if item is not None else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.list.currentRow()
        entry = self._entry(self.list.item(row)) if row >= 0 else None
        has = entry is not None
        self.base_action.setEnabled(has and not (entry and entry.is_base))
        self.rename_action.setEnabled(has)
        self.up_action.setEnabled(has and row > 0)
        self.down_action.setEnabled(has and row < self.list.count() - 1)
        self.include_action.setEnabled(has)
        self.include_action.setChecked(bool(entry and entry.included))
        self.replace_action.setEnabled(has)
        self.remove_action.setEnabled(has)
        for button, action in (
            (self.base_button, self.base_action),
            (self.up_button, self.up_action),
            (self.down_button, self.down_action),
            (self.remove_button, self.remove_action),
        ):
            button.setEnabled(action.isEnabled())

    # -- user edits ------------------------------------------------------------------------
    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        entry = self._entry(item)
        included = item.checkState() == Qt.CheckState.Checked
        if included != entry.included:
            entry = replace(entry, included=included)
            self._refill(item, entry)
            self._update_buttons()
            self.includedChanged.emit(IncludeChange(entry.label, included))

    def _refill(self, item: QListWidgetItem, entry: VersionEntry) -> None:
        self._updating = True
        try:
            self._fill(item, entry)
        finally:
            self._updating = False

    def try_rename(self, row: int, text: str) -> bool:
        """Rename the version in ``row`` to ``text``; refuses (and says why) an empty or
        duplicate label. True when the label changed."""
        item = self.list.item(row)
        if item is None:
            return False
        entry = self._entry(item)
        new = text.strip()
        if new == entry.label:
            return False
        if not new:
            self._refuse("A version needs a label; it keeps its old one.")
            return False
        if any(e.label == new for e in self.entries()):
            self._refuse(
                f"Another version is already called \u201c{new}\u201d; labels must differ."
            )
            return False
        self.hide_message()
        self._refill(item, replace(entry, label=new))
        self.renameRequested.emit(Rename(entry.label, new))
        return True

    def _refuse(self, why: str) -> None:
        self.message.setText("\u26a0 " + why)
        self.message.show()
        self._message_timer.start()

    def _move(self, row: int, new_row: int) -> None:
        count = self.list.count()
        if not (0 <= row < count and 0 <= new_row < count) or row == new_row:
            return
        blocked = self.list.blockSignals(True)  # takeItem changes the current row
        try:
            item = self.list.takeItem(row)
            self.list.insertItem(new_row, item)
            self.list.setCurrentRow(new_row)
        finally:
            self.list.blockSignals(blocked)
        self._update_buttons()
        self.orderChanged.emit(self.labels())

    def _step(self, delta: int) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self._move(row, row + delta)

    def _choose_base(self) -> None:
        label = self._current_label()
        if label is not None:
            self._choose_base_label(label)

    def _choose_base_at(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            self._choose_base_label(self._entry(item).label)

    def _choose_base_label(self, label: str) -> None:
        entry = self._entry(self.list.item(self._row_of(label)))
        if not entry.is_base:
            self.baseChosen.emit(label)

    def _rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _toggle_include(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _replace(self) -> None:
        label = self._current_label()
        if label is not None:
            self.replaceRequested.emit(label)

    def _remove(self) -> None:
        label = self._current_label()
        if label is not None:
            self.removeRequested.emit(label)

    # -- context menu ------------------------------------------------------------------------
    def context_menu(self, on_item: bool) -> QMenu:
        """The menu for the current version (on_item) or for the empty list."""
        menu = QMenu(self)
        if on_item:
            for action in (self.base_action, self.rename_action, None, self.up_action,
                           self.down_action, None, self.include_action, self.replace_action,
                           self.remove_action):  # fmt: skip
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
            menu.addSeparator()
        menu.addAction(self.add_action)
        return menu
