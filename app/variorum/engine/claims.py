"""Find the check-worthy content only one version carries.

A claim is a sentence with a checkable fact that only one version has: either the whole
sentence has no counterpart and it carries a fact (a named person, organisation or place,
a number with what it counts, a date, a quotation, a specific thing done by a named
actor), or it is aligned and holds a unique name, number or quotation. A sentence of one
version without any such fact ("Historical context remains central to the discourse.")
is *other unique text*: returned separately, never a claim.

Terms are names, numbers with what they count, quotations and distinctive noun phrases
(never verbs or adjectives: the phrase filter asks :mod:`variorum.engine.lexicon`); a term
is unique when no other version contains it or an obvious variant (case, punctuation,
possessive, doubled letters such as Zelensky/Zelenskyy).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from importlib import resources
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz

from variorum.engine.facts import Fact
from variorum.engine.lexicon import (
    ADJ,
    can_be_noun,
    categories,
    is_modifier,
    is_noun_only,
    known,
)
from variorum.engine.model import Claim, FactKind, Sentence, Term, TermKind
from variorum.engine.text import (
    STOPWORDS,
    Token,
    TokenizedText,
    is_content,
    skeleton,
)

_OPEN_QUOTES = "‘“\"'«"
_CLOSE_QUOTES = "’”\"'»"
# Words that may sit inside a multi-word name ("Bank of England", "Coalition of the Willing").
_NAME_JOINERS = frozenset({"of", "the", "de", "von", "van", "der", "al", "for", "du"})
_WEIGHT = {
    TermKind.NUMBER: 2.0,
    TermKind.DATE: 2.0,
    TermKind.NAME: 1.5,
    TermKind.QUOTE: 1.2,
    TermKind.PHRASE: 0.8,
}
_PRIORITY = {
    TermKind.QUOTE: 0,
    TermKind.NUMBER: 1,
    TermKind.DATE: 1,
    TermKind.NAME: 2,
    TermKind.PHRASE: 3,
}
MAX_PHRASE_WORDS = 4
MAX_PHRASES_PER_SENTENCE = 4
MIN_QUOTE_WORDS = 3
QUOTE_SENTENCES = 50  # sentences of another version a quotation is fuzzily looked for in
BULK_INDEX_SENTENCES = 5_000  # versions up to this long have their word index made at once
_FACT_WEIGHT = {
    FactKind.MONEY: 2.0,
    FactKind.QUANTITY: 2.0,
    FactKind.NUMBER: 1.5,
    FactKind.DATE: 1.5,
    FactKind.PERSON: 1.5,
    FactKind.PLACE: 1.0,
}
# Nationality words are adjectives ("the French president"), not entities to check.
_DEMONYMS = frozenset(
    """american arab british chinese czech danish dutch eastern english european finnish
    french german greek irish israeli italian japanese korean mexican northern polish
    russian scottish southern spanish swedish swiss thai turkish ukrainian welsh western
    baltic nordic atlantic euro-atlantic transatlantic""".split()
)
# Abstract nouns: real nouns, but a lone one is nothing to check ("resilience", "unity").
_ABSTRACT_ENDINGS = (
    "ity", "ness", "ence", "ance", "ancy", "ency", "ment", "sion", "tion", "ism", "acy",
    "ship", "hood", "dom", "ure", "ics", "ogy",
)  # fmt: skip


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Everyday English words: never enough on their own to make a phrase distinctive."""
    raw = resources.files("variorum.engine").joinpath("common_words.txt").read_text("utf-8")
    return frozenset(w for w in raw.split() if w.isalpha() and not w.startswith("#"))


@lru_cache(maxsize=65536)
def distinctive(norm_word: str) -> bool:
    """Not an everyday word, nor an inflection of one (deploying, outlines)."""
    common = common_words()
    w = norm_word.replace("’", "'").split("'")[0]
    if len(w) < 4 or w in common:
        return False
    for suffix in ("ing", "ed", "es", "s", "ly", "er", "ers"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            if stem in common or stem + "e" in common:
                return False
    return True


class Candidate(NamedTuple):  # a tuple: many are made per sentence, few kept
    kind: TermKind
    start: int
    end: int
    text: str
    keys: tuple[str, ...]  # skeletons of its content words


class Corpus:
    """What every version says, indexed for "does another version have this?" look-ups."""

    def __init__(
        self,
        texts: Sequence[str],
        sentences: Sequence[Sequence[Sentence]],
        tokenized: Sequence[TokenizedText] | None = None,
        most: int | None = None,
    ) -> None:
        """``most``: only a version's first this many sentences are ever judged (see
        :func:`find_claims`), so only they are read; the words of all are indexed."""
        self.texts = texts
        self.sentences = sentences
        self.tokenized = list(tokenized) if tokenized else [TokenizedText(t) for t in texts]
        self.vocab: list[set[str]] = []
        self.joined: list[str] = []
        self.numbers: list[set[str]] = []
        # Sentence texts already read into tokens (see _read), and each sentence's reading.
        self.parsed: dict[str, _Parsed] = {}
        self.readings: list[list[_Parsed] | None] = []
        for v, tt in enumerate(self.tokenized):
            if most is not None and len(sentences[v]) > most:
                # A long version: its first sentences read for judging, all its words
                # indexed from the tokens (each distinct word's key made once).
                head = _read_all(self, v, sentences[v][:most])
                for r in head:
                    r.versions.add(v)
                self.readings.append(head)
                ids, forms = tt.word_forms()
                used = np.flatnonzero(np.bincount(ids, minlength=len(forms))).tolist()
                key_of = [""] * len(forms)
                for k in used:
                    key_of[k] = _skeleton(forms[k])
                words = list(map(key_of.__getitem__, ids.tolist()))
                numbers = {_number_key(forms[k]) for k in used if forms[k][:1].isdigit()}
                self.vocab.append({key_of[k] for k in used})
                self.joined.append(" " + " ".join(words) + " ")
                self.numbers.append(numbers)
                continue
            readings = self._read_sentences(v)
            self.readings.append(readings)
            if readings is not None:
                # The sentences hold every word: the version's words are theirs in order.
                words = [k for r in readings for k in r.keys]
                numbers = {k for r in readings for k in r.numbers}
            else:
                norms = list(tt.word_norms())
                words = [skeleton(w) for w in norms]
                numbers = {_number_key(w) for w in norms if w[:1].isdigit()}
            self.vocab.append(set(words))
            self.joined.append(" " + " ".join(words) + " ")
            self.numbers.append(numbers)
        # Per-sentence word index, built on first use (only quotations need it).
        self._sent_norm: list[dict[int, str]] = [{} for _ in texts]
        self._word_sents: list[dict[str, list[int]] | None] = [None for _ in texts]
        self._indexed = [0 for _ in texts]  # sentences of each version in _word_sents
        self.df: dict[str, int] = Counter(chain.from_iterable(self.vocab))
        df = self.df
        self.novel_keys = [{w for w in voc if df[w] == 1} for voc in self.vocab]
        self.num_df: dict[str, int] = Counter(chain.from_iterable(self.numbers))
        # Versions repeat most sentences, so the same phrase is looked for again and again:
        # each (needle, version) search is done once per analysis.
        self._phrase_in: dict[tuple[str, int], bool] = {}
        self._quote_in: dict[tuple[str, int], bool] = {}

    def _read_sentences(self, v: int) -> list[_Parsed] | None:
        """Every sentence of version ``v`` read (repeated ones once), or None when the
        sentences overlap or leave words out, so that they do not tell its words."""
        sents = self.sentences[v]
        end = 0
        for s in sents:
            if s.start < end:
                return None
            end = s.end
        readings = _read_all(self, v, sents)
        if sum(len(r.words) for r in readings) != self.tokenized[v].word_count():
            return None
        for r in readings:
            r.versions.add(v)
        return readings

    def reading(self, v: int, s: Sentence) -> _Parsed:
        """The tokens of sentence ``s`` of version ``v``."""
        readings = self.readings[v]
        if readings is not None and s.id < len(readings):
            return readings[s.id]
        return _read(self, v, s)

    def novel(self, v: int, key: str) -> bool:
        return key in self.novel_keys[v]

    def number_elsewhere(self, v: int, num: str) -> bool:
        """Whether a version other than ``v`` has the number key ``num``."""
        return self.num_df.get(num, 0) - (num in self.numbers[v]) > 0

    def phrase_elsewhere(self, v: int, keys: Sequence[str]) -> bool:
        df = self.df
        if any(df.get(k, 0) <= 1 for k in keys):
            return False  # holds a word only this version uses
        needle = " " + " ".join(keys) + " "
        found = self._phrase_in
        for u in range(len(self.texts)):
            if u == v:
                continue
            hit = found.get((needle, u))
            if hit is None:
                hit = found[needle, u] = needle in self.joined[u]
            if hit:
                return True
        return False

    def quote_elsewhere(self, v: int, keys: Sequence[str]) -> bool:
        """A quotation is shared when another version has nearly the same words in a row."""
        if self.phrase_elsewhere(v, keys):
            return True
        content = [k for k in keys if k not in STOPWORDS]
        if not content:
            return True
        rare = min(content, key=lambda k: (self.df.get(k, 0), k))
        needle = " ".join(keys)
        found = self._quote_in
        for u in range(len(self.texts)):
            if u == v or rare not in self.vocab[u]:
                continue
            hit = found.get((needle, u))
            if hit is None:
                hit = found[needle, u] = any(
                    fuzz.partial_ratio(needle, self._sentence_keys(u, sid)) >= 88
                    for sid in self._sentences_with(u, rare)
                )
            if hit:
                return True
        return False

    def _sentence_keys(self, u: int, sid: int) -> str:
        cache = self._sent_norm[u]
        if sid not in cache:
            s = self.sentences[u][sid]
            cache[sid] = " ".join(
                skeleton(w) for w in self.tokenized[u].folded_words(s.start, s.end)
            )
        return cache[sid]

    def _sentences_with(self, u: int, key: str, most: int = QUOTE_SENTENCES) -> list[int]:
        """The first ``most`` sentences of version ``u`` (in reading order) holding the
        word ``key``. The word index is built only as far as a look-up needs: a book-length
        version has the first few sentences with a common word near its start."""
        index = self._word_sents[u]
        sents = self.sentences[u]
        if index is None:
            index = self._word_sents[u] = defaultdict(list)
            if len(sents) <= BULK_INDEX_SENTENCES:
                # An article-sized version: all its sentences' words in one pass.
                cache = self._sent_norm[u]
                found = self.tokenized[u].word_keys([(s.start, s.end) for s in sents])
                for s, keys in zip(sents, found, strict=True):
                    cache[s.id] = " ".join(keys)
        at = self._indexed[u]
        while at < len(sents) and len(index.get(key, ())) < most:
            sid = sents[at].id
            for w in set(self._sentence_keys(u, sid).split()):
                index[w].append(sid)
            at += 1
        self._indexed[u] = at
        return index.get(key, [])[:most]


_FIRST_NUMBER = re.compile(r"\d[\d,.]*")


def _number_key(norm: str) -> str:
    return norm.replace(",", "").rstrip("%").rstrip(".")


def _name_like(tok: Token) -> bool:
    """ "NATO", "Rasmussen": a capitalised word that is not an ordinary word capitalised."""
    if len(tok.text) > 1 and tok.text.isupper():
        return True
    return not (known(tok.norm) or tok.norm in STOPWORDS or tok.norm in common_words())


def _is_cap(tok: Token) -> bool:
    return _capitalised(tok[0])


@lru_cache(maxsize=65536)
def _capitalised(text: str) -> bool:
    return text[:1].isupper() or (len(text) > 1 and text.isupper())


_QUOTE_CHARS = re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES) + "]")


def _quote_spans(text: str, s: Sentence) -> list[tuple[int, int]]:
    """Quoted stretches inside one sentence; an unclosed quote runs to the sentence end,
    a close without an open starts at the sentence start (a quote broken by a paragraph)."""
    return _quote_spans_in(text, s.start, s.end)


def _quote_spans_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    body = text[start:end]
    if not _QUOTE_CHARS.search(body):
        return spans
    open_at: int | None = None
    for m in _QUOTE_CHARS.finditer(body):
        k = m.start()
        ch = body[k]
        prev = body[k - 1] if k else " "
        nxt = body[k + 1] if k + 1 < len(body) else " "
        if ch in _OPEN_QUOTES and open_at is None and not prev.isalnum() and nxt.isalnum():
            open_at = k + 1
        elif ch in _CLOSE_QUOTES and not nxt.isalnum():
            if ch in "'’" and prev.isalpha() and nxt == "s":
                continue
            if open_at is None and (spans or k < len(body) - 3):
                continue  # a stray apostrophe, not the end of a broken quotation
            spans.append((open_at if open_at is not None else 0, k))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(body)))
    out = []
    for a, b in spans:
        seg = body[a:b].rstrip(" ,.;:!?")
        a2 = a + (len(body[a:b]) - len(body[a:b].lstrip()))
        if seg.strip():
            out.append((start + a2, start + a + len(seg)))
    return out


def _keys(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(_skeleton(t.norm) for t in tokens if t.is_word)


@lru_cache(maxsize=131072)
def _word_key(norm: str) -> str:
    """:func:`_skeleton`, cached: it runs for every word of every sentence read."""
    return norm if norm[:1].isdigit() and norm.isascii() else skeleton(norm)


def _skeleton(norm: str) -> str:
    """``skeleton(norm)`` of a word token. A token that starts with an ASCII digit is a
    number of digits, separators and "%", its own skeleton: a long text has more distinct
    numbers than skeleton's cache holds."""
    return norm if norm[:1].isdigit() and norm.isascii() else skeleton(norm)


def extract_candidates(
    corpus: Corpus, v: int, s: Sentence, tokens: Sequence[Token]
) -> list[Candidate]:
    """Every term candidate of sentence ``s`` of version ``v`` (``tokens`` are its tokens):
    quotations, then numbers, then names, then at most :data:`MAX_PHRASES_PER_SENTENCE`
    distinctive phrases; candidates may overlap (:func:`unique_terms` resolves that)."""
    text = corpus.texts[v]
    words = [t for t in tokens if t.is_word]
    return [
        *quote_candidates(text, s, words),
        *number_candidates(text, words),
        *name_candidates(text, words),
        *phrase_candidates(corpus, v, tokens),
    ]


def _candidate(kind: TermKind, text: str, span: Sequence[Token]) -> Candidate:
    start, end = span[0].start, span[-1].end
    return Candidate(kind, start, end, text[start:end], _keys(span))


def quote_candidates(text: str, s: Sentence, words: Sequence[Token]) -> list[Candidate]:
    """Quoted stretches of sentence ``s`` holding two or more of its ``words``."""
    return _quotes_in(text, s.start, s.end, words)


def _quotes_in(text: str, start: int, end: int, words: Sequence[Token]) -> list[Candidate]:
    out = []
    for a, b in _quote_spans_in(text, start, end):
        qt = [t for t in words if t.start >= a and t.end <= b]
        if len(qt) >= 2:
            out.append(Candidate(TermKind.QUOTE, a, b, text[a:b], _keys(qt)))
    return out


def number_candidates(text: str, words: Sequence[Token]) -> list[Candidate]:
    """Each number with up to three following content words: "10,000 multinational troops"."""
    out = []
    for k, t in enumerate(words):
        if not t.norm[:1].isdigit():
            continue
        end_tok = k
        while (
            end_tok + 1 < len(words)
            and end_tok - k < 3
            and is_content(words[end_tok + 1].norm)
            and not words[end_tok + 1].norm[:1].isdigit()
            and text[words[end_tok].end : words[end_tok + 1].start].strip() == ""
        ):
            end_tok += 1
        out.append(_candidate(TermKind.NUMBER, text, words[k : end_tok + 1]))
    return out


def name_candidates(text: str, words: Sequence[Token]) -> list[Candidate]:
    """Runs of capitalised words (joined by "of", "de"...), leading stopwords dropped. A
    lone capitalised first word is just a sentence start unless it is an acronym or no
    English word."""
    out: list[Candidate] = []
    caps = list(map(_capitalised, map(itemgetter(0), words)))
    if True not in caps:
        return out  # most sentences of a long text: no name, no work
    n = len(words)
    k = 0
    while k < n:
        t = words[k]
        if not caps[k] or t.norm[:1].isdigit():
            k += 1
            continue
        run = [t]
        m = k + 1
        while m < n:
            gap = text[run[-1].end : words[m].start]
            if gap.strip(" *") != "":
                break
            if caps[m] and not words[m].norm[:1].isdigit():
                run.append(words[m])
                m += 1
                continue
            if (
                words[m].norm in _NAME_JOINERS
                and m + 1 < n
                and caps[m + 1]
                and text[words[m].end : words[m + 1].start].strip(" *") == ""
            ):
                run.extend(words[m : m + 2])
                m += 2
                continue
            break
        while run and run[0].norm in STOPWORDS:
            run.pop(0)
        at_start = bool(run) and run[0].start == words[0].start
        plain_start = at_start and len(run) == 1 and not _name_like(run[0])
        if run and not plain_start:
            out.append(_candidate(TermKind.NAME, text, run))
        k = m
    return out


def phrase_candidates(corpus: Corpus, v: int, tokens: Sequence[Token]) -> list[Candidate]:
    """Distinctive noun phrases: runs of content words around a rare lower-case word no
    other version uses; the rarest :data:`MAX_PHRASES_PER_SENTENCE`, in reading order
    among equals."""
    # Every phrase is anchored on a word only this version uses: most sentences have none.
    if corpus.novel_keys[v].isdisjoint([skeleton(t.norm) for t in tokens if t.is_word]):
        return []
    return _phrases(corpus, v, corpus.texts[v], tokens)


Run = tuple[int, int]
"""Tokens ``[start, end)`` of a run of content words."""


def phrase_runs(text: str, tokens: Sequence[Token]) -> list[Run]:
    """The runs of content words (no digits, only whitespace between them) that phrases
    are made of, in reading order."""
    runs: list[Run] = []
    first = -1
    prev_end = 0
    content = is_content
    for k, (_raw, norm, start, end, is_word) in enumerate(tokens):
        if is_word and not norm[:1].isdigit() and content(norm):
            if first < 0:
                first = k
            elif start != prev_end and text[prev_end:start].strip():
                runs.append((first, k))
                first = k
        elif first >= 0:
            runs.append((first, k))
            first = -1
        prev_end = end
    if first >= 0:
        runs.append((first, len(tokens)))
    return runs


def _phrases(
    corpus: Corpus,
    v: int,
    text: str,
    tokens: Sequence[Token],
    runs: Sequence[Run] | None = None,
) -> list[Candidate]:
    """:func:`phrase_candidates` of ``tokens`` (whose :func:`phrase_runs` are ``runs``),
    offsets into ``text``."""
    phrases: list[tuple[int, Candidate]] = []
    novel = corpus.novel_keys[v]
    for first, after in phrase_runs(text, tokens) if runs is None else runs:
        run_toks = list(tokens[first:after])
        anchors = [
            i
            for i, t in enumerate(run_toks)
            if skeleton(t.norm) in novel and not _capitalised(t[0]) and distinctive(t.norm)
        ]
        if not anchors:
            continue
        lo, hi = anchors[0], anchors[-1]
        if hi - lo + 1 > MAX_PHRASE_WORDS:
            hi = lo + MAX_PHRASE_WORDS - 1
        # Take in a neighbouring lower-case content word: "classified war games".
        while hi - lo + 1 < 3 and hi + 1 < len(run_toks) and not _is_cap(run_toks[hi + 1]):
            hi += 1
        while hi - lo + 1 < 3 and lo > 0 and not _is_cap(run_toks[lo - 1]):
            lo -= 1
        span = noun_phrase(run_toks[lo : hi + 1], single=False)
        if span and span[-1] is run_toks[-1]:
            span += _of_phrase(text, tokens, after)  # "coalition of the willing"
        if len(span) == 1 and not noun_phrase(span):
            continue
        if not span:
            continue
        rarity = sum(1 for t in span if skeleton(t.norm) in novel)
        phrases.append((rarity, _candidate(TermKind.PHRASE, text, span)))
    phrases.sort(key=lambda p: (-p[0], p[1].start))
    return [c for _, c in phrases[:MAX_PHRASES_PER_SENTENCE]]


def _of_phrase(text: str, tokens: Sequence[Token], k: int) -> list[Token]:
    """ "of the willing", "of artillery shells" after a noun, as tokens: "of", perhaps
    "the", then a noun phrase; [] when the text goes on otherwise."""
    if k == 0 or k >= len(tokens) or tokens[k].norm != "of":
        return []
    j = k + 1
    has_the = j < len(tokens) and tokens[j].norm == "the"
    if has_the:
        j += 1
    words: list[Token] = []
    prev = tokens[j - 1]
    while j < len(tokens) and len(words) < MAX_PHRASE_WORDS:
        w = tokens[j]
        if (
            not w.is_word
            or _is_cap(w)
            or not is_content(w.norm)
            or not is_modifier(w.norm)
            or text[prev.end : w.start].strip()
        ):
            break
        words.append(w)
        prev = w
        j += 1
    head = list(words)
    while head and not is_noun_only(head[-1].norm) and not _plural_noun(head[-1].norm):
        head.pop()
    if not head:
        # "the willing": after "the", a lone adjective stands for people
        nominal = (
            has_the and len(words) == 1 and (j >= len(tokens) or not is_content(tokens[j].norm))
        )
        if not nominal:
            return []
        head = words
    return list(tokens[k : k + 1 + has_the]) + head


def noun_phrase(tokens: Sequence[Token], single: bool = True) -> list[Token]:
    """The noun phrase inside a run of content words, or [] when there is none.

    Leading verbs and adverbs go ("emphasizing", "deploying European battalions" keeps
    "European battalions"), trailing words that cannot be a noun go, and what is left must
    be modifiers ending in a noun. A phrase of one word is kept only when it is a specific
    noun: not an abstract one, not an everyday one ("whistleblower" yes, "stance" no).
    """
    toks = list(tokens)
    while toks and not is_modifier(toks[0].norm):
        toks.pop(0)
    while toks and not is_noun_only(toks[-1].norm) and not _plural_noun(toks[-1].norm):
        toks.pop()
    if not toks or any(not is_modifier(t.norm) for t in toks):
        return []
    if single and len(toks) == 1:
        w = toks[0].norm
        if known(w) or w.endswith(_ABSTRACT_ENDINGS):
            return []
    return toks


def _plural_noun(norm: str) -> bool:
    """ "shells", "games": plural nouns that are also verb forms, kept as a phrase's head."""
    return (
        norm.endswith("s")
        and not norm.endswith("ss")
        and is_modifier(norm[:-1])
        and (is_noun_only(norm[:-1]) or len(norm) > 4)
    )


def _is_demonym(c: Candidate) -> bool:
    words = c.text.replace("’", "'").split()
    return len(words) == 1 and (
        words[0].lower().removesuffix("'s") in _DEMONYMS
        or words[0].lower().endswith(("ian", "ean", "ese", "ish"))
    )


def _trim_name(
    corpus: Corpus, v: int, c: Candidate, text: str, words: Sequence[Token]
) -> Candidate | None:
    """Drop shared title words from the front of a long name ("NATO Secretary General
    Anders Fogh Rasmussen" keeps "Anders Fogh Rasmussen"); None when what is left is shared.
    ``words`` are the word tokens of the sentence holding it, offsets into ``text``."""
    toks = [t for t in words if t.start >= c.start and t.end <= c.end]
    while len(toks) > 3 and not corpus.novel(v, skeleton(toks[0].norm)):
        if corpus.phrase_elsewhere(v, _keys(toks[1:])):
            break
        toks = toks[1:]
    while toks and toks[0].norm in _NAME_JOINERS:
        toks = toks[1:]
    while toks and toks[-1].norm in _NAME_JOINERS:
        toks = toks[:-1]
    if not toks or corpus.phrase_elsewhere(v, _keys(toks)):
        return None
    return Candidate(
        c.kind, toks[0].start, toks[-1].end, text[toks[0].start : toks[-1].end], _keys(toks)
    )


def unique_terms(corpus: Corpus, v: int, cands: Sequence[Candidate]) -> list[Term]:
    """Keep candidates no other version carries; resolve overlaps by kind, then length."""
    text = corpus.texts[v]
    words = [t for t in corpus.tokenized[v].tokens if t.is_word] if cands else []
    return _unique_terms(corpus, v, cands, text, words)


def _unique_terms(
    corpus: Corpus, v: int, cands: Sequence[Candidate], text: str, words: Sequence[Token]
) -> list[Term]:
    """:func:`unique_terms` of candidates in ``text`` whose word tokens are ``words``."""
    keep: list[Candidate] = []
    for c in cands:
        if c.kind is TermKind.NUMBER:
            if not any(ch.isdigit() for ch in c.text):
                if corpus.phrase_elsewhere(v, c.keys):
                    continue
            else:
                first = _FIRST_NUMBER.search(c.text)
                num = _number_key(first.group() if first else c.text)
                if corpus.number_elsewhere(v, num):
                    continue
        elif c.kind is TermKind.QUOTE:
            if corpus.quote_elsewhere(v, c.keys):
                continue
        elif c.kind is TermKind.NAME:
            if _is_demonym(c) or corpus.phrase_elsewhere(v, c.keys):
                continue
            trimmed = _trim_name(corpus, v, c, text, words)
            if trimmed is None:
                continue
            c = trimmed
        elif corpus.phrase_elsewhere(v, c.keys):
            continue  # a phrase or a date another version has too
        keep.append(c)
    keep.sort(key=lambda c: (_PRIORITY[c.kind], -(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for c in keep:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return [_term(c) for c in chosen]


def _term(c: Candidate) -> Term:
    end = c.end
    if c.kind is TermKind.NAME and c.text[-2:] in ("’s", "'s"):
        end -= 2  # "Macron’s position": the name is Macron
    text = c.text[: end - c.start]
    return Term(_SPACES.sub(" ", text), c.kind, c.start, end)


_SPACES = re.compile(r"\s+")


def salience(terms: Sequence[Term], facts: Sequence[Fact], unmatched: bool, words: int) -> float:
    """How much checkable content a claim carries: its facts and weighted terms, plus a
    whole new sentence counting for more than a changed one."""
    score = sum(_WEIGHT[t.kind] for t in terms)
    score += sum(_FACT_WEIGHT[f.kind] for f in facts) * 0.5
    if unmatched:
        score += 1.0 + min(words, 40) / 40.0
    return round(score, 3)


_FACT_TERMS = (TermKind.NAME, TermKind.NUMBER, TermKind.QUOTE, TermKind.DATE)


_COUNTED = (FactKind.QUANTITY, FactKind.MONEY, FactKind.NUMBER)


def _fact_numbers(facts: Sequence[Fact], shift: int, words: Sequence[Token]) -> list[Candidate]:
    """Figures as the facts stage read them, as number terms: in words ("two distinct
    groups") or with their currency and scale ("€4.2 million", "9 to 3"). ``words`` are the
    sentence's word tokens, with offsets ``shift`` less than the facts'."""
    out = []
    for f in facts:
        if f.kind is FactKind.DATE:
            kind = TermKind.DATE
        elif f.kind in _COUNTED:
            kind = TermKind.NUMBER
        else:
            continue
        a, b = f.start - shift, f.end - shift
        toks = [t for t in words if t.start >= a and t.end <= b]
        out.append(Candidate(kind, a, b, f.text, _keys(toks)))
    return out


def topic_names(corpus: Corpus) -> frozenset[str]:
    """Single words (nearly) every version uses, such as NATO and Ukraine: as a name, the
    story's subject, which on its own makes no sentence check-worthy. Only meaningful with
    three or more versions."""
    n = len(corpus.texts)
    if n < 3:
        return frozenset()
    least = n - 1 if n >= 4 else n  # one rewrite may spell it otherwise (Kiev)
    return frozenset(k for k, df in corpus.df.items() if df >= least)


# A holder of an office named by the office, and a deal or event that can be looked up:
# together a specific act attributed to someone ("the contract went to a firm owned by the
# mayor's brother-in-law").
_ROLES = frozenset(
    """mayor mayor's governor minister president chancellor senator councillor councilor
    commissioner judge sheriff ceo chairman chairwoman director spokesman spokeswoman
    ambassador premier treasurer officer officers official officials""".split()
)
_EVENTS = frozenset(
    """contract contracts deal deals firm company payment payments donation donations bribe
    bribes loan loans lawsuit indictment arrest arrested resigned resignation fined fine
    award awarded grant tender merger acquisition audit investigation charged convicted
    sentenced leaked leak sold bought hired fired appointed admitted cost costs overspent
    overspend""".split()
)


def check_worthy(
    cands: Sequence[Candidate],
    terms: Sequence[Term],
    facts: Sequence[Fact],
    topics: frozenset[str],
    words: frozenset[str] = frozenset(),
) -> bool:
    """Whether a sentence only one version has carries something a fact-checker can check;
    ``words`` are its words, folded."""
    if words & _ROLES and words & _EVENTS:
        return True
    for f in facts:
        if f.kind is not FactKind.PLACE or f.value not in topics:
            return True
    for c in cands:
        if c.kind is TermKind.QUOTE and len(c.keys) >= MIN_QUOTE_WORDS:
            return True
        if c.kind is TermKind.NUMBER:
            return True
    names = [c for c in cands if c.kind is TermKind.NAME]
    if any(not _is_demonym(c) and (len(c.keys) > 1 or c.keys[0] not in topics) for c in names):
        return True
    # The story's subject doing something specific: "NATO has been conducting classified
    # war games", "a rotating air patrol system by Ukrainian forces".
    return bool(names) and any(_compound(t) for t in terms if t.kind is TermKind.PHRASE)


def _compound(t: Term) -> bool:
    """A noun-noun compound ("war games", "air patrol system") or a noun "of" a noun, the
    mark of something concrete; an adjective and a noun ("credible deterrent") is not."""
    words = t.text.lower().split()
    if "of" in words[1:-1]:
        return True  # "coalition of the willing", "shipment of artillery shells"
    return len(words) >= 2 and ADJ not in categories(words[-2]) and can_be_noun(words[-2])


def find_claims(
    corpus: Corpus,
    sentence_rows: Sequence[dict[int, int]],
    unmatched: Sequence[AbstractSet[int]],
    labels: Sequence[str],
    facts: Sequence[Sequence[tuple[Fact, ...]]],
    check: Callable[[], None] | None = None,
    most: int | None = None,
) -> tuple[list[Claim], list[Claim]]:
    """(claims, other unique text) of every version, in its first ``most`` sentences (all
    when None). Claims come most salient first (ties in reading order); other unique text
    in version and reading order. ``check`` is called every few hundred sentences (it
    raises to cancel)."""
    topics = topic_names(corpus)
    judges = [_Judge(corpus, v, facts[v], topics) for v in range(len(corpus.texts))]
    return assemble_claims(
        corpus.sentences,
        sentence_rows,
        unmatched,
        labels,
        lambda v, s, is_unmatched: judges[v](s, is_unmatched),
        check,
        most,
    )


def claim_verdicts(
    corpus: Corpus,
    facts: Sequence[Sequence[tuple[Fact, ...]]],
    most: int | None = None,
    check: Callable[[], None] | None = None,
) -> tuple[tuple[tuple[Verdict, Verdict], ...], ...]:
    """Per version, per sentence of its first ``most``: its verdict (aligned, unmatched),
    as :func:`find_claims` would reach it either way. Known before the alignment is."""
    topics = topic_names(corpus)
    out = []
    for v, sents in enumerate(corpus.sentences):
        text, sent_facts = corpus.texts[v], facts[v]
        seen: dict[tuple[object, ...], tuple[Verdict, Verdict]] = {}  # as in _Judge
        per = []
        for s in sents if most is None else sents[:most]:
            if check is not None and not (s.id + 1) % 512:
                check()
            key = _verdict_key(text, s, False, sent_facts[s.id])
            both = seen.get(key) if key is not None else None
            if both is None:
                parsed = corpus.reading(v, s)
                both = _judge_both(corpus, v, s.start, parsed, sent_facts[s.id], topics)
                if key is not None:
                    seen[key] = both
            per.append(both)
        out.append(tuple(per))
    return tuple(out)


def assemble_claims(
    sentences: Sequence[Sequence[Sentence]],
    sentence_rows: Sequence[dict[int, int]],
    unmatched: Sequence[AbstractSet[int]],
    labels: Sequence[str],
    verdict: Callable[[int, Sentence, bool], Verdict],
    check: Callable[[], None] | None = None,
    most: int | None = None,
) -> tuple[list[Claim], list[Claim]]:
    """:func:`find_claims`, each sentence's verdict given by ``verdict(v, s, unmatched)``."""
    claims: list[Claim] = []
    other: list[Claim] = []
    for v, sents in enumerate(sentences):
        for s in sents if most is None else sents[:most]:
            if check is not None and not (s.id + 1) % 512:
                check()
            is_unmatched = s.id in unmatched[v]
            keep, rel_terms, score = verdict(v, s, is_unmatched)
            if not keep and not is_unmatched:
                continue
            at = s.start
            claim = Claim(
                version=labels[v],
                sentence=s.id,
                row=sentence_rows[v][s.id],
                text=s.text,
                terms=tuple(Term(t.text, t.kind, t.start + at, t.end + at) for t in rel_terms),
                salience=score,
                unmatched=is_unmatched,
            )
            (claims if keep else other).append(claim)
    order = {lab: i for i, lab in enumerate(labels)}
    claims.sort(key=lambda c: (-c.salience, order[c.version], c.sentence))
    return claims, other


class _Judge:
    """The verdicts on the sentences of version ``v``: a sentence's verdict depends only on
    its own characters (when whitespace bounds it, its tokens are its own), its facts and
    whether it is matched, so repeated sentences (a long transcript's "Thank you.") are
    judged once per version."""

    def __init__(
        self,
        corpus: Corpus,
        v: int,
        facts: Sequence[tuple[Fact, ...]],
        topics: frozenset[str],
    ) -> None:
        self.corpus, self.v, self.facts, self.topics = corpus, v, facts, topics
        self.text = corpus.texts[v]
        self.verdicts: dict[tuple[object, ...], Verdict] = {}

    def __call__(self, s: Sentence, is_unmatched: bool) -> Verdict:
        sent_facts = self.facts[s.id]
        key = _verdict_key(self.text, s, is_unmatched, sent_facts)
        verdict = self.verdicts.get(key) if key is not None else None
        if verdict is None:
            parsed = self.corpus.reading(self.v, s)
            verdict = _judge(
                self.corpus, self.v, s.start, parsed, is_unmatched, sent_facts, self.topics
            )
            if key is not None:
                self.verdicts[key] = verdict
        return verdict


Verdict = tuple[bool, tuple[Term, ...], float]
"""(kept as a claim, its terms with offsets relative to the sentence start, salience)."""


def _verdict_key(
    text: str, s: Sentence, is_unmatched: bool, sent_facts: Sequence[Fact]
) -> tuple[object, ...] | None:
    """What a sentence's verdict depends on, or None when its tokens might reach past its
    ends (no whitespace there) and it must be judged on its own."""
    if s.start > 0 and not text[s.start - 1].isspace():
        return None
    if s.end < len(text) and not text[s.end].isspace():
        return None
    at = s.start
    rel = tuple((f.kind, f.about, f.value, f.start - at, f.end - at, f.text) for f in sent_facts)
    return (text[s.start : s.end], is_unmatched, rel)


class _Parsed:
    """What a sentence's own characters say, whichever version holds it: its tokens and
    (once asked for, :func:`_candidates`) the fact candidates and phrase runs among them,
    with offsets into ``text`` (the text of the version it was first read in), where the
    sentence starts at ``origin``."""

    __slots__ = (
        "cands", "end", "keys", "numbers", "origin", "runs", "text", "tokens", "versions", "words",
    )  # fmt: skip

    def __init__(self, text: str, origin: int, end: int, tokens: list[Token]) -> None:
        self.text = text
        self.origin = origin
        self.end = end
        self.tokens = tokens
        self.words = [t for t in tokens if t.is_word]
        norms = [t.norm for t in self.words]
        # skeleton of each word (_word_key: this runs for every word)
        self.keys = list(map(_word_key, norms))
        self.numbers = [_number_key(n) for n in norms if n[:1].isdigit()]
        self.cands: list[Candidate] | None = None  # quotations, numbers, names
        self.runs: list[Run] | None = None  # where phrases can be (_runs)
        # Versions whose words (Corpus.joined) hold this sentence's words in a row.
        self.versions: set[int] = set()


def _read(corpus: Corpus, v: int, s: Sentence) -> _Parsed:
    """The tokens of sentence ``s`` of version ``v``.

    A sentence with whitespace (or the text's ends) around it tokenises the same alone as
    inside any version, and its folded words are its own characters folded (lower-casing
    is context-free but for a capital sigma), so such a sentence is read once per
    analysis, whichever versions hold it.
    """
    text = corpus.texts[v]
    bounded = (s.start == 0 or text[s.start - 1].isspace()) and (
        s.end >= len(text) or text[s.end].isspace()
    )
    body = text[s.start : s.end] if bounded else ""
    shared = bounded and "Σ" not in body
    if shared:
        found = corpus.parsed.get(body)
        if found is not None:
            return found
    parsed = _Parsed(text, s.start, s.end, corpus.tokenized[v].span(s.start, s.end))
    if shared:
        corpus.parsed[body] = parsed
    return parsed


def _read_all(corpus: Corpus, v: int, sents: Sequence[Sentence]) -> list[_Parsed]:
    """``[_read(corpus, v, s) for s in sents]``, the tokens of all made in one pass."""
    text = corpus.texts[v]
    tokens = corpus.tokenized[v].spans([(s.start, s.end) for s in sents])
    parsed = corpus.parsed
    out = []
    for s, toks in zip(sents, tokens, strict=True):
        bounded = (s.start == 0 or text[s.start - 1].isspace()) and (
            s.end >= len(text) or text[s.end].isspace()
        )
        body = text[s.start : s.end] if bounded else ""
        shared = bounded and "Σ" not in body
        found = parsed.get(body) if shared else None
        if found is None:
            found = _Parsed(text, s.start, s.end, toks)
            if shared:
                parsed[body] = found
        out.append(found)
    return out


def _candidates(parsed: _Parsed) -> list[Candidate]:
    """The fact candidates of a sentence (quotations, numbers, names), found once."""
    if parsed.cands is None:
        text, words = parsed.text, parsed.words
        parsed.cands = [
            *_quotes_in(text, parsed.origin, parsed.end, words),
            *number_candidates(text, words),
            *name_candidates(text, words),
        ]
    return parsed.cands


def _runs(parsed: _Parsed) -> list[Run]:
    """The phrase runs of a sentence, found once."""
    if parsed.runs is None:
        parsed.runs = phrase_runs(parsed.text, parsed.tokens)
    return parsed.runs


def _held_elsewhere(parsed: _Parsed, v: int) -> bool:
    """Whether a version other than ``v`` holds the words of this sentence in a row."""
    held = parsed.versions
    return len(held) >= 2 or (bool(held) and v not in held)


def _maybe_unique(corpus: Corpus, v: int, c: Candidate) -> bool:
    """Whether :func:`unique_terms` may keep ``c``, a candidate of a sentence another
    version holds too: a figure whose number that version lacks, or (to be safe) a
    candidate without words, whose look-up is not of its own words."""
    if not c.keys:
        return True
    if c.kind is TermKind.NUMBER and any(ch.isdigit() for ch in c.text):
        first = _FIRST_NUMBER.search(c.text)
        return not corpus.number_elsewhere(v, _number_key(first.group() if first else c.text))
    return False


def _judge(
    corpus: Corpus,
    v: int,
    at: int,
    parsed: _Parsed,
    is_unmatched: bool,
    sent_facts: Sequence[Fact],
    topics: frozenset[str],
) -> Verdict:
    """The verdict on one sentence (``parsed``, starting at ``at`` in version ``v``)."""
    text, words, origin = parsed.text, parsed.words, parsed.origin
    fact_cands = _candidates(parsed)
    numbers = _fact_numbers(sent_facts, at - origin, words)
    # When another version has this very sentence, it has every run of its words and no
    # name, quotation or date in it is unique; only a figure may be ("9" of "9:30" is no
    # number of that version's).
    if (
        not is_unmatched
        and _held_elsewhere(parsed, v)
        and not any(_maybe_unique(corpus, v, c) for c in (*fact_cands, *numbers))
    ):
        return False, (), 0.0
    if not is_unmatched:
        # Phrases rank below every fact term, so they never decide whether an aligned
        # sentence keeps one: without one, its phrases need not be looked for.
        terms = _unique_terms(corpus, v, fact_cands + numbers, text, words)
        if not any(t.kind in _FACT_TERMS for t in terms):
            return False, (), 0.0
    # Every phrase is anchored on a word only this version uses: most sentences have none.
    phrases = (
        []
        if corpus.novel_keys[v].isdisjoint(parsed.keys)
        else _phrases(corpus, v, text, parsed.tokens, _runs(parsed))
    )
    cands = fact_cands + phrases + numbers
    terms = _unique_terms(corpus, v, cands, text, words)
    if is_unmatched:
        folded = _folded_words(words)
        keep = check_worthy(cands, terms, sent_facts, topics, folded)
    else:
        keep = any(t.kind in _FACT_TERMS for t in terms)
    if not keep:
        return False, (), 0.0
    rel = tuple(Term(t.text, t.kind, t.start - origin, t.end - origin) for t in terms)
    return True, rel, salience(terms, sent_facts, is_unmatched, len(words))


_NOT_A_CLAIM: Verdict = (False, (), 0.0)


def _folded_words(words: Sequence[Token]) -> frozenset[str]:
    """The sentence's words folded, with typographic apostrophes made plain."""
    norms = [t.norm for t in words]
    if "’" not in "".join(norms):
        return frozenset(norms)
    return frozenset(n.replace("’", "'") for n in norms)


def _judge_both(
    corpus: Corpus,
    v: int,
    at: int,
    parsed: _Parsed,
    sent_facts: Sequence[Fact],
    topics: frozenset[str],
) -> tuple[Verdict, Verdict]:
    """``(_judge(..., False, ...), _judge(..., True, ...))`` in one reading. The two share
    every term: the aligned verdict keeps a sentence when its terms hold a fact term, and
    phrases, which rank below every fact term, never change which fact terms are chosen."""
    text, words, origin = parsed.text, parsed.words, parsed.origin
    fact_cands = _candidates(parsed)
    numbers = _fact_numbers(sent_facts, at - origin, words)
    held = _held_elsewhere(parsed, v) and not any(
        _maybe_unique(corpus, v, c) for c in (*fact_cands, *numbers)
    )
    phrases = (
        []
        if corpus.novel_keys[v].isdisjoint(parsed.keys)
        else _phrases(corpus, v, text, parsed.tokens, _runs(parsed))
    )
    cands = fact_cands + phrases + numbers
    terms = _unique_terms(corpus, v, cands, text, words)
    rel = tuple(Term(t.text, t.kind, t.start - origin, t.end - origin) for t in terms)
    aligned = _NOT_A_CLAIM
    if not held and any(t.kind in _FACT_TERMS for t in terms):
        aligned = (True, rel, salience(terms, sent_facts, False, len(words)))
    folded = _folded_words(words)
    alone = _NOT_A_CLAIM
    if check_worthy(cands, terms, sent_facts, topics, folded):
        alone = (True, rel, salience(terms, sent_facts, True, len(words)))
    return aligned, alone
