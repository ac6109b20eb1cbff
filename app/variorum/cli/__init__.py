"""The ``variorum`` command: ``compare`` and ``report`` run headless; else it opens the window.

Usage errors and unreadable input exit 2 with one line naming the file and the reason;
no traceback reaches the user. Every line printed goes through ``safe_text.terminal_safe``:
a newline or an escape code in a file name or label is shown escaped, never obeyed.
A file whose name starts with ``-`` is named after ``--`` (or as ``./-name``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from variorum import __version__
from variorum.cli.batch import add_batch
from variorum.cli.common import EXIT_OK, EXIT_USAGE, Parser, UsageError, say
from variorum.cli.compare import add_compare
from variorum.cli.report import add_report

__all__ = ["EXIT_OK", "EXIT_USAGE", "UsageError", "build_parser", "gui_main", "main"]

# Subcommands are registered here; each adds its parser and sets ``func``.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction[Parser]], None]] = [
    add_compare,
    add_report,
    add_batch,
]


WINDOW_USAGE = (
    "variorum [FILE... | FOLDER | SESSION.variorum | --sample]   (opens the window)\n"
    "       variorum compare ... | variorum report ...            (no window)"
)
WINDOW_HELP = """\
Without a command, variorum opens the window:
  variorum                      the start page (drop files on it, or open them)
  variorum FILE FILE...         compares those files (a folder: the articles in it)
  variorum SESSION.variorum     opens a saved session
  variorum --sample             compares the shipped sample articles
  variorum compare -- -notes.txt b.txt
                                after '--' every word is a file (names starting with '-')
See 'variorum compare --help' and 'variorum report --help' for the headless commands."""


def build_parser() -> Parser:
    parser = Parser(
        prog="variorum",
        usage=WINDOW_USAGE,
        description="Compare versions of a news article.",
        epilog=WINDOW_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"variorum {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def _is_headless(argv: Sequence[str]) -> bool:
    return bool(argv) and argv[0] in {"compare", "report", "batch", "-h", "--help", "--version"}


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the window (start page, sample, files or a session)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        from variorum.gui.app import run_gui
    except ImportError as e:  # pragma: no cover - only without the GUI installed
        say(f"variorum: the window cannot start: {e}")
        return EXIT_USAGE
    return run_gui(args)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not _is_headless(args_list):
        return gui_main(args_list)
    try:
        args = build_parser().parse_args(args_list)
        if not getattr(args, "func", None):
            raise UsageError("choose a command: compare or report")
        return int(args.func(args))
    except UsageError as e:
        say(f"variorum: error: {e}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        say("variorum: interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # last resort: never show a traceback to the user
        say(f"variorum: error: unexpected failure: {type(e).__name__}: {e}")
        return 1
