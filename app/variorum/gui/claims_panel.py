"""The claims panel: what only one version says, grouped by version, most salient first.

``ClaimsPanel.set_claims(comparison, labels, annotations)`` lists the claims of ``labels``;
a click, Enter or a keyboard move emits ``claimActivated(Claim)``, a context menu emits
``verdictMenuRequested(ClaimMenuRequest)``. ``select_claim`` follows the grid silently.
Above the claims, ``disagreements`` lists the facts the versions state differently (see
``gui.disagreements_list``); under each version's claims, "Other unique text" folds away the
sentences only it has that carry nothing to check (activating one also emits
``claimActivated``, with that sentence as a ``Claim``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from variorum.annotations import Annotations, Verdict
from variorum.engine.model import Claim, Comparison
from variorum.gui.disagreements_list import DisagreementsSection
from variorum.gui.item_views import ClickAgain, RowLook, draw_row_frame, is_enter, menu_target
from variorum.gui.palette import CLAIM_GLYPH, colours_for, is_dark
from variorum.gui.verdict_badge import NoteView, badge_height, paint_badge
from variorum.marks import shows_emphasis, without_markers

Index = QModelIndex | QPersistentModelIndex

# Item data. Every role is always set (never to None): PySide6 6.12 on Python 3.11 drops a
# reference to None whenever an empty value comes back from Qt, and painting reads these.
CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1  # Claim (claim rows only)
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2  # NoteView (claim rows only)
LABEL_ROLE = Qt.ItemDataRole.UserRole + 3  # the version label (group rows only)
SPANS_ROLE = Qt.ItemDataRole.UserRole + 4  # term spans in the claim text (claim rows only)
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 5  # (text as shown, (its term spans,))

_AT_TOP = QAbstractItemView.ScrollHint.PositionAtTop
_ENSURE_VISIBLE = QAbstractItemView.ScrollHint.EnsureVisible
MAX_LINES = 3  # a claim shows at most this many lines; the tooltip has the rest
PAD = 4
GAP = 3


@dataclass(frozen=True)
class ClaimMenuRequest:
    claim: Claim
    global_pos: QPoint


def _flat(text: str) -> str:
    # Same length as the input, so term offsets still index it.
    return text.translate(str.maketrans("\n\r\t\u2028\u2029", "     "))


def term_spans(comparison: Comparison, claim: Claim) -> tuple[tuple[int, int], ...]:
    """Where the claim's terms sit inside ``claim.text``, merged and in order."""
    start = comparison.version(claim.version).sentences[claim.sentence].start
    spans: list[tuple[int, int]] = []
    for term in claim.terms:
        a, b = term.start - start, term.end - start
        if not (0 <= a < b <= len(claim.text) and claim.text[a:b] == term.text):
            # Offsets that do not fit this sentence: fall back to finding the words.
            a = claim.text.casefold().find(term.text.casefold())
            if a < 0:
                continue
            b = a + len(term.text)
        spans.append((a, b))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


def shown_text(
    comparison: Comparison, claim: Claim
) -> tuple[str, tuple[list[tuple[int, int]], ...]]:
    """The claim as the list shows it, with its term spans: *emphasis* markers of a
    plain-text article left out, as the grid and the report leave them out."""
    spans = term_spans(comparison, claim)
    if not shows_emphasis(comparison.version(claim.version).source):
        return claim.text, (list(spans),)
    return without_markers(claim.text, spans)


def claim_matches(claim: Claim, words: Sequence[str]) -> bool:
    """Every word of the filter occurs in the sentence or one of its terms (any case)."""
    haystack = " ".join((claim.text, *(t.text for t in claim.terms))).casefold()
    return all(w in haystack for w in words)


def claim_tooltip(claim: Claim, note: NoteView) -> str:
    # Rich text, so it wraps; every piece of article or user text is escaped.
    kind = (
        "No other version has this sentence."
        if claim.unmatched
        else "Terms no other version has, in a shared sentence."
    )
    parts = [
        f"<p><b>{html.escape(claim.version)}</b>: {kind}</p>",
        f"<p>{html.escape(claim.text)}</p>",
    ]
    if claim.terms:
        terms = ", ".join(html.escape(t.text) for t in claim.terms)
        parts.append(f"<p>Terms: <b>{terms}</b></p>")
    parts.append(f"<p>Salience: {claim.salience:.2f}<br>Verdict: {note.verdict.title}")
    if note.note:
        parts.append(f"<br>Note: {html.escape(note.note)}")
    parts.append("</p>")
    return "<qt>" + "".join(parts) + "</qt>"


def claim_accessible_text(claim: Claim, note: NoteView) -> str:
    lead = "Only in this version" if claim.unmatched else "Unique terms"
    text = f"{lead}: {claim.text}"
    if claim.terms:
        text += ". Terms: " + ", ".join(t.text for t in claim.terms)
    if note.verdict is not Verdict.UNREVIEWED:
        text += f". Verdict: {note.verdict.title}"
    if note.note:
        text += f". Note: {note.note}"
    return text


@dataclass
class _Laid:
    layout: QTextLayout
    lines: int
    height: float


def match_spans(text: str, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where the filter's words occur in ``text`` (any case), for highlighting."""
    folded = text.casefold()
    if len(folded) != len(text):  # a letter that folds to two ("ß") would shift offsets
        return ()
    spans = []
    for word in words:
        start = folded.find(word)
        while start >= 0 and word:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    return tuple(sorted(spans))


SNIPPET_LEAD = 20  # characters of context kept before a claim's first term
ELLIPSIS = "\u2026"


def snippet_starts(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Where a too-long claim's snippet may begin: its opening and, when the first term is
    further in than SNIPPET_LEAD characters, a word about that far before it and the term's
    own word; each start once, in order."""
    starts = [0]
    first = spans[0][0] if spans else 0
    if first > SNIPPET_LEAD:  # a term that near the opening shows with it
        for lead in (SNIPPET_LEAD, 0):
            at = text.rfind(" ", 0, first - lead + 1) + 1
            if at not in starts:
                starts.append(at)
    return starts


def window_from(
    text: str, start: int, *ranges: Sequence[tuple[int, int]]
) -> tuple[str, tuple[list[tuple[int, int]], ...]]:
    """``text`` from ``start`` on, led by an ellipsis when it does not start at 0, with each
    list of (start, end) ranges moved to match (ranges before ``start`` are dropped)."""
    if start <= 0:
        return text, tuple(list(r) for r in ranges)
    shift = len(ELLIPSIS) - start

    def moved(found: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(a + shift, b + shift) for a, b in found if a >= start]

    return ELLIPSIS + text[start:], tuple(moved(r) for r in ranges)


@dataclass(frozen=True)
class Ink:
    term: QColor
    match_bg: QColor | None = None  # None: no filter highlight


Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class _Setting:
    """What every layout tried for one sentence shares: its fonts, width and colours."""

    font: QFont
    bold: QFont
    width: float
    ink: Ink


def _lay_out(
    text: str,
    spans: Sequence[tuple[int, int]],
    matches: Sequence[tuple[int, int]],
    font: QFont,
    width: float,
    ink: Ink,
) -> _Laid:
    """The sentence wrapped to ``width`` with terms bold and filter matches highlighted, at
    most MAX_LINES lines; a longer sentence ends its last line with an ellipsis."""
    bold = QFont(font)
    bold.setBold(True)
    setting = _Setting(font, bold, width, ink)
    laid = _try_layout(text, spans, matches, setting)
    if laid.lines <= MAX_LINES:
        return laid
    # Too long: of the sentence's opening and windows starting shortly before its first
    # term, show the one that keeps the most terms whole (the opening when it ties).
    best: tuple[int, _Laid] | None = None
    for start in snippet_starts(text, spans):
        shown, (kept, found) = window_from(text, start, spans, matches)
        whole, candidate = _elided(shown, kept, found, setting)
        if best is None or whole > best[0]:
            best = (whole, candidate)
        if whole == len(spans):
            break
    assert best is not None
    return best[1]


def _elided(text: str, spans: Spans, matches: Spans, setting: _Setting) -> tuple[int, _Laid]:
    """``text`` in MAX_LINES lines, the last one elided, and how many spans stay whole."""
    laid = _try_layout(text, spans, matches, setting)
    if laid.lines <= MAX_LINES:
        return len(spans), laid
    bold, width = setting.bold, setting.width
    cut = laid.layout.lineAt(MAX_LINES - 1).textStart()
    # Bold metrics are the wider ones, so the elided rest surely fits on one line.
    rest = QFontMetrics(bold).elidedText(text[cut:], Qt.TextElideMode.ElideRight, int(width))
    shorter = text[:cut] + rest
    limit = len(shorter) - 1  # the ellipsis is never bold

    def clip(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(a, min(b, limit)) for a, b in ranges if a < limit]

    laid = _try_layout(shorter, clip(spans), clip(matches), setting)
    laid.lines = min(laid.lines, MAX_LINES)
    laid.height = laid.lines * QFontMetrics(bold).lineSpacing()
    return sum(1 for _a, b in spans if b <= limit), laid


def _try_layout(text: str, spans: Spans, matches: Spans, setting: _Setting) -> _Laid:
    font, bold, width, ink = setting.font, setting.bold, setting.width, setting.ink
    layout = QTextLayout(text, font)
    ranges = []
    for a, b in spans:
        fmt = QTextCharFormat()
        fmt.setFont(bold)
        fmt.setForeground(ink.term)
        ranges.append(_range(a, b, fmt))
    if ink.match_bg is not None:
        for a, b in matches:
            fmt = QTextCharFormat()
            fmt.setBackground(ink.match_bg)
            ranges.append(_range(a, b, fmt))
    layout.setFormats(ranges)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spacing = QFontMetrics(bold).lineSpacing()
    y = 0.0
    count = 0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1.0))
        line.setPosition(QPointF(0, y))
        y += spacing
        count += 1
        if count > MAX_LINES:
            break
    layout.endLayout()
    return _Laid(layout, count, min(count, MAX_LINES) * spacing)


def _range(start: int, end: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    r.start, r.length, r.format = start, end - start, fmt
    return r


class ClaimDelegate(QStyledItemDelegate):
    """Paints a claim row: the ★ for a sentence no other version has, the sentence with its
    terms in bold, and a badge line for a verdict or note. Group rows paint as usual."""

    def __init__(self, view: ClaimTree) -> None:
        super().__init__(view)
        self._view = view
        self.filter_words: tuple[str, ...] = ()  # highlighted in the text while filtering
        self._heights: dict[tuple[str, int, str], float] = {}  # wrapped text height

    # -- geometry ----------------------------------------------------------------------
    def _glyph_width(self, fm: QFontMetrics) -> int:
        return fm.horizontalAdvance(CLAIM_GLYPH) + 6

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        fm = option.fontMetrics
        return max(option.rect.width() - 2 * PAD - self._glyph_width(fm), 40)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = self._view.itemFromIndex(index)
        if item is None or not is_claim_item(item):
            size = super().sizeHint(option, index)
            return QSize(size.width(), size.height() + 2 * PAD)
        claim: Claim = item.data(0, CLAIM_ROLE)
        note: NoteView = item.data(0, NOTE_ROLE)
        opt = QStyleOptionViewItem(option)
        # Qt may ask before the row has a rect: the column's width less the indent is it.
        indent = self._view.indentation() * 2
        opt.rect = QRect(0, 0, max(self._view.viewport().width() - indent, 80), 0)
        width = self._text_width(opt)
        # Qt asks again and again while laying out; wrapping a sentence is the costly part.
        key = (claim.text, width, opt.font.key())
        text_height = self._heights.get(key)
        if text_height is None:
            text, (spans,) = item.data(0, SHOWN_ROLE)
            laid = _lay_out(_flat(text), spans, (), opt.font, width, Ink(QColor()))
            if len(self._heights) > 10_000:
                self._heights.clear()
            text_height = self._heights[key] = laid.height
        height = text_height + 2 * PAD
        if note.shown:
            height += GAP + badge_height(opt.fontMetrics)
        return QSize(width, int(height) + 1)

    # -- painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = self._view.itemFromIndex(index)
        if item is not None and is_other_item(item):
            plain = QStyleOptionViewItem(option)
            plain.textElideMode = Qt.TextElideMode.ElideRight  # a sentence reads from its start
            super().paint(painter, plain, index)
            return
        if item is None or not is_claim_item(item):
            super().paint(painter, option, index)
            return
        claim: Claim = item.data(0, CLAIM_ROLE)
        note: NoteView = item.data(0, NOTE_ROLE)
        text, (spans,) = item.data(0, SHOWN_ROLE)
        look = RowLook.of(option)
        colours, selected = look.colours, look.selected
        ink = look.ink(option)
        if selected:
            term_ink, glyph_ink, muted = ink, ink, ink
        else:
            term_ink = QColor(colours.term_fg)
            glyph_ink = QColor(colours.claim_bar)
            muted = QColor(colours.muted)
        draw_row_frame(self, painter, option, index, self._view)

        fm = option.fontMetrics
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()
        painter.setFont(option.font)
        if claim.unmatched:
            painter.setPen(glyph_ink)
            painter.drawText(
                QRect(rect.left(), rect.top(), self._glyph_width(fm), fm.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                CLAIM_GLYPH,
            )
        left = rect.left() + self._glyph_width(fm)
        width = self._text_width(option)
        matches = match_spans(text, self.filter_words) if not selected else ()
        ink_spec = Ink(term_ink, QColor(colours.match_bg))
        laid = _lay_out(_flat(text), spans, matches, option.font, width, ink_spec)
        painter.setPen(ink)
        for i in range(laid.lines):
            laid.layout.lineAt(i).draw(painter, QPointF(left, rect.top()))
        if note.shown:
            top = rect.top() + int(laid.height) + GAP
            outline = ink if selected else None
            paint_badge(painter, note, left, top, width, look.dark, muted, fm, outline)
        painter.restore()


# Item types (QTreeWidgetItem.type()) of the "Other unique text" folder and its sentences;
# claims and version groups keep the default type.
FOLDER_TYPE = 1001
OTHER_TYPE = 1002


def is_claim_item(item: QTreeWidgetItem) -> bool:
    return item.parent() is not None and item.type() not in (FOLDER_TYPE, OTHER_TYPE)


def is_other_item(item: QTreeWidgetItem) -> bool:
    """A unique sentence with nothing checkable, under "Other unique text"."""
    return item.type() == OTHER_TYPE


def _activatable(item: QTreeWidgetItem) -> bool:
    return is_claim_item(item) or is_other_item(item)


class ClaimTree(QTreeWidget):
    """The list itself: Enter activates, a click on the current claim activates it again,
    heights follow the width (claims wrap), and a context menu names its claim."""

    enterPressed = Signal(QTreeWidgetItem)
    clickedAgain = Signal(QTreeWidgetItem)
    menuRequested = Signal(QTreeWidgetItem, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._click = ClickAgain[QTreeWidgetItem]()
        self._width = 0
        self._anchor = QPersistentModelIndex()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if is_enter(event) and item is not None:
            if _activatable(item):
                self.enterPressed.emit(item)
            else:
                item.setExpanded(not item.isExpanded())
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A press on a new row makes it current (which activates it); only a click on the
        # row that already was current needs activating here.
        self._click.pressed(self)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        item = self._click.released(self, event)
        if item is not None and _activatable(item):
            self.clickedAgain.emit(item)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item, pos = menu_target(self, event)
        if item is not None and is_claim_item(item):
            self.menuRequested.emit(item, pos)
            event.accept()
        else:
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        changed = event.size().width() != self._width
        # The row at the top, to put back there: heights change, the pixel offset would not.
        top = self.indexAt(QPoint(1, 1)) if changed and self.isVisible() else QModelIndex()
        super().resizeEvent(event)
        if changed:  # claims wrap, so a new width means new row heights
            self._width = event.size().width()
            self._anchor = QPersistentModelIndex(top)
            self.scheduleDelayedItemsLayout()
            QTimer.singleShot(0, self, self._reanchor)

    def _reanchor(self) -> None:
        anchor, self._anchor = self._anchor, QPersistentModelIndex()
        if anchor.isValid():
            self.scrollTo(self.model().index(anchor.row(), 0, anchor.parent()), _AT_TOP)
        elif self.currentIndex().isValid():  # first shown: the selection made while hidden
            self.scrollTo(self.currentIndex(), _ENSURE_VISIBLE)


class ClaimsPanel(QWidget):
    claimActivated = Signal(object)  # Claim
    verdictMenuRequested = Signal(object)  # ClaimMenuRequest
    disagreementActivated = Signal(object)  # Disagreement
    disagreementMenuRequested = Signal(object)  # DisagreementMenuRequest

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._comparison: Comparison | None = None
        self._labels: tuple[str, ...] = ()
        self._annotations = Annotations()
        self._counts: dict[str, int] = {}
        self._other_counts: dict[str, int] = {}
        self._silent = False  # True while the panel, not the user, moves the selection

        self.disagreements = DisagreementsSection(self)
        self.disagreements.disagreementActivated.connect(self.disagreementActivated)
        self.disagreements.menuRequested.connect(self.disagreementMenuRequested)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter claims by words or terms")
        self.filter.setAccessibleName("Filter claims")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)

        self.tree = ClaimTree(self)
        self.tree.setAccessibleName("Claims only one version makes")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(False)  # claims wrap in the delegate; headings elide
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps "— N claims" visible
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setIndentation(max(self.fontMetrics().height(), 14))
        self.delegate = ClaimDelegate(self.tree)
        self.tree.setItemDelegate(self.delegate)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.enterPressed.connect(self._activate)
        self.tree.clickedAgain.connect(self._activate)
        self.tree.menuRequested.connect(self._menu)

        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No claims")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.disagreements)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self.setFocusProxy(self.tree)
        self._update_empty()

    # -- public API ----------------------------------------------------------------------
    def set_claims(
        self, comparison: Comparison | None, labels: Sequence[str], annotations: Annotations
    ) -> None:
        """List the claims of ``labels`` (in that order) from ``comparison``."""
        collapsed = {
            self._group_label(group) for group in _groups(self.tree) if not group.isExpanded()
        }
        others_open = {
            self._group_label(group)
            for group in _groups(self.tree)
            for folder in _folders(group)
            if folder.isExpanded()
        }
        current = self._current_claim()
        self._comparison = comparison
        self._annotations = annotations
        known = comparison.labels if comparison is not None else ()
        self._labels = tuple(lab for lab in labels if lab in known)
        self._counts = {}
        self._other_counts = {}
        self.disagreements.set_disagreements(comparison, self._labels, annotations)
        self.disagreements.fit_to(self.height())
        self._silent = True
        try:
            self.tree.clear()
            if comparison is not None:
                for label in self._labels:
                    self._add_group(comparison, label, label not in collapsed)
                    self._add_other(comparison, label, label in others_open)
            self._apply_filter()
            if current is not None:
                self.select_claim(current)
        finally:
            self._silent = False

    def set_annotations(self, annotations: Annotations) -> None:
        """Show new verdicts and notes; selection, expansion and scrolling stay."""
        self._annotations = annotations
        self.disagreements.set_annotations(self._comparison, annotations)
        for item in self._claim_items():
            claim: Claim = item.data(0, CLAIM_ROLE)
            note = NoteView.of(annotations.for_claim(claim))
            if note != item.data(0, NOTE_ROLE):
                self._set_note(item, claim, note)
        self.tree.scheduleDelayedItemsLayout()  # a badge line changes the row's height

    def select_claim(self, claim: Claim | None) -> None:
        """Select and show ``claim`` (None: no selection) without emitting claimActivated."""
        item = self._item_for(claim) if claim is not None else None
        was_silent, self._silent = self._silent, True
        try:
            if item is None or item.isHidden():
                self.tree.setCurrentIndex(QModelIndex())
                self.tree.clearSelection()
                return
            parent = item.parent()
            if parent is not None:
                parent.setExpanded(True)
            self.tree.setCurrentItem(item)
            if self.tree.isVisible():  # else row heights are guesses; shown, it scrolls there
                self.tree.scrollToItem(item, _ENSURE_VISIBLE)
        finally:
            self._silent = was_silent

    def claim_count(self, label: str) -> int:
        """How many claims of ``label`` the panel lists (whatever the filter hides)."""
        return self._counts.get(label, 0)

    def group_text(self, label: str) -> str:
        """The heading shown for ``label``'s group ("" when it is not listed)."""
        for group in _groups(self.tree):
            if self._group_label(group) == label:
                return group.text(0)
        return ""

    def visible_claims(self) -> tuple[Claim, ...]:
        """The claims the filter lets through, in list order."""
        return tuple(
            item.data(0, CLAIM_ROLE) for item in self._claim_items() if not item.isHidden()
        )

    def claim_item(self, claim: Claim) -> QTreeWidgetItem | None:
        return self._item_for(claim)

    # -- building --------------------------------------------------------------------------
    def _add_group(self, comparison: Comparison, label: str, expanded: bool) -> None:
        claims = comparison.claims_for(label)  # already highest salience first
        self._counts[label] = len(claims)
        group = QTreeWidgetItem(self.tree)
        group.setData(0, LABEL_ROLE, label)
        font = QFont(self.tree.font())
        font.setBold(True)
        group.setFont(0, font)
        group.setToolTip(0, "<qt>" + html.escape(comparison.version(label).source or label))
        for claim in claims:
            item = QTreeWidgetItem(group)
            item.setData(0, CLAIM_ROLE, claim)
            item.setData(0, SPANS_ROLE, term_spans(comparison, claim))
            item.setData(0, SHOWN_ROLE, shown_text(comparison, claim))
            self._set_note(item, claim, NoteView.of(self._annotations.for_claim(claim)))
            # The plain text is what a screen reader or a copy gets; the delegate paints.
            item.setText(0, claim.text)
        group.setExpanded(expanded)

    def _add_other(self, comparison: Comparison, label: str, expanded: bool) -> None:
        """The version's unique sentences with nothing to check, folded under its claims."""
        others = comparison.other_unique_for(label)
        self._other_counts[label] = len(others)
        group = self._group_item(label)
        if not others or group is None:
            return
        muted = QColor(colours_for(is_dark(self.palette())).muted)
        folder = QTreeWidgetItem(group, FOLDER_TYPE)
        italic = QFont(self.tree.font())
        italic.setItalic(True)
        folder.setFont(0, italic)
        folder.setForeground(0, muted)
        folder.setToolTip(
            0,
            "<qt>Sentences only this version has that carry no name, number, date or "
            "quotation to check: shown in the grid, not counted as claims.",
        )
        for other in others:
            item = QTreeWidgetItem(folder, OTHER_TYPE)
            item.setData(0, CLAIM_ROLE, other)
            item.setText(0, _flat(other.text))
            item.setForeground(0, muted)
            item.setToolTip(0, "<qt>" + html.escape(other.text))
        folder.setExpanded(expanded)

    def _group_item(self, label: str) -> QTreeWidgetItem | None:
        return next((g for g in _groups(self.tree) if self._group_label(g) == label), None)

    def _set_note(self, item: QTreeWidgetItem, claim: Claim, note: NoteView) -> None:
        item.setData(0, NOTE_ROLE, note)
        item.setToolTip(0, claim_tooltip(claim, note))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, claim_accessible_text(claim, note))

    def _apply_filter(self) -> None:
        words = self.filter.text().casefold().split()
        self.delegate.filter_words = tuple(words)
        was_silent, self._silent = self._silent, True
        try:
            for group in _groups(self.tree):
                label = self._group_label(group)
                shown = 0
                for child in _claim_children(group):
                    match = claim_matches(child.data(0, CLAIM_ROLE), words)
                    child.setHidden(not match)
                    shown += match
                total = len(_claim_children(group))
                for folder in _folders(group):
                    others = _children(folder)
                    matching = 0
                    for other in others:
                        match = claim_matches(other.data(0, CLAIM_ROLE), words)
                        other.setHidden(not match)
                        matching += match
                    n = len(others) if not words else matching
                    noun = "sentence" if len(others) == 1 else "sentences"
                    of = "" if not words else f" of {len(others)}"
                    folder.setText(0, f"Other unique text — {n}{of} {noun}")
                    folder.setHidden(bool(words) and matching == 0)
                if not words:
                    count = "no claims" if total == 0 else _plural(total, "claim")
                else:
                    count = f"{shown} of {_plural(total, 'claim')}"
                group.setText(0, f"{label} \u2014 {count}")
                group.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{label}, {count}")
                # While filtering, a version with no match is noise; without, it says "none".
                group.setHidden(bool(words) and shown == 0)
        finally:
            self._silent = was_silent
        self._update_empty()
        current = self.tree.currentItem()
        if current is not None and not current.isHidden():
            self.tree.scrollToItem(current, _ENSURE_VISIBLE)
        else:
            self.tree.scrollToTop()
        self.tree.viewport().update()

    def _update_empty(self) -> None:
        query = self.filter.text().strip()
        if self._comparison is None or not self._labels:
            message = "Compare two or more versions to list what only one of them says."
        elif not any(self._counts.values()) and not any(self._other_counts.values()):
            message = "No claims: everything said here is said by more than one version."
        elif query and not self.visible_claims():
            message = f"No claim matches \u201c{query}\u201d."
        else:
            message = ""
        self.empty.setText(message)
        self.empty.setVisible(bool(message))
        self.tree.setVisible(not message)

    # -- look-ups ------------------------------------------------------------------------
    def _group_label(self, group: QTreeWidgetItem) -> str:
        return str(group.data(0, LABEL_ROLE))

    def _claim_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for group in _groups(self.tree):
            items.extend(_claim_children(group))
        return items

    def _item_for(self, claim: Claim) -> QTreeWidgetItem | None:
        for group in _groups(self.tree):
            if self._group_label(group) != claim.version:
                continue
            for child in _claim_children(group):
                if child.data(0, CLAIM_ROLE) == claim:
                    return child
        return None

    def _current_claim(self) -> Claim | None:
        item = self.tree.currentItem()
        return item.data(0, CLAIM_ROLE) if item is not None and is_claim_item(item) else None

    # -- user actions --------------------------------------------------------------------
    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if not self._silent and current is not None and _activatable(current):
            self._activate(current)

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.claimActivated.emit(item.data(0, CLAIM_ROLE))

    def _menu(self, item: QTreeWidgetItem, global_pos: QPoint) -> None:
        self.verdictMenuRequested.emit(ClaimMenuRequest(item.data(0, CLAIM_ROLE), global_pos))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.disagreements.fit_to(event.size().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the filter box: Down goes into the list, Escape clears the filter.
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.tree.isVisible():
                self.tree.setFocus()
                return True
            if event.key() == Qt.Key.Key_Escape and self.filter.text():
                self.filter.clear()
                return True
        return super().eventFilter(watched, event)


def _present(item: QTreeWidgetItem | None) -> QTreeWidgetItem:
    assert item is not None  # an index below the count always has an item
    return item


def _groups(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The tree's top-level (version group) items, in order."""
    return [_present(tree.topLevelItem(i)) for i in range(tree.topLevelItemCount())]


def _children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """``group``'s child (claim) items, in order."""
    return [_present(group.child(j)) for j in range(group.childCount())]


def _claim_children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """``group``'s claims, without its "Other unique text" folder."""
    return [c for c in _children(group) if is_claim_item(c)]


def _folders(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [c for c in _children(group) if c.type() == FOLDER_TYPE]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
