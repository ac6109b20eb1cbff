"""Facts the versions disagree on: normalised values, planted conflicts, other words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.conflicts import row_conflicts
from variorum.engine.facts import facts_in
from variorum.engine.model import Comparison, FactKind
from variorum.export import comparison_to_json, format_summary

DATA = Path(__file__).resolve().parents[2] / "data" / "conflicts"


def family(name: str) -> Comparison:
    docs, problems = load_documents([DATA / f"{name}_page.txt", DATA / f"{name}_rewrite.txt"])
    assert not problems
    return compare_documents(docs)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The council voted nine votes to three.", "The council voted 9-3."),
        ("The council voted 9 to 3.", "The council voted 9–3."),
        ("It will take a year and a half.", "It will take 18 months."),
        ("It will take one and a half years.", "It will take 18 months."),
        ("It costs €4.2m.", "It costs €4.2 million."),
        ("It costs 4.2 million euros.", "It costs €4.2 million."),
        ("It protects 1,400 homes.", "It protects 1400 homes."),
        ("It protects three hundred and twenty homes.", "It protects 320 homes."),
        ("Turnout was 30 per cent.", "Turnout was 30%."),
    ],
)
def test_same_fact_in_other_words_has_one_value(a: str, b: str) -> None:
    fa, fb = facts_in(a), facts_in(b)
    assert [(f.kind, f.about, f.value) for f in fa] == [(f.kind, f.about, f.value) for f in fb]
    assert fa, "no fact found"


@pytest.mark.parametrize(
    ("text", "kind", "about", "value"),
    [
        ("Work starts in May.", FactKind.DATE, "month", "05"),
        ("It opened on 12 March 2026.", FactKind.DATE, "month", "2026-03-12"),
        ("They meet on Tuesday.", FactKind.DATE, "weekday", "tuesday"),
        ("'We are ready,' said Mayor Helen Okafor.", FactKind.PERSON, "mayor", "okafor"),
        ("The firm is based in Dunmore.", FactKind.PLACE, "place", "dunmore"),
        ("over 10,000 multinational troops", FactKind.QUANTITY, "trop", "10000"),
    ],
)
def test_fact_kinds(text: str, kind: FactKind, about: str, value: str) -> None:
    assert any((f.kind, f.about, f.value) == (kind, about, value) for f in facts_in(text))


def test_may_the_verb_is_no_date() -> None:
    assert not [f for f in facts_in("The plan may change.") if f.kind is FactKind.DATE]


PLANTED = {
    FactKind.NUMBER: ("The city council voted", "9 to 3", "8 to 4"),
    FactKind.MONEY: ("The barrier will cost", "€4.2 million", "€5.1 million"),
    FactKind.DATE: ("Construction is due", "May", "June"),
    FactKind.PERSON: ('"This barrier will protect', "Helen Okafor", "Tom Price"),
    FactKind.PLACE: ("The contract was awarded", "Dunmore", "Carrick"),
}


def test_planted_conflicts_are_all_found_on_their_rows() -> None:
    c = family("planted")
    page, rewrite = c.labels
    found = c.disagreements
    assert sorted(k.kind for _, k in found) == sorted(PLANTED)
    for row, k in found:
        start, old, new = PLANTED[k.kind]
        cell = c.rows[row].cell(page)
        assert cell is not None
        assert c.version(page).text[cell.start : cell.end].startswith(start)
        assert (k.value(page).text, k.value(rewrite).text) == (old, new)  # type: ignore[union-attr]
        for v in k.values:
            assert c.version(v.version).text[v.start : v.end] == v.text


def test_same_facts_in_other_words_are_no_conflict() -> None:
    c = family("reworded")
    assert sum(1 for r in c.rows if len(r.cells) == 2) >= 5  # the rows did align
    assert c.disagreements == ()


def test_a_fact_only_one_cell_states_is_no_conflict() -> None:
    (f,) = [f for f in facts_in("It costs €4.2m.")]
    assert row_conflicts([("a", [f]), ("b", [])]) == ()


def test_conflicts_in_json_and_summary_first() -> None:
    c = family("planted")
    rows = json.loads(comparison_to_json(c))["rows"]
    conflicts = [k for r in rows for k in r["conflicts"]]
    assert {k["kind"] for k in conflicts} == {"number", "money", "date", "person", "place"}
    money = next(k for k in conflicts if k["kind"] == "money")
    page, rewrite = c.labels
    assert money["values"] == {page: "€4.2 million", rewrite: "€5.1 million"}
    start, end = money["spans"][page]
    assert c.version(page).text[start:end] == "€4.2 million"
    summary = format_summary(c)
    assert summary.index("Where the versions disagree") < summary.index("Versions")
    assert "€4.2 million [" in summary and "\u2260 €5.1 million" in summary
