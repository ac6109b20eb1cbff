"""The named stages of the analysis, in the order :func:`~variorum.engine.pipeline.run_pipeline`
runs them: segment -> score -> align -> group -> diff -> facts -> claims -> conflicts ->
similarity.

Each stage is a pure function of what earlier stages made (frozen values below) and the
:class:`~variorum.engine.model.Settings`; the long ones take a
:class:`~variorum.engine.progress.Step`, report progress through it and raise
:class:`~variorum.engine.progress.Cancelled` from it. None of them reads files, keeps state
between calls or knows about threads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress, count, repeat
from operator import attrgetter, not_

import numpy as np
from rapidfuzz import fuzz

from variorum.engine import limits
from variorum.engine.align import (
    Group,
    Link,
    Unit,
    align_pairs,
    candidate_pairs,
    group_links,
    longest_increasing,
    order_groups,
    version_pairs,
)
from variorum.engine.claims import Corpus, Verdict, assemble_claims, find_claims
from variorum.engine.claims import claim_verdicts as claim_verdicts_of
from variorum.engine.conflicts import row_conflicts
from variorum.engine.embed import shared_model
from variorum.engine.facts import Fact, facts_by_sentence
from variorum.engine.ingest_furniture import is_metadata
from variorum.engine.meaning import VersionMeaning, version_meanings
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
    made,
)
from variorum.engine.progress import Step
from variorum.engine.segment import WHOLE_TEXT_CHARS, Pieces, split_sentences
from variorum.engine.text import (
    TokenizedText,
    code_points,
    fold,
    normalise,
    normalise_keep_length,
    space_mask,
)
from variorum.engine.worddiff import SpanTokens, span_word_ops

MAX_MEANING_SENTENCES = 20_000
# Claims are looked for in a version's first this many sentences: judging a sentence costs
# a few hundred microseconds, so a book-length version would take minutes, and ten
# thousand claims are already more than anyone reads. The rest stays compared, row by row.
MAX_CLAIM_SENTENCES = 10_000
"""Paraphrase matching is used when no version has more sentences than this."""

_ID = attrgetter("id")
_START = attrgetter("start")
_END = attrgetter("end")

QUIET = Step(None, None)
"""A step that reports nothing and is never cancelled (tests, callers without a UI)."""

Facts = tuple[tuple[tuple[Fact, ...], ...], ...]
"""Per version, per sentence id: the facts that sentence states."""
Verdicts = tuple[tuple[tuple[Verdict, Verdict], ...], ...]
"""Per version, per sentence: its claim verdict when aligned, and when in a row alone."""


@dataclass(frozen=True)
class Segmented:
    """The documents split into sentences and tokenized, with their ``Version`` records."""

    docs: tuple[Document, ...]
    sentences: tuple[tuple[Sentence, ...], ...]
    plain: tuple[TokenizedText, ...]  # default folding: the claims' and meaning's words
    versions: tuple[Version, ...]
    base: int  # index of the base version

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(d.label for d in self.docs)


@dataclass(frozen=True)
class Scored:
    """Each sentence as the aligner sees it, and (for article-sized input) its meaning."""

    units: tuple[tuple[Unit, ...], ...]
    meaning: tuple[VersionMeaning, ...] | None

    @property
    def sizes(self) -> list[int]:
        return [len(u) for u in self.units]


@dataclass(frozen=True)
class Grouped:
    """Rows as groups of sentence ids in display order, and each version's moved ids."""

    groups: tuple[Group, ...]
    moved: tuple[frozenset[int], ...]


@dataclass(frozen=True)
class Diffed:
    """Rows with their word diffs, and where each sentence went."""

    rows: tuple[Row, ...]
    sentence_rows: tuple[dict[int, int], ...]  # per version: sentence id -> row index
    unmatched: tuple[frozenset[int], ...]  # per version: ids in a row of their own


def segment(docs: Sequence[Document], settings: Settings, step: Step = QUIET) -> Segmented:
    """Split every document at ``settings.granularity`` and tokenize it.

    Raises ``ValueError`` for fewer than two documents or repeated labels, and
    :class:`~variorum.engine.limits.LimitExceeded` when the split documents go over the
    stated limits (splitting stops early at the sentence limit, so this is cheap)."""
    if len(docs) < 2:
        raise ValueError("a comparison needs at least two versions")
    labels = [d.label for d in docs]
    if len(set(labels)) != len(labels):
        raise ValueError("version labels must be distinct")
    step(0.0, "Splitting sentences")
    most = limits.LIMITS.version_sentences
    memo: dict[str, tuple[Pieces, int]] = {}  # versions of one story share most paragraphs
    # Splitting a book-length text and tokenising it both look at where its spaces are.
    spaces = [
        space_mask(code_points(d.text)) if len(d.text) >= WHOLE_TEXT_CHARS else None for d in docs
    ]
    sentences = tuple(
        tuple(split_sentences(d.text, settings.granularity, most, step.check, memo, space))
        for d, space in zip(docs, spaces, strict=True)
    )
    del memo
    over = limits.check_documents(docs, settings.granularity, None, [len(s) for s in sentences])
    if over:
        raise limits.LimitExceeded(over)
    plain = tuple(TokenizedText(d.text, space=space) for d, space in zip(docs, spaces, strict=True))
    del spaces
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
    base = labels.index(settings.base) if settings.base in labels else 0
    return Segmented(tuple(docs), sentences, plain, versions, base)


def units(
    sentences: Sequence[Sentence],
    plain: TokenizedText,
    settings: Settings,
    step: Step = QUIET,
) -> tuple[Unit, ...]:
    """One :class:`Unit` per sentence: its text normalised by ``settings`` (spaces
    collapsed) and the skeletons of its content words."""
    # Folding is length-preserving for almost all text, so fold once and slice.
    folded = normalise_keep_length(
        plain.text, settings.ignore_case, settings.ignore_punctuation, settings.ignore_quote_style
    )
    step.check()
    keys = plain.content_keys([(s.start, s.end) for s in sentences])
    step.check()
    norms = []
    for k, s in enumerate(sentences):
        if not (k + 1) % 1024:
            step.check()
        if folded is not None:
            norms.append(" ".join(folded[s.start : s.end].split()))
        else:
            norms.append(
                normalise(
                    s.text,
                    settings.ignore_case,
                    settings.ignore_punctuation,
                    settings.ignore_quote_style,
                )
            )
    return tuple(made(Unit, len(norms), norms, keys))


def score(seg: Segmented, settings: Settings, step: Step = QUIET) -> Scored:
    """The aligner's view of every sentence, and sentence meanings when
    ``settings.match_paraphrases`` and no version has more than
    :data:`MAX_MEANING_SENTENCES` sentences (else ``meaning`` is None)."""
    step.check()
    us = tuple(units(s, p, settings, step) for s, p in zip(seg.sentences, seg.plain, strict=True))
    # Embedding a book-length version costs more than the rest of the analysis together,
    # and wording alone lines most of it up: meaning is for article-sized versions.
    step.check()
    meaning: tuple[VersionMeaning, ...] | None = None
    if settings.match_paraphrases and max(len(u) for u in us) <= MAX_MEANING_SENTENCES:
        model = shared_model()
        meaning = version_meanings(
            model,
            [
                (d.sha256, d.text, [(s.start, s.end) for s in sents], p)
                for d, sents, p in zip(seg.docs, seg.sentences, seg.plain, strict=True)
            ],
            step.check,
        )
    return Scored(us, meaning)


def align(seg: Segmented, scored: Scored, settings: Settings, step: Step = QUIET) -> list[Link]:
    """Links between sentences of the version pairs worth aligning (all pairs for a few
    versions), each pair aligned in reading order above ``settings.threshold``."""
    step(0.1, "Finding candidate pairs")
    n = len(seg.docs)
    max_postings = max(64, 4 * n)
    pairs = version_pairs(scored.units, seg.base)
    cands = candidate_pairs(scored.units, max_postings, pairs)

    def progress(k: int) -> None:
        if k % 8 == 0:
            step(0.1 + 0.6 * k / max(1, len(pairs)), "Aligning versions")

    return align_pairs(
        scored.units, pairs, cands, settings.threshold, scored.meaning, progress, step.check
    )


def group(scored: Scored, links: Sequence[Link], settings: Settings, step: Step = QUIET) -> Grouped:
    """Rows from the links: every sentence in exactly one group, the groups in an order
    each version reads top to bottom where it can; the sentences out of their version's
    reading order are its moved ones."""
    step(0.7, "Grouping rows")
    sizes = scored.sizes
    meaning = list(scored.meaning) if scored.meaning is not None else None
    groups = group_links(sizes, links, scored.units, settings.threshold, meaning)
    ordered = order_groups(sizes, groups, step.check)
    firsts: list[list[int]] = [[] for _ in sizes]  # per version: each row's first id
    for g in ordered:
        for v, ids in g.cells.items():
            firsts[v].append(ids[0] if len(ids) == 1 else min(ids))
    moved: list[frozenset[int]] = []
    for seq in firsts:
        keep = longest_increasing(seq)
        if len(keep) == len(seq):  # all in reading order (most of a long version)
            moved.append(frozenset())
        else:
            moved.append(frozenset(seq[p] for p in range(len(seq)) if p not in keep))
    return Grouped(tuple(ordered), tuple(moved))


def diff(seg: Segmented, grouped: Grouped, settings: Settings, step: Step = QUIET) -> Diffed:
    """One :class:`Row` per group: its cells, their word changes against the row's
    reference (the base version when present, else the first), its kind (unique, same,
    changed) and mean similarity to the reference. No conflicts yet."""
    step(0.8, "Diffing words")
    docs, sentences, labels, base = seg.docs, seg.sentences, seg.labels, seg.base
    n = len(docs)
    options = {
        "ignore_case": settings.ignore_case,
        "ignore_punctuation": settings.ignore_punctuation,
        "ignore_quotes": settings.ignore_quote_style,
    }
    diffable = (
        seg.plain
        if options == {"ignore_case": True, "ignore_punctuation": False, "ignore_quotes": True}
        else tuple(
            TokenizedText(
                d.text,
                settings.ignore_case,
                settings.ignore_punctuation,
                settings.ignore_quote_style,
            )
            for d in docs
        )
    )

    def norm_of(v: int, start: int, end: int) -> str:
        if settings.ignore_punctuation:
            return normalise(
                docs[v].text[start:end],
                settings.ignore_case,
                settings.ignore_punctuation,
                settings.ignore_quote_style,
            )
        # normalise() without its regex: split() collapses and strips the same spaces.
        folded = fold(docs[v].text[start:end], settings.ignore_case, settings.ignore_quote_style)
        return " ".join(folded.split())

    rows: list[Row | None] = []
    sentence_rows: list[dict[int, int]] = [dict() for _ in range(n)]
    unmatched: list[set[int]] = [set() for _ in range(n)]
    # One-sentence rows of one version (most of a long version): nothing to diff, so they
    # are only noted here, by version, and made together below.
    alone_rows: list[list[int]] = [[] for _ in range(n)]
    alone_ids: list[list[int]] = [[] for _ in range(n)]
    for r, g in enumerate(grouped.groups):
        if r % 256 == 0:
            step.check()
        if len(g.cells) == 1:  # a one-version row: nothing to diff
            ((v, raw),) = g.cells.items()
            if len(raw) == 1:
                alone_rows[v].append(r)
                alone_ids[v].append(raw[0])
                rows.append(None)
                continue
            ids = tuple(sorted(raw))
            for i in ids:
                sentence_rows[v][i] = r
            unmatched[v].update(ids)
            s, e = sentences[v][ids[0]].start, sentences[v][ids[-1]].end
            cell = Cell(labels[v], ids, s, e, ids[0] in grouped.moved[v], ())
            rows.append(Row((cell,), RowKind.UNIQUE, 0.0, labels[v], None))
            continue
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
        cells = []
        sims = []
        all_same = True
        if len(vs) > 1:  # a one-version row has nothing to compare
            ref_norm = norm_of(ref, ref_s, ref_e)
            ref_tokens = SpanTokens(*diffable[ref].span_parts(ref_s, ref_e))
        for v in vs:
            ids, s, e = spans[v]
            ops: tuple = ()  # type: ignore[type-arg]
            if v != ref:
                norm = norm_of(v, s, e)
                same = norm == ref_norm
                all_same = all_same and same
                sims.append(1.0 if same else fuzz.ratio(norm, ref_norm) / 100.0)
                tokens = SpanTokens(*diffable[v].span_parts(s, e))
                ops = span_word_ops(ref_tokens, ref_e, tokens, e)
            cells.append(Cell(labels[v], ids, s, e, ids[0] in grouped.moved[v], ops))
        match: MatchKind | None
        if len(vs) == 1:
            kind, sim, match = RowKind.UNIQUE, 0.0, None
        elif all_same:
            kind, sim, match = RowKind.SAME, 1.0, MatchKind.IDENTICAL
        else:
            kind, sim = RowKind.CHANGED, round(sum(sims) / len(sims), 3)
            match = MatchKind.PARAPHRASE if g.paraphrase else MatchKind.LEXICAL
        rows.append(Row(tuple(cells), kind, sim, labels[ref], match))
    for v, (at, ids_v) in enumerate(zip(alone_rows, alone_ids, strict=True)):
        step.check()
        sentence_rows[v].update(zip(ids_v, at, strict=True))
        unmatched[v].update(ids_v)
        sents = [sentences[v][i] for i in ids_v]
        label = labels[v]
        cells_v = made(
            Cell,
            len(ids_v),
            repeat(label),
            zip(ids_v),  # each id as a 1-tuple
            map(_START, sents),
            map(_END, sents),
            map(grouped.moved[v].__contains__, ids_v),
            repeat(()),
        )
        rows_v = made(
            Row,
            len(ids_v),
            zip(cells_v),  # each cell as a 1-tuple
            repeat(RowKind.UNIQUE),
            repeat(0.0),
            repeat(label),
            repeat(None),
            repeat(()),
        )
        for r, row in zip(at, rows_v, strict=True):
            rows[r] = row
    all_rows: tuple[Row, ...] = tuple(rows)  # type: ignore[arg-type]  # every row is made now
    return Diffed(all_rows, tuple(sentence_rows), tuple(frozenset(u) for u in unmatched))


def head_facts(seg: Segmented, step: Step = QUIET) -> Facts:
    """The facts of each version's first :data:`MAX_CLAIM_SENTENCES` sentences (all of an
    article's): all that claims need, and known before the alignment is."""
    step.check()
    memo: dict[str, tuple[Fact, ...]] = {}  # versions repeat most sentences: read each once
    return tuple(
        tuple(facts_by_sentence(d.text, sents[:MAX_CLAIM_SENTENCES], memo))
        for d, sents in zip(seg.docs, seg.sentences, strict=True)
    )


def facts(
    seg: Segmented, diffed: Diffed | None = None, step: Step = QUIET, head: Facts | None = None
) -> Facts:
    """The facts (people, places, figures, dates) each sentence of each version states.

    Past a version's first :data:`MAX_CLAIM_SENTENCES` sentences (given ``diffed``), only
    sentences aligned with another version's are read: facts there serve conflicts alone.
    ``head``, when given, is :func:`head_facts` of the same input (worked out elsewhere)."""
    step(0.9, "Finding claims")
    if diffed is None:  # every sentence's
        memo: dict[str, tuple[Fact, ...]] = {}
        return tuple(
            tuple(facts_by_sentence(d.text, sents, memo))
            for d, sents in zip(seg.docs, seg.sentences, strict=True)
        )
    out = []
    for v, (d, sents, known) in enumerate(
        zip(seg.docs, seg.sentences, head or head_facts(seg, step), strict=True)
    ):
        if len(sents) <= MAX_CLAIM_SENTENCES:
            out.append(known)
            continue
        rest = sents[MAX_CLAIM_SENTENCES:]
        # Most of a long version is in rows of its own: those are found in C loops.
        alone = diffed.unmatched[v]
        paired = compress(count(), map(not_, map(alone.__contains__, map(_ID, rest))))
        tail: list[tuple[Fact, ...]] = [()] * len(rest)
        for n, k in enumerate(paired):
            if not (n + 1) % 4096:
                step.check()
            tail[k] = tuple(facts_by_sentence(d.text, [rest[k]])[0])
        out.append((*known, *tail))
    return tuple(out)


def claims(
    seg: Segmented,
    diffed: Diffed,
    found: Facts,
    step: Step = QUIET,
    verdicts: Verdicts | None = None,
) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
    """(claims, other unique text): check-worthy content only one version carries, most
    salient first; and the unmatched sentences that carry no checkable fact. Only each
    version's first :data:`MAX_CLAIM_SENTENCES` sentences are looked at. ``verdicts``, when
    given, are :func:`claim_verdicts` of the same input (worked out elsewhere)."""
    step.check()
    if verdicts is None:
        corpus = Corpus([d.text for d in seg.docs], seg.sentences, seg.plain, MAX_CLAIM_SENTENCES)
        found_claims, other = find_claims(
            corpus,
            diffed.sentence_rows,
            diffed.unmatched,
            seg.labels,
            found,
            step.check,
            MAX_CLAIM_SENTENCES,
        )
    else:
        known = verdicts
        found_claims, other = assemble_claims(
            seg.sentences,
            diffed.sentence_rows,
            diffed.unmatched,
            seg.labels,
            lambda v, s, is_unmatched: known[v][s.id][is_unmatched],
            step.check,
            MAX_CLAIM_SENTENCES,
        )
    return tuple(found_claims), tuple(other)


def claim_verdicts(seg: Segmented, found: Facts, step: Step = QUIET) -> Verdicts:
    """Every sentence's claim verdict, aligned and unmatched (see
    :func:`~variorum.engine.claims.claim_verdicts`): what :func:`claims` needs besides the
    alignment, so it can be worked out beside it."""
    corpus = Corpus([d.text for d in seg.docs], seg.sentences, seg.plain, MAX_CLAIM_SENTENCES)
    return claim_verdicts_of(corpus, found, MAX_CLAIM_SENTENCES, step.check)


def claims_cut(versions: Sequence[Version]) -> tuple[Version, ...]:
    """``versions``, each one too long for claims throughout saying so (``claims_cut``)."""
    return tuple(
        replace(
            v,
            claims_cut=f"claims looked for in its first {MAX_CLAIM_SENTENCES:,} "
            f"of {len(v.sentences):,} sentences",
        )
        if len(v.sentences) > MAX_CLAIM_SENTENCES
        else v
        for v in versions
    )


def conflicts(rows: Sequence[Row], found: Facts, labels: Sequence[str]) -> tuple[Row, ...]:
    """``rows`` with each changed row's conflicting facts (a figure, date or name the
    versions state differently) attached; same and unique rows are left as they are."""
    index = {lab: i for i, lab in enumerate(labels)}
    out = []
    for row in rows:
        if len(row.cells) >= 2 and row.kind is not RowKind.SAME:
            cells = [
                (c.version, [f for i in c.sentences for f in found[index[c.version]][i]])
                for c in row.cells
            ]
            conflicting = row_conflicts(cells)
            if conflicting:
                row = replace(row, conflicts=conflicting)
        out.append(row)
    return tuple(out)


def similarity(
    rows: Sequence[Row], units: Sequence[Sequence[Unit]], labels: Sequence[str]
) -> tuple[tuple[float, ...], ...]:
    """Share of content in common: content words shared inside aligned rows, over the
    average content size of the two versions; 1.0 on the diagonal, rounded to 3 places."""
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
