"""Produce a report file: the format comes from the file name, the write is atomic.

``report_bytes`` is the one entry point the CLI and the window share; errors the user can
act on (unknown extension, unwritable folder) are :class:`ReportError`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

from variorum import __version__
from variorum.annotations import Annotations
from variorum.atomic import atomic_write_bytes
from variorum.engine.model import Comparison
from variorum.report.markup import ReportInfo, build_report_html, default_title, needs_landscape


class ReportError(Exception):
    """A report could not be made or saved; the message is for the user."""


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


_EXTENSIONS = {".pdf": ReportFormat.PDF, ".html": ReportFormat.HTML, ".htm": ReportFormat.HTML}


def format_for(path: Path) -> ReportFormat:
    """The format named by ``path``'s extension."""
    try:
        return _EXTENSIONS[Path(path).suffix.lower()]
    except KeyError:
        raise ReportError(
            f"{path}: unknown report format {Path(path).suffix or '(no extension)'!r}; "
            "use .pdf or .html"
        ) from None


def report_info(
    comparison: Comparison, title: str | None, generated: datetime | None
) -> ReportInfo:
    return ReportInfo(
        title=title or default_title(comparison),
        generated=generated or datetime.now().astimezone(),
    )


def report_bytes(
    comparison: Comparison,
    annotations: Annotations | None,
    fmt: ReportFormat,
    title: str | None = None,
    generated: datetime | None = None,
) -> bytes:
    """The report in ``fmt``; PDF rendering needs (and if missing, makes) a QGuiApplication."""
    info = report_info(comparison, title, generated)
    html = build_report_html(comparison, annotations, info)
    if fmt is ReportFormat.HTML:
        return html.encode("utf-8")
    from variorum.report.pdf import PageSetup, render_pdf

    setup = PageSetup(
        landscape=needs_landscape(comparison),
        header_left=info.title,
        header_right=f"Variorum {info.app_version} \u00b7 {info.date_text}",
    )
    return render_pdf(html, info.title, f"Variorum {__version__}", setup)


def write_report(
    path: Path,
    comparison: Comparison,
    annotations: Annotations | None = None,
    title: str | None = None,
    generated: datetime | None = None,
) -> ReportFormat:
    """Write the report to ``path`` (format by extension) atomically; returns the format."""
    fmt = format_for(path)
    data = report_bytes(comparison, annotations, fmt, title, generated)
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as e:
        raise ReportError(f"{path}: cannot write: {e.strerror or e}") from None
    return fmt
