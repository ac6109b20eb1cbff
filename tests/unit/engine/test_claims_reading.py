"""The claims stage's shortcuts: sentences read once per analysis, phrase runs, the word
index built as far as needed. Each must give what the plain computation gives."""

from __future__ import annotations

from collections import defaultdict

import pytest

from variorum.engine.claims import Corpus, _read, _skeleton, phrase_runs
from variorum.engine.model import Granularity, Sentence
from variorum.engine.segment import split_sentences
from variorum.engine.text import TokenizedText, skeleton, tokenize


def corpus_of(*texts: str) -> Corpus:
    sentences = [split_sentences(t, Granularity.SENTENCE) for t in texts]
    return Corpus(list(texts), sentences, [TokenizedText(t) for t in texts])


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("", []),
        ("the of and", []),
        ("classified war games", [(0, 3)]),
        ("NATO ran classified war games in 2024 near Kyiv.", [(0, 5), (7, 9)]),
        ("air  patrol\nsystem", [(0, 3)]),  # whitespace of any kind joins a run
        ("air-patrol, system", [(0, 1), (2, 3)]),  # a comma ends one
        ("10,000 multinational troops", [(1, 3)]),  # numbers are not phrase words
    ],
)
def test_phrase_runs(text: str, runs: list[tuple[int, int]]) -> None:
    tokens = tokenize(text)
    found = phrase_runs(text, tokens)
    assert [(a, b) for a, b, _keys in found] == runs
    for a, b, keys in found:
        assert keys == frozenset(skeleton(t.norm) for t in tokens[a:b])


@pytest.mark.parametrize(
    "norm", ["1,400", "30%", "9:30", "2024", "3.5", "zelenskyy", "kyiv's", "cities", "３"]
)
def test_skeleton_shortcut_is_skeleton(norm: str) -> None:
    assert _skeleton(norm) == skeleton(norm)


def test_corpus_words_from_sentences_are_the_versions_words() -> None:
    texts = (
        "The mayor’s firm won. The mayor’s firm won. “Quote here,” said Tom.",
        "Headline without stop\n\nThe mayor's firm won 1,400 contracts. ΣΟΦΙΑ said so.",
    )
    corpus = corpus_of(*texts)
    for v, tt in enumerate(corpus.tokenized):
        words = [skeleton(w) for w in tt.word_norms()]
        assert corpus.joined[v] == " " + " ".join(words) + " "
        assert corpus.vocab[v] == set(words)
    assert corpus.readings[0] is not None
    first, second = corpus.readings[0][0], corpus.readings[0][1]
    assert first is second  # a repeated sentence is read once


def test_corpus_falls_back_when_sentences_leave_words_out() -> None:
    text = "One two three. Four five six."
    sentences = [Sentence(0, 0, 0, 14, text[0:14])]  # the second sentence is missing
    corpus = Corpus([text, text], [sentences, sentences])
    assert corpus.readings == [None, None]
    assert corpus.joined[0] == " one two thre four five six "  # skeletons


def test_a_sentence_is_shared_only_when_whitespace_bounds_it_and_it_has_no_sigma() -> None:
    texts = ("Alpha beta. ΣΟΦΙΑ said. x", "Gamma. Alpha beta. ΣΟΦΙΑ said. x")
    corpus = corpus_of(*texts)
    a = corpus.sentences[0]
    b = corpus.sentences[1]
    assert _read(corpus, 0, a[0]) is _read(corpus, 1, b[1])  # "Alpha beta."
    assert _read(corpus, 0, a[1]) is not _read(corpus, 1, b[2])  # capital sigma
    glued = Sentence(9, 0, 1, 5, texts[0][1:5])  # "lpha": a token runs past its start
    assert _read(corpus, 0, glued) is not _read(corpus, 0, glued)
    assert [t.text for t in _read(corpus, 0, glued).tokens] == []


def test_sentences_with_gives_the_first_sentences_of_the_full_index() -> None:
    base = ["The council met.", "The mayor spoke.", "Rain fell.", "The council voted."]
    text = " ".join(base * 40)
    corpus = corpus_of(text, "Other text.")
    full: dict[str, list[int]] = defaultdict(list)
    for s in corpus.sentences[0]:
        for w in set(corpus._sentence_keys(0, s.id).split()):
            full[w].append(s.id)
    for key in ("council", "rain", "the", "absent"):
        assert corpus._sentences_with(0, key) == full.get(key, [])[:50]
        assert corpus._sentences_with(0, key, 3) == full.get(key, [])[:3]
