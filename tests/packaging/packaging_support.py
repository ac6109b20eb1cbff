"""Paths and helpers shared by the packaging tests (files under packaging/ and resources/)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "io.github.variorum.Variorum"


def load_packaging_module(name: str) -> ModuleType:
    """Import packaging/<name>.py by path (``packaging`` is also a PyPI library's name)."""
    spec = importlib.util.spec_from_file_location(
        f"variorum_packaging_{name}", PACKAGING / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_tool(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a validator, skipping the test (with the reason) where it is not installed."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils / appstream)")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=False)
