"""Text normalisation and tokens shared by the engine: one definition of a word.

Display always uses the original characters; these forms are for comparison only.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

import numpy as np

# Typographic variants folded for comparison (quote style, dashes, odd spaces).
_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)

# The replacements are never themselves variants, so replacing one by one is one translate.
_QUOTE_PAIRS = tuple((chr(k), v) for k, v in _QUOTES.items())

# A number keeps its separators (10,000; 3.5; 9:30); a word keeps inner apostrophes/hyphens.
TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])|\d+(?:[.,:]\d+)*%?|\w+(?:[’'‑\-]\w+)*|[^\w\s]"
)
_WORD_RE = re.compile(r"\w")
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")
_DOUBLED = re.compile(r"([^\W\d_])\1+")

STOPWORDS = frozenset(
    """a about above after again against all also although am among an and any are aren't as
    at be because been before being below between both but by can cannot could couldn't did
    didn't do does doesn't doing don't down during each either even ever every few for from
    further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
    herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's
    its itself just let's many may me might more most much must mustn't my myself neither no
    nor not now of off on once one only or other others ought our ours ourselves out over own
    per same shall shan't she she'd she'll she's should shouldn't since so some such than that
    that's the their theirs them themselves then there there's these they they'd they'll
    they're they've this those though through thus to too under until up upon us very via was
    wasn't we we'd we'll we're we've were weren't what what's when when's where where's whether
    which while who who's whom whose why why's will with within without won't would wouldn't
    yet you you'd you'll you're you've your yours yourself yourselves said says say saying told
    according also amid mr mrs ms""".split()
)


class Token(NamedTuple):
    text: str  # original characters
    norm: str  # folded form used for comparison
    start: int
    end: int
    is_word: bool  # a word or number, not a punctuation mark


def fold(text: str, ignore_case: bool = True, ignore_quotes: bool = True) -> str:
    """Quote style, dashes and spaces folded; optionally case."""
    t = fold_quotes(text) if ignore_quotes else text
    return t.lower() if ignore_case else t


def fold_quotes(text: str) -> str:
    """``text.translate(_QUOTES)``, but a replace per variant actually present: translating
    through a dict costs a Python-level look-up per character (seconds on 20 MB)."""
    if text.isascii():
        return text
    for variant, plain in _QUOTE_PAIRS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


def normalise(
    text: str,
    ignore_case: bool = True,
    ignore_punctuation: bool = False,
    ignore_quotes: bool = True,
) -> str:
    """The comparison form of a span: folded and whitespace-collapsed."""
    t = fold(text, ignore_case, ignore_quotes)
    if ignore_punctuation:
        t = _PUNCT_RE.sub(" ", t)
    return _SPACE_RE.sub(" ", t).strip()


def normalise_keep_length(
    text: str,
    ignore_case: bool = True,
    ignore_punctuation: bool = False,
    ignore_quotes: bool = True,
) -> str | None:
    """Like :func:`normalise` but without collapsing spaces, so offsets still match
    ``text``; None when folding changed the length (some case mappings do)."""
    t = fold(text, ignore_case, ignore_quotes)
    if ignore_punctuation:
        t = _PUNCT_RE.sub(" ", t)
    return t if len(t) == len(text) else None


def tokenize(
    text: str,
    offset: int = 0,
    ignore_case: bool = True,
    ignore_punctuation: bool = False,
    ignore_quotes: bool = True,
) -> list[Token]:
    """Words, numbers and punctuation marks of ``text`` with offsets shifted by ``offset``."""
    folded = fold(text, ignore_case, ignore_quotes)
    same_length = len(folded) == len(text)  # lower() may lengthen a few characters
    out: list[Token] = []
    append = out.append
    for m in TOKEN_RE.finditer(text):
        raw = m.group()
        c = raw[0]
        word = c.isalnum() or c == "_"
        if ignore_punctuation and not word:
            continue
        s, e = m.span()
        norm = folded[s:e] if same_length else fold(raw, ignore_case, ignore_quotes)
        append(Token(raw, norm, s + offset, e + offset, word))
    return out


class _Scan(NamedTuple):
    starts: np.ndarray  # int64 offsets
    ends: np.ndarray
    ids: np.ndarray  # index into vocab, per token
    vocab: list[str]  # distinct folded token strings
    words: np.ndarray  # bool per token: a word or number (first character \w)


class _Numbering(dict[str, int]):
    """Each key its number in order of first appearance, given when it is first asked for
    (a look-up is a C call; only a new key costs a Python one)."""

    def __missing__(self, key: str) -> int:
        number = self[key] = len(self)
        return number


def code_points(text: str) -> np.ndarray:
    """The code points of ``text``, one array element each: bytes for ASCII, 16 bits for
    text within the BMP (a lone surrogate is its own code point), else 32 bits."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), np.uint8)
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) == 2 * len(text):  # no character needed a surrogate pair
        return np.frombuffer(units, np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


# Which characters of the BMP are spaces (regex \s is str.isspace; a test checks them all).
_BMP_SPACES = np.zeros(0x10000, dtype=np.bool_)
_BMP_SPACES[[ord(c) for c in re.findall(r"\s", "".join(map(chr, range(0x10000))))]] = True


def space_mask(points: np.ndarray) -> np.ndarray:
    """Per code point, is it a space: ``str.isspace``, which is also what ``str.split()``
    and the regex ``\\s`` take for one. No code point above the BMP is a space."""
    mask: np.ndarray = points == 32
    mask |= (points >= 9) & (points <= 13)
    mask |= (points >= 0x1C) & (points <= 0x1F)
    wide = np.flatnonzero(points > 127)
    if len(wide):
        mask[wide] = _BMP_SPACES[np.minimum(points[wide], 0xFFFF)]
    return mask


class _Chunks(NamedTuple):
    """A text's space-delimited chunks (``text.split()``), each distinct one numbered."""

    starts: np.ndarray  # int64 offset of each chunk
    ids: np.ndarray  # per chunk, its index into distinct
    distinct: list[str]
    size: int  # the text's length


_CHUNKS_AT_ONCE = 32768  # chunks split off at a time: their strings reuse one block's memory


def _chunks(text: str, space: np.ndarray | None = None) -> _Chunks:
    if space is None:
        space = space_mask(code_points(text))
    first = ~space
    first[1:] &= space[:-1]  # a chunk starts at a non-space after a space or at 0
    starts = np.flatnonzero(first)
    del space, first
    n = len(starts)
    index = _Numbering()
    number = index.__getitem__
    ids = np.empty(n, dtype=np.int64)
    # A piece from one chunk's start to another's ends in a space: it splits into just the
    # chunks between. Numbered piece by piece, the strings of only one piece are alive.
    cuts = [*starts[::_CHUNKS_AT_ONCE].tolist(), len(text)]
    for k, (a, b) in enumerate(itertools.pairwise(cuts)):
        at = k * _CHUNKS_AT_ONCE
        piece = text[a:b].split()
        ids[at : min(n, at + _CHUNKS_AT_ONCE)] = np.fromiter(map(number, piece), np.int64)
    return _Chunks(starts, ids, list(index), len(text))


class _ChunkTokens(NamedTuple):
    """The tokens of each of a list of chunks, as TOKEN_RE finds them in it on its own."""

    counts: np.ndarray  # per chunk, how many tokens
    at: np.ndarray  # per token, its start in the joined chunks
    offsets: np.ndarray  # per token, its start within its chunk
    lengths: np.ndarray
    strings: list[str]


def _chunk_tokens(joined: str, sizes: np.ndarray) -> _ChunkTokens:
    """The tokens of the chunks (of ``sizes`` characters) that ``joined`` holds, one space
    between two, from one ``findall``. Every character of a chunk is in one of its tokens
    (one that is no word character starts ``[^\\w\\s]``), so the tokens tile each chunk:
    their lengths say where each starts and which chunk holds it."""
    strings = TOKEN_RE.findall(joined)
    lengths = np.fromiter(map(len, strings), np.int64, len(strings))
    ends = np.cumsum(lengths)  # in the chunks put end to end, without the spaces
    chunk_ends = np.cumsum(sizes)
    chunk = np.searchsorted(chunk_ends, ends)
    offsets = ends - lengths - (chunk_ends - sizes)[chunk]
    at = offsets + (np.cumsum(sizes + 1) - (sizes + 1))[chunk]
    counts = np.bincount(chunk, minlength=len(sizes))
    return _ChunkTokens(counts, at, offsets, lengths, strings)


def _expand(
    chunks: _Chunks, tokens: _ChunkTokens, ids: np.ndarray, words: np.ndarray, vocab: list[str]
) -> _Scan:
    """The text's tokens: each chunk's tokens at each place the chunk occurs."""
    # A token holds a character at least, so on a text shorter than 2**31 characters token
    # indices fit 32 bits: half the memory to fill (and fault in) for the big arrays.
    index = np.int32 if chunks.size < 2**31 else np.int64
    counts: np.ndarray = tokens.counts.astype(index)
    per_chunk = counts[chunks.ids]
    placed: np.ndarray = np.cumsum(per_chunk, dtype=index)
    placed -= per_chunk  # each chunk's first token in the text
    shift = (np.cumsum(counts) - counts)[chunks.ids]  # each chunk's first token in tokens
    shift -= placed
    del placed
    k = np.repeat(shift, per_chunk)
    del shift
    k += np.arange(len(k), dtype=index)  # token k of the text is token k + shift of tokens
    starts = np.repeat(chunks.starts, per_chunk)
    starts += tokens.offsets[k]
    return _Scan(starts, starts + tokens.lengths[k], ids[k], vocab, words[k])


def _splice(
    chunks: _Chunks,
    own_tokens: tuple[_ChunkTokens, np.ndarray, np.ndarray],
    scan: _Scan,
    folded_tokens: tuple[_ChunkTokens, np.ndarray, np.ndarray],
) -> _Scan:
    """The folded text's tokens, as ``_expand`` makes them of ``chunks`` and
    ``folded_tokens`` (each distinct chunk's folded tokens, their ids and word flags), made
    from the text's own (``scan``, of ``own_tokens``): they are the same but in the few
    chunks whose tokens folding changes (``war—torn`` folds to one word), which are
    expanded alone and put in the place of their own tokens."""
    own, own_ids, own_words = own_tokens
    folded, folded_ids, folded_words = folded_tokens
    own_first = np.cumsum(own.counts) - own.counts  # each distinct chunk's first token
    fold_first = np.cumsum(folded.counts) - folded.counts
    changed = own.counts != folded.counts
    # The chunks with as many tokens either way: token by token, the same (place, length,
    # id and word flag)?
    even = np.flatnonzero(~changed)
    per = own.counts[even]
    within = np.arange(int(per.sum())) - np.repeat(np.cumsum(per) - per, per)
    a = np.repeat(own_first[even], per) + within
    b = np.repeat(fold_first[even], per) + within
    differs = (
        (own.offsets[a] != folded.offsets[b])
        | (own.lengths[a] != folded.lengths[b])
        | (own_ids[a] != folded_ids[b])
        | (own_words[a] != folded_words[b])
    )
    changed[np.repeat(even, per)[differs]] = True
    where = np.flatnonzero(changed[chunks.ids])  # the chunks of the text to redo
    if not len(where):
        return scan
    mine = _Chunks(chunks.starts[where], chunks.ids[where], chunks.distinct, chunks.size)
    new = _expand(mine, folded, folded_ids, folded_words, scan.vocab)
    # Their own tokens out, their folded ones in where those were.
    per_own = own.counts[chunks.ids]
    first_own = np.cumsum(per_own) - per_own  # each chunk's first token in scan
    out_counts = per_own[where]
    dropped = np.repeat(first_own[where], out_counts)
    dropped += np.arange(len(dropped)) - np.repeat(np.cumsum(out_counts) - out_counts, out_counts)
    keep = np.ones(len(scan.starts), dtype=np.bool_)
    keep[dropped] = False
    at = first_own[where] - (np.cumsum(out_counts) - out_counts)  # place among those kept
    at = np.repeat(at, folded.counts[chunks.ids[where]])
    return _Scan(
        np.insert(scan.starts[keep], at, new.starts),
        np.insert(scan.ends[keep], at, new.ends),
        np.insert(scan.ids[keep], at, new.ids),
        scan.vocab,
        np.insert(scan.words[keep], at, new.words),
    )


def _numbered(index: _Numbering, strings: list[str]) -> np.ndarray:
    return np.fromiter(map(index.__getitem__, strings), np.int64, len(strings))


def _norm_ids(
    own: _ChunkTokens,
    folded: _ChunkTokens,
    folded_ids: np.ndarray,
    folded_joined: str,
    index: _Numbering,
) -> np.ndarray:
    """Per token of ``own``, the id of its norm (the folded characters it covers): the id
    of the folded token covering the same characters, where there is one (nearly always),
    else of those characters numbered by ``index``."""
    at, lengths = own.at, own.lengths
    k = np.minimum(np.searchsorted(folded.at, at), len(folded.at) - 1)
    ids: np.ndarray = folded_ids[k]
    odd = np.flatnonzero((folded.at[k] != at) | (folded.lengths[k] != lengths))
    starts = at[odd].tolist()
    ends = (at[odd] + lengths[odd]).tolist()
    ids[odd] = _numbered(index, list(map(folded_joined.__getitem__, map(slice, starts, ends))))
    return ids


def _is_word(strings: list[str]) -> np.ndarray:
    """Per token, is it a word or number: does it start with a ``\\w`` character (one that
    is alphanumeric or ``_``)?"""
    firsts = "".join(map(itemgetter(0), strings))
    alnum = np.fromiter(map(str.isalnum, firsts), np.bool_, len(firsts))
    return np.asarray(alnum | (code_points(firsts) == ord("_")))


def _token_bounds(scan: _Scan) -> tuple[np.ndarray, np.ndarray]:
    """Per token of ``scan``: is there a space (or the text's start) before it, and after
    it (or the end)? Tokens tile the text up to its trailing spaces, so a gap between two
    tokens is spaces."""
    starts, ends = scan.starts, scan.ends
    n = len(starts)
    space_before = np.ones(n, dtype=np.bool_)
    space_before[1:] = starts[1:] > ends[:-1]
    space_after = np.ones(n, dtype=np.bool_)
    space_after[:-1] = space_before[1:]
    return space_before, space_after


def _token_bounded(
    scan: _Scan,
    lo: np.ndarray,
    hi: np.ndarray,
    bounds: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Per span [lo, hi): does it start at a token after a space (or at 0) and end at a
    token's end before a space (or the end)? A quick sufficient test of ``_at_space``.
    ``bounds`` is :func:`_token_bounds` of ``scan``, when already known."""
    starts, ends = scan.starts, scan.ends
    n = len(starts)
    if n == 0:
        return np.zeros(len(lo), dtype=np.bool_)
    space_before, space_after = _token_bounds(scan) if bounds is None else bounds
    k = np.minimum(np.searchsorted(starts, lo), n - 1)
    start_ok = (lo == 0) | ((starts[k] == lo) & space_before[k])
    m = np.clip(np.searchsorted(ends, hi), 0, n - 1)
    end_ok = (ends[m] == hi) & space_after[m]
    return np.asarray(start_ok & end_ok & (lo <= hi))


class TokenizedText:
    """One text tokenised once; a span's tokens are then a slice, not a new tokenisation.

    Offsets are kept in numpy arrays and Token values are made only for the spans asked
    for, so a 20 MB article costs a few bytes per word rather than a tuple per word. Each
    distinct space-delimited chunk of the text is tokenised once, as it is and folded (the
    two differ where folding joins words: ``foo—bar`` folds to ``foo-bar``), and its
    tokens are placed wherever it occurs.
    """

    def __init__(
        self,
        text: str,
        ignore_case: bool = True,
        ignore_punctuation: bool = False,
        ignore_quotes: bool = True,
        *,
        space: np.ndarray | None = None,
    ) -> None:
        """``space``: ``space_mask(code_points(text))``, when the caller has it already."""
        self.text = text
        self._options = (ignore_case, ignore_quotes)
        self._span_words: dict[str, list[str]] = {}
        self._vocab_memo: dict[str, Any] = {}  # see _content
        # Tokens never hold a space and TOKEN_RE looks no further than the next character
        # (a space or the end), so the text's tokens are its chunks' tokens, each chunk
        # scanned on its own: each distinct one is scanned once, unfolded and folded. A
        # space never folds to a non-space or back, and the only context folding sees (a
        # final sigma's) ends at a space, so folding a chunk folds that part of the text.
        chunks = _chunks(text, space)
        del space
        distinct = chunks.distinct
        sizes = np.fromiter(map(len, distinct), np.int64, len(distinct))
        joined = " ".join(distinct)
        own = _chunk_tokens(joined, sizes)
        folded_joined = fold(joined, ignore_case, ignore_quotes)
        index = _Numbering()  # folded token string -> id
        # Folding keeps every character's length unless a case mapping lengthens one.
        self._same_length = len(folded_joined) == len(joined)
        folded = own
        if not self._same_length:  # then Token.norm is the token folded alone
            own_ids = _numbered(index, [fold(t, ignore_case, ignore_quotes) for t in own.strings])
        elif folded_joined == joined:
            own_ids = _numbered(index, own.strings)
        else:
            folded = _chunk_tokens(folded_joined, sizes)
            folded_ids = _numbered(index, folded.strings)
            own_ids = _norm_ids(own, folded, folded_ids, folded_joined, index)
        if folded is own:
            folded_ids = own_ids
        vocab = list(index)
        del index
        own_words = _is_word(own.strings)
        scan = _expand(chunks, own, own_ids, own_words, vocab)
        self._folded_scan: _Scan | None = None
        if self._same_length:
            self._folded_scan = scan
            # Folding joins words in a few chunks at most (``foo—bar`` folds to ``foo-bar``).
            if folded is not own and not np.array_equal(folded.at, own.at):
                words = _is_word(folded.strings)
                self._folded_scan = _splice(
                    chunks, (own, own_ids, own_words), scan, (folded, folded_ids, words)
                )
        words, starts, ends, ids = scan.words, scan.starts, scan.ends, scan.ids
        if ignore_punctuation:
            starts, ends, ids, words = starts[words], ends[words], ids[words], words[words]
        self._starts: np.ndarray = starts
        self._ends: np.ndarray = ends
        self._words: np.ndarray = words
        self._ids: np.ndarray = ids
        # Per id, the token's folded form: what Token.norm is, for every case above.
        self._norms = vocab

    @cached_property
    def _folded(self) -> str:
        """The folded text, when folding kept its length (only a span not bounded by
        spaces needs it)."""
        assert self._same_length
        return fold(self.text, *self._options)

    def __len__(self) -> int:
        return len(self._starts)

    def _token(self, k: int) -> Token:
        s, e = int(self._starts[k]), int(self._ends[k])
        return Token(self.text[s:e], self._norms[self._ids[k]], s, e, bool(self._words[k]))

    def _range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens lying inside [start, end)."""
        i, j = self._starts.searchsorted((start, end)).tolist()
        ends = self._ends
        while j > i and ends[j - 1] > end:
            j -= 1
        return i, j

    def span(self, start: int, end: int) -> list[Token]:
        i, j = self._range(start, end)
        text, norms = self.text, self._norms
        spans = zip(
            self._starts[i:j].tolist(),
            self._ends[i:j].tolist(),
            self._words[i:j].tolist(),
            self._ids[i:j].tolist(),
            strict=True,
        )
        return [Token(text[s:e], norms[n], s, e, w) for s, e, w, n in spans]

    def spans(self, bounds: Sequence[tuple[int, int]]) -> list[list[Token]]:
        """``[self.span(s, e) for s, e in bounds]``, the Token values made in one pass."""
        if not bounds or not len(self._starts):
            return [[] for _ in bounds]
        b = np.asarray(bounds, dtype=np.int64).reshape(-1, 2)
        starts, ends = self._starts, self._ends
        lo = np.searchsorted(starts, b[:, 0])
        hi = np.searchsorted(starts, b[:, 1])
        # As in _range: a last token reaching past the span's end is not in it (rare).
        over = np.flatnonzero((hi > lo) & (ends[np.maximum(hi - 1, 0)] > b[:, 1]))
        for k in over.tolist():
            hi[k] = self._range(int(b[k, 0]), int(b[k, 1]))[1]
        first, last = int(lo.min()), int(hi.max())
        if first >= last:
            return [[] for _ in bounds]
        at, to = starts[first:last].tolist(), ends[first:last].tolist()
        text = self.text
        raws = [text[a:z] for a, z in zip(at, to, strict=True)]
        norms = map(self._norms.__getitem__, self._ids[first:last].tolist())
        made = list(map(Token, raws, norms, at, to, self._words[first:last].tolist()))
        return [made[i - first : j - first] for i, j in zip(lo.tolist(), hi.tolist(), strict=True)]

    def span_parts(
        self, start: int, end: int
    ) -> tuple[list[str], list[int], list[int], list[bool]]:
        """The tokens :meth:`span` gives as parallel lists (norms, starts, ends, is_word),
        without making Token values."""
        i, j = self._range(start, end)
        norms = list(map(self._norms.__getitem__, self._ids[i:j].tolist()))
        return (
            norms,
            self._starts[i:j].tolist(),
            self._ends[i:j].tolist(),
            self._words[i:j].tolist(),
        )

    @property
    def tokens(self) -> list[Token]:
        return [self._token(k) for k in range(len(self._starts))]

    def word_norms(self) -> Iterator[str]:
        """Folded form of every word token, in order."""
        return iter(list(map(self._norms.__getitem__, self._ids[self._words].tolist())))

    def word_forms(self) -> tuple[np.ndarray, list[str]]:
        """(per word token, in order, the index of its folded form; the folded forms): what
        :meth:`word_norms` gives, with each distinct form once, to work on forms."""
        return self._ids[self._words], self._norms

    def _at_space(self, start: int, end: int) -> bool:
        """Is [start, end) bounded by spaces or the text's ends? Then the folded text's
        tokens inside it are the tokens of the span on its own. (Folding keeps spaces.)"""
        text = self.text
        return (
            0 <= start <= end <= len(text)
            and (start == 0 or text[start - 1].isspace())
            and (end == len(text) or text[end].isspace())
        )

    def folded_words(self, start: int, end: int) -> list[str]:
        """Folded word and number tokens of a span, without building Token values."""
        if not self._same_length:
            return [t.norm for t in self.span(start, end) if t.is_word]
        fs = self._folded_scan
        if fs is not None and self._at_space(start, end):
            i, j = np.searchsorted(fs.starts, (start, end)).tolist()
            vocab = fs.vocab
            return [w for w in map(vocab.__getitem__, fs.ids[i:j].tolist()) if w[0].isalnum()]
        # The result depends only on the folded characters of the span: repeated sentences
        # (a transcript's "Thank you.") are scanned once.
        key = self._folded[start:end]
        words = self._span_words.get(key)
        if words is None:
            words = [w for w in TOKEN_RE.findall(key) if w[0].isalnum()]
            self._span_words[key] = words
        return list(words)

    def content_keys(self, spans: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
        """Per span, ``tuple(map(skeleton, filter(is_content, self.folded_words(s, e))))``:
        the spelling-tolerant keys of its content words, for many spans in one pass."""
        return self._content(spans, skeleton, True)

    def content_words(self, spans: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
        """Per span, ``tuple(filter(is_content, self.folded_words(s, e)))``: its folded
        content words, for many spans in one pass."""
        return self._content(spans, str, True)

    def word_keys(self, spans: Sequence[tuple[int, int]]) -> list[tuple[str, ...]]:
        """Per span, ``tuple(map(skeleton, self.folded_words(s, e)))``: the spelling-tolerant
        keys of all its words, for many spans in one pass."""
        return self._content(spans, skeleton, False)

    def _content(
        self, spans: Sequence[tuple[int, int]], each: Callable[[str], str], content: bool
    ) -> list[tuple[str, ...]]:
        keep: Callable[[str], bool] = is_content if content else _any_word
        fs = self._folded_scan
        if fs is None or not spans:
            return [tuple(map(each, filter(keep, self.folded_words(s, e)))) for s, e in spans]
        # An analysis asks this of each text several times (units, meanings, claims): the
        # per-distinct-token facts are worked out once.
        memo = self._vocab_memo
        if "alnum" not in memo:
            memo["alnum"] = alnum = np.fromiter((w[0].isalnum() for w in fs.vocab), np.bool_)
            memo["content"] = alnum & np.fromiter(map(is_content, fs.vocab), np.bool_)
            memo["bounded"] = _token_bounds(fs)
        if each is skeleton:
            if "skeleton" not in memo:
                # An ASCII token starting with a digit is a number (digits, separators,
                # "%"), its own skeleton: a long text has more of them than its cache holds.
                memo["skeleton"] = [
                    w if not w[0].isalnum() or (w[0].isdigit() and w.isascii()) else skeleton(w)
                    for w in fs.vocab
                ]
            values: list[str] = memo["skeleton"]
        elif each is str:
            values = fs.vocab
        else:
            values = [each(w) for w in fs.vocab]
        where = np.flatnonzero(memo["content" if content else "alnum"][fs.ids])
        at = fs.starts[where]
        token_keys = list(map(values.__getitem__, fs.ids[where].tolist()))
        bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        lo = np.searchsorted(at, bounds[:, 0]).tolist()
        hi = np.searchsorted(at, bounds[:, 1]).tolist()
        at_space = _token_bounded(fs, bounds[:, 0], bounds[:, 1], memo["bounded"]).tolist()
        out = []
        for (s, e), a, b, ok in zip(spans, lo, hi, at_space, strict=True):
            if ok or self._at_space(s, e):
                out.append(tuple(token_keys[a:b]))
            else:
                out.append(tuple(map(each, filter(keep, self.folded_words(s, e)))))
        return out

    def word_count(self) -> int:
        return int(self._words.sum())


def _any_word(word: str) -> bool:
    return True


def word_count(text: str) -> int:
    return sum(1 for m in TOKEN_RE.finditer(text) if _WORD_RE.match(m.group()))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-tolerant key: accents dropped, possessive cut, doubled letters collapsed.

    Makes Zelensky/Zelenskyy and Kyiv's/Kyiv meet; deliberately crude.
    """
    if word.isascii():  # ASCII is its own NFKD form and has no combining marks
        w = word.lower()
    else:
        w = unicodedata.normalize("NFKD", fold_quotes(word).lower())
        w = "".join(ch for ch in w if not unicodedata.combining(ch))
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    if _DOUBLED.search(w) is not None:  # a sub with a template costs more than a search
        w = _DOUBLED.sub(r"\1", w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


@lru_cache(maxsize=131072)
def is_content(norm_word: str) -> bool:
    """Numbers and non-stopword words carry content; punctuation and function words do not."""
    if norm_word[:1].isdigit():
        return True
    return len(norm_word) > 1 and norm_word not in STOPWORDS and bool(_WORD_RE.match(norm_word))
