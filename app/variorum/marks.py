"""Split one cell of the side-by-side view into runs of text sharing the same marks.

Pure Python over the frozen model (no Qt), shared by the window and the report so both
mark a cell the same way: word ops, claims, terms and the values the versions disagree on
become marked spans of the version's text; a zero-width run marks a point (a claim's start,
a gap where reference words are left out, the ≠ before a disagreeing value). *Emphasis*
markers of plain-text articles become EMPHASIS and MARKUP spans. Rendering the runs is the
caller's job (``gui.cell_document``, ``report.markup``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from variorum.engine.model import Claim, Comparison, Conflict, OpTag, Row, Sentence, WordOp


class Mark(StrEnum):
    INSERTED = "inserted"
    REPLACED = "replaced"
    DELETED = "deleted"
    CLAIM = "claim"
    TERM = "term"
    MATCH = "match"  # a Find hit (window only)
    CONFLICT = "conflict"  # a value another version of the row states differently
    EMPHASIS = "emphasis"  # between *markers* or _markers_ of a plain-text article
    MARKUP = "markup"  # the markers themselves: renderers leave them out


# *Bild*, _word_: single markers round non-blank text on one line, not inside a word (so
# snake_case and 2*3*4 stay as they are).
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,120}?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]{1,120}?)(?<=[^\s_])_(?![\w_])"
)
EMPHASIS_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")  # "" = pasted text


def emphasis_spans(text: str, start: int, end: int) -> list[Span]:
    """Emphasis in ``text[start:end]``: an EMPHASIS span over each marked word group and a
    MARKUP span over each marker. Offsets stay those of ``text``: nothing is removed from the
    version's text (JSON offsets index it); hiding the markers is the renderer's job."""
    spans: list[Span] = []
    for found in _EMPHASIS.finditer(text, start, end):
        a, b = found.span()
        spans += [Span(a, a + 1, Mark.MARKUP), Span(a + 1, b - 1, Mark.EMPHASIS)]
        spans.append(Span(b - 1, b, Mark.MARKUP))
    return spans


def without_markers(
    text: str, *ranges: Iterable[tuple[int, int]]
) -> tuple[str, tuple[list[tuple[int, int]], ...]]:
    """``text`` with its emphasis markers removed (for a single line of plain display, such
    as a claim in a list), and each list of (start, end) ranges moved to match."""
    cuts = [s.start for s in emphasis_spans(text, 0, len(text)) if s.mark is Mark.MARKUP]
    if not cuts:
        return text, tuple(list(r) for r in ranges)

    def moved(at: int) -> int:
        return at - sum(1 for c in cuts if c < at)

    dropped = set(cuts)
    kept = "".join(ch for i, ch in enumerate(text) if i not in dropped)
    return kept, tuple([(moved(a), moved(b)) for a, b in r] for r in ranges)


def shows_emphasis(source: str) -> bool:
    """Whether a version from ``source`` may carry *emphasis* markers (plain text, Markdown)."""
    return Path(source).suffix.lower() in EMPHASIS_SUFFIXES


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    mark: Mark


@dataclass(frozen=True)
class Run:
    """``text`` with ``marks``; empty ``text`` is a point marker of its single mark."""

    text: str
    marks: frozenset[Mark]


def split_runs(
    text: str, start: int, end: int, spans: Iterable[Span], points: Iterable[Span] = ()
) -> list[Run]:
    """Runs covering ``text[start:end]`` exactly once, in order, with point markers between."""
    opening: dict[int, list[Mark]] = {}
    closing: dict[int, list[Mark]] = {}
    cuts = {start, end}
    for s in spans:
        a, b = max(s.start, start), min(s.end, end)
        if a >= b:
            continue
        opening.setdefault(a, []).append(s.mark)
        closing.setdefault(b, []).append(s.mark)
        cuts.update((a, b))
    at_point: dict[int, list[Mark]] = {}
    for p in points:
        if start <= p.start <= end:
            at_point.setdefault(p.start, []).append(p.mark)
            cuts.add(p.start)
    active: dict[Mark, int] = {}
    runs: list[Run] = []
    ordered = sorted(cuts)
    for i, pos in enumerate(ordered):
        for m in closing.get(pos, ()):
            active[m] -= 1
        for m in opening.get(pos, ()):
            active[m] = active.get(m, 0) + 1
        for m in dict.fromkeys(at_point.get(pos, ())):  # one marker per kind and place
            runs.append(Run("", frozenset((m,))))
        if i + 1 < len(ordered):
            piece = text[pos : ordered[i + 1]]
            marks = frozenset(m for m, n in active.items() if n > 0)
            if runs and runs[-1].text and runs[-1].marks == marks:
                runs[-1] = Run(runs[-1].text + piece, marks)
            else:
                runs.append(Run(piece, marks))
    return runs


def claims_by_sentence(comparison: Comparison) -> dict[tuple[str, int], list[Claim]]:
    """Claims keyed by (version label, sentence id)."""
    out: dict[tuple[str, int], list[Claim]] = {}
    for c in comparison.claims:
        out.setdefault((c.version, c.sentence), []).append(c)
    return out


def _covered(ops: Iterable[WordOp], tags: set[OpTag], start: int, end: int) -> bytearray:
    """A flag per character of ``start:end``, set where an op with ``tags`` covers it."""
    flags = bytearray(end - start)
    for op in ops:
        if op.tag in tags:
            a, b = max(op.ref_start, start) - start, min(op.ref_end, end) - start
            if a < b:
                flags[a:b] = b"\x01" * (b - a)
    return flags


def _flag_spans(flags: bytearray, offset: int, mark: Mark) -> list[Span]:
    spans: list[Span] = []
    i, n = 0, len(flags)
    while i < n:
        if flags[i]:
            j = i
            while j < n and flags[j]:
                j += 1
            spans.append(Span(offset + i, offset + j, mark))
            i = j
        else:
            i += 1
    return spans


def _reference_spans(row: Row, label: str, start: int, end: int) -> list[Span]:
    """Reference words that every other version of the row drops (or rewords).

    Marking what *any* other version changes would strike through most of a reference that
    one loose rewrite paraphrases; what all of them change is what the reference alone says.
    """
    others = [c for c in row.cells if c.version != label]
    if not others:
        return []
    changed = bytearray(b"\x01" * (end - start))
    dropped = bytearray(changed)
    for other in others:
        c = _covered(other.ops, {OpTag.DELETE, OpTag.REPLACE}, start, end)
        d = _covered(other.ops, {OpTag.DELETE}, start, end)
        changed = bytearray(x & y for x, y in zip(changed, c, strict=True))
        dropped = bytearray(x & y for x, y in zip(dropped, d, strict=True))
    reworded = bytearray(x & (1 - y) for x, y in zip(changed, dropped, strict=True))
    return _flag_spans(dropped, start, Mark.DELETED) + _flag_spans(reworded, start, Mark.REPLACED)


def cell_runs(
    comparison: Comparison,
    row: Row,
    label: str,
    claims: Mapping[tuple[str, int], list[Claim]],
    sentences: Mapping[int, Sentence],
    extra: Iterable[Span] = (),
    conflicts: Sequence[Conflict] | None = None,
) -> list[Run]:
    """The marked runs of version ``label``'s cell in ``row`` (empty if it has none);
    ``extra`` adds spans of the caller's own, such as Find hits; ``conflicts`` are the
    disagreements to mark (None: all of the row's)."""
    cell = row.cell(label)
    if cell is None:
        return []
    spans: list[Span] = []
    points: list[Span] = []
    if label == row.reference:
        spans.extend(_reference_spans(row, label, cell.start, cell.end))
    else:
        for op in cell.ops:
            if op.tag is OpTag.INSERT:
                spans.append(Span(op.start, op.end, Mark.INSERTED))
            elif op.tag is OpTag.REPLACE:
                spans.append(Span(op.start, op.end, Mark.REPLACED))
            elif op.tag is OpTag.DELETE:
                points.append(Span(op.start, op.start, Mark.DELETED))
    for sid in cell.sentences:
        for claim in claims.get((label, sid), ()):
            sentence = sentences.get(sid)
            if claim.unmatched and sentence is not None:
                spans.append(Span(sentence.start, sentence.end, Mark.CLAIM))
                points.append(Span(sentence.start, sentence.start, Mark.CLAIM))
            for term in claim.terms:
                spans.append(Span(term.start, term.end, Mark.TERM))
    for conflict in row.conflicts if conflicts is None else conflicts:
        value = conflict.value(label)
        if value is not None and cell.start <= value.start < value.end <= cell.end:
            spans.append(Span(value.start, value.end, Mark.CONFLICT))
            points.append(Span(value.start, value.start, Mark.CONFLICT))
    spans.extend(extra)
    version = comparison.version(label)
    if shows_emphasis(version.source):
        spans.extend(emphasis_spans(version.text, cell.start, cell.end))
    return split_runs(version.text, cell.start, cell.end, spans, points)
