"""Annotations: anchored to text, so they follow renames and re-analysis, and orphans show."""

from __future__ import annotations

from variorum.annotations import Annotations, Note, Verdict, anchor_text, claim_note, row_note
from variorum.engine.api import compare_documents
from variorum.engine.model import Document, Settings

DOCS = [
    Document("wire", "", "Troops will deploy in spring. Officials met in Brussels on Tuesday."),
    Document(
        "copy",
        "",
        "Troops will deploy in spring. A whistleblower leaked Top Secret plans.",
    ),
]


def test_claim_note_found_after_reanalysis_with_other_settings() -> None:
    first = compare_documents(DOCS)
    claim = next(c for c in first.claims if "whistleblower" in c.text)
    notes = Annotations().with_note(claim_note(claim, Verdict.FALSE, "invented"))
    second = compare_documents(DOCS, Settings(threshold=0.8, base="copy"))
    again = next(c for c in second.claims if "whistleblower" in c.text)
    found = notes.for_claim(again)
    assert found is not None
    assert (found.verdict, found.note) == (Verdict.FALSE, "invented")


def test_anchor_ignores_quote_style_space_and_case() -> None:
    assert anchor_text("  ‘Top  Secret’\n plans ") == anchor_text("'top secret' PLANS")


def test_row_note_round_trip() -> None:
    comparison = compare_documents(DOCS)
    shared = next(i for i, r in enumerate(comparison.rows) if len(r.cells) == 2)
    notes = Annotations().with_note(row_note(comparison, shared, "both say it"))
    found = notes.for_row(comparison, shared)
    assert found is not None
    assert found.note == "both say it"
    other = next(i for i in range(len(comparison.rows)) if i != shared)
    assert notes.for_row(comparison, other) is None


def test_empty_note_removes_it() -> None:
    comparison = compare_documents(DOCS)
    claim = comparison.claims[0]
    notes = Annotations().with_note(claim_note(claim, Verdict.DISPUTED, "hm"))
    assert notes.with_note(claim_note(claim, Verdict.UNREVIEWED, "  ")).notes == ()


def test_renamed_follows_label_change() -> None:
    comparison = compare_documents(DOCS)
    claim = next(c for c in comparison.claims if c.version == "copy")
    notes = Annotations().with_note(claim_note(claim, Verdict.VERIFIED)).renamed("copy", "Bild")
    renamed = compare_documents([DOCS[0], Document("Bild", "", DOCS[1].text)])
    again = next(c for c in renamed.claims if c.text == claim.text)
    assert notes.for_claim(again) == Note("Bild", anchor_text(claim.text), Verdict.VERIFIED)


def test_orphans_are_notes_whose_text_is_gone() -> None:
    comparison = compare_documents(DOCS)
    claim = comparison.claims[0]
    kept = claim_note(claim, Verdict.VERIFIED)
    gone = Note("copy", anchor_text("A sentence no version has."), Verdict.FALSE)
    notes = Annotations().with_note(kept).with_note(gone)
    assert notes.orphans(comparison) == (gone,)
