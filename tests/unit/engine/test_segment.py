"""Sentence and paragraph splitting: tables of tricky inputs, and offsets as a property."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.model import Granularity
from variorum.engine.segment import paragraphs, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("U.S. officials met Gen. Smith. He left.", ["U.S. officials met Gen. Smith.", "He left."]),
        ("Mr. Rutte spoke. Then Dr. Lee.", ["Mr. Rutte spoke.", "Then Dr. Lee."]),
        (
            "About 10,000 troops and 3.5 billion. Next.",
            ["About 10,000 troops and 3.5 billion.", "Next."],
        ),
        ("‘It is over.’ She left.", ["‘It is over.’", "She left."]),
        ("“It is over,” he said. She left.", ["“It is over,” he said.", "She left."]),
        ('"Done." Then more.', ['"Done."', "Then more."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        ("J. K. Rowling wrote it. Done.", ["J. K. Rowling wrote it.", "Done."]),
        ("ends with e.g. lower case. Next one.", ["ends with e.g. lower case.", "Next one."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("北京很大。上海也很大。", ["北京很大。", "上海也很大。"]),
        ("Emoji 🎉 here. Другой текст здесь.", ["Emoji 🎉 here.", "Другой текст здесь."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_quotation_broken_by_paragraph_break() -> None:
    text = (
        "‘This is not a hypothetical anymore.\n\n"
        "We are preparing for the worst-case scenario.’\nThe implications are staggering."
    )
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "‘This is not a hypothetical anymore.",
        "We are preparing for the worst-case scenario.’",
        "The implications are staggering.",
    ]
    assert [s.paragraph for s in got] == [0, 1, 2]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A.\n\nB.\n\nC.", 3),  # blank lines
        ("One line.\nAnother line.\nThird.", 3),  # one paragraph per line (seed 001)
        ("a soft wrapped\nline continues here.\n\nNew para.", 2),  # hard-wrapped text
        ("\n\n  \n", 0),
    ],
)
def test_paragraphs(text: str, count: int) -> None:
    assert len(paragraphs(text)) == count


def test_paragraph_granularity_gives_one_unit_per_paragraph() -> None:
    text = "One. Two.\n\nThree. Four."
    units = split_sentences(text, Granularity.PARAGRAPH)
    assert [u.text for u in units] == ["One. Two.", "Three. Four."]


@given(st.text(alphabet=st.sampled_from(list('ab. ,?!’‘"\nU.S')), max_size=300))
def test_offsets_slice_back_and_cover_all_words(text: str) -> None:
    sents = split_sentences(text)
    for i, s in enumerate(sents):
        assert s.id == i
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
    for a, b in itertools.pairwise(sents):
        assert a.end <= b.start
        assert a.paragraph <= b.paragraph
    # Nothing but white space is left out.
    covered = "".join(text[s.start : s.end] for s in sents)
    assert "".join(covered.split()) == "".join(text.split())


def test_a_shared_memo_gives_each_version_the_split_it_gets_alone() -> None:
    first = "Mr. Smith left. He said no.\n\nThe vote passed. Work starts in May."
    second = "A new opening line. Really.\n\nThe vote passed. Work starts in May."
    memo: dict = {}  # type: ignore[type-arg]
    for text in (first, second, first):
        assert split_sentences(text, memo=memo) == split_sentences(text)
    assert len(memo) == 3  # the shared paragraph was split once


@pytest.mark.parametrize("stop_after", [0, 1, 2, 3])
def test_memo_keeps_the_stop_after_rule(stop_after: int) -> None:
    text = "One. Two. Three. Four. Five.\n\nSix. Seven."
    memo: dict = {}  # type: ignore[type-arg]
    split_sentences(text, memo=memo)  # memo filled without a limit
    got = split_sentences(text, stop_after=stop_after, memo=memo)
    assert got == split_sentences(text, stop_after=stop_after)
    assert len(got) == stop_after + 1


_PIECES = [
    "Mr.",
    "Smith",
    "said",
    "U.S.",
    "e.g.",
    "J.",
    "no.",
    "3.5",
    "it.",
    "Yes!",
    "why?",
    "“Quote.”",
    "(aside.)",
    "...",
    "…",
    "end.",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "a",
    "B.",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.none() | st.integers(0, 12))
def test_whole_text_scan_splits_as_the_paragraph_scans_do(
    words: list[str], stop_after: int | None
) -> None:
    import variorum.engine.segment as segment

    text = " ".join(words)
    by_paragraph = split_sentences(text, stop_after=stop_after)
    old, segment.WHOLE_TEXT_CHARS = segment.WHOLE_TEXT_CHARS, 0
    try:
        whole = split_sentences(text, stop_after=stop_after)
    finally:
        segment.WHOLE_TEXT_CHARS = old
    assert whole == by_paragraph
