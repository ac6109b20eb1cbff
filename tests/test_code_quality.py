"""The house rules hold on every run: ruff lint and format, mypy strict on the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_ruff_lint_is_clean() -> None:
    out = run("ruff", "check", "app", "tests", "packaging")
    assert out.returncode == 0, out.stdout[-3000:]


def test_ruff_format_is_applied() -> None:
    out = run("ruff", "format", "--check", "app", "tests", "packaging")
    assert out.returncode == 0, out.stdout[-3000:]


@pytest.mark.slow
def test_mypy_strict_passes_on_the_package() -> None:
    out = run("mypy")  # files and strictness come from pyproject.toml
    assert out.returncode == 0, out.stdout[-3000:]
