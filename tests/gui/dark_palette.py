"""A dark palette for painting tests, shared by the panel tests."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def dark_palette_from(palette: QPalette) -> QPalette:
    """``palette`` turned dark (window, base, text), for painting tests in dark mode."""
    dark = QPalette(palette)
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Base, "#1f1f1f"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
    ):
        dark.setColor(role, QColor(colour))
    return dark
