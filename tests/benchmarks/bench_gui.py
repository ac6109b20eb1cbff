"""Window benchmark: cold start, seeds painted after analysis, big comparisons, scrolling.

    python tests/benchmarks/bench_gui.py [--runs 7]

Each case runs in a fresh process (offscreen Qt, throw-away settings) and prints medians:
- cold start: process start to the window shown and painted once (target <= 1 s);
- seeds painted: from the analysis result arriving to the grid fully laid out and painted
  (target <= 300 ms after the analysis);
- 20 versions x 5,000 words: the same, and frame times while scrolling the grid page by
  page (a frame = one scroll step plus a synchronous repaint).
Not part of the normal test run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

COLD = r"""
import sys, time
t0 = float(sys.argv[1])
from variorum.gui.app import make_application
app = make_application([])
from variorum.gui.window import MainWindow
w = MainWindow()
w.resize(1600, 1000)
w.show()
w.repaint()
app.processEvents()
print(time.time() - t0)
"""

PAINT = r"""
import json, statistics, sys, time
sys.path.insert(0, {here!r})
kind = sys.argv[1]
from variorum.gui.app import make_application
app = make_application([])
from variorum.engine.api import compare_documents, load_documents
from variorum.resources import sample_paths
from variorum.gui.analysis import CompareDone
from variorum.gui.inputs import Inputs
from PySide6.QtCore import QSignalBlocker
from variorum.gui.window import MainWindow
from synth import make_versions
docs = load_documents(sample_paths())[0] if kind == "seeds" else make_versions(20, 5000)
comparison = compare_documents(docs)
w = MainWindow()
w.resize(1600, 1000)
w.show()
app.processEvents()
with QSignalBlocker(w.inputs_editor):  # the inputs, without starting an analysis
    w.inputs_editor.show(Inputs(documents=tuple(docs)))
w._show_grid_page()
app.processEvents()
t = time.perf_counter()
w._on_compared(CompareDone(0, comparison))  # the result arriving from the worker
w.view.viewport().repaint()
painted = time.perf_counter() - t
frames = []
bar = w.view.verticalScrollBar()
if kind != "seeds":
    bar.setValue(0)
    step = max(1, w.view.viewport().height())
    while bar.value() < bar.maximum() and len(frames) < 400:
        f = time.perf_counter()
        bar.setValue(bar.value() + step)
        w.view.viewport().repaint()
        frames.append(time.perf_counter() - f)
print(json.dumps({{"painted": painted, "analysis": comparison.elapsed_ms / 1000,
                  "rows": len(comparison.rows), "frames": frames}}))
"""


def run(code: str, *args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        env["VARIORUM_CONFIG_DIR"] = str(Path(tmp) / "c")
        env["VARIORUM_STATE_DIR"] = str(Path(tmp) / "s")
        out = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return out.stdout.strip().splitlines()[-1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cold = [float(run(COLD, str(time.time()))) for _ in range(args.runs)]
    seeds = [json.loads(run(PAINT.format(here=str(HERE)), "seeds")) for _ in range(args.runs)]
    big_runs = max(3, args.runs // 2)
    big = [json.loads(run(PAINT.format(here=str(HERE)), "synth20")) for _ in range(big_runs)]
    frames = [f for r in big for f in r["frames"]]
    frames.sort()
    p95 = frames[int(len(frames) * 0.95) - 1] if frames else 0.0
    print("| case | median | target |")
    print("| --- | --- | --- |")
    print(f"| cold start to a painted window | {ms(statistics.median(cold))} | <= 1 s |")
    print(f"| seeds: analysis | {ms(statistics.median(r['analysis'] for r in seeds))} | |")
    print(
        f"| seeds: result to fully painted | {ms(statistics.median(r['painted'] for r in seeds))}"
        " | <= 300 ms |"
    )
    print(
        f"| 20 x 5,000 words ({big[0]['rows']} rows): analysis | "
        f"{ms(statistics.median(r['analysis'] for r in big))} | |"
    )
    print(
        "| 20 x 5,000 words: result to fully painted | "
        f"{ms(statistics.median(r['painted'] for r in big))} | |"
    )
    print(
        f"| 20 x 5,000 words: scroll frame ({len(frames)} page steps) | "
        f"median {ms(statistics.median(frames))}, p95 {ms(p95)}, max {ms(max(frames))} "
        "| < 16 ms smooth |"
    )
    print(f"\n{args.runs} runs (20 x 5,000: {big_runs}), each in a fresh process, offscreen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
