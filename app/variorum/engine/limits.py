"""The stated limits of one comparison, checked before the heavy work.

``check_documents`` returns every :class:`LimitProblem` of a set of documents (size of
each version, number of versions, size of the whole comparison); ``first_part`` cuts a
document to the part that fits, at a sentence boundary. The same limits hold for files,
folders and sessions, on the command line and in the window. Numbers are in the README.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from variorum.engine.model import Document, Granularity
from variorum.engine.segment import count_sentences


@dataclass(frozen=True)
class Limits:
    # A long news article is 10,000 characters; these leave room for transcripts and books
    # while keeping a comparison within seconds and well under 3 GB of memory.
    version_chars: int = 25_000_000
    version_sentences: int = 250_000
    versions: int = 200
    total_chars: int = 50_000_000
    total_sentences: int = 500_000


LIMITS = Limits()
"""The limits in force; tests may replace it (``limits.LIMITS = Limits(...)``)."""


class LimitExceeded(Exception):
    """A comparison over a limit; ``problems`` say which version and which limit."""

    def __init__(self, problems: Sequence[LimitProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class LimitProblem:
    """One limit one version (or the whole comparison, ``label`` None) goes over."""

    label: str | None
    source: str
    what: str  # "characters", "sentences" or "versions"
    size: int
    limit: int
    at_least: bool = False  # reading stopped at the limit: the file holds more than ``size``

    @property
    def reason(self) -> str:
        if self.label is None and self.what == "versions":
            return f"{self.size:,} versions; the limit is {self.limit:,} versions per comparison"
        if self.label is None:
            return (
                f"the comparison holds {self.size:,} {self.what}; "
                f"the limit is {self.limit:,} for all versions together"
            )
        more = "more than " if self.at_least else ""
        return f"is too large ({more}{self.size:,} {self.what}; the limit is {self.limit:,})"

    def __str__(self) -> str:
        name = self.source or self.label or "the comparison"
        return f"{name}: {self.reason}"


def _name(doc: Document) -> str:
    return doc.source or doc.label


def document_problems(
    doc: Document,
    granularity: Granularity = Granularity.SENTENCE,
    limits: Limits | None = None,
    sentences: int | None = None,
) -> list[LimitProblem]:
    """Limits one version goes over on its own (at most one: characters before sentences).
    ``sentences`` is its sentence count when already known (counted here otherwise)."""
    lim = limits or LIMITS
    cut = doc.cut_at_read
    if len(doc.text) > lim.version_chars:
        size = lim.version_chars if cut else len(doc.text)
        return [LimitProblem(doc.label, _name(doc), "characters", size, lim.version_chars, cut)]
    n = sentences
    if n is None:
        n = count_sentences(doc.text, granularity, stop_after=lim.version_sentences)
    if n > lim.version_sentences or cut:
        size = min(n, lim.version_sentences)
        return [LimitProblem(doc.label, _name(doc), "sentences", size, lim.version_sentences, True)]
    return []


def check_documents(
    docs: Sequence[Document],
    granularity: Granularity = Granularity.SENTENCE,
    limits: Limits | None = None,
    sentences: Sequence[int] | None = None,
) -> list[LimitProblem]:
    """Every limit ``docs`` go over; an empty list when they can be compared.

    ``sentences`` are their sentence counts when already split (the pipeline splits with
    ``stop_after=version_sentences`` and checks here before the heavy work)."""
    lim = limits or LIMITS
    if len(docs) > lim.versions:
        return [LimitProblem(None, "", "versions", len(docs), lim.versions)]
    counts = list(sentences) if sentences is not None else [None] * len(docs)
    problems: list[LimitProblem] = []
    for doc, n in zip(docs, counts, strict=True):
        problems.extend(document_problems(doc, granularity, lim, n))
    if problems:
        return problems
    chars = sum(len(d.text) for d in docs)
    if chars > lim.total_chars:
        return [LimitProblem(None, "", "characters", chars, lim.total_chars)]
    total = sum(
        n if n is not None else count_sentences(d.text, granularity)
        for d, n in zip(docs, counts, strict=True)
    )
    if total > lim.total_sentences:
        return [LimitProblem(None, "", "sentences", total, lim.total_sentences)]
    return []


def first_part(
    doc: Document,
    granularity: Granularity = Granularity.SENTENCE,
    limits: Limits | None = None,
) -> Document:
    """``doc`` cut to the sentences that fit its per-version limits (whole sentences only)."""
    from variorum.engine.segment import split_sentences

    lim = limits or LIMITS
    text = doc.text[: lim.version_chars]
    sentences = split_sentences(text, granularity, stop_after=lim.version_sentences)
    keep = sentences[: lim.version_sentences]
    if len(text) < len(doc.text) and len(keep) > 1:
        keep = keep[:-1]  # the last one may have been cut in the middle
    end = keep[-1].end if keep else 0
    if doc.cut_at_read:
        note = f"only the first {end:,} characters ({len(keep):,} sentences) compared"
    else:
        note = f"only the first {end:,} of {len(doc.text):,} characters compared"
    return replace(doc, text=doc.text[:end], partial=note, cut_at_read=False)
