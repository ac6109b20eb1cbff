"""Runs split a cell's text exactly once and carry the right marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.model import (
    Cell,
    Comparison,
    OpTag,
    Row,
    RowKind,
    Sentence,
    Version,
    WordOp,
)
from variorum.marks import Mark, Span, cell_runs, split_runs

TEXT = "The quick brown fox jumps over the lazy dog near the river bank today."


@st.composite
def spans_and_bounds(draw: st.DrawFn) -> tuple[int, int, list[Span], list[Span]]:
    start = draw(st.integers(0, len(TEXT)))
    end = draw(st.integers(start, len(TEXT)))
    pos = st.integers(0, len(TEXT))
    marks = st.sampled_from(list(Mark))
    spans = [
        Span(min(a, b), max(a, b), m)
        for a, b, m in draw(st.lists(st.tuples(pos, pos, marks), max_size=8))
    ]
    points = [Span(p, p, m) for p, m in draw(st.lists(st.tuples(pos, marks), max_size=4))]
    return start, end, spans, points


@given(spans_and_bounds())
def test_runs_cover_the_text_once_with_the_covering_marks(
    case: tuple[int, int, list[Span], list[Span]],
) -> None:
    start, end, spans, points = case
    runs = split_runs(TEXT, start, end, spans, points)
    assert "".join(r.text for r in runs) == TEXT[start:end]
    offset = start
    for run in runs:
        for i in range(offset, offset + len(run.text)):
            expected = {s.mark for s in spans if s.start <= i < s.end}
            assert run.marks == expected
        offset += len(run.text)
    expected_points = {(p.start, p.mark) for p in points if start <= p.start <= end}
    seen_points = {m for r in runs if not r.text for m in r.marks}
    assert seen_points == {m for _, m in expected_points}


def _version(label: str, text: str) -> Version:
    return Version(label, f"{label}.txt", None, text, (), (Sentence(0, 0, 0, len(text), text),), 5)


def test_reference_marks_only_what_every_other_version_changes() -> None:
    ref_text = "alpha beta gamma delta"
    a_text = "alpha gamma delta"  # drops "beta " and keeps the rest
    b_text = "alpha beta gamma"  # drops " delta" only
    c_text = "alpha gamma"  # drops both
    ops_a = (WordOp(OpTag.DELETE, 6, 11, 6, 6),)
    ops_b = (WordOp(OpTag.DELETE, 16, 22, 16, 16),)
    ops_c = (WordOp(OpTag.DELETE, 6, 11, 6, 6), WordOp(OpTag.DELETE, 16, 22, 11, 11))
    versions = tuple(
        _version(lab, t)
        for lab, t in (("r", ref_text), ("a", a_text), ("b", b_text), ("c", c_text))
    )
    row_ac = Row(
        (
            Cell("r", (0,), 0, len(ref_text)),
            Cell("a", (0,), 0, len(a_text), ops=ops_a),
            Cell("c", (0,), 0, len(c_text), ops=ops_c),
        ),
        RowKind.CHANGED,
        0.8,
        "r",
    )
    row_all = Row(
        (*row_ac.cells[:2], Cell("b", (0,), 0, len(b_text), ops=ops_b), row_ac.cells[2]),
        RowKind.CHANGED,
        0.8,
        "r",
    )
    comparison = Comparison(versions, (row_ac, row_all), (), ((1.0,) * 4,) * 4)
    sentences = {0: versions[0].sentences[0]}

    def dropped(row: Row) -> list[str]:
        runs = cell_runs(comparison, row, "r", {}, sentences)
        return [r.text for r in runs if Mark.DELETED in r.marks]

    assert dropped(row_ac) == ["beta "]  # a and c both lack it; only c lacks "delta"
    assert dropped(row_all) == []  # b keeps "beta", a keeps "delta"


def test_version_cell_marks_inserts_rewordings_and_gaps() -> None:
    ref_text = "Troops will deploy in spring"
    text = "Many troops will go in spring"
    ops = (
        WordOp(OpTag.INSERT, 0, 0, 0, 5),
        WordOp(OpTag.REPLACE, 12, 18, 17, 19),
        WordOp(OpTag.DELETE, 19, 21, 20, 20),
    )
    versions = (_version("ref", ref_text), _version("v", text))
    row = Row(
        (Cell("ref", (0,), 0, len(ref_text)), Cell("v", (0,), 0, len(text), ops=ops)),
        RowKind.CHANGED,
        0.7,
        "ref",
    )
    comparison = Comparison(versions, (row,), (), ((1.0, 0.7), (0.7, 1.0)))
    runs = cell_runs(comparison, row, "v", {}, {0: versions[1].sentences[0]})
    assert [r.text for r in runs if Mark.INSERTED in r.marks] == ["Many "]
    assert [r.text for r in runs if Mark.REPLACED in r.marks] == ["go"]
    assert [r.marks for r in runs if not r.text] == [frozenset({Mark.DELETED})]
    assert "".join(r.text for r in runs) == text
    assert cell_runs(comparison, row, "absent", {}, {}) == []
