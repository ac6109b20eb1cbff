"""Show user and article text literally wherever Qt would guess it is markup.

Qt renders a tooltip or message that "might be rich text" as HTML, so a file name or title
such as ``<img src=...>`` would be interpreted. Everything the window puts in a tooltip or
a message box goes through here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def plain_tooltip(*lines: str) -> str:
    """A tooltip showing ``lines`` literally, one per line."""
    body = "<br>".join(html.escape(line).replace("\n", "<br>") for line in lines)
    return f"<qt>{body}</qt>"


def plain_message(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = ""
) -> QMessageBox:
    """A message box whose text and informative text are never read as markup."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail:
        box.setInformativeText(detail)
    return box
