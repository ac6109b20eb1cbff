"""What every ``variorum`` command shares: usage errors, the parser class, the options for
analysis settings, and the one way inputs (files, folders, sessions) are read.

Nothing here imports the window; messages are one line and name the file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from variorum.engine.model import Document, Settings, threshold_problem
from variorum.safe_text import terminal_safe

EXIT_OK = 0
EXIT_USAGE = 2


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message + _dash_hint(message))


def _dash_hint(message: str) -> str:
    """A hint when an "option" argparse did not know is really a file named ``-...``."""
    if not message.startswith(("unrecognized arguments:", "ambiguous option:")):
        return ""
    if any(Path(word).exists() for word in message.split(":", 1)[1].split()):
        return " (for a file whose name starts with '-', put '--' before the file names)"
    return ""


def end_process(code: int) -> None:
    """Exit now, without freeing a comparison value by value (a 20 MB version makes
    millions of them: a fraction of a second more). Only for the end of a command run as
    the program whose outputs are written and closed: standard output and error are flushed
    here, and logging (the only exit handler registered) is shut down first. Returns, to
    the normal way out, if standard output cannot be flushed (a closed pipe)."""
    import logging
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    logging.shutdown()
    os._exit(code)


def say(line: str) -> None:
    """Print one line to standard error, terminal-safe: a newline or an escape code in a
    file name or label is shown escaped, never obeyed."""
    print(terminal_safe(line), file=sys.stderr)


def warn(msg: str) -> None:
    say(f"variorum: warning: {msg}")


def threshold_value(text: str) -> float:
    """``--threshold``'s type: a number inside the range ``Settings`` accepts."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    problem = threshold_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return value


def add_settings_options(p: argparse.ArgumentParser) -> None:
    """``--threshold`` and ``--base``, the same for every command that analyses."""
    p.add_argument(
        "--threshold", type=threshold_value, default=None, help="similarity threshold 0.05..0.95"
    )
    p.add_argument("--base", default=None, help="label of the base version")


def settings_from_args(
    args: argparse.Namespace, labels: Sequence[str], settings: Settings | None = None
) -> Settings:
    """``settings`` (default: the defaults) with the command line's overrides applied."""
    from dataclasses import replace

    settings = settings or Settings()
    if getattr(args, "threshold", None) is not None:
        settings = replace(settings, threshold=args.threshold)
    base = getattr(args, "base", None)
    if base is not None:
        if base not in labels:
            raise UsageError(f"--base {base!r} is not one of the version labels")
        settings = replace(settings, base=base)
    return settings


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
        if same_file(output, given):
            raise UsageError(
                f"{output}: is one of the files being compared; {option} needs another"
            )


def same_file(a: str, b: str) -> bool:
    import os

    try:
        return os.path.samefile(a, b)  # also sees through links and "./" spellings
    except OSError:  # one does not exist (yet): compare where they would be
        return Path(a).resolve() == Path(b).resolve()


def load_for_cli(paths: Sequence[str], url: str | None = None) -> list[Document]:
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
            warn(f"skipped {prob}")
    if len(docs) < 2:
        if problems:  # every unreadable file is named, so one run shows all there is to fix
            raise UsageError("; ".join(str(p) for p in problems))
        raise UsageError("need at least two readable article versions to compare")
    return docs
