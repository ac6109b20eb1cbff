"""What a newcomer reads first on the command line: --help, folders, the summary, the README."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from variorum.cli import main
from variorum.engine.model import Settings

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_help_says_that_files_without_a_command_open_the_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "variorum FILE FILE..." in out and "opens the window" in out
    assert "SESSION.variorum" in out and "compare" in out and "report" in out


def test_compare_takes_a_folder_of_articles_in_name_order(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for seed in reversed(seed_paths[:3]):  # written out of order: name order must win
        shutil.copy(seed, folder / seed.name)
    (folder / "notes.odt").write_bytes(b"PK\x03\x04 not an article")  # not an article type
    (folder / "._001.txt").write_bytes(b"\x00\x05\x16\x07 AppleDouble")  # hidden: left out
    (folder / "sub").mkdir()
    assert main(["compare", str(folder), "--json", "-"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert [v["label"] for v in data["versions"]] == [p.stem for p in seed_paths[:3]]
    assert [v["source"] for v in data["versions"]] == [str(folder / p.name) for p in seed_paths[:3]]


def test_a_folder_without_articles_is_named_as_unreadable(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["compare", str(empty), str(seed_paths[0])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{empty}: is a folder with no article files in it" in err


def test_every_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = [tmp_path / "first.txt", tmp_path / "second.txt", tmp_path / "third.md"]
    assert main(["compare", *map(str, gone)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1  # still one line
    for path in gone:
        assert f"{path}: no such file" in err


def test_summary_lists_the_changed_rows_from_their_first_change(
    capsys: pytest.CaptureFixture[str], seed_paths: list[Path]
) -> None:
    assert main(["compare", *map(str, seed_paths)]) == 0
    out = capsys.readouterr().out
    section = out.split("Changed rows: worded differently (")[1].split("\n\n")[0]
    count = int(section.split(")")[0])
    assert count > 0
    rows = re.findall(r"^  row (\d+), (\d+)% alike$", section, re.M)
    assert len(rows) == min(count, 8)
    # The row that differs only at its end ('Rutte said' / 'Rutte remarked') shows the change.
    assert "Rutte remarked" in section


def test_readme_json_example_settings_are_the_defaults() -> None:
    found = re.search(r"## The JSON comparison format\n\n```json\n(.*?)```", README, re.S)
    assert found
    settings = json.loads(found.group(1))["settings"]
    defaults = Settings()
    for f in fields(Settings):
        if f.name in settings:
            want = getattr(defaults, f.name)
            assert settings[f.name] == getattr(want, "value", want), f.name
    usage = re.search(r"--threshold ([0-9.]+)", README)
    assert usage and float(usage.group(1)) == defaults.threshold


def test_readme_promises_only_summary_sections_that_exist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    promise = re.search(r"`compare` prints a readable summary: (.*?)\n- ", README, re.S)
    assert promise and "changed rows" in promise.group(1)
    assert main(["compare", "--sample"]) == 0
    out = capsys.readouterr().out
    for heading in ("Versions", "Changed rows", "Claims only one version makes", "Similarity"):
        assert f"\n{heading}" in out, heading
