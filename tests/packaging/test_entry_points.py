"""The two commands: ``variorum`` (console: CLI and window) and ``variorum-gui`` (a GUI
script, so Windows starts it without a console window; menus and file associations use it)."""

from __future__ import annotations

import importlib
import tomllib
from importlib import metadata

from packaging_support import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _resolve(target: str) -> object:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def test_pyproject_declares_the_console_and_the_gui_command() -> None:
    assert PROJECT["scripts"] == {"variorum": "variorum.cli:main"}
    assert PROJECT["gui-scripts"] == {"variorum-gui": "variorum.cli:gui_main"}
    assert callable(_resolve(PROJECT["scripts"]["variorum"]))
    assert callable(_resolve(PROJECT["gui-scripts"]["variorum-gui"]))


def test_the_installed_distribution_has_the_same_commands() -> None:
    # Catches a stale development install whose launchers no longer match pyproject.toml.
    found = {
        (ep.group, ep.name): ep.value
        for ep in metadata.distribution("variorum").entry_points
        if ep.group in {"console_scripts", "gui_scripts"}
    }
    assert found == {
        ("console_scripts", "variorum"): "variorum.cli:main",
        ("gui_scripts", "variorum-gui"): "variorum.cli:gui_main",
    }
