"""smoke_test.py fails loudly when the window dies or shows the wrong thing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from packaging_support import load_packaging_module

smoke = load_packaging_module("smoke_test")


def fake_program(code: str) -> list[str]:
    return [sys.executable, "-c", code]


@pytest.mark.parametrize(
    "message",
    [
        "variorum: the window cannot start: No module named 'variorum.gui.app'\n",
        "variorum: the window cannot start: No module named 'PySide6.QtSvg'\n",
        "qt.qpa.plugin: Could not load the Qt platform plugin\n",
    ],
)
def test_a_window_that_dies_fails(message: str, tmp_path: Path) -> None:
    program = fake_program(f"import sys; sys.stderr.write({message!r}); sys.exit(2)")
    with pytest.raises(smoke.SmokeFailure, match="closed by itself"):
        smoke.check_window_starts(program, tmp_path)


def test_a_window_that_stays_open_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smoke.WINDOW_WAIT_SECONDS = 1
    smoke.check_window_starts(fake_program("import time; time.sleep(30)"), tmp_path)
    assert "running after" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("said", "status"),
    [("window: 4 columns, 10 rows, 2 claims in the first version", 0), ("", 0), ("", 1)],
)
def test_the_sample_window_must_show_five_columns(said: str, status: int, tmp_path: Path) -> None:
    program = fake_program(f"import sys; print({said!r}); sys.exit({status})")
    with pytest.raises(smoke.SmokeFailure, match="the window on the samples"):
        smoke.check_window_shows_sample(program, tmp_path)


def test_the_real_window_shows_the_samples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    smoke.check_window_shows_sample([sys.executable, "-m", "variorum"], tmp_path)
    assert "window: 5 columns" in capsys.readouterr().out
