"""Every window action, its text, shortcut and menu, declared in one table (Picard/Meld style).

Actions are named by :class:`ActionId` and created only by :func:`create_actions`; menus are
built from :data:`MENUS`. To add a command: add an ``ActionId`` member, an ``ActionSpec`` in
``ACTIONS`` and its place in ``MENUS``, then connect it (``window.action(ActionId.X)``).
An action nobody connects stays disabled. ``tests/gui/test_shortcuts.py`` checks that no two
shortcuts collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

StandardKey = QKeySequence.StandardKey


class ActionId(StrEnum):
    OPEN_ARTICLES = "open_articles"
    ADD_ARTICLE = "add_article"
    PASTE_VERSION = "paste_version"
    OPEN_SESSION = "open_session"
    SAVE_SESSION = "save_session"
    SAVE_SESSION_AS = "save_session_as"
    PRINT = "print"
    PRINT_PREVIEW = "print_preview"
    EXPORT_PDF = "export_pdf"
    EXPORT_HTML = "export_html"
    OPEN_SAMPLE = "open_sample"
    CLOSE_COMPARISON = "close_comparison"
    PREFERENCES = "preferences"
    UNDO = "undo"
    REDO = "redo"
    NOTE_ON_ROW = "note_on_row"
    QUIT = "quit"
    FIND = "find"
    FIND_NEXT = "find_next"
    FIND_PREVIOUS = "find_previous"
    NEXT_DIFFERENCE = "next_difference"
    PREVIOUS_DIFFERENCE = "previous_difference"
    NEXT_CLAIM = "next_claim"
    PREVIOUS_CLAIM = "previous_claim"
    NEXT_DISAGREEMENT = "next_disagreement"
    PREVIOUS_DISAGREEMENT = "previous_disagreement"
    JUMP_TO_MOVED = "jump_to_moved"
    NEXT_REVISION = "next_revision"
    PREVIOUS_REVISION = "previous_revision"
    DIFFERENCES_ONLY = "differences_only"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    ZOOM_RESET = "zoom_reset"
    FOCUS_GRID = "focus_grid"
    FOCUS_VERSIONS = "focus_versions"
    FOCUS_CLAIMS = "focus_claims"
    FOCUS_SIMILARITY = "focus_similarity"
    ABOUT = "about"


class Menu(StrEnum):
    FILE = "&File"
    EDIT = "&Edit"
    VIEW = "&View"
    GO = "&Go"
    HELP = "&Help"


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    text: str  # with & mnemonic
    shortcuts: tuple[str | StandardKey, ...] = ()  # first one is shown in menus and tooltips
    tip: str = ""
    checkable: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(ActionId.OPEN_ARTICLES, "&Open Articles…", (StandardKey.Open,),
               "Compare article files (replaces the current comparison)"),
    ActionSpec(ActionId.ADD_ARTICLE, "&Add Article…", ("Ctrl+Shift+O",),
               "Add article files as more versions"),
    ActionSpec(ActionId.PASTE_VERSION, "&Paste as New Version", ("Ctrl+Shift+V",),
               "Add the clipboard text as a version"),
    ActionSpec(ActionId.OPEN_SESSION, "Open &Session…", ("Ctrl+Alt+O",),
               "Open a saved Variorum session"),
    ActionSpec(ActionId.SAVE_SESSION, "&Save Session", (StandardKey.Save,),
               "Save the comparison, your verdicts and notes as a session file"),
    ActionSpec(ActionId.SAVE_SESSION_AS, "Save Session &As…", (StandardKey.SaveAs,
               "Ctrl+Shift+S"), "Save the session under a new name"),
    ActionSpec(ActionId.PRINT, "&Print Report…", (StandardKey.Print,),
               "Print the comparison report"),
    ActionSpec(ActionId.PRINT_PREVIEW, "Print Pre&view…", ("Ctrl+Shift+P",),
               "Preview the printed comparison report"),
    ActionSpec(ActionId.EXPORT_PDF, "&Export Report as PDF…", ("Ctrl+Shift+E",),
               "Save the comparison report as a PDF file"),
    ActionSpec(ActionId.EXPORT_HTML, "Export Report as &HTML…", (),
               "Save the comparison report as a web page"),
    ActionSpec(ActionId.OPEN_SAMPLE, "Open the Sa&mple Comparison", (),
               "Compare the five sample articles shipped with Variorum"),
    ActionSpec(ActionId.CLOSE_COMPARISON, "&Close Comparison", (StandardKey.Close, "Ctrl+W"),
               "Close these articles and return to the start page (asks to save first)"),
    ActionSpec(ActionId.PREFERENCES, "Pr&eferences…", ("Ctrl+,",),
               "Similarity threshold, granularity and what to ignore"),
    ActionSpec(ActionId.QUIT, "&Quit", ("Ctrl+Q",)),
    ActionSpec(ActionId.UNDO, "&Undo", (StandardKey.Undo,),
               "Undo the last change to the versions (add, remove, rename, reorder, base)"),
    ActionSpec(ActionId.REDO, "&Redo", (StandardKey.Redo,)),
    ActionSpec(ActionId.NOTE_ON_ROW, "&Note on Row…", ("Ctrl+Alt+N",),
               "Write a note on the selected row; it is saved with the session"),
    ActionSpec(ActionId.FIND, "&Find…", (StandardKey.Find,), "Find text in every version"),
    ActionSpec(ActionId.FIND_NEXT, "Find Ne&xt", ("F3",)),
    ActionSpec(ActionId.FIND_PREVIOUS, "Find Pre&vious", ("Shift+F3",)),
    ActionSpec(ActionId.NEXT_DIFFERENCE, "&Next Difference", ("Alt+Down",),
               "Go to the next row whose versions differ"),
    ActionSpec(ActionId.PREVIOUS_DIFFERENCE, "&Previous Difference", ("Alt+Up",),
               "Go to the previous row whose versions differ"),
    ActionSpec(ActionId.NEXT_CLAIM, "Next &Claim", ("Alt+Shift+Down", "F8"),
               "Go to the next claim only one version makes"),
    ActionSpec(ActionId.PREVIOUS_CLAIM, "Previous C&laim", ("Alt+Shift+Up", "Shift+F8"),
               "Go to the previous claim only one version makes"),
    ActionSpec(ActionId.NEXT_DISAGREEMENT, "Next Dis&agreement", ("F7", "Alt+PgDown"),
               "Go to the next fact the versions state differently"),
    ActionSpec(ActionId.PREVIOUS_DISAGREEMENT, "Previous Disa&greement", ("Shift+F7", "Alt+PgUp"),
               "Go to the previous fact the versions state differently"),
    ActionSpec(ActionId.JUMP_TO_MOVED, "&Jump to Reading Order", ("Ctrl+J",),
               "For moved text: go to where it sits in its version's reading order"),
    ActionSpec(ActionId.NEXT_REVISION, "Next &Revision", ("Alt+Right",),
               "Dated versions: show the next revision, what it added, removed and changed"),
    ActionSpec(ActionId.PREVIOUS_REVISION, "Previous Re&vision", ("Alt+Left",),
               "Dated versions: show the previous revision"),
    ActionSpec(ActionId.DIFFERENCES_ONLY, "&Differences Only", ("Ctrl+D",),
               "Hide rows every version words identically", checkable=True),
    ActionSpec(ActionId.ZOOM_IN, "Zoom &In", (StandardKey.ZoomIn, "Ctrl+=")),
    ActionSpec(ActionId.ZOOM_OUT, "Zoom &Out", (StandardKey.ZoomOut,)),
    ActionSpec(ActionId.ZOOM_RESET, "&Reset Zoom", ("Ctrl+0",)),
    ActionSpec(ActionId.FOCUS_GRID, "Focus &Comparison", ("Ctrl+1",)),
    ActionSpec(ActionId.FOCUS_VERSIONS, "Focus &Versions", ("Ctrl+2",)),
    ActionSpec(ActionId.FOCUS_CLAIMS, "Focus Cl&aims", ("Ctrl+3",)),
    ActionSpec(ActionId.FOCUS_SIMILARITY, "Focus &Similarity", ("Ctrl+4",)),
    ActionSpec(ActionId.ABOUT, "&About Variorum", ()),
)  # fmt: skip

SEPARATOR = None
RECENT_SESSIONS = "recent_sessions"  # the place of the Recent Sessions submenu

MENUS: dict[Menu, tuple[ActionId | str | None, ...]] = {
    Menu.FILE: (
        ActionId.OPEN_ARTICLES,
        ActionId.ADD_ARTICLE,
        ActionId.PASTE_VERSION,
        SEPARATOR,
        ActionId.OPEN_SESSION,
        RECENT_SESSIONS,
        ActionId.SAVE_SESSION,
        ActionId.SAVE_SESSION_AS,
        ActionId.OPEN_SAMPLE,
        SEPARATOR,
        ActionId.PRINT,
        ActionId.PRINT_PREVIEW,
        ActionId.EXPORT_PDF,
        ActionId.EXPORT_HTML,
        SEPARATOR,
        ActionId.CLOSE_COMPARISON,
        ActionId.PREFERENCES,
        SEPARATOR,
        ActionId.QUIT,
    ),
    Menu.EDIT: (
        ActionId.UNDO,
        ActionId.REDO,
        SEPARATOR,
        ActionId.NOTE_ON_ROW,
    ),
    Menu.VIEW: (
        ActionId.DIFFERENCES_ONLY,
        SEPARATOR,
        ActionId.ZOOM_IN,
        ActionId.ZOOM_OUT,
        ActionId.ZOOM_RESET,
        SEPARATOR,
        ActionId.FOCUS_GRID,
        ActionId.FOCUS_VERSIONS,
        ActionId.FOCUS_CLAIMS,
        ActionId.FOCUS_SIMILARITY,
    ),
    Menu.GO: (
        ActionId.NEXT_DIFFERENCE,
        ActionId.PREVIOUS_DIFFERENCE,
        ActionId.NEXT_CLAIM,
        ActionId.PREVIOUS_CLAIM,
        ActionId.NEXT_DISAGREEMENT,
        ActionId.PREVIOUS_DISAGREEMENT,
        ActionId.JUMP_TO_MOVED,
        SEPARATOR,
        ActionId.NEXT_REVISION,
        ActionId.PREVIOUS_REVISION,
        SEPARATOR,
        ActionId.FIND,
        ActionId.FIND_NEXT,
        ActionId.FIND_PREVIOUS,
    ),
    Menu.HELP: (ActionId.ABOUT,),
}

TOOLBAR: tuple[ActionId | None, ...] = (
    ActionId.OPEN_ARTICLES,
    ActionId.ADD_ARTICLE,
    ActionId.SAVE_SESSION,
    SEPARATOR,
    ActionId.PREVIOUS_DIFFERENCE,
    ActionId.NEXT_DIFFERENCE,
    ActionId.PREVIOUS_CLAIM,
    ActionId.NEXT_CLAIM,
    SEPARATOR,
    ActionId.DIFFERENCES_ONLY,
    ActionId.FIND,
    SEPARATOR,
    ActionId.EXPORT_PDF,
)

# Keys used by widgets rather than window actions; listed so the collision test sees them.
WIDGET_SHORTCUTS: dict[str, tuple[str, ...]] = {
    "find bar: next match": ("Return",),
    "find bar: previous match": ("Shift+Return",),
    "find bar: close": ("Escape",),
    "grid: copy the current cell's text": ("Ctrl+C",),
}


def spec(action_id: ActionId) -> ActionSpec:
    for s in ACTIONS:
        if s.id is action_id:
            return s
    raise KeyError(action_id)


def key_sequences(s: ActionSpec) -> list[QKeySequence]:
    """Every key sequence of ``s`` on this platform (a standard key may expand to several)."""
    out: list[QKeySequence] = []
    for k in s.shortcuts:
        if isinstance(k, StandardKey):
            out.extend(QKeySequence.keyBindings(k))
        else:
            out.append(QKeySequence(k))
    unique: dict[str, QKeySequence] = {}
    for q in out:
        if not q.isEmpty():
            unique.setdefault(q.toString(QKeySequence.SequenceFormat.PortableText), q)
    return list(unique.values())


def tooltip_text(s: ActionSpec) -> str:
    tip = s.tip or s.text.replace("&", "").rstrip("…")
    keys = key_sequences(s)
    if keys:
        tip += f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
    return tip


def create_actions(parent: QObject) -> dict[ActionId, QAction]:
    actions: dict[ActionId, QAction] = {}
    for s in ACTIONS:
        act = QAction(s.text, parent)
        act.setObjectName(f"action_{s.id.value}")
        act.setShortcuts(key_sequences(s))
        act.setToolTip(tooltip_text(s))
        act.setStatusTip(s.tip)
        act.setCheckable(s.checkable)
        act.setEnabled(False)  # enabled when the window connects a handler
        actions[s.id] = act
    return actions


def all_bindings() -> Mapping[str, list[QKeySequence]]:
    """Every shortcut of the window by owner name (the collision test reads this)."""
    table: dict[str, list[QKeySequence]] = {s.id.value: key_sequences(s) for s in ACTIONS}
    for owner, keys in WIDGET_SHORTCUTS.items():
        table[owner] = [QKeySequence(k) for k in keys]
    return table
