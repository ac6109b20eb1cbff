"""Tokens and spelling-tolerant keys."""

from __future__ import annotations

import pytest

from variorum.engine.text import TokenizedText, normalise, skeleton, tokenize


def test_tokens_keep_numbers_acronyms_and_inner_apostrophes() -> None:
    toks = [t.text for t in tokenize("U.S. sent 10,000 troops; NATO’s war-torn 3.5%")]
    assert toks == ["U.S.", "sent", "10,000", "troops", ";", "NATO’s", "war-torn", "3.5%"]


def test_token_offsets_and_norms() -> None:
    text = "Say ‘Hi’ — OK"
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
    assert [t.norm for t in tokenize(text)] == ["say", "'", "hi", "'", "-", "ok"]


def test_normalise_folds_quotes_dashes_case_and_space() -> None:
    assert normalise("“Fatal”  —\tfor   Moscow") == '"fatal" - for moscow'
    assert normalise("A, b!", ignore_punctuation=True) == "a b"
    assert normalise("ABC", ignore_case=False) == "ABC"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelensky", "Zelenskyy’s"), ("Kyiv’s", "kyiv"), ("Müller", "Muller"), ("troops", "troop")],
)
def test_skeleton_variants_meet(a: str, b: str) -> None:
    assert skeleton(a.lower()) == skeleton(b.lower())


def test_skeleton_keeps_different_words_apart() -> None:
    assert skeleton("russia") != skeleton("prussia")


def test_tokenized_text_span_matches_direct_tokenisation() -> None:
    text = "First one. Second, with 1,000 words! Third."
    tt = TokenizedText(text)
    start, end = text.index("Second"), text.index("!") + 1
    assert [t.text for t in tt.span(start, end)] == [t.text for t in tokenize(text[start:end])]
