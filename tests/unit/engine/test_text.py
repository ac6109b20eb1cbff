"""Tokens and spelling-tolerant keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.text import (
    TOKEN_RE,
    TokenizedText,
    is_content,
    normalise,
    skeleton,
    tokenize,
)


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


# Texts where folding changes how words split (an unspaced dash or curly quote folds to a
# joiner, the Kelvin sign to an ASCII letter), or lengthens the text (İ), or neither.
FOLDING_CASES = [
    "Plain words, and 10,000 more.",
    "The war—hardly over—went on.",
    "a‘b c′d e–f 12—ab ab—12",
    "K.K. and k.k. agree",
    "İstanbul’s mayor said so.",
    "trailing spaces   \n\n  ",
    "",
]


@pytest.mark.parametrize("text", FOLDING_CASES)
def test_tokenized_text_matches_tokenize_for_any_folding(text: str) -> None:
    tt = TokenizedText(text)
    want = tokenize(text)
    assert tt.tokens == want
    assert list(tt.word_norms()) == [t.norm for t in want if t.is_word]
    assert tt.word_count() == sum(t.is_word for t in want)
    assert tt.span_parts(0, len(text)) == (
        [t.norm for t in want],
        [t.start for t in want],
        [t.end for t in want],
        [t.is_word for t in want],
    )


@pytest.mark.parametrize(
    ("text", "span", "words"),
    [
        ("The war—hardly over—went on.", (0, 28), ["the", "war-hardly", "over-went", "on"]),
        ("Say ‘Hi’ now. Then go.", (14, 22), ["then", "go"]),
        ("U.S. troops left. Mr. Smith", (0, 17), ["u.s.", "troops", "left"]),
        ("ab cd", (1, 4), ["b", "c"]),  # a span inside words: scanned on its own
    ],
)
def test_folded_words_table(text: str, span: tuple[int, int], words: list[str]) -> None:
    assert TokenizedText(text).folded_words(*span) == words


def test_content_keys_are_skeletons_of_content_words_per_span() -> None:
    text = "Zelenskyy’s troops — 10,000 of them — left. The war—hardly over. ab cd"
    tt = TokenizedText(text)
    spans = [(0, 44), (45, 64), (66, 69), (0, len(text)), (5, 5)]
    want = [tuple(skeleton(w) for w in tt.folded_words(s, e) if is_content(w)) for s, e in spans]
    assert tt.content_keys(spans) == want
    assert want[0] == ("zelensky", "trop", "10,000", "left")
    assert tt.content_keys([]) == []
    words = [tuple(w for w in tt.folded_words(s, e) if is_content(w)) for s, e in spans]
    assert tt.content_words(spans) == words
    assert words[0] == ("zelenskyy's", "troops", "10,000", "left")
    every = [tuple(skeleton(w) for w in tt.folded_words(s, e)) for s, e in spans]
    assert tt.word_keys(spans) == every
    assert every[0] == ("zelensky", "trop", "10,000", "of", "them", "left")
    # Asked again (the per-token facts are kept), the answers are the same.
    assert tt.content_keys(spans) == want
    assert tt.word_keys(spans[::-1]) == every[::-1]


def test_numbering_counts_keys_in_order_of_first_appearance() -> None:
    from variorum.engine.text import _Numbering

    index = _Numbering()
    assert [index[k] for k in ["b", "a", "b", "c", "a"]] == [0, 1, 0, 2, 1]
    assert list(index) == ["b", "a", "c"]


@pytest.mark.parametrize(
    "text",
    [
        "foo—bar baz—qux—quux end",  # every chunk re-scanned unfolded
        "—lead a—b ‘x’ c‘d K e—",
        " ".join(f"w{k}—v{k}" if k % 3 else f"w{k}" for k in range(200)),
    ],
)
def test_rescanned_chunks_land_where_their_tokens_were(text: str) -> None:
    assert TokenizedText(text).tokens == tokenize(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zelenskyy’s troops — 10,000 of them — left. The war—hardly over. ab cd",
        "ﬁ U.S. İstanbul ΣΑΣ 9:30 — end",  # folding changes the length: no folded scan
        "",
    ],
)
def test_spans_are_span_of_each(text: str) -> None:
    tt = TokenizedText(text)
    n = len(text)
    bounds = [(0, n), (0, 0), (3, 9), (n // 2, n), (1, max(1, n - 1)), (n, n), (2, 40)]
    assert tt.spans(bounds) == [tt.span(s, e) for s, e in bounds]
    assert tt.spans([]) == []


@given(
    st.text(alphabet="ab Z.9,’—-\n\u00a0ſİ", max_size=40),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=6),
)
def test_spans_property(text: str, raw: list[tuple[int, int]]) -> None:
    bounds = [(min(a, b), max(a, b)) for a, b in raw]
    tt = TokenizedText(text)
    assert tt.spans(bounds) == [tt.span(s, e) for s, e in bounds]


@given(st.text(alphabet="0123456789.,:%abs'", min_size=1, max_size=12))
def test_a_number_token_is_its_own_skeleton(text: str) -> None:
    # _content relies on it: ASCII tokens starting with a digit skip skeleton().
    for token in TOKEN_RE.findall(text):
        if token[0].isdigit():
            assert skeleton(token) == token
