"""deps.sh installs the missing system packages as root or with sudo, else says what to run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging_support import LINUX

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("sh") is None,
    reason="deps.sh is for Linux",
)


def _shim(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def run_deps(
    tmp_path: Path, *, uid: int, missing: str, sudo: bool, apt: bool = True, args: tuple = ()
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """deps.sh with python3's --packages answer, id, sudo and apt-get replaced by shims
    that record what they were asked to do."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "calls.log"
    real = sys.executable
    _shim(
        bin_dir,
        "python3",
        f'for a in "$@"; do [ "$a" = --packages ] && {{ printf "{missing}"; exit 0; }}; done\n'
        f'exec {real} "$@"',
    )
    _shim(bin_dir, "id", f"echo {uid}")
    if sudo:
        _shim(bin_dir, "sudo", f'echo "sudo $*" >> {log}; exec "$@"')
    if apt:
        _shim(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')
    for tool in ("sh", "uname", "dirname", "sed", "env"):
        found = shutil.which(tool)
        assert found is not None
        if not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(found)
    env = {**os.environ, "PATH": str(bin_dir)}
    proc = subprocess.run(
        ["sh", str(LINUX / "deps.sh"), *args], env=env, capture_output=True, text=True
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return proc, calls


def test_as_root_it_installs_what_is_missing(tmp_path: Path) -> None:
    missing = "libxcb-icccm4\\nlibxcb-keysyms1\\n"
    proc, calls = run_deps(tmp_path, uid=0, missing=missing, sudo=False)
    assert proc.returncode == 0, proc.stderr
    install = [c for c in calls if " install " in c]
    assert len(install) == 1 and install[0].endswith("libxcb-icccm4 libxcb-keysyms1"), calls
    assert "installed libxcb-icccm4 libxcb-keysyms1" in proc.stdout


def test_as_a_user_it_installs_with_sudo(tmp_path: Path) -> None:
    proc, calls = run_deps(tmp_path, uid=1000, missing="libxcb-cursor0\\n", sudo=True)
    assert proc.returncode == 0, proc.stderr
    assert any(c.startswith("sudo ") and c.endswith("libxcb-cursor0") for c in calls), calls


def test_without_root_or_sudo_it_prints_the_line_and_lets_the_command_go_on(
    tmp_path: Path,
) -> None:
    proc, calls = run_deps(tmp_path, uid=1000, missing="libxcb-icccm4\\n", sudo=False)
    assert proc.returncode == 0, proc.stderr
    assert calls == []
    assert "sudo apt-get install libxcb-icccm4" in proc.stdout


def test_nothing_missing_installs_nothing(tmp_path: Path) -> None:
    proc, calls = run_deps(tmp_path, uid=0, missing="", sudo=False)
    assert proc.returncode == 0, proc.stderr
    assert calls == [] and "present" in proc.stdout


def test_dry_run_only_reports(tmp_path: Path) -> None:
    proc, calls = run_deps(tmp_path, uid=0, missing="libegl1\\n", sudo=False, args=("--dry-run",))
    assert proc.returncode == 0 and calls == []
    assert "missing system packages: libegl1" in proc.stdout
