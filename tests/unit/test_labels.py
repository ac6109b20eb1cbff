"""Readable default labels: the file name's own part and the title's first words."""

from __future__ import annotations

from pathlib import Path

from variorum.engine.model import Document
from variorum.labels import readable_label, short_name, with_readable_labels


def test_the_sample_gets_the_issue_s_example_label() -> None:
    title = (
        "NATO Considers Troop Deployment to Ukraine, Raising Questions About Public Safety "
        "and Escalation Risks"
    )
    assert readable_label("000_3710240cc75f20e1", title) == "000 \u00b7 NATO Considers Troop\u2026"


def test_without_a_title_the_short_file_name_alone() -> None:
    assert readable_label("001_99f8dbec8201124b", None) == "001"
    assert readable_label("draft-final", "  ") == "draft-final"
    assert short_name("report-2024-5f3a9c1e77") == "report-2024"
    assert short_name("a" * 40) == "a" * 24 + "\u2026"


def test_titles_end_on_a_word_that_carries_meaning() -> None:
    label = readable_label("003_aad08870af13dedc", "NATO and Ukraine: The Debate Over Military")
    assert label == "003 \u00b7 NATO and Ukraine\u2026"
    assert readable_label("x", "Short title") == "x \u00b7 Short title"


def doc(path: str, title: str | None = None, label: str | None = None) -> Document:
    return Document(label or Path(path).stem, path, "Text.", title)


def test_documents_from_files_are_relabelled_distinctly_and_keep_their_source() -> None:
    docs = [
        doc("/a/000_3710240cc75f20e1.txt", "Same Title Here"),
        doc("/b/000_99f8dbec8201124b.txt", "Same Title Here"),
        doc("/c/001_9adf479cbf945fe6.txt"),
    ]
    out = with_readable_labels(docs)
    assert [d.label for d in out] == [
        "000 \u00b7 Same Title Here",
        "000 \u00b7 Same Title Here (2)",
        "001",
    ]
    assert [d.source for d in out] == [d.source for d in docs]  # the checker matches by path


def test_a_label_the_user_or_a_session_chose_is_kept() -> None:
    chosen = doc("/a/000_3710240cc75f20e1.txt", "A Title", label="Reuters")
    pasted = Document("Pasted 1", "", "Text.")
    assert with_readable_labels([chosen, pasted]) == [chosen, pasted]
