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
    assert found == runs


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


def _claims_of(*texts: str) -> list[tuple[str, int, tuple[str, ...]]]:
    from variorum.engine import stages
    from variorum.engine.model import Document, Settings

    settings = Settings(match_paraphrases=False)
    docs = [Document(f"v{k}", f"v{k}.txt", t) for k, t in enumerate(texts)]
    seg = stages.segment(docs, settings)
    scored = stages.score(seg, settings)
    grouped = stages.group(scored, stages.align(seg, scored, settings), settings)
    diffed = stages.diff(seg, grouped, settings)
    found, _other = stages.claims(seg, diffed, stages.facts(seg))
    return sorted((c.version, c.sentence, tuple(t.text for t in c.terms)) for c in found)


@pytest.mark.parametrize(
    ("shared", "claimed"),
    [
        ("Mayor Anna Berg met Northgate Holdings on Monday.", False),  # all shared
        ("The meeting starts at 9:30 today.", True),  # "9" of "9:30" is no number of either
    ],
)
def test_a_sentence_both_versions_hold(shared: str, claimed: bool) -> None:
    a = f"The council met in the hall. {shared} Residents welcomed it."
    b = f"Residents welcomed it. The council met in the hall. {shared}"
    found = _claims_of(a, b)
    assert bool(found) is claimed
    if claimed:
        assert [terms for _v, _s, terms in found] == [("9:30 today",), ("9:30 today",)]


@pytest.mark.parametrize(
    ("kind", "text", "keys", "maybe"),
    [
        ("name", "Anna Berg", ("ana", "berg"), False),
        ("number", "1,400 homes", ("1,400", "home"), False),  # the other version has 1,400
        ("number", "9:30 today", ("9:30", "today"), True),  # its number is "9": no one's
        ("date", "May", (), True),  # no words of its own: looked up the long way
    ],
)
def test_maybe_unique(kind: str, text: str, keys: tuple[str, ...], maybe: bool) -> None:
    from variorum.engine.claims import Candidate, _maybe_unique
    from variorum.engine.model import TermKind

    corpus = corpus_of("Anna Berg saw 1,400 homes at 9:30 today.", "Anna Berg saw 1,400 homes.")
    assert _maybe_unique(corpus, 1, Candidate(TermKind(kind), 0, 1, text, keys)) is maybe


def test_claims_stage_can_be_cancelled_midway() -> None:
    from variorum.engine import stages
    from variorum.engine.model import Document, Settings
    from variorum.engine.progress import Cancelled, Step

    settings = Settings(match_paraphrases=False)
    long = " ".join(f"Item {k} cost {k} euros." for k in range(2000))
    docs = [Document("a", "a.txt", long), Document("b", "b.txt", "Nothing alike here.")]
    seg = stages.segment(docs, settings)
    scored = stages.score(seg, settings)
    grouped = stages.group(scored, stages.align(seg, scored, settings), settings)
    diffed = stages.diff(seg, grouped, settings)
    found = stages.facts(seg)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # the stage's first check passes, a later one cancels

    with pytest.raises(Cancelled):
        stages.claims(seg, diffed, found, Step(None, cancel))
    assert len(calls) == 2


def test_a_long_version_is_indexed_alike_with_only_its_first_sentences_read() -> None:
    texts = [
        "Mayor Anna Berg met 1,400 residents. The council voted 9-3. Work starts in May "
        "and lasts 18 months, said Tom Price. Zelenskyy's aide spoke at 9:30.",
        "The council voted 9 to 3. Work starts in May.",
    ]
    sentences = [split_sentences(t) for t in texts]
    full = Corpus(texts, sentences, [TokenizedText(t) for t in texts])
    cut = Corpus(texts, sentences, [TokenizedText(t) for t in texts], most=2)
    assert cut.joined == full.joined
    assert cut.vocab == full.vocab
    assert cut.numbers == full.numbers
    assert cut.novel_keys == full.novel_keys
    assert len(cut.readings[0] or []) == 2
    assert [r.keys for r in cut.readings[1] or []] == [r.keys for r in full.readings[1] or []]
    # A sentence past the first part is still read when asked for.
    late = sentences[0][3]
    assert cut.reading(0, late).keys == full.reading(0, late).keys
