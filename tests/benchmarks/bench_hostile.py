"""Big and hostile input at full size: outcome, time and peak memory of each case.

    python tests/benchmarks/bench_hostile.py [--scale 1.0] [--only SUBSTRING] [--timeout 60]

Each case runs ``variorum compare ... --json OUT`` in a fresh process (so peak memory, read
from the child's rusage, is that case's alone). The issue's bar: every case compared
(exit 0) or refused (exit 2 with one line) in at most 30 s and 3 GB. Not part of the
normal test run.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from hostile_cases import CASES  # noqa: E402

# A fresh wrapper per case: its RUSAGE_CHILDREN peak is that case's alone.
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'@@ {r.returncode} {peak}', file=sys.stderr)\n"
)


def run_case(
    build: Callable[[Path, float], list[str]], scale: float, timeout: float
) -> tuple[str, float, float, str]:
    """(exit code or "timeout", seconds, peak MB, last line the user saw) of one case."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        args = build(d, scale)
        cmd = [sys.executable, "-m", "variorum", "compare", *args, "--json", str(d / "o.json")]
        env = {**os.environ, "PYTHONPATH": str(REPO / "app"), "QT_QPA_PLATFORM": "offscreen"}
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return "timeout", time.perf_counter() - t0, 0.0, ""
        elapsed = time.perf_counter() - t0
        lines = err.decode("utf-8", "replace").strip().splitlines()
        code, peak = lines.pop().split()[1:] if lines and lines[-1].startswith("@@") else ("?", 0)
        return str(code), elapsed, int(peak) / 1024, (lines[-1] if lines else "")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", default="")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    print(f"{'case':38} {'exit':>7} {'seconds':>8} {'peak MB':>8}  message")
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        code, elapsed, peak, message = run_case(case.build, args.scale, args.timeout)
        ok = "ok" if code in ("0", "2") and elapsed <= 30 and peak <= 3072 else "FAIL"
        print(f"{case.name:38} {code!s:>7} {elapsed:8.1f} {peak:8.0f}  {ok} {message[:110]}")


if __name__ == "__main__":
    main()
