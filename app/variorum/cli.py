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
from pathlib import Path

from variorum import __version__
from variorum.batch_cli import add_batch
from variorum.report.cli import _add_report
from variorum.safe_text import terminal_safe

EXIT_OK = 0
EXIT_USAGE = 2


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message + _dash_hint(message))


def _dash_hint(message: str) -> str:
    """A hint when an "option" argparse did not know is really a file named ``-...``."""
    if not message.startswith(("unrecognized arguments:", "ambiguous option:")):
        return ""
    if any(Path(word).exists() for word in message.split(":", 1)[1].split()):
        return " (for a file whose name starts with '-', put '--' before the file names)"
    return ""


def say(line: str) -> None:
    """Print one line to standard error, terminal-safe (see the module docstring)."""
    print(terminal_safe(line), file=sys.stderr)


def _warn(msg: str) -> None:
    say(f"variorum: warning: {msg}")


def _add_compare(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser("compare", help="compare article versions and print a summary or JSON")
    p.add_argument(
        "files",
        nargs="*",
        help="article files (.txt .md .html .docx .pdf) or folders of them, "
        "or one .variorum session; after '--' every word is a file, even one named '-x'",
    )
    p.add_argument("--json", metavar="OUT", help="write the JSON comparison to OUT ('-' = stdout)")
    p.add_argument("--sample", action="store_true", help="compare the shipped sample articles")
    p.add_argument("--threshold", type=float, default=None, help="similarity threshold 0..1")
    p.add_argument("--base", default=None, help="label of the base version")
    p.add_argument("--save-session", metavar="PATH", help="also save a session file (.variorum)")
    p.add_argument("--url", help="for a web archive (.warc, .warc.gz): the page to compare")
    p.set_defaults(func=cmd_compare)


def resolve_inputs(files: Sequence[str], sample: bool) -> list[str]:
    """The article paths to read: the samples if asked, then ``files`` with each folder
    standing for the article files in it, in name order (as a folder dropped on the window)."""
    from variorum.article_paths import expand_folders
    from variorum.resources import sample_paths

    paths = [str(p) for p in sample_paths()] if sample else []
    paths.extend(str(p) for p in expand_folders(Path(f) for f in files))
    if not paths:
        raise UsageError("no files given (name two or more articles, or use --sample)")
    return paths


def refuse_writing_over_inputs(output: str, inputs: Sequence[str], option: str) -> None:
    """Usage error when ``output`` is one of the ``inputs``: writing there would destroy an
    article (or session) the user is comparing, usually by a slip of the shell."""
    for given in inputs:
        if _same_file(output, given):
            raise UsageError(
                f"{output}: is one of the files being compared; {option} needs another"
            )


def _same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.samefile(a, b)  # also sees through links and "./" spellings
    except OSError:  # one does not exist (yet): compare where they would be
        return Path(a).resolve() == Path(b).resolve()


def load_for_cli(paths: Sequence[str], url: str | None = None) -> list:  # type: ignore[type-arg]
    """Documents from ``paths``; skips unreadable ones with a warning, needs two readable.

    A web archive gives the captures of ``url``; without ``--url``, an archive of several
    pages is a usage error listing them.
    """
    from variorum.engine.api import load_documents
    from variorum.engine.ingest_warc import check_url_choice

    try:
        check_url_choice(paths, url)
    except ValueError as e:
        raise UsageError(str(e)) from None
    docs, problems = load_documents(paths, url)
    for prob in problems:
        if len(docs) >= 2:
            _warn(f"skipped {prob}")
    if len(docs) < 2:
        if problems:  # every unreadable file is named, so one run shows all there is to fix
            raise UsageError("; ".join(str(p) for p in problems))
        raise UsageError("need at least two readable article versions to compare")
    return docs


def cmd_compare(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from variorum.engine.api import compare_documents
    from variorum.engine.model import Settings
    from variorum.export import comparison_to_json, format_summary
    from variorum.session import SessionError
    from variorum.session.headless import (
        changed_source_notes,
        check_save_target,
        load_for_compare,
        save_after_compare,
        session_argument,
    )

    try:
        session_file = session_argument(args.files, args.sample)
        session = load_for_compare(session_file) if session_file else None
    except SessionError as e:
        raise UsageError(str(e)) from None
    inputs = [session_file] if session_file else resolve_inputs(args.files, args.sample)
    if args.json and args.json != "-":
        refuse_writing_over_inputs(args.json, inputs, "--json")
    if args.save_session:
        try:
            check_save_target(args.save_session)
        except SessionError as e:
            raise UsageError(str(e)) from None
        if args.json and args.json != "-" and _same_file(args.json, args.save_session):
            raise UsageError(f"{args.json}: --json and --save-session need two different files")
    if session is None:
        docs = load_for_cli(inputs, args.url)
        settings = Settings()
    else:  # a session brings its own documents and settings; options still override
        docs, settings = list(session.documents), session.settings
        for notice in session.notices:
            _warn(f"{session_file}: {notice}")
        for note in changed_source_notes(session):
            _warn(note)
    if args.threshold is not None:
        if not 0.0 < args.threshold < 1.0:
            raise UsageError("--threshold must be between 0 and 1")
        settings = replace(settings, threshold=args.threshold)
    if args.base is not None:
        if args.base not in [d.label for d in docs]:
            raise UsageError(f"--base {args.base!r} is not one of the version labels")
        settings = replace(settings, base=args.base)
    from variorum.engine.limits import LimitExceeded

    try:
        comparison = compare_documents(docs, settings)
    except LimitExceeded as e:
        more = len(e.problems) - 1
        also = f" (and {more} more over a limit)" if more else ""
        raise UsageError(f"{e.problems[0]}{also}") from None
    if args.save_session:
        try:
            save_after_compare(args.save_session, comparison, session)
        except SessionError as e:
            raise UsageError(str(e)) from None
    if args.json:
        text = comparison_to_json(comparison)
        if args.json == "-":
            sys.stdout.write(text)
        else:
            from variorum.atomic import atomic_write_text

            try:
                atomic_write_text(Path(args.json), text)
            except BrokenPipeError:
                raise  # --json /dev/stdout into `head`: as quiet as --json -
            except OSError as e:
                raise UsageError(f"{args.json}: cannot write: {e.strerror or e}") from None
    else:
        sys.stdout.write(format_summary(comparison))
    return EXIT_OK


# Subcommands are registered here; each adds its parser and sets ``func``.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction[_Parser]], None]] = [
    _add_compare,
    _add_report,
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


def build_parser() -> _Parser:
    parser = _Parser(
        prog="variorum",
        usage=WINDOW_USAGE,
        description="Compare versions of a news article.",
        epilog=WINDOW_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"variorum {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
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
