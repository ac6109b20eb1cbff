"""Engine benchmark: Variorum vs CollateX, printed side by side from one run.

    python tests/benchmarks/bench_engine.py [--runs 15] [--skip-collatex]

Each case runs in a fresh subprocess so peak memory (ru_maxrss) belongs to that case alone;
times are medians of several runs with the import and file reading excluded. CollateX runs
once per case (it takes seconds). Not part of the normal test run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

CASE = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, {here!r})
kind, runs = sys.argv[1], int(sys.argv[2])
from variorum.engine.api import compare_documents, load_documents
from variorum.resources import sample_paths
from synth import make_versions
if kind == "seeds":
    docs, _ = load_documents(sample_paths())
elif kind == "synth20":
    docs = make_versions(20, 5000)
else:
    docs = make_versions(2, 1000, seed=7)
words = sum(len(d.text.split()) for d in docs)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
compare_documents(docs)  # warm-up: lazy tables, caches
times = []
for _ in range(runs):
    t = time.perf_counter()
    c = compare_documents(docs)
    times.append(time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"median_s": statistics.median(times), "min_s": min(times), "runs": runs,
                  "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024,
                  "versions": len(docs), "words": words, "rows": len(c.rows)}}))
"""

COLLATEX = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
from collatex import Collation, collate
from variorum.engine.api import load_documents
from variorum.resources import sample_paths
from synth import make_versions
kind = sys.argv[1]
if kind == "seeds":
    docs, _ = load_documents(sample_paths())
else:
    docs = make_versions(2, 1000, seed=7)
col = Collation()
for d in docs:
    col.add_plain_witness(d.label, d.text)
t = time.perf_counter()
collate(col, output="json")
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"median_s": elapsed, "runs": 1, "peak_mb": peak / 1024,
                  "versions": len(docs), "words": sum(len(d.text.split()) for d in docs)}}))
"""


def run(script: str, *args: str) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", script.format(here=str(HERE)), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}  # type: ignore[dict-item]
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def fmt(r: dict[str, float]) -> str:
    if "error" in r:
        return f"error: {r['error']}"
    return f"{r['median_s'] * 1000:10.1f} ms  {r['peak_mb']:7.0f} MB  (runs: {int(r['runs'])})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--skip-collatex", action="store_true")
    args = ap.parse_args()
    rows = [
        ("Variorum, 5 seeds", run(CASE, "seeds", str(args.runs)), "<= 30 ms"),
        ("Variorum, 2 x 1,000 words", run(CASE, "pair1000", str(args.runs)), ""),
        ("Variorum, 20 x 5,000 words", run(CASE, "synth20", "5"), "<= 2 s, <= 300 MB"),
    ]
    if not args.skip_collatex:
        rows.append(("CollateX, 5 seeds", run(COLLATEX, "seeds"), ""))
        rows.append(("CollateX, 2 x 1,000 words", run(COLLATEX, "pair1000"), ""))
    print(f"{'case':<30}{'median time':>13}  {'peak RSS':>8}            target")
    for name, r, target in rows:
        print(f"{name:<30}{fmt(r)}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
