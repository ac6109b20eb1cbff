"""Read one article file into a :class:`Document`: decode, extract, set furniture aside.

Raises :class:`IngestError` (path + reason a user can act on) for anything unreadable.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from variorum.engine.model import Document


class IngestError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


_FURNITURE = re.compile(
    r"^(no time to read\??|get a summary|previous article|next article|read more|advertisement)$",
    re.IGNORECASE,
)
_NAV = re.compile(r"^(previous article|next article)$", re.IGNORECASE)


def split_furniture(text: str) -> tuple[str | None, str, tuple[str, ...]]:
    """Return (title, body, boilerplate) for plain article text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    removed: list[str] = []
    after_nav = False
    for line in lines:
        s = line.strip()
        if not s:
            kept.append("")
            continue
        if _FURNITURE.match(s):
            removed.append(s)
            after_nav = after_nav or bool(_NAV.match(s))
            continue
        if after_nav and len(s.split()) <= 16 and not s.endswith((".", "!", "?")):
            removed.append(s)
            continue
        after_nav = False
        kept.append(line.rstrip())
    title = None
    while kept and not kept[0].strip():
        kept.pop(0)
    if len(kept) > 1:
        first = kept[0].strip()
        if len(first.split()) <= 20 and not re.search(r"[.!?:;,\"'’”]$", first):
            title = first
            kept.pop(0)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return title, body, tuple(removed)


def document_from_text(text: str, label: str, source: str = "", sha256: str = "") -> Document:
    title, body, boiler = split_furniture(text)
    return Document(label=label, source=source, text=body, title=title, boilerplate=boiler,
                    sha256=sha256)


def read_document(path: str | Path) -> Document:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise IngestError(str(path), e.strerror or str(e)) from None
    text = raw.decode("utf-8-sig", errors="replace")
    return document_from_text(text, p.stem, str(path), hashlib.sha256(raw).hexdigest())
