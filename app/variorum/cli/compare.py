"""``variorum compare``: article files, folders, a web archive or a session, compared and
printed as a summary or written as JSON (and optionally saved as a session)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from variorum.cli.common import (
    EXIT_OK,
    UsageError,
    add_settings_options,
    end_process,
    load_for_cli,
    refuse_writing_over_inputs,
    resolve_inputs,
    same_file,
    settings_from_args,
    warn,
)


def add_compare(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("compare", help="compare article versions and print a summary or JSON")
    p.add_argument(
        "files",
        nargs="*",
        help="article files (.txt .md .html .docx .pdf) or folders of them, "
        "or one .variorum session; after '--' every word is a file, even one named '-x'",
    )
    p.add_argument("--json", metavar="OUT", help="write the JSON comparison to OUT ('-' = stdout)")
    p.add_argument("--sample", action="store_true", help="compare the shipped sample articles")
    add_settings_options(p)
    p.add_argument(
        "--no-paraphrase",
        action="store_true",
        help="line up statements by wording only, not reworded ones by meaning",
    )
    p.add_argument("--save-session", metavar="PATH", help="also save a session file (.variorum)")
    p.add_argument("--url", help="for a web archive (.warc, .warc.gz): the page to compare")
    # one_shot: run as the program, the process ends with the command (see cli.main).
    p.set_defaults(func=cmd_compare, one_shot=True)


def cmd_compare(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from variorum.engine.api import compare_documents
    from variorum.engine.model import Settings
    from variorum.export import comparison_to_json, comparison_to_json_bytes, format_summary
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
        if args.json and args.json != "-" and same_file(args.json, args.save_session):
            raise UsageError(f"{args.json}: --json and --save-session need two different files")
    if session is None:
        _start_helper_for_long(inputs)
        docs = load_for_cli(inputs, args.url)
        settings = Settings()
    else:  # a session brings its own documents and settings; options still override
        docs, settings = list(session.documents), session.settings
        for notice in session.notices:
            warn(f"{session_file}: {notice}")
        for note in changed_source_notes(session):
            warn(note)
    settings = settings_from_args(args, [d.label for d in docs], settings)
    if args.no_paraphrase:
        settings = replace(settings, match_paraphrases=False)
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
    if args.json == "-":
        sys.stdout.write(comparison_to_json(comparison))
    elif args.json:
        from variorum.atomic import atomic_write_bytes

        data = comparison_to_json_bytes(comparison)
        try:
            atomic_write_bytes(Path(args.json), data)
        except BrokenPipeError:
            raise  # --json /dev/stdout into `head`: as quiet as --json -
        except OSError as e:
            raise UsageError(f"{args.json}: cannot write: {e.strerror or e}") from None
    else:
        sys.stdout.write(format_summary(comparison))
    if getattr(args, "as_program", False):
        end_process(EXIT_OK)  # with the comparison still held: nothing freed one by one
    return EXIT_OK


def _start_helper_for_long(paths: list[str]) -> None:
    """Start the engine's helper process now when a file is long enough to hand it work
    (:data:`~variorum.engine.side.LONG_CHARS`): it starts up while the files are read."""
    from variorum.engine import side

    for path in paths:
        try:
            if os.stat(path).st_size >= side.LONG_CHARS:
                side.start()
                return
        except (OSError, ValueError):
            continue  # reading it says what is wrong
