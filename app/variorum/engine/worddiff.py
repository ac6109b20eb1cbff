"""Word-level opcodes between two spans of text, cleaned up so changes read as phrases.

Standard library + rapidfuzz only; rendering the ops is the caller's job. Ops cover both
token sequences completely (equal runs included), with character offsets into each text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from variorum.engine.model import OpTag, WordOp
from variorum.engine.text import STOPWORDS, Token

# Above this many tokens on both sides, an exact diff costs too much; the cell becomes one
# replacement (only pathological inputs such as a 400,000-word "sentence" get here).
MAX_DIFF_TOKENS = 20000
_TAGS = {tag.value: tag for tag in OpTag}


class TokenOp(NamedTuple):  # a tuple: made once per op of every cell, so cheap to make
    tag: OpTag
    i1: int
    i2: int
    j1: int
    j2: int


class SpanTokens(NamedTuple):
    """The tokens of a span as parallel lists: what a diff needs, without Token values."""

    norms: list[str]
    starts: list[int]
    ends: list[int]
    words: list[bool]


def _is_filler(tok: Token) -> bool:
    return tok.norm in STOPWORDS or not tok.is_word


def token_opcodes(a: Sequence[Token], b: Sequence[Token]) -> list[TokenOp]:
    """Opcodes turning ``a`` into ``b``, delete+insert pairs merged into replacements and
    short runs of filler words between two changes absorbed into one change."""
    return _opcodes([t.norm for t in a], [t.norm for t in b], lambda k: _is_filler(a[k]))


def _opcodes(a: list[str], b: list[str], filler: Callable[[int], bool]) -> list[TokenOp]:
    """:func:`token_opcodes` on the tokens' folded forms; ``filler(k)`` tells whether
    ``a``'s token k is a filler."""
    if not a and not b:
        return []
    if len(a) > MAX_DIFF_TOKENS and len(b) > MAX_DIFF_TOKENS:
        raw = [TokenOp(OpTag.REPLACE, 0, len(a), 0, len(b))]
    elif a == b:  # what Indel.opcodes and the clean-up below give, without the work
        return [TokenOp(OpTag.EQUAL, 0, len(a), 0, len(b))]
    else:
        raw = [
            TokenOp(_TAGS[op.tag], op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Indel.opcodes(a, b)
        ]
    ops = _merge_changes(raw)
    ops = _absorb_filler(ops, filler)
    return _merge_changes(ops)


def _merge_changes(ops: list[TokenOp]) -> list[TokenOp]:
    out: list[TokenOp] = []
    for op in ops:
        if op.i1 == op.i2 and op.j1 == op.j2:
            continue
        if out and op.tag is not OpTag.EQUAL and out[-1].tag is not OpTag.EQUAL:
            prev = out.pop()
            i1, j1 = prev.i1, prev.j1
            i2, j2 = op.i2, op.j2
            tag = OpTag.REPLACE
            if i1 == i2:
                tag = OpTag.INSERT
            elif j1 == j2:
                tag = OpTag.DELETE
            out.append(TokenOp(tag, i1, i2, j1, j2))
        elif out and op.tag is OpTag.EQUAL and out[-1].tag is OpTag.EQUAL:
            prev = out.pop()
            out.append(TokenOp(OpTag.EQUAL, prev.i1, op.i2, prev.j1, op.j2))
        else:
            out.append(op)
    return out


def _absorb_filler(ops: list[TokenOp], filler: Callable[[int], bool]) -> list[TokenOp]:
    """Turn an equal run of at most two filler tokens between changes into a change."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        op = out[k]
        if (
            op.tag is OpTag.EQUAL
            and out[k - 1].tag is not OpTag.EQUAL
            and out[k + 1].tag is not OpTag.EQUAL
            and op.i2 - op.i1 <= 2
            and all(filler(k) for k in range(op.i1, op.i2))
        ):
            out[k] = TokenOp(OpTag.REPLACE, op.i1, op.i2, op.j1, op.j2)
    return out


def _span(tokens: Sequence[Token], i1: int, i2: int, cell_end: int) -> tuple[int, int]:
    if i1 < i2:
        return tokens[i1].start, tokens[i2 - 1].end
    pos = tokens[i1].start if i1 < len(tokens) else cell_end
    return pos, pos


def word_ops(
    ref: Sequence[Token], ref_end: int, other: Sequence[Token], other_end: int
) -> tuple[WordOp, ...]:
    """:class:`WordOp` values with character offsets (reference text, other text)."""
    out: list[WordOp] = []
    for op in token_opcodes(ref, other):
        rs, re_ = _span(ref, op.i1, op.i2, ref_end)
        s, e = _span(other, op.j1, op.j2, other_end)
        out.append(WordOp(op.tag, rs, re_, s, e))
    return tuple(out)


def _offsets(t: SpanTokens, i1: int, i2: int, cell_end: int) -> tuple[int, int]:
    if i1 < i2:
        return t.starts[i1], t.ends[i2 - 1]
    pos = t.starts[i1] if i1 < len(t.starts) else cell_end
    return pos, pos


def span_word_ops(
    ref: SpanTokens, ref_end: int, other: SpanTokens, other_end: int
) -> tuple[WordOp, ...]:
    """:func:`word_ops` on spans given as :class:`SpanTokens`; the same ops."""
    norms, words = ref.norms, ref.words

    def filler(k: int) -> bool:
        return norms[k] in STOPWORDS or not words[k]

    out: list[WordOp] = []
    for op in _opcodes(ref.norms, other.norms, filler):
        rs, re_ = _offsets(ref, op.i1, op.i2, ref_end)
        s, e = _offsets(other, op.j1, op.j2, other_end)
        out.append(WordOp(op.tag, rs, re_, s, e))
    return tuple(out)
