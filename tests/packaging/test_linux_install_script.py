"""install.sh puts the menu entry, icons and MIME type under the user's data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import APP_ID, LINUX

from variorum.resources import ICON_SIZES

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="install.sh needs bash")


def run_install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Everything the script (and xdg-mime) may write stays inside the test's home.
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        ["bash", str(LINUX / "install.sh"), *args], env=env, capture_output=True, text=True
    )


@pytest.fixture
def program(tmp_path: Path) -> Path:
    prog = tmp_path / "bin" / "my-variorum"
    prog.parent.mkdir()
    prog.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    prog.chmod(0o755)
    return prog


def test_install_then_uninstall(tmp_path: Path, program: Path) -> None:
    home = tmp_path / "home"
    result = run_install(home, "--exec", str(program))
    assert result.returncode == 0, result.stderr
    share = home / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={program} %F" in desktop.read_text(encoding="utf-8").splitlines()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()

    result = run_install(home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not desktop.exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))


def test_install_refuses_a_program_that_does_not_exist(tmp_path: Path) -> None:
    result = run_install(tmp_path / "home", "--exec", str(tmp_path / "missing"))
    assert result.returncode != 0
    assert "is not a program" in result.stderr
    assert not (tmp_path / "home" / "share" / "applications").exists()
