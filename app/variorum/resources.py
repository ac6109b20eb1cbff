"""The one place that finds shipped files (icons, sample articles), wherever Variorum runs.

Looks in the installed package, a PyInstaller bundle, then a source checkout.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    roots = [_PKG / name]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen) / "variorum" / name)
        roots.append(Path(frozen) / name)
    roots.append(_PKG.parent.parent / name)  # source checkout: app/variorum -> repo root
    return roots


def resource_dir(name: str) -> Path:
    """Directory ``name`` ("resources" or "seeds") from the first place that has it."""
    for cand in _candidates(name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(f"Variorum's {name!r} folder is missing from this installation")


def resource_path(relative: str) -> Path:
    """A file under ``resources/``."""
    return resource_dir("resources") / relative


def sample_paths() -> list[Path]:
    """The shipped seed articles, in name order."""
    return sorted(resource_dir("seeds").glob("*.txt"))
