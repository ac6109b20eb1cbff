"""The window's colours: one colour-blind-safe palette with a light and a dark variant.

Hues come from the Okabe-Ito set (blue, orange, reddish purple, yellow); every meaning
also has a non-colour cue (underline style, strike-through, bold, a margin bar or glyph),
so no distinction rests on red against green or on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

CLAIM_GLYPH = "\u2605"  # ★ in the margin of a claim-carrying cell and in the claims panel
MOVED_GLYPH = "\u21c5"  # ⇅ on a cell that sits out of its version's reading order


@dataclass(frozen=True)
class GridColours:
    text: str
    muted: str  # deleted reference words, secondary text
    inserted_bg: str  # + solid underline
    replaced_bg: str  # + dotted underline
    claim_bg: str  # a sentence only one version carries (+ margin bar and ★)
    claim_bar: str
    term_fg: str  # + bold and underline
    match_bg: str  # Find hits (+ outline-free: they are transient)
    empty_cell: str  # a version with nothing for the row (+ hatching)
    moved: str  # the ⇅ moved badge
    grid_line: str
    current_outline: str


LIGHT = GridColours(
    text="#1a1a1a",
    muted="#6a6a6a",
    inserted_bg="#cfe6f7",
    replaced_bg="#fbdcaa",
    claim_bg="#f6e1ee",
    claim_bar="#a8457f",
    term_fg="#7a1b52",
    match_bg="#f0e442",
    empty_cell="#ececec",
    moved="#0064a8",
    grid_line="#d0d0d0",
    current_outline="#0072b2",
)

DARK = GridColours(
    text="#e8e8e8",
    muted="#a0a0a0",
    inserted_bg="#1c4a6b",
    replaced_bg="#6b4810",
    claim_bg="#4a2140",
    claim_bar="#e08cc0",
    term_fg="#f5b3da",
    match_bg="#7a7016",
    empty_cell="#2b2b2b",
    moved="#6cc0f0",
    grid_line="#4a4a4a",
    current_outline="#56b4e9",
)

# ColorBrewer "Blues" (single hue, so it reads for every kind of colour vision).
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
_FIRST_DARK_STEP = 5  # from here on white numbers read better than black


def heat_colours(value: float) -> tuple[str, str]:
    """(background, text) for a similarity in 0..1."""
    v = min(max(value, 0.0), 1.0)
    step = min(int(v * len(HEAT_SCALE)), len(HEAT_SCALE) - 1)
    return HEAT_SCALE[step], ("#ffffff" if step >= _FIRST_DARK_STEP else "#000000")


def colours_for(dark: bool) -> GridColours:
    return DARK if dark else LIGHT
