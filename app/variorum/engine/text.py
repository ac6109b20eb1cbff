"""Text normalisation and tokens shared by the engine: one definition of a word.

Display always uses the original characters; these forms are for comparison only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
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
_WORD_CHAR = re.compile(r"\w")
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


# The only characters whose folded form falls in another of TOKEN_RE's character classes
# (found by folding every code point): these dashes and quotes become joiners, which
# matters only between two word characters; the Kelvin sign becomes an ASCII letter.
# (İ lengthens when folded, and then no folded scan is made at all.)
_RESPLIT = re.compile(
    "[\u2010\u2012-\u2015\u2018\u201a\u201b\u2032\u212a](?:(?<=\u212a)|(?<=\\w.)(?=\\w))"
)
# A token with the spaces before it: the matches tile the text, so their lengths give the
# offsets, and no match attempt is spent on a space.
_SPACED_TOKEN = re.compile(r"\s*+(?:" + TOKEN_RE.pattern + ")")


class _Scan(NamedTuple):
    starts: np.ndarray  # int64 offsets
    ends: np.ndarray
    ids: np.ndarray  # index into vocab, per token
    vocab: list[str]  # distinct token strings
    words: np.ndarray  # bool per token: a word or number (first character \w)


class _Numbering(dict[str, int]):
    """Each key its number in order of first appearance, given when it is first asked for
    (a look-up is a C call; only a new key costs a Python one)."""

    def __missing__(self, key: str) -> int:
        number = self[key] = len(self)
        return number


def _scan(source: str, start: int = 0, end: int | None = None) -> _Scan:
    """The tokens of ``source[start:end]`` (offsets into ``source``), as TOKEN_RE.finditer
    finds them, from one ``findall``: no match object and no Python work per token."""
    end = len(source) if end is None else end
    while end > start and source[end - 1].isspace():  # each would be a failed attempt
        end -= 1
    found = _SPACED_TOKEN.findall(source, start, end)
    n = len(found)
    # Distinct (spaces + token) strings are few: per-token facts (lengths too) are worked
    # out once per distinct string and gathered by index; one pass numbers them.
    index = _Numbering()
    ids = np.fromiter(map(index.__getitem__, found), np.int64, n)
    del found
    spaced = list(index)
    del index
    spaced_lengths = np.fromiter(map(len, spaced), np.int64, len(spaced))
    ends = np.cumsum(spaced_lengths[ids]) + start
    vocab = [m.lstrip() for m in spaced]
    lengths = np.fromiter(map(len, vocab), np.int64, len(vocab))
    is_word = np.fromiter((_WORD_CHAR.match(t) is not None for t in vocab), np.bool_, len(vocab))
    return _Scan(ends - lengths[ids], ends, ids, vocab, is_word[ids])


def _resplit_chunks(scan: _Scan, text: str) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of the space-delimited chunks of ``scan`` that hold a
    character at which ``text`` and its folded form split differently."""
    hits = [m.start() for m in _RESPLIT.finditer(text)]
    if not hits:
        return []
    starts, ends = scan.starts, scan.ends
    # Tokens touching each other form a chunk; spaces separate chunks.
    gap = np.ones(len(starts), dtype=np.bool_)
    gap[1:] = starts[1:] > ends[:-1]
    chunk_first = np.flatnonzero(gap)
    k = np.searchsorted(starts, np.asarray(hits, dtype=np.int64), side="right") - 1
    c = np.unique(np.searchsorted(chunk_first, k, side="right") - 1)
    first = chunk_first[c]
    last = np.append(chunk_first, len(starts))[c + 1]
    return list(zip(first.tolist(), last.tolist(), strict=True))


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
    for, so a 20 MB article costs a few bytes per word rather than a tuple per word. The
    folded text is scanned once; the text's own tokens are the same except in the few
    space-delimited chunks where folding joins words (``foo—bar`` folds to ``foo-bar``),
    which are scanned again unfolded.
    """

    def __init__(
        self,
        text: str,
        ignore_case: bool = True,
        ignore_punctuation: bool = False,
        ignore_quotes: bool = True,
    ) -> None:
        self.text = text
        self._options = (ignore_case, ignore_quotes)
        folded = fold(text, ignore_case, ignore_quotes)
        self._folded = folded if len(folded) == len(text) else None
        self._span_words: dict[str, list[str]] = {}
        self._vocab_memo: dict[str, Any] = {}  # see _content
        self._folded_scan: _Scan | None = None
        if self._folded is None:
            own = _scan(text)
            norms = [fold(t, ignore_case, ignore_quotes) for t in own.vocab]
        else:
            fs = self._folded_scan = _scan(folded)
            chunks = _resplit_chunks(fs, text) if folded != text else []
            own, norms = fs, fs.vocab
            if chunks:
                own, norms = self._patched(fs, chunks)
        words = own.words
        starts, ends, ids = own.starts, own.ends, own.ids
        if ignore_punctuation:
            starts, ends, ids, words = starts[words], ends[words], ids[words], words[words]
        self._starts: np.ndarray = starts
        self._ends: np.ndarray = ends
        self._words: np.ndarray = words
        self._ids: np.ndarray = ids
        # Per id, the token's folded form: what Token.norm is, for every case above.
        self._norms = norms

    def _patched(self, fs: _Scan, chunks: list[tuple[int, int]]) -> tuple[_Scan, list[str]]:
        """The text's own tokens: the folded scan with ``chunks`` scanned unfolded."""
        assert self._folded is not None
        folded, text = self._folded, self.text
        keep = np.ones(len(fs.starts), dtype=np.bool_)
        new_starts: list[int] = []
        new_ends: list[int] = []
        for i, j in chunks:
            keep[i:j] = False
            # A chunk is bounded by spaces, so its tokens are those of the whole text there.
            for m in TOKEN_RE.finditer(text, int(fs.starts[i]), int(fs.ends[j - 1])):
                new_starts.append(m.start())
                new_ends.append(m.end())
        norms = list(fs.vocab)
        new_ids = np.arange(len(norms), len(norms) + len(new_starts), dtype=np.int64)
        norms.extend(folded[a:b] for a, b in zip(new_starts, new_ends, strict=True))
        new_words = np.fromiter(
            (_WORD_CHAR.match(text, a) is not None for a in new_starts), np.bool_, len(new_starts)
        )
        # Each chunk's new tokens go where its old ones were: an insert, not a sort.
        kept_starts = fs.starts[keep]
        added = np.asarray(new_starts, dtype=np.int64)
        at = np.searchsorted(kept_starts, added)
        merged = _Scan(
            np.insert(kept_starts, at, added),
            np.insert(fs.ends[keep], at, np.asarray(new_ends, dtype=np.int64)),
            np.insert(fs.ids[keep], at, new_ids),
            [],
            np.insert(fs.words[keep], at, new_words),
        )
        return merged, norms

    def __len__(self) -> int:
        return len(self._starts)

    def _token(self, k: int) -> Token:
        s, e = int(self._starts[k]), int(self._ends[k])
        raw = self.text[s:e]
        norm = self._folded[s:e] if self._folded is not None else fold(raw, *self._options)
        return Token(raw, norm, s, e, bool(self._words[k]))

    def _range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens lying inside [start, end)."""
        i, j = self._starts.searchsorted((start, end)).tolist()
        ends = self._ends
        while j > i and ends[j - 1] > end:
            j -= 1
        return i, j

    def span(self, start: int, end: int) -> list[Token]:
        i, j = self._range(start, end)
        text, folded = self.text, self._folded
        if folded is None:
            return [self._token(k) for k in range(i, j)]
        spans = zip(
            self._starts[i:j].tolist(),
            self._ends[i:j].tolist(),
            self._words[i:j].tolist(),
            strict=True,
        )
        return [Token(text[s:e], folded[s:e], s, e, w) for s, e, w in spans]

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
        tokens inside it are the tokens of the span on its own."""
        folded = self._folded
        assert folded is not None
        return (
            0 <= start <= end <= len(folded)
            and (start == 0 or folded[start - 1].isspace())
            and (end == len(folded) or folded[end].isspace())
        )

    def folded_words(self, start: int, end: int) -> list[str]:
        """Folded word and number tokens of a span, without building Token values."""
        if self._folded is None:
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
                memo["skeleton"] = [skeleton(w) if w[0].isalnum() else w for w in fs.vocab]
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
