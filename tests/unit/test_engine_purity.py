"""The engine imports nothing from Qt: checked statically and in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "app" / "variorum" / "engine"


def test_engine_sources_do_not_import_qt() -> None:
    offenders = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
            ]
    assert offenders == []
    assert len(list(ENGINE.rglob("*.py"))) >= 8


def test_running_the_engine_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from variorum.engine.api import load_documents, compare_documents\n"
        "from variorum.resources import sample_paths\n"
        "from variorum.export import comparison_to_json\n"
        "docs, _ = load_documents(sample_paths())\n"
        "comparison_to_json(compare_documents(docs))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
