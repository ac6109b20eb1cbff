"""The ``variorum`` command: ``compare`` and ``report`` run headless; else it opens the window.

Usage errors and unreadable input exit 2 with one line naming the file and the reason;
no traceback reaches the user. Every line printed goes through ``safe_text.terminal_safe``:
a newline or an escape code in a file name or label is shown escaped, never obeyed.
A file whose name starts with ``-`` is named after ``--`` (or as ``./-name``).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from variorum.cli.common import EXIT_OK, EXIT_USAGE, UsageError, say
from variorum.cli.parser import build_parser

__all__ = ["EXIT_OK", "EXIT_USAGE", "UsageError", "build_parser", "gui_main", "main"]


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
    try:
        return run_gui(args)
    except UsageError as e:  # the window's own arguments, parsed by the one parser
        say(f"variorum: error: {e}")
        return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Called as the program (``argv`` None), a comparison runs without
    the cyclic collector and, once it succeeded, ends the process at once
    (:func:`~variorum.cli.common.end_process`)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not _is_headless(args_list):
        return gui_main(args_list)
    try:
        args = build_parser().parse_args(args_list)
        if not getattr(args, "func", None):
            raise UsageError("choose a command: compare or report")
        args.as_program = argv is None and getattr(args, "one_shot", False)
        if args.as_program:
            # Nothing the command makes outlives it: the collector's passes over a big
            # comparison's millions of values would free nothing.
            gc.disable()
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
