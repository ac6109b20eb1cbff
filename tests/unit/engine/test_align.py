"""Alignment of N versions: near-identical and rewritten sentences, splits, moves, scale."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from variorum.engine.align import (
    NEAREST_VERSIONS,
    Unit,
    align_pair,
    align_pairs,
    candidate_pairs,
    longest_increasing,
    ordered_chain,
    version_pairs,
)
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison, Document, RowKind, Settings

DATA = Path(__file__).resolve().parents[2] / "data"


def compare(*texts: str, **settings: object) -> Comparison:
    docs = [Document(f"v{i}", f"v{i}.txt", t) for i, t in enumerate(texts)]
    return compare_documents(docs, Settings(**settings))  # type: ignore[arg-type]


def rows_as_text(c: Comparison) -> list[dict[str, str]]:
    out = []
    for row in c.rows:
        out.append(
            {
                cell.version: c.version(cell.version).text[cell.start : cell.end]
                for cell in row.cells
            }
        )
    return out


A = (
    "NATO leaders met in Brussels on Tuesday to discuss the war.\n\n"
    "The ministers agreed to send more air defence systems to Kyiv.\n\n"
    "Critics said the package came too late for the front line.\n\n"
    "A final statement is expected on Friday after further talks."
)


def test_identical_versions_give_same_rows() -> None:
    c = compare(A, A)
    assert all(r.kind is RowKind.SAME for r in c.rows)
    assert len(c.rows) == 4
    assert c.similarity[0][1] == pytest.approx(1.0)
    assert c.claims == ()


def test_rewritten_sentence_aligns_and_unique_sentence_stands_alone() -> None:
    b = A.replace("agreed to send", "decided to deliver") + (
        "\n\nA whistleblower leaked the classified annex to reporters."
    )
    c = compare(A, b)
    rows = rows_as_text(c)
    changed = [r for r in rows if len(r) == 2 and r["v0"] != r["v1"]]
    assert len(changed) == 1 and "decided to deliver" in changed[0]["v1"]
    unique = [r for r in rows if len(r) == 1]
    assert unique == [{"v1": "A whistleblower leaked the classified annex to reporters."}]
    # No name, figure, date or quotation: shown as other unique text, not a claim.
    assert [o.text for o in c.other_unique] == [unique[0]["v1"]]


def test_one_sentence_split_in_two_shares_one_row() -> None:
    a = "The ministers agreed to send more air defence systems to Kyiv before the winter began."
    b = (
        "The ministers agreed to send more air defence systems to Kyiv. "
        "They will arrive before the winter began."
    )
    c = compare(a, b)
    assert len(c.rows) == 1
    assert c.rows[0].cell("v1").sentences == (0, 1)  # type: ignore[union-attr]


def test_moved_paragraph_is_marked_moved_not_deleted_and_inserted() -> None:
    paras = A.split("\n\n")
    b = "\n\n".join([paras[3], paras[0], paras[1], paras[2]])
    c = compare(A, b)
    assert len(c.rows) == 4
    assert all(len(r.cells) == 2 for r in c.rows)
    moved = [cell for r in c.rows for cell in r.cells if cell.moved]
    assert len(moved) == 1
    assert "final statement" in c.version(moved[0].version).text[moved[0].start : moved[0].end]


def test_reading_order_kept_for_every_version() -> None:
    b = A.replace("Tuesday", "Wednesday")
    c = compare(A, b, A.replace("Critics", "Opponents"))
    for v in c.labels:
        ids = [i for r in c.rows if (cell := r.cell(v)) for i in cell.sentences]
        assert ids == sorted(ids)


def test_threshold_controls_what_aligns() -> None:
    a = "The alliance will consider sending troops to the region next year."
    b = "Officials said the region may see troops from the alliance at some point."
    strict = compare(a, b, threshold=0.9)
    loose = compare(a, b, threshold=0.35)
    assert len(strict.rows) == 2
    assert len(loose.rows) == 1


@pytest.mark.parametrize("n", [2, 5, 50])
def test_many_versions_share_rows(n: int) -> None:
    texts = [A.replace("Tuesday", f"day {i}") for i in range(n)]
    c = compare(*texts)
    assert len(c.rows) == 4
    assert all(len(r.cells) == n for r in c.rows)


def test_ordered_chain_picks_heaviest_non_crossing_links() -> None:
    scored = [(0, 0, 0.9), (1, 0, 0.95), (1, 1, 0.8), (2, 2, 0.7), (2, 1, 0.6)]
    chain = ordered_chain(scored, threshold=0.5)
    assert [scored[k][:2] for k in chain] == [(0, 0), (1, 1), (2, 2)]


@pytest.mark.parametrize(
    ("seq", "length"), [([], 0), ([3, 1, 2], 2), ([0, 1, 2], 3), ([5, 0, 1, 2, 3], 4)]
)
def test_longest_increasing(seq: list[int], length: int) -> None:
    keep = longest_increasing(seq)
    assert len(keep) == length
    picked = [seq[p] for p in sorted(keep)]
    assert picked == sorted(picked)


def test_identical_sentences_without_content_words_still_align() -> None:
    c = compare("It is what it is. So be it.", "It is what it is. So be it.")
    assert [r.kind for r in c.rows] == [RowKind.SAME, RowKind.SAME]


def test_near_identical_sentences_of_common_words_still_align() -> None:
    # Every word here is in more sentences than the candidate index keeps a posting for.
    filler = " ".join(f"He said that it was the case for them {k}." for k in range(80))
    a = filler + " It was said that they would be there for all of us."
    b = filler + " It was said that they will be there for all of us."
    c = compare(a, b)
    texts = rows_as_text(c)
    row = next(r for r, t in zip(c.rows, texts, strict=True) if "will be" in t.get("v1", ""))
    assert row.cell("v0") is not None and row.kind is RowKind.CHANGED


def _article(sentences: int, seed: int) -> str:
    """Sentences drawn Zipf-like from a big invented vocabulary, like real prose."""
    rng = random.Random(seed)
    vocab = [f"w{rng.randrange(10**6)}" for _ in range(5000)]
    return " ".join(
        "W" + " ".join(vocab[min(int(rng.paretovariate(1.1)) - 1, 4999)] for _ in range(14)) + "."
        for _ in range(sentences)
    )


def _edited(text: str, seed: int) -> str:
    rng = random.Random(seed)
    sents = text.split(". ")
    for k in rng.sample(range(len(sents)), len(sents) // 5):
        sents[k] = sents[k].replace(" w", " changed w", 1)
    return ". ".join(sents)


def test_sentence_pairs_scored_grow_linearly_not_quadratically(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import variorum.engine.align as align

    scored = [0]
    real = align.similarity

    def counting(x: object, y: object) -> float:
        scored[0] += 1
        return real(x, y)  # type: ignore[arg-type]

    monkeypatch.setattr(align, "similarity", counting)

    def pairs_scored(sentences: int) -> int:
        scored[0] = 0
        base = _article(sentences, seed=sentences)
        compare(base, _edited(base, 1), _edited(base, 2))
        return scored[0]

    small, large = pairs_scored(400), pairs_scored(1600)
    # 4x the text: all-pairs scoring would cost 16x; candidates sharing a rare word <= ~4x.
    assert large <= 6 * small
    # A few dozen candidates per sentence, where all pairs would be 3 x 1,600 per sentence.
    assert large <= 30 * 1600


def _units(n: int) -> list[list[Unit]]:
    rng = random.Random(n)
    words = [f"w{k}" for k in range(400)]
    return [[Unit("x", tuple(rng.sample(words, 8))) for _ in range(20)] for _ in range(n)]


@pytest.mark.parametrize("n", [2, 6])
def test_few_versions_align_every_pair(n: int) -> None:
    assert version_pairs(_units(n)) == [(a, b) for a in range(n) for b in range(a + 1, n)]


@pytest.mark.parametrize("n", [7, 20, 80])
def test_many_versions_align_linearly_many_pairs_that_connect_all(n: int) -> None:
    pairs = version_pairs(_units(n))
    assert len(pairs) <= (NEAREST_VERSIONS + 1) * n
    assert len(pairs) < n * (n - 1) // 2
    reached, frontier = {0}, [0]
    while frontier:
        v = frontier.pop()
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                if x == v and y not in reached:
                    reached.add(y)
                    frontier.append(y)
    assert reached == set(range(n))
    assert pairs == version_pairs(_units(n))  # deterministic


def test_dense_scoring_gives_the_ratios_pair_by_pair() -> None:
    from variorum.engine.align import Unit, _scores, similarity

    a = [Unit(t, ()) for t in ("the council voted", "work starts in may", "x" * 5000)]
    b = [Unit(t, ()) for t in ("the council has voted", "work begins in june")]
    every = [(i, j) for i in range(3) for j in range(2)]
    want = [(i, j, similarity(a[i], b[j])) for i, j in every]
    assert _scores(a, b, every) == want  # dense: one C call
    assert _scores(a, b, every[:1]) == want[:1]  # sparse: pair by pair


@pytest.mark.parametrize("at_once", [3, 32])
def test_pairs_aligned_together_give_the_links_of_each_pair_alone(
    seed_paths: list[Path], at_once: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from variorum.engine import align, stages

    monkeypatch.setattr(align, "PARAPHRASE_JOBS", at_once)

    family = sorted(p for p in (DATA / "family").iterdir() if p.suffix != ".py")
    reworded = sorted((DATA / "conflicts").glob("reworded_*.txt"))
    by_meaning = 0
    for paths in (seed_paths, family, reworded):
        docs, _ = load_documents(paths)
        settings = Settings()
        seg = stages.segment(docs, settings)
        scored = stages.score(seg, settings)
        assert scored.meaning is not None
        pairs = version_pairs(scored.units)
        cands = candidate_pairs(scored.units, 64, pairs)
        alone = [
            link
            for a, b in pairs
            for link in align_pair(
                a,
                scored.units[a],
                b,
                scored.units[b],
                cands.get((a, b), set()),
                settings.threshold,
                (scored.meaning[a], scored.meaning[b]),
            )
        ]
        together = align_pairs(scored.units, pairs, cands, settings.threshold, scored.meaning)
        assert together == alone
        by_meaning += sum(link.paraphrase for link in together)
    assert by_meaning  # the batched paraphrase pass was exercised
