"""facts_by_sentence reads the text in pieces and once per distinct piece: the facts must be
those of one pass over the whole text, bucketed by sentence."""

from __future__ import annotations

import random
from bisect import bisect_right

import pytest

from variorum.engine.facts import Fact, _cut_between, facts_by_sentence, facts_in
from variorum.engine.model import Granularity, Sentence
from variorum.engine.segment import split_sentences


def one_pass(text: str, sentences: list[Sentence]) -> list[tuple[Fact, ...]]:
    """The facts of each sentence as a single scan of the whole stretch finds them."""
    out: list[list[Fact]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    for f in facts_in(text, sentences[0].start, sentences[-1].end):
        k = bisect_right(starts, f.start) - 1
        if k >= 0 and f.end <= sentences[k].end:
            out[k].append(f)
    return [tuple(fs) for fs in out]


def sent(text: str, start: int, end: int, sid: int = 0) -> Sentence:
    return Sentence(sid, 0, start, end, text[start:end])


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("It rained. Then it stopped.", True),
        ("It rained!  Then it stopped.", True),
        ("Did it rain?\n\nYes.", True),
        ("He met Dr. Smith.", False),  # "Dr." is a title that reads on into the name
        ("It rained, Then it stopped.", False),  # no full stop
        ("It rained.Then it stopped.", False),  # no space between
        ("He said “it rained.” Then it stopped.", False),  # the stop is inside the quote
    ],
)
def test_cut_between_only_after_a_stop_and_whitespace(text: str, cut: bool) -> None:
    first_end = next(k + 1 for k, ch in enumerate(text) if ch in ".!?,”" and k > 3)
    if text[first_end : first_end + 1] == "”":
        first_end += 1
    second = first_end + (len(text[first_end:]) - len(text[first_end:].lstrip()))
    a = sent(text, 0, first_end)
    b = sent(text, second, len(text), 1)
    assert _cut_between(text, a, b) is cut


TRICKY = [
    "The council voted nine votes to three. Work starts in May.",
    "It will take nine\n\nten years. Costs rose.",  # a spelled number across a break
    "He met Dr. Anna Berg. She said Mayor Tom Price had left.",
    "Prices rose 5. 3 million people left.",
    "It costs €4.2m. It costs 4.2 million euros. Turnout was 30 per cent.",
    "Residents of Lower Quay. In Mill Street, 1,400 homes flooded. It took a year and a half.",
    "Observers noted. Helen Okafor said the vote was 9-3. Next spring, it opens.",
    "“We will win,” said Mayor Helen Okafor. Said Tom Price: no.",
    "Thank you. Thank you. Thank you. The 12 members met on Monday. Thank you.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_pieces_find_what_one_pass_finds(text: str) -> None:
    sentences = split_sentences(text, Granularity.SENTENCE)
    assert facts_by_sentence(text, sentences) == one_pass(text, sentences)


def test_a_memo_shared_between_versions_keeps_each_versions_offsets() -> None:
    a = "Intro here. The 12 members met on Monday. Mayor Tom Price said so."
    b = "Another intro, longer than the first. The 12 members met on Monday. End."
    memo: dict[str, tuple[Fact, ...]] = {}
    for text in (a, b, a):
        sentences = split_sentences(text, Granularity.SENTENCE)
        assert facts_by_sentence(text, sentences, memo) == one_pass(text, sentences)
    assert any("12 members" in piece for piece in memo)


_WORDS = """nine three to votes 9 to 3 9-3 €4.2m 4.2 million euros $5 1,400 homes a year and
    a half months 18 weeks half an hour 30 per cent 30% in at from near Lower Quay Mill
    Street Mayor Deputy Helen Okafor Tom Price said told Dr. Dr President Monday May March
    2025 next spring the council members . . . ! ? , “ ” ‘ ’ — - and of one two hundred
    twenty-five troops 10,000 multinational US$ EUR 7 NATO Ukraine""".split()


@pytest.mark.parametrize("shared", [False, True])
def test_pieces_find_what_one_pass_finds_on_random_text(shared: bool) -> None:
    rng = random.Random(11)
    memo: dict[str, tuple[Fact, ...]] = {}  # shared: pieces read for earlier texts
    for _ in range(400):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 60))]
        seps = [rng.choice([" ", " ", " ", "  ", "\n", "\n\n", ""]) for _ in words]
        text = "".join(w + s for w, s in zip(words, seps, strict=True))
        sentences = split_sentences(text, Granularity.SENTENCE)
        if not sentences:
            continue
        got = facts_by_sentence(text, sentences, memo if shared else {})
        assert got == one_pass(text, sentences), text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Mayor Tom Price said so, said Deputy Mayor Ann Lee.",
        "Former President Joe Bloggs met Prime Minister Ann Lee and Dr. Who.",
        "Vice President Vice President Kim; deputy Mayor Lee; Chairman Mao said.",
        "He said said told Ann. She insisted, Mayor Okafor argued.",
        "xPresident Ann said nothing; Presidents Day; Mayorship.",
    ],
)
def test_finditer_from_is_finditer(text: str) -> None:
    from variorum.engine.facts import (
        _SAID_RE,
        _SAID_WORDS,
        _TITLE_RE,
        _TITLE_STARTS,
        finditer_from,
    )

    for pattern, starts in ((_TITLE_RE, _TITLE_STARTS), (_SAID_RE, _SAID_WORDS)):
        for lo, hi in ((0, len(text)), (3, max(3, len(text) - 5))):
            want = [m.span() for m in pattern.finditer(text, lo, hi)]
            assert [m.span() for m in finditer_from(pattern, starts, text, lo, hi)] == want


def test_shortest_literals() -> None:
    from variorum.engine.facts import _shortest

    assert _shortest({"Chair", "Chairman", "Dr", "Dr.", "Mayor"}) == ("Chair", "Dr", "Mayor")
