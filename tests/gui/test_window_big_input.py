"""The window with files over the limits, many files, and reading that is cancelled.

Limits are scaled down so small files stand for big ones; the behaviour is what is
asserted: a choice offered, the first part compared and said so, or the file skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from variorum.engine import limits
from variorum.engine.limits import LimitProblem, Limits
from variorum.gui import window as window_module
from variorum.gui.window import MainWindow
from variorum.report.markup import ReportInfo, build_report_html

WAIT_MS = 15_000


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window(size=(1200, 800))


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Limits:
    small = Limits(version_chars=20_000, version_sentences=200)
    monkeypatch.setattr(limits, "LIMITS", small)
    return small


def _long_article(path: Path, sentences: int) -> Path:
    path.write_text(
        "\n\n".join(f"Council item {i} was approved by nine votes." for i in range(sentences)),
        encoding="utf-8",
    )
    return path


def test_a_file_over_the_limits_is_offered_as_its_first_part(
    window: MainWindow,
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
    small_limits: Limits,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[LimitProblem] = []

    def first_part(_parent: object, problem: LimitProblem) -> bool:
        asked.append(problem)
        return True

    monkeypatch.setattr(window_module, "ask_first_part", first_part)
    big = _long_article(tmp_path / "minutes.txt", 300)
    window.open_files([big, seed_paths[0]])
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=WAIT_MS)
    assert len(asked) == 1
    assert asked[0].source == str(big)
    assert "is too large" in asked[0].reason and "sentences" in asked[0].reason
    c = window.comparison
    assert c is not None
    version = next(v for v in c.versions if v.label == "minutes")
    assert len(version.sentences) == small_limits.version_sentences
    assert version.partial.startswith("only the first")
    assert "only the first part of minutes compared" in window.status_area.text()
    report = build_report_html(c, None, ReportInfo("Report", datetime(2026, 12, 3)))
    assert "Partial: only the first" in report


def test_a_file_over_the_limits_can_be_skipped_with_a_message(
    window: MainWindow,
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
    small_limits: Limits,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(window_module, "ask_first_part", lambda *_a: False)
    big = _long_article(tmp_path / "minutes.txt", 300)
    window.open_files([big, *seed_paths[:2]])
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=WAIT_MS)
    assert window.comparison is not None
    assert "minutes" not in window.comparison.labels
    assert str(big) in window.notice.text()
    assert "is too large" in window.notice.text()


def test_many_files_ask_first_and_cancel_reads_nothing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for i in range(60):
        p = tmp_path / f"v{i:02}.txt"
        p.write_text(f"Version {i} of the story says the vote was {i} to 3.", encoding="utf-8")
        paths.append(p)
    counts: list[int] = []

    def refuse(_parent: object, count: int) -> bool:
        counts.append(count)
        return False

    monkeypatch.setattr(window_module, "ask_many_files", refuse)
    with qtbot.assertNotEmitted(window.runner.load_done, wait=200):  # refused: nothing read
        window.open_dropped(paths)
    assert counts == [60]
    assert window.inputs.documents == ()

    monkeypatch.setattr(window_module, "ask_many_files", lambda *_a: True)
    window.open_dropped(paths)
    qtbot.waitUntil(lambda: len(window.inputs.documents) == 50, timeout=WAIT_MS)
    assert [d.label for d in window.inputs.documents][:2] == ["v00", "v01"]


def test_cancel_stops_reading_between_files(
    window: MainWindow, qtbot: QtBot, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from variorum.engine import api

    real = api.read_document
    read: list[str] = []

    def slow_read(path: str | Path) -> object:
        read.append(str(path))
        window.runner.cancel_loads()  # the user presses Cancel while the first file is read
        return real(path)

    monkeypatch.setattr(api, "read_document", slow_read)
    with qtbot.waitSignal(window.runner.load_done, timeout=WAIT_MS) as blocker:
        window.open_files(seed_paths)
    assert blocker.args is not None and blocker.args[0].cancelled
    assert len(read) == 1
    assert window.inputs.documents == ()


def test_claims_in_the_first_part_only_are_said_in_status_and_report(
    window: MainWindow,
    qtbot: QtBot,
    seed_paths: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from variorum.engine import stages

    monkeypatch.setattr(stages, "MAX_CLAIM_SENTENCES", 50)
    window.open_files([_long_article(tmp_path / "minutes.txt", 120), seed_paths[0]])
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=WAIT_MS)
    c = window.comparison
    assert c is not None
    version = next(v for v in c.versions if v.label == "minutes")
    assert version.claims_cut == "claims looked for in its first 50 of 120 sentences"
    assert all(cl.sentence < 50 for cl in c.claims_for("minutes"))
    assert "claims from the first part only: minutes" in window.status_area.text()
    report = build_report_html(c, None, ReportInfo("Report", datetime(2026, 12, 3)))
    assert "Claims looked for in its first 50 of 120 sentences" in report
