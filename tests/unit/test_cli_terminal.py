"""Terminal-safe messages: control characters in names and labels are escaped in every line
printed, '--' ends the options, and files named like options are handled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from variorum.cli import main
from variorum.engine.model import Document
from variorum.resources import sample_paths
from variorum.session import Session
from variorum.session.codec import session_to_json

EVIL = "evil\n\x1b[31mred\x07\x9b\x7f"


def _copy(folder: Path, name: str, index: int = 0) -> Path:
    path = folder / name
    path.write_bytes(sample_paths()[index].read_bytes())
    return path


def _no_raw_controls(text: str) -> None:
    for ch in ("\x1b", "\x07", "\x9b", "\x7f"):
        assert ch not in text


def test_error_naming_a_file_with_controls_is_one_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(tmp_path / f"{EVIL}.txt"), str(tmp_path / "b.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith("\n")
    _no_raw_controls(err)
    assert "evil\\n\\e[31mred\\x07\\x9b\\x7f.txt: no such file" in err


def test_warnings_and_summary_escape_names_and_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = _copy(tmp_path, f"{EVIL}.txt", 0), _copy(tmp_path, "b.txt", 1)
    missing = tmp_path / "gone\r\x1b]0;title\x07.txt"
    assert main(["compare", str(a), str(b), str(missing)]) == 0
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)
    assert "\r" not in out + err
    assert err.count("\n") == 1 and "gone\\r\\e]0;title\\x07.txt" in err
    assert "evil\\n\\e[31mred" in out


def test_session_labels_with_controls_print_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sample_paths()[:2]]
    docs = (Document(EVIL, "", texts[0]), Document("plain", "", texts[1]))
    data = session_to_json(Session(docs))
    data["view"]["column_widths"] = {EVIL: -1}  # a notice naming the label, too
    path = tmp_path / "s.variorum"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["compare", str(path)]) == 0
    out, err = capsys.readouterr()
    _no_raw_controls(out + err)
    assert "left out" in err and err.count("\n") == 1


def test_double_dash_ends_options_and_dash_names_get_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _copy(tmp_path, "-notes.txt", 0)
    _copy(tmp_path, "--help", 1)
    _copy(tmp_path, "b.txt", 2)
    assert main(["compare", "-notes.txt", "b.txt"]) == 2
    assert "put '--' before the file names" in capsys.readouterr().err
    assert main(["compare", "--", "-notes.txt", "b.txt"]) == 0
    assert main(["compare", "--", "--help", "b.txt"]) == 0
    out = capsys.readouterr().out
    assert out.count("Variorum: 2 versions") == 2 and "usage:" not in out
    assert main(["compare", "./-notes.txt", "b.txt"]) == 0


def test_help_documents_the_double_dash(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    assert "after '--'" in " ".join(capsys.readouterr().out.split())
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "after '--'" in capsys.readouterr().out
