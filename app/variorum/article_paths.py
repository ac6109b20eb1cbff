"""Which article files a list of paths names: a folder stands for the article files in it.

Used by the window (dropped or opened paths) and the command line (``variorum compare
DIR``), so both read a folder the same way: the regular files directly inside it with a
supported extension, in name order, hidden files (``.name``, such as macOS's ``._name``
copies) left out. A folder with none of them is kept as given, so the reader reports it
by name like any other unreadable input. Qt-free; reads only directory listings.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from variorum.engine.ingest import SUPPORTED_EXTENSIONS


def articles_in_folder(folder: Path) -> list[Path]:
    """The article files directly inside ``folder``, in name order ([] if unreadable)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        f
        for f in entries
        if not f.name.startswith(".") and f.suffix.lower() in SUPPORTED_EXTENSIONS and f.is_file()
    )


def expand_folders(paths: Iterable[Path]) -> list[Path]:
    """``paths`` with every folder replaced by its article files (see the module doc)."""
    out: list[Path] = []
    for p in paths:
        found = articles_in_folder(p) if p.is_dir() else []
        out.extend(found or [p])
    return out
