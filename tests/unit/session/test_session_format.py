"""The session file format: exact round trip, layout, upgrades from older formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.annotations import Annotations, Note, Verdict, anchor_text
from variorum.engine.model import THRESHOLD_RANGE, Document, Granularity, Settings
from variorum.session import (
    CURRENT_VERSION,
    Session,
    SessionError,
    ViewState,
    decode_session,
    encode_session,
    load_session,
)

labels = st.lists(
    st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != ""),
    min_size=1,
    max_size=5,
    unique=True,
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    names = draw(labels)
    docs = tuple(
        Document(
            label=name,
            source=draw(st.sampled_from(["", "/tmp/a.txt", "C:\\news\\b.docx"])),
            text=draw(st.text(max_size=200)),
            title=draw(st.none() | st.text(max_size=30)),
            boilerplate=tuple(draw(st.lists(st.text(max_size=20), max_size=3))),
            sha256=draw(st.sampled_from(["", "0" * 64, "f" * 64])),
        )
        for name in names
    )
    settings = Settings(
        threshold=draw(st.floats(min_value=THRESHOLD_RANGE[0], max_value=THRESHOLD_RANGE[1])),
        granularity=draw(st.sampled_from(Granularity)),
        ignore_case=draw(st.booleans()),
        ignore_punctuation=draw(st.booleans()),
        ignore_quote_style=draw(st.booleans()),
        base=draw(st.none() | st.sampled_from(names)),
        match_paraphrases=draw(st.booleans()),
    )
    view = ViewState(
        column_order=tuple(draw(st.permutations(names))),
        column_widths=tuple((n, draw(st.integers(0, 2000))) for n in names),
        hidden=tuple(draw(st.lists(st.sampled_from(names), unique=True))),
        scroll_row=draw(st.integers(0, 10_000)),
    )
    annotations = Annotations()
    for _ in range(draw(st.integers(0, 6))):
        annotations = annotations.with_note(
            Note(
                version=draw(st.sampled_from(names)),
                anchor=anchor_text(draw(st.text(max_size=40))),
                verdict=draw(st.sampled_from(Verdict)),
                note=draw(st.text(max_size=60)),
                kind=draw(st.sampled_from(["claim", "row"])),
            )
        )
    return Session(docs, settings, view, annotations)


@given(sessions())
def test_encode_decode_is_exact(session: Session) -> None:
    assert decode_session(encode_session(session), "mem.variorum") == session


def test_layout_starts_with_format_and_version(session: Session) -> None:
    data = json.loads(encode_session(session))
    assert list(data)[:2] == ["format", "format_version"]
    assert data["format"] == "variorum-session"
    assert data["format_version"] == CURRENT_VERSION == 1
    assert data["versions"][0] == {
        "label": "wire",
        "source": "/nowhere/wire.txt",
        "sha256": "ab" * 32,
        "title": "Wire",
        "text": "Troops will deploy. Officials agreed.",
        "boilerplate": [],
    }
    assert data["annotations"] == [
        {
            "kind": "claim",
            "version": "copy",
            "anchor": "a whistleblower spoke.",
            "verdict": "disputed",
            "note": "No source named.",
        }
    ]


def test_unknown_top_level_keys_and_bom_are_tolerated(tmp_path: Path, session: Session) -> None:
    path = tmp_path / "s.variorum"
    path.write_bytes(b"\xef\xbb\xbf" + encode_session(session, {"written_by_plugin": [1, 2]}))
    assert load_session(path) == session


def test_minimal_hand_written_file_gets_defaults(tmp_path: Path) -> None:
    path = tmp_path / "minimal.variorum"
    path.write_text(
        json.dumps(
            {
                "format": "variorum-session",
                "format_version": 1,
                "versions": [{"label": "a", "text": "One."}, {"label": "b", "text": "Two."}],
            }
        ),
        encoding="utf-8",
    )
    loaded = load_session(path)
    assert loaded.labels == ("a", "b")
    assert (loaded.settings, loaded.view, loaded.annotations) == (
        Settings(),
        ViewState(),
        Annotations(),
    )
    assert loaded.documents[0] == Document("a", "", "One.")


VERSION_0 = """{
  "format": "variorum-session",
  "format_version": 0,
  "threshold": 0.42,
  "base": "bild",
  "documents": [
    {"label": "reuters", "path": "/news/reuters.txt", "hash": "%s",
     "title": "NATO weighs deployment", "text": "NATO is weighing a deployment.",
     "furniture": []},
    {"label": "bild", "path": "/news/bild.txt", "hash": "",
     "text":
       "NATO is weighing a deployment. A whistleblower leaked \\u2018Top Secret\\u2019 files.",
     "furniture": ["Read more"]}
  ],
  "verdicts": {"bild": {"A whistleblower leaked \\u2018Top Secret\\u2019 files.": "false"}},
  "notes": {"bild": {"A whistleblower leaked \\u2018Top Secret\\u2019 files.": "No such leak."}}
}
""" % ("c" * 64)


def test_version_0_file_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.variorum"
    path.write_text(VERSION_0, encoding="utf-8")
    before = path.read_bytes()
    loaded = load_session(path)
    assert path.read_bytes() == before  # upgrading happens in memory only
    assert loaded.labels == ("reuters", "bild")
    reuters, bild = loaded.documents
    assert (reuters.source, reuters.sha256, reuters.title) == (
        "/news/reuters.txt",
        "c" * 64,
        "NATO weighs deployment",
    )
    assert (bild.title, bild.boilerplate) == (None, ("Read more",))
    assert loaded.settings == Settings(threshold=0.42, base="bild")
    assert loaded.annotations.notes == (
        Note(
            "bild",
            anchor_text("A whistleblower leaked ‘Top Secret’ files."),
            Verdict.FALSE,
            "No such leak.",
        ),
    )


def test_upgraded_file_saves_as_current_format(tmp_path: Path) -> None:
    path = tmp_path / "old.variorum"
    path.write_text(VERSION_0, encoding="utf-8")
    data = json.loads(encode_session(load_session(path)))
    assert data["format_version"] == CURRENT_VERSION
    assert "documents" not in data


def test_damaged_version_0_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.variorum"
    path.write_text(
        '{"format": "variorum-session", "format_version": 0, "documents": {"a": 1}}',
        encoding="utf-8",
    )
    with pytest.raises(SessionError, match=r'format 0 file is damaged: .*"documents" list'):
        load_session(path)
