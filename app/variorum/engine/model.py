"""The immutable comparison result and its parts: plain frozen data, no behaviour beyond lookups.

Everything downstream (GUI, session store, report, CLI) reads these values and never
recomputes analysis. Offsets are character offsets into the owning version's ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True)
class Settings:
    """Analysis options; part of the result so a session or report can say how it was made."""

    threshold: float = 0.55  # minimum similarity (0..1) for two sentences to share a row
    granularity: Granularity = Granularity.SENTENCE
    ignore_case: bool = True
    ignore_punctuation: bool = False
    ignore_quote_style: bool = True
    base: str | None = None  # label of the base version; None = first version
    match_paraphrases: bool = True  # also line up reworded statements by meaning


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


@dataclass(frozen=True)
class Sentence:
    id: int  # index within its version, reading order
    paragraph: int
    start: int
    end: int
    text: str


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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
        return tuple((i, c) for i, row in enumerate(self.rows) for c in row.conflicts)
