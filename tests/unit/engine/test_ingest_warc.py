"""Web archives: HTML captures grouped by URL, dated, in time order, extracted like .html."""

from __future__ import annotations

from pathlib import Path

import pytest

from variorum.engine.api import load_documents
from variorum.engine.ingest import IngestError, read_document
from variorum.engine.ingest_warc import (
    UrlChoiceNeeded,
    capture_labels,
    check_url_choice,
    index_warc,
    is_warc,
    normalise_date,
    warc_documents,
)
from warc_builder import OTHER, STORY, Page, article_html, three_and_two, write_warc


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return three_and_two(tmp_path / "news.warc.gz")


def test_pages_are_grouped_by_url_with_captures_in_time_order(archive: Path) -> None:
    pages = index_warc(archive)
    assert [p.url for p in pages] == [STORY, OTHER]  # the image, redirect and 404 are no pages
    assert [c.date for c in pages[0].captures] == [
        "2024-03-04T06:00:00Z",
        "2024-03-04T08:15:00Z",
        "2024-03-05T10:30:00Z",
    ]
    assert len(pages[1].captures) == 2
    assert (pages[0].first, pages[0].last) == ("2024-03-04T06:00:00Z", "2024-03-05T10:30:00Z")


def test_captures_become_dated_documents_labelled_by_capture_time(archive: Path) -> None:
    docs, problems = warc_documents(archive, STORY)
    assert problems == []
    assert [d.label for d in docs] == ["2024-03-04 06:00", "2024-03-04 08:15", "2024-03-05 10:30"]
    assert [d.date for d in docs] == [
        "2024-03-04T06:00:00Z",
        "2024-03-04T08:15:00Z",
        "2024-03-05T10:30:00Z",
    ]
    assert "12,000 homes" in docs[0].text and "40,000 homes" in docs[1].text
    assert "harbour district" in docs[2].text and "harbour district" not in docs[1].text
    assert all(d.source.startswith(f"{archive}#{STORY}@") for d in docs)
    assert len({d.sha256 for d in docs}) == 3


def test_a_capture_is_extracted_exactly_like_the_same_page_saved_as_html(
    archive: Path, tmp_path: Path
) -> None:
    html = article_html("Storm hits the coast", ["One sentence here.", "Another one there."])
    warc = write_warc(tmp_path / "one.warc", [Page(STORY, "2024-01-01T00:00:00Z", html)])
    saved = tmp_path / "page.html"
    saved.write_text(html, encoding="utf-8")
    (doc,), _ = warc_documents(warc)
    page = read_document(saved)
    assert (doc.title, doc.text, doc.boilerplate, doc.sha256) == (
        page.title,
        page.text,
        page.boilerplate,
        page.sha256,
    )
    assert doc.text == "One sentence here.\n\nAnother one there."


def test_several_pages_need_a_url(archive: Path) -> None:
    with pytest.raises(UrlChoiceNeeded) as caught:
        warc_documents(archive)
    assert [p.url for p in caught.value.pages] == [STORY, OTHER]
    with pytest.raises(IngestError, match=r"holds no HTML captures of https://x\.example"):
        warc_documents(archive, "https://x.example")


def test_check_url_choice_lists_the_pages_with_capture_counts(archive: Path) -> None:
    with pytest.raises(ValueError) as caught:
        check_url_choice([str(archive)], None)
    assert str(caught.value) == (  # one line, as every message
        f"{archive}: holds 2 pages; choose one with --url: "
        f"3 captures (2024-03-04 to 2024-03-05)  {STORY}; "
        f"2 captures (2024-03-02 to 2024-03-03)  {OTHER}"
    )
    with pytest.raises(ValueError, match="--url needs a web archive"):
        check_url_choice(["a.txt"], STORY)
    check_url_choice([str(archive)], STORY)  # a URL given: nothing to ask


def test_load_documents_expands_an_archive_among_other_files(archive: Path, tmp_path: Path) -> None:
    extra = tmp_path / "wire.txt"
    extra.write_text("A storm reached the coast. Power was cut.\n", encoding="utf-8")
    docs, problems = load_documents([archive, extra], OTHER)
    assert problems == []
    assert [d.label for d in docs] == ["2024-03-02 12:00", "2024-03-03 12:00", "wire"]
    assert docs[-1].date is None


def test_uncompressed_archives_and_repeated_minutes(tmp_path: Path) -> None:
    html = [article_html("T", [f"Version {i} of the story says {i} things."]) for i in range(3)]
    warc = write_warc(
        tmp_path / "plain.warc",
        [
            Page(STORY, "2024-01-01T10:00:30Z", html[1]),
            Page(STORY, "2024-01-01T10:00:05Z", html[0]),
            Page(STORY, "2024-01-01T10:00:30Z", html[2]),
        ],
        gzip=False,
    )
    docs, _ = warc_documents(warc)
    assert [d.label for d in docs] == [
        "2024-01-01 10:00:05",
        "2024-01-01 10:00:30",
        "2024-01-01 10:00:30 (2)",
    ]
    assert "Version 1" in docs[1].text  # same second: file order is kept


def test_a_capture_without_text_is_reported_not_raised(tmp_path: Path) -> None:
    warc = write_warc(
        tmp_path / "blank.warc.gz",
        [
            Page(STORY, "2024-01-01T00:00:00Z", article_html("T", ["Real text is here."])),
            Page(STORY, "2024-01-02T00:00:00Z", "<html><body>   </body></html>"),
        ],
    )
    docs, problems = warc_documents(warc)
    assert len(docs) == 1
    assert len(problems) == 1 and problems[0].path.endswith("@2024-01-02T00:00:00Z")


def test_bad_archives_are_one_clear_error(tmp_path: Path) -> None:
    not_warc = tmp_path / "fake.warc"
    not_warc.write_text("hello, I am not an archive\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"fake\.warc: is not a readable web archive"):
        index_warc(not_warc)
    with pytest.raises(IngestError, match="no such file"):
        index_warc(tmp_path / "missing.warc.gz")
    images_only = write_warc(
        tmp_path / "img.warc.gz",
        [Page(STORY, "2024-01-01T00:00:00Z", "GIF89a", content_type="image/gif")],
        noise=False,
    )
    with pytest.raises(IngestError, match="holds no HTML page captures"):
        index_warc(images_only)
    docs, problems = load_documents([not_warc])
    assert docs == [] and "not a readable web archive" in problems[0].reason


def test_dates_and_names() -> None:
    assert normalise_date("2024-03-04T06:00:00Z") == "2024-03-04T06:00:00Z"
    assert normalise_date("2024-03-04T08:00:00.123+02:00") == "2024-03-04T06:00:00Z"
    assert normalise_date("yesterday") == "yesterday"
    assert capture_labels(["2024-01-01T00:00:00Z"]) == ["2024-01-01 00:00"]
    assert is_warc("A.WARC.GZ") and is_warc("b.warc") and not is_warc("c.warc.txt")
