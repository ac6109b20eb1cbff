"""A read-only table model over one ``Comparison``: a column per version, a row per alignment row.

It only maps indexes to (alignment row, version label) and hides identical rows when asked;
cell painting is the delegate's job. It also knows which rows' shown versions disagree on a
fact (⚠ in the row header, named in the tooltips). Model rows are *shown* rows;
``source_row`` maps back.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from variorum.disagreements import DISAGREE_ROW_GLYPH, describe, describe_for, is_shown
from variorum.engine.model import Comparison, Conflict, Row, RowKind
from variorum.gui.palette import CLAIM_GLYPH
from variorum.gui.plain_text import plain_tooltip
from variorum.gui.version_table import VersionTableModel

Index = QModelIndex | QPersistentModelIndex

NOTE_GLYPH = "\u270e"  # ✎ on a row the user wrote a note on
ROW_KIND_GLYPH = {RowKind.SAME: "=", RowKind.CHANGED: "\u2260", RowKind.UNIQUE: "\u25cb"}  # = ≠ ○
ROW_KIND_TEXT = {
    RowKind.SAME: "worded the same in every version that has it",
    RowKind.CHANGED: "worded differently",
    RowKind.UNIQUE: "only in one version",
}


def cell_plain_text(comparison: Comparison, row: Row, label: str) -> str:
    """The version's own words in this row (what Find searches and screen readers read)."""
    cell = row.cell(label)
    if cell is None:
        return ""
    return comparison.version(label).text[cell.start : cell.end]


class SynopticModel(VersionTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._comparison: Comparison | None = None
        self._base: str | None = None
        self._shown: list[int] = []
        self._model_row: dict[int, int] = {}
        self._differences_only = False
        self._claim_rows: frozenset[int] = frozenset()
        self._row_notes: dict[int, str] = {}  # source row -> the user's note on it
        self._conflicts: dict[int, tuple[Conflict, ...]] = {}  # source row -> shown conflicts

    # -- state -------------------------------------------------------------------------
    def set_comparison(
        self, comparison: Comparison | None, labels: tuple[str, ...] | None = None
    ) -> None:
        """Show ``comparison``; ``labels`` restricts and orders the columns (default: all)."""
        self.beginResetModel()
        self._comparison = comparison
        self._labels = () if comparison is None else (labels or comparison.labels)
        self._base = None if comparison is None else comparison.settings.base
        self._claim_rows = frozenset(
            c.row for c in (comparison.claims if comparison else ()) if c.version in self._labels
        )
        self._conflicts = {}
        for i, row in enumerate(comparison.rows if comparison else ()):
            shown = tuple(k for k in row.conflicts if is_shown(k, self._labels))
            if shown:
                self._conflicts[i] = shown
        self._refilter()
        self.endResetModel()

    def set_row_notes(self, notes: dict[int, str]) -> None:
        """The user's row notes by source row (shown as ✎ in the row header)."""
        self._row_notes = dict(notes)
        if self._shown:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._shown) - 1)

    def row_note(self, source_row: int) -> str:
        return self._row_notes.get(source_row, "")

    def set_differences_only(self, on: bool) -> None:
        if on == self._differences_only:
            return
        self.beginResetModel()
        self._differences_only = on
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        c = self._comparison
        shown: list[int] = []
        if c is not None:
            for i, row in enumerate(c.rows):
                if not any(row.cell(lab) for lab in self._labels):
                    continue
                if self._differences_only and not self.row_differs(row):
                    continue
                shown.append(i)
        self._shown = shown
        self._model_row = {r: m for m, r in enumerate(shown)}

    def row_differs(self, row: Row) -> bool:
        present = [lab for lab in self._labels if row.cell(lab) is not None]
        if len(present) < len(self._labels):
            return True  # some shown version has nothing here
        return row.kind is not RowKind.SAME

    # -- look-ups ----------------------------------------------------------------------
    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def differences_only(self) -> bool:
        return self._differences_only

    def hidden_row_count(self) -> int:
        if self._comparison is None:
            return 0
        return len(self._comparison.rows) - len(self._shown)

    def identical_row_count(self) -> int:
        """Rows of the shown columns that Differences Only hides (shown or not right now)."""
        c = self._comparison
        if c is None:
            return 0
        return sum(
            1
            for row in c.rows
            if any(row.cell(lab) for lab in self._labels) and not self.row_differs(row)
        )

    def source_row(self, model_row: int) -> int:
        return self._shown[model_row]

    def model_row(self, source_row: int) -> int:
        """The shown row of alignment row ``source_row``, or -1 when it is hidden."""
        return self._model_row.get(source_row, -1)

    def row_at(self, model_row: int) -> Row:
        assert self._comparison is not None
        return self._comparison.rows[self._shown[model_row]]

    def label_at(self, column: int) -> str:
        return self._labels[column]

    def column_of(self, label: str) -> int:
        return self._labels.index(label) if label in self._labels else -1

    def row_has_claim(self, model_row: int) -> bool:
        return self._shown[model_row] in self._claim_rows

    def row_conflicts(self, model_row: int) -> tuple[Conflict, ...]:
        """The disagreements between the shown versions in this shown row."""
        return self._conflicts.get(self._shown[model_row], ())

    def source_row_conflicts(self, source_row: int) -> tuple[Conflict, ...]:
        return self._conflicts.get(source_row, ())

    def _cell_conflicts(self, model_row: int, label: str) -> tuple[Conflict, ...]:
        return tuple(k for k in self.row_conflicts(model_row) if k.value(label) is not None)

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._comparison is None:
            return None
        row = self.row_at(index.row())
        label = self._labels[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = cell_plain_text(self._comparison, row, label)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                if not text:
                    return f"{label}: nothing in this version"
                disagreements = self._cell_conflicts(index.row(), label)
                if disagreements:
                    said = "; ".join(describe_for(k, label, self._labels) for k in disagreements)
                    return f"{text} (disagrees on {said})"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            cell = row.cell(label)
            if cell is None:
                return plain_tooltip(f"{label} has nothing for this row")
            lines = [f"{label}: {ROW_KIND_TEXT[row.kind]}"]
            if row.kind is RowKind.CHANGED:
                lines.append(f"similarity to {row.reference}: {row.similarity:.0%}")
            if cell.moved:
                lines.append("moved: out of this version's reading order (Ctrl+J jumps)")
            for k in self._cell_conflicts(index.row(), label):
                said = describe_for(k, label, self._labels)
                lines.append(f"{DISAGREE_ROW_GLYPH} disagrees on {said}")
            return plain_tooltip(*lines)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if self._comparison is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self._labels):
                return None
            label = self._labels[section]
            base = self._base or (self._comparison.labels[0] if self._comparison.labels else "")
            if role == Qt.ItemDataRole.DisplayRole:
                # The base mark comes first: a narrow column elides the end of its label.
                return f"(base) {label}" if label == base else label
            if role == Qt.ItemDataRole.FontRole and label == base:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                v = self._comparison.version(label)
                title = f"\n{v.title}" if v.title else ""
                base_line = ["the base: the others are compared with it"] if label == base else []
                return plain_tooltip(
                    f"{label}{title}",
                    v.source or "pasted text",
                    f"{v.word_count} words",
                    *base_line,
                )
            return None
        if section >= len(self._shown):
            return None
        row = self.row_at(section)
        note = self._row_notes.get(self._shown[section], "")
        if role == Qt.ItemDataRole.DisplayRole:
            star = f" {CLAIM_GLYPH}" if self.row_has_claim(section) else ""
            pen = f" {NOTE_GLYPH}" if note else ""
            warn = f" {DISAGREE_ROW_GLYPH}" if self.row_conflicts(section) else ""
            return f"{self._shown[section] + 1} {ROW_KIND_GLYPH[row.kind]}{warn}{star}{pen}"
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"Row {self._shown[section] + 1}: {ROW_KIND_TEXT[row.kind]}"
            for k in self.row_conflicts(section):
                said = describe(k, self._labels)
                tip += f"\n{DISAGREE_ROW_GLYPH} the versions disagree on {said}"
            if self.row_has_claim(section):
                tip += f"\n{CLAIM_GLYPH} carries a claim only one version makes"
            return plain_tooltip(tip + (f"\n{NOTE_GLYPH} Your note: {note}" if note else ""))
        return None
