"""The JSON export written straight from the model is, byte for byte, the text the generic
writer makes of ``comparison_to_dict`` (the layout DESIGN.md states), and its helpers."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variorum import export
from variorum.engine.api import compare_documents
from variorum.engine.model import (
    Cell,
    Claim,
    Comparison,
    Conflict,
    ConflictValue,
    Document,
    FactKind,
    MatchKind,
    OpTag,
    Row,
    RowKind,
    Sentence,
    Term,
    TermKind,
    Version,
    WordOp,
)
from variorum.export import comparison_to_dict, comparison_to_json, comparison_to_json_bytes
from variorum.safe_text import escape_json_surrogates

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def reference_json(c: Comparison) -> str:
    """The export as the generic writer makes it from the whole dict tree."""
    out: list[str] = []
    export._write(comparison_to_dict(c), 0, "", out)
    out.append("\n")
    return escape_json_surrogates("".join(out))


def _version(label: str, text: str, source: str = "") -> Version:
    sentences = (
        Sentence(0, 0, 0, 5, text[:5]),
        Sentence(1, 1, 6, len(text), text[6:]),
    )
    return Version(label, source or f"/tmp/{label}.txt", None, text, (), sentences, 4)


def _comparison(
    similarity: float = 0.5,
    salience: float = 0.25,
    label: str = "a",
    text: str = 'Hello "you" \\ there\n\ttab\x01 ’quote’',
    unmatched: bool = True,
) -> Comparison:
    a, b = _version(label, text), _version("b", "Other words here.", "/tmp/caf\udce9.txt")
    op = WordOp(OpTag.REPLACE, 0, 5, 0, 5)
    conflict = Conflict(
        FactKind.NUMBER, "troops", (ConflictValue(label, "9", 0, 1), ConflictValue("b", "8", 0, 1))
    )
    rows = (
        Row((Cell(label, (0,), 0, 5),), RowKind.UNIQUE, 0.0, label),
        Row((Cell("b", (0, 1), 0, 17, moved=True),), RowKind.UNIQUE, -0.0, "b"),
        Row(
            (Cell(label, (1,), 6, 9), Cell("b", (1,), 0, 5, moved=True, ops=(op,))),
            RowKind.CHANGED,
            similarity,
            label,
            MatchKind.LEXICAL,
            (conflict,),
        ),
        Row((Cell(label, (0,), 0, 5, ops=(op,)),), RowKind.UNIQUE, similarity, label),
        Row((Cell(label, (0,), 0, 5), Cell(label, (1,), 6, 9)), RowKind.SAME, 1.0, label),
    )
    terms = (Term("Hello", TermKind.NAME, 0, 5), Term('"you"', TermKind.QUOTE, 6, 11))
    claims = tuple(
        Claim(label, 0, k, text[:9], terms[:k], salience if k % 2 else 0.5, unmatched)
        for k in range(3)
    )
    other = (Claim("b", 1, 1, "Other \x00 words", (), 0.0, True),)
    return Comparison(
        (a, b), rows, claims, ((1.0, similarity), (similarity, 1.0)), other_unique=other
    )


@pytest.mark.parametrize(
    ("similarity", "salience", "label", "unmatched"),
    [
        (0.5, 0.25, "a", True),
        (math.nan, math.inf, "a", False),
        (-math.inf, -0.0, "ünï", True),
        (1, 0, "a\udcff", False),  # ints where floats go, a lone surrogate in a label
        (True, 1.5, "a", 1),  # bools and ints where the other goes
    ],
)
def test_odd_values_are_written_as_the_generic_writer_writes_them(
    similarity: float, salience: float, label: str, unmatched: bool
) -> None:
    c = _comparison(similarity, salience, label, unmatched=unmatched)
    assert comparison_to_json(c) == reference_json(c)
    # What a file gets: the same text as UTF-8 (a lone surrogate written as its escape).
    assert comparison_to_json_bytes(c) == reference_json(c).encode("utf-8")


def test_many_repeated_scores_and_an_empty_comparison() -> None:
    c = _comparison()
    claims = tuple(replace(c.claims[k % 3], salience=(k % 7) / 8) for k in range(100))
    many = replace(c, claims=claims)
    assert comparison_to_json(many) == reference_json(many)
    empty = replace(c, rows=(), claims=(), other_unique=())
    assert comparison_to_json(empty) == reference_json(empty)


def test_seed_articles_give_the_same_bytes() -> None:
    paths = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")[:3]
    docs = [Document(p.stem, str(p), p.read_text(encoding="utf-8")) for p in paths]
    c = compare_documents(docs)
    assert c.rows and c.claims
    assert comparison_to_json(c) == reference_json(c)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_generated_versions_give_the_same_bytes(seed: int) -> None:
    rng = random.Random(seed)
    words = 'NATO troops "said" 10,000 Kyiv’s peace 3.5 Rutte \\ deploy é'.split()
    base = [" ".join(rng.choice(words) for _ in range(rng.randint(2, 9))) + "." for _ in range(6)]
    docs = []
    for v in range(rng.randint(2, 4)):
        sents = [s if rng.random() < 0.7 else s.replace("NATO", "the alliance") for s in base]
        rng.shuffle(sents)
        docs.append(Document(f"v{v}", f"/tmp/v{v}.txt", " ".join(sents[: rng.randint(1, 6)])))
    c = compare_documents(docs)
    assert comparison_to_json(c) == reference_json(c)


@pytest.mark.parametrize(
    ("flat", "counts", "expected"),
    [
        ([], [], []),
        ([], [0, 0], ["", ""]),
        (["a"], [1], ["a"]),
        (["a", "b", "c", "d"], [2, 0, 1, 1], ["a, b", "", "c", "d"]),
        (["a", "b", "c", "d", "e", "f"], [3, 0, 3], ["a, b, c", "", "d, e, f"]),
        (["x", "y", "z"], [1, 2], ["x", "y, z"]),
    ],
)
def test_join_runs(flat: list[str], counts: list[int], expected: list[str]) -> None:
    assert export._join_runs(flat, counts) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.5, 0.5, 0.25], ["0.5", "0.5", "0.25"]),
        ([0.0, -0.0, 0.0, 0.0, 0.0], ["0.0", "-0.0", "0.0", "0.0", "0.0"]),
        ([math.nan, 1e300, -math.inf], ["NaN", "1e+300", "-Infinity"]),
        ([1, 2.0], ["1", "2.0"]),
        ([0.1] * 9, ["0.1"] * 9),
    ],
)
def test_float_texts(values: list[float], expected: list[str]) -> None:
    assert list(export._float_texts(values)) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, -3, 10**20], ["0", "-3", "100000000000000000000"]),
        ([True, 2], ["true", "2"]),
    ],
)
def test_int_texts(values: list[int], expected: list[str]) -> None:
    assert list(export._int_texts(values)) == expected


def test_has_surrogate() -> None:
    assert not export._has_surrogate(["ascii", "café ’", ""])
    assert export._has_surrogate(["ascii", "caf\udce9"])
    assert not export._has_surrogate([])
