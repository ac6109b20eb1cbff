"""Report benchmark: the seed report and 20 versions x 5,000 words, as PDF and as HTML.

    python tests/benchmarks/bench_report.py [--runs 7] [--big-runs 3]

Each case runs in a fresh subprocess (offscreen Qt) so peak memory (ru_maxrss) belongs to
that case alone. Times are medians of several runs of ``report_bytes`` (HTML built, laid
out and painted; the file bytes in memory), after one warm-up run; the analysis itself and
the Qt start-up are excluded. Not part of the normal test run.
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
import io, json, resource, statistics, sys, time
sys.path.insert(0, {here!r})
kind, fmt_name, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
from variorum.engine.api import compare_documents, load_documents
from variorum.report import ReportFormat, report_bytes
from variorum.report.pdf import ensure_gui_application
from variorum.resources import sample_paths
from synth import make_versions
ensure_gui_application()
docs = load_documents(sample_paths())[0] if kind == "seeds" else make_versions(20, 5000)
comparison = compare_documents(docs)
fmt = ReportFormat(fmt_name)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = report_bytes(comparison, None, fmt)  # warm-up: fonts, caches
times = []
for _ in range(runs):
    t = time.perf_counter()
    data = report_bytes(comparison, None, fmt)
    times.append(time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
pages = 0
if fmt is ReportFormat.PDF:
    from pypdf import PdfReader
    pages = len(PdfReader(io.BytesIO(data)).pages)
print(json.dumps({{"median_s": statistics.median(times), "min_s": min(times), "runs": runs,
                  "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024,
                  "versions": len(docs), "words": sum(len(d.text.split()) for d in docs),
                  "bytes": len(data), "pages": pages}}))
"""


def run(*args: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", CASE.format(here=str(HERE)), *args],
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
        return f"error: {r['error']}"
    pages = f"{int(r['pages'])} pages" if r["pages"] else f"{r['bytes'] / 1e6:.1f} MB"
    return (
        f"{r['median_s'] * 1000:10.1f} ms  {r['peak_mb']:7.0f} MB  {pages:>10}"
        f"  (runs: {int(r['runs'])})"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--big-runs", type=int, default=3)
    args = ap.parse_args()
    cases = [
        ("Seed report (5 versions), PDF", ("seeds", "pdf", args.runs), "<= 1 s"),
        ("Seed report (5 versions), HTML", ("seeds", "html", args.runs), "<= 1 s"),
        ("20 versions x 5,000 words, PDF", ("synth20", "pdf", args.big_runs), "<= 15 s"),
        ("20 versions x 5,000 words, HTML", ("synth20", "html", args.big_runs), "<= 15 s"),
    ]
    print(f"{'case':<34}{'median time':>13}  {'peak RSS':>8}  {'output':>10}            target")
    for name, (kind, out, runs), target in cases:
        print(f"{name:<34}{fmt(run(kind, out, str(runs)))}  {target}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
