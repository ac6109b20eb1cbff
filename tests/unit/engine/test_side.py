"""The helper process (engine.side): same results as one process, and every way it can
fail ends in the work being done here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from variorum.engine import side, stages
from variorum.engine.api import compare_documents, load_documents
from variorum.engine.claims import Corpus, _Judge, claim_verdicts, topic_names
from variorum.engine.model import Document, Settings
from variorum.engine.progress import Cancelled
from variorum.export import comparison_to_json
from variorum.resources import sample_paths

DATA = Path(__file__).resolve().parents[2] / "data"


def _json(docs: list[Document], settings: Settings | None = None) -> str:
    value = json.loads(comparison_to_json(compare_documents(docs, settings or Settings())))
    value.pop("elapsed_ms", None)
    value.get("settings", {}).pop("elapsed_ms", None)
    return json.dumps(value, sort_keys=True)


def _families() -> list[list[Document]]:
    family = sorted(p for p in (DATA / "family").iterdir() if p.suffix != ".py")
    return [
        load_documents(sample_paths())[0],
        load_documents(family)[0],
        load_documents(sorted((DATA / "conflicts").glob("planted_*.txt")))[0],
        load_documents(sorted((DATA / "conflicts").glob("reworded_*.txt")))[0],
    ]


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "1")
    monkeypatch.setattr(side, "_failures", 0)
    monkeypatch.setattr(side, "_allowed", True)  # a batch run in this process turns it off
    monkeypatch.setattr(side, "_spare_core", lambda: True)  # however busy the test machine
    assert side.wait_ready(60), "the helper process did not start"
    yield side._helper
    assert side._helper is None or side._helper.busy.acquire(timeout=10)
    if side._helper is not None:
        side._helper.busy.release()


def test_verdicts_both_ways_are_each_way_alone() -> None:
    for docs in _families():
        seg = stages.segment(docs, Settings())
        found = stages.facts(seg)
        texts = [d.text for d in seg.docs]
        both = claim_verdicts(Corpus(texts, seg.sentences, seg.plain), found)
        corpus = Corpus(texts, seg.sentences, seg.plain)
        topics = topic_names(corpus)
        for v, sents in enumerate(seg.sentences):
            judge = _Judge(corpus, v, found[v], topics)
            assert both[v] == tuple((judge(s, False), judge(s, True)) for s in sents)


def test_the_helper_gives_what_one_process_does(
    helper: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    used = []
    real = side.collect

    def counted(pending: side.Pending, check: object = None) -> object:
        value = real(pending, check)  # type: ignore[arg-type]
        used.append(value is not None)
        return value

    monkeypatch.setattr(side, "collect", counted)
    for docs in _families():
        for settings in (Settings(), Settings(match_paraphrases=False)):
            with_helper = _json(docs, settings)
            monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "0")
            alone = _json(docs, settings)
            monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "1")
            assert with_helper == alone
    assert used and all(used), "the helper's answers were not used"


def test_settings_changed_here_reach_the_helper(
    helper: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _families()[0]
    monkeypatch.setattr(stages, "MAX_CLAIM_SENTENCES", 3)
    with_helper = _json(docs)
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "0")
    assert with_helper == _json(docs)


def test_a_helper_that_dies_is_replaced_and_the_work_done_here(helper: side._Helper) -> None:
    docs = _families()[0]
    want = _json(docs)
    pending = side.submit(docs, Settings())
    assert pending is not None
    helper.proc.kill()
    assert side.collect(pending) is None  # broken: the caller does the work itself
    assert side._helper is None
    assert _json(docs) == want  # meanwhile, done in this process
    assert side.wait_ready(60) and side._helper is not helper


def test_a_cancel_while_waiting_leaves_the_helper_free(helper: side._Helper) -> None:
    docs = _families()[0]
    pending = side.submit(docs, Settings())
    assert pending is not None

    def cancelled() -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        side.collect(pending, cancelled)
    side.abandon(pending)
    assert helper.busy.acquire(timeout=30)  # the answer came and went
    helper.busy.release()
    assert side._helper is helper  # still the same, healthy helper


def test_an_error_there_is_done_here_without_losing_the_helper(helper: side._Helper) -> None:
    # Two versions with one label: the helper's splitting refuses them, and so does ours.
    docs = [Document("a", "", "One. Two."), Document("a", "", "One. Three.")]
    pending = side.submit(docs, Settings())
    assert pending is not None
    assert side.collect(pending) is None
    assert side._helper is helper
    with pytest.raises(ValueError, match="distinct"):
        compare_documents(docs, Settings())


def test_big_input_and_a_switched_off_helper_are_not_handed_over(
    helper: side._Helper, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = "Word. " * (side.MAX_CHARS // 6 + 1)
    assert len(big) < side.LONG_CHARS  # longer than an article, shorter than a book
    assert side.submit([Document("a", "", big), Document("b", "", "Word.")], Settings()) is None
    small = [Document("a", "", "One. Two."), Document("b", "", "One. Three.")]
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "0")
    assert side.submit(small, Settings()) is None
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert not side.enabled()


def test_a_helper_running_other_code_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "1")
    monkeypatch.setattr(side, "_allowed", True)
    monkeypatch.setattr(side, "_failures", 0)
    monkeypatch.setattr(side, "_identity", lambda: "somewhere else")
    if side._helper is not None:
        side._drop(side._helper)
    monkeypatch.setattr(side, "_failures", 0)
    assert not side.wait_ready(60)
    assert side._helper is None


def test_no_helper_without_a_spare_core(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not side._spare_core()  # one core: the helper could only slow it
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.8, 1.0, 1.0))
    assert not side._spare_core()  # both cores busy over the last minute
    monkeypatch.setattr(os, "getloadavg", lambda: (0.6, 1.0, 1.0))
    assert side._spare_core()
    monkeypatch.setattr(side, "_spare_core", lambda: False)
    small = [Document("a", "", "One. Two."), Document("b", "", "One. Three.")]
    assert side.submit(small, Settings()) is None


def test_a_batch_turns_the_helper_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from variorum.batch_families import FamilySpec, compare_family

    monkeypatch.setattr(side, "_allowed", True)
    compare_family(FamilySpec("f", ()))  # fails (no versions), after turning it off
    assert not side.enabled()


@pytest.fixture
def no_helper_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper allowed, with a core to spare, and none running yet."""
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "1")
    monkeypatch.setattr(side, "_allowed", True)
    monkeypatch.setattr(side, "_spare_core", lambda: True)
    if side._helper is not None:
        side._drop(side._helper)
    monkeypatch.setattr(side, "_failures", 0)


@pytest.mark.usefixtures("no_helper_yet")
def test_a_long_version_starts_the_helper_with_its_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small stand-ins for a book: a "long" version, claims read in its first sentences only.
    monkeypatch.setattr(side, "LONG_CHARS", 2_000)
    monkeypatch.setattr(stages, "MAX_CLAIM_SENTENCES", 6)
    docs = _families()[0]
    assert max(len(d.text) for d in docs) >= side.LONG_CHARS
    answers = []
    real = side.collect

    def counted(pending: side.Pending, check: object = None) -> object:
        value = real(pending, check)  # type: ignore[arg-type]
        answers.append(value)
        return value

    monkeypatch.setattr(side, "collect", counted)
    with_helper = _json(docs)
    assert len(answers) == 1 and answers[0] is not None, "the long analysis did it alone"
    head, verdicts = answers[0]
    assert [len(f) for f in head] == [len(w) for w in verdicts] == [6] * len(docs)
    assert side._helper is not None and side._helper.ready.is_set()
    monkeypatch.setenv("VARIORUM_SIDE_PROCESS", "0")
    assert with_helper == _json(docs)


@pytest.mark.usefixtures("no_helper_yet")
def test_a_long_analysis_waits_for_a_helper_started_as_its_files_were_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(side, "LONG_CHARS", 2_000)
    monkeypatch.setattr(side, "WARM_WAIT_S", 60.0)  # however slow the test machine
    docs = _families()[0]
    side.start()  # as `variorum compare` does before reading a long file
    helper = side._helper
    assert helper is not None and not helper.settled.is_set()  # still warming up
    pending = side.submit(docs, Settings())
    assert pending is not None and pending.helper is helper
    assert side.collect(pending) is not None


def test_the_command_line_starts_the_helper_before_reading_a_long_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from variorum.cli import compare

    started = []
    monkeypatch.setattr(side, "start", lambda: started.append(True))
    short, long = tmp_path / "short.txt", tmp_path / "long.txt"
    short.write_text("One. Two.")
    long.write_text("Word. " * 400)
    monkeypatch.setattr(side, "LONG_CHARS", 2_000)
    compare._start_helper_for_long([str(short), str(tmp_path / "missing.txt")])
    assert not started
    compare._start_helper_for_long([str(short), str(long)])
    assert started == [True]
