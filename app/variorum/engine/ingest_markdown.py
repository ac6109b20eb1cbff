"""Markdown source to the text a reader sees: front matter, link targets and markers removed.

Emphasis markers stay (plain-text articles use them too, e.g. ``*Bild*``); headings lose
their ``#``; ``[text](url)`` keeps its text; images and rules go. Returns the front matter
separately so it can be listed as removed furniture.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.{0,4000}?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(['\"]?)(.+?)\1[ \t]*$", re.M)
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\s]{0,500}(?:[ \t]+\"[^\"\n]{0,200}\")?\)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)$", re.M)


def markdown_to_text(source: str) -> tuple[str | None, str, tuple[str, ...]]:
    """(front-matter title or None, readable text, removed front matter)."""
    title = None
    removed: tuple[str, ...] = ()
    front = _FRONT_MATTER.match(source)
    if front is not None:
        found = _FRONT_TITLE.search(front.group(1))
        title = found.group(2).strip() if found else None
        removed = (front.group(0).strip(),)
        source = source[front.end() :]
    text = _IMAGE.sub("", source)
    text = _LINK.sub(r"\1", text)
    text = _RULE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    return title, text, removed
