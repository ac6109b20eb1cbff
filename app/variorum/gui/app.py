"""Start the window: ``variorum`` (start page), ``--sample``, ``FILE...`` or ``SESSION.variorum``.

``run_gui`` parses the window's own arguments, makes the QApplication (named so the
desktop entry and icon match), offers crash recovery, opens what was asked and runs the
event loop. Bad arguments exit 2 with one line, as the command line does; so does a Linux
system without a display or the libraries Qt's xcb plugin needs (``platform_check``),
found before Qt would abort on it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from variorum import __version__
from variorum.resources import APP_ID
from variorum.safe_text import terminal_safe

if TYPE_CHECKING:
    from variorum.gui.window import MainWindow

SELF_TEST_ENV = "VARIORUM_SELF_TEST"
"""Set, the window prints what it shows once the first comparison is painted, then quits
(the packaging smoke test uses it to prove an installed or frozen app really works)."""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The window's options, parsed by the command line's one parser."""
    from variorum.cli.parser import parse_window_args

    return parse_window_args(argv)


def make_application(argv: Sequence[str]) -> object:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from variorum.gui.file_open import install_file_open_filter
    from variorum.resources import icon_path

    app = QApplication.instance()
    if app is None:
        QApplication.setApplicationName("Variorum")
        QApplication.setOrganizationName("Variorum")
        QApplication.setApplicationVersion(__version__)
        QApplication.setDesktopFileName(APP_ID)
        app = QApplication([sys.argv[0] if sys.argv else "variorum", *argv])
        app.setWindowIcon(QIcon(str(icon_path())))
        # macOS hands double-clicked files over as events, possibly before the window exists.
        install_file_open_filter(app)
    return app


def open_window(args: argparse.Namespace) -> MainWindow:
    """Show the window and open what the command line asked for (after crash recovery)."""
    from PySide6.QtWidgets import QApplication

    from variorum.gui.file_open import install_file_open_filter
    from variorum.gui.inputs import expand_dropped
    from variorum.gui.window import MainWindow
    from variorum.resources import sample_paths

    window = MainWindow()
    window.show()
    app = QApplication.instance()
    if app is not None:
        install_file_open_filter(app).set_handler(window.open_dropped)
    if window.sessions.offer_recovery():
        return window
    paths = [Path(f) for f in args.files]
    sessions, articles = expand_dropped(paths)
    if sessions:
        window.open_dropped(paths)
    elif args.sample or articles:
        window.open_files([*(sample_paths() if args.sample else []), *articles])
    return window


def run_gui(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    problem = _platform_problem()
    if problem:
        # Before QApplication: Qt's own report of a missing display or library is an abort
        # with a message that names the wrong library.
        print(terminal_safe(f"variorum: {problem}"), file=sys.stderr)
        return 2
    # A missing file is reported inside the window (started from a menu or a double-click,
    # nobody reads stderr), like any other file that cannot be read.
    app = make_application([])
    window = open_window(args)
    from variorum.engine import side

    side.start()  # warms up beside the first analysis; every later one overlaps with it
    if os.environ.get(SELF_TEST_ENV):
        _self_test(window)
    code = int(app.exec())  # type: ignore[attr-defined]
    del window
    return code


def _platform_problem() -> str | None:
    from PySide6.QtWidgets import QApplication

    from variorum.platform_check import window_problem

    if QApplication.instance() is not None:
        return None  # a running application has its platform plugin already
    return window_problem()


def _self_test(window: MainWindow) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report(_done: object) -> None:
        window.view.viewport().repaint()
        c = window.comparison
        if c is not None:
            print(
                f"window: {window.model.columnCount()} columns, {window.model.rowCount()} rows,"
                f" {window.claims_panel.claim_count(c.labels[0])} claims in the first version",
                flush=True,
            )
        window.sessions.modified = False
        QTimer.singleShot(0, QApplication.quit)

    window.runner.finished.connect(report)
