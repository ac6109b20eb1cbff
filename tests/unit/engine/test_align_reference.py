"""The aligner's fast paths against the code they replaced, kept here verbatim (hypothesis).

Candidate pairs, the order of rows and the longest increasing subsequence must come out
exactly as before on any input: keys every sentence holds, empty versions, sentences
without content words, moved and merged text, sequences already in order.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain

from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.align import (
    LAG_SAMPLE,
    POSITION_WINDOW,
    CancelCheck,
    Group,
    Unit,
    candidate_pairs,
    longest_increasing,
    order_groups,
)


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


def reference_order_groups(
    sizes: Sequence[int], groups: Sequence[Group], check: CancelCheck | None = None
) -> list[Group]:
    """Rows in an order every version reads top to bottom where it can.

    A group is ready when it holds the next unread sentence of every version it appears in;
    among ready groups the one earliest in relative position comes first. When none is
    ready, text was moved: the head sentence that the other versions need latest is let go
    of its version's order (it will show as moved) and the walk goes on.
    """
    owner: list[list[int]] = [[0] * n for n in sizes]
    where: list[dict[int, int]] = []  # group -> version -> first sentence id
    # Sort key: earliest relative position, then the first version and its sentence.
    keys: list[tuple[float, int, int]] = []
    scale = [max(1, n) for n in sizes]
    for g, grp in enumerate(groups):
        first = {v: ids[0] if len(ids) == 1 else min(ids) for v, ids in grp.cells.items()}
        where.append(first)
        if len(first) == 1:  # most rows of a long version are its own
            ((v0, i0),) = first.items()
            keys.append((i0 / scale[v0], v0, i0))
        else:
            v0 = min(first)
            keys.append((min(i / scale[v] for v, i in first.items()), v0, first[v0]))
        for v, ids in grp.cells.items():
            own = owner[v]
            for i in ids:
                own[i] = g
    done = [False] * len(groups)
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
            settle(_reference_let_go(sizes, pos, owner, where, floating, need, heads_of))
            continue
        done[g] = True
        out.append(groups[g])
        heads_of.pop(g, None)
        for v in groups[g].cells:
            settle(v)
    return out


def _reference_let_go(
    sizes: Sequence[int],
    pos: list[int],
    owner: list[list[int]],
    where: list[dict[int, int]],
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
            cells = list(where[h].items())
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


@st.composite
def _grouping(draw: st.DrawFn) -> tuple[list[int], list[Group]]:
    """Sentences of a few versions dealt into groups at random (cells in random order),
    so that sentences are moved, merged and left alone in every combination."""
    sizes = draw(st.lists(st.integers(0, 9), min_size=1, max_size=4))
    cells = [(v, i) for v, n in enumerate(sizes) for i in range(n)]
    labels = draw(st.lists(st.integers(0, 12), min_size=len(cells), max_size=len(cells)))
    order = draw(st.permutations(range(len(cells))))
    grouped: dict[int, dict[int, list[int]]] = {}
    for k in order:
        v, i = cells[k]
        grouped.setdefault(labels[k], {}).setdefault(v, []).append(i)
    return sizes, [Group(grouped[g], g % 2 == 0) for g in sorted(grouped)]


@given(_grouping())
def test_order_groups_matches_the_reference(grouping: tuple[list[int], list[Group]]) -> None:
    sizes, groups = grouping
    got = order_groups(sizes, groups)
    assert [id(g) for g in got] == [id(g) for g in reference_order_groups(sizes, groups)]


def reference_longest_increasing(seq: Sequence[int]) -> set[int]:
    """Positions in ``seq`` of one longest strictly increasing subsequence (patience sort)."""
    import bisect

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


@given(st.lists(st.integers(0, 30), max_size=40), st.booleans())
def test_longest_increasing_matches_the_reference(seq: list[int], in_order: bool) -> None:
    if in_order:
        seq = sorted(set(seq))
    assert longest_increasing(seq) == reference_longest_increasing(seq)
