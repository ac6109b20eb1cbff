"""Every action, its text, shortcut and place, declared in one table (Picard/Meld style).

Actions are named by :class:`ActionId` and created only from :data:`ACTIONS` (by
:func:`create_actions` or :func:`create_action`). Each has a :class:`Scope`: the window's own
actions sit in :data:`MENUS` and start disabled until the window connects them; a widget's
actions (the versions list, the set-aside lines, the grid) are created by that widget, with
keys that work only while it has focus. To add a command: an ``ActionId`` member, an
``ActionSpec`` in ``ACTIONS`` and, for the window, its place in ``MENUS``.
``tests/gui/test_shortcuts.py`` checks that no two shortcuts that can be live at once collide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Qt
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
    # the versions list (its context menu and buttons)
    VERSION_USE_AS_BASE = "version_use_as_base"
    VERSION_RENAME = "version_rename"
    VERSION_MOVE_UP = "version_move_up"
    VERSION_MOVE_DOWN = "version_move_down"
    VERSION_INCLUDE = "version_include"
    VERSION_REPLACE = "version_replace"
    VERSION_REMOVE = "version_remove"
    VERSION_ADD = "version_add"
    # a set-aside line under the versions list
    TREAT_AS_TEXT = "treat_as_text"
    # the grid (its keys and context menu)
    GRID_COPY_TEXT = "grid_copy_text"
    GRID_USE_AS_BASE = "grid_use_as_base"


class Scope(StrEnum):
    """Where an action lives, so where its keys are live."""

    WINDOW = "window"  # anywhere in the window; in a menu
    VERSIONS = "versions"  # while the versions list has focus
    SET_ASIDE = "set_aside"  # while a list of set-aside lines has focus
    GRID = "grid"  # while the grid has focus
    FIND_BAR = "find_bar"  # while the find field has focus (keys only, no actions)


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
    scope: Scope = Scope.WINDOW


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
    ActionSpec(ActionId.VERSION_USE_AS_BASE, "Use as &Base", (),
               "Compare every other version against this one", scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_RENAME, "&Rename", ("F2",), scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_MOVE_UP, "Move &Up", ("Ctrl+Shift+Up",), scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_MOVE_DOWN, "Move &Down", ("Ctrl+Shift+Down",),
               scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_INCLUDE, "&Include in Comparison", (), checkable=True,
               scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_REPLACE, "Re&place with Another File…", (),
               scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_REMOVE, "Remo&ve", (StandardKey.Delete,), scope=Scope.VERSIONS),
    ActionSpec(ActionId.VERSION_ADD, "&Add Article…", (), "Add article files as more versions",
               scope=Scope.VERSIONS),
    # The line lists read these keys themselves (they are the keys a list item activates
    # with); the menu shows them and the collision test sees them.
    ActionSpec(ActionId.TREAT_AS_TEXT, "&Treat as Article Text", ("Return", "Enter"),
               "Put the selected line back into the article, to be compared",
               scope=Scope.SET_ASIDE),
    ActionSpec(ActionId.GRID_COPY_TEXT, "&Copy Text", (StandardKey.Copy,),
               "Copy the current cell's own words", scope=Scope.GRID),
    ActionSpec(ActionId.GRID_USE_AS_BASE, "Use {label} as &Base", (), scope=Scope.GRID),
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

# Keys a widget reads itself, with no action; listed so the collision test sees them.
WIDGET_SHORTCUTS: dict[str, tuple[Scope, tuple[str, ...]]] = {
    "find bar: next match": (Scope.FIND_BAR, ("Return",)),
    "find bar: previous match": (Scope.FIND_BAR, ("Shift+Return",)),
    "find bar: close": (Scope.FIND_BAR, ("Escape",)),
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


def create_action(action_id: ActionId, parent: QObject) -> QAction:
    """One action from its spec. A widget's action has keys only while the widget has focus;
    the widget adds it to itself (``widget.addAction``) and enables it as it sees fit."""
    s = spec(action_id)
    act = QAction(s.text, parent)
    act.setObjectName(f"action_{s.id.value}")
    act.setShortcuts(key_sequences(s))
    act.setToolTip(tooltip_text(s))
    act.setStatusTip(s.tip)
    act.setCheckable(s.checkable)
    if s.scope is not Scope.WINDOW:
        act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    return act


def create_actions(parent: QObject, scope: Scope = Scope.WINDOW) -> dict[ActionId, QAction]:
    """Every action of ``scope``; the window's start disabled (enabled when connected)."""
    actions: dict[ActionId, QAction] = {}
    for s in ACTIONS:
        if s.scope is scope:
            act = create_action(s.id, parent)
            act.setEnabled(scope is not Scope.WINDOW)
            actions[s.id] = act
    return actions


@dataclass(frozen=True)
class Binding:
    scope: Scope
    keys: tuple[QKeySequence, ...]


def all_bindings() -> Mapping[str, Binding]:
    """Every shortcut by owner name with where it is live (the collision test reads this)."""
    table: dict[str, Binding] = {
        s.id.value: Binding(s.scope, tuple(key_sequences(s))) for s in ACTIONS
    }
    for owner, (scope, keys) in WIDGET_SHORTCUTS.items():
        table[owner] = Binding(scope, tuple(QKeySequence(k) for k in keys))
    return table


def may_collide(a: Scope, b: Scope) -> bool:
    """Whether keys of the two scopes can be live at once: the window's keys are live
    everywhere, a widget's only while it has focus, and one widget has focus at a time."""
    return a is Scope.WINDOW or b is Scope.WINDOW or a is b
