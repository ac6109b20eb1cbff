"""The analysis pipeline: documents -> segmented versions -> aligned rows -> word diffs ->
facts -> claims and conflicts -> similarity. Deterministic: the same documents and settings
give the same result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz

from variorum.engine import limits
from variorum.engine.align import (
    Link,
    Unit,
    align_pair,
    candidate_pairs,
    group_links,
    longest_increasing,
    order_groups,
    version_pairs,
)
from variorum.engine.claims import Corpus, find_claims
from variorum.engine.conflicts import row_conflicts
from variorum.engine.embed import shared_model
from variorum.engine.facts import Fact, facts_by_sentence
from variorum.engine.ingest_furniture import is_metadata
from variorum.engine.meaning import VersionMeaning, version_meaning
from variorum.engine.model import (
    Cell,
    Claim,
    Document,
    MatchKind,
    Row,
    RowKind,
    Sentence,
    Settings,
    Version,
)
from variorum.engine.progress import Step
from variorum.engine.segment import split_sentences
from variorum.engine.text import (
    Token,
    TokenizedText,
    is_content,
    normalise,
    normalise_keep_length,
    skeleton,
)
from variorum.engine.worddiff import word_ops

MAX_MEANING_SENTENCES = 20_000
"""Paraphrase matching is used when no version has more sentences than this."""


@dataclass(frozen=True)
class PipelineResult:
    versions: tuple[Version, ...]
    rows: tuple[Row, ...]
    claims: tuple[Claim, ...]
    similarity: tuple[tuple[float, ...], ...]
    settings: Settings
    other_unique: tuple[Claim, ...] = ()


def _units(sentences: Sequence[Sentence], plain: TokenizedText, settings: Settings) -> list[Unit]:
    out = []
    # Folding is length-preserving for almost all text, so fold once and slice.
    folded = normalise_keep_length(
        plain.text, settings.ignore_case, settings.ignore_punctuation, settings.ignore_quote_style
    )
    for s in sentences:
        if folded is not None:
            norm = " ".join(folded[s.start : s.end].split())
        else:
            norm = normalise(
                s.text,
                settings.ignore_case,
                settings.ignore_punctuation,
                settings.ignore_quote_style,
            )
        words = tuple(skeleton(w) for w in plain.folded_words(s.start, s.end) if is_content(w))
        out.append(Unit(norm, words))
    return out


def run_pipeline(
    docs: Sequence[Document],
    settings: Settings,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PipelineResult:
    step = Step(progress, cancel)
    if len(docs) < 2:
        raise ValueError("a comparison needs at least two versions")
    labels = [d.label for d in docs]
    if len(set(labels)) != len(labels):
        raise ValueError("version labels must be distinct")

    step(0.0, "Splitting sentences")
    most = limits.LIMITS.version_sentences
    sentences = [tuple(split_sentences(d.text, settings.granularity, most)) for d in docs]
    over = limits.check_documents(docs, settings.granularity, None, [len(s) for s in sentences])
    if over:
        raise limits.LimitExceeded(over)
    plain = [TokenizedText(d.text) for d in docs]
    versions = tuple(
        Version(
            d.label,
            d.source,
            d.title,
            d.text,
            d.boilerplate,
            sents,
            p.word_count(),
            d.sha256,
            d.partial,
            d.date,
            tuple(line for line in d.boilerplate if is_metadata(line)),
        )
        for d, sents, p in zip(docs, sentences, plain, strict=True)
    )
    options = {
        "ignore_case": settings.ignore_case,
        "ignore_punctuation": settings.ignore_punctuation,
        "ignore_quotes": settings.ignore_quote_style,
    }
    diffable = (
        plain
        if options == {"ignore_case": True, "ignore_punctuation": False, "ignore_quotes": True}
        else [TokenizedText(d.text, **options) for d in docs]
    )
    units = [_units(s, p, settings) for s, p in zip(sentences, plain, strict=True)]
    sizes = [len(u) for u in units]

    # Embedding a book-length version costs more than the rest of the analysis together,
    # and wording alone lines most of it up: meaning is for article-sized versions.
    by_meaning = settings.match_paraphrases and max(sizes) <= MAX_MEANING_SENTENCES
    meaning = _meanings(docs, sentences, plain) if by_meaning else None

    step(0.1, "Finding candidate pairs")
    n = len(docs)
    max_postings = max(64, 4 * n)
    base = labels.index(settings.base) if settings.base in labels else 0
    pairs = version_pairs(units, base)
    cands = candidate_pairs(units, max_postings, pairs)

    links: list[Link] = []
    for k, (a, b) in enumerate(pairs):
        if k % 8 == 0:
            step(0.1 + 0.6 * k / max(1, len(pairs)), "Aligning versions")
        pair_meaning = (meaning[a], meaning[b]) if meaning is not None else None
        links.extend(
            align_pair(
                a,
                units[a],
                b,
                units[b],
                cands.get((a, b), set()),
                settings.threshold,
                pair_meaning,
            )
        )

    step(0.7, "Grouping rows")
    groups = group_links(sizes, links, units, settings.threshold, meaning)
    ordered = order_groups(sizes, groups, step.check)

    # Cells out of their version's reading order are moves.
    moved: list[set[int]] = []
    for v in range(n):
        seq = [min(g.cells[v]) for g in ordered if v in g.cells]
        keep = longest_increasing(seq)
        moved.append({seq[p] for p in range(len(seq)) if p not in keep})

    step(0.8, "Diffing words")

    def toks(v: int, start: int, end: int) -> list[Token]:
        return diffable[v].span(start, end)

    rows: list[Row] = []
    sentence_rows: list[dict[int, int]] = [dict() for _ in range(n)]
    unmatched: list[set[int]] = [set() for _ in range(n)]
    for r, g in enumerate(ordered):
        if r % 256 == 0:
            step.check()
        vs = sorted(g.cells)
        ref = base if base in g.cells else vs[0]
        spans = {}
        for v in vs:
            ids = tuple(sorted(g.cells[v]))
            spans[v] = (ids, sentences[v][ids[0]].start, sentences[v][ids[-1]].end)
            for i in ids:
                sentence_rows[v][i] = r
        if len(vs) == 1:
            unmatched[vs[0]].update(spans[vs[0]][0])
        _ref_ids, ref_s, ref_e = spans[ref]
        ref_norm = normalise(
            docs[ref].text[ref_s:ref_e],
            settings.ignore_case,
            settings.ignore_punctuation,
            settings.ignore_quote_style,
        )
        cells = []
        sims = []
        all_same = True
        for v in vs:
            ids, s, e = spans[v]
            ops: tuple = ()  # type: ignore[type-arg]
            if v != ref:
                norm = normalise(
                    docs[v].text[s:e],
                    settings.ignore_case,
                    settings.ignore_punctuation,
                    settings.ignore_quote_style,
                )
                same = norm == ref_norm
                all_same = all_same and same
                sims.append(1.0 if same else fuzz.ratio(norm, ref_norm) / 100.0)
                ops = word_ops(toks(ref, ref_s, ref_e), ref_e, toks(v, s, e), e)
            cells.append(Cell(labels[v], ids, s, e, ids[0] in moved[v], ops))
        match: MatchKind | None
        if len(vs) == 1:
            kind, sim, match = RowKind.UNIQUE, 0.0, None
        elif all_same:
            kind, sim, match = RowKind.SAME, 1.0, MatchKind.IDENTICAL
        else:
            kind, sim = RowKind.CHANGED, round(sum(sims) / len(sims), 3)
            match = MatchKind.PARAPHRASE if g.paraphrase else MatchKind.LEXICAL
        rows.append(Row(tuple(cells), kind, sim, labels[ref], match))

    step(0.9, "Finding claims")
    facts = [facts_by_sentence(d.text, s) for d, s in zip(docs, sentences, strict=True)]
    rows = _with_conflicts(rows, facts, labels)
    corpus = Corpus([d.text for d in docs], sentences, plain)
    claims, other = find_claims(corpus, sentence_rows, unmatched, labels, facts)

    matrix = _similarity_matrix(rows, units, labels)
    step(1.0, "Done")
    return PipelineResult(versions, tuple(rows), tuple(claims), matrix, settings, tuple(other))


def _with_conflicts(
    rows: list[Row], facts: Sequence[Sequence[tuple[Fact, ...]]], labels: Sequence[str]
) -> list[Row]:
    index = {lab: i for i, lab in enumerate(labels)}
    out = []
    for row in rows:
        if len(row.cells) >= 2 and row.kind is not RowKind.SAME:
            cells = [
                (c.version, [f for i in c.sentences for f in facts[index[c.version]][i]])
                for c in row.cells
            ]
            found = row_conflicts(cells)
            if found:
                row = replace(row, conflicts=found)
        out.append(row)
    return out


def _meanings(
    docs: Sequence[Document],
    sentences: Sequence[Sequence[Sentence]],
    plain: Sequence[TokenizedText],
) -> list[VersionMeaning]:
    model = shared_model()
    return [
        version_meaning(model, d.sha256, d.text, [(s.start, s.end) for s in sents], p)
        for d, sents, p in zip(docs, sentences, plain, strict=True)
    ]


def _similarity_matrix(
    rows: Sequence[Row], units: Sequence[Sequence[Unit]], labels: Sequence[str]
) -> tuple[tuple[float, ...], ...]:
    """Share of content in common: content words shared inside aligned rows, over the
    average content size of the two versions."""
    n = len(labels)
    index = {lab: i for i, lab in enumerate(labels)}
    totals = [sum(len(u.words) for u in us) for us in units]
    shared_counts = np.zeros((n, n), dtype=np.int64)
    for row in rows:
        if len(row.cells) < 2:
            continue
        vs = [index[c.version] for c in row.cells]
        counts = [
            Counter(w for i in c.sentences for w in units[v][i].words)
            for v, c in zip(vs, row.cells, strict=True)
        ]
        vocab = sorted(set().union(*counts))
        if not vocab:
            continue
        col = {w: k for k, w in enumerate(vocab)}
        mat = np.zeros((len(vs), len(vocab)), dtype=np.int64)
        for r, cnt in enumerate(counts):
            for w, k in cnt.items():
                mat[r, col[w]] = k
        # Words in common for every pair of cells at once: sum of element-wise minima.
        common = np.minimum(mat[:, None, :], mat[None, :, :]).sum(axis=2)
        np.fill_diagonal(common, 0)
        idx = np.asarray(vs, dtype=np.int64)
        shared_counts[np.ix_(idx, idx)] += common
    shared = shared_counts.tolist()
    out = []
    for a in range(n):
        line = []
        for b in range(n):
            if a == b:
                line.append(1.0)
            else:
                denom = (totals[a] + totals[b]) / 2.0
                line.append(round(shared[a][b] / denom, 3) if denom else 0.0)
        out.append(tuple(line))
    return tuple(out)
