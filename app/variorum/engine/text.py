"""Text normalisation and tokens shared by the engine: one definition of a word.

Display always uses the original characters; these forms are for comparison only.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, islice
from typing import NamedTuple

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
_NON_WORD_CHAR = re.compile(r"\W")
_MATCH_START = re.Match.start
_MATCH_END = re.Match.end
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")

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


class TokenizedText:
    """One text tokenised once; a span's tokens are then a slice, not a new tokenisation.

    Offsets are kept in compact arrays and Token values are made only for the spans asked
    for, so a 20 MB article costs a few bytes per word rather than a tuple per word.
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
        starts = array("q")
        ends = array("q")
        words = bytearray()
        # C-level passes over chunks of matches rather than Python work per token; a token
        # is a word when its first character is a word character (\w), as in tokenize().
        found = TOKEN_RE.finditer(text)
        while chunk := list(islice(found, 65536)):
            s_chunk = list(map(_MATCH_START, chunk))
            e_chunk = map(_MATCH_END, chunk)
            firsts = "".join(map(text.__getitem__, s_chunk))
            flags = _WORD_CHAR.sub("\x01", _NON_WORD_CHAR.sub("\x00", firsts)).encode("latin-1")
            if ignore_punctuation:
                starts.extend(compress(s_chunk, flags))
                ends.extend(compress(e_chunk, flags))
                words.extend(b"\x01" * flags.count(1))
            else:
                starts.extend(s_chunk)
                ends.extend(e_chunk)
                words.extend(flags)
        self._starts = starts
        self._span_words: dict[str, list[str]] = {}
        self._ends = ends
        self._words = words

    def __len__(self) -> int:
        return len(self._starts)

    def _token(self, k: int) -> Token:
        s, e = self._starts[k], self._ends[k]
        raw = self.text[s:e]
        norm = self._folded[s:e] if self._folded is not None else fold(raw, *self._options)
        return Token(raw, norm, s, e, bool(self._words[k]))

    def span(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self._starts, start)
        j = bisect_left(self._starts, end, lo=i)
        while j > i and self._ends[j - 1] > end:
            j -= 1
        text, folded = self.text, self._folded
        if folded is None:
            return [self._token(k) for k in range(i, j)]
        spans = zip(self._starts[i:j], self._ends[i:j], self._words[i:j], strict=True)
        return [Token(text[s:e], folded[s:e], s, e, w != 0) for s, e, w in spans]

    @property
    def tokens(self) -> list[Token]:
        return [self._token(k) for k in range(len(self._starts))]

    def word_norms(self) -> Iterator[str]:
        """Folded form of every word token, in order."""
        folded, text, words = self._folded, self.text, self._words
        for k in range(len(self._starts)):
            if words[k]:
                s, e = self._starts[k], self._ends[k]
                yield folded[s:e] if folded is not None else fold(text[s:e], *self._options)

    def folded_words(self, start: int, end: int) -> list[str]:
        """Folded word and number tokens of a span, without building Token values."""
        if self._folded is None:
            return [t.norm for t in self.span(start, end) if t.is_word]
        # The result depends only on the folded characters of the span: repeated sentences
        # (a transcript's "Thank you.") are scanned once.
        key = self._folded[start:end]
        words = self._span_words.get(key)
        if words is None:
            words = [w for w in TOKEN_RE.findall(key) if w[0].isalnum()]
            self._span_words[key] = words
        return list(words)

    def word_count(self) -> int:
        return sum(self._words)


def word_count(text: str) -> int:
    return sum(1 for m in TOKEN_RE.finditer(text) if _WORD_RE.match(m.group()))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-tolerant key: accents dropped, possessive cut, doubled letters collapsed.

    Makes Zelensky/Zelenskyy and Kyiv's/Kyiv meet; deliberately crude.
    """
    w = unicodedata.normalize("NFKD", fold_quotes(word).lower())
    w = "".join(ch for ch in w if not unicodedata.combining(ch))
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    w = re.sub(r"([^\W\d_])\1+", r"\1", w)
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
