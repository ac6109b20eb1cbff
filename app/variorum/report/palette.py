"""The report's colours and the second cue that goes with each (never colour alone).

Tints come from the Okabe-Ito colour-blind-safe set (blue and orange, never red against
green); the similarity heat map uses one hue (ColorBrewer "Blues"), with black or white
numbers picked for at least 4:1 contrast on every step.
"""

from __future__ import annotations

from dataclasses import dataclass

from variorum.disagreements import DISAGREE_GLYPH
from variorum.marks import Mark

INK = "#1a1a1a"
MUTED = "#5c5c5c"
RULE = "#9a9a9a"
HEADER_BG = "#ececec"
EMPTY_CELL_BG = "#f1f1f1"  # a version with nothing for the row
CLAIM_STAR = "#a8457f"  # the ★ before a claim sentence (the window's claim bar colour)
VERDICT_BG = "#fff1b8"  # behind a verdict badge (with bold text)
CONFLICT_INK = "#b34700"  # the ≠ before a value the versions disagree on, and its box


@dataclass(frozen=True)
class MarkStyle:
    """How one kind of highlight looks: its CSS class, the CSS, and the legend wording."""

    css_class: str
    css: str
    label: str
    meaning: str


_INSERTED = MarkStyle(
    "ins",
    "background-color: #cfe6f7; text-decoration: underline;",
    "inserted",
    "words this version has and the row's reference lacks (blue, underlined)",
)
_REPLACED = MarkStyle(
    "rep",
    "background-color: #fbd9ae; text-decoration-line: underline; "
    "text-decoration-style: dotted; text-underline-style: dotted;",
    "reworded",
    "words worded differently from the row's reference; in the reference, words every other "
    "version of the row words differently (orange, dotted underline)",
)
_DELETED = MarkStyle(
    "del",
    "background-color: #e2e2e2; text-decoration: line-through;",
    "dropped",
    "reference words every other version of the row leaves out (grey, struck through)",
)
GAP = MarkStyle(
    "gap",
    "background-color: #e2e2e2; color: #1a1a1a; font-weight: bold;",
    "[\u2026]",
    "where this version leaves out words of the row's reference (grey, bold)",
)
# Claim and term look as in the window (gui.palette.LIGHT): a tinted sentence after a star,
# terms in bold underlined purple.
_CLAIM = MarkStyle(
    "claim",
    "background-color: #f6e1ee;",
    "\u2605 claim",
    "a sentence only this version carries (pink, starts with \u2605)",
)
_TERM = MarkStyle(
    "term",
    "color: #7a1b52; font-weight: bold; text-decoration: underline;",
    "term",
    "a distinguishing term no other version has (purple, bold, underlined)",
)
# A value the versions of a row state differently: boxed (where the renderer draws borders),
# bold and tinted vermilion, after a ≠ — never colour alone.
_CONFLICT = MarkStyle(
    "conf",
    f"border: 1px solid {CONFLICT_INK}; background-color: #fde3d0; color: #7a2500; "
    "font-weight: bold;",
    "\u2260 disagrees",
    "a value another version of the row states differently (vermilion, bold, after \u2260)",
)

# The HTML nests spans in this order, outermost first.
MARK_STYLES: dict[Mark, MarkStyle] = {
    Mark.INSERTED: _INSERTED,
    Mark.REPLACED: _REPLACED,
    Mark.DELETED: _DELETED,
    Mark.CLAIM: _CLAIM,
    Mark.TERM: _TERM,
    Mark.CONFLICT: _CONFLICT,
}
LEGEND: tuple[MarkStyle, ...] = (_INSERTED, _REPLACED, _DELETED, GAP, _CLAIM, _TERM, _CONFLICT)

CLAIM_GLYPH = "\u2605"  # ★ before each claim sentence
GAP_GLYPH = "[\u2026]"  # […], the editor's mark for left-out words
CONFLICT_GLYPH = DISAGREE_GLYPH  # ≠ before each value the versions disagree on
MOVED_GLYPH = "\u21c5"  # ⇅ before a cell out of its version's reading order

# ColorBrewer "Blues", 9 classes, light to dark.
HEAT_SCALE: tuple[str, ...] = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)
_FIRST_DARK_STEP = 6  # from here on white numbers read better than black


def heat_colours(value: float) -> tuple[str, str]:
    """(background, text) for a similarity in 0..1."""
    v = min(max(value, 0.0), 1.0)
    step = min(int(v * len(HEAT_SCALE)), len(HEAT_SCALE) - 1)
    return HEAT_SCALE[step], ("#ffffff" if step >= _FIRST_DARK_STEP else "#000000")
