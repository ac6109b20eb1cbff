"""Batch benchmark: families per second serially and on a local Dask cluster, side by side.

    PYTHONPATH=app python tests/benchmarks/bench_batch.py [--families 400] [--workers N]

400 synthetic families of 3–6 versions (``tests/batch_corpus.py``) as one JSONL file, run
by ``variorum.batch.run_batch`` into fresh output folders: once with ``--serial``, then on
a ``LocalCluster`` of worker processes on 127.0.0.1 for each ``--chunks`` size (families
per task). The cluster starts before the clock does (its start-up is printed apart) and
the serial side is warmed up first. Every output must be byte-identical to the serial one
or the benchmark fails. The machine's load average is printed: on a shared machine the
numbers move with it.

Scheduler overhead per family is measured two ways: the round trip of a task that does
nothing, submitted through the same bounded window as the batch (what Dask costs per
family, however small the family), and the worker-seconds the cluster run spent beyond the
serial compute, divided by the families. Not part of the normal test run.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # batch_corpus


def _nothing(spec: Any) -> int:
    return 0


def _files(out: Path) -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in (out / "families").iterdir()}
    found["summary.csv"] = (out / "summary.csv").read_bytes()
    return found


def _round_trips(client: Any, count: int, window: int) -> float:
    """Seconds per task for ``count`` no-op tasks through a window of ``window``."""
    from distributed import as_completed

    from variorum.batch_families import FamilySpec

    t0 = time.perf_counter()
    specs = iter(range(count))
    completed = as_completed()
    for _ in range(window):
        i = next(specs, None)
        if i is not None:
            completed.add(client.submit(_nothing, FamilySpec(f"f{i}"), pure=False))
    for future in completed:
        future.result()
        future.release()
        i = next(specs, None)
        if i is not None:
            completed.add(client.submit(_nothing, FamilySpec(f"f{i}"), pure=False))
    return (time.perf_counter() - t0) / count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=400)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunks", default="1,8,16", help="families per task, comma-separated")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from batch_corpus import write_jsonl
    from variorum.batch import run_batch

    work = Path(tempfile.mkdtemp(prefix="variorum-bench-batch-"))
    try:
        source = write_jsonl(work / "families.jsonl", args.families)
        warm = write_jsonl(work / "warm.jsonl", 20, seed=99)
        run_batch(warm, work / "warm", serial=True)  # imports and first-call costs, untimed
        t0 = time.perf_counter()
        serial = run_batch(source, work / "serial", serial=True)
        serial_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        startup_s = time.perf_counter() - t0
        try:
            client.run(lambda: __import__("variorum.batch_families"))  # warm the imports
            runs: dict[int, tuple[float, Any]] = {}
            for chunk in (int(c) for c in args.chunks.split(",")):
                out = work / f"dask-{chunk}"
                t0 = time.perf_counter()
                report = run_batch(source, out, scheduler=cluster.scheduler_address, chunk=chunk)
                runs[chunk] = (time.perf_counter() - t0, report)
            trip_s = _round_trips(client, args.families, max(8, 4 * args.workers))
        finally:
            client.close()
            cluster.close()

        identical = all(
            report.count("compared") == args.families
            and _files(work / f"dask-{chunk}") == _files(work / "serial")
            for chunk, (_s, report) in runs.items()
        )
        versions = sum(r["versions"] for r in serial.rows)
        print(
            f"{args.families} families, {versions} versions "
            f"({versions / args.families:.1f} per family); {os.cpu_count()} cores, "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        names = [f"cluster x{args.workers}, {c}/task" for c in runs]
        print(f"{'':20}{'serial':>10}" + "".join(f"{n:>24}" for n in names))
        rows = [
            ("wall time (s)", serial_s, [s for s, _r in runs.values()], "{:.2f}"),
            ("families / second", args.families / serial_s,
             [args.families / s for s, _r in runs.values()], "{:.1f}"),
            ("ms per family", 1000 * serial_s / args.families,
             [1000 * s / args.families for s, _r in runs.values()], "{:.2f}"),
        ]  # fmt: skip
        for name, first, rest, fmt in rows:
            print(
                f"{name:20}{fmt.format(first):>10}" + "".join(f"{fmt.format(v):>24}" for v in rest)
            )
        print(f"cluster start-up (not in the times above): {startup_s:.2f} s")
        print(f"scheduler round trip per task (no-op, one family): {1000 * trip_s:.2f} ms")
        for chunk, (seconds, _r) in runs.items():
            extra = (seconds * args.workers - serial_s) / args.families
            print(
                f"worker-time beyond the serial compute, {chunk}/task: {1000 * extra:.2f} ms/family"
            )
        print(f"outputs byte-identical to the serial run: {identical}")
        return 0 if identical else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
