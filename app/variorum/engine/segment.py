"""Split article text into paragraphs and sentences, keeping character offsets.

Sentences never cross a paragraph break; abbreviations, numbers and closing quotes after
a full stop do not end or split a sentence wrongly.

The long loops take an optional ``check`` callback, called every ``CHECK_EVERY`` steps
(a few milliseconds of work): it may raise to stop, which is how a cancelled analysis
stops splitting a megabyte of full stops within a second instead of at its end.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from variorum.engine.model import Granularity, Sentence, made
from variorum.engine.text import code_points, space_mask

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres amb rev
    st jr sr inc ltd co corp dept univ no nos vol vs fig approx est jan feb mar apr jun jul
    aug sep sept oct nov dec mt ft u.s u.k u.n e.u u.s.a e.g i.e a.m p.m al""".split()
)

_BLANK = re.compile(r"\n[ \t]*\n\s*")
# Terminal punctuation, optional closing quotes/brackets, then space. Possessive and
# anchored at the start of a punctuation run, so a million full stops cost one pass.
_BOUNDARY = re.compile(r"([.!?…](?<![.!?…]{2})[.!?…]*+)([’”\"'»)\]]*+)(\s+)")
# (Starting with the character class, not the look-behind, lets the regex engine skip
# straight to the next punctuation mark instead of trying every position.)
_MAX_ABBREVIATION = 12  # longest abbreviation looked back for ("u.s.a" and "sept" fit)
_CJK_BOUNDARY = re.compile(r"[。！？]+[」』”’]*")
_LINE_END_PUNCT = (".", "!", "?", "…", "’", "”", '"', "'", ":", ";", ")", "»")
CHECK_EVERY = 1024
Check = Callable[[], None] | None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str, check: Check = None) -> list[Span]:
    """Paragraph spans: blank lines separate; a single newline separates too when the line
    before it ends a sentence (one paragraph per line), otherwise it is a soft wrap."""
    spans: list[Span] = []
    pos = 0
    blocks: list[tuple[int, int]] = []
    for m in _BLANK.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
        if check is not None and not len(blocks) % CHECK_EVERY:
            check()
    blocks.append((pos, len(text)))
    lines = 0
    for b0, b1 in blocks:
        start = b0
        i = text.find("\n", b0, b1)
        lines += 1
        while i != -1:
            lines += 1
            if check is not None and not lines % CHECK_EVERY:
                check()
            line_end = i
            while line_end > start and text[line_end - 1] in " \t":
                line_end -= 1
            if line_end > start and text[line_end - 1] in _LINE_END_PUNCT:
                s, e = _strip_span(text, start, i)
                if e > s:
                    spans.append(Span(s, e))
                start = i + 1
            i = text.find("\n", i + 1, b1)
        s, e = _strip_span(text, start, b1)
        if e > s:
            spans.append(Span(s, e))
    return spans


# The run of letters, digits and full stops that ends where the pattern is asked to end.
_TAIL_RUN = re.compile(r"(?:[^\W_]|\.)*+\Z")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` part of an abbreviation or an initial?"""
    stop = max(0, dot - _MAX_ABBREVIATION - 1)
    # The letters, digits and dots right before ``dot``, looking back no further than stop.
    m = _TAIL_RUN.search(text, stop, dot)
    j = m.start() if m is not None else dot
    if j == stop and stop > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
        return False  # a long run of letters: a word, not an abbreviation
    return _is_abbreviated_word(text[j:dot])


def _is_abbreviated_word(run: str) -> bool:
    """Is ``run`` (the letters, digits and full stops before a full stop) an abbreviation
    or an initial?"""
    word = run.lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS


# A longer run before a full stop is a word: lower() never shortens a string.
_MAX_WORD_ABBREVIATION = max(map(len, ABBREVIATIONS))


def _sentence_breaks(
    text: str, start: int, end: int, most: int | None = None, check: Check = None
) -> list[int]:
    """Offsets (within text) where a new sentence starts inside [start, end); with
    ``most``, it stops looking once it has found more than that many."""
    breaks: list[int] = []
    for k, m in enumerate(_BOUNDARY.finditer(text, start, end)):
        if most is not None and len(breaks) > most:
            break
        if check is not None and not (k + 1) % CHECK_EVERY:
            check()
        nxt = m.end()
        if nxt >= end:
            continue
        ch = text[nxt]
        if ch.islower():
            continue
        punct = m.group(1)
        if punct == "." and not m.group(2) and _is_abbreviation(text, m.start(1)):
            continue
        breaks.append(nxt)
    for m in _CJK_BOUNDARY.finditer(text, start, end):
        if m.end() < end:
            breaks.append(m.end())
    return sorted(set(breaks))


def _has_cjk_stop(text: str) -> bool:
    return "。" in text or "！" in text or "？" in text


Pieces = tuple[tuple[int, int, str], ...]
"""A paragraph's sentences: (start, end, text), offsets relative to the paragraph."""


def _paragraph_pieces(
    text: str, start: int, end: int, cjk: bool, check: Check
) -> tuple[Pieces, int]:
    """The sentences of the paragraph [start, end) and how many full-stop breaks made them.

    They depend only on the paragraph's characters: a boundary never looks past the spaces
    around a paragraph, so versions sharing a paragraph can share its split."""
    breaks: list[int] = []
    for k, m in enumerate(_BOUNDARY.finditer(text, start, end)):
        if check is not None and not (k + 1) % CHECK_EVERY:
            check()
        nxt = m.end()
        if nxt >= end or text[nxt].islower():
            continue
        punct, closers, _space = m.groups()
        if punct == "." and not closers and _is_abbreviation(text, m.start()):
            continue
        breaks.append(nxt)
    n_latin = len(breaks)
    if cjk:
        breaks.extend(m.end() for m in _CJK_BOUNDARY.finditer(text, start, end) if m.end() < end)
        breaks = sorted(set(breaks))
    return _pieces(text, start, [start, *breaks, end]), n_latin


def _pieces(text: str, start: int, cuts: list[int]) -> Pieces:
    out = []
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        kept = piece.strip()  # str.strip and _strip_span agree on what a space is
        if kept:
            s = a + len(piece) - len(piece.lstrip()) - start
            out.append((s, s + len(kept), kept))
    return tuple(out)


def split_sentences(
    text: str,
    granularity: Granularity = Granularity.SENTENCE,
    stop_after: int | None = None,
    check: Check = None,
    memo: dict[str, tuple[Pieces, int]] | None = None,
    space: np.ndarray | None = None,
) -> list[Sentence]:
    """All sentences (or paragraphs, at paragraph granularity) of ``text``, in reading order;
    with ``stop_after``, it stops once it has found more than that many. ``check`` is
    called every so often and may raise to stop. ``memo`` (paragraph text -> its split)
    may be shared by the calls for several versions of one story, which share paragraphs.
    ``space`` is ``space_mask(code_points(text))`` when the caller has it already."""
    out: list[Sentence] = []
    by_sentence = granularity is Granularity.SENTENCE
    cjk = _has_cjk_stop(text)
    if by_sentence and not cjk and len(text) >= WHOLE_TEXT_CHARS:
        return _split_whole(text, stop_after, check, space)
    memo = {} if memo is None else memo
    for pi, para in enumerate(paragraphs(text, check)):
        if check is not None and not pi % CHECK_EVERY:
            check()
        ps, pe = para.start, para.end
        if not by_sentence:
            pieces = _pieces(text, ps, [ps, pe])
        else:
            key = text[ps:pe]
            known = memo.get(key)
            if known is None:
                known = memo[key] = _paragraph_pieces(text, ps, pe, cjk, check)
            pieces, n_latin = known
            if stop_after is not None and n_latin > stop_after - len(out) + 1:
                # Near the limit the old rule applies: only the first breaks are looked for.
                most = stop_after - len(out)
                pieces = _pieces(text, ps, [ps, *_sentence_breaks(text, ps, pe, most), pe])
        for rs, re_, kept in pieces:
            if check is not None and not (len(out) + 1) % CHECK_EVERY:
                check()
            out.append(Sentence(len(out), pi, ps + rs, ps + re_, kept))
            if stop_after is not None and len(out) > stop_after:
                return out
    return out


WHOLE_TEXT_CHARS = 1_000_000
"""From this length on a text is split by array operations over the whole text: a
book-length text rarely repeats a paragraph, and the memo's keys and a scan per paragraph
then cost more than they save."""

_CLOSERS = "’”\"'»)]"  # _BOUNDARY's second group
_RUNS_STEPPED = 8  # a run longer than this is walked one character at a time


def _among(points: np.ndarray, chars: str) -> np.ndarray:
    """Per code point, is it one of ``chars`` (a few compares beat ``np.isin``'s sort)?"""
    hit = np.zeros(len(points), dtype=np.bool_)
    for c in chars:
        hit |= points == ord(c)
    return hit


def _past_run(
    text: str,
    at: np.ndarray,
    member: Callable[[np.ndarray], np.ndarray],
    chars: str | None,
    backward: bool = False,
) -> np.ndarray:
    """Each offset of ``at`` moved past the run of ``chars`` (None: spaces) starting there
    (backward: the run ending just before it); ``member`` tells, per offset, whether the
    character there is one of them."""
    at = at.copy()
    size = len(text)
    step = -1 if backward else 1
    active = np.arange(len(at))
    for _ in range(_RUNS_STEPPED):
        probe = at[active] - 1 if backward else at[active]
        inside = (probe >= 0) & (probe < size)
        hit = np.zeros(len(active), dtype=np.bool_)
        hit[inside] = member(probe[inside])
        active = active[hit]
        if not len(active):
            return at
        at[active] += step
    run_re = re.compile(r"\s*+" if chars is None else f"[{re.escape(chars)}]*+")
    for k in active.tolist():  # the long runs, at string-method speed
        p = int(at[k])
        if backward:
            width = 64
            while True:  # widen the window until the run starts inside it
                lo = max(0, p - width)
                rest = text[lo:p].rstrip(chars)
                if rest or lo == 0:
                    at[k] = lo + len(rest)
                    break
                width *= 4
        else:
            run = run_re.match(text, p)
            at[k] = run.end() if run is not None else p
    return at


def _is_lower(text: str, points: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Per offset of ``at``, is the character there lower case (str.islower)?"""
    c = points[at]
    out: np.ndarray = (c >= 97) & (c <= 122)
    wide = np.flatnonzero(c > 127)
    if len(wide):
        out[wide] = [text[i].islower() for i in at[wide].tolist()]
    return out


def _paragraph_bounds(
    text: str, points: np.ndarray, space: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The spans :func:`paragraphs` gives, as arrays of starts and ends.

    A blank line (``_BLANK``) starts at the first newline of a run of spaces that is
    followed by tabs and spaces and another newline, and takes the rest of the run; a
    newline elsewhere ends a paragraph when the line before it ends like a sentence."""
    size = len(points)

    def space_or_tab(at: np.ndarray) -> np.ndarray:
        return _among(points[at], " \t")

    newlines = np.flatnonzero(points == 10)
    after = _past_run(text, newlines + 1, space_or_tab, " \t")
    blank = after < size
    blank[blank] = points[after[blank]] == 10
    blanks = newlines[blank]
    run_ends = _past_run(text, blanks, space.__getitem__, None)
    first = np.ones(len(blanks), dtype=np.bool_)
    first[1:] = run_ends[1:] != run_ends[:-1]  # the first of each run of spaces
    block_starts = np.insert(run_ends[first], 0, 0)
    block_ends = np.append(blanks[first], size)
    # The other newlines: those inside a block.
    block = np.searchsorted(block_starts, newlines, side="right") - 1
    inside = newlines < block_ends[block]
    lines = newlines[inside]
    line_ends = _past_run(text, lines, space_or_tab, " \t", backward=True)
    # Only the text's first line can be nothing but spaces and tabs (elsewhere that line
    # and the newlines around it make a blank line), and it ends no paragraph.
    ends_line = line_ends > 0
    ends_line[ends_line] = _among(points[line_ends[ends_line] - 1], "".join(_LINE_END_PUNCT))
    cuts = lines[ends_line]
    # Blocks and cuts are disjoint and in order, so the sorted bounds pair up.
    starts = np.sort(np.concatenate([block_starts, cuts + 1]))
    ends = np.sort(np.concatenate([cuts, block_ends]))
    ok = starts < size  # a block at the very end is empty
    starts, ends = starts[ok], ends[ok]
    ok = ends > 0
    starts, ends = starts[ok], ends[ok]
    starts = _past_run(text, starts, space.__getitem__, None)
    ends = _past_run(text, ends, space.__getitem__, None, backward=True)
    kept = ends > starts
    return starts[kept], ends[kept]


def _break_bounds(
    text: str, points: np.ndarray, space: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where ``_BOUNDARY`` (all through the text) finds a sentence break that the
    paragraph scan keeps, and where the text before each break stops (its spaces' start).

    A match starts at a run of terminal punctuation (its look-behind), takes the run and
    any closers, and needs a space next; it then ends at the next non-space."""
    size = len(points)
    empty = np.zeros(0, dtype=np.int64)
    marks = np.flatnonzero(_among(points, ".!?…"))
    if not len(marks):
        return empty, empty
    first = np.ones(len(marks), dtype=np.bool_)
    first[1:] = marks[1:] != marks[:-1] + 1
    runs = np.flatnonzero(first)
    run_starts = marks[runs]
    run_ends = marks[np.append(runs[1:], len(marks)) - 1] + 1
    stops = _past_run(text, run_ends, lambda at: _among(points[at], _CLOSERS), _CLOSERS)
    ok = stops < size
    ok[ok] = space[stops[ok]]
    run_starts, run_ends, stops = run_starts[ok], run_ends[ok], stops[ok]
    nexts = _past_run(text, stops, space.__getitem__, None)
    ok = nexts < size
    ok[ok] = ~_is_lower(text, points, nexts[ok])
    run_starts, run_ends, stops, nexts = run_starts[ok], run_ends[ok], stops[ok], nexts[ok]
    # A lone full stop with no closer may end an abbreviation or an initial.
    lone = np.flatnonzero((run_ends - run_starts == 1) & (points[run_starts] == 46))
    lone = lone[stops[lone] == run_ends[lone]]
    keep = np.ones(len(run_starts), dtype=np.bool_)
    keep[lone[_abbreviated(text, points, run_starts[lone])]] = False
    return nexts[keep], stops[keep]


def _ascii_key(word: str) -> int:
    """``word`` as a number: its characters (ASCII) in base 128, the last one lowest."""
    return sum(ord(c) << (7 * k) for k, c in enumerate(reversed(word)))


_ABBREVIATION_KEYS = np.array(sorted(map(_ascii_key, ABBREVIATIONS)), dtype=np.int64)


def _abbreviated(text: str, points: np.ndarray, dots: np.ndarray) -> np.ndarray:
    """Per full stop at ``dots``: :func:`_is_abbreviation`. The letters, digits and full
    stops before it are looked at in one array (nearest first); an ASCII run is looked
    up as a number (lower-cased by hand), any other by :func:`_is_abbreviated_word`."""
    width = _MAX_WORD_ABBREVIATION + 1
    back = dots[:, None] - 1 - np.arange(width)
    inside = back >= 0
    c = np.where(inside, points[np.maximum(back, 0)], 0).astype(np.int64)
    digit, upper, lower = (c >= 48) & (c <= 57), (c >= 65) & (c <= 90), (c >= 97) & (c <= 122)
    in_run = inside & (digit | upper | lower | (c == 46))
    wide = np.nonzero(inside & (c > 127))
    in_run[wide] = [text[i].isalnum() for i in back[wide].tolist()]
    runs = np.where(in_run.all(axis=1), width, in_run.argmin(axis=1))  # a longer one is a word
    c[upper] += 32
    in_word = np.arange(width) < runs[:, None]
    keys = np.where(in_word, c << (7 * np.arange(width)), 0).sum(axis=1)
    initial = (runs == 1) & (c[:, 0] >= 97) & (c[:, 0] <= 122)
    out: np.ndarray = (runs <= _MAX_WORD_ABBREVIATION) & (
        np.isin(keys, _ABBREVIATION_KEYS) | initial
    )
    odd = np.flatnonzero(((c > 127) & in_word).any(axis=1) & (runs <= _MAX_WORD_ABBREVIATION))
    out[odd] = [
        _is_abbreviated_word(text[d - n : d])
        for d, n in zip(dots[odd].tolist(), runs[odd].tolist(), strict=True)
    ]
    return out


def _split_whole(
    text: str, stop_after: int | None, check: Check, space: np.ndarray | None = None
) -> list[Sentence]:
    """:func:`split_sentences` at sentence granularity of a text without CJK full stops.

    A break is found where the paragraph's own scan finds it: a boundary never starts in
    the spaces between paragraphs, and one that runs into them ends at the next
    paragraph's start, which is not a break (the paragraph scan finds no space there).
    Every break is a non-space, so it lies inside a paragraph; a sentence starts at a
    paragraph's start or at a break, and ends where the next break's spaces start or at
    its paragraph's end."""
    points = code_points(text)
    if space is None:
        space = space_mask(points)
    if check is not None:
        check()
    para_starts, para_ends = _paragraph_bounds(text, points, space)
    if check is not None:
        check()
    breaks, stops = _break_bounds(text, points, space)
    if check is not None:
        check()
    para = np.searchsorted(para_starts, breaks, side="right") - 1
    inside = breaks > para_starts[para]  # a break at a paragraph's start is the one before it
    breaks, stops, para = breaks[inside], stops[inside], para[inside]
    # In reading order a break comes after its paragraph's start and the breaks before it.
    at_break = para + 1 + np.arange(len(breaks))
    opens = np.ones(len(para_starts) + len(breaks), dtype=np.bool_)  # a paragraph
    opens[at_break] = False
    starts = np.empty(len(opens), dtype=np.int64)
    starts[opens] = para_starts
    starts[at_break] = breaks
    paragraph = np.cumsum(opens) - 1
    # Each sentence ends with its paragraph, or where the next one's break stops it.
    ends = para_ends[paragraph]
    ends[at_break - 1] = stops
    n = len(starts) if stop_after is None else min(len(starts), stop_after + 1)
    starts_list, ends_list = starts[:n].tolist(), ends[:n].tolist()
    paragraph_list = paragraph[:n].tolist()
    sentence_text = list(map(text.__getitem__, map(slice, starts_list, ends_list)))
    out: list[Sentence] = []
    for a in range(0, n, CHECK_EVERY):
        if check is not None:
            check()
        b = min(n, a + CHECK_EVERY)
        out.extend(
            made(
                Sentence,
                b - a,
                range(a, b),
                paragraph_list[a:b],
                starts_list[a:b],
                ends_list[a:b],
                sentence_text[a:b],
            )
        )
    return out


def count_sentences(
    text: str,
    granularity: Granularity = Granularity.SENTENCE,
    stop_after: int | None = None,
    check: Check = None,
) -> int:
    """About how many sentences :func:`split_sentences` finds, without building them
    (counting stops past ``stop_after``); an upper bound, for limits."""
    n = 0
    for para in paragraphs(text, check):
        n += 1
        if granularity is Granularity.SENTENCE:
            most = None if stop_after is None else stop_after - n
            n += len(_sentence_breaks(text, para.start, para.end, most, check))
        if stop_after is not None and n > stop_after:
            break
    return n
