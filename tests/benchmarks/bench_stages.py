"""Time of each pipeline stage (medians, no profiler), to see where an analysis goes.

    python tests/benchmarks/bench_stages.py seeds|NxWORDS [RUNS] [--wording]

Every run starts with empty vector caches, as bench_engine.py does. Not part of the test run.
"""

from __future__ import annotations

import collections
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("VARIORUM_SIDE_PROCESS", "0")  # every stage in this process, timed

from synth import make_versions

from variorum.engine import stages
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.embed import shared_model
from variorum.engine.meaning import clear_caches
from variorum.engine.model import Settings
from variorum.resources import sample_paths

STAGES = ["segment", "units", "score", "version_meanings", "align", "group", "diff", "facts"]
STAGES += ["claims", "conflicts", "similarity"]
spent: dict[str, list[float]] = collections.defaultdict(list)


def timed(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return f(*args, **kwargs)
        finally:
            spent[name].append(time.perf_counter() - t)

    return run


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    kind, runs = args[0], int(args[1]) if len(args) > 1 else 5
    settings = Settings(match_paraphrases="--wording" not in sys.argv)
    shared_model()
    if kind == "seeds":
        docs = load_documents(sample_paths())[0]
    else:
        n, words = map(int, kind.split("x"))
        docs = make_versions(n, words)
    for name in STAGES:
        setattr(stages, name, timed(name, getattr(stages, name)))
    compare_documents(docs, settings)  # warm-up
    spent.clear()
    total = []
    for _ in range(runs):
        clear_caches()
        t = time.perf_counter()
        compare_documents(docs, settings)
        total.append(time.perf_counter() - t)
    for name in STAGES:
        if spent[name]:
            per_run = statistics.median(spent[name]) * len(spent[name]) / runs
            print(f"{name:16s} {per_run * 1000:8.1f} ms")
    print(f"{'total':16s} {statistics.median(total) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
