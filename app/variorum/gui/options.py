"""Every user preference declared in one place, and where preferences and window state live.

Preferences (analysis options, display choices) go to ``prefs.json`` in the platform's
config dir; window geometry and panel layout go to ``window.json`` in its state dir. Both
are kept apart from sessions. ``VARIORUM_CONFIG_DIR`` / ``VARIORUM_STATE_DIR`` override
the folders (tests point them at temporary dirs). Unreadable files fall back to defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from variorum.atomic import atomic_write_text
from variorum.engine.model import Granularity, Settings, threshold_problem

APP_DIR_NAME = "variorum"
CONFIG_ENV = "VARIORUM_CONFIG_DIR"
STATE_ENV = "VARIORUM_STATE_DIR"
ZOOM_STEPS = (-4, 12)  # font size offset range in points (Ctrl+- / Ctrl++)


def config_dir() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir(APP_DIR_NAME))


def state_dir() -> Path:
    return Path(os.environ.get(STATE_ENV) or platformdirs.user_state_dir(APP_DIR_NAME))


@dataclass(frozen=True)
class Preferences:
    """The user's choices; analysis options map onto ``Settings`` (see ``settings``)."""

    threshold: float = Settings.threshold
    granularity: Granularity = Settings.granularity
    ignore_case: bool = Settings.ignore_case
    ignore_punctuation: bool = Settings.ignore_punctuation
    ignore_quote_style: bool = Settings.ignore_quote_style
    differences_only: bool = False
    match_paraphrases: bool = Settings.match_paraphrases

    def settings(self, base: str | None) -> Settings:
        return Settings(
            threshold=self.threshold,
            granularity=self.granularity,
            ignore_case=self.ignore_case,
            ignore_punctuation=self.ignore_punctuation,
            ignore_quote_style=self.ignore_quote_style,
            base=base,
            match_paraphrases=self.match_paraphrases,
        )

    def analysis_differs(self, other: Preferences) -> bool:
        return self.settings(None) != other.settings(None)


def _coerce(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, Granularity):
        return Granularity(raw)
    if isinstance(default, bool):
        if not isinstance(raw, bool):
            raise TypeError(name)
        return raw
    if isinstance(default, float):
        if name == "threshold" and threshold_problem(raw) is not None:
            raise ValueError(name)
        return float(raw)
    raise TypeError(name)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_preferences(folder: Path | None = None) -> Preferences:
    """Saved preferences; a missing, damaged or out-of-range value keeps its default."""
    data = _read_json((folder or config_dir()) / "prefs.json")
    prefs = Preferences()
    for f in fields(Preferences):
        if f.name in data:
            try:
                prefs = replace(prefs, **{f.name: _coerce(f.name, data[f.name], f.default)})
            except (TypeError, ValueError):
                continue
    return prefs


def save_preferences(prefs: Preferences, folder: Path | None = None) -> None:
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / "prefs.json", json.dumps(asdict(prefs), indent=2) + "\n")


@dataclass(frozen=True)
class WindowState:
    """Geometry and layout blobs from Qt (base64 text) plus the zoom step."""

    geometry: str = ""
    layout: str = ""
    zoom: int = 0


def load_window_state(folder: Path | None = None) -> WindowState:
    data = _read_json((folder or state_dir()) / "window.json")
    zoom = data.get("zoom", 0)
    return WindowState(
        geometry=str(data.get("geometry", "")),
        layout=str(data.get("layout", "")),
        zoom=min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[1]) if isinstance(zoom, int) else 0,
    )


def save_window_state(state: WindowState, folder: Path | None = None) -> None:
    folder = folder or state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / "window.json", json.dumps(asdict(state), indent=2) + "\n")
