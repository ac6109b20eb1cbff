"""Disagreements as the views name and mark them: kinds, values side by side, the grid's
marks (a ≠ point and a marked span on each differing value), and what a pair view shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from variorum.disagreements import (
    DISAGREE_GLYPH,
    describe,
    describe_for,
    is_shown,
    kind_text,
    shown_disagreements,
)
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.model import Comparison, Conflict, ConflictValue, FactKind
from variorum.marks import Mark, cell_runs, claims_by_sentence
from variorum.report.markup import render_runs

DATA = Path(__file__).resolve().parents[1] / "data" / "conflicts"


@pytest.fixture(scope="module")
def planted() -> Comparison:
    docs, _ = load_documents([DATA / "planted_page.txt", DATA / "planted_rewrite.txt"])
    return compare_documents(docs)


def test_every_planted_disagreement_is_listed_in_row_order(planted: Comparison) -> None:
    found = shown_disagreements(planted)
    assert [kind_text(d.conflict) for d in found] == [
        "number (score)",
        "money (EUR)",
        "date (month)",
        "person (speaker)",
        "place",
    ]
    assert [d.row for d in found] == sorted(d.row for d in found)
    first = found[0].conflict
    assert describe(first) == (
        "number (score): \u201c9 to 3\u201d (planted_page) \u2260 "
        "\u201c8 to 4\u201d (planted_rewrite)"
    )
    assert describe_for(first, "planted_rewrite") == (
        "number (score): \u201c8 to 4\u201d here, \u201c9 to 3\u201d in planted_page"
    )


def test_a_view_shows_only_disagreements_between_its_versions() -> None:
    k = Conflict(
        FactKind.NUMBER,
        "troops",
        (ConflictValue("a", "5,000", 0, 5), ConflictValue("b", "10,000", 0, 6),
         ConflictValue("c", "5,000", 0, 5)),
    )  # fmt: skip
    assert is_shown(k, None)
    assert is_shown(k, ("a", "b"))
    assert not is_shown(k, ("a", "c"))  # they agree with each other
    assert not is_shown(k, ("a",))


def test_each_differing_value_is_marked_after_a_point(planted: Comparison) -> None:
    claims = claims_by_sentence(planted)
    for d in shown_disagreements(planted):
        row = planted.rows[d.row]
        for value in d.conflict.values:
            sentences = {s.id: s for s in planted.version(value.version).sentences}
            runs = cell_runs(planted, row, value.version, claims, sentences)
            marked = "".join(r.text for r in runs if Mark.CONFLICT in r.marks)
            assert marked == value.text
            points = [i for i, r in enumerate(runs) if not r.text and Mark.CONFLICT in r.marks]
            assert len(points) == 1
            assert runs[points[0] + 1].text.startswith(value.text[:1])


def test_no_marks_when_the_caller_shows_no_disagreement(planted: Comparison) -> None:
    row = planted.rows[shown_disagreements(planted)[0].row]
    label = row.cells[0].version
    sentences = {s.id: s for s in planted.version(label).sentences}
    runs = cell_runs(planted, row, label, {}, sentences, conflicts=())
    assert not any(Mark.CONFLICT in r.marks for r in runs)


def test_the_report_grid_writes_the_glyph_and_the_box_class(planted: Comparison) -> None:
    row = planted.rows[0]
    label = row.cells[1].version
    sentences = {s.id: s for s in planted.version(label).sentences}
    html = render_runs(cell_runs(planted, row, label, {}, sentences))
    assert f'<span class="confglyph">{DISAGREE_GLYPH}</span>' in html
    assert 'class="conf">8 to 4</span>' in html
