"""A long claim's snippet is windowed so that its terms, not the sentence's opening, show."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from variorum.gui.claims_panel import (
    ELLIPSIS,
    MAX_LINES,
    SNIPPET_LEAD,
    Ink,
    _lay_out,
    snippet_starts,
    window_from,
)

OPENING = (
    "In a long and winding opening that says nothing in particular about anything at all, "
    "officials later confirmed, after a great deal of hesitation and many meetings, that "
)
SENTENCE = OPENING + "Operation Sentinel exists and involves 4,000 troops in three countries."


def spans_of(text: str, *terms: str) -> list[tuple[int, int]]:
    return [(text.index(t), text.index(t) + len(t)) for t in terms]


def test_starts_are_the_opening_a_lead_before_the_first_term_and_the_term() -> None:
    spans = spans_of(SENTENCE, "Operation Sentinel")
    starts = snippet_starts(SENTENCE, spans)
    first = spans[0][0]
    assert starts[0] == 0 and starts[-1] == first
    assert len(starts) == 3
    assert first - SNIPPET_LEAD - 12 <= starts[1] <= first - SNIPPET_LEAD
    assert SENTENCE[starts[1] - 1] == " "  # a whole word


def test_a_term_near_the_opening_keeps_the_opening() -> None:
    text = "The Sentinel plan was approved."
    assert snippet_starts(text, spans_of(text, "Sentinel")) == [0]


def test_window_moves_the_ranges_and_drops_those_cut_off() -> None:
    spans = spans_of(SENTENCE, "long", "Operation Sentinel", "4,000 troops")
    start = spans[1][0]
    text, (moved,) = window_from(SENTENCE, start, spans)
    assert text.startswith(ELLIPSIS + "Operation Sentinel")
    assert [text[a:b] for a, b in moved] == ["Operation Sentinel", "4,000 troops"]
    same, (kept,) = window_from(SENTENCE, 0, spans)
    assert same == SENTENCE and kept == spans


def test_a_long_claim_shows_its_first_term_in_a_narrow_panel(qtbot: object) -> None:
    font = QFont()
    spans = spans_of(SENTENCE, "Operation Sentinel", "4,000 troops")
    laid = _lay_out(SENTENCE, spans, (), font, 180.0, Ink(QColor("black")))
    assert laid.lines <= MAX_LINES
    shown = "".join(
        laid.layout.text()[laid.layout.lineAt(i).textStart() :][
            : laid.layout.lineAt(i).textLength()
        ]
        for i in range(laid.lines)
    )
    assert "Operation Sentinel" in shown
    assert shown.startswith(ELLIPSIS)


def test_a_claim_that_fits_is_left_alone(qtbot: object) -> None:
    text = "Operation Sentinel exists."
    laid = _lay_out(text, spans_of(text, "Sentinel"), (), QFont(), 400.0, Ink(QColor("black")))
    assert laid.layout.text() == text and laid.lines == 1
