"""smoke_test.py tolerates only the window's entry module being absent, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from packaging_support import load_packaging_module

smoke = load_packaging_module("smoke_test")


def fake_program(message: str, status: int) -> list[str]:
    code = f"import sys; sys.stderr.write({message!r}); sys.exit({status})"
    return [sys.executable, "-c", code]


@pytest.mark.parametrize("module", ["variorum.gui", "variorum.gui.app"])
def test_missing_window_module_is_skipped(
    module: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = f"variorum: the window cannot start: No module named '{module}'\n"
    smoke.check_window_starts(fake_program(message, 2), tmp_path)
    assert "SKIPPED" in capsys.readouterr().out


@pytest.mark.parametrize(
    "message",
    [
        "variorum: the window cannot start: No module named 'PySide6.QtSvg'\n",
        "variorum: the window cannot start: No module named 'variorum.gui.grid'\n",
        "qt.qpa.plugin: Could not load the Qt platform plugin\n",
    ],
)
def test_a_window_that_dies_for_another_reason_fails(message: str, tmp_path: Path) -> None:
    with pytest.raises(smoke.SmokeFailure, match="closed by itself"):
        smoke.check_window_starts(fake_program(message, 2), tmp_path)
