"""Choosing a page in a web archive: a dialog listing its URLs with their capture counts.

``ArchivePageDialog`` only shows ``ArchivedPage`` values the caller read (``index_warc``)
and returns the chosen URL; loading the captures is the window's business. The page with
the most captures is preselected, since that is usually the story being followed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from variorum.engine.ingest_warc import ArchivedPage, describe_page

_URL_ROLE = Qt.ItemDataRole.UserRole + 1


class ArchivePageDialog(QDialog):
    """Lists the archive's pages; ``chosen_url()`` after ``exec()`` returns Accepted."""

    def __init__(
        self, archive_name: str, pages: Sequence[ArchivedPage], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("archivePageDialog")
        self.setWindowTitle("Choose a Page in the Web Archive")
        self.resize(720, 360)
        intro = QLabel(
            f"{archive_name} holds {len(pages)} pages. Choose one to compare its captures "
            "as versions, oldest first."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # file names may contain '<'
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("archivePages")
        self.list.setAccessibleName("Pages in the archive")
        for page in pages:
            item = QListWidgetItem(describe_page(page))
            item.setData(_URL_ROLE, page.url)
            item.setToolTip(page.url)
            self.list.addItem(item)
        if pages:
            most = max(range(len(pages)), key=lambda i: (len(pages[i].captures), -i))
            self.list.setCurrentRow(most)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen_url(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(_URL_ROLE)) if item is not None else None


def ask_for_archive_page(
    parent: QWidget, archive_name: str, pages: Sequence[ArchivedPage]
) -> str | None:
    """The URL the user picks among ``pages``; None when they cancel."""
    if len(pages) == 1:
        return pages[0].url
    dialog = ArchivePageDialog(archive_name, pages, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen_url()
