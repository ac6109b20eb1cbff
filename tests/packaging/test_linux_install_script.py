"""install.sh puts the menu entry, icons and MIME type under the user's data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging_support import APP_ID, LINUX, REPO

from variorum.resources import ICON_SIZES, SESSION_MIME_TYPE, SESSION_SUFFIX

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


def _installed(share: Path) -> list[str]:
    return sorted(
        str(p.relative_to(share)) for p in share.rglob("*") if APP_ID in p.name and p.is_file()
    )


def test_installed_files_are_valid_and_the_session_type_is_registered(
    tmp_path: Path, program: Path
) -> None:
    home = tmp_path / "home"
    assert run_install(home, "--exec", str(program)).returncode == 0
    share = home / "share"
    assert _installed(share) == sorted(
        [
            f"applications/{APP_ID}.desktop",
            f"metainfo/{APP_ID}.metainfo.xml",
            f"mime/packages/{APP_ID}.xml",
            f"icons/hicolor/scalable/apps/{APP_ID}.svg",
            *(f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES),
        ]
    )
    desktop = share / "applications" / f"{APP_ID}.desktop"
    entry = desktop.read_text(encoding="utf-8").splitlines()
    assert f"TryExec={program}" in entry
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    if shutil.which("update-mime-database"):
        # The script refreshed the user's MIME database: *.variorum is a session file now.
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
        assert any(line.endswith(f"{SESSION_MIME_TYPE}:*{SESSION_SUFFIX}") for line in globs)

    assert run_install(home, "--uninstall").returncode == 0
    assert _installed(share) == []
    if shutil.which("update-mime-database"):
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert SESSION_MIME_TYPE not in globs


def test_install_from_an_unpacked_bundle_starts_the_bundled_program(tmp_path: Path) -> None:
    # The layout build_bundle.py makes: install.sh next to the program, data in _internal.
    bundle = tmp_path / "variorum"
    internal = bundle / "_internal" / "variorum"
    shutil.copytree(REPO / "resources", internal / "resources")
    shutil.copytree(LINUX, internal / "desktop")
    shutil.copy2(LINUX / "install.sh", bundle / "install.sh")
    frozen = bundle / "variorum"
    frozen.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    frozen.chmod(0o755)
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share")}
    env["PATH"] = "/usr/bin:/bin"  # no variorum-gui to find: the bundle's own program is used
    result = subprocess.run(
        ["bash", str(bundle / "install.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    desktop = home / "share" / "applications" / f"{APP_ID}.desktop"
    assert f"Exec={frozen} %F" in desktop.read_text(encoding="utf-8").splitlines()


def _program_at(path: Path) -> Path:
    path.parent.mkdir(parents=True)
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_program_path_with_spaces_is_quoted_in_the_menu_entry(tmp_path: Path) -> None:
    odd = _program_at(tmp_path / "My 100% Programs" / "variorum-gui")
    home = tmp_path / "home"
    result = run_install(home, "--exec", str(odd))
    assert result.returncode == 0, result.stderr
    desktop = home / "share" / "applications" / f"{APP_ID}.desktop"
    entry = desktop.read_text(encoding="utf-8").splitlines()
    # Desktop Entry spec: a quoted argument keeps its spaces; a literal % is written %%.
    quoted = str(odd).replace("%", "%%")
    assert f'Exec="{quoted}" %F' in entry
    assert f"TryExec={odd}" in entry
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(desktop)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_install_refuses_a_program_path_with_quotes(tmp_path: Path) -> None:
    odd = _program_at(tmp_path / 'say "hi"' / "variorum-gui")
    result = run_install(tmp_path / "home", "--exec", str(odd))
    assert result.returncode != 0
    assert "must not contain quotes" in result.stderr
    assert not (tmp_path / "home" / "share" / "applications").exists()


def _tools_only(bin_dir: Path, xdg_mime: str | None) -> str:
    """A PATH holding only the tools install.sh needs, and a fake xdg-mime when given."""
    bin_dir.mkdir(parents=True)
    for tool in ("bash", "dirname", "basename", "install", "sed", "rm", "cat"):
        found = shutil.which(tool)
        assert found is not None, tool
        (bin_dir / tool).symlink_to(found)
    if xdg_mime is not None:
        fake = bin_dir / "xdg-mime"
        fake.write_text(f"#!/bin/sh\n{xdg_mime}\n", encoding="utf-8")
        fake.chmod(0o755)
    return str(bin_dir)


def _install_with_path(home: Path, path: str, program: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "share"), "PATH": path}
    return subprocess.run(
        [shutil.which("bash") or "bash", str(LINUX / "install.sh"), "--exec", str(program)],
        env=env,
        capture_output=True,
        text=True,
    )


def test_without_xdg_mime_the_double_click_step_is_reported_skipped(
    tmp_path: Path, program: Path
) -> None:
    result = _install_with_path(tmp_path / "home", _tools_only(tmp_path / "b", None), program)
    assert result.returncode == 0, result.stderr
    assert "SKIPPED" in result.stdout and "xdg-mime is not installed" in result.stdout
    assert "opens it" not in result.stdout  # no promise the script did not keep


def test_with_xdg_mime_sessions_are_associated_and_it_says_so(
    tmp_path: Path, program: Path
) -> None:
    log = tmp_path / "xdg-mime.log"
    path = _tools_only(tmp_path / "b", f'echo "$@" >> {log}')
    result = _install_with_path(tmp_path / "home", path, program)
    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8").split() == [
        "default",
        f"{APP_ID}.desktop",
        "application/x-variorum-session",
    ]
    assert "double-clicking a .variorum file opens it" in result.stdout
    assert "SKIPPED" not in result.stdout


def test_a_failing_xdg_mime_is_reported_skipped(tmp_path: Path, program: Path) -> None:
    path = _tools_only(tmp_path / "b", "exit 3")
    result = _install_with_path(tmp_path / "home", path, program)
    assert result.returncode == 0, result.stderr
    assert "SKIPPED" in result.stdout and "xdg-mime failed" in result.stdout
