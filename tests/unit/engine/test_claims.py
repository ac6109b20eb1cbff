"""Claims and unique terms: names, numbers, quotes, phrases, spelling variants."""

from __future__ import annotations

import pytest

from variorum.engine.api import compare_documents
from variorum.engine.claims import distinctive
from variorum.engine.model import Comparison, Document, TermKind


def compare(*texts: str) -> Comparison:
    return compare_documents([Document(f"v{i}", "", t) for i, t in enumerate(texts)])


def terms_of(c: Comparison, label: str) -> dict[str, TermKind]:
    return {t.text: t.kind for cl in c.claims_for(label) for t in cl.terms}


BASE = (
    "President Volodymyr Zelensky met reporters in Kyiv. "
    "He said about 1,000 troops would stay near the border. "
    "The talks in Geneva ended without agreement."
)


@pytest.mark.parametrize(
    ("variant", "term", "kind"),
    [
        (BASE.replace("1,000", "10,000"), "10,000 troops", TermKind.NUMBER),
        (
            BASE.replace("The talks", "Foreign Minister Dmytro Kuleba said the talks"),
            "Foreign Minister Dmytro Kuleba",
            TermKind.NAME,
        ),
        (
            BASE + " ‘We will not retreat from the line,’ he added.",
            "We will not retreat from the line",
            TermKind.QUOTE,
        ),
        (
            BASE + " NATO officials described classified war games near the coast.",
            "classified war games",
            TermKind.PHRASE,
        ),
    ],
)
def test_unique_term_found(variant: str, term: str, kind: TermKind) -> None:
    c = compare(BASE, variant)
    assert terms_of(c, "v1").get(term) is kind
    # The base only gains a term where it says something different (its own number).
    expected_base = {"1,000 troops": TermKind.NUMBER} if kind is TermKind.NUMBER else {}
    assert terms_of(c, "v0") == expected_base


def test_spelling_variant_and_possessive_are_not_unique() -> None:
    variant = BASE.replace("Volodymyr Zelensky met", "Volodymyr Zelenskyy’s aides met")
    c = compare(BASE, variant)
    for label in c.labels:
        assert not any("Zelensk" in t for t in terms_of(c, label))


def test_shared_quote_is_not_a_claim_term() -> None:
    q = " ‘I can say that several countries are willing,’ Rutte said."
    c = compare(BASE + q, BASE.replace("reporters", "journalists") + q)
    for label in c.labels:
        assert not any("I can say" in t for t in terms_of(c, label))


def test_unmatched_sentence_without_a_fact_is_other_unique_text() -> None:
    c = compare(BASE, BASE + " It was a long day for everyone involved.")
    assert c.claims_for("v1") == ()
    (other,) = c.other_unique_for("v1")
    assert other.unmatched and other.terms == ()
    assert other.text == "It was a long day for everyone involved."


def test_unmatched_sentence_with_a_fact_is_a_claim() -> None:
    c = compare(BASE, BASE + " The mayor said work would start in May.")
    (mine,) = c.claims_for("v1")
    assert mine.unmatched and mine.text == "The mayor said work would start in May."
    assert c.other_unique == ()


def test_claims_ranked_by_new_factual_content() -> None:
    richer = (
        BASE + " Operation Sentinel moved 32 battalions to Poland, a whistleblower said."
        " Officials in Warsaw were surprised."
    )
    c = compare(BASE, richer)
    mine = c.claims_for("v1")
    assert "Operation Sentinel" in mine[0].text
    assert mine[0].salience > mine[-1].salience


def test_term_offsets_point_into_version_text() -> None:
    c = compare(BASE, BASE.replace("1,000", "10,000") + " Operation Sentinel began.")
    for cl in c.claims:
        text = c.version(cl.version).text
        for t in cl.terms:
            assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("whistleblower", True),
        ("artillery", True),
        ("documents", False),
        ("suggested", False),
        ("said", False),
        ("the", False),
    ],
)
def test_distinctive_words(word: str, expected: bool) -> None:
    assert distinctive(word) is expected
