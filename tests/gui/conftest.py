"""GUI tests: settings and state in throw-away folders, and the seed comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from variorum.engine.model import Comparison


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No GUI test reads or writes the user's preferences, window state or recent list."""
    monkeypatch.setenv("VARIORUM_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("VARIORUM_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture(scope="session")
def comparison(seed_comparison: Comparison) -> Comparison:
    return seed_comparison
