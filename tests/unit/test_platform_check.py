"""The pre-Qt check: no display, or a library of Qt's xcb plugin missing, is one line, exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from variorum import platform_check
from variorum.platform_check import XCB_LIBRARIES, missing_packages, uses_xcb, window_problem

APP = Path(__file__).resolve().parents[2] / "app"


def everything(_soname: str) -> bool:
    return True


def without(*sonames: str):  # type: ignore[no-untyped-def]
    return lambda soname: soname not in sonames


def test_no_display_is_one_line_that_says_so() -> None:
    problem = window_problem({}, everything, "linux")
    assert problem is not None and "\n" not in problem
    assert "no display" in problem and "xvfb-run" in problem


def test_a_missing_library_names_its_package_and_the_apt_get_line() -> None:
    lookup = without("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    problem = window_problem({"DISPLAY": ":0"}, lookup, "linux")
    assert problem is not None and "\n" not in problem
    assert "libxcb-icccm4, libxcb-keysyms1" in problem
    assert problem.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert "libxcb-cursor0" not in problem  # Qt's own message names this one whatever is missing


def test_all_present_with_a_display_is_no_problem() -> None:
    assert window_problem({"DISPLAY": ":0"}, everything, "linux") is None


def test_a_chosen_platform_other_than_xcb_is_not_checked() -> None:
    nothing = without(*XCB_LIBRARIES)
    assert window_problem({"QT_QPA_PLATFORM": "offscreen"}, nothing, "linux") is None
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert window_problem(wayland, nothing, "linux") is None
    assert window_problem({}, nothing, "darwin") is None
    assert window_problem({}, nothing, "win32") is None


def test_xcb_chosen_still_needs_a_display_and_the_libraries() -> None:
    assert "DISPLAY" in (window_problem({"QT_QPA_PLATFORM": "xcb"}, everything, "linux") or "")
    env = {"QT_QPA_PLATFORM": "xcb:foo", "DISPLAY": ":1"}
    assert "libxcb-cursor0" in (window_problem(env, without("libxcb-cursor.so.0"), "linux") or "")
    assert uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w"}, "linux")  # an X session's Wayland


def test_missing_packages_are_sorted_and_named_once() -> None:
    lookup = without("libxcb.so.1", "libxcb-xkb.so.1", "libGL.so.1")
    assert missing_packages(lookup) == ["libgl1", "libxcb-xkb1", "libxcb1"]


def test_the_real_lookup_finds_libc_and_not_a_made_up_library() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("sonames are Linux's")
    assert platform_check.library_loads("libc.so.6")
    assert not platform_check.library_loads("libvariorum-made-up.so.7")


def _plugin_links() -> set[str]:
    """The non-Qt libraries the installed xcb plugin links (by ldd), or skip."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        pytest.skip("needs Linux and ldd")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *(qt / "lib").glob("libQt6XcbQpa.so*")]
    files = [f for f in files if f.is_file()]
    if not files:
        pytest.skip("this PySide6 has no xcb plugin")
    links: set[str] = set()
    for f in files:
        out = subprocess.run(["ldd", str(f)], capture_output=True, text=True, check=False).stdout
        links |= {line.split()[0] for line in out.splitlines() if "=>" in line}
    return {s for s in links if not s.startswith(("libQt6", "libc.", "libm.", "libstdc++"))}


def test_the_table_covers_every_x11_library_the_installed_plugin_links() -> None:
    families = ("libxcb", "libX11", "libxkbcommon", "libGL.", "libEGL.", "libfontconfig")
    wanted = {s for s in _plugin_links() if s.startswith(families)}
    assert wanted, "ldd listed none of the X11 libraries: the check would be blind"
    assert wanted <= set(XCB_LIBRARIES), sorted(wanted - set(XCB_LIBRARIES))


def _run_window(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")} | env
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(APP)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux's")
def test_the_window_without_a_display_exits_2_with_one_line_not_an_abort() -> None:
    proc = _run_window("from variorum.cli import main; raise SystemExit(main(['--sample']))", {})
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("variorum: no display"), proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is Linux's")
def test_the_window_with_a_library_missing_exits_2_naming_the_package() -> None:
    # A display that does not exist: had Qt been started, it would abort on it.
    code = (
        "import variorum.platform_check as pc\n"
        "pc.XCB_LIBRARIES = {**pc.XCB_LIBRARIES, 'libvariorum-gone.so.9': 'libvariorum-gone9'}\n"
        "from variorum.cli import main\n"
        "raise SystemExit(main([]))\n"
    )
    proc = _run_window(code, {"DISPLAY": ":97"})
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "libvariorum-gone9" in lines[0], proc.stderr
    assert "apt-get install" in lines[0] and "libvariorum-gone9" in lines[0].split("install")[-1]


def test_as_a_script_it_prints_the_missing_packages_one_per_line() -> None:
    script = APP / "variorum" / "platform_check.py"
    proc = subprocess.run(
        [sys.executable, "-I", str(script), "--packages"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    printed = proc.stdout.split()
    expected = missing_packages() if sys.platform.startswith("linux") else []
    assert printed == expected
