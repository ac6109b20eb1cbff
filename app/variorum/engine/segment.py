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

from variorum.engine.model import Granularity, Sentence

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
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS


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
) -> list[Sentence]:
    """All sentences (or paragraphs, at paragraph granularity) of ``text``, in reading order;
    with ``stop_after``, it stops once it has found more than that many. ``check`` is
    called every so often and may raise to stop. ``memo`` (paragraph text -> its split)
    may be shared by the calls for several versions of one story, which share paragraphs."""
    out: list[Sentence] = []
    by_sentence = granularity is Granularity.SENTENCE
    cjk = _has_cjk_stop(text)
    if by_sentence and not cjk and len(text) >= WHOLE_TEXT_CHARS:
        return _split_whole(text, paragraphs(text, check), stop_after, check)
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
"""From this length on a text's sentence breaks are found in one scan of the whole text:
a book-length text rarely repeats a paragraph, and the memo's keys and a scan per
paragraph then cost more than they save."""


def _split_whole(
    text: str, paras: list[Span], stop_after: int | None, check: Check
) -> list[Sentence]:
    """:func:`split_sentences` at sentence granularity of a text without CJK full stops.

    A break is found where the paragraph's own scan finds it: a boundary never starts in
    the spaces between paragraphs, and one that runs into them ends at the next
    paragraph's start, which is not a break (the paragraph scan finds no space there)."""
    breaks: list[int] = []
    size = len(text)
    for k, m in enumerate(_BOUNDARY.finditer(text)):
        if check is not None and not (k + 1) % CHECK_EVERY:
            check()
        nxt = m.end()
        if nxt >= size or text[nxt].islower():
            continue
        punct, closers, _space = m.groups()
        if punct == "." and not closers and _is_abbreviation(text, m.start()):
            continue
        breaks.append(nxt)
    out: list[Sentence] = []
    append = out.append
    b, n_breaks = 0, len(breaks)
    for pi, para in enumerate(paras):
        ps, pe = para.start, para.end
        while b < n_breaks and breaks[b] <= ps:  # a break at ps is the one before it
            b += 1
        a = ps
        while True:
            cut = pe
            if b < n_breaks and breaks[b] < pe:
                cut = breaks[b]
                b += 1
            piece = text[a:cut]
            kept = piece.strip()  # str.strip and _strip_span agree on what a space is
            if kept:
                if check is not None and not (len(out) + 1) % CHECK_EVERY:
                    check()
                start = a + len(piece) - len(piece.lstrip())
                append(Sentence(len(out), pi, start, start + len(kept), kept))
                if stop_after is not None and len(out) > stop_after:
                    return out
            if cut == pe:
                break
            a = cut
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
