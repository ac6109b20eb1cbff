"""Meaning-level evidence that two sentences make the same statement: vectors AND shared content.

Static sentence vectors score "same subject, different statement" high (two NATO sentences
from different accounts reach cosine 0.75), so meaning alone never makes a row. A pair is a
paraphrase only when it also shares content: most content words of each sentence have a
counterpart in the other, either the same word (spelling-tolerant skeleton) or a word whose
own vector is close ("approve" / "approved", "homes" / "households"). The bars below were
tuned on the labelled pairs in ``tests/unit/engine/labelled_pairs.py``: every written
paraphrase but the loosest one passes, and no hard negative from the seeds does.

Contract: :class:`VersionMeaning` holds one version's sentence vectors and content-word vectors
(built once per analysis from the per-document cache in :mod:`variorum.engine.embed`);
:func:`paraphrase_score` is a pure function of two of them. Pure numpy, no network, no Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from variorum.engine.embed import (
    SentenceModel,
    Vectors,
    distinct_slots,
    document_key,
    documents_vectors,
    int64_array,
)
from variorum.engine.text import TokenizedText, skeleton

MIN_COSINE = 0.55  # below this the sentences are not about the same thing at all
MIN_COVERAGE = 0.40  # share of each side's content words with a counterpart on the other
HIGH_COSINE = 0.90  # near-certain restatement: a lower share of shared content will do
HIGH_COVERAGE = 0.30
WORD_MATCH = 0.50  # cosine at which two different words count as the same content
BASE_THRESHOLD = 0.55  # the user threshold the bars above were tuned at (the default)
CANDIDATES_PER_SENTENCE = 3  # nearest sentences of the other version kept as candidates
MERGE_MEANING_DROP = 0.05  # how much a joined neighbour may lower the cosine of a match
COVERAGE_BATCH = 128  # sentence pairs whose word products are computed together (~8 MB)
NEAREST_STACK = 1 << 18  # cosines of small blocks stacked for the nearest search (1 MB)
MAX_MATCH_TABLE = 6000  # distinct words up to which a word-by-word table may be built (36 MB)

_word_cache: dict[str, npt.NDArray[np.float32]] = {}
_word_lock = threading.Lock()
_WORD_CACHE_LIMIT = 200_000


def word_vectors(
    model: SentenceModel, words: Sequence[str]
) -> tuple[Vectors, npt.NDArray[np.int64]]:
    """Unit vectors of the distinct ``words`` (one row each) and, per word, its row.

    Vectors are cached in-process (words repeat across versions); a story's hundred
    thousand words have a few thousand distinct ones, so rows are shared, not copied.
    """
    vectors, slots, _distinct = _word_vectors(model, words)
    return vectors, slots


def _word_vectors(
    model: SentenceModel, words: Sequence[str]
) -> tuple[Vectors, npt.NDArray[np.int64], list[str]]:
    """:func:`word_vectors`, and the distinct words in the order of their rows."""
    distinct, slots = distinct_slots(list(words))
    if not distinct:
        return np.zeros((0, model.table.shape[1]), dtype=np.float32), slots, distinct
    with _word_lock:
        missing = [w for w in distinct if w not in _word_cache]
    if not missing:
        with _word_lock:
            return np.stack([_word_cache[w] for w in distinct]), slots, distinct
    fresh = model.embed_words(missing)
    fresh.setflags(write=False)  # its rows are shared with the cache
    with _word_lock:
        if len(_word_cache) + len(missing) > _WORD_CACHE_LIMIT:
            _word_cache.clear()
        _word_cache.update(zip(missing, fresh, strict=True))
    if len(missing) == len(distinct):  # ``missing`` keeps the order of ``distinct``
        return fresh, slots, distinct
    got = dict(zip(missing, fresh, strict=True))
    with _word_lock:
        rows = [got[w] if w in got else _word_cache[w] for w in distinct]
    return np.stack(rows), slots, distinct


def clear_caches() -> None:
    """Forget every cached vector (sentences, documents and words): the next analysis
    embeds from scratch, as the first one in a process does."""
    from variorum.engine.embed import clear_cache

    clear_cache()
    with _word_lock:
        _word_cache.clear()


class WordTable:
    """The distinct content words of one analysis (unit vectors and spelling-tolerant keys),
    shared by its sentences.

    Scoring a sentence pair compares each word of one with each word of the other. Over a
    whole analysis those are mostly the same few thousand words again and again, so once
    the word pairs asked for (``demand``) pass a quarter of all distinct-word pairs, every
    distinct word is compared with every other once and the rest are lookups."""

    def __init__(self, vectors: Vectors, keys: npt.NDArray[np.int64]) -> None:
        self.vectors = vectors
        self.keys = keys
        self.demand = 0
        self._matches: npt.NDArray[np.bool_] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.keys)

    def matches(self, demand: int) -> npt.NDArray[np.bool_] | None:
        """Flat (words + 1)² table: is word r a counterpart of word c (vectors close enough,
        or the same key)? Row and column ``len(self)`` are padding, all False. None until
        ``demand`` more word pairs make the table pay."""
        size = len(self)
        with self._lock:
            self.demand += demand
            if self._matches is None and size <= MAX_MATCH_TABLE and self.demand * 4 > size * size:
                table = np.zeros((size + 1, size + 1), dtype=np.bool_)
                for lo in range(0, size, 1024):
                    block = self.vectors[lo : lo + 1024] @ self.vectors.T >= WORD_MATCH
                    block |= self.keys[lo : lo + 1024, None] == self.keys[None, :]
                    table[lo : lo + len(block), :size] = block
                self._matches = table.ravel()
            return self._matches


@dataclass(frozen=True)
class SentenceWords:
    rows: npt.NDArray[np.int64]  # each content word's row in ``table``
    table: WordTable

    @property
    def vectors(self) -> Vectors:
        """One unit vector per content word."""
        out: Vectors = self.table.vectors[self.rows]
        return out

    @property
    def keys(self) -> npt.NDArray[np.int64]:
        """Spelling-tolerant skeletons as ids, one per content word."""
        out: npt.NDArray[np.int64] = self.table.keys[self.rows]
        return out


_key_ids: dict[str, int] = {}


@dataclass(frozen=True)
class VersionMeaning:
    vectors: Vectors  # (sentences, DIM) unit vectors
    sums: Vectors  # (sentences, DIM) token-vector sums, to join neighbouring sentences
    words: tuple[SentenceWords, ...]

    def joined(self, ids: Sequence[int]) -> npt.NDArray[np.float32]:
        """Unit vector of consecutive sentences read as one text."""
        total = self.sums[list(ids)].sum(axis=0)
        norm = float(np.linalg.norm(total))
        out: npt.NDArray[np.float32] = (total / max(norm, 1e-12)).astype(np.float32)
        return out


def merge_keeps_meaning(
    a: VersionMeaning, ia: Sequence[int], b: VersionMeaning, ib: Sequence[int], single: float
) -> bool:
    """A neighbour joining a match (a sentence split in two) must not dilute the meaning:
    a real second half restates part of the other side, an added statement pulls the joined
    vector away. ``single`` is the cosine of the 1-1 match before joining."""
    return float(a.joined(ia) @ b.joined(ib)) >= single - MERGE_MEANING_DROP


def version_meaning(
    model: SentenceModel,
    sha256: str,
    text: str,
    spans: Sequence[tuple[int, int]],
    plain: TokenizedText,
    check: Callable[[], None] | None = None,
) -> VersionMeaning:
    return version_meanings(model, [(sha256, text, spans, plain)], check)[0]


def version_meanings(
    model: SentenceModel,
    versions: Sequence[tuple[str, str, Sequence[tuple[int, int]], TokenizedText]],
    check: Callable[[], None] | None = None,
) -> tuple[VersionMeaning, ...]:
    """The meanings of several (sha256, text, spans, tokens) versions, embedded together."""
    cached = documents_vectors(
        [(document_key(sha, text), text, spans) for sha, text, spans, _ in versions], model, check
    )
    contents: list[list[str]] = []  # per version, its content words one sentence after another
    counts: list[list[int]] = []  # per version, content words per sentence
    for _sha, _text, spans, plain in versions:
        if check is not None:
            check()
        per_sentence = plain.content_words(spans)
        contents.append(list(chain.from_iterable(per_sentence)))
        counts.append(list(map(len, per_sentence)))
    vectors, slots, distinct = _word_vectors(model, list(chain.from_iterable(contents)))
    skeletons = list(map(skeleton, distinct))
    with _word_lock:
        # Ids in order of first appearance, as setdefault one by one would give them.
        new = [k for k in dict.fromkeys(skeletons) if k not in _key_ids]
        _key_ids.update(zip(new, range(len(_key_ids), len(_key_ids) + len(new)), strict=True))
        key_table = int64_array(map(_key_ids.__getitem__, skeletons))
    table = WordTable(vectors, key_table)
    out = []
    at = 0
    for doc, flat, sizes in zip(cached, contents, counts, strict=True):
        rows = slots[at : at + len(flat)]
        at += len(flat)
        words = []
        k = 0
        for size in sizes:
            words.append(SentenceWords(rows[k : k + size], table))
            k += size
        out.append(VersionMeaning(doc.units, doc.sums, tuple(words)))
    return tuple(out)


def content_coverage(x: SentenceWords, y: SentenceWords) -> float:
    """The smaller of the two sides' shares of content words that have a counterpart."""
    nx, ny = len(x.rows), len(y.rows)
    if not nx or not ny:
        return 0.0
    matches = x.table.matches(nx * ny) if x.table is y.table else None
    if matches is not None:
        hit = matches[x.rows[:, None] * (len(x.table) + 1) + y.rows[None, :]]
    else:
        hit = (x.vectors @ y.vectors.T >= WORD_MATCH) | (x.keys[:, None] == y.keys[None, :])
    return min(int(hit.any(axis=1).sum()) / nx, int(hit.any(axis=0).sum()) / ny)


def paraphrase_score(
    a: VersionMeaning, i: int, b: VersionMeaning, j: int, threshold: float = BASE_THRESHOLD
) -> float:
    """0..1 meaning score of sentence i of ``a`` against j of ``b``; 0.0 when the pair lacks
    the evidence of shared content that a row needs.

    ``threshold`` is the user's similarity threshold: every bar moves with it by the same
    amount, so a stricter threshold is stricter for reworded statements too.
    """
    shift = threshold - BASE_THRESHOLD
    cos = float(a.vectors[i] @ b.vectors[j])
    if cos < MIN_COSINE + shift:
        return 0.0
    cov = content_coverage(a.words[i], b.words[j])
    if cov >= MIN_COVERAGE + shift or (cos >= HIGH_COSINE + shift and cov >= HIGH_COVERAGE + shift):
        return round((cos + cov) / 2.0, 4)
    return 0.0


def _padded(
    items: Sequence[SentenceWords], sizes: npt.NDArray[np.int64], width: int
) -> npt.NDArray[np.int64]:
    """Each item's rows in the shared table, padded with row 0 to ``width`` (callers mask
    the padding out); built with a few whole-array steps, not one per item."""
    rows = np.zeros((len(items), width), dtype=np.int64)
    total = int(sizes.sum())
    if total:
        starts = np.cumsum(sizes) - sizes
        at = np.repeat(np.arange(len(items)) * width - starts, sizes) + np.arange(total)
        rows.flat[at] = np.concatenate([x.rows for x in items])
    return rows


def coverages(xs: Sequence[SentenceWords], ys: Sequence[SentenceWords]) -> list[float]:
    """:func:`content_coverage` of each pair ``(xs[k], ys[k])``, batched: one small product
    per pair costs more in numpy's call overhead than in arithmetic. Pairs are batched by
    size, so little of each batch is padding."""
    out = [0.0] * len(xs)
    if not xs:
        return out
    table = xs[0].table
    if any(x.table is not table for x in xs) or any(y.table is not table for y in ys):
        return [content_coverage(x, y) for x, y in zip(xs, ys, strict=True)]
    na = [len(x.rows) for x in xs]
    nb = [len(y.rows) for y in ys]
    size = len(table)
    matches = table.matches(sum(p * q for p, q in zip(na, nb, strict=True)))
    order = sorted(range(len(xs)), key=lambda k: (na[k] // 4, nb[k]))
    for lo in range(0, len(order), COVERAGE_BATCH):
        part = [k for k in order[lo : lo + COVERAGE_BATCH] if na[k] and nb[k]]
        if not part:
            continue
        size_x = int64_array([na[k] for k in part])
        size_y = int64_array([nb[k] for k in part])
        width_x, width_y = int(size_x.max()), int(size_y.max())
        rx = _padded([xs[k] for k in part], size_x, width_x)
        ry = _padded([ys[k] for k in part], size_y, width_y)
        if matches is not None:
            hit = matches[rx[:, :, None] * (size + 1) + ry[:, None, :]]
        else:
            hit = np.matmul(table.vectors[rx], table.vectors[ry].transpose(0, 2, 1)) >= WORD_MATCH
            hit |= table.keys[rx][:, :, None] == table.keys[ry][:, None, :]
        # The padding (row 0, a real word) may meet anything: it counts for nothing. Each
        # product is one row by one column, so the padding leaves the real entries as they
        # were, and no copy of the table with a zero row is needed.
        hit &= (np.arange(width_x) < size_x[:, None])[:, :, None]
        hit &= (np.arange(width_y) < size_y[:, None])[:, None, :]
        share_x = hit.any(axis=2).sum(axis=1).tolist()
        share_y = hit.any(axis=1).sum(axis=1).tolist()
        for n, k in enumerate(part):
            out[k] = min(share_x[n] / na[k], share_y[n] / nb[k])
    return out


def paraphrase_scores(
    a: VersionMeaning,
    b: VersionMeaning,
    pairs: Sequence[tuple[int, int]],
    threshold: float = BASE_THRESHOLD,
) -> list[float]:
    """:func:`paraphrase_score` of each (i, j) in ``pairs``, the content checks batched."""
    return paraphrase_scores_batched([(a, i, b, j) for i, j in pairs], threshold)


def paraphrase_scores_batched(
    pairs: Sequence[tuple[VersionMeaning, int, VersionMeaning, int]],
    threshold: float = BASE_THRESHOLD,
) -> list[float]:
    """:func:`paraphrase_score` of each (a, i, b, j) in ``pairs`` (sentences of any versions
    of one analysis), the content checks batched."""
    shift = threshold - BASE_THRESHOLD
    out = [0.0] * len(pairs)
    todo: list[tuple[int, float]] = []
    for k, (a, i, b, j) in enumerate(pairs):
        cos = float(a.vectors[i] @ b.vectors[j])
        if cos >= MIN_COSINE + shift:
            todo.append((k, cos))
    covs = coverages(
        [pairs[k][0].words[pairs[k][1]] for k, _ in todo],
        [pairs[k][2].words[pairs[k][3]] for k, _ in todo],
    )
    for (k, cos), cov in zip(todo, covs, strict=True):
        if cov >= MIN_COVERAGE + shift or (
            cos >= HIGH_COSINE + shift and cov >= HIGH_COVERAGE + shift
        ):
            out[k] = round((cos + cov) / 2.0, 4)
    return out


def top_k_mask(sims: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.bool_]:
    """Per row (along the last axis), the ``k`` largest entries (ties to the lower column),
    as a mask: the same entries as the first ``k`` of a stable descending argsort, found
    without sorting."""
    if k >= sims.shape[-1]:
        return np.ones(sims.shape, dtype=np.bool_)
    kth = -np.partition(-sims, k - 1, axis=-1)[..., k - 1 : k]
    greater = sims > kth
    tied = sims == kth
    room = k - greater.sum(axis=-1, keepdims=True)
    out: npt.NDArray[np.bool_] = greater | (tied & (np.cumsum(tied, axis=-1) <= room))
    return out


def nearest_pairs(
    a: VersionMeaning,
    b: VersionMeaning,
    rows: Sequence[int],
    cols: Sequence[int],
    threshold: float = BASE_THRESHOLD,
) -> list[tuple[int, int]]:
    """Candidate pairs among ``rows`` x ``cols``, sorted: each side's few nearest by cosine,
    at or above the cosine bar (one blocked matrix product)."""
    return nearest_pairs_batched([(a, b, rows, cols)], threshold)[0]


def nearest_pairs_batched(
    blocks: Sequence[tuple[VersionMeaning, VersionMeaning, Sequence[int], Sequence[int]]],
    threshold: float = BASE_THRESHOLD,
) -> list[list[tuple[int, int]]]:
    """:func:`nearest_pairs` of each (a, b, rows, cols) block, small blocks stacked so that
    a few numpy steps serve many of them (stacks of at most :data:`NEAREST_STACK` cells)."""
    floor = MIN_COSINE + threshold - BASE_THRESHOLD
    out: list[list[tuple[int, int]]] = [[] for _ in blocks]
    stack: list[int] = []
    height = width = 0
    for n, (_a, _b, rows, cols) in enumerate(blocks):
        if not rows or not cols:
            continue
        h, w = max(height, len(rows)), max(width, len(cols))
        if stack and (len(stack) + 1) * h * w > NEAREST_STACK:
            _nearest_stack(blocks, stack, height, width, floor, out)
            stack, h, w = [], len(rows), len(cols)
        stack.append(n)
        height, width = h, w
    if stack:
        _nearest_stack(blocks, stack, height, width, floor, out)
    for found in out:
        found.sort()  # already sorted when rows and cols are
    return out


def _nearest_stack(
    blocks: Sequence[tuple[VersionMeaning, VersionMeaning, Sequence[int], Sequence[int]]],
    stack: list[int],
    height: int,
    width: int,
    floor: float,
    out: list[list[tuple[int, int]]],
) -> None:
    """The nearest pairs of the blocks ``stack`` names, added to ``out``.

    Each block's cosines come from its own product, as alone; they are then laid side by
    side, padded with -inf, which is never among a row's or column's nearest that count
    (a block with fewer than k columns keeps them all, as alone) and never passes the bar.
    """
    sims = np.full((len(stack), height, width), -np.inf, dtype=np.float32)
    row_ids = np.zeros((len(stack), height), dtype=np.int64)
    col_ids = np.zeros((len(stack), width), dtype=np.int64)
    for q, n in enumerate(stack):
        a, b, rows, cols = blocks[n]
        ri = int64_array(list(rows))
        ci = int64_array(list(cols))
        sims[q, : len(ri), : len(ci)] = a.vectors[ri] @ b.vectors[ci].T
        row_ids[q, : len(ri)] = ri
        col_ids[q, : len(ci)] = ci
    k = CANDIDATES_PER_SENTENCE
    near = top_k_mask(sims, k) | top_k_mask(sims.swapaxes(1, 2), k).swapaxes(1, 2)
    at, r, c = np.nonzero(near & (sims >= floor))  # in block, row, column order
    for q, i, j in zip(at.tolist(), row_ids[at, r].tolist(), col_ids[at, c].tolist(), strict=True):
        out[stack[q]].append((i, j))
