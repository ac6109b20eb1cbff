"""The one parser of ``variorum``: its commands and the window's own options.

``variorum compare|report|batch ...`` run headless; anything else is the window's
arguments (``variorum [FILE...|--sample]``), parsed by the same parser as the hidden
``window`` command so that every option is defined once.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from variorum import __version__
from variorum.cli.batch import add_batch
from variorum.cli.common import Parser
from variorum.cli.compare import add_compare
from variorum.cli.report import add_report

WINDOW = "window"  # the hidden command the window's arguments are parsed as


def add_window(sub: argparse._SubParsersAction[Parser]) -> None:
    p = sub.add_parser(WINDOW, help=argparse.SUPPRESS)
    p.add_argument("files", nargs="*", help="article files to compare, or one .variorum session")
    p.add_argument("--sample", action="store_true", help="open the shipped sample comparison")


# Subcommands are registered here; each adds its parser (and sets ``func`` if headless).
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction[Parser]], None]] = [
    add_compare,
    add_report,
    add_batch,
    add_window,
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
    sub = parser.add_subparsers(
        dest="command", parser_class=Parser, metavar="{compare,report,batch}"
    )
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace:
    """The window's arguments (``FILE...``, ``--sample``); a bad one raises UsageError."""
    return build_parser().parse_args([WINDOW, *argv])
