"""Write PNG screenshots of the window comparing the sample articles, light and dark.

    python packaging/screenshot.py [--out DIR] [--size 1600x1000 ...] [--seven] [--appstream]

Runs offscreen (no display needed) with throw-away settings folders, so it never reads
or changes the user's preferences. ``--appstream`` also refreshes
``packaging/screenshots/main.png``, the picture the AppStream metadata points at.
``--seven`` also shoots a seven-version comparison (the samples and two edited copies).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def dark_palette() -> object:
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    role = QPalette.ColorRole
    for r, c in (
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e8e8e8"),
        (role.Base, "#1f1f1f"),
        (role.AlternateBase, "#2a2a2a"),
        (role.Text, "#e8e8e8"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e8e8e8"),
        (role.Highlight, "#2f6ea5"),
        (role.HighlightedText, "#ffffff"),
        (role.ToolTipBase, "#3a3a3a"),
        (role.ToolTipText, "#e8e8e8"),
        (role.PlaceholderText, "#9a9a9a"),
        (role.Mid, "#555555"),
        (role.Midlight, "#444444"),
        (role.Dark, "#1a1a1a"),
        (role.Light, "#505050"),
    ):
        p.setColor(r, QColor(c))
    return p


def seven_versions(folder: Path) -> list[Path]:
    """The five samples and two edited copies of the plain report (one cut, one reworded)."""
    from variorum.resources import sample_paths

    samples = list(sample_paths())
    plain = samples[1].read_text(encoding="utf-8")
    paragraphs = [p for p in plain.split("\n\n") if p.strip()]
    cut = folder / "005_wire_short.txt"
    cut.write_text("\n\n".join(paragraphs[::2]) + "\n", encoding="utf-8")
    reworded = folder / "006_wire_rewrite.txt"
    reworded.write_text(
        plain.replace("said", "told reporters").replace("European", "EU"), encoding="utf-8"
    )
    return [*samples, cut, reworded]


def shoot(out: Path, width: int, height: int, files: list[Path] | None = None) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from variorum.gui.actions import ActionId
    from variorum.gui.app import make_application
    from variorum.gui.window import MainWindow

    app = make_application([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")  # the same look on every machine that runs this script
    light = app.style().standardPalette()  # not app.palette(): an earlier call left it dark
    written: list[Path] = []
    for mode in ("light", "dark"):
        app.setPalette(light if mode == "light" else dark_palette())  # type: ignore[arg-type]
        window = MainWindow()
        window.resize(width, height)
        window.show()
        if files:
            window.open_files(files)
        else:
            window.open_sample()
        deadline = time.monotonic() + 30
        while window.comparison is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        c = window.comparison
        if c is not None:
            # As a user would: the invented claim selected, rows that differ around it.
            claim = next((cl for cl in c.claims if "Operation Sentinel" in cl.text), None)
            window.claims_panel.select_claim(claim)
            window.view.go_to(0, 0)
            window.actions_by_id[ActionId.NEXT_DIFFERENCE].trigger()
        settle = time.monotonic() + 0.3  # let deferred layout (column fitting) run
        while time.monotonic() < settle:
            app.processEvents()
            time.sleep(0.01)
        what = f"{len(files)}-versions-" if files else ""
        path = out / f"variorum-{what}{mode}-{width}x{height}.png"
        window.grab().save(str(path))
        written.append(path)
        window.sessions.modified = False
        window.close()
        window.deleteLater()
        app.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("--size", nargs="+", default=["1600x1000"], help="WIDTHxHEIGHT ...")
    parser.add_argument("--seven", action="store_true", help="also a seven-version comparison")
    parser.add_argument("--appstream", action="store_true", help="refresh screenshots/main.png")
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in size.lower().split("x")) for size in args.size]
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="variorum-shot-") as tmp:
        os.environ["VARIORUM_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["VARIORUM_STATE_DIR"] = str(Path(tmp) / "state")
        seven = seven_versions(Path(tmp)) if args.seven else None
        for width, height in sizes:
            written += shoot(args.out, width, height)
            if seven:
                written += shoot(args.out, width, height, seven)
    for path in written:
        print(path)
    if args.appstream:
        target = HERE / "screenshots" / "main.png"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(written[0], target)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
