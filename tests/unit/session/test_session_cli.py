"""``variorum compare ... --save-session`` and ``variorum compare SESSION`` (headless)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from test_session_broken_files import FIELD_CASES, RAW_CASES

from variorum.annotations import Verdict, claim_note
from variorum.cli import main
from variorum.engine.api import compare_documents
from variorum.engine.model import Document
from variorum.resources import sample_paths
from variorum.session import Session, load_session, save_session
from variorum.session.codec import encode_session, session_to_json

SAMPLES = [str(p) for p in sample_paths()]


def _json_of(args: list[str], out: Path) -> dict[str, object]:
    assert main([*args, "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_save_session_then_reanalyse_it_headless(tmp_path: Path) -> None:
    session_file = tmp_path / "nato.variorum"
    direct = _json_of(["compare", *SAMPLES, "--save-session", str(session_file)], tmp_path / "a")
    saved = load_session(session_file)
    assert [d.source for d in saved.documents] == SAMPLES
    again = _json_of(["compare", str(session_file)], tmp_path / "b.json")
    assert again == direct


def test_session_keeps_threshold_and_options_override_it(tmp_path: Path) -> None:
    session_file = tmp_path / "s.variorum"
    assert (
        main(
            [
                "compare",
                *SAMPLES[:3],
                "--threshold",
                "0.7",
                "--save-session",
                str(session_file),
                "--json",
                str(tmp_path / "x.json"),
            ]
        )
        == 0
    )
    assert load_session(session_file).settings.threshold == 0.7
    resaved = tmp_path / "t.variorum"
    label = load_session(session_file).labels[1]
    assert (
        main(
            [
                "compare",
                str(session_file),
                "--base",
                label,
                "--save-session",
                str(resaved),
                "--json",
                str(tmp_path / "y.json"),
            ]
        )
        == 0
    )
    settings = load_session(resaved).settings
    assert (settings.threshold, settings.base) == (0.7, label)


def test_resaving_a_session_keeps_annotations(tmp_path: Path, session: Session) -> None:
    docs = [
        Document(f"v{i}", "", Path(p).read_text(encoding="utf-8"))
        for i, p in enumerate(SAMPLES[:2])
    ]
    comparison = compare_documents(docs)
    note = claim_note(comparison.claims[0], Verdict.NEEDS_SOURCE, "ask the desk")
    original = replace(
        session,
        documents=tuple(docs),
        settings=comparison.settings,
        annotations=session.annotations.with_note(note),
    )
    src, dst = tmp_path / "src.variorum", tmp_path / "dst.variorum"
    save_session(src, original)
    assert main(["compare", str(src), "--save-session", str(dst)]) == 0
    assert load_session(dst).annotations == original.annotations
    assert load_session(dst).view == original.view


def test_session_detected_by_content_without_extension(tmp_path: Path) -> None:
    session_file = tmp_path / "work.json"
    docs = [
        Document("a", "", "Troops deploy. Talks stall."),
        Document("b", "", "Troops deploy. A leak emerged."),
    ]
    session_file.write_bytes(encode_session(Session(tuple(docs))))
    data = _json_of(["compare", str(session_file)], tmp_path / "out.json")
    assert [v["label"] for v in data["versions"]] == ["a", "b"]  # type: ignore[index]


def _refused(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("variorum: error: ")
    return err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"\x00\xff\x10garbage", "not UTF-8"),
        (b'{"format": "variorum-session", "format_version": 1, "vers', "cut short"),
        (b'{"format": "variorum-session", "format_version": 2}', "newer Variorum (format 2)"),
        (b'{"format": "variorum-session", "format_version": 1}', 'missing field "versions"'),
    ],
)
def test_broken_session_exits_2_naming_file_and_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str
) -> None:
    path = tmp_path / "broken.variorum"
    path.write_bytes(content)
    err = _refused(capsys, ["compare", str(path), "--json", str(tmp_path / "o.json")])
    assert str(path) in err
    assert problem in err
    assert path.read_bytes() == content
    assert not (tmp_path / "o.json").exists()


def test_single_version_session_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.variorum"
    save_session(path, Session((Document("only", "", "Just one."),)))
    assert "fewer than two versions" in _refused(capsys, ["compare", str(path)])


def test_session_mixed_with_articles_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.variorum"
    err = _refused(capsys, ["compare", str(path), SAMPLES[0]])
    assert "compared on its own" in err


def test_missing_session_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, ["compare", str(tmp_path / "gone.variorum")])
    assert "gone.variorum: no such file" in err


def test_unwritable_session_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "s.variorum"
    err = _refused(capsys, ["compare", *SAMPLES[:2], "--save-session", str(target)])
    assert str(target) in err
    assert "could not save" in err


BROKEN_CASES = [*RAW_CASES, *FIELD_CASES, "truncated", "100 MB"]


def _broken_file(folder: Path, session: Session, name: str) -> tuple[Path, str]:
    path = folder / "broken.variorum"
    if name in RAW_CASES:
        content, problem = RAW_CASES[name]
        path.write_bytes(content)
    elif name in FIELD_CASES:
        edit, problem = FIELD_CASES[name]
        data = session_to_json(session)
        edit(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    elif name == "truncated":
        path.write_bytes(encode_session(session)[:-40])
        problem = "cut short"
    else:
        with open(path, "wb") as fh:
            fh.truncate(100_000_000)  # sparse: no real disk use
        problem = "too large for a session"
    return path, problem


@pytest.mark.parametrize("name", BROKEN_CASES)
def test_every_broken_session_exits_2_with_one_line_and_stays_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], session: Session, name: str
) -> None:
    path, problem = _broken_file(tmp_path, session, name)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    out = tmp_path / "out.json"
    err = _refused(capsys, ["compare", str(path), "--json", str(out), "--save-session", str(path)])
    assert err.startswith(f"variorum: error: {path}: ")
    assert problem in err
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.variorum"]  # no backup, no temp


def test_broken_session_in_a_real_process_shows_no_traceback(
    tmp_path: Path, session: Session
) -> None:
    path, problem = _broken_file(tmp_path, session, "random bytes")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "app")}
    done = subprocess.run(
        [sys.executable, "-m", "variorum", "compare", str(path), "--json", "-"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"variorum: error: {path}: ")
    assert problem in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_changed_source_is_reported_and_the_saved_text_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    for src, dst in zip(SAMPLES[:2], (first, second), strict=True):
        dst.write_bytes(Path(src).read_bytes())
    session_file = tmp_path / "s.variorum"
    before = _json_of(
        ["compare", str(first), str(second), "--save-session", str(session_file)],
        tmp_path / "before.json",
    )
    with open(second, "a", encoding="utf-8") as fh:
        fh.write("\nA late correction names a new general.\n")
    first.unlink()  # gone: the session holds its text, nothing to say
    capsys.readouterr()
    after = _json_of(["compare", str(session_file)], tmp_path / "after.json")
    err = capsys.readouterr().err
    assert err == (
        f"variorum: warning: {second}: changed on disk since the session was saved; "
        "comparing the text the session holds for 'second'\n"
    )
    assert after == before


def test_no_paraphrase_option_is_used_and_kept_in_the_session(tmp_path: Path) -> None:
    session_file = tmp_path / "s.variorum"
    out = tmp_path / "x.json"
    args = ["compare", *SAMPLES[:2], "--no-paraphrase", "--json", str(out)]
    assert main([*args, "--save-session", str(session_file)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["settings"]["match_paraphrases"] is False
    assert "paraphrase" not in {r["match"] for r in data["rows"]}
    assert load_session(session_file).settings.match_paraphrases is False
    again = tmp_path / "y.json"
    assert main(["compare", str(session_file), "--json", str(again)]) == 0
    assert json.loads(again.read_text(encoding="utf-8"))["settings"]["match_paraphrases"] is False
    assert main(["compare", *SAMPLES[:2], "--json", str(again)]) == 0
    assert json.loads(again.read_text(encoding="utf-8"))["settings"]["match_paraphrases"] is True
