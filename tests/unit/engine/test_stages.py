"""Each named stage of the pipeline on its own, and run_pipeline as their composition."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError, replace

import pytest

from variorum.engine import stages
from variorum.engine.claims import (
    Corpus,
    extract_candidates,
    name_candidates,
    number_candidates,
    phrase_candidates,
    quote_candidates,
)
from variorum.engine.limits import LimitExceeded
from variorum.engine.model import Comparison, Document, FactKind, RowKind, Settings, TermKind
from variorum.engine.pipeline import run_pipeline
from variorum.engine.progress import Cancelled, Step

WORDING = Settings(match_paraphrases=False)  # no embedding model: these tests stay small

A = (
    "The council approved the flood barrier on Monday. "
    "It will cost 4 million euros. "
    "Residents welcomed the decision."
)
B = (
    "Residents welcomed the decision. "
    "The council approved the flood barrier on Monday. "
    "It will cost 9 million euros. "
    "Mayor Anna Berg called it a secret deal with Northgate Holdings."
)


def _docs(*texts: str) -> list[Document]:
    return [Document(f"v{k}", f"v{k}.txt", t) for k, t in enumerate(texts)]


def _through_diff(
    texts: tuple[str, ...] = (A, B), settings: Settings = WORDING
) -> tuple[stages.Segmented, stages.Scored, stages.Diffed]:
    seg = stages.segment(_docs(*texts), settings)
    scored = stages.score(seg, settings)
    grouped = stages.group(scored, stages.align(seg, scored, settings), settings)
    return seg, scored, stages.diff(seg, grouped, settings)


def test_segment_splits_and_builds_versions() -> None:
    seg = stages.segment(_docs(A, B), Settings(base="v1"))
    assert [len(s) for s in seg.sentences] == [3, 4]
    assert seg.labels == ("v0", "v1")
    assert [v.label for v in seg.versions] == ["v0", "v1"]
    assert seg.versions[1].sentences == seg.sentences[1]
    assert seg.versions[0].word_count == seg.plain[0].word_count()
    assert seg.base == 1


@pytest.mark.parametrize(
    ("docs", "message"),
    [
        (_docs(A), "at least two"),
        ([Document("x", "a", A), Document("x", "b", B)], "distinct"),
    ],
)
def test_segment_refuses_bad_input(docs: list[Document], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        stages.segment(docs, WORDING)


def test_segment_checks_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from variorum.engine import limits

    monkeypatch.setattr(limits, "LIMITS", limits.Limits(version_sentences=2))
    with pytest.raises(LimitExceeded):
        stages.segment(_docs(A, B), WORDING)


def test_units_normalise_and_keep_content_words() -> None:
    seg = stages.segment(_docs("It will COST 4 “million” euros.", A), WORDING)
    (unit,) = stages.units(seg.sentences[0], seg.plain[0], WORDING)
    assert unit.norm == 'it will cost 4 "million" euros.'
    assert "cost" in unit.words and "will" not in unit.words


def test_score_without_paraphrases_has_no_meaning() -> None:
    seg = stages.segment(_docs(A, B), WORDING)
    scored = stages.score(seg, WORDING)
    assert scored.meaning is None
    assert scored.sizes == [3, 4]


def test_score_skips_meaning_for_long_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stages, "MAX_MEANING_SENTENCES", 3)
    seg = stages.segment(_docs(A, B), Settings())  # B has 4 sentences: over the bar
    assert stages.score(seg, Settings()).meaning is None


def test_align_links_matching_sentences() -> None:
    seg = stages.segment(_docs(A, B), WORDING)
    scored = stages.score(seg, WORDING)
    links = stages.align(seg, scored, WORDING)
    pairs = {(link.a, link.b) for link in links}
    assert ((0,), (1,)) in pairs  # the council sentence
    assert ((1,), (2,)) in pairs  # the cost sentence, changed figure
    assert all(link.va == 0 and link.vb == 1 for link in links)


def test_group_puts_every_sentence_in_one_row_and_finds_moves() -> None:
    seg = stages.segment(_docs(A, B), WORDING)
    scored = stages.score(seg, WORDING)
    grouped = stages.group(scored, stages.align(seg, scored, WORDING), WORDING)
    for v, size in enumerate(scored.sizes):
        ids = sorted(i for g in grouped.groups for i in g.cells.get(v, []))
        assert ids == list(range(size))
    # "Residents welcomed the decision" comes first in v1 and last in v0: one is moved.
    assert grouped.moved[0] | grouped.moved[1]


def test_diff_kinds_rows_and_unmatched() -> None:
    _seg, _scored, diffed = _through_diff()
    kinds = [r.kind for r in diffed.rows]
    assert kinds.count(RowKind.SAME) == 2
    assert kinds.count(RowKind.CHANGED) == 1
    assert kinds.count(RowKind.UNIQUE) == 1
    changed = next(r for r in diffed.rows if r.kind is RowKind.CHANGED)
    assert 0 < changed.similarity < 1
    assert any(c.ops for c in changed.cells)  # the word change 4 -> 9
    assert not changed.conflicts  # conflicts are a later stage
    assert diffed.unmatched == (frozenset(), frozenset({3}))
    for v, rows_of in enumerate(diffed.sentence_rows):
        for sid, r in rows_of.items():
            assert any(c.version == f"v{v}" and sid in c.sentences for c in diffed.rows[r].cells)


def test_facts_then_conflicts_mark_the_changed_figure() -> None:
    seg, _scored, diffed = _through_diff()
    found = stages.facts(seg)
    assert any(f.kind is FactKind.MONEY for f in found[0][1])
    rows = stages.conflicts(diffed.rows, found, seg.labels)
    marked = [r for r in rows if r.conflicts]
    assert len(marked) == 1 and marked[0].kind is RowKind.CHANGED
    for r, before in zip(rows, diffed.rows, strict=True):
        assert r == (replace(before, conflicts=r.conflicts) if r.conflicts else before)


def test_claims_finds_the_unique_sentence_and_changed_figure() -> None:
    seg, _scored, diffed = _through_diff()
    claims, _other = stages.claims(seg, diffed, stages.facts(seg))
    unmatched = [c for c in claims if c.unmatched]
    assert [(c.version, c.sentence) for c in unmatched] == [("v1", 3)]
    assert any(t.kind is TermKind.NAME for t in unmatched[0].terms)
    assert [c.salience for c in claims] == sorted((c.salience for c in claims), reverse=True)


def test_similarity_is_symmetric_with_unit_diagonal() -> None:
    seg, scored, diffed = _through_diff((A, A, B))
    matrix = stages.similarity(diffed.rows, scored.units, seg.labels)
    assert [matrix[k][k] for k in range(3)] == [1.0, 1.0, 1.0]
    assert matrix[0][1] == 1.0
    assert 0 < matrix[0][2] == matrix[2][0] < 1


def test_run_pipeline_builds_the_comparison_from_the_stages() -> None:
    seg, scored, diffed = _through_diff()
    found = stages.facts(seg)
    claims, other = stages.claims(seg, diffed, found)
    rows = stages.conflicts(diffed.rows, found, seg.labels)
    result = run_pipeline(_docs(A, B), WORDING)
    assert isinstance(result, Comparison)
    assert result.versions == seg.versions
    assert result.rows == rows
    assert result.claims == claims and result.other_unique == other
    assert result.similarity == stages.similarity(rows, scored.units, seg.labels)
    assert result.settings == WORDING and result.elapsed_ms > 0


def test_run_pipeline_reports_stages_in_order_and_cancels() -> None:
    heard: list[str] = []
    run_pipeline(_docs(A, B), WORDING, lambda _f, m: heard.append(m))
    firsts = [m for k, m in enumerate(heard) if m not in heard[:k]]
    assert firsts == [
        "Splitting sentences",
        "Finding candidate pairs",
        "Aligning versions",
        "Grouping rows",
        "Diffing words",
        "Finding claims",
        "Done",
    ]
    with pytest.raises(Cancelled):
        stages.diff(*_through_diff()[:1], stages.Grouped((), ()), WORDING, Step(None, lambda: True))


def _corpus_and_tokens(text: str) -> tuple[Corpus, list, list]:  # type: ignore[type-arg]
    seg = stages.segment(_docs(text, A), WORDING)
    corpus = Corpus([d.text for d in seg.docs], seg.sentences, seg.plain)
    s = seg.sentences[0][0]
    tokens = seg.plain[0].span(s.start, s.end)
    return corpus, tokens, [t for t in tokens if t.is_word]


def test_term_extractors_one_kind_each() -> None:
    text = (
        "Mayor Anna Berg of Northgate said “the barrier is finished” after 4,000 sandbags "
        "and clandestine ferrocement caissons arrived."
    )
    corpus, tokens, words = _corpus_and_tokens(text)
    s = corpus.sentences[0][0]
    assert [c.text for c in quote_candidates(text, s, words)] == ["the barrier is finished"]
    assert [c.text for c in number_candidates(text, words)] == ["4,000 sandbags"]
    assert [c.text for c in name_candidates(text, words)] == ["Mayor Anna Berg of Northgate"]
    phrases = phrase_candidates(corpus, 0, tokens)
    assert phrases and all(c.kind is TermKind.PHRASE for c in phrases)
    assert any("caissons" in c.text for c in phrases)
    everything = extract_candidates(corpus, 0, s, tokens)
    assert everything == [
        *quote_candidates(text, s, words),
        *number_candidates(text, words),
        *name_candidates(text, words),
        *phrases,
    ]


def test_a_lone_sentence_start_is_no_name() -> None:
    text = "Yesterday the barrier opened."
    _corpus, _tokens, words = _corpus_and_tokens(text)
    assert name_candidates(text, words) == []


def test_the_collector_is_back_as_it_was_after_a_run() -> None:
    import gc

    assert gc.isenabled()
    run_pipeline(_docs(A, B), WORDING)
    assert gc.isenabled()
    with pytest.raises(ValueError):
        run_pipeline(_docs(A), WORDING)
    assert gc.isenabled()
    gc.disable()
    try:
        run_pipeline(_docs(A, B), WORDING)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_folded_words_of_repeated_sentences_are_separate_lists() -> None:
    from variorum.engine.text import TokenizedText

    text = "Thank you. Thank you. THANK YOU!"
    tt = TokenizedText(text)
    first, second = tt.folded_words(0, 10), tt.folded_words(11, 21)
    assert first == second == ["thank", "you"]
    first.append("x")
    assert tt.folded_words(11, 21) == ["thank", "you"]
    assert tt.folded_words(22, len(text)) == ["thank", "you"]


def test_blas_runs_on_one_thread_during_an_analysis_and_comes_back() -> None:
    from threadpoolctl import threadpool_info

    from variorum.engine.pipeline import one_blas_thread

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    import numpy  # noqa: F401  (loads the BLAS library the limit applies to)

    before = blas_threads()
    assert before, "numpy's BLAS not found"
    with one_blas_thread():
        with one_blas_thread():  # nested (the report writer inside an analysis)
            assert set(blas_threads()) <= {1}
        assert set(blas_threads()) <= {1}
    assert blas_threads() == before


def test_claims_are_looked_for_in_a_long_versions_first_sentences_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stages, "MAX_CLAIM_SENTENCES", 3)
    long = (
        "Mayor Anna Berg opened the session. "
        "Northgate Holdings won the contract for 4 million euros. "
        "The council voted 9 to 3 on Monday. "
        "Colonel Ivo Marsh signed for 7,000 troops in Tallinn. "
        "The council approved the flood barrier on Monday. "
        "It will cost 5 million euros."
    )
    short = "The council approved the flood barrier on Monday. It will cost 4 million euros."
    c = run_pipeline(_docs(long, short), WORDING)
    texts = {cl.text for cl in c.claims if cl.version == "v0"}
    assert any("Northgate" in t for t in texts)  # within the first three sentences
    assert not any("Marsh" in t for t in texts)  # the fourth: not looked at
    assert not any(o.sentence >= 3 for o in c.other_unique if o.version == "v0")
    assert c.versions[0].claims_cut == "claims looked for in its first 3 of 6 sentences"
    assert c.versions[1].claims_cut == ""
    from variorum.export import comparison_to_dict, comparison_to_json, format_summary

    exported = json.loads(comparison_to_json(c))["versions"]
    assert exported[0]["claims_cut"] == c.versions[0].claims_cut
    assert "claims_cut" not in exported[1]
    assert comparison_to_dict(c)["versions"][0]["claims_cut"] == c.versions[0].claims_cut
    assert "claims looked for in its first 3 of 6 sentences" in format_summary(c)
    # Past the cut, aligned sentences still have their facts: the cost conflict is found.
    costs = [k for r in c.rows for k in r.conflicts if k.kind is FactKind.MONEY]
    assert costs and {v.text for v in costs[0].values} == {"5 million euros", "4 million euros"}


def test_made_is_the_dataclass_made_field_by_field() -> None:
    from itertools import repeat

    from variorum.engine.model import Cell, Row, Sentence, made

    got = made(Sentence, 2, range(2), [0, 1], [0, 6], [5, 9], ["One.", "Two."])
    assert got == [Sentence(0, 0, 0, 5, "One."), Sentence(1, 1, 6, 9, "Two.")]
    assert [hash(s) for s in got] == [hash(Sentence(0, 0, 0, 5, "One.")), hash(got[1])]
    cells = made(Cell, 2, repeat("a"), [(0,), (1,)], [0, 6], [5, 9], [False, True], repeat(()))
    assert cells == [Cell("a", (0,), 0, 5), Cell("a", (1,), 6, 9, True)]
    rows = made(Row, 1, [(cells[0],)], [RowKind.UNIQUE], [0.0], ["a"], [None], [()])
    assert rows == [Row((cells[0],), RowKind.UNIQUE, 0.0, "a")]
    with pytest.raises(FrozenInstanceError):
        rows[0].kind = RowKind.SAME  # type: ignore[misc]
