"""Comparison reports (PDF and standalone HTML) built from one Comparison and its annotations.

The HTML is built once (``markup``) and either saved as is or laid out by Qt into a PDF
(``pdf``); ``export`` picks the format from the file name and writes atomically.
"""

from variorum.report.export import (
    ReportError,
    ReportFormat,
    format_for,
    report_bytes,
    write_report,
)

__all__ = ["ReportError", "ReportFormat", "format_for", "report_bytes", "write_report"]
