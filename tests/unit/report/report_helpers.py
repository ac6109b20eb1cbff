"""Helpers shared by the report tests: a fixed date, a hostile article line, text folding."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime

FIXED_DATE = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)

HOSTILE_LINE = (
    'Officials said <img src="http://example.invalid/x.png" onerror="alert(1)"> '
    "and <script>alert('boom')</script> were found, Smith &amp; Jones reported."
)


def squash(text: str) -> str:
    """Text compared the way a reader would: no whitespace, compatibility forms folded, and
    no *emphasis* markers (the report shows emphasis as italics instead)."""
    from variorum.marks import without_markers

    return "".join(unicodedata.normalize("NFKC", without_markers(text)[0]).split())


def strip_tags(markup: str) -> str:
    """Visible text of our own HTML (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def page_texts(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squashed_text_until(pdf: bytes, found: Callable[[str], bool]) -> str:
    """The squashed text layer of ``pdf``, read page by page only until ``found(text so
    far)`` (extraction is the slow part, and what a test wants sits near the front); all of
    it when never found, so an assertion on the result fails as it would on the whole."""
    import io

    from pypdf import PdfReader

    text = ""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text += squash(page.extract_text())
        if found(text):
            break
    return text


def body_text(pages: list[str], repeated_headings: list[str]) -> str:
    """The squashed text layer without running header/footer and repeated table headings.

    The renderer paints header, header date and footer first, so they are each page's
    first three lines; table heading rows repeat at the top of continued tables.
    """
    bodies = []
    for text in pages:
        body = squash("\n".join(text.splitlines()[3:]))
        for heading in repeated_headings:
            body = body.replace(squash(heading), "")
        bodies.append(body)
    return "".join(bodies)
