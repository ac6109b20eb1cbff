"""The layers of docs/ARCHITECTURE.md, enforced on the source (every import, at any depth).

engine -> nothing outside the engine; session, report, export and cli -> no gui; only gui
and report/pdf.py import Qt. Every module also imports on its own in a fresh interpreter,
so no circular import hides inside a function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
PACKAGE = APP / "variorum"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")

# The one way from the headless layers into the window: the launcher `variorum FILES`.
ALLOWED = {("variorum.cli", "variorum.gui.app")}

# Layer of each top-level part of the package (docs/ARCHITECTURE.md, "Layers").
LAYERS = {
    "engine": "engine",
    "annotations": "core",
    "disagreements": "core",
    "safe_text": "core",
    "article_paths": "core",
    "atomic": "core",
    "labels": "core",
    "marks": "core",
    "resources": "core",
    "export": "core",
    "platform_check": "core",
    "batch": "headless",
    "batch_families": "headless",
    "session": "headless",
    "report": "headless",
    "cli": "headless",
    "gui": "gui",
    "__init__": "core",
    "__main__": "headless",
}
# What each layer may import from the package.
MAY_IMPORT = {
    "engine": {"engine"},
    "core": {"engine", "core"},
    "headless": {"engine", "core", "headless"},
    "gui": {"engine", "core", "headless", "gui"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, at module level or inside a function."""
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = (package or module_name(path)).split(".")
                base = base[: len(base) - node.level + 1]
                yield ".".join([*base, node.module] if node.module else base)
            elif node.module:
                yield node.module


def violations(sources: dict[str, Path]) -> list[str]:
    found = []
    for module, path in sorted(sources.items()):
        mine = layer_of(module)
        for target in imports(path):
            top = target.split(".")[0]
            if top in QT and not (mine == "gui" or module == "variorum.report.pdf"):
                found.append(f"{module} imports Qt ({target})")
            if top != "variorum" or target == "variorum":
                continue
            if (module, target) in ALLOWED or any(
                module.startswith(a) and target == b for a, b in ALLOWED
            ):
                continue
            theirs = layer_of(target)
            if theirs not in MAY_IMPORT[mine]:
                found.append(f"{module} ({mine}) imports {target} ({theirs})")
    return found


def package_sources() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    parts = {p for p in parts if not p.startswith((".", "__pycache__"))} - {"__pycache__"}
    assert parts - {"common_words"} <= set(LAYERS), parts - set(LAYERS)


def test_no_module_imports_across_its_layer() -> None:
    assert violations(package_sources()) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("variorum.engine.bad", "from variorum.gui.window import MainWindow\n", "engine"),
        ("variorum.engine.bad", "import PySide6.QtCore\n", "Qt"),
        ("variorum.session.bad", "def f():\n    from variorum.gui import app\n", "gui"),
        ("variorum.report.bad", "from PySide6.QtGui import QTextDocument\n", "Qt"),
        ("variorum.engine.bad", "from variorum.session import Session\n", "headless"),
    ],
)
def test_a_forbidden_import_is_caught(
    tmp_path: Path, module: str, source: str, expected: str
) -> None:
    parts = module.split(".")
    path = tmp_path.joinpath(*parts).with_suffix(".py")
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    sources = {module: path}

    global APP
    saved, APP = APP, tmp_path
    try:
        found = violations(sources)
    finally:
        APP = saved
    assert len(found) == 1 and expected in found[0], found


def import_graph(sources: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package modules it imports (inside functions too; not the imports
    under ``if TYPE_CHECKING``, which never run)."""

    def resolve(target: str) -> str | None:
        while target not in sources:
            if "." not in target:
                return None
            target = target.rsplit(".", 1)[0]
        return target

    graph: dict[str, set[str]] = {}
    for module, path in sources.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)
        }
        out: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for t in targets:
                found = resolve(t) if t.startswith("variorum") else None
                if found and found != module and found != "variorum":
                    out.add(found)
                    break
        graph[module] = out
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph`` (strongly connected parts of more than one module)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_circular_imports_even_inside_functions() -> None:
    assert cycles(import_graph(package_sources())) == []


def test_a_circular_import_is_caught(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def f():\n    from variorum.b import g\n")
    (tmp_path / "b.py").write_text("from variorum.a import f\n")
    sources = {"variorum.a": tmp_path / "a.py", "variorum.b": tmp_path / "b.py"}
    assert cycles(import_graph(sources)) == [["variorum.a", "variorum.b"]]


def test_the_architecture_document_names_every_part() -> None:
    doc = (APP.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [part for part in LAYERS if part != "__init__" and f"`{part}`" not in doc]
    assert missing == []
