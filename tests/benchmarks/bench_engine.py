"""Engine benchmark: Variorum (matching paraphrases, wording only, and optionally the engine
before a change) vs CollateX, printed side by side from one run.

    python tests/benchmarks/bench_engine.py [--runs 15] [--skip-collatex] [--before DIR]

``--before DIR`` also times the ``app/`` folder of another checkout (e.g. the main branch)
on the same inputs, matching paraphrases with empty caches as this one does. Each case runs
in a fresh subprocess so peak memory (ru_maxrss) belongs to that case alone; times are
medians with the import and file reading excluded. With paraphrases on, every timed run
starts with empty vector caches, so the time includes embedding; the model load (once per
process) is reported on its own, as is the helper process that reads facts and claims
beside the alignment (engine.side; "one process" is the same run without it). CollateX
runs once per case (it takes seconds). Not part of the normal test run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

CASE = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, {here!r})
kind, runs, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Settings
from variorum.resources import sample_paths
from synth import make_versions
load_s = 0.0
clear = lambda: None
settings = Settings()
if mode in ("paraphrase", "before", "single"):  # "before": another checkout, same settings
    from variorum.engine.embed import shared_model
    from variorum.engine.meaning import clear_caches as clear
    t = time.perf_counter(); shared_model(); load_s = time.perf_counter() - t
elif mode == "wording":
    settings = Settings(match_paraphrases=False)
helper_s, helper_pid = 0.0, None
try:  # the helper process (engine.side) is started once, in the background, like the model
    from variorum.engine import side
    t = time.perf_counter()
    if side.wait_ready(60):
        helper_s, helper_pid = time.perf_counter() - t, side._helper.proc.pid
except ImportError:  # an engine from before the helper
    pass
if kind == "seeds":
    docs, _ = load_documents(sample_paths())
elif kind.startswith("synth"):
    n, w = map(int, kind[5:].split("x"))
    docs = make_versions(n, w)
else:
    docs = make_versions(2, 1000, seed=7)
words = sum(len(d.text.split()) for d in docs)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
compare_documents(docs, settings)  # warm-up: lazy tables, caches
times = []
for _ in range(runs):
    clear()
    t = time.perf_counter()
    c = compare_documents(docs, settings)
    times.append(time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
helper_mb = 0.0
if helper_pid:
    for line in open(f"/proc/{{helper_pid}}/status"):
        if line.startswith("VmHWM:"):
            helper_mb = int(line.split()[1]) / 1024
print(json.dumps({{"median_s": statistics.median(times), "min_s": min(times), "runs": runs,
                  "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024, "load_s": load_s,
                  "helper_s": helper_s, "helper_mb": helper_mb,
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

# (name, case, runs cap, target)
CASES = [
    ("5 seeds", "seeds", 15, "<= 60 ms incl. embedding"),
    ("2 x 1,000 words", "pair1000", 15, ""),
    ("20 x 5,000 words", "synth20x5000", 3, "<= 2 s"),
    ("20 x 2,000 words", "synth20x2000", 3, ""),
    ("80 x 2,000 words", "synth80x2000", 3, "<= 8 s, <= 6x 20x2,000, <= 500 MB"),
]


def run(script: str, *args: str, app: Path | None = None) -> dict[str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(app or REPO / "app")
    env["VARIORUM_SIDE_PROCESS"] = "0" if "single" in args else "1"
    proc = subprocess.run(
        [sys.executable, "-c", script.format(here=str(HERE)), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}  # type: ignore[dict-item]
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def fmt(r: dict[str, float]) -> str:
    if "error" in r:
        return f"{'error':>20}"
    return f"{r['median_s'] * 1000:9.1f} ms {r['peak_mb']:5.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--skip-collatex", action="store_true")
    ap.add_argument("--before", type=Path, help="app/ folder of the engine to compare with")
    ap.add_argument("--only", help="run only the case with this key (e.g. synth80x2000)")
    args = ap.parse_args()
    header = f"{'case':<20}{'paraphrases':>20}{'one process':>20}{'wording only':>20}"
    if args.before:
        header += f"{'before':>20}"
    print(header + "  target")
    results: dict[str, dict[str, float]] = {}
    for name, case, cap, target in CASES:
        if args.only and case != args.only:
            continue
        runs = str(min(args.runs, cap))
        para = run(CASE, case, runs, "paraphrase")
        results[case] = para
        single = fmt(run(CASE, case, runs, "single"))
        line = f"{name:<20}{fmt(para):>20}{single:>20}{fmt(run(CASE, case, runs, 'wording')):>20}"
        if args.before:
            line += f"{fmt(run(CASE, case, runs, 'before', app=args.before)):>20}"
        print(line + f"  {target}", flush=True)
    if "seeds" in results and "load_s" in results["seeds"]:
        seeds = results["seeds"]
        print(f"model load (once per process): {seeds['load_s'] * 1000:.0f} ms")
        if seeds.get("helper_s"):
            print(
                f"helper process (once per process, in the background): ready in "
                f"{seeds['helper_s'] * 1000:.0f} ms, peak {seeds['helper_mb']:.0f} MB"
            )
    if "synth20x2000" in results and "synth80x2000" in results:
        a, b = results["synth20x2000"], results["synth80x2000"]
        if "error" not in a and "error" not in b:
            print(f"80 x 2,000 / 20 x 2,000 time ratio: {b['median_s'] / a['median_s']:.2f}")
    if not args.skip_collatex:
        print(f"{'CollateX, 5 seeds':<40}{fmt(run(COLLATEX, 'seeds')):>20}")
        print(f"{'CollateX, 2 x 1,000 words':<40}{fmt(run(COLLATEX, 'pair1000')):>20}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
