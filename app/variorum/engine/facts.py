"""Checkable facts in a text, with normalised values: pure functions, stdlib only.

A fact is a number with what it counts, an amount of money, a duration, a percentage, a
score or vote, a date (month, weekday, year), a person in a role (the holder of a title,
the speaker of a quotation) or a place after a locative preposition. Each carries

- ``kind``: the JSON conflict kind (number, money, date, person, place, quantity);
- ``about``: what the value is of ("troops", "EUR", "duration", "speaker", "mayor",
  "month"); two versions disagree only about the same thing;
- ``value``: the normal form, so that other words for the same fact compare equal:
  "nine votes to three" = "9-3" = "9 to 3"; "a year and a half" = "18 months";
  "€4.2m" = "€4.2 million" = "4.2 million euros"; "1,400" = "1400"; a person's value
  is a spelling-tolerant key of the surname (Zelensky = Zelenskyy).

Facts are found once per text and shared by the claims and conflicts stages. Offsets are
character offsets into the text given.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from variorum.engine.lexicon import can_be_noun, is_modifier, known
from variorum.engine.model import FactKind, Sentence
from variorum.engine.text import STOPWORDS, skeleton

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
                  "b": 1_000_000_000, "tn": 1_000_000_000_000}  # fmt: skip
_CURRENCY_SIGNS = {"€": "EUR", "$": "USD", "us$": "USD", "£": "GBP", "¥": "JPY",
                   "eur": "EUR", "usd": "USD", "gbp": "GBP", "chf": "CHF"}  # fmt: skip
_CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD",
                   "pound": "GBP", "pounds": "GBP", "yen": "JPY", "francs": "CHF"}  # fmt: skip
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
# Months as a duration unit; weeks and days count in days (a month is no whole number of them).
_DURATION = {"year": ("months", 12), "month": ("months", 1), "week": ("days", 7),
             "day": ("days", 1), "hour": ("hours", 1), "minute": ("minutes", 1)}  # fmt: skip

_WORDNUM = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A spelled-out number: "nine", "twenty-five", "three hundred and twenty".
_SPELLED = rf"(?:{_WORDNUM})(?:(?:[\s-]+|\s+and\s+)(?:{_WORDNUM}))*"
_NUM = rf"(?:{_DIGITS}|(?<![\w-])(?:{_SPELLED})(?![\w-]))"
_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|tn|m|k|b)(?![\w]))?"
_CUR_SIGN = r"(?:US\$|€|\$|£|¥|(?:EUR|USD|GBP|CHF)\s?)"
_CUR_WORD = r"(?:euros?|dollars?|pounds?(?:\s+sterling)?|yen|francs)"
_DUR_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?)"
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![\w])"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?(?![\w])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

_NUMERIC = re.compile(
    "|".join(
        (
            rf"(?P<money>{_CUR_SIGN}\s?(?:{_DIGITS}){_SCALE}|{_NUM}{_SCALE}\s+{_CUR_WORD})",
            rf"(?P<score>{_NUM}\s+votes?\s+(?:to|against)\s+{_NUM}"
            rf"|(?<![\d,.])\d{{1,3}}\s?[-–—]\s?\d{{1,3}}(?![\d%]|[.,]\d)"
            rf"|{_NUM}\s+to\s+{_NUM}(?!\s*{_DUR_UNIT}))",
            rf"(?P<duration>(?:{_NUM}|an?)(?:\s+and\s+a\s+half)?\s+{_DUR_UNIT}"
            rf"(?:\s+and\s+a\s+half)?|half\s+an?\s+{_DUR_UNIT})",
            rf"(?P<percent>{_NUM}\s?(?:%|per\s?cent\b|percent\b))",
            rf"(?P<date>(?:{_DAY}\s+)?{_MONTH_RE}(?:\s+{_DAY}(?![\d,]))?(?:,?\s+{_YEAR})?"
            rf"|{_WEEKDAY_RE}|(?:next|last|this|early|late)\s+(?:spring|summer|autumn|fall|winter)"
            rf"|(?<![\d,.]){_YEAR}(?![\d%]|[.,]\d))",
            rf"(?P<number>{_NUM}{_SCALE})",
        )
    ),
    re.IGNORECASE,
)
# Where a numeric fact can start; the full pattern is tried only there (it is slow to try
# at every character of a long text).
_ANCHOR_WORDS = (*_UNITS, *_SCALES, *_MONTHS, *_WEEKDAYS)
_SIGNS = re.compile(r"[\d€$£¥]")
_CODES = re.compile(r"\b(?:EUR|USD|GBP|CHF)\b")
_UNIT_WORD = re.compile(r"\b(?:year|month|week|day|hour|minute)s?\b")
_UNIT_LEAD = re.compile(r"\b(?:[Aa]n?|[Hh]alf\s+an?|[Hh]alf)\s+(?:and\s+a\s+half\s+)?$")
_SEASON_LEAD = re.compile(
    r"\b(?:[Nn]ext|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate)\s+(?:spring|summer|autumn|fall|winter)\b"
)


def _anchors(text: str, start: int, end: int) -> list[int]:
    """Where a numeric fact can start, in order: digits and currency signs, the number,
    month and weekday words this text contains, "a"/"half" before a unit of time. One big
    alternation would be simpler and several times slower to scan."""
    body = text[start:end]
    low = body.lower()
    out = [m.start() for m in _SIGNS.finditer(text, start, end)]
    if "EUR" in body or "USD" in body or "GBP" in body or "CHF" in body:  # _CODES is cased
        out += [m.start() for m in _CODES.finditer(text, start, end)]
    words = tuple(w for w in _ANCHOR_WORDS if w in low)
    if words:
        out += [m.start() for m in _words_re(words).finditer(text, start, end)]
    for m in _UNIT_WORD.finditer(text, start, end):
        lead = _UNIT_LEAD.search(text, max(start, m.start() - 24), m.start())
        if lead:
            out.append(lead.start())
    if any(season in low for season in _SEASONS):
        out += [m.start() for m in _SEASON_LEAD.finditer(text, start, end)]
    return sorted(set(out))


@lru_cache(maxsize=256)
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    both = sorted({*words, *(w.capitalize() for w in words)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(both) + r")\b")


_NAME_WORD = r"[A-Z][\w’'\-]*[\w]"
_NAME_RUN = rf"{_NAME_WORD}(?:[ \u00a0]+(?:(?:de|van|von|der|al|bin)[ ]+)?{_NAME_WORD}){{0,3}}"
_TITLES = (
    "President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|"
    "Defence Minister|Defense Minister|Finance Minister|Minister|Chancellor|Mayor|"
    "Deputy Mayor|Governor|Senator|Representative|Councillor|Councilor|Commissioner|"
    "Secretary General|Secretary-General|Secretary|Ambassador|General|Admiral|Colonel|"
    "Judge|Justice|Chief Executive|Chief|Director|Superintendent|Inspector|Detective|"
    "Sergeant|Captain|Spokesman|Spokeswoman|Spokesperson|King|Queen|Prince|Pope|Bishop|"
    "Professor|Dr|Dr\\.|Chairman|Chairwoman|Chair|Speaker|Leader"
)
_TITLE_RE = re.compile(
    rf"\b(?P<title>(?:(?:Former|former|Acting|acting|Deputy|deputy|Vice|vice)\s+)?"
    rf"(?:{_TITLES}))\s+(?P<name>{_NAME_RUN})"
)
_SAID = r"(?:said|says|told|added|stated|warned|explained|noted|insisted|argued)"
_SPEAKER_AFTER = re.compile(
    rf"\b{_SAID}\s+(?:(?:{_TITLES}|Deputy|Former|Acting)\s+)*(?P<name>{_NAME_RUN})"
)
_SAID_RE = re.compile(rf"\b{_SAID}\b")
_SAID_WORDS = tuple(_SAID[3:-1].split("|"))


def _shortest(literals: set[str]) -> tuple[str, ...]:
    """The literals no other one is a prefix of: where they occur, all of them occur."""
    return tuple(
        sorted(w for w in literals if not any(o != w and w.startswith(o) for o in literals))
    )


# The first word of every title and title prefix: where a _TITLE_RE match can begin.
_TITLE_STARTS = _shortest(
    {t.replace("\\", "").split()[0].split("-")[0] for t in _TITLES.split("|")}
    | {"Former", "former", "Acting", "acting", "Deputy", "deputy", "Vice", "vice"}
)
# The name that ends just before a "said": matched on the few characters before it.
_NAME_BEFORE = re.compile(rf"(?P<name>{_NAME_RUN})\s+$")
_LOOK_BACK = 60
_PLACE_RE = re.compile(rf"\b(?P<prep>in|at|near|outside|from)\s+(?P<name>{_NAME_RUN})")
_NOT_PLACES = frozenset(
    [m.capitalize() for m in _MONTHS]
    + [d.capitalize() for d in _WEEKDAYS]
    + ["The", "A", "An", "This", "That", "His", "Her", "Their", "Its", "Our", "He", "She"]
)
_NOT_SPEAKERS = frozenset({"He", "She", "They", "It", "We", "I", "The", "This", "That", "But"})
_FACT_WORD_RE = re.compile(r"[A-Za-z][\w’'\-]*")


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    about: str  # what the value is of; facts compare only with facts about the same thing
    value: str  # normal form
    start: int
    end: int
    text: str


def _words_value(text: str) -> float | None:
    """The value of a spelled-out number ("three hundred and twenty"), None if not one."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", text.lower()):
        if w in ("and", ""):
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


# Compiled once: these run once per figure, and the re module's cache look-up is most of
# the cost of a short match.
_DIGIT_VALUE = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"
    r"(million|billion|trillion|thousand|bn|mn|tn|m|k|b)?"
)
_WORDS_VALUE = re.compile(r"(.+?)\s?(million|billion|trillion|thousand|bn|m|k)?")
_RELATIVE = re.compile(r"(?:next|last|this|early|late)\s", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")


def number_value(text: str) -> float | None:
    """ "1,400" -> 1400; "4.2m" -> 4200000; "nine" -> 9; "a" / "an" -> 1."""
    t = text.strip().lower()
    if t in ("a", "an"):
        return 1.0
    m = _DIGIT_VALUE.fullmatch(t)
    if m:
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if scale:
            value *= _SCALES.get(scale, _SUFFIX_SCALES.get(scale, 1))
        return value
    m = _WORDS_VALUE.fullmatch(t)
    if m:
        base = _words_value(m.group(1))
        if base is not None:
            scale = m.group(2)
            return base * (_SCALES.get(scale, _SUFFIX_SCALES.get(scale, 1)) if scale else 1)
    return None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6g}"


_NUM_IN = re.compile(rf"{_DIGITS}|(?<![\w-])(?:{_SPELLED}|an?)(?![\w-])", re.IGNORECASE)


def _numbers_in(text: str) -> list[float]:
    out = []
    for m in _NUM_IN.finditer(text):
        v = number_value(m.group())
        if v is not None:
            out.append(v)
    return out


def _money(text: str) -> tuple[str, str] | None:
    low = text.lower()
    currency = None
    for sign, code in sorted(_CURRENCY_SIGNS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(sign):
            currency, low = code, low[len(sign) :].strip()
            break
    if currency is None:
        for word, code in _CURRENCY_WORDS.items():
            if re.search(rf"\b{word}\b", low):
                currency = code
                low = re.sub(rf"\s*\b{word}\b(\s+sterling)?", "", low).strip()
                break
    if currency is None:
        return None
    v = number_value(low)
    return None if v is None else (currency, _fmt(v))


def _duration(text: str) -> tuple[str, str] | None:
    low = text.lower()
    unit_m = re.search(r"(year|month|week|day|hour|minute)s?", low)
    if unit_m is None:
        return None
    measure, factor = _DURATION[unit_m.group(1)]
    amount_text = low[: unit_m.start()].replace("and a half", "").strip()
    half = "and a half" in low or low.startswith("half")
    if low.startswith("half"):
        amount = 0.0
    else:
        v = number_value(amount_text)
        if v is None:
            return None
        amount = v
    amount = (amount + (0.5 if half else 0.0)) * factor
    return measure, _fmt(amount)


def _score(text: str) -> str | None:
    nums = _numbers_in(re.sub(r"\bvotes?\b", " ", text))
    if len(nums) != 2:
        return None
    return f"{_fmt(nums[0])}-{_fmt(nums[1])}"


def _date(text: str) -> tuple[str, str]:
    low = text.lower()
    for i, month in enumerate(_MONTHS):
        if re.search(rf"\b{month}\b", low):
            day = re.search(r"\b([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b", low)
            year = re.search(_YEAR, low)
            value = f"{i + 1:02d}"
            if day:
                value += f"-{int(day.group(1)):02d}"
            if year:
                value = f"{year.group()}-{value}"
            return "month", value
    for day_name in _WEEKDAYS:
        if day_name in low:
            return "weekday", day_name
    for season in _SEASONS:
        if season in low:
            return "season", low.replace("fall", "autumn")
    year = re.search(_YEAR, low)
    return "year", year.group() if year else low


def _head_noun(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """The noun a number counts: up to three words after it, modifiers then a noun
    ("10,000 multinational troops", "32 NATO members"). Returns (noun, its end)."""
    best: tuple[str, int] | None = None
    pos = end
    for _ in range(3):
        m = _FACT_WORD_RE.match(text, pos + 1) if text[pos : pos + 1] == " " else None
        if m is None or m.end() > limit:
            break
        word = m.group()
        low = word.lower()
        if low in STOPWORDS:
            break
        if word[:1].isupper() and best is None:
            pos = m.end()  # "32 NATO members": a name may qualify the noun
            continue
        if can_be_noun(low):
            best = (low, m.end())
        if not is_modifier(low):
            break
        pos = m.end()
    return best


def _noun_key(noun: str) -> str:
    return skeleton(noun)


def _numeric_facts(text: str, start: int, end: int) -> list[Fact]:
    out: list[Fact] = []
    pos = start
    for at in _anchors(text, start, end):
        before = text[at - 2 : at] if at >= 2 else text[:at]
        if at < pos or (before and (before[-1].isalnum() or before[-1] in ".,")):
            continue
        if before[-1:] == "-" and before[:1].isalpha():
            continue  # inside a fact or number already read: "3.5", "F-16"
        m = _NUMERIC.match(text, at, end)
        if m is None:
            continue
        pos = m.end()
        group = m.lastgroup or ""
        raw = m.group()
        # "may" the verb, "march" the walk: a date word counts only capitalised.
        relative = _RELATIVE.match(raw)
        if group == "date" and raw[:1].islower() and not relative:
            continue
        s, e = m.span()
        body = text[s:e]
        fact: Fact | None = None
        if group == "money":
            money = _money(body)
            if money:
                fact = Fact(FactKind.MONEY, money[0], money[1], s, e, body)
        elif group == "score":
            score = _score(body)
            if score:
                fact = Fact(FactKind.NUMBER, "score", score, s, e, body)
        elif group == "duration":
            dur = _duration(body)
            if dur:
                fact = Fact(FactKind.QUANTITY, dur[0], dur[1], s, e, body)
        elif group == "percent":
            nums = _numbers_in(body)
            if nums:
                fact = Fact(FactKind.QUANTITY, "percent", _fmt(nums[0]), s, e, body)
        elif group == "date":
            about, value = _date(body)
            fact = Fact(FactKind.DATE, about, value, s, e, body)
        elif group == "number":
            fact = _counted(text, s, e, end, body)
        if fact is not None:
            out.append(fact)
    return out


def _counted(text: str, s: int, e: int, limit: int, body: str) -> Fact | None:
    value = number_value(body)
    if value is None:
        return None
    low = body.lower()
    head = _head_noun(text, e, limit)
    if head is not None:
        noun, head_end = head
        if low in ("one", "a", "an"):
            return None  # "one unnamed official": an article more than a count
        return Fact(FactKind.QUANTITY, _noun_key(noun), _fmt(value), s, head_end, text[s:head_end])
    if not body[:1].isdigit():
        return None  # a lone spelled-out "one" or "two" is rarely a checkable figure
    before = _WORD_BEFORE.search(text[max(0, s - 24) : s])
    about = before.group(1).lower() if before else "number"
    return Fact(FactKind.NUMBER, about, _fmt(value), s, e, body)


def _person_key(name: str) -> str:
    last = name.replace("’", "'").split()[-1]
    return skeleton(last)


def finditer_from(
    pattern: re.Pattern[str], starts: Sequence[str], text: str, start: int, end: int
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, start, end))`` for a pattern that matches only where
    one of the literals ``starts`` begins and never matches empty, found by looking for
    those literals (str.find runs far faster than the regex engine's scan)."""
    at: set[int] = set()
    for lit in starts:
        k = text.find(lit, start, end)
        while k >= 0:
            at.add(k)
            k = text.find(lit, k + 1, end)
    out: list[re.Match[str]] = []
    pos = start
    for k in sorted(at):
        if k < pos:
            continue  # inside the previous match, as finditer would skip it
        m = pattern.match(text, k, end)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def _person_facts(text: str, start: int, end: int) -> list[Fact]:
    out: list[Fact] = []
    for m in finditer_from(_TITLE_RE, _TITLE_STARTS, text, start, end):
        title = re.sub(r"^(?:former|acting)\s+", "", m.group("title"), flags=re.IGNORECASE)
        name = m.group("name")
        s, e = m.start("name"), m.end("name")
        out.append(Fact(FactKind.PERSON, title.lower(), _person_key(name), s, e, name))
    # A leading lookahead would make the regex engine try every position; "said" is rare.
    for said in finditer_from(_SAID_RE, _SAID_WORDS, text, start, end):
        after = _SPEAKER_AFTER.match(text, said.start(), end)
        lo = max(start, said.start() - _LOOK_BACK)
        before = _NAME_BEFORE.search(text, lo, said.start())
        for found in (after, before):
            if found is None:
                continue
            name = found.group("name")
            words = name.split()
            if words[0] in _NOT_SPEAKERS or (len(words) == 1 and known(words[0])):
                continue  # "Observers noted": a capitalised common word, not a name
            s, e = found.start("name"), found.end("name")
            out.append(Fact(FactKind.PERSON, "speaker", _person_key(name), s, e, name))
    return out


def _place_facts(text: str, start: int, end: int) -> list[Fact]:
    out: list[Fact] = []
    for m in _PLACE_RE.finditer(text, start, end):
        name = m.group("name")
        first = name.split()[0]
        if first in _NOT_PLACES or _TITLE_RE.match(name) or _is_date_word(first):
            continue
        s, e = m.start("name"), m.end("name")
        key = " ".join(skeleton(w) for w in name.split())
        out.append(Fact(FactKind.PLACE, "place", key, s, e, name))
    return out


@lru_cache(maxsize=4096)
def _is_date_word(word: str) -> bool:
    low = word.lower()
    return low in _MONTHS or low.rstrip("s") in _WEEKDAYS


def facts_in(text: str, start: int = 0, end: int | None = None) -> list[Fact]:
    """Every fact in ``text[start:end]``, in reading order; numeric facts never overlap."""
    stop = len(text) if end is None else end
    facts = _numeric_facts(text, start, stop)
    facts += _person_facts(text, start, stop)
    facts += _place_facts(text, start, stop)
    facts.sort(key=lambda f: (f.start, -f.end))
    return facts


def facts_by_sentence(
    text: str,
    sentences: Sequence[Sentence],
    memo: dict[str, tuple[Fact, ...]] | None = None,
) -> list[tuple[Fact, ...]]:
    """The facts of each sentence: those :func:`facts_in` finds over the whole stretch of
    ``sentences``, each given to the sentence it lies in (one crossing a sentence end is
    dropped).

    The text is read in pieces cut where no fact or look-around can reach across (see
    :func:`_cut_between`), and a piece read before (``memo``, text -> facts with offsets
    from its start; share it between the versions of one analysis) is not read again:
    versions repeat most sentences. New pieces are read together, joined by spaces (the
    cut makes that the same as reading each alone), to save the cost of a scan per piece.
    """
    out: list[tuple[Fact, ...]] = []
    if not sentences:
        return out
    if memo is None:
        memo = {}
    n = len(sentences)
    pieces: list[tuple[int, int]] = []  # (first, last) sentence of each piece
    k = 0
    while k < n:
        j = k
        while j + 1 < n and not _cut_between(text, sentences[j], sentences[j + 1]):
            j += 1
        pieces.append((k, j))
        k = j + 1
    # A piece after a cut has only whitespace and a stop before it; so has the first one
    # when the text starts with it (else what precedes it is not known: read in place).
    shared = pieces if sentences[0].start == 0 else pieces[1:]
    new: dict[str, None] = {}
    for k, j in shared:
        body = text[sentences[k].start : sentences[j].end]
        if body not in memo and _ends_cut(body):
            new[body] = None
    _read_together(list(new), memo)
    for k, j in pieces:
        a, b = sentences[k].start, sentences[j].end
        found: Sequence[Fact]
        rel = memo.get(text[a:b]) if k or not a else None
        if rel is not None:
            found = [_shifted(f, a) for f in rel] if a else rel
        else:
            # A first piece after unknown text, and a last one that ends without a stop
            # (what follows might read on), are read in place.
            found = facts_in(text, a, b)
        _bucket(found, sentences, k, j + 1, out)
    return out


def _ends_cut(body: str) -> bool:
    """Whether a piece ends as :func:`_cut_between` requires: after it, nothing reads on."""
    return body[-1:] in (".", "!", "?") and not body.endswith("Dr.")


def _read_together(bodies: Sequence[str], memo: dict[str, tuple[Fact, ...]]) -> None:
    """Put the facts of each of ``bodies`` (pieces that follow whitespace and end as
    :func:`_ends_cut` says) into ``memo``, reading them in one pass."""
    if not bodies:
        return
    joined = " ".join(bodies)
    starts = []
    at = 0
    for body in bodies:
        starts.append(at)
        at += len(body) + 1
    per: list[list[Fact]] = [[] for _ in bodies]
    for f in facts_in(joined):
        k = bisect_right(starts, f.start) - 1
        per[k].append(_shifted(f, -starts[k]))
    for body, fs in zip(bodies, per, strict=True):
        memo[body] = tuple(fs)


def _shifted(f: Fact, by: int) -> Fact:
    return Fact(f.kind, f.about, f.value, f.start + by, f.end + by, f.text)


def _bucket(
    found: Sequence[Fact],
    sentences: Sequence[Sentence],
    lo: int,
    hi: int,
    out: list[tuple[Fact, ...]],
) -> None:
    """Append to ``out`` the facts of ``sentences[lo:hi]`` among ``found``."""
    per: list[list[Fact]] = [[] for _ in range(lo, hi)]
    if found:
        starts = [s.start for s in sentences[lo:hi]]
        for f in found:
            k = bisect_right(starts, f.start) - 1
            if k >= 0 and f.end <= sentences[lo + k].end:
                per[k].append(f)
    out.extend(tuple(fs) for fs in per)


def _cut_between(text: str, s: Sentence, nxt: Sentence) -> bool:
    """Whether reading the text before ``nxt`` apart from the text from it on finds the
    same facts: ``s`` ends in a full stop, "!" or "?" (no pattern reads across one, but
    the title "Dr.") and only whitespace separates them. Every look-behind then sees
    whitespace before ``nxt``, and a name or figure cannot run on across the stop."""
    end = s.end
    if end >= nxt.start or text[end - 1 : end] not in (".", "!", "?"):
        return False
    if text.endswith("Dr.", 0, end):
        return False
    return text[end : nxt.start].isspace()
