"""What a list row shows of the user's verdict and note, shared by the claims and disagreements.

``NoteView`` is the part of a ``Note`` a row paints; ``VERDICT_COLOURS`` the badge colours in
light and dark (the verdict's word is always written, so colour only helps scanning).
"""

from __future__ import annotations

from dataclasses import dataclass

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
