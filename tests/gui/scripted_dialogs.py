"""A scripted stand-in for ``SessionDialogs``: answers from lists, records what was asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from variorum.gui.session_actions import Choice, RecoveryChoice
from variorum.session import ChangedSource, Recovery, SessionError


@dataclass
class ScriptedDialogs:
    """Answers the controller's questions from lists, recording what was asked."""

    save_answers: list[Choice] = field(default_factory=list)
    save_paths: list[Path | None] = field(default_factory=list)
    open_paths: list[Path | None] = field(default_factory=list)
    reload_answer: bool = False
    recovery_answers: list[RecoveryChoice] = field(default_factory=list)
    errors: list[SessionError] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    reload_offers: list[tuple[ChangedSource, ...]] = field(default_factory=list)

    def save_changes(self, name: str) -> Choice:
        self.asked.append(f"save changes to {name}")
        return self.save_answers.pop(0)

    def save_path(self, suggested: Path) -> Path | None:
        self.asked.append("save path")
        return self.save_paths.pop(0)

    def open_path(self) -> Path | None:
        self.asked.append("open path")
        return self.open_paths.pop(0)

    def error(self, title: str, error: SessionError) -> None:
        self.errors.append(error)

    def reload_changed(self, changes: tuple[ChangedSource, ...]) -> bool:
        self.asked.append(f"reload {', '.join(c.label for c in changes)}")
        self.reload_offers.append(changes)
        return self.reload_answer

    def recover(self, recovery: Recovery) -> RecoveryChoice:
        self.asked.append("recover")
        return self.recovery_answers.pop(0)
