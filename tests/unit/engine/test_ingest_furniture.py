"""Title and site-furniture detection in plain article text (engine/ingest_furniture)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.ingest import document_from_text, split_furniture
from variorum.engine.ingest_furniture import _DECORATION, _key

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "headlines"),
    [
        (
            "003",
            [
                "River Plate’s 2023 Start Under Micho Demichelis: A New Era",
                "Kazakhstan Banks and Ruble Transfers: KYC, Policy, and Trends",
            ],
        ),
        (
            "004",
            [
                "Stas Sadalsky weighs in on foreign agent debate around Alla Pugacheva",
                "Incident in Ussuriysk Involving a Disabled Veteran and a Driver",
            ],
        ),
    ],
)
def test_seed_furniture_and_unrelated_headlines_are_set_aside(
    prefix: str, headlines: list[str]
) -> None:
    title, body, boilerplate = split_furniture(_seed(prefix))
    for line in ("No time to read?", "Get a summary", "Previous Article", "Next Article"):
        assert line in boilerplate
        assert line not in body
    for headline in headlines:
        assert headline in boilerplate
        assert headline not in body
    assert title is not None and title.startswith("NATO and")
    assert title not in body


@pytest.mark.parametrize(
    ("prefix", "has_title"), [("000", True), ("001", False), ("002", False), ("003", True)]
)
def test_seed_titles(prefix: str, has_title: bool) -> None:
    text = _seed(prefix)
    title, body, _ = split_furniture(text)
    first_line = text.splitlines()[0].strip()
    if has_title:
        assert title == first_line
        assert not body.startswith(first_line)
    else:
        assert title is None
        assert body.startswith(first_line)


def test_seed_text_keeps_original_characters_and_line_structure() -> None:
    text = _seed("001")
    _, body, boilerplate = split_furniture(text)
    assert body == text.strip()  # one paragraph per line, nothing to remove
    assert boilerplate == ()
    assert "’" in body and "‘" in body


FURNITURE_LINES = [
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Share this article",
    "Share on Facebook",
    "Tweet",
    "Sign up for our newsletter",
    "Sign up to our daily briefing newsletter to get the latest news in your inbox.",
    "Subscribe",
    "Read more",
    "Read more: NATO chief warns Moscow",
    "Continue reading",
    "No time to read? Get a summary",
    "Listen to this article",
    "5 min read",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Accept all cookies",
    "Cookie settings",
    "Skip to main content",
    "Follow us on Twitter",
    "© 2025 The Daily Example. All rights reserved.",
    "Photo: Reuters",
    "» Next Article «",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_common_furniture_lines_are_removed(line: str) -> None:
    text = (
        "Rutte said several countries were ready to send troops.\n\n"
        f"{line}\n\n"
        "The statement comes amid ongoing diplomatic efforts.\n"
    )
    title, body, boilerplate = split_furniture(text)
    assert boilerplate == (line,)
    assert body == (
        "Rutte said several countries were ready to send troops.\n\n"
        "The statement comes amid ongoing diplomatic efforts."
    )
    assert title is None


ARTICLE_LINES = [
    "Read more about the plan in the alliance’s report.",
    "Share prices fell sharply in Frankfurt on Monday.",
    "Advertisement revenue at the broadcaster fell by 10% last year.",
    "Subscribers to the ministry’s bulletin were told on Friday.",
    "Next, the minister turned to the question of air defence.",
    "More troops are expected to arrive in the spring.",
    "Copyright lawyers for the publisher declined to comment.",
    "(c) the member states shall agree on a rotation.",
    "Related discussions continued in Brussels late into the night.",
]


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_sentences_that_resemble_furniture_are_kept(line: str) -> None:
    text = f"Rutte spoke in Berlin on Monday.\n{line}\nThe talks go on.\n"
    _, body, boilerplate = split_furniture(text)
    assert boilerplate == ()
    assert line in body


def test_headlines_listed_after_a_marker_go_but_the_article_resumes() -> None:
    text = (
        "First paragraph of the article, long enough to be a sentence.\n\n"
        "Related stories\n"
        "Kazakhstan Banks and Ruble Transfers\n"
        "Is NATO ready for a long war?\n\n"
        "The article goes on here with a full sentence that ends properly.\n"
    )
    _, body, boilerplate = split_furniture(text)
    assert boilerplate == (
        "Related stories",
        "Kazakhstan Banks and Ruble Transfers",
        "Is NATO ready for a long war?",
    )
    assert body == (
        "First paragraph of the article, long enough to be a sentence.\n\n"
        "The article goes on here with a full sentence that ends properly."
    )


def test_paragraph_marks_are_kept_blank_runs_collapsed_and_ends_stripped() -> None:
    text = "\n\n  Alpha line one.\nAlpha line two.   \n\n\n\n\nBeta paragraph.\n \t\nGamma.\n\n"
    title, body, _ = split_furniture(text)
    assert title is None
    assert body == "Alpha line one.\nAlpha line two.\n\nBeta paragraph.\n\nGamma."


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Troops for Ukraine", "Troops for Ukraine"),
        ("# Troops for Ukraine", "Troops for Ukraine"),
        ("“Fatal” for Moscow, says Rutte", "“Fatal” for Moscow, says Rutte"),
        ("Rutte said troops were ready.", None),
        ("Rutte asked whether troops were ready?", None),
        ("He said: ‘We are ready.’", None),
        ("Rutte", "Rutte"),
        (" ".join(["word"] * 30), None),
    ],
)
def test_title_is_a_short_first_line_without_closing_punctuation(
    first: str, title: str | None
) -> None:
    found, body, _ = split_furniture(f"{first}\n\nThe article text follows here.")
    assert found == title
    assert body.startswith("The article text") == (title is not None)


def test_a_lone_line_is_text_not_a_title() -> None:
    assert split_furniture("Troops for Ukraine\n") == (None, "Troops for Ukraine", ())


def test_furniture_before_the_title_does_not_hide_it() -> None:
    title, body, boilerplate = split_furniture(
        "Skip to content\nAdvertisement\n\nTroops for Ukraine\n\nThe text.\n"
    )
    assert title == "Troops for Ukraine"
    assert body == "The text."
    assert boilerplate == ("Skip to content", "Advertisement")


def test_huge_single_sentence_is_body_text() -> None:
    sentence = " ".join(f"w{i % 97}" for i in range(400_000)) + "."
    title, body, boilerplate = split_furniture(sentence)
    assert (title, body, boilerplate) == (None, sentence, ())


def test_document_from_text_normalises_newlines_and_drops_a_bom() -> None:
    doc = document_from_text("\ufeffTitle here\r\n\r\nOne.\rTwo.\r\n", "pasted")
    assert doc.title == "Title here"
    assert doc.text == "One.\nTwo."
    assert (doc.label, doc.source, doc.sha256) == ("pasted", "", "")


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "»  Read   more ",
        "\u2003Share\u2003",
        "a\t\tb\u00a0 c",
        "» \u2003x",
        "",
        "»",
    ],
)
def test_key_is_the_regex_key(line: str) -> None:
    import re

    from variorum.engine.ingest_furniture import _DECORATION, _key

    assert _key(line) == re.sub(r"\s+", " ", line.strip(_DECORATION)).casefold()


@pytest.mark.parametrize(
    ("lines", "body"),
    [(["a", "", "", "", "b"], "a\n\nb"), (["a", "", "b"], "a\n\nb"), (["", "a", ""], "a")],
)
def test_join_body(lines: list[str], body: str) -> None:
    from variorum.engine.ingest_furniture import join_body

    assert join_body(lines) == body


def _key_by_words(line: str) -> str:
    """What ``_key`` computes, the long way: every space collapsed by a substitution."""
    return re.sub(r"\s+", " ", line.strip(_DECORATION)).casefold()


@given(
    st.lists(
        st.sampled_from([" ", "  ", "\t", "\u00a0", "\u2009", "\u200b", "\xad", "»", "•", "|", "-"])
        | st.sampled_from(["Ad", "SIGN", "up", "ß", "İ", "Σ", "x"])
        | st.characters(codec="utf-8"),
        max_size=30,
    ).map("".join)
)
def test_key_is_the_undecorated_line_single_spaced_and_folded(line: str) -> None:
    assert _key(line) == _key_by_words(line)
