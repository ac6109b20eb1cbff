"""Cancel is honoured within a second in the long stages, splitting included."""

from __future__ import annotations

import threading
import time

import pytest

from variorum.engine.api import Cancelled, compare_documents
from variorum.engine.model import Document
from variorum.engine.segment import count_sentences, split_sentences

FULL_STOPS = ". " * 500_000  # 1 MB: half a million one-character "sentences"
MANY_LINES = "Ab.\n" * 250_000


@pytest.mark.parametrize("text", [FULL_STOPS, MANY_LINES, "Ab. " * 250_000])
def test_splitting_checks_often(text: str) -> None:
    # Counted, not timed: a check every few thousand sentences keeps Cancel well within a
    # second on any machine (bench: a 250,000-sentence split takes about 1 s).
    checks: list[int] = []
    n = len(split_sentences(text, check=lambda: checks.append(1)))
    assert len(checks) >= n // 8192 > 0


def test_a_raising_check_stops_splitting_and_counting() -> None:
    def stop() -> None:
        raise Cancelled()

    for work in (split_sentences, count_sentences):
        with pytest.raises(Cancelled):
            work(FULL_STOPS, check=stop)


def test_cancel_during_splitting_stops_the_comparison_within_a_second() -> None:
    big = Document("big", "", "Ab. " * 250_000)  # 1 MB, right at the sentence limit
    small = Document("small", "", "Ab. Cd ef. Gh ij kl.")
    flag = threading.Event()
    set_at: list[float] = []

    def progress(fraction: float, message: str) -> None:
        if message == "Splitting sentences":

            def later() -> None:
                time.sleep(0.3)
                set_at.append(time.perf_counter())
                flag.set()

            threading.Thread(target=later, daemon=True).start()

    with pytest.raises(Cancelled):
        compare_documents([big, small], progress=progress, cancel=flag.is_set)
    assert set_at, "cancelled before the splitting even started"
    assert time.perf_counter() - set_at[0] < 1.0
