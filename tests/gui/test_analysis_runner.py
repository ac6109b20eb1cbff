"""The analysis runner works off the UI thread and never delivers a stale result."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from variorum.engine.api import load_documents
from variorum.engine.model import Settings
from variorum.gui.analysis import AnalysisRunner, CompareDone, LoadDone, LoadPurpose


def test_only_the_newest_comparison_arrives(qtbot: QtBot, seed_paths: list[Path]) -> None:
    docs, _ = load_documents(seed_paths)
    runner = AnalysisRunner()
    arrived: list[CompareDone] = []
    runner.finished.connect(arrived.append)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as newest:
        first = runner.compare(docs, Settings(threshold=0.5))
        second = runner.compare(docs[:3], Settings(threshold=0.6))
        third = runner.compare(docs[:2], Settings(threshold=0.7))
    assert first < second < third
    assert newest.args[0].request_id == third
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)
    # A stale result still queued from a worker would be delivered now; none may be.
    with qtbot.assertNotEmitted(runner.finished, wait=50):
        pass
    assert [d.request_id for d in arrived] == [third]
    assert arrived[0].comparison is not None and len(arrived[0].comparison.versions) == 2
    runner.shutdown()


def test_cancel_drops_the_running_comparison(qtbot: QtBot, seed_paths: list[Path]) -> None:
    docs, _ = load_documents(seed_paths)
    runner = AnalysisRunner()
    arrived: list[CompareDone] = []
    runner.finished.connect(arrived.append)
    runner.compare(docs, Settings())
    runner.cancel()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)
    with qtbot.assertNotEmitted(runner.finished, wait=50):  # not even from the queue
        pass
    assert arrived == []
    runner.shutdown()


def test_loads_report_every_file(qtbot: QtBot, seed_paths: list[Path], tmp_path: Path) -> None:
    runner = AnalysisRunner()
    missing = tmp_path / "gone.txt"
    with qtbot.waitSignal(runner.load_done, timeout=10_000) as blocker:
        runner.load([seed_paths[0], missing], LoadPurpose.OPEN)
    done = blocker.args[0]
    assert isinstance(done, LoadDone)
    assert len(done.documents) == 1
    assert [p.path for p in done.problems] == [str(missing)]
    runner.shutdown()
