"""Word-level opcodes: tables of edits and the "ops rebuild both sides" invariant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.model import OpTag
from variorum.engine.text import TokenizedText, tokenize
from variorum.engine.worddiff import SpanTokens, span_word_ops, token_opcodes, word_ops


def changes(a: str, b: str) -> list[tuple[str, str, str]]:
    ta, tb = tokenize(a), tokenize(b)
    out = []
    for op in token_opcodes(ta, tb):
        if op.tag is not OpTag.EQUAL:
            out.append(
                (
                    op.tag.value,
                    " ".join(t.text for t in ta[op.i1 : op.i2]),
                    " ".join(t.text for t in tb[op.j1 : op.j2]),
                )
            )
    return out


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Rutte said it.", "Rutte remarked it.", [("replace", "said", "remarked")]),
        ("about 10,000 troops", "about 1,000 troops", [("replace", "10,000", "1,000")]),
        ("the plan works", "the new plan works", [("insert", "", "new")]),
        ("the old plan works", "the plan works", [("delete", "old", "")]),
        ("same words here", "Same words here", []),  # case folded
        ("‘fatal’ for Moscow", "'fatal' for Moscow", []),  # quote style folded
        # A lone "the" between two changes is absorbed: one change, not two fragments.
        (
            "Such provisions would mark the historic departure",
            "Such moves could signal the major departure",
            [("replace", "provisions would mark the historic", "moves could signal the major")],
        ),
    ],
)
def test_changes(a: str, b: str, expected: list[tuple[str, str, str]]) -> None:
    assert changes(a, b) == expected


def _rebuild(text: str, ops: list[tuple[int, int]]) -> list[str]:
    return [t.text for s, e in ops for t in tokenize(text[s:e])]


words = st.lists(
    st.sampled_from(["the", "NATO", "troops", "said", ",", "10,000", "new", "a"]), max_size=25
)


@given(words, words)
def test_ops_rebuild_both_sides(wa: list[str], wb: list[str]) -> None:
    a, b = " ".join(wa), " ".join(wb)
    ta, tb = tokenize(a), tokenize(b)
    ops = word_ops(ta, len(a), tb, len(b))
    assert _rebuild(a, [(op.ref_start, op.ref_end) for op in ops]) == [t.text for t in ta]
    assert _rebuild(b, [(op.start, op.end) for op in ops]) == [t.text for t in tb]
    for op in ops:
        if op.tag is OpTag.EQUAL:
            assert [t.norm for t in tokenize(a[op.ref_start : op.ref_end])] == [
                t.norm for t in tokenize(b[op.start : op.end])
            ]
        if op.tag is OpTag.INSERT:
            assert op.ref_start == op.ref_end and op.start < op.end
        if op.tag is OpTag.DELETE:
            assert op.start == op.end and op.ref_start < op.ref_end


def test_huge_cells_fall_back_to_one_replacement() -> None:
    a = " ".join(f"w{i}" for i in range(20001))
    b = " ".join(f"x{i}" for i in range(20001))
    ops = token_opcodes(tokenize(a), tokenize(b))
    assert [op.tag for op in ops] == [OpTag.REPLACE]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("NATO sent troops", "NATO sent troops"),  # equal: one equal op, no diff run
        ("NATO sent 10,000 troops", "NATO sent 12,000 troops"),
        ("the troops of the alliance", "troops in the alliance left"),
        ("", "Something new"),
        ("Gone now", ""),
        ("The war—hardly over", "The war-hardly over"),
    ],
)
def test_span_word_ops_match_word_ops(a: str, b: str) -> None:
    ta, tb = TokenizedText(a), TokenizedText(b)
    want = word_ops(ta.span(0, len(a)), len(a), tb.span(0, len(b)), len(b))
    got = span_word_ops(
        SpanTokens(*ta.span_parts(0, len(a))), len(a), SpanTokens(*tb.span_parts(0, len(b))), len(b)
    )
    assert got == want
    assert (len(want) == 1 and want[0].tag == "equal") == (a == b != "")
