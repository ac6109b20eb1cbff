"""Find the content only one version carries: unmatched sentences and unique terms.

Terms are names, numbers with what they count, quotations and distinctive phrases; a term
is unique when no other version contains it or an obvious variant (case, punctuation,
possessive, doubled letters such as Zelensky/Zelenskyy).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from variorum.engine.model import Claim, Sentence, Term, TermKind
from variorum.engine.text import STOPWORDS, Token, TokenizedText, is_content, skeleton

_OPEN_QUOTES = "‘“\"'«"
_CLOSE_QUOTES = "’”\"'»"
# Words that may sit inside a multi-word name ("Bank of England", "Coalition of the Willing").
_NAME_JOINERS = frozenset({"of", "the", "de", "von", "van", "der", "al", "for", "du"})
_WEIGHT = {TermKind.NUMBER: 2.0, TermKind.NAME: 1.5, TermKind.QUOTE: 1.2, TermKind.PHRASE: 0.8}
_PRIORITY = {TermKind.QUOTE: 0, TermKind.NUMBER: 1, TermKind.NAME: 2, TermKind.PHRASE: 3}
MAX_PHRASE_WORDS = 4
MAX_PHRASES_PER_SENTENCE = 4


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


@dataclass(frozen=True)
class Candidate:
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
    ) -> None:
        self.texts = texts
        self.sentences = sentences
        self.tokenized = list(tokenized) if tokenized else [TokenizedText(t) for t in texts]
        self.vocab: list[set[str]] = []
        self.joined: list[str] = []
        self.numbers: list[set[str]] = []
        for tt in self.tokenized:
            norms = list(tt.word_norms())
            words = [skeleton(w) for w in norms]
            self.vocab.append(set(words))
            self.joined.append(" " + " ".join(words) + " ")
            self.numbers.append({_number_key(w) for w in norms if w[:1].isdigit()})
        # Per-sentence word index, built on first use (only quotations need it).
        self._sent_norm: list[dict[int, str]] = [{} for _ in texts]
        self._word_sents: list[dict[str, list[int]] | None] = [None for _ in texts]
        self.df: dict[str, int] = defaultdict(int)
        for voc in self.vocab:
            for w in voc:
                self.df[w] += 1
        self.novel_keys = [{w for w in voc if self.df[w] == 1} for voc in self.vocab]

    def novel(self, v: int, key: str) -> bool:
        return key in self.novel_keys[v]

    def phrase_elsewhere(self, v: int, keys: Sequence[str]) -> bool:
        if any(self.df.get(k, 0) <= 1 for k in keys):
            return False  # holds a word only this version uses
        needle = " " + " ".join(keys) + " "
        return any(u != v and needle in self.joined[u] for u in range(len(self.texts)))

    def quote_elsewhere(self, v: int, keys: Sequence[str]) -> bool:
        """A quotation is shared when another version has nearly the same words in a row."""
        if self.phrase_elsewhere(v, keys):
            return True
        content = [k for k in keys if k not in STOPWORDS]
        if not content:
            return True
        rare = min(content, key=lambda k: (self.df.get(k, 0), k))
        needle = " ".join(keys)
        for u in range(len(self.texts)):
            if u == v or rare not in self.vocab[u]:
                continue
            for sid in self._sentences_with(u, rare)[:50]:
                if fuzz.partial_ratio(needle, self._sentence_keys(u, sid)) >= 88:
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

    def _sentences_with(self, u: int, key: str) -> list[int]:
        index = self._word_sents[u]
        if index is None:
            index = defaultdict(list)
            for s in self.sentences[u]:
                for w in set(self._sentence_keys(u, s.id).split()):
                    index[w].append(s.id)
            self._word_sents[u] = index
        return index.get(key, [])


def _number_key(norm: str) -> str:
    return norm.replace(",", "").rstrip("%").rstrip(".")


def _is_cap(tok: Token) -> bool:
    return _capitalised(tok.text)


@lru_cache(maxsize=65536)
def _capitalised(text: str) -> bool:
    return text[:1].isupper() or (len(text) > 1 and text.isupper())


_QUOTE_CHARS = re.compile("[" + re.escape(_OPEN_QUOTES + _CLOSE_QUOTES) + "]")


def _quote_spans(text: str, s: Sentence) -> list[tuple[int, int]]:
    """Quoted stretches inside one sentence; an unclosed quote runs to the sentence end,
    a close without an open starts at the sentence start (a quote broken by a paragraph)."""
    spans: list[tuple[int, int]] = []
    body = text[s.start : s.end]
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
            start = open_at if open_at is not None else 0
            spans.append((start, k))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(body)))
    out = []
    for a, b in spans:
        seg = body[a:b].rstrip(" ,.;:!?")
        a2 = a + (len(body[a:b]) - len(body[a:b].lstrip()))
        if seg.strip():
            out.append((s.start + a2, s.start + a + len(seg)))
    return out


def _keys(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(skeleton(t.norm) for t in tokens if t.is_word)


def extract_candidates(
    corpus: Corpus, v: int, s: Sentence, tokens: Sequence[Token], aligned: bool
) -> list[Candidate]:
    text = corpus.texts[v]
    out: list[Candidate] = []
    words = [t for t in tokens if t.is_word]

    for a, b in _quote_spans(text, s):
        qt = [t for t in words if t.start >= a and t.end <= b]
        if len(qt) >= 2:
            out.append(Candidate(TermKind.QUOTE, a, b, text[a:b], _keys(qt)))

    # Numbers with up to three following content words: "10,000 multinational troops".
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
        span = words[k : end_tok + 1]
        out.append(
            Candidate(
                TermKind.NUMBER,
                span[0].start,
                span[-1].end,
                text[span[0].start : span[-1].end],
                _keys(span),
            )
        )

    # Capitalised runs: names. A lone capitalised first word is just a sentence start.
    k = 0
    while k < len(words):
        t = words[k]
        if not _is_cap(t) or t.norm[:1].isdigit():
            k += 1
            continue
        run = [t]
        m = k + 1
        while m < len(words):
            gap = text[run[-1].end : words[m].start]
            if gap.strip(" *") != "":
                break
            if _is_cap(words[m]) and not words[m].norm[:1].isdigit():
                run.append(words[m])
                m += 1
                continue
            if (
                words[m].norm in _NAME_JOINERS
                and m + 1 < len(words)
                and _is_cap(words[m + 1])
                and text[words[m].end : words[m + 1].start].strip(" *") == ""
            ):
                run.extend(words[m : m + 2])
                m += 2
                continue
            break
        while run and run[0].norm in STOPWORDS:
            run.pop(0)
        at_start = bool(run) and run[0].start == words[0].start
        if run and not (at_start and len(run) == 1):
            out.append(
                Candidate(
                    TermKind.NAME,
                    run[0].start,
                    run[-1].end,
                    text[run[0].start : run[-1].end],
                    _keys(run),
                )
            )
        k = m

    # Distinctive phrases: runs of content words around a rare word no other version uses.
    phrases: list[tuple[int, Candidate]] = []
    run_toks: list[Token] = []

    def flush() -> None:
        anchors = [
            i
            for i, t in enumerate(run_toks)
            if not _is_cap(t) and corpus.novel(v, skeleton(t.norm)) and distinctive(t.norm)
        ]
        if not anchors:
            return
        lo, hi = anchors[0], anchors[-1]
        if hi - lo + 1 > MAX_PHRASE_WORDS:
            hi = lo + MAX_PHRASE_WORDS - 1
        # Take in a neighbouring lower-case content word: "classified war games".
        while hi - lo + 1 < 3 and hi + 1 < len(run_toks) and not _is_cap(run_toks[hi + 1]):
            hi += 1
        while hi - lo + 1 < 3 and lo > 0 and not _is_cap(run_toks[lo - 1]):
            lo -= 1
        span = run_toks[lo : hi + 1]
        rarity = sum(1 for i in anchors if lo <= i <= hi)
        phrases.append(
            (
                rarity,
                Candidate(
                    TermKind.PHRASE,
                    span[0].start,
                    span[-1].end,
                    text[span[0].start : span[-1].end],
                    _keys(span),
                ),
            )
        )

    prev_end: int | None = None
    for t in tokens:
        wordish = t.is_word and is_content(t.norm) and not t.norm[:1].isdigit()
        joined = prev_end is not None and text[prev_end : t.start].strip() == ""
        if wordish and (joined or not run_toks):
            run_toks.append(t)
        else:
            flush()
            run_toks = [t] if wordish else []
        prev_end = t.end
    flush()
    phrases.sort(key=lambda p: (-p[0], p[1].start))
    out.extend(c for _, c in phrases[:MAX_PHRASES_PER_SENTENCE])
    return out


def _trim_name(corpus: Corpus, v: int, c: Candidate) -> Candidate | None:
    """Drop shared title words from the front of a long name ("NATO Secretary General
    Anders Fogh Rasmussen" keeps "Anders Fogh Rasmussen"); None when what is left is shared."""
    text = corpus.texts[v]
    toks = [t for t in corpus.tokenized[v].span(c.start, c.end) if t.is_word]
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
    keep: list[Candidate] = []
    for c in cands:
        if c.kind is TermKind.NUMBER:
            num = _number_key(c.text.split()[0].lower())
            if any(num in corpus.numbers[u] for u in range(len(corpus.texts)) if u != v):
                continue
        elif c.kind is TermKind.QUOTE:
            if corpus.quote_elsewhere(v, c.keys):
                continue
        elif c.kind is TermKind.NAME:
            if corpus.phrase_elsewhere(v, c.keys):
                continue
            trimmed = _trim_name(corpus, v, c)
            if trimmed is None:
                continue
            c = trimmed
        elif corpus.phrase_elsewhere(v, c.keys):
            continue
        keep.append(c)
    keep.sort(key=lambda c: (_PRIORITY[c.kind], -(c.end - c.start), c.start))
    chosen: list[Candidate] = []
    for c in keep:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return [Term(re.sub(r"\s+", " ", c.text), c.kind, c.start, c.end) for c in chosen]


def salience(terms: Sequence[Term], unmatched: bool, words: int) -> float:
    """How much new factual content a claim carries: weighted terms, plus a whole new
    sentence counting for more than a changed one."""
    score = sum(_WEIGHT[t.kind] for t in terms)
    if unmatched:
        score += 1.0 + min(words, 40) / 40.0
    return round(score, 3)


def find_claims(
    corpus: Corpus,
    sentence_rows: Sequence[dict[int, int]],
    unmatched: Sequence[set[int]],
    labels: Sequence[str],
) -> list[Claim]:
    """Claims of every version, most salient first (ties in reading order)."""
    claims: list[Claim] = []
    for v, sents in enumerate(corpus.sentences):
        corpus.texts[v]
        for s in sents:
            toks = corpus.tokenized[v].span(s.start, s.end)
            is_unmatched = s.id in unmatched[v]
            cands = extract_candidates(corpus, v, s, toks, aligned=not is_unmatched)
            terms = unique_terms(corpus, v, cands)
            if not terms and not is_unmatched:
                continue
            nwords = sum(1 for t in toks if t.is_word)
            claims.append(
                Claim(
                    version=labels[v],
                    sentence=s.id,
                    row=sentence_rows[v][s.id],
                    text=s.text,
                    terms=tuple(terms),
                    salience=salience(terms, is_unmatched, nwords),
                    unmatched=is_unmatched,
                )
            )
    order = {lab: i for i, lab in enumerate(labels)}
    claims.sort(key=lambda c: (-c.salience, order[c.version], c.sentence))
    return claims
