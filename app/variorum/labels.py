"""Readable default labels for versions opened in the window: "000 · NATO Considers Troop…".

A file name such as ``000_3710240cc75f20e1`` says little, and column headers are narrow;
the label the window gives a version by default is the file name's own part (a trailing
hash-like part dropped) and, when the article has a title, the title's first words. The
``source`` keeps the file path, and the user can still rename a version. Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from variorum.engine.api import unique_labels
from variorum.engine.model import Document

SEPARATOR = " \u00b7 "  # " · "
ELLIPSIS = "\u2026"
TITLE_CHARS = 22  # the title's first words up to about this many characters
NAME_CHARS = 24

_WEAK_ENDINGS = frozenset("a an the and or but of to in on at for with about from by as".split())

# "000_3710240cc75f20e1", "report-2024-5f3a9c1e77": a name followed by a long hex run.
_HASHED = re.compile(r"^(?P<name>.+?)[_\-. ](?P<hash>[0-9a-fA-F]{8,})$")


def short_name(stem: str) -> str:
    """The file name without a trailing hash-like part, at most NAME_CHARS characters."""
    found = _HASHED.match(stem)
    name = found.group("name") if found else stem
    return _clip(name, NAME_CHARS)


def _clip(text: str, limit: int) -> str:
    """``text`` cut after the last whole word that fits in ``limit``, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    words = (text[:cut] if cut > limit // 3 else text[:limit]).split(" ")
    while len(words) > 1 and words[-1].casefold() in _WEAK_ENDINGS:
        words.pop()  # "NATO and Ukraine: The…" says less than "NATO and Ukraine…"
    return " ".join(words).rstrip(" ,;:-\u2013\u2014") + ELLIPSIS


def readable_label(stem: str, title: str | None) -> str:
    """ "000 · NATO Considers Troop…" for a hashed file name with a title; the short name
    alone without a title."""
    name = short_name(stem)
    if not title or not title.strip():
        return name
    return f"{name}{SEPARATOR}{_clip(title, TITLE_CHARS)}"


def with_readable_labels(docs: Sequence[Document]) -> list[Document]:
    """``docs`` with each one still labelled by its file name given a readable label,
    distinct from the others (" (2)" on a repeat)."""
    wanted = [
        readable_label(d.label, d.title) if d.source and d.label == Path(d.source).stem else d.label
        for d in docs
    ]
    return [
        d if d.label == label else replace(d, label=label)
        for d, label in zip(docs, unique_labels(wanted), strict=True)
    ]
