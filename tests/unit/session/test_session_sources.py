"""A session's sources are untrusted: what is hashed, offered for reload and never read."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from variorum.cli import main
from variorum.engine.model import Document
from variorum.session import (
    ChangedSource,
    Session,
    SourceStatus,
    changed_sources,
    load_session,
    readable_source,
    reload_sources,
    save_session,
    source_status,
)
from variorum.session.codec import session_to_json
from variorum.session.headless import changed_source_notes

STORED = "The minister resigned on Tuesday. Officials confirmed it later."
OTHER = "The minister stayed on. Officials denied any resignation."
WRONG_HASH = "0" * 64  # so every source looks "changed" and would be offered for reload


def _write_session(path: Path, sources: list[str]) -> Path:
    docs = tuple(
        Document(f"v{i}", src, f"{STORED} Version {i}.", None, (), WRONG_HASH)
        for i, src in enumerate(sources)
    )
    path.write_text(json.dumps(session_to_json(Session(docs))), encoding="utf-8")
    return path


def _outside(tmp_path: Path) -> Path:
    """A secret file with an article extension, outside the folder the session is in."""
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:*:19000:0:99999:7:::\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize(
    "source",
    ["/etc/shadow", "/etc/passwd", "/proc/self/pagemap", "/dev/zero", "/dev/stdin"],
)
def test_system_and_extensionless_files_are_never_offered(tmp_path: Path, source: str) -> None:
    session = load_session(_write_session(tmp_path / "s.variorum", [source, source + "x"]))
    start = time.monotonic()
    assert {source_status(d) for d in session.documents} <= {
        SourceStatus.REFUSED,
        SourceStatus.MISSING,
    }
    assert changed_sources(session) == ()
    assert time.monotonic() - start < 1  # /proc/self/pagemap is never opened
    assert all(d.text.startswith(STORED) for d in session.documents)


def test_link_to_a_file_outside_its_folder_is_refused(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "shadow.txt").symlink_to("/etc/shadow")
    (articles / "secret.txt").symlink_to(_outside(tmp_path))
    session = load_session(
        _write_session(
            articles / "s.variorum",
            [str(articles / "shadow.txt"), str(articles / "secret.txt")],
        )
    )
    assert [source_status(d) for d in session.documents] == [SourceStatus.REFUSED] * 2
    assert changed_sources(session) == ()
    with pytest.raises(Exception, match="outside its folder"):
        readable_source(str(articles / "secret.txt"))


def test_parent_traversal_is_refused_by_name_even_when_the_file_exists(tmp_path: Path) -> None:
    _outside(tmp_path)
    folder = tmp_path / "work" / "deep"
    folder.mkdir(parents=True)
    path = _write_session(folder / "s.variorum", ["../../etc/passwd", "../../private/secret.txt"])
    session = load_session(path)
    assert [d.source for d in session.documents] == [
        "../../etc/passwd",
        "../../private/secret.txt",
    ]
    assert [source_status(d) for d in session.documents] == [SourceStatus.REFUSED] * 2
    notes = changed_source_notes(session)
    assert len(notes) == 2 and all("'..'" in n for n in notes)


def test_relative_sources_resolve_only_against_the_session_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, cwd = tmp_path / "here", tmp_path / "cwd"
    here.mkdir()
    cwd.mkdir()
    (here / "a.txt").write_text(OTHER, encoding="utf-8")
    (cwd / "a.txt").write_text("The working directory's file must not be read.", "utf-8")
    monkeypatch.chdir(cwd)
    session = load_session(_write_session(here / "s.variorum", ["a.txt", "a.txt"]))
    assert {d.source for d in session.documents} == {str(here / "a.txt")}
    (change, _) = changed_sources(session)
    assert change.path == here / "a.txt"
    reloaded, problems = reload_sources(session, [change])
    assert problems == []
    assert reloaded.documents[0].text == OTHER
    assert reloaded.documents[1] == session.documents[1]  # only what was chosen is read


def test_link_inside_its_folder_is_offered_with_the_file_it_reads(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    session = load_session(_write_session(tmp_path / "s.variorum", [str(tmp_path / "link.txt")]))
    assert changed_sources(session) == (ChangedSource("v0", tmp_path / "real.txt"),)


def test_a_forged_reload_choice_never_reads_a_refused_file(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").symlink_to(secret)
    session = load_session(
        _write_session(articles / "s.variorum", ["/etc/passwd", str(articles / "a.txt")])
    )
    chosen = [ChangedSource("v0", Path("/etc/passwd")), ChangedSource("v1", secret)]
    reloaded, problems = reload_sources(session, chosen)
    assert reloaded == session
    assert len(problems) == 2
    assert "root:" not in "".join(d.text for d in reloaded.documents)


def test_reload_reads_only_the_path_the_user_was_shown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER + " More.", encoding="utf-8")
    session = load_session(_write_session(tmp_path / "s.variorum", [str(tmp_path / "a.txt")]))
    (change,) = changed_sources(session)
    os.unlink(tmp_path / "a.txt")
    (tmp_path / "a.txt").symlink_to("b.txt")  # swapped after the dialog was shown
    reloaded, problems = reload_sources(session, [change])
    assert reloaded == session
    assert "somewhere other than" in problems[0].reason


def test_unchanged_source_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(OTHER, encoding="utf-8")
    digest = hashlib.sha256((tmp_path / "a.txt").read_bytes()).hexdigest()
    doc = Document("a", str(tmp_path / "a.txt"), OTHER, sha256=digest)
    assert source_status(doc) is SourceStatus.UNCHANGED


def test_headless_compare_of_a_doctored_session_uses_the_stored_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "shadow.txt").symlink_to(_outside(tmp_path))
    path = _write_session(articles / "s.variorum", ["/etc/shadow", str(articles / "shadow.txt")])
    out = tmp_path / "out.json"
    assert main(["compare", str(path), "--json", str(out)]) == 0
    err = capsys.readouterr().err
    assert "/etc/shadow: is not an article file" in err
    assert "outside its folder" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = [v["text"] for v in data["versions"]]
    assert all(t.startswith(STORED) for t in texts)
    assert "root:" not in out.read_text(encoding="utf-8")
    save_session(tmp_path / "again.variorum", load_session(path))  # still saveable
