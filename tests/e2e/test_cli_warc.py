"""`variorum compare archive.warc.gz --url URL`: the captures of one page, oldest first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from variorum.cli import main
from warc_builder import OTHER, STORY, three_and_two


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return three_and_two(tmp_path / "news.warc.gz")


def test_compare_one_page_of_an_archive(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(archive), "--url", STORY, "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    versions = data["versions"]
    assert [v["label"] for v in versions] == [
        "2024-03-04 06:00",
        "2024-03-04 08:15",
        "2024-03-05 10:30",
    ]
    assert [v["date"] for v in versions] == [
        "2024-03-04T06:00:00Z",
        "2024-03-04T08:15:00Z",
        "2024-03-05T10:30:00Z",
    ]
    assert any("harbour district" in c["text"] for c in data["claims"])


def test_without_url_an_archive_of_several_pages_lists_them(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(archive)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [  # one line, like every message
        f"variorum: error: {archive}: holds 2 pages; choose one with --url: "
        f"3 captures (2024-03-04 to 2024-03-05)  {STORY}; "
        f"2 captures (2024-03-02 to 2024-03-03)  {OTHER}"
    ]


def test_unknown_url_and_url_without_archive_are_usage_errors(
    archive: Path, capsys: pytest.CaptureFixture[str], seed_paths: list[Path]
) -> None:
    assert main(["compare", str(archive), "--url", "https://nowhere.example/"]) == 2
    assert "holds no HTML captures of https://nowhere.example/" in capsys.readouterr().err
    assert main(["compare", *map(str, seed_paths[:2]), "--url", STORY]) == 2
    assert "--url needs a web archive" in capsys.readouterr().err


def test_files_without_dates_keep_the_json_as_it_was(
    capsys: pytest.CaptureFixture[str], seed_paths: list[Path]
) -> None:
    assert main(["compare", *map(str, seed_paths[:2]), "--json", "-"]) == 0
    assert all("date" not in v for v in json.loads(capsys.readouterr().out)["versions"])
