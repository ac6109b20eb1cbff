"""The aligner's fast paths against plain reference versions of the same steps (hypothesis).

Each reference is the straightforward loop the fast code replaced; the two must agree
exactly on any input, including keys every sentence holds, empty versions and sentences
without content words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain

from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.align import POSITION_WINDOW, Unit, candidate_pairs


def reference_candidate_pairs(
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
    postings: Counter[str] = Counter()
    in_versions: Counter[str] = Counter()
    for units in versions:
        postings.update(chain.from_iterable(map(set, (u.words for u in units))))
        norms = ["\x00" + u.norm for u in units]
        postings.update(norms)
        in_versions.update(set(chain.from_iterable(u.words for u in units)).union(norms))
    wanted = {w for w, n in postings.items() if 2 <= n <= max_postings and in_versions[w] > 1}
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for v, units in enumerate(versions):
        for i, u in enumerate(units):
            if not wanted.isdisjoint(u.words):
                for w in wanted.intersection(u.words):  # postings in (version, sentence) order
                    index[w].append((v, i))
            key = "\x00" + u.norm
            if key in wanted:
                index[key].append((v, i))
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
    rare = {w for w, n in postings.items() if n <= max_postings}
    common_only = {
        (v, i)
        for v, units in enumerate(versions)
        for i, u in enumerate(units)
        if rare.isdisjoint(u.words)
    }
    if common_only:
        _reference_positional(versions, common_only, cands, partners)
    return cands


def _reference_positional(
    versions: Sequence[Sequence[Unit]],
    common_only: set[tuple[int, int]],
    cands: dict[tuple[int, int], set[tuple[int, int]]],
    partners: dict[int, set[int]] | None = None,
) -> None:
    """A sentence made only of words too common to index meets the sentences of the same
    kind in each other version at about the same relative place (its near-identical twin
    is made of the same common words), so such sentences still align; a handful of pairs
    per sentence keeps the cost linear."""
    by_version: dict[int, list[int]] = defaultdict(list)
    for v, i in sorted(common_only):
        by_version[v].append(i)
    w = POSITION_WINDOW
    for va, mine in by_version.items():
        na = len(versions[va])
        for vb, theirs in by_version.items():
            if vb <= va or (partners is not None and vb not in partners.get(va, ())):
                continue
            nb = len(versions[vb])
            pairs = cands[(va, vb)]
            for i in mine:
                centre = i * nb // na
                lo = bisect_left(theirs, centre - w)
                hi = bisect_right(theirs, centre + w)
                pairs.update((i, j) for j in theirs[lo:hi])


# Few words and texts, so keys repeat across sentences and versions and some pass the cap.
_units = st.builds(
    Unit,
    st.sampled_from(["it is.", "so be it.", "a b", "c"]),
    st.lists(st.sampled_from(["kyiv", "nato", "troop", "9", "war", "x"]), max_size=4).map(tuple),
)
_versions = st.lists(st.lists(_units, max_size=12), min_size=2, max_size=5)


@given(_versions, st.integers(1, 6), st.booleans())
def test_candidate_pairs_match_the_reference(
    versions: list[list[Unit]], max_postings: int, some_pairs: bool
) -> None:
    n = len(versions)
    every = [(a, b) for a in range(n) for b in range(a + 1, n)]
    pairs = [(a, b) for a, b in every if (a + b) % 2] if some_pairs else None
    got = candidate_pairs(versions, max_postings, pairs)
    want = reference_candidate_pairs(versions, max_postings, pairs)
    assert list(got.items()) == list(want.items())  # the same pairs, and keys in one order
