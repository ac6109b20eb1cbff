"""The immutable comparison result and its parts: plain frozen data, no behaviour beyond lookups.

Everything downstream (GUI, session store, report, CLI) reads these values and never
recomputes analysis. Offsets are character offsets into the owning version's ``text``.
``Settings`` is the one place its own rules live: ranges, defaults, validation on
construction and the dict form the JSON export, sessions and preferences share.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from itertools import compress, count, repeat
from operator import attrgetter
from typing import Any, TypeVar


class Granularity(StrEnum):
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"


class RowKind(StrEnum):
    SAME = "same"  # every version present says it identically (after normalisation)
    CHANGED = "changed"  # two or more versions, worded differently
    UNIQUE = "unique"  # only one version has it


class MatchKind(StrEnum):
    """How the cells of a row were found to say the same thing."""

    IDENTICAL = "identical"  # the same text after normalisation
    LEXICAL = "lexical"  # shared wording (edit similarity above the threshold)
    PARAPHRASE = "paraphrase"  # reworded: sentence meaning plus shared content words


class OpTag(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # present in the version, absent from the reference
    DELETE = "delete"  # present in the reference, absent from the version
    REPLACE = "replace"


class FactKind(StrEnum):
    """Kinds of checkable fact; the ``kind`` of a conflict in the JSON output."""

    NUMBER = "number"  # a figure on its own, a score or vote ("9-3")
    MONEY = "money"
    DATE = "date"  # a date, month, weekday, year or season
    PERSON = "person"  # the holder of a title, the speaker of a quotation
    PLACE = "place"
    QUANTITY = "quantity"  # a number with what it counts, a duration, a percentage


class TermKind(StrEnum):
    NAME = "name"
    NUMBER = "number"
    QUOTE = "quote"
    PHRASE = "phrase"
    DATE = "date"


THRESHOLD_RANGE: tuple[float, float] = (0.05, 0.95)
"""The similarity thresholds a comparison accepts, loosest to strictest (both included)."""
DEFAULT_THRESHOLD = 0.55


class SettingsError(ValueError):
    """A settings value outside its rules; ``field`` names it, ``problem`` says why."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


def threshold_problem(value: object) -> str | None:
    """Why ``value`` is not a threshold, or None. Never converts a huge integer to float."""
    lo, hi = THRESHOLD_RANGE
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "expected a number"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value} is not a number between {lo} and {hi}"
    if not lo <= value <= hi:  # int/float comparison is exact, whatever the int's size
        shown = str(value) if len(str(value)) <= 20 else f"a {len(str(value))}-digit number"
        return f"{shown} is outside {lo}..{hi}"
    return None


@dataclass(frozen=True)
class Settings:
    """Analysis options; part of the result so a session or report can say how it was made.

    Construction validates every field (``SettingsError``); ``to_dict``/``from_dict`` are
    the one spelling of the fields outside Python."""

    threshold: float = DEFAULT_THRESHOLD  # minimum similarity for two sentences to share a row
    granularity: Granularity = Granularity.SENTENCE
    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_quote_style: bool = True
    base: str | None = None  # label of the base version; None = first version
    match_paraphrases: bool = True  # also line up reworded statements by meaning

    def __post_init__(self) -> None:
        problem = threshold_problem(self.threshold)
        if problem is not None:
            raise SettingsError("threshold", problem)
        if not isinstance(self.granularity, Granularity):
            raise SettingsError("granularity", f"{self.granularity!r} is not sentence or paragraph")
        for name in (
            "ignore_case",
            "ignore_punctuation",
            "ignore_quote_style",
            "match_paraphrases",
        ):
            if not isinstance(getattr(self, name), bool):
                raise SettingsError(name, "expected true or false")
        if self.base is not None and not isinstance(self.base, str):
            raise SettingsError("base", "expected a version label or null")

    def to_dict(self) -> dict[str, Any]:
        """The fields in declaration order, as JSON values."""
        return {
            f.name: (v.value if isinstance(v := getattr(self, f.name), Granularity) else v)
            for f in fields(self)
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], defaults: Settings | None = None) -> Settings:
        """Settings from JSON values; missing keys keep ``defaults``; unknown keys are
        ignored; a bad value raises ``SettingsError`` naming its field."""
        base = defaults or cls()
        values = base.to_dict()
        for name in values:
            if name in data:
                values[name] = data[name]
        granularity = values["granularity"]
        if granularity not in tuple(g.value for g in Granularity):
            raise SettingsError("granularity", f"{granularity!r} is not sentence or paragraph")
        values["granularity"] = Granularity(granularity)
        problem = threshold_problem(values["threshold"])
        if problem is not None:
            raise SettingsError("threshold", problem)
        values["threshold"] = float(values["threshold"])
        return cls(**values)


@dataclass(frozen=True)
class Document:
    """One ingested article before analysis: extracted text with furniture removed."""

    label: str
    source: str
    text: str
    title: str | None = None
    boilerplate: tuple[str, ...] = ()
    sha256: str = ""  # hash of the original bytes ("" for pasted text)
    # Set when only the first part of the article is compared (engine.limits.first_part):
    # says so in words, for the status line, the report and the saved session.
    partial: str = ""
    cut_at_read: bool = False  # reading stopped at the limits: never compared as it is
    date: str | None = None  # when this version was published or captured (ISO 8601, UTC)


@dataclass(frozen=True, slots=True)  # no dict each: a book has 200,000 (see made)
class Sentence:
    id: int  # index within its version, reading order
    paragraph: int
    start: int
    end: int
    text: str


_Made = TypeVar("_Made")


def made(cls: type[_Made], n: int, *columns: Iterable[object]) -> list[_Made]:
    """``[cls(*fields) for fields in zip(*columns)][:n]`` for a frozen dataclass with slots
    (all fields given), by C loops: each slot is filled through its descriptor, as the
    generated ``__init__`` does one call at a time. A book-length version has 200,000
    sentences and as many rows: made this way they take a fifth of the time."""
    out = list(map(object.__new__, repeat(cls, n)))
    for name, column in zip(cls.__slots__, columns, strict=True):  # type: ignore[attr-defined]
        deque(map(getattr(cls, name).__set__, out, column), 0)
    return out


@dataclass(frozen=True)
class Version:
    label: str
    source: str
    title: str | None
    text: str
    boilerplate: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    word_count: int
    sha256: str = ""
    partial: str = ""  # see Document.partial
    date: str | None = None  # the document's date, when it has one (ISO 8601, UTC)
    metadata: tuple[str, ...] = ()  # the bylines, date lines and credits among boilerplate
    # Set when claims were looked for in only the first part of a long version (why, in
    # words: "claims looked for in its first 10,000 of 187,615 sentences").
    claims_cut: str = ""


@dataclass(frozen=True, slots=True)  # no dict each: a book has 200,000
class WordOp:
    """One word-level edit between the row's reference cell and a version's cell.

    ``ref_start:ref_end`` index the reference version's text, ``start:end`` this version's
    text; an insert has an empty reference span, a delete an empty span here.
    """

    tag: OpTag
    ref_start: int
    ref_end: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)  # no dict each: a book has 200,000 (see made)
class Cell:
    """What one version says in one row: consecutive sentence ids and their text span."""

    version: str
    sentences: tuple[int, ...]
    start: int
    end: int
    moved: bool = False  # out of this version's reading order relative to the rows
    ops: tuple[WordOp, ...] = ()  # against the row's reference; empty for the reference


@dataclass(frozen=True)
class ConflictValue:
    """One version's side of a disagreement: the value as written there."""

    version: str
    text: str
    start: int  # offsets into that version's text
    end: int


@dataclass(frozen=True)
class Conflict:
    """Versions in one row state the same kind of fact about the same thing differently."""

    kind: FactKind
    about: str  # what the values are of: "troops", "EUR", "speaker", "month", "score"...
    values: tuple[ConflictValue, ...]  # in version order, one per version stating it

    def value(self, label: str) -> ConflictValue | None:
        for v in self.values:
            if v.version == label:
                return v
        return None


@dataclass(frozen=True, slots=True)  # no dict each: a book has 200,000 (see made)
class Row:
    cells: tuple[Cell, ...]  # in version order; a version with nothing here is absent
    kind: RowKind
    similarity: float  # mean similarity of the cells to the reference (1.0 same, 0.0 unique)
    reference: str  # label of the version the word diffs are taken against
    match: MatchKind | None = None  # None for a row only one version has
    conflicts: tuple[Conflict, ...] = ()  # facts the cells disagree on

    def cell(self, label: str) -> Cell | None:
        for c in self.cells:
            if c.version == label:
                return c
        return None


@dataclass(frozen=True)
class Term:
    text: str
    kind: TermKind
    start: int  # offsets into the version's text
    end: int


@dataclass(frozen=True)
class Claim:
    """Content only one version carries: an unmatched sentence or unique terms in a sentence."""

    version: str
    sentence: int
    row: int
    text: str
    terms: tuple[Term, ...]
    salience: float
    unmatched: bool  # True: the whole sentence has no counterpart elsewhere


@dataclass(frozen=True)
class Comparison:
    versions: tuple[Version, ...]
    rows: tuple[Row, ...]
    claims: tuple[Claim, ...]  # sorted by salience, highest first
    similarity: tuple[tuple[float, ...], ...]  # [i][j] share of content in common, 1.0 diagonal
    settings: Settings = field(default_factory=Settings)
    elapsed_ms: float = 0.0
    # Sentences only one version has that carry no checkable fact: shown folded, not claims.
    other_unique: tuple[Claim, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(v.label for v in self.versions)

    def version(self, label: str) -> Version:
        for v in self.versions:
            if v.label == label:
                return v
        raise KeyError(label)

    def row_of(self, label: str, sentence: int) -> int:
        """Index of the row holding ``sentence`` of version ``label``."""
        for i, row in enumerate(self.rows):
            c = row.cell(label)
            if c is not None and sentence in c.sentences:
                return i
        raise KeyError((label, sentence))

    def claims_for(self, label: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.version == label)

    def other_unique_for(self, label: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.other_unique if c.version == label)

    @property
    def disagreements(self) -> tuple[tuple[int, Conflict], ...]:
        """Every conflict with the index of its row, in row order."""
        rows = self.rows
        # The rows with conflicts found by a C loop: a long version has a row per sentence.
        found = compress(count(), map(attrgetter("conflicts"), rows))
        return tuple((i, c) for i in found for c in rows[i].conflicts)
