"""Check-worthy claims on the seed articles: filler is "other unique text", facts are claims."""

from __future__ import annotations

from functools import cache

import pytest

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.lexicon import categories
from variorum.engine.model import Comparison, TermKind
from variorum.resources import sample_paths


@cache
def seeds() -> Comparison:
    docs, problems = load_documents(sample_paths())
    assert not problems
    return compare_documents(docs)


def label(key: str) -> str:
    return next(lab for lab in seeds().labels if lab.startswith(key))


# Sentences only one version has, with nothing a fact-checker could check: no name beyond
# the story's subject, no figure, date or quotation. Labelled by hand from 002/003/004.
FILLER = [
    ("002", "This latter component has raised eyebrows among some European defense officials"),
    ("002", "The plan, which has been months in the making, is being framed as a dual-pronged"),
    ("002", "Sources close to the operation say the initiative has been fast-tracked"),
    ("003", "Historical context remains central to the discourse."),
    ("003", "The comments emerged in an interview carried by a regional newspaper"),
    ("003", "The notion, he said, hinges on the alliance receiving clear assurances"),
    ("003", "The overarching objective is to deliver meaningful security guarantees"),
    ("004", "He spoke in a way that suggested no option should be dismissed out of hand"),
    ("004", "He argued that fear should not dictate alliance decisions"),
    ("004", "The slow pace of agreement reflected the complexity"),
    ("004", "The absence of a unified agreement indicated the delicate balance"),
    ("004", "The dialogue highlighted how allies must weigh the immediate needs"),
    ("004", "In this framework, Western allies continue to evaluate a spectrum of support"),
    ("004", "The overarching aim remains to strengthen Ukraine’s capacity"),
]


@pytest.mark.parametrize(("key", "start"), FILLER)
def test_filler_sentence_is_not_a_claim(key: str, start: str) -> None:
    c = seeds()
    lab = label(key)
    assert any(s.text.startswith(start) for s in c.version(lab).sentences), "not in the seed"
    assert not any(cl.text.startswith(start) for cl in c.claims_for(lab))
    assert any(o.text.startswith(start) for o in c.other_unique_for(lab))


@pytest.mark.parametrize(
    ("key", "start"),
    [
        ("003", "Rasmussen further warned that Ukraine’s prospects at Vilnius"),
        ("004", "Radoslaw Sikorski, who leads Poland’s Ministry of Foreign Affairs"),
        ("002", "The deployment is divided into two distinct groups."),
        ("000", "Behind the scenes, NATO has been conducting classified war games"),
        ("000", "‘This is not a hypothetical anymore."),
    ],
)
def test_sentence_with_a_fact_stays_a_claim(key: str, start: str) -> None:
    lab = label(key)
    assert any(cl.text.startswith(start) for cl in seeds().claims_for(lab))


def test_claim_terms_are_never_lone_verbs_or_adjectives() -> None:
    for cl in seeds().claims:
        for t in cl.terms:
            if t.kind is TermKind.PHRASE and " " not in t.text:
                assert "noun" in categories(t.text), t.text


def test_claims_count_drops_and_nothing_is_lost() -> None:
    c = seeds()
    assert len(c.claims) <= 80  # 119 before filler was told apart
    claimed = {(cl.version, cl.sentence) for cl in c.claims}
    other = {(o.version, o.sentence) for o in c.other_unique}
    assert not claimed & other
    unmatched = {
        (row.cells[0].version, i)
        for row in c.rows
        if len(row.cells) == 1
        for i in row.cells[0].sentences
    }
    assert unmatched <= claimed | other  # every one-version sentence is shown somewhere
