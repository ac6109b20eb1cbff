"""Work is never unsaveable: non-UTF-8 file names and lone surrogates save, export, reopen."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from variorum.annotations import Annotations, Note, Verdict, anchor_text
from variorum.cli import main
from variorum.engine.api import compare_documents
from variorum.engine.ingest import read_document
from variorum.engine.model import Document
from variorum.export import comparison_to_json, format_summary
from variorum.report.export import write_report
from variorum.resources import sample_paths
from variorum.safe_text import escape_json_surrogates, replace_surrogates, terminal_safe
from variorum.session import (
    Session,
    SessionStore,
    SourceStatus,
    load_session,
    save_session,
    session_from_documents,
    source_status,
)

LONE = "\ud800"


@pytest.fixture
def odd_file(tmp_path: Path) -> Path:
    """A sample article under a legal Linux name that is not UTF-8."""
    name = os.fsdecode(b"non_utf8_\xff\xfe.txt")
    path = tmp_path / name
    try:
        path.write_bytes(sample_paths()[1].read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    return path


def _with_lone_surrogate(odd_file: Path) -> Session:
    odd = read_document(odd_file)
    assert "\udcff" in odd.source and "\udcff" in odd.label
    text = sample_paths()[0].read_text(encoding="utf-8")
    broken = Document(f"label {LONE}", "", text.replace("NATO", f"NA{LONE}TO", 1))
    note = Note(broken.label, anchor_text(f"why {LONE}"), Verdict.DISPUTED, f"note {LONE}")
    return session_from_documents([odd, broken], annotations=Annotations().with_note(note))


@pytest.fixture
def odd_session(odd_file: Path, tmp_path: Path) -> Session:
    """A session as read from a file holding a non-UTF-8 name and an escaped \\ud800."""
    path = tmp_path / "odd.variorum"
    save_session(path, _with_lone_surrogate(odd_file))
    return load_session(path)


def test_lone_surrogates_in_text_are_replaced_and_noted(odd_file: Path, tmp_path: Path) -> None:
    original = _with_lone_surrogate(odd_file)
    path = tmp_path / "odd.variorum"
    save_session(path, original)
    assert "\\ud800" in path.read_text(encoding="utf-8")  # written as a JSON escape
    loaded = load_session(path)
    assert loaded.labels == original.labels  # labels and sources: exactly as they were
    assert [d.source for d in loaded.documents] == [d.source for d in original.documents]
    assert loaded.annotations == original.annotations
    assert "NA\ufffdTO" in loaded.documents[1].text
    (notice,) = loaded.notices
    assert "not valid Unicode" in notice and "label" in notice
    # A caller handing the engine such text directly still gets a comparison.
    assert "NA\ufffdTO" in compare_documents(original.documents).versions[1].text


def test_json_escapes_are_valid_and_lossless() -> None:
    value = {"k\udcff": f"a{LONE}b\udcfe", "ok": "é ✓"}
    text = escape_json_surrogates(json.dumps(value, ensure_ascii=False))
    text.encode("utf-8")  # would raise on a raw surrogate
    assert "é ✓" in text  # everything else stays readable
    assert json.loads(text) == value
    assert replace_surrogates(f"a{LONE}b") == "a\ufffdb"


def test_session_saves_autosaves_and_reopens_exactly(
    odd_session: Session, tmp_path: Path, store: SessionStore
) -> None:
    target = tmp_path / os.fsdecode(b"work_\xff.variorum")
    save_session(target, odd_session)
    assert load_session(target) == odd_session
    save_session(target, odd_session)  # again, over the first (the backup path too)
    autosave = store.autosave(odd_session, origin=target)
    assert load_session(autosave) == odd_session
    store.close()  # as after a crash: the next Variorum finds the autosave
    (recovered,) = SessionStore(store.state_dir).pending_recovery()
    assert recovered.session == odd_session
    assert recovered.origin == target.absolute()
    reopened = load_session(target)
    # The odd name still leads to its file: the session knows it is unchanged.
    assert source_status(reopened.documents[0]) is SourceStatus.UNCHANGED


def test_exports_never_fail(odd_session: Session, tmp_path: Path, qapp: object) -> None:
    comparison = compare_documents(odd_session.documents)
    data = json.loads(comparison_to_json(comparison))
    assert [v["source"] for v in data["versions"]] == [d.source for d in odd_session.documents]
    assert [v["label"] for v in data["versions"]] == list(odd_session.labels)
    summary = format_summary(comparison)
    summary.encode("utf-8")
    assert "\\udcff" in summary
    write_report(tmp_path / "r.html", comparison, odd_session.annotations)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "label \ufffd" in html
    write_report(tmp_path / "r.pdf", comparison, odd_session.annotations)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_cli_saves_and_exports_a_non_utf8_name(
    odd_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = str(sample_paths()[0])
    session_file = tmp_path / "s.variorum"
    out = tmp_path / "o.json"
    args = ["compare", str(odd_file), other, "--json", str(out)]
    assert main([*args, "--save-session", str(session_file)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["versions"][0]["source"] == str(odd_file)
    assert main(["compare", str(session_file), "--json", str(tmp_path / "again.json")]) == 0
    assert (tmp_path / "again.json").read_bytes() == out.read_bytes()
    assert main(["report", str(session_file), "-o", str(tmp_path / "x.html")]) == 0
    assert main(["compare", str(odd_file), other]) == 0
    printed = capsys.readouterr().out
    printed.encode("utf-8")
    assert "non_utf8_\\udcff\\udcfe" in printed


def test_terminal_safe_escapes_controls() -> None:
    assert terminal_safe("a\nb\x1b[31mc\x07\x7f\x9b\u2028\udcff") == (
        "a\\nb\\e[31mc\\x07\\x7f\\x9b\\u2028\\udcff"
    )
    assert terminal_safe("plain é — ✓") == "plain é — ✓"
