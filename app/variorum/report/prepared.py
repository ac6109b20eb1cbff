"""A report ready for output: its HTML plus what a paged device needs. Plain data, no Qt.

``export.prepare_report`` makes one from a Comparison; the HTML export writes ``html`` as
is, ``pdf.render_onto`` lays it out on a QPdfWriter or QPrinter using ``setup``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSetup:
    """Orientation and the running header's two halves; the paper is the device's own."""

    landscape: bool
    header_left: str
    header_right: str


@dataclass(frozen=True)
class PreparedReport:
    html: str
    title: str  # the PDF's title metadata, the print job's name, the default file name
    creator: str  # "Variorum x.y.z"
    setup: PageSetup
