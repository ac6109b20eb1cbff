"""Facts the versions disagree on: normalised values, planted conflicts, other words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum.engine.api import compare_documents, load_documents
from variorum.engine.conflicts import row_conflicts
from variorum.engine.facts import Fact, facts_in
from variorum.engine.model import Comparison, Conflict, ConflictValue, FactKind
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


def _reference_conflicts(cells: list[tuple[str, list[Fact]]]) -> tuple[Conflict, ...]:
    """The first, quadratic formulation (each fact against every other cell), as an oracle."""
    from variorum.engine.conflicts import _same

    def states(kind: FactKind, value: str, facts: list[Fact]) -> bool:
        return any(f.kind is kind and _same(kind, value, f.value) for f in facts)

    slots: dict[tuple[FactKind, str], None] = {}
    for _label, facts in cells:
        for f in facts:
            slots.setdefault((f.kind, f.about), None)
    out: list[Conflict] = []
    taken: set[tuple[str, int]] = set()
    for kind, about in slots:
        stating = [
            (label, [f for f in facts if f.kind is kind and f.about == about], facts)
            for label, facts in cells
        ]
        stating = [s for s in stating if s[1]]
        if len(stating) < 2:
            continue
        own: dict[str, Fact] = {}
        for label, mine, _all in stating:
            others = [all_facts for lab, _m, all_facts in stating if lab != label]
            for f in mine:
                if any(not states(kind, f.value, o) for o in others):
                    own.setdefault(label, f)
        if len(own) < 2:
            continue
        values = [
            ConflictValue(
                label,
                own.get(label, mine[0]).text,
                own.get(label, mine[0]).start,
                own.get(label, mine[0]).end,
            )
            for label, mine, _all in stating
        ]
        if all((v.version, v.start) in taken for v in values):
            continue
        taken.update((v.version, v.start) for v in values)
        out.append(Conflict(kind, about, tuple(values)))
    return tuple(out)


_FACT = st.builds(
    Fact,
    st.sampled_from([FactKind.NUMBER, FactKind.PERSON, FactKind.MONEY]),
    st.sampled_from(["votes", "speaker", "EUR"]),
    st.sampled_from(["9-3", "8-4", "okafor", "okafr", "price", "4.2m"]),
    st.integers(0, 50),
    st.just(0),
    st.just("x"),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_FACT, max_size=4), min_size=2, max_size=6))
def test_row_conflicts_match_the_pairwise_definition(per_cell: list[list[Fact]]) -> None:
    cells = [(f"v{k}", facts) for k, facts in enumerate(per_cell)]
    assert row_conflicts(cells) == _reference_conflicts(cells)
