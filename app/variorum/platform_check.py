"""Before Qt loads its platform plugin: is there a display, and the libraries the plugin needs?

Qt's ``xcb`` plugin aborts the process (signal 6) when a library it links is missing, and
its message names ``libxcb-cursor0`` whatever is actually absent; with no display at all
it aborts the same way. ``window_problem`` finds both cases first, so the window can exit 2
with one line naming the missing Debian/Ubuntu packages and the ``apt-get`` line instead.

Standard library only, and runnable as a script before Variorum is installed:
``python3 app/variorum/platform_check.py --packages`` prints the missing packages, one
per line (``packaging/linux/deps.sh`` installs what it prints). The library look-up is
injectable so tests can report any library missing.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# What Qt 6's xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6) links beyond the
# Qt libraries themselves: soname -> the Debian/Ubuntu package that ships it. A test
# checks this table against `ldd` of the installed plugin, so a PySide6 upgrade that adds
# a library shows up there rather than as an abort on a user's machine.
XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
}

Lookup = Callable[[str], bool]
"""Whether the shared library with this soname can be loaded."""


def library_loads(soname: str) -> bool:
    """Whether the dynamic loader finds ``soname`` — the same search the plugin's load does
    (ldconfig's cache, LD_LIBRARY_PATH, which a frozen bundle points at its own copies)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt would load the xcb plugin: on Linux, when QT_QPA_PLATFORM names it, or
    names nothing and there is an X display that is not a Wayland session's fallback."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    if env.get("WAYLAND_DISPLAY") and (
        not env.get("DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"
    ):
        return False
    return bool(env.get("DISPLAY"))


def missing_packages(lookup: Lookup = library_loads) -> list[str]:
    """The Debian/Ubuntu packages whose xcb-plugin libraries are missing, sorted, each once."""
    return sorted({pkg for soname, pkg in XCB_LIBRARIES.items() if not lookup(soname)})


def install_line(packages: list[str]) -> str:
    return "sudo apt-get install " + " ".join(packages)


def window_problem(
    env: Mapping[str, str] | None = None,
    lookup: Lookup = library_loads,
    platform: str = sys.platform,
) -> str | None:
    """One line saying why the window cannot open here, or None when it can (as far as
    can be known before Qt starts: elsewhere than Linux, or with a platform chosen in
    QT_QPA_PLATFORM other than xcb, nothing is checked)."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    no_display = not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")
    if not chosen and no_display:
        return (
            "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): "
            "start it in a desktop session or under 'xvfb-run'; 'variorum compare' and "
            "'variorum report' need no display"
        )
    if not uses_xcb(env, platform):
        return None  # Wayland, or a plugin the user chose: Qt reports its own errors
    if not env.get("DISPLAY"):
        return "QT_QPA_PLATFORM is xcb but DISPLAY is not set: there is no X display to open"
    missing = missing_packages(lookup)
    if missing:
        return (
            f"the window needs system libraries that are missing ({', '.join(missing)}); "
            f"install them with: {install_line(missing)}"
        )
    return None


def main(argv: list[str] | None = None) -> int:
    """``--packages``: print the missing packages one per line (for deps.sh); otherwise
    print the problem, if any, and exit 2 when there is one."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--packages"]:
        if sys.platform.startswith("linux"):
            for pkg in missing_packages():
                print(pkg)
        return 0
    problem = window_problem()
    if problem:
        print(f"variorum: {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
