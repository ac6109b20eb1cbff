"""Align the sentences of N versions into rows of "the same statement".

Pairwise: candidate sentence pairs share a rare content word (inverted index, so cost grows
about linearly), are scored with rapidfuzz in C++, then an order-keeping chain picks the 1-1
links, neighbours may join as 1-2 / 2-1 merges, and a stricter out-of-order pass finds moves.
N-way: links are grouped best-first with at most one unit per version per group, and groups
are ordered so that every version reads top to bottom except for moved text.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, count, islice
from operator import attrgetter, lt, not_

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from variorum.engine.embed import int64_array
from variorum.engine.meaning import (
    VersionMeaning,
    merge_keeps_meaning,
    nearest_pairs_batched,
    paraphrase_score,
    paraphrase_scores_batched,
)
from variorum.engine.model import DEFAULT_THRESHOLD

CancelCheck = Callable[[], None]

# Scores below this never link, however low the user's threshold (guards against noise).
MIN_SCORE = 0.30
MERGE_MARGIN = 0.02  # a merged unit must beat its best 1-1 part by this much
LONG_TEXT = 4000  # above this many characters, score by shared words instead of edit ratio
POSITION_WINDOW = 3  # sentences either side for a sentence too common-worded to index
ALL_PAIRS_UP_TO = 6  # versions up to which every pair is aligned (15 pairs: cheap, thorough)
NEAREST_VERSIONS = 5  # beyond that, each version meets the pivot and this many nearest ones
SKETCH_BUCKETS = 2048  # hashed content-word counts used to find near versions
LAG_SAMPLE = 16  # cells of a group weighed when deciding which moved text to let go
GROUP_SAMPLE = 6  # versions per group compared when deciding whether two groups join
PARAPHRASE_JOBS = 32  # version pairs whose paraphrase passes run together (tens of ms)


@dataclass(frozen=True, slots=True)  # no dict each: a book has 200,000 (see model.made)
class Unit:
    """One sentence as the aligner sees it."""

    norm: str  # normalised text
    words: tuple[str, ...]  # content-word keys (skeletons), for candidates and long texts


_NORM = attrgetter("norm")
_WORDS = attrgetter("words")


@dataclass(frozen=True)
class Link:
    va: int
    a: tuple[int, ...]
    vb: int
    b: tuple[int, ...]
    score: float
    ordered: bool = True  # False: found by the out-of-order (move) pass
    paraphrase: bool = False  # True: matched by meaning (see engine.meaning), not by wording


def similarity(x: Unit, y: Unit) -> float:
    """0..1 surface similarity of two units (edit ratio; shared-word Dice for huge texts)."""
    if len(x.norm) > LONG_TEXT and len(y.norm) > LONG_TEXT:
        wx, wy = set(x.words), set(y.words)
        if not wx or not wy:
            return 0.0
        return 2.0 * len(wx & wy) / (len(wx) + len(wy))
    return fuzz.ratio(x.norm, y.norm) / 100.0


def merge_similarity(x: Unit, y: Unit) -> float:
    """Length-tolerant score for judging a merge: shared-word overlap, with a floor on the
    edit ratio that keeps subset matches ("NATO will deploy troops.") out."""
    if len(x.norm) > LONG_TEXT or len(y.norm) > LONG_TEXT:
        return similarity(x, y)
    if fuzz.ratio(x.norm, y.norm) < 45.0:
        return 0.0
    return fuzz.token_set_ratio(x.norm, y.norm) / 100.0


def _joined(units: Sequence[Unit], ids: Sequence[int]) -> Unit:
    return Unit(
        " ".join(units[i].norm for i in ids),
        tuple(w for i in ids for w in units[i].words),
    )


def version_pairs(versions: Sequence[Sequence[Unit]], base: int = 0) -> list[tuple[int, int]]:
    """Which pairs of versions to align: all of them for a few versions; otherwise each
    version with a pivot (the version most like all others) and with its nearest few, so
    the work grows linearly with the number of versions. Rows still join across every
    version because grouping is transitive through these links."""
    n = len(versions)
    if n <= ALL_PAIRS_UP_TO:
        return [(a, b) for a in range(n) for b in range(a + 1, n)]
    import zlib

    sketch = np.zeros((n, SKETCH_BUCKETS), dtype=np.float32)
    bucket: dict[str, int] = {}
    for v, units in enumerate(versions):
        ids = [
            # crc32, not hash(): string hashing is salted per process.
            bucket[w]
            if w in bucket
            else bucket.setdefault(
                w, zlib.crc32(w.encode("utf-8", "surrogatepass")) % SKETCH_BUCKETS
            )
            for u in units
            for w in u.words
        ]
        sketch[v] = np.bincount(np.asarray(ids, dtype=np.int64), minlength=SKETCH_BUCKETS)
    norms = np.linalg.norm(sketch, axis=1, keepdims=True)
    sketch /= np.maximum(norms, 1e-12)
    sims = sketch @ sketch.T
    np.fill_diagonal(sims, -1.0)
    centrality = sims.sum(axis=1)
    pivot = int(np.argmax(centrality)) if n else base
    chosen: set[tuple[int, int]] = set()
    for v in range(n):
        if v != pivot:
            chosen.add((min(v, pivot), max(v, pivot)))
        near = np.argsort(-sims[v], kind="stable")[:NEAREST_VERSIONS]
        for u in near:
            if int(u) != v:
                chosen.add((min(v, int(u)), max(v, int(u))))
    return sorted(chosen)


def candidate_pairs(
    versions: Sequence[Sequence[Unit]],
    max_postings: int,
    pairs: Sequence[tuple[int, int]] | None = None,
) -> dict[tuple[int, int], set[tuple[int, int]]]:
    """Sentence pairs of different versions that share a content word rare enough to index,
    for the version ``pairs`` given (all pairs when None)."""
    partners: dict[int, set[int]] | None = None
    if pairs is not None:
        partners = defaultdict(set)
        for a, b in pairs:
            partners[a].add(b)
    # A key's posting is the sentences holding it; identical sentences always meet, even
    # with no content word ("It is."), through the key "\x00" + their text. Only keys held
    # by 2..max_postings sentences of two or more versions make pairs, so those are counted
    # first (C-level passes) and only they are indexed: a book-length version adds
    # millions of postings of words no other version has or that every sentence has.
    words_of = [list(map(_WORDS, units)) for units in versions]
    norms_of = [list(map(_NORM, units)) for units in versions]
    # A key two versions hold is in one besides the longest, so the longest version's
    # keys are only looked up, never listed or counted by version: beside a 20 MB version
    # its own keys are most of the work.
    longest = max(range(len(versions)), key=lambda v: len(versions[v]), default=-1)
    own: Counter[str] = Counter()  # the longest's words: sentences holding each
    if longest >= 0:
        own.update(chain.from_iterable(map(set, words_of[longest])))
    postings = Counter(own)  # words: sentences holding each, in every version
    word_versions: Counter[str] = Counter()  # words: versions holding each, but the longest
    texts: Counter[str] = Counter()  # texts: sentences reading so, but in the longest
    text_versions: Counter[str] = Counter()
    for v, (ws, norms) in enumerate(zip(words_of, norms_of, strict=True)):
        if v != longest:
            postings.update(chain.from_iterable(map(set, ws)))
            word_versions.update(set(chain.from_iterable(ws)))
            texts.update(norms)
            text_versions.update(set(norms))
    own_texts: Counter[str] = Counter()
    if longest >= 0:
        own_texts.update(filter(texts.__contains__, norms_of[longest]))
    wanted_words = {
        w
        for w, k in word_versions.items()
        if 2 <= postings[w] <= max_postings and (k > 1 or w in own)
    }
    wanted_texts = {
        t
        for t, k in text_versions.items()
        if 2 <= texts[t] + own_texts[t] <= max_postings and (k > 1 or t in own_texts)
    }
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for v, (ws, norms) in enumerate(zip(words_of, norms_of, strict=True)):
        if wanted_words:  # postings in (version, sentence) order
            for i in compress(count(), map(not_, map(wanted_words.isdisjoint, ws))):
                for w in wanted_words.intersection(ws[i]):
                    index[w].append((v, i))
        if wanted_texts:
            for i in compress(count(), map(wanted_texts.__contains__, norms)):
                index["\x00" + norms[i]].append((v, i))
    cands: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for w in sorted(index):
        posting = index[w]
        if len(posting) < 2 or len(posting) > max_postings:
            continue
        if partners is None:
            for k, (va, i) in enumerate(posting):
                for vb, j in posting[k + 1 :]:
                    if va != vb:
                        cands[(va, vb)].add((i, j))
            continue
        by_version: dict[int, list[int]] = defaultdict(list)
        for v, i in posting:
            by_version[v].append(i)
        for va, mine in by_version.items():
            for vb in partners.get(va, ()):
                theirs = by_version.get(vb)
                if theirs:
                    cands[(va, vb)].update((i, j) for i in mine for j in theirs)
    # Sentences none of whose words is rare enough to index (the identical-text key aside).
    common = {w for w, n in postings.items() if n > max_postings}
    common_only: dict[int, list[int]] = {}
    for v, ws in enumerate(words_of):
        ids = list(compress(count(), map(common.issuperset, ws)))
        if ids:
            common_only[v] = ids
    if common_only:
        _add_positional_candidates(versions, common_only, cands, partners)
    return cands


def _add_positional_candidates(
    versions: Sequence[Sequence[Unit]],
    common_only: dict[int, list[int]],
    cands: dict[tuple[int, int], set[tuple[int, int]]],
    partners: dict[int, set[int]] | None = None,
) -> None:
    """A sentence made only of words too common to index meets the sentences of the same
    kind in each other version at about the same relative place (its near-identical twin
    is made of the same common words), so such sentences still align; a handful of pairs
    per sentence keeps the cost linear. ``common_only`` lists such sentences by version,
    in order."""
    w = POSITION_WINDOW
    for va, mine in common_only.items():
        na = len(versions[va])
        centres = np.asarray(mine, dtype=np.int64)
        for vb, theirs in common_only.items():
            if vb <= va or (partners is not None and vb not in partners.get(va, ())):
                continue
            nb = len(versions[vb])
            pairs = cands[(va, vb)]
            # Each sentence's window in one C pass; only those with a partner loop.
            at = centres * nb // na
            lo = np.searchsorted(theirs, at - w, side="left")
            hi = np.searchsorted(theirs, at + w, side="right")
            hits = np.flatnonzero(hi > lo)
            for k, a, b in zip(hits.tolist(), lo[hits].tolist(), hi[hits].tolist(), strict=True):
                i = mine[k]
                pairs.update((i, j) for j in theirs[a:b])


def ordered_chain(scored: Sequence[tuple[int, int, float]], threshold: float) -> list[int]:
    """Indices into ``scored`` of the heaviest chain increasing in both i and j.

    Gain of a link is its score minus the threshold, so only links above it help.
    """
    items = [(i, -j, k) for k, (i, j, s) in enumerate(scored) if s > threshold]
    if not items:
        return []
    items.sort()
    n = max(scored[k][1] for _, _, k in items) + 1
    # A Fenwick tree over positions 1..n answering prefix maxima with their payload,
    # inlined: this loop runs once per scored pair of every version pair.
    val = [0.0] * (n + 1)
    arg = [-1] * (n + 1)
    best: dict[int, float] = {}
    back: dict[int, int] = {}
    for _, _negj, k in items:
        _i, j, score = scored[k]
        prev_val, prev_arg = 0.0, -1
        pos = j  # the best chain over j' < j (positions are j'+1)
        while pos > 0:
            if val[pos] > prev_val:
                prev_val, prev_arg = val[pos], arg[pos]
            pos -= pos & -pos
        total = prev_val + (score - threshold)
        best[k] = total
        back[k] = prev_arg
        pos = j + 1
        while pos <= n:
            if total > val[pos]:
                val[pos] = total
                arg[pos] = k
            pos += pos & -pos
    end = max(best, key=lambda k: (best[k], -k))
    chain: list[int] = []
    while end != -1:
        chain.append(end)
        end = back[end]
    chain.reverse()
    return chain


def align_pair(
    va: int,
    units_a: Sequence[Unit],
    vb: int,
    units_b: Sequence[Unit],
    cands: set[tuple[int, int]],
    threshold: float,
    meaning: tuple[VersionMeaning, VersionMeaning] | None = None,
) -> list[Link]:
    """Links between two versions: order-keeping 1-1 and merges, then moves, then (given
    ``meaning``) paraphrases among the sentences still unlinked on both sides."""
    links, used_a, used_b = _wording_links(va, units_a, vb, units_b, cands, threshold, meaning)
    if meaning is not None:
        job = (va, len(units_a), vb, len(units_b), meaning, used_a, used_b)
        links.extend(paraphrase_pairs([job], threshold)[0])
    return links


def align_pairs(
    units: Sequence[Sequence[Unit]],
    pairs: Sequence[tuple[int, int]],
    cands: dict[tuple[int, int], set[tuple[int, int]]],
    threshold: float,
    meaning: Sequence[VersionMeaning] | None = None,
    progress: Callable[[int], None] | None = None,
    check: CancelCheck | None = None,
) -> list[Link]:
    """:func:`align_pair` of each version pair in ``pairs``, their links in that order.

    The paraphrase passes of pairs run together (:data:`PARAPHRASE_JOBS` at a time) once
    every pair's wording links are known: a pair's sentences are a few dozen, so one pass
    per pair would be mostly numpy call overhead. ``progress`` is called before each pair
    and ``check`` before each group of paraphrase passes; either may raise to stop."""
    links: list[list[Link]] = []
    jobs: list[ParaphraseJob] = []
    for k, (a, b) in enumerate(pairs):
        if progress is not None:
            progress(k)
        pair_meaning = (meaning[a], meaning[b]) if meaning is not None else None
        found, used_a, used_b = _wording_links(
            a, units[a], b, units[b], cands.get((a, b), set()), threshold, pair_meaning
        )
        links.append(found)
        if pair_meaning is not None:
            jobs.append((a, len(units[a]), b, len(units[b]), pair_meaning, used_a, used_b))
    for lo in range(0, len(jobs), PARAPHRASE_JOBS):
        if check is not None:
            check()
        more = paraphrase_pairs(jobs[lo : lo + PARAPHRASE_JOBS], threshold)
        for found, extra in zip(links[lo : lo + PARAPHRASE_JOBS], more, strict=True):
            found.extend(extra)
    return [link for found in links for link in found]


def _wording_links(
    va: int,
    units_a: Sequence[Unit],
    vb: int,
    units_b: Sequence[Unit],
    cands: set[tuple[int, int]],
    threshold: float,
    meaning: tuple[VersionMeaning, VersionMeaning] | None,
) -> tuple[list[Link], set[int], set[int]]:
    """:func:`align_pair` without paraphrases, and the sentence ids it linked on each side."""
    floor = max(MIN_SCORE, threshold - 0.15)
    nb = len(units_b)
    ii, jj, ss = _score_arrays(units_a, units_b, cands)
    keep = ss >= floor
    ii, jj, ss = ii[keep], jj[keep], ss[keep]
    # The chain needs only the pairs above the threshold (the others add no gain), and the
    # merges only whether a neighbour pair is near (scored above the floor).
    up = ss > threshold
    above = list(zip(ii[up].tolist(), jj[up].tolist(), ss[up].tolist(), strict=True))
    near = set((ii * nb + jj).tolist())
    used_a: dict[int, int] = {}
    used_b: dict[int, int] = {}
    links: list[Link] = []
    for k in ordered_chain(above, threshold):
        i, j, s = above[k]
        used_a[i] = len(links)
        used_b[j] = len(links)
        links.append(Link(va, (i,), vb, (j,), s))

    # 1-2 / 2-1: an unlinked neighbour joins when the joined text matches better than
    # either part alone (scored length-tolerantly, since one side is twice as long).
    for idx, link in enumerate(links):
        (i,), (j,) = link.a, link.b
        # Only a neighbour that itself resembles the other side can complete a split.
        free_b = [
            y for y in (j - 1, j + 1) if 0 <= y < nb and i * nb + y in near and y not in used_b
        ]
        free_a = [x for x in (i - 1, i + 1) if x * nb + j in near and x not in used_a]
        if not free_a and not free_b:
            continue
        best, best_gain = link, 0.0
        base = merge_similarity(units_a[i], units_b[j])
        single = float(meaning[0].vectors[i] @ meaning[1].vectors[j]) if meaning else 0.0
        for y in free_b:
            if y not in used_b:
                ids = (min(j, y), max(j, y))
                part = merge_similarity(units_a[i], units_b[y])
                gain = merge_similarity(units_a[i], _joined(units_b, ids)) - max(base, part)
                if gain > MERGE_MARGIN and gain > best_gain and _keeps(meaning, (i,), ids, single):
                    best, best_gain = Link(va, (i,), vb, ids, link.score), gain
        for x in free_a:
            if x not in used_a:
                ids = (min(i, x), max(i, x))
                part = merge_similarity(units_a[x], units_b[j])
                gain = merge_similarity(_joined(units_a, ids), units_b[j]) - max(base, part)
                if gain > MERGE_MARGIN and gain > best_gain and _keeps(meaning, ids, (j,), single):
                    best, best_gain = Link(va, ids, vb, (j,), link.score), gain
        if best is not link:
            links[idx] = best
            for x in best.a:
                used_a[x] = idx
            for y in best.b:
                used_b[y] = idx

    # Moves: leftovers that are each other's best partner, with a stricter bar (always
    # above the floor, so only the pairs above the bar are looked at).
    move_bar = max(threshold + 0.2, 0.7)
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    high = ss >= move_bar
    for i, j, s in zip(ii[high].tolist(), jj[high].tolist(), ss[high].tolist(), strict=True):
        if i in used_a or j in used_b:
            continue
        if s > best_a.get(i, (0.0, -1))[0]:
            best_a[i] = (s, j)
        if s > best_b.get(j, (0.0, -1))[0]:
            best_b[j] = (s, i)
    for i in sorted(best_a):
        s, j = best_a[i]
        if best_b.get(j, (0.0, -1))[1] == i:
            links.append(Link(va, (i,), vb, (j,), s, ordered=False))
            used_a[i] = used_b[j] = len(links) - 1
    return links, set(used_a), set(used_b)


def _scores(
    units_a: Sequence[Unit], units_b: Sequence[Unit], pairs: list[tuple[int, int]]
) -> list[tuple[int, int, float]]:
    """:func:`similarity` of each pair (``pairs`` sorted), as (i, j, score)."""
    ii, jj, ss = _score_arrays(units_a, units_b, set(pairs))
    return list(zip(ii.tolist(), jj.tolist(), ss.tolist(), strict=True))


def _score_arrays(
    units_a: Sequence[Unit], units_b: Sequence[Unit], pairs: set[tuple[int, int]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The ``pairs`` sorted (as i and j arrays) and the :func:`similarity` of each. When
    the pairs are a good part of all pairs (short articles share many words), every pair
    is scored in one C call instead: the same ratios, at a quarter of the cost per pair."""
    nb = max(1, len(units_b))
    keys = np.sort(int64_array([i * nb + j for i, j in pairs]))
    ii, jj = np.divmod(keys, nb)
    dense = len(pairs) * 4 > len(units_a) * len(units_b) and (
        all(len(u.norm) <= LONG_TEXT for u in units_a)
        or all(len(u.norm) <= LONG_TEXT for u in units_b)
    )
    if not dense:
        scores = [
            similarity(units_a[i], units_b[j])
            for i, j in zip(ii.tolist(), jj.tolist(), strict=True)
        ]
        return ii, jj, np.asarray(scores, dtype=np.float64).reshape(-1)
    ratios = process.cdist(
        [u.norm for u in units_a],
        [u.norm for u in units_b],
        scorer=fuzz.ratio,
        dtype=np.float64,
        workers=1,
    )
    return ii, jj, ratios[ii, jj] / 100.0


def _keeps(
    meaning: tuple[VersionMeaning, VersionMeaning] | None,
    ia: tuple[int, ...],
    ib: tuple[int, ...],
    single: float,
) -> bool:
    return meaning is None or merge_keeps_meaning(meaning[0], ia, meaning[1], ib, single)


ParaphraseJob = tuple[int, int, int, int, tuple[VersionMeaning, VersionMeaning], set[int], set[int]]
"""(va, size_a, vb, size_b, meanings, sentence ids of a linked, of b linked)."""


def paraphrase_pair(
    va: int,
    size_a: int,
    vb: int,
    size_b: int,
    meaning: tuple[VersionMeaning, VersionMeaning],
    used_a: set[int],
    used_b: set[int],
    threshold: float,
) -> list[Link]:
    """Links by meaning between sentences no wording link took: nearest neighbours by vector,
    kept when both are each other's best partner with evidence of shared content. Reading
    order is not required (a reworded paragraph is often also moved); the row order shows
    moves afterwards."""
    return paraphrase_pairs([(va, size_a, vb, size_b, meaning, used_a, used_b)], threshold)[0]


def paraphrase_pairs(jobs: Sequence[ParaphraseJob], threshold: float) -> list[list[Link]]:
    """:func:`paraphrase_pair` of each job, with one set of numpy steps for all of them."""
    pairs = nearest_pairs_batched(
        [
            (ma, mb, [i for i in range(na) if i not in ua], [j for j in range(nb) if j not in ub])
            for _va, na, _vb, nb, (ma, mb), ua, ub in jobs
        ],
        threshold,
    )
    flat = [(n, i, j) for n, found in enumerate(pairs) for i, j in found]
    scores = paraphrase_scores_batched(
        [(jobs[n][4][0], i, jobs[n][4][1], j) for n, i, j in flat], threshold
    )
    out: list[list[Link]] = []
    at = 0
    for (va, _na, vb, _nb, _m, _ua, _ub), found in zip(jobs, pairs, strict=True):
        best_a: dict[int, tuple[float, int]] = {}
        best_b: dict[int, tuple[float, int]] = {}
        for (i, j), s in zip(found, scores[at : at + len(found)], strict=True):
            if s <= 0.0:
                continue
            if s > best_a.get(i, (0.0, -1))[0]:
                best_a[i] = (s, j)
            if s > best_b.get(j, (0.0, -1))[0]:
                best_b[j] = (s, i)
        at += len(found)
        out.append(
            [
                Link(va, (i,), vb, (best_a[i][1],), best_a[i][0], paraphrase=True)
                for i in sorted(best_a)
                if best_b[best_a[i][1]][1] == i
            ]
        )
    return out


@dataclass(slots=True)
class Group:
    cells: dict[int, list[int]] = field(default_factory=dict)  # version -> sentence ids
    paraphrase: bool = False  # some link that built it matched by meaning, not wording


def group_links(
    sizes: Sequence[int],
    links: Sequence[Link],
    units: Sequence[Sequence[Unit]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    meaning: Sequence[VersionMeaning] | None = None,
) -> list[Group]:
    """Best-first grouping: a link joins groups only while every version keeps one
    contiguous unit (at most three sentences) per group, and only when most cross pairs of
    the two groups resemble each other (no chaining A~B, B~C into an unrelated A~C row)."""
    linked: set[tuple[int, int, int, int]] = set()
    for ln in links:
        for i in ln.a:
            for j in ln.b:
                linked.add((ln.va, i, ln.vb, j))
                linked.add((ln.vb, j, ln.va, i))
    near_bar = max(MIN_SCORE, threshold - 0.1)
    near_cache: dict[tuple[int, tuple[int, ...], int, tuple[int, ...]], bool] = {}

    def near(va: int, ia: list[int], vb: int, ib: list[int]) -> bool:
        if len(ia) == 1 and len(ib) == 1:
            if (va, ia[0], vb, ib[0]) in linked:
                return True
        elif any((va, i, vb, j) in linked for i in ia for j in ib):
            return True
        if units is None:
            return False
        key = (va, tuple(ia), vb, tuple(ib))
        if key not in near_cache:
            ua = units[va][ia[0]] if len(ia) == 1 else _joined(units[va], ia)
            ub = units[vb][ib[0]] if len(ib) == 1 else _joined(units[vb], ib)
            close = similarity(ua, ub) >= near_bar
            if not close and meaning is not None:
                close = any(
                    paraphrase_score(meaning[va], i, meaning[vb], j, threshold) > 0.0
                    for i in ia
                    for j in ib
                )
            near_cache[key] = close
        return near_cache[key]

    owner: list[list[int]] = [list(range(n)) for n in sizes]  # placeholder, replaced below
    groups: dict[int, Group] = {}
    gid = 0
    for v, n in enumerate(sizes):
        for i in range(n):
            groups[gid] = Group({v: [i]})
            owner[v][i] = gid
            gid += 1
    order = sorted(
        range(len(links)),
        key=lambda k: (-links[k].score, links[k].va, links[k].a, links[k].vb, links[k].b),
    )
    for k in order:
        link = links[k]
        if len(link.a) == 1 and len(link.b) == 1:
            ga, gb = owner[link.va][link.a[0]], owner[link.vb][link.b[0]]
            if ga == gb:
                continue
            involved = [ga, gb] if ga < gb else [gb, ga]
        else:
            involved = sorted(
                {owner[link.va][i] for i in link.a} | {owner[link.vb][j] for j in link.b}
            )
            if len(involved) < 2:
                continue
        if not _can_join(involved, link, groups):
            continue
        # Average linkage over versions: most cross pairs must be near each other. Large
        # groups are represented by a few of their versions (those of the link first), so
        # the check costs the same at 80 versions as at 8.
        cross = close = 0
        for x in range(len(involved)):
            for y in range(x + 1, len(involved)):
                for va, ia in _sample(groups[involved[x]], link):
                    for vb, ib in _sample(groups[involved[y]], link):
                        if va != vb:
                            cross += 1
                            close += near(va, ia, vb, ib)
        if cross > 1 and close * 2 <= cross:
            continue
        keep = involved[0]
        paraphrase = link.paraphrase or any(groups[g].paraphrase for g in involved)
        # The joined cells in the order the groups list them (the first group's versions
        # first): the let-go step samples a group's first cells.
        merged = dict(groups[keep].cells)
        for g in involved[1:]:
            for v, ids in groups[g].cells.items():
                merged[v] = sorted(merged[v] + ids) if v in merged else ids
                for i in ids:
                    owner[v][i] = keep
            del groups[g]
        groups[keep] = Group(merged, paraphrase)
    return [groups[g] for g in sorted(groups)]


def _can_join(involved: list[int], link: Link, groups: dict[int, Group]) -> bool:
    """Joined, would every version keep one contiguous unit of at most three sentences,
    made of several only through a merge link? Only versions in more than one of the
    groups can break that (each group already keeps it), so only they are looked at."""
    cells = [groups[g].cells for g in involved]
    if len(cells) == 2:
        small, large = (cells[0], cells[1]) if len(cells[0]) <= len(cells[1]) else cells[::-1]
        shared = {v: small[v] + large[v] for v in small if v in large}
    else:
        seen: dict[int, list[int]] = {}
        counts: dict[int, int] = defaultdict(int)
        for c in cells:
            for v, ids in c.items():
                seen[v] = seen.get(v, []) + ids
                counts[v] += 1
        shared = {v: ids for v, ids in seen.items() if counts[v] > 1}
    for v, ids in shared.items():
        ids.sort()
        if len(ids) > 3 or ids[-1] - ids[0] != len(ids) - 1:
            return False
        if not _multi_allowed(v, ids, link, groups, involved):
            return False
    return True


def _sample(group: Group, link: Link) -> list[tuple[int, list[int]]]:
    cells = group.cells
    if len(cells) <= GROUP_SAMPLE:
        return list(cells.items())
    first = [v for v in (link.va, link.vb) if v in cells]
    rest = [v for v in sorted(cells) if v not in first]
    return [(v, cells[v]) for v in (first + rest)[:GROUP_SAMPLE]]


def _multi_allowed(
    v: int, ids: list[int], link: Link, groups: dict[int, Group], involved: list[int]
) -> bool:
    """Two sentences of one version may share a group only through a merge link (or an
    earlier merge already in one of the groups)."""
    if (v == link.va and len(link.a) > 1) or (v == link.vb and len(link.b) > 1):
        return True
    return any(len(groups[g].cells.get(v, ())) == len(ids) for g in involved)


def order_groups(
    sizes: Sequence[int], groups: Sequence[Group], check: CancelCheck | None = None
) -> list[Group]:
    """Rows in an order every version reads top to bottom where it can.

    A group is ready when it holds the next unread sentence of every version it appears in;
    among ready groups the one earliest in relative position comes first. When none is
    ready, text was moved: the head sentence that the other versions need latest is let go
    of its version's order (it will show as moved) and the walk goes on.
    """
    owner: list[list[int]] = [[0] * n for n in sizes]
    # Sort key: earliest relative position, then the first version and its sentence.
    keys: list[tuple[float, int, int]] = []
    scale = [max(1, n) for n in sizes]
    solo = [False] * len(groups)  # one version only: ready whenever that version reaches it
    for g, grp in enumerate(groups):
        cells = grp.cells
        if len(cells) == 1:  # most rows of a long version are its own
            ((v0, ids),) = cells.items()
            solo[g] = True
            own = owner[v0]
            if len(ids) == 1:
                i0 = ids[0]
                own[i0] = g
            else:
                i0 = min(ids)
                for i in ids:
                    own[i] = g
            keys.append((i0 / scale[v0], v0, i0))
            continue
        first = {v: min(ids) for v, ids in cells.items()}
        v0 = min(first)
        keys.append((min(i / scale[v] for v, i in first.items()), v0, first[v0]))
        for v, ids in cells.items():
            own = owner[v]
            for i in ids:
                own[i] = g
    done = [False] * len(groups)
    firsts = _FirstIds(groups)
    floating: set[tuple[int, int]] = set()
    need = [len(grp.cells) for grp in groups]  # versions whose order still binds the group
    pos = [0] * len(sizes)
    heads_of: dict[int, set[int]] = defaultdict(set)
    ready: list[tuple[tuple[float, int, int], int]] = []

    def push_if_ready(g: int) -> None:
        if not done[g] and len(heads_of.get(g, ())) >= need[g]:
            heapq.heappush(ready, (keys[g], g))

    def settle(v: int) -> None:
        """Move version v's pointer past emitted and floating sentences; register its head."""
        p, n, own = pos[v], sizes[v], owner[v]
        while p < n and (done[own[p]] or (floating and (v, p) in floating)):
            p += 1
        pos[v] = p
        if p < n:
            h = own[p]
            heads_of[h].add(v)
            push_if_ready(h)

    for v in range(len(sizes)):
        settle(v)
    for g in range(len(groups)):
        if need[g] == 0:
            push_if_ready(g)
    out: list[Group] = []
    emit = out.append
    steps = 0
    while len(out) < len(groups):
        steps += 1
        if check is not None and steps % 512 == 0:
            check()
        g = -1
        while ready:
            _, cand = heapq.heappop(ready)
            if not done[cand] and len(heads_of.get(cand, ())) >= need[cand]:
                g = cand
                break
        if g == -1:
            # Letting go changes nothing but that version's pointer: a group's heads and
            # need drop together, so no other group's readiness changes.
            settle(_let_go(sizes, pos, owner, firsts, floating, need, heads_of))
            continue
        done[g] = True
        emit(groups[g])
        heads_of.pop(g, None)
        if not solo[g]:
            for v in groups[g].cells:
                settle(v)
            continue
        # A version's run of its own sentences, taken here as the heap would give them: the
        # next one is its head, ready at once, and comes next while it sorts before every
        # other ready group. Only what is left goes through the heap.
        (v,) = groups[g].cells
        p, n, own = pos[v], sizes[v], owner[v]
        while True:
            while p < n and (done[own[p]] or (floating and (v, p) in floating)):
                p += 1
            if p == n:
                break
            h = own[p]
            if not solo[h] or (ready and ready[0] < (keys[h], h)):
                break
            steps += 1
            if check is not None and steps % 512 == 0:
                check()
            done[h] = True
            emit(groups[h])
        pos[v] = p
        if p < n:
            heads_of[h].add(v)
            push_if_ready(h)
    return out


class _FirstIds(dict[int, list[tuple[int, int]]]):
    """Per group, each version's first sentence id, in the group's order of versions; made
    when first asked for (only groups left waiting at a move are)."""

    def __init__(self, groups: Sequence[Group]) -> None:
        super().__init__()
        self.groups = groups

    def __missing__(self, g: int) -> list[tuple[int, int]]:
        firsts = self[g] = [(v, min(ids)) for v, ids in self.groups[g].cells.items()]
        return firsts


def _let_go(
    sizes: Sequence[int],
    pos: list[int],
    owner: list[list[int]],
    firsts: _FirstIds,
    floating: set[tuple[int, int]],
    need: list[int],
    heads_of: dict[int, set[int]],
) -> int:
    """Free the head sentence whose group the other versions reach last; its version."""
    lag: dict[int, float] = {}  # per distinct head group: how far ahead it sits elsewhere
    best: tuple[float, int] | None = None
    chosen = -1
    # Each version's head is the group heads_of lists it under; of the versions sharing a
    # head, the first is the one chosen, so looking at each distinct head is enough.
    for h, versions in heads_of.items():
        if not versions:
            continue
        if h not in lag:
            # Many versions: a fixed sample of the group's cells, scaled to the whole,
            # keeps each let-go linear in the number of versions.
            cells = firsts[h]
            sample = cells[:LAG_SAMPLE]
            lag[h] = (
                (len(cells) / max(1, len(sample)))
                * sum((i - pos[u]) / max(1, sizes[u]) for u, i in sample if (u, i) not in floating)
                if len(cells) > LAG_SAMPLE
                else sum(
                    (i - pos[u]) / max(1, sizes[u]) for u, i in cells if (u, i) not in floating
                )
            )
        score = (lag[h], -min(versions))
        if best is None or score > best:
            best, chosen = score, -score[1]
    v = chosen
    h = owner[v][pos[v]]
    for i in range(pos[v], sizes[v]):
        if owner[v][i] != h:
            break
        floating.add((v, i))
    need[h] -= 1
    heads_of[h].discard(v)
    if not heads_of[h]:
        del heads_of[h]  # readers use .get: only heads with versions stay listed
    return v


def longest_increasing(seq: Sequence[int]) -> set[int]:
    """Positions in ``seq`` of one longest strictly increasing subsequence (patience sort)."""
    import bisect

    if all(map(lt, seq, islice(seq, 1, None))):  # already increasing: all of it, in C
        return set(range(len(seq)))
    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(seq)
    for p, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tails_pos.append(p)
        else:
            tails[k] = x
            tails_pos[k] = p
        prev[p] = tails_pos[k - 1] if k > 0 else -1
    keep: set[int] = set()
    p = tails_pos[-1] if tails_pos else -1
    while p != -1:
        keep.add(p)
        p = prev[p]
    return keep
