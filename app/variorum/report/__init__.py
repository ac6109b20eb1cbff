"""Comparison reports (PDF, print, standalone HTML) from one Comparison and its annotations.

The HTML is built once (``markup``) and either saved as is or laid out by Qt onto a paged
device (``pdf``: a QPdfWriter, or the window's QPrinter for print and preview); ``export``
prepares a report, picks the format from the file name and writes atomically.
"""

from variorum.report.export import (
    ReportError,
    ReportFormat,
    default_file_name,
    encode_report,
    format_for,
    prepare_report,
    report_bytes,
    save_report,
    write_report,
)
from variorum.report.prepared import PageSetup, PreparedReport

__all__ = [
    "PageSetup",
    "PreparedReport",
    "ReportError",
    "ReportFormat",
    "default_file_name",
    "encode_report",
    "format_for",
    "prepare_report",
    "report_bytes",
    "save_report",
    "write_report",
]
