"""Putting a set-aside line back into the article: where it goes and what stays."""

from __future__ import annotations

from variorum.engine.ingest import document_from_text
from variorum.engine.model import Document
from variorum.gui.inputs import Inputs, treat_as_text

PAGE = (
    "Council approves barrier\n\nBy Tom Reyes, Regional Wire · 12 March 2026\n\n"
    "The city council voted 9 to 3 on Tuesday.\n\nAdvertisement\n\n"
    "The barrier will cost €4.2 million."
)


def _doc() -> Document:
    return document_from_text(PAGE, "wire", "wire.txt", sha256="ab" * 32)


def test_ingest_set_the_byline_and_the_advert_aside() -> None:
    doc = _doc()
    assert doc.boilerplate == ("By Tom Reyes, Regional Wire · 12 March 2026", "Advertisement")
    assert "Advertisement" not in doc.text and "Tom Reyes" not in doc.text


def test_furniture_goes_last_and_a_byline_first_each_its_own_paragraph() -> None:
    doc = _doc()
    advert = treat_as_text(doc, 1)
    assert advert.text.endswith("\n\nAdvertisement")
    assert advert.boilerplate == (doc.boilerplate[0],)
    byline = treat_as_text(doc, 0)
    assert byline.text.startswith("By Tom Reyes, Regional Wire · 12 March 2026\n\n")
    assert byline.boilerplate == ("Advertisement",)
    assert byline.sha256 == doc.sha256 and byline.title == doc.title and byline.label == "wire"


def test_a_line_out_of_range_changes_nothing() -> None:
    doc = _doc()
    assert treat_as_text(doc, 5) == doc and treat_as_text(doc, -1) == doc


def test_only_the_named_version_changes() -> None:
    other = document_from_text("Another\n\nAdvertisement\n\nSome text here.", "other")
    inputs = Inputs(documents=(_doc(), other))
    after = inputs.treating_as_text("wire", 1)
    assert after.documents[1] == other
    assert "Advertisement" in after.documents[0].text
    assert after.labels == inputs.labels and after.settings == inputs.settings
