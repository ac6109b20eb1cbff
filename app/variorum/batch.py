"""``variorum batch INPUT --out OUT``: compare many story families, serially or on Dask.

OUT receives ``families/<family>.json`` (each exactly ``variorum compare --json``) and a
summary table, ``summary.parquet`` and ``summary.csv``, one row per family in input order:
status (compared, resumed, failed), versions, rows, changed, claims, disagreements, mean
similarity, the JSON file and any error. Contract:

- Same result anywhere: the per-family function (``batch_families.compare_family``) is
  pure, so serial, local-cluster and remote-cluster runs write byte-identical files.
- Resumable: a family whose JSON exists is not compared again (its summary row is read
  back from the file); every file is written atomically (``variorum.atomic``), so a killed
  run leaves whole files or none, and its temporary files are removed on the next start.
- Never stopped by one family: a family's failure (or a worker's death) is its summary
  row's error; the run goes on.
- Bounded memory: families are read lazily and at most ``window`` tasks of ``chunk``
  families are in flight; results are written and released as they complete
  (``distributed.as_completed``).

The default runs a local Dask cluster of worker processes (one per core);
``--scheduler tcp://HOST:8786`` uses a running ``dask.distributed`` scheduler (its workers
must see the input paths), ``--serial`` runs in this process without Dask.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from variorum.atomic import atomic_write_bytes, atomic_write_text
from variorum.batch_families import (
    FamilyResult,
    FamilySpec,
    InputError,
    compare_families,
    compare_family,
    output_name,
    plan_families,
    summary_counts,
)
from variorum.engine.model import Settings

COLUMNS: tuple[str, ...] = (
    "family",
    "status",
    "versions",
    "rows",
    "changed",
    "claims",
    "disagreements",
    "similarity",
    "output",
    "error",
)
FAMILIES_DIR = "families"


@dataclass
class BatchReport:
    """What a run did; ``rows`` is the summary table in input order."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r["status"] == status)


class Progress:
    """A one-line progress bar on a terminal; silent elsewhere (logs, tests)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self._drawn = 0.0

    def step(self, failed: bool) -> None:
        self.done += 1
        self.failed += int(failed)
        now = time.perf_counter()
        if self.live and (now - self._drawn > 0.1 or self.done == self.total):
            self._drawn = now
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            rate = self.done / max(now - self.started, 1e-9)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                f"families, {self.failed} failed, {rate:.1f}/s"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


# ---- running -----------------------------------------------------------------------------


def run_batch(
    source: Path,
    out: Path,
    scheduler: str | None = None,
    serial: bool = False,
    workers: int | None = None,
    window: int | None = None,
    settings: Settings | None = None,
    progress: TextIO | None = None,
    chunk: int = 8,
) -> BatchReport:
    """Compare every family in ``source`` into ``out`` (see the module contract).

    Raises InputError for an unreadable input or OUT; never for one family.
    """
    t0 = time.perf_counter()
    total, families = plan_families(source)
    folder = out / FAMILIES_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    _remove_stale_temporaries(folder)
    rows: dict[int, dict[str, Any]] = {}
    bar = Progress(total, progress)

    def record(index: int, row: dict[str, Any]) -> None:
        rows[index] = row
        bar.step(row["status"] == "failed")

    todo = _not_yet_done(families, folder, record)
    handle = _writer(folder, record)
    try:
        if serial:
            for index, spec in todo:
                handle(index, spec.family, compare_family(spec, settings))
        else:
            with _client(scheduler, workers) as client:
                limit = window or max(8, 4 * _worker_count(client))
                _run_on_dask(client, todo, handle, limit, max(1, chunk), settings)
    finally:
        bar.close()
    report = BatchReport([rows[i] for i in sorted(rows)], time.perf_counter() - t0)
    write_summary(out, report.rows)
    return report


def _not_yet_done(
    families: Iterator[FamilySpec], folder: Path, record: Callable[[int, dict[str, Any]], None]
) -> Iterator[tuple[int, FamilySpec]]:
    """The families still to compare; the finished ones are summarised from their files."""
    for index, spec in enumerate(families):
        target = folder / output_name(spec.family)
        if target.is_file():
            try:
                counts = summary_counts(json.loads(target.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                pass  # unreadable: compare it again and replace it
            else:
                record(index, _row(spec.family, "resumed", counts, target.name, None))
                continue
        yield index, spec


def _writer(
    folder: Path, record: Callable[[int, dict[str, Any]], None]
) -> Callable[[int, str, FamilyResult], None]:
    def handle(index: int, family: str, result: FamilyResult) -> None:
        if result.json_text is None:
            record(index, _row(family, "failed", {}, "", result.error))
            return
        name = output_name(family)
        try:
            atomic_write_text(folder / name, result.json_text)
        except OSError as e:
            record(index, _row(family, "failed", {}, "", f"cannot write {name}: {e}"))
            return
        record(index, _row(family, "compared", result.counts, name, result.error))

    return handle


def _row(
    family: str, status: str, counts: dict[str, Any], output: str, error: str | None
) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(counts)
    row.update(family=family, status=status, output=f"{FAMILIES_DIR}/{output}" if output else "")
    row["error"] = error or ""
    return row


def _remove_stale_temporaries(folder: Path) -> None:
    """A killed run's half-written files (atomic writes' ``.name.XXXX.tmp``)."""
    for tmp in folder.glob(".*.tmp"):
        with suppress(OSError):
            tmp.unlink()


# ---- Dask ------------------------------------------------------------------------------


def _client(scheduler: str | None, workers: int | None) -> AbstractContextManager[Any]:
    try:
        import distributed
    except ImportError:
        raise InputError(
            "Dask is not installed: pip install 'variorum[batch]' (or use --serial)"
        ) from None
    if scheduler:
        try:
            client: Any = distributed.Client  # untyped library
            return client(scheduler, timeout="10s")  # type: ignore[no-any-return]
        except (OSError, TimeoutError) as e:
            raise InputError(f"{scheduler}: cannot reach the Dask scheduler ({e})") from None
    import logging

    dask: Any = distributed  # untyped library
    cluster = dask.LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,  # the engine is pure Python: processes, not threads, scale
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return _ClusterClient(cluster, dask.Client(cluster))


class _ClusterClient(AbstractContextManager[Any]):
    """A client that also shuts down the local cluster it was made for."""

    def __init__(self, cluster: Any, client: Any) -> None:
        self.cluster = cluster
        self.client = client

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _worker_count(client: Any) -> int:
    try:
        return max(1, len(client.scheduler_info()["workers"]))
    except Exception:  # scheduler_info is best effort; the window just needs a size
        return 1


def _run_on_dask(
    client: Any,
    todo: Iterator[tuple[int, FamilySpec]],
    handle: Callable[[int, str, FamilyResult], None],
    window: int,
    chunk: int,
    settings: Settings | None,
) -> None:
    """At most ``window`` tasks of ``chunk`` families each in flight; results are handled
    (written) and released as tasks complete, and each completion submits the next."""
    import distributed

    dask: Any = distributed  # untyped library
    pending: dict[str, list[tuple[int, str]]] = {}
    completed = dask.as_completed()

    def submit_next() -> bool:
        items = list(islice(todo, chunk))
        if not items:
            return False
        specs = tuple(spec for _i, spec in items)
        future = client.submit(
            compare_families, specs, settings, key=f"variorum-families-{items[0][0]}", pure=False
        )
        pending[future.key] = [(i, spec.family) for i, spec in items]
        completed.add(future)
        return True

    for _ in range(window):
        if not submit_next():
            break
    for future in completed:
        members = pending.pop(future.key)
        try:
            results: list[FamilyResult] = future.result()
        except Exception as e:  # the worker died or the task could not run
            results = [FamilyResult(f, None, {}, f"{type(e).__name__}: {e}") for _i, f in members]
        future.release()
        for (index, family), result in zip(members, results, strict=True):
            handle(index, family, result)
        submit_next()


# ---- the summary table -----------------------------------------------------------------


def write_summary(out: Path, rows: list[dict[str, Any]]) -> None:
    """``summary.csv`` always; ``summary.parquet`` when pyarrow is installed."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(out / "summary.csv", buffer.getvalue())
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return
    schema = pa.schema(
        [
            ("family", pa.string()),
            ("status", pa.string()),
            ("versions", pa.int32()),
            ("rows", pa.int32()),
            ("changed", pa.int32()),
            ("claims", pa.int32()),
            ("disagreements", pa.int32()),
            ("similarity", pa.float64()),
            ("output", pa.string()),
            ("error", pa.string()),
        ]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    atomic_write_bytes(out / "summary.parquet", sink.getvalue().to_pybytes())


__all__ = ["COLUMNS", "BatchReport", "Progress", "run_batch", "write_summary"]
