"""Run an installed or frozen ``variorum`` headless and check what it writes; exit 1 if wrong.

    python packaging/smoke_test.py PROGRAM [--report] [--window] [--workdir DIR]

Compares the shipped samples (``compare --sample --json``) and checks the JSON holds all
five versions, then compares a web page and a Word file made from two samples (the readers
that need data files at run time). With ``--report`` it also writes a PDF report and checks
it has pages. With ``--window`` it starts the window offscreen twice: on the sample
comparison in self-test mode (it must paint the five columns and quit by itself), and with
no arguments (the start page must still be running after a few seconds).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXPECTED_VERSIONS = 5


class SmokeFailure(Exception):
    """The program ran but did not do its job."""


def run(program: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    proc = subprocess.run([*program, *args], cwd=cwd, capture_output=True, text=True, check=False)
    took = time.monotonic() - started
    print(
        f"  $ {' '.join([Path(program[-1]).name, *args])}  -> exit {proc.returncode}, {took:.1f} s"
    )
    if proc.returncode != 0:
        raise SmokeFailure(
            f"{' '.join(args)} exited {proc.returncode}\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
        )
    return proc


def check_compare(program: list[str], workdir: Path) -> None:
    out = workdir / "comparison.json"
    run(program, "compare", "--sample", "--json", str(out), cwd=workdir)
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise SmokeFailure(f"compare wrote no readable JSON: {e}") from None
    versions = data.get("versions", [])
    if data.get("format") != "variorum-comparison" or len(versions) != EXPECTED_VERSIONS:
        raise SmokeFailure(
            f"JSON has format {data.get('format')!r} and {len(versions)} versions, "
            f"expected variorum-comparison with {EXPECTED_VERSIONS}"
        )
    print(
        f"  compare: {len(versions)} versions, {len(data.get('rows', []))} rows, "
        f"{len(data.get('claims', []))} claims"
    )


def write_other_formats(workdir: Path) -> list[Path]:
    """Two samples as an HTML page (with site furniture) and, if python-docx is here, .docx."""
    from variorum.resources import sample_paths

    first, second = (p.read_text(encoding="utf-8") for p in sample_paths()[:2])
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in first.splitlines() if p.strip())
    page = workdir / "first.html"
    page.write_text(
        "<html><head><title>Sample</title></head><body><nav>Home | World | Sport</nav>"
        f"<article>{paragraphs}</article><footer>All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    try:
        import docx
    except ImportError:
        other = workdir / "second.txt"
        other.write_text(second, encoding="utf-8")
        return [page, other]
    document = docx.Document()
    for paragraph in second.splitlines():
        if paragraph.strip():
            document.add_paragraph(paragraph)
    other = workdir / "second.docx"
    document.save(str(other))
    return [page, other]


def check_other_formats(program: list[str], workdir: Path) -> None:
    files = write_other_formats(workdir)
    out = workdir / "formats.json"
    run(program, "compare", *map(str, files), "--json", str(out), cwd=workdir)
    versions = json.loads(out.read_text(encoding="utf-8")).get("versions", [])
    if len(versions) != len(files) or not all(v.get("text", "").strip() for v in versions):
        raise SmokeFailure(f"compare of {[f.name for f in files]} gave {len(versions)} versions")
    print(f"  formats: {', '.join(f.suffix for f in files)} read")


WINDOW_WAIT_SECONDS = 10


def _window_env(workdir: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[var] = str(workdir / "home" / var.lower())
    return env


def check_window_shows_sample(program: list[str], workdir: Path) -> None:
    """The window opens the sample comparison, paints it and reports what it shows."""
    env = {**_window_env(workdir), "VARIORUM_SELF_TEST": "1"}
    try:
        proc = subprocess.run(
            [*program, "--sample"], cwd=workdir, env=env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise SmokeFailure("the window did not show the sample comparison within 60 s") from None
    line = next((x for x in proc.stdout.splitlines() if x.startswith("window:")), "")
    if proc.returncode != 0 or f"{EXPECTED_VERSIONS} columns" not in line:
        raise SmokeFailure(
            f"the window on the samples: exit {proc.returncode}, said {line!r}\n"
            f"{proc.stderr[-2000:]}"
        )
    print(f"  {line}")


def check_window_starts(program: list[str], workdir: Path) -> None:
    """The window opens (offscreen) on its start page and keeps running."""
    started = time.monotonic()
    proc = subprocess.Popen(
        program,
        cwd=workdir,
        env=_window_env(workdir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _out, err = proc.communicate(timeout=WINDOW_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        print(f"  window: running after {WINDOW_WAIT_SECONDS} s, then closed")
        return
    took = time.monotonic() - started
    raise SmokeFailure(
        f"the window closed by itself after {took:.1f} s, exit {proc.returncode}\n{err[-2000:]}"
    )


def check_report(program: list[str], workdir: Path) -> None:
    out = workdir / "report.pdf"
    run(program, "report", "--sample", "-o", str(out), cwd=workdir)
    if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
        raise SmokeFailure("report wrote no PDF")
    from pypdf import PdfReader

    pages = len(PdfReader(str(out)).pages)
    if pages < 1:
        raise SmokeFailure("report PDF has no pages")
    print(f"  report: {pages} page(s), {out.stat().st_size // 1024} KiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", nargs="+", help="the program (and any leading arguments)")
    parser.add_argument("--report", action="store_true", help="also write a PDF report")
    parser.add_argument("--window", action="store_true", help="also check the window starts")
    parser.add_argument("--workdir", type=Path, help="where outputs go (default: a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="variorum-smoke-") as tmp:
        # Run outside the checkout so nothing is imported from the source tree by accident.
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        # The program runs in workdir, so a relative path to it must be made absolute.
        program = [
            str(Path(args.program[0]).resolve()) if "/" in args.program[0] else args.program[0]
        ]
        program += args.program[1:]
        try:
            check_compare(program, workdir)
            check_other_formats(program, workdir)
            if args.report:
                check_report(program, workdir)
            if args.window:
                check_window_shows_sample(program, workdir)
                check_window_starts(program, workdir)
        except SmokeFailure as e:
            print(f"smoke test FAILED: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
