"""Sentence vectors from a model that ships inside an installed package, never the network.

The model is WordLlama's ``l2_supercat`` at 256 dimensions: a static token-embedding table
(float16 safetensors) and its tokenizer, both inside the ``wordllama`` wheel. A sentence's
vector is the mean of its token vectors, L2-normalised, float32, so the dot product of two
vectors is their cosine. We read the two files ourselves with ``safetensors`` and
``tokenizers`` rather than through ``wordllama.WordLlama.load``: that loader looks for a
``tokenizer/`` folder while the wheel ships ``tokenizers/``, and then tries to download.
Nothing here imports ``wordllama`` (its import configures logging and pulls in requests).

Contract: :func:`shared_model` loads once per process and raises :class:`ModelMissing` with a
one-line reason when the package files are absent; :func:`document_vectors` embeds one
document's sentences and caches the result per document sha256 and sentence spans, so a
re-analysis embeds only what is new. Pure numpy; no Qt, no network, no files written.
"""

from __future__ import annotations

import hashlib
import importlib.util
import operator
import struct
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, count
from pathlib import Path

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

PACKAGE = "wordllama"
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"
DIM = 256
BATCH = 1024  # texts encoded at once (bounds the gathered token matrix)
CACHE_SENTENCES = 50_000  # distinct sentences kept (1 KB each)
CACHE_DOCUMENTS = 512  # documents kept in the in-process cache (about 1 KB per sentence)
CACHE_WORDS = 500_000  # distinct words whose token ids are kept
_MARK = "\u2581"  # the tokenizer's word-start mark (it replaces spaces)
_TOKEN_ID = operator.attrgetter("id")

MODEL_NOTICE = (
    "Paraphrase matching uses the WordLlama l2_supercat 256-d model shipped in the "
    "wordllama package (code and weights distributed under the MIT License, "
    "Copyright (c) 2024 Lee Miller). Its token embeddings were trained from the codebooks "
    "of LLaMA 2 70B and other models using the LLaMA 2 vocabulary; Llama 2 is licensed "
    "under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc."
)


class ModelMissing(RuntimeError):
    """The embedding model's files are not installed."""


def _package_root() -> Path | None:
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle carries the files only
    if bundle is not None and (Path(bundle) / PACKAGE / WEIGHTS).is_file():
        return Path(bundle) / PACKAGE
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """Paths of the shipped weights and tokenizer, found without importing the package."""
    root = _package_root()
    if root is None:
        raise ModelMissing(f"the {PACKAGE} package is not installed (needed to match paraphrases)")
    weights, tokenizer = root / WEIGHTS, root / TOKENIZER
    for path in (weights, tokenizer):
        if not path.is_file():
            raise ModelMissing(f"{path}: model file missing from the {PACKAGE} package")
    return weights, tokenizer


@dataclass(frozen=True)
class SentenceModel:
    """A loaded token table and tokenizer; :meth:`embed` is thread-safe (read-only)."""

    table: Vectors  # (vocabulary, DIM) float32
    tokenizer: object  # tokenizers.Tokenizer (untyped package)
    load_seconds: float
    vocab: dict[str, int] = field(default_factory=dict)  # token -> id, for whole-word tokens
    # Word -> id of the token "▁" + word: whole words found without building "▁" + word.
    words: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> SentenceModel:
        t0 = time.perf_counter()
        weights, tokenizer_path = model_files()
        from safetensors import safe_open
        from tokenizers import Tokenizer

        with safe_open(str(weights), framework="np") as f:
            table = np.ascontiguousarray(f.get_tensor(TENSOR), dtype=np.float32)
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        vocab = tokenizer.get_vocab(with_added_tokens=False)
        words = {t[1:]: i for t, i in vocab.items() if t.startswith(_MARK)}
        return cls(table, tokenizer, time.perf_counter() - t0, vocab, words)

    def word_ids(self, words: Iterable[str]) -> dict[str, list[int]]:
        """Token ids of each space-free word, as the tokenizer gives them inside a text.

        The tokenizer's only pre-processing is "prepend ▁, spaces become ▁", and no token
        spans a ▁ inside it, so a text's tokens are its words' tokens one after another:
        tokenising each distinct word once (most are one whole-word token, found in the
        vocabulary without running BPE) replaces running BPE over every sentence.
        """
        distinct = list(set(words))
        return dict(zip(distinct, self._distinct_word_ids(distinct), strict=True))

    def _distinct_word_ids(self, words: list[str]) -> list[list[int]]:
        """:meth:`word_ids` of each of the distinct ``words``, in their order."""
        got: list[list[int] | None] = list(map(_word_ids.get, words))  # get is atomic
        if None not in got:
            return got  # type: ignore[return-value]
        missing = [w for w, ids in zip(words, got, strict=True) if ids is None]
        whole = (
            list(map(self.words.get, missing))
            if self.words
            else [self.vocab.get(_MARK + w) for w in missing]
        )
        # The BPE model alone: the tokenizer's only other step (prepend ▁, spaces to ▁)
        # is done here, and building full encodings would cost twice the BPE.
        bpe = self.tokenizer.model  # type: ignore[attr-defined]
        found = [
            [one] if one is not None else list(map(_TOKEN_ID, bpe.tokenize(_MARK + w)))
            for w, one in zip(missing, whole, strict=True)
        ]
        with _ids_lock:
            if len(_word_ids) + len(found) > CACHE_WORDS:
                _word_ids.clear()
            _word_ids.update(zip(missing, found, strict=True))
        if len(found) == len(words):
            return found
        fill = iter(found)
        return [ids if ids is not None else next(fill) for ids in got]

    def token_sums(self, texts: Sequence[str], check: Callable[[], None] | None = None) -> Vectors:
        """Sum of token vectors per text (zero for a token-less text): the raw material of
        a mean, kept so that two sentences can later be joined without re-tokenising.

        Each distinct text is summed once (versions of one story repeat most sentences),
        in batches, so memory stays bounded however long the input; ``check`` (which may
        raise to stop) is called before each batch, so Cancel is never seconds away.
        """
        if not texts:
            return np.zeros((0, self.table.shape[1]), dtype=np.float32)
        distinct, slots = distinct_slots(list(texts))
        parts = []
        for k in range(0, len(distinct), BATCH):
            if check is not None:
                check()
            parts.append(self._encode_sums(distinct[k : k + BATCH]))
        sums = parts[0] if len(parts) == 1 else np.concatenate(parts)
        return sums if len(distinct) == len(texts) else sums[slots]

    def _encode_sums(self, texts: list[str]) -> Vectors:
        split = [t.split(" ") if t else [] for t in texts]  # "" has no tokens at all
        # Each distinct word's ids once, then every text's ids gathered in whole-array steps:
        # a generator over every token of every text costs more than the sums themselves.
        # An empty word (from a run of spaces) is the lone "▁" token, as in the tokenizer.
        words, slots = distinct_slots(list(chain.from_iterable(split)))
        word_ids, word_len = self._flat_ids(words)
        occ_len = word_len[slots]
        ends = np.cumsum(occ_len)
        total = int(ends[-1]) if len(ends) else 0
        if total == 0:
            return np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        # Per text, its tokens are those of its words one after another.
        text_words = np.cumsum(int64_array(map(len, split)))
        lengths = np.diff(np.concatenate(([0], ends))[text_words], prepend=0)
        word_start = np.cumsum(word_len) - word_len
        at = np.repeat(word_start[slots] - (ends - occ_len), occ_len) + np.arange(total)
        return segment_sums(self.table, word_ids[at], lengths)

    def _flat_ids(self, words: list[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The token ids of ``words`` one word after another (clipped to the table), and
        each word's number of ids."""
        per_word = self._distinct_word_ids(words)
        ids = int64_array(chain.from_iterable(per_word))
        np.clip(ids, 0, self.table.shape[0] - 1, out=ids)
        return ids, int64_array(map(len, per_word))

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors, one row per text; an empty or token-less text gets a zero row."""
        return unit_rows(self.token_sums(texts))

    def embed_words(self, words: list[str]) -> Vectors:
        """:meth:`embed` of ``words``, each one text: a text of one word is that word's
        tokens, so no text is split and none is looked up twice (words with a space, or
        empty ones, are texts like any other and take :meth:`embed`)."""
        if not all(words) or " " in "".join(words):
            return self.embed(words)
        return unit_rows(segment_sums(self.table, *self._flat_ids(words)))


def int64_array(values: Iterable[int]) -> npt.NDArray[np.int64]:
    """Python ints as a (writable) int64 array, packed by ``struct`` in one C call: half the
    cost of ``np.fromiter`` or ``np.asarray``, which convert item by item."""
    items = values if isinstance(values, list) else list(values)
    out = np.empty(len(items), dtype=np.int64)
    struct.pack_into(f"{len(items)}q", out.data, 0, *items)
    return out


def distinct_slots(items: list[str]) -> tuple[list[str], npt.NDArray[np.int64]]:
    """The distinct ``items`` in order of first appearance, and each item's index among them.

    One dict step per item: ``setdefault`` notes where each item first appeared, and those
    positions become indices in whole-array steps."""
    first: dict[str, int] = {}
    seen = int64_array(map(first.setdefault, items, count()))
    distinct = list(first)
    if len(distinct) == len(items):
        return distinct, seen  # every item is its own first appearance: 0, 1, 2, ...
    dense = np.empty(len(items), dtype=np.int64)
    dense[int64_array(first.values())] = np.arange(len(distinct))
    return distinct, dense[seen]


def segment_sums(
    table: Vectors, ids: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> Vectors:
    """Per segment, the sum of ``table`` rows of its ids (``ids`` holds the segments one after
    another, ``lengths`` their sizes; an empty segment sums to zero).

    Adds the k-th token of every segment at once, longest segments first, so there are as
    many numpy steps as tokens in the longest segment: ``np.add.reduceat`` over rows is
    8-10x slower here (it walks the segments one by one).
    """
    order = np.argsort(-lengths, kind="stable")
    size = lengths[order]
    present = int(np.count_nonzero(size))
    if present and present == len(lengths):  # every row is written below
        out = np.empty((len(lengths), table.shape[1]), dtype=np.float32)
    else:  # empty segments stay zero
        out = np.zeros((len(lengths), table.shape[1]), dtype=np.float32)
        if not present:
            return out
    size = size[:present]
    starts = (np.cumsum(lengths) - lengths)[order[:present]]
    longest = int(size[0])
    # counts[k]: segments with more than k tokens (a prefix, as they are sorted longest
    # first). The k-th tokens of those segments are laid out one after another (``steps``)
    # so that each step below reads one slice instead of indexing twice.
    counts = np.searchsorted(-size, -np.arange(longest), side="left")
    offsets = np.cumsum(counts) - counts
    total = int(size.sum())
    segment = np.repeat(np.arange(present), size)
    k = np.arange(total) - np.repeat(np.cumsum(size) - size, size)
    steps = np.empty(total, dtype=np.int64)
    steps[offsets[k] + segment] = ids[starts[segment] + k]
    acc = table[steps[:present]]
    for n, at in zip(counts[1:].tolist(), offsets[1:].tolist(), strict=True):
        acc[:n] += table[steps[at : at + n]]
    out[order[:present]] = acc
    return out


def unit_rows(sums: Vectors) -> Vectors:
    """Rows scaled to length 1 (the mean's direction is the sum's); zero rows stay zero."""
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    out: Vectors = (sums / np.maximum(norms, np.float32(1e-12))).astype(np.float32, copy=False)
    return out


@dataclass(frozen=True)
class DocumentVectors:
    units: Vectors  # unit vector per sentence: dot products are cosines
    sums: Vectors  # token-vector sum per sentence: joined sentences add their sums


_model: SentenceModel | None = None
_model_lock = threading.Lock()
_cache: OrderedDict[tuple[str, tuple[tuple[int, int], ...]], DocumentVectors] = OrderedDict()
_cache_lock = threading.Lock()
# Versions of one story repeat most sentences: each distinct sentence is embedded once.
_sentences: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
_word_ids: dict[str, list[int]] = {}
_ids_lock = threading.Lock()


def shared_model() -> SentenceModel:
    """The process-wide model, loaded on first use."""
    global _model
    with _model_lock:
        if _model is None:
            _model = SentenceModel.load()
        return _model


def document_key(sha256: str, text: str) -> str:
    """The cache identity of a document: its file hash, or the hash of pasted text."""
    return sha256 or "text:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_vectors(
    key: str,
    text: str,
    spans: Sequence[tuple[int, int]],
    model: SentenceModel | None = None,
    check: Callable[[], None] | None = None,
) -> DocumentVectors:
    """Vectors of ``text[start:end]`` for each span; cached by (key, spans) in-process.

    The arrays are shared with the cache and read-only.
    """
    return documents_vectors([(key, text, spans)], model, check)[0]


def documents_vectors(
    documents: Sequence[tuple[str, str, Sequence[tuple[int, int]]]],
    model: SentenceModel | None = None,
    check: Callable[[], None] | None = None,
) -> list[DocumentVectors]:
    """:func:`document_vectors` of several (key, text, spans) documents, the sentences that
    none of the caches hold embedded together in one pass (one story's versions share most
    sentences, and one pass costs far less than one per version)."""
    out: list[DocumentVectors | None] = []
    todo: list[tuple[tuple[str, tuple[tuple[int, int], ...]], list[str]]] = []
    for key, text, spans in documents:
        cache_key = (key, tuple(spans))
        with _cache_lock:
            hit = _cache.get(cache_key)
            if hit is not None:
                _cache.move_to_end(cache_key)
        out.append(hit)
        if hit is None:
            todo.append((cache_key, [text[s:e] for s, e in cache_key[1]]))
    if not todo:
        return [v for v in out if v is not None]
    with _cache_lock:
        known = {t: _sentences[t] for _, texts in todo for t in texts if t in _sentences}
    missing = sorted({t for _, texts in todo for t in texts if t not in known})
    if missing:
        fresh = (model or shared_model()).token_sums(missing, check)
        with _cache_lock:
            for t, row in zip(missing, fresh, strict=True):
                known[t] = row
                _sentences[t] = row
                if len(_sentences) > CACHE_SENTENCES:
                    _sentences.popitem(last=False)
    made = iter(todo)
    for k, hit in enumerate(out):
        if hit is not None:
            continue
        cache_key, texts = next(made)
        sums = (
            np.stack(list(map(known.__getitem__, texts)))
            if texts
            else np.zeros((0, DIM), dtype=np.float32)
        )
        units = unit_rows(sums)
        sums.setflags(write=False)
        units.setflags(write=False)
        vectors = DocumentVectors(units, sums)
        out[k] = vectors
        with _cache_lock:
            _cache[cache_key] = vectors
            while len(_cache) > CACHE_DOCUMENTS:
                _cache.popitem(last=False)
    return [v for v in out if v is not None]


def cache_info() -> int:
    """Number of documents whose vectors are cached (for tests and diagnostics)."""
    with _cache_lock:
        return len(_cache)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
        _sentences.clear()
    with _ids_lock:
        _word_ids.clear()
