"""Article text as HTML text: the one escaping every report section uses."""

from __future__ import annotations

import html
import re


def esc(text: str) -> str:
    """Escape article text for HTML; line breaks become ``<br>``."""
    folded = re.sub(r"[ \t]*\n\s*", "\n", text)
    return html.escape(folded, quote=True).replace("\n", "<br>")
