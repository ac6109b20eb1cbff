"""The one place that finds shipped files (icons, sample articles), wherever Variorum runs.

Looks in the installed package (wheel: ``variorum/resources``, ``variorum/seeds``), a
PyInstaller bundle (``sys._MEIPASS``), then a source checkout (the repository root).
Raises ``FileNotFoundError`` naming the folder when none of them has it.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_ID = "io.github.variorum.Variorum"
"""Reverse-DNS application id: desktop entry, AppStream id, icon name, macOS bundle id."""

SESSION_SUFFIX = ".variorum"
SESSION_MIME_TYPE = "application/x-variorum-session"

ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
"""The PNG sizes rendered from the SVG icon (``packaging/render_icons.py``)."""

_PKG = Path(__file__).resolve().parent


def _checkout_root() -> Path | None:
    # A source checkout is recognised by its layout, so a stray folder named "resources"
    # next to an installed package is never mistaken for ours.
    root = _PKG.parent.parent
    if _PKG.parent.name == "app" and (root / "pyproject.toml").is_file():
        return root
    return None


def _candidates(name: str) -> list[Path]:
    roots = [_PKG / name]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen) / "variorum" / name)
        roots.append(Path(frozen) / name)
    checkout = _checkout_root()
    if checkout is not None:
        roots.append(checkout / name)
    return roots


def resource_dir(name: str) -> Path:
    """Directory ``name`` ("resources" or "seeds") from the first place that has it."""
    for cand in _candidates(name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(f"Variorum's {name!r} folder is missing from this installation")


def resource_path(relative: str) -> Path:
    """A file under ``resources/`` (it may not exist: callers that need it check)."""
    return resource_dir("resources") / relative


def sample_paths() -> list[Path]:
    """The shipped seed articles, in name order."""
    return sorted(resource_dir("seeds").glob("*.txt"))


def icon_path(size: int | None = None) -> Path:
    """The app icon: the scalable SVG, or the PNG rendered at ``size`` (one of ICON_SIZES)."""
    if size is None:
        return resource_path("icons/variorum.svg")
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes are {ICON_SIZES}")
    return resource_path(f"icons/variorum-{size}.png")


def icon_paths() -> list[Path]:
    """Every PNG size of the app icon, smallest first (for building a multi-size QIcon)."""
    return [icon_path(size) for size in ICON_SIZES]
