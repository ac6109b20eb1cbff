"""Sentence vectors: shipped model only, no network, cached per document."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.engine import embed
from variorum.engine.embed import SentenceModel, document_key, document_vectors

PAIRS = [
    (
        "Work is expected to start in May and take about 18 months.",
        "Building work should begin in May and is expected to last a year and a half.",
    ),
    (
        "The council voted nine to three to approve the flood wall.",
        "Councillors backed the flood defence plan by 9 votes to 3.",
    ),
    (
        "About 1,400 homes in the Lower Quay and Mill Street districts would be protected.",
        "Roughly 1,400 households in Lower Quay and Mill Street would be shielded.",
    ),
]


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way out of the process by socket raises (and is recorded)."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise NetworkUsed(f"network access attempted: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


def test_the_block_really_blocks(no_network: list[str]) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network


def test_model_loads_and_embeds_offline(no_network: list[str]) -> None:
    model = SentenceModel.load()
    texts = [t for pair in PAIRS for t in pair]
    vectors = model.embed(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (6, embed.DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    for k in range(len(PAIRS)):
        own = sims[2 * k, 2 * k + 1]
        others = [sims[2 * k, j] for j in range(len(texts)) if j not in (2 * k, 2 * k + 1)]
        assert own > max(others) + 0.2, (k, own, others)
    assert no_network == []


def test_empty_texts_get_zero_vectors() -> None:
    vectors = embed.shared_model().embed(["", "Council vote", ""])
    assert not vectors[0].any() and not vectors[2].any()
    assert vectors[1].any()
    assert embed.shared_model().embed([]).shape == (0, embed.DIM)


def test_vectors_are_cached_per_document_and_spans() -> None:
    embed.clear_cache()
    text = PAIRS[0][0] + " " + PAIRS[0][1]
    spans = [(0, len(PAIRS[0][0])), (len(PAIRS[0][0]) + 1, len(text))]
    key = document_key("", text)
    first = document_vectors(key, text, spans)
    assert document_vectors(key, text, spans) is first
    assert embed.cache_info() == 1
    other = document_vectors(key, text, spans[:1])  # another segmentation is another entry
    assert other is not first and embed.cache_info() == 2
    assert np.array_equal(other.units[0], first.units[0])
    assert not first.units.flags.writeable and not first.sums.flags.writeable
    assert np.allclose(embed.unit_rows(first.sums), first.units)
    assert document_key("abc", text) == "abc"
    assert document_key("", text) != document_key("", text + " ")


def test_missing_package_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "PACKAGE", "no_such_package_for_variorum")
    with pytest.raises(embed.ModelMissing, match="not installed"):
        embed.model_files()


@pytest.mark.parametrize(
    "lengths",
    [[0], [3], [1, 1, 1], [0, 2, 0, 5], [7, 1, 0, 3, 3, 12], list(range(20))],
)
def test_segment_sums_match_one_sum_per_segment(lengths: list[int]) -> None:
    rng = np.random.default_rng(len(lengths))
    table = rng.standard_normal((50, 4)).astype(np.float32)
    ids = rng.integers(0, 50, sum(lengths))
    sizes = np.asarray(lengths, dtype=np.int64)
    got = embed.segment_sums(table, ids, sizes)
    at = 0
    for k, n in enumerate(lengths):
        want = table[ids[at : at + n]].sum(axis=0) if n else np.zeros(4, np.float32)
        assert np.allclose(got[k], want, atol=1e-5), (k, n)
        at += n


SENTENCES = [
    "NATO's ministers met in Brussels on Tuesday, officials said.",
    "“We will not back down,” Zelenskyy told reporters — twice.",
    "The €4.2m barrier, approved 9-3, protects 1,400 homes.",
    "Work starts in May (weather permitting) and lasts 18 months.",
    "Résumé of a naïve café owner 🙂 in Łódź,\tsaid\nthe  mayor.",  # byte fallback, odd spaces
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_word_by_word_tokens_are_the_sentence_tokens(sentence: str) -> None:
    model = embed.shared_model()
    ids = model.word_ids(sentence.split(" "))
    joined = [i for w in sentence.split(" ") for i in ids[w]]
    whole = model.tokenizer.encode(sentence, add_special_tokens=False).ids  # type: ignore[attr-defined]
    assert joined == whole


def _one_by_one(table: np.ndarray, ids: np.ndarray, lengths: list[int]) -> np.ndarray:
    """The slow reference: each segment's rows added one after another, in float32."""
    out = np.zeros((len(lengths), table.shape[1]), dtype=np.float32)
    at = 0
    for k, n in enumerate(lengths):
        if n:
            acc = table[ids[at]].copy()
            for i in ids[at + 1 : at + n]:
                acc += table[i]
            out[k] = acc
        at += n
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=30), st.integers(0, 2**32 - 1))
def test_segment_sums_add_in_token_order_bit_for_bit(lengths: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    table = rng.standard_normal((40, 8)).astype(np.float32)
    ids = rng.integers(0, 40, sum(lengths))
    got = embed.segment_sums(table, ids, np.asarray(lengths, dtype=np.int64))
    assert got.tobytes() == _one_by_one(table, ids, lengths).tobytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "", "d e"]), max_size=40))
def test_distinct_slots_index_the_first_appearances(items: list[str]) -> None:
    distinct, slots = embed.distinct_slots(items)
    assert distinct == list(dict.fromkeys(items))
    assert slots.dtype == np.int64 and [distinct[k] for k in slots.tolist()] == items


@given(st.lists(st.integers(-(2**63), 2**63 - 1), max_size=50))
def test_int64_array_holds_the_ints(values: list[int]) -> None:
    for given_as in (values, iter(values)):
        got = embed.int64_array(given_as)
        assert got.dtype == np.int64 and got.flags.writeable and got.tolist() == values


ODD_TEXTS = ["", " ", "a  b", " lead", "trail ", "x", *SENTENCES, SENTENCES[0]]


def test_token_sums_are_each_texts_tokens_added_in_order() -> None:
    model = embed.shared_model()
    embed.clear_cache()
    got = model.token_sums(ODD_TEXTS)
    for text, row in zip(ODD_TEXTS, got, strict=True):
        words = text.split(" ") if text else []
        ids = [i for w in words for i in model.word_ids([w])[w]]
        want = _one_by_one(model.table, np.asarray(ids, dtype=np.int64), [len(ids)])[0]
        assert row.tobytes() == want.tobytes(), text


def test_embed_words_is_embed_of_one_word_texts() -> None:
    model = embed.shared_model()
    words = ["nato", "zelenskyy's", "1,400", "naïve", "🙂", "troops", "nato"]
    embed.clear_cache()
    assert model.embed_words(words).tobytes() == model.embed(words).tobytes()
    for odd in (["a b", "c"], ["", "c"]):  # not one-word texts: embedded as texts
        assert model.embed_words(odd).tobytes() == model.embed(odd).tobytes()
