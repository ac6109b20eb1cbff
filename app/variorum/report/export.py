"""Produce a report: prepare it once, then write it as HTML or PDF, or print it.

``prepare_report`` builds the HTML and page setup (pure Python); ``encode_report`` turns it
into file bytes; ``save_report`` writes them atomically; ``report_bytes``/``write_report``
do all of it in one call. The CLI and the window share these functions. Errors the user
can act on (unknown extension, unwritable folder) are :class:`ReportError` naming the file.
PDF rendering needs (and if missing, makes) a QGuiApplication; HTML needs no Qt at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from variorum import __version__
from variorum.annotations import Annotations
from variorum.atomic import atomic_write_bytes
from variorum.engine.model import Comparison
from variorum.report.markup import ReportInfo, build_report_html, default_title, needs_landscape
from variorum.report.prepared import PageSetup, PreparedReport
from variorum.safe_text import replace_surrogates


class ReportError(Exception):
    """A report could not be made or saved; the message is for the user."""


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"

    @property
    def suffix(self) -> str:
        return f".{self.value}"


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


def default_file_name(title: str, fmt: ReportFormat) -> str:
    """A file name made from the report title: safe on every platform, not too long."""
    stem = re.sub(r"[^\w\-]+", " ", title, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip()
    if len(stem) > 60:
        stem = stem[:60].rsplit(" ", 1)[0]
    return f"{stem or 'Variorum report'}{fmt.suffix}"


def report_info(
    comparison: Comparison, title: str | None, generated: datetime | None
) -> ReportInfo:
    return ReportInfo(
        title=title or default_title(comparison),
        generated=generated or datetime.now().astimezone(),
    )


def prepare_report(
    comparison: Comparison,
    annotations: Annotations | None,
    title: str | None = None,
    generated: datetime | None = None,
) -> PreparedReport:
    """The report's HTML and page setup, ready for any output."""
    info = report_info(comparison, title, generated)
    # A non-UTF-8 file name or a lone surrogate cannot be encoded: shown as U+FFFD instead.
    return PreparedReport(
        html=replace_surrogates(build_report_html(comparison, annotations, info)),
        title=replace_surrogates(info.title),
        creator=f"Variorum {__version__}",
        setup=PageSetup(
            landscape=needs_landscape(comparison),
            header_left=replace_surrogates(info.title),
            header_right=f"Variorum {info.app_version} \u00b7 {info.date_text}",
        ),
    )


def encode_report(
    prepared: PreparedReport,
    fmt: ReportFormat,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The file bytes of ``prepared`` in ``fmt``; ``progress(pages done, pages)`` is called
    after each PDF page and may raise to stop."""
    if fmt is ReportFormat.HTML:
        return replace_surrogates(prepared.html).encode("utf-8")
    from variorum.report.pdf import render_pdf

    return render_pdf(prepared, progress)


def save_report(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: an existing file is replaced whole or kept."""
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as e:
        raise ReportError(f"{path}: cannot write: {e.strerror or e}") from None


def report_bytes(
    comparison: Comparison,
    annotations: Annotations | None,
    fmt: ReportFormat,
    title: str | None = None,
    generated: datetime | None = None,
) -> bytes:
    """The report in ``fmt``; PDF rendering needs (and if missing, makes) a QGuiApplication."""
    return encode_report(prepare_report(comparison, annotations, title, generated), fmt)


def write_report(
    path: Path,
    comparison: Comparison,
    annotations: Annotations | None = None,
    title: str | None = None,
    generated: datetime | None = None,
) -> ReportFormat:
    """Write the report to ``path`` (format by extension) atomically; returns the format."""
    fmt = format_for(path)
    save_report(path, report_bytes(comparison, annotations, fmt, title, generated))
    return fmt
