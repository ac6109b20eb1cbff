"""comparison -> session file -> comparison: same rows, claims and verdicts; sources on disk."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from variorum.annotations import Annotations, Verdict, claim_note
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison, Document, Settings
from variorum.resources import sample_paths
from variorum.session import (
    ChangedSource,
    Session,
    SourceStatus,
    ViewState,
    changed_on_disk,
    changed_sources,
    load_session,
    reload_sources,
    save_session,
    session_from_comparison,
    source_status,
)

SENTENCES = [
    "NATO is weighing a deployment of troops to Ukraine.",
    "The alliance met in Brussels on Tuesday.",
    "Officials declined to comment on the timeline.",
    "A whistleblower leaked documents marked Top Secret.",
    "Around 10,000 soldiers could be sent by spring.",
    "The plan is codenamed Operation Sentinel.",
    "Russia warned of serious consequences.",
    "The Wall Street Journal first reported the talks.",
    "Ministers will meet again next month in Warsaw.",
    "Critics say the move risks escalation.",
]


@st.composite
def comparisons_with_verdicts(draw: st.DrawFn) -> tuple[Comparison, Annotations]:
    count = draw(st.integers(2, 4))
    docs = []
    for i in range(count):
        picked = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6, unique=True))
        paragraphs = draw(st.integers(1, 2))
        text = "\n\n".join(" ".join(picked[p::paragraphs]) for p in range(paragraphs))
        date = draw(st.none() | st.sampled_from(["2024-03-04T06:00:00Z", "2024-03-05T10:30:00Z"]))
        docs.append(Document(f"v{i}", "", text.strip(), date=date))
    threshold = draw(st.sampled_from([0.3, 0.5, 0.7]))
    base = draw(st.none() | st.sampled_from([d.label for d in docs]))
    comparison = compare_documents(docs, Settings(threshold=threshold, base=base))
    annotations = Annotations()
    if comparison.claims:
        for claim in draw(st.lists(st.sampled_from(comparison.claims), max_size=4)):
            verdict = draw(st.sampled_from([v for v in Verdict if v is not Verdict.UNREVIEWED]))
            annotations = annotations.with_note(claim_note(claim, verdict, draw(st.text())))
    return comparison, annotations


def _reopen(session: Session, folder: Path) -> tuple[Session, Comparison]:
    path = folder / "work.variorum"
    save_session(path, session)
    loaded = load_session(path)
    return loaded, compare_documents(loaded.documents, loaded.settings)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(comparisons_with_verdicts())
def test_comparison_session_comparison_round_trip(case: tuple[Comparison, Annotations]) -> None:
    before, annotations = case
    session = session_from_comparison(before, ViewState(scroll_row=1), annotations)
    with tempfile.TemporaryDirectory() as folder:
        loaded, after = _reopen(session, Path(folder))
    assert after.rows == before.rows
    assert after.claims == before.claims
    assert after.versions == before.versions
    assert after.settings == before.settings
    assert loaded.annotations == annotations
    for claim in after.claims:
        assert loaded.annotations.for_claim(claim) == annotations.for_claim(claim)


def test_sample_articles_round_trip_with_verdicts(tmp_path: Path) -> None:
    docs, problems = load_documents(sample_paths())
    assert problems == []
    before = compare_documents(docs)
    disputed = before.claims[0]
    annotations = Annotations().with_note(
        claim_note(disputed, Verdict.DISPUTED, "Only this outlet has it.")
    )
    loaded, after = _reopen(session_from_comparison(before, annotations=annotations), tmp_path)
    assert (after.rows, after.claims) == (before.rows, before.claims)
    note = loaded.annotations.for_claim(after.claims[0])
    assert note is not None
    assert (note.verdict, note.note) == (Verdict.DISPUTED, "Only this outlet has it.")
    assert changed_on_disk(loaded) == ()


def test_verdict_survives_reanalysis_that_renumbers_rows(tmp_path: Path) -> None:
    docs, _ = load_documents(sample_paths())
    before = compare_documents(docs)
    dropped = before.labels[0]
    claim = next(c for c in before.claims if c.unmatched and c.version != dropped)
    annotations = Annotations().with_note(claim_note(claim, Verdict.FALSE, "invented"))
    # Dropping the first version renumbers the rows; the note must follow the sentence.
    after = compare_documents([d for d in docs if d.label != dropped])
    same = [c for c in after.claims if (c.version, c.text) == (claim.version, claim.text)]
    assert same, "the claimed sentence is still unique to its version"
    assert after.rows != before.rows
    note = annotations.for_claim(same[0])
    assert note is not None
    assert note.verdict is Verdict.FALSE
    assert annotations.orphans(after) == ()


# ---- source files on disk ---------------------------------------------------------------


def _articles(folder: Path) -> list[Path]:
    paths = []
    for src in sample_paths()[:2]:
        dst = folder / src.name
        dst.write_bytes(src.read_bytes())
        paths.append(dst)
    return paths


def test_session_opens_when_source_files_are_gone(tmp_path: Path) -> None:
    paths = _articles(tmp_path)
    docs, _ = load_documents(paths)
    before = compare_documents(docs)
    save_session(tmp_path / "work.variorum", session_from_comparison(before))
    for p in paths:
        p.unlink()
    loaded = load_session(tmp_path / "work.variorum")
    assert [source_status(d) for d in loaded.documents] == [SourceStatus.MISSING] * 2
    assert changed_on_disk(loaded) == ()
    after = compare_documents(loaded.documents, loaded.settings)
    assert (after.rows, after.claims) == (before.rows, before.claims)


def test_source_changed_on_disk_is_reported(tmp_path: Path) -> None:
    first, second = _articles(tmp_path)
    docs, _ = load_documents([first, second])
    save_session(tmp_path / "work.variorum", session_from_comparison(compare_documents(docs)))
    with open(second, "a", encoding="utf-8") as fh:
        fh.write("\nA late correction was appended.\n")
    loaded = load_session(tmp_path / "work.variorum")
    assert changed_on_disk(loaded) == (docs[1].label,)
    assert [source_status(d) for d in loaded.documents] == [
        SourceStatus.UNCHANGED,
        SourceStatus.CHANGED,
    ]
    # The session still holds the text as it was analysed, not the edited file.
    assert loaded.documents[1].text == docs[1].text


def test_pasted_text_has_no_source_to_check() -> None:
    assert source_status(Document("pasted", "", "Some text.")) is SourceStatus.NO_SOURCE


def test_relative_sources_are_stored_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _articles(tmp_path)
    monkeypatch.chdir(tmp_path)
    docs, _ = load_documents([first.name, second.name])
    session = session_from_comparison(compare_documents(docs))
    assert [d.source for d in session.documents] == [str(first), str(second)]
    monkeypatch.chdir("/")
    assert changed_on_disk(session) == ()
    assert {source_status(d) for d in session.documents} == {SourceStatus.UNCHANGED}


def test_reload_changed_source_keeps_label_and_annotations(tmp_path: Path) -> None:
    first, second = _articles(tmp_path)
    docs, _ = load_documents([first, second])
    comparison = compare_documents(docs)
    annotations = Annotations().with_note(
        claim_note(comparison.claims[0], Verdict.VERIFIED, "checked")
    )
    session = session_from_comparison(comparison, annotations=annotations)
    session = replace(
        session,
        documents=(session.documents[0], replace(session.documents[1], label="renamed by user")),
    )
    with open(second, "a", encoding="utf-8") as fh:
        fh.write("\nA late correction was appended.\n")
    assert changed_on_disk(session) == ("renamed by user",)

    reloaded, problems = reload_sources(session, changed_sources(session))
    assert problems == []
    fresh = reloaded.documents[1]
    assert fresh.label == "renamed by user"
    assert fresh.source == str(second)
    assert "A late correction was appended." in fresh.text
    assert reloaded.documents[0] == session.documents[0]
    assert changed_on_disk(reloaded) == ()
    assert reloaded.annotations == annotations


def test_reload_of_vanished_source_keeps_stored_text(tmp_path: Path) -> None:
    first, second = _articles(tmp_path)
    docs, _ = load_documents([first, second])
    session = session_from_comparison(compare_documents(docs))
    second.unlink()
    reloaded, problems = reload_sources(session, [ChangedSource(docs[1].label, second)])
    assert reloaded == session
    assert [p.path for p in problems] == [str(second)]
    assert "no such file" in problems[0].reason


def test_dates_round_trip_and_a_wrong_date_is_named(tmp_path: Path) -> None:
    import json

    from variorum.session import SessionError

    docs = [
        Document("a", "", "The storm cut power to 12,000 homes.", date="2024-03-04T06:00:00Z"),
        Document("b", "", "The storm cut power to 40,000 homes."),
    ]
    path = tmp_path / "dated.variorum"
    save_session(path, Session(tuple(docs), Settings()))
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["versions"][0]["date"] == "2024-03-04T06:00:00Z"
    assert "date" not in raw["versions"][1]  # undated versions are written as before
    assert [d.date for d in load_session(path).documents] == ["2024-03-04T06:00:00Z", None]
    raw["versions"][0]["date"] = 20240304
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(SessionError, match=r"versions\[0\]\.date: expected a date string"):
        load_session(path)
