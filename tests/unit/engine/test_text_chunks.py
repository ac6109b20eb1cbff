"""TokenizedText's chunk-wise scan against the plain TOKEN_RE scan it replaces.

The text is cut at spaces, each distinct chunk is tokenised once, and the tokens are placed
at every occurrence; these tests hold it to ``TOKEN_RE.finditer`` over the whole text, for
the text itself and for its folded form.
"""

from __future__ import annotations

import re
import sys

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from variorum.engine.text import (
    TOKEN_RE,
    TokenizedText,
    code_points,
    fold,
    space_mask,
    tokenize,
)

# Characters that make tokenising or folding differ: spaces of every kind, joiners and the
# dashes and quotes that fold to joiners, acronyms and numbers, case mappings that change a
# class (Kelvin sign) or a length (İ) or look at their neighbours (final sigma), combining
# marks, letters and digits above the BMP, and a lone surrogate.
_ODD = (
    " \n\t\r\x0b\x0c\x1c\x1f\x85\u00a0\u1680\u2000\u2009\u2028\u202f\u205f\u3000"
    "'’‘‚‛′\"“”«»-‑‐‒–—―_.,:;%!?…()"
    "\u212aKkİiΣσςΑß\u0301éÉǅΩ\u200b\u00ad"
    "\U0001d400\U0001d7ce\U0001f600\ud800"
)
_PIECES = ["U.S.", "u.k.", "A.B.C", "10,000", "3.5%", "9:30", "x", "Ab", "NATO’s", "war—torn"]

_chars = st.sampled_from(_ODD) | st.sampled_from("aBz09") | st.characters(codec="utf-8")
texts = st.lists(_chars | st.sampled_from(_PIECES), max_size=60).map("".join)


def _reference(text: str) -> list[tuple[int, int, str, bool]]:
    return [
        (m.start(), m.end(), m.group(), m.group()[0].isalnum() or m.group()[0] == "_")
        for m in TOKEN_RE.finditer(text)
    ]


def _check(text: str, ignore_case: bool = True, ignore_quotes: bool = True) -> None:
    options = {"ignore_case": ignore_case, "ignore_quotes": ignore_quotes}
    tt = TokenizedText(text, **options)
    want = tokenize(text, **options)
    assert tt.tokens == want
    assert tt.span(0, len(text)) == want
    assert list(tt.word_norms()) == [t.norm for t in want if t.is_word]
    assert tt.word_count() == sum(t.is_word for t in want)
    assert tt.span_parts(0, len(text)) == (
        [t.norm for t in want],
        [t.start for t in want],
        [t.end for t in want],
        [t.is_word for t in want],
    )
    no_punct = TokenizedText(text, ignore_punctuation=True, **options)
    assert no_punct.tokens == tokenize(text, ignore_punctuation=True, **options)
    handed = TokenizedText(text, space=space_mask(code_points(text)), **options)  # as segment does
    assert handed.tokens == want
    folded = fold(text, ignore_case, ignore_quotes)
    fs = tt._folded_scan
    if len(folded) != len(text):
        assert fs is None
        return
    assert fs is not None
    got = list(
        zip(
            fs.starts.tolist(),
            fs.ends.tolist(),
            [fs.vocab[i] for i in fs.ids.tolist()],
            fs.words.tolist(),
            strict=True,
        )
    )
    assert got == _reference(folded)
    assert tt.folded_words(0, len(text)) == [w for w in TOKEN_RE.findall(folded) if w[0].isalnum()]


@settings(max_examples=400, deadline=None)
@given(texts, st.booleans(), st.booleans())
@example("", True, True)
@example("   ", True, True)
@example("ΑΣ ΑΣΑ Σ", True, True)
@example("İstanbul K.K. a—b", True, True)
@example("a—b c a—b  d—e—f x a—b\n“q”—r c", True, True)  # chunks that fold to other tokens
def test_chunk_scan_is_the_whole_text_scan(text: str, case: bool, quotes: bool) -> None:
    _check(text, case, quotes)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("U.S. sent 10,000", ["U.S.", "sent", "10,000"]),
        ("U.S.A\u3000x", ["U", ".", "S", ".", "A", "x"]),  # the look-ahead sees a letter
        ("U.S.\u2009x", ["U.S.", "x"]),  # ... and here a space, as at the end of a chunk
        ("3.5%,9:30.", ["3.5%", ",", "9:30", "."]),
        ("a‑b a—b a‘b", ["a‑b", "a", "—", "b", "a", "‘", "b"]),
        ("\u212a.\u212a. x", ["\u212a", ".", "\u212a", ".", "x"]),
        ("x\x1cy\x85z\u00a0w", ["x", "y", "z", "w"]),
        ("\U0001d400\U0001d7ce \U0001f600!", ["\U0001d400\U0001d7ce", "\U0001f600", "!"]),
        ("a\ud800b", ["a", "\ud800", "b"]),
    ],
)
def test_chunk_scan_table(text: str, tokens: list[str]) -> None:
    assert [t.text for t in TokenizedText(text).tokens] == tokens
    _check(text)


def test_repeated_chunks_are_placed_at_every_occurrence() -> None:
    text = "  ".join(f"w{k % 7}—v, U.S. {k}" for k in range(300)) + " \n"
    _check(text)
    _check(text.upper())


def test_space_mask_is_str_isspace_for_every_code_point() -> None:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    mask = space_mask(code_points(everything))
    spaces = np.flatnonzero(mask).tolist()
    assert spaces == [c for c in range(0x10000) if chr(c).isspace()]  # none above the BMP
    assert space_mask(code_points(" a\tb ")).tolist() == [True, False, True, False, True]


def test_folding_keeps_spaces_and_a_final_sigma_sees_no_further() -> None:
    """What folding chunk by chunk relies on: a space folds to a space, nothing else folds
    to one, and no space is cased or case-ignorable (final sigma's context ends at it)."""
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    spaces = [c for c in everything if c.isspace()]
    others = re.sub(r"\s", "", everything)
    assert all(fold(c).isspace() for c in spaces)
    assert fold(others).split() == [fold(others)]
    for w in spaces:
        assert fold("ΑΣ" + w + "Α") == "ας" + fold(w) + "α"
        assert fold("Α" + w + "Σ") == "α" + fold(w) + "σ"


@pytest.mark.parametrize(
    ("text", "dtype"),
    [
        ("abc", np.uint8),
        ("aé’b", np.uint16),
        ("a\ud800b\udc00", np.uint16),  # lone surrogates stay one code point each
        ("\ud800\udc00", np.uint16),
        ("a\U0001f600b", np.uint32),
        ("", np.uint8),
    ],
)
def test_code_points_are_one_element_per_character(text: str, dtype: type) -> None:
    points = code_points(text)
    assert points.dtype == dtype
    assert points.tolist() == [ord(c) for c in text]


@settings(max_examples=100, deadline=None)
@given(texts, st.integers(1, 4))
def test_chunks_numbered_piece_by_piece_are_numbered_as_one(text: str, at_once: int) -> None:
    import variorum.engine.text as text_module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "_CHUNKS_AT_ONCE", at_once)
        _check(text)
        _check(" \n".join([text] * 3))
