"""The window's colours: one colour-blind-safe palette with a light and a dark variant.

Hues come from the Okabe-Ito set (blue, orange, reddish purple, yellow); every meaning
also has a non-colour cue (underline style, strike-through, bold, a margin bar or glyph),
so no distinction rests on red against green or on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette

# The glyphs and the heat-map scale are the report's, so screen and paper read the same.
from variorum.report.palette import CLAIM_GLYPH, GAP_GLYPH, HEAT_SCALE, MOVED_GLYPH
from variorum.report.palette import heat_colours as _light_heat_colours

__all__ = [
    "CLAIM_GLYPH",
    "DARK",
    "GAP_GLYPH",
    "HEAT_SCALE",
    "LIGHT",
    "MOVED_GLYPH",
    "GridColours",
    "colours_for",
    "heat_colours",
    "heat_scale",
    "is_dark",
]

# On a dark background the scale runs from near-background to bright blue, so "little in
# common" stays quiet instead of glaring white; still one hue, read by lightness alone.
DARK_HEAT_SCALE: tuple[str, ...] = (
    "#1e252d",
    "#1d3142",
    "#1f3d57",
    "#234a6d",
    "#295a85",
    "#326d9e",
    "#4384b8",
    "#6aa7d6",
    "#a6cdec",
)
_DARK_FIRST_LIGHT_STEP = 7  # from here on black numbers read better than white


def heat_scale(dark: bool = False) -> tuple[str, ...]:
    return DARK_HEAT_SCALE if dark else HEAT_SCALE


def heat_colours(value: float, dark: bool = False) -> tuple[str, str]:
    """(background, text) for a similarity in 0..1 on a light or dark window."""
    if not dark:
        return _light_heat_colours(value)
    v = min(max(value, 0.0), 1.0)
    step = min(int(v * len(DARK_HEAT_SCALE)), len(DARK_HEAT_SCALE) - 1)
    return DARK_HEAT_SCALE[step], ("#000000" if step >= _DARK_FIRST_LIGHT_STEP else "#ffffff")


@dataclass(frozen=True)
class GridColours:
    text: str
    muted: str  # secondary text, the […] gap glyph
    deleted_bg: str  # reference words the other versions drop (+ strike-through)
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
    # A value the row's versions disagree on: a box in this colour around "≠ value".
    conflict: str = "#b34700"


LIGHT = GridColours(
    text="#1a1a1a",
    muted="#5c5c5c",
    deleted_bg="#e2e2e2",
    inserted_bg="#cfe6f7",
    replaced_bg="#fbd9ae",
    claim_bg="#f6e1ee",
    claim_bar="#a8457f",
    term_fg="#7a1b52",
    match_bg="#f0e442",
    empty_cell="#ececec",
    moved="#0064a8",
    grid_line="#d0d0d0",
    current_outline="#0072b2",
    conflict="#b34700",
)

DARK = GridColours(
    text="#e8e8e8",
    muted="#a0a0a0",
    deleted_bg="#3d3d3d",
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
    conflict="#ff9b5e",
)


def colours_for(dark: bool) -> GridColours:
    return DARK if dark else LIGHT


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark theme (its window colour is more dark than light)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
