"""The user's verdicts and notes on a comparison: anchored to text, not to row numbers.

An anchor is (version label, normalised sentence text), so a note survives re-analysis
that renumbers rows. A note on a disagreement is anchored on one of its values: the kind
of fact, what it is about, the value and the sentence it stands in, so any version's side
finds it. Plain frozen data; the session store persists it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from variorum.disagreements import Disagreement
from variorum.engine.model import Cell, Claim, Comparison, Conflict, ConflictValue

NOTE_KINDS = ("claim", "row", "disagreement")


class Verdict(StrEnum):
    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"
    DISPUTED = "disputed"
    FALSE = "false"
    NEEDS_SOURCE = "needs_source"

    @property
    def title(self) -> str:  # type: ignore[override]  # display name; str.title() unused here
        return {
            "unreviewed": "Unreviewed",
            "verified": "Verified",
            "disputed": "Disputed",
            "false": "False",
            "needs_source": "Needs source",
        }[self.value]


def anchor_text(text: str) -> str:
    """The form a note is anchored on: whitespace and quote style folded, case kept out."""
    t = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return re.sub(r"\s+", " ", t).strip().lower()


@dataclass(frozen=True)
class Note:
    version: str
    anchor: str  # anchor_text() of the sentence (claim) or of the row's first cell
    verdict: Verdict = Verdict.UNREVIEWED
    note: str = ""
    kind: str = "claim"  # one of NOTE_KINDS


def claim_note(claim: Claim, verdict: Verdict, note: str = "") -> Note:
    """The note that puts ``verdict`` and ``note`` on ``claim``."""
    return Note(claim.version, anchor_text(claim.text), verdict, note, kind="claim")


def row_note(comparison: Comparison, row_index: int, note: str) -> Note:
    """A note on a row, anchored on the text of the row's first cell."""
    cell = comparison.rows[row_index].cells[0]
    return Note(cell.version, _cell_anchor(comparison, cell), Verdict.UNREVIEWED, note, kind="row")


def disagreement_note(
    comparison: Comparison, disagreement: Disagreement, verdict: Verdict, note: str = ""
) -> Note:
    """The note that puts ``verdict`` and ``note`` on a disagreement (on its first value)."""
    value = disagreement.conflict.values[0]
    anchor = _value_anchor(comparison, disagreement.conflict, value)
    return Note(value.version, anchor, verdict, note, kind="disagreement")


def _value_anchor(comparison: Comparison, conflict: Conflict, value: ConflictValue) -> str:
    text = comparison.version(value.version).text
    sentence = next(
        (s for s in comparison.version(value.version).sentences if s.start <= value.start < s.end),
        None,
    )
    around = text[sentence.start : sentence.end] if sentence is not None else ""
    return " | ".join(
        (conflict.kind.value, conflict.about, anchor_text(value.text), anchor_text(around))
    )


def _cell_anchor(comparison: Comparison, cell: Cell) -> str:
    return anchor_text(comparison.version(cell.version).text[cell.start : cell.end])


@dataclass(frozen=True)
class Annotations:
    notes: tuple[Note, ...] = ()

    def for_claim(self, claim: Claim) -> Note | None:
        key = anchor_text(claim.text)
        for n in self.notes:
            if n.kind == "claim" and n.version == claim.version and n.anchor == key:
                return n
        return None

    def for_row(self, comparison: Comparison, row_index: int) -> Note | None:
        row = comparison.rows[row_index]
        for cell in row.cells:
            key = _cell_anchor(comparison, cell)
            for n in self.notes:
                if n.kind == "row" and n.version == cell.version and n.anchor == key:
                    return n
        return None

    def for_conflict(
        self, comparison: Comparison | None, disagreement: Disagreement
    ) -> Note | None:
        """The note on a disagreement, found from any of its versions' values."""
        if comparison is None or not any(n.kind == "disagreement" for n in self.notes):
            return None
        for value in disagreement.conflict.values:
            key = _value_anchor(comparison, disagreement.conflict, value)
            for n in self.notes:
                if n.kind == "disagreement" and n.version == value.version and n.anchor == key:
                    return n
        return None

    def with_note(self, note: Note) -> Annotations:
        """A copy with ``note`` replacing any note on the same anchor (an empty note removes it)."""
        rest = tuple(
            n
            for n in self.notes
            if not (n.kind == note.kind and n.version == note.version and n.anchor == note.anchor)
        )
        if note.verdict is Verdict.UNREVIEWED and not note.note.strip():
            return replace(self, notes=rest)
        return replace(self, notes=(*rest, note))

    def renamed(self, old: str, new: str) -> Annotations:
        """A copy following a version's label change from ``old`` to ``new``."""
        return replace(
            self,
            notes=tuple(replace(n, version=new) if n.version == old else n for n in self.notes),
        )

    def orphans(self, comparison: Comparison) -> tuple[Note, ...]:
        """Notes whose text no claim or row of ``comparison`` carries any more.

        They are kept (the text may come back with other settings); the window can list them.
        """
        claim_keys = {(c.version, anchor_text(c.text)) for c in comparison.claims}
        row_keys = {
            (cell.version, _cell_anchor(comparison, cell))
            for row in comparison.rows
            for cell in row.cells
        }
        conflict_keys = {
            (v.version, _value_anchor(comparison, k, v))
            for row in comparison.rows
            for k in row.conflicts
            for v in k.values
        }
        keys = {"claim": claim_keys, "row": row_keys, "disagreement": conflict_keys}
        return tuple(n for n in self.notes if (n.version, n.anchor) not in keys[n.kind])
