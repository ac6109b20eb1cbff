"""One grid cell as styled pieces of plain text: word changes, claims, terms, Find hits.

Pure Python over the frozen model (no Qt), like git-cola's intraline diff: this module
decides *what* is marked, ``cell_document`` decides how it looks. Deleted reference words
become pieces of their own, placed where the version leaves them out; a long deletion
collapses into a short marker so one dropped paragraph does not swamp a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from variorum.engine.model import Claim, Comparison, OpTag, Row

MAX_INLINE_DELETED_WORDS = 12


class Mark(StrEnum):
    INSERTED = "inserted"  # words this version has and the reference lacks
    REPLACED = "replaced"  # words this version words differently
    DELETED = "deleted"  # reference words this version leaves out (shown struck through)
    CLAIM = "claim"  # a sentence only this version carries
    TERM = "term"  # a distinguishing term no other version has
    MATCH = "match"  # a Find hit


@dataclass(frozen=True)
class Piece:
    text: str
    marks: frozenset[Mark]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mark: Mark


def claims_by_sentence(comparison: Comparison) -> dict[tuple[str, int], tuple[Claim, ...]]:
    """Claims keyed by (version label, sentence id), for quick per-cell look-ups."""
    out: dict[tuple[str, int], list[Claim]] = {}
    for c in comparison.claims:
        out.setdefault((c.version, c.sentence), []).append(c)
    return {k: tuple(v) for k, v in out.items()}


def cell_claims(
    row: Row, label: str, claims: Mapping[tuple[str, int], tuple[Claim, ...]]
) -> tuple[Claim, ...]:
    cell = row.cell(label)
    if cell is None:
        return ()
    return tuple(c for s in cell.sentences for c in claims.get((label, s), ()))


def _deleted_piece(ref_text: str) -> str:
    words = ref_text.split()
    if len(words) <= MAX_INLINE_DELETED_WORDS:
        return " ".join(words)
    return f"[\u2212{len(words)} words]"


def _find_spans(text: str, start: int, end: int, query: str) -> list[_Span]:
    if not query:
        return []
    return [
        _Span(start + m.start(), start + m.end(), Mark.MATCH)
        for m in re.finditer(re.escape(query), text[start:end], re.IGNORECASE)
    ]


def cell_pieces(
    comparison: Comparison,
    row: Row,
    label: str,
    claims: Mapping[tuple[str, int], tuple[Claim, ...]],
    *,
    show_deleted: bool = True,
    query: str = "",
) -> tuple[Piece, ...]:
    """Pieces covering version ``label``'s cell text once, in order, plus deleted words."""
    cell = row.cell(label)
    if cell is None:
        return ()
    version = comparison.version(label)
    text = version.text
    spans: list[_Span] = []
    inserts: dict[int, list[str]] = {}  # position in this text -> deleted reference words
    if label != row.reference:
        ref_text = comparison.version(row.reference).text
        for op in cell.ops:
            if op.tag is OpTag.INSERT:
                spans.append(_Span(op.start, op.end, Mark.INSERTED))
            elif op.tag is OpTag.REPLACE:
                spans.append(_Span(op.start, op.end, Mark.REPLACED))
            if show_deleted and op.tag in (OpTag.DELETE, OpTag.REPLACE):
                gone = ref_text[op.ref_start : op.ref_end]
                if gone.strip():
                    inserts.setdefault(op.start, []).append(_deleted_piece(gone))
    for claim in cell_claims(row, label, claims):
        if claim.unmatched:
            sentence = version.sentences[claim.sentence]
            spans.append(_Span(sentence.start, sentence.end, Mark.CLAIM))
        spans.extend(_Span(t.start, t.end, Mark.TERM) for t in claim.terms)
    spans.extend(_find_spans(text, cell.start, cell.end, query))
    return _split(text, cell.start, cell.end, spans, inserts)


def _split(
    text: str, start: int, end: int, spans: Iterable[_Span], inserts: Mapping[int, list[str]]
) -> tuple[Piece, ...]:
    clipped = [
        _Span(max(s.start, start), min(s.end, end), s.mark)
        for s in spans
        if min(s.end, end) > max(s.start, start)
    ]
    cuts = sorted(
        {start, end}
        | {s.start for s in clipped}
        | {s.end for s in clipped}
        | {p for p in inserts if start <= p <= end}
    )
    pieces: list[Piece] = []
    deleted = frozenset((Mark.DELETED,))
    for i, pos in enumerate(cuts):
        for gone in inserts.get(pos, ()):
            # Keep a space either side so struck words never fuse with their neighbours.
            if pieces and not pieces[-1].text.endswith((" ", "\n")):
                pieces.append(Piece(" ", frozenset()))
            pieces.append(Piece(gone, deleted))
            if pos < end and not text[pos].isspace():
                pieces.append(Piece(" ", frozenset()))
        if i + 1 == len(cuts):
            break
        nxt = cuts[i + 1]
        marks = frozenset(s.mark for s in clipped if s.start <= pos and nxt <= s.end)
        piece = text[pos:nxt]
        if pieces and pieces[-1].marks == marks:
            pieces[-1] = Piece(pieces[-1].text + piece, marks)
        else:
            pieces.append(Piece(piece, marks))
    return tuple(p for p in pieces if p.text)


def cell_plain_text(comparison: Comparison, row: Row, label: str) -> str:
    """The version's own words in this row (what Find searches and screen readers read)."""
    cell = row.cell(label)
    if cell is None:
        return ""
    return comparison.version(label).text[cell.start : cell.end]
