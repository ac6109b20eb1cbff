"""``variorum report``: write a PDF or HTML report from article files or a saved session.

Runs headless: no window is shown (Qt renders the PDF offscreen). The output format comes
from the ``-o`` extension; anything else is a usage error (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from variorum.annotations import Annotations
from variorum.cli.common import (
    EXIT_OK,
    UsageError,
    add_settings_options,
    load_for_cli,
    refuse_writing_over_inputs,
    resolve_inputs,
    settings_from_args,
)
from variorum.engine.model import Comparison
from variorum.session import looks_like_session


def add_report(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "report",
        help="write a comparison report (.pdf or .html) from articles or a session",
        description="Write a comparison report. The format follows the -o extension "
        "(.pdf, .html). A .variorum session file brings its verdicts and notes.",
    )
    p.add_argument("files", nargs="*", help="article files, or one SESSION.variorum file")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="report.pdf or report.html")
    p.add_argument("--sample", action="store_true", help="report on the shipped sample articles")
    p.add_argument("--title", default=None, help="report title (default: from the articles)")
    add_settings_options(p)
    p.set_defaults(func=cmd_report)


def _session_inputs(path: str) -> tuple[Comparison, Annotations]:
    from variorum.engine.api import compare_documents
    from variorum.session import SessionError
    from variorum.session.headless import load_for_compare

    try:
        session = load_for_compare(path)  # the same loading and checks as `compare`
    except SessionError as e:
        raise UsageError(str(e)) from None
    # A session stores inputs, never results: analyse again, as reopening it in the window does.
    return compare_documents(session.documents, session.settings), session.annotations


def cmd_report(args: argparse.Namespace) -> int:
    from variorum.engine.api import compare_documents
    from variorum.report.export import ReportError, format_for, write_report

    out = Path(args.output)
    try:
        format_for(out)  # refuse a bad extension before any analysis
    except ReportError as e:
        raise UsageError(str(e)) from None
    refuse_writing_over_inputs(args.output, args.files, "-o")
    annotations: Annotations | None = None
    if len(args.files) == 1 and not args.sample and looks_like_session(args.files[0]):
        if args.threshold is not None or args.base is not None:
            raise UsageError("--threshold and --base do not apply to a session (it keeps its own)")
        comparison, annotations = _session_inputs(args.files[0])
    else:
        docs = load_for_cli(resolve_inputs(args.files, args.sample))
        settings = settings_from_args(args, [d.label for d in docs])
        comparison = compare_documents(docs, settings)
    try:
        write_report(out, comparison, annotations, title=args.title)
    except ReportError as e:
        raise UsageError(str(e)) from None
    return EXIT_OK
