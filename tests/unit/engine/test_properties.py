"""Invariants of a comparison over generated article versions (hypothesis)."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from variorum.engine.align import longest_increasing
from variorum.engine.api import compare_documents
from variorum.engine.model import Comparison, Document, OpTag, RowKind
from variorum.engine.text import tokenize
from variorum.export import comparison_to_json

WORDS = (
    "NATO troops Ukraine Russia alliance peace agreement Rutte said deploy European "
    "countries would the a of to in 10,000 32 whistleblower summit Vilnius plan"
).split()


@st.composite
def versions(draw: st.DrawFn) -> list[Document]:
    seed = draw(st.integers(0, 10_000))
    n = draw(st.integers(2, 5))
    rng = random.Random(seed)
    base = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize() + "."
        for _ in range(rng.randint(1, 8))
    ]
    docs = []
    for v in range(n):
        sents = list(base)
        for k in range(len(sents)):
            r = rng.random()
            if r < 0.2:
                sents[k] = sents[k].replace(rng.choice(WORDS), rng.choice(WORDS), 1)
            elif r < 0.3:
                sents[k] = ""
        if rng.random() < 0.4:
            sents.insert(rng.randrange(len(sents) + 1), "‘Quoted words here,’ an official said.")
        if len(sents) > 2 and rng.random() < 0.3:
            sents.append(sents.pop(0))  # a move
        sep = rng.choice([" ", "\n", "\n\n"])
        docs.append(Document(f"v{v}", f"v{v}.txt", sep.join(s for s in sents if s)))
    return docs


def check_invariants(c: Comparison) -> None:
    for v in c.versions:
        seen = [i for r in c.rows if (cell := r.cell(v.label)) for i in cell.sentences]
        # Every sentence in exactly one row.
        assert sorted(seen) == list(range(len(v.sentences)))
        for s in v.sentences:
            assert v.text[s.start : s.end] == s.text
        # Reading order kept, except for cells marked moved.
        in_order = [
            cell.sentences[0] for r in c.rows if (cell := r.cell(v.label)) and not cell.moved
        ]
        assert in_order == sorted(in_order)
        # ...and only as few cells as must be: marking every cell moved would satisfy the
        # check above, so the cells left in order must be a longest in-order run.
        firsts = [cell.sentences[0] for r in c.rows if (cell := r.cell(v.label))]
        assert len(in_order) == len(longest_increasing(firsts))
    for r in c.rows:
        ref = r.cell(r.reference)
        assert ref is not None
        ref_text = c.version(r.reference).text
        for cell in r.cells:
            text = c.version(cell.version).text
            assert cell.start == c.version(cell.version).sentences[cell.sentences[0]].start
            if cell.version == r.reference:
                continue
            got_ref = [
                t.text for op in cell.ops for t in tokenize(ref_text[op.ref_start : op.ref_end])
            ]
            got = [t.text for op in cell.ops for t in tokenize(text[op.start : op.end])]
            assert got_ref == [t.text for t in tokenize(ref_text[ref.start : ref.end])]
            assert got == [t.text for t in tokenize(text[cell.start : cell.end])]
            assert all(op.tag in OpTag for op in cell.ops)
    for cl in c.claims:
        text = c.version(cl.version).text
        row = c.rows[cl.row]
        claimed = row.cell(cl.version)
        assert claimed is not None and cl.sentence in claimed.sentences
        # An unmatched claim is a sentence no other version has: its row is its own.
        assert cl.unmatched == (row.kind is RowKind.UNIQUE)
        for t in cl.terms:
            assert text[t.start : t.end] == t.text
            # A unique term occurs in no other version, not even with other case/punctuation.
            for other in c.versions:
                if other.label != cl.version:
                    assert f" {_folded(t.text)} " not in f" {_folded(other.text)} "


def _folded(text: str) -> str:
    # Words with inner punctuation ("10,000", "U.S") stay one word, as the engine reads them.
    return " ".join(re.findall(r"\w+(?:[.,'’]\w+)*", text.casefold()))


@given(versions())
def test_invariants_hold(docs: list[Document]) -> None:
    check_invariants(compare_documents(docs))


@given(versions())
def test_deterministic(docs: list[Document]) -> None:
    a = comparison_to_json(compare_documents(docs))
    b = comparison_to_json(compare_documents(list(docs)))
    assert a == b


def test_seed_comparison_invariants(seed_comparison: Comparison) -> None:
    check_invariants(seed_comparison)
