"""The command line: summary, JSON to stdout, usage errors, sample articles."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from variorum.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_sample_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--sample"]) == 0
    out = capsys.readouterr().out
    assert "5 versions" in out
    assert "Operation Sentinel" in out
    assert "Similarity" in out
    assert "000_3710240cc75f20e1 (" in out


def test_json_to_stdout(capsys: pytest.CaptureFixture[str], seed_paths: list[Path]) -> None:
    assert main(["compare", str(seed_paths[0]), str(seed_paths[1]), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [v["label"] for v in data["versions"]] == [seed_paths[0].stem, seed_paths[1].stem]
    assert data["rows"] and data["claims"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare"], "no files given"),
        (["compare", "--sample", "--threshold", "7"], "--threshold"),
        (["compare", "--sample", "--base", "nope"], "--base"),
        (["compare", "--bogus"], "unrecognized arguments"),
        (["compare", "--sample", "--json"], "expected one argument"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_base_version_changes_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--sample", "--base", "001_99f8dbec8201124b", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    refs = {r["reference"] for r in data["rows"] if "001_99f8dbec8201124b" in r["cells"]}
    assert refs == {"001_99f8dbec8201124b"}


def test_unwritable_json_target_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "missing-folder" / "out.json"
    assert main(["compare", "--sample", "--json", str(target)]) == 2
    assert "out.json" in capsys.readouterr().err


def test_readme_json_example_names_exactly_the_fields_written(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"## The JSON comparison format\n\n```json\n(.*?)```", readme, re.S)
    assert found, "README lost its JSON format section"
    doc = json.loads(found.group(1))
    assert main(["compare", "--sample", "--json", "-"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(doc) == set(out)
    assert set(doc["settings"]) - {"..."} <= set(out["settings"])  # "..." elides the rest
    for part in ("versions", "rows", "claims"):
        assert set(doc[part][0]) == set(out[part][0]), part
    assert set(doc["versions"][0]["sentences"][0]) == set(out["versions"][0]["sentences"][0])
    assert doc["format"] == out["format"] and doc["format_version"] == out["format_version"]


def test_run_as_the_program_every_output_is_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], seed_paths: list[Path]
) -> None:
    """Run as the program, ``compare`` ends the process without the usual tear-down
    (``cli.common.end_process``): the file and the piped output are still complete."""
    pair = [str(seed_paths[0]), str(seed_paths[1])]
    assert main(["compare", *pair, "--json", "-"]) == 0
    in_process = capsys.readouterr().out
    assert main(["compare", *pair]) == 0
    in_process_summary = capsys.readouterr().out
    env = {**os.environ, "PYTHONPATH": str(REPO / "app"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONUNBUFFERED", None)  # buffered, as a pipe normally is

    def program(*args: str) -> subprocess.CompletedProcess[bytes]:
        cmd = [sys.executable, "-m", "variorum", "compare", *pair, *args]
        return subprocess.run(cmd, capture_output=True, env=env, check=False)

    out = tmp_path / "out.json"
    to_file, piped, summary = program("--json", str(out)), program("--json", "-"), program()
    assert [to_file.returncode, piped.returncode, summary.returncode] == [0, 0, 0]
    assert out.read_bytes() == piped.stdout == in_process.encode("utf-8")
    # The summary's first line says how long the analysis took; the rest is the same.
    lines = summary.stdout.decode("utf-8").splitlines()
    assert lines[1:] == in_process_summary.splitlines()[1:] and lines[-1]
