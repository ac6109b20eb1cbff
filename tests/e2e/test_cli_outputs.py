"""Where the command line writes: ``--json``, ``--save-session`` and ``report -o`` never
destroy the articles or the session being compared.

Contract: an output naming one of the inputs, a ``--save-session`` target that exists and is
not a session, and ``--json`` and ``--save-session`` naming one file are usage errors (exit
2, one line naming the file), raised before anything is written; every file is unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from variorum.cli import main
from variorum.resources import sample_paths
from variorum.session import load_session


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    paths = []
    for src in sample_paths()[:2]:
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        paths.append(dst)
    return paths


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _refused(capsys: pytest.CaptureFixture[str], args: list[str | Path], names: Path) -> str:
    folder = names.parent
    before = _snapshot(folder)
    assert main([str(a) for a in args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"variorum: error: {names}: "), err
    assert _snapshot(folder) == before  # nothing written, nothing replaced, no backup
    return err


@pytest.mark.parametrize("which", [0, 1])
def test_json_over_an_article_is_refused(
    articles: list[Path], capsys: pytest.CaptureFixture[str], which: int
) -> None:
    target = articles[which]
    err = _refused(capsys, ["compare", *articles, "--json", target], target)
    assert "is one of the files being compared" in err


def test_json_over_an_article_spelled_another_way_is_refused(
    articles: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(articles[0].parent)
    link = articles[0].parent / "link.txt"
    link.symlink_to(articles[1])
    for spelling in (f"./{articles[0].name}", str(link)):
        assert main(["compare", *map(str, articles), "--json", spelling]) == 2
        assert "is one of the files being compared" in capsys.readouterr().err
    assert [p.read_bytes() for p in articles] == [p.read_bytes() for p in sample_paths()[:2]]


def test_save_session_over_an_article_is_refused(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    target = articles[1]
    err = _refused(capsys, ["compare", *articles, "--save-session", target], target)
    assert "exists and is not a Variorum session; refusing to overwrite it" in err


def test_save_session_over_another_file_that_is_not_a_session_is_refused(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    notes = articles[0].parent / "notes.variorum"  # the right name, the wrong content
    notes.write_text("my own notes", encoding="utf-8")
    _refused(capsys, ["compare", *articles, "--save-session", notes], notes)


def test_json_and_save_session_to_one_file_is_refused(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    target = articles[0].parent / "work.variorum"
    args = ["compare", *articles, "--save-session", target, "--json", target]
    err = _refused(capsys, args, target)
    assert "--json and --save-session need two different files" in err
    assert not target.exists()


def test_json_over_the_session_being_compared_is_refused(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    session_file = articles[0].parent / "work.variorum"
    assert main(["compare", *map(str, articles), "--save-session", str(session_file)]) == 0
    capsys.readouterr()
    _refused(capsys, ["compare", session_file, "--json", session_file], session_file)
    assert len(load_session(session_file).documents) == 2


def test_a_session_may_be_saved_over_itself_or_an_empty_file(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = articles[0].parent
    session_file, empty = folder / "work.variorum", folder / "placeholder"
    empty.write_bytes(b"")
    assert main(["compare", *map(str, articles), "--save-session", str(session_file)]) == 0
    assert main(["compare", str(session_file), "--save-session", str(session_file)]) == 0
    assert main(["compare", *map(str, articles), "--save-session", str(empty)]) == 0
    capsys.readouterr()
    assert load_session(session_file).labels == load_session(empty).labels


def test_report_over_an_article_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = []
    for i, src in enumerate(sample_paths()[:2]):
        page = tmp_path / f"page{i}.html"
        page.write_text(
            f"<html><body><article><p>{src.read_text(encoding='utf-8')}</p></article></body></html>",
            encoding="utf-8",
        )
        pages.append(page)
    err = _refused(capsys, ["report", *pages, "-o", pages[1]], pages[1])
    assert "is one of the files being compared" in err


def test_report_html_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--sample", "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    html = out.read_text(encoding="utf-8")
    assert "Operation Sentinel" in html


def test_json_to_dev_stdout_goes_to_standard_output() -> None:
    # A common shell idiom; stdout is a pipe here, so a broken writer cannot harm a device.
    if not Path("/dev/stdout").exists():
        pytest.skip("no /dev/stdout on this system")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "app")}
    done = subprocess.run(
        [sys.executable, "-m", "variorum", "compare", "--sample", "--json", "/dev/stdout"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "variorum-comparison"
