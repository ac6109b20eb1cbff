"""The ``variorum batch`` subcommand: its options, and the line it prints when done.

Kept apart from ``variorum.batch`` so that ``variorum compare`` starting up does not
import the batch machinery; the run itself is ``batch.run_batch``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from variorum.cli.common import UsageError, settings_from_args, threshold_value
from variorum.safe_text import terminal_safe


def add_batch(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "batch",
        help="compare many story families (folders, JSONL or web archives) on Dask",
        description="Compare every story family in INPUT and write one JSON per family "
        "plus summary.parquet and summary.csv to OUT. Families already in OUT are skipped.",
    )
    p.add_argument("input", help="a folder of family folders, a .jsonl file, or web archives")
    p.add_argument("--out", required=True, metavar="OUT", help="output folder")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler, tcp://HOST:8786")
    where.add_argument("--serial", action="store_true", help="run in this process, without Dask")
    p.add_argument("--workers", type=int, default=None, help="local cluster size (default: cores)")
    p.add_argument("--chunk", type=int, default=8, help="families per Dask task (default 8)")
    p.add_argument(
        "--threshold", type=threshold_value, default=None, help="similarity threshold 0.05..0.95"
    )
    p.set_defaults(func=cmd_batch)


def cmd_batch(args: argparse.Namespace) -> int:
    from variorum.batch import run_batch
    from variorum.batch_families import InputError

    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.chunk < 1:
        raise UsageError("--chunk must be at least 1")
    settings = settings_from_args(args, [])
    try:
        report = run_batch(
            Path(args.input),
            Path(args.out),
            scheduler=args.scheduler,
            serial=args.serial,
            workers=args.workers,
            settings=settings,
            chunk=args.chunk,
        )
    except InputError as e:
        raise UsageError(str(e)) from None
    rate = len(report.rows) / report.seconds if report.seconds else 0.0
    print(
        terminal_safe(
            f"variorum batch: {len(report.rows)} families: {report.count('compared')} compared, "
            f"{report.count('resumed')} resumed, {report.count('failed')} failed "
            f"in {report.seconds:.1f} s ({rate:.1f}/s); "
            f"summary in {Path(args.out) / 'summary.csv'}"
        )
    )
    for row in report.rows:
        if row["status"] == "failed":
            print(
                terminal_safe(f"variorum: warning: {row['family']}: {row['error']}"),
                file=sys.stderr,
            )
    return 0
