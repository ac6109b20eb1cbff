"""The whole-text split (array operations, for book-length texts) against the paragraph
scans it stands in for: the same sentences, paragraphs and breaks, for texts full of odd
spaces, closers, abbreviations and characters outside ASCII and the BMP."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import variorum.engine.segment as segment
from variorum.engine.model import Sentence
from variorum.engine.segment import paragraphs, split_sentences
from variorum.engine.text import code_points, space_mask

_PIECES = [
    "Mr.",
    "mr.",
    "approx.",
    "approxi.",
    "Xapprox.",
    "U.S.A.",
    "u.s.",
    "e.g.",
    "J.",
    "é.",
    "İ.",
    "Σ.",
    "\U0001d400.",
    "\U0001d7ce.",
    "x_y.",
    "3.5.",
    "word.",
    "longerword.",
    "abcdefghijklm.",
    "it.",
    "Yes!",
    "why?!",
    "...",
    "…",
    "“Quote.”",
    "(aside.)",
    "’.’",
    "Ab",
    "ab",
    "Éa",
    "éa",
    "ǅa",
    "\U0001d41a",  # a lower-case letter above the BMP
    "\n",
    "\n\n",
    "\n \t\n",
    " \n",
    "\t\n",
    ".\n",
    ":\n",
    "”\n",
    "\r\n",
    "\x0c",
    "\x85",
    "\u2028",
    "\u3000",
    "\u00a0",
    "  ",
    "\t",
    "\ud800",
    " " * 12,  # runs longer than the array steps walk
    " \t" * 6,
    "\n" + " " * 12 + "\n",
    "”" * 10,
]
_SEPARATORS = st.sampled_from(["", " ", "\n", "  ", "\t", "\u2009"])


def _whole(
    text: str, stop_after: int | None = None, space: np.ndarray | None = None
) -> list[Sentence]:
    old, segment.WHOLE_TEXT_CHARS = segment.WHOLE_TEXT_CHARS, 0
    try:
        return list(split_sentences(text, stop_after=stop_after, space=space))
    finally:
        segment.WHOLE_TEXT_CHARS = old


texts = st.tuples(st.lists(st.sampled_from(_PIECES), max_size=50), _SEPARATORS).map(
    lambda t: t[1].join(t[0])
)


@settings(max_examples=500, deadline=None)
@given(texts, st.none() | st.integers(0, 12))
@example("", None)
@example(" \n\n ", None)
@example("\n\nA. B.\n\n", None)
@example("a.\n\n\n", 0)
def test_whole_text_split_is_the_paragraph_split(text: str, stop_after: int | None) -> None:
    want = split_sentences(text, stop_after=stop_after)
    assert _whole(text, stop_after) == want
    space = space_mask(code_points(text))  # as the segment stage hands it over
    assert _whole(text, stop_after, space) == want


@settings(max_examples=300, deadline=None)
@given(texts)
def test_paragraph_bounds_are_paragraphs(text: str) -> None:
    points = code_points(text)
    space = space_mask(points)
    starts, ends = segment._paragraph_bounds(text, points, space)
    want = paragraphs(text)
    assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [
        (p.start, p.end) for p in want
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Mr. Smith left. He said no.", ["Mr. Smith left.", "He said no."]),
        ("It was approx. Ten. Or approxi. Ten.", ["It was approx. Ten.", "Or approxi.", "Ten."]),
        ("Ask J. Doe. É. Doe too.", ["Ask J. Doe.", "É. Doe too."]),
        ("Really?!  ‘Yes.’\tNo… Fine", ["Really?!", "‘Yes.’", "No…", "Fine"]),
        (
            "Stop. \U0001d41a lower. \U0001d400 upper.",
            ["Stop. \U0001d41a lower.", "\U0001d400 upper."],
        ),
        (
            "Line one.  \nLine two\nwraps here.\n\n\n  Next.",
            ["Line one.", "Line two\nwraps here.", "Next."],
        ),
        ("Aa.\x0cBb.\u3000Cc. d.", ["Aa.", "Bb.", "Cc. d."]),
    ],
)
def test_whole_text_split_table(text: str, sentences: list[str]) -> None:
    assert [s.text for s in _whole(text)] == sentences
    assert _whole(text) == split_sentences(text)


def test_long_runs_of_closers_and_spaces_are_walked_to_their_end() -> None:
    for odd in (" \t" * 20 + "\nOne.\nTwo", "Aa.\x0c" + " " * 12 + "\nBb."):
        assert _whole(odd) == split_sentences(odd)
    assert [s.text for s in _whole("Say it." + "”" * 20 + " Now")] == ["Say it." + "”" * 20, "Now"]
    text = "One." + "’" * 40 + " " * 30 + "\t\n" + "Two." + "\n" + " \t" * 20 + "\nThree"
    assert _whole(text) == split_sentences(text)
    assert [s.text for s in _whole(text)] == ["One." + "’" * 40, "Two.", "Three"]
